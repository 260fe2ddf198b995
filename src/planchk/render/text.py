"""Plain-text pieces every format shares (no Rich here): signs, marks, percentages, bars, sparklines,
Markdown escaping, the line that names a plan revision."""

from __future__ import annotations

import re

from planchk.diagnostics import place
from planchk.i18n import Bilingual, label
from planchk.numbers import EPSILON, decimals, format_number
from planchk.results import IndicatorResult, PlanRef, SourceRef, YearBefore
from planchk.sanitize import one_line

# The mark beside a status word, in every format.
STATUS_MARK: dict[str, str] = {"pass": "✓", "fail": "✗", "missing": "?", "not_due": "·", "cannot_judge": "?"}
COMPLETION_WORDS = ("done", "in_progress", "not_started")
SPARKS = "▁▂▃▄▅▆▇█"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def number(value: float | None) -> str:
    return "—" if value is None else format_number(value)


def pct(share: float | None) -> str:
    """A share in whole percent; never 100% short of the whole (43 of 45 items done is 99%, not 100%)."""
    if share is None:
        return "—"
    shown = round(share * 100)
    return f"{99 if shown == 100 and share < 1 - EPSILON else shown}%"


def rows_count(lang: str, n: int) -> str:
    """'1 row', '380 rows' (一行也是「1 行」)."""
    return label(lang, "row" if n == 1 else "rows", n=n)


def bar(share: float | None, width: int = 10) -> str:
    """A bar of `width` cells; full only for the whole (see `pct`)."""
    if share is None:
        return ""
    filled = round(max(0.0, min(1.0, share)) * width)
    if filled == width and share < 1 - EPSILON:
        filled -= 1
    return "█" * filled + "░" * (width - filled)


