"""Year over year: which questions of a survey year can be compared with earlier survey years,
and how the answers changed.

Codebook-driven: a question is the same question as in the previous survey year when it has
the same `id` there, or names that id with `tidigare_id`. It is compared only when its type,
wording (the matrix's stem and the question's text) and answer options (labels, their order,
which are neutral and which form the reported group) are unchanged; otherwise the page says
that it changed. Shares are of the kommuner that answered the question in each year.

Compared: ja_nej and skala questions (the share in the headline category: the codebook's first
group, else the first option) and every option of a flerval question. antal and fritext
questions are matched but not compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import altair as alt
import pandas as pd

from metabok import config
from metabok.formatting import fmt_int, join_swedish, round_half_up
from metabok.meta.items import counts, headline_category
from metabok.meta.matching import Match, match_questions, previous_year
from metabok.meta.wording import (
    answer_verb,
    in_running_text,
    md,
    percent_text,
    quoted,
    short_name,
    statement_style,
)
from metabok.survey.codebook import Codebook, Question, load_codebook
from metabok.survey.paths import SurveyYear
from metabok.survey.responses import SurveyResponses, load_survey

COMPARED_TYPES = ("ja_nej", "skala", "flerval")
MOST_CHANGES_IN_TEXT = 5  # the largest changes are written out; the table has them all
YEAR_COLOURS = ["#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"]  # oldest lightest


# --- the years -----------------------------------------------------------------------------------


@cache
def survey(year: int) -> SurveyResponses:
    """A survey year's answers (read once per process)."""
    return load_survey(year)


@cache
def codebook(year: int) -> Codebook:
    """A survey year's codebook (read once per process)."""
    return load_codebook(SurveyYear.of(year).codebook)


@dataclass
class Measure:
    """One compared number: the share of kommuner giving `category` to a question."""

    question: Question  # this year's question
    label: str  # the row label in the table and chart
    sentence_lead: str  # 'Andelen kommuner i länet som svarar ja på frågan ”…”' (Markdown)
    labels_by_year: dict[int, tuple[str, ...]]  # the option labels counted, per year
    question_by_year: dict[int, Question]


@dataclass
class Comparison:
    """Year over year for one survey year and area."""

    year: int
    county: str
    previous_year: int | None
    previous_name: str | None
    matches: list[Match]
    years: list[int]  # every year in a comparable series, oldest first
    measures: list[Measure]
    shares: dict[tuple[int, int], float | None]  # (measure index, year) -> share; None: not answered

    @property
    def comparable(self) -> list[Match]:
        return [m for m in self.matches if m.comparable]

    @property
    def changed(self) -> list[Match]:
        return [m for m in self.matches if m.previous is not None and m.change is not None]

    @property
    def new(self) -> list[Match]:
        return [m for m in self.matches if m.previous is None]

    def share(self, index: int, year: int) -> float | None:
        return self.shares.get((index, year))


def _chain(year: int, question: Question) -> dict[int, Question]:
    """The question in this and every earlier year where it is comparable without a break."""
    chain = {year: question}
    current_year, current = year, question
    while (before := previous_year(current_year)) is not None:
        match = next(
            m
            for m in match_questions(codebook(current_year), codebook(before))
            if m.question.id == current.id
        )
        if not match.comparable:
            break
        current_year, current = before, match.previous
        chain[current_year] = current
    return chain


def _where(county: str) -> str:
    return "i riket" if county == config.NATIONAL_CODE else "i länet"


def _measures(book: Codebook, question: Question, chain: dict[int, Question], county: str) -> list[Measure]:
    where = _where(county)
    statement = statement_style(book, question)
    if question.matrix and not statement:
        asked = f"på frågan {quoted(book.matrices[question.matrix])} för {md(short_name(question))}"
    else:
        asked = f"{'i påståendet' if statement else 'på frågan'} {quoted(question.text)}"
    if question.type == "flerval":
        result = []
        for option in question.options:
            labels = {y: tuple(o.label for o in q.options if o.code == option.code) for y, q in chain.items()}
            result.append(
                Measure(
                    question,
                    f"{short_name(question)}: {in_running_text(option.label)}",
                    f"Andelen kommuner {where} som anger {quoted(in_running_text(option.label))} {asked}",
                    labels,
                    chain,
                )
            )
        return result
    category = headline_category(book, question.options)
    lead = f"Andelen kommuner {where} som {md(answer_verb(book, question, category.text))} {asked}"
    labels = {}
    for y, q in chain.items():
        that_year = book if y == book.year else codebook(y)
        labels[y] = tuple(o.label for o in headline_category(that_year, q.options).options)
    label = short_name(question)
    if category.text and not statement_style(book, question):
        label = f"{label} ({category.text})"
    return [Measure(question, label, lead, labels, chain)]


