"""Throw-away copies of the project for tests that run the real notebooks with `dangjian run`.

A scratch project has its own ``pyproject.toml`` (so it is its own project root), copies of the
chosen notebooks and parameter files, and a copy of ``data/raw/`` that a test may extend. Every
output (``data/processed/``, ``figures/``, ``reports/``, the cache, and ``runs/<name>/`` of a run on
another corpus) then lands inside it, never in the repository.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from pathlib import Path

from dangjian import cli

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def make_project(root: Path, reports: list[str]) -> Path:
    """Copy the parameter files ``parameters/<name>.yaml`` of ``reports``, their notebooks and data/raw/."""
    from dangjian.params import load_report_spec

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
