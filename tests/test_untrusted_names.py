"""Names are data, never paths: doc_ids, ``file`` entries and file names from a corpus cannot make a
command read outside the corpus folder or write outside its output folder; ``corpus init`` keeps the
bytes of existing rows; and every expected problem is one printable line on stderr, exit code 2."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dangjian.cli import main
from dangjian.metadata.guess import init_metadata
from dangjian.project.io import UnsafePathError, printable
from dangjian.reading.corpus import Corpus, CorpusError, Document, load_corpus, read_document
from dangjian.segmentation.pipeline import process, process_corpus

from scratch_projects import snapshot

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SECRET = "外部秘密文件：这段文字不属于语料。"


def copy_corpus(folder: Path, with_metadata: bool = True) -> Path:
    """A copy of data/raw (its five documents, and metadata.csv unless told otherwise)."""
    folder.mkdir(parents=True)
    for path in RAW.iterdir():
        if path.name != "metadata.csv" or with_metadata:
            shutil.copy(path, folder)
    return folder


def replace_in_metadata(folder: Path, old: str, new: str) -> None:
    path = folder / "metadata.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def one_line(capsys, command: str) -> str:
    """The single line a failed command printed on stderr (nothing on stdout)."""
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"dangjian {command}: "), lines[0]
    assert "Traceback" not in captured.err and "\x1b" not in captured.err
    return lines[0]


def symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not supported here")


@pytest.fixture
def outside(tmp_path) -> Path:
    """A readable Chinese file outside every corpus folder."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder / "secret.txt"


# --------------------------------------------------------------------------- doc_ids


BAD_DOC_IDS = [
    pytest.param("../../../raw/town-speech", "contains '/'", id="traversal"),
    pytest.param("../../x", "contains '/'", id="up-two"),
    pytest.param("/tmp/abs", "contains '/'", id="absolute"),
    pytest.param("..\\..\\x", "contains '\\\\'", id="backslash"),
    pytest.param("..", "starts with '.'", id="dot-dot"),
    pytest.param(".hidden", "starts with '.'", id="hidden"),
    pytest.param("CON", "device name on Windows", id="windows-device"),
    pytest.param("nul.report", "device name on Windows", id="windows-device-suffix"),
    pytest.param("red\x1b[31m", "invisible character '\\x1b'", id="ansi"),
    pytest.param("a\u202etxt.exe", "invisible character '\\u202e'", id="bidi-override"),
    pytest.param("党" * 70, "210 bytes long in UTF-8", id="too-long"),
]


@pytest.mark.parametrize("doc_id, problem", BAD_DOC_IDS)
def test_a_doc_id_that_is_not_a_plain_name_is_refused_where_it_enters(tmp_path, doc_id, problem):
    corpus = copy_corpus(tmp_path / "data" / "raw")
    replace_in_metadata(corpus, "town-speech,town-speech.txt", f'"{doc_id}",town-speech.txt')
    before = snapshot(tmp_path)
    with pytest.raises(CorpusError) as caught:
        process_corpus(corpus, skip_bad=True)  # what notebook 00_corpus does before ProcessedCorpus.save
    message = str(caught.value)
    assert message.startswith(f"{corpus / 'metadata.csv'}: row 4 (doc_id ")
    assert problem in message
    assert snapshot(tmp_path) == before


def test_traversal_doc_id_used_to_overwrite_a_raw_file_through_save(tmp_path):
    corpus = copy_corpus(tmp_path / "data" / "raw")
    raw_bytes = (corpus / "town-speech.txt").read_bytes()
    document = read_document(corpus / "town-speech.txt")
    document.doc_id = "../../../raw/town-speech"  # an id that did not come through load_corpus (a cache, a notebook)
    with pytest.raises(UnsafePathError, match=r"will not write '\.\./\.\./\.\./raw/town-speech\.txt': the name contains '/'"):
        process(Corpus(None, [document])).save(tmp_path / "data" / "processed" / "corpus")
    assert (corpus / "town-speech.txt").read_bytes() == raw_bytes
    assert not (tmp_path / "data" / "processed").exists()


