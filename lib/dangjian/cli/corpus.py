"""``dangjian corpus init DIR [--accept]`` and ``dangjian corpus status DIR``: draft or extend a
corpus's ``metadata.csv`` (:mod:`dangjian.metadata.guess`) and list what is missing, guessed or unsure.

Example:
    >>> parser = argparse.ArgumentParser(prog="dangjian")
    >>> add_corpus_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["corpus", "status", "my-reports"]).corpus_command
    'status'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dangjian.metadata.guess import accept_guesses, init_metadata, metadata_status, unsure_fields
from dangjian.project.io import error_line, printable
from dangjian.reading.corpus import load_corpus


def add_corpus_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add ``dangjian corpus init DIR [--accept]`` and ``dangjian corpus status DIR``.

    Example:
        >>> parser = argparse.ArgumentParser(prog="dangjian")
        >>> add_corpus_parser(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["corpus", "init", "my-reports", "--dry-run"]).dry_run
        True
        >>> parser.parse_args(["corpus", "init", "my-reports", "--accept"]).accept
        True
    """
    corpus = subparsers.add_parser("corpus", help="prepare a folder of documents as a corpus")
    actions = corpus.add_subparsers(dest="corpus_command", required=True, metavar="ACTION")
    init = actions.add_parser(
        "init",
        help="write metadata.csv with guessed rows for the documents it does not list yet",
        description="Guess title, year, date, script, genre, region and level for every .txt/.html/.htm/"
        ".docx/.pdf file not yet listed in DIR/metadata.csv and append one row each; existing rows are kept byte for byte. "
        "With --accept, then empty the guessed column of every row: the guesses become your data.",
    )
    init.add_argument("folder", type=Path, metavar="DIR")
    init.add_argument("--dry-run", action="store_true", help="show the guesses without writing metadata.csv")
    init.add_argument(
        "--accept",
        action="store_true",
        help="accept all guesses: empty the 'guessed' column of every row (only those cells change); unsure notes stay",
    )
    status = actions.add_parser("status", help="list metadata fields that are missing, guessed or unsure, and why")
    status.add_argument("folder", type=Path, metavar="DIR")
    for action in (init, status):
        action.add_argument(
            "--follow-symlinks", action="store_true", help="also read files whose symbolic links lead out of DIR"
        )
    init.set_defaults(func=run_init)
    status.set_defaults(func=run_status)


def run_init(args: argparse.Namespace) -> int:
    """Run ``dangjian corpus init``: print the rows added (or that would be), what is unsure, and,
    with ``--accept``, what was accepted; the exit code (2 for a folder or file that cannot be used).

    Example:
        >>> run_init(argparse.Namespace(folder=Path("no/such/folder"), dry_run=True, follow_symlinks=False, accept=False))
        2
    """
    try:
        result = init_metadata(args.folder, dry_run=args.dry_run, follow_symlinks=args.follow_symlinks)
    except (ValueError, OSError) as error:  # CorpusError is a ValueError
        print(error_line("corpus init", error), file=sys.stderr)
        return 2
    verb = "would add" if args.dry_run else "added"
    print(printable(f"{result.path}: {verb} {len(result.added)} row(s), kept {result.kept} existing row(s)"))
    for row in result.added:
        where = row["region"] or "?"
        print(printable(f"  {row['doc_id']}: {row['year'] or '?'} {where} ({row['level'] or '?'}) {row['genre'] or '?'} [{row['script']}]"))
        print(printable(f"    title: {row['title'] or '(none found)'}"))
        for name, why in unsure_fields(row["notes"]).items():
            print(printable(f"    unsure {name}: {why}"))
    for issue in result.skipped:
        print(printable(f"  skipped {Path(issue.path).name}: {issue.message}"))
    if args.accept:
        try:
            accepted = accept_guesses(args.folder, dry_run=args.dry_run) if result.path.exists() else None
        except (ValueError, OSError) as error:
            print(error_line("corpus init --accept", error), file=sys.stderr)
            return 2
        pending = len(accepted.accepted) if accepted is not None else 0
        if args.dry_run:
            pending += sum(1 for row in result.added if row["guessed"])
            print(f"Would accept the guesses of {pending} row(s) (--dry-run: nothing written).")
        elif pending:
            print(
                f"Accepted the guesses of {pending} row(s): their 'guessed' cells are now empty, so the guessed "
                "values are your data (and no longer reported as guessed); no other cell was touched."
            )
        else:
            print("Nothing to accept: no row has anything left in its 'guessed' column.")
        unsure = dict(accepted.unsure) if accepted is not None else {}
        if args.dry_run:
            unsure.update({row["doc_id"]: unsure_fields(row["notes"]) for row in result.added if row["notes"]})
        if unsure:
            count = sum(len(fields) for fields in unsure.values())
            print(printable(
                f"Still unsure: {count} field(s) in {len(unsure)} document(s), noted in 'notes'; "
                f"`dangjian corpus status {args.folder}` lists them with the reasons."
            ))
    elif result.added and not args.dry_run:
        print(printable(
            "Check the columns named in 'guessed' and remove their names once confirmed, or accept them all with "
            f"`dangjian corpus init {args.folder} --accept`; `dangjian corpus status {args.folder}` lists what is unsure and why."
        ))
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Run ``dangjian corpus status``: print each document's fields that are missing, guessed or
    unsure, and why; the exit code (2 for a folder that cannot be read).

    Example:
        >>> run_status(argparse.Namespace(folder=Path("no/such/folder"), follow_symlinks=False))
        2
    """
    try:
        corpus = load_corpus(args.folder, skip_bad=True, follow_symlinks=args.follow_symlinks)
    except (ValueError, OSError) as error:  # CorpusError is a ValueError
        print(error_line("corpus status", error), file=sys.stderr)
        return 2
    table = metadata_status(corpus)
    if not len(corpus):
        print(printable(f"{args.folder}: no documents loaded"))
    elif len(table):
        for doc_id, rows in table.groupby("doc_id", sort=False):
            print(printable(str(doc_id)))
            for row in rows.itertuples():
                value = f" {row.value}" if row.value else ""
                why = f" — {row.why}" if row.why else ""
                print(printable(f"  {row.status:8} {row.field:7}{value}{why}"))
        counts = table["status"].value_counts()
        summary = ", ".join(f"{counts[s]} {s}" for s in ("unsure", "guessed", "missing") if s in counts)
        print(printable(f"{table['doc_id'].nunique()} of {len(corpus)} document(s) need attention: {summary}."))
        if "guessed" in counts:
            print(printable(f"Accept every guess with `dangjian corpus init {args.folder} --accept`."))
    else:
        print("every reported field is filled and checked")
    for issue in corpus.issues:
        print(printable(f"{issue.status}: {issue.path}: {issue.message}"))
    return 0


__all__ = ["add_corpus_parser", "run_init", "run_status"]
