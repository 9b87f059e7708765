"""Re-execute the chapter templates with their default parameters and store the outputs in them.

The templates in notebooks/ are kept *with* their outputs so that `pytest --nbval notebooks/`
(run by scripts/test.sh) can re-execute them and compare. Run this after a change that is meant
to change what a template shows:

    .venv/bin/python scripts/refresh_notebooks.py            # both templates
    .venv/bin/python scripts/refresh_notebooks.py notebooks/meta_kapitel.ipynb

Only the outputs and execution counts are taken from the run. Cell sources, cell ids and the
notebook's metadata stay as they were, and the volatile metadata that papermill and Jupyter add
(timestamps and durations) is removed. A template whose outputs differ only in what
nbval_sanitize.cfg masks (the build date and the code hash) is not rewritten, so a refresh
without a real change leaves the files (and the build cache, which hashes them) alone.
A template that fails to execute is left untouched.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import nbformat
import papermill

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from metabok.build import site  # noqa: E402
from metabok.build.execution import ipc_kernel_manager  # noqa: E402

SANITIZE = PROJECT_ROOT / "nbval_sanitize.cfg"
VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime")
VOLATILE_NOTEBOOK_METADATA = ("papermill",)


def execute(template: Path) -> nbformat.NotebookNode:
    """The template executed with its default parameters (nothing injected), from the project root."""
    with tempfile.TemporaryDirectory(prefix="metabok-refresh-") as work:
        output = Path(work) / template.name
        papermill.execute_notebook(
            str(template),
            str(output),
            parameters={},
            kernel_name="python3",
            language="python",
            kernel_manager_class=ipc_kernel_manager(),
            progress_bar=False,
            cwd=str(PROJECT_ROOT),
        )
        return nbformat.read(output, as_version=4)


def merge_outputs(stored: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """`stored` with the outputs and execution counts of `executed`; cells are matched by id."""
    by_id = {cell.get("id"): cell for cell in executed.cells}
    if len(by_id) != len(executed.cells) or [c.get("id") for c in stored.cells] != list(by_id):
        raise SystemExit("The executed notebook's cells do not match the template's (ids differ).")
    for cell in stored.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        run = by_id[cell.get("id")]
        if run.source != cell.source:
            raise SystemExit(f"Cell {cell.get('id')} changed source during execution.")
        cell.outputs = run.outputs
        cell.execution_count = run.execution_count
    for key in VOLATILE_NOTEBOOK_METADATA:
        stored.metadata.pop(key, None)
    return stored


def sanitized(text: str) -> str:
    """`text` with nbval's sanitising applied (the file's regex/replace pairs, read as nbval reads them)."""
    patterns = re.findall(r"^regex: (.*)$\n^replace: (.*)$", SANITIZE.read_text(encoding="utf-8"), re.M)
    for pattern, replacement in patterns:
        text = re.sub(pattern, replacement, text)
    return text


def refresh(template: Path) -> bool:
    """Store fresh outputs in `template`; False when nothing but the masked parts changed."""
    before = template.read_text(encoding="utf-8")
    executed = execute(template)
    notebook = merge_outputs(nbformat.reads(before, as_version=4), executed)
    nbformat.validate(notebook)
    after = nbformat.writes(notebook)
    after += "" if after.endswith("\n") else "\n"
    if sanitized(after) == sanitized(before):
        return False
    template.write_text(after, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    templates = [Path(a).resolve() for a in argv] or [kind.template for kind in site.KINDS]
    for template in templates:
        try:
            changed = refresh(template)
        except papermill.PapermillExecutionError as error:
            print(f"{template.name}: cell {error.cell_index}: {error.ename}: {error.evalue}", file=sys.stderr)
            return 1
        print(f"{'Uppdaterade' if changed else 'Oförändrad:'} {template}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
