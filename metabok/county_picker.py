"""Riket's comparison charts let a reader pick one län and see it against all the others: a drop-down
bound to a Vega-Lite parameter (in the page, no server) keeps the chosen län at full strength with
a dark outline and dims the rest. With no län chosen every län is drawn as usual. The charts of a
page share the choice (book/_static/metabok.js passes it on)."""

from __future__ import annotations

import altair as alt

PARAMETER = "valt_lan"  # the signal metabok.js keeps in step across a page's charts
NONE_CHOSEN = ""
DIMMED = 0.3
OUTLINE = "#000000"
OUTLINE_WIDTH = 2


def county_picker(names: list[str]) -> alt.Parameter:
    """The parameter and its drop-down of län names (data, passed to Vega as JSON values)."""
    return alt.param(
        name=PARAMETER,
        value=NONE_CHOSEN,
        bind=alt.binding_select(
            options=[NONE_CHOSEN, *names],
            labels=["Inget län markerat", *names],
            name="Markera ett län: ",
        ),
    )


def emphasis(accessor: str, stroke: str | None = None, stroke_width: float = 0) -> dict[str, object]:
    """Encoding channels for a mark whose län name is the Vega expression `accessor`
    ('datum.lan', 'datum.properties.lan'), drawn by default with `stroke` and `stroke_width`.
    Dimming uses fill opacity, so that a chart's own opacity channel keeps its meaning."""
    chosen = f"{accessor} == {PARAMETER}"
    shown = f"{PARAMETER} == '{NONE_CHOSEN}' || {chosen}"
    return {
        "fillOpacity": alt.condition(shown, alt.value(1), alt.value(DIMMED)),
        "stroke": alt.condition(chosen, alt.value(OUTLINE), alt.value(stroke)),
        "strokeWidth": alt.condition(chosen, alt.value(OUTLINE_WIDTH), alt.value(stroke_width)),
    }
