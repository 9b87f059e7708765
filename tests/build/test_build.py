"""The build command on a copy of the data: caching, selective re-execution, atomic publishing."""

from __future__ import annotations

import re
import subprocess

import nbformat
import pytest

from helpers import isolated_env, run_metabok, site_digest

COUNTIES = ["--year", "2013", "--county", "01", "--county", "03"]


def executed_count(result: subprocess.CompletedProcess) -> int:
    match = re.search(r"Klart: (\d+) kapitel kördes", result.stdout)
    assert match, result.stdout + result.stderr
    return int(match.group(1))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of data/ and notebooks/ with its own build folder, built once."""
    root = tmp_path_factory.mktemp("bygge")
    env = isolated_env(root, notebooks=True)
    first = run_metabok(env, "build", *COUNTIES)
    assert first.returncode == 0, first.stderr
    assert executed_count(first) == 2
    return root, env


def test_no_change_rebuild_executes_nothing(workspace):
    root, env = workspace
    before = site_digest(root / "_build" / "html")
    again = run_metabok(env, "build", *COUNTIES)
    assert again.returncode == 0, again.stderr
    assert executed_count(again) == 0
    assert "var redan aktuell" in again.stdout
    assert site_digest(root / "_build" / "html") == before


def test_one_county_narrative_change_reexecutes_only_that_chapter(workspace):
    root, env = workspace
    narrative = root / "data" / "enkat" / "2013" / "berattelse" / "03.md"
    narrative.write_text(
        "## Utvecklingsområden\n\n**Boende**\nSe över bostadsförsörjningen.\n", encoding="utf-8"
    )
    result = run_metabok(env, "build", *COUNTIES)
    assert result.returncode == 0, result.stderr
    assert executed_count(result) == 1
    page = (root / "_build" / "html" / "book/kapitel/meta/2013/03-uppsala.html").read_text(encoding="utf-8")
    assert "Se över bostadsförsörjningen." in page


def test_failed_build_names_the_cell_and_leaves_the_site_intact(workspace):
    root, env = workspace
    before = site_digest(root / "_build" / "html")
    template = root / "notebooks" / "meta_kapitel.ipynb"
    original = template.read_bytes()
    notebook = nbformat.read(template, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell('raise RuntimeError("avsiktligt fel")'))
    nbformat.write(notebook, template)
    try:
        result = run_metabok(env, "build", *COUNTIES)
    finally:
        template.write_bytes(original)
    assert result.returncode == 1
    assert "Stockholms län" in result.stderr and "Uppsala län" in result.stderr
    assert "avsiktligt fel" in result.stderr and "cell 3" in result.stderr
    assert "Traceback" not in result.stderr
    assert site_digest(root / "_build" / "html") == before


def test_bad_input_stops_before_anything_runs(workspace):
    root, env = workspace
    before = site_digest(root / "_build" / "html")
    codebook = root / "data" / "enkat" / "2013" / "kodbok.yml"
    original = codebook.read_bytes()
    codebook.write_bytes(original.replace(b"typ: ja_nej", b"typ: janej", 1))
    try:
        result = run_metabok(env, "build", *COUNTIES)
    finally:
        codebook.write_bytes(original)
    assert result.returncode == 1
    assert "kodbok.yml" in result.stderr and "janej" in result.stderr
    assert "Traceback" not in result.stderr
    assert site_digest(root / "_build" / "html") == before
