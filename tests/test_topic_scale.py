"""Topic models at the scale of a large corpus: the K sweep on a sample, its fits spread over
processes with the same table, incremental methods above a number of units, sparse matrices
throughout. Checked on the paragraphs of the five reports."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.decomposition import NMF, MiniBatchNMF

from dangjian.segmentation.pipeline import process_corpus
from dangjian.topics.lda import BlockLDA
from dangjian.topics import (
    ConsensusTopicModel,
    TopicModel,
    incremental_batch_size,
    incremental_passes,
    seeded_copy,
    k_sweep,
    sample_units,
    tokenize_units,
    topic_units,
)
from dangjian.topics import stability


@pytest.fixture(scope="module")
def units(raw_dir) -> pd.DataFrame:
    return tokenize_units(topic_units(process_corpus(raw_dir), "paragraph"))


def test_the_sweep_sample_is_drawn_from_the_seed_and_keeps_a_small_corpus_whole(units):
    first, again, other = (sample_units(units, 40, seed=s) for s in (0, 0, 1))
    assert len(first) == 40 and first["unit_id"].tolist() == again["unit_id"].tolist()
    assert first["unit_id"].tolist() != other["unit_id"].tolist()
    assert set(first["unit_id"]) <= set(units["unit_id"])
    assert sample_units(units, len(units) + 1, seed=0) is units
    assert sample_units(units, None, seed=0) is units


def test_the_incremental_methods_start_above_the_threshold():
    assert incremental_batch_size(20_000, 20_000) is None
    assert incremental_batch_size(20_001, 20_000, 512) == 512
    assert incremental_batch_size(10**7, 0) is None
    with pytest.raises(ValueError, match="mini-batch"):
        incremental_batch_size(10, 5, 0)


@pytest.mark.parametrize("method, exact, incremental", [("nmf", NMF, MiniBatchNMF), ("lda", BlockLDA, BlockLDA)])
def test_exact_and_incremental_models_fit_sparse_counts_and_find_the_same_kind_of_topics(units, method, exact, incremental):
    batch = TopicModel(method, k=4, seed=0).fit(units)
    online = TopicModel(method, k=4, seed=0, batch_size=32).fit(units)
    assert type(batch.estimator_) is exact and type(online.estimator_) is incremental
    if method == "lda":
        assert batch.estimator_.learning_method == "batch" and online.estimator_.learning_method == "online"
    for model in (batch, online):
        assert sparse.issparse(model.counts_)
        assert model.counts_.nnz < 0.2 * np.prod(model.counts_.shape)  # a unit uses few of the terms
        np.testing.assert_allclose(model.unit_topics_.sum(axis=1), 1.0)
        np.testing.assert_allclose(model.components_.sum(axis=1), 1.0)
    # both describe the same corpus: most of the batch model's top terms are top terms of the online one
    batch_terms = {t for terms in batch.top_terms(10) for t in terms}
    online_terms = {t for terms in online.top_terms(10) for t in terms}
    assert len(batch_terms & online_terms) >= 0.5 * len(batch_terms)


def test_the_sweep_gives_the_same_table_in_one_process_or_two(units, monkeypatch):
    monkeypatch.setattr(stability, "PARALLEL_MIN_UNITS", 2)
    template = TopicModel("nmf", top_n=10)
    one = k_sweep(template, units, ks=[3, 4], seeds=[0, 1], n_jobs=1)
    two = k_sweep(template, units, ks=[3, 4], seeds=[0, 1], n_jobs=2)
    pd.testing.assert_frame_equal(one, two, check_exact=True)


def test_the_consensus_of_incremental_fits_covers_every_unit(units):
    template = TopicModel("nmf", k=3, batch_size=incremental_batch_size(len(units), 10, 32))
    model = ConsensusTopicModel(template, seeds=[0, 1]).fit(units)
    assert all(isinstance(run.estimator_, MiniBatchNMF) for run in model.runs_.values())
    assert len(model.units_) + len(model.dropped_units_) == len(units)


def test_fits_in_worker_processes_come_back_with_the_same_units_and_topics(units, monkeypatch):
    monkeypatch.setattr(stability, "PARALLEL_MIN_UNITS", 2)
    template = TopicModel("lda", k=3, min_unit_tokens=20)
    plan = [(3, 0, 1.0), (3, 1, 0.8)]
    here = stability.fit_many(template, units, plan, n_jobs=1)
    there = stability.fit_many(template, units, plan, n_jobs=2)
    for a, b in zip(here, there, strict=True):
        assert len(a.dropped_units_) > 0 and len(a.units_) > 0
        pd.testing.assert_frame_equal(a.units_, b.units_)
        pd.testing.assert_frame_equal(a.dropped_units_, b.dropped_units_)
        np.testing.assert_array_equal(a.unit_topics_, b.unit_topics_)
    assert len(here[1].units_) + len(here[1].dropped_units_) == round(0.8 * len(units))


def test_online_lda_makes_the_passes_that_reach_the_updates_it_aims_at(units):
    model = TopicModel("lda", k=3, batch_size=32).fit(units)
    passes = incremental_passes(len(model.units_), 32)
    assert model.estimator_.n_iter_ == passes
    assert passes * math.ceil(len(model.units_) / 32) >= 100 or passes == 20
    assert incremental_passes(100 * 2048, 2048) == 2 and incremental_passes(30 * 2048, 2048) == 4
    assert incremental_passes(300 * 2048, 2048) == 2  # never fewer than two passes


def test_tokens_and_the_runs_of_a_consensus_hold_their_data_once(units):
    # On a large corpus the units' tokens and each seed's copy of the unit tables and counts were
    # most of the topic report's memory: equal tokens are one object, and the runs of a consensus
    # share the tables and the counts of the first run (the counts are checked equal before).
    tokens = [token for unit in units["tokens"] for token in unit]
    assert len({id(token) for token in tokens}) == len(set(tokens)) < len(tokens) / 2
    model = ConsensusTopicModel(TopicModel("nmf", k=4), seeds=[0, 1, 2]).fit(units)
    first = next(iter(model.runs_.values()))
    for run in model.runs_.values():
        assert run.units_ is first.units_ is model.units_ and run.dropped_units_ is first.dropped_units_
        assert run.counts_ is first.counts_
    alone = TopicModel("nmf", k=4, seed=1, init="random").fit(units)
    assert (alone.counts_ != first.counts_).nnz == 0


@pytest.mark.parametrize("passes", [None, 2])
def test_online_lda_gives_the_numbers_of_scikit_learns_fit_transform(units, passes):
    model = TopicModel("lda", k=4, seed=1, batch_size=64, max_iter=passes).fit(units)
    estimator = model.estimator_
    assert estimator.learning_method == "online" and estimator.n_iter_ == estimator.max_iter
    reference = BlockLDA(**estimator.get_params())
    proportions = reference.fit_transform(model.counts_)
    assert np.array_equal(reference.components_, estimator.components_)
    assert np.array_equal(proportions, estimator.transform(model.counts_))
    expected = proportions / proportions.sum(axis=1, keepdims=True)
    assert np.allclose(model.unit_topics_.sum(axis=1), 1.0)
    assert np.allclose(np.sort(model.unit_topics_, axis=1), np.sort(expected, axis=1))


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_fits_on_one_sample_count_it_once_and_give_the_models_fitted_alone(units, monkeypatch, n_jobs):
    """The K sweep and the consensus count each sample of units once (all units; each seed's
    subsample): the fits share those counts and equal models fitted on their own."""
    monkeypatch.setattr(stability, "PARALLEL_MIN_UNITS", 2)
    template = TopicModel("lda", k=3, min_unit_tokens=10)
    plan = [(3, 0, 1.0), (4, 1, 1.0), (3, 1, 0.8), (5, 1, 0.8), (3, 2, 0.8)]
    fitted = stability.fit_many(template, units, plan, n_jobs=n_jobs)
    for model, (k, seed, share) in zip(fitted, plan, strict=True):
        alone = seeded_copy(template, seed, k=k).fit(stability.subsample_units(units, share, seed))
        assert model.n_topics == k
        pd.testing.assert_frame_equal(model.units_, alone.units_)
        pd.testing.assert_frame_equal(model.dropped_units_, alone.dropped_units_)
        assert (model.counts_ != alone.counts_).nnz == 0 and model.vocabulary_.tolist() == alone.vocabulary_.tolist()
        np.testing.assert_array_equal(model.components_, alone.components_)
        np.testing.assert_array_equal(model.unit_topics_, alone.unit_topics_)
        assert model.transform(units.head(5)).tolist() == alone.transform(units.head(5)).tolist()
    assert fitted[0].counts_ is fitted[1].counts_ and fitted[0].units_ is fitted[1].units_
    assert fitted[2].counts_ is fitted[3].counts_ and fitted[2].counts_ is not fitted[4].counts_
    assert len(fitted[4].units_) < len(fitted[0].units_)


def test_counts_are_used_only_by_a_model_that_counts_alike(units):
    counted = TopicModel("nmf", min_df=2).count_units(units)
    with pytest.raises(ValueError, match=r"counted with \(min_unit_tokens, min_df, max_df\) = \(5, 2, 0.9\)"):
        TopicModel("nmf", min_df=3).fit_counted(counted)
    with pytest.raises(ValueError, match="k=500 topics needs at least 500"):
        TopicModel("nmf", k=500).fit_counted(counted)
    whole = TopicModel("nmf", min_df=1, max_df=1.0).count_units(units)  # max_df 1.0: every unit; 1: one unit
    with pytest.raises(ValueError, match=r"= \(5, 1, 1\.0\), this model counts with \(5, 1, 1\)"):
        TopicModel("nmf", min_df=1, max_df=1).fit_counted(whole)
    assert TopicModel("lda", k=3).fit_counted(counted).counts_ is counted.counts
