"""The survey chapter's charts on the hand-made year of test_meta_report: data, marks and texts."""

from __future__ import annotations

import dataclasses

import pytest
from test_meta_report import FUNGERAR, QUESTIONS, make_codebook, make_survey

from metabok.meta.charts import (
    bar_segments,
    choice_chart,
    item_chart,
    response_rate_chart,
    response_rate_map,
    scale_chart,
)
from metabok.meta.items import scale_parts
from metabok.survey.codebook import YES_NO_SCALE, Scale


@pytest.fixture
def survey():
    return make_survey()


def _rows(spec: dict) -> list[dict]:
    """Every inline data row of a chart spec."""
    rows = [row for values in spec.get("datasets", {}).values() for row in values]
    return rows or spec.get("data", {}).get("values", [])


def _find(spec: object, key: str) -> list:
    """Every value of `key` anywhere in the spec."""
    found = []
    if isinstance(spec, dict):
        for name, value in spec.items():
            if name == key:
                found.append(value)
            found += _find(value, key)
    elif isinstance(spec, list):
        for value in spec:
            found += _find(value, key)
    return found


def _contrast(colour: str) -> float:
    """WCAG contrast ratio against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_bar_segments_diverge_from_zero():
    parts = scale_parts(FUNGERAR.options)
    shares = {"Mycket bra": 0.1, "Ganska bra": 0.2, "Ganska dåligt": 0.3, "Mycket dåligt": 0.1}
    shares |= {"Ingen samverkan": 0.2, "Vet ej": 0.1}
    segments = {o.label: (round(a, 6), round(b, 6), panel) for o, a, b, panel in bar_segments(parts, shares)}
    assert segments == {
        "Ganska bra": (0.0, 0.2, "skala"),  # the mildest positive option nearest zero
        "Mycket bra": (0.2, 0.3, "skala"),
        "Ganska dåligt": (0.0, -0.3, "skala"),
        "Mycket dåligt": (-0.3, -0.4, "skala"),
        "Ingen samverkan": (0.0, 0.2, "sidan"),
        "Vet ej": (0.2, 0.3, "sidan"),
    }


def test_bar_segments_split_a_middle_option_across_zero():
    parts = scale_parts(YES_NO_SCALE.options)
    assert [(o.label, a, b) for o, a, b, _ in bar_segments(parts, {"Ja": 0.75, "Nej": 0.25})] == [
        ("Ja", 0.0, 0.75),
        ("Nej", 0.0, -0.25),
    ]
    middle = scale_parts(tuple(dataclasses.replace(o, group=None) for o in FUNGERAR.options[:3]))
    shares = {"Mycket bra": 0.5, "Ganska bra": 0.2, "Ganska dåligt": 0.3}
    found = {o.label: (round(a, 6), round(b, 6)) for o, a, b, _ in bar_segments(middle, shares)}
    assert found == {"Mycket bra": (0.1, 0.6), "Ganska bra": (-0.1, 0.1), "Ganska dåligt": (-0.1, -0.4)}


def test_scale_chart_of_a_single_question(survey):
    spec = scale_chart(survey, "10", "lots").to_dict()
    assert len(spec["hconcat"]) == 2  # the scale and the 'Övriga svar' panel
    rows = {(r["omrade"], r["svar"]): r for r in _rows(spec)}
    lots = rows[("Blekinge län", "Ganska dåligt")]
    assert [lots[k] for k in ("antal", "svarande", "andel", "start", "slut")] == [1, 4, 0.25, 0.0, -0.25]
    assert rows[("Blekinge län", "Mycket dåligt")]["slut"] == -0.5
    assert rows[("Blekinge län", "Vet ej")]["panel"] == "sidan"
    assert rows[("Riket", "Ganska bra")]["andel"] == 0.5
    assert {r["rad"] for r in _rows(spec)} == {"Blekinge län", "Riket"}
    assert set(_find(spec, "type")) >= {"bar", "rule"}
    assert "Blekinge län 25 procent och riket 50 procent" in spec["description"]
    assert spec["description"].startswith("Liggande stapeldiagram över svaren på frågan ”Hur fungerar")


def test_scale_chart_colours_follow_the_scale_and_have_contrast(survey):
    spec = scale_chart(survey, "10", "lots").to_dict()
    scale = next(s for s in _find(spec, "scale") if "range" in s)
    assert scale["domain"] == [o.label for o in FUNGERAR.options]
    assert len(set(scale["range"])) == 6
    assert all(_contrast(colour) >= 3 for colour in scale["range"])
    assert _find(spec, "labelExpr") == ["format(abs(datum.value), '.0%')"] * 2
    assert "Andel kommuner" in _find(spec, "title")


def test_scale_chart_of_a_matrix_has_a_row_per_area_and_items_in_falling_order(survey):
    spec = scale_chart(survey, "10", "samverkan").to_dict()
    assert [f["row"]["sort"] for f in _find(spec, "facet")] == [["Blekinge län", "Riket"]] * 2
    sorts = [y["sort"] for y in _find(spec, "y")]
    assert sorts[0] == ["andra kommuner", "Arbetsförmedlingen", "Försäkringskassan"]
    rows = {(r["omrade"], r["rad"], r["svar"]): r for r in _rows(spec)}
    assert rows[("Blekinge län", "Försäkringskassan", "Ingen samverkan")]["andel"] == 0.75
    assert "störst för andra kommuner (100 procent)" in spec["description"]


def test_scale_chart_for_riket_shows_riket_only(survey):
    spec = scale_chart(survey, "00", "samverkan").to_dict()
    assert {r["omrade"] for r in _rows(spec)} == {"Riket"}
    assert _find(spec, "facet") == []


def test_a_reordered_scale_reorders_the_chart():
    reordered = Scale("fungerar", (FUNGERAR.options[1], FUNGERAR.options[0], *FUNGERAR.options[2:]))
    questions = [
        dataclasses.replace(q, scale=reordered, options=reordered.options) if q.scale == FUNGERAR else q
        for q in QUESTIONS
    ]
    spec = scale_chart(make_survey(make_codebook(questions)), "10", "lots").to_dict()
    scale = next(s for s in _find(spec, "scale") if "range" in s)
    assert scale["domain"][:2] == ["Ganska bra", "Mycket bra"]
    rows = {(r["omrade"], r["svar"]): r for r in _rows(spec)}
    assert rows[("Riket", "Mycket bra")]["start"] == 0.0  # now the mildest positive answer


def test_choice_chart(survey):
    spec = choice_chart(survey, "10", "hinder").to_dict()
    assert spec["mark"]["type"] == "bar"
    options = ["Bostadsbrist", "Brist på bostäder av rätt storlek", "Höga hyror"]
    assert spec["encoding"]["y"]["sort"] == options
    assert spec["encoding"]["yOffset"]["field"] == "omrade"
    rows = {(r["omrade"], r["svar"]): r for r in _rows(spec)}
    assert rows[("Blekinge län", "Bostadsbrist")]["andel"] == 1.0
    assert rows[("Riket", "Höga hyror")]["andel"] == 0.2
    assert spec["description"].endswith("Vanligast i Blekinge län: bostadsbrist (100 procent).")
    assert "yOffset" not in choice_chart(survey, "00", "hinder").to_dict()["encoding"]


def test_response_rate_chart_and_map(survey):
    spec = response_rate_chart(survey).to_dict()
    rule = spec["layer"][1]
    values = [r for r in _rows(spec) if "kommuner" in r]
    assert len(values) == 21
    assert next(r for r in values if r["lan"] == "Blekinge län")["andel"] == 0.8
    assert rule["mark"]["type"] == "rule"
    assert "Riket 2 procent" in spec["description"]
    assert "högst Blekinge län (80 procent)" in spec["description"]
    map_spec = response_rate_map(survey).to_dict()
    features = _rows(map_spec)
    assert len(features) == 21
    assert {f["properties"]["lan"]: f["properties"]["andel"] for f in features}["Kalmar län"] == 2 / 12
    assert map_spec["description"].startswith("Karta över svarsfrekvensen per län")


def test_item_chart_has_no_chart_for_numbers_and_comments(survey):
    assert item_chart(survey, "10", "platser") is None
    assert item_chart(survey, "10", "kommentar") is None
    assert item_chart(survey, "10", "overenskommelse") is not None
