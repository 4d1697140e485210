"""The corpus tables: written once by the process step, read by the notebooks and the corpus report.

The frames read from the tables are those the in-memory pipeline gives; the process step is
incremental (a changed document alone is recomputed, and the tables equal a fresh run's);
nothing that reports on a corpus processes it again; notebooks never call the per-document
pipeline."""

from __future__ import annotations

import ast
import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

import dangjian.cleaning.clean
import dangjian.segmentation.pipeline
from dangjian.cli.status import report_corpora
from dangjian.indicators import excluded_numbers, extract
from dangjian.running import status
from dangjian.running.tables import CorpusTables, TablesMissing, corpus_status, is_fresh, open_tables, process_tables, tables_problem
from dangjian.segmentation.pipeline import process_corpus

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))
#: The per-document pipeline: what a notebook or the corpus report must never call.
PIPELINE_FUNCTIONS = ("process_corpus", "process", "process_document", "process_paths")


def table_digests(out: Path) -> dict[str, str]:
    """Digests of every table partition and clean text (the manifest, which names the corpus, aside)."""
    files = [*out.rglob("*.parquet"), *(out / "clean").glob("*.txt")]
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)}


@pytest.fixture(scope="module")
def raw_tables(tmp_path_factory) -> CorpusTables:
    out = tmp_path_factory.mktemp("tables") / "tables"
    process_tables(RAW, out)
    return CorpusTables(out)


@pytest.fixture(scope="module")
def processed():
    return process_corpus(RAW, skip_bad=True)


@pytest.fixture
def no_pipeline(monkeypatch):
    """The per-document pipeline raises if anything calls it."""

    def refuse(*args, **kwargs):
        raise AssertionError("the per-document pipeline was called")

    for name in PIPELINE_FUNCTIONS:
        monkeypatch.setattr(dangjian.segmentation.pipeline, name, refuse)


# --------------------------------------------------------------------------- the tables are the pipeline's


@pytest.mark.parametrize("frame", ["document_table", "paragraphs", "sentences", "cleaning_table"])
def test_frames_read_from_the_tables_are_those_of_the_pipeline(raw_tables, processed, frame):
    pd.testing.assert_frame_equal(getattr(raw_tables, frame), getattr(processed, frame))


def test_sections_texts_issues_status_and_numbers_are_those_of_the_pipeline(raw_tables, processed):
    got, expected = raw_tables.sections, processed.sections
    assert got.astype(object).where(got.notna(), None).values.tolist() == expected.astype(object).where(expected.notna(), None).values.tolist()
    assert raw_tables.clean_texts == processed.clean_texts
    assert list(raw_tables.clean_texts) == list(processed.clean_texts)
    assert raw_tables.issues == processed.issues
    pd.testing.assert_frame_equal(status.status_table(raw_tables), status.status_table(processed))
    indicators = raw_tables.indicators()
    assert len(indicators) > 50
    pd.testing.assert_frame_equal(indicators, extract(processed))
    pd.testing.assert_frame_equal(raw_tables.excluded, excluded_numbers(processed))


def test_another_taxonomy_is_applied_to_the_sentences_without_cleaning_again(raw_tables, processed, tmp_path, monkeypatch):
    taxonomy = tmp_path / "taxonomy.yaml"
    shipped = (ROOT / "lib" / "dangjian" / "data" / "taxonomy.yaml").read_text(encoding="utf-8")
    taxonomy.write_text(shipped.replace("min_confidence: ", "min_confidence: 0.9 #", 1), encoding="utf-8")
    expected = extract(processed, taxonomy)

    def refuse(*args, **kwargs):
        raise AssertionError("a document was cleaned again")

    monkeypatch.setattr(dangjian.cleaning.clean.CleaningPipeline, "__call__", refuse)
    got = raw_tables.indicators(str(taxonomy))
    pd.testing.assert_frame_equal(got, expected)
    assert (got["core_id"] != "").sum() != (raw_tables.indicators()["core_id"] != "").sum()


def test_unreadable_and_unlisted_files_are_issues_with_their_reason(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RAW, corpus)
    (corpus / "town-speech.txt").write_bytes(b"")
    (corpus / "stray.txt").write_text("党建工作。", encoding="utf-8")
    tables = CorpusTables(process_tables(corpus, tmp_path / "tables").out)
    report = tables.status_table().set_index("file")
    assert report.loc["town-speech.txt", "status"] == "skipped"
    assert report.loc["stray.txt", "status"] == "warning"
    assert tables.documents == 4 and "town-speech" not in tables.clean_texts
    pd.testing.assert_frame_equal(tables.status_table(), status.status_table(process_corpus(corpus, skip_bad=True)))
    assert sorted(p.name for p in (RAW).iterdir()) == sorted(p.name for p in corpus.iterdir() if p.name != "stray.txt")


