"""Command line entry point: ``dangjian <subcommand>``.

Each subcommand lives in the module that does its work, which defines
``add_<name>_parser(subparsers)``; that function adds the subparser and sets
``func`` (a callable taking the parsed arguments and returning an exit code).
This module only wires them together.

Example:
    >>> build_parser().parse_args(["run", "--timeout", "60"]).timeout
    60.0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dangjian import indicators, metadata_guess, pipeline, runner, status


def build_parser() -> argparse.ArgumentParser:
    """Return the ``dangjian`` argument parser with every subcommand attached."""
    parser = argparse.ArgumentParser(
        prog="dangjian",
        description="Clean, segment and analyse grassroots party-building (基层党建) reports.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    runner.add_run_parser(subparsers)
    pipeline.add_clean_parser(subparsers)
    status.add_status_parser(subparsers)
    metadata_guess.add_corpus_parser(subparsers)
    indicators.add_indicators_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: ``sys.argv[1:]``), run the chosen subcommand, return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
