"""Streaming a corpus: documents one at a time in, partitioned Parquet tables out.

A national collection does not fit in memory as text. :func:`iter_document_refs` walks a
corpus folder lazily (the rows of ``metadata.csv`` as they are read, or the folder's files)
and yields small :class:`DocumentRef` objects (id, path, metadata): the text is read only by
the worker that processes the document (:func:`read_ref`). Results come back in partitions of
a few dozen documents; :class:`PartitionedWriter` writes each table of each partition as one
Parquet file ``<out>/<table>/part-00000.parquet``, atomically (:mod:`dangjian.project.io`), and
:func:`read_table` reads a table back.

Example:
    >>> import tempfile, pathlib
    >>> import pyarrow as pa
    >>> refs = list(iter_document_refs("data/raw"))
    >>> [ref.doc_id for ref in refs][:2], read_ref(refs[0]).encoding
    (['pingliang-2024', 'mudanjiang-xian'], 'utf-8')
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with PartitionedWriter(out) as writer:
    ...     _ = writer.write(0, {"docs": pa.table({"doc_id": ["a", "b"]})})
    ...     _ = writer.write(1, {"docs": pa.table({"doc_id": ["c"]})})
    >>> read_table(out, "docs")["doc_id"].tolist()
    ['a', 'b', 'c']
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dangjian.project.io import _umask, atomic_path, write_text_atomic
from dangjian.reading.corpus import (
    DOCUMENT_SUFFIXES,
    EMPTY_METADATA,
    LINK_OUTSIDE,
    REQUIRED_COLUMNS,
    CorpusError,
    Document,
    check_doc_id,
    check_file_once,
    check_has_chinese,
    decode_bytes,
    is_blank,
    outside_target,
    read_document,
    scan_document_files,
    validate_metadata,
)

T = TypeVar("T")

#: Name of the file that lists a finished run's partitions (written last).
MANIFEST = "_manifest.json"
_PART = re.compile(r"^part-(\d{5,})\.parquet$")
#: Bytes of ``metadata.csv`` read to detect its encoding (the rest is streamed).
_SNIFF_BYTES = 1 << 16


@dataclass(frozen=True)
class DocumentRef:
    """A document still on disk: what a worker needs to read it (small and picklable).

    ``problem`` is set when the corpus listing already shows that it cannot be read (a file
    listed in ``metadata.csv`` but missing): :func:`read_ref` raises it as a :class:`CorpusError`.
    """

    doc_id: str
    path: Path
    metadata: dict[str, str] = field(default_factory=dict, hash=False)
    problem: str = ""


def _metadata_encoding(path: Path) -> str:
    """Codec to stream ``metadata.csv`` with, detected on its first bytes (whole lines or code units)."""
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        more = handle.read(1)
    if not head:
        raise CorpusError(path, EMPTY_METADATA)
    encoding = _sniffed_encoding(path, head, more)
    if not more and is_blank(head.decode(encoding, errors="replace")):
        raise CorpusError(path, EMPTY_METADATA)  # only a byte-order mark or white space
    return encoding


def _sniffed_encoding(path: Path, head: bytes, more: bytes) -> str:
    """The codec of ``head``, the first bytes of ``path`` (``more``: a byte after them, if any)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # reads the byte-order mark and drops it
    if more:
        if b"\x00" in head:  # UTF-16 without a byte-order mark: keep whole code units
            head = head[: len(head) - len(head) % 2]
        elif b"\n" in head:
            head = head[: head.rindex(b"\n") + 1]
    try:
        _, encoding = decode_bytes(head, path)
    except CorpusError as error:
        raise CorpusError(path, f"metadata table unreadable: {error.problem}") from None
    return encoding


