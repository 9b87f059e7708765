"""Matching questions across survey years: which question of a year is the same question the year
before (same `id`, or the one named by `tidigare_id`), and whether the two can be compared (same type,
wording and answer options). Used by the year-over-year comparison and by validation."""

from __future__ import annotations

from dataclasses import dataclass

from metabok.build import site
from metabok.meta.items import headline_category
from metabok.survey.codebook import Codebook, Question, normalise_text

# Why a question is not compared with the previous year (shown on the page as the reason).
CHANGED_TYPE = "frågetypen har ändrats"
CHANGED_TEXT = "formuleringen har ändrats"
CHANGED_OPTIONS = "svarsalternativen har ändrats"


@dataclass(frozen=True)
class Match:
    """A question of this year and the same question in the previous year.

    `previous` is None for a question that is new this year; `change` is None when the two can
    be compared, else why not (CHANGED_TYPE, CHANGED_TEXT or CHANGED_OPTIONS)."""

    question: Question
    previous: Question | None
    change: str | None

    @property
    def comparable(self) -> bool:
        return self.previous is not None and self.change is None


def wording(codebook: Codebook, question: Question) -> str:
    """The words the kommun read: the matrix stem (if any) and the question text, normalised."""
    stem = codebook.matrices.get(question.matrix, "") if question.matrix else ""
    return normalise_text(f"{stem} | {question.text}")


def options_signature(codebook: Codebook, question: Question) -> tuple:
    """What the answers mean: the options in order (label, neutral) and, for a scale, which
    options form the headline category that the comparison counts."""
    options = tuple((normalise_text(o.label), o.neutral) for o in question.options)
    if question.type == "flerval":
        return tuple((o.code, normalise_text(o.label)) for o in question.options)
    if question.type in ("ja_nej", "skala"):
        headline = headline_category(codebook, question.options)
        return options, tuple(normalise_text(o.label) for o in headline.options)
    return options


def difference(current: Codebook, question: Question, previous: Codebook, earlier: Question) -> str | None:
    """Why `question` cannot be compared with `earlier` (the same question a year before), or None."""
    if question.type != earlier.type:
        return CHANGED_TYPE
    if wording(current, question) != wording(previous, earlier):
        return CHANGED_TEXT
    if options_signature(current, question) != options_signature(previous, earlier):
        return CHANGED_OPTIONS
    return None


def match_questions(current: Codebook, previous: Codebook) -> list[Match]:
    """Every question of `current` (codebook order) with its counterpart in `previous`: the
    question named by `tidigare_id`, else the question with the same id."""
    earlier = {q.id: q for q in previous.questions}
    result = []
    for question in current.questions:
        found = earlier.get(question.previous_id or question.id)
        change = difference(current, question, previous, found) if found is not None else None
        result.append(Match(question, found, change))
    return result


def mapping_problems(current: Codebook, previous: Codebook | None) -> list[tuple[Question, str]]:
    """`tidigare_id` values that cannot be followed: (question, Swedish message)."""
    problems = []
    claimed: dict[str, str] = {}
    for question in current.questions:
        target = question.previous_id
        if target is None:
            continue
        if previous is None:
            problems.append(
                (
                    question,
                    f"frågan {question.id!r} har tidigare_id {target!r}, men det finns inget tidigare "
                    "enkätår i data/enkat att jämföra med; ta bort tidigare_id",
                )
            )
            continue
        if target not in {q.id for q in previous.questions}:
            problems.append(
                (
                    question,
                    f"frågan {question.id!r} har tidigare_id {target!r}, men kodboken för "
                    f"{previous.year} har ingen fråga med det id:t",
                )
            )
        elif target in claimed:
            problems.append(
                (
                    question,
                    f"frågan {question.id!r} och frågan {claimed[target]!r} har båda tidigare_id "
                    f"{target!r}; en fråga från {previous.year} kan bara följas av en fråga",
                )
            )
        else:
            claimed[target] = question.id
    return problems


def previous_year(year: int) -> int | None:
    """The latest survey year in data/enkat before `year`, or None."""
    earlier = [y for y in site.survey_years() if y < year]
    return max(earlier) if earlier else None
