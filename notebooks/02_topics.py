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
# # Topics: the themes the reports share, and how their prevalence differs by region, level and year
#
# This notebook fits a topic model to the reports and reports the evidence a reader needs to trust
# it: how coherent the topics are on the corpus itself, how distinct they are from one another, and
# whether they come back when the model is refitted with other random seeds or on part of the
# corpus. The number of topics K is chosen by a stated rule from a sweep over K. The topic table is
# the consensus of several seeds, with the topics that not every seed finds marked. Topic shares
# are compared across documents, regions, levels and years with bootstrap intervals, and topic
# prevalence is modelled on the document covariates together, as R's `stm` does with
# `estimateEffect`. The unit of inference is the document: every comparison states how many
# documents (and paragraphs) stand behind it.

# %% tags=["parameters"]
corpus_dir = "data/raw"  # role: corpus
method = "nmf"  # "nmf" (TF-IDF) or "lda" (counts)
unit = "paragraph"  # "paragraph", "sentence" or "section"
k = "auto"  # "auto" (the default-K rule) or a whole number as text, e.g. "8"
k_min = 3
k_max = 15
seeds = [0, 1, 2, 3, 4]
top_n = 10
subsample = 0.8  # share of units per refit in the subsample-stability check
min_stability = 0.6
min_subsample_stability = 0.5
sweep_units = 1000  # the K sweep runs on at most this many units, drawn at random (0: all units)
fit_jobs = 1  # processes the K sweep's and the consensus's fits run in (the results do not depend on it)
incremental_above = 5000  # above this many units the final model is MiniBatchNMF / online LDA (0: never)
batch_size = 2048  # units per mini-batch of the incremental methods
min_similarity = 0.5  # cosine similarity of term distributions for a topic to recur in another seed's run
min_recurrence = 1.0  # share of seeds that must find a topic for it not to be marked
n_boot = 1000
ci_level = 0.95
covariates = ["region", "level", "year", "genre"]
effect_references = {}  # reference level of a categorical covariate, e.g. {"region": "全国"}
effect_draws = 50
effect_sims = 100
source_units = 2  # units behind each cell of the topic × group tables
stopword_lists = ["zh", "genre"]
output_dir = "data/processed/topics"  # role: output
figures_dir = "figures"  # role: figures
figure_prefix = "topics_nmf"  # role: figure_prefix
corpus_tables_dir = "data/processed/tables"  # role: tables
cache_dir = "data/processed/cache"  # role: cache

# %%
import math
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from dangjian.comparison.drilldown import linked_topic_table, sources_html, topic_sources
from dangjian.figures.plotting import save_figure, setup_cjk_font
from dangjian.figures.topics import (
    plot_k_sweep,
    plot_share_intervals,
    plot_share_trend,
    plot_topic_effects,
    plot_topic_terms,
)
from dangjian.keywords.inference import caveats
from dangjian.project.cache import Cache
from dangjian.project.io import write_table
from dangjian.running.tables import open_tables
from dangjian.tokens.tokenize import DomainTokenizer
from dangjian.topics import (
    ConsensusTopicModel,
    TopicEffects,
    TopicModel,
    document_table,
    incremental_batch_size,
    k_sweep,
    random_baseline,
    representative_units,
    resolve_k,
    sample_units,
    tokenize_units,
    topic_share_intervals,
    topic_units,
    unit_summary,
    unit_topic_table,
)

setup_cjk_font()
pd.set_option("display.max_colwidth", 200)
tables_dir = Path(output_dir)
processed = open_tables(corpus_dir, corpus_tables_dir, cache_dir)
units = tokenize_units(topic_units(processed, unit), DomainTokenizer(stopword_lists=stopword_lists), cache=Cache(cache_dir))
template = TopicModel(method, top_n=top_n, tokenizer=DomainTokenizer(stopword_lists=stopword_lists))

