"""The draft as data: targets.yaml and projects.yaml built from what the rules read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from planchk.diagnostics import UsageError, problem
from planchk.messages import say
from planchk.plan.draft.boxes import DraftBox, box_spans, read_boxes
from planchk.plan.draft.headings import heading_exclusions
from planchk.plan.draft.ids import Ids, slug
from planchk.plan.draft.items import DraftItem
from planchk.plan.draft.meta import find_date, find_issuer, find_period, find_title, period_from_due_years
from planchk.plan.draft.notes import Note
from planchk.plan.draft.table import ATTRIBUTES, CellValue, Row, Table, find_table, kind_of, read_table
from planchk.plan.draft.text_rules import text_items
from planchk.plan.source_text import read_lines

Doc = dict[str, Any]  # a YAML document as plain data


@dataclass
class Draft:
    """The two files as data, and what the drafter could not do (printed by the CLI)."""

    targets: Doc
    projects: Doc
    notes: list[Note]
    indicators: int
    items: int
    # Rows with targets but no base value (a new indicator: — in the base column): whole indicators but for the
    # baseline the schema requires, written into targets.yaml as comments for the reviewer to complete.
    unbased: list[Doc] = field(default_factory=list)


def draft_plan(text: str, source_name: str, plan_id: str | None = None) -> Draft:
    """Draft targets.yaml and projects.yaml (as data) from the text of a plan."""
    lines = read_lines(text)
    notes: list[Note] = []
    title = find_title(lines)
    table_at = find_table(lines)
    table = read_table(lines, table_at) if table_at is not None else None
    if table is None:
        notes.append(Note(say("cli.draft_no_table")))
    else:
        notes += [Note(say("cli.draft_table_note", note=n.text)) for n in table.notes]
    period = find_period(title, lines, table.known_years if table else [])
    if period is None:
        period = period_from_due_years(lines)
        if period is None:
            raise UsageError([problem(source_name, "usage.draft_no_period")])
        notes.append(Note(say("cli.draft_period_from_due", start=period[0], end=period[1])))
    start, end = period
    baseline_year = start - 1
    ids = Ids()
    unbased: list[Doc] = []
    indicators, categories = _indicators(table, (baseline_year, end), ids, notes, unbased) if table else ([], [])
    table_lines: set[int] = set()
    if table is not None:
        table_lines = set(range(table.title_line, table.end_line + 1))
    boxes = read_boxes(lines, table.title_line if table else None, end)
    box_lines = {ln.number for b in box_spans(lines, table.title_line if table else None) for ln in b[3]}
    body = text_items(lines, table_lines | box_lines, start, end)
    programmes = [_programme(b, ids, baseline_year) for b in boxes if any(s.items for s in b.subplans)]
    if body:
        programmes.append(_text_programme(body, ids, baseline_year))
    written = find_date(lines, "成文日期") or dt.date(start, 1, 1)
    published = find_date(lines, "发布日期") or written
    pid = plan_id or f"draft-{start}-{end}"
    meta: Doc = {
        "id": pid,
        "version": "0.1.0",
        "version_date": published,
        "title": {"zh": title, "en": f"(draft) {title}"},
        "issuer": {"zh": find_issuer(lines) or "(待填写)", "en": "(to fill in)"},
        "written": written,
        "published": published,
        "period_start": start,
        "period_end": end,
        "baseline_year": baseline_year,
        "source_text": f"source/{source_name}",
    }
    targets: Doc = {"schema_version": 1, "plan": meta, "categories": categories, "indicators": indicators}
    quoted: dict[int, list[str]] = {}
    for item in body + [it for b in boxes for s in b.subplans for it in s.items]:
        quoted.setdefault(item.line, []).append(item.quote)
    excluded = heading_exclusions(lines, title, table, table_lines, quoted)
    if excluded:
        targets["excluded"] = excluded
    projects: Doc = {
        "schema_version": 1,
        "plan_id": pid,
        "version": "0.1.0",
        "rules": {"approx_tolerance": 0.1, "not_started_lagging_after": 0.4},
        "programmes": programmes,
    }
    n_items = sum(len(s["items"]) for p in programmes for s in p["subplans"])
    return Draft(targets, projects, notes, len(indicators), n_items, unbased)


def _indicators(
    table: Table, period: tuple[int, int], ids: Ids, notes: list[Note], unbased: list[Doc]
) -> tuple[list[Doc], list[Doc]]:
    """The table's rows as indicators, and their categories; a row without a target is noted, a row with targets
    but no baseline (a new indicator) drafted into `unbased` and noted.

    `period` is (baseline year, last year): a 基期值 column is the baseline year's, a 目标值 column the last year's."""
    baseline_year = period[0]
    years = table.resolved_years(*period)
    categories: list[Doc] = []
    cat_ids: dict[str, str] = {}
    out: list[Doc] = []
    row_ids: list[str | None] = []
    for n, row in enumerate(table.rows, 1):
        cat_name = row.category or "指标"
        if cat_name not in cat_ids:
            cat_ids[cat_name] = ids.take(slug(cat_name, f"category{len(cat_ids) + 1}", 1))
            categories.append({"id": cat_ids[cat_name], "name": {"zh": cat_name, "en": cat_name}})
        cat = cat_ids[cat_name]
        base, milestones = _baseline_and_milestones(row, years, baseline_year)
        if not milestones:
            notes.append(Note(say("cli.draft_row_left_out", line=row.line, row=row.name)))
            row_ids.append(None)
            continue
        milestones, falling = _falling_bare(row, base, milestones)
        iid = ids.take(f"{cat}.{slug(row.name, f'row{n}', drop=cat)}")
        row_ids.append(None if base is None else iid)
        total = table.rows[row.part_of] if row.part_of is not None else None
        ind = _indicator_doc(row, iid, cat, (baseline_year, base), milestones)
        if row.part_of is not None and row_ids[row.part_of] is not None:
            ind["part_of"] = row_ids[row.part_of]
        hedge = next((v.hedge for _, v in milestones if v.hedge), None)
        if hedge:
            ind["hedge"] = hedge
        ind["source"] = {"box": table.box, "quote": row.quote}
        note = "; ".join(n for n in (falling, _row_note(row, total.name if total is not None else "")) if n)
        if note:
            ind["note"] = note
        ind["review"] = "pending"
        ind["source_line"] = row.line
        if base is None:
            notes.append(Note(say("cli.draft_row_no_baseline", line=row.line, row=row.name, year=baseline_year)))
            unbased.append(ind)
            continue
        out.append(ind)
    return out, categories


def _baseline_and_milestones(
    row: Row, years: list[int], baseline_year: int
) -> tuple[CellValue | None, list[tuple[int, CellValue]]]:
    """A row's baseline (the baseline year's value, else an earlier first column's) and its later values."""
    pairs = [(y, v) for y, v in zip(years, row.values, strict=False)]
    base = next((v for y, v in pairs if y == baseline_year and v is not None), None)
    if base is None and pairs and pairs[0][1] is not None and pairs[0][0] < baseline_year + 1:
        base = pairs[0][1]
    return base, [(y, v) for y, v in pairs if y > baseline_year and v is not None]


