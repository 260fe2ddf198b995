"""The terminal table (`--format table`, the default): Rich tables. Data text is always wrapped in Text, never
parsed as markup."""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.text import Text

from planchk.diagnostics import Diagnostic, place
from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.numbers import sign
from planchk.render import View
from planchk.render.console import LEVEL_STYLE, make_console, status_text
from planchk.render.fit import Column, FittedTable, choose, counted, fitted_table, glue, put, widest_piece, wrap
from planchk.render.text import (
    actual_text,
    bar,
    bracketed,
    colon,
    comma,
    how_read,
    inferred,
    pct,
    plan_of_file,
    revision_line,
    rows_count,
    value_text,
    year_before_line,
    year_from,
)
from planchk.render.unit_table import print_units
from planchk.results import Evaluation, IndicatorResult, ItemResult, ProgrammeResult, RunStream, Validation
from planchk.sanitize import lines, one_line

# ── narrow terminals ─────────────────────────────────────────────────────────────────────────────────
# The indicator table folds its less important columns, one after the other, until every indicator's name
# fits on one line: the deviation, the progress bar (the percentages stay), the attribute column (a binding
# indicator's name says "(binding)"), the baseline column, the kind of expected value (the legend says it), and
# the table's outer border. The names then wrap (render/fit.py), each given at least NAME_MIN columns: short of
# that, the progress column goes, then the status may take a line per word. Widths are display columns (a
# Chinese character is two).
FOLDS = ("deviation", "bar", "attribute", "baseline", "kind", "edge")
SQUEEZES = ("progress", "wrap_status")
NAME_MIN = 28


def _names_wrap(folded: frozenset[str]) -> bool:
    """Names wrap only once every fold is taken: until then a fold is the price of keeping them on one line."""
    return "edge" in folded


def _statuses(cells: list[Text], folded: frozenset[str]) -> list[Text]:
    """The status cells; squeezed, each broken between its words at the width of the longest word of any (the
    column is that wide, and the names get the rest)."""
    if "wrap_status" not in folded:
        return cells
    # Between words, and before a full-width bracket: 未达标 / （警告）, as 'fail / (warning)' breaks at its space
    # (a status is one style throughout, status_text)
    cells = [Text(c.plain.replace("（", " （"), style=c.style) if "（" in c.plain else c for c in cells]
    width = max((widest_piece(c, cjk=False) for c in cells), default=0)
    return [wrap(c, width, cjk=False) for c in cells]


# Column key → justification, in order; keys are also the header labels.
INDICATOR_COLUMNS: dict[str, JustifyMethod] = {
    "indicator": "left",
    "unit": "left",
    "attribute": "left",
    "baseline": "right",
    "expected": "right",
    "actual": "right",
    "progress": "left",
    "status": "left",
}


def file_marks(files: list[str]) -> dict[str, str]:
    """With several files joined (--combine), a mark for each, [1], [2], put after each figure it gave and
    explained under the tables; with one file, none."""
    return {file: f"[{n}]" for n, file in enumerate(files, 1)} if len(files) > 1 else {}


def _mark(marks: dict[str, str], r: IndicatorResult | ItemResult) -> str:
    """The mark of the file a reported figure came from, or nothing."""
    return " " + marks[r.source.file] if r.source is not None and r.source.file in marks else ""


def indicator_table(ev: Evaluation, lang: str, categories: dict[str, str], width: int | None = None) -> FittedTable:
    results = ev.indicators
    marks = file_marks(ev.source.files)
    headings: dict[int, Text] = {}
    for index, r in enumerate(results):
        if index == 0 or r.category != results[index - 1].category:
            headings[index] = Text(categories.get(r.category, r.category), style="bold")

    def build(folded: frozenset[str]) -> list[Column]:
        cells = [indicator_cells(r, lang, folded, _mark(marks, r)) for r in results]
        return [
            Column(
                label(lang, key, year=ev.year, base=ev.baseline_year),
                _statuses([row[key] for row in cells], folded) if key == "status" else [row[key] for row in cells],
                INDICATOR_COLUMNS[key],
                wraps=key == "indicator" and _names_wrap(folded),
                least=NAME_MIN if key == "indicator" else 0,
                hyphens=key != "indicator",
            )
            for key in INDICATOR_COLUMNS
            if key not in folded
        ]

    return fitted_table(choose(build, (*FOLDS, *SQUEEZES), width), headings=headings)


