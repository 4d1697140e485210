"""The reports manifest, ``reports/manifest.json`` of a run: what it records about each report
(:class:`ReportInfo`), and reading, updating and pruning it.

The manifest records, for each report, its notebook, parameter file, description, parameters,
title, the run and corpus it was made from with the number of documents analysed, and the figure
files it wrote. Nothing here adds a date: the same reports give the same bytes.

Example:
    >>> import tempfile
    >>> root = tempfile.mkdtemp()
    >>> _ = update_manifest(root, ReportInfo("a", "notebooks/a.ipynb", figures=("figures/x.png",)))
    >>> load_manifest(root)["a"].figures
    ('figures/x.png',)
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dangjian.project.io import write_text_atomic
from dangjian.project.layout import RunLayout


@dataclass(frozen=True)
class ReportInfo:
    """What the manifest records about one report; paths are relative to the project root.

    Example:
        >>> info = ReportInfo("a", "notebooks/a.ipynb", "parameters/a.yaml", title="标题")
        >>> ReportInfo.from_json(info.to_json()) == info
        True
    """

    name: str
    notebook: str
    parameter_file: str | None = None
    description: str | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    title: str | None = None
    figures: tuple[str, ...] = ()
    figure_prefix: str | None = None
    code: str = "hidden"
    #: The run (None: the project's run), the corpus folder read (as shown) and the number of
    #: documents analysed in it (None: not counted).
    run: str | None = None
    corpus: str | None = None
    documents: int | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (figures as a sorted list).

        Example:
            >>> ReportInfo("a", "n.ipynb", figures=("b.png", "a.png")).to_json()["figures"]
            ['a.png', 'b.png']
        """
        data = asdict(self)
        data["parameters"] = dict(self.parameters)
        data["figures"] = sorted(self.figures)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReportInfo:
        """Rebuild from :meth:`to_json` output; unknown keys are ignored.

        Example:
            >>> ReportInfo.from_json({"name": "a", "notebook": "n.ipynb", "extra": 1}).name
            'a'
        """
        known = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        known["figures"] = tuple(known.get("figures") or ())
        known["parameters"] = dict(known.get("parameters") or {})
        return cls(**known)


def _relative_to(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """``path`` relative to ``root`` in POSIX form, or absolute if it lies outside ``root``."""
    absolute = Path(os.path.abspath(Path(root) / path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return absolute.as_posix()


def manifest_path(project_root: str | os.PathLike[str], run: str | None = None) -> Path:
    """``reports/manifest.json`` of a run.

    Example:
        >>> manifest_path("/proj").as_posix(), manifest_path("/proj", "mine").as_posix()
        ('/proj/reports/manifest.json', '/proj/runs/mine/reports/manifest.json')
    """
    return RunLayout(Path(project_root), run).manifest


def load_manifest(project_root: str | os.PathLike[str], run: str | None = None) -> dict[str, ReportInfo]:
    """Read ``reports/manifest.json``: report name -> ReportInfo (empty if there is none yet).

    A manifest that is not valid JSON raises ValueError naming the file.

    Example:
        >>> import tempfile
        >>> load_manifest(tempfile.mkdtemp())
        {}
    """
    path = manifest_path(project_root, run)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: ReportInfo.from_json(entry) for name, entry in sorted(data["reports"].items())}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(
            f"{path}: not a readable report manifest ({exc}); delete it and run `dangjian run` again"
        ) from None


def update_manifest(project_root: str | os.PathLike[str], info: ReportInfo) -> Path:
    """Store ``info`` in the manifest, replacing the report's entry; return the manifest's path.

    A figure belongs to the report that wrote it last: it is removed from other reports' lists.

    Example:
        >>> import tempfile
        >>> root = tempfile.mkdtemp()
        >>> _ = update_manifest(root, ReportInfo("a", "n.ipynb", figures=("figures/x.png",)))
        >>> _ = update_manifest(root, ReportInfo("b", "m.ipynb", figures=("figures/x.png",)))
        >>> {name: info.figures for name, info in load_manifest(root).items()}
        {'a': (), 'b': ('figures/x.png',)}
    """
    reports = load_manifest(project_root, info.run)
    claimed = set(info.figures)
    for name, other in list(reports.items()):
        if name != info.name and claimed & set(other.figures):
            kept = tuple(f for f in other.figures if f not in claimed)
            reports[name] = ReportInfo(**{**asdict(other), "figures": kept})
    reports[info.name] = info
    data = {"reports": {name: reports[name].to_json() for name in sorted(reports)}}
    target = manifest_path(project_root, info.run)
    write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return target


def remove_from_manifest(project_root: str | os.PathLike[str], name: str, run: str | None = None) -> None:
    """Drop report ``name`` from a run's manifest (a report the run no longer makes).

    Example:
        >>> import tempfile
        >>> root = tempfile.mkdtemp()
        >>> _ = update_manifest(root, ReportInfo("a", "n.ipynb")); _ = update_manifest(root, ReportInfo("b", "n.ipynb"))
        >>> remove_from_manifest(root, "a"); list(load_manifest(root))
        ['b']
    """
    reports = load_manifest(project_root, run)
    if reports.pop(name, None) is None:
        return
    data = {"reports": {key: reports[key].to_json() for key in sorted(reports)}}
    write_text_atomic(manifest_path(project_root, run), json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
