"""Topic prevalence on document covariates, and topic shares with intervals.

Checked against independent computations on corpora the tests build: the regression estimates
against numpy's least squares and scipy's ``linregress``, the composition interval against the
classical t interval, the bootstrap interval of a group share against the linearisation standard
error of a ratio; a corpus where the document is the unit and a group has one document; and, on a
generated benchmark corpus with a planted difference in topic prevalence by region, the recovery of
that difference (and no difference for covariates drawn at random).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from builders import load_benchmark
from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.tokenize import DomainTokenizer
from dangjian.topics import (
    ConsensusTopicModel,
    TopicEffects,
    TopicModel,
    design_matrix,
    tokenize_units,
    topic_proportions,
    topic_share_intervals,
    topic_units,
)
from dangjian.topics.effects import document_shares, document_theta_draws

make_corpus = load_benchmark("make_corpus")

THEMES = {
    "party": ["党员 培训 学习 教育 党课", "党员 党课 教育 学习 培训"],
    "village": ["乡村 振兴 产业 发展 集体", "产业 集体 乡村 发展 振兴"],
}


def small_corpus(n_docs: int = 12, seed: int = 3) -> pd.DataFrame:
    """Documents of 2–5 paragraphs; region 甲 documents lean to the party theme, a year trend toward villages."""
    rng = np.random.default_rng(seed)
    rows = []
    for d in range(n_docs):
        region = ["甲", "乙", "丙"][d % 3]
        year = 2018 + d % 6
        p_party = 0.75 if region == "甲" else 0.35
        p_party -= 0.03 * (year - 2018)
        for p in range(int(rng.integers(2, 6))):
            theme = "party" if rng.random() < p_party else "village"
            text = THEMES[theme][int(rng.integers(0, 2))] + (" 服务" * int(rng.integers(0, 3)))
            rows.append({"doc_id": f"d{d:02d}", "region": region, "year": year, "genre": ["总结", "讲话"][d % 2],
                         "text": text})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def small_model() -> TopicModel:
    return TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(small_corpus())


# --- design and estimates --------------------------------------------------------------------------


def test_design_uses_treatment_coding_against_the_most_frequent_level():
    docs = pd.DataFrame({"doc_id": list("abcdefg"), "region": ["乙", "乙", "乙", "甲", "甲", "丙", ""],
                         "year": [2018, 2019, 2020, 2021, 2022, 2023, 2024]})
    design, used = design_matrix(docs, ["region", "year"], min_residual_df=1)
    terms = design.terms
    assert terms["covariate"].tolist() == ["(intercept)", "region", "region", "region", "year"]
    assert terms["level"].tolist() == ["", "(unspecified)", "丙", "甲", "per year"]
    assert set(terms.loc[terms["covariate"] == "region", "reference"]) == {"乙"}
    assert terms.loc[terms["covariate"] == "region", "n_docs"].tolist() == [1, 1, 2]
    expected = np.column_stack([
        np.ones(7),
        [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 1, 1, 0, 0],
        np.arange(2018, 2025) - 2021.0,
    ])
    np.testing.assert_array_equal(design.matrix, expected)
    assert design.residual_df == 2 and len(used) == 7


def test_aliased_and_unestimable_covariates_are_left_out_with_a_reason():
    docs = pd.DataFrame({"doc_id": list("abcdefghi"), "region": list("xxxyyyzzz"), "level": list("pppqqqrrr"),
                         "genre": list("abcdefghi"), "year": [2020] * 9})
    design, _ = design_matrix(docs, ["region", "level", "year", "genre"])
    assert design.covariates == ["region"]
    notes = " ".join(design.notes)
    assert "level is left out: with region in the model its effect cannot be told apart" in notes
    assert "year is left out: all 9 modelled documents share one value" in notes
    assert "genre is left out: its 8 parameter(s) would leave -2 residual degrees of freedom from 9 documents" in notes


def test_estimates_equal_least_squares_on_the_document_shares(small_model):
    effects = TopicEffects(covariates=["region", "year"], uncertainty="none", n_sims=50).fit(small_model)
    docs = effects.documents_
    theta = document_shares(small_model.units_, small_model.unit_topics_, docs["doc_id"])
    x = np.column_stack([np.ones(len(docs)), docs["region"] == "乙", docs["region"] == "甲", docs["year"]]).astype(float)
    beta = np.linalg.lstsq(x, theta, rcond=None)[0]
    table = effects.effects_.set_index(["covariate", "level", "topic"])["estimate"]
    reference = effects.effects_["reference"].iloc[0]
    assert reference == "丙"  # all regions have 4 documents: the first in sort order is the reference
    for k in (1, 2):
        assert table[("region", "乙", k)] == pytest.approx(beta[1, k - 1], abs=1e-12)
        assert table[("region", "甲", k)] == pytest.approx(beta[2, k - 1], abs=1e-12)
        assert table[("year", "per year", k)] == pytest.approx(beta[3, k - 1], abs=1e-12)
    # topic shares sum to one, so the effects on the two topics cancel
    np.testing.assert_allclose(beta[1:, 0], -beta[1:, 1], atol=1e-12)


def test_composition_interval_is_the_t_interval_when_the_shares_are_known(small_model):
    """With the shares taken as known (stm's uncertainty = "None"), drawing σ² and β reproduces the
    classical OLS t interval: here a single numeric covariate, checked against scipy's linregress."""
    effects = TopicEffects(covariates=["year"], uncertainty="none", n_sims=40000, seed=1).fit(small_model)
    docs = effects.documents_
    fit = stats.linregress(docs["year"].astype(float), docs["T1"])
    half = stats.t.ppf(0.975, len(docs) - 2) * fit.stderr
    row = effects.effects_.query("topic == 1").iloc[0]
    assert row["estimate"] == pytest.approx(fit.slope, abs=1e-12)
    assert row["ci_low"] == pytest.approx(fit.slope - half, abs=0.03 * half)
    assert row["ci_high"] == pytest.approx(fit.slope + half, abs=0.03 * half)
    assert row["std_error"] == pytest.approx(fit.stderr * np.sqrt((len(docs) - 2) / (len(docs) - 4)), rel=0.03)
    assert row["p_value"] == pytest.approx(fit.pvalue, rel=1e-9)


def test_resampling_units_widens_the_interval_and_keeps_the_estimate(small_model):
    known = TopicEffects(covariates=["region"], uncertainty="none", n_sims=400).fit(small_model).effects_
    drawn = TopicEffects(covariates=["region"], n_draws=100, n_sims=40).fit(small_model).effects_
    np.testing.assert_allclose(known["estimate"], drawn["estimate"])
    assert ((drawn["ci_high"] - drawn["ci_low"]) > 0.95 * (known["ci_high"] - known["ci_low"])).all()


def test_draws_resample_units_within_each_document_and_are_centred():
    units = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "chars": [1, 2, 3, 4]})
    theta = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [0.3, 0.7]])
    draws = document_theta_draws(units, [theta], ["a", "b"], n_draws=500, seed=2)
    point = document_shares(units, theta, ["a", "b"])
    np.testing.assert_allclose(draws.mean(axis=0), point, atol=1e-12)
    assert draws[:, 0, 0].std() > 0.05
    np.testing.assert_allclose(draws[:, 1], np.broadcast_to(point[1], draws[:, 1].shape), atol=1e-15)  # one unit


