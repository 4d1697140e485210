"""Benchmark the per-document pipeline on a generated corpus: throughput, scaling, memory.

On a corpus of ``--mb`` megabytes made by ``benchmarks/make_corpus.py`` (generated once, then
reused), in one run:

* bare ``jieba.lcut`` (jieba's own dictionary, default mode) over the clean text of every
  document, in this process: the reference throughput;
* the whole pipeline (decode, clean, segment, extract indicators, tokenize, write partitioned
  Parquet) through :func:`dangjian.running.engine.run` with the local back-end on 1 worker and on
  ``--workers`` workers, and with the Dask back-end (``LocalCluster``) on ``--workers``
  workers, for each tokenizer back-end asked for;
* the throughput of each stage (MB of input per second spent in that stage, 1 worker) and its
  ratio to the stage's library floor, timed over the same texts in the same run (:data:`FLOORS`):
  OpenCC over the raw text for cleaning, rjieba's cut of the clean text for tokenizing, one pass
  of the indicator number regex over the clean text for extraction;
* the load average of the machine at the start and at the end (a busy machine slows every time);
* peak memory: the largest sum of the proportional set sizes (PSS: resident memory with each shared
  page divided among the processes sharing it) of this process and all its children during each run
  (sampled every 0.1 s), and each worker's own peak;
* token-level agreement between the jieba and rjieba tokenizer back-ends.
* the parallelism the machine offers at the time (a pure-Python loop on 1 and on ``--workers``
  processes, before and after the runs): on a machine shared with other work, the speed-up of the
  pipeline cannot exceed it.

Throughput is megabytes (10**6 bytes) of input files per second of wall time. Workers are
started and warmed up (dictionaries loaded) before the clock starts; their start-up time is
reported separately. With ``--repeat N`` all measurements are taken in N rounds and every time is
the fastest of its N (memory: the largest), which filters out other load on a shared machine.
The results go to ``data/processed/benchmark/results-<MB>mb.json`` and
as a Markdown table to stdout, which ends with the two lines::

    ratio_to_jieba: X.XX        (pipeline throughput, default tokenizer, 1 worker / bare jieba.lcut)
    speedup_2_workers: Y.YY     (local back-end, 1 worker time / 2 workers time)

With ``--main-job`` it measures the main job instead: on the same generated corpus, the
``dangjian process`` step alone (fresh tables and cache in a temporary folder), then the whole
``dangjian run --corpus FOLDER --name bench-<MB>`` (the process step and every notebook with every
parameter set, executed afresh), each with the peak of the summed proportional set sizes of all its
processes (the physical memory of the process tree: a page shared by a kernel and the workers it
forked is counted once; the peak of the summed resident sizes, which counts it in each, is printed
too). It prints the seconds of every report (from the run's summary table) and ends with the
four lines::

    main_job_reports_ok: A/B         (reports that ran without failing / reports run)
    main_job_minutes: X.X            (wall time of the whole dangjian run)
    main_job_peak_gb: Y.YY           (peak physical memory (PSS) of all its processes, 10**9 bytes)
    main_job_over_process: Z.ZZ      (whole run time / the process step's time alone)

The run's folder ``runs/bench-<MB>/`` is removed afterwards unless ``--keep`` is given.

Usage (from the project root):
    .venv/bin/python benchmarks/run.py --mb 20 --workers 2
    .venv/bin/python benchmarks/run.py --mb 200 --workers 2 --tokenizers default
    .venv/bin/python benchmarks/run.py --main-job --mb 20
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import PROJECT_ROOT, default_folder, make_corpus  # noqa: E402

from dangjian.cleaning.clean import OPENCC_CONFIG, clean_text  # noqa: E402
from dangjian.project.io import write_text_atomic  # noqa: E402
from dangjian.reading.stream import iter_document_refs, metadata_columns, read_ref, read_table  # noqa: E402
from dangjian.running.engine import STAGES, Engine, Stages, run, warm_stages  # noqa: E402
from dangjian.tokens.tokenize import TOKENIZER_BACKENDS, DomainTokenizer  # noqa: E402

BENCH_DIR = PROJECT_ROOT / "data" / "processed" / "benchmark"


# --------------------------------------------------------------------------- measuring


def proportional_memory(process: psutil.Process) -> tuple[int, int]:
    """(resident, proportional) memory of ``process`` in bytes. The proportional set size (PSS, from
    ``/proc/<pid>/smaps_rollup``) divides each shared page among the processes that share it, so that
    summed over a process tree (a kernel and the workers it forked, the libraries every process maps)
    it is the physical memory the tree uses; where PSS cannot be read it is the resident size."""
    rss = process.memory_info().rss
    try:
        with open(f"/proc/{process.pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return rss, int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, rss


class PeakMemory:
    """Sample the memory of this process (unless ``include_self`` is False) and all its descendants;
    keep the peak sums: ``peak`` of the proportional set sizes (the tree's physical memory, see
    :func:`proportional_memory`) and ``peak_rss`` of the resident sizes (which counts a page shared
    by several processes once in each)."""

    def __init__(self, interval: float = 0.1, include_self: bool = True, phase: Callable[[], str] | None = None):
        self.interval = interval
        self.include_self = include_self
        self.phase = phase
        self.peak = 0
        self.peak_rss = 0
        #: With ``phase`` (a function naming what runs now), the peak of each phase (PSS, bytes).
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _current(self) -> tuple[int, int]:
        me = psutil.Process()
        rss_total = pss_total = 0
        for process in [me, *me.children(recursive=True)] if self.include_self else me.children(recursive=True):
            try:
                rss, pss = proportional_memory(process)
            except psutil.Error:
                continue
            rss_total += rss
            pss_total += pss
        return rss_total, pss_total

    def _update(self) -> None:
        rss, pss = self._current()
        self.peak_rss = max(self.peak_rss, rss)
        self.peak = max(self.peak, pss)
        if self.phase is not None:
            name = self.phase()
            self.peaks[name] = max(self.peaks.get(name, 0), pss)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self._update()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._update()
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()
        self._update()


@dataclass
class Measurement:
    """One timed run of the pipeline."""

    label: str
    backend: str
    tokenizer: str
    workers: int
    seconds: float
    startup_seconds: float
    documents: int
    megabytes: float
    peak_memory_mb: float
    worker_peak_mb: float
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_scaling(workers: int, n: int = 5_000_000) -> float:
    """How much faster ``workers`` processes do ``workers`` times a fixed pure-Python loop than one
    process does it once, right now: the parallelism this (shared) machine offers (ideal: ``workers``)."""
    import multiprocessing

    started = time.perf_counter()
    _spin(n)
    one = time.perf_counter() - started
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_spin, [10] * workers)
        started = time.perf_counter()
        pool.map(_spin, [n] * workers, chunksize=1)
        many = time.perf_counter() - started
    return workers * one / many


#: The library each stage is measured against (its floor), timed on the same texts in the same run.
FLOORS = {
    "clean": f"OpenCC {OPENCC_CONFIG} of the raw text",
    "extract": "one pass of the indicator number regex over the clean text",
    "tokenize": "rjieba cut of the clean text",
}


def reference_pass(folder: Path) -> dict:
    """Time bare ``jieba.lcut`` and each stage's library floor over every document, streaming.

    For each document (decoding and cleaning untimed): ``jieba.lcut`` of the clean text (jieba's
    own dictionary; the reference of ``ratio_to_jieba``), and the floors of :data:`FLOORS`: OpenCC
    with the cleaner's configuration over the decoded raw text, one ``finditer`` pass of the
    extractor's number pattern (:data:`dangjian.indicators.grammar.CANDIDATE`) over the clean text,
    and rjieba's cut of the clean text (with the project's user dictionary, as the tokenizer cuts).
    Returns ``seconds`` (jieba), ``floor_seconds`` per stage, ``megabytes`` of input files,
    ``tokens`` and ``clean_chars``.
    """
    import jieba
    import opencc

    from dangjian.indicators.grammar import CANDIDATE
    from dangjian.tokens.tokenize import load_rjieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.lcut("基层党建")
    lcut = jieba.lcut
    convert = opencc.OpenCC(OPENCC_CONFIG).convert
    rjieba_cut = load_rjieba().cut
    rjieba_cut("基层党建", True)
    finditer = CANDIDATE.finditer
    clock = time.perf_counter
    tokens = 0
    seconds = 0.0
    floors = dict.fromkeys(FLOORS, 0.0)
    raw_bytes = 0
    clean_chars = 0
    for ref in iter_document_refs(folder):
        document = read_ref(ref)
        raw_bytes += ref.path.stat().st_size
        started = clock()
        convert(document.raw_text)
        floors["clean"] += clock() - started
        text = clean_text(document.raw_text).text
        clean_chars += len(text)
        started = clock()
        tokens += len(lcut(text))
        seconds += clock() - started
        started = clock()
        for _ in finditer(text):
            pass
        floors["extract"] += clock() - started
        started = clock()
        rjieba_cut(text, True)
        floors["tokenize"] += clock() - started
    return {"seconds": seconds, "floor_seconds": floors, "megabytes": raw_bytes / 1e6, "tokens": tokens, "clean_chars": clean_chars}


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages of the machine (zeros where the system has none)."""
    try:
        return tuple(round(x, 2) for x in os.getloadavg())  # type: ignore[return-value]
    except OSError:
        return (0.0, 0.0, 0.0)


