"""Atomic, deterministic output files."""

from __future__ import annotations

import datetime
import os
import time

import numpy as np
import openpyxl
import pandas as pd
import pytest

from dangjian.project.io import EXCEL_CELL_CHARS, _excel_fast, atomic_open, excel_cell_text, write_table, write_text_atomic


def test_a_failed_write_leaves_the_earlier_output_intact(tmp_path):
    target = tmp_path / "table.csv"
    write_text_atomic(target, "earlier,good\n")
    with pytest.raises(RuntimeError):
        with atomic_open(target, "w") as handle:
            handle.write("half-written")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "earlier,good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_equal_tables_give_equal_bytes(tmp_path, suffix):
    frame = pd.DataFrame({"region": ["平凉市", "西安区"], "value": [3799.0, 2.1e4]})
    write_table(frame, tmp_path / f"a{suffix}")
    time.sleep(1.1)  # a writer stamping the time would now differ
    write_table(frame, tmp_path / f"b{suffix}")
    assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()
    reader = {".csv": pd.read_csv, ".parquet": pd.read_parquet, ".xlsx": pd.read_excel}[suffix]
    assert reader(tmp_path / f"a{suffix}")["region"].tolist() == ["平凉市", "西安区"]


def test_outputs_are_readable_by_others(tmp_path):
    target = tmp_path / "out.txt"
    write_text_atomic(target, "党建")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_an_unknown_table_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unsupported table format"):
        write_table(pd.DataFrame(), tmp_path / "x.json")