def test_the_reference_level_can_be_set(small_model):
    effects = TopicEffects(covariates=["region"], references={"region": "甲"}, n_draws=5, n_sims=5).fit(small_model)
    assert set(effects.effects_["reference"]) == {"甲"} and set(effects.effects_["level"]) == {"乙", "丙"}
    with pytest.raises(ValueError, match="reference level '丁' of region does not occur"):
        TopicEffects(covariates=["region"], references={"region": "丁"}).fit(small_model)


# --- document as the unit, and a group backed by one document -----------------------------------------


@pytest.fixture(scope="module")
def documents_as_units() -> TopicModel:
    """Eight documents, one unit each; region 丙 is a single document about villages only."""
    texts = ["党员 党课 教育 学习 党员 党课 乡村", "党员 党课 教育 学习 党员 党课 教育", "党员 党课 教育 学习 党员 学习 产业",
             "党员 党课 教育 学习 党员 党课 学习", "党员 党课 教育 学习 党课 教育 振兴", "党员 党课 教育 学习 党员 教育 党课",
             "党员 党课 教育 学习 学习 党员 发展"]
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)], "text": texts + ["乡村 振兴 产业 发展 集体 乡村 产业"],
                          "region": ["甲", "乙"] * 3 + ["甲", "丙"]})
    return TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(frame)


