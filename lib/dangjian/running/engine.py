"""The per-document stages run in parallel: one interface, local processes or Dask.

The stages of a document (decode -> clean -> segment -> extract indicators -> tokenize) are
a pure function of the document and the settings (:class:`Stages`). :func:`process_partition`
runs them on a partition of a few dozen documents and returns small tidy tables (documents,
sections, paragraphs, sentences, indicators, token counts, cleaning records, excluded numbers,
statuses, offset maps) as Arrow tables, plus how long each stage took; with a cache folder a
document whose bytes, metadata and settings are unchanged is read from the cache instead. An
:class:`Engine` maps it over the partitions of a corpus:

* ``Engine("local", workers=2)`` (the default): a pool of worker processes on this machine;
  ``workers=0`` runs everything in the calling process.
* ``Engine("dask", workers=2)``: a ``dask.bag`` whose partitions are mapped with
  ``map_partitions``, on a Dask ``LocalCluster`` with ``workers`` processes, or, given
  ``scheduler="tcp://host:8786"``, on that cluster (whose workers need dangjian installed and
  the corpus folder at the same path).

Both back-ends receive the same partitions and run the same function, so they write
identical tables; results come back in partition order, with only a few partitions in flight,
so memory stays bounded whatever the corpus size. :func:`run` streams a corpus folder through
an engine into partitioned Parquet tables (:mod:`dangjian.reading.stream`); :mod:`dangjian.running.tables` makes
of it the process step of a run, whose tables the notebooks read.

Example:
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> with Engine("local", workers=0, chunk_size=2) as engine:
    ...     summary = run("data/raw", out, engine=engine)
    >>> summary.documents, summary.partitions
    (5, 3)
    >>> from dangjian.reading.stream import read_table
    >>> read_table(out, "documents")["doc_id"].tolist()[:2]
    ['pingliang-2024', 'mudanjiang-xian']
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import functools
import logging
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dangjian.cleaning.clean import CleaningPipeline, clean_text
from dangjian.project.io import file_digest
from dangjian.project.schema import (
    CLEANING_COLUMNS,
    COLUMN_TYPES,
    EXCLUDED_COLUMNS,
    INDICATOR_COLUMNS,
    ISSUE_COLUMNS,
    OFFSET_COLUMNS,
    PARAGRAPH_COLUMNS,
    SECTION_COLUMNS,
    SENTENCE_COLUMNS,
    STATUS_COLUMNS,
    TABLES,
    TEXT_COLUMNS,
    TEXTS,
    TOKEN_COLUMNS,
    document_columns,
    table_schema,
)
from dangjian.reading.corpus import CorpusError
from dangjian.reading.stream import DocumentRef, PartitionedWriter, Spilled, batched, iter_document_refs, metadata_columns, partitions, read_ref, spill_table, text_size, write_spilled_table
from dangjian.segmentation.pipeline import ProcessedDocument
from dangjian.segmentation.segment import Segmentation, segment, segment_records
from dangjian.tokens.tokenize import DomainTokenizer

#: Back-ends of :class:`Engine`.
BACKENDS = ("local", "dask")
#: Stages timed by :func:`process_partition` (``tables``: building the Arrow tables).
STAGES = ("decode", "clean", "segment", "extract", "tokenize", "tables")


# --------------------------------------------------------------------------- stage settings


@dataclass(frozen=True)
class Stages:
    """Settings of the per-document stages; picklable, sent to every worker.

    Parameters:
        tokenizer: the :class:`~dangjian.tokens.tokenize.DomainTokenizer` counting each document's tokens.
        taxonomy: path of an indicator taxonomy YAML file; None for the shipped one.
        without_steps: names of cleaning steps to leave out (:meth:`CleaningPipeline.without`).
        metadata_columns: the corpus's ``metadata.csv`` header; its extra columns are kept.
        skip_bad: a document that cannot be read becomes a row of the ``issues`` table
            instead of stopping the run with an error naming the file.
        cache_dir: a :class:`~dangjian.project.cache.Cache` folder: a document whose bytes, metadata and
            settings are unchanged is taken from it instead of being processed again; None: no cache.
        spill_dir: a folder where a huge document's tables are written as they are made
            (:data:`HUGE_DOCUMENT`; :func:`run` sets it under the tables folder); None: held in memory.
        write_partitions: each partition's tables are written as Parquet files in ``spill_dir`` by the
            worker that made them, and the collecting process only moves the files into place
            (:func:`run` sets it for local worker processes, which share the tables folder's file
            system); the files are the same bytes.

    Example:
        >>> Stages(skip_bad=True).document_columns[:3]
        ('doc_id', 'file', 'title')
    """

    tokenizer: DomainTokenizer = field(default_factory=DomainTokenizer)
    taxonomy: str | None = None
    without_steps: tuple[str, ...] = ()
    metadata_columns: tuple[str, ...] = ()
    skip_bad: bool = False
    cache_dir: str | None = None
    spill_dir: str | None = None
    write_partitions: bool = False

    def __post_init__(self) -> None:
        for name in ("without_steps", "metadata_columns"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"Stages.{name} must be a list of names, got the single value {value!r}")
            object.__setattr__(self, name, tuple(value))
        for name in ("taxonomy", "cache_dir", "spill_dir"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, str(getattr(self, name)))
        _cleaning_pipeline(self.without_steps)  # an unknown step name fails here, not in a worker

    @property
    def document_columns(self) -> tuple[str, ...]:
        """Columns of the documents table: the project's, extra metadata, found metadata, token counts."""
        return document_columns(self.metadata_columns)

    def key(self) -> tuple:
        """What in the settings determines a document's tables: part of its cache key.

        Files named by the settings (a taxonomy, the tokenizer's word lists) count by their bytes.

        Example:
            >>> Stages().key() == Stages(skip_bad=True).key() != Stages(without_steps=["remove_pinyin_readings"]).key()
            True
        """
        named = [self.taxonomy or "", *map(str, getattr(self.tokenizer, "userdicts", ())), *map(str, getattr(self.tokenizer, "stopword_lists", ()))]
        files = {name: Path(name).read_bytes() for name in named if name and Path(name).is_file()}
        return (repr(self.tokenizer), self.taxonomy or "", self.without_steps, self.metadata_columns, files)


