"""`planchk plan draft` (issue 16): rules one by one, then whole drafts through the real CLI.

The drafts are compared with hand-made plans by quote and source line, never by id: the drafter proposes
ids of its own. The texts are the bundled Dadukou plan, a Riverside text written for these tests
(tests/fixtures/draft/riverside-13th-fyp.zh.txt, the source of tests/fixtures/plans/riverside/) and a
table of another shape (tests/fixtures/draft/shannan-14th-indicators.zh.txt). Both fixtures are invented.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import ROOT, SOURCE_TEXT, as_json, one_file, read_yaml
from planchk.plan.draft.boxes import box_items, named_entries
from planchk.plan.draft.documents import draft_plan
from planchk.plan.draft.ids import Ids, slug
from planchk.plan.draft.meta import find_date, find_issuer, find_period, find_title
from planchk.plan.draft.review import mark_reviewed
from planchk.plan.draft.table import is_attribute_cell, is_value_cell, parse_value, split_stacked
from planchk.plan.draft.text_rules import (
    TextRule,
    rule_count,
    rule_eliminate,
    rule_every,
    rule_full_coverage,
    rule_non_decreasing,
    rule_parity,
    rule_range,
    rule_rate,
    rule_ratio,
    rule_recurring,
    rule_vague_batch,
    rule_years,
    text_items,
)
from planchk.plan.load import load_plan
from planchk.plan.model import Plan
from planchk.plan.schema import Indicator, Item
from planchk.plan.source_text import clock_of, due_year, find_quantities, read_lines, squash

FIXTURES = ROOT / "tests" / "fixtures"
RIVERSIDE_TEXT = FIXTURES / "draft" / "riverside-13th-fyp.zh.txt"
RIVERSIDE_PLAN = FIXTURES / "plans" / "riverside"
SHAPES_TEXT = FIXTURES / "draft" / "shannan-14th-indicators.zh.txt"
# An invented 15th plan (2026–2030) in the bundled plan's layout: 专栏1 one cell a line with a 2028 column and new
# indicators whose 2025 cell is —, /, - or empty; chapter, section and —— headings; a box of sub-plans.
HETING_TEXT = FIXTURES / "draft" / "hetings-15th-fyp.zh.txt"


# ── rules ───────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("phrase", "expected"), [
    ("培育10个左右职业教育的教育教学改革典型案例", [(10, None, "个", "approx")]),          # Dadukou 专栏5
    ("10余名学科带头人", [(10, None, "名", ">")]),                                        # Dadukou 专栏6
    ("打造4-6所“名师课堂”应用示范学校", [(4, 6, "所", "range")]),                          # Dadukou 专栏8
    ("每一位学生掌握2至3项艺术特长", [(2, 3, "项", "range")]),                             # Dadukou 正文
    ("二级及以上幼儿园占比达80%以上", [(80, None, "%", ">=")]),                            # Dadukou 专栏4
    ("“双师型”教师占比超过50%", [(50, None, "%", ">")]),                                  # Dadukou 专栏6
    ("五年周期不少于360 学时的全员培训", [(360, None, "学时", ">=")]),                      # a stray space
    ("初中辍学率控制在0.5%以内", [(0.5, None, "%", "<=")]),                               # Riverside
    ("5年内对辖区基层党组织领导班子成员进行3轮全覆盖培训", [(3, None, "轮", ">=")]),          # 5年内 is a span
    ("新建学位3000个、改造运动场12处", [(3000, None, "个", ">="), (12, None, "处", ">=")]),  # invented
    ("M36-2地块新建小学", []),                                                           # a plot number
    ("生师比不超过15人、班额不高于45人", [(15, None, "人", "<="), (45, None, "人", "<=")]),   # invented: 不超过 ≠ 超过
])
def test_quantities(phrase: str, expected: list[tuple[float, float | None, str, str]]) -> None:
    assert [(q.value, q.upper, q.unit, q.comparator) for q in find_quantities(phrase)] == expected


@pytest.mark.parametrize(("cell", "value", "comparator", "unit", "hedge"), [
    ("1.47", 1.47, ">=", None, None),      # a bare number: reach at least this
    ("≥93", 93, ">=", None, None),
    ("≤0.5", 0.5, "<=", None, None),
    ("99%以上", 99, ">=", "%", None),
    ("12.3年以上", 12.3, ">=", "年", None),
    ("95左右", 95, "approx", None, None),
    ("不低于95", 95, ">=", None, None),
    ("力争99.5", 99.5, ">=", None, "力争"),
    ("3以内", 3, "<=", None, None),
])
def test_value_cells(cell: str, value: float, comparator: str, unit: str | None, hedge: str | None) -> None:
    parsed = parse_value(cell)
    assert parsed is not None
    assert (parsed.value, parsed.comparator, parsed.unit, parsed.hedge, parsed.as_written) == \
        (value, comparator, unit, hedge, cell)


def test_cells_that_are_not_values() -> None:
    assert parse_value("预期性") is None and parse_value("在园幼儿数(万人)") is None
    assert is_value_cell("—") and is_value_cell("7.6 4.4") and not is_value_cell("学前 教育")
    assert is_attribute_cell("约束性") and is_attribute_cell("预期性 预期性") and not is_attribute_cell("指标")


@pytest.mark.parametrize(("text", "measure", "clock"), [
    ("每年召开一次专题会议", "count", "recurring"),
    ("举办一年一度“大渡教育”课程建设成果大型现场展示活动", "count", "recurring"),
    ("将任课教师每学期对学生学业述评纳入教师年度考核内容", "rate", "recurring"),
    ("确保财政一般公共预算教育支出逐年只增不减", "non_decreasing", "trend"),
    ("逐年提高公办园在园幼儿人数占比", "rising", "trend"),
    ("逐年提高公办园在园幼儿人数占比", "rate", "cumulative"),        # trend words cannot judge a rate: a path
    ("做到“应助尽助”", "rate", "standing"),
    ("确保中小学教师平均工资收入水平不低于或高于当地公务员平均工资收入水平", "rate", "standing"),
    ("5年内对辖区基层党组织领导班子成员进行3轮全覆盖培训", "count", "cumulative"),
    ("建成长江音乐学院附中", "completion", "once"),
    ("组建学生发展指导专家委员会", "completion", "once"),
    ("培育10所思想政治教育示范学校", "count", "cumulative"),
    ("残障儿童入学率达到100%", "rate", "cumulative"),            # no clock word: a path to the due year
])
def test_clock(text: str, measure: str, clock: str) -> None:
    assert clock_of(text, measure) == clock


def test_due_year() -> None:
    assert due_year("到2025年彻底消除56人以上大班额", 2025) == 2025
    assert due_year("到2023年建成区域教育智能评价平台", 2025) == 2023          # invented: earlier than the end
    assert due_year("2023年底前完成“公参民”学校整治", 2025) == 2023
    assert due_year("选树5个中小学党建特色品牌", 2025) == 2025                 # no year: the plan's end


def test_period_and_header() -> None:
    lines = read_lines(SOURCE_TEXT.read_text(encoding="utf-8"))
    title = find_title(lines)
    assert title == "重庆市大渡口区教育事业发展“十四五”规划"
    assert find_period(title, lines, []) == (2021, 2025)   # 十四五, though the review speaks of 十三五 first
    assert find_period("河畔县中小学教育发展第十三个五年规划(2016—2020年)", [], []) == (2016, 2020)
    assert find_period("某县教育规划", [], [2015, 2020]) == (2016, 2020)  # only the table's years
    assert find_period("某县教育规划", [], []) is None
    assert find_issuer(lines) == "大渡口区发展改革委"
    assert str(find_date(lines, "成文日期")) == "2021-10-29"


def test_stacked_names() -> None:
    assert split_stacked("在校学生数(万人) 其中:小学 初中", 3) == ["在校学生数(万人)", "其中:小学", "初中"]
    assert split_stacked("其中: 小学 初中", 2) == ["其中:小学", "初中"]
    assert split_stacked("在校学生数 其中:小学", 3) is None   # does not fit: read as one row


def items_of(sentence: str, end: int = 2025) -> list[tuple[object, ...]]:
    return [(i.measure, i.target, i.min, i.max, i.unit, i.comparator, i.hedge, i.quote)
            for i in box_items(sentence, 1, end)]


def test_box_item_lists_split_before_each_number() -> None:
    # Dadukou 专栏3: one sentence, four counted things; the quote of each is its own piece
    assert items_of("培育10所思想政治教育示范学校、10个思政课教学创新团队、50节思政精品课、100个课程思政教育案例") == [
        ("count", 10, None, None, "所", ">=", None, "培育10所思想政治教育示范学校"),
        ("count", 10, None, None, "个", ">=", None, "10个思政课教学创新团队"),
        ("count", 50, None, None, "节", ">=", None, "50节思政精品课"),
        ("count", 100, None, None, "个", ">=", None, "100个课程思政教育案例"),
    ]
    # "和" before a number splits too; "国家级、市级" (no number) does not
    assert len(items_of("评选5个优秀家长学校和5个社区家庭教育服务站")) == 2
    assert len(items_of("培育3个国家级、市级优质专业(群)")) == 1


def test_box_hedge_covers_the_clause() -> None:
    found = items_of("力争建设1个高水平专业化校企合作、产教融合实训基地、2个左右示范性社会培训基地")
    assert [(m, t, c, h) for m, t, _, _, _, c, h, _ in found] == [("count", 1, ">=", "力争"),
                                                               ("count", 2, "approx", "力争")]


def test_box_shared_head_noun() -> None:
    first, second = box_items("建设5个名校长、20个名师工作室", 1, 2025)
    assert (first.name, first.target, second.name, second.target) == ("名校长工作室", 5, "名师工作室", 20)


def test_box_vague_batches() -> None:
    assert items_of("数十名学科名师、数百名各级骨干教师")[0][:6] == ("vague_batch", 20, None, None, "名", ">=")
    (before,) = box_items("培养骨干教师数十名", 1, 2020)   # Riverside: the thing before the amount
    assert (before.name, before.target, before.unit) == ("骨干教师", 20, "名")
    (count,) = box_items("培养县级学科带头人30余名", 1, 2020)
    assert (count.name, count.target, count.comparator) == ("县级学科带头人", 30, ">")
    count, named = box_items("新建融创春晖十里幼儿园、金地自在城一期幼儿园等普惠性幼儿园16所", 1, 2025)
    assert (count.name, count.target, named.entries) == ("普惠性幼儿园", 16,
                                                         ["融创春晖十里幼儿园", "金地自在城一期幼儿园"])
    (item,) = box_items("开发一批家校共育课程", 1, 2025)
    assert (item.measure, item.target, item.unit, item.vague and item.vague[0]) == ("vague_batch", 1, "门", "一批")


def test_box_named_lists() -> None:
    # Dadukou 专栏4: a count and the fifteen schools named in parentheses (one of them with its own parentheses)
    sentence = ("新建李雪芮运动学校等15所义务教育学校(I59地块新建小学、M36-2地块新建小学、I03地块新建高中(初中)、"
                "F11地块新建小学、L29地块新建小学、K10地块新建小学、F10地块新建小学、J5-2地块新建初中、N31-1地块新建小学、"
                "D9地块新建学校、H17新建九年一贯制学校、H13地块新建小学、K3-1地块新建小学、音乐附中、音乐附小)")
    count, named = box_items(sentence, 135, 2025)
    assert (count.measure, count.target, count.quote) == ("count", 15, "新建李雪芮运动学校等15所义务教育学校")
    assert named.measure == "named_list" and len(named.entries) == 15 and "I03地块新建高中(初中)" in named.entries
    # Riverside 专栏1: names before the number; invented: names before 等
    assert named_entries("重点建设河西实验小学、滨江中学、北岸九年一贯制学校3所学校") == \
        ["河西实验小学", "滨江中学", "北岸九年一贯制学校"]
    assert named_entries("改造东门小学、西湖中学等老旧校舍") == ["东门小学", "西湖中学"]
    assert named_entries("培育评选1-5个引领示范型基层党组织(含民办学校党组织)") == []  # one thing in parentheses


def test_box_completion_and_rate_with_baseline() -> None:
    assert items_of("建成长江音乐学院附中")[0][0] == "completion"
    (rate,) = box_items("专任教师本科及以上学历比例由78%提高到90%", 1, 2020)
    assert (rate.measure, rate.target, rate.baseline, rate.unit, rate.due) == ("rate", 90, 78, "%", 2020)


def rule_result(rule: TextRule, clause: str) -> tuple[object, ...] | None:
    item = rule(clause, 7, 2025, 5)
    if item is None:
        return None
    return (item.measure, item.target if item.measure != "range" else (item.min, item.max), item.unit, item.comparator,
            item.due, item.clock)


@pytest.mark.parametrize(("rule", "clause", "expected"), [
    (rule_recurring, "每年召开一次专题会议", ("count", 1, "次", ">=", 2025, "recurring")),
    (rule_recurring, "每年举办两次校园开放日", ("count", 2, "次", ">=", 2025, "recurring")),           # invented
    (rule_recurring, "将任课教师每学期对学生学业述评纳入教师年度考核内容", ("rate", 100, "%", ">=", 2025, "recurring")),
    (rule_every, "为每一个学生、每一个班级、每一所学校进行“数字画像”", ("rate", 100, "%", ">=", 2025, "cumulative")),
    (rule_every, "开展校园全岗全员安全素养培训", ("rate", 100, "%", ">=", 2025, "standing")),
    (rule_every, "有条件的幼儿园新生入园时开展1次家访", ("rate", 100, "%", ">=", 2025, "recurring")),
    (rule_every, "坚持“一校一品、一支部一特色”", ("rate", 100, "%", ">=", 2025, "cumulative")),
    # TEXT_RULES tries ranges first
    (rule_every, "每一位学生掌握2至3项艺术特长", ("rate", 100, "%", ">=", 2025, "cumulative")),
    (rule_recurring, "定期开展学生体质健康监测", None),                                               # no frequency
    (rule_eliminate, "到2025年彻底消除56人以上大班额", ("rate", 0, "%", "<=", 2025, "cumulative")),
    (rule_range, "每一位学生掌握1至2项运动技能", ("range", (1, 2), "项", "range", 2025, "cumulative")),
    (rule_rate, "残障儿童入学率达到100%", ("rate", 100, "%", ">=", 2025, "cumulative")),
    (rule_rate, "到2023年义务教育学校标准化率达到95%以上", ("rate", 95, "%", ">=", 2023, "cumulative")),  # invented
    (rule_rate, "普惠性幼儿园覆盖率巩固在93%以上", ("rate", 93, "%", ">=", 2025, "standing")),
    (rule_rate, "初中辍学率由1.2%下降到0.5%", ("rate", 0.5, "%", "<=", 2025, "cumulative")),          # invented
    (rule_parity, "确保中小学教师平均工资收入水平不低于或高于当地公务员平均工资收入水平",
     ("rate", 100, "%", ">=", 2025, "standing")),
    (rule_full_coverage, "实行幼儿园教师全覆盖培训", ("rate", 100, "%", ">=", 2025, "standing")),
    (rule_full_coverage, "幼儿园教职工依法全员纳入社会保障体系", ("rate", 100, "%", ">=", 2025, "standing")),
    (rule_full_coverage, "做到“应助尽助”", ("rate", 100, "%", ">=", 2025, "standing")),
    (rule_full_coverage, "适龄残疾儿童少年入学做到“应入尽入”", ("rate", 100, "%", ">=", 2025, "standing")),
    (rule_full_coverage, "健全部门联动、点面结合、全覆盖的监管工作机制", None),                        # adjectival
    (rule_non_decreasing, "确保按在校学生人均一般公共预算教育支出逐年只增不减",
     ("non_decreasing", None, None, "non_decreasing", 2025, "trend")),
    (rule_non_decreasing, "提高财政性教育经费占一般公共预算支出的比例",
     ("raise", None, None, "above_baseline", 2025, "trend")),
    (rule_non_decreasing, "逐年提高公办园在园幼儿人数占比", ("rising", None, None, "rising", 2025, "trend")),
    (rule_count, "分层、分类、分科开展五年周期不少于360 学时的全员培训",
     ("count", 360, "学时", ">=", 2025, "standing")),
    (rule_count, "有条件的幼儿园新生入园时开展1次家访", ("count", 1, "次", ">=", 2025, "cumulative")),
    (rule_count, "按照教师数30:1比例组建区级教师研训指导团队", None),                                  # a ratio
    (rule_vague_batch, "打造一批学生发展指导优秀案例", ("vague_batch", 1, "个", ">=", 2025, "cumulative")),
    # issue 23: 大批 gives no number (vague_amount); 一人一案; a ratio; a level in years
    (rule_vague_batch, "培养大批适应现代服务业需要的高素质技术人才",
     ("vague_amount", None, "名", ">=", 2025, "cumulative")),
    (rule_vague_batch, "新建、改扩建一批公办幼儿园", ("vague_batch", 1, "所", ">=", 2025, "cumulative")),
    (rule_every, "实施“一人一案”的个别化教育和个性化培养", ("rate", 100, "%", ">=", 2025, "standing")),
    (rule_ratio, "按照教师数30:1比例组建区级教师研训指导团队", ("count", 1, "人/30名教师", ">=", 2025, "once")),
    (rule_years, "新增劳动力平均受教育年限达13.6年以上", ("rate", 13.6, "年", ">=", 2025, "cumulative")),
    (rule_years, "到2023年平均受教育年限由10.8年提高到11.5年", ("rate", 11.5, "年", ">=", 2023, "cumulative")),
    (rule_years, "到2025年建成10所学校", None),
])
def test_text_rules(rule: TextRule, clause: str, expected: tuple[object, ...] | None) -> None:
    assert rule_result(rule, clause) == expected


def test_text_rules_first_match_wins() -> None:
    """消除56人以上大班额 is an elimination, not a count of 56 人."""
    text = "到2025年,加快消除普通高中大班额,到2025年彻底消除56人以上大班额。"
    items = text_items(read_lines(text), set(), 2021, 2025)
    assert [(i.measure, i.target, i.quote) for i in items] == [("rate", 0, "到2025年彻底消除56人以上大班额")]


def test_text_before_the_goals_is_background() -> None:
    """The review of the last period (学前三年毛入园率达到99%) states baselines, not targets."""
    text = ("“十三五”时期,学前三年毛入园率达到99%,义务教育巩固率达到100%。\n"
            "到2025年,高中阶段教育毛入学率达99%。")
    items = text_items(read_lines(text), set(), 2021, 2025)
    assert [(i.line, i.target) for i in items] == [(2, 99)]


def test_ids_from_the_glossary_and_unique() -> None:
    assert slug("九年义务教育巩固率", "row1", drop="compulsory") == "retention_rate"
    assert slug("在园幼儿普惠率", "row1") == "children_inclusive_rate"
    assert slug("某某某", "row7") == "row7"
    ids = Ids()
    assert [ids.take("schools"), ids.take("schools"), ids.take("schools")] == ["schools", "schools_2", "schools_3"]


def test_mark_reviewed_edits_only_the_named_targets() -> None:
    text = ("items:\n- id: box1.1.a\n  measure: named_list\n  entries:\n  - id: box1.1.a.e1\n    quote: x\n"
            "  review: pending\n- id: box1.1.b\n  # a reviewer's comment stays\n  review: pending\n")
    one, done = mark_reviewed(text, {"box1.1.a"})
    assert done == ["box1.1.a"] and one.count("review: pending") == 1 and "a reviewer's comment stays" in one
    every, done = mark_reviewed(text, None)
    assert done == ["box1.1.a", "box1.1.b"] and "pending" not in every


# ── whole drafts through the CLI ────────────────────────────────────────────────────────────────

def draft_dir(cli, source: Path, tmp_path: Path, name: str = "draft") -> Path:
    out = tmp_path / name
    result = cli("plan", "draft", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert "pending review" in result.stdout
    return out


def bigrams(text: str) -> set[str]:
    s = squash(text)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def overlap(a: str, b: str) -> float:
    return len(bigrams(a) & bigrams(b)) / max(1, len(bigrams(a) | bigrams(b)))


def source_lines(text: str, quote: str) -> set[int]:
    return {n for n, line in enumerate(text.split("\n"), 1) if squash(quote) in squash(line)}


def match_item(hand: Item, drafted: list[Item], text: str) -> Item | None:
    """The drafted item for a hand-made one: on a line that holds the hand-made quote, with a quote inside it (or
    around it); among several, the closest by name and quote. Ids are never compared."""
    lines = source_lines(text, hand.quote)
    found = [it for it in drafted if it.source_line in lines
             and (squash(it.quote) in squash(hand.quote) or squash(hand.quote) in squash(it.quote))]
    return max(found, key=lambda it: overlap(it.name.zh, hand.name.zh) + overlap(it.quote, hand.quote), default=None)


def same_number(hand: Item, got: Item | None) -> bool:
    return got is not None and got.due_value == hand.due_value and got.comparator == hand.comparator \
        and got.due == hand.due and (hand.max is None or got.max == hand.max)


def coverage(hand_items: list[Item], drafted: list[Item], text: str) -> tuple[int, int, list[str]]:
    good, misses = 0, []
    for h in hand_items:
        got = match_item(h, drafted, text)
        if same_number(h, got):
            good += 1
        else:
            misses.append(f"{h.id} ({h.quote[:30]}): {h.comparator} {h.due_value} → "
                          f"{'none' if got is None else f'{got.comparator} {got.due_value}'}")
    return good, len(hand_items), misses


def indicator_by_quote(plan: Plan) -> dict[str, Indicator]:
    return {squash(i.source.quote): i for i in plan.indicators}


def assert_same_indicators(hand: Plan, drafted: Plan) -> None:
    """Every hand-made row has a drafted row with the same quote, values, unit, comparators, attribute, part."""
    got = indicator_by_quote(drafted)
    for h in hand.indicators:
        g = got.get(squash(h.source.quote))
        assert g is not None, f"no drafted row for {h.source.quote}"
        assert (g.baseline.year, g.baseline.value) == (h.baseline.year, h.baseline.value), h.id
        assert [(t.year, t.value, t.comparator, t.as_written) for t in g.targets] == \
            [(t.year, t.value, t.comparator, t.as_written) for t in h.targets], h.id
        assert (g.unit, g.attribute, g.hedge, g.review) == (h.unit, h.attribute, h.hedge, "pending"), h.id
        want_total = hand.indicator_by_id[h.part_of].source.quote if h.part_of else None
        got_total = drafted.indicator_by_id[g.part_of].source.quote if g.part_of else None
        assert got_total == want_total, h.id
    assert len(drafted.indicators) == len(hand.indicators)


# The bundled plan's draft against plan/ (13 table rows, box items, running-text targets): tests/test_draft_recall.py.


@pytest.mark.parametrize("source", [RIVERSIDE_TEXT, RIVERSIDE_PLAN / "source.zh.txt"], ids=["pipes", "spaces"])
def test_riverside_text_drafts_the_fixture_plan(cli, tmp_path: Path, source: Path) -> None:
    """A text written for the Riverside fixture drafts to its table (values, units, comparators, attributes); so
    does the fixture's own short source, whose table is laid out with spaces instead of `|`."""
    hand = load_plan(RIVERSIDE_PLAN)
    drafted = load_plan(draft_dir(cli, source, tmp_path))
    assert (drafted.meta.period_start, drafted.meta.period_end, drafted.meta.baseline_year) == (2016, 2020, 2015)
    assert_same_indicators(hand, drafted)
    assert all(len(i.targets) == 1 for i in drafted.indicators)  # no mid milestone
    # the boxes too: every hand-made item with a number (the fixture's own source uses the same sentences)
    hand_items = [it for it in hand.item_by_id.values() if it.due_value is not None]
    good, total, misses = coverage(hand_items, list(drafted.item_by_id.values()), source.read_text("utf-8"))
    assert good == total, misses
    named = next(it for it in drafted.item_by_id.values() if it.measure == "named_list")
    assert [e.name.zh for e in named.entries] == ["河西实验小学", "滨江中学", "北岸九年一贯制学校"]
    rate = next(it for it in drafted.item_by_id.values() if it.quote.startswith("专任教师本科"))
    assert (rate.target, rate.baseline) == (90, 78)
    # background numbers (the 十二五 review: 2015年…平均班额52人) are not drafted as targets
    review_line = next(n for n, line in enumerate(source.read_text("utf-8").split("\n"), 1) if "平均班额52人" in line)
    assert not [it for it in drafted.item_by_id.values() if it.source_line == review_line]


