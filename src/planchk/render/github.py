"""GitHub Actions workflow commands: annotations that land on the CSV line, inside ::group:: blocks.

GitHub shows at most 10 annotations of each level per step, so a plain summary is printed as well.
"""

from __future__ import annotations

from planchk.checks import Run
from planchk.labels import label
from planchk.results import Evaluation
from planchk.sanitize import one_line


def _data(text: str) -> str:
    return one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, file: str, line: int | None = None, col: int | None = None,
               title: str = "planchk") -> str:
    props = [f"file={_prop(file)}"]
    if line is not None:
        props.append(f"line={line}")
    if col is not None:
        props.append(f"col={col}")
    props.append(f"title={_prop(title)}")
    return f"::{level} {','.join(props)}::{_data(message)}"


def _evaluation_lines(ev: Evaluation, lang: str, code: int) -> list[str]:
    out = [f"::group::planchk {_data(ev.file)} ({ev.year}, plan {ev.plan_id} v{ev.plan_version})"]
    if ev.plan_changes:
        from planchk.render.table import revision_line

        out.append(annotation("notice", revision_line(ev, lang), ev.file, title="planchk plan revision"))
    judged = [(r.id, r.name.get(lang), r.status, r.level, r.line, r.message) for r in ev.indicators]
    for p in ev.programmes:
        for i in p.items:
            judged.append((i.id, i.name.get(lang), i.status, i.level, i.line, i.message))
            judged += [(e.id, e.name.get(lang), e.status, e.level, e.line, e.message) for e in i.entries]
    for id_, name, status, level, line, message in judged:
        if level == "ok":
            continue
        detail = message.get(lang) if message else label(lang, status)
        text = f"{id_} {name}: {label(lang, status)} — {detail}"
        # a missing row has no line: the annotation points at the file
        out.append(annotation(level, text, ev.file, line, ev.value_column if line else None,
                              title=f"planchk {label(lang, status)}"))
    for c in ev.consistency:
        out.append(annotation(c.level, c.message.get(lang), ev.file, title="planchk consistency"))
    out.append("::endgroup::")
    out.append(f"{_data(ev.file)}: " + label(lang, "summary", **ev.summary.counts()) +
               f" — {label(lang, 'exit', code=code)}")
    return out


def render_github(run: Run, lang: str) -> str:
    out: list[str] = []
    for ev, code in zip(run.evaluations, run.codes):
        out += _evaluation_lines(ev, lang, code)
    for check in run.checks:
        a = check.actuals
        out.append(f"::group::planchk validate {_data(a.file)}")
        for c in check.consistency:
            out.append(annotation("warning", c.message.get(lang), a.file, title="planchk consistency"))
        for n in a.notices:
            out.append(annotation("warning", str(n["message"]), a.file, n.get("line"), n.get("col")))  # type: ignore[arg-type]
        out.append("::endgroup::")
        out.append(f"{_data(a.file)}: {len(a.rows)} rows, year {a.year}, {a.encoding}")
    if run.problems:
        out.append("::group::planchk input errors")
        for p in run.problems:
            value = f" (value: {p.value})" if p.value is not None else ""
            out.append(annotation("error", p.message + value, p.file, p.line, p.col,
                                  title=f"planchk {p.column or 'input'}"))
        out.append("::endgroup::")
        out.append(f"planchk: {len(run.problems)} input problem(s)")
    out.append(f"planchk: {label(lang, 'exit', code=run.exit_code)}")
    return "\n".join(out) + "\n"
