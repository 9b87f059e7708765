"""Tests of the tests: every browser check used on the site fails on a small page made to break it.

Each page is written to tmp_path with the site's own copy of vega and served on 127.0.0.1. A good
page (a chart drawn by page.chart_html with a table beside it, headings in order, data text escaped)
passes every check; each broken page fails exactly the check that guards against its fault.
"""

from __future__ import annotations

import html
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from browser import checks
from metabok import config
from metabok.build import publications
from metabok.page import chart_html, html_table

from helpers import serve

PAYLOAD = '<script>alert("x")</script> och <img src=x onerror=alert(1)>'
MARKERS = ['alert("x")', "alert(1)"]
TABLE = html_table(pd.DataFrame({"Svar": ["Ja", "Nej"], "Antal": [3, 1]}), "Antal kommuner per svar", "prov")


def good_chart(description: str = "Stapeldiagram: 3 kommuner svarade Ja och 1 Nej.") -> alt.Chart:
    data = pd.DataFrame({"Svar": ["Ja", "Nej"], "Antal": [3, 1]})
    return alt.Chart(data).mark_bar().encode(x="Antal:Q", y="Svar:N").properties(description=description)


class InvalidSpec:
    """A chart whose Vega-Lite spec is invalid (an unknown mark type); altair would refuse it."""

    def to_dict(self, **options) -> dict:
        return {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "description": "Ett diagram som inte går att rita.",
            "data": {"values": [{"Svar": "Ja", "Antal": 3}]},
            "mark": "ingen_sadan_markering",
            "encoding": {"x": {"field": "Antal", "type": "quantitative"}},
        }


def document(body: str) -> str:
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Provsida</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,"><script defer src="vega-bundle.js"></script>'
        '<script defer src="metabok.js"></script></head>'
        f"<body><main><article>{body}</article></main></body></html>"
    )


# A menu button and the theme's dialog: MENU with OPENS_MENU opens the chapter list on a tap, without
# it the button does nothing (the fault the site had: the theme wired up a hidden twin of the button).
MENU = (
    "<h1>Prov</h1><button class='primary-toggle'>Meny</button><dialog id='pst-primary-sidebar-modal'>"
    "<nav><a href='bra.html'>Stockholms län – META 2013</a></nav></dialog><script>{script}</script>"
)
OPENS_MENU = (
    "const d = document.getElementById('pst-primary-sidebar-modal');"
    "document.querySelector('.primary-toggle').addEventListener('click', () => d.showModal());"
)

