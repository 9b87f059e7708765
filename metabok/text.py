"""Text from data files as other systems write it: one normal form, and characters named.

Every comparison of text from data/ (kommun names, headers, labels, narrative headings) goes
through `nfc`, so a name in decomposed form (as macOS writes 'Håbo') equals the composed one.
A character that only looks like an ordinary letter (a Cyrillic 'а', a zero-width space, a
bidi control) is named by its code point in messages, instead of a suggestion that looks the same.
"""

from __future__ import annotations

import re
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


# Characters that can open markup anywhere in a line (CommonMark, MyST, HTML, entities, math).
_MARKUP = re.compile(r"([\\`*_\[\]<>{}#|~$&!^])")
# At the start of a line any ASCII punctuation can open a block (list, quote, colon fence,
# target, comment, block break, thematic break, setext underline), and so can '1.' or '1)'.
_LIST_NUMBER = re.compile(r"[0-9]{1,9}[.)]")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Characters that change how the text around them is shown (bidi controls), and control characters.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _escape_line(text: str) -> str:
    head = ""
    number = _LIST_NUMBER.match(text)
    if number is not None:
        head, text = text[: number.end() - 1] + "\\" + text[number.end() - 1], text[number.end() :]
    elif text[:1] in _ASCII_PUNCTUATION and not _MARKUP.match(text):  # _MARKUP escapes its own
        head, text = "\\" + text[0], text[1:]
    return head + _MARKUP.sub(r"\\\1", text)


def escape_markdown(text: object) -> str:
    """Text from a data file as inert Markdown, the one escaper for every text from data/.

    Every character that can open markup is backslash-escaped (CommonMark allows it for all
    ASCII punctuation), so no Markdown, HTML, entity, MyST role, directive, colon fence,
    substitution, target, comment or math in the text takes effect; bidi controls are removed
    and control characters (NUL …) replaced by U+FFFD; every kind of line break (U+2028, form
    feed …) becomes a space; paragraphs (blank lines) are kept."""
    text = _BIDI_CONTROLS.sub("", nfc(str(text)).replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL_CHARACTERS.sub("\ufffd", text)
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n[^\S\n]*\n", text.strip()))
    return "\n\n".join(_escape_line(p) for p in paragraphs if p)
