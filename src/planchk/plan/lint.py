"""`planchk plan check`: lint a plan for the people who write it (schema, parts, directions, quotes and the numbers
they give, revisions, coverage of the source text)."""

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
from planchk.plan.schema import Indicator, Item
from planchk.plan.source_text import gives_in_digits, has_digits, is_relative, numbers_in, squash
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
    values: QuoteValues


def check_plan(directory: Path | None = None) -> PlanCheck:
    """Lint a plan. A plan that cannot be loaded raises PlanError (not judged)."""
    plan = load_plan(directory)
    tfile, pfile = str(plan.directory / "targets.yaml"), str(plan.directory / "projects.yaml")
    found: list[Diagnostic] = []
    found += _parts(plan, tfile)
    found += _directions(plan, tfile)
    found += _unreachable(plan, tfile, pfile)
    found += _sources(plan, tfile, pfile)
    values = quote_values(plan, tfile, pfile)
    found += values.findings
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
    return PlanCheck(plan, found, coverage, values)


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


def _unreachable(plan: Plan, tfile: str, pfile: str) -> list[Diagnostic]:
    """A % target above 100 on a row the reader holds to 100 could never be reported (a gross enrolment rate of
    101 % in a drafted plan): the row must say may_exceed_100, or the number is wrong."""
    rows: list[tuple[str, str, str | None, list[float]]] = [
        (tfile, ind.id, ind.unit, [ind.baseline.value, *(t.value for t in ind.targets)])
        for ind in plan.indicators
        if not ind.may_exceed_100
    ]
    rows += [
        (pfile, item.id, item.unit, [v for v in (item.target, item.min, item.max) if v is not None])
        for item in plan.item_by_id.values()
        if not item.may_exceed_100
    ]
    return [
        finding("error", file, "plan-lint.above_100", id_, number=f"{max(values):g}")
        for file, id_, unit, values in rows
        if unit == "%" and values and max(values) > 100
    ]


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


@dataclass(frozen=True, slots=True)
class QuoteValues:
    """The numbers targets state held against the numbers their quotes give: what did not match, and how many
    numbers were held (`checked`) or could not be, their quote not writing them in digits (`unchecked`)."""

    findings: list[Diagnostic]
    checked: int
    unchecked: int


def _in_quote(value: float, numbers: list[float]) -> bool:
    return any(abs(value - n) <= PLAN_ROUNDING * max(1.0, abs(n)) for n in numbers)


def quote_values(plan: Plan, tfile: str, pfile: str) -> QuoteValues:
    """Every number a target states must be one its quote gives (1.97 == 1.970, full-width digits and ％ alike):
    an indicator's baseline and milestones (value and `as_written`), an item's target or range. A number is held
    only where the quote writes numbers in digits (an item's: in the item's unit); one read from words (全覆盖 →
    100 %, 一批 → 1, 每一位 → 100 %, 一次 → 1) is counted as not checked, and so is one that is not in a quote that
    states numbers relative to others (翻一番, 提高5个百分点: worked out from a base, so no error)."""
    out: list[Diagnostic] = []
    checked = unchecked = 0

    def missing(file: str, target: str, what: Bilingual, shown: str, quote: str) -> None:
        short = quote if len(quote) <= 60 else quote[:59] + "…"
        out.append(
            finding("error", file, "plan-lint.value_not_in_quote", target, what=what, number=shown, quote=short)
        )

    for ind in plan.indicators:
        quote = ind.source.quote
        if not has_digits(quote):
            unchecked += 1 + len(ind.targets)
            continue
        numbers = numbers_in(quote)
        checked += 1
        if not _in_quote(ind.baseline.value, numbers):
            what = say("term.quote_baseline", year=ind.baseline.year)
            missing(tfile, ind.id, what, f"{ind.baseline.value:g}", quote)
        out += _column_by_column(ind, tfile)
        for t in ind.targets:
            if not has_digits(t.as_written):  # a cell in words (全覆盖): its value is a reading, not a number
                unchecked += 1
                continue
            if not _in_quote(t.value, numbers) and is_relative(t.as_written):  # 提高5个百分点: from a base
                unchecked += 1
                continue
            checked += 1
            if not _in_quote(t.value, numbers):
                missing(tfile, ind.id, say("term.quote_milestone", year=t.year), f"{t.value:g}", quote)
            elif not all(_in_quote(n, numbers) for n in numbers_in(t.as_written)):
                missing(tfile, ind.id, say("term.quote_as_written", year=t.year), t.as_written, quote)
    for item in plan.item_by_id.values():
        stated = _stated(item)
        if stated and not gives_in_digits(item.quote, item.unit):
            unchecked += len(stated)
            continue
        numbers = numbers_in(item.quote)
        for what, value in stated:
            if _in_quote(value, numbers):
                checked += 1
            elif is_relative(item.quote):  # 翻一番, 新增3所: a number worked out from a base
                unchecked += 1
            else:
                checked += 1
                missing(pfile, item.id, what, f"{value:g}", item.quote)
    return QuoteValues(out, checked, unchecked)


