"""An actual-year CSV → validated rows for one year, every row accounted for
(docs/rules.md#2-actual-year-files). All problems of a file are collected and raised together."""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from planchk.diagnostics import Diagnostic, InputError, notice, problem
from planchk.i18n import Bilingual
from planchk.messages import listing, say
from planchk.plan.contract import Contract
from planchk.reading.decode import decode, read_limited
from planchk.reading.derived import derived_rows
from planchk.reading.rows import Actuals, YearSource
from planchk.reading.values import check_label, parse_number, parse_value
from planchk.sanitize import shown_path

if TYPE_CHECKING:
    from _csv import Reader

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
}
YEAR_SOURCES: dict[YearSource, str] = {"column": "term.column", "option": "term.option", "filename": "term.filename"}
SEPARATORS = {";": "term.semicolons", "\t": "term.tabs", "|": "term.vertical_bars"}
_YEAR_IN_NAME = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# Spreadsheet exports: Excel's first line naming the separator, and the first cell of a totals row.
_SEP_LINE = re.compile(r"sep=(.)[ \t]*(?:\r\n|\r|\n|$)", re.I)
_TOTAL = re.compile(r"(合计|总计|小计|total\b)", re.I)
# Title lines, a `sep=,` line and empty rows above the header; a file with more has no header planchk can find.
MAX_ROWS_ABOVE_HEADER = 20
# Suggestions ("did you mean") cost a scan of the plan's ids each; a file of thousands of unknown ids
# gets them for the first ones only, so the work stays linear in the file.
MAX_SUGGESTIONS = 50


