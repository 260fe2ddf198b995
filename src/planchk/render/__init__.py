"""Rendering: `View` (how to show a result) and `show`, the one way any result is rendered, through the table
of formats (planchk.formats.FORMATS).

A renderer reads results (planchk.results) and shared text pieces (render/text.py) only: never the judge,
never another renderer. A format's module is imported only when it is chosen, so a JSON run never loads Rich.
Adding a format: docs/architecture.md, "How to add a format".
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from planchk.formats import FORMATS, Kind
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


def show(kind: Kind, name: str, result: Any, view: View) -> str | Iterator[str]:
    """`result` (of `kind`) rendered in the format `name`; a run (a `results.RunStream`) piece by piece, each file's
    text made as the file is judged, so that the caller writes it out before the next file is read."""
    module, function = FORMATS[kind][name].split(":")
    write = getattr(importlib.import_module(f"planchk.render.{module}"), function)
    if kind == "report":  # an evaluation report is written from its parts (runs.ReportBasis) in a language
        text: str | Iterator[str] = write(result.content, result.evaluation, result.trend, view.lang)
    else:
        text = write(result, view)
    return text