def test_the_tables_are_never_written_in_the_corpus_folder(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RAW, corpus)
    with pytest.raises(ValueError, match="inside"):
        process_tables(corpus, corpus / "tables")
    assert not (corpus / "tables").exists()


def test_a_corpus_folder_whose_name_is_not_a_run_name_gets_a_plain_one(tmp_path):
    """`dangjian process` on 党建（县级） (full-width brackets are not allowed in a run name) writes the
    tables of the run runs/党建_县级_/ of the project, as the folder's name made plain."""
    from dangjian.running.tables import default_tables_folder

    corpus = tmp_path / "党建（县级）"
    shutil.copytree(RAW, corpus)
    (tmp_path / "project").mkdir()
    tables, cache = default_tables_folder(corpus, tmp_path / "project")
    assert tables.relative_to(tmp_path / "project").parts[:2] == ("runs", "党建_县级_")
    assert process_tables(corpus, tables, cache_dir=cache).documents == 5


# --------------------------------------------------------------------------- incremental


def test_a_changed_document_alone_is_recomputed_and_the_tables_equal_a_fresh_run(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RAW, corpus)
    out, cache = tmp_path / "tables", tmp_path / "cache"
    assert process_tables(corpus, out, cache_dir=cache).computed == 5
    first = table_digests(out)
    again = process_tables(corpus, out, cache_dir=cache)
    assert (again.documents, again.computed) == (5, 0)
    assert again.bytes == sum(path.stat().st_size for path in corpus.glob("*.txt"))  # cached documents count too
    assert table_digests(out) == first

    speech = corpus / "town-speech.txt"
    speech.write_text(speech.read_text(encoding="utf-8").replace("党", "黨", 3), encoding="utf-8")
    assert not is_fresh(out, corpus)
    changed = process_tables(corpus, out, cache_dir=cache)
    assert (changed.documents, changed.computed) == (5, 1)
    assert is_fresh(out, corpus)
    process_tables(corpus, tmp_path / "fresh")
    assert table_digests(out) == table_digests(tmp_path / "fresh") != first


