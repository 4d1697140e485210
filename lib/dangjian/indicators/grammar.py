"""The grammar of a quantitative mention, compiled once into one regular expression.

A mention is ``[approx prefix] number [range] [余/多] [万/亿/千] [余/多/来] [unit] [approx suffix]``:
``超过600余人``, ``2.1万人（次）``, ``1至2名``, ``5万至10万元``, ``三人次``, ``百分之九十``, ``35岁以下``,
``近千名``, ``上百场``, ``十来个``, ``四成``, ``半数以上``, ``300 人次`` (a space left by web text), ``2万9620个``
(the digits after 万 are its units: 29620). Dates
(``2020-05-09``) and formulas (``2+1``, ``“1 1”`` with a lost plus sign, ``5 N``) are matched
as one span so that their numbers are never read one by one.

:func:`read_candidate` turns one match into a :class:`Quantity` or, when the text itself shows
that it is not one (no unit, a time word, a malformed numeral), a :class:`NotAQuantity`.
Context rules (quotes, titles, slogans, ordinals) live in :mod:`dangjian.indicators.exclusions`.

Example:
    >>> [read_candidate(m).surface for m in CANDIDATE.finditer("培训171期2.1万人（次）")]
    ['171期', '2.1万人（次）']
    >>> read_candidate(next(CANDIDATE.finditer("超过600余人"))).approx
    'over'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from dangjian.indicators.numerals import (
    ARABIC,
    CHINESE,
    CHINESE_NUMERAL_CHARS,
    DIGIT,
    DIGIT_CHARS,
    MULTIPLIER,
    MULTIPLIERS,
    parse_arabic,
    parse_chinese,
)
from dangjian.indicators.results import NotANumber, NotAQuantity, ParsedNumber, Quantity, Reason
from dangjian.indicators.units import ARABIC_ONLY_UNITS, PERIOD_WORDS, PERSON_COUNT, SPLIT_DURATIONS, UNIT_NOT_BEFORE, is_time_word, measure_pattern, normalize_unit, unit_class

#: Words before a number that qualify it, by the ``approx`` class they give.
APPROX_PREFIXES: dict[str, str] = {
    "超过": "over", "超出": "over", "多于": "over", "高于": "over", "逾": "over", "超": "over",
    "不少于": "at_least", "不低于": "at_least", "不下于": "at_least", "至少": "at_least", "最少": "at_least", "起码": "at_least",
    "大约": "about", "约": "about", "将近": "about", "接近": "about", "近": "about", "大概": "about", "约为": "about",
    "不足": "under", "不到": "under", "少于": "under", "低于": "under", "不超过": "under", "最多": "under", "至多": "under",
    "突破": "over", "不下": "at_least", "上": "at_least", "过": "over",
}
#: Words after a number + unit that qualify it.
APPROX_SUFFIXES: dict[str, str] = {
    "及以上": "over", "及以下": "under", "以上": "over", "有余": "over", "出头": "over", "左右": "about", "以下": "under", "以内": "under",
}
#: Adverbs that qualify a number from a little way before it (至少参加1次培训).
DETACHED_PREFIXES: dict[str, str] = {"至少": "at_least", "最少": "at_least", "起码": "at_least", "最多": "under", "至多": "under"}
_DETACHED = re.compile(rf"({'|'.join(DETACHED_PREFIXES)})[\u4e00-\u9fff]{{1,6}}$")
#: An estimate word before a link verb qualifies the number the link introduces (约占党员总数的15%,
#: 约为, 近有); the guards keep 签约, 附近 … out.
LINKED_ESTIMATES: dict[str, str] = {"大约": "about", "约": "about", "将近": "about", "接近": "about", "近": "about"}
_LINKED = re.compile(
    r"((?<![签合预制节公条契违履解协特邀相简集婚誓守践立大])约|大约|将近|接近|(?<![附最靠邻亲临贴就将接走拉新逼])近)"
    r"(?:占|为|有|达到|达|计)(?:[\u4e00-\u9fff]{0,10}的)?$"
)
#: 余/多 between number and unit (600余人, 9000多人次, 1.8万余人次).
OVER_MARKS = "余多餘"
#: 来 between number and unit is an estimate (十来个村, 20来人).
ABOUT_MARK = "来"
#: Round numerals without a digit (百, 千, 万, 百万): a number only with an estimate word — 百余名,
#: 近千名, 上百场, 逾万人 — and read as if written with 一 (一百, 一千 …); alone they are vague (百村, 千家万户).
ROUND_NUMERALS = "百千万萬亿億"
#: Prefixes that qualify only a round numeral (上百场, 过万人, 过半).
ROUND_ONLY_PREFIXES = ("上", "过")
#: Half (半数, 一半, 过半): 50 percent.
HALF = r"半数|一半(?=以上|以下|左右|的|[，。；、,;]|$)|(?<=过)半(?![年月日天时个])"
#: 成 (tenths) after a numeral is a share: 四成 = 40 percent (not in 成员, 成果: see UNIT_NOT_BEFORE).
TENTHS = "成"
#: Markers of a meeting name (十九届, 四中全会) — matched so that they can be excluded by name.
MEETING_MARKS = ("届", "屆", "中全会", "中全會")
RANGE_SEPARATORS = "至|到|-|—|–|－|～|~|〜"
#: Ages above this are digits run together (``3660岁`` for 36至60岁), not ages.
MAX_AGE = 150

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# 约/近/超 as prefixes only where they do not end a word (签约, 附近, 赶超).
_PREFIX_GUARDS = {
    "约": "(?<![签合预制节公条契违履解协特邀相简集婚誓守践立])",
    "近": "(?<![附最靠邻亲临贴就将接走拉新逼])",
    "超": "(?<![赶高])",
    "上": "(?<![以线网马路之向往赶成会早晚台街身手加础界面际义本])",
    "过": "(?<![超通经不越度难跨错路])",
}
# 上/过 qualify only a round numeral or half (上百场, 过万人, 过半).
_PREFIX_LOOKAHEADS = {word: f"(?=[{ROUND_NUMERALS}半])" for word in ROUND_ONLY_PREFIXES}


def _prefix_alternation() -> str:
    parts = []
    for word in sorted(APPROX_PREFIXES, key=len, reverse=True):
        parts.append(_PREFIX_GUARDS.get(word, "") + re.escape(word) + _PREFIX_LOOKAHEADS.get(word, ""))
    return "|".join(parts)


_MEASURE = PERSON_COUNT + "|" + measure_pattern() + "|" + "|".join(MEETING_MARKS)
#: 千 before 米, 克 or 瓦 begins a unit (217.8千米, 千克, 千瓦), not a multiplier of thousands.
_MULTIPLIER = MULTIPLIER.replace("千", "千(?![米克瓦])")
#: Space that messy web text leaves between a number and its unit (300 人次, 3.5 亿元).
_GAP = "[ \u3000\u00a0]?"
_SUFFIX = "|".join(APPROX_SUFFIXES)
_DATE = rf"[{DIGIT}]{{4}}\s*[-/.年]\s*[{DIGIT}]{{1,2}}\s*[-/.月]\s*[{DIGIT}]{{1,2}}\s*日?|[{DIGIT}]{{1,2}}月[{DIGIT}]{{1,2}}[日号]"
_TERM = rf"(?:{ARABIC}|[A-Za-z])"
_FORMULA = (
    rf"(?:{ARABIC}|[A-Za-z])(?:\s*[+＋×*]\s*{_TERM})+"  # 2+1, 1+1+N, N+1, 7×24
    rf"|(?<![{DIGIT}.])[{DIGIT}]{{1,2}}[ ](?:[{DIGIT}]|[NnXx])(?![{DIGIT}A-Za-z])"  # 1 1, 5 N: a lost plus sign
)

#: Every character a candidate can start with: checked first, so that the scan skips ordinary
#: text at the speed of a character class (about six times faster on this genre).
_FIRST_CHARS = "".join(sorted(set(DIGIT_CHARS) | set(CHINESE_NUMERAL_CHARS) | {w[0] for w in APPROX_PREFIXES} | {"半"}))

# A range may repeat the multiplier and the unit after its first number (5万至10万元, 1名至2名,
# 3%-5%); the unit, when repeated, must be the same (the conditional group).
CANDIDATE = re.compile(
    rf"""
    (?=[{re.escape(_FIRST_CHARS)}A-Za-z])
    (?:
    (?P<date>{_DATE})
  | (?P<formula>{_FORMULA})
  | (?:(?P<prefix>{_prefix_alternation()})\s*)?
    (?:
        百分之(?P<pct>{ARABIC}|{CHINESE})
      | (?P<fden>{CHINESE})分之(?P<fnum>{CHINESE})
      | (?P<half>{HALF})
      | (?P<num>(?<![{DIGIT}.]){ARABIC})
        (?:{_GAP}(?P<mult1>{_MULTIPLIER})?(?P<measure1>{_MEASURE})?\s*(?P<rsep>{RANGE_SEPARATORS})\s*(?P<num2>{ARABIC}))?
      | (?P<cnum>{CHINESE})(?:(?P<crsep>至|到)(?P<cnum2>{CHINESE}))?
    )
    (?(half)|
    (?:{_GAP}(?P<over1>[{OVER_MARKS}]))?
    (?:{_GAP}(?P<mult>{_MULTIPLIER}))?
    (?:(?<=[万萬])(?P<wanrest>[{DIGIT}]{{1,4}})(?![{DIGIT}.．])(?=[{OVER_MARKS}]?(?:{_MEASURE})))?
    (?P<over2>[{OVER_MARKS}])?
    (?P<about>{ABOUT_MARK}(?=(?:{_MEASURE})))?
    (?(measure1)(?P=measure1)|(?:{_GAP}(?P<measure>{_MEASURE}))?)
    )
    (?P<suffix>{_SUFFIX})?
    )
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Candidate:
    """One grammar match, with the span of the mention proper (number … unit) and its parts."""

    match_start: int  # including an approx prefix
    start: int  # the number
    end: int  # end of the unit (or of the number/multiplier when there is no unit)
    match_end: int  # including an approx suffix
    text: str  # the text the offsets refer to
    number: str
    number_high: str
    chinese: bool
    percent_words: bool
    multiplier: str
    measure: str
    prefix: str
    suffix: str
    over_mark: str  # 余 or 多 between number and unit, else ""
    range_word: str  # 至, 到, - … between the two numbers of a range, else ""
    kind: str  # "quantity", "date" or "formula"
    half: bool = False  # 半数, 一半, 过半
    multiplier_low: str = ""  # a multiplier written after the first number of a range (5万至10万元)
    about_mark: str = ""  # 来 between number and unit (十来个)
    denominator: str = ""  # N of a fraction N分之M (三分之一), else ""
    wan_rest: str = ""  # digits written after 万 (2万9620个: 9620), else ""

    @property
    def surface(self) -> str:
        return self.text[self.start : self.end]

    def before(self, width: int) -> str:
        """Up to ``width`` characters before the mention (before its approx prefix)."""
        return self.text[max(0, self.match_start - width) : self.match_start]

    def after(self, width: int) -> str:
        """Up to ``width`` characters after the mention (after its approx suffix)."""
        return self.text[self.match_end : self.match_end + width]


