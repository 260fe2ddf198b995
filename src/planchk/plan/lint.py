"""`planchk plan check`: lint a plan for the people who write it (schema, parts, directions, quotes, revisions,
coverage of the source text)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from planchk.cjk import wrap
from planchk.diagnostics import Diagnostic, Severity, diagnostic
from planchk.i18n import Bilingual, label
from planchk.messages import os_reason, say
from planchk.plan.coverage import Coverage, measure_coverage
from planchk.plan.load import load_plan
from planchk.plan.model import Plan
from planchk.plan.revisions import plan_in_force
from planchk.plan.source_text import squash
from planchk.plan.units import units_line
from planchk.sanitize import one_line

# Plan values are written with at most a few decimals; a sum may differ from its total by their rounding.
PLAN_ROUNDING = 1e-6


def finding(level: Severity, file: str, key: str, target: str, /, **params: object) -> Diagnostic:
    """A lint finding about one target (its id in `value`): the message `key` of the catalogue."""
    return diagnostic(file, key, level=level, line=None, column=None, value=target, sheet=None, **params)


@dataclass(frozen=True, slots=True)
class PlanCheck:
    """What `plan check` found: the plan, its findings, and how its text is accounted for (the summary's counts)."""

    plan: Plan
    findings: list[Diagnostic]
    coverage: Coverage


def check_plan(directory: Path | None = None) -> PlanCheck:
    """Lint a plan. A plan that cannot be loaded raises PlanError (not judged)."""
    plan = load_plan(directory)
    tfile, pfile = str(plan.directory / "targets.yaml"), str(plan.directory / "projects.yaml")
    found: list[Diagnostic] = []
    found += _parts(plan, tfile)
    found += _directions(plan, tfile)
    found += _sources(plan, tfile, pfile)
    found += _pending(plan, tfile, pfile)
    coverage = measure_coverage(plan, tfile)
    found += coverage.findings  # every commitment of the text quoted or excluded
    for rev in plan.revisions:
        if not plan.meta.period_start <= rev.effective_from <= plan.meta.period_end:
            found.append(
                finding(
                    "error",
                    tfile,
                    "plan-lint.revision_outside_period",
                    rev.version,
                    version=rev.version,
                    year=rev.effective_from,
                )
            )
        revised = plan_in_force(plan, plan.meta.period_end, rev.version)
        found += [
            finding(
                f.level,
                f.file,
                "plan-lint.after_revision",
                f.value or "",
                version=rev.version,
                finding=Bilingual(zh=f.message_zh or f.message, en=f.message),
            )
            for f in _directions(revised, tfile) + _parts(revised, tfile)
        ]
    ids = set(plan.all_ids())
    for conflict in plan.conflicts:
        for ref in conflict.concerns:
            if ref not in ids:
                found.append(
                    finding(
                        "warning", tfile, "plan-lint.conflict_unknown_id", conflict.id, conflict=conflict.id, id=ref
                    )
                )
    return PlanCheck(plan, found, coverage)


def _pending(plan: Plan, tfile: str, pfile: str) -> list[Diagnostic]:
    """A warning per drafted target nobody has reviewed yet (`review: pending`, see docs/plan-draft.md)."""
    out = []
    for target_id in plan.pending_review():
        ind = plan.indicator_by_id.get(target_id)
        line = ind.source_line if ind is not None else plan.item_by_id[target_id].source_line
        out.append(
            finding(
                "warning",
                tfile if ind is not None else pfile,
                "plan-lint.review_pending",
                target_id,
                source_line=line if line else "?",
            )
        )
    return out


def _parts(plan: Plan, file: str) -> list[Diagnostic]:
    out = []
    for total_id, part_ids in plan.parts_of.items():
        total = plan.indicator_by_id[total_id]
        parts = [plan.indicator_by_id[p] for p in part_ids]
        pairs = [(total.baseline.year, total.baseline.value, [p.baseline.value for p in parts])]
        for t in total.targets:
            values = [m.value for p in parts for m in p.targets if m.year == t.year]
            if len(values) == len(parts):  # every part names this year
                pairs.append((t.year, t.value, values))
        for year, value, part_values in pairs:
            if abs(sum(part_values) - value) > PLAN_ROUNDING + 0.005 * len(part_values):
                out.append(
                    finding(
                        "error",
                        file,
                        "plan-lint.parts_sum",
                        total_id,
                        year=year,
                        parts=" + ".join(f"{v:g}" for v in part_values),
                        parts_sum=f"{sum(part_values):g}",
                        total=total_id,
                        total_value=f"{value:g}",
                    )
                )
    return out


def _directions(plan: Plan, file: str) -> list[Diagnostic]:
    """Milestones must move the way their comparators point: up for ≥ / >, down for ≤."""
    out = []
    for ind in plan.indicators:
        values = [ind.baseline.value] + [t.value for t in ind.targets]
        for t, before, after in zip(ind.targets, values, values[1:], strict=False):
            if t.comparator in (">=", ">") and after < before - PLAN_ROUNDING:
                out.append(
                    finding(
                        "error",
                        file,
                        "plan-lint.falls_below",
                        ind.id,
                        year=t.year,
                        after=f"{after:g}",
                        before=f"{before:g}",
                        comparator=t.comparator,
                    )
                )
            if t.comparator == "<=" and after > before + PLAN_ROUNDING:
                out.append(
                    finding(
                        "error",
                        file,
                        "plan-lint.rises_above",
                        ind.id,
                        year=t.year,
                        after=f"{after:g}",
                        before=f"{before:g}",
                    )
                )
    return out


def _sources(plan: Plan, tfile: str, pfile: str) -> list[Diagnostic]:
    out = []
    text = None
    if plan.meta.source_text:
        path = plan.directory / plan.meta.source_text
        try:
            text = squash(path.read_text(encoding="utf-8"))
        except OSError as exc:
            out.append(
                finding(
                    "error", tfile, "plan-lint.cannot_read_source", "plan.source_text", path=path, reason=os_reason(exc)
                )
            )
    quotes = [(tfile, ind.id, ind.source.quote) for ind in plan.indicators]
    for prog in plan.programmes:
        for item in prog.items():
            quotes.append((pfile, item.id, item.quote))
            quotes += [(pfile, e.id, e.quote) for e in item.entries if e.quote]
    quotes += [(tfile, c.id, s.quote) for c in plan.conflicts for s in c.sources]
    for file, target, quote in quotes:
        if not quote.strip():
            out.append(finding("error", file, "plan-lint.no_quote", target))
        elif text is not None and squash(quote) not in text:
            out.append(
                finding(
                    "error", file, "plan-lint.quote_not_found", target, source=plan.meta.source_text, quote=quote[:40]
                )
            )
    if text is None and not plan.meta.source_text:
        out.append(finding("warning", tfile, "plan-lint.no_source_text", "plan.source_text"))
    return out


def lint_report(check: PlanCheck, lang: str = "en", width: int | None = None) -> str:
    """`plan check`'s output in `lang`: a line per finding (one line each, for tools that read them) and a
    summary wrapped to `width` (the terminal's, COLUMNS, else 80), its further lines indented (its exit code:
    cli/exits.py)."""
    plan, findings, coverage = check.plan, check.findings, check.coverage
    lines = [
        one_line(
            say(
                "cli.lint_line",
                file=f.location(),
                level=label(lang, f.level),
                target=f.value or "",
                message=f.text(lang),
            ).get(lang)
        )
        for f in findings
    ]
    errors = sum(1 for f in findings if f.level == "error")
    summary = say(
        "cli.lint_summary",
        plan=plan.meta.id,
        version=plan.meta.version,
        indicators=len(plan.indicators),
        items=len(plan.item_by_id),
        revisions=len(plan.revisions),
        errors=errors,
        warnings=len(findings) - errors,
    )
    pending = len(plan.pending_review())  # drafted targets nobody has reviewed (docs/plan-draft.md)
    text = (
        summary.get(lang)
        + (coverage.summary().get(lang) if coverage.checked else "")
        # the responsibility map, when the plan has one (optional, like projects.yaml): how many rows have no unit
        + (units_line(plan.units, len(plan.indicators) + len(plan.item_by_id)).get(lang) if plan.units else "")
        + (say("cli.lint_pending", pending=pending).get(lang) if pending else "")
    )
    lines += wrap(text, width or shutil.get_terminal_size((80, 24)).columns, "", "  ")
    return "\n".join(lines) + "\n"

