"""Analysis-ready exports: tables a researcher opens in Excel, Stata, R or pandas, with a codebook.

:func:`write_exports` writes, into one export folder, each table as CSV (UTF-8 with a BOM, so
that Excel shows the Chinese), Excel (.xlsx) and Stata (.dta, format 118, Unicode), and the
codebook that describes every column of every table (``codebook.csv`` and ``codebook.md``):

- ``documents``: one row per document: its metadata (region, province, prefecture, county,
  township, level, year, genre …), lengths, structure and cleaning counts, and, when the indicator
  table is given, how many quantities it reports (:func:`documents_export`);
- ``indicators``: one row per quantity, with the document's region, level, year and genre beside
  it and every part of a comparison in its own column: value, unit, unit class, kind, core id,
  subject, sentence and position in the raw file (:func:`indicators_export`);
- ``indicators_wide``: one row per document, one column per core indicator × kind × unit class
  (values are comparable only when all three agree; for the unit class ``other`` the unit is part
  of the column too), holding ONE number per cell, with a count and an approximation flag beside
  it (:func:`wide_export`).

**Several values for one cell.** A document may give several numbers for one core indicator,
kind and unit class (a total and a sub-total, this year and last year). The long table keeps them
all. The wide table takes the **first by position in the document** (the headline number of a
report comes first), counts the distinct ones in ``<column>__n`` (a number stated again, as a
headline restating the body, counts once), flags an approximate first value (over,
at least, about, under, range) in ``<column>__approx`` and says what it measures (its subject) in
``<column>__subject``. Thresholds (``35岁以下``) and unmapped
quantities are never in the wide table.

**Excel-safe CSV.** In a CSV, a text value that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return would be read by Excel as a formula: it is written with a leading apostrophe
(``'=1+1``), which Excel shows as text (:func:`excel_csv_text`). Numbers are written as plain
decimals (no exponent, no float noise); the .xlsx and .dta files keep every value as it is (the
Excel file through :func:`dangjian.project.io.write_table`, where every text is a text cell, cut with ``…``
only beyond the 32,767 characters an Excel cell holds).

**Stata.** Variable names are made Stata-valid (ASCII letters, digits and ``_``, at most 32
characters, not a reserved word, unique): the codebook's ``stata_name`` column keeps the mapping,
and the variable labels are the codebook's meanings. 0/1 columns are integers everywhere.

The codebook is the one home of what an exported column means (:data:`COLUMN_MEANINGS`); its
allowed values come from the project's own lists: unit classes (:data:`~dangjian.indicators.units.UNIT_CLASSES`),
kinds (:data:`~dangjian.indicators.core.KINDS`), core ids (``data/core_indicators.csv``),
levels (:data:`~dangjian.reading.corpus.LEVELS`). Every file is written atomically and the same tables
give the same bytes (the .dta time stamp is fixed).

Example:
    >>> import tempfile
    >>> documents = pd.DataFrame({"doc_id": ["a"], "region": ["平凉市"], "level": ["prefecture"], "year": ["2024"]})
    >>> folder = Path(tempfile.mkdtemp())
    >>> sorted(path.name for path in write_exports(folder, documents))
    ['codebook.csv', 'codebook.md', 'documents.csv', 'documents.dta', 'documents.xlsx']
    >>> (folder / "documents.csv").read_bytes()[:3] == "\\ufeff".encode()
    True
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from dangjian.comparison.compare import comparable_mask, restatements
from dangjian.indicators.core import KINDS, core_indicators
from dangjian.indicators.grammar import APPROX_PREFIXES, APPROX_SUFFIXES
from dangjian.indicators.results import plain_decimal
from dangjian.indicators.units import UNIT_CLASSES
from dangjian.project.cache import Cache, frame_digest
from dangjian.project.io import atomic_open, atomic_path, write_table, write_text_atomic
from dangjian.project.schema import DOCUMENT_COLUMNS, INDICATOR_COLUMNS
from dangjian.reading.corpus import LEVELS

#: Modules whose code decides the bytes of an export (part of its cache key).
EXPORT_MODULES = ("running.exports", "project", "indicators", "reading.corpus")
#: Name of the export folder inside a notebook's output folder.
EXPORT_FOLDER = "export"
#: Tables of an export, in the order the codebook lists them.
TABLES = ("documents", "indicators", "indicators_wide")
#: Columns of the codebook.
CODEBOOK_COLUMNS = ("table", "column", "stata_name", "type", "unit", "meaning", "allowed_values")
#: Document columns set beside every quantity of the indicator table and every row of the wide table.
DOCUMENT_KEYS = ("doc_id", "region", "province", "prefecture", "county", "township", "level", "year", "genre")
#: Values of ``approx``: exact, then the classes the qualifiers give, then range.
APPROX_CLASSES = ("exact", *dict.fromkeys([*APPROX_PREFIXES.values(), *APPROX_SUFFIXES.values()]), "range")
#: The unit of ``value_norm`` for each unit class (the multiplier 万/亿 already applied).
CLASS_UNITS = {
    "count": "个 (the classifier as written: 个, 项, 户, 村 …)", "person": "人", "person_time": "人次", "money_cny": "元",
    "percent": "%", "percentage_points": "百分点", "area_mu": "亩", "age_years": "岁", "times": "次",
    "other": "the unit in the column name",
}
#: Separator of the parts of a wide column name: ``members_female__share__percent``.
WIDE_SEPARATOR = "__"
#: Suffixes of the companion columns of a wide value column.
WIDE_COMPANIONS = {
    "n": "number of distinct values the document gives (a number stated again counts once; the value column holds the first)",
    "approx": "1 when the first value is approximate (over, at least, about, under, range), else 0",
    "subject": "what the first value measures, as its sentence says (one core indicator gathers cut-offs and parts: 30岁及以下, 大专)",
}
#: Time stamp written into .dta files, so that the same table gives the same bytes.
STATA_TIMESTAMP = datetime.datetime(2000, 1, 1)
#: Longest string Stata stores in a fixed-width variable (bytes); longer text becomes a strL.
STATA_STR_MAX = 2045
#: Longest Stata variable label (characters).
STATA_LABEL_MAX = 80
#: A text that Excel would read as a formula when it opens a CSV.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_LEVELS = ", ".join(LEVELS)
#: What each exported column means and, where the project fixes them, its allowed values; the
#: codebook reads it. Columns of a corpus's own metadata.csv not listed here are described as such.
COLUMN_MEANINGS: dict[str, tuple[str, str]] = {
    # documents: metadata
    "doc_id": ("document identifier (metadata.csv, else the file name without suffix); joins the tables", ""),
    "file": ("file name of the document in the corpus folder", ""),
    "title": ("title of the document (metadata.csv)", ""),
    "region": ("region the document speaks for (metadata.csv)", ""),
    "province": ("province of the region (metadata.csv)", ""),
    "prefecture": ("prefecture-level city of the region (metadata.csv)", ""),
    "county": ("county-level unit (county, district, county-level city) of the region (metadata.csv)", ""),
    "township": ("township or street of the region (metadata.csv)", ""),
    "level": ("administrative level of the issuing body (metadata.csv); empty when unknown", _LEVELS),
    "year": ("year the document reports on, as recorded in metadata.csv (text; empty when unknown)", ""),
    "year_basis": ("how the year was established (metadata.csv): stated in the text or inferred", ""),
    "genre": ("genre of the document (metadata.csv): annual review, speech, work summary …", ""),
    "author": ("author (metadata.csv, else an author line of the text)", ""),
    "author_position": ("position of the author, from the author line of the text", ""),
    "script": ("script of the raw text (metadata.csv)", "hans (simplified), hant (traditional), empty"),
    "encoding": ("encoding the raw file was decoded with", ""),
    "date": ("publication date found in the text (YYYY-MM-DD)", ""),
    "editor": ("editor named in the page furniture", ""),
    "source": ("source named in the page furniture", ""),
    "visits": ("visit count printed on the web page", ""),
    "raw_chars": ("characters of the raw text", ">= 0"),
    "clean_chars": ("characters of the clean text", ">= 0"),
    "paragraphs": ("paragraphs of the clean text", ">= 0"),
    "sentences": ("sentences of the clean text", ">= 0"),
    "sections": ("sections (headed parts) of the clean text", ">= 0"),
    "pinyin_removed": ("pinyin readings removed by cleaning", ">= 0"),
    "lost_characters": ("characters lost in transmission (? or U+FFFD), kept and counted", ">= 0"),
    "placeholders": ("redactions and template-site names replaced by the placeholder □", ">= 0"),
    "furniture_lines": ("lines of web-page furniture removed by cleaning", ">= 0"),
    "text_digest": ("fingerprint of the clean text (BLAKE2b, 16 hex digits): documents with the same clean text share it", ""),
    # documents: counts of the indicator table
    "quantities": ("quantities (rows of the indicator table) of the document", ">= 0"),
    "mapped": ("quantities of the document mapped to a core indicator (thresholds excluded)", ">= 0"),
    "thresholds": ("numbers of the document that only bound a group (35岁以下)", ">= 0"),
    # indicators
    "sentence_id": ("position of the sentence in the document (from 0)", ">= 0"),
    "start": ("start offset of the quantity in the clean text", ">= 0"),
    "end": ("end offset (exclusive) of the quantity in the clean text", ">= 0"),
    "raw_start": ("start offset of the quantity in the raw file's text", ">= 0"),
    "raw_end": ("end offset (exclusive) of the quantity in the raw file's text", ">= 0"),
    "surface": ("the quantity as written in the clean text: number, multiplier and unit", ""),
    "raw_surface": ("the same span of the raw file (traditional characters, pinyin as the file has them)", ""),
    "value": ("the number as written, without its multiplier (1.64 of 1.64亿元)", ""),
    "multiplier": ("the multiplier written after the number (万 = 10000, 亿 = 100000000), else 1", ">= 1"),
    "value_norm": ("value × multiplier, in the unit of `unit` (the lower bound of a range)", ""),
    "unit": ("the unit without its multiplier, simplified (元 of 亿元, 人次 of 人(次))", ""),
    "unit_class": ("class of the unit; values compare only within one class", ", ".join(UNIT_CLASSES)),
    "approx": ("precision the text gives: exact, over (超过, 以上), at least, about, under, range", ", ".join(APPROX_CLASSES)),
    "value_high": ("upper bound of a range, × multiplier; empty unless approx is range", ""),
    "qualifier": ("the word that gives approx, as written (超过, 余, 以上, 至 …)", ""),
    "threshold": ("1 when the number only bounds a group (21个村村财收入超过20万元, 35岁以下党员), else 0", "0, 1"),
    "subject": ("what is measured, read from the clause", ""),
    "kind": ("kind of quantity: amount, share (part or rate), change, target; compare only within one kind", ", ".join(KINDS)),
    "core_id": ("core indicator (data/core_indicators.csv); empty when unmapped", "empty, " + ", ".join(core_indicators())),
    "core_zh": ("Chinese name of the core indicator", ""),
    "core_en": ("English name of the core indicator", ""),
    "confidence": ("confidence of the mapping to the taxonomy entry (0 when no rule matched)", "0 to 1"),
    "indicator": ("taxonomy entry the quantity is mapped to; empty when unmapped", "ids of the taxonomy used"),
    "indicator_zh": ("Chinese name of the taxonomy entry", ""),
    "indicator_en": ("English name of the taxonomy entry", ""),
    "category": ("category of the taxonomy entry", "categories of the taxonomy used"),
    "comparable": ("1 when the quantity has a core indicator and is not a threshold (it enters the wide table), else 0", "0, 1"),
    "sentence": ("the clean sentence the quantity was read from", ""),
}


# --------------------------------------------------------------------------- tables


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [column for column in frame.columns if not pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])]


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as ``object`` text with ``""`` for missing, 0/1 columns as integers.

    The table is built a column at a time (no copy of the whole frame); a text value repeated in
    a column is one string object (:func:`_as_text`).

    Example:
        >>> _tidy(pd.DataFrame({"a": ["x", None], "b": [True, False]})).to_dict("list")
        {'a': ['x', ''], 'b': [1, 0]}
    """
    text = set(_text_columns(frame))
    columns = {}
    for position, name in enumerate(frame.columns):
        column = frame.iloc[:, position].reset_index(drop=True)
        if pd.api.types.is_bool_dtype(column):
            column = column.astype("int8")
        elif name in text:
            column = pd.Series(_as_text(column), dtype=object, copy=False)
        columns[position] = column
    tidy = pd.DataFrame(columns, index=pd.RangeIndex(len(frame)), copy=False)
    tidy.columns = frame.columns
    return tidy