def to_candidate(match: re.Match[str]) -> Candidate | None:
    """Describe a :data:`CANDIDATE` match; None for a Chinese numeral without a unit (统一, 一些).

    Example:
        >>> to_candidate(next(CANDIDATE.finditer("共培训1654人（次）"))).measure
        '人（次）'
    """
    if match["cnum"] is not None and match["measure"] is None and match["measure1"] is None:
        return None  # the cheapest test first: most such matches are 一 in ordinary words
    text = match.string
    groups = match.groupdict()
    if groups["date"] or groups["formula"]:
        kind = "date" if groups["date"] else "formula"
        return Candidate(match.start(), match.start(), match.end(), match.end(), text, match.group(), "", False, False, "", "", "", "", "", "", kind)
    measure = groups["measure"] or groups["measure1"] or ""
    chinese = groups["cnum"] is not None
    percent_words = groups["pct"] is not None
    half = groups["half"] is not None
    fraction = groups["fnum"] is not None
    if chinese and not measure:
        return None
    number_group = "pct" if percent_words else ("half" if half else ("fnum" if fraction else ("cnum" if chinese else "num")))
    suffix = groups["suffix"] or ""
    if groups["prefix"] in ROUND_ONLY_PREFIXES and not half and not _is_round(groups[number_group]):
        return None  # 上/过 before an ordinary number: not a qualifier (以上3人 is read from 3)
    return Candidate(
        match_start=match.start(),
        start=match.start("fden") if fraction else match.start(number_group) - (3 if percent_words else 0),
        end=match.end() - len(suffix),
        match_end=match.end(),
        text=text,
        number=groups[number_group],
        number_high=groups["num2"] or groups["cnum2"] or "",
        chinese=chinese,
        percent_words=percent_words,
        multiplier=groups["mult"] or "",
        measure=measure,
        prefix=groups["prefix"] or "",
        suffix=suffix,
        over_mark=groups["over1"] or groups["over2"] or "",
        range_word=groups["rsep"] or groups["crsep"] or "",
        kind="quantity",
        half=half,
        multiplier_low=groups["mult1"] or "",
        about_mark=groups["about"] or "",
        denominator=groups["fden"] or "",
        wan_rest=groups["wanrest"] or "",
    )


