"""Synthetic example answers (exempeldata) for the survey years 2013 and 2021.

The kommuner's own survey answers are not public, so the book ships invented answers, labelled
as exempeldata in every file. They follow what is published:

- 2013: 264 of 290 kommuner answered (91 %). In Stockholms län exactly the 19 kommuner named by
  the compilation for the län answered, and every count that compilation publishes
  (data/referens/meta_2013_stockholm_publicerat.csv) is reproduced exactly: a small solver per
  question allocates the published counts and fills the rest from plausible tendencies. The other
  län draw from tendencies blended with Stockholm's answers.
- 2021: 269 of 290 kommuner answered (93 %); statements on the agreement scale, comments from a
  phrase bank of generic sentences, strengths and weaknesses.

Everything is drawn from random.Random with a fixed seed per year, and the xlsx files are written
byte for byte the same on every run.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import random
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from metabok import config
from metabok.export import stable_zip
from metabok.sources import geography
from metabok.survey import aggregate
from metabok.survey.codebook import Codebook, Option, Question, load_codebook
from metabok.survey.responses import (
    ABOUT_SHEET,
    ANSWER_SHEET,
    SYNTHETIC_STATUS,
    SurveyResponses,
    load_responses,
)

YEARS = (2013, 2021)
RESPONDENTS = {2013: 264, 2021: 269}
STOCKHOLM = "01"
REFERENCE_FILE = config.REFERENCE_DIR / "meta_2013_stockholm_publicerat.csv"
GROUP_PREFIX = aggregate.GROUP_PREFIX
ANSWERED = "svarande"  # reference rows that give the number who answered a question
SURVEY_ROW = "enkat"  # reference rows about the survey as a whole, not one question
MUNICIPALITY_PREFIX = "kommun:"

GENERATOR = "scripts/generate_example_data.py"
DESCRIPTION = f"Syntetiska exempeldata skapade av {GENERATOR} – inte verkliga svar"
FILE_TIMESTAMP = datetime(2000, 1, 1)

# A kommun written the way other sources write it, to exercise name matching ('Upplands-Väsby').
NAME_VARIANTS = {"0114": "Upplands-Väsby"}

# The one kommun (outside Stockholms län) whose 2021 comments carry test strings that must be
# shown as plain text and never run or computed (HTML/script, and a text starting like a formula;
# the answer files refuse cells starting with '=', so the formula test starts with '+').
INJECTION_MUNICIPALITY = "0380"  # Uppsala
INJECTION_TEXTS = {
    "bk_kommentar": 'Testtext: <script>alert("x")</script> och <img src=x onerror=alert(1)>',
    "styrkor": "+SUMMA(A1) – testtext som ser ut som en formel",
}

# How many of Stockholm's 19 respondents answered each part of META 2013 (key: matrix id or
# question id). The compilation: "I stora delar av enkäten är svarsfrekvensen för länet endast
# 62 procent", i.e. 16 of 26; the parts listed here have counts that need 17 or 19.
STOCKHOLM_2013_ANSWERED = {
    "overenskommelse_nyanlanda": 19,
    "overenskommelse_ensamkommande": 19,
    "mottagande_grupper": 19,
    "lokal_overenskommelse": 19,
    "samverkan_aktorer": 19,
    "samarbete_ideella": 19,
    "mottagande_ensamkommande": 17,
    "samverkan_ensamkommande": 17,
    "hinder_samverkan_ensamkommande": 17,
    "sfi_anordnare": 17,
    "sfi_former": 17,
    "regional_samverkan_ensamkommande": 17,
}
STOCKHOLM_2013_DEFAULT_ANSWERED = 16

# Follow-up questions: answered by exactly the kommuner that gave this answer to the filter question.
FOLLOW_UPS = {
    "lokal_overenskommelse_samordning": ("lokal_overenskommelse", "Ja"),
    "lokal_overenskommelse_aktorer": ("lokal_overenskommelse", "Ja"),
    "ideella_omraden": ("samarbete_ideella", "Ja"),
}

# Relative weight of each answer per scale: the plausible tendency used where nothing is published.
SCALE_WEIGHTS = {
    "ja_nej": {"Ja": 6, "Nej": 4},
    "fungerar": {
        "Mycket bra": 2,
        "Ganska bra": 4,
        "Ganska dåligt": 1.5,
        "Mycket dåligt": 0.5,
        "Ingen samverkan": 1.5,
        "Vet ej": 0.5,
    },
    "fungerat": {
        "Mycket bra": 2,
        "Ganska bra": 4,
        "Ganska dåligt": 1.5,
        "Mycket dåligt": 0.5,
        "Ej aktuellt": 1,
        "Vet ej": 0.5,
    },
    "uppfattning": {
        "Mycket bra": 1,
        "Ganska bra": 3,
        "Ganska dåligt": 2,
        "Mycket dåligt": 1,
        "Ingen uppfattning": 3,
    },
    "dialog": {
        "Mycket bra": 2,
        "Ganska bra": 4,
        "Ganska dåligt": 1.5,
        "Mycket dåligt": 0.5,
        "Ingen dialog": 1,
        "Ej aktuellt": 1,
        "Vet ej": 0.5,
    },
    "utstrackning": {
        "I stor utsträckning": 2,
        "I viss utsträckning": 4,
        "I liten utsträckning": 2,
        "Inte alls": 1,
        "Vet ej": 0.5,
    },
    "bidrag": {"I stor utsträckning": 2, "I viss utsträckning": 5, "Inte alls": 2, "Vet ej": 1},
    "fler_aktorer": {
        "Ja, flera ytterligare aktörer": 1,
        "Ja, en eller ett par ytterligare aktörer": 2,
        "Nej, endast kommunen och Arbetsförmedlingen": 6,
        "Vet ej": 1,
    },
    "tydlighet": {
        "Mycket tydlig": 3,
        "Ganska tydlig": 4,
        "Ganska otydlig": 2,
        "Mycket otydlig": 0.5,
        "Vet ej": 0.5,
    },
    "problem": {"Inte alls": 2, "Till liten del": 3, "Till viss del": 3, "Till stor del": 1.5, "Vet ej": 1},
    "latt_svart": {"Mycket lätt": 1.5, "Ganska lätt": 3.5, "Ganska svårt": 3, "Mycket svårt": 1, "Vet ej": 1},
    "hinder": {
        "Inget hinder alls": 2,
        "Ett visst hinder": 4,
        "Ett ganska stort hinder": 2.5,
        "Ett mycket stort hinder": 1,
        "Vet ej": 0.5,
    },
    "formell_samverkan": {
        "Ja, det finns en formell samverkan": 4,
        "Nej, men verksamheterna samverkar vid behov": 5,
        "Nej, verksamheterna samverkar inte": 1,
        "Vet ej": 0.5,
    },
    "tillracklig": {"Tillräcklig": 5, "Inte tillräcklig": 3, "Vet ej": 2},
    "ja_nej_vet_ej": {"Ja": 4, "Nej": 3, "Vet ej": 3},
    "stod": {
        "Ett stort stöd": 1,
        "Ett visst stöd": 4,
        "Inget stöd": 2,
        "Kommunen ingår inte i någon RÖK/strategi": 2,
        "Vet ej": 1,
    },
    "behov": {
        "Ett mycket stort behov": 1,
        "Ett ganska stort behov": 3,
        "Ett visst behov": 4,
        "Inget behov": 2,
        "Vet ej": 0.5,
    },
    "instammer": {
        "Instämmer helt": 3.5,
        "Instämmer delvis": 4,
        "Instämmer i liten utsträckning": 1.2,
        "Instämmer inte alls": 0.5,
        "Vet ej": 0.8,
    },
}


def _hinder(none: float, some: float, fair: float, great: float) -> dict[str, float]:
    return {
        "Inget hinder alls": none,
        "Ett visst hinder": some,
        "Ett ganska stort hinder": fair,
        "Ett mycket stort hinder": great,
        "Vet ej": 1,
    }


def _agree(full: float, partly: float, little: float, none: float, unknown: float) -> dict[str, float]:
    return {
        "Instämmer helt": full,
        "Instämmer delvis": partly,
        "Instämmer i liten utsträckning": little,
        "Instämmer inte alls": none,
        "Vet ej": unknown,
    }


# Tendencies of single questions, replacing the scale's weights. For 2013 they keep what the
# Stockholm compilation says without numbers: "De största hindren för samverkan uppges vara, i
# fallande ordning, …"; regional samverkan kring ensamkommande barn "främst kring" four areas, and
# the main benefits of Länsstyrelsens work. For 2021 they follow the national summary (harder to
# meet the needs of women without education; the §37 funds "har fungerat mycket väl"; "en klar
# majoritet" offers samhällsorientering well; "omkring hälften" does so with other kommuner).
QUESTION_WEIGHTS = {
    "hinder_nyanl_myndighetsroller": _hinder(1.5, 6, 5, 2.5),
    "hinder_nyanl_kommunikation": _hinder(2.5, 6, 4.5, 2),
    "hinder_nyanl_forstaelse": _hinder(3.5, 6, 4, 1.5),
    "hinder_nyanl_kunskap_egen": _hinder(4.5, 6, 3.5, 1),
    "hinder_nyanl_kunskap_andra": _hinder(4.5, 6, 3.5, 1),
    "hinder_nyanl_tidsbrist_egen": _hinder(5.5, 6, 2.5, 1),
    "hinder_nyanl_tidsbrist_andra": _hinder(7, 5, 2, 1),
    "hinder_nyanl_ekonomi": _hinder(7, 5, 2, 1),
    "hinder_nyanl_ansvar_kommun": _hinder(8.5, 4.5, 1.5, 0.5),
    "reg_ensam_samhallsorientering": {"Ja": 2, "Nej": 7, "Vet ej": 1},
    "reg_ensam_vuxenutbildning": {"Ja": 2, "Nej": 7, "Vet ej": 1},
    "reg_ensam_yrkesutbildning": {"Ja": 2, "Nej": 7, "Vet ej": 1},
    "lst_nytta_samverkan_mellan": {
        "I stor utsträckning": 1,
        "I viss utsträckning": 4,
        "Inte alls": 4,
        "Vet ej": 1,
    },
    "bk_kvinnor": _agree(1, 4, 3, 1, 1),
    "boende_anvisade": _agree(2, 4, 2.5, 1, 0.5),
    "boende_langsiktigt": _agree(1, 3.5, 3.5, 1.5, 0.5),
    "skola_studiehandledning": _agree(2, 4, 2.5, 0.7, 0.8),
    "ensam_beredskap": _agree(3, 4, 1.5, 0.5, 1),
    "tidiga_kvinnor_man": _agree(1.5, 4, 2.5, 0.7, 1.3),
    "medel_beredskap": _agree(5, 3.5, 0.7, 0.3, 1),
    "medel_samverkan": _agree(5, 3.5, 0.7, 0.3, 1),
    "medel_metoder": _agree(5.5, 3, 0.6, 0.3, 1),
    "so_formaga": _agree(6, 3, 0.5, 0.2, 0.3),
    "so_sprak": _agree(1.5, 3.5, 3, 1.5, 0.5),
    "so_samverkan": {"Ja": 5, "Nej": 5},
}

# Tendencies the compilation states for the whole country, used for the län outside Stockholm
# instead of Stockholm's answers: "i drygt hälften av de tecknade överenskommelserna uppges ingå
# fler aktörer än Arbetsförmedlingen".
NATIONAL_WEIGHTS = {
    "lokal_overenskommelse_aktorer": {
        "Ja, flera ytterligare aktörer": 2,
        "Ja, en eller ett par ytterligare aktörer": 3.5,
        "Nej, endast kommunen och Arbetsförmedlingen": 4,
        "Vet ej": 0.5,
    },
}

# Share of kommuner choosing a flerval option where nothing is published (default 0.4).
CHOICE_SHARES = {
    "samverkan_af_former": {
        "moten": 0.85,
        "trepartssamtal": 0.75,
        "insatser": 0.4,
        "kompetens": 0.3,
        "samlokalisering": 0.15,
    },
    "hinder_bosattning": {"hyror": 0.4, "framforhallning": 0.3},
    "sfi_anordnare": {"upphandlad": 0.3, "samverkan": 0.35, "folkbildning": 0.15},
}
DEFAULT_CHOICE_SHARE = 0.4
PRIOR_STRENGTH = 4  # pseudo-kommuner of the plain tendency blended with Stockholm's answers
MAX_ITEM_NONRESPONSE = 0.10  # other län: each kommun leaves up to 10 % of the parts blank

# Generic comments, never quotes from a real kommun (every page says Exempeldata).
PHRASES = {
    "bk_kommentar": [
        "Mottagandet har varit lågt under året och organisationen har anpassats efter det.",
        "En samordnare håller ihop arbetet mellan förvaltningarna.",
        "Det är svårt att behålla kompetens när mottagandet är litet.",
        "Beredskapen bygger till stor del på samverkan med grannkommunerna.",
        "Pandemin har gjort det svårare att nå ut till målgruppen.",
        "Kvinnor med kort utbildning behöver mer stöd än vad som i dag kan erbjudas.",
    ],
    "boende_kommentar": [
        "Bostadsbristen gör det svårt att ordna permanenta bostäder.",
        "Under etableringstiden används i huvudsak andrahandskontrakt.",
        "Många hushåll bor trångt, särskilt bland dem som ordnat eget boende.",
        "Det allmännyttiga bostadsbolaget är en viktig samarbetspart.",
        "Det saknas större lägenheter för stora familjer.",
        "Det är svårt att få ett förstahandskontrakt efter etableringstiden.",
    ],
    "skola_kommentar": [
        "Nyanlända elever får i regel plats i skolan inom en månad.",
        "Det är svårt att rekrytera studiehandledare på vissa språk.",
        "Sfi kan kombineras med yrkesutbildning inom vård och omsorg.",
        "Studiehandledning på mindre vanliga språk ges på distans.",
        "Kartläggningen av elevernas kunskaper fungerar väl.",
    ],
    "soc_kommentar": [
        "Socialtjänsten har gått utbildningar om hedersrelaterat våld och förtryck.",
        "Samverkan med Arbetsförmedlingen har blivit svårare efter myndighetens omorganisation.",
        "Det är svårt att få tag på tolkar på rätt språk.",
        "Rutinerna finns men behöver bli mer kända i organisationen.",
        "Handläggningen av ekonomiskt bistånd är en viktig ingång för att upptäcka behov av stöd.",
    ],
    "ensam_kommentar": [
        "Kommunen tar numera sällan emot ensamkommande barn.",
        "Ett avtal med ett familjehemsföretag gör det möjligt att ta emot med kort varsel.",
        "Vid behov köps platser av en grannkommun.",
        "Barnens egna åsikter dokumenteras i utredningarna.",
        "Den regionala samverkan håller kunskapen levande trots få ärenden.",
    ],
    "tidiga_kommentar": [
        "Studieförbunden anordnar svenskundervisning för asylsökande.",
        "Insatserna har delvis genomförts digitalt under pandemin.",
        "Det är svårare att nå asylsökande kvinnor, särskilt de som har små barn.",
        "Civilsamhället har ett stort engagemang men begränsade resurser.",
        "Antalet asylsökande i kommunen är litet.",
    ],
    "medel_kommentar": [
        "Medlen har använts till ett gemensamt projekt med grannkommunerna.",
        "Utan medlen hade nya arbetssätt inte kunnat prövas.",
        "Ansökningsförfarandet är tidskrävande för en liten kommun.",
        "Medlen har gått till språkstöd och nätverksbyggande.",
        "Det är svårt att föra över projekten till ordinarie verksamhet när medlen tar slut.",
    ],
    "so_kommentar": [
        "Samhällsorienteringen ges i samverkan med kommunalförbundet.",
        "Samhällsorientering erbjuds på de vanligaste språken och med tolk vid behov.",
        "Det är svårt att erbjuda samhällsorientering på mindre vanliga språk.",
        "Deltagarna kan börja inom ett par månader efter ankomsten.",
        "Digitala inslag har gjort det lättare att nå deltagare på fler språk.",
    ],
    "styrkor": [
        "Korta beslutsvägar och god samverkan mellan förvaltningarna.",
        "Engagerade medarbetare med lång erfarenhet av mottagande.",
        "Ett väl fungerande samarbete med civilsamhället.",
        "Ett samlat mottagande där den nyanlände möter få handläggare.",
        "God kunskap om målgruppens behov.",
        "Nära samarbete med näringslivet om praktikplatser.",
        "Tydliga rutiner för mottagandet.",
    ],
    "svagheter": [
        "Brist på bostäder, särskilt större lägenheter.",
        "Svårt att nå kvinnor som står långt från arbetsmarknaden.",
        "En sårbar organisation där få personer bär kunskapen.",
        "Begränsade möjligheter att erbjuda insatser på mindre vanliga språk.",
        "Långa avstånd och bristande kollektivtrafik.",
        "Arbetsförmedlingens minskade lokala närvaro har försvårat samverkan.",
        "Svårt att följa upp insatsernas resultat.",
    ],
}
COMMENT_SHARES = {"styrkor": 0.85, "svagheter": 0.85}
DEFAULT_COMMENT_SHARE = 0.4


# --- the published reference ------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceRow:
    question_id: str
    answer: str
    low: int
    high: int
    quote: str
    interpretation: str


def load_reference(path: Path = REFERENCE_FILE) -> list[ReferenceRow]:
    """The counts the Stockholm 2013 compilation publishes, one row per number."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            ReferenceRow(
                row["fraga_id"],
                row["svar"],
                int(row["antal_min"]),
                int(row["antal_max"]),
                row["citat"],
                row["tolkning"],
            )
            for row in csv.DictReader(handle)
        ]


