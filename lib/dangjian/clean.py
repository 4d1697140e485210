"""Cleaning: small steps composed into a traceable pipeline.

Every step is a pure function ``text -> list[Edit]`` (see :mod:`dangjian.edits`) wrapped in a
:class:`Step` that is also usable as a plain ``str -> str`` function. A :class:`CleaningPipeline`
runs the steps in order, keeps the offset map from the clean text back to the raw file, and
records what each step changed (counts, examples, and every piece of text it removed), so that
nothing is deleted silently.

The steps of this module also yield their edits one by one in text order (``Step.edit_streams``),
and the pipeline applies them as they come: a text of hundreds of megabytes is cleaned without a
list of its millions of edits, a list of its lines, or a number per character for its offsets.

Steps are grouped by kind: ``normalize`` (spaces, widths, punctuation), ``remove`` (page
furniture, author lines, pinyin readings), ``convert`` (traditional -> simplified, redactions ->
placeholder) and ``mark`` (characters lost in transmission: kept visible, counted).

Example:
    >>> result = clean_text("首页> 党建动态>\\n黨(dǎng)的基層組織建設,***同志強調")
    >>> result.text
    '党的基层组织建设，□同志强调'
    >>> result.to_raw_span(0, 2)
    (10, 18)
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from dangjian.edits import Edit, OffsetMap, apply_edits, apply_sorted_edits

#: The one placeholder that stands for any redacted or template-substituted name.
PLACEHOLDER = "□"

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")


# --------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Step:
    """One cleaning step: a name, a kind, and a function finding edits in a text.

    Calling the step on a string applies its edits, so a step is also a ``str -> str`` function.

    ``edit_streams``, if given, yields the same edits as ``find_edits`` as a few streams, each in
    text order (by ``(start, end)``), whose concatenation is ``find_edits``' list; the pipeline then
    applies them as they come instead of holding them all (:meth:`streaming` builds such a step).

    Example:
        >>> remove_pinyin_readings("執(zhí)政")
        '執政'
    """

    name: str
    kind: str
    find_edits: Callable[[str], list[Edit]]
    extract_metadata: Callable[[str], dict[str, str]] | None = None
    description: str = ""
    edit_streams: Callable[[str], list[Iterable[Edit]]] | None = None

    def __call__(self, text: str) -> str:
        if self.edit_streams is None:
            return apply_edits(text, self.find_edits(text))[0]
        return apply_sorted_edits(text, heapq.merge(*self.edit_streams(text), key=_position))[0]

    @classmethod
    def streaming(
        cls,
        name: str,
        kind: str,
        *finders: Callable[[str], Iterable[Edit]],
        extract_metadata: Callable[[str], dict[str, str]] | None = None,
        description: str = "",
    ) -> Step:
        """A step whose edits are those of each finder in turn; every finder yields its edits in text order.

        Example:
            >>> digits = Step.streaming("digits", "normalize", _regex_stream(re.compile("[0-9]"), "digit", lambda m: "#"))
            >>> digits("党员12名"), [e.start for e in digits.find_edits("党员12名")]
            ('党员##名', [2, 3])
        """

        def find_edits(text: str) -> list[Edit]:
            return [edit for finder in finders for edit in finder(text)]

        def edit_streams(text: str) -> list[Iterable[Edit]]:
            return [finder(text) for finder in finders]

        return cls(name, kind, find_edits, extract_metadata, description, edit_streams)


def _position(edit: Edit) -> tuple[int, int]:
    return edit.start, edit.end


def _regex_stream(
    pattern: re.Pattern[str], kind: str, replace: Callable[[re.Match[str]], str]
) -> Callable[[str], Iterator[Edit]]:
    """Build an edit finder from a regex and a function giving each match's replacement."""

    def find(text: str) -> Iterator[Edit]:
        for m in pattern.finditer(text):
            yield Edit(m.start(), m.end(), replace(m), kind)

    return find


#: Where ``str.splitlines`` ends a line.
_LINE_END = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end_including_line_break)`` of each line as ``text.splitlines(keepends=True)``
    cuts it, without copying the text.

    Example:
        >>> list(_line_spans("甲\\r\\n乙\\n\\n丙"))
        [(0, 3), (3, 5), (5, 6), (6, 7)]
    """
    position = 0
    for m in _LINE_END.finditer(text):
        yield position, m.end()
        position = m.end()
    if position < len(text):
        yield position, len(text)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end_including_newline, line_without_newline)`` for each line."""
    for start, end in _line_spans(text):
        yield start, end, text[start:end].rstrip("\n")


