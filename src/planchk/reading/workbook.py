"""A workbook (.xlsx, .xls) → one `Grid` per sheet laid out like the CSV contract; the rows are read by
`reading/grid.py` exactly as a CSV's are (docs/rules.md#workbooks).

A workbook is untrusted input like a CSV, and a ZIP of XML can be made to inflate a thousandfold. So,
before anything is parsed: the file is at most 10 MB (as a CSV); the ZIP's members are checked against
their declared sizes and compression ratios and read only up to them; XML with a DOCTYPE (entity
declarations: "billion laughs") is refused unparsed; a sheet is read row by row and refused past
MAX_SHEET_ROWS rows or MAX_SHEET_COLUMNS columns. .xlsx is read here with the standard library's ZIP and
expat, so a number is read as the text the file stores (2.9722 stays 2.9722, never through a float). .xls
(Excel 97-2003, still WPS's choice in many offices) goes through python-calamine, imported only for it; the
format itself bounds a sheet to 65 536 × 256 cells. .ods is refused with a request to save as .xlsx."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Context, Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any
from xml.parsers import expat

from planchk.diagnostics import Diagnostic, InputError, problem
from planchk.plan.contract import Contract
from planchk.reading.decode import read_limited
from planchk.reading.grid import MAX_ROWS_ABOVE_HEADER, Grid, has_header

# A yearly form is a few hundred rows of a few columns; a sheet past these is refused as it is read.
MAX_SHEET_ROWS = 100_000
MAX_SHEET_COLUMNS = 256
# The XML a workbook may inflate to, in all and per member, and how far one member may be compressed: a
# sheet's XML compresses 5-20×; a zip bomb's a thousandfold.
MAX_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024
MAX_MEMBERS = 10_000

_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
# Number formats 9 and 10 are Excel's built-in 0% and 0.00%.
_PERCENT_FORMATS = {9, 10}
# Excel's built-in date and time formats (ECMA-376 18.8.30, with the Chinese locale's 27-36 and 50-58), by what
# they show: a cell in one of them holds a date or a time, whatever number it stores.
_BUILTIN_DATES: dict[int, str] = {
    **dict.fromkeys((14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58), "date"),
    **dict.fromkeys((18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56), "time"),
    22: "datetime",
}
# The last date a spreadsheet can show (9999-12-31); past it, or below 0, Excel shows ########.
_LAST_SERIAL = 2958465


class _Refused(Exception):
    """Raised inside the XML handlers to stop parsing; carries the problem."""

    def __init__(self, found: Diagnostic):
        self.found = found


def workbook_grids(path: Path, name: str, contract: Contract) -> tuple[list[Grid], str]:
    """The sheets to read as grids, and the workbook's format (xlsx, xls, ods)."""
    raw = read_limited(path, name)
    if not raw:
        raise InputError([problem(name, "input.empty_file")])
    if raw.startswith(b"PK\x03\x04"):
        members = _open_zip(raw, name)
        names = set(members.namelist())
        if "xl/workbook.xml" in names:
            return _xlsx_grids(members, name, contract), "xlsx"
        if "content.xml" in names:  # OpenDocument: not read (a crafted one repeats rows without bound)
            raise InputError([problem(name, "input.workbook_corrupt", detail="OpenDocument (.ods): save it as .xlsx")])
        raise InputError([problem(name, "input.workbook_corrupt", detail="ZIP without a workbook")])
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptedPackage".encode("utf-16-le") in raw:
            raise InputError([problem(name, "input.workbook_encrypted")])
        return _calamine_grids(raw, name, contract, "xls"), "xls"
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in head:
        raise InputError([problem(name, "input.workbook_is_html")])
    if b"\x00" not in raw[:4096]:
        raise InputError([problem(name, "input.workbook_is_text")])
    raise InputError([problem(name, "input.workbook_corrupt", detail="not a ZIP or OLE file")])


