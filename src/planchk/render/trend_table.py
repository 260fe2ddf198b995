"""`planchk trend` as Rich tables: series by year beside the plan's path, progress against time, classification.

On a narrow terminal the tables fold their less important parts, one after the other (render/fit.py), until
the names get NAME_MIN columns: the sparkline, the growth ratio, the progress column, the earlier years' values
(oldest first; the latest keeps its change from the year before), then the change goes under the latest value,
the unit into the name, the outer border, the plan's path and last the projection. A number and a verdict are
never cut nor broken across lines."""

from __future__ import annotations

from rich.text import Text

from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.numbers import sign
from planchk.render import View
from planchk.render.console import make_console, status_text
from planchk.render.fit import Column, FittedTable, choose, fitted_table, glue, put
from planchk.render.text import bracketed, colon, number, pct, semicolon, sparkline, year_before_line
from planchk.results import RuleSeries, Series, Trend, Verdict

CLASS_STYLE = {
    "achieved": "green",
    "on_track": "green",
    "acceleration_needed": "yellow",
    "limited_progress": "yellow",
    "moving_away": "red",
    "cannot_assess": "dim",
}
NAME_MIN = 20  # ten Chinese characters, or two or three English words, a line


def series_folds(years: list[int]) -> tuple[str, ...]:
    earlier = tuple(f"year:{y}" for y in years[:-1])
    return ("sparkline", "ratio", "progress", *earlier, "change", "unit", "edge", "path", "projection")


def series_table(trend: Trend, series: list[Series], lang: str, title: str, width: int | None = None) -> FittedTable:
    latest_year = trend.years[-1]

    def build(folded: frozenset[str]) -> list[Column]:
        years = [y for y in trend.years[:-1] if f"year:{y}" not in folded]
        names, latest = [], []
        for s in series:
            name = Text(s.name.get(lang))
            if "unit" in folded and s.unit:
                name.append(bracketed(lang, s.unit))
            spark = sparkline([s.base, *[s.actual.get(y) for y in trend.years]])
            if "sparkline" not in folded and spark.strip():
                name.append(" ").append_text(glue(spark))
            names.append(name)
            change = s.change.get(latest_year)
            value = number(s.actual.get(latest_year))
            if change is not None:
                value += ("\n" if "change" in folded else " ") + f"({'+' if change >= 0 else ''}{fmt(change)})"
            latest.append(Text(value))
        columns = [Column(label(lang, "indicator"), names, wraps=True, least=NAME_MIN)]
        if "unit" not in folded:
            columns.append(Column(label(lang, "unit"), [Text(s.unit) for s in series]))
        columns += [Column(str(y), [Text(number(s.actual.get(y))) for s in series], "right") for y in years]
        columns.append(Column(str(latest_year), latest, "right"))
        if "path" not in folded:
            path = [Text(number(s.path.get(latest_year))) for s in series]
            columns.append(Column(label(lang, "path") + f" {latest_year}", path, "right"))
        if "progress" not in folded:
            progress = [glue(f"{pct(s.progress)} / {pct(s.elapsed)}") for s in series]
            columns.append(Column(label(lang, "progress"), progress, "right"))
        columns.append(
            Column(label(lang, "target"), [Text(f"{sign(s.comparator)}{fmt(s.target)}") for s in series], "right")
        )
        # No row with a projection (the target year reported: judge/trend.py makes none), no column.
        if "projection" not in folded and any(s.assessment.projection is not None for s in series):
            header = label(lang, "projection", year=series[0].target_year if series else "")
            columns.append(Column(header, [Text(number(s.assessment.projection)) for s in series], "right"))
        if "ratio" not in folded:
            ratios = [Text("—" if s.assessment.ratio is None else f"{s.assessment.ratio * 100:.0f}%") for s in series]
            columns.append(Column(label(lang, "ratio"), ratios, "right"))
        verdicts = [  # a mark where the row has a note, said under the tables (_reasons)
            glue(
                Text(
                    label(lang, s.assessment.classification) + (" *" if _notes(s) else ""),
                    style=CLASS_STYLE[s.assessment.classification],
                )
            )
            for s in series
        ]
        columns.append(Column(label(lang, "assessment"), verdicts))
        return columns

    return fitted_table(choose(build, series_folds(trend.years), width), title=Text(title))


