"""A command's body guarded: what the user can fix becomes its diagnostics on stderr and exit 2, anything
else is a bug in planchk and exit 3 (codes from cli/exits.py). Everything said here is in the command's
language, click's own usage errors too (an unknown option, a missing argument, a value not among the
choices: `say_click_error`, called by the top group in cli/help_format.py)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from planchk.cli import exits

if TYPE_CHECKING:
    from planchk.diagnostics import Diagnostic
    from planchk.i18n import Bilingual
    from planchk.lang import Lang


def run_guarded(debug: bool, body: Callable[[], int], lang: Lang) -> NoReturn:
    """Run a command's body and exit with its code: user-fixable problems (bad input, output that cannot be
    written) → their diagnostics and exit 2; a planchk bug → exit 3 (its traceback with `debug`)."""
    from planchk.diagnostics import PlanchkError
    from planchk.output import OutputError

    try:
        code = body()
    except OutputError as exc:  # -o or stdout could not be written: the user's to fix, not a bug
        from planchk.messages import say

        print(say("cli.cannot_write", path=exc.path, reason=exc.reason).get(lang), file=sys.stderr)
        code = exits.NOT_JUDGED
    except PlanchkError as exc:
        from planchk.diagnostics import UsageError

        print_problems(exc.problems, lang, usage=isinstance(exc, UsageError))
        code = exits.NOT_JUDGED
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - anything else is our bug, never a verdict on the data
        if debug:
            raise
        from planchk.messages import say

        print(say("cli.internal_error", error=f"{type(exc).__name__}: {exc}").get(lang), file=sys.stderr)
        code = exits.BUG
    raise typer.Exit(code)


def print_problems(found: list[Diagnostic], lang: Lang, usage: bool = False) -> None:
    """Diagnostics on stderr in `lang`, one line each: file:line [column]: error: message (value: …); then what
    was not judged: the files named, or, for a command line that cannot run (`usage`), nothing."""
    from planchk.messages import listing, say
    from planchk.sanitize import one_line

    for p in found:
        detail = say("cli.problem_value", shown=one_line(repr(p.value))).get(lang) if p.value is not None else ""
        line = say("cli.problem", where=one_line(p.location()), message=one_line(p.text(lang)), detail=detail)
        print(line.get(lang), file=sys.stderr)
    if usage:  # the problems are named by an option or argument (--unit, FILE), not by a file that was read
        print(say("cli.not_run", n=len(found)).get(lang), file=sys.stderr)
        return
    files = sorted({one_line(p.file) for p in found})
    print(say("cli.not_judged", n=len(found), files=listing(files)).get(lang), file=sys.stderr)


# ── click's own usage errors ─────────────────────────────────────────────────────────────────────────
# click checks the command line before any option has a value, so --lang is read from the arguments here.
def lang_of_arguments(args: Sequence[str]) -> Lang:
    """The language a command line asks for: its last `--lang zh|en` (or `--lang=…`), else PLANCHK_LANG or
    the locale (`default_lang`)."""
    from planchk.lang import LANGS, default_lang

    found: Lang = default_lang()
    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value is not None:
            for lang in LANGS:
                if value.strip().lower() == lang:
                    found = lang
    return found


_PATH = r"(?P<kind>File|Directory|Path) (?P<path>.+)"
_KINDS = {
    "integer": "term.integer",
    "int": "term.integer",
    "float": "term.number",
    "boolean": "term.boolean",
    "File": "term.file",
    "Directory": "term.directory",
    "Path": "term.path",
}


def _names(quoted: str) -> Bilingual | str:
    """click's list of names ('markdown', 'html'), listed in each language ("markdown、html" in Chinese)."""
    from planchk.messages import listing

    names = re.findall(r"'([^']*)'", quoted)
    return listing(names) if names else quoted


