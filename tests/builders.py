"""Real documents in other formats, built from the text files in data/raw/ for the tests.

* :func:`write_html` wraps a document in a web page with navigation, breadcrumbs, an
  editor/date line, a related-news list and a footer.
* :func:`write_docx` writes a Word file with python-docx: the first line as the title, short
  unpunctuated lines as headings, the rest as body paragraphs.
* :func:`write_text_pdf` typesets a PDF with fpdf2 like a printed report: paragraphs with a
  two-character first-line indent, wrapped lines, a running header and ``- n -`` page numbers.
* :func:`write_scanned_pdf` makes a PDF whose page is only a picture of text (no text layer).
* :func:`load_benchmark` imports a script of ``benchmarks/`` whose corpus builders tests share.

The CJK font is Noto Sans CJK SC (SIL Open Font License) as shipped in the ``mplfonts`` package.
That file is CFF-based OpenType, which fpdf2 embeds with its own encoding CMap that pdfminer
(under pdfplumber) cannot decode; :func:`truetype_subset` therefore subsets it to the characters
needed and converts the outlines to TrueType with fontTools, which fpdf2 embeds as Identity-H.
"""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import mplfonts

NOTO_SANS_CJK = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py``, whose corpus builders the tests share."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def truetype_subset(characters: str, target: Path) -> Path:
    """Noto Sans CJK SC reduced to ``characters`` and converted from CFF to TrueType outlines."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(NOTO_SANS_CJK)
    options = subset.Options()
    options.desubroutinize = True
    options.layout_features = []
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                      "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(target)
    return target


def paragraphs_of(raw: str) -> list[str]:
    """The non-empty lines of a text file, stripped: one paragraph each."""
    return [line.strip() for line in raw.splitlines() if line.strip()]


def is_heading_line(line: str) -> bool:
    """A short line without sentence punctuation (how the reports set their headings)."""
    return len(line) <= 30 and not re.search(r"[。！？；，,;!?：:]", line)


# --------------------------------------------------------------------------- HTML


def write_html(path: Path, title: str, body: list[str], date: str, editor: str) -> Path:
    """A saved web page: the body paragraphs inside typical portal furniture."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in body)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(title)}_党建动态_先锋党建网</title></head>
<body>
<header><div class="logo">先锋党建网</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/dt/">党建动态</a></li><li><a href="/zz/">组织建设</a></li>
<li><a href="/xx/">理论学习</a></li><li><a href="/dy/">党员之家</a></li></ul></nav></header>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/dt/">党建动态</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>{html.escape(title)}</h1>
<div class="info">择稿人员: {html.escape(editor)} | 发布日期: {date} | 访问次数: 895</div>
<div class="tools">字体：【大 中 小】 背景色：<a href="#">白</a> <a href="#">灰</a> 打印本页 关闭窗口</div>
<div class="content">
{paragraphs}
</div></div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/dt/1.html">以高质量党建引领基层治理</a></li><li><a href="/dt/2.html">扎实做好发展党员工作</a></li>
<li><a href="/dt/3.html">持续整顿软弱涣散基层党组织</a></li></ul></div></div>
<footer><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/sitemap">网站地图</a></p>
<p>版权所有 © 先锋党建网 京ICP备12345678号</p></footer>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- Word


def write_docx(path: Path, paragraphs: list[str], author: str = "") -> Path:
    """A Word file: first paragraph as Title, heading-like lines as Heading 2, the rest as body."""
    import docx

    word = docx.Document()
    word.core_properties.author = author
    word.add_heading(paragraphs[0], level=0)
    for line in paragraphs[1:]:
        if is_heading_line(line):
            word.add_heading(line, level=2)
        else:
            word.add_paragraph(line)
    word.save(str(path))
    return path


# --------------------------------------------------------------------------- PDF

_TOKEN = re.compile(r"[A-Za-z0-9.%]+|.", re.S)


def wrap(pdf, paragraph: str, first_width: float, width: float) -> list[str]:
    """Break a paragraph into lines like a word processor: anywhere between Chinese characters,
    never inside a Latin word or number, never next to a space."""
    tokens: list[str] = []
    for token in _TOKEN.findall(paragraph):
        if tokens and (token == " " or tokens[-1].endswith(" ")):
            tokens[-1] += token
        else:
            tokens.append(token)
    lines, current, limit = [], "", first_width
    for token in tokens:
        if current and pdf.get_string_width(current + token) > limit:
            lines.append(current)
            current, limit = "", width
        current += token
    if current:
        lines.append(current)
    return lines


def _report_class():
    from fpdf import FPDF

    class Report(FPDF):
        """A4 report with a running header and centred ``- n -`` page numbers."""

        def __init__(self, font: Path, running_header: str):
            super().__init__(unit="pt", format="A4")
            self.running_header = running_header
            self.add_font("cjk", fname=str(font))
            self.set_margins(72, 72, 72)
            self.set_auto_page_break(True, margin=72)

        def header(self):
            self.set_font("cjk", size=9)
            self.set_xy(self.l_margin, 36)
            self.cell(self.epw, 12, self.running_header, align="C")
            self.set_xy(self.l_margin, self.t_margin)

        def footer(self):
            self.set_font("cjk", size=9)
            self.set_xy(self.l_margin, self.h - 48)
            self.cell(self.epw, 12, f"- {self.page_no()} -", align="C")

    return Report


def write_text_pdf(path: Path, paragraphs: list[str], font: Path, running_header: str, size: float = 12) -> Path:
    """A PDF with a text layer: indented, wrapped paragraphs over several pages."""
    pdf = _report_class()(font, running_header)
    pdf.add_page()
    pdf.set_font("cjk", size=size)
    indent, leading = 2 * size, 1.6 * size
    for paragraph in paragraphs:
        for number, line in enumerate(wrap(pdf, paragraph, pdf.epw - indent, pdf.epw)):
            if pdf.will_page_break(leading):
                pdf.add_page()
                pdf.set_font("cjk", size=size)
            pdf.set_x(pdf.l_margin + (indent if number == 0 else 0))
            pdf.cell(0, leading, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path, lines: list[str], image_path: Path) -> Path:
    """A PDF whose only content is a picture of the text, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(NOTO_SANS_CJK), 32)
    for number, line in enumerate(lines):
        draw.text((120, 150 + 52 * number), line, fill=0, font=font)
    image.save(image_path)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(image_path), x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))
    return path
