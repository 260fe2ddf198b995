"""Narrow terminals, the other views (render/fit.py): `trend` (indicators and countable items), the per-item table
of `evaluate --programme` and `plan show`, at 80, 100 and 120 columns, in Chinese and English. No line is wider
than the terminal in display columns (a Chinese character is two); no number or verdict is cut: each of the
data's numbers appears whole, every number on the screen is one of the data's, and each verdict stays on one
line; no id is split across lines; no line of a cell holds only a bullet, ends with an opening bracket or
starts with a closing one."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator

import pytest
from rich.cells import cell_len

from conftest import DATA
from planchk.i18n import label
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.render.text import status_word

WIDTHS = [80, 100, 120]
LANGS = ["zh", "en"]
FILES = [DATA / "2021.csv", DATA / "2022.csv", DATA / "2023.csv"]
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
BAR = re.compile("[│┃]")
NO_LINE_ENDS_WITH = ("(", "（", "“", "《")
NO_LINE_STARTS_WITH = (")", "）", "、", "，", "。", "”", "》", "；", "：")


_JSON: dict[tuple[str, ...], dict] = {}  # a JSON report does not depend on the width: one run for every width


@pytest.fixture
def run(cli, monkeypatch: pytest.MonkeyPatch):
    def output(columns: int, *args: object) -> str:
        monkeypatch.setenv("COLUMNS", str(columns))
        result = cli(*args)
        assert result.exit_code == 0, result.output  # every view here is of sample data that meets the plan
        return str(result.stdout)

    return output


def json_report(run, *args: object) -> dict:
    """`planchk ARGS --format json`, run once for the module's tests at every width."""
    key = tuple(map(str, args))
    if key not in _JSON:
        _JSON[key] = json.loads(run(200, *args, "--format", "json"))
    return _JSON[key]


def table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if BAR.search(line)]


def cell_lines(text: str) -> Iterator[str]:
    """Every line of every cell (a table's rows split at its vertical lines)."""
    for line in table_lines(text):
        yield from (part.strip() for part in BAR.split(line) if part.strip())


