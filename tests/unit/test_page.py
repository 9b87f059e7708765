"""The page's tables: Swedish number format, years and codes as written, escaped text, row headers;
and links to site-wide files."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from metabok.build import site
from metabok.page import COLUMNAR, Page, chart_html, html_table


def cells(table: str) -> list[str]:
    """The text of every body cell (row headers included), in order."""
    body = table[table.index("<tbody>") :]
    return re.findall(r"<t[dh](?: [^>]*)?>([^<]*)</t[dh]>", body)


def test_years_and_codes_are_shown_as_written_and_counts_in_swedish_format():
    frame = pd.DataFrame(
        {
            "Område": ["Riket", "Riket"],
            "År": [2015, 2017],
            "Kommunkod": ["0114", None],
            "Mottagna": [51197, None],
        }
    )
    table = html_table(frame, "Mottagna per år")
    assert cells(table) == ["Riket", "2015", "0114", "51\u00a0197", "Riket", "2017", "..", ".."]
    assert '<td class="num">51\u00a0197</td>' in table
    assert "<td>2015</td>" in table  # a year is no quantity: not right-aligned as one


def test_a_year_stored_as_a_float_is_still_a_plain_year():
    frame = pd.DataFrame({"Område": ["Riket", "Riket"], "År": [2016.0, float("nan")]})
    assert cells(html_table(frame, "x")) == ["Riket", "2016", "Riket", ".."]


def test_text_is_escaped_and_the_first_text_column_heads_its_row():
    frame = pd.DataFrame({"Kommun": ["<b>Ale</b>"], "Kommentar": ['<script>alert("x")</script>']})
    table = html_table(frame, "Kommentarer & svar", "tabell-k")
    assert "<script>" not in table and "<b>" not in table
    assert '<th scope="row">&lt;b&gt;Ale&lt;/b&gt;</th>' in table
    assert '<caption id="tabell-k-caption">Kommentarer &amp; svar</caption>' in table


def test_year_file_link_points_from_the_chapter_to_the_site_root():
    page = Page.for_chapter(site.META, 2013, "01", "exempeldata")
    link = page.year_file_link(site.META.year_file(2013), "Alla resultat").data
    assert 'href="../../../../data/resultat_meta_2013.csv"' in link
    assert ">resultat_meta_2013.csv</a>" in link


def test_columns_of_numbers_are_right_aligned_also_when_formatted_or_missing():
    frame = pd.DataFrame(
        {
            "Kommun": ["Ale", "Bjuv"],
            "Per 1 000 invånare": ["4,3", "(0,8)"],
            "Andel": ["96 %", ".."],
            "Mottagna": [12, None],
            "Svarat": ["Ja", "Nej"],
        }
    )
    table = html_table(frame, "x")
    assert '<td class="num">4,3</td>' in table and '<td class="num">(0,8)</td>' in table
    assert '<td class="num">96 %</td>' in table and '<td class="num">..</td>' in table
    assert table.count('<td class="num">') == 6
    assert "<td>Ja</td>" in table and "<td>Nej</td>" in table


def test_cells_stay_apart_when_the_tags_are_stripped():
    """As the site search strips the tags of a table: every cell a word of its own."""
    table = html_table(pd.DataFrame({"Kommun": ["Sollentuna", "Solna"], "Mottagna": [73, 80]}), "Rubrik")
    words = re.sub(r"<[^<]+?>", "", table).split()
    assert words == ["Rubrik", "Kommun", "Mottagna", "Sollentuna", "73", "Solna", "80"]


def test_chart_data_is_written_once_per_column_and_expands_to_the_same_rows():
    rows = [{"lan": "Stockholms län", "andel": 0.5}, {"lan": "Uppsala län", "andel": 0.25}]
    chart = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(x="andel:Q", y="lan:N")
    script = chart_html(chart, "test", "Rubrik")
    spec, _ = json.JSONDecoder().raw_decode(script[script.index('{"$schema"') :])
    [written] = spec["datasets"].values()
    assert written == {COLUMNAR: ["lan", "andel"], "rows": [["Stockholms län", 0.5], ["Uppsala län", 0.25]]}
    expanded = [dict(zip(written[COLUMNAR], row, strict=True)) for row in written["rows"]]
    assert expanded == rows
