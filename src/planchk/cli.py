"""Command line: parse options, wire loading, evaluation and rendering together.

Heavy modules (Pydantic models, YAML, Rich) are imported inside the commands that need them, so
`planchk --version` and `--help` stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

# Pydantic scans every installed package's entry points for plugins on first use (~10 ms);
# planchk uses none, and a CLI that must start instantly should not pay for the scan.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")

import typer  # noqa: E402

from planchk import __version__  # noqa: E402

EXIT_HELP = """Exit codes: 0 nothing at error level (warnings allowed); 1 at least one error-level result
(or a warning under --strict); 2 the input could not be judged (bad CSV or YAML, bad options);
3 an internal error in planchk (never a verdict on the data)."""

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="Check actual figures against a five-year plan (bundled: the Dadukou District education plan "
                       "2021-2025).\n\n" + EXIT_HELP)


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


def _version(value: bool) -> None:
    if value:
        print(f"planchk {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    """Check actual figures against the Dadukou District education plan 2021-2025."""


def run_guarded(debug: bool, body: Callable[[], int]) -> NoReturn:
    """The one place where problems become exit codes: user-fixable → 2, planchk bug → 3."""
    import gc

    from planchk.errors import PlanchkError

    # A run builds many small objects and almost no cycles, and ends soon after: the cyclic collector only
    # costs time here (a third of a 10 000-row run, and it grows faster than the input). It is switched
    # back on afterwards, so a caller that runs the app in-process (tests, notebooks) keeps its collector.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        code = body()
    except PlanchkError as exc:
        _print_problems(exc.problems)
        code = 2
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - anything else is our bug, never a verdict on the data
        if debug:
            raise
        print(f"planchk: internal error ({type(exc).__name__}: {exc}). This is a bug in planchk, not a problem "
              "with your data; please report it. Run again with --debug for the traceback.", file=sys.stderr)
        code = 3
    finally:
        if was_enabled:
            gc.enable()
    raise typer.Exit(code)


def _print_problems(problems: list, stream_only: bool = False) -> None:
    """Diagnostics on stderr, one line per problem: file:line [column]: error: message (value: …)."""
    from planchk.sanitize import one_line

    for p in problems:
        detail = f" (value: {one_line(repr(p.value))})" if p.value is not None else ""
        print(f"{one_line(p.location())}: error: {one_line(p.message)}{detail}", file=sys.stderr)
    files = sorted({one_line(p.file) for p in problems})
    print(f"planchk: {len(problems)} problem(s) in {', '.join(files)}; that input was not judged (exit 2).",
          file=sys.stderr)


LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="Label language (default: PLANCHK_LANG, else locale).")]
PlanOpt = Annotated[Optional[Path], typer.Option("--plan", help="Plan directory (default: the bundled plan).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour (NO_COLOR is honoured too).")]


FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "-f", help="table (default), json, markdown, junit or github (the default when "
    "GITHUB_ACTIONS=true).", show_default=False)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here (atomically) "
                                                   "instead of stdout.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too (same as --fail-on warning).")]
FailOnOpt = Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest level that makes the exit code 1: "
                                                     "error (default), warning, never.", show_default=False)]
YearOpt = Annotated[Optional[int], typer.Option("--year", help="Reporting year, if not in the file or name.")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Force the CSV encoding (e.g. gb18030).")]
FilesArg = Annotated[list[Path], typer.Argument(help="Actual-year CSV file(s).", show_default=False)]
PlanVersionOpt = Annotated[Optional[str], typer.Option("--plan-version", help="Judge against this plan version "
                                                       "(default: the version in force for each year).")]


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
    previous: Annotated[Optional[Path], typer.Option("--previous", help="The previous year's CSV, for the "
                                                     "year-over-year rules.")] = None,
    plan_version: PlanVersionOpt = None,
    only: Annotated[Optional[Only], typer.Option("--only", help="Show only indicators or only programmes.")] = None,
    programme: Annotated[Optional[str], typer.Option("--programme", "-p", help="Show one box item by item "
                                                     "(e.g. 4, 专栏4, box4).")] = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Judge actual figures for one or more years against the plan (BRIEF §3)."""

    def body() -> int:
        from planchk.checks import run_evaluate
        from planchk.plan import load_plan

        the_plan = load_plan(plan)
        run = run_evaluate(the_plan, files, year=year, encoding=encoding, previous=previous,
                           fail_on=_fail_on(strict, fail_on), plan_version=plan_version)
        view = {"show_indicators": only is not Only.programmes, "show_programmes": only is not Only.indicators,
                "programme": programme}
        language = _lang(lang)
        categories = {c.id: c.name.get(language) for c in the_plan.categories}
        _emit(run, the_plan.meta.id, the_plan.meta.version, categories, language, _format(fmt), output, no_color,
              view)
        return run.exit_code

    run_guarded(debug, body)


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
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Check the data only (format, ids, units, values, parts adding up); no judgement against targets.

    Exit 0 when every file can be judged, 2 when one cannot (1 for warnings under --strict)."""

    def body() -> int:
        from planchk.checks import run_validate
        from planchk.plan import load_contract

        contract = load_contract(plan)
        run = run_validate(contract, files, year=year, encoding=encoding, fail_on=_fail_on(strict, fail_on))
        _emit(run, contract.plan_id, contract.plan_version, {}, _lang(lang), _format(fmt), output, no_color, {})
        return run.exit_code

    run_guarded(debug, body)


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
        from planchk.checks import read_many
        from planchk.plan import load_plan, plan_in_force
        from planchk.trend import build_trend

        the_plan = load_plan(plan)
        actuals = read_many(the_plan, files, encoding)
        # One path for all years: the plan version in force for the latest year (or the one asked for).
        result = build_trend(plan_in_force(the_plan, max(a.year for a in actuals), plan_version), actuals)
        language = _lang(lang)
        if fmt is TrendFormat.json:
            _write(result.model_dump_json(indent=2) + "\n", output)
        else:
            import io

            from planchk.render.table import make_console
            from planchk.render.trend import render_trend

            buffer = io.StringIO() if output is not None else None
            console = make_console(file=buffer, no_color=no_color or output is not None)
            render_trend(result, console, language, show_items=only is not Only.indicators)
            if buffer is not None:
                _write(buffer.getvalue(), output)
        return 0

    run_guarded(debug, body)


@app.command()
def report(
    files: FilesArg,
    year: Annotated[Optional[int], typer.Option("--year", help="The year to evaluate (default: the latest "
                                                "file's year); earlier files give the trend.")] = None,
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
        from planchk.checks import read_many
        from planchk.errors import Problem, UsageError
        from planchk.evaluate import evaluate as judge
        from planchk.plan import load_plan, plan_in_force
        from planchk.render.report import render_report_html, render_report_markdown
        from planchk.trend import build_trend

        the_plan = load_plan(plan)
        actuals = read_many(the_plan, files, encoding)
        by_year = {a.year: a for a in actuals}
        chosen = year if year is not None else max(by_year)
        if chosen not in by_year:
            raise UsageError([Problem("--year", f"no file holds {chosen}; the files hold "
                                                f"{', '.join(map(str, sorted(by_year)))}", value=str(chosen))])
        in_force = plan_in_force(the_plan, chosen, plan_version)
        evaluation = judge(in_force, by_year[chosen], by_year.get(chosen - 1))
        result = build_trend(in_force, [a for a in actuals if a.year <= chosen])
        language = lang.value if lang else "zh"
        render = render_report_html if fmt is ReportFormat.html else render_report_markdown
        _write(render(in_force, evaluation, result, language), output)
        return 0

    run_guarded(debug, body)


@app.command()
def schema(
    what: Annotated[SchemaKind, typer.Argument(help="report (the JSON of --format json), targets or projects (the "
                                                    "plan files).")],
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Print a JSON Schema generated from planchk's own models."""

    def body() -> int:
        import json

        from planchk.plan import plan_file_schema
        from planchk.report import report_schema

        schema_doc = report_schema() if what is SchemaKind.report else plan_file_schema(what.value)
        text = json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n"
        _write(text, output)
        return 0

    run_guarded(debug, body)


