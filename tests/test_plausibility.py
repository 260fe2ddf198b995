"""Plausibility before judging (docs/bad-input.md#plausibility): unit slips are refused, real figures pass."""

from __future__ import annotations

from pathlib import Path

from conftest import one_file, write_csv


def test_dadukou_2023_enrolment_figures_are_judged_normally(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2023.csv", {"compulsory.primary_enrolment": "2.9722",
                                          "compulsory.junior_secondary_enrolment": "1.2074",
                                          "compulsory.enrolment": "4.1796"})
    result = cli("evaluate", f, "-f", "json")
    report = one_file(result)
    got = {r["id"]: r["actual"] for r in report["indicators"]}
    assert (got["compulsory.primary_enrolment"], got["compulsory.enrolment"]) == (2.9722, 4.1796)
    assert report["consistency"] == []  # 2.9722 + 1.2074 = 4.1796


def test_a_figure_divided_by_1000_not_10000_is_refused(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2023.csv", {"compulsory.primary_enrolment": "29.722"})
    result = cli("evaluate", f)
    assert result.exit_code == 2
    assert "29.722 万人" in result.stderr and "2.52" in result.stderr and "10 000" in result.stderr
    assert "Summary" not in result.stdout  # the file was not judged


def test_a_fraction_for_a_percentage_is_refused(cli, tmp_path: Path) -> None:
    result = cli("validate", write_csv(tmp_path / "2023.csv", {"preschool.gross_enrolment_rate": "0.998"}))
    assert result.exit_code == 2 and "(99.8, not 0.998)" in result.stderr


def test_yuan_after_wan_yuan_the_year_before_is_refused(cli, tmp_path: Path) -> None:
    a = write_csv(tmp_path / "2022.csv", {"text.finance.budget_education_spending": "124300"})
    b = write_csv(tmp_path / "2023.csv", {"text.finance.budget_education_spending": "1243000000"})
    result = cli("evaluate", a, b, "-f", "json")
    assert result.exit_code == 2
    assert "previous year's 124300" in result.stderr and "not 万元" in result.stderr
    import json

    report = json.loads(result.stdout)
    assert [f["year"] for f in report["files"]] == [2022]  # the good year is still judged
    assert report["errors"][0]["code"] == "input.implausible" and report["errors"][0]["message_zh"]
    # the same with --previous
    assert cli("evaluate", b, "--previous", a).exit_code == 2
    # an ordinary rise passes
    c = write_csv(tmp_path / "2023.csv", {"text.finance.budget_education_spending": "129900"})
    ok = cli("evaluate", a, c)
    assert ok.exit_code != 2 and "plausib" not in ok.stderr


def test_a_confirmed_extreme_value_is_judged_with_a_notice(cli, tmp_path: Path) -> None:
    f = tmp_path / "2023.csv"
    f.write_text("id,value,note\ncompulsory.primary_enrolment,29.722,确认:含外区借读生\n", encoding="utf-8")
    report = one_file(cli("evaluate", f, "-f", "json"))
    assert any(n["code"] == "notice.implausible_confirmed" for n in report["notices"])


def test_small_counts_of_things_built_may_jump(cli, tmp_path: Path) -> None:
    """10 思政示范学校 by 2025: 9 in 2022 (more than twice the path's 4) is a result, not a slip."""
    f = write_csv(tmp_path / "2022.csv", {"box3.1.ideology_model_schools": "9", "compulsory.retention_rate": 100})
    result = cli("evaluate", f, "-f", "json")
    assert result.exit_code == 0 and "plausib" not in result.stderr
    assert one_file(result)["year"] == 2022
