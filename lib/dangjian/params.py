"""Parameter files (``parameters/*.yaml``) and the notebooks' ``parameters`` cells, checked before a run.

A parameter file names a notebook and the values to inject::

    notebook: notebooks/01_keywords.ipynb
    description: Keywords of the county-level reports
    parameters:
      top_n: 30
      region: "0931"

The report it produces is called after the file (``01_keywords_county.yaml`` ->
``reports/01_keywords_county.ipynb``). Every key under ``parameters`` must be a variable assigned in
the notebook's cell tagged ``parameters``, and its value must have the type of that variable's default
(an int is accepted where a float is expected; a ``None`` default accepts anything).

YAML is read with the YAML 1.2 core rules, so ``0931``, ``yes``, ``2024-01-01`` and ``1:30`` stay
strings instead of becoming an octal number, a boolean, a date or a sexagesimal number; quoted
values are always strings.

Example:
    >>> load_yaml_text('year: "2024"\\ncode: 0931\\nflag: yes\\nalpha: 1e-3')
    {'year': '2024', 'code': '0931', 'flag': 'yes', 'alpha': 0.001}
"""

from __future__ import annotations

import ast
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PARAMETERS_TAG = "parameters"
ALLOWED_FILE_KEYS = ("notebook", "parameters", "description")


class ParameterError(ValueError):
    """A parameter file or a notebook's parameters cell is wrong; the message names the file."""


# --------------------------------------------------------------------------- YAML


class _CoreSchemaLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars and an error on duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_REPLACED_TAGS = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_CoreSchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"""^(?:[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+.0123456789"),
)


def load_yaml_text(text: str) -> Any:
    """Parse YAML text with core-schema scalars (leading-zero codes and yes/no stay strings).

    Example:
        >>> load_yaml_text("a: [1, 2.5, '3', 007, true, ~]")
        {'a': [1, 2.5, '3', '007', True, None]}
    """
    return yaml.load(text, Loader=_CoreSchemaLoader)  # noqa: S506 - a SafeLoader subclass


def load_yaml_file(path: str | os.PathLike[str]) -> Any:
    """Read a UTF-8 YAML file; a syntax error or duplicate key raises ParameterError naming the file.

    Example:
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.yaml"
        >>> _ = f.write_text("year: '2024'", encoding="utf-8")
        >>> load_yaml_file(f)
        {'year': '2024'}
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParameterError(f"{path}: parameter file does not exist") from None
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{path}: not UTF-8 text ({exc})") from None
    try:
        return load_yaml_text(text)
    except yaml.YAMLError as exc:
        raise ParameterError(f"{path}: invalid YAML: {exc}") from None


# --------------------------------------------------------------------------- notebook parameters


@dataclass(frozen=True)
class NotebookParameter:
    """One variable of a notebook's ``parameters`` cell.

    ``default`` is the literal value assigned in the cell; ``literal`` is False when the
    right-hand side is not a Python literal (then any value is accepted).
    """

    name: str
    default: Any
    source: str
    literal: bool = True

    @property
    def type_name(self) -> str:
        """Human-readable expected type, e.g. ``'int'``, ``'float'`` or ``'any'``.

        Example:
            >>> NotebookParameter("top_n", 20, "20").type_name
            'int'
        """
        if not self.literal or self.default is None:
            return "any"
        return type(self.default).__name__

    def accepts(self, value: Any) -> bool:
        """Return True if ``value`` may replace the default.

        Example:
            >>> NotebookParameter("alpha", 0.5, "0.5").accepts(1)
            True
            >>> NotebookParameter("top_n", 20, "20").accepts("20")
            False
        """
        return not self.literal or _matches(value, self.default)


