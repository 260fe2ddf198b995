"""Rendering: the registry of formats (FORMATS), what each command can show in, and `show`, the one way any
result is rendered.

A renderer reads results (planchk.results) and shared text pieces (render/text.py) only: never the judge,
never another renderer. Adding a format: write its function in render/<name>.py and add one line to FORMATS;
the command line's `--format` choices are made from it (docs/architecture.md, "How to add a format").

This module stays light (no Pydantic, no Rich): the command line reads the format names from it at start-up,
for `--version` and `--help` too. A format's module is imported only when it is chosen, so a JSON run never
loads Rich.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Literal

from planchk.lang import Lang


@dataclass(frozen=True, slots=True)
class View:
    """How to show a run: language, colour and width (table), and what to show."""

    lang: Lang
    categories: dict[str, str] = field(default_factory=dict)
    color: bool = False
    width: int | None = None
    show_indicators: bool = True
    show_programmes: bool = True
    programme: str | None = None  # the id of the programme to show item by item


# What is shown: a `Run` (evaluate, validate), a `Trend` (trend), a `runs.ReportBasis` (report), a `Plan`
# (plan show).
Kind = Literal["run", "trend", "report", "plan"]

# kind → format name → "module:function" under planchk.render. The first format of a kind is its default.
# Every function is called as function(result, view) -> str, except a report's (see `show`).
FORMATS: dict[Kind, dict[str, str]] = {
    "run": {
        "table": "table:render",
        "json": "json:render",
        "markdown": "markdown:render",
        "junit": "junit:render",
        "github": "github:render",
    },
    "trend": {
        "table": "trend_table:render_trend",
        "json": "json:render",  # json's render writes any result (a Run, a Trend) as it is
    },
    "report": {
        "markdown": "assessment:render_report_markdown",
        "html": "assessment:render_report_html",
    },
    "plan": {
        "table": "plan_tables:render_plan",
    },
}


def default_format(kind: Kind) -> str:
    """The format a kind is shown in when none is chosen: its first."""
    return next(iter(FORMATS[kind]))


def show(kind: Kind, name: str, result: Any, view: View) -> str:
    """`result` (of `kind`) rendered in the format `name`."""
    module, function = FORMATS[kind][name].split(":")
    write = getattr(importlib.import_module(f"planchk.render.{module}"), function)
    if kind == "report":  # an evaluation report is written from its parts (runs.ReportBasis) in a language
        text: str = write(result.plan, result.evaluation, result.trend, view.lang)
    else:
        text = write(result, view)
    return text
