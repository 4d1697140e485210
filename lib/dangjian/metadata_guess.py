"""Metadata without drudgery: ``dangjian corpus init DIR`` drafts ``metadata.csv`` from the texts.

For every document file in a folder that ``metadata.csv`` does not list yet, one row is guessed
from the document's clean (simplified) text: title, year (and on what it rests), publication date,
script, genre, region (province / prefecture / county / township, see :mod:`dangjian.places`),
level and author. The ``guessed`` column names every column filled this way, for the researcher
to check; ``region_candidates`` lists place names that stay ambiguous, with their candidates.
Rows already in ``metadata.csv`` are never changed, and the file is written atomically.
:func:`metadata_status` reports, for a loaded corpus, which fields are missing or still guessed.

Example:
    >>> guess_year("平凉市2024年基层党建工作综述", "2023年……2023年", "")
    ('2024', 'title')
    >>> guess_genre("镇党委书记在党组织建设工作会议上的交流发言", "", has_author=False)
    'meeting speech (交流发言)'
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dangjian.clean import clean_text, is_traditional
from dangjian.corpus import (
    DOCUMENT_SUFFIXES,
    METADATA_COLUMNS,
    Corpus,
    CorpusError,
    CorpusIssue,
    Document,
    check_has_chinese,
    decode_bytes,
    read_document,
)
from dangjian.io import write_text_atomic
from dangjian.places import guess_region

#: Columns ``corpus init`` writes: the corpus columns plus the publication date and the two
#: columns that say what was guessed.
INIT_COLUMNS = (*METADATA_COLUMNS[:11], "date", *METADATA_COLUMNS[11:], "guessed", "region_candidates")
#: Fields :func:`metadata_status` reports on.
STATUS_FIELDS = ("title", "region", "level", "year", "genre", "script")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_YEAR = re.compile(r"((?:19[5-9]|20\d)\d)\s*年")

#: Genre keywords and labels, in the vocabulary of data/raw/metadata.csv.
GENRE_KEYWORDS = (
    ("综述", "annual review (综述)"),
    ("总结", "work summary (工作总结)"),
    ("发言", "meeting speech (交流发言)"),
    ("讲话", "speech (讲话)"),
    ("作者系", "signed article (署名文章)"),
    ("通知", "notice (通知)"),
    ("要点", "guidance article (部署要点)"),
)
SIGNED_ARTICLE = "signed article (署名文章)"

#: Ways a report refers to its own level: (pattern, level, weight). "我市" says more than "全市";
#: a committee name (市委) is also used for superiors, so it weighs least.
LEVEL_CUES = (
    (r"我镇|我乡|我街道|本镇|本乡", "township", 2), (r"全镇|全乡|全街道", "township", 1),
    (r"[镇乡]党委|街道党工委", "township", 1),
    (r"我县|我区|我旗|本县|本区", "county", 2), (r"全县|全区|全旗", "county", 1),
    (r"县委|(?<![社园小景自治])区委|旗委", "county", 1),
    (r"我市|我州|我盟|本市", "prefecture", 2), (r"全市|全州|全盟", "prefecture", 1), (r"市委|州委|盟委", "prefecture", 1),
    (r"我省|本省", "province", 2), (r"全省", "province", 1), (r"省委|自治区党委", "province", 1),
    (r"全国|各地|各省|中央组织部|中组部", "national", 1),
)
_TITLE_WEIGHT = 10
_TOWNSHIP_NAME = re.compile(r"([\u4e00-\u9fff]{2,4}?)(镇|乡|街道)(?:党委|党工委|人民政府)")
_NOT_TOWN_NAMES = {"乡镇", "城镇", "村镇", "集镇", "小镇", "城乡", "各乡", "各镇", "全镇", "全乡", "本镇", "我镇"}


# --------------------------------------------------------------------------- single fields


def guess_title(clean: str, stated: str = "") -> str:
    """The title a file states (HTML/Word/PDF), else the first line if it looks like a title:
    at most 60 characters, no sentence end (。！？), and more text after it.

    Example:
        >>> guess_title("力量，在党旗下凝聚——平凉市2024年基层党建工作综述\\n高质量发展稳进向好。")
        '力量，在党旗下凝聚——平凉市2024年基层党建工作综述'
        >>> guess_title("党的基层组织是党执政的组织基础。\\n……")
        ''
    """
    if stated.strip():
        return stated.strip()
    lines = clean.splitlines()
    first = lines[0].strip() if lines else ""
    if len(lines) > 1 and 4 <= len(first) <= 60 and not re.search(r"[。！？]|[，、；：]$", first):
        return first
    return ""


def guess_year(title: str, text: str, date: str) -> tuple[str, str]:
    """``(year, basis)``: a year (20xx年) in the title, else the publication date's year, else
    the year the text mentions most (the later one on a tie); ``("", "")`` when there is none.

    Example:
        >>> guess_year("", "2019年……2020年……2020年", ""), guess_year("", "做好2020年工作", "2020-05-09")
        (('2020', 'most frequent year in the text'), ('2020', 'publication date'))
    """
    in_title = _YEAR.search(title)
    if in_title:
        return in_title.group(1), "title"
    if re.match(r"\d{4}", date):
        return date[:4], "publication date"
    counts = Counter(_YEAR.findall(text))
    if counts:
        year = max(counts, key=lambda y: (counts[y], y))
        return year, "most frequent year in the text"
    return "", ""


def traditional_share(raw: str) -> float:
    """Share of Chinese characters that are traditional forms (OpenCC would change them).

    Example:
        >>> traditional_share("黨建工作"), traditional_share("党建工作")
        (0.25, 0.0)
    """
    characters = _CJK.findall(raw)
    if not characters:
        return 0.0
    traditional = {char for char in set(characters) if is_traditional(char)}
    return sum(char in traditional for char in characters) / len(characters)


def guess_script(raw: str, threshold: float = 0.05) -> str:
    """``hant`` when at least ``threshold`` of the Chinese characters are traditional, else ``hans``.

    Example:
        >>> guess_script("平涼市基層黨建工作綜述"), guess_script("平凉市基层党建工作综述")
        ('hant', 'hans')
    """
    return "hant" if traditional_share(raw) >= threshold else "hans"


def guess_genre(title: str, text: str, has_author: bool) -> str:
    """Genre from the first keyword in the title (综述, 总结, 发言, 讲话, 通知, 要点); else a signed
    article when an author line or 作者系 was found; else a speech when it addresses 同志们.

    Example:
        >>> guess_genre("平凉市2024年基层党建工作综述（2020年工作总结）", "", has_author=False)
        'annual review (综述)'
        >>> guess_genre("", "……（作者系区委常委）", has_author=False)
        'signed article (署名文章)'
    """
    found = [(title.find(word), label) for word, label in GENRE_KEYWORDS if word in title]
    if found:
        return min(found)[1]
    if has_author or "作者系" in text:
        return SIGNED_ARTICLE
    if "同志们" in text[:300]:
        return "speech (讲话)"
    return ""


def guess_level(title: str, text: str, region_level: str = "") -> str:
    """Administrative level a report speaks for, from how it refers to itself (我市, 全县, 镇党委;
    cues in the title weigh most) and, when named, its own committee (平凉市委 -> prefecture).

    Example:
        >>> guess_level("镇党委书记在党组织建设工作会议上的交流发言", "全市……全镇……我镇")
        'township'
        >>> guess_level("", "全国组织部长会议……各地要……")
        'national'
    """
    scores: Counter[str] = Counter()
    for pattern, level, weight in LEVEL_CUES:
        scores[level] += weight * len(re.findall(pattern, text)) + _TITLE_WEIGHT * len(re.findall(pattern, title))
    if region_level:
        scores[region_level] += 3
    if not scores or max(scores.values()) == 0:
        return ""
    return max(sorted(scores), key=lambda level: scores[level])


def guess_township(text: str) -> str:
    """A named township referring to its own committee or government (红旗镇党委), if any.

    Example:
        >>> guess_township("红旗镇党委坚持……红旗镇党委书记"), guess_township("镇党委书记……乡镇党委")
        ('红旗镇', '')
    """
    names = Counter(m.group(1) + m.group(2) for m in _TOWNSHIP_NAME.finditer(text) if m.group(1) + m.group(2) not in _NOT_TOWN_NAMES)
    names = Counter({name: n for name, n in names.items() if not any(w in name for w in _NOT_TOWN_NAMES)})
    return max(sorted(names), key=lambda name: names[name]) if names else ""


# --------------------------------------------------------------------------- one document


def guess_metadata(document: Document) -> dict[str, str]:
    """A ``metadata.csv`` row for one document, every filled column named in ``guessed``.

    Example:
        >>> from dangjian.corpus import Document
        >>> row = guess_metadata(Document("p", Path("p.txt"), "平涼市2024年基層黨建工作綜述\\n平涼市委組織部堅持……全市……平涼市", "utf-8"))
        >>> row["year"], row["script"], row["prefecture"], row["province"], row["level"], row["genre"]
        ('2024', 'hant', '平凉市', '甘肃省', 'prefecture', 'annual review (综述)')
    """
    cleaned = clean_text(document.raw_text)
    found = {**cleaned.metadata, **{k: v for k, v in document.metadata.items() if v}}
    text = cleaned.text
    title = guess_title(text, found.get("title", ""))
    date = found.get("date", "")
    year, year_basis = guess_year(title, text, date)
    author = found.get("author", "")
    region = guess_region("\n".join([title, text, found.get("author_position", "")]))
    region_level = "county" if region.county else "prefecture" if region.prefecture else ""
    level = guess_level(title, text, region_level)
    township = guess_township(text) if level == "township" else ""
    row = {
        "title": title,
        "region": region.region or ("全国" if level == "national" else ""),
        "province": region.province,
        "prefecture": region.prefecture,
        "county": region.county,
        "township": township,
        "level": level,
        "year": year,
        "year_basis": year_basis,
        "date": date,
        "genre": guess_genre(title, text, has_author=bool(author or found.get("author_position"))),
        "author": author,
        "script": guess_script(document.raw_text),
    }
    guessed = [column for column in INIT_COLUMNS if row.get(column)]
    return {
        **{column: "" for column in INIT_COLUMNS},
        **row,
        "doc_id": document.doc_id,
        "file": document.path.name,
        "guessed": ";".join(guessed),
        "region_candidates": region.candidates_text(),
    }


# --------------------------------------------------------------------------- a folder


@dataclass
class InitResult:
    """What ``corpus init`` did: the table written, rows added and kept, files skipped."""

    path: Path
    added: list[dict[str, str]] = field(default_factory=list)
    kept: int = 0
    skipped: list[CorpusIssue] = field(default_factory=list)


def _read_existing(path: Path) -> tuple[str, list[str], list[dict[str, str]]]:
    """The text, header and rows of an existing ``metadata.csv``."""
    with open(path, "rb") as handle:
        text, _ = decode_bytes(handle.read(), path)
    reader = csv.DictReader(io.StringIO(text))
    rows = [{k: v or "" for k, v in row.items() if k is not None} for row in reader]
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "file" not in header or "doc_id" not in header:
        raise CorpusError(path, f"missing column(s) doc_id/file; found: {', '.join(header)}")
    return text, header, rows


def _csv_lines(header: Sequence[str], rows: Sequence[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\n", extrasaction="ignore")
    writer.writerows([{column: row.get(column, "") for column in header} for row in rows])
    return buffer.getvalue()


def _unique_doc_id(path: Path, taken: set[str]) -> str:
    doc_id = path.stem
    if doc_id in taken:
        doc_id = f"{path.stem}-{path.suffix.lstrip('.').lower()}"
    return doc_id


def init_metadata(folder: Path | str, dry_run: bool = False) -> InitResult:
    """Write ``folder/metadata.csv`` with guessed rows for the document files it does not list.

    Existing rows keep their values (an existing file without the ``guessed``/``date``/
    ``region_candidates`` columns gets them, empty, for the old rows). Files that cannot be read
    (a scan without text layer, an empty file) are skipped and reported. With ``dry_run`` nothing
    is written.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("某县2023年基层党建工作总结\\n全县……", encoding="utf-8")
        >>> result = init_metadata(folder)
        >>> [(r["doc_id"], r["year"], r["genre"], r["level"]) for r in result.added]
        [('a', '2023', 'work summary (工作总结)', 'county')]
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder not found")
    target = folder / "metadata.csv"
    text, header, rows = _read_existing(target) if target.exists() else ("", list(INIT_COLUMNS), [])
    listed = {row.get("file", "") for row in rows}
    taken = {row.get("doc_id", "") for row in rows}
    result = InitResult(target, kept=len(rows))
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES):
        if path.name in listed:
            continue
        doc_id = _unique_doc_id(path, taken)
        try:
            document = read_document(path, doc_id)
            check_has_chinese(document)
        except CorpusError as error:
            result.skipped.append(CorpusIssue(str(path), "skipped", error.problem))
            continue
        taken.add(doc_id)
        result.added.append(guess_metadata(document))
    if dry_run or not result.added:
        return result
    missing = [column for column in INIT_COLUMNS if column not in header]
    if not text:
        content = ",".join(header) + "\n" + _csv_lines(header, result.added)
    elif not missing:
        content = text + ("" if text.endswith("\n") else "\n") + _csv_lines(header, result.added)
    else:
        header = header + missing
        content = ",".join(header) + "\n" + _csv_lines(header, rows + result.added)
    write_text_atomic(target, content)
    return result