def named_respondents(reference: list[ReferenceRow]) -> list[str]:
    """The kommunkoder of the kommuner the compilation names as respondents."""
    names = [
        row.answer.removeprefix(MUNICIPALITY_PREFIX)
        for row in reference
        if row.question_id == SURVEY_ROW and row.answer.startswith(MUNICIPALITY_PREFIX)
    ]
    codes = [geography.municipality_code(name) for name in names]
    if None in codes:
        raise ValueError(f"okänt kommunnamn i {REFERENCE_FILE.name}: {names[codes.index(None)]!r}")
    return sorted(codes)


def _percent(part: int, whole: int) -> int:
    """Whole per cent, halves rounded up."""
    return math.floor(100 * part / whole + 0.5)


def reference_value(survey: SurveyResponses, row: ReferenceRow) -> int:
    """What the answers say for one reference row, counted by metabok.survey.aggregate."""
    if row.question_id == SURVEY_ROW:
        if row.answer.startswith(MUNICIPALITY_PREFIX):
            code = geography.municipality_code(row.answer.removeprefix(MUNICIPALITY_PREFIX))
            return int(code in survey.respondents(STOCKHOLM))
        answered_, total = aggregate.response_rate(survey, STOCKHOLM)
        values = {
            "svarande": answered_,
            "kommuner": total,
            "svarsfrekvens_procent": _percent(answered_, total),
            "svarsfrekvens_riket_procent": _percent(*aggregate.response_rate(survey, config.NATIONAL_CODE)),
        }
        return values[row.answer]
    if row.answer == ANSWERED:
        return aggregate.answered(survey, STOCKHOLM, row.question_id)
    return aggregate.count(survey, STOCKHOLM, row.question_id, row.answer)