@functools.lru_cache(maxsize=8)
def _cleaning_pipeline(without_steps: tuple[str, ...]) -> CleaningPipeline:
    return CleaningPipeline().without(*without_steps) if without_steps else CleaningPipeline()


@functools.lru_cache(maxsize=8)
def _taxonomy(path: str | None):
    from dangjian.indicators import load_taxonomy

    return load_taxonomy(path)


def warm_stages(stages: Stages) -> None:
    """Load what the stages need once per process (the tokenizer's dictionary, OpenCC, the taxonomy).

    Used as a worker initializer so that timing a run measures processing, not start-up.

    Example:
        >>> warm_stages(Stages())
    """
    stages.tokenizer("党建工作")
    clean_text("黨建", _cleaning_pipeline(stages.without_steps))
    _taxonomy(stages.taxonomy)


# --------------------------------------------------------------------------- one partition


@dataclass
class PartitionResult:
    """The tables of one partition, with the seconds spent in each stage and its size."""

    tables: dict[str, pa.Table]
    timings: dict[str, float]
    documents: int
    bytes: int
    worker: int
    peak_rss: int
    computed: int = 0


def _peak_rss() -> int:
    """Peak resident memory of this process in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def _from_rows(table: str, rows: list[dict], columns: Sequence[str]) -> pa.Table:
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=table_schema(table, columns))


def _from_frame(table: str, frame, columns: Sequence[str]) -> pa.Table:
    return pa.Table.from_pandas(frame[list(columns)], schema=table_schema(table, columns), preserve_index=False)


def _document_row(processed: ProcessedDocument, tokens: Counter, columns: Sequence[str]) -> dict[str, Any]:
    summary = processed.summary()
    for key, value in processed.cleaned.metadata.items():
        summary.setdefault(key, value)
    summary["tokens"] = sum(tokens.values())
    summary["token_types"] = len(tokens)
    counts = COLUMN_TYPES["documents"]
    return {c: summary.get(c, 0) if c in counts else str(summary.get(c, "") or "") for c in columns}


def _split(frames: Segmentation, records: list) -> list[Segmentation]:
    """Each document's rows of the partition's tables (slices, no copies)."""
    parts = []
    positions = [0, 0, 0]
    for record in records:
        sizes = (len(record.sections), len(record.paragraphs), len(record.sentences))
        ends = [p + s for p, s in zip(positions, sizes)]
        parts.append(
            Segmentation(
                frames.sections.iloc[positions[0] : ends[0]],
                frames.paragraphs.iloc[positions[1] : ends[1]],
                frames.sentences.iloc[positions[2] : ends[2]],
            )
        )
        positions = ends
    return parts


def process_partition(refs: Sequence[DocumentRef], stages: Stages) -> PartitionResult:
    """Run every stage on a partition of documents; return its tables and stage timings.

    A pure function of the documents and ``stages`` (timings aside): any worker, on any
    back-end, returns the same tables (with ``stages.write_partitions``, as Parquet files that hold
    the same bytes: :func:`~dangjian.reading.stream.spill_table`). With ``stages.cache_dir`` each document's tables are
    kept in the cache under a key of its bytes, metadata and the settings: a document seen
    before is read from there, and only the others are processed (``computed`` counts them).

    Example:
        >>> refs = [DocumentRef("t", Path("data/raw/town-speech.txt"))]
        >>> result = process_partition(refs, Stages())
        >>> result.documents, result.computed, sorted(result.tables)[:4]
        (1, 1, ['cleaning', 'documents', 'excluded', 'indicators'])
        >>> result.tables["sentences"].num_rows == result.tables["documents"]["sentences"][0].as_py()
        True
    """
    from dangjian.project.cache import Cache

    cache = Cache(stages.cache_dir)
    settings = stages.key() if cache.root is not None else ()
    found: list[dict[str, pa.Table] | None] = [None] * len(refs)
    keys: list[tuple | None] = [None] * len(refs)
    n_bytes = 0
    for position, ref in enumerate(refs):
        keys[position] = _document_key(ref, settings) if cache.root is not None else None
        if keys[position] is not None:
            found[position] = _cached_tables(cache, keys[position])
            if found[position] is not None:
                n_bytes += ref.path.stat().st_size
    timings = dict.fromkeys(STAGES, 0.0)
    n_computed = 0
    for positions in _computation_groups(refs, found):
        group = [refs[i] for i in positions]
        spill = _spill_folder(stages, group)
        computed = _compute_partition(group, stages, spill)
        n_bytes += computed.bytes
        n_computed += computed.documents
        for stage, seconds in computed.timings.items():
            timings[stage] += seconds
        parts = [computed.tables] if spill is not None else split_by_document(computed.tables, [ref.doc_id for ref in group])
        for position, tables in zip(positions, parts):
            found[position] = tables
            if keys[position] is not None and not tables["issues"].num_rows and _cacheable(tables):
                _store_tables(cache, keys[position], tables)
    started = time.perf_counter()
    present = [t for t in found if t is not None]
    if len(present) == 1 and any(isinstance(t, Spilled) for t in present[0].values()):
        tables = {name: t if isinstance(t, Spilled) else t.combine_chunks() for name, t in present[0].items()}
    else:
        tables = {name: concat_tables([t[name] for t in present]) for name in (*TABLES, TEXTS)}
    if stages.write_partitions and stages.spill_dir is not None:
        tables = {
            name: t if name == TEXTS or isinstance(t, Spilled) else spill_table(t, stages.spill_dir)
            for name, t in tables.items()
        }
    timings["tables"] += time.perf_counter() - started
    documents = sum(1 for t in found if t is not None and not t["issues"].num_rows)
    return PartitionResult(tables, timings, documents, n_bytes, os.getpid(), _peak_rss(), n_computed)


#: Documents whose file is at least this large (bytes) are processed on their own, their units
#: kept in Arrow columns (:func:`dangjian.segmentation.segment.segment`) rather than as one Python object per
#: row, and their tables are not cached (an entry would hold the whole document several times).
HUGE_DOCUMENT = 16_000_000
#: Folder under the tables folder where huge documents' tables are written before they are moved into place.
SPILL_FOLDER = ".spill"
#: Largest cache entry of a document's tables (bytes of its Arrow tables).
CACHE_ENTRY_LIMIT = 256_000_000


def _computation_groups(refs: Sequence[DocumentRef], found: Sequence[dict | None]) -> list[list[int]]:
    """Positions of the documents to compute, in order: each huge document (:data:`HUGE_DOCUMENT`)
    alone, the others together.

    Example:
        >>> refs = [DocumentRef(n, Path("data/raw/town-speech.txt")) for n in "abc"]
        >>> _computation_groups(refs, [None, {}, None])
        [[0, 2]]
    """
    small = [i for i, tables in enumerate(found) if tables is None and text_size(refs[i]) < HUGE_DOCUMENT]
    huge = [[i] for i, tables in enumerate(found) if tables is None and text_size(refs[i]) >= HUGE_DOCUMENT]
    return ([small] if small else []) + huge


def _cacheable(tables: dict[str, pa.Table | Spilled]) -> bool:
    """Whether a document's tables are held in memory and small enough to be kept in the cache
    (:data:`CACHE_ENTRY_LIMIT`)."""
    if any(isinstance(table, Spilled) for table in tables.values()):
        return False
    return sum(table.nbytes for table in tables.values()) <= CACHE_ENTRY_LIMIT


def _spill_folder(stages: Stages, group: Sequence[DocumentRef]) -> Path | None:
    """A new folder for the tables of a huge document computed alone (None: tables held in memory)."""
    if stages.spill_dir is None or len(group) != 1 or text_size(group[0]) < HUGE_DOCUMENT:
        return None
    Path(stages.spill_dir).mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="document-", dir=stages.spill_dir))


#: Cache stage of a document's tables, and the modules whose code determines them.
DOCUMENT_TABLES_STAGE = "document-tables"
ENGINE_MODULES = (
    "project.schema", "reading.corpus", "reading.formats", "reading.stream", "cleaning.edits", "cleaning.clean",
    "segmentation.segment", "segmentation.formulas", "segmentation.pipeline", "indicators", "tokens.tokenize",
    "running.status", "running.engine",
)


def _document_key(ref: DocumentRef, settings: tuple) -> tuple | None:
    """The cache key parts of a document: id, file name, digest of its bytes, metadata, settings (None if unreadable)."""
    if ref.problem:
        return None
    try:
        digest = file_digest(ref.path)
    except OSError:
        return None
    return (ref.doc_id, ref.path.name, digest, dict(ref.metadata), settings)


def table_to_bytes(table: pa.Table) -> bytes:
    """An Arrow table as Arrow IPC stream bytes (no pickle).

    Example:
        >>> table_from_bytes(table_to_bytes(pa.table({"x": [1]})))["x"].to_pylist()
        [1]
    """
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def table_from_bytes(data: bytes) -> pa.Table:
    """The table of :func:`table_to_bytes`."""
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def _tables_to_bytes(tables: dict[str, pa.Table]) -> bytes:
    from dangjian.project.cache import pack

    return pack({f"{name}.arrow": table_to_bytes(table) for name, table in sorted(tables.items())})


def _tables_from_bytes(data: bytes) -> dict[str, pa.Table]:
    from dangjian.project.cache import unpack

    return {name.removesuffix(".arrow"): table_from_bytes(member) for name, member in unpack(data).items()}


def _document_tables_codec():
    from dangjian.project.cache import Codec

    return Codec("document-tables", _tables_to_bytes, _tables_from_bytes)


class _NotCached(Exception):
    pass


def _not_cached():
    raise _NotCached


def _cached_tables(cache, key: tuple) -> dict[str, pa.Table] | None:
    """A document's tables from the cache, or None when they are not there (or not usable)."""
    try:
        tables = cache.get_or_compute(DOCUMENT_TABLES_STAGE, key, _not_cached, ENGINE_MODULES, codec=_document_tables_codec())
    except _NotCached:
        return None
    return tables if set(tables) == {*TABLES, TEXTS} else None