def _column_by_column(ind: Indicator, tfile: str) -> list[Diagnostic]:
    """A table row's quote (名称 | 基期 | 2022 | 2025 | 属性) gives one number a cell, in the order of the baseline and
    the milestones by year: each must be in its own column, not only somewhere in the row (a 2022 value of 1.97,
    the row's 2025 cell, is an error), and each milestone's value must be the number its `as_written` writes. A
    quote whose cells give another count of numbers (a cell in words, two numbers in a cell, a sentence) is held by
    `quote_values` alone."""
    out: list[Diagnostic] = []
    cells = [numbers_in(cell.strip()) for cell in ind.source.quote.split("|")][1:]
    # one number a cell: a cell of two (17/13, 小学/初中 in one row) is no column of one indicator's
    columns = [found[0] for found in cells if len(found) == 1] if all(len(f) <= 1 for f in cells) else []
    stated = [(say("term.quote_baseline", year=ind.baseline.year), ind.baseline.value)]
    stated += [(say("term.quote_milestone", year=t.year), t.value) for t in ind.targets]
    if len(columns) == len(stated):
        for (what, value), column in zip(stated, columns, strict=True):
            if not _in_quote(value, [column]):
                out.append(
                    finding(
                        "error", tfile, "plan-lint.value_in_another_column", ind.id, what=what, number=f"{value:g}",
                        cell=f"{column:g}", quote=ind.source.quote,
                    )
                )
    for t in ind.targets:
        written = numbers_in(t.as_written)
        if written and not is_relative(t.as_written) and not _in_quote(t.value, written):
            what = say("term.quote_milestone", year=t.year)
            out.append(
                finding(
                    "error", tfile, "plan-lint.value_not_as_written", ind.id, what=what, number=f"{t.value:g}",
                    written=t.as_written,
                )
            )
    return out


def _stated(item: Item) -> list[tuple[Bilingual, float]]:
    """The numbers an item states: its target, or its range's bounds."""
    fields = [
        (item.target, "term.quote_target"),
        (item.min, "term.quote_min"),
        (item.max, "term.quote_max"),
    ]
    return [(say(key), value) for value, key in fields if value is not None]


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
    values = check.values
    text = (
        summary.get(lang)
        + say("cli.lint_quote_values", checked=values.checked, unchecked=values.unchecked).get(lang)
        + (coverage.summary().get(lang) if coverage.checked else "")
        # the responsibility map, when the plan has one (optional, like projects.yaml): how many rows have no unit
        + (units_line(plan.units, len(plan.indicators) + len(plan.item_by_id)).get(lang) if plan.units else "")
        + (say("cli.lint_pending", pending=pending).get(lang) if pending else "")
    )
    lines += wrap(text, width or shutil.get_terminal_size((80, 24)).columns, "", "  ")
    return "\n".join(lines) + "\n"

