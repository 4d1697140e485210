"""Topic models over text units: NMF on TF-IDF or LDA on counts, as one scikit-learn-like estimator.

``TopicModel(method="nmf" | "lda", k=...)`` tokenizes its units with the keyword stage's
:class:`~dangjian.tokens.tokenize.DomainTokenizer` (or any ``str -> list[str]`` callable), builds a
document-term matrix (terms in at least ``min_df`` units and at most a ``max_df`` share of them),
and fits

* **NMF** (scikit-learn, coordinate descent, Frobenius loss) on sublinear TF-IDF with l2-normalised
  rows, started from NNDSVDa (``init="nndsvda"``), which is built from the matrix's SVD and which the
  seed changes only by the rounding of a randomised SVD; a model refitted once per seed (stability,
  K sweep, consensus: :func:`seeded_copy`) starts instead from random non-negative factors drawn
  with its seed (``init="random"``, ``random_state=seed``), so that the refits ask whether the
  topics depend on where the factorisation starts; or
* **LDA** (scikit-learn, variational Bayes, ``learning_method="batch"``, ``random_state=seed``,
  symmetric priors 1/K; its E-step run a block of units at a time by :class:`~dangjian.topics.lda.BlockLDA`,
  the same numbers) on raw counts, stopping when the perplexity, checked every 5 iterations,
  changes by less than 0.1; online LDA makes a fixed number of passes instead
  (:func:`incremental_passes`), since its perplexity check costs a pass over all units.

Both are reported on the same scale: ``components_`` holds each topic's term distribution (rows
sum to 1) and ``unit_topics_`` each unit's topic proportions (rows sum to 1). For NMF the unit
weights are rescaled by each topic's total term weight before normalising, so that
``unit_topics_ @ components_`` approximates the unit's normalised TF-IDF profile. Topics are
numbered 1..K by prevalence (share of all characters), largest first. Units with fewer than
``min_unit_tokens`` tokens are set aside (``dropped_units_``) because a few words do not show a
theme. With ``batch_size`` set, MiniBatchNMF or online LDA update the model from mini-batches of
units, which scales to large corpora; :func:`incremental_batch_size` switches them on above a
number of units. The unit-term matrix stays sparse throughout (scikit-learn's NMF, MiniBatchNMF
and LDA all take a sparse matrix); only the units × K and K × terms factors are dense.

The same units, parameters and seed give the same topics, and a refit with another seed gives
NMF and LDA another start.

Example:
    >>> texts = ["党员 教育 培训 党员 学习"] * 4 + ["乡村 振兴 产业 发展 乡村"] * 2
    >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(texts)
    >>> model.top_terms(2)
    [['党员', '培训'], ['乡村', '产业']]
    >>> model.unit_topics_.sum(axis=1).round(6).tolist() == [1.0] * 6
    True
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, clone
from sklearn.decomposition import NMF, LatentDirichletAllocation, MiniBatchNMF
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from dangjian.tokens.tokenized import tokenized
from dangjian.topics.coherence import DEFAULT_WINDOW, CoherenceReference, frex_exclusivity
from dangjian.topics.lda import BlockLDA

if TYPE_CHECKING:
    from dangjian.project.cache import Cache

#: Topic model methods.
METHODS = ("nmf", "lda")

Tokenizer = Callable[[str], list[str]]

#: Units per mini-batch of the incremental methods (MiniBatchNMF, online LDA).
DEFAULT_BATCH_SIZE = 2048
#: Above this many units the final model is fitted with the incremental methods.
DEFAULT_INCREMENTAL_ABOVE = 5_000
#: Most passes over the units of an incremental fit (MiniBatchNMF stops earlier once it no longer improves).
INCREMENTAL_MAX_ITER = 20
#: Fewest passes of online LDA over the units.
INCREMENTAL_MIN_PASSES = 2
#: Mini-batch updates online LDA aims at: it makes as many passes as reach this many updates (within
#: ``INCREMENTAL_MIN_PASSES`` … ``INCREMENTAL_MAX_ITER``). On a 20 MB generated corpus (32,064
#: paragraphs, 16 mini-batches per pass) 7 passes give the same top terms as 10 or 20. On a 100 MB
#: one (159,906 paragraphs, 79 mini-batches per pass) 2 passes give nearly the top terms of 3: the
#: matched Jaccard of their top-10 terms is 1.00 and 0.94 at K = 3, 0.96 and 0.98 at K = 8 (seeds 0
#: and 1), while two seeds' fits agree at 0.37 (K = 3) and 0.28 (K = 8); the third pass cost a third
#: of a fit's time.
INCREMENTAL_UPDATES = 100
#: NMF's start for a model fitted on its own: NNDSVDa, from the SVD of the matrix (the seed changes it only by rounding).
NMF_INIT = "nndsvda"
#: NMF's start for a model refitted once per seed: random non-negative factors drawn with the seed.
#: (``"nndsvdar"`` is no alternative: it draws only the zeros of the NNDSVD start, and on the five
#: reports its refits, like NNDSVDa's, give the same top terms for every seed at K = 3, 4, 5 and 7.)
NMF_REFIT_INIT = "random"


def incremental_passes(n_units: int, batch_size: int, updates: int = INCREMENTAL_UPDATES) -> int:
    """Passes of online LDA over ``n_units`` in mini-batches of ``batch_size``: enough to make about
    ``updates`` mini-batch updates, at least :data:`INCREMENTAL_MIN_PASSES`, at most
    :data:`INCREMENTAL_MAX_ITER`. A large corpus needs fewer passes because each pass makes more updates.

    Example:
        >>> incremental_passes(32_064, 2048), incremental_passes(6_000, 2048), incremental_passes(160_000, 2048)
        (7, 20, 2)
    """
    per_pass = max(1, math.ceil(n_units / max(1, batch_size)))
    return int(min(INCREMENTAL_MAX_ITER, max(INCREMENTAL_MIN_PASSES, math.ceil(updates / per_pass))))


def incremental_batch_size(
    n_units: int, incremental_above: int | None = DEFAULT_INCREMENTAL_ABOVE, batch_size: int = DEFAULT_BATCH_SIZE
) -> int | None:
    """The ``batch_size`` of a :class:`TopicModel` on ``n_units`` units: ``None`` (the exact batch methods)
    up to ``incremental_above`` units, ``batch_size`` (MiniBatchNMF, online LDA) above it.

    ``incremental_above`` ``None`` or 0 keeps the exact methods whatever the size.

    Example:
        >>> incremental_batch_size(1500, 20000), incremental_batch_size(25000, 20000, 1024)
        (None, 1024)
        >>> incremental_batch_size(10**6, 0) is None
        True
    """
    if batch_size < 1:
        raise ValueError(f"the mini-batch size must be at least 1, got {batch_size}")
    if not incremental_above or n_units <= incremental_above:
        return None
    return int(batch_size)


@dataclass(frozen=True)
class CountedUnits:
    """Units ready to fit a topic model on, as :meth:`TopicModel.count_units` leaves them: the units kept
    (``table``, with their row ``positions`` in the unit table), those set aside (``dropped``,
    ``dropped_positions``: too few tokens, or no term of the vocabulary), the units × terms ``counts``,
    the fitted ``vectorizer`` and its ``vocabulary``; ``with_tokens`` units had ``min_unit_tokens``
    tokens. They depend on the counting ``settings`` (``min_unit_tokens``, ``min_df``, ``max_df``), not
    on the method, K or seed, so the fits of a K sweep or of a consensus of seeds count their units
    once (:meth:`TopicModel.fit_counted`)."""

    table: pd.DataFrame
    positions: np.ndarray
    dropped: pd.DataFrame
    dropped_positions: np.ndarray
    counts: sparse.csr_matrix
    vectorizer: CountVectorizer
    vocabulary: np.ndarray
    settings: tuple
    with_tokens: int


def _identity(tokens: list[str]) -> list[str]:
    """Analyzer for already tokenized units."""
    return tokens


def _shown(settings: tuple) -> str:
    """Counting settings as written (``1`` and ``1.0`` apart): ``(2, 1, 1.0)``."""
    return "(" + ", ".join(repr(value) for value, _ in settings) + ")"


def default_tokenizer() -> Tokenizer:
    """The keyword stage's tokenizer: jieba with the genre dictionary and stopword lists.

    Example:
        >>> default_tokenizer()("建好党群服务中心")
        ['党群服务中心']
    """
    from dangjian.tokens.tokenize import DomainTokenizer

    return DomainTokenizer()


def as_unit_table(units: pd.DataFrame | Sequence[str] | Sequence[Sequence[str]]) -> pd.DataFrame:
    """A unit table from a DataFrame with ``text`` (and optionally ``tokens``), texts, or token lists.

    Missing columns are filled: ``unit_id`` (``u0``, ``u1`` …), ``doc_id`` (the unit id) and
    ``chars`` (text length, or total token length for token lists).

    Example:
        >>> as_unit_table(["党建引领", "乡村振兴"])[["unit_id", "text", "chars"]].values.tolist()
        [['u0', '党建引领', 4], ['u1', '乡村振兴', 4]]
    """
    if isinstance(units, pd.DataFrame):
        if "text" not in units and "tokens" not in units:
            raise ValueError(f"the unit table needs a 'text' or 'tokens' column; it has {list(units.columns)}")
        table = units.reset_index(drop=True).copy()
    else:
        items = list(units)
        if all(isinstance(item, str) for item in items):
            table = pd.DataFrame({"text": items})
        elif all(isinstance(item, (list, tuple)) for item in items):
            table = pd.DataFrame({"tokens": shared_tokens(items)})
            table["text"] = [" ".join(item) for item in items]
        else:
            raise TypeError("units must be a DataFrame with a 'text' column, a list of texts or a list of token lists")
    if "unit_id" not in table:
        table["unit_id"] = [f"u{i}" for i in range(len(table))]
    if "doc_id" not in table:
        table["doc_id"] = table["unit_id"]
    if "chars" not in table:
        if "text" in table and "tokens" not in table:
            table["chars"] = table["text"].str.len()
        else:
            table["chars"] = [sum(len(t) for t in tokens) for tokens in table["tokens"]]
    return table


def tokenize_units(
    units: pd.DataFrame | Sequence[str], tokenizer: Tokenizer | None = None, cache: Cache | None = None
) -> pd.DataFrame:
    """The unit table with a ``tokens`` column (kept as is if already there).

    Tokenize once, then fit many models (K sweep, stability runs) without tokenizing again. Equal
    tokens are one string object (:meth:`dangjian.tokens.tokenized.TokenizedTexts.lists`): a corpus's
    millions of tokens are pointers into its vocabulary, not millions of strings. With a ``cache``, the tokens of the same
    units by an equal tokenizer are tokenized once per run (:func:`dangjian.tokens.tokenized.tokenized`):
    the LDA and NMF reports share them.

    Example:
        >>> tokenize_units(["党员 培训"], str.split)["tokens"].tolist()
        [['党员', '培训']]
    """
    table = as_unit_table(units)
    if "tokens" not in table:
        tokenizer = tokenizer or default_tokenizer()
        table["tokens"] = tokenized(table["text"], tokenizer, cache).lists()
    return table


def shared_tokens(token_lists: Iterable[Iterable[str]]) -> list[list[str]]:
    """The token lists with every distinct token held once: equal tokens become the same object.

    A tokenizer returns a new string for each token; 8.5 million tokens of a 100 MB corpus then take
    about 1 GB, as pointers to one string per distinct term about 50 MB (and processes forked to fit
    models share them instead of copying them as they count references).

    Example:
        >>> first, second = shared_tokens([["党员", "培训"], "党员 学习".split()])
        >>> first[0] is second[0], second
        (True, ['党员', '学习'])
    """
    canonical: dict[str, str] = {}
    keep = canonical.setdefault
    return [[keep(token, token) for token in tokens] for tokens in token_lists]


def _fit_transform(estimator, features: sparse.spmatrix) -> np.ndarray:
    """``estimator.fit_transform(features)``, for online LDA without the two full passes that
    scikit-learn's ``fit`` adds and nothing here uses.

    ``LatentDirichletAllocation.fit`` ends with an E-step over all units and the variational bound
    on them (``bound_``, the perplexity), and ``fit_transform`` then runs that E-step again: in a
    profile of one fit on 159,906 paragraphs these took 58 of its 98 s. The passes of ``fit`` are ``max_iter`` calls
    of ``partial_fit`` (the same mini-batches in the same order, ``total_samples`` = the number of
    units), so the topics and unit proportions are the same numbers.
    """
    if not (isinstance(estimator, LatentDirichletAllocation) and estimator.learning_method == "online"):
        return estimator.fit_transform(features)
    for _ in range(estimator.max_iter):
        estimator.partial_fit(features)
    estimator.n_iter_ = estimator.max_iter
    return estimator.transform(features)


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to sum 1; an all-zero row (no information) becomes uniform."""
    matrix = np.asarray(matrix, dtype=float)
    sums = matrix.sum(axis=1, keepdims=True)
    uniform = np.full_like(matrix, 1.0 / matrix.shape[1])
    return np.where(sums > 0, matrix / np.where(sums > 0, sums, 1.0), uniform)


