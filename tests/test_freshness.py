"""`dangjian run` reuses a report whose inputs and outputs are unchanged, and only that report."""

from __future__ import annotations

from pathlib import Path

import pytest

from scratch_projects import make_project, run


def statuses(output: str) -> dict[str, str]:
    """Report name -> status, from the summary table that `dangjian run` prints."""
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[1].startswith("notebooks/"):
            rows[parts[0]] = "up to date" if "up to date" in line else parts[2]
    return rows


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("fresh") / "project", ["00_corpus"])
    code, out, err = run(root)
    assert code == 0, out + err
    return root


def test_a_second_run_with_nothing_changed_reuses_the_report(project):
    code, out, _ = run(project)
    assert code == 0
    assert statuses(out) == {"00_corpus": "up to date"}


def test_a_changed_document_or_a_deleted_output_runs_the_report_again(project):
    document = project / "data" / "raw" / "town-speech.txt"
    document.write_text(document.read_text(encoding="utf-8") + "\n新增：培训党员100人次。", encoding="utf-8")
    code, out, _ = run(project)
    assert code == 0 and statuses(out) == {"00_corpus": "ok"}
    assert "新增" in (project / "data" / "processed" / "corpus" / "clean" / "town-speech.txt").read_text(encoding="utf-8")

    (project / "figures" / "corpus_length_structure.svg").unlink()
    code, out, _ = run(project)
    assert statuses(out) == {"00_corpus": "ok"}
    assert (project / "figures" / "corpus_length_structure.svg").is_file()

    code, out, _ = run(project, "--force")
    assert statuses(out) == {"00_corpus": "ok"}
    code, out, _ = run(project)
    assert statuses(out) == {"00_corpus": "up to date"}


def test_a_changed_parameter_runs_the_report_again(project):
    parameters = project / "parameters" / "00_corpus.yaml"
    parameters.write_text(parameters.read_text(encoding="utf-8").replace("figure_prefix: corpus", "figure_prefix: corpus2"), encoding="utf-8")
    code, out, _ = run(project)
    assert code == 0 and statuses(out) == {"00_corpus": "ok"}
    assert (project / "figures" / "corpus2_length_structure.png").is_file()


def test_a_report_run_again_keeps_the_exports_it_finds_in_place(demo_run, tmp_path):
    """The exports of a report run again with the same tables are reused where they lie (the run's
    cache records them there): they are outputs of this run too, not stale files to remove."""
    import shutil

    from scratch_projects import copy_project

    root = copy_project(demo_run, tmp_path / "project")
    shutil.rmtree(root / "data" / "processed" / "cache" / "exports")  # the copy records its own exports
    export = root / "data" / "processed" / "indicators" / "export"
    for _ in range(2):
        code, out, err = run(root, "--force", "--only", "03_indicators")
        assert code == 0 and statuses(out) == {"03_indicators": "ok"}, out + err
        names = sorted(path.name for path in export.iterdir())
        assert "indicators.xlsx" in names and "codebook.md" in names, names
    assert not [line for line in out.splitlines() if "03_indicators" in line and "removed" in line], out
