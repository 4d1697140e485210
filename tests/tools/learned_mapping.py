#!/usr/bin/env python3
"""Measure a learned fallback for the core-indicator mapping, leave one labelled part out.

usage: python tests/tools/learned_mapping.py [--cache DIR] [--parts P ...] [--thresholds 0.5 0.6 ...] [--C C] [--balanced] [--write-examples FILE]

Every hand-labelled set (``seeds``: data/raw/ against tests/gold/; the parts of tests/devset/) is
extracted as ``score_sets.py`` extracts it, with the rules alone (no model fallback). Each gold
indicator row is matched to the predicted row of its document whose raw span overlaps it the most
(as ``score_core.py`` matches them), and the predicted row's features (subject, the clause around
the number, unit class, kind: :func:`example_features`) are kept with
the gold core id (or ``none``).

For each part P of (unseen, heldout, blind2 … blind9), or of the parts given with ``--parts`` (a new
blind part at its first measurement, before any rule was written for it), a :class:`CoreModel` (character n-grams + logistic regression)
is trained on the examples of every other part (seeds and seen included) and predicts P. The model
fills only the rows the rules leave without a core id, and only at a probability at or above a
threshold. Core precision and core recall (as ``score_core.py`` counts them) are printed per part and
pooled, for the rules alone and for rules + model at each threshold.

``--write-examples FILE`` writes the examples of ALL labelled sets (features, gold core id, part,
document) to FILE. The measured figures and why the model is not part of the extractor are in the
README (Indicators, "Quality, measured").
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# One thread for the linear algebra: on a shared machine threads contend and a fit is three times slower.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[1]
EVALUATED = ("unseen", "heldout", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9")
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
#: The label of an example with no core indicator.
NONE = "none"
#: The features of an example, in the order of the examples file.
FEATURES = ("subject", "left", "right", "unit_class", "kind")
#: Characters of the clause read on each side of the number.
LEFT_CHARS, RIGHT_CHARS = 16, 8
_CLAUSE_BREAK = re.compile(r"[，。；！？,;!?\n：:]")
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


@dataclass(frozen=True)
class Example:
    """The text features of one quantity (see :func:`example_features`)."""

    subject: str
    left: str
    right: str
    unit_class: str
    kind: str

    def fields(self) -> tuple[str, ...]:
        """The features in the order of :data:`FEATURES`."""
        return (self.subject, self.left, self.right, self.unit_class, self.kind)


def example_features(subject: str, sentence: str, start: int, end: int, unit_class: str, kind: str) -> Example:
    """The features of the quantity at ``sentence[start:end]``: its subject, the clause before the
    number (up to :data:`LEFT_CHARS`) and after it (up to :data:`RIGHT_CHARS`), digits folded to
    ``0`` so that values do not count, its unit class and kind.

    Example:
        >>> example_features("党员", "全县共有党员2.1万名，比上年净增300名", 6, 11, "person", "amount")
        Example(subject='党员', left='全县共有党员', right='', unit_class='person', kind='amount')
    """
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    left = sentence[breaks[-1] if breaks else 0 : start][-LEFT_CHARS:]
    after = _CLAUSE_BREAK.search(sentence, end)
    right = sentence[end : after.start() if after else len(sentence)][:RIGHT_CHARS]
    return Example(subject or "", _DIGITS.sub("0", left), _DIGITS.sub("0", right), unit_class or "", kind or "")


def _column(index: int):
    """A selector of one feature of a list of :class:`Example` (picklable, no lambda)."""
    from sklearn.preprocessing import FunctionTransformer

    return FunctionTransformer(_Select(index).__call__, validate=False)


class _Select:
    def __init__(self, index: int):
        self.index = index

    def __call__(self, rows: Sequence[Example]) -> list[str]:
        return [row.fields()[self.index] for row in rows]


def _meta(rows: Sequence[Example]) -> list[str]:
    return [f"u_{row.unit_class} k_{row.kind}" for row in rows]


def _pipeline(random_state: int = 0, c: float = 10.0, class_weight: str | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    def chars(index: int, ngrams: tuple[int, int]):
        return make_pipeline(_column(index), TfidfVectorizer(analyzer="char_wb", ngram_range=ngrams, sublinear_tf=True, min_df=1))

    union = FeatureUnion([
        ("subject", chars(0, (1, 3))),
        ("left", chars(1, (1, 3))),
        ("right", chars(2, (1, 2))),
        ("meta", make_pipeline(FunctionTransformer(_meta, validate=False), TfidfVectorizer(analyzer="word", token_pattern=r"\S+"))),
    ])  # fmt: skip
    return Pipeline([("features", union), ("model", LogisticRegression(C=c, class_weight=class_weight, tol=1e-3, max_iter=3000, random_state=random_state))])


class CoreModel:
    """A classifier of core indicators, sklearn-like: :meth:`fit` on examples and their labels
    (a core id or :data:`NONE`), :meth:`predict_core` a core id (or :data:`NONE`) with its
    probability. Deterministic: the same examples give the same predictions.

    Example:
        >>> rows = [example_features(s, s + "12名参加", len(s), len(s) + 3, "person", "amount") for s in ("女党员", "女党员", "退休人员", "退休人员")]
        >>> model = CoreModel().fit(rows, ["members_female", "members_female", NONE, NONE])
        >>> model.predict_core([example_features("女党员", "有女党员5名参加", 4, 6, "person", "amount")])[0][0]
        'members_female'
    """

    def __init__(self, random_state: int = 0, c: float = 10.0, class_weight: str | None = None):
        self.random_state, self.c, self.class_weight = random_state, c, class_weight
        self.pipeline = None

    def fit(self, rows: Sequence[Example], labels: Sequence[str]) -> CoreModel:
        """Fit on ``rows`` and their labels; returns the fitted model."""
        self.pipeline = _pipeline(self.random_state, self.c, self.class_weight).fit(list(rows), list(labels))
        return self

    def predict_core(self, rows: Sequence[Example]) -> list[tuple[str, float]]:
        """For each row, the most probable label and its probability."""
        if self.pipeline is None:
            raise RuntimeError("CoreModel.predict_core before fit")
        if not rows:
            return []
        probabilities = self.pipeline.predict_proba(list(rows))
        classes = self.pipeline.classes_
        best = probabilities.argmax(axis=1)
        return [(str(classes[i]), round(float(p[i]), 4)) for i, p in zip(best, probabilities)]


def _score_sets():
    spec = importlib.util.spec_from_file_location("score_sets", TOOLS / "score_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def positions(pred: list[dict[str, str]]) -> list[int]:
    """For each predicted row, where its surface starts in its ``sentence`` (the rows of a sentence
    are in text order, so each is searched after the one before).

    Example:
        >>> positions([{"doc_id": "d", "sentence_id": "1", "surface": "3个", "sentence": "3个村3个镇"}] * 2)
        [0, 3]
    """
    found: list[int] = []
    last: dict[tuple[str, str], int] = {}
    for row in pred:
        key = (row["doc_id"], row["sentence_id"])
        at = row["sentence"].find(row["surface"], last.get(key, 0))
        if at < 0:
            at = max(row["sentence"].find(row["surface"]), 0)
        found.append(at)
        last[key] = at + len(row["surface"])
    return found


def examples_of(name: str, work: Path, score_sets) -> list[dict[str, object]]:
    """The matched examples of one set: features, the rules' core id, the gold core id."""
    
    work.mkdir(parents=True, exist_ok=True)
    files, gold_path, labels_path = score_sets._inputs(name, work)
    pred_path = work / "pred.csv"
    if not pred_path.exists():
        score_sets.predict(files, pred_path)
    pred = _read(pred_path)
    for row, at in zip(pred, positions(pred)):
        row["_features"] = example_features(row["subject"], row["sentence"], at, at + len(row["surface"]), row["unit_class"], row["kind"])
    gold = {(g["doc_id"], g["seq"]): g for g in _read(gold_path) if g["status"] == "indicator"}
    by_doc = defaultdict(list)
    for row in pred:
        by_doc[row["doc_id"]].append(row)
    examples = []
    for label in _read(labels_path):
        g = gold.get((label["doc_id"], label["seq"]))
        if g is None:
            continue
        start, end = int(g["offset"]), int(g["offset"]) + len(g["surface"])
        best, overlap = None, 0
        for row in by_doc.get(g["doc_id"], []):
            o = min(int(row["raw_end"]), end) - max(int(row["raw_start"]), start)
            if o > overlap:
                best, overlap = row, o
        examples.append({
            "part": name, "doc_id": label["doc_id"], "gold": label["core_id"].strip() or NONE,
            "rules": (best["core_id"] or "").strip() if best else "", "matched": best is not None,
            "threshold": best is not None and best["threshold"] in ("True", "true", "1"),
            "features": best["_features"] if best else None,
        })  # fmt: skip
    return examples


