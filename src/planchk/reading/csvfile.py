"""An actual-year CSV → validated rows for one year, every row accounted for
(docs/rules.md#2-actual-year-files). All problems of a file are collected and raised together."""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import replace
from pathlib import Path

from planchk.diagnostics import Diagnostic, InputError, notice, problem
from planchk.plan.contract import Contract
from planchk.reading.decode import decode, read_limited
from planchk.reading.derived import derived_rows
from planchk.reading.rows import Actuals, YearSource
from planchk.reading.values import check_label, parse_number, parse_value
from planchk.sanitize import shown_path

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
_YEAR_IN_NAME = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# Suggestions ("did you mean") cost a scan of the plan's ids each; a file of thousands of unknown ids
# gets them for the first ones only, so the work stays linear in the file.
MAX_SUGGESTIONS = 50


def read_actuals(path: Path, contract: Contract, year: int | None = None, encoding: str | None = None) -> Actuals:
    """Read one actual-year CSV. All problems of the file are collected and raised together."""
    name = shown_path(path)
    raw = read_limited(path, name)
    text, used_encoding = decode(raw, name, encoding)
    if not text.strip():
        raise InputError(
            [problem(name, "file is empty: expected a header line with at least 'id' and 'value'", line=1)]
        )
    problems: list[Diagnostic] = []
    notices: list[Diagnostic] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError([problem(name, f"cannot parse the header: {exc}", line=1)]) from None
    columns: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, cell in enumerate(header):
        label = cell.strip().lstrip("\ufeff")
        key = HEADER_ALIASES.get(label.lower()) or HEADER_ALIASES.get(label)
        if key is None:
            notices.append(
                notice(
                    name,
                    f"unknown column '{label}' ignored (known: id, value, name, unit, note, source, year)",
                    line=1,
                    column=label,
                    value=label,
                )
            )
            continue
        if key in columns:
            problems.append(
                problem(name, f"column '{label}' repeats column '{shown[key]}'", line=1, column=label, value=label)
            )
            continue
        columns[key], shown[key] = index, label
    if len(header) == 1:
        for sep, sep_name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header[0]:
                raise InputError(
                    [
                        problem(
                            name,
                            f"the header is separated by {sep_name}, not commas: planchk reads "
                            "comma-separated CSV (in Excel: Save As → CSV UTF-8)",
                            line=1,
                            value=header[0],
                        )
                    ]
                )
    for required in ("id", "value"):
        if required not in columns:
            aliases = "/".join(k for k, v in HEADER_ALIASES.items() if v == required)
            problems.append(
                problem(
                    name,
                    f"the header has no '{required}' column (accepted: {aliases}); header is: {','.join(header)}",
                    line=1,
                    column=required,
                )
            )
    if problems:
        raise InputError(problems)

    # Rows are gathered as plain data and validated by Pydantic in one call at the end (see `Actuals`).
    rows: dict[str, dict[str, object]] = {}
    first_line: dict[str, int] = {}  # every known id met, usable or not, so a later duplicate is still reported
    year_cells: dict[str, int] = {}
    blank_lines: list[int] = []
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
            problems.append(problem(name, f"cannot parse the CSV here: {exc}", line=start))
            break
        line = start
        if len(cells) != width:
            if not any(c.strip() for c in cells):
                blank_lines.append(line)
            else:
                problems.append(
                    problem(
                        name,
                        f"row has {len(cells)} cells but the header has {width} (a stray or missing separator?)",
                        line=line,
                        value=",".join(cells),
                    )
                )
            continue
        id_ = cells[id_col].strip()
        raw_value = cells[value_col].strip()
        if year_col is not None:
            year_cells.setdefault(cells[year_col].strip(), line)
        if not id_:
            if raw_value or any(c.strip() for c in cells):
                problems.append(
                    problem(name, "row has a value but no id", line=line, column=shown["id"], value=raw_value)
                )
            else:
                blank_lines.append(line)
            continue
        if id_ in first_line:
            problems.append(
                problem(
                    name,
                    f"duplicate id '{id_}' (first at line {first_line[id_]})",
                    line=line,
                    column=shown["id"],
                    value=id_,
                )
            )
            continue
        spec = specs.get(id_)
        if spec is None:
            if id_ not in suggestions and len(suggestions) < MAX_SUGGESTIONS:
                suggestions[id_] = difflib.get_close_matches(id_, specs, n=1, cutoff=0.6)
            close = suggestions.get(id_)
            hint = f"; did you mean '{close[0]}'?" if close else "; run 'planchk template YEAR' for the list"
            problems.append(problem(name, f"unknown id '{id_}'{hint}", line=line, column=shown["id"], value=id_))
            continue
        reads, unit, name_zh, name_en, detail = spec
        if reads == "derived":
            problems.append(
                problem(
                    name,
                    f"'{id_}' is computed by planchk from {detail}; remove this row",
                    line=line,
                    column=shown["id"],
                    value=id_,
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
        problems.append(problem(name, "the file has a header but no data rows", line=1))
    if blank_lines:
        shown_lines = ", ".join(map(str, blank_lines[:20])) + (" …" if len(blank_lines) > 20 else "")
        notices.append(
            notice(name, f"{len(blank_lines)} blank row(s) ignored (line {shown_lines})", line=blank_lines[0])
        )
    resolved_year, year_source = _resolve_year(path, year, year_cells, shown.get("year"), problems)
    start_year, end_year = contract.period_start, contract.period_end
    if resolved_year and not start_year <= resolved_year <= end_year:
        problems.append(
            problem(
                name,
                f"year {resolved_year} (from the {year_source}) is outside the plan period {start_year}-{end_year}",
                value=str(resolved_year),
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
                problems.append(problem(name, "expected a four-digit year", line=line, column=year_column, value=text))
            else:
                values[int(parsed[0])] = line
        if len(values) > 1:
            first, *rest = sorted(values.items(), key=lambda kv: kv[1])
            for y, line in rest:
                problems.append(
                    problem(
                        name,
                        f"year {y} differs from year {first[0]} at line {first[1]}: one file holds one year",
                        line=line,
                        column=year_column,
                        value=str(y),
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
            problems.append(
                problem(
                    name, "no year: add a 'year' column, pass --year, or put the year in the file name (e.g. 2022.csv)"
                )
            )
        return 0, "option"
    source, year = candidates[0]
    for other_source, other in candidates[1:]:
        if other != year:
            problems.append(
                problem(
                    name,
                    f"the year from the {source} ({year}) contradicts the year from the {other_source} ({other})",
                    column=year_column if source == "column" else None,
                    value=str(other),
                )
            )
    return year, source
