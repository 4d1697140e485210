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
# # Quantitative indicators: every number, what it measures, and what it can be compared with
#
# Grassroots party-building reports make their claims in numbers: members and organisations,
# cadres trained, funds raised, rates of disputes mediated. This notebook turns every such number
# of the corpus into one row of a table — value, unit, precision, what is measured, its kind
# (amount, share, change, target) and its core indicator where one applies — traced back to the
# sentence and to the characters of the raw file. It then sets side by side only the numbers that
# can be compared: the same core indicator, the same kind and the same unit class, each with the
# level, year and document it comes from.

# %% tags=["parameters"]
corpus_dir = "data/raw"  # role: corpus
taxonomy = ""  # role: input
region_col = "region"  # role: column
output_dir = "data/processed/indicators"  # role: output
figures_dir = "figures"  # role: figures
figure_prefix = "indicators"  # role: figure_prefix
corpus_tables_dir = "data/processed/tables"  # role: tables
cache_dir = "data/processed/cache"  # role: cache

# %%
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from dangjian.comparison import compare
from dangjian.comparison.drilldown import indicator_sources, linked_comparison, sources_html
from dangjian.figures import indicators as plotting_indicators
from dangjian.figures.plotting import save_figure, setup_cjk_font
from dangjian.indicators import for_export, load_taxonomy
from dangjian.indicators.core import KINDS, core_table
from dangjian.project.cache import Cache
from dangjian.project.io import write_table
from dangjian.running.tables import open_tables

setup_cjk_font()
pd.set_option("display.max_colwidth", 80)
tables_dir = Path(output_dir)
canonical = load_taxonomy(taxonomy or None)
processed = open_tables(corpus_dir, corpus_tables_dir, cache_dir)
documents = processed.document_table
indicators = processed.indicators(taxonomy or None)  # extracted again from the sentences if the taxonomy is not the tables'
excluded = processed.excluded

# %% [markdown]
# ## Method
#
# **Reading the numbers.** Each document is cleaned (traditional characters converted to
# simplified ones, pinyin readings and page furniture removed, numbers split by a space joined) and
# cut into sentences; the extractor reads the clean sentences. A single regular expression,
# compiled once, finds every candidate: an Arabic number (ASCII or full-width digits, decimals,
# thousands separated by commas or spaces) or a Chinese numeral (七, 两, 十一, 一百零五, 三分之一),
# optionally preceded by a qualifier (超过, 不少于, 约, 近, 不足) and followed by 余/多, a multiplier
# (万, 亿, 千), a unit from a lexicon of the genre's classifiers and measures (个, 名, 人次 — also
# written 人(次) —, 元, %, 个百分点, 亩, 岁, 次, 期, 场次 …) and a trailing qualifier (以上, 左右,
# 以下). Ranges (1至2名) keep both bounds. Values are kept as written (`value`), with the multiplier
# and their product (`value_norm`); the unit is given without its multiplier and assigned a class
# (count, person, person_time, money_cny, percent, percentage_points, area_mu, age_years, times,
# other). `个百分点` is the difference of two percentages: unit 百分点, class percentage_points,
# never a percent. The qualifier is kept as structure (`approx`: exact, over, at_least, about,
# under, range) and no bound that the text does not state is invented. Statistics laid out as a
# table (`正式党员120，预备党员15`, `党总支：2`, `党员总数 1086  支部数 26`) are read although they
# carry no classifier: the label before the number says what it counts.
#
# **Numbers that are not indicators.** A candidate is rejected, with a recorded reason, when it is
# a year, a date or a time phrase (2024年, 一年来, 近两年); an ordinal or rank (第一书记, 第二批, 二期);
# a number inside a document title (《…》) or inside a short quotation, where this genre puts names,
# slogans and formulas (“光荣在党50年”, “十户联体”, “15分钟便民服务圈”); a numbered formula (四个意识,
# 两个维护, 四个一), a formula joined by a plus sign, also where the sign was lost (“2+1”, “1 1”, 5 N);
# a bare number without unit (5221分配模式, 365品牌); a meeting name (十九届四中全会, 八届五次全委会);
# the numeral 一 as an article (一个支部, 新一轮) and a count of one after a negation (未发展1名党员:
# not a single one); an idiom (千千万万个, 三番五次, 三面环山); an
# estimate (数十个); page furniture — visit, read and like counters, word counts, reading time,
# page numbers, licence and registration numbers (访问次数：895, 阅读时长：约8分钟, 1.2万人阅读). All
# rules are general — structure and small lexicons of the genre — and none refers to a particular
# document.
#
# **What is measured.** Each quantity receives a short subject read from its clause: the phrase
# before the number from its last action verb on (建立党建联系点3799个 → 建立党建联系点), the noun phrase
# that a classifier introduces (下发7个配套方案 → 下发配套方案), or the own item of a list before 分别
# (调解率、化解率分别达到98.6%、96.1%). What the text leaves out is restored from the number it
# refers back to: an elided subject (全县共有党员2.1万名，比上年净增300名 → 党员), a share of the
# group just counted (女党员5432名，占党员总数的25.9% → 女党员), a trait of a group (后备力量3302名，
# 平均年龄33.3岁 → 后备力量平均年龄; 发展党员581名，其中女性210名 → 发展党员中女性), the items of a
# list under a heading or a `X中，` clause (党员的职业。工人…，农牧渔民… → 党员中工人 …). Numbers that
# only bound a group (21个村村财收入**超过20万元**, **35岁以下**党员, **31至35岁**党员) are flagged as
# thresholds.
#
# **Kinds.** A quantity is an `amount` (a stock, a total, a per-unit average), a `share` (a part of a
# whole or a rate), a `change` (a difference from an earlier time or a growth rate: 净增, 同比增长,
# 提高0.5个百分点) or a `target` (planned, required or expected: 力争, 计划, 确保, 预计), read from the
# words before the number. Two numbers are comparable only when their kinds agree.
#
# **Core indicators.** The 44 core indicators are the categories of the party's own statistics
# (members, recruits, organisations and their coverage) and the recurring measures of grassroots
# work (first secretaries, training, service sites, collective income, funds …):

