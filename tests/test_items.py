"""Judging programme items: one test per measure kind and per comparator (independent of the YAML)."""

from __future__ import annotations

import pytest

from planchk.i18n import Bilingual as Text
from planchk.judge.items import Prior, judge_item
from planchk.judge.rollup import roll_up
from planchk.plan.model import Plan
from planchk.plan.schema import Entry, Item, Programme, SubPlan
from planchk.reading.rows import ActualRow

CLOCK_OF = {"completion": "once", "named_list": "once", "non_decreasing": "trend", "rising": "trend",
            "raise": "trend", "figure": "standing"}


def item(**kw) -> Item:
    """An item; the clock the encoding rules give its measure unless said (cumulative: from a stock of 0, or
    an unknown start for a rate)."""
    base: dict[str, object] = dict(id="box9.1.thing", name=Text(zh="事项", en="thing"), quote="q", gloss="g",
                                   unit="个", due=2025)
    base["clock"] = kw.pop("clock", CLOCK_OF.get(kw["measure"], "cumulative"))
    if base["clock"] == "cumulative":
        base["baseline"] = None if kw["measure"] == "rate" else 0
    return Item(**{**base, **kw})


def rows(**values) -> dict[str, ActualRow]:
    out = {}
    for i, (id_, v) in enumerate(values.items()):
        id_ = id_.replace("__", ".")
        if isinstance(v, str):
            out[id_] = ActualRow(line=i + 2, id=id_, raw=v, status=v)
        else:
            out[id_] = ActualRow(line=i + 2, id=id_, raw=str(v), value=v, decimals=0)
    return out


def judge(it: Item, year: int, plan: Plan, previous=None, **values):
    return judge_item(it, rows(**values), year, plan, previous)


COUNT_10 = item(measure="count", comparator=">=", target=10)


@pytest.mark.parametrize("actual, status", [(3, "fail"), (4, "pass"), (10, "pass")])
def test_count_due_2025_is_due_in_proportion_to_time(plan: Plan, actual: int, status: str) -> None:
    result = judge(COUNT_10, 2022, plan, box9__1__thing=actual)
    assert result.expected == 4 and result.status == status
    assert result.level == ("warning" if status == "fail" else "ok")


def test_count_shortfall_says_how_many_are_missing(plan: Plan) -> None:
    result = judge(item(measure="count", comparator=">=", target=16), 2025, plan, box9__1__thing=12)
    assert result.status == "fail" and "4 missing" in result.message.en and "差 4" in result.message.zh


def test_range_passes_at_its_lower_bound(plan: Plan) -> None:
    it = item(measure="range", comparator="range", min=3, max=5)
    assert judge(it, 2025, plan, box9__1__thing=3).status == "pass"
    assert judge(it, 2025, plan, box9__1__thing=2).status == "fail"


def test_more_than_needs_strictly_more_at_the_due_year(plan: Plan) -> None:
    it = item(measure="count", comparator=">", target=10)
    assert judge(it, 2025, plan, box9__1__thing=10).status == "fail"
    assert judge(it, 2025, plan, box9__1__thing=11).status == "pass"
    assert judge(it, 2022, plan, box9__1__thing=4).status == "pass"  # before then: the proportional share


def test_approx_has_a_tolerance(plan: Plan) -> None:
    it = item(measure="count", comparator="approx", target=10, hedge="左右")
    assert judge(it, 2025, plan, box9__1__thing=9).status == "pass"
    result = judge(it, 2025, plan, box9__1__thing=8)
    assert result.status == "fail" and result.level == "warning"


def test_rate_with_baseline_follows_a_time_path(plan: Plan) -> None:
    it = item(measure="rate", comparator=">=", target=100, baseline=90, unit="%")
    assert judge(it, 2022, plan, box9__1__thing=94).status == "pass"
    assert judge(it, 2022, plan, box9__1__thing=93.9).status == "fail"


