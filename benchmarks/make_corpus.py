"""Generate a benchmark corpus by recombining the paragraphs of the documents in data/raw/.

Each generated document is a title line and a random selection of body paragraphs and
headings taken from the cleaned raw documents, with the features real collections show put
back in at random: every number replaced by another of the same length, traditional script
(OpenCC ``s2tw``) in some documents, pinyin readings after characters (the readings found in
the raw documents), web-page furniture lines (breadcrumbs, editor/date/visit lines, font
controls, "related news"), half-width punctuation, indentation, and a GB18030 encoding in a
few files. The folder gets a ``metadata.csv`` in the project's format.

The output is a function of the seed, the size and the raw documents only: the same call
writes byte-identical files.

Optionally (``--plant-source``, off by default, so the corpus is otherwise unchanged) a known
difference in topic prevalence is planted: documents of one region (``--plant-region``) and/or
from one year on (``--plant-from-year``) draw each body paragraph with probability
``--plant-share`` from the paragraphs of one raw document (the source theme) and otherwise, like
every other document, from all paragraphs. A model of topic prevalence on the document covariates
should then find that region (or those years) richer in the source's topics, and no difference
for covariates drawn at random (genre, and year when only a region is planted).

Usage (from the project root):
    .venv/bin/python benchmarks/make_corpus.py --mb 20 --seed 0 [--out FOLDER]
    .venv/bin/python benchmarks/make_corpus.py --docs 200 --out /tmp/small
    .venv/bin/python benchmarks/make_corpus.py --mb 2 --plant-source national-2020 --plant-region 平凉市

Example:
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "corpus"
    >>> summary = make_corpus(out, n_docs=3, seed=1)
    >>> summary.documents, sorted(p.name for p in out.iterdir())[-1]
    (3, 'metadata.csv')
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dangjian.cleaning.clean import CJK, is_furniture_line
from dangjian.project.io import atomic_open, write_bytes_atomic
from dangjian.segmentation.pipeline import process_corpus

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = PROJECT_ROOT / "data" / "raw"

METADATA_FIELDS = ("doc_id", "file", "title", "region", "province", "level", "year", "genre", "script", "notes")


@dataclass(frozen=True)
class Mix:
    """Shares of documents carrying each feature (probabilities per document)."""

    traditional: float = 0.2
    pinyin: float = 0.1
    web_page: float = 0.3
    half_width_punctuation: float = 0.5
    indentation: float = 0.3
    gb18030: float = 0.1
    headings: float = 0.6
    paragraphs: tuple[int, int] = (4, 50)


@dataclass(frozen=True)
class Sources:
    """What the generator recombines, all taken from the raw corpus."""

    paragraphs: tuple[str, ...]
    headings: tuple[str, ...]
    titles: tuple[str, ...]
    furniture: tuple[str, ...]
    readings: tuple[tuple[str, str], ...]  # (character, pinyin) as found in the raw documents
    places: tuple[tuple[str, str, str], ...]  # (region, province, level)
    genres: tuple[str, ...]
    by_source: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (raw doc_id, its body paragraphs)

    def source_paragraphs(self, doc_id: str) -> tuple[str, ...]:
        """The body paragraphs of raw document ``doc_id``."""
        sources = dict(self.by_source)
        if doc_id not in sources:
            raise ValueError(f"unknown source document {doc_id!r}: use one of {', '.join(sources)}")
        return sources[doc_id]


@dataclass(frozen=True)
class Plant:
    """A planted difference in topic prevalence: matching documents draw more paragraphs from one source.

    A document matches when its region is ``region`` (if given) and its year is at least
    ``from_year`` (if given); each of its body paragraphs comes with probability ``share`` from
    the raw document ``source`` and otherwise from all paragraphs.
    """

    source: str
    share: float = 0.5
    region: str | None = None
    from_year: int | None = None

    def applies(self, region: str, year: int) -> bool:
        """Whether a document of ``region`` and ``year`` draws from the source.

        Example:
            >>> Plant("a", region="甲").applies("甲", 2020), Plant("a", from_year=2021).applies("甲", 2020)
            (True, False)
        """
        return (self.region is None or region == self.region) and (self.from_year is None or year >= self.from_year)


@dataclass
class CorpusSummary:
    """What :func:`make_corpus` wrote."""

    folder: Path
    documents: int
    bytes: int


_READING = re.compile(rf"([{CJK}])[(（]([a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{{1,6}})[)）]")
_DIGITS = re.compile(r"\d+")
_HEADING_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、])")


def load_sources(raw_dir: Path | str = RAW_DIR) -> Sources:
    """Paragraphs, headings, titles, furniture lines, pinyin readings and places of the raw corpus.

    Example:
        >>> sources = load_sources()
        >>> len(sources.paragraphs) > 50, ("执", "zhí") in sources.readings
        (True, True)
    """
    raw_dir = Path(raw_dir)
    processed = process_corpus(raw_dir)
    paragraphs = processed.paragraphs
    body = paragraphs[(paragraphs["kind"] == "body") & (paragraphs["text"].str.len() >= 20)]
    headings = paragraphs[paragraphs["kind"] == "heading"]["text"].map(lambda t: _HEADING_MARKER.sub("", t))
    titles = paragraphs[paragraphs["kind"] == "title"]["text"]
    furniture: set[str] = set()
    readings: set[tuple[str, str]] = set()
    for document in processed:
        for line in document.document.raw_text.splitlines():
            if is_furniture_line(line) and re.search(f"[{CJK}]", line):
                furniture.add(line.strip())
        for char, reading in _READING.findall(document.document.raw_text):
            readings.add((char, reading))
            readings.add((_to_simplified(char), reading))
    table = processed.document_table
    by_source = tuple(
        (doc_id, tuple(sorted(set(texts)))) for doc_id, texts in body.groupby("doc_id", sort=True)["text"]
    )
    places = {
        (row.region, row.province, row.level)
        for row in table.itertuples()
        if row.region and not row.region.startswith("(")
    }
    return Sources(
        paragraphs=tuple(sorted(set(body["text"]))),
        headings=tuple(sorted(set(headings) - {""})),
        titles=tuple(sorted(set(titles))),
        furniture=tuple(sorted(furniture)),
        readings=tuple(sorted(readings)),
        places=tuple(sorted(places)),
        genres=tuple(sorted(set(table["genre"]) - {""})),
        by_source=by_source,
    )


@lru_cache(maxsize=2)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def _to_simplified(text: str) -> str:
    return _opencc("t2s").convert(text)


def _to_traditional(text: str) -> str:
    return _opencc("s2tw").convert(text)


def vary_numbers(text: str, rng: random.Random) -> str:
    """Replace every run of digits by random digits of the same length (no leading zero).

    Example:
        >>> vary_numbers("培训600人，2024年", random.Random(0))
        '培训760人，5876年'
    """

    def replace(match: re.Match[str]) -> str:
        n = len(match.group())
        first = str(rng.randint(1, 9)) if n > 1 else str(rng.randint(0, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))

    return _DIGITS.sub(replace, text)


def add_readings(text: str, readings: dict[str, str], rng: random.Random, share: float = 0.5) -> str:
    """Insert ``(pinyin)`` after about ``share`` of the characters that have a known reading.

    Example:
        >>> add_readings("执政", {"执": "zhí"}, random.Random(0), share=1.0)
        '执(zhí)政'
    """
    out = []
    for char in text:
        out.append(char)
        reading = readings.get(char)
        if reading and rng.random() < share:
            out.append(f"({reading})")
    return "".join(out)


_HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})


def _web_furniture(sources: Sources, title: str, year: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """Furniture lines before and after the body of a web page."""
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    editor = rng.choice(["刘磊", "王芳", "张伟", "李娜", "陈静"])
    head = [
        f"首页> {rng.choice(['党建动态', '组工信息', '基层党建', '工作动态'])}>{title}",
        "",
        title,
        f"择稿人员: {editor}    |  发布日期: {date}   |   访问次数: {rng.randint(10, 99999)}    ",
        "字体:",
    ]
    tail_pool = [line for line in sources.furniture if not line.startswith("首页") and "发布日期" not in line]
    tail = rng.sample(tail_pool, k=min(len(tail_pool), rng.randint(0, 3))) + rng.sample(["|", "Baidu", "map", "返回顶部"], k=2)
    return head, tail


def _body_paragraphs(
    sources: Sources, n: int, rng: random.Random, planted: tuple[str, ...] | None, share: float
) -> list[str]:
    """``n`` paragraphs drawn with replacement from all paragraphs, or each from ``planted`` with probability ``share``.

    Without ``planted`` the draws are those of every unplanted corpus (one call of ``rng.choices``).
    """
    if planted is None:
        return rng.choices(sources.paragraphs, k=n)
    return [rng.choice(planted) if rng.random() < share else rng.choice(sources.paragraphs) for _ in range(n)]


def make_document(
    sources: Sources, index: int, rng: random.Random, mix: Mix = Mix(), plant: Plant | None = None
) -> tuple[dict[str, str], bytes]:
    """One generated document: its metadata row and its bytes.

    Example:
        >>> row, data = make_document(load_sources(), 0, random.Random(3))
        >>> row["doc_id"], len(data) > 1000
        ('gen-000000', True)
    """
    region, province, level = rng.choice(sources.places)
    year = rng.randint(2015, 2024)
    title = vary_numbers(rng.choice(sources.titles), rng)
    n_paragraphs = rng.randint(*mix.paragraphs)
    planted = sources.source_paragraphs(plant.source) if plant is not None and plant.applies(region, year) else None
    drawn = _body_paragraphs(sources, n_paragraphs, rng, planted, plant.share if plant else 0.0)
    body = [vary_numbers(p, rng) for p in drawn]
    if rng.random() < mix.headings:
        numerals = "一二三四五六七八九十"
        positions = sorted(rng.sample(range(len(body)), k=min(len(body), rng.randint(2, 6))))
        for number, position in enumerate(reversed(positions)):
            marker = numerals[(len(positions) - 1 - number) % len(numerals)]
            body.insert(position, f"{marker}、{rng.choice(sources.headings)}")
    lines = [title, *body]
    script = "hans"
    if rng.random() < mix.traditional:
        lines = [_to_traditional(line) for line in lines]
        script = "hant"
    if rng.random() < mix.pinyin:
        readings = dict(sources.readings)
        lines = [lines[0]] + [add_readings(line, readings, rng) for line in lines[1:]]
    if rng.random() < mix.half_width_punctuation:
        lines = [line.translate(_HALF_WIDTH) for line in lines]
    if rng.random() < mix.indentation:
        indent = rng.choice(["  ", "\u3000\u3000", "\t"])
        lines = [lines[0]] + [indent + line for line in lines[1:]]
    if rng.random() < mix.web_page:
        head, tail = _web_furniture(sources, lines[0], year, rng)
        lines = head + lines[1:] + tail
    newline = rng.choice(["\n", "\n", "\r\n"])
    text = newline.join(lines) + newline
    encoding = "gb18030" if rng.random() < mix.gb18030 else "utf-8"
    doc_id = f"gen-{index:06d}"
    row = {
        "doc_id": doc_id,
        "file": f"{doc_id}.txt",
        "title": "",
        "region": region,
        "province": province,
        "level": level,
        "year": str(year),
        "genre": rng.choice(sources.genres),
        "script": script,
        "notes": f"generated; encoding {encoding}",
    }
    return row, text.encode(encoding)


def make_corpus(
    out: Path | str,
    *,
    n_docs: int | None = None,
    target_mb: float | None = None,
    seed: int = 0,
    raw_dir: Path | str = RAW_DIR,
    mix: Mix = Mix(),
    plant: Plant | None = None,
) -> CorpusSummary:
    """Write ``n_docs`` documents, or documents until ``target_mb`` megabytes (10**6 bytes), into ``out``.

    With ``plant`` (:class:`Plant`) the matching documents draw more paragraphs from its source.

    Documents are written one at a time (never held together in memory), each atomically;
    ``metadata.csv`` is written last. Files of an earlier, larger corpus in ``out`` are removed.
    """
    if (n_docs is None) == (target_mb is None):
        raise ValueError("give exactly one of n_docs or target_mb")
    if n_docs is not None and n_docs < 1:
        raise ValueError(f"n_docs must be at least 1, got {n_docs}")
    if target_mb is not None and target_mb <= 0:
        raise ValueError(f"target_mb must be positive, got {target_mb}")
    out = Path(out)
    if out.resolve() == Path(raw_dir).resolve():
        raise ValueError(f"{out}: refusing to write generated documents into the raw corpus folder")
    sources = load_sources(raw_dir)
    if plant is not None:
        sources.source_paragraphs(plant.source)
        if not 0 < plant.share <= 1:
            raise ValueError(f"the planted share must be in (0, 1], got {plant.share}")
        if plant.region is not None and plant.region not in {place[0] for place in sources.places}:
            known = ", ".join(place[0] for place in sources.places)
            raise ValueError(f"unknown planted region {plant.region!r}: use one of {known}")
    rng = random.Random(seed)
    target_bytes = None if target_mb is None else int(target_mb * 1_000_000)
    written = 0
    index = 0
    names: set[str] = set()
    out.mkdir(parents=True, exist_ok=True)
    with atomic_open(out / "metadata.csv", "w") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_FIELDS, lineterminator="\n")
        writer.writeheader()
        while (n_docs is not None and index < n_docs) or (target_bytes is not None and written < target_bytes):
            row, data = make_document(sources, index, rng, mix, plant)
            write_bytes_atomic(out / row["file"], data)
            writer.writerow(row)
            names.add(row["file"])
            written += len(data)
            index += 1
    for stale in out.glob("gen-*.txt"):
        if stale.name not in names:
            stale.unlink()
    return CorpusSummary(out, index, written)


def default_folder(mb: float, seed: int, planted: bool = False) -> Path:
    """Where a corpus of ``mb`` megabytes and ``seed`` goes by default (under data/processed/).

    Example:
        >>> default_folder(20, 0).name, default_folder(2, 0, planted=True).name
        ('corpus-20mb-seed0', 'corpus-2mb-seed0-planted')
    """
    size = f"{mb:g}".replace(".", "_")
    suffix = "-planted" if planted else ""
    return PROJECT_ROOT / "data" / "processed" / "benchmark" / f"corpus-{size}mb-seed{seed}{suffix}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--mb", type=float, help="target size in megabytes (10**6 bytes)")
    size.add_argument("--docs", type=int, help="number of documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="output folder (default data/processed/benchmark/corpus-<MB>mb-seed<SEED>)")
    parser.add_argument("--plant-source",
                        help="plant a topic-prevalence difference: raw doc_id whose paragraphs are favoured")
    parser.add_argument("--plant-region", help="the region whose documents favour the source")
    parser.add_argument("--plant-from-year", type=int, help="documents from this year on favour the source")
    parser.add_argument("--plant-share", type=float, default=0.5, help="probability a paragraph comes from the source")
    args = parser.parse_args(argv)
    if args.out is None and args.mb is None:
        parser.error("--docs needs --out")
    if (args.plant_region or args.plant_from_year) and not args.plant_source:
        parser.error("--plant-region and --plant-from-year need --plant-source")
    if args.plant_source and not (args.plant_region or args.plant_from_year):
        parser.error("--plant-source needs --plant-region or --plant-from-year")
    plant = None
    if args.plant_source:
        plant = Plant(args.plant_source, args.plant_share, args.plant_region, args.plant_from_year)
    out = args.out or default_folder(args.mb, args.seed, planted=plant is not None)
    summary = make_corpus(out, n_docs=args.docs, target_mb=args.mb, seed=args.seed, plant=plant)
    print(f"wrote {summary.documents} documents, {summary.bytes / 1e6:.1f} MB, into {summary.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
