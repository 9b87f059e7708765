"""Charts of reception relative to population (altair / Vega-Lite), with Swedish number format.

Every chart carries a title and a `description` (its text alternative), and sets the
Swedish number locale in its own spec, so '12,3' and '1 234' also appear outside the book.
Riket ('00') is drawn per län; a län is drawn per kommun.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from metabok.config import NATIONAL_CODE
from metabok.county_picker import county_picker, emphasis
from metabok.formatting import fmt_dec, join_swedish
from metabok.reception.report import (
    SMALL_COUNT_LIMIT,
    county_table,
    display_rate,
    is_uncertain,
    missing_trend_years,
    municipality_table,
    national_summary,
    trend_display_years,
    trend_summary,
)
from metabok.sources.boundaries import county_geojson, municipality_geojson
from metabok.sources.geography import county_name

SWEDISH_NUMBER_LOCALE = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]}
RATE_TITLE = "Mottagna per 1 000 invånare"
RATE_FORMAT = ",.1f"
COUNT_FORMAT = ",d"
CERTAIN = f"{SMALL_COUNT_LIMIT} eller fler mottagna"
UNCERTAIN = f"Färre än {SMALL_COUNT_LIMIT} mottagna (osäker kvot)"
MISSING_COLOUR = "#d9d9d9"


def _swedish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(locale=alt.Locale(number=alt.NumberLocale(**SWEDISH_NUMBER_LOCALE)))


def _plain(value: object) -> object:
    """A JSON-ready value: None for missing, Python numbers for numpy ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _areas(year: int, county_code: str) -> pd.DataFrame:
    """One row per area drawn: namn, kod, totalt, folkmangd, per_1000_inv, kvot_text, underlag."""
    if county_code == NATIONAL_CODE:
        table = county_table(year).rename(columns={"lan": "namn", "lanskod": "kod"})
    else:
        table = municipality_table(year, county_code).rename(columns={"kommun": "namn", "kommunkod": "kod"})
    table = table[["namn", "kod", "totalt", "folkmangd", "per_1000_inv"]].copy()
    table["kvot_text"] = _rate_texts(table["totalt"], table["per_1000_inv"])
    table["underlag"] = [UNCERTAIN if is_uncertain(c) else CERTAIN for c in table["totalt"]]
    return table


def _rate_texts(counts: pd.Series, rates: pd.Series) -> list[str]:
    return [display_rate(count, rate) for count, rate in zip(counts, rates, strict=True)]


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def _where(county_code: str) -> str:
    return "landets län" if county_code == NATIONAL_CODE else f"kommunerna i {county_name(county_code)}"


def _tooltip(prefix: str = "") -> list[alt.Tooltip]:
    return [
        alt.Tooltip(f"{prefix}namn:N", title="Namn"),
        alt.Tooltip(f"{prefix}totalt:Q", title="Mottagna", format=COUNT_FORMAT),
        alt.Tooltip(f"{prefix}folkmangd:Q", title="Folkmängd 31 december", format=COUNT_FORMAT),
        alt.Tooltip(f"{prefix}kvot_text:N", title=RATE_TITLE),
    ]


def _extremes(areas: pd.DataFrame) -> str:
    known = areas.dropna(subset=["per_1000_inv"]).sort_values("per_1000_inv")
    if known.empty:
        return "Uppgift saknas."
    low, high = known.iloc[0], known.iloc[-1]
    return f"Högst: {high['namn']} ({high['kvot_text']}). Lägst: {low['namn']} ({low['kvot_text']})."


def rate_bar_chart(year: int, county_code: str) -> alt.TopLevelMixin:
    """Horizontal bars of mottagna per 1 000 invånare, highest first, with the median of the
    kommuner and riksgenomsnittet as rules; rates resting on few persons are drawn pale."""
    areas = _areas(year, county_code)
    national = national_summary(year)
    bars = (
        alt.Chart(alt.Data(values=_records(areas)))
        .mark_bar()
        .encode(
            y=alt.Y("namn:N", sort="-x", title=None),
            x=alt.X("per_1000_inv:Q", title=RATE_TITLE, axis=alt.Axis(format=RATE_FORMAT)),
            opacity=alt.Opacity(
                "underlag:N",
                scale=alt.Scale(domain=[CERTAIN, UNCERTAIN], range=[1.0, 0.4]),
                legend=alt.Legend(title="Underlag", orient="bottom", direction="vertical"),
            ),
            tooltip=_tooltip(),
        )
    )
    if county_code == NATIONAL_CODE:
        bars = bars.encode(**emphasis("datum.namn")).add_params(county_picker(areas["namn"].tolist()))
    references = pd.DataFrame(
        {
            "matt": ["Median för landets kommuner", "Riksgenomsnitt"],
            "varde": [national.median, national.riksgenomsnitt],
        }
    )
    references["varde_text"] = references["varde"].map(lambda v: fmt_dec(v, 1))
    rules = (
        alt.Chart(alt.Data(values=_records(references)))
        .mark_rule(strokeDash=[6, 3], size=2)
        .encode(
            x="varde:Q",
            color=alt.Color(
                "matt:N",
                title=None,
                scale=alt.Scale(range=["#b2182b", "#4d4d4d"]),
                legend=alt.Legend(title="Jämförelse", orient="bottom", direction="vertical"),
            ),
            tooltip=[alt.Tooltip("matt:N", title="Mått"), alt.Tooltip("varde_text:N", title=RATE_TITLE)],
        )
    )
    description = (
        f"Stapeldiagram: mottagna per 1 000 invånare {year} för {_where(county_code)}. {_extremes(areas)} "
        f"Medianen för landets kommuner var {fmt_dec(national.median, 1)} och riksgenomsnittet "
        f"{fmt_dec(national.riksgenomsnitt, 1)} mottagna per 1 000 invånare."
    )
    chart = alt.layer(bars, rules).properties(
        title=f"Mottagna per 1 000 invånare {year}, {_where(county_code)}",
        description=description,
        width=480,
        height=alt.Step(18),
    )
    return _swedish(chart)


