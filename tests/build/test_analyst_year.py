"""The new user's test: an analyst adds a survey year with the commands alone.

On a copy of data/: `new-year 2022`, drop in one county's export and its text, `validate`,
`build --year 2022 --county 03`; the 2022 chapter is in the site and compares with 2021. No
file outside the copied data folder (and its build folder) changes. Then a deliberately flawed
year: `validate` lists every problem, in every file, in one run.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from metabok import config

from helpers import isolated_env, run_metabok

CODE_PATHS = ("metabok", "notebooks", "book", "scripts", "_config.yml", "_toc.yml", "pyproject.toml")
NARRATIVE = """\
## Sammanfattning

**Boende**
Fler kommuner i länet kan i år ordna bostad till de nyanlända som anvisas.

## Utvecklingsområden
"""


def code_snapshot() -> dict[str, str]:
    """A hash of every file of the project's code, notebooks, hand-written pages and settings."""
    found = {}
    for name in CODE_PATHS:
        root = config.PROJECT_ROOT / name
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" not in path.parts:
                found[path.relative_to(config.PROJECT_ROOT).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def export_for_2022(source: Path, target: Path) -> None:
    """Uppsala's 2021 export as if it were 2022's: the year in 'Om filen' changed, and every
    kommun now able to house the nyanlända it is assigned ('boende_anvisade')."""
    workbook = openpyxl.load_workbook(source)
    for row in workbook["Om filen"].iter_rows():
        if row[0].value == "År":
            row[1].value = 2022
        elif row[0].value == "Enkät":
            row[1].value = "Lägesbilder 2022"
    answers = workbook["Svar"]
    column = [cell.value for cell in answers[1]].index("boende_anvisade") + 1
    for row in range(2, answers.max_row + 1):
        answers.cell(row, column).value = "Instämmer helt"
    workbook.save(target)


@pytest.fixture(scope="module")
def analyst(tmp_path_factory):
    """A copy of data/ with its own build folder; the project's code is only read."""
    root = tmp_path_factory.mktemp("analytiker")
    return root, isolated_env(root)


def test_a_new_year_from_scaffold_to_built_chapter(analyst):
    root, env = analyst
    code_before = code_snapshot()
    year = root / "data" / "enkat" / "2022"

    created = run_metabok(env, "new-year", "2022")
    assert created.returncode == 0, created.stderr
    assert "python -m metabok validate" in created.stdout and "--year 2022" in created.stdout

    export_for_2022(
        root / "data" / "enkat" / "2021" / "svar" / "03_uppsala_lan_exempeldata.xlsx",
        year / "svar" / "03_uppsala_lan_2022.xlsx",
    )
    (year / "berattelse" / "03.md").write_text(NARRATIVE, encoding="utf-8")

    checked = run_metabok(env, "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "läst: 7 av 8 kommuner i Uppsala län" in checked.stdout
    assert "Enkätåret 2022 (Lägesbilder 2022)" in checked.stdout

    built = run_metabok(env, "build", "--year", "2022", "--county", "03")
    assert built.returncode == 0, built.stderr
    assert "Klart: 1 kapitel kördes" in built.stdout

    page = (root / "_build" / "html" / "book" / "kapitel" / "meta" / "2022" / "03-uppsala.html").read_text(
        encoding="utf-8"
    )
    assert "Uppsala län – Lägesbilder 2022" in page
    # The year-over-year section compares with 2021.
    assert "Förändring sedan föregående enkät" in page
    assert "ställdes likadant i föregående enkät, Lägesbilder 2021" in page
    assert (
        "Andelen kommuner i länet som instämmer helt eller delvis i påståendet ”Kommunen kan ordna bostad "
        "till de nyanlända som anvisas till kommunen” har ökat från 67 procent 2021 till 100 procent 2022."
    ) in page
    assert "Förändring sedan 2021 (procentenheter)" in page
    # The analyst's text, and the data-driven suggestions where the file has only the heading.
    assert "Fler kommuner i länet kan i år ordna bostad" in page
    assert "Nedan visas <strong>förslag</strong>" in page
    assert (root / "_build" / "html" / "pdf" / "meta" / "2022" / "03-uppsala.pdf").is_file()
    # Nothing but the data copy and its build folder changed.
    assert code_snapshot() == code_before


NEW_QUESTION = """\
  - id: digitala_tjanster
    avsnitt: Digitalisering
    kort: digitala tjänster för nyanlända
    text: Erbjuder kommunen sina tjänster för nyanlända digitalt?
    typ: ja_nej
"""
AGREEMENT_SCALE = """\
    - {etikett: Instämmer helt, grupp: instämmer}
    - {etikett: Instämmer delvis, grupp: instämmer}
    - {etikett: Instämmer i liten utsträckning, grupp: instämmer_inte}
    - {etikett: Instämmer inte alls, grupp: instämmer_inte}
"""
REVERSED_SCALE = "".join(reversed(AGREEMENT_SCALE.splitlines(keepends=True)))


def add_answer_column(path: Path, header: str, answers: list[str]) -> None:
    """A new question's column at the end of sheet 'Svar', one answer per kommun row."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Svar"]
    column = sheet.max_column + 1
    sheet.cell(1, column).value = header
    for row, answer in enumerate(answers, start=2):
        sheet.cell(row, column).value = answer
    workbook.save(path)


def test_an_edited_codebook_changes_the_chapter_without_code_change(tmp_path):
    """The analyst adds a question in a new first section and reverses the agreement scale, in the
    codebook only; the built chapter shows the new section first, its question with its counts, the
    scale's answers in the new order, and says that the reordered questions are not compared."""
    env = isolated_env(tmp_path)
    code_before = code_snapshot()
    assert run_metabok(env, "new-year", "2022").returncode == 0
    year = tmp_path / "data" / "enkat" / "2022"
    export = year / "svar" / "03_uppsala_lan_2022.xlsx"
    export_for_2022(tmp_path / "data" / "enkat" / "2021" / "svar" / "03_uppsala_lan_exempeldata.xlsx", export)
    add_answer_column(export, "digitala_tjanster", ["Ja", "Ja", "Nej", "Ja", "Ja", "Ja", "Nej"])
    codebook = year / "kodbok.yml"
    text = codebook.read_text(encoding="utf-8")
    assert AGREEMENT_SCALE in text and "\nfragor:\n" in text
    codebook.write_text(
        text.replace(AGREEMENT_SCALE, REVERSED_SCALE).replace("\nfragor:\n", "\nfragor:\n" + NEW_QUESTION),
        encoding="utf-8",
    )

    built = run_metabok(env, "build", "--year", "2022", "--county", "03")
    assert built.returncode == 0, built.stdout + built.stderr

    chapter = tmp_path / "_build" / "html" / "book" / "kapitel" / "meta" / "2022" / "03-uppsala.html"
    html = chapter.read_text(encoding="utf-8")
    answers = html[html.index('id="enkatsvar"') :]
    # The new section comes first, as in the codebook, with the counts of the new column.
    assert answers.index(">Digitalisering<") < answers.index(">Beredskap och kapacitet<")
    assert "Erbjuder kommunen sina tjänster för nyanlända digitalt?" in answers
    assert "svarar 5 kommuner i länet ja och 2 nej" in answers
    # The scale's answers are shown in the codebook's new order.
    table = answers[answers.index("<table") : answers.index("</table>", answers.index(">Boende<"))]
    reversed_labels = re.findall(r"etikett: ([^,]+),", REVERSED_SCALE)
    assert reversed_labels[0] == "Instämmer inte alls"
    assert all(label in table for label in reversed_labels)
    assert sorted(reversed_labels, key=table.index) == reversed_labels
    # A question whose scale changed is not compared with 2021, and the page says so.
    assert "har ändrats sedan 2021 och jämförs inte" in html
    assert code_snapshot() == code_before


def test_validate_lists_every_problem_of_a_flawed_year_in_one_run(analyst):
    root, env = analyst
    assert run_metabok(env, "new-year", "2023").returncode == 0
    year = root / "data" / "enkat" / "2023"
    # 1. The codebook follows a question that 2022 does not have.
    codebook = year / "kodbok.yml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(
        text.replace(
            "  - id: boende_anvisade\n", "  - id: boende_anvisade\n    tidigare_id: boende_finns_inte\n"
        ),
        encoding="utf-8",
    )
    # 2. An answer that is not on the scale, and 3. a kommun in the wrong län.
    answers = year / "svar" / "03_uppsala_lan_2023.xlsx"
    shutil.copy(root / "data" / "enkat" / "2021" / "svar" / "03_uppsala_lan_exempeldata.xlsx", answers)
    workbook = openpyxl.load_workbook(answers)
    sheet = workbook["Svar"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("boende_anvisade") + 1).value = "Kanske"
    sheet.cell(3, header.index("Län") + 1).value = "Stockholms län"
    workbook.save(answers)
    # 4. A CSV export next to it, 5. a misspelt heading and 6. a file that is not a län.
    (year / "svar" / "export.csv").write_text("Kommunkod;Kommun\n0305;Håbo\n", encoding="utf-8")
    (year / "berattelse" / "03.md").write_text("## Sammanfatning\n", encoding="utf-8")
    (year / "berattelse" / "uppsala.md").write_text("## Sammanfattning\n", encoding="utf-8")

    result = run_metabok(env, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    report = result.stdout
    expected = {
        "kodbok.yml": "tidigare_id 'boende_finns_inte', men kodboken för 2022 har ingen fråga med det id:t",
        "03_uppsala_lan_2023.xlsx": "'Kanske' är inget tillåtet svar på frågan 'boende_anvisade'",
        "export.csv": "filen är inte en Excel-fil (.xlsx) utan en CSV-fil",
        "03.md": "okänd rubrik ## 'Sammanfatning'",
        "uppsala.md": "okänt filnamn",
    }
    lines = report.splitlines()
    for name, message in expected.items():
        heading = next(
            i
            for i, line in enumerate(lines)
            if line.endswith(f"enkat/2023/{name}")
            or line.endswith(f"enkat/2023/svar/{name}")
            or line.endswith(f"enkat/2023/berattelse/{name}")
        )
        assert lines[heading].startswith("  [FEL]"), lines[heading]
        below = []
        for line in lines[heading + 1 :]:
            if not line.startswith("      "):
                break
            below.append(line)
        assert any(message in line for line in below), (name, below)
    assert "ligger i Uppsala län, inte i Stockholms län" in report
    assert "Resultat: 6 fel i 5 filer" in report
    # The good year 2022 is still reported without errors.
    assert "läst: 7 av 8 kommuner i Uppsala län" in report
