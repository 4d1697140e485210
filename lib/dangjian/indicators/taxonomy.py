"""Canonical indicators: a YAML taxonomy mapping mentions to indicators comparable across regions.

Each indicator has an id, the core indicator it belongs to (``core``: an id of
``data/core_indicators.csv``, or empty for none), a Chinese and an English label, a category, the
unit classes it accepts and matching rules: regular expressions searched in the mention's subject
(``match_subject``) or in its clause (``match_context``), requirements and vetoes
(``require_sentence``, ``require_topic``: the sentence or what the document is about, ``unless_subject``,
``unless_context``, ``unless_sentence``). The first
indicator of the file that matches wins, so specific indicators go before general ones.

Each mapping carries a confidence: the indicator's ``confidence`` (how often its rules are
right, default 0.9), lowered when only the clause matched (not the subject) and when an
indicator of another category matches its subject too (within a category the file order, specific
before general, decides). Below the taxonomy's ``min_confidence`` the mention
is left unmapped: an unsure mapping is worse than none. A researcher adds or changes an
indicator by editing a copy of the file and passing its path (the ``taxonomy`` parameter of the
notebook, ``--taxonomy`` on the command line).

Example:
    >>> taxonomy = load_taxonomy()
    >>> sentence = "摸排确定村党组织书记后备力量人选3302名，平均年龄33.3岁。"
    >>> taxonomy.match("摸排确定村党组织书记后备力量人选", sentence[:-10], sentence, "person").core
    'reserve_cadres'
    >>> taxonomy.match("后备力量", "", "", "money_cny") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dangjian.indicators.core import core_indicators
from dangjian.indicators.units import UNIT_CLASSES
from dangjian.project.params import load_yaml_text

#: The shipped taxonomy (package data).
SHIPPED_TAXONOMY = "data/taxonomy.yaml"
_RULE_KEYS = ("match_subject", "match_context", "require_sentence", "unless_subject", "unless_context", "unless_sentence", "require_topic")
_KNOWN_KEYS = {"id", "core", "zh", "en", "category", "unit_classes", "description", "confidence", *_RULE_KEYS}
_TOP_KEYS = ("categories", "indicators", "min_confidence")
#: Confidence of an indicator whose entry does not give one.
DEFAULT_CONFIDENCE = 0.9
#: Mappings below this confidence are left unmapped (the taxonomy file may set its own).
DEFAULT_MIN_CONFIDENCE = 0.6
#: Factor applied when only the clause matched, not the subject.
CONTEXT_ONLY = 0.8
#: Factor applied when an indicator of another category matches the mention's subject too.
CONTESTED = 0.7


class TaxonomyError(ValueError):
    """A problem in a taxonomy file; the message names the file, the indicator and the problem."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __reduce__(self):  # raised in a worker process, it reaches the caller whole
        return (type(self), (self.source, self.problem))


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
    unless_sentence: tuple[re.Pattern[str], ...] = ()
    require_topic: tuple[re.Pattern[str], ...] = ()
    description: str = ""
    core: str = ""  # the core indicator it belongs to ("" for none)
    confidence: float = DEFAULT_CONFIDENCE

    def evidence(self, subject: str, clause: str, sentence: str, unit_class: str, kind: str = "", topic: str = "") -> str:
        """``"subject"`` or ``"context"`` (where a rule matched), or ``""`` when the indicator does
        not apply: the unit class is not accepted, no rule matches, the sentence requirement is
        not met or a veto applies.

        Example:
            >>> grids = Indicator("grids", "网格", "Grids", "governance", ("count",), (re.compile("网格"),))
            >>> grids.evidence("优化调整网格", "", "", "count"), grids.evidence("优化调整网格", "", "", "percent")
            ('subject', '')
        """
        if not self.accepts(unit_class, kind):
            return ""
        return _evidence(self._rules, subject, clause, sentence, topic)

    @cached_property
    def _rules(self) -> tuple[re.Pattern[str] | None, ...]:
        """Each rule's patterns joined into one expression (one search per rule), None when empty,
        in the order of ``_RULE_KEYS``."""
        return tuple(_joined(getattr(self, key)) for key in _RULE_KEYS)

    def accepts(self, unit_class: str, kind: str = "") -> bool:
        """Is a mention of this unit class (and kind) admitted? A change measures the same
        indicator as the level it changes: ``percentage_points`` (a change of a rate) are admitted
        by an indicator of rates, and a growth rate or its change (a percent or percentage points
        of kind ``change``) by an indicator of counts or sums. A fraction (``三分之一``, ``四分之一``:
        class other, kind ``share``) is a rate written out, admitted by an indicator of rates.

        Example:
            >>> members = Indicator("x", "甲", "X", "members", ("person",), (re.compile("x"),))
            >>> members.accepts("percent"), members.accepts("percent", "change"), members.accepts("percentage_points", "change")
            (False, True, True)
            >>> young = Indicator("y", "乙", "Y", "members", ("person", "percent"), (re.compile("y"),))
            >>> young.accepts("other", "share"), young.accepts("other"), members.accepts("other", "share")
            (True, False, False)
        """
        if unit_class in self.unit_classes:
            return True
        if unit_class == "percentage_points" and "percent" in self.unit_classes:
            return True
        if unit_class == "other" and kind == "share" and "percent" in self.unit_classes:
            return True
        return unit_class in ("percent", "percentage_points") and kind == "change"

    def matches(self, subject: str, clause: str, sentence: str, unit_class: str, kind: str = "", topic: str = "") -> bool:
        """True when the indicator applies to the mention (see :meth:`evidence`).

        Example:
            >>> grids = Indicator("grids", "网格", "Grids", "governance", ("count",), (re.compile("网格"),))
            >>> grids.matches("优化调整网格", "", "", "count"), grids.matches("优化调整网格", "", "", "percent")
            (True, False)
        """
        return bool(self.evidence(subject, clause, sentence, unit_class, kind, topic))