def timed_run(folder: Path, out: Path, label: str, backend: str, workers: int, stages: Stages, chunk_size: int) -> Measurement:
    """Run the pipeline once on warm workers; measure wall time and peak memory."""
    gc.collect()
    with PeakMemory() as memory:
        started = time.perf_counter()
        engine = Engine(backend, workers, chunk_size=chunk_size, initializer=warm_stages, initargs=(stages,))
        with engine:
            startup = time.perf_counter() - started
            summary = run(folder, out, engine=engine, stages=stages)
    return Measurement(
        label=label,
        backend=backend,
        tokenizer=stages.tokenizer.backend,
        workers=workers,
        seconds=summary.seconds,
        startup_seconds=startup,
        documents=summary.documents,
        megabytes=summary.bytes / 1e6,
        peak_memory_mb=memory.peak / 1e6,
        worker_peak_mb=max(summary.worker_peak_rss.values()) / 1e6,
        stage_seconds=dict(summary.timings),
    )


def count_agreement(out_a: Path, out_b: Path) -> dict[str, float]:
    """Agreement of two runs' token-count tables: shared tokens / tokens (per document, filtered tokens)."""
    a = read_table(out_a, "tokens")
    b = read_table(out_b, "tokens")
    merged = a.merge(b, on=["doc_id", "token"], how="outer", suffixes=("_a", "_b")).fillna({"count_a": 0, "count_b": 0})
    shared = merged[["count_a", "count_b"]].min(axis=1).sum()
    return {
        "tokens_a": int(merged["count_a"].sum()),
        "tokens_b": int(merged["count_b"].sum()),
        "agreement": float(shared / max(merged["count_a"].sum(), merged["count_b"].sum())),
    }


