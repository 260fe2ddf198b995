"""`planchk plan show`: the encoded plan as tables, to hold against the source text.

An id is never cut: when the table with every id whole does not fit the terminal (render/fit.py), each target
is shown as a block of lines in a one-column table instead — its id on a line of its own, then its name and
the other fields, then the text it quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from rich.console import Console
from rich.text import Text

from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.numbers import sign
from planchk.plan.measures import Shown
from planchk.plan.model import Plan
from planchk.plan.schema import Conflict, Indicator, Item, Programme
from planchk.plan.units import NO_UNIT, UnitMap, units_line
from planchk.render import View
from planchk.render.console import make_console
from planchk.render.fit import Column, choose, fitted_table, fixed, glue, put
from planchk.render.text import bracketed, inferred

NAME_MIN = 16  # the names, quotes and reasons: eight Chinese characters or two or three English words a line
PROSE_MIN = 28  # the contradictions' paragraphs: narrower, each is a block of lines instead
SEP = " · "


def _number(item: Item, lang: str) -> str:
    text = f"{sign(item.comparator)}{fmt(item.target or 0)}{item.unit or ''}"
    return text + (bracketed(lang, item.vague.word) if item.vague else "")


# How each measure's target is written (plan/measures.py, Shown).
TARGET_TEXT: dict[Shown, Callable[[Item, str], str]] = {
    "number": _number,
    "range": lambda item, lang: f"{fmt(item.min or 0)}-{fmt(item.max or 0)}{item.unit or ''}",
    "done": lambda item, lang: label(lang, "done"),
    "entries": lambda item, lang: f"{len(item.entries)} × {label(lang, 'done')}",
    "rule": lambda item, lang: label(lang, "plan.rule_non_decreasing"),
    "vague": lambda item, lang: item.vague.word if item.vague else "",  # a vague amount: the text's word, no number
}


def item_target(item: Item, lang: str) -> str:
    return TARGET_TEXT[item.spec.shown](item, lang)


def _id(target_id: str, review: str | None, lang: str, pending_apart: bool = True) -> Text:
    """A target's id; a drafted one (review: pending) is marked so nobody takes it for reviewed."""
    mark = ("\n" if pending_apart else " ") + label(lang, "plan.pending") if review == "pending" else ""
    return Text(target_id + mark)


def _targets(ind: Indicator) -> Text:
    """'2020: 1.47; 2022: >= 1.67 (1.67); …', each target one piece (a line of its own when they wrap)."""
    parts = [glue(f"{ind.baseline.year}: {fmt(ind.baseline.value)};")]
    parts += [glue(f"{t.year}: {t.comparator} {fmt(t.value)} ({t.as_written})") for t in ind.targets]
    for part in parts[1:-1]:
        part.append(";")
    return Text(" ").join(parts)


def _fields(*fields: str | Text) -> Text:
    """Fields of a block on one line, ' · ' between them."""
    return Text(SEP).join(Text(f) if isinstance(f, str) else f for f in fields if f)


def _block(head: Text, lines: list[Text], indent: str = "  ") -> Text:
    """A target as lines: its id, then its fields indented under it."""
    return Text("\n").join([head, *(Text(indent) + line for line in lines)])


def _print(
    console: Console,
    title: Text,
    table: tuple[list[Column], dict[int, Text]],
    blocks: tuple[str, list[Text], dict[int, Text]],
    width: int | None,
) -> None:
    """The table if it fits the width with every column that does not wrap (the ids) whole; else the blocks, one
    after the other in a one-column table (its header names the fields of a block)."""
    columns, headings = table
    layout = fixed(columns, width)
    if layout is None:
        header, cells, headings = blocks
        stacked = [Column(header, cells, wraps=True)]
        layout = fixed(stacked, width) or choose(lambda folded: stacked, ("edge",), width)
    console.print(fitted_table(layout, title, headings))


