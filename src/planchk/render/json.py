"""JSON report with the stable keys of BRIEF §5."""

from __future__ import annotations

import json

from planchk.results import Evaluation, IndicatorResult, ItemResult

SCHEMA_VERSION = 1


def _indicator(r: IndicatorResult, lang: str) -> dict[str, object]:
    return {
        "id": r.id, "name": r.name.get(lang), "unit": r.unit, "attribute": r.attribute,
        "expected": r.expected, "expected_kind": r.expected_kind, "comparator": r.comparator,
        "actual": r.actual, "status": r.status, "level": r.level, "baseline": r.baseline,
        "progress": r.progress, "elapsed": r.elapsed, "line": r.line,
        "message": r.message.get(lang) if r.message else None,
    }


def _item(r: ItemResult, lang: str) -> dict[str, object]:
    out: dict[str, object] = {
        "id": r.id, "name": r.name.get(lang), "measure": r.measure, "unit": r.unit, "comparator": r.comparator,
        "due": r.due, "expected": r.expected, "actual": r.actual, "status": r.status, "level": r.level,
        "progress": r.progress, "hedge": r.hedge, "line": r.line,
        "message": r.message.get(lang) if r.message else None,
    }
    if r.entries:
        out["entries"] = [_item(e, lang) for e in r.entries]
    return out


def evaluation_dict(ev: Evaluation, lang: str, exit_code: int) -> dict[str, object]:
    s = ev.summary
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {"id": ev.plan_id, "version": ev.plan_version},
        "year": ev.year,
        "source": {"file": ev.file, "encoding": ev.encoding, "year_from": ev.year_source},
        "indicators": [_indicator(r, lang) for r in ev.indicators],
        "programmes": [{
            "id": p.id, "box": p.box, "title": p.title.get(lang), "title_inferred": p.title_inferred,
            "met": p.met, "total": p.total, "progress": p.progress, "status": p.status, "level": p.level,
            "items": [_item(i, lang) for i in p.items],
        } for p in ev.programmes],
        "consistency": [{"total": c.total_id, "parts": c.part_ids, "level": c.level,
                         "message": c.message.get(lang)} for c in ev.consistency],
        "notices": ev.notices,
        "summary": {"pass": s.pass_, "fail": s.fail, "missing": s.missing, "not_due": s.not_due,
                    "cannot_judge": s.cannot_judge, "errors": s.errors, "warnings": s.warnings},
        "exit_code": exit_code,
    }


def render_json(evaluations: list[Evaluation], lang: str, codes: list[int]) -> str:
    """One document: the file's report, or for several files one report per file plus the worst exit code."""
    if len(evaluations) == 1:
        return json.dumps(evaluation_dict(evaluations[0], lang, codes[0]), ensure_ascii=False, indent=2)
    return json.dumps({"schema_version": SCHEMA_VERSION,
                       "files": [evaluation_dict(ev, lang, c) for ev, c in zip(evaluations, codes)],
                       "exit_code": max(codes)}, ensure_ascii=False, indent=2)
