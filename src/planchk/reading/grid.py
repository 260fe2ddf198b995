"""Rows of cells → validated rows, whatever the rows came from: a CSV file (the csv module) or a sheet of a
workbook. The one place where the header is found and every row is read, judged readable, named in a
notice or refused (docs/rules.md#2-actual-year-files); `reading/csvfile.py` and `reading/workbook.py` only
turn their files into a `Grid`, and `reading/actuals.py` joins the parts of one year.

A place in a grid is a row number (a CSV's line, a sheet's row) and, for a cell, its column number; a
diagnostic carries the sheet's name too, so it is shown as `2023.xlsx 统计表!E7` or `2023.csv:7`."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from planchk.diagnostics import Diagnostic, InputError, notice, problem
from planchk.i18n import Bilingual
from planchk.messages import listing, say
from planchk.plan.contract import Contract, RowSpec
from planchk.plan.stamp import COLUMN_ALIASES, Stamp, find_stamp
from planchk.reading.values import CellAt, check_label, parse_value

HEADER_ALIASES: dict[str, str] = {
    "id": "id",
    "编号": "id",
    "value": "value",
    "数值": "value",
    "实际值": "value",
    "name": "name",
    "名称": "name",
    "指标": "name",
    "unit": "unit",
    "单位": "unit",
    "note": "note",
    "备注": "note",
    "source": "source",
    "来源": "source",
    "year": "year",
    "年份": "year",
    "年度": "year",
    # Shown for reference in the .xlsx form (planchk template), read past without a notice.
    "clock": "clock",
    "计数方式": "clock",
    "expected": "expected",
    "本年规划值": "expected",
    # The plan the form is for (plan/stamp.py), on every row of a template's CSV.
    **COLUMN_ALIASES,
}
# The columns read, as the unknown-column notice lists them (each by its English header; the Chinese ones alias them).
KNOWN_COLUMNS = listing(dict.fromkeys(HEADER_ALIASES.values()))
SEPARATORS = {";": "term.semicolons", "\t": "term.tabs", "|": "term.vertical_bars"}
_TOTAL = re.compile(r"(合计|总计|小计|total\b)", re.I)
_YEAR = re.compile(r"\d{4}(?:年度?)?")  # a 年份 cell as forms write it
# Title lines, a `sep=,` line and empty rows above the header; a file with more has no header planchk can find.
MAX_ROWS_ABOVE_HEADER = 20
# Suggestions ("did you mean") cost a scan of the plan's ids each; a file of thousands of unknown ids
# gets them for the first ones only, so the work stays linear in the file.
MAX_SUGGESTIONS = 50


# A year in a title line: 2023年 or a four-digit 20xx standing alone (not part of a longer number).
_TITLE_YEAR = re.compile(r"(?<!\d)(20\d\d)(?=年|\b|[^\d])")


@dataclass
class Grid:
    """Rows of text cells and where they are: `rows` yields (row number, cells), the cells of a sheet from
    its column A. The iterator may raise InputError for a row it cannot read (a CSV's unclosed quote)."""

    file: str
    rows: Iterator[tuple[int, list[str]]]
    sheet: str | None = None
    # Rows of a sheet hidden in the spreadsheet: read like the others, and named in a notice.
    hidden: frozenset[int] = frozenset()
    hidden_sheet: bool = False  # the whole sheet is hidden (its rows are `hidden`)
    # Formulas a sheet holds without a saved value, {row: {column number: formula}}, their cells empty in `rows`:
    # an error where the row is read (reading/workbook.py; a totals row is not).
    formulas: Mapping[int, Mapping[int, str]] = field(default_factory=dict)
    # The plan the workbook says it was made for, found on another sheet (the form's 填写说明), and that sheet.
    stamp: tuple[Stamp, str] | None = None
    # What a CSV's cells are separated by: a tab in Excel's "Unicode text" (reading/csvfile.py).
    separator: str = ","


@dataclass
class Part:
    """What one grid holds: its readable rows by id, and everything said about it."""

    file: str
    sheet: str | None
    header_line: int
    value_column: int
    id_column: tuple[str, int]  # the id column's header as written, and its number
    rows: dict[str, dict[str, object]]
    seen: dict[str, int]  # every known id met, usable or not, and its row: a repeat is reported
    year_cells: dict[str, int]
    year_column: str | None
    # Years a title line above the header names (大渡口区2023年教育事业统计表): year → its line.
    title_years: dict[int, int] = field(default_factory=dict)
    # How many rows give each year cell's text: the year most rows give is the file's (reading/actuals.py).
    year_count: dict[str, int] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    notices: list[Diagnostic] = field(default_factory=list)
    blank_lines: list[int] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)  # header as written → column number
    # Known ids whose value and note cells are both empty: a copy of the form an office left blank there. Such a
    # row is not reported by this part, so another part may report the id (docs/rules.md#one-year-from-several-files).
    unfilled: set[str] = field(default_factory=set)
    # The plan the part says it was made for (plan/stamp.py) and the sheet that says so.
    stamp: tuple[Stamp, str | None] | None = None
    separator: str = ","  # the grid's (Grid.separator)

    def locate(self, found: Diagnostic) -> Diagnostic:
        """A diagnostic about this part, with its column's number and its sheet."""
        return _in_sheet(_with_col(found, self.positions), self.sheet)


