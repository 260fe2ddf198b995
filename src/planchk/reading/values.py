"""Cells → values: numbers as people write them, status words, a label checked against the plan."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from planchk.diagnostics import Diagnostic, notice, problem
from planchk.i18n import Bilingual
from planchk.messages import listing, say
from planchk.plan.contract import RowSpec
from planchk.plan.measures import WHOLE_UNITS, value_bounds
from planchk.reading.rows import CompletionStatus

NOT_REPORTED = {"", "-", "—", "–", "--", "——", "n/a", "na", "无"}
STATUS_WORDS: dict[str, CompletionStatus] = {
    "完成": "done",
    "已完成": "done",
    "已建成": "done",
    "建成": "done",
    "done": "done",
    "completed": "done",
    "在建": "in_progress",
    "进行中": "in_progress",
    "推进中": "in_progress",
    "in_progress": "in_progress",
    "in progress": "in_progress",
    "未开工": "not_started",
    "未启动": "not_started",
    "not_started": "not_started",
    "not started": "not_started",
}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# What a cell that is not a number may be instead: a date (2023-03-05, 2023/3/5, 2023.3.5, 2023年3月5日, 3月5日,
# 3/5/2023, a spreadsheet's date cell read as 2023-03-05), a time of day (10:30, 下午3:15, 10:30 AM) or a
# yes/no value (TRUE/FALSE as a spreadsheet writes them, 是/否). A month and day alone written with a slash or
# a dash (3/5, 3-5) is not taken for a date: in a CSV it may as well be a fraction or a range.
_TIME_PART = r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
_YMD = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:T|\s+)" + _TIME_PART + r")?(?:Z|[+-]\d{2}:?\d{2})?"
)
_DMY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?")
_TIME = re.compile(r"(上午|下午)?\s*" + _TIME_PART + r"\s*([AaPp][Mm])?")
BOOLEANS = {"true", "false", "是", "否", "真", "假"}


def parse_number(text: str) -> tuple[float, int, str] | None:
    """Parse '1,234.5', '９９．８', '99.8%', '1.2e3'; return (value, decimals, suffix) or None."""
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    suffix_match = re.search(r"[^\d.eE+\-,]+$", s)
    suffix = ""
    if suffix_match and suffix_match.start() > 0:
        suffix, s = s[suffix_match.start() :], s[: suffix_match.start()]
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        return None
    value = float(s)
    mantissa = re.split(r"[eE]", s)[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return value, decimals, suffix


def looks_like(text: str) -> tuple[str, str] | None:
    """What a cell that is not a number looks like: ("date", "2023-03-05"), ("time", "10:30"), ("boolean",
    "TRUE"), or None. Asked only of a cell already found not to be a number or a status word."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s.lower() in BOOLEANS:
        return "boolean", s
    match = _YMD.fullmatch(s)
    if match and _is_day(int(match[2]), int(match[3])):
        date = f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"
        clock = _clock(match[4], match[5], match[6])
        return "date", date if clock in (None, "00:00") else f"{date} {clock}"
    match = _DMY.fullmatch(s)
    if match and (_is_day(int(match[1]), int(match[2])) or _is_day(int(match[2]), int(match[1]))):
        return "date", s
    year, _, rest = s.partition("年")
    match = _MONTH_DAY.fullmatch(rest if rest and year.isdigit() and len(year) == 4 else s)
    if match and _is_day(int(match[1]), int(match[2] or 1)):
        return "date", s
    match = _TIME.fullmatch(s)
    if match and int(match[3]) < 60 and (match[4] is None or int(match[4]) < 60):
        return "time", _clock(str(_hour(match)), match[3], match[4]) or s
    return None


def _hour(match: re.Match[str]) -> int:
    """The hour of a time match, on a 24-hour clock (下午3:15 and 3:15 PM are 15:15)."""
    hour = int(match[2])
    afternoon = match[1] == "下午" or (match[5] or "").lower() == "pm"
    return hour + 12 if afternoon and hour < 12 else hour


def _clock(hour: str | None, minute: str | None, second: str | None) -> str | None:
    if hour is None or minute is None:
        return None
    shown = f"{int(hour):02d}:{minute}"
    return f"{shown}:{second}" if second and second != "00" else shown


