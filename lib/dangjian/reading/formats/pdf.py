"""PDFs with a text layer, through pdfplumber: text in reading order, page furniture removed.

Lines come from the text layer page by page, top to bottom. Page numbers (``- 3 -``, ``第3页``,
``3/12``) at the top or bottom of a page and running headers/footers (the same line, digits aside,
at the top or bottom of most pages) are removed and listed in :attr:`ExtractedText.removed`.
Lines broken inside a paragraph are joined back: a line that reaches the right margin continues
on the next line unless that line is indented (a new paragraph) or set apart by a larger gap.
Joins insert nothing between Chinese characters, a space only between two Latin words, and drop
the hyphen of a hyphenated English word. A PDF without a text layer (a scan) is refused with a
clear message: there is no OCR.

A PDF over :data:`PDF_MAX_PAGES` pages or :data:`PDF_MAX_CHARS` characters of text is refused,
and any failure of pdfplumber or pdfminer on a damaged file (truncated, garbage in its body)
becomes a :class:`~dangjian.reading.corpus.CorpusError` naming the file.

Example:
    >>> join_broken_line("加强基层党组织", "建设。"), join_broken_line("party-", "building"), join_broken_line("PDF", "file")
    ('加强基层党组织建设。', 'partybuilding', 'PDF file')
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dangjian.reading.corpus import CorpusError
from dangjian.reading.formats import ExtractedText, meaningful_author, reading

#: Most pages read from one PDF: 2,000. A long annual report or a yearbook has a few hundred
#: pages; a file past 2,000 is a collection of documents to split, or a forged page tree.
PDF_MAX_PAGES = 2_000
#: Most characters of text taken from one PDF: 20 million, four times 2,000 pages of the densest
#: Chinese typesetting (about 2,500 characters a page). Text past it comes from a file built to
#: expand (the same text drawn over and over), not from a report.
PDF_MAX_CHARS = 20_000_000
#: The problem of an encrypted PDF (pdfminer cannot open it without its password).
PASSWORD_PROTECTED = "the PDF is password-protected; save an unprotected copy"

NO_TEXT_LAYER = "no text layer; OCR is not supported. Run OCR on the scan first (or save the document as .txt/.docx)"

_PAGE_NUMBER = re.compile(
    r"^[-–—－_·•\s]*(?:(?:第\s*)?[0-9０-９]{1,4}\s*页?(?:\s*[/／]\s*[0-9０-９]{1,4}|\s*[，,]?\s*共\s*[0-9０-９]{1,4}\s*页)?"
    r"|page\s*[0-9]{1,4}(?:\s*(?:of|/)\s*[0-9]{1,4})?|[ivxlc]{1,6})[-–—－_·•\s]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9０-９]+")


@dataclass(frozen=True)
class PdfLine:
    """One line of a page's text layer with its position (PDF points, top-down) and type size."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def is_page_number(line: str) -> bool:
    """True for a line that is only a page number.

    Example:
        >>> [is_page_number(s) for s in ("- 3 -", "第 3 页 共 12 页", "3/12", "Page 2 of 9", "2024年")]
        [True, True, True, True, False]
    """
    return bool(line.strip()) and bool(_PAGE_NUMBER.match(line.strip()))


def running_line_key(line: str) -> str:
    """A line with its digits and spaces removed: running headers differ only in page numbers.

    Example:
        >>> running_line_key("平凉市委组织部 第 3 页") == running_line_key("平凉市委组织部 第 14 页")
        True
    """
    return _DIGITS.sub("#", re.sub(r"\s+", "", line))


