"""The engine: both back-ends write identical tables, the stages are the library's own, reading
streams, partitions are written atomically, and the rjieba tokenizer agrees with jieba."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import pickle
import shutil
import stat
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from dangjian.cleaning.clean import clean_text
from dangjian.indicators import COLUMNS as INDICATOR_COLUMNS
from dangjian.indicators import extract
from dangjian.reading.corpus import CorpusError, load_corpus
from dangjian.reading.stream import (
    MANIFEST,
    PartitionedWriter,
    batched,
    iter_document_refs,
    metadata_columns,
    partition_files,
    read_manifest,
    read_ref,
    read_table,
)
from dangjian.indicators.taxonomy import TaxonomyError
from dangjian.project.io import UnsafePathError, _umask
from dangjian.running.engine import SPILL_FOLDER, TABLES, Engine, Stages, process_partition, run, warm_stages
from dangjian.segmentation.pipeline import process_corpus
from dangjian.segmentation.segment import PARAGRAPH_COLUMNS, SECTION_COLUMNS, SENTENCE_COLUMNS
from dangjian.tokens.tokenize import DomainTokenizer

from builders import load_benchmark

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


make_corpus = load_benchmark("make_corpus")


def parquet_digests(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A small generated corpus: 24 documents recombined from data/raw (fixed seed)."""
    folder = tmp_path_factory.mktemp("generated") / "corpus"
    make_corpus.make_corpus(folder, n_docs=24, seed=7)
    return folder


@pytest.fixture(scope="module")
def stages() -> Stages:
    return Stages(metadata_columns=metadata_columns(RAW))


@pytest.fixture(scope="module")
def local_engine(stages):
    with Engine("local", workers=2, chunk_size=2, initializer=warm_stages, initargs=(stages,)) as engine:
        yield engine


@pytest.fixture(scope="module")
def dask_engine(stages):
    with Engine("dask", workers=2, chunk_size=2, initializer=warm_stages, initargs=(stages,)) as engine:
        yield engine


@pytest.fixture(scope="module")
def raw_runs(tmp_path_factory, stages, local_engine, dask_engine) -> dict[str, Path]:
    """The five documents through the in-process, local-pool and Dask engines."""
    outs = {}
    for name, engine in (("serial", Engine("local", workers=0, chunk_size=2)), ("local", local_engine), ("dask", dask_engine)):
        out = tmp_path_factory.mktemp(f"raw-{name}")
        run(RAW, out, engine=engine, stages=stages)
        outs[name] = out
    return outs


# --------------------------------------------------------------------------- equivalence


def file_modes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in sorted(out.rglob("*.parquet"))}


def test_backends_write_identical_tables_on_the_five_documents(raw_runs):
    serial, local, dask = (parquet_digests(raw_runs[name]) for name in ("serial", "local", "dask"))
    assert len(local) == 3 * len(TABLES)  # 5 documents in partitions of 2
    assert local == dask == serial
    modes = {name: file_modes(raw_runs[name]) for name in ("serial", "local", "dask")}
    assert modes["local"] == modes["dask"] == modes["serial"]  # files written by local workers are shared alike
    assert set(modes["local"].values()) == {0o666 & ~_umask()}
    for table in TABLES:
        pd.testing.assert_frame_equal(read_table(raw_runs["local"], table), read_table(raw_runs["dask"], table))


def test_backends_write_identical_tables_on_a_generated_corpus(generated, tmp_path, local_engine, dask_engine):
    stages = Stages(metadata_columns=metadata_columns(generated))
    local = run(generated, tmp_path / "local", engine=local_engine, stages=stages)
    dask = run(generated, tmp_path / "dask", engine=dask_engine, stages=stages)
    assert local.documents == dask.documents == 24
    assert local.partitions == dask.partitions == 12
    assert parquet_digests(tmp_path / "local") == parquet_digests(tmp_path / "dask")
    assert read_manifest(tmp_path / "local") == read_manifest(tmp_path / "dask")
    documents = read_table(tmp_path / "local", "documents")
    assert documents["doc_id"].tolist() == [f"gen-{i:06d}" for i in range(24)]
    assert set(documents["script"]) <= {"hans", "hant"}
    assert read_table(tmp_path / "local", "indicators")["doc_id"].nunique() > 20


