"""GitHub-flavoured Markdown: for $GITHUB_STEP_SUMMARY and evaluation documents."""

from __future__ import annotations

from collections.abc import Iterator

from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.numbers import sign
from planchk.render import View
from planchk.render.text import (
    actual_text,
    bracketed,
    colon,
    comma,
    how_read,
    inferred,
    md,
    pct,
    plan_of_file,
    revision_line,
    rows_count,
    status_word,
    value_text,
    year_before_line,
    year_from,
)
from planchk.render.unit_sections import unit_markdown
from planchk.results import Evaluation, IndicatorResult, ItemResult, RunStream
from planchk.sanitize import lines, one_line


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _status(lang: str, status: str, level: str) -> str:
    return status_word(lang, status, level)


def evaluation_markdown(ev: Evaluation, lang: str, code: int) -> list[str]:
    out = [
        f"## {md(label(lang, 'title', year=ev.year, plan=ev.plan.id, version=ev.plan.version))}",
        "",
        f"{label(lang, 'file')}{colon(lang)}`{one_line(ev.source.file).replace('`', chr(39))}`"
        + bracketed(
            lang,
            f"{label(lang, 'encoding')} {how_read(ev.source, lang)}{comma(lang)}"
            + year_from(ev.source, lang),
        )
        + md(plan_of_file(ev.source, ev.plan, lang)),
        "",
    ]
    if ev.plan.pending_review:  # as the table says it: a draft plan's verdicts are provisional
        out += [f"**{md(label(lang, 'pending_review', n=ev.plan.pending_review))}**", ""]
    if ev.year_before is not None:
        out += [md(year_before_line(ev.year_before, lang)), ""]
    if ev.plan.changes:
        out += [f"**{md(revision_line(ev.plan, lang))}**", ""]
    heads = [
        label(lang, k, year=ev.year, base=ev.baseline_year)
        for k in ("indicator", "unit", "attribute", "baseline", "expected", "actual", "progress", "status")
    ]
    out += [_row(heads), _row(["---"] * 3 + ["---:"] * 3 + ["---"] * 2)]
    for r in ev.indicators:
        out.append(_row(_indicator_cells(r, lang)))
    named = ("、" if lang == "zh" else ", ").join(map(str, ev.milestone_years))
    out += [
        "",
        f"_{md(label(lang, 'legend', base=ev.baseline_year, end=ev.period_end, named=named))}_",
        "",
    ]
    for c in ev.consistency:
        level = bracketed(lang, label(lang, c.level)).lstrip()
        out.append(f"- **{label(lang, 'consistency')}** {level}{colon(lang)}{md(c.text(lang))}")
    if ev.programmes:
        out += [
            "",
            _row([label(lang, k) for k in ("box", "programme", "met", "programme_progress", "status")]),
            _row(["---", "---", "---:", "---:", "---"]),
        ]
        for p in ev.programmes:
            title = p.title.get(lang) + (inferred(lang) if p.title_inferred else "")
            out.append(
                _row([p.box, md(title), f"{p.met}/{p.total}", pct(p.progress), _status(lang, p.status, p.level)])
            )
        failing = [(p.box, i) for p in ev.programmes for i in p.items if i.status in ("fail", "missing")]
        if failing:
            out += ["", f"<details><summary>{label(lang, 'items')}: {len(failing)} ✗ / ?</summary>", ""]
            out += [
                _row(
                    [
                        label(lang, "box"),
                        label(lang, "items"),
                        label(lang, "expected", year=""),
                        label(lang, "actual"),
                        label(lang, "status"),
                    ]
                ),
                _row(["---"] * 5),
            ]
            for box, item in failing:
                out.append(_row([box, *_item_cells(item, lang)]))
            out += ["", "</details>"]
    notes = ev.notes()
    if notes:
        out += ["", f"**{label(lang, 'notes')}**", ""]
        several = len(ev.source.files) > 1
        for note in notes:
            where = [note.source.file] if several and note.source is not None else []
            where += [note.source.sheet] if note.source is not None and note.source.sheet else []
            # A line break written in the note is a Markdown hard break (a backslash ending the line).
            text = "\\\n  ".join(md(line) for line in lines(note.text))
            out.append(f"- {' '.join(md(w) for w in [*where, label(lang, 'line')])} {note.line} `{note.id}`: {text}")
    out += unit_markdown(ev, lang, "###")  # --by-unit (render/unit_sections.py)
    out += ["", md(label(lang, "summary", **ev.summary.counts())) + f" — {label(lang, 'exit', code=code)}", ""]
    return out


def _indicator_cells(r: IndicatorResult, lang: str) -> list[str]:
    name = (label(lang, "of_which") if r.part_of else "") + r.name.get(lang)
    return [
        md(name),
        md(r.unit),
        label(lang, r.attribute),
        fmt(r.baseline),
        f"{sign(r.comparator)}{fmt(r.expected)}{bracketed(lang, label(lang, r.expected_kind))}",
        md(actual_text(r)),
        f"{pct(r.progress)} / {pct(r.elapsed)}",
        _status(lang, r.status, r.level),
    ]


def _item_cells(item: ItemResult, lang: str) -> list[str]:
    message = f" {md(item.message.get(lang))}" if item.message else ""
    return [
        md(item.name.get(lang)),
        md(value_text(item.expected, item.unit, lang)),
        md(value_text(item.actual, item.unit, lang)),
        _status(lang, item.status, item.level) + message,
    ]


def stream(run: RunStream, view: View) -> Iterator[str]:
    """Each file's section as soon as it is judged; the input problems and the exit code at the end."""
    lang = view.lang
    yield "# planchk\n\n"
    for ev in run.files():
        yield "\n".join(evaluation_markdown(ev, lang, ev.exit_code)) + "\n"
    for v in run.validated():
        read = how_read(v.source, lang)
        out = [f"## {md(v.source.file)}", "", f"- {v.year}, {rows_count(lang, v.rows)}, {read}"]
        out += [f"- {label(lang, 'consistency')}: {md(c.text(lang))}" for c in v.consistency]
        out += [f"- {label(lang, 'notices')}: {md(n.text(lang))}" for n in v.notices]
        yield "\n".join(out) + "\n\n"
    out = []
    if run.errors:
        out += [
            f"## {label(lang, 'input_errors')}",
            "",
            _row(["file", "line", "column", "value", "message"]),
            _row(["---"] * 5),
        ]
        for p in run.errors:
            out.append(_row([md(p.file), md(p.cell()), md(p.column or ""), md(p.value or ""), md(p.text(lang))]))
        out.append("")
    out.append(f"**{label(lang, 'exit', code=run.exit_code)}**")
    yield "\n".join(out) + "\n"
