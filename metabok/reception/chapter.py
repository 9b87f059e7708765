"""The reception chapter page: real reception statistics for one län, or for riket ('00').

Each `show_*` method displays one part of the chapter; the notebook template calls them.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import display

from metabok import config
from metabok.build import observe, pdf, site
from metabok.formatting import fmt_pct
from metabok.page import Page
from metabok.reception import charts as reception_charts
from metabok.reception import report
from metabok.sources import geography
from metabok.sources.goodexamples import good_examples
from metabok.text import escape_markdown

# The kommun and län tables are split in two, so that each fits a screen and an A4 page: the
# rates compared with riket, and the counts per category.
MUNICIPALITY_RATE_COLUMNS = [
    "kommun",
    "folkmangd",
    "totalt",
    "per_1000_inv",
    "andel_ebo",
    "rang_lan",
    "rang_riket",
    "over_median",
    "over_medel",
]
COUNTY_RATE_COLUMNS = [
    "lan",
    "folkmangd",
    "totalt",
    "per_1000_inv",
    "andel_ebo",
    "antal_kommuner",
    "kommuner_over_median",
    "rang",
]
CATEGORY_COLUMNS = [*report.CATEGORIES, "totalt", "varav_ensamkommande"]
KOMMUNTAL_COLUMNS = [
    "kommun",
    "kommuntal",
    "mottagna_anvisade",
    "andel_av_kommuntal",
    "totalt",
    "andel_ebo",
    "anmarkning",
]
TREND_COLUMNS = ["omrade", "ar", "antal", "folkmangd", "per_1000_inv", "anmarkning"]
EQUALISATION_COLUMNS = [
    "kommun",
    "folkmangd",
    "totalt",
    "per_1000_inv",
    "mottagna_vid_riksgenomsnittet",
    "ytterligare_mottagna",
]
EXTRA_LABELS = {"omrade": "Område", "rang": "Placering", "tema": "Tema", "beskrivning": "Exempel"}
SHARE_COLUMNS = ("andel_ebo", "andel_av_kommuntal")


def labelled(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The chosen columns under their Swedish headings."""
    labels = {**report.COLUMN_LABELS, **EXTRA_LABELS}
    return frame[[c for c in columns if c in frame.columns]].rename(columns=labels)


def with_display_rates(frame: pd.DataFrame, count_column: str) -> pd.DataFrame:
    """The frame as shown: rates under the small-numbers rule, shares in per cent."""
    shown = frame.copy()
    if "per_1000_inv" in shown:
        shown["per_1000_inv"] = [
            report.display_rate(count, rate)
            for count, rate in zip(shown[count_column], shown["per_1000_inv"], strict=True)
        ]
    for column in SHARE_COLUMNS:
        if column in shown:
            shown[column] = [report.MISSING if pd.isna(v) else fmt_pct(v) for v in shown[column]]
    return shown