# --- allocation ---------------------------------------------------------------------------


def _spread(total: int, labels: list[str], weights: dict[str, float]) -> dict[str, int]:
    """`total` split over `labels` in proportion to their weights (largest remainder)."""
    if not labels:
        return {}
    weight_sum = sum(weights[label] for label in labels)
    exact = [total * weights[label] / weight_sum for label in labels]
    counts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(labels)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return dict(zip(labels, counts, strict=True))


def _allocate(options: tuple[Option, ...], weights: dict[str, float], n: int, fixed: dict[str, int]):
    """Counts per option label for n answers meeting the fixed option and group counts, the rest
    spread by weight; None when impossible."""
    counts = {key: value for key, value in fixed.items() if not key.startswith(GROUP_PREFIX)}
    groups = {
        key.removeprefix(GROUP_PREFIX): value for key, value in fixed.items() if key.startswith(GROUP_PREFIX)
    }
    for group, value in groups.items():
        members = [o.label for o in options if o.group == group]
        free = [label for label in members if label not in counts]
        rest = value - sum(counts[label] for label in members if label in counts)
        if rest < 0 or (rest and not free):
            return None
        counts |= _spread(rest, free, weights)
    free = [o.label for o in options if o.label not in counts and o.group not in groups]
    rest = n - sum(counts.values())
    if rest < 0 or (rest and not free):
        return None
    return counts | _spread(rest, free, weights)


