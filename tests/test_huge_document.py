"""A document of hundreds of megabytes is cleaned and segmented in memory proportional to its size.

Cleaning applies each step's edits as they stream from the text, keeps the offset map as runs
rather than two numbers per character, and converts a very long line to simplified characters in
pieces; segmentation walks the text in place and moves the texts of its tables into Arrow a batch
of rows at a time. Each of these must give exactly what the plain computation gives — every edit
in a list, applied character by character, maps as arrays, one table row after another — so the
tests compare the two on the five documents of ``data/raw/``, on a long document of many lines and
on the one-line document of ``benchmarks/large_document.py``, with pieces and batches forced
small. A last test processes a one-line document of 5 MB in a fresh process and bounds its peak
memory by 12 bytes per byte of input (it used to take about 48).
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import dangjian.cleaning.clean as clean
import dangjian.segmentation.segment as segment_module
from dangjian.cleaning.clean import CleaningPipeline, StepRecord, _example, _find_script_edits, clean_text
from dangjian.cleaning.edits import Edit, OffsetMap, apply_sorted_edits
from dangjian.segmentation.segment import Segmentation, segment, segment_records

from builders import load_benchmark

large_document = load_benchmark("large_document")
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
MEMORY_TEST_BYTES = 5_000_000
BYTES_PER_INPUT_BYTE = 12


def documents() -> dict[str, str]:
    """The five raw documents, a long document of many lines, and the one-line benchmark document."""
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))}
    joined = "\r\n".join(texts.values())
    texts["many lines"] = "林坤\n" + (joined + "\n\n  ") * 3 + "（作者系区委常委）"
    texts["one line"] = large_document.one_line_piece() * 2
    return texts


DOCUMENTS = documents()


# --- the plain computation, character by character -----------------------------------------


def apply_one_by_one(text: str, edits: list[Edit]) -> tuple[str, np.ndarray, np.ndarray]:
    """Edits sorted, overlaps dropped first-come, marks skipped; the map of each output character."""
    kept, last_end = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end or edit.start > edit.end or edit.end > len(text):
            continue
        kept.append(edit)
        last_end = max(last_end, edit.end) if edit.end > edit.start else last_end
    pieces, starts, ends, cursor = [], [], [], 0
    for edit in kept:
        if edit.replacement == text[edit.start : edit.end]:
            continue
        pieces.append(text[cursor : edit.start])
        starts.extend(range(cursor, edit.start))
        ends.extend(range(cursor + 1, edit.start + 1))
        pieces.append(edit.replacement)
        starts.extend([edit.start] * len(edit.replacement))
        ends.extend([edit.end] * len(edit.replacement))
        cursor = edit.end
    pieces.append(text[cursor:])
    starts.extend(range(cursor, len(text) + 1))
    ends.extend(range(cursor + 1, len(text) + 1))
    return "".join(pieces), np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def compose(starts: np.ndarray, ends: np.ndarray, step_starts: np.ndarray, step_ends: np.ndarray):
    """The map to the raw text after one more step (each character: the span of its input span)."""
    new_starts = starts[step_starts]
    empty = step_ends <= step_starts[:-1]
    new_ends = np.where(empty, new_starts[:-1], ends[np.maximum(step_ends - 1, 0)] if len(ends) else 0)
    return new_starts, new_ends.astype(np.int64)


def clean_in_lists(raw: str, pipeline: CleaningPipeline) -> dict:
    """Cleaning as a list of edits per step (each line converted whole), maps as arrays."""
    text, metadata, records = raw, {}, []
    starts, ends = np.arange(len(raw) + 1, dtype=np.int64), np.arange(1, len(raw) + 1, dtype=np.int64)
    for step in pipeline.steps:
        if step.extract_metadata is not None:
            for key, value in step.extract_metadata(text).items():
                metadata.setdefault(key, value)
        if step.name == "convert_to_simplified":
            edits = list(_find_script_edits(text, piece_chars=10**12))
        else:
            edits = step.find_edits(text)
        changes = [e for e in edits if e.replacement != text[e.start : e.end]]
        records.append(
            StepRecord(
                step.name, step.kind, len(edits), sum(e.end - e.start for e in changes),
                sum(len(e.replacement) for e in changes), [_example(text, e) for e in edits[: pipeline.max_examples]],
                [text[e.start : e.end].strip() for e in changes if step.kind == "remove"], dict(Counter(e.kind for e in edits)),
            )
        )
        if changes:
            text, step_starts, step_ends = apply_one_by_one(text, changes)
            starts, ends = compose(starts, ends, step_starts, step_ends)
    line_steps = CleaningPipeline(tuple(s for s in pipeline.steps if s.extract_metadata is None))
    metadata = {key: clean_in_lists(value, line_steps)["text"] for key, value in metadata.items()} if metadata else {}
    return {"text": text, "records": records, "metadata": metadata, "starts": starts, "ends": ends}


# --- cleaning --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_streamed_cleaning_gives_what_lists_of_edits_give(name, monkeypatch):
    raw = DOCUMENTS[name]
    expected = clean_in_lists(raw, CleaningPipeline())
    monkeypatch.setattr(clean, "LONG_LINE_CHARS", 40)  # every line over 40 characters converted in pieces
    result = clean_text(raw)
    assert result.text == expected["text"]
    assert result.records == expected["records"]
    assert result.metadata == expected["metadata"]
    assert np.array_equal(result.offset_map.starts, expected["starts"])
    assert np.array_equal(result.offset_map.ends, expected["ends"])
    assert result.offset_map == OffsetMap(expected["starts"], expected["ends"])


def test_the_offset_map_of_a_long_document_is_a_few_runs_not_a_number_per_character():
    raw = DOCUMENTS["one line"] * 8
    result = clean_text(raw)
    assert len(result.offset_map) == len(result.text) > 250_000
    # a run per removal or length-changing replacement (thousands), not a number per character
    assert result.offset_map.runs < len(result.text) / 20
    assert result.offset_map.runs <= 2 * sum(r.edits for r in result.records if r.chars_removed != r.chars_added) + 1


@pytest.mark.parametrize("piece_chars", [1, 7, 300])
def test_a_long_line_converted_in_pieces_is_converted_as_a_whole(piece_chars):
    for name in ("mudanjiang-xian", "one line", "many lines"):
        text = clean.normalize_spaces(DOCUMENTS[name])
        whole = list(_find_script_edits(text, piece_chars=10**12))
        assert whole, name  # the documents hold traditional characters
        assert list(_find_script_edits(text, piece_chars=piece_chars)) == whole


def test_a_step_that_yields_its_edits_out_of_text_order_is_refused():
    backwards = clean.Step.streaming("backwards", "normalize", lambda text: iter([Edit(3, 4, "x", "k"), Edit(0, 1, "y", "k")]))
    with pytest.raises(ValueError, match="backwards: edits out of text order"):
        CleaningPipeline((backwards,))("abcdef")


def test_offset_maps_compose_as_character_arrays_do():
    rng = random.Random(19)
    for _ in range(400):
        text = "".join(rng.choice("ab (x)") for _ in range(rng.randint(0, 14)))
        runs, starts, ends = OffsetMap.identity(len(text)), np.arange(len(text) + 1), np.arange(1, len(text) + 1)
        for _ in range(3):
            edits = []
            for _ in range(rng.randint(0, 5)):
                a = rng.randint(0, len(text))
                edits.append(Edit(a, min(len(text), a + rng.randint(0, 3)), rng.choice(["", "y", "zz", "□□□"]), "k"))
            new_text, step_starts, step_ends = apply_one_by_one(text, edits)
            streamed_text, step_map = apply_sorted_edits(text, sorted(edits, key=lambda e: (e.start, e.end)))
            assert streamed_text == new_text
            runs, (starts, ends), text = runs.then(step_map), compose(starts, ends, step_starts, step_ends), new_text
            assert np.array_equal(runs.starts, starts) and np.array_equal(runs.ends, ends)
            spans = sorted(rng.randint(0, len(text)) for _ in range(2))
            assert runs.to_raw_span(*spans) == (int(starts[spans[0]]), int(ends[spans[1] - 1]) if spans[1] > spans[0] else int(starts[spans[0]]))


# --- segmentation ----------------------------------------------------------------------------


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["national-2020", "many lines", "one line"])
def test_tables_built_in_batches_of_columns_equal_tables_built_row_by_row(name, monkeypatch):
    text = clean_text(DOCUMENTS[name]).text
    monkeypatch.setattr(segment_module, "_BATCH_ROWS", 7)
    batched = segment(name, text)
    rows = Segmentation.from_records(segment_records(name, text))
    for table in ("sections", "paragraphs", "sentences"):
        pd.testing.assert_frame_equal(getattr(batched, table), getattr(rows, table))
        assert parquet_bytes(getattr(batched, table)) == parquet_bytes(getattr(rows, table))
    assert len(batched.sentences) > 7 * 10


# --- memory ------------------------------------------------------------------------------------

_MEASURE = """
import json, sys
from pathlib import Path
import psutil
from dangjian.cleaning.clean import clean_text
from dangjian.reading.corpus import read_document
from dangjian.segmentation.pipeline import process_document

