#!/usr/bin/env python3
"""How well ``corpus init`` drafts the administrative level, on the development set's texts.

usage: python tests/tools/devset_levels.py

For every text of ``tests/devset/`` (its hand-made ``metadata.csv`` gives the level), the row
:func:`dangjian.metadata.guess.guess_metadata` drafts is compared with the hand-made level: how many
are right, and how many are wrong without being marked unsure (an empty level is missing, not wrong),
with the most frequent of those confusions (hand-made level, drafted level).
"""

from __future__ import annotations

import collections
import csv
from pathlib import Path

from dangjian.metadata.guess import guess_metadata, still_unsure
from dangjian.reading.corpus import Document

DEVSET = Path(__file__).resolve().parents[1] / "devset"


def main() -> None:
    with open(DEVSET / "metadata.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    right, wrong_and_sure, confusions = 0, 0, collections.Counter()
    for row in rows:
        path = DEVSET / row["file"]
        drafted = guess_metadata(Document(row["doc_id"], path, path.read_text(encoding="utf-8"), "utf-8"))
        level = row["level"].split(" ")[0]
        if drafted["level"] == level:
            right += 1
        elif drafted["level"] and "level" not in still_unsure(drafted):
            wrong_and_sure += 1
            confusions[(level, drafted["level"])] += 1
    print(f"levels right {right}/{len(rows)}; wrong and not marked unsure {wrong_and_sure}")
    print("most frequent of those (hand-made, drafted):", confusions.most_common(8))


if __name__ == "__main__":
    main()
