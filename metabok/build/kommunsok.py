"""The 'Hitta kommun' page: every kommun, and where in the book its figures stand.

For each of the 290 kommuner: its län, a link to the reception table of its län's chapter for every
reception year, and for every survey year whether the kommun answered, with a link to its län's
chapter. The page's filter box is wired by book/_static/metabok.js (#metabok-kommunfilter); without script
the whole list shows."""

from __future__ import annotations

import html

from metabok.build import site
from metabok.formatting import sort_key
from metabok.sources import geography
from metabok.survey.responses import load_survey
from metabok.text import escape_markdown

DOCNAME = "book/kapitel/hitta-kommun"
TITLE = "Hitta kommun"
RECEPTION_TABLE = "tabell-mottagna_per_1000_inv"


def page_markdown(book_chapters: list[site.Chapter]) -> str:
    """The page as MyST Markdown with one raw HTML list (all text escaped)."""
    kommuner = geography.municipalities()
    meta_years = sorted({c.year for c in book_chapters if c.kind == site.META}, reverse=True)
    reception_years = sorted({c.year for c in book_chapters if c.kind == site.RECEPTION}, reverse=True)
    answered = {year: set(load_survey(year).respondents("00")) for year in meta_years}
    names = {year: site.survey_name(year) for year in meta_years}
    built = set(book_chapters)

    def link(chapter: site.Chapter, text: str, anchor: str = "") -> str:
        if chapter not in built:
            return html.escape(text)
        href = site.link_from(DOCNAME, f"{chapter.docname}.html") + (f"#{anchor}" if anchor else "")
        return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'

    items = []
    for row in sorted(kommuner.itertuples(index=False), key=lambda r: sort_key(r.kommun)):
        parts = [
            link(site.Chapter(site.RECEPTION, year, row.lanskod), f"mottagande {year}", RECEPTION_TABLE)
            for year in reception_years
        ]
        for year in meta_years:
            status = "svarade" if row.kommunkod in answered[year] else "svarade inte"
            parts.append(f"{link(site.Chapter(site.META, year, row.lanskod), names[year])} ({status})")
        # A Markdown list item (so the site search indexes the kommun's name) with raw HTML links.
        name, county = escape_markdown(row.kommun), escape_markdown(row.lan)
        items.append(f"- **{name}** ({county}): " + " · ".join(parts))
    return "\n".join(
        [
            f"# {TITLE}",
            "",
            f"Alla {len(kommuner)} kommuner, med länkar till de kapitel där kommunens siffror står: "
            "mottagandet per kommun i länets mottagningskapitel och, för varje enkätår, om kommunen "
            "besvarade enkäten. Enkätsvaren redovisas per län, inte per kommun.",
            "",
            '<p><label for="metabok-kommunfilter">Filtrera på kommun eller län</label><br>'
            '<input id="metabok-kommunfilter" type="search" autocomplete="off" '
            'placeholder="t.ex. Sollentuna">'
            ' <span id="metabok-kommunantal" aria-live="polite"></span></p>',
            "",
            '<div class="metabok-kommuner" id="metabok-kommuner">',
            "",
            *items,
            "",
            "</div>",
            "",
        ]
    )