# %% [markdown]
# ## Units, vocabulary and the documents behind them
#
# A handful of reports are too few documents for a topic model, so the model is fitted on smaller
# units (the `unit` parameter; paragraphs by default). Headings and titles are left out of
# paragraph and sentence units: they name a section rather than report on it. Each unit is
# tokenized as in the keyword stage: jieba with the genre's user dictionary, so that terms such as
# 基层党组织 or 党群服务中心 stay whole, and without general stopwords and the genre's boilerplate
# verbs (坚持, 推进, 加强 …), numbers, punctuation and single characters. Units with fewer than five
# tokens are set aside, since a few words do not show a theme. The vocabulary keeps terms that occur
# in at least two units and in at most 90 % of them.
#
# With **NMF** the unit-term matrix is weighted by sublinear TF-IDF with unit-length rows and
# factorised with scikit-learn's coordinate-descent NMF (Frobenius loss) from an NNDSVDa start;
# the refits of the seed and K checks start from random non-negative factors drawn with each seed (the NNDSVDa start is the same for every seed).
# With **LDA** the raw counts are modelled by scikit-learn's batch variational Bayes with symmetric
# priors 1/K, stopping when the perplexity changes by less than 0.1. Every fit is determined by its
# seed.
#
# Paragraphs of one report are not independent observations of a region or a level: the
# comparisons below treat the document as the unit of inference. The first table counts the units
# per document; the second the documents per value of each comparison axis.

# %%
display(unit_summary(units))
documents = document_table(units, covariates)
axes = [column for column in ("region", "level", "year") if column in documents.columns]
for axis in axes:
    display(documents.groupby(axis, dropna=False).size().rename("n_docs").reset_index())

# %% [markdown]
# ### What limits the comparisons on this corpus
#
# The sentences below are computed from the document table: how many documents stand behind each
# region, level and year, which groups rest on a single document, and which comparison axes are
# confounded with one another or with genre.

# %%
lines = []
for axis in axes:
    others = tuple(c for c in ("region", "level", "year", "genre") if c != axis)
    lines += [f"- **{axis}**: {sentence}" for sentence in caveats(documents, axis, confounders=others, unit=unit)]
display(Markdown("**Caveats for this corpus.**\n\n" + "\n".join(lines) if lines
                 else "**Caveats for this corpus:** none of the checked limits applies."))

# %% [markdown]
# ## Choosing the number of topics
#
# For each K from `k_min` to `k_max` the model is fitted once per seed on all units of the sweep, and once per
# seed on a random 80 % of them (the `subsample` parameter). Every full fit is scored on the corpus
# itself, and each score is reported as its mean over the seeds with its standard deviation over
# the seeds:
#
# * **NPMI coherence**, the C_NPMI measure of Röder, Both and Hinneburg (2015) as Palmetto and
#   gensim compute it: for every pair of a topic's top 10 terms, how much more often than by chance
#   they occur together within a boolean sliding window of 10 tokens (moved one token at a time
#   inside each unit), `log((p(a,b) + ε) / (p(a) p(b))) / −log(p(a,b) + ε)` with ε = 10⁻¹²; a
#   topic's score is the mean over its 45 pairs. These values can be set beside published C_NPMI.
#   For comparison the sweep also gives NPMI with Bouma's limit −1 for pairs that never share a
#   window (`npmi_bouma`), which is lower on a sparse corpus and not comparable with published
#   values.
# * **UMass coherence** (Mimno et al. 2011): the log conditional frequency with which a top term
#   occurs in units that contain a higher-ranked one, with the smoothing ε = 0.01 of R's `stm`.
# * **Exclusivity** (FREX, Bischof and Airoldi 2012, as `stm::exclusivity` computes it): for each top
#   term, the harmonic mean (weight 0.5) of its rank within the topic by weight and by exclusivity;
#   averaged over the top terms. Coherence alone is easily achieved by a few topics of the commonest
#   words; exclusivity penalises that.
#
# **Stability** compares refits: the topics of two runs are matched one-to-one (Hungarian
# algorithm) so that the Jaccard similarity of their top-10 term sets is largest, and the mean
# matched Jaccard is averaged over all pairs of runs (1: identical topics; two topics sharing 7 of
# 10 terms score 0.54). **Seed stability** refits on all units with another seed; **subsample
# stability** (Greene, O'Callaghan and Cunningham 2014) also leaves out a random fifth of the
# units, asking whether the topics survive a change of the corpus, not only of the starting point.
#
# **Rule for K** (a one-standard-error rule): among the K with seed stability of at least
# `min_stability` and subsample stability of at least `min_subsample_stability`, take the best
# mean NPMI, then choose the smallest K whose mean NPMI lies within one standard error of it. If no
# K reaches the subsample threshold the rule falls back to seed stability alone and says so. A K
# given as a parameter overrides the rule; the sweep is shown either way. On a large corpus the
# sweep runs on a random sample of `sweep_units` units (drawn with the first seed), so its cost does
# not grow with the corpus; the final model below is fitted on all units.

