"""The corpus tables: a corpus processed once, read by every notebook and by the corpus report.

The *process step* (:func:`process_tables`, ``dangjian process CORPUS``, the first step of
``dangjian run``) streams a corpus folder through the engine (:func:`dangjian.running.engine.run`:
decode, clean, segment, extract indicators, count tokens) into partitioned Parquet tables under
one folder, the run's tables folder (:attr:`dangjian.project.layout.RunLayout.tables`):

* ``documents``, ``sections``, ``paragraphs``, ``sentences``, ``indicators``, ``tokens``,
  ``cleaning`` (what each cleaning step changed), ``excluded`` (numbers read and not reported),
  ``status`` (each document's status and why), ``offsets`` (clean-to-raw offset maps) and
  ``issues`` (files skipped or ignored, with the reason): ``<table>/part-NNNNN.parquet``;
* ``clean/<doc_id>.txt``: each document's clean text;
* ``_manifest.json``: the partitions and rows of each table, and what the tables were made from
  (the corpus, its files' signature, the settings, the library code).

It is incremental: with a cache folder, a document whose bytes, metadata and settings are
unchanged is read from the cache (:mod:`dangjian.project.cache`) instead of being processed again, and
the tables are the same bytes as a fresh run's. :class:`CorpusTables` reads the tables back and
gives what an analysis needs (``document_table``, ``sentences``, ``paragraphs``, ``sections``,
``clean_texts``, ``cleaning_table``, ``issues``, ``status_table()``, ``indicators()``,
``excluded``), one table at a time; :func:`open_tables` is what a notebook calls: it reads the
tables, running the process step first (in the notebook's process) if they are missing or were
made from other inputs.

Example:
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "tables"
    >>> summary = process_tables("data/raw", out)
    >>> summary.documents, summary.computed
    (5, 5)
    >>> tables = CorpusTables(out)
    >>> tables.document_table["doc_id"].tolist()[:2], len(tables.clean_texts)
    (['pingliang-2024', 'mudanjiang-xian'], 5)
    >>> is_fresh(out, "data/raw")
    True
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dangjian.project.io import check_output_outside, child_path, file_digest, write_text_atomic
from dangjian.project.layout import RunLayout, default_run_name, find_project_root, safe_run_name
from dangjian.project.params import ParameterError, corpus_folders, find_parameter_files, load_report_specs
from dangjian.project.schema import FOUND_METADATA, INDICATOR_COLUMNS, INDICATOR_DTYPES, NULLABLE_INTEGERS, STATUS_COLUMNS, with_unit_metadata
from dangjian.reading.corpus import DOCUMENT_SUFFIXES, LINK_OUTSIDE, Corpus, CorpusError, CorpusIssue, Document, scan_document_files, unread_files
from dangjian.reading.stream import MANIFEST, Spilled, corpus_metadata, iter_metadata_rows, iter_table, partition_files, read_manifest, read_table
from dangjian.running.status import SAME_TEXT_COLUMNS, with_same_texts

#: Version of the tables folder's layout (a new layout makes older tables stale).
TABLES_FORMAT = "dangjian-tables/1"


class TablesMissing(FileNotFoundError):
    """No usable tables in a folder: the message says which command writes them."""


# --------------------------------------------------------------------------- the process step


@dataclass
class ProcessSummary:
    """What :func:`process_tables` did: documents, how many were computed (not cached), issues, time,
    and the bytes of the documents' files (cached ones included)."""

    out: Path
    documents: int
    computed: int
    issues: int
    seconds: float
    megabytes_per_second: float
    bytes: int = 0


def corpus_signature(folder: Path | str) -> str:
    """A digest of the names and contents of a corpus folder's documents and ``metadata.csv``.

    A changed file changes it; a copy of the corpus elsewhere, or the same files touched again,
    does not (so that the same corpus gives the same manifest, byte for byte). Hashing reads every
    file once: about 0.1 s per 100 MB.

    Example:
        >>> corpus_signature("data/raw") == corpus_signature("data/raw")
        True
    """
    digest = hashlib.sha256()
    root = Path(folder)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name != "metadata.csv" and path.suffix.lower() not in DOCUMENT_SUFFIXES:
                continue  # only what the process step may read
            try:
                content = file_digest(path)
            except OSError:
                continue
            digest.update(f"{path.relative_to(root).as_posix()}\0{content}\n".encode())
    return digest.hexdigest()[:32]