def test_save_refuses_an_output_folder_inside_the_corpus(tmp_path):
    corpus = copy_corpus(tmp_path / "raw")
    before = snapshot(corpus)
    processed = process_corpus(corpus)
    with pytest.raises(UnsafePathError, match="the output folder is the input folder"):
        processed.save(corpus)
    with pytest.raises(UnsafePathError, match="the output folder is inside the input folder"):
        processed.save(corpus / "processed")
    assert snapshot(corpus) == before


@pytest.mark.parametrize("doc_id", ["../../x", "/tmp/abs-doc", "CON"])
def test_clean_names_the_row_of_a_bad_doc_id_and_writes_nothing(tmp_path, capsys, doc_id):
    corpus = copy_corpus(tmp_path / "corpus")
    replace_in_metadata(corpus, "town-speech,town-speech.txt", f"{doc_id},town-speech.txt")
    before = snapshot(tmp_path)
    assert main(["clean", str(corpus), "--out", str(tmp_path / "out" / "clean")]) == 2
    line = one_line(capsys, "clean")
    assert f"{corpus / 'metadata.csv'}: row 4 (doc_id {doc_id!r}): the doc_id " in line
    assert snapshot(tmp_path) == before and not Path("/tmp/abs-doc.txt").exists()


def test_a_file_name_that_cannot_be_a_doc_id_is_an_error_naming_the_file(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus", with_metadata=False)
    shutil.copy(RAW / "town-speech.txt", corpus / "CON.txt")
    with pytest.raises(CorpusError, match=r"CON\.txt: the file name cannot serve as doc_id 'CON': it is a device name on Windows"):
        load_corpus(corpus)
    skipped = load_corpus(corpus, skip_bad=True)
    assert [(Path(i.path).name, i.status) for i in skipped.issues] == [("CON.txt", "skipped")]
    assert len(skipped) == 5
    result = init_metadata(corpus)
    assert [Path(i.path).name for i in result.skipped] == ["CON.txt"] and len(result.added) == 5


# --------------------------------------------------------------------------- outputs among the inputs


@pytest.mark.parametrize("where", ["equal", "inside", "inside-through-dots"])
def test_clean_refuses_an_output_folder_equal_to_or_inside_the_corpus(tmp_path, capsys, where):
    corpus = copy_corpus(tmp_path / "raw")
    out = {"equal": corpus, "inside": corpus / "clean", "inside-through-dots": tmp_path / "x" / ".." / "raw" / "clean"}[where]
    before = snapshot(tmp_path)
    assert main(["clean", str(corpus), "--out", str(out)]) == 2
    line = one_line(capsys, "clean")
    place = "is" if where == "equal" else "is inside"
    assert line == (
        f"dangjian clean: {out}: the output folder {place} the input folder {corpus.resolve()}; "
        "write outputs outside the inputs (e.g. under data/processed/)"
    )
    assert snapshot(tmp_path) == before


def test_clean_refuses_the_folder_of_an_input_file(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "raw")
    before = snapshot(tmp_path)
    assert main(["clean", str(corpus / "town-speech.txt"), "--out", str(corpus)]) == 2
    assert "the output folder is the input folder" in one_line(capsys, "clean")
    assert snapshot(tmp_path) == before
    # beside the raw file, in a folder of its own, is fine: nothing there can be an input
    assert main(["clean", str(corpus / "town-speech.txt"), "--out", str(corpus.parent / "clean")]) == 0
    assert snapshot(corpus) == {k[len("raw/"):]: v for k, v in before.items()}


def test_indicators_refuses_a_table_inside_the_corpus_or_over_an_input(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "raw")
    before = snapshot(tmp_path)
    assert main(["indicators", str(corpus), "--out", str(corpus / "metadata.csv")]) == 2
    assert "the output table is inside the input folder" in one_line(capsys, "indicators")
    assert main(["indicators", str(corpus / "town-speech.txt"), "--out", str(corpus / "town-speech.txt")]) == 2
    assert "town-speech.txt: is an input file" in one_line(capsys, "indicators")
    assert snapshot(tmp_path) == before


def test_unwritable_or_overlong_outputs_are_one_line(tmp_path, capsys):
    document = tmp_path / "in" / "town-speech.txt"
    document.parent.mkdir()
    shutil.copy(RAW / "town-speech.txt", document)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["clean", str(document), "--out", str(blocker / "clean")]) == 2
    assert one_line(capsys, "clean").startswith(f"dangjian clean: {blocker / 'clean'}: ")
    assert main(["clean", str(document), "--out", str(tmp_path / ("长" * 100))]) == 2
    assert "File name too long" in one_line(capsys, "clean")