# normalize ------------------------------------------------------------------

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
normalize_line_breaks = Step.streaming(
    "normalize_line_breaks",
    "normalize",
    _regex_stream(_LINE_BREAKS, "line_break", lambda m: "\n"),
    description="Windows/Mac/Unicode line breaks -> \\n.",
)

_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


normalize_spaces = Step.streaming(
    "normalize_spaces",
    "normalize",
    _regex_stream(_ODD_SPACES, "odd_space", lambda m: " "),
    _regex_stream(_INVISIBLE, "invisible", lambda m: ""),
    description="Non-breaking, ideographic, thin spaces and tabs -> space; zero-width characters dropped.",
)

_FULLWIDTH_ASCII = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0e\uff0f]")
normalize_fullwidth_alnum = Step.streaming(
    "normalize_fullwidth_alnum",
    "normalize",
    _regex_stream(_FULLWIDTH_ASCII, "fullwidth", lambda m: unicodedata.normalize("NFKC", m.group())),
    description="Full-width digits, Latin letters and % + - . / -> ASCII (Chinese punctuation untouched).",
)

_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "(": "（", ")": "）"}
# An ASCII punctuation mark touching a Chinese character (or a closing quote/bracket) on either side.
_CJK_CONTEXT = f"[{CJK}“”‘’《》（）()%，。、；：？！]"
_HALF_PUNCT_IN_CHINESE = re.compile(rf"(?<={_CJK_CONTEXT})[,;:!]+|[,;:!]+(?={_CJK_CONTEXT})")
# A pair of ASCII parentheses with Chinese inside or right outside it: (社区), 人(次), (2020年…).
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
_QUOTE_FORMS = re.compile("[「」『』]")
_QUOTE_MAP = {"「": "“", "」": "”", "『": "‘", "』": "’"}


_QUESTION_IN_CHINESE = re.compile(rf"(?<=[{CJK}])\?(?=[{CJK}“”\n]|$)")
_CLAUSE_MARKS = "，。！？；,;!\n"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_MARKS}]")
_INTERROGATIVE_WORD = re.compile("如何|怎么|怎样|什么|为何|为什么|哪|何在|是否|吗|呢|几何|多少")


def is_question_mark(text: str, index: int) -> bool:
    """True when the ASCII ``?`` at ``index`` ends a question (an interrogative word in its clause).

    Otherwise a ``?`` inside Chinese text is a character lost in transmission.

    Example:
        >>> is_question_mark("如何抓实见效?这是", 6), is_question_mark("重要职责?;A不牢", 4)
        (True, False)
    """
    return question_marks(text, [index])[0]


def question_marks(text: str, indices: Sequence[int]) -> list[bool]:
    """:func:`is_question_mark` for many ``?`` of one text at once, in one pass over the text.

    A ``?`` ends a question when an interrogative word lies between it and the clause mark
    (，。！？；,;! or a line break) before it.

    Example:
        >>> question_marks("如何抓实见效?这是，重要职责?", [6, 14])
        [True, False]
    """
    order = sorted(range(len(indices)), key=indices.__getitem__)
    answers = [False] * len(indices)
    for position, answer in zip(order, _question_verdicts(text, [indices[i] for i in order])):
        answers[position] = answer
    return answers


def _question_verdicts(text: str, indices: Iterable[int]) -> Iterator[bool]:
    """:func:`question_marks` for indices in increasing order, walking the text once alongside them."""
    marks = _CLAUSE_MARK.finditer(text)
    words = _INTERROGATIVE_WORD.finditer(text)
    next_mark, next_word = next(marks, None), next(words, None)
    clause_start, last_word_start = 0, -1  # the last word that ends before the '?'
    for index in indices:
        while next_mark is not None and next_mark.end() <= index:
            clause_start, next_mark = next_mark.end(), next(marks, None)
        while next_word is not None and next_word.end() <= index:
            last_word_start, next_word = next_word.start(), next(words, None)
        yield last_word_start >= clause_start


def _question_edits(text: str) -> Iterator[Edit]:
    candidates, again = itertools.tee(_QUESTION_IN_CHINESE.finditer(text))
    for m, is_question in zip(candidates, _question_verdicts(text, (m.start() for m in again))):
        if is_question:
            yield Edit(m.start(), m.end(), "？", "punctuation")


def _half_punctuation_edits(text: str) -> Iterator[Edit]:
    for m in _HALF_PUNCT_IN_CHINESE.finditer(text):
        yield Edit(m.start(), m.end(), "".join(_HALF_PUNCT[mark] for mark in m.group()), "punctuation")


