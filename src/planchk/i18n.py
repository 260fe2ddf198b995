"""Every word planchk shows a person, in Chinese and English, and choosing the language.

One table (LABELS) holds the labels of every format; statuses and levels are plain words here and
renderers add their own decoration (✓, ✗, colour). `Bilingual` is a text the plan or the judge gives in both
languages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A text in both languages (plan names and titles, judging messages)."""

    zh: str
    en: str
    # A plan file that misspells a key inside a name is an error, as everywhere else in the plan.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "{year}年 规划执行情况 · {plan} v{version}",
        "indicator": "指标",
        "unit": "单位",
        "attribute": "属性",
        "baseline": "{base}基期",
        "expected": "{year}期望",
        "actual": "实际",
        "progress": "进度",
        "status": "状态",
        "legend": "进度 = {base}→{end} 缺口已完成的比例 / 规划期已过去的时间比例;期望值为规划值({named})或按时序进度插值",
        "binding": "约束性",
        "indicative": "预期性",
        "milestone": "规划值",
        "interpolated": "插值",
        "pass": "达标",
        "fail": "未达标",
        "missing": "缺报",
        "not_due": "未到期",
        "cannot_judge": "无法判断",
        "ok": "正常",
        "warning": "警告",
        "error": "错误",
        "of_which": "其中:",
        "done": "完成",
        "in_progress": "在建",
        "not_started": "未开工",
        "summary": "合计:达标 {pass_},未达标 {fail},缺报 {missing},未到期 {not_due},无法判断 {cannot_judge};错误 {errors},警告 {warnings}",
        "exit": "退出码 {code}",
        "consistency": "数据一致性",
        "file": "文件",
        "encoding": "编码",
        "year_from": "年份来源",
        "column": "year 列",
        "option": "--year 参数",
        "filename": "文件名",
        "sheet": "工作表名",
        "programmes": "专栏项目",
        "programme_progress": "进度",
        "box": "专栏",
        "programme": "项目",
        "met": "达标/到期",
        "items": "事项",
        "due": "到期",
        "inferred": "(标题为推断)",
        "notices": "提示",
        "notes": "备注",
        "line": "行",
        "input_errors": "输入错误",
        "rows": "{n} 行",
        "valid": "数据可用",
        "year": "年份",
        "revised": "规划版本 {version}（由 {original} 修订）：{changes}",
        "pending_review": "注意:规划中有 {n} 个目标为草稿、尚待审核(review: pending),结论仅供参考",
        "achieved": "已实现",
        "on_track": "进度正常",
        "acceleration_needed": "需加快",
        "limited_progress": "进展有限",
        "moving_away": "偏离目标",
        "cannot_assess": "无法评估",
        "trend_title": "{years} 年度趋势 · {plan} v{version}",
        "series": "序列",
        "path": "规划路径",
        "ratio": "增速比",
        "assessment": "评估",
        "projection": "{year}年预测",
        "target": "目标",
        "rules_title": "逐年只增不减",
        "trend_legend": "增速比 = 实际年均增速 / 按期达标所需年均增速;≥95% 进度正常,60–95% 需加快,0–60% 进展有限,<0 偏离目标(Eurostat / Open SDG 方法)",
        "items_trend": "专栏计数类事项",
        "problems": "{file}:发现 {n} 个输入问题,无法评估",
        "value_shown": "（值：{value}）",
        "input_problems": "planchk：{n} 个输入问题",
        # evaluation reports (render/assessment.py)
        "report.annual": "年度评估报告",
        "report.midterm": "中期评估报告",
        "report.final": "总结评估报告",
        "report.basis": "评估依据",
        "report.files": "数据文件",
        "report.plan": "规划",
        "report.overview": "总体情况",
        "report.indicators": "主要指标",
        "report.rules": "逐年只增不减",
        "report.attention": "需要关注",
        "report.expected": "{year}年期望",
        "report.deviation": "偏差率",
        "report.why": "说明",
        "report.why_missing": "本年缺报，趋势据 {year} 年数据",
        "report.why_short": "今年达到规划值，但按已有年份的趋势，期末预计仅 {projection}",
        "report.short_of": "{actual} 未达到 {expected}",
        "report.field": "{name}：{value}",
        "report.list_sep": "、",
        "report.aside": "（{text}）",
        "report.binding_miss": "{name}{status}（{actual}，要求 {expected}）",
        "report.binding_missing": "{name}{status}",
        "report.attention_row": "{name}（{attribute}）：{status}",
        "report.attention_miss": "{name}（{attribute}）：{status}，{detail}",
        "report.attention_trend": "{name}：{assessment}",
        "report.attention_items": "{box}：{n} 项未达标（{names}）",
        "report.and_more": "等",
        "report.binding_missed": "约束性指标未达标：{names}。",
        "report.binding_ok": "约束性指标全部达标。",
        "report.actual": "{year}年实际",
        "report.status": "{year}年状态",
        "report.assessment": "趋势评估",
        "report.final_target": "{year}年目标",
        "report.outcome": "结果",
        "report.achieved_final": "实现",
        "report.missed_final": "未实现",
        "report.title": "项目",
        "report.midterm_rule": "时间过半、任务过半：规划期已过 {elapsed}，主要指标 {met}/{total} 项达到规划 {year} 年的进度要求；{verdict}",
        "report.half_ok": "任务进度与时间进度相当。",
        "report.half_behind": "未达到的指标需加快。",
        "report.final_rule": "总结评估：以 {year} 年目标为准，主要指标 {met}/{total} 项实现，专栏事项 {items_met}/{items_total} 项完成。",
        "report.annual_rule": "年度评估：{year} 年主要指标 {passed}/{total} 项达到时序进度要求。",
        "report.projection_note": "预测为对已有年份（含 {base} 基期）的线性拟合。",
        "report.method": "趋势评估以规划自身的路径为准：{base} 年基期、规划所列的中期值和 {end} 年目标，其间按时序插值。"
        "已达到 {end} 年目标为已实现，达到当年规划值为进度正常；否则计算增速比（实际变化 / 规划路径要求的变化），"
        "按 Eurostat 与 Open SDG 增速比法的阈值分级：≥0.6 需加快，0–0.6 进展有限，低于 0 偏离目标。",
        "report.method_see": "详见",
        "report.none": "无",
        "report.chart_plan": "规划路径",
        "report.chart_actual": "实际",
        "report.generated": "由 planchk 生成；数据文件中的数值为提交数据，结论以规划文本为准。",
        # plan show (render/plan_tables.py)
        "plan.indicators": "主要指标",
        "plan.id": "编号",
        "plan.name": "名称",
        "plan.targets": "目标",
        "plan.source": "出处",
        "plan.measure": "类型",
        "plan.quote": "原文",
        "plan.conflicts": "原文矛盾与重复",
        "plan.topic": "问题",
        "plan.sources": "各处说法",
        "plan.used": "采用",
        "plan.reason": "理由",
        "plan.rule_non_decreasing": "逐年只增不减(不低于上一年)",
        "plan.pending": "✎ 草稿·待审核",
        "plan.pending_count": "{n} 个目标为草稿、待审核 (✎)",
    },
    "en": {
        "title": "Plan compliance {year} · {plan} v{version}",
        "indicator": "Indicator",
        "unit": "Unit",
        "attribute": "Type",
        "baseline": "{base} base",
        "expected": "Expected {year}",
        "actual": "Actual",
        "progress": "Progress",
        "legend": "Progress = share of the {base}→{end} gap closed / share of the plan period elapsed; expected = the "
        "plan value ({named}) or interpolated in proportion to time",
        "status": "Status",
        "binding": "binding",
        "indicative": "indicative",
        "milestone": "plan value",
        "interpolated": "interpolated",
        "pass": "pass",
        "fail": "fail",
        "missing": "missing",
        "not_due": "not due",
        "cannot_judge": "cannot judge",
        "ok": "ok",
        "warning": "warning",
        "error": "error",
        "of_which": "of which: ",
        "done": "done",
        "in_progress": "in progress",
        "not_started": "not started",
        "summary": "Summary: {pass_} pass, {fail} fail, {missing} missing, {not_due} not due, {cannot_judge} cannot judge; "
        "{errors} errors, {warnings} warnings",
        "exit": "exit code {code}",
        "consistency": "Data consistency",
        "file": "File",
        "encoding": "encoding",
        "year_from": "year from",
        "column": "year column",
        "option": "--year",
        "filename": "file name",
        "sheet": "sheet name",
        "programmes": "Column programmes",
        "programme_progress": "Progress",
        "box": "Box",
        "programme": "Programme",
        "met": "Met/due",
        "items": "Items",
        "due": "Due",
        "inferred": "(title inferred)",
        "notices": "Notices",
        "notes": "Notes",
        "line": "line",
        "input_errors": "Input errors",
        "rows": "{n} rows",
        "valid": "data usable",
        "year": "year",
        "revised": "Plan version {version} (revised from {original}): {changes}",
        "pending_review": "Note: {n} target(s) of this plan are drafts still pending review (review: pending); read the verdicts as provisional",
        "achieved": "achieved",
        "on_track": "on track",
        "acceleration_needed": "acceleration needed",
        "limited_progress": "limited progress",
        "moving_away": "moving away",
        "cannot_assess": "cannot assess",
        "trend_title": "Trend {years} · {plan} v{version}",
        "series": "Series",
        "path": "Plan path",
        "ratio": "Growth ratio",
        "assessment": "Assessment",
        "projection": "Projected {year}",
        "target": "Target",
        "rules_title": "Year-over-year rules (逐年只增不减)",
        "trend_legend": "Growth ratio = observed annual growth / growth needed to reach the target on time; ≥95% on "
        "track, 60–95% acceleration needed, 0–60% limited progress, <0 moving away (Eurostat / Open "
        "SDG method)",
        "items_trend": "Countable programme items",
        "problems": "{file}: {n} input problem(s), cannot judge",
        "value_shown": " (value: {value})",
        "input_problems": "planchk: {n} input problem(s)",
        "report.annual": "annual evaluation",
        "report.midterm": "mid-term evaluation",
        "report.final": "final evaluation",
        "report.basis": "Basis",
        "report.files": "Data files",
        "report.plan": "Plan",
        "report.overview": "Overview",
        "report.indicators": "Key indicators",
        "report.rules": "Year-over-year rules",
        "report.attention": "Needs attention",
        "report.expected": "Expected {year}",
        "report.deviation": "Deviation",
        "report.why": "Why",
        "report.why_missing": "not reported this year; the trend uses {year}",
        "report.why_short": "on the plan's value this year, but the trend so far reaches only {projection}",
        "report.short_of": "{actual} does not meet {expected}",
        "report.field": "{name}: {value}",
        "report.list_sep": ", ",
        "report.aside": " ({text})",
        "report.binding_miss": "{name} {status} ({actual} / {expected})",
        "report.binding_missing": "{name} {status}",
        "report.attention_row": "{name} ({attribute}): {status}",
        "report.attention_miss": "{name} ({attribute}): {status} — {detail}",
        "report.attention_trend": "{name}: {assessment}",
        "report.attention_items": "{box}: {n} × fail ({names})",
        "report.and_more": " …",
        "report.binding_missed": "Binding (约束性) target missed: {names}.",
        "report.binding_ok": "All binding (约束性) targets met.",
        "report.actual": "Actual {year}",
        "report.status": "Status {year}",
        "report.assessment": "Trend",
        "report.final_target": "Target {year}",
        "report.outcome": "Outcome",
        "report.achieved_final": "achieved",
        "report.missed_final": "not achieved",
        "report.title": "Programme",
        "report.midterm_rule": "Half the time, half the task (时间过半、任务过半): {elapsed} of the period has passed and "
        "{met}/{total} key indicators meet the plan's values for {year}; {verdict}",
        "report.half_ok": "progress keeps pace with the plan.",
        "report.half_behind": "the indicators below their plan values must accelerate.",
        "report.final_rule": "Final evaluation against the {year} targets: {met}/{total} key indicators achieved, "
        "{items_met}/{items_total} programme items completed.",
        "report.annual_rule": "Annual evaluation: {passed}/{total} key indicators meet their time-proportional value "
        "for {year}.",
        "report.projection_note": "Projections fit a straight line through the observed years and the {base} baseline.",
        "report.method": "The trend follows the plan's own path: the {base} baseline, the plan's milestones and the "
        "{end} target, interpolated in proportion to time. A value that meets the {end} target is achieved, one that "
        "meets its year's plan value on track; otherwise the growth ratio (observed change / change the path asks "
        "for) is graded with the thresholds of the Eurostat / Open SDG growth-ratio method: ≥0.6 acceleration "
        "needed, 0–0.6 limited progress, below 0 moving away.",
        "report.method_see": "See",
        "report.none": "none",
        "report.chart_plan": "plan path",
        "report.chart_actual": "actual",
        "report.generated": "Generated by planchk from submitted data; the plan text is authoritative.",
        "plan.indicators": "Key indicators",
        "plan.id": "id",
        "plan.name": "Name",
        "plan.targets": "Targets",
        "plan.source": "Source",
        "plan.measure": "Measure",
        "plan.quote": "Quote",
        "plan.conflicts": "Contradictions and repeats in the text",
        "plan.topic": "Topic",
        "plan.sources": "What each place says",
        "plan.used": "Used",
        "plan.reason": "Reason",
        "plan.rule_non_decreasing": "逐年只增不减 (≥ previous year)",
        "plan.pending": "✎ draft, pending review",
        "plan.pending_count": "{n} target(s) are drafts pending review (✎)",
    },
}


def default_lang() -> Lang:
    """PLANCHK_LANG, else the locale: zh_* gives zh, anything else en."""
    explicit = os.environ.get("PLANCHK_LANG", "").strip().lower()
    if explicit in ("zh", "en"):
        return "zh" if explicit == "zh" else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def label(lang: str, key: str, **values: object) -> str:
    """The label `key` in `lang`, with its {placeholders} filled in."""
    text = LABELS[lang][key]
    return text.format(**values) if values else text
