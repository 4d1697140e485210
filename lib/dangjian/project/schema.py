"""The stored tables: one home of their names, their columns in order, and their types.

The process step (:func:`dangjian.running.tables.process_tables`, through :func:`dangjian.running.engine.run`)
writes, for a corpus, one partitioned Parquet table per name of :data:`TABLES`. A row of each is:

* ``documents``: a document: the metadata of ``metadata.csv`` (:data:`DOCUMENT_COLUMNS` first,
  then the corpus's own extra columns), the metadata found in its text (:data:`FOUND_METADATA`),
  its lengths, structure and cleaning counts, and its token counts (:func:`document_columns`);
* ``sections``: a heading and the stretch of text it opens (:data:`SECTION_COLUMNS`);
* ``paragraphs``: a paragraph (title, heading or body) with its section path (:data:`PARAGRAPH_COLUMNS`);
* ``sentences``: a sentence with its paragraph, section path and enumeration item (一是 …)
  (:data:`SENTENCE_COLUMNS`);
* ``indicators``: a quantity a sentence reports: value, unit, kind, subject, core indicator
  (:data:`INDICATOR_COLUMNS`);
* ``tokens``: a token of a document and how often it occurs there (:data:`TOKEN_COLUMNS`);
* ``cleaning``: what one cleaning step changed in one document (:data:`CLEANING_COLUMNS`);
* ``excluded``: a number read and not reported as a quantity, with the reason (:data:`EXCLUDED_COLUMNS`);
* ``status``: a document's status (ok or warning) and why (:data:`STATUS_COLUMNS`);
* ``offsets``: a document's map from clean to raw characters, as ``.npy`` bytes (:data:`OFFSET_COLUMNS`);
* ``issues``: a file skipped (unreadable) or ignored (not listed), with the reason (:data:`ISSUE_COLUMNS`).

Besides the tables, a partition carries each document's clean text (:data:`TEXTS`,
:data:`TEXT_COLUMNS`), written as ``clean/<doc_id>.txt``. ``start`` and ``end`` are ``[start,
end)`` offsets into the clean text, ``raw_start`` and ``raw_end`` into the raw file.

Types are Arrow types (:data:`COLUMN_TYPES`; a column it does not list is text), so every
partition of a table has the same schema (:func:`table_schema`); :func:`pandas_dtypes` gives the
pandas dtypes of a table's number and flag columns, a nullable integer (:data:`NULLABLE_INTEGERS`)
as ``Int64``. The corpus's input table, ``metadata.csv``, has :data:`METADATA_COLUMNS`, of which
:data:`REQUIRED_COLUMNS` are required. This module imports nothing from the project.

Example:
    >>> COLUMNS["sentences"][:5]
    ('doc_id', 'sentence_id', 'paragraph_id', 'start', 'end')
    >>> table_schema("sections", SECTION_COLUMNS).field("level").type
    DataType(int64)
    >>> pandas_dtypes("paragraphs")
    {'paragraph_id': 'int64', 'start': 'int64', 'end': 'int64', 'heading_level': 'Int64'}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    import pandas as pd

# --------------------------------------------------------------------------- the input table

#: Columns of ``metadata.csv``; only ``doc_id`` and ``file`` are required, extra columns are kept.
METADATA_COLUMNS = (
    "doc_id", "file", "title", "region", "province", "prefecture", "county", "township",
    "level", "year", "year_basis", "genre", "author", "script", "notes",
)
#: Columns ``metadata.csv`` must have.
REQUIRED_COLUMNS = ("doc_id", "file")

# --------------------------------------------------------------------------- the stored tables

#: Tables the process step writes, in the order they are written.
TABLES = (
    "documents", "sections", "paragraphs", "sentences", "indicators", "tokens", "cleaning", "excluded", "status",
    "offsets", "issues",
)
#: What a partition carries besides its tables: each document's clean text (written as ``clean/<doc_id>.txt``).
TEXTS = "texts"

#: Metadata columns every document table carries (empty when unknown), then its lengths,
#: structure and cleaning counts, in this order.
DOCUMENT_COLUMNS = (
    "doc_id", "file", "title", "region", "province", "prefecture", "county", "township",
    "level", "year", "genre", "author", "script", "encoding", "raw_chars", "clean_chars",
    "paragraphs", "sentences", "sections", "pinyin_removed", "lost_characters", "placeholders",
    "furniture_lines", "date", "text_digest",
)
#: Metadata the cleaner finds in a document's own lines, kept as columns of the documents table.
FOUND_METADATA = ("editor", "source", "visits", "author_position")
#: Integer columns of the documents table (a missing count is 0).
DOCUMENT_COUNTS = (
    "raw_chars", "clean_chars", "paragraphs", "sentences", "sections", "pinyin_removed",
    "lost_characters", "placeholders", "furniture_lines", "tokens", "token_types",
)
#: Columns of the documents table that say how a file was read or fingerprint its text, not what the
#: document is: no report groups documents by them (the counts of :data:`DOCUMENT_COUNTS` are not either).
READING_COLUMNS = ("file", "encoding", "text_digest")


def describing_columns(columns) -> list[str]:
    """The columns of a documents table that describe a document (what reports group by): not its
    counts (:data:`DOCUMENT_COUNTS`) nor how its file was read (:data:`READING_COLUMNS`).

    Example:
        >>> describing_columns(["doc_id", "file", "region", "encoding", "raw_chars", "level", "tokens"])
        ['doc_id', 'region', 'level']
    """
    return [c for c in columns if c not in DOCUMENT_COUNTS and c not in READING_COLUMNS]
#: Metadata of a document that the sentence and paragraph tables carry when they are read.
UNIT_METADATA = ("doc_id", "region", "level", "year", "genre")

SECTION_COLUMNS = ("doc_id", "section_id", "level", "heading", "section_path", "start", "end")
PARAGRAPH_COLUMNS = ("doc_id", "paragraph_id", "start", "end", "kind", "heading_level", "section_path", "text")
SENTENCE_COLUMNS = (
    "doc_id", "sentence_id", "paragraph_id", "start", "end", "is_heading", "section_path", "enumeration",
    "cut_for_length", "text",
)
INDICATOR_COLUMNS = (
    "doc_id", "sentence_id", "start", "end", "raw_start", "raw_end", "surface", "raw_surface",
    "value", "multiplier", "value_norm", "unit", "unit_class", "approx", "value_high", "qualifier", "threshold", "subject",
    "kind", "core_id", "confidence", "indicator", "indicator_zh", "indicator_en", "category", "sentence",
)
TOKEN_COLUMNS = ("doc_id", "token", "count")
CLEANING_COLUMNS = ("doc_id", "step", "kind", "edits", "chars_removed", "chars_added", "examples", "removed")
EXCLUDED_COLUMNS = ("doc_id", "sentence_id", "start", "end", "raw_start", "raw_end", "surface", "raw_surface", "reason", "detail", "sentence")
STATUS_COLUMNS = ("doc_id", "file", "status", "reasons")
OFFSET_COLUMNS = ("doc_id", "offsets")
ISSUE_COLUMNS = ("doc_id", "file", "status", "message")
TEXT_COLUMNS = ("doc_id", "text")


def with_unit_metadata(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``table`` (rows with a ``doc_id``) with its document's columns of :data:`UNIT_METADATA`
    beside each row; an empty table is returned as it is.

    Example:
        >>> import pandas as pd
        >>> documents = pd.DataFrame({"doc_id": ["a"], "region": ["平凉市"], "level": ["prefecture"], "year": ["2024"], "genre": ["review"]})
        >>> with_unit_metadata(pd.DataFrame({"doc_id": ["a"], "text": ["培训党员"]}), documents).columns.tolist()
        ['doc_id', 'text', 'region', 'level', 'year', 'genre']
    """
    if not len(table):
        return table
    return table.merge(documents[list(UNIT_METADATA)], on="doc_id", how="left")