def _is_round(number: str) -> bool:
    """A numeral made of round units only (百, 千, 万, 百万): 上百, 近千, 逾万."""
    return bool(number) and not number.strip(ROUND_NUMERALS)


def _approx(candidate: Candidate) -> tuple[str, str]:
    """``approx`` class and the word that gives it."""
    if candidate.number_high:
        return "range", candidate.range_word
    if candidate.prefix and not (candidate.prefix in ROUND_ONLY_PREFIXES and candidate.over_mark):
        return APPROX_PREFIXES[candidate.prefix], candidate.prefix  # but 上百余名: 余 says more
    if candidate.over_mark:
        return "over", candidate.over_mark
    if candidate.about_mark:
        return "about", candidate.about_mark
    if candidate.measure in SPLIT_DURATIONS and SPLIT_DURATIONS[candidate.measure][1] != "exact":
        return SPLIT_DURATIONS[candidate.measure][1], candidate.measure[1]
    if candidate.suffix:
        return APPROX_SUFFIXES[candidate.suffix], candidate.suffix
    window = candidate.before(16)
    detached = _DETACHED.search(window[-8:])
    if detached:
        return DETACHED_PREFIXES[detached.group(1)], detached.group(1)
    if "约" in window or "近" in window:  # cheap test before the regex
        linked = _LINKED.search(window)
        if linked:
            return LINKED_ESTIMATES[linked.group(1)], linked.group(1)
    return "exact", ""


