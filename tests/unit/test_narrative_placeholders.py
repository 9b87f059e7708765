"""Live numbers in the län's own text: placeholders, their errors, and the Stockholm 2013 Sammanfattning."""

from __future__ import annotations

import csv
import re

import pytest

from metabok import config
from metabok.errors import InputError
from metabok.survey.narrative import load_narrative, narrative_path
from metabok.survey.responses import load_survey, validate_year

from helpers import TINY_HEADER, write_workbook

SEED = next((config.PROJECT_ROOT.parent / "shared" / "seeds").glob("000_*.txt"), None)

# --- the syntax, on a tiny year ------------------------------------------------------------

ROWS = [
    ["0114", "Upplands Väsby", "Ja", "Ganska bra", 1, 0, 3, None],
    ["0115", "Vallentuna", "Nej", "Mycket dåligt", 1, 1, 4, None],
    ["0117", "Österåker", "Ja", "Vet ej", 0, None, None, None],
]


@pytest.fixture
def tiny_survey(tiny_year):
    write_workbook(tiny_year / "svar" / "svar.xlsx", TINY_HEADER, ROWS)
    (tiny_year / "berattelse").mkdir()
    return tiny_year


def narrative_text(year_dir, body: str):
    (year_dir / "berattelse" / "01.md").write_text(
        f"## Sammanfattning\n\n**Tema**\n{body}\n", encoding="utf-8"
    )
    survey = load_survey(2013, year_dir.parent)
    return load_narrative(2013, "01", year_dir.parent, survey=survey).summary[0][1]


@pytest.mark.parametrize(
    ("placeholder", "value"),
    [
        ("{svarande}", "3"),
        ("{kommuner}", "26"),
        ("{svarsfrekvens}", "12 procent"),
        ("{antal: overenskommelse = Ja}", "2"),
        ("{antal: overenskommelse = ja | Ord}", "Två"),
        ("{antal: samverkan_af = grupp:bra}", "1"),
        ("{antal: samverkan_af = Ganska bra; overenskommelse = Nej}", "2"),
        ("{antal: hinder = Brist på bostäder av rätt storlek | ord}", "en"),
        ("{antal: hinder = bostadsbrist}", "2"),
        ("{svarande: hinder}", "3"),
        ("{svarande: samverkan_af}", "3"),
        ("{andel: overenskommelse = Nej}", "33 procent"),
        ("{andel: hinder = storlek}", "33 procent"),
        ("{{inte en platshållare}}", "{inte en platshållare}"),
    ],
)
def test_placeholders_are_filled_from_the_answers(tiny_survey, placeholder, value):
    assert narrative_text(tiny_survey, f"Värdet är {placeholder}.") == f"Värdet är {value}."


@pytest.mark.parametrize(
    ("placeholder", "message"),
    [
        ("{antal: overenskomelse = Ja}", "okänd fråga 'overenskomelse'"),
        ("{antal: overenskommelse = Kanske}", "har inget alternativ 'Kanske'"),
        ("{antal: samverkan_af = grupp:okänd}", "har ingen grupp 'okänd'"),
        ("{antal: overenskommelse}", "ska skrivas fråga_id = alternativ"),
        ("{antal: platser = 3}", "har typ antal"),
        ("{summa: overenskommelse = Ja}", "okänd platshållare"),
        ("{andel: overenskommelse = Ja | ord}", "efter |"),
        ("{svarande", "ensam klammer"),
    ],
)
def test_a_bad_placeholder_is_a_swedish_error_with_file_and_line(tiny_survey, placeholder, message):
    path = tiny_survey / "berattelse" / "01.md"
    path.write_text(
        f"Inledning.\n\n## Sammanfattning\n\n**Tema**\nText {placeholder} här.\n", encoding="utf-8"
    )
    survey = load_survey(2013, tiny_survey.parent)
    with pytest.raises(InputError) as error:
        load_narrative(2013, "01", tiny_survey.parent, survey=survey)
    assert error.value.row == 6 and message in error.value.message
    assert "01.md" in str(error.value) and "rad 6" in str(error.value)
    # validate reports the same problem
    found = [e for e in validate_year(2013, tiny_survey.parent) if e.file == path]
    assert [(e.row, message in e.message) for e in found] == [(6, True)]


# --- the county board's Sammanfattning, Stockholm 2013 ----------------------------------------

