"""Damaged and hostile Word files, PDFs and web pages: each is refused alone, naming the file.

Every file is built here: a zip bomb and a zip whose header lies about a part's size, Word files
that are not zips or lack their text, truncated PDFs and PDFs of garbage, pages nested far deeper
than lxml's tree keeps and flat pages of many megabytes. A bad file becomes a one-line
:class:`CorpusError` naming it, read within bounded time and memory, so a corpus loads without it.
"""

from __future__ import annotations

import io
import re
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import fpdf
import pytest
from lxml import etree

from dangjian.cli import main
from dangjian.reading.corpus import CorpusError, load_corpus
from dangjian.reading.formats import extract_document, reading
from dangjian.reading.formats import docx as docx_format
from dangjian.reading.formats import html as html_format
from dangjian.reading.formats import pdf as pdf_format

PARAGRAPH = "全市新建党群服务中心12个，培训党员2.1万人次，基层组织全面进步。"
PAGE_TEXTS = ["Party building in the county", "Training of members", "Service centres", "Village committees"]
DOCUMENT_XML = "word/document.xml"


def one_line(error: CorpusError) -> str:
    message = str(error)
    assert "\n" not in message and len(message) < 600, message
    return message


# --------------------------------------------------------------------------- Word


def word_parts() -> dict[str, bytes]:
    """The parts of a real one-paragraph .docx written by python-docx."""
    word = docx.Document()
    word.add_paragraph(PARAGRAPH)
    buffer = io.BytesIO()
    word.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, parts: dict[str, bytes], bomb: tuple[str, int] | None = None) -> Path:
    """A zip of ``parts``; ``bomb = (name, size)`` makes that part ``size`` repeated bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            if bomb is None or name != bomb[0]:
                archive.writestr(name, data)
        if bomb is not None:
            with archive.open(bomb[0], "w", force_zip64=True) as stream:
                chunk, left = b"A" * (1 << 20), bomb[1]
                while left > 0:
                    stream.write(chunk[:left])
                    left -= len(chunk)
    return path


def lie_about_size(path: Path, name: str, declared: int) -> None:
    """Rewrite the local and central headers of part ``name`` to declare ``declared`` bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<I", data, offset + 22, declared)  # local header: uncompressed size
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + length] == name.encode():
            struct.pack_into("<I", data, start + 24, declared)  # central header: uncompressed size
        start += 4
    path.write_bytes(bytes(data))


def extract_traced(path: Path) -> tuple[CorpusError, int]:
    """The error extracting ``path`` raises, and the peak of memory allocated meanwhile (bytes)."""
    tracemalloc.start()
    try:
        with pytest.raises(CorpusError) as error:
            extract_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return error.value, peak


def test_a_zip_bomb_is_stopped_by_the_default_part_limit_without_unpacking_it(tmp_path):
    size = docx_format.DOCX_MAX_PART_BYTES + 50_000_000
    bomb = write_zip(tmp_path / "bomb.docx", word_parts(), bomb=(DOCUMENT_XML, size))
    assert bomb.stat().st_size < 2_000_000  # 250 MB of text in a file under 2 MB
    started = time.perf_counter()
    error, peak = extract_traced(bomb)
    assert time.perf_counter() - started < 2
    assert peak < 20_000_000, f"{peak:,} bytes allocated"
    assert error.path == bomb
    message = one_line(error)
    assert f"part {DOCUMENT_XML} unpacks to 250.0 MB" in message
    assert "DOCX_MAX_PART_BYTES" in message and "200.0 MB" in message and "split the document" in message


def test_a_header_that_lies_about_a_part_size_does_not_make_it_read_more(tmp_path):
    path = write_zip(tmp_path / "forged.docx", word_parts(), bomb=(DOCUMENT_XML, 60_000_000))
    lie_about_size(path, DOCUMENT_XML, 1_000)
    assert zipfile.ZipFile(path).getinfo(DOCUMENT_XML).file_size == 1_000
    error, peak = extract_traced(path)
    assert peak < 20_000_000, f"{peak:,} bytes allocated"  # the 60 MB are never unpacked
    assert error.path == path
    assert "forged.docx: Word .docx file could not be read: BadZipFile: Bad CRC-32" in one_line(error)