def document_columns(metadata_columns: Sequence[str] = ()) -> tuple[str, ...]:
    """Columns of the documents table of a corpus whose ``metadata.csv`` header is ``metadata_columns``:
    the project's, the corpus's extra metadata (not ``notes``), the metadata found in the text, token counts.

    Example:
        >>> document_columns(["doc_id", "file", "notes", "collection", "source"])[len(DOCUMENT_COLUMNS):]
        ('collection', 'source', 'editor', 'visits', 'author_position', 'tokens', 'token_types')
    """
    extra = tuple(c for c in metadata_columns if c not in DOCUMENT_COLUMNS and c != "notes")
    found = tuple(c for c in FOUND_METADATA if c not in extra)
    return (*DOCUMENT_COLUMNS, *extra, *found, "tokens", "token_types")


#: Columns of each table, in order (``documents``: of a corpus with no extra metadata columns).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": document_columns(),
    "sections": SECTION_COLUMNS,
    "paragraphs": PARAGRAPH_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "tokens": TOKEN_COLUMNS,
    "cleaning": CLEANING_COLUMNS,
    "excluded": EXCLUDED_COLUMNS,
    "status": STATUS_COLUMNS,
    "offsets": OFFSET_COLUMNS,
    "issues": ISSUE_COLUMNS,
    TEXTS: TEXT_COLUMNS,
}

