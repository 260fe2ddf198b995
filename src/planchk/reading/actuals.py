"""Actual-year files → one year's validated rows (docs/rules.md#2-actual-year-files).

A file is read into parts: a CSV is one part, a workbook one part per sheet laid out like the CSV contract
(`reading/workbook.py`). The parts of one file, or of several files joined with `--combine`, make one
year's data: a row whose value and note are empty is not reported by its part (each office fills its own
copy of the form), an id filled in two parts is an error naming both places; the year comes from the `year`
column, `--year`, the sheet names or the file names, and they must agree. All problems of all the parts are
collected and raised together."""

from __future__ import annotations

import math
import re
from pathlib import Path

from planchk.diagnostics import Diagnostic, InputError, notice, place, problem
from planchk.formats import WORKBOOK_SUFFIXES  # what a file's name ends with when it says it is a workbook
from planchk.messages import listing, say
from planchk.plan.contract import Contract
from planchk.plan.stamp import Stamp
from planchk.reading.derived import derived_rows
from planchk.reading.grid import Part, grid_stamp, read_grid
from planchk.reading.rows import Actuals, PlanStamp, YearSource
from planchk.reading.unit_rows import others_rows
from planchk.reading.values import parse_number
from planchk.sanitize import shown_path

YEAR_SOURCES: dict[YearSource, str] = {
    "column": "term.column",
    "option": "term.option",
    "sheet": "term.sheet_name",
    "filename": "term.filename",
    "title_line": "term.title_year",
}
_YEAR_IN_NAME = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def read_parts(path: Path, contract: Contract, encoding: str | None = None) -> tuple[list[Part], str]:
    """One file's parts and how it was read (its text encoding, or the workbook's format)."""
    name = shown_path(path)
    if is_workbook(path):
        from planchk.reading.workbook import workbook_grids  # Excel readers load only for a workbook

        grids, kind = workbook_grids(path, name, contract)
        parts: list[Part] = []
        problems: list[Diagnostic] = []
        for grid in grids:
            try:
                parts.append(read_grid(grid, contract))
            except InputError as exc:
                problems.extend(exc.problems)
        if problems:
            raise InputError(problems + [p for part in parts for p in part.problems])
        return parts, kind
    from planchk.reading.csvfile import csv_grid

    grid, used_encoding = csv_grid(path, name, encoding)
    return [read_grid(grid, contract)], used_encoding


def read_actuals(path: Path, contract: Contract, year: int | None = None, encoding: str | None = None) -> Actuals:
    """Read one actual-year file (CSV or workbook). All problems of the file are collected and raised together."""
    return read_combined([path], contract, year, encoding)


def read_combined(
    paths: list[Path], contract: Contract, year: int | None = None, encoding: str | None = None
) -> Actuals:
    """One year's data from one file or from several partial files (`--combine`)."""
    problems: list[Diagnostic] = []
    parts: list[Part] = []
    kinds: list[str] = []
    for path in paths:
        try:
            found, kind = read_parts(path, contract, encoding)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        parts += found
        kinds.append(kind)
    if not parts:
        raise InputError(problems)
    return _join(paths, parts, kinds, contract, year, problems)


def read_by_year(paths: list[Path], contract: Contract, encoding: str | None = None) -> list[Actuals]:
    """Files of several years, those of one year joined as under `--combine` (`trend`, `report`), by year.
    Each file's year comes from the file alone; all problems of all the files are raised together."""
    problems: list[Diagnostic] = []
    by_year: dict[int, tuple[list[Path], list[Part], list[str]]] = {}
    for path in dict.fromkeys(paths):
        try:
            parts, kind = read_parts(path, contract, encoding)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        found: list[Diagnostic] = []
        year, _ = _resolve_year([path], parts, None, found)
        if found:
            problems += found + [p for part in parts for p in part.problems]
            continue
        files, year_parts, kinds = by_year.setdefault(year, ([], [], []))
        files.append(path)
        year_parts += parts
        kinds.append(kind)
    joined: list[Actuals] = []
    readable: list[Actuals] = []  # of the years refused, the rows that read well (RefusedFile)
    for year in sorted(by_year):
        try:
            joined.append(_join(*by_year[year], contract, None, []))
        except RefusedFile as exc:
            problems.extend(exc.problems)
            if exc.readable is not None:
                readable.append(exc.readable)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        refused = RefusedYears(problems)
        refused.readable_years = readable
        raise refused
    return joined


