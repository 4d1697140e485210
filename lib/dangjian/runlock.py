"""One ``dangjian run`` at a time per project, and the tidying up after a run that was killed.

``dangjian run`` holds an exclusive lock on ``reports/.state/run.lock`` while it runs. The
operating system releases the lock when the process ends, however it ends (an error, ``kill -9``,
a closed terminal, the machine's memory running out), so a lock is never left behind. A killed run
leaves its earlier outputs whole, because every file is written to a temporary file and renamed into
place only when complete (:mod:`dangjian.io`); what it can leave is those temporary files. The next
run removes them before it starts, except those whose writer is still running.

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
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dangjian.freshness import OUTPUT_FOLDERS
from dangjian.io import remove_temporaries

LOCK_NAME = "reports/.state/run.lock"
#: Windows locks byte ranges: lock one byte far past the process id written at the start.
_WINDOWS_LOCK_OFFSET = 1 << 30


class ProjectBusy(RuntimeError):
    """Another run holds the project's lock."""


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
def exclusive_run(project_root: str | os.PathLike[str]) -> Iterator[list[Path]]:
    """Hold the project's run lock; yield the temporary files of a killed run, already removed.

    Raises:
        ProjectBusy: another process holds the lock (its pid is in the message).
    """
    root = Path(project_root)
    lock_path = root / LOCK_NAME
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as handle:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise ProjectBusy(
                f"{root}: another `dangjian run` (pid {holder}) is writing this project's outputs; "
                "wait for it to end, or stop it, then run again"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield remove_temporaries(root / folder for folder in OUTPUT_FOLDERS)