class TopicReadout:
    """What every fitted topic model offers a reader: top terms, labels, a term table and quality scores.

    A subclass sets ``vocabulary_``, ``components_`` (topics × terms, rows sum to 1), ``top_n`` and
    ``units_`` (the modelled units with ``tokens``).
    """

    @property
    def n_topics(self) -> int:
        """Number of topics of the fitted model."""
        return self.components_.shape[0]

    def top_terms(self, n: int | None = None) -> list[list[str]]:
        """The ``n`` heaviest terms of each topic (ties broken by term), topic 1 first."""
        n = n or self.top_n
        order = [np.lexsort((self.vocabulary_, -row))[:n] for row in self.components_]
        return [self.vocabulary_[index].tolist() for index in order]

    def _topic_term_table(self, n: int) -> pd.DataFrame:
        rows = []
        index = {term: i for i, term in enumerate(self.vocabulary_)}
        for topic, terms in enumerate(self.top_terms(n), start=1):
            weights = self.components_[topic - 1]
            rows += [
                {"topic": topic, "rank": rank, "term": term, "weight": float(weights[index[term]])}
                for rank, term in enumerate(terms, start=1)
            ]
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])

    def labels(self, n_terms: int = 3) -> list[str]:
        """Short labels: topic number and its first terms, e.g. ``'T1 党员·培训·教育'``."""
        return [f"T{i} " + "·".join(terms) for i, terms in enumerate(self.top_terms(n_terms), start=1)]

    def reference(self, window: int = DEFAULT_WINDOW, npmi: str = "c_npmi") -> CoherenceReference:
        """The coherence reference corpus: the modelled units' token sequences (NPMI convention ``npmi``)."""
        return CoherenceReference(window=window, npmi=npmi).fit(self.units_["tokens"].tolist())

    def quality(self, reference: CoherenceReference | None = None, frex_weight: float = 0.5) -> pd.DataFrame:
        """Per topic: label, prevalence, NPMI, UMass and FREX exclusivity of the top ``top_n`` terms.

        The reference corpus defaults to the modelled units themselves (:meth:`reference`).
        """
        reference = reference or self.reference()
        terms = self.top_terms()
        return pd.DataFrame({
            "topic": np.arange(1, self.n_topics + 1),
            "label": self.labels(),
            "prevalence": self.topic_prevalence_,
            "npmi": reference.npmi(terms),
            "umass": reference.umass(terms),
            "exclusivity": frex_exclusivity(self.components_, self.top_n, frex_weight),
        })