# %%
display(pd.DataFrame(core_table()))

# %% [markdown]
# A taxonomy file maps each quantity to an indicator and so to its core indicator: each entry
# names its core id, the unit classes it accepts and keyword patterns searched in the subject and
# in the clause; the first matching entry of the file is assigned. Each mapping carries a
# confidence — the entry's own, lowered when only the clause matched and when an entry of another
# category matches the subject too — and a quantity whose mapping is below the taxonomy's
# `min_confidence` is left unmapped: an unsure mapping is worse than none. Thresholds are never
# mapped. A researcher adds or changes an indicator, its patterns or its core id by editing a copy
# of the file and passing it as the `taxonomy` parameter. The taxonomy used here:

# %%
print(f"{canonical.source}: {len(canonical.indicators)} indicators, min_confidence {canonical.min_confidence}")
display(pd.DataFrame(canonical.table()))

# %% [markdown]
# **Accuracy.** Scored against hand-checked lists of every number — the five seed documents
# (`tests/gold/`) and a development set of texts of other regions, levels and kinds of report
# (`tests/devset/`) — by the tools in `tests/tools/`. On texts the rules were written from, values
# and kinds are right throughout and core ids nearly so; on ten held-out texts never read while
# the rules were written, measured once and blind, 0.827 of the numbers are found (0.979 of those
# reported are right), a core id given is right 0.910 of the time but only 0.458 of the labelled
# core ids are given, and kinds are right 0.973 of the time (0.909 on shares, changes, targets).
# Read the core columns as a first pass to check, not as a finished coding: the README's Indicators
# section gives every figure, and the test suite checks the thresholds on every run.
#
# ## The indicator table
#
# One row per quantitative mention, in document order. `surface` is the clean text of the mention,
# `raw_surface` the same span of the raw file (`raw_start`, `raw_end`: traditional characters and
# pinyin as the file has them); `sentence` is the clean sentence it was read from.

# %%
mapped = indicators["core_id"] != ""
print(f"{len(indicators)} quantities in {indicators['doc_id'].nunique()} documents; "
      f"{int(mapped.sum())} mapped to {indicators.loc[mapped, 'core_id'].nunique()} core indicators; "
      f"{int(indicators['threshold'].sum())} group thresholds")
