"""Migrationsverket's files, parsed from the originals, reconciled, and refused when broken."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from metabok.errors import InputError
from metabok.sources.migrationsverket import (
    CATEGORIES,
    CATEGORY_LABELS,
    TOTALS_2015_2016_FILE,
    kommuntal_for_all,
    load_kommuntal,
    load_received,
    load_received_totals_2015_2016,
    received_totals,
    source_updated,
    year_files,
)

RECEIVED_FILE = year_files(2018)["received"]
KOMMUNTAL_FILE = year_files(2018)["kommuntal"]

# Row 'Totalt' of the 2018 file: (antal, varav ensamkommande barn) per category.
NATIONAL_2018 = {
    "kvotflyktingar": (5028, 116),
    "abo": (11068, 2265),
    "ebo": (7859, 1534),
    "ovriga": (3699, 2710),
    "anhoriga": (16562, 10),
}

# The 23 kommuner absent from the kommuntal file (data/raw/migrationsverket-2018/SOURCE.md).
ABSENT_FROM_KOMMUNTAL = {
    "Arboga",
    "Avesta",
    "Fagersta",
    "Filipstad",
    "Flen",
    "Hedemora",
    "Hultsfred",
    "Hällefors",
    "Högsby",
    "Kungsör",
    "Lessebo",
    "Lindesberg",
    "Ljusnarsberg",
    "Markaryd",
    "Norberg",
    "Olofström",
    "Oxelösund",
    "Perstorp",
    "Ronneby",
    "Södertälje",
    "Valdemarsvik",
    "Vingåker",
    "Östra Göinge",
}


# --- the real files -----------------------------------------------------------------------


def test_received_2018_has_every_kommun_in_long_form():
    frame = load_received(2018)
    assert list(frame.columns) == [
        "kommunkod",
        "kommun",
        "lanskod",
        "ar",
        "kategori",
        "antal",
        "varav_ensamkommande",
    ]
    assert frame["kommunkod"].nunique() == 290
    assert len(frame) == 290 * 5
    assert set(frame["kategori"]) == set(CATEGORIES) == set(CATEGORY_LABELS)
    assert (frame["ar"] == 2018).all()
    assert (frame["lanskod"] == frame["kommunkod"].str[:2]).all()


def test_received_2018_national_totals():
    frame = load_received(2018)
    assert frame["antal"].sum() == 44_216
    assert frame["varav_ensamkommande"].sum() == 6_635
    sums = frame.groupby("kategori")[["antal", "varav_ensamkommande"]].sum()
    for category, (antal, varav) in NATIONAL_2018.items():
        assert tuple(sums.loc[category]) == (antal, varav)


def _raw_row(name: str) -> list[str]:
    """A kommun's row read straight from the original file, independently of the module."""
    text = RECEIVED_FILE.read_text(encoding="utf-8-sig")
    rows = csv.reader(text.splitlines(), delimiter=";")
    return next(row for row in rows if len(row) > 2 and row[2] == name)


@pytest.mark.parametrize(
    ("name", "code"), [("SÖDERHAMN", "2182"), ("UPPLANDS-VÄSBY", "0114"), ("DALS-ED", "1438")]
)
def test_a_kommuns_values_are_the_files_own(name, code):
    raw = [int(v.replace(" ", "")) if v else 0 for v in _raw_row(name)[3:15]]
    frame = load_received(2018).set_index(["kommunkod", "kategori"])
    for index, category in enumerate(CATEGORIES):
        assert frame.loc[(code, category), "antal"] == raw[2 * index]
        assert frame.loc[(code, category), "varav_ensamkommande"] == raw[2 * index + 1]
    assert frame.loc[code, "antal"].sum() == raw[10]


def test_source_updated_is_read_from_the_file():
    assert source_updated(2018) == "2019-03-25"


def test_only_2018_exists():
    with pytest.raises(ValueError):
        load_received(2017)


def test_kommuntal_2018():
    frame = load_kommuntal(2018)
    assert len(frame) == 267
    assert frame["kommuntal"].sum() == 15_200
    assert frame["mottagna"].sum() == 14_588
    row = frame.set_index("kommunkod").loc["2023"]  # written MALUNG in the file
    assert (row["kommun"], row["kommuntal"], row["mottagna"]) == ("Malung-Sälen", 25, 23)
    assert frame.set_index("kommunkod").loc["1438", "kommuntal"] == 5  # written DALSED


def test_kommuner_absent_from_kommuntal_are_missing_not_zero():
    frame = kommuntal_for_all(2018)
    assert len(frame) == 290
    absent = frame[frame["saknas_i_kallan"]]
    assert set(absent["kommun"]) == ABSENT_FROM_KOMMUNTAL
    assert absent["kommuntal"].isna().all() and absent["mottagna"].isna().all()
    present = frame[~frame["saknas_i_kallan"]]
    assert present["kommuntal"].notna().all()
    assert (present["kommuntal"] == 0).sum() == 23  # kommuntal 0 is a value, distinct from absent


def test_totals_2015_2016():
    frame = load_received_totals_2015_2016()
    assert list(frame.columns) == ["kommunkod", "ar", "antal"]
    sums = frame.groupby("ar")["antal"].sum()
    assert (sums[2015], sums[2016]) == (51_197, 68_761)
    assert frame.groupby("ar")["kommunkod"].nunique().tolist() == [290, 290]
    values = frame.set_index(["kommunkod", "ar"])["antal"]
    assert (values[("0114", 2016)], values[("0114", 2015)]) == (275, 166)  # UPPLANDS-VÄSBY