def _solve_scale(
    question: Question, weights: dict[str, float], n: int, targets: dict[str, range], rng
) -> list[str]:
    """n answers to a ja_nej or skala question whose counts lie in the target ranges, in random order."""
    keys = list(targets)
    combinations = list(itertools.product(*(targets[key] for key in keys)))
    rng.shuffle(combinations)
    for combination in combinations:
        counts = _allocate(question.options, weights, n, dict(zip(keys, combination, strict=True)))
        if counts is not None:
            answers = [o.label for o in question.options for _ in range(counts[o.label])]
            rng.shuffle(answers)
            return answers
    raise ValueError(f"inga {n} svar på frågan {question.id!r} ger de publicerade antalen {targets}")


def _solve_choices(question: Question, shares: dict[str, float], n: int, targets: dict[str, range], rng):
    """n flerval answers ({kod: 0/1}) with each option chosen as often as its target says
    (else by its share), the choices spread so that few kommuner choose nothing."""
    unknown = set(targets) - {o.label for o in question.options}
    if unknown:
        raise ValueError(f"frågan {question.id!r} har inga alternativ {sorted(unknown)}")
    chosen = {
        o.code: rng.choice(targets[o.label]) if o.label in targets else round(shares[o.code] * n)
        for o in question.options
    }
    answers = [dict.fromkeys(chosen, 0) for _ in range(n)]
    for code in sorted(chosen, key=lambda code: -chosen[code]):
        order = sorted(range(n), key=lambda i: (sum(answers[i].values()), rng.random()))
        for i in order[: chosen[code]]:
            answers[i][code] = 1
    return answers


