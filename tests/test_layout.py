"""The library's layout shows the data flow: every module lives in the package of its stage, and the
packages read one way.

:data:`STAGES` is the order of the top-level docstring of ``dangjian`` (and of the README's
Layout section). A package imports only itself, ``project`` and the packages before it; ``cli``, the
edge, may import any. An import that points down the order is a stage reaching into a later one.
Every import counts, inside functions too; imports under ``if TYPE_CHECKING`` (annotations only)
do not, and neither do the ``__main__`` modules, which only start the command line. Modules import
each other, at module level, without a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dangjian.running.engine import ENGINE_MODULES
from dangjian.segmentation.pipeline import PROCESSING_MODULES

LIBRARY = Path(__file__).resolve().parents[1] / "lib" / "dangjian"
#: The stages in the order data flows through them; ``project`` is what every stage uses.
STAGES = [
    "project", "reading", "cleaning", "metadata", "segmentation", "indicators", "tokens", "keywords", "topics",
    "comparison", "figures", "running", "cli",
]
RANK = {package: rank for rank, package in enumerate(STAGES)}


def module_name(path: Path, library: Path = LIBRARY) -> str:
    """The dotted name of a source file of the library.

    Example:
        >>> module_name(LIBRARY / "running" / "share" / "__init__.py"), module_name(LIBRARY / "tokens" / "dtm.py")
        ('dangjian.running.share', 'dangjian.tokens.dtm')
    """
    parts = path.relative_to(library.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str, library: Path = LIBRARY) -> bool:
    """True if ``name`` (``dangjian.x.y``) is a module or package of the library."""
    path = library.joinpath(*name.split(".")[1:])
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _targets(node: ast.Import | ast.ImportFrom, here: str, library: Path) -> list[str]:
    """The library modules one import statement loads (``from package import module`` names the module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "dangjian"]
    base = node.module or ""
    if node.level:
        package = here.split(".")[: len(here.split(".")) - node.level]
        base = ".".join(package + ([node.module] if node.module else []))
    if base.split(".")[0] != "dangjian":
        return []
    return [f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}", library) else base for alias in node.names]


def imports(path: Path, module_level: bool, library: Path = LIBRARY) -> list[str]:
    """The library modules ``path`` imports: at module level only, or everywhere (in functions too).

    Example:
        >>> imports(LIBRARY / "cleaning" / "clean.py", module_level=True)
        ['dangjian.cleaning.edits']
    """
    here = module_name(path, library)
    if path.name == "__init__.py":
        here += ".__init__"
    found: list[str] = []

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if _is_type_checking(node):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.extend(_targets(node, here, library))
            elif module_level and isinstance(node, (ast.If, ast.Try, ast.With)):
                for block in ("body", "orelse", "finalbody"):
                    visit(getattr(node, block, []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif not module_level:
                visit([child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt)])

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return list(dict.fromkeys(found))


def stage(name: str) -> str:
    """The stage package of a module: ``dangjian.running.share.index`` -> ``running``."""
    return name.split(".")[1] if name.count(".") else ""


def down_the_order(path: Path, library: Path = LIBRARY) -> list[str]:
    """The imports of ``path`` that reach into a later stage (or into no stage at all).

    Example:
        >>> down_the_order(LIBRARY / "tokens" / "dtm.py")
        []
    """
    own = stage(module_name(path, library))
    if own == "cli":
        return []
    allowed = {own, "project"} | {package for package in STAGES[: RANK[own]]}
    return [name for name in imports(path, module_level=False, library=library) if name != "dangjian" and stage(name) not in allowed]


def import_cycle(library: Path = LIBRARY) -> list[str]:
    """One cycle of module-level imports between the library's modules, or ``[]`` when there is none."""
    graph = {
        module_name(path, library): [name for name in imports(path, module_level=True, library=library) if name != module_name(path, library)]
        for path in sorted(library.rglob("*.py"))
    }
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = "open"
        trail.append(name)
        for target in graph.get(name, []):
            if state.get(target) == "open":
                return trail[trail.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        state[name] = "done"
        trail.pop()
        return []

    for name in graph:
        if name not in state:
            cycle = visit(name)
            if cycle:
                return cycle
    return []


SOURCES = sorted(p for p in LIBRARY.rglob("*.py") if p.name != "__main__.py" and p.parent != LIBRARY)


def test_no_module_at_the_top_of_the_package():
    assert sorted(p.name for p in LIBRARY.glob("*.py")) == ["__init__.py"]


def test_every_package_is_a_stage_in_the_order():
    packages = {p.name for p in LIBRARY.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(STAGES)


def test_the_package_docstring_shows_the_order():
    doc = ast.get_docstring(ast.parse((LIBRARY / "__init__.py").read_text(encoding="utf-8")))
    shown = [line.split()[0].rstrip("/") for line in doc.splitlines() if line.startswith("    ") and line.split()[0].endswith("/")]
    assert shown == STAGES


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(LIBRARY).as_posix())
def test_imports_point_up_the_order(path):
    below = down_the_order(path)
    assert not below, f"{path.relative_to(LIBRARY)} imports {below}, later in the order {STAGES}"


def test_no_import_cycle():
    assert import_cycle() == []


def test_the_cache_keys_name_modules_that_exist():
    """The modules whose code is part of a cache key: a name that no longer exists would drop its code from the key."""
    assert [name for name in (*ENGINE_MODULES, *PROCESSING_MODULES) if not is_module(f"dangjian.{name}")] == []


# --------------------------------------------------------------------------- the checks find what they look for


def _library(tmp_path: Path, files: dict[str, str]) -> Path:
    library = tmp_path / "dangjian"
    for name, source in {"__init__.py": "", **files}.items():
        path = library / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return library


def test_the_check_finds_an_import_that_points_down(tmp_path):
    library = _library(tmp_path, {
        "project/__init__.py": "", "project/io.py": "def f():\n    from dangjian.running.tables import CorpusTables\n",
        "running/__init__.py": "", "running/tables.py": "from dangjian.project import io\n",
    })
    assert down_the_order(library / "project" / "io.py", library) == ["dangjian.running.tables"]
    assert down_the_order(library / "running" / "tables.py", library) == []


def test_the_check_skips_annotations_only(tmp_path):
    library = _library(tmp_path, {
        "project/__init__.py": "", "project/io.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from dangjian.running import tables\n",
        "running/__init__.py": "", "running/tables.py": "",
    })
    assert down_the_order(library / "project" / "io.py", library) == []


def test_the_check_finds_a_cycle(tmp_path):
    library = _library(tmp_path, {
        "running/__init__.py": "",
        "running/runner.py": "from dangjian.running.status import format_status\n",
        "running/status.py": "try:\n    from dangjian.running import runner\nexcept ImportError:\n    runner = None\n",
    })
    assert import_cycle(library) == ["dangjian.running.runner", "dangjian.running.status", "dangjian.running.runner"]
    (library / "running" / "status.py").write_text("def later():\n    from dangjian.running import runner\n", encoding="utf-8")
    assert import_cycle(library) == []