def column_key(label: str) -> str | None:
    """The column a header cell names (id, value, ...), by name or alias, or None."""
    return HEADER_ALIASES.get(label.lower()) or HEADER_ALIASES.get(label)


def has_header(cells: list[str]) -> bool:
    return any(column_key(c.strip().lstrip("\ufeff")) == "id" for c in cells)


def read_grid(grid: Grid, contract: Contract) -> Part:
    """Find the header, read every row. Problems of the header raise InputError at once; the rows'
    problems are collected in `Part.problems` (the caller raises them with those of the other parts)."""
    try:
        return _read(grid, contract)
    except InputError as exc:
        raise InputError([_in_sheet(p, grid.sheet) for p in exc.problems]) from None


def _read(grid: Grid, contract: Contract) -> Part:
    header = _read_header(grid)
    reader = _RowReader(grid, header, contract.specs)
    reader.read()
    named = header.stamp or reader.stamp()  # before the problems are taken: rows of two plans are one
    problems, notices = reader.problems, header.notices + reader.notices + reader.gaps()
    shown, columns = header.shown, header.columns
    positions = {label: columns[key] + 1 for key, label in shown.items()}
    return Part(
        file=grid.file,
        sheet=grid.sheet,
        header_line=header.line,
        value_column=columns["value"] + 1,
        id_column=(shown["id"], columns["id"] + 1),
        rows=reader.rows,
        seen=reader.first_line,
        year_cells=reader.year_cells,
        year_column=shown.get("year"),
        title_years=header.title_years,
        year_count=reader.year_count,
        problems=[_in_sheet(_with_col(p, positions), grid.sheet) for p in problems],
        notices=[_in_sheet(_with_col(n, positions), grid.sheet) for n in notices],
        blank_lines=reader.blank_lines,
        positions=positions,
        unfilled=reader.unfilled,
        stamp=_stamp(named, grid),
        separator=grid.separator,
    )


@dataclass
class _Header:
    """The header row: its line, its cells, the known columns (key → index, key → label as written), the years a
    title line above it names, and the notices about it."""

    line: int
    cells: list[str]
    columns: dict[str, int]
    shown: dict[str, str]
    title_years: dict[int, int]
    notices: list[Diagnostic]
    stamp: Stamp | None = None