# --- generation ---------------------------------------------------------------------------


def _unit(question: Question) -> str:
    """The part of the survey a kommun answers or skips as a whole: its matrix, or the question."""
    return question.matrix or question.id


class _YearGenerator:
    def __init__(self, year: int, codebook: Codebook, reference: list[ReferenceRow]):
        self.year = year
        self.codebook = codebook
        self.reference = reference
        self.rng = random.Random(f"metabok-exempeldata-{year}")
        self.answers: dict[str, dict[str, object]] = {}

    # tendencies

    def scale_weights(self, question: Question) -> dict[str, float]:
        weights = QUESTION_WEIGHTS.get(question.id) or SCALE_WEIGHTS[question.scale.name]
        return {o.label: float(weights[o.label]) for o in question.options}

    def choice_shares(self, question: Question) -> dict[str, float]:
        shares = CHOICE_SHARES.get(question.id, {})
        return {o.code: shares.get(o.code, DEFAULT_CHOICE_SHARE) for o in question.options}

    def national_weights(self, question: Question, stockholm: list[str]) -> dict[str, float]:
        """The plain tendency blended with Stockholm's answers (2013), or a stated national one."""
        if question.id in NATIONAL_WEIGHTS:
            return NATIONAL_WEIGHTS[question.id]
        weights = self.scale_weights(question)
        total = sum(weights.values())
        values = [self.answers[code].get(question.id) for code in stockholm]
        return {
            label: values.count(label) + PRIOR_STRENGTH * weight / total for label, weight in weights.items()
        }

    def national_shares(self, question: Question, stockholm: list[str]) -> dict[str, float]:
        shares = self.choice_shares(question)
        answered = [code for code in stockholm if question.columns()[0] in self.answers[code]]
        return {
            o.code: (sum(self.answers[code][column] for code in answered) + PRIOR_STRENGTH * shares[o.code])
            / (len(answered) + PRIOR_STRENGTH)
            for o, column in zip(question.options, question.columns(), strict=True)
        }

    # respondents

    def respondents(self) -> list[str]:
        """The kommuner that answer. 2013: in Stockholms län exactly the named ones. The other
        non-respondents are spread over the län, one län at a time; a län with a single kommun
        (Gotland) always answers."""
        municipalities = geography.municipalities()
        kept = {c for c in geography.county_codes() if len(geography.municipalities_in(c)) == 1}
        missing: set[str] = set()
        if self.year == 2013:
            named = named_respondents(self.reference)
            missing = set(geography.municipalities_in(STOCKHOLM)["kommunkod"]) - set(named)
            kept.add(STOCKHOLM)
        protected = {INJECTION_MUNICIPALITY} if self.year == 2021 else set()
        counties = [c for c in geography.county_codes() if c not in kept]
        self.rng.shuffle(counties)
        for i in range(len(municipalities) - RESPONDENTS[self.year] - len(missing)):
            county = counties[i % len(counties)]
            candidates = [
                code
                for code in geography.municipalities_in(county)["kommunkod"]
                if code not in missing and code not in protected
            ]
            missing.add(self.rng.choice(candidates))
        return sorted(set(municipalities["kommunkod"]) - missing)

    # answers

    def generate(self) -> dict[str, dict[str, object]]:
        respondents = self.respondents()
        self.answers = {code: {} for code in respondents}
        by_county: dict[str, list[str]] = {}
        for code in respondents:
            by_county.setdefault(code[:2], []).append(code)
        stockholm = by_county[STOCKHOLM]
        if self.year == 2013:
            self.solve_stockholm(stockholm)
        for county in sorted(by_county):
            if self.year == 2013 and county == STOCKHOLM:
                continue
            self.draw_county(by_county[county], stockholm)
        if self.year == 2021:
            self.answers[INJECTION_MUNICIPALITY] |= INJECTION_TEXTS
        return self.answers

    def solve_stockholm(self, stockholm: list[str]) -> None:
        """Stockholm 2013: every published count exactly."""
        targets: dict[str, dict[str, range]] = {}
        for row in self.reference:
            if row.question_id == SURVEY_ROW or row.answer == ANSWERED:
                continue
            span = range(row.low, row.high + 1)
            question_targets = targets.setdefault(row.question_id, {})
            earlier = question_targets.get(row.answer, span)
            both = range(max(span.start, earlier.start), min(span.stop, earlier.stop))
            if not both:
                raise ValueError(
                    f"motstridiga rader i {REFERENCE_FILE.name}: {row.question_id} / {row.answer}"
                )
            question_targets[row.answer] = both
        order = list(stockholm)
        self.rng.shuffle(order)  # the first 16 answer most of the survey, the next ones only parts
        for question in self.codebook.questions:
            if question.id in FOLLOW_UPS:
                filter_id, value = FOLLOW_UPS[question.id]
                answering = [code for code in order if self.answers[code].get(filter_id) == value]
            else:
                answering = order[
                    : STOCKHOLM_2013_ANSWERED.get(_unit(question), STOCKHOLM_2013_DEFAULT_ANSWERED)
                ]
            question_targets = targets.get(question.id, {})
            if question.type == "flerval":
                rows = _solve_choices(
                    question, self.choice_shares(question), len(answering), question_targets, self.rng
                )
                for code, choices in zip(answering, rows, strict=True):
                    for option, column in zip(question.options, question.columns(), strict=True):
                        self.answers[code][column] = choices[option.code]
            elif question.type in ("ja_nej", "skala"):
                values = _solve_scale(
                    question, self.scale_weights(question), len(answering), question_targets, self.rng
                )
                for code, value in zip(answering, values, strict=True):
                    self.answers[code][question.id] = value
            else:
                raise ValueError(
                    f"exempeldata för frågetypen {question.type!r} finns inte (frågan {question.id!r})"
                )

    def draw_county(self, codes: list[str], stockholm: list[str]) -> None:
        """A län outside the constraints: answers drawn from the tendencies, tilted per län."""
        rng = self.rng
        blank_rate = {code: rng.uniform(0, MAX_ITEM_NONRESPONSE) for code in codes}
        answering: dict[str, dict[str, bool]] = {code: {} for code in codes}
        for question in self.codebook.questions:
            if question.type == "fritext":
                self.draw_comments(question, codes)
                continue
            if question.type == "flerval":
                shares = (
                    self.national_shares(question, stockholm)
                    if self.year == 2013
                    else self.choice_shares(question)
                )
                tilted = {
                    code: min(0.98, max(0.02, share * rng.uniform(0.8, 1.2)))
                    for code, share in shares.items()
                }
            elif question.type in ("ja_nej", "skala"):
                weights = (
                    self.national_weights(question, stockholm)
                    if self.year == 2013
                    else self.scale_weights(question)
                )
                tilted = {label: weight * rng.uniform(0.6, 1.4) for label, weight in weights.items()}
            else:
                raise ValueError(
                    f"exempeldata för frågetypen {question.type!r} finns inte (frågan {question.id!r})"
                )
            for code in codes:
                if not self.answers_part(code, question, answering, blank_rate[code]):
                    continue
                if question.type == "flerval":
                    for option, column in zip(question.options, question.columns(), strict=True):
                        self.answers[code][column] = int(rng.random() < tilted[option.code])
                else:
                    labels = list(tilted)
                    self.answers[code][question.id] = rng.choices(
                        labels, [tilted[label] for label in labels]
                    )[0]

    def answers_part(
        self, code: str, question: Question, answering: dict[str, dict[str, bool]], blank_rate: float
    ) -> bool:
        """Whether a kommun answers a question: follow-ups by the filter answer, other parts
        (a whole matrix at a time) unless the kommun leaves them blank."""
        if question.id in FOLLOW_UPS:
            filter_id, value = FOLLOW_UPS[question.id]
            return self.answers[code].get(filter_id) == value
        unit = _unit(question)
        if unit not in answering[code]:
            answering[code][unit] = self.rng.random() >= blank_rate
        return answering[code][unit]

    def draw_comments(self, question: Question, codes: list[str]) -> None:
        phrases = PHRASES[question.id]
        share = COMMENT_SHARES.get(question.id, DEFAULT_COMMENT_SHARE)
        for code in codes:
            if self.rng.random() < share:
                self.answers[code][question.id] = " ".join(
                    self.rng.sample(phrases, self.rng.choice((1, 1, 2)))
                )


