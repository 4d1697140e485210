# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (dangjian)
#     language: python
#     name: dangjian
# ---

# %% [markdown]
# # Topics: the themes the reports share, and how emphasis differs by region and level
#
# This notebook fits a topic model to the reports and reports the evidence a reader needs to trust
# it: how coherent the topics are on the corpus itself, how distinct they are from one another, and
# whether they come back when the model is refitted with other random seeds. The number of topics K
# is chosen by a stated rule from a sweep over K rather than by eye. The topics are then labelled by
# their top terms and by the passages that express them most purely, and their shares are compared
# across documents, regions and administrative levels.

# %% tags=["parameters"]
corpus_dir = "data/raw"
method = "nmf"  # "nmf" (TF-IDF) or "lda" (counts)
unit = "paragraph"  # "paragraph", "sentence" or "section"
k = "auto"  # "auto" (the default-K rule) or a whole number as text, e.g. "8"
k_min = 3
k_max = 15
seeds = [0, 1, 2, 3, 4]
top_n = 10
subsample = 0.8  # share of units per refit in the subsample-stability check; 1.0 skips it
min_stability = 0.6
stopword_lists = ["zh", "genre"]
output_dir = "data/processed/topics"
figures_dir = "figures"
figure_prefix = "topics_nmf"
cache_dir = "data/processed/cache"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import display

from dangjian.cache import Cache
from dangjian.io import write_table
from dangjian.pipeline import process_corpus
from dangjian.plotting import save_figure, setup_cjk_font
from dangjian.tokenize import DomainTokenizer
from dangjian.topics import (
    TopicModel,
    k_sweep,
    random_baseline,
    representative_units,
    resolve_k,
    tokenize_units,
    topic_proportions,
    topic_units,
    unit_summary,
    unit_topic_table,
)
from dangjian.topics.plots import plot_k_sweep, plot_topic_heatmap, plot_topic_terms

setup_cjk_font()
pd.set_option("display.max_colwidth", 200)
tables_dir = Path(output_dir)
processed = process_corpus(corpus_dir, cache_dir=cache_dir, skip_bad=True)
units = tokenize_units(topic_units(processed, unit), DomainTokenizer(stopword_lists=stopword_lists))
template = TopicModel(method, top_n=top_n, tokenizer=DomainTokenizer(stopword_lists=stopword_lists))

# %% [markdown]
# ## Units and vocabulary
#
# Five reports are too few documents for a topic model, so the model is fitted on smaller units
# (the `unit` parameter; paragraphs by default). Headings and titles are left out of paragraph and
# sentence units: they name a section rather than report on it. Each unit is tokenized as in the
# keyword stage: jieba with the genre's user dictionary, so that terms such as 基层党组织 or
# 党群服务中心 stay whole, and without general stopwords and the genre's boilerplate verbs
# (坚持, 推进, 加强 …), numbers, punctuation and single characters. Units with fewer than five tokens
# are set aside, since a few words do not show a theme. The vocabulary keeps terms that occur in at
# least two units and in at most 90 % of them.
#
# With **NMF** the unit-term matrix is weighted by sublinear TF-IDF with unit-length rows and
# factorised with scikit-learn's coordinate-descent NMF (Frobenius loss) from an NNDSVDa start.
# With **LDA** the raw counts are modelled by scikit-learn's batch variational Bayes with symmetric
# priors 1/K, stopping when the perplexity changes by less than 0.1. In both cases every fit is
# determined by its seed. The table counts the units per document.

# %%
display(unit_summary(units))

# %% [markdown]
# ## Choosing the number of topics
#
# For each K from `k_min` to `k_max` the model is fitted once per seed. The fit with the first seed
# on all units is scored on the corpus itself:
#
# * **NPMI coherence** (normalised pointwise mutual information, the C_NPMI measure of Röder, Both and
#   Hinneburg 2015): for every pair of a topic's top 10 terms, how much more often than by chance
#   they occur together within a sliding window of 10 tokens (moved one token at a time inside each
#   unit), scaled to −1 … 1 (−1: never together); a topic's score is the mean over its 45 pairs.
# * **UMass coherence** (Mimno et al. 2011): the log conditional frequency with which a top term
#   occurs in units that contain a higher-ranked one, with the smoothing ε = 0.01 of R's `stm`.
# * **Exclusivity** (FREX, Bischof and Airoldi 2012, as `stm::exclusivity` computes it): for each top
#   term, the harmonic mean (weight 0.5) of its rank within the topic by weight and by exclusivity
#   (its weight in this topic relative to all topics), averaged over the top terms. Coherence alone
#   is easily achieved by a few topics of the commonest words; exclusivity penalises that.
#
# **Stability** compares the refits: the topics of two runs are matched one-to-one (Hungarian
# algorithm) so that the Jaccard similarity of their top-10 term sets is largest; the stability of K
# is the mean matched Jaccard over all pairs of seeds (1: identical topics in every run; two topics
# sharing 7 of 10 terms score 0.54). As a stricter check (Greene, O'Callaghan and Cunningham 2014),
# run when the `subsample` parameter is below 1, each seed also refits on a random share of the units
# (80 % by default); this asks whether the topics survive a change of the corpus, not only of the
# starting point.
#
# **Rule for K** (a one-standard-error rule): among the K with seed stability of at least
# `min_stability` (0.6), take the one with the best mean NPMI, then choose the smallest K whose mean
# NPMI lies within one standard error of that best value. NPMI is the criterion because among
# automatic coherence measures it agrees best with human judgement (Röder et al. 2015); the
# stability threshold excludes K whose topics are an accident of one seed; the standard-error margin
# prefers fewer, broader topics unless more topics are clearly more coherent. A K given as a
# parameter overrides the rule; the sweep is shown either way.