def metadata_status(corpus: Corpus, fields: Sequence[str] = STATUS_FIELDS) -> pd.DataFrame:
    """Which metadata fields are missing or guessed (not yet checked) for which documents.

    One row per document and field that needs attention: ``doc_id, field, status, value`` with
    status ``missing`` or ``guessed`` (named in the document's ``guessed`` column).

    Example:
        >>> from dangjian.corpus import Corpus, Document
        >>> doc = Document("a", Path("a.txt"), "党建", "utf-8", {"year": "2024", "level": "county", "guessed": "level"})
        >>> metadata_status(Corpus(None, [doc]), fields=("year", "level", "region")).values.tolist()
        [['a', 'level', 'guessed', 'county'], ['a', 'region', 'missing', '']]
    """
    records = []
    for document in corpus.documents:
        guessed = set(filter(None, document.metadata.get("guessed", "").split(";")))
        for name in fields:
            value = document.metadata.get(name, "") or ""
            status = "missing" if not value else "guessed" if name in guessed else ""
            if status:
                records.append({"doc_id": document.doc_id, "field": name, "status": status, "value": value})
    return pd.DataFrame(records, columns=["doc_id", "field", "status", "value"])


# --------------------------------------------------------------------------- command line


def _run_init(args: argparse.Namespace) -> int:
    result = init_metadata(args.folder, dry_run=args.dry_run)
    verb = "would add" if args.dry_run else "added"
    print(f"{result.path}: {verb} {len(result.added)} row(s), kept {result.kept} existing row(s)")
    for row in result.added:
        where = row["region"] or "?"
        print(f"  {row['doc_id']}: {row['year'] or '?'} {where} ({row['level'] or '?'}) {row['genre'] or '?'} [{row['script']}]")
        if row["region_candidates"]:
            print(f"    ambiguous places: {row['region_candidates']}")
    for issue in result.skipped:
        print(f"  skipped {Path(issue.path).name}: {issue.message}")
    if result.added and not args.dry_run:
        print("Check the columns named in 'guessed' and remove their names once confirmed.")
    return 0


