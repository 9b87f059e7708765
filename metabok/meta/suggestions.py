"""Data-driven suggestions of development areas (utvecklingsområden) for a län or riket.

Shown when the län has not written its own development areas. They are worded as suggestions
drawn from the answers ("Förslag utifrån svaren: …"), never as the county board's judgement.

An answer signals a problem when it lies on the negative side of its scale as the codebook's
groups mark it ('ganska eller mycket dåligt', 'till viss eller stor del' of a problem scale,
'ett hinder i någon utsträckning'), or is a separate last group such as 'Ingen samverkan'.
A two-option scale (Ja/Nej, Tillräcklig/Inte tillräcklig) counts its second option. Scales
with more options and no group at either end give no direction and are not used. In a flerval
question whose text speaks of hinder, problem or svårigheter every option is a problem.

A finding is made when at least MIN_KOMMUNER kommuner give such an answer and they are at least
PROBLEM_SHARE of those that answered the question, or ABOVE_NATIONAL more than in riket.
Findings are gathered per delavsnitt (else avsnitt), ranked by their largest share (then
codebook order), and at most MAX_SUGGESTIONS suggestions are made, the response rate first
when it is low. The texts are plain text (not Markdown).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from metabok import config
from metabok.formatting import fmt_int, join_swedish
from metabok.meta.items import (
    Counts,
    Matrix,
    categories,
    counts,
    report_items,
    scale_parts,
    typical_item_response,
)
from metabok.meta.wording import in_running_text, percent_text, short_name, statement_style
from metabok.survey import aggregate
from metabok.survey.codebook import Codebook, Option, Question
from metabok.survey.responses import SurveyResponses

PROBLEM_SHARE = 0.5  # half or more of the kommuner that answered the question
ABOVE_NATIONAL = 0.2  # or 20 percentage points more than in riket
MIN_KOMMUNER = 3
MAX_SUGGESTIONS = 6
MAX_FINDINGS = 4  # findings quoted per suggestion
PROBLEM_WORDS = ("hinder", "hindr", "problem", "svårighet")  # hinder, hindren, hindrar …
INTRO = "Förslag utifrån svaren:"


@dataclass(frozen=True)
class ProblemAnswer:
    """Options that together signal a problem, and how they are written in running text."""

    text: str
    options: tuple[Option, ...]


def problem_answers(codebook: Codebook, question: Question) -> list[ProblemAnswer]:
    """The answers to a question that signal a problem (see the module docstring)."""
    if question.type == "flerval":
        if not any(word in question.text.casefold() for word in PROBLEM_WORDS):
            return []
        return [ProblemAnswer(in_running_text(o.label), (o,)) for o in question.options]
    if question.type not in ("ja_nej", "skala"):
        return []
    parts = scale_parts(question.options)
    scale_size = len(parts.positive) + len(parts.middle) + len(parts.negative)
    if not parts.by_groups and scale_size != 2:
        return []
    negative = categories(codebook, parts.negative)
    found = [ProblemAnswer(join_swedish([c.text for c in negative], "eller"), parts.negative)]
    if parts.by_groups:
        aside = tuple(o for o in parts.side if not o.neutral)
        found += [ProblemAnswer(c.text, c.options) for c in categories(codebook, aside)]
    return found


@dataclass(frozen=True)
class Finding:
    key: tuple[str, str | None]  # (avsnitt, delavsnitt)
    position: int  # the item's place in the codebook
    share: float
    text: str


def _finding_text(
    survey: SurveyResponses,
    county: str,
    question: Question,
    matrix: Matrix | None,
    answer: ProblemAnswer,
    local: Counts,
    national: Counts | None,
) -> str:
    n = local.of(answer.options)
    place = "i riket" if county == config.NATIONAL_CODE else "i länet"
    who = f"{fmt_int(n)} av {fmt_int(local.answered)} svarande kommuner {place}"
    if question.type == "flerval":
        what = f"anger {answer.text} på frågan ”{question.text}”"
    elif statement_style(survey.codebook, question):
        about = f"om {short_name(question)}" if matrix else f"”{question.text.removesuffix('.')}”"
        what = f"{answer.text} i påståendet {about}"
    elif matrix:
        what = f"svarar {answer.text} för {short_name(question)}"
    else:
        what = f"svarar {answer.text} på frågan ”{question.text}”"
    share = percent_text(local.share(n))
    if national is not None and national.answered:
        share += f", i riket {percent_text(national.share(national.of(answer.options)))}"
    return f"{who} {what} ({share})."


def _findings(survey: SurveyResponses, county: str) -> list[Finding]:
    findings = []
    position = 0
    for item in report_items(survey.codebook):
        matrix = item if isinstance(item, Matrix) else None
        for question in item.questions if isinstance(item, Matrix) else (item,):
            position += 1
            answers = problem_answers(survey.codebook, question)
            if not answers:
                continue
            local = counts(survey, county, question)
            if not local.answered:
                continue
            national = None
            if county != config.NATIONAL_CODE:
                national = counts(survey, config.NATIONAL_CODE, question)
            for answer in answers:
                n = local.of(answer.options)
                share = local.share(n)
                above = (
                    national is not None
                    and national.answered
                    and (share - national.share(national.of(answer.options)) >= ABOVE_NATIONAL)
                )
                if n >= MIN_KOMMUNER and (share >= PROBLEM_SHARE or above):
                    text = _finding_text(survey, county, question, matrix, answer, local, national)
                    findings.append(Finding((item.section, item.subsection), position, share, text))
    return findings


def _headings(codebook: Codebook) -> dict[tuple[str, str | None], str]:
    """The heading of each (avsnitt, delavsnitt): the delavsnitt, with its avsnitt when the same
    delavsnitt name occurs in several avsnitt."""
    names = Counter(sub for _, subs in codebook.sections() for sub in subs if sub)
    headings = {}
    for section, subsections in codebook.sections():
        for subsection in subsections:
            if subsection is None:
                headings[(section, subsection)] = section
            elif names[subsection] > 1:
                headings[(section, subsection)] = f"{section}: {subsection}"
            else:
                headings[(section, subsection)] = subsection
    return headings


def _response_suggestion(survey: SurveyResponses, county: str) -> tuple[str, str] | None:
    """A suggestion about the response rate when it is below config.LOW_RESPONSE_RATE."""
    respondents, total = aggregate.response_rate(survey, county)
    typical = typical_item_response(survey, county) if respondents else None
    rate = respondents / total
    typical_rate = typical / total if typical is not None else rate
    if min(rate, typical_rate) >= config.LOW_RESPONSE_RATE:
        return None
    whose = "landets" if county == config.NATIONAL_CODE else "länets"
    facts = (
        f"Enkäten besvarades av {fmt_int(respondents)} av {whose} {fmt_int(total)} kommuner "
        f"({percent_text(rate)})."
    )
    if typical_rate < rate:
        facts += f" I stora delar av enkäten var svarsfrekvensen {percent_text(typical_rate)}."
    return (
        "Svarsfrekvensen",
        f"{INTRO} Se över hur fler kommuner kan besvara enkäten. {facts} En hög svarsfrekvens behövs för "
        "att resultatet ska kunna användas som underlag för prioriteringar av insatser och i dialogen "
        "med kommunerna och andra berörda aktörer.",
    )


def suggested_development_areas(survey: SurveyResponses, county: str) -> list[tuple[str, str]]:
    """Suggested development areas as (heading, text), plain Swedish text, in a fixed order."""
    suggestions = []
    response = _response_suggestion(survey, county)
    if response:
        suggestions.append(response)
    by_key: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in _findings(survey, county):
        by_key.setdefault(finding.key, []).append(finding)
    ranked = sorted(
        by_key.items(),
        key=lambda pair: (-max(f.share for f in pair[1]), min(f.position for f in pair[1])),
    )
    headings = _headings(survey.codebook)
    many = "många kommuner i riket" if county == config.NATIONAL_CODE else "många av länets kommuner"
    for key, findings in ranked[: MAX_SUGGESTIONS - len(suggestions)]:
        quoted = sorted(findings, key=lambda f: (-f.share, f.position))[:MAX_FINDINGS]
        lead = f"{INTRO} Se över området ”{headings[key]}”, där {many} anger problem eller brister."
        text = " ".join([lead, *(f.text for f in quoted)])
        suggestions.append((headings[key], text))
    return suggestions
