"""The corpus report: every document with its status (ok, warning, skipped) and why.

The report of a corpus folder, read from its corpus tables, is
:func:`dangjian.running.tables.folder_status`.

Example:
    >>> table = pd.DataFrame([{"doc_id": "a", "file": "a.txt", "status": "ok", "reasons": ""}])
    >>> print(format_status(table, "data/raw"))
    corpus data/raw: 1 ok, 0 warning, 0 skipped
      ok       a.txt
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dangjian.cleaning.clean import mojibake_runs
from dangjian.project.schema import STATUS_COLUMNS
from dangjian.segmentation.pipeline import ProcessedCorpus, ProcessedDocument
from dangjian.segmentation.segment import MAX_SENTENCE_CHARS

if TYPE_CHECKING:
    from dangjian.running.tables import CorpusTables

#: Metadata a comparison needs; a document without them gets a warning.
KEY_METADATA = ("region", "level", "year")


def document_warnings(document: ProcessedDocument) -> list[str]:
    """Reasons for a warning on a loaded document (empty list when all is well).

    Example:
        >>> from dangjian.reading.corpus import Document
        >>> from dangjian.segmentation.pipeline import process_document
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
        >>> from dangjian.reading.corpus import Document
        >>> from dangjian.segmentation.pipeline import process_document
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


#: The columns of the documents table that :func:`same_text_reasons` reads.
SAME_TEXT_COLUMNS = ["doc_id", "file", "text_digest", "clean_chars"]


def same_text_reasons(documents: pd.DataFrame, shown: int = 3) -> dict[str, str]:
    """For each document whose clean text another document has too, a reason naming the others' files
    (``documents``: ``doc_id``, ``file``, ``text_digest`` and ``clean_chars`` columns; empty texts are
    left to their own warning).

    Example:
        >>> documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "file": ["a.txt", "b.html", "c.txt"],
        ...                           "text_digest": ["x1", "x1", "y2"], "clean_chars": [40, 40, 12]})
        >>> same_text_reasons(documents)["a"]
        'the same clean text as b.html (doc_id b): each copy counts in every comparison'
    """
    if not len(documents) or "text_digest" not in documents:
        return {}
    texts = documents[(documents["clean_chars"] > 0) & (documents["text_digest"] != "")]
    copies = texts[texts.duplicated("text_digest", keep=False)]
    reasons = {}
    for _, group in copies.groupby("text_digest", sort=False):
        for doc_id in group["doc_id"]:
            others = group[group["doc_id"] != doc_id]
            named = ", ".join(f"{row.file} (doc_id {row.doc_id})" for row in others.head(shown).itertuples())
            more = f" and {len(others) - shown} more" if len(others) > shown else ""
            reasons[doc_id] = f"the same clean text as {named}{more}: each copy counts in every comparison"
    return reasons


def with_same_texts(status: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The status table with a warning on each document whose clean text another document has too
    (:func:`same_text_reasons`); other rows unchanged.

    Example:
        >>> status = pd.DataFrame({"doc_id": ["a", "b"], "file": ["a.txt", "b.txt"], "status": ["ok", "ok"], "reasons": ["", ""]})
        >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "file": ["a.txt", "b.txt"], "text_digest": ["x", "x"], "clean_chars": [5, 5]})
        >>> with_same_texts(status, documents)["status"].tolist()
        ['warning', 'warning']
    """
    reasons = same_text_reasons(documents)
    if not reasons:
        return status
    status = status.copy()
    for position, doc_id in zip(status.index, status["doc_id"]):
        if doc_id in reasons and status.at[position, "status"] in ("ok", "warning"):
            before = status.at[position, "reasons"]
            status.at[position, "reasons"] = f"{before}; {reasons[doc_id]}" if before else reasons[doc_id]
            status.at[position, "status"] = "warning"
    return status


def status_table(processed: ProcessedCorpus | CorpusTables) -> pd.DataFrame:
    """Every document of a processed corpus with its status (ok, warning, skipped) and why.

    Of the corpus tables (:class:`dangjian.running.tables.CorpusTables`) the ``status`` and ``issues``
    tables are read; nothing is processed again.

    Example:
        >>> from dangjian.reading.corpus import Corpus, CorpusIssue, Document
        >>> from dangjian.segmentation.pipeline import process
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
    table = pd.DataFrame(rows, columns=list(STATUS_COLUMNS))
    summaries = pd.DataFrame([d.summary() for d in processed], columns=SAME_TEXT_COLUMNS)
    return with_same_texts(table, summaries)


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
