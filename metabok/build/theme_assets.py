"""Lighter theme assets: the stylesheets keep only the rules the built site can use, and the
icon font keeps only the icons those rules draw.

The theme ships all of Bootstrap and Font Awesome (about 400 kB of CSS and a 156 kB font) for a
dozen icons and a few components. In the copy of the site that is published, every stylesheet
under _static loses the rules whose selectors name a class that no page and no script of the site
contains, and each Font Awesome font is cut to the glyphs the kept rules still name. A class a
script builds from pieces (Bootstrap's "bs-tooltip-…") is kept by its prefix. The build's own
site keeps the theme's files whole: Sphinx and myst-nb read them back in the next incremental build
(the pages' `?v=` checksums), which must not depend on what an earlier build trimmed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

# Rules that hold rules: their contents are purged, the block is kept when something is left.
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")
# Classes that scripts build at run time from pieces, kept whatever the pages contain.
KEPT_CLASS_PREFIXES = ("bs-",)
ICON_FONT_DIR = Path("_static/vendor/fontawesome/webfonts")

CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r"""class=["']([^"']*)["']""")
SCRIPT_SOURCE = re.compile(r"""<script\b[^>]*\bsrc=["']([^"'#]+)""")
WORD = re.compile(r"[A-Za-z_][\w-]*")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")


@dataclass
class SlimReport:
    css_before: int = 0
    css_after: int = 0
    fonts_before: int = 0
    fonts_after: int = 0


def _skip_string(text: str, start: int) -> int:
    """The index after the string literal that opens at start."""
    quote, i = text[start], start + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _skip_comment(text: str, start: int) -> int:
    end = text.find("*/", start + 2)
    return len(text) if end < 0 else end + 2


def split_rules(text: str) -> list[tuple[str, str | None]]:
    """The top-level statements of a stylesheet as (prelude, block body); a statement without a
    block (@charset, @import) has body None. Comments are dropped; strings are respected."""
    rules: list[tuple[str, str | None]] = []
    prelude: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if text.startswith("/*", i):
            i = _skip_comment(text, i)
        elif char in "\"'":
            end = _skip_string(text, i)
            prelude.append(text[i:end])
            i = end
        elif char == ";":
            rules.append(("".join(prelude).strip(), None))
            prelude, i = [], i + 1
        elif char == "{":
            depth, j, body = 1, i + 1, []
            while j < len(text) and depth:
                if text.startswith("/*", j):
                    j = _skip_comment(text, j)
                    continue
                if text[j] in "\"'":
                    end = _skip_string(text, j)
                    body.append(text[j:end])
                    j = end
                    continue
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                if depth:
                    body.append(text[j])
                j += 1
            rules.append(("".join(prelude).strip(), "".join(body)))
            prelude, i = [], j
        else:
            prelude.append(char)
            i += 1
    return [rule for rule in rules if rule[0] or rule[1]]


def _split_selectors(selector_list: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) or [...])."""
    parts, depth, current = [], 0, []
    for char in selector_list:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _required_classes(selector: str) -> list[str]:
    """The classes an element must have for the selector to match anything. Strings, attribute
    selectors and the arguments of functional pseudo-classes (:not(.x), :is(...)) are left out,
    so a rule is only ever dropped when it certainly matches nothing."""
    plain = re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'", "", selector)
    for opening, closing in ("[]", "()"):
        while True:
            stripped = re.sub(rf"\{opening}[^{re.escape(opening + closing)}]*\{closing}", "", plain)
            if stripped == plain:
                break
            plain = stripped
    return CLASS_IN_SELECTOR.findall(plain)


def _class_in_use(name: str, used: set[str]) -> bool:
    return name in used or name.startswith(KEPT_CLASS_PREFIXES)


def purge_css(text: str, used: set[str]) -> str:
    """The stylesheet without the selectors (and rules) that need a class not in used."""
    kept: list[str] = []
    for prelude, body in split_rules(text):
        if body is None:
            kept.append(prelude + ";")
        elif prelude.startswith(GROUPING_AT_RULES):
            inner = purge_css(body, used)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")
        else:
            selectors = [
                s
                for s in _split_selectors(prelude)
                if all(_class_in_use(c, used) for c in _required_classes(s))
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def used_names(site: Path) -> set[str]:
    """Every class on a built page and every word of the scripts the pages load (a class a
    script adds appears in it as a word; a script no page loads, such as the theme's 1.5 MB
    fontawesome.js with every icon's name, is not counted)."""
    used: set[str] = set()
    scripts: set[Path] = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        for value in CLASS_ATTRIBUTE.findall(text):
            used.update(value.split())
        for source in SCRIPT_SOURCE.findall(text):
            scripts.add((page.parent / source.split("?")[0]).resolve())
    for script in sorted(scripts):
        if script.is_file():
            used.update(WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


def icon_codepoints(stylesheets: list[str]) -> set[int]:
    """The icon code points the stylesheets name: CSS escapes (content: "\\f0c9") and characters
    of the private use areas written as they are (the theme's --pst-icon-… variables)."""
    codes = {int(code, 16) for css in stylesheets for code in CSS_ESCAPE.findall(css)}
    codes |= {ord(char) for css in stylesheets for char in PRIVATE_USE.findall(css)}
    return codes


def subset_font(data: bytes, codepoints: set[int]) -> bytes:
    """The font cut to the glyphs of codepoints, as WOFF2."""
    from fontTools import subset  # here: only a build that publishes needs it
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the same bytes in every build
    if set(font.getBestCmap() or {}) <= codepoints:
        return data
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def slim(site: Path) -> SlimReport:
    """Purge every stylesheet under site/_static and cut the icon fonts; returns the sizes."""
    report = SlimReport()
    used = used_names(site)
    kept_sheets = []
    for sheet in sorted((site / "_static").rglob("*.css")):
        original = sheet.read_text(encoding="utf-8")
        purged = purge_css(original, used)
        kept_sheets.append(purged)
        report.css_before += len(original.encode())
        report.css_after += len(purged.encode())
        if purged != original:
            sheet.write_text(purged, encoding="utf-8")
    codepoints = icon_codepoints(kept_sheets)
    for font in sorted((site / ICON_FONT_DIR).glob("*.woff2")):
        data = font.read_bytes()
        smaller = subset_font(data, codepoints)
        report.fonts_before += len(data)
        report.fonts_after += len(smaller)
        if smaller != data:
            font.write_bytes(smaller)
    return report