def _parenthesis_edits(text: str) -> Iterator[Edit]:
    """Full-width parentheses for ASCII pairs in Chinese context, nested pairs included: a pair
    converted inside ``(党())`` makes its enclosing pair a pair in Chinese context, so the rule is
    applied again to the text with the converted pairs until nothing changes (cleaning twice then
    gives what cleaning once gives)."""
    converted: set[int] = set()
    shadow = text
    while True:
        found = []
        for m in _PAREN_PAIR.finditer(shadow):
            outside = shadow[max(0, m.start() - 1) : m.start()] + shadow[m.end() : m.end() + 1]
            if _CJK_CHAR.search(m.group(1)) or _CJK_CHAR.search(outside):
                found += [m.start(), m.end() - 1]
        if not found:
            break
        converted.update(found)
        if "(" not in shadow:
            break
        pieces, last = [], 0
        for position in sorted(found):
            pieces += [shadow[last:position], "（" if shadow[position] == "(" else "）"]
            last = position + 1
        shadow = "".join(pieces) + shadow[last:]
    for position in sorted(converted):
        yield Edit(position, position + 1, "（" if text[position] == "(" else "）", "punctuation")


normalize_punctuation = Step.streaming(
    "normalize_punctuation",
    "normalize",
    _regex_stream(_QUOTE_FORMS, "quote", lambda m: _QUOTE_MAP[m.group()]),
    _question_edits,
    _half_punctuation_edits,
    _parenthesis_edits,
    description="Half-width , ; : ! ( ) inside Chinese text -> full-width; corner quotes -> “”. "
    "An ASCII '?' becomes ？ only after an interrogative clause (如何…?); elsewhere inside Chinese "
    "text it marks a lost character and stays.",
)

#: Thousands groups after runs of spaces too: whitespace is collapsed by a later step, and a second
#: pass must find nothing more to join.
_SPACED_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?: +\d{3})+(?![\d])")


def _find_number_space_edits(text: str) -> Iterator[Edit]:
    for m in _SPACED_THOUSANDS.finditer(text):
        for offset, char in enumerate(m.group()):
            if char == " ":
                yield Edit(m.start() + offset, m.start() + offset + 1, "", "number_space")


join_spaced_numbers = Step.streaming(
    "join_spaced_numbers",
    "normalize",
    _find_number_space_edits,
    description="Thousands separated by spaces (11 722.79) -> 11722.79; '1 1' (a lost plus sign) is not a thousands group.",
)

_WHITESPACE_RUN = re.compile(r"[ \n]+")


def _find_whitespace_edits(text: str) -> Iterator[Edit]:
    for m in _WHITESPACE_RUN.finditer(text):
        run = m.group()
        at_text_edge = m.start() == 0 or m.end() == len(text)
        if at_text_edge:
            replacement = ""
        elif "\n" in run:
            replacement = "\n"
        else:
            replacement = " "
        if replacement != run:
            yield Edit(m.start(), m.end(), replacement, "whitespace")


normalize_whitespace = Step.streaming(
    "normalize_whitespace",
    "normalize",
    _find_whitespace_edits,
    description="Indentation and trailing spaces dropped, runs of spaces -> one, blank lines dropped (one line = one paragraph).",
)


# remove ---------------------------------------------------------------------

_BREADCRUMB = re.compile(r"^\s*(首页|主页|当前位置|您的位置|你的位置|首頁|當前位置)\s*[:：]?.*?(>|»|＞|→)")
_META_KEYS = re.compile(
    r"(发布日期|发布时间|發布日期|发表时间|访问次数|浏览次数|阅读次数|点击数|点击量|访问量|瀏覽次數|"
    r"责任编辑|編輯|编辑|择稿人员|来源|來源|稿源|信息来源|作者)\s*[:：]"
)
_CONTROLS = re.compile(
    r"^\s*(字体|字號|字号)\s*[:：]|背景色|【\s*大\s*中\s*小\s*】|\b[大中小]\s+[大中小]\s+[大中小]\b|打印本页|打印此页|关闭窗口|"
    r"分享到|扫一扫|返回顶部|上一篇|下一篇|^\s*(相关新闻|相关阅读|相关链接|相关文章|推荐阅读|热点新闻)\s*[:：]?\s*$|"
    r"版权所有|Copyright|ICP备|网站地图|联系我们"
)
_MAX_FURNITURE_CJK = 60


def is_furniture_line(line: str) -> bool:
    """True for a line of web-page furniture rather than body text.

    Example:
        >>> is_furniture_line("首页> 党建动态>扎实推进基层党建工作")
        True
        >>> is_furniture_line("全市培训党员2.1万人次。")
        False
    """
    stripped = line.strip()
    if not stripped:
        return False
    if _BREADCRUMB.search(stripped):
        return True
    # Lengths are counted in Chinese characters, which later steps do not remove, so that a line
    # judged body text stays body text when the text is cleaned again.
    if _has_more_chinese_than(stripped, _MAX_FURNITURE_CJK):
        return False
    if _META_KEYS.search(stripped) and not re.search("[。！？]", stripped):
        return True
    if _CONTROLS.search(stripped):
        return True
    # A line without a single Chinese character: a lone '|', 'Baidu', 'map', a page number.
    return not _CJK_CHAR.search(stripped) and PLACEHOLDER not in stripped