def test_rate_without_baseline_is_judged_at_its_due_year(plan: Plan) -> None:
    it = item(measure="rate", comparator=">=", target=100, unit="%")
    assert judge(it, 2022, plan, box9__1__thing=50).status == "not_due"
    assert judge(it, 2025, plan, box9__1__thing=99).status == "fail"
    assert judge(it, 2025, plan, box9__1__thing=100).status == "pass"


def test_at_most_comparator(plan: Plan) -> None:
    it = item(measure="rate", comparator="<=", target=0, unit="%")
    assert judge(it, 2025, plan, box9__1__thing=0).status == "pass"
    assert judge(it, 2025, plan, box9__1__thing=0.5).status == "fail"


def test_exactly_comparator(plan: Plan) -> None:
    it = item(measure="count", comparator="==", target=1, due=2021)
    assert judge(it, 2022, plan, box9__1__thing=1).status == "pass"
    assert judge(it, 2022, plan, box9__1__thing=2).status == "fail"


def test_vague_batch_uses_its_documented_lower_bound(plan: Plan) -> None:
    from planchk.plan.schema import VagueRule

    it = item(measure="vague_batch", comparator=">=", target=20, vague=VagueRule(word="数十", rule="数十 → 20"))
    assert judge(it, 2025, plan, box9__1__thing=20).status == "pass"
    assert judge(it, 2025, plan, box9__1__thing=19).status == "fail"


def test_completion_items(plan: Plan) -> None:
    it = item(measure="completion", comparator="done", unit=None)
    assert judge(it, 2022, plan, box9__1__thing="in_progress").status == "pass"
    assert judge(it, 2025, plan, box9__1__thing="in_progress").status == "fail"
    assert judge(it, 2025, plan, box9__1__thing="done").status == "pass"
    assert judge(it, 2023, plan, box9__1__thing="not_started").status == "fail"
    assert judge(it, 2023, plan).status == "missing"


def test_hedged_items_are_never_errors(plan: Plan) -> None:
    it = item(measure="completion", comparator="done", hedge="力争")
    assert judge(it, 2025, plan, box9__1__thing="not_started").level == "warning"


NAMED = item(measure="named_list", comparator="done", unit="所",
             entries=[Entry(id="box9.1.thing.a", name=Text(zh="甲", en="A")),
                      Entry(id="box9.1.thing.b", name=Text(zh="乙", en="B"))])


def test_named_list_judges_each_entry(plan: Plan) -> None:
    result = judge(NAMED, 2025, plan, box9__1__thing__a="done", box9__1__thing__b="in_progress")
    assert result.status == "fail" and result.actual == "1/2"
    assert [e.status for e in result.entries] == ["pass", "fail"]
    assert judge(NAMED, 2025, plan, box9__1__thing__a="done", box9__1__thing__b="done").status == "pass"


def test_non_decreasing_needs_the_previous_year(plan: Plan) -> None:
    it = item(measure="non_decreasing", comparator="non_decreasing", unit="万元")
    assert judge(it, 2023, plan, None, box9__1__thing=100).status == "cannot_judge"
    prev = Prior(rows(box9__1__thing=120), "2022.csv")
    assert judge(it, 2023, plan, prev, box9__1__thing=100).status == "fail"
    assert judge(it, 2023, plan, prev, box9__1__thing=120).status == "pass"


def test_roll_up_counts_due_items_and_takes_the_worst_level(plan: Plan) -> None:
    programme = Programme(id="box9", box="专栏9", title=Text(zh="测试", en="test"), title_inferred=True,
                          subplans=[SubPlan(id="box9.1", number=1, title=Text(zh="a", en="a"), items=[COUNT_10])])
    results = [judge(COUNT_10, 2022, plan, box9__1__thing=4),
               # a rate with no 2020 value, first reported this year: its baseline, not due
               judge(item(measure="rate", comparator=">=", target=100, unit="%"), 2022, plan, box9__1__thing=90),
               judge(COUNT_10, 2022, plan, box9__1__thing=3)]
    rolled = roll_up(programme, results)
    assert (rolled.met, rolled.total, rolled.status, rolled.level) == (1, 2, "fail", "warning")