_DIGIT_START = re.compile(f"[{DIGIT}]")
_DIGITS = re.compile(f"[{DIGIT}]+")


def _parse(number: str, chinese: bool) -> ParsedNumber | NotANumber:
    if chinese or not _DIGIT_START.match(number):
        return parse_chinese(number)
    return parse_arabic(number)


#: A festival or contest held N times counts its editions (举办八届桃花节): 届 after 举办 is no congress.
_EDITIONS = re.compile(r"(?:举办|举行|承办|主办|办)(?:了|过)?$")


def _unit_veto(candidate: Candidate, unit: str) -> tuple[Reason, str] | None:
    """Why the word after the number is not a unit here (a date, a meeting, a name …), or None.

    Example:
        >>> _unit_veto(to_candidate(next(CANDIDATE.finditer("十一期间"))), "期")
        (<Reason.YEAR_OR_DATE: 'year_or_date'>, '期间 (a period)')
    """
    measure = candidate.measure
    if not measure:
        return None
    if measure in MEETING_MARKS and not _EDITIONS.search(candidate.text, 0, candidate.match_start):
        return Reason.MEETING, "congress or plenum number"
    if is_time_word(measure):
        return Reason.YEAR_OR_DATE, f"number followed by {measure}"
    following = candidate.text[candidate.end : candidate.end + 1]
    if following and PERIOD_WORDS.get(unit) == following:
        return Reason.YEAR_OR_DATE, f"{unit}{following} (a period)"
    if candidate.chinese and unit in ARABIC_ONLY_UNITS:
        return Reason.NAME, f"Chinese numeral + {measure} names places or a slogan (三区三州)"
    if following and following in UNIT_NOT_BEFORE.get(unit, ""):
        return Reason.NO_UNIT, f"{measure} opens a word here ({measure}{following}), not a unit"
    return None


