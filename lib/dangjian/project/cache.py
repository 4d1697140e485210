"""A content-addressed cache for results several notebooks need.

A result is stored under a key made of everything that determines it: the input bytes, the
parameters, and a fingerprint of the library code and data files of the stage that computed it.
Change one document and only that document's entry is recomputed; change a parameter or the code
of a stage and only that stage's entries are.

An entry is data, never code. Each value goes through an explicit :class:`Codec` that writes
plain formats — UTF-8 text, JSON, Arrow tables, ``.npy`` arrays read without pickle —
bundled if need be in a zip of stored members. The file starts with one header line carrying the
codec's name and an HMAC-SHA-256 digest of the entry's location, codec and content, keyed with a
random key kept in the cache folder (``entry.key``). The digest is checked before anything is
decoded, so an entry that was edited (one digit changed), truncated, corrupted, copied in from
another cache, or replaced by a file of another kind (a pickle) is never used: it is recomputed,
with a :class:`CacheEntryWarning` that names its file. The key is no secret from whoever can read
the cache folder (nor need it be: nothing in an entry can run code, and the raw data is as open
to edits); it makes an entry edited and re-hashed, or brought from elsewhere, fail its check, so
that only bytes this cache wrote ever reach a decoder. Entries and the key are written
atomically, so an interrupted run never leaves a broken entry.

Example:
    >>> import tempfile
    >>> cache = Cache(tempfile.mkdtemp())
    >>> calls = []
    >>> compute = lambda: calls.append(1) or "result"
    >>> [cache.get_or_compute("demo", ("input", 1), compute, codec=TEXT) for _ in range(2)]
    ['result', 'result']
    >>> len(calls)
    1
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

import pandas as pd
import pyarrow as pa

from dangjian.project.io import TEMPORARY_SUFFIX, _umask, atomic_open, atomic_path, file_digest

T = TypeVar("T")

#: First word of every entry's header; a new layout gets a new word (and new keys).
ENTRY_FORMAT = "dangjian-cache/1"
#: Suffix of entry files: ``<root>/<stage>/<key>.entry``.
ENTRY_SUFFIX = ".entry"
#: Name of the file, in the cache root, holding the random key of the entries' digests.
KEY_FILE = "entry.key"
_KEY_BYTES = 32
_MAX_HEADER = 256
_CODEC_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*")


class CacheEntryWarning(UserWarning):
    """A cache entry could not be used (damaged, edited, or not an entry); it was recomputed."""


class CacheEntryError(ValueError):
    """An entry file that fails its checks; the message says which check."""


@dataclass(frozen=True)
class Codec(Generic[T]):
    """How a cached value becomes bytes (``dumps``) and back (``loads``).

    ``name`` (lower-case letters, digits, ``_.-``) is written in each entry's header and is part
    of its key. ``loads`` only ever sees bytes whose digest was verified.

    Example:
        >>> TEXT.loads(TEXT.dumps("党建")), JSON.loads(JSON.dumps({"k": [1, 2]}))
        ('党建', {'k': [1, 2]})
    """

    name: str
    dumps: Callable[[T], bytes]
    loads: Callable[[bytes], T]

    def __post_init__(self) -> None:
        if not _CODEC_NAME.fullmatch(self.name):
            raise ValueError(f"codec name {self.name!r} must be lower-case letters, digits and '_.-'")


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON (keys sorted); rejects NaN and values JSON cannot hold.

    Example:
        >>> json_bytes({"b": 1, "a": "党"})
        b'{"a":"\\xe5\\x85\\x9a","b":1}'
    """
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def json_value(data: bytes) -> Any:
    """The value of :func:`json_bytes` (strict UTF-8)."""
    return json.loads(data.decode("utf-8"))


