"""Reception analysis: tables, key facts, charts and good examples, checked against the originals."""

from __future__ import annotations

import csv
import math

import openpyxl
import pandas as pd
import pytest

from metabok.errors import InputError
from metabok.formatting import fmt_dec, fmt_int, fmt_pct
from metabok.reception.charts import rate_bar_chart, reception_map, trend_chart
from metabok.reception.report import (
    ABSENT_FROM_KOMMUNTAL,
    MISSING,
    MISSING_TEXT,
    SMALL_COUNT_LIMIT,
    SMALL_NUMBER_RULE_TEXT,
    concentration,
    county_table,
    display_rate,
    equalisation_potential,
    gini,
    key_facts_text,
    kommuntal_table,
    municipality_table,
    national_summary,
    reception_by_category,
    source_line,
    trend_summary,
    trend_table,
)
from metabok.sources.goodexamples import GOOD_EXAMPLES_FILE, THEMES, good_examples
from metabok.sources.migrationsverket import TOTALS_2015_2016_FILE, year_files
from metabok.sources.population import population_file

NBSP = "\u00a0"


# --- hand computation from the two originals, independent of the package ----------------------


def _raw_total_2018(name: str) -> int:
    text = year_files(2018)["received"].read_text(encoding="utf-8-sig")
    row = next(r for r in csv.reader(text.splitlines(), delimiter=";") if len(r) > 2 and r[2] == name)
    return int(row[13].replace(" ", ""))


def _raw_population(name: str, year: int) -> int:
    rows = list(
        openpyxl.load_workbook(population_file(), read_only=True)["Tabell"].iter_rows(values_only=True)
    )
    header = [str(cell) for cell in next(row for row in rows if row[0] == "Kommun")]
    return next(row[header.index(str(year))] for row in rows if row[0] == name)


def test_a_kommuns_rate_equals_the_hand_computation():
    expected = _raw_total_2018("SÖDERHAMN") / _raw_population("Söderhamn", 2018) * 1000
    row = municipality_table(2018, "21").set_index("kommun").loc["Söderhamn"]
    assert row["totalt"] == 107
    assert row["per_1000_inv"] == pytest.approx(expected)
    assert row["andel_ebo"] == pytest.approx(36 / 107)


def test_reception_by_category_for_the_download():
    frame = reception_by_category(2018)
    assert len(frame) == 290 * 5 and frame["antal"].sum() == 44_216
    row = frame.set_index(["kommunkod", "kategori"]).loc[("2182", "ebo")]  # Söderhamn
    assert row["antal"] == 36
    assert row["per_1000_inv"] == pytest.approx(36 / _raw_population("Söderhamn", 2018) * 1000)


def test_municipality_table_for_a_county():
    table = municipality_table(2018, "01")
    assert len(table) == 26 and set(table["lanskod"]) == {"01"}
    assert table["per_1000_inv"].is_monotonic_decreasing
    assert table["rang_lan"].tolist() == list(range(1, 27))
    assert table.iloc[0]["kommun"] == "Ekerö"
    categories = table[["kvotflyktingar", "abo", "ebo", "ovriga", "anhoriga"]]
    assert (table["totalt"] == categories.sum(axis=1)).all()


def test_municipality_table_for_the_country():
    table = municipality_table(2018, "00")
    assert len(table) == 290
    assert table.iloc[0]["kommun"] == "Östra Göinge" and table.iloc[0]["rang_riket"] == 1
    assert table.iloc[-1]["kommun"] == "Hammarö" and table.iloc[-1]["rang_riket"] == 290
    assert table["over_median"].sum() == 145  # the upper half, as for performance-based compensation
    national = 44_216 / 10_230_185 * 1000
    assert table["over_medel"].sum() == (table["per_1000_inv"] > national).sum()


def test_national_summary():
    summary = national_summary(2018)
    assert (summary.mottagna, summary.varav_ensamkommande) == (44_216, 6_635)
    assert summary.folkmangd == 10_230_185
    assert summary.riksgenomsnitt == pytest.approx(44_216 / 10_230_185 * 1000)
    assert summary.per_kategori["anhoriga"] == 16_562
    rates = municipality_table(2018, "00")["per_1000_inv"]
    assert summary.median == pytest.approx(rates.median())
    assert summary.medel == pytest.approx(rates.mean())


def test_county_table():
    table = county_table(2018)
    assert len(table) == 21
    assert table["totalt"].sum() == 44_216
    assert table["folkmangd"].sum() == 10_230_185
    assert table["antal_kommuner"].sum() == 290
    stockholm = table.set_index("lanskod").loc["01"]
    assert stockholm["per_1000_inv"] == pytest.approx(stockholm["totalt"] / stockholm["folkmangd"] * 1000)
    assert table.iloc[0]["lan"] == "Kronobergs län"