def high_water_mark():  # peak resident memory of this process since exec (VmHWM, in bytes)
    line = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024

clean_text("黨(dǎng)建聯系點3799個。")  # dictionaries and converters loaded before the baseline
baseline = psutil.Process().memory_info().rss
processed = process_document(read_document(Path(sys.argv[1])))
print(json.dumps({"baseline": baseline, "peak": high_water_mark(), "sentences": len(processed.segmentation.sentences)}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="the peak memory is read from /proc/self/status")
def test_a_one_line_document_of_5_mb_is_processed_in_memory_proportional_to_it(tmp_path):
    # VmHWM, not ru_maxrss: a child's ru_maxrss starts from the resident memory of the process that started it
    path = tmp_path / "one-line.txt"
    path.write_bytes(large_document.one_line_document(target_bytes=MEMORY_TEST_BYTES).encode("utf-8"))
    size = path.stat().st_size
    completed = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True)
    measured = json.loads(completed.stdout.strip().splitlines()[-1])
    assert measured["sentences"] > 20_000
    growth = measured["peak"] - measured["baseline"]
    assert growth <= BYTES_PER_INPUT_BYTE * size, f"{growth / size:.1f} bytes of memory per byte of input"


# --- the process step on a huge document -------------------------------------------------------


def table_frames(out: Path) -> dict[str, pd.DataFrame]:
    """Every table of a tables folder, all partitions joined (partition boundaries aside)."""
    from dangjian.reading.stream import read_table
    from dangjian.running.engine import TABLES

    return {name: read_table(out, name) for name in TABLES}


