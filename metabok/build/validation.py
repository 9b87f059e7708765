"""Check every input before anything is executed; report all problems at once.

`validate_all` is what the build runs (it raises InputErrors). `validation_report` is what
`python -m metabok validate` prints: for every file what was read, its warnings and its errors,
for every survey year and the reception data, without stopping at the first problem.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from metabok import config
from metabok.build import provenance, site
from metabok.errors import InputError, InputErrors, display_path
from metabok.formatting import fmt_int, join_swedish
from metabok.sources import geography, registry
from metabok.survey.codebook import Codebook, Problems, parse_codebook
from metabok.survey.paths import YEAR_FOLDER, SurveyYear
from metabok.text import quoted, unusual_note


def reception_problems() -> list[InputError]:
    """Problems in the real reception and population files (parsed and reconciled), and what a
    reception year still lacks."""
    problems = []
    for check in registry.checks():
        try:
            check.load()
        except InputError as error:
            problems.append(error)
    return problems + registry.year_problems()


def _codebook(year: int) -> Codebook | None:
    """A year's codebook when it reads without errors, else None."""
    problems = Problems(strict=False)
    codebook = parse_codebook(SurveyYear.of(year).codebook, problems)
    return None if problems.errors else codebook


def year_over_year_problems(year: int) -> list[InputError]:
    """`tidigare_id` values in the year's codebook that cannot be followed to the previous year."""
    from metabok.meta import matching

    current = _codebook(year)
    if current is None or not any(q.previous_id for q in current.questions):
        return []
    before = matching.previous_year(year)
    previous = _codebook(before) if before is not None else None
    if before is not None and previous is None:
        return []  # the previous codebook's own errors are reported for that year
    return [
        InputError(message, file=current.path, row=_question_line(current.path, question.id))
        for question, message in matching.mapping_problems(current, previous)
    ]


def _question_line(path: Path | None, question_id: str) -> int | None:
    """The line of `- id: <question_id>` in a codebook (for the message)."""
    if path is None:
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
        if re.fullmatch(rf"\s*-?\s*id:\s*['\"]?{re.escape(question_id)}['\"]?\s*(#.*)?", line):
            return number
    return None


def survey_problems(year: int) -> list[InputError]:
    """Every problem in one survey year: codebook, response files, narrative files and the
    codebook's links to the previous year (tidigare_id). Answer files parsed without an error
    before, byte for byte, are not read again (check_year's `reuse_parsed`)."""
    return _survey_check(year, reuse_parsed=True)[0]


def _survey_check(year: int, reuse_parsed: bool = False):
    """The problems of a survey year and its answers as read (one read of every answer file)."""
    from metabok.survey.responses import check_year

    errors, responses = check_year(year, reuse_parsed=reuse_parsed)
    return errors + year_over_year_problems(year), responses


def link_problems(root: Path | None = None) -> list[InputError]:
    """Symbolic links in data/ that lead outside it, or nowhere, in every folder: the book reads
    only files that lie in data/ (a link could publish any file of the machine)."""
    root = Path(root or config.DATA_DIR)
    if not root.is_dir():
        return []
    problems = []
    for folder, folders, files in os.walk(root):  # a linked folder is checked, never entered
        for name in sorted([*folders, *files]):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = path.resolve()
            if not target.exists():
                message = "är en symbolisk länk som pekar på något som inte finns"
            elif not target.is_relative_to(root):
                message = (
                    f"är en symbolisk länk till {target}, utanför {display_path(root)}/. Boken läser bara "
                    "filer som ligger i data/; kopiera in filen i stället för att länka till den"
                )
            else:
                continue
            what = "mappen" if target.is_dir() else "filen"
            problems.append(InputError(f"{what} {message}", file=path))
    return problems


_DIGIT_LOOKALIKES = str.maketrans("OoIlZSB", "0011258")


def survey_folder_problems() -> list[InputError]:
    """Folders in data/enkat that are not a survey year the build would read: a name that is not
    a year of four digits (2O22 with a letter O), or a year without kodbok.yml."""
    if not config.SURVEY_DIR.is_dir():
        return []
    problems = []
    for path in sorted(config.SURVEY_DIR.iterdir()):
        if path.name.startswith(".") or not path.is_dir():
            continue
        if not YEAR_FOLDER.fullmatch(path.name):
            hint = ""
            read_as_digits = path.name.translate(_DIGIT_LOOKALIKES)
            if YEAR_FOLDER.fullmatch(read_as_digits):
                hint = f" (menade du {read_as_digits}? namnet har bokstäver där det ska stå siffror)"
            problems.append(
                InputError(
                    f"mappen {quoted(path.name)} är inte ett enkätår: en årsmapp heter som året, med fyra "
                    f"siffror, till exempel 2022{hint}.{unusual_note(path.name)} Byt namn på mappen "
                    "eller flytta den ur enkat/.",
                    file=path,
                )
            )
        elif not SurveyYear(path).codebook.is_file():
            problems.append(
                InputError(
                    "mappen för enkätåret saknar kodbok.yml och byggs inte. Skapa ett nytt år med "
                    f"python -m metabok new-year {path.name}, eller flytta mappen ur enkat/.",
                    file=path,
                )
            )
    return problems


