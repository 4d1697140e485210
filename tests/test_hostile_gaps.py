"""Hostile inputs met at the edges of the commands: a cache folder inside the corpus, a
``metadata.csv`` that is a link out of the corpus folder or holds no text, a ``reports/`` folder
that cannot be written, an output folder too long for the file system, a damaged cache entry and
control characters in a drafted title.

Each is refused with one line naming the file (exit code 2) before anything is written, or handled
safely; the corpus folder is never changed.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import nbformat
import pytest

from dangjian import cli
from dangjian.cli import share as share_cli
from dangjian.metadata.guess import choose_title, guess_metadata, init_metadata
from dangjian.project.cache import JSON, Cache, CacheEntryWarning
from dangjian.project.io import UnsafePathError
from dangjian.reading.corpus import CorpusError, load_corpus, read_document
from dangjian.reading.stream import iter_document_refs
from dangjian.running.tables import process_tables

from scratch_projects import snapshot

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
EMPTY = "is empty; it needs at least the header doc_id,file: run `dangjian corpus init` on the folder, or delete the file"


def small_corpus(folder: Path, documents: int = 2) -> Path:
    """A corpus of the first ``documents`` text files of data/raw, listed in a metadata.csv."""
    folder.mkdir(parents=True)
    names = sorted(path.name for path in RAW.glob("*.txt"))[:documents]
    for name in names:
        shutil.copy(RAW / name, folder / name)
    rows = "".join(f"{Path(name).stem},{name}\n" for name in names)
    (folder / "metadata.csv").write_text("doc_id,file\n" + rows, encoding="utf-8")
    return folder


def cli_run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def one_error_line(err: str, command: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"dangjian {command}: "), lines[0]
    assert "Traceback" not in err
    return lines[0]


def symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not supported here")


def make_project(root: Path) -> Path:
    """A project with one notebook (never executed here) declaring a corpus and an output folder."""
    root.mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            'corpus_dir = "data/raw"  # role: corpus\noutput_dir = "data/processed/out"  # role: output\n',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell("print(corpus_dir)"),
    ]
    (root / "notebooks").mkdir()
    nbformat.write(notebook, root / "notebooks" / "nb.ipynb")
    (root / "parameters").mkdir()
    small_corpus(root / "data" / "raw", documents=1)
    return root


def write_params(root: Path, stem: str, body: str = "") -> Path:
    path = root / "parameters" / f"{stem}.yaml"
    path.write_text("notebook: notebooks/nb.ipynb\n" + body, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- a cache folder in the corpus


@pytest.mark.parametrize("inside", ["cache", "sub/cache", "."])
def test_a_cache_folder_inside_the_corpus_is_refused_before_anything_is_written(tmp_path, inside):
    corpus = small_corpus(tmp_path / "corpus")
    before = snapshot(corpus, folders=True)
    cache = corpus / inside
    code, out, err = cli_run("process", str(corpus), "--out", str(tmp_path / "tables"), "--cache", str(cache))
    assert (code, out) == (2, "")
    place = "is" if inside == "." else "is inside"
    assert one_error_line(err, "process") == (
        f"dangjian process: {cache}: the cache folder {place} the input folder {corpus.resolve()}; "
        "write outputs outside the inputs (e.g. under data/processed/)"
    )
    assert snapshot(corpus, folders=True) == before
    assert not (tmp_path / "tables").exists()
    with pytest.raises(UnsafePathError, match="the cache folder"):
        process_tables(corpus, tmp_path / "tables", cache_dir=cache)


def test_a_cache_folder_beside_the_corpus_is_used(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    before = snapshot(corpus, folders=True)
    args = ("process", str(corpus), "--out", str(tmp_path / "tables"), "--cache", str(tmp_path / "cache"))
    assert cli_run(*args)[0] == 0
    code, out, _ = cli_run(*args)
    assert code == 0 and "(0 computed, 2 unchanged" in out
    assert len(list((tmp_path / "cache").rglob("*.entry"))) == 2
    assert snapshot(corpus, folders=True) == before


# --------------------------------------------------------------------------- metadata.csv as a link out


@pytest.fixture
def linked_metadata(tmp_path) -> tuple[Path, Path]:
    """A corpus whose metadata.csv is a link to a table outside the folder (the documents inside)."""
    corpus = small_corpus(tmp_path / "corpus")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    table = elsewhere / "metadata.csv"
    text = (corpus / "metadata.csv").read_text(encoding="utf-8")
    table.write_text(text.replace("doc_id,file\n", "doc_id,file,title\n").replace(".txt\n", ".txt,外部标题\n"), encoding="utf-8")
    (corpus / "metadata.csv").unlink()
    symlink(corpus / "metadata.csv", table)
    return corpus, table


@pytest.mark.parametrize(
    "command",
    [
        ["process", "{corpus}", "--out", "{tmp}/tables", "--cache", "{tmp}/cache"],
        ["status", "{corpus}"],
        ["indicators", "{corpus}", "--out", "{tmp}/indicators.csv"],
        ["export", "{corpus}", "--out", "{tmp}/export", "--tables", "{tmp}/tables"],  # outside a project: its folders given
        ["clean", "{corpus}", "--out", "{tmp}/clean"],
        ["corpus", "status", "{corpus}"],
    ],
    ids=lambda command: " ".join(command[:2] if command[0] == "corpus" else command[:1]),
)
def test_a_metadata_table_linked_from_outside_is_refused_naming_it(tmp_path, monkeypatch, linked_metadata, command):
    corpus, table = linked_metadata
    monkeypatch.chdir(tmp_path)  # default tables folders land in the scratch folder
    before = snapshot(tmp_path, folders=True)
    argv = [part.format(corpus=corpus, tmp=tmp_path) for part in command]
    code, out, err = cli_run(*argv)
    name = " ".join(command[:2] if command[0] == "corpus" else command[:1])
    assert code == 2 and "外部标题" not in out
    assert one_error_line(err, name) == (
        f"dangjian {name}: {corpus / 'metadata.csv'}: a symbolic link to {table.resolve()}, outside the corpus folder "
        "(files outside the folder are read only with --follow-symlinks); copy the table into the folder"
    )
    assert snapshot(tmp_path, folders=True) == before


def test_a_linked_metadata_table_is_read_only_when_links_are_followed(tmp_path, linked_metadata):
    corpus, _ = linked_metadata
    with pytest.raises(CorpusError, match="metadata.csv: a symbolic link to"):
        list(iter_document_refs(corpus))
    refs = list(iter_document_refs(corpus, follow_symlinks=True))
    assert [ref.metadata["title"] for ref in refs] == ["外部标题", "外部标题"]
    summary = process_tables(corpus, tmp_path / "tables", follow_symlinks=True)
    assert summary.documents == 2


def test_dangjian_run_on_a_corpus_whose_metadata_is_a_link_out_stops_before_any_report(tmp_path, linked_metadata):
    corpus, table = linked_metadata
    project = make_project(tmp_path / "project")
    write_params(project, "nb")
    code, out, err = cli_run("run", "--root", str(project), "--no-progress", "--corpus", str(corpus))
    assert code == 2
    assert err.splitlines()[-1] == (
        f"dangjian run: {corpus / 'metadata.csv'}: a symbolic link to {table.resolve()}, outside the corpus folder "
        "(files outside the folder are read only with --follow-symlinks); copy the table into the folder"
    )
    assert "Traceback" not in err
    assert not list(project.glob("runs/*/reports/*.ipynb")) and not (project / "reports").exists()


# --------------------------------------------------------------------------- a metadata.csv without text


BLANK_TABLES = [
    pytest.param(b"\xef\xbb\xbf", id="utf-8-bom"),
    pytest.param(b"\xef\xbb\xbf\r\n  \r\n", id="bom-and-blank-lines"),
    pytest.param(b" \n\t\n\n", id="white-space"),
    pytest.param(b"\xff\xfe", id="utf-16-bom"),
    pytest.param(" \n".encode("utf-16"), id="utf-16-white-space"),
]


@pytest.mark.parametrize("data", BLANK_TABLES)
@pytest.mark.parametrize("command", [["corpus", "status"], ["status"], ["process"], ["clean"]])
def test_a_metadata_table_without_text_is_said_to_be_empty(tmp_path, monkeypatch, data, command):
    corpus = small_corpus(tmp_path / "corpus")
    (corpus / "metadata.csv").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    extra = {"process": ["--out", str(tmp_path / "tables"), "--cache", str(tmp_path / "cache")], "clean": ["--out", str(tmp_path / "clean")]}
    code, out, err = cli_run(*command, str(corpus), *extra.get(command[0], []))
    assert (code, out) == (2, "")
    assert one_error_line(err, " ".join(command)) == f"dangjian {' '.join(command)}: {corpus / 'metadata.csv'}: {EMPTY}"
    with pytest.raises(CorpusError, match="is empty"):
        load_corpus(corpus)


@pytest.mark.parametrize("data", BLANK_TABLES)
def test_corpus_init_writes_a_table_without_text_anew(tmp_path, data):
    corpus = small_corpus(tmp_path / "corpus")
    (corpus / "metadata.csv").write_bytes(data)
    result = init_metadata(corpus)
    assert (len(result.added), result.kept) == (2, 0)
    assert [document.doc_id for document in load_corpus(corpus)] == [row["doc_id"] for row in result.added]


# --------------------------------------------------------------------------- python -m dangjian.running.share


def share_project(root: Path) -> Path:
    root.mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    return root


def test_share_names_a_page_it_cannot_write_in_one_line(tmp_path, capsys):
    root = share_project(tmp_path / "project")
    (root / "reports" / "index.html").mkdir(parents=True)  # a folder where the index belongs
    assert share_cli.main(["--root", str(root)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"error: {root / 'reports' / 'index.html'}: cannot write: Is a directory"]


def test_share_names_a_reports_file_where_the_folder_belongs(tmp_path, capsys):
    root = share_project(tmp_path / "project")
    (root / "reports").write_text("not a folder", encoding="utf-8")
    assert share_cli.main(["--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"error: {root / 'reports'}: cannot write: File exists"]
    assert (root / "reports").read_text(encoding="utf-8") == "not a folder"


def test_a_temporary_file_is_named_as_the_file_it_stands_for():
    error = OSError(30, "Read-only file system", "/p/reports/.index.html.4242-k2j_x9.tmp")
    assert share_cli.write_error(error) == "error: /p/reports/index.html: cannot write: Read-only file system"
    assert share_cli.write_error(OSError(13, "Permission denied", "/p/m\x1b.md")) == "error: /p/m\\x1b.md: cannot write: Permission denied"


READ_ONLY_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 99; shift; exec "$@"'


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("unshare") is None, reason="needs Linux and unshare")
def test_share_on_a_read_only_reports_folder_is_one_line_and_exit_2(tmp_path):
    root = share_project(tmp_path / "project")
    reports = root / "reports"
    reports.mkdir()
    command = [sys.executable, "-m", "dangjian.running.share", "--root", str(root)]
    if os.geteuid() == 0:  # root writes through permission bits: a read-only mount in a private namespace
        result = subprocess.run(
            ["unshare", "--mount", "sh", "-c", READ_ONLY_MOUNT, "sh", str(reports), *command],
            capture_output=True, text=True, timeout=120,
        )
        if result.returncode == 99 or "unshare:" in result.stderr:
            pytest.skip(f"no private read-only mount here: {result.stderr.strip()}")
        reason = "Read-only file system"
    else:
        reports.chmod(0o555)
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        finally:
            reports.chmod(0o755)
        reason = "Permission denied"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [f"error: {reports / 'index.html'}: cannot write: {reason}"]
    assert list(reports.iterdir()) == []


# --------------------------------------------------------------------------- an output folder too long


@pytest.mark.parametrize(
    "value, problem",
    [
        pytest.param("data/processed/" + "x" * 300, "holds a name of 300 bytes in UTF-8; at most 255 are allowed", id="long-name"),
        pytest.param("data/processed/" + "/".join(["报告"] * 400), "at most 2,048 are allowed", id="many-segments"),
    ],
)
def test_an_output_folder_too_long_is_one_short_line_before_anything_runs(tmp_path, value, problem):
    project = make_project(tmp_path / "project")
    path = write_params(project, "long", f"parameters:\n  output_dir: {value}\n")
    code, out, err = cli_run("run", "--root", str(project), "--no-progress")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[1:] == ["nothing was run: fix the 1 problem(s) above"]
    assert lines[0].startswith(f"error: {path}: parameter 'output_dir' ('data/processed/")
    assert f"… ({len(value) + 2} characters)) " in lines[0] and lines[0].endswith(f"{problem}; give a shorter folder")
    assert len(lines[0]) < len(str(path)) + 250
    assert not (project / "reports").exists() and not (project / "data" / "processed").exists()


def test_an_output_folder_of_ordinary_length_is_accepted(tmp_path):
    from dangjian.project.params import load_report_specs

    project = make_project(tmp_path / "project")
    path = write_params(project, "deep", "parameters:\n  output_dir: data/processed/" + "/".join(["报告"] * 40) + "\n")
    specs, errors = load_report_specs([path], project)
    assert errors == [] and len(specs) == 1


# --------------------------------------------------------------------------- a damaged cache entry


def test_a_damaged_cache_entry_is_warned_about_once_and_replaced(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    process_tables(corpus, tmp_path / "first", cache_dir=cache)
    entries = sorted(cache.rglob("*.entry"))
    assert len(entries) == 2
    damaged = entries[0]
    data = damaged.read_bytes()
    broken = data[:-8] + bytes(b ^ 0xFF for b in data[-8:])
    damaged.write_bytes(broken)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = process_tables(corpus, tmp_path / "second", cache_dir=cache)
    found = [w for w in caught if issubclass(w.category, CacheEntryWarning)]
    assert summary.computed == 1
    assert len(found) == 1 and str(damaged) in str(found[0].message)
    assert damaged.read_bytes() != broken  # written anew: the next run reads it without a warning
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = process_tables(corpus, tmp_path / "third", cache_dir=cache)
    assert summary.computed == 0 and not [w for w in caught if issubclass(w.category, CacheEntryWarning)]


def test_storing_a_value_does_not_read_the_entry_it_replaces(tmp_path):
    cache = Cache(tmp_path / "cache")
    cache.put("stage", ["key"], {"n": 1}, codec=JSON)
    (entry,) = (tmp_path / "cache" / "stage").iterdir()
    entry.write_bytes(b"not an entry")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache.put("stage", ["key"], {"n": 2}, codec=JSON)
        value = cache.get_or_compute("stage", ["key"], lambda: {"n": 3}, codec=JSON)
    assert value == {"n": 2} and (cache.hits, cache.misses) == (1, 0)
    assert not caught


# --------------------------------------------------------------------------- controls in a drafted title


CONTROLS_TITLE = "某县\x1b2023年\x08基层\x07党建\x9b工作\x7f总结\x1f"


def control_characters(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) == "Cc"]


def test_corpus_init_drafts_titles_without_control_characters(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "全县新建党群服务中心12个，发展党员30名，整顿软弱涣散党组织5个。" * 20  # a few controls in much text
    (corpus / "county.txt").write_text(f"{CONTROLS_TITLE}\n{body}\n", encoding="utf-8")
    before = (corpus / "county.txt").read_bytes()
    assert cli.main(["corpus", "init", str(corpus)]) == 0
    assert "title: 某县2023年基层党建工作总结" in capsys.readouterr().out
    (document,) = load_corpus(corpus)
    row = document.metadata
    assert row["title"] == "某县2023年基层党建工作总结" and row["year"] == "2023"
    assert not control_characters((corpus / "metadata.csv").read_text(encoding="utf-8").replace("\n", ""))
    assert (corpus / "county.txt").read_bytes() == before


def test_a_stated_title_loses_its_control_characters_too(tmp_path):
    choice = choose_title([], stated="加强\x1b基层党建\x07工作总结\x9b_党建网")
    assert choice.title == "加强基层党建工作总结" and not control_characters(choice.title)
    path = tmp_path / "page.txt"
    path.write_text(f"{CONTROLS_TITLE}\n" + "全县新建党群服务中心12个，发展党员30名。" * 30, encoding="utf-8")
    row = guess_metadata(read_document(path))
    assert row["title"] == "某县2023年基层党建工作总结" and not any(control_characters(value) for value in row.values())
