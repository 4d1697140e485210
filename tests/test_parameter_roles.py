"""What a notebook parameter is to a run (corpus, tables, cache, output folder, figure folder, figure
prefix, input) is what the notebook's parameters cell declares (``# role: <role>``), never a guess
from the parameter's name or from whether its value names an existing file."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from dangjian.project.layout import PARAMETER_ROLES, SINGLE_ROLES
from dangjian.project.params import (
    ParameterError,
    ReportSpec,
    describe_parameters,
    find_parameter_files,
    load_report_spec,
    parameter_roles,
    parse_parameters_source,
    read_notebook_parameters,
)
from dangjian.project.params import corpus_folders, output_folder_problems
from dangjian.running import freshness, share
from dangjian.running.runner import named_run, shared_output_problems

PROJECT_ROOT = Path(__file__).resolve().parents[1]

#: A plain ``*_dir`` value beside folders declared under names that say nothing of their role.
CELL = (
    'texts = "data/raw"  # role: corpus\n'
    'output_dir = "data/processed/plain"\n'
    'where = "data/processed/tiny"  # role: output — the tables of the report\n'
    'plots = "figures"  # role: figures\n'
    'stem = "tiny"  # role: figure_prefix\n'
    'scratch = "data/processed/cache"  # role: cache\n'
    'label = "# role: output"\n'
    "top_n = 20\n"
)


def write_notebook(root: Path, cell: str = CELL, name: str = "tiny") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiny"), nbformat.v4.new_code_cell(cell, metadata={"tags": ["parameters"]})]
    path = root / "notebooks" / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'roles'\n", encoding="utf-8")
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "a.txt").write_text("加强基层党组织建设。", encoding="utf-8")
    write_notebook(tmp_path)
    return tmp_path


def spec(root: Path, **parameters) -> ReportSpec:
    return ReportSpec("tiny", root / "parameters" / "tiny.yaml", Path("notebooks/tiny.ipynb"), parameters)


def test_roles_are_read_from_the_parameters_cell_only():
    declared = parse_parameters_source(CELL)
    assert {name: param.role for name, param in declared.items()} == {
        "texts": "corpus",
        "output_dir": None,
        "where": "output",
        "plots": "figures",
        "stem": "figure_prefix",
        "scratch": "cache",
        "label": None,
        "top_n": None,
    }
    roles = {name: param.role for name, param in declared.items() if param.role}
    assert [roles.get(name, "value") for name in ("output_dir", "where", "top_n")] == ["value", "output", "value"]
    assert "where (str, default 'data/processed/tiny', role output)" in describe_parameters(declared)


def test_a_dir_parameter_without_a_role_is_not_an_output_and_a_declared_one_is(project):
    report = spec(project, output_dir="data/processed/elsewhere", where="data/processed/mine")
    watched = freshness.output_folders(report, project)
    assert project / "data" / "processed" / "mine" in watched
    assert project / "data" / "processed" / "elsewhere" not in watched
    assert project / "data" / "processed" / "plain" not in watched

    # A named run moves the folders the run writes, and leaves the plain value as it is.
    (project / "mine").mkdir()
    [named], layout = named_run([report], project, project / "mine")
    assert named.parameters["texts"] == "mine"
    assert named.parameters["where"] == "runs/mine/data/processed/mine"
    assert named.parameters["plots"] == "runs/mine/figures"
    assert named.parameters["scratch"] == "runs/mine/data/processed/cache"
    assert named.parameters["output_dir"] == "data/processed/elsewhere"
    assert "stem" not in named.parameters and "label" not in named.parameters


def test_only_declared_written_folders_are_checked_against_the_project_and_the_corpus(project):
    report = spec(project, texts="data/raw", where="data/raw/out", output_dir="/usr/share", plots="/usr/share")
    problems = output_folder_problems(report, project)
    assert len(problems) == 2
    assert "parameter 'where' ('data/raw/out')" in problems[0] and "write outputs outside the inputs" in problems[0]
    assert "parameter 'plots' ('/usr/share') lies outside the project" in problems[1]
    assert not any("output_dir" in problem for problem in problems)


def test_the_corpus_figures_and_prefix_are_the_declared_parameters(project):
    report = spec(project)
    assert corpus_folders([report], project) == [str(project / "data" / "raw")]
    assert share.figure_folders(report, project) == [project / "figures"]
    assert share.report_info(report, project).figure_prefix == "tiny"
    assert share.report_info(report, project).corpus == "data/raw"
    other = ReportSpec("other", project / "parameters" / "other.yaml", Path("notebooks/tiny.ipynb"), {"texts": "mine"})
    problems = shared_output_problems([report, other], project)
    assert [problem.split(" but ")[1].split(";")[0] for problem in problems] == [
        "both write data/processed/tiny",
        "both write figures figures/tiny*",
    ]


def test_only_declared_inputs_are_fingerprinted(project):
    (project / "region").write_text("an unrelated file named like a value", encoding="utf-8")
    (project / "taxonomy.yaml").write_text("categories: {}\n", encoding="utf-8")
    write_notebook(project, 'corpus_dir = "data/raw"  # role: corpus\ntaxonomy = ""  # role: input\ngroup = "region"\n')
    report = spec(project, taxonomy="taxonomy.yaml")
    assert [(key, path.name) for key, path in freshness.input_parameters(report, project)] == [
        ("corpus_dir", "raw"),
        ("taxonomy", "taxonomy.yaml"),
    ]
    before = freshness.inputs_fingerprint(report, project)
    (project / "region").write_text("changed", encoding="utf-8")
    assert freshness.inputs_fingerprint(report, project) == before
    (project / "taxonomy.yaml").write_text("categories: {a: []}\n", encoding="utf-8")
    assert freshness.inputs_fingerprint(report, project) != before


def test_the_figure_prefix_role_not_the_name_makes_a_value_part_of_file_names(project):
    (project / "parameters").mkdir()
    bad = project / "parameters" / "bad.yaml"
    bad.write_text("notebook: notebooks/tiny.ipynb\nparameters:\n  stem: ../x\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="parameter 'stem' starts figure file names"):
        load_report_spec(bad, project)
    write_notebook(project, 'figure_prefix = "x"\nstem = "x"  # role: figure_prefix\n')
    plain = project / "parameters" / "plain.yaml"
    plain.write_text("notebook: notebooks/tiny.ipynb\nparameters:\n  figure_prefix: a/b\n", encoding="utf-8")
    assert load_report_spec(plain, project).parameters == {"figure_prefix": "a/b"}


def test_a_parameter_file_may_set_only_parameters_the_notebook_declares(project):
    (project / "parameters").mkdir()
    path = project / "parameters" / "tiny.yaml"
    path.write_text("notebook: notebooks/tiny.ipynb\nparameters:\n  figures_dir: figures\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="unknown parameter 'figures_dir'"):
        load_report_spec(path, project)


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ('out = "x"  # role: outptu\n', "parameter 'out' declares role 'outptu'; the roles are corpus, input"),
        ('out = "x"  # Role: Output\n', "parameter 'out' declares role 'Output'; the roles are corpus, input"),
        ("top_n = 20  # role: output\n", "parameter 'top_n' declares role 'output', so its default must be text"),
        ('a = "x"  # role: corpus\nb = "y"  # role: corpus\n', "parameters 'a', 'b' all declare role 'corpus'"),
    ],
)
def test_a_wrong_declaration_is_an_error_naming_the_notebook(tmp_path, cell, problem):
    path = write_notebook(tmp_path, cell)
    with pytest.raises(ParameterError) as error:
        read_notebook_parameters(path)
    assert str(error.value).startswith(f"{path}: ") and problem in str(error.value)


def test_a_changed_declaration_is_read_again(tmp_path):
    path = write_notebook(tmp_path, 'where = "x"  # role: output\n')
    assert read_notebook_parameters(path)["where"].role == "output"
    write_notebook(tmp_path, 'where = "x"  # role: figures\n')
    assert read_notebook_parameters(path)["where"].role == "figures"


def test_the_project_notebooks_declare_every_folder_and_prefix_they_have():
    specs = [load_report_spec(path, PROJECT_ROOT) for path in find_parameter_files(PROJECT_ROOT)]
    assert specs
    for notebook in sorted({spec.notebook for spec in specs}):
        declared = read_notebook_parameters(PROJECT_ROOT / notebook)
        roles = {name: param.role for name, param in declared.items() if param.role}
        assert set(roles.values()) <= set(PARAMETER_ROLES)
        held = sorted(role for role in roles.values() if role in SINGLE_ROLES)
        assert held == sorted(SINGLE_ROLES), notebook
        assert "output" in roles.values(), notebook
        plain_paths = [name for name, param in declared.items() if not param.role and isinstance(param.default, str) and "/" in param.default]
        assert plain_paths == [], notebook
    by_name = parameter_roles(specs[0], PROJECT_ROOT)
    assert by_name["corpus_dir"] == "corpus" and by_name["corpus_tables_dir"] == "tables"


def test_asking_for_a_role_that_does_not_exist_is_an_error(project):
    from dangjian.project.params import ReportSpec, role_value

    write_notebook(project, 'figure_prefix = "x"  # role: figure_prefix\n')
    spec = ReportSpec("tiny", project / "tiny.yaml", Path("notebooks/tiny.ipynb"))
    assert role_value(spec, project, "figure_prefix") == "x"
    with pytest.raises(ValueError, match="unknown parameter role"):
        role_value(spec, project, "figure-prefix")


def test_a_grouping_column_the_corpus_lacks_stops_the_run_before_any_notebook(tmp_path):
    from scratch_projects import make_project, run

    root = make_project(tmp_path / "project", ["03_indicators"])
    parameters = root / "parameters" / "03_indicators.yaml"
    parameters.write_text(parameters.read_text(encoding="utf-8").replace("region_col: region", "region_col: regoin"), encoding="utf-8")
    code, out, err = run(root)
    assert code != 0
    assert "03_indicators.yaml: region_col = 'regoin' is no column of the documents of data/raw" in err
    assert "region, " in err.split("the columns are", 1)[1]  # the columns there are, to choose from
    assert not (root / "reports" / "03_indicators.ipynb").exists()
