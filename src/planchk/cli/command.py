"""One path for every command: its shared options in one object (`Common`), its body returning an `Outcome`,
and `execute`, which resolves the language once, guards the body, says its input problems, writes its output
and exits with its code. A command cannot reach the user any other way, so every message it gives is in the
user's language.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from planchk.cli.guard import print_problems, run_guarded
from planchk.cli.options import Lang, Only
from planchk.lang import default_lang

if TYPE_CHECKING:
    from planchk.diagnostics import Diagnostic
    from planchk.formats import Kind
    from planchk.lang import Lang as LangCode
    from planchk.plan.model import Plan
    from planchk.render import View

# Wide enough that piped output never wraps an indicator row; COLUMNS still wins when set.
PIPE_WIDTH = 200


# Common and Outcome are NamedTuples, not dataclasses: this module is read at start-up (--version, --help too),
# where importing dataclasses and building the classes would cost milliseconds.
class Common(NamedTuple):
    """The options a command's way to the user depends on, as given (a command without one keeps its default)."""

    lang: Lang | None = None  # --lang; None: PLANCHK_LANG, else the locale
    debug: bool = False  # --debug: a bug's traceback instead of exit 3
    output: Path | None = None  # -o; None or "-": stdout
    no_color: bool = False  # --no-color
    only: Only | None = None  # --only
    inputs: tuple[Path, ...] = ()  # the files the command reads (its FILE arguments, --previous): never -o
    reads_plan: bool = False  # the command reads a plan: its directory and source text are never -o either
    plan: Path | None = None  # --plan; None: the bundled plan
    plans: Path | None = None  # --plans: a folder of plan directories (never with --plan)
    replace: bool = True  # False: -o must not name an existing file (template without --force)

    @property
    def language(self) -> LangCode:
        """The language of everything the command says: --lang, else PLANCHK_LANG, else the locale."""
        return "zh" if self.lang is Lang.zh else "en" if self.lang is Lang.en else default_lang()

    def view(
        self,
        plan: Plan | None = None,
        programme: str | None = None,
        lang: LangCode | None = None,
        also: Sequence[Plan] = (),
    ) -> View:
        """How to show a result: colour only on a terminal (NO_COLOR and --no-color honoured), width from COLUMNS,
        the terminal, or wide enough for a pipe or file; `plan` names the categories, `lang` overrides the
        command's language for the output only (a report's); `also`: the other plans of a run over several."""
        import shutil

        from planchk.output import is_stdout
        from planchk.render import View

        to_terminal = is_stdout(self.output) and sys.stdout.isatty()
        color = (
            not self.no_color
            and not os.environ.get("NO_COLOR")
            and is_stdout(self.output)
            and (to_terminal or bool(os.environ.get("FORCE_COLOR")))
        )
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() else shutil.get_terminal_size().columns if to_terminal else PIPE_WIDTH
        language = lang or self.language
        named = [*([plan] if plan is not None else []), *also]
        categories = {c.id: c.name.get(language) for p in reversed(named) for c in p.categories}
        return View(
            lang=language,
            categories=categories,
            color=color,
            width=width,
            show_indicators=self.only is not Only.programmes,
            show_programmes=self.only is not Only.indicators,
            programme=programme,
        )

    def render(self, kind: Kind, fmt: Enum | None, result: Any, view: View) -> str | Iterator[str]:
        """`result` in the chosen format, through the table of formats (planchk.formats); without a choice, a
        run is shown for GitHub under GITHUB_ACTIONS=true, anything else in its kind's first format. A run's
        text comes piece by piece, each file's as it is judged (render.show)."""
        from planchk.formats import default_format
        from planchk.render import show

        if fmt is not None:
            name = str(fmt.value)
        elif kind == "run" and os.environ.get("GITHUB_ACTIONS") == "true":
            name = "github"
        else:
            name = default_format(kind)
        return show(kind, name, result, view)


class Outcome(NamedTuple):
    """What a command's body gives back: its output (text, bytes as they are, or text piece by piece as a run
    judges its files), its exit code (cli/exits.py; for output given piece by piece, a function asked once it is
    all written), and the input problems of the files it could not read, said on stderr before the output."""

    output: str | bytes | Iterator[str]
    code: int | Callable[[], int] = 0
    problems: Sequence[Diagnostic] = ()


def execute(common: Common, body: Callable[[Common], Outcome]) -> NoReturn:
    """Run a command: its body guarded (cli/guard.py) in its language, its problems said, its output written
    to -o or stdout, and the process's exit code its outcome's."""

    def guarded() -> int:
        from planchk.output import refuse_inputs, write_output

        if common.plan is not None and common.plans is not None:  # one would be ignored: say so, judge nothing
            from planchk.diagnostics import UsageError, problem

            both = problem("--plans", "usage.plan_and_plans", plan=str(common.plan), plans=str(common.plans))
            raise UsageError([both])
        if common.output is not None:  # before the body: nothing computed, nothing touched
            refuse_inputs(common.output, _inputs(common), replace=common.replace)
        outcome = body(common)
        if outcome.problems:
            print_problems(list(outcome.problems), common.language)
        text = outcome.output
        if isinstance(text, (str, bytes)):
            write_output(text.encode("utf-8") if isinstance(text, str) else text, common.output)
        else:
            write_output((piece.encode("utf-8") for piece in text), common.output)
        return outcome.code() if callable(outcome.code) else outcome.code

    run_guarded(common.debug, guarded, common.language)


def _inputs(common: Common) -> list[Path]:
    """Everything the command reads: its files and, for a command that reads a plan, the plan's directory (its
    two files by name: projects.yaml would be read once it existed) and its source text, which a plan may keep
    outside its directory."""
    found = list(common.inputs)
    if common.reads_plan:
        from planchk.plan.load import bundled_plan_dir

        folder = common.plans if common.plan is None else None  # --plans: every plan directory in it
        directories = (
            sorted(d for d in folder.iterdir() if d.is_dir())
            if folder is not None and folder.is_dir()
            else [common.plan or bundled_plan_dir()]
        )
        for directory in directories:
            found += [directory / "targets.yaml", directory / "projects.yaml", directory]
            source = _source_text(directory / "targets.yaml")
            if source:
                found.append(directory / source)
    return found


# `source_text: …` in a plan's `plan:` block, as plan files write it; the first MB holds it (line 26 of the bundled
# plan). Read by a pattern, not by parsing the plan: the body parses it, and a large plan takes seconds.
_SOURCE_TEXT = rb"""^[ \t]+source_text:[ \t]*["']?([^"'#\r\n]+?)["']?[ \t]*(?:#.*)?$"""


def _source_text(targets: Path) -> str | None:
    try:
        with open(targets, "rb") as handle:
            head = handle.read(1024 * 1024)
    except OSError:  # no plan there: the body says so
        return None
    import re  # here: this module is read at start-up, and only -o with a plan needs a pattern

    found = re.search(_SOURCE_TEXT, head, re.MULTILINE)
    try:
        return found.group(1).decode("utf-8") if found else None
    except UnicodeDecodeError:
        return None