# ── the ZIP: checked before anything is inflated ─────────────────────────────────────────────────────
def _open_zip(raw: bytes, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError([problem(name, "input.workbook_corrupt", detail=str(exc))]) from None
    if len(infos) > MAX_MEMBERS:
        raise InputError([problem(name, "input.zip_bomb", member=f"{len(infos)} members", mb=MAX_UNPACKED >> 20)])
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError([problem(name, "input.workbook_encrypted")])
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNPACKED or (info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO):
            raise InputError([problem(name, "input.zip_bomb", member=info.filename, mb=MAX_UNPACKED >> 20)])
    return archive


def _member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """A member's bytes, read no further than its declared (and checked) size; XML with a DOCTYPE is refused."""
    try:
        with archive.open(member) as handle:
            data = handle.read(MAX_UNPACKED + 1)
    except KeyError:
        raise InputError([problem(name, "input.workbook_corrupt", detail=f"no {member}")]) from None
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
        raise InputError([problem(name, "input.workbook_corrupt", detail=f"{member}: {exc}")]) from None
    if len(data) > MAX_UNPACKED:
        raise InputError([problem(name, "input.zip_bomb", member=member, mb=MAX_UNPACKED >> 20)])
    if member.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data):
        raise InputError([problem(name, "input.xml_entities", member=member)])
    return data


def _parse(data: bytes, name: str, member: str, start: Any, end: Any = None, text: Any = None) -> None:
    """Run expat over one member with the given handlers; a DOCTYPE stops it before any entity is declared."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def no_doctype(*_: object) -> None:
        raise _Refused(problem(name, "input.xml_entities", member=member))

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _Refused as stop:
        raise InputError([stop.found]) from None
    except expat.ExpatError as exc:
        raise InputError([problem(name, "input.workbook_corrupt", detail=f"{member}: {exc}")]) from None


# ── .xlsx ─────────────────────────────────────────────────────────────────────────────────────────────
@dataclass
class _Sheet:
    name: str
    path: str
    hidden: bool


def _xlsx_grids(archive: zipfile.ZipFile, name: str, contract: Contract) -> list[Grid]:
    names = set(archive.namelist())
    sheets, date1904 = _xlsx_sheets(archive, name)
    strings = _shared_strings(archive, name) if "xl/sharedStrings.xml" in names else []
    styles = _styles(archive, name) if "xl/styles.xml" in names else _Styles()
    styles.date1904 = date1904
    read: list[tuple[_Sheet, _SheetRows]] = []
    for sheet in sheets:
        if sheet.path not in names:
            raise InputError([problem(name, "input.workbook_corrupt", detail=f"no {sheet.path}")])
        rows = _SheetRows(name, sheet.name, strings, styles)
        _parse(_member(archive, sheet.path, name), name, sheet.path, rows.start, rows.end, rows.text)
        if rows.uncached:
            raise InputError(rows.uncached)
        read.append((sheet, rows))
    return _data_sheets(
        name, [(s.name, r.rows, frozenset(r.rows) if s.hidden else frozenset(r.hidden)) for s, r in read], contract
    )


def _xlsx_sheets(archive: zipfile.ZipFile, name: str) -> tuple[list[_Sheet], bool]:
    """The workbook's sheets, and whether its dates count from 1904 (a Mac workbook's choice)."""
    found: list[tuple[str, str, bool]] = []
    targets: dict[str, str] = {}
    date1904 = {"on": False}

    def on_workbook(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_MAIN} workbookPr":
            date1904["on"] = attrs.get("date1904", "").lower() in ("1", "true")
        elif tag == f"{_MAIN} sheet":
            found.append(
                (attrs.get("name", ""), attrs.get(f"{_REL} id", ""), attrs.get("state", "visible") != "visible")
            )

    def on_rels(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_PKG_REL} Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    _parse(_member(archive, "xl/workbook.xml", name), name, "xl/workbook.xml", on_workbook)
    _parse(_member(archive, "xl/_rels/workbook.xml.rels", name), name, "xl/_rels/workbook.xml.rels", on_rels)
    sheets = []
    for sheet_name, rel, hidden in found:
        target = targets.get(rel, "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        sheets.append(_Sheet(sheet_name, _normalise(path), hidden))
    return sheets, date1904["on"]


def _normalise(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    strings: list[str] = []
    pieces: list[str] = []
    state = {"in_t": False, "phonetic": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_MAIN} si":
            pieces.clear()
        elif tag == f"{_MAIN} rPh":
            state["phonetic"] += 1
        elif tag == f"{_MAIN} t" and not state["phonetic"]:
            state["in_t"] = True

    def end(tag: str) -> None:
        if tag == f"{_MAIN} si":
            strings.append("".join(pieces))
        elif tag == f"{_MAIN} rPh":
            state["phonetic"] -= 1
        elif tag == f"{_MAIN} t":
            state["in_t"] = False

    def text(data: str) -> None:
        if state["in_t"]:
            pieces.append(data)

    _parse(_member(archive, "xl/sharedStrings.xml", name), name, "xl/sharedStrings.xml", start, end, text)
    return strings


@dataclass
class _Styles:
    """What the cell styles (indexes of cellXfs) show of a number: a percentage (a cell typed as 99.8% stores
    0.998, and is read as the 99.8% it shows) or a date or time (3/5 typed into a cell stores 44990, and is
    read as the date it shows), and the workbook's date system."""

    percent: set[int] = field(default_factory=set)
    dates: dict[int, str] = field(default_factory=dict)  # style → date, time or datetime
    date1904: bool = False


