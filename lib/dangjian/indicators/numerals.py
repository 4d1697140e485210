"""Numerals: Arabic (ASCII or full-width, decimals, spaced or comma thousands) and Chinese.

``parse_number`` reads one numeral and returns a :class:`ParsedNumber` (value as written plus
the 万/亿/千 multiplier written after it) or a typed :class:`NotANumber` — never an exception.

Example:
    >>> parse_number("2.1万"), parse_number("十一"), parse_number("１１ ７２２.７９")
    (ParsedNumber(value=Decimal('2.1'), multiplier=10000), ParsedNumber(value=Decimal('11'), multiplier=1), ParsedNumber(value=Decimal('11722.79'), multiplier=1))
    >>> bool(parse_number("千千万万"))
    False
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from dangjian.indicators.results import NotANumber, ParsedNumber

#: Digit characters (ASCII and full-width) and the decimal point forms.
DIGIT = "0-9\uff10-\uff19"
DIGIT_CHARS = "0123456789" + "".join(chr(c) for c in range(0xFF10, 0xFF1A))
#: An Arabic number: digits with an optional decimal part; thousands may be grouped by a
#: comma or a single space (``11 722.79``) — a lone ``1 1`` is not a thousands group, and a group
#: has exactly three digits (``预备党员15，5221个``: two numbers).
ARABIC = rf"[{DIGIT}]{{1,3}}(?:[,，][{DIGIT}]{{3}}(?![{DIGIT}]))+(?:[.．][{DIGIT}]+)?|[{DIGIT}]{{1,3}}(?:[ ][{DIGIT}]{{3}}(?![{DIGIT}]))+(?:[.．][{DIGIT}]+)?|[{DIGIT}]+(?:[.．][{DIGIT}]+)?"

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
#: Characters a Chinese numeral is made of.
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS) + "".join(CHINESE_LARGE_UNITS)
CHINESE = f"[{CHINESE_NUMERAL_CHARS}]+"

#: Multipliers written after a number (``2.1万``, ``1.64亿``, ``3千``), longest first.
MULTIPLIERS = {"万亿": 10**12, "萬億": 10**12, "亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4, "千": 10**3}
MULTIPLIER = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))

_ARABIC_FULL = re.compile(rf"(?:{ARABIC})")
_SEPARATORS = re.compile(r"[ ,，]")
_ARABIC_WITH_MULTIPLIER = re.compile(rf"({ARABIC})({MULTIPLIER})?")


def parse_arabic(text: str) -> ParsedNumber | NotANumber:
    """Read an Arabic numeral (full-width digits, thousands separators allowed).

    Example:
        >>> parse_arabic("11 722.79").value, parse_arabic("３７９９").value, bool(parse_arabic("1 1"))
        (Decimal('11722.79'), Decimal('3799'), False)
    """
    if text.isascii() and text.isdigit():
        return ParsedNumber(Decimal(text))  # plain ASCII digits: the common case, read directly
    if not _ARABIC_FULL.fullmatch(text):
        return NotANumber(text, "not an Arabic numeral (a lone '1 1' is two numbers)")
    normalized = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    try:
        return ParsedNumber(Decimal(normalized))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return NotANumber(text, "not a decimal number")


def _parse_below_10000(text: str) -> int | None:
    """Value of a Chinese numeral below 10 000 (十一, 二十, 一百零五, 三千二百), else None."""
    if not text:
        return 0
    total, digit, last_unit = 0, None, 10_000
    for char in text:
        if char in CHINESE_DIGITS:
            if digit is not None and not (digit == 0 or CHINESE_DIGITS[char] == 0):
                return None  # two digits in a row: 一两, 三五 (an estimate, not a number)
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_SMALL_UNITS:
            unit = CHINESE_SMALL_UNITS[char]
            if unit >= last_unit:
                return None  # 千千, 十百: not a numeral
            if digit is None:
                if unit != 10 or total:
                    return None  # 百 / 千 without a digit is vague (百村, 千家)
                digit = 1  # 十一 = 11
            total += digit * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit is not None:
        total += digit
    return total


def parse_chinese(text: str) -> ParsedNumber | NotANumber:
    """Read a Chinese numeral; a trailing 万/亿 is returned as the multiplier.

    Example:
        >>> parse_chinese("七"), parse_chinese("两万").multiplier, parse_chinese("一万二千").value
        (ParsedNumber(value=Decimal('7'), multiplier=1), 10000, Decimal('12000'))
        >>> parse_chinese("十万"), parse_chinese("十五万").value
        (ParsedNumber(value=Decimal('10'), multiplier=10000), Decimal('15'))
        >>> parse_chinese("万").why, parse_chinese("零").why
        ('a multiplier without a number (万户, 千家万户) is not a count', '零 alone opens a word (零部件, 零距离), not a count')
    """
    normalized = text.replace("萬", "万").replace("億", "亿").replace("兩", "两")
    if not normalized or any(c not in CHINESE_NUMERAL_CHARS for c in normalized):
        return NotANumber(text, "not a Chinese numeral")
    if normalized.strip("十百千万亿") == "" and not normalized.startswith("十"):
        return NotANumber(text, "a multiplier without a number (万户, 千家万户) is not a count")
    if normalized.strip("零〇") == "":
        return NotANumber(text, "零 alone opens a word (零部件, 零距离), not a count")
    if normalized.startswith("十"):
        normalized = "一" + normalized  # 十万 = 一十万
    multiplier = 1
    for suffix, factor in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
        if normalized.endswith(suffix) and len(normalized) > len(suffix):
            head = normalized[: -len(suffix)]
            if not any(c in "万亿" for c in head):
                normalized, multiplier = head, factor
            break
    total = 0
    rest = normalized
    for large, factor in (("亿", 10**8), ("万", 10**4)):
        if large in rest:
            head, _, rest = rest.partition(large)
            if large in rest:
                return NotANumber(text, f"{large} twice")
            value = _parse_below_10000(head)
            if value is None or value == 0:
                return NotANumber(text, "malformed Chinese numeral")
            total += value * factor
    value = _parse_below_10000(rest)
    if value is None:
        return NotANumber(text, "malformed Chinese numeral or an estimate such as 一两/三五")
    total += value
    return ParsedNumber(Decimal(total), multiplier)


def parse_number(text: str) -> ParsedNumber | NotANumber:
    """Read an Arabic or Chinese numeral, with a 万/亿/千 multiplier after an Arabic one.

    Example:
        >>> parse_number("1.64亿"), parse_number("三")
        (ParsedNumber(value=Decimal('1.64'), multiplier=100000000), ParsedNumber(value=Decimal('3'), multiplier=1))
    """
    text = text.strip()
    match = _ARABIC_WITH_MULTIPLIER.fullmatch(text)
    if match:
        parsed = parse_arabic(match.group(1))
        if not parsed or not match.group(2):
            return parsed
        return ParsedNumber(parsed.value, MULTIPLIERS[match.group(2)])
    return parse_chinese(text)