def _store_tables(cache, key: tuple, tables: dict[str, pa.Table]) -> None:
    cache.put(DOCUMENT_TABLES_STAGE, key, tables, ENGINE_MODULES, codec=_document_tables_codec())


def concat_tables(tables: Sequence[pa.Table]) -> pa.Table:
    """Tables of one schema as one table in one chunk (the same bytes when written, however made).

    Example:
        >>> concat_tables([pa.table({"x": [1]}), pa.table({"x": [2, 3]})])["x"].num_chunks
        1
    """
    return pa.concat_tables(tables).combine_chunks()


def split_by_document(tables: dict[str, pa.Table], doc_ids: Sequence[str]) -> list[dict[str, pa.Table]]:
    """Each document's rows of a partition's tables (rows of one document are consecutive).

    Example:
        >>> parts = split_by_document({"t": pa.table({"doc_id": ["a", "a", "c"], "x": [1, 2, 3]})}, ["a", "b", "c"])
        >>> [part["t"]["x"].to_pylist() for part in parts]
        [[1, 2], [], [3]]
    """
    parts: list[dict[str, pa.Table]] = [{} for _ in doc_ids]
    for name, table in tables.items():
        spans: dict[str, list[int]] = {}
        for row, doc_id in enumerate(table["doc_id"].to_pylist()):
            span = spans.setdefault(doc_id, [row, row])
            span[1] = row + 1
        for part, doc_id in zip(parts, doc_ids):
            start, end = spans.get(doc_id, (0, 0))
            part[name] = table.slice(start, end - start)
    return parts


