"""Evaluation reports (年度评估 / 中期评估 / 总结评估) as Markdown or one self-contained HTML file, drawn from the
report's content (judge/assessment.py decides what it says).

The HTML has inline CSS (render/report_style.py) and inline SVG charts (render/charts.py) only: no scripts,
fonts or images to load, and one link, relative, to the method in docs/rules.md. Printed, it is laid out for A4.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.numbers import sign, target_rounding
from planchk.render.charts import svg_chart
from planchk.render.report_style import CSS, print_css
from planchk.render.text import (
    bar,
    comma,
    deviation_text,
    md,
    pct,
    plan_text,
    revision_line,
    semicolon,
    sparkline,
    year_before_line,
)
from planchk.render.unit_sections import unit_html, unit_markdown
from planchk.results import (
    AttentionItems,
    AttentionRow,
    Evaluation,
    IndicatorResult,
    ReportContent,
    Series,
    Trend,
)

# The method, linked relative to the repository's root: the link works where the report is read from there.
METHOD_LINK = "docs/rules.md#trend-classification"


def summary_line(content: ReportContent, ev: Evaluation, lang: str) -> str:
    """The overview's sentence: the final report's tally, the mid-term's progress, or the year's."""
    t = content.tally
    if content.kind == "final":
        return label(
            lang,
            "report.final_rule",
            year=ev.year,
            met=t.met,
            total=t.total,
            items_met=t.items_met,
            items_total=t.items_total,
        )
    if content.kind == "midterm":
        # the rest in number only, by status: their classes (需加快, 进展有限 …) are the table's, not one word for all
        rest = t.total - t.met - t.below - t.missing
        counts = (("report.half_below", t.below), ("report.half_missing", t.missing), ("report.half_other", rest))
        parts = comma(lang).join(label(lang, key, n=n) for key, n in counts if n)
        verdict = label(lang, "report.half_behind", parts=parts) if parts else label(lang, "report.half_ok")
        return label(
            lang, "report.midterm_rule", elapsed=pct(t.elapsed), met=t.met, total=t.total, year=ev.year, verdict=verdict
        )
    return label(lang, "report.annual_rule", year=ev.year, passed=t.met, total=t.total)


Cell = tuple[str, str]  # (text, CSS class for the HTML table)
Places = dict[str, int]  # row id → the decimals the report may show for it
def shown(value: float, places: int) -> str:
    """An observed or projected value at the row's precision."""
    return fmt(value, places)


def shown_target(value: float, places: int, comparator: str) -> str:
    """A plan value at the row's precision, rounded so that reaching the shown value meets it."""
    return fmt(value, places, target_rounding(comparator))


def _short_of(r: IndicatorResult, places: Places, lang: str) -> str:
    """'1.74 未达到 ≥1.77': a missed row's value against its plan value, at the row's precision."""
    p = places.get(r.id, 4)
    return label(
        lang,
        "report.short_of",
        actual="—" if r.actual is None else shown(r.actual, p),
        expected=sign(r.comparator) + shown_target(r.expected, p, r.comparator),
    )


def headline(content: ReportContent, lang: str) -> str:
    if not content.headline:
        return label(lang, "report.binding_ok")
    sep = semicolon(lang)  # not 、, which a name may hold itself
    places = content.places

    def miss(r: IndicatorResult) -> str:
        name, status = plan_text(r.name, lang), label(lang, r.status)
        if r.actual is None:
            return label(lang, "report.binding_missing", name=name, status=status)
        p = places.get(r.id, 4)
        expected = sign(r.comparator) + shown_target(r.expected, p, r.comparator)
        return label(
            lang, "report.binding_miss", name=name, status=status, actual=shown(r.actual, p), expected=expected
        )

    return label(lang, "report.binding_missed", names=sep.join(miss(r) for r in content.headline))


def _why(s: Series, lang: str, places: int) -> str:
    """A few words where the year's status and the outlook could read as different verdicts (a row not reported
    this year is "cannot assess", its reason naming the last figure given: judge/trend.py `unreported`), and why a
    projection is held at a bound (a rate's line past 100 %)."""
    a = s.assessment
    notes = []
    if a.reason is not None and a.reason.key == "verdict.trend_falls_short" and a.projection is not None:
        # the judge's reason, with the projection at the row's precision
        notes.append(label(lang, "report.why_short", projection=shown(a.projection, places)))
    elif a.reason is not None:
        notes.append(a.reason.get(lang))
    if a.projection_note is not None:
        notes.append(a.projection_note.get(lang))
    return semicolon(lang).join(notes)


def projected(content: ReportContent, trend: Trend) -> bool:
    """Whether the report has a projection column: not in a final report, nor when no row has a projection (its
    target year reported, or too few years: judge/trend.py); the table of `trend` leaves it out the same way."""
    by_id = {s.id: s for s in trend.series}
    return content.kind != "final" and any(by_id[r.id].assessment.projection is not None for r in content.rows)


