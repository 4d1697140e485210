"""Saved web pages: the main text through trafilatura, with the title, date and author it finds.

Navigation, breadcrumbs, related-news lists and footers are left out by trafilatura's
main-content extraction; the page title (usually outside the article body) becomes the first
line, as in a text file. Everything runs offline on the saved file: nothing is fetched.

trafilatura's extraction takes a few seconds per megabyte and grows faster than the page (its
metadata and date searches go over the whole tree), and lxml's tree drops whatever is nested
deeper than 256 elements. So a page over :data:`HTML_FULL_EXTRACTION_CHARS`, or nested deeper than
:data:`HTML_MAX_TREE_DEPTH`, is read by :func:`stream_page_text` instead: one pass of lxml's
parser that builds no tree, linear in the page's size with no depth limit, keeping all text
outside scripts and styles with one line per block element (navigation and footers included, for
the cleaning to remove). A file over :data:`HTML_MAX_BYTES`, or text over :data:`HTML_MAX_CHARS`,
is refused with a :class:`~dangjian.reading.corpus.CorpusError`, as is any failure of the parsers.

Example:
    >>> page = ('<html><head><title>加强基层党建_党建网</title></head><body><nav><a href="/">首页</a></nav>'
    ...         '<article><h1>加强基层党建</h1><p>发布日期：2024-01-05</p><p>'
    ...         + '全市新建党群服务中心12个，培训党员2.1万人次。' * 3 + '</p></article>'
    ...         '<footer>版权所有 网站地图</footer></body></html>')
    >>> extracted = extract_html_text(page)
    >>> extracted.text.splitlines()[0], extracted.metadata["date"]
    ('加强基层党建', '2024-01-05')
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from dangjian.reading.corpus import CorpusError, decode_bytes
from dangjian.reading.formats import ExtractedText, join_cells, join_lines, meaningful_author, reading

#: Largest web page read: 100 MB. An article page, even a long report with its portal around it,
#: is 50 KB to a few MB; a file past 100 MB is a data dump or a whole site, not one document.
HTML_MAX_BYTES = 100_000_000
#: Most characters of text taken from one page: 50 million, three times the text of the 50 MB
#: single document the pipeline is tested on and hundreds of times a long report.
HTML_MAX_CHARS = 50_000_000
#: Pages up to this many characters go through trafilatura's main-content extraction, which takes
#: a few seconds per million characters, and more per character as the page grows (16 MB: over
#: 100 s); larger ones are read by the linear :func:`stream_page_text`. An article page, portal
#: around it included, is a few hundred thousand characters at most.
HTML_FULL_EXTRACTION_CHARS = 1_000_000
#: Deepest nesting of elements handed to trafilatura. lxml's tree keeps 256 levels (its parser's
#: default limit; 2,048 at most) and silently drops the text below, so a page nested deeper (only
#: broken markup is: unclosed ``<div>`` or ``<font>`` tags) is read by :func:`stream_page_text`.
HTML_MAX_TREE_DEPTH = 200

#: Elements whose content is never text of the page.
_SKIPPED_TAGS = frozenset({"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object"})
#: Elements that start and end a line of text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody tfoot thead "
    "title tr ul".split()
)
_CELL_TAGS = frozenset({"td", "th"})
#: Where a table cell starts in a line being read: a control character no page's text keeps (a tab
#: of the page's source is white space, not a cell).
_CELL_START = "\x1f"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
#: Legacy Chinese charsets read with their superset, so that no character is lost.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5-hkscs": "big5hkscs"}


_PAGE_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.IGNORECASE | re.DOTALL
)
_MARKUP_TAG = re.compile(r"</?(?:p|div|span|br|a|table|tr|td|li|ul|script|style|font)\b[^<>]{0,500}>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a text holds a web page's markup: it opens like a page, or is full of tags.

    Example:
        >>> looks_like_html("<!DOCTYPE html><html><body><p>党建</p></body></html>"), looks_like_html("全市<b>党员</b>")
        (True, False)
    """
    head = text[:5000]
    return bool(_PAGE_START.match(head)) or len(_MARKUP_TAG.findall(head)) >= 10