@dataclass
class _Computed:
    tables: dict[str, pa.Table]
    timings: dict[str, float]
    documents: int
    bytes: int


def _compute_partition(refs: Sequence[DocumentRef], stages: Stages, spill: Path | None = None) -> _Computed:
    """Every stage on every document of ``refs``: the partition's tables, timings and size.

    A huge document (:data:`HUGE_DOCUMENT`) comes alone and is segmented into Arrow-backed columns;
    with ``spill`` (a folder), its large tables and clean text are written there as they are made
    and returned as :class:`~dangjian.reading.stream.Spilled` files.
    """
    from dangjian.indicators.extract import extract_with_excluded

    clock = time.perf_counter
    timings = dict.fromkeys(STAGES, 0.0)
    pipeline = _cleaning_pipeline(stages.without_steps)
    whole = len(refs) == 1 and text_size(refs[0]) >= HUGE_DOCUMENT
    documents, cleaned, records, counts, issues = [], [], [], [], []
    n_bytes = 0
    for ref in refs:
        started = clock()
        try:
            document = read_ref(ref)
        except CorpusError as error:
            if not stages.skip_bad:
                raise
            issues.append({"doc_id": ref.doc_id, "file": ref.path.name, "status": "skipped", "message": error.problem})
            timings["decode"] += clock() - started
            continue
        n_bytes += ref.path.stat().st_size
        decoded = clock()
        result = clean_text(document.raw_text, pipeline)
        clean_done = clock()
        segmented = segment(document.doc_id, result.text) if whole else segment_records(document.doc_id, result.text)
        segment_done = clock()
        tokens = stages.tokenizer.count_tokens(result.text)
        timings["decode"] += decoded - started
        timings["clean"] += clean_done - decoded
        timings["segment"] += segment_done - clean_done
        timings["tokenize"] += clock() - segment_done
        documents.append(document)
        cleaned.append(result)
        records.append(segmented)
        counts.append(tokens)

    if spill is not None and not documents:  # the huge document could not be read: nothing to write there
        spill = None
    started = clock()
    if whole and records:
        frames = records[0]
        processed = [ProcessedDocument(documents[0], cleaned[0], frames)]
    else:
        frames = Segmentation.from_records(records)
        processed = [ProcessedDocument(d, c, s) for d, c, s in zip(documents, cleaned, _split(frames, records))]
    timings["segment"] += clock() - started

    started = clock()
    if spill is None:
        indicators, excluded = extract_with_excluded(processed, _taxonomy(stages.taxonomy))
        extracted = {"indicators": _from_frame("indicators", indicators, INDICATOR_COLUMNS), "excluded": _from_frame("excluded", excluded, EXCLUDED_COLUMNS)}
        del indicators, excluded
    else:
        extracted = _spill_extraction(processed[0], _taxonomy(stages.taxonomy), spill)
    timings["extract"] += clock() - started

    started = clock()
    columns = stages.document_columns
    token_rows = {"doc_id": [], "token": [], "count": []}
    for document, tokens in zip(documents, counts):
        for token, count in sorted(tokens.items()):
            token_rows["doc_id"].append(document.doc_id)
            token_rows["token"].append(token)
            token_rows["count"].append(count)
    units = {"sections": (frames.sections, SECTION_COLUMNS), "paragraphs": (frames.paragraphs, PARAGRAPH_COLUMNS), "sentences": (frames.sentences, SENTENCE_COLUMNS)}
    if spill is None:
        unit_tables = {name: _from_frame(name, frame, names) for name, (frame, names) in units.items()}
    else:
        unit_tables = {name: _spill_frame(name, frame, names, spill) for name, (frame, names) in units.items()}
    tables = {
        "documents": _from_rows("documents", [_document_row(p, t, columns) for p, t in zip(processed, counts)], columns),
        **unit_tables,
        "tokens": pa.Table.from_pydict(token_rows, schema=table_schema("tokens", TOKEN_COLUMNS)),
        **extracted,
        **_record_tables(processed, spill),
        "issues": _from_rows("issues", issues, ISSUE_COLUMNS),
    }
    timings["tables"] += clock() - started
    return _Computed(tables, timings, len(documents), n_bytes)


