#!/usr/bin/env python3
"""Where the time of a large run goes: in-process phase timings for a generated plan.

    python bench/phases.py            # 100 000 indicators and rows
    python bench/phases.py -n 10000
    python bench/phases.py --gc       # with the cyclic collector on (the CLI holds it off by default)

bench/run.py times whole processes; this splits one evaluate and one validate into the steps planchk takes,
so a change can be aimed at the step that costs most. It calls planchk's modules directly, so it follows
their names: after src/ is reorganised, its imports have to follow.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import generate  # noqa: E402 - bench/run.py's generator, so both scripts measure the same files

T = TypeVar("T")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100_000, help="indicators in the plan and rows in the CSV")
    ap.add_argument("--gc", action="store_true", help="keep the cyclic garbage collector on")
    args = ap.parse_args(argv)
    n = args.n
    with tempfile.TemporaryDirectory(prefix="planchk-phases-") as t:
        plan_dir, csv_path = generate(Path(t), n)
        from planchk.judge.consistency import check_parts
        from planchk.judge.year import judge_year
        from planchk.plan.contract import contract_of
        from planchk.plan.load import load_plan
        from planchk.plan.revisions import plan_in_force
        from planchk.reading.actuals import read_actuals
        from planchk.render.json import to_json
        from planchk.runs import run_evaluate, run_validate

        if not args.gc:
            gc.disable()  # as the CLI does by default: a run makes many objects and almost no cycles
        steps: list[tuple[str, float]] = []

        def step(name: str, fn: Callable[[], T]) -> T:
            t0 = time.perf_counter()
            value = fn()
            steps.append((name, time.perf_counter() - t0))
            return value

        plan = step("load_plan (parse YAML, validate)", lambda: load_plan(plan_dir))
        contract = step("contract_of (the plan's data contract)", lambda: contract_of(plan))
        actuals = step("read_actuals (CSV → rows)", lambda: read_actuals(csv_path, contract))
        step("check_parts", lambda: check_parts(str(csv_path), contract.parts_of, actuals.rows))
        step("validate: run_validate (read + check)", lambda: run_validate(plan, [csv_path]))
        in_force = plan_in_force(plan, actuals.year)
        step("evaluate: judge_year (judge every target)", lambda: judge_year(in_force, actuals))
        run = step("evaluate: run_evaluate (read + judge)", lambda: run_evaluate(plan, [csv_path]))
        step("evaluate: JSON report", lambda: to_json(run, "en"))
        gc.enable()
    width = max(len(name) for name, _ in steps)
    print(f"{n} indicators and rows, Python {sys.version.split()[0]}, collector {'on' if args.gc else 'off'}")
    for name, seconds in steps:
        print(f"  {name:<{width}}  {seconds * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
