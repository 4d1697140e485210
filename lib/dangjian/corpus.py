"""Reading a corpus: a folder of documents plus ``metadata.csv``.

Files are opened read-only and decoded with the encoding they were written in (UTF-8 with or
without BOM, UTF-16 LE/BE with or without BOM, GB18030/GBK, Big5), which is recorded. Problems
are reported with the file's name: a listed file that is missing, an empty or binary file and a
malformed metadata row are errors; a file present but not listed is a warning.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_bytes("基层党建".encode("gb18030"))
    >>> corpus = load_corpus(folder)
    >>> corpus.documents[0].doc_id, corpus.documents[0].encoding, corpus.documents[0].raw_text
    ('a', 'gb18030', '基层党建')
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Columns of ``metadata.csv``; only ``doc_id`` and ``file`` are required, extra columns are kept.
METADATA_COLUMNS = (
    "doc_id", "file", "title", "region", "province", "prefecture", "county", "township",
    "level", "year", "year_basis", "genre", "author", "script", "notes",
)
REQUIRED_COLUMNS = ("doc_id", "file")
LEVELS = ("national", "province", "prefecture", "county", "township", "village")
#: Formats whose text is extracted by :func:`dangjian.formats.extract_document` rather than decoded.
EXTRACTED_SUFFIXES = (".html", ".htm", ".docx", ".pdf")
DOCUMENT_SUFFIXES = (".txt",) + EXTRACTED_SUFFIXES

_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP/Office file",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office file",
}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


class CorpusError(ValueError):
    """A problem with one input file; the message names the file and what to do."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass
class Document:
    """One document: its id, raw text as decoded, encoding found and metadata."""

    doc_id: str
    path: Path
    raw_text: str
    encoding: str
    metadata: dict[str, str] = field(default_factory=dict)
    #: What a researcher should know about how the file was read (shown in the corpus report).
    warnings: list[str] = field(default_factory=list)


@dataclass
class CorpusIssue:
    """A problem found while loading, with the document it concerns and its consequence."""

    path: str
    status: str  # "warning" or "skipped"
    message: str


@dataclass
class Corpus:
    """Documents in metadata order, plus the issues found while loading."""

    folder: Path | None
    documents: list[Document]
    issues: list[CorpusIssue] = field(default_factory=list)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)