def _as_text(column: pd.Series) -> np.ndarray:
    """``column`` as an ``object`` array of text: ``""`` for a missing value, ``str(value)`` for
    any other. In a column of strings (the usual case) each distinct value is converted once and
    its rows share the one string; a column that mixes types is converted value by value.

    Example:
        >>> _as_text(pd.Series(["甲", None, float("nan"), "甲"])).tolist(), _as_text(pd.Series(["甲", 3, pd.NA])).tolist()
        (['甲', '', '', '甲'], ['甲', '3', ''])
    """
    if pd.api.types.infer_dtype(column, skipna=True) not in ("string", "empty"):
        return np.array([("" if gone else str(v)) for v, gone in zip(column.astype(object), column.isna())] or [], dtype=object)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = np.empty(len(uniques) + 1, dtype=object)
    texts[:-1] = list(np.asarray(uniques, dtype=object))
    texts[-1] = ""
    return texts[codes]  # code -1 (a missing value) takes the last entry, ""


def _document_keys(documents: pd.DataFrame) -> pd.DataFrame:
    """``doc_id`` and the document columns set beside every row (:data:`DOCUMENT_KEYS`)."""
    keys = _tidy(documents.reindex(columns=list(DOCUMENT_KEYS), fill_value=""))
    return keys.drop_duplicates("doc_id")