def test_received_totals_has_no_2017():
    frame = received_totals()
    assert sorted(frame["ar"].unique()) == [2015, 2016, 2018]
    assert frame.groupby("ar")["antal"].sum().to_dict() == {2015: 51_197, 2016: 68_761, 2018: 44_216}


# --- hostile copies -------------------------------------------------------------------------


def _copy(tmp_path: Path, source: Path, edit, encoding: str = "utf-8-sig") -> Path:
    lines = source.read_text(encoding="utf-8-sig").split("\n")
    path = tmp_path / source.name
    path.write_text("\n".join(edit(lines)), encoding=encoding)
    return path


def _replace(line_number: int, old: str, new: str):
    def edit(lines: list[str]) -> list[str]:
        assert old in lines[line_number - 1]
        lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
        return lines

    return edit


def _expect_error(load, path: Path, row: int, column: str | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        load(path=path)
    error = info.value
    assert Path(error.file).name == path.name
    assert error.row == row
    assert path.name in str(error) and f"rad {row}" in str(error)
    if column is not None:
        assert error.column is not None and error.column.startswith(column)
    return error


def received(path):
    return load_received(2018, path=path)


def kommuntal(path):
    return load_kommuntal(2018, path=path)


def test_received_renamed_column(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, _replace(9, "Kvotflykting (Kategori 1)", "Kvotflyktingar"))
    _expect_error(received, path, row=9, column="D")


def test_received_unknown_kommun(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, _replace(11, ";;KARLSKRONA;", ";;KARLSKRONA STAD;"))
    _expect_error(received, path, row=11, column="C")


def test_received_broken_subtotal(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, _replace(15, ";Delsumma;28;", ";Delsumma;29;"))
    error = _expect_error(received, path, row=15, column="D")
    assert "29" in error.message and "28" in error.message


def test_received_duplicate_kommun(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, lambda lines: lines[:11] + [lines[10]] + lines[11:])
    error = _expect_error(received, path, row=12, column="C")
    assert "rad 11" in error.message


def test_received_windows_encoded_copy(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, lambda lines: lines, encoding="cp1252")
    error = _expect_error(received, path, row=2)
    assert "UTF-8" in error.message


def test_received_non_numeric_value(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, _replace(10, ";KARLSHAMN;6;", ";KARLSHAMN;sex;"))
    _expect_error(received, path, row=10, column="D")


def test_received_row_total_mismatch(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, _replace(10, ";112;;170;14", ";112;;171;14"))
    _expect_error(received, path, row=10, column="N")


def test_received_kommun_under_the_wrong_lan(tmp_path):
    path = _copy(tmp_path, RECEIVED_FILE, _replace(10, "BLEKINGE LÄN;;KARLSHAMN", "DALARNAS LÄN;;KARLSHAMN"))
    _expect_error(received, path, row=10, column="C")


def test_received_without_total_row(tmp_path):
    def drop_total(lines):
        return [line for line in lines if not line.startswith(";;Totalt;")]

    path = _copy(tmp_path, RECEIVED_FILE, drop_total)
    with pytest.raises(InputError, match="raden 'Totalt' saknas"):
        received(path)


def test_kommuntal_broken_county_row(tmp_path):
    path = _copy(tmp_path, KOMMUNTAL_FILE, _replace(2, ",10,,83,83", ",10,,84,83"))
    _expect_error(kommuntal, path, row=2, column="Tal")


def test_kommuntal_unknown_code(tmp_path):
    path = _copy(tmp_path, KOMMUNTAL_FILE, _replace(3, ",1082,", ",1099,"))
    _expect_error(kommuntal, path, row=3, column="Kommunkod")


def test_kommuntal_name_and_code_disagree(tmp_path):
    path = _copy(tmp_path, KOMMUNTAL_FILE, _replace(3, "KARLSHAMN", "KARLSKRONA"))
    _expect_error(kommuntal, path, row=3, column="Kommun")


def test_kommuntal_duplicate_row(tmp_path):
    path = _copy(tmp_path, KOMMUNTAL_FILE, lambda lines: lines[:3] + [lines[2]] + lines[3:])
    _expect_error(kommuntal, path, row=4, column="Kommunkod")


def test_kommuntal_non_numeric(tmp_path):
    path = _copy(tmp_path, KOMMUNTAL_FILE, _replace(3, ",1082,10,", ",1082,tio,"))
    _expect_error(kommuntal, path, row=3, column="Tal")


def test_kommuntal_renamed_column(tmp_path):
    path = _copy(tmp_path, KOMMUNTAL_FILE, _replace(1, ",Tal,", ",Kommuntal,"))
    _expect_error(kommuntal, path, row=1)


def test_totals_unknown_kommun(tmp_path):
    path = _copy(tmp_path, TOTALS_2015_2016_FILE, _replace(2, "ALE,", "ALEBY,"))
    _expect_error(load_received_totals_2015_2016, path, row=2, column="Region")


def test_totals_renamed_column(tmp_path):
    path = _copy(tmp_path, TOTALS_2015_2016_FILE, _replace(1, "Region", "Kommun"))
    _expect_error(load_received_totals_2015_2016, path, row=1)


def test_totals_non_numeric(tmp_path):
    path = _copy(tmp_path, TOTALS_2015_2016_FILE, _replace(2, "ALE,119,", "ALE,1 19x,"))
    _expect_error(load_received_totals_2015_2016, path, row=2, column="2016")


def test_totals_blank_cell_is_missing_not_zero(tmp_path):
    path = _copy(tmp_path, TOTALS_2015_2016_FILE, _replace(2, "ALE,119,", "ALE,,"))
    frame = load_received_totals_2015_2016(path).set_index(["kommunkod", "ar"])
    assert ("1440", 2016) not in frame.index  # Ale
    assert frame.loc[("1440", 2015), "antal"] == 69