display(indicators["kind"].value_counts().reindex(KINDS, fill_value=0).rename("quantities").to_frame())
display(indicators[["doc_id", "surface", "raw_surface", "value_norm", "unit", "unit_class", "approx", "subject", "kind",
                    "core_id", "confidence", "sentence"]])

# %% [markdown]
# Numbers read and not reported, by reason — the audit trail of the exclusion rules:

# %%
display(excluded.groupby("reason").agg(numbers=("surface", "size"), examples=("raw_surface", lambda s: "、".join(dict.fromkeys(s).keys())[:80])))

# %% [markdown]
# ## Coverage by region and category
#
# The comparisons below group documents by the column `region_col` names: `region` in the
# parameter set `03_indicators`, `year` in `03_indicators_year` (the same indicators over time, for
# corpora that span years). Each group keeps its administrative level in its label, so a national
# figure and a county's never share a row; "region" below means the group.
#
# How many quantities each region reports in each category (regions from the centre down, each
# with its administrative level). The last column counts quantities that match no indicator. The
# figure shows each region's mapped quantities as shares of the categories (rows sum to 100 %), so
# that a long report and a short one compare by profile, and the share left unmapped apart.

# %%
coverage = compare.coverage(indicators, documents, region_col, categories=list(canonical.categories))
display(coverage)
category_labels = {key: f"{value.get('zh', '')} {key}" for key, value in canonical.categories.items()}
fig = plotting_indicators.plot_coverage(coverage, category_labels)
save_figure(fig, f"{figure_prefix}_coverage", figures_dir)
fig

# %% [markdown]
# ## Quantification density
#
# Quantities per 1,000 characters of clean text, by document (for a corpus of more than forty documents,
# one dot per document in a row per region): how much a report argues in numbers.
# Guidance from the centre states tasks and few numbers; local reviews and summaries report results.

# %%
density = compare.density(indicators, documents, region_col)
display(density)
fig = plotting_indicators.plot_density(density)
save_figure(fig, f"{figure_prefix}_density", figures_dir)
fig

# %% [markdown]
# ## Comparison tables, one kind at a time
#
# Each table sets side by side the numbers of ONE kind: a row per core indicator and unit class,
# a column per region (with its level, from the centre down), and in each cell the region's
# numbers, each with what it measures (its subject: one core indicator gathers different cut-offs
# and parts, 30岁及以下 beside 35岁及以下, 大专 beside 大专及以上), its year and its document. A share is never set beside an amount, a change beside a
# stock, persons beside person-times. A number a document states again (a headline restating its
# body) is one value, marked with how often it is stated (`×2`), not a second piece of evidence.
# A cell lists a region's first numbers and then how many more
# there are (the limit and the number of cells it shortens are printed below; the CSV tables
# written at the end list every number). Values keep their precision (> more than, ≥ at least,
# ≈ about, < under). A prefecture's totals, a county's and a township's differ in scale, and a
# national document states requirements rather than results: amounts are read within a level, or
# as orders of magnitude across levels — never as a ranking of places. Every value links to the
# sentence it was read from, listed under *Source sentences* below with the number highlighted.
#
# **Amounts** (stocks, totals, per-unit averages):

# %%
comparable = compare.comparable(indicators, documents, region_col)
sources = indicator_sources(compare.shown_values(comparable), processed.iter("sentences", ["doc_id", "sentence_id", "text"]))
cell_sizes = comparable.groupby(["core_id", "unit_class", "kind", "region_label"]).size()
display(Markdown(f"A cell lists at most {compare.MAX_CELL_VALUES} numbers; {int((cell_sizes > compare.MAX_CELL_VALUES).sum())} "
                 f"of the {len(cell_sizes)} cells hold more ({int(cell_sizes.max()) if len(cell_sizes) else 0} at most)."))
amounts = compare.comparison_table(comparable, "amount")
display(HTML(linked_comparison(comparable, "amount", sources, compare.MAX_CELL_VALUES)))

# %% [markdown]
# **Shares** (parts of a whole, rates, coverage):

# %%
shares = compare.comparison_table(comparable, "share")
display(HTML(linked_comparison(comparable, "share", sources, compare.MAX_CELL_VALUES)))