def score(examples: list[dict[str, object]], filled: dict[int, str]) -> tuple[int, int, int, int]:
    """(hits, gold with a core id, right predicted, predicted) counted as score_core.py counts them;
    ``filled``: the model's core id for the examples (by index) it fills."""
    hits = with_core = right = predicted = 0
    for index, example in enumerate(examples):
        want = "" if example["gold"] == "none" else example["gold"]
        with_core += bool(want)
        if not example["matched"]:
            continue
        got = example["rules"] or filled.get(index, "")
        hits += bool(want) and got == want
        if got:
            predicted += 1
            right += got == want
    return hits, with_core, right, predicted


def _figures(counts: tuple[int, int, int, int]) -> str:
    hits, with_core, right, predicted = counts
    precision = right / predicted if predicted else 0.0
    recall = hits / with_core if with_core else 1.0
    return f"P {precision:.3f} R {recall:.3f} ({right}/{predicted}, {hits}/{with_core})"


def leave_one_part_out(by_part: dict[str, list[dict]], thresholds: tuple[float, ...], parts: Sequence[str] = EVALUATED, **params) -> dict[str, dict[object, tuple]]:
    """For each evaluated part (``parts``): the counts of the rules alone (key ``rules``) and of
    rules + model at each threshold (key: the threshold)."""

    table: dict[str, dict[object, tuple]] = {}
    for part in parts:
        if part not in by_part:
            continue
        train = [e for name, examples in by_part.items() if name != part for e in examples if e["matched"]]
        model = CoreModel(**params).fit([e["features"] for e in train], [e["gold"] for e in train])
        examples = by_part[part]
        open_rows = [i for i, e in enumerate(examples) if e["matched"] and not e["rules"]]
        predictions = dict(zip(open_rows, model.predict_core([examples[i]["features"] for i in open_rows])))
        row: dict[object, tuple] = {"rules": score(examples, {})}
        for t in thresholds:
            filled = {i: core for i, (core, p) in predictions.items() if core != NONE and p >= t}
            row[t] = score(examples, filled)
        table[part] = row
    return table