def structure_problems() -> list[InputError]:
    """Problems that stop every other check: links out of data/, misnamed survey folders and
    the kommun and län lists, which every other file is checked against."""
    problems = link_problems()
    if problems:
        return problems  # nothing behind a link is read, not even to check it
    problems += survey_folder_problems()
    try:
        geography.check_reference_files()
    except InputErrors as errors:
        problems += errors.errors
    return problems


def validate_all(years: list[int] | None = None) -> None:
    """Raise InputErrors listing every problem in the inputs of the chosen years (and of the
    survey years just before them, which the year-over-year comparison reads)."""
    from metabok.meta import matching

    chosen = set(site.survey_years())
    if years:
        chosen = {y for y in chosen if y in years}
        chosen |= {p for y in list(chosen) if (p := matching.previous_year(y)) is not None}
    problems = structure_problems()
    if problems:
        raise InputErrors(problems)
    problems = reception_problems() + provenance.publication_problems()
    for year in sorted(chosen):
        problems += survey_problems(year)
    if problems:
        raise InputErrors(problems)


# --- the report of `python -m metabok validate` ---------------------------------------------------


@dataclass
class FileReport:
    """One input file (or folder) in the report."""

    path: Path | None
    name: str
    read: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


@dataclass
class GroupReport:
    """A survey year, or the reception data."""

    title: str
    files: list[FileReport] = field(default_factory=list)

    def file(self, path: Path, name: str | None = None) -> FileReport:
        """The entry for `path`, added at the end when new."""
        for entry in self.files:
            if entry.path is not None and entry.path.resolve() == Path(path).resolve():
                return entry
        entry = FileReport(Path(path), name or display_path(path))
        self.files.append(entry)
        return entry


@dataclass
class ValidationReport:
    groups: list[GroupReport] = field(default_factory=list)

    @property
    def errors(self) -> list[InputError]:
        return [e for g in self.groups for f in g.files for e in f.errors]

    @property
    def warnings(self) -> list[str]:
        return [w for g in self.groups for f in g.files for w in f.warnings]

    def text(self) -> str:
        """The report as the command prints it."""
        lines = [f"Kontroll av indata i {display_path(config.DATA_DIR)}/", ""]
        for group in self.groups:
            lines.append(group.title)
            for entry in group.files:
                mark = "FEL" if entry.errors else ("VARNING" if entry.warnings else "OK")
                lines.append(f"  [{mark}] {entry.name}")
                if entry.read:
                    lines.append(f"      läst: {entry.read}")
                lines += [f"      varning: {w}" for w in entry.warnings]
                lines += [f"      fel: {_without_file(e) if entry.path else e}" for e in entry.errors]
            lines.append("")
        errors, warnings = self.errors, self.warnings
        files_with_errors = sum(1 for g in self.groups for f in g.files if f.errors)
        if errors:
            lines.append(
                f"Resultat: {fmt_int(len(errors))} fel i {fmt_int(files_with_errors)} "
                f"{'fil' if files_with_errors == 1 else 'filer'} och {fmt_int(len(warnings))} "
                f"{'varning' if len(warnings) == 1 else 'varningar'}. Rätta felen och kör validate igen; "
                "bygget stoppas så länge det finns fel."
            )
        else:
            lines.append(
                f"Resultat: inga fel ({fmt_int(len(warnings))} "
                f"{'varning' if len(warnings) == 1 else 'varningar'}). Indata går att bygga: "
                "bash scripts/build.sh"
            )
        return "\n".join(lines)


def _without_file(error: InputError) -> str:
    """The error without its file (the report lists it under the file)."""
    parts = []
    if error.sheet is not None:
        parts.append(f"blad {error.sheet!r}")
    if error.row is not None:
        parts.append(f"rad {error.row}")
    if error.column is not None:
        parts.append(f"kolumn {error.column!r}")
    return f"{', '.join(parts)}: {error.message}" if parts else error.message


def _place(group: GroupReport, error: InputError, fallback: FileReport) -> None:
    """Put an error under its file's entry (a new entry for a file not listed yet)."""
    if error.file is None:
        fallback.errors.append(error)
    else:
        group.file(Path(error.file)).errors.append(error)


