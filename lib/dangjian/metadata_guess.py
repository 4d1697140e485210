"""Metadata without drudgery: ``dangjian corpus init DIR`` drafts ``metadata.csv`` from the texts.

For every document file in a folder that ``metadata.csv`` does not list yet, one row is guessed
from the document's clean (simplified) text: title, year (and on what it rests), publication date,
script, genre, region (province / prefecture / county / township, see :mod:`dangjian.places`),
level and author. The ``guessed`` column names every column filled this way, for the researcher
to check; ``region_candidates`` lists place names that stay ambiguous, with their candidates.
Rows already in ``metadata.csv`` are never changed (new rows are appended to its bytes), and the
file is written atomically.
:func:`metadata_status` reports, for a loaded corpus, which fields are missing or still guessed.

Example:
    >>> guess_year("平凉市2024年基层党建工作综述", "2023年……2023年", "")
    ('2024', 'title')
    >>> guess_genre("镇党委书记在党组织建设工作会议上的交流发言", "", has_author=False)
    'meeting speech (交流发言)'
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dangjian.clean import clean_text, is_traditional
from dangjian.corpus import (
    LINK_OUTSIDE,
    METADATA_COLUMNS,
    REQUIRED_COLUMNS,
    Corpus,
    CorpusError,
    CorpusIssue,
    Document,
    check_doc_id,
    check_has_chinese,
    decode_bytes,
    outside_target,
    read_document,
    scan_document_files,
    too_many_fields,
)
from dangjian.io import error_line, printable, write_bytes_atomic
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


@dataclass
class ExistingTable:
    """An existing ``metadata.csv``: its bytes (kept as they are), how they decode, its records."""

    data: bytes
    text: str
    encoding: str
    records: list[list[str]]

    @property
    def header(self) -> list[str]:
        return [name.strip() for name in self.records[0]]

    @property
    def rows(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, record)) for record in self.records[1:]]


def _read_existing(path: Path) -> ExistingTable | None:
    """The existing ``metadata.csv``, or ``None`` when it is empty (no bytes, or only white space).

    A row with more fields than the header (a value with an unquoted comma) is an error naming
    the row: appending below it would keep a row whose values are read into the wrong columns.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    if not data.strip():
        return None
    text, encoding = decode_bytes(data, path)
    records = _records(text, path)
    header = [name.strip() for name in records[0]] if records else []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise CorpusError(path, f"missing column(s) {', '.join(missing)}; found: {', '.join(header)}. Fix the header; metadata.csv was left unchanged")
    for line_no, record in enumerate(records[1:], start=2):
        if len(record) > len(header):
            raise CorpusError(path, f"{too_many_fields(line_no, len(record), len(header))}; metadata.csv was left unchanged")
    return ExistingTable(data, text, encoding, records)


def _records(text: str, path: Path) -> list[list[str]]:
    """The non-empty records of a CSV text; malformed CSV is an error naming the line."""
    reader = csv.reader(io.StringIO(text))
    try:
        return [record for record in reader if record]
    except csv.Error as error:
        raise CorpusError(
            path, f"line {reader.line_num} is not valid CSV ({error}); put values with line breaks in double quotes. metadata.csv was left unchanged"
        ) from None


def _reads_back(data: bytes, path: Path, expected: list[list[str]], advice: str) -> bytes:
    """``data`` if it decodes and parses into ``expected`` records, else a :class:`CorpusError`."""
    text, _ = decode_bytes(data, path)
    if _records(text, path) != expected:
        raise CorpusError(path, f"the table would not read back as written; {advice}")
    return data


def _csv_lines(header: Sequence[str], rows: Sequence[dict[str, str]], newline: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator=newline, extrasaction="ignore")
    writer.writerows([{column: row.get(column, "") for column in header} for row in rows])
    return buffer.getvalue()


def _piece_codec(existing: ExistingTable) -> tuple[bytes, str]:
    """The byte-order mark the file starts with, and the codec to encode added text with (no BOM)."""
    bom = next((mark for mark in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if existing.data.startswith(mark)), b"")
    name = codecs.lookup(existing.encoding).name
    if name == "utf-8-sig":
        return bom, "utf-8"
    if name == "utf-16":
        return bom, "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    return bom, existing.encoding


