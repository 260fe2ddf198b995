"""The console entry point, and the one place where problems become exit codes.

Exit codes (docs/rules.md#5-exit-codes): 0 nothing at error level; 1 an error-level result (or a warning
under --strict); 2 the input could not be judged (a PlanchkError: bad CSV, plan or options); 3 a bug in
planchk, never a verdict on the data.

Process devices. A run is one short process that builds many small objects and almost no cycles. So,
only here and only for the console script, planchk
- switches the cyclic garbage collector off for the run: its collections found nothing to free and cost
  tens of milliseconds per run (bench/README.md has the figures);
- ends with os._exit once every output is flushed, skipping the interpreter's teardown of the modules it
  imported (Pydantic, Rich), which frees nothing anyone needs and costs tens of milliseconds.
Both are off with PLANCHK_FAST_EXIT=0, and off by themselves under a tracer, a profiler or coverage (which
write their results at exit), as mypy does with its own fast exit. Nothing else in planchk touches the
process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from planchk.diagnostics import Diagnostic


def devices_allowed() -> bool:
    """Fast exit and GC hold: not when switched off, traced, profiled or measured for coverage."""
    if os.environ.get("PLANCHK_FAST_EXIT", "1").strip() in ("0", "no", "false", "off"):
        return False
    return sys.gettrace() is None and sys.getprofile() is None and "coverage" not in sys.modules


def run_guarded(debug: bool, body: Callable[[], int], lang: str | None = None) -> NoReturn:
    """Run a command's body: user-fixable problems (bad input, output that
    cannot be written) → their diagnostics and exit 2; a planchk bug → exit 3.
    What planchk says here is in `lang` (the command's --lang, else i18n.default_lang())."""
    from planchk.diagnostics import PlanchkError
    from planchk.output import OutputError

    try:
        code = body()
    except OutputError as exc:  # -o or stdout could not be written: the user's to fix, not a bug
        from planchk.messages import say

        print(say("cli.cannot_write", path=exc.path, reason=exc.reason).get(_chosen(lang)), file=sys.stderr)
        code = 2
    except PlanchkError as exc:
        print_problems(exc.problems, _chosen(lang))
        code = 2
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - anything else is our bug, never a verdict on the data
        if debug:
            raise
        from planchk.messages import say

        print(say("cli.internal_error", error=f"{type(exc).__name__}: {exc}").get(_chosen(lang)), file=sys.stderr)
        code = 3
    raise typer.Exit(code)


def _chosen(lang: str | None) -> str:
    from planchk.i18n import default_lang

    return lang or default_lang()


def print_problems(found: list[Diagnostic], lang: str) -> None:
    """Diagnostics on stderr in `lang`, one line each: file:line [column]: error: message (value: …)."""
    from planchk.messages import listing, say
    from planchk.sanitize import one_line

    for p in found:
        detail = say("cli.problem_value", shown=one_line(repr(p.value))).get(lang) if p.value is not None else ""
        line = say("cli.problem", where=one_line(p.location()), message=one_line(p.text(lang)), detail=detail)
        print(line.get(lang), file=sys.stderr)
    files = sorted({one_line(p.file) for p in found})
    print(say("cli.not_judged", n=len(found), files=listing(files)).get(lang), file=sys.stderr)


def main() -> None:
    """`planchk` as installed: the app, with the process devices when they are allowed."""
    import gc

    fast = devices_allowed()
    if fast:
        gc.disable()
    # Pydantic scans every installed package's entry points for plugins on first use (~10 ms); planchk uses
    # none. A setting, not a device: a user who wants a plugin sets the variable themselves.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # Windows consoles and some CI runners default to a legacy code page; Chinese labels need UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8", errors="replace")
    from planchk.cli.app import app
    from planchk.output import ReaderMayLeave

    sys.stdout = ReaderMayLeave(sys.stdout)
    try:
        app(prog_name="planchk")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # sys.exit("message"): say it, exit 1, as Python would
        print(code, file=sys.stderr)
        code = 1
    status = code if isinstance(code, int) else 0
    if not fast:
        sys.exit(status)
    sys.stdout.flush()  # ReaderMayLeave: quiet when the reader has gone
    try:
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(status)
