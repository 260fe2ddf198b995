"""Fitting every terminal table to the terminal's width: the indicator, programme and per-item tables of
`evaluate`, the trend tables and `plan show`.

Every cell is broken into lines here, not by Rich, so that the breaks follow the rules of both languages
(planchk/cjk.py, shared with Chinese `--help`): English breaks between words (and after a hyphen between
letters); Chinese between characters, but a line never starts with closing punctuation (`)`, `、`, `”` …) nor
ends with an opening one (`(`, `“` …), and a number keeps the character after it (`56人`, `2025年`). Here, too,
a bracketed phrase without spaces stays together when it fits on a line, a last line of one character takes
one more, and the continuation lines of a bulleted entry or an indented row (其中：…) hang under its text (a
bullet never stands alone) unless that would cut a word the column holds. A run of Latin letters and digits
(a number, an id, a word) is never broken while its column can hold it, nor is glued text (`glue`: a verdict,
a target), which ends its line when the cell takes more than one.

A table is `Column`s: a column that does not wrap is as wide as its widest cell, so its numbers, verdicts and
ids are never cut; the wrapping columns share the rest, each at least its `least`. `choose` folds columns
away, least important first, until that holds. Widths are display columns (a Chinese character is two),
measured as Rich measures them (`cell_len`), since Rich draws the table.

The lines printed outside the tables (a title, the legend, notes, the summary) are broken here too (`prose`,
`put`), by the same rules and never by Rich: see "lines of prose" below.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from rich.box import HEAVY_HEAD
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from planchk.cjk import (
    CLAUSE_ENDS,
    CLOSING,
    OPENING,
    OPERATOR,
    PAIRS,
    SPACES,
    clause_end,
    formulas,
    labelled,
    may_break,
)

GLUE = Style(meta={"planchk.glue": True})  # marks a phrase no line breaks inside (no visible effect)
FORCED_MIN = 6  # the narrowest a wrapping column goes when nothing else fits
PREFIX = re.compile(r"(?: +· | +)?")  # an indent, and the bullet of an entry: the continuation lines hang under it


def glue(text: Text | str) -> Text:
    """The text as one piece: no line breaks inside it (a verdict, a target, a sparkline)."""
    glued = Text(text) if isinstance(text, str) else text.copy()
    glued.stylize(GLUE)
    return glued


def _may_break(plain: str, at: int, cjk: bool, hyphens: bool) -> bool:
    """Whether a line may end before `plain[at]`: by the rules of both languages (planchk/cjk.py; after a
    hyphen between letters only with `hyphens`), or, without `cjk` (a header), at spaces only."""
    if cjk:
        return may_break(plain, at, hyphen=hyphens)
    return plain[at - 1] in SPACES and plain[at] not in SPACES


def _groups(plain: str) -> list[tuple[int, int]]:
    """The bracketed phrases: (index of the opening bracket, index after the closing one)."""
    found, stack = [], []
    for index, char in enumerate(plain):
        if char in PAIRS:
            stack.append((char, index))
        elif stack and char == PAIRS[stack[-1][0]]:
            found.append((stack.pop()[1], index + 1))
    return found


def pieces(text: Text, room: int | None = None, cjk: bool = True, hyphens: bool = True) -> list[tuple[int, int]]:
    """One line of text cut where a line may break: (start, end) pieces, each with the spaces that follow it.
    Nothing breaks inside glued text; with `room`, nor inside a bracketed phrase without spaces no wider than
    it (爱生活(劳动), 音乐附中(长江音乐学院附中))."""
    plain = text.plain
    inside: set[int] = set()
    for span in text.spans:
        if span.style == GLUE:
            inside.update(range(span.start + 1, span.end))
    if room is not None:
        for start, end in _groups(plain):  # a phrase of words in brackets wraps like any other words
            if cell_len(plain[start:end]) <= room and not any(c in SPACES for c in plain[start:end]):
                inside.update(range(start + 1, end))
    if plain.isascii():  # no Chinese: the rules come down to these (most English cells and every id and number)
        rules = _ASCII_BREAKS if cjk and hyphens else _ASCII_SPACES
        breaks: Iterable[int] = (m.start() for m in rules.finditer(plain))
    else:
        breaks = (i for i in range(1, len(plain)) if _may_break(plain, i, cjk, hyphens))
    starts = [0, *(i for i in breaks if i not in inside)]
    return list(zip(starts, [*starts[1:], len(plain)], strict=True))


# planchk/cjk.py's may_break for text of ASCII characters alone (none is wide, none is a full-width space): a line
# may end after a space before a non-space, and, with hyphens, after a hyphen between letters (tests/test_cjk.py
# holds the two to the same answers).
_ASCII_SPACES = re.compile(r"(?<= )(?=[^ ])")
_ASCII_BREAKS = re.compile(r"(?<= )(?=[^ ])|(?<=[A-Za-z]-)(?=[A-Za-z])")


def widest_piece(text: Text | str, cjk: bool = True, hyphens: bool = True) -> int:
    """The narrowest width the text wraps to without cutting a piece (a number, an id, a word, a verdict)."""
    lines = (Text(text) if isinstance(text, str) else text).split("\n")
    return max(
        (cell_len(line.plain[s:e].rstrip(SPACES)) for line in lines for s, e in pieces(line, 0, cjk, hyphens)),
        default=0,
    )


def _trimmed(plain: str, start: int, stop: int) -> int:
    """`stop` moved back over the spaces before it, not past `start`."""
    while stop > start and plain[stop - 1] in SPACES:
        stop -= 1
    return stop


def natural(text: Text | str) -> int:
    plain = text if isinstance(text, str) else text.plain
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def _fold(plain: str, start: int, end: int, first: int, room: int) -> list[int]:
    """Where a piece wider than its line (`first` columns, then `room`) is cut: after a '.' (an id) when that
    leaves the line at least half full, else at the character that would overflow."""
    if cell_len(plain[start:end]) <= first:  # the usual case: it fits, and is not walked character by character
        return []
    cuts: list[int] = []
    width, last_dot, line_start = 0, None, start
    for index in range(start, end):
        width += cell_len(plain[index])
        limit = room if cuts else first
        if width > limit and index > line_start:
            cut = last_dot if last_dot is not None and cell_len(plain[line_start:last_dot]) * 2 >= limit else index
            cuts.append(cut)
            line_start, last_dot = cut, None
            width = cell_len(plain[cut : index + 1])
        if plain[index] == ".":
            last_dot = index + 1
    return cuts


def wrap(text: Text, width: int, cjk: bool = True, hyphens: bool = True) -> Text:
    """The text broken into lines of at most `width` display columns (see the module's notes); styles kept."""
    if width <= 0:
        return text
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        lines.extend(_wrap_line(paragraph, width, cjk, hyphens))
    return Text("\n").join(lines)


def _wrap_line(text: Text, width: int, cjk: bool, hyphens: bool) -> list[Text]:
    plain = text.plain
    if cell_len(plain) <= width:
        return [text]
    prefix = PREFIX.match(plain)
    hang = cell_len(prefix.group()) if prefix and cell_len(prefix.group()) * 2 < width else 0
    spans = _line_pieces(text, prefix, width - hang, cjk, hyphens)
    if hang and any(width - hang < cell_len(plain[s:e].rstrip(SPACES)) <= width for s, e in spans[1:]):
        hang = 0  # a word the column holds but the room under the indent does not is not cut for the indent
        spans = _line_pieces(text, prefix, width, cjk, hyphens)
    room = width - hang
    glued_ends = [span.end for span in text.spans if span.style == GLUE]
    after_glue = {min((s for s, _ in spans if s >= end), default=-1) for end in glued_ends}
    bounds: list[tuple[int, int]] = []  # each line's (start, end), trailing spaces dropped
    line_start, line_end = spans[0][0], spans[0][0]
    for start, end in spans:
        trimmed = _trimmed(plain, start, end)
        limit = width if not bounds else room
        if line_end > line_start and (start in after_glue or cell_len(plain[line_start:trimmed]) > limit):
            bounds.append((line_start, line_end))
            line_start = start
            limit = room
        for cut in _fold(plain, line_start, trimmed, limit, room):
            bounds.append((line_start, cut))
            line_start = cut
            limit = room
        line_end = trimmed
    bounds.append((line_start, line_end))
    _no_orphan(plain, bounds, {start for start, _ in spans}, room)
    lines = [text[start:end] for start, end in bounds]
    return [lines[0], *(Text(" " * hang) + line for line in lines[1:])]


def _line_pieces(
    text: Text, prefix: re.Match[str] | None, room: int | None, cjk: bool, hyphens: bool
) -> list[tuple[int, int]]:
    """The pieces of a line, its indent and bullet joined to the first word."""
    spans = pieces(text, room, cjk, hyphens)
    if prefix and prefix.end():
        first = 0
        while first + 1 < len(spans) and spans[first + 1][0] <= prefix.end():
            first += 1
        spans = [(0, spans[first][1]), *spans[first + 1 :]]
    return spans


def _no_orphan(plain: str, bounds: list[tuple[int, int]], starts: set[int], room: int, marks: str = "") -> None:
    """A last line of one Chinese character (民办学校联合党支 / 部), and of `marks` after it (方 / 法）in prose),
    takes the last piece of the line before."""
    if len(bounds) < 2 or cell_len(plain[bounds[-1][0] : bounds[-1][1]].rstrip(marks)) > 2:
        return
    (before_start, before_end), (_, end) = bounds[-2], bounds[-1]
    moved = max((s for s in starts if before_start < s < before_end), default=None)
    if moved is None or cell_len(plain[moved:end]) > room:
        return
    kept = _trimmed(plain, before_start, moved)
    if cell_len(plain[before_start:kept]) >= cell_len(plain[moved:end]):
        bounds[-2:] = [(before_start, kept), (moved, end)]


# ── lines of prose ────────────────────────────────────────────────────────────────────────────────────
# The lines a terminal view prints outside its tables (a title, a file's line, a legend, notes, the summary) are
# broken here too, not by Rich, which breaks Chinese anywhere (规划值（ / 2022, 2 / 022) and ends a line with the
# space it broke at.
BULLET = re.compile(r" *(?:[·*] )?")  # an indent, and the bullet of a list: a paragraph's later lines hang under it
LIST_ITEM = re.compile(r"[^\s，；,;][^，；,;]*[，；,;]?")  # an item of a list of counts, with the comma after it


def counted(text: Text | str) -> Text:
    """A list of counts (合计：达标 259，未达标 9，…; 259 pass, 9 fail, …) whose lines break only between its items,
    after ，；, or ;: a count never leaves its label."""
    out = Text(text) if isinstance(text, str) else text.copy()
    for match in LIST_ITEM.finditer(out.plain):
        out.stylize(GLUE, *match.span())
    return out


def put(console: Console, text: Text | str, hang: int | None = None) -> None:
    """Print a line of prose broken into lines of the console's width (`prose`)."""
    console.print(prose(Text(text) if isinstance(text, str) else text, console.width, hang))


def prose(text: Text, width: int | None, hang: int | None = None) -> Text:
    """Text outside a table broken into lines of at most `width` columns by the rules of both languages (planchk/
    cjk.py), styles kept: no line ends in a space; a formula (A / B) and glued text stay on one line when a
    line holds them; a line of Chinese ends after a clause's punctuation (，；。) when that leaves it two-thirds
    full; a paragraph's later lines hang `hang` columns in (by default under its indent and bullet, `BULLET`)."""
    if width is None or width <= 0:
        return text
    width = max(width, 2)  # a Chinese character takes two columns: a line of one could hold nothing
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        lines.extend(_prose_line(paragraph, width, hang))
    return Text("\n").join(lines)


def _kept(plain: str) -> list[tuple[int, int]]:
    """What a line of prose keeps whole when a line holds it, with the punctuation no line may part from it: a
    bracketed phrase of no spaces nor clauses (（2022、2025）), a Chinese label with its number (未到期 35), and a
    formula, else each of its operands with the operator after it (A / | B): a formula wider than a line breaks
    after an operator (a line never starts with `/`)."""
    kept = [(a, b) for a, b in _groups(plain) if not any(c in SPACES or c in CLAUSE_ENDS for c in plain[a:b])]
    kept += labelled(plain)
    for start, stop in formulas(plain):
        kept.append((start, stop))
        cuts = [start, *(m.end() for m in OPERATOR.finditer(plain, start, stop)), stop]
        kept += [(a, _trimmed(plain, a, b)) for a, b in zip(cuts, cuts[1:], strict=False)]
    out = []
    for start, stop in kept:
        while start > 0 and plain[start - 1] in OPENING:
            start -= 1
        while stop < len(plain) and plain[stop] in CLOSING:
            stop += 1
        out.append((start, stop))
    return out


def _prose_line(text: Text, width: int, hang: int | None) -> list[Text]:
    plain = text.plain
    end = len(plain.rstrip(SPACES))
    if cell_len(plain[:end]) <= width:
        return [text[:end]]
    prefix = BULLET.match(plain)
    if hang is None:
        hang = cell_len(prefix.group()) if prefix else 0
    hang = hang if hang * 2 < width else 0
    starts = _prose_starts(text, prefix, width - hang)
    words = [cell_len(plain[a:b].rstrip(SPACES)) for a, b in zip(starts, [*starts[1:], end], strict=False)]
    if hang and any(width - hang < word <= width for word in words):
        hang = 0  # a word the line holds but the room under the indent does not is not cut for the indent
        starts = _prose_starts(text, prefix, width)
    room = width - hang
    bounds: list[tuple[int, int]] = []
    line_start, limit = 0, width
    while _wider(plain, line_start, end, limit):
        fits, good = [], []  # where the line may end within its width; of those, after a clause, two-thirds full
        for start in starts[bisect_right(starts, line_start) :]:
            used = cell_len(plain[line_start:start].rstrip(SPACES))
            if used > limit:
                break
            fits.append(start)
            if clause_end(plain, start) and used * 3 >= limit * 2:
                good.append(start)
        if fits:
            cut = (good or fits)[-1]
        else:  # a piece wider than the line: cut where it overflows (or after a '.'), never before a closing mark
            piece_end = next((s for s in starts if s > line_start), end)
            cut = _fold(plain, line_start, _trimmed(plain, line_start, piece_end), limit, room)[0]
            while cut > line_start + 1 and (plain[cut] in CLOSING or plain[cut - 1] in OPENING):
                cut -= 1
        bounds.append((line_start, _trimmed(plain, line_start, cut)))
        line_start, limit = cut, room
    bounds.append((line_start, end))
    _no_orphan(plain, bounds, set(starts), room, "".join(sorted(CLOSING)))
    # cut once at every bound (Rich's text[start:stop] copies the whole text each time): the lines are the odd pieces
    pieces = text.divide([offset for bound in bounds for offset in bound])
    lines = [pieces[2 * i + 1] for i in range(len(bounds))]
    return [lines[0], *(Text(" " * hang) + line for line in lines[1:])]


def _wider(plain: str, start: int, end: int, limit: int) -> bool:
    """Whether plain[start:end] is wider than `limit` columns, measuring no more of it than that takes (a note may
    be 100 000 characters long: measuring what is left on every line would take time in its square)."""
    head = plain[start : min(end, start + limit + 1)]
    if cell_len(head) > limit:
        return True
    return end - start > len(head) and cell_len(plain[start:end]) > limit  # zero-width characters: measure all


def _prose_starts(text: Text, prefix: re.Match[str] | None, room: int) -> list[int]:
    """Where the lines of a line of prose may start (after its first), nothing a line of `room` columns holds
    (`_kept`) broken, nor glued text that fits it (wider glued text breaks as any other)."""
    plain = text.plain
    glued = text.copy()
    glued.spans = [s for s in text.spans if s.style != GLUE or cell_len(plain[s.start : s.end]) <= room]
    for start, stop in _kept(plain):
        if cell_len(plain[start:stop]) <= room:
            glued.stylize(GLUE, start, stop)
    return [s for s, _ in _line_pieces(glued, prefix, None, True, False)][1:]


# ── columns and tables ────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Column:
    """A column: its header, cells and justification. A column that does not wrap is as wide as its widest cell
    (its header may take two lines, broken between words). A wrapping one is at least `least` wide (or its
    widest unbreakable piece, or its natural width if narrower)."""

    header: str
    cells: list[Text]
    justify: JustifyMethod = "left"
    wraps: bool = False
    least: int = 0
    hyphens: bool = True  # False: a hyphenated word stays whole (an indicator's name: upper-secondary)

    # Measured once per column (a column is not changed once built; `widths` asks again for each fold tried).
    @cached_property
    def _header_least(self) -> int:
        return widest_piece(self.header, cjk=False)

    @cached_property
    def _widest_cell(self) -> int:
        return max((natural(c) for c in self.cells), default=0)

    @cached_property
    def _widest_piece(self) -> int:
        return max((widest_piece(c, hyphens=self.hyphens) for c in self.cells), default=0)

    def header_least(self) -> int:
        return self._header_least

    def natural(self, full_header: bool = False) -> int:
        """Its widest cell, and its header whole or (short of room) broken between words."""
        return max(natural(self.header) if full_header else self._header_least, self._widest_cell)

    def narrowest(self, give: int = 0) -> int:
        """Its least width. When nothing else fits (`give` 1), its widest unbreakable piece; as a last resort
        (`give` 2), FORCED_MIN columns, its longest words then cut (never glued text, nor a column that does not
        wrap)."""
        if not self.wraps:
            return self.natural()
        if give == 2:  # a verdict or a target is still never cut
            glued = max(
                (cell_len(c.plain[g.start : g.end]) for c in self.cells for g in c.spans if g.style == GLUE), default=0
            )
            return max(glued, min(self.natural(), FORCED_MIN))
        return max(self._header_least, self._widest_piece, 0 if give else min(self.least, self.natural()))


def borders(columns: int, edge: bool) -> int:
    """Display columns a table's lines and padding take: a space each side of a cell, a line between cells."""
    return 3 * columns + (1 if edge else -1)


def widths(columns: Sequence[Column], width: int | None, edge: bool, give: int = 0) -> list[int] | None:
    """Each column's width: every column its natural width with its header on one line if that fits; else the
    columns that do not wrap their natural width (headers broken between words) and the wrapping ones share the
    rest (each its narrowest, then the narrowest of them widened first). None if that does not fit."""
    wide = [c.natural(full_header=True) for c in columns]
    if width is None:
        return wide
    room = width - borders(len(columns), edge)
    if sum(wide) <= room:
        return wide
    naturals = [c.natural() for c in columns]
    if sum(naturals) <= room:  # some headers on two lines: those that can, on one
        spare = room - sum(naturals)
        for i, full in enumerate(wide):
            if full - naturals[i] <= spare:
                spare -= full - naturals[i]
                naturals[i] = full
        return naturals
    least = [c.narrowest(give) for c in columns]
    if sum(least) > room:
        return None
    given, spare = least[:], room - sum(least)
    while spare > 0:  # raise the narrowest columns first, so the short ones end whole and the long ones wrap
        growing = [i for i, g in enumerate(given) if g < naturals[i]]
        low = min(given[i] for i in growing)
        lowest = [i for i in growing if given[i] == low]
        level = min([given[i] for i in growing if given[i] > low] + [naturals[i] for i in lowest])
        step = min(level - low, spare // len(lowest))
        for i in lowest[: spare if step == 0 else len(lowest)]:
            given[i] += max(step, 1)
            spare -= max(step, 1)
    return given


@dataclass(frozen=True, slots=True)
class Layout:
    columns: list[Column]
    widths: list[int]
    edge: bool
    folded: frozenset[str]


def choose(build: Callable[[frozenset[str]], list[Column]], folds: Sequence[str], width: int | None) -> Layout:
    """The least folded table that fits `width`: folds are taken in order (least important first; "edge" is
    the outer border). If even every fold does not fit, the wrapping columns give up their `least`, then their
    longest words; if the columns that do not wrap are wider than the terminal alone, so is the table."""
    folded: frozenset[str] = frozenset()
    columns = build(folded)
    for fold in (None, *folds):
        if fold is not None:
            folded |= {fold}
            columns = build(folded)
        fitted = widths(columns, width, "edge" not in folded)
        if fitted is not None:
            return Layout(columns, fitted, "edge" not in folded, folded)
    edge = "edge" not in folded
    fitted = widths(columns, width, edge, give=1) or widths(columns, width, edge, give=2)
    return Layout(columns, fitted or [c.narrowest(give=2) for c in columns], edge, folded)


def fixed(columns: list[Column], width: int | None) -> Layout | None:
    """These columns, with the outer border or else without, if they fit the width (none folded away)."""
    for edge in (True, False):
        fitted = widths(columns, width, edge)
        if fitted is not None:
            return Layout(columns, fitted, edge, frozenset() if edge else frozenset({"edge"}))
    return None


def fitted_table(layout: Layout, title: Text | None = None, headings: dict[int, Text] | None = None) -> FittedTable:
    """The table of a layout, every cell already broken into lines of its column's width. `headings` are rows of
    their own (a section heading before the row of that index) in the first column."""
    headers = [wrap(Text(c.header), w, cjk=False) for c, w in zip(layout.columns, layout.widths, strict=True)]
    rows: list[list[Text]] = []
    sections: set[int] = set()  # the rows after which a line is drawn across the table
    headings = headings or {}
    count = len(layout.columns[0].cells) if layout.columns else 0
    for index in range(count):
        if index in headings:
            if rows:
                sections.add(len(rows) - 1)
            rows.append([wrap(headings[index], layout.widths[0])])
        cells = zip(layout.columns, layout.widths, strict=True)
        rows.append([wrap(c.cells[index], w, hyphens=c.hyphens) for c, w in cells])
    return FittedTable(layout, title, headers, rows, frozenset(sections))


@dataclass(frozen=True, slots=True)
class FittedTable:
    """A fitted table as Rich draws it (a `Table`: heavy header, a space each side of a cell). Its cells are
    already broken into lines no wider than their columns, so where the output has no colour and the table fits
    the console, the lines are put together here directly, character for character what Rich's `Table` draws
    (tests/test_fitted_table.py compares the two), without Rich measuring and wrapping every cell again (most
    of the time of drawing a table). In colour, or when a table is wider than the console, Rich draws it."""

    layout: Layout
    title: Text | None
    headers: list[Text]
    rows: list[list[Text]]  # a heading row holds only its first cell
    sections: frozenset[int]

    def rich_table(self) -> Table:
        out = Table(title=self.title, expand=False, show_edge=self.layout.edge)
        for column, width, header in zip(self.layout.columns, self.layout.widths, self.headers, strict=True):
            out.add_column(header, justify=column.justify, width=width, overflow="fold")
        for index, row in enumerate(self.rows):
            out.add_row(*row, end_section=index in self.sections)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment | Table]:
        widths = [w + 2 for w in self.layout.widths]
        edge = self.layout.edge
        table_width = sum(widths) + len(widths) - 1 + (2 if edge else 0)
        lines = self._lines() if console.color_system is None and table_width <= options.max_width else None
        if lines is None:
            yield self.rich_table()
            return
        if self.title:
            title_options = options.update(width=table_width, highlight=False, height=None).update(justify="center")
            yield from console.render(self.title, title_options)
        box = HEAVY_HEAD.substitute(options, safe=console.safe_box)
        out: list[str] = [box.get_top(widths)] if edge else []
        last = len(lines) - 1
        for index, row in enumerate(lines):
            left, right, divider = (
                (box.head_left, box.head_right, box.head_vertical)
                if index == 0
                else (box.foot_left, box.foot_right, box.foot_vertical)
                if index == last
                else (box.mid_left, box.mid_right, box.mid_vertical)
            )
            out += [(left if edge else "") + divider.join(parts) + (right if edge else "") for parts in row]
            if index == 0:
                out.append(box.get_row(widths, "head", edge=edge))
            elif index - 1 in self.sections and index != last:
                out.append(box.get_row(widths, "row", edge=edge))
        if edge:
            out.append(box.get_bottom(widths))
        yield Segment("\n".join(out) + "\n")

    def _lines(self) -> list[list[list[str]]] | None:
        """Each row (the header first) as its lines, each line as its cells padded to their columns; None for a
        cell Rich would lay out otherwise (a tab, a line wider than its column, a justification of its own)."""
        widths = self.layout.widths
        justify = [c.justify for c in self.layout.columns]
        out: list[list[list[str]]] = []
        for index, row in enumerate([self.headers, *self.rows]):
            cells: list[list[str]] = []
            for column, width in enumerate(widths):
                text = row[column] if column < len(row) else None
                cell = _cell_lines(text, width, justify[column])
                if cell is None:
                    return None
                cells.append(cell)
            height = max(len(c) for c in cells)
            blank = [" " * (w + 2) for w in widths]
            for column, cell in enumerate(cells):  # the header at the bottom of its row, the others at the top
                padding = [blank[column]] * (height - len(cell))
                cells[column] = padding + cell if index == 0 else cell + padding
            out.append([list(parts) for parts in zip(*cells, strict=True)])
        return out


def _cell_lines(text: Text | None, width: int, justify: JustifyMethod) -> list[str] | None:
    """A cell's lines as Rich lays out text it need not wrap: each padded to the column (a right-justified one
    stripped of its trailing spaces first), with a space either side."""
    if text is None:
        return [" " * (width + 2)]
    plain = text.plain
    if "\t" in plain or text.justify is not None or justify not in ("left", "right"):
        return None
    out = []
    for line in plain.split("\n"):
        if justify == "right":
            line = line.rstrip()
        length = cell_len(line)
        if length > width:
            return None
        out.append(" " + (line + " " * (width - length) if justify == "left" else " " * (width - length) + line) + " ")
    return out
