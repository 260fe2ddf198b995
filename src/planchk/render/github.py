"""GitHub Actions workflow commands: annotations that land on the CSV line, inside ::group:: blocks.

GitHub shows at most 10 annotations of each level per step, so a plain summary is printed as well.
"""

from __future__ import annotations

from collections.abc import Iterator

from planchk.i18n import label
from planchk.render import View
from planchk.render.text import STATUS_MARK, bracketed, colon, comma, how_read, revision_line, rows_count
from planchk.results import Evaluation, Level, RowSource, RunStream, Status, Validation, Verdict
from planchk.sanitize import one_line


def _data(text: str) -> str:
    return one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: str, message: str, file: str, line: int | None = None, col: int | None = None, title: str = "planchk"
) -> str:
    props = [f"file={_prop(file)}"]
    if line is not None:
        props.append(f"line={line}")
    if col is not None:
        props.append(f"col={col}")
    props.append(f"title={_prop(title)}")
    return f"::{level} {','.join(props)}::{_data(message)}"


def _evaluation_lines(ev: Evaluation, lang: str) -> list[str]:
    file = ev.source.file
    group = label(lang, "github.group", file=file, year=ev.year, plan=ev.plan.id, version=ev.plan.version)
    out = [f"::group::planchk {_data(group)}"]
    if ev.plan.changes:
        out.append(annotation("notice", revision_line(ev.plan, lang), file, title="planchk plan revision"))
    judged: list[tuple[str, str, Status, Level, int | None, Verdict | None, RowSource | None]] = [
        (r.id, r.name.get(lang) + attributed, r.status, r.level, r.line, r.message, r.source)
        for r in ev.indicators
        for attributed in [bracketed(lang, label(lang, r.attribute))]
    ]
    for p in ev.programmes:
        for i in p.items:
            judged.append((i.id, i.name.get(lang), i.status, i.level, i.line, i.message, i.source))
            judged += [(e.id, e.name.get(lang), e.status, e.level, e.line, e.message, e.source) for e in i.entries]
    for id_, name, status, level, line, message, source in judged:
        if level == "ok":
            continue
        word = f"{STATUS_MARK[status]} {label(lang, status)}"
        detail = f" — {message.get(lang)}" if message else ""  # without a verdict, the status word says it all
        # a missing row has no line: the annotation points at the file; a row of a workbook at its file, the
        # sheet and row in the message; under --combine at the file the row came from
        where = f"{source.sheet}!{line}:{line} " if source is not None and source.sheet and line else ""
        out.append(
            annotation(
                level,
                f"{where}{id_} {name}{colon(lang)}{word}{detail}",
                source.file if source is not None else file,
                None if where else line,
                ev.value_column if line and not where else None,
                title=f"planchk {word}",
            )
        )
    for c in ev.consistency:
        out.append(annotation("warning", c.text(lang), file, title="planchk consistency"))
    out.append("::endgroup::")
    out.append(
        f"{_data(file)}{colon(lang)}"
        + label(lang, "summary", **ev.summary.counts())
        + f" — {label(lang, 'exit', code=ev.exit_code)}"
    )
    return out


def stream(run: RunStream, view: View) -> Iterator[str]:
    """Each file's group as soon as it is judged; the input problems and the exit code at the end."""
    lang = view.lang
    for ev in run.files():
        yield "\n".join(_evaluation_lines(ev, lang)) + "\n"
    for v in run.validated():
        yield "\n".join(_validation_lines(v, lang)) + "\n"
    out: list[str] = []
    if run.errors:
        out.append(f"::group::planchk {label(lang, 'github.input_errors')}")
        for p in run.errors:
            value = label(lang, "value_shown", value=p.value) if p.value is not None else ""
            out.append(
                annotation(
                    "error",
                    (f"{p.cell()}{colon(lang)}" if p.sheet else "") + p.text(lang) + value,
                    p.file,
                    None if p.sheet else p.line,
                    None if p.sheet else p.column_number,
                    title=f"planchk {p.column or 'input'}",
                )
            )
        out.append("::endgroup::")
        out.append(label(lang, "input_problems", n=len(run.errors)))
    out.append(f"planchk{colon(lang)}{label(lang, 'exit', code=run.exit_code)}")
    yield "\n".join(out) + "\n"


def _validation_lines(v: Validation, lang: str) -> list[str]:
    file = v.source.file
    out = [f"::group::planchk validate {_data(file)}"]
    for c in v.consistency:
        out.append(annotation("warning", c.text(lang), file, title="planchk consistency"))
    for n in v.notices:
        # a workbook has no lines for GitHub to show: the sheet and cell go into the message
        text = f"{n.cell()}{colon(lang)}{n.text(lang)}" if n.sheet else n.text(lang)
        out.append(annotation("warning", text, file, *((None, None) if n.sheet else (n.line, n.column_number))))
    out.append("::endgroup::")
    read = how_read(v.source, lang)
    year = f"{label(lang, 'year')} {v.year}"
    out.append(f"{_data(file)}{colon(lang)}{rows_count(lang, v.rows)}{comma(lang)}{year}{comma(lang)}{read}")
    return out