def _check_room_for_terms(n_units: int, min_df: int | float, max_df: int | float) -> None:
    """Refuse, in plain words, a number of units with which no term can pass both ``min_df`` (in at
    least so many units, or such a share) and ``max_df`` (in at most so many, or such a share).

    Example:
        >>> _check_room_for_terms(10, 2, 0.9)
        >>> _check_room_for_terms(2, 2, 0.9)
        Traceback (most recent call last):
        ...
        ValueError: 2 units are too few for a topic model: a term must occur in at least 2 of them (min_df) and in at most 1 (max_df=0.9), which no term can; add documents, or choose smaller units (unit="sentence")
    """
    least = min_df if isinstance(min_df, numbers.Integral) else math.ceil(min_df * n_units)
    most = max_df if isinstance(max_df, numbers.Integral) else math.floor(max_df * n_units)
    if most < least:
        raise ValueError(
            f"{n_units} units are too few for a topic model: a term must occur in at least {least} of them (min_df) "
            f"and in at most {most} (max_df={max_df}), which no term can; add documents, or choose smaller units "
            '(unit="sentence")'
        )


class TopicModel(BaseEstimator, TopicReadout):
    """NMF or LDA topic model over text units, with topic terms, unit proportions and quality scores.

    Parameters:
        method: ``"nmf"`` (TF-IDF) or ``"lda"`` (counts).
        k: number of topics.
        seed: random state of the initialisation (and of LDA's variational updates).
        top_n: terms per topic in ``topic_terms_`` and in the quality scores.
        tokenizer: ``str -> list[str]``; default :class:`~dangjian.tokens.tokenize.DomainTokenizer`.
        min_df: a term must occur in at least this many units (int) or share of units (float).
        max_df: a term may occur in at most this share of units (float) or number (int).
        min_unit_tokens: units with fewer tokens are not modelled (``dropped_units_``).
        max_iter: most iterations of the solver (default 2000 for NMF, 200 for LDA); passes over the units
            for the incremental methods (default 20 for MiniBatchNMF, :func:`incremental_passes` for online LDA).
        batch_size: if set, MiniBatchNMF / online LDA with this many units per mini-batch.
        init: NMF's start, any scikit-learn ``init``; ``None`` (default) is :data:`NMF_INIT` for a model
            fitted on its own and :data:`NMF_REFIT_INIT` in a copy made by :func:`seeded_copy`. LDA has
            no choice of start (its seed draws it): ``init`` must stay ``None``.

    Fitted attributes: ``units_`` (modelled units with ``tokens``), ``dropped_units_``,
    ``unit_positions_`` and ``dropped_positions_`` (their row positions in the fitted unit table), ``vocabulary_``, ``counts_`` (units × terms), ``components_`` (topics × terms, rows sum 1),
    ``unit_topics_`` (units × topics, rows sum 1), ``topic_prevalence_``, ``topic_terms_``
    (topic, rank, term, weight), ``estimator_`` (the scikit-learn model).

    Example:
        >>> model = TopicModel("lda", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split, seed=0)
        >>> model = model.fit(["党员 培训 学习", "党员 培训 教育", "产业 振兴 乡村", "产业 乡村 发展"])
        >>> model.topic_terms_.columns.tolist()
        ['topic', 'rank', 'term', 'weight']
        >>> float(model.transform(["党员 培训"]).sum())
        1.0
    """

    def __init__(
        self,
        method: str = "nmf",
        k: int = 8,
        *,
        seed: int = 0,
        top_n: int = 10,
        tokenizer: Tokenizer | None = None,
        min_df: int | float = 2,
        max_df: int | float = 0.9,
        min_unit_tokens: int = 5,
        max_iter: int | None = None,
        batch_size: int | None = None,
        init: str | None = None,
    ) -> None:
        self.method = method
        self.k = k
        self.seed = seed
        self.top_n = top_n
        self.tokenizer = tokenizer
        self.min_df = min_df
        self.max_df = max_df
        self.min_unit_tokens = min_unit_tokens
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.init = init

    # ----------------------------------------------------------------- fitting

    def _check_params(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown topic model method {self.method!r}: use one of {', '.join(METHODS)}")
        if isinstance(self.k, bool) or not isinstance(self.k, (int, np.integer)) or self.k < 2:
            raise ValueError(f"k (the number of topics) must be an integer of at least 2, got {self.k!r}")
        if self.top_n < 2:
            raise ValueError(f"top_n must be at least 2 (coherence scores pairs of terms), got {self.top_n}")
        if self.init is not None and self.method != "nmf":
            raise ValueError(f"init chooses NMF's start; {self.method} takes none (its seed draws it), got {self.init!r}")

    def _estimator(self, n_units: int):
        if self.method == "nmf":
            common = dict(n_components=int(self.k), init=self.init or NMF_INIT, random_state=self.seed)
            if self.batch_size:
                return MiniBatchNMF(batch_size=self.batch_size, max_iter=self.max_iter or INCREMENTAL_MAX_ITER, **common)
            return NMF(tol=1e-4, max_iter=self.max_iter or 2000, **common)
        if self.batch_size:
            return BlockLDA(
                n_components=int(self.k),
                learning_method="online",
                batch_size=self.batch_size,
                max_iter=self.max_iter or incremental_passes(n_units, self.batch_size),
                total_samples=n_units,
                evaluate_every=-1,
                random_state=self.seed,
            )
        return BlockLDA(
            n_components=int(self.k),
            learning_method="batch",
            max_iter=self.max_iter or 200,
            evaluate_every=5,
            perp_tol=0.1,
            random_state=self.seed,
        )

    def _features(self, counts: sparse.spmatrix) -> sparse.spmatrix:
        return self.tfidf_.transform(counts) if self.method == "nmf" else counts

    def _proportions(self, raw: np.ndarray) -> np.ndarray:
        """Estimator output -> proportions (NMF weights rescaled by topic mass), in the estimator's order."""
        return _normalise_rows(raw * self._topic_mass if self.method == "nmf" else raw)

    def _unit_topics(self, raw: np.ndarray) -> np.ndarray:
        """Estimator output -> proportions in topic order (largest topic first)."""
        return self._proportions(raw)[:, self._order]

    def count_units(self, units: pd.DataFrame | Sequence[str] | Sequence[Sequence[str]], min_units: int = 2) -> CountedUnits:
        """The units this model would be fitted on, counted (see :class:`CountedUnits`): the first half of
        :meth:`fit`, which depends on the units' tokens (their ``tokens`` column, else ``tokenizer``),
        ``min_unit_tokens``, ``min_df`` and ``max_df`` only. Fewer than ``min_units`` units with enough
        tokens (a model of K topics needs K) are an error.

        Example:
            >>> template = TopicModel("nmf", min_df=1, max_df=1.0, min_unit_tokens=2, tokenizer=str.split)
            >>> counted = template.count_units(["党员 培训", "乡村", "党员 学习"])
            >>> counted.counts.shape, counted.vocabulary.tolist(), counted.dropped_positions.tolist()
            ((2, 3), ['党员', '培训', '学习'], [1])
        """
        self._check_params()
        table = tokenize_units(units, self.tokenizer)
        positions = np.arange(len(table))
        keep = (table["tokens"].map(len) >= self.min_unit_tokens).to_numpy()
        dropped = [table[~keep]]
        dropped_positions = [positions[~keep]]
        table = table[keep].reset_index(drop=True)
        positions = positions[keep]
        if len(table) < min_units:
            raise ValueError(
                f"only {len(table)} unit(s) have at least {self.min_unit_tokens} tokens; "
                f"at least {min_units} are needed (a model of K topics needs K units, and every model two)"
            )
        with_tokens = len(table)
        _check_room_for_terms(len(table), self.min_df, self.max_df)
        vectorizer = CountVectorizer(analyzer=_identity, min_df=self.min_df, max_df=self.max_df)
        try:
            counts = vectorizer.fit_transform(table["tokens"])
        except ValueError as error:
            raise ValueError(
                f"no vocabulary for the topic model from {len(table)} units with min_df={self.min_df}, "
                f"max_df={self.max_df}: {error}"
            ) from None
        in_vocabulary = np.asarray(counts.sum(axis=1)).ravel() > 0
        if not in_vocabulary.all():
            dropped.append(table[~in_vocabulary])
            dropped_positions.append(positions[~in_vocabulary])
            table = table[in_vocabulary].reset_index(drop=True)
            positions = positions[in_vocabulary]
            counts = counts[in_vocabulary]
        return CountedUnits(
            table=table,
            positions=positions,
            dropped=pd.concat(dropped, ignore_index=True) if len(dropped) > 1 else dropped[0].reset_index(drop=True),
            dropped_positions=np.concatenate(dropped_positions),
            counts=counts.tocsr(),
            vectorizer=vectorizer,
            vocabulary=vectorizer.get_feature_names_out(),
            settings=self._count_settings(),
            with_tokens=with_tokens,
        )

    def _count_settings(self) -> tuple:
        """The settings the counts depend on, a whole number told apart from a share (``max_df=1`` is
        one unit, ``max_df=1.0`` all units, to scikit-learn's ``CountVectorizer``)."""
        return tuple((value, isinstance(value, numbers.Integral)) for value in (self.min_unit_tokens, self.min_df, self.max_df))

    def fit(self, units: pd.DataFrame | Sequence[str] | Sequence[Sequence[str]], y=None) -> TopicModel:
        """Fit on a unit table (``text`` column, optionally ``tokens``), texts or token lists."""
        self._check_params()
        return self.fit_counted(self.count_units(units, min_units=self.k))

    def fit_counted(self, counted: CountedUnits) -> TopicModel:
        """Fit on units already counted by :meth:`count_units` of a model with the same counting settings
        (so that several models, e.g. one per seed or per K, count their units once); the fitted model
        holds ``counted``'s tables and counts, not copies of them."""
        self._check_params()
        if counted.settings != self._count_settings():
            raise ValueError(
                f"the units were counted with (min_unit_tokens, min_df, max_df) = {_shown(counted.settings)}, "
                f"this model counts with {_shown(self._count_settings())}"
            )
        if counted.with_tokens < self.k:
            raise ValueError(
                f"only {counted.with_tokens} unit(s) have at least {self.min_unit_tokens} tokens; "
                f"a model with k={self.k} topics needs at least {self.k}"
            )
        table, counts = counted.table, counted.counts
        self.units_ = table
        self.dropped_units_ = counted.dropped
        self.unit_positions_ = counted.positions
        self.dropped_positions_ = counted.dropped_positions
        self.counts_ = counts
        self.vectorizer_ = counted.vectorizer
        self.vocabulary_ = counted.vocabulary
        if self.method == "nmf":
            self.tfidf_ = TfidfTransformer(norm="l2", sublinear_tf=True).fit(counts)
        self.estimator_ = self._estimator(counts.shape[0])
        raw = _fit_transform(self.estimator_, self._features(counts))
        components = np.asarray(self.estimator_.components_, dtype=float)
        self._topic_mass = components.sum(axis=1)
        unit_topics = self._proportions(raw)
        weights = table["chars"].to_numpy(dtype=float)
        prevalence = weights @ unit_topics / weights.sum()
        self._order = np.lexsort((np.arange(len(prevalence)), -prevalence))
        self.components_ = _normalise_rows(components)[self._order]
        self.unit_topics_ = unit_topics[:, self._order]
        self.topic_prevalence_ = prevalence[self._order]
        self.topic_terms_ = self._topic_term_table(self.top_n)
        return self

    def transform(self, units: pd.DataFrame | Sequence[str] | Sequence[Sequence[str]]) -> np.ndarray:
        """Topic proportions (rows sum to 1) of new units; a unit without known terms is uniform."""
        table = tokenize_units(units, self.tokenizer)
        counts = self.vectorizer_.transform(table["tokens"])
        return self._unit_topics(self.estimator_.transform(self._features(counts)))

    def fit_transform(self, units, y=None) -> np.ndarray:
        """Fit and return ``unit_topics_`` (rows of the modelled units only)."""
        return self.fit(units).unit_topics_


def seeded_copy(model: TopicModel, seed: int, **params) -> TopicModel:
    """An unfitted copy of ``model`` with ``seed`` (and any other ``params``), as refitted once per seed.

    An NMF model left to its default start (``init=None``) starts from random factors drawn with the
    seed (:data:`NMF_REFIT_INIT`) rather than from NNDSVDa, which the seed changes only by rounding:
    from it the refits would agree because they start alike, not because the topics are stable (on
    the five reports, stability 1 at K = 3, 4, 5 and 7). LDA's start is drawn with its seed
    already. Each copy is determined by its seed.

    Example:
        >>> [(m.seed, m.k, m.init) for m in (seeded_copy(TopicModel("nmf"), 3, k=4), seeded_copy(TopicModel("lda"), 3))]
        [(3, 4, 'random'), (3, 8, None)]
        >>> seeded_copy(TopicModel("nmf", init="nndsvdar"), 1).init
        'nndsvdar'
    """
    copy = clone(model).set_params(seed=seed, **params)
    if copy.method == "nmf" and copy.init is None:
        copy.set_params(init=NMF_REFIT_INIT)
    return copy
