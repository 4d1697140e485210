"""scikit-learn's LDA with its E-step computed for a block of units at once.

``LatentDirichletAllocation`` updates each unit's topic distribution in a Python loop over units,
and over the iterations of each unit (``_update_doc_distribution``), with a few NumPy calls on
arrays of K numbers each time; the variational bound is summed in a loop over units too. In the
topic reports these loops are most of every LDA fit. :class:`BlockLDA` runs the same updates for
a block of units at once with array operations: the units still iterating are updated together
and each leaves the block when its own change falls under ``mean_change_tol`` (or after
``max_doc_update_iter`` iterations), as in scikit-learn, so every unit makes the same number of
iterations from the same start (the random start is drawn by the same call). The digamma function
is scikit-learn's own approximation (Algorithm AS 103), operation for operation. The order in
which a few sums are added differs, and NumPy's vectorised ``exp`` and ``log`` may differ from the
scalar ones in the last bits, so the topics, the proportions and the bound agree with
scikit-learn's to about 1e-12 (``tests/test_lda.py`` compares them, batch and online).

Example:
    >>> import numpy as np
    >>> from scipy import sparse
    >>> from sklearn.decomposition import LatentDirichletAllocation
    >>> counts = sparse.csr_matrix(np.random.default_rng(0).poisson(1.0, (40, 12)).astype(float))
    >>> ours = BlockLDA(n_components=3, learning_method="batch", random_state=0).fit(counts)
    >>> theirs = LatentDirichletAllocation(n_components=3, learning_method="batch", random_state=0).fit(counts)
    >>> bool(np.allclose(ours.components_, theirs.components_, rtol=1e-9, atol=0))
    True
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse
from scipy.special import gammaln, logsumexp
from sklearn.decomposition import LatentDirichletAllocation

#: Stored counts per block of units: each of the block's nonzeros × K working arrays holds about
#: 16 MB at K = 15, whatever the size of the corpus.
BLOCK_NONZEROS = 1 << 17

_EULER = 0.577215664901532860606512090082402431


def sklearn_psi(values: np.ndarray) -> np.ndarray:
    """The digamma function as scikit-learn's LDA computes it (Algorithm AS 103: the recurrence up
    to 6, then the asymptotic series), element by element in the same operations.

    Example:
        >>> from scipy.special import digamma
        >>> x = np.array([0.1, 1.0, 5.5, 6.0, 40.0])
        >>> bool(np.allclose(sklearn_psi(x), digamma(x), rtol=0, atol=1e-8))
        True
        >>> float(sklearn_psi(np.array([1e-7]))[0]) == -_EULER - 1e7
        True
    """
    x = np.array(values, dtype=np.float64).ravel()
    result = np.zeros_like(x)
    small = x <= 1e-6
    tiny = x[small]
    x[small] = 6.0
    low = np.flatnonzero(x < 6)
    if len(low):
        shifted = x[low]
        recurrence = np.zeros_like(shifted)
        while True:
            below = shifted < 6
            if not below.any():
                break
            np.subtract(recurrence, 1.0 / shifted, out=recurrence, where=below)
            np.add(shifted, 1.0, out=shifted, where=below)
        result[low] = recurrence
        x[low] = shifted
    r = 1.0 / x
    result += np.log(x) - 0.5 * r
    r = r * r
    result -= r * ((1.0 / 12.0) - r * ((1.0 / 120.0) - r * (1.0 / 252.0)))
    result[small] = -_EULER - 1.0 / tiny
    return result.reshape(np.shape(values))


def dirichlet_expectation(alpha: np.ndarray) -> np.ndarray:
    """``E[log θ]`` for θ ~ Dirichlet(row) of each row: ψ(α) − ψ(Σα), with :func:`sklearn_psi`.

    Example:
        >>> dirichlet_expectation(np.array([[1.0, 1.0]])).round(4).tolist()
        [[-1.0, -1.0]]
    """
    n, k = alpha.shape
    both = sklearn_psi(np.concatenate([alpha.ravel(), alpha.sum(axis=1)]))
    return both[: n * k].reshape(n, k) - both[n * k :, None]


def unit_blocks(indptr: np.ndarray, nonzeros: int = BLOCK_NONZEROS) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` row ranges of a CSR matrix holding about ``nonzeros`` stored counts each
    (at least one row).

    Example:
        >>> list(unit_blocks(np.array([0, 2, 4, 6, 7]), nonzeros=4))
        [(0, 2), (2, 4)]
    """
    n_rows = len(indptr) - 1
    start = 0
    while start < n_rows:
        stop = int(np.searchsorted(indptr, indptr[start] + nonzeros, side="right")) - 1
        stop = min(max(stop, start + 1), n_rows)
        yield start, stop
        start = stop


def _norm_phi(exp_doc_topic: np.ndarray, rows: np.ndarray, topic_word: np.ndarray, eps: float) -> np.ndarray:
    """Σ_k exp E[log θ_dk] · exp E[log β_kw] for each stored count (unit ``rows``, ``topic_word`` rows per count)."""
    return np.einsum("nk,nk->n", np.take(exp_doc_topic, rows, axis=0), topic_word) + eps


