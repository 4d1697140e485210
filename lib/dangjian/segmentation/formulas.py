"""Numbered political formulas (提法) of the genre: 三会一课, 一村一策, 四个意识, 两个维护, 八项规定, 三张清单 …

One recogniser with several kinds of formula, because its two uses need a different reach:

- ``alternating``: numeral + character, repeated (一村一策, 三会一课, 两学一做, 一岗双责, 一村一社一支一企);
- ``classified``: a numeral, a formula classifier and a two-character head (六大攻坚, 三张清单, 五单闭环,
  四下基层); with 个/项/星, which also count ordinary things, only when the head ends the phrase
  (四个意识、, 两个维护”, but not 两个村党组织), and never with an ordinary head (五个方面);
- ``listed``: N个/项/张/条 + a head from :data:`LISTED_HEADS`, whatever follows (四个意识, 八项规定精神);
- ``numeral_tail``: a numeral and its classifier followed by another numeral (四个一, 五个一批), see
  :func:`numeral_tail`;
- ``quoted``: a quotation made of a numeral and a few characters (“四抓”, “五统一”, “十个一”), see
  :func:`quoted_formula`.

The first two find formulas that no list knows: slogan counts use them (with ``quoted``). The
listed heads and ``numeral_tail`` are narrower and safe next to counts: a number inside them is
not an indicator. :func:`find_formulas` scans a text for the kinds asked.

Example:
    >>> text = "落实三会一课，增强四个意识，落实中央八项规定精神，推行“四抓”"
    >>> [(f.phrase, f.kind) for f in find_formulas(text)]
    [('三会一课', 'alternating'), ('四个意识', 'classified'), ('四个意识', 'listed'), ('八项规定', 'listed')]
    >>> quoted_formula(text, 28, 30).phrase
    '四抓'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ALTERNATING = "alternating"
CLASSIFIED = "classified"
LISTED = "listed"
NUMERAL_TAIL = "numeral_tail"
QUOTED = "quoted"
#: The kinds :func:`find_formulas` scans for, in the order it reports formulas of the same span.
SCANNED_KINDS = (ALTERNATING, CLASSIFIED, LISTED)

# --- formulas found by pattern (alternating, classified, quoted) ----------------------------------

#: Numerals that open a formula (一村一策, 双百, 千村万户).
NUMERALS = "一二两三四五六七八九十百千万双"
_NUMERAL = f"[{NUMERALS}]"
_NOT_AFTER_NUMBER = rf"(?<![{NUMERALS}零〇\d])"
#: Characters that make "numeral + character" a date, ordinal or measure rather than a formula part.
COUNTERS = "年月日号届次倍岁元角分秒中"
_PART = rf"[^\W\d_{NUMERALS}{COUNTERS}零〇]"
_HEAD = rf"[^\W\d_{NUMERALS}零〇]"
_ALTERNATING = re.compile(rf"{_NOT_AFTER_NUMBER}(?:(?:{_NUMERAL}{_PART}){{2,5}}|(?:{_NUMERAL}{_PART}{{2}}){{2,3}})")
#: Classifiers of formulas: 六大攻坚, 三张清单, 五单闭环, 四化建设, 四抓, 四下基层, 三联, 五好, 三强.
CLASSIFIERS = "大张单化抓下联好强"
#: Classifiers that also count ordinary things (两个村党组织, 七个有贫困村): the head must end the
#: phrase (no Chinese character follows), as in 四个意识、 or 两个维护”.
COUNTING_CLASSIFIERS = "个项星"
_CLASSIFIED = re.compile(
    rf"{_NOT_AFTER_NUMBER}[两三四五六七八九十百千]"
    rf"(?:[{CLASSIFIERS}]{_HEAD}{{2}}(?![{NUMERALS}])|[{COUNTING_CLASSIFIERS}]{_HEAD}{{2}}(?![\u3400-\u9fff]))"
)
#: Heads that make a numeral phrase an ordinary count (五个方面) rather than a formula.
ORDINARY_HEADS = frozenset({"方面", "部分", "以上", "以下", "左右", "多月", "小时", "之一"})
#: A numeral and up to seven more characters, the whole of a quotation (“四抓”, “五统一”, “十个一”).
_NUMBERED_PHRASE = re.compile(rf"{_NUMERAL}[\u3400-\u9fff{NUMERALS}]{{1,7}}")
_OPENING_QUOTES = "“「『"
_CLOSING_QUOTES = "”」』"

# --- formulas from a list of heads (listed, numeral_tail) ------------------------------------------

#: Heads of well-known formulas after N个/项/张/条: 四个意识, 两个维护, 八项规定, 三张清单. Heads that
#: also open the noun of a count (示范村, 带头人, 工程项目) are not listed.
LISTED_HEADS = (
    "意识", "自信", "维护", "确立", "覆盖", "务必", "一百年", "全面", "伟大", "服从", "合格", "代表",
    "基本原则", "规定", "大局", "统一", "必由之路", "坚持", "明确", "区分开来", "先锋队", "一批",
    "结合", "根本", "没有变", "转变", "对标", "优先", "清单", "过硬", "作风",
    "不准", "禁止", "严禁", "纪律", "一体化", "同步", "到位", "机制", "体系", "抓手",
    "全覆盖", "率先",
)
_LISTED = re.compile(rf"[两二三四五六七八九十]+[个项张条](?:{'|'.join(LISTED_HEADS)})")
#: Numerals that, right after a numeral and its classifier, make a numbered slogan (四个一, 五个一批).
TAIL_NUMERALS = "一二两兩三四五六七八九十"

_PATTERNS = {ALTERNATING: _ALTERNATING, CLASSIFIED: _CLASSIFIED, LISTED: _LISTED}


@dataclass(frozen=True)
class Formula:
    """A numbered formula of a text: its span, ``kind`` and whether quotation marks enclose it exactly."""

    start: int
    end: int
    kind: str
    phrase: str
    quoted: bool = False


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether an opening quotation mark is right before ``text[start:end]`` and a closing one right after.

    Example:
        >>> _quoted("落实“三会一课”", 3, 7), _quoted("三会一课", 0, 4)
        (True, False)
    """
    return 0 < start and end < len(text) and text[start - 1] in _OPENING_QUOTES and text[end] in _CLOSING_QUOTES


