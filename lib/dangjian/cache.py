"""A content-addressed cache for results several notebooks need.

A result is stored under a key made of everything that determines it: the input bytes, the
parameters, and a fingerprint of the library code and data files of the stage that computed it.
Change one document and only that document's entry is recomputed; change a parameter or the code
of a stage and only that stage's entries are. Entries are pickles written atomically, so an
interrupted run never leaves a broken entry.

Example:
    >>> import tempfile
    >>> cache = Cache(tempfile.mkdtemp())
    >>> calls = []
    >>> compute = lambda: calls.append(1) or "result"
    >>> cache.get_or_compute("demo", ("input", 1), compute), cache.get_or_compute("demo", ("input", 1), compute)
    ('result', 'result')
    >>> len(calls)
    1
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from dangjian.io import atomic_open

T = TypeVar("T")


@functools.lru_cache(maxsize=64)
def code_fingerprint(modules: tuple[str, ...]) -> str:
    """Hash of the source of the named ``dangjian`` modules and of the package's data files.

    Example:
        >>> len(code_fingerprint(("clean", "edits")))
        16
    """
    digest = hashlib.sha256()
    package = resources.files("dangjian")
    for name in sorted(modules):
        parts = name.split(".")
        candidate = package.joinpath(*parts[:-1], f"{parts[-1]}.py")
        if not candidate.is_file():
            candidate = package.joinpath(*parts, "__init__.py")
            folder = package.joinpath(*parts)
            for source in sorted(folder.iterdir(), key=lambda p: p.name) if folder.is_dir() else []:
                if source.name.endswith(".py"):
                    digest.update(source.read_bytes())
        digest.update(name.encode())
        digest.update(candidate.read_bytes() if candidate.is_file() else b"")
    data = package.joinpath("data")
    for item in sorted(data.iterdir(), key=lambda p: p.name) if data.is_dir() else []:
        if item.is_file():
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


def make_key(parts: Iterable[Any]) -> str:
    """A stable hex key from bytes, strings, numbers, tuples, lists and dicts (sorted by key).

    Example:
        >>> make_key(["a", 1, {"b": 2}]) == make_key(["a", 1, {"b": 2}])
        True
    """
    digest = hashlib.sha256()

    def feed(value: Any) -> None:
        if isinstance(value, bytes):
            digest.update(b"B" + len(value).to_bytes(8, "big") + value)
        elif isinstance(value, dict):
            digest.update(b"D")
            for key in sorted(value, key=str):
                feed(str(key))
                feed(value[key])
        elif isinstance(value, (list, tuple)):
            digest.update(b"L" + len(value).to_bytes(8, "big"))
            for item in value:
                feed(item)
        else:
            text = repr(value).encode()
            digest.update(b"S" + len(text).to_bytes(8, "big") + text)

    feed(list(parts))
    return digest.hexdigest()[:32]


class Cache:
    """Pickled results under ``root/<stage>/<key>.pkl``; ``root=None`` disables caching.

    ``hits`` and ``misses`` count look-ups, so a caller (or a test) can see what was recomputed.
    """

    def __init__(self, root: str | os.PathLike[str] | None):
        self.root = Path(root) if root is not None else None
        self.hits = 0
        self.misses = 0

    def path(self, stage: str, key: str) -> Path | None:
        return None if self.root is None else self.root / stage / f"{key}.pkl"

    def get_or_compute(self, stage: str, parts: Iterable[Any], compute: Callable[[], T], modules: tuple[str, ...] = ()) -> T:
        """Return the cached result for ``parts`` (plus the code of ``modules``), computing it if absent."""
        path = self.path(stage, make_key([stage, code_fingerprint(modules), *parts]))
        if path is not None and path.is_file():
            try:
                with open(path, "rb") as handle:
                    value = pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                value = None  # unreadable entry (from another version): recompute
            else:
                self.hits += 1
                return value
        self.misses += 1
        value = compute()
        if path is not None:
            with atomic_open(path, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return value