def test_a_removed_document_leaves_no_stale_rows_or_text(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RAW, corpus)
    out = tmp_path / "tables"
    process_tables(corpus, out, cache_dir=tmp_path / "cache")
    lines = (corpus / "metadata.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (corpus / "metadata.csv").write_text("".join(line for line in lines if not line.startswith("town-speech,")), encoding="utf-8")
    (corpus / "town-speech.txt").unlink()
    process_tables(corpus, out, cache_dir=tmp_path / "cache")
    process_tables(corpus, tmp_path / "fresh")
    assert table_digests(out) == table_digests(tmp_path / "fresh")
    assert "town-speech" not in CorpusTables(out).document_table["doc_id"].tolist()


# --------------------------------------------------------------------------- opening the tables


def test_a_notebook_alone_processes_missing_or_stale_tables(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RAW, corpus)
    out = tmp_path / "tables"
    with pytest.raises(TablesMissing, match=r"dangjian process .*corpus --out .*tables"):
        open_tables(corpus, out, process=False)
    tables = open_tables(corpus, out, tmp_path / "cache")
    assert tables.documents == 5 and tables_problem(out, corpus) == ""
    (corpus / "extra.txt").write_text("党建。", encoding="utf-8")
    assert "changed" in tables_problem(out, corpus)
    assert "extra.txt" in open_tables(corpus, out, tmp_path / "cache").status_table()["file"].tolist()
    assert "not of" in tables_problem(out, RAW)


# --------------------------------------------------------------------------- nothing processes the corpus again


def _pipeline_uses(path: Path) -> list[str]:
    """Names of the per-document pipeline a notebook imports or calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "dangjian.segmentation.pipeline":
            uses += [alias.name for alias in node.names if alias.name in PIPELINE_FUNCTIONS]
        elif isinstance(node, ast.ImportFrom) and node.module == "dangjian.segmentation":
            uses += [f"{node.module}.{alias.name}" for alias in node.names if alias.name == "pipeline"]
        elif isinstance(node, ast.Import):
            uses += [alias.name for alias in node.names if alias.name == "dangjian.segmentation.pipeline"]
        elif isinstance(node, ast.Attribute) and node.attr in PIPELINE_FUNCTIONS and isinstance(node.value, ast.Name) and node.value.id == "pipeline":
            uses.append(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("process_corpus", "extract", "excluded_numbers"):
            uses.append(node.func.id)
    return uses


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_read_the_tables_and_never_call_the_per_document_pipeline(notebook):
    assert _pipeline_uses(notebook) == []
    assert "open_tables(corpus_dir, corpus_tables_dir, cache_dir)" in notebook.read_text(encoding="utf-8")


def test_the_check_finds_a_notebook_that_calls_the_pipeline(tmp_path):
    notebook = tmp_path / "n.py"
    notebook.write_text("from dangjian.segmentation.pipeline import process_corpus\nprocessed = process_corpus('data/raw')\n", encoding="utf-8")
    assert _pipeline_uses(notebook) == ["process_corpus", "process_corpus"]


def test_the_corpus_report_reads_the_tables(raw_tables, no_pipeline, capsys):
    table = corpus_status(RAW, tables_dir=raw_tables.out)
    assert table["file"].tolist()[:2] == ["pingliang-2024.txt", "mudanjiang-xian.txt"]
    assert report_corpora([str(RAW)]) == 0
    assert "corpus" in capsys.readouterr().out
    assert open_tables(RAW, raw_tables.out).document_table.shape[0] == 5


def test_the_guard_fails_when_the_pipeline_is_called(no_pipeline):
    with pytest.raises(AssertionError, match="per-document pipeline"):
        dangjian.segmentation.pipeline.process_corpus(RAW)


# --------------------------------------------------------------------------- the run passes the tables to the notebooks


def test_the_run_gives_each_notebook_its_corpus_tables_as_a_declared_input():
    from dangjian.project.layout import RunLayout
    from dangjian.project.params import ReportSpec, parameter_roles
    from dangjian.running import freshness
    from dangjian.running.runner import tables_folders, with_tables_folders

    layout = RunLayout(ROOT, "mine")
    places = tables_folders([str(ROOT / "data" / "raw")], layout)
    specs = [
        ReportSpec(name, ROOT / "parameters" / f"{name}.yaml", Path(f"notebooks/{name}.ipynb"), {"corpus_dir": "data/raw"})
        for name in ("00_corpus", "03_indicators")
    ]
    for spec in with_tables_folders(specs, ROOT, places):
        assert spec.parameters["corpus_tables_dir"] == "runs/mine/data/processed/tables"
        assert parameter_roles(spec, ROOT)["corpus_tables_dir"] == "tables"
        watched = freshness.output_folders(spec, ROOT)
        assert ROOT / "runs" / "mine" / "data" / "processed" / "tables" not in watched


def test_the_sentence_cooccurrences_are_computed_once_per_table_and_tokenizer(raw_tables, tmp_path):
    from dangjian.keywords.measures import cached_cooccurrence_pmi, cooccurrence_pmi
    from dangjian.project.cache import Cache
    from dangjian.tokens.tokenize import DomainTokenizer

    cache, tokenizer = Cache(tmp_path / "cache"), DomainTokenizer()
    reads = []

    def texts():
        reads.append(1)
        return (text for part in raw_tables.iter("sentences", ["text"]) for text in part["text"])

    key = raw_tables.digest("sentences")
    assert key == CorpusTables(raw_tables.out).digest("sentences") != raw_tables.digest("paragraphs")
    first = cached_cooccurrence_pmi(texts, tokenizer, key, cache, top_n=30, min_cooccurrence=3)
    again = cached_cooccurrence_pmi(texts, DomainTokenizer(), key, cache, top_n=30, min_cooccurrence=3)
    direct = cooccurrence_pmi((tokenizer(t) for t in raw_tables.read("sentences", ["text"])["text"]), top_n=30, min_cooccurrence=3)
    assert len(first) > 10 and len(reads) == 1 and (cache.misses, cache.hits) == (1, 1)
    pd.testing.assert_frame_equal(first, direct, check_exact=True)
    pd.testing.assert_frame_equal(again, direct, check_exact=True)
    # another tokenizer, other options: computed again
    cached_cooccurrence_pmi(texts, DomainTokenizer(min_length=1), key, cache, top_n=30, min_cooccurrence=3)
    cached_cooccurrence_pmi(texts, tokenizer, key, cache, top_n=30, min_cooccurrence=2)
    assert len(reads) == 3 and cache.misses == 3


def test_a_changed_partition_changes_the_table_digest(raw_tables, tmp_path):
    copy = tmp_path / "tables"
    shutil.copytree(raw_tables.out, copy)
    before = CorpusTables(copy).digest("sentences")
    part = sorted((copy / "sentences").glob("*.parquet"))[0]
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 1
    part.write_bytes(bytes(data))
    assert CorpusTables(copy).digest("sentences") != before
    with pytest.raises(TablesMissing, match="no partitions"):
        CorpusTables(copy).digest("no_such_table")
