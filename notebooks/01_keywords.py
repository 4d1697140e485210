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
# # Keywords: what each group talks about, and how its vocabulary differs
#
# This notebook compares the vocabulary of the reports between groups of documents — regions by
# default, or any other metadata column such as the administrative level or the year. It reports
# term frequencies, TF-IDF, keyness of each group against the rest of the corpus with bootstrap
# intervals, the slogans and numbered formulations (提法) of the genre, co-occurrence of the most
# frequent terms, and word clouds. The unit of inference is the document: every comparison states
# how many documents (and paragraphs) stand behind each group, and what that allows.

# %% tags=["parameters"]
corpus_dir = "data/raw"  # role: corpus
unit = "paragraph"
group_col = "region"  # role: column
top_n = 20
min_count = 5
stopword_lists = ["zh", "genre"]
n_boot = 1000
seed = 0
alpha = 0.05
p_adjust_method = "holm"
min_docs = 3
kwic_terms = []
kwic_window = 15
source_sentences = 3
output_dir = "data/processed/keywords"  # role: output
figures_dir = "figures"  # role: figures
figure_prefix = "keywords_region"  # role: figure_prefix
corpus_tables_dir = "data/processed/tables"  # role: tables
cache_dir = "data/processed/cache"  # role: cache

# %%
from pathlib import Path

from IPython.display import HTML, Markdown, display

from dangjian.comparison.drilldown import cell_links, linked_table, sources_html, term_sources
from dangjian.figures.keywords import (
    cloud_frequencies,
    figure_name,
    plot_keyness,
    plot_term_heatmap,
    plot_top_terms,
    plot_word_clouds,
    word_cloud,
)
from dangjian.figures.plotting import save_figure, setup_cjk_font
from dangjian.keywords.inference import caveats, group_sizes, plural_unit, size_labels
from dangjian.keywords.measures import (
    cached_cooccurrence_pmi,
    frequency_matrix,
    frequency_table,
    grouped_slogan_counts,
    keyness_with_intervals,
    slogan_matrix,
    tfidf_top_terms,
    top_terms,
)
from dangjian.project.cache import Cache
from dangjian.project.io import write_table
from dangjian.running.tables import open_tables
from dangjian.tokens.dtm import build_dtm, unit_table
from dangjian.tokens.kwic import kwic, kwic_summary
from dangjian.tokens.tokenize import DomainTokenizer

font_path = setup_cjk_font()
tables_dir = Path(output_dir)
processed = open_tables(corpus_dir, corpus_tables_dir, cache_dir)
units = unit_table(processed, unit)
tokenizer = DomainTokenizer(stopword_lists=stopword_lists)

# %% [markdown]
# ## Documents behind each group
#
# A group's vocabulary is the vocabulary of its documents. The table gives, for each value of the
# grouping column, the number of documents (`n_docs`) and of units (`n_units`, the `unit`
# parameter), whether the group is a single document, and what its bootstrap resamples: its
# documents when it has at least `min_docs` of them, its units otherwise. The caveats below are
# computed from the document table of this corpus; they say what the comparisons can and cannot
# show. Every figure below names each group with the documents (`d`) and units (`u`) behind it.

# %%
sizes = group_sizes(units, group_col, unit=unit, min_docs=min_docs)
write_table(sizes, tables_dir / f"groups_by_{group_col}.csv")
display(sizes)
labels = size_labels(sizes, unit=unit)
sized = f"d = documents, u = {plural_unit(unit)}" if unit != "document" else "d = documents"
notes = caveats(processed.document_table, group_col, min_docs=min_docs, unit=unit)
display(Markdown("**Caveats for this corpus.**\n\n" + "\n".join(f"- {note}" for note in notes)
                 if notes else "**Caveats for this corpus:** none of the checked limits applies."))
comparable = len(sizes) >= 2

