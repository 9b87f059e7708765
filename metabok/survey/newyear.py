"""`python -m metabok new-year <år>`: the folder of a new survey year, ready to be filled in.

data/enkat/<år>/ gets a copy of the latest earlier year's codebook (with `ar` and the year in
`enkat` updated), an empty svar/ for the answer files, a berattelse/<länskod>.md for riket and
every län holding only the two headings the chapter recognises (a file with only the headings
counts as no text written: the chapter shows its data-driven suggestions), and LASMIG.txt on
what goes where. An existing year is never overwritten.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from metabok import config
from metabok.errors import InputError, display_path
from metabok.sources import geography
from metabok.survey.codebook import Problems, parse_codebook
from metabok.survey.narrative import SECTIONS
from metabok.survey.paths import SurveyYear, available_years

NARRATIVE_SCAFFOLD = "".join(f"## {heading}\n\n" for heading in SECTIONS.values())
README_NAME = "LASMIG.txt"

README = """\
Enkätåret {year} i META-boken
=============================

Mappen skapades av `python -m metabok new-year {year}`. Den innehåller:

kodbok.yml
    Kopia av kodboken för {source}, med året ändrat. Gå igenom den och ändra frågor,
    svarsalternativ och avsnitt så att de stämmer med årets enkät. Formatet beskrivs i
    data/README.md.
    Jämförelsen med föregående år: en fråga med samma id som {source} jämförs om frågetexten
    och svarsalternativen är oförändrade. Har frågan bytt id, skriv `tidigare_id: <id {source}>`
    på frågan. Ändrar du formuleringen eller skalan jämförs frågan inte, och kapitlet säger det.

svar/
    Lägg enkätverktygets Excel-export här: en eller flera .xlsx-filer med en rad per kommun
    som svarat. Rad 1 är rubriker: Kommunkod och/eller Kommun, gärna Län, och en kolumn per
    fråga med frågans id som rubrik. Lägg inga andra filer här (inte heller CSV eller .xls).

berattelse/
    En fil per län (01.md = Stockholms län … 25.md = Norrbottens län, 00.md = riket) med
    rubrikerna ## Sammanfattning och ## Utvecklingsområden. Skriv varje tema som en fet rubrik
    på egen rad följd av texten, till exempel:

        ## Utvecklingsområden

        **Bosättning**
        Se över hur kommunerna i länet ...

    En fil med bara rubrikerna räknas som ej skriven: kapitlet visar då förslag som räknats
    fram ur svaren, tydligt märkta som förslag.

