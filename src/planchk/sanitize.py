"""Text from input files is shown, never obeyed: control characters and bidi overrides made visible."""

from __future__ import annotations

import os
import re

# Lone surrogates: what Python makes of bytes that are not valid UTF-8 in a file name or an argument
# (os.fsdecode's surrogateescape). They cannot be written as UTF-8, so they are shown as U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")
# A line break as any system writes one: Excel's Alt+Enter (\n), a CSV saved on Windows (\r\n), old Macs (\r).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 controls but tab and newline, DEL, C1 controls, and the Unicode bidi embedding/override/isolate marks
# (which can make a terminal or a web page show text in a different order than it is).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control or direction-changing character written as an escape (and any lone
    surrogate as U+FFFD)."""
    return _UNSAFE.sub(_escape, _SURROGATE.sub("\ufffd", text))


def shown_path(path: str | os.PathLike[str]) -> str:
    """The one way a path becomes text to show: bytes of a file name that are not valid UTF-8 (a GBK
    name from a Windows zip) become U+FFFD, so every format can write it."""
    return _SURROGATE.sub("\ufffd", os.fsdecode(path))


def lines(text: str) -> list[str]:
    """A text written on several lines (a note typed with Alt+Enter in Excel, a quoted CSV field over several
    lines), line by line, each `one_line`: a line break is any of \\n, \\r\\n, \\r."""
    return [one_line(line) for line in _LINE_BREAK.split(text)]


def multi_line(text: str) -> str:
    """`visible`, its line breaks kept as newlines (\\r\\n and \\r written \\n): for a text that may hold
    several lines, as it was written."""
    return "\n".join(visible(line) for line in _LINE_BREAK.split(text))


def one_line(text: str) -> str:
    """`visible`, and newlines and tabs too: for single-line places (annotations, table cells)."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")
