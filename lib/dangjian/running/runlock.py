"""One ``dangjian run`` at a time per project, and the tidying up after a run that was killed.

``dangjian run`` holds an exclusive lock on ``reports/.state/run.lock`` of its run while it runs
(``runs/<name>/reports/.state/run.lock`` for a named run, see :mod:`dangjian.project.layout`). The
operating system releases the lock when the process ends, however it ends (an error, ``kill -9``,
a closed terminal, the machine's memory running out), so a lock is never left behind. A killed run
leaves its earlier outputs whole, because every file is written to a temporary file and renamed into
place only when complete (:mod:`dangjian.project.io`); what it can leave is those temporary files. The next
run removes them from its own output folders before it starts, except those whose writer is still
running.

Example:
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "figures").mkdir(), (root / "figures" / ".a.png.999999999-x1y2z3.tmp").write_bytes(b"half")
    >>> with exclusive_run(root) as removed:
    ...     [p.name for p in removed]
    ['.a.png.999999999-x1y2z3.tmp']
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dangjian.project.io import remove_temporaries
from dangjian.project.layout import RunLayout

LOCK_NAME = "reports/.state/run.lock"
#: Windows locks byte ranges: lock one byte far past the process id written at the start.
_WINDOWS_LOCK_OFFSET = 1 << 30


class ProjectBusy(RuntimeError):
    """Another run holds the project's lock."""


class LockUnavailable(RuntimeError):
    """The run lock cannot be created (a read-only ``reports/``, a file where a folder belongs);
    the message names the path and says what to do."""


def _shown(path: str | os.PathLike[str] | bytes | None, root: Path) -> str:
    if path is None:
        return LOCK_NAME.rsplit("/", 1)[0]
    path = Path(os.fsdecode(path))
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def lock_problem(exc: OSError, root: Path) -> LockUnavailable:
    """The one-line error for an ``OSError`` met while creating the run lock under ``root``.

    Example:
        >>> print(lock_problem(PermissionError(13, "Permission denied", "/p/reports/.state"), Path("/p")))
        reports/.state: cannot create the run lock: Permission denied; make the folder writable
        >>> print(lock_problem(FileExistsError(17, "File exists", "/p/reports/.state"), Path("/p")))
        reports/.state: cannot create the run lock: File exists; it is a file, not a folder: move it away
    """
    where = _shown(exc.filename, root)
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, NotADirectoryError) and exc.filename is not None:
        blocking = _file_on_the_way(Path(os.fsdecode(exc.filename)))
        advice = f"{_shown(blocking, root)} is a file, not a folder: move it away" if blocking else "move the file away"
    elif isinstance(exc, FileExistsError):
        advice = "it is a file, not a folder: move it away"
    elif isinstance(exc, IsADirectoryError):
        advice = "it is a folder, not a file: move it away"
    elif isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        advice = "make it writable" if where.endswith("run.lock") else "make the folder writable"
    else:
        advice = "check that the folder can be written"
    return LockUnavailable(f"{where}: cannot create the run lock: {reason}; {advice}")


def _file_on_the_way(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` if it is not a folder."""
    for folder in path.parents:
        if folder.exists() or folder.is_symlink():
            return None if folder.is_dir() else folder
    return None


def _try_lock(handle: IO[str]) -> bool:
    """Take an exclusive, non-blocking lock on an open file; False if another process holds it.

    Where the file system cannot lock (some network drives), the run goes ahead unlocked.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            handle.seek(0)
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # no locks on this file system
        return True
    return True


@contextlib.contextmanager
def exclusive_run(project_root: str | os.PathLike[str], layout: RunLayout | None = None) -> Iterator[list[Path]]:
    """Hold the lock of a run (default: the project's run); yield the temporary files of a killed
    run, already removed from the run's own output folders.

    Raises:
        ProjectBusy: another process holds the lock (its pid is in the message).
        LockUnavailable: the lock file cannot be created (the message names the path).
    """
    root = Path(project_root)
    layout = layout if layout is not None else RunLayout(root)
    lock_path = layout.lock
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+", encoding="utf-8")
    except OSError as exc:
        raise lock_problem(exc, root) from None
    with handle:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            where = root if layout.name is None else layout.base
            raise ProjectBusy(
                f"{where}: another `dangjian run` (pid {holder}) is writing this "
                f"{'project' if layout.name is None else 'run'}'s outputs; "
                "wait for it to end, or stop it, then run again"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield remove_temporaries(layout.output_folders)
