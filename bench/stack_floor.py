"""The stack floor: what any program built on typer + Pydantic models + Rich tables pays to print
planchk's evaluate output, before doing any work of its own.

It imports the four libraries, defines one Pydantic model and validates one row (the first validation
builds a schema and loads Pydantic's plugin machinery, as planchk's first CSV row does), then prints two
Rich tables of the shape `planchk evaluate data/2022.csv` prints: 13 rows × 8 columns and 8 rows ×
5 columns, with Chinese and English text, at the terminal width, and ends as planchk does: output flushed,
then os._exit, without the interpreter's teardown (cli._exit_now). bench/run.py times it as a reference row.
"""

import os
import sys

import typer  # noqa: F401 - the floor imports what planchk's CLI imports
import yaml  # noqa: F401
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table


class Row(BaseModel):
    id: str
    value: float


Row.model_validate({"id": "preschool.enrolment", "value": "1.69"})
console = Console(no_color=True)
indicators = Table(title="规划指标 2022 · dadukou-education-14th-fyp v1.0.0")
for header in ("指标 Indicator", "单位", "类型", "2020 基期", "2022 预期", "实际", "进度", "状态"):
    indicators.add_column(header)
for i in range(13):
    indicators.add_row(f"在园幼儿数 Children enrolled in kindergartens {i}", "万人", "预期性", "1.47", "≥1.67 规划值",
                       "1.69", "████░░░░░░ 44% / 40%", "✓ 达标")
console.print(indicators)
programmes = Table(title="专栏 programmes")
for header in ("专栏", "项目", "完成/到期", "进度", "状态"):
    programmes.add_column(header)
for box in range(2, 10):
    programmes.add_row(f"专栏{box}", "Moral education and all-round development programmes 德育与全面发展", "44/45",
                       "██████░░░░ 64%", "✗ 未达标 (警告)")
console.print(programmes)
sys.stdout.flush()
os._exit(0)
