"""A workbook's container, checked before anything in it is read: the ZIP of an .xlsx, .xlsb or .ods (its
declared sizes and compression ratios, from the central directory), the parts of an Office package found
through its relationships, and what a file really is when it is not a workbook planchk reads (an OLE file
that is a Word document or a password-protected workbook, a ZIP that is a .docx) (docs/bad-input.md#workbooks).

Part names are matched as Excel matches them: without regard to case (`xl/SharedStrings.xml`), with `\\`
read as `/`, wherever the relationships put them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any
from xml.parsers import expat

from planchk.diagnostics import Diagnostic, InputError, problem
from planchk.messages import say

# The XML a workbook may inflate to, in all and per member, and how far one member may be compressed: a
# sheet's XML compresses 5-20×; a zip bomb's a thousandfold.
MAX_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024
MAX_MEMBERS = 10_000
# A sheet is read in pieces of this size, so that reading can stop early (reading/workbook.py).
CHUNK = 256 * 1024

# Relationship types end alike in the transitional (schemas.openxmlformats.org) and the Strict
# (purl.oclc.org/ooxml) vocabularies; the end is what is matched.
REL_DOCUMENT = "/officeDocument"
REL_SHEET = "/worksheet"
REL_STRINGS = "/sharedStrings"
REL_STYLES = "/styles"
# The namespaces of a relationship id (r:id) in a workbook: transitional and Strict.
REL_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    }
)


class Refused(Exception):
    """Raised inside XML handlers to stop parsing; carries the problem."""

    def __init__(self, found: Diagnostic):
        self.found = found


class Stop(Exception):
    """Raised inside XML handlers when the rest of a part is not needed."""


def local(tag: str) -> str:
    """An element's or attribute's name without its namespace (expat joins them with a space)."""
    return tag.rsplit(" ", 1)[-1]


def relationship_id(attrs: dict[str, str]) -> str:
    """The r:id attribute of an element, in either vocabulary."""
    for key, value in attrs.items():
        space, _, name = key.rpartition(" ")
        if name == "id" and space in REL_NAMESPACES:
            return value
    return ""


def not_a_workbook(name: str, what: str) -> InputError:
    """A refusal saying what the file is instead (`what`: a `term.file_*` key)."""
    return InputError([problem(name, "input.not_a_workbook", what=say(what))])


class Package:
    """A ZIP checked against its declared sizes before any member is inflated, its members found by name
    without regard to case."""

    def __init__(self, raw: bytes, name: str) -> None:
        self.name = name
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise InputError([problem(name, "input.workbook_corrupt", detail=str(exc)[:200])]) from None
        if len(infos) > MAX_MEMBERS:
            raise InputError([problem(name, "input.zip_bomb", member=f"{len(infos)} members", mb=MAX_UNPACKED >> 20)])
        total = 0
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError([problem(name, "input.workbook_encrypted")])
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNPACKED or (info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO):
                raise InputError([problem(name, "input.zip_bomb", member=info.filename, mb=MAX_UNPACKED >> 20)])
            self.members.setdefault(part_key(info.filename), info)

    def find(self, path: str) -> zipfile.ZipInfo | None:
        return self.members.get(part_key(path))

    def has(self, path: str) -> bool:
        return part_key(path) in self.members

    def read(self, path: str) -> bytes:
        """A member's bytes, read no further than its declared (and checked) size; XML with a DOCTYPE is
        refused."""
        info = self._info(path)
        try:
            with self.archive.open(info) as handle:
                data = handle.read(MAX_UNPACKED + 1)
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
            raise self._corrupt(path, exc) from None
        if len(data) > MAX_UNPACKED:
            raise InputError([problem(self.name, "input.zip_bomb", member=path, mb=MAX_UNPACKED >> 20)])
        if path.lower().endswith((".xml", ".rels")) and (b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data):
            raise InputError([problem(self.name, "input.xml_entities", member=path)])
        return data

    def parse(self, path: str, start: Any, end: Any = None, text: Any = None, streamed: bool = False) -> None:
        """Run expat over one member with the given handlers. A DOCTYPE stops it before any entity is
        declared; a handler may raise `Stop` to end it early. `streamed`: inflated and parsed piece by piece,
        so that stopping early also saves the inflating."""
        if not streamed:
            parse_xml(self.read(path), self.name, path, start, end, text)
            return
        parser = _parser(self.name, path, start, end, text)
        try:
            read = 0
            with self.archive.open(self._info(path)) as handle:
                while piece := handle.read(CHUNK):
                    read += len(piece)
                    if read > MAX_UNPACKED:
                        raise InputError([problem(self.name, "input.zip_bomb", member=path, mb=MAX_UNPACKED >> 20)])
                    parser.Parse(piece, False)
                parser.Parse(b"", True)
        except Stop:
            return
        except Refused as refused:
            raise InputError([refused.found]) from None
        except expat.ExpatError as exc:
            raise InputError([problem(self.name, "input.workbook_corrupt", detail=f"{path}: {exc}")]) from None
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
            raise self._corrupt(path, exc) from None

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part) of a part's relationships ("" for the package's), targets
        resolved against the part's folder; external targets (links to other files) are left out."""
        folder, _, file = source.rpartition("/")
        rels = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
        found: dict[str, tuple[str, str]] = {}
        if not self.has(rels):
            return found

        def on_rel(tag: str, attrs: dict[str, str]) -> None:
            if local(tag) == "Relationship" and attrs.get("TargetMode", "") != "External":
                target = attrs.get("Target", "").replace("\\", "/")
                whole = target.lstrip("/") if target.startswith("/") else str(PurePosixPath(folder or ".") / target)
                found.setdefault(attrs.get("Id", ""), (attrs.get("Type", ""), normalise(whole)))

        self.parse(rels, on_rel)
        return found

    def related(self, source: str, kind: str) -> str | None:
        """The first part that a part's relationships name with a type ending in `kind`, if it is there."""
        return next((t for rel, t in self.relationships(source).values() if rel.endswith(kind) and self.has(t)), None)

    def _info(self, path: str) -> zipfile.ZipInfo:
        info = self.find(path)
        if info is None:
            raise InputError([problem(self.name, "input.workbook_corrupt", detail=f"no {path}")])
        return info

    def _corrupt(self, path: str, exc: Exception) -> InputError:
        return InputError([problem(self.name, "input.workbook_corrupt", detail=f"{path}: {str(exc)[:200]}")])