def _notes(s: Series) -> list[Verdict]:
    """A row's notes: why its outlook reads as it does, and why its projection is held at a bound (judge/trend.py)."""
    return [note for note in (s.assessment.reason, s.assessment.projection_note) if note is not None]


def _reasons(series: list[Series], lang: str) -> list[Text]:
    """The rows marked * in the tables, each with its notes: on the plan's value this year, but the trend falls
    short of the target; the projection held at 100 % or 0 (judge/trend.py)."""
    marked = [s for s in series if _notes(s)]
    if not marked:
        return []
    lines = [Text(label(lang, "notes") + colon(lang).rstrip())]
    for s in marked:
        said = semicolon(lang).join(note.get(lang) for note in _notes(s))
        lines.append(Text(f"  * {s.name.get(lang)}{colon(lang)}{said}"))
    return lines


def rules_table(trend: Trend, rules: list[RuleSeries], lang: str, width: int | None = None) -> FittedTable:
    """The 逐年只增不减 rules, a column a year: the verdict and the value (under it on a narrow terminal)."""

    def build(folded: frozenset[str]) -> list[Column]:
        years = [y for y in trend.years if f"year:{y}" not in folded]
        columns = [Column(label(lang, "items"), [Text(r.name.get(lang)) for r in rules], wraps=True, least=NAME_MIN)]
        for y in years:
            cells = []
            for rule in rules:
                ry = next((ry for ry in rule.years if ry.year == y), None)
                if ry is None:
                    cells.append(Text(""))
                    continue
                cell = glue(status_text(lang, ry.status, "warning" if ry.status in ("fail", "missing") else "ok"))
                if ry.value is not None:
                    cell.append(("\n" if "stack" in folded else " ") + fmt(ry.value))
                cells.append(cell)
            columns.append(Column(str(y), cells))
        return columns

    folds = ("stack", "edge", *(f"year:{y}" for y in trend.years[:-1]))
    return fitted_table(choose(build, folds, width), title=Text(label(lang, "rules_title")))


def render_trend(trend: Trend, view: View) -> str:
    """`planchk trend` as tables: the indicators, the countable items and the year-over-year rules (the items
    and rules are programme items: `--only` shows one side)."""
    console, buffer = make_console(view)
    lang = view.lang
    put(
        console,
        Text(
            label(
                lang,
                "trend_title",
                years=f"{trend.years[0]}–{trend.years[-1]}",
                plan=trend.plan_id,
                version=trend.plan_version,
            ),
            style="bold",
        ),
    )
    if trend.pending_review:  # as evaluate says it: a draft plan's verdicts are provisional
        put(console, Text(label(lang, "pending_review", n=trend.pending_review), style="bold yellow"))
    for file, ref in zip(trend.files, trend.year_before, strict=False):
        # what each year's year-over-year rules and running totals were compared with
        put(console, Text(year_before_line(ref, lang, of=file), style="dim"))
    indicators = [s for s in trend.series if s.kind == "indicator"]
    items = [s for s in trend.series if s.kind == "item"]
    if view.show_indicators:
        console.print(series_table(trend, indicators, lang, label(lang, "indicator"), view.width))
    if view.show_programmes and items:
        console.print(series_table(trend, items, lang, label(lang, "items_trend"), view.width))
    shown = [*(indicators if view.show_indicators else []), *(items if view.show_programmes else [])]
    for line in _reasons(shown, lang):
        put(console, line)  # a note's later lines hang under its text, after its bullet
    put(console, Text(label(lang, "trend_legend"), style="dim"))
    if view.show_programmes and trend.rules:
        console.print(rules_table(trend, trend.rules, lang, view.width))
    return buffer.getvalue()