def iter_metadata_rows(path: Path | str) -> Iterator[dict[str, str]]:
    """Rows of a ``metadata.csv``, read and checked one at a time (never the whole table).

    Each row is checked as :func:`dangjian.reading.corpus.validate_metadata` checks a table: ids present
    and unique, each file named once, level known, year a number; an error names the file and the row.

    Example:
        >>> next(iter_metadata_rows("data/raw/metadata.csv"))["doc_id"]
        'pingliang-2024'
    """
    path = Path(path)
    encoding = _metadata_encoding(path)
    seen: dict[str, int] = {}
    files: dict[str, int] = {}
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in (reader.fieldnames or [])]
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise CorpusError(
                path,
                f"missing column(s) {', '.join(missing)}; the header must include {', '.join(REQUIRED_COLUMNS)} (found: {', '.join(header)})",
            )
        for line_no, raw_row in enumerate(_csv_rows(reader, path), start=2):
            if None in raw_row:
                raise CorpusError(
                    path,
                    f"row {line_no} has more fields than the header: a value that holds a comma must be in double quotes (\"a, b\")",
                )
            row = {(k or "").strip(): (v or "").strip() for k, v in raw_row.items() if k is not None}
            doc_id = row.get("doc_id", "")
            if doc_id in seen:
                raise CorpusError(path, f"row {line_no} (doc_id {doc_id!r}): duplicate doc_id, already used on row {seen[doc_id]}")
            try:
                validate_metadata([row], path)
            except CorpusError as error:  # re-number: validate_metadata counts from row 2
                raise CorpusError(path, error.problem.replace("row 2", f"row {line_no}", 1)) from None
            seen[doc_id] = line_no
            check_file_once(row["file"], line_no, files, path, f"row {line_no} (doc_id {doc_id!r})")
            yield row


def _csv_rows(reader: csv.DictReader, path: Path) -> Iterator[dict]:
    """The rows of ``reader``; a malformed line is an error naming the file and the line."""
    try:
        yield from reader
    except csv.Error as error:
        raise CorpusError(path, f"line {reader.line_num}: not a valid CSV row ({error})") from None


def corpus_metadata(folder: Path | str, follow_symlinks: bool = False) -> Path | None:
    """A corpus folder's ``metadata.csv`` (``None`` without one); a symbolic link to a table out
    of the folder is an error naming it, unless ``follow_symlinks`` (as for a document).

    Example:
        >>> corpus_metadata("data/raw").as_posix(), corpus_metadata("data")
        ('data/raw/metadata.csv', None)
    """
    path = Path(folder) / "metadata.csv"
    if not os.path.lexists(path):
        return None
    target = None if follow_symlinks else outside_target(folder, path)
    if target is not None:
        raise CorpusError(path, f"{LINK_OUTSIDE.format(target=target)}; copy the table into the folder")
    return path


def metadata_columns(folder: Path | str, follow_symlinks: bool = False) -> tuple[str, ...]:
    """Header of a corpus folder's ``metadata.csv`` (empty without one; a link out of the folder
    is refused: :func:`corpus_metadata`).

    Example:
        >>> metadata_columns("data/raw")[:3]
        ('doc_id', 'file', 'title')
    """
    path = corpus_metadata(folder, follow_symlinks)
    if path is None or not path.is_file():
        return ()
    with open(path, encoding=_metadata_encoding(path), newline="") as handle:
        return tuple(name.strip() for name in next(csv.reader(handle), []))