def span_agreement(folder: Path, max_megabytes: float) -> dict[str, float]:
    """Share of jieba's tokens (domain dictionary, unfiltered, as character spans) that rjieba
    reproduces exactly, on the clean text of the first ``max_megabytes`` of the corpus."""
    jieba_tokenizer = DomainTokenizer()
    rjieba_tokenizer = DomainTokenizer(backend="rjieba")
    same = total_jieba = total_rjieba = 0
    raw_bytes = 0
    for ref in iter_document_refs(folder):
        if raw_bytes >= max_megabytes * 1e6:
            break
        raw_bytes += ref.path.stat().st_size
        text = clean_text(read_ref(ref).raw_text).text
        spans_jieba = {(s, e) for _, s, e in jieba_tokenizer.spans(text)}
        spans_rjieba = {(s, e) for _, s, e in rjieba_tokenizer.spans(text)}
        same += len(spans_jieba & spans_rjieba)
        total_jieba += len(spans_jieba)
        total_rjieba += len(spans_rjieba)
    return {
        "megabytes": raw_bytes / 1e6,
        "jieba_tokens": total_jieba,
        "rjieba_tokens": total_rjieba,
        "recall": same / total_jieba if total_jieba else 1.0,
        "precision": same / total_rjieba if total_rjieba else 1.0,
    }


# --------------------------------------------------------------------------- reporting


def floor_speeds(reference: dict) -> dict[str, float]:
    """MB of input per second of each stage's library floor (:data:`FLOORS`) in a :func:`reference_pass`.

    Example:
        >>> floor_speeds({"megabytes": 10.0, "floor_seconds": {"clean": 0.5, "extract": 0.0}})
        {'clean': 20.0}
    """
    return {stage: reference["megabytes"] / seconds for stage, seconds in reference["floor_seconds"].items() if seconds}


