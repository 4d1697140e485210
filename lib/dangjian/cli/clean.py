"""``dangjian clean FILE_OR_DIR... --out DIR``: clean texts plus ``cleaning.csv``.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="dangjian")
    >>> add_clean_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["clean", "a.txt", "b.txt", "--out", "clean"]).paths
    ['a.txt', 'b.txt']
"""

from __future__ import annotations

import sys
from pathlib import Path

from dangjian.cli.status import skipped_exit
from dangjian.project.io import check_output_outside, error_line, printable
from dangjian.reading.corpus import load_paths
from dangjian.segmentation.pipeline import process, readable, write_clean_texts


def add_clean_parser(subparsers) -> None:
    """``dangjian clean FILE_OR_DIR... --out DIR``: clean texts plus ``cleaning.csv``."""
    parser = subparsers.add_parser(
        "clean",
        help="clean documents: one UTF-8 text per document and the cleaning record",
        description="Clean plain .txt files or corpus folders (with metadata.csv). Writes DIR/<doc_id>.txt "
        "and DIR/cleaning.csv (what each step changed in each document).",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (outside every input folder)")
    parser.add_argument(
        "--follow-symlinks", action="store_true", help="read files whose symbolic links lead out of their corpus folder"
    )
    parser.add_argument("--allow-skipped", action="store_true", help="exit 0 even when documents were skipped")
    parser.set_defaults(func=run_clean)


def run_clean(args) -> int:
    """Clean the inputs into ``--out``; an unsafe output or an unreadable folder is one line naming
    the file and the problem on stderr, exit code 2, and nothing written. A document that cannot be
    read is skipped (one line naming it) and the others are cleaned; the exit code is then 1 unless
    ``--allow-skipped``, as for ``dangjian run`` and ``status``.

    The output folder may not be an input corpus folder or lie inside one, nor be the folder of an
    input file: the clean texts would overwrite or join the raw ones.

    Example:
        >>> import argparse
        >>> run_clean(argparse.Namespace(paths=["data/raw"], out="data/raw/clean"))
        2
    """
    out = Path(args.out)
    try:
        check_output_outside(out, args.paths)
        processed = process(readable(load_paths(args.paths, follow_symlinks=getattr(args, "follow_symlinks", False), skip_bad=True), args.paths))
        write_clean_texts(processed, out)
    except (ValueError, OSError) as error:  # CorpusError and UnsafePathError are ValueErrors
        print(error_line("clean", error), file=sys.stderr)
        return 2
    for issue in processed.issues:
        print(printable(f"{issue.status}: {issue.path}: {issue.message}"), file=sys.stderr)
    print(printable(f"cleaned {len(processed.documents)} document(s) into {out}"))
    return skipped_exit(sum(issue.status == "skipped" for issue in processed.issues), getattr(args, "allow_skipped", False))


__all__ = ["add_clean_parser", "run_clean"]
