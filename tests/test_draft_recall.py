"""The drafter's measured recall (issue 23): `planchk plan draft` on the bundled plan's text, compared with the
hand-made plan/, and on invented texts in the shapes of real published ones (tests/fixtures/draft-shapes-real/,
the README there names the published shape each imitates), compared with the targets a person encoded from each
text by hand (<name>.expected.yaml).

Real plan texts are not kept in the repository. Held out elsewhere, they are measured when PLANCHK_REAL_PLANS
names a directory of <name>.zh.txt + <name>.expected.yaml pairs (docs/plan-draft.md#how-good-are-the-drafts):

    PLANCHK_REAL_PLANS=/path/to/real-plans .venv/bin/python -m pytest tests/test_draft_recall.py -s -q

Unset, that test is skipped and says why.

Each text is drafted once per module (a module-scoped fixture runs the real CLI); the tests compare. A figure
below its floor fails with every figure of that text in the message, and `pytest -s` prints them all.

How a target counts as drafted, never by id (the drafter proposes ids of its own):

- a table indicator: the drafted indicator of the same source line with the same baseline, the same value and
  comparator for every year, the same unit and 约束性/预期性 (for the bundled plan: the same quote, and part_of);
- a box item is *found* when a drafted item stands on a line that holds the hand-made quote and the two quotes
  overlap (one inside the other, or half or more of their character pairs shared);
- a target that *carries a number*: the hand-made target's own number is printed in its quote (digits, or a
  Chinese numeral before a measure word: 每年一次); 一批 (a reading: at least one) and 全覆盖 (a reading: 100 %)
  do not count. It is *drafted* when a found item has the same number, comparator and due year.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SOURCE_TEXT, read_yaml
from planchk.cli.app import app
from planchk.numbers import format_number
from planchk.plan.load import load_plan
from planchk.plan.model import Plan
from planchk.plan.schema import Indicator, Item
from planchk.plan.source_text import squash

SHAPES = ROOT / "tests" / "fixtures" / "draft-shapes-real"
# Held-out real plan texts, outside the repository: a directory of <name>.zh.txt + <name>.expected.yaml pairs.
REAL_ENV = "PLANCHK_REAL_PLANS"
REAL = Path(os.environ[REAL_ENV]) if os.environ.get(REAL_ENV) else None


def texts_in(directory: Path | None) -> list[str]:
    return sorted(p.name.removesuffix(".zh.txt") for p in directory.glob("*.zh.txt")) if directory else []


SHAPE_TEXTS = texts_in(SHAPES)
REAL_TEXTS = texts_in(REAL)
MISSES_SHOWN = 12
# Any number printed in a quote (digits, or a numeral: 30:1, 每年一次, 一人一案): issue 16's wider definition.
PRINTED_NUMBER = re.compile(r"[0-9０-９一二两三四五六七八九十百千万]")
NUMERALS = {1: "一", 2: "两二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


@dataclass
class Figure:
    """One measured figure: how many of how many, and what was missed."""

    label: str
    floor: float | None
    good: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def count(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.good += ok
        if not ok:
            self.misses.append(miss)

    @property
    def share(self) -> float:
        return self.good / self.total if self.total else 1.0

    def __str__(self) -> str:
        floor = f" (floor {self.floor:.0%})" if self.floor is not None else " (not asserted)"
        shown = "".join(f"\n    miss: {m}" for m in self.misses[:MISSES_SHOWN])
        if len(self.misses) > MISSES_SHOWN:
            shown += f"\n    … and {len(self.misses) - MISSES_SHOWN} more"
        return f"  {self.label}: {self.good}/{self.total} = {self.share:.1%}{floor}{shown}"


def report(name: str, figures: list[Figure]) -> str:
    return f"{name}:\n" + "\n".join(map(str, figures))


def assert_floors(name: str, figures: list[Figure]) -> None:
    text = report(name, figures)
    print(f"\n{text}")
    assert all(f.floor is None or f.share >= f.floor for f in figures), text


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Plan]]:
    """Every text drafted once through the real CLI (in-process), loaded back as a plan."""
    out: dict[str, Plan] = {}
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANCHK_LANG", "en")
        mp.setenv("NO_COLOR", "1")
        texts = [("dadukou", SOURCE_TEXT), *((n, SHAPES / f"{n}.zh.txt") for n in SHAPE_TEXTS)]
        if REAL is not None:
            texts += [(f"real:{n}", REAL / f"{n}.zh.txt") for n in REAL_TEXTS]
        for name, source in texts:
            target = tmp_path_factory.mktemp("recall") / name.replace(":", "-")
            result = runner.invoke(app, ["plan", "draft", str(source), "-o", str(target)], catch_exceptions=False)
            assert result.exit_code == 0, result.output
            out[name] = load_plan(target)
    yield out


# ── matching ──────────────────────────────────────────────────────────────────────────────────────
def bigrams(text: str) -> set[str]:
    s = squash(text)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def overlap(a: str, b: str) -> float:
    return len(bigrams(a) & bigrams(b)) / max(1, len(bigrams(a) | bigrams(b)))


def quotes_meet(a: str, b: str) -> bool:
    return squash(a) in squash(b) or squash(b) in squash(a) or overlap(a, b) >= 0.5


def lines_holding(text: str, quote: str) -> set[int]:
    return {n for n, line in enumerate(text.split("\n"), 1) if squash(quote) in squash(line)}


def found(quote: str, lines: set[int], drafted: list[Item]) -> list[Item]:
    """The drafted items on one of `lines` whose quote meets `quote`, closest first."""
    hits = [it for it in drafted if it.source_line in lines and quotes_meet(it.quote, quote)]
    return sorted(hits, key=lambda it: -overlap(it.quote, quote))


def prints_number(value: float, quote: str) -> bool:
    """The quote prints this number: as digits (60%, 800个, 3-5所), or as a numeral before a measure word (一次)."""
    digits = re.escape(format_number(value))
    if re.search(rf"(?<![\d.]){digits}(?![\d.])", quote.replace(",", "")):
        return True
    numerals = NUMERALS.get(int(value), "") if value == int(value) else ""
    return bool(numerals) and bool(re.search(rf"[{numerals}](次|个|所|名|项|门|场|届|轮)", quote))


def carries_number(item: Item) -> bool:
    value = item.due_value
    return (
        value is not None and item.measure not in ("vague_batch", "vague_amount") and prints_number(value, item.quote)
    )


def same_number(hand: Item, got: Item) -> bool:
    return (got.due_value, got.comparator, got.due) == (hand.due_value, hand.comparator, hand.due) and (
        hand.max is None or got.max == hand.max
    )


def items_of(plan: Plan, box: bool) -> list[Item]:
    return [it for p in plan.programmes if (p.id != "text") == box for it in p.items()]


# ── the bundled plan ──────────────────────────────────────────────────────────────────────────────
def indicator_figure(hand: Plan, drafted: Plan) -> Figure:
    figure = Figure("table indicators (专栏1): base, 2022/2025 values, comparators, unit, 约束性/预期性, part_of", 1.0)
    got = {squash(i.source.quote): i for i in drafted.indicators}
    for h in hand.indicators:
        g = got.get(squash(h.source.quote))
        ok = g is not None and same_indicator(h, g) and part_quote(hand, h) == part_quote(drafted, g)
        figure.count(ok, f"{h.id} ({h.source.quote[:30]})")
    return figure


def same_indicator(h: Indicator, g: Indicator) -> bool:
    return (
        (g.baseline.year, g.baseline.value) == (h.baseline.year, h.baseline.value)
        and [(t.year, t.value, t.comparator) for t in g.targets] == [(t.year, t.value, t.comparator) for t in h.targets]
        and (g.unit, g.attribute, g.hedge) == (h.unit, h.attribute, h.hedge)
    )


def part_quote(plan: Plan, indicator: Indicator) -> str | None:
    return plan.indicator_by_id[indicator.part_of].source.quote if indicator.part_of else None


def item_figures(hand: list[Item], drafted: list[Item], text: str, where: str, floor: float | None) -> list[Figure]:
    """Three figures for hand-made items: found (by line and quote); of those whose quote prints their own
    number, drafted with it; the same for those whose quote prints any number (issue 16's wider count)."""
    found_fig = Figure(f"{where}: found (a drafted item on its line, quotes overlapping)", floor)
    own = Figure(f"{where} that print their own number: drafted with that number, comparator, due year", 0.90)
    wide = Figure(f"{where} whose quote prints any number (30:1, 一人一案): the same", 0.90)
    for h in hand:
        hits = found(h.quote, lines_holding(text, h.quote), drafted)
        found_fig.count(bool(hits), f"{h.id} ({h.quote[:30]})")
        got = next((g for g in hits if same_number(h, g)), hits[0] if hits else None)
        shown = "none" if got is None else f"{got.comparator} {got.due_value} by {got.due}"
        miss = f"{h.id} ({h.quote[:30]}): {h.comparator} {h.due_value} by {h.due} → {shown}"
        numbered = h.due_value is not None and h.measure not in ("vague_batch", "vague_amount")
        for figure, counts in ((own, carries_number(h)), (wide, numbered and bool(PRINTED_NUMBER.search(h.quote)))):
            if counts:
                figure.count(got is not None and same_number(h, got), miss)
    return [found_fig, own, wide]


def test_recall_on_the_bundled_plan(drafts: dict[str, Plan], plan: Plan) -> None:
    """13/13 table rows; box items (专栏2–8) ≥ 95 % found; running-text targets with a number ≥ 90 % drafted."""
    drafted = drafts["dadukou"]
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    assert (drafted.meta.period_start, drafted.meta.period_end, drafted.meta.baseline_year) == (2021, 2025, 2020)
    assert len(plan.indicators) == 13
    got = [it for p in drafted.programmes for it in p.items()]
    figures = [indicator_figure(plan, drafted)]
    figures += item_figures(items_of(plan, box=True), got, text, "box items (专栏2-8)", 0.95)
    figures += item_figures(items_of(plan, box=False), got, text, "running-text items", None)
    assert_floors("bundled plan (Dadukou, plan/)", figures)


def test_the_drafts_vague_words(drafts: dict[str, Plan]) -> None:
    """大批 gives no number: a vague_amount with no target (docs/rules.md#vague-amounts); 一批 is at least one."""
    items = {it.quote: it for p in drafts["dadukou"].programmes for it in p.items()}
    many = next(it for q, it in items.items() if "培养大批" in q)
    assert (many.measure, many.target, many.vague and many.vague.word) == ("vague_amount", None, "大批")
    batch = next(it for q, it in items.items() if "加快培养一批教育家型校长" in q)
    assert (batch.measure, batch.target) == ("vague_batch", 1)


# ── texts in the shapes of real ones, and held-out real texts ─────────────────────────────────────────
def expected_of(path: Path) -> dict:
    return read_yaml(path)


def real_indicator_figure(expected: list[dict], drafted: Plan) -> Figure:
    figure = Figure("table indicators: base, target, comparator, unit, 约束性/预期性", 1.0)
    for e in expected:
        comparator, value = e["target"]
        ok = any(
            g.source_line == e["line"]
            and (g.baseline.year, g.baseline.value) == (drafted.meta.baseline_year, e["baseline"])
            and [(t.year, t.value, t.comparator) for t in g.targets] == [(drafted.meta.period_end, value, comparator)]
            and (g.unit, g.attribute) == (e["unit"], e["attribute"])
            for g in drafted.indicators
        )
        figure.count(ok, f"line {e['line']} {e['name']}")
    return figure


def real_item_figure(expected: list[dict], drafted: list[Item], floor: float | None) -> Figure:
    figure = Figure("targets outside the table that print their number: same number, comparator, due year", floor)
    for e in expected:
        hits = found(e["quote"], {e["line"]}, drafted)
        ok = any(
            (g.comparator, g.due_value, g.due) == (e["comparator"], e["value"], e["due"])
            and ("max" not in e or g.max == e["max"])
            for g in hits
        )
        figure.count(ok, f"line {e['line']} {e['quote'][:30]}")
    return figure


def measure(label: str, expected: dict, drafted: Plan, item_floor: float) -> None:
    """Every table indicator drafts with its values (floor 100 %); the targets with a number reach item_floor;
    the readings are reported beside. The same method for the shape fixtures and the held-out real texts."""
    assert [drafted.meta.period_start, drafted.meta.period_end] == expected["period"]
    got = [it for p in drafted.programmes for it in p.items()]
    figures = [
        real_indicator_figure(expected["indicators"], drafted),
        real_item_figure(expected["items"], got, item_floor),
    ]
    readings = Figure("targets without a printed number (readings): found", None)
    for e in expected.get("readings", []):
        readings.count(bool(found(e["quote"], {e["line"]}, got)), f"line {e['line']} {e['quote'][:30]}")
    assert_floors(label, [*figures, readings])
    assert len(drafted.indicators) == len(expected["indicators"])  # nothing drafted that is not a row


# What each shape fixture reaches now (docs/plan-draft.md#how-good-are-the-drafts says why the rest is missed).
ITEM_FLOORS = {"luchuan-cells-indicators": 1.0, "qiwu-two-column-box": 1.0}
# A held-out real text: its targets with a number, as the bundled plan's (its table rows: all of them).
REAL_ITEM_FLOOR = 0.90


@pytest.mark.parametrize("name", SHAPE_TEXTS)
def test_recall_on_texts_in_real_shapes(drafts: dict[str, Plan], name: str) -> None:
    """Every table indicator of a shape fixture drafts with its values; the targets with a number, as ITEM_FLOORS."""
    expected = expected_of(SHAPES / f"{name}.expected.yaml")
    measure(f"{name} (tests/fixtures/draft-shapes-real/)", expected, drafts[name], ITEM_FLOORS[name])


def test_recall_on_held_out_real_texts(drafts: dict[str, Plan]) -> None:
    """Each pair in $PLANCHK_REAL_PLANS, measured as the shape fixtures are; every text's figures are printed
    before any floor fails. Skipped, saying why, when the variable is unset."""
    if REAL is None:
        pytest.skip(f"{REAL_ENV} is not set: no held-out real plan texts measured (docs/plan-draft.md)")
    assert REAL_TEXTS, f"{REAL_ENV}={REAL} holds no <name>.zh.txt"
    failed: list[str] = []
    for name in REAL_TEXTS:
        expected = expected_of(REAL / f"{name}.expected.yaml")
        try:
            measure(f"{name} ({REAL_ENV}={REAL})", expected, drafts[f"real:{name}"], REAL_ITEM_FLOOR)
        except AssertionError as e:
            failed.append(f"{name}: {e}")
    assert not failed, "\n".join(failed)


def test_shape_fixtures_name_what_they_imitate() -> None:
    """Every shape fixture has its expected targets, says it is invented, and its README names the published
    shape it imitates (with where it was seen)."""
    readme = (SHAPES / "README.md").read_text(encoding="utf-8")
    assert len(SHAPE_TEXTS) >= 2
    for name in SHAPE_TEXTS:
        assert (SHAPES / f"{name}.expected.yaml").exists(), name
        assert "虚构" in (SHAPES / f"{name}.zh.txt").read_text(encoding="utf-8").splitlines()[0], name
        assert re.search(rf"{re.escape(name)}\.zh\.txt.*?https?://", readme, re.S), name


def test_the_drafters_notes_speak_the_language_asked(cli, tmp_path: Path) -> None:
    """What the drafter could not do is said in Chinese under --lang zh (messages.py), in English under en."""
    shapes = ROOT / "tests" / "fixtures" / "draft-shapes" / "qinghe-15th.cells.zh.txt"
    zh = cli("plan", "draft", SHAPES / "qiwu-two-column-box.zh.txt", "-o", tmp_path / "zh", "--lang", "zh")
    assert zh.exit_code == 0, zh.output
    assert "提示：未找到指标表" in zh.stdout and "规划期 2021—2025 按目标的完成年份（到2025年）推定" in zh.stdout
    row = cli("plan", "draft", shapes, "-o", tmp_path / "row", "--lang", "zh")
    assert "提示：第 " in row.stdout
    assert "一行有目标值而没有 2025 年基期值（新增指标）：已连同目标值和属性以注释写入" in row.stdout
    notes = [line for result in (zh, row) for line in result.stdout.splitlines() if "提示：" in line]
    assert len(notes) >= 3 and not any(re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", n) for n in notes), notes
    en = cli("plan", "draft", shapes, "-o", tmp_path / "en", "--lang", "en")
    assert "has targets but no 2025 value (a new indicator): drafted in targets.yaml as a comment" in en.stdout


def test_the_source_is_read_once(cli, tmp_path: Path, work) -> None:
    """`plan draft` reads SOURCE once (read_source), however many steps use its text; the draft's checks read the
    copy it keeps under source/, never SOURCE again."""
    source = SHAPES / "qiwu-two-column-box.zh.txt"
    with work.counting():
        result = cli("plan", "draft", source, "-o", tmp_path / "d")
    assert result.exit_code == 0, result.output
    size = source.stat().st_size
    assert size <= work.last.read_from(source) <= 2 * size - 1, work.last.read


@pytest.mark.parametrize("shape", ["cells", "pipes"])
def test_a_blank_line_after_every_line_reads_the_same_table(shape: str) -> None:
    """A table copied from a web page often comes with a blank line after every cell or row (the Luchuan shape
    fixture): the table does not end at the first blank line, and reads as it does without them."""
    from planchk.plan.draft.documents import draft_plan

    text = (ROOT / "tests" / "fixtures" / "draft-shapes" / f"qinghe-15th.{shape}.zh.txt").read_text(encoding="utf-8")
    spaced = text.replace("\n", "\n\n")

    def rows(t: str) -> list[tuple[object, ...]]:
        indicators = draft_plan(t, "x.txt").targets["indicators"]
        return [(i["name"]["zh"], i["baseline"], i["targets"], i["attribute"], i.get("part_of")) for i in indicators]

    assert len(rows(text)) == 11 and rows(spaced) == rows(text)
