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
# # The corpus: sources, cleaning and structure
#
# This notebook documents the first stage of the analysis. It reads every document of the corpus
# folder with its `metadata.csv`, cleans the text and segments it into sections, paragraphs and
# sentences. The corpus is processed once, by `dangjian process` (the first step of `dangjian run`),
# into the corpus tables (`corpus_tables_dir`); this notebook and all later ones read those tables.

# %% tags=["parameters"]
corpus_dir = "data/raw"  # role: corpus
output_dir = "data/processed/corpus"  # role: output
figures_dir = "figures"  # role: figures
figure_prefix = "corpus"  # role: figure_prefix
corpus_tables_dir = "data/processed/tables"  # role: tables
cache_dir = "data/processed/cache"  # role: cache

# %%
from IPython.display import Markdown, display

from dangjian.figures.plotting import save_figure, setup_cjk_font
from dangjian.running import overview
from dangjian.running.status import status_table
from dangjian.running.tables import open_tables

setup_cjk_font()
processed = open_tables(corpus_dir, corpus_tables_dir, cache_dir)

# %% [markdown]
# What this corpus is, counted from the documents themselves:

# %%
table = overview.corpus_table(processed)
statuses = status_table(processed)["status"].value_counts()


def _known(column: str) -> list[str]:
    """The distinct recorded values of a metadata column, in order (empty if the column is absent)."""
    if column not in table.columns:
        return []
    values = table[column].dropna().astype(str).str.strip()
    return sorted({value for value in values if value})


def _level_rank(level: str) -> tuple[int, str]:
    order = list(overview.LEVEL_ORDER)
    return (order.index(level) if level in order else len(order), level)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


years = _known("year")
analysed = int(statuses.get("ok", 0) + statuses.get("warning", 0))
summary = (
    f"The corpus `{corpus_dir}` has {_plural(analysed, 'document')} analysed "
    f"({statuses.get('ok', 0)} ok, {statuses.get('warning', 0)} with warnings)"
    + (f" and {_plural(int(statuses.get('skipped', 0)), 'file')} skipped" if statuses.get("skipped", 0) else "")
    + f": {int(table['clean_chars'].sum()):,} characters of clean text"
    + (f", from {_plural(len(_known('region')), 'region')}" if _known("region") else ", without recorded regions")
    + (f"; levels {', '.join(sorted(_known('level'), key=_level_rank))}" if _known("level") else "")
    + (f"; years {years[0]}–{years[-1]}" if len(years) > 1 else f"; year {years[0]}" if years else "")
    + "."
)
display(Markdown(summary))

# %% [markdown]
# ## Sources
#
# Each document is described by its region, administrative level (national, province, prefecture,
# county, township, village), year and genre as recorded in `metadata.csv`; where the text itself carries a
# publication date or an author line, the cleaning stage adds them. The encoding column records how
# the file was decoded (UTF-8, UTF-16, GB18030 or Big5 are detected automatically). Lengths are in
# characters before and after cleaning.

# %%
display(table)

# %% [markdown]
# The corpus report gives every file a status. *ok* documents raised no doubt. *warning* documents
# are analysed, with the reason to look at them: characters lost in transmission, metadata missing or
# guessed, a web page saved as `.txt`, text that ran over 500 characters without a sentence end and
# was cut at commas, or a clean text that another file holds too (the same report saved twice, which
# would count twice in every comparison). *skipped* files (empty, binary, without Chinese) are left out of every analysis.
# `dangjian run` prints the same report at the end of the run and fails if a file was skipped.

# %%
display(status_table(processed))

# %% [markdown]
# ## Cleaning
#
# Cleaning is a sequence of small steps, each recorded. Normalisation unifies spaces, full-width
# digits and punctuation; removal takes out web-page furniture (breadcrumbs, editor and date lines,
# font controls, related-news lists), the author lines of signed articles (kept as metadata) and
# pinyin readings inserted after characters (`執(zhí)政` → `執政`); conversion turns traditional
# characters into simplified ones with OpenCC's `tw2s` dictionary, which resolves 著/着 by phrase,
# and replaces redactions and template-site names with the placeholder □. Characters lost in
# transmission (`?`, `�`) are not guessed: they stay in the text and are counted. Every character of
# the clean text keeps a pointer to its position in the raw file, so each later finding can be traced
# to the original.
#
# The table counts edits per document and step; the figure shows the same as a heatmap (for a corpus of
# more than forty documents, the number of documents in each band of edit counts, per step).

# %%
counts = overview.cleaning_counts(processed)
display(counts)
fig = overview.plot_cleaning_counts(counts)
save_figure(fig, f"{figure_prefix}_cleaning_steps", figures_dir, caption=overview.cleaning_caption(counts))
fig

# %% [markdown]
# Examples of each change, before → after, and the complete list of text removed as furniture or
# author lines (nothing is deleted silently):

# %%
display(overview.cleaning_examples(processed))
display(overview.removed_text(processed))

# %% [markdown]
# ## Structure
#
# Paragraphs are lines of the clean text; a report pasted onto a single line is split before each
# numbered heading that follows a sentence end. Headings are recognised by form (`一、`, `（一）`,
# `1.`, short unpunctuated title lines), and `一是 / 二是` enumerations label the sentences of their
# item. The figure compares document length and structure (for more than forty documents, as
# histograms over the documents).

# %%
fig = overview.plot_length_and_structure(table)
save_figure(fig, f"{figure_prefix}_length_structure", figures_dir, caption=overview.structure_caption(table))
fig

# %%
display(processed.sections[["doc_id", "level", "section_path"]])

# %% [markdown]
# ## Outputs
#
# The clean texts and the tidy tables (documents, sections, paragraphs, sentences as Parquet; the
# cleaning record as CSV) are written to the output folder.

# %%
for path in processed.save(output_dir):
    print(path)

# %% [markdown]
# ## Analysis-ready exports
#
# The `export` folder inside the output folder holds the document table for spreadsheets and
# statistics packages: `documents.csv` (UTF-8 with a BOM, so that Excel shows the Chinese; a text
# starting with `=`, `+`, `-` or `@` gets a leading apostrophe and stays text), `documents.xlsx` and
# `documents.dta` (Stata 118), one row per document with its metadata and counts, and the codebook
# (`codebook.csv`, `codebook.md`) with every column's type, meaning, allowed values and Stata name.
# The indicators notebook writes the same files with the indicator tables beside them.

# %%
from pathlib import Path

from dangjian.running import exports

for path in exports.write_exports(Path(output_dir) / exports.EXPORT_FOLDER, processed.document_table):
    print(path)
