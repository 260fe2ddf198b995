"""Every kind of workbook planchk reads is named in the help, read with the same verdicts as the CSV of the same
figures (.xlsb), or, when it cannot be opened, named as what it is (an .xls with a password)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from conftest import DATA, ROOT, by_id, one_file
from planchk.formats import WORKBOOK_SUFFIXES

# data/2023.csv's rows, numbers as number cells, in an Excel binary workbook (sheet "2023"), written by
# pyxlsbwriter 0.1.0 (no Excel here). SheetJS 0.18.5 also writes .xlsb, but python-calamine reads only the first
# column of its sheets (and SheetJS only the first cell of this file's), so it is not used.
XLSB_2023 = ROOT / "tests" / "fixtures" / "workbooks" / "2023.xlsb"


def test_the_help_names_every_kind_of_file_read(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    english = cli("validate", "--help").stdout
    monkeypatch.setenv("PLANCHK_LANG", "zh")
    chinese = cli("evaluate", "--help").stdout
    for suffix in WORKBOOK_SUFFIXES:
        assert suffix in english and suffix in chinese, suffix
    assert "CSV" in english and "CSV" in chinese
    assert set(WORKBOOK_SUFFIXES) == {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}


def test_an_xlsb_is_read_with_the_csv_s_verdicts(cli) -> None:
    from_book, from_csv = (one_file(cli("evaluate", f, "-f", "json")) for f in (XLSB_2023, DATA / "2023.csv"))
    assert from_book["source"]["encoding"] == "xlsb" and from_book["year"] == from_csv["year"] == 2023
    verdicts = [{k: (r["status"], r["actual"]) for k, r in by_id(f).items()} for f in (from_book, from_csv)]
    assert verdicts[0] == verdicts[1] and len(verdicts[0]) > 300
    assert from_book["summary"] == from_csv["summary"]


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def encrypted_xls() -> bytes:
    """An Excel 97-2003 workbook saved with a password to open: an OLE compound file (one FAT sector, one
    directory sector, then the stream) whose Workbook stream begins with BOF, then FilePass (RC4), as Excel and
    WPS write it."""
    end, free, fat_sector, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    filepass = struct.pack("<HHH", 1, 1, 1) + bytes(range(16)) + bytes(32)
    stream = _record(0x0809, bof) + _record(0x002F, filepass) + _record(0x000A, b"")
    stream += b"\x00" * (4096 - len(stream))  # at the mini-stream cutoff: an ordinary stream of 8 sectors
    fat = [fat_sector, end, *(3 + n for n in range(len(stream) // 512 - 1)), end]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBBIII", len(encoded), kind, 1, none, none, child)
                + b"\x00" * 16 + struct.pack("<IQQIQ", 0, 0, 0, start, size))

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, none, 2, len(stream))
    directory += entry("", 0, none, 0, 0) * 2
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\x00" * 6 + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0) + struct.pack("<I", 0)
              + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + directory + stream


def test_an_xls_with_a_password_is_named_so(cli, tmp_path: Path) -> None:
    book = tmp_path / "2022.xls"
    book.write_bytes(encrypted_xls())
    english, chinese = cli("validate", book, "--lang", "en"), cli("evaluate", book, "--lang", "zh")
    assert english.exit_code == chinese.exit_code == 2
    assert "protected by a password" in english.stderr and "damaged" not in english.stderr, english.stderr
    assert "有密码保护" in chinese.stderr and "损坏" not in chinese.stderr, chinese.stderr
