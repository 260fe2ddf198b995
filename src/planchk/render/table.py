"""Rich tables for the terminal. Data text is always wrapped in Text, never parsed as markup."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from planchk.evaluate import fmt
from planchk.labels import label
from planchk.sanitize import one_line
from planchk.results import Evaluation, IndicatorResult, ItemResult, ProgrammeResult

STYLE = {"pass": "green", "fail": "red", "missing": "yellow", "not_due": "dim", "cannot_judge": "yellow"}
LEVEL_STYLE = {"ok": "green", "warning": "yellow", "error": "bold red"}
COMPARATOR_SIGN = {">=": "≥", ">": ">", "<=": "≤", "==": "=", "range": "≥", "approx": "≈"}
# Wide enough that piped output never wraps an indicator row; COLUMNS still wins when set.
PIPE_WIDTH = 200


def make_console(file: TextIO | None = None, no_color: bool = False) -> Console:
    out = file or sys.stdout
    width = None
    if os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    elif not out.isatty():
        width = PIPE_WIDTH
    return Console(file=out, width=width, no_color=no_color or None, highlight=False, emoji=False,
                   soft_wrap=False)


def bar(share: float | None, width: int = 10) -> str:
    if share is None:
        return ""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def status_text(lang: str, status: str, level: str) -> Text:
    word = label(lang, status)
    if status in ("fail", "missing"):
        word += f" ({label(lang, level)})"
    return Text(word, style=LEVEL_STYLE[level] if level != "ok" else STYLE[status])


def indicator_table(ev: Evaluation, lang: str, categories: dict[str, str]) -> Table:
    table = Table(title=None, show_lines=False, expand=False)
    for key, justify in (("indicator", "left"), ("unit", "left"), ("attribute", "left"), ("baseline", "right"),
                         ("expected", "right"), ("actual", "right"), ("progress", "left"), ("status", "left")):
        table.add_column(label(lang, key, year=ev.year, base=ev.baseline_year), justify=justify, overflow="fold")
    current = None
    for r in ev.indicators:
        if r.category != current:
            if current is not None:
                table.add_section()
            current = r.category
            table.add_row(Text(categories.get(r.category, r.category), style="bold"))
        table.add_row(*indicator_cells(r, lang))
    return table


def indicator_cells(r: IndicatorResult, lang: str) -> list[Text]:
    name = r.name.get(lang)
    if r.part_of:
        name = "  " + label(lang, "of_which") + name
    expected = f"{COMPARATOR_SIGN.get(r.comparator, r.comparator)}{fmt(r.expected)} {label(lang, r.expected_kind)}"
    progress = f"{bar(r.progress)} {pct(r.progress)} / {pct(r.elapsed)}" if r.progress is not None \
        else f"— / {pct(r.elapsed)}"
    return [Text(name), Text(r.unit), Text(label(lang, r.attribute)), Text(fmt(r.baseline)), Text(expected),
            Text("—" if r.actual is None else fmt(r.actual)), Text(progress), status_text(lang, r.status, r.level)]


def programme_table(ev: Evaluation, lang: str) -> Table:
    table = Table(expand=False)
    for key, justify in (("box", "left"), ("programme", "left"), ("met", "right"), ("programme_progress", "left"),
                         ("status", "left")):
        table.add_column(label(lang, key), justify=justify, overflow="fold")
    for p in ev.programmes:
        title = p.title.get(lang) + (" " + label(lang, "inferred") if p.title_inferred else "")
        table.add_row(Text(p.box), Text(title), Text(f"{p.met}/{p.total}"),
                      Text(f"{bar(p.progress)} {pct(p.progress)}"), status_text(lang, p.status, p.level))
    return table


def items_table(p: ProgrammeResult, lang: str) -> Table:
    table = Table(title=Text(f"{p.box} {p.title.get(lang)}"), expand=False)
    for key, justify in (("items", "left"), ("due", "right"), ("expected", "right"), ("actual", "right"),
                         ("status", "left")):
        table.add_column(label(lang, key, year=""), justify=justify, overflow="fold")
    for item in p.items:
        table.add_row(*item_cells(item, lang))
        for entry in item.entries:
            table.add_row(*item_cells(entry, lang, indent="  · "))
    return table


STATUS_WORDS = ("done", "in_progress", "not_started")


def _value(value: float | str | None, unit: str | None, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return fmt(value) + (unit or "")
    return label(lang, value) if value in STATUS_WORDS else value


def item_cells(item: ItemResult, lang: str, indent: str = "") -> list[Text]:
    status = status_text(lang, item.status, item.level)
    if item.message:
        status.append(" " + item.message.get(lang))
    expected = item.expected
    if isinstance(expected, float):
        expected = COMPARATOR_SIGN.get(item.comparator, "") + _value(expected, item.unit, lang)
    return [Text(indent + item.name.get(lang) + (f" ({item.hedge})" if item.hedge else "")), Text(str(item.due)),
            Text(_value(expected, None, lang)), Text(_value(item.actual, item.unit, lang)), status]


def render_evaluation(ev: Evaluation, console: Console, lang: str, categories: dict[str, str], *,
                      show_indicators: bool = True, show_programmes: bool = True,
                      programme: str | None = None) -> None:
    console.print(Text(label(lang, "title", year=ev.year, plan=ev.plan_id, version=ev.plan_version), style="bold"))
    console.print(Text(f"{label(lang, 'file')}: {one_line(ev.file)} ({label(lang, 'encoding')} {ev.encoding}, "
                       f"{label(lang, 'year_from')} {label(lang, ev.year_source)})"))
    if ev.plan_changes:
        console.print(Text(revision_line(ev, lang), style="bold yellow"))
    if show_indicators:
        console.print(indicator_table(ev, lang, categories))
        console.print(Text(label(lang, "legend", base=ev.baseline_year, end=ev.period_end,
                                 named="、".join(map(str, ev.milestone_years)) if lang == "zh" else
                                 ", ".join(map(str, ev.milestone_years))), style="dim"))
    for c in ev.consistency:
        console.print(Text(f"{label(lang, 'consistency')} ({label(lang, c.level)}): {c.message.get(lang)}",
                           style=LEVEL_STYLE[c.level]))
    if show_programmes and ev.programmes:
        console.print(programme_table(ev, lang))
    if programme:
        for p in ev.programmes:
            if programme in (p.id, p.box, p.box.removeprefix("专栏")):
                console.print(items_table(p, lang))
    notes = ev.notes()
    if notes:
        console.print(Text(label(lang, "notes") + ":"))
        for line, id_, note in notes:
            console.print(Text(f"  {label(lang, 'line')} {line} {id_}: {one_line(note)}"))
    print_notices(console, lang, ev.notices)
    s = ev.summary
    console.print(Text(label(lang, "summary", **s.counts())))


def print_notices(console: Console, lang: str, notices: list[dict[str, object]]) -> None:
    for n in notices:
        where = f"{n['file']}:{n['line']}" if n.get("line") else str(n["file"])
        console.print(Text(f"{label(lang, 'notices')}: {one_line(where)}: {one_line(str(n['message']))}",
                           style="dim"))


def render_validation(check: object, console: Console, lang: str) -> None:
    a = check.actuals  # type: ignore[attr-defined]
    console.print(Text(f"{label(lang, 'valid')}: {one_line(a.file)} — {label(lang, 'year')} {a.year} "
                       f"({label(lang, 'year_from')} {label(lang, a.year_source)}), "
                       f"{label(lang, 'rows', n=len(a.rows))}, {label(lang, 'encoding')} {a.encoding}"))
    for c in check.consistency:  # type: ignore[attr-defined]
        console.print(Text(f"  {label(lang, 'consistency')} ({label(lang, c.level)}): {c.message.get(lang)}",
                           style=LEVEL_STYLE[c.level]))
    print_notices(console, lang, a.notices)


def revision_line(ev: Evaluation, lang: str) -> str:
    changes = "; ".join(f"{c.target}{f' {c.year}' if c.year else ''} {c.field} {fmt(c.old) if c.old is not None else '—'}"
                        f" → {fmt(c.new) if c.new is not None else '—'}" for c in ev.plan_changes)
    return label(lang, "revised", version=ev.plan_version, original=ev.plan_original_version, changes=changes)
