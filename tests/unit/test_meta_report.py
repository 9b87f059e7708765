"""The survey chapter's text and tables on a hand-made year, checked against counts made by hand,
and on the shipped 2013 example data against the published Stockholm chapter."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from metabok import config
from metabok.meta.blocks import section_blocks
from metabok.meta.items import Matrix, report_items, scale_parts
from metabok.meta.report import (
    EXAMPLE_TEXT,
    comments_block,
    county_response_table,
    national_comparison_table,
    question_sentence,
    question_table,
    response_table,
    response_text,
    title_block,
)
from metabok.meta.wording import in_running_text
from metabok.sources import geography
from metabok.survey.codebook import YES_NO_SCALE, Codebook, Option, Question, Scale
from metabok.survey.responses import SurveyResponses, load_survey

# --- a hand-made year ------------------------------------------------------------------------
#
# Blekinge län (10): Olofström, Karlskrona, Ronneby and Karlshamn answered, Sölvesborg did not
# (4 of 5 = 80 %). Kalmar län (08): Högsby and Torsås answered (2 of 12 = 17 %). Riket: 6.

FUNGERAR = Scale(
    "fungerar",
    (
        Option("Mycket bra", "mycket_bra", "bra"),
        Option("Ganska bra", "ganska_bra", "bra"),
        Option("Ganska dåligt", "ganska_daligt", "dåligt"),
        Option("Mycket dåligt", "mycket_daligt", "dåligt"),
        Option("Ingen samverkan", "ingen_samverkan", "saknas"),
        Option("Vet ej", "vet_ej", None, True),
    ),
)
GROUPS = {
    "bra": "ganska eller mycket bra",
    "dåligt": "ganska eller mycket dåligt",
    "saknas": "ingen samverkan",
}
MATRICES = {"samverkan": "Hur fungerar samverkan med följande aktörer?"}
ACTORS = "Samverkan med andra aktörer"
HINDER = "Hinder för bosättning"


def _scale_question(qid: str, text: str, short: str | None = None, matrix: str | None = None) -> Question:
    return Question(qid, "Samverkan", ACTORS, text, "skala", FUNGERAR, FUNGERAR.options, short, matrix)


QUESTIONS = [
    Question(
        "overenskommelse",
        "Mottagande",
        "Överenskommelser",
        "Har kommunen en överenskommelse om mottagande?",
        "ja_nej",
        YES_NO_SCALE,
        YES_NO_SCALE.options,
    ),
    _scale_question("samverkan_af", "Samverkan med Arbetsförmedlingen", "Arbetsförmedlingen", "samverkan"),
    _scale_question("samverkan_fk", "Samverkan med Försäkringskassan", "Försäkringskassan", "samverkan"),
    _scale_question("samverkan_kommuner", "Samverkan med andra kommuner", "andra kommuner", "samverkan"),
    _scale_question("lots", "Hur fungerar etableringslotsen?"),
    Question(
        "hinder",
        "Bosättning",
        HINDER,
        "Vilka är de största hindren för bosättning?",
        "flerval",
        options=(
            Option("Bostadsbrist", "bostadsbrist"),
            Option("Brist på bostäder av rätt storlek", "storlek"),
            Option("Höga hyror", "hyror"),
        ),
    ),
    Question("kommentar", "Bosättning", HINDER, "Kommentera gärna hindren.", "fritext"),
    Question("platser", "Bosättning", None, "Hur många platser har kommunen?", "antal"),
]

HOSTILE_COMMENT = "Bra <b>samarbete</b> *viktigt* [länk](javascript:alert(1))"
ANSWERS = {
    "overenskommelse": {"1060": "Ja", "1080": "Ja", "1081": "Ja", "1082": "Nej", "0821": "Ja", "0834": "Nej"},
    "samverkan_af": {
        "1060": "Mycket bra",
        "1080": "Ganska bra",
        "1081": "Ganska dåligt",
        "1082": "Vet ej",
        "0821": "Ganska bra",
        "0834": "Mycket dåligt",
    },
    "samverkan_fk": {
        "1060": "Ingen samverkan",
        "1080": "Ingen samverkan",
        "1081": "Ingen samverkan",
        "1082": "Ganska dåligt",
        "0821": "Mycket bra",
        "0834": "Mycket bra",
    },
    "samverkan_kommuner": {
        "1060": "Mycket bra",
        "1080": "Mycket bra",
        "1081": "Ganska bra",
        "0821": "Ganska dåligt",
    },
    "lots": {
        "1060": "Ganska dåligt",
        "1080": "Mycket dåligt",
        "1081": "Ganska bra",
        "1082": "Vet ej",
        "0821": "Ganska bra",
        "0834": "Ganska bra",
    },
    "hinder": {"1060": (1, 1, 0), "1080": (1, 0, 0), "1081": (1, 1, 0), "0821": (0, 1, 1), "0834": (1, 0, 0)},
    "kommentar": {"1060": HOSTILE_COMMENT, "0821": "Högsby kommenterar."},
    "platser": {"1060": 10, "1080": 20, "1082": 5, "0821": 7},
}
RESPONDENTS = ["0821", "0834", "1060", "1080", "1081", "1082"]


def make_codebook(questions: list[Question] | None = None, form: str = "meta", **changes) -> Codebook:
    codebook = Codebook(
        "META 2099",
        2099,
        form,
        "En årlig enkät till kommunerna.",
        {"ja_nej": YES_NO_SCALE, "fungerar": FUNGERAR},
        dict(GROUPS),
        dict(MATRICES),
        list(questions or QUESTIONS),
    )
    return dataclasses.replace(codebook, **changes)


def make_survey(
    codebook: Codebook | None = None, answers: dict | None = None, respondents: list[str] | None = None
) -> SurveyResponses:
    """A SurveyResponses as load_survey builds it, from {question id: {kommunkod: answer}}."""
    codebook = codebook or make_codebook()
    answers = ANSWERS if answers is None else answers
    codes = sorted(respondents or RESPONDENTS)
    kommuner = geography.municipalities()
    counties = dict(zip(kommuner["kommunkod"], kommuner["lanskod"], strict=True))
    data = {"lanskod": pd.array([counties[c] for c in codes], dtype="string")}
    for question in codebook.questions:
        given = answers.get(question.id, {})
        if question.type == "flerval":
            for i, column in enumerate(question.columns()):
                values = [given[c][i] if c in given else pd.NA for c in codes]
                data[column] = pd.array(values, dtype="Int64")
        else:
            dtype = "Int64" if question.type == "antal" else "string"
            data[question.id] = pd.array([given.get(c, pd.NA) for c in codes], dtype=dtype)
    frame = pd.DataFrame(data, index=pd.Index(codes, name="kommunkod", dtype=str))
    return SurveyResponses(codebook.year, codebook, frame, synthetic=True)


@pytest.fixture
def survey() -> SurveyResponses:
    return make_survey()


# --- items and scales ------------------------------------------------------------------------


def test_report_items_put_a_matrix_at_its_first_question(survey):
    items = report_items(survey.codebook)
    assert [i.id for i in items] == ["overenskommelse", "samverkan", "lots", "hinder", "kommentar", "platser"]
    matrix = items[1]
    assert isinstance(matrix, Matrix)
    assert matrix.text == MATRICES["samverkan"]
    assert [q.id for q in matrix.questions] == ["samverkan_af", "samverkan_fk", "samverkan_kommuner"]


def _labels(options: tuple[Option, ...]) -> list[str]:
    return [o.label for o in options]


def test_scale_parts_with_groups_at_the_start_and_a_separate_last_group():
    parts = scale_parts(FUNGERAR.options)
    assert _labels(parts.positive) == ["Mycket bra", "Ganska bra"]
    assert _labels(parts.negative) == ["Ganska dåligt", "Mycket dåligt"]
    assert _labels(parts.side) == ["Ingen samverkan", "Vet ej"]
    assert parts.by_groups


def test_scale_parts_with_a_group_at_the_end():
    problem = (
        Option("Inte alls", "a"),
        Option("Till liten del", "b"),
        Option("Till viss del", "c", "viss_stor"),
        Option("Till stor del", "d", "viss_stor"),
        Option("Vet ej", "e", None, True),
    )
    parts = scale_parts(problem)
    assert _labels(parts.positive) == ["Inte alls", "Till liten del"]
    assert _labels(parts.negative) == ["Till viss del", "Till stor del"]
    assert _labels(parts.side) == ["Vet ej"] and parts.by_groups


def test_scale_parts_without_groups_split_in_the_middle():
    parts = scale_parts((Option("Ja, formell", "a"), Option("Nej, vid behov", "b"), Option("Nej", "c")))
    assert (_labels(parts.positive), _labels(parts.middle), _labels(parts.negative)) == (
        ["Ja, formell"],
        ["Nej, vid behov"],
        ["Nej"],
    )
    assert not parts.by_groups
    yes_no = scale_parts(YES_NO_SCALE.options)
    assert (_labels(yes_no.positive), _labels(yes_no.negative)) == (["Ja"], ["Nej"])


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Bostadsbrist", "bostadsbrist"),
        ("Nej, endast kommunen och Arbetsförmedlingen", "nej, endast kommunen och Arbetsförmedlingen"),
        ("Migrationsverket", "Migrationsverket"),
        ("Arbetsförmedlingens etableringshandläggare", "Arbetsförmedlingens etableringshandläggare"),
        ("BUP", "BUP"),
        ("andra kommuner", "andra kommuner"),
    ],
)
def test_labels_in_running_text(label, expected):
    assert in_running_text(label) == expected


# --- title and response ----------------------------------------------------------------------


def test_title_block(survey):
    text = title_block(survey, "10")
    assert text.startswith("**META 2099 – en sammanställning av resultaten för Blekinge län**")
    assert "En årlig enkät till kommunerna." in text
    assert "## Länsstyrelsens uppföljning" in text
    assert "3 avsnitt: Mottagande, Samverkan och Bosättning" in text
    assert "jämförs med resultatet för riket" in text
    assert "resultaten för riket**" in title_block(survey, "00")


def test_title_block_of_the_lagesbild_form_describes_the_statements():
    agree = Scale(
        "instammer",
        (
            Option("Instämmer helt", "a", "ja"),
            Option("Instämmer delvis", "b", "ja"),
            Option("Instämmer inte alls", "c", "nej"),
            Option("Vet ej", "d", None, True),
        ),
    )
    statement = Question("p", "Boende", None, "Kommunen kan ordna bostad.", "skala", agree, agree.options)
    codebook = make_codebook([statement], form="lagesbild", scales={"instammer": agree}, matrices={})
    text = title_block(make_survey(codebook, {}), "10")
    assert "lägesbilder" in text
    assert "från instämmer helt till instämmer inte alls" in text
    assert "Kommunerna kan kommentera" not in text  # no fritext question


def test_response_text_lists_the_kommuner_without_caveat_at_high_response(survey):
    text = response_text(survey, "10")
    assert text.startswith(
        "I Blekinge län besvarades enkäten av 4 av länets 5 kommuner (80 procent). "
        "Svarsfrekvensen för landet var 2 procent."
    )
    assert "De kommuner som har medverkat är: Karlshamn, Karlskrona, Olofström och Ronneby." in text
    assert "Den kommun som inte har besvarat enkäten är Sölvesborg." in text
    assert "valida slutsatser" not in text
    assert "I stora delar" not in text  # the median question was answered by all four


def test_response_text_caveat_at_low_response(survey):
    text = response_text(survey, "08")
    assert "besvarades enkäten av 2 av länets 12 kommuner (17 procent)" in text
    assert "De kommuner som har medverkat är: Högsby och Torsås." in text
    assert "På grund av den låga svarsfrekvensen går det inte att dra några valida slutsatser för länet." in (
        text
    )


def test_response_text_notes_the_typical_question_response():
    # All five kommuner in Blekinge answered the survey, but only two of them most questions:
    # answered per question 2, 5, 2, 2, 2, 2, 2 (fritext left out), median 2 of 5.
    first_two = ("1060", "1080")
    answers = {qid: {c: a for c, a in given.items() if c in first_two} for qid, given in ANSWERS.items()}
    codes = ["1060", "1080", "1081", "1082", "1083"]
    answers["samverkan_af"] = dict.fromkeys(codes, "Vet ej")
    text = response_text(make_survey(answers=answers, respondents=codes), "10")
    assert "(100 procent)" in text
    assert "I stora delar av enkäten är svarsfrekvensen för länet endast 40 procent" in text
    assert "valida slutsatser för länet" in text


def test_response_text_of_a_one_kommun_county_and_of_riket(survey):
    assert response_text(survey, "09").startswith(
        "I Gotlands län, som består av en kommun, har Gotland inte besvarat enkäten."
    )
    national = response_text(survey, "00")
    assert national.startswith("I riket besvarades enkäten av 6 av landets 290 kommuner (2 procent).")
    assert "Svarsfrekvensen för landet" not in national
    assert "valida slutsatser för riket" in national


def test_response_tables(survey):
    table = response_table(survey, "10")
    assert list(table.columns) == ["Kommun", "Svarat"]
    assert table["Kommun"].tolist() == ["Karlshamn", "Karlskrona", "Olofström", "Ronneby", "Sölvesborg"]
    assert table["Svarat"].tolist() == ["Ja", "Ja", "Ja", "Ja", "Nej"]
    assert list(response_table(survey, "00").columns) == ["Län", "Kommun", "Svarat"]
    counties = county_response_table(survey)
    assert len(counties) == 22 and counties["Län"].iloc[-1] == config.NATIONAL_NAME
    blekinge = counties.set_index("Län").loc["Blekinge län"]
    assert blekinge.tolist() == [4, 5, 80.0]


# --- sentences -------------------------------------------------------------------------------


def test_yes_no_sentence(survey):
    assert question_sentence(survey, "10", "overenskommelse") == (
        "På frågan ”Har kommunen en överenskommelse om mottagande?” svarar 3 kommuner i länet ja och 1 nej. "
        "I riket är andelen som svarar ja 67 procent."
    )


def test_scale_sentence_gives_groups_and_neutral_answers(survey):
    assert question_sentence(survey, "10", "lots") == (
        "På frågan ”Hur fungerar etableringslotsen?” svarar 1 kommun i länet ganska eller mycket bra, "
        "2 ganska eller mycket dåligt och 1 vet ej. I riket är andelen som svarar ganska eller mycket bra "
        "50 procent och andelen som svarar ganska eller mycket dåligt 33 procent."
    )


def test_matrix_sentence_lists_items_in_falling_order(survey):
    text = question_sentence(survey, "10", "samverkan")
    assert text.startswith(
        "På frågan ”Hur fungerar samverkan med följande aktörer?” svarar kommunerna i länet ganska eller "
        "mycket bra för andra kommuner (3) och Arbetsförmedlingen (2). "
        "Antal kommuner som svarar ganska eller mycket dåligt: Arbetsförmedlingen (1) och "
        "Försäkringskassan (1). "
        "Antal kommuner som svarar ingen samverkan: Försäkringskassan (3). "
    )
    assert "inom parentes" not in text  # said once, where the survey answers begin
    assert "störst för andra kommuner (75 procent) och minst för Försäkringskassan (33 procent)" in text
    assert text.endswith("Delfrågorna besvarades av 3–4 av de 4 kommuner som svarade på enkäten.")


def test_choice_sentence_with_falling_order_zero_options_and_item_caveat(survey):
    assert question_sentence(survey, "10", "hinder") == (
        "På frågan ”Vilka är de största hindren för bosättning?” anger kommunerna i länet följande, "
        "i fallande ordning: bostadsbrist (3) och brist på bostäder av rätt storlek (2). "
        "Ingen kommun i länet anger höga hyror. I riket är de vanligaste svaren "
        "bostadsbrist (80 procent), brist på bostäder av rätt storlek (60 procent) och höga hyror "
        "(20 procent). "
        "Frågan besvarades av 3 av de 4 kommuner som svarade på enkäten."
    )


def test_number_and_comment_sentences(survey):
    assert question_sentence(survey, "10", "platser") == (
        "På frågan ”Hur många platser har kommunen?” uppger 3 kommuner i länet sammanlagt 35, i median 10 "
        "per kommun. I riket är medianen 8,5. Frågan besvarades av 3 av de 4 kommuner som svarade på enkäten."
    )
    assert question_sentence(survey, "10", "kommentar") == (
        "På frågan ”Kommentera gärna hindren” har 1 kommun i länet lämnat en kommentar. "
        "Kommentarerna visas i tabellen."
    )


def test_sentences_when_nobody_in_the_county_answered(survey):
    text = question_sentence(survey, "04", "overenskommelse")
    assert text.startswith("Frågan ”Har kommunen en överenskommelse om mottagande?” har inte besvarats av")
    assert "I riket är andelen som svarar ja 67 procent." in text
    assert question_sentence(survey, "04", "kommentar").startswith(
        "På frågan ”Kommentera gärna hindren” har ingen kommun i länet lämnat en kommentar."
    )


def test_riket_sentences_have_no_comparison_with_riket(survey):
    text = question_sentence(survey, "00", "overenskommelse")
    assert text == (
        "På frågan ”Har kommunen en överenskommelse om mottagande?” svarar 4 kommuner i riket ja och 2 nej."
    )
    assert "I riket är" not in question_sentence(survey, "00", "samverkan")


def test_codebook_text_is_escaped_in_markdown():
    question = dataclasses.replace(QUESTIONS[0], text="Har *kommunen* en <b>överenskommelse</b>?")
    survey = make_survey(make_codebook([question]))
    text = question_sentence(survey, "10", "overenskommelse")
    assert "\\*kommunen\\*" in text and "\\<b\\>" in text and "<b>" not in text


# --- tables ----------------------------------------------------------------------------------


def test_question_table_of_a_yes_no_question(survey):
    table = question_table(survey, "10", "overenskommelse")
    assert list(table.columns) == [
        "Svarsalternativ",
        "Antal kommuner i länet",
        "Andel i länet (%)",
        "Andel i riket (%)",
    ]
    assert table.values.tolist() == [["Ja", 3, 75.0, 66.7], ["Nej", 1, 25.0, 33.3]]
    national = question_table(survey, "00", "overenskommelse")
    assert list(national.columns) == ["Svarsalternativ", "Antal kommuner i riket", "Andel i riket (%)"]


def test_question_table_of_a_choice_question_in_falling_order(survey):
    table = question_table(survey, "10", "hinder")
    options = ["Bostadsbrist", "Brist på bostäder av rätt storlek", "Höga hyror"]
    assert table["Svarsalternativ"].tolist() == options
    assert table["Antal kommuner i länet"].tolist() == [3, 2, 0]
    assert table["Andel i riket (%)"].tolist() == [80.0, 60.0, 20.0]


def test_question_table_of_a_matrix_has_one_row_per_item(survey):
    table = question_table(survey, "10", "samverkan")
    assert table["Delfråga"].tolist() == ["andra kommuner", "Arbetsförmedlingen", "Försäkringskassan"]
    assert list(table.columns[1:3]) == [  # the shares first: compared without scrolling
        "Andel ganska eller mycket bra i länet (%)",
        "Andel ganska eller mycket bra i riket (%)",
    ]
    assert list(table.columns[3:9]) == [o.label for o in FUNGERAR.options]
    assert table.loc[2, "Ingen samverkan"] == 3
    assert table["Svarande kommuner"].tolist() == [3, 4, 4]
    assert table["Andel ganska eller mycket bra i länet (%)"].tolist() == [100.0, 50.0, 0.0]
    assert table["Andel ganska eller mycket bra i riket (%)"].tolist() == [75.0, 50.0, 33.3]


def test_question_table_of_a_number_question(survey):
    table = question_table(survey, "10", "platser")
    assert table["Mått"].tolist() == ["Svarande kommuner", "Summa", "Medel", "Median"]
    assert table["Blekinge län"].tolist() == [3, 35, 11.7, 10.0]
    assert table["Riket"].tolist() == [4, 42, 10.5, 8.5]


def test_comments_are_data_never_markdown(survey):
    comments = comments_block(survey, "00", "kommentar")
    assert comments[["Kommun", "Kommentar"]].values.tolist() == [
        ["Högsby", "Högsby kommenterar."],
        ["Olofström", HOSTILE_COMMENT],
    ]
    # The answers are example data: each invented text says so in its own cell.
    assert survey.synthetic and comments["Textens ursprung"].tolist() == [EXAMPLE_TEXT] * 2
    markdown = [
        title_block(survey, "10"),
        response_text(survey, "10"),
        *(b.sentence for s in section_blocks(survey, "10") for sub in s.subsections for b in sub.blocks),
    ]
    assert not any("samarbete" in text or "javascript" in text for text in markdown)


def test_national_comparison_table(survey):
    table = national_comparison_table(survey, "lots")
    assert len(table) == 22 and table["Län"].iloc[-1] == "Riket"
    assert list(table.columns) == [
        "Län",
        "Svarande kommuner",
        "Andel ganska eller mycket bra (%)",
        "Andel ganska eller mycket dåligt (%)",
        "Andel ingen samverkan (%)",
    ]
    rows = table.set_index("Län")
    assert rows.loc["Blekinge län"].tolist() == [4, 25.0, 50.0, 0.0]
    assert rows.loc["Kalmar län"].tolist() == [2, 100.0, 0.0, 0.0]
    assert pd.isna(rows.loc["Stockholms län", "Andel ganska eller mycket bra (%)"])
    matrix = national_comparison_table(survey, "samverkan").set_index("Län")
    assert matrix.loc["Riket", "andra kommuner (%)"] == 75.0
    choice = national_comparison_table(survey, "hinder").set_index("Län")
    assert choice.loc["Riket", "Bostadsbrist (%)"] == 80.0


# --- the Enkätsvar part ----------------------------------------------------------------------


def test_section_blocks_follow_the_codebook(survey):
    sections = section_blocks(survey, "10")
    assert [s.heading for s in sections] == ["Mottagande", "Samverkan", "Bosättning"]
    assert [sub.heading for sub in sections[2].subsections] == [HINDER, None]
    blocks = [b for s in sections for sub in s.subsections for b in sub.blocks]
    assert [(b.id, b.kind) for b in blocks] == [
        ("overenskommelse", "ja_nej"),
        ("samverkan", "matris"),
        ("lots", "skala"),
        ("hinder", "flerval"),
        ("kommentar", "fritext"),
        ("platser", "antal"),
    ]
    charts = {b.id: b.chart for b in blocks}
    assert charts["kommentar"] is None and charts["platser"] is None
    assert all(charts[i] is not None for i in ["overenskommelse", "samverkan", "lots", "hinder"])
    assert blocks[1].caption == "Hur fungerar samverkan med följande aktörer? – Blekinge län och riket"
    assert list(blocks[4].table.columns) == ["Kommun", "Kommentar", "Textens ursprung"]


def test_a_new_question_in_the_codebook_appears_without_code_change():
    new = Question(
        "tolk",
        "Mottagande",
        "Tolkning",
        "Har kommunen tillgång till tolk?",
        "ja_nej",
        YES_NO_SCALE,
        YES_NO_SCALE.options,
    )
    answers = {**ANSWERS, "tolk": {"1060": "Ja", "1080": "Nej", "1081": "Nej"}}
    survey = make_survey(make_codebook([*QUESTIONS[:1], new, *QUESTIONS[1:]]), answers)
    sections = section_blocks(survey, "10")
    assert [sub.heading for sub in sections[0].subsections] == ["Överenskommelser", "Tolkning"]
    block = sections[0].subsections[1].blocks[0]
    assert block.sentence.startswith(
        "På frågan ”Har kommunen tillgång till tolk?” svarar 1 kommun i länet ja och 2 nej."
    )
    assert block.sentence.endswith("Frågan besvarades av 3 av de 4 kommuner som svarade på enkäten.")


def test_reordered_scale_and_new_group_text_change_the_output():
    reordered = Scale("fungerar", (FUNGERAR.options[1], FUNGERAR.options[0], *FUNGERAR.options[2:]))
    questions = [
        dataclasses.replace(q, scale=reordered, options=reordered.options) if q.scale == FUNGERAR else q
        for q in QUESTIONS
    ]
    groups = {**GROUPS, "bra": "bra eller mycket bra"}
    survey = make_survey(make_codebook(questions, groups=groups, scales={"fungerar": reordered}))
    table = question_table(survey, "10", "lots")
    assert table["Svarsalternativ"].tolist()[:2] == ["Ganska bra", "Mycket bra"]
    assert "svarar 1 kommun i länet bra eller mycket bra" in question_sentence(survey, "10", "lots")
    assert list(question_table(survey, "10", "samverkan").columns[3:5]) == ["Ganska bra", "Mycket bra"]


# --- the shipped 2013 example data against the published Stockholm chapter -------------------


@pytest.fixture(scope="module")
def meta2013() -> SurveyResponses:
    if not (config.SURVEY_DIR / "2013" / "svar").is_dir():
        pytest.skip("svarsfilerna för 2013 saknas")
    return load_survey(2013)


def test_stockholm_2013_response_as_published(meta2013):
    text = response_text(meta2013, "01")
    assert "I Stockholms län besvarades enkäten av 19 av länets 26 kommuner (73 procent)." in text
    assert "Svarsfrekvensen för landet var 91 procent." in text
    assert (
        "De kommuner som har medverkat är: Botkyrka, Ekerö, Haninge, Järfälla, Lidingö, Nacka, Norrtälje, "
        "Salem, Sollentuna, Stockholm, Sundbyberg, Södertälje, Tyresö, Täby, Upplands-Bro, Upplands Väsby, "
        "Vallentuna, Värmdö och Österåker."
    ) in text
    assert "I stora delar av enkäten är svarsfrekvensen för länet endast 62 procent" in text
    assert "går det inte att dra några valida slutsatser för länet" in text


@pytest.mark.parametrize(
    ("item", "published"),
    [
        ("overenskommelse_nyanlanda", "svarar 18 kommuner i länet ja"),
        ("overenskommelse_ensamkommande", "svarar 18 kommuner i länet ja"),
        ("lokal_overenskommelse", "svarar 16 kommuner i länet ja och 3 nej"),
        (
            "samverkan_aktorer",
            "ganska eller mycket bra för andra kommuner (16), verksamheter inom kommunen (16), "
            "Kommunalförbundet/regionförbundet (13), Länsstyrelsen (13), Arbetsförmedlingen (10), "
            "ideella organisationer/föreningar (9), landstinget/primärvården (9), Migrationsverket (7), "
            "lokala/regionala näringslivet (6), Skatteverket (5) och Försäkringskassan (5).",
        ),
        (
            "samverkan_aktorer",
            "Antal kommuner som svarar ingen samverkan: Skatteverket (13), Försäkringskassan (11), "
            "lokala/regionala näringslivet (9), ideella organisationer/föreningar (8), "
            "landstinget/primärvården (7), Migrationsverket (5)",
        ),
        ("hinder_bosattning", "bostadsbrist (12), brist på bostäder av rätt storlek (11)"),
        ("etableringslots", "svarar 2 kommuner i länet ganska eller mycket bra, 7 ganska eller mycket"),
    ],
)
def test_stockholm_2013_sentences_give_the_published_counts(meta2013, item, published):
    assert published in question_sentence(meta2013, "01", item)