def frame_to_arrow(frame: pd.DataFrame) -> bytes:
    """A DataFrame as an Arrow IPC stream, its column dtypes (nullable ones included) in the schema.

    The frame must have a default index (0, 1, … as after ``reset_index(drop=True)``) and
    distinct string column names. Arrow is read several times faster than Parquet, which counts
    when a cached corpus is loaded.

    Example:
        >>> frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["党", "建"], "c": [0.5, None]})
        >>> pd.testing.assert_frame_equal(frame_from_arrow(frame_to_arrow(frame)), frame)
    """
    index = frame.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None):
        raise ValueError(f"only a frame with the default index can be cached, got {type(index).__name__}; reset_index() it")
    names = list(frame.columns)
    if not all(isinstance(name, str) for name in names) or len(set(names)) != len(names):
        raise ValueError(f"only a frame with distinct string column names can be cached, got {names}")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({b"dtypes": json_bytes([str(dtype) for dtype in frame.dtypes])})
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def frame_from_arrow(data: bytes) -> pd.DataFrame:
    """The DataFrame of :func:`frame_to_arrow` (writable columns of the dtypes it had)."""
    with pa.ipc.open_stream(data) as reader:
        table = reader.read_all()
    dtypes = [_pandas_dtype(name) for name in json_value(table.schema.metadata[b"dtypes"])]
    if len(dtypes) != table.num_columns:
        raise ValueError(f"{len(dtypes)} dtypes for {table.num_columns} columns")
    columns: dict[str, Any] = {}
    for name, dtype, column in zip(table.column_names, dtypes, table.columns):
        if hasattr(dtype, "__from_arrow__"):
            columns[name] = dtype.__from_arrow__(column)
        else:
            values = column.to_numpy(zero_copy_only=False)
            columns[name] = values if values.dtype == dtype and values.flags.writeable else values.astype(dtype)
    if not columns:
        return pd.DataFrame(index=pd.RangeIndex(table.num_rows))
    return pd.DataFrame(columns, copy=False)


@functools.lru_cache(maxsize=64)
def _pandas_dtype(name: str) -> Any:
    return pd.api.types.pandas_dtype(name)


def pack(members: Mapping[str, bytes]) -> bytes:
    """Several named byte strings in one zip archive (stored, not compressed).

    Example:
        >>> unpack(pack({"a.json": b"{}", "b.txt": "党".encode()}))
        {'a.json': b'{}', 'b.txt': b'\\xe5\\x85\\x9a'}
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def unpack(data: bytes) -> dict[str, bytes]:
    """The members of a :func:`pack` archive, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


#: Text as UTF-8.
TEXT: Codec[str] = Codec("text", lambda value: value.encode("utf-8"), lambda data: data.decode("utf-8"))
#: Numbers, strings, lists and dicts as JSON (tuples come back as lists).
JSON: Codec[Any] = Codec("json", json_bytes, json_value)
#: A DataFrame (with the default index) as an Arrow table.
FRAME: Codec[pd.DataFrame] = Codec("arrow-table", frame_to_arrow, frame_from_arrow)


@functools.lru_cache(maxsize=64)
def code_fingerprint(modules: tuple[str, ...]) -> str:
    """Hash of the source of the named ``dangjian`` modules and of the package's data files.

    A name is a module's path inside the package (``cleaning.clean``) or a package's (``topics``:
    every module of it); a name that is neither raises ``ValueError``, so that a moved module
    cannot silently drop out of a cache key.

    Example:
        >>> len(code_fingerprint(("cleaning.clean", "cleaning.edits")))
        16
        >>> code_fingerprint(("clean",))
        Traceback (most recent call last):
        ...
        ValueError: no module or package dangjian.clean
    """
    digest = hashlib.sha256()
    package = resources.files("dangjian")
    for name in sorted(modules):
        parts = name.split(".")
        candidate = package.joinpath(*parts[:-1], f"{parts[-1]}.py")
        if not candidate.is_file():
            candidate = package.joinpath(*parts, "__init__.py")
            folder = package.joinpath(*parts)
            if not candidate.is_file():
                raise ValueError(f"no module or package dangjian.{name}")
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


