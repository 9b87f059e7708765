"""Every collected file and every table download says whether its figures are example data, and
data/datapackage.json describes the collected files and validates with the frictionless library."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from frictionless import validate

from metabok.build import publications

from helpers import isolated_env, run_metabok

EXAMPLE = "exempeldata"
RECEPTION_STATUS = "officiell statistik (Migrationsverket, SCB)"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("download-status")
    env = isolated_env(root)
    build = run_metabok(
        env, "build", "--year", "2021", "--year", "2018", "--county", "01", "--jobs", "1", "--no-pdf"
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return root / "_build" / "html"


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_datapackage_validates_with_frictionless(site):
    report = validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    descriptor = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"]: r for r in descriptor["resources"]}
    assert sorted(described) == sorted(p.name for p in (site / "data").glob("*.csv"))
    assert described["resultat_meta_2021.csv"]["datastatus"] == EXAMPLE
    assert described["mottagande_2018.csv"]["datastatus"] == RECEPTION_STATUS
    for resource in described.values():
        names = [f["name"] for f in resource["schema"]["fields"]]
        with open(site / "data" / resource["path"], encoding="utf-8") as handle:
            assert names == next(csv.reader(handle))
        assert resource["sources"] and resource["title"]


@pytest.mark.parametrize(
    ("name", "columns", "status"),
    [
        ("resultat_meta_2021.csv", publications.META_RESULT_COLUMNS, EXAMPLE),
        ("mottagande_2018.csv", publications.RECEPTION_COLUMNS, RECEPTION_STATUS),
    ],
)
def test_collected_files_keep_their_columns_and_end_with_the_status(site, name, columns, status):
    found = rows(site / "data" / name)
    assert list(found[0]) == [*columns, "datastatus"]  # the documented columns first, in order
    assert {row["datastatus"] for row in found} == {status}


def test_no_table_download_lacks_its_status(site):
    tables = sorted((site / "data" / "meta").rglob("*.csv")) + sorted(
        (site / "data" / "mottagande").rglob("*.csv")
    )
    assert len(tables) > 20
    for path in tables:
        found = rows(path)
        expected = EXAMPLE if "/meta/" in path.as_posix() else RECEPTION_STATUS
        assert found and list(found[0])[-1] == "datastatus", path
        assert {row["datastatus"] for row in found} == {expected}, path
        workbook = openpyxl.load_workbook(path.with_suffix(".xlsx"), read_only=True)
        about = dict(workbook["Om filen"].iter_rows(min_row=2, values_only=True))
        assert about["Status"] == expected, path
        data = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))
        assert data[-1] == "datastatus", path


def test_invented_comments_are_marked_in_their_own_cell(site):
    page = (site / "book" / "kapitel" / "meta" / "2021" / "01-stockholm.html").read_text(encoding="utf-8")
    comments = [p for p in (site / "data" / "meta" / "2021").rglob("*.csv") if "Kommentar" in p.read_text()]
    assert comments
    for path in comments:
        for row in rows(path):
            if row.get("Kommentar"):
                assert row["Textens ursprung"] == "Påhittad exempeltext, inte kommunens svar", path
    assert '<th scope="col">Textens ursprung</th>' in page
