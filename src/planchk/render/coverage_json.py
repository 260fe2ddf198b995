"""`plan coverage --format json`: every sentence of the plan's text with its status, its clauses and what accounts
for each, the counts per paragraph and in all."""

from __future__ import annotations

import json

from planchk.i18n import label
from planchk.plan.coverage import Clause, Coverage, Sentence
from planchk.render import View


def _clause(c: Clause, coverage: Coverage, lang: str) -> dict[str, object]:
    ex = coverage.excluded[c.exclusions[0]] if c.exclusions else None
    return {
        "text": c.text,
        "status": c.status,
        "quoted_by": list(c.quoted_by) if c.status == "quoted" else [],
        "reason": ex.reason if ex else None,
        "reason_text": label(lang, f"coverage.reason.{ex.reason}") if ex else None,
        "note": ex.note if ex else None,
        "duplicate_of": ex.target if ex else None,
        "loose_numbers": list(c.loose),
    }


def _sentence(s: Sentence, coverage: Coverage, lang: str) -> dict[str, object]:
    return {
        "line": s.line,
        "text": s.text,
        "status": s.status,
        "quoted_by": list(dict.fromkeys(i for c in s.clauses if c.status == "quoted" for i in c.quoted_by)),
        "reasons": sorted({coverage.excluded[k].reason for k in s.exclusions}),
        "clauses": [_clause(c, coverage, lang) for c in s.clauses],
    }


def render(coverage: Coverage, view: View) -> str:
    document = {
        "plan": coverage.plan,
        "version": coverage.version,
        "source": coverage.source,
        "summary": {
            "sentences": len(coverage.sentences),
            "quoted": coverage.count("quoted"),
            "excluded": coverage.count("excluded"),
            "uncovered": coverage.count("uncovered"),
        },
        "sections": [
            {"line": x.line, "title": x.title, "quoted": x.quoted, "excluded": x.excluded, "uncovered": x.uncovered}
            for x in coverage.sections()
        ],
        "sentences": [_sentence(s, coverage, view.lang) for s in coverage.sentences],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