# %%
sweep = k_sweep(template, units, ks=range(k_min, k_max + 1), seeds=seeds,
                subsample=subsample if subsample < 1 else None, cache=Cache(cache_dir))
choice = resolve_k(k, sweep, min_stability)
print(f"rule: {choice.rule}\nchoice: {choice.reason}")
display(sweep.round(3))
write_table(sweep, tables_dir / "k_sweep.csv")
fig = plot_k_sweep(sweep, choice.k, min_stability)
save_figure(fig, f"{figure_prefix}_k_sweep", figures_dir)
fig

# %% [markdown]
# ## The topics
#
# The model with the chosen K is fitted on all units with the first seed. Topics are numbered by
# prevalence, the share of all characters they account for. The table gives each topic's coherence
# and exclusivity; for comparison, the same measures for 100 topics of 10 terms drawn at random from
# the vocabulary show the floor a topic must clear.

# %%
model = template.set_params(k=choice.k, seed=seeds[0]).fit(units)
reference = model.reference()
quality = model.quality(reference)
baseline = random_baseline(reference, model.vocabulary_, top_n, seed=seeds[0])
print(f"{len(model.units_)} units modelled, {len(model.dropped_units_)} set aside, "
      f"{len(model.vocabulary_)} terms")
print(f"fitted topics: mean NPMI {quality['npmi'].mean():.3f}, mean UMass {quality['umass'].mean():.3f}; "
      f"random topics: mean NPMI {baseline['npmi']:.3f}, mean UMass {baseline['umass']:.3f}")
display(quality.round(3))
write_table(quality, tables_dir / "topic_quality.csv")
write_table(model.topic_terms_, tables_dir / "topic_terms.csv")

# %% [markdown]
# Each panel shows a topic's ten heaviest terms and their weight in the topic's term distribution.

# %%
fig = plot_topic_terms(model.topic_terms_, model.labels())
save_figure(fig, f"{figure_prefix}_terms", figures_dir)
fig

# %% [markdown]
# ## Representative passages
#
# Top terms are a compressed description; the label a reader gives a topic should be checked
# against the passages that express it most purely. For each topic, the three units with the largest
# share of it are listed (the full texts are in `representative_units.csv`).

# %%
passages = representative_units(model, n=3, columns=("unit_id", "doc_id", "region", "level"))
write_table(passages, tables_dir / "representative_units.csv")
display(representative_units(model, n=3, columns=("unit_id", "region"), max_chars=160).round(3))

# %% [markdown]
# ## Topic shares by document, region and level
#
# A unit's topic proportions are weighted by its length in characters, so that a long paragraph
# counts for more than a short one; the shares of each document, region or level sum to 1. Regions
# are as recorded in the metadata (a document without one is `(unspecified)`); the number of units
# is given with each row. With five documents, each region is a single report, so differences
# between rows describe reports, not populations of regions.

# %%
by_document = topic_proportions(model, "doc_id")
by_region = topic_proportions(model, "region")
by_level = topic_proportions(model, "level")
display(by_document.round(3))
write_table(by_document, tables_dir / "proportions_by_document.csv")
write_table(by_region, tables_dir / "proportions_by_region.csv")
write_table(by_level, tables_dir / "proportions_by_level.csv")
write_table(unit_topic_table(model), tables_dir / "unit_topics.csv")

# %%
fig = plot_topic_heatmap(by_region, "region", model.labels())
save_figure(fig, f"{figure_prefix}_region_heatmap", figures_dir)
fig

# %%
fig = plot_topic_heatmap(by_level, "level", model.labels())
save_figure(fig, f"{figure_prefix}_level_heatmap", figures_dir)
fig

# %% [markdown]
# ## Outputs
#
# Tables in the output folder: the K sweep (`k_sweep.csv`), each topic's quality scores
# (`topic_quality.csv`) and top terms (`topic_terms.csv`), the representative passages
# (`representative_units.csv`), topic shares by document, region and level
# (`proportions_by_*.csv`) and every unit's topic proportions (`unit_topics.csv`). Figures are named
# with the `figure_prefix` parameter, so runs with NMF and LDA sit side by side.

# %%
for path in sorted(tables_dir.glob("*.csv")):
    print(path)
