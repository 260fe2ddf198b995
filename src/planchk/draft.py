"""`planchk plan draft`: turn the plain text of a Chinese education plan into a draft plan directory.

Everything here is a rule over the text (regular expressions and small tables); no network, no model.
The draft is for a person to review: every target carries its quote, its source line and
`review: pending`, and `planchk plan check` lists what is still pending.

Layout of this module, top to bottom (each rule is a small function or table with an example):

1. reading the text: lines, sentences, clauses;
2. numbers in a phrase (`10个左右`, `3-5所`, `80%以上`, `数十名`) and the words around them;
3. the plan's metadata (title, period, issuer, dates);
4. the indicator table (主要指标 / 专栏1 / 表1), whatever its shape;
5. box items (专栏2…专栏N);
6. running-text commitments (到2025年…达到…%, 每年, 全覆盖, 逐年只增不减 …);
7. ids, and writing the two YAML files; `review` marks a draft's targets as reviewed.

To extend: add a row to a table (CLASSIFIERS, GLOSSARY, CLOCK_WORDS …) or a function to TEXT_RULES.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planchk.diagnostics import UsageError, problem
from planchk.messages import os_reason, say
from planchk.plan.schema import Clock

# 1–2. reading the text (lines, sentences, clauses) and numbers in a phrase: shared with `plan check`.
from planchk.plan.source_text import (
    ELIMINATE,
    EVERY_ONE,
    SENTENCE_END,
    SUFFIX_COMPARATORS,
    VAGUE,
    Line,
    Quantity,
    clauses,
    clock_of,
    due_year,
    find_quantities,
    hedge_of,
    read_lines,
)
from planchk.plan.source_text import MEASURE_WORDS as _CLS
from planchk.plan.source_text import NUMBER as _NUM
from planchk.plan.source_text import squash as squash  # re-exported: the quotes' comparison, as before

Doc = dict[str, Any]  # a YAML document as plain data


# ── 3. metadata ─────────────────────────────────────────────────────────────────────────────────

FIVE_YEAR = {
    "十一五": 2006,
    "十二五": 2011,
    "十三五": 2016,
    "十四五": 2021,
    "十五五": 2026,
    "第十一个五年": 2006,
    "第十二个五年": 2011,
    "第十三个五年": 2016,
    "第十四个五年": 2021,
    "第十五个五年": 2026,
}


def find_title(lines: list[Line]) -> str:
    """The first short line that names a plan (规划), spaces dropped: "重庆市…发展 “ 十四五 ” 规划" → …“十四五”规划."""
    for line in lines:
        t = re.sub(r"\s+", "", line.text).strip("|")
        if "规划" in t and len(t) <= 60 and not t.startswith("["):
            return t
    return "(untitled plan)"


def find_period(title: str, lines: list[Line], table_years: list[int]) -> tuple[int, int] | None:
    """The plan period: from "(2016—2020年)" in the title, else 十四五 → 2021–2025, else the table's years."""
    m = re.search(r"(20\d\d)\s*[—–\-~至到]\s*(20\d\d)", title)
    if m:
        return int(m[1]), int(m[2])
    # the title first; then the word the opening pages use most (a plan for 十四五 reviews 十三五 too)
    head = "".join(line.text for line in lines[:40])
    named = [w for w in FIVE_YEAR if w in title] or sorted(
        (w for w in FIVE_YEAR if w in head), key=lambda w: -head.count(w)
    )
    if named:
        return FIVE_YEAR[named[0]], FIVE_YEAR[named[0]] + 4
    if len(table_years) >= 2:
        return table_years[0] + 1, table_years[-1]
    return None


def find_date(lines: list[Line], label: str) -> dt.date | None:
    """A date printed beside a label in the page header: "[ 成文日期 ] | 2021-10-29" → 2021-10-29."""
    for line in lines[:40]:
        m = re.search(label + r".{0,8}?(\d{4})[-年.](\d{1,2})[-月.](\d{1,2})", line.text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return None


def find_issuer(lines: list[Line]) -> str | None:
    """The issuing body: "[ 发布机构 ] | 大渡口区发展改革委" → 大渡口区发展改革委."""
    for line in lines[:40]:
        m = re.search(r"(?:发布机构|发文机关|印发单位)\s*\]?\s*[|:：]?\s*([^|\s]+)", line.text)
        if m:
            return m[1]
    return None


# ── 4. the indicator table ──────────────────────────────────────────────────────────────────────

# A line that starts the table: 专栏1 …主要指标, 表1 …主要指标, 主要指标表.
TABLE_TITLE = re.compile(r"主要指标|指标表")
HEADER_WORDS = re.compile(
    r"^(分类|类别|领域|指标|指标名称|序号|单位|计量单位|属性|指标属性|备注|"
    r"[^|]*?(19|20)\d\d年?[^|]*)$"
)
ATTRIBUTES = {"约束性": "binding", "预期性": "indicative"}
EMPTY_CELL = {"—", "-", "－", "/", "／", "——", "…"}
# One value cell: 力争 ≥93 / 99%以上 / 12.3年以上 / 不低于95 / 95左右 / ≤0.5
VALUE = re.compile(
    r"(?P<hedge>力争|争取)?\s*"
    r"(?P<pre>≥|>=|＞|>|≤|<=|＜|<|不低于|不少于|不高于|不超过|超过|低于|达到|约)?\s*"
    rf"(?P<n>{_NUM})\s*(?P<unit>%|％|万人|年|人/班|人|所|个|亿元|万元)?\s*(?P<post>以上|以下|以内|左右)?"
)
_VALUE_PLAIN = re.sub(r"\?P<\w+>", "?:", VALUE.pattern)  # the same without group names, to repeat it
VALUE_CELL = re.compile(rf"(?:{_VALUE_PLAIN})(?:\s+(?:{_VALUE_PLAIN}))*")
CELL_COMPARATORS = {
    "≥": ">=",
    ">=": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "达到": ">=",
    "＞": ">",
    ">": ">",
    "超过": ">",
    "≤": "<=",
    "<=": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "＜": "<=",
    "<": "<=",
    "低于": "<=",
    "约": "approx",
}  # a milestone has no strict "<": <0.5 is read as <=
# Units in a row name: 在园幼儿数(万人), 巩固率（%）
NAME_UNIT = re.compile(r"[(（]\s*(%|％|[^()（）]{1,6})\s*[)）]\s*$")
CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.．]")  # 一、学生规模
RATE_NAME = re.compile(r"(率|占比|比例|比重)$")


@dataclass(frozen=True)
class Cell:
    text: str
    line: int


@dataclass(frozen=True)
class CellValue:
    value: float
    comparator: str
    unit: str | None
    hedge: str | None
    as_written: str


def parse_value(text: str) -> CellValue | None:
    """One value cell: "99%以上" → 99, >=, %; "≥93" → 93, >=; "95左右" → approx; "力争99.5" → hedge 力争.

    An empty cell ("—") is None.
    """
    m = VALUE.fullmatch(text.strip())
    if m is None:
        return None
    comparator = CELL_COMPARATORS.get(m["pre"] or "", ">=")  # a bare number: reach at least this
    if m["post"]:
        comparator = SUFFIX_COMPARATORS[m["post"]]
    unit = {"％": "%"}.get(m["unit"] or "", m["unit"])
    return CellValue(float(m["n"]), comparator, unit or None, m["hedge"], text.strip())


