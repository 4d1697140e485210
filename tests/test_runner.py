"""`dangjian run`: parameter files validated against notebooks, then executed by papermill.

The execution tests build tiny notebooks in a temporary project and run them with the real papermill
and the real `dangjian` kernel; a module-scoped run keeps the number of kernel starts small.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import nbformat
import pytest

from dangjian import cli
from dangjian.project.params import (
    ParameterError,
    ReportSpec,
    find_parameter_files,
    load_report_spec,
    load_report_specs,
    load_yaml_file,
    load_yaml_text,
    parse_parameters_source,
    read_notebook_parameters,
)
from dangjian.running.freshness import Changes
from dangjian.running.runner import (
    RunResult,
    ensure_kernel,
    format_summary,
    select_reports,
)

PARAMETERS_CELL = 'year = 2020\nlabel = "全部"\nalpha = 0.5\nregions = ["甘肃", "贵州"]\nextra = None\n'
SENTINEL = b'{"sentinel": "earlier good report"}'


def write_notebook(root: Path, name: str, *cells: str, parameters: str = PARAMETERS_CELL) -> Path:
    """A notebook with a Markdown title, a tagged parameters cell and the given code cells."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {name}"),
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
        *[nbformat.v4.new_code_cell(source) for source in cells],
    ]
    path = root / "notebooks" / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_params(root: Path, stem: str, text: str) -> Path:
    path = root / "parameters" / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


WRITE_CELL = (
    "import json, pathlib\n"
    "pathlib.Path('data/processed').mkdir(parents=True, exist_ok=True)\n"
    "pathlib.Path('data/processed/seen.json').write_text(json.dumps("
    "{'year': [type(year).__name__, year], 'label': [type(label).__name__, label], "
    "'alpha': [type(alpha).__name__, alpha], 'regions': regions}, ensure_ascii=False), encoding='utf-8')\n"
    "print('wrote', year)"
)
FAIL_CELL = "raise ValueError(f'deliberate failure for {label}')"
SLOW_CELL = "import time\ntime.sleep(120)"


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["run", *args])
    return code, out.getvalue(), err.getvalue()


# ----------------------------------------------------------------- real execution


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """One `dangjian run` over a failing, a slow (timed out) and a succeeding notebook."""
    root = tmp_path_factory.mktemp("project")
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    write_notebook(root, "00_fail", "x = 1", FAIL_CELL, "print('never reached')")
    write_notebook(root, "01_slow", SLOW_CELL)
    write_notebook(root, "02_write", WRITE_CELL)
    write_params(root, "broken", "notebook: notebooks/00_fail.ipynb\nparameters:\n  label: 甘肃\n")
    write_params(root, "slow", "notebook: notebooks/01_slow.ipynb\n")
    write_params(
        root,
        "good",
        "notebook: notebooks/02_write.ipynb\ndescription: writes what it was given\n"
        'parameters:\n  year: 2024\n  label: "2024"\n  alpha: 1\n  regions: ["甘肃"]\n',
    )
    reports = root / "reports"
    reports.mkdir()
    (reports / "broken.ipynb").write_bytes(SENTINEL)
    (reports / "unrelated.ipynb").write_bytes(SENTINEL)
    # a timeout in fractions of a second (as a corpus's size gives) runs whole seconds: 5
    code, out, err = run_cli("--root", str(root), "--no-progress", "--timeout", "4.2")
    return {"root": root, "code": code, "out": out, "err": err}


def test_failure_exits_nonzero_naming_notebook_cell_and_error(executed):
    assert executed["code"] == 1
    out = executed["out"]
    failure = next(line for line in out.splitlines() if line.startswith("FAILED broken"))
    assert "notebooks/00_fail.ipynb" in failure
    # markdown 0, parameters 1, injected parameters 2, x = 1 3, the raising cell 4
    assert "cell 4 of the executed notebook" in failure
    assert "raise ValueError" in failure
    assert "ValueError: deliberate failure for 甘肃" in failure