def _read_header(grid: Grid) -> _Header:
    """Find the header and its columns; a repeated or missing column, or the wrong separator, raises InputError."""
    name = grid.file
    cells, at, above = _find_header(grid)
    stamp = find_stamp(above)
    if stamp is not None:  # the plan's id and version, as planchk template writes them: no title line
        above = [(line, row) for line, row in above if line not in stamp.lines]
    title_years: dict[int, int] = {}
    for line, row in above:
        for cell in row:
            for found in _TITLE_YEAR.findall(cell):
                title_years.setdefault(int(found), line)
    notices = [_above_header(name, above, at)] if above else []
    problems: list[Diagnostic] = []
    columns: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, cell in enumerate(cells):
        label = cell.strip().lstrip("\ufeff")
        key = column_key(label)
        if not label:
            continue  # an empty header cell (the rest of a merged cell, a gap): its column is not read
        if key is None:
            notices.append(
                notice(
                    name,
                    "notice.unknown_column",
                    line=at,
                    column=label,
                    value=one_line_of(label),
                    label=one_line_of(label),
                    known=KNOWN_COLUMNS,
                )
            )
        elif key in columns:
            problems.append(
                problem(
                    name,
                    "input.repeated_column",
                    line=at,
                    column=label,
                    value=one_line_of(label),
                    label=one_line_of(label),
                    first=shown[key],
                )
            )
        else:
            columns[key], shown[key] = index, label
    if len(cells) == 1:
        for sep, sep_name in SEPARATORS.items():
            if sep in cells[0]:
                raise InputError(
                    [problem(name, "input.separator", line=at, value=one_line_of(cells[0]), separator=say(sep_name))]
                )
    for required in ("id", "value"):
        if required not in columns:
            aliases = "/".join(k for k, v in HEADER_ALIASES.items() if v == required)
            header = one_line_of(",".join(cells))
            problems.append(
                problem(
                    name,
                    "input.missing_column",
                    line=at,
                    column=required,
                    name=required,
                    aliases=aliases,
                    header=header,
                )
            )
    if problems:
        raise InputError(problems)
    return _Header(at, cells, columns, shown, title_years, notices, stamp)


def _above_header(name: str, above: list[tuple[int, list[str]]], at: int) -> Diagnostic:
    """The notice naming the rows above the header (a title, Excel's `sep=,` line, empty rows)."""
    title = next((",".join(c for c in cells if c.strip()) for _, cells in above if any(map(str.strip, cells))), None)
    kinds = dict.fromkeys(_above_kind(line, cells) for line, cells in above)
    lines = [line for line, _ in above]
    return notice(
        name,
        "notice.above_header",
        line=lines[0],
        value=title,
        n=len(lines),
        lines=line_list(lines),
        what=listing(say(kind) for kind in kinds),
        header=at,
    )