def read_actuals(path: Path, contract: Contract, year: int | None = None, encoding: str | None = None) -> Actuals:
    """Read one actual-year CSV. All problems of the file are collected and raised together."""
    name = shown_path(path)
    raw = read_limited(path, name)
    text, used_encoding = decode(raw, name, encoding)
    if not text.strip():
        raise InputError([problem(name, "input.empty_file", line=1)])
    problems: list[Diagnostic] = []
    notices: list[Diagnostic] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, at, above = _find_header(reader, text, name)
    if above:
        title = next(
            (",".join(c for c in cells if c.strip()) for _, cells in above if any(map(str.strip, cells))), None
        )
        kinds = dict.fromkeys(_above_kind(line, cells) for line, cells in above)
        lines = [line for line, _ in above]
        notices.append(
            notice(
                name,
                "notice.above_header",
                line=lines[0],
                value=title,
                n=len(lines),
                lines=line_list(lines),
                what=listing(say(kind) for kind in kinds),
                header=at,
            )
        )
    columns: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, cell in enumerate(header):
        label = cell.strip().lstrip("\ufeff")
        key = _column_key(label)
        if key is None:
            notices.append(notice(name, "notice.unknown_column", line=at, column=label, value=label, label=label))
            continue
        if key in columns:
            problems.append(
                problem(
                    name, "input.repeated_column", line=at, column=label, value=label, label=label, first=shown[key]
                )
            )
            continue
        columns[key], shown[key] = index, label
    if len(header) == 1:
        for sep, sep_name in SEPARATORS.items():
            if sep in header[0]:
                raise InputError([problem(name, "input.separator", line=at, value=header[0], separator=say(sep_name))])
    for required in ("id", "value"):
        if required not in columns:
            aliases = "/".join(k for k, v in HEADER_ALIASES.items() if v == required)
            problems.append(
                problem(
                    name,
                    "input.missing_column",
                    line=at,
                    column=required,
                    name=required,
                    aliases=aliases,
                    header=",".join(header),
                )
            )
    if problems:
        raise InputError(problems)

    # Rows are gathered as plain data and validated by Pydantic in one call at the end (see `Actuals`).
    rows: dict[str, dict[str, object]] = {}
    first_line: dict[str, int] = {}  # every known id met, usable or not, so a later duplicate is still reported
    year_cells: dict[str, int] = {}
    blank_lines: list[int] = []
    year_only_lines: list[int] = []
    specs = contract.specs
    suggestions: dict[str, list[str]] = {}
    width = len(header)
    id_col, value_col = columns["id"], columns["value"]
    year_col = columns.get("year")
    label_cols = [(key, columns[key]) for key in ("name", "unit", "note", "source") if key in columns]
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(csv_problem(name, exc, start))
            break
        line = start
        filled = [i for i, c in enumerate(cells) if c.strip()]
        if not filled:
            blank_lines.append(line)
            continue
        if filled == [year_col]:  # only the year: dragged down past the data in a spreadsheet
            year_only_lines.append(line)
            continue
        word = _total_word(cells, filled[0], id_col, specs)
        if word is not None:
            notices.append(notice(name, "notice.total_row", line=line, value=word, word=word))
            continue
        if len(cells) != width:
            problems.append(
                problem(name, "input.ragged_row", line=line, value=",".join(cells), cells=len(cells), width=width)
            )
            continue
        id_ = cells[id_col].strip()
        raw_value = cells[value_col].strip()
        if year_col is not None:
            year_cells.setdefault(cells[year_col].strip(), line)
        if not id_:
            problems.append(problem(name, "input.value_without_id", line=line, column=shown["id"], value=raw_value))
            continue
        if id_ in first_line:
            problems.append(
                problem(
                    name, "input.duplicate_id", line=line, column=shown["id"], value=id_, id=id_, first=first_line[id_]
                )
            )
            continue
        spec = specs.get(id_)
        if spec is None:
            if id_ not in suggestions and len(suggestions) < MAX_SUGGESTIONS:
                suggestions[id_] = difflib.get_close_matches(id_, specs, n=1, cutoff=0.6)
            close = suggestions.get(id_)
            hint = say("hint.did_you_mean", suggestion=close[0]) if close else say("hint.template")
            problems.append(
                problem(name, "input.unknown_id", line=line, column=shown["id"], value=id_, id=id_, hint=hint)
            )
            continue
        reads, unit, name_zh, name_en, detail = spec
        if reads == "derived":
            problems.append(
                problem(
                    name,
                    "input.derived_row",
                    line=line,
                    column=shown["id"],
                    value=id_,
                    id=id_,
                    inputs=listing(detail.split(", ")),
                )
            )
            continue
        first_line[id_] = line
        row_problems = len(problems)
        labels: dict[str, str] = {key: cells[col].strip() for key, col in label_cols if cells[col].strip()}
        row: dict[str, object] = {"line": line, "id": id_, "raw": raw_value, **labels}
        given_name, given_unit = labels.get("name"), labels.get("unit")
        if given_name or given_unit:
            check_label((name_zh, name_en), unit, given_name, given_unit, name, line, shown, problems)
        parsed = parse_value(id_, spec, raw_value, given_unit, name, line, shown["value"], problems, notices)
        if len(problems) == row_problems:
            row.update(parsed)
            rows[id_] = row

    if not first_line and not problems:
        problems.append(problem(name, "input.no_data_rows", line=at))
    if blank_lines:
        notices.append(
            notice(name, "notice.blank_rows", line=blank_lines[0], n=len(blank_lines), lines=line_list(blank_lines))
        )
    if year_only_lines:
        notices.append(
            notice(
                name,
                "notice.year_only_rows",
                line=year_only_lines[0],
                column=shown["year"],
                n=len(year_only_lines),
                lines=line_list(year_only_lines),
            )
        )
    resolved_year, year_source = _resolve_year(path, year, year_cells, shown.get("year"), problems)
    start_year, end_year = contract.period_start, contract.period_end
    if resolved_year and not start_year <= resolved_year <= end_year:
        problems.append(
            problem(
                name,
                "input.year_outside_period",
                value=str(resolved_year),
                year=resolved_year,
                source=say(YEAR_SOURCES[year_source]),
                start=start_year,
                end=end_year,
            )
        )
    positions = {label: columns[key] + 1 for key, label in shown.items()}
    if problems:
        raise InputError([_with_col(p, positions) for p in problems])
    rows.update(derived_rows(contract.derivations, rows))
    return Actuals.model_validate(
        {
            "file": name,
            "year": resolved_year,
            "year_source": year_source,
            "encoding": used_encoding,
            "value_column": columns["value"] + 1,
            "rows": rows,
            "notices": [_with_col(n, positions) for n in notices],
            "blank_lines": blank_lines,
        }
    )


def _column_key(label: str) -> str | None:
    """The column a header cell names (id, value, ...), by name or alias, or None."""
    return HEADER_ALIASES.get(label.lower()) or HEADER_ALIASES.get(label)


