"""The build cache is never stale: each kind of input file is changed in turn on a copy of data/, and
the chapters the cached build then executes give exactly what a forced build from scratch gives,
while chapters that did not read the changed file are not executed again.

The chapters run as the build runs them (the survey years parsed once, then papermill with the
observed record), without Jupyter Book and PDFs, which do not decide what is executed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
import openpyxl
import pytest

from metabok import config

from helpers import isolated_env, run_metabok

CHAPTERS = [("meta", 2022, "01"), ("meta", 2022, "03"), ("mottagande", 2018, "03")]
ALL = {f"{kind} {year} {county}" for kind, year, county in CHAPTERS}
META_2022 = {c for c in ALL if c.startswith("meta 2022")}

EXECUTE = """
import json, sys
from metabok.build import pipeline, site
kinds = {kind.name: kind for kind in site.KINDS}
chapters = [site.Chapter(kinds[k], y, c) for k, y, c in json.loads(sys.argv[1])]
report = pipeline.Report()
options = pipeline.Options(jobs=int(sys.argv[3]), quiet=True, force=sys.argv[2] == "force")
pipeline.aggregate(chapters)
pipeline.execute_chapters(chapters, options, report)
names = {c.label: f"{c.kind.name} {c.year} {c.county}" for c in chapters}
print(json.dumps(sorted(names[label] for label in report.executed)))
"""


def execute(env: dict, force: bool = False, chapters: list = CHAPTERS, jobs: int = 2) -> set[str]:
    """Run the chapters as the build does; the chapters that were executed."""
    result = subprocess.run(
        [sys.executable, "-c", EXECUTE, json.dumps(chapters), "force" if force else "cached", str(jobs)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.PROJECT_ROOT,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def pages(build_dir: Path, chapters: list = CHAPTERS) -> dict[str, str]:
    """Every chapter's page cells (what the site is made from), by chapter."""
    found = {}
    for kind, year, county in chapters:
        [path] = (build_dir / "cache" / kind / str(year)).glob(f"{county}-*/chapter.ipynb")
        cells = nbformat.read(path, as_version=4).cells
        found[f"{kind} {year} {county}"] = json.dumps(
            [(c.cell_type, c.source, c.get("outputs", [])) for c in cells], sort_keys=True
        )
    return found


def records(build_dir: Path, chapters: list = CHAPTERS) -> dict[str, dict]:
    """Every chapter's record of what it read, by chapter."""
    found = {}
    for kind, year, county in chapters:
        [path] = (build_dir / "cache" / kind / str(year)).glob(f"{county}-*/record.json")
        found[f"{kind} {year} {county}"] = json.loads(path.read_text(encoding="utf-8"))
    return found


def drop_rows(path: Path, county_code: str, count: int) -> None:
    """Delete `count` answer rows of the län from an answer workbook."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Svar"]
    rows = [r for r in range(2, sheet.max_row + 1) if str(sheet.cell(r, 1).value).startswith(county_code)]
    for row in sorted(rows[:count], reverse=True):
        sheet.delete_rows(row)
    workbook.save(path)


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append_bytes(path: Path) -> None:
    """A change to a file whose content the parser does not care about (a trailing newline)."""
    with path.open("ab") as handle:
        handle.write(b"\n")


def edit_population(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, int) and cell.value > 1000:
                cell.value += 1
                workbook.save(path)
                return


# (what is changed, how, the chapters that must run again)
MUTATIONS: list[tuple[str, Callable[[Path], None], set[str]]] = [
    (
        "fem av Stockholms svar 2021 borttagna (jämförelsen 2022 läser 2021)",
        lambda data: drop_rows(data / "enkat/2021/svar/01_stockholms_lan_exempeldata.xlsx", "01", 5),
        META_2022,
    ),
    (
        # Every chapter names the survey years in its switcher (the survey's name is in its codebook).
        "kodboken 2021",
        lambda data: replace_text(data / "enkat/2021/kodbok.yml", "beskrivning: ", "beskrivning: Ändrad. "),
        ALL,
    ),
    (
        "berättelsen för Stockholm 2022",
        lambda data: replace_text(data / "enkat/2022/berattelse/01.md", "kan i år", "kan nu i år"),
        {"meta 2022 01"},
    ),
    (
        "en ny berättelse för Uppsala 2022",
        lambda data: shutil.copy(data / "enkat/2022/berattelse/01.md", data / "enkat/2022/berattelse/03.md"),
        {"meta 2022 03"},
    ),
    (
        # 2021 has no berattelse/ yet: the new folder is not a change to any chapter shown here.
        "en första berättelse 2021, i en ny mapp",
        lambda data: write_text(data / "enkat/2021/berattelse/03.md", "## Sammanfattning\n\nNy text.\n"),
        set(),
    ),
    ("kommunlistan", lambda data: append_bytes(data / "raw/kommuner-lan/municipality_county.csv"), ALL),
    (
        "befolkningen",
        lambda data: edit_population(next((data / "raw/befolkning-scb-1950-2019").glob("*.xlsx"))),
        {"mottagande 2018 03"},
    ),
    (
        "Migrationsverkets mottagna 2018",
        lambda data: append_bytes(next((data / "raw/migrationsverket-2018").glob("Kommunmottagna*.csv"))),
        {"mottagande 2018 03"},
    ),
    (
        "kommungränserna",
        lambda data: append_bytes(data / "raw/geo-kommun-lan-scb/swe-maps-kommun.geojson"),
        {"mottagande 2018 03"},
    ),
    (
        "goda exempel",
        lambda data: append_bytes(data / "referens/goda_exempel_2014.csv"),
        {"mottagande 2018 03"},
    ),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of data/ with a 2022 survey year (2021's answers copied in, as a new user would) and
    Stockholm's 2022 text, every chapter executed once."""
    root = tmp_path_factory.mktemp("cache")
    env = isolated_env(root)
    assert run_metabok(env, "new-year", "2022").returncode == 0
    for answers in (root / "data/enkat/2021/svar").glob("*.xlsx"):
        shutil.copy(answers, root / "data/enkat/2022/svar" / answers.name)
    (root / "data/enkat/2022/berattelse/01.md").write_text(
        "## Sammanfattning\n\n**Boende**\nFler kommuner kan i år ordna bostad.\n", encoding="utf-8"
    )
    assert execute(env) == ALL
    return root, env


