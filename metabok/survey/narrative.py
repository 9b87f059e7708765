"""The län's own texts (berattelse/<länskod>.md): summary and development areas.

The text is kept as plain text (lines as written, paragraphs separated by one blank line);
the renderer escapes it, so HTML or scripts in the file are never run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from metabok import config
from metabok.build import observe
from metabok.errors import InputError
from metabok.sources import geography
from metabok.survey.codebook import Codebook, Problems, normalise_text, suggestion
from metabok.survey.paths import SurveyYear
from metabok.survey.placeholders import check_line, fill_line
from metabok.text import nfc

SECTIONS = {"sammanfattning": "Sammanfattning", "utvecklingsområden": "Utvecklingsområden"}
_HEADING = re.compile(r"(#+)\s*(.*?)\s*#*\s*")
_THEME = re.compile(r"\*\*([^*]+)\*\*")


@dataclass
class Narrative:
    """Theme pairs (heading, text) per section, and any text before the first section."""

    summary: list[tuple[str, str]] = field(default_factory=list)
    development_areas: list[tuple[str, str]] = field(default_factory=list)
    intro: str | None = None


def _plain(lines: list[str]) -> str:
    """Lines as written, without trailing spaces and with at most one blank line in a row."""
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _Parser:
    def __init__(self, path: Path, problems: Problems):
        self.path = path
        self.problems = problems
        self.sections: dict[str, list[tuple[str, str]]] = {}
        self.section: str | None = None
        self.theme: tuple[str, int] | None = None  # heading and its line
        self.lines: list[str] = []
        self.intro: list[str] = []
        self.text_without_theme = False

    def error(self, message: str, line: int) -> None:
        self.problems.add(InputError(message, file=self.path, row=line))

    def parse(self, text: str) -> Narrative:
        # Only '\n' ends a line, as in a text editor (str.splitlines also breaks at U+2028,
        # form feed and others, which would put the line numbers of messages out of step).
        for number, line in enumerate(nfc(text).split("\n"), start=1):
            self.line(line.removesuffix("\r"), number)
        self.flush()
        return Narrative(
            self.sections.get("sammanfattning", []),
            self.sections.get("utvecklingsområden", []),
            _plain(self.intro) or None,
        )

    def line(self, line: str, number: int) -> None:
        stripped = line.strip()
        heading = _HEADING.fullmatch(stripped) if stripped.startswith("#") else None
        theme = _THEME.fullmatch(stripped) if self.section else None
        if heading:
            self.heading(heading.group(1), heading.group(2), number)
        elif theme:
            self.flush()
            title = re.sub(r"\s+", " ", theme.group(1)).strip()
            if not title:
                self.error("den feta rubriken är tom", number)
            self.theme = (title, number)
        elif self.section is None:
            self.intro.append(line)
        elif self.theme is not None:
            self.lines.append(line)
        elif stripped and not self.text_without_theme:
            self.text_without_theme = True
            self.error(
                f"texten under '## {SECTIONS[self.section]}' ska börja med ett tema: en fet rubrik "
                "på egen rad, till exempel **Bosättning**",
                number,
            )

    def heading(self, hashes: str, title: str, number: int) -> None:
        self.flush()
        key = normalise_text(title)
        if len(hashes) != 2 or key not in SECTIONS:
            known = " och ".join(f"'## {s}'" for s in SECTIONS.values())
            self.error(
                f"okänd rubrik {hashes} {title!r}.{suggestion(title, list(SECTIONS.values()))} "
                f"Filen känner bara igen {known}; teman skrivs som fet rubrik, till exempel **Bosättning**.",
                number,
            )
            return
        if key in self.sections:
            self.error(f"avsnittet '## {SECTIONS[key]}' förekommer två gånger", number)
            return
        self.section = key
        self.sections[key] = []
        self.text_without_theme = False

    def flush(self) -> None:
        """Close the current theme."""
        if self.theme is not None and self.section is not None:
            heading, line = self.theme
            text = _plain(self.lines)
            if not text:
                self.error(f"temat {heading!r} saknar text", line)
            elif heading:
                self.sections[self.section].append((heading, text))
        self.theme = None
        self.lines = []


def narrative_path(year: int, county_code: str, survey_dir: Path = config.SURVEY_DIR) -> Path:
    return SurveyYear.of(year, survey_dir).narrative(county_code)


def _kommuner_in(county_code: str) -> int:
    return len(geography.municipalities_in(county_code))


def parse_narrative(
    path: Path, problems: Problems, codebook: Codebook | None = None, survey=None
) -> Narrative | None:
    """The narrative of a file, with every problem reported to `problems`.

    With a codebook, placeholders ({antal: …}, see survey/placeholders.py) are checked against
    it; with the year's SurveyResponses as well, they are replaced by their values for the
    file's area."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(
            InputError(
                "filen är inte sparad som UTF-8 (troligen Windows-1252/ANSI). Spara om den som UTF-8.",
                file=path,
                row=raw[: exc.start].count(b"\n") + 1,
            )
        )
        return None
    if codebook is not None:
        lines = text.splitlines()
        found = [e for number, line in enumerate(lines, 1) for e in check_line(line, number, path, codebook)]
        for error in found:
            problems.add(error)
        if found:
            return None
        if survey is not None:
            area = path.stem
            answers, kommuner = survey.area_answers(area), _kommuner_in(area)
            text = "\n".join(
                fill_line(line, number, path, codebook, answers, kommuner)
                for number, line in enumerate(lines, 1)
            )
    return _Parser(path, problems).parse(text)


def _known_area(county_code: str) -> bool:
    return county_code == config.NATIONAL_CODE or county_code in geography.county_codes()


def load_narrative(
    year: int, county_code: str, survey_dir: Path = config.SURVEY_DIR, survey=None
) -> Narrative | None:
    """The län's texts of a year ('00' = riket), or None when there is no file; with the year's
    SurveyResponses, placeholders are filled (a placeholder without them is an error)."""
    if not _known_area(county_code):
        raise KeyError(f"okänd länskod {county_code!r}")
    path = narrative_path(year, county_code, survey_dir)
    if not observe.is_file(path):  # recorded: a narrative added later makes the chapter run again
        return None
    codebook = survey.codebook if survey is not None else None
    return parse_narrative(path, Problems(strict=True), codebook, survey)


def check_narratives(year_dir: Path, problems: Problems, codebook: Codebook | None = None) -> None:
    """Report problems in every file of <year>/berattelse/, including misnamed files."""
    folder = SurveyYear(Path(year_dir)).narratives
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".md" or not _known_area(path.stem):
            problems.add(
                InputError(
                    "okänt filnamn: länets text ska heta <länskod>.md, till exempel 01.md för Stockholms län "
                    "(00.md för riket)",
                    file=path,
                )
            )
            continue
        parse_narrative(path, problems, codebook)