def documents_export(documents: pd.DataFrame, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document: the document table's columns (metadata, lengths, cleaning counts)
    and, with the indicator table, ``quantities``, ``mapped`` and ``thresholds``.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["平凉市", None], "clean_chars": [10, 20]})
        >>> table = pd.DataFrame({"doc_id": ["a", "a"], "core_id": ["grids", ""], "threshold": [False, True]})
        >>> documents_export(docs, table)[["doc_id", "region", "quantities", "mapped", "thresholds"]].values.tolist()
        [['a', '平凉市', 2, 1, 1], ['b', '', 0, 0, 0]]
    """
    columns = [*[c for c in DOCUMENT_COLUMNS if c in documents.columns], *[c for c in documents.columns if c not in DOCUMENT_COLUMNS]]
    table = _tidy(documents[columns])
    if indicators is not None:
        ids = indicators["doc_id"]
        for name, rows in (
            ("quantities", ids),
            ("mapped", ids[comparable_mask(indicators)]),
            ("thresholds", ids[indicators["threshold"].astype(bool)]),
        ):
            table[name] = table["doc_id"].map(rows.value_counts()).fillna(0).astype("int64")
    return table


def indicators_export(indicators: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The indicator table with the document's region, province, prefecture, county, township,
    level, year and genre beside every quantity (joined on ``doc_id``), the core indicator's names,
    and ``comparable`` (1 for the quantities of the wide table). Rows keep their order.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["平凉市"], "level": ["prefecture"], "year": ["2024"]})
        >>> table = pd.DataFrame({"doc_id": ["a"], "surface": ["25.9%"], "core_id": ["members_female"], "threshold": [False]})
        >>> indicators_export(table, docs)[["doc_id", "region", "level", "year", "core_zh", "comparable"]].values.tolist()
        [['a', '平凉市', 'prefecture', '2024', '女党员', 1]]
    """
    core = core_indicators()
    table = indicators.reset_index(drop=True)
    core_ids = table["core_id"].fillna("")
    columns = {"doc_id": table["doc_id"], **_document_columns(table["doc_id"], documents)}
    added = {
        "core_zh": pd.Series([core[c].zh if c in core else "" for c in core_ids], dtype=object),
        "core_en": pd.Series([core[c].en if c in core else "" for c in core_ids], dtype=object),
        "comparable": comparable_mask(table),
    }
    order = [c for c in INDICATOR_COLUMNS if c != "sentence"]
    order[order.index("core_id") + 1 : order.index("core_id") + 1] = list(added)
    own = [c for c in (*order, "sentence") if (c in table.columns or c in added) and c not in DOCUMENT_KEYS]
    rest = [c for c in table.columns if c not in DOCUMENT_KEYS and c not in own]
    columns |= {c: added[c] if c in added else table[c] for c in (*own, *rest)}
    return _tidy(pd.DataFrame(columns, index=table.index, copy=False))


