"""Where the outputs of a run live: the one place that knows the output folders.

A *run* is every notebook × parameter set over one corpus. Two kinds exist:

- **the project's run**, ``dangjian run``: the parameter sets as written (the demo corpus
  ``data/raw``). Its outputs are where the parameter files say, by default ``data/processed/``
  (tables, clean texts, the cache), ``figures/`` and ``reports/`` (executed notebooks, HTML pages,
  the index, the manifest, the run's state and log).
- **a named run**, ``dangjian run --corpus DIR [--name NAME]``: the same parameter sets with the
  corpus replaced by ``DIR``, named after the folder unless a name is given. Every output of the
  run lies under ``runs/<NAME>/``, at the same relative paths as in the project's run:
  ``runs/<NAME>/data/processed/``, ``runs/<NAME>/figures/``, ``runs/<NAME>/reports/``. Nothing it
  does touches another run's folder.

:class:`RunLayout` gives every path of a run; :meth:`RunLayout.rebase` moves an output path of the
parameter files into a named run's folder. :func:`find_project_root` finds the project a folder is
in; :func:`name_part_problem` says why a name (a run's, a report's, a figure prefix) cannot be part of
a file name.

Example:
    >>> layout = RunLayout(Path("/proj"), "mine")
    >>> [p.relative_to("/proj").as_posix() for p in (layout.processed, layout.figures, layout.reports, layout.cache)]
    ['runs/mine/data/processed', 'runs/mine/figures', 'runs/mine/reports', 'runs/mine/data/processed/cache']
    >>> layout.tables.relative_to("/proj").as_posix()
    'runs/mine/data/processed/tables'
    >>> layout.rebase("data/processed/corpus"), RunLayout(Path("/proj")).rebase("data/processed/corpus")
    ('runs/mine/data/processed/corpus', 'data/processed/corpus')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

#: Longest name that becomes part of a file name, in UTF-8 bytes (``<name>.failed.ipynb`` and the
#: temporary file written beside it stay far below the 255-byte limit file systems set on a name).
MAX_NAME_BYTES = 100
#: What a name that becomes part of a file name may hold.
_SAFE_NAME = re.compile(r"[\w.-]+")
#: Folder of the named runs, under the project root.
RUNS_FOLDER = "runs"
#: The output folders of a run, relative to its base (the project root, or ``runs/<name>/``).
PROCESSED = "data/processed"
FIGURES = "figures"
REPORTS = "reports"
CACHE = "data/processed/cache"
TABLES = "data/processed/tables"
#: Inside the reports folder: what ``dangjian run`` keeps about the run (hidden from the index).
STATE = ".state"
LOG_NAME = "run.log"
MANIFEST_NAME = "manifest.json"
INDEX_NAME = "index.html"
RUN_RECORD_NAME = ".run.json"  # a report name never starts with "."
#: Folders of a project whose content is written by runs: a run watches an output folder parameter
#: (:data:`OUTPUT_ROLES`) for the files a report wrote only inside them.
OUTPUT_FOLDERS = (PROCESSED, FIGURES, REPORTS, RUNS_FOLDER)
#: What a parameter of the notebooks is to a run, declared by the notebook itself: a comment
#: ``# role: <role>`` on the parameter's line of its ``parameters`` cell (read by
#: :func:`dangjian.project.params.parse_parameters_source`). A parameter without one is a plain value, whatever
#: its name.
PARAMETER_ROLES = {
    "corpus": "the corpus folder the report reads (documents and metadata.csv); a run on another corpus replaces it",
    "input": "a file or folder the report reads (e.g. a taxonomy); fingerprinted with the corpus",
    "tables": "the corpus tables the report reads, written before the notebooks by the process step",
    "cache": "the run's cache of per-document results and model sweeps",
    "output": "a folder the report writes",
    "figures": "the folder the report writes its figures to",
    "figure_prefix": "the start of the file names of the report's figures",
    "column": "a column of the corpus's document table the report groups by (region, level, year or any column of metadata.csv)",
}
#: Roles a notebook gives to at most one parameter.
SINGLE_ROLES = ("corpus", "tables", "cache", "figures", "figure_prefix")
#: Roles of the folders a report writes its outputs to (watched for the files it wrote).
OUTPUT_ROLES = ("output", "figures")
#: Roles of the folders a run writes: a named run moves them under ``runs/<name>/``, and a parameter
#: file may not point them outside the run's folder or into the corpus.
WRITTEN_ROLES = ("output", "figures", "tables", "cache")
#: Roles of the files and folders a report reads: their content is part of its fingerprint (the
#: tables and the cache are made from the corpus, so the corpus stands for them).
READ_ROLES = ("corpus", "input")


@dataclass(frozen=True)
class RunLayout:
    """Every path of one run: ``name`` None is the project's run, else the run ``runs/<name>/``.

    Example:
        >>> layout = RunLayout(Path("/proj"))
        >>> layout.report("00_corpus").as_posix(), layout.log.as_posix()
        ('/proj/reports/00_corpus.ipynb', '/proj/reports/run.log')
        >>> RunLayout(Path("/proj"), "mine").record("00_corpus").as_posix()
        '/proj/runs/mine/reports/.state/00_corpus.json'
        >>> RunLayout(Path("/proj"), "../x")
        Traceback (most recent call last):
        ...
        ValueError: run name '../x': starts with '.' (a run is the folder runs/<name>/)
    """

    root: Path
    name: str | None = None

    def __post_init__(self) -> None:
        if self.name is not None and run_name_problem(self.name):
            raise ValueError(f"run name {self.name!r}: {run_name_problem(self.name)} (a run is the folder runs/<name>/)")

    @property
    def base(self) -> Path:
        """The folder the run's outputs are under: the project root, or ``runs/<name>/``."""
        return Path(self.root) if self.name is None else Path(self.root) / RUNS_FOLDER / self.name

    @property
    def processed(self) -> Path:
        """Tables and clean texts: ``data/processed/``."""
        return self.base / PROCESSED

    @property
    def tables(self) -> Path:
        """The corpus tables the process step writes and the notebooks read: ``data/processed/tables/``."""
        return self.base / TABLES

    @property
    def figures(self) -> Path:
        """Figures (PNG, SVG): ``figures/``."""
        return self.base / FIGURES

    @property
    def reports(self) -> Path:
        """Executed notebooks, HTML pages, index, manifest: ``reports/``."""
        return self.base / REPORTS

    @property
    def cache(self) -> Path:
        """The cache of per-document results and model sweeps: ``data/processed/cache/``."""
        return self.base / CACHE

    @property
    def state(self) -> Path:
        """What the run records about its reports (fingerprints, output digests) and its lock."""
        return self.reports / STATE

    @property
    def lock(self) -> Path:
        return self.state / "run.lock"

    @property
    def run_record(self) -> Path:
        """Which corpus a named run was made from (a name is never reused for another corpus)."""
        return self.state / RUN_RECORD_NAME

    @property
    def log(self) -> Path:
        """Everything the notebooks and their kernels print: ``reports/run.log``."""
        return self.reports / LOG_NAME

    @property
    def manifest(self) -> Path:
        return self.reports / MANIFEST_NAME

    @property
    def index(self) -> Path:
        return self.reports / INDEX_NAME

    @property
    def output_folders(self) -> tuple[Path, Path, Path]:
        """The run's own output folders; a run writes, and removes, files only inside them."""
        return (self.processed, self.figures, self.reports)

    @property
    def label(self) -> str:
        """How the run is called in messages: ``run 'mine'`` or ``the project's run``.

        Example:
            >>> RunLayout(Path("/p"), "mine").label, RunLayout(Path("/p")).label
            ("run 'mine'", "the project's run")
        """
        return "the project's run" if self.name is None else f"run {self.name!r}"

    def report(self, report_name: str) -> Path:
        """The executed notebook of a report: ``reports/<report>.ipynb``."""
        return self.reports / f"{report_name}.ipynb"

    def page(self, report_name: str) -> Path:
        """The HTML page of a report: ``reports/<report>.html``."""
        return self.reports / f"{report_name}.html"

    def failed(self, report_name: str) -> Path:
        """A failed execution, kept with its traceback: ``reports/<report>.failed.ipynb``."""
        return self.reports / f"{report_name}.failed.ipynb"

    def record(self, report_name: str) -> Path:
        """The state of a report (inputs fingerprint, output digests): ``reports/.state/<report>.json``."""
        return self.state / f"{report_name}.json"

    def shown(self, path: str | os.PathLike[str]) -> str:
        """``path`` relative to the project root when inside it (POSIX form), else absolute.

        Example:
            >>> RunLayout(Path("/proj"), "mine").shown("/proj/runs/mine/figures")
            'runs/mine/figures'
        """
        absolute = Path(os.path.abspath(Path(self.root) / path))
        try:
            return absolute.relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return absolute.as_posix()

    def owns(self, path: str | os.PathLike[str]) -> bool:
        """True if ``path`` lies in one of the run's output folders (the cache excepted): a file the
        run may replace or remove. The project's run never owns anything under ``runs/``.

        Example:
            >>> layout = RunLayout(Path("/proj"))
            >>> layout.owns("/proj/figures/a.png"), layout.owns("/proj/runs/x/figures/a.png"), layout.owns("/proj/data/raw/a.txt")
            (True, False, False)
            >>> layout.owns("/proj/data/processed/cache/x.json")
            False
        """
        absolute = Path(os.path.abspath(Path(self.root) / path))
        if absolute.is_relative_to(os.path.abspath(self.cache)):
            return False
        return any(absolute.is_relative_to(os.path.abspath(folder)) for folder in self.output_folders)

    def rebase(self, value: str) -> str:
        """An output path of a parameter file, moved into this run's folder.

        The project's run keeps it; a named run puts it under ``runs/<name>/`` at the same relative
        path (a path outside the project is left as it is: the runner refuses it anyway).

        Example:
            >>> RunLayout(Path("/proj"), "mine").rebase("figures"), RunLayout(Path("/proj"), "mine").rebase("/proj/out")
            ('runs/mine/figures', 'runs/mine/out')
        """
        if self.name is None:
            return value
        root = Path(os.path.abspath(self.root))
        absolute = Path(os.path.abspath(root / value))
        if not absolute.is_relative_to(root):
            return value
        relative = absolute.relative_to(root)
        if relative.parts[:2] == (RUNS_FOLDER, self.name):
            return relative.as_posix()
        return (Path(RUNS_FOLDER) / self.name / relative).as_posix()


