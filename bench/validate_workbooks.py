"""Benchmark of `python -m metabok validate` on answer files as Excel saves them; prints JSON.

Never run as a test. On a copy of data/ in a temporary folder, Uppsala's 2013 answer file is
replaced by a stretched copy, one at a time:

    .venv/bin/python bench/validate_workbooks.py

- `stray_value_XFD1048576`: one text in the last cell of the sheet (the used range is the whole
  sheet; validate names that cell as a column without header);
- `million_formatted_empty_rows`: formatting on 1 000 000 empty rows after the answers;
- `whole_column_format`: a format on all 16 384 columns.

For each: the file size, the cells that hold a value and the CPU time of reading them with the
book's reader, the wall time and peak memory of the whole validate run (every year and every
source, not only this file), its exit code and its first error line. Reading must cost in
proportion to the cells that hold values.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "tests"))

from metabok.survey.workbook import Workbook  # noqa: E402

from helpers import isolated_env, stretch_workbook  # noqa: E402 - the paths above come first

UPPSALA = Path("enkat/2013/svar/03_uppsala_lan_exempeldata.xlsx")
VARIANTS = {
    "unchanged": {},
    "stray_value_XFD1048576": {"stray_cell": "XFD1048576"},
    "million_formatted_empty_rows": {"empty_rows": 1_000_000},
    "whole_column_format": {"whole_columns": True},
}


def run(variant: dict) -> dict:
    root = Path(tempfile.mkdtemp(prefix="metabok-bench-xlsx-"))
    try:
        env = isolated_env(root)
        path = root / "data" / UPPSALA
        stretch_workbook(path, **variant)
        started = time.process_time()
        with Workbook(path) as workbook:
            cells = sum(len(cells) for _, cells in workbook.rows("Svar"))
        read_cpu_s = time.process_time() - started
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "metabok", "validate"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=PROJECT_ROOT,
        )
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - started
        errors = [line.strip() for line in stdout.splitlines() if line.strip().startswith("fel:")]
        return {
            "file_kb": round(path.stat().st_size / 1024, 1),
            "cells_with_values": cells,
            "read_cpu_s": round(read_cpu_s, 2),
            "validate_s": round(seconds, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "exit_code": os.waitstatus_to_exitcode(status),
            "first_error": errors[0] if errors else None,
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    results = {name: run(variant) for name, variant in VARIANTS.items()}
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
