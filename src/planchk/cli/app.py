"""The commands: each turns its options into a run (planchk.runs) and hands the result to a renderer.

Heavy modules (Pydantic models, YAML, Rich) are imported inside the commands that need them, so
`planchk --version` and `--help` stay fast. Help texts, in Chinese and English, are in cli/help_text.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from planchk import __version__
from planchk.cli.entry import run_guarded
from planchk.cli.help_text import HELP, ROOT, command_help, param_help, summary
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
from planchk.lang import default_lang

if TYPE_CHECKING:
    from planchk.lang import Lang as LangCode
    from planchk.plan.model import Plan
    from planchk.render import View
    from planchk.runs import FailOn as FailOnLevel

# Wide enough that piped output never wraps an indicator row; COLUMNS still wins when set.
PIPE_WIDTH = 200


# ── help in the user's language ──────────────────────────────────────────────────────────────────────
# Every help text is in cli/help_text.py (HELP), in Chinese and English; none is written here. Typer builds the
# click commands each time the app runs (and CliRunner.invoke): the top group then puts the texts in, in
# default_lang() (PLANCHK_LANG, else the locale). --lang cannot choose them: click answers --help while it
# reads the options, before any option has a value.
#
# English help is Typer's (Rich boxes; click's plain help with TYPER_USE_RICH=0). Chinese help is always
# click's plain help, laid out by cli/help_format.py: Rich breaks lines only at spaces and would cut Chinese
# text short.
def _laid_out_here(lang: str) -> bool:
    """Whether help in `lang` is laid out by cli/help_format.py (Chinese) rather than by Typer."""
    return lang == "zh"


def _plain(lang: LangCode) -> bool:
    """Whether help in `lang` is click's plain help rather than Typer's Rich help."""
    return _laid_out_here(lang) or not getattr(typer.core, "DEFAULT_MARKUP_MODE", None)


def _localize(command: Any, key: str, lang: LangCode) -> None:
    """Put the help of `command` (`key` is its path after planchk) and of everything under it in `lang`."""
    # Examples keep their lines: Rich help keeps every line as written (and would show click's \\b marker as an
    # empty line); click's plain help rewraps a paragraph unless it starts with \\b.
    command.help = command_help(lang, key, "\b\n" if _plain(lang) else "")
    command.short_help = summary(lang, key)
    command.help_lang = lang
    for param in command.params:
        if isinstance(param, typer.core.TyperArgument):
            param.help = param_help(lang, key, (param.name or "").upper())
        else:
            param.help = param_help(lang, key, max(param.opts, key=len))
    for name, sub in getattr(command, "commands", {}).items():
        _localize(sub, name if key == ROOT else f"{key} {name}", lang)


class _Context(typer.Context):
    """Chinese help goes through cli/help_format.py (imported only then)."""

    def make_formatter(self) -> Any:
        lang: LangCode = getattr(self.command, "help_lang", "en")
        if not _laid_out_here(lang):
            return super().make_formatter()
        from planchk.cli.help_format import ChineseHelpFormatter

        words = HELP[lang]
        return ChineseHelpFormatter(
            headings={name: words[f"heading.{name.lower()}"] for name in ("Options", "Arguments", "Commands")},
            required=words["required"],
            width=self.terminal_width,
            max_width=self.max_content_width,
        )


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line with its prefix in the help's language (click's own is English)."""
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=HELP[command.help_lang]["usage"])


def _format_help(command: Any, format_help: Any, ctx: Any, formatter: Any) -> None:
    """Chinese help is click's plain help, which Typer writes when the command has no markup mode (only while
    the help is written: click's errors keep Typer's look)."""
    if not _laid_out_here(command.help_lang):
        format_help(ctx, formatter)
        return
    mode, command.rich_markup_mode = command.rich_markup_mode, None
    try:
        format_help(ctx, formatter)
    finally:
        command.rich_markup_mode = mode


def _help_option(command: Any, option: Any) -> Any:
    """--help, which click makes when it is first needed, said in the help's language."""
    if option is not None:
        option.help = HELP[command.help_lang]["--help"]
    return option