def stage_table(singles: list[Measurement], floors: dict[str, float], default_tokenizer: str) -> list[str]:
    """Markdown lines: MB/s of each stage on 1 worker (a column per tokenizer), its library floor and the ratio.

    The ratio is the stage's throughput over its floor's (1.00: the stage runs as fast as the
    library it stands on), on the run with the default tokenizer.
    """
    default = next((m for m in singles if m.tokenizer == default_tokenizer), singles[0])

    def speed(m: Measurement, stage: str) -> float | None:
        seconds = sum(m.stage_seconds.values()) if stage == "all stages" else m.stage_seconds.get(stage, 0.0)
        return m.megabytes / seconds if seconds else None

    lines = [
        "| stage | " + " | ".join(f"MB/s ({m.tokenizer})" for m in singles) + " | library floor | floor MB/s | stage / floor |",
        "|---|" + "---|" * len(singles) + "---|---|---|",
    ]
    for stage in (*STAGES, "all stages"):
        cells = [f"{value:.1f}" if (value := speed(m, stage)) else "-" for m in singles]
        floor, own = floors.get(stage), speed(default, stage)
        ratio = f"{own / floor:.2f}" if floor and own else ""
        lines.append(f"| {stage} | " + " | ".join(cells) + f" | {FLOORS.get(stage, '')} | {f'{floor:.1f}' if floor else ''} | {ratio} |")
    return lines


