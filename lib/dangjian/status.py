"""The corpus report: every document with its status (ok, warning, skipped) and why.

Example:
    >>> table = corpus_status("data/raw")          # doctest: +SKIP
    >>> table[["doc_id", "status", "reasons"]]     # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dangjian.clean import mojibake_runs
from dangjian.pipeline import ProcessedCorpus, ProcessedDocument
from dangjian.schema import STATUS_COLUMNS
from dangjian.segment import MAX_SENTENCE_CHARS

if TYPE_CHECKING:
    from dangjian.tables import CorpusTables

#: Metadata a comparison needs; a document without them gets a warning.
KEY_METADATA = ("region", "level", "year")


def document_warnings(document: ProcessedDocument) -> list[str]:
    """Reasons for a warning on a loaded document (empty list when all is well).

    Example:
        >>> from dangjian.corpus import Document
        >>> from dangjian.pipeline import process_document
        >>> doc = Document("d", Path("d.txt"), "组织?设。", "utf-8", {"region": "平凉市", "level": "prefecture"})
        >>> document_warnings(process_document(doc))
        ['1 lost character(s) (? or �) kept in the text', 'metadata missing: year']
    """
    reasons = list(document.document.warnings)
    lost = document.cleaned.count("lost_character")
    if lost:
        reasons.append(f"{lost} lost character(s) (? or �) kept in the text")
    runs = mojibake_runs(document.cleaned.text)
    if runs:
        lengths = [end - start for start, end in runs]
        start, end = runs[lengths.index(max(lengths))]
        reasons.append(
            f"{len(runs)} run(s) of mojibake, {sum(lengths)} character(s), the longest {max(lengths)} "
            f"({document.cleaned.text[start:end][:20]!r}): text decoded with a wrong encoding upstream"
        )
    missing = [key for key in KEY_METADATA if not document.document.metadata.get(key)]
    if missing:
        reasons.append(f"metadata missing: {', '.join(missing)}")
    guessed = document.document.metadata.get("guessed", "")
    if guessed:
        reasons.append(f"metadata guessed: {guessed}")
    sentences = document.segmentation.sentences
    if not len(sentences):
        reasons.append("no sentences after cleaning")
    cuts = int(sentences["cut_for_length"].sum())
    if cuts:
        reasons.append(
            f"{cuts} sentence(s) cut out of text running over {MAX_SENTENCE_CHARS} characters without 。！？ "
            "(sentence punctuation lost?), at commas where possible"
        )
    return reasons


def document_status(document: ProcessedDocument) -> dict[str, str]:
    """One row of the corpus report for a loaded document: its status (ok or warning) and why.

    Example:
        >>> from dangjian.corpus import Document
        >>> from dangjian.pipeline import process_document
        >>> metadata = {"region": "平凉市", "level": "prefecture", "year": "2024"}
        >>> document_status(process_document(Document("d", Path("d.txt"), "组织建设。", "utf-8", metadata)))
        {'doc_id': 'd', 'file': 'd.txt', 'status': 'ok', 'reasons': ''}
    """
    reasons = document_warnings(document)
    return {
        "doc_id": document.doc_id,
        "file": document.document.path.name,
        "status": "warning" if reasons else "ok",
        "reasons": "; ".join(reasons),
    }


def corpus_status(
    folder: Path | str,
    follow_symlinks: bool = False,
    cache_dir: Path | str | None = None,
    tables_dir: Path | str | None = None,
) -> pd.DataFrame:
    """Each document's status, read from the corpus tables (:mod:`dangjian.tables`).

    The tables under ``tables_dir`` are read when they are those of ``folder`` as it is now;
    otherwise the process step writes them there (or, without ``tables_dir``, in a temporary
    folder), skipping bad files, with ``cache_dir`` as its cache.

    Example:
        >>> corpus_status("data/raw")["status"].tolist()
        ['ok', 'warning', 'warning', 'ok', 'ok']
    """
    import tempfile

    from dangjian.tables import CorpusTables, process_tables, tables_problem

    if tables_dir is not None and not tables_problem(tables_dir, folder, follow_symlinks=follow_symlinks):
        return CorpusTables(tables_dir).status_table()
    with tempfile.TemporaryDirectory(prefix="dangjian-status-") as scratch:
        out = Path(tables_dir) if tables_dir is not None else Path(scratch) / "tables"
        process_tables(folder, out, cache_dir=cache_dir, follow_symlinks=follow_symlinks)
        return CorpusTables(out).status_table()


def status_table(processed: ProcessedCorpus | CorpusTables) -> pd.DataFrame:
    """Every document of a processed corpus with its status (ok, warning, skipped) and why.

    Of the corpus tables (:class:`dangjian.tables.CorpusTables`) the ``status`` and ``issues``
    tables are read; nothing is processed again.

    Example:
        >>> from dangjian.corpus import Corpus, CorpusIssue, Document
        >>> from dangjian.pipeline import process
        >>> metadata = {"region": "平凉市", "level": "prefecture", "year": "2024"}
        >>> doc = Document("d", Path("d.txt"), "组织建设。", "utf-8", metadata)
        >>> issue = CorpusIssue("corpus/e.txt", "skipped", "the file is empty")
        >>> status_table(process(Corpus(None, [doc], [issue])))[["file", "status", "reasons"]].values.tolist()
        [['d.txt', 'ok', ''], ['e.txt', 'skipped', 'the file is empty']]
    """
    if hasattr(processed, "status_table"):
        return processed.status_table()
    rows = [document_status(document) for document in processed]
    for issue in processed.issues:
        rows.append({"doc_id": "", "file": Path(issue.path).name, "status": issue.status, "reasons": issue.message})
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


def format_status(table: pd.DataFrame, folder: Path | str, problems_only: bool = False) -> str:
    """A plain-text summary for the terminal: the counts, then every document (only those with a
    warning or skipped if ``problems_only``).

    Example:
        >>> t = pd.DataFrame([{"doc_id": "a", "file": "a.txt", "status": "ok", "reasons": ""},
        ...                   {"doc_id": "", "file": "b.txt", "status": "skipped", "reasons": "the file is empty"}])
        >>> print(format_status(t, "data/raw"))
        corpus data/raw: 1 ok, 0 warning, 1 skipped
          ok       a.txt
          skipped  b.txt: the file is empty
        >>> print(format_status(t, "data/raw", problems_only=True))
        corpus data/raw: 1 ok, 0 warning, 1 skipped
          skipped  b.txt: the file is empty
    """
    counts = table["status"].value_counts()
    lines = [f"corpus {folder}: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("ok", "warning", "skipped"))]
    for row in table.itertuples():
        if problems_only and row.status == "ok":
            continue
        lines.append(f"  {row.status:<8} {row.file}" + (f": {row.reasons}" if row.reasons else ""))
    return "\n".join(lines)


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
    from dangjian.runner import find_project_root
    from dangjian.tables import default_tables_folder, is_fresh

    try:
        tables_dir, cache_dir = default_tables_folder(folder, find_project_root())
    except (OSError, ValueError):
        return None, None
    return (tables_dir, cache_dir) if is_fresh(tables_dir, folder) else (None, None)
