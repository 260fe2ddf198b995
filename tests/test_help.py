"""`--help` is written for the people who run planchk: an example in each command's help (kept line by line),
usage lines that say FILE..., paragraphs that wrap to the terminal, and no references to planchk's source or
its repository's documents (a user who installed planchk has neither)."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import typer._click.formatting
import typer.core
from rich.cells import cell_len
from typer.testing import CliRunner

EXAMPLES = {
    "evaluate": "planchk evaluate data/*.csv --format junit -o planchk-junit.xml",
    "validate": "planchk validate data/*.csv",
    "trend": "planchk trend data/2021.csv data/2022.csv data/2023.csv",
    "report": "planchk report data/*.csv --year 2022 --format html -o report.html",
    "template": "planchk template 2023 -o 2023.csv",
    "schema": "planchk schema report -o report.schema.json",
}
USAGE = {
    "evaluate": "planchk evaluate [OPTIONS] FILE...",
    "validate": "planchk validate [OPTIONS] FILE...",
    "trend": "planchk trend [OPTIONS] FILE...",
    "report": "planchk report [OPTIONS] FILE...",
    "template": "planchk template [OPTIONS] YEAR",
    "schema": "planchk schema [OPTIONS] KIND",
    "plan diff": "planchk plan diff [OPTIONS] OLD NEW",
    "plan check": "planchk plan check [OPTIONS] [DIR]",
    "plan show": "planchk plan show [OPTIONS]",
}
# What a user cannot follow: the repository's documents, source modules, web addresses, issue numbers.
CITATION = re.compile(r"docs/|README|rules\.md|\.py\b|planchk\.[a-z_]+\.|https?://|section \d|#\d|issue", re.I)
RENDERINGS = {"rich": "1", "click": "0"}  # Typer's Rich help, and click's own (TYPER_USE_RICH=0)


class _Runner(CliRunner):
    """CliRunner, but click's help as wide as the terminal says (COLUMNS), as in a process of its own: click's
    runner fixes it at 80 columns."""

    @contextlib.contextmanager
    def isolation(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with super().isolation(*args, **kwargs) as streams:
            typer._click.formatting.FORCED_WIDTH = None  # put back as it was when the isolation ends
            yield streams


@functools.cache
def help_text(command: str, columns: int = 80, rich: str = "1", lang: str = "en", after: str = "",
              locale: str | None = None) -> str:
    """`planchk COMMAND --help` as printed at that width, rendering and language: run in-process once for each,
    shared by the tests that read the same help (the console command prints the same: see
    test_the_console_command_prints_the_help_the_tests_read)."""
    from planchk.cli.app import app

    env = {"COLUMNS": str(columns), "TYPER_USE_RICH": rich, "NO_COLOR": "1", "TERM": "dumb", "PLANCHK_LANG": lang}
    unset = ["TERMINAL_WIDTH"]
    if locale is not None:  # the language from the locale: LANG alone, PLANCHK_LANG only if `lang` is given
        env = {k: v for k, v in env.items() if k != "PLANCHK_LANG" or lang}
        env["LANG"] = locale
        unset += ["LC_ALL", "LC_MESSAGES"] + ([] if lang else ["PLANCHK_LANG"])
    saved = {name: os.environ.get(name) for name in [*env, *unset, "PLANCHK_LANG"]}
    has_rich, mode = typer.core.HAS_RICH, typer.core.DEFAULT_MARKUP_MODE
    os.environ.update(env)
    for name in unset:
        os.environ.pop(name, None)
    typer.core.HAS_RICH = rich == "1"  # what Typer reads from TYPER_USE_RICH as it is imported
    typer.core.DEFAULT_MARKUP_MODE = "rich" if rich == "1" else None
    try:
        result = _Runner().invoke(app, [*command.split(), "--help", *after.split()], prog_name="planchk",
                                  catch_exceptions=False)
    finally:
        typer.core.HAS_RICH, typer.core.DEFAULT_MARKUP_MODE = has_rich, mode
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def process_help(command: str, columns: int, rich: str, lang: str, after: str = "") -> str:
    """The same help from the console command, a process of its own."""
    env = dict(os.environ, COLUMNS=str(columns), TYPER_USE_RICH=rich, NO_COLOR="1", TERM="dumb", PLANCHK_LANG=lang)
    env.pop("TERMINAL_WIDTH", None)
    # A process: Typer reads TYPER_USE_RICH and the width as the console command starts, which help_text imitates.
    proc = subprocess.run([sys.executable, "-m", "planchk", *command.split(), "--help", *after.split()],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("command, columns, rich, lang, after", [
    ("evaluate", 80, "1", "en", ""), ("", 50, "0", "en", ""), ("plan show", 60, "1", "zh", ""),
    ("report", 60, "0", "zh", ""),
    # the console command takes the help's language from --lang, given after --help (click answers --help first)
    ("evaluate", 80, "1", "en", "--lang zh"),
])
def test_the_console_command_prints_the_help_the_tests_read(command: str, columns: int, rich: str, lang: str,
                                                            after: str) -> None:
    printed = process_help(command, columns, rich, lang, after)
    assert printed == help_text(command, columns, rich, lang, after)
    if after:
        assert "对照规划评估" in printed and "Judge actual" not in printed


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_each_command_shows_its_example_whole(command: str, rendering: str) -> None:
    text = help_text(command, 80, RENDERINGS[rendering])
    lines = [line.strip(" │") for line in text.splitlines()]
    assert "Examples:" in lines
    assert EXAMPLES[command] in lines, text  # on a line of its own, not rewrapped
    assert "\b" not in text


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("command", ["", "plan", *USAGE])
def test_help_cites_nothing_outside_the_program(command: str, rendering: str) -> None:
    # The help the other tests read (80 columns), its lines joined again: a citation wrapped over two lines
    # ("section" at the end of one, "3" at the start of the next) is found as well.
    text = re.sub(r"[\s│╭╮╰╯─]+", " ", help_text(command, 80, RENDERINGS[rendering]))
    assert not CITATION.search(text), CITATION.search(text)


@pytest.mark.parametrize("command", sorted(USAGE))
def test_usage_names_the_arguments_as_users_write_them(command: str) -> None:
    for rendering in RENDERINGS.values():
        text = help_text(command, 80, rendering)
        assert f"Usage: {USAGE[command]}" in text
        assert "{" not in text.splitlines()[1 if rendering == "1" else 0]


def exit_paragraph(text: str) -> list[str]:
    """The lines of the top-level help's exit-code paragraph."""
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Exit codes:"))
    end = next(i for i in range(start, len(lines)) if not lines[i])
    return lines[start:end]


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
def test_the_exit_code_paragraph_wraps_to_the_terminal(rendering: str) -> None:
    """No hard line breaks: the paragraph is refilled to the width (click caps its help at 80 columns)."""
    wide = exit_paragraph(help_text("", 400, RENDERINGS[rendering]))
    assert max(cell_len(line) for line in wide) <= 80
    narrow_text = help_text("", 50, RENDERINGS[rendering])
    narrow = exit_paragraph(narrow_text)
    assert len(narrow) > len(wide) and " ".join(narrow) == " ".join(wide)
    assert " ".join(wide).endswith("(never a verdict on the data).")
    assert max(cell_len(line) for line in narrow_text.splitlines()) <= 50


