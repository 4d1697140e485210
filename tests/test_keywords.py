"""Keyword analyses on toy corpora built here (checked against hand computations) and on data/raw."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from dangjian.keywords.inference import GroupBootstrap, adjust_p_values
from dangjian.keywords.measures import (
    conservative_log_ratio,
    cooccurrence_pmi,
    find_slogans,
    frequency_table,
    keyness,
    keyness_with_intervals,
    log_likelihood_g2,
    log_ratio,
    slogan_counts,
    slogan_matrix,
    tfidf_top_terms,
)
from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.dtm import build_dtm, unit_table
from dangjian.tokens.tokenize import DomainTokenizer


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
    tests = 2 * 3  # the family: two groups × three terms
    # independent route: scipy's exact binomial test interval for 30 of 40 occurrences in A,
    # two-sided 95 % with Bonferroni over the six tests of the family
    interval = stats.binomtest(30, 40).proportion_ci(confidence_level=1 - 0.05 / tests, method="exact")
    lower = interval.low
    expected = math.log2((300 / 100) * lower / (1 - lower))
    assert row.n_terms_tested == 3 and row.n_tests == tests
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


def test_keyness_by_document_reads_each_row_of_the_sparse_counts(paragraphs):
    """With one group per document the counts stay sparse; each row's target counts, documents
    with the term and G² are those of that document against all others."""
    matrix = build_dtm(paragraphs, group_col="doc_id")
    table = keyness(matrix, min_count=3)
    counts = matrix.counts.tocsr()
    position = {term: j for j, term in enumerate(matrix.terms)}
    totals = np.asarray(counts.sum(axis=0)).ravel()
    for i, label in enumerate(matrix.labels):
        block = table[table.group == label]
        columns = [position[t] for t in block.term]
        target = counts[i].toarray().ravel()[columns]
        assert block.f_target.tolist() == target.tolist()
        assert (block.f_reference == totals[columns] - target).all()
        assert (block.docs_with_term == (target > 0).astype(int)).all()
        expected = log_likelihood_g2(target, totals[columns] - target, matrix.tokens[i], matrix.tokens.sum() - matrix.tokens[i])
        assert np.allclose(block.g2, expected)


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
    # windows of two tokens: 甲乙, 乙丙, 丙乙
    assert pairs == {("乙方", "甲方"): 1, ("丙方", "乙方"): 2}
    row = windowed.set_index(["term_a", "term_b"]).loc[("丙方", "乙方")]
    assert (row.freq_a, row.freq_b, row.contexts) == (2, 3, 3)
    assert row.pmi == pytest.approx(math.log2(2 * 3 / (2 * 3)))


def brute_force_windows(units, window):
    """Sets of tokens of every context: each unit, or each window of window + 1 tokens."""
    contexts = []
    for tokens in units:
        if window is None:
            contexts.append(set(tokens))
        elif tokens:
            n = len(tokens)
            starts = range(max(n - window, 1))
            contexts.extend(set(tokens[s:s + window + 1]) for s in starts)
    return contexts


@pytest.mark.parametrize("window", [None, 1, 3, 10])
def test_windowed_cooccurrence_counts_contexts_and_never_exceeds_frequencies(window):
    rng = np.random.default_rng(4)
    vocabulary = ["党建", "组织", "振兴", "书记", "网格", "服务", "党员", "群众"]
    units = [[vocabulary[i] for i in rng.integers(0, 8, size=rng.integers(0, 30))] for _ in range(60)]
    units.append(["党建"] * 12)  # a repeated term must not inflate its pairs
    table = cooccurrence_pmi(units, top_n=8, window=window, min_cooccurrence=1)
    contexts = brute_force_windows(units, window)
    for row in table.itertuples():
        n_ab = sum(1 for c in contexts if row.term_a in c and row.term_b in c)
        n_a = sum(1 for c in contexts if row.term_a in c)
        n_b = sum(1 for c in contexts if row.term_b in c)
        assert (row.cooccurrences, row.freq_a, row.freq_b, row.contexts) == (n_ab, n_a, n_b, len(contexts))
        assert row.pmi == pytest.approx(math.log2(n_ab * len(contexts) / (n_a * n_b)))
        assert row.npmi == pytest.approx(row.pmi / -math.log2(n_ab / len(contexts)))
    assert (table.cooccurrences <= np.minimum(table.freq_a, table.freq_b)).all()
    assert ((table.npmi > -1) & (table.npmi <= 1)).all()


def test_terms_always_together_have_npmi_one():
    table = cooccurrence_pmi([["党建", "组织"], ["组织", "党建"], ["振兴"]], top_n=3, min_cooccurrence=1)
    row = table.set_index(["term_a", "term_b"]).loc[("党建", "组织")]
    assert row.npmi == pytest.approx(1.0)
    everywhere = cooccurrence_pmi([["党建", "组织"], ["组织", "党建"]], top_n=2, min_cooccurrence=1)
    assert everywhere.npmi.tolist() == [1.0] and everywhere.pmi.tolist() == [0.0]


def test_cooccurrence_on_corpus_sentences(raw_dir):
    sentences = unit_table(process_corpus(raw_dir), "sentence")
    tokens = DomainTokenizer().tokenize_many(sentences.text)
    table = cooccurrence_pmi(tokens, top_n=30, min_cooccurrence=3)
    assert len(table) > 0
    assert (table.term_a < table.term_b).all()
    assert table.pmi.is_monotonic_decreasing
    assert (table.npmi <= 1 + 1e-12).all()


def spread_units() -> pd.DataFrame:
    """Region A: three documents; 乡村振兴 over-used in all three, 网格化管理 only in document a1.
    Region B: one document of four paragraphs. 第一书记 fills the rest."""
    def text(counts: dict[str, int]) -> str:
        return " ".join(term for term, n in counts.items() for _ in range(n))

    rows = [
        ("a1", "A", {"乡村振兴": 10, "网格化管理": 30, "第一书记": 10}),
        ("a1", "A", {"乡村振兴": 5, "第一书记": 20}),
        ("a2", "A", {"乡村振兴": 12, "第一书记": 30}),
        ("a3", "A", {"乡村振兴": 9, "第一书记": 25}),
        ("b1", "B", {"乡村振兴": 1, "第一书记": 40}),
        ("b1", "B", {"乡村振兴": 2, "第一书记": 35, "网格化管理": 1}),
        ("b1", "B", {"第一书记": 30}),
        ("b1", "B", {"乡村振兴": 1, "第一书记": 45}),
    ]
    return pd.DataFrame({"doc_id": [r[0] for r in rows], "region": [r[1] for r in rows],
                         "year": [2020.0, 2020.0, 2021.0, None, 2022.0, 2022.0, 2022.0, 2022.0],
                         "text": [text(r[2]) for r in rows]})


def test_family_is_all_groups_times_terms():
    units = spread_units()
    table = keyness(build_dtm(units, group_col="region"), min_count=1)
    assert (table.n_tests == 2 * 3).all()
    assert table.p_adjusted.tolist() == pytest.approx(adjust_p_values(table.p_value, "holm").tolist())
    bh = keyness(build_dtm(units, group_col="region"), min_count=1, p_adjust_method="bh")
    assert bh.p_adjusted.tolist() == pytest.approx(adjust_p_values(bh.p_value, "bh").tolist())
    assert bh.correction[0] == "Benjamini–Hochberg correction over all 6 tests (2 groups × 3 terms)"
    # a per-group family would be smaller: the whole-family correction is never weaker
    per_group = np.concatenate([adjust_p_values(table[table.group == g].p_value, "holm") for g in ("A", "B")])
    assert (table.p_adjusted.to_numpy() >= per_group - 1e-15).all()
    assert (table.p_adjusted.to_numpy() > per_group).any()


def test_single_document_groups_and_single_document_terms_are_never_significant():
    table = keyness(build_dtm(spread_units(), group_col="region"), min_count=1).set_index(["group", "term"])
    a_spread, a_one_doc = table.loc[("A", "乡村振兴")], table.loc[("A", "网格化管理")]
    assert (a_spread.n_docs, a_spread.docs_with_term, a_one_doc.docs_with_term) == (3, 3, 1)
    assert a_spread.p_adjusted < 0.05 and a_spread.significant
    # 30 of 31 occurrences in A, but all from one of its documents: no replication
    assert a_one_doc.p_adjusted < 1e-6 and not a_one_doc.significant
    b_rows = table.loc["B"]
    assert (b_rows.single_document & (b_rows.n_docs == 1)).all()
    assert (b_rows.p_adjusted < 0.05).any() and not b_rows.significant.any()


def test_a_term_under_used_only_because_one_other_document_uses_it_is_not_significant():
    """A (three documents) against B (three documents): 网格化管理 fills one document of B only,
    乡村振兴 is spread over every document of B."""
    def text(counts: dict[str, int]) -> str:
        return " ".join(term for term, n in counts.items() for _ in range(n))

    rows = [("a1", "A", {"第一书记": 40}), ("a2", "A", {"第一书记": 40}), ("a3", "A", {"第一书记": 40}),
            ("b1", "B", {"第一书记": 10, "网格化管理": 30, "乡村振兴": 10}),
            ("b2", "B", {"第一书记": 30, "乡村振兴": 10}), ("b3", "B", {"第一书记": 30, "乡村振兴": 10})]
    units = pd.DataFrame({"doc_id": [r[0] for r in rows], "region": [r[1] for r in rows],
                          "text": [text(r[2]) for r in rows]})
    table = keyness(build_dtm(units, group_col="region"), min_count=1).set_index(["group", "term"])
    lone, spread = table.loc[("A", "网格化管理")], table.loc[("A", "乡村振兴")]
    assert (lone.docs_with_term, lone.docs_with_term_reference) == (0, 1)
    assert (spread.docs_with_term, spread.docs_with_term_reference) == (0, 3)
    assert lone.g2 < 0 and lone.p_adjusted < 1e-6 and not lone.significant
    assert spread.g2 < 0 and spread.p_adjusted < 1e-6 and spread.significant
    # seen from B, the same term is over-used by one of its documents only
    assert table.loc[("B", "网格化管理")].p_adjusted < 1e-6 and not table.loc[("B", "网格化管理")].significant
    assert table.loc[("B", "乡村振兴")].significant
    assert (table.docs_with_term + table.docs_with_term_reference).groupby("term").nunique().eq(1).all()


def test_bootstrap_intervals_recompute_g2_and_log_ratio_on_resampled_documents():
    units = spread_units()
    matrix = build_dtm(units)
    table = keyness_with_intervals(matrix, "region", n_boot=400, seed=11, min_count=1)
    row = table.set_index(["group", "term"]).loc[("A", "乡村振兴")]
    assert (row.resampled, row.n_docs, row.n_units) == ("documents", 3, 4)
    # independent replay: draw the same multiplicities, rebuild the counts from the raw texts
    boot = GroupBootstrap(n_boot=400, seed=11).fit(units, "region")
    a_docs = units[units.region == "A"].groupby("doc_id")["text"].apply(" ".join)  # a1, a2, a3
    b_paragraphs = units[units.region == "B"].text.tolist()
    count = lambda texts, term: sum(t.split().count(term) for t in texts)  # noqa: E731
    size = lambda texts: sum(len(t.split()) for t in texts)  # noqa: E731
    g2_samples, lr_samples = [], []
    for wa, wb in zip(boot.cluster_weights("A"), boot.cluster_weights("B"), strict=True):
        a = [d for d, w in zip(a_docs, wa, strict=True) for _ in range(w)]
        b = [p for p, w in zip(b_paragraphs, wb, strict=True) for _ in range(w)]
        f1, f2, n1, n2 = count(a, "乡村振兴"), count(b, "乡村振兴"), size(a), size(b)
        g2_samples.append(math.copysign(hand_g2(f1, f2, n1 - f1, n2 - f2), f1 / n1 - f2 / n2))
        lr_samples.append(float(log_ratio(f1, f2, n1, n2)))
    assert row.g2_ci_low == pytest.approx(np.percentile(g2_samples, 2.5))
    assert row.g2_ci_high == pytest.approx(np.percentile(g2_samples, 97.5))
    assert row.log_ratio_ci_low == pytest.approx(np.percentile(lr_samples, 2.5))
    assert row.log_ratio_ci_high == pytest.approx(np.percentile(lr_samples, 97.5))
    assert (row.ci_low, row.ci_high) == (row.log_ratio_ci_low, row.log_ratio_ci_high)
    # a term one document brings alone has a wide interval reaching down to no difference
    lone = table.set_index(["group", "term"]).loc[("A", "网格化管理")]
    assert lone.g2_ci_low < 0.5 * lone.g2 and lone.log_ratio_ci_low < lone.log_ratio - 2
    b = table[table.group == "B"]
    assert (b.resampled == "paragraphs").all() and (b.n_units == 4).all()
    # the same seed gives the same table; the point estimates are those of plain keyness
    again = keyness_with_intervals(matrix, "region", n_boot=400, seed=11, min_count=1)
    pd.testing.assert_frame_equal(table, again)
    plain = keyness(matrix.group("region"), min_count=1)
    pd.testing.assert_frame_equal(table[plain.columns], plain)


def test_document_as_unit_with_a_one_document_group():
    units = spread_units().groupby("doc_id", as_index=False).agg(
        region=("region", "first"), text=("text", " ".join))
    table = keyness_with_intervals(build_dtm(units), "region", unit="document", n_boot=200, min_count=1)
    a, b = table[table.group == "A"], table[table.group == "B"]
    assert (a.resampled == "documents").all() and a.g2_ci_low.notna().all()
    assert (b.resampled == "none").all() and b.g2_ci_low.isna().all() and b.ci_high.isna().all()
    assert (b.n_docs == 1).all() and (b.n_units == 1).all() and not b.significant.any()


def test_year_is_a_comparison_axis():
    units = spread_units()
    table = keyness_with_intervals(build_dtm(units), "year", n_boot=100, min_count=1)
    sizes = table.groupby("group")[["n_docs", "n_units"]].first()
    assert sizes.to_dict("index") == {"(unspecified)": {"n_docs": 1, "n_units": 1},
                                      "2020": {"n_docs": 1, "n_units": 2},
                                      "2021": {"n_docs": 1, "n_units": 1},
                                      "2022": {"n_docs": 1, "n_units": 4}}
    assert not table.significant.any()
    assert table.correction[0] == "Holm correction over all 12 tests (4 groups × 3 terms)"


def test_tfidf_marks_terms_every_group_uses():
    units = pd.DataFrame({
        "text": ["乡村振兴 " * 5 + "党建引领 " * 4, "乡村振兴 " * 5 + "强基固本 " * 4, "乡村振兴 党建引领"],
        "region": ["A", "B", "C"],
    })
    table = tfidf_top_terms(build_dtm(units, group_col="region"), top_n=3)
    flags = {(g, t): (n, e) for g, t, n, e in table[["group", "term", "groups_using", "in_every_group"]].values}
    assert flags[("A", "乡村振兴")] == (3, True) and flags[("A", "党建引领")] == (2, False)
    assert flags[("B", "强基固本")] == (1, False)
