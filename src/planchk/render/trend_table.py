"""`planchk trend` as Rich tables: series by year beside the plan's path, progress against time, classification."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.numbers import sign
from planchk.render import View
from planchk.render.console import make_console, status_text
from planchk.render.text import number, pct, sparkline
from planchk.results import Series, Trend

CLASS_STYLE = {
    "achieved": "green",
    "on_track": "green",
    "acceleration_needed": "yellow",
    "limited_progress": "yellow",
    "moving_away": "red",
    "cannot_assess": "dim",
}


def series_table(trend: Trend, series: list[Series], lang: str, title: str) -> Table:
    table = Table(title=Text(title), expand=False)
    table.add_column(label(lang, "indicator"), overflow="fold")
    table.add_column(label(lang, "unit"))
    for y in trend.years:
        table.add_column(str(y), justify="right")
    table.add_column(label(lang, "path") + f" {trend.years[-1]}", justify="right")
    table.add_column(label(lang, "progress"), justify="right")
    table.add_column(label(lang, "target"), justify="right")
    table.add_column(label(lang, "projection", year=series[0].target_year if series else ""), justify="right")
    table.add_column(label(lang, "ratio"), justify="right")
    table.add_column(label(lang, "assessment"))
    for s in series:
        a = s.assessment
        values = [s.actual.get(y) for y in trend.years]
        change = s.change.get(trend.years[-1])
        latest = number(values[-1]) + ("" if change is None else f" ({'+' if change >= 0 else ''}{fmt(change)})")
        cells = [Text(s.name.get(lang) + " " + sparkline([s.base, *values])), Text(s.unit)]
        cells += [Text(number(v)) for v in values[:-1]] + [Text(latest)]
        cells += [
            Text(number(s.path.get(trend.years[-1]))),
            Text(f"{pct(s.progress)} / {pct(s.elapsed)}"),
            Text(f"{sign(s.comparator)}{fmt(s.target)}"),
            Text(number(a.projection)),
            Text("—" if a.ratio is None else f"{a.ratio * 100:.0f}%"),
            Text(label(lang, a.classification), style=CLASS_STYLE[a.classification]),
        ]
        table.add_row(*cells)
    return table


def render_trend(trend: Trend, view: View) -> str:
    """`planchk trend` as tables: the indicators, the countable items and the year-over-year rules (the items
    and rules are programme items: `--only` shows one side)."""
    console, buffer = make_console(view)
    lang = view.lang
    console.print(
        Text(
            label(
                lang,
                "trend_title",
                years=f"{trend.years[0]}–{trend.years[-1]}",
                plan=trend.plan_id,
                version=trend.plan_version,
            ),
            style="bold",
        )
    )
    indicators = [s for s in trend.series if s.kind == "indicator"]
    items = [s for s in trend.series if s.kind == "item"]
    if view.show_indicators:
        console.print(series_table(trend, indicators, lang, label(lang, "indicator")))
    if view.show_programmes and items:
        console.print(series_table(trend, items, lang, label(lang, "items_trend")))
    console.print(Text(label(lang, "trend_legend"), style="dim"))
    if view.show_programmes and trend.rules:
        table = Table(title=Text(label(lang, "rules_title")), expand=False)
        table.add_column(label(lang, "items"))
        for y in trend.years:
            table.add_column(str(y))
        for rule in trend.rules:
            cells = [Text(rule.name.get(lang))]
            for ry in rule.years:
                cell = status_text(lang, ry.status, "warning" if ry.status in ("fail", "missing") else "ok")
                if ry.value is not None:
                    cell.append(f" {fmt(ry.value)}")
                cells.append(cell)
            table.add_row(*cells)
        console.print(table)
    return buffer.getvalue()
