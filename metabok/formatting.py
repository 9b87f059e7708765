"""Swedish number format for text and tables: '44 216', '3,5', '91 %'.

Thousands are separated by a no-break space (U+00A0), decimals by a comma, negative
numbers carry a real minus sign (U+2212, as d3-format does in the charts), and halves
are rounded up, as SCB does.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
NOISE = Decimal("1e-9")


def _rounded(value: float, decimals: int) -> Decimal:
    if value is None or isinstance(value, bool) or math.isnan(value) or math.isinf(value):
        raise ValueError(f"{value!r} är inte ett tal som kan skrivas ut")
    # Binary noise first (100 * 0.145 is 14.499999999999998), then halves up: 14.5 -> 15, 6.25 -> 6.3.
    exact = Decimal(repr(float(value))).quantize(NOISE)
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_up(value: float, decimals: int = 1) -> float:
    """round_half_up(6.25, 1) -> 6.3 (Python's round gives 6.2), as the text and SCB round."""
    return float(_rounded(value, decimals))


def fmt_dec(value: float, decimals: int = 1) -> str:
    """fmt_dec(3.456, 1) -> '3,5'; fmt_dec(12345.6, 1) -> '12 345,6'."""
    number = _rounded(value, decimals)
    sign = MINUS if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", NBSP)
    return sign + grouped + ("," + fraction if fraction else "")


def fmt_int(value: float) -> str:
    """fmt_int(44216) -> '44 216'."""
    return fmt_dec(value, 0)


def fmt_pct(share: float, decimals: int = 0) -> str:
    """A share as per cent: fmt_pct(0.913) -> '91 %'."""
    return fmt_dec(share * 100, decimals) + NBSP + "%"


_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def number_word(value: int, neuter: bool = False) -> str:
    """Small counts in words, as Swedish running text writes them: 2 -> 'två', 1 -> 'en'
    ('ett' with neuter=True, as in 'ett län'); above twelve, digits: 19 -> '19'."""
    if 0 <= value < len(_WORDS):
        return "ett" if value == 1 and neuter else _WORDS[value]
    return fmt_int(value)


def join_swedish(items: list[str], conjunction: str = "och") -> str:
    """join_swedish(['a', 'b', 'c']) -> 'a, b och c' (no comma before 'och')."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


# å, ä, ö after z (as {, |, } do in ASCII); é and ü sort as e and y.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "ü": "y"})


def sort_key(text: str) -> str:
    """Swedish alphabetical order (å, ä, ö last): sorted(names, key=sort_key)."""
    return text.casefold().translate(_SWEDISH_ORDER)
