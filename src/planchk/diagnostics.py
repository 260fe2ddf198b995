"""One diagnostic type for everything planchk tells about its input: problems in a CSV or plan file,
notices about a file, parts that do not add up, plan-lint findings. The CLI maps errors to exit codes in
one place (cli/exits.py); see docs/rules.md#5-exit-codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import PlainSerializer

from planchk.i18n import Bilingual
from planchk.messages import say
from planchk.sanitize import one_line

Severity = Literal["error", "warning"]  # a notice about a file is a warning (`notice`): it never fails a run alone
# Text from an input file, in JSON: its control characters made visible (it is shown, never obeyed).
Shown = Annotated[str, PlainSerializer(one_line, return_type=str)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """Where something is wrong or worth saying, located as precisely as planchk knows.

    `message` is English and `message_zh` Chinese, both filled from the message catalogue
    (planchk.messages); `text` chooses the reader's language. `code` is the message's key in the
    catalogue (e.g. `input.unknown_id`), for scripts. `column` is the column's header as written in the
    file, `column_number` its 1-based position (for editor and CI annotations). In a workbook, `sheet` names
    the sheet and `line` is the sheet's row, so the place reads `2023.xlsx 统计表!E7`.
    """

    file: Shown
    message: Shown
    line: int | None = None
    column: Shown | None = None
    column_number: int | None = None
    value: Shown | None = None
    level: Severity = "error"
    code: str = "input"
    message_zh: Shown | None = None
    sheet: Shown | None = None

    def location(self) -> str:
        where = place(self.file, self.line, self.sheet, self.column_number)
        if self.column:
            where += f" [{self.column}]"
        return where

    def cell(self) -> str:
        """Where in its file: the line, or the sheet and cell."""
        return cell_ref(self.line, self.sheet, self.column_number)

    def text(self, lang: str) -> str:
        return self.message_zh if lang == "zh" and self.message_zh else self.message


_PLAIN_SHEET = re.compile(r"[\w\u3400-\u9fff]+")


def column_letters(number: int) -> str:
    """A spreadsheet's name of a 1-based column number: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(line: int | None, sheet: str | None = None, column: int | None = None) -> str:
    """A place within its file: `7` (a line), or `统计表!E7` (a sheet's cell), `统计表!7:7` (a row)."""
    return place("", line, sheet, column).lstrip(" :")


def place(file: str, line: int | None = None, sheet: str | None = None, column: int | None = None) -> str:
    """Where something is, as people look for it: `2023.csv:7` in a text file; in a workbook the sheet and
    cell as Excel writes them, `2023.xlsx 统计表!E7` (a whole row `统计表!7:7`, a name with spaces quoted)."""
    if sheet is None:
        return file if line is None else f"{file}:{line}"
    name = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    if line is None:
        return f"{file} {name}"
    cell = f"{column_letters(column)}{line}" if column else f"{line}:{line}"
    return f"{file} {name}!{cell}"


def diagnostic(
    file: str,
    key: str,
    /,
    *,
    level: Severity,
    line: int | None = None,
    column: str | None = None,
    value: str | None = None,
    sheet: str | None = None,
    **params: object,
) -> Diagnostic:
    """A diagnostic whose message is `key` in the catalogue, filled with `params` in both languages."""
    text = say(key, **params)
    return Diagnostic(
        file=file,
        message=text.en,
        message_zh=text.zh,
        line=line,
        column=column,
        value=value,
        level=level,
        code=key,
        sheet=sheet,
    )


def problem(
    file: str,
    key: str,
    /,
    *,
    line: int | None = None,
    column: str | None = None,
    value: str | None = None,
    sheet: str | None = None,
    **params: object,
) -> Diagnostic:
    """An error-level diagnostic: the input cannot be judged."""
    return diagnostic(file, key, level="error", line=line, column=column, value=value, sheet=sheet, **params)


def notice(
    file: str,
    key: str,
    /,
    *,
    line: int | None = None,
    column: str | None = None,
    value: str | None = None,
    sheet: str | None = None,
    **params: object,
) -> Diagnostic:
    """Something about a file worth saying (an unknown column, blank rows): judged, counted as a warning."""
    return diagnostic(file, key, level="warning", line=line, column=column, value=value, sheet=sheet, **params)


def bad_byte(raw: bytes, offset: int, encoding: str = "utf-8", skipped: int = 0) -> tuple[int, Bilingual]:
    """Where the byte at `offset` of `raw` is: its line, and for a message its line, column (in characters,
    both from 1), value and offset in the file (`skipped` bytes, a byte-order mark, come before `raw`). What
    comes before it is read in `encoding`; lines end at LF, CRLF or CR."""
    before = raw[:offset].decode(encoding, errors="replace")
    lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    shown = f"0x{raw[offset]:02x}" if offset < len(raw) else "EOF"
    where = say("term.byte_position", lineno=len(lines), colno=len(lines[-1]) + 1, byte=shown, offset=offset + skipped)
    return len(lines), where


class PlanchkError(Exception):
    """Base for every problem the user can fix: bad input, bad plan, bad options (exit 2)."""

    def __init__(self, problems: list[Diagnostic]):
        self.problems = problems
        super().__init__("; ".join(f"{p.location()}: {p.message}" for p in problems))


class InputError(PlanchkError):
    """An actual-year file that cannot be judged."""


class PlanError(PlanchkError):
    """A plan YAML that cannot be loaded."""


class UsageError(PlanchkError):
    """Bad options or arguments."""
