"""Extraction on the five documents of data/raw/: the gold score, provenance, subjects, the
canonical indicators two or more documents report, and the command line."""

from __future__ import annotations

import csv
import importlib.util
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from dangjian.cli import main
from dangjian.indicators import COLUMNS, excluded_numbers, extract, for_export
from dangjian.project.io import write_table
from dangjian.segmentation.pipeline import process_corpus

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold" / "indicators.csv"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_indicators", TESTS / "tools" / "score_indicators.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def processed(raw_dir):
    return process_corpus(raw_dir)


@pytest.fixture(scope="module")
def table(processed):
    return extract(processed)


@pytest.fixture(scope="module")
def exported(table, tmp_path_factory) -> list[dict]:
    """The table as the command line writes it, read back as the scorer reads it."""
    path = tmp_path_factory.mktemp("indicators") / "pred.csv"
    write_table(for_export(table), path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_score_against_the_hand_checked_gold(exported):
    scorer = _scorer()
    gold = scorer._read(GOLD)
    recall, precision, tp, fp, missed, false_pos, approx = scorer.score(gold, exported)
    detail = [g["surface"] for g in missed] + [p["surface"] for p, _ in false_pos]
    assert recall >= 0.98, detail
    assert precision >= 0.98, detail
    assert approx >= 0.95


def test_values_are_written_as_plain_decimals(exported):
    for row in exported:
        assert re.fullmatch(r"\d+(\.\d+)?", row["value_norm"]), row["value_norm"]
        assert "e" not in row["value"].lower()
    by_surface = {row["surface"]: row for row in exported}
    assert by_surface["1.64亿元"]["value_norm"] == "164000000"
    assert by_surface["98.40亿元"]["value_norm"] == "9840000000"


def test_columns_and_order(table):
    assert list(table.columns) == list(COLUMNS)
    assert table["doc_id"].tolist() == sorted(table["doc_id"], key=["pingliang-2024", "mudanjiang-xian", "town-speech", "guizhou-district", "national-2020"].index)
    for _, group in table.groupby("doc_id"):
        assert group["start"].is_monotonic_increasing


def test_raw_spans_reproduce_the_raw_file(processed, table):
    raw = {document.doc_id: document.document.raw_text for document in processed}
    clean = processed.clean_texts
    for row in table.itertuples():
        raw_surface = raw[row.doc_id][row.raw_start : row.raw_end]
        assert raw_surface == row.raw_surface
        assert clean[row.doc_id][row.start : row.end] == row.surface
        assert re.sub(r"\D", "", raw_surface) == re.sub(r"\D", "", row.surface)  # the same digits
        assert row.surface in row.sentence
    surfaces = set(table["raw_surface"])
    assert {"163.3萬(wàn)元", "11 722.79畝", "2.1萬人(次)", "三人次", "七個"} <= surfaces


def test_every_gold_indicator_is_found_at_its_offset(table):
    with open(GOLD, encoding="utf-8") as handle:
        gold = [row for row in csv.DictReader(handle) if row["status"] == "indicator"]
    found = {(row.doc_id, row.raw_start): row for row in table.itertuples()}
    for row in gold:
        hit = found.get((row["doc_id"], int(row["offset"])))
        assert hit is not None, row["surface"]
        assert hit.raw_surface == row["surface"]
        assert hit.unit == row["unit"], row["surface"]


def _row(table: pd.DataFrame, doc_id: str, surface: str, near: str = "") -> pd.Series:
    """The first row of ``surface`` in ``doc_id`` whose sentence has ``near`` right before it."""
    rows = table[(table["doc_id"] == doc_id) & (table["surface"] == surface)]
    rows = rows[[near in sentence.split(surface)[0][-20:] for sentence in rows["sentence"]]]
    assert len(rows) >= 1, surface
    return rows.iloc[0]


def test_subjects_name_what_is_counted(table):
    assert "党建联系点" in _row(table, "pingliang-2024", "3799个")["subject"]
    assert "培训" in _row(table, "pingliang-2024", "2.1万人（次）")["subject"]
    assert _row(table, "pingliang-2024", "98.6%")["subject"] == "矛盾纠纷调解率"
    assert _row(table, "pingliang-2024", "96.1%")["subject"] == "信访事项化解率"
    assert "第一书记" in _row(table, "mudanjiang-xian", "七个")["subject"]
    assert "软弱涣散" in _row(table, "mudanjiang-xian", "五个", near="对")["subject"]
    assert "后备力量" in _row(table, "guizhou-district", "153名")["subject"]
    assert "四星级" in _row(table, "town-speech", "3个", near="四星级")["subject"]


def test_group_thresholds_are_flagged_and_not_mapped(table):
    thresholds = table[table["threshold"]]
    assert set(thresholds["surface"]) >= {"20万元", "50万元", "100万元", "35岁", "100名", "20名"}
    assert (thresholds["indicator"] == "").all()


def test_at_least_eight_core_indicators_are_reported_by_two_or_more_documents(table):
    documents = table[table["core_id"] != ""].groupby("core_id")["doc_id"].nunique()
    shared = documents[documents >= 2]
    assert len(shared) >= 8, documents.to_dict()
    assert {"reserve_cadres", "training_participants", "service_centres", "collective_income",
            "first_secretaries", "weak_orgs", "party_instructors", "problems_found_solved"} <= set(shared.index)


@pytest.mark.parametrize(
    ("doc_id", "surface", "core_id", "kind"),
    [
        ("pingliang-2024", "3302名", "reserve_cadres", "amount"),
        ("pingliang-2024", "33.3岁", "reserve_cadres", "amount"),  # the average age of the group just counted
        ("pingliang-2024", "96.5%", "reserve_cadres", "share"),
        ("guizhou-district", "252名", "reserve_cadres", "amount"),
        ("national-2020", "1至2名", "reserve_cadres", "target"),  # 每个村至少要储备
        ("pingliang-2024", "2.1万人（次）", "training_participants", "amount"),
        ("mudanjiang-xian", "352人次", "training_participants", "amount"),
        ("guizhou-district", "11期", "training_sessions", "amount"),
        ("pingliang-2024", "147个", "service_centres", "amount"),
        ("guizhou-district", "40个", "service_centres", "amount"),
        ("pingliang-2024", "31.02万元", "collective_income", "amount"),
        ("mudanjiang-xian", "14.07万元", "collective_income", "change"),  # 平均增收
        ("pingliang-2024", "2246名", "first_secretaries", "amount"),
        ("mudanjiang-xian", "七个", "first_secretaries", "amount"),
        ("pingliang-2024", "67个", "weak_orgs", "amount"),
        ("mudanjiang-xian", "两个", "weak_orgs", "amount"),
        ("pingliang-2024", "797名", "party_instructors", "amount"),
        ("mudanjiang-xian", "342家", "new_sector_orgs", "amount"),  # organisations that received instructors
        ("pingliang-2024", "2797个", "grids", "amount"),
        ("pingliang-2024", "98.6%", "disputes", "share"),
        ("pingliang-2024", "12个", "floating_members", "amount"),
        ("guizhou-district", "1616.7万元", "collective_income", "amount"),
        ("pingliang-2024", "2483个", "party_projects", "amount"),
        ("town-speech", "91.3%", "villages_by_income", "share"),
        ("town-speech", "149个", "", "target"),  # 预计启动建设项目
        ("guizhou-district", "20%", "", "change"),  # 投诉率同比下降
    ],
)
def test_mappings_checked_by_reading_the_sentences(table, doc_id, surface, core_id, kind):
    row = _row(table, doc_id, surface)
    assert (row["core_id"], row["kind"]) == (core_id, kind)


@pytest.mark.parametrize(
    ("doc_id", "surface"),
    [
        ("pingliang-2024", "21.76亿元"),  # state-owned firms' investment, not party-building funds
        ("pingliang-2024", "7种"),  # kinds of joint-building models, not units
        ("town-speech", "20万元"),  # a threshold of village income
        ("guizhou-district", "677万元"),  # a company's operating income, not the villages' collective income
        ("guizhou-district", "98%"),  # settlement rate of property complaints, not disputes or practical matters
    ],
)
def test_near_misses_are_not_mapped(table, doc_id, surface):
    assert _row(table, doc_id, surface)["core_id"] == ""


def test_excluded_numbers_carry_reasons(processed):
    excluded = excluded_numbers(processed)
    assert {"year_or_date", "quoted_name", "article_or_idiom", "formula", "meeting_name", "no_unit"} <= set(excluded["reason"])
    formulas = excluded[excluded["reason"] == "formula"]["raw_surface"].tolist()
    assert "1 1" in formulas and "2+1" in formulas


def test_output_is_deterministic(processed, table):
    assert extract(processed).equals(table)


def test_extraction_is_fast(processed):
    started = time.perf_counter()
    for _ in range(5):
        extract(processed)
    per_character = (time.perf_counter() - started) / 5 / sum(len(t) for t in processed.clean_texts.values())
    assert per_character < 20e-6  # well under a minute for 3 million characters


def test_a_document_without_numbers_gives_an_empty_typed_table():
    from dangjian.reading.corpus import Document
    from dangjian.segmentation.pipeline import process_document

    document = process_document(Document("d", Path("d.txt"), "坚持党建引领，推动基层治理。", "utf-8"))
    table = extract(document)
    assert table.empty and list(table.columns) == list(COLUMNS)
    assert table["value_norm"].dtype == "float64" and table["threshold"].dtype == bool
    assert excluded_numbers(document).empty


def test_command_line_writes_the_table(raw_dir, tmp_path, capsys):
    out = tmp_path / "pred.csv"
    excluded = tmp_path / "excluded.csv"
    files = sorted(str(p) for p in raw_dir.glob("*.txt"))
    assert main(["indicators", *files, "--out", str(out), "--excluded", str(excluded)]) == 0
    assert "quantities" in capsys.readouterr().out
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == list(COLUMNS)
    assert set(written["doc_id"]) == {Path(f).stem for f in files}
    assert pd.read_csv(excluded)["reason"].notna().all()


def test_command_line_names_the_bad_file(tmp_path, capsys):
    missing = tmp_path / "nowhere.txt"
    assert main(["indicators", str(missing), "--out", str(tmp_path / "x.csv")]) == 2
    assert "nowhere.txt" in capsys.readouterr().err
    bad_taxonomy = tmp_path / "taxonomy.yaml"
    bad_taxonomy.write_text("categories: {}\nindicators: [{id: x}]\n", encoding="utf-8")
    good = tmp_path / "a.txt"
    good.write_text("建立党建联系点3799个。", encoding="utf-8")
    assert main(["indicators", str(good), "--out", str(tmp_path / "x.csv"), "--taxonomy", str(bad_taxonomy)]) == 2
    assert "taxonomy.yaml" in capsys.readouterr().err
