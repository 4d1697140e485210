"""Keyword analyses on toy corpora built here (checked against hand computations) and on data/raw."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from dangjian.dtm import build_dtm, unit_table
from dangjian.keywords import (
    conservative_log_ratio,
    cooccurrence_pmi,
    find_slogans,
    frequency_table,
    keyness,
    log_likelihood_g2,
    slogan_counts,
    slogan_matrix,
    tfidf_top_terms,
)
from dangjian.pipeline import process_corpus
from dangjian.tokenize import DomainTokenizer


@pytest.fixture(scope="module")
def paragraphs(raw_dir) -> pd.DataFrame:
    return unit_table(process_corpus(raw_dir), "paragraph")


def toy_units() -> pd.DataFrame:
    """Two groups written with dictionary terms separated by spaces, so the tokens are known:
    A: 乡村振兴 ×30, 第一书记 ×10, 网格化管理 ×60 (100 tokens)
    B: 乡村振兴 ×10, 第一书记 ×40, 网格化管理 ×250 (300 tokens)."""
    def text(counts: dict[str, int]) -> str:
        return " ".join(term for term, n in counts.items() for _ in range(n))

    return pd.DataFrame({
        "text": [
            text({"乡村振兴": 20, "第一书记": 5, "网格化管理": 25}),
            text({"乡村振兴": 10, "第一书记": 5, "网格化管理": 35}),
            text({"乡村振兴": 10, "第一书记": 40, "网格化管理": 250}),
        ],
        "region": ["A", "A", "B"],
    })


def hand_g2(a: int, b: int, c: int, d: int) -> float:
    """G² of the 2×2 table [[a, b], [c, d]] (term in target, term in reference; rest of target, rest of reference)."""
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n), (c, (c + d) * (a + c) / n), (d, (c + d) * (b + d) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_keyness_on_two_group_toy_corpus_matches_hand_computation():
    matrix = build_dtm(toy_units(), group_col="region")
    table = keyness(matrix, min_count=1)
    row = table[(table.group == "A") & (table.term == "乡村振兴")].iloc[0]
    assert (row.f_target, row.f_reference, row.n_target, row.n_reference) == (30, 10, 100, 300)
    # 2×2 table: 30 of 100 tokens in A, 10 of 300 in B
    expected = hand_g2(30, 10, 70, 290)
    assert row.g2 == pytest.approx(expected, rel=1e-12)
    # by hand: E = 10, 30, 90, 270; 2·(30 ln 3 + 10 ln ⅓ + 70 ln(7/9) + 290 ln(29/27)) = 50.2067
    assert row.g2 == pytest.approx(50.2067, abs=1e-3)
    assert row.p_value == pytest.approx(stats.chi2.sf(expected, 1))
    assert row.log_ratio == pytest.approx(math.log2((30.5 / 100.5) / (10.5 / 300.5)))
    assert row.rate_target == pytest.approx(3000.0) and row.rate_reference == pytest.approx(10000 / 30)

    # the same term seen from B is negative with the same magnitude
    mirror = table[(table.group == "B") & (table.term == "乡村振兴")].iloc[0]
    assert mirror.g2 == pytest.approx(-expected) and mirror.lrc < 0

    # 第一书记: 10/100 vs 40/300 — less frequent in A
    second = table[(table.group == "A") & (table.term == "第一书记")].iloc[0]
    assert second.g2 == pytest.approx(-hand_g2(10, 40, 90, 260))


def test_lrc_is_the_bonferroni_adjusted_exact_binomial_bound():
    matrix = build_dtm(toy_units(), group_col="region")
    table = keyness(matrix, min_count=1)
    row = table[(table.group == "A") & (table.term == "乡村振兴")].iloc[0]
    terms_tested = 3
    # independent route: scipy's exact binomial test interval for 30 of 40 occurrences in A,
    # two-sided 95 % with Bonferroni over the three terms tested
    interval = stats.binomtest(30, 40).proportion_ci(confidence_level=1 - 0.05 / terms_tested, method="exact")
    lower = interval.low
    expected = math.log2((300 / 100) * lower / (1 - lower))
    assert row.n_terms_tested == terms_tested
    assert row.lrc == pytest.approx(expected, rel=1e-9)
    assert 0 < row.lrc < row.log_ratio
    # without the adjustment the bound is closer to the point estimate
    unadjusted = keyness(matrix, min_count=1, p_adjust=False)
    assert unadjusted.set_index(["group", "term"]).loc[("A", "乡村振兴"), "lrc"] > row.lrc


def test_lrc_is_zero_when_the_interval_contains_equal_frequency():
    # 1 of 3 and 2 of 4 occurrences in the target: the exact intervals include equal relative frequency
    assert conservative_log_ratio([1, 2], [2, 2], [100, 100], [1000, 1000]).tolist() == [0.0, 0.0]
    f1, f2, n1, n2 = 40, 5, 1000, 1000
    single = conservative_log_ratio(f1, f2, n1, n2)
    many = conservative_log_ratio(f1, f2, n1, n2, family_size=1000)
    assert single > many > 0


def test_g2_formula_on_vectors():
    values = log_likelihood_g2([30, 10], [10, 40], 100, 300)
    assert values[0] == pytest.approx(hand_g2(30, 10, 70, 290))
    assert values[1] == pytest.approx(-hand_g2(10, 40, 90, 260))
    assert log_likelihood_g2(0, 5, 100, 100)[()] < 0  # zero cells are allowed


def test_keyness_for_many_groups_keeps_counts_consistent(paragraphs):
    matrix = build_dtm(paragraphs, group_col="region")
    table = keyness(matrix, min_count=5)
    totals = np.asarray(matrix.counts.sum(axis=0)).ravel()
    tested = set(matrix.terms[totals >= 5])
    assert set(table.term) == tested
    assert sorted(table.group.unique()) == sorted(matrix.labels)
    assert len(table) == len(tested) * len(matrix.labels)
    by_term = table.groupby("term")
    assert (by_term.apply(lambda t: (t.f_target + t.f_reference).nunique()) == 1).all()
    assert (table.n_target + table.n_reference == matrix.tokens.sum()).all()
    assert ((table.g2 > 0) == (table.rate_target > table.rate_reference)).all()
    assert (np.sign(table.lrc) * np.sign(table.g2) >= 0).all()
    # sorted by group, then G² descending
    for _, block in table.groupby("group", sort=False):
        assert block.g2.is_monotonic_decreasing
    with pytest.raises(ValueError, match="two groups"):
        keyness(matrix.total())


def test_frequency_table_like_textstat_frequency():
    units = pd.DataFrame({
        "text": ["乡村振兴 第一书记", "乡村振兴 乡村振兴", "网格化管理 第一书记", "第一书记"],
        "level": ["县", "县", "县", "镇"],
    })
    table = frequency_table(build_dtm(units, group_col="level"))
    county = table[table.group == "县"].set_index("term")
    assert county.loc["乡村振兴", "frequency"] == 3 and county.loc["乡村振兴", "docfreq"] == 2
    assert county.loc["第一书记", "frequency"] == 2 and county.loc["第一书记", "docfreq"] == 2
    assert county["rank"].to_dict() == {"乡村振兴": 1, "第一书记": 2, "网格化管理": 3}
    assert county.loc["乡村振兴", "rate_per_10k"] == pytest.approx(3 / 6 * 10_000)
    town = table[table.group == "镇"]
    assert town[["term", "frequency", "rank", "docfreq"]].values.tolist() == [["第一书记", 1, 1, 1]]
    tied = frequency_table(build_dtm(pd.DataFrame({"text": ["乡村振兴 第一书记 网格化管理 网格化管理"]})))
    assert tied["rank"].tolist() == [1, 2, 2]  # ties share the lower rank, as in quanteda


def test_tfidf_top_terms_favour_terms_specific_to_a_group():
    units = pd.DataFrame({
        "text": ["乡村振兴 " * 5 + "党建引领 " * 4, "乡村振兴 " * 5 + "强基固本 " * 4],
        "region": ["A", "B"],
    })
    table = tfidf_top_terms(build_dtm(units, group_col="region"), top_n=2)
    # smoothed idf: ln(3/3) + 1 = 1 for the shared term, ln(3/2) + 1 for the specific ones,
    # so 4 × 1.405 outranks 5 × 1
    assert table[["group", "rank", "term", "frequency"]].values.tolist() == [
        ["A", 1, "党建引领", 4], ["A", 2, "乡村振兴", 5], ["B", 1, "强基固本", 4], ["B", 2, "乡村振兴", 5]]
    norm = math.sqrt((4 * (math.log(1.5) + 1)) ** 2 + 5 ** 2)
    assert table.tfidf.iloc[0] == pytest.approx(4 * (math.log(1.5) + 1) / norm)


def test_slogans_in_the_five_documents(paragraphs):
    counts = slogan_counts(paragraphs, ["region", "doc_id"])
    numbered = set(counts[counts.kind == "numbered"].phrase)
    assert {"三会一课", "一村一策", "四个意识", "两个维护", "五单闭环", "三张清单", "四张清单", "一岗双责"} <= numbered
    per_doc = counts[counts.phrase == "三会一课"].groupby("doc_id")["count"].sum()
    assert set(per_doc.index) == {"national-2020", "pingliang-2024", "town-speech"}
    quoted = set(counts[counts.kind == "quoted"].phrase)
    assert {"强基固本", "书记项目"} <= quoted
    assert all(len(p) <= 12 for p in quoted)
    wide = slogan_matrix(counts, "region", kind="numbered")
    assert wide.loc["三会一课", "groups"] == 3 and wide.loc["三会一课", "total"] == per_doc.sum()


def test_slogan_patterns_skip_dates_counts_and_quoted_sentences():
    text = ("贯彻党的十九届二中、三中全会精神，围绕五个方面发力，两个村党组织完成整顿。"
            "提出“要健全基层组织，优化组织设置”，推行“一乡一策”“一村一策”，开展“四抓”和“达标创星”，全面落实三会一课。")
    found = [(s.phrase, s.kind) for s in find_slogans(text)]
    assert found == [("一乡一策", "numbered"), ("一村一策", "numbered"), ("四抓", "numbered"),
                     ("达标创星", "quoted"), ("三会一课", "numbered")]
    spans = find_slogans(text)
    assert all(text[s.start:s.end] == s.phrase for s in spans)
    assert [s.quoted for s in spans] == [True, True, True, True, False]


def test_cooccurrence_pmi_matches_hand_computation():
    units = [
        ["基层党组织", "组织力", "乡村振兴"],
        ["基层党组织", "组织力"],
        ["乡村振兴", "产业振兴"],
        ["乡村振兴", "产业振兴"],
        ["基层党组织"],
    ]
    table = cooccurrence_pmi(units, top_n=4, min_cooccurrence=1).set_index(["term_a", "term_b"])
    # 5 units; 基层党组织 in 3, 组织力 in 2, together in 2
    assert table.loc[("基层党组织", "组织力"), "pmi"] == pytest.approx(math.log2(2 * 5 / (3 * 2)))
    assert table.loc[("乡村振兴", "产业振兴"), "cooccurrences"] == 2
    assert table.loc[("乡村振兴", "产业振兴"), "npmi"] == pytest.approx(
        math.log2(2 * 5 / (3 * 2)) / -math.log2(2 / 5))
    windowed = cooccurrence_pmi([["甲方", "乙方", "丙方", "乙方"]], window=1, min_cooccurrence=1)
    pairs = {(a, b): n for a, b, n in windowed[["term_a", "term_b", "cooccurrences"]].values}
    assert pairs == {("乙方", "甲方"): 1, ("丙方", "乙方"): 2}


def test_cooccurrence_on_corpus_sentences(raw_dir):
    sentences = unit_table(process_corpus(raw_dir), "sentence")
    tokens = DomainTokenizer().tokenize_many(sentences.text)
    table = cooccurrence_pmi(tokens, top_n=30, min_cooccurrence=3)
    assert len(table) > 0
    assert (table.term_a < table.term_b).all()
    assert table.pmi.is_monotonic_decreasing
    assert (table.npmi <= 1 + 1e-12).all()