def _styles(archive: zipfile.ZipFile, name: str) -> _Styles:
    formats: dict[int, str] = {}
    styles: list[int] = []
    inside = {"cellXfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_MAIN} numFmt":
            formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif tag == f"{_MAIN} cellXfs":
            inside["cellXfs"] = True
        elif tag == f"{_MAIN} xf" and inside["cellXfs"]:
            styles.append(_int(attrs.get("numFmtId")))

    def end(tag: str) -> None:
        if tag == f"{_MAIN} cellXfs":
            inside["cellXfs"] = False

    _parse(_member(archive, "xl/styles.xml", name), name, "xl/styles.xml", start, end)
    percent = {i for i, f in formats.items() if "%" in re.sub(r'"[^"]*"|\\.', "", f)} | _PERCENT_FORMATS
    dates = {i: kind for i, f in formats.items() if (kind := date_kind(f)) is not None}
    dates |= {i: kind for i, kind in _BUILTIN_DATES.items() if i not in formats}
    return _Styles(
        percent={index for index, fmt in enumerate(styles) if fmt in percent},
        dates={index: dates[fmt] for index, fmt in enumerate(styles) if fmt in dates},
    )


def date_kind(code: str) -> str | None:
    """What a number format shows of a number: a date, a time, both (datetime), or neither (None). Its first
    section is read, without its literal text ("年", \\x), padding (_x, *x), colours, locales and conditions in
    brackets ([Red], [$-804]) and the words General and E+ of scientific notation; y, d, e (era year) or a lone
    m make a date; h, s, an elapsed [h]/[m]/[s] or AM/PM (上午/下午) a time."""
    text = re.sub(r'"[^"]*"|\\.|[_*].', "", code).split(";")[0]
    elapsed = re.search(r"\[(h+|m+|s+)\]", text, re.I) is not None
    text = re.sub(r"\[[^\]]*\]", "", text)
    text = re.sub(r"general|g/通用格式|[eE][+-]", "", text, flags=re.I)
    clock = re.search(r"am/pm|a/p|上午/下午", text, re.I) is not None
    text = re.sub(r"am/pm|a/p|上午/下午", "", text, flags=re.I).lower()
    has_time = elapsed or clock or any(c in text for c in "hs")
    has_date = any(c in text for c in "yde") or ("m" in text and not has_time)
    if has_date and has_time:
        return "datetime"
    return "date" if has_date else "time" if has_time else None


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else -1


@dataclass
class _SheetRows:
    """A worksheet's XML → {row number: {column number: text}}, as its cells show them."""

    file: str
    sheet: str
    strings: list[str]
    styles: _Styles
    rows: dict[int, dict[int, str]] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)
    uncached: list[Diagnostic] = field(default_factory=list)
    _row: int = 0
    _col: int = 0
    _cell: dict[str, str] = field(default_factory=dict)
    _texts: list[str] = field(default_factory=list)
    _into: str = ""
    _in_cell: bool = False
    _phonetic: int = 0
    _has_formula: bool = False
    _has_value: bool = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if local == "row":
            self._row = _int(attrs.get("r")) if attrs.get("r") else self._row + 1
            self._col = 0
            if self._row > MAX_SHEET_ROWS or len(self.rows) >= MAX_SHEET_ROWS:
                raise _Refused(self._too_big())
            if attrs.get("hidden") in ("1", "true"):
                self.hidden.add(self._row)
        elif local == "c":
            ref = _CELL_REF.fullmatch(attrs.get("r", ""))
            if ref:
                self._col, row = _column_number(ref.group(1)), int(ref.group(2))
                self._row = row if row else self._row
            else:
                self._col += 1
            if self._col > MAX_SHEET_COLUMNS or self._row > MAX_SHEET_ROWS:
                raise _Refused(self._too_big())
            self._cell, self._in_cell = attrs, True
            self._texts = []
            self._has_formula = self._has_value = False
        elif local in ("v", "t") and self._in_cell and not self._phonetic:
            self._into = local
            self._has_value = True
        elif local == "f":
            self._has_formula = True
        elif local == "rPh":
            self._phonetic += 1

    def text(self, data: str) -> None:
        if self._into:
            self._texts.append(data)

    def end(self, tag: str) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if local in ("v", "t"):
            self._into = ""
        elif local == "rPh":
            self._phonetic -= 1
        elif local == "c" and self._in_cell:
            text = self._value()
            if text:
                self.rows.setdefault(self._row, {})[self._col] = text
            self._cell, self._in_cell = {}, False

    def _value(self) -> str:
        kind = self._cell.get("t", "n")
        raw = "".join(self._texts)
        # A formula's value is the one the spreadsheet saved in <v>. None, or an empty one (<v/>, <v></v>, only
        # spaces: what openpyxl writes for `ws["G2"] = "=1.7+0.04"`), was never computed; but a text formula
        # (t="str") may compute an empty text, =IF(C2="","",C2/10000), which Excel saves as an empty <v>: that
        # cell is empty, as it shows.
        if self._has_formula and (not self._has_value or (not raw.strip() and kind != "str")):
            self.uncached.append(problem(self.file, "input.formula_without_value", line=self._row, sheet=self.sheet))
            self.uncached[-1] = _at(self.uncached[-1], self._col)
            return ""
        if kind == "s":
            index = _int(raw.strip())
            return self.strings[index] if 0 <= index < len(self.strings) else ""
        if kind == "b":
            return "TRUE" if raw.strip() == "1" else "FALSE"
        if kind in ("str", "inlineStr", "e", "d"):
            return raw  # a date cell (t="d") stores its ISO 8601 text, read as the date it is
        style = _int(self._cell.get("s"))
        shows = self.styles.dates.get(style)
        if shows is not None:
            return serial_text(raw.strip(), shows, self.styles.date1904)
        return number_text(raw.strip(), style in self.styles.percent)

    def _too_big(self) -> Diagnostic:
        return problem(
            self.file,
            "input.sheet_too_large",
            line=self._row,
            sheet=self.sheet,
            rows=MAX_SHEET_ROWS,
            columns=MAX_SHEET_COLUMNS,
        )