# %% [markdown]
# ## Tokens
#
# The clean, simplified text of each document is cut into units (here: the `unit` parameter) and
# tokenized with jieba, extended by a user dictionary of several hundred multi-character terms of
# the genre (基层党组织, 三会一课, 党群服务中心, 第一书记 …) so that these are counted as single terms.
# Stopwords are removed according to the `stopword_lists` parameter: `zh` holds general function
# words, `genre` the boilerplate every report uses (坚持, 推进, 加强, 全面 …), which carries no contrast
# between groups. Numbers, punctuation, redaction placeholders (□), lost characters and single
# characters are dropped. Documents without a value in the grouping column form the group
# `(unspecified)`. The reports that group the same units by region, level and year tokenize them
# once: the tokens are kept in the run's cache under the units' texts and the tokenizer's settings.
#
# The table gives, per group, the number of units, of tokens kept and of documents.

# %%
unit_matrix = build_dtm(units, tokenizer, cache=Cache(cache_dir))
matrix = unit_matrix.group(group_col)
display(matrix.rows)

# %% [markdown]
# ## Frequent terms
#
# Frequencies per group follow quanteda's `textstat_frequency`: raw frequency, rank within the group
# (ties share the better rank), document frequency (number of units of the group containing the
# term) and the rate per 10,000 tokens, which makes groups of different size comparable.

# %%
frequencies = frequency_table(matrix)
write_table(frequencies, tables_dir / f"frequency_by_{group_col}.csv")
top = frequency_table(matrix, top_n=top_n)
display(top.groupby("group").head(5))
fig = plot_top_terms(top.assign(group=top["group"].map(labels)), top_n=top_n,
                     title=f"各组高频词 Top terms per group ({sized})")
save_figure(fig, f"{figure_prefix}_top_terms", figures_dir)
fig

# %% [markdown]
# TF-IDF takes each group as one document (scikit-learn's smoothed idf, rows normalised to unit
# length). Its idf, ln((1 + n) / (1 + df)) + 1, never falls below 1, so a term that every group uses
# keeps its raw frequency as weight rather than being removed: TF-IDF promotes terms specific to
# few groups, but frequent shared terms stay near the top. The share of shared terms among the top
# terms is computed below.

# %%
if comparable:
    tfidf = tfidf_top_terms(matrix, top_n=top_n)
    write_table(tfidf, tables_dir / f"tfidf_by_{group_col}.csv")
    shared = tfidf.groupby("group")["in_every_group"].mean()
    display(Markdown(
        f"Of the {len(tfidf)} top TF-IDF terms of the {tfidf.group.nunique()} groups (up to {top_n} each), "
        f"{int(tfidf.in_every_group.sum())} ({tfidf.in_every_group.mean():.0%}) occur in every group; "
        f"per group the share ranges from {shared.min():.0%} to {shared.max():.0%}."))
    fig = plot_top_terms(tfidf.assign(group=tfidf["group"].map(labels)), top_n=top_n, value="tfidf",
                         title=f"各组 TF-IDF 高分词 Top TF-IDF terms per group ({sized})")
    save_figure(fig, f"{figure_prefix}_tfidf", figures_dir)
    display(fig)
else:
    display(Markdown(f"TF-IDF across groups is skipped: there is only one {group_col} group."))

# %% [markdown]
# The heatmap shows the rate per 10,000 tokens of the ten most frequent terms of each group across
# all groups.

# %%
heatmap_terms = top_terms(frequencies, min(top_n, 10))
rates = frequency_matrix(matrix, heatmap_terms)
fig = plot_term_heatmap(rates.rename(columns=labels), title=f"词 × 组 Terms × groups ({sized})",
                        caption=f"Rate per 10,000 tokens of the most frequent terms (rows) in each {group_col} (columns; {sized}).")
save_figure(fig, f"{figure_prefix}_heatmap", figures_dir)
fig