def test_rerunning_gives_byte_identical_partitions(raw_runs, stages, tmp_path):
    run(RAW, tmp_path, engine=Engine("local", workers=0, chunk_size=2), stages=stages)
    assert parquet_digests(tmp_path) == parquet_digests(raw_runs["serial"])


def test_documents_from_the_cache_give_the_tables_of_every_back_end(raw_runs, stages, local_engine, dask_engine, tmp_path):
    """Workers fill the cache, the in-process engine and Dask read it: the same bytes as a run without it."""
    cached = dataclasses.replace(stages, cache_dir=str(tmp_path / "cache"))
    filled = run(RAW, tmp_path / "filled", engine=local_engine, stages=cached)
    reread = run(RAW, tmp_path / "reread", engine=Engine("local", workers=0, chunk_size=2), stages=cached)
    on_dask = run(RAW, tmp_path / "dask", engine=dask_engine, stages=cached)
    assert (filled.computed, reread.computed, on_dask.computed) == (5, 0, 0)
    expected = parquet_digests(raw_runs["serial"])
    assert parquet_digests(tmp_path / "filled") == parquet_digests(tmp_path / "reread") == parquet_digests(tmp_path / "dask") == expected


# --------------------------------------------------------------------------- the stages are the library's


def test_engine_tables_are_those_of_the_library_pipeline(raw_runs):
    processed = process_corpus(RAW)
    out = raw_runs["local"]
    for table, columns in (("sentences", SENTENCE_COLUMNS), ("paragraphs", PARAGRAPH_COLUMNS), ("sections", SECTION_COLUMNS)):
        expected = getattr(processed, table)[list(columns)]
        got = read_table(out, table)
        assert got.shape == expected.shape, table
        assert got.astype(object).where(got.notna(), None).values.tolist() == expected.astype(object).where(expected.notna(), None).values.tolist(), table

    expected = extract(processed)[list(INDICATOR_COLUMNS)]
    got = read_table(out, "indicators")
    assert len(got) == len(expected) > 50
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)

    documents = read_table(out, "documents").set_index("doc_id")
    table = processed.document_table.set_index("doc_id")
    for column in ("region", "level", "year", "encoding", "raw_chars", "clean_chars", "sentences", "pinyin_removed", "date"):
        assert documents[column].tolist() == table[column].tolist(), column


def test_token_counts_are_the_domain_tokenizer_counts(raw_runs):
    tokens = read_table(raw_runs["local"], "tokens")
    tokenizer = DomainTokenizer()
    for document in load_corpus(RAW):
        expected = Counter(tokenizer(clean_text(document.raw_text).text))
        got = tokens[tokens["doc_id"] == document.doc_id]
        assert dict(zip(got["token"], got["count"])) == dict(expected)
        assert got["token"].tolist() == sorted(got["token"])
    documents = read_table(raw_runs["local"], "documents")
    assert documents["tokens"].sum() == tokens["count"].sum()


# --------------------------------------------------------------------------- streaming


