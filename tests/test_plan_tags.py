"""A plan YAML carries plain data only: any tag other than YAML's core types and dates, on a scalar, a mapping
or a list, is refused with its line (exit 2), never handed to a constructor (planchk.plan.yaml_safe)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT

PLAN = ROOT / "plan"
BASELINE = "    baseline: {year: 2020, value: 1.47}\n"  # the first indicator's baseline in plan/targets.yaml
CASES = {
    # name: (the baseline line replaced by, the tag planchk names)
    "python_object_on_a_mapping": ("    baseline: !!python/object:os.system {year: 2020, value: 1.47}\n",
                                   "!!python/object:os.system"),
    "python_object_apply_on_a_sequence": ("    baseline: !!python/object/apply:os.system [echo hi]\n",
                                          "!!python/object/apply:os.system"),
    "python_tuple_on_a_sequence": ("    baseline: {year: 2020, value: !!python/tuple [1]}\n", "!!python/tuple"),
    "python_name_on_a_scalar": ("    baseline: {year: 2020, value: !!python/name:os.system x}\n",
                                "!!python/name:os.system"),
    "binary_scalar": ("    baseline: {year: 2020, value: !!binary aGVsbG8=}\n", "!!binary"),
    "set_on_a_mapping": ("    baseline: !!set {year: null}\n", "!!set"),
    "omap_on_a_sequence": ("    baseline: !!omap [year: 2020]\n", "!!omap"),
    "local_tag_on_a_mapping": ("    baseline: !point {year: 2020, value: 1.47}\n", "!point"),
    "local_tag_on_a_scalar": ("    baseline: {year: 2020, value: !num 1.47}\n", "!num"),
}


def plan_with(tmp_path: Path, targets: str, projects: str | None = None) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(PLAN, folder)
    (folder / "targets.yaml").write_text(targets, encoding="utf-8")
    if projects is not None:
        (folder / "projects.yaml").write_text(projects, encoding="utf-8")
    return folder


def bundled(name: str) -> str:
    return (PLAN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_tag_is_refused_with_its_line(cli, tmp_path: Path, case: str) -> None:
    text = bundled("targets.yaml")
    assert text.count(BASELINE) == 1
    line = text[: text.index(BASELINE)].count("\n") + 1
    replacement, tag = CASES[case]
    folder = plan_with(tmp_path, text.replace(BASELINE, replacement))
    result = cli("evaluate", DATA / "2022.csv", "--plan", folder)
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr
    assert f"targets.yaml:{line}: error: YAML tag {tag} is not allowed in plan files" in result.stderr, result.stderr
    assert cli("plan", "check", folder).exit_code == 2


def test_a_tag_on_the_whole_document_is_refused(cli, tmp_path: Path) -> None:
    folder = plan_with(tmp_path, "--- !!python/object:os.system\n" + bundled("targets.yaml"))
    result = cli("evaluate", DATA / "2022.csv", "--plan", folder)
    assert result.exit_code == 2
    assert "targets.yaml:1: error: YAML tag !!python/object:os.system is not allowed" in result.stderr


def test_a_tag_in_projects_is_refused_too(cli, tmp_path: Path) -> None:
    projects = bundled("projects.yaml")
    key = "programmes:\n"
    assert projects.count(key) == 1
    line = projects[: projects.index(key)].count("\n") + 1
    folder = plan_with(tmp_path, bundled("targets.yaml"), projects.replace(key, "programmes: !!python/tuple\n"))
    result = cli("evaluate", DATA / "2022.csv", "--plan", folder)
    assert result.exit_code == 2
    assert f"projects.yaml:{line}: error: YAML tag !!python/tuple is not allowed" in result.stderr


def test_core_tags_and_dates_are_plain_data(cli, tmp_path: Path) -> None:
    """Written core tags are fine (`!!map`, `!!str`, `!!float`), and so are the plan's dates."""
    text = bundled("targets.yaml").replace(BASELINE, "    baseline: !!map {year: !!int 2020, value: !!float 1.47}\n")
    assert "written: 2021-10-29" in text
    result = cli("evaluate", DATA / "2022.csv", "--plan", plan_with(tmp_path, text))
    assert result.exit_code == 0, result.stderr


def test_a_merge_key_is_named_as_such(cli, tmp_path: Path) -> None:
    text = bundled("targets.yaml").replace(BASELINE, BASELINE + "    <<: {unit: 人}\n")
    result = cli("evaluate", DATA / "2022.csv", "--plan", plan_with(tmp_path, text))
    assert result.exit_code == 2 and "YAML merge keys (<<) are not allowed in plan files" in result.stderr
