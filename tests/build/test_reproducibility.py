"""Two clean builds from the same inputs give the same site.

Both builds read one copy of data/ and write to their own build folder, with a different
METABOK_BUILD_DATE and a different hash seed, without PDFs (`--no-pdf`: printed pages carry the
build date in their footer and are not compared; test_pdf.py fixes their clock dates). The only
difference allowed is the build date: in the pages' provenance footer and, through the pages'
text, in the search index's number terms. Every other file of the site, the CSV and Excel
downloads included, must be byte-identical.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from metabok import config

# Both kinds of chapter, for riket and one län: national tables, charts and maps included.
SUBSET = ["--year", "2013", "--year", "2018", "--county", "00", "--county", "01"]
BUILD_DATES = ("1999-12-31", "2000-11-30")
SEARCH_INDEX = "searchindex.js"


def build(data: Path, target: Path, build_date: str, hash_seed: str) -> Path:
    env = {
        **os.environ,
        "METABOK_DATA_DIR": str(data),
        "METABOK_BUILD_DIR": str(target),
        "METABOK_BUILD_DATE": build_date,
        "PYTHONHASHSEED": hash_seed,
    }
    result = subprocess.run(
        [sys.executable, "-m", "metabok", "build", *SUBSET, "--quiet", "--no-pdf"],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return target / "html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("reproducerbarhet")
    shutil.copytree(config.DATA_DIR, root / "data")
    return tuple(
        build(root / "data", root / f"bygge{n}", date, hash_seed=str(n))
        for n, date in enumerate(BUILD_DATES, start=1)
    )


def site_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def page_text(path: Path, build_date: str) -> str:
    return path.read_text(encoding="utf-8").replace(f"Byggd {build_date}.", "Byggd ÅÅÅÅ-MM-DD.")


def search_index(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    prefix, suffix = "Search.setIndex(", ")"
    assert text.startswith(prefix) and text.endswith(suffix), text[:80]
    return json.loads(text[len(prefix) : -len(suffix)])


def test_same_files(sites):
    first, second = sites
    assert site_files(first).keys() == site_files(second).keys()


def test_pages_differ_only_by_build_date(sites):
    first, second = sites
    pages = [name for name in site_files(first) if name.endswith(".html")]
    chapters = [name for name in pages if name.startswith(("book/kapitel/meta/", "book/kapitel/mottagande/"))]
    assert len(chapters) == 4, pages
    for name in chapters:
        # The footer shows the date each build was given (so the normalisation below is needed).
        for site, date in zip(sites, BUILD_DATES, strict=True):
            assert f"Byggd {date}." in (site / name).read_text(encoding="utf-8"), name
    for name in pages:
        assert page_text(first / name, BUILD_DATES[0]) == page_text(second / name, BUILD_DATES[1]), name


def test_downloads_and_every_other_file_are_byte_identical(sites):
    first, second = sites
    files = site_files(first)
    downloads = [name for name in files if name.endswith((".csv", ".xlsx"))]
    assert any(name.endswith(".csv") for name in downloads) and any(n.endswith(".xlsx") for n in downloads)
    assert all(name.startswith("data/") for name in downloads), downloads
    others = [name for name in files if not name.endswith(".html") and name != SEARCH_INDEX]
    assert set(downloads) <= set(others)
    different = [name for name in others if (first / name).read_bytes() != (second / name).read_bytes()]
    assert different == []


def test_search_index_differs_only_by_the_build_date_numbers(sites):
    first, second = (search_index(site / SEARCH_INDEX) for site in sites)
    # The dates' parts are indexed as words of the pages; those terms (and only they) may differ.
    date_terms = {part for date in BUILD_DATES for part in date.split("-")}
    assert date_terms <= first["terms"].keys() | second["terms"].keys()
    for index in (first, second):
        for term in date_terms:
            index["terms"].pop(term, None)
    assert first == second
