"""Vega-Lite specs written as plain data, for the charts a chapter draws dozens of times.

Altair builds a chart as a tree of schema objects and deep-copies the tree at every step
(`properties`, `layer`, `facet`, `hconcat`, `to_dict`): for the 36 charts of a META chapter that
took longer than everything else the chapter computes. The survey charts are therefore written
as the Vega-Lite JSON they become, in the same shape Altair gives (named datasets at the top
level), and are validated against Altair's Vega-Lite schema by the tests, as Altair's charts are.
"""

from __future__ import annotations

import copy
import hashlib
import json

from altair import SCHEMA_URL
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

# Altair's default view size, kept so that a chart looks the same written either way.
DEFAULT_CONFIG = {"view": {"continuousHeight": 300, "continuousWidth": 300}}


class Spec:
    """A top-level Vega-Lite spec; `to_dict` as on an Altair chart."""

    def __init__(self, spec: dict) -> None:
        self._spec = spec

    def to_dict(self, validate: bool = False) -> dict:
        """A copy of the spec; with `validate`, jsonschema's ValidationError if it is invalid."""
        spec = copy.deepcopy(self._spec)
        if validate:
            validate_jsonschema(spec, load_schema())
        return spec


class Datasets:
    """The named datasets of one chart: each list of rows is stored once, under a name derived
    from its content (as Altair names a data frame's rows)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = {}

    def ref(self, rows: list[dict]) -> dict:
        """The `data` of a view that draws `rows`."""
        name = "data-" + hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:32]
        self.rows[name] = rows
        return {"name": name}

    def chart(self, body: dict) -> Spec:
        """A top-level spec: `body` (a view, layer, facet or concatenation) with the datasets."""
        return Spec(
            {"$schema": SCHEMA_URL, "config": copy.deepcopy(DEFAULT_CONFIG), **body, "datasets": self.rows}
        )


def field(name: str, kind: str, **properties: object) -> dict:
    """An encoding channel on a field: kind is 'quantitative', 'nominal', 'ordinal' or 'temporal'."""
    return {"field": name, "type": kind, **properties}


def tooltip(name: str, kind: str, title: str, number_format: str | None = None) -> dict:
    return field(name, kind, title=title, **({"format": number_format} if number_format else {}))
