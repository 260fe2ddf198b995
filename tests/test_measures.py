"""Every measure has one complete entry in plan/measures.py, everything that treats measures differently reads it,
its examples pass and fail through `planchk evaluate`, and docs/rules.md's list of measures is made from it.

PLANCHK_UPDATE_DOCS=1 rewrites that list in docs/rules.md from the entries instead of failing.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
from pathlib import Path
from typing import get_args

import pytest
import yaml

from conftest import ROOT, read_yaml
from planchk.i18n import LABELS
from planchk.judge.items import JUDGES
from planchk.plan.measures import (
    MEASURES,
    Clock,
    ExampleValue,
    JudgeName,
    Measure,
    MeasureSpec,
    ReadAs,
    Shown,
    TrendKind,
)
from planchk.render.plan_tables import TARGET_TEXT
from planchk.template import EXAMPLE_VALUES

RULES = ROOT / "docs" / "rules.md"
BEGIN = "<!-- measures: generated from src/planchk/plan/measures.py (tests/test_measures.py) -->"
END = "<!-- /measures -->"
# The item fields a measure may need (plan/schema.py Item).
ITEM_FIELDS = {"target", "min", "max", "vague", "entries"}


# ── one complete entry per measure ────────────────────────────────────────────────────────────────────
def test_every_measure_has_a_complete_entry() -> None:
    assert list(MEASURES) == list(get_args(Measure))
    for name, spec in MEASURES.items():
        assert spec.doc.strip() and spec.doc.rstrip().endswith("."), name
        assert spec.clocks and set(spec.clocks) <= set(get_args(Clock)), name
        assert set(spec.needs) <= ITEM_FIELDS, name
        assert spec.reads in get_args(ReadAs) and spec.trend in get_args(TrendKind), name
        assert (spec.passes.status, spec.fails.status != "pass") == ("pass", True), name
        for example in (spec.passes, spec.fails):
            assert example.says.strip() and set(example.item) >= {"clock", "comparator"}, name
            assert example.item["clock"] in spec.clocks, name
        # plan show names the measure in both languages
        assert all(f"plan.measure.{name}" in LABELS[lang] for lang in ("zh", "en")), name
        # a series on the plan's path needs a path; a number due needs the field it is read from
        assert spec.trend != "series" or spec.path, name
        assert not spec.path or spec.due_field in spec.needs, name
        assert spec.reads != "entries" or "entries" in spec.needs, name


def test_every_name_an_entry_gives_has_its_behaviour() -> None:
    """The judges, example values and plan-show texts the entries name exist, and none is left unused."""
    assert set(JUDGES) == set(get_args(JudgeName)) == {j for s in MEASURES.values() for j in s.clocks.values()}
    assert set(EXAMPLE_VALUES) == set(get_args(ExampleValue)) == {s.example_value for s in MEASURES.values()}
    assert set(TARGET_TEXT) == set(get_args(Shown)) == {s.shown for s in MEASURES.values()}


def test_no_module_but_the_registry_names_a_measure() -> None:
    """Code reads a measure's entry instead of comparing `measure` with a name (the drafter, plan/draft/, chooses
    measures for the text it drafts, which is what it is for)."""
    offenders = []
    for path in sorted((ROOT / "src" / "planchk").rglob("*.py")):
        if path.name == "measures.py" or "draft" in path.relative_to(ROOT / "src" / "planchk").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Attribute) and side.attr == "measure" for side in [node.left, *node.comparators]
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# ── the examples, through the CLI ─────────────────────────────────────────────────────────────────────
def _example_item(measure: Measure, which: str, spec: MeasureSpec) -> dict[str, object]:
    example = spec.passes if which == "passes" else spec.fails
    item_id = f"examples.{measure}.{which}"
    item: dict[str, object] = {
        "id": item_id,
        "name": {"zh": example.says, "en": example.says},
        "quote": example.says,
        "gloss": example.says,
        "measure": measure,
        **example.item,
    }
    if spec.reads == "entries":
        item["entries"] = [{"id": f"{item_id}.{k}", "name": {"zh": k, "en": k}} for k in ("a", "b")]
    return item


def _rows_of(item: dict[str, object], value: str) -> dict[str, str]:
    entries = item.get("entries")
    if isinstance(entries, list):
        return {str(e["id"]): value for e in entries}
    return {str(item["id"]): value}


def test_each_measure_passes_and_fails_its_examples_through_the_cli(cli, tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    shutil.copytree(ROOT / "plan", plan_dir)
    projects = read_yaml(plan_dir / "projects.yaml")
    items = [_example_item(m, w, spec) for m, spec in MEASURES.items() for w in ("passes", "fails")]
    projects["programmes"].append(
        {
            "id": "examples",
            "box": "examples",
            "title": {"zh": "示例", "en": "Examples"},
            "title_inferred": False,
            "subplans": [
                {"id": "examples.all", "number": None, "title": {"zh": "示例", "en": "Examples"}, "items": items}
            ],
        }
    )
    (plan_dir / "projects.yaml").write_text(yaml.safe_dump(projects, allow_unicode=True), encoding="utf-8")

    by_year: dict[int, dict[str, str]] = {}
    expected: dict[str, tuple[int, str]] = {}
    for measure, spec in MEASURES.items():
        for which, example in (("passes", spec.passes), ("fails", spec.fails)):
            item = _example_item(measure, which, spec)
            expected[str(item["id"])] = (example.year, example.status)
            if example.value is not None:
                by_year.setdefault(example.year, {}).update(_rows_of(item, example.value))
            if example.previous is not None:
                by_year.setdefault(example.year - 1, {}).update(_rows_of(item, example.previous))
    files = []
    for year, rows in sorted(by_year.items()):
        path = tmp_path / f"{year}.csv"
        path.write_text("id,value\n" + "".join(f"{k},{v}\n" for k, v in rows.items()), encoding="utf-8")
        files.append(path)
    result = cli("evaluate", *files, "--plan", plan_dir, "-f", "json")
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"]
    got = {
        (ev["year"], item["id"]): item["status"]
        for ev in report["files"]
        for programme in ev["programmes"]
        for item in programme["items"]
    }
    assert {k: got[(year, k)] for k, (year, _) in expected.items()} == {k: s for k, (_, s) in expected.items()}


# ── docs/rules.md ─────────────────────────────────────────────────────────────────────────────────────
def measures_markdown() -> str:
    """docs/rules.md's list of measures, one bullet an entry."""
    lines = [BEGIN]
    for name, spec in MEASURES.items():
        clocks = ", ".join(f"`{c}`" for c in spec.clocks)
        fails = "*Fails*" if spec.fails.status == "fail" else f"*Gets `{spec.fails.status}`*"
        lines.append(f"- **{name}** ({clocks}): {spec.doc} *Passes*: {spec.passes.says}. {fails}: {spec.fails.says}.")
    lines.append(END)
    return "\n".join(lines)


def test_rules_md_lists_every_measure_as_its_entry_says() -> None:
    text = RULES.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "docs/rules.md has lost its generated list of measures"
    start, end = text.index(BEGIN), text.index(END) + len(END)
    if os.environ.get("PLANCHK_UPDATE_DOCS") == "1":
        RULES.write_text(text[:start] + measures_markdown() + text[end:], encoding="utf-8")
        pytest.skip("docs/rules.md rewritten")
    assert text[start:end] == measures_markdown(), "regenerate with PLANCHK_UPDATE_DOCS=1"