def entry_digest(secret: bytes, location: str, codec: str, payload: bytes) -> str:
    """HMAC-SHA-256 (hex) of an entry's location (``stage/key``), codec name and payload.

    Example:
        >>> a = entry_digest(b"k" * 32, "documents/ab12", "text", "党员3799名".encode())
        >>> a == entry_digest(b"k" * 32, "documents/ab12", "text", "党员9799名".encode()), len(a)
        (False, 64)
    """
    mac = hmac.new(secret, digestmod=hashlib.sha256)
    for part in (location.encode("utf-8"), codec.encode("ascii")):
        mac.update(len(part).to_bytes(8, "big") + part)
    mac.update(payload)
    return mac.hexdigest()


def encode_entry(secret: bytes, location: str, codec: str, payload: bytes) -> bytes:
    """An entry file: the header line ``<format> <codec> <digest>`` and the payload.

    Example:
        >>> encode_entry(b"k" * 32, "demo/ab12", "text", b"result")[:22]
        b'dangjian-cache/1 text '
    """
    header = f"{ENTRY_FORMAT} {codec} {entry_digest(secret, location, codec, payload)}\n"
    return header.encode("ascii") + payload


def decode_entry(secret: bytes, location: str, codec: str, data: bytes) -> bytes:
    """The verified payload of an entry file; :class:`CacheEntryError` saying what is wrong otherwise.

    Example:
        >>> entry = encode_entry(b"k" * 32, "demo/ab12", "text", "党员3799名".encode())
        >>> decode_entry(b"k" * 32, "demo/ab12", "text", entry).decode()
        '党员3799名'
        >>> decode_entry(b"k" * 32, "demo/ab12", "text", entry.replace(b"3799", b"9799"))
        Traceback (most recent call last):
        ...
        dangjian.project.cache.CacheEntryError: its content does not match its digest (edited, truncated or corrupted)
    """
    end = data.find(b"\n", 0, _MAX_HEADER)
    fields = data[:end].split(b" ") if end >= 0 else []
    if len(fields) != 3 or fields[0] != ENTRY_FORMAT.encode():
        raise CacheEntryError(f"it is not a cache entry (it does not start with '{ENTRY_FORMAT}')")
    if fields[1] != codec.encode():
        raise CacheEntryError(f"it holds a '{fields[1].decode('ascii', 'replace')}' value, expected '{codec}'")
    payload = data[end + 1 :]
    expected = entry_digest(secret, location, codec, payload)
    if not hmac.compare_digest(fields[2], expected.encode()):
        raise CacheEntryError("its content does not match its digest (edited, truncated or corrupted)")
    return payload


def cache_secret(root: Path) -> bytes:
    """The random key of the entries' digests in ``root/entry.key``, created on first use.

    Two processes creating it at once agree on one key: each writes a complete temporary file and
    links it into place only if no key exists yet. A key file of the wrong size is replaced
    (its entries are then recomputed).
    """
    path = root / KEY_FILE
    for _ in range(3):
        try:
            secret = path.read_bytes()
        except FileNotFoundError:
            secret = b""
        if len(secret) == _KEY_BYTES:
            return secret
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{KEY_FILE}.{os.getpid()}-", suffix=TEMPORARY_SUFFIX, dir=root)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(_KEY_BYTES))
            os.chmod(tmp_name, 0o666 & ~_umask())  # readable by whoever may read the entries
            if secret:  # a damaged key: replace it
                os.replace(tmp_name, path)
            else:
                try:
                    os.link(tmp_name, path)
                except FileExistsError:
                    pass  # another process made the key first: use theirs
                except OSError:  # no hard links on this file system
                    os.replace(tmp_name, path)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
    raise OSError(f"{path}: the cache key could not be created; delete {root} and run again")


