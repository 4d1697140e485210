"""Run the parameterized notebooks with papermill: ``dangjian run``.

Every parameter file ``parameters/<name>.yaml`` is validated against its notebook first (see
``dangjian.params``); only if all are valid are the notebooks executed, one after another, in the
project's ``dangjian`` kernel with the project root as working directory. Each executed notebook is
written to a temporary file and renamed onto ``reports/<name>.ipynb`` when it succeeds, so a failed
run never replaces an earlier good report; the failed notebook (with its traceback) is kept as
``reports/<name>.failed.ipynb``. A failure does not stop the remaining notebooks, and the command ends
with a summary table and a non-zero exit code if anything failed. Each successful report is also
rendered to ``reports/<name>.html`` and the figures it wrote are recorded in ``reports/manifest.json``;
the run ends by rebuilding ``reports/index.html`` (see ``dangjian.share``). An expected problem (a bad
parameter file or input, a file that cannot be read or written, the run lock) ends the command with
one line naming the file and exit code 2; what it prints from files and notebooks is shown with
control characters escaped (``dangjian.io.printable``).

Example:
    >>> print(format_summary([RunResult("00_corpus", Path("notebooks/00_corpus.ipynb"), "ok", 4.2,
    ...                                 Path("reports/00_corpus.ipynb"))]))
    report     notebook                   status  seconds  output
    00_corpus  notebooks/00_corpus.ipynb  ok          4.2  reports/00_corpus.ipynb
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dangjian import freshness, share
from dangjian.corpus import CorpusError
from dangjian.io import UnsafePathError, atomic_path, check_output_outside, error_line, printable
from dangjian.params import ParameterError, ReportSpec, find_parameter_files, load_report_spec, shown
from dangjian.runlock import LockUnavailable, ProjectBusy, exclusive_run
from dangjian.status import report_corpora

KERNEL_NAME = "dangjian"
KERNEL_DISPLAY_NAME = "Python (dangjian)"
DEFAULT_TIMEOUT = 600.0
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


# --------------------------------------------------------------------------- project and selection


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


def _selector_key(token: str) -> str:
    name = Path(token).name
    for suffix in (".ipynb", ".py", ".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def select_reports(specs: Sequence[ReportSpec], only: Sequence[str] | None) -> list[ReportSpec]:
    """Keep the reports named by ``only`` (report names or notebook names/paths); all if empty.

    Raises ParameterError for a name that matches nothing, listing what is available.

    Example:
        >>> specs = [ReportSpec("kw_county", Path("p/kw_county.yaml"), Path("notebooks/01_keywords.ipynb")),
        ...          ReportSpec("corpus", Path("p/corpus.yaml"), Path("notebooks/00_corpus.ipynb"))]
        >>> [s.name for s in select_reports(specs, ["01_keywords.ipynb"])]
        ['kw_county']
    """
    if not only:
        return list(specs)
    keys = [_selector_key(token) for token in only]
    unmatched = [token for token, key in zip(only, keys) if not any(key in (s.name, s.notebook.stem) for s in specs)]
    if unmatched:
        available = ", ".join(sorted({s.name for s in specs} | {s.notebook.stem for s in specs})) or "(none)"
        raise ParameterError(f"--only {' '.join(unmatched)}: no such report or notebook; available: {available}")
    return [s for s in specs if s.name in keys or s.notebook.stem in keys]


#: Parameters that name a corpus folder a report reads (every other ``*_dir`` parameter is written).
INPUT_FOLDER_PARAMETERS = ("corpus_dir",)


def output_folder_problems(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[str]:
    """Why the folders a parameter file asks a report to write to are unsafe: outside the project,
    or inside (or equal to) the corpus folder it reads. One message per folder, naming the file.

    Example:
        >>> spec = ReportSpec("r", Path("r.yaml"), Path("n.ipynb"), {"corpus_dir": "data/raw", "output_dir": "data/raw/out",
        ...                   "figures_dir": "/usr/share"})
        >>> [problem.split(": ", 1)[1][:60] for problem in output_folder_problems(spec, ".")]
        ["parameter 'output_dir' ('data/raw/out'): the output folder i", "parameter 'figures_dir' ('/usr/share') lies outside the proj"]
    """
    root = Path(project_root).resolve()
    inputs = [root / value for name, value in spec.parameters.items() if name in INPUT_FOLDER_PARAMETERS and isinstance(value, str) and value]
    problems = []
    for name, value in spec.parameters.items():
        if not (name.endswith("_dir") and name not in INPUT_FOLDER_PARAMETERS and isinstance(value, str) and value):
            continue
        try:
            folder = (root / value).resolve()
            if not folder.is_relative_to(root):
                problems.append(
                    f"{spec.source}: parameter {name!r} ({shown(value)}) lies outside the project {root}; "
                    "a report writes only inside its project (under data/processed/, figures/ or reports/)"
                )
                continue
            check_output_outside(folder, inputs)
        except UnsafePathError as exc:
            problems.append(f"{spec.source}: parameter {name!r} ({shown(value)}): {exc.problem}")
        except (OSError, ValueError, RuntimeError) as exc:
            problems.append(f"{spec.source}: parameter {name!r} ({shown(value)}) is not a usable folder: {exc}")
    return problems


def load_report_specs(
    param_files: Iterable[str | os.PathLike[str]], project_root: str | os.PathLike[str]
) -> tuple[list[ReportSpec], list[str]]:
    """Validate every parameter file; return the valid specs (in run order) and the error messages.

    Run order is by notebook path, then report name, so ``00_corpus`` runs before ``01_keywords``.

    Example:
        >>> import tempfile
        >>> load_report_specs([], tempfile.mkdtemp())
        ([], [])
    """
    specs: list[ReportSpec] = []
    errors: list[str] = []
    for path in param_files:
        try:
            specs.append(load_report_spec(path, project_root))
        except ParameterError as exc:
            errors.append(str(exc))
    errors += [problem for spec in specs for problem in output_folder_problems(spec, project_root)]
    by_name: dict[str, list[ReportSpec]] = {}
    for spec in specs:
        by_name.setdefault(spec.name, []).append(spec)
    for name, same in sorted(by_name.items()):
        if len(same) > 1:
            errors.append(
                f"report name {name!r} comes from {len(same)} parameter files "
                f"({', '.join(str(s.source) for s in same)}); file names must be unique"
            )
    specs.sort(key=lambda s: (s.notebook.as_posix(), s.name))
    return specs, errors


# --------------------------------------------------------------------------- kernel


def ensure_kernel(name: str = KERNEL_NAME, display_name: str = KERNEL_DISPLAY_NAME) -> Path:
    """Make sure the Jupyter kernel ``name`` exists; register this interpreter under it if not.

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
            return Path(spec.resource_dir)
    except NoSuchKernel:
        pass
    command = [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", name, "--display-name", display_name]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"could not register the Jupyter kernel {name!r}: {completed.stderr.strip()}")
    return Path(KernelSpecManager().get_kernel_spec(name).resource_dir)


# --------------------------------------------------------------------------- execution


def failed_output_path(spec: ReportSpec, project_root: str | os.PathLike[str]) -> Path:
    """Where a failed execution is kept: ``reports/<name>.failed.ipynb``.

    Example:
        >>> failed_output_path(ReportSpec("a", Path("a.yaml"), Path("n.ipynb")), "/p").as_posix()
        '/p/reports/a.failed.ipynb'
    """
    return Path(project_root) / "reports" / f"{spec.name}.failed.ipynb"


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


def execute_report(
    spec: ReportSpec,
    project_root: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    kernel_name: str = KERNEL_NAME,
    progress_bar: bool = True,
    log_output: bool = True,
) -> RunResult:
    """Execute one report's notebook with papermill; never raises for a failing notebook.

    On success ``reports/<name>.ipynb`` is replaced atomically; on failure it is left as it was and
    the failed notebook is kept as ``reports/<name>.failed.ipynb``.

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
    try:
        with atomic_path(target) as tmp:
            try:
                with warnings.catch_warnings():
                    # the temporary name ends in .tmp; papermill only warns about the suffix
                    warnings.filterwarnings("ignore", message=r"The specified file .* does not end in")
                    papermill.execute_notebook(
                        str(notebook_file),
                        str(tmp),
                        parameters=dict(spec.parameters),
                        kernel_name=kernel_name,
                        language="python",
                        cwd=str(root),
                        execution_timeout=timeout,
                        log_output=log_output,
                        progress_bar=progress_bar,
                    )
            except Exception:
                if tmp.exists() and tmp.stat().st_size > 0:
                    os.replace(tmp, failed)
                    kept_failed = True
                raise
    except Exception as exc:  # any failure of this notebook is reported; the others still run
        return RunResult(
            spec.name,
            spec.notebook,
            "failed",
            time.monotonic() - started,
            None,
            describe_failure(spec, exc, failed if kept_failed else None)
            + (f"; failed notebook kept as {failed}" if kept_failed else ""),
        )
    failed.unlink(missing_ok=True)
    return RunResult(spec.name, spec.notebook, "ok", time.monotonic() - started, target)


def run_reports(
    specs: Sequence[ReportSpec],
    project_root: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    kernel_name: str = KERNEL_NAME,
    progress_bar: bool = True,
    on_result: Callable[[RunResult], None] | None = None,
    publish: bool = True,
    no_code: bool = False,
    force: bool = False,
) -> list[RunResult]:
    """Execute every spec in order, continuing after failures; return one RunResult each.

    A report whose inputs (notebook, parameters, input files, library code) and outputs are unchanged
    since it was last made is not executed again (status ``'up to date'``) unless ``force``. Every
    report's inputs are fingerprinted before the first one runs, so an input over the limits of
    :func:`dangjian.freshness.inputs_fingerprint` stops the run (ParameterError) before anything is executed.

    With ``publish`` each successful report is rendered to HTML (without code cells if ``no_code``)
    and the figure files it wrote are recorded in the manifest (``dangjian.share.publish_report``).

    Example:
        >>> import tempfile
        >>> run_reports([], tempfile.mkdtemp())
        []
    """
    results = []
    fingerprints = [freshness.inputs_fingerprint(spec, project_root) for spec in specs]  # refuses bad inputs first
    for spec, fingerprint in zip(specs, fingerprints):
        if not force and freshness.is_up_to_date(spec, project_root, fingerprint):
            result = RunResult(spec.name, spec.notebook, UP_TO_DATE, 0.0, spec.output_path(project_root))
            if on_result is not None:
                on_result(result)
            results.append(result)
            continue
        watched = freshness.output_folders(spec, project_root)
        outputs_before = share.snapshot_files(watched, keep=freshness._is_plain_file)
        before = share.snapshot_files(share.figure_folders(spec, project_root)) if publish else None
        result = execute_report(spec, project_root, timeout=timeout, kernel_name=kernel_name, progress_bar=progress_bar)
        if publish and result.status == "ok":
            try:
                share.publish_report(spec, project_root, before, no_code=no_code)
            except Exception as exc:  # the executed notebook is kept; the run reports the failure
                result = dataclasses.replace(
                    result, status="failed", error=f"{spec.notebook} ran, but its HTML page could not be made: "
                    f"{type(exc).__name__}: {exc}"
                )
        if result.status == "ok":
            written = share.written_files(outputs_before, share.snapshot_files(watched, keep=freshness._is_plain_file))
            reports = [spec.output_path(project_root), share.html_path(spec.name, project_root)]
            freshness.record_outputs(spec, project_root, fingerprint, [*written, *reports])
        else:
            freshness.forget(spec, project_root)
        if on_result is not None:
            on_result(result)
        results.append(result)
    return results


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
    """Render results as an aligned text table: report, notebook, status, seconds, output.

    Example:
        >>> print(format_summary([RunResult("a", Path("n.ipynb"), "failed", 1.0, None, "boom")]))
        report  notebook  status  seconds  output
        a       n.ipynb   failed      1.0  -
    """
    root = Path(project_root) if project_root is not None else None
    header = ("report", "notebook", "status", "seconds", "output")
    rows = [
        (r.name, r.notebook.as_posix(), r.status, f"{r.seconds:.1f}", _relative(r.output, root)) for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [cell.rjust(widths[i]) if i == 3 else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        return "  ".join(cells).rstrip()

    return "\n".join(line(row) for row in [header, *rows])


# --------------------------------------------------------------------------- command line


def _positive_seconds(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"timeout must be positive, got {text}")
    return value


def add_run_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Attach ``dangjian run`` to the CLI's subparsers.

    Example:
        >>> parser = argparse.ArgumentParser(); sub = parser.add_subparsers()
        >>> _ = add_run_parser(sub)
        >>> parser.parse_args(["run", "--only", "00_corpus"]).only
        ['00_corpus']
    """
    parser = subparsers.add_parser(
        "run",
        help="execute the parameterized notebooks into reports/",
        description="Validate parameters/*.yaml against their notebooks, then execute each notebook "
        "with papermill into reports/<parameter file name>.ipynb.",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these reports (parameter file names) or notebooks"
    )
    parser.add_argument(
        "--params", nargs="+", metavar="FILE", type=Path, help="parameter files to run (default: parameters/*.yaml)"
    )
    parser.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds a single cell may run (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="project root (default: nearest folder with pyproject.toml)"
    )
    parser.add_argument("--no-progress", action="store_true", help="hide the per-cell progress bar")
    parser.add_argument(
        "--no-code",
        action="store_true",
        help="leave code cells out of the HTML pages (by default they are included but hidden behind a switch)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="execute every selected report even if its inputs and outputs are unchanged since the last run",
    )
    parser.add_argument(
        "--allow-skipped",
        action="store_true",
        help="exit 0 even if documents of a corpus were skipped as unreadable (they are still listed)",
    )
    parser.set_defaults(func=run_command)
    return parser


class _CurrentStderrHandler(logging.StreamHandler):
    """Log to whatever ``sys.stderr`` is at the time of each message (it may be redirected)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


class _PrintableFormatter(logging.Formatter):
    """Each line of a message with its control characters escaped (cell output may hold any)."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(printable(line) for line in super().format(record).split("\n"))


def say(message: str, file: TextIO | None = None) -> None:
    """Print ``message`` line by line with control characters escaped (default: on stderr).

    Example:
        >>> say("a.yaml: \\x1b[2Jcleared\\nsecond line", file=sys.stdout)
        a.yaml: \\x1b[2Jcleared
        second line
    """
    for line in str(message).split("\n"):
        print(printable(line), file=file if file is not None else sys.stderr)


def _configure_logging() -> None:
    """Show papermill's cell output and progress messages on stderr."""
    papermill_log = logging.getLogger("papermill")
    if not any(isinstance(h, _CurrentStderrHandler) for h in papermill_log.handlers):
        handler = _CurrentStderrHandler()
        handler.setFormatter(_PrintableFormatter("%(message)s"))
        papermill_log.addHandler(handler)
    papermill_log.setLevel(logging.INFO)


def run_command(args: argparse.Namespace) -> int:
    """Carry out ``dangjian run``: exit 0 if all reports succeed, 1 if any failed, 2 on bad parameters,
    on an input or output file that cannot be read or written, or when another run is writing the
    same project (one line each, naming the file).

    Example:
        >>> # dangjian run --only 00_corpus --timeout 300
    """
    root = Path(args.root).resolve() if args.root is not None else find_project_root()
    try:
        param_files = list(args.params) if args.params else find_parameter_files(root)
    except OSError as exc:
        say(error_line("run", exc))
        return 2
    if not param_files:
        say(f"error: no parameter files found in {root / 'parameters'}")
        return 2
    specs, errors = load_report_specs(param_files, root)
    if not errors:
        try:
            specs = select_reports(specs, args.only)
        except ParameterError as exc:
            errors.append(str(exc))
    if errors:
        for message in errors:
            say(f"error: {message}")
        say(f"nothing was run: fix the {len(errors)} problem(s) above")
        return 2

    try:
        with exclusive_run(root) as removed:
            if removed:
                say(f"removed {len(removed)} temporary file(s) left by an interrupted run")
            return _run_selected(args, root, specs)
    except (ProjectBusy, LockUnavailable, ParameterError, CorpusError, UnsafePathError, OSError) as exc:
        say(error_line("run", exc))
        return 2


def _run_selected(args: argparse.Namespace, root: Path, specs: list[ReportSpec]) -> int:
    """Execute the validated reports, print the summary and the corpus report; the exit code."""
    _configure_logging()
    ensure_kernel()

    def announce(result: RunResult) -> None:
        if result.status == "ok":
            say(f"[ok] {result.name} -> {_relative(result.output, root)} ({result.seconds:.1f} s)")
        elif result.status == UP_TO_DATE:
            say(f"[up to date] {result.name}: inputs and outputs unchanged, not re-executed (--force to run)")
        else:
            say(f"[FAILED] {result.name}: {result.error}")

    results = run_reports(
        specs,
        root,
        timeout=args.timeout,
        progress_bar=not args.no_progress,
        on_result=announce,
        no_code=getattr(args, "no_code", False),
        force=getattr(args, "force", False),
    )
    say(format_summary(results, root), file=sys.stdout)
    try:
        say(f"HTML pages and the list of reports and figures: {_relative(share.write_index(root), root)}", file=sys.stdout)
        index_error = None
    except (OSError, ValueError) as exc:
        index_error = f"reports/index.html could not be made: {exc}"
        say(f"FAILED {index_error}", file=sys.stdout)
    failures = [r for r in results if r.status == "failed"]
    for result in failures:
        say(f"FAILED {result.name}: {result.error}", file=sys.stdout)
    corpus_status = report_corpora(corpus_folders(specs, root), getattr(args, "allow_skipped", False))
    return 1 if failures or corpus_status or index_error else 0


def corpus_folders(specs: list[ReportSpec], root: Path) -> list[str]:
    """The corpus folders the reports read (their ``corpus_dir`` parameter), each once, in order.

    Example:
        >>> specs = [ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), {"corpus_dir": "data/raw"})]
        >>> corpus_folders(specs, Path("/proj"))
        ['/proj/data/raw']
    """
    folders = [spec.parameters.get("corpus_dir") for spec in specs]
    return list(dict.fromkeys(str(root / folder) for folder in folders if isinstance(folder, str) and folder))
