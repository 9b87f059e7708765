"""Sphinx hooks of META-boken: self-contained, light pages with a Swedish interface.

- jupyter-book 1.x always loads sphinx-thebe, whose inline configuration names a CDN
  (and is added twice); the book never launches live code, so those scripts are dropped.
- A script or stylesheet listed twice (jupyter-book repeats the configured ones) is loaded once.
- The extensions' assets for code blocks, toggles and sphinx-design are loaded only on a page that
  has such an element (no chapter has): a reader's phone does not fetch 50 kB it never uses.
- The theme's interface texts that Sphinx and pydata-sphinx-theme have no Swedish translation for
  are translated here (a fallback catalogue behind the installed ones).
"""

from __future__ import annotations

import gettext
import re

from sphinx.locale import translators

THEBE_MARKERS = ("thebe",)

# An extension's assets (names as they end up in the page), and what in the page's body uses them.
OPTIONAL_ASSETS = (
    (re.compile(r"<pre"), ("copybutton", "clipboard.min.js")),
    (re.compile(r'class="[^"]*\bhighlight'), ("pygments.css",)),
    (re.compile(r'class="[^"]*\b(toggle|dropdown)\b'), ("togglebutton", "toggleHint", "toggleOpenOnPrint")),
    (re.compile(r'class="[^"]*\bsd-'), ("sphinx-design", "design-tabs.js")),
)

# The interface texts the installed catalogues leave in English, in Swedish.
SWEDISH = {
    "Back to top": "Till början av sidan",
    "Skip to main content": "Till sidans innehåll",
    "Link to this heading": "Länk till rubriken",
    "Link to this table": "Länk till tabellen",
    "Link to this image": "Länk till bilden",
    "Color mode": "Färgläge",
    "Light": "Ljust",
    "Dark": "Mörkt",
    "System Settings": "Som datorns inställning",
    "Site navigation": "Meny",
    "On this page": "På den här sidan",
    "Search": "Sök",
    "Search the docs ...": "Sök i boken …",
    "Contents": "Innehåll",
    "Copyright": "Upphovsrätt",
    "© Copyright %(copyright)s.": "© %(copyright)s.",
    "Version warning": "Versionsvarning",
    "By": "Av",
    "Last updated on": "Senast uppdaterad",
    "previous page": "föregående sida",
    "next page": "nästa sida",
    "previous": "föregående",
    "next": "nästa",
    "Print to PDF": "Skriv ut som PDF",
    "Download this page": "Ladda ner sidan",
    "Fullscreen mode": "Helskärm",
}


class SwedishInterface(gettext.NullTranslations):
    """The last fallback of a catalogue: Swedish for the texts in SWEDISH, the text itself otherwise."""

    def gettext(self, message: str) -> str:
        return SWEDISH.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def _once(assets: list) -> list:
    """The assets in order, each file once (its first listing, e.g. print.css with media=print);
    an inline script is told apart by its body."""
    seen, kept = set(), []
    for asset in assets:
        filename = getattr(asset, "filename", asset)
        key = str(filename) if filename else str(getattr(asset, "attributes", {}).get("body", ""))
        if key not in seen:
            seen.add(key)
            kept.append(asset)
    return kept


def _unused_markers(body: str) -> tuple[str, ...]:
    """The names of the optional assets that nothing in body uses."""
    return tuple(name for used_by, names in OPTIONAL_ASSETS if not used_by.search(body) for name in names)


def _names(asset, markers: tuple[str, ...]) -> bool:
    """True when the asset's file name or inline body names one of the markers (any case)."""
    filename = str(getattr(asset, "filename", asset) or "").lower()
    body = str(getattr(asset, "attributes", {}).get("body", "")).lower()
    return any(m.lower() in filename or m.lower() in body for m in markers)


def tidy_assets(app, pagename, templatename, context, doctree) -> None:
    dropped = THEBE_MARKERS + _unused_markers(context.get("body", ""))
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = _once([asset for asset in context[key] if not _names(asset, dropped)])


def install_swedish(app) -> None:
    """Put the Swedish interface texts behind every installed catalogue (Sphinx's and the themes')."""
    if not str(app.config.language or "").startswith("sv"):
        return
    for translator in translators.values():
        translator.add_fallback(SwedishInterface())


def setup(app):
    app.connect("builder-inited", install_swedish)
    app.connect("html-page-context", tidy_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