def _has_more_chinese_than(text: str, limit: int) -> bool:
    """Whether ``text`` holds more than ``limit`` Chinese characters (stops counting there).

    Example:
        >>> _has_more_chinese_than("党建a工作", 3), _has_more_chinese_than("党建", 3)
        (True, False)
    """
    return next(itertools.islice(_CJK_CHAR.finditer(text), limit, None), None) is not None


def _find_furniture_edits(text: str) -> Iterator[Edit]:
    for start, end, line in _lines(text):
        if is_furniture_line(line):
            yield Edit(start, end, "", "furniture")


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_META_FIELDS = {
    "editor": re.compile(r"(?:择稿人员|责任编辑|編輯|编辑)\s*[:：]\s*([^\s|｜:：]{1,20})"),
    "source": re.compile(r"(?:信息来源|稿源|来源|來源)\s*[:：]\s*([^\s|｜:：]{1,30})"),
    "visits": re.compile(r"(?:访问次数|浏览次数|阅读次数|点击数|点击量|访问量|瀏覽次數)\s*[:：]\s*(\d+)"),
    "author": re.compile(r"(?<![责任])作者\s*[:：]\s*([^\s|｜:：]{1,20})"),
}


def extract_furniture_metadata(text: str) -> dict[str, str]:
    """Publication date, editor, source and visit count found in furniture lines.

    Example:
        >>> extract_furniture_metadata("择稿人员: 刘磊 | 发布日期: 2020-05-09 | 访问次数: 895")
        {'date': '2020-05-09', 'editor': '刘磊', 'visits': '895'}
    """
    found: dict[str, str] = {}
    for _, _, line in _lines(text):
        if not is_furniture_line(line):
            continue
        date = _DATE.search(line)
        if date and "date" not in found:
            year, month, day = date.groups()
            found["date"] = f"{year}-{int(month):02d}-{int(day):02d}"
        for name, pattern in _META_FIELDS.items():
            match = pattern.search(line)
            if match and name not in found:
                found[name] = match.group(1)
    return found


remove_furniture = Step.streaming(
    "remove_furniture",
    "remove",
    _find_furniture_edits,
    extract_metadata=extract_furniture_metadata,
    description="Whole lines of web-page furniture: breadcrumbs, editor/date/visit lines, font and "
    "background controls, 'related news', short lines with no Chinese (|, Baidu, map). Date, editor, "
    "source and visits go to the document's metadata.",
)

_AUTHOR_NAME = re.compile(rf"^[{CJK}·•]{{2,4}}$")
_AUTHOR_POSITION = re.compile(r"^[（(]\s*(?:作者|作者系|作者为|作者是|作者单位)[:：]?\s*(?:系|为|是)?\s*(.+?)\s*[）)]$")
_AUTHOR_LINE = re.compile(r"^(?:作者|文|撰文)\s*[:：/／]\s*(\S{2,20})$")


def _author_lines(text: str) -> dict[str, tuple[int, int, str]]:
    """Locate the author line (first line) and author-position line (last line), if any."""
    opening: list[tuple[int, int, str]] = []  # the first two lines that are not blank
    last = (0, 0, "")
    for start, end, line in _lines(text):
        if line and not line.isspace():
            if len(opening) < 2:
                opening.append((start, end, line))
            last = (start, end, line)
    found: dict[str, tuple[int, int, str]] = {}
    if len(opening) >= 2:
        start, end, first = opening[0][0], opening[0][1], opening[0][2].strip()
        match = _AUTHOR_LINE.match(first)
        if match or (_AUTHOR_NAME.match(first) and len(opening[1][2].strip()) >= 30):
            found["author"] = (start, end, match.group(1) if match else first)
        start, end = last[0], last[1]
        match = _AUTHOR_POSITION.match(last[2].strip())
        if match:
            found["author_position"] = (start, end, match.group(1))
    return found


def _find_author_edits(text: str) -> Iterator[Edit]:
    for start, end, _ in _author_lines(text).values():
        yield Edit(start, end, "", "author_line")


def extract_author_metadata(text: str) -> dict[str, str]:
    """Author name and position of a signed article.

    Example:
        >>> extract_author_metadata("林坤\\n" + "党的基层组织是党执政的组织基础" * 3 + "\\n（作者系区委常委）")
        {'author': '林坤', 'author_position': '区委常委'}
    """
    return {name: value for name, (_, _, value) in _author_lines(text).items()}