def appended_table(existing: ExistingTable, path: Path, rows: Sequence[dict[str, str]]) -> bytes:
    """The bytes of ``metadata.csv`` with ``rows`` appended: every existing byte stays as it is.

    Columns of :data:`INIT_COLUMNS` the header lacks are added at the end of the header line (the
    existing rows, shorter than the header, read them as empty). The added text is encoded as the
    file is (UTF-8, UTF-16, GB18030 ...), with its line ends. The result is read back: if the
    existing rows would not read as before, or the encoding cannot hold the new rows, nothing is
    returned but a :class:`~dangjian.corpus.CorpusError` that says what to do.

    Example:
        >>> old = "doc_id,file\\r\\na,a.txt\\r\\n".encode("gb18030")
        >>> table = ExistingTable(old, old.decode("gb18030"), "gb18030", [["doc_id", "file"], ["a", "a.txt"]])
        >>> new = appended_table(table, Path("metadata.csv"), [{"doc_id": "b", "file": "b.txt", "title": "党建"}])
        >>> lines = new.decode("gb18030").split("\\r\\n")
        >>> new.startswith(b"doc_id,file,title,"), new.endswith(old[len(b"doc_id,file"):] + lines[2].encode("gb18030") + b"\\r\\n")
        (True, True)
        >>> lines[1], lines[2][:11]
        ('a,a.txt', 'b,b.txt,党建,')
    """
    bom, codec = _piece_codec(existing)
    missing = [column for column in INIT_COLUMNS if column not in existing.header]
    header = existing.header + missing
    first_line = existing.text.split("\n", 1)[0]
    newline = "\r\n" if first_line.endswith("\r") else "\n"
    first_line = first_line.rstrip("\r")
    body = existing.data
    if missing:
        head = bom + first_line.encode(codec)
        if not body.startswith(head) or next(csv.reader([first_line]), []) != existing.records[0]:
            raise CorpusError(
                path, f"cannot add the column(s) {', '.join(missing)} to its header without rewriting it; add them by hand, then run again"
            )
        body = head + ("," + ",".join(missing)).encode(codec) + body[len(head):]
    if not existing.text.endswith(("\n", "\r")):
        body += newline.encode(codec)
    try:
        body += _csv_lines(header, rows, newline).encode(codec)
    except UnicodeEncodeError as error:
        raise CorpusError(
            path,
            f"is in {existing.encoding}, which cannot hold the new rows (character {error.object[error.start]!r}); "
            "re-save metadata.csv as UTF-8 and run again",
        ) from None
    expected = [existing.records[0] + missing, *existing.records[1:], *([row.get(c, "") for c in header] for row in rows)]
    return _reads_back(body, path, expected, "re-save metadata.csv as UTF-8 and run again (it was left unchanged)")


def _unique_doc_id(path: Path, taken: set[str]) -> str:
    doc_id = path.stem
    if doc_id in taken:
        doc_id = f"{path.stem}-{path.suffix.lstrip('.').lower()}"
    return doc_id


