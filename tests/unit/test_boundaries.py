"""Kommun and län boundaries: complete, matching the geography, and light."""

from __future__ import annotations

import json

import pytest

from metabok.errors import InputError
from metabok.sources.boundaries import (
    COUNTY_FILE,
    DECIMALS,
    MUNICIPALITY_FILE,
    county_geojson,
    municipality_geojson,
)
from metabok.sources.geography import counties, municipalities, municipalities_in


def _rings(feature: dict) -> list[list[list[float]]]:
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_all_290_kommuner_with_the_geographys_codes_and_names():
    features = municipality_geojson()["features"]
    assert len(features) == 290
    found = {tuple(f["properties"][key] for key in ("kommunkod", "kommun", "lanskod")) for f in features}
    expected = set(municipalities()[["kommunkod", "kommun", "lanskod"]].itertuples(index=False, name=None))
    assert found == expected


def test_all_21_lan():
    features = county_geojson()["features"]
    found = {(f["properties"]["lanskod"], f["properties"]["lan"]) for f in features}
    assert found == set(counties()[["lanskod", "lan"]].itertuples(index=False, name=None))


@pytest.mark.parametrize("county_code", ["01", "09", "14", "25"])
def test_one_county_holds_exactly_its_kommuner(county_code):
    features = municipality_geojson(county_code)["features"]
    codes = {f["properties"]["kommunkod"] for f in features}
    assert codes == set(municipalities_in(county_code)["kommunkod"])


def test_unknown_county_is_refused():
    with pytest.raises(KeyError):
        municipality_geojson("11")


def test_coordinates_are_rounded_closed_and_oriented_for_d3():
    for feature in municipality_geojson()["features"] + county_geojson()["features"]:
        for ring in _rings(feature):
            assert ring[0] == ring[-1] and len(ring) >= 4
            assert all(round(value, DECIMALS) == value for point in ring for value in point)
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for exterior, *holes in polygons:
            assert _signed_area(exterior) < 0  # clockwise
            assert all(_signed_area(hole) > 0 for hole in holes)


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def test_a_county_map_is_light():
    stockholm = json.dumps(municipality_geojson("01"), separators=(",", ":"), ensure_ascii=False)
    assert len(stockholm.encode()) < 40_000
    whole = json.dumps(municipality_geojson(), separators=(",", ":"), ensure_ascii=False)
    assert len(whole.encode()) < MUNICIPALITY_FILE.stat().st_size / 2


def test_returned_collections_are_independent_copies():
    first = municipality_geojson("01")
    first["features"][0]["properties"]["kommun"] = "ändrad"
    assert municipality_geojson("01")["features"][0]["properties"]["kommun"] != "ändrad"


def _hostile_copy(tmp_path, source, edit):
    collection = json.loads(source.read_text(encoding="utf-8"))
    edit(collection["features"])
    path = tmp_path / source.name
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def test_unknown_kommun_code_is_refused(tmp_path):
    def edit(features):
        features[3]["properties"]["KnKod"] = "0199"

    path = _hostile_copy(tmp_path, MUNICIPALITY_FILE, edit)
    with pytest.raises(InputError) as error:
        municipality_geojson(path=path)
    assert error.value.column == "KnKod" and "objekt nr 4" in str(error.value)
    assert path.name in str(error.value)


def test_missing_kommun_is_refused(tmp_path):
    path = _hostile_copy(tmp_path, MUNICIPALITY_FILE, lambda features: features.pop(0))
    with pytest.raises(InputError, match="saknas"):
        municipality_geojson(path=path)


def test_county_name_mismatch_is_refused(tmp_path):
    def edit(features):
        features[0]["properties"]["LnNamn"] = "Stockholm"

    path = _hostile_copy(tmp_path, COUNTY_FILE, edit)
    with pytest.raises(InputError) as error:
        county_geojson(path=path)
    assert error.value.column == "LnNamn"
