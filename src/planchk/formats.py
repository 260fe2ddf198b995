"""The formats each kind of result can be shown in, and the renderer that writes each: one table (FORMATS); and
the kinds of workbook an actual year is read from (WORKBOOK_SUFFIXES).

The command line's `--format` choices and the lists of formats in its help are made from it, so adding a
format is a renderer plus one line here (docs/architecture.md, "How to add a format"); `render.show` looks
the renderer up here. Plain data, read at start-up (for `--version` and `--help` too): nothing is imported.
"""

from __future__ import annotations

from typing import Literal

# What is shown: a `Run` (evaluate, validate), a `Trend` (trend), a `runs.ReportBasis` (report), a `Plan`
# (plan show), a `plan.coverage.Coverage` (plan coverage).
Kind = Literal["run", "trend", "report", "plan", "coverage"]

# kind → format name → "module:function" under planchk.render. The first format of a kind is its default.
# Every function is called as function(result, view) -> str, except a report's (see `render.show`) and a run's:
# function(run: results.RunStream, view) -> Iterator[str], its text given a file at a time as the run is judged.
FORMATS: dict[Kind, dict[str, str]] = {
    "run": {
        "table": "table:stream",
        "json": "json:stream",
        "markdown": "markdown:stream",
        "junit": "junit:stream",
        "github": "github:stream",
    },
    "trend": {
        "table": "trend_table:render_trend",
        "json": "json:render",  # json's render writes a Trend as it is
    },
    "report": {
        "markdown": "assessment:render_report_markdown",
        "html": "assessment:render_report_html",
    },
    "plan": {
        "table": "plan_tables:render_plan",
    },
    "coverage": {
        "table": "coverage_table:render",
        "json": "coverage_json:render",
        "html": "coverage_html:render",
    },
}


# The workbooks an actual year is read from besides CSV, by extension (reading/workbook.py reads them; `--help`
# lists them from here).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")


def default_format(kind: Kind) -> str:
    """The format a kind is shown in when none is chosen: its first."""
    return next(iter(FORMATS[kind]))