def markdown_report(
    corpus: dict, scaling: dict, jieba_ref: dict, runs: list[Measurement], agreement: dict, load: dict | None = None, default_tokenizer: str = ""
) -> str:
    jieba_mbs = jieba_ref["megabytes"] / jieba_ref["seconds"]
    lines = [
        f"Corpus: {corpus['documents']} documents, {corpus['megabytes']:.1f} MB ({corpus['folder']}); "
        f"machine: {corpus['cpus']} CPUs, Python {platform.python_version()}.",
        "",
    ]
    if load:
        lines += [
            f"Load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in load['start'])} at the start, "
            f"{', '.join(f'{x:.2f}' for x in load['end'])} at the end.",
            "",
        ]
    lines += [
        f"Parallelism the machine offered: {scaling['workers']} processes ran a pure-Python loop "
        f"{scaling['before']:.2f}× (before the runs) and {scaling['after']:.2f}× (after) as fast as one process.",
        "",
        f"Bare `jieba.lcut` over the clean text: {jieba_mbs:.2f} MB/s ({jieba_ref['seconds']:.1f} s).",
        "",
        "| run | back-end | tokenizer | workers | time (s) | MB/s | × bare jieba | peak memory (MB) | worker peak (MB) | start-up (s) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in runs:
        lines.append(
            f"| {m.label} | {m.backend} | {m.tokenizer} | {m.workers} | {m.seconds:.1f} | {m.mb_per_second:.2f} | "
            f"{m.mb_per_second / jieba_mbs:.2f} | {m.peak_memory_mb:.0f} | {m.worker_peak_mb:.0f} | {m.startup_seconds:.1f} |"
        )
    singles = [m for m in runs if m.workers == 1 and m.backend == "local"]
    if singles:
        lines += [
            "",
            "Stage throughput, 1 worker (MB of input per second spent in the stage), and each stage's "
            "library floor timed on the same texts in the same run:",
            "",
        ]
        lines += stage_table(singles, floor_speeds(jieba_ref), default_tokenizer or singles[0].tokenizer)
    if agreement:
        lines += ["", "Tokenizer agreement (rjieba vs jieba, both with the domain dictionary):"]
        for key, value in agreement.items():
            lines.append(f"- {key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the main job

#: One row of the summary table ``dangjian run`` prints: report, notebook, status, seconds.
SUMMARY_ROW = re.compile(r"^(?P<report>\S+)\s+(?P<notebook>\S+\.ipynb)\s+(?P<status>ok|failed|up to date)\s+(?P<seconds>\d+\.\d)\b")


@dataclass
class TimedCommand:
    """One command run to its end: exit code, wall seconds, peak memory of its process tree, output."""

    returncode: int
    seconds: float
    peak_bytes: int
    output: str
    peak_rss_bytes: int = 0
    #: The peak memory (PSS, bytes) while each phase ran, when the phases were named.
    phase_peaks: dict[str, int] = field(default_factory=dict)


def timed_command(command: list[str], cwd: Path, phase: Callable[[], str] | None = None) -> TimedCommand:
    """Run ``command`` (output captured), timing it and sampling the memory of all its processes
    (with ``phase``, the peak of each phase it names too)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as output:
        with PeakMemory(include_self=False, phase=phase) as memory:
            start = time.perf_counter()
            process = subprocess.run(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, check=False)
            seconds = time.perf_counter() - start
        output.seek(0)
        text = output.read()
    return TimedCommand(process.returncode, seconds, memory.peak, text, memory.peak_rss, memory.peaks)


#: A report starting, as ``dangjian run`` writes it to the run's log (``===== NAME: notebook ...``).
REPORT_STARTED = re.compile(r"^===== (\S+?):", re.M)


def current_report(log: Path, tail_bytes: int = 1 << 16) -> str:
    """The report a run is executing, from the end of its log (``process step`` before the first).

    Example:
        >>> import tempfile
        >>> log = Path(tempfile.mkdtemp()) / "run.log"
        >>> current_report(log)
        'process step'
        >>> _ = log.write_text("===== 00_corpus: notebooks/00_corpus.ipynb\\n...\\n===== 01_keywords_level: x\\n")
        >>> current_report(log)
        '01_keywords_level'
    """
    try:
        with open(log, "rb") as handle:
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - tail_bytes))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return "process step"
    found = REPORT_STARTED.findall(text)
    return found[-1] if found else "process step"


def report_seconds(output: str) -> list[tuple[str, str, float]]:
    """(report, status, seconds) of every row of the summary table in ``dangjian run``'s output.

    Example:
        >>> report_seconds("report  notebook  status  seconds\\n00_corpus  notebooks/00_corpus.ipynb  ok  12.5  reports/x")
        [('00_corpus', 'ok', 12.5)]
    """
    rows = []
    for line in output.splitlines():
        match = SUMMARY_ROW.match(line.strip())
        if match:
            rows.append((match["report"], match["status"], float(match["seconds"])))
    return rows


def main_job_lines(reports: list[tuple[str, str, float]], run: TimedCommand, process: TimedCommand) -> list[str]:
    """The four closing lines of the main-job benchmark.

    Example:
        >>> run, step = TimedCommand(0, 600.0, 2 * 10**9, ""), TimedCommand(0, 240.0, 10**9, "")
        >>> main_job_lines([("a", "ok", 1.0), ("b", "failed", 2.0)], run, step)
        ['main_job_reports_ok: 1/2', 'main_job_minutes: 10.0', 'main_job_peak_gb: 2.00', 'main_job_over_process: 2.50']
    """
    ok = sum(status == "ok" for _, status, _ in reports)
    return [
        f"main_job_reports_ok: {ok}/{len(reports)}",
        f"main_job_minutes: {run.seconds / 60:.1f}",
        f"main_job_peak_gb: {run.peak_bytes / 1e9:.2f}",
        f"main_job_over_process: {run.seconds / process.seconds:.2f}",
    ]


def main_job(folder: Path, name: str, keep: bool = False) -> int:
    """Time ``dangjian process`` alone and the whole ``dangjian run`` on ``folder``; print the results."""
    dangjian = str(Path(sys.executable).with_name("dangjian"))
    run_folder = PROJECT_ROOT / "runs" / name
    shutil.rmtree(run_folder, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="dangjian-process-") as scratch:
        print(f"dangjian process {folder} ...", flush=True)
        process = timed_command(
            [dangjian, "process", str(folder), "--out", f"{scratch}/tables", "--cache", f"{scratch}/cache"], PROJECT_ROOT
        )
    if process.returncode != 0:
        print(process.output)
        print(f"dangjian process failed (exit {process.returncode})")
        return 1
    print(f"  {process.seconds:.1f} s, peak {process.peak_bytes / 1e9:.2f} GB", flush=True)
    print(f"dangjian run --corpus {folder} --name {name} ...", flush=True)
    log = run_folder / "reports" / "run.log"
    run = timed_command(
        [dangjian, "run", "--corpus", str(folder), "--name", name, "--force", "--no-progress", "--allow-skipped"],
        PROJECT_ROOT,
        phase=lambda: current_report(log),
    )
    reports = report_seconds(run.output)
    if not reports:
        print(run.output)
    if not keep:
        shutil.rmtree(run_folder, ignore_errors=True)
    print()
    print("| report | status | seconds | peak memory of the run while it ran (GB) |")
    print("|---|---|---:|---:|")
    for report, status, seconds in reports:
        peak = run.phase_peaks.get(report)
        print(f"| {report} | {status} | {seconds:.1f} | {'' if peak is None else f'{peak / 1e9:.2f}'} |")
    if "process step" in run.phase_peaks:
        print(f"| (the run's process step) | | | {run.phase_peaks['process step'] / 1e9:.2f} |")
    print(f"| `dangjian process` alone | {'ok' if process.returncode == 0 else 'failed'} | {process.seconds:.1f} |")
    print(f"| `dangjian run` (exit {run.returncode}) | | {run.seconds:.1f} |")
    print()
    print(f"peak resident memory summed over the processes (a shared page counted in each): {run.peak_rss_bytes / 1e9:.2f} GB")
    for line in main_job_lines(reports, run, process):
        print(line)
    return 0 if run.returncode == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20, help="size of the generated corpus in MB (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel runs (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder instead of a generated one")
    parser.add_argument("--chunk-size", type=int, default=32, help="documents per partition")
    parser.add_argument(
        "--tokenizers", default="default,other",
        help="tokenizer back-ends to run: 'default' (DomainTokenizer()), 'other' (the other back-end), or jieba,rjieba",
    )
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask back-end")
    parser.add_argument("--repeat", type=int, default=1, help="time every measurement this many times and keep the fastest")
    parser.add_argument("--agreement-mb", type=float, default=5.0, help="MB of the corpus for the span-level agreement")
    parser.add_argument("--main-job", action="store_true",
                        help="time the whole dangjian run (every notebook and parameter set) and the process step alone")
    parser.add_argument("--keep", action="store_true", help="with --main-job, keep the run's folder runs/bench-<MB>/")
    args = parser.parse_args(argv)
    if args.main_job:
        folder = args.corpus or default_folder(args.mb, args.seed)
        if args.corpus is None and not (folder / "metadata.csv").is_file():
            print(f"generating {args.mb:g} MB corpus in {folder} ...", flush=True)
            make_corpus(folder, target_mb=args.mb, seed=args.seed)
        return main_job(folder, f"bench-{args.mb:g}".replace(".", "_"), keep=args.keep)
    if args.workers < 2:
        parser.error("--workers must be at least 2 (the speed-up is measured from 1 worker to --workers)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    folder = args.corpus or default_folder(args.mb, args.seed)
    if args.corpus is None and not (folder / "metadata.csv").is_file():
        print(f"generating {args.mb:g} MB corpus in {folder} ...", flush=True)
        make_corpus(folder, target_mb=args.mb, seed=args.seed)
    refs = list(iter_document_refs(folder))
    corpus = {
        "folder": str(folder.relative_to(PROJECT_ROOT) if folder.is_relative_to(PROJECT_ROOT) else folder),
        "documents": len(refs),
        "megabytes": sum(r.path.stat().st_size for r in refs) / 1e6,
        "cpus": psutil.cpu_count(),
    }
    del refs

    default_backend = DomainTokenizer().backend
    other_backend = next(b for b in TOKENIZER_BACKENDS if b != default_backend)
    wanted: list[str] = []
    for name in (n.strip() for n in args.tokenizers.split(",")):
        backend = {"default": default_backend, "other": other_backend}.get(name, name)
        if backend not in TOKENIZER_BACKENDS:
            parser.error(f"unknown tokenizer {name!r}: use default, other, {', '.join(TOKENIZER_BACKENDS)}")
        if backend not in wanted:
            wanted.append(backend)
    if default_backend not in wanted:
        parser.error("--tokenizers must include the default tokenizer (the ratio and speed-up are measured on it)")

    columns = metadata_columns(folder)
    plan = [
        (backend, workers, tokenizer_backend)
        for tokenizer_backend in wanted
        for backend, workers in [("local", 1), ("local", args.workers)] + ([] if args.no_dask else [("dask", args.workers)])
    ]
    # Rounds go through every measurement in turn, so that each one gets its share of the quiet and
    # the busy moments of a shared machine; the fastest of the rounds is kept.
    bare_rounds: list[dict] = []
    rounds: dict[str, list[Measurement]] = {}
    outputs: dict[tuple[str, str, int], Path] = {}
    load = {"start": load_average()}
    print(f"load average at the start: {', '.join(f'{x:.2f}' for x in load['start'])}", flush=True)
    scaling = {"workers": args.workers, "before": machine_scaling(args.workers)}
    for round_number in range(1, args.repeat + 1):
        print(f"round {round_number}/{args.repeat}: bare jieba.lcut and the library floors ...", flush=True)
        bare_rounds.append(reference_pass(folder))
        floors = ", ".join(f"{stage} {speed:.1f}" for stage, speed in floor_speeds(bare_rounds[-1]).items())
        print(f"  jieba {bare_rounds[-1]['megabytes'] / bare_rounds[-1]['seconds']:.2f} MB/s; floors (MB/s): {floors}", flush=True)
        for backend, workers, tokenizer_backend in plan:
            stages = Stages(tokenizer=DomainTokenizer(backend=tokenizer_backend), metadata_columns=columns)
            label = f"{backend}-{workers}w-{tokenizer_backend}"
            out = BENCH_DIR / f"out-{corpus['megabytes']:.0f}mb" / label
            print(f"round {round_number}/{args.repeat}: {label} ...", flush=True)
            measurement = timed_run(folder, out, label, backend, workers, stages, args.chunk_size)
            rounds.setdefault(label, []).append(measurement)
            outputs[(backend, tokenizer_backend, workers)] = out
            print(f"  {measurement.seconds:.1f} s, {measurement.mb_per_second:.2f} MB/s, peak {measurement.peak_memory_mb:.0f} MB", flush=True)
    scaling["after"] = machine_scaling(args.workers)
    load["end"] = load_average()
    jieba_ref = min(bare_rounds, key=lambda r: r["seconds"])
    # each floor: the fastest of the rounds, like every other time
    jieba_ref = {**jieba_ref, "floor_seconds": {stage: min(r["floor_seconds"][stage] for r in bare_rounds) for stage in FLOORS}}
    runs: list[Measurement] = []
    for repeats in rounds.values():
        measurement = min(repeats, key=lambda m: m.seconds)
        measurement.peak_memory_mb = max(m.peak_memory_mb for m in repeats)
        measurement.worker_peak_mb = max(m.worker_peak_mb for m in repeats)
        runs.append(measurement)

    agreement: dict[str, dict] = {}
    if {"jieba", "rjieba"} <= set(wanted):
        agreement["token counts, whole corpus"] = count_agreement(outputs[("local", "jieba", 1)], outputs[("local", "rjieba", 1)])
        agreement["token spans"] = span_agreement(folder, args.agreement_mb)

    jieba_mbs = jieba_ref["megabytes"] / jieba_ref["seconds"]
    by_label = {m.label: m for m in runs}
    single = by_label[f"local-1w-{default_backend}"]
    parallel = by_label[f"local-{args.workers}w-{default_backend}"]
    results = {
        "corpus": corpus,
        "machine_scaling": scaling,
        "load_average": load,
        "bare_jieba": {**jieba_ref, "mb_per_second": jieba_mbs},
        "library_floors": {stage: {"library": FLOORS[stage], "mb_per_second": speed} for stage, speed in floor_speeds(jieba_ref).items()},
        "runs": [{**asdict(m), "mb_per_second": m.mb_per_second, "ratio_to_jieba": m.mb_per_second / jieba_mbs} for m in runs],
        "agreement": agreement,
        "default_tokenizer": default_backend,
        "ratio_to_jieba": single.mb_per_second / jieba_mbs,
        f"speedup_{args.workers}_workers": single.seconds / parallel.seconds,
    }
    dask_run = by_label.get(f"dask-{args.workers}w-{default_backend}")
    if dask_run:
        results["dask_over_local"] = dask_run.seconds / parallel.seconds
    write_text_atomic(BENCH_DIR / f"results-{args.mb:g}mb.json", json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    for out in outputs.values():
        shutil.rmtree(out, ignore_errors=True)

    print()
    print(markdown_report(corpus, scaling, jieba_ref, runs, agreement, load, default_backend))
    if dask_run:
        print(f"\ndask_over_local_{args.workers}_workers: {results['dask_over_local']:.2f}")
    print(f"ratio_to_jieba: {results['ratio_to_jieba']:.2f}")
    print(f"speedup_{args.workers}_workers: {results[f'speedup_{args.workers}_workers']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
