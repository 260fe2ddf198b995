"""Chinese `--help` laid out for the terminal: click's plain help, with lines broken where Chinese allows.

Typer's Rich help breaks a line only at a space and cuts a longer run of text with "…"; Chinese has no spaces,
so Rich would cut most Chinese option help short. Chinese help is therefore click's plain help (the layout
Typer uses with TYPER_USE_RICH=0) written by this formatter: widths in terminal cells (a Chinese character
takes two), lines broken by the rules the terminal tables use (planchk/cjk.py): between any two Chinese
characters but not before closing punctuation (，。）) or after opening punctuation (（“), nor between a number
and its measure word (2025年), and a Latin word (an option, a file name) is never split unless it is longer
than a line. Imported only when Chinese help is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import typer

from planchk.cjk import cells as _cells
from planchk.cjk import may_break


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
        used += _cells(ch)
        if used > width:
            return text[: max(i, 1)]
    return text


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """One paragraph in lines of at most `width` cells; the first line starts with `first`, the others with
    `rest`."""
    lines: list[str] = []
    line, used, empty = first, _cells(first), True
    for unit, spaced in _units(text):
        size = _cells(unit)
        gap = 1 if spaced and not empty else 0
        if not empty and used + gap + size > width:
            lines.append(line)
            line, used, empty, gap = rest, _cells(rest), True, 0
        while empty and used + size > width and len(unit) > 1:  # longer than a line: cut it
            head = _fit(unit, width - used)
            lines.append(line + head)
            unit = unit[len(head) :]
            size = _cells(unit)
            line, used = rest, _cells(rest)
        line += " " * gap + unit
        used += gap + size
        empty = False
    lines.append(line)
    return lines


class ChineseHelpFormatter(typer.Context.formatter_class):  # type: ignore[misc,valid-type]  # click's, via Typer
    """click's HelpFormatter with the wrapping above, its section headings (Options, Arguments, Commands) in
    `headings` and its `[required]` as `required`."""

    def __init__(self, headings: Mapping[str, str], required: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.headings = headings
        self.required = required

    def _paragraphs(self, text: str, width: int, indent: str) -> list[str]:
        """Paragraphs (blank-line separated) wrapped; one that starts with click's \\b keeps its lines."""
        lines: list[str] = []
        for paragraph in text.split("\n\n"):
            if lines:
                lines.append("")
            if paragraph.startswith("\b"):
                lines.extend(indent + line for line in paragraph[1:].strip("\n").splitlines())
            else:
                lines.extend(wrap(" ".join(paragraph.split()), width, indent, indent))
        return lines

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.headings.get(heading, heading + ':')}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        start = f"{prefix or '':>{self.current_indent}}{prog} "
        lines = wrap(args, self.width - self.current_indent, start, " " * min(_cells(start), 20))
        self.write("\n".join(lines) + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(self._paragraphs(text, self.width, indent)) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands, one a row: the name, then its help wrapped beside it (below a long name)."""
        rows = list(rows)
        first_col = min(max((_cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            if second.endswith("  [required]"):  # click's mark of a required argument or option
                second = second.removesuffix("  [required]") + self.required
            lines = self._paragraphs(second, max(self.width - first_col - 2, 10), "")
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")
