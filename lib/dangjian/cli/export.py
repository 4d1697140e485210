"""``dangjian export CORPUS_DIR --out FOLDER``: the analysis-ready tables of a corpus and their
codebook (:mod:`dangjian.running.exports`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dangjian.cli.process import project_root
from dangjian.indicators.taxonomy import TaxonomyError, load_taxonomy
from dangjian.project.io import UnsafePathError, check_output_outside, error_line, printable
from dangjian.reading.corpus import CorpusError
from dangjian.running.exports import write_exports
from dangjian.running.tables import default_tables_folder, open_tables


def add_export_parser(subparsers) -> None:
    """Register ``dangjian export CORPUS_DIR --out FOLDER``.

    Example:
        >>> parser = argparse.ArgumentParser(prog="dangjian")
        >>> add_export_parser(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["export", "data/raw", "--out", "exports"]).out
        'exports'
    """
    parser = subparsers.add_parser(
        "export",
        help="write analysis-ready tables (CSV for Excel, .xlsx, Stata .dta) and their codebook",
        description="Read a corpus's tables (made by `dangjian process`, or made here if missing or out of date) "
        "and write documents, indicators and the wide table (one row per document) as CSV (UTF-8 with BOM), "
        ".xlsx and Stata .dta, with codebook.csv/.md.",
    )
    parser.add_argument("corpus", metavar="CORPUS_DIR")
    parser.add_argument("--out", required=True, metavar="FOLDER", help="export folder (outside the corpus folder)")
    parser.add_argument("--taxonomy", default="", metavar="TAXONOMY.yaml", help="taxonomy (default: the shipped one)")
    parser.add_argument(
        "--tables", default=None, metavar="DIR", help="the corpus's tables folder (default: that of the corpus's run)"
    )
    parser.set_defaults(func=run_export)


def run_export(args) -> int:
    """Run ``dangjian export``; return the exit code (2 for a problem with an input or the output).

    The corpus is read from its run's tables (``dangjian process``), processed first if they are
    missing or out of date.

    Example:
        >>> run_export(argparse.Namespace(corpus="no/such/folder", out="x", taxonomy="", tables=None))
        2
    """
    try:
        check_output_outside(args.out, [args.corpus])
        taxonomy = load_taxonomy(args.taxonomy) if args.taxonomy else None
        if getattr(args, "tables", None):
            tables_dir, cache_dir = Path(args.tables), None
        else:
            tables_dir, cache_dir = default_tables_folder(args.corpus, project_root("export", "--tables DIR"))
        processed = open_tables(args.corpus, tables_dir, cache_dir)
        written = write_exports(args.out, processed.document_table, processed.indicators(taxonomy))
    except (CorpusError, TaxonomyError, UnsafePathError, ValueError, OSError) as error:
        print(error_line("export", error), file=sys.stderr)
        return 2
    for path in written:
        print(printable(path))
    return 0


__all__ = ["add_export_parser", "run_export"]