def _document_columns(doc_ids: pd.Series, documents: pd.DataFrame) -> dict[str, pd.Series]:
    """The document columns of :data:`DOCUMENT_KEYS` beside each row of ``doc_ids`` (``""`` where the
    document is not in ``documents``), without copying the rows' own table."""
    keys = _document_keys(documents)
    found = pd.Index(keys["doc_id"]).get_indexer(doc_ids)
    columns = {}
    for key in DOCUMENT_KEYS[1:]:
        values = np.append(keys[key].to_numpy(dtype=object), "")  # position -1: a document not found
        columns[key] = pd.Series(values[found], index=doc_ids.index, dtype=object)
    return columns


def wide_key(core_id: str, kind: str, unit_class: str, unit: str = "") -> str:
    """The wide table's column for a core indicator, kind and unit class (and, for the unit class
    ``other``, the unit: months and kilometres are both ``other`` and never share a column).

    Example:
        >>> wide_key("members_female", "share", "percent"), wide_key("service_sites", "amount", "other", "平方米")
        ('members_female__share__percent', 'service_sites__amount__other__平方米')
    """
    parts = [core_id, kind, unit_class] + ([unit] if unit_class == "other" else [])
    return WIDE_SEPARATOR.join(parts)


def parse_wide_column(column: str) -> dict[str, str] | None:
    """The parts of a wide column name (core_id, kind, unit_class, unit, companion), or None for a
    column that is not one (doc_id, region …).

    Example:
        >>> parse_wide_column("members_female__share__percent__n")
        {'core_id': 'members_female', 'kind': 'share', 'unit_class': 'percent', 'unit': '%', 'companion': 'n'}
        >>> parse_wide_column("region") is None
        True
    """
    parts = column.split(WIDE_SEPARATOR)
    companion = parts.pop() if len(parts) > 3 and parts[-1] in WIDE_COMPANIONS else ""
    if len(parts) not in (3, 4) or parts[0] not in core_indicators() or parts[1] not in KINDS or parts[2] not in UNIT_CLASSES:
        return None
    if (len(parts) == 4) != (parts[2] == "other"):
        return None
    unit = parts[3] if len(parts) == 4 else CLASS_UNITS[parts[2]]
    return {"core_id": parts[0], "kind": parts[1], "unit_class": parts[2], "unit": unit, "companion": companion}


