"""Every message a user sees exists in Chinese and English, from one catalogue (planchk.messages).

- the catalogue: both languages, the same placeholders, Chinese punctuation in the Chinese;
- the source: every problem(, notice(, finding(, diagnostic(, say( and verdict( names a catalogue key with
  exactly the parameters its templates need, and no diagnostic is built any other way;
- the CLI: with --lang zh, what `validate`, `plan check`, `plan diff` and an internal error print is
  Chinese (no English sentence: no run of three or more Latin words outside ids, values and file names).
"""

from __future__ import annotations

import ast
import functools
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, nodes, parsed
from test_bad_input import CASES, PLAN_CASES, plan_text

SRC = ROOT / "src" / "planchk"


# ── the catalogue ─────────────────────────────────────────────────────────────────────────────────────
def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    from planchk.messages import MESSAGES, placeholders

    for key, entry in MESSAGES.items():
        assert set(entry) == {"zh", "en"}, key
        assert placeholders(entry["zh"]) == placeholders(entry["en"]), key
        assert entry["zh"].strip() and entry["en"].strip(), key


CJK = r"[\u3400-\u9fff]"


def test_chinese_messages_use_chinese_punctuation() -> None:
    """Next to a Chinese character, a comma, colon, semicolon or bracket is the full-width one."""
    from planchk.messages import MESSAGES

    offenders = []
    for key, entry in MESSAGES.items():
        zh = entry["zh"]
        if re.search(rf"{CJK}[,;:()?]|[,;:()?]{CJK}", zh):
            offenders.append(f"{key}: {zh}")
        if re.search(rf"{CJK}'|'{CJK}", zh):
            offenders.append(f"{key}: quote ids and values with 「」: {zh}")
    assert offenders == []


def test_keys_name_their_kind() -> None:
    from planchk.messages import MESSAGES

    kinds = {"input", "notice", "plan", "usage", "plan-lint", "plan-coverage", "cli", "term", "hint", "os", "output",
             "yaml", "pydantic", "verdict", "format"}
    assert {key.split(".")[0] for key in MESSAGES} - {"parts-sum"} <= kinds


# ── the source ────────────────────────────────────────────────────────────────────────────────────────
# Where a call's key is: the position of the key among the positional arguments.
KEY_AT = {"say": 0, "problem": 1, "notice": 1, "diagnostic": 1, "finding": 2, "verdict": 0}
LOCATION = {"line", "column", "value", "level", "sheet"}
# The message functions themselves pass a key and parameters on.
WRAPPERS = {*KEY_AT, "say_known"}


def _trees() -> list[tuple[Path, ast.Module]]:
    """Every module of src, parsed once for the session (conftest.parsed)."""
    return [(path, parsed(path)) for path in sorted(SRC.rglob("*.py"))]


