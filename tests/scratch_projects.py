"""Throw-away copies of the project for tests that run the real notebooks with `dangjian run`.

A scratch project has its own ``pyproject.toml`` (so it is its own project root), copies of the
chosen notebooks and parameter files, and a copy of ``data/raw/`` that a test may extend. Every
output (``data/processed/``, ``figures/``, ``reports/``, the cache, and ``runs/<name>/`` of a run on
another corpus) then lands inside it, never in the repository.

Running the real notebooks takes most of a minute, so the session makes one scratch project after
the demo run of :data:`DEMO_REPORTS` (the ``demo_run`` fixture of ``conftest.py``) and the tests
that start from that state work on their own copy (:func:`copy_project`). Every output is
addressed relative to the project root and the cache by content, so a copy is the same project.

Example:
    >>> import tempfile
    >>> source = Path(tempfile.mkdtemp()) / "a"
    >>> _ = (source / "figures").mkdir(parents=True), (source / "figures" / "f.svg").write_text("<svg/>")
    >>> copy = copy_project(source, source.parent / "b")
    >>> file_digests(copy) == file_digests(source)
    True
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
from pathlib import Path

from dangjian import cli

PROJECT_ROOT = Path(__file__).resolve().parents[1]
#: The reports of the session's demo run: the corpus report and the indicators, well under a minute
#: of notebooks rather than the whole ``make run``.
DEMO_REPORTS = ["00_corpus", "03_indicators"]


def make_project(root: Path, reports: list[str]) -> Path:
    """Copy the parameter files ``parameters/<name>.yaml`` of ``reports``, their notebooks and data/raw/."""
    from dangjian.project.params import load_report_spec

    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    shutil.copytree(PROJECT_ROOT / "data" / "raw", root / "data" / "raw")
    for name in reports:
        source = PROJECT_ROOT / "parameters" / f"{name}.yaml"
        spec = load_report_spec(source, PROJECT_ROOT)
        (root / "parameters").mkdir(exist_ok=True)
        shutil.copy2(source, root / "parameters" / source.name)
        (root / spec.notebook).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / spec.notebook, root / spec.notebook)
    return root


def copy_project(source: Path, target: Path) -> Path:
    """A copy of the scratch project ``source`` at ``target``, outputs, state records and cache
    included (file times kept), so that a test can change and run it without touching ``source``."""
    shutil.copytree(source, target, symlinks=True)
    return target


def run(root: Path, *args: str) -> tuple[int, str, str]:
    """``dangjian run --root ROOT --no-progress ARGS``; returns exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["run", "--root", str(root), "--no-progress", *args])
    return code, out.getvalue(), err.getvalue()


def file_digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, keyed by its path relative to ``folder``."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def snapshot(root: Path, folders: bool = False) -> dict[str, str]:
    """Every file under ``root`` (links as links, never followed) with the sha256 of its bytes; with
    ``folders``, every folder too, so that a folder created by mistake shows."""
    entries = {}
    for dirpath, dirnames, names in os.walk(root):
        if folders:
            entries.update({(Path(dirpath) / name).relative_to(root).as_posix(): "folder" for name in dirnames})
        for name in names:
            path = Path(dirpath) / name
            key = path.relative_to(root).as_posix()
            entries[key] = "link:" + os.readlink(path) if path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest()
    return entries