PAGES = {
    "bra": "<h1>Prov</h1><section><h2>Svar</h2>"
    + TABLE
    + chart_html(good_chart(), "bra", "Antal kommuner per svar")
    + f"<p>{html.escape(PAYLOAD)}</p></section>",
    "trasigt_diagram": "<h1>Prov</h1><section><h2>Svar</h2>"
    + TABLE
    + chart_html(InvalidSpec(), "trasigt", "Ett diagram som inte går att rita")
    + "</section>",
    "utan_textalternativ": "<h1>Prov</h1><section><h2>Svar</h2>"
    + TABLE
    + chart_html(good_chart(description=""), "utan_text", "")
    + "</section>",
    "utan_tabell": "<h1>Prov</h1><section><h2>Svar</h2>"
    + chart_html(good_chart(), "utan_tabell", "Antal kommuner per svar")
    + "</section><section><h2>Tabell</h2>"
    + TABLE
    + "</section>",
    "skript_ur_data": f"<h1>Prov</h1><section><h2>Kommentarer</h2><p>{PAYLOAD}</p></section>",
    "hoppad_rubrik": "<h1>Prov</h1><section><h3>Svar</h3><p>Text.</p></section>",
    "tva_h1": "<h1>Prov</h1><h1>Prov igen</h1>",
    "meny": MENU.format(script=OPENS_MENU),
    "dod_meny": MENU.format(script=""),
    "tung_html": "<h1>Prov</h1><p>" + "Text som gör sidan tung. " * 13_000 + "</p>",
    "tunga_filer": "<h1>Prov</h1><script defer src='tung.js'></script>",
    "for_bred": "<h1>Prov</h1><p style='width: 600px'>En rad som är bredare än en telefon.</p>",
    "liten_text": "<h1>Prov</h1><div class='metabok-vis' id='vis-liten'><svg viewBox='0 0 1200 100' "
    "width='1200' height='100' style='max-width: 100%; height: auto'>"
    "<text x='10' y='50' font-size='12'>Riket</text></svg></div>",
    # Two axis labels drawn 1 px apart, as vega drew '0,0' and '1,0' on a narrow axis before; a row's
    # name removed for lack of room (opacity 0); a number thinned out, as vega may.
    "trangda_etiketter": "<h1>Prov</h1><div class='metabok-vis' id='vis-trangd'><svg width='300' height='90'>"
    "<g class='mark-group role-axis'><g class='mark-text role-axis-label' font-size='12'>"
    "<text x='10' y='30'>0,0</text><text id='trangd' y='30'>1,0</text>"
    "<text x='150' y='30' opacity='0'>2,0</text><text x='10' y='60' opacity='0'>Riket</text>"
    "</g></g></svg></div>"
    "<script>const t = document.getElementById('trangd');"
    "t.setAttribute('x', t.previousElementSibling.getBBox().width + 11);</script>",
    # Two panels one under the other, as a narrow chart stacks them: the lower panel's bars without
    # the rows' names. Beside it, the same two panels side by side, as a wide chart draws them, sharing
    # the first panel's row names: not a problem.
    "omarkt_panel": "<h1>Prov</h1>"
    + "".join(
        f"<div class='metabok-vis' id='vis-{chart}'><svg width='300' height='200'>"
        + "".join(
            f"<g class='mark-group role-scope concat_{i}_group' transform='translate({x * i},{y * i})'>"
            f"<g class='mark-group role-axis'><g class='mark-text role-axis-label'>{names}"
            "<text x='150' y='60'>50 %</text></g></g></g>"
            for i, names in enumerate(
                ["<text x='10' y='20'>Stockholms län</text><text x='10' y='40'>Riket</text>", ""]
            )
        )
        + "</svg></div>"
        for chart, x, y in (("omarkt", 0, 100), ("bredvid", 150, 0))
    ),
    "dold_kolumn": "<h1>Prov</h1><div class='metabok-table-wrap' style='overflow-x: auto; width: 300px'>"
    + html_table(
        pd.DataFrame(
            {
                "Delfråga": ["andra kommuner"],
                **{f"Svar {i}": [i] for i in range(12)},
                "Andel i riket (%)": [50.0],
            }
        ),
        "En bred tabell",
    )
    + "</div>",
    "sammanfattning_utan_namn": (
        "<h1>Prov</h1><nav class='bd-sidenav'><details><summary><i></i></summary><p>a</p></details></nav>"
        "<details><summary><i></i></summary><p>b</p></details>"
    ),
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("provsidor")
    (folder / "vega-bundle.js").write_bytes(publications.vega_bundle())
    script = config.PROJECT_ROOT / "book" / "_static" / "metabok.js"
    (folder / "metabok.js").write_bytes(script.read_bytes())
    (folder / "tung.js").write_text("// " + "x" * 700_000, encoding="utf-8")
    for name, body in PAGES.items():
        (folder / f"{name}.html").write_text(document(body), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def fixture_url(fixture_site):
    with serve(fixture_site) as url:
        yield url


def test_the_good_page_passes_every_check(page, axe_script, fixture_url):
    events = checks.open_page(page, f"{fixture_url}/bra.html")
    assert checks.chart_count(page) == 1
    assert checks.undrawn_charts(page) == []
    assert checks.charts_without_text_alternative(page) == []
    assert checks.charts_without_table(page) == []
    assert checks.heading_problems(page) == []
    assert checks.injected_code_problems(page, events, MARKERS) == []
    assert checks.missing_texts(page, [PAYLOAD]) == []
    assert checks.axe_violations(page) == []
    assert events.errors == []


def test_a_chart_with_an_invalid_spec_fails_the_chart_check(page, fixture_url):
    checks.open_page(page, f"{fixture_url}/trasigt_diagram.html")
    problems = checks.undrawn_charts(page)
    assert any(p.startswith("diagrammet ritades inte: #vis-") for p in problems), problems
    assert any("har bara 0 grafiska element" in p for p in problems), problems


def test_a_chart_without_text_alternative_fails_the_alt_check_and_axe(page, axe_script, fixture_url):
    checks.open_page(page, f"{fixture_url}/utan_textalternativ.html")
    assert checks.undrawn_charts(page) == []  # it draws; only its text alternative is missing
    assert any("saknar textalternativ" in p for p in checks.charts_without_text_alternative(page))
    assert any(p.startswith("role-img-alt (serious)") for p in checks.axe_violations(page))


def test_a_chart_without_a_table_in_its_section_fails_the_table_check(page, fixture_url):
    checks.open_page(page, f"{fixture_url}/utan_tabell.html")
    assert checks.undrawn_charts(page) == []
    assert any("ingen tabell" in p for p in checks.charts_without_table(page))


def test_script_from_data_fails_the_no_script_check(page, fixture_url):
    events = checks.open_page(page, f"{fixture_url}/skript_ur_data.html")
    problems = checks.injected_code_problems(page, events, MARKERS)
    assert any("dialogruta" in p and "x" in p for p in problems)  # the <script> ran
    assert any("dialogruta" in p and "1" in p for p in problems)  # the onerror ran
    assert any("<script>-element" in p for p in problems)
    assert any("<img src=x>" in p for p in problems)
    assert any("onerror" in p for p in problems)
    assert checks.missing_texts(page, [PAYLOAD]) == [PAYLOAD]  # not shown as text either


def test_a_skipped_heading_level_fails_the_heading_check(page, fixture_url):
    checks.open_page(page, f"{fixture_url}/hoppad_rubrik.html")
    assert checks.heading_problems(page) == ["h1 'Prov' följs av h3 'Svar': nivå h2 hoppas över"]


def test_two_h1_fail_the_heading_check(page, fixture_url):
    checks.open_page(page, f"{fixture_url}/tva_h1.html")
    assert checks.heading_problems(page) == ["sidan har 2 synliga h1-rubriker, ska ha en"]


def test_theme_exceptions_are_narrow(page, axe_script, fixture_url):
    """A nameless <summary> in the theme's sidebar is excused; the same anywhere else is not."""
    checks.open_page(page, f"{fixture_url}/sammanfattning_utan_namn.html")
    summary = [p for p in checks.axe_violations(page) if p.startswith("summary-name")]
    assert len(summary) == 1
    assert "bd-sidenav" not in summary[0]


@pytest.fixture
def phone(browser):
    context = browser.new_context(**checks.PHONE)
    yield context.new_page()
    context.close()


def test_the_phone_checks_pass_on_good_pages(phone, fixture_url):
    checks.open_page(phone, f"{fixture_url}/meny.html")
    assert checks.menu_problems(phone) == []
    assert checks.page_overflow(phone) == []
    checks.open_page(phone, f"{fixture_url}/bra.html")
    assert checks.small_chart_text(phone) == []  # the chart is redrawn for the phone's width
    assert checks.panel_labels(phone).problems == []


def test_page_weight_passes_a_light_page_and_fails_heavy_html_or_heavy_requests(browser, fixture_url):
    assert checks.weight_problems(checks.page_weight(browser, f"{fixture_url}/bra.html")) == []
    [html_problem] = checks.weight_problems(checks.page_weight(browser, f"{fixture_url}/tung_html.html"))
    assert html_problem.startswith("HTML: 3") and html_problem.endswith("högst 300 kB"), html_problem
    [total_problem] = checks.weight_problems(checks.page_weight(browser, f"{fixture_url}/tunga_filer.html"))
    assert total_problem.startswith("alla förfrågningar: 16"), total_problem
    assert total_problem.endswith("högst 1500 kB"), total_problem


def test_a_dead_menu_button_fails_the_menu_check(phone, fixture_url):
    checks.open_page(phone, f"{fixture_url}/dod_meny.html")
    assert checks.menu_problems(phone) == ["menyn öppnades inte när menyknappen trycktes"]


def test_a_page_wider_than_the_phone_fails_the_overflow_check(phone, fixture_url):
    checks.open_page(phone, f"{fixture_url}/for_bred.html")
    [problem] = checks.page_overflow(phone)
    assert problem.startswith("sidan är 6") and problem.endswith("px bred, fönstret 390 px"), problem


def test_chart_text_shrunk_by_a_narrow_screen_fails_the_text_check(phone, fixture_url):
    checks.open_page(phone, f"{fixture_url}/liten_text.html")
    assert [p.split(":")[0] for p in checks.small_chart_text(phone)] == ["diagram vis-liten"]


def test_touching_or_hidden_axis_labels_fail_the_label_check(page, fixture_url):
    checks.open_page(page, f"{fixture_url}/bra.html")
    good = checks.axis_labels(page)
    assert good.shown >= 2  # the check sees the labels vega draws
    assert good.problems == []
    checks.open_page(page, f"{fixture_url}/trangda_etiketter.html")
    hidden, touching = checks.axis_labels(page).problems
    assert hidden == "diagram vis-trangd: axeletiketten 'Riket' är dold"
    assert touching.startswith("diagram vis-trangd: axeletiketterna '0,0' och '1,0' står 1"), touching


def test_a_riket_column_outside_the_window_fails_the_column_check(browser, fixture_url):
    context = browser.new_context(viewport={"width": 700, "height": 800})
    page = context.new_page()
    checks.open_page(page, f"{fixture_url}/dold_kolumn.html")
    problems = checks.hidden_comparison_columns(page)
    context.close()
    assert len(problems) == 1 and "Andel i riket (%)" in problems[0], problems


def test_a_stacked_panel_without_row_labels_fails_the_panel_check(page, fixture_url):
    checks.open_page(page, f"{fixture_url}/omarkt_panel.html")
    found = checks.panel_labels(page)
    assert found.stacked == 1
    assert found.problems == ["diagram vis-omarkt, panel 2: 0 radetiketter, första panelen 2"]
