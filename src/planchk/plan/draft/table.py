"""The indicator table (主要指标 / 专栏1 / 表1), whatever its shape.

Shapes read (each has a test in tests/test_plan_draft_tables.py):

- one cell per line, as a table copied from a web page or a PDF ("指  标" / "2025年" / "2030年" / "属性" /
  "1.学前教育毛入园率(%)" / "92.5" / "95以上" / "约束性" …), with or without a trailing `|`;
- a row per line: a pipe table (`| 指标 | 2025年 |`), tab-separated cells (a spreadsheet or Word copy),
  columns aligned with spaces; a .docx or .html table is written as a pipe table by `sources.py`;
- a row split over lines (its name wrapped, or its values on the next line);
- 其中 rows and rows stacked in one cell ("在校学生数(万人) 其中:小学 初中" / "25.3 16.1 9.2");
- two values in one cell with their labels in the name ("生师比(小学/初中)" / "17/13");
- units in the name, a unit column or the cells; comparators before or after the number; 约束性/预期性 in
  any column; a grouping row (一、发展水平) is a category, never an indicator.

A row the reader cannot read is noted with its line and why (`Table.notes`), never silently dropped. The
years come from the header: nothing here assumes a plan period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planchk.messages import say
from planchk.plan.draft.notes import Note
from planchk.plan.source_text import NUMBER as _NUM
from planchk.plan.source_text import SUFFIX_COMPARATORS, Line

# A line that starts the table: 专栏1 …主要指标, 表1 …主要指标, 主要指标表.
TABLE_TITLE = re.compile(r"主要指标|指标表")
# A header cell and what its column holds. A year column may carry words: 2025年(基期), 基期值(2015年).
HEADER_ROLES: list[tuple[str, str]] = [
    (r"分类|类别|类型|领域|维度", "category"),
    (r"序号|编号", "number"),
    (r"指标|指标名称|指标内容|主要指标|项目", "name"),
    (r"单位|计量单位", "unit"),
    (r"属性|指标属性|指标性质|性质|指标类型", "attribute"),
    (r"备注|说明", "note"),
    (r".{0,8}?(?:19|20)\d\d\s*年?.{0,8}", "year"),
    (r"基期值?|基数|现状值?|基准值?", "base"),
    (r"目标值?|规划目标|预期目标", "target"),
]
ATTRIBUTES = {"约束性": "binding", "预期性": "indicative"}
ATTRIBUTE_CELL = re.compile(r"^\[?[(（]?(约束|预期)性?(指标)?[)）]?\]?$")
# A cell with no value; 新增 / 暂无: a new indicator's base year (a 15th plan's 专栏1)
EMPTY_CELL = {"—", "-", "－", "/", "／", "——", "…", "---", "--", "新增", "新增指标", "暂无", "无"}
# One value: 力争 ≥93 / 99%以上 / 12.3年以上 / 不低于95 / 95左右 / ≤0.5 / 95%及以上
VALUE = re.compile(
    r"(?P<hedge>力争|争取)?\s*"
    r"(?P<pre>≥|>=|＞|>|≤|<=|＜|<|不低于|不少于|不高于|不超过|超过|大于|小于|低于|达到|达|约)?\s*"
    rf"(?P<n>{_NUM})\s*(?P<unit>%|％|万人|年|人/班|人|所|个|亿元|万元)?\s*(?:及)?(?P<post>以上|以下|以内|左右)?"
)
_VALUE_PLAIN = re.sub(r"\?P<\w+>", "?:", VALUE.pattern)  # the same without group names, to repeat it
# A cell of values: one, several stacked ("7.6 4.4") or two for two columns of one row ("17/13").
VALUE_CELL = re.compile(rf"(?:{_VALUE_PLAIN})(?:\s*(?:\s|/|／)\s*(?:{_VALUE_PLAIN}))*")
CELL_COMPARATORS = {
    "≥": ">=",
    ">=": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "达到": ">=",
    "达": ">=",
    "＞": ">",
    ">": ">",
    "超过": ">",
    "大于": ">",
    "≤": "<=",
    "<=": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "＜": "<=",
    "<": "<=",
    "小于": "<=",
    "低于": "<=",
    "约": "approx",
}  # a milestone has no strict "<": <0.5 is read as <=
# Units in a row name: 在园幼儿数(万人), 巩固率（%）; not a remark such as (含民办).
NAME_UNIT = re.compile(r"[(（]\s*(%|％|‰|(?!含|不含|注|按|包括|其中)[^()（）]{1,6})\s*[)）]\s*$")
# Two columns in one cell, named in the row: 生师比(小学/初中), 巩固率(%)(小学/初中)
SLASH_LABELS = re.compile(r"[(（]\s*([^()（）/／]{1,8}(?:\s*[/／]\s*[^()（）/／]{1,8})+)\s*[)）]")
CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.．]")  # 一、学生规模
# A heading that is never a table's category: 第三章 主要任务, 第二节, （一）推进… (a table's categories are 一、…)
OUTSIDE_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]+[章节篇部]|[(（][一二三四五六七八九十]+[)）])")
# A row number before a name: 1.学前… (1)学前… ①学前… (never 12年…: a bare number needs its dot)
ROW_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[(（]\d{1,2}[)）]\s*[.．、]?|[①-⑳]\s*[.．、]?)\s*")
RATE_NAME = re.compile(r"(率|占比|比例|比重)$")
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    blank: bool = False  # an empty cell that keeps its place: a line holding only its `|` in a table of one cell a line


@dataclass(frozen=True)
class CellValue:
    value: float
    comparator: str
    unit: str | None
    hedge: str | None
    as_written: str
    bare: bool = False  # a number alone (no ≥, 以上, 不低于 …): its comparator is the drafter's reading


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
    bare = not (m["pre"] or m["post"] or m["hedge"])
    return CellValue(float(m["n"]), comparator, unit or None, m["hedge"], text.strip(), bare)


def is_value_cell(text: str) -> bool:
    """A cell of numbers (one, several stacked: "7.6 4.4", or two columns: "17/13"), or an empty mark ("—")."""
    return bool(VALUE_CELL.fullmatch(text.strip())) or text.strip() in EMPTY_CELL


def attribute_of(text: str) -> str | None:
    """预期性 / 约束性 as the plan writes it (约束性指标, [约束性], 约束 → 约束性), else None."""
    m = ATTRIBUTE_CELL.match(text.strip())
    return f"{m[1]}性" if m else None


def is_attribute_cell(text: str) -> bool:
    """预期性 / 约束性, once or stacked ("预期性 预期性")."""
    return bool(text.split()) and all(attribute_of(w) for w in text.split())


def tidy_cell(text: str) -> str:
    """A cell without padding: "指  标" → 指标 (a web page spaces out a two-character header)."""
    text = text.strip().replace("\u3000", " ")
    words = text.split()
    if len(words) >= 2 and all(len(w) == 1 and CJK.match(w) for w in words):
        return "".join(words)
    return text


def split_cells(text: str) -> list[str]:
    """A line's cells: at `|` or tabs (keeping empty cells between them, which hold a column's place), else at
    runs of 2+ spaces or a full-width space. A run of single characters is one cell: "指  标" → 指标."""
    if "|" in text or "\t" in text:
        parts = re.split(r"\||\t", text)
        if "|" in text:  # "| a | b |": the pipes at the ends make no cells
            if text.strip().startswith("|"):
                parts = parts[1:]
            if text.strip().endswith("|"):
                parts = parts[:-1]
        cells = [tidy_cell(p) for p in parts]
        while cells and not cells[-1]:
            cells.pop()
        return cells
    parts = [p for p in re.split(r"\s{2,}|\u3000+", text.strip()) if p]
    joined: list[str] = []
    for p in parts:  # "指  标" split at its padding: join single characters again
        if joined and len(p) == 1 and CJK.match(p) and len(joined[-1]) == 1 and CJK.match(joined[-1]):
            joined[-1] += p
        else:
            joined.append(tidy_cell(p))
    return joined


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
class Header:
    """The header's columns: the role of each (name, year, attribute …) and the year of each value column
    (None for 基期值/目标值, whose years come from the plan's period)."""

    roles: list[str]
    years: list[int | None]
    cells: int  # how many cells of the stream the header takes

    def role(self, name: str) -> bool:
        return name in self.roles


@dataclass
class Table:
    box: str
    title_line: int
    years: list[int | None]
    rows: list[Row]
    notes: list[Note]
    end_line: int = 0  # the table's last line: what the running-text rules skip
    layout: str = "cells"  # "cells" (one cell per line) or "rows" (a row per line)
    headings: list[int] = field(default_factory=list)  # lines of its title, header and categories

    def resolved_years(self, baseline_year: int, end: int) -> list[int]:
        """The value columns' years, 基期值 as the baseline year and 目标值 as the plan's last year."""
        out = []
        for k, y in enumerate(self.years):
            out.append(y if y is not None else (baseline_year if k == 0 else end))
        return out

    @property
    def known_years(self) -> list[int]:
        return [y for y in self.years if y is not None]


def find_table(lines: list[Line]) -> int | None:
    """The line index (0-based) of the indicator table's title: "专栏1大渡口区…主要指标", "表1 …主要指标"; without
    a title, the line before a header that starts with 指标 and has a year column."""
    for i, line in enumerate(lines):
        if TABLE_TITLE.search(line.text) and len(line.text) < 80 and "。" not in line.text:
            return i
    for i, line in enumerate(lines):
        cells = split_cells(line.text)
        if cells and _header_role(cells[0]) in ("name", "category", "number"):
            ahead = [c for ln in lines[i : i + 6] for c in split_cells(ln.text)]
            if any(_header_role(c) == "year" for c in ahead[:6]):
                return max(i - 1, 0)
    return None


def _header_role(text: str) -> str | None:
    text = re.sub(r"\s", "", text)
    for pattern, role in HEADER_ROLES:
        if re.fullmatch(pattern, text) and (role != "year" or parse_value(text) is None or "年" in text):
            return role
    return None


def read_header(cells: list[Cell]) -> Header:
    """The header's cells from the start of `cells`: roles, years ("2020年 | 2022年 | 2025年", "基期值(2015年)")."""
    roles: list[str] = []
    years: list[int | None] = []
    for cell in cells:
        role = _header_role(cell.text)
        if role is None and roles and re.fullmatch(r"(19|20)\d\d", cell.text):
            role = "year"  # a bare year after other header words: 指标 | 2025 | 2030
        if role is None:
            break
        if role in ("year", "base", "target"):
            m = re.search(r"((?:19|20)\d\d)", cell.text)
            years.append(int(m[1]) if m else None)
            role = "year"
        roles.append(role)
    return Header(roles, years, len(roles))


def table_cells(lines: list[Line], start: int) -> list[list[Cell]]:
    """The cells of the table whose title is line `start`, a list per line, in reading order.

    The table ends at a blank line after its first value, a line of prose (a sentence with `。`, a long line
    without cells), a note (注:) or a heading no table holds (第三章 主要任务, （一）…). A table copied from a web
    page with a blank line after every cell (指  标 / (blank) / 2020年 / (blank) / …) ends at prose, a note or
    such a heading only. A line holding only `|` is an empty cell of a table copied one cell a line (the base of a
    new indicator), kept so the values after it stay in their columns.
    """
    out: list[list[Cell]] = []
    seen_value = False
    spaced = _blank_between_cells(lines[start:])
    rest = lines[start:]
    for k, line in enumerate(rest):
        text = line.text
        if not text.strip():
            if seen_value and not spaced and _empty_cell_in_row(out, rest[k + 1 : k + 2]):
                out.append([Cell("", line.number, blank=True)])  # 中小学生近视率(%) / (blank) / ≤52: no base
                continue
            if seen_value and not spaced:
                break
            continue
        if seen_value and text.strip() == "|":
            out.append([Cell("", line.number, blank=True)])
            continue
        parts = split_cells(text)
        filled = [p for p in parts if p]
        if not filled:
            continue
        if seen_value and OUTSIDE_HEADING.match(text) and "|" not in text and "\t" not in text:
            break
        if "。" in text or (len(filled) == 1 and len(filled[0]) > 40) or re.match(r"^\s*(注|说明|备注)\s*[:：]", text):
            break
        row = [Cell(p, line.number) for p in parts if not re.fullmatch(r":?-{3,}:?", p)]  # a Markdown rule line
        if not any(c.text for c in row):
            continue
        seen_value = seen_value or any(is_value_cell(c.text) for c in row if c.text)
        out.append(row)
    return out


def _empty_cell_in_row(out: list[list[Cell]], after: list[Line]) -> bool:
    """A blank line inside a table of one cell a line is an empty cell, not the table's end, when a row's name or
    value stands right before it and a value or 属性 right after it (a copied page drops an empty cell's text)."""
    if len(out) < 2 or any(len(cells) != 1 for cells in out[-2:]) or not after:
        return False
    name, nxt = out[-1][0].text, after[0].text.strip().strip("|").strip()
    return _kind(name) in ("text", "value") and _kind(nxt) in ("value", "attribute")


def _blank_between_cells(lines: list[Line], probe: int = 6) -> bool:
    """Whether the table's first `probe` lines (a cell or a row each) stand between blank lines."""
    seen = 0
    for k, line in enumerate(lines):
        if not line.text.strip():
            continue
        if k + 1 < len(lines) and lines[k + 1].text.strip():
            return False
        seen += 1
        if seen == probe:
            return True
    return False


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
    by_line = table_cells(lines, start + 1)
    end_line = by_line[-1][-1].line if by_line else lines[start].number
    first = [c for c in by_line[0] if c.text] if by_line else []
    rows_layout = len(first) >= 3 and read_header(first).cells == len(first)
    if rows_layout:
        header = read_header(by_line[0])
        header_lines = [by_line[0][0].line]
        reader = _RowReader(header)
        kept = [cells for cells in by_line[1:] if any(c.text for c in cells)]
        for row in _join_split_rows(kept, header, reader.notes):
            reader.read_row(row)
    else:
        stream = [c for line_cells in by_line for c in line_cells if c.text or c.blank]
        header = read_header(stream)
        header_lines = sorted({c.line for c in stream[: header.cells]})
        reader = _RowReader(header)
        reader.read_stream(stream[header.cells :])
    reader.finish()
    layout = "rows" if rows_layout else "cells"
    headings = [lines[start].number, *header_lines, *reader.category_lines]
    return Table(box, lines[start].number, header.years, reader.rows, reader.notes, end_line, layout, headings)


def _kind(text: str) -> str:
    """What a cell holds: "" (empty), value, attribute, number (a row number alone), text."""
    if not text:
        return ""
    if is_attribute_cell(text):
        return "attribute"
    if is_value_cell(text):
        return "value"
    return "text"


def _join_split_rows(lines: list[list[Cell]], header: Header, notes: list[Note]) -> list[list[Cell]]:
    """A row per line, with the rows split over two lines joined: a name alone whose values are on the next
    line ("1.学前教育毛入园率(%)" / "92.5  95以上  约束性"), a numbered name wrapped onto the next line
    ("5.义务教育学校专任教师本科以上学历" / "比例(%)  72  85%以上  约束性"), an attribute alone on the next line."""
    out: list[list[Cell]] = []
    for cells in lines:
        filled = [c for c in cells if c.text]
        kinds = [_kind(c.text) for c in filled]
        prev = out[-1] if out else None
        prev_filled = [c for c in prev if c.text] if prev else []
        prev_kinds = [_kind(c.text) for c in prev_filled]
        prev_text_only = bool(prev_filled) and all(k == "text" for k in prev_kinds)
        prev_numbered = prev_text_only and bool(ROW_NUMBER.match(prev_filled[0].text)) and len(prev_filled) == 1
        if prev is not None and kinds and kinds[0] in ("value", "attribute") and prev_text_only:
            out[-1] = prev_filled + filled  # the values of the name above
        elif prev is not None and kinds and all(k == "attribute" for k in kinds) and "attribute" not in prev_kinds:
            out[-1] = prev_filled + filled  # the attribute of the row above, on a line of its own
        elif (
            prev_numbered
            and kinds
            and kinds[0] == "text"
            and not ROW_NUMBER.match(filled[0].text)
            and not CATEGORY.match(filled[0].text)
            and "value" in kinds
        ):
            # the wrapped rest of a numbered name
            out[-1] = [Cell(prev_filled[0].text + filled[0].text, prev_filled[0].line), *filled[1:]]
        else:
            out.append(cells)
    return out


@dataclass
class _RowReader:
    """Reads rows into `Row`s, keeping the category and the 其中 block they are in."""

    header: Header
    rows: list[Row] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    category: str = ""
    category_line: int = 0
    category_rows: int = 0
    total: int | None = None  # the row a 其中 part belongs to
    in_parts: bool = False
    category_lines: list[int] = field(default_factory=list)  # the lines of the categories rows followed

    @property
    def width(self) -> int:
        return max(len(self.header.years), 1)

    # ── a row per line ───────────────────────────────────────────────────────────────────────────
    def read_row(self, cells: list[Cell]) -> None:
        """One line's cells (or two lines joined): by column when it has the header's cells, else by content."""
        roles = self.header.roles
        if len(cells) == len(roles) and "name" in roles:
            by_role: dict[str, list[Cell]] = {}
            for role, cell in zip(roles, cells, strict=True):
                by_role.setdefault(role, []).append(cell)
            category = [c for c in by_role.get("category", []) if c.text]
            names = [c for c in by_role.get("name", []) if c.text]
            if category:
                self._category(category[0])
            values = by_role.get("year", [])
            if not names:
                if any(v.text for v in values):
                    self.notes.append(Note(say("cli.draft_values_without_name", line=cells[0].line)))
                return
            attribute = next((c.text for c in by_role.get("attribute", []) if c.text), None)
            if attribute is not None and not is_attribute_cell(attribute):
                self.notes.append(Note(say("cli.draft_bad_attribute", line=cells[0].line, attribute=attribute)))
                attribute = None
            unit = next((c.text for c in by_role.get("unit", []) if c.text), None)
            if not any(v.text for v in values) and attribute is None:
                self._category(names[0])  # a grouping row: | 一、学生规模 | | | |
                return
            quoted = [c for role, c in zip(roles, cells, strict=True) if c.text and role not in ("category", "number")]
            self._add(names[0], quoted, unit, values, attribute)
            return
        self._read_by_content([c for c in cells if c.text])

    def _read_by_content(self, cells: list[Cell]) -> None:
        """A row whose cells do not line up with the header: a number, text (category, name, unit), values,
        an attribute anywhere, in that order or with the attribute first."""
        if cells and re.fullmatch(r"\d{1,2}", cells[0].text) and len(cells) > 1:
            cells = cells[1:]  # a 序号 cell
        texts: list[Cell] = []
        values: list[Cell] = []
        attribute: str | None = None
        for c in cells:
            kind = _kind(c.text)
            if kind == "value" and not texts:
                self.notes.append(Note(say("cli.draft_value_without_name", line=c.line, cell=c.text)))
                return
            if kind == "value":
                values.append(c)
            elif kind == "attribute":
                attribute = c.text
            elif not values:
                texts.append(c)
        if not values:
            if len(texts) == 1 and attribute is None:
                self._category(texts[0])
            else:
                shown = " | ".join(c.text for c in cells)
                self.notes.append(Note(say("cli.draft_row_without_values", line=cells[0].line, row=shown)))
            return
        name, unit = texts[-1], None
        if len(texts) >= 2 and self.header.role("unit") and not self.header.role("category"):
            name, unit = texts[0], texts[1].text
        elif len(texts) >= 2:
            self._category(texts[0])
            name = texts[1]
            unit = texts[2].text if len(texts) > 2 and self.header.role("unit") else None
        if len(values) > self.width:
            self.notes.append(
                Note(
                    say(
                        "cli.draft_too_many_values",
                        line=name.line,
                        row=name.text,
                        values=len(values),
                        columns=self.width,
                    )
                )
            )
            values = values[: self.width]
        self._add(name, cells, unit, values, attribute)

    # ── one cell per line ────────────────────────────────────────────────────────────────────────
    def read_stream(self, cells: list[Cell]) -> None:
        """Cells in reading order, one per line: a row is its name, a unit cell (with a 单位 column), its values
        and its attribute (before or after the values); a text cell followed by text is a category."""
        i = 0
        while i < len(cells):
            cell = cells[i]
            if _row_number(cells, i) or cell.blank:
                i += 1  # a row number (序号 column) before the row's name; an empty cell between rows
                continue
            if _kind(cell.text) in ("value", "attribute"):
                self.notes.append(Note(say("cli.draft_cell_outside_row", line=cell.line, cell=cell.text)))
                i += 1
                continue
            stacked = self._stacked_span(cells, i)
            if stacked is not None:
                split, j = stacked
                self._add(cell, cells[i:j], None, [], None, split)
                i = j
                continue
            unit_cell, values, attribute, j = self._row_span(cells, i)
            if not values or CATEGORY.match(cell.text):
                self._category(cell)  # a text cell followed by text: a category (学前 教育 / 一、学生规模)
                i += 1
                continue
            self._add(cell, cells[i:j], unit_cell, values, attribute)
            i = j

    def _row_span(self, cells: list[Cell], i: int) -> tuple[str | None, list[Cell], str | None, int]:
        """The cells of the row named by cell i: its unit cell, value cells and attribute, and where it ends."""
        j = i + 1
        unit_cell: str | None = None
        if self.header.role("unit") and j < len(cells) and _kind(cells[j].text) == "text":
            unit_cell = cells[j].text
            j += 1
        values: list[Cell] = []
        attribute = None
        while j < len(cells) and not _row_number(cells, j):
            kind = _kind(cells[j].text)
            if kind == "attribute" and attribute is None and (values or self._attribute_first()):
                attribute = cells[j].text
            elif (kind == "value" or cells[j].blank) and len(values) < self.width:
                values.append(cells[j])  # an empty cell (a line holding only `|`) is an empty value in its column
            else:
                break
            j += 1
            if len(values) == self.width and (attribute is not None or not self.header.role("attribute")):
                break
            if len(values) == self.width and (j >= len(cells) or _kind(cells[j].text) != "attribute"):
                break
        return unit_cell, values, attribute, j

    def _stacked_span(self, cells: list[Cell], i: int) -> tuple[list[tuple[str, list[str], str | None]], int] | None:
        """A stacked cell copied one line per name and value: the name, its 其中 parts, then the values column by
        column, then the attribute. Every name has its values ("1.幼儿园专任教师大专及以上学历占比(%)" /
        "其中:本科及以上占比(%)" / 95.3% / 46.2% / 100% / 55% / 预期性: the total and its part), or only the parts have
        ("4.标准班额班级占比(%)" / "其中:小学" / "初中" / 41.2% / 68.5% / 75%以上 / 90%以上: 小学… and
        初中标准班额班级占比, no total). Returns the rows (name, value texts, attribute) and where they end."""
        m = i
        while m < len(cells) and _kind(cells[m].text) == "text" and not _row_number(cells, m):
            m += 1
        names = cells[i:m]
        if len(names) < 2 or not re.match(r"其中", names[1].text):
            return None
        j, values = m, []
        while j < len(cells) and _kind(cells[j].text) == "value":
            values.append(cells[j].text)
            j += 1
        attribute = cells[j].text if j < len(cells) and _kind(cells[j].text) == "attribute" else None
        j += attribute is not None
        width = self.width
        if len(values) == len(names) * width:
            rows = [c.text for c in names]
        elif len(values) == (len(names) - 1) * width:  # the parts are labels of the name: 小学 / 初中
            base = ROW_NUMBER.sub("", names[0].text, count=1)
            rows = [re.sub(r"^其中\s*[:：]?\s*", "", c.text) + base for c in names[1:]]
        else:
            return None
        k = len(rows)
        return [(name, [values[c * k + r] for c in range(width)], attribute) for r, name in enumerate(rows)], j

    def _attribute_first(self) -> bool:
        roles = self.header.roles
        return "attribute" in roles and "year" in roles and roles.index("attribute") < roles.index("year")

    # ── rows ─────────────────────────────────────────────────────────────────────────────────────
    def _category(self, cell: Cell) -> None:
        self._close_category()
        self.category = re.sub(r"^[一二三四五六七八九十]+[、.．]\s*|\s+", "", cell.text)
        self.category_line, self.category_rows = cell.line, 0
        self.total, self.in_parts = None, False

    def _close_category(self) -> None:
        if self.category and self.category_rows > 0:
            self.category_lines.append(self.category_line)
        if self.category and self.category_rows == 0:
            self.notes.append(Note(say("cli.draft_empty_category", line=self.category_line, category=self.category)))

    def finish(self) -> None:
        self._close_category()

    def _add(
        self,
        cell: Cell,
        row_cells: list[Cell],
        unit_cell: str | None,
        values: list[Cell],
        attribute: str | None,
        split: list[tuple[str, list[str], str | None]] | None = None,
    ) -> None:
        """The row (or the rows stacked or paired in its cells) named by `cell`; `split`: those rows, already read."""
        split = split if split is not None else self._split(cell, values, attribute)
        if split is None:
            return
        quote = " | ".join(c.text for c in row_cells if c.text)
        self.category_rows += 1
        for name, texts, attr in split:
            vals = [parse_value(t) for t in texts]
            if ROW_NUMBER.match(name):  # a numbered row is a row of its own, never a 其中 part
                self.in_parts = False
            name = ROW_NUMBER.sub("", name, count=1)  # a row number: "1.在园幼儿数"
            is_part = bool(re.match(r"其中\s*[:：]?", name))
            name = re.sub(r"^其中\s*[:：]?\s*", "", name)
            unit, unit_from = _row_unit(name, unit_cell, vals)
            part_of = self._part_of(name, is_part, unit, unit_from)
            if part_of is not None and unit is None:
                unit, unit_from = self.rows[part_of].unit, "total"
            if part_of is None:
                self.total = len(self.rows)
            self.rows.append(
                Row(
                    name=NAME_UNIT.sub("", name).strip(),
                    category=self.category,
                    cells=row_cells,
                    values=vals,
                    attribute=attribute_of(attr) if attr else None,
                    unit=unit,
                    unit_from=unit_from,
                    part_of=part_of,
                    line=cell.line,
                    quote=quote,
                )
            )

    def _split(
        self, cell: Cell, values: list[Cell], attribute: str | None
    ) -> list[tuple[str, list[str], str | None]] | None:
        """The rows in one row's cells: (name, value texts, attribute) each. Stacked cells ("25.3 16.1 9.2") give
        one row per value; paired cells ("17/13") one per label of the name ("生师比(小学/初中)")."""
        text = cell.text
        attrs = attribute.split() if attribute else []

        def attr(k: int) -> str | None:
            return attrs[min(k, len(attrs) - 1)] if attrs else None

        # "/" alone is an empty cell (no value), not two
        filled = [v for v in values if v.text and v.text.strip() not in EMPTY_CELL]
        pairs = max((len(re.split(r"\s*[/／]\s*", v.text)) for v in filled), default=1)
        if pairs > 1:
            labels = SLASH_LABELS.search(text)
            parts = re.split(r"\s*[/／]\s*", labels[1]) if labels else []
            if len(parts) != pairs:
                self.notes.append(Note(say("cli.draft_pairs_unnamed", line=cell.line, row=text, values=pairs)))
                return None
            base = (text[: labels.start()] + text[labels.end() :]).strip() if labels else text
            number = ROW_NUMBER.match(base)
            if number:
                base = base[number.end() :]
            out = []
            for k, label in enumerate(parts):
                texts = [_nth(re.split(r"\s*[/／]\s*", v.text), k) for v in values]
                out.append((f"{label.strip()}{base}", texts, attr(k)))
            return out
        stacked = max((len(v.text.split()) for v in values if v.text), default=1)
        if stacked > 1:
            names = split_stacked(text, stacked)
            if names is None:
                self.notes.append(Note(say("cli.draft_stacked_mismatch", line=cell.line, row=text, values=stacked)))
            else:
                return [(name, [_nth(v.text.split(), k) for v in values], attr(k)) for k, name in enumerate(names)]
        return [(text, [v.text for v in values], attr(0))]

    def _part_of(self, name: str, is_part: bool, unit: str | None, unit_from: str) -> int | None:
        """The total a row is part of: a 其中 row, or a row after one in the same block."""
        rows, total = self.rows, self.total
        if total is not None and "%" in (unit, rows[total].unit):
            # a share within a share (大专及以上学历占比, 其中:本科及以上占比) does not add up: a row of its own
            self.in_parts = False
            return None
        if is_part and rows:
            self.in_parts = True
        elif self.in_parts and unit_from in ("name", "cell") and total is not None and unit != rows[total].unit:
            self.in_parts = False  # a row with a unit of its own ends the 其中 block
        elif self.in_parts and RATE_NAME.search(NAME_UNIT.sub("", name).strip()):
            self.in_parts = False
        return total if (is_part or self.in_parts) else None


def _nth(parts: list[str], k: int) -> str:
    """The k-th of a cell's stacked values; a cell with one value ("—") stands for all."""
    if len(parts) == 1:
        return parts[0]
    return parts[k] if k < len(parts) else ""


def _row_number(cells: list[Cell], j: int) -> bool:
    """Cell j is a row number (序号 column): a small whole number right before a row's name."""
    return (
        bool(re.fullmatch(r"\d{1,2}", cells[j].text))
        and j + 1 < len(cells)
        and _kind(cells[j + 1].text) == "text"
    )


def _row_unit(name: str, unit_cell: str | None, values: list[CellValue | None]) -> tuple[str | None, str]:
    """Where a row's unit comes from: its name "(万人)", a unit column, a cell "99%以上", or a rate name (率 → %)."""
    m = NAME_UNIT.search(name)
    if m:
        return ("%" if m[1] == "％" else m[1]), "name"
    if unit_cell:
        return ("%" if unit_cell == "％" else unit_cell), "column"
    for v in values:
        if v is not None and v.unit:
            return v.unit, "cell"
    if RATE_NAME.search(name):
        return "%", "rate name"
    return None, "none"


def kind_of(unit: str) -> str:
    """count / rate / years, from the unit: % → rate, 年 → years."""
    return {"%": "rate", "年": "years"}.get(unit, "count")
