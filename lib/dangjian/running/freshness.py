"""Is a report up to date? Its inputs fingerprint and its outputs, recorded after each run.

A report is up to date when nothing that determines it has changed since it was last made — the
notebook, the parameter file and values, every input file a parameter points to (the corpus folder,
a taxonomy), and the library's code and data files — and every file it wrote is still there with
the same content. ``dangjian run`` then reuses the report instead of executing the notebook again,
as ``make`` would; ``--force`` executes everything.

Records live in ``reports/.state/<report>.json`` of the report's run (``runs/<name>/reports/.state/``
for a named run, see :mod:`dangjian.project.layout`). A record keeps the digests of the files the report
wrote, so that the run can say what changed since the last run (:func:`changes`) and remove the
files a report wrote before and no longer writes (:func:`stale_outputs`); a failed run keeps the
files it may have written in the record, without a fingerprint.

The inputs are the parameters the notebook declares as read (``# role: corpus`` or ``# role: input``,
see :data:`dangjian.project.layout.READ_ROLES`), and the folders a report writes those it declares as
written (``output``, ``figures``): what a parameter is comes from the notebook, never from its name
or from whether its value happens to name an existing file.

A folder an input parameter names is fingerprinted as a corpus folder: what :func:`dangjian.reading.corpus.load_corpus`
reads, that is its ``metadata.csv``, the document files directly inside it and the files
``metadata.csv`` lists, not the whole tree below it. A file reached through a symbolic link that
leads out of the folder is fingerprinted by where the link points, without being read. At most
:data:`MAX_INPUT_ENTRIES` entries and :data:`MAX_INPUT_BYTES` bytes are fingerprinted for one
parameter; a parameter that names more (``corpus_dir: /``) is refused with a message naming it.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> record_path("00_corpus", root).relative_to(root).as_posix()
    'reports/.state/00_corpus.json'
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from dangjian.project.cache import make_key
from dangjian.project.io import file_digest, write_text_atomic
from dangjian.project.layout import OUTPUT_FOLDERS, OUTPUT_ROLES, READ_ROLES, RunLayout, is_output  # noqa: F401 - OUTPUT_FOLDERS kept here too
from dangjian.project.params import ParameterError, ReportSpec, parameter_value, role_parameters, shown
#: Most folder entries (and ``metadata.csv`` rows) looked at for one input folder.
MAX_INPUT_ENTRIES = 100_000
#: Most bytes hashed for one input file or folder.
MAX_INPUT_BYTES = 16 * 2**30
#: Largest ``metadata.csv`` read to find the files it lists.
MAX_METADATA_BYTES = 256 * 2**20
METADATA_NAME = "metadata.csv"


class InputTooLarge(ValueError):
    """An input folder or file holds more than the fingerprint limits; the message names it."""


def record_path(name: str, project_root: str | os.PathLike[str], run: str | None = None) -> Path:
    """Where the state of report ``name`` of run ``run`` (None: the project's run) is recorded."""
    return RunLayout(Path(project_root), run).record(name)


def _read_by(path: Path, folder: Path) -> str | None:
    """``None`` if ``path`` (a file inside ``folder``, resolved) may be read, else a text that stands
    for it: where its symbolic link leads out of the folder, or that it is not a regular file."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return "unresolvable link"
    if not real.is_relative_to(folder):
        return f"link to {real.as_posix()}"
    try:
        return None if real.is_file() else "not a regular file"
    except OSError as exc:
        return f"unreadable: {exc.strerror}"


def _listed_files(metadata: Path) -> list[str]:
    """The ``file`` entries of a readable ``metadata.csv`` inside the folder (none if unreadable:
    the report then fails on it, and the table's own bytes are fingerprinted)."""
    from dangjian.reading.corpus import CorpusError, _read_metadata_table

    try:
        rows = _read_metadata_table(metadata)
    except (CorpusError, OSError, ValueError):
        return []
    return [row.get("file", "") for row in rows]


def corpus_files(folder: str | os.PathLike[str], *, max_entries: int = MAX_INPUT_ENTRIES) -> dict[str, str | None]:
    """What a corpus folder's report reads: ``metadata.csv``, the document files directly inside
    ``folder`` and the files ``metadata.csv`` lists, as name -> ``None`` (a file to hash) or a
    text standing for an entry that is not read (a link leading out of the folder).

    Raises:
        InputTooLarge: the folder has more than ``max_entries`` entries or metadata rows, or a
            ``metadata.csv`` larger than :data:`MAX_METADATA_BYTES`.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> for name in ("a.txt", "b.pdf", "notes.md", "metadata.csv"):
        ...     _ = (folder / name).write_text("doc_id,file\\nc,sub/c.txt\\n" if name == "metadata.csv" else "x")
        >>> (folder / "sub").mkdir(); _ = (folder / "sub" / "c.txt").write_text("x")
        >>> (folder / "link.txt").symlink_to("/etc/hostname")
        >>> corpus_files(folder)
        {'a.txt': None, 'b.pdf': None, 'link.txt': 'link to /etc/hostname', 'metadata.csv': None, 'sub/c.txt': None}
    """
    from dangjian.reading.corpus import DOCUMENT_SUFFIXES

    folder = Path(folder)
    base = folder.resolve()
    names = []
    with os.scandir(folder) as entries:
        for count, entry in enumerate(entries, start=1):
            if count > max_entries:
                raise InputTooLarge(f"holds more than {max_entries:,} entries")
            if entry.name == METADATA_NAME or Path(entry.name).suffix.lower() in DOCUMENT_SUFFIXES:
                names.append(entry.name)
    found = {name: _read_by(folder / name, base) for name in names}
    if found.get(METADATA_NAME, "") is None:
        if (folder / METADATA_NAME).stat().st_size > MAX_METADATA_BYTES:
            raise InputTooLarge(f"its {METADATA_NAME} is larger than {MAX_METADATA_BYTES:,} bytes")
        listed = _listed_files(folder / METADATA_NAME)
        if len(listed) > max_entries:
            raise InputTooLarge(f"its {METADATA_NAME} lists more than {max_entries:,} files")
        for entry in listed:
            relative = Path(entry)
            if entry and entry not in found and not relative.is_absolute() and ".." not in relative.parts:
                try:
                    exists = (folder / relative).exists()
                except (OSError, ValueError):
                    exists = False
                if exists:
                    found[relative.as_posix()] = _read_by(folder / relative, base)
    return {name: found[name] for name in sorted(found) if found[name] != "not a regular file"}


def input_digests(
    path: str | os.PathLike[str], *, max_entries: int = MAX_INPUT_ENTRIES, max_bytes: int = MAX_INPUT_BYTES
) -> list[tuple[str, str]]:
    """(name, SHA-256) of what a report reads from an input: a file, or a corpus folder's files
    (:func:`corpus_files`); an entry not read is given by the text standing for it.

    Sizes are added up before anything is hashed, so a folder over a limit is refused at once.

    Raises:
        InputTooLarge: more than ``max_entries`` entries or ``max_bytes`` bytes.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_bytes(b"x"); _ = (folder / "b.txt").write_bytes(b"y")
        >>> [(name, digest[:12]) for name, digest in input_digests(folder)]
        [('a.txt', '2d711642b726'), ('b.txt', 'a1fce4363854')]
        >>> input_digests(folder, max_entries=1)
        Traceback (most recent call last):
        ...
        dangjian.running.freshness.InputTooLarge: holds more than 1 entries
    """
    path = Path(path)
    if path.is_dir():
        entries = corpus_files(path, max_entries=max_entries)
    elif path.is_file():
        entries = {path.name: None}
        path = path.parent
    else:
        return [(path.name, "not a regular file")]
    total = 0
    for name, stand_in in entries.items():
        if stand_in is None:
            total += (path / name).stat().st_size
            if total > max_bytes:
                raise InputTooLarge(f"holds more than {max_bytes:,} bytes to fingerprint")
    return [(name, file_digest(path / name) if stand_in is None else stand_in) for name, stand_in in entries.items()]


def _is_output(path: Path, project_root: Path) -> bool:
    return is_output(path, project_root)


def _display(path: Path, root: Path) -> str:
    """``path`` relative to the project root when inside it, else absolute."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _exists(path: Path) -> bool:
    """``path.exists()``, False for a text that cannot be a path (too long, a zero byte)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def input_parameters(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[tuple[str, Path]]:
    """(parameter, path) of the existing files and folders the report reads: the values of its
    parameters of a role in :data:`dangjian.project.layout.READ_ROLES` (the parameter file's, else the
    notebook's default). A parameter without such a role is never an input, whatever it names.

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp()); (root / "raw").mkdir(); (root / "region").mkdir()
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = ""  # role: corpus\\ntaxonomy = ""  # role: input\\ngroup = "x"',
        ...                                        metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> spec = ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), {"corpus_dir": "raw", "group": "region"})
        >>> [(key, path.name) for key, path in input_parameters(spec, root)]
        [('corpus_dir', 'raw')]
    """
    root = Path(project_root)
    found = []
    for key in role_parameters(spec, root, *READ_ROLES):
        value = parameter_value(spec, root, key)
        if isinstance(value, str) and value and _exists(root / value):
            found.append((key, root / value))
    return found


def input_paths(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[Path]:
    """Existing files and folders named by the report's parameter values, outputs excepted."""
    return [path for _, path in input_parameters(spec, project_root)]


def library_digest() -> str:
    """Digest of every source and data file of the installed ``dangjian`` package."""
    package = Path(str(resources.files("dangjian"))).resolve()
    return make_key(
        (path.relative_to(package).as_posix(), file_digest(path))
        for path in sorted(package.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    )


def inputs_fingerprint(
    spec: ReportSpec,
    project_root: str | os.PathLike[str],
    *,
    max_entries: int = MAX_INPUT_ENTRIES,
    max_bytes: int = MAX_INPUT_BYTES,
) -> str:
    """One key for everything that determines a report.

    Raises:
        ParameterError: a parameter names a folder or file over the limits of :func:`input_digests`;
            the message names the parameter file, the parameter and the folder.
    """
    root = Path(project_root)
    inputs = []
    for key, path in input_parameters(spec, root):
        try:
            inputs.append((_display(path, root), input_digests(path, max_entries=max_entries, max_bytes=max_bytes)))
        except InputTooLarge as exc:
            raise ParameterError(
                f"{spec.source}: parameter {key!r} names {shown(_display(path, root), 200)}, which {exc}; "
                "a report's inputs are fingerprinted before it runs: name the corpus folder (documents and "
                f"{METADATA_NAME}) or the input file"
            ) from None
    return make_key(
        [
            file_digest(root / spec.notebook),
            file_digest(spec.source) if Path(spec.source).is_file() else "",
            json.dumps(spec.parameters, sort_keys=True, ensure_ascii=False, default=str),
            library_digest(),
            inputs,
        ]
    )


def _read_record(spec: ReportSpec, project_root: str | os.PathLike[str]) -> dict[str, Any]:
    """The report's record, or an empty one if there is none or it cannot be read."""
    try:
        state = json.loads(spec.layout(project_root).record(spec.name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def recorded_outputs(spec: ReportSpec, project_root: str | os.PathLike[str]) -> dict[str, str]:
    """The files the report wrote when it last ran, as recorded: shown path -> SHA-256.

    Example:
        >>> import tempfile
        >>> recorded_outputs(ReportSpec("a", Path("a.yaml"), Path("n.ipynb")), tempfile.mkdtemp())
        {}
    """
    outputs = _read_record(spec, project_root).get("outputs")
    if not isinstance(outputs, dict):
        return {}
    return {str(name): str(digest) for name, digest in outputs.items()}


def _digests(paths: Iterable[Path], root: Path) -> dict[str, str]:
    return {_display(path, root): file_digest(path) for path in sorted(set(paths)) if path.is_file()}


def record_outputs(
    spec: ReportSpec, project_root: str | os.PathLike[str], fingerprint: str | None, outputs: Iterable[Path]
) -> Path:
    """Record the fingerprint a report was made from and the digests of the files it wrote
    (a fingerprint None records the files of a failed run: the report is then never up to date)."""
    root = Path(project_root)
    state: dict[str, Any] = {
        "inputs": fingerprint,
        "outputs": _digests(outputs, root),
        "parameter_file": _display(Path(spec.source), root),
    }
    target = spec.layout(root).record(spec.name)
    write_text_atomic(target, json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return target


def is_up_to_date(spec: ReportSpec, project_root: str | os.PathLike[str], fingerprint: str) -> bool:
    """True when the report was last made from ``fingerprint`` and its outputs are unchanged."""
    root = Path(project_root)
    state = _read_record(spec, root)
    if state.get("inputs") != fingerprint or not state.get("outputs"):
        return False
    for shown, digest in state["outputs"].items():
        path = root / shown  # an absolute path stays absolute
        if not path.is_file() or file_digest(path) != digest:
            return False
    return True


def forget(spec: ReportSpec, project_root: str | os.PathLike[str], written: Iterable[Path] = ()) -> None:
    """After a failure: drop the report's fingerprint, so that the next run executes it, but keep
    the files it wrote before and those the failed run ``written``, so that the next successful run
    can remove the ones it no longer writes."""
    root = Path(project_root)
    outputs = {**recorded_outputs(spec, root), **_digests(written, root)}
    record = spec.layout(root).record(spec.name)
    if outputs:
        state = {"inputs": None, "outputs": outputs, "parameter_file": _display(Path(spec.source), root)}
        write_text_atomic(record, json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        record.unlink(missing_ok=True)


def recorded_parameter_file(spec: ReportSpec, project_root: str | os.PathLike[str]) -> str | None:
    """The parameter file the report was last made from, as recorded (None for older records)."""
    value = _read_record(spec, project_root).get("parameter_file")
    return value if isinstance(value, str) else None


def recorded_reports(layout: RunLayout) -> list[str]:
    """Names of the reports a run has a record of (reports it made, or tried to make).

    Example:
        >>> import tempfile
        >>> recorded_reports(RunLayout(Path(tempfile.mkdtemp())))
        []
    """
    if not layout.state.is_dir():
        return []
    return sorted(p.stem for p in layout.state.glob("*.json") if not p.name.startswith(".") and p.is_file())


def stale_outputs(
    spec: ReportSpec,
    project_root: str | os.PathLike[str],
    before: dict[str, str],
    written: Iterable[Path],
    others: Iterable[str] = (),
) -> list[Path]:
    """Files the report wrote before (``before``: :func:`recorded_outputs`) that it did not write
    now, that no other report of the run claims (``others``: their recorded reports' names) and that
    lie in the run's own output folders: what the run no longer produces.

    Example:
        >>> import tempfile
        >>> root = Path(tempfile.mkdtemp()); (root / "figures").mkdir()
        >>> for name in ("old.png", "kept.png", "other.png"):
        ...     _ = (root / "figures" / name).write_bytes(b"x")
        >>> spec = ReportSpec("a", Path("a.yaml"), Path("n.ipynb"))
        >>> before = {"figures/old.png": "d", "figures/kept.png": "d", "figures/other.png": "d", "data/raw/x.txt": "d"}
        >>> _ = record_outputs(ReportSpec("b", Path("b.yaml"), Path("n.ipynb")), root, "f", [root / "figures/other.png"])
        >>> [p.name for p in stale_outputs(spec, root, before, [root / "figures/kept.png"], others=["b"])]
        ['old.png']
    """
    root = Path(project_root)
    layout = spec.layout(root)
    now = {_display(path, root) for path in written}
    claimed: set[str] = set()
    for other in others:
        if other != spec.name:
            claimed |= set(recorded_outputs(dataclasses.replace(spec, name=other), root))
    stale = []
    for shown_path in sorted(before):
        if shown_path in now or shown_path in claimed:
            continue
        path = root / shown_path
        if layout.owns(path) and (path.is_file() or path.is_symlink()):
            stale.append(path)
    return stale


def remove_files(paths: Iterable[Path], layout: RunLayout) -> list[Path]:
    """Delete ``paths`` (files in the run's output folders only) and the folders they leave empty,
    up to the output folders themselves; return what was deleted."""
    removed = []
    tops = {Path(os.path.abspath(folder)) for folder in layout.output_folders}
    for path in paths:
        if not layout.owns(path):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
        folder = Path(os.path.abspath(path.parent))
        while folder not in tops and layout.owns(folder):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    return removed


@dataclasses.dataclass(frozen=True)
class Changes:
    """How a report's files differ from its last run: new, changed, unchanged and removed files.

    Example:
        >>> str(Changes(new=3)), str(Changes(changed=2, unchanged=5, removed=1)), str(Changes(unchanged=4)), str(Changes())
        ('3 new', '2 changed, 1 removed', 'unchanged', 'none')
    """

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        parts = [f"{count} {what}" for count, what in ((self.new, "new"), (self.changed, "changed"), (self.removed, "removed")) if count]
        return ", ".join(parts) if parts else "unchanged" if self.unchanged else "none"


def changes(before: dict[str, str], after: dict[str, str], removed: int = 0, ignore: Iterable[str] = ()) -> Changes:
    """Compare two records' outputs (shown path -> digest), leaving out ``ignore`` (the executed
    notebook and its page, which carry timestamps).

    Example:
        >>> changes({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"})
        Changes(new=1, changed=1, unchanged=1, removed=0)
    """
    skip = set(ignore)
    new = changed = unchanged = 0
    for name, digest in after.items():
        if name in skip:
            continue
        if name not in before:
            new += 1
        elif before[name] != digest:
            changed += 1
        else:
            unchanged += 1
    return Changes(new, changed, unchanged, removed)


def output_folders(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[Path]:
    """Folders a report writes to: its figure folders and the values of its parameters of a role in
    :data:`dangjian.project.layout.OUTPUT_ROLES` (as the notebook declares them) that lie inside the folders
    runs write (:data:`dangjian.project.layout.OUTPUT_FOLDERS`), the run's cache excepted.

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('where = "data/processed/x"  # role: output\\nspill_dir = "data/processed/y"',
        ...                                        metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> [p.relative_to(root).as_posix() for p in output_folders(ReportSpec("a", Path("a.yaml"), Path("n.ipynb")), root)]
        ['figures', 'data/processed/x']
    """
    from dangjian.running import share

    root = Path(project_root)
    layout = spec.layout(root)
    folders = list(share.figure_folders(spec, root))
    for key in role_parameters(spec, root, *OUTPUT_ROLES):
        value = parameter_value(spec, root, key)
        if not (isinstance(value, str) and value and _is_output(root / value, root)):
            continue
        path = Path(os.path.abspath(root / value))
        if not path.is_relative_to(layout.cache):
            folders.append(path)
    return list(dict.fromkeys(folders))


def _is_plain_file(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".")
