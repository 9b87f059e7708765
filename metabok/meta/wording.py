"""Swedish wording of the survey chapters, shared by their text, charts and year-over-year
comparison: answer labels inside a sentence, quoted codebook text, counts and shares in words.
Codebook text that goes into Markdown is escaped here (`md`)."""

from __future__ import annotations

import re

from metabok.formatting import fmt_int, join_swedish
from metabok.survey.codebook import Codebook, Question
from metabok.text import escape_markdown

QUOTE = "\u201d"  # Swedish quotation mark, used on both sides: ”text”

# First words of labels that are names (agencies, associations) and keep their capital
# letter in running text: 'Migrationsverket', 'Arbetsförmedlingens etableringshandläggare'.
_NAME_ENDINGS = (
    "verket",
    "verkets",
    "kassan",
    "kassans",
    "förmedlingen",
    "förmedlingens",
    "styrelsen",
    "styrelsens",
    "myndigheten",
    "myndighetens",
    "inspektionen",
    "förbundet",
    "förbundets",
)


def md(text: str) -> str:
    """Text from data/ (codebook, reference files) inside a Markdown sentence, escaped."""
    return escape_markdown(text)


def in_running_text(label: str) -> str:
    """A label as written inside a sentence: 'Bostadsbrist' -> 'bostadsbrist'. The capital is
    kept for names ('Migrationsverket', 'Kommunförbundet Stockholms län') and abbreviations."""
    first = re.split(r"[\s/\-,.:;()]", label, maxsplit=1)[0]
    keep = (
        not first[:1].isupper()
        or any(c.isupper() for c in first[1:])
        or first.casefold().endswith(_NAME_ENDINGS)
    )
    return label if keep else label[0].lower() + label[1:]


def label_in_text(label: str) -> str:
    """An answer label inside a sentence: 'vet ej'; a label that is itself a clause
    ('Nej, endast kommunen och Arbetsförmedlingen') is quoted as the answer it is, so that it
    does not run into the sentence around it."""
    return f"{QUOTE}{label}{QUOTE}" if "," in label else in_running_text(label)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def kommuner_text(n: int) -> str:
    """'ingen kommun', '1 kommun', '19 kommuner'."""
    if n == 0:
        return "ingen kommun"
    return f"{fmt_int(n)} kommun" if n == 1 else f"{fmt_int(n)} kommuner"


def number_word(n: int) -> str:
    return "ingen" if n == 0 else fmt_int(n)


def percent_text(share: float) -> str:
    return f"{fmt_int(share * 100)} procent"


def quoted(text: str) -> str:
    """”text” for codebook text inside a sentence (a closing full stop is left out)."""
    return f"{QUOTE}{md(text.removesuffix('.'))}{QUOTE}"


def list_text(items: list[str]) -> str:
    """Join with commas and 'och'; semicolons when an item itself contains a comma."""
    if any("," in item for item in items) and len(items) > 2:
        return "; ".join(items[:-1]) + " och " + items[-1]
    return join_swedish(items)


def statement_style(codebook: Codebook, question: Question) -> bool:
    """True when the answer categories are verb phrases ('instämmer helt eller delvis'):
    skala questions of the lägesbild form."""
    return codebook.form == "lagesbild" and question.type == "skala"


def answer_verb(codebook: Codebook, question: Question, category: str) -> str:
    """'svarar ganska eller mycket bra' for a category's text, or the text itself when it is a
    verb phrase."""
    return category if statement_style(codebook, question) else f"svarar {category}"


def short_name(question: Question) -> str:
    """The question's name in lists and charts: `kort` as written, else its text."""
    return question.short or in_running_text(question.text)