class Cache:
    """Results under ``root/<stage>/<key>.entry``; ``root=None`` disables caching.

    ``hits`` and ``misses`` count look-ups, so a caller (or a test) can see what was recomputed;
    ``discarded`` lists the entries that were found unusable and recomputed.
    """

    def __init__(self, root: str | os.PathLike[str] | None):
        self.root = Path(root) if root is not None else None
        self.hits = 0
        self.misses = 0
        self.discarded: list[Path] = []
        self._secret: bytes | None = None

    def path(self, stage: str, key: str) -> Path | None:
        return None if self.root is None else self.root / stage / f"{key}{ENTRY_SUFFIX}"

    def secret(self) -> bytes:
        """The key of this cache's entry digests (see :func:`cache_secret`)."""
        if self._secret is None:
            assert self.root is not None
            self._secret = cache_secret(self.root)
        return self._secret

    def get_or_compute(
        self,
        stage: str,
        parts: Iterable[Any],
        compute: Callable[[], T],
        modules: tuple[str, ...] = (),
        *,
        codec: Codec[T],
    ) -> T:
        """Return the cached result for ``parts`` (plus the code of ``modules``), computing it if absent.

        An entry that cannot be used is recomputed and overwritten, with a
        :class:`CacheEntryWarning` naming its file.
        """
        key = self._key(stage, parts, modules, codec)
        path = self.path(stage, key)
        if path is not None and path.is_file():
            value = self._read(path, f"{stage}/{key}", codec)
            if value is not _MISSING:
                self.hits += 1
                return value  # type: ignore[return-value]
        self.misses += 1
        value = compute()
        self._write(stage, key, value, codec)
        return value

    def put(self, stage: str, parts: Iterable[Any], value: T, modules: tuple[str, ...] = (), *, codec: Codec[T]) -> None:
        """Store ``value`` as the entry of ``parts`` (as :meth:`get_or_compute` would), replacing
        whatever is there without reading it (so a damaged entry is warned about once, when it is read).

        Example:
            >>> import tempfile
            >>> cache = Cache(tempfile.mkdtemp())
            >>> cache.put("s", ["a"], {"n": 1}, codec=JSON)
            >>> cache.get_or_compute("s", ["a"], lambda: {"n": 2}, codec=JSON), cache.hits
            ({'n': 1}, 1)
        """
        self._write(stage, self._key(stage, parts, modules, codec), value, codec)

    def files(
        self,
        stage: str,
        parts: Iterable[Any],
        folder: str | os.PathLike[str],
        write: Callable[[], list[Path]],
        modules: tuple[str, ...] = (),
    ) -> list[Path]:
        """The files ``write()`` writes into ``folder``: written by it, or copied from where an
        earlier call with the same ``parts`` (and code of ``modules``) wrote them.

        For outputs too large to keep in the cache (the exports of a national corpus are hundreds
        of MB): the entry records where the files are and their SHA-256, and a file is copied only
        if it still has those bytes (checked as it is copied); otherwise ``write()`` runs. Each
        copy is written atomically. A file already in place (``folder`` is where it was written)
        is checked and its modification time set to now: a run that compares its output folders
        before and after a report sees it made again, not left over from an earlier run.

        Example:
            >>> import tempfile
            >>> cache, first, second = Cache(tempfile.mkdtemp()), Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
            >>> def write_into(folder):
            ...     (folder / "t.csv").write_text("a,b\\n", encoding="utf-8")
            ...     return [folder / "t.csv"]
            >>> [p.parent == folder for folder in (first, second) for p in cache.files("demo", ["t"], folder, lambda: write_into(folder))]
            [True, True]
            >>> cache.misses, cache.hits, (second / "t.csv").read_text(encoding="utf-8")
            (1, 1, 'a,b\\n')
        """
        folder = Path(folder)
        key = self._key(stage, parts, modules, JSON)
        path = self.path(stage, key)
        if path is not None and path.is_file():
            record = self._read(path, f"{stage}/{key}", JSON)
            copied = _copy_recorded(record, folder) if record is not _MISSING else None
            if copied is not None:
                self.hits += 1
                return copied
        self.misses += 1
        written = [Path(p) for p in write()]
        if path is not None and all(p.parent.resolve() == folder.resolve() for p in written):
            record = {"files": [{"name": p.name, "source": str(p.resolve()), "size": p.stat().st_size,
                                 "sha256": file_digest(p)} for p in written]}
            self._write(stage, key, record, JSON)
        return written

    @staticmethod
    def _key(stage: str, parts: Iterable[Any], modules: tuple[str, ...], codec: Codec) -> str:
        return make_key([ENTRY_FORMAT, stage, codec.name, code_fingerprint(modules), *parts])

    def _write(self, stage: str, key: str, value: T, codec: Codec[T]) -> None:
        path = self.path(stage, key)
        if path is None:
            return
        payload = codec.dumps(value)
        with atomic_open(path, "wb") as handle:
            handle.write(encode_entry(self.secret(), f"{stage}/{key}", codec.name, payload))

    def _read(self, path: Path, location: str, codec: Codec[T]) -> T | object:
        """The value of a verified entry, or ``_MISSING`` (with a warning) if it cannot be used."""
        secret = self.secret()
        try:
            payload = decode_entry(secret, location, codec.name, path.read_bytes())
            return codec.loads(payload)
        except CacheEntryError as error:
            problem = str(error)
        except OSError as error:
            problem = f"it could not be read ({error})"
        except Exception as error:  # a verified payload its codec cannot decode: recompute it too
            problem = f"its '{codec.name}' value could not be decoded ({type(error).__name__}: {error})"
        self.discarded.append(path)
        warnings.warn(
            f"cache entry {path}: {problem}; it is not used and its value is recomputed",
            CacheEntryWarning,
            stacklevel=3,
        )
        return _MISSING


