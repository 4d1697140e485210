"""``python -m dangjian.running.share``: render the executed reports of a run to HTML again, rebuild its
index (:func:`dangjian.running.share.republish`), and optionally write the methods table; print each file
written.

Example:
    >>> import tempfile
    >>> main(["--root", tempfile.mkdtemp()]) == 0  # doctest: +ELLIPSIS
    /.../reports/index.html
    True
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from dangjian.project.io import TEMPORARY_SUFFIX, printable, write_text_atomic
from dangjian.running.share.methods import methods_table
from dangjian.running.share.republish import republish


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m dangjian.running.share``.

    Example:
        >>> build_parser().parse_args(["--name", "county", "--no-code"]).name
        'county'
    """
    parser = argparse.ArgumentParser(
        prog="python -m dangjian.running.share",
        description="Render reports/*.ipynb (of the project's run, or of runs/NAME/) to HTML again, rebuild "
        "the index, "
        "and optionally write the figure -> notebook/parameters table as Markdown.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: current folder)")
    parser.add_argument("--no-code", action="store_true", help="leave code cells out of the pages")
    parser.add_argument(
        "--name", default=None, metavar="NAME", help="the pages of the named run runs/NAME/ (default: the project's run)"
    )
    parser.add_argument("--methods-table", type=Path, metavar="FILE", help="write the methods table (Markdown) here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dangjian.running.share``: re-render the pages and the index; optionally write the methods table.

    Exit code 0, or 2 with ``error: <problem>`` on stderr when the run's manifest cannot be used or
    a file cannot be written (a read-only ``reports/``).

    Example:
        >>> # python -m dangjian.running.share --methods-table methods.md
    """
    args = build_parser().parse_args(argv)
    try:
        pages = republish(args.root, no_code=args.no_code, run=args.name)
        for page in pages:
            print(printable(page))
        if args.methods_table is not None:
            write_text_atomic(args.methods_table, methods_table(args.root) + "\n")
            print(printable(args.methods_table))
    except ValueError as exc:
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 2
    except OSError as exc:  # a read-only reports/ folder, a file where a folder belongs
        print(write_error(exc), file=sys.stderr)
        return 2
    return 0


def write_error(error: OSError) -> str:
    """The one line for a file that could not be written: the file named (the page, not the
    temporary file it was being written to), and the system's reason.

    Example:
        >>> write_error(OSError(30, "Read-only file system", "reports/.index.html.4242-k2j_x9.tmp"))
        'error: reports/index.html: cannot write: Read-only file system'
    """
    if error.filename is None:
        return printable(f"error: cannot write: {error.strerror or error}")
    path = Path(os.fsdecode(error.filename))
    temporary = re.fullmatch(rf"\.(.+)\.\d+-\w+{re.escape(TEMPORARY_SUFFIX)}", path.name)
    shown = path.with_name(temporary.group(1)) if temporary else path
    return printable(f"error: {shown}: cannot write: {error.strerror or error}")


__all__ = ["build_parser", "main", "write_error"]
