"""Property-based tests: random Chinese/ASCII/pinyin/number mixtures never break a stage.

Each property runs ``DANGJIAN_FUZZ_EXAMPLES`` examples (2,000 by default, as in CI), except the two
whose examples build tables (4 and 14 ms an example; the others take under 1 ms), which run a
quarter of them (``EXAMPLES_OF_TABLES``). The part of their property that lies in the random text
is tested on every example by another property of this file: ``segment`` cuts each paragraph into
sentences with :func:`sentence_spans` (``test_sentences_stay_within_the_length_limit_and_cover_the_text``),
and ``extract`` reads the numbers of each sentence with :func:`read_text`
(``test_reading_numbers_never_raises_and_its_spans_are_its_surfaces``). What the two add — paragraph
rows, the subjects and indicators of the numbers, offsets into the whole text — is tested on random
text by the quarter, and on real text: every row of the corpus's indicator table points at its
surface in the clean and the raw text (``test_indicators_corpus.py``), and so does every row of the
12.5 MB one-line document's (``test_large_document.py``).
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.cleaning.clean import clean_text, question_marks
from dangjian.segmentation.segment import segment, sentence_spans

EXAMPLES = int(os.environ.get("DANGJIAN_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLES_OF_TABLES = max(1, EXAMPLES // 4)
FUZZ_TABLES = settings(FUZZ, max_examples=EXAMPLES_OF_TABLES)

PIECES = st.sampled_from(
    [
        "黨", "党", "建", "基層", "组织", "村", "社区", "培训", "万", "萬", "亿", "个", "個", "名", "人", "次", "元", "%",
        "余", "多", "超过", "不少于", "近", "至", "分别", "、", "，", "。", "；", "：", "“", "”", "（", "）", "(", ")",
        "？", "?", "!", "*", "***", "x", "X", "老秘网", "□", "\ufffd", " ", "  ", "\n", "\r\n", "\t", "\u3000", "\u00a0",
        "(zhí)", "(chǔ)", "(wàn)", "(de)", "一是", "二是", "一、", "（一）", "1.", "三会一课", "2+1", "1 1", "11 722.79",
        "2024年", "2020-05-09", "首页>", "发布日期: 2020-05-09", "访问次数: 9", "相关新闻", "|", "Baidu", "ｘ", "１２",
        "0", "1", "2", "3", "9", ".", "·", "—", "……", "abc", "中共", "作者系", "林坤",
    ]
)
TEXTS = st.lists(PIECES, max_size=80).map("".join)
ANY_TEXT = st.text(max_size=120)


@FUZZ
@given(st.one_of(TEXTS, ANY_TEXT))
def test_cleaning_never_raises_is_idempotent_and_maps_inside_the_raw_text(raw):
    result = clean_text(raw)
    assert clean_text(result.text).text == result.text
    assert len(result.text) <= len(raw) + 2
    for index in range(len(result.text)):
        start, end = result.to_raw_span(index, index + 1)
        assert 0 <= start <= end <= len(raw)
        if start + 1 == end and raw[start] == result.text[index]:
            continue  # an unchanged character maps to itself
        assert start < end or result.text[index] in "\n ", (raw, index)


@FUZZ_TABLES
@given(st.one_of(TEXTS, ANY_TEXT))
def test_segmentation_units_point_inside_the_text(raw):
    text = clean_text(raw).text
    seg = segment("doc", text)
    for table in (seg.paragraphs, seg.sentences):
        for start, end, unit in zip(table.start, table.end, table.text):
            assert 0 <= start < end <= len(text)
            assert text[start:end] == unit
    assert seg.sentences.sentence_id.tolist() == list(range(len(seg.sentences)))


INTERROGATIVE_CLAUSE = re.compile(r"(如何|怎么|怎样|什么|为何|为什么|哪|何在|是否|吗|呢|几何|多少)[^，。！？；,;!\n]*$")
QUESTION_PIECES = st.sampled_from(["如何", "为什么", "什么", "吗", "呢", "哪", "党", "建", "?", "，", ",", "。", "!", "\n", "a"])


@FUZZ
@given(st.lists(QUESTION_PIECES, max_size=60).map("".join))
def test_question_marks_follow_the_clause_rule(text):
    def ends_a_question(index: int) -> bool:  # the rule as a regular expression over the clause
        clause_start = max(text.rfind(mark, 0, index) for mark in "，。！？；,;!\n") + 1
        return bool(INTERROGATIVE_CLAUSE.search(text[clause_start:index]))

    indices = [i for i, char in enumerate(text) if char == "?"]
    assert question_marks(text, indices) == [ends_a_question(i) for i in indices]


@FUZZ
@given(st.one_of(TEXTS, ANY_TEXT), st.integers(min_value=2, max_value=40))
def test_sentences_stay_within_the_length_limit_and_cover_the_text(raw, limit):
    text = clean_text(raw).text
    spans = sentence_spans(text, limit=limit)
    assert all(0 <= s < e <= len(text) and e - s <= limit for s, e, _ in spans)
    assert all(e <= s2 for (_, e, _), (s2, _, _) in zip(spans, spans[1:]))
    covered = "".join(text[s:e] for s, e, _ in spans)
    assert "".join(covered.split()) == "".join(text.split())


@FUZZ
@given(st.one_of(TEXTS, ANY_TEXT))
def test_reading_numbers_never_raises_and_its_spans_are_its_surfaces(raw):
    from dangjian.indicators import read_text

    text = clean_text(raw).text
    for verdict in read_text(text):
        assert 0 <= verdict.start < verdict.end <= len(text)
        assert text[verdict.start : verdict.end] == verdict.surface


@FUZZ_TABLES
@given(st.one_of(TEXTS, ANY_TEXT))
def test_indicator_extraction_never_raises_and_its_spans_are_its_surfaces(raw):
    from pathlib import Path

    from dangjian.indicators import extract, read_text
    from dangjian.reading.corpus import Document
    from dangjian.segmentation.pipeline import process_document

    text = clean_text(raw).text
    for verdict in read_text(text):
        assert 0 <= verdict.start < verdict.end <= len(text)
        assert text[verdict.start : verdict.end] == verdict.surface
    if not text.strip():
        return
    processed = process_document(Document("doc", Path("doc.txt"), raw, "utf-8"))
    table = extract(processed)
    for row in table.itertuples():
        assert processed.cleaned.text[row.start : row.end] == row.surface
        assert 0 <= row.raw_start <= row.raw_end <= len(raw)
