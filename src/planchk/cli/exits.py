"""Every exit code planchk gives, decided in one place (docs/rules.md#5-exit-codes).

0 nothing reaches the chosen level; 1 a result at error level (at warning level under --strict or
--fail-on warning), or a `plan check` finding at error level; 2 the input could not be judged (a file, the
plan, an option or the output; also click's own usage errors); 3 a bug in planchk, never a verdict on the data.

The judge and the runs give levels; only the command line turns them into codes: each file's code and the
run's (both written in the JSON report) are set here, by `settle`, as the run is rendered file by file. Light at
import (read at start-up): the results and dataclasses are imported only when a run is settled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from planchk.diagnostics import Diagnostic
    from planchk.results import Level, RunStream

OK = 0
FAILED = 1
NOT_JUDGED = 2
BUG = 3

FailLevel = Literal["error", "warning", "never"]


def fail_level(strict: bool, fail_on: str | None) -> FailLevel:
    """The level from which a result fails the run: --fail-on, else warning under --strict, else error."""
    chosen = fail_on if fail_on is not None else "warning" if strict else "error"
    return "never" if chosen == "never" else "warning" if chosen == "warning" else "error"


def for_level(worst: Level, fail: FailLevel) -> int:
    """1 when a result reaches the chosen level, else 0."""
    from planchk.results import LEVEL_ORDER

    if fail == "never":
        return OK
    return FAILED if LEVEL_ORDER[worst] >= LEVEL_ORDER[fail] else OK


def settle(run: RunStream, fail: FailLevel) -> RunStream:
    """`run` with every exit code set as its files are given: each file's by its worst result, the run's the worst
    of them, or 2 when any file could not be read (the good ones are still judged and shown)."""
    return run.settled(lambda worst: for_level(worst, fail), run_code)


def run_code(errors: list[Diagnostic], worst: int) -> int:
    """A run's exit code: 2 when any file could not be read, else the worst of its files' codes."""
    return NOT_JUDGED if errors else worst


def for_findings(findings: list[Diagnostic]) -> int:
    """`plan check`: 1 when any finding is an error."""
    return FAILED if any(f.level == "error" for f in findings) else OK
