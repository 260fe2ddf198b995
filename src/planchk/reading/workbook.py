"""A workbook (.xlsx, .xlsb, .xls, .ods) → one `Grid` per sheet laid out like the CSV contract; the rows are
read by `reading/grid.py` exactly as a CSV's are (docs/rules.md#workbooks).

A workbook is untrusted input like a CSV, and a ZIP of XML can be made to inflate a thousandfold. So,
before anything is parsed: the file is at most 10 MB (as a CSV); the ZIP's members are checked against
their declared sizes and compression ratios and read only up to them (`reading/package.py`); XML with a
DOCTYPE (entity declarations: "billion laughs") is refused unparsed; a sheet is read row by row and refused
when a cell holding a value lies past MAX_SHEET_ROWS rows or MAX_SHEET_COLUMNS columns. .xlsx (transitional
or Strict Open XML, its parts found through its relationships) is read here with the standard library's ZIP
and expat, so a number is read as the text the file stores (2.9722 stays 2.9722, never through a float).
.xls (Excel 97-2003, still WPS's choice in many offices), .xlsb and .ods go through python-calamine,
imported only for them: .xls is bounded by its format (65 536 × 256 cells); an .xlsb's records and an
.ods's repeats are checked against the same bounds before calamine reads them."""

from __future__ import annotations

import datetime
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Context, Decimal, InvalidOperation
from pathlib import Path
from xml.parsers import expat

from planchk.diagnostics import Diagnostic, InputError, problem
from planchk.messages import listing
from planchk.plan.contract import Contract
from planchk.plan.stamp import Stamp, find_stamp
from planchk.reading.decode import read_limited
from planchk.reading.grid import MAX_ROWS_ABOVE_HEADER, Grid, has_header
from planchk.reading.package import (
    REL_DOCUMENT,
    REL_SHEET,
    REL_STRINGS,
    REL_STYLES,
    Package,
    Refused,
    Stop,
    local,
    not_a_workbook,
    ole_streams,
    parse_xml,
    relationship_id,
    zip_kind,
)

# A yearly form is a few hundred rows of a few columns; a sheet with a value past these is refused as it is read.
MAX_SHEET_ROWS = 100_000
MAX_SHEET_COLUMNS = 256
# The rows of a sheet looked at for a header or a plan id: a sheet with neither there is not a data sheet,
# and the rest of it is not read (a sheet of school records beside the year's form costs nothing).
SHEET_WINDOW = MAX_ROWS_ABOVE_HEADER + 1

_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
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


@dataclass
class _Read:
    """One sheet as read: its name, {row: {column: text}}, its hidden rows (all of them on a hidden sheet), and
    its formulas without a saved value, {row: {column: formula}}, judged with their rows (reading/grid.py)."""

    name: str
    rows: dict[int, dict[int, str]]
    hidden: frozenset[int] = frozenset()
    hidden_sheet: bool = False
    formulas: dict[int, dict[int, str]] = field(default_factory=dict)
    cut: bool = False  # read no further than SHEET_WINDOW rows: not a data sheet


def workbook_grids(path: Path, name: str, contract: Contract, heads: bool = False) -> tuple[list[Grid], str]:
    """The sheets to read as grids, and the workbook's format (xlsx, xlsb, xls, ods); with `heads`, an .xlsx's
    sheets are read no further than their first SHEET_WINDOW rows (the plan a form names: reading/actuals.py)."""
    raw = read_limited(path, name)
    if not raw:
        raise InputError([problem(name, "input.empty_file")])
    if raw.startswith(b"PK\x03\x04"):
        package = Package(raw, name)
        document = package.related("", REL_DOCUMENT) or ("xl/workbook.xml" if package.has("xl/workbook.xml") else None)
        if document is not None and document.lower().endswith(".bin"):
            _check_xlsb(package, document)
            return _calamine_grids(raw, name, contract, "xlsb"), "xlsb"
        if document is not None and package.has(document):
            return _xlsx_grids(package, document, contract, heads), "xlsx"
        if package.has("content.xml") and b"opendocument.spreadsheet" in raw[:200]:
            _check_ods(package)
            return _calamine_grids(raw, name, contract, "ods"), "ods"
        raise not_a_workbook(name, zip_kind(package))
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        streams = ole_streams(raw)
        if {"EncryptionInfo", "EncryptedPackage"} & streams:
            raise InputError([problem(name, "input.workbook_encrypted")])
        if "WordDocument" in streams:
            raise not_a_workbook(name, "term.file_doc")
        if "PowerPoint Document" in streams:
            raise not_a_workbook(name, "term.file_ppt")
        return _calamine_grids(raw, name, contract, "xls"), "xls"
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in head:
        raise InputError([problem(name, "input.workbook_is_html")])
    if b"\x00" not in raw[:4096]:
        raise InputError([problem(name, "input.workbook_is_text")])
    raise not_a_workbook(name, "term.file_unknown")


