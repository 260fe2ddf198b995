"""The Rich console every terminal view writes into (the evaluate table, trend tables, plan show), and the
styles of statuses and levels in colour. Shared here so that no renderer imports another."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from planchk.render import View
from planchk.render.text import status_word

STYLE = {"pass": "green", "fail": "red", "missing": "yellow", "not_due": "dim", "cannot_judge": "yellow"}
LEVEL_STYLE = {"ok": "green", "warning": "yellow", "error": "bold red"}


def make_console(view: View) -> tuple[Console, io.StringIO]:
    """A console that writes into a string, in colour only when the view asks for it."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=view.width,
        color_system="auto" if view.color else None,
        force_terminal=view.color,
        no_color=not view.color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    return console, buffer


def status_text(lang: str, status: str, level: str) -> Text:
    return Text(status_word(lang, status, level), style=LEVEL_STYLE[level] if level != "ok" else STYLE[status])