def is_value_cell(text: str) -> bool:
    """A cell of numbers (one, or several stacked: "7.6 4.4"), or an empty mark ("—")."""
    return bool(VALUE_CELL.fullmatch(text.strip())) or text.strip() in EMPTY_CELL


def is_attribute_cell(text: str) -> bool:
    """预期性 / 约束性, once or stacked ("预期性 预期性")."""
    return all(w in ATTRIBUTES for w in text.split())


def table_cells(lines: list[Line], start: int) -> list[Cell]:
    """The cells of the table whose title is line `start`, in reading order.

    Cells are split at `|`, tabs and runs of 2+ spaces (text copied from a web page, a PDF or Word).
    The table ends at a blank line or a line of prose (a sentence with `。` or a long line without cells).
    """
    cells: list[Cell] = []
    seen_value = False
    for line in lines[start:]:
        text = line.text
        if not text.strip():
            if seen_value:
                break
            continue
        parts = [p.strip() for p in re.split(r"\||\t|\s{2,}|　", text) if p.strip()]
        if "。" in text or (len(parts) == 1 and len(parts[0]) > 40):
            break
        for p in parts:
            if re.fullmatch(r":?-{3,}:?", p):
                continue  # a Markdown table's rule line
            seen_value = seen_value or is_value_cell(p)
            cells.append(Cell(p, line.number))
    return cells


@dataclass
class Row:
    """One indicator row as read from the table."""

    name: str
    category: str
    cells: list[Cell]
    values: list[CellValue | None]
    attribute: str | None
    unit: str | None
    unit_from: str
    part_of: int | None  # index of the total row
    line: int
    quote: str


@dataclass
class Table:
    box: str
    title_line: int
    years: list[int]
    has_unit_column: bool
    rows: list[Row]
    notes: list[str]


def find_table(lines: list[Line]) -> int | None:
    """The line index (0-based) of the indicator table's title: "专栏1大渡口区…主要指标", "表1 …主要指标"."""
    for i, line in enumerate(lines):
        if TABLE_TITLE.search(line.text) and len(line.text) < 80:
            return i
    return None


def header_years(cells: list[Cell]) -> tuple[list[int], int, bool]:
    """The year columns of the header ("2020年 | 2022年 | 2025年", "基期值(2015年)"), how many cells the header
    takes, and whether it has a unit column (单位)."""
    years: list[int] = []
    has_unit = False
    count = 0
    for cell in cells:
        is_year = re.match(r"^(19|20)\d\d年", cell.text) is not None
        if not HEADER_WORDS.match(cell.text) or (parse_value(cell.text) is not None and not is_year):
            break
        m = re.search(r"((?:19|20)\d\d)", cell.text)
        if m:
            years.append(int(m[1]))
        has_unit = has_unit or cell.text in ("单位", "计量单位")
        count += 1
    return years, count, has_unit


def split_stacked(name: str, k: int) -> list[str] | None:
    """A name cell that stacks k rows: "在校学生数(万人) 其中:小学 初中" with 3 values → the three names."""
    parts = [p for p in re.split(r"\s+|、|(?=其中)", name) if p]
    merged: list[str] = []
    for p in parts:  # "其中:" alone, or a unit in parentheses split off, joins its neighbour
        if merged and (merged[-1] in ("其中:", "其中：", "其中") or re.fullmatch(r"[(（].*[)）]", p)):
            merged[-1] += p
        else:
            merged.append(p)
    return merged if len(merged) == k else None


def read_table(lines: list[Line], start: int) -> Table:
    """Read the indicator table whose title is lines[start]: header, categories, rows, 其中 parts, stacked cells.

    Dadukou (one cell per line): "学前 教育 |", "在园幼儿数(万人) |", "1.47 |", "1.67 |", "1.97 |", "预期性 |".
    Riverside (a row per line): "其中:小学    7.6    8.5    预期性".
    """
    title = lines[start].text
    box_m = re.search(r"(专栏\s*\d+|表\s*\d+)", title)
    box = re.sub(r"\s", "", box_m[1]) if box_m else "主要指标"
    cells = table_cells(lines, start + 1)
    years, used, has_unit = header_years(cells)
    cells = cells[used:]
    notes: list[str] = []
    rows: list[Row] = []
    category = ""
    total: int | None = None  # the row a 其中 part belongs to
    in_parts = False
    i = 0
    width = len(years)
    while i < len(cells):
        cell = cells[i]
        text = cell.text
        if _row_number(cells, i):
            i += 1  # a row number (序号 column) before the row's name
            continue
        if is_value_cell(text) or is_attribute_cell(text):
            notes.append(f"line {cell.line}: cell '{text}' outside a row, skipped")
            i += 1
            continue
        j = i + 1
        unit_cell: str | None = None
        if has_unit and j < len(cells) and not is_value_cell(cells[j].text):
            unit_cell = cells[j].text
            j += 1
        values: list[Cell] = []
        while (
            j < len(cells)
            and is_value_cell(cells[j].text)
            and len(values) < max(width, 1)
            and not _row_number(cells, j)
        ):
            values.append(cells[j])
            j += 1
        if not values or CATEGORY.match(text):
            # a text cell followed by text: a category (学前 教育 / 一、学生规模)
            category = re.sub(r"^[一二三四五六七八九十]+[、.．]\s*|\s+", "", text)
            total, in_parts = None, False
            i += 1
            continue
        attribute = None
        if j < len(cells) and is_attribute_cell(cells[j].text):
            attribute = cells[j].text
            j += 1
        row_cells = cells[i:j]
        stacked = len(values[0].text.split())
        names = split_stacked(text, stacked) if stacked > 1 else [text]
        if names is None:
            notes.append(f"line {cell.line}: stacked cell '{text}' does not match {stacked} values, read as one")
            names, stacked = [text], 1
        quote = " | ".join(c.text for c in row_cells)
        for k, name in enumerate(names):
            vals = [parse_value(v.text.split()[k]) if stacked > 1 else parse_value(v.text) for v in values]
            attr = attribute.split()[min(k, len(attribute.split()) - 1)] if attribute else None
            name = re.sub(r"^\s*(\d+|[(（]\d+[)）])[.．、]?\s*", "", name)  # a row number: "1.在园幼儿数"
            is_part = bool(re.match(r"其中\s*[:：]?", name))
            name = re.sub(r"^其中\s*[:：]?\s*", "", name)
            unit, unit_from = _row_unit(name, unit_cell, vals)
            if is_part and rows:
                in_parts = True
            elif in_parts and unit_from in ("name", "cell") and total is not None and unit != rows[total].unit:
                in_parts = False  # a row with a unit of its own ends the 其中 block
            elif in_parts and RATE_NAME.search(name):
                in_parts = False
            part_of = total if (is_part or in_parts) else None
            if part_of is not None and unit is None:
                unit, unit_from = rows[part_of].unit, "total"
            if part_of is None:
                total = len(rows)
            rows.append(
                Row(
                    NAME_UNIT.sub("", name).strip(),
                    category,
                    row_cells,
                    vals,
                    attr,
                    unit,
                    unit_from,
                    part_of,
                    cell.line,
                    quote,
                )
            )
        i = j
    return Table(box, lines[start].number, years, has_unit, rows, notes)