def _falling_bare(
    row: Row, base: CellValue | None, milestones: list[tuple[int, CellValue]]
) -> tuple[list[tuple[int, CellValue]], str]:
    """A row whose numbers alone (no ≥, 以上 …) fall from the baseline is not "at least": a 15th plan's pupils
    fall with the births (在校学生数 4.12 → 4.05 → 3.9), a share is brought down (近视率). Its bare values are read
    as ≤ for a share (%) and as ≈ (左右, a projected level) otherwise, with a note; else they stay ≥."""
    before = [base.value if base is not None else None] + [v.value for _, v in milestones[:-1]]
    if not any(v.bare and b is not None and v.value < b for b, (_, v) in zip(before, milestones, strict=True)):
        return milestones, ""
    comparator = "<=" if row.unit == "%" else "approx"
    read = [(y, replace(v, comparator=comparator) if v.bare else v) for y, v in milestones]
    shown = {"<=": "≤ (a share brought down)", "approx": "≈ (左右: a projected level)"}[comparator]
    return read, f"values written without a comparator fall from the baseline: read as {shown}; check"


def _indicator_doc(
    row: Row, iid: str, cat: str, baseline: tuple[int, CellValue | None], milestones: list[tuple[int, CellValue]]
) -> Doc:
    """An indicator's fields up to its targets, in the models' order; a missing baseline value is None (null)."""
    unit = row.unit or ""
    stated = [v.value for _, v in milestones] + ([baseline[1].value] if baseline[1] is not None else [])
    # a gross enrolment rate (毛入学率, 毛入园率), or a % the table itself puts above 100, can pass 100
    exceeds = unit == "%" and ("毛入" in row.name or any(v > 100 for v in stated))
    return {
        "id": iid,
        "name": {"zh": row.name, "en": row.name},
        "category": cat,
        "unit": unit,
        "kind": kind_of(unit),
        **({"may_exceed_100": True} if exceeds else {}),
        "attribute": ATTRIBUTES.get(row.attribute or "", "indicative"),
        "baseline": {"year": baseline[0], "value": None if baseline[1] is None else _num(baseline[1].value)},
        "targets": [
            {"year": y, "value": _num(v.value), "comparator": v.comparator, "as_written": v.as_written}
            for y, v in milestones
        ],
    }


