"""The stack floor: what any program built on typer + PyYAML + Pydantic models + Rich tables pays to read
planchk's plan and print its evaluate output, before doing any work of its own.

It imports the four libraries, parses the plan's two YAML files (plan/targets.yaml and plan/projects.yaml,
found relative to this repository) with PyYAML's C loader, defines one Pydantic model and validates one
row (the first validation builds a schema, as planchk's first CSV row does), then prints two Rich tables of
the shape `planchk evaluate data/2022.csv` prints: 13 rows × 8 columns and 8 rows × 5 columns, with
Chinese and English text, at the terminal width. It ends like any Python program: no os._exit, the
interpreter tears down normally. bench/run.py times it as the reference for `planchk evaluate`.
"""

from pathlib import Path
from typing import Any

import typer  # noqa: F401 - the floor imports what planchk's CLI imports
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

PLAN_DIR = Path(__file__).resolve().parent.parent / "plan"


def load_plan_yaml(name: str) -> dict[str, Any]:
    """One plan file, parsed the fastest way PyYAML offers (libyaml's C loader, safe constructors)."""
    data: dict[str, Any] = yaml.load((PLAN_DIR / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data


class Row(BaseModel):
    id: str
    value: float


def main() -> None:
    targets = load_plan_yaml("targets.yaml")
    projects = load_plan_yaml("projects.yaml")
    Row.model_validate({"id": "preschool.enrolment", "value": "1.69"})
    console = Console(no_color=True)
    # The titles come from the parsed files, as planchk's do, so the parse is used and its result checked
    # by tests/test_bench.py.
    plan = targets["plan"]
    indicators = Table(title=f"规划指标 2022 · {plan['id']} v{plan['version']}")
    for header in ("指标 Indicator", "单位", "类型", "2020 基期", "2022 预期", "实际", "进度", "状态"):
        indicators.add_column(header)
    for i in range(13):
        indicators.add_row(f"在园幼儿数 Children enrolled in kindergartens {i}", "万人", "预期性", "1.47",
                           "≥1.67 规划值", "1.69", "████░░░░░░ 44% / 40%", "✓ 达标")
    console.print(indicators)
    programmes = Table(title=f"专栏 programmes · {len(projects['programmes'])} in {projects['plan_id']}")
    for header in ("专栏", "项目", "完成/到期", "进度", "状态"):
        programmes.add_column(header)
    for box in range(2, 10):
        programmes.add_row(f"专栏{box}", "Moral education and all-round development programmes 德育与全面发展",
                           "44/45", "██████░░░░ 64%", "✗ 未达标 (警告)")
    console.print(programmes)


if __name__ == "__main__":
    main()
