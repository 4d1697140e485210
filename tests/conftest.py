"""Shared fixtures: project paths, a headless matplotlib, a guard that data/raw/ is never written, and
one demo run of the real notebooks that the tests which run them start from."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = PROJECT_ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root (the folder holding pyproject.toml)."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """data/raw/: the five input documents and metadata.csv (read only)."""
    return RAW_DIR


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session", autouse=True)
def raw_data_is_never_written():
    """Fail the session if any test added, removed or changed a file under data/raw/."""
    before = _snapshot(RAW_DIR) if RAW_DIR.is_dir() else {}
    yield
    after = _snapshot(RAW_DIR) if RAW_DIR.is_dir() else {}
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"data/raw/ was modified during the tests: {changed}"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """A scratch project (see ``scratch_projects``) after one ``dangjian run`` of the corpus and
    indicators reports on a copy of data/raw/.

    The notebooks run once per session; a test takes its own copy with
    ``scratch_projects.copy_project`` and changes or runs that. The fixture fails the session if
    anything wrote to the project itself.
    """
    from scratch_projects import DEMO_REPORTS, file_digests, make_project, run

    root = make_project(tmp_path_factory.mktemp("demo") / "project", DEMO_REPORTS)
    code, out, err = run(root)
    assert code == 0, (out + err)[-3000:]
    made = file_digests(root)
    yield root
    assert file_digests(root) == made, "a test wrote into the shared demo run instead of a copy of it"


DEMO_GROUP = "demo-run"


def pytest_collection_modifyitems(config, items):
    """Group the tests for ``pytest -n N --dist loadgroup`` (as ``make test`` runs them): each test
    module stays on one worker, so its module fixtures are computed once, and every module that
    starts from ``demo_run`` shares one worker, so the demo notebooks run once per session.

    Without pytest-xdist the marks are inert and the tests run in their usual order.
    """
    modules = defaultdict(list)
    for item in items:
        modules[item.nodeid.split("::", 1)[0]].append(item)
    for module, module_items in modules.items():
        uses_demo = any("demo_run" in getattr(item, "fixturenames", ()) for item in module_items)
        group = DEMO_GROUP if uses_demo else module
        for item in module_items:
            item.add_marker(pytest.mark.xdist_group(group))