def find_project_root(start: str | os.PathLike[str] | None = None) -> Path:
    """Return the nearest folder at or above ``start`` (default: cwd) holding ``pyproject.toml``.

    Falls back to ``start`` itself when no such folder exists.

    Example:
        >>> import tempfile, pathlib
        >>> root = pathlib.Path(tempfile.mkdtemp()).resolve()
        >>> _ = (root / "pyproject.toml").write_text("")
        >>> (root / "notebooks").mkdir()
        >>> find_project_root(root / "notebooks") == root
        True
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return here


def default_run_name(corpus_dir: str | os.PathLike[str]) -> str:
    """The name of a run on ``corpus_dir`` when none is given: the folder's own name.

    Example:
        >>> default_run_name("/home/me/reports-2024/"), default_run_name("data/raw")
        ('reports-2024', 'raw')
    """
    return Path(os.path.abspath(corpus_dir)).name


def safe_run_name(name: str) -> str:
    """``name`` made a plain run name: characters a run name may not hold become ``_``, leading dots
    and hyphens go, at most 100 bytes; ``corpus`` when nothing is left.

    Example:
        >>> safe_run_name("党建（县级）"), safe_run_name(".hidden data"), safe_run_name("...")
        ('党建_县级_', 'hidden_data', 'corpus')
    """
    plain = re.sub(r"[^\w.-]+", "_", name).lstrip(".-")
    while len(plain.encode("utf-8")) > 100:
        plain = plain[:-1]
    return plain if plain and not run_name_problem(plain) else "corpus"


def name_part_problem(name: str) -> str:
    """Why ``name`` cannot be part of a file name (``""`` when it can): at most
    :data:`MAX_NAME_BYTES` bytes in UTF-8 of letters (Chinese included), digits, ``_``, ``-`` and
    ``.``, not starting with ``.`` or ``-``.

    Example:
        >>> name_part_problem("keywords_县级"), name_part_problem("../figures")
        ('', "starts with '.'")
        >>> name_part_problem("报告" * 20), name_part_problem("a b")
        ('is 120 bytes in UTF-8; at most 100 are allowed', "holds characters other than letters, digits, '_', '-' and '.'")
    """
    size = len(name.encode("utf-8", "surrogatepass"))
    if size > MAX_NAME_BYTES:
        return f"is {size} bytes in UTF-8; at most {MAX_NAME_BYTES} are allowed"
    if name[:1] in {".", "-"}:
        return f"starts with {name[0]!r}"
    if not _SAFE_NAME.fullmatch(name):
        return "holds characters other than letters, digits, '_', '-' and '.'"
    return ""


def run_name_problem(name: str) -> str:
    """Why ``name`` cannot name a run (``""`` when it can): it names the folder ``runs/<name>/``,
    so it is a plain name (letters, Chinese included, digits, ``_``, ``-``, ``.``).

    Example:
        >>> run_name_problem("县级-2024"), run_name_problem("../x")
        ('', "starts with '.'")
    """
    if not name:
        return "is empty"
    return name_part_problem(name)


def is_output(path: str | os.PathLike[str], project_root: str | os.PathLike[str]) -> bool:
    """True if ``path`` lies in a folder where runs write (:data:`OUTPUT_FOLDERS`) of the project.

    Example:
        >>> is_output("/proj/runs/mine/figures", "/proj"), is_output("/proj/data/raw", "/proj")
        (True, False)
    """
    root = Path(project_root)
    try:
        relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return False
    return any(relative == folder or relative.startswith(folder + "/") for folder in OUTPUT_FOLDERS)
