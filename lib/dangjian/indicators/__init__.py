"""Quantitative indicators: every number of a report, what it measures, its kind, its core
indicator and where it came from.

Example:
    >>> from dangjian.indicators import quantities
    >>> [(q.surface, str(q.value_norm), q.unit_class) for q in quantities("完成投资1.64亿元，约谈村干部三人次")]
    [('1.64亿元', '164000000.00', 'money_cny'), ('三人次', '3', 'person_time')]
"""

from dangjian.indicators.core import KINDS, CoreIndicator, core_indicators, core_table
from dangjian.indicators.extract import COLUMNS, excluded_numbers, extract, for_export, quantities, read_text
from dangjian.indicators.grammar import read_candidate
from dangjian.indicators.numerals import parse_number
from dangjian.indicators.results import NotANumber, NotAQuantity, ParsedNumber, Quantity, Reason, plain_decimal
from dangjian.indicators.taxonomy import Indicator, Mapping, Taxonomy, TaxonomyError, load_taxonomy, parse_taxonomy

__all__ = [
    "COLUMNS", "KINDS", "CoreIndicator", "Indicator", "Mapping", "NotANumber", "NotAQuantity",
    "ParsedNumber", "Quantity", "Reason", "Taxonomy", "TaxonomyError", "core_indicators", "core_table", "excluded_numbers",
    "extract", "for_export", "load_taxonomy", "parse_number", "parse_taxonomy", "plain_decimal", "quantities",
    "read_candidate", "read_text",
]
