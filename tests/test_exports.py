"""Analysis-ready exports of the five documents of data/raw/: metadata beside every quantity, one
row per document, the wide table, CSV for Excel, Stata files and the codebook, byte for byte the
same on every write."""

from __future__ import annotations

import argparse
import csv
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dangjian.cli.export import run_export
from dangjian.comparison.compare import restatements
from dangjian.indicators import extract
from dangjian.indicators.core import KINDS, core_indicators
from dangjian.indicators.units import UNIT_CLASSES
from dangjian.project.cache import Cache
from dangjian.running import exports
from dangjian.segmentation.pipeline import process_corpus

BOM = "\ufeff".encode()
PLACE_COLUMNS = ("region", "province", "prefecture", "county", "township", "level", "year", "genre")


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def processed(raw_dir):
    return process_corpus(raw_dir)


@pytest.fixture(scope="module")
def indicators(processed):
    return extract(processed)


@pytest.fixture(scope="module")
def folder(processed, indicators, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exports") / "export"
    exports.write_exports(out, processed.document_table, indicators)
    return out


@pytest.fixture(scope="module")
def metadata(raw_dir) -> dict[str, dict[str, str]]:
    with open(raw_dir / "metadata.csv", encoding="utf-8", newline="") as handle:
        return {row["doc_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def book(folder) -> pd.DataFrame:
    return _read_csv(folder / "codebook.csv")


def test_the_export_folder_holds_each_table_in_three_formats_and_the_codebook(folder):
    names = sorted(path.name for path in folder.iterdir())
    expected = sorted(f"{table}.{suffix}" for table in exports.TABLES for suffix in ("csv", "xlsx", "dta"))
    assert names == sorted([*expected, "codebook.csv", "codebook.md"])


def test_every_quantity_carries_the_metadata_of_its_document(folder, indicators, metadata):
    table = _read_csv(folder / "indicators.csv")
    assert len(table) == len(indicators) > 100
    assert table["doc_id"].tolist() == indicators["doc_id"].tolist()
    for column in PLACE_COLUMNS:
        expected = [metadata[doc_id][column] for doc_id in table["doc_id"]]
        assert table[column].tolist() == expected, column
    assert set(table["level"]) == {row["level"] for row in metadata.values()}
    assert "2024" in set(table["year"]) and "prefecture" in set(table["level"])


def test_comparison_parts_are_separate_columns_not_joined_text(folder, indicators):
    table = _read_csv(folder / "indicators.csv")
    comparable = table[table["comparable"] == "1"]
    expected = indicators[(indicators["core_id"] != "") & ~indicators["threshold"]]
    assert len(comparable) == len(expected) > 50
    assert comparable["surface"].tolist() == expected["surface"].tolist()
    # value, unit, unit class, kind, core id, subject and sentence each in a column
    assert pd.to_numeric(comparable["value_norm"]).tolist() == expected["value_norm"].tolist()
    assert set(comparable["unit_class"]) <= set(UNIT_CLASSES)
    assert set(comparable["kind"]) <= set(KINDS)
    assert set(comparable["core_id"]) <= set(core_indicators())
    assert (comparable["sentence"] != "").all() and (comparable["unit"] != "").all()
    assert comparable["core_zh"].tolist() == [core_indicators()[c].zh for c in comparable["core_id"]]
    # no cell lists several numbers the way the comparison tables print them: 260 名（…）；1582 名（…）
    for frame in (table, _read_csv(folder / "indicators_wide.csv")):
        assert not frame.drop(columns=[c for c in ("sentence",) if c in frame]).apply(
            lambda column: column.str.contains(r"（[^）]*·[^）]*）").any()
        ).any()


def test_values_are_plain_decimals(folder):
    table = _read_csv(folder / "indicators.csv")
    assert not table["value_norm"].str.contains(r"e[+-]|\.0$", regex=True).any()
    assert "164000000" in set(table["value_norm"])  # 1.64亿元 of the Pingliang review


def test_documents_table_has_one_row_per_document_with_metadata_and_counts(folder, processed, indicators, metadata):
    documents = _read_csv(folder / "documents.csv")
    assert sorted(documents["doc_id"]) == sorted(metadata)
    for column in ("title", *PLACE_COLUMNS):
        assert documents[column].tolist() == [metadata[d][column] for d in documents["doc_id"]], column
    assert documents["clean_chars"].astype(int).tolist() == processed.document_table["clean_chars"].tolist()
    counts = indicators.groupby("doc_id").size()
    assert documents["quantities"].astype(int).tolist() == [int(counts.get(d, 0)) for d in documents["doc_id"]]
    assert documents["quantities"].astype(int).sum() == len(indicators)


def test_wide_table_holds_the_first_value_of_like_with_like_quantities(folder, indicators, metadata):
    wide = _read_csv(folder / "indicators_wide.csv")
    assert sorted(wide["doc_id"]) == sorted(metadata)
    assert wide["region"].tolist() == [metadata[d]["region"] for d in wide["doc_id"]]
    rows = indicators[(indicators["core_id"] != "") & ~indicators["threshold"]]
    value_columns = [c for c in wide.columns if (parts := exports.parse_wide_column(c)) and not parts["companion"]]
    assert len(value_columns) >= 20
    for column in value_columns:
        parts = exports.parse_wide_column(column)
        like = rows[(rows["core_id"] == parts["core_id"]) & (rows["kind"] == parts["kind"]) & (rows["unit_class"] == parts["unit_class"])]
        if parts["unit_class"] == "other":
            like = like[like["unit"] == column.split("__")[3]]
        assert len(like) > 0, column
        for doc_id, n, value, approx, subject in zip(
            wide["doc_id"], wide[f"{column}__n"], wide[column], wide[f"{column}__approx"], wide[f"{column}__subject"]
        ):
            own = like[like["doc_id"] == doc_id].sort_values(["sentence_id", "start"])
            assert int(n) == len(restatements(own)), (column, doc_id)  # a number stated again counts once, as in the comparisons
            if own.empty:
                assert value == "" and approx == "0" and subject == ""
            else:
                assert float(value) == own["value_norm"].iloc[0], (column, doc_id)
                assert approx == ("0" if own["approx"].iloc[0] == "exact" else "1")
                assert subject == own["subject"].iloc[0]
    several = [c for c in wide.columns if c.endswith("__n") and (wide[c].astype(int) > 1).any()]
    assert several, "the corpus gives several values for some core indicator of one document"


def test_every_csv_starts_with_a_bom_and_reads_back_with_the_codebook_columns(folder, book):
    for table in exports.TABLES:
        path = folder / f"{table}.csv"
        assert path.read_bytes().startswith(BOM)
        assert _read_csv(path).columns.tolist() == book.loc[book["table"] == table, "column"].tolist()
        excel = pd.read_excel(folder / f"{table}.xlsx")
        assert excel.columns.tolist() == book.loc[book["table"] == table, "column"].tolist()
    assert (folder / "codebook.csv").read_bytes().startswith(BOM)


def test_codebook_describes_every_column_with_type_meaning_and_allowed_values(folder, book):
    assert book.columns.tolist() == list(exports.CODEBOOK_COLUMNS)
    assert (book["meaning"] != "").all() and set(book["type"]) <= {"text", "integer", "decimal", "0/1"}
    assert not book["meaning"].str.contains("not described by the project").any()
    allowed = book.drop_duplicates("column").set_index("column")["allowed_values"]
    assert allowed["unit_class"].split(", ") == list(UNIT_CLASSES)
    assert allowed["kind"].split(", ") == list(KINDS)
    assert set(core_indicators()) <= set(allowed["core_id"].split(", "))
    wide = book[(book["table"] == "indicators_wide") & book["column"].str.endswith("__percent")]
    assert (wide["unit"] == "%").all() and len(wide) >= 1
    markdown = (folder / "codebook.md").read_text(encoding="utf-8")
    assert all(f"`{column}`" in markdown for column in book["column"])
    assert "first value of the document by position" in markdown


def test_stata_files_read_back_with_chinese_and_codebook_names(folder, book, indicators):
    for table in exports.TABLES:
        own = book[book["table"] == table]
        names = own["stata_name"].tolist()
        assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", name) for name in names)
        assert len({name.lower() for name in names}) == len(names)
        with pd.io.stata.StataReader(folder / f"{table}.dta") as reader:
            labels = reader.variable_labels()
            data = reader.read()
        assert data.columns.tolist() == names
        assert labels[names[0]] == exports._stata_label(own["meaning"].iloc[0])
    data = pd.read_stata(folder / "indicators.dta")
    assert data["sentence"].tolist() == indicators["sentence"].tolist()
    assert data["region"].iloc[0] == "平凉市"
    assert data["value_norm"].tolist() == indicators["value_norm"].tolist()
    assert data["threshold"].tolist() == indicators["threshold"].astype(int).tolist()


def test_the_same_input_gives_the_same_bytes(folder, processed, indicators, tmp_path):
    again = tmp_path / "again"
    exports.write_exports(again, processed.document_table, indicators)
    for path in sorted(folder.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_second_report_with_the_same_tables_copies_the_checked_files(folder, processed, indicators, tmp_path):
    cache = Cache(tmp_path / "cache")
    first, second, third = tmp_path / "region" / "export", tmp_path / "year" / "export", tmp_path / "level" / "export"
    written = exports.write_exports(first, processed.document_table, indicators, cache=cache)
    assert (cache.misses, cache.hits) == (1, 0)
    copied = exports.write_exports(second, processed.document_table, indicators, cache=cache)
    assert (cache.misses, cache.hits) == (1, 1)
    assert [p.name for p in copied] == [p.name for p in written] == [p.name for p in written if p.parent == first]
    for path in sorted(folder.iterdir()):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    # a file of the first report changed since: nothing is copied, the tables are written again
    with open(first / "indicators.csv", "r+b") as handle:
        handle.seek(-3, 2)
        handle.write(b"999")
    exports.write_exports(third, processed.document_table, indicators, cache=cache)
    assert (cache.misses, cache.hits) == (2, 1)
    for path in sorted(folder.iterdir()):
        assert (third / path.name).read_bytes() == path.read_bytes(), path.name
    # other tables: another entry
    exports.write_exports(tmp_path / "fewer", processed.document_table, indicators.iloc[:-1], cache=cache)
    assert (cache.misses, cache.hits) == (3, 1)


def _hostile_corpus(raw_dir: Path, target: Path) -> Path:
    """A corpus folder: two real documents, one with metadata a spreadsheet would run as formulas."""
    target.mkdir()
    with open(raw_dir / "metadata.csv", encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["doc_id"] in ("town-speech", "national-2020")]
    rows[0]["title"] = '=HYPERLINK("http://example.com","点击")'
    rows[0]["genre"] = "@SUM(1+1)"
    rows[1]["region"] = "-全国"
    for row in rows:
        shutil.copy(raw_dir / row["file"], target / row["file"])
    with open(target / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_formula_like_text_is_written_as_text(raw_dir, tmp_path):
    corpus = _hostile_corpus(raw_dir, tmp_path / "corpus")
    processed = process_corpus(corpus)
    out = tmp_path / "export"
    exports.write_exports(out, processed.document_table, extract(processed))
    documents = _read_csv(out / "documents.csv").set_index("doc_id")
    assert documents.loc["town-speech", "title"] == '\'=HYPERLINK("http://example.com","点击")'
    assert documents.loc["town-speech", "genre"] == "'@SUM(1+1)"
    assert documents.loc["national-2020", "region"] == "'-全国"
    quantities = _read_csv(out / "indicators.csv")
    assert set(quantities.loc[quantities["doc_id"] == "national-2020", "region"]) == {"'-全国"}
    # Excel and Stata files hold the text as it is, as text
    excel = pd.read_excel(out / "documents.xlsx", dtype=str, keep_default_na=False).set_index("doc_id")
    assert excel.loc["town-speech", "title"] == '=HYPERLINK("http://example.com","点击")'
    stata = pd.read_stata(out / "documents.dta").set_index("doc_id")
    assert stata.loc["national-2020", "region"] == "-全国"


def test_export_command_writes_the_folder(raw_dir, tmp_path, capsys):
    out = tmp_path / "export"
    tables = str(tmp_path / "tables")
    assert run_export(argparse.Namespace(corpus=str(raw_dir), out=str(out), taxonomy="", tables=tables)) == 0
    assert (out / "indicators_wide.dta").is_file() and (out / "codebook.md").is_file()
    assert str(out / "codebook.md") in capsys.readouterr().out
    inside = str(raw_dir / "export")
    assert run_export(argparse.Namespace(corpus=str(raw_dir), out=inside, taxonomy="", tables=tables)) == 2
    assert not (raw_dir / "export").exists()


def test_whole_column_text_conversion_matches_the_value_by_value_rule(indicators):
    """Text columns are converted column by column: the same values as the rule applied to each
    value (missing -> "", anything else -> str, a formula-like text behind an apostrophe), also for
    a column mixing text, numbers and missing values."""
    sentences = indicators["sentence"].reset_index(drop=True)
    mixed = pd.Series([*sentences.head(5), 3, None, float("nan"), "=SUM(A1)", "-2%"], dtype=object)
    for column in (sentences, mixed, indicators["surface"].reset_index(drop=True)):
        expected = ["" if pd.isna(v) else str(v) for v in column]
        assert exports._as_text(column).tolist() == expected
        texts = pd.Series(exports._as_text(column))
        assert exports._csv_text(texts).tolist() == [exports.excel_csv_text(v) for v in texts]
    assert exports._csv_text(mixed).tolist()[-2:] == ["'=SUM(A1)", "'-2%"]


def test_the_longest_text_in_bytes_decides_a_stata_strl(indicators):
    """Stata's limit is in UTF-8 bytes: a Chinese sentence counts three bytes a character."""
    sentences = indicators["sentence"].astype(str)
    assert exports._longest_utf8(sentences) == max(len(s.encode("utf-8")) for s in sentences)
    assert exports._longest_utf8(pd.Series(["a" * 10, "党" * 4])) == 12


def _export_like_table(indicators: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The export's indicator table with a text longer than a fixed Stata string (a strL), texts
    repeated and unique, a missing-value-only decimal and a formula-like text."""
    table = exports.indicators_export(indicators, documents)
    long = ["党建引领" * 600 if i % 3 == 0 else f"第{i}句" for i in range(len(table))]
    other = ["党建引领" * 600 if i % 2 == 0 else "抓党建" * 800 for i in range(len(table))]  # strLs shared with long_text
    return table.assign(long_text=long, other_long=other, empty_decimal=float("nan"), note=["=1+1", "-2%", ""] * (len(table) // 3) + [""] * (len(table) % 3))


def test_writing_a_block_of_rows_at_a_time_gives_the_bytes_of_the_whole_table(processed, indicators, tmp_path, monkeypatch):
    """CSV and Stata files are built a block of rows at a time: the same bytes as a whole-table
    CSV conversion and as pandas's own to_stata, whatever the block size."""
    table = _export_like_table(indicators, processed.document_table)
    names = exports.stata_names(list(table.columns))
    tidy = exports._tidy(table).rename(columns=names)
    strl = [names[c] for c in exports._text_columns(table) if exports._longest_utf8(tidy[names[c]]) > exports.STATA_STR_MAX]
    assert strl == [names["long_text"], names["other_long"]]
    expected_dta = tmp_path / "pandas.dta"
    tidy.to_stata(expected_dta, write_index=False, version=118, time_stamp=exports.STATA_TIMESTAMP, convert_strl=strl)
    whole = exports._csv_rows(table).to_csv(index=False, lineterminator="\n")
    assert len(table) > 100
    for rows in (7, 100, len(table), len(table) + 1):
        monkeypatch.setattr(exports, "WRITE_ROWS", rows)
        exports.write_csv(table, tmp_path / f"{rows}.csv")
        assert (tmp_path / f"{rows}.csv").read_bytes() == ("\ufeff" + whole).encode("utf-8")
        exports.write_stata(table, tmp_path / f"{rows}.dta")
        assert (tmp_path / f"{rows}.dta").read_bytes() == expected_dta.read_bytes(), rows
    back = pd.read_stata(tmp_path / "7.dta")
    assert back[names["long_text"]].tolist() == table["long_text"].tolist()
    assert back[names["other_long"]].tolist() == table["other_long"].tolist()
    assert back[names["sentence"]].tolist() == table["sentence"].tolist()


def test_an_empty_table_is_written_with_its_header(tmp_path):
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype=object), "value_norm": pd.Series([], dtype=float)})
    exports.write_csv(empty, tmp_path / "e.csv")
    assert (tmp_path / "e.csv").read_bytes() == BOM + b"doc_id,value_norm\n"
    exports.write_stata(empty, tmp_path / "e.dta")
    assert pd.read_stata(tmp_path / "e.dta").columns.tolist() == ["doc_id", "value_norm"]