def _decodes_as_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the zero bytes its ASCII characters (digits, punctuation,
    line breaks) carry in one byte position; return the codec name."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = len(data) // 2
    for codec, zeros in (("utf-16-le", odd_zeros), ("utf-16-be", even_zeros)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if zeros > 0.05 * half and _looks_like_text(text):
            return codec
    return None


def _looks_like_text(text: str) -> bool:
    """Reject decodes full of control characters (a binary file that happened to decode)."""
    if not text:
        return True
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\x0c")
    return controls <= 0.01 * min(len(text), 20000)


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode a document's bytes; return ``(text, encoding)`` or raise :class:`CorpusError`.

    Order: a BOM decides; then strict UTF-8; then BOM-less UTF-16; then GB18030 and Big5, choosing
    by charset-normalizer's measure of chaos when both decode.

    Example:
        >>> decode_bytes("黨建".encode("big5"))
        ('黨建', 'big5')
    """
    if not data:
        raise CorpusError(path, "the file is empty; remove it or list a non-empty file in metadata.csv")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise CorpusError(path, f"this is {what}, not a text document; convert it to .txt (UTF-8) first")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec if codec != "utf-16" else ("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be")
            except UnicodeDecodeError as error:
                raise CorpusError(path, f"starts with a {codec} byte-order mark but does not decode as {codec} ({error.reason} at byte {error.start})") from None
    utf16 = _decodes_as_utf16(data)
    if utf16:
        return data.decode(utf16), utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text, "utf-8"
        raise CorpusError(path, "holds binary data (control characters), not text; is it the right file?")
    if b"\x00" in data:
        raise CorpusError(path, "holds binary data (zero bytes), not text; is it the right file?")
    return _decode_legacy_chinese(data, path)


def _decode_legacy_chinese(data: bytes, path: Path | str) -> tuple[str, str]:
    """Pick GB18030 or Big5 (the legacy encodings of mainland and Taiwan/HK text)."""
    candidates: dict[str, str] = {}
    for codec in ("gb18030", "big5"):
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    candidates = {c: t for c, t in candidates.items() if _looks_like_text(t)}
    if len(candidates) == 1:
        return next((t, c) for c, t in candidates.items())
    if len(candidates) == 2:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        chosen = best.encoding.replace("_", "").lower() if best else ""
        codec = "big5" if "big5" in chosen else "gb18030" if chosen else _fewer_rare_characters(candidates)
        return candidates[codec], codec
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _looks_like_text(str(best)) and best.percent_chaos < 0.2:
        return str(best), best.encoding
    raise CorpusError(path, "cannot be decoded as UTF-8, UTF-16, GB18030 or Big5; it may be binary. Re-save it as UTF-8")


def _fewer_rare_characters(candidates: dict[str, str]) -> str:
    """Fallback choice: the decode with more characters from the common CJK block."""
    return max(sorted(candidates), key=lambda c: len(_CJK.findall(candidates[c])) / max(1, len(candidates[c])))


def read_document(path: Path | str, doc_id: str | None = None, metadata: dict[str, str] | None = None) -> Document:
    """Read and decode one file (opened read-only).

    ``.html``/``.htm``/``.docx``/``.pdf`` files go through :func:`dangjian.formats.extract_document`:
    the extracted text is the document's raw text, and the title/date/author the file states fill
    metadata fields that ``metadata`` leaves empty (a value from ``metadata.csv`` is never replaced).
    A ``.txt`` file that holds a web page's markup (a page saved under the wrong name) is read as
    a web page too, with a warning in :attr:`Document.warnings`.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "报告 2024.txt"
        >>> _ = p.write_text("党建", encoding="utf-16")
        >>> read_document(p).encoding
        'utf-16-le'
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "file not found")
    found: dict[str, str] = {}
    warnings: list[str] = []
    if path.suffix.lower() in EXTRACTED_SUFFIXES:
        from dangjian.formats import extract_document  # imported here: dangjian.formats imports this module

        extracted = extract_document(path)
        text, encoding, found = extracted.text, extracted.encoding, extracted.metadata
    else:
        with open(path, "rb") as handle:
            data = handle.read()
        text, encoding = decode_bytes(data, path)
        from dangjian.formats.html import decode_html, extract_html_text, looks_like_html

        if looks_like_html(text):
            page, page_encoding = decode_html(data, path)  # a <meta charset> declaration counts
            extracted = extract_html_text(page, path, page_encoding)
            text, encoding, found = extracted.text, extracted.encoding, extracted.metadata
            warnings.append(
                f"a web page saved as {path.suffix}: its main text was extracted as from an .html file "
                "(rename the file to .html to make this explicit)"
            )
    if not text.strip():
        raise CorpusError(path, "holds only whitespace; remove it or replace it with the document's text")
    merged = dict(metadata or {})
    merged.update({key: value for key, value in found.items() if value and not merged.get(key)})
    return Document(doc_id or path.stem, path, text, encoding, merged, warnings)


