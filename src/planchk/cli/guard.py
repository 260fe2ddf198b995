"""A command's body guarded: what the user can fix becomes its diagnostics on stderr and exit 2, anything
else is a bug in planchk and exit 3 (codes from cli/exits.py). Everything said here is in the command's
language."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

import typer

from planchk.cli import exits

if TYPE_CHECKING:
    from planchk.diagnostics import Diagnostic
    from planchk.lang import Lang


def run_guarded(debug: bool, body: Callable[[], int], lang: Lang) -> NoReturn:
    """Run a command's body and exit with its code: user-fixable problems (bad input, output that cannot be
    written) → their diagnostics and exit 2; a planchk bug → exit 3 (its traceback with `debug`)."""
    from planchk.diagnostics import PlanchkError
    from planchk.output import OutputError

    try:
        code = body()
    except OutputError as exc:  # -o or stdout could not be written: the user's to fix, not a bug
        from planchk.messages import say

        print(say("cli.cannot_write", path=exc.path, reason=exc.reason).get(lang), file=sys.stderr)
        code = exits.NOT_JUDGED
    except PlanchkError as exc:
        print_problems(exc.problems, lang)
        code = exits.NOT_JUDGED
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - anything else is our bug, never a verdict on the data
        if debug:
            raise
        from planchk.messages import say

        print(say("cli.internal_error", error=f"{type(exc).__name__}: {exc}").get(lang), file=sys.stderr)
        code = exits.BUG
    raise typer.Exit(code)


def print_problems(found: list[Diagnostic], lang: Lang) -> None:
    """Diagnostics on stderr in `lang`, one line each: file:line [column]: error: message (value: …)."""
    from planchk.messages import listing, say
    from planchk.sanitize import one_line

    for p in found:
        detail = say("cli.problem_value", shown=one_line(repr(p.value))).get(lang) if p.value is not None else ""
        line = say("cli.problem", where=one_line(p.location()), message=one_line(p.text(lang)), detail=detail)
        print(line.get(lang), file=sys.stderr)
    files = sorted({one_line(p.file) for p in found})
    print(say("cli.not_judged", n=len(found), files=listing(files)).get(lang), file=sys.stderr)
