"""Every measure in one place: what a programme item of that measure holds, when and how it is judged, how its
value is read and shown, and an example that passes and one that does not (docs/rules.md#clocks).

One `MeasureSpec` per measure in `MEASURES`, as yamllint keeps one module per rule. The plan's schema
(`plan/schema.py`: the clocks a measure accepts, the fields it needs), the contract (how its value is read),
the judge (`judge/items.py`), the trend (`judge/trend.py`), plausibility (`judge/plausibility.py`), the
templates (`template.py`, `template_xlsx.py`), `plan show` and revisions all read their per-measure facts
from here (an item's entry is `Item.spec`); none of them names a measure. docs/rules.md's list of measures
is made from these entries, and their examples are run through `planchk evaluate` (tests/test_measures.py).

Why here, and why behaviour is named rather than held: the schema must know which clocks a measure accepts
and which fields it needs, and the plan is the bottom layer (`cli → runs → judge → reading → plan`). So the
entry lives in `plan/`, imports nothing of planchk (it loads with the plan, at no cost) and refers to the
layers above by name: `clocks` maps each clock to the name of the judge (`JudgeName`) that `judge/items.py`'s
`JUDGES` maps to a function, and likewise `example_value` for `template.py` and `shown` for `plan show`. A
measure judged like an existing one is one entry; a new way of judging is a new name here plus its
function there (mypy and tests/test_measures.py fail until both exist).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Measure = Literal[
    "count",
    "range",
    "rate",
    "completion",
    "event",
    "named_list",
    "vague_batch",
    "vague_amount",
    "non_decreasing",
    "rising",
    "raise",
    "figure",
]
# When a commitment is judged (docs/rules.md#clocks): every year (standing), each period on its own
# (recurring), along a path from the 2020 stock to the due year (cumulative), formed or not by the due year
# (once), or against the year before / the baseline (trend).
Clock = Literal["standing", "recurring", "cumulative", "once", "trend"]

# The judges of judge/items.py (JUDGES): against the number due this year (number), formed or not and then
# its size (formed), by status word (completion), by status word from its due year only (event), each entry a
# completion (named_list), not below the year before (not_falling) or above it (rising), above its baseline
# (raise), only reported (figure), reported and shown with the text's vague word, never held to a number
# (reported).
JudgeName = Literal[
    "number", "formed", "completion", "event", "named_list", "not_falling", "rising", "raise", "figure", "reported"
]
# How a row of this measure is read from an actual-year file (plan/contract.py): a number in the row's unit,
# a status word, or not at all (a named list is judged from its entries' rows).
ReadAs = Literal["number", "status", "entries"]
# The plan's own value that `template --example` writes (template.py, EXAMPLE_VALUES): the number due this
# year (path; a `once` item at its full size), a status word (status; each entry for a named list), the 2020
# value plus a step a year (raise), or the plan's illustrative `example` (example).
ExampleValue = Literal["path", "status", "raise", "example"]
# The target as `plan show` writes it (render/plan_tables.py, TARGET_TEXT): a vague amount as the text's word.
Shown = Literal["number", "range", "done", "entries", "rule", "vague"]
# What `trend` makes of it (judge/trend.py): a series on the plan's path, a year-by-year rule, or nothing.
TrendKind = Literal["series", "rule", "none"]
Outcome = Literal["pass", "fail", "missing", "not_due", "cannot_judge"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    """An item of the measure as the plan states it, the value reported for `year` (None: no row; for a named
    list, every entry's value) and `previous`, the year before's, and the status planchk gives it."""

    says: str
    item: Mapping[str, object]
    year: int
    value: str | None
    status: Outcome
    previous: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureSpec:
    """One measure's entry. `doc` says how it is judged (docs/rules.md, By measure); `passes` and `fails` are a
    verdict of pass and one of not pass, both run through the CLI by tests/test_measures.py."""

    doc: str
    clocks: Mapping[Clock, JudgeName]  # the clocks that can judge it, and the judge on each
    passes: Example
    fails: Example
    needs: tuple[str, ...] = ()  # fields the item must give (schema: plan.measure_needs)
    needs_baseline: bool = False  # `baseline` must be written out, a number or null (as on a cumulative clock)
    reads: ReadAs = "number"
    due_field: Literal["target", "min"] = "target"  # the number due at the due year (a range's lower bound)
    path: bool = False  # the plan gives the number due each year (item_expected): trend series, plausibility scale
    counted: bool = False  # things counted in whole units: a path rounded down, a running total never falls,
    # two semesters' targets add up
    start_without_baseline: float | None = 0.0  # a path's start when the baseline is null (None: unknown)
    trend: TrendKind = "none"
    example_value: ExampleValue = "example"
    shown: Shown = "number"
    form_words: str | None = None  # the form's 本年规划值 in words instead of a number ("" leaves it blank)


# Units of things counted one by one (所, 个, 人 …): a figure in one of them is a whole number, whatever the
# measure (a school, a teacher, a project is never half there). The reader refuses 2.5 所 or 2999.5 人
# (reading/values.py) and the .xlsx form validates whole numbers (template_xlsx.py). 万人, 学时, % and money
# are not among them.
WHOLE_UNITS = frozenset(
    {"所", "个", "次", "项", "名", "人", "家", "支", "门", "套", "间", "批", "期", "场", "本", "篇", "节"}
)

# The values a figure can take whatever the plan says (docs/rules.md#values): never negative, and a share in %
# never above 100. The reader refuses a figure beyond them (reading/values.py) and `trend` caps a projection at
# them (judge/trend.py), so the two cannot disagree. A % the plan marks may_exceed_100 (a gross enrolment rate,
# 毛入学率; a ratio of pays) has no ceiling here; plausibility holds it to the plan's rules.exceeding_100_up_to.
RATE_CEILING = 100.0


def value_bounds(unit: str, may_exceed_100: bool = False) -> tuple[float, float | None]:
    """The lowest and highest value a figure in `unit` can take (None: no upper bound); a % that may exceed 100 (a
    gross enrolment rate, a ratio: plan.schema.MAY_EXCEED_100) has no ceiling here, only plausibility's."""
    return 0.0, RATE_CEILING if unit == "%" and not may_exceed_100 else None


_COUNTED = {"clock": "cumulative", "comparator": ">=", "unit": "所", "due": 2025, "baseline": 0}


def _vague() -> dict[str, object]:
    """A vague amount's item, a fresh copy for each example (a plan file holds no shared YAML nodes)."""
    return {"clock": "standing", "comparator": ">=", "unit": "名", "vague": {"word": "大批", "rule": "no number"}}


MEASURES: dict[Measure, MeasureSpec] = {
    "count": MeasureSpec(
        doc="a number of things, counted in whole units. On `standing` and `recurring` against the target every "
        "year (`per: semester`: twice the target); on `cumulative` against baseline + (target − baseline) × time "
        "share, **rounded down to whole units** when baseline and target are whole (a unit falls due once its full "
        "share of time has passed), and a running total below last year's fails; on `once` 0 means not formed "
        "(judged like a project not started) and once formed its size must reach the target.",
        clocks={"standing": "number", "recurring": "number", "cumulative": "number", "once": "formed"},
        needs=("target",),
        path=True,
        counted=True,
        trend="series",
        example_value="path",
        passes=Example(
            says="培育10所示范学校 (cumulative, none in 2020, 10 by 2025): 4 in 2022",
            item={**_COUNTED, "target": 10},
            year=2022,
            value="4",
            status="pass",
        ),
        fails=Example(
            says="the same, 3 in 2022 (4 are due)",
            item={**_COUNTED, "target": 10},
            year=2022,
            value="3",
            status="fail",
        ),
    ),
    "range": MeasureSpec(
        doc="a number between two bounds (建设3-5个), judged like a count on its **lower bound**; the upper bound "
        "is shown, not judged.",
        clocks={"cumulative": "number", "once": "formed"},
        needs=("min", "max"),
        due_field="min",
        path=True,
        counted=True,
        trend="series",
        example_value="path",
        shown="range",
        passes=Example(
            says="建设3-5个 by 2025 (cumulative, none in 2020): 3 in 2025",
            item={**_COUNTED, "comparator": "range", "unit": "个", "min": 3, "max": 5},
            year=2025,
            value="3",
            status="pass",
        ),
        fails=Example(
            says="the same, 2 in 2025",
            item={**_COUNTED, "comparator": "range", "unit": "个", "min": 3, "max": 5},
            year=2025,
            value="2",
            status="fail",
        ),
    ),
    "rate": MeasureSpec(
        doc="a share or level, not rounded. `standing` and `recurring` rates against the target every year; a "
        "`cumulative` rate with a 2020 value on the path from it (80 % → 100 % by 2025: 88 % due in 2022); without "
        "one, the first year it is reported in the run (or `--previous`) is its baseline, `not_due` in that year "
        "and judged on the path from it in every later year, the verdict naming that year (40 % in 2021 → 100 % "
        "by 2025: 70 % due in 2023); from the due year, the target.",
        clocks={"standing": "number", "recurring": "number", "cumulative": "number"},
        needs=("target",),
        path=True,
        start_without_baseline=None,
        trend="series",
        example_value="path",
        passes=Example(
            says="持证率100% (standing): 100 in 2023",
            item={"clock": "standing", "comparator": ">=", "unit": "%", "target": 100},
            year=2023,
            value="100",
            status="pass",
        ),
        fails=Example(
            says="the same, 90 in 2023",
            item={"clock": "standing", "comparator": ">=", "unit": "%", "target": 100},
            year=2023,
            value="90",
            status="fail",
        ),
    ),
    "completion": MeasureSpec(
        doc="a thing built or set up, reported by status word: `done` passes; `in_progress` passes before the due "
        "year and fails from it; `not_started` fails from the due year, or once the time share reaches "
        "`not_started_lagging_after` (0.4): an item due 2025 that has not started fails from 2022. A thing reported "
        "`done` in an earlier year of the run and not `done` now fails, naming that year: one of the two reports "
        "is wrong.",
        clocks={"once": "completion"},
        reads="status",
        example_value="status",
        shown="done",
        passes=Example(
            says="建成1所学校 by 2023: 在建 in 2022",
            item={"clock": "once", "comparator": "done", "due": 2023},
            year=2022,
            value="在建",
            status="pass",
        ),
        fails=Example(
            says="the same, 在建 in 2023",
            item={"clock": "once", "comparator": "done", "due": 2023},
            year=2023,
            value="在建",
            status="fail",
        ),
    ),
    "event": MeasureSpec(
        doc="a one-off event that can only take place in its due year (the mid-term evaluation, due 2023), "
        "reported by status word: `not_due` before the due year whatever is reported (`done` early passes), and "
        "left out of the forms of those years; from the due year judged like a completion.",
        clocks={"once": "event"},
        reads="status",
        example_value="status",
        shown="done",
        passes=Example(
            says="中期评估 in 2023: 完成 in 2023 (未启动 in 2022 is `not_due`)",
            item={"clock": "once", "comparator": "done", "due": 2023},
            year=2023,
            value="完成",
            status="pass",
        ),
        fails=Example(
            says="the same, 未启动 in 2023",
            item={"clock": "once", "comparator": "done", "due": 2023},
            year=2023,
            value="未启动",
            status="fail",
        ),
    ),
    "named_list": MeasureSpec(
        doc="named projects, each its own row judged as a completion with the item's due year (a project that "
        "goes back from `done` fails); the item has no "
        "value of its own, shows done / total, and is `fail` if any project fails, else `missing` if any is "
        "missing, else `pass`.",
        clocks={"once": "named_list"},
        needs=("entries",),
        reads="entries",
        example_value="status",
        shown="entries",
        passes=Example(
            says="实施两大工程 by 2025: both 完成 in 2025",
            item={"clock": "once", "comparator": "done", "due": 2025},
            year=2025,
            value="完成",
            status="pass",
        ),
        fails=Example(
            says="the same, both 未开工 in 2022",
            item={"clock": "once", "comparator": "done", "due": 2025},
            year=2022,
            value="未开工",
            status="fail",
        ),
    ),
    "vague_batch": MeasureSpec(
        doc="a vague number (一批, 数十, 数百), judged like a count on the lower bound the plan records "
        "(一批 → 1, 数十 → 20, 数百 → 200).",
        clocks={"cumulative": "number"},
        needs=("target", "vague"),
        path=True,
        counted=True,
        trend="series",
        example_value="path",
        passes=Example(
            says="建设一批特色学校 by 2025 (at least 1, none in 2020): 1 in 2025",
            item={**_COUNTED, "target": 1, "vague": {"word": "一批", "rule": "at least 1"}},
            year=2025,
            value="1",
            status="pass",
        ),
        fails=Example(
            says="the same, 0 in 2025",
            item={**_COUNTED, "target": 1, "vague": {"word": "一批", "rule": "at least 1"}},
            year=2025,
            value="0",
            status="fail",
        ),
    ),
    "vague_amount": MeasureSpec(
        doc="an amount the text names only by a word that gives no number to hold it to (培养大批人才, "
        "鼓励…合作): reported every year and shown beside that word, never failed against a number the text does "
        "not give; `pass` means reported, `missing` (a warning) not reported. `vague.rule` says why no number is "
        "read into it.",
        clocks={"standing": "reported", "cumulative": "reported"},
        needs=("vague",),
        needs_baseline=False,
        shown="vague",
        form_words="",
        passes=Example(
            says="培养大批技术人才: 3 in 2023 (shown, not held to a number)",
            item=_vague(),
            year=2023,
            value="3",
            status="pass",
        ),
        fails=Example(
            says="the same, not reported in 2023",
            item=_vague(),
            year=2023,
            value=None,
            status="missing",
        ),
    ),
    "non_decreasing": MeasureSpec(
        doc="逐年只增不减: not below the previous year's value, taken from the file's year before (the file of "
        "year − 1 in the run whose name differs by the year alone, or `--previous FILE`, and named in the "
        "verdict); without one `cannot_judge`, never `pass`. `trend` lists it year by year.",
        clocks={"trend": "not_falling"},
        trend="rule",
        shown="rule",
        form_words="不低于上年",
        passes=Example(
            says="经费逐年只增不减: 100 in 2022, 120 in 2023",
            item={"clock": "trend", "comparator": "non_decreasing", "unit": "万元"},
            year=2023,
            value="120",
            previous="100",
            status="pass",
        ),
        fails=Example(
            says="the same, 100 in 2022, 90 in 2023",
            item={"clock": "trend", "comparator": "non_decreasing", "unit": "万元"},
            year=2023,
            value="90",
            previous="100",
            status="fail",
        ),
    ),
    "rising": MeasureSpec(
        doc="逐年提高: strictly above the previous year's value, every year; the previous year as for "
        "`non_decreasing`.",
        clocks={"trend": "rising"},
        form_words="高于上年",
        passes=Example(
            says="占比逐年提高: 50 in 2022, 51 in 2023",
            item={"clock": "trend", "comparator": "rising", "unit": "%"},
            year=2023,
            value="51",
            previous="50",
            status="pass",
        ),
        fails=Example(
            says="the same, 50 in 2022, 50 in 2023",
            item={"clock": "trend", "comparator": "rising", "unit": "%"},
            year=2023,
            value="50",
            previous="50",
            status="fail",
        ),
    ),
    "raise": MeasureSpec(
        doc="提高: above its baseline in every year after the baseline's year, so the mid-term evaluation judges "
        "it: the 2020 value, or where the text gives none (`baseline: null`) the first year it is reported in the "
        "run (or `--previous`), `not_due` in that year and named in every later verdict. Level and unchanged both "
        "fail; a value not reported is `missing`; only a first report in the due year or later, with no earlier "
        "file in the run, is `cannot_judge` (the message asks for the earlier files).",
        clocks={"trend": "raise"},
        needs_baseline=True,
        example_value="raise",
        form_words="高于基数",
        passes=Example(
            says="提高覆盖率 (no 2020 value): 50 in 2022, 52 in 2023",
            item={"clock": "trend", "comparator": "above_baseline", "unit": "%", "baseline": None},
            year=2023,
            value="52",
            previous="50",
            status="pass",
        ),
        fails=Example(
            says="提高覆盖率 (50 in 2020) by 2025: 50 in 2023",
            item={"clock": "trend", "comparator": "above_baseline", "unit": "%", "baseline": 50},
            year=2023,
            value="50",
            status="fail",
        ),
    ),
    "figure": MeasureSpec(
        doc="a number the plan needs to judge another target (全区教师总数 for the 30:1 team); reported every "
        "year, `missing` (a warning) when not.",
        clocks={"standing": "figure"},
        form_words="",
        passes=Example(
            says="全区教师总数: 3000 in 2023",
            item={"clock": "standing", "comparator": ">=", "unit": "人"},
            year=2023,
            value="3000",
            status="pass",
        ),
        fails=Example(
            says="the same, not reported in 2023",
            item={"clock": "standing", "comparator": ">=", "unit": "人"},
            year=2023,
            value=None,
            status="missing",
        ),
    ),
}

# The measures each clock can judge, in the order of MEASURES (the schema's plan.clock_measure lists them).
CLOCK_MEASURES: dict[Clock, tuple[Measure, ...]] = {
    clock: tuple(m for m, spec in MEASURES.items() if clock in spec.clocks)
    for clock in ("standing", "recurring", "cumulative", "once", "trend")
}
