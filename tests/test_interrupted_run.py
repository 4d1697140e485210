"""A run killed mid-way leaves the earlier outputs whole, and the next run completes.

A copy of the session's demo run (a scratch project where ``dangjian run`` of the reports
00_corpus and 03_indicators completed) is the starting point. Then a document gains a paragraph,
so that the tables and figures change, and a second run is started as its own process and killed with SIGKILL — it and its notebook kernel, as the
machine running out of memory would — at a chosen moment: while a figure file is being written,
or just after the first of its indicator tables was replaced (the corpus report, which runs
first, has by then written all of its new files). Each table and figure must then be either
the earlier file or the file an uninterrupted run writes, byte for byte, never a part of one. The
next ``dangjian run`` removes what the killed run left and gives exactly what an uninterrupted run
gives. The reference, what an uninterrupted run writes, is made from scratch in a project of its
own, so that a file the killed or the next run left behind from the earlier run shows up as a
difference.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import psutil
import pytest

from dangjian.project.io import is_temporary
from dangjian.running.runlock import exclusive_run
from scratch_projects import DEMO_REPORTS, copy_project, file_digests, make_project, run

REPORTS = DEMO_REPORTS
ADDED_PARAGRAPH = "\n全区新建党支部12个，培训党员骨干340人次，整顿软弱涣散村党组织3个。\n"
OUTPUTS = ("data/processed", "figures")


def outputs(root: Path) -> dict[str, str]:
    """Digests of the tables and figures, without temporary files (and without the cache, whose
    entries are named by their content)."""
    found = {}
    for folder in OUTPUTS:
        for name, digest in file_digests(root / folder).items():
            if not name.startswith("cache/") and not is_temporary(name):
                found[f"{folder}/{name}"] = digest
    return found


def temporaries(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and is_temporary(p))


def change_input(root: Path) -> None:
    path = root / "data" / "raw" / "pingliang-2024.txt"
    path.write_text(path.read_text(encoding="utf-8") + ADDED_PARAGRAPH, encoding="utf-8")


def process_tree(process: subprocess.Popen) -> list[psutil.Process]:
    """The run and every process it started (the kernel runs in a session of its own), children first."""
    try:
        parent = psutil.Process(process.pid)
        return [*parent.children(recursive=True), parent]
    except psutil.NoSuchProcess:
        return []


def kill(members: list[psutil.Process]) -> None:
    for member in members:
        try:
            member.kill()
        except psutil.NoSuchProcess:
            pass


def an_indicator_figure_is_being_written(root: Path) -> bool:
    """A temporary file of 03_indicators' figures exists: the figure is being written."""
    folder = root / "figures"
    return folder.is_dir() and any(
        entry.name.startswith(".indicators_") and is_temporary(entry.name) for entry in os.scandir(folder)
    )


def indicator_tables_replaced(before: dict[str, tuple[int, int]]) -> Callable[[Path], bool]:
    def replaced(root: Path) -> bool:
        for name, stamp in before.items():
            path = root / name
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if (stat.st_ino, stat.st_mtime_ns) != stamp:
                return True
        return False

    return replaced


def kill_when(root: Path, moment: Callable[[Path], bool], timeout: float = 300) -> None:
    """Start ``dangjian run`` in its own process and SIGKILL it and its kernel when ``moment(root)`` holds."""
    command = [sys.executable, "-m", "dangjian.cli", "run", "--root", str(root), "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    family: list[psutil.Process] = []
    polls = 0
    try:
        while not moment(root):
            if process.poll() is not None:
                pytest.fail(f"the run ended (exit {process.returncode}) before the moment to kill it came")
            if time.monotonic() - started > timeout:
                pytest.fail("the moment to kill the run did not come")
            if polls % 25 == 0:  # known in advance, so that the kill follows the moment at once
                family = process_tree(process)
            polls += 1
            time.sleep(0.002)
    finally:
        kill(family[:-1])  # the processes known so far, the kernel first; the run itself stays alive
        rest = process_tree(process)  # so that a child started since is still found as its child
        kill(rest)
        psutil.wait_procs([*family, *rest], timeout=30)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict[str, str]:
    """What a run with the changed input writes when nothing stops it."""
    root = make_project(tmp_path_factory.mktemp("uninterrupted"), REPORTS)
    change_input(root)
    code, out, err = run(root)
    assert code == 0, (out + err)[-3000:]
    return outputs(root)


def _stamps(root: Path, folder: str) -> dict[str, tuple[int, int]]:
    return {
        path.relative_to(root).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in sorted((root / folder).glob("*.csv"))
    }


MOMENTS = {
    "while a figure is written": lambda root: an_indicator_figure_is_being_written,
    "after the first indicator table was replaced": lambda root: indicator_tables_replaced(
        _stamps(root, "data/processed/indicators")
    ),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_run_leaves_whole_files_and_the_next_run_completes(tmp_path, demo_run, uninterrupted, moment):
    root = copy_project(demo_run, tmp_path / "project")  # the earlier run, completed
    earlier = outputs(root)
    earlier_reports = {name: (root / "reports" / name).read_bytes() for name in ("00_corpus.ipynb", "03_indicators.ipynb")}
    assert earlier != uninterrupted  # the changed input changes the outputs

    change_input(root)
    kill_when(root, MOMENTS[moment](root))

    after_kill = outputs(root)
    torn = sorted(
        name for name, digest in after_kill.items() if digest not in (earlier.get(name), uninterrupted.get(name))
    )
    assert not torn, f"neither the earlier file nor a whole new one: {torn}"
    assert set(earlier) <= set(after_kill), "an earlier output was removed"
    assert any(after_kill[name] != earlier[name] for name in earlier), "the run was killed before it wrote anything"
    assert any(after_kill.get(name) != digest for name, digest in uninterrupted.items()), "the run was not interrupted"
    for name in earlier_reports:  # the earlier report, or a whole new one
        nbformat.validate(nbformat.read(root / "reports" / name, as_version=4))
    assert (root / "reports" / "03_indicators.ipynb").read_bytes() == earlier_reports["03_indicators.ipynb"]
    if moment == "while a figure is written":
        assert any(name.startswith("figures/") for name in temporaries(root))

    code, out, err = run(root)
    assert code == 0, (out + err)[-3000:]
    assert temporaries(root) == []
    assert outputs(root) == uninterrupted


def file_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every output, state record and cache entry (the run lock
    excepted): a file written again, even with the same bytes, changes its stamp."""
    return {
        path.relative_to(root).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for folder in (*OUTPUTS, "reports")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and path.name != "run.lock"
    }


def test_a_second_run_is_refused_while_another_holds_the_project(tmp_path, demo_run):
    """A run refused because another holds the lock writes nothing; once the lock is free it runs."""
    root = copy_project(demo_run, tmp_path / "project")
    document = root / "data" / "raw" / "pingliang-2024.txt"
    original = document.read_bytes()
    change_input(root)  # so that a run that went ahead would execute the notebooks and write
    before = file_stamps(root)
    with exclusive_run(root):
        code, out, err = run(root)
    assert code == 2
    assert f"pid {os.getpid()}" in err and "another `dangjian run`" in err
    assert file_stamps(root) == before
    document.write_bytes(original)  # the inputs of the demo run again: the next run has nothing to redo
    code, out, err = run(root)
    assert code == 0, (out + err)[-3000:]
    assert "[up to date] 00_corpus" in err and "[up to date] 03_indicators" in err
