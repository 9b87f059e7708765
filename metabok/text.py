"""Text from data files as other systems write it: one normal form, and characters named.

Every comparison of text from data/ (kommun names, headers, labels, narrative headings) goes
through `nfc`, so a name in decomposed form (as macOS writes 'Håbo') equals the composed one.
A character that only looks like an ordinary letter (a Cyrillic 'а', a zero-width space, a
bidi control) is named by its code point in messages, instead of a suggestion that looks the same.
"""

from __future__ import annotations

import reprlib
import unicodedata

MAX_QUOTED = 120  # characters of a value quoted in a message
_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxlevel, _SHORT_REPR.maxlist, _SHORT_REPR.maxdict = 2, 4, 4
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = MAX_QUOTED


def nfc(text: str) -> str:
    """The text in Unicode normal form C (composed: 'a' + U+030A -> 'å')."""
    return unicodedata.normalize("NFC", text)


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """A value quoted for a message, cut at `limit` characters ('…' marks the cut)."""
    if not isinstance(value, str):
        return _SHORT_REPR.repr(value)[:limit]  # bounded even for a list that aliases itself
    if len(value) > limit:
        return repr(value[:limit]) + "…"
    return repr(value)


def code_point(char: str) -> str:
    """'U+0430 CYRILLIC SMALL LETTER A'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'utan namn')}"


def _unusual(char: str) -> bool:
    """A character that is not what a reader takes it for in Swedish text: a letter or digit of
    another script or a fullwidth form, an invisible or control character, a combining mark."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Co", "Cn", "Cs", "Mn", "Me", "Zl", "Zp"):
        return char not in "\t\n\r"
    if category[0] in "LN":
        name = unicodedata.name(char, "")
        return not (char.isascii() or name.startswith("LATIN")) or "FULLWIDTH" in name
    return False


def unusual_characters(text: str) -> list[str]:
    """The distinct unusual characters of a text, in order of appearance."""
    return list(dict.fromkeys(c for c in nfc(str(text)) if _unusual(c)))


def unusual_note(text: str) -> str:
    """' Texten innehåller tecknet … (U+0430 CYRILLIC SMALL LETTER A), …' or ''."""
    chars = unusual_characters(text)[:3]
    if not chars:
        return ""
    named = ", ".join(f"{c!r} ({code_point(c)})" if c.isprintable() else code_point(c) for c in chars)
    word = "tecknet" if len(chars) == 1 else "tecknen"
    return (
        f" Texten innehåller {word} {named}, som ser ut som eller gömmer sig bland vanliga tecken men är "
        "något annat; skriv om texten med vanliga bokstäver."
    )
