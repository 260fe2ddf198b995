"""A year's results by the unit that answers for them (`--by-unit`) as a section of a Markdown or HTML document:
the evaluation report (render/assessment.py) and `evaluate --format markdown` (render/markdown.py). A table of
the units' counts, the units whose rows lag first, then each lagging unit's failing and missing rows."""

from __future__ import annotations

import html

from planchk.i18n import label
from planchk.numbers import sign
from planchk.render.text import colon, comma, md, status_word, value_text
from planchk.results import Evaluation, IndicatorResult, ItemResult, UnitGroup

COUNTS = ("pass", "fail", "missing", "not_due", "cannot_judge")


def count_heads(lang: str) -> list[str]:
    return [label(lang, "by_unit.unit"), label(lang, "by_unit.rows"), *(label(lang, k).capitalize() for k in COUNTS)]


def unit_counts(group: UnitGroup) -> list[str]:
    counts = group.summary.counts()
    return [str(group.rows), *(str(counts["pass_" if k == "pass" else k]) for k in COUNTS)]


def rows_by_id(ev: Evaluation) -> dict[str, IndicatorResult | ItemResult]:
    rows: dict[str, IndicatorResult | ItemResult] = {r.id: r for r in ev.indicators}
    rows.update((i.id, i) for p in ev.programmes for i in p.items)
    return rows


def lagging_heading(group: UnitGroup, lang: str) -> str:
    summary = group.summary
    return label(lang, "by_unit.lagging", unit=group.name.get(lang), fail=summary.fail, missing=summary.missing)


def lagging_row(r: IndicatorResult | ItemResult, lang: str) -> tuple[str, str, str]:
    """A lagging row's status, its name, and what was expected, reported and said about it."""
    expected = value_text(r.expected, r.unit, lang)
    if isinstance(r.expected, float):
        expected = sign(r.comparator) + expected
    said = (
        f"{label(lang, 'expected', year='').lower()} {expected}{comma(lang)}"
        f"{label(lang, 'actual').lower()} {value_text(r.actual, r.unit, lang)}"
    )
    if r.message:
        said += ("。" if lang == "zh" else ". ") + r.message.get(lang)
    return status_word(lang, r.status, r.level), r.name.get(lang), said


def unit_markdown(ev: Evaluation, lang: str, heading: str = "##") -> list[str]:
    """The section's Markdown lines; none without groups."""
    if not ev.units:
        return []
    heads = count_heads(lang)
    out = ["", f"{heading} {label(lang, 'by_unit.heading')}", ""]
    out += ["| " + " | ".join(heads) + " |", "|---|" + "---:|" * (len(heads) - 1)]
    out += [f"| {md(g.name.get(lang))} | " + " | ".join(unit_counts(g)) + " |" for g in ev.units]
    rows = rows_by_id(ev)
    for group in ev.units:
        if not group.lagging:
            continue
        out += ["", f"**{md(lagging_heading(group, lang))}**", ""]
        for id_ in group.lagging:
            if id_ in rows:
                status, name, said = lagging_row(rows[id_], lang)
                out.append(f"- {status} `{id_}` {md(name)}{colon(lang)}{md(said)}")
    if not any(g.lagging for g in ev.units):
        out += ["", label(lang, "by_unit.none_lag")]
    return out


def unit_html(ev: Evaluation, lang: str) -> list[str]:
    """The section as HTML; none without groups."""
    if not ev.units:
        return []
    e = html.escape
    out = [f"<h2>{e(label(lang, 'by_unit.heading'))}</h2><table class=\"units\"><thead><tr>"]
    out.append("".join(f"<th>{e(h)}</th>" for h in count_heads(lang)) + "</tr></thead><tbody>")
    for g in ev.units:
        cells = "".join(f'<td class="num">{c}</td>' for c in unit_counts(g))
        out.append(f"<tr><td>{e(g.name.get(lang))}</td>{cells}</tr>")
    out.append("</tbody></table>")
    rows = rows_by_id(ev)
    for group in ev.units:
        if not group.lagging:
            continue
        out.append(f"<h3>{e(lagging_heading(group, lang))}</h3><ul>")
        for id_ in group.lagging:
            if id_ in rows:
                status, name, said = lagging_row(rows[id_], lang)
                out.append(
                    f'<li class="s-{rows[id_].status}">{e(status)} <code>{e(id_)}</code> '
                    f"{e(name)}{e(colon(lang))}{e(said)}</li>"
                )
        out.append("</ul>")
    if not any(g.lagging for g in ev.units):
        out.append(f"<p>{e(label(lang, 'by_unit.none_lag'))}</p>")
    return out
