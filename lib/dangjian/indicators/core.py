"""Core indicators and kinds of quantity: what makes two regions' numbers comparable.

A quantity is comparable across regions only when WHAT it measures (its core indicator) and HOW
(its kind) agree. The core indicators (``data/core_indicators.csv``: id, category, zh, en,
definition) are the categories of the party's own statistics and the recurring measures of
grassroots work; every entry of a taxonomy names the one core id it belongs to, or none. Kinds:

- ``amount``: how many or how much (a stock at a date, a total over the period, a per-unit average);
- ``share``: a part of a whole or a rate (占比, 覆盖率, 完成率, 四成);
- ``change``: a difference from an earlier time or a growth rate (净增, 同比增长, 提高0.5个百分点);
- ``target``: planned, required or expected, not achieved (力争, 计划, 确保, 预计).

Example:
    >>> core = core_indicators()
    >>> core["members_female"].zh, core["members_female"].category
    ('女党员', 'members')
    >>> len(core), KINDS
    (44, ('amount', 'share', 'change', 'target'))
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: The shipped list of core indicators (package data).
CORE_FILE = "data/core_indicators.csv"
#: Kinds of quantity, in the order tables show them.
KINDS = ("amount", "share", "change", "target")
_COLUMNS = ("id", "category", "zh", "en", "definition")


@dataclass(frozen=True)
class CoreIndicator:
    """One core indicator: id, category, Chinese and English names, and what it covers."""

    id: str
    category: str
    zh: str
    en: str
    definition: str


@cache
def core_indicators() -> dict[str, CoreIndicator]:
    """The core indicators by id, in file order.

    Example:
        >>> list(core_indicators())[:3]
        ['members_total', 'members_probationary', 'members_female']
    """
    text = resources.files("dangjian").joinpath(CORE_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or tuple(rows[0]) != _COLUMNS:
        raise ValueError(f"dangjian/{CORE_FILE}: expected the columns {', '.join(_COLUMNS)}")
    return {row["id"]: CoreIndicator(**{column: row[column] for column in _COLUMNS}) for row in rows}


def core_table() -> list[dict[str, str]]:
    """One row per core indicator (id, category, zh, en, definition), for display.

    Example:
        >>> core_table()[0]["en"]
        'Party members (total)'
    """
    return [vars(indicator).copy() for indicator in core_indicators().values()]
