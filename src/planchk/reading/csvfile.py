"""An actual-year CSV → a `Grid` of rows of cells (the rows are read in `reading/grid.py`, as a sheet's are):
bounded reading, whole-file decoding, Excel's `sep=` line and its tab-separated "Unicode text", the csv module's
errors in plain words."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from planchk.diagnostics import Diagnostic, InputError, problem
from planchk.i18n import Bilingual
from planchk.messages import say
from planchk.reading.decode import decode, read_limited
from planchk.reading.grid import MAX_ROWS_ABOVE_HEADER, SEPARATORS, Grid, has_header

if TYPE_CHECKING:
    from _csv import Reader

# Spreadsheet exports: Excel's first line naming the separator.
_SEP_LINE = re.compile(r"sep=(.)[ \t]*(?:\r\n|\r|\n|$)", re.I)


def csv_grid(path: Path, name: str, encoding: str | None = None) -> tuple[Grid, str]:
    """The file's rows, and the encoding it was read in."""
    raw = read_limited(path, name)
    text, used_encoding = decode(raw, name, encoding)
    if not text.strip():
        raise InputError([problem(name, "input.empty_file", line=1)])
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
    tabs = _is_utf16(used_encoding) and _header_with(text, "\t") and not _header_with(text, ",")
    delimiter = "\t" if tabs else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return Grid(file=name, rows=_rows(reader, name), separator=delimiter), used_encoding


def _is_utf16(encoding: str) -> bool:
    """Excel's "Unicode text" (Unicode 文本) export is UTF-16 with a BOM, its cells separated by tabs: a UTF-16 file
    whose header is tab-separated is read so (docs/rules.md#encodings). Any other file is read comma-separated, and a
    header separated by tabs is refused (reading/grid.py), as it may be a text export in a code page."""
    return codecs.lookup(encoding).name.startswith("utf-16")


def _header_with(text: str, separator: str) -> bool:
    """Whether the rows split at `separator` have a header (an `id` column) where reading/grid.py looks for one."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        return any(has_header(cells) for cells in itertools.islice(reader, MAX_ROWS_ABOVE_HEADER + 1))
    except csv.Error:  # the rows are read again, and this is said with its line
        return False


def _rows(reader: Reader, name: str) -> Iterator[tuple[int, list[str]]]:
    """(the line a row starts on, its cells); what the csv module cannot read raises a located InputError."""
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError([csv_problem(name, exc, start)]) from None
        yield start, cells


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
