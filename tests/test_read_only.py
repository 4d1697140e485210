"""The corpus folder is only ever opened for reading.

Python's audit hook sees every file the process opens through Python, with its mode and flags
(the ``open`` events of ``open``, ``io.open`` and ``os.open``; a C extension opening files by
itself is not seen, and none reads the corpus). While a copy of ``data/raw/`` goes through
every stage that reads a corpus — loading, cleaning, segmentation, indicators, the corpus report,
``dangjian clean`` and the streaming engine — each open of a file inside it must be read-only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from dangjian import cli
from dangjian.indicators import extract
from dangjian.reading.corpus import load_corpus
from dangjian.running.engine import Engine, Stages, run
from dangjian.running.tables import corpus_status
from dangjian.segmentation.pipeline import process

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
WRITING_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

_opened: list[tuple[str, object, int]] = []
_watching: list[bool] = []


def _record_opens(event: str, args: tuple) -> None:
    if event == "open" and _watching:
        path, mode, flags = args
        if isinstance(path, (str, bytes, os.PathLike)):
            _opened.append((os.fsdecode(path), mode, flags))


sys.addaudithook(_record_opens)  # hooks cannot be removed; this one records only while watching


@contextlib.contextmanager
def watching_opens() -> Iterator[list[tuple[str, object, int]]]:
    """Record every file this process opens inside the block: (path, mode, flags)."""
    _opened.clear()
    _watching.append(True)
    try:
        yield _opened
    finally:
        _watching.clear()


def _is_inside(path: str, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder.resolve())


def test_every_stage_opens_the_corpus_read_only(tmp_path):
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(RAW, corpus_dir)
    with watching_opens() as watched_opens:
        processed = process(load_corpus(corpus_dir))
        assert len(extract(processed)) > 100
        assert set(corpus_status(corpus_dir).status) <= {"ok", "warning"}
        assert cli.main(["clean", str(corpus_dir), "--out", str(tmp_path / "clean")]) == 0
        with Engine("local", workers=0) as engine:
            run(corpus_dir, tmp_path / "tables", engine=engine, stages=Stages())

    inside = [(path, mode, flags) for path, mode, flags in watched_opens if _is_inside(path, corpus_dir)]
    assert {Path(path).name for path, _, _ in inside} >= {p.name for p in RAW.iterdir()}  # every file was read
    writing = [
        (path, mode) for path, mode, flags in inside if flags & WRITING_FLAGS or (mode and set(mode) & set("wax+"))
    ]
    assert not writing, f"opened for writing inside the corpus folder: {writing}"
    assert any(_is_inside(path, tmp_path / "clean") for path, _, _ in watched_opens), "the hook saw no output"