def init_metadata(folder: Path | str, dry_run: bool = False, follow_symlinks: bool = False) -> InitResult:
    """Write ``folder/metadata.csv`` with guessed rows for the document files it does not list.

    Existing rows are never changed: their bytes stay as they are and the new rows are appended
    (an existing file without the ``guessed``/``date``/``region_candidates`` columns gets them at
    the end of its header line; its old rows read them as empty). A malformed existing row is an
    error naming the row, and the file is left unchanged; an empty ``metadata.csv`` (no bytes) is
    written as a new table. Files that cannot be read (a scan without text layer, an empty file),
    whose name cannot serve as a doc_id, or that are symbolic links leading out of the folder
    (unless ``follow_symlinks``) are skipped and reported. With ``dry_run`` nothing is written.

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
    if target.exists() and not follow_symlinks and outside_target(folder, target) is not None:
        raise CorpusError(target, f"{LINK_OUTSIDE.format(target=outside_target(folder, target))}; copy the table into the folder")
    existing = _read_existing(target) if target.exists() else None
    rows = existing.rows if existing else []
    listed = {row.get("file", "") for row in rows}
    taken = {row.get("doc_id", "") for row in rows}
    result = InitResult(target, kept=len(rows))
    files, links_out = scan_document_files(folder, follow_symlinks)
    for path, link_target in links_out:
        if path.name not in listed:
            result.skipped.append(CorpusIssue(str(path), "skipped", f"{LINK_OUTSIDE.format(target=link_target)}; no row added"))
    for path in files:
        if path.name in listed:
            continue
        doc_id = _unique_doc_id(path, taken)
        try:
            check_doc_id(doc_id, path, from_file_name=True)
            document = read_document(path, doc_id)
            check_has_chinese(document)
        except CorpusError as error:
            result.skipped.append(CorpusIssue(str(path), "skipped", error.problem))
            continue
        taken.add(doc_id)
        result.added.append(guess_metadata(document))
    if dry_run or not result.added:
        return result
    if existing is None:
        content = (",".join(INIT_COLUMNS) + "\n" + _csv_lines(INIT_COLUMNS, result.added)).encode("utf-8")
        expected = [list(INIT_COLUMNS), *([row.get(c, "") for c in INIT_COLUMNS] for row in result.added)]
        _reads_back(content, target, expected, "a guessed value holds a character CSV cannot carry; nothing was written")
    else:
        content = appended_table(existing, target, result.added)
    write_bytes_atomic(target, content)
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
    try:
        result = init_metadata(args.folder, dry_run=args.dry_run, follow_symlinks=args.follow_symlinks)
    except (ValueError, OSError) as error:  # CorpusError is a ValueError
        print(error_line("corpus init", error), file=sys.stderr)
        return 2
    verb = "would add" if args.dry_run else "added"
    print(printable(f"{result.path}: {verb} {len(result.added)} row(s), kept {result.kept} existing row(s)"))
    for row in result.added:
        where = row["region"] or "?"
        print(printable(f"  {row['doc_id']}: {row['year'] or '?'} {where} ({row['level'] or '?'}) {row['genre'] or '?'} [{row['script']}]"))
        if row["region_candidates"]:
            print(printable(f"    ambiguous places: {row['region_candidates']}"))
    for issue in result.skipped:
        print(printable(f"  skipped {Path(issue.path).name}: {issue.message}"))
    if result.added and not args.dry_run:
        print("Check the columns named in 'guessed' and remove their names once confirmed.")
    return 0


def _run_status(args: argparse.Namespace) -> int:
    from dangjian.corpus import load_corpus

    try:
        corpus = load_corpus(args.folder, skip_bad=True, follow_symlinks=args.follow_symlinks)
    except (ValueError, OSError) as error:  # CorpusError is a ValueError
        print(error_line("corpus status", error), file=sys.stderr)
        return 2
    table = metadata_status(corpus)
    if not len(corpus):
        print(printable(f"{args.folder}: no documents loaded"))
    elif len(table):
        print("\n".join(printable(line) for line in table.to_string(index=False).splitlines()))
    else:
        print("every reported field is filled and checked")
    for issue in corpus.issues:
        print(printable(f"{issue.status}: {issue.path}: {issue.message}"))
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
        ".docx/.pdf file not yet listed in DIR/metadata.csv and append one row each; existing rows are kept byte for byte.",
    )
    init.add_argument("folder", type=Path, metavar="DIR")
    init.add_argument("--dry-run", action="store_true", help="show the guesses without writing metadata.csv")
    status = actions.add_parser("status", help="list metadata fields that are missing or still guessed")
    status.add_argument("folder", type=Path, metavar="DIR")
    for action in (init, status):
        action.add_argument(
            "--follow-symlinks", action="store_true", help="also read files whose symbolic links lead out of DIR"
        )
    init.set_defaults(func=_run_init)
    status.set_defaults(func=_run_status)