def _row_number(cells: list[Cell], j: int) -> bool:
    """Cell j is a row number (序号 column): a small whole number right before a row's name."""
    return (
        bool(re.fullmatch(r"\d{1,2}", cells[j].text))
        and j + 1 < len(cells)
        and not is_value_cell(cells[j + 1].text)
        and not is_attribute_cell(cells[j + 1].text)
    )


def _row_unit(name: str, unit_cell: str | None, values: list[CellValue | None]) -> tuple[str | None, str]:
    """Where a row's unit comes from: its name "(万人)", a unit column, a cell "99%以上", or a rate name (率 → %)."""
    m = NAME_UNIT.search(name)
    if m:
        return ("%" if m[1] == "％" else m[1]), "name"
    if unit_cell:
        return unit_cell, "column"
    for v in values:
        if v is not None and v.unit:
            return v.unit, "cell"
    if RATE_NAME.search(name):
        return "%", "rate name"
    return None, "none"


def kind_of(unit: str) -> str:
    """count / rate / years, from the unit: % → rate, 年 → years."""
    return {"%": "rate", "年": "years"}.get(unit, "count")


# ── 5. box items (专栏2…专栏N) ────────────────────────────────────────────────────────────────────

BOX_START = re.compile(r"^\s*专栏\s*(\d+)\s*(.*)$")
SUBPLAN = re.compile(r"(?:^|(?<=[\s。|]))(\d{1,2})\s*[.．、](?!\d)")
# The end of a named project: 河西实验小学, 长江音乐学院附中, …地块新建小学
ENTITY = re.compile(
    r"(学校|小学|中学|学院|幼儿园|附中|附小|校区|中心|高中|初中|大学|基地|场馆|大楼|综合楼|科技楼|"
    r"实验室|研究院|图书馆|体育馆|校)(\(.*\)|（.*）)?$"
)
LEAD_VERBS = re.compile(r"^(重点建设|新建|改扩建|改造|改建|扩建|迁建|完成|建成|建设|打造|创建|培育)")
ONCE_VERBS = re.compile(
    r"建成|建设|完成|创建|设立|成立|组建|出台|制定|建立|引进|培育|打造|开发|推出|实现|选树|"
    r"推动|支持|形成|开展"
)
# Head nouns a list of counted things may share ("5个名校长、20个名师工作室").
HEAD_NOUN = re.compile(r"(工作室|基地|学校|中心|课程|团队|项目|平台|品牌|案例)$")
# Where a clause holds several counted things: "培育10所…示范学校、10个…创新团队" splits before "10个".
ITEM_SPLIT = re.compile(
    rf"(?:、|和|及|与)\s*(?=(?:{_NUM}|数十|数百)\s*(?:[-—–~～至到]\s*{_NUM})?\s*(?:余|多)?\s*"
    rf"(?:{_CLS}))"
)


@dataclass
class DraftItem:
    """A target read from a box or the running text, before ids are given."""

    quote: str
    line: int
    name: str
    measure: str
    comparator: str
    unit: str | None = None
    target: float | None = None
    min: float | None = None
    max: float | None = None
    due: int = 0
    hedge: str | None = None
    vague: tuple[str, str] | None = None
    entries: list[str] = field(default_factory=list)
    clock: Clock = field(kw_only=True)  # every item has one: plans require `clock` on every item
    rule: str = ""
    note: str | None = None
    baseline: float | None = None
    per: str = "year"  # recurring: the period its target counts (每学期 → semester)


@dataclass
class DraftSubplan:
    number: int | None
    title: str
    items: list[DraftItem]


@dataclass
class DraftBox:
    number: int
    title: str
    title_inferred: bool
    line: int
    subplans: list[DraftSubplan]


def box_spans(lines: list[Line], table_line: int | None) -> list[tuple[int, str, int, list[Line]]]:
    """Each box: (number, title text, line, its lines). A box is its 专栏 line plus the numbered lines after it.

    Dadukou prints a box on one line ("专栏2 1.学校党组织培优计划。培育评选1-5个…"); Riverside prints the
    title on the 专栏 line and one numbered sub-plan per line ("1.新建改扩建学校。新建中小学校6所…").
    """
    out = []
    for i, line in enumerate(lines):
        m = BOX_START.match(line.text)
        if not m or (table_line is not None and line.number == table_line) or "主要指标" in line.text:
            continue
        body = [Line(line.number, m[2])]
        for nxt in lines[i + 1 :]:
            if not re.match(r"^\s*\d{1,2}\s*[.．、](?!\d)", nxt.text):
                break
            body.append(nxt)
        out.append((int(m[1]), m[2], line.number, body))
    return out


def split_subplans(body: list[Line]) -> list[tuple[int | None, str, int]]:
    """The numbered sub-plans of a box: (number, text, line). A box without numbers is one sub-plan.

    "1.学校党组织培优计划。培育评选1-5个… 2.党组织书记…" → (1, "学校党组织培优计划。培育…"), (2, …).
    """
    out: list[tuple[int | None, str, int]] = []
    for line in body:
        marks = list(SUBPLAN.finditer(line.text))
        if not marks:
            if line.text.strip(" |"):
                out.append((None, line.text.strip(" |"), line.number))
            continue
        head = line.text[: marks[0].start()].strip(" |")
        if head and out:
            out[-1] = (out[-1][0], out[-1][1] + head, out[-1][2])
        elif head:
            out.append((None, head, line.number))
        for m, nxt in zip(marks, [*marks[1:], None], strict=True):
            text = line.text[m.end() : nxt.start() if nxt else len(line.text)].strip(" |")
            out.append((int(m[1]), text, line.number))
    return out


def subplan_title(text: str) -> tuple[str, str, bool]:
    """A sub-plan's title is its first sentence when short and without numbers: "学校党组织培优计划。…"."""
    head, sep, rest = text.partition("。")
    if sep and len(head) <= 25 and not re.search(r"\d", head):
        return head.strip(), rest, False
    return "", text, True


def box_title(text: str) -> tuple[str, bool]:
    """The box's title on its 专栏 line ("专栏1 学校建设工程"), or none (inferred) when the line goes on with items."""
    t = text.strip(" |")
    if t and len(t) <= 25 and not re.search(r"\d|。", t):
        return t, False
    return "", True


def read_boxes(lines: list[Line], table_line: int | None, period_end: int) -> list[DraftBox]:
    """Every box after the table, with its sub-plans and items."""
    boxes = []
    for number, title_text, line_no, body in box_spans(lines, table_line):
        title, inferred = box_title(title_text)
        if not inferred:
            body = body[1:]
        subs = []
        for k, (sub_no, text, sline) in enumerate(split_subplans(body), 1):
            stitle, rest, _ = subplan_title(text)
            items = []
            for sentence in SENTENCE_END.split(rest):
                items += box_items(sentence, sline, period_end)
            subs.append(DraftSubplan(sub_no, stitle or f"专栏{number}·{k}", items))
        boxes.append(DraftBox(number, title or f"专栏{number}", inferred, line_no, subs))
    return boxes