def _find_header(reader: Reader, text: str, name: str) -> tuple[list[str], int, list[tuple[int, list[str]]]]:
    """The header, its line and the rows above it: the first row with an `id` column (by name or alias) among
    the first MAX_ROWS_ABOVE_HEADER, so that a title line, Excel's `sep=,` line or empty rows above the header
    are skipped. Without one, the first non-empty row is the header (and the missing columns are reported)."""
    declared = _SEP_LINE.match(text.lstrip("\ufeff"))
    if declared and declared.group(1) != ",":
        char = declared.group(1)
        separator = say(SEPARATORS[char]) if char in SEPARATORS else Bilingual(zh=f"「{char}」", en=f"'{char}'")
        raise InputError(
            [
                problem(
                    name,
                    "input.sep_line",
                    line=1,
                    value=declared.group(0).strip(),
                    separator=separator,
                    char=repr(char)[1:-1],
                )
            ]
        )
    read: list[tuple[int, list[str]]] = []
    while len(read) <= MAX_ROWS_ABOVE_HEADER:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError([csv_problem(name, exc, start)]) from None
        if any(_column_key(c.strip().lstrip("\ufeff")) == "id" for c in cells):
            return cells, start, read
        read.append((start, cells))
    for line, cells in read:  # "id;value": a header with the wrong separator
        for sep, sep_name in SEPARATORS.items():
            if len(cells) == 1 and sep in cells[0] and any(_column_key(c.strip()) == "id" for c in cells[0].split(sep)):
                raise InputError([problem(name, "input.separator", line=line, value=cells[0], separator=say(sep_name))])
    line, cells = next(((line, cells) for line, cells in read if any(map(str.strip, cells))), read[0])
    return cells, line, []


def _above_kind(line: int, cells: list[str]) -> str:
    if not any(c.strip() for c in cells):
        return "term.empty_line"
    if line == 1 and [c.strip().lstrip("\ufeff").lower() for c in cells] == ["sep=", ""]:
        return "term.sep_line"
    return "term.title_line"


def _total_word(cells: list[str], first: int, id_col: int, specs: Mapping[str, object]) -> str | None:
    """The 合计/总计/小计/total of a totals row: its first non-empty cell says so and its id cell is empty (or is
    that cell, not holding a plan id)."""
    word = cells[first].strip()
    if not _TOTAL.match(unicodedata.normalize("NFKC", word)):
        return None
    id_cell = cells[id_col].strip() if id_col < len(cells) else ""
    return word if not id_cell or (first == id_col and id_cell not in specs) else None


def _with_col(found: Diagnostic, positions: dict[str, int]) -> Diagnostic:
    return replace(found, column_number=positions.get(found.column or "")) if found.column else found


def _resolve_year(
    path: Path, option: int | None, year_cells: dict[str, int], year_column: str | None, problems: list[Diagnostic]
) -> tuple[int, YearSource]:
    name = shown_path(path)
    candidates: list[tuple[YearSource, int]] = []
    if year_cells:
        values = {}
        for text, line in year_cells.items():
            parsed = parse_number(text)
            if parsed is None or parsed[0] != int(parsed[0]) or parsed[2]:
                problems.append(problem(name, "input.bad_year", line=line, column=year_column, value=text))
            else:
                values[int(parsed[0])] = line
        if len(values) > 1:
            first, *rest = sorted(values.items(), key=lambda kv: kv[1])
            for y, line in rest:
                problems.append(
                    problem(
                        name,
                        "input.mixed_years",
                        line=line,
                        column=year_column,
                        value=str(y),
                        year=y,
                        first=first[0],
                        first_line=first[1],
                    )
                )
        elif values:
            candidates.append(("column", next(iter(values))))
    if option is not None:
        candidates.append(("option", option))
    in_name = set(_YEAR_IN_NAME.findall(path.stem))
    if len(in_name) == 1:
        candidates.append(("filename", int(in_name.pop())))
    if not candidates:
        if not problems:
            problems.append(problem(name, "input.no_year"))
        return 0, "option"
    source, year = candidates[0]
    for other_source, other in candidates[1:]:
        if other != year:
            problems.append(
                problem(
                    name,
                    "input.year_conflict",
                    column=year_column if source == "column" else None,
                    value=str(other),
                    source=say(YEAR_SOURCES[source]),
                    year=year,
                    other_source=say(YEAR_SOURCES[other_source]),
                    other=other,
                )
            )
    return year, source


def line_list(lines: list[int], most: int = 20) -> Bilingual:
    """Line numbers in a sentence, the first `most` of them."""
    shown = listing(lines[:most])
    more = " …" if len(lines) > most else ""
    return Bilingual(zh=shown.zh + more, en=shown.en + more)


def csv_problem(name: str, exc: csv.Error, line: int) -> Diagnostic:
    """What the csv module could not read, in plain words where planchk knows the cause."""
    detail = str(exc)
    if "field larger than field limit" in detail:
        return problem(name, "input.field_too_large", line=line, limit=csv.field_size_limit())
    if "unexpected end of data" in detail:
        return problem(name, "input.unclosed_quote", line=line)
    if "expected after" in detail:
        return problem(name, "input.text_after_quote", line=line)
    return problem(name, "input.csv_error", line=line, detail=detail)
