"""``dangjian indicators FILE_OR_DIR... --out OUT.csv``: the indicator table of documents.

One corpus folder is read from its tables (:func:`dangjian.running.tables.open_tables`, in the folder of
the run the corpus belongs to, made there first if missing or out of date); files, several
folders, or a folder read with ``--follow-symlinks`` are processed here, in memory.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="dangjian")
    >>> add_indicators_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["indicators", "data/raw", "--out", "out.csv"]).out
    'out.csv'
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dangjian.cli.status import skipped_exit
from dangjian.indicators.extract import excluded_numbers, extract, for_export
from dangjian.indicators.taxonomy import Taxonomy, TaxonomyError, load_taxonomy
from dangjian.project.io import check_output_file, error_line, printable, write_table
from dangjian.project.layout import find_project_root
from dangjian.reading.corpus import CorpusError, CorpusIssue, load_paths
from dangjian.running.tables import default_tables_folder, open_tables
from dangjian.segmentation.pipeline import process, readable


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
    parser.add_argument("--allow-skipped", action="store_true", help="exit 0 even when documents were skipped")
    parser.set_defaults(func=run_indicators)


def run_indicators(args) -> int:
    """Run the subcommand; return the exit code (2 for bad input, with a message naming the file; 1
    when a document was skipped, unless ``--allow-skipped``).

    Every problem with an input or an output (a corpus error, an unreadable file, a table that
    cannot be written, an output inside an input corpus folder or onto an input file) is one line
    ``dangjian indicators: <file>: <problem>`` on stderr.

    Example:
        >>> import argparse
        >>> run_indicators(argparse.Namespace(paths=["nowhere.txt"], out="x.csv", taxonomy="", excluded=""))
        2
    """
    outputs = [Path(args.out)] + ([Path(args.excluded)] if args.excluded else [])
    follow_symlinks = getattr(args, "follow_symlinks", False)
    try:
        for output in outputs:
            check_output_file(output, args.paths)
        taxonomy = load_taxonomy(args.taxonomy or None)
        folders = _tables_folders(args.paths[0]) if len(args.paths) == 1 and Path(args.paths[0]).is_dir() and not follow_symlinks else None
        if folders is not None:
            table, excluded, issues, documents = _from_tables(args.paths[0], taxonomy, folders, named=bool(args.taxonomy))
        else:
            table, excluded, issues, documents = _in_memory(args.paths, taxonomy, follow_symlinks)
    except (CorpusError, TaxonomyError, ValueError, OSError) as error:
        print(error_line("indicators", error), file=sys.stderr)
        return 2
    for issue in issues:
        print(printable(f"{issue.status}: {issue.path}: {issue.message}"), file=sys.stderr)
    try:
        write_table(for_export(table), Path(args.out))
        if args.excluded:
            write_table(excluded(), Path(args.excluded))
    except (ValueError, OSError) as error:
        print(error_line("indicators", error), file=sys.stderr)
        return 2
    mapped = int((table["indicator"] != "").sum())
    print(printable(f"{len(table)} quantities ({mapped} mapped to canonical indicators) from {documents} document(s) -> {args.out}"))
    return skipped_exit(sum(issue.status == "skipped" for issue in issues), getattr(args, "allow_skipped", False))


def _tables_folders(folder: str) -> tuple[Path, Path] | None:
    """The tables and cache folders of ``folder``'s run, when the command runs inside a project,
    they lie outside the corpus folder and the run is not another corpus's; else None (the corpus is
    read in memory, nothing written)."""
    from dangjian.project.io import check_output_outside

    root = find_project_root()
    if not (root / "pyproject.toml").is_file():
        return None
    try:
        tables_dir, cache_dir = default_tables_folder(folder, root)  # refused: the run of another corpus
        check_output_outside(tables_dir, [folder])
    except ValueError:
        return None
    return tables_dir, cache_dir


def _from_tables(folder: str, taxonomy: Taxonomy, folders: tuple[Path, Path], named: bool = False):
    """The indicator table, the excluded numbers (a callable), the issues and the number of
    documents of one corpus folder, read from the tables of its run.

    The stored indicator table is read when the tables were made with the shipped taxonomy and
    no other is ``named``; else the quantities are mapped again with ``taxonomy``
    (:meth:`dangjian.running.tables.CorpusTables.indicators`).

    A document that cannot be read is skipped, as when the folder is read in memory; issue paths
    are given under ``folder`` as it was named.
    """
    tables_dir, cache_dir = folders
    tables = open_tables(folder, tables_dir, cache_dir)
    issues = [
        CorpusIssue(str(Path(folder) / os.path.relpath(issue.path, tables.corpus)), issue.status, issue.message)
        for issue in tables.issues
    ]
    table = tables.indicators(taxonomy if named or tables.taxonomy else None)
    return table, lambda: tables.excluded, issues, tables.documents


def _in_memory(paths: list[str], taxonomy: Taxonomy, follow_symlinks: bool):
    """As :func:`_from_tables`, for files and folders loaded, cleaned and segmented here."""
    processed = process(readable(load_paths(paths, follow_symlinks=follow_symlinks, skip_bad=True), paths))
    return extract(processed, taxonomy), lambda: excluded_numbers(processed), processed.issues, len(processed.documents)


__all__ = ["add_indicators_parser", "run_indicators"]
