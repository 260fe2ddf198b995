"""The bundled plan: fixed ids, faithful to the source, strict loading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SOURCE_TEXT
from planchk.diagnostics import PlanError
from planchk.plan.load import load_plan
from planchk.plan.model import Plan

FIXED_IDS = [
    "preschool.enrolment", "preschool.gross_enrolment_rate", "preschool.inclusive_rate", "preschool.public_share",
    "compulsory.enrolment", "compulsory.primary_enrolment", "compulsory.junior_secondary_enrolment",
    "compulsory.retention_rate", "upper_secondary.enrolment", "upper_secondary.general_enrolment",
    "upper_secondary.vocational_enrolment", "upper_secondary.gross_enrolment_rate",
    "human_resources.avg_schooling_years",
]


def squash(text: str) -> str:
    return re.sub(r"[\s|]", "", text)


def test_the_13_fixed_ids_in_order(plan: Plan) -> None:
    assert [i.id for i in plan.indicators] == FIXED_IDS


def test_only_retention_rate_is_binding(plan: Plan) -> None:
    assert [i.id for i in plan.indicators if i.attribute == "binding"] == ["compulsory.retention_rate"]


def test_every_indicator_quote_is_in_the_source(plan: Plan) -> None:
    source = squash(SOURCE_TEXT.read_text(encoding="utf-8"))
    for ind in plan.indicators:
        assert ind.source.box == "专栏1"
        assert squash(ind.source.quote) in source, ind.id
        # the numbers in the quote are the numbers encoded
        cells = [c.strip() for c in ind.source.quote.split("|")]
        assert float(cells[1]) == ind.baseline.value
        assert [c.lstrip("≥") for c in cells[2:4]] == [t.as_written.lstrip("≥") for t in ind.targets]
        assert [float(c.lstrip("≥")) for c in cells[2:4]] == [t.value for t in ind.targets]
        assert cells[4] == {"binding": "约束性", "indicative": "预期性"}[ind.attribute]


def test_conflict_quotes_are_in_the_source(plan: Plan) -> None:
    source = squash(SOURCE_TEXT.read_text(encoding="utf-8"))
    for conflict in plan.conflicts:
        for src in conflict.sources:
            assert squash(src.quote) in source, (conflict.id, src.quote)


def test_parts_add_up_in_the_plan_itself(plan: Plan) -> None:
    for total_id, parts in plan.parts_of.items():
        total = plan.indicator_by_id[total_id]
        assert plan.indicator_by_id[parts[0]].baseline.value + plan.indicator_by_id[parts[1]].baseline.value == \
            pytest.approx(total.baseline.value)
        for i, t in enumerate(total.targets):
            assert sum(plan.indicator_by_id[p].targets[i].value for p in parts) == pytest.approx(t.value)


def copy_plan(tmp_path: Path, edit) -> Path:
    text = (ROOT / "plan" / "targets.yaml").read_text(encoding="utf-8")
    (tmp_path / "targets.yaml").write_text(edit(text), encoding="utf-8")
    return tmp_path


def test_duplicate_yaml_key_is_an_error_with_line(tmp_path: Path) -> None:
    d = copy_plan(tmp_path, lambda t: t.replace("    unit: 万人\n", "    unit: 万人\n    unit: 人\n", 1))
    with pytest.raises(PlanError) as exc:
        load_plan(d)
    [problem] = exc.value.problems
    assert "duplicate key 'unit'" in problem.message
    lines = (d / "targets.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "unit: 人"


def test_unknown_field_is_an_error_with_line(tmp_path: Path) -> None:
    d = copy_plan(tmp_path, lambda t: t.replace("    kind: rate\n", "    kind: rate\n    unitt: x\n", 1))
    with pytest.raises(PlanError) as exc:
        load_plan(d)
    [problem] = exc.value.problems
    assert "unitt" in problem.message and "Extra inputs are not permitted" in problem.message
    lines = (d / "targets.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "unitt: x"


def test_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    d = copy_plan(tmp_path, lambda t: t.replace("schema_version: 1", "schema_version: 9"))
    with pytest.raises(PlanError, match="schema_version 9 is not supported"):
        load_plan(d)


def test_yaml_aliases_are_refused_quickly(tmp_path: Path) -> None:
    bomb = "schema_version: 1\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]\n"
    (tmp_path / "targets.yaml").write_text(bomb, encoding="utf-8")
    with pytest.raises(PlanError, match="aliases"):
        load_plan(tmp_path)


def test_not_yaml_is_a_plan_error(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_text("a: [1, 2\nb: :\n", encoding="utf-8")
    with pytest.raises(PlanError, match="not valid YAML") as exc:
        load_plan(tmp_path)
    assert exc.value.problems[0].line is not None


def test_editing_the_plan_is_seen_by_the_next_load(tmp_path: Path) -> None:
    d = copy_plan(tmp_path / "p", lambda t: t) if (tmp_path / "p").mkdir() is None else None
    assert load_plan(d).indicator_by_id["preschool.enrolment"].final.value == 1.97
    text = (d / "targets.yaml").read_text(encoding="utf-8")
    (d / "targets.yaml").write_text(text.replace('value: 1.97, comparator: ">=", as_written: "1.97"',
                                                 'value: 2.07, comparator: ">=", as_written: "2.07"'), encoding="utf-8")
    assert load_plan(d).indicator_by_id["preschool.enrolment"].final.value == 2.07


def test_line_map_is_built_only_when_a_message_needs_a_line(tmp_path: Path) -> None:
    from planchk.plan.yaml_safe import load_yaml

    f = tmp_path / "t.yaml"
    f.write_text("a: 1\nb:\n  - {x: 1}\n  - {x: 2,\n     y: three}\n", encoding="utf-8")
    doc = load_yaml(f)
    assert doc.data == {"a": 1, "b": [{"x": 1}, {"x": 2, "y": "three"}]}
    assert doc._lines is None  # a clean load records no lines
    assert doc.line_of(("b", 1, "y")) == 5 and doc.line_of(("b", 0)) == 3
    assert doc.line_of(("b", 1, "nope")) == 4  # the deepest known prefix


def test_plan_files_read_as_pyyaml_reads_them() -> None:
    """plan/yaml_nodes.py resolves each plain scalar's tag once per text: the data must be PyYAML's own, for the
    bundled plan, every fixture plan, and scalars of every type."""
    import yaml

    from planchk.plan.yaml_safe import load_yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(ROOT.glob("plan/*.yaml")) + sorted(ROOT.glob("tests/fixtures/plans/*/*.yaml"))
    assert len(files) >= 6
    for path in files:
        assert load_yaml(path).data == yaml.load(path.read_text(encoding="utf-8-sig"), Loader=loader), path
    text = ("a: [1, '1', 1.5, .5e3, 1e3, 0x1f, 0o17, true, 'true', yes, ~, null, '', 2025-01-02, 1_000, .inf,\n"
            "    -.nan, 12:30, \"x\", 年份, [x, 1], {k: 2}]\nb: 1\n")
    from planchk.plan import yaml_safe

    parsed = yaml_safe._parse("inline.yaml", text, record_lines=False)[0]
    expected = yaml.load(text, Loader=loader)
    assert repr(parsed) == repr(expected)  # repr: nan != nan


def test_a_path_resolver_is_still_honoured() -> None:
    """With a path resolver a tag depends on the node's place, not only its text: then PyYAML resolves each."""
    import yaml

    from planchk.plan.yaml_nodes import PlanLoader

    class Placed(PlanLoader):  # type: ignore[misc]
        yaml_path_resolvers: dict = {}

    yaml.add_path_resolver("tag:yaml.org,2002:int", ["a"], yaml.ScalarNode, Loader=Placed)
    assert yaml.load("a: '12'\nb: '12'\n", Loader=Placed) == {"a": 12, "b": "12"}
    assert yaml.load("a: '12'\nb: '12'\n", Loader=PlanLoader) == {"a": "12", "b": "12"}
