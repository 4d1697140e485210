"""Topic quality measured on the corpus itself: NPMI and UMass coherence, FREX exclusivity.

* **NPMI** (normalised pointwise mutual information; Bouma 2009) as in the C_NPMI measure of
  Röder, Both and Hinneburg (2015) that Palmetto and gensim (``CoherenceModel(coherence="c_npmi")``)
  compute: probabilities are estimated from a boolean sliding window of ``window`` tokens (10 by
  default) that moves one token at a time over each unit's token sequence and never crosses a unit
  boundary; a unit no longer than the window is one window, and every token keeps its position
  whether or not it is a topic term. ``p(a)`` is the share of windows containing ``a`` and
  ``p(a, b)`` the share containing both. Two conventions for the score of a pair:

  - ``"c_npmi"`` (the default), Palmetto's and gensim's smoothed form with ε = 1e-12:
    ``log((p(a, b) + ε) / (p(a) p(b))) / -log(p(a, b) + ε)``. A pair that never shares a window
    scores a little above -1 (``-1 + log(p(a) p(b)) / log ε``), so its value still depends on how
    common the two terms are. These are the values published coherence scores report. (For a pair
    in every window the smoothed formula gives log(1 + ε) / -log(1 + ε) = -1, an artefact of the
    smoothing, which gensim returns; it is scored 1 here, as in Bouma's definition. Only a corpus
    in which both terms fill every window meets this case.)
  - ``"bouma"``: Bouma's definition with its limits, ``log(p(a, b) / (p(a) p(b))) / -log p(a, b)``,
    -1 for a pair that never shares a window and 1 for a pair that shares every window. It is lower
    than C_NPMI on sparse corpora, where many pairs never meet, and is not comparable with
    published C_NPMI values.

  A topic's score is the mean over all pairs of its top terms (range -1 … 1).
* **UMass** (Mimno et al. 2011): for top terms ordered by weight, the mean over pairs ``m > l`` of
  ``log((D(w_m, w_l) + ε) / D(w_l))``, where ``D`` counts units containing the term(s); closer to 0
  is more coherent. ε is 0.01 as in R's ``stm::semanticCoherence``: with Mimno's original ε = 1 a
  small corpus barely penalises two rare terms that never meet (on the five reports, topics of
  random terms then score as well as fitted ones).
* **Exclusivity** (FREX, Bischof and Airoldi 2012, as R's ``stm::exclusivity`` computes it for a
  model): for each topic and term, the harmonic mean (weight ``weight`` on exclusivity) of the
  term's ECDF rank within the topic by frequency (its topic weight) and by exclusivity (its topic
  weight divided by its summed weight over all topics); a topic's score is the mean FREX of its
  top terms (``stm`` reports the sum; the mean keeps it in 0 … 1 whatever the number of terms).
  Coherence alone rewards a few topics of common words; exclusivity is its counterweight.

Example:
    >>> units = [["党员", "培训", "教育"], ["党员", "培训"], ["乡村", "振兴", "产业"], ["乡村", "产业"]]
    >>> reference = CoherenceReference(window=10).fit(units)
    >>> reference.npmi([["党员", "培训"], ["党员", "产业"]]).round(3).tolist()
    [1.0, -0.95]
    >>> CoherenceReference(window=10, npmi="bouma").fit(units).npmi([["党员", "培训"], ["党员", "产业"]]).round(3).tolist()
    [1.0, -1.0]
    >>> reference.umass([["党员", "培训"], ["党员", "产业"]]).round(3).tolist()
    [0.005, -5.298]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations

import numpy as np
from scipy import sparse
from scipy.stats import rankdata

#: Sliding-window width (tokens) of the NPMI estimate, as in Palmetto's C_NPMI.
DEFAULT_WINDOW = 10
#: NPMI conventions: Palmetto's and gensim's ε-smoothed C_NPMI (default), Bouma's limits (-1 for pairs never together).
NPMI_CONVENTIONS = ("c_npmi", "bouma")
#: The ε of C_NPMI in Palmetto and gensim (``gensim.topic_coherence.direct_confirmation_measure.EPSILON``).
NPMI_EPSILON = 1e-12
#: Count added to joint unit frequencies in UMass (``stm::semanticCoherence`` uses 0.01).
UMASS_SMOOTHING = 0.01


def sliding_windows(tokens: Sequence[str], window: int = DEFAULT_WINDOW) -> list[Sequence[str]]:
    """The windows of ``window`` consecutive tokens, moving one token at a time.

    A sequence no longer than the window is a single window; an empty one has none.

    Example:
        >>> sliding_windows(["a", "b", "c"], 2)
        [['a', 'b'], ['b', 'c']]
        >>> sliding_windows(["a", "b"], 10)
        [['a', 'b']]
    """
    if window < 2:
        raise ValueError(f"the coherence window must span at least 2 tokens, got {window}")
    tokens = list(tokens)
    if not tokens:
        return []
    if len(tokens) <= window:
        return [tokens]
    return [tokens[i : i + window] for i in range(len(tokens) - window + 1)]


#: Tokens per block when the window incidence is built (bounds the memory the build needs on a large corpus).
INCIDENCE_BLOCK_TOKENS = 1 << 18


def _binary(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    """Binary matrix with a 1 at every (row, column) given (repeats counted once)."""
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=shape)
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def window_incidence(ids: np.ndarray, lengths: np.ndarray, window: int, n_terms: int) -> sparse.csc_matrix:
    """Binary matrix (windows × terms) of the :func:`sliding_windows` of every unit: 1 where the term
    occurs in the window. ``ids`` are the term ids of all units' tokens one unit after another
    (a negative id is a token that is not counted but keeps its position), ``lengths`` each unit's
    number of tokens (all above 0). Built with array operations, a block of units at a time
    (:func:`incidence_blocks`).

    Example:
        >>> window_incidence(np.array([0, 1, 2, 1]), np.array([3, 1]), 2, 3).toarray().tolist()
        [[1, 1, 0], [0, 1, 1], [0, 1, 0]]
        >>> window_incidence(np.array([-1, 0, -1, 0]), np.array([3, 1]), 2, 1).toarray().tolist()
        [[1], [1], [1]]
    """
    blocks = list(incidence_blocks(ids, lengths, window, n_terms))
    return sparse.vstack(blocks, format="csc") if blocks else sparse.csc_matrix((0, n_terms), dtype=np.int32)


def window_cooccurrence(ids: np.ndarray, lengths: np.ndarray, window: int, n_terms: int) -> sparse.csr_matrix:
    """Windows shared by every pair of terms (sparse, terms × terms; the diagonal: windows containing
    the term), summed block by block so that the windows × terms matrix is never held whole.

    Example:
        >>> window_cooccurrence(np.array([0, 1, 2, 1]), np.array([3, 1]), 2, 3).toarray().tolist()
        [[1, 1, 0], [1, 3, 1], [0, 1, 1]]
    """
    joint = sparse.csr_matrix((n_terms, n_terms), dtype=np.int64)
    for block in incidence_blocks(ids, lengths, window, n_terms):
        joint = joint + (block.T @ block).astype(np.int64)
    return joint.tocsr()


def incidence_blocks(ids: np.ndarray, lengths: np.ndarray, window: int, n_terms: int) -> Iterator[sparse.csr_matrix]:
    """The rows of :func:`window_incidence`, a block of whole units (about
    :data:`INCIDENCE_BLOCK_TOKENS` tokens) at a time: a token at position ``j`` of a unit with ``n``
    windows lies in windows ``max(0, j - window + 1)`` … ``min(j, n - 1)``.

    Example:
        >>> [block.shape for block in incidence_blocks(np.array([0, 1, 2, 1]), np.array([3, 1]), 2, 3)]
        [(3, 3)]
    """
    if window < 2:
        raise ValueError(f"the coherence window must span at least 2 tokens, got {window}")
    ids = np.asarray(ids, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    if (lengths <= 0).any():
        raise ValueError("every unit of the window incidence needs at least one token")
    n_windows = np.where(lengths <= window, 1, lengths - window + 1)
    token_ends = np.cumsum(lengths)
    start = 0
    while start < len(lengths):
        stop = max(start + 1, int(np.searchsorted(token_ends, token_ends[start] - lengths[start] + INCIDENCE_BLOCK_TOKENS, "right")))
        stop = min(stop, len(lengths))
        block_lengths, block_windows = lengths[start:stop], n_windows[start:stop]
        first_token = token_ends[start] - lengths[start]
        unit = np.repeat(np.arange(stop - start), block_lengths)
        local = np.arange(len(unit)) - (np.cumsum(block_lengths) - block_lengths)[unit]
        block_ids = ids[first_token : first_token + len(unit)]
        counted = block_ids >= 0
        unit, local, block_ids = unit[counted], local[counted], block_ids[counted]
        low = np.maximum(0, local - window + 1)
        count = np.minimum(local, block_windows[unit] - 1) - low + 1
        row_start = (np.cumsum(block_windows) - block_windows)[unit] + low
        offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        rows = np.repeat(row_start, count) + offsets
        cols = np.repeat(block_ids, count)
        yield _binary(rows, cols, (int(block_windows.sum()), n_terms))
        start = stop


def npmi_score(p_ab: float, p_a: float, p_b: float, convention: str = "c_npmi", epsilon: float = NPMI_EPSILON) -> float:
    """NPMI of one pair from its window probabilities under ``convention`` (:data:`NPMI_CONVENTIONS`).

    Example:
        >>> round(npmi_score(0.25, 0.5, 0.5), 6), round(npmi_score(0.25, 0.5, 0.5, "bouma"), 6)
        (0.0, 0.0)
        >>> round(npmi_score(0.0, 0.5, 0.5), 3), npmi_score(0.0, 0.5, 0.5, "bouma")
        (-0.95, -1.0)
    """
    if convention == "bouma":
        if p_ab == 0:
            return -1.0
        if p_ab == 1:
            return 1.0
        return float(np.log(p_ab / (p_a * p_b)) / -np.log(p_ab))
    if convention != "c_npmi":
        raise ValueError(f"unknown NPMI convention {convention!r}: use one of {', '.join(NPMI_CONVENTIONS)}")
    if p_ab == 1:
        return 1.0
    return float(np.log((p_ab + epsilon) / (p_a * p_b)) / -np.log(p_ab + epsilon))


class CoherenceReference:
    """Occurrence statistics of a tokenized corpus for scoring topics (fit, then score).

    ``fit(token_lists)`` takes one token list per unit (paragraph, sentence …). It records the
    units' token sequences as term ids, from which the sliding windows of the terms a score asks
    for are counted (for NPMI), and which terms occur in each unit (for UMass). The windows of all
    terms at once (``window_incidence_``, windows × terms) are built only when asked for: on a
    corpus of millions of tokens they hold tens of millions of entries. ``npmi`` is the NPMI
    convention (:data:`NPMI_CONVENTIONS`), ``epsilon`` its smoothing, ``umass_smoothing`` the ε of UMass.

    Example:
        >>> ref = CoherenceReference(window=2).fit([["a", "b", "c"]])
        >>> ref.n_windows_, ref.n_units_
        (2, 1)
    """

    def __init__(
        self,
        window: int = DEFAULT_WINDOW,
        umass_smoothing: float = UMASS_SMOOTHING,
        npmi: str = "c_npmi",
        epsilon: float = NPMI_EPSILON,
    ) -> None:
        if npmi not in NPMI_CONVENTIONS:
            raise ValueError(f"unknown NPMI convention {npmi!r}: use one of {', '.join(NPMI_CONVENTIONS)}")
        self.window = window
        self.umass_smoothing = umass_smoothing
        self.npmi_convention = npmi
        self.epsilon = epsilon

    def fit(self, token_lists: Sequence[Sequence[str]]) -> CoherenceReference:
        """Count term occurrences per window and per unit; returns ``self``."""
        if self.window < 2:
            raise ValueError(f"the coherence window must span at least 2 tokens, got {self.window}")
        token_lists = [tokens for tokens in token_lists if len(tokens)]
        terms = sorted({token for tokens in token_lists for token in tokens})
        if not terms:
            raise ValueError("the coherence reference corpus has no tokens")
        self.term_index_ = {term: i for i, term in enumerate(terms)}
        index = self.term_index_
        ids = np.fromiter((index[token] for tokens in token_lists for token in tokens), dtype=np.int64)
        lengths = np.fromiter((len(tokens) for tokens in token_lists), dtype=np.int64, count=len(token_lists))
        self.token_ids_ = ids.astype(np.int32)
        self.unit_lengths_ = lengths
        self.n_windows_ = int(np.where(lengths <= self.window, 1, lengths - self.window + 1).sum())
        self.n_units_ = len(token_lists)
        self.unit_incidence_ = _binary(np.repeat(np.arange(len(lengths)), lengths), ids, (len(lengths), len(terms))).tocsc()
        return self

    @property
    def window_incidence_(self) -> sparse.csc_matrix:
        """Binary matrix (windows × terms, terms in sorted order) of every sliding window of the units."""
        return window_incidence(self.token_ids_, self.unit_lengths_, self.window, len(self.term_index_))

    def _window_cooccurrence(self, columns: Sequence[int]) -> sparse.csr_matrix:
        """Windows shared by each pair of the terms of ``columns`` (:func:`window_cooccurrence`)."""
        return window_cooccurrence(self._only(columns), self.unit_lengths_, self.window, len(columns))

    def _only(self, columns: Sequence[int]) -> np.ndarray:
        """The token ids renumbered to positions in ``columns``; -1 for every other term."""
        lookup = np.full(len(self.term_index_), -1, dtype=np.int64)
        lookup[np.asarray(columns, dtype=np.int64)] = np.arange(len(columns))
        return lookup[self.token_ids_]

    def _columns(self, terms: Sequence[str]) -> list[int]:
        missing = [term for term in terms if term not in self.term_index_]
        if missing:
            raise ValueError(f"terms not in the coherence reference corpus: {', '.join(missing)}")
        return [self.term_index_[term] for term in terms]

    def _counts(self, incidence: sparse.csc_matrix, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Single and joint occurrence counts of ``terms`` (vector, matrix)."""
        sub = incidence[:, self._columns(terms)]
        joint = (sub.T @ sub).toarray().astype(float)
        return np.diag(joint).copy(), joint

    def npmi_pairs(self, terms: Sequence[str]) -> np.ndarray:
        """NPMI of every pair (i < j) of ``terms``, in ``itertools.combinations`` order.

        Example:
            >>> ref = CoherenceReference().fit([["a", "b"], ["c"]])
            >>> ref.npmi_pairs(["a", "b", "c"]).round(3).tolist()
            [1.0, -0.95, -0.95]
            >>> CoherenceReference(npmi="bouma").fit([["a", "b"], ["c"]]).npmi_pairs(["a", "b", "c"]).tolist()
            [1.0, -1.0, -1.0]
        """
        return self._npmi_of([terms])[0]

    def _npmi_of(self, topics: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """The pairwise NPMI of each topic, the windows counted once for the terms of all topics."""
        columns = [self._columns(terms) for terms in topics]
        union = sorted({column for topic in columns for column in topic})
        position = {column: i for i, column in enumerate(union)}
        shared = self._window_cooccurrence(union)
        return [self._npmi_pairs(shared, [position[column] for column in topic]) for topic in columns]

    def _npmi_pairs(self, shared: sparse.csr_matrix, columns: Sequence[int]) -> np.ndarray:
        """NPMI of every pair of ``columns`` of a matrix of the windows each pair of terms shares."""
        joint = shared[list(columns)][:, list(columns)].toarray().astype(float)
        single = np.diag(joint).copy()
        n = float(self.n_windows_)
        scores = []
        for i, j in combinations(range(len(columns)), 2):
            p_ij, p_i, p_j = joint[i, j] / n, single[i] / n, single[j] / n
            scores.append(npmi_score(p_ij, p_i, p_j, self.npmi_convention, self.epsilon))
        return np.array(scores)

    def npmi(self, topics: Sequence[Sequence[str]]) -> np.ndarray:
        """Mean pairwise NPMI of each topic's terms (one value per topic); the windows are counted
        once for all the topics' terms."""
        return np.array([pairs.mean() for pairs in self._npmi_of(topics)])

    def umass(self, topics: Sequence[Sequence[str]]) -> np.ndarray:
        """UMass coherence of each topic, terms given in descending weight (mean over pairs).

        Example:
            >>> ref = CoherenceReference().fit([["a", "b"], ["a"], ["c"]])
            >>> ref.umass([["a", "b"], ["a", "c"]]).round(3).tolist()
            [-0.683, -5.298]
        """
        scores = []
        for terms in topics:
            single, joint = self._counts(self.unit_incidence_, terms)
            pairs = [np.log((joint[m, l] + self.umass_smoothing) / single[l]) for m in range(1, len(terms)) for l in range(m)]
            scores.append(float(np.mean(pairs)))
        return np.array(scores)


def frex_exclusivity(components: np.ndarray, top_n: int = 10, weight: float = 0.5) -> np.ndarray:
    """FREX exclusivity of each topic: mean FREX of its ``top_n`` heaviest terms.

    ``components`` is topics × terms (non-negative weights; rows are normalised here).
    ``weight`` is the weight on exclusivity in the harmonic mean (``stm``'s ``frexw``).

    Example:
        >>> distinct = np.array([[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]])
        >>> shared = np.array([[0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]])
        >>> frex_exclusivity(distinct, 2).round(3).tolist(), frex_exclusivity(shared, 2).round(3).tolist()
        ([0.875, 0.875], [0.625, 0.625])
    """
    if not 0 < weight < 1:
        raise ValueError(f"the FREX weight must be between 0 and 1, got {weight}")
    beta = np.asarray(components, dtype=float)
    beta = beta / beta.sum(axis=1, keepdims=True)
    totals = beta.sum(axis=0, keepdims=True)
    exclusive = np.divide(beta, totals, out=np.zeros_like(beta), where=totals > 0)
    n_terms = beta.shape[1]
    scores = []
    for k in range(beta.shape[0]):
        ex = rankdata(exclusive[k]) / n_terms
        fr = rankdata(beta[k]) / n_terms
        frex = 1.0 / (weight / ex + (1 - weight) / fr)
        top = np.lexsort((np.arange(n_terms), -beta[k]))[:top_n]
        scores.append(float(frex[top].mean()))
    return np.array(scores)


def random_topics(vocabulary: Sequence[str], n_topics: int, n_terms: int, seed: int = 0) -> list[list[str]]:
    """Topics made of terms drawn at random (without replacement within a topic) from ``vocabulary``.

    The baseline a fitted model's coherence must beat.

    Example:
        >>> topics = random_topics(["a", "b", "c", "d"], n_topics=2, n_terms=3, seed=1)
        >>> [len(set(t)) for t in topics]
        [3, 3]
    """
    if n_terms > len(vocabulary):
        raise ValueError(f"cannot draw {n_terms} distinct terms from a vocabulary of {len(vocabulary)}")
    rng = np.random.default_rng(seed)
    vocabulary = list(vocabulary)
    return [[vocabulary[i] for i in rng.choice(len(vocabulary), n_terms, replace=False)] for _ in range(n_topics)]


def random_baseline(
    reference: CoherenceReference, vocabulary: Sequence[str], n_terms: int = 10, n_topics: int = 100, seed: int = 0
) -> dict[str, float]:
    """Mean NPMI and UMass of ``n_topics`` topics of random vocabulary terms: the floor a model must beat.

    Example:
        >>> ref = CoherenceReference().fit([["a", "b", "c"], ["d", "e"], ["a", "b"]])
        >>> sorted(random_baseline(ref, ["a", "b", "c", "d", "e"], n_terms=2, n_topics=5))
        ['npmi', 'umass']
    """
    topics = random_topics(vocabulary, n_topics, n_terms, seed)
    return {"npmi": float(reference.npmi(topics).mean()), "umass": float(reference.umass(topics).mean())}