# --------------------------------------------------------------------------- reading outside the folder


@pytest.mark.parametrize(
    "entry, problem",
    [
        ("../outside/secret.txt", "leaves the corpus folder ('..')"),
        ("sub/../../outside/secret.txt", "leaves the corpus folder ('..')"),
        ("ABSOLUTE", "is an absolute path"),
        ("../../../../../../../../etc/passwd", "leaves the corpus folder ('..')"),
        ("C:\\Windows\\win.ini", "is an absolute path"),
    ],
)
def test_metadata_file_entries_outside_the_folder_are_refused(tmp_path, capsys, outside, entry, problem):
    entry = str(outside) if entry == "ABSOLUTE" else entry
    corpus = copy_corpus(tmp_path / "corpus")
    replace_in_metadata(corpus, "town-speech,town-speech.txt", f"town-speech,{entry}")
    expected = f"{corpus / 'metadata.csv'}: row 4 (doc_id 'town-speech'): file {entry!r} {problem}"
    with pytest.raises(CorpusError, match="^" + expected.replace("\\", "\\\\").replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        load_corpus(corpus, skip_bad=True)
    for command in (["clean", str(corpus), "--out", str(tmp_path / "out")], ["indicators", str(corpus), "--out", str(tmp_path / "i.csv")], ["status", str(corpus)]):
        assert main(command) == 2
        assert one_line(capsys, command[0]) == f"dangjian {command[0]}: {expected}; give the file's name inside the corpus folder (report.txt or sub/report.txt)"
    assert not (tmp_path / "out").exists() and not (tmp_path / "i.csv").exists()


@pytest.mark.parametrize(
    "entry, problem",
    [
        ("x" * 20000 + ".txt", "is 20,004 bytes long in UTF-8; at most 4,096 are allowed"),
        ("sub/" + "报" * 100 + ".txt", "holds a name of 304 bytes in UTF-8; at most 255 are allowed"),
    ],
    ids=["20000-characters", "one-name-too-long"],
)
def test_a_file_entry_too_long_for_a_file_system_is_one_short_line_naming_the_row(tmp_path, capsys, entry, problem):
    corpus = copy_corpus(tmp_path / "corpus")
    replace_in_metadata(corpus, "town-speech,town-speech.txt", f"town-speech,{entry}")
    for command in (["status", str(corpus)], ["clean", str(corpus), "--out", str(tmp_path / "out")], ["corpus", "status", str(corpus)]):
        assert main(command) == 2
        line = one_line(capsys, " ".join(command[:2]) if command[0] == "corpus" else command[0])
        assert f"metadata.csv: row 4 (doc_id 'town-speech'): file {entry[:20]!r}"[:-1] in line and problem in line
        assert len(line) < 700 and (f"… ({len(repr(entry))} characters)" in line) == (len(repr(entry)) > 320)
    assert not (tmp_path / "out").exists()


def test_values_shown_in_metadata_messages_are_cut(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus")
    text = (corpus / "metadata.csv").read_text(encoding="utf-8")
    (corpus / "metadata.csv").write_text(text.replace(",township,2024,", ",township," + "9" * 10000 + ","), encoding="utf-8")
    assert main(["status", str(corpus)]) == 2
    line = one_line(capsys, "status")
    assert "row 4 (doc_id 'town-speech'): year '99999" in line and "(10002 characters) is not a four-digit number" in line
    assert len(line) < 300


def test_a_symbolic_link_out_of_the_folder_is_not_followed(tmp_path, capsys, outside):
    corpus = copy_corpus(tmp_path / "corpus", with_metadata=False)
    symlink(corpus / "link.txt", outside)
    loaded = load_corpus(corpus)
    assert "link" not in [d.doc_id for d in loaded]
    assert [(Path(i.path).name, i.status) for i in loaded.issues] == [("link.txt", "warning")]
    assert f"a symbolic link to {outside.resolve()}, outside the corpus folder" in loaded.issues[0].message
    assert "link" in [d.doc_id for d in load_corpus(corpus, follow_symlinks=True)]  # the explicit opt-in

    assert main(["clean", str(corpus), "--out", str(tmp_path / "out")]) == 0
    assert not (tmp_path / "out" / "link.txt").exists()
    assert "warning: " in capsys.readouterr().err
    assert main(["clean", str(corpus), "--out", str(tmp_path / "followed"), "--follow-symlinks"]) == 0
    assert (tmp_path / "followed" / "link.txt").read_text(encoding="utf-8") == SECRET

    assert main(["corpus", "init", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "added 5 row(s)" in out and "skipped link.txt: a symbolic link to" in out
    with open(corpus / "metadata.csv", encoding="utf-8", newline="") as handle:
        assert "link.txt" not in [row["file"] for row in csv.DictReader(handle)]


def test_a_listed_file_reached_through_a_linked_folder_is_refused(tmp_path, capsys, outside):
    corpus = copy_corpus(tmp_path / "corpus")
    symlink(corpus / "sub", outside.parent)
    replace_in_metadata(corpus, "town-speech,town-speech.txt", "town-speech,sub/secret.txt")
    with pytest.raises(CorpusError, match="secret.txt: a symbolic link to .*outside the corpus folder"):
        load_corpus(corpus)
    skipped = load_corpus(corpus, skip_bad=True)
    assert "town-speech" not in [d.doc_id for d in skipped]
    assert main(["status", str(corpus)]) == 1
    assert "skipped  secret.txt: a symbolic link to" in capsys.readouterr().out
    # clean skips it, as status does, cleans the others and says so
    assert main(["clean", str(corpus), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "skipped: " in err and "sub/secret.txt: a symbolic link to" in err and "1 document(s) skipped" in err
    assert not (tmp_path / "out" / "town-speech.txt").exists() and (tmp_path / "out" / "pingliang-2024.txt").exists()


# --------------------------------------------------------------------------- corpus init keeps bytes


def test_corpus_init_refuses_a_row_with_an_unquoted_comma_and_changes_nothing(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "national-2020.txt").rename(tmp_path / "later.txt")
    lines = (corpus / "metadata.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("national-2020,")]
    lines[-1] = lines[-1].replace('"The district name is replaced', "The district name, a template site's, is replaced")
    lines[-1] = lines[-1].replace("trailing '|'.\"", "trailing '|'.")
    (corpus / "metadata.csv").write_text("".join(lines), encoding="utf-8")
    shutil.move(tmp_path / "later.txt", corpus / "national-2020.txt")
    before = (corpus / "metadata.csv").read_bytes()
    assert main(["corpus", "init", str(corpus)]) == 2
    assert one_line(capsys, "corpus init") == (
        f"dangjian corpus init: {corpus / 'metadata.csv'}: row 5 has 18 fields but the header has 15: "
        'a value that holds a comma must be in double quotes ("a, b"); fix the row; metadata.csv was left unchanged'
    )
    assert (corpus / "metadata.csv").read_bytes() == before
    with pytest.raises(CorpusError, match="row 5 has 18 fields but the header has 15"):
        load_corpus(corpus)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_corpus_init_appends_without_touching_a_byte_of_the_old_rows(tmp_path, encoding, newline):
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "national-2020.txt").unlink()
    with open(RAW / "metadata.csv", encoding="utf-8", newline="") as handle:
        text = handle.read()
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith("national-2020,")]
    old = newline.join(line.rstrip("\r\n") for line in kept) + newline
    (corpus / "metadata.csv").write_bytes(old.encode(encoding))
    shutil.copy(RAW / "national-2020.txt", corpus)
    result = init_metadata(corpus)
    assert [row["doc_id"] for row in result.added] == ["national-2020"]
    after = (corpus / "metadata.csv").read_bytes()
    old_bytes = old.encode(encoding)
    header_end = old_bytes.index(newline.encode(encoding.replace("-sig", "")) if encoding != "utf-16" else newline.encode("utf-16-le"))
    added_columns = ",date,guessed,region_candidates".encode(encoding.replace("-sig", "") if encoding != "utf-16" else "utf-16-le")
    assert after.startswith(old_bytes[:header_end] + added_columns + old_bytes[header_end:])
    loaded = load_corpus(corpus)
    assert [d.doc_id for d in loaded][-1] == "national-2020" and loaded.issues == []
    assert loaded.documents[0].metadata["title"] == "力量，在党旗下凝聚——平凉市2024年基层党建工作综述"


def test_corpus_init_refuses_rows_its_encoding_cannot_hold(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "pingliang-2024.txt").unlink()
    with open(RAW / "metadata.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    big5_rows = [rows[0], next(row for row in rows if row[0] == "mudanjiang-xian")]
    big5_rows[1] = [value if value.isascii() else "" for value in big5_rows[1]][:3] + ["牡丹江市西安區"] + [""] * 11
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(big5_rows)
    (corpus / "metadata.csv").write_bytes(buffer.getvalue().encode("big5"))
    before = (corpus / "metadata.csv").read_bytes()
    assert main(["corpus", "init", str(corpus)]) == 2
    line = one_line(capsys, "corpus init")
    assert "which cannot hold the new rows" in line and "re-save metadata.csv as UTF-8" in line
    assert (corpus / "metadata.csv").read_bytes() == before


# --------------------------------------------------------------------------- empty tables, missing folders


def test_an_empty_metadata_table_is_one_line_or_a_fresh_table(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "metadata.csv").write_bytes(b"")
    for command in (["corpus", "status"], ["status"]):
        assert main([*command, str(corpus)]) == 2
        assert one_line(capsys, " ".join(command)) == (
            f"dangjian {' '.join(command)}: {corpus / 'metadata.csv'}: is empty; it needs at least the header doc_id,file: "
            "run `dangjian corpus init` on the folder, or delete the file"
        )
    assert main(["corpus", "init", str(corpus)]) == 0  # nothing to keep: the table is written anew
    assert "added 5 row(s), kept 0 existing row(s)" in capsys.readouterr().out
    assert len(load_corpus(corpus)) == 5


def test_a_header_only_metadata_table_lists_no_document(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "metadata.csv").write_text("doc_id,file,title\n", encoding="utf-8")
    assert main(["corpus", "status", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "no documents loaded" in out and "town-speech.txt: present but not listed" in out
    assert main(["corpus", "init", str(corpus)]) == 0
    assert (corpus / "metadata.csv").read_bytes().startswith(b"doc_id,file,title,region,")
    assert len(load_corpus(corpus)) == 5


@pytest.mark.parametrize("command", ["corpus init", "corpus status", "status", "clean", "indicators"])
def test_a_missing_folder_is_one_line(tmp_path, capsys, command):
    missing = tmp_path / "no such folder"
    outputs = {"clean": ["--out", str(tmp_path / "out")], "indicators": ["--out", str(tmp_path / "out.csv")]}
    assert main([*command.split(), str(missing), *outputs.get(command, [])]) == 2
    line = one_line(capsys, command)
    assert line.startswith(f"dangjian {command}: {missing}: ") and line.endswith("not found")
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.csv").exists()


# --------------------------------------------------------------------------- terminal output


def test_control_characters_in_file_names_are_escaped(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus", with_metadata=False)
    hostile = "evil\x1b[31mRED\x1b[0m\rX\u202e.txt"
    shutil.copy(RAW / "town-speech.txt", corpus / hostile)
    for argv in (["status", str(corpus)], ["clean", str(corpus), "--out", str(tmp_path / "out")], ["corpus", "init", str(corpus)]):
        main(argv)
        captured = capsys.readouterr()
        printed = captured.out + captured.err
        assert "\x1b" not in printed and "\r" not in printed and "\u202e" not in printed
        assert "evil\\x1b[31mRED\\x1b[0m\\rX\\u202e" in printed
    assert printable("a\x9bb\x00\u2028") == "a\\x9bb\\x00\\u2028"


# --------------------------------------------------------------------------- property: nothing escapes

HOSTILE_PARTS = ["..", ".", "/", "\\", "\x00", "\x1b[2J", "\r", "\n", "\u202e", "报告", "CON", "x", " ", ":", "~"]
NAMES = st.one_of(
    st.text(min_size=1, max_size=24),
    st.lists(st.sampled_from(HOSTILE_PARTS), min_size=1, max_size=8).map("".join),
    st.sampled_from(["../../../raw/town-speech", "/tmp/dangjian-escape", "..", "a/../../b", "党" * 90, "x" * 256]),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40), min_size=60, max_size=90),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_no_name_writes_outside_the_output_or_changes_the_corpus(name):
    """The name as a doc_id in metadata.csv, as a ``file`` entry, as a file name (doc_id = stem) and
    as the doc_id of a document saved directly: whatever it is, every file written lies in an output
    folder (or is the metadata.csv that corpus init drafts), and no input file changes."""
    text = (RAW / "town-speech.txt").read_text(encoding="utf-8")[:600]
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        as_doc_id, as_file, as_stem = root / "as-doc-id", root / "as-file", root / "as-stem"
        for folder in (as_doc_id, as_file, as_stem):
            folder.mkdir()
        (as_doc_id / "town-speech.txt").write_text(text, encoding="utf-8")
        write_metadata(as_doc_id, [name, "town-speech.txt"])
        write_metadata(as_file, ["b", name])
        if Path(name).name == name and name not in (".", ".."):  # the file system may still refuse it
            for path in (as_file / name, as_stem / f"{name}.txt"):
                with contextlib.suppress(OSError, ValueError):
                    path.write_text(text, encoding="utf-8")
        before = snapshot(root)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            codes = [main(["clean", str(folder), "--out", str(root / f"out-{folder.name}")]) for folder in (as_doc_id, as_file, as_stem)]
            codes.append(main(["corpus", "init", str(as_stem)]))
        assert set(codes) <= {0, 1, 2}  # 1: a document skipped, named on stderr
        event(f"exit codes {codes}")
        assert "\x1b" not in printed.getvalue() and "Traceback" not in printed.getvalue()
        with contextlib.suppress(UnsafePathError, OSError):
            process(Corpus(None, [Document(name, as_doc_id / "town-speech.txt", text, "utf-8")])).save(root / "out-save")
        after = snapshot(root)
        new_files = sorted(after.keys() - before.keys())
        assert [f for f in new_files if not f.startswith("out-") and f != "as-stem/metadata.csv"] == []
        assert {k: v for k, v in after.items() if k in before} == before
        assert not Path("/tmp/dangjian-escape.txt").exists()


def write_metadata(folder: Path, row: list[str]) -> None:
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([["doc_id", "file"], row])
