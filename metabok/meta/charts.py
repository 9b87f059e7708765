"""The survey chapter's charts: answers on a scale, multiple-choice answers and response rates
(bars and map), for one län beside riket.

Pure functions returning charts with small inline data and a `description` (the chart's text
alternative): the charts drawn for every question are written as plain Vega-Lite
(metabok.vegalite, many per page), the response-rate chart and map with Altair (one each).
Labels are Swedish; number formats follow the d3 locale the book sets when it embeds the chart.
Colours: blues for the positive side of a scale, oranges for the negative side, greys beside the
bars; every colour has at least 3:1 contrast against white.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from metabok import config
from metabok.county_picker import county_picker, emphasis
from metabok.formatting import join_swedish
from metabok.meta.items import (
    Category,
    Item,
    Matrix,
    ScaleParts,
    counts,
    headline_category,
    resolve_item,
    scale_parts,
)
from metabok.meta.report import county_response_table
from metabok.meta.wording import answer_verb, in_running_text, percent_text, short_name
from metabok.sources import geography
from metabok.sources.boundaries import county_geojson
from metabok.survey.codebook import Option, Question
from metabok.survey.responses import SurveyResponses
from metabok.vegalite import Datasets, Spec, field, tooltip

POSITIVE = ["#08306b", "#08519c", "#2171b5", "#4292c6"]  # strongest first
NEGATIVE = ["#e6550d", "#c2410c", "#a63603", "#7f2704"]  # mildest first
MIDDLE = "#8c6d31"
SIDE = ["#525252", "#737373", "#8c8c8c"]
AREA_COLOURS = ["#08519c", "#737373"]  # the län, riket
SIDE_MIN_DOMAIN = 0.2  # the 'Övriga svar' panel shows at least 0–20 %
SHARE_TITLE = "Andel kommuner"
PERCENT = ".0%"
ABSOLUTE_PERCENT = "format(abs(datum.value), '.0%')"  # negative side shown without sign


def _pick(ramp: list[str], n: int) -> list[str]:
    """n colours spread over a ramp (ordered as the ramp)."""
    if n <= 0:
        return []
    if n >= len(ramp):
        return [ramp[i % len(ramp)] for i in range(n)]
    step = (len(ramp) - 1) / max(n - 1, 1)
    return [ramp[round(i * step)] for i in range(n)] if n > 1 else [ramp[len(ramp) // 2]]


def _areas(county: str) -> list[str]:
    return [county] if county == config.NATIONAL_CODE else [county, config.NATIONAL_CODE]


# --- scales ----------------------------------------------------------------------------------


def bar_segments(parts: ScaleParts, shares: dict[str, float]) -> list[tuple[Option, float, float, str]]:
    """(option, start, end, panel) of each bar segment: the positive side from zero to the right
    (mildest option nearest zero), the negative side to the left, a middle option split across
    zero (panel 'skala'); the options beside the scale stacked from zero (panel 'sidan')."""
    segments = []
    middle = sum(shares[o.label] for o in parts.middle) / 2
    position = middle
    for option in reversed(parts.positive):
        segments.append((option, position, position + shares[option.label], "skala"))
        position += shares[option.label]
    position = -middle if middle else 0.0
    for option in parts.negative:
        segments.append((option, position, position - shares[option.label], "skala"))
        position -= shares[option.label]
    segments += [(option, -middle, middle, "skala") for option in parts.middle]
    position = 0.0
    for option in parts.side:
        segments.append((option, position, position + shares[option.label], "sidan"))
        position += shares[option.label]
    return segments


def _scale_rows(
    survey: SurveyResponses, county: str, questions: tuple[Question, ...], by_area: bool
) -> list[dict]:
    """One row per area, question and option with the bar segment's start and end."""
    parts = scale_parts(questions[0].options)
    rows = []
    for area in _areas(county):
        area_name = geography.county_name(area)
        for question in questions:
            found = counts(survey, area, question)
            if not found.answered:
                continue
            shares = {label: n / found.answered for label, n in found.by_label.items()}
            for option, start, end, panel in bar_segments(parts, shares):
                rows.append(
                    {
                        "omrade": area_name,
                        "rad": area_name if by_area else short_name(question),
                        "svar": option.label,
                        "andel": shares[option.label],
                        "antal": found.by_label[option.label],
                        "svarande": found.answered,
                        "start": start,
                        "slut": end,
                        "panel": panel,
                    }
                )
    return rows


