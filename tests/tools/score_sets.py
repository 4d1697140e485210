#!/usr/bin/env python3
"""Extract the indicators of a hand-labelled set and score them with both scorers.

usage: python tests/tools/score_sets.py [seeds|seen|unseen|heldout|blind2 … blind73 ...] [--show N] [--out DIR] [--by-confidence]

Sets: ``seeds`` (data/raw/ against tests/gold/), ``seen``, ``unseen``, ``heldout``, ``blind2`` and
``blind3`` (the parts of the development set tests/devset/, split by the ``split`` column of its
metadata.csv). For each set the documents are read, cleaned and segmented, their indicator table
is written as the command line writes it (``DIR/<set>/pred.csv``), and two scores are printed:

- ``score_indicators.py``: is every number found, with its value and unit class (recall,
  precision, strict key value_norm + unit_class);
- ``score_core.py``: is each indicator row given the right core indicator and kind.

The held-out part and the two blind parts are scored without listing their rows (``--show`` applies
to the other sets only): their documents and labels stay unread while rules are written, so that
their scores stay honest. (The unseen part was scored so until its blind measurement; it has since
been studied, so its rows are listed like those of the seen part.) :func:`score_set` returns the figures for the tests.

``--by-confidence`` measures the confidence of the mapping: the shipped taxonomy is run with
``min_confidence`` lowered to 0.01 (nothing left unmapped for want of confidence) and, for each
band of confidence, the share of gold indicator rows with a core id whose mapping is right is
printed — the band below the shipped ``min_confidence`` is what the extractor leaves unmapped.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
TOOLS = TESTS / "tools"
DEVSET = TESTS / "devset"
SETS = ("seeds", "seen", "unseen", "heldout", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47", "blind48", "blind49", "blind50", "blind51", "blind52", "blind53", "blind54", "blind55", "blind56", "blind57", "blind58", "blind59", "blind60", "blind61", "blind62", "blind63", "blind64", "blind65", "blind66", "blind67", "blind68", "blind69", "blind70", "blind71", "blind72", "blind73")
#: Sets scored without listing their rows (their documents and labels stay unread).
BLIND = ("heldout", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47", "blind48", "blind49", "blind50", "blind51", "blind52", "blind53", "blind54", "blind55", "blind56", "blind57", "blind58", "blind59", "blind60", "blind61", "blind62", "blind63", "blind64", "blind65", "blind66", "blind67", "blind68", "blind69", "blind70", "blind71", "blind72", "blind73")
_INDICATORS = re.compile(r"^recall (?P<recall>[\d.]+) precision (?P<precision>[\d.]+)", re.M)
_CORE = re.compile(
    r"^core recall (?P<core_recall>[\d.]+) core precision (?P<core_precision>[\d.]+) kind (?P<kind>[\d.]+) kind other (?P<kind_other>[\d.]+)",
    re.M,
)
_ROWS = re.compile(r"^gold indicator rows (?P<rows>\d+) \(with a core id (?P<with_core>\d+)\)", re.M)


def _inputs(name: str, work: Path) -> tuple[list[Path], Path, Path]:
    """The documents, gold and core labels of a set (filtered copies in ``work`` for a devset part)."""
    if name == "seeds":
        return sorted((ROOT / "data" / "raw").glob("*.txt")), TESTS / "gold" / "indicators.csv", TESTS / "gold" / "core_labels.csv"
    with open(DEVSET / "metadata.csv", encoding="utf-8", newline="") as handle:
        doc_ids = [row["doc_id"] for row in csv.DictReader(handle) if row["split"] == name]
    files = [DEVSET / "docs" / f"{doc_id}.txt" for doc_id in doc_ids]
    return files, _filtered(DEVSET / "indicators.csv", doc_ids, work / "gold.csv"), _filtered(DEVSET / "core_labels.csv", doc_ids, work / "labels.csv")


def _filtered(source: Path, doc_ids: list[str], target: Path) -> Path:
    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if row["doc_id"] in doc_ids]
        fields = reader.fieldnames
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return target


def predict(files: list[Path], out: Path, taxonomy: str | None = None) -> Path:
    """The indicator table of ``files`` written to ``out`` as the command line writes it."""
    from dangjian.indicators import extract, for_export
    from dangjian.project.io import write_table
    from dangjian.segmentation.pipeline import process_paths

    table = extract(process_paths([str(f) for f in files]), taxonomy)
    write_table(for_export(table), out)
    return out


def _run(tool: str, *args: object) -> str:
    result = subprocess.run([sys.executable, str(TOOLS / tool), *map(str, args)], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def score_set(name: str, work: Path, show: int = 0) -> dict[str, object]:
    """Extract and score one set; the figures and the scorers' reports.

    Returns ``recall``, ``precision`` (values, strict key), ``core_recall``, ``core_precision``,
    ``kind``, ``kind_other``, ``rows`` (gold indicator rows) and ``reports`` (the two outputs).
    """
    if name not in SETS:
        raise ValueError(f"unknown set {name!r}; sets are {', '.join(SETS)}")
    work.mkdir(parents=True, exist_ok=True)
    files, gold, labels = _inputs(name, work)
    if not files:
        raise LookupError(f"{name}: no documents of this set in {DEVSET / 'metadata.csv'}")
    pred = predict(files, work / "pred.csv")
    show = 0 if name in BLIND else show
    values = _run("score_indicators.py", gold, pred, "--show", show)
    core = _run("score_core.py", gold, labels, pred, "--show", show)
    figures: dict[str, object] = {"documents": len(files), "reports": values + core}
    for pattern, report in ((_INDICATORS, values), (_CORE, core), (_ROWS, core)):
        match = pattern.search(report)
        if match is None:
            raise RuntimeError(f"{name}: unexpected scorer output:\n{report}")
        figures.update({key: float(value) for key, value in match.groupdict().items()})
    return figures


#: Bands of confidence reported by :func:`confidence_bands` (lower bounds).
BANDS = (0.0, 0.6, 0.8, 0.9)


def confidence_bands(name: str, work: Path) -> dict[str, tuple[int, int]]:
    """For each band of confidence: (right, all) mapped gold indicator rows, with no abstention."""
    import yaml

    from dangjian.indicators.taxonomy import SHIPPED_TAXONOMY
    from importlib import resources

    work.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(resources.files("dangjian").joinpath(SHIPPED_TAXONOMY).read_text(encoding="utf-8"))
    data["min_confidence"] = 0.01
    taxonomy = work / "taxonomy_no_abstention.yaml"
    taxonomy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    files, gold, labels = _inputs(name, work)
    pred = predict(files, work / "pred_no_abstention.csv", str(taxonomy))
    with open(gold, encoding="utf-8", newline="") as handle:
        rows = {(g["doc_id"], g["seq"]): g for g in csv.DictReader(handle) if g["status"] == "indicator"}
    with open(pred, encoding="utf-8-sig", newline="") as handle:
        predictions = list(csv.DictReader(handle))
    bands: dict[str, tuple[int, int]] = {}
    with open(labels, encoding="utf-8", newline="") as handle:
        for label in csv.DictReader(handle):
            row = rows.get((label["doc_id"], label["seq"]))
            if row is None:
                continue
            start, end = int(row["offset"]), int(row["offset"]) + len(row["surface"])
            overlap = [(min(int(p["raw_end"]), end) - max(int(p["raw_start"]), start), p) for p in predictions if p["doc_id"] == row["doc_id"]]
            best = max(overlap, key=lambda pair: pair[0], default=(0, None))
            if best[0] <= 0 or not best[1]["core_id"]:
                continue
            confidence = float(best[1]["confidence"])
            low = max(b for b in BANDS if confidence >= b)
            key = f">= {low:.1f}"
            right, total = bands.get(key, (0, 0))
            bands[key] = (right + (best[1]["core_id"] == label["core_id"]), total + 1)
    return dict(sorted(bands.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", default=["seeds", "seen"], choices=SETS)
    parser.add_argument("--show", type=int, default=15, help="rows of errors listed (not for the held-out part)")
    parser.add_argument("--out", default="", help="folder for the predictions (default: a temporary folder)")
    parser.add_argument("--by-confidence", action="store_true", help="precision of the mapping by band of confidence")
    args = parser.parse_args(argv)
    base = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="dangjian-score-"))
    if args.by_confidence:
        for name in args.sets:
            bands = confidence_bands(name, base / name)
            print(f"== {name}: right/mapped core ids by confidence: " + ", ".join(f"{k}: {r}/{n}" for k, (r, n) in bands.items()))
        return 0
    for name in args.sets:
        figures = score_set(name, base / name, args.show)
        print(f"== {name}: {int(figures['documents'])} documents, {int(figures['rows'])} gold indicator rows")
        print(figures["reports"].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
