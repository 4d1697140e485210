"""Numerals and units: Arabic (ASCII, full-width, decimals, spaced thousands) and Chinese."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dangjian.indicators import NotANumber, ParsedNumber, parse_number, plain_decimal
from dangjian.indicators.numerals import parse_arabic, parse_chinese
from dangjian.indicators.units import normalize_unit, unit_class


@pytest.mark.parametrize(
    ("text", "value", "multiplier"),
    [
        ("3799", "3799", 1),
        ("３７９９", "3799", 1),  # full-width digits
        ("３３．３", "33.3", 1),
        ("11 722.79", "11722.79", 1),  # a space as thousands separator
        ("11,722.79", "11722.79", 1),
        ("1.64亿", "1.64", 100_000_000),
        ("2.1万", "2.1", 10_000),
        ("3千", "3", 1_000),
        ("七", "7", 1),
        ("三", "3", 1),
        ("两", "2", 1),
        ("十", "10", 1),
        ("十一", "11", 1),
        ("二十", "20", 1),
        ("一百零五", "105", 1),
        ("三千二百", "3200", 1),
        ("两万", "2", 10_000),
        ("一万二千", "12000", 1),
        ("兩", "2", 1),
    ],
)
def test_numbers_are_read_with_value_as_written_and_multiplier(text, value, multiplier):
    parsed = parse_number(text)
    assert parsed == ParsedNumber(Decimal(value), multiplier)


@pytest.mark.parametrize("text", ["千千万万", "一两", "三五", "万", "百", "千", "十百", "1 1", "abc", ""])
def test_what_is_not_one_number_gives_a_typed_result_not_an_exception(text):
    parsed = parse_number(text)
    assert isinstance(parsed, NotANumber)
    assert not parsed
    assert parsed.why


def test_arabic_and_chinese_readers_refuse_each_other():
    assert isinstance(parse_arabic("十一"), NotANumber)
    assert isinstance(parse_chinese("11"), NotANumber)


def test_plain_decimal_never_uses_an_exponent():
    assert plain_decimal(Decimal("2.1") * 10_000) == "21000"
    assert plain_decimal(Decimal("98.40") * 100_000_000) == "9840000000"
    assert plain_decimal(Decimal("1E+20")) == "100000000000000000000"
    assert plain_decimal(Decimal("33.30")) == "33.3"


@pytest.mark.parametrize(
    ("written", "unit", "klass"),
    [
        ("人(次)", "人次", "person_time"),
        ("人（次）", "人次", "person_time"),
        ("人次", "人次", "person_time"),
        ("名", "名", "person"),
        ("位", "位", "person"),
        ("個", "个", "count"),
        ("場次", "场次", "count"),
        ("件次", "件次", "count"),
        ("畝", "亩", "area_mu"),
        ("歲", "岁", "age_years"),
        ("%", "%", "percent"),
        ("％", "%", "percent"),
        ("元", "元", "money_cny"),
        ("次", "次", "times"),
        ("平方米", "平方米", "other"),
    ],
)
def test_units_are_simplified_and_classed(written, unit, klass):
    assert normalize_unit(written) == unit
    assert unit_class(written) == klass
