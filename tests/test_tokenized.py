"""Tokens held as ids and shared between the reports of a run: the same counts as scikit-learn's
CountVectorizer, the same token lists as the tokenizer, the same slogan tables as counting per
group; computed once per set of texts and tokenizer, and never taken from an entry that does not fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from builders import load_benchmark
from dangjian.keywords.measures import grouped_slogan_counts, slogan_counts
from dangjian.project.cache import Cache, pack
from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.dtm import build_dtm, unit_table
from dangjian.tokens.tokenize import DomainTokenizer
from dangjian.tokens.tokenized import TokenizedTexts, _npy, tokenized, tokenized_from_bytes, tokenized_to_bytes
from dangjian.topics.models import tokenize_units
from dangjian.topics.units import topic_units

make_corpus = load_benchmark("make_corpus")


@pytest.fixture(scope="module")
def corpora(raw_dir, tmp_path_factory) -> dict:
    """The paragraphs of the five documents and of a generated corpus of 60 documents."""
    folder = tmp_path_factory.mktemp("generated")
    make_corpus.make_corpus(folder, n_docs=60, seed=3)
    return {name: process_corpus(path) for name, path in {"seeds": raw_dir, "generated": folder}.items()}


@pytest.mark.parametrize("name", ["seeds", "generated"])
def test_counts_and_lists_equal_countvectorizer_and_the_tokenizer(corpora, name):
    texts = unit_table(corpora[name], "paragraph")["text"].tolist()
    tokenizer = DomainTokenizer()
    tokens = TokenizedTexts.from_lists(tokenizer(text) for text in texts)
    vectorizer = CountVectorizer(analyzer=tokenizer, dtype=np.int64)
    expected = vectorizer.fit_transform(texts)
    assert tokens.vocabulary.tolist() == vectorizer.get_feature_names_out().tolist()
    counts = tokens.counts()
    assert counts.shape == expected.shape and counts.dtype == np.int64 and (counts != expected).nnz == 0
    assert counts.has_canonical_format
    lists = tokens.lists()
    assert lists == [tokenizer(text) for text in texts]
    flat = [token for tokens in lists for token in tokens]
    assert len({id(token) for token in flat}) == len(set(flat)), "equal tokens must be one string object"


def test_many_texts_come_back_as_they_went_in():
    """More texts than one array look-up makes lists of, empty ones among them."""
    texts = [["党建", "引领", f"词{i % 977}"][: i % 4] * (i % 3) for i in range(20_000)]
    tokens = TokenizedTexts.from_lists(iter(texts))
    assert len(tokens) == 20_000 and tokens.lists() == texts
    assert tokens.counts().sum(axis=1).ravel().tolist() == [[len(t) for t in texts]]


def test_the_cache_gives_the_same_tokens_once_per_texts_and_tokenizer(corpora, tmp_path):
    texts = unit_table(corpora["seeds"], "paragraph")["text"].tolist()
    cache = Cache(tmp_path / "cache")
    first = tokenized(texts, DomainTokenizer(), cache)
    again = tokenized(texts, DomainTokenizer(), cache)
    assert (cache.misses, cache.hits) == (1, 1)
    assert again.lists() == first.lists() and np.array_equal(again.offsets, first.offsets)
    other = tokenized(texts, DomainTokenizer(stopword_lists=["zh"]), cache)
    assert cache.misses == 2 and len(other.ids) > len(first.ids)  # the genre's stopwords are kept now
    edited = tokenized([*texts[:-1], texts[-1] + "乡村振兴"], DomainTokenizer(), cache)
    assert cache.misses == 3 and edited.lists()[-1][-1] == "乡村振兴"
    plain = tokenized(texts, str.split, cache)  # not a DomainTokenizer: no key to file it under
    assert cache.misses == 3 and cache.hits == 1 and plain.lists() == [text.split() for text in texts]


def test_keyword_and_topic_units_from_the_cache_equal_fresh_ones(corpora, tmp_path):
    processed = corpora["generated"]
    cache = Cache(tmp_path / "cache")
    units = unit_table(processed, "paragraph")
    fresh = build_dtm(units, DomainTokenizer(), group_col="region")
    for _ in range(2):
        cached = build_dtm(units, DomainTokenizer(), group_col="region", cache=cache)
        assert (cached.counts != fresh.counts).nnz == 0 and (cached.docfreq != fresh.docfreq).nnz == 0
        assert cached.terms.tolist() == fresh.terms.tolist()
        pd.testing.assert_frame_equal(cached.rows, fresh.rows)
    topic = topic_units(processed, "paragraph")
    expected = tokenize_units(topic, DomainTokenizer())["tokens"].tolist()
    assert [tokenize_units(topic, DomainTokenizer(), cache=cache)["tokens"].tolist() for _ in range(2)] == [expected] * 2
    assert (cache.misses, cache.hits) == (2, 2)


def test_a_text_that_is_not_text_is_named(tmp_path):
    with pytest.raises(TypeError, match="must be str, got float: nan"):
        tokenized(pd.Series(["党建", float("nan")]), DomainTokenizer(), Cache(tmp_path / "cache"))


def test_stored_tokens_that_do_not_fit_together_are_refused():
    tokens = TokenizedTexts.from_lists([["党建", "引领"], ["党建"]])
    again = tokenized_from_bytes(tokenized_to_bytes(tokens))
    assert again.lists() == tokens.lists()
    members = {"vocabulary.json": b'["a"]', "ids.npy": _npy(np.array([0, 1], dtype=np.int32)),
               "offsets.npy": _npy(np.array([0, 2], dtype=np.int64))}
    with pytest.raises(ValueError, match="do not form tokenized texts"):
        tokenized_from_bytes(pack(members))
    members["vocabulary.json"], members["offsets.npy"] = b'["a", "b"]', _npy(np.array([0, 3], dtype=np.int64))
    with pytest.raises(ValueError, match="do not form tokenized texts"):
        tokenized_from_bytes(pack(members))


@pytest.mark.parametrize("group_col", ["region", "level", "year"])
def test_slogans_grouped_from_document_counts_equal_counting_per_group(corpora, tmp_path, group_col):
    cache = Cache(tmp_path / "cache")
    for processed in corpora.values():
        units = unit_table(processed, "paragraph")
        expected = slogan_counts(units, [group_col, "doc_id"], missing_label="(unspecified)")
        assert len(expected) > 10
        for _ in range(2):
            pd.testing.assert_frame_equal(
                grouped_slogan_counts(units, group_col, cache=cache, missing_label="(unspecified)"), expected
            )
    assert (cache.misses, cache.hits) == (2, 2)


def test_slogans_grouped_by_a_column_that_varies_within_documents_are_counted_per_group(corpora, tmp_path):
    units = unit_table(corpora["seeds"], "paragraph")
    assert (units.groupby("doc_id")["section_path"].nunique() > 1).any()
    cache = Cache(tmp_path / "cache")
    pd.testing.assert_frame_equal(grouped_slogan_counts(units, "section_path", cache=cache),
                                  slogan_counts(units, ["section_path", "doc_id"]))
    assert cache.misses == cache.hits == 0