def _join(
    paths: list[Path],
    parts: list[Part],
    kinds: list[str],
    contract: Contract,
    year: int | None,
    problems: list[Diagnostic],
) -> Actuals:
    rows = _rows_of(parts, problems)
    first = parts[0]
    if not any(part.seen for part in parts) and not problems:
        problems.append(problem(first.file, "input.no_data_rows", line=first.header_line, sheet=first.sheet))
    resolved_year, year_source = _resolve_year(paths, parts, year, problems)
    start_year, end_year = contract.period_start, contract.period_end
    if resolved_year and not start_year <= resolved_year <= end_year:
        problems.append(
            problem(
                first.file,
                "input.year_outside_period",
                value=str(resolved_year),
                year=resolved_year,
                source=say(YEAR_SOURCES[year_source]),
                start=start_year,
                end=end_year,
            )
        )
    # the plan the file (under --combine, each of its parts) names: a part naming another plan is the one said
    stamps = [found for part in parts if (found := _stamp_of(part)) is not None]
    stamp = next((found for found in stamps if found.id != contract.plan_id), stamps[0] if stamps else None)
    other_plan = _other_plan(stamp, contract)
    if other_plan and contract.bundled:  # no --plan: nobody chose this plan's targets for another plan's form
        problems, other_plan = problems + other_plan, []
    if problems:
        # the rows that read well are checked for slips against this plan's figures, unless they are another plan's
        foreign = stamp is not None and stamp.id != contract.plan_id
        readable = resolved_year and start_year <= resolved_year <= end_year and rows and not foreign
        refused = RefusedFile(problems + other_plan)
        if readable:  # the rows read well, for the checks that still say something of them (runs._Batch.read)
            refused.readable = _actuals(paths, parts, kinds, contract, rows, (resolved_year, year_source), stamp)
        raise refused
    rows.update(derived_rows(contract.derivations, rows))
    return _actuals(paths, parts, kinds, contract, rows, (resolved_year, year_source), stamp)


class RefusedYears(InputError):
    """Files of several years that cannot be judged, with each refused year's rows that read well."""

    readable_years: list[Actuals]


class RefusedFile(InputError):
    """A file that cannot be judged, with the rows of it that read well when its year is known (`readable`): a
    plausibility check of those still tells the user of a slip (0.998 for 99.8 %) in the same run as the other
    problems, instead of after they are fixed."""

    readable: Actuals | None = None


def _actuals(
    paths: list[Path],
    parts: list[Part],
    kinds: list[str],
    contract: Contract,
    rows: dict[str, dict[str, object]],
    year: tuple[int, YearSource],
    stamp: PlanStamp | None,
) -> Actuals:
    first = parts[0]
    resolved_year, year_source = year
    files = list(dict.fromkeys(shown_path(p) for p in paths))
    return Actuals.model_validate(
        {
            "file": " + ".join(files),
            "files": files,
            "year": resolved_year,
            "year_source": year_source,
            "encoding": ", ".join(dict.fromkeys(kinds)),
            "tab_separated": any(part.separator == "\t" for part in parts),
            "value_column": first.value_column,
            "rows": rows,
            "notices": [n for part in parts for n in part.notices]
            + _stamp_notices(stamp, contract)
            + others_rows(parts, contract.units),
            "blank_lines": [line for part in parts for line in part.blank_lines],
            "plan_stamp": stamp,
        }
    )


def _stamp_of(part: Part) -> PlanStamp | None:
    if part.stamp is None:
        return None
    found, sheet = part.stamp
    return _as_plan_stamp(found, part.file, sheet)


def _as_plan_stamp(found: Stamp, file: str, sheet: str | None) -> PlanStamp:
    """The plan a form names, with where it names it (file, sheet, cell, and the label or column it goes by)."""
    return PlanStamp(
        id=found.id,
        version=found.version,
        file=file,
        line=found.line,
        sheet=sheet,
        column=found.column,
        named=found.named,
    )