def parse_xml(data: bytes, name: str, member: str, start: Any, end: Any = None, text: Any = None) -> None:
    """Run expat over a member's bytes; a DOCTYPE stops it before any entity is declared."""
    parser = _parser(name, member, start, end, text)
    try:
        parser.Parse(data, True)
    except Stop:
        return
    except Refused as refused:
        raise InputError([refused.found]) from None
    except expat.ExpatError as exc:
        raise InputError([problem(name, "input.workbook_corrupt", detail=f"{member}: {exc}")]) from None


def _parser(name: str, member: str, start: Any, end: Any, text: Any) -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")

    def no_doctype(*_: object) -> None:
        raise Refused(problem(name, "input.xml_entities", member=member))

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.buffer_text = True
    return parser


def part_key(path: str) -> str:
    """A part's name as it is matched: `/`-separated, without a leading `/`, in lower case."""
    return normalise(path.replace("\\", "/")).lower()


def normalise(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


# ── what a ZIP or an OLE file is ──────────────────────────────────────────────────────────────────────
ZIP_KINDS: tuple[tuple[Callable[[Package], bool], str], ...] = (
    (lambda p: p.has("word/document.xml"), "term.file_docx"),
    (lambda p: p.has("ppt/presentation.xml"), "term.file_pptx"),
)


def zip_kind(package: Package) -> str:
    """The `term.file_*` key naming a ZIP that holds no workbook."""
    for test, kind in ZIP_KINDS:
        if test(package):
            return kind
    if package.has("mimetype"):
        return "term.file_opendocument"
    return "term.file_zip"


def ole_streams(raw: bytes) -> set[str]:
    """The names of an OLE (compound) file's streams that say what it is. They are looked for as the UTF-16
    text the file's directory stores them in, which is enough to tell its kind, not to read it."""
    names = ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "WordDocument", "PowerPoint Document")
    return {n for n in names if n.encode("utf-16-le") + b"\x00\x00" in raw}
