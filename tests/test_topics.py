"""Topic models on the five reports: reproducible, better than chance, swept over K, a consensus of seeds,
proportions that add up."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from dangjian.project.params import load_report_spec
from dangjian.segmentation.pipeline import process_corpus
from dangjian.topics import (
    CoherenceReference,
    ConsensusTopicModel,
    TopicModel,
    choose_k,
    frex_exclusivity,
    k_sweep,
    matched_jaccard,
    random_baseline,
    refit,
    representative_units,
    resolve_k,
    stability_of,
    tokenize_units,
    topic_proportions,
    topic_share_intervals,
    topic_stability,
    topic_units,
)
from dangjian.topics.consensus import match_topics


@pytest.fixture(scope="module")
def processed(raw_dir):
    return process_corpus(raw_dir)


@pytest.fixture(scope="module")
def units(processed) -> pd.DataFrame:
    """Paragraph units of the five reports, tokenized once."""
    return tokenize_units(topic_units(processed, "paragraph"))


@pytest.fixture(scope="module")
def nmf(units) -> TopicModel:
    return TopicModel("nmf", k=6, seed=0).fit(units)


@pytest.fixture(scope="module")
def lda(units) -> TopicModel:
    return TopicModel("lda", k=6, seed=0).fit(units)


# --- units -------------------------------------------------------------------------------------


def test_paragraph_units_are_body_text_of_every_report(processed, units):
    assert set(units["doc_id"]) == set(processed.clean_texts)
    assert units["unit_id"].is_unique
    assert (units["kind"] == "body").all()
    for unit in units.itertuples():
        assert processed.clean_texts[unit.doc_id][unit.start : unit.end] == unit.text
        assert unit.chars == len(unit.text)


def test_section_and_sentence_units_cover_the_reports(processed):
    sections = topic_units(processed, "section")
    sentences = topic_units(processed, "sentence")
    assert set(sections["doc_id"]) == set(sentences["doc_id"]) == set(processed.clean_texts)
    assert len(sections) < len(topic_units(processed, "paragraph")) < len(sentences)
    assert not sentences["is_heading"].any()


# --- reproducibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_topics_are_reproducible_for_a_fixed_seed(units, method):
    first = TopicModel(method, k=5, seed=3).fit(units)
    second = TopicModel(method, k=5, seed=3).fit(units)
    pd.testing.assert_frame_equal(first.topic_terms_, second.topic_terms_)
    np.testing.assert_array_equal(first.unit_topics_, second.unit_topics_)
    np.testing.assert_array_equal(first.components_, second.components_)


def test_the_seed_drives_lda(units):
    """A different seed gives LDA a different start, so the seed is what makes a run reproducible."""
    one = TopicModel("lda", k=6, seed=0).fit(units)
    other = TopicModel("lda", k=6, seed=1).fit(units)
    assert not np.array_equal(one.components_, other.components_)


def test_topics_are_numbered_by_prevalence_and_distributions_sum_to_one(nmf, lda):
    for model in (nmf, lda):
        assert np.all(np.diff(model.topic_prevalence_) <= 0)
        np.testing.assert_allclose(model.components_.sum(axis=1), 1.0)
        np.testing.assert_allclose(model.unit_topics_.sum(axis=1), 1.0)
        assert model.topic_terms_.groupby("topic").size().tolist() == [10] * 6
        assert model.vocabulary_.tolist() == sorted(model.vocabulary_.tolist())


def test_short_units_are_set_aside(units, nmf):
    short = units[units["tokens"].map(len) < 5]
    assert set(short["unit_id"]) <= set(nmf.dropped_units_["unit_id"])
    assert len(nmf.units_) + len(nmf.dropped_units_) == len(units)


def test_transform_of_a_passage_favours_its_topic(nmf):
    passage = representative_units(nmf, n=1).iloc[0]
    shares = nmf.transform([passage["text"]])[0]
    assert shares.sum() == pytest.approx(1.0)
    assert int(np.argmax(shares)) + 1 == passage["topic"]


# --- coherence and exclusivity ------------------------------------------------------------------


def test_npmi_matches_the_formula_on_a_small_corpus():
    reference = CoherenceReference(window=10).fit([["a", "b", "c"], ["a", "d"], ["b", "e"]])
    p_a = p_b = 2 / 3
    p_ab = 1 / 3
    expected = math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
    assert reference.npmi_pairs(["a", "b"])[0] == pytest.approx(expected)
    never = math.log(1e-12 / (1 / 3 * 1 / 3)) / -math.log(1e-12)  # C_NPMI: ε-smoothed, not -1
    assert reference.npmi_pairs(["d", "e"])[0] == pytest.approx(never, abs=1e-12)
    assert CoherenceReference(window=10, npmi="bouma").fit([["a", "b", "c"], ["a", "d"], ["b", "e"]]).npmi_pairs(
        ["d", "e"])[0] == -1.0


def test_windows_slide_one_token_and_do_not_cross_units():
    sliding = CoherenceReference(window=2, npmi="bouma").fit([["a", "b", "c"], ["c", "d"]])
    assert sliding.n_windows_ == 3  # [a b] [b c] | [c d]
    assert sliding.npmi_pairs(["a", "c"])[0] == -1.0
    assert sliding.npmi_pairs(["b", "c"])[0] > -1.0
    separate = CoherenceReference(window=3, npmi="bouma").fit([["a", "b"], ["c", "d"]])
    assert separate.n_windows_ == 2
    assert separate.npmi_pairs(["b", "c"])[0] == -1.0


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_fitted_topics_are_more_coherent_than_random_terms(units, method, nmf, lda):
    model = {"nmf": nmf, "lda": lda}[method]
    reference = model.reference()
    quality = model.quality(reference)
    baseline = random_baseline(reference, model.vocabulary_, n_terms=10, n_topics=100, seed=0)
    assert quality["npmi"].mean() > baseline["npmi"] + 0.3
    assert quality["umass"].mean() > baseline["umass"]


def test_exclusivity_is_higher_for_separate_topics_than_for_shuffled_ones(nmf):
    """Mixing every topic's term weights into every other makes topics less exclusive."""
    mixed = 0.5 * nmf.components_ + 0.5 * nmf.components_.mean(axis=0, keepdims=True)
    assert frex_exclusivity(nmf.components_).mean() > frex_exclusivity(mixed).mean()
    assert np.all((frex_exclusivity(nmf.components_) > 0) & (frex_exclusivity(nmf.components_) <= 1))


