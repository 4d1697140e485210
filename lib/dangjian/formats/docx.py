"""Word files (``.docx``) through python-docx: body paragraphs and tables in document order.

Each paragraph becomes one line; a heading (a ``Heading n``/``标题 n``/``Title`` style or an
outline level) stays a line of its own, so segmentation sees it as a heading. A table row
becomes one line with its cells separated by tabs. Page headers, footers and comments are not
part of the body and are left out. The file's ``title`` and ``author`` properties become
metadata unless they are a program's default (python-docx writes ``author = python-docx``).

Example:
    >>> import tempfile, pathlib, docx
    >>> word = docx.Document()
    >>> _ = word.add_heading("增强政治功能", level=1)
    >>> _ = word.add_paragraph("全市新建党群服务中心12个。")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.docx"
    >>> word.save(path)
    >>> extracted = extract_docx(path)
    >>> extracted.text, extracted.headings
    ('增强政治功能\\n全市新建党群服务中心12个。', ('增强政治功能',))
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

from dangjian.corpus import CorpusError
from dangjian.formats import ExtractedText, join_lines, meaningful_author

_HEADING_STYLE = re.compile(r"^(heading\s*\d|title|标题\s*\d?|subtitle|副标题)$", re.IGNORECASE)


def is_heading(paragraph) -> bool:  # noqa: ANN001 - a python-docx Paragraph
    """True when a python-docx paragraph is a heading by style name or outline level.

    Example:
        >>> import docx
        >>> word = docx.Document()
        >>> is_heading(word.add_heading("一、加强组织建设", level=2)), is_heading(word.add_paragraph("正文。"))
        (True, False)
    """
    style = paragraph.style
    while style is not None:
        if _HEADING_STYLE.match(style.name or ""):
            return True
        style = style.base_style
    properties = paragraph._p.pPr
    outline = properties.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl") if properties is not None else None
    return outline is not None


def _block_lines(word) -> tuple[list[str], list[str]]:  # noqa: ANN001 - a python-docx Document
    """Lines of the body in order, and which of them are headings."""
    from docx.table import Table

    lines: list[str] = []
    headings: list[str] = []
    for block in word.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [cell.text.strip() for cell in row.cells]
                unique = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]  # merged cells repeat
                if unique:
                    lines.append("\t".join(unique))
            continue
        text = block.text.strip()
        if not text:
            continue
        lines.extend(part for part in text.split("\n") if part.strip())
        if is_heading(block):
            headings.append(text)
    return lines, headings


def extract_docx(path: Path | str) -> ExtractedText:
    """Extract a Word ``.docx`` file: paragraphs and table rows in order, headings kept.

    Example:
        >>> import tempfile, pathlib
        >>> bad = pathlib.Path(tempfile.mkdtemp()) / "old.docx"
        >>> _ = bad.write_bytes(b"not a zip")
        >>> extract_docx(bad)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        dangjian.corpus.CorpusError: .../old.docx: cannot be opened as a Word .docx file (...); re-save it as .docx, or as UTF-8 .txt
    """
    import docx
    from docx.opc.exceptions import OpcError

    path = Path(path)
    try:
        word = docx.Document(str(path))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CorpusError(path, f"cannot be opened as a Word .docx file ({type(error).__name__}); re-save it as .docx, or as UTF-8 .txt") from None
    lines, headings = _block_lines(word)
    properties = word.core_properties
    metadata = {"title": (properties.title or "").strip(), "author": meaningful_author(properties.author)}
    extracted = ExtractedText(join_lines(lines), "docx", "docx", {k: v for k, v in metadata.items() if v})
    return replace(extracted, headings=tuple(headings))