def write_examples(by_part: dict[str, list[dict]], target: Path) -> int:
    """Write the matched examples of every set (features and gold core id) to ``target``."""
    
    rows = [e for examples in by_part.values() for e in examples if e["matched"]]
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*FEATURES, "core_id", "part", "doc_id"])
        for e in rows:
            writer.writerow([*e["features"].fields(), "" if e["gold"] == NONE else e["gold"], e["part"], e["doc_id"]])
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", default="", help="folder for the predicted tables (reused when present)")
    parser.add_argument("--parts", nargs="*", default=list(EVALUATED), help="the parts to predict, each from all the others")
    parser.add_argument("--thresholds", type=float, nargs="*", default=list(THRESHOLDS))
    parser.add_argument("--C", type=float, default=10.0, help="inverse regularisation of the logistic regression")
    parser.add_argument("--balanced", action="store_true", help="weigh the classes by their inverse frequency")
    parser.add_argument("--write-examples", default="", metavar="FILE", help="write the examples of all sets to FILE and stop")
    args = parser.parse_args(argv)
    score_sets = _score_sets()
    base = Path(args.cache) if args.cache else Path(tempfile.mkdtemp(prefix="dangjian-learned-"))
    by_part = {name: examples_of(name, base / name, score_sets) for name in score_sets.SETS}
    if args.write_examples:
        count = write_examples(by_part, Path(args.write_examples))
        print(f"wrote {count} examples to {args.write_examples}")
        return 0
    thresholds = tuple(args.thresholds)
    table = leave_one_part_out(by_part, thresholds, tuple(args.parts), c=args.C, class_weight="balanced" if args.balanced else None)
    print("part      rules alone                      " + "  ".join(f"rules + model >= {t:.2f}".ljust(33) for t in thresholds))
    pooled: dict[object, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for part, row in table.items():
        print(f"{part:<9} " + "  ".join(_figures(row[key]).ljust(33) for key in ("rules", *thresholds)))
        for key, counts in row.items():
            pooled[key] = [a + b for a, b in zip(pooled[key], counts)]
    print(f"{'pooled':<9} " + "  ".join(_figures(tuple(pooled[key])).ljust(33) for key in ("rules", *thresholds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
