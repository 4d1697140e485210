"""One corpus, one place: `dangjian run --corpus DIR [--name NAME]` is a run of its own under runs/NAME/.

A tiny notebook that writes one table and one figure per item of a parameter, through its
`output_dir` and `figures_dir` parameters, runs in a scratch project: first as the project's run on
data/raw, then on another corpus folder. The other run must write only under runs/<name>/, never
touch the project's outputs, remove from its own folder what it no longer writes, and refuse a name
that belongs to another corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from dangjian.project.layout import RunLayout
from dangjian.project.params import ReportSpec
from dangjian.running.runner import named_run, shared_output_problems
from scratch_projects import file_digests, run

PARAMETERS = (
    'corpus_dir = "data/raw"  # role: corpus\noutput_dir = "data/processed/tiny"  # role: output\n'
    'figures_dir = "figures"  # role: figures\ncache_dir = "data/processed/cache"  # role: cache\n'
    'figure_prefix = "tiny"  # role: figure_prefix\nparts = ["a", "b"]\n'
)
WRITE = (
    "import pathlib\n"
    "from dangjian.project.io import write_text_atomic\n"
    "docs = sorted(p.name for p in pathlib.Path(corpus_dir).glob('*.txt'))\n"
    "for part in parts:\n"
    "    write_text_atomic(pathlib.Path(output_dir) / f'{part}.csv', 'doc\\n' + '\\n'.join(docs) + '\\n')\n"
    "    write_text_atomic(pathlib.Path(figures_dir) / f'{figure_prefix}_{part}.svg', "
    "'<svg xmlns=\"http://www.w3.org/2000/svg\"/>')\n"
    "print('tiny saw', len(docs), 'documents')\n"
)
DOCUMENT = "基层党建工作总结\n今年以来，全县新建党支部{n}个，培训党员{n}00人次。\n"


def write_corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["doc_id,file,region,level,year"]
    for index, name in enumerate(names, start=1):
        (folder / f"{name}.txt").write_text(DOCUMENT.format(n=index), encoding="utf-8")
        rows.append(f"{name},{name}.txt,某县,county,2024")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def write_params(root: Path, stem: str, extra: str = "") -> Path:
    path = root / "parameters" / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"notebook: notebooks/tiny.ipynb\ndescription: one table and one figure per part\n{extra}", encoding="utf-8")
    return path


def make_tiny_project(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Tiny"),
        nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(WRITE),
    ]
    (root / "notebooks").mkdir()
    nbformat.write(nb, root / "notebooks" / "tiny.ipynb")
    write_corpus(root / "data" / "raw", ["x", "y"])
    write_params(root, "tiny", "parameters:\n  output_dir: data/processed/tiny\n")
    return root


def project_outputs(root: Path) -> dict[str, str]:
    """Digests of every file of the project's run (its lock excepted, which each of its runs rewrites)."""
    found = {}
    for folder in ("data/processed", "figures", "reports"):
        for name, digest in file_digests(root / folder).items():
            if not name.endswith("run.lock"):
                found[f"{folder}/{name}"] = digest
    return found


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The project's run, then a run on another corpus (named after its folder)."""
    base = tmp_path_factory.mktemp("runs")
    root = make_tiny_project(base / "project")
    project = run(root)
    before = project_outputs(root)
    corpus = write_corpus(base / "county-reports", ["p", "q", "r"])
    other = run(root, "--corpus", str(corpus))
    return {"root": root, "corpus": corpus, "project": project, "other": other, "before": before}


def test_the_project_run_keeps_its_places(runs):
    root = runs["root"]
    code, out, err = runs["project"]
    assert code == 0, out + err
    assert (root / "data" / "processed" / "tiny" / "a.csv").is_file()
    assert (root / "figures" / "tiny_a.svg").is_file()
    assert (root / "reports" / "tiny.html").is_file()


def test_a_run_on_another_corpus_writes_everything_under_runs_name(runs):
    root, corpus = runs["root"], runs["corpus"]
    code, out, err = runs["other"]
    assert code == 0, out + err
    home = root / "runs" / "county-reports"
    written = sorted(file_digests(home))
    assert "data/processed/tiny/a.csv" in written and "figures/tiny_b.svg" in written
    assert {"reports/tiny.ipynb", "reports/tiny.html", "reports/index.html", "reports/manifest.json", "reports/run.log"} <= set(written)
    assert any(name.startswith("data/processed/cache/") for name in written)  # the run's own cache
    assert (home / "data" / "processed" / "tiny" / "a.csv").read_text(encoding="utf-8") == "doc\np.txt\nq.txt\nr.txt\n"
    executed = nbformat.read(home / "reports" / "tiny.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters == {
        "corpus_dir": corpus.as_posix(),
        "output_dir": "runs/county-reports/data/processed/tiny",
        "figures_dir": "runs/county-reports/figures",
        "cache_dir": "runs/county-reports/data/processed/cache",
    }