def pieces(clause: str) -> list[str]:
    """A clause cut before each further counted thing: "建设2个课程创新基地、10门精品选修课程" → two pieces."""
    cuts = [m.start() for m in ITEM_SPLIT.finditer(clause)]
    out, last = [], 0
    for c in cuts:
        out.append(clause[last:c])
        last = c + (1 if clause[c] in "、和及与" else 0)
    out.append(clause[last:])
    return [p.strip() for p in out if p.strip()]


def named_entries(text: str) -> list[str]:
    """Named projects in a phrase: a list in parentheses "(I59地块新建小学、…、音乐附小)", or before 等
    ("新建A幼儿园、B幼儿园等普惠性幼儿园16所"). Two or more names, each ending like an institution."""
    inner = _parenthesised_list(text)
    if inner:
        names = [n.strip() for n in inner.split("、") if n.strip()]
        if len(names) >= 2:
            return names
    head = text.split("等")[0] if "等" in text else text
    counted = find_quantities(head)
    head = head[: counted[0].start] if counted else head  # "…北岸九年一贯制学校3所学校": the names end at the count
    head = re.sub(r"[(（][^()（）]*[)）]$", "", head)
    names = [LEAD_VERBS.sub("", n).strip() for n in re.split(r"、|和", head)]
    names = [n for n in names if n]
    if len(names) >= 2 and all(ENTITY.search(n) for n in names):
        return names
    return []


def _parenthesised_list(text: str) -> str | None:
    """The text inside the outermost parentheses that hold a 、 list (nested parentheses kept)."""
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch in "(（":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
            if depth == 0 and "、" in text[start + 1 : i]:
                return text[start + 1 : i]
    return None


LEAD_WORDS = re.compile(r"^(力争|争取)?(培养|培育|建设|新建|打造|选树|引进|创建|开展|组织|评选|遴选)?")


def noun_after(text: str, end: int, start: int | None = None) -> str:
    """The thing counted: what follows the number, up to a list mark ("10个思政课教学创新团队" → 思政课教学创新团队);
    when nothing follows, what comes before it without its verb ("培养县级学科带头人30余名" → 县级学科带头人)
    or its examples ("新建A幼儿园、B幼儿园等普惠性幼儿园16所" → 普惠性幼儿园)."""
    rest = re.sub(r"^(的|左右)", "", re.split(r"[、(（]", text[end:])[0]).strip()
    if not rest and start is not None:
        rest = LEAD_WORDS.sub("", text[:start].strip()).split("等")[-1]  # "A、B等普惠性幼儿园16所" counts 普惠性幼儿园
    return rest or text.strip()


VAGUE_UNITS = [
    (r"(学校|校园|幼儿园|校)$", "所"),
    (r"(课程|课)$", "门"),
    (r"(教师|人才|学生|校长|队伍)$", "名"),
    (r"(资源|成果)$", "项"),
]


def vague_unit(noun: str) -> str:
    """The measure word a vague batch is counted in, from its noun: 一批…示范学校 → 所, 一批…课程 → 门, else 个."""
    noun = noun.strip("“”\"'「」")
    return next((u for p, u in VAGUE_UNITS if re.search(p, noun)), "个")


def box_items(sentence: str, line: int, period_end: int) -> list[DraftItem]:
    """The items of one sentence of a box, one per counted thing (and one per named list).

    "培育10所思想政治教育示范学校、10个思政课教学创新团队" → count 10 所, count 10 个.
    "引进1-2所一流科研院所" → range 1–2. "10余名学科带头人" → count > 10. "数十名学科名师" → vague_batch 20.
    "建成长江音乐学院附中" → completion. "新建A、B等15所学校(C、D…)" → count 15 and a named_list.
    """
    items: list[DraftItem] = []
    for clause in clauses(sentence):
        hedge = hedge_of(clause[:4])  # 力争 at the head of a clause covers all its pieces
        due = due_year(clause, period_end)
        found: list[DraftItem] = []
        every = rule_every(clause, line, period_end, 0)
        if every is not None:  # 坚持“一校一品、一支部一特色”: a share of all schools, not a count
            every.due, every.hedge = due, hedge
            found.append(every)
        for piece in pieces(clause):
            found += _piece_items(piece, line, due, hedge or hedge_of(piece))
        share_head_nouns(found)
        items += found
    return items


def _piece_items(piece: str, line: int, due: int, hedge: str | None) -> list[DraftItem]:
    """One piece of a box clause: its number (count, range, rate), else a vague batch, a non-decreasing figure or
    a completion; and a named list when it names projects."""
    out: list[DraftItem] = []
    entries = named_entries(piece)
    counted = piece
    if entries and _parenthesised_list(piece):
        counted = re.split(r"[(（]", piece)[0]  # the count's quote stops before the list
    qs = find_quantities(counted)
    if qs:
        q = qs[0]
        out.append(_quantity_item(counted, line, due, hedge, q, noun_after(counted, q.end, q.start)))
    else:
        vague = vague_item(piece, line, due, hedge, "box: vague batch")
        if vague and not entries:
            out.append(vague)
        elif not entries and (trend := rule_non_decreasing(piece, line, due, 0)) is not None:
            out.append(trend)
        elif not entries and ONCE_VERBS.search(piece):
            out.append(
                DraftItem(
                    piece, line, piece, "completion", "done", due=due, hedge=hedge, clock="once", rule="box: completion"
                )
            )
    if entries:
        out.append(
            DraftItem(
                piece,
                line,
                f"{counted}(具名)" if counted != piece else piece,
                "named_list",
                "done",
                due=due,
                hedge=hedge,
                entries=entries,
                clock="once",
                rule="box: named list",
            )
        )
    return out


def vague_item(piece: str, line: int, due: int, hedge: str | None, rule: str) -> DraftItem | None:
    """A vague amount (see VAGUE): "数十名学科名师" → vague_batch 20 名; "一批优秀案例" → vague_batch 1 个."""
    vague = next(((w, n, r) for w, n, r in VAGUE if w in piece), None)
    if vague is None:
        return None
    word, n, reading = vague
    noun = noun_after(piece, piece.index(word) + len(word))
    # 数十名 / 数百名 carry their measure word; 一批 does not ("一批家校共育课程" is not counted in 家)
    m = re.match(rf"({_CLS})", noun) if word in ("数十", "数百") else None
    unit = m[1] if m else vague_unit(noun)
    noun = noun[len(m[1]) :] if m else noun
    if not noun.strip():  # "培养骨干教师数十名": the thing comes before the amount
        noun = LEAD_WORDS.sub("", piece[: piece.index(word)]) or piece
    return DraftItem(
        piece,
        line,
        noun,
        "vague_batch",
        ">=",
        unit=unit,
        target=n,
        due=due,
        hedge=hedge,
        vague=(word, reading),
        clock="cumulative",
        rule=rule,
    )