def _at(found: Diagnostic, column: int) -> Diagnostic:
    from dataclasses import replace

    return replace(found, column_number=column)


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def number_text(raw: str, percent: bool = False) -> str:
    """A number cell as text to read: the digits the file stores, so 2.9722 stays 2.9722. Excel keeps 15
    significant digits but may write 17 for a computed value (2.9721999999999999, 1.2500000000000002); such a
    number is read as Excel shows it, to 15 (2.9722, 1.25). A cell formatted as a percentage shows 99.8% for
    the 0.998 it stores, and is read as 99.8%."""
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return raw
    if not number.is_finite():
        return raw
    long = len(number.as_tuple().digits) > 15
    if long:
        number = Context(prec=15).plus(number)
    if percent:
        return _plain(number * 100) + "%"
    return _plain(number) if long else raw


def serial_text(raw: str, shows: str, date1904: bool = False) -> str:
    """A number in a date or time format as the spreadsheet shows it: 44990 as 2023-03-05, 0.4375 as 10:30,
    44990.4375 as 2023-03-05 10:30 (`shows`: date, time or datetime). The reader then refuses it as the date
    or time it is (reading/values.py). Excel's 1900 system counts a 29 February 1900 that never was (serial 60);
    a Mac workbook counts from 1904. A serial no date can have is shown as Excel shows it, ########."""
    try:
        serial = float(raw)
    except ValueError:
        return raw
    if not 0 <= serial <= _LAST_SERIAL:  # NaN fails both comparisons
        return "########"
    seconds = round(serial * 86400)
    days, seconds = divmod(seconds, 86400)
    if date1904:
        day = (datetime.date(1904, 1, 1) + datetime.timedelta(days=days)).isoformat()
    elif days == 60:
        day = "1900-02-29"
    elif days == 0:
        day = "1900-01-00"
    else:
        day = (datetime.date(1899, 12, 31 if days < 60 else 30) + datetime.timedelta(days=days)).isoformat()
    hours, rest = divmod(seconds, 3600)
    clock = f"{hours:02d}:{rest // 60:02d}" + (f":{rest % 60:02d}" if rest % 60 else "")
    if shows == "date":
        return day
    return clock if shows == "time" else f"{day} {clock}"


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ── .xls and .ods: python-calamine ────────────────────────────────────────────────────────────────────
def _calamine_grids(data: bytes, name: str, contract: Contract, kind: str) -> list[Grid]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets: list[tuple[str, dict[int, dict[int, str]], frozenset[int]]] = []
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            first_row, first_col = sheet.start or (0, 0)
            if first_row + sheet.height > MAX_SHEET_ROWS or first_col + sheet.width > MAX_SHEET_COLUMNS:
                found = problem(
                    name,
                    "input.sheet_too_large",
                    line=first_row + sheet.height,
                    sheet=meta.name,
                    rows=MAX_SHEET_ROWS,
                    columns=MAX_SHEET_COLUMNS,
                )
                raise InputError([found])
            rows: dict[int, dict[int, str]] = {}
            for offset, values in enumerate(sheet.iter_rows()):
                cells = {first_col + i + 1: _calamine_text(v) for i, v in enumerate(values)}
                cells = {c: t for c, t in cells.items() if t}
                if cells:
                    rows[first_row + offset + 1] = cells
            hidden = frozenset(rows) if meta.visible != python_calamine.SheetVisibleEnum.Visible else frozenset()
            sheets.append((meta.name, rows, hidden))
    except python_calamine.PasswordError:
        raise InputError([problem(name, "input.workbook_encrypted")]) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise InputError([problem(name, "input.workbook_corrupt", detail=f"{kind}: {exc}")]) from None
    return _data_sheets(name, sheets, contract)


