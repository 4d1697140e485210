"""The README's "Bring your own corpus", step by step as written, on a folder of real documents.

The project is a copy of the session's demo run: a scratch project with the corpus and indicators
parameter sets (so that it takes a few minutes, not the whole `make run`), after its run on the demo
corpus. Then the test does what the README's numbered steps say: it puts renamed copies of the demo
documents in a folder outside the project (step 1), runs every `.venv/bin/dangjian ...` command the
steps give, in their order, with FOLDER replaced by that folder, and between the commands of steps 2
and 3 does what step 3 asks of a person: checks the guessed metadata, setting the true values and
clearing `guessed`. The commands are read from README.md, so the test follows the README as it is
written today.

The run must work, write everything under runs/<folder name>/, state the corpus and its number of
documents in its pages, and leave every file of the demo run byte-identical.
"""

from __future__ import annotations

import csv
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scratch_projects import PROJECT_ROOT, copy_project, file_digests
#: The demo documents under new names, as another region's researcher would have them.
RENAMED = {
    "national-2020.txt": "zhongyang-bushu.txt",
    "pingliang-2024.txt": "gansu-pingliang-zongshu.txt",
    "mudanjiang-xian.txt": "heilongjiang-xian-wenzhang.txt",
    "town-speech.txt": "zhen-fayan.txt",
    "guizhou-district.txt": "guizhou-qu-zongjie.txt",
}
#: The checked metadata (step 3): the columns a person confirms, taken from the demo's metadata.csv.
CHECKED = ("title", "region", "province", "prefecture", "county", "township", "level", "year", "genre")


def readme_steps() -> list[tuple[int, str]]:
    """The numbered steps of the README section "Bring your own corpus": (number, text)."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Bring your own corpus", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^(\d+)\. (.*?)(?=^\d+\. |^\S|\Z)", section, flags=re.M | re.S)
    return [(int(number), body) for number, body in steps]


def step_commands(body: str) -> list[list[str]]:
    """The `.venv/bin/dangjian ...` commands of one step, as argument lists."""
    return [shlex.split(command)[1:] for command in re.findall(r"`(\.venv/bin/dangjian [^`]+)`", body)]


def dangjian(project: Path, args: list[str], folder: Path) -> subprocess.CompletedProcess:
    """Run one README command as a user would, from the project folder, FOLDER replaced."""
    argv = [str(folder) if arg == "FOLDER" else arg for arg in args]
    return subprocess.run(
        [sys.executable, "-m", "dangjian.cli", *argv], cwd=project, capture_output=True, text=True, timeout=1800
    )


def check_metadata(folder: Path) -> None:
    """Step 3 as a person does it: confirm or correct every guessed column, then clear `guessed`."""
    with open(PROJECT_ROOT / "data" / "raw" / "metadata.csv", encoding="utf-8", newline="") as handle:
        truth = {row["file"]: row for row in csv.DictReader(handle)}
    original = {new: old for old, new in RENAMED.items()}
    path = folder / "metadata.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    for row in rows:
        known = truth[original[row["file"]]]
        for column in CHECKED:
            if column in known:
                if column not in columns:
                    columns.append(column)
                row[column] = known[column]
        if "guessed" in row:
            row["guessed"] = ""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def demo_outputs(root: Path) -> dict[str, str]:
    """Every file of the demo run (tables, clean texts, cache, figures, reports and their state)."""
    return {
        f"{folder}/{name}": digest
        for folder in ("data/processed", "figures", "reports")
        for name, digest in file_digests(root / folder).items()
    }


@pytest.fixture(scope="module")
def walked(tmp_path_factory, demo_run):
    base = tmp_path_factory.mktemp("own")
    project = copy_project(demo_run, base / "project")  # the demo run, done
    before = demo_outputs(project)

    folder = base / "county-reports"  # step 1: the documents in a folder of their own
    folder.mkdir()
    for old, new in RENAMED.items():
        shutil.copyfile(PROJECT_ROOT / "data" / "raw" / old, folder / new)

    done = []
    for number, body in readme_steps():
        if number == 3:
            check_metadata(folder)
            done.append(("check the guessed columns", 0, ""))
        for args in step_commands(body):
            completed = dangjian(project, args, folder)
            done.append((" ".join(args), completed.returncode, completed.stdout + completed.stderr))
    return {"project": project, "folder": folder, "before": before, "done": done}


def test_the_readme_gives_the_commands_of_steps_2_to_4():
    commands = {number: [" ".join(args[:2]) for args in step_commands(body)] for number, body in readme_steps()}
    assert "corpus init" in commands[2]
    assert {"corpus status", "status FOLDER"} <= set(commands[3])
    assert any(command.startswith("run --corpus") for command in commands[4])


def test_every_step_works_as_written(walked):
    for command, code, output in walked["done"]:
        assert code == 0, f"`dangjian {command}` exited {code}:\n{output[-3000:]}"
    run_output = next(output for command, _, output in walked["done"] if command.startswith("run --corpus"))
    assert len(run_output.splitlines()) < 30, run_output


def test_the_run_is_named_after_the_folder_and_everything_is_under_runs(walked):
    home = walked["project"] / "runs" / "county-reports"
    files = set(file_digests(home))
    assert {"reports/00_corpus.html", "reports/03_indicators.html", "reports/index.html", "reports/run.log"} <= files
    for new in RENAMED.values():
        assert f"data/processed/corpus/clean/{Path(new).stem}.txt" in files
    assert "data/processed/indicators/indicators.csv" in files
    assert {"figures/corpus_cleaning_steps.png", "figures/indicators_density.png"} <= files
    assert any(name.startswith("data/processed/cache/") for name in files)


def test_the_demo_outputs_are_byte_identical(walked):
    assert demo_outputs(walked["project"]) == walked["before"]


def test_pages_state_the_corpus_at_hand(walked):
    home = walked["project"] / "runs" / "county-reports" / "reports"
    folder = walked["folder"].as_posix()
    page = (home / "00_corpus.html").read_text(encoding="utf-8")
    assert f"corpus {folder}: 5 documents analysed" in page
    assert "data/raw" not in page.split("<main>", 1)[0]  # the header names this corpus only
    assert f"The corpus <code>{folder}</code> has 5 documents analysed" in page
    index = (home / "index.html").read_text(encoding="utf-8")
    assert f"All reports analyse corpus {folder}: 5 documents analysed." in index


def test_no_accuracy_is_printed_for_a_corpus_it_was_not_measured_on(walked):
    notebook = json.loads(
        (walked["project"] / "runs" / "county-reports" / "reports" / "03_indicators.ipynb").read_text(encoding="utf-8")
    )
    printed = [
        "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", "")) + "".join(output.get("data", {}).get("text/html", ""))
        for cell in notebook["cells"] if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
    ]
    assert printed  # the report shows tables
    for text in printed:
        assert not re.search(r"\b(accuracy|precision|recall)\b", text, flags=re.I), text[:500]
