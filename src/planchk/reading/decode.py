"""Bytes of an actual-year file → text: bounded reading and whole-file decoding, nothing guessed from a sample
(docs/rules.md#2-actual-year-files)."""

from __future__ import annotations

from pathlib import Path

from planchk.diagnostics import InputError, problem

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (an .xls workbook?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"{\\rtf", "an RTF document"),
)
# A yearly submission is a few hundred rows (tens of KB). Anything above this is refused before it is
# read in full, which bounds memory and time for any input.
MAX_CSV_BYTES = 10 * 1024 * 1024


def read_limited(path: Path, name: str, limit: int = MAX_CSV_BYTES) -> bytes:
    """The file's bytes, refusing (without reading it all) anything larger than `limit`."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError([problem(name, f"cannot read file: {exc.strerror or exc}")]) from None
    if len(raw) > limit:
        raise InputError(
            [
                problem(
                    name,
                    f"file is larger than {limit // (1024 * 1024)} MB: planchk refuses it "
                    "(a yearly submission is a few hundred rows); is this the right file?",
                )
            ]
        )
    return raw


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode the whole file, or fail: nothing is guessed from a sample."""
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise InputError(
                [problem(name, f"unknown encoding '{encoding}'", column="--encoding", value=encoding)]
            ) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                [problem(name, f"file is not valid {encoding}: byte {exc.start} ({raw[exc.start : exc.start + 1]!r})")]
            ) from None
    for bom, codec in BOMS:
        # The byte-order mark says what the file is: read it as such (Excel's "Unicode text" is UTF-16).
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(
                    [
                        problem(
                            name,
                            f"file starts with a {codec} byte-order mark but is not valid "
                            f"{codec} (byte {exc.start + len(bom)})",
                        )
                    ]
                ) from None
    for magic, kind in MAGIC:
        if raw.startswith(magic):
            raise InputError(
                [problem(name, f"this is {kind}, not a CSV text file: export or save it as CSV (UTF-8 or GB18030)")]
            )
    if b"\x00" in raw:
        raise InputError(
            [
                problem(
                    name,
                    "file contains NUL bytes: it is not a text CSV "
                    "(a binary file, or UTF-16/32 without a byte-order mark)",
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(
                [problem(name, f"file starts with a UTF-8 BOM but is not valid UTF-8 (byte {exc.start + 3})")]
            ) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                problem(
                    name,
                    f"file is neither UTF-8 nor GB18030 (byte {exc.start}); pass --encoding if you know what it is",
                )
            ]
        ) from None
