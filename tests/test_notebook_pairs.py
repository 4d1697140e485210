"""Notebooks are kept as stripped .ipynb files paired with py:percent scripts that say the same.

The pairing is declared in jupytext.toml; `make notebooks` (jupytext --sync) and the pre-commit
hooks (nbstripout, jupytext) keep the pairs in step. These tests catch a pair edited on one side only,
a notebook committed with outputs, and a parameter file that points at nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import jupytext
import pytest

from dangjian.project.params import PARAMETERS_TAG, find_parameter_files, load_report_spec, read_notebook_parameters

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
SCRIPTS = sorted((PROJECT_ROOT / "notebooks").glob("*.py"))
PARAMETER_FILES = find_parameter_files(PROJECT_ROOT)


def cell_summary(notebook) -> list[tuple[str, str, tuple[str, ...]]]:
    """(type, source without trailing blanks, tags) of every cell: what a reader of either file sees."""
    return [
        (cell.cell_type, cell.source.rstrip(), tuple(sorted(cell.metadata.get("tags", []))))
        for cell in notebook.cells
    ]


def test_there_are_notebooks_and_parameter_files():
    assert NOTEBOOKS and PARAMETER_FILES


def test_pairing_is_declared_for_the_notebooks_folder():
    config = (PROJECT_ROOT / "jupytext.toml").read_text(encoding="utf-8")
    assert 'formats = "notebooks///ipynb,notebooks///py:percent"' in config


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_its_py_percent_twin(notebook):
    script = notebook.with_suffix(".py")
    assert script.is_file(), f"{notebook.name} has no paired {script.name}; run `make notebooks`"
    header = script.read_text(encoding="utf-8")
    assert "format_name: percent" in header, f"{script.name} is not a py:percent script"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_has_its_notebook(script):
    assert script.with_suffix(".ipynb").is_file(), f"{script.name} has no paired .ipynb; run `make notebooks`"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_pair_is_in_sync(notebook):
    script = notebook.with_suffix(".py")
    if not script.is_file():
        pytest.fail(f"{notebook.name} has no paired {script.name}")
    from_ipynb = cell_summary(jupytext.read(notebook))
    from_script = cell_summary(jupytext.read(script))
    assert len(from_ipynb) == len(from_script), (
        f"{notebook.name} has {len(from_ipynb)} cells, {script.name} {len(from_script)}: run `make notebooks`"
    )
    for index, (left, right) in enumerate(zip(from_ipynb, from_script)):
        assert left == right, f"cell {index} differs between {notebook.name} and {script.name}: run `make notebooks`"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stripped(notebook):
    data = json.loads(notebook.read_text(encoding="utf-8"))
    assert "papermill" not in data.get("metadata", {}), f"{notebook.name} carries papermill metadata"
    for index, cell in enumerate(data["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{notebook.name} cell {index} has outputs"
            assert cell.get("execution_count") is None, f"{notebook.name} cell {index} has an execution count"
        leftovers = {"papermill", "execution"} & set(cell.get("metadata", {}))
        assert not leftovers, f"{notebook.name} cell {index} carries {sorted(leftovers)} metadata"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_one_parameters_cell(notebook):
    tagged = [cell for cell in jupytext.read(notebook).cells if PARAMETERS_TAG in cell.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code", f"{notebook.name}: need one code cell tagged parameters"
    assert read_notebook_parameters(notebook), f"{notebook.name}: the parameters cell assigns nothing"


@pytest.mark.parametrize("parameter_file", PARAMETER_FILES, ids=lambda p: p.name)
def test_parameter_file_names_an_existing_notebook(parameter_file):
    spec = load_report_spec(parameter_file, PROJECT_ROOT)  # also checks the parameters against the notebook
    assert (PROJECT_ROOT / spec.notebook).is_file()
    assert (PROJECT_ROOT / spec.notebook).parent == PROJECT_ROOT / "notebooks"