def update_block(
    counts: sparse.csr_matrix,
    exp_topic_word_t: np.ndarray,
    doc_topic_prior: float,
    max_iter: int,
    tol: float,
    doc_topic: np.ndarray,
) -> np.ndarray:
    """scikit-learn's per-unit E-step for the units of ``counts`` together: updates ``doc_topic``
    (units × K, the start) in place and returns ``exp(E[log θ])`` of the result.

    ``exp_topic_word_t`` is ``exp(E[log β])`` transposed (terms × K).
    """
    eps = float(np.finfo(np.float64).eps)
    n_terms = exp_topic_word_t.shape[0]
    exp_doc_topic = np.exp(dirichlet_expectation(doc_topic))
    active = np.arange(counts.shape[0])
    lengths = np.diff(counts.indptr)
    indptr, indices, data = counts.indptr - counts.indptr[0], counts.indices, counts.data
    topic_word = np.take(exp_topic_word_t, indices, axis=0)
    rows = np.repeat(active, lengths)
    for _ in range(max_iter):
        exp_active = np.take(exp_doc_topic, active, axis=0)
        norm_phi = _norm_phi(exp_active, rows, topic_word, eps)
        weighted = sparse.csr_matrix((data / norm_phi, indices, indptr), shape=(len(active), n_terms))
        updated = exp_active * (weighted @ exp_topic_word_t)
        updated += doc_topic_prior
        change = np.abs(np.take(doc_topic, active, axis=0) - updated).mean(axis=1)
        doc_topic[active] = updated
        exp_doc_topic[active] = np.exp(dirichlet_expectation(updated))
        going = change >= tol
        if not going.any():
            break
        if not going.all():
            keep = np.repeat(going, lengths)
            active, lengths = active[going], lengths[going]
            indices, data, topic_word = indices[keep], data[keep], topic_word[keep]
            indptr = np.concatenate(([0], np.cumsum(lengths)))
            rows = np.repeat(np.arange(len(active)), lengths)
    return exp_doc_topic


class BlockLDA(LatentDirichletAllocation):
    """``LatentDirichletAllocation`` (same parameters, attributes and results) whose E-step and
    variational bound run a block of units at a time with array operations (see the module).

    Matrices of another dtype than float64, and more than one process (``n_jobs``, or a ``parallel_config``
    context), take scikit-learn's own code.
    """

    def _own_code(self, X, parallel=None) -> bool:
        """One process: ``n_jobs`` None or 1 and, within ``fit``, scikit-learn's pool of one job (a
        ``parallel_config`` context may turn None into several jobs, and scikit-learn then draws each job's
        random start apart)."""
        one_process = self.n_jobs in (None, 1) and (parallel is None or getattr(parallel, "n_jobs", None) == 1)
        return sparse.issparse(X) and X.dtype == np.float64 and one_process

    def _e_step(self, X, cal_sstats, random_init, parallel=None):
        if not self._own_code(X, parallel):
            return super()._e_step(X, cal_sstats, random_init, parallel=parallel)
        X = sparse.csr_matrix(X)
        n_units, n_terms = X.shape
        n_topics = self.exp_dirichlet_component_.shape[0]
        if random_init:
            doc_topic = self.random_state_.gamma(100.0, 0.01, (n_units, n_topics)).astype(X.dtype, copy=False)
        else:
            doc_topic = np.ones((n_units, n_topics), dtype=X.dtype)
        exp_topic_word_t = np.ascontiguousarray(self.exp_dirichlet_component_.T)
        eps = float(np.finfo(X.dtype).eps)
        stats_t = np.zeros((n_terms, n_topics)) if cal_sstats else None
        for start, stop in unit_blocks(X.indptr):
            block = X[start:stop]
            exp_doc_topic = update_block(
                block, exp_topic_word_t, self.doc_topic_prior_, self.max_doc_update_iter,
                self.mean_change_tol, doc_topic[start:stop],
            )
            if cal_sstats:
                rows = np.repeat(np.arange(stop - start), np.diff(block.indptr))
                norm_phi = _norm_phi(exp_doc_topic, rows, np.take(exp_topic_word_t, block.indices, axis=0), eps)
                weighted = sparse.csr_matrix((block.data / norm_phi, block.indices, block.indptr), shape=block.shape)
                stats_t += weighted.T @ exp_doc_topic
        suff_stats = stats_t.T * self.exp_dirichlet_component_ if cal_sstats else None
        return doc_topic, suff_stats

    def _approx_bound(self, X, doc_topic_distr, sub_sampling):
        if not self._own_code(X):
            return super()._approx_bound(X, doc_topic_distr, sub_sampling)
        X = sparse.csr_matrix(X)
        doc_expectation = dirichlet_expectation(doc_topic_distr)
        topic_expectation = dirichlet_expectation(self.components_)
        topic_expectation_t = np.ascontiguousarray(topic_expectation.T)
        score = 0.0
        for start, stop in unit_blocks(X.indptr):
            low, high = X.indptr[start], X.indptr[stop]
            rows = np.repeat(np.arange(start, stop), np.diff(X.indptr[start : stop + 1]))
            log_phi = np.take(doc_expectation, rows, axis=0) + np.take(topic_expectation_t, X.indices[low:high], axis=0)
            score += float(X.data[low:high] @ logsumexp(log_phi, axis=1))
        score += _dirichlet_terms(self.doc_topic_prior_, doc_topic_distr, doc_expectation, self.n_components)
        if sub_sampling:
            score *= float(self.total_samples) / X.shape[0]
        score += _dirichlet_terms(self.topic_word_prior_, self.components_, topic_expectation, X.shape[1])
        return score


def _dirichlet_terms(prior: float, distr: np.ndarray, expectation: np.ndarray, size: int) -> float:
    """E[log p(θ | prior)] − E[log q(θ | distr)] of the bound, as scikit-learn's ``_loglikelihood``."""
    score = np.sum((prior - distr) * expectation)
    score += np.sum(gammaln(distr) - gammaln(prior))
    score += np.sum(gammaln(prior * size) - gammaln(np.sum(distr, 1)))
    return float(score)