def _run_status(args: argparse.Namespace) -> int:
    from dangjian.corpus import load_corpus

    corpus = load_corpus(args.folder, skip_bad=True)
    table = metadata_status(corpus)
    print(table.to_string(index=False) if len(table) else "every reported field is filled and checked")
    for issue in corpus.issues:
        print(f"{issue.status}: {issue.path}: {issue.message}")
    return 0


def add_corpus_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add ``dangjian corpus init DIR`` and ``dangjian corpus status DIR``.

    Example:
        >>> import argparse
        >>> parser = argparse.ArgumentParser(prog="dangjian")
        >>> add_corpus_parser(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["corpus", "init", "my-reports", "--dry-run"]).dry_run
        True
    """
    corpus = subparsers.add_parser("corpus", help="prepare a folder of documents as a corpus")
    actions = corpus.add_subparsers(dest="corpus_command", required=True, metavar="ACTION")
    init = actions.add_parser(
        "init",
        help="write metadata.csv with guessed rows for the documents it does not list yet",
        description="Guess title, year, date, script, genre, region and level for every .txt/.html/.htm/"
        ".docx/.pdf file not yet listed in DIR/metadata.csv and add one row each; existing rows are kept.",
    )
    init.add_argument("folder", type=Path, metavar="DIR")
    init.add_argument("--dry-run", action="store_true", help="show the guesses without writing metadata.csv")
    init.set_defaults(func=_run_init)
    status = actions.add_parser("status", help="list metadata fields that are missing or still guessed")
    status.add_argument("folder", type=Path, metavar="DIR")
    status.set_defaults(func=_run_status)
