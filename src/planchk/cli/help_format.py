"""`--help` in the user's language: the click commands' texts put in from cli/help_text.py, and laid out for the
terminal by planchk's own formatter, in both languages.

Typer builds the click commands each time the app runs (and CliRunner.invoke): the top group (`Group`) then
puts every text in, in default_lang() (PLANCHK_LANG, else the locale). Click answers --help while it reads
the options, before --lang has a value, so the top group reads the language off the command line itself
(`lang_of_arguments`) before click does, and puts the texts in again when the line asks for another.

The help is click's plain help, written by `HelpFormatter`, never Typer's Rich help: Rich breaks a line only at a
space and cuts a longer run of text with "…" (a path, a list of choices, any Chinese sentence), and in a line
that holds Chinese characters it counted them one column wide and cut the line's last word. The formatter counts
widths in terminal cells (a Chinese character takes two) and breaks lines by the rules the terminal tables use
(planchk/cjk.py): between any two Chinese characters but not before closing punctuation (，。）) or after opening
punctuation (（“), nor between a number and its measure word (2025年), and never splits a Latin word (an option,
a file name) unless it is longer than a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

from planchk.cjk import cells as _cells
from planchk.cjk import wrap
from planchk.cli.help_text import HELP, ROOT, command_help, param_help, summary
from planchk.lang import default_lang

if TYPE_CHECKING:
    from planchk.lang import Lang




class HelpFormatter(typer.Context.formatter_class):  # type: ignore[misc,valid-type]  # click's, via Typer
    """click's HelpFormatter with planchk.cjk's wrapping, its section headings (Options, Arguments, Commands) in
    `headings` and its `[required]` as `required`."""

    def __init__(self, headings: Mapping[str, str], required: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.headings = headings
        self.required = required

    def _paragraphs(self, text: str, width: int, indent: str) -> list[str]:
        """Paragraphs (blank-line separated) wrapped; one that starts with click's \\b keeps its lines."""
        lines: list[str] = []
        for paragraph in text.split("\n\n"):
            if lines:
                lines.append("")
            if paragraph.startswith("\b"):
                lines.extend(indent + line for line in paragraph[1:].strip("\n").splitlines())
            else:
                lines.extend(wrap(" ".join(paragraph.split()), width, indent, indent))
        return lines

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.headings.get(heading, heading + ':')}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        start = f"{prefix or '':>{self.current_indent}}{prog} "
        lines = wrap(args, self.width - self.current_indent, start, " " * min(_cells(start), 20))
        self.write("\n".join(lines) + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(self._paragraphs(text, self.width, indent)) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands, one a row: the name, then its help wrapped beside it (below a long name)."""
        rows = list(rows)
        first_col = min(max((_cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        if self.width - self.current_indent - first_col < 24:  # a narrow terminal: each help text under its name
            first_col = 4
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            if second.endswith("  [required]"):  # click's mark of a required argument or option
                second = second.removesuffix("  [required]") + self.required
            lines = self._paragraphs(second, max(self.width - self.current_indent - first_col, 10), "")
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")


# ── the commands in the help's language ──────────────────────────────────────────────────────────────
def _localize(command: Any, key: str, lang: Lang) -> None:
    """Put the help of `command` (`key` is its path after planchk) and of everything under it in `lang`."""
    # Examples keep their lines: click's plain help rewraps a paragraph unless it starts with \\b.
    command.help = command_help(lang, key, "\b\n")
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
    """Help goes through HelpFormatter."""

    def make_formatter(self) -> Any:
        lang: Lang = getattr(self.command, "help_lang", "en")
        words = HELP[lang]
        return HelpFormatter(
            headings={name: words[f"heading.{name.lower()}"] for name in ("Options", "Arguments", "Commands")},
            required=words["required"],
            width=self.terminal_width or _help_width(self.max_content_width),
            max_width=self.max_content_width,
        )


def _help_width(max_width: int | None) -> int:
    """click's width for help (the terminal's, at most 80, less 2), but not held to click's least of 50: a line of a
    40-column terminal is 38 wide. A width the runner forces (click's FORCED_WIDTH) stands."""
    import shutil

    from typer._click import formatting

    forced: int | None = formatting.FORCED_WIDTH
    return forced or max(min(shutil.get_terminal_size().columns, max_width or 80) - 2, 20)


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line with its prefix in the help's language (click's own is English)."""
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=HELP[command.help_lang]["usage"])


def _format_help(command: Any, format_help: Any, ctx: Any, formatter: Any) -> None:
    """click's plain help, which Typer writes when the command has no markup mode (only while the help is written:
    click's errors keep Typer's look)."""
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


@contextmanager
def _usage_errors_in(lang: Lang) -> Iterator[None]:
    """click's usage errors said in Chinese (exit 2, click's code) when the line asks for Chinese; English ones
    are left to Typer, which prints click's own words."""
    try:
        yield
    except Exception as exc:
        # click's ClickException, from click or from the copy typer 0.28 carries: known by its name
        usage = any(kind.__name__ == "ClickException" for kind in type(exc).__mro__)
        if not usage or lang != "zh" or type(exc).__name__ == "NoArgsIsHelpError":  # no-args help is printed
            raise
        from planchk.cli.guard import say_click_error

        say_click_error(exc, lang)
        raise typer.Exit(getattr(exc, "exit_code", 2)) from None