# %% [markdown]
# **Changes** (differences from an earlier time, growth rates, percentage points) and **targets**
# (planned or required values), which compare only with changes and targets:

# %%
changes = compare.comparison_table(comparable, "change")
targets = compare.comparison_table(comparable, "target")
display(HTML(linked_comparison(comparable, "change", sources, compare.MAX_CELL_VALUES)))
display(HTML(linked_comparison(comparable, "target", sources, compare.MAX_CELL_VALUES)))

# %% [markdown]
# ### Source sentences
#
# The sentences the compared values link to, each with its document and sentence number; the
# number as written is highlighted.

# %%
display(HTML(sources_html(sources)))

# %% [markdown]
# The core indicators two or more regions report, one figure per kind, one panel per indicator and
# unit class, a row per region and one dot per value (colour = administrative level; hollow: a bound
# or an estimate). Each panel has its own scale, logarithmic only where its values span more than
# a hundredfold:

# %%
for kind in KINDS:
    if plotting_indicators.comparison_panels(comparable, kind):
        fig = plotting_indicators.plot_comparison(comparable, kind, groups=compare.group_names(region_col))
        save_figure(fig, f"{figure_prefix}_compared_{kind}", figures_dir)
        display(fig)

# %% [markdown]
# ## What is left unmapped
#
# The quantities without a core indicator, grouped by subject, the most frequent first. Some
# measure what no core indicator covers (population, area, enterprise finance); others are
# indicators a researcher may add to the taxonomy. `unsure` counts the quantities a rule matched
# with too little confidence to map them; `indicators` names taxonomy entries without a core id.

# %%
unmapped = compare.unmapped_subjects(indicators)
print(f"{int(unmapped['quantities'].sum()) if not unmapped.empty else 0} quantities without a core indicator, {len(unmapped)} subjects")
display(unmapped.head(40))

# %% [markdown]
# ## Exports
#
# The full table (CSV, UTF-8), the numbers that were excluded with their reasons, the comparison
# tables and the unmapped subjects are written to the output folder. The Excel file of the full
# table is written once, with the document columns beside every quantity, as
# `export/indicators.xlsx` (next section): for a corpus of tens of thousands of quantities, each
# Excel file of the table takes longer to write than the rest of the notebook to run.

# %%
written = [
    write_table(for_export(indicators), tables_dir / "indicators.csv"),
    write_table(excluded, tables_dir / "excluded_numbers.csv"),
    write_table(coverage.reset_index(), tables_dir / "coverage_region_category.csv"),
    write_table(density, tables_dir / "density_by_document.csv"),
    write_table(comparable, tables_dir / "comparable_quantities.csv"),
    write_table(amounts, tables_dir / "compare_amounts.csv"),
    write_table(shares, tables_dir / "compare_shares.csv"),
    write_table(changes, tables_dir / "compare_changes.csv"),
    write_table(targets, tables_dir / "compare_targets.csv"),
    write_table(unmapped, tables_dir / "unmapped_subjects.csv"),
]
for path in written:
    print(path)

# %% [markdown]
# ## Analysis-ready exports
#
# The `export` folder inside the output folder holds the tables for spreadsheets and statistics
# packages, each as CSV (UTF-8 with a BOM, so that Excel shows the Chinese; a text starting with
# `=`, `+`, `-` or `@` gets a leading apostrophe and stays text), Excel and Stata 118 (`.dta`):
# `indicators` (one row per quantity, with the region, province, prefecture, county, level, year and
# genre of its document, and value, unit, unit class, kind and core indicator each in its own
# column), `documents` (one row per document: metadata and counts) and `indicators_wide` (one row
# per document, one column per core indicator × kind × unit class holding the document's first
# value by position, with the number of values in `__n` and an approximation flag in `__approx`).
# `codebook.csv` and `codebook.md` give every column's type, unit, meaning, allowed values and Stata name.
# Another report of the run with the same tables (the indicators by year) copies these files, after a
# check of their bytes, instead of writing them again.

# %%
from dangjian.running import exports

for path in exports.write_exports(tables_dir / exports.EXPORT_FOLDER, documents, indicators, cache=Cache(cache_dir)):
    print(path)
