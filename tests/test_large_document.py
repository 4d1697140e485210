"""A 12.5 MB document on a single line goes through every per-document stage, nothing lost.

The document is the one ``benchmarks/large_document.py`` measures: the five documents of
``data/raw/`` with their line breaks removed, one of them also stripped of its sentence punctuation
(as a careless scrape leaves it), repeated up to 12.5 MB and written as one line. Every stage is
local to a sentence or a paragraph, so a text made of k copies of a piece must give what one copy
gives plus k - 1 times what each further copy adds: nothing is dropped or merged however long the
line.

12.5 MB is the smallest size of the benchmark, and what could drop or merge units does not change
above it: the line (4.7 million characters, 223 copies of the piece, 64,000 sentences) already goes
through every stage that works in pieces or batches in more than one of them — cleaning converts a
long line in pieces and joins its output in blocks, segmentation hands its rows over in batches,
extraction reads the sentences in batches, the tokenizer cuts the text into pieces —, as
``test_the_line_is_longer_than_every_piece_and_batch`` checks against the library's sizes. The 50 MB
line (four times as many batches, and four times the time: some 20 to 30 s more of the test suite)
is measured by the benchmark; the memory a long line takes per byte is bounded by
``test_huge_document.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dangjian.indicators import extract
from dangjian.reading.corpus import Document, load_corpus, read_document
from dangjian.running.status import document_warnings
from dangjian.segmentation.pipeline import process_document
from dangjian.segmentation.segment import MAX_SENTENCE_CHARS
from dangjian.tokens.tokenize import DomainTokenizer

from builders import load_benchmark

large_document = load_benchmark("large_document")
TARGET_BYTES = 12_500_000


def counts(raw: str) -> tuple[int, int, int]:
    """Sentences, indicators and tokens of one raw text."""
    processed = process_document(Document("d", Path("d.txt"), raw, "utf-8"))
    tokens = len(DomainTokenizer().tokenize(processed.cleaned.text))
    return len(processed.segmentation.sentences), len(extract(processed)), tokens


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    piece = large_document.one_line_piece()
    copies = large_document.copies_for(piece, TARGET_BYTES)
    folder = tmp_path_factory.mktemp("large")
    path = folder / "全国 汇编.txt"
    path.write_bytes((piece * copies).encode("utf-8"))
    (folder / "metadata.csv").write_text(
        "doc_id,file,region,level,year\n全国汇编,全国 汇编.txt,全国,national,2024\n", encoding="utf-8"
    )
    document = load_corpus(folder).documents[0]
    processed = process_document(document)
    return {"path": path, "piece": piece, "copies": copies, "document": document, "processed": processed}


def test_the_file_is_12_5_mb_on_one_line(large):
    data = large["path"].read_bytes()
    assert len(data) >= TARGET_BYTES
    assert b"\n" not in data and b"\r" not in data
    assert large["document"].encoding == "utf-8"
    assert large["document"].raw_text == read_document(large["path"]).raw_text


def test_the_line_is_longer_than_every_piece_and_batch(large):
    """Every stage takes this line in several pieces or batches, so a longer line only adds more of them."""
    from dangjian.cleaning.clean import LONG_LINE_CHARS
    from dangjian.cleaning.edits import _JOIN_CHARS
    from dangjian.indicators.extract import BATCH_SENTENCES
    from dangjian.segmentation.segment import _BATCH_ROWS
    from dangjian.tokens.tokenize import PIECE_CHARS

    characters = len(large["processed"].cleaned.text)
    sentences = len(large["processed"].segmentation.sentences)
    assert characters >= 4 * max(LONG_LINE_CHARS, _JOIN_CHARS, PIECE_CHARS), characters
    assert sentences >= 3 * _BATCH_ROWS and sentences > BATCH_SENTENCES, sentences
    assert large["copies"] > 200


def test_sentences_stay_short_and_cover_the_text(large):
    processed = large["processed"]
    sentences = processed.segmentation.sentences
    text = processed.cleaned.text
    assert sentences.text.str.len().max() <= MAX_SENTENCE_CHARS
    assert sentences.end.max() == len(text.rstrip())
    starts, ends = sentences.start.to_numpy(), sentences.end.to_numpy()
    assert (starts[1:] >= ends[:-1]).all()
    assert re.sub(r"\s", "", "".join(sentences.text)) == re.sub(r"\s", "", text)


def test_every_copy_gives_the_same_units_numbers_and_tokens(large):
    piece, copies, processed = large["piece"], large["copies"], large["processed"]
    one, two = counts(piece), counts(piece * 2)
    expected = [a + (copies - 1) * (b - a) for a, b in zip(one, two)]
    table = extract(processed)
    tokens = len(DomainTokenizer().tokenize(processed.cleaned.text))
    assert [len(processed.segmentation.sentences), len(table), tokens] == expected
    raw = large["document"].raw_text
    assert (table.raw_surface == [raw[s:e] for s, e in zip(table.raw_start, table.raw_end)]).all()
    assert (table.surface == [processed.cleaned.text[s:e] for s, e in zip(table.start, table.end)]).all()


def test_the_corpus_report_warns_that_sentences_were_cut(large):
    reasons = document_warnings(large["processed"])
    cut = [reason for reason in reasons if "without 。！？" in reason]
    assert len(cut) == 1
    assert int(cut[0].split()[0]) == int(large["processed"].segmentation.sentences.cut_for_length.sum()) > 0
