"""The nbval gate on the stored template outputs can fail, and fails only on a real difference.

scripts/test.sh runs `pytest --nbval notebooks/ --nbval-sanitize-with nbval_sanitize.cfg`; here
the same run is made on copies of a template whose stored outputs were altered.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat

from metabok import config

TEMPLATE = config.PROJECT_ROOT / "notebooks" / "mottagande_kapitel.ipynb"
SANITIZE = config.PROJECT_ROOT / "nbval_sanitize.cfg"
# A count as the pages write it: digits grouped by a no-break space, e.g. '9 091'.
COUNT = re.compile(r"\d{1,3}(?:\u00a0\d{3})+")
FOOTER_DATE = re.compile(r"Byggd \d{4}-\d{2}-\d{2}\.")
FOOTER_CODE = re.compile(r"\(kod [0-9a-f]{12}\)")
FOOTER_FILE_HASH = re.compile(r"\| `([0-9a-f]{12})` \|")


def markdown_outputs(notebook: nbformat.NotebookNode):
    """(code cell number as nbval counts it, output) for every stored Markdown output."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells):
        for output in cell.outputs:
            if "text/markdown" in output.get("data", {}):
                yield number, output


def rewrite_first(notebook: nbformat.NotebookNode, pattern: re.Pattern, change) -> int:
    """Apply `change` to the first match of `pattern` in a stored Markdown output; its cell number."""
    for number, output in markdown_outputs(notebook):
        text = output["data"]["text/markdown"]
        match = pattern.search(text)
        if match:
            output["data"]["text/markdown"] = text[: match.start()] + change(match) + text[match.end() :]
            return number
    raise AssertionError(f"no stored Markdown output of {TEMPLATE.name} matches {pattern.pattern}")


def bump_last_digit(match: re.Match) -> str:
    text = match.group(0)
    return text[:-1] + str((int(text[-1]) + 1) % 10)


def copy_template(tmp_path: Path, name: str, pattern: re.Pattern | None = None, change=None) -> int | None:
    notebook = nbformat.read(TEMPLATE, as_version=4)
    number = rewrite_first(notebook, pattern, change) if pattern else None
    nbformat.write(notebook, tmp_path / f"{name}.ipynb")
    return number


def run_nbval(tmp_path: Path, *names: str) -> subprocess.CompletedProcess:
    """The gate as scripts/test.sh runs it, on copies in tmp_path (a build date unlike the stored one)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(config.PROJECT_ROOT),
        "METABOK_BUILD_DIR": str(tmp_path / "_build"),
        "METABOK_BUILD_DATE": "1999-12-31",
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        *(str(tmp_path / f"{name}.ipynb") for name in names),
        "--nbval",
        "--nbval-sanitize-with",
        str(SANITIZE),
        "--nbval-current-env",
        "--rootdir",
        str(tmp_path),
        "-p",
        "no:cacheprovider",
        "-q",
        "-rf",
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.PROJECT_ROOT)


def failed_cells(result: subprocess.CompletedProcess) -> set[str]:
    """'<copy>.ipynb::Cell <n>' for every failed cell, from pytest's short summary."""
    return set(re.findall(r"^FAILED (?:\S*/)?(\w+\.ipynb::Cell \d+)", result.stdout, flags=re.MULTILINE))


def test_template_with_a_changed_number_fails(tmp_path):
    count_cell = copy_template(tmp_path, "antal", COUNT, bump_last_digit)
    # The data-file hashes share the footer (and its shape) with the sanitised code hash.
    hash_cell = copy_template(tmp_path, "filhash", FOOTER_FILE_HASH, lambda m: "| `000000000000` |")
    result = run_nbval(tmp_path, "antal", "filhash")
    assert result.returncode == 1, result.stdout + result.stderr
    assert failed_cells(result) == {f"antal.ipynb::Cell {count_cell}", f"filhash.ipynb::Cell {hash_cell}"}, (
        result.stdout
    )


def test_unaltered_template_passes_whatever_its_build_date_and_code_hash(tmp_path):
    copy_template(tmp_path, "orord")
    copy_template(tmp_path, "datum", FOOTER_DATE, lambda m: "Byggd 2000-01-01.")
    copy_template(tmp_path, "kod", FOOTER_CODE, lambda m: "(kod 000000000000)")
    result = run_nbval(tmp_path, "orord", "datum", "kod")
    assert result.returncode == 0, result.stdout + result.stderr
    code_cells = sum(cell.cell_type == "code" for cell in nbformat.read(TEMPLATE, as_version=4).cells)
    assert f"{3 * code_cells} passed" in result.stdout, result.stdout
