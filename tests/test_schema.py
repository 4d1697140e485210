"""The schema module: every table the process step stores has exactly the schema's columns, in
order, with the schema's types; the modules that once defined column lists take them from it;
it sits at the bottom of the import graph."""

from __future__ import annotations

import ast
import csv
import importlib
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import dangjian.indicators
import dangjian.reading.corpus
import dangjian.running.engine
import dangjian.running.exports
import dangjian.running.status
import dangjian.running.tables
import dangjian.segmentation.pipeline
import dangjian.segmentation.segment
from dangjian.project import schema
from dangjian.reading.stream import partition_files
from dangjian.running.tables import CorpusTables, process_tables

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
#: The module, not the function :func:`dangjian.indicators.extract` that the package exports under its name.
EXTRACT = importlib.import_module("dangjian.indicators.extract")


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> CorpusTables:
    out = tmp_path_factory.mktemp("schema") / "tables"
    process_tables(RAW, out, workers=0)
    return CorpusTables(out)


def expected_columns(table: str) -> tuple[str, ...]:
    if table == "documents":
        with (RAW / "metadata.csv").open(encoding="utf-8", newline="") as handle:
            return schema.document_columns(next(csv.reader(handle)))
    return schema.COLUMNS[table]


@pytest.mark.parametrize("table", schema.TABLES)
def test_every_stored_table_has_the_schemas_columns_and_types(tables, table):
    files = partition_files(tables.out, table)
    assert files, f"no partition of {table}"
    expected = schema.table_schema(table, expected_columns(table))
    for path in files:
        stored = pq.read_schema(path)
        assert stored.names == expected.names, path
        assert stored.types == expected.types, path


def test_the_documents_table_keeps_a_corpus_own_metadata_column(tables):
    header = next(csv.reader((RAW / "metadata.csv").open(encoding="utf-8", newline="")))
    assert "year_basis" in header and "year_basis" not in schema.DOCUMENT_COLUMNS
    assert "year_basis" in tables.read("documents").columns
    assert "notes" not in tables.read("documents").columns


def test_every_document_has_a_clean_text(tables):
    doc_ids = tables.read("documents", ["doc_id"])["doc_id"].tolist()
    assert len(doc_ids) == 5
    assert sorted(p.stem for p in (tables.out / "clean").glob("*.txt")) == sorted(doc_ids)


@pytest.mark.parametrize("table", ["sections", "paragraphs", "sentences", "cleaning", "excluded", "tokens"])
def test_tables_read_back_with_the_schemas_pandas_dtypes(tables, table):
    frame = tables.read(table)
    assert len(frame), table
    assert {c: str(frame[c].dtype) for c in schema.pandas_dtypes(table)} == schema.pandas_dtypes(table)


def test_the_indicator_table_reads_back_with_the_schemas_columns_and_dtypes(tables):
    frame = tables.indicators()
    assert len(frame) > 0 and tuple(frame.columns) == schema.INDICATOR_COLUMNS
    assert {c: str(frame[c].dtype) for c in schema.INDICATOR_DTYPES} == schema.INDICATOR_DTYPES


@pytest.mark.parametrize(("table", "column"), [(t, c) for t, columns in schema.NULLABLE_INTEGERS.items() for c in columns])
def test_a_nullable_integer_reads_back_as_a_nullable_integer(tables, table, column):
    values = tables.read(table)[column]
    assert str(values.dtype) == "Int64" and values.notna().any()


def test_a_body_paragraph_has_no_heading_level(tables):
    paragraphs = tables.read("paragraphs")
    body = paragraphs["kind"] == "body"
    assert body.any() and paragraphs.loc[body, "heading_level"].isna().any()


@pytest.mark.parametrize(
    ("module", "name", "home"),
    [
        (dangjian.running.engine, "COLUMN_TYPES", "COLUMN_TYPES"),
        (dangjian.running.engine, "STATUS_COLUMNS", "STATUS_COLUMNS"),
        (dangjian.running.engine, "TABLES", "TABLES"),
        (dangjian.running.engine, "table_schema", "table_schema"),
        (dangjian.running.status, "STATUS_COLUMNS", "STATUS_COLUMNS"),
        (dangjian.segmentation.segment, "PARAGRAPH_COLUMNS", "PARAGRAPH_COLUMNS"),
        (dangjian.segmentation.segment, "SENTENCE_COLUMNS", "SENTENCE_COLUMNS"),
        (dangjian.segmentation.segment, "SECTION_COLUMNS", "SECTION_COLUMNS"),
        (dangjian.segmentation.pipeline, "DOCUMENT_COLUMNS", "DOCUMENT_COLUMNS"),
        (dangjian.segmentation.pipeline, "UNIT_METADATA", "UNIT_METADATA"),
        (EXTRACT, "COLUMNS", "INDICATOR_COLUMNS"),
        (EXTRACT, "EXCLUDED_COLUMNS", "EXCLUDED_COLUMNS"),
        (dangjian.indicators, "COLUMNS", "INDICATOR_COLUMNS"),
        (dangjian.running.tables, "NULLABLE_INTEGERS", "NULLABLE_INTEGERS"),
        (dangjian.reading.corpus, "METADATA_COLUMNS", "METADATA_COLUMNS"),
        (dangjian.reading.corpus, "REQUIRED_COLUMNS", "REQUIRED_COLUMNS"),
        (dangjian.running.exports, "DOCUMENT_COLUMNS", "DOCUMENT_COLUMNS"),
    ],
)
def test_old_names_are_the_schemas_own_objects(module, name, home):
    assert getattr(module, name) is getattr(schema, home)


def test_schema_imports_nothing_from_the_project():
    tree = ast.parse(Path(schema.__file__).read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported and not [name for name in imported if name.split(".")[0] == "dangjian"]


def test_no_module_defines_a_stored_tables_column_list_of_its_own():
    names = {name for name in schema.__all__ if name.isupper()} - {"TABLES", "TEXTS"}  # exports has tables of its own
    defined = {}
    for path in sorted(Path(schema.__file__).parent.rglob("*.py")):
        if path.name == "schema.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            defined.update({(path.name, t.id): 1 for t in targets if isinstance(t, ast.Name) and t.id in names})
    assert not defined, sorted(defined)
