"""The corpus report: ok, warning and skipped documents, and the exit status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dangjian.status import corpus_status, report_corpora

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    return folder


def test_the_seed_corpus_reports_its_known_defects():
    table = corpus_status(RAW).set_index("doc_id")
    assert set(table.status) <= {"ok", "warning"}
    assert "lost character" in table.loc["mudanjiang-xian", "reasons"]
    assert table.loc["pingliang-2024", "status"] == "ok"


def test_a_skipped_document_fails_the_run_unless_allowed(corpus_copy, capsys):
    (corpus_copy / "national-2020.txt").write_bytes(b"")
    (corpus_copy / "notes.txt").write_text("备注。", encoding="utf-8")
    table = corpus_status(corpus_copy)
    rows = table.set_index("file")
    assert rows.loc["national-2020.txt", "status"] == "skipped" and "empty" in rows.loc["national-2020.txt", "reasons"]
    assert rows.loc["notes.txt", "status"] == "warning" and "not listed" in rows.loc["notes.txt", "reasons"]
    assert report_corpora([str(corpus_copy)]) == 1
    assert "1 document(s) skipped" in capsys.readouterr().err
    assert report_corpora([str(corpus_copy)], allow_skipped=True) == 0
