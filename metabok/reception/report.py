"""Reception relative to population, per kommun and län: tables, key facts and source lines.

Model: seed 003, the final report (November 2014) of the government's coordinator for
municipal refugee reception: mottagna per 1 000 invånare, riksgenomsnittet, the median over
the kommuner (which decided performance-based compensation), the uneven distribution, kommuntal
against actual reception, ebo against anvisade, and what an even distribution would have meant.

Definitions used throughout:
- mottagna: kommunmottagna enligt ersättningsförordningen (Migrationsverket), all five categories;
- folkmängd: 31 December of the same year (SCB);
- riksgenomsnittet: all mottagna divided by the whole population, per 1 000 (as in 003);
- medianen: the median of the kommuners own rates (one value per kommun, unweighted).

A kommun absent from a source has missing values (<NA>/NaN), never 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import pandas as pd

from metabok.config import NATIONAL_CODE
from metabok.formatting import fmt_dec, fmt_int, fmt_pct, join_swedish
from metabok.sources.geography import county_name, municipalities
from metabok.sources.migrationsverket import (
    CATEGORIES,
    CATEGORY_LABELS,
    SECONDARY_YEARS,
    kommuntal_for_all,
    load_received,
    received_totals,
    source_updated,
    trend_years,
)
from metabok.sources.population import load_population, population
from metabok.text import escape_markdown

# --- the small-numbers rule -------------------------------------------------------------

SMALL_COUNT_LIMIT = 10
"""A rate per 1 000 that rests on fewer than this many mottagna (but more than 0) is uncertain."""

SMALL_NUMBER_RULE_TEXT = (
    "Antalet mottagna redovisas alltid, även när det är litet. En kvot per 1 000 invånare som bygger på "
    f"färre än {SMALL_COUNT_LIMIT} mottagna personer visas inom parentes, till exempel (0,8): med så få "
    "personer ändras kvoten kraftigt av att bara någon enstaka person fler eller färre tas emot, och den "
    "ska läsas med försiktighet. En kommun som inte tog emot någon alls redovisas med 0,0. Uppgifter som "
    "saknas i källan visas som .. och räknas aldrig som noll."
)

MISSING = ".."  # SCB's symbol for 'uppgift saknas', as in the book's tables
MISSING_TEXT = "uppgift saknas"
ABSENT_FROM_KOMMUNTAL = "saknas i Migrationsverkets fil"


def trend_display_years() -> list[int]:
    """Every year from the first to the last with reception per kommun; years between without a
    source (2017) are shown as gaps."""
    years = trend_years()
    return list(range(years[0], years[-1] + 1))


def missing_trend_years() -> list[int]:
    """The years in the trend without a source."""
    return [year for year in trend_display_years() if year not in trend_years()]


COLUMN_LABELS = {
    "kommunkod": "Kommunkod",
    "kommun": "Kommun",
    "lanskod": "Länskod",
    "lan": "Län",
    "ar": "År",
    "folkmangd": "Folkmängd 31 december",
    **CATEGORY_LABELS,
    "totalt": "Mottagna totalt",
    "varav_ensamkommande": "varav ensamkommande barn",
    "per_1000_inv": "Mottagna per 1 000 invånare",
    "andel_ebo": "Andel från eget boende (EBO)",
    "rang_lan": "Placering i länet",
    "rang_riket": "Placering i riket",
    "over_median": "Över medianen för landets kommuner",
    "over_medel": "Över riksgenomsnittet",
    "antal_kommuner": "Antal kommuner",
    "kommuner_over_median": "Kommuner över medianen",
    "kommuntal": "Kommuntal (anvisningar)",
    "mottagna_anvisade": "Mottagna enligt kommuntalet",
    "andel_av_kommuntal": "Andel av kommuntalet",
    "anmarkning": "Anmärkning",
    "antal": "Mottagna",
    "mottagna_vid_riksgenomsnittet": "Mottagna vid riksgenomsnittet",
    "ytterligare_mottagna": "Ytterligare mottagna vid riksgenomsnittet",
}
"""Swedish column headings for the tables below."""


def is_uncertain(count: float) -> bool:
    """True when a rate rests on 1 … SMALL_COUNT_LIMIT − 1 persons."""
    return not _missing(count) and 0 < count < SMALL_COUNT_LIMIT


def display_rate(count: float, rate: float, decimals: int = 1) -> str:
    """A rate per 1 000 under the small-numbers rule: '4,3', '(0,8)' when uncertain, '..' when missing."""
    if _missing(count) or _missing(rate):
        return MISSING
    text = fmt_dec(rate, decimals)
    return f"({text})" if is_uncertain(count) else text


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _sum_or_missing(values: pd.Series) -> object:
    """The sum, or <NA> if any value is missing (an incomplete total is no total)."""
    return pd.NA if values.isna().any() else values.sum()


# --- per kommun ----------------------------------------------------------------------------


def rates_table(received: pd.DataFrame, folkmangd: pd.Series) -> pd.DataFrame:
    """All 290 kommuner with counts per category, totals, per_1000_inv and andel_ebo.

    `received` is the long form of reception.load_received; `folkmangd` is indexed by kommunkod.
    Kommuner absent from `received` get <NA> counts and NaN rates.
    """
    counts = received.pivot_table(index="kommunkod", columns="kategori", values="antal", aggfunc="sum")
    counts = counts.reindex(columns=list(CATEGORIES))
    frame = municipalities()[["kommunkod", "kommun", "lanskod"]].copy()
    frame["folkmangd"] = frame["kommunkod"].map(folkmangd).astype("Int64")
    for category in CATEGORIES:
        frame[category] = frame["kommunkod"].map(counts[category]).astype("Int64")
    frame["totalt"] = frame["kommunkod"].map(counts.sum(axis=1)).astype("Int64")
    varav = received.groupby("kommunkod")["varav_ensamkommande"].sum()
    frame["varav_ensamkommande"] = frame["kommunkod"].map(varav).astype("Int64")
    frame["per_1000_inv"] = (frame["totalt"] / frame["folkmangd"] * 1000).astype("float64")
    frame["andel_ebo"] = (frame["ebo"] / frame["totalt"].replace(0, pd.NA)).astype("float64")
    return frame


def reception_by_category(year: int) -> pd.DataFrame:
    """One row per kommun and category (the download file): ar, kommunkod, kommun, lanskod, kategori,
    antal, varav_ensamkommande, folkmangd and per_1000_inv (the category's mottagna per 1 000)."""
    frame = load_received(year)
    frame["folkmangd"] = frame["kommunkod"].map(population(year))
    frame["per_1000_inv"] = frame["antal"] / frame["folkmangd"] * 1000
    columns = ["ar", "kommunkod", "kommun", "lanskod", "kategori", "antal", "varav_ensamkommande"]
    return frame[[*columns, "folkmangd", "per_1000_inv"]]


@cache
def _rates(year: int) -> pd.DataFrame:
    frame = rates_table(load_received(year), population(year))
    rates = frame["per_1000_inv"]
    median = rates.median()
    national = _national_rate(frame)
    frame["rang_riket"] = rates.rank(ascending=False, method="min").astype("Int64")
    frame["rang_lan"] = frame.groupby("lanskod")["per_1000_inv"].rank(ascending=False, method="min")
    frame["rang_lan"] = frame["rang_lan"].astype("Int64")
    frame["over_median"] = (rates > median).astype("boolean").mask(rates.isna())
    frame["over_medel"] = (rates > national).astype("boolean").mask(rates.isna())
    return frame


def _national_rate(frame: pd.DataFrame) -> float:
    known = frame.dropna(subset=["totalt", "folkmangd"])
    return float(known["totalt"].sum() / known["folkmangd"].sum() * 1000)


def _in_county(frame: pd.DataFrame, county_code: str) -> pd.DataFrame:
    if county_code == NATIONAL_CODE:
        return frame.reset_index(drop=True)
    county_name(county_code)  # raises KeyError for an unknown code
    return frame[frame["lanskod"] == county_code].reset_index(drop=True)


def municipality_table(year: int, county_code: str) -> pd.DataFrame:
    """Per kommun of the län (all 290 for '00'), sorted by per_1000_inv (highest first).

    Columns: kommunkod, kommun, lanskod, folkmangd, the five categories, totalt,
    varav_ensamkommande, per_1000_inv, andel_ebo, rang_lan, rang_riket, over_median
    (above the median of the 290 kommuner) and over_medel (above riksgenomsnittet).
    """
    frame = _in_county(_rates(year), county_code)
    return frame.sort_values(["per_1000_inv", "kommun"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class NationalSummary:
    ar: int
    mottagna: int
    varav_ensamkommande: int
    per_kategori: dict[str, int]
    folkmangd: int
    riksgenomsnitt: float  # all mottagna per 1 000 invånare
    median: float  # median of the kommuners rates
    medel: float  # unweighted mean of the kommuners rates
    antal_kommuner: int  # kommuner with a value


def national_summary(year: int) -> NationalSummary:
    """Totals for the whole country, riksgenomsnittet, and median and mean over the kommuner."""
    frame = _rates(year).dropna(subset=["totalt"])
    return NationalSummary(
        ar=year,
        mottagna=int(frame["totalt"].sum()),
        varav_ensamkommande=int(frame["varav_ensamkommande"].sum()),
        per_kategori={category: int(frame[category].sum()) for category in CATEGORIES},
        folkmangd=int(frame["folkmangd"].sum()),
        riksgenomsnitt=_national_rate(frame),
        median=float(frame["per_1000_inv"].median()),
        medel=float(frame["per_1000_inv"].mean()),
        antal_kommuner=len(frame),
    )


def county_table(year: int) -> pd.DataFrame:
    """Per län (21 rows, highest per_1000_inv first): folkmangd, categories, totalt, per_1000_inv,
    andel_ebo, antal_kommuner, kommuner_over_median, rang."""
    frame = _rates(year)
    sums = ["folkmangd", *CATEGORIES, "totalt", "varav_ensamkommande"]
    table = frame.groupby("lanskod")[sums].agg(_sum_or_missing).astype("Int64")
    table["antal_kommuner"] = frame.groupby("lanskod").size()
    table["kommuner_over_median"] = frame.groupby("lanskod")["over_median"].sum().astype("Int64")
    table = table.reset_index()
    table.insert(1, "lan", table["lanskod"].map(county_name))
    table["per_1000_inv"] = (table["totalt"] / table["folkmangd"] * 1000).astype("float64")
    table["andel_ebo"] = (table["ebo"] / table["totalt"]).astype("float64")
    table["rang"] = table["per_1000_inv"].rank(ascending=False, method="min").astype("Int64")
    return table.sort_values("rang").reset_index(drop=True)


# --- kommuntal, trend, equalisation, concentration ------------------------------------------


def kommuntal_table(county_code: str, year: int) -> pd.DataFrame:
    """Kommuntal against mottagna per kommun of the län (all 290 for '00').

    Columns: kommunkod, kommun, kommuntal, mottagna_anvisade (against the kommuntal),
    andel_av_kommuntal (NaN when the kommuntal is 0 or missing), totalt (all mottagna),
    abo, ebo, andel_ebo, anmarkning ('saknas i Migrationsverkets fil' for kommuner absent
    from the kommuntal file; their kommuntal is missing, not 0).
    """
    tal = kommuntal_for_all(year).rename(columns={"mottagna": "mottagna_anvisade"})
    frame = tal.merge(_rates(year)[["kommunkod", "totalt", "abo", "ebo", "andel_ebo"]], on="kommunkod")
    frame["andel_av_kommuntal"] = (frame["mottagna_anvisade"] / frame["kommuntal"].replace(0, pd.NA)).astype(
        "float64"
    )
    frame["anmarkning"] = frame["saknas_i_kallan"].map({True: ABSENT_FROM_KOMMUNTAL, False: ""})
    columns = ["kommunkod", "kommun", "lanskod", "kommuntal", "mottagna_anvisade", "andel_av_kommuntal"]
    frame = frame[[*columns, "totalt", "abo", "ebo", "andel_ebo", "anmarkning"]]
    return _in_county(frame, county_code)


def trend_table(county_code: str) -> pd.DataFrame:
    """Mottagna per kommun for every trend year (long form: kommunkod, kommun, ar, antal, folkmangd,
    per_1000_inv, anmarkning). A year without a source (2017) is present with antal missing and
    anmarkning 'uppgift saknas'; it is never interpolated."""
    kommuner = _in_county(municipalities(), county_code)[["kommunkod", "kommun"]]
    grid = kommuner.merge(pd.DataFrame({"ar": trend_display_years()}), how="cross")
    frame = grid.merge(received_totals(), on=["kommunkod", "ar"], how="left")
    frame = frame.merge(load_population(), on=["kommunkod", "ar"], how="left")
    frame = frame.astype({"antal": "Int64", "folkmangd": "Int64"})
    frame["per_1000_inv"] = (frame["antal"] / frame["folkmangd"] * 1000).astype("float64")
    frame["anmarkning"] = frame["antal"].isna().map({True: MISSING_TEXT, False: ""})
    return frame.sort_values(["kommunkod", "ar"]).reset_index(drop=True)


def trend_summary(county_code: str) -> pd.DataFrame:
    """The län and riket per trend year: omrade, ar, antal, folkmangd, per_1000_inv, anmarkning.

    A year's total is missing when any kommun is missing that year (2017 always)."""
    areas = [(NATIONAL_CODE, county_name(NATIONAL_CODE))]
    if county_code != NATIONAL_CODE:
        areas.insert(0, (county_code, county_name(county_code)))
    rows = []
    for code, name in areas:
        frame = trend_table(code)
        totals = frame.groupby("ar")[["antal", "folkmangd"]].agg(_sum_or_missing).astype("Int64")
        rows.append(totals.reset_index().assign(omrade=name))
    table = pd.concat(rows, ignore_index=True)
    table["per_1000_inv"] = (table["antal"] / table["folkmangd"] * 1000).astype("float64")
    table["anmarkning"] = table["antal"].isna().map({True: MISSING_TEXT, False: ""})
    return table[["omrade", "ar", "antal", "folkmangd", "per_1000_inv", "anmarkning"]]


@dataclass(frozen=True)
class Equalisation:
    """`per_kommun`: kommunkod, kommun, folkmangd, totalt, per_1000_inv, mottagna_vid_riksgenomsnittet
    and ytterligare_mottagna (0 for kommuner at or above riksgenomsnittet), largest first."""

    riksgenomsnitt: float
    per_kommun: pd.DataFrame
    ytterligare_mottagna: float  # sum over the kommuner
    mottagna: int  # what the kommuner actually received

    @property
    def okning(self) -> float:
        """The increase as a share of what was received."""
        return self.ytterligare_mottagna / self.mottagna


def equalisation_potential(year: int, county_code: str) -> Equalisation:
    """How many more would have been received had every kommun below riksgenomsnittet
    received at riksgenomsnittet (003, section 2.2) — per kommun and in total."""
    national = national_summary(year).riksgenomsnitt
    frame = _in_county(_rates(year), county_code).dropna(subset=["totalt", "folkmangd"])
    frame = frame[["kommunkod", "kommun", "folkmangd", "totalt", "per_1000_inv"]].copy()
    frame["mottagna_vid_riksgenomsnittet"] = frame["folkmangd"].astype("float64") * national / 1000
    shortfall = frame["mottagna_vid_riksgenomsnittet"] - frame["totalt"].astype("float64")
    frame["ytterligare_mottagna"] = shortfall.clip(lower=0)
    frame = frame.sort_values(["ytterligare_mottagna", "kommun"], ascending=[False, True])
    return Equalisation(
        riksgenomsnitt=national,
        per_kommun=frame.reset_index(drop=True),
        ytterligare_mottagna=float(frame["ytterligare_mottagna"].sum()),
        mottagna=int(frame["totalt"].sum()),
    )


def gini(received: pd.Series, folkmangd: pd.Series) -> float:
    """Gini coefficient of reception relative to population (population-weighted Lorenz curve):
    0 when every kommun has the same rate, towards 1 when one small kommun receives everyone."""
    frame = pd.DataFrame({"received": received, "folkmangd": folkmangd}).astype("float64").dropna()
    frame = frame.assign(rate=frame["received"] / frame["folkmangd"]).sort_values("rate")
    x = (frame["folkmangd"].cumsum() / frame["folkmangd"].sum()).tolist()
    y = (frame["received"].cumsum() / frame["received"].sum()).tolist()
    x, y = [0.0, *x], [0.0, *y]
    return 1 - sum((x[i] - x[i - 1]) * (y[i] + y[i - 1]) for i in range(1, len(x)))


@dataclass(frozen=True)
class Concentration:
    antal_kommuner_tiondel: int  # the tenth of kommuner with the highest rate (rounded up)
    andel_av_mottagna: float  # their share of all mottagna
    andel_av_befolkningen: float  # their share of the population
    gini: float
    hogst: pd.DataFrame  # the five highest rates: kommun, lanskod, totalt, folkmangd, per_1000_inv
    lagst: pd.DataFrame  # the five lowest rates


def concentration(year: int) -> Concentration:
    """How concentrated reception was: the top tenth of kommuner by rate, Gini, highest and lowest."""
    frame = _rates(year).dropna(subset=["per_1000_inv"])
    frame = frame.sort_values(["per_1000_inv", "kommun"], ascending=[False, True])
    tenth = math.ceil(len(frame) / 10)
    top = frame.head(tenth)
    columns = ["kommunkod", "kommun", "lanskod", "totalt", "folkmangd", "per_1000_inv"]
    return Concentration(
        antal_kommuner_tiondel=tenth,
        andel_av_mottagna=float(top["totalt"].sum() / frame["totalt"].sum()),
        andel_av_befolkningen=float(top["folkmangd"].sum() / frame["folkmangd"].sum()),
        gini=gini(frame["totalt"], frame["folkmangd"]),
        hogst=frame.head(5)[columns].reset_index(drop=True),
        lagst=frame.tail(5)[columns].iloc[::-1].reset_index(drop=True),
    )


# --- text ----------------------------------------------------------------------------------


def source_line(year: int) -> str:
    """'Källa: Migrationsverket, uppdaterad 2019-03-25; SCB, folkmängd 31 december 2018.'"""
    return f"Källa: Migrationsverket, uppdaterad {source_updated(year)}; SCB, folkmängd 31 december {year}."


def trend_years_text() -> str:
    """'Uppgifter per kommun finns för 2015, 2016 och 2018. För 2017 finns ingen uppgift …'"""
    text = f"Uppgifter per kommun finns för {join_swedish([str(y) for y in trend_years()])}."
    missing = missing_trend_years()
    if missing:
        years = join_swedish([str(y) for y in missing])
        text += f" För {years} finns ingen uppgift i bokens källor; året visas som en lucka och fylls inte i."
    return text


def trend_source_line() -> str:
    secondary = join_swedish([str(y) for y in SECONDARY_YEARS])
    own = join_swedish(
        [f"{y} uppdaterad {source_updated(y)}" for y in trend_years() if y not in SECONDARY_YEARS]
    )
    missing = missing_trend_years()
    gap = f" Uppgift för {join_swedish([str(y) for y in missing])} saknas." if missing else ""
    return (
        f"Källa: Migrationsverket ({secondary} i en sammanställning av Dagens Samhälle, {own}); "
        f"SCB, folkmängd 31 december respektive år.{gap}"
    )


def _names(frame: pd.DataFrame) -> str:
    return join_swedish([escape_markdown(name) for name in frame["kommun"]])


def _uncertainty_note(count: float) -> str:
    if is_uncertain(count):
        return f" (kvoten bygger på färre än {SMALL_COUNT_LIMIT} personer och är osäker)"
    return ""


def _extremes_sentence(frame: pd.DataFrame, where: str) -> str:
    known = frame.dropna(subset=["per_1000_inv"])
    highest = known[known["per_1000_inv"] == known["per_1000_inv"].max()]
    lowest = known[known["per_1000_inv"] == known["per_1000_inv"].min()]
    top, bottom = highest.iloc[0], lowest.iloc[0]
    return (
        f"Högst mottagande i förhållande till befolkningen {where} hade {_names(highest)} med "
        f"{fmt_dec(top['per_1000_inv'], 1)} mottagna per 1 000 invånare{_uncertainty_note(top['totalt'])}, "
        f"lägst hade {_names(lowest)} med {fmt_dec(bottom['per_1000_inv'], 1)}"
        f"{_uncertainty_note(bottom['totalt'])}."
    )


def key_facts_text(year: int, county_code: str) -> str:
    """Key facts about reception in the län (or riket for '00') as Swedish Markdown paragraphs."""
    national = national_summary(year)
    frame = municipality_table(year, county_code)
    known = frame.dropna(subset=["totalt"])
    paragraphs = []
    nat_rate = fmt_dec(national.riksgenomsnitt, 1)
    if county_code == NATIONAL_CODE:
        paragraphs.append(
            f"Under {year} tog landets kommuner emot {fmt_int(national.mottagna)} personer enligt "
            f"ersättningsförordningen, varav {fmt_int(national.varav_ensamkommande)} ensamkommande barn. "
            f"Det motsvarar {nat_rate} mottagna per 1 000 invånare (riksgenomsnittet). Medianen för "
            f"landets kommuner var {fmt_dec(national.median, 1)} mottagna per 1 000 invånare."
        )
        shares = concentration(year)
        paragraphs.append(
            _extremes_sentence(frame, "bland landets kommuner")
            + f" Den tiondel av kommunerna ({shares.antal_kommuner_tiondel} kommuner) som tog emot flest "
            f"i förhållande till befolkningen stod för {fmt_pct(shares.andel_av_mottagna)} av alla mottagna, "
            f"men hade {fmt_pct(shares.andel_av_befolkningen)} av befolkningen."
        )
    else:
        county = escape_markdown(county_name(county_code))
        total, rate = int(known["totalt"].sum()), known["totalt"].sum() / known["folkmangd"].sum() * 1000
        single = len(frame) == 1
        who = (
            f"{escape_markdown(frame['kommun'].iloc[0])} (länets enda kommun)"
            if single
            else f"kommunerna i {county}"
        )
        paragraphs.append(
            f"Under {year} tog {who} emot {fmt_int(total)} personer enligt ersättningsförordningen, "
            f"varav {fmt_int(known['varav_ensamkommande'].sum())} ensamkommande barn. Det motsvarar "
            f"{fmt_dec(rate, 1)} mottagna per 1 000 invånare; riksgenomsnittet var {nat_rate}."
        )
        if not single:
            over = int(known["over_median"].sum())
            largest = known[known["totalt"] == known["totalt"].max()]
            paragraphs.append(
                _extremes_sentence(frame, "i länet")
                + f" Flest mottagna i antal hade {_names(largest)} ({fmt_int(largest['totalt'].iloc[0])} "
                f"personer). Av länets {len(frame)} kommuner hade {over} ett mottagande över medianen för "
                f"landets kommuner, {fmt_dec(national.median, 1)} mottagna per 1 000 invånare."
            )
    paragraphs.append(_composition_sentence(known, national) + " " + _kommuntal_sentence(county_code, year))
    potential = equalisation_potential(year, county_code)
    where = "landets" if county_code == NATIONAL_CODE else "länets"
    if round(potential.ytterligare_mottagna) > 0 and len(frame) > 1:
        paragraphs.append(
            f"Om alla {where} kommuner med ett mottagande under riksgenomsnittet hade tagit emot lika många "
            f"i förhållande till befolkningen som riksgenomsnittet, hade ytterligare "
            f"{fmt_int(potential.ytterligare_mottagna)} personer tagits emot "
            f"({fmt_pct(potential.okning)} fler än det faktiska mottagandet)."
        )
    return "\n\n".join(paragraphs)


def _composition_sentence(known: pd.DataFrame, national: NationalSummary) -> str:
    ebo = known["ebo"].sum() / known["totalt"].sum()
    ebo_national = national.per_kategori["ebo"] / national.mottagna
    abo = known["abo"].sum() / known["totalt"].sum()
    text = (
        f"Av de mottagna kom {fmt_pct(ebo)} från eget boende (EBO) och {fmt_pct(abo)} från Migrationsverkets "
        "anläggningsboende (ABO)"
    )
    if len(known) == national.antal_kommuner:
        return text + "."
    return text + f"; i riket kom {fmt_pct(ebo_national)} från eget boende."


def _kommuntal_sentence(county_code: str, year: int) -> str:
    frame = kommuntal_table(county_code, year)
    present = frame.dropna(subset=["kommuntal"])
    tal, received = int(present["kommuntal"].sum()), int(present["mottagna_anvisade"].sum())
    where = "landets" if county_code == NATIONAL_CODE else "länets"
    receivers = escape_markdown(frame["kommun"].iloc[0]) if len(frame) == 1 else f"{where} kommuner"
    text = f"Kommuntalen för {year} omfattade {fmt_int(tal)} anvisningar till {receivers}"
    if tal:
        text += f", och {fmt_int(received)} anvisade togs emot ({fmt_pct(received / tal)})"
    absent = len(frame) - len(present)
    if absent:
        one = absent == 1 and len(frame) == 1
        noun = "kommunen" if one else f"{absent} av {where} {len(frame)} kommuner"
        text += f". För {noun} finns inget kommuntal i Migrationsverkets fil"
    return text + "."
