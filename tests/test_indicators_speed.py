"""Extraction made fast without changing a row: tables built in batches of sentences, cheap tests
before the expressions they guard, each checked against the plain way on the corpus of data/raw/."""

from __future__ import annotations

import importlib
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from dangjian.reading.corpus import Document
from dangjian.indicators import COLUMNS, excluded_numbers, extract
from dangjian.indicators import exclusions, kinds, subjects
from dangjian.indicators.numerals import parse_arabic
from dangjian.segmentation.pipeline import process_corpus, process_document

extract_module = importlib.import_module("dangjian.indicators.extract")


@pytest.fixture(scope="module")
def processed(raw_dir):
    return process_corpus(raw_dir)


@pytest.fixture(scope="module")
def texts(processed) -> list[str]:
    """Every clean text of data/raw/ and every sentence of it."""
    found = []
    for document in processed.documents:
        found.append(document.cleaned.text)
        found.extend(document.segmentation.sentences["text"].tolist())
    return found


def test_tables_built_in_small_batches_equal_the_tables_built_at_once(processed, monkeypatch):
    table, excluded = extract(processed), excluded_numbers(processed)
    assert len(table) > 100 and len(excluded) > 50
    monkeypatch.setattr(extract_module, "BATCH_SENTENCES", 3)  # paragraphs and documents run across batches
    monkeypatch.setattr(extract_module, "BATCH_ROWS", 7)  # and the table is joined from many packed parts
    pd.testing.assert_frame_equal(extract(processed), table, check_exact=True)
    pd.testing.assert_frame_equal(excluded_numbers(processed), excluded, check_exact=True)


def test_one_reading_gives_both_tables_as_two_readings_do(processed, monkeypatch):
    """What the process step writes (extract_with_excluded) is extract and excluded_numbers, in
    batches of any size."""
    table, excluded = extract(processed), excluded_numbers(processed)
    for size in (None, 3):
        if size:
            monkeypatch.setattr(extract_module, "BATCH_SENTENCES", size)
        both = extract_module.extract_with_excluded(processed)
        pd.testing.assert_frame_equal(both[0], table, check_exact=True)
        pd.testing.assert_frame_equal(both[1], excluded, check_exact=True)


def test_a_table_without_rows_keeps_its_columns_and_types():
    document = process_document(Document("empty", Path("empty.txt"), "加强党的建设。推进基层治理。", "utf-8"))
    table = extract(document)
    assert len(table) == 0 and list(table.columns) == list(COLUMNS)
    assert table.dtypes.astype(str).to_dict() == {
        **dict.fromkeys(COLUMNS, "object"),
        **dict.fromkeys(("sentence_id", "start", "end", "raw_start", "raw_end", "multiplier"), "int64"),
        **dict.fromkeys(("value", "value_norm", "value_high", "confidence"), "float64"),
        "threshold": "bool",
    }


def test_rows_of_a_document_keep_their_sentence_and_raw_text(processed):
    table = extract(processed)
    raw = {d.doc_id: d.cleaned.raw_text for d in processed.documents}
    clean = {d.doc_id: d.cleaned.text for d in processed.documents}
    for row in table.itertuples():
        assert raw[row.doc_id][row.raw_start : row.raw_end] == row.raw_surface
        assert clean[row.doc_id][row.start : row.end] == row.surface and row.surface in row.sentence


@pytest.mark.parametrize(
    ("prefixed", "plain"),
    [
        (kinds._TARGET, "|".join(kinds.TARGET_WORDS)),
        (kinds._ACHIEVED, "|".join(kinds.ACHIEVED_WORDS)),
        (exclusions._IDIOMS, "|".join([*sorted(map(re.escape, exclusions.IDIOMS), key=len, reverse=True), *exclusions.AVAILABILITY])),
    ],
    ids=["target", "achieved", "idioms"],
)
def test_an_expression_with_its_first_characters_checked_first_finds_what_the_plain_one_finds(texts, prefixed, plain):
    plain = re.compile(plain)
    found = 0
    for text in texts:
        spans = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in prefixed.finditer(text)] == spans, text[:60]
        found += len(spans)
    assert found > 0


TOPICS = ("从党员的职业看，工人704.7万名", "在党员职业部分，目前以农牧渔民为主", "党员年龄结构分布上，以61岁及以上党员为最多", "全县干部队伍构成：")