def indicator_cells(
    r: IndicatorResult, lang: str, folded: frozenset[str] = frozenset(), mark: str = ""
) -> dict[str, Text]:
    """One indicator's cells by column key, with the folds of a narrow table applied; `mark` after the figure
    names the file it came from (`file_marks`)."""
    name = r.name.get(lang)
    if r.part_of:
        name = "  " + label(lang, "of_which") + name
    if "attribute" in folded and r.attribute == "binding":
        name += bracketed(lang, label(lang, "binding"))
    expected = f"{sign(r.comparator)}{fmt(r.expected)}"
    if "kind" not in folded:
        expected += f" {label(lang, r.expected_kind)}"
    shares = f"{pct(r.progress)} / {pct(r.elapsed)}" if r.progress is not None else f"— / {pct(r.elapsed)}"
    progress = f"{bar(r.progress)} {shares}" if r.progress is not None and "bar" not in folded else shares
    return {
        "indicator": Text(name),
        "unit": Text(r.unit),
        "attribute": Text(label(lang, r.attribute)),
        "baseline": Text(fmt(r.baseline)),
        "expected": Text(expected),
        "actual": Text(actual_text(r, "deviation" not in folded) + mark),
        "progress": Text(progress),
        "status": status_text(lang, r.status, r.level),
    }


def programme_table(ev: Evaluation, lang: str, width: int | None = None) -> FittedTable:
    """One row per box; on a narrow terminal the progress bar folds (the percentage stays), then titles wrap."""

    def build(folded: frozenset[str]) -> list[Column]:
        progs = ev.programmes
        progress = [pct(p.progress) if "bar" in folded else f"{bar(p.progress)} {pct(p.progress)}" for p in progs]
        titles = [p.title.get(lang) + (inferred(lang) if p.title_inferred else "") for p in progs]
        statuses = _statuses([status_text(lang, p.status, p.level) for p in progs], folded)
        columns = [  # the box reads first, then its title
            Column(label(lang, "box"), [Text(p.box) for p in progs]),
            Column(
                label(lang, "programme"),
                [Text(t) for t in titles],
                wraps=_names_wrap(folded),
                least=NAME_MIN,
                hyphens=False,
            ),
            Column(label(lang, "met"), [Text(f"{p.met}/{p.total}") for p in progs], "right"),
            Column(label(lang, "programme_progress"), [Text(t) for t in progress]),
            Column(label(lang, "status"), statuses),
        ]
        if "progress" in folded:
            del columns[3]
        return columns

    return fitted_table(choose(build, (*FOLDS, *SQUEEZES), width))


ITEM_NAME_MIN = 16  # eight Chinese characters, or two or three English words, a line
LONG_UNIT = 4  # on a narrow terminal a longer unit goes under its number (0.877 / 人/30名教师)


def items_table(
    p: ProgrammeResult, lang: str, width: int | None = None, marks: dict[str, str] | None = None
) -> FittedTable:
    """One programme item by item, its named entries under it. Expected and actual values and the status word
    are never cut nor broken; names and status messages wrap (render/fit.py), an entry's under its bullet. On
    a narrow terminal the outer border folds, then long units go under their numbers."""
    rows = [(row, indent) for item in p.items for row, indent in [(item, ""), *((e, "  · ") for e in item.entries)]]

    def build(folded: frozenset[str]) -> list[Column]:
        cells = [
            item_cells(item, lang, indent, unit_apart="units" in folded, mark=_mark(marks or {}, item))
            for item, indent in rows
        ]
        item_columns: tuple[tuple[str, JustifyMethod], ...] = (
            ("items", "left"),
            ("due", "right"),
            ("expected", "right"),
            ("actual", "right"),
            ("status", "left"),
        )
        return [
            Column(
                label(lang, key, year=""),
                [row[index] for row in cells],
                justify,
                wraps=key in ("items", "status"),
                least=ITEM_NAME_MIN if key == "items" else 0,
            )
            for index, (key, justify) in enumerate(item_columns)
        ]

    return fitted_table(choose(build, ("edge", "units"), width), title=Text(f"{p.box} {p.title.get(lang)}"))


def item_cells(item: ItemResult, lang: str, indent: str = "", unit_apart: bool = False, mark: str = "") -> list[Text]:
    status = glue(status_text(lang, item.status, item.level))
    if item.message:
        status.append(" " + item.message.get(lang))
    unit = item.unit if not unit_apart or cell_len(item.unit or "") <= LONG_UNIT else "\n" + (item.unit or "")
    expected = value_text(item.expected, unit, lang)
    if isinstance(item.expected, float):
        expected = sign(item.comparator) + expected
    return [
        Text(indent + item.name.get(lang) + (bracketed(lang, item.hedge) if item.hedge else "")),
        Text(str(item.due)),
        Text(expected),
        Text(value_text(item.actual, unit, lang) + mark),
        status,
    ]