def _stamp_notices(stamp: PlanStamp | None, contract: Contract) -> list[Diagnostic]:
    """A form made for another plan, or for another version of this one, is judged as the run asks, and said so
    at the cell that names its plan (docs/several-plans.md)."""
    if stamp is None:
        return []
    form_version = stamp.version or "?"
    if stamp.id != contract.plan_id:
        found = notice(
            stamp.file,
            "notice.plan_other",
            value=stamp.id,
            form=stamp.id,
            form_version=form_version,
            plan=contract.plan_id,
            version=contract.plan_version,
        )
    elif stamp.version is not None and stamp.version != contract.plan_version:
        found = notice(
            stamp.file,
            "notice.plan_version_differs",
            value=stamp.version,
            form=stamp.id,
            form_version=form_version,
            version=contract.plan_version,
        )
    else:
        return []
    return [stamp.locate(found)]


def _other_plan(stamp: PlanStamp | None, contract: Contract) -> list[Diagnostic]:
    """A form of another plan fails on that plan's ids and period: said beside its problems, with the way out."""
    if stamp is None or stamp.id == contract.plan_id:
        return []
    found = problem(
        stamp.file,
        "input.form_of_other_plan",
        value=stamp.id,
        form=stamp.id,
        plan=contract.plan_id,
    )
    return [stamp.locate(found)]


def plan_stamp(path: Path, encoding: str | None = None) -> PlanStamp | None:
    """The plan a file says it was made for, read before any plan is chosen (`--plans`: runs.plans): the rows above
    a CSV's header, a workbook's sheets' first rows. A file that cannot be read raises its InputError."""
    name = shown_path(path)
    if is_workbook(path):
        from planchk.reading.workbook import workbook_grids

        grids, _ = workbook_grids(path, name, NO_PLAN, heads=True)
    else:
        from planchk.reading.csvfile import csv_grid

        grids = [csv_grid(path, name, encoding)[0]]
    for grid in grids:
        found = grid_stamp(grid)
        if found is not None:
            stamp, sheet = found
            return _as_plan_stamp(stamp, name, sheet)
    return None


# A contract of no plan: reading a workbook's sheets for their stamp alone (no id is a plan's, so a sheet without a
# header is read no further than its first rows).
NO_PLAN = Contract(plan_id="", plan_version="", period_start=0, period_end=0, specs={}, parts_of={})


def _rows_of(parts: list[Part], problems: list[Diagnostic]) -> dict[str, dict[str, object]]:
    """The rows of all the parts by id: the part that filled a row in gives it; a row left blank (value and
    note empty) in one part only is that part's (missing); one left blank in several is nobody's. An id filled
    in two parts is a problem."""
    rows: dict[str, dict[str, object]] = {}
    filled: dict[str, tuple[Part, int]] = {}
    blank: dict[str, int] = {}  # id → how many parts left it blank
    for part in parts:
        problems += part.problems
        for id_, line in part.seen.items():
            if id_ in part.unfilled:  # left blank here: reported by another part, or by none (then missing)
                blank[id_] = blank.get(id_, 0) + 1
                if id_ in part.rows and id_ not in filled:
                    rows.setdefault(id_, part.rows[id_])
                continue
            if id_ in filled:
                problems.append(_filled_twice(part, line, id_, *filled[id_]))
                continue
            filled[id_] = (part, line)
            if id_ in part.rows:
                rows[id_] = part.rows[id_]
    for id_, copies in blank.items():
        if copies > 1 and id_ not in filled:  # blank in every copy: reported nowhere, read from no one place
            rows.pop(id_, None)
    return rows


def _filled_twice(part: Part, line: int, id_: str, other: Part, other_line: int) -> Diagnostic:
    """An id filled in (a value or a note) in two parts: an error at this part's value cell naming the other's."""
    raw = part.rows.get(id_, {}).get("raw")
    found = problem(
        part.file,
        "input.duplicate_elsewhere",
        line=line,
        column=_value_header(part),
        value=str(raw) if raw else None,
        id=id_,
        other=place(other.file, other_line, other.sheet, other.value_column),
    )
    return part.locate(found)


def _value_header(part: Part) -> str | None:
    """The value column's header as written in this part (value, 数值)."""
    return next((label for label, number in part.positions.items() if number == part.value_column), None)