def test_a_one_document_group_is_never_significant(documents_as_units):
    table = TopicEffects(covariates=["region"], references={"region": "甲"}, n_draws=20, n_sims=200).fit(
        documents_as_units).effects_
    single = table[table["level"] == "丙"]
    assert (single["n_docs"] == 1).all() and not single["replicated"].any() and not single["significant"].any()
    assert ((single["ci_low"] > 0) | (single["ci_high"] < 0)).any()  # the interval alone would call it a difference
    assert table[table["level"] == "乙"]["replicated"].all()


def test_shares_of_a_one_document_group_when_the_document_is_the_unit(documents_as_units):
    table = topic_share_intervals(documents_as_units, "region", n_boot=500).set_index(["region", "topic"])
    single = table.loc["丙"]
    assert (single["n_docs"] == 1).all() and (single["n_units"] == 1).all() and single["single_document"].all()
    assert (single["resampled"] == "none").all() and single["ci_low"].isna().all()
    several = table.loc["甲"]
    assert (several["n_docs"] == 4).all() and (several["resampled"] == "documents").all()


# --- topic shares with intervals ----------------------------------------------------------------------


def test_share_intervals_match_the_point_shares_and_the_ratio_standard_error(small_model):
    table = topic_share_intervals(small_model, "region", n_boot=4000, seed=0)
    wide = topic_proportions(small_model, "region").set_index("region")
    for row in table.itertuples():
        assert row.share == pytest.approx(wide.loc[row.region, f"T{row.topic}"], abs=1e-12)
        assert row.ci_low <= row.share <= row.ci_high
        assert row.seed_min == row.seed_max == pytest.approx(row.share)  # a single fit: no spread over seeds
    units = small_model.units_
    sizes = units.groupby("region").agg(n_docs=("doc_id", "nunique"), n_units=("doc_id", "size"))
    counted = table.drop_duplicates("region").set_index("region")
    assert counted["n_docs"].to_dict() == sizes["n_docs"].to_dict()
    assert counted["n_units"].to_dict() == sizes["n_units"].to_dict()
    assert set(counted["resampled"]) == {"documents"}
    # a document bootstrap of a ratio of sums has the linearisation standard error
    mine = (units["region"] == "甲").to_numpy()
    frame = pd.DataFrame({"doc": units["doc_id"][mine], "w": units["chars"][mine],
                          "wy": units["chars"][mine] * small_model.unit_topics_[mine, 0]}).groupby("doc").sum()
    n, ratio = len(frame), frame["wy"].sum() / frame["w"].sum()
    residual = (frame["wy"] - ratio * frame["w"]) / frame["w"].mean()
    se = np.sqrt((residual**2).sum()) / n
    row = table[(table["region"] == "甲") & (table["topic"] == 1)].iloc[0]
    assert (row.ci_high - row.ci_low) == pytest.approx(2 * 1.96 * se, rel=0.3)