def test_a_topic_always_names_a_dimension(texts):
    topics = [m for text in [*TOPICS, *texts] for m in subjects._TOPIC.finditer(text)]
    assert len(topics) >= len(TOPICS)
    assert all(subjects._ANY_DIMENSION.search(m.group()) for m in topics)
    assert subjects.topic_frame("从党员的职业看，工人704.7万名") == "党员的职业"
    assert subjects.topic_frame("从党员的情况看，工人704.7万名") == ""


def test_a_frame_clause_ends_with_its_mark(texts):
    checked = 0
    for text in texts[:400]:
        for end in (m.start() for m in re.finditer(r"[，,：:]", text)):
            end += 1  # the clause and its mark, as _frame_before reads it
            match = subjects._FRAME_CLAUSE.search(text, 0, end)
            if match:
                checked += 1
                assert text[:end].rstrip()[-1:] in subjects._FRAME_CLAUSE_ENDS
    assert checked > 0
    assert subjects._frame_before("发展党员中，女性占31.6%", 6, 0) == "发展党员"


@pytest.mark.parametrize("digits", ["0", "7", "0123", "3799", "20240509", "1" * 30])
def test_plain_digits_are_read_like_any_arabic_numeral(digits):
    assert parse_arabic(digits).value == Decimal(digits)
    assert parse_arabic(digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))).value == Decimal(digits)


@pytest.fixture(scope="module")
def lefts(texts) -> list[str]:
    """The 30 characters before every candidate of the sentences of data/raw/ (what context rules read)."""
    from dangjian.indicators.grammar import find_candidates

    return [text[max(0, c.match_start - 30) : c.match_start] for text in texts[1:] for c in find_candidates(text)]


def test_page_furniture_is_looked_for_only_where_one_of_its_words_starts(lefts):
    windows = [left[-16:] for left in lefts] + ["阅读量：", "访问次数：", "点赞 ", "字数：约", "第3页/共", "ICP备", "邮编："]
    matched = [w for w in windows if exclusions._FURNITURE_BEFORE.search(w)]
    assert len(matched) >= 7
    assert all(exclusions._FURNITURE_CHARS.search(w) for w in matched)


def test_a_tail_of_a_share_change_or_per_unit_word_has_one_of_its_characters(lefts):
    phrases = lefts + ["党员总数较上年底净增", "女党员占党员总数的", "党员总量年均净增幅为", "农口党员增加到", "每村平均", "比上年少"]
    matched = [p for p in phrases if subjects._CHANGE_TAIL.search(p) or subjects._PER_UNIT.search(p)]
    assert len(matched) >= 6
    assert all(subjects._TAIL_CHARS.search(p) for p in matched)


def _first_characters(pattern: str) -> set[str]:
    """Every character a match of ``pattern`` can start with (look-arounds skipped); fails on a
    pattern whose first character is not a listed literal (a class, a dot)."""
    from re import _constants as c
    from re import _parser

    def first(items) -> set[str] | None:  # None: the sequence may match nothing
        found: set[str] = set()
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue
            if op is c.LITERAL:
                return found | {chr(av)}
            if op is c.SUBPATTERN:
                inner = first(av[-1])
            elif op is c.BRANCH:
                branches = [first(branch) for branch in av[1]]
                inner = None if any(b is None for b in branches) else set().union(*branches)
                if inner is None:
                    found |= set().union(*(b for b in branches if b))
                    continue
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, _, body = av
                inner = first(body)
                if low == 0:
                    found |= inner or set()
                    continue
            elif op is c.IN and all(o is c.LITERAL for o, _ in av):
                inner = {chr(v) for _, v in av}
            else:
                raise AssertionError(f"cannot tell the first characters of {pattern!r}")
            if inner is None:
                continue
            return found | inner
        return found or None

    return first(_parser.parse(pattern)) or set()


@pytest.mark.parametrize(
    ("pattern", "declared"),
    [
        ("|".join(kinds.TARGET_WORDS), kinds._TARGET_FIRST),
        ("|".join(kinds.ACHIEVED_WORDS), kinds._ACHIEVED_FIRST),
        # 全文 may open a match: the word after it is in every match (字数, 阅读时长 …)
        (exclusions._FURNITURE_BEFORE.pattern.replace("(?:全文)?", ""), exclusions._FURNITURE_CHARS.pattern),
    ],
    ids=["target", "achieved", "furniture"],
)
def test_the_declared_first_characters_cover_every_word(pattern, declared):
    assert _first_characters(pattern) <= set(declared)
    assert _first_characters("(?<![为以])确保|(?:年底|年末)前|x?y") == {"确", "年", "x", "y"}
