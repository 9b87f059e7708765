"""Swedish number format: halves rounded up everywhere, as SCB rounds, also where binary floats
land just below the half."""

from __future__ import annotations

from metabok.formatting import fmt_dec, fmt_int, round_half_up
from metabok.meta import report as meta_report
from metabok.meta import yoy
from metabok.meta.wording import percent_text
from metabok.page import format_cell


def test_halves_round_up_in_text_and_tables():
    assert round_half_up(100 * 1 / 16, 1) == 6.3  # Python's round() gives 6.2
    assert format_cell(round_half_up(100 * 1 / 16, 1)) == "6,3"
    assert fmt_int(100 * 0.145) == "15"  # 14.499999999999998 as a float
    assert percent_text(0.125) == "13 procent"
    assert fmt_dec(-2.25, 1) == "\u22122,3"
    assert round_half_up(2.0449, 2) == 2.04


def test_table_shares_round_halves_up():
    assert meta_report._percent_value(1 / 16) == 6.3
    assert yoy._percent(1 / 16) == 6.3
    assert yoy.whole_percent(0.145) == 15