def scale_chart(survey: SurveyResponses, county: str, item: Item | str) -> Spec:
    """Diverging stacked bars for a ja_nej or skala question or a matrix: the positive side of
    the scale right of zero, the negative side left of it, neutral answers ('Vet ej') and a
    separate last group ('Ingen samverkan') in a panel of their own to the right. The län is
    shown beside riket: as two bars for a single question, as two rows of panels for a matrix.
    Each panel has one x scale for the län and riket, so their bars compare directly."""
    item = resolve_item(survey.codebook, item)
    questions = item.questions if isinstance(item, Matrix) else (item,)
    options = questions[0].options
    parts = scale_parts(options)
    single = not isinstance(item, Matrix)
    rows = _scale_rows(survey, county, questions, by_area=single)
    colour = field(
        "svar",
        "nominal",
        scale={
            "domain": [o.label for o in (*parts.positive, *parts.middle, *parts.negative, *parts.side)],
            "range": _pick(POSITIVE, len(parts.positive))
            + [MIDDLE] * len(parts.middle)
            + _pick(NEGATIVE, len(parts.negative))
            + _pick(SIDE, len(parts.side)),
        },
        sort=[o.label for o in options],
        legend={"title": "Svar", "orient": "bottom", "columns": 3, "symbolType": "square", "labelLimit": 300},
    )
    category = headline_category(survey.codebook, options)
    if single:
        row_order = [geography.county_name(a) for a in _areas(county)]
    else:
        row_order = _item_order(survey, county, questions, category)
    panel = ScalePanel(
        colour, row_order, facet_rows=not single and county != config.NATIONAL_CODE, single=single
    )
    datasets = Datasets()
    scale = [row for row in rows if row["panel"] == "skala"]
    panels = [panel.view(datasets, scale, "Svar på skalan", labels=True)]
    if parts.side:
        side = [row for row in rows if row["panel"] == "sidan"]
        reach = max([SIDE_MIN_DOMAIN, *(row["slut"] for row in side)])
        panels.append(panel.view(datasets, side, "Övriga svar", labels=False, reach=reach))
    body = {"hconcat": panels, "spacing": 12} if len(panels) > 1 else panels[0]
    return datasets.chart({**body, "description": _scale_description(survey, county, item, category)})


@dataclass(frozen=True)
class ScalePanel:
    """The panels of one scale chart: the bars in the colours of the scale, a rule at zero;
    with `facet_rows` one row of bars per area."""

    colour: dict
    row_order: list[str]
    facet_rows: bool
    single: bool

    def view(
        self, datasets: Datasets, rows: list[dict], title: str, labels: bool, reach: float | None = None
    ) -> dict:
        """One panel; `reach` fixes the end of the x axis (the side panel's small shares keep
        readable ticks)."""
        x = field(
            "start",
            "quantitative",
            title=SHARE_TITLE,
            axis={"format": PERCENT, "labelExpr": ABSOLUTE_PERCENT, "tickCount": 5 if labels else 3},
        )
        if reach:
            x["scale"] = {"domain": [0, reach], "nice": True}
        bars = {
            "mark": {"type": "bar", "stroke": "white", "strokeWidth": 1},
            "encoding": {
                "x": x,
                "x2": {"field": "slut"},
                "y": field(
                    "rad",
                    "nominal",
                    sort=self.row_order,
                    title=None,
                    axis={"labelLimit": 260} if labels else None,
                ),
                "color": self.colour,
                "tooltip": [
                    tooltip("omrade", "nominal", "Område"),
                    tooltip("rad", "nominal", "Fråga" if self.single else "Delfråga"),
                    tooltip("svar", "nominal", "Svar"),
                    tooltip("antal", "quantitative", "Antal kommuner"),
                    tooltip("andel", "quantitative", SHARE_TITLE, PERCENT),
                    tooltip("svarande", "quantitative", "Svarande kommuner"),
                ],
            },
        }
        zero = {"mark": {"type": "rule", "color": "#252525"}, "encoding": {"x": {"datum": 0}}}
        layered = {"layer": [bars, zero], "width": 340 if labels else 150, "height": {"step": 18}}
        if self.facet_rows:
            header = {"labels": labels, "labelAngle": 0, "labelAlign": "left", "labelFontWeight": "bold"}
            areas = list(dict.fromkeys(row["omrade"] for row in rows))
            row = field("omrade", "nominal", sort=areas, title=None, header=header)
            layered = {"facet": {"row": row}, "spec": layered}
        return {"data": datasets.ref(rows), **layered, "title": {"text": title, "fontSize": 12}}


def _item_order(
    survey: SurveyResponses, county: str, questions: tuple[Question, ...], category: Category
) -> list[str]:
    """Matrix items in falling order by the headline category in the area (as in the table)."""
    pairs = []
    for question in questions:
        found = counts(survey, county, question)
        pairs.append((short_name(question), found.of(category.options)))
    return [name for name, _ in sorted(pairs, key=lambda pair: -pair[1])]