def test_cell_timeout_is_a_failure_and_the_run_continues(executed):
    slow = next(line for line in executed["out"].splitlines() if line.startswith("FAILED slow"))
    assert "notebooks/01_slow.ipynb" in slow
    # markdown 0, parameters 1, the sleeping cell 2 (no injected cell: the file sets no parameters)
    assert "failed in cell 2 of the executed notebook (import time): CellTimeoutError" in slow
    assert "after 5 seconds" in slow


def test_notebook_after_failures_still_runs_with_injected_parameters(executed):
    root = executed["root"]
    report = root / "reports" / "good.ipynb"
    nb = nbformat.read(report, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "year = 2024" in injected[0].source
    assert nb.metadata.papermill.parameters["label"] == "2024"
    # cwd was the project root, the quoted "2024" arrived as text, the int 1 for a float as int
    seen = json.loads((root / "data" / "processed" / "seen.json").read_text(encoding="utf-8"))
    assert seen == {
        "year": ["int", 2024],
        "label": ["str", "2024"],
        "alpha": ["int", 1],
        "regions": ["甘肃"],
    }
    stream_outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"]
    assert any("wrote 2024" in o.text for o in stream_outputs)


def test_failure_leaves_earlier_reports_intact_and_keeps_the_failed_notebook(executed):
    reports = executed["root"] / "reports"
    assert (reports / "broken.ipynb").read_bytes() == SENTINEL
    assert (reports / "unrelated.ipynb").read_bytes() == SENTINEL
    failed = nbformat.read(reports / "broken.failed.ipynb", as_version=4)
    errors = [o for c in failed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ValueError"]
    assert sorted(p.name for p in reports.iterdir()) == [
        ".state",
        "broken.failed.ipynb",
        "broken.ipynb",
        "good.html",
        "good.ipynb",
        "index.html",
        "manifest.json",
        "run.log",
        "slow.failed.ipynb",
        "unrelated.ipynb",
    ]


def test_summary_table_lists_every_report_in_run_order(executed):
    lines = executed["out"].splitlines()
    header = lines.index(next(line for line in lines if line.startswith("report")))
    assert lines[header].split() == ["report", "notebook", "status", "seconds", "output", "files"]
    rows = [line.split() for line in lines[header + 1 : header + 4]]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("broken", "notebooks/00_fail.ipynb", "failed"),
        ("slow", "notebooks/01_slow.ipynb", "failed"),
        ("good", "notebooks/02_write.ipynb", "ok"),
    ]
    assert rows[2][4] == "reports/good.ipynb" and rows[2][5:] == ["none"]  # it writes no file in an output folder
    assert rows[0][4] == "-"
    assert float(rows[1][3]) >= 5.0  # the slow cell ran until the 5 s timeout


def test_cell_output_goes_to_the_log_file_not_the_console(executed):
    log = (executed["root"] / "reports" / "run.log").read_text(encoding="utf-8")
    assert "wrote 2024" in log and "ValueError: deliberate failure for 甘肃" in log
    assert "Executing notebook with kernel: dangjian" in log  # papermill's messages
    console = executed["out"] + executed["err"]
    assert "wrote 2024" not in console and "Executing" not in console and "WARNING" not in console
    assert "notebook output and messages: reports/run.log" in executed["out"]


def test_only_runs_the_selected_notebook(tmp_path):
    write_notebook(tmp_path, "00_fail", FAIL_CELL)
    write_notebook(tmp_path, "02_write", WRITE_CELL)
    write_params(tmp_path, "broken", "notebook: notebooks/00_fail.ipynb\n")
    write_params(tmp_path, "good", "notebook: notebooks/02_write.ipynb\nparameters: {year: 1999}\n")
    code, out, _ = run_cli("--root", str(tmp_path), "--only", "02_write.ipynb", "--no-progress")
    assert code == 0, out
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        ".state",
        "good.html",
        "good.ipynb",
        "index.html",
        "manifest.json",
        "run.log",
    ]
    seen = json.loads((tmp_path / "data/processed/seen.json").read_text(encoding="utf-8"))
    assert seen["year"] == ["int", 1999]


