"""Actual-year CSV: decode, parse and validate every row against the plan (BRIEF §2)."""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planchk.contract import Contract, RowSpec
from planchk.errors import InputError, Problem

Status = Literal["done", "in_progress", "not_started"]
YearSource = Literal["column", "option", "filename"]

HEADER_ALIASES: dict[str, str] = {
    "id": "id", "编号": "id",
    "value": "value", "数值": "value", "实际值": "value",
    "name": "name", "名称": "name", "指标": "name",
    "unit": "unit", "单位": "unit",
    "note": "note", "备注": "note",
    "source": "source", "来源": "source",
    "year": "year", "年份": "year", "年度": "year",
}
NOT_REPORTED = {"", "-", "—", "–", "--", "——", "n/a", "na", "无"}
STATUS_WORDS: dict[str, Status] = {
    "完成": "done", "已完成": "done", "已建成": "done", "建成": "done", "done": "done", "completed": "done",
    "在建": "in_progress", "进行中": "in_progress", "推进中": "in_progress", "in_progress": "in_progress",
    "in progress": "in_progress",
    "未开工": "not_started", "未启动": "not_started", "not_started": "not_started", "not started": "not_started",
}
STATUS_MEASURES = {"completion"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(\d{4})(?!\d)")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ActualRow(Model):
    line: int
    id: str
    raw: str
    value: float | None = None
    status: Status | None = None
    decimals: int | None = None
    name: str | None = None
    unit: str | None = None
    note: str | None = None
    source: str | None = None

    @property
    def reported(self) -> bool:
        return self.value is not None or self.status is not None


class Actuals(Model):
    file: str
    year: int
    year_source: YearSource
    encoding: str
    value_column: int
    rows: dict[str, ActualRow]
    notices: list[dict[str, object]] = []
    blank_lines: list[int] = []


# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"))
MAGIC = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook?)"),
         (b"\xd0\xcf\x11\xe0", "an old Office document (an .xls workbook?)"), (b"\x89PNG", "a PNG image"),
         (b"\xff\xd8\xff", "a JPEG image"), (b"{\\rtf", "an RTF document"))
# A yearly submission is a few hundred rows (tens of KB). Anything above this is refused before it is
# read in full, which bounds memory and time for any input.
MAX_CSV_BYTES = 10 * 1024 * 1024
# Suggestions ("did you mean") cost a scan of the plan's ids each; a file of thousands of unknown ids
# gets them for the first ones only, so the work stays linear in the file.
MAX_SUGGESTIONS = 50


def read_limited(path: Path, name: str, limit: int = MAX_CSV_BYTES) -> bytes:
    """The file's bytes, refusing (without reading it all) anything larger than `limit`."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError([Problem(name, f"cannot read file: {exc.strerror or exc}")]) from None
    if len(raw) > limit:
        raise InputError([Problem(name, f"file is larger than {limit // (1024 * 1024)} MB: planchk refuses it "
                                        "(a yearly submission is a few hundred rows); is this the right file?")])
    return raw


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode the whole file, or fail: nothing is guessed from a sample."""
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise InputError([Problem(name, f"unknown encoding '{encoding}'", column="--encoding",
                                      value=encoding)]) from None
        except UnicodeDecodeError as exc:
            raise InputError([Problem(name, f"file is not valid {encoding}: byte {exc.start} "
                                            f"({raw[exc.start:exc.start + 1]!r})")]) from None
    for bom, codec in BOMS:
        # The byte-order mark says what the file is: read it as such (Excel's "Unicode text" is UTF-16).
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError([Problem(name, f"file starts with a {codec} byte-order mark but is not valid "
                                                f"{codec} (byte {exc.start + len(bom)})")]) from None
    for magic, kind in MAGIC:
        if raw.startswith(magic):
            raise InputError([Problem(name, f"this is {kind}, not a CSV text file: export or save it as CSV "
                                            "(UTF-8 or GB18030)")])
    if b"\x00" in raw:
        raise InputError([Problem(name, "file contains NUL bytes: it is not a text CSV "
                                        "(a binary file, or UTF-16/32 without a byte-order mark)")])
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError([Problem(name, f"file starts with a UTF-8 BOM but is not valid UTF-8 "
                                            f"(byte {exc.start + 3})")]) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError([Problem(name, f"file is neither UTF-8 nor GB18030 (byte {exc.start}); "
                                        "pass --encoding if you know what it is")]) from None