# %%
sweep_sample = sample_units(units, sweep_units or None, seed=seeds[0])
sweep = k_sweep(template, sweep_sample, ks=range(k_min, k_max + 1), seeds=seeds, subsample=subsample,
                cache=Cache(cache_dir), n_jobs=fit_jobs)
choice = resolve_k(k, sweep, min_stability, min_subsample_stability)
write_table(sweep, tables_dir / "k_sweep.csv")
display(Markdown(
    f"The sweep used {len(sweep_sample)} of {len(units)} units, K = {k_min} … {k_max} and "
    f"{len(seeds)} seeds. Seed stability ranges over {sweep['stability'].min():.2f} … "
    f"{sweep['stability'].max():.2f} and subsample stability over "
    f"{sweep['subsample_stability'].min():.2f} … {sweep['subsample_stability'].max():.2f}; "
    f"mean C_NPMI over {sweep['npmi'].min():.3f} … {sweep['npmi'].max():.3f} "
    f"(with Bouma's −1 convention {sweep['npmi_bouma'].min():.3f} … {sweep['npmi_bouma'].max():.3f}).\n\n"
    f"**Rule:** {choice.rule}.\n\n**Choice:** {choice.reason}."
))
display(sweep.round(3))
fig = plot_k_sweep(sweep, choice.k, min_stability, min_subsample_stability)
save_figure(fig, f"{figure_prefix}_k_sweep", figures_dir)
fig

# %% [markdown]
# ## The topics: the consensus of the seeds
#
# The model with the chosen K is fitted on all units once per seed. Above `incremental_above` units
# it is fitted with the incremental methods, scikit-learn's MiniBatchNMF or online variational
# Bayes LDA, in mini-batches of `batch_size` units; below, with the exact methods of the sweep. The run that agrees best with
# the others (largest mean cosine similarity of matched topic-term distributions) is the
# reference; every other run's topics are matched to it one-to-one (Hungarian algorithm on the
# cosine similarity). A topic **recurs** in a run when its matched partner has a cosine similarity
# of at least `min_similarity` and shares at least half of its top 10 terms (a Jaccard similarity
# of at least 1/3; topics dominated by the commonest words can keep a high cosine while their top
# terms change). Each consensus topic is the average of the reference topic and its
# recurring partners (term distribution and unit proportions), and topics are numbered by their
# prevalence, the share of all characters they account for. A topic found by fewer than
# `min_recurrence` of the seeds is marked `*`: it is one seed's way of dividing the text, not a
# theme the model finds every time. The quality table gives each consensus topic's coherence and
# exclusivity; for comparison, the same measures for 100 topics of 10 terms drawn at random from
# the vocabulary show the floor a topic must clear.

# %%
final = template.set_params(k=choice.k, batch_size=incremental_batch_size(len(units), incremental_above, batch_size))
model = ConsensusTopicModel(final, seeds=seeds, min_similarity=min_similarity,
                            min_recurrence=min_recurrence, n_jobs=fit_jobs).fit(units)