# ----------------------------------------------------------------- validation before running


@pytest.fixture
def project(tmp_path) -> Path:
    write_notebook(tmp_path, "01_keywords", "print(year)")
    return tmp_path


def test_unknown_key_names_file_key_and_lists_valid_keys_with_types(project):
    path = write_params(project, "kw", "notebook: notebooks/01_keywords.ipynb\nparameters:\n  yaer: 2024\n")
    with pytest.raises(ParameterError) as info:
        load_report_spec(path, project)
    message = str(info.value)
    assert str(path) in message and "'yaer'" in message
    for line in ["year (int, default 2020)", "label (str, default '全部')", "alpha (float, default 0.5)",
                 "regions (list, default ['甘肃', '贵州'])", "extra (any, default None)"]:
        assert line in message


@pytest.mark.parametrize(
    ("key", "yaml_value", "expected"),
    [
        ("year", "'2024'", "int"),
        ("year", "true", "int"),
        ("label", "1.5", "str"),
        ("regions", "[1, 2]", "list"),
        ("alpha", "{a: 1}", "float"),
        ("label", "~", "str"),
    ],
    ids=["str-for-int", "bool-for-int", "float-for-str", "int-items-for-str-list", "map-for-float", "null-for-str"],
)
def test_wrong_type_is_rejected_naming_the_expected_type(project, key, yaml_value, expected):
    path = write_params(project, "kw", f"notebook: notebooks/01_keywords.ipynb\nparameters:\n  {key}: {yaml_value}\n")
    with pytest.raises(ParameterError, match=rf"kw\.yaml: parameter '{key}' must be {expected} like its default"):
        load_report_spec(path, project)


def test_compatible_values_are_accepted(project):
    path = write_params(
        project,
        "kw",
        "notebook: notebooks/01_keywords.ipynb\ndescription: all fine\nparameters:\n"
        "  alpha: 2\n  extra: {anything: [1, 2]}\n  regions: []\n  label: '0931'\n",
    )
    spec = load_report_spec(path, project)
    assert spec == ReportSpec(
        name="kw",
        source=path,
        notebook=Path("notebooks/01_keywords.ipynb"),
        parameters={"alpha": 2, "extra": {"anything": [1, 2]}, "regions": [], "label": "0931"},
        description="all fine",
    )
    assert spec.output_path(project) == project / "reports" / "kw.ipynb"


def test_a_whole_number_for_a_text_parameter_is_passed_as_its_text(project):
    """`k: 4` where the notebook's default is `k = "auto"`: the notebook gets "4", as papermill's -p would accept."""
    path = write_params(project, "kw", "notebook: notebooks/01_keywords.ipynb\nparameters:\n  label: 4\n  year: 2024\n")
    assert load_report_spec(path, project).parameters == {"label": "4", "year": 2024}


def test_missing_notebook_names_both_files(project):
    path = write_params(project, "gone", "notebook: notebooks/09_missing.ipynb\n")
    with pytest.raises(ParameterError) as info:
        load_report_spec(path, project)
    assert str(path) in str(info.value)
    assert "notebooks/09_missing.ipynb" in str(info.value)
    assert "does not exist" in str(info.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- a\n- b\n", "expected a mapping"),
        ("notebook: notebooks/01_keywords.ipynb\nparams: {}\n", "unknown top-level key"),
        ("parameters: {}\n", "'notebook' must be a path"),
        ("notebook: notebooks/01_keywords.py\n", "must name an .ipynb file"),
        ("notebook: notebooks/01_keywords.ipynb\nparameters: [1]\n", "'parameters' must be a mapping"),
        ("notebook: notebooks/01_keywords.ipynb\nparameters: {year: 1, year: 2}\n", "duplicate key 'year'"),
        ("notebook: [unclosed\n", "invalid YAML"),
    ],
)
def test_malformed_parameter_files_get_clear_errors(project, text, problem):
    path = write_params(project, "bad", text)
    with pytest.raises(ParameterError, match=problem) as info:
        load_report_spec(path, project)
    assert str(info.value).startswith(str(path))