def compare(year: int, county: str, current: SurveyResponses | None = None) -> Comparison:
    """The comparison of a survey year (`current`, when already read) with the earlier years,
    for an area ('00' = riket). Earlier years' answers are read only when a question compares."""
    this = current if current is not None else survey(year)
    before = previous_year(year)
    if before is None:
        return Comparison(year, county, None, None, [], [year], [], {})
    previous = codebook(before)
    matches = match_questions(this.codebook, previous)
    measures: list[Measure] = []
    for match in matches:
        if match.comparable and match.question.type in COMPARED_TYPES:
            chain = _chain(year, match.question)
            measures += _measures(this.codebook, match.question, chain, county)
    years = sorted({y for m in measures for y in m.question_by_year})
    shares: dict[tuple[int, int], float | None] = {}
    for index, measure in enumerate(measures):
        for y, question in measure.question_by_year.items():
            found = counts(this if y == year else survey(y), county, question)
            chosen = [o for o in question.options if o.label in measure.labels_by_year[y]]
            shares[(index, y)] = found.share(found.of(tuple(chosen)))
    name = previous.survey_name
    return Comparison(year, county, before, name, matches, years or [before, year], measures, shares)


# --- text, table and chart -----------------------------------------------------------------------


def whole_percent(share: float) -> int:
    """A share in whole per cent, halves rounded up as in the text: 0.125 -> 13."""
    return int(round_half_up(share * 100, 0))


def change_sentence(comparison: Comparison, index: int) -> str | None:
    """'Andelen kommuner i länet som svarar ja på frågan ”…” har ökat från 40 procent 2021 till
    55 procent 2022.' None when either year has no answers."""
    measure = comparison.measures[index]
    old, new = comparison.share(index, comparison.previous_year), comparison.share(index, comparison.year)
    if old is None or new is None:
        return None
    before, now = comparison.previous_year, comparison.year
    if whole_percent(old) == whole_percent(new):
        return f"{measure.sentence_lead} är densamma som {before}, {percent_text(new)}."
    verb = "ökat" if new > old else "minskat"
    return (
        f"{measure.sentence_lead} har {verb} från {percent_text(old)} {before} "
        f"till {percent_text(new)} {now}."
    )


def largest_changes(comparison: Comparison, limit: int = MOST_CHANGES_IN_TEXT) -> list[int]:
    """The measures with the largest change since the previous year (rounded per cent, ties in
    codebook order), leaving out measures without a change or without answers."""
    found = []
    for index in range(len(comparison.measures)):
        old = comparison.share(index, comparison.previous_year)
        new = comparison.share(index, comparison.year)
        if old is None or new is None or whole_percent(old) == whole_percent(new):
            continue
        found.append((-abs(whole_percent(new) - whole_percent(old)), index))
    return [index for _, index in sorted(found)[:limit]]


def _percent(share: float | None) -> float:
    return float("nan") if share is None else round_half_up(100 * share, 1)


def comparison_table(comparison: Comparison) -> pd.DataFrame:
    """One row per compared measure: Fråga, the share per year (%), and the change since the
    previous year in percentage points."""
    rows = []
    for index, measure in enumerate(comparison.measures):
        row: dict[str, object] = {"Fråga": measure.label}
        for y in comparison.years:
            row[f"{y} (%)"] = _percent(comparison.share(index, y))
        old = comparison.share(index, comparison.previous_year)
        new = comparison.share(index, comparison.year)
        row[f"Förändring sedan {comparison.previous_year} (procentenheter)"] = (
            float("nan") if old is None or new is None else round_half_up(100 * (new - old), 1)
        )
        rows.append(row)
    return pd.DataFrame(rows)