remove_author_lines = Step.streaming(
    "remove_author_lines",
    "remove",
    _find_author_edits,
    extract_metadata=extract_author_metadata,
    description="A signed article's author line (a 2-4 character name, or 作者：…) and closing "
    "(作者系…) position line become metadata.",
)

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_SYLLABLE = re.compile(
    rf"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv{_TONED}]{{1,3}}(?:ng|n|r)?$"
)
_PARENTHESISED_LATIN = re.compile(rf"(?<=\S)(?:[(（][a-zü{_TONED}]{{1,6}}[)）])+")
_SYLLABLE_IN_PARENS = re.compile(rf"[(（]([a-zü{_TONED}]{{1,6}})[)）]")


def _find_pinyin_edits(text: str) -> Iterator[Edit]:
    for run in _PARENTHESISED_LATIN.finditer(text):
        after_chinese = bool(_CJK_CHAR.match(text[run.start() - 1]))
        for m in _SYLLABLE_IN_PARENS.finditer(text, run.start(), run.end()):
            syllable = m.group(1)
            if not _PINYIN_SYLLABLE.match(syllable):
                break
            has_tone = any(char in _TONED for char in syllable)
            if not (has_tone or (after_chinese and len(syllable) >= 2)):
                break  # an untoned single letter such as (a) is a list marker, not a reading
            yield Edit(m.start(), m.end(), "", "pinyin")


remove_pinyin_readings = Step.streaming(
    "remove_pinyin_readings",
    "remove",
    _find_pinyin_edits,
    description="Pinyin readings inserted after characters: 執(zhí)政 -> 執政. Only a single "
    "lower-case pinyin syllable in parentheses is removed, so (社区), (次) and (A) stay.",
)


# convert ---------------------------------------------------------------------

#: OpenCC configuration. ``tw2s`` was chosen on this genre: plain ``t2s`` leaves 著 in 凝聚著, 著力.
OPENCC_CONFIG = "tw2s"


@functools.lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


