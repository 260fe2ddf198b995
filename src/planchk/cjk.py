"""Where a line of Chinese or English may break, and how wide text is on a terminal: the one set of rules for
every view that lays text out itself (the terminal tables, render/fit.py; Chinese `--help`, cli/help_format.py).

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
