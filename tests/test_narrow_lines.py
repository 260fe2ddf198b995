"""Narrow terminals, the lines outside the tables (render/fit.py `prose`): the title, the file's line, the legend
under the indicator table, notes, the summary. They break by the rules of both languages (planchk/cjk.py), as
the tables' cells do: no line ends in a space, nor starts with closing punctuation or ends with an opening one; a
formula (A / B) is not broken at its operator while a line holds it; a count keeps its label (the summary breaks
after its ，and ；only); a note's later lines hang under its text."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from conftest import ROOT
from planchk.cjk import CLOSING, OPENING
from planchk.i18n import label

TABLE = re.compile("[│┃━─]")
LEGEND_FORMULA = "缺口已完成的比例 / 规划期已过去的时间比例；"
FIRST = "data/2021.csv"  # as a user types it, in the project's folder (run)
TWO_YEARS = (FIRST, "data/2022.csv")


@pytest.fixture
def run(cli, monkeypatch: pytest.MonkeyPatch):
    def output(columns: int, *args: object) -> list[str]:
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.chdir(ROOT)
        result = cli(*args)
        assert result.exit_code in (0, 1), result.output
        return str(result.stdout).splitlines()

    return output


def prose_lines(lines: list[str]) -> list[str]:
    """The lines that are no part of a table (a table's rows and rules, and its title, centred by Rich: spaces
    either side)."""
    return [line for line in lines if line.strip() and not TABLE.search(line) and not (line[0] == line[-1] == " ")]


def block(lines: list[str], first: str, stop: str) -> list[str]:
    """The lines from the one that starts with `first` up to, not including, the one that starts with `stop`."""
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(stop))
    return lines[start:end]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [40, 50, 60, 80])
def test_lines_outside_tables_break_by_the_rules(run, columns: int, lang: str) -> None:
    """evaluate and trend (its notes): no line wider than the terminal, none ending in a space, none starting
    with closing punctuation (，）、 …) nor ending with an opening one (（ …), none of a Chinese character alone
    (but for the punctuation after it)."""
    shown = run(columns, "evaluate", FIRST, "--lang", lang)
    shown += run(columns, "trend", *TWO_YEARS, "--lang", lang)
    for line in prose_lines(shown):
        assert cell_len(line) <= columns, line
        assert line == line.rstrip(), f"ends in a space: {line!r}"
        assert line.strip()[0] not in CLOSING and line.strip()[-1] not in OPENING, line
        assert cell_len(line.strip().rstrip("".join(CLOSING))) > 2, f"a character alone: {line!r}"  # 方 / 法）


def test_the_legend_keeps_its_formula_whole(run) -> None:
    """At 80 columns the legend ends its first line after the formula, not inside it: 进度 = … / 规划期已过去的时间
    比例；| 期望值为… (it broke after "… / ", with the space kept)."""
    legend = block(run(80, "evaluate", FIRST, "--lang", "zh"), "进度 = ", "合计")
    assert legend[0] == "进度 = 2020→2025 " + LEGEND_FORMULA
    assert legend[1] == "期望值为规划值（2022、2025）或按时序进度插值"


@pytest.mark.parametrize("columns", [36, 40, 50, 60])
def test_a_formula_breaks_after_its_operator_or_not_at_all(run, columns: int) -> None:
    """Narrower: the formula on a line of its own where a line holds it, else its line ends after the operator (a
    line never starts with `/`), never inside an operand (… / 规划 | 期已过去的…)."""
    lines = block(run(columns, "evaluate", FIRST, "--lang", "zh"), "进度 = ", "合计")
    whole = any(LEGEND_FORMULA in line for line in lines)
    at_operator = any(
        line.endswith("缺口已完成的比例 /") and after.startswith("规划期已过去的时间比例；")
        for line, after in zip(lines, lines[1:], strict=False)
    )
    assert whole or at_operator, lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_breaks_only_between_its_counts(run, lang: str) -> None:
    """At every third width from 40 to 80 columns the summary's lines end after ，or ；(, or ;): a count never leaves
    its label (it broke as 未到期 / 35 at 41 to 52 columns)."""
    head = label(lang, "summary", pass_=0, fail=0, missing=0, not_due=0, cannot_judge=0, errors=0, warnings=0)[:4]
    [whole] = [line for line in run(200, "evaluate", FIRST, "--lang", lang) if line.startswith(head)]  # piped
    ends = ("，", "；") if lang == "zh" else (",", ";")
    for columns in range(40, 81, 3):
        shown = run(columns, "evaluate", FIRST, "--lang", lang)
        lines = block(shown, head, label(lang, "exit", code=0))
        assert all(line.endswith(ends) for line in lines[:-1]), (columns, lines)
        assert ("" if lang == "zh" else " ").join(lines) == whole, (columns, lines)


@pytest.mark.parametrize(("lang", "columns"), [("zh", 60), ("zh", 50), ("en", 80)])
def test_trend_notes_hang_under_their_text(run, lang: str, columns: int) -> None:
    """The notes under trend's tables ("  * 名称：…"): a note's later lines start under its name, four columns
    in (they started at the margin), and each note reads whole when its lines are joined."""
    lines = run(columns, "trend", *TWO_YEARS, "--lang", lang)
    notes = block(lines, label(lang, "notes"), label(lang, "trend_legend")[:6])[1:]
    assert len(notes) > sum(line.startswith("  * ") for line in notes)  # some note takes more than a line
    for line in notes:
        assert line.startswith("  * ") or re.match(r"    \S", line), line
    wide = run(200, "trend", *TWO_YEARS, "--lang", lang)  # piped: a note a line
    whole = block(wide, label(lang, "notes"), label(lang, "trend_legend")[:6])[1:]
    items: list[str] = []
    for line in notes:
        items += [line] if line.startswith("  * ") else []
        items[-1] += "" if line.startswith("  * ") else line
    assert [re.sub(r"\s+", "", w) for w in whole] == [re.sub(r"\s+", "", i) for i in items]


def test_a_long_note_is_broken_in_work_linear_in_its_length(cli, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note may hold 131072 characters. Breaking it measured what was left of it on every line and cut each line
    from a copy of the whole (43 s at 80 columns); the characters measured now grow with its length, not its
    square, and the text is cut once."""
    import rich.text

    import planchk.render.fit as fit

    note = "两所新建公办园延期开园，" * 2000  # 24 000 characters, 600 lines at 80 columns
    f = tmp_path / "2022.csv"
    f.write_text(f"id,value,note\ncompulsory.retention_rate,100,{note}\n", encoding="utf-8")
    measured = {"chars": 0, "long_slices": 0}
    real_cell_len, real_getitem = fit.cell_len, rich.text.Text.__getitem__

    def counting_cell_len(text: str) -> int:
        measured["chars"] += len(text)
        return real_cell_len(text)

    def counting_getitem(self: rich.text.Text, key: object) -> rich.text.Text:
        if len(self) > 10_000:
            measured["long_slices"] += 1
        return real_getitem(self, key)

    monkeypatch.setattr(fit, "cell_len", counting_cell_len)
    monkeypatch.setattr(rich.text.Text, "__getitem__", counting_getitem)
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("evaluate", f, "--lang", "zh")
    assert result.exit_code == 0 and note[:11] in result.stdout
    assert "".join(line.strip() for line in result.stdout.splitlines()).count("两所新建公办园延期开园") == 2000
    assert measured["chars"] < 60 * len(note), measured  # linear; it was about len(note) ** 2 / 80
    assert measured["long_slices"] < 20, measured  # the text is divided once, not sliced once per line


@pytest.mark.parametrize("args", [("evaluate", FIRST), ("trend", *TWO_YEARS)])
def test_a_one_column_terminal_is_no_internal_error(run, args: tuple[str, ...]) -> None:
    """COLUMNS=1 (a split pane squeezed shut): a Chinese character is two columns wide, so a line of prose could hold
    nothing, and the breaking code failed: exit 3, an internal error. It ends with its verdict's exit code (`run`
    asserts 0 or 1); what a one-column terminal can show of Chinese is the terminal's matter."""
    lines = run(1, *args, "--lang", "zh")
    assert lines and "2021" in "".join(line.strip() for line in lines)