def test_cli_reports_all_invalid_files_and_runs_nothing(project):
    write_params(project, "a", "notebook: notebooks/01_keywords.ipynb\nparameters: {yaer: 1}\n")
    write_params(project, "b", "notebook: notebooks/nope.ipynb\n")
    write_params(project, "c", "notebook: notebooks/01_keywords.ipynb\n")
    code, out, err = run_cli("--root", str(project))
    assert code == 2
    assert "a.yaml: unknown parameter 'yaer'" in err
    assert "b.yaml: notebook 'notebooks/nope.ipynb' does not exist" in err
    assert "nothing was run" in err
    assert not (project / "reports").exists()


def test_cli_unknown_only_name_lists_available_reports(project):
    write_params(project, "kw", "notebook: notebooks/01_keywords.ipynb\n")
    code, _, err = run_cli("--root", str(project), "--only", "02_topics")
    assert code == 2
    assert "--only 02_topics: no such report or notebook; available: 01_keywords, kw" in err


def test_cli_without_parameter_files_fails(tmp_path):
    code, _, err = run_cli("--root", str(tmp_path))
    assert code == 2
    assert "no parameter files found" in err


def test_duplicate_report_names_are_rejected(project):
    first = write_params(project, "kw", "notebook: notebooks/01_keywords.ipynb\n")
    other = project / "more" / "kw.yaml"
    other.parent.mkdir()
    other.write_text("notebook: notebooks/01_keywords.ipynb\n", encoding="utf-8")
    specs, errors = load_report_specs([first, other], project)
    assert len(specs) == 2
    assert errors == [f"report name 'kw' comes from 2 parameter files ({first}, {other}); file names must be unique"]


# ----------------------------------------------------------------- YAML and the parameters cell


def test_quoted_values_stay_strings():
    data = load_yaml_text('year: "2024"\ncode: "0931"\nsingle: \'007\'\nplain: 2024\n')
    assert data == {"year": "2024", "code": "0931", "single": "007", "plain": 2024}
    assert [type(v) for v in data.values()] == [str, str, str, int]


def test_yaml_1_1_surprises_stay_strings():
    data = load_yaml_text("a: 0931\nb: 0731\nc: yes\nd: off\ne: 2024-01-01\nf: 1:30\ng: 1e-3\nh: .5\ni: -7\nj: True\n")
    assert data == {"a": "0931", "b": "0731", "c": "yes", "d": "off", "e": "2024-01-01", "f": "1:30",
                    "g": 0.001, "h": 0.5, "i": -7, "j": True}


def test_yaml_file_errors_name_the_file(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        load_yaml_file(tmp_path / "absent.yaml")
    path = tmp_path / "gbk.yaml"
    path.write_bytes("年份: 2024".encode("gbk"))
    with pytest.raises(ParameterError, match=rf"{path.name}: not UTF-8"):
        load_yaml_file(path)


def test_parameters_cell_parsing():
    params = parse_parameters_source(
        "%matplotlib inline\n# comment\nimport pathlib\ntop_n: int = 20\nseed = -1\n"
        "raw = pathlib.Path('data/raw')\na = b = 0.1\nratio = (1, 2)\n"
    )
    assert {name: p.type_name for name, p in params.items()} == {
        "top_n": "int", "seed": "int", "raw": "any", "a": "float", "b": "float", "ratio": "tuple"}
    assert params["raw"].accepts("elsewhere") and params["ratio"].accepts([3, 4])
    assert not params["top_n"].accepts(2.5)
    with pytest.raises(ParameterError, match="not valid Python"):
        parse_parameters_source("x = (", origin="nb.ipynb")


def test_notebook_without_or_with_two_parameters_cells_is_an_error(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ParameterError, match=r"n\.ipynb: no cell is tagged 'parameters'"):
        read_notebook_parameters(path)
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}) for _ in range(2)]
    nbformat.write(nb, path)
    with pytest.raises(ParameterError, match="2 cells are tagged"):
        read_notebook_parameters(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ParameterError, match="not a readable notebook"):
        read_notebook_parameters(path)


