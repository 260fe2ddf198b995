"""Cells → values: numbers as people write them, status words, a label checked against the plan."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from planchk.diagnostics import Diagnostic, notice, problem
from planchk.messages import listing, say
from planchk.plan.contract import RowSpec
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


def parse_status(text: str) -> CompletionStatus | None:
    return STATUS_WORDS.get(unicodedata.normalize("NFKC", text).strip().lower())


@lru_cache(maxsize=4096)
def names_match(given: str, names: tuple[str, str]) -> bool:
    """Does a name written in a file match the plan's? "在园幼儿数(万人)" and "其中:普通小学" are the plan's own ways
    of writing a name. Cached: a batch of files repeats the same names."""
    g = _norm(re.sub(r"[((][^))]*[))]", "", unicodedata.normalize("NFKC", given))).removeprefix("其中")
    return any(g and (g in _norm(n) or _norm(n) in g) for n in names)


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
            return ValueRead({}, problem(file, "input.expected_status", line=line, column=column, value=raw))
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
    return _parse_amount(raw, plain is not None, spec.unit or "", given_unit, at)


def _parse_amount(raw: str, plain: bool, unit: str, given_unit: str | None, at: CellAt) -> ValueRead:
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
            return ValueRead(
                {},
                problem(file, "input.expected_number", line=line, column=column, value=raw, unit=unit_shown),
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
    elif suffix and _norm(suffix) != _norm(unit):
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
    refused = _beyond_limits(value, unit, raw, at)
    if refused is not None:
        return ValueRead({}, refused, converted)
    return ValueRead({"value": value, "decimals": decimals}, None, converted)


def _beyond_limits(value: float, unit: str, raw: str, at: CellAt) -> Diagnostic | None:
    """A number that cannot be right whatever the plan says: negative, a rate above 100 %, a 万人 count that
    must have been written in 人."""
    file, line, column = at
    if value < 0:
        return problem(file, "input.negative", line=line, column=column, value=raw)
    if unit == "%" and value > 100:
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
