"""Running-text commitments (到2025年…达到…%, 每年, 全覆盖, 逐年只增不减 …): one rule per kind, tried in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from planchk.plan.draft.items import (
    ONCE_VERBS,
    DraftItem,
    noun_after,
    number_item,
    percent_item,
    rate_item,
    vague_item,
)
from planchk.plan.schema import Clock
from planchk.plan.source_text import (
    ELIMINATE,
    EVERY_ONE,
    SUFFIX_COMPARATORS,
    Line,
    clauses,
    clock_of,
    due_year,
    find_quantities,
    hedge_of,
)

# A rule reads one clause: (clause, its line, the plan's last year, the plan's length in years) → an item or None.
TextRule = Callable[[str, int, int, int], DraftItem | None]


def rule_recurring(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """每年 / 一年一度 / 每学期: a recurring event, each period's own count (never a running total).

    Example: "每年召开一次专题会议" → count 1 次 a year, clock recurring.
    """
    m = re.search(r"(每年|一年一度|每学期)", clause)
    if not m or re.search(r"逐年|只增不减", clause):
        return None
    period = "semester" if m[1] == "每学期" else "year"  # a semester target counts twice a school year
    per = 1
    times = re.search(r"(\d+|一|两|二)次", clause)
    if times:
        per = {"一": 1, "两": 2, "二": 2}[times[1]] if not times[1].isdigit() else int(times[1])
    elif not re.search(r"举办|召开|开展|组织|举行", clause):
        # 每学期…述评 with no event and no count is a routine everyone concerned does each period: 100 %.
        return percent_item(
            clause,
            line,
            clause,
            100,
            due=end,
            clock="recurring",
            per=period,
            rule="text: recurring routine",
            note=f"{m[1]}: a routine, read as 100 % of those concerned each {period}.",
        )
    name = re.sub(r"^.*?(每年|一年一度|每学期)(举办|召开|开展|组织|举行)?(一次|\d+次)?", "", clause) or clause
    return DraftItem(
        clause,
        line,
        name,
        "count",
        ">=",
        unit="次",
        target=per,
        due=end,
        clock="recurring",
        per=period,
        rule="text: recurring",
        note=f"{m[1]}: {per} each {'semester' if period == 'semester' else 'year'}, each year's file "
        "reporting that year's own count.",
    )


def rule_eliminate(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """彻底消除 / 全面消除 X: the share of X must be 0.

    Example: "到2025年彻底消除56人以上大班额" → rate 0 %, <=, due 2025.
    """
    m = ELIMINATE.search(clause)
    if not m:
        return None
    return percent_item(
        clause,
        line,
        m[2],
        0,
        comparator="<=",
        due=due_year(clause, end),
        hedge="基本" if m[1] == "基本消除" else None,
        clock="cumulative",
        rule="text: eliminate",
        note=f"Read as: the share of what is eliminated must be 0 by the due year (no {end - years} share in "
        "the text: judged at the due year).",
    )


def rule_range(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """N至M / N-M with a measure word: a range.

    Example: "建设3-5个中小幼一体化德育教研工作坊" → range 3–5 个 ("每一位学生掌握2至3项" is every pupil: rule_every).
    """
    q = next((q for q in find_quantities(clause) if q.upper is not None), None)
    if q is None:
        return None
    name = noun_after(clause, q.end, q.start)
    due, hedge = due_year(clause, end), hedge_of(clause)
    return number_item(clause, line, name, q, due=due, hedge=hedge, clock=clock_of(clause, "range"), origin="text")


def rule_rate(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """A rate with a percentage: 达到 / 达 / 提高到 / 不低于 … %.

    Example: "幼儿教师持证率达到100%" → rate 100 %, >=; "覆盖率巩固在93%以上" → >=, standing.
    """
    return rate_item(clause, line, due_year(clause, end), hedge_of(clause), "text: rate")


def rule_parity(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """不低于 … 水平 without a number: a ratio to a reference level of at least 100 %.

    Example: "确保中小学教师平均工资收入水平不低于或高于当地公务员平均工资收入水平" → rate 100 %, >=.
    """
    m = re.search(r"(.+?)不低于(?:或高于)?(.+水平)", clause)
    if not m or find_quantities(clause):
        return None
    return percent_item(
        clause,
        line,
        m[1],
        100,
        due=due_year(clause, end),
        clock="standing",
        rule="text: parity",
        note=f"Ratio of {m[1]} to {m[2]}, in %; must be at least 100.",
    )


def rule_full_coverage(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """全覆盖 / 全员纳入 / 应助尽助 / 应入尽入: a 100 % target.

    Example: "实行幼儿园教师全覆盖培训" → rate 100 %; "做到“应助尽助”" → rate 100 %.
    """
    m = re.search(r"全覆盖(?!的)|全员(?:纳入|覆盖|参保|持证)|应([助保培入])尽\1", clause)  # 做到“应入尽入”
    if not m:
        return None
    return _all_of_them(
        clause, line, end, "standing", "text: full coverage", f"{m[0]} read as 100 % of those concerned."
    )


def _all_of_them(clause: str, line: int, end: int, clock: Clock, rule: str, note: str) -> DraftItem:
    """A 100 % rate drafted from a clause that says "all of them" (全覆盖, 每一个 …)."""
    return percent_item(
        clause,
        line,
        clause,
        100,
        due=due_year(clause, end),
        hedge=hedge_of(clause),
        clock=clock,
        rule=rule,
        note=note,
    )


def rule_every(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """每一个 / 每一所 / 一校一品 / 全岗全员 / a visit for every new entrant: a 100 % target.

    Example: "为每一个学生、每一个班级、每一所学校进行“数字画像”" → rate 100 % by the plan's end;
    "开展校园全岗全员安全素养培训" → rate 100 % every year (standing);
    "有条件的幼儿园新生入园时开展1次家访" → rate 100 % of each year's entrants (recurring);
    "实施“一人一案”的个别化教育" → rate 100 % every year (one plan for each pupil).
    """
    if re.search(r"全岗全员|一人一案|一生一案|一生一策", clause):  # one plan for each pupil: all of them, always
        clock: Clock = "standing"
    elif re.search(r"新生入[园学]时开展\d*次|每名新生|每位新生", clause):
        clock = "recurring"
    elif EVERY_ONE.search(clause):
        clock = "cumulative"
    else:
        return None
    return _all_of_them(
        clause, line, end, clock, "text: every one", "每一 / 全员 / 一校一品 read as 100 % of those concerned."
    )


def rule_ratio(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """按照教师数30:1比例组建…: a team sized by a ratio, read as at least 1 member per 30 of the base (a count in
    人/30名教师, which the reviewer computes from the team's size and the base: `derived`).

    Example: "按照教师数30:1比例组建区级教师研训指导团队" → count >= 1 人/30名教师, once (组建).
    """
    m = re.search(r"按照?(.{1,8}?)数?(\d+)\s*[:：]\s*(\d+)\s*(?:的)?比例(.*)", clause)
    if not m:
        return None
    base, per, unit_count = m[1].removesuffix("数"), m[2], float(m[3])
    name = re.sub(r"^(配备|组建|建立|成立|配齐)", "", m[4]) or clause
    return DraftItem(
        clause,
        line,
        name,
        "count",
        ">=",
        unit=f"人/{per}名{base}",
        target=unit_count,
        due=due_year(clause, end),
        hedge=hedge_of(clause),
        clock=clock_of(clause, "count"),
        rule="text: ratio",
        note=f"{per}:{m[3]}: members per {per} {base}, computed from the team's size and the number of {base} "
        "(add `derived` while reviewing).",
    )


# 平均受教育年限达13.6年以上, 由13.1年提高到13.6年: the name up to 年限, a baseline, the target, its comparator.
YEARS_LEVEL = re.compile(r"(.{0,20}年限)\D{0,8}?(?:(\d+(?:\.\d+)?)\s*年\D{0,6}?)?(\d+(?:\.\d+)?)\s*年(以上|左右|以内)?")


def rule_years(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """A level in years (平均受教育年限), which no measure word reads (年 after a number is mostly a year): a rate
    in 年, a level like the table's years rows; 由13.1年提高到13.6年 gives the baseline too.

    Example: "新增劳动力平均受教育年限达13.6年以上" → rate 13.6 年, >=.
    """
    m = YEARS_LEVEL.search(clause)
    if not m:
        return None
    comparator = SUFFIX_COMPARATORS.get(m[4] or "", ">=")
    return DraftItem(
        clause,
        line,
        re.sub(r"^(到20\d\d年)?[\s,，、]*", "", m[1]).strip(),
        "rate",
        comparator,
        unit="年",
        target=float(m[3]),
        due=due_year(clause, end),
        hedge=hedge_of(clause),
        clock=clock_of(clause, "rate"),
        rule="text: years",
        baseline=float(m[2]) if m[2] else None,
    )


def rule_non_decreasing(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """逐年只增不减 (not below last year) / 逐年提高 (above last year, every year) / 提高…比例 (the due year above
    the baseline year).

    Example: "确保财政一般公共预算教育支出逐年只增不减" → non_decreasing; "逐年提高公办园在园幼儿人数占比" → rising;
    "提高财政性教育经费占一般公共预算支出的比例" → raise; all clock trend.
    """
    m = re.search(r"逐年只增不减|只增不减|逐年提高|逐年增加|逐年增长", clause) or re.search(
        r"^提高(.+)(比例|比重|占比)$", clause
    )
    if not m:
        return None
    name = re.sub(r"^(确保|保证)|逐年只增不减|只增不减|逐年提高|逐年增加|逐年增长", "", clause).strip() or clause
    if "只增不减" in m[0]:
        measure, comparator, what = "non_decreasing", "non_decreasing", "not below the year before"
    elif m[0].startswith("逐年"):
        measure, comparator, what = "rising", "rising", "above the year before, every year"
    else:
        measure, comparator, what = (
            "raise",
            "above_baseline",
            f"the due year above {end - years} (record the {end - years} value)",
        )
    return DraftItem(
        clause,
        line,
        name,
        measure,
        comparator,
        due=due_year(clause, end),
        clock="trend",
        rule="text: year over year",
        note=f"Judged {what}; add the unit.",
    )


def rule_count(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """A number with a measure word in a commitment: 不少于360学时, 开展1次家访, 新增学位3000个.

    Example: "分层、分类、分科开展五年周期不少于360 学时的全员培训" → count 360 学时, >=.
    """
    q = next(iter(find_quantities(clause)), None)
    if q is None:
        return None
    name = noun_after(clause, q.end, q.start)
    due, hedge = due_year(clause, end), hedge_of(clause)
    return number_item(clause, line, name, q, due=due, hedge=hedge, clock=clock_of(clause, "count"), origin="text")


def rule_vague_batch(clause: str, line: int, end: int, years: int) -> DraftItem | None:
    """一批 / 系列 with a verb: a batch of unknown size, read as at least one (vague_batch); 大批 / 若干, which give
    no number, a vague_amount (reported and shown, no target).

    Example: "打造一批学生发展指导优秀案例" → vague_batch 1 个 (一批); "培养大批…技术人才" → vague_amount 名.
    """
    vague = re.search(r"一批|大批|若干|系列|数十|数百", clause)
    if not vague or not re.search(ONCE_VERBS.pattern + "|培养|评选|新建|改建|扩建", clause):
        return None
    return vague_item(clause, line, due_year(clause, end), hedge_of(clause), "text: vague batch")


# Tried in this order; the first that matches a clause makes its item (so 消除56人以上大班额 is not a count).
# First match wins: "every one" (每一位学生掌握2至3项: the share of pupils, 100 %) before a range, a range before a
# bare count.
TEXT_RULES: list[TextRule] = [
    rule_recurring,
    rule_eliminate,
    rule_every,
    rule_ratio,
    rule_range,
    rule_rate,
    rule_years,
    rule_parity,
    rule_full_coverage,
    rule_non_decreasing,
    rule_count,
    rule_vague_batch,
]
# Where the plan's own targets start: the text before reviews the last period (十三五 achievements are
# baselines, not targets).
GOALS_START = r"(发展目标|主要目标|总体目标|到{end}年)"


def text_items(lines: list[Line], skip: set[int], start: int, end: int) -> list[DraftItem]:
    """Commitments with a number, a rate or a 100 %-type target in the running text (programme `text`)."""
    years = end - start + 1
    # the goals' first line outside the table and the boxes (an excerpt whose only 到2025年 is in a box has no review)
    goals = GOALS_START.format(end=end)
    first = next((i for i, line in enumerate(lines) if line.number not in skip and re.search(goals, line.text)), 0)
    out = []
    for line in lines[first:]:
        if line.number in skip:
            continue
        for sentence in re.split(r"[。；;]", line.text):
            out += _sentence_items(sentence, line.number, end, years)
    return out


# A clause that is a year alone (到2028年，…) dates the clauses after it in its sentence; a clause that starts with
# a year and a verb (…，2030年达到95%以上) is the clause before's subject at that year.
_YEAR_ALONE = re.compile(r"(?:到|至)?(20\d\d)年(?:底|前|以前)?")
_YEAR_FIRST = re.compile(r"(?:到|至)?(20\d\d)年(?:底|前)?(?=达到|达|提高到|提升到|增加到|增至|不低于|超过|保持)")
# …60%的义务教育学校达到优质均衡标准，到2030年全部达到: the share of the clause before reaches 100 % at that year.
_YEAR_ALL = re.compile(r"(?:到|至)?(20\d\d)年(?:底|前)?(?:全部|全面|均|都)(?:达到|达标|实现)")
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*[%％]")


def _sentence_items(sentence: str, line: int, end: int, years: int) -> list[DraftItem]:
    out: list[DraftItem] = []
    dated: int | None = None
    before = ""  # the clause the last item was read from
    for clause in clauses(sentence):
        alone = _YEAR_ALONE.fullmatch(clause)
        if alone:
            dated = int(alone[1])
            continue
        read, due = clause, dated
        lead = _YEAR_FIRST.match(clause)
        every = _YEAR_ALL.fullmatch(clause.rstrip("，,、"))
        if lead and out:
            read, due = out[-1].name + clause[lead.end() :], int(lead[1])
        elif every and out and out[-1].measure == "rate" and _PERCENT.search(before):
            read, due = _PERCENT.sub("100%", before, count=1), int(every[1])
        # a rule reads the due year as the plan's last unless the clause names one; the base year stays the plan's
        last = end if due is None else due
        for rule in TEXT_RULES:
            item = rule(read, line, last, years - (end - last))
            if item is not None:
                if read != clause:
                    item = replace(item, quote=clause)
                if every and not lead:
                    item = replace(item, note=f"{every[0]} read as 100 %: the share of the clause before, by {due}.")
                out.append(item)
                before = read
                break
    return out