@pytest.mark.parametrize("limit, message", [
    ("DOCX_MAX_PART_BYTES", f"part {DOCUMENT_XML} unpacks to 5.0 MB, over the limit of 1.0 MB for one part of a Word file (DOCX_MAX_PART_BYTES)"),
    ("DOCX_MAX_TOTAL_BYTES", "big.docx: its 22 parts unpack to 4.8 MB, over the limit of 1.0 MB for all parts of a Word file (DOCX_MAX_TOTAL_BYTES)"),
])
def test_each_docx_size_limit_is_named_with_the_size_found(tmp_path, monkeypatch, limit, message):
    parts = word_parts()
    parts.update({f"word/media/image{i}.bin": b"0" * 800_000 for i in range(5)})
    path = write_zip(tmp_path / "big.docx", parts, bomb=(DOCUMENT_XML, 5_000_000) if limit == "DOCX_MAX_PART_BYTES" else None)
    monkeypatch.setattr(docx_format, limit, 1_000_000)
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert message in one_line(error.value)


def test_parts_are_measured_by_what_they_unpack_to_within_the_limits(tmp_path):
    path = write_zip(tmp_path / "ok.docx", word_parts(), bomb=("word/media/image1.bin", 3_000_000))
    docx_format.check_part_sizes(path, part_limit=3_000_000, total_limit=4_000_000)  # within: no error
    with pytest.raises(CorpusError, match=r"its 18 parts unpack to 3\.8 MB, over the limit of 3\.0 MB for all parts"):
        docx_format.check_part_sizes(path, part_limit=3_000_000, total_limit=3_000_000)
    assert extract_document(path).text == PARAGRAPH


@pytest.mark.parametrize("content, reason", [
    (b"not a zip at all", "BadZipFile: File is not a zip file"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 8, "BadZipFile: File is not a zip file"),
    ("no document.xml", "KeyError: \"There is no item named 'word/document.xml' in the archive\""),
    ("broken xml", "XMLSyntaxError"),
], ids=["not-a-zip", "a-pdf", "no-document-xml", "broken-xml"])
def test_a_docx_that_is_not_a_word_file_is_named(tmp_path, content, reason):
    path = tmp_path / "报告 2024.docx"
    if content == "no document.xml":
        write_zip(path, {k: v for k, v in word_parts().items() if k != DOCUMENT_XML})
    elif content == "broken xml":
        write_zip(path, {**word_parts(), DOCUMENT_XML: b"<w:document><w:body><w:p>"})
    else:
        path.write_bytes(content)
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert error.value.path == path
    assert f"报告 2024.docx: Word .docx file could not be read: {reason}" in one_line(error.value)


# --------------------------------------------------------------------------- PDF


def write_pdf(path: Path, pages: int = 2, title: str = "") -> Path:
    pdf = fpdf.FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("helvetica", size=12)
    for page in range(pages):
        pdf.add_page()
        pdf.cell(text=PAGE_TEXTS[page])
    pdf.output(str(path))
    return path


TRUNCATED = r"(PSEOF: Unexpected EOF|PDFSyntaxError: No /Root object! - Is this really a PDF\?)"
NO_ROOT = r"PDFSyntaxError: No /Root object! - Is this really a PDF\?"


