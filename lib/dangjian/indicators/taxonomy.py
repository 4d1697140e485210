"""Canonical indicators: a YAML taxonomy mapping mentions to indicators comparable across regions.

Each indicator has an id, a Chinese and an English label, a category, the unit classes it
accepts and matching rules: regular expressions searched in the mention's subject
(``match_subject``) or in its clause (``match_context``), and vetoes (``unless_subject``,
``unless_context``). The first indicator of the file that matches wins, so specific indicators
go before general ones. A researcher adds an indicator by adding an entry to a copy of the file
and passing its path (the ``taxonomy`` parameter of the notebook, ``--taxonomy`` on the command line).

Example:
    >>> taxonomy = load_taxonomy()
    >>> sentence = "摸排确定村党组织书记后备力量人选3302名，平均年龄33.3岁。"
    >>> taxonomy.match("摸排确定村党组织书记后备力量人选", sentence[:-10], sentence, "person").id
    'reserve_cadres'
    >>> taxonomy.match("后备力量", "", "", "money_cny") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dangjian.indicators.units import UNIT_CLASSES

#: The shipped taxonomy (package data).
SHIPPED_TAXONOMY = "data/taxonomy.yaml"
_RULE_KEYS = ("match_subject", "match_context", "require_sentence", "unless_subject", "unless_context")
_KNOWN_KEYS = {"id", "zh", "en", "category", "unit_classes", "description", *_RULE_KEYS}


class TaxonomyError(ValueError):
    """A problem in a taxonomy file; the message names the file, the indicator and the problem."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


@dataclass(frozen=True)
class Indicator:
    """One canonical indicator with its matching rules (compiled)."""

    id: str
    zh: str
    en: str
    category: str
    unit_classes: tuple[str, ...]
    match_subject: tuple[re.Pattern[str], ...] = ()
    match_context: tuple[re.Pattern[str], ...] = ()
    require_sentence: tuple[re.Pattern[str], ...] = ()
    unless_subject: tuple[re.Pattern[str], ...] = ()
    unless_context: tuple[re.Pattern[str], ...] = ()
    description: str = ""

    def matches(self, subject: str, clause: str, sentence: str, unit_class: str) -> bool:
        """True when the unit class is accepted, a rule matches, the sentence requirement (if
        any) is met and no veto applies.

        Example:
            >>> grids = Indicator("grids", "网格", "Grids", "governance", ("count",), (re.compile("网格"),))
            >>> grids.matches("优化调整网格", "", "", "count"), grids.matches("优化调整网格", "", "", "percent")
            (True, False)
        """
        if unit_class not in self.unit_classes:
            return False
        if not (any(p.search(subject) for p in self.match_subject) or any(p.search(clause) for p in self.match_context)):
            return False
        if self.require_sentence and not any(p.search(sentence) for p in self.require_sentence):
            return False
        if any(p.search(subject) for p in self.unless_subject) or any(p.search(clause) for p in self.unless_context):
            return False
        return True