def _is_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 0 <= day <= 31


def parse_status(text: str) -> CompletionStatus | None:
    return STATUS_WORDS.get(unicodedata.normalize("NFKC", text).strip().lower())


@lru_cache(maxsize=4096)
def names_match(given: str, names: tuple[str, str]) -> bool:
    """Does a name written in a file match the plan's? "在园幼儿数(万人)" and "其中:普通小学" are the plan's own ways
    of writing a name; "公办园占比" for 公办园在园幼儿占比 is an office's short form of it: three or more Chinese
    characters taken from the plan's name in their order. Cached: a batch of files repeats the same names."""
    g = _norm(re.sub(r"[((][^))]*[))]", "", unicodedata.normalize("NFKC", given))).removeprefix("其中")
    short = len(g) >= 3 and all("\u4e00" <= char <= "\u9fff" for char in g)
    return any(g and (g in _norm(n) or _norm(n) in g or (short and _shortened(g, _norm(n)))) for n in names)


def _shortened(short: str, name: str) -> bool:
    """`short` is `name` with characters left out, the rest in their order (公办园占比 of 公办园在园幼儿占比)."""
    rest = iter(name)
    return all(char in rest for char in short)


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """A name as compared: NFKC, no spaces, colons or brackets, lower case. Cached: the plan's names recur in
    every file of a batch."""
    return re.sub(r"[\s::()()]", "", unicodedata.normalize("NFKC", text)).lower()


class CellAt(NamedTuple):
    """Where a value cell is, for the diagnostics about it: the file, the row's line, the column's header."""

    file: str
    line: int
    column: str


@dataclass(frozen=True, slots=True)
class ValueRead:
    """What a value cell gave: the row's fields (`value` and `decimals`, or `status`; none when the cell reports
    nothing or is refused), the problem that refused it, and a notice (a count in 人 converted to 万人)."""

    fields: dict[str, object]
    problem: Diagnostic | None = None
    notice: Diagnostic | None = None


def check_label(
    spec: RowSpec, given_name: str | None, given_unit: str | None, file: str, line: int, shown: dict[str, str]
) -> list[Diagnostic]:
    """A row's name and unit cells held against the plan's: what does not match (`shown`: header by column)."""
    found: list[Diagnostic] = []
    names, unit = (spec.name_zh, spec.name_en), spec.unit
    if given_name and not names_match(given_name, names):
        found.append(
            problem(
                file,
                "input.name_mismatch",
                line=line,
                column=shown["name"],
                value=given_name,
                name=given_name,
                name_zh=names[0],
                name_en=names[1],
            )
        )
    if given_unit and unit and _norm(given_unit) != _norm(unit):
        if not (unit == "万人" and _norm(given_unit) == "人"):  # converted in parse_value
            found.append(
                problem(
                    file,
                    "input.unit_mismatch",
                    line=line,
                    column=shown["unit"],
                    value=given_unit,
                    unit=given_unit,
                    plan_unit=unit,
                )
            )
    return found


def parse_value(id_: str, spec: RowSpec, raw: str, given_unit: str | None, at: CellAt) -> ValueRead:
    """A value cell read as its id's contract says: a status word, or a number in the plan's unit; nothing for an
    empty or not-reported mark (—, n/a, 无)."""
    file, line, column = at
    plain = _PLAIN_NUMBER.fullmatch(raw) if spec.reads == "number" else None
    if plain is None and unicodedata.normalize("NFKC", raw).strip().lower() in NOT_REPORTED:
        return ValueRead({})
    if spec.reads == "status":
        status = parse_status(raw)
        if status is None:
            found = _what_it_is(raw, say("term.a_status_word"), at)
            return ValueRead({}, found or problem(file, "input.expected_status", line=line, column=column, value=raw))
        return ValueRead({"status": status})
    if spec.reads == "entries":
        return ValueRead(
            {},
            problem(
                file,
                "input.entries_row",
                line=line,
                column=column,
                value=raw,
                id=id_,
                entries=listing(spec.ids),
            ),
        )
    return _parse_amount(raw, plain is not None, spec.unit or "", given_unit, at, spec.may_exceed_100)


