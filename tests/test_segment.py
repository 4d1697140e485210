"""Segmentation of the clean corpus into sections, paragraphs and sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dangjian.segmentation.pipeline import process_corpus
from dangjian.segmentation.segment import MAX_SENTENCE_CHARS, cap_length, segment, split_sentences

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def processed():
    return process_corpus(RAW)


def test_units_point_into_the_clean_text_and_cover_it(processed):
    for document in processed:
        text = document.cleaned.text
        for table in (document.segmentation.paragraphs, document.segmentation.sentences):
            assert all(text[s:e] == t for s, e, t in zip(table.start, table.end, table.text))
        covered = "".join(document.segmentation.sentences.text)
        assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text), document.doc_id


def test_the_single_line_document_is_split_at_its_headings(processed):
    document = processed["guizhou-district"]
    assert document.cleaned.text.count("\n") == 0
    paragraphs = document.segmentation.paragraphs
    assert len(paragraphs) == 4
    headings = document.segmentation.sections.heading.tolist()
    assert [h[:2] for h in headings] == ["一、", "二、", "三、"]
    items = document.segmentation.sentences.query("enumeration != ''")
    assert {"一是", "二是", "三是"} <= set(items.enumeration)
    first_item = items[items.enumeration == "一是"].iloc[0]
    assert first_item.text.startswith("一是抓教育培训提智能")


def test_title_lines_and_subtitles_form_sections(processed):
    sections = processed["pingliang-2024"].segmentation.sections
    assert len(sections) == 6
    assert sections.heading.iloc[0] == "增强政治功能——压紧靠实党建主体责任"
    sentences = processed["pingliang-2024"].segmentation.sentences
    numbers = sentences[sentences.text.str.contains("3799")]
    assert numbers.section_path.iloc[0] == "增强政治功能——压紧靠实党建主体责任"


def test_numbered_headings_nest(processed):
    sections = processed["town-speech"].segmentation.sections
    assert sections.level.tolist()[:3] == [1, 2, 2]
    assert sections.section_path.iloc[1] == "一、注重“强基固本”，锻强组织战斗力 > （一）党建“体检”“强筋骨”"


def test_sentences_end_at_chinese_terminators_with_closing_quotes():
    text = "他说：“要抓实。”然后呢？继续……好！"
    assert [text[s:e] for s, e in split_sentences(text)] == ["他说：“要抓实。”", "然后呢？", "继续……", "好！"]


def test_document_title_is_not_a_section():
    seg = segment("d", "镇党委书记在会议上的交流发言\n近年来，镇深入学习。\n一、注重强基固本\n正文。")
    assert seg.paragraphs.kind.tolist() == ["title", "body", "heading", "body"]
    assert seg.sections.heading.tolist() == ["一、注重强基固本"]


def test_tables_are_saved_as_parquet(processed, tmp_path):
    processed.save(tmp_path)
    sentences = pd.read_parquet(tmp_path / "sentences.parquet")
    assert len(sentences) == len(processed.sentences)
    assert set(sentences.doc_id) == {d.doc_id for d in processed}
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert documents.set_index("doc_id").loc["national-2020", "date"] == "2020-05-09"
    assert (tmp_path / "clean" / "mudanjiang-xian.txt").read_text(encoding="utf-8").startswith("党的基层组织")
    assert "remove_pinyin_readings" in set(pd.read_csv(tmp_path / "cleaning.csv").step)


def test_text_without_sentence_punctuation_is_cut_at_commas():
    clause = "全镇建立党员示范岗1234个，覆盖党员56789名，"
    text = clause * 60 + "最后一句。下一句。"  # 1,500 characters without 。！？, then two sentences
    sentences = segment("d", text).sentences
    assert len(sentences) > 3
    assert sentences.text.str.len().max() <= MAX_SENTENCE_CHARS
    assert "".join(sentences.text) == text
    assert sentences.text.iloc[:-2].str.endswith("，").all()
    assert sentences.cut_for_length.tolist() == [True] * (len(sentences) - 1) + [False]
    assert all(text[s:e] == t for s, e, t in zip(sentences.start, sentences.end, sentences.text))


def test_a_thousands_comma_is_not_a_clause_break():
    from dangjian.indicators import quantities

    text = "全市党员" + "党" * 488 + "共有党员12,345名参加培训"
    pieces = [text[s:e] for s, e in cap_length(text, 0, len(text))]
    assert "".join(pieces) == text and max(map(len, pieces)) <= MAX_SENTENCE_CHARS
    assert [q.value_norm for p in pieces for q in quantities(p)] == [12345]


def test_a_stretch_without_any_break_is_cut_beside_numbers_not_through_them():
    text = ("党员" + "1234567") * 200
    spans = cap_length(text, 0, len(text), limit=50)
    assert all(e - s <= 50 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text
    for s, e in spans[:-1]:
        assert not (text[e - 1].isdigit() and text[e].isdigit()), text[s:e]


def test_sentences_of_ordinary_length_are_never_cut(processed):
    for document in processed:
        assert not document.segmentation.sentences.cut_for_length.any(), document.doc_id
