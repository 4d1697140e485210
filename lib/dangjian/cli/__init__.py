"""Command line entry point: ``dangjian <subcommand>``, and the only place that prints.

Each command group has a module here that defines ``add_<name>_parser(subparsers)``, which adds
the subparser and sets ``func`` (a callable taking the parsed arguments and returning an exit
code), and the handler that calls the library and prints what it returned (``share`` is the command
line of ``python -m dangjian.running.share``). The library modules
return values and raise errors; they do not print. This module wires the groups together, and
turns an input or output problem that a subcommand did not report itself into one line on stderr
(exit code 2), never a traceback.

Example:
    >>> build_parser().parse_args(["run", "--timeout", "60"]).timeout
    60.0
    >>> build_parser().parse_args(["process", "data/raw", "--workers", "2"]).workers
    2
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dangjian.cli import clean, corpus, export, indicators, process, run, status
from dangjian.project.io import UnsafePathError, error_line
from dangjian.reading.corpus import CorpusError


def build_parser() -> argparse.ArgumentParser:
    """Return the ``dangjian`` argument parser with every subcommand attached."""
    parser = argparse.ArgumentParser(
        prog="dangjian",
        description="Clean, segment and analyse grassroots party-building (基层党建) reports.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run.add_run_parser(subparsers)
    process.add_process_parser(subparsers)
    clean.add_clean_parser(subparsers)
    status.add_status_parser(subparsers)
    corpus.add_corpus_parser(subparsers)
    indicators.add_indicators_parser(subparsers)
    export.add_export_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: ``sys.argv[1:]``), run the chosen subcommand, return its exit code.

    A :class:`~dangjian.reading.corpus.CorpusError`, an unsafe output path or an ``OSError`` (a file that
    cannot be read or written) is printed as ``dangjian <command>: <file>: <problem>``, exit code 2.

    Example:
        >>> main(["corpus", "status", "no/such/folder"])
        2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (CorpusError, UnsafePathError, OSError) as error:
        command = " ".join(filter(None, (args.command, getattr(args, "corpus_command", None))))
        print(error_line(command, error), file=sys.stderr)
        return 2


__all__ = ["build_parser", "main"]
