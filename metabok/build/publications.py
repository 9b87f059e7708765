"""Site-wide downloads (one tidy file per year) and the site's own copy of vega."""

from __future__ import annotations

import io
import json

import pandas as pd
import vl_convert

from metabok import config, export, frames
from metabok.build import site
from metabok.files import write_atomic
from metabok.reception.report import reception_by_category
from metabok.survey.aggregate import TIDY_COLUMNS, tidy_results
from metabok.survey.responses import load_survey

DATAPACKAGE = "data/datapackage.json"
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
    """All county and national results of one survey year, one row per answer option and area;
    the documented columns, then `datastatus`."""
    survey = load_survey(year)

    def compute() -> pd.DataFrame:
        return export.with_status(tidy_results(survey)[META_RESULT_COLUMNS], survey.status)

    return frames.cached_frame(f"resultat-{year}", survey.inputs(), compute)


def reception_results(year: int) -> pd.DataFrame:
    """One row per kommun and category: received, of which unaccompanied, population, per 1 000;
    then `datastatus`."""
    return export.with_status(reception_by_category(year)[RECEPTION_COLUMNS], site.RECEPTION_STATUS)


COLUMN_DESCRIPTIONS = {
    "ar": "År",
    "lanskod": "Länskod (SCB), 00 = riket",
    "lan": "Län",
    "fraga_id": "Frågans id i årets kodbok",
    "avsnitt": "Enkätens avsnitt",
    "fraga": "Frågan",
    "svarsalternativ": "Svarsalternativ, grupp av alternativ eller mått",
    "antal": "Antal",
    "antal_svarande": "Antal kommuner som besvarat frågan",
    "kommunkod": "Kommunkod (SCB)",
    "kommun": "Kommun",
    "kategori": "Kategori enligt ersättningsförordningen",
    "varav_ensamkommande": "Varav ensamkommande barn",
    "folkmangd": "Folkmängd 31 december (SCB)",
    "per_1000_inv": "Mottagna per 1 000 invånare",
    export.STATUS_COLUMN: "exempeldata (syntetiska svar) eller källan till verkliga uppgifter",
}


def _field(name: str, dtype) -> dict:
    if pd.api.types.is_bool_dtype(dtype):
        kind = "boolean"
    elif pd.api.types.is_integer_dtype(dtype):
        kind = "integer"
    elif pd.api.types.is_float_dtype(dtype):
        kind = "number"
    else:
        kind = "string"
    return {"name": name, "type": kind, "description": COLUMN_DESCRIPTIONS.get(name, name)}


def _resource(path: str, frame: pd.DataFrame, title: str, source: str) -> dict:
    """A Frictionless resource for a collected file (its path relative to datapackage.json)."""
    statuses = sorted(set(frame[export.STATUS_COLUMN]))
    return {
        "name": path.rsplit("/", 1)[-1].removesuffix(".csv"),
        "path": path.rsplit("/", 1)[-1],
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "sources": [{"title": source}],
        "datastatus": statuses[0] if len(statuses) == 1 else statuses,
        "schema": {"fields": [_field(c, t) for c, t in frame.dtypes.items()], "missingValues": [""]},
    }


def datapackage(resources: list[dict]) -> bytes:
    """`data/datapackage.json`: the collected files, their columns, types, source and status."""
    descriptor = {
        "name": "meta-boken",
        "title": "META-boken: samlade filer",
        "description": (
            "En fil per år och slag av kapitel: enkätresultat per län och riket (resultat_meta_<år>.csv) "
            "och mottagande per kommun (mottagande_<år>.csv). Kolumnen datastatus och egenskapen "
            "datastatus säger om siffrorna är exempeldata."
        ),
        "resources": resources,
    }
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def site_downloads(chapters: list[site.Chapter]) -> dict[str, bytes]:
    """`data/resultat_meta_<år>.csv` and `data/mottagande_<år>.csv` (paths in the site) for every
    year the site shows, and `data/datapackage.json` describing them."""
    files, resources = {}, []
    for year in sorted({c.year for c in chapters if c.kind == site.META}):
        frame, path = meta_results(year), site.META.year_file(year)
        files[path] = csv_bytes(frame)
        title = f"{site.survey_name(year)}: resultat per län och riket"
        resources.append(_resource(path, frame, title, site.survey_source(year)))
    for year in sorted({c.year for c in chapters if c.kind == site.RECEPTION}):
        frame, path = reception_results(year), site.RECEPTION.year_file(year)
        files[path] = csv_bytes(frame)
        title = f"Mottagande {year} per kommun och kategori"
        resources.append(_resource(path, frame, title, f"Migrationsverket och SCB, {year}"))
    if resources:
        files[DATAPACKAGE] = datapackage(resources)
    return files


def vega_version_tag() -> str:
    """The Vega-Lite version altair writes, as vl-convert names it ('v6.4')."""
    import altair as alt  # here, not at the top: a build that stops at validation never needs it

    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"v{major}.{minor}"


VEGA_BUNDLE_PATH = "_static/vega/vega-bundle.js"  # in the site (listed in _config.yml)


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
