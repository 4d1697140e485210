"""dangjian: research tools for Chinese grassroots party-building (基层党建) reports.

The modules are grouped by stage, in the order data flows; a package imports only ``project``,
itself and the packages above it (``cli`` may import any)::

    project/       what every stage uses: io (atomic output), schema (table columns),
                   layout (paths of a run), params (parameter files), cache
    reading/       corpus (files + metadata.csv, decoding), stream, formats/ (html, docx, pdf)
    cleaning/      edits (edits + offset map), clean (the cleaning steps)
    metadata/      places (gazetteer), guess (metadata.csv drafted from the clean texts)
    segmentation/  segment (sections, paragraphs, sentences), formulas, pipeline (per document)
    indicators/    numbers in context: unit, kind, core indicator, the indicator table
    tokens/        tokenize (jieba/rjieba), dtm (document-term matrices), kwic
    keywords/      inference (intervals, tests, caveats), measures (frequencies, keyness, slogans)
    topics/        topic units, NMF/LDA, coherence, stability, consensus, summaries, effects
    comparison/    compare (like-with-like tables), drilldown (links to source sentences)
    figures/       captions, plotting (CJK font, heat maps), keywords, topics, indicators
    running/       status, engine, tables (the process step), exports, overview, freshness,
                   runlock, share/ (pages, index, methods), runner (papermill)
    cli/           the ``dangjian`` command: the only place that prints

Example:
    >>> from dangjian.cleaning.clean import clean_text
    >>> clean_text("黨的基層組織是黨執(zhí)政的組織基礎").text
    '党的基层组织是党执政的组织基础'
"""

__version__ = "0.1.0"
