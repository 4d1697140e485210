"""dangjian: research tools for Chinese grassroots party-building (基层党建) reports.

The data flow, one module per stage::

    corpus (read files + metadata) -> clean (edits + offset map) -> segment (sections,
    paragraphs, sentences) -> indicators | tokenize -> keywords | topics -> compare / plotting

Example:
    >>> from dangjian.clean import clean_text
    >>> clean_text("黨的基層組織是黨執(zhí)政的組織基礎").text
    '党的基层组织是党执政的组织基础'
"""

__version__ = "0.1.0"
