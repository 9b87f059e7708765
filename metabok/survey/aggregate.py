"""Counts per län and for riket: how many kommuner gave each answer.

A kommun that left a question blank has not answered it (item non-response): it is left out of
both the count and `antal_svarande`, never counted as 'no'.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metabok import config
from metabok.formatting import sort_key
from metabok.sources import geography
from metabok.survey.codebook import Question, normalise_text
from metabok.survey.responses import SurveyResponses

TIDY_COLUMNS = [
    "ar",
    "lanskod",
    "lan",
    "fraga_id",
    "avsnitt",
    "fraga",
    "svarsalternativ",
    "antal",
    "antal_svarande",
]
SUM_LABEL = "Summa"
COMMENTS_LABEL = "Antal kommentarer"
GROUP_PREFIX = "grupp:"


def areas() -> list[str]:
    """'00' (riket) and the 21 länskoder."""
    return [config.NATIONAL_CODE, *geography.county_codes()]


def _frame(survey: SurveyResponses, county_code: str) -> pd.DataFrame:
    return survey.area_answers(county_code)


def _question_rows(survey: SurveyResponses, area: str, question: Question) -> list[tuple[str, int, int]]:
    """(svarsalternativ, antal, antal_svarande) for one question, in codebook order."""
    answered = survey.answered_count(area, tuple(question.columns()))
    if question.type in ("ja_nej", "skala", "flerval"):
        return [(label, n, answered) for label, n in option_counts(survey, area, question).items()]
    if question.type == "antal":
        return [(SUM_LABEL, int(_frame(survey, area)[question.id].sum()), answered)]
    return [(COMMENTS_LABEL, answered, answered)]


def tidy_results(survey: SurveyResponses) -> pd.DataFrame:
    """One row per area ('00' and the 21 län), question and answer option.

    `antal` is the number of kommuner giving the answer (antal questions: the sum, row 'Summa';
    fritext: the number of comments, row 'Antal kommentarer'); `antal_svarande` is the number
    of kommuner that answered the question."""
    rows = []
    for area in areas():
        name = geography.county_name(area)
        for question in survey.codebook.questions:
            for label, count_, answered_ in _question_rows(survey, area, question):
                rows.append(
                    (
                        survey.year,
                        area,
                        name,
                        question.id,
                        question.section,
                        question.text,
                        label,
                        count_,
                        answered_,
                    )
                )
    result = pd.DataFrame(rows, columns=TIDY_COLUMNS)
    return result.astype({"ar": "int64", "antal": "Int64", "antal_svarande": "Int64"})


def answered(survey: SurveyResponses, county_code: str, question_id: str) -> int:
    """The number of kommuner in the area that answered the question."""
    question = survey.codebook.question(question_id)
    return survey.answered_count(county_code, tuple(question.columns()))


def option_counts(survey: SurveyResponses, county_code: str, question: Question) -> dict[str, int]:
    """The number of kommuner in the area giving each option of a ja_nej, skala or flerval
    question, by option label in codebook order."""
    if question.type in ("ja_nej", "skala"):
        counts = survey.value_counts(county_code, question.id)
        return {o.label: counts.get(o.label, 0) for o in question.options}
    if question.type == "flerval":
        return {
            o.label: survey.value_counts(county_code, column).get(1, 0)
            for o, column in zip(question.options, question.columns(), strict=True)
        }
    raise ValueError(f"frågan {question.id!r} är av typen {question.type}; den har inga svarsalternativ")


def count(survey: SurveyResponses, county_code: str, question_id: str, answer: str) -> int:
    """The number of kommuner in the area giving `answer`: an option label, 'grupp:<grupp>' for
    a group of a scale (grupp:bra = Mycket bra + Ganska bra) or a flerval option label."""
    question = survey.codebook.question(question_id)
    if question.type in ("ja_nej", "skala"):
        counts = survey.value_counts(county_code, question.id)
        return sum(counts.get(label, 0) for label in _labels(question, answer))
    if question.type == "flerval":
        for option, column in zip(question.options, question.columns(), strict=True):
            if normalise_text(option.label) == normalise_text(answer):
                return survey.value_counts(county_code, column).get(1, 0)
        raise ValueError(f"frågan {question.id!r} har inget alternativ {answer!r}")
    raise ValueError(f"frågan {question.id!r} är av typen {question.type}; count gäller bara svarsalternativ")


def _labels(question: Question, answer: str) -> list[str]:
    """The option labels an answer stands for (several for a group)."""
    if answer.startswith(GROUP_PREFIX):
        group = answer.removeprefix(GROUP_PREFIX)
        labels = [o.label for o in question.options if o.group == group]
        if not labels:
            raise ValueError(f"skalan för frågan {question.id!r} har ingen grupp {group!r}")
        return labels
    for option in question.options:
        if normalise_text(option.label) == normalise_text(answer):
            return [option.label]
    raise ValueError(f"{answer!r} är inget svarsalternativ på frågan {question.id!r}")


def response_rate(survey: SurveyResponses, county_code: str) -> tuple[int, int]:
    """(kommuner that answered the survey, kommuner in the area)."""
    return len(survey.respondents(county_code)), len(geography.municipalities_in(county_code))


def free_texts(survey: SurveyResponses, county_code: str, question_id: str) -> list[tuple[str, str]]:
    """(kommun, text) for every answer to a fritext question, in Swedish alphabetical order."""
    question = survey.codebook.question(question_id)
    if question.type != "fritext":
        raise ValueError(f"frågan {question.id!r} är inte en fritextfråga")
    texts = _frame(survey, county_code)[question.id].dropna()
    pairs = [(geography.municipality_name(code), str(text)) for code, text in texts.items()]
    return sorted(pairs, key=lambda pair: sort_key(pair[0]))


@dataclass(frozen=True)
class NumberSummary:
    """Sum, mean and median of an antal question over the kommuner that answered it."""

    total: int
    mean: float | None
    median: float | None
    answered: int


def number_summary(survey: SurveyResponses, county_code: str, question_id: str) -> NumberSummary:
    question = survey.codebook.question(question_id)
    if question.type != "antal":
        raise ValueError(f"frågan {question.id!r} är inte en antalsfråga")
    values = _frame(survey, county_code)[question.id].dropna()
    if values.empty:
        return NumberSummary(0, None, None, 0)
    return NumberSummary(int(values.sum()), float(values.mean()), float(values.median()), len(values))
