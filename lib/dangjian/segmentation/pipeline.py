"""The per-document pipeline: read -> clean -> segment, collected into corpus tables.

The engine (:mod:`dangjian.running.engine`) runs these stages over a corpus in partitions, and the
process step (:mod:`dangjian.running.tables`) writes their tables once for a run; the notebooks and the
corpus report read those tables. :func:`process_corpus` is the in-memory form, for a few
documents (``dangjian clean``, tests).

Example:
    >>> processed = process_corpus("data/raw")           # doctest: +SKIP
    >>> processed.sentences.groupby("doc_id").size()     # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from dangjian.cleaning.clean import CleaningPipeline, CleanResult, clean_result_from_dict, clean_result_to_dict, clean_text
from dangjian.cleaning.edits import offset_map_from_npy, offset_map_to_npy
from dangjian.project.cache import Cache, Codec, frame_from_arrow, frame_to_arrow, json_bytes, json_value, pack, unpack
from dangjian.project.io import check_output_outside, child_path, write_table, write_text_atomic
from dangjian.project.schema import DOCUMENT_COLUMNS, UNIT_METADATA, with_unit_metadata  # UNIT_METADATA: its old name here
from dangjian.reading.corpus import DOCUMENT_SUFFIXES, Corpus, CorpusError, CorpusIssue, Document, load_corpus, load_paths
from dangjian.segmentation.segment import Segmentation, segment


def text_digest(text: str) -> str:
    """A fingerprint of a clean text (BLAKE2b, 16 hex digits): two documents with the same clean text
    (one file saved again in another encoding, a page scraped twice) have the same digest.

    Example:
        >>> text_digest("加强党的建设。") == text_digest("加强党的建设。"), len(text_digest(""))
        (True, 16)
    """
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


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
            "text_digest": text_digest(self.cleaned.text),
        }


#: The tables of a :class:`~dangjian.segmentation.segment.Segmentation`, as stored in a cache entry.
SEGMENT_TABLES = ("sections", "paragraphs", "sentences")


def document_to_dict(document: Document) -> dict[str, Any]:
    """A :class:`~dangjian.reading.corpus.Document` as plain values for JSON (its path as a string).

    Example:
        >>> doc = Document("d", Path("in/d.txt"), "黨建", "utf-8", {"region": "甘肃"})
        >>> document_from_dict(document_to_dict(doc)) == doc
        True
    """
    data = {item.name: getattr(document, item.name) for item in fields(Document)}
    data["path"] = str(document.path)
    return data


def document_from_dict(data: dict[str, Any]) -> Document:
    """The :class:`~dangjian.reading.corpus.Document` of :func:`document_to_dict` (its path a ``Path``)."""
    return Document(**{**data, "path": Path(data["path"])})


def processed_document_to_bytes(processed: ProcessedDocument) -> bytes:
    """A :class:`ProcessedDocument` as a zip of JSON, ``.npy`` and Arrow members (no pickle).

    Example:
        >>> doc = Document("d", Path("d.txt"), "黨(dǎng)建聯系點3799個。", "utf-8")
        >>> again = processed_document_from_bytes(processed_document_to_bytes(process_document(doc)))
        >>> again.document == doc, again.cleaned.text, again.segmentation.sentences["text"].tolist()
        (True, '党建联系点3799个。', ['党建联系点3799个。'])
    """
    cleaned = clean_result_to_dict(processed.cleaned)
    if cleaned["raw_text"] == processed.document.raw_text:
        cleaned["raw_text"] = None  # the document's raw text, stored once
    members = {
        "document.json": json_bytes(document_to_dict(processed.document)),
        "cleaned.json": json_bytes(cleaned),
        "offsets.npy": offset_map_to_npy(processed.cleaned.offset_map),
    }
    for name in SEGMENT_TABLES:
        members[f"{name}.arrow"] = frame_to_arrow(getattr(processed.segmentation, name))
    return pack(members)


def processed_document_from_bytes(data: bytes) -> ProcessedDocument:
    """The :class:`ProcessedDocument` of :func:`processed_document_to_bytes`."""
    members = unpack(data)
    document = document_from_dict(json_value(members["document.json"]))
    cleaned = json_value(members["cleaned.json"])
    if cleaned["raw_text"] is None:
        cleaned["raw_text"] = document.raw_text
    result = clean_result_from_dict(cleaned, offset_map_from_npy(members["offsets.npy"]))
    tables = {name: frame_from_arrow(members[f"{name}.arrow"]) for name in SEGMENT_TABLES}
    return ProcessedDocument(document, result, Segmentation(**tables))


#: Cache codec of processed documents.
PROCESSED_DOCUMENT = Codec("processed-document", processed_document_to_bytes, processed_document_from_bytes)


def process_document(document: Document, pipeline: CleaningPipeline | None = None) -> ProcessedDocument:
    """Clean and segment one document.

    Example:
        >>> from dangjian.reading.corpus import Document
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
        return with_unit_metadata(table, self.document_table) if metadata else table

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
        """Write clean texts (``clean/<doc_id>.txt``) and the tables (Parquet, plus the cleaning
        record as CSV) atomically.

        Nothing is written unless every path is safe: the output folder and its ``clean`` folder
        lie outside the folders the documents were read from, and each doc_id is a plain name that
        stays inside ``clean`` (:func:`dangjian.project.io.child_path`); else
        :class:`dangjian.project.io.UnsafePathError` names the folder and the problem.

        Example:
            >>> doc = Document("../../raw/town-speech", Path("town-speech.txt"), "党建。", "utf-8")
            >>> process(Corpus(None, [doc])).save("out")
            Traceback (most recent call last):
            ...
            dangjian.project.io.UnsafePathError: out/clean: will not write '../../raw/town-speech.txt': the name contains '/' (a path, not a name)
        """
        out = Path(out_dir)
        sources = {p.document.path.parent for p in self.documents if p.document.path.is_file()}
        for folder in (out, out / "clean"):
            check_output_outside(folder, sources)
        targets = [child_path(out / "clean", processed.doc_id, ".txt") for processed in self.documents]
        written = []
        for processed, target in zip(self.documents, targets):
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
PROCESSING_MODULES = ("reading.corpus", "cleaning.edits", "cleaning.clean", "segmentation.segment", "segmentation.pipeline")