# --- stability and the K sweep -----------------------------------------------------------------


def test_matching_ignores_topic_order(nmf):
    terms = nmf.top_terms()
    assert matched_jaccard(terms, list(reversed(terms))) == 1.0
    assert matched_jaccard(terms, [["无关"] * 10] * len(terms)) == 0.0


def test_stability_of_refits(units):
    template = TopicModel("nmf", k=4)
    all_units = topic_stability(template, units, seeds=[0, 1])
    subsampled = topic_stability(template, units, seeds=[0, 1], subsample=0.8)
    assert 0 <= subsampled.stability < all_units.stability <= 1
    assert len(all_units.pairs) == 1


def test_nmf_refits_start_from_their_seed(units):
    """NNDSVDa, the start of a single NMF fit, is the same whatever the seed; refitted once per seed, NMF
    starts from random factors drawn with the seed, so the refits can end in different topics, and a
    seed list gives the same refits every time."""
    seeds = [0, 1, 2, 3, 4]
    runs = refit(TopicModel("nmf", k=5), units, seeds)
    assert {seed: (run.estimator_.init, run.estimator_.random_state) for seed, run in runs.items()} == {
        seed: ("random", seed) for seed in seeds}
    first = runs[seeds[0]].components_
    distance = [float(np.abs(first - run.components_[match_topics(first, run.components_)[0]]).max())
                for run in list(runs.values())[1:]]
    assert min(distance) > 0 and max(distance) > 0.01  # every refit differs; some end in other topics
    assert stability_of(runs).stability < 1
    again = refit(TopicModel("nmf", k=5), units, seeds)
    for seed in seeds:
        np.testing.assert_array_equal(runs[seed].components_, again[seed].components_)
        np.testing.assert_array_equal(runs[seed].unit_topics_, again[seed].unit_topics_)
    single = [TopicModel("nmf", k=5, seed=seed).fit(units) for seed in (0, 1)]
    assert [model.estimator_.init for model in single] == ["nndsvda", "nndsvda"]


