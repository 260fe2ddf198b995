"""`planchk plan show`: the encoded plan as tables, to hold against the source text."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from planchk.evaluate import fmt
from planchk.plan import Item, Plan

HEAD = {
    "zh": {"indicators": "主要指标", "id": "编号", "name": "名称", "unit": "单位", "attr": "属性", "targets": "目标",
           "source": "出处", "items": "事项", "measure": "类型", "target": "目标", "due": "到期", "quote": "原文",
           "conflicts": "原文矛盾与重复", "topic": "问题", "sources": "各处说法", "used": "采用", "reason": "理由",
           "binding": "约束性", "indicative": "预期性", "inferred": "(标题为推断)"},
    "en": {"indicators": "Key indicators", "id": "id", "name": "Name", "unit": "Unit", "attr": "Type",
           "targets": "Targets", "source": "Source", "items": "Items", "measure": "Measure", "target": "Target",
           "due": "Due", "quote": "Quote", "conflicts": "Contradictions and repeats in the text", "topic": "Topic",
           "sources": "What each place says", "used": "Used", "reason": "Reason", "binding": "binding",
           "indicative": "indicative", "inferred": "(title inferred)"},
}
SIGN = {">=": "≥", ">": ">", "<=": "≤", "==": "=", "approx": "≈", "range": "", "done": "", "non_decreasing": ""}


def item_target(item: Item) -> str:
    if item.measure == "range":
        return f"{fmt(item.min or 0)}-{fmt(item.max or 0)}{item.unit or ''}"
    if item.measure == "completion":
        return "done"
    if item.measure == "named_list":
        return f"{len(item.entries)} × done"
    if item.measure == "non_decreasing":
        return "逐年只增不减 (≥ previous year)"
    text = f"{SIGN[item.comparator]}{fmt(item.target or 0)}{item.unit or ''}"
    if item.vague:
        text += f" ({item.vague.word})"
    return text


def render_plan(plan: Plan, console: Console, lang: str) -> None:
    h = HEAD[lang]
    console.print(Text(f"{plan.meta.title.get(lang)} · {plan.meta.id} v{plan.meta.version}", style="bold"))
    boxes = "、".join(dict.fromkeys(ind.source.box for ind in plan.indicators))
    table = Table(title=Text(f"{boxes} {h['indicators']}"), expand=False)
    for col in ("id", "name", "unit", "attr", "targets", "source"):
        table.add_column(h[col], overflow="fold")
    for ind in plan.indicators:
        targets = f"{ind.baseline.year}: {fmt(ind.baseline.value)}; " + "; ".join(
            f"{t.year}: {t.comparator} {fmt(t.value)} ({t.as_written})" for t in ind.targets)
        table.add_row(Text(ind.id), Text(ind.name.get(lang)), Text(ind.unit), Text(h[ind.attribute]),
                      Text(targets), Text(f"{ind.source.box}: {ind.source.quote}"))
    console.print(table)
    for programme in plan.programmes:
        title = f"{programme.box} {programme.title.get(lang)}" + (f" {h['inferred']}" if programme.title_inferred
                                                                  else "")
        table = Table(title=Text(title), expand=False)
        for col in ("id", "name", "measure", "target", "due", "quote"):
            table.add_column(h[col], overflow="fold")
        for sub in programme.subplans:
            number = f"{sub.number}. " if sub.number is not None else ""
            table.add_row(Text(f"{number}{sub.title.get(lang)}", style="bold"))
            for item in sub.items:
                measure = item.measure + (f" ({item.hedge})" if item.hedge else "")
                table.add_row(Text(item.id), Text(item.name.get(lang)), Text(measure), Text(item_target(item)),
                              Text(str(item.due)), Text(item.quote))
                for entry in item.entries:
                    table.add_row(Text("  " + entry.id), Text(entry.name.get(lang)), Text("completion"),
                                  Text("done"), Text(str(item.due)), Text(entry.quote or ""))
        console.print(table)
    if plan.conflicts:
        table = Table(title=Text(h["conflicts"]), expand=False)
        for col in ("topic", "sources", "used", "reason"):
            table.add_column(h[col], overflow="fold")
        for c in plan.conflicts:
            sources = "\n".join(f"{s.where}: {s.quote}" + (f" → {s.value}" if s.value is not None else "")
                                for s in c.sources)
            table.add_row(Text(c.topic.get(lang)), Text(sources), Text(c.used), Text(c.reason))
        console.print(table)
