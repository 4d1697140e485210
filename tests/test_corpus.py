"""Reading a corpus: encodings, metadata, and clear errors naming the file."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dangjian.cleaning.clean import clean_text
from dangjian.reading.corpus import LEVELS, CorpusError, decode_bytes, load_corpus, read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
DOCS = sorted(p.stem for p in RAW.glob("*.txt"))


def original(doc_id: str) -> str:
    return (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_id", DOCS)
@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(lambda t: t.encode("utf-16-be"), id="utf-16-be"),
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be-bom"),
    ],
)
def test_reencoded_documents_give_identical_clean_text(tmp_path, doc_id, encode):
    text = original(doc_id)
    path = tmp_path / f"{doc_id}.txt"
    path.write_bytes(encode(text))
    document = read_document(path)
    assert document.raw_text == text
    assert clean_text(document.raw_text).text == clean_text(text).text


@pytest.mark.parametrize("doc_id", ["pingliang-2024", "mudanjiang-xian"])
def test_big5_traditional_documents_load(tmp_path, doc_id):
    # the characters Big5 can hold (it has no 礴, and no toned pinyin letters)
    text = "".join(ch for ch in original(doc_id) if ch.encode("big5", errors="ignore"))
    path = tmp_path / f"{doc_id}.txt"
    path.write_bytes(text.encode("big5"))
    document = read_document(path)
    assert document.encoding == "big5"
    assert clean_text(document.raw_text).text == clean_text(text).text


def test_short_legacy_texts_are_told_apart():
    assert decode_bytes("党的基层组织建设".encode("gb18030")) == ("党的基层组织建设", "gb18030")
    assert decode_bytes("黨的基層組織建設".encode("big5")) == ("黨的基層組織建設", "big5")


def test_mixed_line_endings_are_read(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("第一段。\r\n第二段。\r第三段。\n".encode("utf-8"))
    assert clean_text(read_document(path).raw_text).text == "第一段。\n第二段。\n第三段。"


def test_file_name_with_spaces_and_chinese(tmp_path):
    path = tmp_path / "平凉 2024 综述.txt"
    path.write_text("党建工作综述。", encoding="utf-8")
    assert read_document(path).doc_id == "平凉 2024 综述"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"  \n\t\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad file.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=message) as info:
        read_document(path)
    assert "bad file.txt" in str(info.value)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    return folder


def test_the_corpus_loads_in_metadata_order_with_extra_columns(corpus_copy):
    corpus = load_corpus(corpus_copy)
    assert [d.doc_id for d in corpus] == ["pingliang-2024", "mudanjiang-xian", "town-speech", "guizhou-district", "national-2020"]
    assert corpus.documents[0].metadata["region"] == "平凉市"
    assert corpus.issues == []


def _edit_metadata(folder: Path, old: str, new: str) -> None:
    path = folder / "metadata.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("doc_id,file,", "doc,file,", "missing column.*doc_id"),
        ("mudanjiang-xian,mudanjiang-xian.txt", "pingliang-2024,mudanjiang-xian.txt", "duplicate doc_id"),
        (",prefecture,2024,stated", ",city,2024,stated", "unknown level 'city'"),
        (",prefecture,2024,stated", ",prefecture,2024年,stated", "year '2024年' is not a four-digit number"),
        ("town-speech,town-speech.txt", "town-speech,town-speech-missing.txt", "town-speech-missing.txt.*not found"),
    ],
)
def test_metadata_problems_are_named(corpus_copy, old, new, message):
    _edit_metadata(corpus_copy, old, new)
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus(corpus_copy)
    assert "corpus" in str(info.value)


def test_a_missing_file_can_be_skipped_and_is_reported(corpus_copy):
    (corpus_copy / "town-speech.txt").unlink()
    corpus = load_corpus(corpus_copy, skip_bad=True)
    assert len(corpus) == 4
    assert [(i.status, Path(i.path).name) for i in corpus.issues] == [("skipped", "town-speech.txt")]
    assert "not found" in corpus.issues[0].message


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"), (b"Only English here.", "no Chinese")],
)
def test_a_bad_document_is_skipped_with_its_reason_and_the_rest_load(corpus_copy, content, message):
    (corpus_copy / "guizhou-district.txt").write_bytes(content)
    with pytest.raises(CorpusError, match=message):
        load_corpus(corpus_copy)
    corpus = load_corpus(corpus_copy, skip_bad=True)
    assert [d.doc_id for d in corpus] == ["pingliang-2024", "mudanjiang-xian", "town-speech", "national-2020"]
    (issue,) = corpus.issues
    assert issue.status == "skipped" and Path(issue.path).name == "guizhou-district.txt" and message in issue.message


@pytest.mark.parametrize("command", ["clean", "indicators"])
def test_clean_and_indicators_skip_a_bad_document_as_run_and_status_do(corpus_copy, tmp_path, capsys, command):
    from dangjian.cli import main

    (corpus_copy / "guizhou-district.txt").write_bytes(b"")
    out = tmp_path / ("clean" if command == "clean" else "indicators.csv")
    assert main([command, str(corpus_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "guizhou-district.txt: the file is empty" in err and "1 document(s) skipped" in err
    written = sorted(p.stem for p in out.glob("*.txt")) if command == "clean" else sorted(set(pd.read_csv(out)["doc_id"]))
    assert written == ["mudanjiang-xian", "national-2020", "pingliang-2024", "town-speech"]
    assert main([command, str(corpus_copy), "--out", str(out), "--allow-skipped"]) == 0


def test_an_unlisted_file_is_a_warning(corpus_copy):
    (corpus_copy / "extra.txt").write_text("多出来的文件。", encoding="utf-8")
    corpus = load_corpus(corpus_copy)
    assert len(corpus) == 5
    assert [(i.status, Path(i.path).name) for i in corpus.issues] == [("warning", "extra.txt")]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_metadata_with_bom_or_gbk_is_read(corpus_copy, encoding):
    path = corpus_copy / "metadata.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    corpus = load_corpus(corpus_copy)
    assert corpus.documents[0].metadata["region"] == "平凉市"
    assert corpus.documents[0].metadata["doc_id"] == "pingliang-2024"


def test_raw_files_are_not_modified_by_loading(corpus_copy):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus_copy.iterdir()}
    load_corpus(corpus_copy)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus_copy.iterdir()}
    assert before == after


@pytest.mark.parametrize("entry", ["mudanjiang-xian.txt", "./mudanjiang-xian.txt"])
def test_a_file_named_by_two_rows_is_refused_not_analysed_twice(corpus_copy, entry):
    from dangjian.reading.stream import iter_document_refs

    _edit_metadata(corpus_copy, "town-speech,town-speech.txt", f"town-speech,{entry}")
    message = r"row 4 \(doc_id 'town-speech'\): the file 'mudanjiang-xian.txt' is already the document of row 3"
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus(corpus_copy)
    assert "metadata.csv" in str(info.value)
    with pytest.raises(CorpusError, match=message):
        list(iter_document_refs(corpus_copy))


@pytest.mark.parametrize("with_metadata", [True, False])
def test_documents_in_a_format_that_is_not_read_are_named_not_passed_over(corpus_copy, with_metadata):
    from dangjian.metadata.guess import init_metadata
    from dangjian.running.tables import listing_issues

    (corpus_copy / "old-report.doc").write_bytes(b"\xd0\xcf\x11\xe0" + "党建工作总结".encode("utf-16-le"))
    (corpus_copy / "notice.WPS").write_bytes(b"\xd0\xcf\x11\xe0")
    (corpus_copy / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not a document: nothing to say
    if not with_metadata:
        (corpus_copy / "metadata.csv").unlink()
    expected = {"old-report.doc": "an old Word file (.doc), which is not read; save it as .docx, .pdf or .txt to include it",
                "notice.WPS": "a WPS Writer file, which is not read; save it as .docx, .pdf or .txt to include it"}
    corpus = load_corpus(corpus_copy)
    assert {Path(issue.path).name: issue.message for issue in corpus.issues} == expected
    assert len(corpus) == 5
    assert {row["file"]: row["message"] for row in listing_issues(corpus_copy)} == expected
    if not with_metadata:
        result = init_metadata(corpus_copy, dry_run=True)
        skipped = {Path(issue.path).name: issue.message for issue in result.skipped}
        assert skipped == {name: f"{message}; no row added" for name, message in expected.items()}


def test_bodies_outside_the_administrative_hierarchy_have_levels_of_their_own(corpus_copy):
    from dangjian.comparison.compare import region_labels

    _edit_metadata(corpus_copy, ",prefecture,2024,stated", ",university,2024,stated")
    corpus = load_corpus(corpus_copy)
    assert corpus.documents[0].metadata["level"] == "university"
    documents = pd.DataFrame([{"doc_id": d.doc_id, **d.metadata} for d in corpus])
    labels = region_labels(documents).set_index("doc_id")
    assert labels.loc["pingliang-2024", "region_label"] == "平凉市 (university)"
    assert labels.loc["pingliang-2024", "level_rank"] == LEVELS.index("university") > LEVELS.index("village")  # after the village
