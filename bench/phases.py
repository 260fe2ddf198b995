#!/usr/bin/env python3
"""Where the time of a large run goes: in-process phase timings for a generated plan (warm plan cache).

    python bench/phases.py            # 100 000 indicators and rows
    python bench/phases.py -n 10000

bench/run.py times whole processes; this splits one evaluate and one validate into the steps planchk takes,
so a change can be aimed at the step that costs most. The collector is off, as in the CLI (cli.run_guarded).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import generate  # noqa: E402 - bench/run.py's generator, so both scripts measure the same files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100_000, help="indicators in the plan and rows in the CSV")
    n = ap.parse_args(argv).n
    with tempfile.TemporaryDirectory(prefix="planchk-phases-") as t:
        plan_dir, csv_path = generate(Path(t), n)
        os.environ["PLANCHK_CACHE_DIR"] = str(Path(t) / "cache")
        os.environ.pop("PLANCHK_NO_CACHE", None)
        from planchk.actuals import read_actuals
        from planchk.checks import run_evaluate, run_validate
        from planchk.evaluate import check_parts, evaluate
        from planchk.plan import load_contract, load_plan, plan_in_force
        from planchk.report import build_report, report_json

        gc.disable()
        start = time.perf_counter()
        load_plan(plan_dir)  # cold: parse and validate the YAML, fill the cache
        cold = time.perf_counter() - start
        steps: list[tuple[str, float]] = [("cold load (YAML, validate, cache)", cold)]

        def step(name: str, fn):
            t0 = time.perf_counter()
            value = fn()
            steps.append((name, time.perf_counter() - t0))
            return value

        contract = step("validate: load_contract (marshal)", lambda: load_contract(plan_dir))
        actuals = step("validate: read_actuals (CSV → rows)", lambda: read_actuals(csv_path, contract))
        step("validate: check_parts", lambda: check_parts(contract.parts_of, actuals.rows))
        step("validate: run_validate (all of it)", lambda: run_validate(contract, [csv_path]))
        plan = step("evaluate: load_plan (unpickle models)", lambda: load_plan(plan_dir))
        step("evaluate: plan.contract (from the models)", lambda: plan.contract)
        in_force = plan_in_force(plan, actuals.year)
        step("evaluate: evaluate (judge every target)", lambda: evaluate(in_force, actuals))
        run = step("evaluate: run_evaluate (read + judge)", lambda: run_evaluate(plan, [csv_path]))
        report = step("evaluate: build_report (validated rows)", lambda: build_report("p", "1", run, "en"))
        step("evaluate: report_json", lambda: report_json(report))
        gc.enable()
    width = max(len(name) for name, _ in steps)
    print(f"{n} indicators and rows, Python {sys.version.split()[0]}")
    for name, seconds in steps:
        print(f"  {name:<{width}}  {seconds * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