@pytest.mark.parametrize("damage, reason", [
    ("cut in its first stream", TRUNCATED),
    ("cut in half", TRUNCATED),
    ("garbage body", NO_ROOT),
    ("header only", NO_ROOT),
], ids=["cut-in-first-stream", "cut-in-half", "garbage-body", "header-only"])
def test_a_damaged_pdf_is_named_with_what_the_library_said(tmp_path, damage, reason):
    good = write_pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "bad report.pdf"
    path.write_bytes({
        "cut in its first stream": good[: good.index(b"stream") + 20],
        "cut in half": good[: len(good) // 2],
        "garbage body": good[:9] + bytes(range(256)) * 40,
        "header only": b"%PDF-1.7\n",
    }[damage])
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert error.value.path == path
    assert re.search(f"bad report.pdf: PDF file could not be read: {reason}; open it and save it again", one_line(error.value))


def test_a_password_protected_pdf_says_so(tmp_path):
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Party building report")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert one_line(error.value) == f"{path}: {pdf_format.PASSWORD_PROTECTED}"


def test_pdf_page_and_character_limits_are_named(tmp_path, monkeypatch):
    path = write_pdf(tmp_path / "long.pdf", pages=3)
    assert all(text in extract_document(path).text for text in PAGE_TEXTS[:3])
    monkeypatch.setattr(pdf_format, "PDF_MAX_PAGES", 2)
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert "long.pdf: has 3 pages, over the limit of 2 for one PDF (PDF_MAX_PAGES); split it" in one_line(error.value)
    monkeypatch.setattr(pdf_format, "PDF_MAX_PAGES", 2_000)
    monkeypatch.setattr(pdf_format, "PDF_MAX_CHARS", 50)
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert "holds more than 50 characters of text by page 3, over the limit for one PDF (PDF_MAX_CHARS)" in one_line(error.value)


# --------------------------------------------------------------------------- HTML


def nested_page(levels: int) -> str:
    body = "".join(f"<div>第{level}层党组织。" for level in range(levels)) + "</div>" * levels
    return f"<html><head><title>嵌套</title></head><body>{body}</body></html>"


def flat_page(size: int) -> str:
    paragraph = f"<p>{PARAGRAPH}</p>\n"
    return "<html><head><title>大页面</title></head><body>" + paragraph * (size // len(paragraph.encode()) + 1) + "</body></html>"


@pytest.mark.parametrize("levels", [150, 300, 5_000, 100_000])
def test_every_level_of_deeply_nested_divs_comes_out(tmp_path, levels):
    path = tmp_path / "nested.html"
    path.write_text(nested_page(levels), encoding="utf-8")
    kept_by_a_tree = "".join(etree.fromstring(path.read_bytes(), etree.HTMLParser(encoding="utf-8")).itertext()).count("层")
    assert kept_by_a_tree == levels if levels < 250 else kept_by_a_tree < 256
    lines = extract_document(path).text.splitlines()
    assert lines == ["嵌套"] + [f"第{level}层党组织。" for level in range(levels)]


def test_a_large_flat_page_is_read_whole_in_bounded_time(tmp_path):
    path = tmp_path / "flat.html"
    path.write_text(flat_page(4_000_000), encoding="utf-8")
    started = time.perf_counter()
    lines = extract_document(path).text.splitlines()
    assert time.perf_counter() - started < 6  # trafilatura took 8 to 15 s here
    paragraphs = flat_page(4_000_000).count("<p>")
    assert lines == ["大页面"] + [PARAGRAPH] * paragraphs


def test_reading_a_page_grows_linearly_with_its_size():
    def seconds(size: int) -> float:
        page = flat_page(size)
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            text = html_format.stream_page_text(page)
            best = min(best, time.perf_counter() - started)
        assert len(text.lines) == page.count("<p>")
        return best

    small, large = seconds(1_000_000), seconds(4_000_000)
    assert large / small < 8, f"1 MB: {small:.2f} s, 4 MB: {large:.2f} s"  # linear: 4; quadratic: 16


def test_html_size_and_text_limits_are_named(tmp_path, monkeypatch):
    path = tmp_path / "dump.html"
    path.write_text(flat_page(50_000), encoding="utf-8")
    monkeypatch.setattr(html_format, "HTML_MAX_BYTES", 10_000)
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert f"dump.html: the page is {path.stat().st_size:,} bytes, over the limit of 10,000 for one web page (HTML_MAX_BYTES)" in one_line(error.value)
    monkeypatch.setattr(html_format, "HTML_MAX_BYTES", 100_000_000)
    monkeypatch.setattr(html_format, "HTML_FULL_EXTRACTION_CHARS", 1_000)
    monkeypatch.setattr(html_format, "HTML_MAX_CHARS", 5_000)
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert "dump.html: holds more than 5,000 characters of text, the limit for one web page (HTML_MAX_CHARS)" in one_line(error.value)


# --------------------------------------------------------------------------- any library failure


@pytest.mark.parametrize("failure", [
    zipfile.BadZipFile("File is not a zip file"),
    KeyError("There is no item named 'word/document.xml' in the archive"),
    RecursionError("maximum recursion depth exceeded"),
    MemoryError(),
    RuntimeError("first line\nsecond line " + "x" * 1_000),
])
def test_any_library_failure_becomes_one_line_naming_the_file(failure):
    with pytest.raises(CorpusError) as error:
        with reading(Path("folder/报告.pdf"), "PDF"):
            raise failure
    message = one_line(error.value)
    assert message.startswith(f"folder/报告.pdf: PDF file could not be read: {type(failure).__name__}")
    assert error.value.__cause__ is failure


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_an_interrupt_is_not_a_bad_file(stop):
    with pytest.raises(stop):
        with reading("a.pdf", "PDF"):
            raise stop()


# --------------------------------------------------------------------------- through the corpus


@pytest.fixture
def folder_with_bad_files(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_zip(folder / "no-text.docx", {k: v for k, v in word_parts().items() if k != DOCUMENT_XML})
    good_pdf = write_pdf(tmp_path / "good.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (folder / "good.txt").write_text(PARAGRAPH * 3, encoding="utf-8")
    return folder


def test_a_corpus_loads_with_the_bad_files_skipped_and_named(folder_with_bad_files):
    corpus = load_corpus(folder_with_bad_files, skip_bad=True)
    assert [d.doc_id for d in corpus.documents] == ["good"]
    skipped = {Path(i.path).name: i.message for i in corpus.issues if i.status == "skipped"}
    assert sorted(skipped) == ["no-text.docx", "truncated.pdf"]
    assert skipped["no-text.docx"].startswith("Word .docx file could not be read: KeyError")
    assert re.match(f"PDF file could not be read: {TRUNCATED}", skipped["truncated.pdf"])


def test_status_lists_the_skipped_files_without_a_traceback(folder_with_bad_files, capsys):
    assert main(["status", str(folder_with_bad_files)]) == 1  # a document was skipped
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "2 skipped" in out
    for name, reason in [("no-text.docx", "Word .docx file could not be read"), ("truncated.pdf", "PDF file could not be read")]:
        line = next(line for line in out.splitlines() if name in line)
        assert "skipped" in line and reason in line


RUN_PARAMETERS = (
    'corpus_dir = "data/raw"  # role: corpus\ncorpus_tables_dir = "data/processed/tables"  # role: tables\n'
    'cache_dir = "data/processed/cache"  # role: cache\n'
)
RUN_READS_TABLES = (
    "from dangjian.running.status import status_table\n"
    "from dangjian.running.tables import open_tables\n"
    "processed = open_tables(corpus_dir, corpus_tables_dir, cache_dir)\n"
    "print(status_table(processed)['status'].value_counts().to_dict())\n"
)


def test_a_run_on_a_corpus_with_bad_files_analyses_the_rest_and_names_them(folder_with_bad_files, tmp_path, capsys):
    """`dangjian run`: the process step skips the bad files, the notebook reads the corpus tables as
    the project's notebooks do, and the corpus report at the end names each skipped file."""
    import nbformat

    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(RUN_PARAMETERS, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(RUN_READS_TABLES),
    ]
    nbformat.write(notebook, root / "notebooks" / "read.ipynb")
    (root / "parameters").mkdir()
    (root / "parameters" / "read.yaml").write_text("notebook: notebooks/read.ipynb\n", encoding="utf-8")
    (root / "data").mkdir()
    folder_with_bad_files.rename(root / "data" / "raw")
    for allow, code in ([], 1), (["--allow-skipped"], 0):
        assert main(["run", "--root", str(root), "--no-progress", *allow]) == code
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        row = next(line.split() for line in out.splitlines() if line.startswith("read "))
        assert row[2] in ("ok", "up"), out
        for name, reason in [("no-text.docx", "Word .docx file could not be read"), ("truncated.pdf", "PDF file could not be read")]:
            line = next(line for line in out.splitlines() if name in line)
            assert "skipped" in line and reason in line
    executed = nbformat.read(root / "reports" / "read.ipynb", as_version=4)
    assert "'skipped': 2" in executed.cells[-1].outputs[0]["text"]
