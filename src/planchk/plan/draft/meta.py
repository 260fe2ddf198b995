"""The plan's metadata read from its text: title, period (十四五 → 2021–2025), issuer, dates."""

from __future__ import annotations

import datetime as dt
import re

from planchk.plan.source_text import Line

FIVE_YEAR = {
    "十一五": 2006,
    "十二五": 2011,
    "十三五": 2016,
    "十四五": 2021,
    "十五五": 2026,
    "第十一个五年": 2006,
    "第十二个五年": 2011,
    "第十三个五年": 2016,
    "第十四个五年": 2021,
    "第十五个五年": 2026,
}


def find_title(lines: list[Line]) -> str:
    """The first short line that names a plan (规划), spaces dropped: "重庆市…发展 “ 十四五 ” 规划" → …“十四五”规划."""
    for line in lines:
        t = re.sub(r"\s+", "", line.text).strip("|")
        if "规划" in t and len(t) <= 60 and not t.startswith("["):
            return t
    return "(untitled plan)"


def find_period(title: str, lines: list[Line], table_years: list[int]) -> tuple[int, int] | None:
    """The plan period: from "(2016—2020年)" in the title, else 十四五 → 2021–2025, else the table's years."""
    m = re.search(r"(20\d\d)\s*[—–\-~至到]\s*(20\d\d)", title)
    if m:
        return int(m[1]), int(m[2])
    # the title first; then the word the opening pages use most (a plan for 十四五 reviews 十三五 too)
    head = "".join(line.text for line in lines[:40])
    named = [w for w in FIVE_YEAR if w in title] or sorted(
        (w for w in FIVE_YEAR if w in head), key=lambda w: -head.count(w)
    )
    if named:
        return FIVE_YEAR[named[0]], FIVE_YEAR[named[0]] + 4
    if len(table_years) >= 2:
        return table_years[0] + 1, table_years[-1]
    return None


def period_from_due_years(lines: list[Line]) -> tuple[int, int] | None:
    """The last resort for an excerpt without a title or a table: the year its targets are due by, "到2025年"
    (the most frequent; a five-year plan's last year) → 2021–2025."""
    years = [int(y) for line in lines for y in re.findall(r"到\s*(20\d\d)\s*年", line.text)]
    if not years:
        return None
    end = max(set(years), key=lambda y: (years.count(y), y))
    return end - 4, end


def find_date(lines: list[Line], label: str) -> dt.date | None:
    """A date printed beside a label in the page header: "[ 成文日期 ] | 2021-10-29" → 2021-10-29."""
    for line in lines[:40]:
        m = re.search(label + r".{0,8}?(\d{4})[-年.](\d{1,2})[-月.](\d{1,2})", line.text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return None


def find_issuer(lines: list[Line]) -> str | None:
    """The issuing body: "[ 发布机构 ] | 大渡口区发展改革委" → 大渡口区发展改革委."""
    for line in lines[:40]:
        m = re.search(r"(?:发布机构|发文机关|印发单位)\s*\]?\s*[|:：]?\s*([^|\s]+)", line.text)
        if m:
            return m[1]
    return None
