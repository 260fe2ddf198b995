"""The files plans are published in → the plan's text, which the drafter reads and keeps as the draft's source.

- text (.txt, anything else that decodes): UTF-8 (with or without BOM), else GB18030;
- a Word document (.docx): paragraphs one per line, each table as a pipe table (`| 指标 | 2025年 | … |`,
  a cell's paragraphs joined by a space, merged cells kept in their columns), read with the standard
  library's ZIP and expat under the bounds `planchk` puts on every ZIP of XML (the .xlsx reader's:
  reading/workbook.py): at most MAX_UNPACKED bytes inflated in all, no member packed more tightly than
  MAX_RATIO, XML with a DOCTYPE or entities refused unparsed;
- a saved web page (.html, .htm): its text, one block per line, each <table> as a pipe table (rowspan and
  colspan keep their columns), with the standard library's html.parser;
- a PDF, a .doc or a .wps is refused with how to get text (a PDF's text is lines of positioned glyphs, its
  tables lost; the standard library cannot read it).

Every file is read through `bounded.read_bounded` (MAX_SOURCE_BYTES): /dev/zero or a huge file is refused, not
read whole.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.parsers import expat

from planchk.bounded import read_bounded
from planchk.diagnostics import UsageError, problem
from planchk.messages import os_reason

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a plan's .docx with its pictures is a few MB; its text far less
# The .xlsx reader's bounds (reading/workbook.py): what a ZIP of XML may inflate to, and how tightly a member may
# be packed (XML compresses 5-20×, a zip bomb a thousandfold).
MAX_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024
MAX_MEMBERS = 10_000
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Source:
    """A plan's text and the kind of file it came from (text, docx, html)."""

    text: str
    kind: str

    def kept_name(self, source: Path) -> str:
        """The name the text is kept under in the draft's source/: a text file's own, a document's NAME.txt."""
        return source.name if self.kind == "text" else f"{source.stem}.txt"


def read_source(source: Path) -> Source:
    """The plan's text from a text file, a .docx or a saved web page; anything else is refused with a reason."""
    name = str(source)
    try:
        if not stat.S_ISREG(os.stat(source).st_mode):  # a device, a FIFO or a folder is refused unread
            raise UsageError([problem(name, "usage.draft_not_a_file")])
        raw = read_bounded(source, MAX_SOURCE_BYTES)
    except OSError as exc:
        raise UsageError([problem(name, "usage.draft_cannot_read", reason=os_reason(exc))]) from None
    if raw is None:
        raise UsageError([problem(name, "usage.draft_too_large", mb=MAX_SOURCE_BYTES >> 20)])
    if raw.startswith(b"PK\x03\x04"):
        return Source(docx_text(raw, name), "docx")
    if raw.startswith(b"%PDF"):
        raise UsageError([problem(name, "usage.draft_pdf")])
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: Word 97-2003 (.doc), WPS (.wps)
        raise UsageError([problem(name, "usage.draft_old_word")])
    text = decode(raw, name)
    head = text[:2048].lstrip().lower()
    if source.suffix.lower() in (".html", ".htm") or head.startswith(("<!doctype html", "<html")):
        return Source(html_text(text), "html")
    return Source(text, "text")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030, as Chinese government files often are."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError([problem(name, "usage.draft_encoding")])


def pipe_row(cells: list[str]) -> str:
    """A table row as a line of the text: `| a | b |`; a `|` inside a cell becomes a full-width ｜."""
    return "| " + " | ".join(re.sub(r"\s+", " ", c).replace("|", "｜").strip() for c in cells) + " |"