_MISSING = object()


def _copy_recorded(record: Any, folder: Path) -> list[Path] | None:
    """Copy the files a :meth:`Cache.files` entry records into ``folder``; None if one of them is
    gone or no longer has the recorded bytes."""
    copied = []
    for item in record.get("files", []) if isinstance(record, dict) else []:
        source, name = Path(item["source"]), str(item["name"])
        if Path(name).name != name or name in {"", ".", ".."}:
            return None
        target = folder / name
        try:
            if source.stat().st_size != item["size"]:
                return None
            if target.exists() and os.path.samefile(source, target):
                if file_digest(source) != item["sha256"]:
                    return None
                os.utime(target)  # made now, in place: the run counts it among this call's outputs
            elif not _copy_checked(source, target, item["sha256"]):
                return None
        except OSError:
            return None
        copied.append(target)
    return copied or None


def _copy_checked(source: Path, target: Path, sha256: str) -> bool:
    """Copy ``source`` onto ``target`` atomically if its bytes have the digest ``sha256``; else leave ``target`` as it was."""
    digest = hashlib.sha256()
    try:
        with atomic_path(target) as tmp:
            with open(source, "rb") as reader, open(tmp, "wb") as writer:
                for block in iter(lambda: reader.read(1 << 20), b""):
                    digest.update(block)
                    writer.write(block)
            if digest.hexdigest() != sha256:
                raise _Mismatch
    except _Mismatch:
        return False
    return True


class _Mismatch(Exception):
    """A recorded file no longer has its recorded bytes."""


def frame_digest(frame: pd.DataFrame | None) -> str | None:
    """A digest of a table's column names, types and values (pandas's row hashes), for a cache key.

    Example:
        >>> a = pd.DataFrame({"x": [1, 2], "y": ["党员", None]})
        >>> frame_digest(a) == frame_digest(a.copy()), frame_digest(a) == frame_digest(a.assign(x=[1, 3]))
        (True, False)
        >>> frame_digest(a) == frame_digest(a.astype({"x": float}))
        False
    """
    if frame is None:
        return None
    digest = hashlib.sha256()
    digest.update(json_bytes([[str(c), str(t)] for c, t in frame.dtypes.items()]))
    digest.update(len(frame).to_bytes(8, "big"))
    try:
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    except TypeError:  # a column of lists or other unhashable values
        digest.update(frame_to_arrow(frame.reset_index(drop=True)))
    return digest.hexdigest()[:32]