def render_evaluation(ev: Evaluation, console: Console, view: View) -> None:
    lang, categories = view.lang, view.categories
    put(console, Text(label(lang, "title", year=ev.year, plan=ev.plan.id, version=ev.plan.version), style="bold"))
    put(
        console,
        Text(
            f"{label(lang, 'file')}{colon(lang)}{one_line(ev.source.file)}"
            + bracketed(
                lang,
                f"{label(lang, 'encoding')} {how_read(ev.source, lang)}{comma(lang)}{year_from(ev.source, lang)}",
            )
            + plan_of_file(ev.source, ev.plan, lang)
        ),
    )
    if ev.year_before is not None:
        put(console, Text(year_before_line(ev.year_before, lang)))
    if ev.plan.changes:
        put(console, Text(revision_line(ev.plan, lang), style="bold yellow"))
    if ev.plan.pending_review:
        put(console, Text(label(lang, "pending_review", n=ev.plan.pending_review), style="bold yellow"))
    if view.show_indicators and ev.indicators:  # a drafted plan may have no indicator table: none is drawn
        console.print(indicator_table(ev, lang, categories, view.width))
        named = ev.milestone_years or [ev.period_end]
        put(
            console,
            Text(
                label(
                    lang,
                    "legend",
                    base=ev.baseline_year,
                    end=ev.period_end,
                    named=("、" if lang == "zh" else ", ").join(map(str, named)),
                ),
                style="dim",
            ),
        )
    for c in ev.consistency:
        put(
            console,
            Text(
                f"{label(lang, 'consistency')}{bracketed(lang, label(lang, c.level))}{colon(lang)}{c.text(lang)}",
                style=LEVEL_STYLE["warning"],
            ),
        )
    if view.show_programmes and ev.programmes:
        console.print(programme_table(ev, lang, view.width))
    if ev.units:  # --by-unit: which unit's rows lag (render/unit_table.py)
        print_units(console, ev, view)
    marks = file_marks(ev.source.files)
    for p in ev.programmes:
        if p.id == view.programme:  # the CLI gives the id of a programme of the plan (cli/app.py _programme_id)
            console.print(items_table(p, lang, view.width, marks))
    if marks and (view.show_indicators or view.programme):
        files = comma(lang).join(f"{mark} {one_line(file)}" for file, mark in marks.items())
        put(console, Text(label(lang, "figures_from", files=files), style="dim"))
    print_notes(console, lang, ev, bool(marks))
    print_notices(console, lang, ev.notices)
    put(console, counted(label(lang, "summary", **ev.summary.counts())))


def print_notes(console: Console, lang: str, ev: Evaluation, several: bool) -> None:
    """Each row's note where it was written (its file when several were joined, its sheet, its row), line by
    line as it was written: a line break in the note starts a new line, indented under the note's first."""
    notes = ev.notes()
    if notes:
        put(console, Text(label(lang, "notes") + colon(lang).rstrip()))
    for note in notes:
        where = [note.source.file] if several and note.source is not None else []
        where += [note.source.sheet] if note.source is not None and note.source.sheet else []
        at = " ".join(one_line(w) for w in [*where, label(lang, "line")])
        first, *more = lines(note.text)
        text = Text(f"  {at} {note.line} {note.id}{colon(lang)}{first}")
        for line in more:
            text.append("\n    " + line)
        put(console, text, hang=4)  # every line of a note under its text


def print_notices(console: Console, lang: str, notices: list[Diagnostic]) -> None:
    for n in notices:
        where = place(n.file, n.line, n.sheet, n.column_number if n.sheet else None)
        put(
            console,
            Text(
                f"{label(lang, 'notices')}{colon(lang)}{one_line(where)}{colon(lang)}{one_line(n.text(lang))}",
                style="dim",
            ),
        )


def render_validation(v: Validation, console: Console, lang: str) -> None:
    put(
        console,
        Text(
            f"✓ {label(lang, 'valid')}{colon(lang)}{one_line(v.source.file)} — {label(lang, 'year')} {v.year}"
            + bracketed(lang, year_from(v.source, lang))
            + f"{comma(lang)}{rows_count(lang, v.rows)}{comma(lang)}"
            + f"{label(lang, 'encoding')} {how_read(v.source, lang)}"
            + plan_of_file(v.source, v.plan, lang)
        ),
    )
    for c in v.consistency:
        put(
            console,
            Text(
                f"  {label(lang, 'consistency')}{bracketed(lang, label(lang, c.level))}{colon(lang)}{c.text(lang)}",
                style=LEVEL_STYLE["warning"],
            ),
        )
    print_notices(console, lang, v.notices)


def stream(run: RunStream, view: View) -> Iterator[str]:
    """The tables of each file in turn, each given as soon as it is drawn; the run's total at the end."""
    console, buffer = make_console(view)

    def drawn() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    for ev in run.files():
        render_evaluation(ev, console, view)
        yield drawn()
    for v in run.validated():
        render_validation(v, console, view.lang)
        yield drawn()
    if run.count > 1:
        put(console, counted(label(view.lang, "run_summary", n=run.count, **run.summary.counts())))
    put(console, Text(label(view.lang, "exit", code=run.exit_code)))
    yield drawn()
