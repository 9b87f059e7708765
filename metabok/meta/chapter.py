"""The META chapter page: puts the survey report's text, tables and charts on a page, in order.

Each `show_*` method displays one part of the chapter; the notebook template calls them.
"""

from __future__ import annotations

from IPython.display import display

from metabok import config
from metabok.build import observe, pdf, site
from metabok.meta import blocks, yoy
from metabok.meta import charts as meta_charts
from metabok.meta import report as meta_report
from metabok.meta.suggestions import suggested_development_areas
from metabok.page import Page
from metabok.sources import geography
from metabok.survey.narrative import load_narrative
from metabok.survey.responses import load_survey
from metabok.text import escape_markdown

SUGGESTION_NOTE = (
    "*Länsstyrelsen har inte skrivit några utvecklingsområden för {area} {year}. Nedan visas **förslag** som "
    "räknats fram ur enkätsvaren: områden där många kommuner anger problem, svårigheter eller att samverkan "
    "saknas. Förslagen är inte länsstyrelsens bedömning.*"
)
NO_SUMMARY_NOTE = (
    "*Länsstyrelsen har inte skrivit någon sammanfattning för {area} {year}. Resultaten redovisas "
    "fråga för fråga under Enkätsvar nedan.*"
)


def themed_paragraphs(pairs: list[tuple[str, str]]) -> str:
    """(heading, text) pairs as Markdown: a bold heading and its text, all text escaped."""
    return "\n\n".join(
        f"**{escape_markdown(heading)}**\\\n{escape_markdown(text)}" for heading, text in pairs
    )