#: Rows of a unit table converted to Arrow at a time when a huge document's tables are written.
SPILL_ROWS = 100_000


def _spill_frame(name: str, frame, columns: Sequence[str], spill: Path) -> Spilled:
    """A huge document's unit table written to ``spill/<name>.parquet``, converted slice by slice."""
    slices = (_from_frame(name, frame.iloc[start : start + SPILL_ROWS], columns) for start in range(0, len(frame), SPILL_ROWS))
    return write_spilled_table(slices, table_schema(name, columns), spill / f"{name}.parquet")


def _spill_extraction(document: ProcessedDocument, taxonomy, spill: Path) -> dict[str, Spilled]:
    """A huge document's indicators and excluded numbers, written to ``spill`` batch by batch
    (:func:`dangjian.indicators.extract.iter_extract_with_excluded`)."""
    from dangjian.indicators.extract import iter_extract_with_excluded

    schemas = {"indicators": (INDICATOR_COLUMNS, table_schema("indicators", INDICATOR_COLUMNS)), "excluded": (EXCLUDED_COLUMNS, table_schema("excluded", EXCLUDED_COLUMNS))}
    writers = {name: pq.ParquetWriter(spill / f"{name}.parquet", schema, compression="zstd") for name, (_, schema) in schemas.items()}
    rows = dict.fromkeys(writers, 0)
    try:
        for batches in iter_extract_with_excluded(document, taxonomy):
            for name, frames in zip(("indicators", "excluded"), batches):
                for frame in frames:
                    writers[name].write_table(_from_frame(name, frame, schemas[name][0]).replace_schema_metadata(None))
                    rows[name] += len(frame)
    finally:
        for writer in writers.values():
            writer.close()
    return {name: Spilled(str(spill / f"{name}.parquet"), rows[name]) for name in writers}


