"""Narrow terminals (render/table.py): `evaluate data/2022.csv` at 60, 80, 100 and 120 columns, in English and
Chinese. No line is wider than the terminal in display columns (a Chinese character is two), no English word
of an indicator's name is split across lines, and at 120 columns every name fits on one line."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import DATA
from planchk.cli.app import app
from planchk.plan.model import Plan

BAR = re.compile("[│┃]")


def table_output(columns: int, lang: str) -> list[str]:
    return _printed(columns, lang).splitlines()


@functools.cache
def _printed(columns: int, lang: str) -> str:
    """What `planchk evaluate data/2022.csv` prints at that width and language, run in-process once per module
    for every test that asks (that the console command prints the same is checked below, in a process)."""
    env = {"COLUMNS": str(columns), "PLANCHK_LANG": lang, "NO_COLOR": "1"}
    result = CliRunner().invoke(app, ["evaluate", str(DATA / "2022.csv")], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_the_console_command_prints_what_the_tests_read() -> None:
    """A process of its own, whose width comes from COLUMNS, prints what the tests here read."""
    env = dict(os.environ, COLUMNS="60", PLANCHK_LANG="zh", NO_COLOR="1")
    # A process: the console command's width from COLUMNS and its Chinese through a real standard output.
    proc = subprocess.run([sys.executable, "-m", "planchk", "evaluate", str(DATA / "2022.csv")], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == _printed(60, "zh")


def cells(line: str) -> list[str]:
    """The cells of a table row, with or without the table's outer border."""
    parts = BAR.split(line)
    return parts[1:-1] if line[:1] in ("│", "┃") else parts


def indicator_rows(lines: list[str]) -> list[list[str]]:
    """The rows of the indicator table (the first table), cell by cell."""
    start = next(i for i, line in enumerate(lines) if "━" in line and "╇" in line)
    rows = []
    for line in lines[start + 1:]:
        if not BAR.search(line) and "─" not in line:
            break
        if BAR.search(line) and "─" not in line:
            rows.append(cells(line))
    return rows


def names(plan: Plan, lang: str) -> list[str]:
    return [ind.name.get(lang) for ind in plan.indicators]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", [60, 80, 100, 120])
def test_no_line_is_wider_than_the_terminal(columns: int, lang: str) -> None:
    lines = table_output(columns, lang)
    assert max(cell_len(line) for line in lines) <= columns, max(lines, key=cell_len)


@pytest.mark.parametrize("columns", [60, 80, 100, 120])
def test_no_word_of_a_name_is_split(plan: Plan, columns: int) -> None:
    lines = table_output(columns, "en")
    words_on_lines = {word for line in lines for word in re.split(r"[\s│┃]+", line)}
    name_column = " ".join(row[0].strip() for row in indicator_rows(lines))
    for name in names(plan, "en"):
        for word in name.split():
            assert word in words_on_lines, (word, name)
        assert " ".join(name.split()) in name_column, name  # the wrapped pieces join into the whole name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_120_columns_every_name_is_on_one_line_and_no_column_is_padded(plan: Plan, lang: str) -> None:
    rows = indicator_rows(table_output(120, lang))
    first_cells = [row[0].strip() for row in rows]
    for name in names(plan, lang):
        assert any(cell.endswith(name) or name + " (" in cell for cell in first_cells), name
    status = [row[-1] for row in rows]
    assert cell_len(status[0]) == max(cell_len(s.strip()) for s in status) + 2  # as wide as its widest status


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_folds_go_least_important_first(lang: str) -> None:
    """Wide: every column. Narrower: the bar, then the attribute column (binding said in the name), the baseline
    column, ...; at 80: name, unit, expected, actual and status."""
    binding, indicative = ("(binding)", "indicative") if lang == "en" else ("（约束性）", "预期性")

    def table(columns: int) -> str:
        return "\n".join("│".join(row) for row in indicator_rows(table_output(columns, lang)))

    wide = table(200)
    assert "█" in wide and indicative in wide and binding not in wide
    at_120 = table(120)
    assert "█" not in at_120 and "% / 40%" in at_120
    if lang == "en":  # English names are longer: the attribute column goes too
        assert indicative not in at_120 and binding in at_120
    narrow = indicator_rows(table_output(80, lang))
    assert {len(row) for row in narrow} == {5} and any(binding in row[0] for row in narrow)


@pytest.mark.parametrize("columns", [50, 60, 70])
def test_chinese_names_break_by_the_rules_of_chinese(plan: Plan, columns: int) -> None:
    """The names wrap by the same rules as every other table (planchk/cjk.py): no line of
    a cell starts with closing punctuation nor ends with an opening one, a name's last line is never a single
    character, and an `of which` row's continuation lines hang under its text."""
    from planchk.cjk import CLOSING, OPENING

    lines = table_output(columns, "zh")
    rows = indicator_rows(lines)
    parts = [row[0].strip() for row in rows if row[0].strip()]
    assert parts and not [p for p in parts if p[0] in CLOSING or p[-1] in OPENING]
    for index, row in enumerate(rows[:-1]):
        name = row[0]
        below = rows[index + 1][0]
        if name.strip() and below.strip() and not any(c.strip() for c in rows[index + 1][1:]):
            assert len(below.strip()) > 1, (name, below)  # a continuation line of more than one character
            if name.startswith("   "):  # an `of which` row (indented two under the table's padding)
                assert below.startswith("   "), (name, below)