HOSTILE_TEXTS = [
    '=HYPERLINK("http://example.com","点击")', "+1", "-2%", "@SUM(1+1)", "#N/A", "{=1}", "http://example.com", "0123",
    "第一页\x0c第二页\x01\r\n", "党" * (EXCEL_CELL_CHARS + 5), "😀" * (EXCEL_CELL_CHARS // 2 + 3), "", None, " 前后空格 ",
]


def _hostile_frame() -> pd.DataFrame:
    count = len(HOSTILE_TEXTS)
    return pd.DataFrame({
        "text": HOSTILE_TEXTS,
        "value": [1.5, float("nan"), float("inf"), float("-inf"), -0.0, 0.0, 1e20, 0.1 + 0.2, 3.0, 164000000.0, 2.5, 1.5, 7.0, -1.0],
        "count": np.arange(count, dtype=np.int64) - 3,
        "flag": np.arange(count, dtype=np.int8) % 2,
        "approx": [True, False] * (count // 2),
        "none": [None] * count,
        "again": list(reversed(HOSTILE_TEXTS)),
        "标题\x01": pd.array(["平凉市", None] * (count // 2), dtype="str"),
    })


def _pandas_excel(frame: pd.DataFrame, target) -> None:
    """The .xlsx pandas writes with XlsxWriter, text kept as text, the cells made writable as
    excel_cell_text makes them, the fixed creation time."""
    texts = frame.map(lambda value: excel_cell_text(value) if isinstance(value, str) else value)
    texts.columns = [excel_cell_text(name) for name in frame.columns]
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(target, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        writer.book.set_properties({"created": datetime.datetime(2000, 1, 1)})
        texts.to_excel(writer, index=False)


@pytest.mark.parametrize("rows", [slice(None), slice(0, 0), slice(5, 9)])
def test_excel_files_are_the_bytes_pandas_writes(tmp_path, rows):
    frame = _hostile_frame().iloc[rows]
    assert _excel_fast(frame)  # written cell by cell from the table, not by pandas
    write_table(frame, tmp_path / "ours.xlsx")
    _pandas_excel(frame, tmp_path / "pandas.xlsx")
    assert (tmp_path / "ours.xlsx").read_bytes() == (tmp_path / "pandas.xlsx").read_bytes()


def test_long_excel_sheets_are_the_bytes_pandas_writes(tmp_path):
    """Rows over several blocks of 16, each with its own span of columns, and a row with no cell."""
    frame = pd.concat([_hostile_frame()] * 6, ignore_index=True)
    frame = frame.drop(columns="approx").astype({"count": "float64", "flag": "float64"})
    frame.loc[20, :] = None
    frame.loc[40:60, ["text", "value", "标题\x01"]] = None
    frame.loc[64:80, ["again", "标题\x01", "count", "flag"]] = None
    assert _excel_fast(frame) and len(frame) > 5 * 16
    write_table(frame, tmp_path / "ours.xlsx")
    _pandas_excel(frame, tmp_path / "pandas.xlsx")
    assert (tmp_path / "ours.xlsx").read_bytes() == (tmp_path / "pandas.xlsx").read_bytes()


def test_tables_of_other_types_are_written_by_pandas(tmp_path):
    frame = pd.DataFrame({"mixed": ["=1+1", 2, 2.5], "day": pd.to_datetime(["2024-01-01", None, "2024-03-01"])})
    assert not _excel_fast(frame)
    write_table(frame, tmp_path / "ours.xlsx")
    _pandas_excel(frame, tmp_path / "pandas.xlsx")
    assert (tmp_path / "ours.xlsx").read_bytes() == (tmp_path / "pandas.xlsx").read_bytes()


def test_excel_cells_keep_values_types_and_text(tmp_path):
    frame = _hostile_frame()
    write_table(frame, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == ["text", "value", "count", "flag", "approx", "none", "again", "标题\ufffd"]
    texts = [(cell.value, cell.data_type) for cell in sheet["A"][1:]]
    assert texts[0] == ('=HYPERLINK("http://example.com","点击")', "s")  # text, not a formula
    assert all(kind == "s" for value, kind in texts if value is not None)
    assert [value for value, _ in texts[1:8]] == ["+1", "-2%", "@SUM(1+1)", "#N/A", "{=1}", "http://example.com", "0123"]
    assert texts[8][0] == "第一页\n第二页\ufffd\n"
    assert len(texts[9][0]) == EXCEL_CELL_CHARS and texts[9][0].endswith("…")
    assert len(texts[10][0].encode("utf-16-le")) // 2 <= EXCEL_CELL_CHARS
    assert texts[11][0] is None and texts[12][0] is None and texts[13][0] == " 前后空格 "
    numbers = [(cell.value, cell.data_type) for cell in sheet["B"][1:]]
    assert numbers[0] == (1.5, "n") and numbers[1][0] is None and numbers[2] == ("inf", "s") and numbers[3] == ("-inf", "s")
    assert numbers[6] == (1e20, "n") and numbers[9] == (164000000, "n")
    assert [cell.value for cell in sheet["C"][1:4]] == [-3, -2, -1] and sheet["C"][1].data_type == "n"
    assert [(cell.value, cell.data_type) for cell in sheet["E"][1:3]] == [(True, "b"), (False, "b")]
    assert all(cell.value is None for cell in sheet["F"][1:])
    assert [cell.value for cell in sheet["H"][1:3]] == ["平凉市", None]


@pytest.mark.parametrize("kind", ["fast", "pandas"])
def test_a_table_longer_than_a_sheet_goes_on_to_the_next_sheets(tmp_path, kind):
    frame = pd.concat([_hostile_frame()] * 3, ignore_index=True)
    if kind == "pandas":
        frame["day"] = pd.Timestamp("2024-01-01")  # a column the fast way does not cover
    assert _excel_fast(frame) == (kind == "fast")
    write_table(frame, tmp_path / "ours.xlsx", sheet_rows=10)
    sheets = openpyxl.load_workbook(tmp_path / "ours.xlsx").worksheets
    assert [sheet.title for sheet in sheets] == [f"Sheet{n}" for n in range(1, -(-len(frame) // 10) + 1)]
    rows = [list(sheet.iter_rows(values_only=True)) for sheet in sheets]
    assert all(part[0] == rows[0][0] for part in rows)  # each sheet has the header
    assert [len(part) - 1 for part in rows] == [10] * (len(frame) // 10) + ([len(frame) % 10] if len(frame) % 10 else [])
    body = [row for part in rows for row in part[1:]]
    assert len(body) == len(frame) and body[0] == rows[0][1] and body[-1][0] == excel_cell_text(frame.iloc[-1, 0])
    if kind == "fast":  # the bytes pandas writes, sheet by sheet
        options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        texts = frame.map(lambda value: excel_cell_text(value) if isinstance(value, str) else value)
        texts.columns = [excel_cell_text(name) for name in frame.columns]
        with pd.ExcelWriter(tmp_path / "pandas.xlsx", engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
            writer.book.set_properties({"created": datetime.datetime(2000, 1, 1)})
            for number, start in enumerate(range(0, len(frame), 10), start=1):
                texts.iloc[start : start + 10].to_excel(writer, index=False, sheet_name=f"Sheet{number}")
        assert (tmp_path / "ours.xlsx").read_bytes() == (tmp_path / "pandas.xlsx").read_bytes()


def test_a_table_of_exactly_a_sheets_rows_plus_one_keeps_every_row(tmp_path):
    """1,048,576 rows: one more than a sheet holds under its header (XlsxWriter would drop it silently)."""
    from dangjian.project.io import EXCEL_SHEET_ROWS

    frame = pd.DataFrame({"n": np.arange(EXCEL_SHEET_ROWS + 1, dtype="int32")})
    write_table(frame, tmp_path / "big.xlsx")
    import zipfile

    with zipfile.ZipFile(tmp_path / "big.xlsx") as book:
        names = sorted(name for name in book.namelist() if name.startswith("xl/worksheets/sheet"))
        assert names == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
        second = book.read("xl/worksheets/sheet2.xml").decode()
    assert f"<v>{EXCEL_SHEET_ROWS}</v>" in second  # the last row, on the second sheet
