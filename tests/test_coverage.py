"""Coverage of the source text: every sentence of the plan's text is quoted (each of its clauses with its own
action quoted by a target), excluded (listed under `excluded` with a reason) or uncovered, and `plan check` and
`plan coverage` fail on an uncovered one (docs/plan-format.md#coverage-of-the-source-text). Everything runs through
the CLI on real plan directories."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SOURCE_TEXT, read_yaml

PLAN = ROOT / "plan"
RIVERSIDE = ROOT / "tests" / "fixtures" / "plans" / "riverside"
SUMMARY = re.compile(r"(\d+) sentence\(s\) in the source text: (\d+) quoted, (\d+) excluded, (\d+) uncovered")


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


def squashed(text: str) -> str:
    return re.sub(r"[\s|]", "", text)


def coverage_json(cli, plan: Path | None = None) -> dict:
    result = cli("plan", "coverage", *([plan] if plan else []), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# ── the bundled plan ────────────────────────────────────────────────────────────────────────────
def test_bundled_plan_has_no_uncovered_sentence(cli) -> None:
    result = cli("plan", "check")
    assert counts(result.stdout)[3] == 0 and result.exit_code == 0, result.stdout
    assert cli("plan", "coverage").exit_code == 0


def test_every_sentence_of_the_bundled_text_is_listed_once_with_its_status(cli) -> None:
    """The JSON holds every sentence, and their texts (with their marks) give back every line of the text."""
    doc = coverage_json(cli)
    text = SOURCE_TEXT.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
    by_line: dict[int, str] = {}
    for s in doc["sentences"]:
        assert s["status"] in ("quoted", "excluded", "uncovered")
        assert squashed("".join(c["text"] for c in s["clauses"])) == squashed(s["text"]).rstrip("。；;")
        by_line[s["line"]] = by_line.get(s["line"], "") + s["text"]
    for number, line in enumerate(text, 1):
        words = re.sub(r"[。；;]", "", squashed(line))
        assert re.sub(r"[。；;]", "", squashed(by_line.get(number, ""))) == words, number
    summary = doc["summary"]
    assert summary["sentences"] == len(doc["sentences"]) > 400
    assert summary["uncovered"] == sum(s["status"] == "uncovered" for s in doc["sentences"])
    assert sum(x["quoted"] + x["excluded"] + x["uncovered"] for x in doc["sections"]) == summary["sentences"]
    # a quoted sentence names its ids; an excluded one its reason; every exclusion has a note
    for s in doc["sentences"]:
        if s["status"] == "quoted":
            assert s["quoted_by"]
        if s["status"] == "excluded":
            assert s["reasons"] and all(c["note"] for c in s["clauses"])


def test_the_checkable_commitments_the_text_makes_are_never_excluded(cli) -> None:
    """Clauses a district evaluator checks: each is quoted by a target or reported uncovered, never excluded."""
    doc = coverage_json(cli)
    checkable = ["切实抓好作业、睡眠、手机、读物、体质“五项管理”工作", "定期开展学生体质健康监测和心理素质测评",
                 "建立各年龄段学生劳动清单", "全面推行义务教育学校教师“区管校聘”管理改革",
                 "建好区教师进修学院附属小学", "建立学校章程实施年检制度", "建好用好青少年法治教育实践基地",
                 "推进反恐防暴重点目标学校安全设施和信息化建设", "并纳入综合评价和绩效考核"]
    clauses = [(squashed(c["text"]), c["status"]) for s in doc["sentences"] for c in s["clauses"]]
    for words in checkable:
        [status] = [st for text, st in clauses if squashed(words) in text]
        assert status != "excluded", words


def test_the_2035_vision_is_excluded_as_beyond_the_period(cli, tmp_path: Path) -> None:
    excluded = read_yaml(PLAN / "targets.yaml")["excluded"]
    assert all(e["note"].strip() and e["reason"] for e in excluded)
    [vision] = [e for e in excluded if e["line"] == 120]
    assert vision["reason"] == "beyond_period"
    # without its entry, the vision's four sentences are reported, with their line, and check fails
    plan = tmp_path / "plan"
    shutil.copytree(PLAN, plan)
    edit_targets(plan, lambda t: re.sub(r"  - \{line: 120,.*\n.*\n", "", t))
    before = counts(cli("plan", "check").stdout)[3]
    result = cli("plan", "check", plan)
    assert result.exit_code == 1, result.output
    vision_lines = [line for line in findings(result.stdout) if f"{SOURCE_TEXT.name}:120: error: " in line]
    assert len(vision_lines) == 4 and "到2035年,整体实现教育现代化" in vision_lines[0]
    assert counts(result.stdout)[3] == before + 4


# ── the Riverside fixture: every sentence accounted for ─────────────────────────────────────────
def test_riverside_is_covered(cli) -> None:
    result = cli("plan", "check", RIVERSIDE)
    assert result.exit_code == 0 and findings(result.stdout) == [], result.output
    found, quoted, excluded, uncovered = counts(result.stdout)
    assert uncovered == 0 and quoted > 0 and excluded > 0
    assert cli("plan", "coverage", RIVERSIDE).exit_code == 0


def test_a_sentence_without_any_keyword_is_uncovered_and_fails(cli, tmp_path: Path) -> None:
    """No word list decides: a plain sentence added to the text is a sentence to account for."""
    plan = riverside(tmp_path, "全县上下同心协力。")
    line = len((plan / "source.zh.txt").read_text(encoding="utf-8").splitlines())
    result = cli("plan", "check", plan)
    assert result.exit_code == 1, result.output
    [error] = findings(result.stdout)
    assert error.startswith(f"{plan / 'source.zh.txt'}:{line}: error: 全县上下同心协力: no target quotes")
    found, _, _, uncovered = counts(result.stdout)
    assert uncovered == 1 and found == counts(cli("plan", "check", RIVERSIDE).stdout)[0] + 1
    coverage = cli("plan", "coverage", plan)
    assert coverage.exit_code == 1 and "✗ 全县上下同心协力" in coverage.stdout
    # listing it under `excluded` with a reason accounts for it
    entry = f"  - {{line: {line}, quote: 全县上下同心协力, reason: vague, note: no measure}}\n"
    edit_targets(plan, lambda t: t + entry)
    assert cli("plan", "check", plan).exit_code == 0


def test_a_sentence_is_quoted_only_when_each_of_its_action_clauses_is(cli, tmp_path: Path) -> None:
    """新建中小学校6所 is quoted; 建立教师导师制, a clause with its own action in the same sentence, is not."""
    plan = riverside(tmp_path, edit=lambda t: t.replace("新建中小学校6所,", "新建中小学校6所,建立教师导师制,"))
    result = cli("plan", "check", plan)
    assert result.exit_code == 1
    [error] = findings(result.stdout)
    assert ":27: error: " in error and "quoted by box1.1.new_schools" in error and "建立教师导师制" in error
    doc = coverage_json(cli, plan)
    [sentence] = [s for s in doc["sentences"] if "建立教师导师制" in s["text"]]
    assert sentence["status"] == "uncovered" and "box1.1.new_schools" in sentence["quoted_by"]
    assert [c["status"] for c in sentence["clauses"]][:2] == ["quoted", "uncovered"]
    # an exclusion of that clause, with its reason, leaves the sentence quoted
    edit_targets(plan, lambda t: t + "  - {line: 27, quote: 建立教师导师制, reason: process, note: invented}\n")
    result = cli("plan", "check", plan)
    assert result.exit_code == 0 and findings(result.stdout) == [], result.stdout
    [sentence] = [s for s in coverage_json(cli, plan)["sentences"] if "建立教师导师制" in s["text"]]
    assert sentence["status"] == "quoted"


def test_a_clause_counts_as_quoted_only_with_all_its_numbers(cli, tmp_path: Path) -> None:
    """新建中小学校6所 is encoded; the 2 所 in the same clause is not, so the clause is not quoted."""
    plan = riverside(tmp_path, edit=lambda t: t.replace("新建中小学校6所,", "新建中小学校6所、九年一贯制学校2所,"))
    [error] = findings(cli("plan", "check", plan).stdout)
    assert ":27: error: " in error and "quoted by box1.1.new_schools" in error and "2所" in error


# ── `excluded` entries that no longer fit ──────────────────────────────────────────────────────
def test_an_exclusion_whose_text_is_gone_is_an_error(cli, tmp_path: Path) -> None:
    plan = riverside(tmp_path, edit=lambda t: t.replace("全县教育事业稳步发展", "全县教育事业快速发展"))
    result = cli("plan", "check", plan)
    assert result.exit_code == 1, result.output
    errors = [line for line in findings(result.stdout) if "targets.yaml" in line]
    assert errors[0].startswith(f"{plan / 'targets.yaml'}: error: excluded: line 7: no longer matches the text")
    # and the review sentences it excluded are reported again
    assert any(":7: error: 2015年,全县中小学在校学生12.0万人" in line for line in findings(result.stdout))


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


def test_a_duplicate_names_a_known_target_and_a_section_its_last_line(cli, tmp_path: Path) -> None:
    plan = edit_targets(riverside(tmp_path), lambda t: t.replace("target: schools.dropout_rate", "target: x.nope"))
    result = cli("plan", "check", plan)
    assert result.exit_code == 1 and "excluded: line 11: a duplicate of unknown id 'x.nope'" in result.stdout
    no_target = edit_targets(riverside(tmp_path / "b"), lambda t: t.replace("    target: schools.dropout_rate\n", ""))
    result = cli("plan", "check", no_target)
    assert result.exit_code == 2 and "reason 'duplicate' needs `target`" in result.output
    bad_reason = edit_targets(riverside(tmp_path / "c"), lambda t: t.replace("reason: background", "reason: boring"))
    assert cli("plan", "check", bad_reason).exit_code == 2
    no_end = edit_targets(riverside(tmp_path / "d"), lambda t: t.replace("    through: 16\n", ""))
    result = cli("plan", "check", no_end)
    assert result.exit_code == 2 and "scope 'section' needs `through`" in result.output


def test_a_section_is_excluded_once_for_all_its_lines(cli, tmp_path: Path) -> None:
    """表1's title, header row and first category cell (lines 13–16) are one entry; cut it short and line 16 shows."""
    plan = edit_targets(riverside(tmp_path), lambda t: t.replace("through: 16", "through: 15"))
    result = cli("plan", "check", plan)
    assert result.exit_code == 1
    [error] = findings(result.stdout)
    assert ":16: error: 一、学生规模: no target quotes" in error