# --- files --------------------------------------------------------------------------------


def _slug(text: str) -> str:
    """'Västra Götalands län' -> 'vastra_gotalands_lan'."""
    folded = text.casefold().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def file_name(county_code: str) -> str:
    """'01' -> '01_stockholms_lan_exempeldata.xlsx'."""
    return f"{county_code}_{_slug(geography.county_name(county_code))}_exempeldata.xlsx"


def _about_rows(codebook: Codebook, county_code: str) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("Status", SYNTHETIC_STATUS),
        ("Beskrivning", DESCRIPTION),
        ("Skapad av", GENERATOR),
        ("Enkät", codebook.survey_name),
        ("År", codebook.year),
        ("Län", geography.county_name(county_code)),
    ]
    if codebook.year == 2013 and county_code == STOCKHOLM:
        rows.append(
            (
                "Underlag",
                "Svaren är påhittade men konstruerade så att varje antal som sammanställningen av META 2013 "
                "för Stockholms län redovisar räknas fram exakt (data/referens/"
                f"{REFERENCE_FILE.name}). Vilken kommun som gett vilket svar är påhittat.",
            )
        )
    if codebook.year == 2021 and INJECTION_MUNICIPALITY[:2] == county_code:
        rows.append(
            (
                "Testtexter",
                f"{geography.municipality_name(INJECTION_MUNICIPALITY)} ({INJECTION_MUNICIPALITY}) har "
                f"avsiktliga testtexter i kolumnerna {' och '.join(INJECTION_TEXTS)}: HTML och skript, och "
                "en text som börjar "
                "som en formel. Boken ska visa dem som ren text och aldrig köra eller räkna dem.",
            )
        )
    return rows


