"""``dangjian status DIR... [--allow-skipped]``: the corpus report; exit 1 if a document was skipped.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="dangjian")
    >>> add_status_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["status", "data/raw", "--allow-skipped"]).allow_skipped
    True
"""

from __future__ import annotations

import sys

from dangjian.project.io import error_line, printable
from dangjian.running.status import format_status
from dangjian.running.tables import folder_status


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
    parser.set_defaults(func=run_status)


def report_corpora(folders: list[str], allow_skipped: bool = False, follow_symlinks: bool = False, command: str = "status") -> int:
    """Print the report of each corpus folder; return the exit status (1 if any document was
    skipped, 2 with one line ``dangjian <command>: <file>: <problem>`` if a corpus cannot be read).

    Names and reasons are printed with control characters escaped (:func:`dangjian.project.io.printable`).

    Example:
        >>> report_corpora(["data/raw"])  # doctest: +ELLIPSIS
        corpus data/raw: 3 ok, 2 warning, 0 skipped
          ok       pingliang-2024.txt
        ...
        0
    """
    skipped = 0
    for folder in folders:
        try:
            table = folder_status(folder, follow_symlinks=follow_symlinks)
        except (ValueError, OSError) as error:  # CorpusError is a ValueError
            print(error_line(command, error), file=sys.stderr)
            return 2
        print("\n".join(printable(line) for line in format_status(table, folder).splitlines()))
        skipped += int((table["status"] == "skipped").sum())
    return skipped_exit(skipped, allow_skipped)


def skipped_exit(skipped: int, allow_skipped: bool = False) -> int:
    """The exit code of a command that skipped ``skipped`` documents: 1 (with a line on stderr
    saying how many and how to allow it) unless ``allow_skipped`` or none was skipped, else 0. The
    commands that read a corpus (``status``, ``clean``, ``indicators``, ``run``) end so.

    Example:
        >>> skipped_exit(0), skipped_exit(2, allow_skipped=True)
        (0, 0)
    """
    if skipped and not allow_skipped:
        print(f"{skipped} document(s) skipped; fix them or allow skipping (--allow-skipped)", file=sys.stderr)
        return 1
    return 0


def run_status(args) -> int:
    """Run ``dangjian status``; the exit code of :func:`report_corpora`."""
    return report_corpora(args.folders, args.allow_skipped, getattr(args, "follow_symlinks", False))


__all__ = ["add_status_parser", "report_corpora", "run_status"]
