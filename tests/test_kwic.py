"""Keyword in context on the corpus tables of the five documents of data/raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.running.tables import CorpusTables, process_tables
from dangjian.tokens.kwic import kwic, kwic_summary

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> CorpusTables:
    out = tmp_path_factory.mktemp("kwic") / "tables"
    process_tables(RAW, out)
    return CorpusTables(out)


@pytest.mark.parametrize("term", ["党建", "第一书记", "网格"])
def test_every_occurrence_is_found_and_points_into_the_clean_text(tables, term):
    table = kwic(tables.sentences, term, window=10)
    texts = tables.clean_texts
    assert len(table) == sum(text.count(term) for text in texts.values()) > 0
    for row in table.itertuples():
        text = texts[row.doc_id]
        assert text[row.start:row.end] == term
        assert text[row.start - len(row.left):row.start] == row.left
        assert text[row.end:row.end + len(row.right)] == row.right
        assert len(row.left) <= 10 and len(row.right) <= 10 and term in row.sentence


def test_the_table_carries_each_document_s_region_level_and_year(tables):
    table = kwic(tables.sentences, "党建")
    documents = tables.document_table.set_index("doc_id")
    for column in ("region", "level", "year"):
        expected = documents.loc[table["doc_id"], column].fillna("").astype(str).tolist()
        assert table[column].fillna("").astype(str).tolist() == expected


def test_the_summary_counts_occurrences_and_documents_per_group(tables):
    table = kwic(tables.sentences, "党建")
    summary = kwic_summary(table, by=["level"])
    assert summary["occurrences"].sum() == len(table)
    for row in summary.itertuples():
        assert row.n_docs == table.loc[table["level"] == row.level, "doc_id"].nunique()


def test_a_term_absent_from_the_corpus_gives_an_empty_table_with_its_columns(tables):
    table = kwic(tables.sentences, "量子计算")
    assert table.empty and {"doc_id", "left", "term", "right", "start"} <= set(table.columns)


def test_bad_requests_are_refused_with_a_message(tables):
    with pytest.raises(ValueError, match="empty"):
        kwic(tables.sentences, " ")
    with pytest.raises(ValueError, match="window"):
        kwic(tables.sentences, "党建", window=-1)