class _Command(typer.core.TyperCommand):
    """A command in the help's language, with usage lines as users read them: `planchk evaluate [OPTIONS]
    FILE...`, without the braces Typer puts around a required argument (`{files}...`)."""

    context_class = _Context
    help_lang: LangCode = "en"

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _format_help(self, super().format_help, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(self, super().get_help_option(ctx))


class _Group(typer.core.TyperGroup):
    """`planchk` and `planchk plan`. Typer makes the groups last, the top one (no name) after all the others:
    it puts every help text in."""

    context_class = _Context
    help_lang: LangCode = "en"

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        if not self.name:
            _localize(self, ROOT, default_lang())

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _format_help(self, super().format_help, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(self, super().get_help_option(ctx))


app = typer.Typer(cls=_Group, add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        print(f"planchk {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """The top-level options (--version); the help is HELP["planchk"] in cli/help_text.py, as every command's."""


# ── shared plumbing: options → view, output ──────────────────────────────────────────────────────────
def _lang(lang: Optional[Lang]) -> LangCode:
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
@app.command(cls=_Command)
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
    previous: Annotated[Optional[Path], typer.Option("--previous")] = None,
    plan_version: PlanVersionOpt = None,
    combine: CombineOpt = False,
    only: Annotated[Optional[Only], typer.Option("--only")] = None,
    programme: Annotated[Optional[str], typer.Option("--programme", "-p")] = None,
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


@app.command(cls=_Command)
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


@app.command(cls=_Command)
def trend(
    files: FilesArg,
    plan: PlanOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[Optional[TrendFormat], typer.Option("--format", "-f")] = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    only: Annotated[Optional[Only], typer.Option("--only")] = None,
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


@app.command(cls=_Command)
def report(
    files: FilesArg,
    year: Annotated[Optional[int], typer.Option("--year")] = None,
    plan: PlanOpt = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", show_default=False)] = ReportFormat.markdown,
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
        _write(render(basis.content, basis.evaluation, basis.trend, "en" if lang is Lang.en else "zh"), output)
        return 0

    run_guarded(debug, body, _lang(lang))


@app.command(cls=_Command)
def schema(
    what: Annotated[
        SchemaKind,
        typer.Argument(metavar="report|targets|projects"),
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


@app.command(cls=_Command)
def template(
    year: Annotated[int, typer.Argument(metavar="YEAR", show_default=False)],
    plan: PlanOpt = None,
    encoding: Annotated[str, typer.Option("--encoding", show_default=False)] = "utf-8-sig",
    output: OutputOpt = None,
    example: Annotated[bool, typer.Option("--example")] = False,
    fmt: Annotated[Optional[TemplateFormat], typer.Option("--format", "-f")] = None,
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


plan_app = typer.Typer(cls=_Group, no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("show", cls=_Command)
def plan_show(
    plan: PlanOpt = None, lang: LangOpt = None, no_color: NoColorOpt = False, debug: DebugOpt = False
) -> None:
    def body() -> int:
        from planchk.plan.load import load_plan
        from planchk.render.plan_tables import render_plan

        _write(render_plan(load_plan(plan), _view(lang, None, no_color)), None)
        return 0

    run_guarded(debug, body, _lang(lang))


@plan_app.command("check", cls=_Command)
def plan_check(
    path: Annotated[Optional[Path], typer.Argument(metavar="[DIR]")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body() -> int:
        from planchk.plan.lint import check_plan, lint_report

        text, code = lint_report(*check_plan(path), _lang(lang))
        _write(text, None)
        return code

    run_guarded(debug, body, _lang(lang))


@plan_app.command("diff", cls=_Command)
def plan_diff(
    old: Annotated[str, typer.Argument(metavar="OLD")],
    new: Annotated[str, typer.Argument(metavar="NEW")],
    fmt: Annotated[Optional[TrendFormat], typer.Option("--format", "-f")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body() -> int:
        from planchk.plan.diff import diff_report

        _write(diff_report(old, new, as_json=fmt is TrendFormat.json, lang=_lang(lang)), None)
        return 0

    run_guarded(debug, body, _lang(lang))


@plan_app.command("draft", cls=_Command)
def plan_draft(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", show_default=False)],
    plan_id: Annotated[Optional[str], typer.Option("--id")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body() -> int:
        from planchk.draft import run_draft

        _write(run_draft(source, output, plan_id, force, _lang(lang)), None)
        return 0

    run_guarded(debug, body)


@plan_app.command("review", cls=_Command)
def plan_review(
    path: Annotated[Path, typer.Argument(metavar="DIR", show_default=False)],
    all_: Annotated[bool, typer.Option("--all")] = False,
    ids: Annotated[Optional[list[str]], typer.Option("--id")] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    def body() -> int:
        from planchk.draft import run_review

        _write(run_review(path, None if all_ else set(ids or []), all_, _lang(lang)), None)
        return 0

    run_guarded(debug, body)