# ── .docx ──────────────────────────────────────────────────────────────────────────────────────────
def docx_text(raw: bytes, name: str) -> str:
    """A Word document's body as text: paragraphs one per line, tables as pipe tables between blank lines."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise UsageError([problem(name, "usage.draft_docx_corrupt", detail=str(exc))]) from None
    if len(infos) > MAX_MEMBERS:
        raise UsageError([problem(name, "usage.draft_zip_bomb", member=f"{len(infos)} members", mb=MAX_UNPACKED >> 20)])
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UsageError([problem(name, "usage.draft_docx_corrupt", detail="encrypted")])
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNPACKED or (info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO):
            raise UsageError([problem(name, "usage.draft_zip_bomb", member=info.filename, mb=MAX_UNPACKED >> 20)])
    member = "word/document.xml"
    try:
        with archive.open(member) as handle:
            data = handle.read(MAX_UNPACKED + 1)
    except KeyError:
        raise UsageError([problem(name, "usage.draft_docx_corrupt", detail=f"no {member}")]) from None
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
        raise UsageError([problem(name, "usage.draft_docx_corrupt", detail=f"{member}: {exc}")]) from None
    if len(data) > MAX_UNPACKED:
        raise UsageError([problem(name, "usage.draft_zip_bomb", member=member, mb=MAX_UNPACKED >> 20)])
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise UsageError([problem(name, "usage.draft_xml_entities", member=member)])
    body = _DocxBody()
    parser = expat.ParserCreate(namespace_separator=" ")

    def no_doctype(*_: object) -> None:
        raise _Refused()

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.StartElementHandler = body.start
    parser.EndElementHandler = body.end
    parser.CharacterDataHandler = body.text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _Refused:
        raise UsageError([problem(name, "usage.draft_xml_entities", member=member)]) from None
    except expat.ExpatError as exc:
        raise UsageError([problem(name, "usage.draft_docx_corrupt", detail=f"{member}: {exc}")]) from None
    return "\n".join(body.lines) + "\n"


class _Refused(Exception):
    """A DOCTYPE or an entity declaration met while parsing: stop before anything is expanded."""


class _DocxBody:
    """expat handlers that collect a document's paragraphs and tables (w:p, w:tbl/w:tr/w:tc, w:t, w:tab, w:br)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.run: list[str] = []  # the text of the paragraph being read
        self.in_text = False
        self.tables: list[list[list[str]]] = []  # open tables (nested ones too): their rows
        self.cell: list[list[str]] = []  # open cells: their paragraphs
        self.span = 1
        self.merged = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        ns, _, local = tag.rpartition(" ")
        if ns != _W:
            return
        if local == "t":
            self.in_text = True
        elif local == "tab":
            self.run.append("\t" if not self.tables else " ")
        elif local in ("br", "cr"):
            self.run.append("\n" if not self.tables else " ")
        elif local == "tbl":
            self.tables.append([])
        elif local == "tr" and self.tables:
            self.tables[-1].append([])
        elif local == "tc":
            self.cell.append([])
            self.span, self.merged = 1, False
        elif local == "gridSpan":
            self.span = int(attrs.get(f"{_W} val", "1") or 1) if attrs.get(f"{_W} val", "1").isdigit() else 1
        elif local == "vMerge" and attrs.get(f"{_W} val", "continue") == "continue":
            self.merged = True  # the cell below a merged one: empty, keeping its column

    def end(self, tag: str) -> None:
        ns, _, local = tag.rpartition(" ")
        if ns != _W:
            return
        if local == "t":
            self.in_text = False
        elif local == "p":
            text = "".join(self.run)
            self.run = []
            if self.cell:
                self.cell[-1].append(text.strip())
            else:
                self.lines += text.split("\n")
        elif local == "tc" and self.cell:
            paragraphs = self.cell.pop()
            text = "" if self.merged else " ".join(p for p in paragraphs if p)
            if self.cell:  # a table inside a cell: its text joins the outer cell
                self.cell[-1].append(text)
            elif self.tables and self.tables[-1]:
                self.tables[-1][-1] += [text] + [""] * (min(self.span, 64) - 1)
        elif local == "tbl" and self.tables:
            rows = self.tables.pop()
            if self.cell:  # nested: already joined into its cell
                self.cell[-1].append(" ".join(c for r in rows for c in r if c))
                return
            self.lines.append("")
            self.lines += [pipe_row(r) for r in rows if any(c.strip() for c in r)]
            self.lines.append("")

    def text(self, data: str) -> None:
        if self.in_text:
            self.run.append(data)


# ── a saved web page ──────────────────────────────────────────────────────────────────────────────
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr", "title", "hr"}


class _Page(HTMLParser):
    """A web page's text: blocks one per line, <table> as pipe rows, <script>/<style> left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0
        self.tables: list[_HtmlTable] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript"):
            self.skip += 1
        elif tag == "table":
            self.tables.append(_HtmlTable())
        elif self.tables and tag == "tr":
            self.tables[-1].new_row()
        elif self.tables and tag in ("td", "th"):
            got = dict(attrs)
            self.tables[-1].new_cell(_span(got.get("rowspan")), _span(got.get("colspan")))
        elif self.tables and tag in _BLOCKS:
            self.tables[-1].add(" ")
        elif tag in _BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript"):
            self.skip = max(self.skip - 1, 0)
        elif tag == "table" and self.tables:
            rows = self.tables.pop().rows()
            if self.tables:  # nested: its text joins the outer cell
                self.tables[-1].add(" ".join(c for r in rows for c in r if c))
                return
            self.lines += ["", *(pipe_row(r) for r in rows if any(c.strip() for c in r)), "", ""]
        elif not self.tables and tag in _BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables:
            self.tables[-1].add(data)
        else:
            self.lines[-1] += re.sub(r"[ \t\r\n]+", " ", data)


def _span(value: str | None) -> int:
    return min(int(value), 64) if value and value.strip().isdigit() and int(value) > 0 else 1


class _HtmlTable:
    """Cells placed on a grid as rowspan and colspan say; a spanned place is an empty cell in its column."""

    def __init__(self) -> None:
        self.grid: list[dict[int, str]] = []
        self.taken: set[tuple[int, int]] = set()
        self.at: tuple[int, int] | None = None

    def new_row(self) -> None:
        self.grid.append({})
        self.at = None

    def new_cell(self, rowspan: int, colspan: int) -> None:
        if not self.grid:
            self.new_row()
        r = len(self.grid) - 1
        c = 0
        while (r, c) in self.taken or c in self.grid[r]:
            c += 1
        for dr in range(rowspan):
            for dc in range(colspan):
                self.taken.add((r + dr, c + dc))
        self.grid[r][c] = ""
        for dc in range(1, colspan):
            self.grid[r][c + dc] = ""
        self.at = (r, c)

    def add(self, data: str) -> None:
        if self.at is not None:
            r, c = self.at
            self.grid[r][c] += data

    def rows(self) -> list[list[str]]:
        width = max((max(row, default=-1) + 1 for row in self.grid), default=0)
        width = max([width] + [c + 1 for _, c in self.taken])
        return [[re.sub(r"\s+", " ", row.get(c, "")).strip() for c in range(width)] for row in self.grid]


def html_text(page: str) -> str:
    """A saved web page's text: one block per line, each table as a pipe table between blank lines."""
    parser = _Page()
    parser.feed(page)
    parser.close()
    lines = [re.sub(r"[ \u00a0]+", " ", line).strip() if not line.startswith("|") else line for line in parser.lines]
    out: list[str] = []
    for line in lines:  # runs of blank lines become one
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"