def test_kommuntal_table_shows_absent_kommuner_as_absent():
    table = kommuntal_table("19", 2018).set_index("kommun")
    assert len(table) == 10
    kungsor = table.loc["Kungsör"]
    assert pd.isna(kungsor["kommuntal"]) and pd.isna(kungsor["mottagna_anvisade"])
    assert kungsor["anmarkning"] == ABSENT_FROM_KOMMUNTAL
    assert kungsor["totalt"] == 51  # received under the ersättningsförordning all the same
    vasteras = table.loc["Västerås"]
    assert (vasteras["kommuntal"], vasteras["mottagna_anvisade"]) == (141, 140)
    assert vasteras["andel_av_kommuntal"] == pytest.approx(140 / 141)
    country = kommuntal_table("00", 2018)
    assert len(country) == 290 and country["kommuntal"].isna().sum() == 23
    assert country["kommuntal"].sum() == 15_200


def test_kommuntal_zero_has_no_share():
    ludvika = kommuntal_table("20", 2018).set_index("kommun").loc["Ludvika"]
    assert ludvika["kommuntal"] == 0 and math.isnan(ludvika["andel_av_kommuntal"])


def test_trend_table_marks_2017_missing_and_never_interpolates():
    table = trend_table("01")
    assert sorted(table["ar"].unique()) == [2015, 2016, 2017, 2018]
    missing = table[table["ar"] == 2017]
    assert len(missing) == 26
    assert missing["antal"].isna().all() and missing["per_1000_inv"].isna().all()
    assert (missing["anmarkning"] == MISSING_TEXT).all()
    assert table[table["ar"] != 2017]["antal"].notna().all()
    vasby = table.set_index(["kommunkod", "ar"]).loc[("0114", 2016)]
    with TOTALS_2015_2016_FILE.open(encoding="utf-8") as file:
        raw = next(row for row in csv.DictReader(file) if row["Region"] == "UPPLANDS-VÄSBY")
    assert vasby["antal"] == int(raw["2016"])
    expected = int(raw["2016"]) / _raw_population("Upplands Väsby", 2016) * 1000
    assert vasby["per_1000_inv"] == pytest.approx(expected)


def test_trend_summary_for_county_and_country():
    table = trend_summary("09").set_index(["omrade", "ar"])
    assert table.loc[("Riket", 2015), "antal"] == 51_197
    assert table.loc[("Riket", 2016), "antal"] == 68_761
    assert table.loc[("Riket", 2018), "antal"] == 44_216
    assert pd.isna(table.loc[("Riket", 2017), "antal"])
    assert table.loc[("Gotlands län", 2017), "anmarkning"] == MISSING_TEXT
    assert set(trend_summary("00")["omrade"]) == {"Riket"}


def test_equalisation_potential_matches_the_definition():
    result = equalisation_potential(2018, "00")
    table = municipality_table(2018, "00")
    national = 44_216 / 10_230_185 * 1000
    expected = (table["folkmangd"] * national / 1000 - table["totalt"]).clip(lower=0).sum()
    assert result.ytterligare_mottagna == pytest.approx(expected)
    assert result.riksgenomsnitt == pytest.approx(national)
    above = result.per_kommun[result.per_kommun["per_1000_inv"] >= national]
    assert (above["ytterligare_mottagna"] == 0).all()
    county = equalisation_potential(2018, "01")
    assert len(county.per_kommun) == 26 and county.mottagna == 9_091
    assert county.per_kommun.iloc[0]["kommun"] == "Stockholm"


def test_gini_on_known_cases():
    assert gini(pd.Series([10, 20, 30]), pd.Series([1000, 2000, 3000])) == pytest.approx(0)
    assert gini(pd.Series([0, 10]), pd.Series([1, 1])) == pytest.approx(0.5)


def test_concentration():
    result = concentration(2018)
    assert result.antal_kommuner_tiondel == 29
    top = municipality_table(2018, "00").head(29)
    assert result.andel_av_mottagna == pytest.approx(top["totalt"].sum() / 44_216)
    assert result.andel_av_befolkningen == pytest.approx(top["folkmangd"].sum() / 10_230_185)
    assert 0 < result.gini < 1
    assert result.hogst.iloc[0]["kommun"] == "Östra Göinge"
    assert result.lagst.iloc[0]["kommun"] == "Hammarö"


@pytest.mark.parametrize(
    ("count", "rate", "shown"),
    [
        (0, 0.0, "0,0"),
        (5, 0.84, "(0,8)"),
        (SMALL_COUNT_LIMIT, 1.25, "1,3"),
        (pd.NA, 1.0, MISSING),
        (3, math.nan, MISSING),
    ],
)
def test_small_numbers_rule(count, rate, shown):
    assert display_rate(count, rate) == shown