def _row_note(row: Row, total_name: str) -> str:
    """What the reviewer should check in a row: an attribute or a unit the drafter inferred."""
    why = []
    if row.attribute is None:
        why.append("no 属性 cell: read as indicative (预期性)")
    if row.unit_from in ("rate name", "total", "cell", "none"):
        why.append(
            {
                "rate name": "unit % inferred from the name (率/占比)",
                "total": f"unit from the total '{total_name}'",
                "cell": "unit from the cells",
                "none": "no unit found",
            }[row.unit_from]
        )
    return "; ".join(why)


def _num(value: float) -> float | int:
    """Whole numbers as ints, so the YAML reads 100, not 100.0."""
    return int(value) if float(value).is_integer() else value


def _item_doc(item: DraftItem, iid: str, ids: Ids, baseline_year: int) -> Doc:
    doc: Doc = {
        "id": iid,
        "name": {"zh": item.name[:40], "en": item.name[:40]},
        "quote": item.quote,
        "gloss": _gloss(item),
        "measure": item.measure,
        "comparator": item.comparator,
    }
    if item.unit:
        doc["unit"] = item.unit
    if item.target is not None:
        doc["target"] = _num(item.target)
    if item.min is not None:
        doc["min"], doc["max"] = _num(item.min), _num(item.max or item.min)
    if item.baseline is not None:
        doc["baseline"] = _num(item.baseline)
    elif item.clock == "cumulative" or item.measure == "raise":
        # Plans state the baseline year's stock of every path: a rate's is unknown unless the text says 由X%提高到;
        # a count's is assumed 0 and flagged for the reviewer (做强做精2所 may count one that exists).
        doc["baseline"] = None if item.measure == "rate" else 0
        if item.measure != "rate":
            item.note = (
                (item.note + " ") if item.note else ""
            ) + f"{baseline_year} stock assumed 0: check the review of the last period."
    if item.per != "year":
        doc["per"] = item.per
    doc["due"] = item.due
    if item.hedge:
        doc["hedge"] = item.hedge
    if item.vague:
        doc["vague"] = {"word": item.vague[0], "rule": item.vague[1]}
    if item.entries:
        doc["entries"] = [
            {"id": ids.take(f"{iid}.e{k}"), "name": {"zh": e, "en": e}, "quote": e}
            for k, e in enumerate(item.entries, 1)
        ]
    if item.note:
        doc["note"] = item.note
    doc["clock"] = item.clock
    doc["review"] = "pending"
    doc["source_line"] = item.line
    return doc


def _gloss(item: DraftItem) -> str:
    """A reviewer's one-line reading of the draft (English; the reviewer replaces it with a paraphrase)."""
    what = {
        "range": f"{_num(item.min or 0)}–{_num(item.max or 0)} {item.unit or ''}",
        "named_list": f"{len(item.entries)} named projects done",
        "completion": "done",
        "non_decreasing": "no fall from year to year",
        "vague_amount": f"{item.unit or ''} reported and shown ({item.vague[0] if item.vague else ''}: no number)",
    }.get(item.measure, f"{item.comparator} {_num(item.target or 0)} {item.unit or ''}")
    return f"DRAFT ({item.rule}): {item.measure} {what.strip()} by {item.due}."


def _programme(box: DraftBox, ids: Ids, baseline_year: int) -> Doc:
    pid = ids.take(f"box{box.number}")
    subs = []
    for k, sub in enumerate(box.subplans, 1):
        sid = ids.take(f"{pid}.{sub.number if sub.number is not None else k}")
        items = [
            _item_doc(it, ids.take(f"{sid}.{slug(it.name, f'item{j}')}"), ids, baseline_year)
            for j, it in enumerate(sub.items, 1)
        ]
        subs.append({"id": sid, "number": sub.number, "title": {"zh": sub.title, "en": sub.title}, "items": items})
    return {
        "id": pid,
        "box": f"专栏{box.number}",
        "title": {"zh": box.title, "en": box.title},
        "title_inferred": box.title_inferred,
        "subplans": subs,
    }


def _text_programme(items: list[DraftItem], ids: Ids, baseline_year: int) -> Doc:
    """The running text's commitments as programme `text` (box 正文), one sub-plan per source line."""
    pid = ids.take("text")
    by_line: dict[int, list[DraftItem]] = {}
    for it in items:
        by_line.setdefault(it.line, []).append(it)
    subs = []
    for line, its in by_line.items():
        sid = ids.take(f"{pid}.l{line}")
        subs.append(
            {
                "id": sid,
                "number": None,
                "title": {"zh": f"正文第{line}行", "en": f"Running text, line {line}"},
                "items": [
                    _item_doc(it, ids.take(f"{sid}.{slug(it.name, f'item{j}')}"), ids, baseline_year)
                    for j, it in enumerate(its, 1)
                ],
            }
        )
    title = {"zh": "正文中的可核查目标", "en": "Checkable targets in the running text"}
    return {"id": pid, "box": "正文", "title": title, "title_inferred": True, "subplans": subs}