def process(corpus: Corpus, pipeline: CleaningPipeline | None = None, cache: Cache | None = None) -> ProcessedCorpus:
    """Clean and segment every document of a loaded corpus.

    With a :class:`~dangjian.project.cache.Cache`, a document whose text, metadata and cleaning steps are
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
            codec=PROCESSED_DOCUMENT,
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
    corpus = load_corpus(folder, skip_bad=skip_bad)
    if not corpus.documents:
        raise CorpusError(folder, no_documents_problem(corpus))
    return process(corpus, pipeline, Cache(cache_dir))


def no_documents_problem(corpus: Corpus) -> str:
    """Why a corpus gives nothing to analyse, naming the first skipped files.

    Example:
        >>> no_documents_problem(Corpus(None, []))
        'holds no document to analyse (.txt, .html, .htm, .docx, .pdf); put the reports in this folder or point corpus_dir at theirs'
    """
    skipped = [issue for issue in corpus.issues if issue.status == "skipped"]
    if not skipped:
        return (
            f"holds no document to analyse ({', '.join(DOCUMENT_SUFFIXES)}); "
            "put the reports in this folder or point corpus_dir at theirs"
        )
    named = "; ".join(f"{Path(issue.path).name}: {issue.message}" for issue in skipped[:3])
    more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    return f"none of its {len(skipped)} document(s) could be read ({named}{more})"


def readable(corpus: Corpus, paths: Sequence[Path | str]) -> Corpus:
    """``corpus`` when it holds a document to analyse, else a :class:`CorpusError` naming the first
    of ``paths`` and why nothing can be read (:func:`no_documents_problem`): a command given only
    unreadable files stops with one line, nothing written.

    Example:
        >>> readable(Corpus(None, []), ["scan.txt"])
        Traceback (most recent call last):
        ...
        dangjian.reading.corpus.CorpusError: scan.txt: holds no document to analyse (.txt, .html, .htm, .docx, .pdf); put the reports in this folder or point corpus_dir at theirs
    """
    if not corpus.documents:
        raise CorpusError(paths[0] if paths else ".", no_documents_problem(corpus))
    return corpus


def process_paths(paths: Sequence[Path | str], pipeline: CleaningPipeline | None = None) -> ProcessedCorpus:
    """Like :func:`process_corpus` for files and folders named on a command line."""
    return process(load_paths(paths), pipeline)


def write_clean_texts(processed: ProcessedCorpus, out_dir: Path | str) -> list[Path]:
    """Write each document's clean text to ``out_dir/<doc_id>.txt`` and the cleaning record to
    ``out_dir/cleaning.csv`` (what ``dangjian clean`` writes), atomically; return the files.

    Every doc_id is checked to be a plain name before anything is written
    (:class:`dangjian.project.io.UnsafePathError` otherwise).

    Example:
        >>> import tempfile
        >>> doc = Document("a", Path("a.txt"), "第一段。", "utf-8")
        >>> [p.name for p in write_clean_texts(process(Corpus(None, [doc])), tempfile.mkdtemp())]
        ['a.txt', 'cleaning.csv']
    """
    out = Path(out_dir)
    targets = [child_path(out, document.doc_id, ".txt") for document in processed]
    for document, target in zip(processed, targets):
        write_text_atomic(target, document.cleaned.text)
    return [*targets, write_table(processed.cleaning_table, out / "cleaning.csv")]
