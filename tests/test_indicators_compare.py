"""Cross-region comparison on the five documents: levels and units are always explicit."""

from __future__ import annotations

import hashlib

import pytest

from dangjian import compare
from dangjian.indicators import extract, load_taxonomy
from dangjian.pipeline import process_corpus
from dangjian.plotting import save_figure, setup_cjk_font


@pytest.fixture(scope="module")
def corpus(raw_dir):
    processed = process_corpus(raw_dir)
    return extract(processed), processed.document_table


def test_region_labels_fall_back_to_the_most_local_place_and_show_the_level(corpus):
    _, documents = corpus
    labels = compare.region_labels(documents).set_index("doc_id")["region_label"].to_dict()
    assert labels["pingliang-2024"] == "平凉市 (prefecture)"
    assert labels["town-speech"] == "(unnamed town) (township)"
    assert labels["national-2020"] == "全国 (national)"
    with pytest.raises(KeyError, match="province_name"):
        compare.region_labels(documents, "province_name")


def test_coverage_counts_every_quantity_once_by_region_and_category(corpus):
    table, documents = corpus
    categories = list(load_taxonomy().categories)
    counts = compare.coverage(table, documents, categories=categories)
    assert counts.to_numpy().sum() == len(table)
    assert list(counts.columns) == categories + [compare.UNMAPPED]
    assert counts.index[0] == "全国 (national)" and counts.index[-1] == "(unnamed town) (township)"
    assert counts.loc["平凉市 (prefecture)", "training"] == int(
        ((table["doc_id"] == "pingliang-2024") & (table["category"] == "training")).sum()
    )


def test_density_is_per_thousand_clean_characters(corpus):
    table, documents = corpus
    dense = compare.density(table, documents).set_index("doc_id")
    row = dense.loc["pingliang-2024"]
    assert row["quantities"] == (table["doc_id"] == "pingliang-2024").sum()
    assert row["per_1000_chars"] == round(1000 * row["quantities"] / row["clean_chars"], 2)
    assert dense["per_1000_chars"].idxmin() == "national-2020"  # guidance states few numbers


def test_shared_indicators_keep_level_unit_and_precision(corpus):
    table, documents = corpus
    shared = compare.shared_indicators(table, documents)
    assert (shared["regions"] >= 2).all()
    assert shared["indicator"].nunique() >= 8
    assert shared["level"].isin(compare.LEVEL_ORDER).all()
    served = shared[shared["indicator"] == "people_served"].set_index("doc_id")["value"]
    assert served["pingliang-2024"] == ">9000 人次"
    reserve = shared[shared["indicator"] == "reserve_cadres"].set_index("doc_id")["value"]
    assert reserve["national-2020"] == "1–2 名"
    wide = compare.side_by_side(shared)
    assert {"平凉市 (prefecture)", "(unnamed district) (county)", "全国 (national)"} <= set(wide.columns)
    cell = wide[(wide["indicator"] == "reserve_cadres")].iloc[0]["平凉市 (prefecture)"]
    assert cell.startswith("3302 名（") and "后备力量" in cell


def test_figures_are_drawn_and_saved_identically_twice(corpus, tmp_path):
    setup_cjk_font()
    table, documents = corpus
    categories = load_taxonomy().categories
    figures = {
        "coverage": compare.plot_coverage(compare.coverage(table, documents, categories=list(categories))),
        "density": compare.plot_density(compare.density(table, documents)),
        "shared": compare.plot_shared(compare.shared_indicators(table, documents)),
    }
    digests = []
    for attempt in ("a", "b"):
        for name, figure in figures.items():
            paths = save_figure(figure, name, tmp_path / attempt)
            digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in paths])
    assert digests[:3] == digests[3:]
    assert len(figures["shared"].axes) >= 8
