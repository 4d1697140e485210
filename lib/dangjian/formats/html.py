"""Saved web pages: the main text through trafilatura, with the title, date and author it finds.

Navigation, breadcrumbs, related-news lists and footers are left out by trafilatura's
main-content extraction; the page title (usually outside the article body) becomes the first
line, as in a text file. Everything runs offline on the saved file: nothing is fetched.

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
from pathlib import Path

from dangjian.corpus import CorpusError, decode_bytes
from dangjian.formats import ExtractedText, join_lines, meaningful_author

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


def extract_html_text(page: str, path: Path | str = "<html>", encoding: str = "utf-8") -> ExtractedText:
    """Main text and metadata of an HTML page given as a string.

    Example:
        >>> extract_html_text("<html><body><p> </p></body></html>", "empty.html")
        Traceback (most recent call last):
        ...
        dangjian.corpus.CorpusError: empty.html: no main text found in this web page (only navigation or an empty page?)
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        output_format="python",
    )
    body = (document.text or "") if document is not None else ""
    if not body.strip():
        raise CorpusError(path, "no main text found in this web page (only navigation or an empty page?)")
    lines = body.splitlines()
    title = (document.title or "").strip()
    if title and (not lines or lines[0].strip() != title):
        lines.insert(0, title)
    metadata = {
        "title": title,
        "date": (document.date or "").strip(),
        "author": meaningful_author(document.author),
        "site": (document.sitename or "").strip(),
    }
    return ExtractedText(join_lines(lines), "html", f"html:{encoding}", {k: v for k, v in metadata.items() if v})


def extract_html(path: Path | str) -> ExtractedText:
    """Extract a saved web page (``.html``/``.htm``) read from disk.

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
        data = handle.read()
    page, encoding = decode_html(data, path)
    return extract_html_text(page, path, encoding)
