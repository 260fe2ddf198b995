"""The commands: each turns its options into a run (planchk.runs) and hands the result to a renderer.

Heavy modules (Pydantic models, YAML, Rich) are imported inside the commands that need them, so
`planchk --version` and `--help` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from planchk import __version__
from planchk.cli.entry import run_guarded
from planchk.cli.options import (
    CombineOpt,
    DebugOpt,
    EncodingOpt,
    FailOn,
    FailOnOpt,
    FilesArg,
    Format,
    FormatOpt,
    Lang,
    LangOpt,
    NoColorOpt,
    Only,
    OutputOpt,
    PlanOpt,
    PlanVersionOpt,
    ReportFormat,
    SchemaKind,
    StrictOpt,
    TemplateFormat,
    TrendFormat,
    YearOpt,
)

if TYPE_CHECKING:
    from planchk.i18n import Lang as LangCode
    from planchk.plan.model import Plan
    from planchk.render import View
    from planchk.runs import FailOn as FailOnLevel

EXIT_HELP = (
    "Exit codes: 0 nothing at error level (warnings allowed); 1 at least one error-level result (or a "
    "warning under --strict); 2 the input could not be judged (bad CSV or YAML, bad options); 3 an "
    "internal error in planchk (never a verdict on the data). Rules: docs/rules.md."
)
# Wide enough that piped output never wraps an indicator row; COLUMNS still wins when set.
PIPE_WIDTH = 200

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Check actual figures against a five-year plan (bundled: the Dadukou District education plan "
    "2021-2025).\n\n" + EXIT_HELP,
)


def _version(value: bool) -> None:
    if value:
        print(f"planchk {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check actual figures against the Dadukou District education plan 2021-2025."""


# ── shared plumbing: options → view, output ──────────────────────────────────────────────────────────
def _lang(lang: Optional[Lang]) -> LangCode:
    from planchk.i18n import default_lang

    return "zh" if lang is Lang.zh else "en" if lang is Lang.en else default_lang()


def _fail_on(strict: bool, fail_on: Optional[FailOn]) -> FailOnLevel:
    if fail_on is not None:
        return "never" if fail_on is FailOn.never else "warning" if fail_on is FailOn.warning else "error"
    return "warning" if strict else "error"


def _format(fmt: Optional[Format]) -> Format:
    if fmt is not None:
        return fmt
    return Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.table


def _view(
    lang: Optional[Lang],
    output: Optional[Path],
    no_color: bool,
    plan: Plan | None = None,
    only: Optional[Only] = None,
    programme: str | None = None,
) -> View:
    """How to show a run: colour only on a terminal (NO_COLOR and --no-color honoured), width from COLUMNS,
    the terminal, or wide enough for a pipe or file."""
    import shutil

    from planchk.render import View

    to_terminal = output is None and sys.stdout.isatty()
    color = (
        not no_color
        and not os.environ.get("NO_COLOR")
        and output is None
        and (to_terminal or bool(os.environ.get("FORCE_COLOR")))
    )
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() else shutil.get_terminal_size().columns if to_terminal else PIPE_WIDTH
    language = _lang(lang)
    categories = {c.id: c.name.get(language) for c in plan.categories} if plan is not None else {}
    return View(
        lang=language,
        categories=categories,
        color=color,
        width=width,
        show_indicators=only is not Only.programmes,
        show_programmes=only is not Only.indicators,
        programme=programme,
    )


def _write(text: str, output: Optional[Path]) -> None:
    from planchk.output import write_output

    write_output(text.encode("utf-8"), output)


def _emit(run_result: object, fmt: Format, view: View, output: Optional[Path]) -> None:
    """Render a run in the chosen format; input problems also go to stderr as diagnostics."""
    from planchk.cli.entry import print_problems
    from planchk.render import renderer
    from planchk.results import Run

    assert isinstance(run_result, Run)
    if run_result.errors:
        print_problems(run_result.errors, view.lang)
    _write(renderer(fmt.value)(run_result, view), output)