def test_document_refs_are_read_lazily(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    (folder / "town-speech.txt").write_bytes(b"%PDF-1.4 not text")
    refs = iter_document_refs(folder)
    first = next(refs)  # metadata rows are read one at a time; no file is opened yet
    assert first.doc_id == "pingliang-2024" and first.metadata["script"] == "hant"
    assert read_ref(first).raw_text.startswith("力量")
    bad = next(ref for ref in refs if ref.doc_id == "town-speech")
    with pytest.raises(CorpusError, match=r"town-speech\.txt: this is a PDF file"):
        read_ref(bad)


def test_engine_consumes_partitions_lazily():
    produced = []

    def endless():
        for i in itertools.count():
            produced.append(i)
            yield [i, i]

    with Engine("local", workers=0, max_in_flight=2) as engine:
        first = list(itertools.islice(engine.map_partitions(sum, endless()), 3))
    assert first == [0, 2, 4]
    assert len(produced) <= 6  # only a few partitions ahead of the consumer


def test_local_pool_returns_results_in_partition_order(local_engine):
    assert list(local_engine.map_partitions(sum, batched(range(20), 3))) == [3, 12, 21, 30, 39, 48, 37]


def test_metadata_errors_name_the_file_and_row(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    lines = (folder / "metadata.csv").read_text(encoding="utf-8").splitlines()
    lines.append(lines[2])  # a duplicate doc_id on row 7
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    refs = iter_document_refs(folder)
    assert [r.doc_id for r in itertools.islice(refs, 5)][-1] == "national-2020"
    with pytest.raises(CorpusError, match=r"metadata\.csv: row 7 \(doc_id 'mudanjiang-xian'\): duplicate doc_id, already used on row 3"):
        next(refs)


def test_a_bad_document_stops_the_run_or_becomes_an_issue(tmp_path, stages):
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    (folder / "guizhou-district.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match=r"guizhou-district\.txt: the file is empty"):
        run(folder, tmp_path / "out", engine=Engine("local", workers=0), stages=stages)
    assert not (tmp_path / "out" / MANIFEST).exists()

    tolerant = Stages(metadata_columns=stages.metadata_columns, skip_bad=True)
    summary = run(folder, tmp_path / "out", engine=Engine("local", workers=0), stages=tolerant)
    assert (summary.documents, summary.issues) == (4, 1)
    issues = read_table(tmp_path / "out", "issues")
    assert issues[["doc_id", "status"]].values.tolist() == [["guizhou-district", "skipped"]]
    assert "guizhou-district" not in set(read_table(tmp_path / "out", "documents")["doc_id"])


def test_a_failed_local_run_leaves_no_worker_files_behind(tmp_path, stages, local_engine):
    """When one partition fails, the partitions still running are waited for before the run tidies up:
    no worker writes into the output folder afterwards."""
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    (folder / "pingliang-2024.txt").write_bytes(b"")  # the first partition fails; the next ones are running
    out = tmp_path / "out"
    with pytest.raises(CorpusError, match=r"pingliang-2024\.txt: the file is empty"):
        run(folder, out, engine=local_engine, stages=stages)
    time.sleep(0.5)
    assert not (out / SPILL_FOLDER).exists()
    assert not (out / MANIFEST).exists()
    assert [p for p in out.rglob("*") if p.is_file() and not p.name.startswith("part-")] == []


def test_errors_of_a_worker_reach_the_caller_whole():
    """The project's errors cross a process boundary with their file and problem (pickled and back)."""
    for error in (CorpusError(RAW / "a.txt", "the file is empty"), TaxonomyError("t.yaml", "indicator #2 needs an id"),
                  UnsafePathError("../x", "leaves its folder")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error) and copy.problem == error.problem


# --------------------------------------------------------------------------- partitioned output


def test_a_smaller_rerun_removes_stale_partitions(tmp_path, stages):
    out = tmp_path / "out"
    run(RAW, out, engine=Engine("local", workers=0, chunk_size=1), stages=stages)
    assert len(partition_files(out, "sentences")) == 5
    run(RAW, out, engine=Engine("local", workers=0, chunk_size=3), stages=stages)
    assert [p.name for p in partition_files(out, "sentences")] == ["part-00000.parquet", "part-00001.parquet"]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["tables"]["documents"] == {"partitions": 2, "rows": 5}


def test_an_interrupted_write_keeps_the_previous_manifest(tmp_path):
    out = tmp_path / "out"
    with PartitionedWriter(out) as writer:
        writer.write(0, {"t": pa.table({"x": [1]})})
    before = (out / MANIFEST).read_bytes()
    with pytest.raises(RuntimeError):
        with PartitionedWriter(out) as writer:
            writer.write(0, {"t": pa.table({"x": [2]})})
            raise RuntimeError("stopped")
    assert (out / MANIFEST).read_bytes() == before
    assert not [p for p in (out / "t").iterdir() if p.name.endswith(".tmp")]


def test_every_partition_has_the_declared_schema(raw_runs):
    import pyarrow.parquet as pq

    for table in TABLES:
        schemas = {str(pq.read_schema(p)) for p in partition_files(raw_runs["local"], table)}
        assert len(schemas) == 1, table
    indicator_schema = pq.read_schema(partition_files(raw_runs["local"], "indicators")[0])
    assert indicator_schema.names == list(INDICATOR_COLUMNS)
    # a numeric or boolean indicator column must be declared, or an empty partition would type it as text
    sample = extract(process_corpus(RAW))
    for column in INDICATOR_COLUMNS:
        if pd.api.types.is_numeric_dtype(sample[column]) or pd.api.types.is_bool_dtype(sample[column]):
            assert indicator_schema.field(column).type != pa.string(), column


# --------------------------------------------------------------------------- settings and tokenizers


def test_engine_rejects_bad_settings():
    with pytest.raises(ValueError, match="unknown engine backend 'spark'"):
        Engine("spark")
    with pytest.raises(ValueError, match="scheduler address needs backend='dask'"):
        Engine("local", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError, match="chunk_size must be at least 1"):
        Engine(chunk_size=0)
    with pytest.raises(ValueError, match=r"unknown cleaning steps \['nope'\]"):
        Stages(without_steps=["nope"])


def test_stage_settings_reach_the_workers(local_engine):
    refs = [ref for ref in iter_document_refs(RAW) if ref.doc_id == "pingliang-2024"]
    settings = [Stages(), Stages(without_steps=["convert_to_simplified"])]
    simplified, traditional = (next(local_engine.map_partitions(process_partition, [refs], s)) for s in settings)
    assert simplified.tables["sentences"]["text"][0].as_py().startswith("力量，在党旗下凝聚")
    assert traditional.tables["sentences"]["text"][0].as_py().startswith("力量，在黨旗下凝聚")


def test_stages_pickle_and_give_the_same_tables_in_process(stages):
    import pickle

    refs = list(iter_document_refs(RAW))[:2]
    again = pickle.loads(pickle.dumps(stages))
    first = process_partition(refs, stages).tables
    second = process_partition(refs, again).tables
    assert all(first[name].equals(second[name]) for name in TABLES)


def test_rjieba_backend_agrees_with_jieba_on_the_corpus(generated):
    jieba_tokenizer = DomainTokenizer()
    rjieba_tokenizer = DomainTokenizer(backend="rjieba")
    texts = [clean_text(d.raw_text).text for d in load_corpus(RAW)]
    texts += [clean_text(read_ref(ref).raw_text).text for ref in itertools.islice(iter_document_refs(generated), 8)]
    same = total = 0
    for text in texts:
        expected = {(s, e) for _, s, e in jieba_tokenizer.spans(text)}
        got = {(s, e) for _, s, e in rjieba_tokenizer.spans(text)}
        same += len(expected & got)
        total += len(expected)
        assert "".join(rjieba_tokenizer.cut(text)) == text
    assert total > 20000
    assert same / total >= 0.99
    assert rjieba_tokenizer("落实三会一课制度，建好党群服务中心") == ["三会一课", "制度", "党群服务中心"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_metadata_is_streamed_in_any_encoding(tmp_path, encoding):
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    text = (RAW / "metadata.csv").read_text(encoding="utf-8")
    (folder / "metadata.csv").write_bytes(text.encode(encoding))
    refs = list(iter_document_refs(folder))
    assert [r.doc_id for r in refs] == [d.doc_id for d in load_corpus(RAW)]
    assert refs[0].metadata["title"] == "力量，在党旗下凝聚——平凉市2024年基层党建工作综述"
