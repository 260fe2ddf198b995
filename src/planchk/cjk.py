"""Where a line of Chinese or English may break, and how wide text is on a terminal: the one set of rules for
every view that lays text out itself (the terminal tables, render/fit.py; Chinese `--help`, cli/help_format.py;
long summary lines, `wrap`).

Chinese breaks between any two characters, but a line never starts with closing punctuation (`，`, `）`, `”` …)
nor ends with an opening one (`（`, `“` …), and a number keeps the character after it (`56人`, `2025年`).
Latin text (a number, an id, an option, a word) breaks at spaces only, and, in prose, after a hyphen between
letters. A line of prose (render/fit.py `prose`) also keeps a formula (`A / B`, `x = y`) and a Chinese label
with its number (`达标 259`) whole where it can, and ends, where that leaves it two-thirds full, after the
punctuation that closes a Chinese clause (`clause_end`).
No Rich here: Chinese help loads none.
"""

from __future__ import annotations

import re
import unicodedata

SPACES = " \u3000"
CLOSING = frozenset("，。、；：？！）)]}」』”’》〉】…%‰,.;:!?/")  # never the first character of a line
OPENING = frozenset("（([{「『“‘《〈【")  # never the last character of a line
CLAUSE_ENDS = frozenset("，；。：！？")  # a line of Chinese prose ends best after one of these
# An operator between spaces and the operands either side of it (up to a space or Chinese punctuation): a formula
# such as 缺口已完成的比例 / 规划期已过去的时间比例 (an English operand is the word next to the operator:
# ratio = observed), not broken at its operator while a line can hold it.
_OPERAND = r"[^\s，。；：、！？（）“”《》]+"
OPERATOR = re.compile(" [=/÷×] ")
FORMULA = re.compile(rf"{_OPERAND}(?:{OPERATOR.pattern}{_OPERAND})+")
# A Chinese label and the number after it (未到期 35, 期末预计为 1.4467, 2021年的 55): one piece of a line of prose.
LABELLED = re.compile(r"[\u3400-\u9fff]{1,6} [+-]?\d[\d.,]*%?")
PAIRS = {"(": ")", "（": "）", "“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", "【": "】", "[": "]"}


# The marks that hold a file name or a path together: no line breaks between one and a Chinese character beside it.
PATH_MARKS = frozenset("-_./\\<>‹›")


def wide(char: str) -> bool:
    """A character two terminal cells wide (Chinese, full-width)."""
    return unicodedata.east_asian_width(char) in "WF"


def cells(text: str) -> int:
    """Terminal cells: two for a wide character, one for any other."""
    return sum(2 if wide(char) else 1 for char in text)


def may_break(text: str, at: int, *, hyphen: bool = True) -> bool:
    """Whether a line may end before `text[at]` (which then starts the next line). `hyphen`: a hyphen between
    letters ends a line (research-and- / training); off where a hyphenated word is a name (--fail-on)."""
    before, after = text[at - 1], text[at]
    if before in SPACES:
        return after not in SPACES
    if after in SPACES:
        return False
    if hyphen and before == "-" and at > 1 and text[at - 2].isalpha() and after.isalpha() and not wide(after):
        return True
    if before in OPENING or after in CLOSING:
        return False
    if before.isdigit() and wide(after):
        return False  # a number and its measure word: 56人, 2025年
    if (before.isalpha() and wide(before) and after in PATH_MARKS) or (
        before in PATH_MARKS and after.isalpha() and wide(after)
    ):
        return False  # a file name or path with Chinese in it: 江北区-2023.csv, plans/<区县>/targets.yaml
    return wide(before) or wide(after)  # else Latin text breaks at spaces only: 0.877, 3,000, box4.2.new_schools


def clause_end(text: str, at: int) -> bool:
    """Whether a line ending before `text[at]` ends after a Chinese clause's punctuation (，；。 …), spaces aside."""
    while at > 0 and text[at - 1] in SPACES:  # looked back from `at`: no copy of the text before it
        at -= 1
    return at > 0 and text[at - 1] in CLAUSE_ENDS


def formulas(text: str) -> list[tuple[int, int]]:
    """The formulas of `text` (`FORMULA`), as (start, end)."""
    return [match.span() for match in FORMULA.finditer(text)]


def labelled(text: str) -> list[tuple[int, int]]:
    """The Chinese labels of `text` with their numbers (`LABELLED`), as (start, end)."""
    return [match.span() for match in LABELLED.finditer(text)]


# ── a paragraph in lines (Chinese --help, long summary lines) ──────────────────────────────────────────
def _units(text: str) -> list[tuple[str, bool]]:
    """`text` cut where a line may break, each piece with whether a space came before it."""
    units: list[tuple[str, bool]] = []
    spaced = False
    for at, ch in enumerate(text):
        if ch.isspace():
            spaced = bool(units)
            continue
        if units and not spaced and not may_break(text, at, hyphen=False):  # an option's name is never split
            units[-1] = (units[-1][0] + ch, units[-1][1])
            continue
        units.append((ch, spaced))
        spaced = False
    return units


def _fit(text: str, width: int) -> str:
    """The longest start of `text` within `width` cells (at least one character)."""
    used = 0
    for i, ch in enumerate(text):
        used += cells(ch)
        if used > width:
            return text[: max(i, 1)]
    return text


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """One paragraph in lines of at most `width` cells; the first line starts with `first`, the others with
    `rest`."""
    lines: list[str] = []
    line, used, empty = first, cells(first), True
    for unit, spaced in _units(text):
        size = cells(unit)
        gap = 1 if spaced and not empty else 0
        if not empty and used + gap + size > width:
            lines.append(line)
            line, used, empty, gap = rest, cells(rest), True, 0
        while empty and used + size > width and len(unit) > 1:  # longer than a line: cut it
            head = _fit(unit, width - used)
            lines.append(line + head)
            unit = unit[len(head) :]
            size = cells(unit)
            line, used = rest, cells(rest)
        line += " " * gap + unit
        used += gap + size
        empty = False
    lines.append(line)
    return lines