def _record_tables(processed: list[ProcessedDocument], spill: Path | None = None) -> dict[str, pa.Table | Spilled]:
    """The partition's cleaning records, statuses, offset maps and clean texts (with ``spill``,
    the one document's clean text is written there)."""
    from dangjian.cleaning.edits import offset_map_to_npy
    from dangjian.running.status import document_status

    cleaning = [{"doc_id": p.doc_id, **row} for p in processed for row in p.cleaned.record_table()]
    tables: dict[str, pa.Table | Spilled] = {
        "cleaning": _from_rows("cleaning", cleaning, CLEANING_COLUMNS),
        "status": _from_rows("status", [document_status(p) for p in processed], STATUS_COLUMNS),
        "offsets": _from_rows("offsets", [{"doc_id": p.doc_id, "offsets": offset_map_to_npy(p.cleaned.offset_map)} for p in processed], OFFSET_COLUMNS),
    }
    if spill is None:
        tables[TEXTS] = _from_rows(TEXTS, [{"doc_id": p.doc_id, "text": p.cleaned.text} for p in processed], TEXT_COLUMNS)
    else:
        (spill / "text.txt").write_text(processed[0].cleaned.text, encoding="utf-8", newline="")
        tables[TEXTS] = Spilled(str(spill / "text.txt"), 1, processed[0].doc_id)
    return tables


# --------------------------------------------------------------------------- back-ends


class _InProcess:
    """``workers=0``: run each partition in the calling process (debugging, small corpora)."""

    workers = 1

    def __init__(self, initializer: Callable | None, initargs: tuple):
        if initializer is not None:
            initializer(*initargs)

    def submit(self, function: Callable, chunks: list, args: tuple) -> list[Future]:
        futures = []
        for chunk in chunks:
            future: Future = Future()
            try:
                future.set_result(function(chunk, *args))
            except BaseException as error:  # noqa: BLE001 - re-raised by result()
                future.set_exception(error)
            futures.append(future)
        return futures

    def result(self, future: Future) -> Any:
        return future.result()

    def cancel(self, futures: Iterable[Future]) -> None:
        pass

    def close(self) -> None:
        pass


def _worker_pid(pause: float) -> int:
    time.sleep(pause)
    return os.getpid()


class _LocalProcesses:
    """A pool of worker processes on this machine (``spawn``: nothing inherited from the caller)."""

    def __init__(self, workers: int, initializer: Callable | None, initargs: tuple, start_method: str):
        self.workers = workers
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(start_method),
            initializer=initializer,
            initargs=initargs,
        )
        self._wait_for_workers()

    def _wait_for_workers(self, timeout: float = 300.0) -> None:
        """Return once every worker has started and run the initializer."""
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.workers and time.monotonic() < deadline:
            seen.update(f.result() for f in [self.pool.submit(_worker_pid, 0.05) for _ in range(self.workers)])

    def submit(self, function: Callable, chunks: list, args: tuple) -> list[Future]:
        return [self.pool.submit(function, chunk, *args) for chunk in chunks]

    def result(self, future: Future) -> Any:
        return future.result()

    def cancel(self, futures: Iterable[Future]) -> None:
        """Cancel the partitions not started and wait for the running ones, so that no worker
        writes a partition's files after the run has given up (and tidied up)."""
        futures = list(futures)
        for future in futures:
            future.cancel()
        concurrent.futures.wait([future for future in futures if not future.cancelled()])

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _apply_to_chunks(function: Callable, chunks: list, *args) -> list:
    """A bag partition holds whole chunks; apply ``function`` to each."""
    return [function(chunk, *args) for chunk in chunks]


