"""Statistics laid out as a table: a bare number right after the label of what it counts.

Statistical bulletins and tables pasted as text give counts without a classifier:
``正式党员120，预备党员15``, ``党总支：2``, ``党员总数 1086  支部数 26``. Such a number is a quantity
when the label before it (a colon or spaces allowed in between) ends in a counted noun of the
genre (党员, 党组织, 党支部, 积极分子, 村, 社区 … optionally with 数/总数/人数) and a cell boundary
follows it (punctuation, a space, the end of the text); a colon or the bar of a table drawn with
``|`` may stand between them (``党员总数 | 1086 | 党支部数 | 26``). Its unit is empty (none is written); its
class is ``person`` for people and ``count`` for anything else. Codes, phone numbers and years
have no such label and stay excluded.

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
    if candidate.kind != "quantity" or candidate.measure or candidate.multiplier or candidate.chinese or candidate.prefix:
        return None
    if candidate.number_high or candidate.over_mark or candidate.suffix or not _INTEGER.fullmatch(candidate.number):
        return None
    if not _CELL_END.match(candidate.after(1)):
        return None
    label = _LABEL.search(candidate.before(14))
    if label is None:
        return None
    words = label.group().rstrip(" \u3000\u00a0:：|｜")
    unit_class = "person" if _PERSON_HEAD.search(words) else "count"
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