Kontrollera sedan allt med `.venv/bin/python -m metabok validate` och bygg med
`bash scripts/build.sh`. Den här filen läses inte av boken och kan tas bort.
"""


class NewYearRefused(Exception):
    """new-year will not create the year; the message says why (in Swedish)."""


@dataclass
class Scaffold:
    year: int
    folder: Path
    source_year: int
    survey_name: str
    narrative_files: int


def parse_year(text: str) -> int:
    """A four-digit year ('2022'); NewYearRefused otherwise."""
    text = str(text).strip()
    if not re.fullmatch(r"[0-9]{4}", text) or not 1900 <= int(text) <= 2100:
        raise NewYearRefused(
            f"{text!r} är inget årtal. Skriv enkätåret med fyra siffror, till exempel: "
            "python -m metabok new-year 2022"
        )
    return int(text)


def copied_codebook(text: str, source_year: int, year: int) -> str:
    """The codebook text for the new year: `ar` and the year in `enkat` changed, comments kept,
    and a note at the top on where it came from."""
    lines = text.splitlines(keepends=True)
    changed_year = changed_name = False
    for index, line in enumerate(lines):
        if not changed_year and re.match(rf"ar:\s*{source_year}\s*(#.*)?$", line.rstrip("\n")):
            lines[index] = re.sub(rf"\b{source_year}\b", str(year), line, count=1)
            changed_year = True
        elif not changed_name and line.startswith("enkat:"):
            lines[index] = re.sub(rf"\b{source_year}\b", str(year), line)
            changed_name = True
    if not changed_year:
        raise NewYearRefused(
            f"kodboken för {source_year} har ingen rad 'ar: {source_year}' att ändra; rätta den först"
        )
    note = (
        f"# Kopierad från enkat/{source_year}/kodbok.yml av `python -m metabok new-year {year}`.\n"
        f"# Ändra frågorna så att de stämmer med enkäten {year}. En fråga som har bytt id sedan\n"
        f"# {source_year} får `tidigare_id: <id {source_year}>`, så att den jämförs med {source_year}.\n"
        "#\n"
    )
    return note + "".join(lines)


def scaffold(year_text: str, survey_dir: Path | None = None) -> Scaffold:
    """Create data/enkat/<år>/; NewYearRefused when the year is invalid or already there."""
    survey_dir = Path(survey_dir or config.SURVEY_DIR)
    year = parse_year(year_text)
    folder = survey_dir / str(year)
    if folder.exists():
        raise NewYearRefused(
            f"{display_path(folder)} finns redan. new-year skriver aldrig över ett befintligt år; "
            "ändra filerna där direkt, eller ta bort mappen om du vill börja om."
        )
    years = available_years(survey_dir)
    if not years:
        raise NewYearRefused(
            f"det finns inget enkätår i {display_path(survey_dir)} att kopiera kodboken från"
        )
    earlier = [y for y in years if y < year]
    source_year = max(earlier) if earlier else max(years)
    source = SurveyYear.of(source_year, survey_dir).codebook
    codebook_text = copied_codebook(source.read_text(encoding="utf-8-sig"), source_year, year)

    work = survey_dir / f".{year}.ny"
    new = SurveyYear(work)
    shutil.rmtree(work, ignore_errors=True)
    try:
        new.answers.mkdir(parents=True)
        new.narratives.mkdir()
        new.codebook.write_text(codebook_text, encoding="utf-8")
        problems = Problems(strict=False)
        codebook = parse_codebook(new.codebook, problems)
        if codebook is None or problems.errors or codebook.year != year:
            first = problems.errors[0].message if problems.errors else "året blev inte rätt"
            raise NewYearRefused(
                f"kodboken för {source_year} gick inte att kopiera till {year} ({first}); "
                f"rätta {display_path(source)} och försök igen"
            )
        areas = [config.NATIONAL_CODE, *geography.county_codes()]
        for area in areas:
            new.narrative(area).write_text(NARRATIVE_SCAFFOLD, encoding="utf-8")
        readme = README.format(year=year, source=source_year)
        (work / README_NAME).write_text(readme, encoding="utf-8")
        work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Scaffold(year, folder, source_year, codebook.survey_name, len(areas))


def checklist(result: Scaffold) -> str:
    """What new-year made and what the analyst does next (Swedish)."""
    folder = display_path(result.folder)
    year, source = result.year, result.source_year
    return f"""\
Skapade {folder}/ för enkätåret {year} ({result.survey_name}):
  kodbok.yml    kopia av kodboken för {source}, med ar: {year}
  svar/         tom – här ska svarsfilerna ligga
  berattelse/   {result.narrative_files} filer (00.md för riket, 01.md–25.md för länen) med bara rubrikerna
  {README_NAME}    vad som ska läggas var

Att göra:
  [ ] 1. Gå igenom {folder}/kodbok.yml och ändra frågorna så att de stämmer med årets enkät.
         Frågor med samma id och oförändrad text och skala jämförs med {source}. Har en fråga bytt id,
         skriv tidigare_id: <id {source}> på frågan.
  [ ] 2. Lägg enkätverktygets Excel-export (.xlsx, en rad per kommun) i {folder}/svar/.
  [ ] 3. Skriv länens sammanfattning och utvecklingsområden i {folder}/berattelse/<länskod>.md
         (frivilligt: en fil med bara rubrikerna ger förslag som räknats fram ur svaren).
  [ ] 4. Kontrollera alla indata:   .venv/bin/python -m metabok validate
  [ ] 5. Bygg ett län och granska:  .venv/bin/python -m metabok build --year {year} --county 03
  [ ] 6. Bygg hela boken:           bash scripts/build.sh
"""


def run(year_text: str) -> str:
    """new-year as the command line runs it: the checklist, or NewYearRefused / InputError."""
    try:
        return checklist(scaffold(year_text))
    except OSError as error:
        raise InputError(f"mappen kunde inte skapas ({error.strerror})", file=error.filename) from None