def workbook_bytes(codebook: Codebook, county_code: str, answers: dict[str, dict[str, object]]) -> bytes:
    """The xlsx file of one län: sheet Svar (one row per kommun that answered) and sheet Om filen."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ANSWER_SHEET
    columns = codebook.columns()
    sheet.append(["Kommunkod", "Kommun", "Län", *columns])
    county = geography.county_name(county_code)
    for code in sorted(c for c in answers if c[:2] == county_code):
        name = NAME_VARIANTS.get(code, geography.municipality_name(code))
        sheet.append([code, name, county, *(answers[code].get(column) for column in columns)])
    about = workbook.create_sheet(ABOUT_SHEET)
    about.append(["Uppgift", "Värde"])
    for row in _about_rows(codebook, county_code):
        about.append(list(row))
    properties = workbook.properties
    properties.title = f"Exempeldata – {codebook.survey_name} – {county}"
    properties.description = f"Exempeldata: {DESCRIPTION}."
    properties.keywords = SYNTHETIC_STATUS
    properties.creator = GENERATOR
    properties.created = FILE_TIMESTAMP
    properties.modified = FILE_TIMESTAMP
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # workbook.save() would stamp the current time
    return stable_zip(buffer.getvalue())


def generate_answers(
    year: int, codebook: Codebook, reference: list[ReferenceRow]
) -> dict[str, dict[str, object]]:
    """{kommunkod: {column: value}} for every kommun that answers in the year."""
    return _YearGenerator(year, codebook, reference).generate()


def write_year(year: int, year_dir: Path | None = None) -> list[Path]:
    """Write the example answer files of a year into <year_dir>/svar (default data/enkat/<år>/svar),
    replacing earlier example files, and check them; returns the files written."""
    codebook = load_codebook(config.SURVEY_DIR / str(year) / "kodbok.yml")
    year_dir = Path(year_dir) if year_dir is not None else config.SURVEY_DIR / str(year)
    reference = load_reference()
    answers = generate_answers(year, codebook, reference)
    svar_dir = year_dir / "svar"
    svar_dir.mkdir(parents=True, exist_ok=True)
    for old in svar_dir.glob("*_exempeldata.xlsx"):
        old.unlink()
    paths = []
    for county_code in sorted({code[:2] for code in answers}):
        path = svar_dir / file_name(county_code)
        path.write_bytes(workbook_bytes(codebook, county_code, answers))
        paths.append(path)
    problems = check_year(year, load_responses(year_dir, codebook), reference)
    if problems:
        raise RuntimeError("exempeldata stämmer inte:\n" + "\n".join(problems))
    return paths


def check_year(year: int, survey: SurveyResponses, reference: Iterable[ReferenceRow]) -> list[str]:
    """What does not hold in the written files: the number of respondents, and for 2013 every
    row of the published Stockholm reference."""
    problems = []
    if len(survey.respondents(config.NATIONAL_CODE)) != RESPONDENTS[year]:
        problems.append(
            f"{year}: {len(survey.respondents(config.NATIONAL_CODE))} svarande, inte {RESPONDENTS[year]}"
        )
    if year == 2013:
        for row in reference:
            value = reference_value(survey, row)
            if not row.low <= value <= row.high:
                problems.append(f"{row.question_id} / {row.answer}: {value}, publicerat {row.low}–{row.high}")
    return problems