def _calamine_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)  # the fewest digits that are this float: 2.9722, not 2.9721999999
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, datetime.timedelta):  # a duration ([h]:mm): read as the time it shows
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if hasattr(value, "isoformat"):  # a date, a datetime or a time: read as the date or time it is
        return str(value.isoformat())
    return str(value)


# ── sheets → grids ────────────────────────────────────────────────────────────────────────────────────
def _data_sheets(
    name: str, sheets: list[tuple[str, dict[int, dict[int, str]], frozenset[int]]], contract: Contract
) -> list[Grid]:
    """The sheets laid out like the CSV contract: a header with an `id` column among their first rows.
    Another sheet (instructions, a chart's data) is left out unless it holds a plan id: then its header is
    missing, and that is an error at the first such cell. No sheet with a header: the first sheet with
    anything in it is read, so that its missing columns are reported as a CSV's would be."""
    grids: list[Grid] = []
    problems: list[Diagnostic] = []
    for sheet, rows, hidden in sheets:
        numbers = sorted(rows)
        if any(has_header(_cells(rows[r])) for r in numbers if r <= MAX_ROWS_ABOVE_HEADER + 1):
            grids.append(Grid(file=name, rows=_rows_of(rows), sheet=sheet, hidden=hidden))
            continue
        for r in numbers:
            at = next((c for c, text in sorted(rows[r].items()) if text.strip() in contract.specs), None)
            if at is not None:
                found = problem(name, "input.sheet_without_header", line=r, sheet=sheet, value=rows[r][at])
                problems.append(_at(found, at))
                break
    if problems:
        raise InputError(problems)
    if not grids:
        filled = [(sheet, rows, hidden) for sheet, rows, hidden in sheets if rows]
        if not filled:
            raise InputError([problem(name, "input.empty_file")])
        sheet, rows, hidden = filled[0]
        grids.append(Grid(file=name, rows=_rows_of(rows), sheet=sheet, hidden=hidden))
    return grids


def _cells(row: dict[int, str]) -> list[str]:
    """A row's cells from column A to its last filled one."""
    cells = [""] * max(row, default=0)
    for column, text in row.items():
        cells[column - 1] = text
    return cells


def _rows_of(rows: dict[int, dict[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """Every row from 1 to the last filled one; the empty ones between as empty rows (blank, as in a CSV)."""
    last = max(rows, default=0)
    for number in range(1, last + 1):
        yield number, _cells(rows.get(number, {}))
