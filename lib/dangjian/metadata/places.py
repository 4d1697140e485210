"""Where a report comes from: place names found in its text with cpca's gazetteer.

cpca ships China's province, prefecture and county names with their administrative codes
(adcodes) in its data file ``resources/adcodes.csv``: all 2,851 county-level units it lists, not a
hand list. That file is read here directly (without importing cpca, whose import builds its own
matcher through the deprecated ``pkg_resources``) into a matcher (pyahocorasick, which comes with
cpca) that knows, for every unit:

* its official name (鄞州区, 平凉市, 甘孜藏族自治州);
* its short form: the name without 省/市/县/区/旗/自治州/地区/盟 and the nationalities of cpca's
  ``resources/56_nations.csv`` (鄞州, 平凉, 甘孜, 广西), if two characters or more are left;
* for a county-level unit, its name with another county-level suffix (奉化市 -> 奉化区, 章丘市 ->
  章丘区, 会理县 -> 会理市): cpca's data predate such renamings, and a county changing its suffix
  keeps its code. The unit is then reported under the name the text uses.

Every mention is listed with *all* the units of that name: many county names exist more than once
(西安区 is in 牡丹江市 and in 辽源市). A mention is resolved only by the document itself: a name
with one candidate, or a candidate lying in a province or prefecture the document names
unambiguously (牡丹江市 … 西安区). Names that stay ambiguous are reported with their candidates and
never guessed. Short forms of prefectures and counties, two-character names and generic words
(城区) are weak: they count only when the document also names the unit's prefecture or province,
or when a weak prefecture and a county in it name each other (宁波 … 鄞州), so 幸福西安 (a brand) or
合作 (co-operation) do not become places. A name followed by 路/大道/广场… is a street or a venue
(上海西路街道 is in Yinchuan), and a short form followed by 镇/乡/村/街道/社区 names a smaller unit.

The region guess is the province, then the prefecture within it, named most often (counting
mentions of their counties; a mention in the title counts three times), each named at least twice
or followed, itself or a unit within it, by 委 (the unit's own party committee: 鹿寨县委 places a
text in 柳州市 and 广西); a county is taken when it refers to its own committee (西安区委) or is
named at least twice and more often than its prefecture. A unit that looks like a county
(临平区委, 杭州市临平区) but is not in the gazetteer is reported, not guessed.

Example:
    >>> guess = guess_region("牡丹江市西安区委组织部围绕区委中心工作。西安区各级党组织……西安区委要求……")
    >>> guess.province, guess.prefecture, guess.county, guess.region
    ('黑龙江省', '牡丹江市', '西安区', '牡丹江市西安区')
    >>> guess_region("鄞州区委组织部……鄞州区各级党组织……").region
    '宁波市鄞州区'
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Entries of the gazetteer that are groupings, not places.
_PSEUDO_UNITS = {"县", "市辖区", "省直辖县级行政区划", "自治区直辖县级行政区划"}
#: County-level names that are also ordinary words.
_GENERIC_NAMES = {"城区", "郊区", "矿区", "新区", "东区", "西区", "市中区"}
_LEVEL_OF_RANK = ("province", "prefecture", "county")
#: Suffixes of a unit's name, longest first; what is left is its short form.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "省", "市", "县", "区", "旗", "盟")
#: Suffixes a county-level unit can be renamed to (奉化市 -> 奉化区).
_COUNTY_SUFFIXES = ("县", "区", "市", "旗")
#: What follows a place name that makes it part of a street's or a venue's name.
_NOT_A_PLACE_AFTER = re.compile(r"[东西南北中]?路|大道|大街|街(?!道)|巷|广场|公园|大厦|酒店|宾馆|饭店")
#: What follows a short form that makes it the name of a smaller unit (长宁镇 is a town) or of
#: an organisation (新华社, 新华日报, 新华网).
_SMALLER_UNIT_AFTER = re.compile(r"镇|乡|村|街道|社区|社|日报|晚报|网(?!格)|书店|医院")
#: What follows a county name with another suffix that makes it a word (河南县域, 宁波市场).
_WORD_AFTER_RENAMED = re.compile(r"[域级城乡直场民辖属]")
#: A county-like unit named with its own committee (临平区委) or after its prefecture (杭州市临平区).
_COUNTY_LIKE = re.compile(r"([\u4e00-\u9fff]{2})(区|县)(?=委(?!员))")
#: First characters or words that make a 区委/县委 a common noun after a word, not a county's name:
#: 全区委, 开发区委, and the verbs before a committee (推动县委书记…, 督促区委…).
_NOT_COUNTY_NAMES = re.compile(
    r"^[全各本我该两每其省市县区镇乡村]|^(?:园|社|校|景|小|街|城|新|矿|片|辖|林|牧|开发|试验|示范|功能|核心|保护|风景|产业|经济|工业|高新)"
    r"|^(?:推动|推进|督促|指导|要求|带动|落实|压实|强化|加强|召开|参加|组织|配合|协助|经过|通过|报请|提请|按照|根据|由于|作为|成为|担任|进入)$"
)
_MUNICIPALITIES = {"11", "12", "31", "50"}
#: The municipalities of province level: their reports say 全市 and 市委 of a province.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


@dataclass(frozen=True)
class Place:
    """One administrative unit: name, 6-digit adcode, level and names of its ancestors."""

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

    def renamed(self, name: str) -> Place:
        """The same unit under another name (a county-level unit whose suffix changed)."""
        return Place(name, self.adcode, self.level, self.province, self.prefecture, name if self.level == "county" else self.county)


# --------------------------------------------------------------------------- the gazetteer


def _cpca_resource(name: str) -> Path:
    """A data file of the installed cpca package, found without importing cpca."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.origin is None:
        raise ImportError("cpca is not installed: pip install 'cpca>=0.5.5,<0.6'")
    return Path(spec.origin).parent / "resources" / name


