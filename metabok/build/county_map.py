"""The landing page's map: the 21 län drawn from SCB's boundaries as inline SVG, each län a link to
its newest chapter. Plain links, no script: it works with JavaScript off, by keyboard, and in print.

The projection is the one the charts use (transverse Mercator around 15° E, spherical); points closer
than `MIN_STEP` drawing units to the last kept one are dropped, which keeps the map a few kilobytes.
"""

from __future__ import annotations

import html
import math
from itertools import pairwise

from metabok.build import site
from metabok.sources.boundaries import county_geojson

CENTRAL_MERIDIAN = 15.0
WIDTH = 200  # drawing units across; the page scales the drawing
MIN_STEP = 1.2


def _project(longitude: float, latitude: float) -> tuple[float, float]:
    """Spherical transverse Mercator: x east, y north (radians on the unit sphere)."""
    lam, phi = math.radians(longitude - CENTRAL_MERIDIAN), math.radians(latitude)
    b = math.cos(phi) * math.sin(lam)
    return 0.5 * math.log((1 + b) / (1 - b)), math.atan2(math.tan(phi), math.cos(lam))


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[_project(x, y) for x, y in ring] for polygon in polygons for ring in polygon]


def _path(rings: list[list[tuple[float, float]]], scale: float, left: float, top: float) -> str:
    parts = []
    for ring in rings:
        kept: list[tuple[float, float]] = []
        for x, y in ring:
            point = ((x - left) * scale, (top - y) * scale)
            if not kept or math.dist(point, kept[-1]) >= MIN_STEP:
                kept.append(point)
        if len(kept) >= 3:  # smaller than a step or two: an islet the drawing cannot show
            # Relative steps, rounded to a tenth, carrying the rounding so the ring does not drift.
            points = [(round(x, 1), round(y, 1)) for x, y in kept]
            steps = [f"{x1 - x0:.1f} {y1 - y0:.1f}" for (x0, y0), (x1, y1) in pairwise(points)]
            parts.append(f"M{points[0][0]:.1f} {points[0][1]:.1f}l" + " ".join(steps) + "z")
    return "".join(parts)


def county_map(book_chapters: list[site.Chapter]) -> str:
    """The map as an HTML block for the landing page (MyST passes it through): each län of the book
    links to the first of its chapters in the book's order (the newest), as the list beside it does;
    a län the book leaves out (a partial build) is drawn, greyed, without a link."""
    first: dict[str, site.Chapter] = {}
    for chapter in book_chapters:
        first.setdefault(chapter.county, chapter)
    shapes = {f["properties"]["lanskod"]: _rings(f["geometry"]) for f in county_geojson()["features"]}
    xs = [x for rings in shapes.values() for ring in rings for x, _ in ring]
    ys = [y for rings in shapes.values() for ring in rings for _, y in ring]
    scale = WIDTH / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale)
    drawn = []
    for code, rings in shapes.items():
        path = f'<path d="{_path(rings, scale, min(xs), max(ys))}"/>'
        chapter = first.get(code)
        if chapter is None:
            drawn.append(f'<g class="metabok-utanfor">{path}</g>')
            continue
        label = html.escape(f"{site.area_name(code)}: {chapter.kind.caption(chapter.year)}")
        href = html.escape(site.link_from(site.LANDING_PAGE, f"{chapter.docname}.html"))
        drawn.append(f'<a href="{href}" aria-label="{label}"><title>{label}</title>{path}</a>')
    return (
        '<figure class="metabok-lankarta">'
        f'<svg viewBox="0 0 {WIDTH} {height}" role="group" aria-labelledby="metabok-lankarta-text">'
        + "".join(drawn)
        + '</svg><figcaption id="metabok-lankarta-text">Karta över Sveriges 21 län. Välj ett län för att '
        "gå till dess senaste kapitel; alla kapitel står i listan.</figcaption></figure>\n"
    )