def _fail_on(strict: bool, fail_on: Optional[FailOn]) -> str:
    if fail_on is not None:
        return fail_on.value
    return "warning" if strict else "error"


def _lang(lang: Optional[Lang]) -> str:
    return lang.value if lang else _default_lang()


def _format(fmt: Optional[Format]) -> Format:
    if fmt is not None:
        return fmt
    return Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.table


def _write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from planchk.output import write_atomic

        write_atomic(output, text.encode("utf-8"))


def _emit(run: object, plan_id: str, plan_version: str, categories: dict[str, str], language: str, fmt: Format,
          output: Optional[Path], no_color: bool, view: dict[str, object]) -> None:
    """Render a run in the chosen format; input problems also go to stderr as diagnostics."""
    from planchk.labels import label

    problems = run.problems  # type: ignore[attr-defined]
    if problems:
        _print_problems(problems, stream_only=fmt is not Format.table)
    if fmt is Format.json:
        from planchk.report import build_report, report_json

        report = build_report(plan_id, plan_version, run, language)
        _write(report_json(report) + "\n", output)
    elif fmt is Format.markdown:
        from planchk.render.markdown import render_markdown

        _write(render_markdown(run, language, categories), output)  # type: ignore[arg-type]
    elif fmt is Format.junit:
        from planchk.render.junit import render_junit

        _write(render_junit(run), output)  # type: ignore[arg-type]
    elif fmt is Format.github:
        from planchk.render.github import render_github

        _write(render_github(run, language), output)  # type: ignore[arg-type]
    else:
        import io

        from planchk.render.table import make_console, render_evaluation, render_validation

        buffer = io.StringIO() if output is not None else None
        console = make_console(file=buffer, no_color=no_color or output is not None)
        for ev in run.evaluations:  # type: ignore[attr-defined]
            render_evaluation(ev, console, language, categories, **view)  # type: ignore[arg-type]
        for check in run.checks:  # type: ignore[attr-defined]
            render_validation(check, console, language)
        if len(run.codes) > 1:  # type: ignore[attr-defined]
            from planchk.report import summary_report

            if run.evaluations:  # type: ignore[attr-defined]
                total = summary_report(run.evaluations).model_dump()  # type: ignore[attr-defined]
                console.print(label(language, "summary", **total), markup=False)
        console.print(label(language, "exit", code=run.exit_code), markup=False)  # type: ignore[attr-defined]
        if buffer is not None:
            _write(buffer.getvalue(), output)