class MetaChapter:
    """One META chapter: a survey year for one län, or for riket ('00')."""

    def __init__(self, year: int, county: str, download_dir: str = "", build_date: str = ""):
        observe.start()  # before the first file is read: the footer lists what the chapter read
        self.year = year
        self.county = county
        self.build_date = build_date
        self.survey = load_survey(year)
        self.narrative = load_narrative(year, county, survey=self.survey)
        self.page = Page.for_chapter(site.META, year, county, self.survey.status, download_dir)
        self.area = geography.county_name(county)
        self.area_md = escape_markdown(self.area)  # the name comes from a data file
        self.national = county == config.NATIONAL_CODE
        self.area_in_text = "riket" if self.national else self.area_md
        self._comparison: yoy.Comparison | None = None

    @property
    def comparison(self) -> yoy.Comparison:
        """The year-over-year comparison (computed once)."""
        if self._comparison is None:
            self._comparison = yoy.compare(self.year, self.county, self.survey)
        return self._comparison

    def show_title(self) -> None:
        display(self.page.markdown(f"# {self.area_md} – {escape_markdown(self.survey.codebook.survey_name)}"))
        display(self.page.markdown(pdf.download_link(site.Chapter(site.META, self.year, self.county))))
        display(self.page.byline())
        display(self.page.switcher())
        if self.survey.synthetic:
            display(self.page.synthetic_notice())
        display(self.page.markdown(meta_report.title_block(self.survey, self.county)))

    def show_response(self) -> None:
        display(
            self.page.markdown("## Svarsfrekvens\n\n" + meta_report.response_text(self.survey, self.county))
        )
        if self.national:
            display(
                self.page.table(
                    meta_report.county_response_table(self.survey),
                    "svarsfrekvens_per_lan",
                    f"Svarsfrekvens per län, {self.survey.codebook.survey_name}",
                )
            )
            display(
                self.page.chart(
                    meta_charts.response_rate_chart(self.survey),
                    "svarsfrekvens",
                    "Andel kommuner som besvarade enkäten, per län",
                )
            )
            display(
                self.page.chart(
                    meta_charts.response_rate_map(self.survey),
                    "svarsfrekvens_karta",
                    "Karta: andel kommuner som besvarade enkäten, per län",
                )
            )
        else:
            display(
                self.page.table(
                    meta_report.response_table(self.survey, self.county),
                    "svarande_kommuner",
                    f"Kommuner i {self.area} som besvarade enkäten",
                )
            )

    def show_summary(self) -> None:
        display(self.page.markdown("## Sammanfattning"))
        if self.narrative and self.narrative.intro:
            display(self.page.markdown(escape_markdown(self.narrative.intro)))
        if self.narrative and self.narrative.summary:
            display(self.page.markdown(themed_paragraphs(self.narrative.summary)))
        else:
            display(self.page.markdown(NO_SUMMARY_NOTE.format(area=self.area_in_text, year=self.year)))

    def show_development_areas(self) -> None:
        display(self.page.markdown("## Utvecklingsområden"))
        if self.narrative and self.narrative.development_areas:
            display(self.page.markdown(themed_paragraphs(self.narrative.development_areas)))
            return
        display(self.page.markdown(SUGGESTION_NOTE.format(area=self.area_in_text, year=self.year)))
        display(self.page.markdown(themed_paragraphs(suggested_development_areas(self.survey, self.county))))

    def show_survey_answers(self) -> None:
        display(self.page.markdown(f"## Enkätsvar\n\n{meta_report.PARENTHESES_NOTE}"))
        for section in blocks.section_blocks(self.survey, self.county):
            display(self.page.markdown(f"### {escape_markdown(section.heading)}"))
            for subsection in section.subsections:
                if subsection.heading:
                    display(self.page.markdown(f"#### {escape_markdown(subsection.heading)}"))
                for block in subsection.blocks:
                    self.show_block(block)
        self.show_year_over_year()

    def show_year_over_year(self) -> None:
        """The change since the previous survey year, for the questions asked the same way."""
        comparison = self.comparison
        display(self.page.markdown("## Förändring sedan föregående enkät"))
        display(self.page.markdown(yoy.intro_text(comparison, self.survey.codebook.survey_name)))
        if comparison.measures:
            display(self.page.markdown(yoy.changes_text(comparison)))
            caption = (
                f"Andel kommuner {'i riket' if self.national else 'i ' + self.area} per år, "
                f"frågor som ställts likadant {comparison.years[0]}–{comparison.year}"
            )
            display(
                self.page.table(yoy.comparison_table(comparison), "forandring_sedan_tidigare_ar", caption)
            )
            display(
                self.page.chart(yoy.comparison_chart(comparison), "forandring_sedan_tidigare_ar", caption)
            )
        for text in (yoy.changed_questions_text(comparison), yoy.new_questions_text(comparison)):
            if text:
                display(self.page.markdown(text))

    def show_block(self, block: blocks.Block) -> None:
        display(self.page.markdown(block.sentence))
        display(self.page.table(block.table, block.id, block.caption))
        if block.chart is not None:
            display(self.page.chart(block.chart, block.id, block.caption))
        if self.national and block.kind != "fritext":
            comparison = meta_report.national_comparison_table(self.survey, block.id)
            display(self.page.table(comparison, f"{block.id}_per_lan", f"{block.title} – per län"))

    def show_sources(self) -> None:
        codebook = self.survey.codebook
        lines = [
            "## Källor och metod",
            "",
            f"Enkät: {escape_markdown(codebook.survey_name)}. Frågorna och svarsalternativen kommer "
            f"från årets "
            f"kodbok. Antal kommuner per svarsalternativ räknas på de kommuner som besvarat frågan.",
        ]
        if self.survey.synthetic:
            lines += [
                "",
                "Enkätsvaren är **syntetiska exempeldata**; de är inte verkliga svar från kommunerna.",
            ]
        if self.narrative and (self.narrative.summary or self.narrative.development_areas):
            lines += ["", "Sammanfattningen och utvecklingsområdena är skrivna av länsstyrelsen."]
        lines += ["", "Definitioner och tecken förklaras i [Källor och metod](../../../metod.md)."]
        display(self.page.markdown("\n".join(lines)))
        display(
            self.page.year_file_link(
                site.META.year_file(self.year),
                f"Alla läns och rikets resultat i {codebook.survey_name} i en fil, "
                "en rad per svarsalternativ och område",
            )
        )
        note = " Exempeldata skapas av scripts/generate_example_data.py." if self.survey.synthetic else ""
        display(self.page.provenance(self.build_date, note))