def _settings_digest(stages) -> str:
    from dangjian.project.cache import code_fingerprint, make_key
    from dangjian.running.engine import ENGINE_MODULES

    return make_key([TABLES_FORMAT, code_fingerprint(ENGINE_MODULES), stages.key()])


def _stages(folder: Path, taxonomy: str | None, cache_dir: Path | str | None, follow_symlinks: bool = False):
    from dangjian.reading.stream import metadata_columns
    from dangjian.running.engine import Stages

    return Stages(
        taxonomy=taxonomy or None,
        metadata_columns=metadata_columns(folder, follow_symlinks),
        skip_bad=True,
        cache_dir=str(cache_dir) if cache_dir is not None else None,
    )


def _corpus_reference(folder: Path | str, out: Path | str) -> str:
    """The corpus folder as the manifest records it: relative to the tables folder, so that a
    project moved or copied elsewhere keeps the same manifest.

    Example:
        >>> _corpus_reference("/proj/data/raw", "/proj/data/processed/tables")
        '../../raw'
    """
    return Path(os.path.relpath(os.path.abspath(folder), os.path.abspath(out))).as_posix()


def _about(folder: Path, stages, out: Path) -> dict:
    return {
        "format": TABLES_FORMAT,
        "corpus": _corpus_reference(folder, out),
        "corpus_signature": corpus_signature(folder),
        "settings": _settings_digest(stages),
        "taxonomy": stages.taxonomy or "",
    }


def listing_issues(folder: Path | str, follow_symlinks: bool = False) -> list[dict[str, str]]:
    """Files of a corpus folder that are not analysed and not errors: present but not listed in
    ``metadata.csv``, symbolic links out of the folder, or documents in a format that is not read
    (``.doc``: :func:`dangjian.reading.corpus.unread_files`), as :func:`dangjian.reading.corpus.load_corpus`
    reports them.

    Example:
        >>> listing_issues("data/raw")
        []
    """
    folder = Path(folder)
    files, links_out = scan_document_files(folder, follow_symlinks)
    metadata = corpus_metadata(folder, follow_symlinks)  # a link out of the folder is refused
    listed = {row["file"] for row in iter_metadata_rows(metadata)} if metadata and metadata.exists() else {p.name for p in files}
    rows = [
        {"doc_id": "", "file": path.name, "status": "warning", "message": "present but not listed in metadata.csv; ignored"}
        for path in files
        if path.name not in listed
    ]
    rows += [
        {"doc_id": "", "file": path.name, "status": "warning", "message": f"{LINK_OUTSIDE.format(target=target)}; ignored"}
        for path, target in links_out
        if path.name not in listed
    ]
    rows += [
        {"doc_id": "", "file": path.name, "status": "warning", "message": message}
        for path, message in unread_files(folder)
        if path.name not in listed
    ]
    return rows


