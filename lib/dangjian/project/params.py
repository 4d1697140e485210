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
(an int is accepted where a float is expected, and a whole number where text is expected, passed as
its text: ``k: 4`` gives ``k = "4"``; a ``None`` default accepts anything).

What a parameter is to a run — the corpus folder, the corpus tables, the cache, an output folder, the
figure folder, the figure file-name prefix, another input — is declared in the same cell, by a
comment ``# role: <role>`` on its line (the roles are :data:`dangjian.project.layout.PARAMETER_ROLES`)::

    corpus_dir = "data/raw"  # role: corpus
    output_dir = "data/processed/topics"  # role: output — the topic tables
    top_n = 20

A parameter without a role is a plain value, whatever its name. The library reads the roles from the
notebook (:func:`parameter_roles`), never from a parameter's name.

The parameter files of a project are validated together (:func:`load_report_specs`): each file, the
folders it asks its report to write to (:func:`output_folder_problems`) and the uniqueness of the
report names; :func:`corpus_folders` lists the corpora they read.

YAML is read with the YAML 1.2 core rules, so ``0931``, ``yes``, ``2024-01-01`` and ``1:30`` stay
strings instead of becoming an octal number, a boolean, a date or a sexagesimal number; quoted
values are always strings.

A parameter file is small and plain, and one that is not is refused before anything is read into
memory or run: at most :data:`MAX_FILE_BYTES` bytes, no anchors or aliases (``&name``, ``*name``:
a few hundred bytes of them expand to gigabytes), at most :data:`MAX_DEPTH` levels of nesting and
:data:`MAX_NODES` values. Each parameter's text is at most :data:`MAX_TEXT_CHARS` characters and
each list or mapping at most :data:`MAX_ITEMS` items; a value that becomes part of a file name
(a parameter of role ``figure_prefix``, and the report name) is at most
:data:`~dangjian.project.layout.MAX_NAME_BYTES` bytes of letters, digits, ``_``, ``-`` and ``.``. Messages show at most
:data:`SHOWN_CHARS` characters of a value. The notebook it names lies in the project's
``notebooks/`` folder (:func:`is_project_notebook`): a parameter file chooses among the project's
notebooks and never makes code from elsewhere run.

Example:
    >>> load_yaml_text('year: "2024"\\ncode: 0931\\nflag: yes\\nalpha: 1e-3')
    {'year': '2024', 'code': '0931', 'flag': 'yes', 'alpha': 0.001}
"""

from __future__ import annotations

import ast
import copy
import hashlib
import io
import json
import os
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from dangjian.project.io import MAX_FILE_PART_BYTES, UnsafePathError, check_output_outside
from dangjian.project.layout import (
    MAX_NAME_BYTES,
    PARAMETER_ROLES,
    RUNS_FOLDER,
    SINGLE_ROLES,
    WRITTEN_ROLES,
    RunLayout,
    name_part_problem,
)

PARAMETERS_TAG = "parameters"
ALLOWED_FILE_KEYS = ("notebook", "parameters", "description")

#: Largest parameter file read, in bytes.
MAX_FILE_BYTES = 200_000
#: Deepest nesting of mappings and lists in a parameter file (the file's own mapping counts).
MAX_DEPTH = 10
#: Most values (scalars, lists, mappings) in a parameter file.
MAX_NODES = 10_000
#: Longest text value, in characters.
MAX_TEXT_CHARS = 4096
#: Most items in one list or mapping.
MAX_ITEMS = 1_000
#: The role of the parameters whose value becomes part of file names.
NAME_ROLE = "figure_prefix"
#: How a parameters cell declares a parameter's role: a comment on its line starting ``# role: <role>``
#: (``# Role:`` too, so that a misspelt role is an error rather than a plain value).
ROLE_COMMENT = re.compile(r"#\s*(?i:role)\s*:\s*([\w-]*)")
#: Characters of a value that an error message shows.
SHOWN_CHARS = 80


class ParameterError(ValueError):
    """A parameter file or a notebook's parameters cell is wrong; the message names the file."""


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """``repr(value)`` cut to ``limit`` characters, with the full length said, for error messages.

    Example:
        >>> shown("年度报告")
        "'年度报告'"
        >>> shown("x" * 300, limit=10)
        "'xxxxxxxxx… (302 characters)"
    """
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


