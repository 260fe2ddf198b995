"""`plan coverage --format html`: the plan's text as its owners know it, paragraph by paragraph, each clause
highlighted the way a code-coverage report marks source lines: green quoted (the ids that quote it beside it,
linked to the list of ids at the end), grey excluded (the reason beside it, the note on hover), red uncovered.
One self-contained page: no script, no outside resource."""

from __future__ import annotations

from html import escape

from planchk.i18n import label
from planchk.plan.coverage import STATUSES, Clause, Coverage, Sentence
from planchk.render import View

STYLE = """
body { font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
       line-height: 1.9; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 2em; }
.counts { font-family: sans-serif; }
table { border-collapse: collapse; font-family: sans-serif; font-size: .9em; }
td, th { border: 1px solid #ccc; padding: .1em .5em; text-align: right; } td.t { text-align: left; }
.para { display: grid; grid-template-columns: 4.5em 1fr; gap: .5em; margin: .8em 0; }
.gutter { font-family: sans-serif; font-size: .75em; color: #777; text-align: right; }
.gutter a { color: #777; }
.quoted { background: #d9f2d9; } .excluded { background: #eee; color: #555; } .uncovered { background: #f9c9c9; }
.tag { font-family: sans-serif; font-size: .7em; vertical-align: super; margin: 0 .2em; }
.tag a { color: #2a6e2a; } .uncovered-row td { background: #f9c9c9; }
.legend span { padding: 0 .4em; }
@media print { .para { break-inside: avoid; } }
"""


def _clause(c: Clause, coverage: Coverage, lang: str) -> str:
    text = escape(c.text)
    if c.status == "quoted":
        links = ", ".join(f'<a href="#id-{escape(i)}">{escape(i)}</a>' for i in c.quoted_by)
        return f'<span class="quoted">{text}</span><span class="tag">{links}</span>'
    if c.status == "excluded" and c.exclusions:
        ex = coverage.excluded[c.exclusions[0]]
        reason = label(lang, f"coverage.reason.{ex.reason}") + (f" → {ex.target}" if ex.target else "")
        return (
            f'<span class="excluded" title="{escape(ex.note)}">{text}</span>'
            f'<span class="tag" title="{escape(ex.note)}">{escape(reason)}</span>'
        )
    return f'<span class="uncovered" title="{escape(label(lang, "coverage.uncovered"))}">{text}</span>'


def _sentence(s: Sentence, coverage: Coverage, lang: str) -> str:
    return "".join(_clause(c, coverage, lang) for c in s.clauses) + escape(s.mark)


def render(coverage: Coverage, view: View) -> str:
    lang = view.lang
    counts = {status: coverage.count(status) for status in STATUSES}
    title = label(lang, "coverage.title", plan=coverage.plan, version=coverage.version)
    head = [label(lang, "coverage.line"), "", *(label(lang, f"coverage.{k}") for k in counts)]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="counts">{escape(label(lang, "coverage.source", source=coverage.source))}<br>'
        f"{escape(label(lang, 'coverage.counts', sentences=len(coverage.sentences), **counts))}</p>",
        f'<p class="legend counts"><span class="quoted">{escape(label(lang, "coverage.quoted"))}</span>'
        f'<span class="excluded">{escape(label(lang, "coverage.excluded"))}</span>'
        f'<span class="uncovered">{escape(label(lang, "coverage.uncovered"))}</span> '
        f"{escape(label(lang, 'coverage.legend'))}</p>",
        f"<h2>{escape(label(lang, 'coverage.by_paragraph'))}</h2>",
        "<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>",
    ]
    sections = coverage.sections()
    for x in sections:
        row = ' class="uncovered-row"' if x.uncovered else ""
        out.append(
            f'<tr{row}><td><a href="#L{x.line}">{x.line}</a></td><td class="t">{escape(x.title)}</td>'
            f"<td>{x.quoted}</td><td>{x.excluded}</td><td>{x.uncovered}</td></tr>"
        )
    out.append("</table>")
    out.append(f"<h2>{escape(label(lang, 'coverage.source', source=''))}</h2>")
    for x in sections:
        body = "".join(_sentence(s, coverage, lang) for s in coverage.sentences if s.line == x.line)
        out.append(
            f'<div class="para" id="L{x.line}"><div class="gutter"><a href="#L{x.line}">{x.line}</a><br>'
            f"✓{x.quoted} ○{x.excluded} ✗{x.uncovered}</div><div>{body}</div></div>"
        )
    quoting: dict[str, list[int]] = {}
    for s in coverage.sentences:
        for c in s.clauses:
            for i in c.quoted_by if c.status == "quoted" else ():
                lines = quoting.setdefault(i, [])
                if s.line not in lines:
                    lines.append(s.line)
    out.append(f"<h2>{escape(label(lang, 'coverage.quoted_by'))}</h2><ul>")
    for i in sorted(quoting):
        links = ", ".join(f'<a href="#L{n}">{n}</a>' for n in quoting[i])
        out.append(f'<li id="id-{escape(i)}"><code>{escape(i)}</code>: {links}</li>')
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"
