"""Word files (``.docx``) through python-docx: body paragraphs and tables in document order.

Each paragraph becomes one line; a heading (a ``Heading n``/``标题 n``/``Title`` style or an
outline level) stays a line of its own, so segmentation sees it as a heading. A table row
becomes one line with its cells separated by bars (:func:`~dangjian.reading.formats.join_cells`). Page headers, footers and comments are not
part of the body and are left out. The file's ``title`` and ``author`` properties become
metadata unless they are a program's default (python-docx writes ``author = python-docx``).

A ``.docx`` is a zip archive, and a small one can unpack to gigabytes (a zip bomb). Before
python-docx opens the file, :func:`check_part_sizes` checks every part against
:data:`DOCX_MAX_PART_BYTES` and all of them together against :data:`DOCX_MAX_TOTAL_BYTES`: first
the sizes the archive declares, then the bytes each part really unpacks to, read as a bounded
stream (a forged header cannot make it read more). Any other failure of the archive or of
python-docx becomes a :class:`~dangjian.reading.corpus.CorpusError` naming the file.

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

from dangjian.reading.corpus import CorpusError
from dangjian.reading.formats import ExtractedText, join_cells, join_lines, meaningful_author, reading

#: Largest uncompressed size of one part (the text's XML, a picture): 200 MB. The XML of a
#: thousand-page report is about 20 MB and Word saves no file over 512 MB, most of which would be
#: pictures spread over many parts; a single part over 200 MB is a zip bomb, not a report.
DOCX_MAX_PART_BYTES = 200_000_000
#: Largest uncompressed size of all parts together: 1 GB. Word's 512 MB file limit holds
#: pictures that do not compress further, plus XML that unpacks to a few times its size; python-docx
#: holds the parts it reads in memory, so this also bounds its memory.
DOCX_MAX_TOTAL_BYTES = 1_000_000_000
#: Bytes unpacked at a time when measuring a part.
_CHUNK_BYTES = 1 << 20

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
                cells = row.cells
                unique = [cell.text.strip() for i, cell in enumerate(cells) if i == 0 or cell._tc is not cells[i - 1]._tc]  # a merged cell repeats
                line = join_cells(unique)
                if line:
                    lines.append(line)
            continue
        text = block.text.strip()
        if not text:
            continue
        lines.extend(part for part in text.split("\n") if part.strip())
        if is_heading(block):
            headings.append(text)
    return lines, headings


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _unpacked_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> int:
    """Bytes a part unpacks to, read in chunks and stopped once past ``limit`` (then ``limit + 1``)."""
    size = 0
    with archive.open(info) as stream:
        while size <= limit:
            chunk = stream.read(min(_CHUNK_BYTES, limit + 1 - size))
            if not chunk:
                break
            size += len(chunk)
    return size


def check_part_sizes(path: Path | str, part_limit: int = DOCX_MAX_PART_BYTES, total_limit: int = DOCX_MAX_TOTAL_BYTES) -> None:
    """Refuse a ``.docx`` any part of which, or all of whose parts together, unpack past the limits.

    The sizes the archive declares are checked first (no unpacking); then every part is unpacked
    as a stream and counted, stopping as soon as a limit is passed, so neither a bomb nor a
    header that lies about a part's size makes this read more than the limit. Raises
    :class:`~dangjian.reading.corpus.CorpusError` naming the part, its size and the limit.

    Example:
        >>> import tempfile, pathlib, zipfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "bomb.docx"
        >>> with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ...     archive.writestr("word/document.xml", b"0" * 5_000_000)
        >>> check_part_sizes(path, part_limit=1_000_000)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: .../bomb.docx: part word/document.xml unpacks to 5.0 MB, over the limit of 1.0 MB for one part of a Word file (DOCX_MAX_PART_BYTES): a zip bomb or not a report; split the document, or save its text as .txt
    """
    path = Path(path)

    def too_big(what: str, size: str, limit: int, name: str) -> CorpusError:
        scope = "one part of" if name == "DOCX_MAX_PART_BYTES" else "all parts of"
        return CorpusError(
            path,
            f"{what} to {size}, over the limit of {_megabytes(limit)} for {scope} a Word file ({name}): "
            "a zip bomb or not a report; split the document, or save its text as .txt",
        )

    with zipfile.ZipFile(path) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        for info in members:
            if info.file_size > part_limit:
                raise too_big(f"part {info.filename} unpacks", _megabytes(info.file_size), part_limit, "DOCX_MAX_PART_BYTES")
        declared = sum(info.file_size for info in members)
        if declared > total_limit:
            raise too_big(f"its {len(members)} parts unpack", _megabytes(declared), total_limit, "DOCX_MAX_TOTAL_BYTES")
        total = 0
        for info in members:
            size = _unpacked_size(archive, info, min(part_limit, total_limit - total))
            if size > part_limit:
                raise too_big(f"part {info.filename} unpacks", f"more than {_megabytes(part_limit)}", part_limit, "DOCX_MAX_PART_BYTES")
            total += size
            if total > total_limit:
                raise too_big(f"its {len(members)} parts unpack", f"more than {_megabytes(total_limit)}", total_limit, "DOCX_MAX_TOTAL_BYTES")


def extract_docx(path: Path | str) -> ExtractedText:
    """Extract a Word ``.docx`` file: paragraphs and table rows in order, headings kept.

    A file that is not a zip, lacks ``word/document.xml``, holds broken XML or passes the size
    limits of :func:`check_part_sizes` raises :class:`~dangjian.reading.corpus.CorpusError` naming it.

    Example:
        >>> import tempfile, pathlib
        >>> bad = pathlib.Path(tempfile.mkdtemp()) / "old.docx"
        >>> _ = bad.write_bytes(b"not a zip")
        >>> extract_docx(bad)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: .../old.docx: Word .docx file could not be read: BadZipFile: File is not a zip file; open it and save it again in that format, or save its text as .txt
    """
    import docx

    path = Path(path)
    with reading(path, "Word .docx"):
        check_part_sizes(path, DOCX_MAX_PART_BYTES, DOCX_MAX_TOTAL_BYTES)
        word = docx.Document(str(path))
        lines, headings = _block_lines(word)
        properties = word.core_properties
        metadata = {"title": (properties.title or "").strip(), "author": meaningful_author(properties.author)}
    extracted = ExtractedText(join_lines(lines), "docx", "docx", {k: v for k, v in metadata.items() if v})
    return replace(extracted, headings=tuple(headings))