def test_riverside_metadata(cli, tmp_path: Path) -> None:
    drafted = load_plan(draft_dir(cli, RIVERSIDE_TEXT, tmp_path))
    assert drafted.meta.issuer.zh == "河畔县教育局"
    assert (str(drafted.meta.written), str(drafted.meta.published)) == ("2016-03-01", "2016-04-15")
    assert drafted.meta.title.zh == "河畔县中小学教育发展第十三个五年规划(2016—2020年)"


def test_a_table_of_another_shape(cli, tmp_path: Path) -> None:
    """No milestone column, categories 一、二、三, a 序号 column, stacked 其中 cells, 以上 in cells, 约束性 rows."""
    drafted = load_plan(draft_dir(cli, SHAPES_TEXT, tmp_path))
    rows = {i.name.zh: i for i in drafted.indicators}
    assert [c.name.zh for c in drafted.categories] == ["普及水平", "办学规模", "质量与保障"]
    expected = {  # name: (category, unit, baseline, target, comparator, as_written, attribute, part of, hedge)
        "学前三年毛入园率": ("普及水平", "%", 88.5, 92, ">=", "92%以上", "binding", None, None),
        "九年义务教育巩固率": ("普及水平", "%", 95.2, 96, ">=", "96以上", "binding", None, None),
        "高中阶段毛入学率": ("普及水平", "%", 91, 93, ">=", "≥93", "binding", None, None),
        "在校学生数": ("办学规模", "万人", 25.3, 27.0, ">=", "27.0", "indicative", None, None),
        "小学": ("办学规模", "万人", 16.1, 17.2, ">=", "17.2", "indicative", "在校学生数", None),
        "初中": ("办学规模", "万人", 9.2, 9.8, ">=", "9.8", "indicative", "在校学生数", None),
        "劳动年龄人口平均受教育年限": ("质量与保障", "年", 11.2, 12.3, ">=", "12.3年以上", "indicative", None, None),
        "义务教育学校专任教师本科以上学历比例": ("质量与保障", "%", 72, 85, ">=", "85%以上", "binding", None, None),
        "学生体质健康标准达标率": ("质量与保障", "%", 93, 95, ">=", "力争95", "binding", None, "力争"),
        "大班额比例": ("质量与保障", "%", 6.5, 2, "<=", "≤2", "binding", None, None),
    }
    categories = {c.id: c.name.zh for c in drafted.categories}
    got = {}
    for name, i in rows.items():
        (t,) = i.targets
        total = drafted.indicator_by_id[i.part_of].name.zh if i.part_of else None
        got[name] = (categories[i.category], i.unit, i.baseline.value, t.value, t.comparator, t.as_written, i.attribute,
                     total, i.hedge)
        assert (i.baseline.year, t.year) == (2020, 2025)
    assert got == expected