@app.command()
def template(
    year: Annotated[int, typer.Argument(help="The reporting year (within the plan period).", show_default=False)],
    plan: PlanOpt = None,
    encoding: Annotated[str, typer.Option("--encoding", help="utf-8-sig (default: Excel shows the Chinese) "
                                          "or gb18030.")] = "utf-8-sig",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    example: Annotated[bool, typer.Option("--example", help="Fill in the plan's own values for the year "
                                          "(a file that is exactly on plan, for trying planchk out).")] = False,
    debug: DebugOpt = False,
) -> None:
    """Write a CSV with every indicator and item due to be reported in YEAR, ready to fill in."""

    def body() -> int:
        from planchk.errors import Problem, UsageError
        from planchk.plan import load_plan
        from planchk.template import plan_values, template_csv

        the_plan = load_plan(plan)
        if not the_plan.meta.period_start <= year <= the_plan.meta.period_end:
            raise UsageError([Problem("YEAR", f"{year} is outside the plan period "
                                              f"{the_plan.meta.period_start}-{the_plan.meta.period_end}")])
        text = template_csv(the_plan, year, plan_values(the_plan, year) if example else None)
        try:
            data = text.encode(encoding)
        except LookupError:
            raise UsageError([Problem("--encoding", f"unknown encoding '{encoding}'")]) from None
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            from planchk.output import write_atomic

            write_atomic(output, data)  # never a half-written template
        return 0

    run_guarded(debug, body)


