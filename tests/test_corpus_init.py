"""``dangjian corpus init``: metadata guessed from the five real documents, rows kept, ambiguity shown."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from builders import paragraphs_of, write_docx, write_html, write_scanned_pdf
from dangjian.cli import main
from dangjian.metadata.guess import INIT_COLUMNS, init_metadata, metadata_status
from dangjian.reading.corpus import load_corpus

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
DOCS = sorted(p.stem for p in RAW.glob("*.txt"))


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["doc_id"]: row for row in csv.DictReader(handle)}


def human_metadata() -> dict[str, dict[str, str]]:
    return read_rows(RAW / "metadata.csv")


@pytest.fixture
def five_documents(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc_id in DOCS:
        shutil.copy(RAW / f"{doc_id}.txt", folder)
    return folder


@pytest.fixture
def guessed(five_documents) -> dict[str, dict[str, str]]:
    init_metadata(five_documents)
    return read_rows(five_documents / "metadata.csv")


def test_regions_are_found_in_the_text(guessed):
    pingliang, mudanjiang = guessed["pingliang-2024"], guessed["mudanjiang-xian"]
    assert (pingliang["province"], pingliang["prefecture"], pingliang["county"]) == ("甘肃省", "平凉市", "")
    assert (mudanjiang["province"], mudanjiang["prefecture"], mudanjiang["county"]) == ("黑龙江省", "牡丹江市", "西安区")
    assert (pingliang["region"], mudanjiang["region"]) == ("平凉市", "牡丹江市西安区")
    # 西安区 exists twice in the gazetteer; the text's 牡丹江市 settles it, so nothing is left ambiguous
    assert mudanjiang["region_candidates"] == ""


def test_years_are_the_ones_the_texts_give(guessed):
    assert (guessed["pingliang-2024"]["year"], guessed["pingliang-2024"]["year_basis"]) == ("2024", "title")
    assert (guessed["national-2020"]["year"], guessed["national-2020"]["date"]) == ("2020", "2020-05-09")
    assert guessed["mudanjiang-xian"]["year"] == ""  # the text names no year: left empty, not invented


def test_guesses_agree_with_the_hand_made_metadata(guessed):
    human = human_metadata()
    for doc_id in DOCS:
        assert guessed[doc_id]["script"] == human[doc_id]["script"], doc_id
        assert guessed[doc_id]["level"] == human[doc_id]["level"], doc_id
        if guessed[doc_id]["genre"]:
            assert guessed[doc_id]["genre"] == human[doc_id]["genre"], doc_id
    assert {d for d in DOCS if guessed[d]["genre"]} == {"pingliang-2024", "mudanjiang-xian", "town-speech"}
    assert guessed["national-2020"]["title"] == human["national-2020"]["title"]
    assert guessed["mudanjiang-xian"]["author"] == "林坤"


def test_every_filled_column_is_marked_as_guessed(guessed):
    for row in guessed.values():
        filled = {c for c in INIT_COLUMNS if row[c]} - {"doc_id", "file", "guessed", "region_candidates", "notes"}
        assert set(row["guessed"].split(";")) == filled
    assert list(next(iter(guessed.values()))) == list(INIT_COLUMNS)


def test_the_written_table_loads_and_reports_what_needs_checking(guessed, five_documents):
    corpus = load_corpus(five_documents)
    assert [d.doc_id for d in corpus.documents] == DOCS and corpus.issues == []
    status = metadata_status(corpus)
    as_set = {(r.doc_id, r.field, r.status) for r in status.itertuples()}
    assert ("mudanjiang-xian", "year", "missing") in as_set
    assert ("pingliang-2024", "region", "guessed") in as_set
    assert ("guizhou-district", "region", "missing") in as_set
    assert not status[status["doc_id"] == "pingliang-2024"]["status"].eq("missing").any()


def test_existing_rows_are_kept_and_only_new_files_are_added(five_documents):
    human = human_metadata()
    listed = ["pingliang-2024", "town-speech"]
    with open(RAW / "metadata.csv", encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines(keepends=True)
    kept_lines = [lines[0]] + [line for line in lines[1:] if line.split(",", 1)[0] in listed]
    (five_documents / "metadata.csv").write_text("".join(kept_lines), encoding="utf-8")
    result = init_metadata(five_documents)
    assert sorted(r["doc_id"] for r in result.added) == ["guizhou-district", "mudanjiang-xian", "national-2020"]
    rows = read_rows(five_documents / "metadata.csv")
    for doc_id in listed:
        assert {k: rows[doc_id][k] for k in human[doc_id]} == human[doc_id]
        assert not rows[doc_id]["guessed"]  # the old rows end before the columns added to the header
    before = (five_documents / "metadata.csv").read_bytes()
    assert "".join(kept_lines[1:]).encode("utf-8") in before  # the old rows, byte for byte
    assert init_metadata(five_documents).added == []
    assert (five_documents / "metadata.csv").read_bytes() == before


def test_rows_are_appended_below_an_untouched_table_that_has_every_column(five_documents):
    (five_documents / "national-2020.txt").rename(five_documents.parent / "later.txt")
    init_metadata(five_documents)
    before = (five_documents / "metadata.csv").read_text(encoding="utf-8")
    shutil.move(five_documents.parent / "later.txt", five_documents / "national-2020.txt")
    init_metadata(five_documents)
    after = (five_documents / "metadata.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):].startswith("national-2020,")


def test_same_folder_gives_byte_identical_tables(tmp_path, five_documents):
    other = tmp_path / "copy"
    shutil.copytree(five_documents, other)
    init_metadata(five_documents)
    init_metadata(other)
    assert (five_documents / "metadata.csv").read_bytes() == (other / "metadata.csv").read_bytes()


def test_ambiguous_place_names_are_listed_not_resolved(tmp_path):
    text = "朝阳区委组织部2023年基层党建工作总结\n今年以来，朝阳区委坚持大抓基层，全区新建党群服务站12个。朝阳区各街道……\n"
    (tmp_path / "chaoyang.txt").write_text(text, encoding="utf-8")
    (tmp_path / "changchun.txt").write_text(text.replace("今年以来，", "今年以来，长春市"), encoding="utf-8")
    rows = {r["doc_id"]: r for r in init_metadata(tmp_path).added}
    assert rows["chaoyang"]["county"] == "" and rows["chaoyang"]["province"] == ""
    assert rows["chaoyang"]["region_candidates"] == "朝阳区: 北京市朝阳区 | 吉林省长春市朝阳区"
    assert rows["chaoyang"]["level"] == "county"
    assert (rows["changchun"]["province"], rows["changchun"]["prefecture"], rows["changchun"]["county"]) == ("吉林省", "长春市", "朝阳区")
    assert rows["changchun"]["region_candidates"] == ""


def test_mixed_formats_with_a_scan_from_the_command_line(tmp_path, capsys):
    raw = (RAW / "national-2020.txt").read_text(encoding="utf-8")
    lines = paragraphs_of(raw)
    body = lines[next(i for i, line in enumerate(lines) if "背景色" in line) + 1 : lines.index("相关新闻")]
    write_html(tmp_path / "national-2020.html", lines[1], body, date="2020-05-09", editor="刘磊")
    write_docx(tmp_path / "mudanjiang-xian.docx", paragraphs_of((RAW / "mudanjiang-xian.txt").read_text(encoding="utf-8")))
    write_scanned_pdf(tmp_path / "scan.pdf", ["镇党委书记在党组织建设工作会议上的交流发言"], tmp_path / "scan.png")
    assert main(["corpus", "init", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "added 2 row(s)" in out and "skipped scan.pdf: no text layer; OCR is not supported" in out
    rows = read_rows(tmp_path / "metadata.csv")
    assert sorted(rows) == ["mudanjiang-xian", "national-2020"]
    assert (rows["national-2020"]["file"], rows["national-2020"]["date"], rows["national-2020"]["year"]) == ("national-2020.html", "2020-05-09", "2020")
    assert rows["national-2020"]["title"] == lines[1]
    assert (rows["mudanjiang-xian"]["prefecture"], rows["mudanjiang-xian"]["county"]) == ("牡丹江市", "西安区")
    assert main(["corpus", "status", str(tmp_path)]) == 0
    assert "warning" in capsys.readouterr().out  # scan.pdf is present but not listed
