"""`plan coverage --format table`: the plan's text sentence by sentence, each with its mark (✓ quoted, ○ excluded,
✗ uncovered) and what accounts for it, paragraph by paragraph with the paragraph's counts."""

from __future__ import annotations

from planchk.cjk import wrap
from planchk.i18n import label
from planchk.plan.coverage import STATUSES, Coverage, Sentence
from planchk.render import View
from planchk.render.text import colon, semicolon

MARKS = {"quoted": "✓", "excluded": "○", "uncovered": "✗"}


def _why(s: Sentence, coverage: Coverage, lang: str) -> str:
    """What accounts for a sentence: the ids that quote it, the exclusions' reasons, the clauses left open."""
    parts = []
    if s.quoted_by:
        parts.append(", ".join(s.quoted_by))  # ids, written alike in both languages
    for k in s.exclusions:
        ex = coverage.excluded[k]
        parts.append(label(lang, f"coverage.reason.{ex.reason}") + (f" → {ex.target}" if ex.target else ""))
    open_clauses = [c.text.strip(" ，,、：:") for c in s.clauses if c.status == "uncovered"]
    if open_clauses and len(open_clauses) < len(s.clauses):
        parts.append(label(lang, "coverage.open_clauses") + colon(lang) + " / ".join(open_clauses))
    return semicolon(lang).join(parts)


def render(coverage: Coverage, view: View) -> str:
    """Each sentence wrapped to the width (a terminal's, else a pipe's), its later lines indented under its text."""
    lang = view.lang
    width = view.width or 200
    tag = "【{}】" if lang == "zh" else "[{}]"
    counts = {status: coverage.count(status) for status in STATUSES}
    out = [
        label(lang, "coverage.title", plan=coverage.plan, version=coverage.version),
        label(lang, "coverage.source", source=coverage.source),
        label(lang, "coverage.counts", sentences=len(coverage.sentences), **counts),
    ]
    for section in coverage.sections():
        out.append("")
        head = (
            f"{label(lang, 'coverage.paragraph', line=section.line, title=section.title)}  "
            f"{MARKS['quoted']} {section.quoted} · {MARKS['excluded']} {section.excluded} · "
            f"{MARKS['uncovered']} {section.uncovered}"
        )
        out.extend(line.rstrip() for line in wrap(head, width, "", "  "))
        for s in coverage.sentences:
            if s.line == section.line:
                why = _why(s, coverage, lang)
                text = s.text + (("" if lang == "zh" else " ") + tag.format(why) if why else "")
                out.extend(line.rstrip() for line in wrap(text, width, f"  {MARKS[s.status]} ", "    "))
    return "\n".join(out) + "\n"