def test_k_sweep_returns_a_row_per_k_and_picks_one_of_them(units):
    sweep = k_sweep(TopicModel("nmf"), units, ks=[3, 4, 5], seeds=[0, 1])
    assert sweep["k"].tolist() == [3, 4, 5]
    spreads = {"npmi_seed_sd", "umass_seed_sd", "exclusivity_seed_sd", "stability_sd", "subsample_stability_sd"}
    assert {"npmi", "npmi_se", "npmi_bouma", "umass", "exclusivity", "stability", "subsample_stability"} | spreads <= set(
        sweep.columns)
    assert sweep["npmi"].between(-1, 1).all() and sweep["stability"].between(0, 1).all()
    assert (sweep[list(spreads)] >= 0).all().all()
    # pairs never together score -1 under Bouma's convention and a little more under C_NPMI
    assert (sweep["npmi_bouma"] < sweep["npmi"]).all()
    # on five reports the topics survive another seed better than leaving out a fifth of the paragraphs
    assert (sweep["subsample_stability"] < sweep["stability"]).all()
    choice = choose_k(sweep)
    assert choice.k in {3, 4, 5}
    assert "subsample stability ≥ 0.5" in choice.rule
    stable = sweep[(sweep["stability"] >= 0.6) & (sweep["subsample_stability"] >= 0.5)]
    if stable.empty:
        assert "fell back to seed stability alone" in choice.reason
        stable = sweep[sweep["stability"] >= 0.6]
    if len(stable):
        best = stable.loc[stable["npmi"].idxmax()]
        assert sweep.set_index("k").loc[choice.k, "npmi"] >= best["npmi"] - best["npmi_se"]
    assert resolve_k("4", sweep).k == 4


def test_the_k_rule_uses_both_stabilities_and_says_when_it_falls_back():
    sweep = pd.DataFrame({"k": [3, 4, 5], "npmi": [0.10, 0.12, 0.20], "npmi_se": [0.01, 0.01, 0.01],
                          "stability": [0.9, 0.9, 0.9], "subsample_stability": [0.7, 0.6, 0.4]})
    choice = choose_k(sweep)
    assert choice.k == 4 and "2 of 3 K values are eligible" in choice.reason
    assert choose_k(sweep, min_subsample_stability=None).k == 5
    low = choose_k(sweep.assign(subsample_stability=[0.3, 0.35, 0.2]))
    assert low.k == 5
    assert "no K reached subsample stability 0.5 (highest 0.35, at K=4), so the rule fell back" in low.reason


# --- the consensus of several seeds -----------------------------------------------------------------


@pytest.fixture(scope="module")
def consensus(units) -> ConsensusTopicModel:
    return ConsensusTopicModel(TopicModel("nmf", k=6), seeds=[0, 1, 2, 3, 4]).fit(units)


def test_topics_that_not_every_seed_finds_are_marked(consensus):
    table = consensus.topic_table()
    # at K = 6 some of the five seeds' random starts end with a topic replaced by another
    unstable = table[~table["recurs"]]
    assert 1 <= len(unstable) < 6
    assert (unstable["runs_found"] < 5).all() and np.allclose(unstable["recurrence"], unstable["runs_found"] / 5)
    assert all(label.split(" ")[0].endswith("*") for label in unstable["label"])
    assert (table.loc[table["recurs"], "runs_found"] == 5).all()
    matches = consensus.matches_
    assert len(matches) == 6 * 5
    found = (matches["cosine"] >= 0.5) & (matches["jaccard"] >= 1 / 3 - 1e-12)
    assert (matches["recurs"] == found).all()
    assert (matches.loc[~matches["recurs"], "jaccard"] <= 0.1).all()  # a replaced topic shares at most one top term


def test_the_consensus_averages_the_matched_topics(consensus):
    np.testing.assert_allclose(consensus.unit_topics_.sum(axis=1), 1.0)
    np.testing.assert_allclose(consensus.components_.sum(axis=1), 1.0)
    assert np.all(np.diff(consensus.topic_prevalence_) <= 0)
    # each topic's unit proportions: the mean over the seeds in which it recurs, rows renormalised
    matches = consensus.matches_
    raw = np.column_stack([
        np.mean([consensus.run_unit_topics_[seed][:, t - 1]
                 for seed in matches.loc[(matches["topic"] == t) & matches["recurs"], "seed"]], axis=0)
        for t in range(1, 7)
    ])
    np.testing.assert_allclose(consensus.unit_topics_, raw / raw.sum(axis=1, keepdims=True), atol=1e-12)
    # each run's topics are a permutation of its own, matched to the consensus
    reference = consensus.runs_[consensus.reference_seed_]
    partner, similarity = match_topics(consensus.components_, reference.components_)
    assert sorted(partner.tolist()) == list(range(6)) and similarity.min() > 0.9


