"""Where a line may break: render/fit.py reads text of ASCII characters by two patterns instead of asking
planchk/cjk.py's may_break at every position (most cells are English words, ids and numbers); the two must give
the same breaks, with and without the Chinese rules and hyphens."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from conftest import FUZZ_EXAMPLES
from planchk.render import fit

# the characters the rules tell apart: spaces, hyphens, letters, digits, opening and closing punctuation, dots
ALPHABET = " -aZ09(.)[],:%/_"


def slow(plain: str, cjk: bool, hyphens: bool) -> list[int]:
    plain = Text(plain).plain  # as the cell holds it (Rich drops a carriage return)
    return [0, *(i for i in range(1, len(plain)) if fit._may_break(plain, i, cjk, hyphens))]


def fast(plain: str, cjk: bool, hyphens: bool) -> list[int]:
    return [start for start, _ in fit.pieces(Text(plain), None, cjk, hyphens)]


def test_every_short_ascii_text_breaks_as_may_break_says() -> None:
    checked = 0
    for length in range(1, 4):
        for chars in itertools.product(ALPHABET, repeat=length):
            plain = "".join(chars)
            for cjk, hyphens in ((True, True), (True, False), (False, True), (False, False)):
                assert fast(plain, cjk, hyphens) == slow(plain, cjk, hyphens), (plain, cjk, hyphens)
                checked += 1
    assert checked == 4 * sum(len(ALPHABET) ** n for n in range(1, 4))


@settings(max_examples=FUZZ_EXAMPLES * 5, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40), st.booleans(), st.booleans())
def test_any_ascii_text_breaks_as_may_break_says(plain: str, cjk: bool, hyphens: bool) -> None:
    assert fast(plain, cjk, hyphens) == slow(plain, cjk, hyphens)


def test_a_chinese_text_still_asks_may_break() -> None:
    plain = "义务教育巩固率（约束性） research-and-training 56人"
    assert fast(plain, True, True) == slow(plain, True, True)
    assert 5 in fast(plain, True, True)  # 义务教育巩 / 固: between two Chinese characters


@settings(max_examples=FUZZ_EXAMPLES * 5, deadline=None)
@given(
    st.text(alphabet="规划期已过去的时间比例达标 ，；。：、（）“”/=-.0123456789abcXY", max_size=120),
    st.integers(min_value=4, max_value=60),
)
def test_prose_keeps_every_character_and_fits_its_width(plain: str, width: int) -> None:
    """A line of prose (fit.prose) in lines no wider than the width (but for a wide character on a line of one
    column), none ending in a space, and nothing but spaces lost or added."""
    from rich.cells import cell_len

    lines = fit.prose(Text(plain), width).plain.split("\n")
    assert all(line == line.rstrip() for line in lines), lines
    assert all(cell_len(line) <= max(width, 2) for line in lines), lines
    assert "".join(lines).replace(" ", "") == plain.rstrip().replace(" ", "")
