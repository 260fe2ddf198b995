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
                  help="Check actual figures against the Dadukou District education plan 2021-2025.\n\n" + EXIT_HELP)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Format(str, Enum):
    table = "table"
    json = "json"


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
    from planchk.errors import PlanchkError

    try:
        code = body()
    except PlanchkError as exc:
        _print_problems(exc)
        code = 2
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - anything else is our bug, never a verdict on the data
        if debug:
            raise
        print(f"planchk: internal error ({type(exc).__name__}: {exc}). This is a bug in planchk, not a problem "
              "with your data; please report it. Run again with --debug for the traceback.", file=sys.stderr)
        code = 3
    raise typer.Exit(code)


def _print_problems(exc: Exception) -> None:
    problems = getattr(exc, "problems", [])
    for p in problems:
        detail = f" (value: {p.value!r})" if p.value is not None else ""
        print(f"{p.location()}: error: {p.message}{detail}", file=sys.stderr)
    files = {p.file for p in problems}
    print(f"planchk: {len(problems)} problem(s) in {', '.join(sorted(files))}; nothing was judged (exit 2).",
          file=sys.stderr)


LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="Label language (default: PLANCHK_LANG, else locale).")]
PlanOpt = Annotated[Optional[Path], typer.Option("--plan", help="Plan directory (default: the bundled plan).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour (NO_COLOR is honoured too).")]


@app.command()
def evaluate(
    files: Annotated[list[Path], typer.Argument(help="Actual-year CSV file(s).", show_default=False)],
    year: Annotated[Optional[int], typer.Option("--year", help="Reporting year, if not in the file or name.")] = None,
    plan: PlanOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    lang: LangOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Force the CSV encoding.")] = None,
    previous: Annotated[Optional[Path], typer.Option("--previous", help="The previous year's CSV, for the "
                                                     "year-over-year rules.")] = None,
    only: Annotated[Optional[Only], typer.Option("--only", help="Show only indicators or only programmes.")] = None,
    programme: Annotated[Optional[str], typer.Option("--programme", "-p", help="Show one box item by item "
                                                     "(e.g. 4, 专栏4, box4).")] = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Judge actual figures for one year against the plan (BRIEF §3)."""

    def body() -> int:
        from planchk.actuals import read_actuals
        from planchk.evaluate import evaluate as judge, exit_code
        from planchk.errors import InputError, Problem, UsageError
        from planchk.plan import load_plan

        the_plan = load_plan(plan)
        language = (lang.value if lang else None) or _default_lang()
        loaded, problems = [], []
        for path in files:
            try:
                loaded.append(read_actuals(path, the_plan, year=year, encoding=encoding))
            except InputError as exc:
                problems.extend(exc.problems)
        prev = None
        if previous is not None:
            try:
                prev = read_actuals(previous, the_plan, encoding=encoding)
            except InputError as exc:
                problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
        by_year = {a.year: a for a in loaded}
        if prev is not None:
            for actuals in loaded:
                if prev.year != actuals.year - 1:
                    raise UsageError([Problem(str(previous), f"--previous holds {prev.year}, but "
                                              f"{actuals.file} is {actuals.year}: the previous year is "
                                              f"{actuals.year - 1}")])
        # The year before, for the year-over-year rules: --previous, or another file given in this run.
        evaluations = [judge(the_plan, a, prev or by_year.get(a.year - 1)) for a in loaded]
        codes = [exit_code(ev, strict) for ev in evaluations]
        code = max(codes)
        if fmt is Format.json:
            from planchk.render.json import render_json

            sys.stdout.write(render_json(evaluations, language, codes) + "\n")
        else:
            from planchk.render.table import make_console, render_evaluation

            console = make_console(no_color=no_color)
            categories = {c.id: c.name.get(language) for c in the_plan.categories}
            for ev in evaluations:
                render_evaluation(ev, console, language, categories,
                                  show_indicators=only is not Only.programmes,
                                  show_programmes=only is not Only.indicators, programme=programme)
            from planchk.labels import label

            console.print(label(language, "exit", code=code), markup=False)
        return code

    run_guarded(debug, body)


@app.command()
def template(
    year: Annotated[int, typer.Argument(help="The reporting year (2021-2025).", show_default=False)],
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

            write_atomic(output, data)
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


def _default_lang() -> str:
    from planchk.labels import default_lang

    return default_lang()


def main() -> None:
    # Windows consoles and some CI runners default to a legacy code page; Chinese labels need UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    app(prog_name="planchk")