class _Dask:
    """A Dask client: on a new ``LocalCluster`` of ``workers`` processes, or on ``scheduler``."""

    def __init__(self, workers: int, scheduler: str | None, initializer: Callable | None, initargs: tuple):
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
            self.client.wait_for_workers(workers)
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))
        if initializer is not None:
            self.client.run(initializer, *initargs)

    def submit(self, function: Callable, chunks: list, args: tuple) -> list:
        import dask.bag as db

        bag = db.from_sequence(chunks, npartitions=len(chunks))
        mapped = bag.map_partitions(functools.partial(_apply_to_chunks, function), *args)
        return self.client.compute(mapped.to_delayed())

    def result(self, future) -> Any:
        (value,) = future.result()
        return value

    def cancel(self, futures: Iterable) -> None:
        futures = list(futures)
        if futures:
            self.client.cancel(futures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class Engine:
    """Map a function over partitions on local processes or on Dask; results in order.

    Parameters:
        backend: ``"local"`` (default) or ``"dask"``.
        workers: worker processes (local pool or ``LocalCluster``); ``0`` with ``"local"``
            runs in the calling process. With a ``scheduler`` the cluster's workers are used.
        chunk_size: documents per partition (:func:`run`).
        scheduler: address of a running Dask scheduler (``"dask"`` only).
        max_in_flight: partitions submitted ahead of the one being collected (default
            ``2 * workers``); bounds memory.
        initializer, initargs: run once in every worker before any partition (e.g.
            :func:`warm_stages`).
        start_method: how local workers start (``"spawn"``, ``"forkserver"``, ``"fork"``).

    Use it as a context manager (workers start on entry and stop on exit) or call
    :meth:`start` and :meth:`close`.

    Example:
        >>> with Engine("local", workers=0) as engine:
        ...     list(engine.map_partitions(sum, [[1, 2], [3]]))
        [3, 3]
    """

    def __init__(
        self,
        backend: str = "local",
        workers: int = 2,
        *,
        chunk_size: int = 32,
        scheduler: str | None = None,
        max_in_flight: int | None = None,
        initializer: Callable | None = None,
        initargs: tuple = (),
        start_method: str = "spawn",
    ) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown engine backend {backend!r}; use one of {', '.join(BACKENDS)}")
        if workers < 0 or (backend == "dask" and workers < 1 and not scheduler):
            raise ValueError(f"workers must be at least {1 if backend == 'dask' else 0}, got {workers}")
        if scheduler and backend != "dask":
            raise ValueError("a scheduler address needs backend='dask'")
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
        self.backend = backend
        self.workers = workers
        self.chunk_size = chunk_size
        self.scheduler = scheduler
        self.max_in_flight = max_in_flight
        self.initializer = initializer
        self.initargs = tuple(initargs)
        self.start_method = start_method
        self._runner: _InProcess | _LocalProcesses | _Dask | None = None

    def __repr__(self) -> str:
        where = f", scheduler={self.scheduler!r}" if self.scheduler else ""
        return f"Engine({self.backend!r}, workers={self.workers}, chunk_size={self.chunk_size}{where})"

    @property
    def started(self) -> bool:
        return self._runner is not None

    def start(self) -> Engine:
        """Start the workers (and run the initializer in each); a started engine is reused."""
        if self._runner is None:
            if self.backend == "dask":
                self._runner = _Dask(self.workers, self.scheduler, self.initializer, self.initargs)
            elif self.workers == 0:
                self._runner = _InProcess(self.initializer, self.initargs)
            else:
                self._runner = _LocalProcesses(self.workers, self.initializer, self.initargs, self.start_method)
        return self

    def close(self) -> None:
        """Stop the workers."""
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def __enter__(self) -> Engine:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.close()

    def map_partitions(self, function: Callable, chunks: Iterable[list], *args) -> Iterator[Any]:
        """Yield ``function(chunk, *args)`` for each chunk, in order, computed by the workers.

        ``chunks`` is consumed lazily: only ``max_in_flight`` chunks are submitted ahead of
        the result being yielded. ``function`` must be a top-level (picklable) function.
        """
        runner = self.start()._runner
        assert runner is not None
        ahead = self.max_in_flight or 2 * runner.workers
        window = max(1, runner.workers)
        pending: deque = deque()
        try:
            for chunk_window in batched(chunks, window):
                pending.extend(runner.submit(function, chunk_window, args))
                while len(pending) > ahead:
                    yield runner.result(pending.popleft())
            while pending:
                yield runner.result(pending.popleft())
        finally:
            runner.cancel(pending)


# --------------------------------------------------------------------------- a whole corpus


@dataclass
class RunSummary:
    """What :func:`run` did: counts (``computed``: documents processed, not read from the cache),
    wall time, seconds per stage (summed over workers), memory."""

    out: Path
    documents: int = 0
    bytes: int = 0
    partitions: int = 0
    issues: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    worker_peak_rss: dict[int, int] = field(default_factory=dict)
    computed: int = 0

    def add(self, result: PartitionResult) -> None:
        self.documents += result.documents
        self.computed += result.computed
        self.bytes += result.bytes
        self.partitions += 1
        self.issues += result.tables["issues"].num_rows
        for stage, seconds in result.timings.items():
            self.timings[stage] = self.timings.get(stage, 0.0) + seconds
        self.worker_peak_rss[result.worker] = max(result.peak_rss, self.worker_peak_rss.get(result.worker, 0))

    @property
    def megabytes_per_second(self) -> float:
        """Throughput of the run: megabytes (10**6 bytes) of input files per second of wall time."""
        return self.bytes / 1e6 / self.seconds if self.seconds else 0.0


def run(
    folder: Path | str,
    out: Path | str,
    *,
    engine: Engine | None = None,
    stages: Stages | None = None,
    on_texts: Callable[[pa.Table], None] | None = None,
    about: dict | None = None,
    extra_issues: Sequence[dict] = (),
    follow_symlinks: bool = False,
) -> RunSummary:
    """Stream a corpus folder through the stages into partitioned Parquet tables under ``out``.

    Documents are read lazily (:func:`dangjian.reading.stream.iter_document_refs`), processed in
    partitions of ``engine.chunk_size`` by ``engine`` (default: local processes, 2 workers),
    and each partition's tables are written as they arrive: ``out/<table>/part-NNNNN.parquet``
    for the tables in :data:`TABLES`, then ``out/_manifest.json`` (with ``about`` in it).
    ``on_texts`` receives each partition's clean texts (a table of ``doc_id``, ``text``; for a huge
    document, a :class:`~dangjian.reading.stream.Spilled` file it may move into place, else it is deleted); ``extra_issues``
    (rows of the ``issues`` table) are written as its last partition. A corpus without any
    document still gets every table (empty).

    Example:
        >>> summary = run("data/raw", "data/processed/corpus-tables")  # doctest: +SKIP
    """
    stages = stages or Stages(metadata_columns=metadata_columns(folder, follow_symlinks))
    spill_dir = Path(os.path.abspath(out)) / SPILL_FOLDER
    shutil.rmtree(spill_dir, ignore_errors=True)  # left by an interrupted run
    stages = dataclasses.replace(stages, spill_dir=str(spill_dir))
    own_engine = engine is None
    engine = engine or Engine("local", workers=2, initializer=warm_stages, initargs=(stages,))
    stages = dataclasses.replace(stages, write_partitions=engine.backend == "local" and engine.workers > 0)
    summary = RunSummary(Path(out))
    refs = iter_document_refs(folder, skip_bad=stages.skip_bad, follow_symlinks=follow_symlinks)
    started = time.perf_counter()
    try:
        results = engine.map_partitions(process_partition, partitions(refs, engine.chunk_size, HUGE_DOCUMENT), stages)
        with PartitionedWriter(out, about) as writer, contextlib.closing(results):  # closed (running partitions waited for) before the tidying up
            for index, result in enumerate(results):
                texts = result.tables.pop(TEXTS)
                if on_texts is not None:
                    on_texts(texts)
                if isinstance(texts, Spilled) and os.path.exists(texts.path):
                    os.unlink(texts.path)
                writer.write(index, result.tables)
                summary.add(result)
            if not summary.partitions:
                empty = _compute_partition([], stages).tables
                empty.pop(TEXTS)
                writer.write(0, empty)
            if extra_issues:
                writer.write(max(1, summary.partitions), {"issues": _from_rows("issues", list(extra_issues), ISSUE_COLUMNS)})
                summary.issues += len(extra_issues)
    finally:
        if own_engine:
            engine.close()
        shutil.rmtree(spill_dir, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = [
    "BACKENDS", "COLUMN_TYPES", "Engine", "PartitionResult", "RunSummary", "STAGES", "Stages", "TABLES", "TEXTS",
    "concat_tables", "process_partition", "run", "split_by_document", "table_from_bytes", "table_to_bytes", "table_schema",
    "warm_stages",
]
