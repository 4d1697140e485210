"""The cache holds data, never code: no entry can run anything, and a damaged entry is recomputed.

Hostile and damaged entries are built in a cache of a copy of ``data/raw/``: a pickle whose
loading would run a shell command, an entry with one number changed (党建联系点3799个 → 9799),
an entry with an invalid byte, a truncated one. Each is detected before it is decoded, recomputed,
and reported with a :class:`~dangjian.project.cache.CacheEntryWarning` naming its file.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dangjian.indicators import extract
from dangjian.project.cache import FRAME, JSON, KEY_FILE, TEXT, Cache, CacheEntryWarning, pack, unpack
from dangjian.reading.corpus import load_corpus
from dangjian.segmentation.pipeline import PROCESSED_DOCUMENT, ProcessedCorpus, process, process_document

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
LIBRARY = ROOT / "lib" / "dangjian"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(RAW)


@pytest.fixture(scope="module")
def fresh(corpus):
    """The five documents of data/raw processed without a cache."""
    return process(corpus)


@pytest.fixture
def filled(tmp_path, corpus):
    """A cache holding the five processed documents."""
    cache = Cache(tmp_path / "cache")
    process(corpus, cache=cache)
    assert (cache.hits, cache.misses) == (0, 5)
    return tmp_path / "cache"


def entry_of(cache_root: Path, doc_id: str) -> Path:
    """The entry file of one processed document (its doc_id is in the entry's JSON member)."""
    marker = f'"doc_id":"{doc_id}"'.encode()
    found = [path for path in cache_root.rglob("*.entry") if marker in path.read_bytes()]
    assert len(found) == 1, found
    return found[0]


def reprocess(corpus, cache_root: Path, entry: Path):
    """Process the corpus again with the cache; the result, the cache and the warnings about ``entry``."""
    cache = Cache(cache_root)
    with pytest.warns(CacheEntryWarning, match=re.escape(str(entry))) as caught:
        result = process(corpus, cache=cache)
    return result, cache, [str(w.message) for w in caught if issubclass(w.category, CacheEntryWarning)]


def indicator_values(processed, doc_id: str) -> list[str]:
    table = extract(processed)
    return table.loc[table["doc_id"] == doc_id, "surface"].tolist()


class _RunsShell:
    def __init__(self, command: str):
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def test_a_pickle_at_an_entry_path_is_never_run_and_the_value_is_recomputed(filled, corpus, fresh, tmp_path):
    marker = tmp_path / "pickle-ran"
    entry = entry_of(filled, "pingliang-2024")
    entry.write_bytes(pickle.dumps(_RunsShell(f"touch '{marker}'")))
    control = tmp_path / "control-ran"
    pickle.loads(pickle.dumps(_RunsShell(f"touch '{control}'")))
    assert control.exists()  # unpickling such a file does run its command

    result, cache, messages = reprocess(corpus, filled, entry)

    assert not marker.exists()
    assert (cache.hits, cache.misses, cache.discarded) == (4, 1, [entry])
    assert messages == [f"cache entry {entry}: it is not a cache entry (it does not start with 'dangjian-cache/1'); "
                        "it is not used and its value is recomputed"]
    pd.testing.assert_frame_equal(result.sentences, fresh.sentences)
    assert entry.read_bytes().startswith(b"dangjian-cache/1 processed-document ")  # rewritten as a real entry
    again = Cache(filled)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheEntryWarning)
        process(corpus, cache=again)
    assert (again.hits, again.misses) == (5, 0)


def change_number_in_members(data: bytes) -> bytes:
    """The entry with 3799 changed to 9799 in each member of its payload, re-zipped (valid zip CRCs)."""
    header, payload = data.split(b"\n", 1)
    members = {name: member.replace(b"3799", b"9799") for name, member in unpack(payload).items()}
    return header + b"\n" + pack(members)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(change_number_in_members, id="members-edited-and-rezipped"),
        pytest.param(lambda data: data.replace(b"3799", b"9799"), id="bytes-edited"),
    ],
)
def test_an_entry_with_one_number_changed_is_discarded_and_the_table_says_3799(filled, corpus, edit):
    entry = entry_of(filled, "pingliang-2024")
    data = entry.read_bytes()
    assert data.count(b"3799") >= 3  # raw text, clean text, sentence table
    entry.write_bytes(edit(data))
    if edit is change_number_in_members:  # decoded without the digest check, the entry would give 9799
        payload = entry.read_bytes().split(b"\n", 1)[1]
        assert "9799个" in indicator_values(corpus_of(PROCESSED_DOCUMENT.loads(payload)), "pingliang-2024")

    result, cache, messages = reprocess(corpus, filled, entry)

    assert (cache.misses, cache.discarded) == (1, [entry])
    assert messages == [f"cache entry {entry}: its content does not match its digest (edited, truncated or corrupted); "
                        "it is not used and its value is recomputed"]
    values = indicator_values(result, "pingliang-2024")
    assert "3799个" in values and not any("9799" in value for value in values)
    assert "党建联系点3799个" in result["pingliang-2024"].cleaned.text