def process_tables(
    corpus_dir: Path | str,
    out: Path | str,
    *,
    workers: int | None = 0,
    backend: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | str | None = None,
    taxonomy: str | None = None,
    chunk_size: int = 32,
    follow_symlinks: bool = False,
) -> ProcessSummary:
    """Process a corpus folder into its tables under ``out`` (see the module's description).

    ``workers`` and ``backend`` choose where documents are processed (``workers=0``: in this
    process; None: :func:`default_workers`); ``cache_dir`` makes the step incremental. Unreadable documents are skipped and listed
    in the ``issues`` table. Nothing is written inside the corpus folder.

    Raises:
        CorpusError: the corpus folder or its ``metadata.csv`` cannot be read.
        UnsafePathError: ``out`` or ``cache_dir`` lies inside the corpus folder, or a doc_id is not a plain name.
    """
    from dangjian.running.engine import Engine, run, warm_stages

    folder = Path(corpus_dir)
    out = Path(out)
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder not found")
    for target in (out, out / "clean"):
        check_output_outside(target, [folder])
    if cache_dir is not None:
        check_output_outside(cache_dir, [folder], what="cache folder")
    stages = _stages(folder, taxonomy, cache_dir, follow_symlinks)
    about = {**_about(folder, stages, out), "follow_symlinks": follow_symlinks}
    if workers is None:
        workers = default_workers(folder) if backend == "local" else 2
    clean = out / "clean"
    written: set[str] = set()

    def write_texts(texts: pa.Table | Spilled) -> None:
        if isinstance(texts, Spilled):  # a huge document's clean text, written by its worker
            path = child_path(clean, texts.doc_id, ".txt")
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(texts.path, path)
            written.add(path.name)
            return
        for doc_id, text in zip(texts["doc_id"].to_pylist(), texts["text"].to_pylist()):
            path = child_path(clean, doc_id, ".txt")
            write_text_atomic(path, text)
            written.add(path.name)

    engine = Engine(
        backend,
        workers,
        chunk_size=chunk_size,
        scheduler=scheduler,
        initializer=warm_stages if (workers or backend == "dask") else None,
        initargs=(stages,),
    )
    with engine:
        summary = run(folder, out, engine=engine, stages=stages, on_texts=write_texts, about=about,
                      extra_issues=listing_issues(folder, follow_symlinks), follow_symlinks=follow_symlinks)
    if clean.is_dir():
        for stale in clean.iterdir():
            if stale.suffix == ".txt" and stale.name not in written:
                stale.unlink()
    return ProcessSummary(
        out, summary.documents, summary.computed, summary.issues, summary.seconds, summary.megabytes_per_second, summary.bytes
    )


#: Document files over which the process step uses worker processes by default.
LARGE_CORPUS = 200


def default_workers(folder: Path | str) -> int:
    """Worker processes for a corpus when none are asked for: 2 (at most the cores) for a corpus of
    over :data:`LARGE_CORPUS` files, else 0 (starting workers costs more than it saves).

    Example:
        >>> default_workers("data/raw")
        0
    """
    cores = os.cpu_count() or 1
    if cores < 2:
        return 0
    count = 0
    with os.scandir(folder) as entries:
        for _entry in entries:
            count += 1
            if count > LARGE_CORPUS:
                return 2
    return 0


def tables_problem(out: Path | str, corpus_dir: Path | str, taxonomy: str | None = None, follow_symlinks: bool = False) -> str:
    """Why the tables under ``out`` are not those of ``corpus_dir`` as it is now (``""`` when they are).

    Example:
        >>> tables_problem("no/such/folder", "data/raw")
        'no corpus tables in no/such/folder'
    """
    try:
        manifest = read_manifest(out)
    except (OSError, ValueError):
        return f"no corpus tables in {out}"
    folder = Path(corpus_dir)
    if manifest.get("format") != TABLES_FORMAT:
        return f"the tables in {out} were written by another version of the process step"
    if manifest.get("corpus") != _corpus_reference(folder, out):
        recorded = Path(os.path.normpath(Path(out) / manifest.get("corpus", "")))
        return f"the tables in {out} are those of the corpus {recorded}, not of {folder}"
    if not folder.is_dir():
        return f"the corpus folder {folder} is not found"
    if manifest.get("follow_symlinks", False) != follow_symlinks:
        return f"the tables in {out} were made {'without' if follow_symlinks else 'with'} --follow-symlinks"
    if manifest.get("corpus_signature") != corpus_signature(folder):
        return f"the corpus {folder} changed since the tables in {out} were written"
    stages = _stages(folder, taxonomy if taxonomy is not None else manifest.get("taxonomy") or None, None, follow_symlinks)
    if manifest.get("settings") != _settings_digest(stages):
        return f"the tables in {out} were made with other settings or another version of the library"
    return ""


def is_fresh(out: Path | str, corpus_dir: Path | str) -> bool:
    """True when the tables under ``out`` are those of ``corpus_dir`` as it is now."""
    return not tables_problem(out, corpus_dir)


