"""The bundled plan: fixed ids, faithful to the source, strict loading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SOURCE_TEXT
from planchk.errors import PlanError
from planchk.plan import Plan, load_contract, load_plan

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


def test_cached_plan_equals_a_fresh_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHK_CACHE_DIR", str(tmp_path / "cache"))
    first = load_plan()
    assert len(list((tmp_path / "cache").glob("plan-*.pickle"))) == 1
    second = load_plan()  # from the cache
    monkeypatch.setenv("PLANCHK_NO_CACHE", "1")
    fresh = load_plan()
    assert second.indicators == first.indicators == fresh.indicators
    assert second.programmes == fresh.programmes and second.conflicts == fresh.conflicts


def test_editing_the_plan_invalidates_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHK_CACHE_DIR", str(tmp_path / "cache"))
    d = copy_plan(tmp_path / "p", lambda t: t) if (tmp_path / "p").mkdir() is None else None
    assert load_plan(d).indicator_by_id["preschool.enrolment"].final.value == 1.97
    text = (d / "targets.yaml").read_text(encoding="utf-8")
    (d / "targets.yaml").write_text(text.replace('value: 1.97, comparator: ">=", as_written: "1.97"',
                                                 'value: 2.07, comparator: ">=", as_written: "2.07"'), encoding="utf-8")
    assert load_plan(d).indicator_by_id["preschool.enrolment"].final.value == 2.07


def test_a_broken_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHK_CACHE_DIR", str(tmp_path))
    load_plan()
    [cached] = tmp_path.glob("plan-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert len(load_plan().indicators) == 13


def test_cached_contract_equals_the_plans_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHK_CACHE_DIR", str(tmp_path))
    plan = load_plan()  # a fresh load stores both the plan and its contract
    [stored] = tmp_path.glob("contract-*.marshal")
    cached = load_contract()
    assert cached == plan.contract
    # 13 indicators, 200 items and 75 entries of the bundled plan, each with how its value is read.
    assert len(cached.specs) == 13 + 200 + 75
    assert cached.specs["preschool.enrolment"][:2] == ("number", "万人")
    assert {spec[0] for spec in cached.specs.values()} == {"number", "status", "entries", "derived"}
    assert cached.parts_of == {k: list(v) for k, v in plan.parts_of.items()} and cached.parts_of
    assert stored.stat().st_size > 0


def test_validate_needs_only_the_cached_contract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    """With the contract cached, the plan's pickled models are not read at all (that is what makes it fast)."""
    monkeypatch.setenv("PLANCHK_CACHE_DIR", str(tmp_path))
    load_plan()
    [pickled] = tmp_path.glob("plan-*.pickle")
    pickled.write_bytes(b"not a pickle")
    result = cli("validate", DATA / "2022.csv", "--format", "json")
    assert result.exit_code == 0, result.output
    assert pickled.read_bytes() == b"not a pickle"  # validate did not load (nor rewrite) the plan
    result = cli("evaluate", DATA / "2022.csv", "--format", "json")
    assert result.exit_code in (0, 1) and '"indicators"' in result.output  # evaluate falls back to the YAML
    assert pickled.read_bytes() != b"not a pickle"  # ... and caches the plan again


@pytest.mark.parametrize("garbage", [b"not marshal", b"", None])
def test_a_broken_or_foreign_contract_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      garbage: bytes | None) -> None:
    import marshal

    monkeypatch.setenv("PLANCHK_CACHE_DIR", str(tmp_path))
    plan = load_plan()
    [stored] = tmp_path.glob("contract-*.marshal")
    # None: valid marshal data of another layout (an older planchk's), which must not be taken as a contract.
    stored.write_bytes(garbage if garbage is not None else marshal.dumps((0, "old", "layout")))
    assert load_contract() == plan.contract


def test_line_map_is_built_only_when_a_message_needs_a_line(tmp_path: Path) -> None:
    from planchk.yamlfile import load_yaml

    f = tmp_path / "t.yaml"
    f.write_text("a: 1\nb:\n  - {x: 1}\n  - {x: 2,\n     y: three}\n", encoding="utf-8")
    doc = load_yaml(f)
    assert doc.data == {"a": 1, "b": [{"x": 1}, {"x": 2, "y": "three"}]}
    assert doc._lines is None  # a clean load records no lines
    assert doc.line_of(("b", 1, "y")) == 5 and doc.line_of(("b", 0)) == 3
    assert doc.line_of(("b", 1, "nope")) == 4  # the deepest known prefix


def test_no_cache_means_no_pickling(monkeypatch: pytest.MonkeyPatch) -> None:
    from planchk import plan_cache

    monkeypatch.setenv("PLANCHK_NO_CACHE", "1")

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the plan was pickled although the cache is off")

    monkeypatch.setattr(plan_cache.pickle, "dumps", refuse)
    monkeypatch.setattr(plan_cache.marshal, "dumps", refuse)
    assert len(load_plan().indicators) == 13 and len(load_contract().specs) == 288


def test_plan_models_survive_pickling_whole() -> None:
    """The cache's lean pickled state (plan.Model.__getstate__) restores equal, frozen, copyable models."""
    import pickle

    plan = load_plan()
    assert isinstance(plan.indicators[0].__getstate__(), tuple)  # the lean form is the one in use
    restored = pickle.loads(pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
    ind = restored.indicator_by_id["preschool.enrolment"]
    assert restored.indicators == plan.indicators and restored.programmes == plan.programmes
    assert ind.model_fields_set == plan.indicator_by_id["preschool.enrolment"].model_fields_set
    assert ind.model_dump() == plan.indicator_by_id["preschool.enrolment"].model_dump()
    with pytest.raises(Exception, match="frozen"):
        ind.unit = "人"  # type: ignore[misc]
    copy = ind.model_copy(update={"unit": "人"})
    assert copy.unit == "人" and ind.unit == "万人" and "unit" in copy.model_fields_set