def share_head_nouns(items: list[DraftItem]) -> None:
    """Pieces cut from one list share the next piece's head noun when they have none of their own.

    Example: "建设5个名校长、20个名师工作室" → 名校长 is read as 名校长工作室 (5) beside 名师工作室 (20).
    """
    for a, b in zip(items, items[1:], strict=False):
        head = HEAD_NOUN.search(b.name)
        if head and a.measure in ("count", "range") and not HEAD_NOUN.search(a.name):
            a.name += head[0]


def rate_item(text: str, line: int, due: int, hedge: str | None, rule: str) -> DraftItem | None:
    """A percentage target; "由78%提高到90%" gives the baseline too.

    Example: "专任教师本科及以上学历比例由78%提高到90%" → rate 90 %, >=, baseline 78.
    """
    rates = [q for q in find_quantities(text) if q.unit == "%"]
    if not rates:
        return None
    q, baseline = rates[0], None
    comparator = q.comparator
    change = re.search(r"由.*(提高|提升|增加|增长|上升|下降|降低|减少)[到至]", text) if len(rates) >= 2 else None
    if change:
        baseline, q = rates[0].value, rates[1]
        # 由1.2%下降到0.5%: a falling target
        comparator = "<=" if change[1] in ("下降", "降低", "减少") else q.comparator
    name = re.split(r"由|达到|达|提高到|巩固在|保持在|超过|不低于|不少于|控制在", text[: rates[0].start])[0].strip()
    name = re.sub(r"^到20\d\d年\s*", "", name)
    return DraftItem(
        text,
        line,
        name or text,
        "rate",
        comparator,
        unit="%",
        target=q.value,
        due=due,
        hedge=hedge,
        clock=clock_of(text, "rate"),
        rule=rule,
        baseline=baseline,
    )


def _quantity_item(text: str, line: int, due: int, hedge: str | None, q: Quantity, noun: str) -> DraftItem:
    """The item of a number: a range (3-5所), a rate (80%以上), or a count (10个, 10个左右, 10余名)."""
    clock = clock_of(text, "count")
    if q.upper is not None:
        return DraftItem(
            text,
            line,
            noun,
            "range",
            "range",
            unit=q.unit,
            min=q.value,
            max=q.upper,
            due=due,
            hedge=hedge,
            clock=clock,
            rule="number: range",
        )
    if q.unit == "%":
        rate = rate_item(text, line, due, hedge, "number: rate")
        assert rate is not None  # q itself is a percentage
        return rate
    return DraftItem(
        text,
        line,
        noun,
        "count",
        q.comparator,
        unit=q.unit,
        target=q.value,
        due=due,
        hedge=hedge,
        clock=clock,
        rule="number: count",
    )


# ── 6. running-text commitments ─────────────────────────────────────────────────────────────────

TextRule = Callable[[str, int, int, int], "DraftItem | None"]


