"""Post-processing an executed chapter into a page, and the kernel manager chapters run in."""

import nbformat
import pytest

from metabok.build.execution import postprocess


def executed_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    params = nbformat.v4.new_code_cell("year = 2013", metadata={"tags": ["parameters"]})
    injected = nbformat.v4.new_code_cell("year = 2021", metadata={"tags": ["injected-parameters"]})
    mixed = nbformat.v4.new_code_cell("show()")
    mixed.outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": "## Svarsfrekvens", "text/plain": "x"}),
        nbformat.v4.new_output("stream", name="stderr", text="DeprecationWarning: x"),
        nbformat.v4.new_output("display_data", data={"text/html": "<table></table>"}),
        nbformat.v4.new_output("execute_result", data={"text/html": "<figure></figure>"}, execution_count=3),
        nbformat.v4.new_output("display_data", data={"text/markdown": "Text."}),
    ]
    silent = nbformat.v4.new_code_cell("import x")
    nb.cells = [params, injected, nbformat.v4.new_markdown_cell("# Titel"), mixed, silent]
    return nb


def test_parameters_removed_markdown_promoted_code_hidden():
    page, warnings = postprocess(executed_notebook())
    kinds = [(c.cell_type, c.source) for c in page.cells]
    assert kinds == [
        ("markdown", "# Titel"),
        ("markdown", "## Svarsfrekvens"),
        ("code", "show()"),
        ("markdown", "Text."),
    ]
    code = page.cells[2]
    assert code.metadata["tags"] == ["remove-input"]
    assert [o["data"]["text/html"] for o in code.outputs] == ["<table></table>", "<figure></figure>"]
    assert all(o.get("execution_count") is None for o in code.outputs)
    assert warnings == ["DeprecationWarning: x"]


def test_cell_ids_are_unique_and_stable():
    first, _ = postprocess(executed_notebook())
    second, _ = postprocess(executed_notebook())
    ids = [c["id"] for c in first.cells]
    assert len(set(ids)) == len(ids)
    assert ids == [c["id"] for c in second.cells]
    nbformat.validate(first)


def test_the_kernel_manager_uses_ipc_and_the_refresh_script_finds_it():
    """The kernel manager is made on first use (jupyter_client is imported late); the script that
    refreshes the templates' stored outputs uses the same one."""
    import runpy

    from metabok import config
    from metabok.build.execution import ipc_kernel_manager

    manager = ipc_kernel_manager()()
    assert manager.transport == "ipc" and "metabok-kernel-" in manager.ip
    assert ipc_kernel_manager() is ipc_kernel_manager()
    script = runpy.run_path(str(config.PROJECT_ROOT / "scripts" / "refresh_notebooks.py"), run_name="refresh")
    assert script["ipc_kernel_manager"] is ipc_kernel_manager


REUSED = """
import os
print(os.getpid(), 'earlier' in dir(), 'metabok.meta.report' in __import__('sys').modules)
earlier = True
import metabok.meta.report
"""


def test_a_workers_notebooks_share_one_kernel_made_as_new_before_each(tmp_path):
    """The build's worker kernel serves every notebook it is given (one client, ready once), and the
    hidden first cell leaves nothing of the notebook before: no variable, no package module."""
    from metabok.build.execution import execute, fresh_cell, worker_kernel

    seen = []
    for number in range(3):
        notebook = nbformat.v4.new_notebook(
            cells=[
                fresh_cell(),
                nbformat.v4.new_code_cell(REUSED),
            ]
        )
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        kernel = worker_kernel()
        execute(notebook, tmp_path / f"{number}.ipynb", {}, f"prov {number}", kernel=kernel)
        executed = nbformat.read(tmp_path / f"{number}.ipynb", as_version=4)
        seen.append(executed.cells[1].outputs[0]["text"].split())
    assert kernel is worker_kernel() and kernel.client() is kernel.client()
    assert len({pid for pid, _, _ in seen}) == 1, "one kernel process for the three notebooks"
    assert all(rest == ["False", "False"] for _, *rest in seen), seen


def test_a_warning_shown_in_an_earlier_chapter_is_shown_again():
    """A chapter's warnings reach the build's report: one shown before in the reused kernel (Python
    shows a warning once per place) is shown again after the kernel is made as new."""
    import warnings

    from metabok.build import fresh_kernel

    def warn() -> None:
        warnings.warn("kolumnen saknas", UserWarning, stacklevel=1)

    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("default")
        warn()
        warn()
        assert len(shown) == 1, "Python's rule: once per place"
        fresh_kernel.forget_shown_warnings()
        warn()
    assert [str(w.message) for w in shown] == ["kolumnen saknas", "kolumnen saknas"]


def test_after_a_chapter_kills_its_kernel_the_worker_starts_a_new_one(tmp_path):
    """A chapter that ends its kernel (a crash, os._exit) fails alone: the worker's next chapter
    runs in a new kernel instead of failing against the dead one."""
    from nbclient.exceptions import DeadKernelError

    from metabok.build.execution import execute, fresh_cell, worker_kernel

    def notebook(code: str) -> nbformat.NotebookNode:
        made = nbformat.v4.new_notebook(
            cells=[
                fresh_cell(),
                nbformat.v4.new_code_cell(code),
            ]
        )
        made.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        return made

    dead = worker_kernel()
    with pytest.raises(DeadKernelError):
        execute(notebook("import os\nos._exit(1)"), tmp_path / "a.ipynb", {}, "dör", kernel=dead)
    fresh = worker_kernel()
    assert fresh is not dead
    execute(notebook("print('lever')"), tmp_path / "b.ipynb", {}, "lever", kernel=fresh)
    assert nbformat.read(tmp_path / "b.ipynb", as_version=4).cells[1].outputs[0]["text"] == "lever\n"
