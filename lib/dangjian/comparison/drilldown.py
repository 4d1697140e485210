"""Drill-down: from a term, a topic cell or a compared number in a report to the sentences behind it.

A report's tables summarise; a reader who doubts a cell wants the text it comes from. This module
builds, for the items of a table, a **sources table** (one row per item and source sentence:
``item``, ``doc_id``, ``sentence_id``, ``text``, ``marks`` — the strings to highlight — and
``anchor``), the HTML block that lists those sentences on the report's page
(:func:`sources_html`), and the table whose cells link to them (:func:`cell_links`,
:func:`linked_table`). Three kinds of item have their own finder:

- a term (of a group): :func:`term_sources`, the first sentences containing it, in corpus order;
- a topic × group cell: :func:`topic_sources`, the group's units with the largest share of the topic;
- a quantity of the indicator table: :func:`indicator_sources`, the sentence it was read from.

An anchor is a pure function of the document and the sentence (:func:`anchor_id`), so a sentence
cited by several items is listed once and every link to it agrees. Every text from the corpus is
HTML-escaped: a document containing ``<script>`` shows the characters, it never runs them. At most
``max_sentences`` sentences stand behind an item, so the page grows with the number of items
shown, not with the corpus.

Example:
    >>> sentences = pd.DataFrame({"doc_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "region": ["甲", "甲", "乙"],
    ...                           "text": ["全市党建工作稳步推进。", "抓党建促发展。", "乡村振兴<script>。"]})
    >>> items = pd.DataFrame({"group": ["甲", "乙"], "term": ["党建", "乡村振兴"]})
    >>> sources = term_sources(sentences, items, by="region", max_sentences=1)
    >>> sources[["item", "doc_id", "sentence_id"]].values.tolist()
    [[0, 'a', 0], [1, 'b', 0]]
    >>> cell_links(items["term"], items.index, sources)[1]
    '<a class="dj-drill" href="#src-b-0-db26662d95" data-marks="[&quot;乡村振兴&quot;]">乡村振兴</a>'
    >>> "<mark>乡村振兴</mark>&lt;script&gt;" in sources_html(sources)
    True
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from dangjian.keywords.inference import size_label
from dangjian.tokens.dtm import MISSING_LABEL, group_labels

#: Columns of a sources table, in order.
SOURCE_COLUMNS = ("item", "doc_id", "sentence_id", "text", "marks", "anchor")
#: Every anchor of a source sentence starts with this (headings of the page never do).
ANCHOR_PREFIX = "src-"
#: Default number of sentences shown per item.
MAX_SENTENCES = 3
#: Default length (characters) beyond which a source is shown as an excerpt around its first mark.
MAX_CHARS = 600

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_SEPARATOR = "\x00"  # between sentences in a search text: no term contains it
_MARKER = re.compile("\ue000(\\d+)\ue001")  # private-use brackets around a row number in a cell
_STYLE = (
    "<style>.dj-sources p{margin:0.2em 0}.dj-source:target{background:#fff3b0;outline:2px solid #e0b000}"
    ".dj-where{color:#666;font-size:0.85em;margin-right:0.6em}.dj-sources mark{background:#ffe58a;padding:0}</style>"
)


def anchor_id(doc_id: object, sentence_id: object) -> str:
    """The HTML id of a source sentence: letters, digits, ``-`` and ``_`` only, the same for the
    same document and sentence (or unit) id, different for different ones.

    The readable part keeps the ASCII letters and digits of both ids; a digest of the exact ids
    keeps documents named alike (``甲县 2021`` and ``乙县 2021``) apart.

    Example:
        >>> anchor_id("pingliang-2024", 12)
        'src-pingliang-2024-12-2ce9d3479f'
        >>> anchor_id("甲县 2021", 3) != anchor_id("乙县 2021", 3), anchor_id("a", 3.0) == anchor_id("a", 3)
        (True, True)
        >>> bool(re.fullmatch(r"[A-Za-z0-9_-]+", anchor_id("<b>\\"x\\"</b>", "a:para2")))
        True
    """
    if isinstance(sentence_id, (float, np.floating)) and float(sentence_id).is_integer():
        sentence_id = int(sentence_id)  # 3.0 from a column with gaps is sentence 3
    doc, sentence = str(doc_id), str(sentence_id)
    digest = hashlib.sha1(f"{doc}\x1f{sentence}".encode("utf-8")).hexdigest()[:10]
    readable = [part for part in (_UNSAFE.sub("_", doc).strip("_")[:40], _UNSAFE.sub("_", sentence).strip("_")[:20]) if part]
    return ANCHOR_PREFIX + "-".join([*readable, digest])


def _sources_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    frame["anchor"] = [anchor_id(d, s) for d, s in zip(frame["doc_id"], frame["sentence_id"])]
    return frame


def _first_hits(joined: str, starts: list[int], term: str, limit: int) -> list[int]:
    """Positions (in ``starts``) of the first ``limit`` sentences of ``joined`` containing ``term``."""
    hits: list[int] = []
    position = 0
    while len(hits) < limit:
        found = joined.find(term, position)
        if found < 0:
            break
        index = bisect.bisect_right(starts, found) - 1
        hits.append(index)
        position = starts[index + 1] if index + 1 < len(starts) else len(joined)
    return hits


def term_sources(
    sentences: pd.DataFrame,
    items: pd.DataFrame | Sequence[str],
    *,
    by: str | None = None,
    max_sentences: int = MAX_SENTENCES,
    missing_label: str = MISSING_LABEL,
) -> pd.DataFrame:
    """The first ``max_sentences`` sentences (corpus order) containing each item's ``term``.

    ``items`` is a table with a ``term`` column (or a list of terms); its index labels become the
    sources' ``item``. With ``by`` (a column of ``sentences``), each item also names a value of it
    in its ``group`` column (as a keyness table does), and its sentences come from the group's
    documents — or, for a term the group never uses, from the other groups'. Terms match as
    written, as substrings of the clean text (as :func:`dangjian.tokens.kwic.kwic` does). Each term is
    searched with ``str.find`` in one text per group (and one of the corpus), so the cost of an
    item is the text read until its sentences are found.

    Example:
        >>> sentences = pd.DataFrame({"doc_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "region": ["甲", "甲", None],
        ...                           "text": ["党建引领。", "抓党建。", "党建和网格。"]})
        >>> term_sources(sentences, ["党建"], max_sentences=2)[["doc_id", "sentence_id"]].values.tolist()
        [['a', 0], ['a', 1]]
        >>> items = pd.DataFrame({"group": ["(unspecified)", "甲"], "term": ["党建", "网格"]})
        >>> term_sources(sentences, items, by="region")[["item", "doc_id", "marks"]].values.tolist()
        [[0, 'b', ('党建',)], [1, 'b', ('网格',)]]
    """
    if max_sentences < 1:
        raise ValueError(f"term_sources: max_sentences must be 1 or more, not {max_sentences}")
    if not isinstance(items, pd.DataFrame):
        items = pd.DataFrame({"term": list(items)})
    # the texts stay in the table's column: a group's sentences are joined into one string when
    # the group is first searched, never held as one Python string per sentence
    texts = sentences["text"].astype(str).reset_index(drop=True)
    lengths = texts.str.len().to_numpy(dtype=np.int64)
    members: dict[str | None, np.ndarray] = {None: np.arange(len(texts))}
    if by:
        labels = group_labels(sentences[by], missing_label).reset_index(drop=True)
        members.update({label: np.asarray(rows, dtype=np.int64) for label, rows in labels.groupby(labels, sort=False).indices.items()})
    haystacks: dict[str | None, tuple[str, list[int], list[int]]] = {}

    def haystack(group: str | None) -> tuple[str, list[int], list[int]]:
        """The joined text, sentence starts and sentence rows of a group (None: the whole corpus)."""
        if group not in haystacks:
            rows = members.get(group, np.zeros(0, dtype=np.int64))
            starts = np.concatenate([[0], np.cumsum(lengths[rows] + len(_SEPARATOR))[:-1]]) if len(rows) else []
            joined = texts.iloc[rows].str.cat(sep=_SEPARATOR) if len(rows) else ""
            haystacks[group] = (joined, [int(start) for start in starts], rows.tolist())
        return haystacks[group]

    doc_ids, sentence_ids = sentences["doc_id"].reset_index(drop=True), sentences["sentence_id"].reset_index(drop=True)
    records = []
    for item, record in zip(items.index, items.to_dict("records")):
        term = str(record["term"])
        if not term or _SEPARATOR in term:
            continue
        hits: list[int] = []
        # a term its group never uses is found in the corpus, that is, in the other groups
        for group in (str(record["group"]), None) if by else (None,):
            joined, starts, rows = haystack(group)
            hits = [rows[i] for i in _first_hits(joined, starts, term, max_sentences)]
            if hits:
                break
        records += [{"item": item, "doc_id": doc_ids.iat[row], "sentence_id": sentence_ids.iat[row], "text": texts.iat[row],
                     "marks": (term,)} for row in hits]
    return _sources_frame(records)


def topic_sources(model, by: str | None = None, *, max_sentences: int = 2, n_terms: int | None = None,
                  missing_label: str = MISSING_LABEL) -> pd.DataFrame:
    """The units most loaded on each topic, per group of ``by`` (or over the corpus).

    ``item`` is ``(topic, group)`` (topics numbered from 1; group ``""`` without ``by``);
    ``sentence_id`` is the unit's id; ``marks`` are those of the topic's ``n_terms`` top terms
    (default: the model's ``top_n``) that occur in the unit. A unit with no share of the topic, or
    in which none of those terms occurs, is passed over: it would show the reader nothing of the topic.

    Example:
        >>> from dangjian.topics.models import TopicModel
        >>> units = pd.DataFrame({"doc_id": ["a", "a", "b"], "region": ["甲", "甲", "乙"],
        ...                       "text": ["党员 培训 学习", "乡村 振兴", "党员 培训"]})
        >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(units)
        >>> topic_sources(model, "region", max_sentences=1)[["item", "sentence_id", "marks"]].values.tolist()
        [[(1, '乙'), 'u2', ('党员', '培训')], [(1, '甲'), 'u0', ('党员', '培训', '学习')], [(2, '甲'), 'u1', ('乡村', '振兴')]]
    """
    units = model.units_.reset_index(drop=True)
    shares = np.asarray(model.unit_topics_)
    labels = group_labels(units[by], missing_label) if by else pd.Series("", index=units.index)
    top_terms = model.top_terms(n_terms)
    ids = units["unit_id"] if "unit_id" in units.columns else pd.Series([f"u{i}" for i in range(len(units))])
    records = []
    for topic in range(shares.shape[1]):
        for group in sorted(labels.unique()):
            rows = np.flatnonzero((labels == group).to_numpy() & (shares[:, topic] > 0))
            found = 0
            for row in rows[np.lexsort((rows, -shares[rows, topic]))]:
                text = str(units.at[row, "text"])
                marks = tuple(term for term in top_terms[topic] if term in text)
                if marks:
                    records.append({"item": (topic + 1, group), "doc_id": units.at[row, "doc_id"],
                                    "sentence_id": ids.iloc[row], "text": text, "marks": marks})
                    found += 1
                if found == max_sentences:
                    break
    return _sources_frame(records)


def indicator_sources(quantities: pd.DataFrame, sentences: pd.DataFrame | Iterable[pd.DataFrame]) -> pd.DataFrame:
    """The sentence each quantity was read from, the quantity's ``surface`` marked.

    ``quantities`` carry ``doc_id``, ``surface`` and either ``sentence_id`` or the ``sentence``
    text (as :func:`dangjian.comparison.compare.comparable` gives it), which is then found among the
    document's sentences (the first sentence of the document with that text). ``sentences`` is
    the sentences table (``doc_id``, ``sentence_id``, ``text``) or its parts in order, such as
    :meth:`dangjian.running.tables.CorpusTables.iter` gives them: only the rows of the quantities'
    sentences are kept, so a corpus's sentences are read a part at a time, never held at once.
    ``item`` is the quantity's index label; a quantity whose sentence is not in ``sentences`` has
    no source.

    Example:
        >>> sentences = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": [0, 1], "text": ["有党员120名。", "女党员占25%。"]})
        >>> quantities = pd.DataFrame({"doc_id": ["a"], "surface": ["25%"], "sentence": ["女党员占25%。"]})
        >>> indicator_sources(quantities, sentences)[["item", "sentence_id", "marks"]].values.tolist()
        [[0, 1, ('25%',)]]
        >>> parts = iter([sentences.iloc[:1], sentences.iloc[1:]])
        >>> indicator_sources(quantities, parts)[["item", "sentence_id", "text"]].values.tolist()
        [[0, 1, '女党员占25%。']]
    """
    key = "sentence_id" if "sentence_id" in quantities.columns else "sentence"
    wanted = set(zip(quantities["doc_id"], quantities[key]))
    found = _sentences_of(wanted, "sentence_id" if key == "sentence_id" else "text", sentences)
    records = [
        {"item": item, "doc_id": doc, "sentence_id": found[(doc, value)][0], "text": found[(doc, value)][1], "marks": (str(surface),)}
        for item, doc, surface, value in zip(quantities.index, quantities["doc_id"], quantities["surface"], quantities[key])
        if (doc, value) in found
    ]
    return _sources_frame(records)


def _sentences_of(
    wanted: set[tuple[object, object]], key: str, sentences: pd.DataFrame | Iterable[pd.DataFrame]
) -> dict[tuple[object, object], tuple[object, str]]:
    """``(doc_id, sentence_id)`` or ``(doc_id, text)`` (as ``key`` says) of each wanted sentence
    → its ``(sentence_id, text)``: the first row of ``sentences`` (a table or its parts in order)
    that matches it; the rows of other sentences are dropped part by part.

    Example:
        >>> parts = [pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": [0, 1], "text": ["甲。", "乙。"]})]
        >>> _sentences_of({("a", "乙。"), ("b", "乙。")}, "text", parts)
        {('a', '乙。'): (1, '乙。')}
    """
    found: dict[tuple[object, object], tuple[object, str]] = {}
    if not wanted:
        return found
    for part in [sentences] if isinstance(sentences, pd.DataFrame) else sentences:
        # one set look-up per row (pandas's isin on Arrow text converts the whole set at every call)
        hits = [i for i, pair in enumerate(zip(part["doc_id"].tolist(), part[key].tolist())) if pair in wanted]
        rows = part.iloc[hits]
        for doc, sentence_id, text in zip(rows["doc_id"], rows["sentence_id"], rows["text"]):
            found_key = (doc, sentence_id if key == "sentence_id" else text)
            if found_key in wanted and found_key not in found and sentence_id is not None and text is not None:
                found[found_key] = (sentence_id, text)
    return found


def _spans(text: str, marks: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``marks`` in ``text``, leftmost first, the longer mark at a tie."""
    candidates = sorted(
        ((m.start(), -len(mark)) for mark in set(marks) if mark for m in re.finditer(re.escape(mark), text)),
    )
    spans, end = [], 0
    for start, negative in candidates:
        if start >= end:
            spans.append((start, start - negative))
            end = start - negative
    return spans


def highlight(text: str, marks: Iterable[str], max_chars: int | None = MAX_CHARS) -> str:
    """``text`` HTML-escaped with every occurrence of ``marks`` in ``<mark>``; a text longer than
    ``max_chars`` is cut to an excerpt of that length around its first mark, ``…`` at the cuts.

    Example:
        >>> highlight("抓党建<b>促发展", ["党建"])
        '抓<mark>党建</mark>&lt;b&gt;促发展'
        >>> highlight("一二三四五党建六七八九十", ["党建"], max_chars=4)
        '…五<mark>党建</mark>六…'
    """
    marks = list(marks)
    if max_chars is not None and len(text) > max_chars:
        spans = _spans(text, marks)
        centre = (spans[0][0] + spans[0][1]) // 2 if spans else 0
        start = max(0, min(centre - max_chars // 2, len(text) - max_chars))
        excerpt = highlight(text[start:start + max_chars], marks, None)
        return ("…" if start > 0 else "") + excerpt + ("…" if start + max_chars < len(text) else "")
    parts, position = [], 0
    for start, end in _spans(text, marks):
        parts += [html.escape(text[position:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def sources_html(sources: pd.DataFrame, max_chars: int | None = MAX_CHARS) -> str:
    """The block of source sentences a report's links point to: each sentence once (in the order
    it is first cited), with its anchor as id, its document and sentence id, and the marks of every
    item that cites it highlighted. All corpus text is escaped.

    Example:
        >>> sources = _sources_frame([{"item": 0, "doc_id": "a", "sentence_id": 3, "text": "抓党建<script>x</script>",
        ...                            "marks": ("党建",)}])
        >>> block = sources_html(sources)
        >>> 'id="src-a-3-' in block, "<script>" in block, "&lt;script&gt;" in block
        (True, False, True)
    """
    if sources.empty:
        return '<div class="dj-sources"><p>No source sentences.</p></div>'
    marks: dict[str, set[str]] = {}
    for anchor, item_marks in zip(sources["anchor"], sources["marks"]):
        marks.setdefault(anchor, set()).update(item_marks)
    first = sources.drop_duplicates("anchor")
    lines = [_STYLE, '<div class="dj-sources">']
    for row in first.itertuples(index=False):
        where = html.escape(f"{row.doc_id} · {row.sentence_id}")
        lines.append(f'<p class="dj-source" id="{row.anchor}"><span class="dj-where">{where}</span>'
                     f"{highlight(str(row.text), marks[row.anchor], max_chars)}</p>")
    lines.append("</div>")
    return "\n".join(lines)


def link_html(text: object, targets: Sequence[tuple[str, Iterable[str]]]) -> str:
    """``text`` (escaped) as a link to the first of ``targets`` (anchor, marks), the others as
    small numbered links; plain escaped text without targets. Each link's ``data-marks`` (JSON)
    names what its target sentence highlights.

    Example:
        >>> link_html("党建", [("src-a-1-x", ["党建"]), ("src-a-4-y", ["党建"])])
        '<a class="dj-drill" href="#src-a-1-x" data-marks="[&quot;党建&quot;]">党建</a><sup> <a class="dj-drill" href="#src-a-4-y" data-marks="[&quot;党建&quot;]">2</a></sup>'
        >>> link_html("<i>", [])
        '&lt;i&gt;'
    """
    if not targets:
        return html.escape(str(text))

    def one(label: object, anchor: str, marks: Iterable[str]) -> str:
        data = html.escape(json.dumps(sorted(set(marks)), ensure_ascii=False), quote=True)
        return f'<a class="dj-drill" href="#{html.escape(anchor, quote=True)}" data-marks="{data}">{html.escape(str(label))}</a>'

    more = "".join(f" {one(number, *target)}" for number, target in enumerate(targets[1:], start=2))
    return one(text, *targets[0]) + (f"<sup>{more}</sup>" if more else "")


def _by_item(sources: pd.DataFrame) -> dict[Hashable, list[tuple[str, tuple[str, ...]]]]:
    """Each item's (anchor, marks), in order, every anchor once."""
    cited: dict[Hashable, list[tuple[str, tuple[str, ...]]]] = {}
    for item, anchor, marks in zip(sources["item"], sources["anchor"], sources["marks"]):
        targets = cited.setdefault(item, [])
        if all(anchor != known for known, _ in targets):
            targets.append((anchor, tuple(marks)))
    return cited


def cell_links(texts: Iterable[object], items: Iterable[Hashable], sources: pd.DataFrame) -> list[str]:
    """One HTML cell per text: a link to the source sentences of the matching item (:func:`link_html`).

    Example:
        >>> sources = _sources_frame([{"item": "k", "doc_id": "a", "sentence_id": 0, "text": "党建", "marks": ("党建",)}])
        >>> [cell.split('"')[3] for cell in cell_links(["党建"], ["k"], sources)]
        ['#src-a-0-a2f93f9572']
    """
    cited = _by_item(sources)
    return [link_html(text, cited.get(item, [])) for text, item in zip(texts, items)]


def linked_table(frame: pd.DataFrame, links: Mapping[str, Sequence[str]], **to_html) -> str:
    """``frame`` as an HTML table in which the columns named in ``links`` hold the given HTML (one
    entry per row, e.g. from :func:`cell_links`) and every other text, header and index is escaped.
    Extra keyword arguments go to :meth:`pandas.DataFrame.to_html` (the index is left out by default).

    Example:
        >>> page = linked_table(pd.DataFrame({"term": ["党建"], "note": ["<b>"]}), {"term": ['<a href="#x">党建</a>']})
        >>> '<td><a href="#x">党建</a></td>' in page, "<td>&lt;b&gt;</td>" in page
        (True, True)
    """
    shown = frame.copy()
    for column in shown.columns:
        if column in links:
            shown[column] = list(links[column])
        elif not (pd.api.types.is_numeric_dtype(shown[column]) or pd.api.types.is_bool_dtype(shown[column])):
            shown[column] = shown[column].map(lambda value: "" if pd.api.types.is_scalar(value) and pd.isna(value)
                                              else html.escape(str(value)))
    shown.columns = [html.escape(str(column)) for column in shown.columns]
    shown.index = [html.escape(str(label)) for label in shown.index]
    options = {"index": False, "classes": "dj-linked", "na_rep": "", **to_html}
    return shown.to_html(escape=False, **options)


def linked_topic_table(shares: pd.DataFrame, by: str, sources: pd.DataFrame, digits: int = 3) -> str:
    """Topic × group table of ``shares`` (:func:`dangjian.topics.topic_share_intervals` by ``by``),
    each share a link to the group's units most loaded on the topic (:func:`topic_sources`).

    Where ``shares`` carries the interval (``ci_low``, ``ci_high``), a cell reads
    ``share [low, high]`` (the share alone where a group has no interval); where it carries the
    group's size (``n_docs``, and ``n_units``), a column is headed by the group's label with the
    documents and units behind it (:func:`dangjian.keywords.inference.size_label`), as the figures are.

    Example:
        >>> shares = pd.DataFrame({"region": ["甲", "乙"], "topic": [1, 1], "label": ["T1 党员", "T1 党员"], "share": [0.6, 0.25]})
        >>> sources = _sources_frame([{"item": (1, "甲"), "doc_id": "a", "sentence_id": "a:para1", "text": "党员", "marks": ("党员",)}])
        >>> page = linked_topic_table(shares, "region", sources)
        >>> ">0.600</a>" in page, "<td>0.250</td>" in page
        (True, True)
        >>> shares = shares.assign(ci_low=[0.5, float("nan")], ci_high=[0.7, float("nan")], n_docs=[4, 1], n_units=[30, 9])
        >>> page = linked_topic_table(shares, "region", sources)
        >>> ">0.600 [0.500, 0.700]</a>" in page, "<td>0.250</td>" in page, "<th>甲 (d=4, u=30)</th>" in page
        (True, True, True)
    """
    groups = list(dict.fromkeys(shares[by].astype(str)))
    topics = shares.drop_duplicates("topic").sort_values("topic")
    cited = _by_item(sources)
    columns = {"low": "ci_low", "high": "ci_high"} if {"ci_low", "ci_high"} <= set(shares.columns) else {}
    texts = {
        (topic, str(group)): _share_text(share, low, high, digits)
        for topic, group, share, low, high in zip(
            shares["topic"], shares[by], shares["share"],
            shares[columns["low"]] if columns else [None] * len(shares), shares[columns["high"]] if columns else [None] * len(shares),
        )
    }
    headers = _group_headers(shares, by)
    frame = pd.DataFrame({"topic": topics["label"].tolist()})
    links = {}
    for group in groups:
        cells = [(texts.get((topic, group), ""), (topic, group)) for topic in topics["topic"]]
        header = headers.get(group, group)
        frame[header] = ""
        links[header] = [link_html(text, cited.get(item, [])) if text else "" for text, item in cells]
    return linked_table(frame, links)


def _share_text(share: float, low: float | None, high: float | None, digits: int = 3) -> str:
    """A share with its interval, ``0.600 [0.500, 0.700]``; the share alone without bounds.

    Example:
        >>> _share_text(0.6, 0.5, 0.7), _share_text(0.6, float("nan"), float("nan")), _share_text(0.6, None, None, 2)
        ('0.600 [0.500, 0.700]', '0.600', '0.60')
    """
    text = f"{share:.{digits}f}"
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return text
    return f"{text} [{low:.{digits}f}, {high:.{digits}f}]"


def _group_headers(shares: pd.DataFrame, by: str) -> dict[str, str]:
    """Each group's column header: its label with its documents and units (:func:`size_label`)
    where ``shares`` gives them (``n_docs``, ``n_units``), else the group as it is.

    Example:
        >>> _group_headers(pd.DataFrame({"g": ["x", "x"], "n_docs": [2, 2], "n_units": [7, 7]}), "g")
        {'x': 'x (d=2, u=7)'}
        >>> _group_headers(pd.DataFrame({"g": ["x"]}), "g")
        {}
    """
    if "n_docs" not in shares.columns:
        return {}
    first = shares.drop_duplicates(by)
    units = first["n_units"] if "n_units" in first.columns else [None] * len(first)
    return {str(group): size_label(group, n_docs, n_units) for group, n_docs, n_units in zip(first[by], first["n_docs"], units)}


def linked_comparison(quantities: pd.DataFrame, kind: str, sources: pd.DataFrame, max_values: int | None = None) -> str:
    """The comparison table of :func:`dangjian.comparison.compare.comparison_table` for ``kind``, every value
    in a cell a link to the sentence it was read from (``sources`` from :func:`indicator_sources`
    on the same ``quantities``, or on the rows :func:`dangjian.comparison.compare.shown_values` keeps when
    ``max_values`` limits the values listed per cell).

    Example:
        >>> rows = pd.DataFrame({"core_id": ["members"], "core_zh": ["党员"], "kind": ["amount"], "unit_class": ["person"],
        ...     "region_label": ["甲县 (county)"], "region": ["甲县"], "level_rank": [3], "value": ["120 名"],
        ...     "year": ["2021"], "doc_id": ["a"], "surface": ["120名"]})
        >>> sources = _sources_frame([{"item": 0, "doc_id": "a", "sentence_id": 0, "text": "有党员120名。", "marks": ("120名",)}])
        >>> page = linked_comparison(rows, "amount", sources)
        >>> '>120 名</a>（2021 · a）' in page
        True
    """
    from dangjian.comparison.compare import comparison_table

    rows = quantities.reset_index(drop=True)
    items = list(quantities.index)
    marked = rows.assign(value=[f"\ue000{position}\ue001" for position in range(len(rows))])
    table = comparison_table(marked, kind, max_values=max_values)
    cited = _by_item(sources)
    fixed = {"core_id", "core_zh", "unit_class", "regions"}

    def cell(text: object) -> str:
        def value_link(match: re.Match) -> str:
            position = int(match.group(1))
            return link_html(rows.at[position, "value"], cited.get(items[position], []))

        return _MARKER.sub(value_link, html.escape(str(text)))

    links = {column: [cell(text) for text in table[column]] for column in table.columns if column not in fixed}
    return linked_table(table, links)


__all__ = [
    "ANCHOR_PREFIX", "MAX_CHARS", "MAX_SENTENCES", "SOURCE_COLUMNS", "anchor_id", "cell_links", "highlight",
    "indicator_sources", "link_html", "linked_comparison", "linked_table", "linked_topic_table", "sources_html",
    "term_sources", "topic_sources",
]