# ── `plan coverage`: the text as its owners know it ─────────────────────────────────────────────
def test_plan_coverage_table_marks_every_sentence_with_counts_per_paragraph(cli) -> None:
    result = cli("plan", "coverage", RIVERSIDE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "28 sentence(s)" in out or re.search(r"\d+ sentence\(s\): \d+ quoted, \d+ excluded, 0 uncovered", out)
    assert "Line 27 (paragraph): 1.新建改扩建学校" in out
    assert "✓ 新建中小学校6所,改扩建学校4-6所" in out and "box1.1.new_schools" in out
    assert "○ “十二五”期间,全县教育事业稳步发展 [background and past results]" in out
    zh = cli("plan", "coverage", RIVERSIDE, "--lang", "zh").stdout
    assert "第 27 行（段）" in zh and "“十二五”期间,全县教育事业稳步发展【背景与以往成绩】" in zh and "已引用" in zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_coverage_fits_an_80_column_terminal(cli, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """Each sentence of the bundled plan's text wrapped to 80 cells, its later lines indented under it; nothing lost.
    Sentences were printed on one line each, up to 700 columns wide."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    out = cli("plan", "coverage", "--lang", lang).stdout
    lines = out.splitlines()
    assert lines and all(cell_len(line) <= 80 and not line.endswith(" ") for line in lines)
    sentence = ("“十四五”时期是大渡口抢抓新发展机遇、践行新发展理念、融入新发展格局,"
                "推动高质量发展、创造高品质生活上台阶的关键五年")
    start = next(i for i, line in enumerate(lines) if line.startswith("  ○ “十四五”时期是大渡口"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    joined = lines[start][4:] + "".join(line[4:] for line in lines[start + 1 : end])
    assert end > start + 1 and joined.startswith(sentence), joined


def test_plan_coverage_html_reads_like_the_text_with_highlights(cli, tmp_path: Path) -> None:
    plan = riverside(tmp_path, "全县上下同心协力。")
    out = tmp_path / "coverage.html"
    result = cli("plan", "coverage", plan, "--format", "html", "-o", out)
    assert result.exit_code == 1  # one sentence uncovered: the page is written all the same
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert '<span class="quoted">新建中小学校6所,</span>' in page
    assert '<a href="#id-box1.1.new_schools">box1.1.new_schools</a>' in page
    assert '<li id="id-box1.1.new_schools"><code>box1.1.new_schools</code>: <a href="#L27">27</a></li>' in page
    assert '<span class="uncovered" title="uncovered">全县上下同心协力</span>' in page
    assert re.search(r'<span class="excluded" title="[^"]+">“十二五”期间', page)
    assert '<div class="para" id="L27">' in page


def test_plan_coverage_of_a_plan_without_its_text_is_not_judged(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    for name in ("targets.yaml", "projects.yaml"):
        shutil.copy(RIVERSIDE / name, plan / name)
    result = cli("plan", "coverage", plan)
    assert result.exit_code == 2 and "no readable source text" in result.stderr
