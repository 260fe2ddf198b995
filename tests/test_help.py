"""`--help` is written for the people who run planchk: an example in each command's help (kept line by line),
usage lines that say FILE..., paragraphs that wrap to the terminal, and no references to planchk's source or
its repository's documents (a user who installed planchk has neither)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len

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
    "schema": "planchk schema [OPTIONS] report|targets|projects",
    "plan diff": "planchk plan diff [OPTIONS] OLD NEW",
    "plan check": "planchk plan check [OPTIONS] [DIR]",
    "plan show": "planchk plan show [OPTIONS]",
}
# What a user cannot follow: the repository's documents, source modules, web addresses, issue numbers.
CITATION = re.compile(r"docs/|README|rules\.md|\.py\b|planchk\.[a-z_]+\.|https?://|section \d|#\d|issue", re.I)
RENDERINGS = {"rich": "1", "click": "0"}  # Typer's Rich help, and click's own (TYPER_USE_RICH=0)


def help_text(command: str, columns: int = 80, rich: str = "1") -> str:
    env = dict(os.environ, COLUMNS=str(columns), TYPER_USE_RICH=rich, NO_COLOR="1", TERM="dumb")
    env.pop("TERMINAL_WIDTH", None)
    proc = subprocess.run([sys.executable, "-m", "planchk", *command.split(), "--help"], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


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
    text = help_text(command, 200, RENDERINGS[rendering])
    assert not CITATION.search(text), CITATION.search(text)


@pytest.mark.parametrize("command", sorted(USAGE))
def test_usage_names_the_arguments_as_users_write_them(command: str) -> None:
    for rendering in RENDERINGS.values():
        text = help_text(command, 100, rendering)
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
    if rendering == "rich":
        assert len(wide) == 1
    narrow_text = help_text("", 50, RENDERINGS[rendering])
    narrow = exit_paragraph(narrow_text)
    assert len(narrow) > len(wide) and " ".join(narrow) == " ".join(wide)
    assert " ".join(wide).endswith("(never a verdict on the data).")
    assert max(cell_len(line) for line in narrow_text.splitlines()) <= 50
