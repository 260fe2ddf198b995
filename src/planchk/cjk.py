"""Where a line of Chinese or English may break, and how wide text is on a terminal: the one set of rules for
every view that lays text out itself (the terminal tables, render/fit.py; Chinese `--help`, cli/help_format.py;
long summary lines, `wrap`).

Chinese breaks between any two characters, but a line never starts with closing punctuation (`，`, `）`, `”` …)
nor ends with an opening one (`（`, `“` …), and a number keeps the character after it (`56人`, `2025年`).
Latin text (a number, an id, an option, a word) breaks at spaces only, and, in prose, after a hyphen between
letters. No Rich here: Chinese help loads none.
"""

from __future__ import annotations

import unicodedata

SPACES = " \u3000"
CLOSING = frozenset("，。、；：？！）)]}」』”’》〉】…%‰,.;:!?/")  # never the first character of a line
OPENING = frozenset("（([{「『“‘《〈【")  # never the last character of a line
PAIRS = {"(": ")", "（": "）", "“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", "【": "】", "[": "]"}


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
    return wide(before) or wide(after)  # else Latin text breaks at spaces only: 0.877, 3,000, box4.2.new_schools


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