# %% [markdown]
# ## Keyness
#
# Each group is compared with all other groups together. For every term occurring at least
# `min_count` times in the corpus the table gives the raw counts in the group (target) and the rest
# (reference), the signed log-likelihood G² (positive: over-used by the group) with its p-value
# (χ², one degree of freedom), the log ratio (binary log of the ratio of relative frequencies, 0.5
# added to each count), and the conservative log ratio LRC as computed by R's `corpora::keyness`:
# the bound of the 95 % exact (Clopper-Pearson) confidence interval of the log ratio nearest to zero,
# and 0 when the interval includes equal frequency.
#
# **The family of tests** is every group × every tested term. The p-values are corrected over that
# whole family (`p_adjust_method`: Holm, or Benjamini–Hochberg), and LRC is Bonferroni-adjusted for
# the same number of tests; the figures select terms by the corrected test only.
#
# **Replication.** G² and LRC treat every token as independent, but tokens come in documents. A term
# is called `significant` only when it passes the corrected test *and* the contrast is replicated:
# its group has at least two documents and, for a term the group over-uses, at least two of them
# contain it (`docs_with_term`); for a term it under-uses, at least two documents of the rest contain
# it (`docs_with_term_reference`), so that one other report using a word often does not make every
# group "avoid" it. For a group backed by one document the table and figures still show the
# contrast, labelled as descriptive (pale bars).
#
# **Intervals.** `g2_ci_low`/`g2_ci_high` and `log_ratio_ci_low`/`log_ratio_ci_high` (repeated as
# `ci_low`/`ci_high`, the log ratio the figures plot) are percentile intervals over `n_boot` bootstrap
# replicates with seed `seed`: each group is resampled on its own — its documents when it has at least
# `min_docs`, its paragraphs otherwise (column `resampled`) — and the statistics are recomputed. An
# interval from paragraphs of one document measures how evenly the term is spread over that
# document, not whether another document of the same group would use it.
#
# **Sources.** Each term of the table links to up to `source_sentences` sentences of its group's
# documents that contain it (for a term the group never uses, sentences of the other groups),
# listed under *Source sentences* below with the term highlighted.

# %%
if comparable:
    key = keyness_with_intervals(unit_matrix, group_col, unit=unit, n_boot=n_boot, seed=seed, min_docs=min_docs,
                                 min_count=min_count, p_adjust_method=p_adjust_method, alpha=alpha)
    write_table(key, tables_dir / f"keyness_by_{group_col}.csv")
    summary = key.groupby("group", sort=False).agg(
        n_docs=("n_docs", "first"), n_units=("n_units", "first"), resampled=("resampled", "first"),
        uncorrected=("p_value", lambda p: int((p < alpha).sum())),
        corrected=("p_adjusted", lambda p: int((p < alpha).sum())),
        significant=("significant", "sum"))
    display(summary)
    display(Markdown(
        f"Family of tests: {key.correction.iloc[0]}. "
        f"{int((key.p_value < alpha).sum())} have p < {alpha} before correction, "
        f"{int((key.p_adjusted < alpha).sum())} after it; {int(key.significant.sum())} of these are replicated "
        f"(at least two documents on the side that uses the term more) and called significant. "
        f"Intervals: {n_boot} replicates, seed {seed}."))
    shown = key[key.p_adjusted < alpha]
    sources = term_sources(processed.sentences, shown, by=group_col, max_sentences=source_sentences)
    display(HTML(linked_table(
        shown[["group", "n_docs", "n_units", "resampled", "term", "docs_with_term", "docs_with_term_reference",
               "f_target", "f_reference", "g2",
               "g2_ci_low", "g2_ci_high", "log_ratio", "ci_low", "ci_high", "lrc", "p_adjusted", "significant"]],
        {"term": cell_links(shown["term"], shown.index, sources)})))
else:
    key = None
    display(Markdown(f"Keyness is skipped: there is only one {group_col} group, so there is no rest to compare with."))

# %%
if key is not None:
    for group in matrix.labels:
        fig = plot_keyness(key, group, top_n=min(top_n, 15), alpha=alpha, unit=unit)
        save_figure(fig, f"{figure_prefix}_keyness_{figure_name(group)}", figures_dir)
        display(fig)

# %% [markdown]
# ### Source sentences
#
# The sentences the terms of the keyness table link to, each with its document and sentence
# number; the linked term is highlighted.

# %%
if key is not None:
    display(HTML(sources_html(sources)))

# %% [markdown]
# ## Keywords in context
#
# A score says that a term matters; its sentences say how it is used. For each term of the
# parameter `kwic_terms` (by default the most key term of each group, where keyness was computed,
# else the most frequent term), every occurrence with the text around it, its document and its
# group, and how many occurrences and documents stand behind each group. The full tables are
# written as `kwic_<term>.csv`.