def _rows(
    content: ReportContent, ev: Evaluation, trend: Trend, lang: str
) -> tuple[list[str], list[tuple[IndicatorResult, list[Cell]]]]:
    """The indicator table of a report: binding (约束性) targets first, each with its attribute, its deviation
    from the plan value (偏差率) and, where the status and the outlook could read differently, why."""
    by_id = {s.id: s for s in trend.series}
    final_year, kind, places = ev.period_end, content.kind, content.places
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
    projection = projected(content, trend)
    if kind == "final":
        head.append(label(lang, "report.outcome"))
    else:
        head.append(label(lang, "report.assessment"))
    if projection:
        head.append(label(lang, "projection", year=final_year))
    head.append(label(lang, "report.why"))
    rows = []
    for r in content.rows:
        s = by_id[r.id]
        p = places.get(r.id, 4)
        deviation = "—" if r.deviation is None else deviation_text(r.deviation)
        cells: list[Cell] = [
            (plan_text(r.name, lang), ""),
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
            cells.append((label(lang, s.assessment.classification), f"s-{s.assessment.classification}"))
        if projection:
            value = s.assessment.projection
            cells.append(("—" if value is None else shown(value, p), "num"))
        cells.append((_why(s, lang, p), ""))
        rows.append((r, cells))
    return head, rows


def _attention(content: ReportContent, lang: str) -> list[str]:
    out = []
    for a in content.attention:
        if isinstance(a, AttentionRow):
            r = a.indicator
            row = {
                "name": plan_text(r.name, lang),
                "attribute": label(lang, r.attribute),
                "status": label(lang, r.status),
            }
            if a.short:
                out.append(label(lang, "report.attention_miss", detail=_short_of(r, content.places, lang), **row))
            else:
                out.append(label(lang, "report.attention_row", **row))
        elif isinstance(a, AttentionItems):
            names = semicolon(lang).join(plan_text(i.name, lang) for i in a.named)  # a name may hold 、 or ,
            names += label(lang, "report.and_more") if a.count > len(a.named) else ""
            out.append(label(lang, "report.attention_items", box=a.box, n=a.count, names=names))
        else:
            s = a.series
            assessment = label(lang, s.assessment.classification)
            out.append(label(lang, "report.attention_trend", name=plan_text(s.name, lang), assessment=assessment))
    return out


def _method_note(ev: Evaluation, lang: str, projection: bool) -> str:
    """The footnote under the indicators: how the projection (when the table has one) and the trend are made."""
    sep = "" if lang == "zh" else " "
    base, end = ev.baseline_year, ev.period_end
    method = label(lang, "report.method", base=base, end=end)
    return label(lang, "report.projection_note", base=base) + sep + method if projection else method


def _title(content: ReportContent, ev: Evaluation, lang: str) -> str:
    """《重庆市大渡口区教育事业发展“十四五”规划》2023年年度评估报告: the plan named as a document in Chinese."""
    kind_word = label(lang, f"report.{content.kind}")
    if lang == "zh":
        return f"《{plan_text(content.title, lang)}》{ev.year}年{kind_word}"
    return f"{plan_text(content.title, lang)} {ev.year} {kind_word}"


def _pending(ev: Evaluation, lang: str) -> list[str]:
    """The warning a report on a draft plan opens with, as evaluate gives it: its verdicts are provisional."""
    return [label(lang, "pending_review", n=ev.plan.pending_review)] if ev.plan.pending_review else []


def _basis(
    ev: Evaluation, trend: Trend, lang: str, code: Callable[[str], str], text: Callable[[str], str]
) -> list[str]:
    """The lines under 评估依据: the plan (id and version; what a revision changed) and the data files, made safe
    for the format by `text`, with ids and file names through `code` (a code span in Markdown)."""
    version = f"{code(ev.plan.id)} v{text(ev.plan.version)}"
    lines = [label(lang, "report.field", name=label(lang, "report.plan"), value=version)]
    if ev.plan.changes:
        lines.append(text(revision_line(ev.plan, lang)))
    files = label(lang, "report.list_sep").join(code(f) for f in trend.files)
    lines.append(label(lang, "report.field", name=label(lang, "report.files"), value=files))
    if ev.year_before is not None:
        lines.append(text(year_before_line(ev.year_before, lang, of=ev.source.file)))
    return lines


def render_report_markdown(content: ReportContent, ev: Evaluation, trend: Trend, lang: str) -> str:
    kind, places = content.kind, content.places
    out = [
        f"# {md(_title(content, ev, lang))}",
        "",
        *(line for p in _pending(ev, lang) for line in (f"**{md(p)}**", "")),
        f"## {label(lang, 'report.basis')}",
        "",
        *(f"- {line}" for line in _basis(ev, trend, lang, lambda t: f"`{md(t)}`", md)),
        "",
        f"## {label(lang, 'report.overview')}",
        "",
        f"**{md(headline(content, lang))}**",
        "",
        md(summary_line(content, ev, lang)),
        "",
        f"## {label(lang, 'report.indicators')}",
        "",
    ]
    head, rows = _rows(content, ev, trend, lang)
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
        note = _method_note(ev, lang, projected(content, trend))
        out += ["", f"_{md(note)}{see} [{METHOD_LINK}]({METHOD_LINK})_"]
    out += [
        "",
        f"## {label(lang, 'programmes')}",
        "",
        f"| {label(lang, 'box')} | {label(lang, 'report.title')} | {label(lang, 'met')} | {label(lang, 'progress')} |",
        "|---|---|---:|---|",
    ]
    for p in ev.programmes:
        title, share = md(plan_text(p.title, lang)), f"`{bar(p.progress or 0)}` {pct(p.progress)}"
        out.append(f"| {p.box} | {title} | {p.met}/{p.total} | {share} |")
    out += unit_markdown(ev, lang)  # --by-unit (render/unit_sections.py)
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
            out.append(f"| {md(plan_text(rule.name, lang))} | " + " | ".join(statuses) + " |")
    attention = _attention(content, lang)
    out += ["", f"## {label(lang, 'report.attention')}", ""] + (
        [f"- {md(a)}" for a in attention] or [f"- {label(lang, 'report.none')}"]
    )
    out += ["", f"_{md(label(lang, 'report.generated'))}_", ""]
    return "\n".join(out)


def _thead(cells: Iterable[str]) -> str:
    """A table's header row in <thead>, which a printed page repeats at the top of every page the table spans."""
    return "<thead><tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr></thead>"


def render_report_html(content: ReportContent, ev: Evaluation, trend: Trend, lang: str) -> str:
    kind, places = content.kind, content.places
    e = html.escape
    title = _title(content, ev, lang)
    out = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{CSS}{print_css(title, lang)}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        *(f'<p class="pending"><strong>{e(p)}</strong></p>' for p in _pending(ev, lang)),
        f"<h2>{e(label(lang, 'report.basis'))}</h2><ul>"
        + "".join(f"<li>{line}</li>" for line in _basis(ev, trend, lang, e, e))
        + "</ul>",
        f"<h2>{e(label(lang, 'report.overview'))}</h2>"
        f'<p class="headline"><strong>{e(headline(content, lang))}</strong></p>'
        f"<p>{e(summary_line(content, ev, lang))}</p>",
        f"<h2>{e(label(lang, 'report.indicators'))}</h2>",
    ]
    head, rows = _rows(content, ev, trend, lang)
    out.append('<table class="indicators">' + _thead(e(h) for h in head) + "<tbody>")
    for _, cells in rows:
        out.append(
            "<tr>" + "".join(f'<td class="{c}">{e(t)}</td>' if c else f"<td>{e(t)}</td>" for t, c in cells) + "</tr>"
        )
    out.append("</tbody></table>")
    if kind != "final":
        out.append(
            f'<p class="method"><small>{e(_method_note(ev, lang, projected(content, trend)))}'
            f'{"" if lang == "zh" else " "}'
            f"{e(label(lang, 'report.method_see'))} "
            f'<a href="{METHOD_LINK}">{METHOD_LINK}</a></small></p>'
        )
    out.append(
        f'<p><small><span style="color:#1565c0">- - {e(label(lang, "report.chart_plan"))}</span> · '
        f'<span style="color:#c62828">— {e(label(lang, "report.chart_actual"))}</span></small></p><div class="charts">'
    )
    series = {s.id: s for s in trend.series}
    for chart in content.charts:
        s = series[chart.id]
        out.append(
            f'<figure class="chart"><figcaption>{e(plan_text(s.name, lang) + label(lang, "report.aside", text=s.unit))}'
            f"</figcaption>{svg_chart(s, trend.years, lang, chart.points, chart.kind)}</figure>"
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
            f'<tr><td>{e(p.box)}</td><td>{e(plan_text(p.title, lang))}</td><td class="num">{p.met}/{p.total}</td>'
            f'<td><span class="bar"><span style="width:{share * 100:.0f}%"></span></span> {pct(p.progress)}'
            "</td></tr>"
        )
    out.append("</tbody></table>")
    out += unit_html(ev, lang)  # --by-unit (render/unit_sections.py)
    if trend.rules:
        out.append(
            f"<h2>{e(label(lang, 'report.rules'))}</h2><table>" + _thead(["", *map(str, trend.years)]) + "<tbody>"
        )
        for rule in trend.rules:
            out.append(
                f"<tr><td>{e(plan_text(rule.name, lang))}</td>"
                + "".join(
                    f'<td class="s-{y.status}">{e(label(lang, y.status))}'
                    + ("" if y.value is None else f" {e(shown(y.value, places.get(rule.id, 4)))}")
                    + "</td>"
                    for y in rule.years
                )
                + "</tr>"
            )
        out.append("</tbody></table>")
    attention = _attention(content, lang) or [label(lang, "report.none")]
    out.append(
        f"<h2>{e(label(lang, 'report.attention'))}</h2><ul>" + "".join(f"<li>{e(a)}</li>" for a in attention) + "</ul>"
    )
    out.append(f"<p><small>{e(label(lang, 'report.generated'))}</small></p></body></html>")
    return "\n".join(out) + "\n"
