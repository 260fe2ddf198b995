"""The evaluation report's small line charts (inline SVG): a value axis with round ticks, the plan's path and
the actual values."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from planchk.numbers import EPSILON, decimals
from planchk.numbers import format_number as fmt
from planchk.render.text import plan_text
from planchk.results import Series


@dataclass(frozen=True, slots=True)
class Axis:
    """A chart's value axis: its bounds and the step between its labelled ticks."""

    low: float
    high: float
    step: float

    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [round(self.low + i * self.step, 10) for i in range(count + 1)]

    def label(self, value: float) -> str:
        return fmt(value, decimals(round(self.step, 10)))


BAND = 0.05  # a rate's axis spans at least 5 % of its target (5 points at 100 %), so a 0.1-point dip stays small


def _nice_step(span: float, ticks: int = 4) -> float:
    """The round step (1, 2 or 5 × a power of ten) that cuts `span` into about `ticks` parts."""
    raw = span / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw - EPSILON)


def axis(values: list[float], target: float, kind: str, unit: str) -> Axis:
    """The value axis of a chart. Counts and people start at 0. Rates and years get a band round the target
    and the values, at least BAND of the target wide, so that a small dip does not look like a collapse. A %
    axis never passes 100 unless a value does (a % that may exceed 100 can) nor goes below 0. Bounds and
    ticks are round multiples of the step, so tick labels read 96, 98, 100, never 100.8."""
    lo, hi = min([*values, target]), max([*values, target])
    if kind == "count":
        top = hi if hi > EPSILON else 1.0
        step = _nice_step(top - min(lo, 0.0))
        low = min(0.0, math.floor(lo / step) * step)
        return Axis(round(low, 10), round(math.ceil(top / step - EPSILON) * step, 10), step)
    width = max(hi - lo, BAND * abs(target), EPSILON)
    extra = (width - (hi - lo)) / 2 + width * 0.1
    step = _nice_step(hi - lo + 2 * extra)
    low = math.floor((lo - extra) / step) * step
    high = math.ceil((hi + extra) / step) * step
    if unit == "%":
        ceiling = max(100.0, math.ceil(hi / step - EPSILON) * step)
        high, low = min(high, ceiling), max(low, 0.0)
    return Axis(round(low, 10), round(high, 10), step)


def svg_chart(s: Series, years: list[int], lang: str, path_points: list[tuple[int, float]], kind: str) -> str:
    """A small line chart: the plan's path (dashed) and the actual values (solid, with dots), on a value axis
    with round ticks (see `axis`)."""
    width, height, left, right, top, bottom = 280, 130, 34, 12, 8, 20
    actual = [(y, v) for y in years if (v := s.actual.get(y)) is not None]
    if s.base is not None:
        actual = [(s.base_year, s.base), *actual]
    scale = axis([v for _, v in actual + path_points], s.target, kind, s.unit)
    x0, x1 = s.base_year, s.target_year

    def x(year: float) -> float:
        return left + (year - x0) / max(1, x1 - x0) * (width - left - right)

    def y(value: float) -> float:
        return height - bottom - (value - scale.low) / (scale.high - scale.low) * (height - top - bottom)

    def line(points: list[tuple[int, float]]) -> str:
        return " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in points)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" '
        f'aria-label="{html.escape(plan_text(s.name, lang))}">'
    ]
    for tick in scale.ticks():
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" '
            f'stroke="{"#999" if tick == scale.low else "#e4e4e4"}"/>'
            f'<text class="tick" x="{left - 4}" y="{y(tick) + 3:.1f}" font-size="9" text-anchor="end" fill="#666">'
            f"{html.escape(scale.label(tick))}</text>"
        )
    for year in range(x0, x1 + 1):
        parts.append(
            f'<text x="{x(year):.1f}" y="{height - 6}" font-size="9" text-anchor="middle" fill="#666">{year}</text>'
        )
    if path_points:
        parts.append(
            f'<polyline class="plan-path" points="{line(path_points)}" fill="none" stroke="#1565c0" '
            f'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    if actual:
        parts.append(
            f'<polyline class="actual" points="{line(actual)}" fill="none" stroke="#c62828" stroke-width="2"/>'
        )
        parts += [f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="2.5" fill="#c62828"/>' for a, b in actual]
    parts.append("</svg>")
    return "".join(parts)
