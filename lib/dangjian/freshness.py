"""Is a report up to date? Its inputs fingerprint and its outputs, recorded after each run.

A report is up to date when nothing that determines it has changed since it was last made — the
notebook, the parameter file and values, every input file a parameter points to (the corpus folder,
a taxonomy), and the library's code and data files — and every file it wrote is still there with
the same content. ``dangjian run`` then reuses the report instead of executing the notebook again,
as ``make`` would; ``--force`` executes everything.

Records live in ``reports/.state/<report>.json``.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> record_path("00_corpus", root).relative_to(root).as_posix()
    'reports/.state/00_corpus.json'
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dangjian.cache import make_key
from dangjian.io import write_text_atomic
from dangjian.params import ReportSpec

#: Top-level folders whose content a run writes: a parameter pointing into them is an output.
OUTPUT_FOLDERS = ("data/processed", "figures", "reports")


def record_path(name: str, project_root: str | os.PathLike[str]) -> Path:
    """Where the state of report ``name`` is recorded."""
    return Path(project_root) / "reports" / ".state" / f"{name}.json"


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes.

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_bytes(b"x")
        >>> file_digest(p)[:12]
        '2d711642b726'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tree_digests(path: Path) -> list[tuple[str, str]]:
    if path.is_file():
        return [(path.name, file_digest(path))]
    return [
        (item.relative_to(path).as_posix(), file_digest(item))
        for item in sorted(path.rglob("*"))
        if item.is_file() and not any(part.startswith(".") for part in item.relative_to(path).parts)
    ]


def _is_output(path: Path, project_root: Path) -> bool:
    try:
        relative = path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return False
    return any(relative == folder or relative.startswith(folder + "/") for folder in OUTPUT_FOLDERS)


def _display(path: Path, root: Path) -> str:
    """``path`` relative to the project root when inside it, else absolute."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def input_paths(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[Path]:
    """Existing files and folders named by the report's parameter values, outputs excepted."""
    root = Path(project_root)
    found = []
    for value in spec.parameters.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item:
                path = root / item
                if path.exists() and not _is_output(path, root):
                    found.append(path)
    return found


def library_digest() -> str:
    """Digest of every source and data file of the installed ``dangjian`` package."""
    package = Path(__file__).resolve().parent
    return make_key(
        (path.relative_to(package).as_posix(), file_digest(path))
        for path in sorted(package.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    )


def inputs_fingerprint(spec: ReportSpec, project_root: str | os.PathLike[str]) -> str:
    """One key for everything that determines a report."""
    root = Path(project_root)
    return make_key(
        [
            file_digest(root / spec.notebook),
            file_digest(spec.source) if Path(spec.source).is_file() else "",
            json.dumps(spec.parameters, sort_keys=True, ensure_ascii=False, default=str),
            library_digest(),
            [(_display(path, root), _tree_digests(path)) for path in input_paths(spec, root)],
        ]
    )


def record_outputs(
    spec: ReportSpec, project_root: str | os.PathLike[str], fingerprint: str, outputs: Iterable[Path]
) -> Path:
    """Record the fingerprint a report was made from and the digests of the files it wrote."""
    root = Path(project_root)
    state: dict[str, Any] = {
        "inputs": fingerprint,
        "outputs": {
            _display(path, root): file_digest(path)
            for path in sorted(set(outputs))
            if path.is_file()
        },
    }
    target = record_path(spec.name, root)
    write_text_atomic(target, json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return target


def is_up_to_date(spec: ReportSpec, project_root: str | os.PathLike[str], fingerprint: str) -> bool:
    """True when the report was last made from ``fingerprint`` and its outputs are unchanged."""
    root = Path(project_root)
    try:
        state = json.loads(record_path(spec.name, root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if state.get("inputs") != fingerprint or not state.get("outputs"):
        return False
    for shown, digest in state["outputs"].items():
        path = root / shown  # an absolute path stays absolute
        if not path.is_file() or file_digest(path) != digest:
            return False
    return True


def forget(spec: ReportSpec, project_root: str | os.PathLike[str]) -> None:
    """Drop a report's record (after a failure, so that the next run executes it)."""
    record_path(spec.name, project_root).unlink(missing_ok=True)


def output_folders(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[Path]:
    """Folders a report writes to: its figure folders and the output folders among its parameters
    (values inside data/processed, figures or reports; the cache is not an output)."""
    from dangjian import share

    root = Path(project_root)
    folders = list(share.figure_folders(spec, root))
    for value in spec.parameters.values():
        if isinstance(value, str) and value and _is_output(root / value, root):
            path = Path(os.path.abspath(root / value))
            if "cache" not in path.relative_to(Path(os.path.abspath(root))).parts:
                folders.append(path)
    return list(dict.fromkeys(folders))


def _is_plain_file(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".")
