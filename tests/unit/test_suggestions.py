"""Suggested development areas on the hand-made year of test_meta_report.

Blekinge län (4 of 5 answered): 3 of 4 answer 'Ingen samverkan' for Försäkringskassan (75 %,
riket 50 %) and 3 of 3 name Bostadsbrist among the hinder (100 %, riket 80 %); every other answer
signalling a problem is given by fewer than three kommuner.
"""

from __future__ import annotations

import dataclasses

import pytest
from test_meta_report import ANSWERS, FUNGERAR, QUESTIONS, make_codebook, make_survey

from metabok import config
from metabok.meta import suggestions
from metabok.meta.items import categories
from metabok.meta.suggestions import problem_answers, suggested_development_areas
from metabok.survey.codebook import YES_NO_SCALE, Option, Question, Scale
from metabok.survey.responses import load_survey


@pytest.fixture
def survey():
    return make_survey()


def _answers(survey, qid: str) -> list[tuple[str, list[str]]]:
    found = problem_answers(survey.codebook, survey.codebook.question(qid))
    return [(a.text, [o.label for o in a.options]) for a in found]


def test_problem_answers_of_the_scales(survey):
    assert _answers(survey, "lots") == [
        ("ganska eller mycket dåligt", ["Ganska dåligt", "Mycket dåligt"]),
        ("ingen samverkan", ["Ingen samverkan"]),
    ]
    assert _answers(survey, "overenskommelse") == [("nej", ["Nej"])]
    assert _answers(survey, "hinder") == [
        ("bostadsbrist", ["Bostadsbrist"]),
        ("brist på bostäder av rätt storlek", ["Brist på bostäder av rätt storlek"]),
        ("höga hyror", ["Höga hyror"]),
    ]
    assert _answers(survey, "platser") == [] and _answers(survey, "kommentar") == []


def test_problem_answers_need_a_direction():
    ungrouped = tuple(dataclasses.replace(o, group=None) for o in FUNGERAR.options)
    scale = Scale("ungrouped", ungrouped)
    question = Question("q", "A", None, "Hur fungerar det?", "skala", scale, ungrouped)
    codebook = make_codebook([question], scales={"ungrouped": scale})
    assert problem_answers(codebook, question) == []
    offers = (Option("Sfi", "sfi"),)
    choice = Question("c", "A", None, "Vilka insatser erbjuder ni?", "flerval", options=offers)
    assert problem_answers(codebook, choice) == []
    problem = (
        Option("Inte alls", "a"),
        Option("Till viss del", "b", "viss"),
        Option("Till stor del", "c", "viss"),
    )
    scale = Scale("problem", problem)
    question = Question("p", "A", None, "Är det ett problem?", "skala", scale, problem)
    groups = {"viss": "till viss eller stor del"}
    codebook = make_codebook([question], groups=groups, scales={"problem": scale})
    assert [(a.text, len(a.options)) for a in problem_answers(codebook, question)] == [
        ("till viss eller stor del", 2)
    ]
    assert categories(codebook, problem)[0].text == "inte alls"


def test_suggestions_are_triggered_and_ranked(survey):
    found = suggested_development_areas(survey, "10")
    assert [heading for heading, _ in found] == ["Hinder för bosättning", "Samverkan med andra aktörer"]
    hinder, samverkan = (text for _, text in found)
    assert hinder.startswith("Förslag utifrån svaren: Se över området ”Hinder för bosättning”, där")
    assert (
        "3 av 3 svarande kommuner i länet anger bostadsbrist på frågan ”Vilka är de största hindren för "
        "bosättning?” (100 procent, i riket 80 procent)."
    ) in hinder
    assert "storlek" not in hinder  # 2 kommuner: below MIN_KOMMUNER
    assert samverkan.endswith(
        "3 av 4 svarande kommuner i länet svarar ingen samverkan för Försäkringskassan (75 procent, "
        "i riket 50 procent)."
    )
    assert found == suggested_development_areas(survey, "10")  # deterministic


def test_no_suggestion_below_the_thresholds():
    answers = {**ANSWERS, "samverkan_fk": {**ANSWERS["samverkan_fk"], "1081": "Ganska bra"}}
    found = suggested_development_areas(make_survey(answers=answers), "10")
    assert [heading for heading, _ in found] == ["Hinder för bosättning"]  # 2 of 4: too few


def test_a_share_clearly_above_riket_is_a_finding(survey, monkeypatch):
    monkeypatch.setattr(suggestions, "PROBLEM_SHARE", 0.99)
    headings = [heading for heading, _ in suggested_development_areas(survey, "10")]
    assert headings == ["Hinder för bosättning", "Samverkan med andra aktörer"]  # 75 % vs 50 % in riket
    monkeypatch.setattr(suggestions, "ABOVE_NATIONAL", 0.3)
    assert [heading for heading, _ in suggested_development_areas(survey, "10")] == ["Hinder för bosättning"]


def test_low_response_comes_first_and_the_number_is_capped(survey, monkeypatch):
    found = suggested_development_areas(survey, "08")
    assert found[0][0] == "Svarsfrekvensen"
    assert "Enkäten besvarades av 2 av länets 12 kommuner (17 procent)." in found[0][1]
    assert all(text.startswith("Förslag utifrån svaren:") for _, text in found)
    monkeypatch.setattr(suggestions, "MAX_SUGGESTIONS", 1)
    assert [heading for heading, _ in suggested_development_areas(survey, "10")] == ["Hinder för bosättning"]


def test_riket_suggestions_make_no_comparison_with_riket(survey, monkeypatch):
    monkeypatch.setattr(config, "LOW_RESPONSE_RATE", 0.0)
    found = suggested_development_areas(survey, "00")
    assert found and all("i riket 80" not in text for _, text in found)
    assert any("4 av 5 svarande kommuner i riket anger bostadsbrist" in text for _, text in found)


def test_a_new_problem_question_in_the_codebook_gives_a_suggestion():
    text = "Har kommunen tillgång till tolk?"
    new = Question("tolk", "Mottagande", "Tolkning", text, "ja_nej", YES_NO_SCALE, YES_NO_SCALE.options)
    answers = {**ANSWERS, "tolk": {"1060": "Nej", "1080": "Nej", "1081": "Nej", "1082": "Ja"}}
    survey = make_survey(make_codebook([*QUESTIONS, new]), answers)
    found = dict(suggested_development_areas(survey, "10"))
    assert (
        "3 av 4 svarande kommuner i länet svarar nej på frågan ”Har kommunen tillgång till tolk?”"
        in (found["Tolkning"])
    )


@pytest.fixture(scope="module")
def meta2013_survey():
    if not (config.SURVEY_DIR / "2013" / "svar").is_dir():
        pytest.skip("svarsfilerna för 2013 saknas")
    return load_survey(2013)


def test_stockholm_2013(meta2013_survey):
    found = suggested_development_areas(meta2013_survey, "01")
    assert found[0][0] == "Svarsfrekvensen" and len(found) == suggestions.MAX_SUGGESTIONS
    assert "19 av länets 26 kommuner (73 procent)" in found[0][1]
    assert "I stora delar av enkäten var svarsfrekvensen 62 procent." in found[0][1]