@dataclass(frozen=True)
class Taxonomy:
    """Categories and indicators, in file order."""

    categories: dict[str, dict[str, str]]
    indicators: tuple[Indicator, ...]
    source: str = field(default=SHIPPED_TAXONOMY)

    def match(self, subject: str, clause: str, sentence: str, unit_class: str) -> Indicator | None:
        """The first indicator matching a mention (its subject, clause, sentence and unit class), or None.

        Example:
            >>> load_taxonomy().match("优化调整网格", "优化调整网格2797个", "", "count").zh
            '网格（含网格党组织）'
        """
        for indicator in self.indicators:
            if indicator.matches(subject, clause, sentence, unit_class):
                return indicator
        return None

    def __getitem__(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def table(self) -> list[dict[str, str]]:
        """One row per indicator: id, labels, category (with its labels) and unit classes.

        Example:
            >>> load_taxonomy().table()[0]["indicator"]
            'reserve_cadres'
        """
        return [
            {
                "indicator": i.id,
                "indicator_zh": i.zh,
                "indicator_en": i.en,
                "category": i.category,
                "category_zh": self.categories[i.category].get("zh", ""),
                "category_en": self.categories[i.category].get("en", ""),
                "unit_classes": ", ".join(i.unit_classes),
            }
            for i in self.indicators
        ]


def _patterns(entry: dict[str, Any], key: str, where: str) -> tuple[re.Pattern[str], ...]:
    value = entry.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise TaxonomyError(where, f"{key} must be a list of regular expressions")
    compiled = []
    for pattern in value:
        try:
            compiled.append(re.compile(pattern))
        except re.error as error:
            raise TaxonomyError(where, f"{key}: bad regular expression {pattern!r} ({error})") from None
    return tuple(compiled)


def _indicator(entry: Any, position: int, categories: dict[str, Any], source: str) -> Indicator:
    if not isinstance(entry, dict):
        raise TaxonomyError(source, f"indicator #{position + 1} must be a mapping with id, zh, en, category, unit_classes")
    where = f"{source}: indicator {entry.get('id', f'#{position + 1}')!s}"
    for key in ("id", "zh", "en", "category", "unit_classes"):
        if not entry.get(key):
            raise TaxonomyError(where, f"missing {key!r}")
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise TaxonomyError(where, f"unknown keys {sorted(unknown)}; known keys are {sorted(_KNOWN_KEYS)}")
    if entry["category"] not in categories:
        raise TaxonomyError(where, f"category {entry['category']!r} is not one of {sorted(categories)}")
    unit_classes = entry["unit_classes"]
    if isinstance(unit_classes, str):
        unit_classes = [unit_classes]
    bad = [u for u in unit_classes if u not in UNIT_CLASSES]
    if bad:
        raise TaxonomyError(where, f"unknown unit classes {bad}; use {list(UNIT_CLASSES)}")
    rules = {key: _patterns(entry, key, where) for key in _RULE_KEYS}
    if not rules["match_subject"] and not rules["match_context"]:
        raise TaxonomyError(where, "needs match_subject or match_context patterns")
    return Indicator(
        id=str(entry["id"]),
        zh=str(entry["zh"]),
        en=str(entry["en"]),
        category=str(entry["category"]),
        unit_classes=tuple(unit_classes),
        description=str(entry.get("description", "")),
        **rules,
    )


def parse_taxonomy(text: str, source: str = "<taxonomy>") -> Taxonomy:
    """Build a :class:`Taxonomy` from YAML text; raise :class:`TaxonomyError` naming the problem.

    Example:
        >>> t = parse_taxonomy('''
        ... categories: {governance: {zh: 基层治理, en: Governance}}
        ... indicators:
        ...   - {id: grids, zh: 网格, en: Grids, category: governance, unit_classes: [count], match_subject: [网格]}
        ... ''')
        >>> t.match("优化调整网格", "", "", "count").en
        'Grids'
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise TaxonomyError(source, f"not valid YAML ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict) or not isinstance(data.get("indicators"), list):
        raise TaxonomyError(source, "expected a mapping with 'categories' (mapping) and 'indicators' (list)")
    categories = {str(k): dict(v or {}) for k, v in data["categories"].items()}
    indicators = tuple(_indicator(entry, i, categories, source) for i, entry in enumerate(data["indicators"]))
    ids = [i.id for i in indicators]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TaxonomyError(source, f"duplicate indicator ids {duplicates}")
    return Taxonomy(categories, indicators, source)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load a taxonomy file, or the shipped one when ``path`` is None or empty.

    Example:
        >>> len(load_taxonomy().indicators) >= 18
        True
    """
    if not path:
        text = resources.files("dangjian").joinpath(SHIPPED_TAXONOMY).read_text(encoding="utf-8")
        return parse_taxonomy(text, f"dangjian/{SHIPPED_TAXONOMY}")
    path = Path(path)
    if not path.is_file():
        raise TaxonomyError(str(path), "taxonomy file not found")
    return parse_taxonomy(path.read_text(encoding="utf-8"), str(path))