_INT, _FLOAT, _BOOL = pa.int64(), pa.float64(), pa.bool_()
#: Column types of each table (columns not listed are text).
COLUMN_TYPES: dict[str, dict[str, pa.DataType]] = {
    "documents": dict.fromkeys(DOCUMENT_COUNTS, _INT),
    "sections": {"section_id": _INT, "level": _INT, "start": _INT, "end": _INT},
    "paragraphs": {"paragraph_id": _INT, "start": _INT, "end": _INT, "heading_level": _INT},
    "sentences": {"sentence_id": _INT, "paragraph_id": _INT, "start": _INT, "end": _INT, "is_heading": _BOOL, "cut_for_length": _BOOL},
    "indicators": {
        **dict.fromkeys(("sentence_id", "start", "end", "raw_start", "raw_end", "multiplier"), _INT),
        **dict.fromkeys(("value", "value_norm", "value_high", "confidence"), _FLOAT),
        "threshold": _BOOL,
    },
    "tokens": {"count": _INT},
    "cleaning": dict.fromkeys(("edits", "chars_removed", "chars_added"), _INT),
    "excluded": dict.fromkeys(("sentence_id", "start", "end", "raw_start", "raw_end"), _INT),
    "status": {},
    "offsets": {"offsets": pa.binary()},
    "issues": {},
    TEXTS: {},
}
#: Integer columns that may be missing (a section or paragraph that is not a heading has no level).
NULLABLE_INTEGERS = {"sections": ("level",), "paragraphs": ("heading_level",)}


def table_schema(table: str, columns: Sequence[str]) -> pa.Schema:
    """The Arrow schema of ``table`` with ``columns`` (types from :data:`COLUMN_TYPES`, else text).

    Every partition of a table has the same schema, so the partitions read back as one table.

    Example:
        >>> table_schema("indicators", ["doc_id", "sentence_id", "value"]).types
        [DataType(string), DataType(int64), DataType(double)]
    """
    types = COLUMN_TYPES.get(table, {})
    return pa.schema([pa.field(column, types.get(column, pa.string())) for column in columns])


_PANDAS_DTYPES = {_INT: "int64", _FLOAT: "float64", _BOOL: "bool"}


def pandas_dtypes(table: str) -> dict[str, str]:
    """The pandas dtypes of ``table``'s number and flag columns, in column order (a nullable integer is ``Int64``).

    Example:
        >>> pandas_dtypes("sections")
        {'section_id': 'int64', 'level': 'Int64', 'start': 'int64', 'end': 'int64'}
    """
    types, nullable = COLUMN_TYPES[table], NULLABLE_INTEGERS.get(table, ())
    return {
        column: "Int64" if column in nullable else _PANDAS_DTYPES[types[column]]
        for column in COLUMNS[table]
        if column in types and types[column] in _PANDAS_DTYPES
    }


#: pandas dtypes of the indicator table's number and flag columns.
INDICATOR_DTYPES = pandas_dtypes("indicators")

__all__ = [
    "CLEANING_COLUMNS", "COLUMNS", "COLUMN_TYPES", "DOCUMENT_COLUMNS", "DOCUMENT_COUNTS", "EXCLUDED_COLUMNS", "READING_COLUMNS", "describing_columns",
    "FOUND_METADATA", "INDICATOR_COLUMNS", "INDICATOR_DTYPES", "ISSUE_COLUMNS", "METADATA_COLUMNS", "NULLABLE_INTEGERS",
    "OFFSET_COLUMNS", "PARAGRAPH_COLUMNS", "REQUIRED_COLUMNS", "SECTION_COLUMNS", "SENTENCE_COLUMNS", "STATUS_COLUMNS",
    "TABLES", "TEXTS", "TEXT_COLUMNS", "TOKEN_COLUMNS", "UNIT_METADATA", "document_columns", "pandas_dtypes", "table_schema",
    "with_unit_metadata",
]