def _headline_share(
    survey: SurveyResponses, area: str, question: Question, category: Category
) -> float | None:
    found = counts(survey, area, question)
    return found.share(found.of(category.options))


def _scale_description(survey: SurveyResponses, county: str, item: Item, category: Category) -> str:
    """The text alternative: what is shown and the headline result."""
    lead = item.questions[0] if isinstance(item, Matrix) else item
    verb = answer_verb(survey.codebook, lead, category.text)
    area = geography.county_name(county)
    areas = "riket" if county == config.NATIONAL_CODE else f"{area} och riket"
    intro = f"Liggande stapeldiagram över svaren på frågan ”{item.text}”, {areas}."
    if isinstance(item, Matrix):
        shares = [(short_name(q), _headline_share(survey, county, q, category)) for q in item.questions]
        shares = [(name, share) for name, share in shares if share is not None]
        if not shares:
            return intro
        high = max(shares, key=lambda pair: pair[1])
        return (
            f"{intro} Andel kommuner som {verb} per delfråga; i {area if county != '00' else 'riket'} "
            f"störst för {high[0]} ({percent_text(high[1])})."
        )
    parts = []
    for code in _areas(county):
        share = _headline_share(survey, code, item, category)
        if share is not None:
            name = "riket" if code == config.NATIONAL_CODE else geography.county_name(code)
            parts.append(f"{name} {percent_text(share)}")
    if not parts:
        return intro
    return f"{intro} Andel kommuner som {verb}: {join_swedish(parts)}."


# --- multiple choice -------------------------------------------------------------------------


def choice_chart(survey: SurveyResponses, county: str, question: Question | str) -> Spec:
    """Horizontal bars for a flerval question: the share of kommuner choosing each option, the
    län beside riket, options in falling order by the län's share."""
    question = resolve_item(survey.codebook, question)
    rows = []
    for area in _areas(county):
        found = counts(survey, area, question)
        if not found.answered:
            continue
        for option in question.options:
            n = found.of((option,))
            rows.append(
                {
                    "omrade": geography.county_name(area),
                    "svar": option.label,
                    "antal": n,
                    "svarande": found.answered,
                    "andel": n / found.answered,
                }
            )
    local = counts(survey, county, question)
    order = [o.label for o in sorted(question.options, key=lambda o: -local.of((o,)))]
    area_names = [geography.county_name(a) for a in _areas(county)]
    encoding = {
        "x": field(
            "andel",
            "quantitative",
            title=SHARE_TITLE,
            axis={"format": PERCENT, "tickCount": 5},
            scale={"domain": [0, 1]},
        ),
        "y": field("svar", "nominal", sort=order, title=None, axis={"labelLimit": 320}),
        "color": field(
            "omrade",
            "nominal",
            scale={"domain": area_names, "range": AREA_COLOURS[: len(area_names)]},
            legend={"title": "Område", "orient": "bottom"},
        ),
        "tooltip": [
            tooltip("omrade", "nominal", "Område"),
            tooltip("svar", "nominal", "Svar"),
            tooltip("antal", "quantitative", "Antal kommuner"),
            tooltip("andel", "quantitative", SHARE_TITLE, PERCENT),
            tooltip("svarande", "quantitative", "Svarande kommuner"),
        ],
    }
    if len(area_names) > 1:
        encoding["yOffset"] = field("omrade", "nominal", sort=area_names)
    where = "riket" if county == config.NATIONAL_CODE else area_names[0]
    areas = "riket" if county == config.NATIONAL_CODE else f"{where} och riket"
    description = f"Liggande stapeldiagram över svaren på frågan ”{question.text}”, {areas}."
    if local.answered:
        best = max(question.options, key=lambda o: local.of((o,)))
        share = percent_text(local.of((best,)) / local.answered)
        description += f" Vanligast i {where}: {in_running_text(best.label)} ({share})."
    datasets = Datasets()
    return datasets.chart(
        {
            "data": datasets.ref(rows),
            "mark": {"type": "bar"},
            "encoding": encoding,
            "width": 420,
            "height": {"step": 14 if len(area_names) > 1 else 20},
            "description": description,
        }
    )


# --- response rate ---------------------------------------------------------------------------


