"""Which figures a run wrote: the folders a report may write figures to, and snapshots of their files
taken before and after the report runs (a file new or replaced in between was written by it).

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> before = snapshot_files([folder])
    >>> _ = (folder / "a.png").write_bytes(b"x")
    >>> [p.name for p in written_files(before, snapshot_files([folder]))]
    ['a.png']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from dangjian.project.params import ReportSpec, role_value

#: Files of a figures folder that count as figures (what dangjian.figures.plotting writes, plus JPEG).
FIGURE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg")


Snapshot = dict[Path, tuple[int, int, int]]


def figure_folders(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[Path]:
    """The folders a report may write figures to: its run's ``figures/`` and the folder of its
    parameter of role ``figures`` (``# role: figures`` in the notebook's parameters cell).

    The parameter's value comes from the parameter file, else from the notebook's default.

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('plots = "figures"  # role: figures', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> spec = ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), {"plots": "out/figs"})
        >>> [p.relative_to(root).as_posix() for p in figure_folders(spec, root)]
        ['figures', 'out/figs']
    """
    root = Path(os.path.abspath(project_root))
    value = role_value(spec, root, "figures")
    folders = [Path(os.path.abspath(spec.layout(root).figures))]
    if isinstance(value, str) and value:
        folders.append(Path(os.path.abspath(root / value)))
    return list(dict.fromkeys(folders))


def _is_figure(path: Path) -> bool:
    return path.suffix.lower() in FIGURE_SUFFIXES and not path.name.startswith(".") and path.is_file()


def snapshot_files(
    folders: Iterable[str | os.PathLike[str]], keep: Callable[[Path], bool] | None = None
) -> Snapshot:
    """Identity of every figure file (or every file ``keep`` accepts) under ``folders``:
    path -> (inode, mtime in ns, size).

    A file rewritten by :mod:`dangjian.project.io` gets a new inode and mtime even with the same bytes.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.png").write_bytes(b"x"); _ = (folder / "notes.txt").write_text("-")
        >>> [p.name for p in snapshot_files([folder])]
        ['a.png']
    """
    found: Snapshot = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if (keep or _is_figure)(path):
                stat = path.stat()
                found[Path(os.path.abspath(path))] = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    return found


def written_files(before: Snapshot, after: Snapshot) -> list[Path]:
    """Files present in ``after`` that were new or replaced since ``before``, sorted.

    Example:
        >>> written_files({Path("/f/a.png"): (1, 1, 1)}, {Path("/f/a.png"): (1, 1, 1), Path("/f/b.png"): (2, 2, 2)})
        [PosixPath('/f/b.png')]
    """
    return sorted(path for path, stamp in after.items() if before.get(path) != stamp)
