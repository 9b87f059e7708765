"""Live numbers in the län's own text: placeholders in berattelse/<länskod>.md, filled from the answers.

The syntax (documented in data/README.md, "Siffror i texten"):

    {svarande}                         kommuner in the area that answered the survey
    {kommuner}                         kommuner in the area
    {svarsfrekvens}                    {svarande} as a share of {kommuner}: '73 procent'
    {svarande: fråga}                  kommuner that answered the question
    {svarsfrekvens: fråga}             {svarande: fråga} as a share of {kommuner}
    {antal: fråga = alternativ}        kommuner giving that answer; conditions joined by ';' count
                                       each kommun once (kommuner meeting any of them)
    {andel: fråga = alternativ}        {antal: …} as a share of {svarande: fråga} (of the first question)
    {{ and }}                          literal braces

`alternativ` is an answer option's label (case and extra spaces do not matter), `grupp:<grupp>`
for a group of a scale, or for a flerval question an option's label or `kod`. A count may end in
`| ord` (small numbers in words: 'två') or `| Ord` (the same, capitalised, at the start of a sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from metabok.errors import InputError
from metabok.formatting import fmt_int, number_word
from metabok.survey.codebook import Codebook, Question, normalise_text, suggestion

COUNT_KINDS = ("svarande", "kommuner", "antal")
SHARE_KINDS = ("svarsfrekvens", "andel")
KINDS = (*COUNT_KINDS, *SHARE_KINDS)
FORMATS = ("ord", "Ord")
GROUP_PREFIX = "grupp:"
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
_SYNTAX = (
    "Skriv till exempel {antal: fråga_id = alternativ}, {svarande} eller {andel: fråga_id = alternativ}."
)


@dataclass(frozen=True)
class Condition:
    question: Question
    columns: tuple[str, ...]  # answer columns that must hold one of `values`
    values: tuple[object, ...]  # labels (ja_nej/skala) or 1 (flerval)


@dataclass(frozen=True)
class Placeholder:
    kind: str
    conditions: tuple[Condition, ...] = ()
    question: Question | None = None  # for {svarande: fråga} and {svarsfrekvens: fråga}
    form: str | None = None  # 'ord' or 'Ord'


class PlaceholderError(ValueError):
    """A malformed placeholder or one naming an unknown question or option (message in Swedish)."""


def _question(codebook: Codebook, question_id: str) -> Question:
    ids = [q.id for q in codebook.questions]
    if question_id not in ids:
        raise PlaceholderError(
            f"okänd fråga {question_id!r}: den finns inte i kodboken.{suggestion(question_id, ids)}"
        )
    return codebook.question(question_id)


def _condition(codebook: Codebook, text: str) -> Condition:
    question_id, equals, option = (part.strip() for part in text.partition("="))
    if not equals or not question_id or not option:
        raise PlaceholderError(f"villkoret {text.strip()!r} ska skrivas fråga_id = alternativ")
    question = _question(codebook, question_id)
    wanted = normalise_text(option)
    if question.type == "flerval":
        for choice in question.options:
            if wanted in (normalise_text(choice.label), choice.code.casefold()):
                return Condition(question, (f"{question.id}_{choice.code}",), (1,))
        labels = [o.label for o in question.options]
    elif question.scale is not None:
        if wanted.startswith(GROUP_PREFIX):
            group = wanted.removeprefix(GROUP_PREFIX).strip()
            members = tuple(
                o.label for o in question.scale.options if o.group and o.group.casefold() == group
            )
            if members:
                return Condition(question, (question.id,), members)
            groups = sorted({o.group for o in question.scale.options if o.group})
            raise PlaceholderError(
                f"frågan {question.id!r} har ingen grupp {group!r}"
                + (f"; grupperna är {', '.join(groups)}" if groups else "")
            )
        for choice in question.scale.options:
            if wanted == normalise_text(choice.label):
                return Condition(question, (question.id,), (choice.label,))
        labels = [o.label for o in question.scale.options]
    else:
        raise PlaceholderError(
            f"frågan {question.id!r} har typ {question.type}: bara ja_nej, skala och flerval "
            "kan räknas per svar"
        )
    raise PlaceholderError(
        f"frågan {question.id!r} har inget alternativ {option!r}.{suggestion(option, labels)} "
        f"Alternativen är: {', '.join(labels)}."
    )


def parse_placeholder(text: str, codebook: Codebook) -> Placeholder:
    """The placeholder written between the braces, checked against the codebook."""
    body, bar, form = text.partition("|")
    form = form.strip() if bar else None
    kind, colon, argument = (part.strip() for part in body.partition(":"))
    if kind not in KINDS:
        raise PlaceholderError(
            f"okänd platshållare {{{text.strip()}}}.{suggestion(kind, list(KINDS))} "
            f"Tillåtna: {', '.join(KINDS)}. {_SYNTAX}"
        )
    if form is not None and (form not in FORMATS or kind in SHARE_KINDS):
        raise PlaceholderError(
            f"{{{text.strip()}}}: efter | kan bara 'ord' eller 'Ord' stå, och bara efter ett antal"
        )
    if kind == "kommuner" or (kind in ("svarande", "svarsfrekvens") and not colon):
        if colon:
            raise PlaceholderError(f"{{{text.strip()}}}: {kind} tar ingen fråga")
        return Placeholder(kind, form=form)
    if not argument:
        raise PlaceholderError(f"{{{text.strip()}}}: frågan saknas efter kolon. {_SYNTAX}")
    if kind in ("svarande", "svarsfrekvens"):
        if "=" in argument:
            raise PlaceholderError(f"{{{text.strip()}}}: {kind} tar bara en fråga, inget alternativ")
        return Placeholder(kind, question=_question(codebook, argument), form=form)
    conditions = tuple(_condition(codebook, part) for part in argument.split(";"))
    return Placeholder(kind, conditions, form=form)


def _count(placeholder: Placeholder, answers: pd.DataFrame, kommuner: int) -> tuple[int, int | None]:
    """(count, denominator for a share)."""
    kind = placeholder.kind
    if kind == "kommuner":
        return kommuner, None
    if kind in ("svarande", "svarsfrekvens") and placeholder.question is None:
        return len(answers), kommuner
    if placeholder.question is not None:
        return int(answers[placeholder.question.columns()].notna().any(axis=1).sum()), kommuner
    chosen = pd.Series(False, index=answers.index)
    for condition in placeholder.conditions:
        for column in condition.columns:
            chosen |= answers[column].isin(condition.values).fillna(False).astype(bool)
    first = placeholder.conditions[0].question
    answered = int(answers[first.columns()].notna().any(axis=1).sum())
    return int(chosen.sum()), answered


def render(placeholder: Placeholder, answers: pd.DataFrame, kommuner: int) -> str:
    """The placeholder's value as running text: '18', 'två', '73 procent'."""
    count, total = _count(placeholder, answers, kommuner)
    if placeholder.kind in SHARE_KINDS:
        if not total:
            return "uppgift saknas"
        return f"{fmt_int(count / total * 100)} procent"
    if placeholder.form is not None:
        word = number_word(count)
        return word[:1].upper() + word[1:] if placeholder.form == "Ord" else word
    return fmt_int(count)


def _line_error(path: Path, number: int, message: str) -> InputError:
    return InputError(message, file=path, row=number)


def check_line(line: str, number: int, path: Path, codebook: Codebook) -> list[InputError]:
    """Every problem with the placeholders of one line of a narrative file."""
    problems = []
    for match in _TOKEN.finditer(line):
        token, body = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            continue
        if body is None:
            message = (
                f"ensam klammer {token!r}: en platshållare står inom {{ }} på en rad; "
                f"skriv {{{{ eller }}}} för en klammer i texten. {_SYNTAX}"
            )
            problems.append(_line_error(path, number, message))
            continue
        try:
            parse_placeholder(body, codebook)
        except PlaceholderError as error:
            problems.append(_line_error(path, number, f"platshållaren {token}: {error}"))
    return problems


def fill_line(
    line: str, number: int, path: Path, codebook: Codebook, answers: pd.DataFrame, kommuner: int
) -> str:
    """The line with every placeholder replaced by its value; a problem raises InputError."""
    problems = check_line(line, number, path, codebook)
    if problems:
        raise problems[0]

    def value(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return render(parse_placeholder(match.group(1), codebook), answers, kommuner)

    return _TOKEN.sub(value, line)
