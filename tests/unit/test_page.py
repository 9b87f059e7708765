"""The page's tables: Swedish number format, years and codes as written, escaped text, row headers;
and links to site-wide files."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from metabok.build import site
from metabok.page import CHART_SCRIPT, COLUMNAR, LEVELS, Page, chart_html, html_table


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
    rows = [
        {"lan": "Stockholms län", "andel": 0.5, "not": "a"},
        {"lan": "Uppsala län", "andel": 0.25, "not": None},
        {"lan": "Stockholms län", "andel": 0.125, "not": "b"},
    ]
    chart = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(x="andel:Q", y="lan:N")
    script = chart_html(chart, "test", "Rubrik")
    spec, _ = json.JSONDecoder().raw_decode(script[script.index('{"$schema"') :])
    [written] = spec["datasets"].values()
    # The text column is written as its levels once; a column with a missing value as it is.
    assert written == {
        COLUMNAR: ["lan", "andel", "not"],
        LEVELS: {"lan": ["Stockholms län", "Uppsala län"]},
        "rows": [[0, 0.5, "a"], [1, 0.25, None], [0, 0.125, "b"]],
    }
    levels = written[LEVELS]
    expanded = [
        {c: levels[c][v] if c in levels else v for c, v in zip(written[COLUMNAR], row, strict=True)}
        for row in written["rows"]
    ]
    assert expanded == rows


def test_a_chapters_charts_are_drawn_from_one_script_beside_its_downloads(tmp_path):
    page = Page.for_chapter(site.META, 2013, "01", "exempeldata", download_dir=str(tmp_path))
    data = pd.DataFrame({"lan": ["</script><b>x", "Uppsala län"], "andel": [0.5, 0.25]})
    first = page.chart(alt.Chart(data).mark_bar().encode(x="andel:Q", y="lan:N"), "ett", "Första").data
    second = page.chart(alt.Chart(data).mark_point().encode(x="andel:Q", y="lan:N"), "tva", "Andra").data

    loader = f'<script defer src="{page._link(CHART_SCRIPT)}"></script>'
    assert first.startswith(loader) and "<script" not in second  # the first chart loads the script
    assert "metabokChart" not in first + second  # no spec in the page's HTML
    script = (tmp_path / CHART_SCRIPT).read_text(encoding="utf-8")
    ids = re.findall(r'id="(vis-[0-9a-f]+)"', first + second)
    assert [f'metabokChart("#{i}",' in script for i in ids] == [True, True]
    assert script.count("\n") == 2 and "</script>" not in script and "\\u003c/script\\u003e" in script