def short_form(name: str, nations: tuple[str, ...] = ()) -> str:
    """A unit's name without its administrative suffix and nationalities; ``""`` if under two characters.

    Example:
        >>> nations = ("藏族", "苗族", "侗族", "壮族")
        >>> [short_form(n, nations) for n in ("鄞州区", "甘孜藏族自治州", "黔东南苗族侗族自治州", "广西壮族自治区", "凤县")]
        ['鄞州', '甘孜', '黔东南', '广西', '']
    """
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    changed = True
    while changed:
        changed = False
        for nation in nations:
            if stem.endswith(nation) and len(stem) > len(nation):
                stem, changed = stem[: -len(nation)], True
    return stem if len(stem) >= 2 and stem != name else ""


@dataclass
class Gazetteer:
    """Every unit of cpca's data and the matcher over their names (official, short, renamed)."""

    places: dict[str, Place]
    automaton: Any
    keys: dict[str, list[tuple[Place, str]]]

    @property
    def counties(self) -> list[Place]:
        return [p for p in self.places.values() if p.level == "county"]


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """cpca's gazetteer (read once).

    Example:
        >>> places = gazetteer().places
        >>> places["330212"].path, places["330283"].path, len(gazetteer().counties) > 2800
        ('浙江省宁波市鄞州区', '浙江省宁波市奉化市', True)
    """
    import ahocorasick  # installed with cpca, whose matcher it is

    with open(_cpca_resource("56_nations.csv"), encoding="utf-8") as handle:
        nations = tuple(sorted({line.strip() for line in handle if line.strip()} | {"各族"}, key=len, reverse=True))
    with open(_cpca_resource("adcodes.csv"), encoding="utf-8", newline="") as handle:
        records = [(row["adcode"][:6], row["name"].strip()) for row in csv.DictReader(handle)]
    names = dict(records)
    places: dict[str, Place] = {}
    for code, name in records:
        if name in _PSEUDO_UNITS or not name:
            continue
        rank = 0 if code.endswith("0000") else 1 if code.endswith("00") else 2
        parts = [names.get(code[:2] + "0000", ""), names.get(code[:4] + "00", "") if rank >= 1 else "", name if rank == 2 else ""]
        parts = ["" if part in _PSEUDO_UNITS else part for part in parts]
        places[code] = Place(name, code, _LEVEL_OF_RANK[rank], *parts)
    keys: dict[str, list[tuple[Place, str]]] = {}
    official = {place.name for place in places.values()}
    shorts = {p.adcode: {"内蒙古自治区": "内蒙古"}.get(p.name) or short_form(p.name, nations) for p in places.values()}
    higher = {shorts[p.adcode] for p in places.values() if p.level != "county"}  # 河南 is the province
    for place in sorted(places.values(), key=lambda p: p.adcode):
        keys.setdefault(place.name, []).append((place, "official"))
        short = shorts[place.adcode]
        if place.level == "county" and short in higher:
            continue
        if short and short not in official:
            keys.setdefault(short, []).append((place, "short"))
        if place.level == "county" and short and place.name not in _GENERIC_NAMES:
            for suffix in _COUNTY_SUFFIXES:
                variant = short + suffix
                if variant not in official:
                    keys.setdefault(variant, []).append((place.renamed(variant), "renamed"))
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, key)
    automaton.make_automaton()
    return Gazetteer(places, automaton, keys)


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class PlaceMention:
    """A place name as written in the text, with every unit it can stand for."""

    text: str
    start: int
    candidates: tuple[Place, ...]
    short_form: bool
    renamed: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def weak(self) -> bool:
        """A mention that may be an ordinary word: a prefecture's/county's short form, a
        two-character name or a generic one (城区)."""
        if self.candidates[0].level == "province":
            return False  # 甘肃, 黑龙江: short forms of provinces are not ordinary words
        return self.short_form or len(self.text) <= 2 or self.text in _GENERIC_NAMES