def iter_document_refs(folder: Path | str, skip_bad: bool = False, follow_symlinks: bool = False) -> Iterator[DocumentRef]:
    """Yield the documents of a corpus folder lazily, in ``metadata.csv`` order (else by file name).

    A file listed in ``metadata.csv`` but missing (or a link out of the folder) is an error naming
    both, or with ``skip_bad`` a reference carrying the problem, which :func:`read_ref` raises;
    whether each file is readable is found out when it is read. Files reached through symbolic
    links out of the folder are not read unless ``follow_symlinks``.

    Example:
        >>> ref = next(iter_document_refs("data/raw"))
        >>> ref.doc_id, ref.path.name, ref.metadata["level"]
        ('pingliang-2024', 'pingliang-2024.txt', 'prefecture')
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder not found")
    metadata_path = corpus_metadata(folder, follow_symlinks)
    if metadata_path is None or not metadata_path.exists():
        files, _links_out = scan_document_files(folder, follow_symlinks)  # links leading out of the folder are not read
        for path in files:
            check_doc_id(path.stem, path, from_file_name=True)
            yield DocumentRef(path.stem, path, {})
        return
    for row in iter_metadata_rows(metadata_path):
        path = folder / row["file"]
        problem = ""
        if not path.is_file():
            problem = f"listed in {metadata_path.name} (doc_id {row['doc_id']!r}) but not found"
        elif not follow_symlinks and (target := outside_target(folder, path)) is not None:
            problem = f"{LINK_OUTSIDE.format(target=target)}; not read. Copy the file into the folder"
        if problem and not skip_bad:
            raise CorpusError(path, problem)
        yield DocumentRef(row["doc_id"], path, row, problem)


def read_ref(ref: DocumentRef) -> Document:
    """Read, decode and check one document (an error names the file).

    Example:
        >>> read_ref(DocumentRef("n", Path("data/raw/national-2020.txt"))).raw_text[:2]
        '首页'
    """
    if ref.problem:
        raise CorpusError(ref.path, ref.problem)
    document = read_document(ref.path, ref.doc_id, ref.metadata)
    check_has_chinese(document)
    return document


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), consuming ``items`` lazily.

    Example:
        >>> list(batched(range(5), 2))
        [[0, 1], [2, 3], [4]]
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def part_name(index: int) -> str:
    """File name of partition ``index``.

    Example:
        >>> part_name(7)
        'part-00007.parquet'
    """
    return f"part-{index:05d}.parquet"


def write_partition_table(table: pa.Table, target: Path | str) -> Path:
    """Write one partition's table as Parquet, atomically (no pandas metadata, fixed settings).

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "part-00000.parquet"
        >>> _ = write_partition_table(pa.table({"x": [1, 2]}), target)
        >>> pq.read_table(target).num_rows
        2
    """
    target = Path(target)
    with atomic_path(target) as tmp:
        _write_parquet(table, tmp)
    return target


def _write_parquet(table: pa.Table, path: Path | str) -> None:
    """The Parquet settings of every partition file: no schema metadata, one chunk per column, zstd."""
    pq.write_table(table.replace_schema_metadata(None).combine_chunks(), path, compression="zstd")


def spill_table(table: pa.Table, folder: Path | str) -> Spilled:
    """Write a partition's table as Parquet to a new file in ``folder`` (the bytes
    :func:`write_partition_table` writes), for :class:`PartitionedWriter` to move into place: a worker
    process encodes its own partition, and the process that collects the partitions only moves files.

    Example:
        >>> import tempfile
        >>> spilled = spill_table(pa.table({"x": [1, 2]}), tempfile.mkdtemp())
        >>> spilled.num_rows, pq.read_table(spilled.path)["x"].to_pylist()
        (2, [1, 2])
    """
    Path(folder).mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(prefix="table-", suffix=".parquet", dir=folder)
    os.close(handle)
    try:
        _write_parquet(table, path)
        os.chmod(path, 0o666 & ~_umask())  # mkstemp makes owner-only files; the tables are shared like every output
    except BaseException:
        os.unlink(path)
        raise
    return Spilled(path, table.num_rows)


@dataclass(frozen=True)
class Spilled:
    """A table (or a clean text) that a worker wrote to a file instead of returning it: the tables
    of a huge document are written row group by row group as they are made, never held whole.

    :class:`PartitionedWriter` moves the file into place (the same file system: it lies under the
    tables folder); ``rows`` is its number of rows, ``doc_id`` the document of a clean text.

    Example:
        >>> Spilled("x/.spill/1/indicators.parquet", 3).num_rows
        3
    """

    path: str
    rows: int
    doc_id: str = ""

    @property
    def num_rows(self) -> int:
        """Rows of the table (as :attr:`pyarrow.Table.num_rows`)."""
        return self.rows


def write_spilled_table(batches: Iterable[pa.Table], schema: pa.Schema, target: Path | str) -> Spilled:
    """Write tables of one ``schema`` to one Parquet file, one row group each, as they come (the
    settings of :func:`write_partition_table`).

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
        >>> spilled = write_spilled_table([pa.table({"x": [1]}), pa.table({"x": [2, 3]})], pa.schema([("x", pa.int64())]), target)
        >>> spilled.rows, pq.read_table(target)["x"].to_pylist()
        (3, [1, 2, 3])
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        for table in batches:
            if table.num_rows:
                writer.write_table(table.replace_schema_metadata(None).cast(schema))
                rows += table.num_rows
    return Spilled(str(target), rows)


#: Documents that can be huge: the size of a text file is that of its text (a PDF or a Word file of
#: many megabytes is mostly images, and their text is bounded by the format limits).
HUGE_SUFFIXES = (".txt", ".html", ".htm")


