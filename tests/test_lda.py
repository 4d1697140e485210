"""LDA's E-step for a block of units at once gives scikit-learn's LDA: the same topics, proportions,
bound and iterations, batch and online, on the paragraphs of the five documents and of a generated
corpus; and the topic model uses it."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.decomposition._online_lda_fast import _dirichlet_expectation_2d
from sklearn.feature_extraction.text import CountVectorizer

from builders import load_benchmark
from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.dtm import unit_table
from dangjian.tokens.tokenize import DomainTokenizer
from dangjian.topics.lda import BlockLDA, dirichlet_expectation, sklearn_psi, unit_blocks
from dangjian.topics.models import TopicModel

make_corpus = load_benchmark("make_corpus")


@pytest.fixture(scope="module")
def counts(raw_dir, tmp_path_factory) -> dict[str, sparse.csr_matrix]:
    """Paragraph × term counts of the five documents and of a generated corpus of 40 documents."""
    folder = tmp_path_factory.mktemp("generated")
    make_corpus.make_corpus(folder, n_docs=40, seed=5)
    tokenizer = DomainTokenizer(stopword_lists=["zh", "genre"])
    matrices = {}
    for name, path in {"seeds": raw_dir, "generated": folder}.items():
        texts = unit_table(process_corpus(path), "paragraph")["text"].tolist()
        matrix = CountVectorizer(analyzer=tokenizer, min_df=2).fit_transform(texts).astype(np.float64)
        matrices[name] = matrix[np.asarray(matrix.sum(axis=1)).ravel() > 0].tocsr()
    return matrices


def _assert_same_fit(ours, theirs, ours_out, theirs_out):
    assert ours.n_iter_ == theirs.n_iter_ and ours.n_batch_iter_ == theirs.n_batch_iter_
    np.testing.assert_allclose(ours.components_, theirs.components_, rtol=1e-9, atol=0)
    np.testing.assert_allclose(ours_out, theirs_out, rtol=0, atol=1e-10)
    assert (ours_out.argmax(axis=1) == theirs_out.argmax(axis=1)).mean() > 0.99


@pytest.mark.parametrize("name", ["seeds", "generated"])
@pytest.mark.parametrize("k", [3, 8])
def test_batch_lda_is_scikit_learns(counts, name, k):
    X = counts[name]
    params = dict(n_components=k, learning_method="batch", max_iter=200, evaluate_every=5, perp_tol=0.1, random_state=k)
    ours, theirs = BlockLDA(**params), LatentDirichletAllocation(**params)
    _assert_same_fit(ours, theirs, ours.fit_transform(X), theirs.fit_transform(X))
    assert ours.bound_ == pytest.approx(theirs.bound_, rel=1e-12)
    assert ours.perplexity(X) == pytest.approx(theirs.perplexity(X), rel=1e-12)
    assert ours.score(X) == pytest.approx(theirs.score(X), rel=1e-12)
    assert ours.n_iter_ < 200, "the perplexity check ended the fit"


def test_online_lda_is_scikit_learns(counts):
    X = counts["generated"]
    params = dict(n_components=6, learning_method="online", batch_size=64, max_iter=3, total_samples=X.shape[0],
                  evaluate_every=-1, random_state=2)
    ours, theirs = BlockLDA(**params), LatentDirichletAllocation(**params)
    for model in (ours, theirs):
        for _ in range(3):
            model.partial_fit(X)
    assert ours.n_batch_iter_ > 3 * 10
    _assert_same_fit(ours, theirs, ours.transform(X), theirs.transform(X))
    assert ours.perplexity(X, sub_sampling=True) == pytest.approx(theirs.perplexity(X, sub_sampling=True), rel=1e-12)


def test_units_that_converge_late_and_rows_without_counts(counts):
    """Some units use every E-step iteration, some none; an empty row keeps the prior's proportions."""
    X = sparse.vstack([counts["seeds"][:30], sparse.csr_matrix((2, counts["seeds"].shape[1]))]).tocsr()
    params = dict(n_components=4, learning_method="batch", max_iter=10, max_doc_update_iter=3, random_state=1)
    ours, theirs = BlockLDA(**params), LatentDirichletAllocation(**params)
    _assert_same_fit(ours, theirs, ours.fit_transform(X), theirs.fit_transform(X))
    np.testing.assert_allclose(ours.transform(X)[-2:], 0.25)


def test_other_dtypes_and_processes_take_scikit_learns_code(counts):
    X = counts["seeds"].astype(np.float32)
    params = dict(n_components=3, learning_method="batch", max_iter=20, random_state=0)
    np.testing.assert_array_equal(BlockLDA(**params).fit(X).components_, LatentDirichletAllocation(**params).fit(X).components_)
    model = BlockLDA(**params, n_jobs=2)
    assert not model._own_code(counts["seeds"])


def test_a_joblib_context_of_two_jobs_gives_scikit_learns_fit(counts):
    """Under ``parallel_config(n_jobs=2)`` scikit-learn splits the E-step and draws each part's start
    apart; BlockLDA then takes scikit-learn's code and gives its numbers."""
    from joblib import parallel_config

    params = dict(n_components=3, learning_method="batch", max_iter=5, random_state=0)
    with parallel_config(backend="threading", n_jobs=2):
        ours = BlockLDA(**params).fit(counts["seeds"]).components_
        theirs = LatentDirichletAllocation(**params).fit(counts["seeds"]).components_
    np.testing.assert_array_equal(ours, theirs)


def test_psi_is_scikit_learns_approximation():
    rng = np.random.default_rng(0)
    alpha = np.concatenate([rng.uniform(1e-7, 1e-6, (5, 4)), rng.gamma(0.3, 2.0, (200, 4)), rng.uniform(5.9, 6.1, (20, 4))])
    np.testing.assert_allclose(dirichlet_expectation(alpha), _dirichlet_expectation_2d(alpha), rtol=1e-13, atol=1e-12)
    assert sklearn_psi(np.array([[6.0, 1e-6]])).shape == (1, 2)


def test_blocks_cover_every_row_once():
    indptr = np.concatenate(([0], np.cumsum(np.random.default_rng(1).integers(0, 300, 500))))
    ranges = list(unit_blocks(indptr, nonzeros=1000))
    assert ranges[0][0] == 0 and ranges[-1][1] == 500
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert all(stop - start == 1 or indptr[stop] - indptr[start] <= 1000 for start, stop in ranges)


def test_the_topic_model_fits_lda_with_blocks(counts):
    texts = ["党员 教育 培训 党员 学习 支部"] * 6 + ["乡村 振兴 产业 发展 乡村 合作社"] * 4
    model = TopicModel("lda", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(texts)
    assert isinstance(model.estimator_, BlockLDA)
    assert {model.top_terms(1)[0][0], model.top_terms(1)[1][0]} == {"党员", "乡村"}
