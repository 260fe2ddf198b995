"""Coverage of the source text (issue 13): `planchk plan check` reports every sentence of the plan's text that
states a commitment and is neither quoted by a target nor listed under `excluded` (docs/plan-format.md#coverage-
of-the-source-text). Everything runs through the CLI on real plan directories."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SOURCE_TEXT

PLAN = ROOT / "plan"
RIVERSIDE = ROOT / "tests" / "fixtures" / "plans" / "riverside"
SUMMARY = re.compile(r"(\d+) commitment sentence\(s\) in the source text: "
                     r"(\d+) quoted, (\d+) excluded, (\d+) uncovered")


def summary(stdout: str) -> str:
    """The closing summary, wrapped to the terminal: its lines after the findings, joined again."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("planchk "))
    return " ".join(line.strip() for line in lines[start:])


def counts(stdout: str) -> tuple[int, int, int, int]:
    m = SUMMARY.search(summary(stdout))
    assert m, stdout
    found, quoted, excluded, uncovered = map(int, m.groups())
    assert found == quoted + excluded + uncovered
    return found, quoted, excluded, uncovered


def findings(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    return lines[: next(i for i, line in enumerate(lines) if line.startswith("planchk "))]


def riverside(tmp_path: Path, append: str = "", edit=None) -> Path:
    """A copy of the Riverside fixture plan, its text with `append` as a new last line (or edited by `edit`)."""
    plan = tmp_path / "riverside"
    shutil.copytree(RIVERSIDE, plan)
    source = plan / "source.zh.txt"
    text = source.read_text(encoding="utf-8")
    if edit is not None:
        text = edit(text)
    if append:
        text = text.rstrip("\n") + "\n" + append + "\n"
    source.write_text(text, encoding="utf-8")
    return plan


def edit_targets(plan: Path, edit) -> Path:
    path = plan / "targets.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return plan


# ── the bundled plan ────────────────────────────────────────────────────────────────────────────
def test_bundled_plan_has_no_uncovered_commitment(cli) -> None:
    result = cli("plan", "check")
    assert result.exit_code == 0, result.output
    assert findings(result.stdout) == []
    found, quoted, excluded, uncovered = counts(result.stdout)
    assert uncovered == 0 and quoted > 100 and excluded > 0
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_bundled_exclusions_have_reasons_and_the_2035_vision_is_one(cli, tmp_path: Path) -> None:
    excluded = yaml.safe_load((PLAN / "targets.yaml").read_text(encoding="utf-8"))["excluded"]
    assert all(e["note"].strip() and e["reason"] for e in excluded)
    [vision] = [e for e in excluded if e["line"] == 120]
    assert vision["reason"] == "beyond_period"
    # without its entry, the vision's sentences are reported, with their line
    plan = tmp_path / "plan"
    shutil.copytree(PLAN, plan)
    edit_targets(plan, lambda t: re.sub(r"  - \{line: 120,.*\n.*\n", "", t))
    result = cli("plan", "check", plan)
    assert result.exit_code == 0, result.output
    warned = findings(result.stdout)
    assert len(warned) == 2 and all(f"{SOURCE_TEXT.name}:120: warning: " in line for line in warned)
    assert "到2035年,整体实现教育现代化" in warned[0] and "due year: 到2035年" in warned[0]
    assert counts(result.stdout)[3] == 2


# ── a fixture plan with one more commitment ────────────────────────────────────────────────────
def test_riverside_is_covered(cli) -> None:
    result = cli("plan", "check", RIVERSIDE)
    assert result.exit_code == 0 and findings(result.stdout) == [], result.output
    assert counts(result.stdout) == (6, 4, 2, 0)


def test_an_extra_commitment_sentence_is_caught_with_its_line(cli, tmp_path: Path) -> None:
    plan = riverside(tmp_path, "(四)改善办学条件。到2020年,全县建成标准化实验室30间。加强学校管理。")
    line = len((plan / "source.zh.txt").read_text(encoding="utf-8").splitlines())
    result = cli("plan", "check", plan)
    assert result.exit_code == 0, result.output  # a warning: the encoding is unfinished, the plan still works
    [warning] = findings(result.stdout)
    assert warning.startswith(f"{plan / 'source.zh.txt'}:{line}: warning: 到2020年,全县建成标准化实验室30间: ")
    assert "(due year: 到2020年, number: 30间, once: 建成)" in warning and "加强学校管理" not in warning
    assert counts(result.stdout) == (7, 4, 2, 1)


def test_a_sentence_counts_as_quoted_only_with_all_its_numbers(cli, tmp_path: Path) -> None:
    """新建中小学校6所 is encoded; the 2 所 in the same sentence is not, so the sentence is not covered."""
    plan = riverside(tmp_path, edit=lambda t: t.replace("新建中小学校6所,", "新建中小学校6所、九年一贯制学校2所,"))
    [warning] = findings(cli("plan", "check", plan).stdout)
    assert ":27: warning: " in warning and "quoted by box1.1.new_schools" in warning and "2所" in warning
    # listing the rest under `excluded` covers it
    edit_targets(plan, lambda t: t + "  - {line: 27, quote: 九年一贯制学校2所, reason: vague, note: invented}\n")
    result = cli("plan", "check", plan)
    assert findings(result.stdout) == [] and counts(result.stdout) == (6, 3, 3, 0)


# ── `excluded` entries that no longer fit ──────────────────────────────────────────────────────
def test_an_exclusion_whose_text_is_gone_is_an_error(cli, tmp_path: Path) -> None:
    plan = riverside(tmp_path, edit=lambda t: t.replace("全县教育事业稳步发展", "全县教育事业快速发展"))
    result = cli("plan", "check", plan)
    assert result.exit_code == 1, result.output
    [error] = [line for line in findings(result.stdout) if ": error: " in line]
    assert error.startswith(f"{plan / 'targets.yaml'}: error: excluded: line 7: no longer matches the text")
    # and the review sentence it excluded is reported again
    assert any(":7: warning: 2015年,全县中小学在校学生12.0万人" in line for line in findings(result.stdout))


def test_an_exclusion_that_moved_names_the_line_it_is_on(cli, tmp_path: Path) -> None:
    plan = riverside(tmp_path, edit=lambda t: "\n" + t)  # every line one further down
    result = cli("plan", "check", plan)
    assert result.exit_code == 1
    assert "excluded: line 7: no longer matches the text" in result.stdout and "(it is on line 8)" in result.stdout


def test_an_exclusion_that_excludes_nothing_is_a_warning(cli, tmp_path: Path) -> None:
    plan = edit_targets(riverside(tmp_path), lambda t: t + "  - {line: 27, quote: 新建中小学校6所, reason: vague, "
                        "note: already quoted by box1.1.new_schools}\n")
    result = cli("plan", "check", plan)
    assert result.exit_code == 0
    [warning] = findings(result.stdout)
    assert "warning: excluded: line 27: excludes nothing" in warning


def test_a_duplicate_names_a_known_target(cli, tmp_path: Path) -> None:
    plan = edit_targets(riverside(tmp_path), lambda t: t.replace("target: schools.dropout_rate", "target: x.nope"))
    result = cli("plan", "check", plan)
    assert result.exit_code == 1 and "excluded: line 11: a duplicate of unknown id 'x.nope'" in result.stdout
    no_target = edit_targets(riverside(tmp_path / "b"), lambda t: t.replace("    target: schools.dropout_rate\n", ""))
    result = cli("plan", "check", no_target)
    assert result.exit_code == 2 and "reason 'duplicate' needs `target`" in result.output
    bad_reason = edit_targets(riverside(tmp_path / "c"), lambda t: t.replace("reason: review", "reason: boring"))
    assert cli("plan", "check", bad_reason).exit_code == 2


# ── each rule: a sentence of the Dadukou text and an invented one ──────────────────────────────
RULES = [  # rule, word found and sentence of the Dadukou text, word found and invented sentence
    ("due year", "到2025年", "到2025年彻底消除56人以上大班额", "到2018年", "到2018年全县中小学实现午餐供应"),
    ("number", "10个", "建设10个中小学思想政治教育工作室", "40名", "为每个乡镇配备心理教师40名"),
    ("recurring", "每年", "每年召开一次专题会议", "每学期", "每学期开展一次消防演练"),
    ("trend", "逐年", "逐年提高公办园在园幼儿人数占比", "逐年", "学校图书馆藏书量逐年增加"),
    ("cumulative", "5年内", "5年内对辖区基层党组织领导班子成员进行3轮全覆盖培训", "累计", "三年内累计培训家长"),
    ("standing", "全员", "幼儿园教职工依法全员纳入社会保障体系", "全覆盖", "校园食堂食品留样全覆盖"),
    ("once", "设立", "设立民办学校联合党支部", "成立", "成立县校园足球协会"),
    ("promise", "力争", "力争培育具有市内外影响力的党建特色品牌", "确保", "确保校车安全运行"),
    ("vague amount", "一批", "打造一批学生发展指导优秀案例", "数百", "评选数百名优秀少先队员"),
    ("every one", "每一位", "每一位学生掌握1至2项运动技能", "每一所", "每一所学校配备校医"),
    ("eliminate", "全面消除", "全面消除无证上岗现象", "基本消除", "基本消除校园欺凌"),
]


@pytest.mark.parametrize("rule, word, dadukou, invented_word, invented", RULES, ids=[r[0] for r in RULES])
def test_each_rule_finds_its_commitment(cli, tmp_path: Path, rule: str, word: str, dadukou: str,
                                        invented_word: str, invented: str) -> None:
    assert dadukou in SOURCE_TEXT.read_text(encoding="utf-8")
    plan = riverside(tmp_path, f"{dadukou}。{invented}。")
    result = cli("plan", "check", plan)
    dadukou_line, invented_line = findings(result.stdout)
    assert f": warning: {dadukou}: states a commitment (" in dadukou_line and f"{rule}: {word}" in dadukou_line
    # the invented sentence has this rule's word and no other rule's
    assert f": warning: {invented}: states a commitment ({rule}: {invented_word}) " in invented_line, invented_line


def test_a_sentence_without_a_rule_word_states_no_commitment(cli, tmp_path: Path) -> None:
    plan = riverside(tmp_path, "加强学校管理,深化课程改革。推进家校合作;优化教师结构。")
    result = cli("plan", "check", plan)
    assert findings(result.stdout) == [] and counts(result.stdout) == (6, 4, 2, 0)