def wide_export(indicators: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document (all of them, in the document table's order), its document columns,
    then for each core indicator × kind × unit class that some document reports (core indicators in
    the order of the core list, then kinds, then unit classes): the first value by position
    (``value_norm``), what it measures (``__subject``), the number of distinct values (``__n``: a
    number stated again counts once, as in the comparison tables) and whether the first is
    approximate (``__approx``). Only comparable quantities enter (mapped, not thresholds).

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["甲", "乙"]})
        >>> table = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": [0, 0, 3], "start": [5, 9, 0],
        ...     "core_id": ["members_female"] * 3, "kind": ["share"] * 3, "unit_class": ["percent"] * 3,
        ...     "unit": ["%"] * 3, "value_norm": [25.9, 30.0, 1.0], "approx": ["exact", "about", "exact"],
        ...     "threshold": [False, False, True], "subject": ["女党员", "新发展女党员", "35岁"]})
        >>> wide = wide_export(table, docs)
        >>> wide.filter(regex="^(doc_id|members)").to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
        [{'doc_id': 'a', 'members_female__share__percent': 25.9, 'members_female__share__percent__n': 2,
          'members_female__share__percent__approx': 0, 'members_female__share__percent__subject': '女党员'},
         {'doc_id': 'b', 'members_female__share__percent': nan, 'members_female__share__percent__n': 0,
          'members_female__share__percent__approx': 0, 'members_female__share__percent__subject': ''}]
    """
    wide = _document_keys(documents).reset_index(drop=True)
    rows = indicators[comparable_mask(indicators)].copy()
    if rows.empty:
        return wide
    rows["column"] = [wide_key(*key) for key in zip(rows["core_id"], rows["kind"], rows["unit_class"], rows["unit"].fillna(""))]
    core_order = {core_id: rank for rank, core_id in enumerate(core_indicators())}
    order = {
        column: (core_order.get(c, len(core_order)), KINDS.index(k) if k in KINDS else len(KINDS), UNIT_CLASSES.index(u), column)
        for c, k, u, column in zip(rows["core_id"], rows["kind"], rows["unit_class"], rows["column"])
    }
    rows = rows.sort_values(["doc_id", "sentence_id", "start"], kind="stable")
    first = rows.drop_duplicates(["doc_id", "column"], keep="first").assign(approximate=lambda f: (f["approx"] != "exact").astype("int8"))
    columns = sorted(order, key=order.__getitem__)

    def spread(frame: pd.DataFrame, values: str, fill: object) -> pd.DataFrame:
        table = frame.pivot(index="doc_id", columns="column", values=values)
        return table.reindex(index=wide["doc_id"], columns=columns, fill_value=fill)

    values = spread(first, "value_norm", np.nan)
    distinct = restatements(rows)  # a number stated again is one value, as in the comparison tables
    counts = spread(distinct.groupby(["doc_id", "column"]).size().rename("n").reset_index(), "n", 0).fillna(0)
    approximate = spread(first, "approximate", 0).fillna(0)
    subjects = spread(first.assign(subject=first["subject"].fillna("").astype(str)), "subject", "").fillna("") if "subject" in first.columns else None
    cells: dict[str, object] = {}
    for column in columns:
        cells[column] = values[column].to_numpy(dtype="float64")
        cells[f"{column}{WIDE_SEPARATOR}n"] = counts[column].to_numpy(dtype="int64")
        cells[f"{column}{WIDE_SEPARATOR}approx"] = approximate[column].to_numpy(dtype="int8")
        if subjects is not None:
            cells[f"{column}{WIDE_SEPARATOR}subject"] = subjects[column].to_numpy(dtype=object)
    return pd.concat([wide, pd.DataFrame(cells, index=wide.index)], axis=1)


# --------------------------------------------------------------------------- codebook


def column_type(series: pd.Series) -> str:
    """The codebook type of a column: ``text``, ``integer``, ``0/1`` or ``decimal``.

    Example:
        >>> [column_type(pd.Series(v)) for v in (["a"], [1], [1.5])], column_type(pd.Series([0, 1], dtype="int8"))
        (['text', 'integer', 'decimal'], '0/1')
    """
    if pd.api.types.is_bool_dtype(series) or series.dtype == "int8":
        return "0/1"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_numeric_dtype(series):
        return "decimal"
    return "text"


def describe_column(table: str, column: str) -> dict[str, str]:
    """``unit``, ``meaning`` and ``allowed_values`` of a column of an exported table.

    Example:
        >>> describe_column("indicators_wide", "members_female__share__percent")["meaning"]
        '女党员 (members_female), share, percent: first value by position in the document'
        >>> describe_column("indicators", "kind")["allowed_values"]
        'amount, share, change, target'
    """
    wide = parse_wide_column(column) if table == "indicators_wide" else None
    if wide is not None:
        core = core_indicators()[wide["core_id"]]
        what = f"{core.zh} ({wide['core_id']}), {wide['kind']}, {wide['unit_class']}"
        if wide["companion"]:
            allowed = {"approx": "0, 1", "n": ">= 0"}.get(wide["companion"], "")
            return {"unit": "", "meaning": f"{what}: {WIDE_COMPANIONS[wide['companion']]}", "allowed_values": allowed}
        return {"unit": wide["unit"], "meaning": f"{what}: first value by position in the document", "allowed_values": ""}
    source = "the corpus's metadata.csv" if table == "documents" else f"the {table} table"
    meaning, allowed = COLUMN_MEANINGS.get(column, (f"column {column!r} of {source} (not described by the project)", ""))
    unit = ""
    if column in ("value", "value_norm", "value_high"):
        unit = "the unit in `unit`"
    elif column.endswith("chars"):
        unit = "characters"
    return {"unit": unit, "meaning": meaning, "allowed_values": allowed}


def stata_names(columns: Sequence[str]) -> dict[str, str]:
    """A Stata-valid, unique variable name for each column: ASCII letters, digits and ``_``, not
    starting with a digit, at most 32 characters, not a Stata reserved word.

    Example:
        >>> names = stata_names(["doc_id", "in", "members_probationary__amount__person", "members_probationary__amount__person__n",
        ...                      "单位", "a_very_long_name_of_a_metadata_column_1", "a_very_long_name_of_a_metadata_column_2"])
        >>> list(names.values())  # doctest: +NORMALIZE_WHITESPACE
        ['doc_id', 'in_', 'members_probationary_a_per', 'members_probationary_a_per_n', 'v5',
         'a_very_long_name_of_a_metadata_c', 'a_very_long_name_of_a_metadata_2']
    """
    from pandas.io.stata import StataParser

    reserved = StataParser().RESERVED_WORDS
    names: dict[str, str] = {}
    taken: set[str] = set()
    for position, column in enumerate(columns, start=1):
        name = re.sub(r"[^A-Za-z0-9_]", "_", _stata_stem(column)).strip("_") or f"v{position}"
        if name[0].isdigit():
            name = f"_{name}"
        if name in reserved or name.lower() in {w.lower() for w in reserved}:
            name = f"{name}_"
        name = name[:32]
        if name.lower() in taken:
            suffix = 2
            while f"{name[: 32 - len(str(suffix)) - 1]}_{suffix}".lower() in taken:
                suffix += 1
            name = f"{name[: 32 - len(str(suffix)) - 1]}_{suffix}"
        if re.fullmatch(r"_+\d*", name):
            name = f"v{position}"
        taken.add(name.lower())
        names[column] = name
    return names


#: Short forms of kinds, unit classes and companions in the Stata names of wide columns.
STATA_ABBREVIATIONS = {
    "amount": "a", "share": "s", "change": "c", "target": "t",
    "count": "cnt", "person": "per", "person_time": "pt", "money_cny": "cny", "percent": "pct", "percentage_points": "pp",
    "area_mu": "mu", "age_years": "age", "times": "tim", "other": "oth", "n": "n", "approx": "ax", "subject": "sj",
}


def _stata_stem(column: str) -> str:
    """A wide column's name in short form (``members_female_s_pct_n``); another column as it is.

    Example:
        >>> _stata_stem("applicants_activists__amount__person__approx"), _stata_stem("region")
        ('applicants_activists_a_per_ax', 'region')
    """
    parts = parse_wide_column(column)
    if parts is None:
        return column
    short = [parts["core_id"], *(STATA_ABBREVIATIONS[parts[key]] for key in ("kind", "unit_class"))]
    if parts["unit_class"] == "other":
        short.append(column.split(WIDE_SEPARATOR)[3])
    if parts["companion"]:
        short.append(STATA_ABBREVIATIONS[parts["companion"]])
    return "_".join(short)


def codebook(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per column of every table: table, column, stata_name, type, unit, meaning, allowed values.

    Example:
        >>> book = codebook({"documents": pd.DataFrame({"doc_id": ["a"], "level": ["county"], "clean_chars": [3]})})
        >>> book[["column", "type", "allowed_values"]].values.tolist()[1:]
        [['level', 'text', 'national, province, prefecture, county, township, village, community, university, enterprise, agency'], ['clean_chars', 'integer', '>= 0']]
    """
    rows = []
    for table, frame in tables.items():
        names = stata_names(list(frame.columns))
        for column in frame.columns:
            rows.append({"table": table, "column": column, "stata_name": names[column], "type": column_type(frame[column]), **describe_column(table, column)})
    return pd.DataFrame(rows, columns=list(CODEBOOK_COLUMNS))