def _matches(text: str) -> Iterator[tuple[int, str]]:
    """``(start, key)`` of every gazetteer key in ``text``, longest first where they overlap."""
    found = [(end - len(key) + 1, key) for end, key in gazetteer().automaton.iter(text)]
    taken = bytearray(len(text))
    for start, key in sorted(found, key=lambda m: (-len(m[1]), m[0])):
        if not any(taken[start : start + len(key)]):
            taken[start : start + len(key)] = b"\x01" * len(key)
            yield start, key


def find_place_mentions(text: str) -> list[PlaceMention]:
    """Every place name in ``text`` with all its candidate units, in order of appearance.

    Example:
        >>> [(m.text, [c.path for c in m.candidates]) for m in find_place_mentions("西安区和平凉市")]
        [('西安区', ['吉林省辽源市西安区', '黑龙江省牡丹江市西安区']), ('平凉市', ['甘肃省平凉市'])]
        >>> [(m.text, m.renamed, m.candidates[0].path) for m in find_place_mentions("宁波市奉化区")]
        [('宁波市', False, '浙江省宁波市'), ('奉化区', True, '浙江省宁波市奉化区')]
        >>> find_place_mentions("上海西路街道")
        []
    """
    keys = gazetteer().keys
    mentions = []
    for start, key in sorted(_matches(text)):
        after = text[start + len(key) : start + len(key) + 3]
        entries = keys[key]
        short = all(form == "short" for _, form in entries)
        renamed = all(form == "renamed" for _, form in entries)
        if _NOT_A_PLACE_AFTER.match(after) or (short and _SMALLER_UNIT_AFTER.match(after)) or (renamed and _WORD_AFTER_RENAMED.match(after)):
            continue
        candidates = tuple(sorted({place for place, _ in entries}, key=lambda p: p.adcode))
        mentions.append(PlaceMention(key, start, candidates, short, renamed))
    return mentions


@dataclass
class RegionGuess:
    """Region found in a text: names per level, counts, and names left ambiguous or unknown."""

    province: str = ""
    prefecture: str = ""
    county: str = ""
    region: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    #: Places named too seldom to be the region (once: a report may name a place it visits), offered
    #: when no region is found, with how often the text names them.
    seldom: dict[str, int] = field(default_factory=dict)

    @property
    def level(self) -> str:
        """The level of the most specific unit found: county, prefecture or province ('' if none).

        Example:
            >>> guess_region("嵊州市委……嵊州市各镇街……").level, guess_region("平凉市委……平凉市").level
            ('county', 'prefecture')
        """
        return "county" if self.county else "prefecture" if self.prefecture else "province" if self.province else ""

    def candidates_text(self) -> str:
        """Ambiguous names with their candidates, and unknown unit names, for a table cell.

        Example:
            >>> RegionGuess(ambiguous={"西安区": ("吉林省辽源市西安区", "黑龙江省牡丹江市西安区")}).candidates_text()
            '西安区: 吉林省辽源市西安区 | 黑龙江省牡丹江市西安区'
            >>> RegionGuess(unknown={"临平区": "杭州市"}).candidates_text()
            '临平区: not in the gazetteer (named with 杭州市)'
            >>> guess_region("淳化县开展党员冬训……全县……").candidates_text()
            '陕西省咸阳市淳化县: named 1× only'
        """
        parts = [f"{name}: {' | '.join(paths)}" for name, paths in sorted(self.ambiguous.items())]
        parts += [f"{name}: not in the gazetteer" + (f" (named with {where})" if where else "") for name, where in sorted(self.unknown.items())]
        parts += [f"{path}: named {count}× only" for path, count in self.seldom.items()]
        return "; ".join(parts)


