"""The corpus report: ok, warning and skipped documents, and the exit status."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dangjian.cli.status import report_corpora
from dangjian.running.tables import corpus_status

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


def test_dangjian_run_ends_with_the_corpus_report_and_fails_on_a_skipped_document(corpus_copy, tmp_path):
    import contextlib
    import io

    import nbformat

    from dangjian import cli

    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'p'\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('corpus_dir = "corpus"  # role: corpus', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from dangjian.segmentation.pipeline import process_corpus\nprocess_corpus(corpus_dir, skip_bad=True)"),
    ]
    nbformat.write(nb, project / "notebooks" / "n.ipynb")
    (project / "parameters").mkdir()
    (project / "parameters" / "n.yaml").write_text(
        f"notebook: notebooks/n.ipynb\nparameters:\n  corpus_dir: {corpus_copy.as_posix()}\n", encoding="utf-8"
    )
    (corpus_copy / "town-speech.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))

    def run(*extra: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["run", "--root", str(project), "--no-progress", *extra])
        return code, out.getvalue() + err.getvalue()

    code, output = run()
    assert code == 1
    assert "[ok] n" in output
    assert "skipped  town-speech.txt" in output and "4 ok" not in output
    code, output = run("--allow-skipped")
    assert code == 0


def _mojibake_document(raw_text: str):
    from dangjian.reading.corpus import Document
    from dangjian.segmentation.pipeline import process_document

    metadata = {"region": "平凉市", "level": "prefecture", "year": "2024"}
    return process_document(Document("page", Path("page.txt"), raw_text, "utf-8", metadata))


def test_runs_of_mojibake_are_reported_with_their_length():
    """A page that mixes encodings: a span of a real report decoded as Windows-1252 and the GBK
    reading of U+FFFD (锟斤拷) inside correctly decoded text are each one run, reported with its
    length, not a few lost characters."""
    from dangjian.running.status import document_warnings

    text = (RAW / "pingliang-2024.txt").read_text(encoding="utf-8")[:400]
    latin = "基层党组织建设质量".encode("utf-8").decode("cp1252", errors="replace")
    gbk = ("\ufffd" * 4).encode("utf-8").decode("gbk")
    assert gbk == "锟斤拷锟斤拷"
    garbled = text[:100] + latin + text[100:200] + gbk + text[200:]
    warnings = [w for w in document_warnings(_mojibake_document(garbled)) if "mojibake" in w]
    assert len(warnings) == 1 and warnings[0].startswith("2 run(s) of mojibake"), warnings
    longest = int(re.search(r"the longest (\d+)", warnings[0]).group(1))
    assert longest >= 20  # 9 characters of 3 bytes each, a few invisible ones removed by cleaning
    assert not [w for w in document_warnings(_mojibake_document(text)) if "mojibake" in w]


def test_two_files_of_the_same_text_are_each_warned_of_the_other(corpus_copy):
    # the same report saved again in another encoding: different bytes, the same clean text
    text = (corpus_copy / "town-speech.txt").read_text(encoding="utf-8")
    (corpus_copy / "town-speech-copy.txt").write_bytes(text.encode("gb18030"))
    with open(corpus_copy / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write("town-speech-copy,town-speech-copy.txt,,某镇,,,,,township,2019,stated,speech,,hans,\n")
    rows = corpus_status(corpus_copy).set_index("doc_id")
    assert "the same clean text as town-speech-copy.txt (doc_id town-speech-copy)" in rows.loc["town-speech", "reasons"]
    assert "the same clean text as town-speech.txt (doc_id town-speech)" in rows.loc["town-speech-copy", "reasons"]
    assert rows.loc["town-speech-copy", "status"] == "warning"
    others = rows.drop(index=["town-speech", "town-speech-copy"])
    assert not others["reasons"].str.contains("same clean text").any()