def _read_value(candidate: Candidate) -> ParsedNumber | NotANumber:
    """The number of a candidate: 50 for 半数; a round numeral (百, 千, 万) only with an estimate
    word (百余名, 近千名, 上万元) or in 百分之百."""
    if candidate.half:
        return ParsedNumber(Decimal(50))
    if (candidate.over_mark or candidate.prefix or candidate.about_mark or candidate.percent_words) and _is_round(candidate.number):
        return parse_chinese("一" + candidate.number)
    return _parse(candidate.number, candidate.chinese)


#: People named right after a bare 万 or 亿 (7800多万党员, 6.2万贫困人口): the number counts persons.
_PEOPLE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:党员|人口|群众|居民|职工|干部|农民)")


def read_candidate(candidate: Candidate | re.Match[str]) -> Quantity | NotAQuantity:
    """Read a candidate on its own: a :class:`Quantity`, or a :class:`NotAQuantity` with the reason.

    Example:
        >>> [read_candidate(m).reason.value for m in CANDIDATE.finditer("2024年 5221 “2+1” 千千万万个")]
        ['year_or_date', 'no_unit', 'formula', 'not_a_number']
        >>> q = read_candidate(next(CANDIDATE.finditer("每村储备1至2名")))
        >>> q.value, q.value_high, q.approx
        (Decimal('1'), Decimal('2'), 'range')
        >>> [(q.value_norm, q.unit, q.approx) for q in map(read_candidate, CANDIDATE.finditer("近千名，四成以上，5万至10万元"))]
        [(Decimal('1000'), '名', 'about'), (Decimal('40'), '%', 'over'), (Decimal('50000'), '元', 'range')]
        >>> [(q.surface, q.value, q.value_norm) for q in map(read_candidate, CANDIDATE.finditer("2萬9620個鄉鎮、11万9437个社区"))]
        [('2萬9620個', Decimal('2.962'), Decimal('29620.000')), ('11万9437个', Decimal('11.9437'), Decimal('119437.0000'))]
        >>> [(q.surface, q.unit_class) for q in map(read_candidate, CANDIDATE.finditer("7800多万党员，6.2万贫困人口，产值3亿"))]
        [('7800多万', 'person'), ('6.2万', 'person'), ('3亿', 'other')]
    """
    if isinstance(candidate, re.Match):
        described = to_candidate(candidate)
        if described is None:
            return NotAQuantity(candidate.start(), candidate.end(), candidate.group(), Reason.NO_UNIT, "Chinese numeral without a unit")
        candidate = described
    surface = candidate.surface
    span = (candidate.start, candidate.end, surface)
    if candidate.kind == "date":
        return NotAQuantity(*span, Reason.YEAR_OR_DATE, "date")
    if candidate.kind == "formula":
        return NotAQuantity(*span, Reason.FORMULA, "numbers joined by + (or a lost +)")
    unit = normalize_unit(candidate.measure) if candidate.measure else ""
    veto = _unit_veto(candidate, unit)
    if veto is not None:
        return NotAQuantity(*span, *veto)
    if candidate.denominator:
        return _fraction(candidate)
    parsed = _read_value(candidate)
    if not isinstance(parsed, ParsedNumber):
        return NotAQuantity(*span, Reason.NOT_A_NUMBER, parsed.why)
    value, multiplier = parsed.value, parsed.multiplier
    if candidate.multiplier:
        multiplier *= MULTIPLIERS[candidate.multiplier]
    if candidate.wan_rest:  # 2万9620个 = 2.962万: the digits after 万 are its units
        if candidate.number_high or not _DIGITS.fullmatch(candidate.number):
            return NotAQuantity(*span, Reason.NOT_A_NUMBER, "digits after 万 of a decimal or a range")
        value += Decimal(int(unicodedata.normalize("NFKC", candidate.wan_rest))) / 10_000
    high = None
    if candidate.number_high:
        parsed_high = _parse(candidate.number_high, candidate.chinese)
        if not isinstance(parsed_high, ParsedNumber):
            return NotAQuantity(*span, Reason.NOT_A_NUMBER, parsed_high.why)
        high = parsed_high.value * parsed_high.multiplier
        if candidate.multiplier_low:  # 5千至1万元: the low bound has its own multiplier
            low_multiplier = MULTIPLIERS[candidate.multiplier_low]
            high = high * multiplier / low_multiplier
            multiplier = low_multiplier
    if candidate.percent_words or candidate.half:
        unit = "%"
    elif unit == TENTHS:
        unit, multiplier = "%", multiplier * 10  # 四成 = 40%
    elif candidate.measure in SPLIT_DURATIONS:
        unit, _, extra = SPLIT_DURATIONS[candidate.measure]  # 3个多月, 两个半月
        value += Decimal(extra)
    elif not unit and multiplier == 1:
        return NotAQuantity(*span, Reason.NO_UNIT, "a number without a unit (a code, a brand, a formula part)")
    measured = unit_class(unit) if unit else ("person" if _PEOPLE_AFTER.match(candidate.text, candidate.match_end) else "other")
    if measured == "age_years" and value * multiplier > MAX_AGE:
        return NotAQuantity(*span, Reason.NOT_A_NUMBER, f"an age over {MAX_AGE} years (digits run together)")
    if high is not None and high <= value:
        return NotAQuantity(*span, Reason.YEAR_OR_DATE if "-" in surface else Reason.NOT_A_NUMBER, "not an increasing range")
    approx, qualifier = _approx(candidate)
    return Quantity(
        start=candidate.start,
        end=candidate.end,
        surface=surface,
        value=value,
        multiplier=multiplier,
        unit=unit,  # "" for 1.2万: a quantity without a unit
        unit_class=measured,
        approx=approx,
        value_high=high,
        qualifier=qualifier,
        outer_start=candidate.match_start,
        outer_end=candidate.match_end,
    )