def codebook_markdown(book: pd.DataFrame) -> str:
    """The codebook as Markdown: the rules of the export, then one table per exported table.

    Example:
        >>> print(codebook_markdown(codebook({"documents": pd.DataFrame({"doc_id": ["a"]})})).splitlines()[0])
        # Codebook
    """

    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = [
        "# Codebook",
        "",
        "Each table is written as CSV (UTF-8 with a BOM), Excel (.xlsx) and Stata (.dta, format 118); "
        "`stata_name` is the variable's name in the .dta file, whose variable labels are the meanings below. "
        "Tables join on `doc_id`.",
        "",
        "- Types: `text`; `integer`; `decimal` (empty / missing when unknown); `0/1` (1 = yes).",
        "- CSV: a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading "
        "apostrophe (`'=…`) so that Excel shows it as text; the .xlsx and .dta files hold the text as it is. "
        "Numbers are plain decimals.",
        "- `value_norm` is in the unit of `unit` with the multiplier (万, 亿) applied; numbers compare only "
        "within one core indicator, kind and unit class.",
        "- `indicators_wide`: one row per document, one column per core indicator × kind × unit class "
        "(`<core_id>__<kind>__<unit_class>`, with `__<unit>` for the class `other`); a cell holds the first "
        "value of the document by position, `__n` counts the distinct values the document gives (a number "
        "stated again counts once; all of them are rows of `indicators`), `__approx` is 1 when that first value is approximate, "
        "`__subject` says what it measures (one core indicator gathers cut-offs and parts). Thresholds and "
        "unmapped quantities are left out.",
        "",
    ]
    for table, rows in book.groupby("table", sort=False):
        lines += [f"## {table}", "", "| column | stata_name | type | unit | meaning | allowed values |", "|---|---|---|---|---|---|"]
        for row in rows.itertuples(index=False):
            lines.append(
                f"| `{cell(row.column)}` | `{row.stata_name}` | {row.type} | {cell(row.unit)} | {cell(row.meaning)} | {cell(row.allowed_values)} |"
            )
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- writing


def excel_csv_text(value: object) -> object:
    """A text value as a CSV cell Excel shows as text: a leading apostrophe before ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (Excel would read a formula); other values unchanged.

    Example:
        >>> excel_csv_text("=HYPERLINK(\\"x\\")"), excel_csv_text("-2%"), excel_csv_text("党员"), excel_csv_text(3)
        ('\\'=HYPERLINK("x")', "'-2%", '党员', 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return f"'{value}"
    return value


def _each_distinct(column: pd.Series, function) -> list:
    """``[function(v) for v in column]``, calling ``function`` once per distinct value (missing
    values, which are never equal to one another, each on their own).

    Example:
        >>> _each_distinct(pd.Series([1.0, 2.5, 1.0, float("nan")]), _plain_number)
        ['1', '2.5', '1', '']
    """
    values = column.to_numpy(dtype=object)
    missing = pd.isna(column).to_numpy()
    done = {v: function(v) for v in pd.unique(column[~missing])}
    return [function(v) if gone else done[v] for v, gone in zip(values, missing)]


def _csv_text(column: pd.Series) -> pd.Series:
    """:func:`excel_csv_text` of every value of ``column`` (a column of strings as a whole).

    Example:
        >>> _csv_text(pd.Series(["=1+1", "党员", ""])).tolist(), _csv_text(pd.Series(["-2%", 3])).tolist()
        (["'=1+1", '党员', ''], ["'-2%", 3])
    """
    values = column.astype(object)
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        return pd.Series([excel_csv_text(v) for v in values], index=column.index, dtype=object)
    text = values.to_numpy(dtype=object, copy=True)
    formula = np.flatnonzero(values.str.startswith(_FORMULA_START).fillna(False).astype(bool).to_numpy())
    text[formula] = [f"'{v}" for v in text[formula]]
    return pd.Series(text, index=column.index, dtype=object)


def _plain_number(value: float) -> str:
    """A float as a plain decimal ('' for missing; a negative zero is 0, as it equals 0 and each
    distinct value is written once, :func:`_each_distinct`).

    Example:
        >>> _plain_number(164000000.0), _plain_number(0.1 + 0.2), _plain_number(float("nan")), _plain_number(-0.0)
        ('164000000', '0.30000000000000004', '', '0')
    """
    return "" if pd.isna(value) else plain_decimal(Decimal(repr(float(value) + 0.0)))


#: Rows converted and written at a time by :func:`write_csv` and :func:`write_stata`: the
#: written bytes are the same for any block size; memory grows with it.
WRITE_ROWS = 20_000


def write_csv(frame: pd.DataFrame, target: str | Path) -> Path:
    """Write ``frame`` atomically as CSV for Excel and every other reader: UTF-8 with a BOM,
    ``\\n`` line ends, no index, decimals written plainly, formula-like texts as text
    (:func:`excel_csv_text`). Rows are converted and written :data:`WRITE_ROWS` at a time.

    Example:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "t.csv"
        >>> _ = write_csv(pd.DataFrame({"a": ["=1+1"], "b": [1.5e8]}), target)
        >>> target.read_bytes().decode("utf-8")
        "\\ufeffa,b\\n'=1+1,150000000\\n"
    """
    target = Path(target)
    with atomic_open(target, "w", encoding="utf-8-sig") as handle:
        for start in range(0, max(len(frame), 1), WRITE_ROWS):
            _csv_rows(frame.iloc[start : start + WRITE_ROWS]).to_csv(handle, index=False, header=start == 0, lineterminator="\n")
    return target


def _csv_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` as CSV cells: floats as plain decimals (:func:`_plain_number`), texts
    as :func:`_csv_text`, other numbers as they are.

    Example:
        >>> _csv_rows(pd.DataFrame({"a": ["-1"], "b": [0.5], "c": [2]})).values.tolist()
        [["'-1", '0.5', 2]]
    """
    columns = {}
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if pd.api.types.is_float_dtype(column):
            column = pd.Series(_each_distinct(column, _plain_number), index=column.index, dtype=object)
        elif not pd.api.types.is_numeric_dtype(column):
            column = _csv_text(column)
        columns[position] = column
    rows = pd.DataFrame(columns, index=frame.index, copy=False)
    rows.columns = frame.columns
    return rows


