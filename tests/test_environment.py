"""The two ways to install (pyproject.toml via pip, environment.yml via conda) stay in step,
and the Makefile / CI wiring does the whole set-up."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

#: conda-forge package name -> PyPI distribution name, where they differ.
CONDA_TO_PYPI = {
    "matplotlib-base": "matplotlib",
}
#: Entries of environment.yml that are not project dependencies.
ENVIRONMENT_ONLY = {"python", "pip"}

_CONDA_SPEC = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*?)\s*$")


def pyproject_requirements(project_root) -> dict[str, Requirement]:
    data = tomllib.loads((project_root / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    requirements = [*project["dependencies"], *project.get("optional-dependencies", {}).get("test", [])]
    parsed = [Requirement(text) for text in requirements]
    names = [canonicalize_name(r.name) for r in parsed]
    assert len(names) == len(set(names)), f"pyproject.toml lists a dependency twice: {sorted(names)}"
    return dict(zip(names, parsed))


def environment(project_root) -> dict:
    return yaml.safe_load((project_root / "environment.yml").read_text(encoding="utf-8"))


def environment_requirements(project_root) -> tuple[dict[str, SpecifierSet], dict[str, SpecifierSet], list[str]]:
    """(conda deps by PyPI name, pip deps by name, pip lines that are not requirements such as `-e .`)."""
    conda: dict[str, SpecifierSet] = {}
    pip: dict[str, SpecifierSet] = {}
    options: list[str] = []
    for entry in environment(project_root)["dependencies"]:
        if isinstance(entry, dict):
            for line in entry["pip"]:
                if line.startswith("-"):
                    options.append(line)
                    continue
                requirement = Requirement(line)
                pip[canonicalize_name(requirement.name)] = requirement.specifier
            continue
        match = _CONDA_SPEC.match(entry)
        assert match, f"environment.yml: cannot read dependency {entry!r}"
        name, spec = match.groups()
        if name in ENVIRONMENT_ONLY:
            continue
        conda[canonicalize_name(CONDA_TO_PYPI.get(name, name))] = SpecifierSet(spec)
    return conda, pip, options


def test_environment_yml_has_the_same_dependency_names_as_pyproject(project_root):
    wanted = set(pyproject_requirements(project_root))
    conda, pip, _ = environment_requirements(project_root)
    assert not set(conda) & set(pip), f"listed both for conda and pip: {sorted(set(conda) & set(pip))}"
    provided = set(conda) | set(pip)
    assert sorted(wanted - provided) == [], "in pyproject.toml but missing from environment.yml"
    assert sorted(provided - wanted) == [], "in environment.yml but not in pyproject.toml"


def test_environment_yml_uses_the_same_version_ranges(project_root):
    wanted = pyproject_requirements(project_root)
    conda, pip, _ = environment_requirements(project_root)
    mismatched = {
        name: (str(wanted[name].specifier), str(spec))
        for name, spec in {**conda, **pip}.items()
        if name in wanted and spec != wanted[name].specifier
    }
    assert mismatched == {}, "version ranges differ (pyproject.toml, environment.yml)"


def test_environment_yml_layout(project_root):
    env = environment(project_root)
    assert env["name"] == "dangjian"
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
    assert "pip" in env["dependencies"]
    _, _, options = environment_requirements(project_root)
    assert options == ["-e ."]
    requires = SpecifierSet(tomllib.loads((project_root / "pyproject.toml").read_text())["project"]["requires-python"])
    assert Version("3.11") in requires


def test_every_dependency_name_is_a_valid_requirement(project_root):
    for name, requirement in pyproject_requirements(project_root).items():
        assert requirement.specifier, f"pyproject.toml: {name} needs a version range"


def make_dry_run(project_root, tmp_path, target: str) -> str:
    """The commands `make <target>` would run on a machine without .venv (nothing is executed)."""
    completed = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", f"VENV={tmp_path / 'venv'}", target],
        cwd=project_root,
        capture_output=True,
        text=True,
        check=True,
        # when the suite itself runs under `make test`, do not inherit the outer make's flags
        env={k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}},
    )
    return completed.stdout


def test_make_test_sets_everything_up_on_a_fresh_machine(project_root, tmp_path):
    venv = tmp_path / "venv"
    commands = make_dry_run(project_root, tmp_path, "test")
    steps = [
        f"python3.11 -m venv {venv}",
        f"{venv}/bin/python -m pip install -e '.[test]'",
        f"touch {venv}/.installed",
        f'{venv}/bin/python -m ipykernel install --sys-prefix --name dangjian --display-name "Python (dangjian)"',
        f"{venv}/bin/python -m pytest -q",
    ]
    positions = [commands.find(step) for step in steps]
    assert -1 not in positions, commands
    assert positions == sorted(positions), commands
    assert f"python3 -m venv {venv}" in commands  # the fallback when python3.11 is absent


def test_make_run_runs_the_notebooks_after_setup(project_root, tmp_path):
    commands = make_dry_run(project_root, tmp_path, "run")
    assert "ipykernel install --sys-prefix --name dangjian" in commands
    assert commands.rstrip().endswith(f"{tmp_path / 'venv'}/bin/dangjian run")


def test_clean_outputs_never_touches_raw_data(project_root, tmp_path):
    commands = make_dry_run(project_root, tmp_path, "clean-outputs")
    assert "data/processed" in commands and "figures" in commands and "reports" in commands
    assert "data/raw" not in commands


def test_ci_script_runs_make_test(project_root):
    script = project_root / ".ci" / "run"
    assert os.access(script, os.X_OK)
    text = script.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    assert text.rstrip().splitlines()[-1] == "make test"


def test_pre_commit_strips_papermill_metadata_and_syncs_pairs(project_root):
    config = yaml.safe_load((project_root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    extra = hooks["nbstripout"]["args"][hooks["nbstripout"]["args"].index("--extra-keys") + 1].split()
    assert {"metadata.papermill", "cell.metadata.papermill", "cell.metadata.execution"} <= set(extra)
    assert "--sync" in hooks["jupytext"]["args"]
    pairing = tomllib.loads((project_root / "jupytext.toml").read_text(encoding="utf-8"))
    assert pairing["formats"] == "notebooks///ipynb,notebooks///py:percent"


def test_every_notebook_script_has_its_paired_ipynb(project_root):
    scripts = sorted(project_root.glob("notebooks/*.py"))
    if not scripts:
        pytest.skip("no notebooks yet")
    missing = [s.name for s in scripts if not s.with_suffix(".ipynb").is_file()]
    assert missing == []
