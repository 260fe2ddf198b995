"""Rendering: one module per format, each with `render(run, view) -> str`, chosen from RENDERERS.

A renderer reads results (planchk.results) and shared text pieces (render/text.py) only: never the judge,
never another renderer. Adding a format: write render/<name>.py with a `render` function and add it here
(docs/architecture.md).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from planchk.i18n import Lang
from planchk.results import Run


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


Renderer = Callable[[Run, View], str]
# format name → module under planchk.render; imported only when chosen, so a JSON run never loads Rich.
RENDERERS: dict[str, str] = {
    "table": "table",
    "json": "json",
    "markdown": "markdown",
    "junit": "junit",
    "github": "github",
}


def renderer(name: str) -> Renderer:
    module = importlib.import_module(f"planchk.render.{RENDERERS[name]}")
    render: Renderer = module.render
    return render