def test_select_reports_by_report_or_notebook_name():
    specs = [
        ReportSpec("corpus", Path("parameters/corpus.yaml"), Path("notebooks/00_corpus.ipynb")),
        ReportSpec("kw_a", Path("parameters/kw_a.yaml"), Path("notebooks/01_keywords.ipynb")),
        ReportSpec("kw_b", Path("parameters/kw_b.yaml"), Path("notebooks/01_keywords.ipynb")),
    ]
    assert [s.name for s in select_reports(specs, None)] == ["corpus", "kw_a", "kw_b"]
    assert [s.name for s in select_reports(specs, ["notebooks/01_keywords.ipynb"])] == ["kw_a", "kw_b"]
    assert [s.name for s in select_reports(specs, ["kw_b", "corpus.yaml"])] == ["corpus", "kw_b"]
    with pytest.raises(ParameterError, match="--only nope: no such report"):
        select_reports(specs, ["nope"])


def test_format_summary_aligns_columns(tmp_path):
    table = format_summary(
        [
            RunResult("corpus", Path("notebooks/00_corpus.ipynb"), "ok", 12.345, tmp_path / "reports" / "corpus.ipynb",
                      changes=Changes(changed=2, unchanged=3)),
            RunResult("kw", Path("notebooks/01_keywords.ipynb"), "failed", 3.0, None, "boom"),
            RunResult("tp", Path("notebooks/02_topics.ipynb"), "up to date", 0.0, tmp_path / "reports" / "tp.ipynb"),
        ],
        tmp_path,
    )
    assert table.splitlines() == [
        "report  notebook                     status      seconds  output                files",
        "corpus  notebooks/00_corpus.ipynb    ok             12.3  reports/corpus.ipynb  2 changed",
        "kw      notebooks/01_keywords.ipynb  failed          3.0  -                     -",
        "tp      notebooks/02_topics.ipynb    up to date      0.0  reports/tp.ipynb      reused",
    ]


def test_kernel_is_registered_in_this_environment():
    import sys

    from jupyter_client.kernelspec import KernelSpecManager

    folder = ensure_kernel()
    spec = KernelSpecManager().get_kernel_spec("dangjian")
    assert Path(spec.resource_dir) == folder
    assert spec.display_name == "Python (dangjian)"
    assert spec.argv[0] in {sys.executable, "python", "python3"}
    assert spec.env["ARROW_DEFAULT_MEMORY_POOL"] == "system"


def test_project_parameter_files_are_valid(project_root):
    files = find_parameter_files(project_root)
    if not files:
        pytest.skip("the project has no parameter files yet")
    specs, errors = load_report_specs(files, project_root)
    assert errors == []
    assert len(specs) == len(files)



# ----------------------------------------------------------------- JupyterLab (make lab)


def test_lab_hides_the_py_twins_and_shows_everything_else(project_root):
    """The file browser of `make lab` lists notebooks/NN_name.ipynb only, not their .py twins."""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    config = json.loads((project_root / "jupyter_server_config.json").read_text(encoding="utf-8"))
    manager = FileContentsManager(root_dir=str(project_root), **config["ContentsManager"])
    listed = {item["name"] for item in manager.get("notebooks", content=True)["content"]}
    assert "00_corpus.ipynb" in listed and not any(name.endswith(".py") for name in listed)
    assert "runner.py" in {item["name"] for item in manager.get("lib/dangjian/running", content=True)["content"]}
    assert manager.get("notebooks/00_corpus.py", content=False)["type"] == "file"  # hidden, still readable


def test_make_lab_uses_the_project_config_and_allows_root(project_root):
    import os
    import subprocess

    commands = subprocess.run(
        ["make", "--no-print-directory", "-n", "lab", "VENV=.venv-that-does-not-exist"],
        cwd=project_root, capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}},
    ).stdout
    assert "jupyter lab --config=jupyter_server_config.json" in commands
    assert ("--allow-root" in commands) == (os.geteuid() == 0)
