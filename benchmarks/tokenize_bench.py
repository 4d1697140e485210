"""Time DomainTokenizer against bare ``jieba.lcut`` on the clean corpus and print the ratio.

Both run on the same clean texts (``dangjian.segmentation.pipeline.process_corpus``) after their dictionaries
are loaded (loading happens once per process for both and is reported separately). Each
measurement is the best of several repeats of tokenizing the whole corpus, which removes
noise from other processes on the machine.

Usage (from the project root):
    .venv/bin/python benchmarks/tokenize_bench.py [--corpus data/raw] [--repeats 15] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import jieba

from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.tokenize import DomainTokenizer, load_jieba


def best_time(function, texts: list[str], rounds: int) -> float:
    """Fastest of ``rounds`` passes of ``function`` over all ``texts``, in seconds."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            function(text)
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="data/raw")
    parser.add_argument("--repeats", type=int, default=15, help="independent ratio measurements")
    parser.add_argument("--rounds", type=int, default=5, help="passes per measurement (best is kept)")
    args = parser.parse_args()

    texts = list(process_corpus(args.corpus).clean_texts.values())
    chars = sum(len(t) for t in texts)

    start = time.perf_counter()
    jieba.initialize()
    bare_load = time.perf_counter() - start
    start = time.perf_counter()
    load_jieba()
    domain_load = time.perf_counter() - start

    tokenizer = DomainTokenizer()
    tokenizer.tokenize_many(texts)  # warm both once
    jieba_lcut = jieba.lcut
    for text in texts:
        jieba_lcut(text)

    ratios, bare_times, domain_times = [], [], []
    for _ in range(args.repeats):
        bare = best_time(jieba_lcut, texts, args.rounds)
        domain = best_time(tokenizer.tokenize, texts, args.rounds)
        bare_times.append(bare)
        domain_times.append(domain)
        ratios.append(domain / bare)

    print(f"corpus: {len(texts)} documents, {chars} characters")
    print(f"dictionary load: jieba {bare_load:.2f} s, DomainTokenizer {domain_load:.2f} s (once per process)")
    print(f"bare jieba.lcut: {statistics.median(bare_times) * 1000:.1f} ms per corpus pass (median of best-of-{args.rounds})")
    print(f"DomainTokenizer: {statistics.median(domain_times) * 1000:.1f} ms per corpus pass")
    print(f"ratio DomainTokenizer / jieba.lcut: median {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f}, {args.repeats} repeats)")
    print(f"ratio of the fastest passes: {min(domain_times) / min(bare_times):.3f}")


if __name__ == "__main__":
    main()