def process_command(corpus_dir: Path | str, out: Path | str) -> str:
    """The command that writes the tables of ``corpus_dir`` under ``out``.

    Example:
        >>> process_command("data/raw", "data/processed/tables")
        'dangjian process data/raw --out data/processed/tables'
    """
    return f"dangjian process {corpus_dir} --out {out}"


def open_tables(
    corpus_dir: Path | str,
    tables_dir: Path | str,
    cache_dir: Path | str | None = None,
    *,
    process: bool = True,
) -> CorpusTables:
    """The tables of ``corpus_dir`` under ``tables_dir``, as a notebook reads them.

    ``dangjian run`` writes them before the notebooks run; a notebook run on its own finds them
    missing or stale (the corpus changed) and, with ``process``, runs the same process step here,
    in this process (incremental with ``cache_dir``); without ``process`` it raises
    :class:`TablesMissing` naming the command to run.

    Raises:
        CorpusError: no document of the corpus can be read.
    """
    problem = tables_problem(tables_dir, corpus_dir)
    if problem:
        if not process:
            raise TablesMissing(f"{problem}; run `{process_command(corpus_dir, tables_dir)}`")
        process_tables(corpus_dir, tables_dir, cache_dir=cache_dir)
    tables = CorpusTables(tables_dir)
    if tables.documents == 0:
        from dangjian.segmentation.pipeline import no_documents_problem

        raise CorpusError(corpus_dir, no_documents_problem(Corpus(None, [], tables.issues)))
    return tables


# --------------------------------------------------------------------------- reading the tables