@functools.cache
def _calls() -> tuple[tuple[str, ast.Call, str], ...]:
    """Every call of a message function in src, but inside the message functions themselves (found once for
    the tests here)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        inside = {id(n) for f in nodes(path) if isinstance(f, ast.FunctionDef) and f.name in WRAPPERS
                  for n in ast.walk(f)}
        for node in nodes(path):
            if isinstance(node, ast.Call) and id(node) not in inside:
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in KEY_AT or name == "Diagnostic":
                    found.append((name, node, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return tuple(found)


def test_every_message_call_names_a_catalogue_key_with_its_parameters() -> None:
    from planchk.messages import MESSAGES, placeholders

    offenders = []
    for name, call, where in _calls():
        if name == "Diagnostic":
            offenders.append(f"{where}: build diagnostics with problem/notice/finding/diagnostic")
            continue
        index = KEY_AT[name]
        if len(call.args) <= index:
            offenders.append(f"{where}: {name}() without a key")
            continue
        key_node = call.args[index]
        if any(k.arg is None for k in call.keywords):
            offenders.append(f"{where}: **kwargs hide a message's parameters")
            continue
        given = {k.arg for k in call.keywords if k.arg} - (LOCATION if name not in ("say", "verdict") else set())
        if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
            # A key from a table of keys (MAGIC, SEPARATORS, ...): only for messages without parameters.
            if given:
                offenders.append(f"{where}: a computed key with parameters")
            continue
        key = key_node.value
        if key not in MESSAGES:
            offenders.append(f"{where}: unknown key {key!r}")
        elif given != placeholders(MESSAGES[key]["en"]):
            offenders.append(f"{where}: {key} needs {sorted(placeholders(MESSAGES[key]['en']))}, got {sorted(given)}")
    assert offenders == []


KEY_LIKE = re.compile(
    r"^(parts-sum|(input|notice|plan|usage|plan-lint|cli|term|hint|os|yaml|pydantic|verdict)\.[A-Za-z_.]+)$"
)
TABLE = re.compile(r"^_?[A-Z][A-Z0-9_]*$")


def _keys_in_source() -> set[str]:
    """String literals where a key goes: a message call's key, or a value in a module-level table of keys
    (MAGIC, SEPARATORS, FIELD_TERMS, _YAML_PROBLEMS, ...)."""
    keys = {call.args[KEY_AT[name]].value for name, call, _ in _calls()
            if name in KEY_AT and len(call.args) > KEY_AT[name] and isinstance(call.args[KEY_AT[name]], ast.Constant)}
    for path, tree in _trees():
        keys |= {n.slice.value for n in nodes(path) if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)
                 and n.value.id == "MESSAGES" and isinstance(n.slice, ast.Constant)}
        for stmt in tree.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(
                stmt, ast.AnnAssign) else []
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if names and all(TABLE.match(n) for n in names) and names != ["MESSAGES"] and stmt.value is not None:
                keys |= {n.value for n in ast.walk(stmt.value) if isinstance(n, ast.Constant)
                         and isinstance(n.value, str) and KEY_LIKE.match(n.value)}
    return keys


def test_every_key_is_used_and_every_key_used_exists() -> None:
    """The keys the source names all exist, and every message of the catalogue is used. os.* and pydantic.*
    keys are chosen at run time from errno and from Pydantic's error type (`say_known`)."""
    from planchk.i18n import LABELS
    from planchk.messages import MESSAGES

    used = _keys_in_source() - set(LABELS["en"])  # plan.id, plan.name, ...: labels of `plan show`
    assert used - set(MESSAGES) == set()
    literals = {n.value for path, _ in _trees() if path.name != "messages.py"
                for n in nodes(path)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    dynamic = {k for k in MESSAGES if k.startswith(("os.", "pydantic."))}
    assert set(MESSAGES) - used - literals - dynamic == set()


def test_an_unknown_key_or_a_missing_parameter_is_an_error() -> None:
    from planchk.diagnostics import problem

    with pytest.raises(KeyError):
        problem("f.csv", "input.no_such_message")
    with pytest.raises(KeyError):
        problem("f.csv", "input.duplicate_id", id="x")  # no `first`


def test_a_diagnostic_carries_its_key_and_both_languages() -> None:
    from planchk.diagnostics import problem
    from planchk.messages import say

    p = problem("2022.csv", "input.unknown_id", line=3, column="id", value="x", id="x",
                hint=say("hint.did_you_mean", suggestion="preschool.enrolment"))
    assert p.code == "input.unknown_id" and p.level == "error"
    assert p.message == "unknown id 'x'; did you mean 'preschool.enrolment'?"
    assert p.message_zh == "未知的编号「x」；是不是「preschool.enrolment」？"
    assert (p.text("zh"), p.text("en")) == (p.message_zh, p.message)


# ── the command line in Chinese ───────────────────────────────────────────────────────────────────────
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[\s,.;:!?()/-]+[A-Za-z]{2,}){2,}")


