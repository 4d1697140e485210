"""Reading a corpus: a folder of documents plus ``metadata.csv``.

Files are opened read-only and decoded with the encoding they were written in (UTF-8 with or
without BOM, UTF-16 LE/BE with or without BOM, GB18030/GBK, Big5, Big5-HKSCS), which is recorded;
a doubtful choice between legacy encodings is a warning on the document. Problems
are reported with the file's name: a listed file that is missing, an empty or binary file and a
malformed metadata row are errors; a file present but not listed is a warning. Names are data,
never paths: a doc_id is a plain name (it names output files), a ``file`` entry names a file
inside the corpus folder, and symbolic links that lead out of the folder are not followed unless
asked (``follow_symlinks``).

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
import functools
import importlib.util
import io
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from dangjian.project.io import MAX_FILE_PART_BYTES, first_invisible, name_problem
from dangjian.project.params import SHOWN_CHARS, shown
from dangjian.project.schema import METADATA_COLUMNS, REQUIRED_COLUMNS

#: Levels of the body a document comes from: the administrative levels from the centre down, then
#: the bodies outside that hierarchy whose party committees report too (an urban community beside
#: the village, a university, an enterprise, a government or party agency).
LEVELS = ("national", "province", "prefecture", "county", "township", "village", "community", "university", "enterprise", "agency")
#: Formats whose text is extracted by :func:`dangjian.reading.formats.extract_document` rather than decoded.
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

    def __reduce__(self):  # raised in a worker process, it reaches the caller whole
        return (type(self), (self.path, self.problem))


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


#: Legacy encodings tried when a file is neither UTF-8 nor UTF-16, in the order that wins a tie.
#: GBK is a subset of GB18030; Big5-HKSCS adds the Hong Kong characters (嘅, 佢, 哋 ...) to Big5.
LEGACY_ENCODINGS = ("gb18030", "big5", "big5hkscs")
#: Characters of each decoded text that are scored (the whole file is still decoded strictly).
_SCORE_SAMPLE = 1 << 16
#: How many of the most frequent Chinese characters count as common (they cover ~98.5% of text).
_COMMON_SIZE = 3000
#: Lowest score of a text that reads as Chinese: below it a legacy decode gets a warning and a
#: BOM-less UTF-16 decode is refused.
_PLAUSIBLE = 0.5
#: A different decode scoring within this much of the best one makes the choice a close call.
_CLOSE_CALL = 0.25
#: Below this score, over at least :data:`_UNREADABLE_CHARS` characters beyond ASCII, a legacy decode
#: is refused: no Chinese text reads that badly (Japanese Shift-JIS read as GB18030 scores about 0.15,
#: Chinese text about 0.9); a short text of rare characters is only warned about.
_UNREADABLE = 0.25
_UNREADABLE_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_RARE_BLOCKS = ((0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_SYMBOL_BLOCKS = (
    (0x00B0, 0x00B0), (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x2000, 0x22FF),
    (0x2460, 0x24FF), (0x2500, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF),
)


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and what a researcher should know about that."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """The most frequent Chinese characters (simplified), counted over the words of jieba's dictionary
    weighted by their frequency; words seen fewer than 100 times are left out (they change nothing)."""
    spec = importlib.util.find_spec("jieba")  # the package's data file, without importing jieba
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed; it is a dependency of dangjian: run `make setup`")
    with open(Path(spec.origin).with_name("dict.txt"), "rb") as handle:
        tokens = handle.read().split()  # word, frequency, part of speech
    counts: Counter[str] = Counter()
    for word, count in zip(tokens[0::3], tokens[1::3]):
        if len(count) > 2:
            weight = int(count)
            for char in word.decode("utf-8"):
                counts[char] += weight
    return frozenset(char for char, _ in counts.most_common(_COMMON_SIZE))


@functools.lru_cache(maxsize=1)
def _to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _in_blocks(code: int, blocks: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in blocks)


def _is_broken(char: str) -> bool:
    """A character no real text holds: replacement, private use, unassigned, surrogate, control."""
    if char in "\r\n\t\x0c":
        return False
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs")


def _chinese_text_score(text: str) -> float:
    """How much a decoded text reads as Chinese, from -3 (garbage) to 1, measured on its start.

    Each non-ASCII character scores 1 if it is one of the 3000 most frequent Chinese characters
    (a traditional form counts as its simplified one) or common punctuation, 0 if it is another
    character, -1 if it is in a rare block (CJK extensions, compatibility ideographs) and -3 if no
    real text holds it (replacement, private use, unassigned, control); the score is the mean.
    A mis-decoded text is made of characters spread evenly over the code table, so it scores low.

    Example:
        >>> _chinese_text_score("党的基层组织建设"), _chinese_text_score("黨的基層組織建設")
        (1.0, 1.0)
        >>> _chinese_text_score("黨的基層組織建設".encode("big5").decode("gb18030"))
        -0.25
    """
    counts = Counter(char for char in text[:_SCORE_SAMPLE] if char > "\x7f")
    if not counts:
        return 1.0
    hanzi = [char for char in counts if "\u4e00" <= char <= "\u9fff"]
    simplified = _to_simplified().convert("\n".join(hanzi)).split("\n") if hanzi else []
    as_simplified = dict(zip(hanzi, simplified)) if len(simplified) == len(hanzi) else {}
    common = _common_characters()
    total = 0
    for char, count in counts.items():
        code = ord(char)
        if char in common or as_simplified.get(char) in common or _in_blocks(code, _SYMBOL_BLOCKS):
            total += count
        elif _is_broken(char):
            total -= 3 * count
        elif _in_blocks(code, _RARE_BLOCKS):
            total -= count
    return total / sum(counts.values())


def _decodes_as_utf16(data: bytes, every_other_byte_zero: bool = False) -> str | None:
    """The BOM-less UTF-16 codec the bytes are proven to be in, or ``None``.

    Proof needs both the zero bytes ASCII characters (line breaks, digits) carry in their high
    byte, and a decoded text without broken characters that reads as Chinese (or plain ASCII).
    With ``every_other_byte_zero`` (bytes that are valid UTF-8 too) the high byte of every
    character must be zero: text with stray zero bytes is never taken for UTF-16.

    Example:
        >>> _decodes_as_utf16("基层党建\\n".encode("utf-16-be")), _decodes_as_utf16("基层\\x00党建".encode("utf-8"))
        ('utf-16-be', None)
    """
    if len(data) < 2 or len(data) % 2:
        return None
    high_byte_zeros = {"utf-16-le": data[1::2].count(0), "utf-16-be": data[0::2].count(0)}
    for codec in sorted(high_byte_zeros, key=high_byte_zeros.__getitem__, reverse=True):
        if high_byte_zeros[codec] < (len(data) // 2 if every_other_byte_zero else 1):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:_SCORE_SAMPLE]
        if not any(map(_is_broken, sample)) and _chinese_text_score(sample) >= _PLAUSIBLE:
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

    :func:`decode_with_warnings` without its warnings.

    Example:
        >>> decode_bytes("黨建".encode("big5"))
        ('黨建', 'big5')
    """
    decoded = decode_with_warnings(data, path)
    return decoded.text, decoded.encoding


