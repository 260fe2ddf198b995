"""Bytes of an actual-year file → text: bounded reading and whole-file decoding, nothing guessed from a sample
(docs/rules.md#2-actual-year-files)."""

from __future__ import annotations

from pathlib import Path

from planchk.bounded import read_bounded
from planchk.diagnostics import Diagnostic, InputError, bad_byte, problem
from planchk.encodings import file_encoding
from planchk.messages import os_reason, say

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
MAGIC = (
    (b"%PDF-", "term.a_pdf"),
    (b"PK\x03\x04", "term.a_zip"),
    (b"\xd0\xcf\x11\xe0", "term.an_ole"),
    (b"\x89PNG", "term.a_png"),
    (b"\xff\xd8\xff", "term.a_jpeg"),
    (b"{\\rtf", "term.an_rtf"),
)
# A yearly submission is a few hundred rows (tens of KB). Anything above this is refused before it is
# read in full, which bounds memory and time for any input.
MAX_CSV_BYTES = 10 * 1024 * 1024


def read_limited(path: Path, name: str, limit: int = MAX_CSV_BYTES) -> bytes:
    """The file's bytes, refusing (without reading it all) anything larger than `limit`."""
    try:
        raw = read_bounded(path, limit)
    except OSError as exc:
        raise InputError([problem(name, "input.cannot_read", reason=os_reason(exc))]) from None
    if raw is None:
        raise InputError([problem(name, "input.too_large", mb=limit // (1024 * 1024))])
    return raw


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode the whole file, or fail: nothing is guessed from a sample."""
    if encoding:
        if file_encoding(encoding) is None:
            raise InputError(
                [problem(name, "input.unknown_encoding", column="--encoding", value=encoding, encoding=encoding)]
            )
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            line, at = bad_byte(raw, exc.start, encoding)
            raise InputError([problem(name, "input.not_in_encoding", line=line, encoding=encoding, at=at)]) from None
    for bom, codec in BOMS:
        # The byte-order mark says what the file is: read it as such (Excel's "Unicode text" is UTF-16).
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError([_bad_bom(name, raw, len(bom), exc.start, codec)]) from None
    for magic, kind in MAGIC:
        if raw.startswith(magic):
            raise InputError([problem(name, "input.binary", kind=say(kind))])
    if b"\x00" in raw:
        raise InputError([problem(name, "input.nul_bytes")])
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError([_bad_bom(name, raw, 3, exc.start, "UTF-8")]) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        not_utf8 = exc.start
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError([_neither(name, raw, not_utf8, exc.start)]) from None


def _neither(name: str, raw: bytes, not_utf8: int, not_gb18030: int) -> Diagnostic:
    """Neither UTF-8 nor GB18030 reads the file: the byte to fix is where the one that read further stopped, the
    other's place said after it. A GB18030 export with one stray byte stops being UTF-8 at its first Chinese
    character (a title line: line 1), and a UTF-8 file with one stops being GB18030 near its first Chinese
    character; neither is the byte to fix. On a tie, GB18030 (Excel's choice in Chinese locales) is named first."""
    first, other = ("GB18030", not_gb18030), ("UTF-8", not_utf8)
    if not_utf8 > not_gb18030:
        first, other = other, first
    line, at = bad_byte(raw, first[1], first[0].lower())
    if other[1] == first[1]:
        also = say("term.fails_at_same_byte", encoding=other[0])
    else:
        also = say("term.fails_before", encoding=other[0], at=bad_byte(raw, other[1], other[0].lower())[1])
    return problem(name, "input.neither_utf8_nor_gb18030", line=line, at=at, encoding=first[0], also=also)


def _bad_bom(name: str, raw: bytes, bom: int, start: int, codec: str) -> Diagnostic:
    line, at = bad_byte(raw[bom:], start, codec, skipped=bom)
    return problem(name, "input.bad_bom", line=line, encoding=codec, at=at)