def english_sentences(text: str, *allowed: str) -> list[str]:
    """Runs of three or more Latin words, once file names (`allowed`), quoted values and ids are taken out."""
    found = []
    for line in text.splitlines():
        for a in sorted(allowed, key=len, reverse=True):
            line = line.replace(a, " ")
        line = re.sub(r"「[^」]*」|'[^']*'|\"[^\"]*\"", " ", line)  # ids, values, headers as written
        line = re.sub(r"[\w-]+(?:\.[\w-]+)+", " ", line)  # ids (preschool.enrolment), file names, versions
        found += ENGLISH_RUN.findall(line)
    return found


BROKEN_CSV = """year,id,name,unit,value,checked_by
2022,preschool.enrolmnt,,,1.67,王
2022,preschool.public_share,,,53.2,
2022,preschool.public_share,,,53.3,
2022,compulsory.enrolment,,,abc,
2022,upper_secondary.enrolment,,,-1,
2022,text.preschool.teacher_certification_rate,,,120,
二〇二二,compulsory.retention_rate,,,100,
2022,,,,4.2,
2022,compulsory.primary_enrolment,普通初中,,2.6,
2022,preschool.inclusive_rate,,万人,93,
2022,preschool.enrolment,,,16700,
2022,box7.yidu_yangfan.evaluation_platform,,,1,
2022,upper_secondary.general_enrolment,,,0.45,,extra
"""