# ── .xlsx ─────────────────────────────────────────────────────────────────────────────────────────────
@dataclass
class _Sheet:
    name: str
    path: str
    hidden: bool


def _xlsx_grids(package: Package, document: str, contract: Contract, heads: bool = False) -> list[Grid]:
    name = package.name
    sheets, date1904 = _xlsx_sheets(package, document)
    strings_part = package.related(document, REL_STRINGS)
    styles_part = package.related(document, REL_STYLES)
    strings = _Strings(package.read(strings_part), name, strings_part) if strings_part else _Strings(b"", name, "")
    styles = _styles(package, styles_part) if styles_part else _Styles()
    styles.date1904 = date1904
    wanted = set(contract.specs)
    read: list[_Read] = []
    for sheet in sheets:
        rows = _SheetRows(name, sheet.name, strings, styles, wanted, heads=heads)
        package.parse(sheet.path, rows.start, rows.end, rows.text, streamed=True)
        shown = rows.rows.keys() | rows.uncached.keys()
        hidden = frozenset(shown) if sheet.hidden else frozenset(rows.hidden & shown)
        read.append(_Read(sheet.name, rows.rows, hidden, sheet.hidden, rows.uncached, rows.looked_only))
    return _data_sheets(name, read, contract)


def _xlsx_sheets(package: Package, document: str) -> tuple[list[_Sheet], bool]:
    """The workbook's sheets (worksheets: a chart sheet holds no cells), and whether its dates count from
    1904 (a Mac workbook's choice). Elements are matched by their local names, so that a Strict Open XML
    workbook (its own namespaces) reads as a transitional one."""
    found: list[tuple[str, str, bool]] = []
    date1904 = {"on": False}

    def on_workbook(tag: str, attrs: dict[str, str]) -> None:
        what = local(tag)
        if what == "workbookPr":
            date1904["on"] = attrs.get("date1904", "").lower() in ("1", "true")
        elif what == "sheet":
            found.append((attrs.get("name", ""), relationship_id(attrs), attrs.get("state", "visible") != "visible"))

    package.parse(document, on_workbook)
    targets = package.relationships(document)
    if found and not targets:
        raise InputError([problem(package.name, "input.workbook_corrupt", detail=f"no relationships of {document}")])
    sheets = []
    for sheet_name, rel, hidden in found:
        target = targets.get(rel)
        if target is None or not target[0].endswith(REL_SHEET):
            continue  # a chart sheet or a dialog sheet: no cells to read
        if not package.has(target[1]):
            raise InputError([problem(package.name, "input.workbook_corrupt", detail=f"no {target[1]}")])
        sheets.append(_Sheet(sheet_name, target[1], hidden))
    return sheets, date1904["on"]


class _Strings:
    """A workbook's shared strings, each read when a cell read asks for it: a workbook whose other sheets hold
    tens of thousands of records does not pay for their strings. The places of the items are found first;
    a part with comments, CDATA or another encoding than UTF-8 (where a `<si` may not be an item) is read
    whole instead."""

    _ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si(?=[\s>/])")
    _PLAIN = re.compile(rb"<\?xml[^>]*?encoding=[\"'](?!utf-8[\"'])", re.I)

    def __init__(self, data: bytes, name: str, part: str) -> None:
        self.data, self.name, self.part = data, name, part
        self.read: dict[int, str] = {}
        body = data[data.find(b"?>") + 2 :] if data.startswith(b"<?xml") else data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or self._PLAIN.match(data) or b"<!--" in body or b"<![" in body:
            whole = _read_all_strings(data, name, part)
            self.starts: list[int] = list(range(len(whole)))
            self.read = dict(enumerate(whole))
        else:
            self.starts = [m.start() for m in self._ITEM.finditer(data)]

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> str:
        found = self.read.get(index)
        if found is None:
            start = self.starts[index]
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.data)
            found = self.read[index] = _one_string(self.data[start:end], self.name, self.part)
        return found


