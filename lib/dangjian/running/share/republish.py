"""Render the executed reports of a run to HTML again and rebuild its index: what
``python -m dangjian.running.share`` does (its command line, which prints the pages, is
:mod:`dangjian.cli.share`).

Example:
    >>> import tempfile
    >>> [page.name for page in republish(tempfile.mkdtemp())]
    ['index.html']
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from dangjian.project.io import write_text_atomic
from dangjian.project.layout import RunLayout
from dangjian.running.share.index import _existing_reports, write_index
from dangjian.running.share.manifest import ReportInfo, load_manifest, update_manifest
from dangjian.running.share.pages import html_path, report_html


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


__all__ = ["republish"]