def find_formulas(text: str, kinds: Iterable[str] = SCANNED_KINDS) -> list[Formula]:
    """The numbered formulas of ``text`` of the given ``kinds`` (among :data:`SCANNED_KINDS`), ordered by
    span then kind. Each kind is scanned on its own, so two kinds may report the same span, and
    spans may overlap.

    Example:
        >>> [(f.phrase, f.kind, f.quoted) for f in find_formulas("做到“两个维护”，落实两个村党组织整顿，围绕五个方面")]
        [('两个维护', 'classified', True), ('两个维护', 'listed', True)]
        >>> [f.phrase for f in find_formulas("增强四个意识和党性，六大攻坚", kinds=[CLASSIFIED])]
        ['六大攻坚']
    """
    kinds = tuple(kinds)
    unknown = [kind for kind in kinds if kind not in _PATTERNS]
    if unknown:
        raise ValueError(f"kinds must be among {SCANNED_KINDS}, got {unknown}")
    found = []
    for kind in SCANNED_KINDS:
        if kind not in kinds:
            continue
        for match in _PATTERNS[kind].finditer(text):
            phrase = match.group()
            if kind == CLASSIFIED and phrase[-2:] in ORDINARY_HEADS:
                continue
            start, end = match.span()
            found.append(Formula(start, end, kind, phrase, _quoted(text, start, end)))
    order = {kind: i for i, kind in enumerate(SCANNED_KINDS)}
    return sorted(found, key=lambda f: (f.start, f.end, order[f.kind]))


def formula_spans(text: str, kinds: Iterable[str] = SCANNED_KINDS) -> tuple[tuple[int, int], ...]:
    """The distinct spans of :func:`find_formulas`, in order.

    Example:
        >>> formula_spans("增强四个意识，落实中央八项规定")
        ((2, 6), (11, 15))
    """
    return tuple(dict.fromkeys((f.start, f.end) for f in find_formulas(text, kinds)))


def quoted_formula(text: str, start: int, end: int) -> Formula | None:
    """The numbered formula that ``text[start:end]``, the content of a quotation, is as a whole — a
    numeral and one to seven more characters (“四抓”, “五统一”, “十个一”) — or None.

    Example:
        >>> quoted_formula("开展“四抓”和“达标创星”", 3, 5)
        Formula(start=3, end=5, kind='quoted', phrase='四抓', quoted=True)
        >>> quoted_formula("开展“四抓”和“达标创星”", 8, 12) is None
        True
    """
    phrase = text[start:end]
    if _NUMBERED_PHRASE.fullmatch(phrase) is None:
        return None
    return Formula(start, end, QUOTED, phrase, True)


def numeral_tail(text: str, start: int, end: int) -> Formula | None:
    """The numbered slogan that a numeral and its classifier, ``text[start:end]``, open when another
    numeral follows (四个一, 五个一批, 两个一百年): the span runs to that numeral. None otherwise.

    Example:
        >>> numeral_tail("落实四个一要求", 2, 4)
        Formula(start=2, end=5, kind='numeral_tail', phrase='四个一', quoted=False)
        >>> numeral_tail("整顿五个村", 2, 4) is None
        True
    """
    if end < len(text) and text[end] in TAIL_NUMERALS:
        return Formula(start, end + 1, NUMERAL_TAIL, text[start : end + 1])
    return None