def _matches(value: Any, default: Any) -> bool:
    """Does ``value`` have the type of ``default`` (recursively for homogeneous sequences)?"""
    if default is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        if not isinstance(value, (list, tuple)):
            return False
        element_types = {type(item) for item in default}
        if len(element_types) == 1 and default[0] is not None:
            return all(_matches(item, default[0]) for item in value)
        return True
    return isinstance(value, type(default))


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _parameters_cell(notebook: dict, path: Path) -> str:
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ParameterError(f"{path}: not a notebook (no list of cells)")
    tagged = [
        cell for cell in cells
        if isinstance(cell, dict) and PARAMETERS_TAG in (cell.get("metadata") or {}).get("tags", [])
    ]
    if not tagged:
        raise ParameterError(f"{path}: no cell is tagged {PARAMETERS_TAG!r}")
    if len(tagged) > 1:
        raise ParameterError(f"{path}: {len(tagged)} cells are tagged {PARAMETERS_TAG!r}; keep exactly one")
    if tagged[0].get("cell_type") != "code":
        raise ParameterError(f"{path}: the cell tagged {PARAMETERS_TAG!r} is not a code cell")
    return _cell_source(tagged[0])


def _without_magics(source: str) -> str:
    """Blank out IPython magic and shell lines so the cell parses as Python."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def parse_parameters_source(source: str, origin: str = "<parameters cell>") -> dict[str, NotebookParameter]:
    """Return the variables assigned at top level of a parameters cell's source, in order.

    Example:
        >>> params = parse_parameters_source("top_n = 20  # words per region\\nregions = ['甘肃']\\nseed: int = 0")
        >>> {name: p.type_name for name, p in params.items()}
        {'top_n': 'int', 'regions': 'list', 'seed': 'int'}
    """
    try:
        tree = ast.parse(_without_magics(source))
    except SyntaxError as exc:
        raise ParameterError(f"{origin}: the parameters cell is not valid Python ({exc.msg}, line {exc.lineno})") from None
    found: dict[str, NotebookParameter] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        try:
            default, literal = ast.literal_eval(value), True
        except (ValueError, TypeError, SyntaxError, RecursionError):
            default, literal = None, False
        for target in targets:
            if isinstance(target, ast.Name):
                found[target.id] = NotebookParameter(target.id, default, ast.unparse(value), literal)
    return found


def read_notebook_parameters(notebook_path: str | os.PathLike[str]) -> dict[str, NotebookParameter]:
    """Read the cell tagged ``parameters`` of an ``.ipynb`` file and return its variables.

    The notebook is read as plain JSON (nbformat 4 layout), which is all that is needed here.

    Example:
        >>> import nbformat, tempfile, pathlib
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell("year = 2024", metadata={"tags": ["parameters"]})]
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
        >>> nbformat.write(nb, path)
        >>> read_notebook_parameters(path)["year"].default
        2024
    """
    path = Path(notebook_path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"{path}: notebook does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParameterError(f"{path}: not a readable notebook ({type(exc).__name__}: {exc})") from None
    return parse_parameters_source(_parameters_cell(notebook, path), origin=str(path))


def describe_parameters(params: dict[str, NotebookParameter]) -> str:
    """One line per parameter: ``name (type, default ...)``, sorted by name.

    Example:
        >>> print(describe_parameters(parse_parameters_source("top_n = 20")))
          top_n (int, default 20)
    """
    if not params:
        return "  (the parameters cell assigns no variables)"
    return "\n".join(
        f"  {name} ({param.type_name}, default {param.source})" for name, param in sorted(params.items())
    )


# --------------------------------------------------------------------------- parameter files


@dataclass(frozen=True)
class ReportSpec:
    """A validated parameter file: which notebook to run with which values, and the report name."""

    name: str
    source: Path
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    description: str | None = None

    def output_path(self, project_root: str | os.PathLike[str]) -> Path:
        """Where the executed notebook goes: ``<root>/reports/<name>.ipynb``.

        Example:
            >>> ReportSpec("01_keywords", Path("p.yaml"), Path("n.ipynb")).output_path("/proj").as_posix()
            '/proj/reports/01_keywords.ipynb'
        """
        return Path(project_root) / "reports" / f"{self.name}.ipynb"


def _check_structure(data: Any, path: Path) -> tuple[str, dict[str, Any], str | None]:
    if not isinstance(data, dict):
        raise ParameterError(
            f"{path}: expected a mapping with keys 'notebook' and 'parameters', got {type(data).__name__}"
        )
    unknown = sorted(str(key) for key in data if key not in ALLOWED_FILE_KEYS)
    if unknown:
        raise ParameterError(
            f"{path}: unknown top-level key(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(ALLOWED_FILE_KEYS)}"
        )
    notebook = data.get("notebook")
    if not isinstance(notebook, str) or not notebook.strip():
        raise ParameterError(f"{path}: 'notebook' must be a path such as notebooks/00_corpus.ipynb")
    if not notebook.endswith(".ipynb"):
        raise ParameterError(f"{path}: 'notebook' must name an .ipynb file, got {notebook!r}")
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ParameterError(f"{path}: 'parameters' must be a mapping of name: value, got {type(parameters).__name__}")
    bad_keys = [key for key in parameters if not isinstance(key, str)]
    if bad_keys:
        raise ParameterError(f"{path}: parameter names must be strings, got {bad_keys!r}")
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        raise ParameterError(f"{path}: 'description' must be text")
    return notebook, parameters, description


def validate_parameters(
    values: dict[str, Any], declared: dict[str, NotebookParameter], *, source: Path, notebook: Path
) -> None:
    """Raise ParameterError unless every key is declared in the notebook with a matching type.

    Example:
        >>> declared = parse_parameters_source("top_n = 20")
        >>> validate_parameters({"top_n": 30}, declared, source=Path("p.yaml"), notebook=Path("n.ipynb"))
        >>> validate_parameters({"topn": 30}, declared, source=Path("p.yaml"), notebook=Path("n.ipynb"))
        Traceback (most recent call last):
        ...
        dangjian.params.ParameterError: p.yaml: unknown parameter 'topn' (not in the parameters cell of n.ipynb). Valid parameters:
          top_n (int, default 20)
    """
    for key, value in values.items():
        if key not in declared:
            raise ParameterError(
                f"{source}: unknown parameter {key!r} (not in the parameters cell of {notebook}). "
                f"Valid parameters:\n{describe_parameters(declared)}"
            )
        param = declared[key]
        if not param.accepts(value):
            raise ParameterError(
                f"{source}: parameter {key!r} must be {param.type_name} like its default "
                f"{param.source} in {notebook}, got {type(value).__name__} {value!r}"
                + (" (quote it in YAML to pass text)" if param.type_name == "str" else "")
                + f". Valid parameters:\n{describe_parameters(declared)}"
            )


def load_report_spec(path: str | os.PathLike[str], project_root: str | os.PathLike[str]) -> ReportSpec:
    """Read and validate one parameter file against its notebook (which must exist).

    Example:
        >>> import nbformat, tempfile, pathlib
        >>> root = pathlib.Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell("year = 2020", metadata={"tags": ["parameters"]})]
        >>> (root / "notebooks").mkdir()
        >>> nbformat.write(nb, root / "notebooks" / "00_corpus.ipynb")
        >>> _ = (root / "run.yaml").write_text("notebook: notebooks/00_corpus.ipynb\\nparameters: {year: 2024}")
        >>> spec = load_report_spec(root / "run.yaml", root)
        >>> spec.name, spec.parameters
        ('run', {'year': 2024})
    """
    path = Path(path)
    root = Path(project_root)
    notebook_text, parameters, description = _check_structure(load_yaml_file(path), path)
    notebook = Path(notebook_text)
    notebook_file = notebook if notebook.is_absolute() else root / notebook
    if not notebook_file.is_file():
        raise ParameterError(f"{path}: notebook {notebook_text!r} does not exist (looked for {notebook_file})")
    declared = read_notebook_parameters(notebook_file)
    validate_parameters(parameters, declared, source=path, notebook=notebook)
    return ReportSpec(
        name=path.stem, source=path, notebook=notebook, parameters=dict(parameters), description=description
    )


def find_parameter_files(project_root: str | os.PathLike[str]) -> list[Path]:
    """All ``parameters/*.yaml`` (and ``*.yml``) files of a project, sorted by name.

    Example:
        >>> import tempfile, pathlib
        >>> find_parameter_files(tempfile.mkdtemp())
        []
    """
    folder = Path(project_root) / "parameters"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
