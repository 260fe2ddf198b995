"""Runs over many files: read each one (its problems stay with it), judge the good ones. The CLI calls these,
sets the exit codes (cli/exits.py) and hands the result to a renderer. `evaluate` and `validate` give their files
one at a time (a `RunStream`), so that a batch of any size runs in the memory of a few files
(docs/architecture.md, "Batches"); `trend` and `report` hold their years together, as they compare them."""

from __future__ import annotations

import os
import re
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Generic, Protocol, TypeVar

from planchk.diagnostics import Diagnostic, InputError, UsageError, problem
from planchk.judge import plausibility
from planchk.judge.consistency import check_parts
from planchk.judge.items import History
from planchk.judge.year import judge_year, plan_ref
from planchk.messages import listing
from planchk.plan.contract import Contract, contract_of
from planchk.plan.model import Plan
from planchk.plan.revisions import plan_in_force
from planchk.reading.actuals import read_by_year, read_combined
from planchk.reading.rows import ActualRow, Actuals, PlanStamp
from planchk.results import (
    Evaluation,
    ReportContent,
    RunStream,
    SourceRef,
    Trend,
    Validation,
    Verdict,
    YearBefore,
    verdict,
)
from planchk.sanitize import shown_path


class _Store:
    """The files of a batch as read, kept so that memory does not grow with their number: the few used last in
    memory, every other one written once (as JSON) into a temporary file of this process (unnamed, removed when
    closed) and read back when a later step needs it (a year after it, its judging). A run of a few files never
    writes."""

    KEEP = 8  # a district's years (its year before and history) and the file being judged fit in memory

    def __init__(self) -> None:
        self._recent: OrderedDict[int, Actuals] = OrderedDict()
        self._spilled: dict[int, tuple[int, int]] = {}  # key → (offset, size) in the file
        self._notices: dict[int, list[Diagnostic]] = {}
        self._file: IO[bytes] | None = None
        self._next = 0

    def put(self, actuals: Actuals) -> int:
        key = self._next
        self._next += 1
        self._remember(key, actuals)
        return key

    def get(self, key: int) -> Actuals:
        found = self._recent.get(key)
        if found is not None:
            self._recent.move_to_end(key)
            return found
        assert self._file is not None
        offset, size = self._spilled[key]
        self._file.seek(offset)
        actuals = Actuals.model_validate_json(self._file.read(size))
        if self._notices.get(key):
            actuals = actuals.model_copy(update={"notices": self._notices[key]})
        self._remember(key, actuals)
        return actuals

    def _remember(self, key: int, actuals: Actuals) -> None:
        self._recent[key] = actuals
        self._recent.move_to_end(key)
        while len(self._recent) > self.KEEP:
            old, value = self._recent.popitem(last=False)
            if old not in self._spilled:
                self._spill(old, value)

    def _spill(self, key: int, actuals: Actuals) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="planchk-")
        # As JSON, but for its notices, kept as they are (JSON would make their control characters visible); its
        # rows' values are finite numbers (reading/values.py), written and read back exactly.
        if actuals.notices:
            self._notices[key] = actuals.notices
        data = actuals.model_copy(update={"notices": []}).model_dump_json().encode()
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._spilled[key] = (offset, len(data))

    def park(self) -> None:
        """Every file still in memory written out and let go: a batch waiting behind another (a run of several
        plans) holds none of its files until its turn."""
        for key, actuals in self._recent.items():
            if key not in self._spilled:
                self._spill(key, actuals)
        self._recent.clear()

    def forget(self, key: int) -> None:
        """A file no later step needs: dropped from memory, never written."""
        self._recent.pop(key, None)

    def close(self) -> None:
        self._recent.clear()
        if self._file is not None:
            self._file.close()
            self._file = None


@dataclass(slots=True)
class _Seen:
    """A file of a batch once read, as the later steps need it: its name, year and the plan it names (a `Dated`),
    its key in the `_Store`, and what plausibility found (problems refuse it; notices are added to it); for
    `validate`, what it holds. Never its rows: those stay in the store."""

    file: str
    year: int
    plan_stamp: PlanStamp | None
    key: int
    problems: list[Diagnostic] = field(default_factory=list)
    notices: list[Diagnostic] = field(default_factory=list)
    validation: Validation | None = None