def _value_problem(text: str) -> Bilingual:
    """A click type's complaint about a value (its types' messages), in both languages; one planchk does not
    know is kept as click wrote it, said to be click's."""
    from planchk.messages import say

    text = text.strip()

    def match(pattern: str) -> dict[str, str] | None:
        found = re.fullmatch(pattern, text, re.S)
        return found.groupdict() if found else None

    if m := match(r"(?P<value>.+) is not one of (?P<choices>.+)\."):
        return say("usage.click_not_a_choice", value=m["value"], choices=_names(m["choices"]))
    if m := match(r"(?P<value>.+) is not a valid (?P<kind>integer|int|float|boolean)\b.*"):
        return say("usage.click_not_a_number", value=m["value"], kind=say(_KINDS[m["kind"]]))
    if m := match(r"(?P<value>.+) is not in the range (?P<range>.+)\."):
        return say("usage.click_out_of_range", value=m["value"], range=m["range"])
    if m := match(_PATH + r" does not exist\."):
        return say("usage.click_path_missing", kind=say(_KINDS[m["kind"]]), path=m["path"])
    if m := match(_PATH + r" is a directory\."):
        return say("usage.click_path_is_directory", kind=say(_KINDS[m["kind"]]), path=m["path"])
    if m := match(_PATH + r" is a file\."):
        return say("usage.click_path_is_file", kind=say(_KINDS[m["kind"]]), path=m["path"])
    if m := match(_PATH + r" is not readable\."):
        return say("usage.click_path_unreadable", kind=say(_KINDS[m["kind"]]), path=m["path"])
    if m := match(_PATH + r" is not writable\."):
        return say("usage.click_path_unwritable", kind=say(_KINDS[m["kind"]]), path=m["path"])
    return say("usage.click_other", message=text)


def _parameter(exc: Any) -> str:
    """The option (`--format / -f`) or argument (`FILE...`) a click error is about."""
    param = getattr(exc, "param", None)
    if param is None:
        hint = getattr(exc, "param_hint", None)
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint or "")
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.make_metavar(exc.ctx) if exc.ctx is not None else param.name).strip("{}")
    return " / ".join(param.opts)


def _is_argument(exc: Any) -> bool:
    kind = getattr(exc, "param_type", None) or getattr(getattr(exc, "param", None), "param_type_name", "")
    return bool(kind == "argument")


def click_problem(exc: Any) -> Bilingual:
    """What a click usage error says, in both languages."""
    from planchk.messages import listing, say

    kind = type(exc).__name__
    message = str(getattr(exc, "message", "") or "").strip()
    if kind == "NoSuchOption":
        possible = sorted(getattr(exc, "possibilities", None) or [])
        also = say("usage.click_possible", options=listing(possible)) if possible else ""
        return say("usage.click_no_such_option", option=exc.option_name, possible=also)
    if kind == "MissingParameter":
        if _is_argument(exc):
            return say("usage.click_missing_argument", name=_parameter(exc))
        return say("usage.click_missing_option", name=_parameter(exc))
    if kind == "BadParameter":
        return say("usage.click_bad_value", name=_parameter(exc), problem=_value_problem(message))

    def match(pattern: str) -> dict[str, str] | None:
        found = re.fullmatch(pattern, message, re.S)
        return found.groupdict() if found else None

    if m := match(r"Option '(?P<option>.+)' requires (an argument|\d+ arguments)\."):
        return say("usage.click_needs_value", option=m["option"])
    if m := match(r"Option '(?P<option>.+)' does not take a value\."):
        return say("usage.click_takes_no_value", option=m["option"])
    if m := match(r"Got unexpected extra argument(s|\(s\))? \((?P<args>.*)\)"):
        return say("usage.click_extra_arguments", args=m["args"])
    if m := match(r"No such command '(?P<name>[^']+)'\.(?: Did you mean (?P<like>.+)\?)?"):
        said = say("usage.click_no_such_command", name=m["name"])
        if not m["like"]:
            return said
        from planchk.i18n import Bilingual  # a value here, not only a type

        like = say("usage.click_did_you_mean", names=_names(m["like"]))
        return Bilingual(zh=said.zh + like.zh, en=said.en + like.en)
    if match(r"Missing command\."):
        return say("usage.click_missing_command")
    return say("usage.click_other", message=message)


def say_click_error(exc: Any, lang: Lang) -> None:
    """A click usage error on stderr in `lang`: the command's usage line, the problem, where help is."""
    from planchk.cli.help_text import HELP
    from planchk.messages import say
    from planchk.sanitize import one_line

    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "planchk"
    if ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        print(f"{HELP[lang]['usage']}{command} {pieces}".rstrip(), file=sys.stderr)
    problem = one_line(click_problem(exc).get(lang))
    print(say("usage.click_error", command=command, message=problem).get(lang), file=sys.stderr)
    if ctx is not None:
        print(say("usage.click_try_help", command=command).get(lang), file=sys.stderr)
