"""Atomic output: every file the project writes goes through here.

A write goes to a temporary file in the destination folder and is renamed over the target
only once complete, so an interrupted run never leaves a half-written table or figure and
earlier outputs stay intact.

Example:
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_text_atomic(target, "党建")
    >>> target.read_text(encoding="utf-8")
    '党建'
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pandas as pd


def _umask() -> int:
    """The process's file-creation mask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Suffix of the temporary files :func:`atomic_path` writes (``.<target name>.<pid>-<random>.tmp``).
TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY_OWNER = re.compile(r"\.(\d+)-[^.]*\.tmp$")


def is_temporary(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is named like a temporary file of :func:`atomic_path`.

    Example:
        >>> is_temporary("figures/.corpus_cleaning_steps.png.4242-k2x9_a1b.tmp"), is_temporary("figures/a.png")
        (True, False)
    """
    name = Path(path).name
    return name.startswith(".") and name.endswith(TEMPORARY_SUFFIX) and name.count(".") >= 3


def temporary_owner(path: str | os.PathLike[str]) -> int | None:
    """The id of the process that writes (or wrote) a temporary file, from its name.

    Example:
        >>> temporary_owner(".table.csv.4242-k2x9_a1b.tmp"), temporary_owner(".table.csv.k2x9_a1b.tmp")
        (4242, None)
    """
    match = _TEMPORARY_OWNER.search(Path(path).name)
    return int(match.group(1)) if match else None


def remove_temporaries(folders: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Delete the temporary files that ended processes left under ``folders``; return them.

    A temporary file whose writer is still running (a notebook kernel, another command) is kept.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / ".table.csv.abc123.tmp").write_text("half")
        >>> _ = (folder / f".figure.png.{os.getpid()}-abc123.tmp").write_text("being written")
        >>> _ = (folder / "table.csv").write_text("whole")
        >>> [p.name for p in remove_temporaries([folder])], len(list(folder.iterdir()))
        (['.table.csv.abc123.tmp'], 2)
    """
    import psutil

    removed = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(f".*{TEMPORARY_SUFFIX}")):
            if not (path.is_file() and is_temporary(path)):
                continue
            owner = temporary_owner(path)
            if owner is not None and psutil.pid_exists(owner):
                continue
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    Use it for writers that want a file name (``DataFrame.to_parquet``, ``fig.savefig``).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=TEMPORARY_SUFFIX, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes owner-only files; outputs are shared
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``target`` only if the block succeeds."""
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    with atomic_path(target) as tmp:
        with open(tmp, mode, **kwargs) as handle:
            yield handle


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    with atomic_open(target, "w") as handle:
        handle.write(text)


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_open(target, "wb") as handle:
        handle.write(data)


def write_table(frame: pd.DataFrame, target: str | os.PathLike[str]) -> Path:
    """Write a table atomically; the format follows the suffix (.parquet, .csv, .xlsx).

    CSV is UTF-8 with a BOM-free header and ``\\n`` line ends, index dropped, so that the same
    table gives the same bytes on every platform.
    """
    target = Path(target)
    suffix = target.suffix.lower()
    with atomic_path(target) as tmp:
        if suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        elif suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
        elif suffix == ".xlsx":
            _write_excel(frame, tmp)
        else:
            raise ValueError(f"{target}: unsupported table format {suffix!r} (use .parquet, .csv or .xlsx)")
    return target


#: Fixed creation/modification time stamped into Excel files, so equal tables give equal bytes.
_EXCEL_TIMESTAMP = "2000-01-01T00:00:00"


def _write_excel(frame: pd.DataFrame, path: Path) -> None:
    """Write an .xlsx whose bytes depend on the table only (no current time inside)."""
    import datetime
    import zipfile

    stamp = datetime.datetime.fromisoformat(_EXCEL_TIMESTAMP)
    frame.to_excel(path, index=False, engine="openpyxl")
    # openpyxl stamps the save time into docProps/core.xml and into every zip member: fix both
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    members = [
        (name, re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + _EXCEL_TIMESTAMP.encode() + b"Z", data))
        if name == "docProps/core.xml"
        else (name, data)
        for name, data in members
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