def sparkline(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    return "".join(
        " " if v is None else SPARKS[0 if span == 0 else round((v - low) / span * (len(SPARKS) - 1))] for v in values
    )


def status_word(lang: str, status: str, level: str, mark: bool = True) -> str:
    """'✗ fail (warning)': the status in words, with its level when it is a miss."""
    word = label(lang, status)
    if status in ("fail", "missing"):
        word += bracketed(lang, label(lang, level))
    return f"{STATUS_MARK[status]} {word}" if mark else word


def value_text(value: float | str | None, unit: str | None, lang: str) -> str:
    """An item's expected or actual value: a number with its unit, or a completion word in the language."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return format_number(value) + (unit or "")
    return label(lang, value) if value in COMPLETION_WORDS else value


def revision_line(plan: PlanRef, lang: str) -> str:
    """'Plan version 1.1.0 (revised from 1.0.0): target year field old → new; …'."""
    changes = ("；" if lang == "zh" else "; ").join(
        f"{c.target}{f' {c.year}' if c.year else ''} {c.field} {number(c.old)} → {number(c.new)}" for c in plan.changes
    )
    return label(lang, "revised", version=plan.version, original=plan.original_version, changes=changes)


# Chinese characters and full-width punctuation: what makes an ASCII mark next to it read as a half-width slip.
CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{CJK}]")
_FULL_WIDTH = {"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"}
_SPACED = re.compile(r" *([（）“”：；，、。]) *")


def _cjk(char: str) -> bool:
    return _CJK_CHAR.fullmatch(char) is not None


def zh_punct(text: str) -> str:
    """Chinese prose from a plan (a name, a title) with full-width punctuation: a pair of parentheses that holds
    or touches Chinese becomes （）, a colon, semicolon or comma next to Chinese becomes ：；，, straight quotes
    round Chinese become “”, and >= <= become ≥ ≤; no space is left beside the full-width marks. Numbers keep
    theirs (30:1, 1,000), and so does English."""
    text = text.replace(">=", "≥").replace("<=", "≤")
    text = re.sub(r'"([^"]*)"', lambda m: f"“{m.group(1)}”" if _CJK_CHAR.search(m.group(1)) else m.group(0), text)
    chars, opened = list(text), []
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            start = opened.pop()
            before, after = text[:start].rstrip()[-1:], text[i + 1 :].lstrip()[:1]
            if _CJK_CHAR.search(text[start:i]) or _cjk(before) or _cjk(after):
                chars[start], chars[i] = "（", "）"
    text = "".join(chars)
    chars = list(text)
    for i, char in enumerate(text):
        if char in ":;,":
            before, after = text[:i].rstrip()[-1:], text[i + 1 :].lstrip()[:1]
            if _cjk(before) or _cjk(after):
                chars[i] = _FULL_WIDTH[char]
    return _SPACED.sub(r"\1", "".join(chars))


def plan_text(text: Bilingual, lang: str) -> str:
    """A name or title from the plan in the language, in Chinese with full-width punctuation (新建幼儿园（具名）,
    “十四五”)."""
    return zh_punct(text.zh) if lang == "zh" else text.en


def md(text: object) -> str:
    """Text from data made literal for Markdown (no links, HTML, emphasis or broken tables)."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(str(text)))


def actual_text(r: IndicatorResult, deviation: bool = True) -> str:
    """The reported value, with its deviation from the plan value (偏差率) when asked: "1.69 (+1.2%)"."""
    if r.actual is None:
        return "—"
    shown = submitted(r.actual) if r.line else format_number(r.actual)
    return shown + (f" ({deviation_text(r.deviation)})" if deviation and r.deviation is not None else "")


def submitted(value: float) -> str:
    """A figure as the file gave it: every decimal it was written with (at least the usual four)."""
    return format_number(value, max(4, decimals(value)))


def deviation_text(share: float) -> str:
    """A deviation (偏差率) as a signed percentage, one decimal, or more when one would show a miss as 0.0%."""
    places = 1
    while places < 4 and share != 0 and round(share * 100, places) == 0:
        places += 1
    return f"{share * 100:+.{places}f}%"


def year_from(source: SourceRef, lang: str) -> str:
    """Where the file's year came from: 年份来源：文件名 / year from file name."""
    return f"{label(lang, 'year_from')}{'：' if lang == 'zh' else ' '}{label(lang, source.year_from)}"


def colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese."""
    return "：" if lang == "zh" else ": "


def semicolon(lang: str) -> str:
    """Between clauses or names that may hold commas and 、 themselves: full-width in Chinese."""
    return "；" if lang == "zh" else "; "


def inferred(lang: str) -> str:
    """After a programme title the plan does not state: （标题为推断） right after it, " (title inferred)"."""
    word = label(lang, "inferred")
    return word if word.startswith("（") else " " + word


def bracketed(lang: str, text: str) -> str:
    """Text in brackets, full-width in Chinese: （编码 utf-8，年份来源 文件名）; in English " (…)"."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def comma(lang: str) -> str:
    return "，" if lang == "zh" else ", "


def how_read(source: SourceRef, lang: str) -> str:
    """The file's encoding (or workbook format), and that its cells were tab-separated if they were (a UTF-16 CSV):
    utf-16-le，制表符分隔."""
    return source.encoding + (comma(lang) + label(lang, "tab_separated") if source.tab_separated else "")


def year_before_line(ref: YearBefore, lang: str, of: str | None = None) -> str:
    """'上一年：2022.csv（文件名只差年份）', or none and why (docs/rules.md#the-year-before); `of` names the file
    whose year before it is (a trend's several years)."""
    head = label(lang, "year_before_of", file=one_line(of)) if of is not None else label(lang, "year_before")
    if ref.file is not None and ref.paired_by is not None:
        value = one_line(ref.file) + bracketed(lang, label(lang, f"year_before.{ref.paired_by}"))
    else:
        value = label(lang, "year_before.none") + bracketed(lang, ref.reason.get(lang) if ref.reason else "")
    return head + colon(lang) + value


def plan_of_file(source: SourceRef, plan: PlanRef | None, lang: str) -> str:
    """' · plan X v1.0.0 named in the form (2023.csv:1)' after a file's name: the plan its form names and where, or
    that its plan was chosen by its folder's name (--plans); empty when it names none (docs/several-plans.md)."""
    stamp = source.form_plan
    if stamp is not None:
        where = place(source.files[0] if source.files else source.file, stamp.line, stamp.sheet, stamp.column)
        version = f" v{one_line(stamp.version)}" if stamp.version else ""
        return " · " + label(lang, "plan_in_form", plan=one_line(stamp.id) + version, where=one_line(where))
    if source.plan_from == "folder" and plan is not None:
        return " · " + label(lang, "plan_by_folder", plan=f"{plan.id} v{plan.version}")
    return ""
