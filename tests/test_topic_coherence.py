"""NPMI coherence: the Palmetto/gensim C_NPMI convention (ε-smoothed, boolean sliding window) by default,
Bouma's −1 convention as an option, both checked against values computed by hand on a small corpus."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dangjian.topics import NPMI_CONVENTIONS, CoherenceReference
from dangjian.topics import coherence
from dangjian.topics.coherence import NPMI_EPSILON, npmi_score, sliding_windows

# Window of 3 tokens over three units:
#   unit 1  a b c d  -> windows [a b c] [b c d]
#   unit 2  a x      -> one window [a x] (shorter than the window)
#   unit 3  b c      -> one window [b c]
# 4 windows: p(a) = 2/4, p(b) = 3/4, p(c) = 3/4, p(d) = 1/4, p(x) = 1/4
# p(a,b) = 1/4 ([a b c]), p(b,c) = 3/4, p(c,d) = 1/4, p(a,d) = 0, p(a,x) = 1/4
UNITS = [["a", "b", "c", "d"], ["a", "x"], ["b", "c"]]
EPS = 1e-12


def c_npmi(p_ab: float, p_a: float, p_b: float) -> float:
    """gensim's ``log_ratio_measure(normalize=True)``, written out."""
    return math.log((p_ab + EPS) / (p_a * p_b)) / -math.log(p_ab + EPS)


def bouma(p_ab: float, p_a: float, p_b: float) -> float:
    return -1.0 if p_ab == 0 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)


@pytest.fixture(scope="module")
def reference() -> CoherenceReference:
    return CoherenceReference(window=3).fit(UNITS)


def test_windows_are_counted_as_gensim_counts_them(reference):
    assert reference.n_windows_ == 4
    assert sliding_windows(["a", "b", "c", "d"], 3) == [["a", "b", "c"], ["b", "c", "d"]]
    assert sliding_windows(["a", "x"], 3) == [["a", "x"]]


def test_default_is_the_smoothed_c_npmi_of_palmetto_and_gensim(reference):
    assert reference.npmi_convention == "c_npmi" and NPMI_EPSILON == EPS
    expected = [
        c_npmi(1 / 4, 2 / 4, 3 / 4),  # a, b
        c_npmi(0.0, 2 / 4, 1 / 4),  # a, d: never together
        c_npmi(1 / 4, 3 / 4, 1 / 4),  # b, d: [b c d]
    ]
    assert reference.npmi_pairs(["a", "b", "d"]).tolist() == pytest.approx(expected, abs=1e-12)
    # the pair that never shares a window is not -1 but -1 + log(p(a) p(d)) / log ε
    assert expected[1] == pytest.approx(-1 + math.log(2 / 4 * 1 / 4) / math.log(EPS), abs=1e-12)
    assert expected[1] > -1
    assert reference.npmi([["a", "b", "d"]])[0] == pytest.approx(sum(expected) / 3, abs=1e-12)


def test_bouma_convention_scores_never_together_as_minus_one(reference):
    bouma_reference = CoherenceReference(window=3, npmi="bouma").fit(UNITS)
    expected = [bouma(1 / 4, 2 / 4, 3 / 4), -1.0, bouma(1 / 4, 3 / 4, 1 / 4)]
    assert bouma_reference.npmi_pairs(["a", "b", "d"]).tolist() == pytest.approx(expected, abs=1e-12)
    # the two conventions agree (up to ε) on pairs that do co-occur and differ only on pairs that never do
    default = reference.npmi_pairs(["a", "b", "d"])
    assert default[0] == pytest.approx(expected[0], abs=1e-9) and default[2] == pytest.approx(expected[2], abs=1e-9)
    assert default[1] > expected[1]


def test_tokens_keep_their_positions_in_the_window():
    """A token that is no topic term still occupies a place: a and b, two apart, never share a window of 2."""
    reference = CoherenceReference(window=2).fit([["a", "z", "b"], ["a"], ["b"]])
    assert reference.n_windows_ == 4  # [a z] [z b] | [a] | [b]
    assert npmi_score(0.0, 2 / 4, 2 / 4, "bouma") == -1.0
    assert reference.npmi_pairs(["a", "b"])[0] == pytest.approx(c_npmi(0.0, 2 / 4, 2 / 4), abs=1e-12)