def test_a_document_interval_resamples_its_paragraphs(small_model):
    table = topic_share_intervals(small_model, "doc_id", n_boot=300)
    assert (table["n_docs"] == 1).all() and set(table["resampled"]) <= {"paragraphs", "none"}
    several = table[table["n_units"] > 1]
    assert ((several["ci_high"] - several["ci_low"]) >= 0).all()


# --- a planted difference on the generated benchmark corpus --------------------------------------------

PLANTED_SOURCE = "mudanjiang-xian"
PLANTED_REGION = "牡丹江市西安区"


@pytest.fixture(scope="module")
def planted(tmp_path_factory, raw_dir):
    """100 generated documents; those of one region draw each paragraph with probability 0.8 from one report."""
    folder = tmp_path_factory.mktemp("planted") / "corpus"
    make_corpus.make_corpus(folder, n_docs=100, seed=5, mix=make_corpus.Mix(paragraphs=(6, 16)),
                            plant=make_corpus.Plant(PLANTED_SOURCE, 0.8, region=PLANTED_REGION))
    tokenizer = DomainTokenizer(stopword_lists=["zh", "genre"])
    units = tokenize_units(topic_units(process_corpus(folder), "paragraph"), tokenizer)
    # K = 7: every seed finds the topic the planted source changes. At K = 6 one seed of three finds
    # another topic in its place, and the intervals, whose draws span the seeds, rightly cover 0.
    model = ConsensusTopicModel(TopicModel("nmf", k=7, tokenizer=tokenizer), seeds=[0, 1, 2]).fit(units)
    effects = TopicEffects(covariates=["region", "level", "year", "genre"],
                           references={"region": PLANTED_REGION}).fit(model)
    # which generated paragraphs are copies of the source's (numbers and script vary, the words do not)
    source = tokenize_units(topic_units(process_corpus(raw_dir), "paragraph"), tokenizer)
    source = [set(tokens) for tokens in source.loc[source["doc_id"] == PLANTED_SOURCE, "tokens"]]
    copied = np.array([max(len(set(t) & s) / len(set(t) | s) for s in source) >= 0.8 for t in model.units_["tokens"]])
    profile = model.unit_topics_[copied].mean(axis=0) - model.unit_topics_[~copied].mean(axis=0)
    return model, effects, profile


def test_the_generator_plants_the_source_in_one_region(planted):
    model, effects, _ = planted
    docs = effects.documents_
    assert docs.groupby("region").size().min() >= 25  # many documents per region …
    assert docs["year"].nunique() == 10  # … and per year
    assert "level is left out: with region in the model" in " ".join(effects.notes_)


def test_covariate_model_recovers_the_planted_difference(planted):
    _, effects, profile = planted
    table = effects.effects_
    region = table[table["covariate"] == "region"]
    target = int(np.argmax(np.abs(profile))) + 1  # the topic the source's paragraphs change most
    expected_sign = -np.sign(profile[target - 1])  # other regions minus the planted one
    rows = region[region["topic"] == target]
    assert len(rows) == 2 and (rows["n_docs"] >= 25).all()
    for row in rows.itertuples():
        assert np.sign(row.estimate) == expected_sign
        assert (row.ci_low > 0) if expected_sign > 0 else (row.ci_high < 0)
        assert row.significant
    # across all topics, the planted region's difference follows the source's topic profile
    for _, level in region.groupby("level"):
        assert np.corrcoef(-level.sort_values("topic")["estimate"], profile)[0, 1] > 0.8


def test_covariates_drawn_at_random_show_no_difference(planted):
    model, effects, _ = planted
    table = effects.effects_
    null = table[table["covariate"].isin(["year", "genre"])]
    assert len(null) == model.n_topics * (1 + 4)
    assert ((null["ci_low"] <= 0) & (0 <= null["ci_high"])).all()
    assert not null["significant"].any()