def test_tables_written_as_they_are_made_equal_tables_held_in_memory(tmp_path, monkeypatch):
    """With the threshold lowered to one byte, every document of data/raw/ is a huge document: its
    sections, paragraphs, sentences, indicators and excluded numbers are written row group by row
    group, its clean text straight to a file. The tables read back are those of the ordinary run,
    nothing is left in the spill folder, and no cache entry holds a spilled document."""
    import dangjian.running.engine as engine
    from dangjian.running.tables import CorpusTables, process_tables

    process_tables(RAW, tmp_path / "memory", cache_dir=tmp_path / "cache-memory")
    monkeypatch.setattr(engine, "HUGE_DOCUMENT", 1)
    process_tables(RAW, tmp_path / "spilled", cache_dir=tmp_path / "cache-spilled")

    held, spilled = table_frames(tmp_path / "memory"), table_frames(tmp_path / "spilled")
    for name in held:
        pd.testing.assert_frame_equal(spilled[name], held[name], check_dtype=True, obj=name)
    assert len(held["indicators"]) > 100 and len(held["sentences"]) > 300
    assert CorpusTables(tmp_path / "spilled").clean_texts == CorpusTables(tmp_path / "memory").clean_texts
    assert not (tmp_path / "spilled" / engine.SPILL_FOLDER).exists()
    manifest = json.loads((tmp_path / "spilled" / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["indicators"] == {"partitions": 5, "rows": len(held["indicators"])}
    assert not [p for p in (tmp_path / "cache-spilled").rglob("*") if p.is_file() and "document-tables" in p.as_posix()]
    assert [p for p in (tmp_path / "cache-memory").rglob("*") if p.is_file() and "document-tables" in p.as_posix()]


_MEASURE_PROCESS = """
import json, sys
from pathlib import Path
import psutil
import dangjian.running.engine as engine
from dangjian.cleaning.clean import clean_text
from dangjian.running.tables import process_tables
from dangjian.tokens.tokenize import DomainTokenizer

def high_water_mark():
    line = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024

engine.HUGE_DOCUMENT = int(sys.argv[3])
clean_text("黨(dǎng)建聯系點3799個。")  # dictionaries and converters loaded before the baseline
DomainTokenizer().count_tokens("全市共建立联系点3799个。")
baseline = psutil.Process().memory_info().rss
summary = process_tables(sys.argv[1], sys.argv[2])
print(json.dumps({"baseline": baseline, "peak": high_water_mark(), "documents": summary.documents}))
"""
#: What the process step holds besides the document's own size: one batch of extracted rows as
#: Python objects (:data:`dangjian.indicators.extract.BATCH_ROWS`) and one slice of a unit table.
PROCESS_FIXED_BYTES = 320_000_000


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="the peak memory is read from /proc/self/status")
def test_the_process_step_holds_a_huge_document_in_memory_proportional_to_it(tmp_path):
    """The whole process step (read, clean, segment, extract, count, write) on a one-line document
    of 8 MB treated as huge: peak memory at most 12 bytes per byte of input plus one batch."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "one-line.txt"
    path.write_bytes(large_document.one_line_document(target_bytes=8_000_000).encode("utf-8"))
    size = path.stat().st_size
    command = [sys.executable, "-c", _MEASURE_PROCESS, str(corpus), str(tmp_path / "tables"), "1000000"]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    measured = json.loads(completed.stdout.strip().splitlines()[-1])
    assert measured["documents"] == 1
    growth = measured["peak"] - measured["baseline"]
    assert growth <= BYTES_PER_INPUT_BYTE * size + PROCESS_FIXED_BYTES, f"{growth / 1e6:.0f} MB for {size / 1e6:.0f} MB of input"


def test_a_huge_document_that_cannot_be_read_is_skipped_and_the_rest_processed(tmp_path, monkeypatch):
    """A huge file is set apart by its size before it is read: when it turns out unreadable (here a
    text with no Chinese at all), it is one skipped document, and the others are processed."""
    import dangjian.running.engine as engine
    from dangjian.running.tables import CorpusTables, process_tables

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "town-speech.txt").write_bytes((RAW / "town-speech.txt").read_bytes())
    (corpus / "english.txt").write_text("Only English words here, and no Chinese at all.\n" * 200, encoding="utf-8")
    monkeypatch.setattr(engine, "HUGE_DOCUMENT", 1)
    summary = process_tables(corpus, tmp_path / "tables")
    assert (summary.documents, summary.issues) == (1, 1)
    status = CorpusTables(tmp_path / "tables").status_table()
    assert status.set_index("file").loc["english.txt", "status"] == "skipped"
    assert not (tmp_path / "tables" / engine.SPILL_FOLDER).exists()
