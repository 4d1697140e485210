"""Benchmark: one document of tens of megabytes on a single line, through every per-document stage.

The document is the documents of ``data/raw/`` with their line breaks removed, the last one also
stripped of its sentence punctuation (as a careless scrape leaves it), repeated to the size asked
for and written as one line (:func:`one_line_document`). For each size the script measures the
seconds of each stage — read and decode, clean, segment, extract indicators, tokenize — and the
peak resident memory of a fresh process, so that growth that is worse than linear shows.

Usage (from the project root):
    .venv/bin/python benchmarks/large_document.py --mb 12.5 25 50

Example:
    >>> len(one_line_document(target_bytes=1000).encode("utf-8")) >= 1000
    True
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = PROJECT_ROOT / "data" / "raw"
SENTENCE_PUNCTUATION = re.compile(r"[。！？!?；;…]")


def one_line_piece(raw_dir: Path = RAW_DIR) -> str:
    """The ``.txt`` documents of ``raw_dir`` on one line; the last one without sentence punctuation."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(raw_dir).glob("*.txt"))]
    flat = ["".join(text.split("\n")).replace("\r", "") for text in texts]
    flat[-1] = SENTENCE_PUNCTUATION.sub("", flat[-1])
    return "".join(flat)


def copies_for(piece: str, target_bytes: int) -> int:
    """How many copies of ``piece`` make at least ``target_bytes`` of UTF-8."""
    return target_bytes // len(piece.encode("utf-8")) + 1


def one_line_document(raw_dir: Path = RAW_DIR, target_bytes: int = 50_000_000) -> str:
    """:func:`one_line_piece` repeated to at least ``target_bytes`` of UTF-8, as one line."""
    piece = one_line_piece(raw_dir)
    return piece * copies_for(piece, target_bytes)


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    On Linux the high-water mark of the process's own memory (``VmHWM``): ``ru_maxrss`` of a
    child process starts from the resident memory of the process that started it, which here
    holds the whole document.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path) -> dict[str, float]:
    """Seconds of each stage on the file at ``path``, and the peak memory after it (run in this process)."""
    from dangjian.indicators import extract
    from dangjian.reading.corpus import read_document
    from dangjian.segmentation.pipeline import process_document
    from dangjian.tokens.tokenize import DomainTokenizer

    tokenizer = DomainTokenizer()
    tokenizer.tokenize("基层党建")  # load the dictionary before timing
    clock = time.perf_counter
    started = clock()
    document = read_document(path)
    read = clock()
    processed = process_document(document)
    processed_at = clock()
    peak_processed = peak_mb()
    table = extract(processed)
    extracted = clock()
    peak_extracted = peak_mb()
    tokens = tokenizer.tokenize(processed.cleaned.text)
    tokenized = clock()
    return {
        "read": read - started,
        "clean + segment": processed_at - read,
        "extract": extracted - processed_at,
        "tokenize": tokenized - extracted,
        "total": tokenized - started,
        "sentences": len(processed.segmentation.sentences),
        "cut sentences": int(processed.segmentation.sentences.cut_for_length.sum()),
        "indicators": len(table),
        "tokens": len(tokens),
        "peak MB, clean + segment": peak_processed,
        "peak MB, + extract": peak_extracted,
        "peak MB, + tokenize": peak_mb(),
    }


def _child(path: str) -> None:
    print(json.dumps(measure(Path(path))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", nargs="+", type=float, default=[12.5, 25, 50], help="document sizes in MB")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for mb in args.mb:
            path = Path(folder) / f"one-line-{mb:g}mb.txt"
            path.write_bytes(one_line_document(target_bytes=int(mb * 1_000_000)).encode("utf-8"))
            completed = subprocess.run(
                [sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, check=True
            )
            result = json.loads(completed.stdout.strip().splitlines()[-1])
            rows.append({"MB": path.stat().st_size / 1e6, **result})
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(f"{row[c]:.1f}" if isinstance(row[c], float) else str(row[c]) for c in columns) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