def test_perfect_pairs_and_independent_pairs():
    # p(a,b) = p(a) = p(b): maximal association scores 1 in both conventions (up to ε)
    for convention in NPMI_CONVENTIONS:
        assert npmi_score(0.5, 0.5, 0.5, convention) == pytest.approx(1.0, abs=1e-9)
        assert npmi_score(1.0, 1.0, 1.0, convention) == 1.0
        # independence: p(a,b) = p(a) p(b) scores 0
        assert npmi_score(0.25, 0.5, 0.5, convention) == pytest.approx(0.0, abs=1e-9)


def test_unknown_convention_is_named():
    with pytest.raises(ValueError, match="unknown NPMI convention 'uci'"):
        CoherenceReference(npmi="uci")


def _windows_by_definition(token_lists, window):
    """The windows × terms incidence written out from :func:`sliding_windows`, one window at a time."""
    terms = sorted({t for tokens in token_lists for t in tokens})
    index = {t: i for i, t in enumerate(terms)}
    rows = [sorted({index[t] for t in w}) for tokens in token_lists for w in sliding_windows(tokens, window)]
    matrix = np.zeros((len(rows), len(terms)), dtype=int)
    for r, columns in enumerate(rows):
        matrix[r, columns] = 1
    return matrix


@pytest.mark.parametrize("window", [2, 3, 10])
def test_the_window_incidence_is_that_of_the_sliding_windows(window, monkeypatch):
    rng = np.random.default_rng(window)
    vocabulary = [f"t{i}" for i in range(12)]
    lists = [list(rng.choice(vocabulary, size)) for size in rng.integers(0, 25, 60)]
    lists += [[], ["t0"], ["t1"] * window, ["t2", "t3"] * window]
    monkeypatch.setattr(coherence, "INCIDENCE_BLOCK_TOKENS", 37)  # many blocks, split between units
    fitted = CoherenceReference(window=window).fit(lists)
    np.testing.assert_array_equal(fitted.window_incidence_.toarray(), _windows_by_definition(lists, window))
    kept = [tokens for tokens in lists if tokens]
    assert fitted.n_units_ == len(kept) and fitted.n_windows_ == sum(max(1, len(t) - window + 1) for t in kept)
    units = fitted.unit_incidence_.toarray()
    assert [set(np.flatnonzero(row)) for row in units] == [{fitted.term_index_[t] for t in tokens} for tokens in kept]


def test_the_window_incidence_of_the_reports_is_that_of_the_sliding_windows(raw_dir):
    from dangjian.segmentation.pipeline import process_corpus
    from dangjian.topics import tokenize_units, topic_units

    lists = tokenize_units(topic_units(process_corpus(raw_dir), "paragraph"))["tokens"].tolist()
    fitted = CoherenceReference().fit(lists)
    np.testing.assert_array_equal(fitted.window_incidence_.toarray(), _windows_by_definition(lists, 10))


def test_the_window_incidence_refuses_an_empty_unit_or_a_window_below_two():
    with pytest.raises(ValueError, match="at least one token"):
        coherence.window_incidence(np.array([0, 1]), np.array([2, 0]), 10, 2)
    with pytest.raises(ValueError, match="at least 2 tokens"):
        coherence.window_incidence(np.array([0, 1]), np.array([2]), 1, 2)


@pytest.mark.parametrize("window", [2, 10])
def test_npmi_counted_for_the_asked_terms_equals_npmi_from_every_window(window, monkeypatch):
    # NPMI counts only the windows of the terms it scores, block by block; the pair counts must be
    # those of the sliding windows of all terms, by definition.
    rng = np.random.default_rng(window + 1)
    vocabulary = [f"t{i}" for i in range(15)]
    lists = [list(rng.choice(vocabulary, size)) for size in rng.integers(1, 30, 80)]
    monkeypatch.setattr(coherence, "INCIDENCE_BLOCK_TOKENS", 41)
    fitted = CoherenceReference(window=window).fit(lists)
    definition = _windows_by_definition(lists, window)
    terms = sorted(fitted.term_index_)
    topics = [list(rng.choice(terms, 5, replace=False)) for _ in range(6)]
    n = definition.shape[0]
    expected = []
    for topic in topics:
        columns = definition[:, [fitted.term_index_[t] for t in topic]]
        joint = columns.T @ columns
        pairs = [coherence.npmi_score(joint[i, j] / n, joint[i, i] / n, joint[j, j] / n)
                 for i in range(len(topic)) for j in range(i + 1, len(topic))]
        expected.append(np.mean(pairs))
    np.testing.assert_allclose(fitted.npmi(topics), expected, rtol=0, atol=1e-12)