def _read_metadata_table(path: Path) -> list[dict[str, str]]:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text, _ = decode_bytes(data, path)
    except CorpusError as error:
        raise CorpusError(path, f"metadata table unreadable: {error.problem}") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    header = list(rows[0].keys()) if rows else next(csv.reader(io.StringIO(text)), [])
    header = [h.strip() for h in header if h is not None]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CorpusError(path, f"missing column(s) {', '.join(missing)}; the header must include {', '.join(REQUIRED_COLUMNS)} (found: {', '.join(header)})")
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def validate_metadata(rows: Sequence[dict[str, str]], path: Path | str = "metadata.csv") -> None:
    """Check metadata rows: ids present and unique, level known, year a number.

    Example:
        >>> validate_metadata([{"doc_id": "a", "file": "a.txt", "level": "city"}])
        Traceback (most recent call last):
        ...
        dangjian.corpus.CorpusError: metadata.csv: row 2 (doc_id 'a'): unknown level 'city'; use one of national, province, prefecture, county, township, village
    """
    seen: dict[str, int] = {}
    for line_no, row in enumerate(rows, start=2):
        doc_id = row.get("doc_id", "")
        where = f"row {line_no} (doc_id {doc_id!r})"
        if not doc_id:
            raise CorpusError(path, f"row {line_no}: empty doc_id")
        if not row.get("file"):
            raise CorpusError(path, f"{where}: empty file column")
        if doc_id in seen:
            raise CorpusError(path, f"{where}: duplicate doc_id, already used on row {seen[doc_id]}")
        seen[doc_id] = line_no
        level = row.get("level", "")
        if level and level not in LEVELS:
            raise CorpusError(path, f"{where}: unknown level {level!r}; use one of {', '.join(LEVELS)}")
        year = row.get("year", "")
        if year and not re.fullmatch(r"\d{4}", year):
            raise CorpusError(path, f"{where}: year {year!r} is not a four-digit number")


def load_corpus(folder: Path | str, skip_bad: bool = False) -> Corpus:
    """Load a corpus folder: ``metadata.csv`` (if present) plus its document files.

    Without ``metadata.csv`` every document file is a document with ``doc_id`` = file stem.
    With it, each row names a file; an unlisted file is a warning. A file that is missing,
    empty, binary, undecodable or without any Chinese is an error naming the file, or, with
    ``skip_bad``, a document listed as skipped in :attr:`Corpus.issues` while the rest load.
    Problems with ``metadata.csv`` itself are always errors.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder not found")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file())
    metadata_path = folder / "metadata.csv"
    issues: list[CorpusIssue] = []
    if metadata_path.exists():
        rows = _read_metadata_table(metadata_path)
        validate_metadata(rows, metadata_path)
    else:
        rows = [{"doc_id": p.stem, "file": p.name} for p in files]
    documents = []
    for row in rows:
        path = folder / row["file"]
        try:
            if not path.is_file():
                raise CorpusError(path, f"listed in {metadata_path.name} (doc_id {row['doc_id']!r}) but not found")
            document = read_document(path, row["doc_id"], row if metadata_path.exists() else {})
            check_has_chinese(document)
        except CorpusError as error:
            if not skip_bad:
                raise
            issues.append(CorpusIssue(str(path), "skipped", error.problem))
            continue
        documents.append(document)
    listed = {row["file"] for row in rows}
    for path in files:
        if path.name not in listed:
            issues.append(CorpusIssue(str(path), "warning", f"present but not listed in {metadata_path.name}; ignored"))
    return Corpus(folder, documents, issues)


def check_has_chinese(document: Document) -> None:
    """Raise :class:`CorpusError` for a document without a single Chinese character.

    Example:
        >>> check_has_chinese(Document("e", Path("e.txt"), "An English page.", "utf-8"))
        Traceback (most recent call last):
        ...
        dangjian.corpus.CorpusError: e.txt: contains no Chinese characters; is it the right file (or the wrong encoding)?
    """
    if not _CJK.search(document.raw_text):
        raise CorpusError(document.path, "contains no Chinese characters; is it the right file (or the wrong encoding)?")


def load_paths(paths: Sequence[Path | str]) -> Corpus:
    """Load plain files and corpus folders given on a command line.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
        >>> _ = p.write_text("党建", encoding="utf-8")
        >>> [d.doc_id for d in load_paths([p])]
        ['x']
    """
    documents: list[Document] = []
    issues: list[CorpusIssue] = []
    for path in map(Path, paths):
        if path.is_dir():
            corpus = load_corpus(path)
            documents += corpus.documents
            issues += corpus.issues
        else:
            documents.append(read_document(path))
    duplicates = sorted({d.doc_id for d in documents if sum(e.doc_id == d.doc_id for e in documents) > 1})
    if duplicates:
        raise CorpusError(paths[0] if paths else ".", f"the same doc_id comes from several files: {', '.join(duplicates)}")
    return Corpus(None, documents, issues)
