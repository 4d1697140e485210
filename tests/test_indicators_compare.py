"""Cross-region comparison on the five documents: like with like, levels, years and sources explicit."""

from __future__ import annotations

import hashlib
from pathlib import Path
import re

import pandas as pd
import pytest

from dangjian.comparison import compare
from dangjian.figures import indicators as plotting_indicators
from dangjian.comparison.drilldown import indicator_sources, linked_comparison
from dangjian.indicators import extract, load_taxonomy
from dangjian.indicators.core import KINDS
from dangjian.running import exports
from dangjian.reading.corpus import Document
from dangjian.segmentation.pipeline import process_corpus, process_document
from dangjian.figures.plotting import save_figure, setup_cjk_font


@pytest.fixture(scope="module")
def corpus(raw_dir):
    processed = process_corpus(raw_dir)
    return extract(processed), processed.document_table


@pytest.fixture(scope="module")
def rows(corpus):
    table, documents = corpus
    return compare.comparable(table, documents)


def test_region_labels_fall_back_to_the_most_local_place_and_show_the_level(corpus):
    _, documents = corpus
    labels = compare.region_labels(documents).set_index("doc_id")["region_label"].to_dict()
    assert labels["pingliang-2024"] == "平凉市 (prefecture)"
    assert labels["town-speech"] == "(unnamed town) (township)"
    assert labels["national-2020"] == "全国 (national)"
    with pytest.raises(KeyError, match="province_name"):
        compare.region_labels(documents, "province_name")


def test_groups_of_years_run_in_time_and_groups_of_places_from_the_centre_down(corpus):
    table, documents = corpus
    by_year = compare.comparison_table(compare.comparable(table, documents, "year"), "amount")
    years = [column.split(" ")[0] for column in by_year.columns[4:]]
    assert years == sorted(years) and len(set(years)) > 1
    by_region = compare.comparison_table(compare.comparable(table, documents), "amount")
    levels = [column.rsplit("(", 1)[1].rstrip(")") for column in by_region.columns[4:]]
    assert [compare.LEVEL_ORDER.index(level) for level in levels] == sorted(compare.LEVEL_ORDER.index(level) for level in levels)


def test_coverage_counts_every_quantity_once_by_region_and_category(corpus):
    table, documents = corpus
    categories = list(load_taxonomy().categories)
    counts = compare.coverage(table, documents, categories=categories)
    assert counts.to_numpy().sum() == int((~table["threshold"]).sum())  # thresholds measure nothing
    assert list(counts.columns) == categories + [compare.UNMAPPED]
    assert counts.index[0] == "全国 (national)" and counts.index[-1] == "(unnamed town) (township)"
    assert counts.loc["平凉市 (prefecture)", "training"] == int(
        ((table["doc_id"] == "pingliang-2024") & (table["category"] == "training") & ~table["threshold"]).sum()
    )


def test_density_is_per_thousand_clean_characters(corpus):
    table, documents = corpus
    dense = compare.density(table, documents).set_index("doc_id")
    for doc_id in ("pingliang-2024", "town-speech"):
        row, own = dense.loc[doc_id], table[table["doc_id"] == doc_id]
        assert row["thresholds"] == own["threshold"].sum()  # 超过20万元 and the like, counted apart
        assert row["quantities"] == (~own["threshold"]).sum()
        assert row["mapped"] == ((own["core_id"] != "") & ~own["threshold"]).sum()
    assert dense.loc["town-speech", "thresholds"] > 0
    row = dense.loc["pingliang-2024"]
    assert row["per_1000_chars"] == round(1000 * row["quantities"] / row["clean_chars"], 2)
    assert dense["per_1000_chars"].idxmin() == "national-2020"  # guidance states few numbers