class _RowReader:
    """Reads the rows under the header. Rows are gathered as plain data and validated by Pydantic in one call at
    the end (see `Actuals`); a row with a problem is left out, its problems kept."""

    def __init__(self, grid: Grid, header: _Header, specs: Mapping[str, RowSpec]) -> None:
        self.grid, self.header, self.specs = grid, header, specs
        columns = header.columns
        self.id_col, self.value_col, self.year_col = columns["id"], columns["value"], columns.get("year")
        self.label_cols = [(key, columns[key]) for key in ("name", "unit", "note", "source") if key in columns]
        shown = header.shown
        self.where: dict[str, object] = {
            "file": grid.file,
            "sheet": grid.sheet,
            "value_header": shown["value"],
            "value_column": self.value_col + 1,
        }
        self.rows: dict[str, dict[str, object]] = {}
        self.first_line: dict[str, int] = {}  # every known id met, usable or not: a later duplicate is reported
        self.year_cells: dict[str, int] = {}
        self.year_count: dict[str, int] = {}
        self.blank_lines: list[int] = []
        self.unfilled: set[str] = set()
        self.year_only_lines: list[int] = []
        self.hidden_lines: list[int] = []
        self.suggestions: dict[str, list[str]] = {}
        self.problems: list[Diagnostic] = []
        self.notices: list[Diagnostic] = []
        self.plan_col, self.version_col = columns.get("plan"), columns.get("plan_version")
        self.plans: dict[str, int] = {}  # each plan id a row names, and the first row naming it
        self.version: tuple[str, int] | None = None  # the first plan version a row names, and its row

    def stamp(self) -> Stamp | None:
        """The plan the rows name in their plan column (a template's CSV), at its first row; rows naming another
        plan are a problem at the first of them (a file holds one plan's rows)."""
        if not self.plans or self.plan_col is None:
            return None
        (first, line), *others = self.plans.items()
        for other, other_line in others:
            found = problem(
                self.grid.file,
                "input.mixed_plans",
                line=other_line,
                column=self.header.shown["plan"],
                value=other,
                plan=other,
                first=first,
                first_line=line,
            )
            self.problems.append(_with_col(found, {self.header.shown["plan"]: self.plan_col + 1}))
        version = self.version[0] if self.version is not None else None
        return Stamp(first, version, line, self.plan_col + 1, named=self.header.shown["plan"])

    def _plan_cells(self, line: int, cells: list[str]) -> None:
        if self.plan_col is not None and cells[self.plan_col]:
            self.plans.setdefault(cells[self.plan_col], line)
        if self.version is None and self.version_col is not None and cells[self.version_col]:
            self.version = (cells[self.version_col], line)

    def read(self) -> None:
        while True:
            try:
                line, cells = next(self.grid.rows)
            except StopIteration:
                break
            except InputError as exc:
                self.problems.extend(exc.problems)
                break
            self._row(line, cells)

    def _row(self, line: int, cells: list[str]) -> None:
        """One row: skipped (blank, only the year, a totals row), refused for its shape, or read by its id."""
        grid, name = self.grid, self.grid.file
        width = len(self.header.cells)  # a CSV row must have the header's cells; a sheet's ends at its last
        stripped = [c.strip() for c in cells]  # once per cell: every check below reads the stripped text
        filled = [i for i, c in enumerate(stripped) if c]
        formulas = grid.formulas.get(line, {})
        if not filled and not formulas:
            self.blank_lines.append(line)
            return
        if filled == [self.year_col] and not formulas:  # only the year: dragged down past the data in a spreadsheet
            self.year_only_lines.append(line)
            return
        word = _total_word(stripped, filled[0], self.id_col, self.specs) if filled else None
        if word is not None:  # its formulas (=SUM(D3:D10)) are not read either, computed or not
            self.notices.append(notice(name, "notice.total_row", line=line, value=word, word=word))
            return
        uncomputed = self._uncomputed(line, formulas, width) if formulas else []
        if uncomputed:
            self.problems += uncomputed
            if self.id_col >= len(stripped) or not stripped[self.id_col]:
                return  # no id to say more of (or the id is the formula)
        if grid.sheet is not None:
            if filled and filled[-1] >= width:
                column = filled[-1]
                outside = problem(
                    name, "input.cell_outside_table", line=line, value=one_line_of(cells[column]), width=width
                )
                self.problems.append(replace(outside, column_number=column + 1))
                return
            stripped = stripped + [""] * (width - len(cells))
        elif len(cells) != width:
            self.problems.append(
                problem(name, "input.ragged_row", line=line, value=",".join(cells), cells=len(cells), width=width)
            )
            return
        if line in grid.hidden:
            self.hidden_lines.append(line)
        if self.year_col is not None:
            text = stripped[self.year_col]
            self.year_cells.setdefault(text, line)
            self.year_count[text] = self.year_count.get(text, 0) + 1
        self._plan_cells(line, stripped)
        self._values(line, stripped, whole=not uncomputed)

    def _uncomputed(self, line: int, formulas: Mapping[int, str], width: int) -> list[Diagnostic]:
        """The errors of a row's formulas without a saved value, in the columns read or outside the table (a
        column read past, 本年规划值 or an unknown one, may hold formulas as it likes)."""
        read = {index: key for key, index in self.header.columns.items() if key not in ("clock", "expected")}
        found: list[Diagnostic] = []
        for number, formula in sorted(formulas.items()):
            key = read.get(number - 1)
            if key is None and number <= width:
                continue
            column = self.header.shown[key] if key is not None else None
            at = problem(
                self.grid.file,
                "input.formula_without_value",
                line=line,
                column=column,
                value=one_line_of(formula) if formula else None,
            )
            found.append(replace(at, column_number=number))
        return found

    def _values(self, line: int, cells: list[str], whole: bool = True) -> None:
        """A row of the table's width, its cells stripped: its id must be a known, new id read from a file; then its
        cells are read (not `whole`: a formula of the row was never computed, an error already)."""
        name, id_header = self.grid.file, self.header.shown["id"]
        id_ = cells[self.id_col]
        raw_value = cells[self.value_col]
        if not id_:
            self.problems.append(
                problem(name, "input.value_without_id", line=line, column=id_header, value=one_line_of(raw_value))
            )
            return
        if id_ in self.first_line:
            first = self.first_line[id_]
            self.problems.append(
                problem(name, "input.duplicate_id", line=line, column=id_header, value=id_, id=id_, first=first)
            )
            return
        spec = self.specs.get(id_)
        if spec is None:
            self.problems.append(self._unknown(id_, line))
            return
        if spec.reads == "derived":
            inputs = listing(spec.ids)
            self.problems.append(
                problem(name, "input.derived_row", line=line, column=id_header, value=id_, id=id_, inputs=inputs)
            )
            return
        self.first_line[id_] = line
        if not whole:
            return
        shown = self.header.shown
        labels: dict[str, str] = {key: cells[col] for key, col in self.label_cols if cells[col]}
        if not raw_value and "note" not in labels:
            self.unfilled.add(id_)
        given_name, given_unit = labels.get("name"), labels.get("unit")
        found = check_label(spec, given_name, given_unit, name, line, shown) if given_name or given_unit else []
        read = parse_value(id_, spec, raw_value, given_unit, CellAt(name, line, shown["value"]))
        self.problems += found + ([read.problem] if read.problem else [])
        self.notices += [read.notice] if read.notice else []
        if not found and read.problem is None:
            self.rows[id_] = {"line": line, "id": id_, "raw": raw_value, **self.where, **labels, **read.fields}

    def _unknown(self, id_: str, line: int) -> Diagnostic:
        """An id the plan does not have, with the closest one it has (for the first MAX_SUGGESTIONS ids)."""
        if id_ not in self.suggestions and len(self.suggestions) < MAX_SUGGESTIONS:
            self.suggestions[id_] = difflib.get_close_matches(id_, self.specs, n=1, cutoff=0.6)
        close = self.suggestions.get(id_)
        hint = say("hint.did_you_mean", suggestion=close[0]) if close else say("hint.template")
        column = self.header.shown["id"]
        shown = one_line_of(id_)
        return problem(self.grid.file, "input.unknown_id", line=line, column=column, value=shown, id=shown, hint=hint)

    def gaps(self) -> list[Diagnostic]:
        """The notices about rows skipped: blank, only the year, hidden in the spreadsheet."""
        name, out = self.grid.file, []
        if self.blank_lines:
            lines = self.blank_lines
            out.append(notice(name, "notice.blank_rows", line=lines[0], n=len(lines), lines=line_list(lines)))
        if self.year_only_lines:
            lines, column = self.year_only_lines, self.header.shown["year"]
            out.append(
                notice(
                    name, "notice.year_only_rows", line=lines[0], column=column, n=len(lines), lines=line_list(lines)
                )
            )
        if self.hidden_lines:
            lines, sheet = self.hidden_lines, self.grid.sheet
            if self.grid.hidden_sheet:
                out.append(
                    notice(name, "notice.hidden_sheet", line=lines[0], n=len(lines), lines=line_list(lines), name=sheet)
                )
            else:
                out.append(notice(name, "notice.hidden_rows", line=lines[0], n=len(lines), lines=line_list(lines)))
        return out


