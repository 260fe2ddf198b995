"""The console entry point: the app run with the process devices below. (The exit codes are decided in
cli/exits.py; a command's problems become them in cli/guard.py.)

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


def devices_allowed() -> bool:
    """Fast exit and GC hold: not when switched off, traced, profiled or measured for coverage."""
    if os.environ.get("PLANCHK_FAST_EXIT", "1").strip() in ("0", "no", "false", "off"):
        return False
    return sys.gettrace() is None and sys.getprofile() is None and "coverage" not in sys.modules


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