reference = model.reference()
quality = model.quality(reference).merge(model.topic_table()[["topic", "recurrence", "runs_found", "recurs"]], on="topic")
baseline = random_baseline(reference, model.vocabulary_, top_n, seed=seeds[0])
unstable = quality[~quality["recurs"]]
needed = math.ceil(min_recurrence * model.n_runs - 1e-9)
display(Markdown(
    f"{len(model.units_)} units modelled ({len(model.dropped_units_)} set aside), {len(model.vocabulary_)} terms, "
    f"K = {model.n_topics}, {model.n_runs} seeds (reference run: seed {model.reference_seed_}). "
    f"{int(quality['recurs'].sum())} of {model.n_topics} topics are found by at least {needed} of the "
    f"{model.n_runs} seeds"
    + (": " + "; ".join(f"{row.label} is found by {row.runs_found} of {model.n_runs}" for row in unstable.itertuples())
       if len(unstable) else "")
    + f". Mean C_NPMI {quality['npmi'].mean():.3f} and UMass {quality['umass'].mean():.3f}; random topics: "
    f"C_NPMI {baseline['npmi']:.3f}, UMass {baseline['umass']:.3f}."
))
display(quality.round(3))
for name, frame in {"topic_quality": quality, "topic_terms": model.topic_terms_, "topic_matches": model.matches_}.items():
    write_table(frame, tables_dir / f"{name}.csv")

# %% [markdown]
# Each panel shows a consensus topic's ten heaviest terms and their weight in its term distribution.

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
# ## Topic shares by document, region, level and year, with intervals
#
# A unit's topic proportions are weighted by its length in characters, so a long paragraph counts
# for more than a short one; the shares of each document or group sum to 1. Each share has a
# percentile bootstrap interval (`n_boot` replicates, level `ci_level`): a group with at least
# three documents is resampled by document, so its interval reflects how documents of the group
# differ; a group with fewer, and every single document, is resampled by its units, so its
# interval only says how the share varies across that document's paragraphs. `seed_min` and
# `seed_max` give the lowest and highest share among the seeds' runs. Every table gives the
# documents (`n_docs`) and units (`n_units`) behind each row. In the figures a hollow grey dot is a
# group backed by one document.

# %%
shares = {by: topic_share_intervals(model, by, n_boot=n_boot, level=ci_level, seed=seeds[0], unit=unit)
          for by in ["doc_id", *axes]}
for by, table in shares.items():
    write_table(table, tables_dir / f"topic_shares_by_{by.removesuffix('_id')}.csv")
widest = shares["doc_id"].assign(width=lambda t: t["ci_high"] - t["ci_low"]).sort_values("width").iloc[-1]
display(Markdown(
    f"Across documents, the widest interval is {widest['label']} in {widest['doc_id']} "
    f"({widest['n_units']} units): share {widest['share']:.2f}, interval {widest['ci_low']:.2f} … "
    f"{widest['ci_high']:.2f}."
))
write_table(unit_topic_table(model), tables_dir / "unit_topics.csv")
display(shares["doc_id"].round(3))

# %%
for by in ("region", "level"):
    if by in shares:
        display(shares[by].round(3))
        fig = plot_share_intervals(shares[by], by, unit=unit)
        save_figure(fig, f"{figure_prefix}_shares_{by}", figures_dir)
        display(fig)

# %% [markdown]
# ### Topic by group, and the passages behind each cell
#
# The same shares as a table of topic × group. Each share links to the `source_units` units of that
# group with the largest share of the topic, listed below the tables with the topic's top terms
# highlighted: the passages that make the cell.

# %%
cell_sources = {by: topic_sources(model, by, max_sentences=source_units) for by in ("region", "level") if by in shares}
for by, sources in cell_sources.items():
    display(HTML(linked_topic_table(shares[by], by, sources)))
if cell_sources:
    display(HTML(sources_html(pd.concat(cell_sources.values(), ignore_index=True))))

