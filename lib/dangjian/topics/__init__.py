"""Topic models of the reports: NMF and LDA over paragraphs (or sentences, sections), with
coherence, exclusivity and stability measured on the corpus, a K sweep and the default-K rule,
the consensus of several seeds, topic shares with intervals, and topic prevalence modelled on
document covariates.

Modules, one step each:

- :mod:`~dangjian.topics.units`: what is modelled (paragraphs, sentences, sections)
- :mod:`~dangjian.topics.lda`: ``BlockLDA``, scikit-learn's LDA with its E-step run a block of units at a time
- :mod:`~dangjian.topics.models`: ``TopicModel``, NMF and LDA
- :mod:`~dangjian.topics.coherence`: NPMI, UMass, FREX
- :mod:`~dangjian.topics.stability`: refits, K sweep, ``choose_k``
- :mod:`~dangjian.topics.consensus`: ``ConsensusTopicModel``, matched topics over seeds
- :mod:`~dangjian.topics.summaries`: proportions and their intervals, representative units
- :mod:`~dangjian.topics.effects`: ``TopicEffects``, prevalence regressed on covariates, as ``stm::estimateEffect``

The topic figures are :mod:`dangjian.figures.topics`.

Example:
    >>> from dangjian.topics import TopicModel, topic_proportions
    >>> units = ["党员 教育 培训 学习"] * 3 + ["乡村 振兴 产业 发展"] * 2
    >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(units)
    >>> model.labels(2)
    ['T1 党员·培训', 'T2 乡村·产业']
    >>> float(topic_proportions(model)[["T1", "T2"]].sum(axis=1).min())
    1.0
"""

from dangjian.topics.coherence import (
    NPMI_CONVENTIONS,
    CoherenceReference,
    frex_exclusivity,
    random_baseline,
    random_topics,
    sliding_windows,
)
from dangjian.topics.consensus import ConsensusTopicModel, match_topics
from dangjian.topics.effects import TopicEffects, design_matrix, document_table
from dangjian.topics.models import (
    METHODS,
    TopicModel,
    incremental_batch_size,
    incremental_passes,
    seeded_copy,
    tokenize_units,
)
from dangjian.topics.stability import (
    KChoice,
    StabilityResult,
    choose_k,
    k_sweep,
    matched_jaccard,
    refit,
    resolve_k,
    sample_units,
    stability_of,
    topic_stability,
)
from dangjian.topics.summaries import (
    representative_units,
    topic_columns,
    topic_proportions,
    topic_share_intervals,
    unit_topic_table,
)
from dangjian.topics.units import UNIT_KINDS, topic_units, unit_summary

__all__ = [
    "METHODS", "NPMI_CONVENTIONS", "UNIT_KINDS", "CoherenceReference", "ConsensusTopicModel", "KChoice",
    "StabilityResult", "TopicEffects", "TopicModel", "choose_k", "design_matrix", "document_table",
    "frex_exclusivity", "incremental_batch_size", "incremental_passes", "k_sweep", "match_topics", "matched_jaccard", "random_baseline", "random_topics", "refit",
    "representative_units", "resolve_k", "sample_units", "seeded_copy", "sliding_windows", "stability_of", "tokenize_units",
    "topic_proportions", "topic_share_intervals", "topic_stability", "topic_columns", "topic_units", "unit_summary",
    "unit_topic_table",
]
