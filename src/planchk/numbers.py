"""Numbers as planchk compares and shows them: one tolerance for float noise, one way to print a number and
its comparator."""

from __future__ import annotations

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


def sign(comparator: str) -> str:
    return COMPARATOR_SIGN.get(comparator, comparator)


def format_number(value: float) -> str:
    """A number as people write it: no trailing zeros, at most 4 decimals."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