#: Lines longer than this many characters are converted piece by piece (:func:`_opencc_pieces`).
LONG_LINE_CHARS = 1 << 16
#: A character that no key of OpenCC's dictionaries contains (they hold Chinese characters only):
#: OpenCC's phrase matching never reaches across it.
_OPENCC_BOUNDARY = re.compile("[^\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def _find_script_edits(text: str, config: str = OPENCC_CONFIG, piece_chars: int | None = None) -> Iterator[Edit]:
    """The edits of :data:`convert_to_simplified`; a line longer than ``piece_chars`` (default
    :data:`LONG_LINE_CHARS`) is converted in pieces, with the same result."""
    for start, end in _line_spans(text):
        stop = end - 1 if text[end - 1] == "\n" else end
        pieces = _opencc_pieces(text, start, stop, piece_chars or LONG_LINE_CHARS)
        if len(pieces) == 1:
            yield from _line_script_edits(text[start:stop], start, config)
        else:
            yield from _long_line_script_edits(text, pieces, config)


def _line_script_edits(line: str, start: int, config: str) -> Iterator[Edit]:
    """The conversion edits of one line starting at ``start``."""
    if _converter("t2s").convert(line) == line:
        return  # already simplified: 著 in 显著 must stay 著
    converted = _converter(config).convert(line)
    if len(converted) == len(line):
        for i in _changed_positions(line, converted):
            yield Edit(start + i, start + i + 1, converted[i], "script")
    else:  # a phrase changed length: the whole line is one traceable edit
        yield Edit(start, start + len(line), converted, "script")


def _long_line_script_edits(text: str, pieces: list[tuple[int, int]], config: str) -> Iterator[Edit]:
    """:func:`_line_script_edits` of the line made of ``pieces`` (:func:`_opencc_pieces`), converted
    piece by piece: OpenCC converts a text cut after a character no dictionary key contains into
    the same characters as the whole, so the line gets the same edits."""
    if all(_converter("t2s").convert(text[s:e]) == text[s:e] for s, e in pieces):
        return
    changes = []
    for s, e in pieces:
        piece = text[s:e]
        converted = _converter(config).convert(piece)
        if len(converted) != len(piece):  # the line becomes one edit: convert it whole
            line_start, line_end = pieces[0][0], pieces[-1][1]
            yield from _line_script_edits(text[line_start:line_end], line_start, config)
            return
        positions, codes = _changed_codes(piece, converted)
        changes.append((positions + s, codes))
    for positions, codes in changes:
        for position, code in zip(positions.tolist(), codes.tolist()):
            yield Edit(position, position + 1, chr(code), "script")


def _opencc_pieces(text: str, start: int, end: int, piece_chars: int = LONG_LINE_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at least ``piece_chars`` characters (but the last), each
    cut right after the first character at or beyond that length that no OpenCC dictionary key
    contains (punctuation, spaces, digits, Latin letters …).

    Example:
        >>> text = "黨的建設，基層組織。"
        >>> [text[s:e] for s, e in _opencc_pieces(text, 0, len(text), piece_chars=3)]
        ['黨的建設，', '基層組織。']
    """
    pieces = []
    while end - start > piece_chars:
        boundary = _OPENCC_BOUNDARY.search(text, start + piece_chars - 1, end)
        if boundary is None or boundary.end() >= end:
            break
        pieces.append((start, boundary.end()))
        start = boundary.end()
    pieces.append((start, end))
    return pieces


def _changed_positions(before: str, after: str) -> list[int]:
    """Positions where two texts of equal length differ (compared as arrays of code points).

    Example:
        >>> _changed_positions("黨的基層", "党的基层")
        [0, 3]
    """
    return _changed_codes(before, after)[0].tolist()


def _changed_codes(before: str, after: str) -> tuple[np.ndarray, np.ndarray]:
    """Positions where two texts of equal length differ, and the code points of ``after`` there."""
    codes_before = np.frombuffer(before.encode("utf-32-le"), dtype=np.uint32)
    codes_after = np.frombuffer(after.encode("utf-32-le"), dtype=np.uint32)
    positions = np.flatnonzero(codes_before != codes_after)
    return positions, codes_after[positions]


def is_traditional(char: str) -> bool:
    """True if OpenCC's ``t2s`` would change ``char`` (used to check a clean text).

    Example:
        >>> is_traditional("黨"), is_traditional("党")
        (True, False)
    """
    return _converter("t2s").convert(char) != char


convert_to_simplified = Step.streaming(
    "convert_to_simplified",
    "convert",
    _find_script_edits,
    description=f"Traditional -> simplified with OpenCC '{OPENCC_CONFIG}' (phrase-aware: 凝聚著 -> 凝聚着, "
    "顯著 -> 显著), applied to lines that hold traditional characters only, so a simplified 显著 stays.",
)


@functools.lru_cache(maxsize=1)
def template_site_names() -> tuple[str, ...]:
    """Names of template/essay sites that get pasted over a region's name (shipped data file)."""
    text = resources.files("dangjian").joinpath("data/template_sites.txt").read_text(encoding="utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(sorted(set(names), key=lambda n: (-len(n), n)))


def _placeholder_pattern() -> re.Pattern[str]:
    sites = "|".join(re.escape(name) for name in template_site_names())
    return re.compile(
        rf"\*{{2,}}|[xX×ｘＸ]{{2,}}(?=[{CJK}])|(?<=[{CJK}])[xX×]{{2,}}"  # runs: ***, XX村, ××县
        rf"|\*(?=[{CJK}])|(?<=[{CJK}])\*"  # a single star standing for a name: *村
        rf"|(?<=[《{CJK}])[xX×](?=[{CJK}:：》])"  # a lone x for a place: 《x:…》
        + (rf"|{sites}" if sites else "")
    )


def _find_placeholder_edits(text: str) -> Iterator[Edit]:
    for m in _placeholder_pattern().finditer(text):
        if m.group() != PLACEHOLDER:
            yield Edit(m.start(), m.end(), PLACEHOLDER, "placeholder")


replace_placeholders = Step.streaming(
    "replace_placeholders",
    "convert",
    _find_placeholder_edits,
    description=f"Redactions (***, *村, XX县), a template site's name pasted over a region's name "
    f"(我老秘网区) and a lone x for a place (《x:…》) -> the placeholder {PLACEHOLDER}.",
)


# mark -------------------------------------------------------------------------

_LOST = re.compile(rf"\ufffd|(?<=[{CJK}，。、；：“”（）])\?|\?(?=[{CJK}，。、；：“”（）;])")
mark_lost_characters = Step.streaming(
    "mark_lost_characters",
    "mark",
    _regex_stream(_LOST, "lost_character", lambda m: m.group()),
    description="Characters lost in transmission (� anywhere, ? inside Chinese text) are kept "
    "visible and counted; they are never guessed.",
)


DEFAULT_STEPS: tuple[Step, ...] = (
    normalize_line_breaks,
    normalize_spaces,
    normalize_fullwidth_alnum,
    remove_pinyin_readings,
    convert_to_simplified,
    remove_furniture,
    remove_author_lines,
    replace_placeholders,
    normalize_punctuation,
    join_spaced_numbers,
    normalize_whitespace,
    mark_lost_characters,
)


# --------------------------------------------------------------------------- pipeline


@dataclass
class StepRecord:
    """What one step did to one document."""

    step: str
    kind: str
    edits: int
    chars_removed: int
    chars_added: int
    examples: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class CleanResult:
    """A cleaned text with its offset map, step records and metadata found on the way.

    Example:
        >>> r = clean_text("區(qū)委")
        >>> r.text, r.to_raw_span(0, 2), r.raw_text[slice(*r.to_raw_span(0, 2))]
        ('区委', (0, 6), '區(qū)委')
    """

    raw_text: str
    text: str
    offset_map: OffsetMap
    records: list[StepRecord]
    metadata: dict[str, str]

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file span of the clean span ``[start, end)``."""
        return self.offset_map.to_raw_span(start, end)

    def count(self, kind: str) -> int:
        """Number of edits (or marks) of one edit kind or step, e.g. ``"pinyin"``, ``"lost_character"``."""
        return sum(r.edits if r.step == kind else r.by_kind.get(kind, 0) for r in self.records)

    def record_table(self) -> list[dict[str, Any]]:
        """One row per step, for a cleaning report."""
        return [
            {
                "step": r.step,
                "kind": r.kind,
                "edits": r.edits,
                "chars_removed": r.chars_removed,
                "chars_added": r.chars_added,
                "examples": " | ".join(r.examples),
                "removed": " | ".join(r.removed),
            }
            for r in self.records
        ]


def step_record_to_dict(record: StepRecord) -> dict[str, Any]:
    """A :class:`StepRecord` as plain values (strings, numbers, lists, dicts) for JSON.

    Example:
        >>> record = clean_text("區(qū)委").records[0]
        >>> step_record_from_dict(step_record_to_dict(record)) == record
        True
    """
    return {name: list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v for name, v in vars(record).items()}


def step_record_from_dict(data: dict[str, Any]) -> StepRecord:
    """The :class:`StepRecord` of :func:`step_record_to_dict`."""
    return StepRecord(**data)


def clean_result_to_dict(result: CleanResult) -> dict[str, Any]:
    """A :class:`CleanResult` as plain values for JSON, except its offset map (kept as arrays,
    see :func:`dangjian.edits.offset_map_to_npy`).

    Example:
        >>> result = clean_text("區(qū)委")
        >>> again = clean_result_from_dict(clean_result_to_dict(result), result.offset_map)
        >>> again.text, again.records == result.records, again.to_raw_span(0, 2)
        ('区委', True, (0, 6))
    """
    return {
        "raw_text": result.raw_text,
        "text": result.text,
        "records": [step_record_to_dict(record) for record in result.records],
        "metadata": dict(result.metadata),
    }


def clean_result_from_dict(data: dict[str, Any], offset_map: OffsetMap) -> CleanResult:
    """The :class:`CleanResult` of :func:`clean_result_to_dict` and its offset map.

    ``ValueError`` if the map does not have one entry per character of the clean text.
    """
    if len(offset_map) != len(data["text"]):
        raise ValueError(f"the offset map covers {len(offset_map)} characters, the clean text has {len(data['text'])}")
    records = [step_record_from_dict(record) for record in data["records"]]
    return CleanResult(data["raw_text"], data["text"], offset_map, records, dict(data["metadata"]))


def _example(text: str, edit: Edit, context: int = 6) -> str:
    before = text[max(0, edit.start - context) : edit.end + context].replace("\n", "⏎")
    after = (
        text[max(0, edit.start - context) : edit.start] + edit.replacement + text[edit.end : edit.end + context]
    ).replace("\n", "⏎")
    return f"{before} → {after}" if before != after else before


class _Tally:
    """What one stream of a step's edits does to ``text``, counted as the edits pass by.

    :meth:`changes` passes on the edits that change the text (not the marks), in order.
    """

    def __init__(self, step: str, text: str, keep_removed: bool, max_examples: int) -> None:
        self.step, self.text, self.keep_removed, self.max_examples = step, text, keep_removed, max_examples
        self.edits = self.chars_removed = self.chars_added = 0
        self.kinds: Counter[str] = Counter()
        self.examples: list[str] = []
        self.removed: list[str] = []
        self.short: dict[str, str] = {}

    def changes(self, edits: Iterable[Edit], ordered: bool = True) -> Iterator[Edit]:
        """The edits that change the text; with ``ordered``, ``ValueError`` if they come out of text order."""
        text = self.text
        last = (0, 0)
        for edit in edits:
            if ordered:
                if (edit.start, edit.end) < last:
                    raise ValueError(
                        f"{self.step}: edits out of text order ([{edit.start}, {edit.end}) after [{last[0]}, {last[1]})); "
                        "each stream of a step's edit_streams must yield its edits sorted by (start, end)"
                    )
                last = (edit.start, edit.end)
            self.edits += 1
            self.kinds[edit.kind] += 1
            if len(self.examples) < self.max_examples:
                self.examples.append(_example(text, edit))
            original = text[edit.start : edit.end]
            if edit.replacement != original:
                self.chars_removed += edit.end - edit.start
                self.chars_added += len(edit.replacement)
                if self.keep_removed:
                    removed = original.strip()
                    if len(removed) <= 16:  # a short piece (a pinyin reading) recurs: keep one copy
                        removed = self.short.setdefault(removed, removed)
                    self.removed.append(removed)
                yield edit


@dataclass(frozen=True)
class CleaningPipeline:
    """An ordered list of steps; the default suits this genre. Reorder or drop steps freely.

    Example:
        >>> pipeline = CleaningPipeline().without("convert_to_simplified")
        >>> pipeline("黨(dǎng)員").text
        '黨員'
    """

    steps: Sequence[Step] = DEFAULT_STEPS
    max_examples: int = 3

    def without(self, *names: str) -> CleaningPipeline:
        """The same pipeline minus the named steps."""
        unknown = set(names) - {s.name for s in self.steps}
        if unknown:
            raise ValueError(f"unknown cleaning steps {sorted(unknown)}; steps are {[s.name for s in self.steps]}")
        return CleaningPipeline(tuple(s for s in self.steps if s.name not in names), self.max_examples)

    @property
    def step_names(self) -> list[str]:
        return [s.name for s in self.steps]

    def __call__(self, raw_text: str) -> CleanResult:
        text = raw_text
        offsets = OffsetMap.identity(len(raw_text))
        records: list[StepRecord] = []
        metadata: dict[str, str] = {}
        for step in self.steps:
            if step.extract_metadata is not None:
                for key, value in step.extract_metadata(text).items():
                    metadata.setdefault(key, value)
            record, new_text, step_map = self._run(step, text)
            records.append(record)
            if step_map is not None:
                text, offsets = new_text, offsets.then(step_map)
            del new_text, step_map
        return CleanResult(raw_text, text, offsets, records, self._clean_values(metadata))

    def _run(self, step: Step, text: str) -> tuple[StepRecord, str, OffsetMap | None]:
        """One step on ``text``: its record, the new text and the map back (None if nothing changed).

        The edits are tallied and applied as they come from the step's streams, in text order.
        """
        if step.edit_streams is not None:
            streams = step.edit_streams(text)
        else:
            streams = [step.find_edits(text)]
        tallies = [_Tally(step.name, text, step.kind == "remove", self.max_examples) for _ in streams]
        ordered = step.edit_streams is not None
        changes = [tally.changes(stream, ordered) for tally, stream in zip(tallies, streams)]
        if not ordered:
            in_order: Iterable[Edit] = sorted(changes[0], key=_position)
        elif len(changes) == 1:
            in_order = changes[0]
        else:
            in_order = heapq.merge(*changes, key=_position)
        new_text, step_map = apply_sorted_edits(text, in_order)
        by_kind: dict[str, int] = {}
        for tally in tallies:
            for kind, count in tally.kinds.items():
                by_kind[kind] = by_kind.get(kind, 0) + count
        record = StepRecord(
            step=step.name,
            kind=step.kind,
            edits=sum(t.edits for t in tallies),
            chars_removed=sum(t.chars_removed for t in tallies),
            chars_added=sum(t.chars_added for t in tallies),
            examples=[example for t in tallies for example in t.examples][: self.max_examples],
            removed=[removed for t in tallies for removed in t.removed],
            by_kind=by_kind,
        )
        changed = any(t.chars_removed or t.chars_added for t in tallies)
        return record, new_text, step_map if changed else None

    def _clean_values(self, metadata: dict[str, str]) -> dict[str, str]:
        """Metadata found in raw lines gets the same text treatment as the body."""
        line_steps = tuple(s for s in self.steps if s.extract_metadata is None)
        if not metadata or len(line_steps) == len(self.steps):
            return metadata
        value_pipeline = CleaningPipeline(line_steps, self.max_examples)
        return {key: value_pipeline(value).text for key, value in metadata.items()}


def clean_text(raw_text: str, pipeline: CleaningPipeline | None = None) -> CleanResult:
    """Clean one document's raw text with the default (or a given) pipeline.

    Example:
        >>> clean_text("收繳賬外耕地11 722.79畝").text
        '收缴账外耕地11722.79亩'
    """
    return (pipeline or CleaningPipeline())(raw_text)