plan_app = typer.Typer(help="Inspect the encoded plan.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("show")
def plan_show(plan: PlanOpt = None, lang: LangOpt = None, no_color: NoColorOpt = False,
              debug: DebugOpt = False) -> None:
    """Show the whole encoded plan as tables: indicators, programmes and items, recorded contradictions."""

    def body() -> int:
        from planchk.plan import load_plan
        from planchk.render.plan_tables import render_plan
        from planchk.render.table import make_console

        the_plan = load_plan(plan)
        render_plan(the_plan, make_console(no_color=no_color), (lang.value if lang else None) or _default_lang())
        return 0

    run_guarded(debug, body)


@plan_app.command("check")
def plan_check(
    path: Annotated[Optional[Path], typer.Argument(help="Plan directory (default: the bundled plan).")] = None,
    debug: DebugOpt = False,
) -> None:
    """Lint a plan: schema, unique ids, parts that add up, milestones in the comparator's direction, a source
    quote for every target (found in the plan's text), revisions that name real targets.

    Exit 0 clean (warnings allowed), 1 lint errors, 2 the plan cannot be loaded."""

    def body() -> int:
        from planchk.plan_tools import check_plan
        from planchk.sanitize import one_line

        plan_obj, findings, problems = check_plan(path)
        if problems:
            from planchk.errors import PlanError

            raise PlanError(problems)
        for f in findings:
            print(one_line(f"{f.file}: {f.level}: {f.target}: {f.message}"))
        errors = sum(1 for f in findings if f.level == "error")
        warnings = len(findings) - errors
        assert plan_obj is not None
        print(f"planchk plan check: {plan_obj.meta.id} v{plan_obj.meta.version}: {len(plan_obj.indicators)} "
              f"indicators, {len(plan_obj.item_by_id)} items, {len(plan_obj.revisions)} revisions; "
              f"{errors} error(s), {warnings} warning(s)")
        return 1 if errors else 0

    run_guarded(debug, body)


@plan_app.command("diff")
def plan_diff(
    old: Annotated[str, typer.Argument(help="Old plan: DIR or DIR@VERSION (e.g. plan@1.0.0).")],
    new: Annotated[str, typer.Argument(help="New plan: DIR or DIR@VERSION (e.g. plan@1.1.0).")],
    fmt: Annotated[Optional[TrendFormat], typer.Option("--format", "-f", help="table (default) or json.")] = None,
    debug: DebugOpt = False,
) -> None:
    """What changed between two plan versions or directories, per target."""

    def body() -> int:
        import json

        from planchk.plan_tools import check_ref, diff_plans, resolve
        from planchk.sanitize import one_line

        check_ref(old)
        check_ref(new)
        differences = diff_plans(resolve(old), resolve(new))
        if fmt is TrendFormat.json:
            _write(json.dumps([d.__dict__ for d in differences], ensure_ascii=False, indent=2) + "\n", None)
            return 0
        for d in differences:
            print(one_line(f"{d.target}\t{d.field}\t{d.old} → {d.new}"))
        print(f"planchk plan diff: {len(differences)} difference(s)")
        return 0

    run_guarded(debug, body)


def _default_lang() -> str:
    from planchk.labels import default_lang

    return default_lang()


def main() -> None:
    import gc

    gc.disable()  # the process ends after one run; see run_guarded (imports allocate a lot too)
    # Windows consoles and some CI runners default to a legacy code page; Chinese labels need UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    from planchk.output import ReaderMayLeave

    sys.stdout = ReaderMayLeave(sys.stdout)  # type: ignore[assignment]
    try:
        app(prog_name="planchk")
    except SystemExit as exc:
        _exit_now(exc.code)


def _exit_now(code: object) -> NoReturn:
    """End the process once its output is flushed, skipping the interpreter's teardown.

    Tearing down the modules a run imported (Pydantic, Rich) costs ~30 ms, a sixth of a whole
    `evaluate`, and for a large plan freeing every object costs more; nothing is left to do by then:
    reports are written and closed, and planchk registers no exit handlers. Only the console entry
    point does this; the app run in-process (tests) exits normally.
    """
    if isinstance(code, str):  # sys.exit("message"): say it, exit 1, as Python would
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()  # ReaderMayLeave: quiet when the reader has gone
    try:
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code if isinstance(code, int) else 0)
