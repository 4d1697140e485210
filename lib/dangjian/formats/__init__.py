"""Text out of the formats researchers actually collect: saved web pages, Word files and PDFs.

Each format has one module (:mod:`~dangjian.formats.html`, :mod:`~dangjian.formats.docx`,
:mod:`~dangjian.formats.pdf`) with a function ``extract_<format>(path) -> ExtractedText``.
:func:`extract_document` picks one by the file's suffix. The extracted text has one paragraph per
line and headings on lines of their own, so it goes through the same cleaning as a ``.txt`` file
(and the cleaning's offset map leads back to this extracted text). A file that yields no usable
text raises :class:`dangjian.corpus.CorpusError` naming the file.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.corpus import CorpusError


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


def _extractors() -> dict[str, Callable[[Path], ExtractedText]]:
    from dangjian.formats.docx import extract_docx
    from dangjian.formats.html import extract_html
    from dangjian.formats.pdf import extract_pdf

    return {".html": extract_html, ".htm": extract_html, ".docx": extract_docx, ".pdf": extract_pdf}


#: Suffixes :func:`extract_document` reads (plain ``.txt`` is decoded by :mod:`dangjian.corpus`).
FORMAT_SUFFIXES = (".html", ".htm", ".docx", ".pdf")


def extract_document(path: Path | str) -> ExtractedText:
    """Extract the text of an ``.html``/``.htm``, ``.docx`` or ``.pdf`` file.

    Raises :class:`~dangjian.corpus.CorpusError` for a missing file, an unknown suffix, a file the
    format's reader cannot open, or one without any text (such as a scanned PDF).

    Example:
        >>> extract_document("notes.odt")
        Traceback (most recent call last):
        ...
        dangjian.corpus.CorpusError: notes.odt: cannot read '.odt' files; use .txt, .html, .htm, .docx or .pdf
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMAT_SUFFIXES:
        raise CorpusError(path, f"cannot read {suffix!r} files; use .txt, {', '.join(FORMAT_SUFFIXES[:-1])} or {FORMAT_SUFFIXES[-1]}")
    if not path.is_file():
        raise CorpusError(path, "file not found")
    extracted = _extractors()[suffix](path)
    if not extracted.text.strip():
        raise CorpusError(path, f"no text found in this {extracted.format.upper()} file")
    return extracted