# %%
if kwic_terms:
    terms = list(kwic_terms)
elif key is not None and len(key):
    terms = list(dict.fromkeys(key.sort_values("g2", ascending=False).groupby("group", sort=False)["term"].first()))
else:
    terms = list(top["term"].head(1)) if "term" in top.columns else []
sentences = processed.sentences
for term in terms:
    table = kwic(sentences, term, window=kwic_window)
    write_table(table, tables_dir / f"kwic_{figure_name(term)}.csv")
    display(Markdown(f"**{term}**: {len(table)} occurrences in {table['doc_id'].nunique()} documents"))
    display(kwic_summary(table, by=[group_col]))
    display(table[["doc_id", group_col, "left", "term", "right"]].head(top_n) if group_col in table.columns
            else table[["doc_id", "left", "term", "right"]].head(top_n))

# %% [markdown]
# ## Slogans and formulations (提法)
#
# Party-building reports are built around numbered formulas (三会一课, 四个意识, 两个维护, 一村一策,
# 五单闭环) and short slogans in quotation marks (“强基固本”, “书记项目”). Both are found by pattern,
# not from a list: alternating numeral phrases (一X一Y), a numeral followed by a formula classifier
# (四个…, 六大…, 三张…) and any short quoted phrase; dates, ordinals and ordinary counts are excluded.
# They are counted per document within each group; the tables list the formulas and slogans that
# occur in the most groups first.

# %%
slogans = grouped_slogan_counts(units, group_col, cache=Cache(cache_dir), missing_label="(unspecified)")
write_table(slogans, tables_dir / f"slogans_by_{group_col}.csv")
numbered = slogan_matrix(slogans, group_col, kind="numbered")
quoted = slogan_matrix(slogans, group_col, kind="quoted")
display(numbered.head(top_n))
display(quoted.head(top_n))

# %%
formulas = numbered.head(25).drop(columns=["total", "groups"])
if not formulas.empty:
    fig = plot_term_heatmap(formulas.rename(columns=labels), value_label="次数 (count)",
                            title=f"编号提法 × 组 Numbered formulas × groups ({sized})",
                            caption=f"Occurrences of the {len(formulas)} most widespread numbered formulas (rows) in each "
                                    f"{group_col} (columns; {sized}).")
    save_figure(fig, f"{figure_prefix}_formulas", figures_dir)
    display(fig)

# %% [markdown]
# ## Co-occurrence
#
# Pointwise mutual information of the most frequent terms co-occurring in the same sentence:
# PMI = log2(n_ab · N / (n_a · n_b)) with N sentences and n the number of sentences containing
# each term and both; normalised PMI (NPMI) = PMI / −log2(n_ab / N) is 1 for terms that always
# occur together. Pairs seen in fewer than three sentences are left out. The sentences are read from
# the corpus tables one partition at a time, so that memory holds one partition's sentences. The
# table does not depend on the grouping: the reports by region, level and year compute it once.

# %%
def sentence_texts():
    return (text for part in processed.iter("sentences", ["text"]) for text in part["text"])


pmi = cached_cooccurrence_pmi(sentence_texts, tokenizer, processed.digest("sentences"), Cache(cache_dir),
                              top_n=max(top_n, 30), min_cooccurrence=3)
write_table(pmi, tables_dir / "cooccurrence_pmi.csv")
display(pmi.head(top_n))

# %% [markdown]
# ## Word clouds
#
# The clouds are drawn from the token counts above (the word-cloud package's own tokenizer cannot
# segment Chinese), one for the whole corpus and one per group, side by side; word size is
# proportional to frequency and the layout is fixed by a seed.

# %%
clouds = {"全部 corpus": word_cloud(cloud_frequencies(frequencies), font_path)}
clouds.update({labels.get(str(group), str(group)): word_cloud(cloud_frequencies(frequencies, group), font_path)
               for group in matrix.labels})
fig = plot_word_clouds(clouds)
save_figure(fig, f"{figure_prefix}_wordclouds", figures_dir)
fig
