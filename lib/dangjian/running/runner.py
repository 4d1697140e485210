"""Run the parameterized notebooks with papermill: what ``dangjian run`` does (its command line is
:mod:`dangjian.cli.run`).

Every parameter file ``parameters/<name>.yaml`` is validated against its notebook first (see
``dangjian.project.params``); only if all are valid are the notebooks executed, one after another, in the
project's ``dangjian`` kernel with the project root as working directory.

A run is every selected parameter set over one corpus, and its outputs have one home
(:mod:`dangjian.project.layout`): ``dangjian run`` is the project's run, with the parameter sets as written
(outputs in ``data/processed/``, ``figures/``, ``reports/``); ``dangjian run --corpus DIR [--name NAME]``
runs the same parameter sets on ``DIR`` as the run ``NAME`` (default: the folder's name), every output
folder moved under ``runs/NAME/``. A name belongs to one corpus; reports of one run that read
different corpora may not write the same files.

Each executed notebook is written to a temporary file and renamed onto ``reports/<name>.ipynb`` when it
succeeds, so a failed run never replaces an earlier good report; the failed notebook (with its
traceback) is kept as ``reports/<name>.failed.ipynb``. A failure does not stop the remaining notebooks.
Each successful report is also rendered to ``reports/<name>.html`` and the figures it wrote are
recorded in ``reports/manifest.json``; files a report wrote before and no longer writes are removed
(from its run's folders only), and so are the outputs of reports whose parameter file is gone when
the whole set runs. The run ends by rebuilding ``reports/index.html`` (see ``dangjian.running.share``).

What the console shows: one line naming the run, its corpus and how many documents are analysed;
a progress bar per report while it runs (tqdm, through papermill) replaced by one line when it ends;
then a summary table (what ran, what was reused, how each report's files changed since the last
run), the documents with warnings or skipped, and where the outputs are. The notebooks' output,
papermill's messages and the kernels' own messages go to ``reports/run.log``. An expected problem
(a bad parameter file or input, a file that cannot be read or written, the run lock) ends the command
with one line naming the file and exit code 2; what it prints from files and notebooks is shown with
control characters escaped (``dangjian.project.io.printable``). Nothing here prints: :func:`execute_run`
hands each progress line to a reporter as it happens and returns a :class:`RunSummary`
(:func:`summary_lines`), and :mod:`dangjian.cli.run` prints them.

Example:
    >>> print(format_summary([RunResult("00_corpus", Path("notebooks/00_corpus.ipynb"), "ok", 4.2,
    ...                                 Path("reports/00_corpus.ipynb"), changes=Changes(new=8))]))
    report     notebook                   status  seconds  output                   files
    00_corpus  notebooks/00_corpus.ipynb  ok          4.2  reports/00_corpus.ipynb  8 new
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import math
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dangjian.project.io import UnsafePathError, atomic_path, printable, write_text_atomic
from dangjian.project.layout import WRITTEN_ROLES, RunLayout, default_run_name, run_name_problem
from dangjian.project.params import (
    ParameterError,
    ReportSpec,
    corpus_folders,
    load_report_specs,
    output_folder_problems,
    parameter_roles,
    parameter_value,
    role_parameters,
    role_value,
    shown,
)
from dangjian.project.schema import describing_columns
from dangjian.running import freshness, share
from dangjian.running.freshness import Changes
from dangjian.running.runlock import exclusive_run
from dangjian.running.status import format_status
from dangjian.running.tables import CorpusTables, check_run_corpus, process_tables, run_corpus

KERNEL_NAME = "dangjian"
KERNEL_DISPLAY_NAME = "Python (dangjian)"
#: The environment of the project's kernel. Arrow (behind pandas's text columns and the Parquet
#: tables) allocates with the system allocator, which hands freed memory back, instead of mimalloc,
#: which keeps it for reuse: on the indicator report of a 100 MB corpus the kernel held about
#: 0.25 GB less.
KERNEL_ENV = {"ARROW_DEFAULT_MEMORY_POOL": "system"}
#: Seconds a cell of a report may run, on any corpus ...
DEFAULT_TIMEOUT = 600.0
#: ... and, unless a timeout is given, this many seconds per megabyte of the corpus when that is
#: longer: the slowest cells (the topic model's final fit on all units, the indicator comparison and
#: its exports) grow with the corpus. On a 100 MB generated corpus with the two cores shared by other
#: work, the online LDA fit on all units ran past 600 s; on an idle machine the whole LDA report took
#: 359 s. The timeout is a guard against a kernel that hangs, not a budget.
TIMEOUT_SECONDS_PER_MB = 12.0
#: Seconds a notebook's kernel has to start and answer (papermill's default is 60; a loaded two-core
#: machine starting the kernel's imports can take longer, and a slow start is no failure of the report).
KERNEL_START_TIMEOUT = 300
UP_TO_DATE = "up to date"


@dataclass(frozen=True)
class RunResult:
    """Outcome of one report: status is ``'ok'``, ``'up to date'`` (reused) or ``'failed'``;
    ``error`` says why it failed."""

    name: str
    notebook: Path
    status: str
    seconds: float
    output: Path | None
    error: str | None = None
    #: How the report's files differ from its last run (reports that ran without failing).
    changes: Changes | None = None


# --------------------------------------------------------------------------- selection


def _selector_key(token: str) -> str:
    name = Path(token).name
    for suffix in (".ipynb", ".py", ".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _named_by(token: str, specs: Sequence[ReportSpec]) -> list[ReportSpec]:
    """The reports one ``--only`` token names: a notebook file (``03_indicators.ipynb``) names every
    report of that notebook; a bare name, the report of that name if there is one (a parameter set is
    often named after its notebook), else every report of the notebook of that name."""
    key = _selector_key(token)
    if Path(token).name.endswith((".ipynb", ".py")):
        return [s for s in specs if s.notebook.stem == key]
    return [s for s in specs if s.name == key] or [s for s in specs if s.notebook.stem == key]


def select_reports(specs: Sequence[ReportSpec], only: Sequence[str] | None) -> list[ReportSpec]:
    """Keep the reports named by ``only`` (report names or notebook names/paths, see
    :func:`_named_by`); all if empty.

    Raises ParameterError for a name that matches nothing, listing what is available.

    Example:
        >>> specs = [ReportSpec("kw_county", Path("p/kw_county.yaml"), Path("notebooks/01_keywords.ipynb")),
        ...          ReportSpec("01_keywords", Path("p/01_keywords.yaml"), Path("notebooks/01_keywords.ipynb")),
        ...          ReportSpec("corpus", Path("p/corpus.yaml"), Path("notebooks/00_corpus.ipynb"))]
        >>> [s.name for s in select_reports(specs, ["01_keywords.ipynb"])], [s.name for s in select_reports(specs, ["01_keywords"])]
        (['kw_county', '01_keywords'], ['01_keywords'])
        >>> [s.name for s in select_reports(specs, ["00_corpus"])]
        ['corpus']
    """
    if not only:
        return list(specs)
    named = {token: _named_by(token, specs) for token in only}
    unmatched = [token for token in only if not named[token]]
    if unmatched:
        available = ", ".join(sorted({s.name for s in specs} | {s.notebook.stem for s in specs})) or "(none)"
        raise ParameterError(f"--only {' '.join(unmatched)}: no such report or notebook; available: {available}")
    chosen = {id(s) for reports in named.values() for s in reports}
    return [s for s in specs if id(s) in chosen]


#: Where the parameter sets of the project live (what a run without --params runs).
PARAMETERS_FOLDER = "parameters"


# --------------------------------------------------------------------------- kernel


def ensure_kernel(name: str = KERNEL_NAME, display_name: str = KERNEL_DISPLAY_NAME) -> Path:
    """Make sure the Jupyter kernel ``name`` exists, with the environment :data:`KERNEL_ENV`;
    register this interpreter under it if not.

    The kernel is installed into ``sys.prefix`` (the project's virtual environment), so nothing is
    written to the user's global Jupyter folders. Returns the kernelspec folder.

    Example:
        >>> (ensure_kernel() / "kernel.json").is_file()
        True
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
        executable = spec.argv[0] if spec.argv else ""
        if executable in {"python", "python3"} or Path(executable).is_file():
            return _with_kernel_env(Path(spec.resource_dir))
    except NoSuchKernel:
        pass
    command = [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", name, "--display-name", display_name]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"could not register the Jupyter kernel {name!r}: {completed.stderr.strip()}")
    return _with_kernel_env(Path(KernelSpecManager().get_kernel_spec(name).resource_dir))


def _with_kernel_env(folder: Path) -> Path:
    """The kernelspec ``folder``, its ``kernel.json`` given the variables of :data:`KERNEL_ENV` it lacks."""
    path = folder / "kernel.json"
    spec = json.loads(path.read_text(encoding="utf-8"))
    env = spec.get("env") or {}
    if any(env.get(key) != value for key, value in KERNEL_ENV.items()):
        spec["env"] = {**env, **KERNEL_ENV}
        write_text_atomic(path, json.dumps(spec, indent=1) + "\n")
    return folder


# --------------------------------------------------------------------------- execution


def failed_output_path(spec: ReportSpec, project_root: str | os.PathLike[str]) -> Path:
    """Where a failed execution is kept: ``reports/<name>.failed.ipynb`` of the report's run.

    Example:
        >>> failed_output_path(ReportSpec("a", Path("a.yaml"), Path("n.ipynb")), "/p").as_posix()
        '/p/reports/a.failed.ipynb'
    """
    return spec.layout(project_root).failed(spec.name)


def _first_line(source: str | list[str]) -> str:
    text = "".join(source) if isinstance(source, list) else (source or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    return first if len(first) <= 80 else first[:77] + "..."


def last_started_cell(executed_notebook: str | os.PathLike[str]) -> tuple[int, str] | None:
    """Index and first source line of the cell papermill started last (the one that hung or died).

    Reads papermill's per-cell metadata (``status``, ``start_time``) from an executed notebook;
    returns None if the file is unreadable or no cell was started.

    Example:
        >>> import json, tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "r.ipynb"
        >>> cells = [{"source": "a = 1", "metadata": {"papermill": {"start_time": "t0", "status": "completed"}}},
        ...          {"source": "sleep(99)", "metadata": {"papermill": {"start_time": "t1", "status": "completed"}}},
        ...          {"source": "b = 2", "metadata": {"papermill": {"start_time": None, "status": "pending"}}}]
        >>> _ = path.write_text(json.dumps({"cells": cells}))
        >>> last_started_cell(path)
        (1, 'sleep(99)')
    """
    try:
        cells = json.loads(Path(executed_notebook).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    started = None
    for index, cell in enumerate(cells):
        meta = (cell.get("metadata") or {}).get("papermill") or {}
        if meta.get("status") == "failed":
            return index, _first_line(cell.get("source", ""))
        if meta.get("start_time"):
            started = (index, _first_line(cell.get("source", "")))
    return started


def describe_failure(spec: ReportSpec, exc: BaseException, executed_notebook: Path | None = None) -> str:
    """A one-paragraph explanation of why ``spec``'s notebook failed, naming the cell if known.

    For errors raised inside a cell papermill reports the cell; for a cell timeout or a dead
    kernel the cell is found in the partly executed notebook ``executed_notebook`` if given.

    Example:
        >>> from papermill.exceptions import PapermillExecutionError
        >>> err = PapermillExecutionError(3, 2, "x = 1 / 0", "ZeroDivisionError", "division by zero", [])
        >>> print(describe_failure(ReportSpec("a", Path("a.yaml"), Path("nb.ipynb")), err))
        nb.ipynb failed in cell 3 of the executed notebook (In [2]: x = 1 / 0): ZeroDivisionError: division by zero
    """
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return (
            f"{spec.notebook} failed in cell {exc.cell_index} of the executed notebook "
            f"(In [{exc.exec_count}]: {_first_line(exc.source)}): {exc.ename}: {exc.evalue}"
        )
    message = str(exc).strip().splitlines()
    reason = f"{type(exc).__name__}: {message[0] if message else ''}"
    cell = last_started_cell(executed_notebook) if executed_notebook is not None else None
    if cell is not None:
        return f"{spec.notebook} failed in cell {cell[0]} of the executed notebook ({cell[1]}): {reason}"
    return f"{spec.notebook} failed: {reason}"


class _PrintableFormatter(logging.Formatter):
    """Each line of a message with its control characters escaped (cell output may hold any)."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(printable(line) for line in super().format(record).split("\n"))


@contextlib.contextmanager
def _papermill_messages_to(log: TextIO | None) -> Iterator[None]:
    """Send papermill's messages and the cells' output (``log_output``) to ``log``, not the console."""
    logger = logging.getLogger("papermill")
    saved = (logger.level, logger.propagate)
    handler = None
    if log is not None:
        handler = logging.StreamHandler(log)
        handler.setFormatter(_PrintableFormatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        if handler is not None:
            logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _kernel_manager_writing_to(log: TextIO) -> type:
    """A kernel manager whose kernel process writes its own messages (start-up warnings, anything
    printed outside a cell) to ``log`` instead of the console."""
    from jupyter_client import AsyncKernelManager

    class LoggedKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:  # type: ignore[override]
            log.flush()
            kw.setdefault("stdout", log)
            kw.setdefault("stderr", log)
            await super()._async_launch_kernel(kernel_cmd, **kw)

    return LoggedKernelManager


def execute_report(
    spec: ReportSpec,
    project_root: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    kernel_name: str = KERNEL_NAME,
    progress_bar: bool | dict = True,
    log_output: bool = True,
    log: TextIO | None = None,
) -> RunResult:
    """Execute one report's notebook with papermill; never raises for a failing notebook.

    On success ``reports/<name>.ipynb`` (of the report's run) is replaced atomically; on failure it is
    left as it was and the failed notebook is kept as ``reports/<name>.failed.ipynb``. With ``log`` (an
    open file), papermill's messages, the cells' output and the kernel's own messages go there;
    ``progress_bar`` is papermill's tqdm bar (a dict: its options).

    Example:
        >>> # result = execute_report(load_report_spec("parameters/00_corpus.yaml", "."), ".")
        >>> # result.status -> 'ok'
    """
    import papermill

    root = Path(project_root)
    notebook_file = spec.notebook if spec.notebook.is_absolute() else root / spec.notebook
    target = spec.output_path(root)
    failed = failed_output_path(spec, root)
    started = time.monotonic()
    kept_failed = False
    engine_options = {} if log is None else {"kernel_manager_class": _kernel_manager_writing_to(log)}
    if log is not None:
        log.write(f"\n===== {spec.name}: {spec.notebook.as_posix()} with {printable(spec.layout(root).shown(spec.source))}\n")
        log.flush()
    try:
        with atomic_path(target) as tmp, _papermill_messages_to(log):
            try:
                with warnings.catch_warnings(record=log is not None) as caught:
                    # the temporary name ends in .tmp; papermill only warns about the suffix
                    warnings.filterwarnings("ignore", message=r"The specified file .* does not end in")
                    try:
                        papermill.execute_notebook(
                            str(notebook_file),
                            str(tmp),
                            parameters=dict(spec.parameters),
                            kernel_name=kernel_name,
                            language="python",
                            cwd=str(root),
                            execution_timeout=math.ceil(timeout),  # papermill takes whole seconds
                            start_timeout=KERNEL_START_TIMEOUT,
                            log_output=log_output,
                            progress_bar=progress_bar,
                            **engine_options,
                        )
                    finally:
                        for warning in caught or []:
                            log.write(f"warning: {printable(warnings.formatwarning(warning.message, warning.category, warning.filename, warning.lineno).strip())}\n")
            except Exception:
                if tmp.exists() and tmp.stat().st_size > 0:
                    os.replace(tmp, failed)
                    kept_failed = True
                raise
    except Exception as exc:  # any failure of this notebook is reported; the others still run
        error = describe_failure(spec, exc, failed if kept_failed else None) + (
            f"; failed notebook kept as {failed}" if kept_failed else ""
        )
        if log is not None:
            log.write(f"FAILED {spec.name}: {printable(error)}\n")
            log.flush()
        return RunResult(spec.name, spec.notebook, "failed", time.monotonic() - started, None, error)
    finally:
        if log is not None:
            log.flush()
    failed.unlink(missing_ok=True)
    return RunResult(spec.name, spec.notebook, "ok", time.monotonic() - started, target)


def _progress_options(spec: ReportSpec, position: int, total: int, stream: TextIO) -> dict:
    """papermill's tqdm bar for one report: named after it, gone when the report ends, shown only on
    a terminal (a log or a pipe gets the one line per report that follows it).

    Example:
        >>> spec = ReportSpec("00_corpus", Path("a.yaml"), Path("n.ipynb"))
        >>> options = _progress_options(spec, 1, 7, sys.stderr)
        >>> options["desc"], options["leave"], options["disable"]
        ('[1/7] 00_corpus', False, None)
    """
    return {
        "desc": f"[{position}/{total}] {spec.name}",
        "unit": "cell",
        "leave": False,
        "file": stream,
        "dynamic_ncols": True,
        "mininterval": 0.5,
        "disable": None,
    }


def run_reports(
    specs: Sequence[ReportSpec],
    project_root: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    kernel_name: str = KERNEL_NAME,
    progress: TextIO | None = None,
    on_result: Callable[[RunResult], None] | None = None,
    publish: bool = True,
    no_code: bool = False,
    force: bool = False,
    fingerprints: Sequence[str] | None = None,
    log: TextIO | None = None,
    documents: Callable[[ReportSpec], int | None] | None = None,
) -> list[RunResult]:
    """Execute every spec in order, continuing after failures; return one RunResult each.

    A report whose inputs (notebook, parameters, input files, library code) and outputs are unchanged
    since it was last made is not executed again (status ``'up to date'``) unless ``force``. Every
    report's inputs are fingerprinted before the first one runs (unless ``fingerprints`` are given),
    so an input over the limits of :func:`dangjian.running.freshness.inputs_fingerprint` stops the run
    (ParameterError) before anything is executed.

    After a report ran, the files it wrote before and no longer writes are removed from its run's
    output folders, and its result says how its files changed (:class:`dangjian.running.freshness.Changes`).
    With ``publish`` each successful report is rendered to HTML (without code cells if ``no_code``),
    stating the number of documents analysed (``documents(spec)``), and the figure files it wrote are
    recorded in the manifest (``dangjian.running.share.publish_report``). ``log`` receives the notebooks' output;
    ``progress`` is the stream of each report's tqdm bar (None: no bar).

    Example:
        >>> import tempfile
        >>> run_reports([], tempfile.mkdtemp())
        []
    """
    root = Path(project_root)
    results = []
    if fingerprints is None:
        fingerprints = [freshness.inputs_fingerprint(spec, root) for spec in specs]  # refuses bad inputs first
    for position, (spec, fingerprint) in enumerate(zip(specs, fingerprints), start=1):
        if not force and freshness.is_up_to_date(spec, root, fingerprint):
            result = RunResult(spec.name, spec.notebook, UP_TO_DATE, 0.0, spec.output_path(root))
            if on_result is not None:
                on_result(result)
            results.append(result)
            continue
        layout = spec.layout(root)
        previous = freshness.recorded_outputs(spec, root)
        watched = freshness.output_folders(spec, root)
        outputs_before = share.snapshot_files(watched, keep=freshness._is_plain_file)
        before = share.snapshot_files(share.figure_folders(spec, root)) if publish else None
        bar = _progress_options(spec, position, len(specs), progress) if progress is not None else False
        result = execute_report(spec, root, timeout=timeout, kernel_name=kernel_name, progress_bar=bar, log=log)
        if publish and result.status == "ok":
            try:
                count = documents(spec) if documents is not None else None
                share.publish_report(spec, root, before, no_code=no_code, documents=count)
            except Exception as exc:  # the executed notebook is kept; the run reports the failure
                result = dataclasses.replace(
                    result, status="failed", error=f"{spec.notebook} ran, but its HTML page could not be made: "
                    f"{type(exc).__name__}: {exc}"
                )
        written = share.written_files(outputs_before, share.snapshot_files(watched, keep=freshness._is_plain_file))
        if result.status == "ok":
            reports = [spec.output_path(root), share.html_path(spec.name, root, spec.run)]
            stale = freshness.stale_outputs(spec, root, previous, [*written, *reports], freshness.recorded_reports(layout))
            removed = freshness.remove_files(stale, layout)
            freshness.record_outputs(spec, root, fingerprint, [*written, *reports])
            change = freshness.changes(
                previous,
                freshness.recorded_outputs(spec, root),
                removed=len(removed),
                ignore=[layout.shown(path) for path in reports],
            )
            result = dataclasses.replace(result, changes=change)
        else:
            freshness.forget(spec, root, written)
        if on_result is not None:
            on_result(result)
        results.append(result)
    return results


def remove_dropped_reports(layout: RunLayout, keep: Iterable[str]) -> list[str]:
    """Remove what a run made for reports whose parameter file in ``parameters/`` is gone: the
    executed notebooks and pages, the files they wrote that no remaining report wrote too, their
    manifest entries and records. Reports made from parameter files elsewhere (``--params``) are
    kept. Only the run's own folders are touched. Returns the reports' names.

    Example:
        >>> import tempfile
        >>> remove_dropped_reports(RunLayout(Path(tempfile.mkdtemp())), ["00_corpus"])
        []
    """
    kept = set(keep)
    recorded = freshness.recorded_reports(layout)
    parameters = Path(os.path.abspath(layout.root / PARAMETERS_FOLDER))
    dropped = []
    for name in recorded:
        if name in kept:
            continue
        spec = ReportSpec(name, Path(f"{name}.yaml"), Path(f"{name}.ipynb"), run=layout.name)
        source = freshness.recorded_parameter_file(spec, layout.root)
        if source is None:
            continue
        source_path = Path(os.path.abspath(layout.root / source))
        if not source_path.is_relative_to(parameters) or source_path.exists():
            continue
        dropped.append(name)
        previous = freshness.recorded_outputs(spec, layout.root)
        stale = freshness.stale_outputs(spec, layout.root, previous, [], [other for other in recorded if other in kept])
        freshness.remove_files([*stale, layout.report(name), layout.page(name), layout.failed(name)], layout)
        try:
            share.remove_from_manifest(layout.root, name, layout.name)
        except ValueError:  # an unreadable manifest: the index reports it
            pass
        layout.record(name).unlink(missing_ok=True)
    return dropped


def _relative(path: Path | None, root: Path | None) -> str:
    if path is None:
        return "-"
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def format_summary(results: Sequence[RunResult], project_root: str | os.PathLike[str] | None = None) -> str:
    """Render results as an aligned text table: report, notebook, status, seconds, output, and how
    the report's files changed since the last run.

    Example:
        >>> print(format_summary([RunResult("a", Path("n.ipynb"), "failed", 1.0, None, "boom")]))
        report  notebook  status  seconds  output  files
        a       n.ipynb   failed      1.0  -       -
    """
    root = Path(project_root) if project_root is not None else None
    header = ("report", "notebook", "status", "seconds", "output", "files")

    def files(result: RunResult) -> str:
        if result.status == UP_TO_DATE:
            return "reused"
        return str(result.changes) if result.changes is not None else "-"

    rows = [
        (r.name, r.notebook.as_posix(), r.status, f"{r.seconds:.1f}", _relative(r.output, root), files(r))
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [cell.rjust(widths[i]) if i == 3 else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        return "  ".join(cells).rstrip()

    return "\n".join(line(row) for row in [header, *rows])


# --------------------------------------------------------------------------- named runs


def corpus_value(corpus: str | os.PathLike[str], project_root: str | os.PathLike[str]) -> str:
    """How a corpus folder given on the command line is passed to the notebooks: relative to the
    project root when inside it (the notebooks run there), else absolute.

    Example:
        >>> corpus_value("/proj/data/mine", "/proj"), corpus_value("/home/me/reports", "/proj")
        ('data/mine', '/home/me/reports')
    """
    return RunLayout(Path(project_root)).shown(corpus)


def named_run(
    specs: Sequence[ReportSpec], project_root: str | os.PathLike[str], corpus: str | os.PathLike[str], name: str | None = None
) -> tuple[list[ReportSpec], RunLayout]:
    """The parameter sets as the run ``name`` (default: the corpus folder's name) on ``corpus``: the
    parameter of role ``corpus`` replaced, and every folder the run writes (roles
    :data:`dangjian.project.layout.WRITTEN_ROLES`: output, figures, tables, cache), whether set by the
    parameter file or left at the notebook's default, moved under ``runs/<name>/``
    (:meth:`dangjian.project.layout.RunLayout.rebase`). Roles are the notebooks' declarations.

    Raises:
        ParameterError: the corpus is not a folder, or the name cannot name a folder.

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp()); (root / "notebooks").mkdir(); (root / "mine").mkdir()
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "data/raw"  # role: corpus\\nfigures_dir = "figures"  # role: figures\\n'
        ...             'cache_dir = "data/processed/cache"  # role: cache\\nspill_dir = "tmp"', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "notebooks" / "n.ipynb")
        >>> spec = ReportSpec("a", root / "a.yaml", Path("notebooks/n.ipynb"), {"corpus_dir": "data/raw"})
        >>> specs, layout = named_run([spec], root, root / "mine")
        >>> layout.name, specs[0].run, specs[0].parameters
        ('mine', 'mine', {'corpus_dir': 'mine', 'figures_dir': 'runs/mine/figures', 'cache_dir': 'runs/mine/data/processed/cache'})
    """
    root = Path(project_root)
    folder = Path(corpus) if Path(corpus).is_absolute() else Path.cwd() / corpus
    if not folder.is_dir():
        problem = "does not exist" if not folder.exists() else "is not a folder"
        raise ParameterError(f"--corpus {shown(str(corpus), 200)}: {problem}; give the folder of the documents and metadata.csv")
    name = name if name is not None else default_run_name(folder)
    problem = run_name_problem(name)
    if problem:
        raise ParameterError(
            f"the run is named {shown(name)} (its folder is runs/<name>/), and it {problem}; "
            "give a plain name with --name (letters, digits, '_', '-', '.')"
        )
    layout = RunLayout(root, name)
    value = corpus_value(folder, root)
    named = []
    for spec in specs:
        parameters = dict(spec.parameters)
        for key, role in parameter_roles(spec, root).items():
            if role == "corpus":
                parameters[key] = value
            elif role in WRITTEN_ROLES:
                current = parameter_value(spec, root, key)
                if isinstance(current, str) and current:
                    parameters[key] = layout.rebase(current)
        named.append(dataclasses.replace(spec, parameters=parameters, run=name))
    return named, layout


def shared_output_problems(specs: Sequence[ReportSpec], project_root: str | os.PathLike[str]) -> list[str]:
    """Reports of one run that read different corpora but would write the same files: the same
    output folder (a parameter of role ``output``), or figures with the same names (role
    ``figure_prefix``) in the same folder (role ``figures``). Each corpus belongs in a run of its own
    (``dangjian run --corpus DIR``).

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "data/raw"  # role: corpus\\nwhere = ""  # role: output',
        ...                                        metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> a = ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), {"corpus_dir": "data/raw", "where": "data/processed/x"})
        >>> b = ReportSpec("b", Path("b.yaml"), Path("n.ipynb"), {"corpus_dir": "mine", "where": "data/processed/x"})
        >>> print(shared_output_problems([a, b], root)[0])
        b.yaml and a.yaml read different corpora (mine, data/raw) but both write data/processed/x; run another corpus as a run of its own: dangjian run --corpus mine
    """
    root = Path(project_root)
    seen: dict[tuple, tuple[ReportSpec, str]] = {}
    problems = []
    for spec in specs:
        corpus = role_value(spec, root, "corpus")
        if not (isinstance(corpus, str) and corpus):
            continue
        corpus_key = os.path.abspath(root / corpus)
        targets: list[tuple[tuple, str]] = []
        for name in role_parameters(spec, root, "output"):
            output = parameter_value(spec, root, name)
            if isinstance(output, str) and output:
                targets.append((("dir", os.path.abspath(root / output)), spec.layout(root).shown(output)))
        figures = role_value(spec, root, "figures")
        if isinstance(figures, str) and figures:
            prefix = role_value(spec, root, "figure_prefix") or spec.notebook.stem
            targets.append(
                (("figures", os.path.abspath(root / figures), prefix), f"figures {spec.layout(root).shown(figures)}/{prefix}*")
            )
        for key, shown_target in targets:
            if key in seen and seen[key][1] != corpus_key:
                other = seen[key][0]
                problems.append(
                    f"{spec.source} and {other.source} read different corpora ({corpus}, "
                    f"{role_value(other, root, 'corpus')}) but both write {shown_target}; run another corpus as a run "
                    f"of its own: dangjian run --corpus {corpus}"
                )
            else:
                seen.setdefault(key, (spec, corpus_key))
    return problems


def claim_run(layout: RunLayout, corpus: str) -> None:
    """Record that the named run ``layout`` is made from ``corpus``; refuse if the name already
    belongs to a run of another corpus (one name, one corpus: a run never replaces another's outputs).

    Example:
        >>> import tempfile
        >>> layout = RunLayout(Path(tempfile.mkdtemp()), "mine")
        >>> claim_run(layout, "/data/mine"); claim_run(layout, "/data/mine")
        >>> claim_run(layout, "/other/mine")
        Traceback (most recent call last):
        ...
        dangjian.project.params.ParameterError: runs/mine holds the run of corpus /data/mine, not /other/mine; name this run with --name NAME
    """
    if check_run_corpus(layout, corpus, "name this run with --name NAME") is None:
        write_text_atomic(layout.run_record, json.dumps({"corpus": run_corpus(corpus), "name": layout.name}, ensure_ascii=False, indent=1) + "\n")


# --------------------------------------------------------------------------- one run


def plan_run(
    param_files: Iterable[str | os.PathLike[str]],
    project_root: str | os.PathLike[str],
    *,
    only: Sequence[str] | None = None,
    corpus: str | os.PathLike[str] | None = None,
    name: str | None = None,
) -> tuple[list[ReportSpec], RunLayout, list[str]]:
    """Validate what a run would execute: the parameter files, the run on ``corpus`` as ``name``
    (:func:`named_run`), the reports ``only`` selects and the files they would write. Returns the
    specs in run order, the run's layout and one message per problem (nothing runs if there is any).

    Example:
        >>> import tempfile
        >>> plan_run([], tempfile.mkdtemp(), name="county")[2]
        ['--name names the run of a --corpus: give --corpus DIR too']
    """
    root = Path(project_root)
    specs, errors = load_report_specs(param_files, root)
    layout = RunLayout(root)
    if name is not None and corpus is None:
        errors.append("--name names the run of a --corpus: give --corpus DIR too")
    if not errors and corpus is not None:
        try:
            specs, layout = named_run(specs, root, corpus, name)
        except ParameterError as exc:
            errors.append(str(exc))
        else:
            errors += [problem for spec in specs for problem in output_folder_problems(spec, root)]
    if not errors:
        try:
            specs = select_reports(specs, only)
        except ParameterError as exc:
            errors.append(str(exc))
    if not errors:
        errors += shared_output_problems(specs, root)
    return specs, layout, errors


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


def corpus_line(folder: str, table) -> str:
    """The corpus in one line: how many documents are analysed, and their statuses.

    Example:
        >>> import pandas as pd
        >>> table = pd.DataFrame({"status": ["ok", "ok", "warning", "skipped"]})
        >>> corpus_line("data/raw", table)
        'data/raw (3 documents analysed: 2 ok, 1 with warnings; 1 file skipped)'
    """
    counts = table["status"].value_counts()
    analysed = int(counts.get("ok", 0) + counts.get("warning", 0))
    text = f"{folder} ({_count(analysed, 'document')} analysed: {counts.get('ok', 0)} ok, {counts.get('warning', 0)} with warnings"
    skipped = int(counts.get("skipped", 0))
    return text + (f"; {_count(skipped, 'file')} skipped)" if skipped else ")")


def result_line(result: RunResult) -> str:
    """The line a run shows when one report ends.

    Example:
        >>> result_line(RunResult("00_corpus", Path("n.ipynb"), "failed", 1.0, None, "n.ipynb failed: KeyError: 'x'"))
        "[FAILED] 00_corpus: n.ipynb failed: KeyError: 'x'"
    """
    if result.status == "ok":
        return f"[ok] {result.name} ({result.seconds:.1f} s; files: {result.changes})"
    if result.status == UP_TO_DATE:
        return f"[up to date] {result.name}: inputs and outputs unchanged, not re-executed (--force to run)"
    return f"[FAILED] {result.name}: {result.error}"


@dataclass(frozen=True)
class RunSummary:
    """What one run did: each report's result, the reports removed with their parameter file
    (``dropped``), the index page it rebuilt (or why it could not, ``index_error``) and the status
    table of each corpus it read (corpus folder -> table, :mod:`dangjian.running.status`).

    Example:
        >>> import pandas as pd
        >>> summary = RunSummary(RunLayout(Path("/proj")), [], {"/proj/data/raw": pd.DataFrame({"status": ["ok", "skipped"]})})
        >>> summary.skipped, summary.exit_code(), summary.exit_code(allow_skipped=True)
        (1, 1, 0)
    """

    layout: RunLayout
    results: list[RunResult]
    tables: dict = dataclasses.field(default_factory=dict)
    dropped: list[str] = dataclasses.field(default_factory=list)
    index: Path | None = None
    index_error: str | None = None

    @property
    def failures(self) -> list[RunResult]:
        """The reports that failed."""
        return [result for result in self.results if result.status == "failed"]

    @property
    def skipped(self) -> int:
        """How many documents of the corpora were skipped as unreadable."""
        return sum(int((table["status"] == "skipped").sum()) for table in self.tables.values())

    def exit_code(self, allow_skipped: bool = False) -> int:
        """1 if a report failed, the index could not be made or (unless ``allow_skipped``) a document
        was skipped; else 0."""
        return 1 if self.failures or (self.skipped and not allow_skipped) or self.index_error else 0


def summary_lines(summary: RunSummary) -> list[str]:
    """The report that ends a run, line by line: the results table, the reports removed, what
    failed, each corpus's documents with warnings or skipped, and where the outputs are.

    Example:
        >>> result = RunResult("00_corpus", Path("notebooks/00_corpus.ipynb"), "failed", 1.0, None, "boom")
        >>> print("\\n".join(summary_lines(RunSummary(RunLayout(Path("/proj")), [result]))))
        report     notebook                   status  seconds  output  files
        00_corpus  notebooks/00_corpus.ipynb  failed      1.0  -       -
        FAILED 00_corpus: boom
        outputs of the project's run: tables data/processed/, figures figures/
        notebook output and messages: reports/run.log
    """
    layout = summary.layout
    lines = [format_summary(summary.results, layout.root)]
    lines += [f"removed report {name} and the files only it wrote: its parameter file is gone" for name in summary.dropped]
    if summary.index_error is not None:
        lines.append(f"FAILED {summary.index_error}")
    lines += [f"FAILED {result.name}: {result.error}" for result in summary.failures]
    lines += [format_status(table, layout.shown(folder), problems_only=True) for folder, table in summary.tables.items()]
    where = f"tables {layout.shown(layout.processed)}/, figures {layout.shown(layout.figures)}/"
    if summary.index is not None:
        where += f", pages {layout.shown(summary.index)}"
    lines.append(f"outputs of {layout.label}: {where}")
    lines.append(f"notebook output and messages: {layout.shown(layout.log)}")
    return lines


def _quiet(message: str) -> None:
    """A reporter that shows nothing."""


def cell_timeout(corpus_bytes: int, timeout: float | None = None) -> float:
    """Seconds a cell may run in a run whose largest corpus has ``corpus_bytes`` bytes of files:
    ``timeout`` if one is given, else :data:`DEFAULT_TIMEOUT` or :data:`TIMEOUT_SECONDS_PER_MB` per
    megabyte, whichever is longer.

    Example:
        >>> cell_timeout(20_000_000), cell_timeout(100_000_000), cell_timeout(100_000_000, 300.0)
        (600.0, 1200.0, 300.0)
    """
    if timeout is not None:
        return timeout
    return max(DEFAULT_TIMEOUT, TIMEOUT_SECONDS_PER_MB * corpus_bytes / 1e6)


def execute_run(
    project_root: str | os.PathLike[str],
    layout: RunLayout,
    specs: list[ReportSpec],
    *,
    corpus: str | os.PathLike[str] | None = None,
    complete: bool = False,
    timeout: float | None = None,
    progress: TextIO | None = None,
    no_code: bool = False,
    force: bool = False,
    workers: int | None = None,
    backend: str = "local",
    scheduler: str | None = None,
    note: Callable[[str], None] = _quiet,
) -> RunSummary:
    """Carry out a validated run (:func:`plan_run`) under its lock; return what it did.

    A named run first claims its name for ``corpus`` (:func:`claim_run`). Each corpus is processed
    into its tables, then the reports run (:func:`run_reports`; ``progress`` is the stream of their
    tqdm bars, None for none; ``timeout`` is each cell's limit in seconds, None for
    :func:`cell_timeout` of the largest corpus); with ``complete`` (every parameter set of ``parameters/`` ran) the
    reports whose parameter file is gone are removed; the run's index page is rebuilt last.
    ``note(line)`` receives the progress messages as they happen: temporary files of an interrupted
    run removed, each corpus processed, the run starting, each report ending (:func:`result_line`).

    Raises:
        ProjectBusy, LockUnavailable: another run holds the lock, or it cannot be taken.
        ParameterError, CorpusError, UnsafePathError, OSError: an input or output that cannot be used.

    Example:
        >>> import tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> summary = execute_run(root, RunLayout(root), [])
        >>> summary.results, summary.exit_code()
        ([], 0)
    """
    root = Path(project_root)
    with exclusive_run(root, layout) as removed:
        if layout.name is not None:
            claim_run(layout, Path(os.path.abspath(corpus)).as_posix())
        if removed:
            note(f"removed {len(removed)} temporary file(s) left by an interrupted run")
        return _run_selected(
            root, layout, specs, complete=complete, timeout=timeout, progress=progress, no_code=no_code, force=force,
            workers=workers, backend=backend, scheduler=scheduler, note=note,
        )


def _run_selected(
    root: Path,
    layout: RunLayout,
    specs: list[ReportSpec],
    *,
    complete: bool,
    timeout: float | None,
    progress: TextIO | None,
    no_code: bool,
    force: bool,
    workers: int | None,
    backend: str,
    scheduler: str | None,
    note: Callable[[str], None],
) -> RunSummary:
    """Execute the validated reports of one run (its lock held); what it did."""
    folders = corpus_folders(specs, root)
    places = tables_folders(folders, layout)
    specs = with_tables_folders(specs, root, places)
    fingerprints = [freshness.inputs_fingerprint(spec, root) for spec in specs]  # refuses bad inputs first
    tables, columns = {}, {}
    corpus_bytes = 0
    for folder in folders:
        processed = process_tables(
            folder, places[folder], workers=workers, backend=backend, scheduler=scheduler, cache_dir=layout.cache
        )
        note(
            f"processed {layout.shown(folder)}: {_count(processed.documents, 'document')} "
            f"({processed.computed} computed, {processed.documents - processed.computed} unchanged) in {processed.seconds:.1f} s "
            f"-> {layout.shown(places[folder])}"
        )
        written = CorpusTables(places[folder])
        tables[folder] = written.status_table()
        columns[folder] = describing_columns(written.document_table.columns)
        corpus_bytes = max(corpus_bytes, processed.bytes)
    problems = column_problems(specs, root, columns)
    if problems:
        raise ParameterError("; ".join(problems))
    timeout = cell_timeout(corpus_bytes, timeout)
    analysed = {
        folder: int(table["status"].isin(["ok", "warning"]).sum()) for folder, table in tables.items()
    }

    def documents(spec: ReportSpec) -> int | None:
        folder = role_value(spec, root, "corpus")
        return analysed.get(str(root / folder)) if isinstance(folder, str) and folder else None

    corpora = "; ".join(corpus_line(layout.shown(folder), table) for folder, table in tables.items())
    note(
        f"dangjian run: {_count(len(specs), 'report')}, {layout.label}"
        + (f", on corpus {corpora}" if corpora else "")
    )
    ensure_kernel()

    layout.reports.mkdir(parents=True, exist_ok=True)
    layout.log.unlink(missing_ok=True)
    with open(layout.log, "a", encoding="utf-8", errors="backslashreplace", buffering=1) as log:
        log.write(f"dangjian run: {layout.label}, {len(specs)} report(s)\n")
        results = run_reports(
            specs,
            root,
            timeout=timeout,
            progress=progress,
            on_result=lambda result: note(result_line(result)),
            no_code=no_code,
            force=force,
            fingerprints=fingerprints,
            log=log,
            documents=documents,
        )
    dropped = remove_dropped_reports(layout, [spec.name for spec in specs]) if complete else []
    try:
        index = share.write_index(root, layout.name)
        index_error = None
    except (OSError, ValueError) as exc:
        index, index_error = None, f"{layout.shown(layout.index)} could not be made: {exc}"
    return RunSummary(layout, results, tables, dropped, index, index_error)


def column_problems(specs: Sequence[ReportSpec], root: Path, columns: dict[str, Sequence[str]]) -> list[str]:
    r"""One message per report whose parameter of role ``column`` names no column of its corpus's
    document table (``columns``: the columns of each corpus folder's table), with the columns there are.

    Example:
        >>> import tempfile, pathlib, nbformat
        >>> root = pathlib.Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "data/raw"  # role: corpus\ngroup_col = "region"  # role: column',
        ...                                       metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> _ = (root / "a.yaml").write_text("notebook: n.ipynb\nparameters:\n  group_col: regoin\n")
        >>> spec = ReportSpec("a", root / "a.yaml", pathlib.Path("n.ipynb"), {"group_col": "regoin"})
        >>> column_problems([spec], root, {str(root / "data/raw"): ["doc_id", "region", "level", "year"]})
        ["a.yaml: group_col = 'regoin' is no column of the documents of data/raw; the columns are doc_id, region, level, year"]
    """
    problems = []
    for spec in specs:
        folder = role_value(spec, root, "corpus")
        for name in role_parameters(spec, root, "column"):
            value = parameter_value(spec, root, name)
            known = columns.get(str(root / folder)) if isinstance(folder, str) else None
            if known is not None and value not in known:
                problems.append(
                    f"{spec.source.name}: {name} = {shown(str(value), 60)} is no column of the documents of {folder}; "
                    f"the columns are {', '.join(map(str, known))}"
                )
    return problems


def tables_folders(folders: Sequence[str], layout: RunLayout) -> dict[str, Path]:
    """Where the process step writes each corpus's tables: the run's tables folder, or with several
    corpora one folder per corpus inside it.

    Example:
        >>> layout = RunLayout(Path("/proj"))
        >>> {k: layout.shown(v) for k, v in tables_folders(["/proj/data/raw"], layout).items()}
        {'/proj/data/raw': 'data/processed/tables'}
        >>> [layout.shown(v) for v in tables_folders(["/proj/a", "/proj/b"], layout).values()]
        ['data/processed/tables/1-a', 'data/processed/tables/2-b']
    """
    if len(folders) <= 1:
        return {folder: layout.tables for folder in folders}
    return {folder: layout.tables / f"{i}-{Path(folder).name}" for i, folder in enumerate(folders, start=1)}


def with_tables_folders(specs: Sequence[ReportSpec], root: Path, places: dict[str, Path]) -> list[ReportSpec]:
    """The specs with the parameter of role ``tables`` (as the notebook declares it) of each notebook
    that has one set to its corpus's tables folder."""
    updated = []
    for spec in specs:
        folder = role_value(spec, root, "corpus")
        place = places.get(str(root / folder)) if isinstance(folder, str) and folder else None
        parameters = dict(spec.parameters)
        for name in role_parameters(spec, root, "tables") if place is not None else []:
            parameters[name] = RunLayout(root).shown(place)
        updated.append(dataclasses.replace(spec, parameters=parameters))
    return updated