class ReceptionChapter:
    """One reception chapter: a year of Migrationsverket's and SCB's statistics for an area."""

    def __init__(self, year: int, county: str, download_dir: str = "", build_date: str = ""):
        observe.start()  # before the first file is read: the footer lists what the chapter read
        self.year = year
        self.county = county
        self.build_date = build_date
        self.national = county == config.NATIONAL_CODE
        self.area = geography.county_name(county)
        self.area_md = escape_markdown(self.area)  # the name comes from a data file
        self.page = Page.for_chapter(site.RECEPTION, year, county, site.RECEPTION_STATUS, download_dir)

    def table(self, frame: pd.DataFrame, columns: list[str], name: str, caption: str, count: str = "totalt"):
        display(
            self.page.table(
                labelled(frame, columns),
                name,
                caption,
                shown=labelled(with_display_rates(frame, count), columns),
            )
        )

    def show_title(self) -> None:
        display(
            self.page.markdown(
                f"# {self.area_md} – mottagande {self.year}\n\n"
                f"Hur många nyanlända tog {'landets' if self.national else 'länets'} kommuner emot, i "
                f"förhållande "
                "till befolkningen och till kommuntalen enligt bosättningslagen (2016:38)? Kapitlet "
                "bygger på "
                "**verklig statistik** från Migrationsverket och SCB.\n\n"
                + report.key_facts_text(self.year, self.county)
            )
        )
        display(self.page.markdown(pdf.download_link(site.Chapter(site.RECEPTION, self.year, self.county))))
        display(self.page.byline())
        display(self.page.switcher())

    def show_reception(self) -> None:
        display(self.page.markdown("## Mottagna per kommun"))
        frame = report.municipality_table(self.year, self.county)
        where = "landets kommuner" if self.national else f"kommunerna i {self.area}"
        self.table(
            frame,
            MUNICIPALITY_RATE_COLUMNS,
            "mottagna_per_1000_inv",
            f"Mottagna {self.year} per 1 000 invånare, {where}, jämfört med riket",
        )
        drawn = "landets län" if self.national else where  # riket's charts are drawn per län
        display(
            self.page.chart(
                reception_charts.rate_bar_chart(self.year, self.county),
                "mottagna_per_1000",
                f"Mottagna per 1 000 invånare {self.year}, {drawn}, med rikets median och riksgenomsnitt",
            )
        )
        display(
            self.page.chart(
                reception_charts.reception_map(self.year, self.county),
                "karta",
                f"Karta: mottagna per 1 000 invånare {self.year}, {drawn}",
            )
        )
        if self.national:  # riket shows its categories per län; per kommun they are in the year's file
            counties = report.county_table(self.year)
            self.table(
                counties,
                COUNTY_RATE_COLUMNS,
                "mottagna_per_lan",
                f"Mottagna {self.year} per län, per 1 000 invånare",
            )
            self.table(
                counties,
                ["lan", *CATEGORY_COLUMNS],
                "mottagna_per_lan_och_kategori",
                f"Mottagna {self.year} per län och kategori",
            )
        else:
            self.table(
                frame,
                ["kommun", *CATEGORY_COLUMNS],
                "mottagna_per_kategori",
                f"Mottagna {self.year} per kategori, {where}",
            )

    def show_kommuntal(self) -> None:
        display(
            self.page.markdown(
                "## Kommuntal och mottagande\n\nKommuntalet är det antal nyanlända som kommunen enligt "
                "bosättningslagen ska ta emot efter anvisning. Kommuner som saknas i "
                "Migrationsverkets fil över "
                "anvisningar visas som uppgift saknas, inte som noll."
            )
        )
        self.table(
            report.kommuntal_table(self.county, self.year),
            KOMMUNTAL_COLUMNS,
            "kommuntal",
            f"Kommuntal och mottagna enligt kommuntalen {self.year}",
        )

    def show_trend(self) -> None:
        display(self.page.markdown("## Utvecklingen över åren\n\n" + report.trend_years_text()))
        self.table(
            report.trend_summary(self.county),
            TREND_COLUMNS,
            "utveckling",
            f"Mottagna per år, {self.area}" + ("" if self.national else " och riket"),
            count="antal",
        )
        display(
            self.page.chart(
                reception_charts.trend_chart(self.county),
                "utveckling",
                f"Mottagna per 1 000 invånare per år, {self.area}",
            )
        )

    def show_equalisation(self) -> None:
        potential = report.equalisation_potential(self.year, self.county)
        display(
            self.page.markdown(
                "## Om mottagandet hade varit jämnt fördelat\n\nTabellen visar hur många fler varje "
                "kommun hade tagit "
                "emot om den hade nått upp till riksgenomsnittet, samma beräkning som Regeringens "
                "samordnare för "
                "kommunalt flyktingmottagande gjorde 2014."
            )
        )
        self.table(
            potential.per_kommun,
            EQUALISATION_COLUMNS,
            "utjamning",
            f"Ytterligare mottagna vid riksgenomsnittet {self.year}",
        )

    def show_concentration(self) -> None:
        if not self.national:
            return
        shares = report.concentration(self.year)
        display(self.page.markdown("## Hur jämnt är mottagandet fördelat?"))
        self.table(
            shares.hogst,
            ["kommun", "lanskod", "totalt", "folkmangd", "per_1000_inv"],
            "hogst",
            "Kommunerna med högst mottagande i förhållande till befolkningen",
        )
        self.table(
            shares.lagst,
            ["kommun", "lanskod", "totalt", "folkmangd", "per_1000_inv"],
            "lagst",
            "Kommunerna med lägst mottagande i förhållande till befolkningen",
        )

    def show_good_examples(self) -> None:
        examples = good_examples(self.county)
        display(
            self.page.markdown(
                "## Goda exempel från 2014\n\nRegeringens samordnare för kommunalt "
                "flyktingmottagande lyfte i sin "
                "slutrapport (november 2014, bilaga 1) fram exempel på arbete med bostäder, ökat "
                "mottagande, regional "
                "samverkan och kvalitet. Exemplen är **från 2014** och är ingen bedömning av hur "
                "kommunerna arbetar i "
                "dag." + ("" if len(examples) else f"\n\nRapporten nämner inga exempel från {self.area_md}.")
            )
        )
        if len(examples):
            display(
                self.page.table(
                    labelled(examples, ["kommun", "tema", "beskrivning"]),
                    "goda_exempel",
                    "Goda exempel enligt samordnarens slutrapport 2014",
                )
            )

    def show_sources(self) -> None:
        display(
            self.page.markdown(
                "## Källor och metod\n\n"
                f"{report.source_line(self.year)} {report.trend_source_line()}\n\n"
                f"**Små tal.** {report.SMALL_NUMBER_RULE_TEXT}\n\n"
                "Definitioner och tecken förklaras i [Källor och metod](../../../metod.md)."
            )
        )
        display(
            self.page.year_file_link(
                site.RECEPTION.year_file(self.year),
                f"Alla kommuners mottagande {self.year} i en fil, en rad per kommun och kategori",
            )
        )
        display(self.page.provenance(self.build_date))
