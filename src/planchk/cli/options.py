"""The command line's vocabulary: choices and the options several commands share."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    github = "github"


class TrendFormat(str, Enum):
    table = "table"
    json = "json"


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


class TemplateFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class SchemaKind(str, Enum):
    report = "report"
    targets = "targets"
    projects = "projects"


class Only(str, Enum):
    indicators = "indicators"
    programmes = "programmes"


# Typer reads these annotations; `Optional[...]` (not `X | None`) because typer 0.12–0.28 need it at run time.
LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="Label language (default: PLANCHK_LANG, else locale).")]
PlanOpt = Annotated[Optional[Path], typer.Option("--plan", help="Plan directory (default: the bundled plan).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour (NO_COLOR is honoured too).")]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        help="table (default), json, markdown, junit or github (the default when GITHUB_ACTIONS=true).",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        help="Write here instead of stdout: a file is replaced atomically (missing folders are created, a "
        "symlink's target is replaced); a device or FIFO is written directly; - is stdout.",
        show_default=False,
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too (same as --fail-on warning).")]
FailOnOpt = Annotated[
    Optional[FailOn],
    typer.Option(
        "--fail-on",
        help="Lowest level that makes the exit code 1: error (default), warning, never.",
        show_default=False,
    ),
]
YearOpt = Annotated[Optional[int], typer.Option("--year", help="Reporting year, if not in the file or name.")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Force the CSV encoding (e.g. gb18030).")]
FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Actual-year file(s): CSV or .xlsx workbooks, one year each (unless --combine).",
        metavar="FILE...",
        show_default=False,
    ),
]
CombineOpt = Annotated[
    bool,
    typer.Option(
        "--combine",
        help="The files are parts of one year's data (one per office): read them as one; an id in two is an error.",
    ),
]
PlanVersionOpt = Annotated[
    Optional[str],
    typer.Option(
        "--plan-version", help="Judge against this plan version (default: the version in force for each year)."
    ),
]