def find_page_furniture(pages: list[list[PdfLine]], edge_lines: int = 2) -> set[tuple[int, int]]:
    """``(page, line)`` indexes of page numbers and running headers/footers.

    Only the first and last ``edge_lines`` lines of a page are candidates. A page number is removed
    wherever it stands there; another line is a running header/footer when the same line (digits
    aside) stands at the top, or at the bottom, of more than half of the pages (and of two at least).

    Example:
        >>> page = lambda n, body: [PdfLine(n, "平凉市委组织部", 0, 50, 10, 20, 10), PdfLine(n, body, 0, 400, 40, 50, 10),
        ...                         PdfLine(n, f"- {n + 1} -", 0, 20, 800, 810, 10)]
        >>> sorted(find_page_furniture([page(0, "正文。"), page(1, "又一段。"), page(2, "结尾。")]))
        [(0, 0), (0, 2), (1, 0), (1, 2), (2, 0), (2, 2)]
    """
    furniture: set[tuple[int, int]] = set()
    edges: dict[str, list[list[tuple[int, int]]]] = {"top": [], "bottom": []}
    for page_no, lines in enumerate(pages):
        top = list(range(min(edge_lines, len(lines))))
        bottom = list(range(max(len(lines) - edge_lines, 0), len(lines)))
        for index in set(top) | set(bottom):
            if is_page_number(lines[index].text):
                furniture.add((page_no, index))
        edges["top"].append([(page_no, i) for i in top])
        edges["bottom"].append([(page_no, i) for i in bottom])
    needed = max(2, len(pages) // 2 + 1)
    for per_page in edges.values():
        counts = Counter(
            key for positions in per_page for key in {running_line_key(pages[p][i].text) for p, i in positions}
        )
        repeated = {key for key, count in counts.items() if count >= needed}
        for positions in per_page:
            furniture.update((p, i) for p, i in positions if running_line_key(pages[p][i].text) in repeated)
    return furniture


def join_broken_line(left: str, right: str) -> str:
    """Join a line broken inside a sentence to its continuation.

    Nothing is inserted next to a Chinese character or punctuation; two Latin words get a space;
    an English word hyphenated at the line end loses its hyphen.

    Example:
        >>> join_broken_line("党员2.1", "万人次"), join_broken_line("“四个", "意识”")
        ('党员2.1万人次', '“四个意识”')
    """
    if not left or not right:
        return left + right
    if re.search(r"[A-Za-z]-$", left) and right[0].islower():
        return left[:-1] + right
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def _layout(lines: list[PdfLine]) -> tuple[float, float, float]:
    """Left margin (most common start), right margin (furthest end) and usual line pitch."""
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = max(line.x1 for line in lines)
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top]
    return left, right, statistics.median(pitches) if pitches else 0.0


def join_paragraphs(lines: list[PdfLine]) -> list[str]:
    """Body lines in reading order -> paragraphs (one string each).

    A line continues on the next when it reaches the right margin (within two characters), the
    next line is not indented by a character or more, and no larger gap separates them.

    Example:
        >>> body = [PdfLine(0, "第一段的第一行很长", 0, 90, 0, 10, 10), PdfLine(0, "到这里。", 0, 40, 14, 24, 10),
        ...         PdfLine(0, "第二段。", 20, 60, 28, 38, 10)]
        >>> join_paragraphs(body)
        ['第一段的第一行很长到这里。', '第二段。']
    """
    if not lines:
        return []
    left, right, pitch = _layout(lines)
    paragraphs = [lines[0].text.strip()]
    for previous, line in zip(lines, lines[1:]):
        reaches_margin = previous.x1 >= right - 2 * previous.size
        indented = line.x0 >= left + 0.9 * line.size
        gap = line.page == previous.page and pitch > 0 and (line.top - previous.top) > 1.4 * pitch
        if reaches_margin and not indented and not gap:
            paragraphs[-1] = join_broken_line(paragraphs[-1], line.text.strip())
        else:
            paragraphs.append(line.text.strip())
    return [p for p in paragraphs if p]


