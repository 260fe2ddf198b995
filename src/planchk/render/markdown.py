"""GitHub-flavoured Markdown: for $GITHUB_STEP_SUMMARY and evaluation documents."""

from __future__ import annotations

import re

from planchk.checks import Run
from planchk.evaluate import fmt
from planchk.labels import label
from planchk.results import Evaluation, IndicatorResult, ItemResult
from planchk.sanitize import one_line

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
SIGN = {">=": "≥", ">": ">", "<=": "≤", "==": "=", "range": "≥", "approx": "≈"}


def md(text: object) -> str:
    """Escape text from data so Markdown shows it literally (no links, HTML, emphasis or broken tables)."""
    return _SPECIAL.sub(r"\\\1", one_line(str(text)))


def _num(value: float | None) -> str:
    return "—" if value is None else fmt(value)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _status(lang: str, status: str, level: str) -> str:
    word = label(lang, status)
    return word + (f" ({label(lang, level)})" if status in ("fail", "missing") else "")


def evaluation_markdown(ev: Evaluation, lang: str, categories: dict[str, str], code: int) -> list[str]:
    out = [f"## {md(label(lang, 'title', year=ev.year, plan=ev.plan_id, version=ev.plan_version))}", "",
           f"{label(lang, 'file')}: `{one_line(ev.file).replace('`', chr(39))}` ({label(lang, 'encoding')} "
           f"{ev.encoding}, {label(lang, 'year_from')} {label(lang, ev.year_source)})", ""]
    if ev.plan_changes:
        from planchk.render.table import revision_line

        out += [f"**{md(revision_line(ev, lang))}**", ""]
    heads = [label(lang, k, year=ev.year, base=ev.baseline_year) for k in ("indicator", "unit", "attribute", "baseline", "expected",
                                                     "actual", "progress", "status")]
    out += [_row(heads), _row(["---"] * 3 + ["---:"] * 3 + ["---"] * 2)]
    for r in ev.indicators:
        out.append(_row(_indicator_cells(r, lang, categories)))
    out += ["", f"_{md(label(lang, 'legend', base=ev.baseline_year, end=ev.period_end, named=', '.join(map(str, ev.milestone_years))))}_", ""]
    for c in ev.consistency:
        out.append(f"- **{label(lang, 'consistency')}** ({label(lang, c.level)}): {md(c.message.get(lang))}")
    if ev.programmes:
        out += ["", _row([label(lang, k) for k in ("box", "programme", "met", "programme_progress", "status")]),
                _row(["---", "---", "---:", "---:", "---"])]
        for p in ev.programmes:
            title = p.title.get(lang) + (" " + label(lang, "inferred") if p.title_inferred else "")
            progress = "—" if p.progress is None else f"{p.progress * 100:.0f}%"
            out.append(_row([p.box, md(title), f"{p.met}/{p.total}", progress, _status(lang, p.status, p.level)]))
        failing = [(p.box, i) for p in ev.programmes for i in p.items if i.status in ("fail", "missing")]
        if failing:
            out += ["", f"<details><summary>{label(lang, 'items')}: {len(failing)} ✗ / ?</summary>", ""]
            out += [_row([label(lang, "box"), label(lang, "items"), label(lang, "expected", year=""),
                          label(lang, "actual"), label(lang, "status")]), _row(["---"] * 5)]
            for box, item in failing:
                out.append(_row([box, *_item_cells(item, lang)]))
            out += ["", "</details>"]
    notes = ev.notes()
    if notes:
        out += ["", f"**{label(lang, 'notes')}**", ""]
        out += [f"- {label(lang, 'line')} {line} `{id_}`: {md(note)}" for line, id_, note in notes]
    s = ev.summary
    out += ["", md(label(lang, "summary", **s.counts())) + f" — {label(lang, 'exit', code=code)}", ""]
    return out


def _indicator_cells(r: IndicatorResult, lang: str, categories: dict[str, str]) -> list[str]:
    name = (label(lang, "of_which") if r.part_of else "") + r.name.get(lang)
    progress = "—" if r.progress is None else f"{r.progress * 100:.0f}%"
    return [md(name), md(r.unit), label(lang, r.attribute), fmt(r.baseline),
            f"{SIGN.get(r.comparator, r.comparator)}{fmt(r.expected)} ({label(lang, r.expected_kind)})",
            _num(r.actual), f"{progress} / {r.elapsed * 100:.0f}%", _status(lang, r.status, r.level)]


def _item_cells(item: ItemResult, lang: str) -> list[str]:
    def value(v: float | str | None) -> str:
        if v is None:
            return "—"
        if isinstance(v, float):
            return fmt(v) + (item.unit or "")
        return label(lang, v) if v in ("done", "in_progress", "not_started") else md(v)

    message = f" {md(item.message.get(lang))}" if item.message else ""
    return [md(item.name.get(lang)), value(item.expected), value(item.actual),
            _status(lang, item.status, item.level) + message]


def render_markdown(run: Run, lang: str, categories: dict[str, str]) -> str:
    out: list[str] = ["# planchk", ""]
    for ev, code in zip(run.evaluations, run.codes):
        out += evaluation_markdown(ev, lang, categories, code)
    for check, code in zip(run.checks, run.codes):
        a = check.actuals
        out += [f"## {md(a.file)}", "", f"- {a.year}, {len(a.rows)} rows, {a.encoding}"]
        out += [f"- {label(lang, 'consistency')}: {md(c.message.get(lang))}" for c in check.consistency]
        out += [f"- {label(lang, 'notices')}: {md(n['message'])}" for n in a.notices]
        out.append("")
    if run.problems:
        out += [f"## {label(lang, 'input_errors')}", "", _row(["file", "line", "column", "value", "message"]),
                _row(["---"] * 5)]
        for p in run.problems:
            out.append(_row([md(p.file), str(p.line or ""), md(p.column or ""), md(p.value or ""), md(p.message)]))
        out.append("")
    out.append(f"**{label(lang, 'exit', code=run.exit_code)}**")
    return "\n".join(out) + "\n"
