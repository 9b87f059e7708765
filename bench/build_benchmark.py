"""Benchmark of the book build on this machine; prints JSON (never run as a test).

Runs on a copy of data/ and notebooks/ in a temporary folder, so the project's own
_build is untouched:

    .venv/bin/python bench/build_benchmark.py [--skip-scaling]

Measures: a clean build of the whole book, phase by phase (validate, aggregate, execute, collect,
Jupyter Book, PDF, publish); the floor (papermill executing as many notebooks that only import the
chapter modules, with the same parallelism, each in a new kernel); the same notebooks in kernels
reused as the build reuses them (one per worker, made as new before each notebook); a rebuild with no
change; a rebuild after one county's narrative changed; papermill seconds per chapter; build time
against the number of chapters; the page weight of one county chapter (HTML with its inline chart
data, excluding the shared JavaScript and CSS).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = Path(tempfile.mkdtemp(prefix="metabok-bench-"))
shutil.copytree(PROJECT_ROOT / "data", WORKSPACE / "data")
shutil.copytree(PROJECT_ROOT / "notebooks", WORKSPACE / "notebooks")
os.environ.update(
    METABOK_DATA_DIR=str(WORKSPACE / "data"),
    METABOK_BUILD_DIR=str(WORKSPACE / "_build"),
    METABOK_NOTEBOOK_DIR=str(WORKSPACE / "notebooks"),
)
sys.path.insert(0, str(PROJECT_ROOT))

from metabok import config  # noqa: E402 - the environment above must come first
from metabok.build import pipeline as build  # noqa: E402
from metabok.build import publications, site  # noqa: E402
from metabok.build.execution import execute, fresh_cell, worker_kernel  # noqa: E402

SCALING_AREAS = (2, 4, 7, 15, 22)  # riket first, then län: 6, 12, 21, 45 and 66 chapters
NARRATIVE = "## Utvecklingsområden\n\n**Boende**\nSe över bostadsförsörjningen.\n"


def timed_build(options: build.Options) -> tuple[float, build.Report]:
    started = time.perf_counter()
    report = build.build(options)
    return time.perf_counter() - started, report


FLOOR_CELL = "import metabok.meta.chapter\nimport metabok.reception.chapter"


def import_only(index: int, reused: bool = False) -> None:
    """One floor notebook: a new kernel that imports the chapter modules and does nothing else; or,
    `reused`, the worker's kernel made as new first, as the build runs a chapter."""
    cells = [nbformat.v4.new_code_cell(FLOOR_CELL)]
    if reused:
        cells.insert(0, fresh_cell())
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    kernel = worker_kernel() if reused else None
    execute(notebook, WORKSPACE / f"floor-{index}.ipynb", {}, f"golv {index}", kernel=kernel)


def floor_seconds(count: int, jobs: int, reused: bool = False) -> float:
    """Papermill executing `count` import-only notebooks, `jobs` at a time (as the build does)."""
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(import_only, range(count), [reused] * count))
    return time.perf_counter() - started


def clean() -> None:
    shutil.rmtree(config.BUILD_DIR, ignore_errors=True)


def scaling_options() -> list[build.Options]:
    """Growing sets of areas, each with every year: the mix of chapter kinds (META 2013,
    META 2021, reception 2018) stays the same, so only the number of chapters changes."""
    areas = [config.NATIONAL_CODE, *site.geography.county_codes()]
    return [build.Options(counties=areas[:n], quiet=True) for n in SCALING_AREAS]


def linear_fit(series: dict[int, float]) -> dict[str, float]:
    """Least squares seconds = fixed + per_chapter * chapters, with R² (1 = exactly linear)."""
    counts, seconds = list(series), list(series.values())
    slope, intercept = statistics.linear_regression(counts, seconds)
    mean = statistics.fmean(seconds)
    residual = sum((s - (intercept + slope * n)) ** 2 for n, s in zip(counts, seconds, strict=True))
    total = sum((s - mean) ** 2 for s in seconds)
    return {
        "fixed_s": round(intercept, 1),
        "per_chapter_s": round(slope, 2),
        "r_squared": round(1 - residual / total, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-scaling", action="store_true", help="skip the chapter-count series")
    args = parser.parse_args()
    results: dict[str, object] = {"cores": os.cpu_count(), "chapters": len(site.chapters())}

    clean()
    options = build.Options(quiet=True)
    seconds, report = timed_build(options)
    results["clean_build_s"] = round(seconds, 1)
    results["clean_build_phases_s"] = report.phases
    results["floor_s"] = round(floor_seconds(len(report.executed), options.jobs), 1)
    results["clean_share_of_floor"] = round(seconds / results["floor_s"], 2)
    reused = floor_seconds(len(report.executed), options.jobs, reused=True)
    results["floor_reused_kernels_s"] = round(reused, 1)
    per_chapter = list(report.seconds.values())
    results["papermill_s_per_chapter"] = {
        "median": round(statistics.median(per_chapter), 2),
        "max": round(max(per_chapter), 2),
        "min": round(min(per_chapter), 2),
    }

    seconds, report = timed_build(build.Options(quiet=True))
    results["no_change_rebuild_s"] = round(seconds, 2)
    results["no_change_rebuild_executed"] = len(report.executed)

    narrative = config.SURVEY_DIR / "2021" / "berattelse" / "03.md"
    narrative.parent.mkdir(parents=True, exist_ok=True)
    narrative.write_text(NARRATIVE, encoding="utf-8")
    seconds, report = timed_build(build.Options(quiet=True))
    results["one_county_changed_rebuild_s"] = round(seconds, 1)
    results["one_county_changed_executed"] = report.executed
    results["one_county_changed_phases_s"] = report.phases

    clean_s = results["clean_build_s"]
    results["no_change_share_of_clean"] = round(results["no_change_rebuild_s"] / clean_s, 3)
    results["one_county_share_of_clean"] = round(results["one_county_changed_rebuild_s"] / clean_s, 3)

    chapter = build.PUBLISHED / "book/kapitel/meta/2021/01-stockholm.html"
    results["county_chapter_page_kb"] = round(chapter.stat().st_size / 1024, 1)
    shared = build.PUBLISHED / publications.VEGA_BUNDLE_PATH
    results["shared_vega_bundle_kb"] = round(shared.stat().st_size / 1024, 1)

    if not args.skip_scaling:
        series = {}
        for options in scaling_options():
            clean()
            seconds, report = timed_build(options)
            series[str(len(report.executed))] = round(seconds, 1)
        results["clean_build_s_by_chapters"] = series
        results["linear_fit"] = linear_fit({int(n): s for n, s in series.items()})

    print(json.dumps(results, indent=2, ensure_ascii=False))
    shutil.rmtree(WORKSPACE, ignore_errors=True)


if __name__ == "__main__":
    main()