def corpus_of(processed_document) -> ProcessedCorpus:
    """A processed corpus of one already processed document."""
    return ProcessedCorpus([processed_document], [])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[: data.index("联系点".encode())] + b"\xff" + data[data.index("联系点".encode()) + 1 :],
                     id="invalid-byte"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data.replace(b"processed-document", b"arrow-table", 1), id="other-codec"),
    ],
)
def test_a_damaged_entry_is_recomputed_with_a_warning_naming_it(filled, corpus, fresh, damage):
    entry = entry_of(filled, "pingliang-2024")
    entry.write_bytes(damage(entry.read_bytes()))

    result, cache, messages = reprocess(corpus, filled, entry)

    assert (cache.hits, cache.misses, cache.discarded) == (4, 1, [entry])
    assert len(messages) == 1 and str(entry) in messages[0] and "recomputed" in messages[0]
    assert result["pingliang-2024"].cleaned.text == fresh["pingliang-2024"].cleaned.text
    again = Cache(filled)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheEntryWarning)
        process(corpus, cache=again)
    assert (again.hits, again.misses) == (5, 0)


def test_an_entry_moved_to_another_key_or_from_another_cache_is_not_used(filled, corpus, tmp_path):
    pingliang, national = entry_of(filled, "pingliang-2024"), entry_of(filled, "national-2020")
    national.write_bytes(pingliang.read_bytes())  # a valid entry under the wrong name
    result, cache, _ = reprocess(corpus, filled, national)
    assert cache.discarded == [national]
    assert result["national-2020"].document.path.name == "national-2020.txt"

    other = tmp_path / "other"
    shutil.copytree(filled, other)
    (other / KEY_FILE).unlink()  # the same entries, another cache's key
    cache = Cache(other)
    with pytest.warns(CacheEntryWarning):
        process(corpus, cache=cache)
    assert cache.misses == 5 and len((other / KEY_FILE).read_bytes()) == 32


@pytest.mark.parametrize("position", range(5))
def test_round_trip_of_each_processed_document_equals_the_fresh_one(fresh, position):
    original = fresh.documents[position]
    again = PROCESSED_DOCUMENT.loads(PROCESSED_DOCUMENT.dumps(original))

    assert again.document == original.document and isinstance(again.document.path, Path)
    assert again.cleaned.raw_text == original.cleaned.raw_text
    assert again.cleaned.text == original.cleaned.text
    assert again.cleaned.records == original.cleaned.records
    assert again.cleaned.metadata == original.cleaned.metadata
    assert again.cleaned.record_table() == original.cleaned.record_table()
    for name in ("sections", "paragraphs", "sentences"):
        pd.testing.assert_frame_equal(getattr(again.segmentation, name), getattr(original.segmentation, name))
    assert again.summary() == original.summary()
    old, new = original.cleaned.offset_map, again.cleaned.offset_map
    assert new.starts.dtype == old.starts.dtype and np.array_equal(new.starts, old.starts)
    assert np.array_equal(new.ends, old.ends)
    rng = np.random.default_rng(position)
    length = len(original.cleaned.text)
    for start, end in np.sort(rng.integers(0, length + 1, size=(200, 2)), axis=1):
        assert again.cleaned.to_raw_span(int(start), int(end)) == original.cleaned.to_raw_span(int(start), int(end))
    raw = original.document.raw_text
    assert [raw[slice(*again.cleaned.to_raw_span(s, e))] for s, e in zip(again.segmentation.sentences["start"],
            again.segmentation.sentences["end"])] == [raw[slice(*original.cleaned.to_raw_span(s, e))] for s, e in
            zip(original.segmentation.sentences["start"], original.segmentation.sentences["end"])]