def resolve_mentions(mentions: list[PlaceMention]) -> tuple[list[tuple[PlaceMention, Place]], dict[str, tuple[str, ...]]]:
    """The unit each mention stands for, using only what the text itself names unambiguously;
    and the names that stay ambiguous (not weak ones) with their candidates' paths.

    A weak prefecture (宁波) and a county inside it (鄞州, 鄞州区) support each other.

    Example:
        >>> resolved, ambiguous = resolve_mentions(find_place_mentions("朝阳区委"))
        >>> resolved, ambiguous
        ([], {'朝阳区': ('北京市朝阳区', '吉林省长春市朝阳区')})
        >>> [(m.text, p.path) for m, p in resolve_mentions(find_place_mentions("鄞州以党建引领……宁波"))[0]]
        [('鄞州', '浙江省宁波市鄞州区'), ('宁波', '浙江省宁波市')]
    """
    anchors = {
        m.candidates[0] for m in mentions
        if len(m.candidates) == 1 and not m.weak and m.candidates[0].level in ("province", "prefecture")
    }
    counties = {c.adcode[:4] for m in mentions for c in m.candidates if c.level == "county" and (len(m.candidates) == 1 or not m.weak)}
    weak_anchors = {c for m in mentions if m.weak for c in m.candidates if c.level == "prefecture" and c.adcode[:4] in counties}
    resolved: list[tuple[PlaceMention, Place]] = []
    ambiguous: dict[str, tuple[str, ...]] = {}
    for mention in mentions:
        supported = [c for c in mention.candidates if any(c.within(a) for a in anchors)]
        if not supported and mention.weak:
            supported = [c for c in mention.candidates if any(c.within(a) for a in weak_anchors)]
            if not supported and mention.candidates[0].level == "prefecture":
                supported = [c for c in mention.candidates if c in weak_anchors]
        if len(mention.candidates) == 1 and (not mention.weak or supported):
            resolved.append((mention, mention.candidates[0]))
        elif len(supported) == 1:
            resolved.append((mention, supported[0]))
        elif len(mention.candidates) > 1 and not mention.weak:
            ambiguous[mention.text] = tuple(c.path for c in mention.candidates)
    return resolved, ambiguous


def _ancestor(place: Place, level: str) -> Place | None:
    """The province or prefecture ``place`` lies in (``None`` for a pseudo prefecture)."""
    if level == "province":
        return Place(place.province, place.adcode[:2] + "0000", "province", place.province)
    if place.level == "county" and place.prefecture:
        return Place(place.prefecture, place.adcode[:4] + "00", "prefecture", place.province, place.prefecture)
    return None


def unknown_units(text: str, mentions: list[PlaceMention]) -> dict[str, str]:
    """County-like names the gazetteer does not know: named with their committee (临平区委) or
    right after a prefecture (杭州市临平区); the value is that prefecture, if any.

    Example:
        >>> unknown_units("杭州市临平区委组织部", find_place_mentions("杭州市临平区委组织部"))
        {'临平区': '杭州市'}
        >>> unknown_units("全区委员……社区委员会……开发区委……组织工作在区委的领导下", [])
        {}
    """
    covered = bytearray(len(text))
    for mention in mentions:
        covered[mention.start : mention.end] = b"\x01" * len(mention.text)
    ending = {mention.end: mention for mention in mentions}
    found: dict[str, str] = {}
    for match in _COUNTY_LIKE.finditer(text):
        name = match.group(1) + match.group(2)
        if any(covered[match.start() : match.end()]) or _NOT_COUNTY_NAMES.search(match.group(1)) or name in _GENERIC_NAMES:
            continue
        before = ending.get(match.start())
        if match.start() and re.match(r"[\u4e00-\u9fff]", text[match.start() - 1]) and before is None:
            continue  # inside a phrase: 工作在区委的领导下
        before = before if before is not None and before.candidates[0].level == "prefecture" else None
        found.setdefault(name, before.text if before else "")
    return found


#: Places named too seldom offered at most (:attr:`RegionGuess.seldom`).
MAX_SELDOM = 3