@pytest.mark.parametrize(("what", "change", "expected"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_changed_input_runs_exactly_its_readers_and_matches_a_forced_build(project, what, change, expected):
    root, env = project
    change(root / "data")
    assert execute(env) == expected, what
    forced_env = {**env, "METABOK_BUILD_DIR": str(root / f"forced-{len(list(root.glob('forced-*')))}")}
    assert execute(forced_env, force=True) == ALL
    assert pages(Path(env["METABOK_BUILD_DIR"])) == pages(Path(forced_env["METABOK_BUILD_DIR"])), what


def test_the_record_lists_modules_and_the_earlier_years_files(project):
    """Code counts like data: the record lists the package modules a chapter imported (a changed module
    makes it stale, tests/unit/test_observe.py), and the files of the year the comparison read."""
    root, env = project
    record = json.loads(
        next((Path(env["METABOK_BUILD_DIR"]) / "cache/meta/2022").glob("01-*/record.json")).read_text()
    )
    assert "metabok/meta/yoy.py" in record["code"]
    assert "enkat/2021/kodbok.yml" in record["files"], "the comparison's earlier year is an input"
    reception = json.loads(
        next((Path(env["METABOK_BUILD_DIR"]) / "cache/mottagande/2018").glob("03-*/record.json")).read_text()
    )
    assert "metabok/meta/yoy.py" not in reception["code"]
    assert not any("/svar/" in f for f in reception["files"]), "reception reads no survey answers"


# The analyst's edit, made by the chapter's own last cell after the chapter has read the narrative: the
# same as saving the file while the build runs, at a known moment.
SAVE_WHILE_RUNNING = """
from metabok import config
narrative = config.DATA_DIR / "enkat" / "2013" / "berattelse" / "01.md"
if narrative.read_text(encoding="utf-8") != {text!r}:
    narrative.write_text({text!r}, encoding="utf-8")
"""
NEW_NARRATIVE = "## Utvecklingsområden\n\n**Boende**\nSe över bostadsförsörjningen.\n"
NEW_SENTENCE = json.dumps("Se över bostadsförsörjningen.")[1:-1]  # as pages() writes it


def test_a_narrative_saved_while_its_chapter_runs_makes_the_next_build_run_it_again(tmp_path):
    """The page shows the narrative the chapter read; the next build sees the text saved since and runs
    the chapter again (a record made when the kernel ended named the new text beside the old page)."""
    env = isolated_env(tmp_path, notebooks=True)
    template = tmp_path / "notebooks" / "meta_kapitel.ipynb"
    notebook = nbformat.read(template, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(SAVE_WHILE_RUNNING.format(text=NEW_NARRATIVE)))
    nbformat.write(notebook, template)
    stockholm = [("meta", 2013, "01")]
    build_dir = Path(env["METABOK_BUILD_DIR"])

    assert execute(env, chapters=stockholm) == {"meta 2013 01"}
    assert (tmp_path / "data/enkat/2013/berattelse/01.md").read_text(encoding="utf-8") == NEW_NARRATIVE
    assert NEW_SENTENCE not in pages(build_dir, stockholm)["meta 2013 01"]
    assert execute(env, chapters=stockholm) == {"meta 2013 01"}
    assert NEW_SENTENCE in pages(build_dir, stockholm)["meta 2013 01"]
    assert execute(env, chapters=stockholm) == set()


def test_chapters_run_one_after_another_in_one_kernel_give_what_new_kernels_give(tmp_path):
    """A build worker reuses its kernel (metabok/build/fresh_kernel.py): each later chapter still
    shows the page, and records the files and modules, that it gives in a kernel of its own, though
    the chapters before it had loaded the same survey year, public sources and modules."""
    env = isolated_env(tmp_path)
    in_turn = [("meta", 2013, "01"), ("mottagande", 2018, "03"), ("meta", 2013, "03"), ("meta", 2021, "01")]
    shared = {**env, "METABOK_BUILD_DIR": str(tmp_path / "shared")}
    assert len(execute(shared, force=True, chapters=in_turn, jobs=1)) == len(in_turn)
    for chapter in in_turn[1:]:
        alone = {**env, "METABOK_BUILD_DIR": str(tmp_path / "alone" / "-".join(map(str, chapter)))}
        execute(alone, force=True, chapters=[chapter], jobs=1)
        for compared in (pages, records):
            expected = compared(Path(alone["METABOK_BUILD_DIR"]), [chapter])
            assert compared(Path(shared["METABOK_BUILD_DIR"]), [chapter]) == expected, (chapter, compared)
