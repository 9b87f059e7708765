"""Site-wide downloads (one tidy file per year) and the site's own copy of vega."""

from __future__ import annotations

import io

import altair as alt
import pandas as pd
import vl_convert

from metabok import config, export
from metabok.build import site
from metabok.files import write_atomic
from metabok.reception.report import reception_by_category
from metabok.survey.aggregate import TIDY_COLUMNS, tidy_results
from metabok.survey.responses import load_survey

META_RESULT_COLUMNS = TIDY_COLUMNS
RECEPTION_COLUMNS = [
    "ar",
    "kommunkod",
    "kommun",
    "lanskod",
    "kategori",
    "antal",
    "varav_ensamkommande",
    "folkmangd",
    "per_1000_inv",
]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    export.write_csv(frame, buffer)
    return buffer.getvalue()


def meta_results(year: int) -> pd.DataFrame:
    """All county and national results of one survey year, one row per answer option and area."""
    return tidy_results(load_survey(year))[META_RESULT_COLUMNS]


def reception_results(year: int) -> pd.DataFrame:
    """One row per kommun and category: received, of which unaccompanied, population, per 1 000."""
    return reception_by_category(year)[RECEPTION_COLUMNS]


def site_downloads(chapters: list[site.Chapter]) -> dict[str, bytes]:
    """`data/resultat_meta_<år>.csv` and `data/mottagande_<år>.csv` (paths in the site) for every
    year the site shows."""
    files = {}
    for year in sorted({c.year for c in chapters if c.kind == site.META}):
        files[site.META.year_file(year)] = csv_bytes(meta_results(year))
    for year in sorted({c.year for c in chapters if c.kind == site.RECEPTION}):
        files[site.RECEPTION.year_file(year)] = csv_bytes(reception_results(year))
    return files


def vega_version_tag() -> str:
    """The Vega-Lite version altair writes, as vl-convert names it ('v6.4')."""
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"v{major}.{minor}"


def vega_bundle() -> bytes:
    """vega, vega-lite and vega-embed in one file, matched to altair's Vega-Lite version."""
    cached = config.BUILD_DIR / "cache" / f"vega-bundle-{vl_convert.__version__}-{vega_version_tag()}.js"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        bundle = vl_convert.javascript_bundle(vl_version=vega_version_tag())
        # Wrapped in a function scope: the bundle's top-level names must not clash with
        # the theme's scripts; it publishes vegaEmbed, vega and vegaLite on window itself.
        write_atomic(cached, f"(function () {{\n{bundle}\n}})();\n")
    return cached.read_bytes()
