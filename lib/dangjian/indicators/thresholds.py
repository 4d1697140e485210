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
#: A level named after 以上 (占比达到90%以上基础上, 保持在95%以上水平): a level held, not a group's bound.
_LEVEL_AFTER = re.compile(r"(?:的)?(?:基础|水平)")
#: An age that a change leaves (由52.1岁下降到49.8岁) or reaches is a level, not a group's bound.
_CHANGE_AFTER = re.compile(r"(?:下降|降低|减少|提高|上升|增加|增长|提升|降|升)(?:了)?(?:到|至|为)?")


#: Classifiers that count the noun after them (3个村, 200名干部), and the nouns counted by people's.
_OWN_CLASSIFIERS = {"count": ("个", "家", "所", "座", "处", "支", "名", "位"), "person": ("名", "人", "位")}
_PERSON_NOUN = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(?:党员|干部|书记|人才|人员|员工|职工|志愿者|群众|农民|学生|教师|代表|骨干|能人|青年|妇女|委员|"
    r"积极分子|发展对象|指导员|网格员|工作者|第一书记|专家|退役军人)"
    # 党员活动室, 书记工作室, 人才驿站, 代表联络站: a place named after people, not people
    r"(?![\u4e00-\u9fff]{0,3}?(?:室|站|所|岗|中心|之家|基地|驿站|阵地|示范点|点位))"
)
#: Having so many of something (有10名以上员工): the condition of a group, whatever the noun.
_HAVING = re.compile(r"(?:有|从业|在岗)$")
#: The phrase after 以上: up to the end of its clause or list item; a 的 in it names the head noun.
_PHRASE_END = re.compile(r"[，。；：、,;:!?！？\n]|和|及|与|并|到|在")


def counts_its_noun(text: str, quantity: Quantity) -> bool:
    """Does a count with 以上 count the noun it stands before (``打造10个以上示范点``, ``选派200名以上
    优秀干部``, ``培育8个以上集体经济年收入超过100万元的村``: at least so many of them), rather than bound a
    group of something else (``10名以上员工的非公企业``, ``30人以上的社会组织``, ``100户以上的村``)? It
    does when its classifier counts that noun: people for 名 and 人, anything but people for 个 and 家.
    The noun is the head after a 的 of the phrase, or else the phrase's first word.

    Example:
        >>> from dangjian.indicators.extract import quantities
        >>> [counts_its_noun(t, quantities(t)[0]) for t in ("打造10个以上示范点", "选派200名以上优秀干部到村任职", "培育8个以上年收入超过100万元的村")]
        [True, True, True]
        >>> [counts_its_noun(t, quantities(t)[0]) for t in ("有10名以上员工的非公企业", "30人以上的社会组织", "100户以上的村", "35岁以下党员")]
        [False, False, False, False]
        >>> [counts_its_noun(t, quantities(t)[0]) for t in ("建成20个以上党员活动室", "建设10个以上人才驿站")]
        [True, True]
        >>> text = "以有10名以上员工、有生产经营活动的非公企业为重点"
        >>> counts_its_noun(text, quantities(text)[0])
        False
    """
    if quantity.qualifier not in ("以上", "及以上") or quantity.unit not in _OWN_CLASSIFIERS.get(quantity.unit_class, ()):
        return False
    if _HAVING.search(text, 0, quantity.outer[0]):
        return False  # “有10名以上员工、有生产经营活动”的非公企业: a condition that units meet
    end = quantity.outer[1]
    stop = _PHRASE_END.search(text, end, end + 24)
    phrase = text[end : stop.start() if stop else end + 24]
    head = phrase[phrase.rindex("的") + 1 :] if "的" in phrase else phrase
    if not head:
        return False
    return bool(_PERSON_NOUN.match(head)) == (quantity.unit_class == "person")


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
        >>> text = "在确保集体收入5万元以上村占比达到90%以上基础上"
        >>> threshold_flags(text, quantities(text))
        [True, False]
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
            flags.append(bool(_NOUN_DE_OR_NUMBER.match(following)) and not counts_its_noun(text, quantity) and not _LEVEL_AFTER.match(text, end))
        elif quantity.unit_class == "age_years":
            # 36至59岁69.8万名: a band of ages with its count right after it defines the group too
            pattern = _NOUN_DE_OR_NUMBER if quantity.approx == "range" else _NOUN_OR_DE
            flags.append(bool(pattern.match(following)) and not _CHANGE_AFTER.match(text, end))
        else:
            flags.append(quantity.approx == "range" and following == "的")
    return flags
