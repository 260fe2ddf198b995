"""An option value that matches nothing is an error (exit 2 listing the choices), checked before any file is
read; `trend --only programmes` shows the programme items only."""

from __future__ import annotations

import pytest

from conftest import DATA, EARLY_YEARS, ROOT
from planchk.plan.model import Plan

RIVERSIDE = ROOT / "tests" / "fixtures" / "plans" / "riverside"


def items_title(plan: Plan, programme_id: str) -> str:
    """The title line of one programme's item table (English)."""
    p = next(p for p in plan.programmes if p.id == programme_id)
    return f"{p.box} {p.title.en}"


@pytest.mark.parametrize("value, programme_id", [
    ("4", "box4"), ("专栏4", "box4"), ("box4", "box4"), ("BOX4", "box4"), (" 4 ", "box4"),
    ("8", "box8"), ("text", "text"), ("正文", "text"),
])
def test_a_programme_by_number_box_or_id(cli, plan: Plan, value: str, programme_id: str) -> None:
    result = cli("evaluate", DATA / "2022.csv", "--programme", value)
    assert result.exit_code == 0, result.stderr
    assert items_title(plan, programme_id) in result.stdout
    others = [p.id for p in plan.programmes if p.id != programme_id]
    assert not any(items_title(plan, other) in result.stdout for other in others)


@pytest.mark.parametrize("value", ["99", "abc", "1", "9", "专栏1", "box9", "专栏", ""])
def test_a_programme_that_matches_nothing_is_exit_2_listing_the_choices(cli, value: str) -> None:
    result = cli("evaluate", DATA / "2022.csv", "--programme", value, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""  # refused before any file is judged
    assert f"--programme: error: '{value}' names no programme of plan dadukou-education-14th-fyp" in result.stderr
    assert "choose one of: 专栏2 (2, box2), 专栏3 (3, box3)" in result.stderr and "正文 (text)" in result.stderr
    assert "internal error" not in result.stderr


def test_the_choices_come_from_the_plan_given(cli, tmp_path) -> None:
    data = RIVERSIDE / "data"
    csv = sorted(data.glob("*.csv"))[0]
    result = cli("evaluate", csv, "--plan", RIVERSIDE, "--programme", "4")
    assert result.exit_code == 2
    assert "choose one of: 专栏1 (1, box1), 专栏2 (2, box2)" in result.stderr
    assert cli("evaluate", csv, "--plan", RIVERSIDE, "--programme", "1").exit_code == 0


def test_trend_only_programmes_shows_the_items_only(cli, plan: Plan) -> None:
    files = list(EARLY_YEARS)
    indicator = plan.indicators[0].name.en
    both = cli("trend", *files).stdout
    assert indicator in both and "Countable programme items" in both
    programmes = cli("trend", *files, "--only", "programmes")
    assert programmes.exit_code == 0
    assert indicator not in programmes.stdout and "Countable programme items" in programmes.stdout
    indicators = cli("trend", *files, "--only", "indicators").stdout
    assert indicator in indicators and "Countable programme items" not in indicators