_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?si\s*>")


def _one_string(item: bytes, name: str, part: str) -> str:
    """One <si> item's text (without its phonetic guide), parsed on its own."""
    closed = _ITEM_END.search(item)
    if closed is None:  # <si/>: an empty item
        return ""
    chunk = item[: closed.end()]
    pieces: list[str] = []
    state = {"in_t": False, "phonetic": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        what = tag.rpartition(":")[2]
        if what == "rPh":
            state["phonetic"] += 1
        elif what == "t" and not state["phonetic"]:
            state["in_t"] = True

    def end(tag: str) -> None:
        what = tag.rpartition(":")[2]
        if what == "rPh":
            state["phonetic"] -= 1
        elif what == "t":
            state["in_t"] = False

    def text(data: str) -> None:
        if state["in_t"]:
            pieces.append(data)

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.buffer_text = True
    try:
        parser.Parse(chunk, True)
    except expat.ExpatError as exc:
        raise InputError([problem(name, "input.workbook_corrupt", detail=f"{part}: {exc}")]) from None
    return "".join(pieces)


def _read_all_strings(data: bytes, name: str, part: str) -> list[str]:
    strings: list[str] = []
    pieces: list[str] = []
    state = {"in_t": False, "phonetic": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        what = local(tag)
        if what == "si":
            pieces.clear()
        elif what == "rPh":
            state["phonetic"] += 1
        elif what == "t" and not state["phonetic"]:
            state["in_t"] = True

    def end(tag: str) -> None:
        what = local(tag)
        if what == "si":
            strings.append("".join(pieces))
        elif what == "rPh":
            state["phonetic"] -= 1
        elif what == "t":
            state["in_t"] = False

    def text(data: str) -> None:
        if state["in_t"]:
            pieces.append(data)

    parse_xml(data, name, part, start, end, text)
    return strings


@dataclass
class _Styles:
    """What the cell styles (indexes of cellXfs) show of a number: a percentage (a cell typed as 99.8% stores
    0.998, and is read as the 99.8% it shows) or a date or time (3/5 typed into a cell stores 44990, and is
    read as the date it shows), and the workbook's date system."""

    percent: set[int] = field(default_factory=set)
    dates: dict[int, str] = field(default_factory=dict)  # style → date, time or datetime
    date1904: bool = False


def _styles(package: Package, part: str) -> _Styles:
    formats: dict[int, str] = {}
    styles: list[int] = []
    inside = {"cellXfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        what = local(tag)
        if what == "numFmt":
            formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif what == "cellXfs":
            inside["cellXfs"] = True
        elif what == "xf" and inside["cellXfs"]:
            styles.append(_int(attrs.get("numFmtId")))

    def end(tag: str) -> None:
        if local(tag) == "cellXfs":
            inside["cellXfs"] = False

    package.parse(part, start, end)
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
    """A worksheet's XML → {row number: {column number: text}}, as its cells show them. A sheet's size is that
    of its cells that hold a value: an empty cell, formatted far away (AMJ1048574), is not part of it. Past
    the first SHEET_WINDOW rows, a sheet that holds neither a header nor a plan id there is read no further."""

    file: str
    sheet: str
    strings: _Strings
    styles: _Styles
    wanted: set[str]  # the plan's ids
    heads: bool = False  # read no sheet past its first SHEET_WINDOW rows
    rows: dict[int, dict[int, str]] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)
    uncached: dict[int, dict[int, str]] = field(default_factory=dict)  # row → column → formula never computed
    _row: int = 0
    _col: int = 0
    _cell: dict[str, str] = field(default_factory=dict)
    _texts: list[str] = field(default_factory=list)
    _formula: list[str] = field(default_factory=list)
    _into: str = ""
    _in_cell: bool = False
    _phonetic: int = 0
    _has_formula: bool = False
    _has_value: bool = False
    _looked: bool = False
    looked_only: bool = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        what = local(tag)
        if what == "c":
            ref = _CELL_REF.fullmatch(attrs.get("r", ""))
            if ref:
                self._col, row = _column_number(ref.group(1)), int(ref.group(2))
                self._row = row if row else self._row
            else:
                self._col += 1
            self._cell, self._in_cell = attrs, True
            self._texts, self._formula = [], []
            self._has_formula = self._has_value = False
        elif what in ("v", "t") and self._in_cell and not self._phonetic:
            self._into = what
            self._has_value = True
        elif what == "row":
            self._row = _int(attrs.get("r")) if attrs.get("r") else self._row + 1
            self._col = 0
            if self._row > SHEET_WINDOW and not self._looked:
                self._looked = True
                if self.heads or not self._data_sheet():
                    self.looked_only = True
                    raise Stop
            if attrs.get("hidden") in ("1", "true"):
                self.hidden.add(self._row)
        elif what == "f" and self._in_cell:
            self._has_formula = True
            self._into = "f"
        elif what == "rPh":
            self._phonetic += 1

    def text(self, data: str) -> None:
        if self._into == "f":
            self._formula.append(data)
        elif self._into:
            self._texts.append(data)

    def end(self, tag: str) -> None:
        what = local(tag)
        if what in ("v", "t", "f"):
            self._into = ""
        elif what == "c" and self._in_cell:
            text = self._value()
            if text is None or text:
                if self._col > MAX_SHEET_COLUMNS or self._row > MAX_SHEET_ROWS or len(self.rows) >= MAX_SHEET_ROWS:
                    raise Refused(self._too_big())
            if text is None:  # the cell is empty, and its row says whether that is a problem (reading/grid.py)
                formula = "".join(self._formula).strip()
                self.uncached.setdefault(self._row, {})[self._col] = f"={formula}" if formula else ""
            elif text:
                self.rows.setdefault(self._row, {})[self._col] = text
            self._cell, self._in_cell = {}, False
        elif what == "rPh":
            self._phonetic -= 1

    def _data_sheet(self) -> bool:
        """Whether the rows read so far hold a header or a plan id."""
        for cells in self.rows.values():
            if has_header(_cells(cells)) or any(text.strip() in self.wanted for text in cells.values()):
                return True
        return False

    def _value(self) -> str | None:
        """The cell's text as it shows; None for a formula whose value was never computed."""
        kind = self._cell.get("t", "n")
        raw = "".join(self._texts)
        # A formula's value is the one the spreadsheet saved in <v>. None, or an empty one (<v/>, <v></v>, only
        # spaces: what openpyxl writes for `ws["G2"] = "=1.7+0.04"`), was never computed; but a text formula
        # (t="str") may compute an empty text, =IF(C2="","",C2/10000), which Excel saves as an empty <v>: that
        # cell is empty, as it shows.
        if self._has_formula and (not self._has_value or (not raw.strip() and kind != "str")):
            return None
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
        found = problem(
            self.file,
            "input.sheet_too_large",
            line=self._row,
            sheet=self.sheet,
            rows=MAX_SHEET_ROWS,
            columns=MAX_SHEET_COLUMNS,
        )
        return replace(found, column_number=self._col)


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


# ── .xls, .xlsb and .ods: python-calamine, behind bounds checked first ───────────────────────────────
def _calamine_grids(data: bytes, name: str, contract: Contract, kind: str) -> list[Grid]:
    """The sheets of a workbook python-calamine reads. An .ods or .xlsb has been checked before (its ZIP, and
    every value cell within MAX_SHEET_ROWS × MAX_SHEET_COLUMNS); an .xls is bounded by its format (65 536 ×
    256 cells)."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets: list[_Read] = []
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
            values = sheet.to_python()
            # The rows come from the sheet's first row or from its first filled one, depending on the format and
            # the version; counted back from the last filled cell, which `start` and the size give, the places are
            # right either way (C5 stays C5 below blank rows).
            top = first_row + sheet.height - len(values) if values else first_row
            rows: dict[int, dict[int, str]] = {}
            for offset, row in enumerate(values):
                left = first_col + sheet.width - len(row)
                cells = {left + i + 1: text for i, v in enumerate(row) if (text := _calamine_text(v))}
                if cells:
                    rows[top + offset + 1] = cells
            hidden_sheet = meta.visible != python_calamine.SheetVisibleEnum.Visible
            sheets.append(_Read(meta.name, rows, frozenset(rows) if hidden_sheet else frozenset(), hidden_sheet))
    except python_calamine.PasswordError:
        raise InputError([problem(name, "input.workbook_encrypted")]) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower() or (kind == "xls" and _xls_filepass(data)):
            raise InputError([problem(name, "input.workbook_encrypted")]) from None
        raise InputError([problem(name, "input.workbook_corrupt", detail=f"{kind}: {str(exc)[:200]}")]) from None
    return _data_sheets(name, sheets, contract)


# An .xls saved with a password to open: its workbook stream's BOF record (BIFF8 or BIFF5), perhaps a WriteProtect
# record, then FilePass (MS-XLS 2.4.117). python-calamine, given the bytes rather than a path, says only that it
# cannot tell the format.
_XLS_FILEPASS = re.compile(rb"\x09\x08(?:\x10\x00.{16}|\x08\x00.{8})(?:\x86\x00\x00\x00)?\x2f\x00", re.DOTALL)


def _xls_filepass(data: bytes) -> bool:
    return _XLS_FILEPASS.search(data) is not None


def _check_ods(package: Package) -> None:
    """An OpenDocument sheet repeats a row or a cell by a count (table:number-rows-repeated): a few bytes can
    ask for millions of cells. Every cell that holds a value must lie within MAX_SHEET_ROWS × MAX_SHEET_COLUMNS,
    repeats counted, before python-calamine reads the file."""
    at = {"row": 0, "col": 0, "rows": 1}
    sheet = {"name": ""}

    def repeat(attrs: dict[str, str], what: str) -> int:
        count = next((v for k, v in attrs.items() if local(k) == f"number-{what}-repeated"), "1")
        return int(count) if count.isdigit() else 1

    def start(tag: str, attrs: dict[str, str]) -> None:
        what = local(tag)
        if what == "table":
            sheet["name"] = next((v for k, v in attrs.items() if local(k) == "name"), "")
            at["row"] = 0
        elif what == "table-row":
            at["rows"] = repeat(attrs, "rows")
            at["col"] = 0
        elif what in ("table-cell", "covered-table-cell"):
            first, at["col"] = at["col"] + 1, at["col"] + repeat(attrs, "columns")
            if any(local(k) == "value-type" for k in attrs):
                last_row = at["row"] + at["rows"]
                if at["col"] > MAX_SHEET_COLUMNS or last_row > MAX_SHEET_ROWS:
                    found = problem(
                        package.name,
                        "input.sheet_too_large",
                        line=max(at["row"] + 1, min(last_row, MAX_SHEET_ROWS + 1)),
                        sheet=sheet["name"],
                        rows=MAX_SHEET_ROWS,
                        columns=MAX_SHEET_COLUMNS,
                    )
                    column = first if at["col"] <= MAX_SHEET_COLUMNS else max(first, MAX_SHEET_COLUMNS + 1)
                    raise Refused(replace(found, column_number=column))

    def end(tag: str) -> None:
        if local(tag) == "table-row":
            at["row"] += at["rows"]

    package.parse("content.xml", start, end, streamed=True)


# BIFF12 (.xlsb) records: a row's header, and the cells that hold a value (not BrtCellBlank, 1).
_BRT_ROW = 0
_BRT_VALUE_CELLS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 62})


def _check_xlsb(package: Package, document: str) -> None:
    """Every cell of an .xlsb's sheets that holds a value lies within MAX_SHEET_ROWS × MAX_SHEET_COLUMNS,
    read from the records before python-calamine reads the file (it would lay a sheet out as its extent)."""
    names = {}
    for rel, target in package.relationships(document).values():
        if rel.endswith(REL_SHEET) and package.has(target):
            names[target] = target.rpartition("/")[2].rpartition(".")[0]
    for part, shown in names.items():
        data = package.read(part)
        row, pos, size = 0, 0, len(data)
        while pos < size:
            kind, pos = _varint(data, pos, 2)
            length, pos = _varint(data, pos, 4)
            body = data[pos : pos + 4]
            pos += length
            if len(body) < 4:
                continue
            if kind == _BRT_ROW:
                row = struct.unpack("<I", body)[0] + 1
            elif kind in _BRT_VALUE_CELLS:
                col = struct.unpack("<I", body)[0] + 1
                if col > MAX_SHEET_COLUMNS or row > MAX_SHEET_ROWS:
                    found = problem(
                        package.name,
                        "input.sheet_too_large",
                        line=row,
                        sheet=shown,
                        rows=MAX_SHEET_ROWS,
                        columns=MAX_SHEET_COLUMNS,
                    )
                    raise InputError([replace(found, column_number=col)])


def _varint(data: bytes, pos: int, most: int) -> tuple[int, int]:
    """A BIFF12 record's type or size: 7 bits a byte, the high bit saying another byte follows."""
    value = 0
    for shift in range(most):
        if pos >= len(data):
            break
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << (7 * shift)
        if not byte & 0x80:
            break
    return value, pos


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
def _data_sheets(name: str, sheets: list[_Read], contract: Contract) -> list[Grid]:
    """The sheets laid out like the CSV contract: a header with an `id` column among their first SHEET_WINDOW
    rows. Another sheet (instructions, a chart's data, records) is left out unless those rows hold a plan id:
    then its header is missing, and that is an error at the first such cell. No sheet with a header: the first
    sheet with anything in it is read, so that its missing columns are reported as a CSV's would be."""
    grids: list[Grid] = []
    problems: list[Diagnostic] = []
    stamp: tuple[Stamp, str] | None = None  # the plan the form names on a sheet of its own (填写说明)
    for sheet in sheets:
        rows = sheet.rows
        window = [r for r in sorted(rows) if r <= SHEET_WINDOW]
        if any(has_header(_cells(rows[r])) for r in window):
            grids.append(_grid(name, sheet))
            continue
        named = find_stamp((r, _cells(rows[r])) for r in window) if stamp is None else None
        if named is not None:
            stamp = (named, sheet.name)
        for r in window:
            at = next((c for c, text in sorted(rows[r].items()) if text.strip() in contract.specs), None)
            if at is not None:
                found = problem(name, "input.sheet_without_header", line=r, sheet=sheet.name, value=rows[r][at])
                problems.append(replace(found, column_number=at))
                break
    if problems:
        raise InputError(problems)
    if not grids:
        filled = [sheet for sheet in sheets if sheet.rows]
        if not filled and any(sheet.cut for sheet in sheets):
            shown = listing(sheet.name for sheet in sheets)
            raise InputError([problem(name, "input.no_data_sheet", rows=SHEET_WINDOW, sheets=shown)])
        if not filled:
            raise InputError([problem(name, "input.empty_file")])
        grids.append(_grid(name, filled[0]))
    for grid in grids:
        grid.stamp = stamp
    return grids


def _grid(name: str, sheet: _Read) -> Grid:
    # A row holding nothing but a formula never computed is a row too (its cells empty), not the sheet's end.
    last = max(sheet.rows.keys() | sheet.formulas.keys(), default=0)
    return Grid(
        file=name,
        rows=_rows_of(sheet.rows, last),
        sheet=sheet.name,
        hidden=sheet.hidden,
        hidden_sheet=sheet.hidden_sheet,
        formulas=sheet.formulas,
    )


def _cells(row: dict[int, str]) -> list[str]:
    """A row's cells from column A to its last filled one."""
    cells = [""] * max(row, default=0)
    for column, text in row.items():
        cells[column - 1] = text
    return cells


def _rows_of(rows: dict[int, dict[int, str]], last: int) -> Iterator[tuple[int, list[str]]]:
    """Every row from 1 to `last`; the empty ones between as empty rows (blank, as in a CSV)."""
    for number in range(1, last + 1):
        yield number, _cells(rows.get(number, {}))