def partitions(refs: Iterable[DocumentRef], size: int, alone: int) -> Iterator[list[DocumentRef]]:
    """Lists of up to ``size`` documents; a text document (:data:`HUGE_SUFFIXES`) whose file has
    at least ``alone`` bytes is a partition of its own (its tables are then written without being
    held whole).

    Example:
        >>> refs = [DocumentRef(n, Path("data/raw/town-speech.txt")) for n in "abc"]
        >>> [[r.doc_id for r in part] for part in partitions(refs, 2, alone=10**9)]
        [['a', 'b'], ['c']]
        >>> [[r.doc_id for r in part] for part in partitions(refs, 2, alone=1)]
        [['a'], ['b'], ['c']]
    """
    batch: list[DocumentRef] = []
    for ref in refs:
        if text_size(ref) >= alone:
            if batch:
                yield batch
                batch = []
            yield [ref]
            continue
        batch.append(ref)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def text_size(ref: DocumentRef) -> int:
    """The size in bytes of a readable text document's file (:data:`HUGE_SUFFIXES`); 0 for any
    other document, which is never treated as huge.

    Example:
        >>> text_size(DocumentRef("t", Path("data/raw/town-speech.txt"))) > 0
        True
    """
    if ref.problem or ref.path.suffix.lower() not in HUGE_SUFFIXES:
        return 0
    try:
        return ref.path.stat().st_size
    except OSError:
        return 0


class PartitionedWriter:
    """Write the tables of numbered partitions under ``out``; finish with a manifest.

    Each ``write(index, tables)`` puts ``tables[name]`` at ``out/name/part-<index>.parquet``
    (atomically). On a successful exit the manifest lists the partitions and rows of every table,
    and partition files left from an earlier, larger run are removed. After an interrupted run
    the manifest of the previous complete run (if any) is left as it was. ``about`` is recorded
    in the manifest as it is (what the tables were made from).
    """

    def __init__(self, out: Path | str, about: dict | None = None):
        self.out = Path(out)
        self.about = dict(about or {})
        self.partitions: dict[str, set[int]] = {}
        self.rows: dict[str, int] = {}

    def __enter__(self) -> PartitionedWriter:
        self.out.mkdir(parents=True, exist_ok=True)
        return self

    def write(self, index: int, tables: dict[str, pa.Table]) -> list[Path]:
        """Write every table of partition ``index``."""
        written = []
        for name in sorted(tables):
            target = self.out / name / part_name(index)
            if isinstance(tables[name], Spilled):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tables[name].path, target)
                written.append(target)
            else:
                written.append(write_partition_table(tables[name], target))
            self.partitions.setdefault(name, set()).add(index)
            self.rows[name] = self.rows.get(name, 0) + tables[name].num_rows
        return written

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is not None:
            return
        for name, indices in self.partitions.items():
            for stale in (self.out / name).iterdir():
                match = _PART.match(stale.name)
                if match and int(match.group(1)) not in indices:
                    stale.unlink()
        manifest = {
            **self.about,
            "tables": {
                name: {"partitions": len(indices), "rows": self.rows[name]}
                for name, indices in sorted(self.partitions.items())
            }
        }
        write_text_atomic(self.out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def partition_files(out: Path | str, table: str) -> list[Path]:
    """The Parquet files of ``table`` under ``out``, in partition order.

    Example:
        >>> partition_files("no/such/folder", "sentences")
        []
    """
    folder = Path(out) / table
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _PART.match(p.name)), key=lambda p: int(_PART.match(p.name).group(1)))


def read_table(out: Path | str, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read one partitioned table back as a DataFrame (partitions in order).

    Reading a table one partition at a time (:func:`iter_table`) keeps memory bounded.
    """
    files = partition_files(out, table)
    if not files:
        raise FileNotFoundError(f"{Path(out) / table}: no partitions of table {table!r}")
    return pa.concat_tables([pq.read_table(f, columns=columns) for f in files]).to_pandas()


def iter_table(out: Path | str, table: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
    """Yield one partitioned table partition by partition (bounded memory).

    Example:
        >>> list(iter_table("no/such/folder", "sentences"))
        []
    """
    for path in partition_files(out, table):
        yield pq.read_table(path, columns=columns).to_pandas()


def read_manifest(out: Path | str) -> dict:
    """The manifest of a finished run under ``out`` (tables, partitions, rows)."""
    path = Path(out) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no manifest; the run under {out} did not finish")
    return json.loads(path.read_text(encoding="utf-8"))


__all__ = [
    "DocumentRef", "MANIFEST", "PartitionedWriter", "Spilled", "batched", "corpus_metadata", "partitions", "text_size", "write_spilled_table", "iter_document_refs", "iter_metadata_rows",
    "iter_table", "metadata_columns", "part_name", "partition_files", "read_manifest", "read_ref", "read_table",
    "write_partition_table",
]