def decode_with_warnings(data: bytes, path: Path | str = "<bytes>") -> Decoded:
    """Decode a document's bytes into a :class:`Decoded`, or raise :class:`CorpusError`.

    Order: a BOM decides; then strict UTF-8; then BOM-less UTF-16 when its zero bytes and its
    text prove it; then GB18030, Big5 and Big5-HKSCS, choosing among those that decode by
    :func:`_chinese_text_score`. A close call between two different texts, a legacy text that reads
    poorly and a few control characters in UTF-8 text are warnings. UTF-8 text with many control
    characters (zero bytes every few characters, say) is refused as binary. A file that ends in the
    middle of a character (a download cut off) is read without the incomplete character, with a
    warning (:func:`incomplete_end`).

    Example:
        >>> decode_with_warnings("基層黨建嘅工作".encode("big5hkscs"))
        Decoded(text='基層黨建嘅工作', encoding='big5hkscs', warnings=())
    """
    if not data:
        raise CorpusError(path, "the file is empty; remove it or list a non-empty file in metadata.csv")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise CorpusError(path, f"this is {what}, not a text document; convert it to .txt (UTF-8) first")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec if codec != "utf-16" else ("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"))
            except UnicodeDecodeError as error:
                raise CorpusError(path, f"starts with a {codec} byte-order mark but does not decode as {codec} ({error.reason} at byte {error.start})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        cut = _cut_off(error, len(data))
    else:
        return _checked_utf8(text, data, path)
    if cut:  # UTF-8 to its last character, which the file lost
        decoded = _checked_utf8(data[:-cut].decode("utf-8"), data[:-cut], path)
        return Decoded(decoded.text, decoded.encoding, (*decoded.warnings, _cut_off_warning(cut)))
    utf16 = _decodes_as_utf16(data)
    if utf16:
        return Decoded(data.decode(utf16), utf16)
    if b"\x00" in data:
        raise CorpusError(path, "holds binary data (zero bytes), not text; is it the right file?")
    return _decode_legacy_chinese(data, path)


def _checked_utf8(text: str, data: bytes, path: Path | str) -> Decoded:
    """Valid UTF-8: text, UTF-16 of ASCII text (every other byte zero), or binary data."""
    if _looks_like_text(text):
        first = _CONTROL.search(text)
        if first is None:
            return Decoded(text, "utf-8")
        warning = (
            f"holds {len(_CONTROL.findall(text))} control character(s) such as {first.group()!r} (first at character "
            f"{first.start()}), kept in the text; check that the file is not damaged"
        )
        return Decoded(text, "utf-8", (warning,))
    utf16 = _decodes_as_utf16(data, every_other_byte_zero=True)
    if utf16:
        return Decoded(data.decode(utf16), utf16)
    zeros = text.count("\x00")
    found = f"{zeros} zero bytes (first at byte {data.index(0)})" if zeros else "many control characters"
    raise CorpusError(path, f"holds binary data: valid UTF-8 but with {found}, which text never has; is it the right file?")


def _decode_legacy_chinese(data: bytes, path: Path | str) -> Decoded:
    """Pick GB18030, Big5 or Big5-HKSCS (the legacy encodings of mainland, Taiwan and Hong Kong text)
    by :func:`_chinese_text_score`; warn when another decode scores nearly as well or the best reads poorly."""
    candidates: dict[str, str] = {}
    cuts: dict[str, int] = {}
    for codec in LEGACY_ENCODINGS:
        try:
            text, cut = data.decode(codec), 0
        except UnicodeDecodeError as error:
            cut = _cut_off(error, len(data))
            if not cut:
                continue
            text = data[:-cut].decode(codec)  # the rest decodes: the error was its first
        if _looks_like_text(text) and text not in candidates.values():
            candidates[codec], cuts[codec] = text, cut  # an identical text keeps the name tried first (big5, not big5hkscs)
    if not candidates:
        return _decode_other(data, path)
    scores = {codec: _chinese_text_score(text) for codec, text in candidates.items()}
    ranked = sorted(scores, key=lambda codec: -scores[codec])  # stable: ties keep LEGACY_ENCODINGS order
    best = ranked[0]
    warnings = []
    if len(ranked) > 1 and scores[best] - scores[ranked[1]] < _CLOSE_CALL:
        warnings.append(
            f"read as {best}, but {ranked[1]} reads nearly as well (score {scores[best]:.2f} vs {scores[ranked[1]]:.2f}) "
            "and gives a different text: check the text, or re-save the file as UTF-8 to remove the doubt"
        )
    elif scores[best] < _UNREADABLE and sum(char > "\x7f" for char in candidates[best][:_SCORE_SAMPLE]) >= _UNREADABLE_CHARS:
        raise CorpusError(
            path,
            f"does not read as Chinese: read as {best}, few of its characters are common Chinese ones (score "
            f"{scores[best]:.2f}); it is probably in another encoding (Japanese Shift-JIS, Korean EUC-KR …): re-save it as UTF-8",
        )
    elif scores[best] < _PLAUSIBLE:
        warnings.append(
            f"read as {best}, but few of its characters are common Chinese ones (score {scores[best]:.2f}): "
            "the encoding may be wrong; re-save the file as UTF-8"
        )
    if cuts[best]:
        warnings.append(_cut_off_warning(cuts[best]))
    return Decoded(candidates[best], best, tuple(warnings))


def incomplete_end(data: bytes, codec: str) -> int:
    """How many bytes at the end of ``data`` begin a character of ``codec`` that the file does not
    finish (a file cut off in the middle of a character): 0 when it decodes, or fails elsewhere.

    Example:
        >>> data = "党建工作。".encode("utf-8")
        >>> incomplete_end(data, "utf-8"), incomplete_end(data[:-1], "utf-8"), incomplete_end(data[:-1], "gb18030")
        (0, 2, 0)
        >>> incomplete_end("党建。".encode("gb18030")[:-1], "gb18030")
        1
    """
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        return _cut_off(error, len(data))
    return 0


def _cut_off(error: UnicodeDecodeError, size: int) -> int:
    """The bytes of an unfinished last character that ``error`` (the first one decoding ``size``
    bytes) reports, or 0 when it is another error."""
    at_end = error.end == size and 0 < error.start and size - error.start <= 3
    return size - error.start if at_end and error.reason in ("unexpected end of data", "incomplete multibyte sequence") else 0


def _cut_off_warning(cut: int) -> str:
    return (
        f"ends in the middle of a character (its last {cut} byte(s)): the file seems cut off, a download or copy "
        "that stopped early; it is read without them, so check that its end is complete"
    )


def _decode_other(data: bytes, path: Path | str) -> Decoded:
    """Last resort for a file in none of the expected encodings: charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _looks_like_text(str(best)) and best.percent_chaos < 0.2:
        return Decoded(str(best), best.encoding, (f"read as {best.encoding}, which is not a usual encoding of Chinese text; check the text",))
    raise CorpusError(path, "cannot be decoded as UTF-8, UTF-16, GB18030, Big5 or Big5-HKSCS; it may be binary. Re-save it as UTF-8")


def read_document(path: Path | str, doc_id: str | None = None, metadata: dict[str, str] | None = None) -> Document:
    """Read and decode one file (opened read-only).

    ``.html``/``.htm``/``.docx``/``.pdf`` files go through :func:`dangjian.reading.formats.extract_document`:
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

    The doc_id (``doc_id``, else the file's stem) names the document's output files, so it must
    be a plain name (:func:`dangjian.project.io.name_problem`); a file whose name cannot be one is an error.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "file not found")
    check_doc_id(doc_id or path.stem, path, from_file_name=not doc_id)
    found: dict[str, str] = {}
    warnings: list[str] = []
    if path.suffix.lower() in EXTRACTED_SUFFIXES:
        from dangjian.reading.formats import extract_document  # imported here: dangjian.reading.formats imports this module

        extracted = extract_document(path)
        text, encoding, found = extracted.text, extracted.encoding, extracted.metadata
    else:
        with open(path, "rb") as handle:
            data = handle.read()
        decoded = decode_with_warnings(data, path)
        text, encoding = decoded.text, decoded.encoding
        warnings += decoded.warnings
        from dangjian.reading.formats.html import decode_html, extract_html_text, looks_like_html

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


#: The problem of a ``metadata.csv`` without text (no bytes, only a byte-order mark or white space).
EMPTY_METADATA = "is empty; it needs at least the header doc_id,file: run `dangjian corpus init` on the folder, or delete the file"


def is_blank(text: str) -> bool:
    """True for a decoded table without text: nothing but white space and byte-order marks.

    Example:
        >>> is_blank("\\ufeff \\r\\n"), is_blank("doc_id,file")
        (True, False)
    """
    return not text.replace("\ufeff", "").strip()


def _read_metadata_table(path: Path) -> list[dict[str, str]]:
    with open(path, "rb") as handle:
        data = handle.read()
    if not data:
        raise CorpusError(path, EMPTY_METADATA)
    try:
        text, _ = decode_bytes(data, path)
    except CorpusError as error:
        raise CorpusError(path, f"metadata table unreadable: {error.problem}") from None
    if is_blank(text):
        raise CorpusError(path, EMPTY_METADATA)
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as error:  # a line break inside an unquoted value, a value over the size limit
        raise CorpusError(path, f"line {reader.line_num} is not valid CSV ({error}); put values with line breaks in double quotes") from None
    header = list(rows[0].keys()) if rows else next(csv.reader(io.StringIO(text)), [])
    header = [h.strip() for h in header if h is not None]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CorpusError(path, f"missing column(s) {', '.join(missing)}; the header must include {', '.join(REQUIRED_COLUMNS)} (found: {', '.join(header)})")
    for line_no, row in enumerate(rows, start=2):
        if None in row:
            raise CorpusError(path, too_many_fields(line_no, len(row) - 1 + len(row[None]), len(row) - 1))
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def too_many_fields(line_no: int, found: int, expected: int) -> str:
    """The problem of a ``metadata.csv`` row with more fields than the header (an unquoted comma).

    Example:
        >>> too_many_fields(3, 16, 15)
        'row 3 has 16 fields but the header has 15: a value that holds a comma must be in double quotes ("a, b"); fix the row'
    """
    return (
        f"row {line_no} has {found} fields but the header has {expected}: "
        'a value that holds a comma must be in double quotes ("a, b"); fix the row'
    )


def check_doc_id(doc_id: str, path: Path | str, from_file_name: bool = False) -> None:
    """Raise :class:`CorpusError` (naming ``path``) unless ``doc_id`` is a plain name: the
    document's outputs are written as ``<doc_id>.txt``, so an id such as ``../../raw/x`` would
    write outside the output folder.

    Example:
        >>> check_doc_id("town-speech", "town-speech.txt")
        >>> check_doc_id("..", "...txt", from_file_name=True)
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: ...txt: the file name cannot serve as doc_id '..': it starts with '.' (a hidden or parent-folder name); rename the file, or list it in metadata.csv with a plain doc_id such as report-2024
    """
    problem = name_problem(doc_id)
    if not problem:
        return
    if from_file_name:
        raise CorpusError(
            path,
            f"the file name cannot serve as doc_id {doc_id!r}: it {problem}; rename the file, "
            "or list it in metadata.csv with a plain doc_id such as report-2024",
        )
    raise CorpusError(path, f"doc_id {doc_id!r} {problem}; use a plain name such as report-2024 (it names the output files)")


#: Longest ``file`` entry of ``metadata.csv`` in bytes of UTF-8 (the longest name in it is
#: :data:`dangjian.project.io.MAX_FILE_PART_BYTES`: a longer one cannot name a file).
MAX_FILE_ENTRY_BYTES = 4096

def file_entry_problem(entry: str) -> str:
    """Why a ``file`` entry of ``metadata.csv`` does not name a file inside the corpus folder
    (``""`` when it does): an absolute path, a ``..`` step out, an invisible character, or a name
    longer than a file system allows.

    Example:
        >>> file_entry_problem("sub/report.txt"), file_entry_problem("../outside/secret.txt")
        ('', "leaves the corpus folder ('..')")
        >>> file_entry_problem("/etc/passwd"), file_entry_problem("C:\\report.txt")
        ('is an absolute path', 'is an absolute path')
        >>> file_entry_problem("报" * 100 + ".txt")
        'holds a name of 304 bytes in UTF-8; at most 255 are allowed'
    """
    if PurePosixPath(entry).is_absolute() or PureWindowsPath(entry).anchor:
        return "is an absolute path"
    parts = re.split(r"[/\\]", entry)
    if ".." in parts:
        return "leaves the corpus folder ('..')"
    invisible = first_invisible(entry)
    if invisible is not None:
        return f"contains the invisible character {invisible!r}"
    size = len(entry.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_ENTRY_BYTES:
        return f"is {size:,} bytes long in UTF-8; at most {MAX_FILE_ENTRY_BYTES:,} are allowed"
    longest = max(len(part.encode("utf-8", "surrogatepass")) for part in parts)
    if longest > MAX_FILE_PART_BYTES:
        return f"holds a name of {longest:,} bytes in UTF-8; at most {MAX_FILE_PART_BYTES} are allowed"
    return ""


def file_key(entry: str) -> str:
    """The file a ``file`` entry of ``metadata.csv`` names, written one way (``./a.txt``,
    ``sub//a.txt`` and ``sub\\a.txt`` name ``a.txt``, ``sub/a.txt`` and ``sub/a.txt``).

    Example:
        >>> file_key("./a.txt"), file_key("sub//a.txt"), file_key("sub\\\\a.txt")
        ('a.txt', 'sub/a.txt', 'sub/a.txt')
    """
    return posixpath.normpath(entry.replace("\\", "/"))


def check_file_once(entry: str, line_no: int, files: dict[str, int], path: Path | str, where: str) -> None:
    """Refuse a row whose file an earlier row (``files``: file key -> row) names already: the same
    text under two doc_ids would be analysed, and counted, twice. Records the row's file.

    Example:
        >>> files = {}
        >>> check_file_once("a.txt", 2, files, "metadata.csv", "row 2 (doc_id 'a')")
        >>> check_file_once("./a.txt", 3, files, "metadata.csv", "row 3 (doc_id 'b')")
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: metadata.csv: row 3 (doc_id 'b'): the file 'a.txt' is already the document of row 2; each file is one document (remove the row, or copy the file if both are meant)
    """
    key = file_key(entry)
    if key in files:
        raise CorpusError(
            path,
            f"{where}: the file {shown(key)} is already the document of row {files[key]}; each file is one "
            "document (remove the row, or copy the file if both are meant)",
        )
    files[key] = line_no


def validate_metadata(rows: Sequence[dict[str, str]], path: Path | str = "metadata.csv") -> None:
    """Check metadata rows: ids present, plain names (:func:`check_doc_id`) and unique, files
    inside the corpus folder (:func:`file_entry_problem`), each named by one row only, level known,
    year a number.

    Example:
        >>> validate_metadata([{"doc_id": "a", "file": "a.txt", "level": "city"}])
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: metadata.csv: row 2 (doc_id 'a'): unknown level 'city'; use one of national, province, prefecture, county, township, village, community, university, enterprise, agency
    """
    seen: dict[str, int] = {}
    files: dict[str, int] = {}
    for line_no, row in enumerate(rows, start=2):
        doc_id = row.get("doc_id", "")
        where = f"row {line_no} (doc_id {shown(doc_id)})"
        if not doc_id:
            raise CorpusError(path, f"row {line_no}: empty doc_id")
        problem = name_problem(doc_id)
        if problem:
            raise CorpusError(path, f"{where}: the doc_id {problem}; use a plain name such as report-2024 (it names the output files)")
        if not row.get("file"):
            raise CorpusError(path, f"{where}: empty file column")
        problem = file_entry_problem(row["file"])
        if problem:
            raise CorpusError(
                path, f"{where}: file {shown(row['file'], 4 * SHOWN_CHARS)} {problem}; give the file's name inside the corpus folder (report.txt or sub/report.txt)"
            )
        if doc_id in seen:
            raise CorpusError(path, f"{where}: duplicate doc_id, already used on row {seen[doc_id]}")
        seen[doc_id] = line_no
        check_file_once(row["file"], line_no, files, path, where)
        level = row.get("level", "")
        if level and level not in LEVELS:
            raise CorpusError(path, f"{where}: unknown level {shown(level)}; use one of {', '.join(LEVELS)}")
        year = row.get("year", "")
        if year and not re.fullmatch(r"\d{4}", year):
            raise CorpusError(path, f"{where}: year {shown(year)} is not a four-digit number")


def load_corpus(folder: Path | str, skip_bad: bool = False, follow_symlinks: bool = False) -> Corpus:
    """Load a corpus folder: ``metadata.csv`` (if present) plus its document files.

    Without ``metadata.csv`` every document file is a document with ``doc_id`` = file stem.
    With it, each row names a file; an unlisted file is a warning. A file that is missing,
    empty, binary, undecodable or without any Chinese is an error naming the file, or, with
    ``skip_bad``, a document listed as skipped in :attr:`Corpus.issues` while the rest load.
    Problems with ``metadata.csv`` itself are always errors.

    Nothing outside the folder is read: a ``file`` entry that is absolute or steps out with ``..``
    is an error in ``metadata.csv``, and a file reached through a symbolic link (the file or a
    folder on its way) that leads out of the folder is refused like an unreadable file, unless
    ``follow_symlinks``; such a link that is not listed is a warning.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "metadata.csv").write_text("doc_id,file\\nx,../x.txt\\n", encoding="utf-8")
        >>> load_corpus(folder)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: .../metadata.csv: row 2 (doc_id 'x'): file '../x.txt' leaves the corpus folder ('..'); ...
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder not found")
    files, links_out = scan_document_files(folder, follow_symlinks)
    metadata_path = folder / "metadata.csv"
    has_metadata = metadata_path.exists()
    issues: list[CorpusIssue] = []
    if has_metadata:
        target = None if follow_symlinks else outside_target(folder, metadata_path)
        if target is not None:
            raise CorpusError(metadata_path, f"{LINK_OUTSIDE.format(target=target)}; copy the table into the folder")
        if metadata_path.is_file() and metadata_path.stat().st_size == 0:
            raise CorpusError(metadata_path, EMPTY_METADATA)
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
            target = None if follow_symlinks else outside_target(folder, path)
            if target is not None:
                raise CorpusError(path, f"{LINK_OUTSIDE.format(target=target)}; not read. Copy the file into the folder")
            document = read_document(path, row["doc_id"] if has_metadata else None, row if has_metadata else {})
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
    for path, target in links_out:
        if path.name not in listed:
            issues.append(CorpusIssue(str(path), "warning", f"{LINK_OUTSIDE.format(target=target)}; ignored"))
    for path, message in unread_files(folder):
        if path.name not in listed:
            issues.append(CorpusIssue(str(path), "warning", message))
    return Corpus(folder, documents, issues)


#: How a symbolic link that leads out of the corpus folder is reported.
LINK_OUTSIDE = (
    "a symbolic link to {target}, outside the corpus folder (files outside the folder are read only "
    "with --follow-symlinks)"
)


def outside_target(folder: Path | str, path: Path | str) -> Path | None:
    """Where ``path`` really is when symbolic links (the file's or a folder's on its way) take it
    out of ``folder``; ``None`` when it lies inside.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> (folder / "link.txt").symlink_to("/etc/hostname")
        >>> outside_target(folder, folder / "link.txt"), outside_target(folder, folder / "a.txt")
        (PosixPath('/etc/hostname'), None)
    """
    try:
        real = Path(path).resolve()
    except (OSError, RuntimeError):  # a loop of links
        return Path(path)
    return None if real.is_relative_to(Path(folder).resolve()) else real


def scan_document_files(folder: Path | str, follow_symlinks: bool = False) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """The document files of a folder (by name), and apart from them the symbolic links among
    them that lead out of the folder, with their targets (none with ``follow_symlinks``).

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("党建", encoding="utf-8")
        >>> (folder / "b.txt").symlink_to("/etc/hostname")
        >>> files, links_out = scan_document_files(folder)
        >>> [p.name for p in files], [(p.name, str(t)) for p, t in links_out]
        (['a.txt'], [('b.txt', '/etc/hostname')])
    """
    folder = Path(folder)
    files: list[Path] = []
    links_out: list[tuple[Path, Path]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in DOCUMENT_SUFFIXES or not path.is_file():
            continue
        target = None if follow_symlinks else outside_target(folder, path)
        if target is None:
            files.append(path)
        else:
            links_out.append((path, target))
    return files, links_out


#: Kinds of file that documents come in and that the project does not read: what each is and what
#: to do, said for each such file in a corpus folder (instead of passing it over in silence).
UNREAD_KINDS = {
    ".doc": "an old Word file (.doc)", ".wps": "a WPS Writer file", ".rtf": "a rich-text file",
    ".odt": "an OpenDocument text", ".mht": "a saved web archive", ".mhtml": "a saved web archive",
    ".caj": "a CNKI CAJ file", ".epub": "an e-book",
}


def unread_files(folder: Path | str) -> list[tuple[Path, str]]:
    """Files of a corpus folder that look like documents the project does not read
    (:data:`UNREAD_KINDS`), each with the warning to give: what it is and how to make it readable.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("党建", encoding="utf-8"); _ = (folder / "b.DOC").write_bytes(b"x")
        >>> [(p.name, message) for p, message in unread_files(folder)]
        [('b.DOC', 'an old Word file (.doc), which is not read; save it as .docx, .pdf or .txt to include it')]
    """
    return [
        (path, f"{UNREAD_KINDS[path.suffix.lower()]}, which is not read; save it as .docx, .pdf or .txt to include it")
        for path in sorted(Path(folder).iterdir())
        if path.suffix.lower() in UNREAD_KINDS and path.is_file()
    ]


def check_has_chinese(document: Document) -> None:
    """Raise :class:`CorpusError` for a document without a single Chinese character.

    Example:
        >>> check_has_chinese(Document("e", Path("e.txt"), "An English page.", "utf-8"))
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: e.txt: contains no Chinese characters; is it the right file (or the wrong encoding)?
    """
    if not _CJK.search(document.raw_text):
        raise CorpusError(document.path, "contains no Chinese characters; is it the right file (or the wrong encoding)?")


def load_paths(paths: Sequence[Path | str], follow_symlinks: bool = False, skip_bad: bool = False) -> Corpus:
    """Load plain files and corpus folders given on a command line.

    A file's doc_id is its stem, which must be a plain name (:func:`check_doc_id`); a folder is
    read by :func:`load_corpus` (``follow_symlinks`` and ``skip_bad`` are passed on). With
    ``skip_bad``, a file that cannot be read is listed as skipped in :attr:`Corpus.issues` while the
    rest load, as in a folder.

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
            corpus = load_corpus(path, skip_bad=skip_bad, follow_symlinks=follow_symlinks)
            documents += corpus.documents
            issues += corpus.issues
        elif not path.exists():
            raise CorpusError(path, "file or folder not found")  # a mistake on the command line, not a document's
        else:
            try:
                documents.append(read_document(path))
            except CorpusError as error:
                if not skip_bad:
                    raise
                issues.append(CorpusIssue(str(path), "skipped", error.problem))
    duplicates = sorted({d.doc_id for d in documents if sum(e.doc_id == d.doc_id for e in documents) > 1})
    if duplicates:
        raise CorpusError(paths[0] if paths else ".", f"the same doc_id comes from several files: {', '.join(duplicates)}")
    return Corpus(None, documents, issues)
