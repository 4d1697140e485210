"""Statistics laid out as a table: a bare number right after the label of what it counts.

Statistical bulletins and tables pasted as text give counts without a classifier:
``正式党员120，预备党员15``, ``党总支：2``, ``党员总数 1086  支部数 26``. Such a number is a quantity
when the label before it (a colon or spaces allowed in between) ends in a counted noun of the
genre (党员, 党组织, 党支部, 积极分子, 村, 社区 … optionally with 数/总数/人数) and a cell boundary
follows it (punctuation, a space, the end of the text); a colon or the bar of a table drawn with
``|`` may stand between them (``党员总数 | 1086 | 党支部数 | 26``). Its unit is empty (none is written); its
class is ``person`` for people and ``count`` for anything else. Codes, phone numbers and years
have no such label and stay excluded.

A table drawn with ``|`` also gives bare numbers whose label is no counted noun
(``| 男性 | 689 | 女性 | 165 |``), and a table laid out one cell a line gives numbers that stand
alone on their line (``经济与政法学院`` / ``|`` / ``25`` / ``|`` / ``1``; cleaning keeps such a number
only between the bars of its table): :func:`table_cell` reads both, with class ``other``, since
nothing says what is counted. A four-digit number from 1900 to 2099 may be a year and is left out.

Example:
    >>> from dangjian.indicators.grammar import find_candidates
    >>> text = "正式党员120，预备党员15；党总支：2；邮编：100000"
    >>> [(q.surface, q.unit_class) for q in map(statistics_cell, find_candidates(text)) if q]
    [('120', 'person'), ('15', 'person'), ('2', 'count')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from dangjian.indicators.grammar import Candidate
from dangjian.indicators.results import Quantity

#: Counted nouns of people that may head the label of a cell.
PERSON_LABELS = (
    "党员", "积极分子", "发展对象", "申请人", "网格员", "志愿者", "书记", "干部", "工作者", "指导员", "人员", "人才", "委员",
)
#: Counted nouns of organisations, places and units that may head the label of a cell.
COUNT_LABELS = (
    "党组织", "党委", "党总支", "党支部", "支部", "党小组", "党工委", "党组", "村", "社区", "网格", "企业", "社会组织",
    "单位", "乡镇", "街道", "户", "阵地", "中心", "站点",
)
#: What may follow the noun in a label: 党员总数, 支部数, 党员人数.
LABEL_SUFFIXES = ("总数", "总量", "数量", "人数", "个数", "数")
_LABEL = re.compile(
    rf"(?:{'|'.join(sorted(PERSON_LABELS + COUNT_LABELS, key=len, reverse=True))})"
    rf"(?:{'|'.join(LABEL_SUFFIXES)})?[ \u3000\u00a0]*[:：|｜]?[ \u3000\u00a0]*$"
)
_CELL_END = re.compile(r"^(?:$|[\s\u3000，,；;、。|｜/）)】])")
_INTEGER = re.compile(r"[1-9][0-9]{0,6}")
_PERSON_HEAD = re.compile(rf"(?:{'|'.join(sorted(PERSON_LABELS, key=len, reverse=True))})(?:{'|'.join(LABEL_SUFFIXES)})?$")


def statistics_cell(candidate: Candidate) -> Quantity | None:
    """The quantity of a bare integer after a counting label (see the module docstring), or None.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> [statistics_cell(c) for c in find_candidates("电话：12345678，2024")]
        [None, None]
        >>> [(q.surface, q.unit_class) for q in map(statistics_cell, find_candidates("| 党员总数 | 1086 | 党支部数 | 26 |"))]
        [('1086', 'person'), ('26', 'count')]
    """
    if not _bare_integer(candidate, _INTEGER) or not _CELL_END.match(candidate.after(1)):
        return None
    label = _LABEL.search(candidate.before(14))
    if label is None:
        return None
    words = label.group().rstrip(" \u3000\u00a0:：|｜")
    return _cell_quantity(candidate, "person" if _PERSON_HEAD.search(words) else "count")


def is_bare_cell(quantity: Quantity) -> bool:
    """Is ``quantity`` a cell of a table that says nothing of what it counts (a whole number without
    unit or multiplier, class ``other``: ``| 女性 | 165 |``)? Under a total it counts parts of that total.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> [is_bare_cell(q) for q in map(table_cell, find_candidates("| 女性 | 165 | 男性 | 689 |")) if q]
        [True, True]
        >>> from dangjian.indicators.grammar import CANDIDATE, read_candidate
        >>> [is_bare_cell(read_candidate(m)) for m in CANDIDATE.finditer("产值3亿，占比19.3%")]
        [False, False]
    """
    return quantity.unit_class == "other" and not quantity.unit and quantity.multiplier == 1


def _bare_integer(candidate: Candidate, integer: re.Pattern[str]) -> bool:
    """Is ``candidate`` a bare number (no unit, measure, multiplier, prefix, suffix or range) that
    ``integer`` matches whole?"""
    if candidate.kind != "quantity" or candidate.measure or candidate.multiplier or candidate.chinese or candidate.prefix:
        return False
    return not (candidate.number_high or candidate.over_mark or candidate.suffix) and integer.fullmatch(candidate.number) is not None


def _cell_quantity(candidate: Candidate, unit_class: str) -> Quantity:
    """The quantity of a bare integer read as a cell, of ``unit_class``, without a unit."""
    return Quantity(
        start=candidate.start,
        end=candidate.end,
        surface=candidate.surface,
        value=Decimal(candidate.number),
        multiplier=1,
        unit="",
        unit_class=unit_class,
        outer_start=candidate.match_start,
        outer_end=candidate.match_end,
    )


_BAR_BEFORE = re.compile(r"[|｜][ \u3000\u00a0]*$")
_BAR_AFTER = re.compile(r"^[ \u3000\u00a0]*[|｜]")
_CELL_INTEGER = re.compile(r"0|[1-9][0-9]{0,6}")
#: A cell alone on its line: the number, then at most a note in brackets (5（孔明学院）).
_LONE_CELL = re.compile(r"^[ \u3000\u00a0]*$")
_LONE_CELL_AFTER = re.compile(r"^(?:[（(][^）)]{1,20}[）)])?[ \u3000\u00a0]*$")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def table_cell(candidate: Candidate) -> Quantity | None:
    """The quantity of a bare integer in a cell of a table (see the module docstring), or None.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> [(q.surface, q.unit_class) for q in map(table_cell, find_candidates("| 男性 | 689 | 女性 | 0 |")) if q]
        [('689', 'other'), ('0', 'other')]
        >>> [(q.surface, q.unit_class) for q in map(table_cell, find_candidates("25")) if q]
        [('25', 'other')]
        >>> [table_cell(c) for c in find_candidates("| 年份 | 2015 |")] + [table_cell(c) for c in find_candidates("共25，")]
        [None, None]
    """
    if not _bare_integer(candidate, _CELL_INTEGER) or _YEAR.fullmatch(candidate.number):
        return None
    before, after = candidate.text[: candidate.match_start], candidate.text[candidate.match_end :]
    inline = _BAR_BEFORE.search(before) is not None and _BAR_AFTER.match(after) is not None
    alone = _LONE_CELL.match(before) is not None and _LONE_CELL_AFTER.match(after) is not None
    return _cell_quantity(candidate, "other") if inline or alone else None
