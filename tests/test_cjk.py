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


def test_a_file_name_with_chinese_in_it_is_not_broken(cli, monkeypatch) -> None:
    """江北区-2023.csv and plans/<区县>/targets.yaml in a help text: a line broke between 区 and -2023.csv, and the
    next line read like an option; no line breaks beside the marks that hold a file name together (cjk.PATH_MARKS).
    Between two of its Chinese characters it still may, as anywhere in Chinese."""
    from planchk.cjk import may_break

    name = "江北区-2023.csv"
    assert not any(may_break(name, at) for at in range(3, len(name)))  # not at 区|-, nor in the Latin part
    path = "plans/‹区县›/targets.yaml"
    marks = [at for at in range(1, len(path)) if path[at - 1] in "/‹›" or path[at] in "/‹›"]
    assert marks and not any(may_break(path, at) for at in marks)
    assert may_break("区县 江北区", 3) and may_break("规划路径", 2)  # Chinese still breaks between its characters
    monkeypatch.setenv("COLUMNS", "60")
    for lang in ("en", "zh"):
        lines = cli("trend", "--help", "--lang", lang).stdout.splitlines()
        assert not [line for line in lines if line.strip().startswith(("-2023", ">/", "›/"))], lang