def test_shares_carry_intervals_sizes_and_the_spread_over_seeds(consensus):
    table = topic_share_intervals(consensus, "region", n_boot=300)
    assert {"n_docs", "n_units", "ci_low", "ci_high", "seed_min", "seed_max", "share"} <= set(table.columns)
    assert (table["n_docs"] == 1).all() and (table["resampled"] == "paragraphs").all()  # every region is one report
    assert ((table["ci_low"] <= table["share"] + 1e-12) & (table["share"] <= table["ci_high"] + 1e-12)).all()
    spread = table["seed_max"] - table["seed_min"]
    unstable = table["topic"].isin(np.flatnonzero(~consensus.recurs_) + 1)  # topics some seeds do not find
    assert unstable.any() and spread[unstable].max() > spread[~unstable].max()


# --- proportions and labels --------------------------------------------------------------------


@pytest.mark.parametrize("by", ["doc_id", "region", "level"])
def test_proportions_sum_to_one(nmf, lda, by):
    for model in (nmf, lda):
        table = topic_proportions(model, by)
        shares = table[[f"T{i}" for i in range(1, model.n_topics + 1)]]
        np.testing.assert_allclose(shares.sum(axis=1), 1.0)
        assert table["units"].sum() == len(model.units_)


def test_proportions_are_weighted_by_unit_length(nmf):
    table = topic_proportions(nmf, "doc_id").set_index("doc_id")
    mask = (nmf.units_["doc_id"] == "pingliang-2024").to_numpy()
    expected = np.average(nmf.unit_topics_[mask], axis=0, weights=nmf.units_["chars"][mask])
    np.testing.assert_allclose(table.loc["pingliang-2024", [f"T{i}" for i in range(1, 7)]], expected)
    unweighted = nmf.unit_topics_[mask].mean(axis=0)
    assert not np.allclose(expected, unweighted)


def test_representative_units_are_the_purest_passages(nmf, processed):
    passages = representative_units(nmf, n=3)
    assert passages.groupby("topic").size().tolist() == [3] * nmf.n_topics
    for topic, rows in passages.groupby("topic"):
        assert rows["share"].iloc[0] == pytest.approx(nmf.unit_topics_[:, topic - 1].max())
        assert rows["share"].is_monotonic_decreasing
    for row in passages.itertuples():
        assert row.text in processed.clean_texts[row.doc_id]


# --- errors and parameter files -----------------------------------------------------------------


def test_bad_settings_are_named(units):
    with pytest.raises(ValueError, match="unknown topic model method 'lsa'"):
        TopicModel("lsa").fit(units)
    with pytest.raises(ValueError, match=r"at least 500 are needed \(a model of K topics needs K units"):
        TopicModel("nmf", k=500).fit(units)
    with pytest.raises(ValueError, match="init chooses NMF's start; lda takes none"):
        TopicModel("lda", init="random").fit(units)
    with pytest.raises(ValueError, match="k must be 'auto' or a whole number"):
        resolve_k("ten")
    with pytest.raises(ValueError, match="unknown unit 'chapter'"):
        topic_units(None, "chapter")


def test_clone_keeps_the_settings():
    template = TopicModel("lda", k=7, seed=2, min_df=3)
    copy = clone(template)
    assert copy.get_params() == template.get_params()


@pytest.mark.parametrize("name", ["02_topics_nmf", "02_topics_lda"])
def test_parameter_files_match_the_notebook(project_root, name):
    spec = load_report_spec(project_root / "parameters" / f"{name}.yaml", project_root)
    assert spec.parameters["method"] == name.rsplit("_", 1)[1]
    assert spec.parameters["figure_prefix"] == f"topics_{spec.parameters['method']}"
    assert spec.parameters["subsample"] < 1 and spec.parameters["covariates"] == ["region", "level", "year", "genre"]


def test_too_few_units_for_any_term_are_refused_in_plain_words():
    paragraphs = ["全县党员积极参加党员培训和志愿服务活动", "各村党组织开展主题党日和党员培训活动"]
    with pytest.raises(ValueError, match=r"^2 units are too few for a topic model: a term must occur in at least 2 of them"):
        TopicModel("lda", k=2).count_units(paragraphs)
    counted = TopicModel("lda", k=2, min_df=1, max_df=1.0).count_units(paragraphs)  # the same units, looser limits
    assert counted.counts.shape[0] == 2