class _Batch:
    """One batch of files read against one plan (evaluate, validate), before any file is judged: each file read
    once, kept in the store, and checked for plausibility against its year before (docs/rules.md#plausibility) as
    soon as that year is known, so that every input problem of the run is known before its first file is judged
    or written. `judged()` then judges the files one at a time, in the order given (a run over a group of files
    of one plan is one batch)."""

    def __init__(self, plan: Plan, previous: Actuals | None, given_file: str | None, validate: bool) -> None:
        self.plan, self.contract = plan, contract_of(plan)
        self.previous, self.given_file, self.validate = previous, given_file, validate
        self.store = _Store()
        self.seen: list[_Seen] = []
        self.read_errors: list[Diagnostic] = []

    def read(self, units: list[list[Path]], year: int | None, encoding: str | None) -> None:
        """Every file (or with --combine the one year of all of them), in order; the problems of those that
        cannot be read go to `read_errors`. A file whose year before comes later in the order is checked for
        plausibility once all are read."""
        later, looked_for = _stems_at(units), _looked_for(units)
        named: dict[tuple[int, str], list[_Seen]] = {}
        waiting: list[_Seen] = []
        until: dict[int, int] = {}  # validate: a stored file's key → the last place a file may look for it
        for at, unit in enumerate(units):
            try:
                actuals = read_combined(unit, self.contract, year, encoding)
            except InputError as exc:
                self.read_errors.extend(_with_slips(self.plan, exc))
                continue
            # evaluate judges every file later; validate needs a file again only as a later one's year before (or
            # an earlier one's, which waits for the end)
            lookers = looked_for.get((actuals.year, _stem(actuals.file)), [])
            needed = not self.validate or any(other != at for other in lookers)
            seen = _Seen(actuals.file, actuals.year, actuals.plan_stamp, self.store.put(actuals) if needed else -1)
            if self.validate and needed:
                until[seen.key] = len(units) if min(lookers) < at else max(lookers)
            self.seen.append(seen)
            named.setdefault((seen.year, _stem(seen.file)), []).append(seen)
            expected = _names_for(seen.file, seen.year, seen.year - 1)
            if self.given_file is not None or not expected:
                self._check(seen, actuals, _given_before(actuals, self.previous, self.given_file or "")[0])
            elif (found := _named_of_plan(named, seen.year - 1, expected, seen)) is not None:
                self._check(seen, actuals, self.store.get(found.key))
            elif any(other > at for name in expected for other in later.get(_stem(name), ())):
                seen.key = seen.key if seen.key >= 0 else self.store.put(actuals)
                until[seen.key] = len(units)
                waiting.append(seen)  # its year before may be a file further on
            else:
                self._check(seen, actuals, None)
            for key in [k for k, last in until.items() if last <= at]:
                self.store.forget(key)
                del until[key]
        for seen in waiting:
            found = _named_of_plan(named, seen.year - 1, _names_for(seen.file, seen.year, seen.year - 1), seen)
            self._check(seen, self.store.get(seen.key), self.store.get(found.key) if found is not None else None)

    def _check(self, seen: _Seen, actuals: Actuals, before: Actuals | None) -> None:
        seen.problems, seen.notices = plausibility.check(self.plan, actuals, before)
        if self.validate and not seen.problems:
            seen.validation = Validation(
                source=SourceRef.of(actuals),
                year=actuals.year,
                # the rows the file gave: not the values planchk computes from them (Item.derived)
                rows=len(actuals.rows) - sum(1 for d in self.contract.derivations if d.item_id in actuals.rows),
                blank_lines=actuals.blank_lines,
                consistency=check_parts(actuals.file, self.contract.parts_of, actuals.rows),
                notices=[*actuals.notices, *seen.notices],
                plan=plan_ref(self.plan),
            )

    def kept(self) -> list[_Seen]:
        """The files judged: read, and plausible."""
        return [s for s in self.seen if not s.problems]

    def plausibility_errors(self) -> list[Diagnostic]:
        return [p for s in self.seen for p in s.problems]

    def judged(self, plan_version: str | None, errors: list[Diagnostic]) -> Iterator[Evaluation]:
        """Each plausible file judged in turn against the plan version in force for its year, with its year before
        and its earlier years (read back from the store one at a time); the store is closed at the end."""
        kept = self.kept()
        judged = {s.file for s in kept}
        refused = [*dict.fromkeys(d.file for d in errors), *(s.file for s in self.seen if s.file not in judged)]
        years, bad, by_series = _Years(kept), _first_by_stem(refused), _by_series(kept)
        try:
            for seen in kept:
                actuals = self.store.get(seen.key)
                if seen.notices:
                    actuals = actuals.model_copy(update={"notices": [*actuals.notices, *seen.notices]})
                if self.given_file is not None:
                    before, ref = _given_before(actuals, self.previous, self.given_file)
                    history = _history(actuals, before, by_series, lambda s: self.store.get(s.key).rows)
                else:
                    paired, ref = year_before(actuals, years, bad, first=self.plan.meta.period_start, option=True)
                    before = self.store.get(paired.key) if paired is not None else None
                    history = _history(actuals, None, by_series, lambda s: self.store.get(s.key).rows)
                in_force = plan_in_force(self.plan, actuals.year, plan_version)
                yield judge_year(in_force, actuals, before, ref, history)
        finally:
            self.store.close()


