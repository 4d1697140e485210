"""The command line at the edge: only ``dangjian.cli`` prints; the library returns values and
raises errors. Read from the source with ``ast`` (docstrings and their doctests are strings, not
calls, so an example that prints does not count)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import dangjian.cli.indicators
import dangjian.segmentation.pipeline
from dangjian.cli import main

LIB = Path(__file__).resolve().parents[1] / "lib" / "dangjian"
CLI = LIB / "cli"

def printing_calls(source: str) -> list[int]:
    """Lines that call ``print`` or write to ``sys.stdout`` / ``sys.stderr``.

    Example:
        >>> printing_calls("x = 1\\nprint(x)\\nsys.stderr.write(str(x))\\n")
        [2, 3]
    """
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            lines.append(node.lineno)
        elif (
            isinstance(func, ast.Attribute) and func.attr == "write"
            and isinstance(func.value, ast.Attribute) and func.value.attr in ("stdout", "stderr")
            and isinstance(func.value.value, ast.Name) and func.value.value.id == "sys"
        ):
            lines.append(node.lineno)
    return sorted(lines)


def library_modules() -> list[str]:
    return sorted(p.relative_to(LIB).as_posix() for p in LIB.rglob("*.py") if CLI not in p.parents)


def test_the_scan_finds_a_print_and_skips_docstrings():
    source = 'def f():\n    """Example:\n\n    >>> print("shown")\n    """\n    return 1\n'
    assert printing_calls(source) == []
    assert printing_calls(source + "\nprint('x', file=sys.stderr)\n") == [8]
    assert printing_calls("import sys\nsys.stdout.write('x')\n") == [2]


def test_the_command_modules_print():
    assert printing_calls((CLI / "corpus.py").read_text(encoding="utf-8"))
    assert len(library_modules()) > 30 and {"running/tables.py", "running/runner.py", "running/share/republish.py"} <= set(library_modules())


@pytest.mark.parametrize("module", library_modules())
def test_library_modules_do_not_print(module):
    lines = printing_calls((LIB / module).read_text(encoding="utf-8"))
    assert lines == [], f"{module} prints on line(s) {lines}: return the value or raise, and print in dangjian.cli"


def test_the_console_script_is_the_cli_package():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "dangjian"]
    assert script.value == "dangjian.cli:main"
    assert script.load() is main


def test_python_m_dangjian_cli_runs_the_command_line():
    done = subprocess.run([sys.executable, "-m", "dangjian.cli", "corpus", "status", "no/such/folder"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == "dangjian corpus status: no/such/folder: corpus folder not found"


def test_python_m_dangjian_share_runs_its_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "dangjian.running.share", "--root", str(tmp_path)], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"{tmp_path / 'reports' / 'index.html'}\n"
    assert (tmp_path / "reports" / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --------------------------------------------------------------------------- indicators from the tables


def test_indicators_of_one_corpus_folder_are_read_from_its_tables(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    (project / "county").mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    for path in (LIB.parents[1] / "data" / "raw").iterdir():
        shutil.copy(path, project / "county" / path.name)
    monkeypatch.chdir(project)
    out = tmp_path / "out"
    # the old route: the folder loaded, cleaned and segmented in memory (still taken with --follow-symlinks)
    assert main(["indicators", "county", "--follow-symlinks", "--out", str(out / "memory.csv"), "--excluded", str(out / "memory-excluded.csv")]) == 0
    assert main(["indicators", "county", "--out", str(out / "first.csv")]) == 0
    tables = project / "runs" / "county" / "data" / "processed" / "tables"
    assert (tables / "_manifest.json").is_file()

    def refuse(*args, **kwargs):
        raise AssertionError("the per-document pipeline was called")

    for name in ("process_corpus", "process", "process_document", "process_paths"):
        monkeypatch.setattr(dangjian.segmentation.pipeline, name, refuse)
    monkeypatch.setattr(dangjian.cli.indicators, "process", refuse)
    capsys.readouterr()
    assert main(["indicators", "county", "--out", str(out / "tables.csv"), "--excluded", str(out / "tables-excluded.csv")]) == 0
    assert capsys.readouterr().out.endswith(f"from 5 document(s) -> {out / 'tables.csv'}\n")
    assert (out / "tables.csv").read_bytes() == (out / "memory.csv").read_bytes() == (out / "first.csv").read_bytes()
    assert (out / "tables-excluded.csv").read_bytes() == (out / "memory-excluded.csv").read_bytes()
    assert len((out / "tables.csv").read_text(encoding="utf-8-sig").splitlines()) > 100


def test_share_refuses_a_run_name_that_is_a_path(tmp_path):
    """``--name ../x`` used to write ``<root>/x/reports/index.html``: a run name is a plain name."""
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "dangjian.running.share", "--root", str(tmp_path), "--name", "../x"],
                               capture_output=True, text=True)
    assert completed.returncode == 2 and "run name '../x'" in completed.stderr
    assert not any(tmp_path.rglob("index.html")) and not (tmp_path.parent / "x").exists()


@pytest.mark.parametrize("command", ["process", "export"])
def test_commands_that_keep_tables_in_a_run_refuse_to_run_outside_a_project(tmp_path, monkeypatch, capsys, command):
    corpus = tmp_path / "reports"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "raw", corpus)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = [command, str(corpus)] + (["--out", str(tmp_path / "exported")] if command == "export" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "is not inside a project folder (no pyproject.toml in it or above it)" in err and err.count("\n") == 1
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "exported").exists()  # no runs/ made where the command was typed
    if command == "process":  # with the folders given, it runs anywhere
        assert main([command, str(corpus), "--out", str(tmp_path / "tables"), "--cache", str(tmp_path / "cache")]) == 0
        assert (tmp_path / "tables" / "documents").is_dir()
