"""Atomic, deterministic output files."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from dangjian.io import atomic_open, write_table, write_text_atomic


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