@pytest.fixture
def zh_cli(cli, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLANCHK_LANG", "en")  # --lang zh must win over the environment
    return cli


def test_validate_of_a_broken_file_in_chinese_prints_chinese_only(zh_cli, tmp_path: Path) -> None:
    f = tmp_path / "2022.csv"
    f.write_text(BROKEN_CSV, encoding="utf-8")
    result = zh_cli("validate", f, "--lang", "zh")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len([line for line in lines if "：错误：" in line]) == 12, result.stderr
    for needle in ("未知的编号「preschool.enrolmnt」", "编号「preschool.public_share」重复（第一次出现在第 3 行）",
                   "应为数字（单位：万人）", "这里不可能是负数", "比率不能超过 100%", "应为四位数的年份",
                   "这一行有数值，但没有编号（id）", "名称「普通初中」与这一编号不符",
                   "单位「万人」与规划的单位「%」矛盾", "16700 万人不合常理（即 167,000,000 人）",
                   "应为状态词", "这一行有 7 个单元格，而表头有 6 个", "（值：'abc'）",
                   "planchk：" + str(f) + " 中有 12 个问题，相关输入未予评估（退出码 2）。"):
        assert needle in result.stderr, needle
    assert english_sentences(result.stderr, str(f)) == []
    assert ": error: " not in result.stderr
    # the same file in English, as before
    english = zh_cli("validate", f, "--lang", "en")
    assert "unknown id 'preschool.enrolmnt'" in english.stderr and "not judged (exit 2)" in english.stderr


def test_the_json_report_keeps_both_languages_and_the_key(zh_cli, tmp_path: Path) -> None:
    f = tmp_path / "2022.csv"
    f.write_text(BROKEN_CSV, encoding="utf-8")
    report = json.loads(zh_cli("validate", f, "--lang", "zh", "--format", "json").stdout)
    codes = {e["code"] for e in report["errors"]}
    assert {"input.unknown_id", "input.duplicate_id", "input.expected_number", "input.negative",
            "input.rate_above_100", "input.bad_year", "input.ragged_row"} <= codes
    assert all(e["message"] and e["message_zh"] and e["message"] != e["message_zh"] for e in report["errors"])


@pytest.mark.parametrize("case", [c for c in CASES if c.exit == 2], ids=lambda c: c.id)
def test_every_refused_bad_input_is_explained_in_chinese(zh_cli, tmp_path: Path, case) -> None:
    path = tmp_path / case.name
    if case.content is not None:
        path.write_bytes(case.content)
    result = zh_cli("validate", path, "--lang", "zh", *case.args)
    assert result.exit_code == 2
    assert "：错误：" in result.stderr and "Traceback" not in result.output
    assert english_sentences(result.stderr, str(path)) == []


def test_notices_of_a_judged_file_are_chinese(zh_cli, tmp_path: Path) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("sep=,\n大渡口区2022年教育事业统计表,,,,\nyear,id,unit,value,checked_by\n"
                 "2022,preschool.enrolment,人,16700,王\n,,,,\n2022,compulsory.retention_rate,%,100,\n"
                 ",合计,,16800,\n2023,,,,\n", encoding="gb18030")
    result = zh_cli("validate", f, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    for needle in ("已跳过表头上方的 2 行（第 1、2 行：Excel 的「sep=,」行、标题）；表头在第 3 行",
                   "数值 16700 以人为单位，已换算为 1.67 万人", "未知的列「checked_by」，已忽略",
                   "已忽略 1 个空行（第 5 行）", "已忽略合计行（「合计」）", "已忽略 1 个只填了年份的行（第 8 行；"):
        assert needle in result.stdout, needle
    assert english_sentences(result.stdout, str(f)) == []


@pytest.mark.parametrize("case", sorted(PLAN_CASES))
def test_plan_check_of_a_broken_plan_in_chinese_prints_chinese_only(zh_cli, tmp_path: Path, case: str) -> None:
    (tmp_path / "targets.yaml").write_text(plan_text(case), encoding="utf-8")
    result = zh_cli("plan", "check", tmp_path, "--lang", "zh")
    assert result.exit_code == 2, result.output
    assert "：错误：" in result.stderr and "相关输入未予评估（退出码 2）" in result.stderr
    assert english_sentences(result.stderr, str(tmp_path / "targets.yaml")) == [], result.stderr


@pytest.mark.parametrize("edit", [
    ("schema_version: 1", "schema_version: '1'"),
    ("    attribute: indicative\n", "    attribute: sometimes\n"),
    ("baseline: {year: 2020, value: 1.47}", "baseline: {year: 2030, value: 1.47}"),
    ("    unit: 万人\n", "    unit: 万人\n    unit: 人\n"),
    ("    unit: 万人\n", "    unit: [万人, 人]\n"),
    ("    unit: 万人\n", "    unit: 万人\n\tnote: x\n"),
], ids=["schema_version_string", "literal", "targets_order", "duplicate_key", "list_for_text", "tab"])
def test_plan_problems_from_the_models_and_the_parser_are_chinese(zh_cli, tmp_path: Path, edit) -> None:
    old, new = edit
    text = (ROOT / "plan" / "targets.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "targets.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    result = zh_cli("plan", "check", tmp_path, "--lang", "zh")
    assert result.exit_code == 2, result.output
    assert english_sentences(result.stderr, str(tmp_path / "targets.yaml")) == [], result.stderr
    english = zh_cli("plan", "check", tmp_path, "--lang", "en")
    assert english.exit_code == 2 and ": error: " in english.stderr


def test_plan_check_findings_in_chinese(zh_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan that loads but has lint findings: the findings and the summary on stdout are Chinese."""
    text = (ROOT / "plan" / "targets.yaml").read_text(encoding="utf-8")
    text = text.replace('value: 1.97, comparator: ">=", as_written: "1.97"',
                        'value: 1.57, comparator: ">=", as_written: "1.57"', 1)
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "300")  # the summary on one line (it is wrapped to the terminal)
    result = zh_cli("plan", "check", tmp_path, "--lang", "zh")
    assert result.exit_code == 1, result.output
    assert "2025 年的目标 1.57 低于之前的 1.67，而比较符是 >=" in result.stdout
    assert "无法读取" in result.stdout and "没有那个文件或目录" in result.stdout  # the plan text is not copied
    summary = r"planchk 规划检查：\S+ v[\d.]+：13 个指标，0 个事项，0 次修订；\d+ 个错误，0 个警告"
    assert re.search(summary, result.stdout)
    assert english_sentences(result.stdout, str(tmp_path)) == [], result.stdout
    english = zh_cli("plan", "check", tmp_path, "--lang", "en")
    assert "2025 target 1.57 is below the earlier 1.67 although the comparator is >=" in english.stdout
    assert "planchk plan check: " in english.stdout


def test_plan_diff_in_chinese(zh_cli, tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    shutil.copytree(ROOT / "plan", plan_dir)
    targets = plan_dir / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace(
        'value: 1.97, comparator: ">=", as_written: "1.97"', 'value: 2.07, comparator: ">=", as_written: "2.07"', 1),
        encoding="utf-8")
    result = zh_cli("plan", "diff", ROOT / "plan", plan_dir, "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "preschool.enrolment\t2025 年目标\t>= 1.97 → >= 2.07" in result.stdout
    assert result.stdout.rstrip().endswith("planchk 规划比较：1 处不同")
    english = zh_cli("plan", "diff", ROOT / "plan", plan_dir, "--lang", "en")
    assert "preschool.enrolment\ttarget 2025\t>= 1.97 → >= 2.07" in english.stdout
    assert english.stdout.rstrip().endswith("planchk plan diff: 1 difference(s)")
    missing = zh_cli("plan", "diff", tmp_path / "nowhere", plan_dir, "--lang", "zh")
    assert missing.exit_code == 2 and "不是规划目录" in missing.stderr
    assert english_sentences(missing.stderr, str(tmp_path / "nowhere")) == []


def test_usage_problems_in_chinese(zh_cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "2022.csv", tmp_path / "b" / "2022.csv"
    for f in (a, b):
        f.parent.mkdir()
        f.write_text("id,value\ncompulsory.retention_rate,100\n", encoding="utf-8")
    result = zh_cli("trend", a, b, "--lang", "zh")
    assert result.exit_code == 2 and "每个年份只能给一个文件" in result.stderr
    assert english_sentences(result.stderr, str(a), str(b)) == []
    version = zh_cli("evaluate", a, "--plan-version", "9.9", "--lang", "zh")
    assert version.exit_code == 2 and "没有版本「9.9」" in version.stderr


def test_internal_error_in_chinese(zh_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import planchk.runs

    def boom(*a, **k):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(planchk.runs, "judge_year", boom)
    result = zh_cli("evaluate", DATA / "2022.csv", "--lang", "zh")
    assert result.exit_code == 3
    assert "planchk：内部错误（ZeroDivisionError: simulated bug）。这是 planchk 的缺陷" in result.stderr
    assert "Traceback" not in result.output


def test_the_language_comes_from_the_environment_without_lang(cli, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,value\npreschool.enrolmnt,1.67\n", encoding="utf-8")
    monkeypatch.setenv("PLANCHK_LANG", "zh")
    assert "未知的编号「preschool.enrolmnt」" in cli("validate", f).stderr
    assert "规划检查" in cli("plan", "check").stdout


def test_github_annotations_in_chinese(zh_cli, tmp_path: Path) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,value\npreschool.enrolmnt,1.67\n", encoding="utf-8")
    out = zh_cli("validate", f, "--lang", "zh", "--format", "github").stdout
    assert "::error file=" in out and "未知的编号「preschool.enrolmnt」" in out and "（值：preschool.enrolmnt）" in out
    assert "planchk：1 个输入问题" in out and "input problem" not in out and "(value: " not in out
    good = tmp_path / "ok" / "2022.csv"
    good.parent.mkdir()
    good.write_text("id,value\ncompulsory.retention_rate,100\n", encoding="utf-8")
    assert f"{good}：1 行，年份 2022，utf-8" in zh_cli("validate", good, "--lang", "zh", "--format", "github").stdout