# %% [markdown]
# ### Over time
#
# Year is a comparison axis like region and level: the same shares and intervals by year of the
# report, plotted against the year. A year backed by one document is a single report.

# %%
if "year" in shares and shares["year"]["year"].nunique() >= 2:
    display(shares["year"].round(3))
    fig = plot_share_trend(shares["year"], "year")
    save_figure(fig, f"{figure_prefix}_shares_year", figures_dir)
    display(fig)
else:
    display(Markdown("The modelled documents span a single year (or none has one): there is no trend to show."))

# %% [markdown]
# ## Topic prevalence modelled on the document covariates
#
# Comparing groups one axis at a time mixes the axes: if the reports of one region are also of one
# genre, a regional difference may be a genre difference. As `stm::estimateEffect` does, each
# document's topic proportions are regressed on the covariates together (ordinary least squares,
# one regression per topic): categorical covariates (region, level, genre) against a reference
# level, year as a linear trend. An estimate is the difference in expected share between a level
# and the reference level with the other covariates held fixed, or the change per year.
#
# The intervals come from the **method of composition**, as in `stm`: the document proportions are
# drawn `effect_draws` times, each time resampling every document's units (and cycling through the
# seeds' runs, so the spread over seeds enters too); the regression is fitted to each draw, and
# `effect_sims` coefficient vectors are drawn from its sampling distribution; the interval is the
# percentile interval of all draws. p-values (t statistic of the draws, as
# `summary.estimateEffect`) are corrected by Holm's method over every estimate of the model. An
# estimate whose level or reference rests on a single document has no replication: it is drawn
# hollow and never called significant. Covariates that are constant, aliased with one already in
# the model, or would leave too few residual degrees of freedom are left out, and the notes say
# which and why.

# %%
effects = TopicEffects(covariates=covariates, n_draws=effect_draws, n_sims=effect_sims, level=ci_level,
                       seed=seeds[0], references=effect_references or None).fit(model)
table = effects.effects_
notes = "\n".join(f"- {note}" for note in effects.notes_)
if table.empty:
    display(Markdown(f"No covariate can be modelled on these {len(effects.documents_)} documents.\n\n{notes}"))
else:
    significant = table[table["significant"]]
    display(Markdown(
        f"Model `{effects.design_.formula}` on {len(effects.documents_)} documents "
        f"({effects.design_.residual_df} residual degrees of freedom); {effects.family_}. "
        f"{len(significant)} of {len(table)} estimates are significant at {effects.alpha:g} after the correction"
        + (": " + "; ".join(f"{row.label}, {row.covariate} {row.level}"
                            + (f" vs {row.reference}" if row.reference else "")
                            + f" {row.estimate:+.3f} [{row.ci_low:+.3f}, {row.ci_high:+.3f}]"
                            for row in significant.itertuples()) if len(significant) else "")
        + f". {int((~table['replicated']).sum())} estimates rest on a single document on one side."
        + (f"\n\nLeft out of the model:\n\n{notes}" if notes else "")
    ))
    display(table.round(4))
    write_table(table, tables_dir / "topic_effects.csv")
    fig = plot_topic_effects(table)
    save_figure(fig, f"{figure_prefix}_effects", figures_dir)
    display(fig)

# %% [markdown]
# ## Outputs
#
# Tables in the output folder: the K sweep (`k_sweep.csv`), each consensus topic's quality and
# recurrence (`topic_quality.csv`), top terms (`topic_terms.csv`), how each seed's topics matched
# (`topic_matches.csv`), the representative passages (`representative_units.csv`), topic shares
# with intervals by document, region, level and year (`topic_shares_by_*.csv`), every unit's
# topic proportions (`unit_topics.csv`) and the covariate effects (`topic_effects.csv`). Figures
# are named with the `figure_prefix` parameter, so runs with NMF and LDA sit side by side.

# %%
for path in sorted(tables_dir.glob("*.csv")):
    print(path)
