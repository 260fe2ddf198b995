"""Evaluation reports (年度评估 / 中期评估 / 总结评估) as Markdown or one self-contained HTML file.

The HTML has inline CSS and inline SVG charts only: no scripts, fonts or images to load, and one link, relative,
to the method in docs/rules.md. Printed, it is laid out for A4 (PRINT_CSS).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from planchk.i18n import Bilingual, label
from planchk.numbers import EPSILON, Rounding, decimals, sign
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.render.text import bar, md, pct, revision_line, sparkline, zh_punct
from planchk.results import Evaluation, IndicatorResult, Series, Trend

Kind = Literal["annual", "midterm", "final"]
# The method, linked relative to the repository's root: the link works where the report is read from there.
METHOD_LINK = "docs/rules.md#trend-classification"


def _name(text: Bilingual, lang: str) -> str:
    """A name or title from the plan, in Chinese with full-width punctuation (新建幼儿园（具名）, “十四五”)."""
    return zh_punct(text.zh) if lang == "zh" else text.en


def report_kind(plan: Plan, year: int) -> Kind:
    """Final in the last year; mid-term in the plan's own mid-period milestone year (2022 for Dadukou) or,
    without one, the middle of the period; annual otherwise."""
    end = plan.meta.period_end
    if year >= end:
        return "final"
    milestones = sorted({t.year for ind in plan.indicators for t in ind.targets if t.year < end})
    midterm = milestones[0] if milestones else plan.meta.period_start + (end - plan.meta.period_start) // 2
    return "midterm" if year == midterm else "annual"


def summary_line(plan: Plan, ev: Evaluation, trend: Trend, lang: str, kind: Kind) -> str:
    inds = ev.indicators
    if kind == "final":
        met = sum(1 for r in inds if r.status == "pass")
        items = [i for p in ev.programmes for i in p.items if i.status not in ("not_due", "cannot_judge")]
        return label(
            lang,
            "report.final_rule",
            year=ev.year,
            met=met,
            total=len(inds),
            items_met=sum(1 for i in items if i.status == "pass"),
            items_total=len(items),
        )
    if kind == "midterm":
        # Measured against the plan's own mid-term values (the rows' verdicts), not a straight share of the
        # 2020→2025 gap: the plan may ask for less than half by mid-term, and the summary must agree with rows.
        met = sum(1 for r in inds if r.status == "pass")
        elapsed = inds[0].elapsed if inds else 0.0
        verdict = label(lang, "report.half_ok" if met == len(inds) else "report.half_behind")
        return label(
            lang, "report.midterm_rule", elapsed=pct(elapsed), met=met, total=len(inds), year=ev.year, verdict=verdict
        )
    return label(
        lang, "report.annual_rule", year=ev.year, passed=sum(1 for r in inds if r.status == "pass"), total=len(inds)
    )


Cell = tuple[str, str]  # (text, CSS class for the HTML table)
Places = dict[str, int]  # row id → the decimals the report may show for it
# A target shown at fewer decimals than it is judged is rounded toward the harder side, so a department that
# reports the shown value meets it (≥ 1.3433 reads ≥ 1.344); other numbers are rounded to the nearest.
_UP = (">=", ">", "range", "non_decreasing", "rising", "above_baseline")
_DOWN = ("<=", "<")


def row_places(plan: Plan) -> Places:
    """The decimals a report may show for each row: one more than the plan writes for it (an indicator's
    baseline and its milestones as written; an item's target, bounds or baseline; 0 when it gives none)."""
    places = {
        ind.id: 1 + max([decimals(ind.baseline.value), *(decimals(t.as_written) for t in ind.targets)])
        for ind in plan.indicators
    }
    for item in plan.item_by_id.values():
        written = [v for v in (item.target, item.min, item.max, item.baseline) if v is not None]
        places[item.id] = 1 + max((decimals(v) for v in written), default=0)
    return places


def shown(value: float, places: int) -> str:
    """An observed or projected value at the row's precision."""
    return fmt(value, places)


def shown_target(value: float, places: int, comparator: str) -> str:
    """A plan value at the row's precision, rounded so that reaching the shown value meets it."""
    rounding: Rounding = "up" if comparator in _UP else "down" if comparator in _DOWN else "nearest"
    return fmt(value, places, rounding)


def binding_misses(ev: Evaluation) -> list[IndicatorResult]:
    """The binding (约束性) indicators that fail or are missing: the report's headline."""
    return [r for r in ev.indicators if r.attribute == "binding" and r.status in ("fail", "missing")]


def _short_of(r: IndicatorResult, places: Places, lang: str) -> str:
    """'1.74 未达到 ≥1.77': a missed row's value against its plan value, at the row's precision."""
    p = places.get(r.id, 4)
    return label(
        lang,
        "report.short_of",
        actual="—" if r.actual is None else shown(r.actual, p),
        expected=sign(r.comparator) + shown_target(r.expected, p, r.comparator),
    )


def headline(ev: Evaluation, lang: str, places: Places) -> str:
    misses = binding_misses(ev)
    if not misses:
        return label(lang, "report.binding_ok")
    sep = "、" if lang == "zh" else "; "

    def miss(r: IndicatorResult) -> str:
        name, status = _name(r.name, lang), label(lang, r.status)
        if r.actual is None:
            return label(lang, "report.binding_missing", name=name, status=status)
        p = places.get(r.id, 4)
        expected = sign(r.comparator) + shown_target(r.expected, p, r.comparator)
        return label(
            lang, "report.binding_miss", name=name, status=status, actual=shown(r.actual, p), expected=expected
        )

    return label(lang, "report.binding_missed", names=sep.join(miss(r) for r in misses))


def _why(r: IndicatorResult, s: Series, lang: str, places: int) -> str:
    """A few words where the year's status and the outlook could read as different verdicts."""
    if r.actual is None and s.assessment.classification != "cannot_assess":
        latest = max((y for y, v in s.actual.items() if v is not None), default=None)
        return label(lang, "report.why_missing", year=latest) if latest is not None else ""
    if s.assessment.reason is not None and s.assessment.projection is not None:
        # the judge's reason, with the projection at the row's precision
        return label(lang, "report.why_short", projection=shown(s.assessment.projection, places))
    return s.assessment.reason.get(lang) if s.assessment.reason is not None else ""


def _rows(
    plan: Plan, ev: Evaluation, trend: Trend, lang: str, kind: Kind, places: Places
) -> tuple[list[str], list[tuple[IndicatorResult, list[Cell]]]]:
    """The indicator table of a report: binding (约束性) targets first, each with its attribute, its deviation
    from the plan value (偏差率) and, where the status and the outlook could read differently, why."""
    by_id = {s.id: s for s in trend.series}
    final_year = plan.meta.period_end
    head = [
        label(lang, "indicator"),
        label(lang, "attribute"),
        label(lang, "unit"),
        label(lang, "report.expected", year=ev.year),
        label(lang, "report.actual", year=ev.year),
        label(lang, "report.deviation"),
        label(lang, "report.status", year=ev.year),
        label(lang, "report.final_target", year=final_year),
    ]
    head += (
        [label(lang, "report.outcome")]
        if kind == "final"
        else [label(lang, "report.assessment"), label(lang, "projection", year=final_year)]
    )
    head.append(label(lang, "report.why"))
    ordered = sorted(ev.indicators, key=lambda r: r.attribute != "binding")  # stable: plan order within each
    rows = []
    for r in ordered:
        s = by_id[r.id]
        p = places.get(r.id, 4)
        deviation = "—" if r.deviation is None else f"{r.deviation * 100:+.1f}%"
        cells: list[Cell] = [
            (_name(r.name, lang), ""),
            (label(lang, r.attribute), "binding" if r.attribute == "binding" else ""),
            (r.unit, ""),
            (shown_target(r.expected, p, r.comparator), "num"),
            ("—" if r.actual is None else shown(r.actual, p), "num"),
            (deviation, "num"),
            (label(lang, r.status), f"s-{r.status}"),
            (shown_target(s.target, p, s.comparator), "num"),
        ]
        if kind == "final":
            outcome = "report.achieved_final" if r.status == "pass" else "report.missed_final"
            cells.append((label(lang, outcome), f"s-{r.status}"))
        else:
            projection = s.assessment.projection
            cells += [
                (label(lang, s.assessment.classification), f"s-{s.assessment.classification}"),
                ("—" if projection is None else shown(projection, p), "num"),
            ]
        cells.append((_why(r, s, lang, p), ""))
        rows.append((r, cells))
    return head, rows


def _attention(ev: Evaluation, trend: Trend, lang: str, kind: Kind, places: Places) -> list[str]:
    ordered = sorted(ev.indicators, key=lambda r: r.attribute != "binding")  # a missed binding target first
    out = []
    for r in ordered:
        if r.status == "pass":
            continue
        row = {"name": _name(r.name, lang), "attribute": label(lang, r.attribute), "status": label(lang, r.status)}
        if r.status == "fail" and r.actual is not None:
            out.append(label(lang, "report.attention_miss", detail=_short_of(r, places, lang), **row))
        else:
            out.append(label(lang, "report.attention_row", **row))
    if kind != "final":
        out += [
            label(
                lang,
                "report.attention_trend",
                name=_name(s.name, lang),
                assessment=label(lang, s.assessment.classification),
            )
            for s in trend.series
            if s.kind == "indicator" and s.assessment.classification in ("moving_away", "limited_progress")
        ]
    for p in ev.programmes:
        failing = [i for i in p.items if i.status == "fail"]
        if failing:
            names = label(lang, "report.list_sep").join(_name(i.name, lang) for i in failing[:6])
            names += label(lang, "report.and_more") if len(failing) > 6 else ""
            out.append(label(lang, "report.attention_items", box=p.box, n=len(failing), names=names))
    return out


def _method_note(plan: Plan, lang: str) -> str:
    """The footnote under the indicators: how the projection and the trend are made, in full."""
    sep = "" if lang == "zh" else " "
    base, end = plan.meta.baseline_year, plan.meta.period_end
    return label(lang, "report.projection_note", base=base) + sep + label(lang, "report.method", base=base, end=end)


def _title(plan: Plan, ev: Evaluation, lang: str, kind: Kind) -> str:
    """《重庆市大渡口区教育事业发展“十四五”规划》2023年年度评估报告: the plan named as a document in Chinese."""
    kind_word = label(lang, f"report.{kind}")
    if lang == "zh":
        return f"《{_name(plan.meta.title, lang)}》{ev.year}年{kind_word}"
    return f"{_name(plan.meta.title, lang)} {ev.year} {kind_word}"


def _basis(
    plan: Plan, ev: Evaluation, trend: Trend, lang: str, code: Callable[[str], str], text: Callable[[str], str]
) -> list[str]:
    """The lines under 评估依据: the plan (id and version; what a revision changed) and the data files, made safe
    for the format by `text`, with ids and file names through `code` (a code span in Markdown)."""
    version = f"{code(plan.meta.id)} v{text(plan.meta.version)}"
    lines = [label(lang, "report.field", name=label(lang, "report.plan"), value=version)]
    if ev.plan.changes:
        lines.append(text(revision_line(ev.plan, lang)))
    files = label(lang, "report.list_sep").join(code(f) for f in trend.files)
    lines.append(label(lang, "report.field", name=label(lang, "report.files"), value=files))
    return lines


def render_report_markdown(plan: Plan, ev: Evaluation, trend: Trend, lang: str) -> str:
    kind = report_kind(plan, ev.year)
    places = row_places(plan)
    out = [
        f"# {md(_title(plan, ev, lang, kind))}",
        "",
        f"## {label(lang, 'report.basis')}",
        "",
        *(f"- {line}" for line in _basis(plan, ev, trend, lang, lambda t: f"`{md(t)}`", md)),
        "",
        f"## {label(lang, 'report.overview')}",
        "",
        f"**{md(headline(ev, lang, places))}**",
        "",
        md(summary_line(plan, ev, trend, lang, kind)),
        "",
        f"## {label(lang, 'report.indicators')}",
        "",
    ]
    head, rows = _rows(plan, ev, trend, lang, kind, places)
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    series = {s.id: s for s in trend.series}
    for r, cells in rows:
        s = series[r.id]
        spark = sparkline([s.base, *[s.actual.get(y) for y in trend.years]])
        texts = [md(text) for text, _ in cells]
        texts[0] = f"{texts[0]} `{spark}`"
        out.append("| " + " | ".join(texts) + " |")
    if kind != "final":
        see = ("" if lang == "zh" else " ") + label(lang, "report.method_see")
        out += ["", f"_{md(_method_note(plan, lang))}{see} [{METHOD_LINK}]({METHOD_LINK})_"]
    out += [
        "",
        f"## {label(lang, 'programmes')}",
        "",
        f"| {label(lang, 'box')} | {label(lang, 'report.title')} | {label(lang, 'met')} | {label(lang, 'progress')} |",
        "|---|---|---:|---|",
    ]
    for p in ev.programmes:
        out.append(
            f"| {p.box} | {md(_name(p.title, lang))} | {p.met}/{p.total} | `{bar(p.progress or 0)}` {pct(p.progress)} |"
        )
    if trend.rules:
        out += [
            "",
            f"## {label(lang, 'report.rules')}",
            "",
            "| | " + " | ".join(map(str, trend.years)) + " |",
            "|---|" + "---|" * len(trend.years),
        ]
        for rule in trend.rules:
            at = places.get(rule.id, 4)
            statuses = [
                label(lang, y.status) + ("" if y.value is None else f" {shown(y.value, at)}") for y in rule.years
            ]
            out.append(f"| {md(_name(rule.name, lang))} | " + " | ".join(statuses) + " |")
    attention = _attention(ev, trend, lang, kind, places)
    out += ["", f"## {label(lang, 'report.attention')}", ""] + (
        [f"- {md(a)}" for a in attention] or [f"- {label(lang, 'report.none')}"]
    )
    out += ["", f"_{md(label(lang, 'report.generated'))}_", ""]
    return "\n".join(out)


FONTS = 'system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif'
CSS = """body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1100px;color:#1a1a1a;line-height:1.5;padding:0 1em}table{border-collapse:collapse;margin:1em 0;width:100%}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}
td.num{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd;padding:6px;margin:0}
.chart figcaption{margin:0 0 4px;font-size:13px;font-weight:bold}.chart svg{display:block}
.bar{background:#eee;width:160px;height:12px;display:inline-block}
.bar span{display:block;height:12px;background:#2e7d32}.s-pass,.s-achieved,.s-on_track{color:#2e7d32}
.s-fail,.s-moving_away{color:#c62828}.s-missing,.s-acceleration_needed,.s-limited_progress{color:#b26a00}
small{color:#666}.indicators td:not(:first-child):not(:last-child){white-space:nowrap}"""
# Printed (or saved as PDF): A4 pages with the title at the top and the page number at the bottom (CSS paged
# media margin boxes, Chromium 131+), no table row or chart cut by a page break, table headers repeated on every
# page, and the screen's colours kept. The screen view is unchanged.
PRINT_CSS = """@page{size:A4;margin:16mm 12mm 14mm;@top-center{content:HEADER;font:8pt MARGIN_FONT;color:#666}
@bottom-right{content:PAGE;font:8pt MARGIN_FONT;color:#666}}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.4}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}h1{font-size:15pt;margin:0 0 .4em}
h2{font-size:12pt;margin:1em 0 .4em;break-after:avoid}table{font-size:8pt;margin:.5em 0;width:99.8%}
th,td{padding:2px 4px}
thead{display:table-header-group}tr,figure,li,.headline{break-inside:avoid}.charts{gap:6px}.chart{padding:3px;width:216px}
.chart figcaption{font-size:8.5pt}.chart svg{width:216px;height:auto}.bar{width:90px}a{color:inherit}}"""


def _css_string(text: str) -> str:
    """A CSS string literal; quotes, backslashes, angle brackets and control characters escaped (a title from
    the plan cannot end the <style> element)."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"<>&' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def print_css(title: str, lang: str) -> str:
    """The print style sheet, with the running header (plan, year, kind of report) and 'page N of M'."""
    template = label(lang, "report.page")  # 第 {page} 页，共 {pages} 页 / Page {page} of {pages}
    parts = re.split(r"\{(page|pages)\}", template)
    page = " ".join(f"counter({p})" if i % 2 else _css_string(p) for i, p in enumerate(parts) if p)
    css = PRINT_CSS.replace("MARGIN_FONT", FONTS).replace("PAGE", page, 1)
    return css.replace("HEADER", _css_string(title), 1)  # the title last: nothing in it is replaced


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
    axis never passes 100 (unless a value does: gross rates can) nor goes below 0. Bounds and ticks are round
    multiples of the step, so tick labels read 96, 98, 100, never 100.8."""
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
        f'aria-label="{html.escape(_name(s.name, lang))}">'
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


def _thead(cells: Iterable[str]) -> str:
    """A table's header row in <thead>, which a printed page repeats at the top of every page the table spans."""
    return "<thead><tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr></thead>"


def render_report_html(plan: Plan, ev: Evaluation, trend: Trend, lang: str) -> str:
    kind = report_kind(plan, ev.year)
    places = row_places(plan)
    e = html.escape
    title = _title(plan, ev, lang, kind)
    out = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{CSS}{print_css(title, lang)}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<h2>{e(label(lang, 'report.basis'))}</h2><ul>"
        + "".join(f"<li>{line}</li>" for line in _basis(plan, ev, trend, lang, e, e))
        + "</ul>",
        f"<h2>{e(label(lang, 'report.overview'))}</h2>"
        f'<p class="headline"><strong>{e(headline(ev, lang, places))}</strong></p>'
        f"<p>{e(summary_line(plan, ev, trend, lang, kind))}</p>",
        f"<h2>{e(label(lang, 'report.indicators'))}</h2>",
    ]
    head, rows = _rows(plan, ev, trend, lang, kind, places)
    out.append('<table class="indicators">' + _thead(e(h) for h in head) + "<tbody>")
    for _, cells in rows:
        out.append(
            "<tr>" + "".join(f'<td class="{c}">{e(t)}</td>' if c else f"<td>{e(t)}</td>" for t, c in cells) + "</tr>"
        )
    out.append("</tbody></table>")
    if kind != "final":
        out.append(
            f'<p class="method"><small>{e(_method_note(plan, lang))}{"" if lang == "zh" else " "}'
            f"{e(label(lang, 'report.method_see'))} "
            f'<a href="{METHOD_LINK}">{METHOD_LINK}</a></small></p>'
        )
    out.append(
        f'<p><small><span style="color:#1565c0">- - {e(label(lang, "report.chart_plan"))}</span> · '
        f'<span style="color:#c62828">— {e(label(lang, "report.chart_actual"))}</span></small></p><div class="charts">'
    )
    for ind in plan.indicators:
        s = next(x for x in trend.series if x.id == ind.id)
        path = [(ind.baseline.year, ind.baseline.value)] + [(t.year, t.value) for t in ind.targets]
        out.append(
            f'<figure class="chart"><figcaption>{e(_name(ind.name, lang) + label(lang, "report.aside", text=ind.unit))}'
            f"</figcaption>{svg_chart(s, trend.years, lang, path, ind.kind)}</figure>"
        )
    out.append("</div>")
    out.append(
        f"<h2>{e(label(lang, 'programmes'))}</h2><table>"
        + _thead(e(label(lang, k)) for k in ("box", "report.title", "met", "progress"))
        + "<tbody>"
    )
    for p in ev.programmes:
        share = max(0.0, min(1.0, p.progress or 0.0))
        out.append(
            f'<tr><td>{e(p.box)}</td><td>{e(_name(p.title, lang))}</td><td class="num">{p.met}/{p.total}</td>'
            f'<td><span class="bar"><span style="width:{share * 100:.0f}%"></span></span> {pct(p.progress)}'
            "</td></tr>"
        )
    out.append("</tbody></table>")
    if trend.rules:
        out.append(
            f"<h2>{e(label(lang, 'report.rules'))}</h2><table>" + _thead(["", *map(str, trend.years)]) + "<tbody>"
        )
        for rule in trend.rules:
            out.append(
                f"<tr><td>{e(_name(rule.name, lang))}</td>"
                + "".join(
                    f'<td class="s-{y.status}">{e(label(lang, y.status))}'
                    + ("" if y.value is None else f" {e(shown(y.value, places.get(rule.id, 4)))}")
                    + "</td>"
                    for y in rule.years
                )
                + "</tr>"
            )
        out.append("</tbody></table>")
    attention = _attention(ev, trend, lang, kind, places) or [label(lang, "report.none")]
    out.append(
        f"<h2>{e(label(lang, 'report.attention'))}</h2><ul>" + "".join(f"<li>{e(a)}</li>" for a in attention) + "</ul>"
    )
    out.append(f"<p><small>{e(label(lang, 'report.generated'))}</small></p></body></html>")
    return "\n".join(out) + "\n"
