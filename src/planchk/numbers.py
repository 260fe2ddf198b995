"""Numbers as planchk compares and shows them: one tolerance for float noise, one way to print a number and
its comparator, and how many decimals a number is written with."""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Literal

# Float noise from interpolation and sums must not turn an exact hit into a miss.
EPSILON = 1e-9
# How each comparator is written for people (≥ rather than >=), in every message and format.
COMPARATOR_SIGN: dict[str, str] = {
    ">=": "≥",
    ">": ">",
    "<=": "≤",
    "==": "=",
    "range": "≥",
    "approx": "≈",
    "non_decreasing": "≥",
    "rising": ">",
    "above_baseline": ">",
    "done": "",
}
Rounding = Literal["nearest", "up", "down"]
_ROUNDING = {"nearest": ROUND_HALF_UP, "up": ROUND_CEILING, "down": ROUND_FLOOR}
# A target shown at fewer decimals than it is judged is rounded toward the harder side, so a department that
# reports the shown value meets it (≥ 1.34333 reads ≥ 1.3434 at four decimals); other numbers to the nearest.
_UP = (">=", ">", "range", "non_decreasing", "rising", "above_baseline")
_DOWN = ("<=", "<")


def target_rounding(comparator: str) -> Rounding:
    """How a target under `comparator` is rounded when shown (toward the harder side)."""
    return "up" if comparator in _UP else "down" if comparator in _DOWN else "nearest"
_WRITTEN_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


def sign(comparator: str) -> str:
    return COMPARATOR_SIGN.get(comparator, comparator)


def format_number(value: float, places: int = 4, rounding: Rounding = "nearest") -> str:
    """A number as people write it: no trailing zeros, at most `places` decimals (4 unless a report knows the
    row's precision), rounded to the nearest or, for a target shown at fewer decimals than it is judged, up or
    down so that reaching the shown value meets it."""
    if places == 4 and rounding == "nearest":
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    shown = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=_ROUNDING[rounding])
    text = f"{shown:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if shown == 0 else text


def decimals(written: float | str) -> int:
    """How many decimals a number is written with: '1.47' → 2, '≥93' → 0, 93.0 → 0, 50.15 → 2. For a text, the
    most of any number in it (0 when it holds none)."""
    if isinstance(written, str):
        return max((len(m.group(1) or "") for m in _WRITTEN_NUMBER.finditer(written)), default=0)
    exponent = Decimal(repr(float(written))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