def grid_stamp(grid: Grid) -> tuple[Stamp, str | None] | None:
    """The plan a grid says it was made for, read before any plan is chosen (reading/actuals.py plan_stamp): the
    rows above its header, else its plan column's first filled cell, else the sheet the workbook says it on."""
    cells, _, above = _find_header(grid)
    found = find_stamp(above)
    columns = {column_key(c.strip().lstrip("\ufeff")): i for i, c in enumerate(cells)}
    at, version_at = columns.get("plan"), columns.get("plan_version")
    if found is None and at is not None:
        for line, row in grid.rows:
            plan = row[at].strip() if at < len(row) else ""
            if plan:
                version = row[version_at].strip() if version_at is not None and version_at < len(row) else ""
                found = Stamp(plan, version or None, line, at + 1, named=cells[at].strip().lstrip("\ufeff"))
                break
    return _stamp(found, grid)


def _stamp(found: Stamp | None, grid: Grid) -> tuple[Stamp, str | None] | None:
    """The plan the grid names, and the sheet that names it: its own, else the workbook's (grid.stamp)."""
    return (found, grid.sheet) if found is not None else grid.stamp


def _find_header(grid: Grid) -> tuple[list[str], int, list[tuple[int, list[str]]]]:
    """The header, its row and the rows above it: the first row with an `id` column (by name or alias) among
    the first MAX_ROWS_ABOVE_HEADER, so that a title line, Excel's `sep=,` line or empty rows above the header
    are skipped. Without one, the first non-empty row is the header (and the missing columns are reported)."""
    read: list[tuple[int, list[str]]] = []
    while len(read) <= MAX_ROWS_ABOVE_HEADER:
        try:
            line, cells = next(grid.rows)
        except StopIteration:
            break
        if has_header(cells):
            return cells, line, read
        read.append((line, cells))
    for line, cells in read:  # "id;value": a header with the wrong separator
        for sep, sep_name in SEPARATORS.items():
            if len(cells) == 1 and sep in cells[0] and any(column_key(c.strip()) == "id" for c in cells[0].split(sep)):
                raise InputError(
                    [
                        problem(
                            grid.file,
                            "input.separator",
                            line=line,
                            value=one_line_of(cells[0]),
                            separator=say(sep_name),
                        )
                    ]
                )
    if not read:
        raise InputError([problem(grid.file, "input.empty_file", line=1)])
    line, cells = next(((line, cells) for line, cells in read if any(map(str.strip, cells))), read[0])
    return cells, line, []