def numbers_in(value: object) -> Iterator[str]:
    """The numbers a view may show for a value of the JSON report: as planchk prints them, and as percentages."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from numbers_in(key)
            yield from numbers_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers_in(item)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, (int, float)):
        yield fmt(float(value))
        yield fmt(abs(float(value)))  # NUMBER reads a number without its sign: (-0.4) in a change
        yield f"{value * 100:.0f}"
    else:
        yield from NUMBER.findall(str(value))


def assert_fits_and_nothing_is_cut(text: str, columns: int, known: set[str]) -> None:
    assert max(cell_len(line) for line in text.splitlines()) <= columns, max(text.splitlines(), key=cell_len)
    assert "…" not in text
    cut = {n for line in table_lines(text) for n in NUMBER.findall(line)} - known
    assert not cut, f"numbers not in the data (cut?): {sorted(cut)}"
    for piece in cell_lines(text):
        assert piece != "·", "a line that holds only a bullet"
        assert not piece.endswith("…"), piece
        assert not piece.endswith(NO_LINE_ENDS_WITH), piece
        assert not piece.startswith(NO_LINE_STARTS_WITH), piece


def whole(number: str, text: str) -> bool:
    """The number in the text, with no digit or point either side of it."""
    if re.fullmatch(r"[\d.]+", number):  # then it is one of the text's runs of digits and points, whole
        return number in _runs(text)
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text) is not None


@functools.lru_cache(maxsize=4)
def _runs(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[\d.]+", text))


def shown_ids(text: str) -> set[str]:
    r"""What `(?<![\w.])ID(?![\w])` finds in the text for an ID of word characters and points: a run of them
    that starts with a word character, or its part up to a point."""
    found: set[str] = set()
    for token in re.findall(r"(?<![\w.])\w[\w.]*", text):
        found.update(token[:end] for end in range(1, len(token) + 1) if end == len(token) or token[end] == ".")
    return found


# ── trend ───────────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_trend_fits_and_cuts_no_number_nor_verdict(run, columns: int, lang: str) -> None:
    report = json_report(run, "trend", *FILES, "--lang", lang)
    text = run(columns, "trend", *FILES, "--lang", lang)
    known = set(numbers_in(report)) | set(NUMBER.findall(label(lang, "projection", year=2025)))
    assert_fits_and_nothing_is_cut(text, columns, known)
    table = "\n".join(table_lines(text))
    latest = report["years"][-1]
    verdicts: dict[str, int] = {}
    for s in report["series"]:
        for value in (s["actual"][str(latest)], s["target"], s["assessment"]["projection"]):
            if value is not None:
                assert whole(fmt(value), table), (s["id"], value)
        word = label(lang, s["assessment"]["classification"])
        verdicts[word] = verdicts.get(word, 0) + 1
    for word, count in verdicts.items():  # each verdict whole, on one line
        assert sum(line.count(word) for line in table_lines(text)) >= count, word
    for rule in report["rules"]:  # every year's column of the rules table is kept at 80 columns and wider
        for ry in rule["years"]:
            if ry["value"] is not None:
                assert whole(fmt(ry["value"]), table), (rule["id"], ry)


def first_cell(line: str) -> str:
    return BAR.split(line)[1 if line.startswith(("│", "┃")) else 0]


@pytest.mark.parametrize("lang", LANGS)
def test_trend_at_80_columns_keeps_the_latest_value_target_projection_and_verdict(run, lang: str) -> None:
    """At 80 columns the sparkline, the growth ratio, the progress and the earlier years fold away; the names
    keep at least 20 columns (ten Chinese characters) a line."""
    text = run(80, "trend", *FILES, "--lang", lang, "--only", "indicators")
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if "╇" in line)
    header, rows = "\n".join(line for line in lines[:rule] if "┃" in line), lines[rule + 1:]
    for kept in ("2023", label(lang, "target"), label(lang, "assessment")):
        assert kept in header
    for folded in ("2021", label(lang, "ratio").split()[0], label(lang, "progress")):
        assert folded not in header
    assert "▁" not in text and "█" not in text
    assert cell_len(first_cell(rows[0])) - 2 >= 20


# ── the per-item table ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("programme", ["text", "4"])
def test_items_table_fits_and_cuts_no_number_nor_verdict(run, columns: int, lang: str, programme: str) -> None:
    args = ("evaluate", DATA / "2023.csv", "--lang", lang, "--only", "programmes", "--programme", programme)
    report = json_report(run, *args)["files"][0]
    text = run(columns, *args)
    [shown] = [p for p in report["programmes"] if p["id"] in (programme, f"box{programme}")]
    known = set(numbers_in(report)) | set(NUMBER.findall(text.splitlines()[0]))
    assert_fits_and_nothing_is_cut(text, columns, known)
    items = [row for item in shown["items"] for row in (item, *item["entries"])]
    table = "\n".join(table_lines(text))
    words: dict[str, int] = {}
    for item in items:
        for value in (item["actual"], item["expected"]):
            if isinstance(value, float):
                assert whole(fmt(value), table), (item["id"], value)  # its unit may go under it
        word = status_word(lang, item["status"], item["level"])
        words[word] = words.get(word, 0) + 1
    for word, count in words.items():  # each verdict whole, on one line
        assert sum(line.count(word) for line in table_lines(text)) >= count, word


def test_an_entry_wraps_under_its_bullet(run) -> None:
    """爱祖国、爱家乡、爱家庭、爱生活(劳动): the bracket stays with its words, the lines hang under the bullet."""
    text = run(80, "evaluate", DATA / "2023.csv", "--lang", "zh", "--only", "programmes", "--programme", "text")
    # the first cell of each row, with the table's outer border or without it (folded away when narrow)
    lines = [BAR.split(line.removeprefix("│"))[0] for line in table_lines(text) if "─" not in line]
    start = next(i for i, cell in enumerate(lines) if cell.strip().startswith("· 爱祖国"))
    entry = [lines[start]]
    for cell in lines[start + 1:]:
        if not cell.startswith("     "):
            break
        entry.append(cell)
    assert len(entry) > 1
    assert "".join(c.strip() for c in entry).lstrip("· ") == "爱祖国、爱家乡、爱家庭、爱生活(劳动)"
    assert any("(劳动)" in cell for cell in entry)


# ── plan show ──────────────────────────────────────────────────────────────────────────────────────────


def plan_ids(plan: Plan) -> list[str]:
    ids = [ind.id for ind in plan.indicators]
    for item in plan.item_by_id.values():
        ids += [item.id, *(e.id for e in item.entries)]
    # the responsibility map names sub-plans and programmes too (plan/units.yaml)
    return ids + [p.id for p in plan.programmes] + [s.id for p in plan.programmes for s in p.subplans]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_plan_show_fits_and_never_splits_an_id(run, plan: Plan, columns: int, lang: str) -> None:
    text = run(columns, "plan", "show", "--lang", lang)
    assert max(cell_len(line) for line in text.splitlines()) <= columns, max(text.splitlines(), key=cell_len)
    for piece in cell_lines(text):
        assert piece != "·" and not piece.endswith("…"), piece
        assert not piece.endswith(NO_LINE_ENDS_WITH) and not piece.startswith(NO_LINE_STARTS_WITH), piece
    ids = plan_ids(plan)
    assert all(re.fullmatch(r"\w[\w.]*", id_) for id_ in ids)  # what shown_ids finds
    shown = shown_ids(text)
    for id_ in ids:  # whole, on one line (an id holds no line break, so a match in the text is on one line)
        assert id_ in shown, id_
    first = "|".join(sorted({id_.split(".")[0] for id_ in ids}))
    known = set(ids)
    for token in re.findall(rf"(?<![\w.])(?:{first})\.\w[\w.]*", text):  # every id-like token is a whole id
        assert token.rstrip(".") in known, token
    for ind in plan.indicators:
        for value in (ind.baseline.value, *(t.value for t in ind.targets)):
            assert whole(fmt(value), text), (ind.id, value)