def reception_map(year: int, county_code: str) -> alt.TopLevelMixin:
    """Choropleth of mottagna per 1 000 invånare: the län's kommuner, or the 21 län for '00'.
    Areas without a value are drawn grey with 'uppgift saknas' as tooltip."""
    areas = _areas(year, county_code).set_index("kod")
    if county_code == NATIONAL_CODE:
        collection, key = county_geojson(), "lanskod"
    else:
        collection, key = municipality_geojson(county_code), "kommunkod"
    features = collection["features"]
    for feature in features:
        row = areas.loc[feature["properties"][key]]
        values = {"namn": row["namn"], "totalt": row["totalt"], "folkmangd": row["folkmangd"]}
        values |= {"per_1000_inv": row["per_1000_inv"], "kvot_text": row["kvot_text"]}
        feature["properties"] = {name: _plain(value) for name, value in values.items()}
    background = (
        alt.Chart()
        .mark_geoshape(fill=MISSING_COLOUR, stroke="white", strokeWidth=0.5)
        .encode(tooltip=_tooltip("properties."))
    )
    coloured = (
        alt.Chart()
        .mark_geoshape(stroke="white", strokeWidth=0.5)
        .encode(
            color=alt.Color(
                "properties.per_1000_inv:Q",
                title=RATE_TITLE,
                scale=alt.Scale(scheme="blues"),
                legend=alt.Legend(format=RATE_FORMAT, orient="right"),
            ),
            tooltip=_tooltip("properties."),
        )
        .transform_filter("isValid(datum.properties.per_1000_inv)")
    )
    if county_code == NATIONAL_CODE:
        coloured = coloured.encode(
            **emphasis("datum.properties.namn", stroke="white", stroke_width=0.5)
        ).add_params(county_picker(areas["namn"].tolist()))
    description = f"Karta: mottagna per 1 000 invånare {year} för {_where(county_code)}. {_extremes(areas)}"
    chart = (
        alt.layer(background, coloured, data=alt.Data(values=features))
        .project(type="transverseMercator", rotate=[-15, 0, 0])
        .properties(
            title=f"Mottagna per 1 000 invånare {year}, {_where(county_code)}",
            description=description,
            width=420,
            height=480,
        )
    )
    return _swedish(chart)


def trend_chart(county_code: str) -> alt.TopLevelMixin:
    """Mottagna per 1 000 invånare per year for the län and riket. A year without a source (2017)
    breaks the line and is marked 'uppgift saknas' (never interpolated, never zero)."""
    table = trend_summary(county_code)
    missing = missing_trend_years()
    # Consecutive years with data form one segment; the line never bridges a missing year.
    table["segment"] = table["ar"].map(lambda year: str(sum(1 for gap in missing if gap < year)))
    table["kvot_text"] = _rate_texts(table["antal"], table["per_1000_inv"])
    known = table.dropna(subset=["per_1000_inv"])
    display_years = trend_display_years()
    years = alt.Scale(domain=display_years)
    x = alt.X("ar:O", title="År", scale=years, axis=alt.Axis(labelAngle=0))
    colour = alt.Color("omrade:N", title=None, legend=alt.Legend(orient="bottom"))
    tooltip = [
        alt.Tooltip("omrade:N", title="Område"),
        alt.Tooltip("ar:O", title="År"),
        alt.Tooltip("antal:Q", title="Mottagna", format=COUNT_FORMAT),
        alt.Tooltip("kvot_text:N", title=RATE_TITLE),
    ]
    y = alt.Y("per_1000_inv:Q", title=RATE_TITLE, axis=alt.Axis(format=RATE_FORMAT))
    base = alt.Chart(alt.Data(values=_records(known)))
    lines = base.mark_line().encode(x=x, y=y, color=colour, detail="segment:N")
    points = base.mark_point(filled=True, size=60).encode(x=x, y=y, color=colour, tooltip=tooltip)
    gap = alt.Chart(alt.Data(values=[{"ar": year, "text": "uppgift saknas"} for year in missing]))
    gap_rule = gap.mark_rule(strokeDash=[2, 4], color="#737373").encode(x=x)
    gap_text = gap.mark_text(dy=-6, color="#525252", fontStyle="italic").encode(
        x=x, y=alt.value(0), text="text:N"
    )
    lines_text = "; ".join(
        f"{area}: " + ", ".join(f"{int(r['ar'])} {r['kvot_text']}" for _, r in group.iterrows())
        for area, group in known.groupby("omrade", sort=False)
    )
    span = f"{display_years[0]}–{display_years[-1]}"
    gap_note = f" Uppgift för {join_swedish([str(y) for y in missing])} saknas." if missing else ""
    chart = alt.layer(lines, points, gap_rule, gap_text).properties(
        title=f"Mottagna per 1 000 invånare {span}",
        description=f"Linjediagram: mottagna per 1 000 invånare. {lines_text}.{gap_note}",
        width=420,
        height=260,
    )
    return _swedish(chart)