def test_round_trip_of_an_empty_document_and_of_the_other_codecs():
    from dangjian.reading.corpus import Document

    empty = process_document(Document("empty", Path("empty.txt"), "", "utf-8"))
    again = PROCESSED_DOCUMENT.loads(PROCESSED_DOCUMENT.dumps(empty))
    assert again.cleaned.text == "" and len(again.cleaned.offset_map) == 0
    for name in ("sections", "paragraphs", "sentences"):
        pd.testing.assert_frame_equal(getattr(again.segmentation, name), getattr(empty.segmentation, name))

    sweep = pd.DataFrame({"k": [2, 3], "npmi": [0.1, float("nan")], "stability": [0.9, 0.8]})
    pd.testing.assert_frame_equal(FRAME.loads(FRAME.dumps(sweep)), sweep)
    mixed = pd.DataFrame({
        "level": pd.array([1, None], dtype="Int64"), "text": ["党", None], "flag": [True, False],
        "when": pd.to_datetime(["2024-01-01", None]), "any": pd.Series(["a", 1], dtype=object).astype(str),
    })
    again = FRAME.loads(FRAME.dumps(mixed))
    pd.testing.assert_frame_equal(again, mixed)
    again.loc[0, "flag"] = False  # columns come back writable
    with pytest.raises(ValueError, match="reset_index"):
        FRAME.dumps(mixed.set_index("text"))
    assert TEXT.loads(TEXT.dumps("data:image/png;base64,党")) == "data:image/png;base64,党"
    assert JSON.loads(JSON.dumps({"a": [1, "二"]})) == {"a": [1, "二"]}


def test_every_codec_value_is_cached_and_a_damaged_one_recomputed(tmp_path):
    sweep = pd.DataFrame({"k": [2, 3], "npmi": [0.1, 0.2]})
    for codec, value in ((FRAME, sweep), (TEXT, "data:image/png;base64,AAAA")):
        calls = []
        cache = Cache(tmp_path / "cache")
        compute = lambda value=value: calls.append(1) or value  # noqa: E731
        cache.get_or_compute("stage", ("x",), compute, codec=codec)
        entry = next((tmp_path / "cache" / "stage").glob("*.entry"))
        data = entry.read_bytes()
        entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the last byte flipped
        with pytest.warns(CacheEntryWarning, match=re.escape(str(entry))):
            cache.get_or_compute("stage", ("x",), compute, codec=codec)
        got = cache.get_or_compute("stage", ("x",), compute, codec=codec)
        assert len(calls) == 2 and cache.hits == 1
        if codec is FRAME:
            pd.testing.assert_frame_equal(got, sweep)
        else:
            assert got == value
        entry.unlink()


def test_no_module_reads_pickled_data():
    """Nothing in the library loads pickle, joblib or cloudpickle data, nor arrays with pickled objects."""
    pattern = re.compile(r"pickle\.loads?\(|joblib|cloudpickle|allow_pickle\s*=\s*True|read_pickle|\bshelve\b|\bmarshal\.")
    offenders = [
        f"{path.relative_to(LIBRARY)}:{number}: {line.strip()}"
        for path in sorted(LIBRARY.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_a_new_cache_makes_one_key_and_entries_are_bundles_of_plain_formats(filled):
    key = filled / KEY_FILE
    assert len(key.read_bytes()) == 32
    entry = entry_of(filled, "town-speech")
    header, payload = entry.read_bytes().split(b"\n", 1)
    fields = header.split(b" ")
    assert fields[:2] == [b"dangjian-cache/1", b"processed-document"] and len(fields[2]) == 64
    assert sorted(unpack(payload)) == [
        "cleaned.json", "document.json", "offsets.npy", "paragraphs.arrow", "sections.arrow", "sentences.arrow",
    ]


def test_an_offset_map_array_is_read_without_pickle_and_checked():
    import io

    from dangjian.cleaning.edits import offset_map_from_npy

    def npy(values: np.ndarray) -> bytes:
        buffer = io.BytesIO()
        np.save(buffer, values, allow_pickle=True)
        return buffer.getvalue()

    with pytest.raises(ValueError, match="allow_pickle"):  # an object array is stored as a pickle
        offset_map_from_npy(npy(np.array([os.getpid], dtype=object)))
    # length 5, sentinel 5; runs at characters 0 and 3 mapping to [0, 1) and [1, 2), slope 1
    runs = offset_map_from_npy(npy(np.array([5, 5, 0, 3, 0, 1, 1, 2, 1, 1], dtype=np.int64)))
    assert runs.starts.tolist() == [0, 1, 2, 1, 2, 5]
    with pytest.raises(ValueError, match="do not form an offset map"):
        offset_map_from_npy(npy(np.array([5, 5, 3, 0, 0, 1, 1, 2, 1, 1], dtype=np.int64)))
