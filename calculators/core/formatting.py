"""Numbers as readers see them: how a value is written back into a form, and how a result rounds.

Rounding happens here, at display time only; the models always work with unrounded values.
"""

from __future__ import annotations

import math


def plain_number(value: float) -> str:
    """A number as a reader would write it: "30", "72.5", never "30.0" or "1e+02"."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def format_number(value: float, decimals: int) -> str:
    """A rounded number for display; never "-0.00" for a value that rounds to zero."""
    if not math.isfinite(value):
        return "–"
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text


def format_short(value: float, decimals: int) -> str:
    """A number rounded to at most `decimals` places, without trailing zeros: "116.7", "100", "2.2"."""
    text = format_number(value, decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_signed(value: float, decimals: int) -> str:
    """A change for display with its sign: "+1.20", "−0.35" (a true minus sign), "0.00"."""
    text = format_number(value, decimals)
    if float(text) == 0:
        return text.lstrip("-")
    if text.startswith("-"):
        return "\u2212" + text[1:]
    return "+" + text