def _above_kind(line: int, cells: list[str]) -> str:
    if not any(c.strip() for c in cells):
        return "term.empty_line"
    if line == 1 and [c.strip().lstrip("\ufeff").lower() for c in cells] == ["sep=", ""]:
        return "term.sep_line"
    return "term.title_line"


def _total_word(cells: list[str], first: int, id_col: int, specs: Mapping[str, object]) -> str | None:
    """The 合计/总计/小计/total of a totals row: its first non-empty cell (cells stripped), or the one after a year
    (the form fills the 年份 column of every row, an added totals row too), says so and its id cell is empty (or is
    that cell, not holding a plan id)."""
    word = cells[first]
    if _YEAR.fullmatch(word):
        first = next((i for i in range(first + 1, len(cells)) if cells[i]), first)
        word = cells[first]
    if word in specs or word.isdigit() or not _TOTAL.match(unicodedata.normalize("NFKC", word)):
        return None  # a plan id or a year, as on nearly every row, is no totals word
    id_cell = cells[id_col] if id_col < len(cells) else ""
    return word if not id_cell or (first == id_col and id_cell not in specs) else None


def _with_col(found: Diagnostic, positions: dict[str, int]) -> Diagnostic:
    if found.column and found.column_number is None:
        return replace(found, column_number=positions.get(found.column))
    return found


def _in_sheet(found: Diagnostic, sheet: str | None) -> Diagnostic:
    return replace(found, sheet=sheet) if sheet is not None and found.sheet is None else found


def one_line_of(text: str, most: int = 120) -> str:
    """A cell or a header echoed in a message: at most a line's worth of it."""
    return text if len(text) <= most else text[: most - 1] + "…"


def line_list(lines: list[int], most: int = 20) -> Bilingual:
    """Line numbers in a sentence, the first `most` of them."""
    shown = listing(lines[:most])
    more = " …" if len(lines) > most else ""
    return Bilingual(zh=shown.zh + more, en=shown.en + more)
