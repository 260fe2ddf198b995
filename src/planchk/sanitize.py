"""Text from input files is shown, never obeyed: control characters and bidi overrides made visible."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the Unicode bidi embedding/override/isolate marks
# (which can make a terminal or a web page show text in a different order than it is).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control or direction-changing character written as an escape."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """`visible`, and newlines and tabs too: for single-line places (annotations, table cells)."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")