def _strings_as_missing(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    for column in columns:
        if column in frame:
            frame[column] = frame[column].where(frame[column] != "", np.nan)
    return frame


class CorpusTables:
    """The tables of a processed corpus (:func:`process_tables`), read when first asked for.

    The frames are those a :class:`dangjian.segmentation.pipeline.ProcessedCorpus` of the same corpus gives
    (same columns, rows and values), read from Parquet instead of computed.
    """

    def __init__(self, out: Path | str):
        self.out = Path(out)
        if not (self.out / MANIFEST).is_file():
            raise TablesMissing(f"no corpus tables in {self.out}; run `dangjian process CORPUS --out {self.out}`")
        self.manifest = read_manifest(self.out)
        self.corpus = Path(os.path.normpath(self.out / self.manifest.get("corpus", "")))
        self.taxonomy = self.manifest.get("taxonomy", "")

    def __repr__(self) -> str:
        return f"CorpusTables({self.out.as_posix()!r}: {self.documents} documents)"

    def read(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        """One table as a DataFrame (all partitions); a heading level is a nullable integer."""
        if not partition_files(self.out, table):
            raise TablesMissing(f"{self.out / table}: no partitions; run `dangjian process CORPUS --out {self.out}`")
        frame = read_table(self.out, table, columns)
        nullable = [c for c in NULLABLE_INTEGERS.get(table, ()) if c in frame]
        return frame.astype(dict.fromkeys(nullable, "Int64")) if nullable else frame

    def digest(self, table: str) -> str:
        """SHA-256 of the bytes of ``table``'s partition files: the same digest means the same rows
        (a key for results computed from the table, such as the sentences' co-occurrences).

        Example:
            >>> tables = CorpusTables("data/processed/tables")  # doctest: +SKIP
            >>> tables.digest("sentences") == tables.digest("sentences")  # doctest: +SKIP
            True
        """
        files = partition_files(self.out, table)
        if not files:
            raise TablesMissing(f"{self.out / table}: no partitions; run `dangjian process CORPUS --out {self.out}`")
        digest = hashlib.sha256()
        for path in files:
            digest.update(f"{path.name}\0{file_digest(path)}\n".encode())
        return digest.hexdigest()[:32]

    def iter(self, table: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        """One table partition by partition (bounded memory)."""
        return iter_table(self.out, table, columns)

    @property
    def documents(self) -> int:
        """Number of documents analysed."""
        return int(self.manifest.get("tables", {}).get("documents", {}).get("rows", 0))

    @functools.cached_property
    def document_table(self) -> pd.DataFrame:
        """One row per document: metadata, encoding, lengths, structure and cleaning counts.

        Metadata found in the text (editor, source …) is a column only when some document has it.
        """
        table = self.read("documents").drop(columns=["tokens", "token_types"])
        table = _strings_as_missing(table, FOUND_METADATA)
        found = [c for c in FOUND_METADATA if c in table and table[c].notna().any()]
        first = {c: int(np.argmax(table[c].notna().to_numpy())) for c in found}
        order = sorted(found, key=lambda c: (first[c], FOUND_METADATA.index(c)))
        kept = [c for c in table.columns if c not in FOUND_METADATA]
        return table[kept + order]

    def _with_metadata(self, name: str) -> pd.DataFrame:
        return with_unit_metadata(self.read(name), self.document_table)

    @property
    def paragraphs(self) -> pd.DataFrame:
        """Paragraphs of all documents with region, level, year and genre."""
        return self._with_metadata("paragraphs")

    @property
    def sentences(self) -> pd.DataFrame:
        """Sentences of all documents with region, level, year and genre."""
        return self._with_metadata("sentences")

    @property
    def sections(self) -> pd.DataFrame:
        """Sections of all documents."""
        return self.read("sections")

    @property
    def cleaning_table(self) -> pd.DataFrame:
        """What each cleaning step changed in each document (one row per document × step)."""
        return self.read("cleaning")

    @property
    def clean_texts(self) -> dict[str, str]:
        """Each document's clean text, in document order."""
        return {
            doc_id: child_path(self.out / "clean", doc_id, ".txt").read_text(encoding="utf-8")
            for doc_id in self.read("documents", ["doc_id"])["doc_id"]
        }

    @property
    def tokens(self) -> pd.DataFrame:
        """Token counts per document (``doc_id``, ``token``, ``count``; the default tokenizer)."""
        return self.read("tokens")

    @property
    def excluded(self) -> pd.DataFrame:
        """The numbers read and not reported, with the reason (:func:`dangjian.indicators.excluded_numbers`)."""
        return self.read("excluded")

    @property
    def issues(self) -> list[CorpusIssue]:
        """Files skipped (unreadable) or ignored (not listed), as :class:`~dangjian.reading.corpus.CorpusIssue`."""
        rows = self.read("issues")
        return [CorpusIssue(str(self.corpus / row.file), row.status, row.message) for row in rows.itertuples()]

    def status_table(self) -> pd.DataFrame:
        """Every document with its status (ok, warning, skipped) and why (:func:`dangjian.running.status.status_table`)."""
        issues = self.read("issues")
        rows = pd.DataFrame(
            {"doc_id": "", "file": issues["file"], "status": issues["status"], "reasons": issues["message"]},
            columns=list(STATUS_COLUMNS),
        )
        table = pd.concat([self.read("status"), rows], ignore_index=True) if len(rows) else self.read("status")
        documents = self.read("documents", SAME_TEXT_COLUMNS)
        return with_same_texts(table[list(STATUS_COLUMNS)].reset_index(drop=True), documents)

    def indicators(self, taxonomy=None) -> pd.DataFrame:
        """The indicator table (:func:`dangjian.indicators.extract`) with ``taxonomy`` (a path, a
        :class:`~dangjian.indicators.Taxonomy`, or None / "" for the shipped one).

        With the taxonomy the tables were made with, the table is read; with another, the
        quantities are extracted again from the sentences table, document by document, and traced
        to the raw file through the stored offset maps (the documents are not cleaned again).
        """
        from dangjian.indicators import extract

        same = taxonomy is None or (isinstance(taxonomy, (str, os.PathLike)) and str(taxonomy or "") == self.taxonomy)
        if same:
            return self.read("indicators").astype(INDICATOR_DTYPES)[list(INDICATOR_COLUMNS)]
        frames = [extract([document], taxonomy) for document in self.processed_documents()]
        if not frames:
            return extract([], taxonomy)
        return pd.concat(frames, ignore_index=True).astype(INDICATOR_DTYPES)

    def processed_documents(self) -> Iterator:
        """Each document as a light :class:`~dangjian.segmentation.pipeline.ProcessedDocument` made from the
        tables: its raw text decoded again, its clean text, offset map and structure (no cleaning
        records), one at a time."""
        from dangjian.cleaning.clean import CleanResult
        from dangjian.cleaning.edits import offset_map_from_npy
        from dangjian.reading.stream import DocumentRef, read_ref
        from dangjian.segmentation.pipeline import ProcessedDocument
        from dangjian.segmentation.segment import Segmentation

        documents = self.read("documents")
        offsets = dict(zip(*self.read("offsets").pipe(lambda t: (t["doc_id"], t["offsets"]))))
        texts = self.clean_texts
        sections, paragraphs, sentences = (self.read(name).groupby("doc_id", sort=False) for name in ("sections", "paragraphs", "sentences"))
        for row in documents.itertuples():
            path = self.corpus / row.file
            meta = {k: v for k, v in documents.loc[row.Index].items() if isinstance(v, str) and k not in ("doc_id", "file")}
            document = read_ref(DocumentRef(row.doc_id, path, meta))
            cleaned = CleanResult(document.raw_text, texts[row.doc_id], offset_map_from_npy(offsets[row.doc_id]), [], {})

            def part(groups, doc_id=row.doc_id):
                return groups.get_group(doc_id).reset_index(drop=True) if doc_id in groups.groups else groups.obj.iloc[0:0]

            yield ProcessedDocument(document, cleaned, Segmentation(part(sections), part(paragraphs), part(sentences)))

    def save(self, out_dir: Path | str) -> list[Path]:
        """Write the clean texts (``clean/<doc_id>.txt``) and the tables (Parquet, the cleaning record
        as CSV) to ``out_dir``, as :meth:`dangjian.segmentation.pipeline.ProcessedCorpus.save` does."""
        from dangjian.project.io import write_table

        out = Path(out_dir)
        check_output_outside(out, [self.corpus])
        check_output_outside(out / "clean", [self.corpus])
        written = []
        for doc_id, text in self.clean_texts.items():
            target = child_path(out / "clean", doc_id, ".txt")
            write_text_atomic(target, text)
            written.append(target)
        for name, table in (
            ("documents", self.document_table),
            ("paragraphs", self.paragraphs),
            ("sentences", self.sentences),
            ("sections", self.sections),
        ):
            written.append(write_table(table, out / f"{name}.parquet"))
        written.append(write_table(self.cleaning_table, out / "cleaning.csv"))
        return written


# --------------------------------------------------------------------------- the run's folders


def default_tables_folder(corpus_dir: Path | str, root: Path) -> tuple[Path, Path]:
    """The tables and cache folders of the run a corpus belongs to: the project's run when a
    parameter file names this corpus, else the run ``runs/<folder name>/`` of ``dangjian run --corpus``.

    Example:
        >>> root = Path(".").resolve()
        >>> [p.relative_to(root).as_posix() for p in default_tables_folder("data/raw", root)]
        ['data/processed/tables', 'data/processed/cache']
    """
    try:
        specs, _errors = load_report_specs(find_parameter_files(root), root)
        project = {os.path.abspath(f) for f in corpus_folders(specs, root)}
    except (OSError, ValueError):
        project = set()
    if os.path.abspath(corpus_dir) in project:
        layout = RunLayout(root)
    else:
        layout = RunLayout(root, safe_run_name(default_run_name(corpus_dir)))
        check_run_corpus(layout, corpus_dir, "give it a run of its own with dangjian run --corpus DIR --name NAME")
    return layout.tables, layout.cache


def recorded_corpus(layout: RunLayout) -> str | None:
    """The corpus folder a named run was made from (its ``run.json``), None before its first run.

    Example:
        >>> import tempfile
        >>> recorded_corpus(RunLayout(Path(tempfile.mkdtemp()), "mine")) is None
        True
    """
    try:
        known = json.loads(layout.run_record.read_text(encoding="utf-8")).get("corpus")
    except (OSError, ValueError, AttributeError):
        return None
    return known if isinstance(known, str) else None


def run_corpus(corpus_dir: Path | str) -> str:
    """How a run records its corpus folder: the absolute path, with ``/``."""
    return Path(os.path.abspath(corpus_dir)).as_posix()


def check_run_corpus(layout: RunLayout, corpus_dir: Path | str, hint: str) -> str | None:
    """Refuse to use the named run ``layout`` for ``corpus_dir`` when it is the run of another
    corpus (one name, one corpus: a run never replaces another's tables); ``hint`` says what to do.
    Returns the corpus the run records (None before its first run).

    Example:
        >>> import tempfile
        >>> layout = RunLayout(Path(tempfile.mkdtemp()), "mine")
        >>> _ = write_text_atomic(layout.run_record, '{"corpus": "/data/mine"}')
        >>> check_run_corpus(layout, "/data/mine", "name it")
        '/data/mine'
        >>> check_run_corpus(layout, "/other/mine", "name it")
        Traceback (most recent call last):
        ...
        dangjian.project.params.ParameterError: runs/mine holds the run of corpus /data/mine, not /other/mine; name it
    """
    known, corpus = recorded_corpus(layout), run_corpus(corpus_dir)
    if known is not None and known != corpus:
        raise ParameterError(f"{layout.shown(layout.base)} holds the run of corpus {known}, not {corpus}; {hint}")
    return known


# --------------------------------------------------------------------------- the corpus report


def corpus_status(
    folder: Path | str,
    follow_symlinks: bool = False,
    cache_dir: Path | str | None = None,
    tables_dir: Path | str | None = None,
) -> pd.DataFrame:
    """Each document's status (:mod:`dangjian.running.status`), read from the corpus tables.

    The tables under ``tables_dir`` are read when they are those of ``folder`` as it is now;
    otherwise the process step writes them there (or, without ``tables_dir``, in a temporary
    folder), skipping bad files, with ``cache_dir`` as its cache.

    Example:
        >>> corpus_status("data/raw")["status"].tolist()
        ['ok', 'warning', 'warning', 'ok', 'ok']
    """
    if tables_dir is not None and not tables_problem(tables_dir, folder, follow_symlinks=follow_symlinks):
        return CorpusTables(tables_dir).status_table()
    with tempfile.TemporaryDirectory(prefix="dangjian-status-") as scratch:
        out = Path(tables_dir) if tables_dir is not None else Path(scratch) / "tables"
        process_tables(folder, out, cache_dir=cache_dir, follow_symlinks=follow_symlinks)
        return CorpusTables(out).status_table()


def folder_status(folder: Path | str, follow_symlinks: bool = False) -> pd.DataFrame:
    """The corpus report of ``folder`` (:func:`corpus_status`), read from the tables of the run it
    belongs to when they are those of the folder as it is now, else computed in a temporary folder.

    Example:
        >>> folder_status("data/raw")["status"].tolist()
        ['ok', 'warning', 'warning', 'ok', 'ok']
    """
    tables_dir, cache_dir = _run_folders(folder)
    return corpus_status(folder, follow_symlinks=follow_symlinks, cache_dir=cache_dir, tables_dir=tables_dir)


def _run_folders(folder: Path | str) -> tuple[Path | None, Path | None]:
    """The tables and cache folders of the project run that ``folder`` belongs to, when its tables
    are there (read as they are); else (None, None): the status is computed in a temporary folder."""
    try:
        tables_dir, cache_dir = default_tables_folder(folder, find_project_root())
    except (OSError, ValueError):
        return None, None
    return (tables_dir, cache_dir) if is_fresh(tables_dir, folder) else (None, None)


__all__ = [
    "CorpusTables", "ProcessSummary", "TablesMissing", "check_run_corpus", "corpus_signature", "corpus_status", "default_tables_folder",
    "folder_status", "is_fresh", "listing_issues", "open_tables", "process_command", "process_tables", "recorded_corpus",
    "run_corpus", "tables_problem",
]
