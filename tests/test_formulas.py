"""Numbered formulas (三会一课, 四个意识, 八项规定 …): one recogniser, used by slogan counts and by the
indicator exclusions, checked on sentences of data/raw and on sentences of the genre written here."""

from __future__ import annotations

import ast

import pytest

from dangjian.indicators.exclusions import EXCLUDED_FORMULAS, SentenceContext
from dangjian.indicators.extract import read_text
from dangjian.keywords.measures import SLOGAN_FORMULAS, find_slogans
from dangjian.segmentation import formulas
from dangjian.segmentation.formulas import (
    ALTERNATING,
    CLASSIFIED,
    LISTED,
    SCANNED_KINDS,
    find_formulas,
    formula_spans,
    numeral_tail,
    quoted_formula,
)
from dangjian.segmentation.segment import split_paragraphs, split_sentences


def verdicts(text: str) -> list[tuple[str, str | None]]:
    """``(surface, reason)`` of every number of ``text``; reason None for an indicator."""
    return [(r.surface, None if r else r.reason.value) for r in read_text(text)]


@pytest.fixture(scope="module")
def raw_sentences(raw_dir) -> list[str]:
    """Every sentence of the five documents of data/raw."""
    sentences = []
    for path in sorted(raw_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start, end in split_paragraphs(text):
            sentences.extend(text[s:e] for s, e in split_sentences(text, start, end))
    return sentences


@pytest.mark.parametrize(("text", "expected"), [
    # data/raw/national-2020.txt
    ("推动基层党组织和广大党员增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
     [("四个意识", CLASSIFIED), ("四个意识", LISTED), ("四个自信", CLASSIFIED), ("四个自信", LISTED),
      ("两个维护", CLASSIFIED), ("两个维护", LISTED)]),
    # data/raw/town-speech.txt
    ("点对点反馈问题,形成问题、责任、整改“三张清单”。", [("三张清单", CLASSIFIED), ("三张清单", LISTED)]),
    ("(一)网格赋能,创新五单闭环机制。", [("五单闭环", CLASSIFIED)]),
    # data/raw/pingliang-2024.txt (traditional script)
    ("認真落實“四下基層”制度,市委常委和黨員副市長帶頭包抓聯系“一村一社一支一企”",
     [("四下基層", CLASSIFIED), ("一村一社一支一企", ALTERNATING)]),
    # data/raw/national-2020.txt: 一项一项 alternates, but it is a manner, not one of the listed formulas
    ("拿出务实管用的精准举措,一项一项抓到底,不能把说了当成做了。", [("一项一项", ALTERNATING)]),
    # dates, ordinals and ordinary counts are no formulas
    ("贯彻党的十九届二中、三中全会精神，围绕五个方面发力，两个村党组织完成整顿。", []),
    # a listed head whatever follows; a classifier with a head that ends the phrase
    ("严格落实中央八项规定精神，配备三张床位。", [("八项规定", LISTED), ("三张床位", CLASSIFIED)]),
])
def test_kinds_of_formula_in_sentences_of_the_genre(text, expected):
    found = find_formulas(text)
    assert [(f.phrase, f.kind) for f in found] == expected
    assert all(text[f.start:f.end] == f.phrase for f in found)
    assert all(f.quoted == (text[f.start - 1] == "“" and text[f.end] == "”") for f in found)


def test_both_users_take_their_formulas_from_the_recogniser_on_every_sentence_of_data_raw(raw_sentences):
    """Slogan counts and indicator exclusions report exactly the recogniser's spans of their kinds,
    and the same span where both recognise a formula."""
    shared = 0
    for text in raw_sentences:
        excluded = SentenceContext.of(text).formulas
        assert excluded == formula_spans(text, EXCLUDED_FORMULAS)
        numbered = [(s.start, s.end) for s in find_slogans(text) if s.kind == "numbered"]
        by_pattern = formula_spans(text, SLOGAN_FORMULAS)
        whole_quotes = [span for span in numbered if quoted_formula(text, *span) is not None]
        # every numbered slogan is a formula of the slogan kinds, or a quotation that is one as a whole
        assert set(numbered) <= set(by_pattern) | set(whole_quotes)
        # every formula of the slogan kinds is a slogan, unless a quotation holding it is one as a whole
        assert all(span in numbered or any(q[0] <= span[0] and span[1] <= q[1] for q in whole_quotes)
                   for span in by_pattern)
        shared += len(set(excluded) & set(numbered))
    # 四个意识, 四个自信, 两个维护, 两个覆盖 ×2, 三张清单, 四张清单: found by both users, same spans
    assert shared == 7


def test_exclusions_keep_the_narrower_listed_kind():
    """A classifier pattern would take 三张床位 for a formula: slogan counts accept that reach, the
    indicators do not, so that 三张 stays a count; a listed head excludes whatever follows."""
    text = "严格落实中央八项规定精神，配备三张床位，建成两个村党组织活动室。"
    assert verdicts(text) == [("八项", "slogan"), ("三张", None), ("两个", None)]
    assert [s.phrase for s in find_slogans(text)] == ["三张床位"]
    assert [f.phrase for f in find_formulas(text, EXCLUDED_FORMULAS)] == ["八项规定"]


def test_formulas_found_by_both_users_without_quotation_marks():
    text = "推动党员增强四个意识、坚定四个自信、做到两个维护，全镇12个村完成换届。"
    slogans = [(s.phrase, s.start, s.end) for s in find_slogans(text)]
    assert slogans == [("四个意识", 6, 10), ("四个自信", 13, 17), ("两个维护", 20, 24)]
    assert SentenceContext.of(text).formulas == ((6, 10), (13, 17), (20, 24))
    assert verdicts(text) == [("四个", "slogan"), ("四个", "slogan"), ("两个", "slogan"), ("12个", None)]


def test_a_numeral_after_the_classifier_makes_a_numbered_slogan():
    text = "落实四个一要求，整顿五个村，拿出务实管用的精准举措,一项一项抓到底。"
    assert verdicts(text) == [("四个", "slogan"), ("五个", None), ("一项", "slogan"), ("一项", "article_or_idiom")]
    assert numeral_tail(text, 2, 4).phrase == "四个一"
    assert numeral_tail(text, 10, 12) is None
    assert numeral_tail("四个", 0, 2) is None


def test_a_quotation_made_of_a_numeral_is_a_formula_as_a_whole():
    # data/raw/pingliang-2024.txt and town-speech.txt
    text = "創新開展“十個一”暖心聚“新”活動，对村级组织活动场所“五统一”，相互“找茬”"
    spans = [(m, text.index(m)) for m in ("十個一", "新", "五统一", "找茬")]
    assert [(m, quoted_formula(text, i, i + len(m)) is not None) for m, i in spans] == [
        ("十個一", True), ("新", False), ("五统一", True), ("找茬", False)]
    assert [(s.phrase, s.kind) for s in find_slogans(text)] == [("十個一", "numbered"), ("五统一", "numbered"), ("找茬", "quoted")]


def test_kinds_are_checked():
    assert [f.kind for f in find_formulas("三会一课", kinds=[ALTERNATING])] == [ALTERNATING]
    assert find_formulas("三会一课", kinds=[]) == []
    with pytest.raises(ValueError, match="kinds must be among"):
        find_formulas("三会一课", kinds=["quoted"])
    assert set(SCANNED_KINDS) >= set(SLOGAN_FORMULAS) | set(EXCLUDED_FORMULAS)


def test_the_recogniser_imports_no_other_module_of_the_project():
    tree = ast.parse(open(formulas.__file__, encoding="utf-8").read())
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported and not [name for name in imported if name.split(".")[0] == "dangjian"]
