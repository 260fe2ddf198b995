"""The terminal table (`--format table`, the default): Rich tables. Data text is always wrapped in Text, never
parsed as markup."""

from __future__ import annotations

import io

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from planchk.diagnostics import Diagnostic, place
from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.render import View
from planchk.render.text import bar, pct, revision_line, sign, status_word, value_text
from planchk.results import Evaluation, IndicatorResult, ItemResult, ProgrammeResult, Run, Validation
from planchk.sanitize import one_line

STYLE = {"pass": "green", "fail": "red", "missing": "yellow", "not_due": "dim", "cannot_judge": "yellow"}
LEVEL_STYLE = {"ok": "green", "warning": "yellow", "error": "bold red"}


def make_console(view: View) -> tuple[Console, io.StringIO]:
    """A console that writes into a string, in colour only when the view asks for it."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=view.width,
        color_system="auto" if view.color else None,
        force_terminal=view.color,
        no_color=not view.color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    return console, buffer


def status_text(lang: str, status: str, level: str) -> Text:
    return Text(status_word(lang, status, level), style=LEVEL_STYLE[level] if level != "ok" else STYLE[status])


def indicator_table(ev: Evaluation, lang: str, categories: dict[str, str]) -> Table:
    table = Table(title=None, show_lines=False, expand=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("indicator", "left"),
        ("unit", "left"),
        ("attribute", "left"),
        ("baseline", "right"),
        ("expected", "right"),
        ("actual", "right"),
        ("progress", "left"),
        ("status", "left"),
    )
    for key, justify in columns:
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
    expected = f"{sign(r.comparator)}{fmt(r.expected)} {label(lang, r.expected_kind)}"
    progress = (
        f"{bar(r.progress)} {pct(r.progress)} / {pct(r.elapsed)}" if r.progress is not None else f"— / {pct(r.elapsed)}"
    )
    return [
        Text(name),
        Text(r.unit),
        Text(label(lang, r.attribute)),
        Text(fmt(r.baseline)),
        Text(expected),
        Text("—" if r.actual is None else fmt(r.actual)),
        Text(progress),
        status_text(lang, r.status, r.level),
    ]


def programme_table(ev: Evaluation, lang: str) -> Table:
    table = Table(expand=False)
    programme_columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("box", "left"),
        ("programme", "left"),
        ("met", "right"),
        ("programme_progress", "left"),
        ("status", "left"),
    )
    for key, justify in programme_columns:
        table.add_column(label(lang, key), justify=justify, overflow="fold")
    for p in ev.programmes:
        title = p.title.get(lang) + (" " + label(lang, "inferred") if p.title_inferred else "")
        table.add_row(
            Text(p.box),
            Text(title),
            Text(f"{p.met}/{p.total}"),
            Text(f"{bar(p.progress)} {pct(p.progress)}"),
            status_text(lang, p.status, p.level),
        )
    return table


def items_table(p: ProgrammeResult, lang: str) -> Table:
    table = Table(title=Text(f"{p.box} {p.title.get(lang)}"), expand=False)
    item_columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("items", "left"),
        ("due", "right"),
        ("expected", "right"),
        ("actual", "right"),
        ("status", "left"),
    )
    for key, justify in item_columns:
        table.add_column(label(lang, key, year=""), justify=justify, overflow="fold")
    for item in p.items:
        table.add_row(*item_cells(item, lang))
        for entry in item.entries:
            table.add_row(*item_cells(entry, lang, indent="  · "))
    return table


def item_cells(item: ItemResult, lang: str, indent: str = "") -> list[Text]:
    status = status_text(lang, item.status, item.level)
    if item.message:
        status.append(" " + item.message.get(lang))
    expected = value_text(item.expected, item.unit, lang)
    if isinstance(item.expected, float):
        expected = sign(item.comparator) + expected
    return [
        Text(indent + item.name.get(lang) + (f" ({item.hedge})" if item.hedge else "")),
        Text(str(item.due)),
        Text(expected),
        Text(value_text(item.actual, item.unit, lang)),
        status,
    ]


def render_evaluation(ev: Evaluation, console: Console, view: View) -> None:
    lang, categories = view.lang, view.categories
    console.print(Text(label(lang, "title", year=ev.year, plan=ev.plan.id, version=ev.plan.version), style="bold"))
    console.print(
        Text(
            f"{label(lang, 'file')}: {one_line(ev.source.file)} ({label(lang, 'encoding')} "
            f"{ev.source.encoding}, {label(lang, 'year_from')} {label(lang, ev.source.year_from)})"
        )
    )
    if ev.plan.changes:
        console.print(Text(revision_line(ev.plan, lang), style="bold yellow"))
    if ev.plan.pending_review:
        console.print(Text(label(lang, "pending_review", n=ev.plan.pending_review), style="bold yellow"))
    if view.show_indicators:
        console.print(indicator_table(ev, lang, categories))
        console.print(
            Text(
                label(
                    lang,
                    "legend",
                    base=ev.baseline_year,
                    end=ev.period_end,
                    named="、".join(map(str, ev.milestone_years))
                    if lang == "zh"
                    else ", ".join(map(str, ev.milestone_years)),
                ),
                style="dim",
            )
        )
    for c in ev.consistency:
        console.print(
            Text(f"{label(lang, 'consistency')} ({label(lang, c.level)}): {c.text(lang)}", style=LEVEL_STYLE["warning"])
        )
    if view.show_programmes and ev.programmes:
        console.print(programme_table(ev, lang))
    if view.programme:
        for p in ev.programmes:
            if view.programme in (p.id, p.box, p.box.removeprefix("专栏")):
                console.print(items_table(p, lang))
    notes = ev.notes()
    if notes:
        console.print(Text(label(lang, "notes") + ":"))
        for line, id_, note in notes:
            console.print(Text(f"  {label(lang, 'line')} {line} {id_}: {one_line(note)}"))
    print_notices(console, lang, ev.notices)
    console.print(Text(label(lang, "summary", **ev.summary.counts())))


def print_notices(console: Console, lang: str, notices: list[Diagnostic]) -> None:
    for n in notices:
        where = place(n.file, n.line, n.sheet, n.column_number if n.sheet else None)
        console.print(Text(f"{label(lang, 'notices')}: {one_line(where)}: {one_line(n.text(lang))}", style="dim"))


def render_validation(v: Validation, console: Console, lang: str) -> None:
    console.print(
        Text(
            f"✓ {label(lang, 'valid')}: {one_line(v.source.file)} — {label(lang, 'year')} {v.year} "
            f"({label(lang, 'year_from')} {label(lang, v.source.year_from)}), "
            f"{label(lang, 'rows', n=v.rows)}, {label(lang, 'encoding')} {v.source.encoding}"
        )
    )
    for c in v.consistency:
        console.print(
            Text(
                f"  {label(lang, 'consistency')} ({label(lang, c.level)}): {c.text(lang)}", style=LEVEL_STYLE["warning"]
            )
        )
    print_notices(console, lang, v.notices)


def render(run: Run, view: View) -> str:
    console, buffer = make_console(view)
    for ev in run.files:
        render_evaluation(ev, console, view)
    for v in run.validated:
        render_validation(v, console, view.lang)
    if len(run.files) > 1:
        console.print(Text(label(view.lang, "summary", **run.summary.counts())))
    console.print(Text(label(view.lang, "exit", code=run.exit_code)))
    return buffer.getvalue()
