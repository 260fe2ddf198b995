"""The command line's vocabulary: choices, the options several commands share, and --programme read against
the plan.

The `--format` choices of evaluate/validate, trend and report are made from the renderer registry
(planchk.formats.FORMATS), so a format added there is offered here with no other edit.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from planchk.formats import FORMATS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planchk.plan.model import Plan


class Lang(str, Enum):
    zh = "zh"
    en = "en"


# The choice of formats a command offers: the registry's names for its kind, in the registry's order. mypy
# cannot see the members of an Enum made from data (its [misc] error); the code reads their `.value` only.
Format = Enum("Format", [(n, n) for n in FORMATS["run"]], type=str)  # type: ignore[misc]  # evaluate, validate
TrendFormat = Enum("TrendFormat", [(n, n) for n in FORMATS["trend"]], type=str)  # type: ignore[misc]
ReportFormat = Enum("ReportFormat", [(n, n) for n in FORMATS["report"]], type=str)  # type: ignore[misc]
CoverageFormat = Enum("CoverageFormat", [(n, n) for n in FORMATS["coverage"]], type=str)  # type: ignore[misc]


class DiffFormat(str, Enum):
    """`plan diff` writes its own lines or JSON (planchk.plan.diff), not a rendered result."""

    table = "table"
    json = "json"


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
    units = "units"


class Only(str, Enum):
    indicators = "indicators"
    programmes = "programmes"


# Typer reads these annotations; `Optional[...]` (not `X | None`) because typer 0.12–0.28 need it at run time.
# Their help, in Chinese and English, is in cli/help_text.py under the option's name (`--plan`, `FILES`).
LangOpt = Annotated[Optional[Lang], typer.Option("--lang")]
PlanOpt = Annotated[Optional[Path], typer.Option("--plan")]
PlansOpt = Annotated[Optional[Path], typer.Option("--plans")]
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
ByUnitOpt = Annotated[bool, typer.Option("--by-unit")]
PlanVersionOpt = Annotated[Optional[str], typer.Option("--plan-version")]
OnlyOpt = Annotated[Optional[Only], typer.Option("--only")]


def programme_in(plans: Sequence[Plan], wanted: str | None) -> str | None:
    """--programme with --plans: the id in the first plan that has it; the first plan's error when none does."""
    from planchk.diagnostics import UsageError

    first_error: UsageError | None = None
    for plan in plans:
        try:
            return programme_id(plan, wanted)
        except UsageError as exc:
            first_error = first_error or exc
    assert first_error is not None  # no plans: nothing to look in
    raise first_error


def programme_id(plan: Plan, wanted: str | None) -> str | None:
    """--programme as the id of one of the plan's programmes: its box number (4), its box (专栏4, 正文) or its id
    (box4, text), in any case. Anything else is exit 2 listing the choices, before any file is read."""
    if wanted is None:
        return None
    from planchk.diagnostics import UsageError, problem
    from planchk.i18n import Bilingual
    from planchk.messages import listing

    key = wanted.strip().lower()
    choices: list[Bilingual | str] = []
    for p in plan.programmes:
        names = list(dict.fromkeys([p.box, p.box.removeprefix("专栏"), p.id]))
        if key in (name.lower() for name in names):
            return p.id
        choices.append(
            Bilingual(zh=f"{names[0]}（{'、'.join(names[1:])}）", en=f"{names[0]} ({', '.join(names[1:])})")
            if len(names) > 1
            else names[0]
        )
    raise UsageError(
        [
            problem(
                "--programme",
                "usage.unknown_programme",
                value=wanted,
                wanted=wanted,
                plan=plan.meta.id,
                choices=listing(choices),
            )
        ]
    )
