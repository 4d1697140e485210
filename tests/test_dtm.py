"""Document-term matrices at every unit of the five documents, grouped by metadata columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.dtm import UNITS, MISSING_LABEL, TermMatrixBuilder, build_dtm, unit_table
from dangjian.tokens.tokenize import DomainTokenizer


@pytest.fixture(scope="module")
def processed(raw_dir):
    return process_corpus(raw_dir)


@pytest.fixture(scope="module")
def tokenizer():
    return DomainTokenizer()


def test_unit_tables_carry_text_and_metadata(processed):
    for unit in UNITS:
        table = unit_table(processed, unit)
        assert {"doc_id", "text", "region", "level", "year", "genre"} <= set(table.columns), unit
        assert set(table.doc_id) == set(processed.clean_texts)
    paragraphs = unit_table(processed, "paragraph")
    sections = unit_table(processed, "section")
    assert sections.paragraphs.sum() == len(paragraphs)
    assert sections.groupby("doc_id").size()["town-speech"] == 10  # preamble + nine numbered subsections
    with pytest.raises(ValueError, match="unknown unit 'chapter'"):
        unit_table(processed, "chapter")


def test_group_totals_do_not_depend_on_the_unit(processed, tokenizer):
    reference = build_dtm(unit_table(processed, "document"), tokenizer, group_col="level").to_frame()
    for unit in ("section", "paragraph", "sentence"):
        frame = build_dtm(unit_table(processed, unit), tokenizer, group_col="level").to_frame()
        pd.testing.assert_frame_equal(frame, reference, obj=unit)


def test_grouped_matrix_is_the_sum_of_its_units(processed, tokenizer):
    paragraphs = unit_table(processed, "paragraph")
    by_unit = build_dtm(paragraphs, tokenizer)
    by_region = build_dtm(paragraphs, tokenizer, group_col="region")
    assert list(by_unit.terms) == list(by_region.terms)
    labels = paragraphs.region.replace("", MISSING_LABEL)
    for i, region in enumerate(by_region.labels):
        rows = np.flatnonzero((labels == region).to_numpy())
        assert (by_region.counts[i].toarray() == by_unit.counts[rows].sum(axis=0)).all()
        assert (by_region.docfreq[i].toarray() == (by_unit.counts[rows] > 0).sum(axis=0)).all()
        assert by_region.rows.loc[i, "units"] == len(rows)
    # the town speech has no region: it is kept under a visible label, not dropped
    assert MISSING_LABEL in by_region.labels
    assert by_region.tokens.sum() == by_unit.tokens.sum() == by_unit.counts.sum()


def test_tokens_count_every_kept_token_even_below_min_count(processed, tokenizer):
    documents = unit_table(processed, "document")
    full = build_dtm(documents, tokenizer, group_col="doc_id")
    frequent = build_dtm(documents, tokenizer, group_col="doc_id", min_count=5)
    assert len(frequent.terms) < len(full.terms)
    assert (np.asarray(frequent.counts.sum(axis=0)).ravel() >= 5).all()
    assert frequent.tokens.tolist() == full.tokens.tolist()
    expected = [len(tokenizer(text)) for text in documents.sort_values("doc_id").text]
    assert full.tokens.tolist() == expected


def test_builder_learns_vocabulary_in_fit(tokenizer):
    train = pd.DataFrame({"text": ["乡村振兴 第一书记", "乡村振兴"], "g": ["a", "b"]})
    other = pd.DataFrame({"text": ["网格化管理 乡村振兴"], "g": ["c"]})
    builder = TermMatrixBuilder(tokenizer, group_col="g").fit(train)
    matrix = builder.transform(other)
    assert matrix.terms.tolist() == ["乡村振兴", "第一书记"]
    assert matrix.counts.toarray().tolist() == [[1, 0]]
    assert matrix.tokens.tolist() == [2]  # 网格化管理 is counted in the size, not as a column


def test_tfidf_weighting_and_errors(tokenizer):
    units = pd.DataFrame({"text": ["乡村振兴 第一书记", "乡村振兴"], "region": ["甲", "乙"]})
    weights = build_dtm(units, tokenizer, group_col="region", weighting="tfidf").to_frame("weights")
    assert np.allclose((weights ** 2).sum(axis=1), 1.0)
    with pytest.raises(KeyError, match="province"):
        build_dtm(units, tokenizer, group_col="province")
    with pytest.raises(ValueError, match="weighting"):
        build_dtm(units, tokenizer, weighting="bm25")
    with pytest.raises(TypeError, match="non-text"):
        build_dtm(pd.DataFrame({"text": ["乡村振兴", None]}), tokenizer)


def test_grouping_a_unit_matrix_equals_building_it_grouped(processed, tokenizer):
    paragraphs = unit_table(processed, "paragraph")
    by_unit = build_dtm(paragraphs, tokenizer)
    for column in ("region", "level", "year"):
        direct = build_dtm(paragraphs, tokenizer, group_col=column)
        grouped = by_unit.group(column)
        pd.testing.assert_frame_equal(grouped.rows, direct.rows, obj=column)
        assert (grouped.counts != direct.counts).nnz == 0 and (grouped.docfreq != direct.docfreq).nnz == 0
        assert (grouped.doc_docfreq != direct.doc_docfreq).nnz == 0
    years = build_dtm(paragraphs, tokenizer, group_col="year")
    # metadata: 2019, 2020, 2023 one document each, 2024 two
    assert dict(zip(years.labels, years.rows.docs, strict=True)) == {"2019": 1, "2020": 1, "2023": 1, "2024": 2}


def test_documents_containing_each_term_per_group():
    units = pd.DataFrame({"text": ["乡村振兴", "乡村振兴 第一书记", "乡村振兴", "第一书记"],
                          "doc_id": ["a", "a", "b", "c"], "g": ["x", "x", "x", "y"]})
    matrix = build_dtm(units, group_col="g")
    assert matrix.rows.docs.tolist() == [2, 1]
    assert matrix.terms.tolist() == ["乡村振兴", "第一书记"]
    # 乡村振兴: three units of x but two documents; 第一书记: one document in each group
    assert matrix.docfreq.toarray().tolist() == [[3, 1], [0, 1]]
    assert matrix.doc_docfreq.toarray().tolist() == [[2, 1], [0, 1]]
    assert matrix.select_terms(np.array([False, True])).doc_docfreq.toarray().tolist() == [[1], [1]]
    assert build_dtm(units.drop(columns="doc_id"), group_col="g").doc_docfreq is None