def decode_html(data: bytes, path: Path | str = "<html>") -> tuple[str, str]:
    """Decode a saved page: its BOM, else its ``<meta charset>``, else the text-file rules.

    Example:
        >>> decode_html('<meta charset="gb2312"><p>党建</p>'.encode("gb18030"))
        ('<meta charset="gb2312"><p>党建</p>', 'gb18030')
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return decode_bytes(data, path)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        codec = _SUPERSETS.get(name, name)
        try:
            return data.decode(codecs.lookup(codec).name), codecs.lookup(codec).name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to detection
    return decode_bytes(data, path)


@dataclass(frozen=True)
class PageText:
    """All text of a page read in one pass: its lines, its ``<title>`` and how deep it nests."""

    lines: list[str]
    title: str
    depth: int


class _PageTextTarget:
    """lxml parser target collecting text by block element, with no tree and no depth limit."""

    def __init__(self, path: Path | str, max_chars: int):
        self.path, self.max_chars = path, max_chars
        self.lines: list[str] = []
        self.line: list[str] = []
        self.title: list[str] = []
        self.chars = self.depth = self.max_depth = self.skipping = self.in_title = 0

    def start(self, tag: str, attrib: dict) -> None:  # noqa: ARG002 - the parser's signature
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        if tag == "title":
            self.in_title += 1
        if self.skipping or tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _CELL_TAGS:
            self.line.append(_CELL_START)
        elif tag in _BLOCK_TAGS:
            self._end_line()

    def end(self, tag: str) -> None:
        self.depth -= 1
        if tag == "title" and self.in_title:
            self.in_title -= 1
        if self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK_TAGS:
            self._end_line()

    def data(self, text: str) -> None:
        if self.in_title:
            self.title.append(text)
        elif not self.skipping:
            self.line.append(text.replace(_CELL_START, " "))
            self.chars += len(text)
            if self.chars > self.max_chars:
                raise CorpusError(self.path, too_much_text(self.max_chars))

    def _end_line(self) -> None:
        if self.line:
            line = join_cells([" ".join(cell.split()) for cell in "".join(self.line).split(_CELL_START)])
            if line:
                self.lines.append(line)
            self.line = []

    def close(self) -> PageText:
        self._end_line()
        return PageText(self.lines, " ".join("".join(self.title).split()), self.max_depth)


def too_much_text(limit: int = HTML_MAX_CHARS) -> str:
    """The problem of a page with more than ``limit`` characters of text (:data:`HTML_MAX_CHARS`).

    Example:
        >>> too_much_text()
        'holds more than 50,000,000 characters of text, the limit for one web page (HTML_MAX_CHARS); split it into several files'
    """
    return f"holds more than {limit:,} characters of text, the limit for one web page (HTML_MAX_CHARS); split it into several files"


def stream_page_text(page: str, path: Path | str = "<html>", max_chars: int = HTML_MAX_CHARS) -> PageText:
    """All text of a page outside scripts and styles, one line per block element, in one linear pass.

    lxml's parser reports elements and text to a target as it goes, building no tree: time and
    memory grow with the page, and text nested at any depth is kept. Whitespace runs become one
    space; the cells of a table row are separated by bars (:func:`~dangjian.reading.formats.join_cells`). More than ``max_chars`` characters raise
    :class:`~dangjian.reading.corpus.CorpusError`.

    Example:
        >>> page = "<html><head><title>标题</title><style>p {}</style></head><body>" + "<div>层" * 300 + "</div>" * 300
        >>> text = stream_page_text(page + "<table><tr><td>党员</td><td>2.1万</td></tr></table></body></html>")
        >>> text.title, len(text.lines), text.lines[-1], text.depth
        ('标题', 301, '党员 | 2.1万', 302)
    """
    from lxml import etree

    target = _PageTextTarget(path, max_chars)
    parser = etree.HTMLParser(target=target, encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True, no_network=True)
    parser.feed(page.encode("utf-8", "surrogatepass"))
    return parser.close()


def _nesting_depth(page: str) -> int:
    """How deep a page nests, or 0 when the parser gives up (trafilatura then has its own try)."""
    from lxml import etree

    try:
        return stream_page_text(page, max_chars=HTML_MAX_CHARS).depth
    except (etree.LxmlError, CorpusError):
        return 0


def extract_html_text(page: str, path: Path | str = "<html>", encoding: str = "utf-8") -> ExtractedText:
    """Main text and metadata of an HTML page given as a string.

    A page of up to :data:`HTML_FULL_EXTRACTION_CHARS` characters nested at most
    :data:`HTML_MAX_TREE_DEPTH` deep goes through trafilatura (main text, title, date, author);
    any other is read whole by :func:`stream_page_text` (text and title).

    Example:
        >>> extract_html_text("<html><body><p> </p></body></html>", "empty.html")
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: empty.html: no main text found in this web page (only navigation or an empty page?)
    """
    if len(page) > HTML_MAX_BYTES:
        raise CorpusError(path, too_large(len(page), HTML_MAX_BYTES, "characters"))
    with reading(path, "HTML"):
        if len(page) > HTML_FULL_EXTRACTION_CHARS or _nesting_depth(page) > HTML_MAX_TREE_DEPTH:
            streamed = stream_page_text(page, path, HTML_MAX_CHARS)
            extracted = _page_text(streamed.lines, streamed.title, {"title": streamed.title}, path, encoding)
        else:
            extracted = _main_text(page, path, encoding)
    if len(extracted.text) > HTML_MAX_CHARS:
        raise CorpusError(path, too_much_text(HTML_MAX_CHARS))
    return extracted


def too_large(size: int, limit: int = HTML_MAX_BYTES, unit: str = "bytes") -> str:
    """The problem of a page file over :data:`HTML_MAX_BYTES`.

    Example:
        >>> too_large(150_000_000)
        'the page is 150,000,000 bytes, over the limit of 100,000,000 for one web page (HTML_MAX_BYTES): a whole site or a data dump, not one document; split it into several files'
    """
    return (
        f"the page is {size:,} {unit}, over the limit of {limit:,} for one web page (HTML_MAX_BYTES): "
        "a whole site or a data dump, not one document; split it into several files"
    )


def _page_text(lines: list[str], title: str, metadata: dict[str, str], path: Path | str, encoding: str) -> ExtractedText:
    """Lines of main text -> :class:`ExtractedText`, the title first; no text raises :class:`CorpusError`."""
    if not any(line.strip() for line in lines):
        raise CorpusError(path, "no main text found in this web page (only navigation or an empty page?)")
    lines = list(lines)
    if title and lines[0].strip() != title:
        lines.insert(0, title)
    return ExtractedText(join_lines(lines), "html", f"html:{encoding}", {k: v for k, v in metadata.items() if v})


#: A date the page labels as its own (发布日期：2018年07月26日, 发布时间: 2018-07-26, 日期：2018/7/26).
_LABELLED_DATE = re.compile(
    r"(?:发布|發佈|发表|發表|更新)?(?:日期|时间|時間)\s*[:：]\s*(?:<[^>]{0,200}>\s*)?"
    r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)


def page_date(found: str, page: str) -> str:
    """The publication date of a page from the date trafilatura ``found`` (ISO): a 1 January date is
    often a year alone with the rest filled in, so the date the page labels as its own wins over it,
    and without one it is dropped rather than invented.

    Example:
        >>> page_date("2018-07-26", ""), page_date("2017-01-01", "<span>发布日期：2018年07月26日</span>")
        ('2018-07-26', '2018-07-26')
        >>> page_date("2017-01-01", "<p>2017年统计公报</p>"), page_date("2017-01-01", "时间：2017-01-01")
        ('', '2017-01-01')
    """
    if not found.endswith("-01-01"):
        return found
    for match in _LABELLED_DATE.finditer(page):
        year, month, day = (int(group) for group in match.groups())
        if 1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}"
    return ""


def _main_text(page: str, path: Path | str, encoding: str) -> ExtractedText:
    """trafilatura's main text and metadata of a page."""
    import trafilatura

    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        output_format="python",
    )
    if document is None:
        return _page_text([], "", {}, path, encoding)
    title = (document.title or "").strip()
    metadata = {
        "title": title,
        "date": page_date((document.date or "").strip(), page),
        "author": meaningful_author(document.author),
        "site": (document.sitename or "").strip(),
    }
    return _page_text((document.text or "").splitlines(), title, metadata, path, encoding)


def extract_html(path: Path | str) -> ExtractedText:
    """Extract a saved web page (``.html``/``.htm``) read from disk; one over :data:`HTML_MAX_BYTES` is refused.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.htm"
        >>> _ = p.write_bytes(('<html><head><meta charset="gbk"></head><body><article><p>'
        ...                    + "党员教育培训全覆盖，基层组织全面进步。" * 3 + '</p></article></body></html>').encode("gbk"))
        >>> extract_html(p).encoding
        'html:gb18030'
    """
    path = Path(path)
    with open(path, "rb") as handle:
        data = handle.read(HTML_MAX_BYTES + 1)  # bounded even if the file grows after a stat
    if len(data) > HTML_MAX_BYTES:
        raise CorpusError(path, too_large(path.stat().st_size, HTML_MAX_BYTES))
    page, encoding = decode_html(data, path)
    return extract_html_text(page, path, encoding)