def _column_year(parts: list[Part], problems: list[Diagnostic]) -> tuple[int, Part, int] | None:
    """The year of the `year` column: the one most rows give; every other, and every cell that is no four-digit
    year (2022, or 2022年 / 2022年度 as Chinese forms write it), is a problem at its own row. None when the column
    gives no single year."""
    values: dict[int, list[tuple[Part, int]]] = {}
    rows_of: dict[int, int] = {}  # how many rows give each year
    for part in parts:
        for text, line in part.year_cells.items():
            parsed = parse_number(text)
            # 1e400 and a 400-digit number read as infinity, which no int() takes; a year has four digits
            if (
                parsed is None
                or not math.isfinite(parsed[0])
                or parsed[0] != int(parsed[0])
                or parsed[2] not in ("", "年", "年度")
                or not 1000 <= parsed[0] <= 9999
            ):
                problems.append(
                    part.locate(problem(part.file, "input.bad_year", line=line, column=part.year_column, value=text))
                )
            else:
                values.setdefault(int(parsed[0]), []).append((part, line))
                rows_of[int(parsed[0])] = rows_of.get(int(parsed[0]), 0) + part.year_count.get(text, 1)
    if len(values) > 1:
        # the year most rows give is the file's; each other year is named at its first row (not the other way
        # round when the odd one is the first row)
        first = max(values, key=lambda y: rows_of[y])
        first_line = values[first][0][1]
        for y, places in values.items():
            if y == first:
                continue
            part, line = places[0]
            problems.append(
                part.locate(
                    problem(
                        part.file,
                        "input.mixed_years",
                        line=line,
                        column=part.year_column,
                        value=str(y),
                        year=y,
                        first=first,
                        first_line=first_line,
                    )
                )
            )
        return None
    if not values:
        return None
    y, ((part, line), *_) = next(iter(values.items()))
    return y, part, line


def _resolve_year(
    paths: list[Path], parts: list[Part], option: int | None, problems: list[Diagnostic]
) -> tuple[int, YearSource]:
    """The year, in order from a `year` column, --year, the sheets' names, the files' names; any two that
    disagree are an error naming both."""
    candidates: list[tuple[YearSource, int, Part | None, str]] = []
    column = _column_year(parts, problems)
    if column is not None:
        candidates.append(("column", column[0], column[1], column[1].file))
    column_line = column[2] if column is not None else None
    if option is not None:
        candidates.append(("option", option, None, "--year"))
    for part in parts:
        in_sheet = set(_YEAR_IN_NAME.findall(part.sheet or ""))
        if len(in_sheet) == 1:
            candidates.append(("sheet", int(in_sheet.pop()), part, part.file))
    for path in dict.fromkeys(paths):
        in_name = set(_YEAR_IN_NAME.findall(path.stem))
        if len(in_name) == 1:
            candidates.append(("filename", int(in_name.pop()), None, shown_path(path)))
    for part in parts:
        # Last: a title line's year (大渡口区2023年教育事业统计表). It names the year when nothing else does,
        # and contradicts a file named 2022.csv whose title says 2023, so the wrong year is never judged.
        if len(part.title_years) == 1:
            candidates.append(("title_line", next(iter(part.title_years)), part, part.file))
    if not candidates:
        if not problems:
            several = sorted(set(_YEAR_IN_NAME.findall(paths[0].stem)))
            problems.append(
                problem(str(paths[0]), "input.several_years_in_name", years=listing(several))
                if len(several) > 1
                else problem(str(paths[0]), "input.no_year")
            )
        return 0, "option"
    source, year, chosen, file = candidates[0]
    for other_source, other, other_part, other_file in candidates[1:]:
        if other != year:
            at_column = source == "column" and chosen is not None and other_source != "sheet"
            found = problem(
                other_file if other_source != "option" and not at_column else file,
                "input.year_conflict",
                # a year column's conflict is said at its first year cell, with that cell's value
                line=column_line if at_column else None,
                column=chosen.year_column if source == "column" and chosen is not None else None,
                value=str(year if at_column else other),
                source=say(YEAR_SOURCES[source]),
                year=year,
                other_source=say(YEAR_SOURCES[other_source]),
                other=other,
            )
            at = other_part if other_source == "sheet" else chosen
            problems.append(at.locate(found) if at is not None else found)
    return year, source