def parse_number(text: str) -> tuple[float, int, str] | None:
    """Parse '1,234.5', '９９．８', '99.8%', '1.2e3'; return (value, decimals, suffix) or None."""
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    suffix_match = re.search(r"[^\d.eE+\-,]+$", s)
    suffix = ""
    if suffix_match and suffix_match.start() > 0:
        suffix, s = s[suffix_match.start():], s[:suffix_match.start()]
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        return None
    value = float(s)
    mantissa = re.split(r"[eE]", s)[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return value, decimals, suffix


def parse_status(text: str) -> Status | None:
    return STATUS_WORDS.get(unicodedata.normalize("NFKC", text).strip().lower())


def _norm(text: str) -> str:
    return re.sub(r"[\s::()()]", "", unicodedata.normalize("NFKC", text)).lower()


def read_actuals(path: Path, contract: Contract, year: int | None = None, encoding: str | None = None) -> Actuals:
    """Read one actual-year CSV. All problems of the file are collected and raised together."""
    name = str(path)
    raw = read_limited(path, name)
    text, used_encoding = decode(raw, name, encoding)
    if not text.strip():
        raise InputError([Problem(name, "file is empty: expected a header line with at least 'id' and 'value'",
                                  line=1)])
    problems: list[Problem] = []
    notices: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError([Problem(name, f"cannot parse the header: {exc}", line=1)]) from None
    columns: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, cell in enumerate(header):
        label = cell.strip().lstrip("\ufeff")
        key = HEADER_ALIASES.get(label.lower()) or HEADER_ALIASES.get(label)
        if key is None:
            notices.append(Problem(name, f"unknown column '{label}' ignored (known: id, value, name, unit, "
                                         "note, source, year)", line=1, column=label, value=label))
            continue
        if key in columns:
            problems.append(Problem(name, f"column '{label}' repeats column '{shown[key]}'",
                                    line=1, column=label, value=label))
            continue
        columns[key], shown[key] = index, label
    if len(header) == 1:
        for sep, sep_name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header[0]:
                raise InputError([Problem(name, f"the header is separated by {sep_name}, not commas: planchk reads "
                                                "comma-separated CSV (in Excel: Save As → CSV UTF-8)", line=1,
                                          value=header[0])])
    for required in ("id", "value"):
        if required not in columns:
            aliases = "/".join(k for k, v in HEADER_ALIASES.items() if v == required)
            problems.append(Problem(name, f"the header has no '{required}' column (accepted: {aliases}); "
                                          f"header is: {','.join(header)}", line=1, column=required))
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
            problems.append(Problem(name, f"cannot parse the CSV here: {exc}", line=start))
            break
        line = start
        if len(cells) != width:
            if not any(c.strip() for c in cells):
                blank_lines.append(line)
            else:
                problems.append(Problem(name, f"row has {len(cells)} cells but the header has {width} "
                                              "(a stray or missing separator?)", line=line, value=",".join(cells)))
            continue
        id_ = cells[id_col].strip()
        raw_value = cells[value_col].strip()
        if year_col is not None:
            year_cells.setdefault(cells[year_col].strip(), line)
        if not id_:
            if raw_value or any(c.strip() for c in cells):
                problems.append(Problem(name, "row has a value but no id", line=line, column=shown["id"],
                                        value=raw_value))
            else:
                blank_lines.append(line)
            continue
        if id_ in first_line:
            problems.append(Problem(name, f"duplicate id '{id_}' (first at line {first_line[id_]})",
                                    line=line, column=shown["id"], value=id_))
            continue
        spec = specs.get(id_)
        if spec is None:
            if id_ not in suggestions and len(suggestions) < MAX_SUGGESTIONS:
                suggestions[id_] = difflib.get_close_matches(id_, specs, n=1, cutoff=0.6)
            close = suggestions.get(id_)
            hint = f"; did you mean '{close[0]}'?" if close else "; run 'planchk template YEAR' for the list"
            problems.append(Problem(name, f"unknown id '{id_}'{hint}", line=line, column=shown["id"], value=id_))
            continue
        reads, unit, name_zh, name_en, detail = spec
        if reads == "derived":
            problems.append(Problem(name, f"'{id_}' is computed by planchk from {detail}; remove this row",
                                    line=line, column=shown["id"], value=id_))
            continue
        first_line[id_] = line
        row_problems = len(problems)
        row: dict[str, object] = {"line": line, "id": id_, "raw": raw_value}
        for key, col in label_cols:
            given = cells[col].strip()
            if given:
                row[key] = given
        given_name, given_unit = row.get("name"), row.get("unit")
        if given_name or given_unit:
            _check_label((name_zh, name_en), unit, given_name, given_unit, name, line, shown, problems)  # type: ignore[arg-type]
        parsed = _parse_value(id_, spec, raw_value, given_unit, name, line, shown["value"], problems,  # type: ignore[arg-type]
                              notices)
        if len(problems) == row_problems:
            row.update(parsed)
            rows[id_] = row

    if not first_line and not problems:
        problems.append(Problem(name, "the file has a header but no data rows", line=1))
    if blank_lines:
        shown_lines = ", ".join(map(str, blank_lines[:20])) + (" …" if len(blank_lines) > 20 else "")
        notices.append(Problem(name, f"{len(blank_lines)} blank row(s) ignored (line {shown_lines})",
                               line=blank_lines[0]))
    resolved_year, year_source = _resolve_year(path, year, year_cells, shown.get("year"), problems)
    start_year, end_year = contract.period_start, contract.period_end
    if resolved_year and not start_year <= resolved_year <= end_year:
        problems.append(Problem(name, f"year {resolved_year} (from the {year_source}) is outside the plan period "
                                      f"{start_year}-{end_year}", value=str(resolved_year)))
    positions = {label: columns[key] + 1 for key, label in shown.items()}
    if problems:
        raise InputError([_with_col(p, positions) for p in problems])
    rows.update(derived_rows(contract, rows))
    return Actuals.model_validate({
        "file": name, "year": resolved_year, "year_source": year_source, "encoding": used_encoding,
        "value_column": columns["value"] + 1, "rows": rows,
        "notices": [_with_col(n, positions).as_dict() for n in notices], "blank_lines": blank_lines})


def _with_col(problem: Problem, positions: dict[str, int]) -> Problem:
    from dataclasses import replace

    return replace(problem, col=positions.get(problem.column or "")) if problem.column else problem


def _check_label(names: tuple[str, str], unit: str | None, given_name: str | None, given_unit: str | None,
                 file: str, line: int, shown: dict[str, str], problems: list[Problem]) -> None:
    if given_name:
        # "在园幼儿数(万人)" and "其中:普通小学" are the plan's own ways of writing a name.
        g = _norm(re.sub(r"[((][^))]*[))]", "", unicodedata.normalize("NFKC", given_name))).removeprefix("其中")
        if not any(g and (g in _norm(n) or _norm(n) in g) for n in names):
            problems.append(Problem(file, f"name '{given_name}' does not match this id, which is "
                                          f"'{names[0]}' / '{names[1]}' (wrong id on this row?)",
                                    line=line, column=shown["name"], value=given_name))
    if given_unit and unit and _norm(given_unit) != _norm(unit):
        if not (unit == "万人" and _norm(given_unit) == "人"):  # converted in _parse_value
            problems.append(Problem(file, f"unit '{given_unit}' contradicts the plan's unit '{unit}'",
                                    line=line, column=shown["unit"], value=given_unit))


def _parse_value(id_: str, spec: RowSpec, raw: str, given_unit: str | None, file: str, line: int, column: str,
                 problems: list[Problem], notices: list[Problem]) -> dict[str, object]:
    reads, unit, _, _, detail = spec
    plain = _PLAIN_NUMBER.fullmatch(raw) if reads == "number" else None
    if plain is None and unicodedata.normalize("NFKC", raw).strip().lower() in NOT_REPORTED:
        return {}
    if reads == "status":
        status = parse_status(raw)
        if status is None:
            problems.append(Problem(file, "expected a status word: 完成/已建成/done, 在建/进行中/in_progress, "
                                          "未开工/未启动/not_started (or empty when not reported)",
                                    line=line, column=column, value=raw))
            return {}
        return {"status": status}
    if reads == "entries":
        problems.append(Problem(file, f"'{id_}' is judged from its entries; report each entry "
                                      f"({detail}, ...) with a status word instead", line=line, column=column,
                                value=raw))
        return {}
    unit = unit or ""
    if plain is not None:  # the common case, "96.5": no normalising, no unit suffix
        dot = raw.find(".")
        value, decimals, suffix = float(raw), (len(raw) - dot - 1 if dot >= 0 else 0), ""
    else:
        parsed = parse_number(raw)
        if parsed is None:
            problems.append(Problem(file, f"expected a number in {unit or 'the plan unit'}", line=line,
                                    column=column, value=raw))
            return {}
        value, decimals, suffix = parsed
    if not math.isfinite(value):
        problems.append(Problem(file, "expected a finite number", line=line, column=column, value=raw))
        return {}
    per_person = unit == "万人" and (suffix == "人" or (not suffix and given_unit and _norm(given_unit) == "人"))
    if per_person:
        notices.append(Problem(file, f"value {raw} given in 人 converted to {value / 10000:g} 万人",
                               line=line, column=column, value=raw))
        value, decimals = value / 10000, decimals + 4
    elif suffix and _norm(suffix) != _norm(unit):
        problems.append(Problem(file, f"unexpected '{suffix}' after the number; the unit here is "
                                      f"'{unit or 'a plain number'}'", line=line, column=column, value=raw))
        return {}
    if value < 0:
        problems.append(Problem(file, "a negative value is impossible here", line=line, column=column, value=raw))
        return {}
    if unit == "%" and value > 100:
        problems.append(Problem(file, "a rate cannot exceed 100%", line=line, column=column, value=raw))
        return {}
    if unit == "万人" and value >= 1000:
        problems.append(Problem(file, f"{value:g} 万人 is implausible (that is {value * 10000:,.0f} people); "
                                      f"if the figure is in 人, write {value / 10000:g} or set unit to 人",
                                line=line, column=column, value=raw))
        return {}
    return {"value": value, "decimals": decimals}


def _resolve_year(path: Path, option: int | None, year_cells: dict[str, int], year_column: str | None,
                  problems: list[Problem]) -> tuple[int, YearSource]:
    name = str(path)
    candidates: list[tuple[YearSource, int]] = []
    if year_cells:
        values = {}
        for text, line in year_cells.items():
            parsed = parse_number(text)
            if parsed is None or parsed[0] != int(parsed[0]) or parsed[2]:
                problems.append(Problem(name, "expected a four-digit year", line=line, column=year_column,
                                        value=text))
            else:
                values[int(parsed[0])] = line
        if len(values) > 1:
            first, *rest = sorted(values.items(), key=lambda kv: kv[1])
            for y, line in rest:
                problems.append(Problem(name, f"year {y} differs from year {first[0]} at line {first[1]}: "
                                              "one file holds one year", line=line, column=year_column, value=str(y)))
        elif values:
            candidates.append(("column", next(iter(values))))
    if option is not None:
        candidates.append(("option", option))
    in_name = set(_YEAR_IN_NAME.findall(path.stem))
    if len(in_name) == 1:
        candidates.append(("filename", int(in_name.pop())))
    if not candidates:
        if not problems:
            problems.append(Problem(name, "no year: add a 'year' column, pass --year, or put the year in the file "
                                          "name (e.g. 2022.csv)"))
        return 0, "option"
    source, year = candidates[0]
    for other_source, other in candidates[1:]:
        if other != year:
            problems.append(Problem(name, f"the year from the {source} ({year}) contradicts the year from the "
                                          f"{other_source} ({other})", column=year_column if source == "column"
                                    else None, value=str(other)))
    return year, source


def derived_rows(contract: Contract, rows: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Rows planchk computes (Item.derived); missing when any input is missing or the denominator is 0."""
    out: dict[str, dict[str, object]] = {}
    for rule in contract.derivations:
        values = [rows[i].get("value") if i in rows else None for i in rule.numerator + rule.denominator]
        if any(v is None for v in values):
            continue
        numerator = sum(values[:len(rule.numerator)])  # type: ignore[arg-type]
        denominator = sum(values[len(rule.numerator):]) if rule.denominator else 1.0  # type: ignore[arg-type]
        if denominator == 0:
            continue
        expr = "+".join(rule.numerator) + (f" / ({'+'.join(rule.denominator)})" if rule.denominator else "")
        out[rule.item_id] = {"line": 0, "id": rule.item_id, "raw": "", "decimals": 6, "note": f"= {expr}",
                             "value": round(numerator / denominator * rule.factor, 6)}
    return out
