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
# Their help, in Chinese and English, is in cli/help_text.py under the option's name (`--plan`, `FILES`).
LangOpt = Annotated[Optional[Lang], typer.Option("--lang")]
PlanOpt = Annotated[Optional[Path], typer.Option("--plan")]
DebugOpt = Annotated[bool, typer.Option("--debug")]
NoColorOpt = Annotated[bool, typer.Option("--no-color")]
FormatOpt = Annotated[Optional[Format], typer.Option("--format", "-f", show_default=False)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", show_default=False)]
StrictOpt = Annotated[bool, typer.Option("--strict")]
FailOnOpt = Annotated[Optional[FailOn], typer.Option("--fail-on", show_default=False)]
YearOpt = Annotated[Optional[int], typer.Option("--year")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding")]
FilesArg = Annotated[list[Path], typer.Argument(metavar="FILE...", show_default=False)]
CombineOpt = Annotated[bool, typer.Option("--combine")]
PlanVersionOpt = Annotated[Optional[str], typer.Option("--plan-version")]
