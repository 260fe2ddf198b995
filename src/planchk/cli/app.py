"""The commands: each declares its options (Typer), puts the shared ones in one `Common` object and hands
`execute` (cli/command.py) a body that returns its output and exit code. Nothing else here: the help's
machinery is in cli/help_format.py, its texts in cli/help_text.py, the exit codes in cli/exits.py.

Heavy modules (Pydantic models, YAML, Rich) are imported inside the bodies, so `planchk --version` and
`--help` stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from planchk import __version__
from planchk.cli import exits
from planchk.cli.command import Common, Outcome, execute
from planchk.cli.help_format import Command, Group
from planchk.cli.options import (
    ByUnitOpt,
    CombineOpt,
    CoverageFormat,
    DebugOpt,
    DiffFormat,
    EncodingOpt,
    FailOnOpt,
    FilesArg,
    FormatOpt,
    Lang,
    LangOpt,
    NoColorOpt,
    OnlyOpt,
    OutputOpt,
    PlanOpt,
    PlansOpt,
    PlanVersionOpt,
    ReportFormat,
    SchemaKind,
    StrictOpt,
    TemplateFormat,
    TrendFormat,
    YearOpt,
    programme_id,
    programme_in,
)

if TYPE_CHECKING:
    from planchk.plan.model import Plan

app = typer.Typer(cls=Group, add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        print(f"planchk {__version__}")
        raise typer.Exit(exits.OK)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """The top-level options (--version); the help is HELP["planchk"] in cli/help_text.py, as every command's."""