def test_comparable_quantities_carry_core_indicator_kind_unit_class_level_year_and_document(corpus, rows):
    table, _ = corpus
    assert len(rows) == int(((table["core_id"] != "") & ~table["threshold"]).sum())
    assert set(rows["kind"]) <= set(KINDS) and (rows["core_id"] != "").all()
    assert rows["level"].isin(compare.LEVEL_ORDER).all()
    assert (rows["year"].str.fullmatch(r"\d{4}")).all() and rows["doc_id"].notna().all()
    reserve = rows[rows["core_id"] == "reserve_cadres"].set_index("surface")
    assert reserve.loc["1至2名", "value"] == "1–2 名" and reserve.loc["1至2名", "kind"] == "target"
    assert reserve.loc["3302名", "value"] == "3302 名" and reserve.loc["3302名", "year"] == "2024"


@pytest.mark.parametrize("kind", KINDS)
def test_each_table_holds_one_kind_and_one_unit_class_per_row(rows, kind):
    wide = compare.comparison_table(rows, kind)
    regions = [c for c in wide.columns if c not in ("core_id", "core_zh", "unit_class", "regions")]
    for record in wide.to_dict("records"):
        expected = rows[(rows["core_id"] == record["core_id"]) & (rows["unit_class"] == record["unit_class"]) & (rows["kind"] == kind)]
        cells = [cell for region in regions for cell in str(record[region]).split("；") if cell]
        assert len(cells) == len(expected)  # every number of that kind and unit class, and no other
        for cell in cells:
            assert re.search(r"（(?:.+ · )?20\d\d · [a-z0-9-]+(?: · ×\d+)?）$", cell)  # what, the year and the document of each number
    assert all(" (" in region for region in regions)  # the level in each column header


def test_a_stock_is_never_set_beside_a_change_nor_an_amount_beside_a_share(rows):
    amounts = compare.comparison_table(rows, "amount")
    changes = compare.comparison_table(rows, "change")
    shares = compare.comparison_table(rows, "share")
    income = amounts[amounts["core_id"] == "collective_income"].to_string()
    assert "310200 元" in income and "140700 元" not in income  # 村均收入 is a level, 平均增收 a change
    assert "140700 元" in changes[changes["core_id"] == "collective_income"].to_string()
    assert "%" not in amounts.to_string() and "%" in shares.to_string()
    villages = shares[shares["core_id"] == "villages_by_income"].iloc[0]
    assert "91.3 %（村村财收入超过20万元 · 2024 · town-speech）" in villages["(unnamed town) (township)"]
    reserve = amounts[(amounts["core_id"] == "reserve_cadres") & (amounts["unit_class"] == "person")].iloc[0]
    assert reserve["regions"] == 2 and reserve.get("全国 (national)", "") == ""  # the national 1–2 名 is a requirement


def test_comparison_table_refuses_an_unknown_kind(rows):
    with pytest.raises(ValueError, match="kinds are amount, share, change, target"):
        compare.comparison_table(rows, "stock")


def test_unmapped_quantities_are_grouped_by_subject_most_frequent_first(corpus):
    table, _ = corpus
    unmapped = compare.unmapped_subjects(table)
    assert unmapped["quantities"].sum() == int(((table["core_id"] == "") & ~table["threshold"]).sum())
    assert unmapped["quantities"].is_monotonic_decreasing
    assert "建立党建联系点" in set(unmapped["subject"])
    assert unmapped.empty or pd.api.types.is_integer_dtype(unmapped["unsure"])


def test_figures_are_drawn_and_saved_identically_twice(corpus, rows, tmp_path):
    setup_cjk_font()
    table, documents = corpus
    categories = load_taxonomy().categories
    figures = {
        "coverage": plotting_indicators.plot_coverage(compare.coverage(table, documents, categories=list(categories))),
        "density": plotting_indicators.plot_density(compare.density(table, documents)),
        "amounts": plotting_indicators.plot_comparison(rows, "amount"),
        "shares": plotting_indicators.plot_comparison(rows, "share"),
    }
    digests = []
    for attempt in ("a", "b"):
        for name, figure in figures.items():
            paths = save_figure(figure, name, tmp_path / attempt)
            digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in paths])
    assert digests[:4] == digests[4:]
    assert len([ax for ax in figures["amounts"].axes if ax.get_visible()]) >= 8


