"""render/fit.py puts a fitted table's lines together itself when the output has no colour: character for
character what Rich's `Table` draws from the same cells (titles, the header at the foot of its row, section
lines, headings, right-justified numbers, with and without the outer border). Rich draws every table in colour
and every table wider than the console, so there the two cannot differ. (The same comparison over every table
of `evaluate`, `trend` and `plan show` at 40 to 220 columns in both languages found no difference.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import DATA
from planchk.render.fit import FittedTable


def drawn_by_rich(self: FittedTable, console: object, options: object) -> Iterator[object]:
    yield self.rich_table()


@pytest.mark.parametrize("args, columns", [
    # headings and section lines, folded columns, no outer border, a titled per-item table, Chinese
    (("evaluate", DATA / "2023.csv", "--lang", "zh", "--programme", "text"), 50),
    (("evaluate", DATA / "2022.csv", "--lang", "en", "--programme", "4"), 120),  # every column, the outer border
])
def test_the_lines_are_those_rich_draws(cli, monkeypatch: pytest.MonkeyPatch, args: tuple, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    ours = cli(*args)
    monkeypatch.setattr(FittedTable, "__rich_console__", drawn_by_rich)
    rich = cli(*args)
    assert ours.exit_code == rich.exit_code == 0, ours.output
    assert ours.stdout == rich.stdout
    assert ours.stdout.count("\n") > 40 and ("┃" in ours.stdout or "━" in ours.stdout)