def rule_recurring(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """每年 / 一年一度 / 每学期: a recurring event, each period's own count (never a running total).

    Example: "每年召开一次专题会议" → count 1 次 a year, clock recurring.
    """
    m = re.search(r"(每年|一年一度|每学期)", clause)
    if not m or re.search(r"逐年|只增不减", clause):
        return None
    period = "semester" if m[1] == "每学期" else "year"  # a semester target counts twice a school year
    per = 1
    times = re.search(r"(\d+|一|两|二)次", clause)
    if times:
        per = {"一": 1, "两": 2, "二": 2}[times[1]] if not times[1].isdigit() else int(times[1])
    elif not re.search(r"举办|召开|开展|组织|举行", clause):
        # 每学期…述评 with no event and no count is a routine everyone concerned does each period: 100 %.
        return DraftItem(
            clause,
            line,
            clause,
            "rate",
            ">=",
            unit="%",
            target=100,
            due=end,
            clock="recurring",
            per=period,
            rule="text: recurring routine",
            note=f"{m[1]}: a routine, read as 100 % of those concerned each {period}.",
        )
    name = re.sub(r"^.*?(每年|一年一度|每学期)(举办|召开|开展|组织|举行)?(一次|\d+次)?", "", clause) or clause
    return DraftItem(
        clause,
        line,
        name,
        "count",
        ">=",
        unit="次",
        target=per,
        due=end,
        clock="recurring",
        per=period,
        rule="text: recurring",
        note=f"{m[1]}: {per} each {'semester' if period == 'semester' else 'year'}, each year's file "
        "reporting that year's own count.",
    )


def rule_eliminate(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """彻底消除 / 全面消除 X: the share of X must be 0.

    Example: "到2025年彻底消除56人以上大班额" → rate 0 %, <=, due 2025.
    """
    m = ELIMINATE.search(clause)
    if not m:
        return None
    return DraftItem(
        clause,
        line,
        m[2],
        "rate",
        "<=",
        unit="%",
        target=0,
        due=due_year(clause, end),
        hedge="基本" if m[1] == "基本消除" else None,
        clock="cumulative",
        rule="text: eliminate",
        note="Read as: the share of what is eliminated must be 0 by the due year (no 2020 share in "
        "the text: judged at the due year).",
    )


def rule_range(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """N至M / N-M with a measure word: a range.

    Example: "每一位学生掌握2至3项艺术特长" → range 2–3 项.
    """
    q = next((q for q in find_quantities(clause) if q.upper is not None), None)
    if q is None:
        return None
    return DraftItem(
        clause,
        line,
        noun_after(clause, q.end, q.start),
        "range",
        "range",
        unit=q.unit,
        min=q.value,
        max=q.upper,
        due=due_year(clause, end),
        hedge=hedge_of(clause),
        clock=clock_of(clause, "range"),
        rule="text: range",
    )


def rule_rate(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """A rate with a percentage: 达到 / 达 / 提高到 / 不低于 … %.

    Example: "幼儿教师持证率达到100%" → rate 100 %, >=; "覆盖率巩固在93%以上" → >=, standing.
    """
    return rate_item(clause, line, due_year(clause, end), hedge_of(clause), "text: rate")


def rule_parity(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """不低于 … 水平 without a number: a ratio to a reference level of at least 100 %.

    Example: "确保中小学教师平均工资收入水平不低于或高于当地公务员平均工资收入水平" → rate 100 %, >=.
    """
    m = re.search(r"(.+?)不低于(?:或高于)?(.+水平)", clause)
    if not m or find_quantities(clause):
        return None
    return DraftItem(
        clause,
        line,
        m[1],
        "rate",
        ">=",
        unit="%",
        target=100,
        due=due_year(clause, end),
        clock="standing",
        rule="text: parity",
        note=f"Ratio of {m[1]} to {m[2]}, in %; must be at least 100.",
    )


def rule_full_coverage(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """全覆盖 / 全员纳入 / 应助尽助: a 100 % target.

    Example: "实行幼儿园教师全覆盖培训" → rate 100 %; "做到“应助尽助”" → rate 100 %.
    """
    m = re.search(r"全覆盖(?!的)|全员(?:纳入|覆盖|参保|持证)|应助尽助|应保尽保|应培尽培", clause)
    if not m:
        return None
    return _all_of_them(
        clause, line, end, "standing", "text: full coverage", f"{m[0]} read as 100 % of those concerned."
    )


def _all_of_them(clause: str, line: int, end: int, clock: Clock, rule: str, note: str) -> DraftItem:
    """A 100 % rate drafted from a clause that says "all of them" (全覆盖, 每一个 …)."""
    return DraftItem(
        clause,
        line,
        clause,
        "rate",
        ">=",
        unit="%",
        target=100,
        due=due_year(clause, end),
        hedge=hedge_of(clause),
        clock=clock,
        rule=rule,
        note=note,
    )


def rule_every(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """每一个 / 每一所 / 一校一品 / 全岗全员 / a visit for every new entrant: a 100 % target.

    Example: "为每一个学生、每一个班级、每一所学校进行“数字画像”" → rate 100 % by the plan's end;
    "开展校园全岗全员安全素养培训" → rate 100 % every year (standing);
    "有条件的幼儿园新生入园时开展1次家访" → rate 100 % of each year's entrants (recurring).
    """
    if re.search(r"全岗全员", clause):
        clock: Clock = "standing"
    elif re.search(r"新生入[园学]时开展\d*次|每名新生|每位新生", clause):
        clock = "recurring"
    elif EVERY_ONE.search(clause):
        clock = "cumulative"
    else:
        return None
    return _all_of_them(
        clause, line, end, clock, "text: every one", "每一 / 全员 / 一校一品 read as 100 % of those concerned."
    )


def rule_non_decreasing(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """逐年只增不减 (not below last year) / 逐年提高 (above last year, every year) / 提高…比例 (the due year above
    2020).

    Example: "确保财政一般公共预算教育支出逐年只增不减" → non_decreasing; "逐年提高公办园在园幼儿人数占比" → rising;
    "提高财政性教育经费占一般公共预算支出的比例" → raise; all clock trend.
    """
    m = re.search(r"逐年只增不减|只增不减|逐年提高|逐年增加|逐年增长", clause) or re.search(
        r"^提高(.+)(比例|比重|占比)$", clause
    )
    if not m:
        return None
    name = re.sub(r"^(确保|保证)|逐年只增不减|只增不减|逐年提高|逐年增加|逐年增长", "", clause).strip() or clause
    if "只增不减" in m[0]:
        measure, comparator, what = "non_decreasing", "non_decreasing", "not below the year before"
    elif m[0].startswith("逐年"):
        measure, comparator, what = "rising", "rising", "above the year before, every year"
    else:
        measure, comparator, what = "raise", "above_baseline", "the due year above 2020 (record the 2020 value)"
    return DraftItem(
        clause,
        line,
        name,
        measure,
        comparator,
        due=due_year(clause, end),
        clock="trend",
        rule="text: year over year",
        note=f"Judged {what}; add the unit.",
    )


def rule_count(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """A number with a measure word in a commitment: 不少于360学时, 开展1次家访, 新增学位3000个.

    Example: "分层、分类、分科开展五年周期不少于360 学时的全员培训" → count 360 学时, >=.
    """
    q = next(iter(find_quantities(clause)), None)
    if q is None:
        return None
    return DraftItem(
        clause,
        line,
        noun_after(clause, q.end, q.start),
        "count",
        q.comparator,
        unit=q.unit,
        target=q.value,
        due=due_year(clause, end),
        hedge=hedge_of(clause),
        clock=clock_of(clause, "count"),
        rule="text: count",
    )


def rule_vague_batch(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """一批 / 大批 / 系列 with a verb: a batch of unknown size, read as at least one (vague_batch).

    Example: "打造一批学生发展指导优秀案例" → vague_batch 1 个 (一批).
    """
    if not re.search(r"一批|大批|系列|数十|数百", clause) or not re.search(ONCE_VERBS.pattern + "|培养|评选", clause):
        return None
    return vague_item(clause, line, due_year(clause, end), hedge_of(clause), "text: vague batch")


# Tried in this order; the first that matches a clause makes its item (so 消除56人以上大班额 is not a count).
# First match wins: a range (每一位学生掌握2至3项) before "every one", "every one" before a bare count.
TEXT_RULES: list[TextRule] = [
    rule_recurring,
    rule_eliminate,
    rule_range,
    rule_every,
    rule_rate,
    rule_parity,
    rule_full_coverage,
    rule_non_decreasing,
    rule_count,
    rule_vague_batch,
]
# Where the plan's own targets start: the text before reviews the last period (十三五 achievements are
# baselines, not targets).
GOALS_START = r"(发展目标|主要目标|总体目标|到{end}年)"


def text_items(lines: list[Line], skip: set[int], start: int, end: int) -> list[DraftItem]:
    """Commitments with a number, a rate or a 100 %-type target in the running text (programme `text`)."""
    years = end - start + 1
    first = next((i for i, line in enumerate(lines) if re.search(GOALS_START.format(end=end), line.text)), 0)
    out = []
    for line in lines[first:]:
        if line.number in skip:
            continue
        for clause in clauses(line.text):
            for rule in TEXT_RULES:
                item = rule(clause, line.number, end, years)
                if item is not None:
                    out.append(item)
                    break
    return out


# ── 7. ids and the YAML files ───────────────────────────────────────────────────────────────────

# Chinese terms → id words, longest match first. Ids are proposals: the reviewer may rename them.
GLOSSARY: dict[str, str] = {
    "学前教育": "preschool",
    "义务教育": "compulsory",
    "高中阶段教育": "upper_secondary",
    "高中阶段": "upper_secondary",
    "人力资源开发": "human_resources",
    "人力资源": "human_resources",
    "中等职业教育": "vocational",
    "职业教育": "vocational",
    "高等教育": "higher",
    "继续教育": "continuing",
    "特殊教育": "special",
    "学生规模": "students",
    "中小学": "school",
    "普及水平": "access",
    "办学规模": "scale",
    "质量与保障": "quality",
    "办学条件与质量": "schools",
    "办学条件": "conditions",
    "教育质量": "quality",
    "教师队伍": "teachers",
    "教育投入": "funding",
    "经费保障": "funding",
    "在园幼儿": "children",
    "幼儿园": "kindergartens",
    "幼儿": "children",
    "在校学生": "students",
    "在校生": "students",
    "学生": "students",
    "毛入园率": "gross_enrolment_rate",
    "毛入学率": "gross_enrolment_rate",
    "入学率": "enrolment_rate",
    "普惠率": "inclusive_rate",
    "覆盖率": "coverage",
    "巩固率": "retention_rate",
    "辍学率": "dropout_rate",
    "持证率": "certified_rate",
    "就业率": "employment_rate",
    "合格率": "pass_rate",
    "达标率": "standard_rate",
    "公办园": "public",
    "普惠性": "inclusive",
    "占比": "share",
    "比例": "share",
    "比重": "share",
    "普通小学": "primary",
    "小学": "primary",
    "普通初中": "junior",
    "初中": "junior",
    "普通高中": "general_high",
    "高中": "high_school",
    "中职": "vocational",
    "平均受教育年限": "schooling_years",
    "受教育年限": "schooling_years",
    "平均班额": "class_size",
    "大班额": "large_classes",
    "班额": "class_size",
    "劳动年龄人口": "working_age",
    "专任教师": "teachers",
    "骨干教师": "backbone_teachers",
    "学科带头人": "subject_leaders",
    "名班主任": "head_teachers",
    "名校长": "principals",
    "名师": "master_teachers",
    "教师": "teachers",
    "校长": "principals",
    "学校": "schools",
    "校园": "campuses",
    "工作室": "studios",
    "基地": "bases",
    "课程": "courses",
    "精品课": "quality_lessons",
    "课例": "lessons",
    "案例": "cases",
    "团队": "teams",
    "品牌": "brands",
    "项目": "projects",
    "课题": "topics",
    "成果": "achievements",
    "平台": "platform",
    "党组织": "party_orgs",
    "思政": "ideology",
    "思想政治": "ideology",
    "德育": "moral",
    "艺术团": "art_troupes",
    "艺术": "arts",
    "音乐": "music",
    "体育": "sports",
    "社团": "societies",
    "俱乐部": "clubs",
    "家长学校": "parent_schools",
    "家庭教育": "family_education",
    "智慧校园": "smart_campus",
    "资源": "resources",
    "评价": "evaluation",
    "学位": "places",
    "新建": "new",
    "改扩建": "enlarged",
    "经费": "funding",
    "支出": "spending",
    "工资": "pay",
    "社会保障": "social_insurance",
    "家访": "home_visits",
    "论坛": "forum",
    "会议": "meetings",
    "考核": "assessment",
    "展示活动": "showcase",
    "学时": "hours",
    "特长": "skills",
    "技能": "skills",
    "资助": "aid",
    "培训": "training",
    "示范": "model",
    "特色": "featured",
    "实验室": "labs",
    "院校": "institutes",
    "专业": "majors",
    "活动中心": "activity_centre",
    "教室": "classrooms",
}
_GLOSSARY_KEYS = sorted(GLOSSARY, key=len, reverse=True)


def slug(text: str, fallback: str, words: int = 3, drop: str = "") -> str:
    """An id word from Chinese by the glossary: "在园幼儿普惠率" → children_inclusive_rate; else `fallback`.

    `drop` leaves out a word the id already has (its category: compulsory.retention_rate, not
    compulsory.compulsory_retention_rate)."""
    found: list[str] = []
    i = 0
    while i < len(text):
        key = next((k for k in _GLOSSARY_KEYS if text.startswith(k, i)), None)
        if key:
            if GLOSSARY[key] not in found:
                found.append(GLOSSARY[key])
            i += len(key)
        else:
            i += 1
    found = [w for w in found if w != drop] or found
    return "_".join(found[:words]) or fallback


class Ids:
    """Hands out unique ids (a second `schools` becomes `schools_2`)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate = f"{wanted}_{n}"
            n += 1
        self.used.add(candidate)
        return candidate


@dataclass
class Draft:
    """The two files as data, and what the drafter could not do (printed by the CLI)."""

    targets: Doc
    projects: Doc
    notes: list[str]
    indicators: int
    items: int


def draft_plan(text: str, source_name: str, plan_id: str | None = None) -> Draft:
    """Draft targets.yaml and projects.yaml (as data) from the text of a plan."""
    lines = read_lines(text)
    notes: list[str] = []
    title = find_title(lines)
    table_at = find_table(lines)
    table = read_table(lines, table_at) if table_at is not None else None
    if table is None:
        notes.append("no indicator table found (looked for 主要指标 / 专栏1 / 表1): targets.yaml has no indicators")
    else:
        notes += [f"table: {n}" for n in table.notes]
    period = find_period(title, lines, table.years if table else [])
    if period is None:
        raise UsageError([problem(source_name, "usage.draft_no_period")])
    start, end = period
    baseline_year = start - 1
    ids = Ids()
    indicators, categories = _indicators(table, baseline_year, ids, notes) if table else ([], [])
    table_lines: set[int] = set()
    if table is not None:
        table_lines = set(range(table.title_line, max([r.cells[-1].line for r in table.rows], default=0) + 1))
    boxes = read_boxes(lines, table.title_line if table else None, end)
    box_lines = {ln.number for b in box_spans(lines, table.title_line if table else None) for ln in b[3]}
    body = text_items(lines, table_lines | box_lines, start, end)
    programmes = [_programme(b, ids) for b in boxes if any(s.items for s in b.subplans)]
    if body:
        programmes.append(_text_programme(body, ids))
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
    projects: Doc = {
        "schema_version": 1,
        "plan_id": pid,
        "version": "0.1.0",
        "rules": {"approx_tolerance": 0.1, "not_started_lagging_after": 0.4},
        "programmes": programmes,
    }
    n_items = sum(len(s["items"]) for p in programmes for s in p["subplans"])
    return Draft(targets, projects, notes, len(indicators), n_items)


def _indicators(table: Table, baseline_year: int, ids: Ids, notes: list[str]) -> tuple[list[Doc], list[Doc]]:
    categories: list[Doc] = []
    cat_ids: dict[str, str] = {}
    out: list[Doc] = []
    row_ids: list[str | None] = []
    years = table.years
    for n, row in enumerate(table.rows, 1):
        cat_name = row.category or "指标"
        if cat_name not in cat_ids:
            cat_ids[cat_name] = ids.take(slug(cat_name, f"category{len(cat_ids) + 1}", 1))
            categories.append({"id": cat_ids[cat_name], "name": {"zh": cat_name, "en": cat_name}})
        cat = cat_ids[cat_name]
        pairs = [(y, v) for y, v in zip(years, row.values, strict=False)]
        base = next((v for y, v in pairs if y == baseline_year and v is not None), None)
        if base is None and pairs and pairs[0][1] is not None and pairs[0][0] < baseline_year + 1:
            base = pairs[0][1]
        milestones = [(y, v) for y, v in pairs if y > baseline_year and v is not None]
        if base is None or not milestones:
            notes.append(f"line {row.line}: row '{row.name}' has no baseline or no target value, left out")
            row_ids.append(None)
            continue
        name = row.name
        total_name = table.rows[row.part_of].name if row.part_of is not None else ""
        wanted = slug(name, f"row{n}", drop=cat)
        iid = ids.take(f"{cat}.{wanted}")
        row_ids.append(iid)
        unit = row.unit or ""
        ind: Doc = {
            "id": iid,
            "name": {"zh": name, "en": name},
            "category": cat,
            "unit": unit,
            "kind": kind_of(unit),
            "attribute": ATTRIBUTES.get(row.attribute or "", "indicative"),
            "baseline": {"year": baseline_year, "value": _num(base.value)},
            "targets": [
                {"year": y, "value": _num(v.value), "comparator": v.comparator, "as_written": v.as_written}
                for y, v in milestones
            ],
        }
        if row.part_of is not None and row_ids[row.part_of] is not None:
            ind["part_of"] = row_ids[row.part_of]
        hedge = next((v.hedge for _, v in milestones if v.hedge), None)
        if hedge:
            ind["hedge"] = hedge
        ind["source"] = {"box": table.box, "quote": row.quote}
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
        if why:
            ind["note"] = "; ".join(why)
        ind["review"] = "pending"
        ind["source_line"] = row.line
        out.append(ind)
    return out, categories


def _num(value: float) -> float | int:
    """Whole numbers as ints, so the YAML reads 100, not 100.0."""
    return int(value) if float(value).is_integer() else value


def _item_doc(item: DraftItem, iid: str, ids: Ids) -> Doc:
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
        # Plans state the 2020 stock of every path: a rate's is unknown unless the text says 由X%提高到;
        # a count's is assumed 0 and flagged for the reviewer (做强做精2所 may count one that exists).
        doc["baseline"] = None if item.measure == "rate" else 0
        if item.measure != "rate":
            item.note = (
                (item.note + " ") if item.note else ""
            ) + "2020 stock assumed 0: check the review of the last period."
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
    }.get(item.measure, f"{item.comparator} {_num(item.target or 0)} {item.unit or ''}")
    return f"DRAFT ({item.rule}): {item.measure} {what.strip()} by {item.due}."


def _programme(box: DraftBox, ids: Ids) -> Doc:
    pid = ids.take(f"box{box.number}")
    subs = []
    for k, sub in enumerate(box.subplans, 1):
        sid = ids.take(f"{pid}.{sub.number if sub.number is not None else k}")
        items = [
            _item_doc(it, ids.take(f"{sid}.{slug(it.name, f'item{j}')}"), ids) for j, it in enumerate(sub.items, 1)
        ]
        subs.append({"id": sid, "number": sub.number, "title": {"zh": sub.title, "en": sub.title}, "items": items})
    return {
        "id": pid,
        "box": f"专栏{box.number}",
        "title": {"zh": box.title, "en": box.title},
        "title_inferred": box.title_inferred,
        "subplans": subs,
    }


def _text_programme(items: list[DraftItem], ids: Ids) -> Doc:
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
                    _item_doc(it, ids.take(f"{sid}.{slug(it.name, f'item{j}')}"), ids) for j, it in enumerate(its, 1)
                ],
            }
        )
    title = {"zh": "正文中的可核查目标", "en": "Checkable targets in the running text"}
    return {"id": pid, "box": "正文", "title": title, "title_inferred": True, "subplans": subs}


HEADER = """# DRAFT written by `planchk plan draft` from {source}: every target is `review: pending` until a person
# has held it against the text (quote, source_line) and run `planchk plan review`. See docs/plan-draft.md.
"""


def dump_yaml(doc: Doc, source: str) -> str:
    """The document as YAML: keys in the models' order, Chinese as is, long lines not folded."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # the same date twice is written twice, not as &id001 / *id001

    def _flow_text(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
        # {zh, en} pairs and milestones on one line, as the hand-made plans write them
        flow = set(data) <= {"zh", "en"} or set(data) <= {"year", "value", "comparator", "as_written"}
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow or None)

    _Dumper.add_representer(dict, _flow_text)
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return HEADER.format(source=source) + body


def write_draft(draft: Draft, source: Path, out: Path) -> None:
    """Write targets.yaml, projects.yaml and a copy of the source (so `plan check` finds every quote)."""
    from planchk.output import write_atomic

    (out / "source").mkdir(parents=True, exist_ok=True)
    write_atomic(out / "source" / source.name, source.read_bytes())
    write_atomic(out / "targets.yaml", dump_yaml(draft.targets, source.name).encode("utf-8"))
    write_atomic(out / "projects.yaml", dump_yaml(draft.projects, source.name).encode("utf-8"))


# ── review ──────────────────────────────────────────────────────────────────────────────────────

REVIEW_LINE = re.compile(r"^(?P<indent>\s*)review:\s*pending\s*$")
ID_LINE = re.compile(r"^(?P<indent>\s*)-\s+id:\s*(?P<id>[a-z0-9_.]+)\s*$")


def mark_reviewed(text: str, ids: set[str] | None) -> tuple[str, list[str]]:
    """Turn `review: pending` into `review: reviewed` for the given target ids (all when `ids` is None).

    Edits lines in place, so a reviewer's comments and layout survive. A target is the block that starts
    with `- id: X`; its `review:` key sits two columns right of the dash.
    """
    out, done = [], []
    open_ids: dict[int, str] = {}  # key indent → the id of the block open at that indent
    for line in text.split("\n"):
        m = ID_LINE.match(line)
        if m:
            indent = len(m["indent"]) + 2
            open_ids = {k: v for k, v in open_ids.items() if k < indent}  # deeper blocks (entries) have ended
            open_ids[indent] = m["id"]
        r = REVIEW_LINE.match(line)
        target = open_ids.get(len(r["indent"])) if r else None
        if r and target is not None and (ids is None or target in ids):
            line = f"{r['indent']}review: reviewed"
            done.append(target)
        out.append(line)
    return "\n".join(out), done


# ── the commands ────────────────────────────────────────────────────────────────────────────────

PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def read_source(source: Path) -> str:
    """The plan's text: UTF-8 (with or without BOM), else GB18030, as Chinese government files often are."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UsageError([problem(str(source), "usage.draft_cannot_read", reason=os_reason(exc))]) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError([problem(str(source), "usage.draft_encoding")])


def run_draft(source: Path, out: Path, plan_id: str | None, force: bool, lang: str = "en") -> str:
    """`planchk plan draft SOURCE -o DIR`: write the draft, load it back as any plan; what to print."""
    from planchk.plan.load import load_plan

    if plan_id is not None and not PLAN_ID.match(plan_id):
        raise UsageError([problem("--id", "usage.draft_bad_id", value=plan_id)])
    text = read_source(source)
    if out.exists() and not out.is_dir():
        raise UsageError([problem(str(out), "usage.draft_not_a_directory")])
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError([problem(str(out), "usage.draft_not_empty")])
    draft = draft_plan(text, source.name, plan_id)
    out.mkdir(parents=True, exist_ok=True)
    write_draft(draft, source, out)
    plan = load_plan(out)  # the draft must load like any plan; a failure here is a bug in the drafter
    lines = [say("cli.draft_note", note=note).get(lang) for note in draft.notes]
    lines.append(
        say(
            "cli.draft_wrote",
            out=str(out),
            plan=plan.meta.id,
            start=plan.meta.period_start,
            end=plan.meta.period_end,
            indicators=draft.indicators,
            items=draft.items,
            pending=len(plan.pending_review()),
        ).get(lang)
    )
    return "\n".join(lines) + "\n"


def run_review(directory: Path, ids: set[str] | None, everything: bool, lang: str = "en") -> str:
    """`planchk plan review DIR --all | --id ID…`: mark targets reviewed, in place, load the plan again; what
    to print."""
    from planchk.output import write_atomic
    from planchk.plan.load import load_plan

    if not everything and not ids:
        raise UsageError([problem("planchk plan review", "usage.review_which")])
    plan = load_plan(directory)
    if ids:
        unknown = sorted(ids - set(plan.pending_review()))
        if unknown:
            raise UsageError(
                [problem("--id", "usage.review_unknown", value=unknown[0], plan=plan.meta.id, ids=", ".join(unknown))]
            )
    marked: list[str] = []
    for name in ("targets.yaml", "projects.yaml"):
        path = directory / name
        if not path.exists():
            continue
        text, done = mark_reviewed(path.read_text(encoding="utf-8"), ids)
        if done:
            write_atomic(path, text.encode("utf-8"))
            marked += done
    left = load_plan(directory).pending_review()
    return say("cli.review_done", marked=len(marked), left=len(left)).get(lang) + "\n"