def test_small_number_rule_is_written_for_the_methods_section():
    assert f"färre än {SMALL_COUNT_LIMIT} mottagna" in SMALL_NUMBER_RULE_TEXT
    assert "parentes" in SMALL_NUMBER_RULE_TEXT


def test_key_facts_for_the_country():
    text = key_facts_text(2018, "00")
    assert f"44{NBSP}216 personer" in text and f"6{NBSP}635 ensamkommande" in text
    assert "Östra Göinge med 15,6 mottagna per 1 000 invånare" in text.replace(NBSP, " ")
    assert "Hammarö med 1,6" in text
    assert f"15{NBSP}200 anvisningar" in text and "(96" in text


def test_key_facts_for_a_county():
    text = key_facts_text(2018, "01")
    assert "kommunerna i Stockholms län" in text
    assert "Ekerö med 6,6" in text and "Vaxholm med 3,1" in text
    assert f"Stockholm (3{NBSP}333 personer)" in text
    assert "4.3" not in text and "4,3" in text  # decimal comma only


def test_key_facts_for_a_county_with_one_kommun():
    text = key_facts_text(2018, "09")
    assert "Gotland (länets enda kommun)" in text
    assert "Högst" not in text


def test_source_line_takes_its_date_from_the_file():
    expected = "Källa: Migrationsverket, uppdaterad 2019-03-25; SCB, folkmängd 31 december 2018."
    assert source_line(2018) == expected


def test_swedish_number_format():
    assert fmt_int(44216) == f"44{NBSP}216"
    assert fmt_int(1234567) == f"1{NBSP}234{NBSP}567"
    assert fmt_dec(3.456, 1) == "3,5"
    assert fmt_dec(2.25, 1) == "2,3"  # halves round up
    assert fmt_dec(-1234.5, 1) == f"\u22121{NBSP}234,5"
    assert fmt_pct(0.913) == f"91{NBSP}%"
    with pytest.raises(ValueError):
        fmt_int(math.nan)


# --- charts ---------------------------------------------------------------------------------


def _swedish_locale(spec: dict) -> bool:
    number = spec["config"]["locale"]["number"]
    return number["decimal"] == "," and number["thousands"] == NBSP


def test_bar_chart():
    spec = rate_bar_chart(2018, "01").to_dict()
    assert _swedish_locale(spec)
    assert "Ekerö (6,6)" in spec["description"] and spec["title"]
    bars, rules = spec["layer"]
    assert len(bars["data"]["values"]) == 26
    assert {v["matt"] for v in rules["data"]["values"]} == {"Median för landets kommuner", "Riksgenomsnitt"}
    assert len(rate_bar_chart(2018, "00").to_dict()["layer"][0]["data"]["values"]) == 21


def test_map():
    spec = reception_map(2018, "25").to_dict()
    assert _swedish_locale(spec) and spec["description"] and spec["title"]
    features = spec["data"]["values"]
    assert len(features) == 14
    pajala = next(f for f in features if f["properties"]["namn"] == "Pajala")
    assert pajala["properties"]["kvot_text"] == "9,6"
    titles = {t["title"] for t in spec["layer"][1]["encoding"]["tooltip"]}
    assert {"Namn", "Mottagna", "Mottagna per 1 000 invånare"} <= titles
    assert len(reception_map(2018, "00").to_dict()["data"]["values"]) == 21


def test_trend_chart_leaves_2017_empty():
    spec = trend_chart("01").to_dict()
    assert _swedish_locale(spec) and "2017 saknas" in spec["description"]
    lines = spec["layer"][0]
    assert {v["ar"] for v in lines["data"]["values"]} == {2015, 2016, 2018}
    assert lines["encoding"]["detail"]["field"] == "segment"  # no line bridges 2016–2018
    assert lines["encoding"]["x"]["scale"]["domain"] == [2015, 2016, 2017, 2018]
    gap_text = spec["layer"][3]
    assert gap_text["data"]["values"] == [{"ar": 2017, "text": "uppgift saknas"}]


# --- good examples ------------------------------------------------------------------------------


def test_good_examples_from_bilaga_1():
    everything = good_examples("00")
    assert len(everything) == 93
    assert set(everything["tema"]) == set(THEMES)
    dalarna = good_examples("20")
    pairs = set(zip(dalarna["kommun"], dalarna["beskrivning"], strict=True))
    assert ("Falun", "Modell för koll på ersättning") in pairs
    assert "Regional överenskommelse: Dalarna" in set(dalarna["beskrivning"])
    assert (everything["kalla"].str.contains("Bilaga 1")).all()


def test_good_examples_refuse_an_unknown_kommun(tmp_path):
    lines = GOOD_EXAMPLES_FILE.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Kungälv,1482", "Kungsälv,1482")
    path = tmp_path / "goda_exempel.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        good_examples("00", path=path)
    assert (error.value.row, error.value.column) == (3, "kommun")
    assert "goda_exempel.csv" in str(error.value)