# (the seed's words around the count, the count as the seed writes it, the placeholder's question)
CITED = [
    ("{} av Stockholms läns kommuner ingår i resultatet", "73 procent", "svarsfrekvens}"),
    ("svarsfrekvensen endast {}.", "62 procent", "svarsfrekvens: rok_nyanlanda}"),
    ("endast {} av kommunerna som besvarat enkäten", "två", "antal: overenskommelse_nyanlanda = Nej;"),
    (
        "uppger {} av svarande kommuner i länet att de inte har en uppdaterad",
        "tre",
        "antal: lokal_overenskommelse = Nej",
    ),
    ("{} kommuner i Stockholms län samverkar med Landstinget", "Tio", "antal: halsa_insatser = Samverkar"),
    (
        "{} kommuner uppger att de samverkar med Arbetsförmedlingen",
        "Tolv",
        "antal: samverkan_nedsatt = Arbetsförm",
    ),
    ("Endast {} kommun uppger att de samverkar med ideella", "en", "antal: samverkan_nedsatt = Ideella"),
    (
        "{} kommuner uppger att Länsstyrelsens arbete inte bidragit",
        "Nio",
        "antal: lst_nytta_samverkan_inom = Inte alls",
    ),
]
# Where the seed writes 'ett tiotal' (about ten) the reference file reads a range (9–11); the
# chapter shows the exact count from the data in its place.
APPROXIMATE = [
    ("{} kommuner uppger att de anordnar sfi i egen regi", "sfi_anordnare", "I egen regi"),
    (
        "{} kommuner uppger vidare att Arbetsförmedlingens information",
        "halsoinformation_af",
        "Inte tillräcklig",
    ),
    ("ett tiotal kommuner ({}, ", "underlag_migrationsverket", "Inte tillräcklig"),
]


def seed_text() -> str:
    if SEED is None:
        pytest.skip("seed 000 is not available next to the project")
    return " ".join(SEED.read_text(encoding="utf-8").split())


def stockholm_summary() -> str:
    narrative = load_narrative(2013, "01", survey=load_survey(2013))
    return " ".join(" ".join([narrative.intro or "", *(t for _, t in narrative.summary)]).split())


def source_lines() -> list[str]:
    return narrative_path(2013, "01").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("context", "count", "placeholder"), CITED)
def test_each_count_the_summary_cites_is_the_seeds_and_from_a_placeholder(context, count, placeholder):
    assert context.format(count) in seed_text()  # the count is the seed's own
    assert context.format(count) in stockholm_summary()  # the chapter shows the same count
    before, after = context.split("{}")
    rest = "" if placeholder.endswith("}") else r"[^{}]*\}"
    computed = re.escape(before) + r"\{" + re.escape(placeholder) + rest + re.escape(after)
    assert re.search(computed, "\n".join(source_lines()))  # … where the source has a placeholder


@pytest.mark.parametrize(("context", "question", "answer"), APPROXIMATE)
def test_approximate_counts_are_within_the_published_range(context, question, answer):
    with open(config.REFERENCE_DIR / "meta_2013_stockholm_publicerat.csv", encoding="utf-8") as handle:
        ranges = {
            (r["fraga_id"], r["svar"]): (int(r["antal_min"]), int(r["antal_max"]))
            for r in csv.DictReader(handle)
        }
    low, high = ranges[(question, answer)]
    pattern = re.escape(context).replace(r"\{\}", r"(\w+)")
    shown = re.search(pattern, stockholm_summary())
    assert shown, context
    words = {"nio": 9, "tio": 10, "elva": 11}
    value = words.get(shown.group(1).casefold()) or int(shown.group(1))
    assert low <= value <= high
    assert any(f"{question} = {answer}" in line for line in source_lines())


def test_the_summary_is_the_county_boards_and_has_no_hand_typed_count():
    summary = stockholm_summary()
    assert "Majoriteten kommuner i länet har under 2013 en överenskommelse" in summary
    lines = source_lines()
    text = "\n".join(lines[: lines.index("## Utvecklingsområden")])
    typed = re.findall(r"\b\d+\b", re.sub(r"\{[^}]*\}", "", text))
    # Only years, the survey's own option text ('minst 15 timmar') and the publication date remain.
    assert set(typed) <= {"2013", "2014", "04", "10", "15"}


def test_a_quarter_is_shown_as_the_computed_share():
    context = "{} av svarande kommuner med lokala överenskommelser har uppgett"
    assert context.format("en fjärdedel") in seed_text()
    assert context.format("25 procent") in stockholm_summary()  # a fourth, computed
    assert "{andel: lokal_overenskommelse_aktorer = grupp:fler_aktörer} av svarande" in "\n".join(
        source_lines()
    )
