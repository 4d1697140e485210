"""``dangjian process CORPUS``: the process step alone, into the corpus's tables folder.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="dangjian")
    >>> add_process_parser(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["process", "data/raw", "--workers", "0", "--backend", "dask"])
    >>> args.workers, args.backend, args.out
    (0, 'dask', None)
"""

from __future__ import annotations

import sys
from pathlib import Path

from dangjian.project.io import error_line, printable
from dangjian.project.layout import find_project_root
from dangjian.project.params import ParameterError
from dangjian.running.tables import LARGE_CORPUS, default_tables_folder, process_tables


def add_engine_arguments(parser) -> None:
    """``--workers``, ``--backend``, ``--scheduler``: where the process step runs (run settings).

    Example:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_engine_arguments(parser)
        >>> vars(parser.parse_args(["--workers", "2"]))
        {'workers': 2, 'backend': 'local', 'scheduler': None}
    """
    from dangjian.running.engine import BACKENDS

    parser.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="worker processes of the process step (0: in this process; default: 2 on a corpus of over "
        f"{LARGE_CORPUS} files with 2 cores or more, else 0)",
    )
    parser.add_argument("--backend", choices=BACKENDS, default="local", help="process step on local processes or on Dask")
    parser.add_argument("--scheduler", metavar="ADDR", help="address of a running Dask scheduler (with --backend dask)")


def project_root(command: str, option: str) -> Path:
    """The project folder the command runs in, where runs keep their tables; outside any project (no
    ``pyproject.toml`` in the current folder or above it) a :class:`ParameterError` that says to run
    ``dangjian COMMAND`` from the project folder or to give ``option``, instead of a ``runs/`` folder
    made wherever the command was typed.

    Example:
        >>> import os, tempfile
        >>> here = os.getcwd(); os.chdir(tempfile.mkdtemp())
        >>> try:
        ...     project_root("process", "--out DIR")
        ... finally:
        ...     os.chdir(here)
        Traceback (most recent call last):
        ...
        dangjian.project.params.ParameterError: ... is not inside a project folder (no pyproject.toml in it or above it), where a corpus's tables are kept; run dangjian process from the project folder, or give --out DIR
    """
    root = find_project_root()
    if not (root / "pyproject.toml").is_file():
        raise ParameterError(
            f"{root} is not inside a project folder (no pyproject.toml in it or above it), where a corpus's tables are "
            f"kept; run dangjian {command} from the project folder, or give {option}"
        )
    return root


def add_process_parser(subparsers) -> None:
    """``dangjian process CORPUS [--out DIR] [--workers N] [--backend local|dask] [--scheduler ADDR]``."""
    parser = subparsers.add_parser(
        "process",
        help="process a corpus once into its tables (documents, sentences, indicators …) for the notebooks",
        description="Read, clean and segment every document of a corpus folder, extract its indicators and count "
        "its tokens, and write the tables as partitioned Parquet (plus clean/<doc_id>.txt). A document "
        "unchanged since the last run is taken from the cache.",
    )
    parser.add_argument("corpus", metavar="CORPUS", help="corpus folder (documents and metadata.csv)")
    parser.add_argument("--out", metavar="DIR", help="tables folder (default: the tables folder of the corpus's run)")
    add_engine_arguments(parser)
    parser.add_argument("--cache", metavar="DIR", help="cache folder (default: the run's cache)")
    parser.set_defaults(func=run_process)


def run_process(args) -> int:
    """Run ``dangjian process``; print one line saying what was done; the exit code (2 for a
    problem with the corpus or the output, one line naming the file on stderr).

    Example:
        >>> import argparse
        >>> run_process(argparse.Namespace(corpus="no/such/folder", out="x", cache="y", workers=0, backend="local", scheduler=None))
        2
    """
    try:
        if args.out is None or args.cache is None:
            out, cache = default_tables_folder(args.corpus, project_root("process", "--out DIR and --cache DIR"))
        out = Path(args.out) if args.out is not None else out
        cache = Path(args.cache) if args.cache is not None else cache
        summary = process_tables(args.corpus, out, workers=args.workers, backend=args.backend, scheduler=args.scheduler, cache_dir=cache)
    except (ValueError, OSError) as error:  # CorpusError and UnsafePathError are ValueErrors
        print(error_line("process", error), file=sys.stderr)
        return 2
    print(printable(
        f"processed {summary.documents} document(s) of {args.corpus} ({summary.computed} computed, "
        f"{summary.documents - summary.computed} unchanged; {summary.issues} issue(s)) in {summary.seconds:.1f} s -> {out}"
    ))
    return 0


__all__ = ["add_engine_arguments", "add_process_parser", "project_root", "run_process"]
