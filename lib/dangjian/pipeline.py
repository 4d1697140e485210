"""The per-document pipeline: read -> clean -> segment, collected into corpus tables.

Example:
    >>> processed = process_corpus("data/raw")           # doctest: +SKIP
    >>> processed.sentences.groupby("doc_id").size()     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dangjian.cache import Cache
from dangjian.clean import CleaningPipeline, CleanResult, clean_text
from dangjian.corpus import Corpus, CorpusIssue, Document, load_corpus, load_paths
from dangjian.io import write_table, write_text_atomic
from dangjian.segment import Segmentation, segment

#: Metadata columns every document table carries (empty when unknown), in this order.
DOCUMENT_COLUMNS = (
    "doc_id", "file", "title", "region", "province", "prefecture", "county", "township",
    "level", "year", "genre", "author", "script", "encoding", "raw_chars", "clean_chars",
    "paragraphs", "sentences", "sections", "pinyin_removed", "lost_characters", "placeholders",
    "furniture_lines", "date",
)


@dataclass
class ProcessedDocument:
    """One document after cleaning and segmentation."""

    document: Document
    cleaned: CleanResult
    segmentation: Segmentation

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def summary(self) -> dict[str, object]:
        """One row of the corpus table: metadata (file first, then found in the text) and counts."""
        meta = dict(self.document.metadata)
        for key, value in self.cleaned.metadata.items():
            if not meta.get(key):
                meta[key] = value
        return {
            **{column: meta.get(column, "") for column in DOCUMENT_COLUMNS},
            **{k: v for k, v in meta.items() if k not in DOCUMENT_COLUMNS and k != "notes"},
            "doc_id": self.doc_id,
            "file": self.document.path.name,
            "encoding": self.document.encoding,
            "raw_chars": len(self.document.raw_text),
            "clean_chars": len(self.cleaned.text),
            "paragraphs": len(self.segmentation.paragraphs),
            "sentences": len(self.segmentation.sentences),
            "sections": len(self.segmentation.sections),
            "pinyin_removed": self.cleaned.count("pinyin"),
            "lost_characters": self.cleaned.count("lost_character"),
            "placeholders": self.cleaned.count("placeholder"),
            "furniture_lines": self.cleaned.count("furniture"),
        }


def process_document(document: Document, pipeline: CleaningPipeline | None = None) -> ProcessedDocument:
    """Clean and segment one document.

    Example:
        >>> from dangjian.corpus import Document
        >>> doc = Document("d", Path("d.txt"), "黨(dǎng)建聯系點3799個。", "utf-8")
        >>> process_document(doc).segmentation.sentences["text"].tolist()
        ['党建联系点3799个。']
    """
    cleaned = clean_text(document.raw_text, pipeline)
    return ProcessedDocument(document, cleaned, segment(document.doc_id, cleaned.text))


@dataclass
class ProcessedCorpus:
    """All documents of a corpus, cleaned and segmented, with tidy tables."""

    documents: list[ProcessedDocument]
    issues: list[CorpusIssue]

    def __iter__(self):
        return iter(self.documents)

    def __getitem__(self, doc_id: str) -> ProcessedDocument:
        for processed in self.documents:
            if processed.doc_id == doc_id:
                return processed
        raise KeyError(doc_id)

    @property
    def clean_texts(self) -> dict[str, str]:
        return {p.doc_id: p.cleaned.text for p in self.documents}

    @property
    def document_table(self) -> pd.DataFrame:
        """One row per document: metadata, encoding, lengths, structure and cleaning counts."""
        return pd.DataFrame([p.summary() for p in self.documents])

    def _concat(self, name: str, metadata: bool = True) -> pd.DataFrame:
        frames = [getattr(p.segmentation, name) for p in self.documents]
        table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        if metadata and len(table):
            meta = self.document_table[["doc_id", "region", "level", "year", "genre"]]
            table = table.merge(meta, on="doc_id", how="left")
        return table

    @property
    def paragraphs(self) -> pd.DataFrame:
        """Paragraphs of all documents with region, level, year and genre."""
        return self._concat("paragraphs")

    @property
    def sentences(self) -> pd.DataFrame:
        """Sentences of all documents with region, level, year and genre."""
        return self._concat("sentences")

    @property
    def sections(self) -> pd.DataFrame:
        """Sections of all documents."""
        return self._concat("sections", metadata=False)

    @property
    def cleaning_table(self) -> pd.DataFrame:
        """What each cleaning step changed in each document (one row per document × step)."""
        rows = [{"doc_id": p.doc_id, **row} for p in self.documents for row in p.cleaned.record_table()]
        return pd.DataFrame(rows)

    def save(self, out_dir: Path | str) -> list[Path]:
        """Write clean texts and the tables (Parquet, plus the cleaning record as CSV) atomically."""
        out = Path(out_dir)
        written = []
        for processed in self.documents:
            target = out / "clean" / f"{processed.doc_id}.txt"
            write_text_atomic(target, processed.cleaned.text)
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


#: Modules whose code determines a processed document (part of its cache key).
PROCESSING_MODULES = ("corpus", "edits", "clean", "segment", "pipeline")


def process(corpus: Corpus, pipeline: CleaningPipeline | None = None, cache: Cache | None = None) -> ProcessedCorpus:
    """Clean and segment every document of a loaded corpus.

    With a :class:`~dangjian.cache.Cache`, a document whose text, metadata and cleaning steps are
    unchanged is taken from the cache instead of being processed again.
    """
    cache = cache or Cache(None)
    steps = (pipeline or CleaningPipeline()).step_names
    processed = [
        cache.get_or_compute(
            "documents",
            (
                document.doc_id, document.raw_text, document.metadata, document.encoding, str(document.path.name),
                document.warnings, steps,
            ),
            lambda document=document: process_document(document, pipeline),
            PROCESSING_MODULES,
        )
        for document in corpus
    ]
    return ProcessedCorpus(processed, list(corpus.issues))


def process_corpus(
    folder: Path | str,
    pipeline: CleaningPipeline | None = None,
    cache_dir: Path | str | None = None,
    skip_bad: bool = False,
) -> ProcessedCorpus:
    """Load a corpus folder and clean and segment it (cached under ``cache_dir`` if given).

    With ``skip_bad``, unreadable documents are left out and listed in ``issues`` (the
    notebooks do this so that one bad file does not stop an analysis; ``dangjian run`` then
    reports them and fails unless skipping is allowed).

    Example:
        >>> processed = process_corpus("data/raw")            # doctest: +SKIP
        >>> processed.document_table[["doc_id", "region", "clean_chars"]]  # doctest: +SKIP
    """
    return process(load_corpus(folder, skip_bad=skip_bad), pipeline, Cache(cache_dir))


def process_paths(paths: Sequence[Path | str], pipeline: CleaningPipeline | None = None) -> ProcessedCorpus:
    """Like :func:`process_corpus` for files and folders named on a command line."""
    return process(load_paths(paths), pipeline)


def add_clean_parser(subparsers) -> None:
    """``dangjian clean FILE_OR_DIR... --out DIR``: clean texts plus ``cleaning.csv``."""
    parser = subparsers.add_parser(
        "clean",
        help="clean documents: one UTF-8 text per document and the cleaning record",
        description="Clean plain .txt files or corpus folders (with metadata.csv). Writes DIR/<doc_id>.txt "
        "and DIR/cleaning.csv (what each step changed in each document).",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.set_defaults(func=_run_clean)


def _run_clean(args) -> int:
    import sys

    from dangjian.corpus import CorpusError

    try:
        processed = process_paths(args.paths)
    except CorpusError as error:
        print(f"dangjian clean: {error}", file=sys.stderr)
        return 2
    out = Path(args.out)
    for document in processed:
        write_text_atomic(out / f"{document.doc_id}.txt", document.cleaned.text)
    write_table(processed.cleaning_table, out / "cleaning.csv")
    for issue in processed.issues:
        print(f"{issue.status}: {issue.path}: {issue.message}", file=sys.stderr)
    print(f"cleaned {len(processed.documents)} document(s) into {out}")
    return 0
