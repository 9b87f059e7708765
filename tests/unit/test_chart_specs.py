"""Every chart the chapters draw is a valid Vega-Lite spec. The build renders charts without
validating them (seconds per chapter); this test validates all charts of real chapters instead."""

from __future__ import annotations

import json
import re

import altair as alt
import jsonschema
import nbformat
import pytest

from metabok import county_picker
from metabok.build import site
from metabok.meta import chapter as meta_chapter
from metabok.page import Page
from metabok.reception import chapter as reception_chapter
from metabok.sources import geography
from metabok.vegalite import Datasets, field

CHAPTERS = [
    (site.META, 2013, "01"),
    (site.META, 2021, "00"),
    (site.META, 2021, "14"),
    (site.RECEPTION, 2018, "00"),
    (site.RECEPTION, 2018, "12"),
]


def drawn_charts(monkeypatch, tmp_path, kind, year, county) -> list[alt.TopLevelMixin]:
    """The charts a chapter's template hands to its page, in order."""
    charts = []
    original = Page.chart

    def keep(self, chart, name, caption):
        charts.append(chart)
        return original(self, chart, name, caption)

    monkeypatch.setattr(Page, "chart", keep)
    for module in (meta_chapter, reception_chapter):
        monkeypatch.setattr(module, "display", lambda *args, **kwargs: None)
    namespace = {"year": year, "county": county, "download_dir": str(tmp_path), "build_date": ""}
    for cell in nbformat.read(kind.template, as_version=4).cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            exec(cell.source, namespace)
    return charts


@pytest.mark.parametrize(("kind", "year", "county"), CHAPTERS, ids=lambda v: getattr(v, "name", str(v)))
def test_every_chart_of_a_chapter_validates_against_the_vega_lite_schema(
    monkeypatch, tmp_path, kind, year, county
):
    charts = drawn_charts(monkeypatch, tmp_path, kind, year, county)
    assert charts, "the chapter draws charts"
    for chart in charts:
        chart.to_dict(validate=True)  # raises SchemaValidationError on an invalid spec


def test_an_invalid_plain_vega_lite_chart_fails_validation():
    datasets = Datasets()
    body = {"data": datasets.ref([{"a": 1}]), "mark": "bar", "encoding": {"x": field("a", "not-a-type")}}
    with pytest.raises(jsonschema.ValidationError):
        datasets.chart(body).to_dict(validate=True)
    body["encoding"]["x"]["type"] = "quantitative"
    spec = datasets.chart(body).to_dict(validate=True)
    assert spec["datasets"] == {spec["data"]["name"]: [{"a": 1}]}


def test_an_invalid_chart_fails_validation():
    chart = alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q")
    chart.encoding.x.type = "not-a-type"
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        chart.to_dict(validate=True)


@pytest.mark.parametrize(("kind", "year", "county"), CHAPTERS, ids=lambda v: getattr(v, "name", str(v)))
def test_riket_charts_let_the_reader_mark_any_of_the_21_lan(monkeypatch, tmp_path, kind, year, county):
    """Riket's per-län charts carry the drop-down of all 21 län (and 'none'); a län chapter's do not."""
    pickers = []
    for chart in drawn_charts(monkeypatch, tmp_path, kind, year, county):
        spec = json.dumps(chart.to_dict())
        found = re.findall(rf'"name": "{county_picker.PARAMETER}", "bind": (\{{.*?\}})', spec)
        pickers += [json.loads(bind) for bind in found]
    if county != "00":
        assert pickers == []
        return
    assert len(pickers) == 2, "the bar chart and the map of riket"
    names = {site.area_name(code) for code in geography.county_codes()}
    for bind in pickers:
        assert bind["input"] == "select" and bind["options"][0] == county_picker.NONE_CHOSEN
        assert set(bind["options"][1:]) == names and len(bind["options"]) == 22
