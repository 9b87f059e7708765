"""Kommun and län boundaries (SCB, WGS84) as light GeoJSON for maps.

Coordinates are rounded to `DECIMALS` places (about 100 m, invisible at county scale);
repeated points are dropped, and rings are oriented the way d3-geo (Vega) expects:
exterior rings clockwise, holes counter-clockwise.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from metabok.config import BOUNDARIES_DIR, NATIONAL_CODE
from metabok.errors import InputError
from metabok.sources.geography import counties, county_by_municipality, municipalities

MUNICIPALITY_FILE = BOUNDARIES_DIR / "swe-maps-kommun.geojson"
COUNTY_FILE = BOUNDARIES_DIR / "swe-maps-lan.geojson"
DECIMALS = 3


def _signed_area(ring: list[list[float]]) -> float:
    """Positive when counter-clockwise (x = longitude, y = latitude)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _ring(ring: list[list[float]], exterior: bool) -> list[list[float]] | None:
    points: list[list[float]] = []
    for x, y in (position[:2] for position in ring):
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not points or point != points[-1]:
            points.append(point)
    if points[0] != points[-1]:
        points.append(points[0])
    area = _signed_area(points)
    if len(points) < 4 or area == 0:
        return None  # collapsed by rounding: smaller than the precision kept
    return points[::-1] if (area > 0) == exterior else points


def _polygon(rings: list) -> list | None:
    exterior = _ring(rings[0], exterior=True)
    if exterior is None:
        return None
    holes = [hole for hole in (_ring(r, exterior=False) for r in rings[1:]) if hole is not None]
    return [exterior, *holes]


def _light_geometry(geometry: dict) -> dict:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"geometritypen {geometry['type']!r} stöds inte")
    kept = [p for p in (_polygon(rings) for rings in polygons) if p is not None]
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _read_features(path: Path, code_key: str, name_key: str, expected: dict[str, str]) -> list[dict]:
    """The file's features checked against `expected` (code -> name), with light geometry."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"filen kan inte läsas som GeoJSON ({error})", file=path) from error
    seen: dict[str, int] = {}
    result = []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        code, name = properties.get(code_key), properties.get(name_key)
        where = f"objekt nr {number}"
        if code not in expected:
            raise InputError(f"{where}: {code!r} är ingen känd kod", file=path, column=code_key)
        if code in seen:
            message = f"{where}: koden {code} finns redan i objekt nr {seen[code]}"
            raise InputError(message, file=path, column=code_key)
        if name != expected[code]:
            message = f"{where}: namnet {name!r} stämmer inte med {expected[code]!r} för kod {code}"
            raise InputError(message, file=path, column=name_key)
        seen[code] = number
        try:
            geometry = _light_geometry(feature["geometry"])
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise InputError(f"{where}: ogiltig geometri ({error})", file=path, column="geometry") from error
        if not geometry["coordinates"]:
            raise InputError(f"{where}: geometrin försvinner vid avrundning", file=path, column="geometry")
        result.append({"type": "Feature", "properties": {"code": code}, "geometry": geometry})
    missing = sorted(set(expected) - set(seen))
    if missing:
        raise InputError(f"koderna {', '.join(missing)} saknas", file=path, column=code_key)
    return result


@cache
def _municipality_features(path: Path) -> list[dict]:
    frame = municipalities()
    expected = dict(zip(frame["kommunkod"], frame["kommun"], strict=True))
    county = county_by_municipality()
    features = _read_features(path, "KnKod", "KnNamn", expected)
    for feature in features:
        code = feature["properties"].pop("code")
        feature["properties"] = {"kommunkod": code, "kommun": expected[code], "lanskod": county[code]}
    return sorted(features, key=lambda f: f["properties"]["kommunkod"])


@cache
def _county_features(path: Path) -> list[dict]:
    frame = counties()
    # The file names a län in the genitive without 'län' ('Stockholms', 'Västra Götalands').
    names = zip(frame["lanskod"], frame["lan"], strict=True)
    expected = {code: name.removesuffix(" län") for code, name in names}
    features = _read_features(path, "LnKod", "LnNamn", expected)
    for feature in features:
        code = feature["properties"].pop("code")
        feature["properties"] = {"lanskod": code, "lan": f"{expected[code]} län"}
    return sorted(features, key=lambda f: f["properties"]["lanskod"])


def municipality_geojson(county_code: str | None = None, path: Path = MUNICIPALITY_FILE) -> dict:
    """FeatureCollection of the kommuner of one län (all 290 for None or '00');
    properties kommunkod, kommun, lanskod."""
    features = _municipality_features(Path(path))
    if county_code not in (None, NATIONAL_CODE):
        features = [f for f in features if f["properties"]["lanskod"] == county_code]
        if not features:
            raise KeyError(f"okänd länskod {county_code!r}")
    return {"type": "FeatureCollection", "features": copy.deepcopy(features)}


def county_geojson(path: Path = COUNTY_FILE) -> dict:
    """FeatureCollection of the 21 län; properties lanskod, lan ('Stockholms län')."""
    return {"type": "FeatureCollection", "features": copy.deepcopy(_county_features(Path(path)))}