def _with_slips(plan: Plan, refused: InputError) -> list[Diagnostic]:
    """A refused file's problems, and the plausibility problems of its rows that read well
    (reading.actuals.RefusedFile), in the file's order: every problem of the file in one run."""
    readable = getattr(refused, "readable", None)
    if readable is None:
        return list(refused.problems)
    return _in_file_order([*refused.problems, *plausibility.check(plan, readable)[0]], [readable])


def _in_file_order(found: list[Diagnostic], read: list[Actuals]) -> list[Diagnostic]:
    """Problems by file, a workbook's sheets in the order they were read (those of the rows read well, then any
    other), then by row."""
    files = {f: n for n, f in enumerate(dict.fromkeys(d.file for d in found))}
    order = [row.sheet for a in read for row in a.rows.values()] + [d.sheet for d in found]
    sheets = {sheet: n for n, sheet in enumerate(dict.fromkeys(order))}
    return sorted(found, key=lambda d: (files[d.file], sheets[d.sheet], d.line or 0))


def _stems_at(units: list[list[Path]]) -> dict[str, list[int]]:
    """Where in the run each file name stands (written alike, without its extension)."""
    at: dict[str, list[int]] = {}
    for n, unit in enumerate(units if len(units) > 1 else []):
        at.setdefault(_stem(shown_path(unit[0])), []).append(n)
    return at


# A number in a file's name that may be its year (years of a plan have four digits; longer runs are not years).
_NUMBER = re.compile(r"(?<!\d)\d{1,6}(?!\d)")


def _looked_for(units: list[list[Path]]) -> dict[tuple[int, str], list[int]]:
    """The (year, name) of every file the run's files may look for as their year before, whatever year each turns
    out to hold (for each number in a file's name, the names with that number one less: `_names_for`), and the
    places in the run of the files that may look for it."""
    wanted: dict[tuple[int, str], list[int]] = {}
    for at, unit in enumerate(units if len(units) > 1 else []):
        name = shown_path(unit[0])
        for number in {int(n) for n in _NUMBER.findall(name)}:
            for expected in _names_for(name, number, number - 1):
                wanted.setdefault((number - 1, _stem(expected)), []).append(at)
    return wanted


def _units(paths: list[Path], combine: bool) -> list[list[Path]]:
    """What is read as one year: each file (a file named twice is read and judged once), or all under --combine
    (docs/rules.md#one-year-from-several-files)."""
    return [paths] if combine else [[path] for path in dict.fromkeys(paths)]


def _read_all(
    contract: Contract,
    paths: list[Path],
    year: int | None,
    encoding: str | None,
    problems: list[Diagnostic],
    combine: bool = False,
    plan: Plan | None = None,
) -> list[Actuals]:
    """Every file that can be read, all kept (trend and report look at all their years at once); the others'
    problems are added to `problems` (with `plan`, and the slips of their rows that read well: `_with_slips`)."""
    loaded = []
    for unit in _units(paths, combine):
        try:
            loaded.append(read_combined(unit, contract, year, encoding))
        except InputError as exc:
            problems.extend(_with_slips(plan, exc) if plan is not None else exc.problems)
    return loaded