def render_plan(plan: Plan, view: View) -> str:
    """`planchk plan show` as tables: the indicators, each programme's items, the contradictions."""
    console, buffer = make_console(view)
    lang = view.lang
    put(console, Text(f"{plan.meta.title.get(lang)} · {plan.meta.id} v{plan.meta.version}", style="bold"))
    meta = plan.meta
    years = {"start": meta.period_start, "end": meta.period_end, "base": meta.baseline_year}
    put(console, label(lang, "plan.period", **years, mid=plan.midterm_year()))
    pending = plan.pending_review()
    if pending:
        put(console, Text(label(lang, "plan.pending_count", n=len(pending)), style="bold yellow"))
    units = units_line(plan.units, len(plan.indicators) + len(plan.item_by_id)).get(lang)
    put(console, Text(units.lstrip("；; ")))  # the responsibility map: how many rows have no unit (plan/units.py)
    _indicators(console, plan, view)
    for programme in plan.programmes:
        _programme(console, programme, view)
    if plan.conflicts:
        _conflicts(console, plan.conflicts, view)
    if plan.units is not None:
        _units(console, plan, plan.units, view)
    return buffer.getvalue()


def _h(lang: str, key: str) -> str:
    """A column heading: the labels shared with the other views, else `plan show`'s own."""
    shared = {"unit", "binding", "indicative", "inferred", "items", "due", "target", "attribute"}
    return label(lang, key if key in shared else f"plan.{key}")


def _indicators(console: Console, plan: Plan, view: View) -> None:
    lang = view.lang
    h = partial(_h, lang)

    boxes = "、".join(dict.fromkeys(ind.source.box for ind in plan.indicators))
    title = Text(f"{boxes} {h('indicators')}")
    inds = plan.indicators
    sources = [Text(f"{ind.source.box}: {ind.source.quote}") for ind in inds]
    columns = [
        Column(h("id"), [_id(ind.id, ind.review, lang) for ind in inds]),
        Column(h("name"), [Text(ind.name.get(lang)) for ind in inds], wraps=True, least=NAME_MIN),
        Column(h("unit"), [Text(ind.unit) for ind in inds]),
        Column(h("attribute"), [Text(h(ind.attribute)) for ind in inds]),
        Column(h("targets"), [_targets(ind) for ind in inds], wraps=True),
        Column(h("source"), sources, wraps=True, least=NAME_MIN),
    ]
    header = f"{h('id')} / {h('name')}{SEP}{h('unit')}{SEP}{h('attribute')} / {h('targets')} / {h('source')}"
    blocks = [
        _block(
            _id(ind.id, ind.review, lang, pending_apart=False),
            [_fields(ind.name.get(lang), ind.unit, h(ind.attribute)), _targets(ind), source],
        )
        for ind, source in zip(inds, sources, strict=True)
    ]
    _print(console, title, (columns, {}), (header, blocks, {}), view.width)


def _item_rows(item: Item, lang: str) -> tuple[list[list[Text]], Text]:
    """An item as table rows (its own, then one per named entry) and as a block of lines, its entries in it."""
    hedge = (f"（{item.hedge}）" if lang == "zh" else f" ({item.hedge})") if item.hedge else ""
    measure = label(lang, f"plan.measure.{item.measure}") + hedge
    target, due = glue(item_target(item, lang)), str(item.due)
    rows = [
        [_id(item.id, item.review, lang), Text(item.name.get(lang)), Text(measure), target, Text(due), Text(item.quote)]
    ]
    lines = [_fields(item.name.get(lang), measure, target, due), Text(item.quote)]
    completion, done = label(lang, "plan.measure.completion"), label(lang, "done")
    for entry in item.entries:
        name = entry.name.get(lang)
        rows.append(
            [Text("  " + entry.id), Text(name), Text(completion), Text(done), Text(due), Text(entry.quote or "")]
        )
        lines.append(Text("· " + entry.id))
        lines.append(Text("  ") + _fields(name, completion, done, due))
        if entry.quote and entry.quote != name:
            lines.append(Text("  " + entry.quote))
    return rows, _block(_id(item.id, item.review, lang, pending_apart=False), lines)