def guess_region(text: str, title: str = "", head: str = "") -> RegionGuess:
    """Province, prefecture and county a (simplified) text comes from, as far as it says.

    Without a county, a prefecture counts only where it (with its counties) is named more often than
    its province itself, or as a committee (市委): a province's report that names a few of its cities
    is the province's.
    ``title`` (its mentions count three times) and ``head`` (the page's own lines around the
    title: source, publisher) are read with the text; a weak name found there that nothing
    resolves is listed with its candidates when no region is found.

    Example:
        >>> guess_region("平凉市委组织部……全市……平凉市各县区……甘肃省").region
        '平凉市'
        >>> guess_region("朝阳区委组织部……朝阳区……").ambiguous
        {'朝阳区': ('北京市朝阳区', '吉林省长春市朝阳区')}
        >>> guess_region("北京市大兴区委……大兴区各街道").region
        '北京市大兴区'
        >>> guess_region("安徽省……全省……安徽省……阜阳市……安徽省……阜阳市").region  # a province's, naming a city
        '安徽省'
        >>> guess_region("……县委书记前往长宁镇调研", head="信息来源：长宁融媒").candidates_text()
        '长宁: 上海市长宁区 | 四川省宜宾市长宁县'
    """
    combined = "\n".join([title, head, text])
    title_end, head_end = len(title), len(title) + 1 + len(head)
    mentions = find_place_mentions(combined)
    resolved, ambiguous = resolve_mentions(mentions)
    own: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    for mention, place in resolved:
        own[place.adcode] += 3 if mention.start < title_end else 1
        written.setdefault(place.adcode, Counter())[place.name] += 1
    committees = Counter(place.adcode for mention, place in resolved if combined[mention.end : mention.end + 1] == "委")
    units = {place.adcode: place for _, place in resolved}
    for code, names in written.items():  # the name the text uses most (奉化区 rather than cpca's 奉化市)
        units[code] = units[code].renamed(names.most_common(1)[0][0]) if units[code].level == "county" else units[code]
    for place in list(units.values()):
        for level in ("province", "prefecture"):
            ancestor = _ancestor(place, level)
            if ancestor is not None and ancestor.name and ancestor.adcode not in units:
                units[ancestor.adcode] = gazetteer().places.get(ancestor.adcode, ancestor)

    def support(unit: Place) -> int:
        return sum(count for code, count in own.items() if units[code].within(unit))

    def committee_support(unit: Place) -> int:
        return sum(count for code, count in committees.items() if units[code].within(unit))

    def best(level: str, inside: Place | None) -> Place | None:
        ranked = sorted(
            (u for u in units.values() if u.level == level and (inside is None or u.within(inside))),
            key=lambda u: (-support(u), -committee_support(u), u.adcode),
        )
        if ranked and (support(ranked[0]) >= 2 or committee_support(ranked[0])):
            return ranked[0]
        return None

    province = best("province", None)
    prefecture = best("prefecture", province) if province else None
    county = None
    parent = prefecture or (province if province and (province.adcode[:2] in _MUNICIPALITIES) else None)
    if province is not None:
        ranked = sorted(
            (u for u in units.values() if u.level == "county" and (u.within(prefecture) if prefecture else u.within(province) and not u.prefecture)),
            key=lambda u: (-committees[u.adcode], -own[u.adcode], u.adcode),
        )
        above = own[parent.adcode] if parent is not None else 0
        first = ranked[0] if ranked else None
        if first is not None and (committees[first.adcode] or (own[first.adcode] >= 2 and own[first.adcode] > above)):
            county = first
    if prefecture is not None and county is None and support(prefecture) <= own[province.adcode] and not committee_support(prefecture):
        prefecture = None  # a province's report that names a few of its cities
    renamed = {m.text: gazetteer().places[c.adcode].name for m, c in resolved if m.renamed}
    guess = RegionGuess(
        province=province.province if province else "",
        prefecture=prefecture.prefecture if prefecture else "",
        county=county.county if county else "",
        counts={u.path: support(u) for u in sorted(units.values(), key=lambda u: u.adcode)},
        ambiguous=ambiguous,
        unknown=unknown_units(combined, mentions),
        renamed=renamed,
    )
    if not guess.province:
        named = {place.adcode: place for _, place in resolved}
        innermost = [p for p in named.values() if not any(q is not p and q.within(p) for q in named.values())]
        guess.seldom = {p.path: support(p) for p in sorted(innermost, key=lambda p: (-support(p), p.adcode))[:MAX_SELDOM]}
        resolved_mentions = {id(m) for m, _ in resolved}
        for mention in mentions:
            if mention.start < head_end and id(mention) not in resolved_mentions and mention.weak and mention.text not in _GENERIC_NAMES:
                guess.ambiguous.setdefault(mention.text, tuple(c.path for c in mention.candidates))
    guess.region = (guess.prefecture or guess.province) + guess.county if guess.province else ""
    return guess