def _parse_amount(
    raw: str, plain: bool, unit: str, given_unit: str | None, at: CellAt, may_exceed_100: bool = False
) -> ValueRead:
    """A number in `unit`: written plainly, or with thousands, full-width digits or a unit suffix; a count in 人
    where the plan counts 万人 is converted (and said so)."""
    file, line, column = at
    if plain:  # the common case, "96.5": no normalising, no unit suffix
        dot = raw.find(".")
        value, decimals, suffix = float(raw), (len(raw) - dot - 1 if dot >= 0 else 0), ""
    else:
        parsed = parse_number(raw)
        if parsed is None:
            unit_shown = unit or say("term.the_plan_unit")
            found = _what_it_is(raw, say("term.a_number_in", unit=unit_shown), at)
            return ValueRead(
                {},
                found or problem(file, "input.expected_number", line=line, column=column, value=raw, unit=unit_shown),
            )
        value, decimals, suffix = parsed
    if not math.isfinite(value):
        return ValueRead({}, problem(file, "input.not_finite", line=line, column=column, value=raw))
    converted: Diagnostic | None = None
    if unit == "万人" and (suffix == "人" or (not suffix and given_unit and _norm(given_unit) == "人")):
        shown = f"{value / 10000:g}"
        converted = notice(
            file, "notice.people_converted", line=line, column=column, value=raw, raw=raw, converted=shown
        )
        value, decimals = value / 10000, decimals + 4
    elif suffix and _norm(suffix) != _norm(unit) and not _scale_of(suffix, unit):
        unit_shown = unit or say("term.a_plain_number")
        return ValueRead(
            {},
            problem(
                file,
                "input.unexpected_suffix",
                line=line,
                column=column,
                value=raw,
                suffix=suffix,
                unit=unit_shown,
            ),
        )
    refused = _beyond_limits(value, unit, raw, at, may_exceed_100)
    if refused is not None:
        return ValueRead({}, refused, converted)
    return ValueRead({"value": value, "decimals": decimals}, None, converted)


def _scale_of(suffix: str, unit: str | None) -> bool:
    """1.69万 in a row of 万人, 3.2亿 in one of 亿元: the suffix is the unit's own scale, so the figure is already
    in the unit."""
    return bool(unit) and _norm(suffix) in ("万", "亿") and _norm(unit or "").startswith(_norm(suffix))


def _what_it_is(raw: str, expected: Bilingual, at: CellAt) -> Diagnostic | None:
    """The problem of a value cell holding a date, a time of day or a yes/no value, said as what it is."""
    seen = looks_like(raw)
    if seen is None:
        return None
    kind, shown = seen
    file, line, column = at
    if kind == "date":
        return problem(file, "input.date_value", line=line, column=column, value=raw, date=shown, expected=expected)
    if kind == "time":
        return problem(file, "input.time_value", line=line, column=column, value=raw, time=shown, expected=expected)
    return problem(file, "input.boolean_value", line=line, column=column, value=raw, word=shown, expected=expected)


def _beyond_limits(
    value: float, unit: str, raw: str, at: CellAt, may_exceed_100: bool = False
) -> Diagnostic | None:
    """A number that cannot be right whatever the plan says: negative, a rate above 100 % (but one that may exceed
    it), a fraction of a thing counted whole (2.5 所, 2999.5 人), a 万人 count that must have been written in 人."""
    file, line, column = at
    low, high = value_bounds(unit, may_exceed_100)
    if value < low:
        return problem(file, "input.negative", line=line, column=column, value=raw)
    if unit in WHOLE_UNITS and not value.is_integer():
        return problem(
            file, "input.fractional_count", line=line, column=column, value=raw, number=f"{value:.15g}", unit=unit
        )
    if high is not None and value > high:  # a % row: the only unit with a ceiling
        return problem(file, "input.rate_above_100", line=line, column=column, value=raw)
    if unit == "万人" and value >= 1000:
        people = f"{value * 10000:,.0f}"
        return problem(
            file,
            "input.implausible_people",
            line=line,
            column=column,
            value=raw,
            figure=f"{value:g}",
            people=people,
            fixed=f"{value / 10000:g}",
        )
    return None