# ── the commands ─────────────────────────────────────────────────────────────────────────────────────
@app.command()
def evaluate(
    files: FilesArg,
    year: YearOpt = None,
    plan: PlanOpt = None,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    previous: Annotated[
        Optional[Path], typer.Option("--previous", help="The previous year's CSV, for the year-over-year rules.")
    ] = None,
    plan_version: PlanVersionOpt = None,
    combine: CombineOpt = False,
    only: Annotated[Optional[Only], typer.Option("--only", help="Show only indicators or only programmes.")] = None,
    programme: Annotated[
        Optional[str], typer.Option("--programme", "-p", help="Show one box item by item (e.g. 4, 专栏4, box4).")
    ] = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Judge actual figures for one or more years against the plan (docs/rules.md, section 3)."""

    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.runs import run_evaluate

        the_plan = load_plan(plan)
        result = run_evaluate(
            the_plan,
            files,
            year=year,
            encoding=encoding,
            previous=previous,
            fail_on=_fail_on(strict, fail_on),
            plan_version=plan_version,
            combine=combine,
        )
        _emit(result, _format(fmt), _view(lang, output, no_color, the_plan, only, programme), output)
        return result.exit_code

    run_guarded(debug, body, _lang(lang))


@app.command()
def validate(
    files: FilesArg,
    year: YearOpt = None,
    plan: PlanOpt = None,
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
    """Check the data only (format, ids, units, values, parts adding up); no judgement against targets.

    Exit 0 when every file can be judged, 2 when one cannot (1 for warnings under --strict)."""

    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.runs import run_validate

        the_plan = load_plan(plan)
        result = run_validate(
            the_plan, files, year=year, encoding=encoding, fail_on=_fail_on(strict, fail_on), combine=combine
        )
        _emit(result, _format(fmt), _view(lang, output, no_color), output)
        return result.exit_code

    run_guarded(debug, body, _lang(lang))


@app.command()
def trend(
    files: FilesArg,
    plan: PlanOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[Optional[TrendFormat], typer.Option("--format", "-f", help="table (default) or json.")] = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    only: Annotated[Optional[Only], typer.Option("--only", help="indicators: leave out programme items.")] = None,
    plan_version: PlanVersionOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Several years side by side: series, plan path, progress against time, projection and classification."""

    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.runs import run_trend

        result = run_trend(load_plan(plan), files, encoding=encoding, plan_version=plan_version)
        view = _view(lang, output, no_color)
        if fmt is TrendFormat.json:
            from planchk.render.json import to_json

            _write(to_json(result, view.lang), output)
        else:
            from planchk.render.trend_table import render_trend

            _write(render_trend(result, view, show_items=only is not Only.indicators), output)
        return 0

    run_guarded(debug, body, _lang(lang))


@app.command()
def report(
    files: FilesArg,
    year: Annotated[
        Optional[int],
        typer.Option(
            "--year", help="The year to evaluate (default: the latest file's year); earlier files give the trend."
        ),
    ] = None,
    plan: PlanOpt = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Report language (default zh).")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="markdown or html.")] = ReportFormat.markdown,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    plan_version: PlanVersionOpt = None,
    debug: DebugOpt = False,
) -> None:
    """An evaluation report (annual, mid-term, final): indicators, programmes and trends."""

    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.render.assessment import render_report_html, render_report_markdown
        from planchk.runs import run_report

        basis = run_report(load_plan(plan), files, year=year, encoding=encoding, plan_version=plan_version)
        render = render_report_html if fmt is ReportFormat.html else render_report_markdown
        _write(render(basis.plan, basis.evaluation, basis.trend, "en" if lang is Lang.en else "zh"), output)
        return 0

    run_guarded(debug, body, _lang(lang))


@app.command()
def schema(
    what: Annotated[
        SchemaKind, typer.Argument(help="report (the JSON of --format json), targets or projects (the plan files).")
    ],
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Print a JSON Schema generated from planchk's own models."""

    def body() -> int:
        import json

        from planchk.plan.schema import plan_file_schema
        from planchk.render.json import report_schema

        schema_doc = report_schema() if what is SchemaKind.report else plan_file_schema(what.value)
        _write(json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n", output)
        return 0

    run_guarded(debug, body)


@app.command()
def template(
    year: Annotated[int, typer.Argument(help="The reporting year (within the plan period).", show_default=False)],
    plan: PlanOpt = None,
    encoding: Annotated[
        str, typer.Option("--encoding", help="utf-8-sig (default: Excel shows the Chinese) or gb18030.")
    ] = "utf-8-sig",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    example: Annotated[
        bool,
        typer.Option(
            "--example",
            help="Fill in the plan's own values for the year (a file that is exactly on plan, for trying planchk out).",
        ),
    ] = False,
    fmt: Annotated[
        Optional[TemplateFormat],
        typer.Option("--format", "-f", help="csv or xlsx (default: from the -o file's extension, else csv)."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Write a CSV, or an .xlsx form, with every indicator and item due to be reported in YEAR, ready to fill in."""

    def body() -> int:
        from planchk.output import write_output
        from planchk.plan.load import load_plan

        as_xlsx = fmt is TemplateFormat.xlsx or (
            fmt is None and output is not None and output.suffix.lower() in (".xlsx", ".xlsm")
        )
        if as_xlsx:
            from planchk.template_xlsx import template_xlsx

            write_output(template_xlsx(load_plan(plan), year, example), output)
        else:
            from planchk.template import template_bytes

            write_output(template_bytes(load_plan(plan), year, encoding, example), output)
        return 0

    run_guarded(debug, body)


plan_app = typer.Typer(
    help="Inspect the encoded plan; draft one from its text and review the draft.", no_args_is_help=True
)
app.add_typer(plan_app, name="plan")


@plan_app.command("show")
def plan_show(
    plan: PlanOpt = None, lang: LangOpt = None, no_color: NoColorOpt = False, debug: DebugOpt = False
) -> None:
    """Show the whole encoded plan as tables: indicators, programmes and items, recorded contradictions."""

    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.render.plan_tables import render_plan

        _write(render_plan(load_plan(plan), _view(lang, None, no_color)), None)
        return 0

    run_guarded(debug, body, _lang(lang))


@plan_app.command("check")
def plan_check(
    path: Annotated[Optional[Path], typer.Argument(help="Plan directory (default: the bundled plan).")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Lint a plan: schema, unique ids, parts that add up, milestones in the comparator's direction, a source
    quote for every target (found in the plan's text), revisions that name real targets.

    Exit 0 clean (warnings allowed), 1 lint errors, 2 the plan cannot be loaded."""

    def body() -> int:
        from planchk.plan.lint import check_plan, lint_report

        text, code = lint_report(*check_plan(path), _lang(lang))
        _write(text, None)
        return code

    run_guarded(debug, body, _lang(lang))


@plan_app.command("diff")
def plan_diff(
    old: Annotated[str, typer.Argument(help="Old plan: DIR or DIR@VERSION (e.g. plan@1.0.0).")],
    new: Annotated[str, typer.Argument(help="New plan: DIR or DIR@VERSION (e.g. plan@1.1.0).")],
    fmt: Annotated[Optional[TrendFormat], typer.Option("--format", "-f", help="table (default) or json.")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """What changed between two plan versions or directories, per target."""

    def body() -> int:
        from planchk.plan.diff import diff_report

        _write(diff_report(old, new, as_json=fmt is TrendFormat.json, lang=_lang(lang)), None)
        return 0

    run_guarded(debug, body, _lang(lang))


@plan_app.command("draft")
def plan_draft(
    source: Annotated[Path, typer.Argument(help="The plan's plain text (UTF-8 or GB18030).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The plan directory to write.", show_default=False)],
    plan_id: Annotated[Optional[str], typer.Option("--id", help="The plan id (default: draft-START-END).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into a directory that is not empty.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Draft a plan directory (targets.yaml, projects.yaml) from the text of a plan, by rules, for review.

    Every drafted target is `review: pending` until `planchk plan review` marks it (docs/plan-draft.md)."""

    def body() -> int:
        from planchk.draft import run_draft

        _write(run_draft(source, output, plan_id, force), None)
        return 0

    run_guarded(debug, body)


@plan_app.command("review")
def plan_review(
    path: Annotated[Path, typer.Argument(help="A drafted plan directory.", show_default=False)],
    all_: Annotated[bool, typer.Option("--all", help="Mark every pending target reviewed.")] = False,
    ids: Annotated[Optional[list[str]], typer.Option("--id", help="Mark this target reviewed (repeatable).")] = None,
    debug: DebugOpt = False,
) -> None:
    """Mark drafted targets as reviewed (review: pending → reviewed), after holding them against the text."""

    def body() -> int:
        from planchk.draft import run_review

        _write(run_review(path, None if all_ else set(ids or []), all_), None)
        return 0

    run_guarded(debug, body)