@app.command(cls=Command)
def evaluate(
    files: FilesArg,
    year: YearOpt = None,
    plan: PlanOpt = None,
    plans: PlansOpt = None,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    previous: Annotated[Optional[Path], typer.Option("--previous")] = None,
    plan_version: PlanVersionOpt = None,
    combine: CombineOpt = False,
    only: OnlyOpt = None,
    programme: Annotated[Optional[str], typer.Option("--programme", "-p")] = None,
    by_unit: ByUnitOpt = False,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.load import load_plan
        from planchk.runs import run_evaluate

        if plans is not None and plan is None:  # each file to its own plan (docs/several-plans.md)
            from planchk.plans import evaluate_each, load_folder

            folder = load_folder(plans)
            shown_programme = programme_in([p for _, p in folder.plans.values()], programme)
            run, used = evaluate_each(
                folder,
                files,
                year=year,
                encoding=encoding,
                previous=previous,
                plan_version=plan_version,
                combine=combine,
            )
        else:
            used = [load_plan(plan)]
            shown_programme = programme_id(used[0], programme)
            run = run_evaluate(
                used[0],
                files,
                year=year,
                encoding=encoding,
                previous=previous,
                plan_version=plan_version,
                combine=combine,
            )
        view = c.view(used[0], shown_programme, also=used[1:])
        if by_unit:  # the results by the unit that answers for them, each file grouped as it is judged
            from dataclasses import replace

            from planchk.judge.units import run_by_unit

            if len(used) > 1:
                from planchk.diagnostics import UsageError, problem
                from planchk.messages import listing

                ids = listing(p.meta.id for p in used)
                raise UsageError([problem("--by-unit", "usage.by_unit_several_plans", n=len(used), plans=ids)])
            run, view = run_by_unit(used[0], run), replace(view, show_indicators=False, show_programmes=False)
        run = exits.settle(run, exits.fail_level(strict, fail_on))  # each file's code set as it is judged
        return Outcome(c.render("run", fmt, run, view), lambda: run.exit_code, run.errors)

    inputs = (*files, previous) if previous is not None else tuple(files)
    execute(Common(lang, debug, output, no_color, only, inputs, reads_plan=True, plan=plan, plans=plans), body)


@app.command(cls=Command)
def validate(
    files: FilesArg,
    year: YearOpt = None,
    plan: PlanOpt = None,
    plans: PlansOpt = None,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    combine: CombineOpt = False,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.load import load_plan
        from planchk.runs import run_validate

        if plans is not None and plan is None:  # each file to its own plan (docs/several-plans.md)
            from planchk.plans import load_folder, validate_each

            run, _ = validate_each(load_folder(plans), files, year=year, encoding=encoding, combine=combine)
        else:
            run = run_validate(load_plan(plan), files, year=year, encoding=encoding, combine=combine)
        run = exits.settle(run, exits.fail_level(strict, fail_on))
        return Outcome(c.render("run", fmt, run, c.view()), lambda: run.exit_code, run.errors)

    common = Common(lang, debug, output, no_color, inputs=tuple(files), reads_plan=True, plan=plan, plans=plans)
    execute(common, body)


@app.command(cls=Command)
def trend(
    files: FilesArg,
    plan: PlanOpt = None,
    plans: PlansOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[Optional[TrendFormat], typer.Option("--format", "-f")] = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    only: OnlyOpt = None,
    plan_version: PlanVersionOpt = None,
    combine: CombineOpt = False,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.load import load_plan
        from planchk.runs import run_trend

        if plans is not None and plan is None:  # the files' own plan (docs/several-plans.md)
            from planchk.plans import load_folder, trend_each

            folder = load_folder(plans)
            result = trend_each(folder, files, encoding=encoding, plan_version=plan_version, combine=combine)
        else:
            result = run_trend(load_plan(plan), files, encoding=encoding, plan_version=plan_version, combine=combine)
        return Outcome(c.render("trend", fmt, result, c.view()))

    execute(Common(lang, debug, output, no_color, only, tuple(files), reads_plan=True, plan=plan, plans=plans), body)


@app.command(cls=Command)
def report(
    files: FilesArg,
    year: Annotated[Optional[int], typer.Option("--year")] = None,
    plan: PlanOpt = None,
    plans: PlansOpt = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang")] = None,
    fmt: Annotated[Optional[ReportFormat], typer.Option("--format", "-f", show_default=False)] = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    plan_version: PlanVersionOpt = None,
    combine: CombineOpt = False,
    by_unit: ByUnitOpt = False,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.load import load_plan
        from planchk.runs import run_report

        if plans is not None and plan is None:  # the files' own plan (docs/several-plans.md)
            from planchk.plans import load_folder, report_each

            folder = load_folder(plans)
            the_plan, basis = report_each(
                folder, files, year=year, encoding=encoding, plan_version=plan_version, combine=combine
            )
        else:
            the_plan = load_plan(plan)
            basis = run_report(
                the_plan, files, year=year, encoding=encoding, plan_version=plan_version, combine=combine
            )
        if by_unit:  # a section of the report: which unit's commitments lag
            from dataclasses import replace

            from planchk.judge.units import by_unit as grouped

            basis = replace(basis, evaluation=grouped(the_plan, basis.evaluation))
        # A report is written in Chinese unless --lang en asks otherwise (its messages follow the usual default).
        return Outcome(c.render("report", fmt, basis, c.view(lang="en" if lang is Lang.en else "zh")))

    execute(Common(lang, debug, output, inputs=tuple(files), reads_plan=True, plan=plan, plans=plans), body)


@app.command(cls=Command)
def schema(
    what: Annotated[SchemaKind, typer.Argument(metavar="KIND")],
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        import json

        from planchk.plan.schema import plan_file_schema
        from planchk.render.json import report_schema

        if what is SchemaKind.units:
            from planchk.plan.units import units_file_schema

            schema_doc = units_file_schema()
        else:
            schema_doc = report_schema() if what is SchemaKind.report else plan_file_schema(what.value)
        return Outcome(json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n")

    execute(Common(lang, debug, output), body)


@app.command(cls=Command)
def template(
    year: Annotated[int, typer.Argument(metavar="YEAR", show_default=False)],
    plan: PlanOpt = None,
    encoding: Annotated[str, typer.Option("--encoding", show_default=False)] = "utf-8-sig",
    output: OutputOpt = None,
    example: Annotated[bool, typer.Option("--example")] = False,
    fmt: Annotated[Optional[TemplateFormat], typer.Option("--format", "-f")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    unit: Annotated[Optional[str], typer.Option("--unit")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.diagnostics import UsageError, problem
        from planchk.plan.load import load_plan

        def load_plan_rows(directory: Path | None) -> Plan:
            """The plan, cut to the rows of --unit when one is asked for (judge/units.py)."""
            the_plan = load_plan(directory)
            if unit is None:
                return the_plan
            from planchk.judge.units import chosen_unit

            return the_plan.for_unit(chosen_unit(the_plan, unit))

        suffix = output.suffix.lower() if output is not None else ""
        if fmt is None and suffix in (".xls", ".ods", ".et"):
            # planchk writes .xlsx forms only; a CSV under a workbook's name would be refused when read back
            raise UsageError([problem(str(output), "usage.template_suffix", suffix=suffix)])
        as_xlsx = fmt is TemplateFormat.xlsx or (fmt is None and suffix in (".xlsx", ".xlsm"))
        if as_xlsx and (output is None or str(output) == "-") and sys.stdout.isatty():
            raise UsageError([problem("-o", "usage.workbook_to_terminal")])
        if as_xlsx:
            from planchk.template_xlsx import template_xlsx

            return Outcome(template_xlsx(load_plan_rows(plan), year, example))
        from planchk.template import template_bytes

        return Outcome(template_bytes(load_plan_rows(plan), year, encoding, example, c.language))

    # A template never replaces a file without --force: the file may be a form someone has filled in.
    execute(Common(lang, debug, output, reads_plan=True, plan=plan, replace=force), body)


plan_app = typer.Typer(cls=Group, no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("show", cls=Command)
def plan_show(
    plan: PlanOpt = None, lang: LangOpt = None, no_color: NoColorOpt = False, debug: DebugOpt = False
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.load import load_plan

        the_plan = load_plan(plan)
        return Outcome(c.render("plan", None, the_plan, c.view()))

    execute(Common(lang, debug, no_color=no_color), body)


@plan_app.command("check", cls=Command)
def plan_check(
    path: Annotated[Optional[Path], typer.Argument(metavar="[DIR]")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.lint import check_plan, lint_report

        check = check_plan(path)
        return Outcome(lint_report(check, c.language), exits.for_findings(check.findings))

    execute(Common(lang, debug), body)


@plan_app.command("coverage", cls=Command)
def plan_coverage(
    path: Annotated[Optional[Path], typer.Argument(metavar="[DIR]")] = None,
    fmt: Annotated[Optional[CoverageFormat], typer.Option("--format", "-f", show_default=False)] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.coverage import text_coverage
        from planchk.plan.load import load_plan

        coverage = text_coverage(load_plan(path))
        return Outcome(c.render("coverage", fmt, coverage, c.view()), exits.for_findings(coverage.findings))

    execute(Common(lang, debug, output, no_color=no_color), body)


@plan_app.command("diff", cls=Command)
def plan_diff(
    old: Annotated[str, typer.Argument(metavar="OLD")],
    new: Annotated[str, typer.Argument(metavar="NEW")],
    fmt: Annotated[Optional[DiffFormat], typer.Option("--format", "-f")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.diff import diff_report

        return Outcome(diff_report(old, new, as_json=fmt is DiffFormat.json, lang=c.language))

    execute(Common(lang, debug), body)


@plan_app.command("draft", cls=Command)
def plan_draft(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", show_default=False)],
    plan_id: Annotated[Optional[str], typer.Option("--id")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.draft.commands import run_draft

        return Outcome(run_draft(source, output, plan_id, force, c.language))

    # -o is the draft's directory here; what the command prints goes to stdout
    execute(Common(lang, debug), body)


@plan_app.command("review", cls=Command)
def plan_review(
    path: Annotated[Path, typer.Argument(metavar="DIR", show_default=False)],
    all_: Annotated[bool, typer.Option("--all")] = False,
    ids: Annotated[Optional[list[str]], typer.Option("--id")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body(c: Common) -> Outcome:
        from planchk.plan.draft.commands import run_review

        return Outcome(run_review(path, None if all_ else set(ids or []), all_, c.language))

    execute(Common(lang, debug), body)