def _fraction(candidate: Candidate) -> Quantity | NotAQuantity:
    """``三分之一``: the fraction's value to four decimals (0.3333), without unit (class other).

    Example:
        >>> q = read_candidate(next(CANDIDATE.finditer("约占职工总数的三分之一")))
        >>> q.surface, q.value, q.unit_class, q.approx
        ('三分之一', Decimal('0.3333'), 'other', 'about')
    """
    span = (candidate.start, candidate.end, candidate.surface)
    numerator, denominator = parse_chinese(candidate.number), parse_chinese(candidate.denominator)
    if not isinstance(numerator, ParsedNumber) or not isinstance(denominator, ParsedNumber) or not denominator.norm:
        return NotAQuantity(*span, Reason.NOT_A_NUMBER, "malformed fraction")
    if numerator.norm >= denominator.norm:
        return NotAQuantity(*span, Reason.NOT_A_NUMBER, "not a proper fraction")
    approx, qualifier = _approx(candidate)
    value = (numerator.norm / denominator.norm).quantize(Decimal("0.0001"))
    return Quantity(candidate.start, candidate.end, candidate.surface, value, 1, "", "other", approx, None, qualifier,
                    candidate.match_start, candidate.match_end)


def find_candidates(text: str) -> list[Candidate]:
    """Every candidate in ``text``, in order.

    Example:
        >>> [c.surface for c in find_candidates("七个村派驻第一书记，统一部署")]
        ['七个', '一部']
    """
    return [c for c in map(to_candidate, CANDIDATE.finditer(text)) if c is not None]
