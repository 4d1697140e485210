"""The per-document pipeline: caching and the `dangjian clean` command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dangjian.project.cache import Cache
from dangjian.reading.corpus import load_corpus
from dangjian.segmentation.pipeline import process, process_corpus

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(RAW, folder)
    return folder


def test_cache_recomputes_only_the_changed_document(corpus_copy, tmp_path):
    first = Cache(tmp_path / "cache")
    baseline = process(load_corpus(corpus_copy), cache=first)
    assert (first.hits, first.misses) == (0, 5)

    again = Cache(tmp_path / "cache")
    cached = process(load_corpus(corpus_copy), cache=again)
    assert (again.hits, again.misses) == (5, 0)
    pd.testing.assert_frame_equal(cached.sentences, baseline.sentences)

    path = corpus_copy / "town-speech.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n新增一段：培训党员100人次。", encoding="utf-8")
    changed = Cache(tmp_path / "cache")
    result = process(load_corpus(corpus_copy), cache=changed)
    assert (changed.hits, changed.misses) == (4, 1)
    assert "新增一段" in result["town-speech"].cleaned.text


def test_a_different_cleaning_pipeline_is_a_different_cache_entry(corpus_copy, tmp_path):
    from dangjian.cleaning.clean import CleaningPipeline

    process_corpus(corpus_copy, cache_dir=tmp_path / "cache")
    cache = Cache(tmp_path / "cache")
    result = process(load_corpus(corpus_copy), CleaningPipeline().without("convert_to_simplified"), cache)
    assert cache.misses == 5
    assert "黨" in result["pingliang-2024"].cleaned.text


def test_a_corrupt_cache_entry_is_recomputed(corpus_copy, tmp_path):
    process_corpus(corpus_copy, cache_dir=tmp_path / "cache")
    for entry in (tmp_path / "cache").rglob("*.entry"):
        entry.write_bytes(b"not a pickle")
    cache = Cache(tmp_path / "cache")
    process(load_corpus(corpus_copy), cache=cache)
    assert cache.misses == 5


def _dangjian(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dangjian.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_clean_command_writes_texts_and_the_record(tmp_path):
    result = _dangjian("clean", str(RAW / "mudanjiang-xian.txt"), str(RAW / "national-2020.txt"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mudanjiang-xian.txt").read_text(encoding="utf-8").startswith("党的基层组织是党执政的组织基础")
    record = pd.read_csv(tmp_path / "cleaning.csv")
    pinyin = record[(record.doc_id == "mudanjiang-xian") & (record.step == "remove_pinyin_readings")]
    assert pinyin.edits.iloc[0] > 300


def test_clean_command_names_an_unreadable_file(tmp_path):
    bad = tmp_path / "扫描件 1.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = _dangjian("clean", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "扫描件 1.txt" in result.stderr and "PNG" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