# What a file is compared with by its year-over-year rules, running totals and plausibility: the file of the
# year before (or None) and how it was chosen, or why there is none (docs/rules.md#the-year-before).
Before = tuple[Actuals | None, YearBefore]


class Dated(Protocol):
    """A file of the run as pairing sees it: its name, its year and the plan it names (files of two plans are never
    paired: `_same_plan`)."""

    @property
    def file(self) -> str: ...

    @property
    def year(self) -> int: ...

    @property
    def plan_stamp(self) -> PlanStamp | None: ...


D = TypeVar("D", bound=Dated)


class _Years(Generic[D]):
    """The files of a run by year and name, so that each finds its year before in one look-up."""

    def __init__(self, files: Iterable[D]) -> None:
        self.named: dict[tuple[int, str], list[D]] = {}
        self.of_year: dict[int, list[str]] = {}
        for f in files:
            self.named.setdefault((f.year, _stem(f.file)), []).append(f)
            self.of_year.setdefault(f.year, []).append(f.file)


def _named_for(file: str, year: int, wanted: int | str) -> str | None:
    """The file's name with its own year made `wanted` (江北区-2023.csv → 江北区-2022.csv, data/2023.csv →
    data/2022.csv); None when the name does not hold its year."""
    own = re.compile(rf"(?<!\d){year}(?!\d)")
    return own.sub(str(wanted), file) if own.search(file) else None


def _names_for(file: str, year: int, wanted: int | str) -> list[str]:
    """The names the file's year `wanted` may have, in the order they are looked for: its own year made `wanted`
    everywhere in its name (`_named_for`: 2023年/渝中区-2023.csv → 2022年/渝中区-2022.csv), then, when its folder
    holds that year too, in the file's own name only (2023年度评估/2023.csv → 2023年度评估/2022.csv: a folder named for
    the report, holding the years before it). Empty when the name does not hold its year."""
    first = _named_for(file, year, wanted)
    if first is None:
        return []
    folder, own = os.path.split(file)
    if not folder or _named_for(folder, year, wanted) is None or _named_for(own, year, wanted) is None:
        return [first]
    return [first, os.path.join(folder, _named_for(own, year, wanted) or own)]


def _named_of_plan(named: Mapping[tuple[int, str], list[D]], year: int, names: list[str], a: Dated) -> D | None:
    """The first file of `year` with one of `names` (in their order) that may be `a`'s year before (`_of_plan`)."""
    return next((f for name in names if (f := _of_plan(named.get((year, _stem(name)), []), a)) is not None), None)


def _stem(name: str) -> str:
    """A file's name written alike (./data/x and data/x), without its extension (2022.csv, 2023.xlsx)."""
    return os.path.splitext(os.path.normpath(name))[0]


