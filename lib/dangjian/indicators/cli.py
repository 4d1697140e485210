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
    parser.add_argument("--taxonomy", default="", metavar="TAXONOMY.yaml", help="canonical indicators (default: the shipped taxonomy)")
    parser.add_argument("--excluded", default="", metavar="EXCLUDED.csv", help="also write the numbers not reported, with the reason")
    parser.set_defaults(func=run_indicators)


def run_indicators(args) -> int:
    """Run the subcommand; return the exit code (2 for bad input, with a message naming the file).

    Example:
        >>> import argparse
        >>> run_indicators(argparse.Namespace(paths=["nowhere.txt"], out="x.csv", taxonomy="", excluded=""))  # doctest: +SKIP
        2
    """
    from dangjian.corpus import CorpusError
    from dangjian.indicators.extract import excluded_numbers, extract, for_export
    from dangjian.indicators.taxonomy import TaxonomyError, load_taxonomy
    from dangjian.io import write_table
    from dangjian.pipeline import process_paths

    try:
        taxonomy = load_taxonomy(args.taxonomy or None)
        processed = process_paths(args.paths)
    except (CorpusError, TaxonomyError) as error:
        print(f"dangjian indicators: {error}", file=sys.stderr)
        return 2
    for issue in processed.issues:
        print(f"{issue.status}: {issue.path}: {issue.message}", file=sys.stderr)
    table = extract(processed, taxonomy)
    try:
        write_table(for_export(table), Path(args.out))
        if args.excluded:
            write_table(excluded_numbers(processed), Path(args.excluded))
    except ValueError as error:
        print(f"dangjian indicators: {error}", file=sys.stderr)
        return 2
    mapped = int((table["indicator"] != "").sum())
    print(f"{len(table)} quantities ({mapped} mapped to canonical indicators) from {len(processed.documents)} document(s) -> {args.out}")
    return 0
