"""Where a survey year's files are, stated once: data/enkat/<år>/ holds the codebook (kodbok.yml),
the answer files (svar/) and the län's own texts (berattelse/<länskod>.md). The data contract is
data/README.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from metabok import config
from metabok.build import observe

CODEBOOK_FILE = "kodbok.yml"
ANSWERS_DIR = "svar"
NARRATIVE_DIR = "berattelse"
YEAR_FOLDER = re.compile(r"[0-9]{4}", flags=re.ASCII)


@dataclass(frozen=True)
class SurveyYear:
    """The folder of one survey year and the paths in it."""

    folder: Path

    @classmethod
    def of(cls, year: int, survey_dir: Path | None = None) -> SurveyYear:
        """Year `year` under survey_dir (data/enkat unless given)."""
        return cls(Path(config.SURVEY_DIR if survey_dir is None else survey_dir) / str(year))

    @property
    def codebook(self) -> Path:
        return self.folder / CODEBOOK_FILE

    @property
    def answers(self) -> Path:
        return self.folder / ANSWERS_DIR

    @property
    def narratives(self) -> Path:
        return self.folder / NARRATIVE_DIR

    def narrative(self, county_code: str) -> Path:
        return self.narratives / f"{county_code}.md"

    def answer_files(self) -> list[Path]:
        """The files of svar/, without hidden files and Excel's lock files (~$…); none without svar/."""
        if not self.answers.is_dir():
            return []
        return sorted(p for p in self.answers.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def available_years(survey_dir: Path | None = None) -> list[int]:
    """The survey years: folders of survey_dir named by a year of four digits that hold a
    codebook (the folder is listed and each codebook probed, so a chapter that asked runs again
    when a year or a codebook appears)."""
    survey_dir = Path(config.SURVEY_DIR if survey_dir is None else survey_dir)
    if not survey_dir.is_dir():
        return []
    return sorted(
        int(p.name)
        for p in survey_dir.iterdir()
        if YEAR_FOLDER.fullmatch(p.name) and observe.is_file(SurveyYear(p).codebook)
    )