# ── the help in Chinese ───────────────────────────────────────────────────────────────────────────────
CJK = re.compile(r"[\u4e00-\u9fff]")
# Half-width punctuation next to Chinese text: Chinese help writes ，。：；（）.
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,.:;()]|[,:;(]\s*[\u4e00-\u9fff]")
# Three English words in a row: a sentence, or part of one (option names, values and file names are single words).
ENGLISH = re.compile(r"(?<![-\w<|/.@=])[A-Za-z][a-z']+(?:,? [A-Za-z][a-z']+){2,}")
COMMANDS = ["", "plan", *sorted({"evaluate", "validate", "trend", "report", "schema", "template", "plan show",
                                 "plan check",
                                 "plan diff", "plan draft", "plan review"})]


def built(lang: str, monkeypatch: pytest.MonkeyPatch):
    """The click command tree as the app builds it with PLANCHK_LANG=lang."""
    import typer.main

    from planchk.cli.app import app

    monkeypatch.setenv("PLANCHK_LANG", lang)
    return typer.main.get_command(app)


def commands(group, path: str = ""):
    """(path after planchk, click command) for the group and everything under it."""
    yield path, group
    for name, sub in getattr(group, "commands", {}).items():
        yield from commands(sub, f"{path} {name}".strip())


def param_key(param) -> str:
    from typer.core import TyperArgument

    return (param.name or "").upper() if isinstance(param, TyperArgument) else max(param.opts, key=len)


def test_every_help_text_exists_in_both_languages() -> None:
    from planchk.cli.help_text import EXAMPLES, HELP, WITH_EXIT_CODES

    assert set(HELP["zh"]) == set(HELP["en"])
    assert set(EXAMPLES) | set(WITH_EXIT_CODES) <= set(HELP["en"])
    assert all(text.strip() for texts in HELP.values() for text in texts.values())


def test_the_chinese_help_is_chinese_with_full_width_punctuation() -> None:
    from planchk.cli.help_text import HELP, text

    for key in HELP["zh"]:
        shown = text("zh", key)  # as the help shows it: lists of formats filled in
        assert CJK.search(shown), key
        assert not HALF_WIDTH.search(shown), (key, HALF_WIDTH.search(shown))
        assert shown.count("（") == shown.count("）"), key
    for key in HELP["en"]:
        assert not re.search("[，。：；（）]", text("en", key)), key


def test_the_command_line_has_a_text_for_everything_and_uses_every_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command, argument and option finds its help in the table (its own, else the shared one), and every
    key of the table is used."""
    from planchk.cli.help_text import HELP

    used = {"usage", "examples", "exit-codes", "--help", "heading.options", "heading.arguments", "heading.commands",
            "required"}
    for path, command in commands(built("zh", monkeypatch)):
        key = path or "planchk"
        used.add(key)
        assert CJK.search(command.help) and CJK.search(command.short_help), key
        for param in command.params:
            name = param_key(param)
            used.add(f"{key} {name}" if f"{key} {name}" in HELP["zh"] else name)
            assert param.help and CJK.search(param.help), (key, name)
    assert used == set(HELP["zh"])


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("command", COMMANDS)
def test_with_planchk_lang_zh_every_help_is_chinese(command: str, rendering: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sentence in Chinese, whole (nothing cut), within the terminal's width; English only in option
    names, values, file names, the program's name and the examples."""
    texts = {path: [c.help, *(p.help for p in c.params)] for path, c in commands(built("zh", monkeypatch))}
    text = help_text(command, 60, RENDERINGS[rendering], lang="zh")
    lines = text.splitlines()
    assert lines[0].startswith(f"用法：planchk {command}".rstrip()), lines[0]
    examples = lines.index("  示例：") if "  示例：" in lines else len(lines)
    prose = [line for line in lines[1:] if not line.startswith("    planchk ")]
    assert examples == len(lines) or lines[examples + 1].startswith("    planchk ")
    for line in prose:
        assert not ENGLISH.search(line), line
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message", "[required]", "default:"):
        assert english not in text
    flat = re.sub(r"\s+", "", text)
    for help_ in texts[command]:
        assert re.sub(r"\s+", "", help_.replace("\b", "")) in flat, help_
    assert max(cell_len(line) for line in prose) <= 60  # examples keep their lines, however long
    assert "显示本帮助并退出。" in text


def test_the_chinese_help_keeps_each_example_on_its_line() -> None:
    for rendering in RENDERINGS.values():
        lines = [line.strip() for line in help_text("evaluate", 50, rendering, lang="zh").splitlines()]
        assert "示例：" in lines and EXAMPLES["evaluate"] in lines


def test_the_help_follows_the_locale_and_planchk_lang_wins() -> None:
    # In-process: the language is read from the environment each time the app runs (see below).
    zh = help_text("validate", lang="", locale="zh_CN.UTF-8")
    assert "只检查数据" in zh
    en = help_text("validate", lang="en", locale="zh_CN.UTF-8")
    assert "Check the data only" in en and not CJK.search(en)


def test_lang_chooses_the_help_language_over_the_locale() -> None:
    """click answers --help before --lang has a value; the top group reads --lang off the line first."""
    for line in ("validate --lang zh", "validate --lang=zh"):
        zh = help_text(line, lang="en")
        assert "只检查数据" in zh and "Check the data only" not in zh and zh.startswith("用法：")
    en = help_text("validate --lang en", lang="zh")
    assert "Check the data only" in en and not CJK.search(en)
    # the last --lang wins, as for the command itself; and a later run without --lang is in PLANCHK_LANG again
    assert "只检查数据" in help_text("validate --lang en --lang zh", lang="en")
    assert "Check the data only" in help_text("validate", lang="en")


def test_a_groups_help_takes_lang_too() -> None:
    """`planchk --help --lang zh`: the groups have no --lang of their own, yet their help is in its language."""
    for line in ("--lang zh", "--lang=zh", "plan --lang zh", "--lang zh evaluate"):
        text = help_text(line, lang="en")  # help_text puts --help last: `planchk --lang zh --help`, ...
        assert text.startswith("用法：planchk") and not re.search(r"No such option|没有这个选项", text), (line, text)
    assert "Usage: planchk" in help_text("--lang en", lang="zh")


def test_the_language_is_read_each_time_the_app_runs(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process (CliRunner, as the tests run planchk): the app is built again for each run."""
    assert "Judge actual figures" in cli("evaluate", "--help").stdout
    monkeypatch.setenv("PLANCHK_LANG", "zh")
    out = cli("evaluate", "--help").stdout
    assert "对照规划评估" in out and "Judge actual figures" not in out
    monkeypatch.setenv("PLANCHK_LANG", "en")
    assert "Judge actual figures" in cli("evaluate", "--help").stdout


def test_the_chinese_help_imports_no_pydantic_yaml_or_rich() -> None:
    """The help table is plain data and Chinese help is click's plain help: nothing heavy (`--version`'s
    imports are checked in test_cli.py)."""
    code = ("import os, sys, runpy; sys.argv = ['planchk', 'evaluate', '--help']\nreal_exit = os._exit\n"
            "def exit_(code):\n"
            "    print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'planchk.i18n') if m in sys.modules))\n"
            "    sys.stdout.flush()\n    real_exit(code)\n"
            "os._exit = exit_\nrunpy.run_module('planchk', run_name='__main__')")
    # A process: only a fresh interpreter shows what a run imports (this one has imported everything).
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          env=dict(os.environ, PLANCHK_LANG="zh"))
    assert "对照规划评估" in proc.stdout and proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", COMMANDS)
def test_no_help_text_is_cut_short_at_80_or_60_columns(command: str, lang: str) -> None:
    """Every word of every help text is shown, whether Typer would draw its Rich help or not (TYPER_USE_RICH): Rich
    help ended a line with "…" where a word (a path, a list of choices) was longer than its column, and cut the
    last word of a line that held Chinese characters (cli/help_format.py)."""
    for columns in (80, 60, 40):  # 40: click held help to 50 columns at least
        text = help_text(command, columns, RENDERINGS["rich"], lang)
        assert "…" not in text, "\n".join(line for line in text.splitlines() if "…" in line)
        assert text == help_text(command, columns, RENDERINGS["click"], lang)
        # an example is kept whole on its line, to be copied (test_each_command_shows_its_example_whole), and so is an
        # option's name with its choices (-f, --format <table|json|markdown|junit|github>) on a line of its own
        name_alone = re.compile(r"  -\S*(?: \S+)*")  # single spaces: no help text beside it
        whole = [line for line in text.splitlines() if line.startswith("    planchk ") or name_alone.fullmatch(line)]
        assert all(cell_len(line) <= columns for line in text.splitlines() if line not in whole), columns


def test_the_output_help_says_what_a_symlink_gets(cli, tmp_path) -> None:
    """-o refuses a symlink to a file (docs/ci.md, "Writing files"); the help said its target was replaced."""
    real = tmp_path / "real.md"
    real.write_text("keep\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(real)
    from conftest import DATA

    result = cli("report", str(DATA / "2022.csv"), "-o", str(tmp_path / "link.md"), "--lang", "en")
    assert result.exit_code == 2 and real.read_text(encoding="utf-8") == "keep\n"
    said_in = {"en": "a symlink to a file is refused", "zh": "指向文件的符号链接和本次读取的文件都不会被写入"}
    for lang, said in said_in.items():
        text = re.sub(r"\s*\n\s*", "" if lang == "zh" else " ", help_text("report", 80, RENDERINGS["click"], lang))
        assert said in text, text
