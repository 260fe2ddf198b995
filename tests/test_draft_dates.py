"""A 15th-plan sentence gives one target at two years: 到2028年，学前三年毛入园率达到92%，2030年达到95%以上. The year
alone dates the clauses after it, and a clause that starts with a year is the subject of the clause before at that
year: two targets of one name, due 2028 and 2030, each quoting its own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import read_yaml

TEXT = """清河县教育事业发展“十五五”规划（2026—2030年）

二、发展目标

到2030年，教育现代化水平显著提升。

（一）学前教育。到2028年，学前三年毛入园率达到92%，2030年达到95%以上。新建公办幼儿园3所。
"""


def test_a_target_at_two_years_is_two_dated_items_of_one_name(cli, tmp_path: Path) -> None:
    source = tmp_path / "plan.zh.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert cli("plan", "draft", source, "-o", tmp_path / "out").exit_code == 0
    programmes = read_yaml(tmp_path / "out" / "projects.yaml")["programmes"]
    items = [i for p in programmes for s in p["subplans"] for i in s["items"]]
    got = [(i["name"]["zh"], i["target"], i["due"], i["quote"]) for i in items]
    assert got == [
        ("学前三年毛入园率", 92, 2028, "学前三年毛入园率达到92%"),
        ("学前三年毛入园率", 95, 2030, "2030年达到95%以上"),
        ("公办幼儿园", 3, 2030, "新建公办幼儿园3所"),  # a new sentence: the plan's last year again
    ]
    assert len({i["id"] for i in items}) == 3
    assert [i["comparator"] for i in items[:2]] == [">=", ">="]


def test_a_draft_without_an_indicator_table_is_evaluated_without_an_empty_one(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "plan.zh.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert cli("plan", "draft", source, "-o", tmp_path / "out").exit_code == 0
    form = tmp_path / "2028.csv"
    assert cli("template", "2028", "--plan", tmp_path / "out", "-o", form).exit_code == 0
    monkeypatch.setenv("PLANCHK_LANG", "zh")
    monkeypatch.chdir(tmp_path)
    out = cli("evaluate", "2028.csv", "--plan", "out").stdout
    assert "注意：规划中有 3 个目标为草稿、尚待审核（review: pending），结论仅供参考" in out
    assert "正文中的可核查目标（标题为推断）" in out  # the programme table, and no indicator table nor its legend
    assert "┃ 指标" not in out and "规划值（" not in out


def test_all_of_them_by_a_later_year_is_the_share_before_at_100(cli, tmp_path: Path) -> None:
    """到2028年，60%的义务教育学校达到优质均衡标准，到2030年全部达到: the 2030 clause has no number of its own, so it
    was not drafted, and `plan check` counted the sentence as quoted by the 2028 target alone. 全部达到 is the share
    of the clause before at 100 %, due in its year, quoting its own words."""
    source = tmp_path / "plan.zh.txt"
    source.write_text("某县教育事业发展“十五五”规划（2026—2030年）\n\n二、发展目标\n\n"
                      "到2028年，60%的义务教育学校达到优质均衡标准，到2030年全部达到。\n", encoding="utf-8")
    assert cli("plan", "draft", source, "-o", tmp_path / "out").exit_code == 0
    programmes = read_yaml(tmp_path / "out" / "projects.yaml")["programmes"]
    items = [i for p in programmes for s in p["subplans"] for i in s["items"]]
    got = [(i["measure"], i["target"], i["due"], i["quote"]) for i in items]
    assert got == [
        ("rate", 60, 2028, "60%的义务教育学校达到优质均衡标准"),
        ("rate", 100, 2030, "到2030年全部达到"),
    ]
    assert "全部达到 read as 100 %" in items[1]["note"]


def test_every_view_of_a_draft_plan_says_its_verdicts_are_provisional(cli, tmp_path: Path) -> None:
    """evaluate's table said a draft plan's verdicts are provisional; its Markdown, trend and the report, the document
    most likely to be circulated, did not."""
    source = tmp_path / "plan.zh.txt"
    source.write_text(TEXT, encoding="utf-8")
    plan = tmp_path / "out"
    assert cli("plan", "draft", source, "-o", plan).exit_code == 0
    forms = [tmp_path / "d" / f"{year}.csv" for year in (2028, 2029)]
    for form in forms:
        assert cli("template", form.stem, "--plan", plan, "--example", "-o", form).exit_code == 0
    said = "注意：规划中有 3 个目标为草稿、尚待审核（review: pending），结论仅供参考"
    views = {
        "evaluate markdown": cli("evaluate", forms[1], "--plan", plan, "-f", "markdown", "--lang", "zh").stdout,
        "trend": cli("trend", *forms, "--plan", plan, "--lang", "zh").stdout,
        "report markdown": cli("report", *forms, "--plan", plan, "--lang", "zh").stdout,
        "report html": cli("report", *forms, "--plan", plan, "-f", "html", "--lang", "zh").stdout,
    }
    assert {name: said in text for name, text in views.items()} == dict.fromkeys(views, True)