def test_a_run_on_another_corpus_leaves_the_project_outputs_byte_identical(runs):
    assert project_outputs(runs["root"]) == runs["before"]


def test_the_console_names_the_run_and_corpus_and_the_log_holds_the_notebook_output(runs):
    root, corpus = runs["root"], runs["corpus"]
    _, out, err = runs["other"]
    assert f"run 'county-reports', on corpus {corpus.as_posix()} (3 documents analysed: 3 ok, 0 with warnings)" in err
    assert "tiny saw" not in out + err
    assert "tiny saw 3 documents" in (root / "runs" / "county-reports" / "reports" / "run.log").read_text(encoding="utf-8")
    assert "outputs of run 'county-reports': tables runs/county-reports/data/processed/, figures runs/county-reports/figures/, pages runs/county-reports/reports/index.html" in out
    assert "notebook output and messages: runs/county-reports/reports/run.log" in out


def test_pages_and_index_state_the_corpus_at_hand(runs):
    root, corpus = runs["root"], runs["corpus"]
    page = (root / "runs" / "county-reports" / "reports" / "tiny.html").read_text(encoding="utf-8")
    assert f"corpus {corpus.as_posix()}: 3 documents analysed" in page
    assert "run <strong>county-reports</strong>" in page
    index = (root / "runs" / "county-reports" / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"All reports analyse corpus {corpus.as_posix()}: 3 documents analysed." in index
    assert "Reports and figures of run county-reports" in index
    project_page = (root / "reports" / "tiny.html").read_text(encoding="utf-8")
    assert "corpus data/raw: 2 documents analysed" in project_page
    manifest = json.loads((root / "runs" / "county-reports" / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"]["tiny"]["figures"] == ["runs/county-reports/figures/tiny_a.svg", "runs/county-reports/figures/tiny_b.svg"]


def test_a_second_run_of_the_same_corpus_is_reused(runs):
    code, out, err = run(runs["root"], "--corpus", str(runs["corpus"]))
    assert code == 0, out + err
    assert "[up to date] tiny" in err


def test_a_name_belongs_to_one_corpus(runs, tmp_path):
    root = runs["root"]
    elsewhere = write_corpus(tmp_path / "elsewhere" / "county-reports", ["z"])
    before = file_digests(root / "runs")
    code, out, err = run(root, "--corpus", str(elsewhere))
    assert code == 2 and out == ""
    assert f"runs/county-reports holds the run of corpus {runs['corpus'].as_posix()}, not {elsewhere.as_posix()}" in err
    assert "--name" in err
    assert file_digests(root / "runs") == before


@pytest.mark.parametrize("command", ["process", "export"])
def test_other_commands_refuse_the_run_of_another_corpus_too(runs, tmp_path, monkeypatch, capsys, command):
    """`dangjian process` and `dangjian export` find a corpus's tables by its folder name, as `run`
    names its run: a folder of the same name elsewhere may not overwrite that run's tables."""
    from dangjian import cli

    root = runs["root"]
    elsewhere = write_corpus(tmp_path / "elsewhere" / "county-reports", ["z"])
    before = file_digests(root / "runs")
    monkeypatch.chdir(root)
    args = [command, str(elsewhere)] + (["--out", str(tmp_path / "exported")] if command == "export" else [])
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert f"runs/county-reports holds the run of corpus {runs['corpus'].as_posix()}, not {elsewhere.as_posix()}" in err
    assert "--name" in err and err.count("\n") == 1
    assert file_digests(root / "runs") == before
    assert cli.main(["process", str(runs["corpus"])]) == 0  # the run's own corpus is processed as before


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--name", "x"], "--name names the run of a --corpus: give --corpus DIR too"),
        (["--corpus", "no/such/folder"], "--corpus 'no/such/folder': does not exist"),
        (["--corpus", "data/raw", "--name", "../x"], "the run is named '../x' (its folder is runs/<name>/), and it starts with '.'"),
    ],
    ids=["name-without-corpus", "missing-corpus", "unsafe-name"],
)
def test_bad_run_options_are_one_line_before_anything_runs(tmp_path, args, problem):
    root = make_tiny_project(tmp_path / "project")
    code, out, err = run(root, *args)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == f"error: {problem}" or err.splitlines()[0].startswith(f"error: {problem}")
    assert not (root / "reports").exists() and not (root / "runs").exists()


def test_outputs_no_longer_produced_are_removed_from_the_run_s_own_folder_only(tmp_path):
    base = tmp_path
    root = make_tiny_project(base / "project")
    corpus = write_corpus(base / "mine", ["p"])
    assert run(root)[0] == 0
    code, out, err = run(root, "--corpus", str(corpus))
    assert code == 0, out + err
    home = root / "runs" / "mine"
    assert (home / "figures" / "tiny_b.svg").is_file()

    write_params(root, "tiny", "parameters:\n  output_dir: data/processed/tiny\n  parts: [a]\n")
    code, out, err = run(root, "--corpus", str(corpus))
    assert code == 0, out + err
    assert not (home / "figures" / "tiny_b.svg").exists() and not (home / "data" / "processed" / "tiny" / "b.csv").exists()
    assert (home / "figures" / "tiny_a.svg").is_file()
    assert "tiny_b" not in (home / "reports" / "index.html").read_text(encoding="utf-8")
    row = next(line for line in out.splitlines() if line.startswith("tiny "))
    assert row.endswith("2 removed")
    # the project's run still has what it made
    assert (root / "figures" / "tiny_b.svg").is_file() and (root / "data" / "processed" / "tiny" / "b.csv").is_file()


def test_a_report_whose_parameter_file_is_gone_is_removed_with_its_files(tmp_path):
    root = make_tiny_project(tmp_path / "project")
    write_params(root, "tiny2", "parameters:\n  output_dir: data/processed/tiny2\n  figure_prefix: tiny2\n")
    elsewhere = tmp_path / "adhoc.yaml"  # a report made from a parameter file outside parameters/ stays
    elsewhere.write_text("notebook: notebooks/tiny.ipynb\nparameters:\n  output_dir: data/processed/adhoc\n  figure_prefix: adhoc\n",
                         encoding="utf-8")
    assert run(root, "--params", str(elsewhere))[0] == 0
    code, out, err = run(root)
    assert code == 0, out + err
    assert (root / "reports" / "tiny2.html").is_file() and (root / "figures" / "tiny2_a.svg").is_file()
    (root / "parameters" / "tiny2.yaml").unlink()
    code, out, err = run(root)
    assert code == 0, out + err
    assert "removed report tiny2" in out
    for gone in ("reports/tiny2.html", "reports/tiny2.ipynb", "reports/.state/tiny2.json", "figures/tiny2_a.svg", "data/processed/tiny2"):
        assert not (root / gone).exists(), gone
    assert (root / "figures" / "tiny_a.svg").is_file() and (root / "reports" / "tiny.html").is_file()
    assert (root / "figures" / "adhoc_a.svg").is_file() and (root / "reports" / "adhoc.html").is_file()
    assert list(json.loads((root / "reports" / "manifest.json").read_text(encoding="utf-8"))["reports"]) == ["adhoc", "tiny"]


def test_reports_of_one_run_that_read_different_corpora_may_not_write_the_same_files(tmp_path):
    root = make_tiny_project(tmp_path / "project")
    write_corpus(root / "mine", ["p"])
    write_params(root, "tiny_mine", "parameters:\n  corpus_dir: mine\n  output_dir: data/processed/tiny\n")
    code, out, err = run(root)
    assert code == 2 and out == ""
    assert "read different corpora (mine, data/raw) but both write data/processed/tiny" in err
    assert "dangjian run --corpus mine" in err
    assert not (root / "reports").exists()


def test_named_run_moves_every_output_folder_and_keeps_inputs(tmp_path):
    root = make_tiny_project(tmp_path / "project")
    spec = ReportSpec("tiny", root / "parameters" / "tiny.yaml", Path("notebooks/tiny.ipynb"),
                      {"output_dir": "data/processed/tiny", "parts": ["a"]})
    (specs, layout) = named_run([spec], root, root / "data" / "raw", name="县级")
    assert layout == RunLayout(root, "县级")
    assert specs[0].run == "县级" and specs[0].output_path(root) == root / "runs" / "县级" / "reports" / "tiny.ipynb"
    assert specs[0].parameters == {
        "output_dir": "runs/县级/data/processed/tiny",
        "parts": ["a"],
        "corpus_dir": "data/raw",
        "figures_dir": "runs/县级/figures",
        "cache_dir": "runs/县级/data/processed/cache",
    }
    assert shared_output_problems(specs, root) == []


def test_the_project_run_may_not_write_into_runs(tmp_path):
    root = make_tiny_project(tmp_path / "project")
    write_params(root, "tiny", "parameters:\n  output_dir: runs/mine/data/processed/tiny\n")
    code, out, err = run(root)
    assert code == 2 and out == ""
    assert "parameter 'output_dir' ('runs/mine/data/processed/tiny') lies in runs/, where the runs on other corpora keep" in err