def _first_by_stem(files: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for f in files:
        found.setdefault(_stem(f), f)
    return found


def year_before(
    actuals: Dated, loaded: _Years[D], refused: Mapping[str, str] | None = None, *, first: int, option: bool = False
) -> tuple[D | None, YearBefore]:
    """The file of the year before in this run: the one whose name differs from this file's by the year alone
    (district07-2021.csv for district07-2022.csv; 2021.csv for 2022.csv), never another; or why there is none.
    `refused` names the files of the run that could not be judged (bad input, implausible values), by stem.
    `first` is the plan's first year (meta.period_start): a file of that year has no year before to look for (a
    file of the year before the period is refused): its year-over-year rules compare with the plan's own figures
    for the year before (judge.items.plan_figure_before), or begin with the next year.
    `option`: the command takes --previous (evaluate), so the reason may point to it; trend and report do not."""
    wanted = actuals.year - 1
    if actuals.year <= first:
        first_year = verdict("verdict.first_year", year=actuals.year, base=wanted, next=actuals.year + 1)
        return None, YearBefore(year=wanted, reason=first_year)
    names = _names_for(actuals.file, actuals.year, wanted)
    file = actuals.file
    if not names:
        return None, YearBefore(
            year=wanted,
            reason=verdict("verdict.no_year_in_name", file=file, year=wanted)
            if option
            else verdict("verdict.no_year_in_name_in_run", file=file, year=wanted),
        )
    same = _named_of_plan(loaded.named, wanted, names, actuals)
    if same is not None:
        return same, YearBefore(year=wanted, file=same.file, paired_by="name")
    named = [f for name in names for f in loaded.named.get((wanted, _stem(name)), [])]
    if named:
        return None, YearBefore(year=wanted, reason=_other_plan(actuals, named[0]))
    expected = names[0]
    bad = next((b for name in names if (b := (refused or {}).get(_stem(name))) is not None), None)
    if bad is not None:
        return None, YearBefore(year=wanted, reason=verdict("verdict.previous_refused", file=bad, year=wanted))
    others = loaded.of_year.get(wanted, [])
    return None, YearBefore(year=wanted, reason=_none_before(file, wanted, expected, others, option))


def _none_before(file: str, year: int, expected: str, others: list[str], option: bool) -> Verdict:
    """Why no file of the run is this one's year before; with evaluate's --previous named where it helps."""
    if len(others) == 1:
        if option:
            return verdict("verdict.previous_unpaired", file=file, year=year, expected=expected, other=others[0])
        return verdict("verdict.previous_unpaired_in_run", file=file, year=year, expected=expected, other=others[0])
    if others:
        if option:
            return verdict("verdict.previous_unpaired_many", file=file, year=year, expected=expected, n=len(others))
        return verdict("verdict.previous_unpaired_many_in_run", file=file, year=year, expected=expected, n=len(others))
    if option:
        return verdict("verdict.no_previous_file", file=file, year=year, expected=expected)
    return verdict("verdict.no_previous_file_in_run", file=file, year=year, expected=expected)


def _same_plan(a: Dated, b: Dated) -> bool:
    """Whether two files may be years of one series: neither names a plan, or both name the same (a file made for
    one plan is never compared with one made for another, docs/several-plans.md)."""
    return a.plan_stamp is None or b.plan_stamp is None or a.plan_stamp.id == b.plan_stamp.id


def _of_plan(named: list[D], a: Dated) -> D | None:
    """The first of the files named as `a`'s year before that may be its year before (`_same_plan`)."""
    return next((n for n in named if _same_plan(n, a)), None)


def _other_plan(actuals: Dated, other: Dated, given: bool = False) -> Verdict:
    """Why the file named as this one's year before (or `given` with --previous) is not: it was made for another
    plan."""
    assert actuals.plan_stamp is not None and other.plan_stamp is not None  # _same_plan said they differ
    file, year, other_file = actuals.file, other.year, other.file
    other_plan, plan = other.plan_stamp.id, actuals.plan_stamp.id
    if given:
        return verdict(
            "verdict.previous_given_other_plan", file=file, other=other_file, other_plan=other_plan, plan=plan
        )
    return verdict(
        "verdict.previous_other_plan", file=file, year=year, other=other_file, other_plan=other_plan, plan=plan
    )


def _given_before(actuals: Dated, given: Actuals | None, given_file: str) -> Before:
    """With --previous: that file for every one, or none when it could not be read or was made for another plan
    than this file (the option pairs names, never plans: docs/several-plans.md); no other file stands in."""
    if given is None:
        return None, YearBefore(
            year=actuals.year - 1, reason=verdict("verdict.previous_refused", file=given_file, year=actuals.year - 1)
        )
    if not _same_plan(given, actuals):
        return None, YearBefore(year=actuals.year - 1, reason=_other_plan(actuals, given, given=True))
    return given, YearBefore(year=actuals.year - 1, file=given.file, paired_by="option")


def _years_before(
    loaded: list[Actuals],
    first: int,
    refused: Iterable[str] = (),
    *,
    given: Actuals | None = None,
    given_file: str | None = None,
) -> list[Before]:
    """Each file's year before: with --previous (`given_file`), that file for every one, or none when it could
    not be read (no other file stands in for it); otherwise each one's own in the run."""
    if given_file is not None:
        return [_given_before(a, given, given_file) for a in loaded]
    years, bad = _Years(loaded), _first_by_stem(refused)
    return [year_before(a, years, bad, first=first) for a in loaded]


def _joined_befores(loaded: list[Actuals], first: int) -> list[Before]:
    """Under `trend`/`report --combine` a year joined from its offices' copies is named by office, not by district:
    its year before, and the year before of the year after it, is the run's year before it (of the same plan).
    Two years that are each one file pair by name, as without --combine (江北区-2022.csv is never 渝中区-2023.csv's)."""
    by_year = {a.year: a for a in loaded}
    years = _Years(loaded)
    out: list[Before] = []
    for a in loaded:
        prev = by_year.get(a.year - 1)
        if a.year <= first or (prev is not None and len(a.files) == 1 and len(prev.files) == 1):
            out.append(year_before(a, years, first=first))  # the plan's first year, or two files: by name
        elif prev is None or not _same_plan(prev, a):
            none = verdict("verdict.no_year_before_joined", year=a.year - 1)
            out.append((None, YearBefore(year=a.year - 1, reason=none)))
        else:
            out.append((prev, YearBefore(year=a.year - 1, file=prev.file, paired_by="combine")))
    return out


def _series(file: str, year: int) -> list[str]:
    """The file's name with its year taken out, written alike (no extension), as `_names_for` pairs names: everywhere,
    and, when its folder holds the year too, in its own name only. The files of one district's years share one;
    none when the name does not hold its year."""
    return [_stem(name) for name in _names_for(file, year, "\x00")]  # in no file's name: the year taken out


def _by_series(files: Iterable[D]) -> dict[str, list[D]]:
    by_series: dict[str, list[D]] = {}
    for f in files:
        for key in _series(f.file, f.year):
            by_series.setdefault(key, []).append(f)
    return by_series


def _history(
    a: Dated, given: Actuals | None, by_series: Mapping[str, list[D]], rows_of: Callable[[D], dict[str, ActualRow]]
) -> History:
    """A file's earlier years: the files of the run whose names differ from its own by the year alone, and the
    file given with --previous (`given`); never another district's (a baseline first reported there, a project
    reported done there), nor a file made for another plan (`_same_plan`)."""
    history: dict[int, dict[str, ActualRow]] = {}
    if given is not None:
        history[given.year] = given.rows
    for key in _series(a.file, a.year):
        for e in by_series.get(key, []):
            if e.year < a.year and e.year not in history and _same_plan(e, a):
                history[e.year] = rows_of(e)
    return history


def _histories(files: list[Actuals], befores: list[Before], combine: bool = False) -> list[History]:
    """Each file's earlier years (`_history`), for a run that holds all its years (trend, report); under --combine
    every earlier year of the run (`_joined_befores`)."""
    if combine:
        return [{e.year: e.rows for e in files if e.year < a.year} for a in files]
    by_series = _by_series(files)
    return [
        _history(a, before if ref.paired_by == "option" else None, by_series, lambda e: e.rows)
        for a, (before, ref) in zip(files, befores, strict=True)
    ]


def _plausible(plan: Plan, loaded: list[Actuals], befores: list[Before], errors: list[Diagnostic]) -> list[Actuals]:
    """The files whose values are plausible (docs/rules.md#plausibility); the others' problems go to `errors`.
    Each year is compared with the plan and with its year before (`befores`, in the order of `loaded`)."""
    kept = []
    for actuals, (before, _) in zip(loaded, befores, strict=True):
        problems, notices = plausibility.check(plan, actuals, before)
        if problems:
            errors.extend(problems)
        else:
            kept.append(actuals.model_copy(update={"notices": [*actuals.notices, *notices]}) if notices else actuals)
    return kept


def run_evaluate(
    plan: Plan,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    previous: Path | None = None,
    plan_version: str | None = None,
    combine: bool = False,
    waits: bool = False,
) -> RunStream:
    """Judge every file that can be read; each year against the plan version in force for it. Every file is read
    (and its input problems known) before this returns; each is judged as the stream is read, one at a time. A run
    that `waits` behind another (`--plans`: one run per plan, given one after the other) keeps none of its files in
    memory until its first is judged."""
    prev_errors: list[Diagnostic] = []
    prev = None
    if previous is not None:
        prev = next(iter(_read_all(contract_of(plan), [previous], None, encoding, prev_errors)), None)
    given = shown_path(previous) if previous is not None else None
    batch = _Batch(plan, prev, given, validate=False)
    batch.read(_units(paths, combine), year, encoding)
    if prev is not None and previous is not None:
        for seen in batch.seen:
            if prev.year != seen.year - 1:
                batch.store.close()
                raise UsageError(
                    [
                        problem(
                            shown_path(previous),
                            "usage.previous_year",
                            previous=prev.year,
                            file=seen.file,
                            year=seen.year,
                            expected=seen.year - 1,
                        )
                    ]
                )
    if waits:
        batch.store.park()
    errors = [*batch.read_errors, *prev_errors, *batch.plausibility_errors()]
    return RunStream(plan_ref(plan), errors, batch.judged(plan_version, errors))


def run_validate(
    plan: Plan,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    combine: bool = False,
) -> RunStream:
    """Check the data only: every row readable against the plan's contract, parts adding up. Each file is read,
    checked and let go before the next; what is kept of it is what `validate` shows."""
    batch = _Batch(plan, None, None, validate=True)
    batch.read(_units(paths, combine), year, encoding)
    batch.store.close()
    errors = [*batch.read_errors, *batch.plausibility_errors()]
    return RunStream(plan_ref(plan), errors, validated=[s.validation for s in batch.kept() if s.validation])


def _checked(plan: Plan, loaded: list[Actuals], errors: list[Diagnostic], combine: bool = False) -> list[Actuals]:
    """The plausible files, each compared with its own year before in the run (under trend/report --combine, the one
    their verdicts compare with: `_joined_befores`)."""
    first = plan.meta.period_start
    return _plausible(plan, loaded, _joined_befores(loaded, first) if combine else _years_before(loaded, first), errors)


def _one_series(files: list[Actuals], command: str, combine: bool) -> list[Diagnostic]:
    """trend and report show one district's years: every file must be one of the newest file's earlier years, as
    `_history` takes them (its name differs from the newest's by the year alone, its form names no other plan), or
    the run is refused naming each file that is not and why; else a series, a projection, a 逐年只增不减 table would
    mix two districts' figures. Under --combine a year's files are named by office, not by district: only the plan
    is asked (docs/rules.md, section 4)."""
    if len(files) < 2:
        return []
    newest = max(files, key=lambda a: a.year)
    # the plan of the series: the newest file's, or the newest one's that names a plan
    stamped = next((a for a in sorted(files, key=lambda a: -a.year) if a.plan_stamp is not None), None)
    key = _series(newest.file, newest.year)
    reached = _chained(newest, files)
    found = []
    for a in files:
        if a is newest:
            continue
        if stamped is not None and a.plan_stamp is not None and not _same_plan(a, stamped):
            assert stamped.plan_stamp is not None
            other_plan, plan = a.plan_stamp.id, stamped.plan_stamp.id
            found.append(
                problem(
                    a.file,
                    "usage.series_other_plan",
                    command=command,
                    newest=newest.file,
                    other_plan=other_plan,
                    other=stamped.file,
                    plan=plan,
                )
            )
        elif combine and (len(a.files) > 1 or len(newest.files) > 1):
            continue  # a year joined from offices' copies is named by office, not by district
        elif not _series(a.file, a.year):
            found.append(problem(a.file, "usage.series_no_year", command=command, year=a.year))
        elif not key:
            found.append(
                problem(a.file, "usage.series_newest_no_year", command=command, newest=newest.file, year=newest.year)
            )
        elif a.file not in reached:
            expected = _named_for(newest.file, newest.year, a.year)
            found.append(
                problem(
                    a.file,
                    "usage.series_other_name",
                    command=command,
                    newest=newest.file,
                    year=a.year,
                    expected=expected,
                )
            )
    return found


def _chained(newest: Actuals, files: list[Actuals]) -> set[str]:
    """The files linked to the newest by names that differ by the year alone, one pair after another, as `evaluate`
    pairs each file with its year before: 2023年度评估/2022.csv ← 2023年度评估/2023.csv ← 2024年度评估/2024.csv."""
    keys, reached = set(_series(newest.file, newest.year)), {newest.file}
    grown = True
    while grown:
        grown = False
        for a in files:
            own = set(_series(a.file, a.year))
            if a.file not in reached and own & keys:
                reached.add(a.file)
                keys |= own
                grown = True
    return reached


def read_years(
    plan: Plan, paths: list[Path], encoding: str | None = None, combine: bool = False, command: str = "trend"
) -> list[Actuals]:
    """Several yearly files of one district for a multi-year view (`_one_series`): any bad file stops the run; one
    file per year, or with `combine` the files of one year joined (docs/rules.md#one-year-from-several-files)."""
    problems: list[Diagnostic] = []
    contract = contract_of(plan)
    if combine:
        try:
            read = read_by_year(paths, contract, encoding)
        except InputError as exc:  # with the slips of the rows that read well (reading.actuals.RefusedYears)
            years: list[Actuals] = getattr(exc, "readable_years", [])
            slips = [p for a in years for p in plausibility.check(plan, a)[0]]
            raise InputError(_in_file_order([*exc.problems, *slips], years)) from None
    else:
        read = _read_all(contract, paths, None, encoding, problems, plan=plan)
    loaded = _checked(plan, read, problems, combine)
    if problems:
        raise InputError(problems)
    seen: dict[int, str] = {}
    for a in loaded:
        if a.year in seen:
            raise UsageError(
                [problem(a.file, "usage.duplicate_year", value=str(a.year), year=a.year, other=seen[a.year])]
            )
        seen[a.year] = a.file
    apart = _one_series(loaded, command, combine)  # after: two files of one year may be one year's parts (--combine)
    if apart:
        raise UsageError(apart)
    return loaded


def run_trend(
    plan: Plan,
    paths: list[Path],
    *,
    encoding: str | None = None,
    plan_version: str | None = None,
    combine: bool = False,
) -> Trend:
    """Series by year: one plan path for all years, the version in force for the latest year (or the one asked)."""
    from planchk.judge.trend import build_trend  # only the multi-year commands need it

    actuals = read_years(plan, paths, encoding, combine)
    first = plan.meta.period_start
    befores = _joined_befores(actuals, first) if combine else _years_before(actuals, first)
    in_force = plan_in_force(plan, max(a.year for a in actuals), plan_version)
    return build_trend(in_force, actuals, [ref for _, ref in befores], _histories(actuals, befores, combine))


@dataclass(frozen=True, slots=True)
class ReportBasis:
    """What an evaluation report (年度/中期/总结评估) is drawn from: the year judged, the trend up to it, and what
    the report says about them."""

    content: ReportContent
    evaluation: Evaluation
    trend: Trend


def run_report(
    plan: Plan,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    plan_version: str | None = None,
    combine: bool = False,
) -> ReportBasis:
    """The chosen year (default: the latest file's) judged, with the trend of the files up to it."""
    from planchk.judge.assessment import report_content
    from planchk.judge.trend import build_trend

    actuals = read_years(plan, paths, encoding, combine, command="report")
    by_year = {a.year: a for a in actuals}
    chosen = year if year is not None else max(by_year)
    if chosen not in by_year:
        raise UsageError(
            [
                problem(
                    "--year", "usage.no_file_for_year", value=str(chosen), year=chosen, years=listing(sorted(by_year))
                )
            ]
        )
    in_force = plan_in_force(plan, chosen, plan_version)
    upto = [a for a in actuals if a.year <= chosen]
    first = plan.meta.period_start
    befores = _joined_befores(upto, first) if combine else _years_before(upto, first)
    histories = _histories(upto, befores, combine)
    at = [a.year for a in upto].index(chosen)
    before, ref = befores[at]
    evaluation = judge_year(in_force, by_year[chosen], before, ref, histories[at])
    trend = build_trend(in_force, upto, [r for _, r in befores], histories)
    return ReportBasis(report_content(in_force, evaluation, trend), evaluation, trend)