def test_a_displayed_cell_lists_its_first_values_then_how_many_more(raw_dir, rows):
    sizes = rows.groupby(["core_id", "unit_class", "kind", "region_label"]).size()
    assert sizes.max() >= 2, "the reports should give some region two values of one indicator"
    full, short = compare.comparison_table(rows, "amount"), compare.comparison_table(rows, "amount", max_values=1)
    assert full.shape == short.shape and (full["regions"] == short["regions"]).all()
    amounts = rows[rows["kind"] == "amount"]
    for (core_id, unit_class, region), group in amounts.groupby(["core_id", "unit_class", "region_label"]):
        row = (short["core_id"] == core_id) & (short["unit_class"] == unit_class)
        cell, whole = short.loc[row, region].item(), full.loc[row, region].item()
        assert cell.startswith(whole.split("；")[0])
        assert cell.endswith(f"…（+{len(group) - 1}）") if len(group) > 1 else cell == whole
    kept = compare.shown_values(rows, 1)
    assert len(kept) == len(sizes) and set(kept.index) <= set(rows.index)
    sources = indicator_sources(kept, process_corpus(raw_dir).sentences)
    page = linked_comparison(rows, "amount", sources, max_values=1)
    assert page.count("<a ") == len(kept[kept["kind"] == "amount"])


def _restating_corpus(folder):
    """Two county reports; the first restates its membership in its headline and its summary."""
    folder.mkdir()
    (folder / "a.txt").write_text(
        "全县党员总数达到2.1万名\n"
        "截至2023年底，全县共有党员2.1万名，其中女党员5300名，占25.2%。全年发展党员312名。\n"
        "总之，全县党员总数达到2.1万名，女党员占25.2%。\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("截至2023年底，全县共有党员1.8万名，其中女党员4100名。\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "doc_id,file,title,region,level,year\na,a.txt,甲县,甲县,county,2023\nb,b.txt,乙县,乙县,county,2023\n", encoding="utf-8"
    )
    return folder


def test_a_number_a_document_states_again_is_one_value_with_its_mentions(tmp_path):
    processed = process_corpus(_restating_corpus(tmp_path / "corpus"))
    table = extract(processed)
    restated = table[(table["doc_id"] == "a") & (table["core_id"] == "members_total")]
    assert len(restated) == 3 and restated["value_norm"].nunique() == 1  # the long table keeps every mention
    rows = compare.comparable(table, processed.document_table)
    total = rows[(rows["doc_id"] == "a") & (rows["core_id"] == "members_total")]
    assert total[["subject", "mentions"]].values.tolist() == [["党员总数", 2], ["党员", 1]]  # headline and summary; the body's own words
    share = rows[(rows["doc_id"] == "a") & (rows["core_id"] == "members_female") & (rows["kind"] == "share")]
    assert share["mentions"].tolist() == [2]
    amounts = compare.comparison_table(rows, "amount").set_index("core_id")
    assert amounts.loc["members_total", "甲县 (county)"] == "21000 名（党员总数 · 2023 · a · ×2）；21000 名（党员 · 2023 · a）"
    assert amounts.loc["members_total", "乙县 (county)"] == "18000 名（党员 · 2023 · b）"
    wide = exports.wide_export(table, processed.document_table).set_index("doc_id")
    assert wide.loc["a", "members_total__amount__person__n"] == 2 and wide.loc["a", "members_total__amount__person"] == 21000


def test_equal_numbers_of_different_parts_are_two_values():
    table = extract(process_document(Document("a", Path("a.txt"), "全县党员中，大专学历占20%，本科学历占20%。", "utf-8")))
    rows = compare.comparable(table, pd.DataFrame({"doc_id": ["a"], "region": ["甲县"], "level": ["county"], "year": ["2023"]}))
    assert rows[["value", "mentions"]].values.tolist() == [["20 %", 1], ["20 %", 1]]
