"""Where a report comes from: place names found in its text with cpca's gazetteer.

cpca ships China's province, prefecture and county names with their administrative codes
(adcodes) and finds them in text, full names (平凉市) and short forms (平凉, 甘肃) alike. Its
matcher is used here to list every mention together with *all* units of that name: many county
names exist more than once (西安区 is in 牡丹江市 and in 辽源市). A mention is resolved only by
the document itself: a name with one candidate, or a candidate lying in a province or prefecture
the document names unambiguously (牡丹江市 … 西安区). Names that stay ambiguous are reported
with their candidates and never guessed. Short forms of prefectures and counties, two-character
names and generic words (城区, 合作) count only when the document also names the unit's
prefecture or province, so 幸福西安 (a brand) or 合作 (co-operation) do not become places.

The region guess is the province, then the prefecture within it, named most often (counting
mentions of their counties), each named at least twice or followed by 委 (the unit's own party
committee); a county is taken when it refers to its own committee (西安区委) or is named more
often than its prefecture.

Example:
    >>> guess = guess_region("牡丹江市西安区委组织部围绕区委中心工作。西安区各级党组织……西安区委要求……")
    >>> guess.province, guess.prefecture, guess.county, guess.region
    ('黑龙江省', '牡丹江市', '西安区', '牡丹江市西安区')
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: Entries of the gazetteer that are groupings, not places.
_PSEUDO_UNITS = {"县", "市辖区", "省直辖县级行政区划", "自治区直辖县级行政区划"}
#: County-level names that are also ordinary words.
_GENERIC_NAMES = {"城区", "郊区", "矿区", "新区", "东区", "西区", "市中区"}
_LEVEL_OF_RANK = ("province", "prefecture", "county")


@functools.lru_cache(maxsize=1)
def _gazetteer() -> Any:
    """The cpca module (imported once; its pkg_resources deprecation warning is silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cpca
    return cpca


@dataclass(frozen=True)
class Place:
    """One administrative unit: official name, 6-digit adcode, level and names of its ancestors."""

    name: str
    adcode: str
    level: str
    province: str
    prefecture: str = ""
    county: str = ""

    @property
    def path(self) -> str:
        """Province, prefecture and county names joined: 黑龙江省牡丹江市西安区."""
        return "".join(part for part in (self.province, self.prefecture, self.county) if part)

    def within(self, other: Place) -> bool:
        """True when this unit is ``other`` or lies inside it.

        Example:
            >>> county = Place("西安区", "231005", "county", "黑龙江省", "牡丹江市", "西安区")
            >>> county.within(Place("牡丹江市", "231000", "prefecture", "黑龙江省", "牡丹江市")), county.path
            (True, '黑龙江省牡丹江市西安区')
        """
        digits = {"province": 2, "prefecture": 4, "county": 6}[other.level]
        return self.adcode[:digits] == other.adcode[:digits]


@dataclass(frozen=True)
class PlaceMention:
    """A place name as written in the text, with every unit it can stand for."""

    text: str
    start: int
    candidates: tuple[Place, ...]
    short_form: bool

    @property
    def weak(self) -> bool:
        """A mention that may be an ordinary word: a prefecture's/county's short form, a
        two-character name or a generic one (城区)."""
        if self.candidates[0].level == "province":
            return False  # 甘肃, 黑龙江: short forms of provinces are not ordinary words
        return self.short_form or len(self.text) <= 2 or self.text in _GENERIC_NAMES


def _place(info: Any) -> Place:
    cpca = _gazetteer()
    code = info.adcode
    names = [cpca.adcode_name(code[:2]), cpca.adcode_name(code[:4]) if info.rank >= 1 else "", info.name if info.rank == 2 else ""]
    names = ["" if (n or "") in _PSEUDO_UNITS else (n or "") for n in names]
    return Place(info.name, code, _LEVEL_OF_RANK[info.rank], *names)


def find_place_mentions(text: str) -> list[PlaceMention]:
    """Every place name in ``text`` with all its candidate units, in order of appearance.

    Example:
        >>> [(m.text, [c.path for c in m.candidates]) for m in find_place_mentions("西安区和平凉市")]
        [('西安区', ['吉林省辽源市西安区', '黑龙江省牡丹江市西安区']), ('平凉市', ['甘肃省平凉市'])]
    """
    mentions = []
    for match in _gazetteer().matcher.iter(text):
        infos = [info for info in match.attr_infos if info.name not in _PSEUDO_UNITS]
        if not infos:
            continue
        candidates = tuple(sorted({_place(info) for info in infos}, key=lambda p: p.adcode))
        mentions.append(PlaceMention(match.origin_value, match.start_index, candidates, match.origin_value != infos[0].name))
    return mentions


@dataclass
class RegionGuess:
    """Region found in a text: names per level, counts, and names left ambiguous."""

    province: str = ""
    prefecture: str = ""
    county: str = ""
    region: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def candidates_text(self) -> str:
        """Ambiguous names for a table cell.

        Example:
            >>> RegionGuess(ambiguous={"西安区": ("吉林省辽源市西安区", "黑龙江省牡丹江市西安区")}).candidates_text()
            '西安区: 吉林省辽源市西安区 | 黑龙江省牡丹江市西安区'
        """
        return "; ".join(f"{name}: {' | '.join(paths)}" for name, paths in sorted(self.ambiguous.items()))


def resolve_mentions(mentions: list[PlaceMention]) -> tuple[list[tuple[PlaceMention, Place]], dict[str, tuple[str, ...]]]:
    """The unit each mention stands for, using only what the text itself names unambiguously;
    and the names that stay ambiguous (not weak ones) with their candidates' paths.

    Example:
        >>> resolved, ambiguous = resolve_mentions(find_place_mentions("朝阳区委"))
        >>> resolved, ambiguous
        ([], {'朝阳区': ('北京市朝阳区', '吉林省长春市朝阳区')})
    """
    anchors = [
        m.candidates[0] for m in mentions
        if len(m.candidates) == 1 and not m.weak and m.candidates[0].level in ("province", "prefecture")
    ]
    resolved: list[tuple[PlaceMention, Place]] = []
    ambiguous: dict[str, tuple[str, ...]] = {}
    for mention in mentions:
        supported = [c for c in mention.candidates if any(c.within(a) for a in anchors)]
        if len(mention.candidates) == 1 and (not mention.weak or supported):
            resolved.append((mention, mention.candidates[0]))
        elif len(supported) == 1:
            resolved.append((mention, supported[0]))
        elif len(mention.candidates) > 1 and not mention.weak:
            ambiguous[mention.text] = tuple(c.path for c in mention.candidates)
    return resolved, ambiguous


def _province_of(place: Place) -> Place:
    code = place.adcode[:2] + "0000"
    return Place(place.province, code, "province", place.province)


def guess_region(text: str) -> RegionGuess:
    """Province, prefecture and county a (simplified) text comes from, as far as it says.

    Example:
        >>> guess_region("平凉市委组织部……全市……平凉市各县区……甘肃省").region
        '平凉市'
        >>> guess_region("朝阳区委组织部……朝阳区……").ambiguous
        {'朝阳区': ('北京市朝阳区', '吉林省长春市朝阳区')}
    """
    resolved, ambiguous = resolve_mentions(find_place_mentions(text))
    own = Counter(place.adcode for _, place in resolved)
    committees = Counter(
        place.adcode for mention, place in resolved if text[mention.start + len(mention.text) : mention.start + len(mention.text) + 1] == "委"
    )
    units = {place.adcode: place for _, place in resolved}
    units.update({p.adcode: p for p in map(_province_of, list(units.values())) if p.province})

    def support(unit: Place) -> int:
        return sum(count for code, count in own.items() if units[code].within(unit))

    def best(level: str, inside: Place | None) -> Place | None:
        ranked = sorted(
            (u for u in units.values() if u.level == level and (inside is None or u.within(inside))),
            key=lambda u: (-support(u), -committees[u.adcode], u.adcode),
        )
        if ranked and (support(ranked[0]) >= 2 or committees[ranked[0].adcode]):
            return ranked[0]
        return None

    province = best("province", None)
    prefecture = best("prefecture", province) if province else None
    county = None
    if prefecture is not None:
        ranked = sorted(
            (u for u in units.values() if u.level == "county" and u.within(prefecture)),
            key=lambda u: (-committees[u.adcode], -own[u.adcode], u.adcode),
        )
        if ranked and own[ranked[0].adcode] >= 2 and (committees[ranked[0].adcode] or own[ranked[0].adcode] > own[prefecture.adcode]):
            county = ranked[0]
    guess = RegionGuess(
        province=province.province if province else "",
        prefecture=prefecture.prefecture if prefecture else "",
        county=county.county if county else "",
        counts={u.path: support(u) for u in sorted(units.values(), key=lambda u: u.adcode)},
        ambiguous=ambiguous,
    )
    guess.region = guess.prefecture + guess.county if guess.prefecture else guess.province
    return guess
