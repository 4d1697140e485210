"""The corpus report: every document with its status (ok, warning, skipped) and why.

Example:
    >>> table = corpus_status("data/raw")          # doctest: +SKIP
    >>> table[["doc_id", "status", "reasons"]]     # doctest: +SKIP
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from dangjian.corpus import load_corpus
from dangjian.io import error_line, printable
from dangjian.pipeline import ProcessedCorpus, ProcessedDocument, process
from dangjian.segment import MAX_SENTENCE_CHARS

#: Metadata a comparison needs; a document without them gets a warning.
KEY_METADATA = ("region", "level", "year")
STATUS_COLUMNS = ("doc_id", "file", "status", "reasons")


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


def corpus_status(
    folder: Path | str, follow_symlinks: bool = False, cache_dir: Path | str | None = None
) -> pd.DataFrame:
    """Load and process a corpus, skipping bad files, and report each document's status.

    With ``cache_dir`` the processed documents are taken from (and put into) that cache, the one
    the notebooks of a run use, so that the status costs a run nothing it would not do anyway.
    """
    from dangjian.cache import Cache

    corpus = load_corpus(folder, skip_bad=True, follow_symlinks=follow_symlinks)
    return status_table(process(corpus, cache=Cache(cache_dir) if cache_dir is not None else None))


def status_table(processed: ProcessedCorpus) -> pd.DataFrame:
    """Every document of a processed corpus with its status (ok, warning, skipped) and why.

    Example:
        >>> from dangjian.corpus import Corpus, CorpusIssue, Document
        >>> metadata = {"region": "平凉市", "level": "prefecture", "year": "2024"}
        >>> doc = Document("d", Path("d.txt"), "组织建设。", "utf-8", metadata)
        >>> issue = CorpusIssue("corpus/e.txt", "skipped", "the file is empty")
        >>> status_table(process(Corpus(None, [doc], [issue])))[["file", "status", "reasons"]].values.tolist()
        [['d.txt', 'ok', ''], ['e.txt', 'skipped', 'the file is empty']]
    """
    rows = []
    for document in processed:
        reasons = document_warnings(document)
        rows.append(
            {
                "doc_id": document.doc_id,
                "file": document.document.path.name,
                "status": "warning" if reasons else "ok",
                "reasons": "; ".join(reasons),
            }
        )
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


def add_status_parser(subparsers) -> None:
    """``dangjian status DIR [--allow-skipped]``: the corpus report; exit 1 if a document was skipped."""
    parser = subparsers.add_parser(
        "status",
        help="list every document of a corpus with its status (ok, warning, skipped) and why",
    )
    parser.add_argument("folders", nargs="+", metavar="DIR")
    parser.add_argument("--allow-skipped", action="store_true", help="exit 0 even when documents were skipped")
    parser.add_argument(
        "--follow-symlinks", action="store_true", help="read files whose symbolic links lead out of their corpus folder"
    )
    parser.set_defaults(func=_run_status)


def report_corpora(folders: list[str], allow_skipped: bool = False, follow_symlinks: bool = False, command: str = "status") -> int:
    """Print the report of each corpus folder; return the exit status (1 if any document was
    skipped, 2 with one line ``dangjian <command>: <file>: <problem>`` if a corpus cannot be read).

    Names and reasons are printed with control characters escaped (:func:`dangjian.io.printable`).
    """
    skipped = 0
    for folder in folders:
        try:
            table = corpus_status(folder, follow_symlinks=follow_symlinks)
        except (ValueError, OSError) as error:  # CorpusError is a ValueError
            print(error_line(command, error), file=sys.stderr)
            return 2
        print("\n".join(printable(line) for line in format_status(table, folder).splitlines()))
        skipped += int((table["status"] == "skipped").sum())
    if skipped and not allow_skipped:
        print(f"{skipped} document(s) skipped; fix them or allow skipping (--allow-skipped)", file=sys.stderr)
        return 1
    return 0


def _run_status(args) -> int:
    return report_corpora(args.folders, args.allow_skipped, getattr(args, "follow_symlinks", False))