def test_rows_without_a_baseline_and_texts_without_a_table() -> None:
    text = ("某县教育发展“十四五”规划\n表1 主要指标\n指标\t2020年\t2025年\t属性\n"
            "在校学生数(万人)\t3.2\t3.6\t预期性\n新建学校数(所)\t—\t5\t预期性\n")
    drafted = draft_plan(text, "x.txt")
    assert [i["name"]["zh"] for i in drafted.targets["indicators"]] == ["在校学生数"]
    assert any("新建学校数" in n and "no 2020 value (a new indicator)" in n for n in drafted.notes)
    assert [i["name"]["zh"] for i in drafted.unbased] == ["新建学校数"]
    bare = draft_plan("某县教育发展“十四五”规划\n到2025年,学前三年毛入园率达到95%。\n", "y.txt")
    assert bare.targets["indicators"] == [] and any("no indicator table" in n for n in bare.notes)
    assert [i["target"] for p in bare.projects["programmes"] for s in p["subplans"] for i in s["items"]] == [95]


def test_draft_prints_what_it_left_out(cli, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("某县教育发展“十四五”规划\n表1 主要指标\n指标\t2020年\t2025年\t属性\n"
                      "在校学生数(万人)\t3.2\t3.6\t预期性\n新建学校数(所)\t—\t5\t预期性\n", encoding="utf-8")
    result = cli("plan", "draft", source, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "note: line 5: row '新建学校数' has targets but no 2020 value (a new indicator)" in result.stdout
    assert "1 indicators, 0 items, 1 pending review" in result.stdout


def test_draft_review_check_evaluate(cli, tmp_path: Path) -> None:
    """The whole path: draft → check lists pending → evaluate says so → review → check clean → evaluate."""
    out = draft_dir(cli, RIVERSIDE_TEXT, tmp_path)
    drafted = load_plan(out)
    pending = len(drafted.pending_review())
    assert pending == len(drafted.indicators) + len(drafted.item_by_id) > 0

    check = cli("plan", "check", out)
    # a draft fails its check until every sentence of its text is encoded or excluded (the same rule as any plan)
    assert check.exit_code == 1, check.output
    warnings = [line for line in check.stdout.splitlines() if "review pending" in line]
    assert len(warnings) == pending
    assert " ".join(check.stdout.split()).endswith(f"; {pending} pending review")  # the summary wraps
    # every quote is found in the copied source text: the errors are sentences of it, none is a quote not found
    assert "quote not found" not in check.stdout and "not found in" not in check.stdout
    errors = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert errors and all(line.startswith(str(out / "source")) for line in errors), check.stdout

    show = cli("plan", "show", "--plan", out)
    assert f"{pending} target(s) are drafts pending review" in show.stdout and "✎ draft, pending review" in show.stdout

    # a 2018 file: the plan's own path for every row, except the binding dropout rate, far above its path
    template = cli("template", "2018", "--plan", out, "--example")
    assert template.exit_code == 0, template.output
    dropout = next(i.id for i in drafted.indicators if i.name.zh == "初中辍学率")
    rows = list(csv.reader(io.StringIO(template.stdout.lstrip("\ufeff"))))
    id_col, value_col = rows[0].index("id"), rows[0].index("value")
    for row in rows[1:]:
        if row[id_col] == dropout:
            row[value_col] = "1.5"
    data = tmp_path / "2018.csv"
    with data.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)

    before = cli("evaluate", data, "--plan", out)
    assert before.exit_code == 1, before.output   # a binding indicator fails: error
    assert f"Note: {pending} target(s) of this plan are drafts still pending review" in before.stdout
    report = as_json(cli("evaluate", data, "--plan", out, "--format", "json"))
    assert report["plan"]["pending_review"] == pending

    review = cli("plan", "review", out, "--id", dropout)
    assert review.exit_code == 0 and f"1 target(s) marked reviewed, {pending - 1} still pending" in review.stdout
    review = cli("plan", "review", out, "--all")
    assert review.exit_code == 0 and "0 still pending" in review.stdout
    assert "\n  review: pending" not in (out / "targets.yaml").read_text(encoding="utf-8")

    clean = cli("plan", "check", out)
    assert clean.exit_code == 1 and "pending" not in clean.stdout
    # What is left are the sentences of the text the draft did not encode (docs/plan-format.md#coverage-of-the-
    # source-text): headings, the review of the last period, aims with no measure, and the clauses of partly quoted
    # sentences. The reviewer encodes or excludes each; nothing else is left to report.
    lines_out = clean.stdout.splitlines()
    left = [line for line in lines_out if not line.startswith(("planchk ", "  "))]  # not the (wrapped) summary
    summary = " ".join(line.strip() for line in lines_out if line.startswith(("planchk ", "  ")))
    source = out / "source" / RIVERSIDE_TEXT.name
    assert left and all(line.startswith(f"{source}:") and ": error: " in line for line in left), clean.stdout
    lines = {int(line[len(f"{source}:"):].split(":")[0]) for line in left}
    assert {6, 35} <= lines  # the review of the last period; 年度监测 of the last section
    assert f"{len(left)} error(s)" in summary and f"{len(left)} uncovered" in summary

    after = cli("evaluate", data, "--plan", out, "--format", "json")
    assert after.exit_code == 1
    report = as_json(after)
    assert report["plan"]["pending_review"] == 0
    assert report["files"][0]["plan"]["pending_review"] == 0
    failed = {r["id"]: r for r in one_file(after)["indicators"]}[dropout]
    assert (failed["status"], failed["level"]) == ("fail", "error")
    assert "pending review" not in cli("evaluate", data, "--plan", out).stdout


def test_draft_refuses_bad_input(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x", encoding="utf-8")
    result = cli("plan", "draft", RIVERSIDE_TEXT, "-o", out)
    assert result.exit_code == 2 and "not empty" in result.stderr and "--force" in result.stderr
    assert cli("plan", "draft", RIVERSIDE_TEXT, "-o", out, "--force").exit_code == 0
    assert (out / "keep.txt").exists() and load_plan(out).meta.id == "draft-2016-2020"

    missing = cli("plan", "draft", tmp_path / "nope.txt", "-o", tmp_path / "o2")
    assert missing.exit_code == 2 and "cannot read the plan text" in missing.stderr
    no_period = tmp_path / "x.txt"
    no_period.write_text("某县教育工作要点\n加强学校管理。\n", encoding="utf-8")
    result = cli("plan", "draft", no_period, "-o", tmp_path / "o3")
    assert result.exit_code == 2 and "cannot tell the plan period" in result.stderr
    result = cli("plan", "draft", RIVERSIDE_TEXT, "-o", tmp_path / "o4", "--id", "Bad Id")
    assert result.exit_code == 2 and "plan id" in result.stderr
    assert cli("plan", "draft", RIVERSIDE_TEXT).exit_code == 2   # -o is required
    assert cli("plan", "draft", RIVERSIDE_TEXT, "-o", tmp_path / "o5", "--id", "river-x").exit_code == 0
    assert load_plan(tmp_path / "o5").meta.id == "river-x"

    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    result = cli("plan", "draft", RIVERSIDE_TEXT, "-o", a_file)
    assert result.exit_code == 2 and "must be a directory" in result.stderr

    review = cli("plan", "review", out)
    assert review.exit_code == 2 and "--all" in review.stderr
    review = cli("plan", "review", out, "--id", "no.such.target")
    assert review.exit_code == 2 and "not a pending target" in review.stderr


def test_gb18030_text(cli, tmp_path: Path) -> None:
    """Chinese government texts often come in GB18030; the quotes still match the copied source."""
    source = tmp_path / "riverside-gb.txt"
    source.write_bytes(RIVERSIDE_TEXT.read_text(encoding="utf-8").encode("gb18030"))
    out = draft_dir(cli, source, tmp_path)
    assert len(load_plan(out).indicators) == 5


def test_bundled_plan_is_not_pending(cli, plan: Plan) -> None:
    """Hand-made plans leave `review` out: nothing pending, and `plan check` says nothing about it."""
    assert plan.pending_review() == []
    assert "pending" not in cli("plan", "check").stdout


def test_draft_files_read_like_the_hand_made_ones(cli, tmp_path: Path) -> None:
    out = draft_dir(cli, RIVERSIDE_TEXT, tmp_path)
    targets = (out / "targets.yaml").read_text(encoding="utf-8")
    assert targets.startswith("# DRAFT written by `planchk plan draft`")
    assert "{year: 2020, value: 13.5, comparator: '>=', as_written: '13.5'}" in targets   # milestones on one line
    data = read_yaml(out / "projects.yaml")
    clocks = [it.get("clock") for p in data["programmes"] for s in p["subplans"] for it in s["items"]]
    assert {"recurring", "standing", "once", "cumulative", "trend"} <= set(clocks) and None not in clocks
    assert (out / "source" / RIVERSIDE_TEXT.name).read_bytes() == RIVERSIDE_TEXT.read_bytes()
    assert re.search(r"source_text: source/riverside-13th-fyp\.zh\.txt", targets)


def test_draft_speaks_chinese_when_asked(cli, tmp_path: Path) -> None:
    out = tmp_path / "d"
    result = cli("plan", "draft", RIVERSIDE_TEXT, "-o", out, "--lang", "zh")
    assert result.exit_code == 0 and "planchk 起草规划：已写入" in result.stdout and "pending" not in result.stdout


def draft_sources(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """SOURCEs that are no plan text, each with what planchk says: read at most a bounded amount, or not at all."""
    import os

    folder = tmp_path / "folder"
    folder.mkdir()
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: 21 MB on paper, nothing on disk
        handle.truncate(21 * 1024 * 1024)
    out = {"a folder": (folder, "must be a regular file"), "a huge file": (huge, "larger than 20 MB"),
           "a missing file": (tmp_path / "gone.txt", "No such file")}
    if os.path.exists("/dev/zero"):
        out["/dev/zero"] = (Path("/dev/zero"), "must be a regular file")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        out["a FIFO"] = (tmp_path / "fifo", "must be a regular file")
    return out


def test_plan_draft_refuses_what_is_no_plan_text_unread(cli, tmp_path: Path, work) -> None:
    for name, (source, reason) in draft_sources(tmp_path).items():
        with work.counting():
            result = cli("plan", "draft", source, "-o", tmp_path / "out")
        assert result.exit_code == 2 and reason in result.stderr, (name, result.stderr)
        assert work.last.read_from(source) <= 20 * 1024 * 1024 + 1 + io.DEFAULT_BUFFER_SIZE, name
        assert not (tmp_path / "out").exists()


# ── 15th plans: new indicators and headings ─────────────────────────────────────────────────────────

NEW_INDICATORS = {  # line of the row → (name, attribute, its 2028 and 2030 milestones as written in the YAML)
    49: ("义务教育优质均衡发展达标学校占比", "binding",
         ["value: 60, comparator: '>='", "value: 100, comparator: '>='"]),
    60: ("普通高中优质特色学校占比", "indicative", ["value: 30, comparator: '>='", "value: 50, comparator: '>='"]),
    66: ("中小学心理健康专职教师配备率", "binding", ["value: 80, comparator: '>='", "value: 100, comparator: '>='"]),
    71: ("中小学生近视率", "binding", ["value: 52, comparator: <=", "value: 50, comparator: <="]),  # base cell empty
}


def test_a_new_indicator_without_a_base_value_keeps_its_attribute_targets_and_quote(cli, tmp_path: Path) -> None:
    """A 专栏1 row whose 2025 cell is —, /, - or empty (a line holding only `|`) is a new indicator: never a programme
    item, never a row read one column off, never a pair of values ("/"). planchk needs an indicator's baseline, so
    the drafter writes it whole into targets.yaml as a comment, says so, and it loads once the reviewer writes the
    baseline and removes the `# `."""
    out = tmp_path / "draft"
    result = cli("plan", "draft", HETING_TEXT, "-o", out)
    assert result.exit_code == 0, result.output
    for line, (name, _, _) in NEW_INDICATORS.items():
        assert f"note: line {line}: row '{name}' has targets but no 2025 value (a new indicator)" in result.stdout
    assert "holds 2 values in a cell" not in result.stdout and "read as a category" not in result.stdout
    drafted = load_plan(out)
    names = {i.name.zh for i in drafted.indicators}
    assert not names & {n for n, _, _ in NEW_INDICATORS.values()}  # not read with another column's value as its base
    assert not [i for i in drafted.item_by_id.values() if i.source_line in NEW_INDICATORS], "drafted as items"
    text = (out / "targets.yaml").read_text(encoding="utf-8")
    block = text.split("# ── New indicators", 1)[1].split("\nexcluded:", 1)[0]
    entries = block.split("# - id: ")[1:]
    assert len(entries) == 4
    for entry, (line, (name, attribute, milestones)) in zip(entries, NEW_INDICATORS.items(), strict=True):
        assert f"#   name: {{zh: {name}, en: {name}}}" in entry and f"#   attribute: {attribute}" in entry
        assert "#   baseline: {year: 2025, value: null}" in entry and f"#   source_line: {line}" in entry
        assert [f"year: {y}, {m}" in entry for y, m in zip((2028, 2030), milestones, strict=True)] == [True, True]
    assert "#     quote: 普通高中优质特色学校占比(%) | / | 30 | 50 | 预期性" in block
    assert "#     quote: 中小学生近视率(%) | ≤52 | ≤50 | 约束性" in block

    # the reviewer writes each baseline and removes the `# `: the indicators load as drafted
    entry_lines = block.split("\n", 5)[5]  # after the block's five lines of explanation
    reviewed = text.replace(entry_lines, "".join(
        line[2:].replace("value: null", "value: 40") + "\n" for line in entry_lines.splitlines()
    ))
    (out / "targets.yaml").write_text(reviewed, encoding="utf-8")
    check = cli("plan", "check", out)
    assert check.exit_code == 1 and "Traceback" not in check.output, check.output
    new = {i.name.zh: i for i in load_plan(out).indicators if i.source_line in NEW_INDICATORS}
    assert {n: (i.attribute, i.baseline.value, [t.year for t in i.targets]) for n, i in new.items()} == {
        name: (attribute, 40, [2028, 2030]) for name, attribute, _ in NEW_INDICATORS.values()
    }
    assert f"{HETING_TEXT.name}:49: error" not in check.stdout  # its row is quoted now


def test_headings_are_excluded_so_uncovered_counts_only_what_may_promise(cli, tmp_path: Path) -> None:
    """第一章, 一、, （一）, ——, 专栏N, the title, the particulars and the indicator table's title, header and category
    cells are listed under `excluded` with reason `heading`: `plan check` on a fresh draft reports as uncovered only
    sentences that may promise something, and its count is the count of those errors."""
    out = tmp_path / "draft"
    assert cli("plan", "draft", HETING_TEXT, "-o", out).exit_code == 0
    excluded = read_yaml(out / "targets.yaml")["excluded"]
    assert {e["reason"] for e in excluded} == {"heading"}
    assert all(e["note"].startswith("DRAFT (heading): ") for e in excluded)
    check = cli("plan", "check", out)
    assert check.exit_code == 1, check.output
    source = str(out / "source" / HETING_TEXT.name)
    uncovered = [line for line in check.stdout.splitlines() if line.startswith(source) and "no target quotes" in line]
    lines = sorted({int(line[len(source) + 1 :].split(":")[0]) for line in uncovered})
    new_rows = [49, 51, 52, 53, 60, 62, 63, 64, 66, 68, 69, 70, 71, 73, 74, 75]  # the rows drafted as comments
    # the invented-text note, the review of 十四五, the guiding idea, the overall aim: the reviewer's to exclude
    assert lines == [6, 8, 11, 13, *new_rows], check.stdout
    summary = " ".join(line.strip() for line in check.stdout.splitlines() if line.startswith(("planchk ", "  ")))
    assert f"{len(uncovered)} uncovered" in summary and "; 0 error(s)" not in summary
    assert f"{len(excluded)} excluded" in summary  # each heading is a sentence of its own
    # a title before the line's first 。 is excluded, the sentence after it is not: it is quoted by its target
    titled = [e for e in excluded if e["line"] in (87, 92, 93)]
    assert [(e["quote"], e.get("scope", "clause")) for e in titled] == [
        ("1.新建学校计划", "clause"), ("（一）加强经费保障", "clause"), ("（二）加强组织领导", "clause")
    ]
    assert not [line for line in check.stdout.splitlines() if "unused" in line or "stale" in line], check.stdout


def test_bare_values_that_fall_are_not_read_as_at_least(cli, tmp_path: Path) -> None:
    """15th plans forecast falling pupil numbers (births fall) and bring shares down, writing bare numbers: read as
    ≥ they made `plan check` fail the fresh draft ("2028 target 4.05 is below the earlier 4.12 although the
    comparator is >="). A falling count is read as ≈ (a projected level), a falling share as ≤, each with a note;
    a rising row and a written comparator stay as they are."""
    out = tmp_path / "draft"
    assert cli("plan", "draft", HETING_TEXT, "-o", out).exit_code == 0
    check = cli("plan", "check", out)
    assert "is below the earlier" not in check.stdout and "rises above" not in check.stdout, check.stdout
    pupils = next(i for i in load_plan(out).indicators if i.name.zh == "在校学生数")
    assert [(t.value, t.comparator, t.as_written) for t in pupils.targets] == [(4.05, "approx", "4.05"),
                                                                               (3.9, "approx", "3.9")]
    assert pupils.note and "fall from the baseline" in pupils.note
    source = tmp_path / "plan.txt"
    source.write_text("某县教育事业发展“十五五”规划\n表1 主要指标\n指标\t2025年\t2028年\t2030年\t属性\n"
                      "大班额比例(%)\t3.5\t1\t0\t约束性\n学前三年毛入园率(%)\t95\t96\t97\t预期性\n"
                      "初中辍学率(%)\t0.6\t≤0.5\t≤0.5\t约束性\n", encoding="utf-8")
    assert cli("plan", "draft", source, "-o", tmp_path / "small").exit_code == 0
    got = {i.name.zh: [t.comparator for t in i.targets] for i in load_plan(tmp_path / "small").indicators}
    assert got == {"大班额比例": ["<=", "<="], "学前三年毛入园率": [">=", ">="], "初中辍学率": ["<=", "<="]}


@pytest.mark.parametrize("mark", ["新增", "暂无"])
def test_a_base_cell_that_says_new_is_no_base(cli, tmp_path: Path, mark: str) -> None:
    """新增 or 暂无 in the base column, one cell a line, is the base of a new indicator: it was read as the row's name
    (an indicator named 新增 with its 2028 value as baseline, the real name taken for a category)."""
    source = tmp_path / "plan.zh.txt"
    source.write_text(HETING_TEXT.read_text(encoding="utf-8").replace("\n— |\n", f"\n{mark} |\n"), encoding="utf-8")
    result = cli("plan", "draft", source, "-o", tmp_path / "draft")
    assert result.exit_code == 0, result.output
    assert "line 49: row '义务教育优质均衡发展达标学校占比' has targets but no 2025 value" in result.stdout
    assert mark not in {i.name.zh for i in load_plan(tmp_path / "draft").indicators}


def test_a_numbered_line_that_may_promise_is_not_excluded_as_a_heading(cli, tmp_path: Path) -> None:
    """Only shapes that are headings are excluded: a line that is only 1.建成… may be a list item that promises, and
    a title with a counted number (1.新建学校5所。) is a sentence; both stay for the reviewer (uncovered or quoted)."""
    source = tmp_path / "plan.zh.txt"
    source.write_text("某区教育事业发展“十五五”规划(2026—2030年)\n二、发展目标\n到2030年，教育现代化水平显著提升。\n"
                      "1.建成区域教育大数据中心\n专栏2 学校建设工程\n1.新建学校5所。改扩建学校3所。\n",
                      encoding="utf-8")
    assert cli("plan", "draft", source, "-o", tmp_path / "out").exit_code == 0
    excluded = read_yaml(tmp_path / "out" / "targets.yaml")["excluded"]
    assert [(e["line"], e["quote"]) for e in excluded] == [
        (1, "某区教育事业发展“十五五”规划(2026—2030年)"), (2, "二、发展目标"), (5, "专栏2 学校建设工程")
    ]
    check = cli("plan", "check", tmp_path / "out")
    assert f"{source.name}:4: error: 1.建成区域教育大数据中心: no target quotes this sentence" in check.stdout


def test_an_empty_cell_copied_as_a_blank_line_keeps_the_table_going(cli, tmp_path: Path) -> None:
    """A table copied one cell a line without `|` drops an empty cell's text and leaves a blank line: it ended the
    table there, so the new indicator's row became a category and the rows after it were not drafted (no note)."""
    lines = []
    for line in HETING_TEXT.read_text(encoding="utf-8").split("\n"):
        if line.strip() == "|":
            lines.append("")  # 中小学生近视率(%)'s empty 2025 cell
        else:
            lines.append(line if line.startswith("[") else line.rstrip(" |"))
    source = tmp_path / "plan.zh.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    result = cli("plan", "draft", source, "-o", tmp_path / "draft")
    assert result.exit_code == 0, result.output
    assert "line 71: row '中小学生近视率' has targets but no 2025 value" in result.stdout
    assert "read as a category" not in result.stdout
    names = [i.name.zh for i in load_plan(tmp_path / "draft").indicators]
    assert names[-1] == "劳动年龄人口平均受教育年限" and len(names) == 6
