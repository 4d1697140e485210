"""The command line ``python -m dangjian.share``: render the executed reports of a run to HTML again,
rebuild its index, and optionally write the methods table.

Example:
    >>> import tempfile
    >>> main(["--root", tempfile.mkdtemp()]) == 0  # doctest: +ELLIPSIS
    /.../reports/index.html
    True
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from dangjian.io import write_text_atomic
from dangjian.layout import RunLayout
from dangjian.share.index import _existing_reports, write_index
from dangjian.share.manifest import ReportInfo, load_manifest, update_manifest
from dangjian.share.methods import methods_table
from dangjian.share.pages import html_path, report_html


def republish(project_root: str | os.PathLike[str], *, no_code: bool = False, run: str | None = None) -> list[Path]:
    """Render every executed report of a run again and rebuild its index; return the pages.

    Figures recorded in the manifest are kept. Useful after changing how pages look.

    Example:
        >>> import tempfile
        >>> [p.name for p in republish(tempfile.mkdtemp())]
        ['index.html']
    """
    root = Path(os.path.abspath(project_root))
    pages = []
    manifest = load_manifest(root, run)
    for info in _existing_reports(root, manifest, run):
        executed = RunLayout(root, run).report(info.name)
        notebook = json.loads(executed.read_text(encoding="utf-8"))
        page = html_path(info.name, root, run)
        refreshed = ReportInfo(**{**asdict(info), "code": "removed" if no_code else "hidden"})
        write_text_atomic(page, report_html(notebook, refreshed, no_code=no_code, resources_path=root))
        if info.name in manifest:
            update_manifest(root, refreshed)
        pages.append(page)
    pages.append(write_index(root, run))
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dangjian.share``: re-render the pages and the index; optionally write the methods table.

    Example:
        >>> # python -m dangjian.share --methods-table methods.md
    """
    parser = argparse.ArgumentParser(
        prog="python -m dangjian.share",
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
    args = parser.parse_args(argv)
    try:
        pages = republish(args.root, no_code=args.no_code, run=args.name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for page in pages:
        print(page)
    if args.methods_table is not None:
        write_text_atomic(args.methods_table, methods_table(args.root) + "\n")
        print(args.methods_table)
    return 0
