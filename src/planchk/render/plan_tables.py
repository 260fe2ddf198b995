"""`planchk plan show`: the encoded plan as tables, to hold against the source text."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.numbers import sign
from planchk.plan.model import Plan
from planchk.plan.schema import Item
from planchk.render import View
from planchk.render.console import make_console


def item_target(item: Item, lang: str) -> str:
    if item.measure == "range":
        return f"{fmt(item.min or 0)}-{fmt(item.max or 0)}{item.unit or ''}"
    if item.measure == "completion":
        return "done"
    if item.measure == "named_list":
        return f"{len(item.entries)} × done"
    if item.measure == "non_decreasing":
        return label(lang, "plan.rule_non_decreasing")
    text = f"{sign(item.comparator)}{fmt(item.target or 0)}{item.unit or ''}"
    if item.vague:
        text += f" ({item.vague.word})"
    return text


def _id(target_id: str, review: str | None, lang: str) -> Text:
    """A target's id; a drafted one (review: pending) is marked so nobody takes it for reviewed."""
    return Text(target_id + (f"\n{label(lang, 'plan.pending')}" if review == "pending" else ""))


def render_plan(plan: Plan, view: View) -> str:
    """`planchk plan show` as tables."""
    console, buffer = make_console(view)
    lang = view.lang

    def h(key: str) -> str:
        shared = {"unit", "binding", "indicative", "inferred", "items", "due", "target", "attribute"}
        return label(lang, key if key in shared else f"plan.{key}")

    console.print(Text(f"{plan.meta.title.get(lang)} · {plan.meta.id} v{plan.meta.version}", style="bold"))
    pending = plan.pending_review()
    if pending:
        console.print(Text(label(lang, "plan.pending_count", n=len(pending)), style="bold yellow"))
    boxes = "、".join(dict.fromkeys(ind.source.box for ind in plan.indicators))
    table = Table(title=Text(f"{boxes} {h('indicators')}"), expand=False)
    for col in ("id", "name", "unit", "attribute", "targets", "source"):
        table.add_column(h(col), overflow="fold")
    for ind in plan.indicators:
        targets = f"{ind.baseline.year}: {fmt(ind.baseline.value)}; " + "; ".join(
            f"{t.year}: {t.comparator} {fmt(t.value)} ({t.as_written})" for t in ind.targets
        )
        table.add_row(
            _id(ind.id, ind.review, lang),
            Text(ind.name.get(lang)),
            Text(ind.unit),
            Text(h(ind.attribute)),
            Text(targets),
            Text(f"{ind.source.box}: {ind.source.quote}"),
        )
    console.print(table)
    for programme in plan.programmes:
        title = f"{programme.box} {programme.title.get(lang)}" + (
            f" {h('inferred')}" if programme.title_inferred else ""
        )
        table = Table(title=Text(title), expand=False)
        for col in ("id", "name", "measure", "target", "due", "quote"):
            table.add_column(h(col), overflow="fold")
        for sub in programme.subplans:
            number = f"{sub.number}. " if sub.number is not None else ""
            table.add_row(Text(f"{number}{sub.title.get(lang)}", style="bold"))
            for item in sub.items:
                measure = item.measure + (f" ({item.hedge})" if item.hedge else "")
                table.add_row(
                    _id(item.id, item.review, lang),
                    Text(item.name.get(lang)),
                    Text(measure),
                    Text(item_target(item, lang)),
                    Text(str(item.due)),
                    Text(item.quote),
                )
                for entry in item.entries:
                    table.add_row(
                        Text("  " + entry.id),
                        Text(entry.name.get(lang)),
                        Text("completion"),
                        Text("done"),
                        Text(str(item.due)),
                        Text(entry.quote or ""),
                    )
        console.print(table)
    if plan.conflicts:
        table = Table(title=Text(h("conflicts")), expand=False)
        for col in ("topic", "sources", "used", "reason"):
            table.add_column(h(col), overflow="fold")
        for c in plan.conflicts:
            sources = "\n".join(
                f"{s.where}: {s.quote}" + (f" → {s.value}" if s.value is not None else "") for s in c.sources
            )
            table.add_row(Text(c.topic.get(lang)), Text(sources), Text(c.used), Text(c.reason))
        console.print(table)
    return buffer.getvalue()
