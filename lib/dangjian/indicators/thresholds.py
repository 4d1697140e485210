"""Thresholds: numbers that define a group rather than measure something.

In ``21个村村财收入超过20万元``, ``将3个党员人数超过100名的党总支调整为党委``, ``发展35岁以下党员104名``
and ``有10名以上员工的非公企业`` the second number is the boundary of the group that the other
number counts. Such thresholds stay in the table (flagged) but are not levels of an indicator.

A quantity is a threshold when

- a comparison word stands before it (超过, 不足, 低于, 高于, 不少于 …) and either a count of
  things or persons precedes it in the same clause, or 的 + the group follows it
  (``超过100名的党总支``, but not ``不低于100元的标准``); or
- 以上/以下/以内 follows its unit and a noun or 的 follows that (``35岁以下党员``, ``30人以上的社会组织``);
- an age is followed by a noun or 的, or a band of ages by its count (``36至59岁69.8万名``).

Example:
    >>> from dangjian.indicators.extract import quantities
    >>> text = "全镇21个村村财收入超过20万元，占比91.3%；累计发展35岁以下党员104名"
    >>> [(q.surface, flag) for q, flag in zip(quantities(text), threshold_flags(text, quantities(text)))]
    [('21个', False), ('20万元', True), ('91.3%', False), ('35岁', True), ('104名', False)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from dangjian.indicators.results import Quantity

#: Comparison words that make a group boundary of the number after them.
COMPARISON_WORDS = ("超过", "超出", "多于", "高于", "不少于", "不低于", "不足", "不到", "少于", "低于", "不超过")
#: Suffixes that make a group boundary when a noun follows them.
BOUNDARY_SUFFIXES = ("以上", "以下", "以内", "及以上", "及以下")
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")
_NOUN_OR_DE = re.compile(r"^(?:的|[\u4e00-\u9fff])")
_NOUN_DE_OR_NUMBER = re.compile(r"^(?:的|[\u4e00-\u9fff0-9０-９])")
_COUNTED = ("count", "person")
#: ``超过100名的党总支`` defines a group; ``不低于100元的标准`` states a standard.
_DE_GROUP = re.compile(r"^的(?!标准|要求|水平|比例|目标|额度|幅度|规模)")
#: An age that a change leaves (由52.1岁下降到49.8岁) or reaches is a level, not a group's bound.
_CHANGE_AFTER = re.compile(r"(?:下降|降低|减少|提高|上升|增加|增长|提升|降|升)(?:了)?(?:到|至|为)?")


def threshold_flags(text: str, found: Sequence[Quantity]) -> list[bool]:
    """For each quantity of ``text`` (in order): is it a group threshold?

    Example:
        >>> from dangjian.indicators.extract import quantities
        >>> text = "将3个党员人数超过100名的党总支调整为党委"
        >>> threshold_flags(text, quantities(text))
        [False, True]
        >>> text = "31至35岁党员1150万名，60岁以上15人，平均年龄52岁。"
        >>> threshold_flags(text, quantities(text))
        [True, False, True, False, False]
        >>> text = "36至59岁69.8万名，占38.3%"
        >>> threshold_flags(text, quantities(text))
        [True, False, False]
        >>> text = "党员平均年龄由52.1岁下降到49.8岁"
        >>> threshold_flags(text, quantities(text))
        [False, False]
    """
    flags = []
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text)]  # where each clause starts, found once
    for index, quantity in enumerate(found):
        start, end = quantity.outer
        before = bisect.bisect_right(breaks, start)
        clause_start = breaks[before - 1] if before else 0
        following = text[end : end + 1]
        if quantity.qualifier in COMPARISON_WORDS:
            counted_before = any(
                other.unit_class in _COUNTED and clause_start <= other.start and other.end <= start
                for other in found[:index]
            )
            flags.append(counted_before or bool(_DE_GROUP.match(text[end:])))
        elif quantity.qualifier in BOUNDARY_SUFFIXES:
            flags.append(bool(_NOUN_DE_OR_NUMBER.match(following)))
        elif quantity.unit_class == "age_years":
            # 36至59岁69.8万名: a band of ages with its count right after it defines the group too
            pattern = _NOUN_DE_OR_NUMBER if quantity.approx == "range" else _NOUN_OR_DE
            flags.append(bool(pattern.match(following)) and not _CHANGE_AFTER.match(text, end))
        else:
            flags.append(quantity.approx == "range" and following == "的")
    return flags