@dataclass(frozen=True)
class Mapping:
    """The indicator assigned to a mention (None when unmapped) and how sure the mapping is.

    ``candidate`` is the indicator the rules found even when its confidence was too low to map
    (then ``indicator`` is None); ``confidence`` is that candidate's confidence (0 without one).
    """

    indicator: Indicator | None
    confidence: float
    candidate: Indicator | None = None

    @property
    def core(self) -> str:
        return self.indicator.core if self.indicator else ""


@dataclass(frozen=True)
class Taxonomy:
    """Categories and indicators, in file order."""

    categories: dict[str, dict[str, str]]
    indicators: tuple[Indicator, ...]
    source: str = field(default=SHIPPED_TAXONOMY)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    def match(self, subject: str, clause: str, sentence: str, unit_class: str, kind: str = "", topic: str = "") -> Indicator | None:
        """The first indicator matching a mention (its subject, clause, sentence, unit class and
        kind), or None, whatever its confidence (see :meth:`assign`).

        Example:
            >>> load_taxonomy().match("优化调整网格", "优化调整网格2797个", "", "count").core
            'grids'
        """
        for indicator in self.indicators:
            if indicator.matches(subject, clause, sentence, unit_class, kind, topic):
                return indicator
        return None

    def assign(self, subject: str, clause: str, sentence: str, unit_class: str, kind: str = "", topic: str = "") -> Mapping:
        """The indicator of a mention (subject, clause, sentence, unit class, kind) with its
        confidence; unmapped below ``min_confidence``.

        The first matching indicator is the candidate; its confidence is its own, times
        :data:`CONTEXT_ONLY` when only the clause matched, times :data:`CONTESTED` when an
        indicator of another category matches the subject too.

        Example:
            >>> taxonomy = load_taxonomy()
            >>> mapping = taxonomy.assign("女党员", "女党员5432名", "其中女党员5432名", "person")
            >>> mapping.core, mapping.confidence
            ('members_female', 0.95)
            >>> taxonomy.assign("投资新建占地", "", "", "area_mu").indicator is None
            True
        """
        candidate, where, contested = None, "", False
        for indicator in self._admitting(unit_class, kind):
            if candidate is not None and indicator.category == candidate.category:
                continue  # within a category the file order decides: no contest to look for
            evidence = _evidence(indicator._rules, subject, clause, sentence, topic)  # the unit class is admitted
            if not evidence:
                continue
            if candidate is None:
                candidate, where = indicator, evidence
            elif evidence == "subject" and indicator.category != candidate.category:
                contested = True
                break
        if candidate is None:
            return Mapping(None, 0.0)
        confidence = candidate.confidence * (CONTEXT_ONLY if where == "context" else 1.0) * (CONTESTED if contested else 1.0)
        confidence = round(confidence, 3)
        return Mapping(candidate if confidence >= self.min_confidence else None, confidence, candidate)

    def _admitting(self, unit_class: str, kind: str) -> tuple[Indicator, ...]:
        """The indicators that admit a unit class and kind, in file order (computed once each)."""
        key = (unit_class, kind if kind in ("change", "share") else "")
        cache = self._by_unit
        if key not in cache:
            cache[key] = tuple(i for i in self.indicators if i.accepts(unit_class, kind))
        return cache[key]

    @cached_property
    def _by_unit(self) -> dict[tuple[str, str], tuple[Indicator, ...]]:
        return {}

    def __getitem__(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def table(self) -> list[dict[str, str]]:
        """One row per indicator: id, core id, labels, category (with its labels), unit classes
        and confidence.

        Example:
            >>> row = load_taxonomy().table()[0]
            >>> row["indicator"], row["core_id"]
            ('training_sessions', 'training_sessions')
        """
        return [
            {
                "indicator": i.id,
                "core_id": i.core,
                "indicator_zh": i.zh,
                "indicator_en": i.en,
                "category": i.category,
                "category_zh": self.categories[i.category].get("zh", ""),
                "category_en": self.categories[i.category].get("en", ""),
                "unit_classes": ", ".join(i.unit_classes),
                "confidence": i.confidence,
            }
            for i in self.indicators
        ]


def _joined(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return patterns[0] if len(patterns) == 1 else re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def _evidence(rules: tuple[re.Pattern[str] | None, ...], subject: str, clause: str, sentence: str, topic: str = "") -> str:
    """:meth:`Indicator.evidence` of a mention whose unit class is admitted, from the joined rules
    (``Indicator._rules``): the cheapest searches first (the subject, then the clause), the long
    sentence only when a rule matched. ``topic`` is what the document is about (its opening: title
    and lead), where ``require_topic`` is searched as well as in the sentence and the subject.

    Example:
        >>> grids = Indicator("grids", "网格", "Grids", "governance", ("count",), (re.compile("网格"),), unless_sentence=(re.compile("网格化"),))
        >>> _evidence(grids._rules, "优化调整网格", "", "调整网格"), _evidence(grids._rules, "优化调整网格", "", "网格化管理")
        ('subject', '')
        >>> firms = Indicator("firms", "企业", "Firms", "organization", ("count",), (re.compile("企业$"),), require_topic=(re.compile("非公"),))
        >>> _evidence(firms._rules, "定报工业企业", "", "我区157户定报工业企业"), _evidence(firms._rules, "定报工业企业", "", "我区157户定报工业企业", "关于全区非公企业党建工作的汇报")
        ('', 'subject')
    """
    match_subject, match_context, require_sentence, unless_subject, unless_context, unless_sentence, require_topic = rules
    if match_subject is not None and match_subject.search(subject):
        where = "subject"
    elif match_context is not None and match_context.search(clause):
        where = "context"
    else:
        return ""
    if require_sentence is not None and not (require_sentence.search(sentence) or require_sentence.search(subject)):
        return ""  # the subject counts as part of the sentence: it may restore a group said before
    if require_topic is not None and not (require_topic.search(sentence) or require_topic.search(subject) or require_topic.search(topic)):
        return ""  # what the report is about frames counts its sentences do not qualify
    if (
        (unless_subject is not None and unless_subject.search(subject))
        or (unless_context is not None and unless_context.search(clause))
        or (unless_sentence is not None and unless_sentence.search(sentence))
    ):
        return ""
    return where


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
        raise TaxonomyError(source, f"indicator #{position + 1} must be a mapping with id, core, zh, en, unit_classes")
    where = f"{source}: indicator {entry.get('id', f'#{position + 1}')!s}"
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise TaxonomyError(where, f"unknown keys {sorted(unknown)}; known keys are {sorted(_KNOWN_KEYS)}")
    for key in ("id", "zh", "en", "unit_classes"):
        if not entry.get(key):
            raise TaxonomyError(where, f"missing {key!r}")
    if "core" not in entry:
        raise TaxonomyError(where, "missing 'core' (a core indicator id, or an empty string for none)")
    core = entry["core"] or ""
    if core and core not in core_indicators():
        raise TaxonomyError(where, f"core {core!r} is not a core indicator; valid ids are {list(core_indicators())}")
    category = entry.get("category") or (core_indicators()[core].category if core else "")
    if not category:
        raise TaxonomyError(where, "missing 'category' (needed when 'core' is empty)")
    if category not in categories:
        raise TaxonomyError(where, f"category {category!r} is not one of {sorted(categories)}")
    confidence = _confidence(entry.get("confidence", DEFAULT_CONFIDENCE), f"{where}: confidence")
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
        category=str(category),
        unit_classes=tuple(unit_classes),
        description=str(entry.get("description", "")),
        core=str(core),
        confidence=confidence,
        **rules,
    )


def _confidence(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise TaxonomyError(where, f"must be a number greater than 0 and at most 1, not {value!r}")
    return float(value)


@lru_cache(maxsize=16)
def parse_taxonomy(text: str, source: str = "<taxonomy>") -> Taxonomy:
    """Build a :class:`Taxonomy` from YAML text; raise :class:`TaxonomyError` naming the problem.
    The same text is parsed once per process (the result is immutable).

    Example:
        >>> t = parse_taxonomy('''
        ... categories: {governance: {zh: 基层治理, en: Governance}}
        ... indicators:
        ...   - {id: grids, core: grids, zh: 网格, en: Grids, category: governance, unit_classes: [count], match_subject: [网格]}
        ... ''')
        >>> t.match("优化调整网格", "", "", "count").en
        'Grids'
    """
    try:
        data = load_yaml_text(text)  # duplicate keys are errors; 0931 and yes stay strings
    except yaml.YAMLError as error:
        raise TaxonomyError(source, f"not valid YAML ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict) or not isinstance(data.get("indicators"), list):
        raise TaxonomyError(source, "expected a mapping with 'categories' (mapping) and 'indicators' (list)")
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise TaxonomyError(source, f"unknown keys {unknown}; known keys are {list(_TOP_KEYS)}")
    min_confidence = _confidence(data.get("min_confidence", DEFAULT_MIN_CONFIDENCE), f"{source}: min_confidence")
    categories = {str(k): dict(v or {}) for k, v in data["categories"].items()}
    indicators = tuple(_indicator(entry, i, categories, source) for i, entry in enumerate(data["indicators"]))
    ids = [i.id for i in indicators]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TaxonomyError(source, f"duplicate indicator ids {duplicates}")
    return Taxonomy(categories, indicators, source, min_confidence)


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
