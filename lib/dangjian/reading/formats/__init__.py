"""Text out of the formats researchers actually collect: saved web pages, Word files and PDFs.

Each format has one module (:mod:`~dangjian.reading.formats.html`, :mod:`~dangjian.reading.formats.docx`,
:mod:`~dangjian.reading.formats.pdf`) with a function ``extract_<format>(path) -> ExtractedText``.
:func:`extract_document` picks one by the file's suffix. The extracted text has one paragraph per
line and headings on lines of their own, so it goes through the same cleaning as a ``.txt`` file
(and the cleaning's offset map leads back to this extracted text). A file that yields no usable
text raises :class:`dangjian.reading.corpus.CorpusError` naming the file.

A format library's failure on a damaged or hostile file (a truncated PDF, a Word file that is not
a zip, a zip bomb, a page nested too deep) is never let through as the library's own exception:
:func:`reading` turns it into a one-line :class:`~dangjian.reading.corpus.CorpusError` naming the file,
so that ``load_corpus(skip_bad=True)`` lists the file as skipped and reads the others. Each
format bounds what it reads (sizes, pages, characters) with limits named in its module.

Example:
    >>> import tempfile, pathlib
    >>> page = pathlib.Path(tempfile.mkdtemp()) / "page.html"
    >>> _ = page.write_text("<html><body><article><h1>加强基层党建</h1><p>" + "全市新建党群服务中心12个，培训党员2.1万人次。" * 3
    ...                     + "</p></article></body></html>", encoding="utf-8")
    >>> extracted = extract_document(page)
    >>> extracted.text.splitlines()[0], extracted.format
    ('加强基层党建', 'html')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.reading.corpus import CorpusError


@dataclass(frozen=True)
class ExtractedText:
    """Text extracted from a formatted file, with what was found on the way.

    ``text`` holds one paragraph per line, headings on their own lines. ``encoding`` says how the
    file was read (``html:utf-8``, ``docx``, ``pdf``) and becomes the document's encoding.
    ``metadata`` holds what the file itself states (``title``, ``date``, ``author``).
    ``removed`` lists what extraction dropped and the cleaning never sees (a PDF's page numbers
    and running headers), so that nothing disappears unrecorded. ``headings`` lists the lines the
    file marks as headings (Word heading styles).
    """

    text: str
    format: str
    encoding: str
    metadata: dict[str, str] = field(default_factory=dict)
    removed: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()


#: Author names that are a program's or an account's default, not a person's.
_DEFAULT_AUTHORS = re.compile(
    r"^(python-docx|microsoft office user|microsoft|administrator|admin|user|owner|unknown|"
    r"微软用户|windows 用户|windows user|用户|作者|dell|hp|lenovo|china|pc)$",
    re.IGNORECASE,
)


def meaningful_author(value: str | None) -> str:
    """The author a file's properties state, or ``""`` for a program's or account's default.

    Example:
        >>> meaningful_author("python-docx"), meaningful_author(" 平凉市委组织部 ")
        ('', '平凉市委组织部')
    """
    value = (value or "").strip()
    return "" if _DEFAULT_AUTHORS.match(value) else value


def join_lines(lines: list[str]) -> str:
    """Paragraph lines -> one text: stripped, empty lines dropped, one paragraph per line.

    Example:
        >>> join_lines(["  标题 ", "", "正文。"])
        '标题\\n正文。'
    """
    return "\n".join(line.strip() for line in lines if line.strip())


def join_cells(cells: list[str]) -> str:
    """The cells of a table row -> one line, parted by bars; empty cells at either end dropped, an
    empty cell inside kept, so that the columns stay in line with the header's (and a number in a
    cell is never joined to the next one, as spaces would let ``320 331`` be read as 320331).

    Example:
        >>> join_cells(["", "后勤集团", "", "2", ""]), join_cells(["党员", "2.1万"]), join_cells(["", ""])
        ('后勤集团 |  | 2', '党员 | 2.1万', '')
    """
    first = next((i for i, cell in enumerate(cells) if cell), len(cells))
    last = next((i for i in range(len(cells) - 1, -1, -1) if cells[i]), -1)
    return " | ".join(cells[first : last + 1])


#: Longest part of a library's own message kept in an error: enough to recognise it, one line.
MAX_REASON_CHARS = 200

#: The name of each format in messages.
FORMAT_NAMES = {".html": "HTML", ".htm": "HTML", ".docx": "Word .docx", ".pdf": "PDF"}


def describe_failure(error: BaseException, limit: int = MAX_REASON_CHARS) -> str:
    """``Type: message`` of a library's exception on one line, the message cut to ``limit`` characters.

    An exception that only wraps another one (pdfplumber wraps every pdfminer error) is described
    by the one it wraps.

    Example:
        >>> describe_failure(ValueError(ValueError("No /Root object!\\n - Is this really a PDF?")))
        'ValueError: No /Root object! - Is this really a PDF?'
        >>> describe_failure(RuntimeError("x" * 300), limit=10), describe_failure(MemoryError())
        ('RuntimeError: xxxxxxxxx…', 'MemoryError')
    """
    seen = {id(error)}
    while len(error.args) == 1 and isinstance(error.args[0], BaseException) and id(error.args[0]) not in seen:
        error = error.args[0]
        seen.add(id(error))
    message = " ".join(str(error).split())
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


@contextmanager
def reading(path: Path | str, format_name: str) -> Iterator[None]:
    """Within this block, any failure of a format library becomes a :class:`CorpusError` naming ``path``.

    A :class:`CorpusError` passes unchanged; ``KeyboardInterrupt`` and ``SystemExit`` are not
    failures of the file and propagate. Everything else (``zipfile.BadZipFile``, lxml's and
    pdfminer's errors, a ``KeyError`` for a missing part, ``RecursionError``, ``MemoryError``, ...)
    becomes ``"<format> file could not be read: <Type>: <message>"`` with what to do.

    Example:
        >>> import zipfile
        >>> with reading("report.docx", "Word .docx"):
        ...     raise zipfile.BadZipFile("File is not a zip file")
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: report.docx: Word .docx file could not be read: BadZipFile: File is not a zip file; open it and save it again in that format, or save its text as .txt
    """
    try:
        yield
    except CorpusError:
        raise
    except Exception as error:  # any library failure: the file is damaged or hostile, not the program
        problem = f"{format_name} file could not be read: {describe_failure(error)}; open it and save it again in that format, or save its text as .txt"
        raise CorpusError(path, problem) from error


def _extractors() -> dict[str, Callable[[Path], ExtractedText]]:
    from dangjian.reading.formats.docx import extract_docx
    from dangjian.reading.formats.html import extract_html
    from dangjian.reading.formats.pdf import extract_pdf

    return {".html": extract_html, ".htm": extract_html, ".docx": extract_docx, ".pdf": extract_pdf}


#: Suffixes :func:`extract_document` reads (plain ``.txt`` is decoded by :mod:`dangjian.reading.corpus`).
FORMAT_SUFFIXES = (".html", ".htm", ".docx", ".pdf")


def extract_document(path: Path | str) -> ExtractedText:
    """Extract the text of an ``.html``/``.htm``, ``.docx`` or ``.pdf`` file.

    Raises :class:`~dangjian.reading.corpus.CorpusError` for a missing file, an unknown suffix, a file the
    format's reader cannot open (whatever the library raised, see :func:`reading`), one over a
    format's size limits, or one without any text (such as a scanned PDF).

    Example:
        >>> extract_document("notes.odt")
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: notes.odt: cannot read '.odt' files; use .txt, .html, .htm, .docx or .pdf
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMAT_SUFFIXES:
        raise CorpusError(path, f"cannot read {suffix!r} files; use .txt, {', '.join(FORMAT_SUFFIXES[:-1])} or {FORMAT_SUFFIXES[-1]}")
    if not path.is_file():
        raise CorpusError(path, "file not found")
    with reading(path, FORMAT_NAMES[suffix]):
        extracted = _extractors()[suffix](path)
    if not extracted.text.strip():
        raise CorpusError(path, f"no text found in this {extracted.format.upper()} file")
    return extracted