def write_stata(frame: pd.DataFrame, target: str | Path, book: pd.DataFrame | None = None, label: str = "") -> Path:
    """Write ``frame`` atomically as a Stata 118 (Unicode) .dta file: variables named by the
    codebook's ``stata_name`` (:func:`stata_names` without one), labelled by its meanings, text
    longer than Stata's fixed strings as strL, a fixed time stamp.

    The file is the one :meth:`pandas.DataFrame.to_stata` writes, byte for byte, written with
    less memory and time (:func:`_stata_writer`): each distinct text is encoded once and the
    data are written :data:`WRITE_ROWS` rows at a time.

    Example:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "t.dta"
        >>> _ = write_stata(pd.DataFrame({"地区": ["平凉市"], "n": [3]}), target)
        >>> pd.read_stata(target).to_dict("list")
        {'v1': ['平凉市'], 'n': [3]}
    """
    target = Path(target)
    table = _tidy(frame)
    if book is not None and len(book):
        names = dict(zip(book["column"], book["stata_name"]))
        labels = dict(zip(book["column"], book["meaning"]))
    else:
        names, labels = stata_names(list(table.columns)), {}
    long_text = [names[c] for c in _text_columns(table) if _longest_utf8(table[c]) > STATA_STR_MAX]
    variable_labels = {names[c]: _stata_label(labels[c]) for c in table.columns if labels.get(c)}
    table.columns = [names[c] for c in table.columns]
    with atomic_path(target) as tmp:
        writer = _stata_writer()(
            tmp, table, write_index=False, version=118, time_stamp=STATA_TIMESTAMP, data_label=label[:STATA_LABEL_MAX] or None,
            variable_labels=variable_labels, convert_strl=long_text,
        )
        writer.write_file()
    return target


def _stata_writer() -> type:
    """pandas's Stata 118 writer (:class:`pandas.io.stata.StataWriterUTF8`, the one behind
    :meth:`~pandas.DataFrame.to_stata`) with three of its steps done the same way at less cost:
    a text column is encoded once per distinct value (pandas encodes every cell), strL columns
    are looked up value by value (pandas makes a row Series per row), and the data section is
    built and written :data:`WRITE_ROWS` rows at a time (pandas holds the whole record array and
    a copy of its bytes). ``tests/test_exports.py`` checks that the bytes are pandas's.

    Example:
        >>> _stata_writer().__mro__[1].__name__
        'StataWriterUTF8'
    """
    from pandas.io.stata import StataStrLWriter, StataWriterUTF8, _set_endianness

    class RowsWriter(StataWriterUTF8):
        def _encode_strings(self) -> None:
            strl = set(getattr(self, "_convert_strl", []))
            for position, name in enumerate(self.data):
                column = self.data[name]
                if position in self._convert_dates or name in strl or column.dtype.type is not np.object_:
                    continue
                if pd.api.types.infer_dtype(column, skipna=True) != "string" and len(column):
                    return super()._encode_strings()  # pandas's own message for what it cannot write
                codes, uniques = pd.factorize(column, use_na_sentinel=True)
                uniques = np.asarray(uniques, dtype=object)
                if max((len(value) for value in uniques), default=0) <= self._max_string_length:
                    encoded = np.empty(len(uniques) + 1, dtype=object)
                    encoded[:-1] = [value.encode(self._encoding) for value in uniques]
                    encoded[-1] = np.nan
                    self.data[name] = pd.Series(encoded[codes], index=column.index, dtype=object)

        def _convert_strls(self, data: pd.DataFrame) -> pd.DataFrame:
            columns = [name for position, name in enumerate(data) if self.typlist[position] == 32768 or name in self._convert_strl]
            if not columns:
                return data
            strls = StataStrLWriter(data, columns, version=self._dta_version, byteorder=self._byteorder)
            table = strls._gso_table
            where = [list(data.columns).index(name) + 1 for name in columns]
            keys = np.empty((len(data), len(columns)), dtype=np.uint64)
            for row, values in enumerate(zip(*(data[name].tolist() for name in columns))):
                for j, (variable, value) in enumerate(zip(where, values)):
                    value = "" if pd.api.types.is_scalar(value) and pd.isna(value) else value
                    key = table.get(value)
                    if key is None:
                        key = table[value] = (variable, row + 1)
                    keys[row, j] = strls._convert_key(key)
            for j, name in enumerate(columns):
                data[name] = keys[:, j]
            self._strl_blob = strls.generate_blob(table)
            return data

        def _prepare_data(self):
            if self._convert_dates:
                return super()._prepare_data()
            self._rows = self._convert_strls(self.data)
            return None

        def _write_data(self, records) -> None:
            if records is not None:
                return super()._write_data(records)
            native = self._byteorder == _set_endianness(sys.byteorder)
            self._update_map("data")
            self._write_bytes(b"<data>")
            data = self._rows
            for start in range(0, len(data), WRITE_ROWS):
                part = data.iloc[start : start + WRITE_ROWS]
                columns, dtypes = {}, {}
                for position, name in enumerate(part):
                    kind = self.typlist[position]
                    if kind <= self._max_string_length:
                        columns[name] = np.asarray(part[name].fillna("").tolist(), dtype=f"S{kind}")
                        dtypes[name] = f"S{kind}"
                    else:
                        columns[name] = part[name].to_numpy()
                        dtypes[name] = part[name].dtype if native else part[name].dtype.newbyteorder(self._byteorder)
                block = pd.DataFrame(columns, copy=False)
                self._write_bytes(block.to_records(index=False, column_dtypes=dtypes).tobytes())
            self._write_bytes(b"</data>")

    return RowsWriter


