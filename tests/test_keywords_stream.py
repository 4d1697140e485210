"""Co-occurrence from token lists read once: a generator of sentences gives the same PMI table as a
list, with the tokens held as integer ids."""

from __future__ import annotations

import pandas as pd
import pytest

from dangjian.keywords.measures import EncodedUnits, cooccurrence_pmi
from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.dtm import unit_table
from dangjian.tokens.tokenize import DomainTokenizer


@pytest.fixture(scope="module")
def sentences(raw_dir) -> list[list[str]]:
    texts = unit_table(process_corpus(raw_dir), "sentence")["text"]
    return DomainTokenizer().tokenize_many(texts)


@pytest.mark.parametrize("window", [None, 5])
def test_a_generator_of_sentences_gives_the_table_of_the_list(sentences, window):
    from_list = cooccurrence_pmi(sentences, top_n=30, window=window, min_cooccurrence=3)
    from_generator = cooccurrence_pmi((tokens for tokens in sentences), top_n=30, window=window, min_cooccurrence=3)
    assert len(from_list) > 10
    pd.testing.assert_frame_equal(from_list, from_generator, check_exact=True)


def test_encoded_units_keep_every_token_and_its_frequency(sentences):
    encoded = EncodedUnits.encode(iter(sentences))
    assert encoded.lengths.tolist() == [len(tokens) for tokens in sentences]
    assert [encoded.terms[i] for i in encoded.ids] == [token for tokens in sentences for token in tokens]
    frequency = dict(zip(encoded.terms, encoded.frequencies().tolist()))
    assert frequency["党员"] == sum(tokens.count("党员") for tokens in sentences)
