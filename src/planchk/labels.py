"""User-facing words in Chinese and English, and choosing the language."""

from __future__ import annotations

import os

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "{year}年 规划执行情况 · {plan} v{version}",
        "indicator": "指标", "unit": "单位", "attribute": "属性", "baseline": "{base}基期", "expected": "{year}期望",
        "actual": "实际", "progress": "进度", "status": "状态",
        "legend": "进度 = {base}→{end} 缺口已完成的比例 / 规划期已过去的时间比例;期望值为规划值({named})或按时序进度插值",
        "binding": "约束性", "indicative": "预期性",
        "milestone": "规划值", "interpolated": "插值",
        "pass": "✓ 达标", "fail": "✗ 未达标", "missing": "? 缺报", "not_due": "· 未到期", "cannot_judge": "? 无法判断",
        "ok": "正常", "warning": "警告", "error": "错误",
        "of_which": "其中:", "done": "完成", "in_progress": "在建", "not_started": "未开工",
        "summary": "合计:达标 {pass_},未达标 {fail},缺报 {missing},未到期 {not_due},无法判断 {cannot_judge};错误 {errors},警告 {warnings}",
        "exit": "退出码 {code}",
        "consistency": "数据一致性", "file": "文件", "encoding": "编码", "year_from": "年份来源",
        "column": "year 列", "option": "--year 参数", "filename": "文件名",
        "programmes": "专栏项目", "programme_progress": "进度", "box": "专栏", "programme": "项目", "met": "达标/到期", "items": "事项",
        "due": "到期", "inferred": "(标题为推断)", "notices": "提示", "notes": "备注", "line": "行",
        "input_errors": "输入错误", "rows": "{n} 行", "valid": "✓ 数据可用", "year": "年份",
        "revised": "规划版本 {version}(由 {original} 修订):{changes}",
        "achieved": "已实现", "on_track": "进度正常", "acceleration_needed": "需加快",
        "limited_progress": "进展有限", "moving_away": "偏离目标", "cannot_assess": "无法评估",
        "trend_title": "{years} 年度趋势 · {plan} v{version}", "series": "序列", "path": "规划路径",
        "ratio": "增速比", "assessment": "评估", "projection": "{year}年预测", "target": "目标",
        "rules_title": "逐年只增不减", "trend_legend": "增速比 = 实际年均增速 / 按期达标所需年均增速;≥95% 进度正常,60–95% 需加快,0–60% 进展有限,<0 偏离目标(Eurostat / Open SDG 方法)",
        "items_trend": "专栏计数类事项",
        "problems": "{file}:发现 {n} 个输入问题,无法评估",
    },
    "en": {
        "title": "Plan compliance {year} · {plan} v{version}",
        "indicator": "Indicator", "unit": "Unit", "attribute": "Type", "baseline": "{base} base",
        "expected": "Expected {year}", "actual": "Actual", "progress": "Progress",
        "legend": "Progress = share of the {base}→{end} gap closed / share of the plan period elapsed; expected = the "
                  "plan value ({named}) or interpolated in proportion to time",
        "status": "Status",
        "binding": "binding", "indicative": "indicative",
        "milestone": "plan value", "interpolated": "interpolated",
        "pass": "✓ pass", "fail": "✗ fail", "missing": "? missing", "not_due": "· not due",
        "cannot_judge": "? cannot judge",
        "ok": "ok", "warning": "warning", "error": "error",
        "of_which": "of which: ", "done": "done", "in_progress": "in progress", "not_started": "not started",
        "summary": "Summary: {pass_} pass, {fail} fail, {missing} missing, {not_due} not due, {cannot_judge} cannot judge; "
                   "{errors} errors, {warnings} warnings",
        "exit": "exit code {code}",
        "consistency": "Data consistency", "file": "File", "encoding": "encoding", "year_from": "year from",
        "column": "year column", "option": "--year", "filename": "file name",
        "programmes": "Column programmes", "programme_progress": "Progress", "box": "Box", "programme": "Programme", "met": "Met/due",
        "items": "Items", "due": "Due", "inferred": "(title inferred)", "notices": "Notices", "notes": "Notes",
        "line": "line", "input_errors": "Input errors", "rows": "{n} rows", "valid": "✓ data usable",
        "year": "year",
        "revised": "Plan version {version} (revised from {original}): {changes}",
        "achieved": "achieved", "on_track": "on track", "acceleration_needed": "acceleration needed",
        "limited_progress": "limited progress", "moving_away": "moving away", "cannot_assess": "cannot assess",
        "trend_title": "Trend {years} · {plan} v{version}", "series": "Series", "path": "Plan path",
        "ratio": "Growth ratio", "assessment": "Assessment", "projection": "Projected {year}", "target": "Target",
        "rules_title": "Year-over-year rules (逐年只增不减)",
        "trend_legend": "Growth ratio = observed annual growth / growth needed to reach the target on time; ≥95% on "
                        "track, 60–95% acceleration needed, 0–60% limited progress, <0 moving away (Eurostat / Open "
                        "SDG method)",
        "items_trend": "Countable programme items",
        "problems": "{file}: {n} input problem(s), cannot judge",
    },
}


def default_lang() -> str:
    """PLANCHK_LANG, else the locale: zh_* gives zh, anything else en."""
    explicit = os.environ.get("PLANCHK_LANG", "").strip().lower()
    if explicit in LABELS:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def label(lang: str, key: str, **values: object) -> str:
    text = LABELS[lang][key]
    return text.format(**values) if values else text