def _longest_utf8(column: pd.Series) -> int:
    """Bytes of the longest text of a column of strings in UTF-8 (0 for an empty column); only the
    texts that could be the longest (at least a quarter of the longest in characters) are encoded.

    Example:
        >>> _longest_utf8(pd.Series(["ab", "党员", ""])), _longest_utf8(pd.Series([], dtype=object))
        (6, 0)
    """
    if not len(column):
        return 0
    chars = column.str.len()
    candidates = column[chars * 4 >= chars.max()]
    return max(len(v.encode("utf-8")) for v in candidates)


def _stata_label(text: str) -> str:
    """A variable label Stata accepts: at most 80 characters, ending in … when cut.

    Example:
        >>> len(_stata_label("x" * 100)), _stata_label("short")
        (80, 'short')
    """
    return text if len(text) <= STATA_LABEL_MAX else text[: STATA_LABEL_MAX - 1] + "…"


def export_tables(documents: pd.DataFrame, indicators: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The tables of an export: ``documents``, and with the indicator table ``indicators`` and
    ``indicators_wide``.

    Example:
        >>> list(export_tables(pd.DataFrame({"doc_id": ["a"]})))
        ['documents']
    """
    return {name: build() for name, build in _table_builders(documents, indicators)}


def _table_builders(documents: pd.DataFrame, indicators: pd.DataFrame | None) -> list[tuple[str, Callable[[], pd.DataFrame]]]:
    """The tables of :func:`export_tables` as (name, function that builds it), so that a writer can
    hold one table at a time."""
    builders = [("documents", lambda: documents_export(documents, indicators))]
    if indicators is not None:
        builders += [("indicators", lambda: indicators_export(indicators, documents)),
                     ("indicators_wide", lambda: wide_export(indicators, documents))]
    return builders


def _writer_versions() -> list[str]:
    """Versions of the libraries that write the files' bytes (part of an export's cache key)."""
    from importlib.metadata import version

    return [f"{name} {version(name)}" for name in ("pandas", "xlsxwriter", "numpy")]


def write_exports(
    folder: str | Path, documents: pd.DataFrame, indicators: pd.DataFrame | None = None, *, cache: Cache | None = None
) -> list[Path]:
    """Write the export tables (:func:`export_tables`) into ``folder`` as CSV, .xlsx and .dta,
    with ``codebook.csv`` and ``codebook.md``; return the files written, in order.

    With a ``cache``, the files of the same tables written before (by another report of the run:
    the indicator reports grouped by region and by year export the same tables) are copied, after
    a check of their bytes, instead of written again (:meth:`~dangjian.project.cache.Cache.files`):
    at 100 MB the export is 740 MB and takes a minute to write.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = write_exports(folder, pd.DataFrame({"doc_id": ["a"], "level": ["county"]}))
        >>> pd.read_csv(folder / "codebook.csv", encoding="utf-8-sig")["column"].tolist()
        ['doc_id', 'level']
    """
    folder = Path(folder)
    if cache is not None:
        parts = [frame_digest(documents), frame_digest(indicators), _writer_versions()]
        return cache.files("exports", parts, folder, lambda: write_exports(folder, documents, indicators), EXPORT_MODULES)
    books: list[pd.DataFrame] = []
    written: list[Path] = []
    for name, build in _table_builders(documents, indicators):  # one table in memory at a time
        table = build()
        own = codebook({name: table})
        written += [write_csv(table, folder / f"{name}.csv"), write_table(table, folder / f"{name}.xlsx"),
                    write_stata(table, folder / f"{name}.dta", own, label=name)]
        books.append(own)
        del table
    book = pd.concat(books, ignore_index=True)
    written.append(write_csv(book, folder / "codebook.csv"))
    write_text_atomic(folder / "codebook.md", codebook_markdown(book))
    written.append(folder / "codebook.md")
    return written


__all__ = [
    "APPROX_CLASSES", "CLASS_UNITS", "CODEBOOK_COLUMNS", "COLUMN_MEANINGS", "DOCUMENT_KEYS", "EXPORT_FOLDER", "TABLES",
    "codebook", "codebook_markdown", "column_type", "describe_column", "documents_export",
    "excel_csv_text", "export_tables", "indicators_export", "parse_wide_column", "stata_names", "wide_export",
    "wide_key", "write_csv", "write_exports", "write_stata",
]