# --------------------------------------------------------------------------- YAML


class _Refused(yaml.composer.ComposerError):
    """Well-formed YAML that a parameter file may not hold (anchors, deep nesting, too many values)."""


class _CoreSchemaLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars, an error on duplicate keys, and no anchors,
    aliases, deep nesting or excess of values."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                None, None, "anchors and aliases (&name, *name) are not allowed in a parameter file; "
                "write each value out", event.start_mark
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(None, None, f"more than {MAX_NODES:,} values; a parameter file holds a few", event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            if self._depth >= MAX_DEPTH:
                raise _Refused(None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: the base class says so
                break
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {shown(key)}", key_node.start_mark
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
        if not path.is_file():
            problem = "does not exist" if not path.exists() else "is not a regular file"
            raise ParameterError(f"{path}: parameter file {problem}")
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ParameterError(f"{path}: cannot read the parameter file: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ParameterError(
            f"{path}: larger than {MAX_FILE_BYTES:,} bytes; a parameter file names a notebook and a few values"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    try:
        return load_yaml_text(text)
    except yaml.YAMLError as exc:
        raise ParameterError(f"{path}: {yaml_problem(exc)}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value that does not convert: !!int abc, 5000 digits
        raise ParameterError(f"{path}: invalid value: {shown(' '.join(str(exc).split()), 4 * SHOWN_CHARS)}") from None


def yaml_problem(exc: yaml.YAMLError) -> str:
    """One line saying where and what the YAML problem is.

    Example:
        >>> try:
        ...     load_yaml_text("a: &x 1\\nb: *x")
        ... except yaml.YAMLError as exc:
        ...     print(yaml_problem(exc))
        line 1, column 4: anchors and aliases (&name, *name) are not allowed in a parameter file; write each value out
    """
    where = ""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        where = f"line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1}: "
    if isinstance(exc, _Refused):
        return f"{where}{exc.problem}"
    if isinstance(exc, yaml.MarkedYAMLError):
        context = f" ({exc.context})" if exc.context else ""
        detail = f"{exc.problem}{context}"
    else:
        detail = str(exc)
    detail = " ".join(detail.split())
    if len(detail) > 4 * SHOWN_CHARS:
        detail = detail[: 4 * SHOWN_CHARS] + "…"
    return f"invalid YAML: {where}{detail}"


# --------------------------------------------------------------------------- notebook parameters


@dataclass(frozen=True)
class NotebookParameter:
    """One variable of a notebook's ``parameters`` cell.

    ``default`` is the literal value assigned in the cell; ``literal`` is False when the
    right-hand side is not a Python literal (then any value is accepted); ``role`` is what the cell
    declares the parameter to be to a run (``# role: output``, see
    :data:`dangjian.project.layout.PARAMETER_ROLES`), None for a plain value.
    """

    name: str
    default: Any
    source: str
    literal: bool = True
    role: str | None = None

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


def _comments(source: str) -> dict[int, str]:
    """The comment of each line of Python ``source`` that has one (1-based line numbers).

    Example:
        >>> _comments('a = "#x"  # role: output\\nb = 1')
        {1: '# role: output'}
    """
    found = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                found[token.start[0]] = token.string
    except (tokenize.TokenError, SyntaxError):  # the source parsed already; an odd ending loses nothing
        pass
    return found


def declared_role(comments: list[str]) -> str | None:
    """The role a parameter's comments declare (``# role: <role>``), None if they declare none.

    Example:
        >>> declared_role(["# role: output — folder of the tables"]), declared_role(["# words per region"])
        ('output', None)
        >>> declared_role(["# Role: Output"])
        'Output'
    """
    roles = [match.group(1) for match in (ROLE_COMMENT.match(comment) for comment in comments) if match]
    return roles[0] if roles else None


def _check_roles(found: dict[str, NotebookParameter], origin: str) -> None:
    """Raise ParameterError for an unknown role, a role on a parameter that is not text, or a role
    that only one parameter may have (:data:`dangjian.project.layout.SINGLE_ROLES`) declared twice."""
    holders: dict[str, list[str]] = {}
    for name, param in found.items():
        if param.role is None:
            continue
        if param.role not in PARAMETER_ROLES:
            raise ParameterError(
                f"{origin}: parameter {name!r} declares role {shown(param.role)}; "
                f"the roles are {', '.join(PARAMETER_ROLES)}"
            )
        if not (param.literal and isinstance(param.default, str)):
            raise ParameterError(
                f"{origin}: parameter {name!r} declares role {param.role!r}, so its default must be text "
                f"(a path or a name), not {param.source}"
            )
        holders.setdefault(param.role, []).append(name)
    for role in SINGLE_ROLES:
        if len(holders.get(role, [])) > 1:
            raise ParameterError(
                f"{origin}: parameters {', '.join(map(repr, holders[role]))} all declare role {role!r}; "
                "one parameter of a notebook has it"
            )


def parse_parameters_source(source: str, origin: str = "<parameters cell>") -> dict[str, NotebookParameter]:
    """Return the variables assigned at top level of a parameters cell's source, in order, each with
    the role its line declares (``# role: <role>``).

    Example:
        >>> params = parse_parameters_source("top_n = 20  # words per region\\nregions = ['甘肃']\\nseed: int = 0")
        >>> {name: p.type_name for name, p in params.items()}
        {'top_n': 'int', 'regions': 'list', 'seed': 'int'}
        >>> params = parse_parameters_source('corpus_dir = "data/raw"  # role: corpus\\nwhere = "out"  # role: output')
        >>> {name: p.role for name, p in params.items()}
        {'corpus_dir': 'corpus', 'where': 'output'}
    """
    text = _without_magics(source)
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise ParameterError(f"{origin}: the parameters cell is not valid Python ({exc.msg}, line {exc.lineno})") from None
    comments = _comments(text)
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
        lines = range(statement.lineno, (statement.end_lineno or statement.lineno) + 1)
        role = declared_role([comments[line] for line in lines if line in comments])
        for target in targets:
            if isinstance(target, ast.Name):
                found[target.id] = NotebookParameter(target.id, default, ast.unparse(value), literal, role)
    _check_roles(found, origin)
    return found


#: Parsed parameters cells, by notebook path and content digest (a notebook is read once per content).
_PARSED: dict[tuple[str, str], dict[str, NotebookParameter]] = {}
_PARSED_KEPT = 64


def read_notebook_parameters(notebook_path: str | os.PathLike[str]) -> dict[str, NotebookParameter]:
    """Read the cell tagged ``parameters`` of an ``.ipynb`` file and return its variables.

    The notebook is read as plain JSON (nbformat 4 layout), which is all that is needed here; a
    notebook is parsed once for each content it has.

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
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParameterError(f"{path}: notebook does not exist") from None
    except OSError as exc:
        raise ParameterError(f"{path}: cannot read the notebook: {exc.strerror or exc}") from None
    key = (str(path), hashlib.sha256(data).hexdigest())
    if key not in _PARSED:
        try:
            notebook = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParameterError(f"{path}: not a readable notebook ({type(exc).__name__}: {exc})") from None
        if len(_PARSED) >= _PARSED_KEPT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = parse_parameters_source(_parameters_cell(notebook, path), origin=str(path))
    return dict(_PARSED[key])


def describe_parameters(params: dict[str, NotebookParameter]) -> str:
    """One line per parameter: ``name (type, default ..., role ...)``, sorted by name.

    Example:
        >>> print(describe_parameters(parse_parameters_source('top_n = 20\\nout = "x"  # role: output')))
          out (str, default 'x', role output)
          top_n (int, default 20)
    """
    if not params:
        return "  (the parameters cell assigns no variables)"
    return "\n".join(
        f"  {name} ({param.type_name}, default {param.source}{f', role {param.role}' if param.role else ''})"
        for name, param in sorted(params.items())
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
    #: The run the report belongs to: None for the project's run, else a named run (``runs/<run>/``).
    run: str | None = None

    def layout(self, project_root: str | os.PathLike[str]) -> RunLayout:
        """The folders of the report's run (see :mod:`dangjian.project.layout`).

        Example:
            >>> ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), run="mine").layout("/proj").reports.as_posix()
            '/proj/runs/mine/reports'
        """
        return RunLayout(Path(project_root), self.run)

    def output_path(self, project_root: str | os.PathLike[str]) -> Path:
        """Where the executed notebook goes: ``reports/<name>.ipynb`` of the report's run.

        Example:
            >>> ReportSpec("01_keywords", Path("p.yaml"), Path("n.ipynb")).output_path("/proj").as_posix()
            '/proj/reports/01_keywords.ipynb'
        """
        return self.layout(project_root).report(self.name)


def parameter_value(spec: ReportSpec, project_root: str | os.PathLike[str], key: str) -> Any:
    """The value a report's notebook runs with for ``key``: the parameter file's, else the default
    in the notebook's ``parameters`` cell, else None.

    Example:
        >>> import nbformat, tempfile, pathlib
        >>> root = pathlib.Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "data/raw"', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> spec = ReportSpec("a", root / "a.yaml", pathlib.Path("n.ipynb"))
        >>> parameter_value(spec, root, "corpus_dir"), parameter_value(spec, root, "output_dir")
        ('data/raw', None)
    """
    if key in spec.parameters:
        return spec.parameters[key]
    declared = notebook_parameters(spec, project_root).get(key)
    return copy.deepcopy(declared.default) if declared is not None and declared.literal else None


def notebook_parameters(spec: ReportSpec, project_root: str | os.PathLike[str]) -> dict[str, NotebookParameter]:
    """The parameters a report's notebook declares ({} when the notebook cannot be read: the
    parameter file's check says why).

    Example:
        >>> notebook_parameters(ReportSpec("a", Path("a.yaml"), Path("missing.ipynb")), "/nowhere")
        {}
    """
    notebook = spec.notebook if spec.notebook.is_absolute() else Path(project_root) / spec.notebook
    try:
        return read_notebook_parameters(notebook)
    except ParameterError:
        return {}


def roles_of(declared: dict[str, NotebookParameter]) -> dict[str, str]:
    """Parameter name -> declared role, for the parameters that declare one.

    Example:
        >>> roles_of(parse_parameters_source('corpus_dir = "data/raw"  # role: corpus\\nscratch_dir = "tmp"'))
        {'corpus_dir': 'corpus'}
    """
    return {name: param.role for name, param in declared.items() if param.role is not None}


def parameter_roles(spec: ReportSpec, project_root: str | os.PathLike[str]) -> dict[str, str]:
    """Parameter name -> role, as the report's notebook declares them (``# role: <role>``).

    Example:
        >>> import nbformat, tempfile, pathlib
        >>> root = pathlib.Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "data/raw"  # role: corpus\\nspill_dir = "x"',
        ...                                        metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> parameter_roles(ReportSpec("a", root / "a.yaml", pathlib.Path("n.ipynb")), root)
        {'corpus_dir': 'corpus'}
    """
    return roles_of(notebook_parameters(spec, project_root))


def role_parameters(spec: ReportSpec, project_root: str | os.PathLike[str], *roles: str) -> list[str]:
    """The names of the report's parameters that have one of ``roles``, in the cell's order. A role
    that is not one of :data:`dangjian.project.layout.PARAMETER_ROLES` is an error, so that a misspelt role
    asked for is never read as "no such parameter"."""
    unknown = [role for role in roles if role not in PARAMETER_ROLES]
    if unknown:
        raise ValueError(f"unknown parameter role(s) {unknown}; the roles are {', '.join(PARAMETER_ROLES)}")
    return [name for name, role in parameter_roles(spec, project_root).items() if role in roles]


def role_value(spec: ReportSpec, project_root: str | os.PathLike[str], role: str) -> Any:
    """The value the report runs with for its parameter of ``role`` (:func:`parameter_value`), None
    when its notebook declares no parameter with that role.

    Example:
        >>> import nbformat, tempfile, pathlib
        >>> root = pathlib.Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('where = "data/raw"  # role: corpus', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> spec = ReportSpec("a", root / "a.yaml", pathlib.Path("n.ipynb"))
        >>> role_value(spec, root, "corpus"), role_value(spec, root, "figures")
        ('data/raw', None)
    """
    names = role_parameters(spec, project_root, role)
    return parameter_value(spec, project_root, names[0]) if names else None


def value_problem(value: Any) -> str:
    """Why a parameter value is too large to be a parameter (``""`` when it is not): text longer than
    :data:`MAX_TEXT_CHARS` characters or a list or mapping of more than :data:`MAX_ITEMS` items,
    at any depth.

    Example:
        >>> value_problem(["甘肃", "贵州"]), value_problem("x" * 5000)
        ('', 'is text of 5,000 characters; at most 4,096 are allowed')
        >>> value_problem({"a": [1, "x" * 5000]})
        'holds text of 5,000 characters; at most 4,096 are allowed'
    """
    if isinstance(value, (str, bytes)):
        if len(value) > MAX_TEXT_CHARS:
            return f"is text of {len(value):,} characters; at most {MAX_TEXT_CHARS:,} are allowed"
        return ""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        if len(value) > MAX_ITEMS:
            return f"is a collection of {len(value):,} items; at most {MAX_ITEMS:,} are allowed"
        items = [item for pair in value.items() for item in pair] if isinstance(value, dict) else list(value)
        for item in items:
            problem = value_problem(item)
            if problem:
                return problem if problem.startswith("holds ") else "holds " + problem.removeprefix("is ")
    return ""


#: The folder of the project's notebooks, the only ones a parameter file can run.
NOTEBOOKS_FOLDER = "notebooks"


def is_project_notebook(notebook: str) -> bool:
    """Whether ``notebook`` (a parameter file's ``notebook``) names a file inside the project's
    :data:`NOTEBOOKS_FOLDER`: relative, first folder ``notebooks``, no ``..`` step. A parameter file is
    data; a notebook is code, so it may only choose among the notebooks the project holds.

    Example:
        >>> is_project_notebook("notebooks/00_corpus.ipynb"), is_project_notebook("notebooks/sub/x.ipynb")
        (True, True)
        >>> [is_project_notebook(n) for n in ("/tmp/x.ipynb", "data/raw/x.ipynb", "notebooks/../data/x.ipynb", "C:/x.ipynb")]
        [False, False, False, False]
    """
    parts = [part for part in re.split(r"[/\\]", notebook) if part not in ("", ".")]
    return (
        not PurePosixPath(notebook).is_absolute()
        and not PureWindowsPath(notebook).anchor
        and len(parts) > 1
        and parts[0] == NOTEBOOKS_FOLDER
        and ".." not in parts
    )


def _check_structure(data: Any, path: Path) -> tuple[str, dict[str, Any], str | None]:
    if not isinstance(data, dict):
        raise ParameterError(
            f"{path}: expected a mapping with keys 'notebook' and 'parameters', got {type(data).__name__}"
        )
    unknown = sorted(shown(key) for key in data if key not in ALLOWED_FILE_KEYS)
    if unknown:
        raise ParameterError(
            f"{path}: unknown top-level key(s) {', '.join(unknown[:10])}{' …' if len(unknown) > 10 else ''}; "
            f"allowed: {', '.join(ALLOWED_FILE_KEYS)}"
        )
    for key in ("notebook", "description"):
        problem = value_problem(data.get(key))
        if problem:
            raise ParameterError(f"{path}: {key!r} {problem}")
    notebook = data.get("notebook")
    if not isinstance(notebook, str) or not notebook.strip():
        raise ParameterError(f"{path}: 'notebook' must be a path such as notebooks/00_corpus.ipynb")
    if not notebook.endswith(".ipynb"):
        raise ParameterError(f"{path}: 'notebook' must name an .ipynb file, got {shown(notebook)}")
    if not is_project_notebook(notebook):
        raise ParameterError(
            f"{path}: 'notebook' must name a notebook of the project's {NOTEBOOKS_FOLDER}/ folder, such as "
            f"{NOTEBOOKS_FOLDER}/00_corpus.ipynb, got {shown(notebook)}: a parameter file never runs code from elsewhere"
        )
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ParameterError(f"{path}: 'parameters' must be a mapping of name: value, got {type(parameters).__name__}")
    bad_keys = [key for key in parameters if not isinstance(key, str)]
    if bad_keys:
        raise ParameterError(f"{path}: parameter names must be strings, got {shown(bad_keys)}")
    if len(parameters) > MAX_ITEMS:
        raise ParameterError(f"{path}: {len(parameters):,} parameters; at most {MAX_ITEMS:,} are allowed")
    for key, value in parameters.items():
        problem = value_problem(value)
        if problem:
            raise ParameterError(f"{path}: parameter {shown(key)} {problem}")
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        raise ParameterError(f"{path}: 'description' must be text")
    return notebook, parameters, description


def check_file_names(spec_name: str, values: dict[str, Any], *, source: Path, roles: dict[str, str]) -> None:
    """Raise ParameterError unless the report name and every parameter of role ``figure_prefix``
    (``roles``: parameter name -> declared role) can be part of a file name (:func:`~dangjian.project.layout.name_part_problem`);
    an empty prefix is allowed.

    Example:
        >>> roles = {"figure_prefix": "figure_prefix"}
        >>> check_file_names("kw", {"figure_prefix": "keywords", "label": "a/b"}, source=Path("kw.yaml"), roles=roles)
        >>> check_file_names("kw", {"figure_prefix": "../x"}, source=Path("kw.yaml"), roles={})
        >>> check_file_names("kw", {"figure_prefix": "../x"}, source=Path("kw.yaml"), roles=roles)
        Traceback (most recent call last):
        ...
        dangjian.project.params.ParameterError: kw.yaml: parameter 'figure_prefix' starts figure file names, and '../x' starts with '.'; use letters, digits, '_', '-' and '.', at most 100 bytes
    """
    advice = f"use letters, digits, '_', '-' and '.', at most {MAX_NAME_BYTES} bytes"
    problem = name_part_problem(spec_name)
    if problem:
        raise ParameterError(
            f"{source}: the report is named after the file, and {shown(spec_name)} {problem}; "
            f"rename the file ({advice}), e.g. 01_keywords_county.yaml"
        )
    for key, value in values.items():
        if roles.get(key) == NAME_ROLE and isinstance(value, str) and value:
            problem = name_part_problem(value)
            if problem:
                raise ParameterError(
                    f"{source}: parameter {key!r} starts figure file names, and {shown(value)} {problem}; {advice}"
                )


def as_declared(values: dict[str, Any], declared: dict[str, NotebookParameter]) -> dict[str, Any]:
    """``values`` with each whole number given for a text parameter turned into its text.

    A text parameter may take numbers (``k = "auto"`` or a whole number of topics, ``region`` codes),
    and YAML reads ``k: 4`` as a number; the notebook gets ``"4"``, as if it had been quoted. Other
    values are left for :func:`validate_parameters` to check (``1.5`` or ``true`` for text are errors:
    their text is not what was written, ``1.50`` or ``yes``).

    Example:
        >>> declared = parse_parameters_source('k = "auto"\\ntop_n = 10')
        >>> as_declared({"k": 4, "top_n": 20}, declared)
        {'k': '4', 'top_n': 20}
    """
    converted = dict(values)
    for key, value in values.items():
        param = declared.get(key)
        if (
            param is not None
            and param.literal
            and isinstance(param.default, str)
            and isinstance(value, int)
            and not isinstance(value, bool)
        ):
            converted[key] = str(value)
    return converted


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
        dangjian.project.params.ParameterError: p.yaml: unknown parameter 'topn' (not in the parameters cell of n.ipynb). Valid parameters:
          top_n (int, default 20)
    """
    for key, value in values.items():
        if key not in declared:
            raise ParameterError(
                f"{source}: unknown parameter {shown(key)} (not in the parameters cell of {notebook}). "
                f"Valid parameters:\n{describe_parameters(declared)}"
            )
        param = declared[key]
        if not param.accepts(value):
            raise ParameterError(
                f"{source}: parameter {key!r} must be {param.type_name} like its default "
                f"{param.source} in {notebook}, got {type(value).__name__} {shown(value)}"
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
    try:
        found = notebook_file.is_file()
    except OSError as exc:  # e.g. a name too long for the file system
        raise ParameterError(f"{path}: notebook {shown(notebook_text)} cannot be read: {exc.strerror or exc}") from None
    if not found:
        looked = str(notebook_file)
        looked = looked if len(looked) <= 4 * SHOWN_CHARS else shown(looked, 4 * SHOWN_CHARS)
        raise ParameterError(f"{path}: notebook {shown(notebook_text)} does not exist (looked for {looked})")
    declared = read_notebook_parameters(notebook_file)
    parameters = as_declared(parameters, declared)
    validate_parameters(parameters, declared, source=path, notebook=notebook)
    check_file_names(path.stem, parameters, source=path, roles=roles_of(declared))
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


# --------------------------------------------------------------------------- a project's report specs, validated together


#: Longest output folder a parameter may name, in bytes of UTF-8 once made absolute: half of
#: Linux's PATH_MAX, so that the files and folders a report writes below it still fit.
MAX_OUTPUT_FOLDER_BYTES = 2048


def folder_length_problem(folder: str | os.PathLike[str]) -> str:
    """Why a folder's path is too long to write into (``""`` when it is not): a name in it over
    :data:`dangjian.project.io.MAX_FILE_PART_BYTES` bytes, or the whole path over
    :data:`MAX_OUTPUT_FOLDER_BYTES` bytes (in UTF-8).

    Example:
        >>> folder_length_problem("/project/data/processed/topics")
        ''
        >>> folder_length_problem("/project/data/" + "报" * 100)
        'holds a name of 300 bytes in UTF-8; at most 255 are allowed'
        >>> folder_length_problem("/project/" + "/".join(["segment"] * 300))
        'is 2,408 bytes long in UTF-8; at most 2,048 are allowed'
    """
    text = os.fsdecode(os.path.abspath(folder))
    longest = max(len(part.encode("utf-8", "surrogateescape")) for part in Path(text).parts)
    if longest > MAX_FILE_PART_BYTES:
        return f"holds a name of {longest:,} bytes in UTF-8; at most {MAX_FILE_PART_BYTES} are allowed"
    size = len(text.encode("utf-8", "surrogateescape"))
    if size > MAX_OUTPUT_FOLDER_BYTES:
        return f"is {size:,} bytes long in UTF-8; at most {MAX_OUTPUT_FOLDER_BYTES:,} are allowed"
    return ""


def output_folder_problems(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[str]:
    """Why the folders a parameter file asks a report to write to (its parameters of a role in
    :data:`dangjian.project.layout.WRITTEN_ROLES`, as the notebook declares them) are unsafe: outside the
    project, inside (or equal to) the corpus folder it reads, in another run's folder (the project's
    run writes nothing under ``runs/``, a named run nothing outside ``runs/<name>/``). One message
    per folder, naming the file.

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp()); (root / "data" / "raw").mkdir(parents=True)
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "data/raw"  # role: corpus\\nwhere = "out"  # role: output\\n'
        ...             'figures_dir = "figures"  # role: figures\\nscratch_dir = ""', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> spec = ReportSpec("r", Path("r.yaml"), Path("n.ipynb"), {"corpus_dir": "data/raw", "where": "data/raw/out",
        ...                   "figures_dir": "/usr/share", "scratch_dir": "/tmp"})
        >>> [problem.split(": ", 1)[1][:56] for problem in output_folder_problems(spec, root)]
        ["parameter 'where' ('data/raw/out'): the output folder is", "parameter 'figures_dir' ('/usr/share') lies outside the "]
    """
    root = Path(project_root).resolve()
    roles = parameter_roles(spec, root)
    inputs = [
        root / value for name, value in spec.parameters.items() if roles.get(name) == "corpus" and isinstance(value, str) and value
    ]
    problems = []
    for name, value in spec.parameters.items():
        if not (roles.get(name) in WRITTEN_ROLES and isinstance(value, str) and value):
            continue
        too_long = folder_length_problem(root / value)
        if too_long:
            problems.append(f"{spec.source}: parameter {name!r} ({shown(value)}) {too_long}; give a shorter folder")
            continue
        try:
            folder = (root / value).resolve()
            if not folder.is_relative_to(root):
                problems.append(
                    f"{spec.source}: parameter {name!r} ({shown(value)}) lies outside the project {root}; "
                    "a report writes only inside its project (under data/processed/, figures/ or reports/)"
                )
                continue
            runs = (root / RUNS_FOLDER).resolve()
            if spec.run is None and folder.is_relative_to(runs):
                problems.append(
                    f"{spec.source}: parameter {name!r} ({shown(value)}) lies in {RUNS_FOLDER}/, where the runs "
                    "on other corpora keep their outputs; the project's run writes under data/processed/, "
                    "figures/ or reports/"
                )
                continue
            if spec.run is not None and not folder.is_relative_to(spec.layout(root).base.resolve()):
                problems.append(
                    f"{spec.source}: parameter {name!r} ({shown(value)}) lies outside {RUNS_FOLDER}/{spec.run}/, "
                    f"the folder of run {spec.run!r}"
                )
                continue
            check_output_outside(folder, inputs)
        except UnsafePathError as exc:
            problems.append(f"{spec.source}: parameter {name!r} ({shown(value)}): {exc.problem}")
        except (OSError, ValueError, RuntimeError) as exc:
            problems.append(f"{spec.source}: parameter {name!r} ({shown(value)}) is not a usable folder: {exc}")
    return problems


def load_report_specs(
    param_files: Iterable[str | os.PathLike[str]], project_root: str | os.PathLike[str]
) -> tuple[list[ReportSpec], list[str]]:
    """Validate every parameter file; return the valid specs (in run order) and the error messages.

    Run order is by notebook path, then report name, so ``00_corpus`` runs before ``01_keywords``.

    Example:
        >>> import tempfile
        >>> load_report_specs([], tempfile.mkdtemp())
        ([], [])
    """
    specs: list[ReportSpec] = []
    errors: list[str] = []
    for path in param_files:
        try:
            specs.append(load_report_spec(path, project_root))
        except ParameterError as exc:
            errors.append(str(exc))
    errors += [problem for spec in specs for problem in output_folder_problems(spec, project_root)]
    by_name: dict[str, list[ReportSpec]] = {}
    for spec in specs:
        by_name.setdefault(spec.name, []).append(spec)
    for name, same in sorted(by_name.items()):
        if len(same) > 1:
            errors.append(
                f"report name {name!r} comes from {len(same)} parameter files "
                f"({', '.join(str(s.source) for s in same)}); file names must be unique"
            )
    specs.sort(key=lambda s: (s.notebook.as_posix(), s.name))
    return specs, errors


def corpus_folders(specs: list[ReportSpec], root: Path) -> list[str]:
    """The corpus folders the reports read (their parameter of role ``corpus``), each once, in order.

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('texts = "data/raw"  # role: corpus', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> specs = [ReportSpec("a", Path("a.yaml"), Path("n.ipynb")), ReportSpec("b", Path("b.yaml"), Path("n.ipynb"), {"texts": "mine"})]
        >>> [Path(folder).relative_to(root).as_posix() for folder in corpus_folders(specs, root)]
        ['data/raw', 'mine']
    """
    folders = [role_value(spec, root, "corpus") for spec in specs]
    return list(dict.fromkeys(str(root / folder) for folder in folders if isinstance(folder, str) and folder))
