"""The commands: each turns its options into a run (planchk.runs) and hands the result to a renderer.

Heavy modules (Pydantic models, YAML, Rich) are imported inside the commands that need them, so
`planchk --version` and `--help` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

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

# Help is written for the people who run planchk: no references to its source or its repository's docs.
# A paragraph is one line of text (the terminal wraps it); examples go in `_help`'s kept-as-written block.
EXIT_HELP = (
    "Exit codes: 0 nothing at error level (warnings allowed); 1 at least one error-level result (or a "
    "warning under --strict); 2 the input could not be judged (bad CSV or YAML, bad options, an output "
    "file that cannot be written); 3 an internal error in planchk (never a verdict on the data)."
)
# Wide enough that piped output never wraps an indicator row; COLUMNS still wins when set.
PIPE_WIDTH = 200


# Examples keep their lines. Typer's Rich help (markup mode "rich", the default with Rich) keeps every line as
# written, and would show click's \\b marker as an empty line; click's own help (TYPER_USE_RICH=0) rewraps a
# paragraph unless it starts with \\b.
_KEEP_LINES = "" if getattr(typer.core, "DEFAULT_MARKUP_MODE", None) else "\b\n"


def _help(summary: str, *paragraphs: str, examples: tuple[str, ...] = ()) -> str:
    """A command's --help: a one-line summary (the command list shows it), paragraphs of one line each
    (the terminal wraps them) and examples line by line."""
    parts = [summary, *paragraphs]
    if examples:
        parts.append(_KEEP_LINES + "Examples:\n" + "\n".join(f"  {example}" for example in examples))
    return "\n\n".join(parts)


class _Command(typer.core.TyperCommand):
    """Usage lines as users read them: `planchk evaluate [OPTIONS] FILE...`, without the braces Typer puts
    around a required argument (`{files}...`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help=_help(
        "Check actual figures against a five-year plan (bundled: the Dadukou District education plan 2021-2025).",
        EXIT_HELP,
        examples=("planchk template 2023 -o 2023.csv", "planchk evaluate 2023.csv", "planchk evaluate --help"),
    ),
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

    from planchk.output import is_stdout
    from planchk.render import View

    to_terminal = is_stdout(output) and sys.stdout.isatty()
    color = (
        not no_color
        and not os.environ.get("NO_COLOR")
        and is_stdout(output)
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


def _programme_id(plan: Plan, wanted: str | None) -> str | None:
    """--programme as the id of one of the plan's programmes: its box number (4), its box (专栏4, 正文) or its id
    (box4, text), in any case. Anything else is exit 2 listing the choices, before any file is read."""
    if wanted is None:
        return None
    from planchk.diagnostics import UsageError, problem

    key = wanted.strip().lower()
    choices = []
    for p in plan.programmes:
        names = list(dict.fromkeys([p.box, p.box.removeprefix("专栏"), p.id]))
        if key in (name.lower() for name in names):
            return p.id
        choices.append(f"{names[0]} ({', '.join(names[1:])})" if len(names) > 1 else names[0])
    raise UsageError(
        [
            problem(
                "--programme",
                "usage.unknown_programme",
                value=wanted,
                wanted=wanted,
                plan=plan.meta.id,
                choices=", ".join(choices),
            )
        ]
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
@app.command(
    cls=_Command,
    help=_help(
        "Judge actual figures for one or more years against the plan.",
        "Each FILE is a CSV of one year's figures (planchk template writes an empty one). With several files "
        "each is judged on its own and the exit code is the worst; a file that cannot be read is reported "
        "(exit 2) and the others are still judged.",
        EXIT_HELP,
        examples=(
            "planchk evaluate data/2022.csv",
            "planchk evaluate data/2022.csv --lang zh --programme 4",
            "planchk evaluate data/*.csv --format junit -o planchk-junit.xml",
        ),
    ),
)
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
    only: Annotated[
        Optional[Only], typer.Option("--only", help="Show only indicators or only programmes (table format).")
    ] = None,
    programme: Annotated[
        Optional[str],
        typer.Option(
            "--programme",
            "-p",
            help="Show one programme item by item (table format): its box number, box or id, e.g. 4, 专栏4, box4, "
            "text.",
        ),
    ] = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.runs import run_evaluate

        the_plan = load_plan(plan)
        programme_id = _programme_id(the_plan, programme)
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
        _emit(result, _format(fmt), _view(lang, output, no_color, the_plan, only, programme_id), output)
        return result.exit_code

    run_guarded(debug, body, _lang(lang))


@app.command(
    cls=_Command,
    help=_help(
        "Check the data only (format, ids, units, values, parts adding up); no judgement against targets.",
        "Exit 0 when every file can be judged, 2 when one cannot (1 for warnings under --strict).",
        examples=("planchk validate data/*.csv", "planchk validate data/2022.csv --format github"),
    ),
)
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


@app.command(
    cls=_Command,
    help=_help(
        "Several years side by side: series, plan path, progress against time, projection and classification.",
        "Give one file per year; a file that cannot be read stops the run (exit 2).",
        examples=("planchk trend data/2021.csv data/2022.csv data/2023.csv",),
    ),
)
def trend(
    files: FilesArg,
    plan: PlanOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[Optional[TrendFormat], typer.Option("--format", "-f", help="table (default) or json.")] = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    only: Annotated[
        Optional[Only],
        typer.Option("--only", help="Show only the indicators or only the programme items (table format)."),
    ] = None,
    plan_version: PlanVersionOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.runs import run_trend

        result = run_trend(load_plan(plan), files, encoding=encoding, plan_version=plan_version)
        view = _view(lang, output, no_color, only=only)
        if fmt is TrendFormat.json:
            from planchk.render.json import to_json

            _write(to_json(result, view.lang), output)
        else:
            from planchk.render.trend_table import render_trend

            _write(render_trend(result, view), output)
        return 0

    run_guarded(debug, body, _lang(lang))


@app.command(
    cls=_Command,
    help=_help(
        "An evaluation report (annual, mid-term, final): indicators, programmes and trends.",
        "The year chosen with --year (default: the latest file's) is judged; the earlier files give the "
        "trend. The report is in Chinese unless --lang en. A file that cannot be read stops the run (exit 2).",
        examples=(
            "planchk report data/2021.csv data/2022.csv -o 中期评估.md",
            "planchk report data/*.csv --year 2022 --format html -o report.html",
        ),
    ),
)
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
    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.render.assessment import render_report_html, render_report_markdown
        from planchk.runs import run_report

        basis = run_report(load_plan(plan), files, year=year, encoding=encoding, plan_version=plan_version)
        render = render_report_html if fmt is ReportFormat.html else render_report_markdown
        _write(render(basis.plan, basis.evaluation, basis.trend, "en" if lang is Lang.en else "zh"), output)
        return 0

    run_guarded(debug, body, _lang(lang))


@app.command(
    cls=_Command,
    help=_help(
        "Print the JSON Schema of the JSON report (report) or of the plan files (targets, projects).",
        examples=("planchk schema report -o report.schema.json",),
    ),
)
def schema(
    what: Annotated[
        SchemaKind,
        typer.Argument(
            help="report (the JSON of --format json), targets or projects (the plan files).",
            metavar="report|targets|projects",
        ),
    ],
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body() -> int:
        import json

        from planchk.plan.schema import plan_file_schema
        from planchk.render.json import report_schema

        schema_doc = report_schema() if what is SchemaKind.report else plan_file_schema(what.value)
        _write(json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n", output)
        return 0

    run_guarded(debug, body)


@app.command(
    cls=_Command,
    help=_help(
        "Write a CSV, or an .xlsx form, with every indicator and item due to be reported in YEAR, ready to fill in.",
        "Fill in the value column (and a note where useful), then run planchk evaluate on the file.",
        examples=(
            "planchk template 2023 -o 2023.csv",
            "planchk template 2023 -o form-2023.xlsx",
            "planchk template 2023 --encoding gb18030 -o 2023.csv",
            "planchk template 2022 --example -o 2022.csv",
        ),
    ),
)
def template(
    year: Annotated[
        int, typer.Argument(help="The reporting year (within the plan period).", metavar="YEAR", show_default=False)
    ],
    plan: PlanOpt = None,
    encoding: Annotated[
        str, typer.Option("--encoding", help="utf-8-sig (default: Excel shows the Chinese) or gb18030.")
    ] = "utf-8-sig",
    output: OutputOpt = None,
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
    def body() -> int:
        from planchk.diagnostics import UsageError, problem
        from planchk.output import write_output
        from planchk.plan.load import load_plan

        suffix = output.suffix.lower() if output is not None else ""
        if fmt is None and suffix in (".xls", ".ods", ".et"):
            # planchk writes .xlsx forms only; a CSV under a workbook's name would be refused when read back
            raise UsageError([problem(str(output), "usage.template_suffix", suffix=suffix)])
        as_xlsx = fmt is TemplateFormat.xlsx or (fmt is None and suffix in (".xlsx", ".xlsm"))
        if as_xlsx and (output is None or str(output) == "-") and sys.stdout.isatty():
            raise UsageError([problem("-o", "usage.workbook_to_terminal")])
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


@plan_app.command("show", cls=_Command)
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


@plan_app.command("check", cls=_Command)
def plan_check(
    path: Annotated[
        Optional[Path], typer.Argument(help="Plan directory (default: the bundled plan).", metavar="[DIR]")
    ] = None,
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


@plan_app.command("diff", cls=_Command)
def plan_diff(
    old: Annotated[str, typer.Argument(help="Old plan: DIR or DIR@VERSION (e.g. plan@1.0.0).", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="New plan: DIR or DIR@VERSION (e.g. plan@1.1.0).", metavar="NEW")],
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
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Draft a plan directory (targets.yaml, projects.yaml) from the text of a plan, by rules, for review.

    Every drafted target is `review: pending` until `planchk plan review` marks it (docs/plan-draft.md)."""

    def body() -> int:
        from planchk.draft import run_draft

        _write(run_draft(source, output, plan_id, force, _lang(lang)), None)
        return 0

    run_guarded(debug, body)


@plan_app.command("review")
def plan_review(
    path: Annotated[Path, typer.Argument(help="A drafted plan directory.", show_default=False)],
    all_: Annotated[bool, typer.Option("--all", help="Mark every pending target reviewed.")] = False,
    ids: Annotated[Optional[list[str]], typer.Option("--id", help="Mark this target reviewed (repeatable).")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Mark drafted targets as reviewed (review: pending → reviewed), after holding them against the text."""

    def body() -> int:
        from planchk.draft import run_review

        _write(run_review(path, None if all_ else set(ids or []), all_, _lang(lang)), None)
        return 0

    run_guarded(debug, body)
