"""``dangjian run``: execute the parameterized notebooks (:mod:`dangjian.running.runner`) and print what happens.

Progress and problems go to stderr as they happen (the corpus processed, the run starting, one line
per report, each report's tqdm bar); the closing report (results table, documents with warnings or
skipped, where the outputs are) goes to stdout. Everything printed from files and notebooks has its
control characters escaped (:func:`say`).

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="dangjian")
    >>> _ = add_run_parser(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["run", "--only", "00_corpus", "--timeout", "300"])
    >>> args.only, args.timeout, args.no_progress
    (['00_corpus'], 300.0, False)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from dangjian.project.io import UnsafePathError, error_line, printable
from dangjian.project.layout import find_project_root
from dangjian.project.params import ParameterError, find_parameter_files
from dangjian.reading.corpus import CorpusError
from dangjian.running.runlock import LockUnavailable, ProjectBusy
from dangjian.running.runner import DEFAULT_TIMEOUT, TIMEOUT_SECONDS_PER_MB, execute_run, plan_run, summary_lines


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
        >>> parser.parse_args(["run", "--only", "00_corpus", "--only", "03_indicators"]).only
        ['00_corpus', '03_indicators']
        >>> parser.parse_args(["run", "--corpus", "mine", "--name", "county"]).name
        'county'
    """
    from dangjian.cli.process import add_engine_arguments

    parser = subparsers.add_parser(
        "run",
        help="execute the parameterized notebooks into reports/ (or, on another corpus, into runs/NAME/)",
        description="Validate parameters/*.yaml against their notebooks, then execute each notebook "
        "with papermill into reports/<parameter file name>.ipynb. With --corpus DIR, run the same "
        "parameter sets on DIR as a run of its own, with every output under runs/<NAME>/.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="run every parameter set on this corpus folder instead of the one it names, as a run of its own",
    )
    parser.add_argument(
        "--name", metavar="NAME", help="name of the --corpus run, its folder runs/NAME/ (default: the corpus folder's name)"
    )
    parser.add_argument(
        "--only", nargs="+", action="extend", metavar="NAME",
        help="run only these reports (parameter file names) or notebooks; may be given more than once",
    )
    parser.add_argument(
        "--params", nargs="+", action="extend", metavar="FILE", type=Path,
        help="parameter files to run (default: parameters/*.yaml); may be given more than once",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=None,
        metavar="S",
        help=f"seconds a single cell may run (default {DEFAULT_TIMEOUT:g}, or {TIMEOUT_SECONDS_PER_MB:g} per MB of the corpus if longer)",
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="project root (default: nearest folder with pyproject.toml)"
    )
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar of each report")
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
    add_engine_arguments(parser)
    parser.set_defaults(func=run_command)
    return parser


def say(message: str, file: TextIO | None = None) -> None:
    """Print ``message`` line by line with control characters escaped (default: on stderr).

    Example:
        >>> say("a.yaml: \\x1b[2Jcleared\\nsecond line", file=sys.stdout)
        a.yaml: \\x1b[2Jcleared
        second line
    """
    for line in str(message).split("\n"):
        print(printable(line), file=file if file is not None else sys.stderr)


def run_command(args: argparse.Namespace) -> int:
    """Carry out ``dangjian run``: exit 0 if all reports succeed, 1 if any failed (or a document was
    skipped, unless ``--allow-skipped``), 2 on bad parameters, on an input or output file that cannot
    be read or written, or when another run is writing the same run's outputs (one line each, naming
    the file).

    Example:
        >>> # dangjian run --only 00_corpus --timeout 300
        >>> # dangjian run --corpus ~/reports/county --name county
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
    corpus = getattr(args, "corpus", None)
    specs, layout, errors = plan_run(param_files, root, only=args.only, corpus=corpus, name=getattr(args, "name", None))
    if errors:
        for message in errors:
            say(f"error: {message}")
        say(f"nothing was run: fix the {len(errors)} problem(s) above")
        return 2
    try:
        summary = execute_run(
            root,
            layout,
            specs,
            corpus=corpus,
            complete=not args.only and not args.params,
            timeout=args.timeout,
            progress=None if args.no_progress else sys.stderr,
            no_code=getattr(args, "no_code", False),
            force=getattr(args, "force", False),
            workers=getattr(args, "workers", None),
            backend=getattr(args, "backend", "local"),
            scheduler=getattr(args, "scheduler", None),
            note=say,
        )
    except (ProjectBusy, LockUnavailable, ParameterError, CorpusError, UnsafePathError, OSError) as exc:
        say(error_line("run", exc))
        return 2
    for line in summary_lines(summary):
        say(line, file=sys.stdout)
    allow_skipped = getattr(args, "allow_skipped", False)
    if summary.skipped and not allow_skipped:
        say(f"{summary.skipped} document(s) skipped; fix them or allow skipping (--allow-skipped)")
    return summary.exit_code(allow_skipped)


__all__ = ["add_run_parser", "run_command", "say"]
