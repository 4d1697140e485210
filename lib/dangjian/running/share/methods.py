"""The methods table: a Markdown table linking every figure of the project's run to the notebook
and parameter file that made it, for the README's methods section.

Example:
    >>> import tempfile
    >>> methods_table(tempfile.mkdtemp()).splitlines()[0]
    '| Figure | Files | Notebook | Parameter file | What it shows |'
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

from dangjian.running.share.index import figure_entries
from dangjian.running.share.manifest import _relative_to


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown_link(path: str) -> str:
    return f"[`{_markdown_cell(path)}`]({urllib.parse.quote(path, safe='/')})"


def methods_table(project_root: str | os.PathLike[str]) -> str:
    """A Markdown table linking every figure to the notebook and parameter file that made it.

    Links are relative to the project root (where README.md is).

    Example:
        >>> import tempfile
        >>> print(methods_table(tempfile.mkdtemp()))
        | Figure | Files | Notebook | Parameter file | What it shows |
        |---|---|---|---|---|
    """
    root = Path(os.path.abspath(project_root))
    rows = [
        "| Figure | Files | Notebook | Parameter file | What it shows |",
        "|---|---|---|---|---|",
    ]
    for entry in figure_entries(root):
        files = ", ".join(
            f"[{path.suffix.lstrip('.').upper()}]({urllib.parse.quote(_relative_to(path, root), safe='/')})"
            for path in entry.files
        )
        report = entry.report
        notebook = _markdown_link(report.notebook) if report else "not recorded"
        parameters = _markdown_link(report.parameter_file) if report and report.parameter_file else "—"
        what = entry.description
        name = _markdown_cell(entry.name)
        rows.append(f"| `{name}` | {files} | {notebook} | {parameters} | {_markdown_cell(what)} |")
    return "\n".join(rows)
