"""The library reads one way: a module imports, at module level, only modules above it in the
module map of the README (or in its own row). An import that points down the map is a cycle waiting
to happen and a stage that reaches into a later one; imports inside functions (deferred, for the
command line and optional back-ends) are not counted."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parents[1] / "lib" / "dangjian"
#: The README's module map, row by row (modules of one row may import each other in either order).
ORDER = [
    ["io"], ["schema"], ["cache", "layout", "params"], ["corpus", "formats"], ["edits", "clean"], ["places", "metadata_guess"],
    ["segment", "pipeline"], ["formulas"], ["indicators"], ["tokenize"], ["status"], ["stream", "engine", "tables"],
    ["dtm", "inference"], ["keywords", "kwic", "drilldown"], ["captions", "plotting", "plotting_keywords"], ["topics"],
    ["compare", "exports", "plotting_indicators", "overview"], ["freshness", "runlock", "runner"], ["share"], ["cli"],
]
RANK = {module: row for row, modules in enumerate(ORDER) for module in modules}


def top_module(path: Path) -> str:
    return path.relative_to(LIBRARY).parts[0].removesuffix(".py")


def module_level_imports(path: Path) -> list[str]:
    """The dangjian modules ``path`` imports at module level (``if TYPE_CHECKING`` blocks aside)."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dangjian."):
            found.append(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found += [alias.name.split(".")[1] for alias in node.names if alias.name.startswith("dangjian.")]
    return found


SOURCES = sorted(p for p in LIBRARY.rglob("*.py") if p.name != "__main__.py" and top_module(p) != "__init__")


def test_every_module_is_on_the_map():
    assert {top_module(p) for p in SOURCES} == set(RANK)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(LIBRARY).as_posix())
def test_imports_point_up_the_map(path):
    here = RANK[top_module(path)]
    below = [m for m in module_level_imports(path) if m in RANK and RANK[m] > here]
    assert not below, f"{path.relative_to(LIBRARY)} imports {below}, below it in the module map"


def test_the_check_finds_an_import_that_points_down(tmp_path):
    source = LIBRARY / "io.py"
    assert RANK["tables"] > RANK[top_module(source)]
    assert "tables" in module_level_imports(_with_line(source, tmp_path, "from dangjian.tables import CorpusTables\n"))


def _with_line(source: Path, tmp_path: Path, line: str) -> Path:
    target = tmp_path / "io.py"
    target.write_text(line + source.read_text(encoding="utf-8"), encoding="utf-8")
    return target
