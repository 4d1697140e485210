"""Group sizes, the stratified bootstrap, p-value corrections and the caveats, on small tables built here."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats.contingency import association

from dangjian.keywords.inference import (
    GroupBootstrap,
    adjust_p_values,
    caveats,
    cramers_v,
    family_description,
    group_sizes,
    percentile_interval,
    resampling_unit,
    separable,
    size_labels,
)


def paragraph_table() -> pd.DataFrame:
    """Region 甲: three documents of 2, 3 and 1 paragraphs; region 乙: one document of 4 paragraphs."""
    return pd.DataFrame({
        "doc_id": ["a", "a", "b", "b", "b", "c", "d", "d", "d", "d"],
        "region": ["甲"] * 6 + ["乙"] * 4,
        "value": [1.0, 3.0, 2.0, 4.0, 6.0, 10.0, 0.0, 1.0, 0.0, 7.0],
    })


def test_group_sizes_count_documents_and_units():
    sizes = group_sizes(paragraph_table(), "region").set_index("group")
    assert sizes.loc["甲", ["n_docs", "n_units"]].tolist() == [3, 6]
    assert sizes.loc["乙", ["n_docs", "n_units"]].tolist() == [1, 4]
    assert sizes.single_document.to_dict() == {"乙": True, "甲": False}
    assert sizes.resampled.to_dict() == {"乙": "paragraphs", "甲": "documents"}


def test_figure_labels_name_the_documents_and_units_of_each_group():
    table = paragraph_table()
    labels = size_labels(group_sizes(table, "region"))
    assert labels == {"甲": "甲 (d=3, u=6)", "乙": "乙 (d=1, u=4)"}
    documents = table.drop_duplicates("doc_id")
    assert size_labels(group_sizes(documents, "region", unit="document"), unit="document") == {
        "甲": "甲 (d=3)", "乙": "乙 (d=1)"}


def test_document_as_unit_with_a_one_document_group_has_nothing_to_resample():
    documents = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "year": [2020, 2020, 2020, 2021]})
    sizes = group_sizes(documents, "year", unit="document").set_index("group")
    assert sizes.resampled.to_dict() == {"2020": "documents", "2021": "none"}
    boot = GroupBootstrap(n_boot=50, seed=0, unit="document").fit(documents.assign(x=[1.0, 2.0, 3.0, 4.0]), "year")
    means = boot.group_means(documents.assign(x=[1.0, 2.0, 3.0, 4.0])[["x"]]).set_index("group")
    assert means.loc["2021", "estimate"] == 4.0
    assert math.isnan(means.loc["2021", "ci_low"]) and math.isnan(means.loc["2021", "ci_high"])
    assert means.loc["2020", "ci_low"] >= 1.0 and means.loc["2020", "ci_high"] <= 3.0


def test_resampling_unit_rule():
    assert resampling_unit(3, 3) == "documents"
    assert resampling_unit(2, 9) == "paragraphs"
    assert resampling_unit(2, 9, min_docs=2) == "documents"
    assert resampling_unit(1, 9, unit="sentence") == "sentences"
    assert resampling_unit(2, 2, unit="document") == "documents"
    assert resampling_unit(1, 1) == "none"


def test_documents_are_resampled_whole_and_replicates_are_reproducible():
    table = paragraph_table()
    boot = GroupBootstrap(n_boot=300, seed=7).fit(table, "region")
    weights = boot.cluster_weights("甲")
    assert weights.shape == (300, 3) and (weights.sum(axis=1) == 3).all()
    assert np.array_equal(weights, GroupBootstrap(n_boot=300, seed=7).fit(table, "region").cluster_weights("甲"))
    assert not np.array_equal(weights, GroupBootstrap(n_boot=300, seed=8).fit(table, "region").cluster_weights("甲"))
    # replicate sums are the sums over the drawn documents, each taken whole
    per_doc = table[table.region == "甲"].groupby("doc_id")["value"].sum().to_numpy()  # a, b, c
    sums = boot.replicate_sums("甲", table["value"].to_numpy())
    assert np.allclose(sums, weights @ per_doc)
    # the one-document group resamples its four paragraphs
    paragraph_weights = boot.cluster_weights("乙")
    assert paragraph_weights.shape == (300, 4)
    assert np.allclose(boot.replicate_sums("乙", table["value"].to_numpy()),
                       paragraph_weights @ np.array([0.0, 1.0, 0.0, 7.0]))
    # draws of one group do not depend on which other groups are asked for first
    again = GroupBootstrap(n_boot=300, seed=7).fit(table, "region")
    again.cluster_weights("乙")
    assert np.array_equal(again.cluster_weights("甲"), weights)
    # sparse input gives the same sums
    from scipy import sparse
    assert np.allclose(boot.replicate_sums("甲", sparse.csr_matrix(table[["value"]].to_numpy())), sums[:, None])


def test_bootstrap_interval_of_a_mean_agrees_with_scipy():
    rng = np.random.default_rng(0)
    values = rng.gamma(2.0, 3.0, size=40)
    table = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)], "g": ["x"] * 40, "v": values})
    ours = GroupBootstrap(n_boot=20000, seed=3).fit(table, "g").group_means(table[["v"]]).iloc[0]
    theirs = stats.bootstrap((values,), np.mean, n_resamples=20000, method="percentile",
                             random_state=np.random.default_rng(5)).confidence_interval
    assert ours.estimate == pytest.approx(values.mean())
    spread = values.std() / math.sqrt(40)
    assert ours.ci_low == pytest.approx(theirs.low, abs=0.05 * spread)
    assert ours.ci_high == pytest.approx(theirs.high, abs=0.05 * spread)
    assert (ours.n_docs, ours.n_units, ours.resampled) == (40, 40, "documents")


def test_weighted_group_means_match_hand_computation():
    table = paragraph_table()
    weights = np.arange(1, 11, dtype=float)
    means = GroupBootstrap(n_boot=100, seed=0).fit(table, "region").group_means(table[["value"]], weights=weights)
    first = means.set_index("group").loc["甲"]
    expected = np.average(table.value[:6], weights=weights[:6])
    assert first.estimate == pytest.approx(expected)
    assert first.ci_low <= expected <= first.ci_high
    assert list(means.columns) == ["group", "column", "estimate", "ci_low", "ci_high", "n_docs", "n_units",
                                   "single_document", "resampled"]


def test_percentile_interval_is_numpy_quantiles():
    samples = np.random.default_rng(1).normal(size=(999, 3))
    low, high = percentile_interval(samples, 0.9)
    assert np.allclose(low, np.quantile(samples, 0.05, axis=0))
    assert np.allclose(high, np.quantile(samples, 0.95, axis=0))
    nan_low, nan_high = percentile_interval(np.full((10, 1), np.nan))
    assert np.isnan(nan_low).all() and np.isnan(nan_high).all()


def holm_by_definition(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted = [0.0] * m
    for rank, i in enumerate(order):
        adjusted[i] = max(min(1.0, (m - j) * p[order[j]]) for j in range(rank + 1))
    return adjusted


def bh_by_definition(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted = [0.0] * m
    for rank, i in enumerate(order):
        adjusted[i] = min(min(1.0, m * p[order[j]] / (j + 1)) for j in range(rank, m))
    return adjusted


def test_p_value_corrections_match_r_and_their_definitions():
    # R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") and "BH"
    p = [0.01, 0.02, 0.03, 0.04, 0.05]
    assert adjust_p_values(p, "holm").tolist() == pytest.approx([0.05, 0.08, 0.09, 0.09, 0.09])
    assert adjust_p_values(p, "bh").tolist() == pytest.approx([0.05] * 5)
    assert adjust_p_values(p, "bonferroni").tolist() == pytest.approx([0.05, 0.1, 0.15, 0.2, 0.25])
    rng = np.random.default_rng(2)
    p = np.concatenate([rng.uniform(0, 0.01, 5), rng.uniform(size=40)]).tolist()
    assert adjust_p_values(p, "holm").tolist() == pytest.approx(holm_by_definition(p))
    assert adjust_p_values(p, "bh").tolist() == pytest.approx(bh_by_definition(p))
    with_nan = adjust_p_values([0.01, np.nan, 0.04], "holm")
    assert math.isnan(with_nan[1]) and with_nan[[0, 2]].tolist() == pytest.approx([0.02, 0.04])
    assert adjust_p_values(np.array([[0.01, 0.02], [0.03, 0.04]]), "bh").shape == (2, 2)
    with pytest.raises(ValueError, match="unknown correction"):
        adjust_p_values(p, "fdr")
    assert family_description(925, "bh", parts=[(5, "groups"), (185, "terms")]) == (
        "Benjamini–Hochberg correction over all 925 tests (5 groups × 185 terms)")


def test_cramers_v_against_scipy_and_bias_correction():
    rows = pd.Series(list("aaaabbbbcccc"))
    columns = pd.Series(list("xxxyyyyxzzzx"))
    table = pd.crosstab(rows, columns).to_numpy()
    assert cramers_v(rows, columns, corrected=False) == pytest.approx(association(table, method="cramer"))
    # Bergsma's correction by hand: phi² − (k−1)(r−1)/(n−1), with shrunken r and k
    chi2 = stats.chi2_contingency(table, correction=False)[0]
    n, r, k = 12, 3, 3
    phi2 = max(0.0, chi2 / n - (k - 1) * (r - 1) / (n - 1))
    shrunk = min(r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)) - 1
    assert cramers_v(rows, columns) == pytest.approx(math.sqrt(phi2 / shrunk))
    assert math.isnan(cramers_v(rows, pd.Series(["x"] * 12)))


def test_separable_needs_groups_and_values_crossed():
    assert separable(pd.Series(list("aabb")), pd.Series(list("xyxy")))
    assert not separable(pd.Series(list("aabb")), pd.Series(list("xxyy")))
    # five documents in four levels and five genres cannot carry both sets of effects
    assert not separable(pd.Series(["c", "c", "n", "p", "t"]), pd.Series(list("vwxyz")))


def test_caveats_for_single_documents_and_confounding():
    docs = pd.DataFrame({"doc_id": list("abcde"), "region": ["甲", "乙", "丙", "丁", None],
                         "genre": list("vwxyz"), "year": [2020, 2020, 2021, 2022, 2023]})
    notes = caveats(docs, "region")
    assert notes[0] == "1 of 5 documents have no region and are grouped as '(unspecified)'."
    assert notes[1] == "The comparison by region rests on 5 documents in 5 groups (1 document per group)."
    assert notes[2].startswith("5 of 5 groups are backed by a single document")
    assert "no test that needs replication is reported as significant" in notes[2]
    assert notes[3].startswith("Every region group has its own genre")
    assert notes[4].startswith("All documents of each region group share one year")
    documents_as_units = caveats(docs, "region", unit="document")
    assert "it has no interval" in documents_as_units[2]


def test_caveats_with_one_group_and_with_well_crossed_groups():
    one = pd.DataFrame({"doc_id": ["a", "b"], "year": [2024, 2024]})
    assert caveats(one, "year") == [
        "All 2 documents fall in one year group (2024): there is nothing to compare, so the comparisons by year "
        "are skipped."]
    crossed = pd.DataFrame({"doc_id": [f"d{i}" for i in range(12)], "region": ["甲"] * 6 + ["乙"] * 6,
                            "genre": ["x", "y", "z"] * 4})
    assert caveats(crossed, "region") == [
        "The comparison by region rests on 12 documents in 2 groups (6 documents per group)."]
    few = pd.DataFrame({"doc_id": list("abcdef"), "level": ["county", "county", "town", "town", "town", "town"],
                        "genre": list("xyxyxy")})
    notes = caveats(few, "level")
    assert notes[1] == ("1 of 2 groups have fewer than 3 documents (county: 2): too few to resample documents, so "
                        "their intervals resample paragraphs and measure variation inside those documents rather "
                        "than between documents of the group.")
    assert len(notes) == 2  # genre is crossed with level and not associated with it
    leaning = pd.DataFrame({"doc_id": [f"d{i}" for i in range(20)], "region": ["甲"] * 10 + ["乙"] * 10,
                            "genre": ["x"] * 9 + ["y"] + ["y"] * 9 + ["x"]})
    assert any(n.startswith("Genre varies with region (bias-corrected Cramér's V = ") for n in caveats(leaning, "region"))