def read_pdf_lines(path: Path | str) -> tuple[list[list[PdfLine]], dict[str, str]]:
    """The text-layer lines of each page (top to bottom) and the file's information dictionary.

    Raises :class:`~dangjian.reading.corpus.CorpusError` for a password-protected or damaged file (whatever
    pdfminer raised) and one over :data:`PDF_MAX_PAGES` pages or :data:`PDF_MAX_CHARS` characters.

    Example:
        >>> import tempfile, pathlib, fpdf
        >>> pdf = fpdf.FPDF()
        >>> pdf.set_title("Annual report")
        >>> pdf.add_page()
        >>> pdf.set_font("helvetica", size=12)
        >>> _ = pdf.cell(text="Party building in 2024")
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "r.pdf"
        >>> pdf.output(str(path))
        >>> pages, info = read_pdf_lines(path)
        >>> [line.text for line in pages[0]], info["Title"]
        (['Party building in 2024'], 'Annual report')
    """
    import pdfplumber

    path = Path(path)
    with reading(path, "PDF"):
        try:
            pdf = pdfplumber.open(path)
        except Exception as error:  # pdfplumber wraps pdfminer's errors: tell a password apart
            if _is_password_error(error):
                raise CorpusError(path, PASSWORD_PROTECTED) from None
            raise
        with pdf:
            info = {str(k): v if isinstance(v, str) else "" for k, v in (pdf.metadata or {}).items()}
            _check_page_count(path, _declared_page_count(pdf))
            _check_page_count(path, len(pdf.pages))
            pages, chars = [], 0
            for number, page in enumerate(pdf.pages):
                pages.append(_page_lines(number, page))
                page.close()  # drop the page's parsed objects: memory stays that of one page
                chars += sum(len(line.text) for line in pages[-1])
                if chars > PDF_MAX_CHARS:
                    raise CorpusError(
                        path,
                        f"holds more than {PDF_MAX_CHARS:,} characters of text by page {number + 1}, over the limit "
                        "for one PDF (PDF_MAX_CHARS); split it into several files",
                    )
    return pages, info


def _is_password_error(error: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = error.args[0] if len(error.args) == 1 and isinstance(error.args[0], BaseException) else error
    return isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError))


def _declared_page_count(pdf) -> int:  # noqa: ANN001 - a pdfplumber PDF
    """The page count the PDF's page tree states (0 if it states none): checked before reading pages."""
    from pdfminer.pdftypes import resolve1

    tree = resolve1(pdf.doc.catalog.get("Pages"))
    count = resolve1(tree.get("Count")) if isinstance(tree, dict) else 0
    return count if isinstance(count, int) else 0


def _check_page_count(path: Path, count: int) -> None:
    """Refuse a PDF of more than :data:`PDF_MAX_PAGES` pages.

    Example:
        >>> _check_page_count(Path("yearbook.pdf"), 3500)
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: yearbook.pdf: has 3,500 pages, over the limit of 2,000 for one PDF (PDF_MAX_PAGES); split it into its documents
    """
    if count > PDF_MAX_PAGES:
        raise CorpusError(path, f"has {count:,} pages, over the limit of {PDF_MAX_PAGES:,} for one PDF (PDF_MAX_PAGES); split it into its documents")


def _page_lines(number: int, page) -> list[PdfLine]:  # noqa: ANN001 - a pdfplumber Page
    lines = []
    for line in page.extract_text_lines(return_chars=True, keep_blank_chars=True, x_tolerance_ratio=0.5):
        text = line["text"].strip()
        sizes = [char["size"] for char in line["chars"] if char["text"].strip()]
        if text and sizes:
            lines.append(PdfLine(number, text, line["x0"], line["x1"], line["top"], line["bottom"], statistics.median(sizes)))
    return lines


def _title(info: dict[str, str]) -> str:
    title = re.sub(r"^Microsoft (Word|PowerPoint) - ", "", info.get("Title", "").strip())
    return re.sub(r"\.(docx?|wps|pdf)$", "", title, flags=re.IGNORECASE).strip()


def extract_pdf(path: Path | str) -> ExtractedText:
    """Extract a PDF's text layer: paragraphs in reading order, page furniture removed.

    Example:
        >>> import tempfile, pathlib, fpdf
        >>> scan = fpdf.FPDF()
        >>> scan.add_page()
        >>> scan.rect(20, 20, 100, 60, style="F")
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "scan.pdf"
        >>> scan.output(str(path))
        >>> extract_pdf(path)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: .../scan.pdf: no text layer; OCR is not supported. ...
    """
    path = Path(path)
    pages, info = read_pdf_lines(path)
    if not any(pages):
        raise CorpusError(path, NO_TEXT_LAYER)
    furniture = find_page_furniture(pages)
    body = [line for p, lines in enumerate(pages) for i, line in enumerate(lines) if (p, i) not in furniture]
    removed = [f"page {p + 1}: {pages[p][i].text}" for p, i in sorted(furniture)]
    removed += [f"page {p + 1}: no text layer" for p, lines in enumerate(pages) if not lines]
    metadata = {"title": _title(info), "author": meaningful_author(info.get("Author"))}
    return ExtractedText(
        "\n".join(join_paragraphs(body)),
        "pdf",
        "pdf",
        {k: v for k, v in metadata.items() if v},
        tuple(removed),
    )
