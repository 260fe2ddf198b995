"""Headings, listed under `excluded` with reason `heading`: a heading promises nothing, so `plan check` counts as
uncovered only the sentences that may (docs/plan-draft.md#headings).

A heading is known by its shape alone, never by its words: a line that is only a numbered title (第一章 发展基础,
一、指导思想, （一）推进…, 专栏2 学校建设工程, ——学前教育普及普惠水平持续提高), the title ending at the first 。 of a
line (（一）加强组织领导。区政府每年…: the title only, the rest stays to be encoded), the document's particulars
([ 发布机构 ]), its title and the indicator table's title, header and category cells. A title that holds a number
with a measure word (1.新建学校5所。) or a comma is a sentence, not a heading, and is left alone.
"""

from __future__ import annotations

import re
from typing import Any

from planchk.plan.draft.table import NAME_UNIT, RATE_NAME, Table
from planchk.plan.source_text import QUANTITY, Line, squash

# A numbered title: 第一章 / 第二节, 一、, （一） (1), ——, 专栏2.
NUMBERED = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百\d]+[章节篇部]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|——|专栏\s*\d+)"
)
# …and before a line's first 。 also 1. (a box's sub-plan: 1.新建学校计划。新建…); a line that is only 1.建成… may be
# a list item that promises, so it is left to the reviewer.
NUMBERED_BEFORE_STOP = re.compile(rf"{NUMBERED.pattern}|^\s*\d{{1,2}}[.．、](?!\d)")
# A sub-plan's title after the end of a sentence in a box copied onto one line: "… 2.党组织书记…培育计划。"
INNER_TITLE = re.compile(r"(?<=[。\s])(\d{1,2}[.．、](?!\d)[^。，,；;：:\s]{2,30})。")
TITLE_MAX = 40
NOTE = "DRAFT (heading): {what}; remove this entry if it promises something."

Doc = dict[str, Any]


def _plain_title(text: str) -> bool:
    """Short, no comma or clause mark, no counted number: a title, not a sentence."""
    return 0 < len(text) <= TITLE_MAX and not re.search(r"[，,；;。：:]", text) and not QUANTITY.search(text)


def _entry(line: int, quote: str, what: str, whole_line: bool) -> Doc:
    entry: Doc = {"line": line}
    if whole_line:
        entry["scope"] = "line"
    entry.update({"quote": quote, "reason": "heading", "note": NOTE.format(what=what)})
    return entry


def heading_exclusions(
    lines: list[Line], title: str, table: Table | None, skip: set[int], quoted: dict[int, list[str]]
) -> list[Doc]:
    """The `excluded` entries of the text's headings, in line order. `skip`: the indicator table's lines, whose
    headings come from `table` (its rows are indicators, or noted for the reviewer). `quoted`: the drafted targets'
    quotes by line; a heading that overlaps one is not listed (the rules read a promise in it)."""
    out: list[Doc] = []
    table_headings = set(table.headings) if table is not None else set()
    for line in lines:
        text = re.sub(r"^[\s|]+|[\s|]+$", "", line.text)
        if not squash(text):
            continue
        if line.number in table_headings:
            cell = re.sub(r"\s*\|\s*", " ", text).strip()
            if table is not None and line.number == table.title_line:
                out.append(_entry(line.number, cell, "the indicator table's title", True))
            elif not NAME_UNIT.search(cell) and not RATE_NAME.search(cell):  # a row name read as a category stays
                out.append(_entry(line.number, cell, "a header or category cell of the indicator table", True))
            continue
        if line.number in skip:
            continue
        if text.startswith("[") or squash(text) in ("目录", squash(title)):
            out.append(_entry(line.number, text, "the document's particulars or title", True))
        elif NUMBERED.match(text) and _plain_title(text):
            out.append(_entry(line.number, text, "a numbered title on a line of its own", True))
        elif NUMBERED_BEFORE_STOP.match(text) and "。" in text and _plain_title(first := text.split("。", 1)[0]):
            out.append(_entry(line.number, first, "the numbered title before the line's first 。", False))
        seen = {e["quote"] for e in out if e["line"] == line.number}
        for m in INNER_TITLE.finditer(text):
            if not any(m[1] in quote for quote in seen) and _plain_title(m[1]):  # not inside a title already listed
                out.append(_entry(line.number, m[1], "a numbered title inside the line", False))
    return [e for e in out if not any(_overlap(e["quote"], q) for q in quoted.get(e["line"], []))]


def _overlap(a: str, b: str) -> bool:
    a, b = squash(a), squash(b)
    return bool(a and b) and (a in b or b in a)
