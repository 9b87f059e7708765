"""Executing one chapter notebook with papermill, and post-processing it into a page."""

from __future__ import annotations

import multiprocessing.util
import os
import subprocess
import tempfile
import uuid
from functools import cache
from pathlib import Path

import nbformat

from metabok import config

# The build's hidden cells (the first makes a reused kernel as new, the last saves what the chapter
# read) and the parameters: none of them is part of the page.
FRESH_TAG, OBSERVE_TAG = "fresh", "observe"
REMOVED_TAGS = {"parameters", "injected-parameters", FRESH_TAG, OBSERVE_TAG}
ADDED_TAGS = {"injected-parameters", FRESH_TAG}


def fresh_cell() -> nbformat.NotebookNode:
    """The build's first, hidden cell: makes a reused kernel as new (metabok/build/fresh_kernel.py)."""
    return nbformat.v4.new_code_cell(
        "from metabok.build import fresh_kernel\nfresh_kernel.fresh()", metadata={"tags": [FRESH_TAG]}
    )


@cache
def ipc_kernel_manager() -> type:
    """A kernel manager whose kernel is reached over Unix sockets instead of TCP ports.

    Kernels started in parallel pick their TCP ports independently and can collide
    ('address already in use'); an IPC socket path unique to each kernel cannot. (Defined on
    first use: jupyter_client is imported only by a build that executes a chapter.)
    """
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

    class KernelClient(AsyncKernelClient):
        """Connected and ready once: nbclient asks for a client for every notebook, and a new one
        waits 0.2 s for a quiet IOPub channel; a reused kernel's notebooks share this one."""

        ready = False

        def start_channels(self, *args, **kwargs) -> None:
            if not self.channels_running:
                super().start_channels(*args, **kwargs)

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            if not self.ready:
                await super().wait_for_ready(timeout)
                self.ready = True

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.gettempdir(), f"metabok-kernel-{uuid.uuid4().hex}")
            self.client_factory = KernelClient
            self.shared_client = None

        def client(self, **kwargs):
            if self.shared_client is None:
                self.shared_client = super().client(**kwargs)
            return self.shared_client

        def close_client(self) -> None:
            if self.shared_client is not None:
                self.shared_client.stop_channels()
                self.shared_client = None

        async def start_kernel(self, **kwargs) -> None:
            # The kernel's own log (e.g. 'KeyboardInterrupt caught' at shutdown) is noise on the
            # build's terminal; errors in cells reach papermill through the kernel's messages.
            kwargs.setdefault("stderr", subprocess.DEVNULL)
            await super().start_kernel(**kwargs)

    return IPCKernelManager


_worker_kernel = None


def worker_kernel():
    """This worker process's kernel, reused for its chapters (metabok/build/fresh_kernel.py makes it
    as new before each one): not yet started (papermill starts it with the first chapter), and a
    new one when the last has died. Shut down when the worker process ends."""
    global _worker_kernel
    from jupyter_client.utils import run_sync

    if _worker_kernel is not None and _worker_kernel.has_kernel and not run_sync(_worker_kernel.is_alive)():
        _shut_down(_worker_kernel)
        _worker_kernel = None
    if _worker_kernel is None:
        _worker_kernel = ipc_kernel_manager()(kernel_name="python3")
        multiprocessing.util.Finalize(_worker_kernel, _shut_down, args=(_worker_kernel,), exitpriority=10)
    return _worker_kernel


def _shut_down(kernel) -> None:
    from jupyter_client.utils import run_sync

    kernel.close_client()
    if kernel.has_kernel:
        run_sync(kernel.shutdown_kernel)(now=True)


class ChapterFailed(Exception):
    """A chapter's notebook raised: names the failing cell."""

    def __init__(self, label: str, cell_index: int | None, source: str, error: str):
        self.label, self.cell_index, self.source, self.error = label, cell_index, source, error
        where = f"cell {cell_index}" if cell_index is not None else "okänd cell"
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        super().__init__(f"{label}: {where} ({first_line}): {error}")

    def __reduce__(self):
        # Raised in a worker process and sent back to the build: must survive pickling.
        return (ChapterFailed, (self.label, self.cell_index, self.source, self.error))


def execute(
    template: Path | nbformat.NotebookNode, output: Path, parameters: dict, label: str, kernel=None
) -> None:
    """Run the template with papermill into `output`, in `kernel` (a manager from worker_kernel) or
    a new kernel; raise ChapterFailed naming the cell."""
    import papermill  # here: a build that stops at validation never needs it

    try:
        papermill.execute_notebook(
            template if isinstance(template, nbformat.NotebookNode) else str(template),
            str(output),
            parameters=parameters,
            kernel_name="python3",
            language="python",
            kernel_manager_class=ipc_kernel_manager(),
            # Written once at the end (and, on an error, with the failing cell) instead of at every
            # cell's start and end: about 20 writes of a 200 kB notebook per chapter.
            request_save_on_cell_execute=False,
            progress_bar=False,
            cwd=str(config.PROJECT_ROOT),
            km=kernel,
        )
    except papermill.PapermillExecutionError as error:
        cell = _template_cell_index(output, error.cell_index)
        raise ChapterFailed(label, cell, error.source, f"{error.ename}: {error.evalue}") from None


def _template_cell_index(executed: Path, executed_index: int) -> int:
    """The failing cell's index in the template: papermill's index counts the cells added to it (the
    parameters and the build's first cell), which the analyst's template does not have."""
    cells = nbformat.read(executed, as_version=4).cells[:executed_index]
    added = sum(bool(ADDED_TAGS & set(cell.get("metadata", {}).get("tags", []))) for cell in cells)
    return executed_index - added


def _is_markdown(output) -> bool:
    return output.get("output_type") in ("display_data", "execute_result") and "text/markdown" in output.get(
        "data", {}
    )


def _split_cell(cell, warnings: list[str]) -> list:
    """A code cell's outputs as page cells, in order: runs of Markdown outputs become
    Markdown cells, runs of other outputs a code cell with its input hidden."""
    cells, run = [], []

    def flush_outputs() -> None:
        if run:
            # myst-nb skips code cells without source; the source is never shown.
            code = nbformat.v4.new_code_cell(source=cell.source, metadata={"tags": ["remove-input"]})
            code.outputs = list(run)
            cells.append(code)
            run.clear()

    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            warnings.append(output.get("text", "").strip())
        elif _is_markdown(output):
            flush_outputs()
            cells.append(nbformat.v4.new_markdown_cell(output["data"]["text/markdown"]))
        else:
            if "execution_count" in output:
                output["execution_count"] = None
            run.append(output)
    flush_outputs()
    return cells


def postprocess(notebook: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str]]:
    """Turn an executed chapter into a page: parameter cells dropped, Markdown outputs
    made real Markdown cells (so headings reach the table of contents and search),
    code hidden, stderr removed (returned as warnings), stable unique cell ids."""
    cells, warnings = [], []
    for cell in notebook.cells:
        if REMOVED_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        cells.extend(_split_cell(cell, warnings) if cell.cell_type == "code" else [cell])
    for index, cell in enumerate(cells):
        cell["id"] = f"c{index:03d}"
    notebook.cells = cells
    notebook.metadata = {
        "kernelspec": notebook.metadata.get("kernelspec", {}),
        "language_info": {"name": "python"},
    }
    return notebook, warnings