def response_rate_chart(survey: SurveyResponses) -> alt.LayerChart:
    """Bars of the response rate per län (falling order) with a rule at riket's rate."""
    table = county_response_table(survey)
    data = pd.DataFrame(
        {
            "lan": table["Län"],
            "svarande": table["Svarande kommuner"],
            "kommuner": table["Kommuner"],
            "andel": table["Svarande kommuner"] / table["Kommuner"],
        }
    )
    national = data[data["lan"] == config.NATIONAL_NAME].iloc[0]
    counties = data[data["lan"] != config.NATIONAL_NAME].reset_index(drop=True)
    order = counties.sort_values("andel", ascending=False, kind="stable")["lan"].tolist()
    bars = (
        alt.Chart(counties)
        .mark_bar(color=POSITIVE[2])
        .encode(
            x=alt.X(
                "andel:Q",
                title="Svarsfrekvens",
                axis=alt.Axis(format=PERCENT),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("lan:N", sort=order, title=None),
            tooltip=[
                alt.Tooltip("lan:N", title="Län"),
                alt.Tooltip("svarande:Q", title="Svarande kommuner"),
                alt.Tooltip("kommuner:Q", title="Kommuner"),
                alt.Tooltip("andel:Q", title="Svarsfrekvens", format=PERCENT),
            ],
            **emphasis("datum.lan"),
        )
        .add_params(county_picker(counties["lan"].tolist()))
    )
    rule = (
        alt.Chart(pd.DataFrame({"andel": [national["andel"]], "lan": [config.NATIONAL_NAME]}))
        .mark_rule(color="#252525", strokeDash=[4, 3], strokeWidth=2)
        .encode(x="andel:Q", tooltip=[alt.Tooltip("andel:Q", title="Svarsfrekvens i riket", format=PERCENT)])
    )
    high, low = counties.loc[counties["andel"].idxmax()], counties.loc[counties["andel"].idxmin()]
    description = (
        f"Liggande stapeldiagram över svarsfrekvensen per län i {survey.codebook.survey_name}. "
        f"Riket {percent_text(national['andel'])} (streckad linje); "
        f"högst {high['lan']} ({percent_text(high['andel'])}), "
        f"lägst {low['lan']} ({percent_text(low['andel'])})."
    )
    return alt.layer(bars, rule).properties(width=420, height=alt.Step(16), description=description)


def response_rate_map(survey: SurveyResponses) -> alt.Chart:
    """Choropleth of the response rate per län (darker = higher); the colour scale starts at the
    lowest rate rounded down to ten per cent, so that differences between län show."""
    table = county_response_table(survey).set_index("Län")
    collection = county_geojson()
    for feature in collection["features"]:
        name = feature["properties"]["lan"]
        respondents, total = int(table.loc[name, "Svarande kommuner"]), int(table.loc[name, "Kommuner"])
        feature["properties"] = {
            "lan": name,
            "svarande": respondents,
            "kommuner": total,
            "andel": respondents / total,
        }
    rates = {f["properties"]["lan"]: f["properties"]["andel"] for f in collection["features"]}
    high, low = max(rates, key=rates.get), min(rates, key=rates.get)
    description = (
        f"Karta över svarsfrekvensen per län i {survey.codebook.survey_name}; mörkare färg betyder högre "
        f"svarsfrekvens. Högst {high} ({percent_text(rates[high])}), "
        f"lägst {low} ({percent_text(rates[low])})."
    )
    return (
        alt.Chart(alt.Data(values=collection["features"]))
        .mark_geoshape()
        .encode(
            **emphasis("datum.properties.lan", stroke="white", stroke_width=0.5),
            color=alt.Color(
                "properties.andel:Q",
                title="Svarsfrekvens",
                scale=alt.Scale(scheme="blues", domain=[math.floor(rates[low] * 10) / 10, 1]),
                legend=alt.Legend(format=PERCENT, orient="right"),
            ),
            tooltip=[
                alt.Tooltip("properties.lan:N", title="Län"),
                alt.Tooltip("properties.svarande:Q", title="Svarande kommuner"),
                alt.Tooltip("properties.kommuner:Q", title="Kommuner"),
                alt.Tooltip("properties.andel:Q", title="Svarsfrekvens", format=PERCENT),
            ],
        )
        .project(type="transverseMercator", rotate=[-15, 0, 0])
        .add_params(county_picker(list(rates)))
        .properties(width=360, height=480, description=description)
    )


def item_chart(survey: SurveyResponses, county: str, item: Item | str) -> Spec | None:
    """The chart for a question or matrix: scale_chart, choice_chart, or None (antal, fritext)."""
    item = resolve_item(survey.codebook, item)
    if isinstance(item, Matrix) or item.type in ("ja_nej", "skala"):
        return scale_chart(survey, county, item)
    if item.type == "flerval":
        return choice_chart(survey, county, item)
    return None