def _programme(console: Console, programme: Programme, view: View) -> None:
    lang = view.lang
    h = partial(_h, lang)

    title = Text(
        f"{programme.box} {programme.title.get(lang)}" + (inferred(lang) if programme.title_inferred else "")
    )
    rows: list[list[Text]] = []  # the table: a row per item and per named entry
    blocks: list[Text] = []  # or a block of lines per item, its entries in it
    row_headings: dict[int, Text] = {}
    block_headings: dict[int, Text] = {}
    for sub in programme.subplans:
        number = f"{sub.number}. " if sub.number is not None else ""
        row_headings[len(rows)] = block_headings[len(blocks)] = Text(f"{number}{sub.title.get(lang)}", style="bold")
        for item in sub.items:
            item_rows, block = _item_rows(item, lang)
            rows += item_rows
            blocks.append(block)
    keys = ("id", "name", "measure", "target", "due", "quote")
    columns = [
        Column(
            h(key),
            [row[index] for row in rows],
            wraps=key in ("name", "measure", "quote"),
            least=NAME_MIN if key in ("name", "quote") else 0,
        )
        for index, key in enumerate(keys)
    ]
    header = f"{h('id')} / {h('name')}{SEP}{h('measure')}{SEP}{h('target')}{SEP}{h('due')} / {h('quote')}"
    _print(console, title, (columns, row_headings), (header, blocks, block_headings), view.width)


def _conflicts(console: Console, conflicts: list[Conflict], view: View) -> None:
    lang = view.lang
    h = partial(_h, lang)
    colon = "：" if lang == "zh" else ": "
    sources = [
        Text("\n").join(
            Text(f"{s.where}{colon}{s.quote}") + (Text(" ") + glue(f"→ {s.value}") if s.value is not None else Text(""))
            for s in c.sources
        )
        for c in conflicts
    ]
    columns = [
        Column(h("topic"), [Text(c.topic.get(lang)) for c in conflicts], wraps=True, least=NAME_MIN),
        Column(h("sources"), sources, wraps=True, least=PROSE_MIN),
        Column(h("used"), [Text(c.used.get(lang)) for c in conflicts], wraps=True, least=PROSE_MIN),
        Column(h("reason"), [Text(c.reason.get(lang)) for c in conflicts], wraps=True, least=PROSE_MIN),
    ]
    header = f"{h('topic')} / {h('sources')} / {h('used')} / {h('reason')}"
    blocks = [
        _block(
            Text(c.topic.get(lang), style="bold"),
            [
                *source.split("\n"),
                Text(f"{h('used')}{colon}{c.used.get(lang)}"),
                Text(f"{h('reason')}{colon}{c.reason.get(lang)}"),
            ],
        )
        for c, source in zip(conflicts, sources, strict=True)
    ]
    _print(console, Text(h("conflicts")), (columns, {}), (header, blocks, {}), view.width)


def _units(console: Console, plan: Plan, units: UnitMap, view: View) -> None:
    """The responsibility map: each unit, how many indicators and items it answers for, the ids it names."""
    lang = view.lang
    rows = Counter(units.owner.get(id_) for id_ in [*plan.indicator_by_id, *plan.item_by_id])
    zh = lang == "zh"
    names = [Text(f"{u.name.get(lang)}（{u.id}）" if zh else f"{u.name.en} ({u.id})") for u in units.units]
    named = [Text(("、" if zh else ", ").join(u.answers_for)) for u in units.units]
    counts = [Text(str(rows[u.id])) for u in units.units]
    if units.unassigned:  # said, not hidden: the rows the map gives no unit
        names.append(Text(NO_UNIT.get(lang)))
        counts.append(Text(str(len(units.unassigned))))
        named.append(Text(""))
    columns = [
        Column(label(lang, "by_unit.unit"), names, wraps=True),
        Column(label(lang, "by_unit.rows"), counts, "right"),
        Column(label(lang, "by_unit.ids"), named, wraps=True, least=PROSE_MIN),
    ]
    layout = fixed(columns, view.width) or choose(lambda folded: columns, ("edge",), view.width)
    console.print(fitted_table(layout, Text(label(lang, "by_unit.heading"))))