def comparison_chart(comparison: Comparison) -> alt.LayerChart:
    """A dot plot: one row per measure, a dot per year (darker = later) on a line from the
    lowest to the highest share, so that the direction and size of each change show."""
    from metabok.sources import geography

    rows, spans = [], []
    for index, measure in enumerate(comparison.measures):
        values = []
        for y in comparison.years:
            share = comparison.share(index, y)
            if share is not None:
                rows.append({"fraga": measure.label, "ar": str(y), "andel": share})
                values.append(share)
        if len(values) > 1:
            spans.append({"fraga": measure.label, "lag": min(values), "hog": max(values)})
    order = [m.label for m in comparison.measures]
    years = [str(y) for y in comparison.years]
    colours = YEAR_COLOURS[-len(years) :] if len(years) <= len(YEAR_COLOURS) else None
    y_axis = alt.Y("fraga:N", sort=order, title=None, axis=alt.Axis(labelLimit=360))
    x_scale = alt.Scale(domain=[0, 1])
    line = (
        alt.Chart(pd.DataFrame(spans, columns=["fraga", "lag", "hog"]))
        .mark_rule(color="#737373", strokeWidth=2)
        .encode(y=y_axis, x=alt.X("lag:Q", scale=x_scale), x2="hog:Q")
    )
    dots = (
        alt.Chart(pd.DataFrame(rows, columns=["fraga", "ar", "andel"]))
        .mark_circle(size=90, opacity=1)
        .encode(
            y=y_axis,
            x=alt.X(
                "andel:Q", title="Andel kommuner", scale=x_scale, axis=alt.Axis(format=".0%", tickCount=5)
            ),
            color=alt.Color(
                "ar:O",
                title="År",
                scale=alt.Scale(domain=years, range=colours) if colours else alt.Undefined,
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("fraga:N", title="Fråga"),
                alt.Tooltip("ar:O", title="År"),
                alt.Tooltip("andel:Q", title="Andel kommuner", format=".0%"),
            ],
        )
    )
    area = "riket" if comparison.county == config.NATIONAL_CODE else geography.county_name(comparison.county)
    description = (
        f"Punktdiagram: andel kommuner i {area} per fråga och år, {join_swedish(years)}, "
        f"för de {fmt_int(len(comparison.measures))} jämförbara svaren."
    )
    return alt.layer(line, dots).properties(width=380, height=alt.Step(18), description=description)


def intro_text(comparison: Comparison, survey_name: str) -> str:
    """The first paragraph of the section (Markdown)."""
    if comparison.previous_year is None:
        return (
            f"{md(survey_name)} är den första enkäten i boken. Det finns ingen tidigare "
            "enkät att jämföra med."
        )
    previous = md(comparison.previous_name or "")
    if str(comparison.previous_year) not in previous:
        previous += f" ({comparison.previous_year})"
    if not comparison.comparable:
        return f"Ingen fråga i {md(survey_name)} kan jämföras med föregående enkät, {previous}: " + (
            "enkäterna har olika frågor."
            if not comparison.changed
            else "de frågor som finns i båda enkäterna har ändrats."
        )
    compared = [m for m in comparison.comparable if m.question.type in COMPARED_TYPES]
    sentence = (
        f"{fmt_int(len(comparison.comparable))} av {fmt_int(len(comparison.matches))} frågor ställdes "
        f"likadant i föregående enkät, {previous}."
    )
    if len(compared) < len(comparison.comparable):
        sentence += " Frågor med fritextsvar eller antal jämförs inte."
    sentence += (
        " Andelarna räknas på de kommuner som besvarat frågan respektive år, och det kan vara olika "
        "kommuner olika år. I ett län med få kommuner motsvarar en skillnad på flera procentenheter "
        "ibland en enda kommun."
    )
    return sentence


def changes_text(comparison: Comparison) -> str:
    """The largest changes as a Markdown list, or a sentence when nothing changed."""
    if not comparison.measures:
        return ""
    largest = largest_changes(comparison)
    if not largest:
        return (
            f"Andelarna är desamma som {comparison.previous_year} för alla "
            f"{fmt_int(len(comparison.measures))} jämförda svar."
        )
    lines = [
        "De största förändringarna sedan föregående enkät:"
        if len(largest) > 1
        else "Förändringen sedan föregående enkät:",
        "",
    ]
    lines += [f"- {change_sentence(comparison, index)}" for index in largest]
    if len(comparison.measures) > len(largest):
        lines += ["", "Alla jämförda svar finns i tabellen och diagrammet nedan."]
    return "\n".join(lines)


def changed_questions_text(comparison: Comparison) -> str:
    """'Frågan ”…” har ändrats sedan 2021 och jämförs inte (formuleringen har ändrats).' per
    question, as a Markdown list; '' when none."""
    if not comparison.changed:
        return ""
    lines = [f"Frågor som har ändrats sedan {comparison.previous_year}:", ""]
    for match in comparison.changed:
        lines.append(
            f"- Frågan {quoted(match.question.text)} har ändrats sedan {comparison.previous_year} och "
            f"jämförs inte ({match.change})."
        )
    return "\n".join(lines)


def new_questions_text(comparison: Comparison) -> str:
    """How many questions are new this year (only when some questions were comparable)."""
    new = comparison.new
    if not new or not comparison.comparable:
        return ""
    count = fmt_int(len(new))
    what = "fråga är ny" if len(new) == 1 else "frågor är nya"
    return f"{count} {what} i {comparison.year} och saknar tidigare år att jämföra med."
