"""``dangjian indicators FILE_OR_DIR... --out OUT.csv``: the indicator table of documents.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="dangjian")
    >>> add_indicators_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["indicators", "data/raw", "--out", "out.csv"]).out
    'out.csv'
"""

from __future__ import annotations

import sys
from pathlib import Path


def add_indicators_parser(subparsers) -> None:
    """Register the ``indicators`` subcommand (see the module example)."""
    parser = subparsers.add_parser(
        "indicators",
        help="extract quantitative indicators: one row per number, with unit, subject and source",
        description="Load, clean and segment plain .txt files (doc_id = file stem) or corpus folders "
        "(with metadata.csv), extract every quantitative mention and write the table as UTF-8 CSV "
        "(or .xlsx / .parquet, after the suffix of --out).",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    parser.add_argument("--out", required=True, metavar="OUT.csv", help="output table")
    parser.add_argument(
        "--taxonomy", default="", metavar="TAXONOMY.yaml",
        help="indicators with their core ids and matching rules (default: the shipped taxonomy)",
    )
    parser.add_argument("--excluded", default="", metavar="EXCLUDED.csv", help="also write the numbers not reported, with the reason")
    parser.add_argument(
        "--follow-symlinks", action="store_true", help="read files whose symbolic links lead out of their corpus folder"
    )
    parser.set_defaults(func=run_indicators)


def run_indicators(args) -> int:
    """Run the subcommand; return the exit code (2 for bad input, with a message naming the file).

    Every problem with an input or an output (a corpus error, an unreadable file, a table that
    cannot be written, an output inside an input corpus folder or onto an input file) is one line
    ``dangjian indicators: <file>: <problem>`` on stderr.

    Example:
        >>> import argparse
        >>> run_indicators(argparse.Namespace(paths=["nowhere.txt"], out="x.csv", taxonomy="", excluded=""))  # doctest: +SKIP
        2
    """
    from dangjian.corpus import CorpusError, load_paths
    from dangjian.indicators.extract import excluded_numbers, extract, for_export
    from dangjian.indicators.taxonomy import TaxonomyError, load_taxonomy
    from dangjian.io import check_output_file, error_line, printable, write_table
    from dangjian.pipeline import process

    outputs = [Path(args.out)] + ([Path(args.excluded)] if args.excluded else [])
    try:
        for output in outputs:
            check_output_file(output, args.paths)
        taxonomy = load_taxonomy(args.taxonomy or None)
        processed = process(load_paths(args.paths, follow_symlinks=getattr(args, "follow_symlinks", False)))
    except (CorpusError, TaxonomyError, ValueError, OSError) as error:
        print(error_line("indicators", error), file=sys.stderr)
        return 2
    for issue in processed.issues:
        print(printable(f"{issue.status}: {issue.path}: {issue.message}"), file=sys.stderr)
    table = extract(processed, taxonomy)
    try:
        write_table(for_export(table), Path(args.out))
        if args.excluded:
            write_table(excluded_numbers(processed), Path(args.excluded))
    except (ValueError, OSError) as error:
        print(error_line("indicators", error), file=sys.stderr)
        return 2
    mapped = int((table["indicator"] != "").sum())
    print(printable(f"{len(table)} quantities ({mapped} mapped to canonical indicators) from {len(processed.documents)} document(s) -> {args.out}"))
    return 0