@dataclass
class _FileAnswers:
    """What one answer file holds: the kommuner (by code) and which codebook columns have at
    least one answer."""

    municipalities: set[str] = field(default_factory=set)
    answered_columns: set[str] = field(default_factory=set)


def _answers_by_file(responses) -> dict[Path, _FileAnswers]:
    """The answers as read by the survey's own reader, grouped by the file of each row."""
    found: dict[Path, _FileAnswers] = {path: _FileAnswers() for path in responses.files}
    columns = responses.codebook.columns()
    filled = responses.answers[columns].notna()
    rows = dict(zip(filled.index, filled.to_numpy().tolist(), strict=True))
    for code, path in responses.sources.items():
        found[path].municipalities.add(code)
        found[path].answered_columns |= {c for c, present in zip(columns, rows[code], strict=True) if present}
    return found


def _county_list(codes: set[str]) -> str:
    return join_swedish(
        [geography.county_name(c) for c in sorted({geography.county_of(code) for code in codes})]
    )


def _percent(share: float) -> str:
    return f"{fmt_int(share * 100)} procent"


def survey_report(year: int) -> GroupReport:
    """The report of one survey year: codebook, answer files, narrative files."""
    from metabok.survey.narrative import parse_narrative

    survey = SurveyYear.of(year)
    year_dir = survey.folder
    problems = Problems(strict=False)
    codebook = parse_codebook(survey.codebook, problems)
    name = codebook.survey_name if codebook is not None and codebook.survey_name else f"enkäten {year}"
    group = GroupReport(f"Enkätåret {year} ({name})")
    codebook_entry = group.file(survey.codebook)
    usable = codebook is not None and not problems.errors
    if usable:
        sections = len(codebook.sections())
        codebook_entry.read = f"{fmt_int(len(codebook.questions))} frågor i {fmt_int(sections)} avsnitt"
        _codebook_warnings(year, codebook, codebook_entry)

    errors, responses = _survey_check(year)
    svar_dir = survey.answers
    svar_entry = group.file(svar_dir, display_path(svar_dir) + "/")
    files = survey.answer_files()
    by_file = _answers_by_file(responses) if usable and responses is not None else {}
    for path in files:
        entry = group.file(path)
        answers = by_file.get(path)
        if answers is not None and (answers.municipalities or not any(e.file == path for e in errors)):
            where = _county_list(answers.municipalities) if answers.municipalities else "inget län"
            entry.read = f"{kommuner(len(answers.municipalities))} i {where}"
    if usable and by_file:
        _answer_warnings(codebook, by_file, group, svar_entry)
    svar_entry.read = f"{fmt_int(len(files))} {'fil' if len(files) == 1 else 'filer'}"

    narrative_dir = survey.narratives
    if narrative_dir.is_dir():
        # Files with only the headings are summed up in one line; the others are listed.
        folder = group.file(narrative_dir, display_path(narrative_dir) + "/")
        empty = []
        for path in sorted(narrative_dir.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            problems = Problems(strict=False)
            narrative = parse_narrative(path, problems) if path.suffix == ".md" else None
            if narrative is None or problems.errors:
                group.file(path)
            elif narrative.summary or narrative.development_areas or narrative.intro:
                group.file(path).read = _narrative_summary(narrative)
            else:
                empty.append(path.stem)
        if empty:
            folder.read = (
                f"{files_text(len(empty))} med bara rubrikerna, ingen text ännu (kapitlen visar förslag "
                f"ur svaren): {', '.join(empty)}"
            )

    for error in errors:
        _place(group, error, group.file(year_dir, display_path(year_dir) + "/"))
    # Only entries with something to say, or the files themselves.
    group.files = [f for f in group.files if f.read or f.warnings or f.errors or f.path.is_file()]
    return group


def files_text(n: int) -> str:
    return f"{fmt_int(n)} {'fil' if n == 1 else 'filer'}"


def kommuner(n: int) -> str:
    return f"{fmt_int(n)} {'kommun' if n == 1 else 'kommuner'}"


def _narrative_summary(narrative) -> str:
    parts = []
    for label, themes in (
        ("sammanfattning", narrative.summary),
        ("utvecklingsområden", narrative.development_areas),
    ):
        if themes:
            parts.append(f"{label}: {fmt_int(len(themes))} {'tema' if len(themes) == 1 else 'teman'}")
    if narrative.intro:
        parts.insert(0, "inledning")
    return "; ".join(parts)


def _codebook_warnings(year: int, codebook: Codebook, entry: FileReport) -> None:
    """Questions kept from the previous year whose scale, text or type changed: they are not
    compared from one year to the next."""
    from metabok.meta import matching

    before = matching.previous_year(year)
    previous = _codebook(before) if before is not None else None
    if previous is None:
        return
    for match in matching.match_questions(codebook, previous):
        if match.change == matching.CHANGED_OPTIONS:
            entry.warnings.append(
                f"frågan {match.question.id!r} har andra svarsalternativ än {before} "
                f"(samma fråga {match.previous.id!r}); den jämförs inte mellan åren"
            )
        elif match.change is not None:
            entry.warnings.append(
                f"frågan {match.question.id!r}: {match.change} sedan {before}; den jämförs inte mellan åren"
            )


def _answer_warnings(
    codebook: Codebook, by_file: dict[Path, _FileAnswers], group: GroupReport, svar_entry: FileReport
) -> None:
    """Low response per län, kommuner missing from every file, and questions nobody answered.
    A län's warnings go under the file holding its kommuner (under svar/ when several do)."""
    answered: set[str] = set().union(*(a.municipalities for a in by_file.values()))
    for county in geography.county_codes():
        name = geography.county_name(county)
        everyone = geography.municipalities_in(county)["kommunkod"].tolist()
        present = [c for c in everyone if c in answered]
        missing = sorted(geography.municipality_name(c) for c in everyone if c not in answered)
        holders = [
            p for p, a in by_file.items() if any(geography.county_of(c) == county for c in a.municipalities)
        ]
        where = group.file(holders[0]) if len(holders) == 1 else svar_entry
        if not present:
            where.warnings.append(f"ingen kommun i {name} finns i någon svarsfil")
            continue
        rate = len(present) / len(everyone)
        if len(holders) == 1 and len(by_file[holders[0]].municipalities) == len(present):
            where.read = (
                f"{fmt_int(len(present))} av {fmt_int(len(everyone))} kommuner i {name} ({_percent(rate)})"
            )
        if rate < config.LOW_RESPONSE_RATE:
            where.warnings.append(
                f"svarsfrekvensen i {name}, {_percent(rate)}, är under gränsen "
                f"{_percent(config.LOW_RESPONSE_RATE)}: kapitlet skriver att inga valida slutsatser kan dras"
            )
        if missing:
            where.warnings.append(
                f"kommuner i {name} som inte finns i någon svarsfil: {join_swedish(missing)}"
            )
    columns = set().union(*(a.answered_columns for a in by_file.values()))
    for question in codebook.questions:
        if not any(c in columns for c in question.columns()):
            svar_entry.warnings.append(
                f"ingen kommun har besvarat frågan {question.id!r} ({question.text!r}): kolumnen är tom "
                "i alla svarsfiler"
            )


def reception_report() -> GroupReport:
    """The real reception and population data: what each loader read, and its problems."""
    group = GroupReport("Mottagande, befolkning och kartor (offentliga data i raw/)")
    for check in registry.checks():
        entry = FileReport(None, check.label)
        group.files.append(entry)
        try:
            loaded = check.load()
        except InputError as error:
            entry.errors.append(error)
            continue
        if isinstance(loaded, dict) and "features" in loaded:
            entry.read = f"{fmt_int(len(loaded['features']))} områden"
        elif hasattr(loaded, "__len__"):
            entry.read = f"{fmt_int(len(loaded))} rader"
    from metabok.sources import migrationsverket

    years = migrationsverket.reception_years()
    entry = FileReport(None, "Mottagandeår (mappar migrationsverket-<år> i raw/)")
    entry.read = ", ".join(map(str, years)) if years else "inga"
    entry.errors.extend(registry.year_problems())
    group.files.append(entry)
    return group


def validation_report() -> ValidationReport:
    """Every input of every year checked; nothing is built and nothing stops early."""
    report = ValidationReport()
    structure = structure_problems()
    if structure:
        group = GroupReport(
            "Mappar och kommunlistor (kontrolleras först; inget annat läses förrän de är rättade)"
        )
        for error in structure:
            _place(group, error, group.file(config.DATA_DIR, display_path(config.DATA_DIR) + "/"))
        group.files = [entry for entry in group.files if entry.errors]
        report.groups.append(group)
        return report
    for year in site.survey_years():
        report.groups.append(survey_report(year))
    report.groups.append(reception_report())
    publication = GroupReport("Utgivning (utgivare, kontakt och datum i varje kapitel)")
    entry = publication.file(config.PUBLICATION_FILE, display_path(config.PUBLICATION_FILE))
    entry.errors.extend(provenance.publication_problems())
    if not entry.errors:
        entry.read = "utgivare, kontakt och publiceringsdatum"
    report.groups.append(publication)
    return report
