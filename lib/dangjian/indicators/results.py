"""Typed results of reading a number in context: a :class:`Quantity` or a :class:`NotAQuantity`.

Parsing never raises to say "this is not a quantity": it returns :class:`NotAQuantity` with a
:class:`Reason`, so that excluded numbers can be counted, listed and audited like the others.

Example:
    >>> from decimal import Decimal
    >>> q = Quantity(0, 5, "3799个", Decimal("3799"), 1, "个", "count")
    >>> q.value_norm, bool(q), bool(NotAQuantity(0, 5, "2024年", Reason.YEAR_OR_DATE))
    (Decimal('3799'), True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Reason(str, Enum):
    """Why a number is not reported as a quantitative indicator."""

    NOT_A_NUMBER = "not_a_number"  # malformed or vague numeral: 千千万万, 一两, 万 alone
    NO_UNIT = "no_unit"  # a bare number: brand, code, formula part (365品牌, 5221模式)
    YEAR_OR_DATE = "year_or_date"  # 2024年, 2020-05-09, 5月, 一年来, 近两年
    ORDINAL = "ordinal"  # 第一书记, 第二批, 二期, 二级
    ARTICLE = "article_or_idiom"  # 一个支部, 一项基本职责, 新一轮, 一批
    IDIOM = "idiom"  # 千千万万个, 三番五次, 四面八方
    SLOGAN = "slogan"  # 三会一课, 四个意识, 四个一, 千警进万户
    FORMULA = "formula"  # 2+1, “1 1”, 5+N
    QUOTED = "quoted_name"  # a number inside a short quotation: “光荣在党50年”, “十户联体”
    TITLE = "document_title"  # 《…三年计划》
    SERVICE_RADIUS = "service_radius"  # 15分钟便民服务圈
    TIME_LIMIT = "time_limit"  # 5分钟内登记诉求, 2天内给出方案: a deadline a rule sets
    DURATION = "duration"  # 历时3分钟, 用5个月时间, 前三个季度: a span of time in minutes, months, quarters or weeks
    MEETING = "meeting_name"  # 十九届四中全会, 二十大
    NAME = "proper_name"  # 三门峡, 五台县
    RATE_BASE = "rate_base"  # 每100名党员
    FURNITURE = "page_furniture"  # 访问次数：895
    PERSON = "one_person"  # 76岁老人马秦芳: the age of one person a story names


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text: its value as written and the multiplier written after it.

    Example:
        >>> ParsedNumber(Decimal("2.1"), 10000).norm
        Decimal('21000.0')
    """

    value: Decimal
    multiplier: int = 1

    @property
    def norm(self) -> Decimal:
        return self.value * self.multiplier


@dataclass(frozen=True)
class NotANumber:
    """Text that looks numeric but is not one number (千千万万, 一两, 数十)."""

    text: str
    why: str

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True)
class Quantity:
    """A quantitative mention: offsets in the text it was read from, value, unit and precision.

    ``approx`` is one of exact, over, at_least, about, under, range; ``value_high`` is the upper
    bound of a range (else None); ``qualifier`` is the word that gives ``approx`` (超过, 余, 以上). ``start``/``end`` cover number + multiplier + unit only; words
    such as 超过 before the number are carried by ``approx``.
    """

    start: int
    end: int
    surface: str
    value: Decimal
    multiplier: int
    unit: str
    unit_class: str
    approx: str = "exact"
    value_high: Decimal | None = None
    qualifier: str = ""  # the word that gives approx, as written: 超过, 余, 以上, 至 …
    outer_start: int | None = None  # start including a qualifier before the number (超过)
    outer_end: int | None = None  # end including a qualifier after the unit (以上)

    @property
    def outer(self) -> tuple[int, int]:
        """The span including qualifiers written before and after (``超过20万元``, ``35岁以下``)."""
        return (self.start if self.outer_start is None else self.outer_start, self.end if self.outer_end is None else self.outer_end)

    @property
    def value_norm(self) -> Decimal:
        return self.value * self.multiplier

    @property
    def value_high_norm(self) -> Decimal | None:
        return None if self.value_high is None else self.value_high * self.multiplier

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True)
class NotAQuantity:
    """A number that is not reported, with the reason (a year, an ordinal, a slogan ...)."""

    start: int
    end: int
    surface: str
    reason: Reason
    detail: str = ""

    def __bool__(self) -> bool:
        return False


def plain_decimal(number: Decimal | None) -> str:
    """A decimal as plain text without exponent or trailing zeros ('' for None).

    Example:
        >>> plain_decimal(Decimal("1.64") * 100000000), plain_decimal(Decimal("98.40")), plain_decimal(None)
        ('164000000', '98.4', '')
    """
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text