def _without_lang_before_help(args: list[str]) -> list[str]:
    """`planchk --help --lang zh`, `planchk plan --help --lang zh`: a group has no --lang of its own, but its help
    is put in the language the line asks for (make_context), so --lang beside the group's --help is taken, not
    refused as an unknown option: when --help is on the line, the group's own options (those before a command's
    name) lose their --lang."""
    own = next(
        (i for i, arg in enumerate(args) if not arg.startswith("-") and (i == 0 or args[i - 1] != "--lang")), len(args)
    )
    if "--help" not in args:
        return args
    kept: list[str] = []
    after_lang = False
    for arg in args[:own]:
        if not after_lang and arg != "--lang" and not arg.startswith("--lang="):
            kept.append(arg)
        after_lang = arg == "--lang"
    return kept + args[own:]


class _InLanguage:
    """What commands and groups share: usage and help laid out in the help's language, and --help named in it.
    Listed first among the bases, so `super()` reaches Typer's command or group."""

    help_lang: Lang = "en"

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _format_help(self, super().format_help, ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(self, super().get_help_option(ctx))  # type: ignore[misc]


class Command(_InLanguage, typer.core.TyperCommand):
    """A command in the help's language, with usage lines as users read them: `planchk evaluate [OPTIONS]
    FILE...`, without the braces Typer puts around a required argument (`{files}...`)."""

    context_class = _Context
    help_lang: Lang = "en"

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]



class Group(_InLanguage, typer.core.TyperGroup):
    """`planchk` and `planchk plan`. Typer makes the groups last, the top one (no name) after all the others:
    it puts every help text in."""

    context_class = _Context
    help_lang: Lang = "en"

    error_lang: Lang = "en"

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        if not self.name:
            _localize(self, ROOT, default_lang())

    # click's usage errors (an unknown option, a missing argument, a bad choice) arise while the command line is
    # read, for the whole line here and for a command's own options inside `invoke`: the top group says them in
    # the language the line asks for (cli/guard.py), in Chinese before click's English is printed.
    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if parent is not None:
            return super().make_context(info_name, _without_lang_before_help(args), parent, **extra)
        from planchk.cli.guard import lang_of_arguments

        self.error_lang = lang_of_arguments(args)
        args = _without_lang_before_help(args)
        if self.error_lang != self.help_lang:  # `--help --lang zh` under an English locale, or the reverse
            _localize(self, ROOT, self.error_lang)
        with _usage_errors_in(self.error_lang):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        if ctx.parent is not None:
            return super().invoke(ctx)
        with _usage_errors_in(self.error_lang):
            return super().invoke(ctx)

