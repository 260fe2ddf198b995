"""A file's results by the unit that answers for them (`evaluate --by-unit`, the table format): one row per unit
with its counts, the units whose rows lag first, then each lagging unit's failing and missing rows. Drawn in
place of the indicator and box tables by render/table.py; fitted to the terminal by render/fit.py."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from planchk.i18n import label
from planchk.render import View
from planchk.render.console import STYLE
from planchk.render.fit import Column, FittedTable, choose, counted, fitted_table, prose, put
from planchk.render.text import colon
from planchk.render.unit_sections import count_heads, lagging_heading, lagging_row, rows_by_id, unit_counts
from planchk.results import Evaluation, IndicatorResult, ItemResult, UnitGroup

UNIT_MIN = 12  # six Chinese characters, or two English words, a line


def print_units(console: Console, ev: Evaluation, view: View) -> None:
    """The units' table, then each lagging unit's rows."""
    lang = view.lang
    console.print(unit_table(ev.units, lang, view.width))
    rows = rows_by_id(ev)
    lagging = [g for g in ev.units if g.lagging]
    for group in lagging:
        console.print(lagging_lines(group, rows, lang, view.width or console.width))
    if not lagging:
        put(console, Text(label(lang, "by_unit.none_lag")))


def unit_table(groups: list[UnitGroup], lang: str, width: int | None) -> FittedTable:
    """A row per unit: its name (wrapping), its rows and their counts by status (never cut)."""

    def build(folded: frozenset[str]) -> list[Column]:
        heads = count_heads(lang)
        counts = [unit_counts(g) for g in groups]
        return [
            Column(heads[0], [Text(g.name.get(lang)) for g in groups], wraps=True, least=UNIT_MIN),
            *(Column(head, [Text(c[n]) for c in counts], "right") for n, head in enumerate(heads[1:])),
        ]

    title = Text(label(lang, "by_unit.title", n=sum(g.id is not None for g in groups)), style="bold")
    return fitted_table(choose(build, ("edge",), width), title=title)


def lagging_lines(group: UnitGroup, rows: dict[str, IndicatorResult | ItemResult], lang: str, width: int) -> Text:
    """A unit's failing rows, then its missing ones, a paragraph each (render/unit_sections.lagging_row), broken as
    any line of prose (render/fit.py `prose`: at spaces and between Chinese characters, so that an id is never
    cut), each paragraph's later lines under its text; the heading's counts each with its label."""
    out = prose(counted(Text(lagging_heading(group, lang), style="bold")), width)
    for id_ in group.lagging:
        r = rows.get(id_)
        if r is None:
            continue
        status, name, said = lagging_row(r, lang)
        line = Text(f"  {status} {id_} {name}{colon(lang)}{said}", style=STYLE.get(r.status, ""))
        out.append("\n").append_text(prose(line, width, hang=4))
    return out
