"""Same inputs and parameters give byte-identical tables and figures; a rerun takes the corpus from the cache.

The real notebooks 00_corpus and 03_indicators run twice with `dangjian run` (the full `make run`
takes minutes): the first run is the session's demo run, the second a run with ``--force`` of every
report in a copy of it, which must therefore write every table and figure again (and, being in
another folder, shows too that nothing written depends on where the project lies). Executed
notebooks and HTML pages carry timestamps and kernel ids by nature and are not compared; everything
the notebooks write to data/processed/ and figures/ is. The second run must not recompute any cache
entry, and loading the corpus from the cache must be faster than computing it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from scratch_projects import DEMO_REPORTS, copy_project, file_digests, run

REPORTS = DEMO_REPORTS


def cache_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Every cache entry with its inode and modification time: a rewritten entry changes both."""
    cache = root / "data" / "processed" / "cache"
    return {
        path.relative_to(cache).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in sorted(cache.rglob("*"))
        if path.is_file()
    }


def outputs(root: Path) -> dict[str, str]:
    """Digests of the tables and figures: data/processed/ without the cache, and figures/."""
    found = {}
    for folder in ("data/processed", "figures"):
        for name, digest in file_digests(root / folder).items():
            if not name.startswith("cache/"):
                found[f"{folder}/{name}"] = digest
    return found


def output_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every table and figure (see :func:`outputs`)."""
    found = {}
    for folder in ("data/processed", "figures"):
        for path in sorted((root / folder).rglob("*")):
            name = path.relative_to(root).as_posix()
            if path.is_file() and not name.startswith("data/processed/cache/"):
                found[name] = (path.stat().st_ino, path.stat().st_mtime_ns)
    return found


def timed_run(root: Path, *extra: str) -> tuple[int, float, str]:
    """Exit code, wall seconds and log of ``dangjian run`` with ``extra`` arguments."""
    started = time.monotonic()
    code, out, err = run(root, *extra)
    return code, time.monotonic() - started, out + err


def corpus_cell_seconds(executed: Path) -> float | None:
    """How long the cell that loads the corpus (``open_tables(``) ran, from papermill's cell metadata."""
    if not executed.is_file():
        return None
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and "open_tables(" in source:
            return cell["metadata"]["papermill"]["duration"]
    return None


@pytest.fixture(scope="module")
def twice(tmp_path_factory, demo_run):
    """Take the demo run as the first run and record its outputs, then run every report again in a
    copy of it; keep the second run's code, time and log, and the digests of both."""
    root = copy_project(demo_run, tmp_path_factory.mktemp("repro") / "project")
    first_outputs = outputs(root)
    first_stamps = output_stamps(root)
    first_cache = cache_stamps(root)
    second = timed_run(root, "--force")
    return {
        "root": root,
        "first_cells": {report: corpus_cell_seconds(demo_run / "reports" / f"{report}.ipynb") for report in REPORTS},
        "second": second,
        "first_outputs": first_outputs,
        "second_outputs": outputs(root),
        "first_stamps": first_stamps,
        "second_stamps": output_stamps(root),
        "first_cache": first_cache,
        "second_cache": cache_stamps(root),
    }


def _assert_ran(twice, report: str) -> None:
    """The second run succeeded and executed ``report`` (the first, the demo run, did: its fixture checks)."""
    code, _, log = twice["second"]
    assert code == 0, f"second run failed:\n{log[-3000:]}"
    assert f"[ok] {report} (" in log, f"the second run did not execute {report}:\n{log[-3000:]}"


def _compare(twice, prefixes: tuple[str, ...]) -> None:
    first = {k: v for k, v in twice["first_outputs"].items() if k.startswith(prefixes)}
    second = {k: v for k, v in twice["second_outputs"].items() if k.startswith(prefixes)}
    assert first, f"nothing was written under {prefixes}"
    assert sorted(first) == sorted(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"not byte-identical across two runs: {differing}"


def test_corpus_tables_and_figures_are_byte_identical(twice):
    _assert_ran(twice, "00_corpus")
    _compare(twice, ("data/processed/corpus/", "figures/corpus_"))
    names = set(twice["first_outputs"])
    assert {"figures/corpus_cleaning_steps.png", "figures/corpus_cleaning_steps.svg"} <= names
    assert "data/processed/corpus/sentences.parquet" in names


def test_indicator_tables_and_figures_are_byte_identical(twice):
    _assert_ran(twice, "03_indicators")
    _compare(twice, ("data/processed/indicators/", "figures/indicators_"))


def test_second_run_really_wrote_its_outputs_again(twice):
    """Identical bytes do not come from files left alone: each output was replaced (new inode or mtime)."""
    first, second = twice["first_stamps"], twice["second_stamps"]
    untouched = sorted(name for name in first if second.get(name) == first[name])
    assert not untouched, f"not rewritten by the second run: {untouched}"


def test_second_run_takes_the_corpus_from_the_cache(twice):
    _assert_ran(twice, "00_corpus")
    assert twice["first_cache"], "the first run put nothing into data/processed/cache/"
    assert twice["second_cache"] == twice["first_cache"], "the second run recomputed cache entries"
    second_cell = corpus_cell_seconds(twice["root"] / "reports" / "00_corpus.ipynb")
    print(f"00_corpus corpus cell: {twice['first_cells']['00_corpus']:.2f} s first, {second_cell:.2f} s second; "
          f"second run {twice['second'][1]:.1f} s")


def test_cached_corpus_is_faster_than_computing_it(raw_dir, tmp_path):
    """The stage the cache serves: best of three cold runs (empty cache) against best of three warm ones."""
    from dangjian.segmentation.pipeline import process_corpus

    def seconds(cache: Path) -> float:
        started = time.perf_counter()
        process_corpus(raw_dir, cache_dir=cache, skip_bad=True)
        return time.perf_counter() - started

    cold = min(seconds(tmp_path / f"cold{i}") for i in range(3))
    warm = min(seconds(tmp_path / "cold0") for _ in range(3))
    print(f"process_corpus: {cold:.3f} s computed, {warm:.3f} s from the cache")
    assert warm < cold / 2, (cold, warm)
