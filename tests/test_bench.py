"""The benchmark script (bench/run.py) and its stack-floor reference keep working."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from conftest import ROOT


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_run"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_self_check_evaluates_a_generated_plan() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--self-check"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "200 indicators judged" in proc.stdout


def test_stack_floor_prints_tables_of_evaluates_shape() -> None:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "stack_floor.py")], capture_output=True, text=True,
                          timeout=60, env=env, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("在园幼儿数") == 13 and proc.stdout.count("专栏") >= 8
    assert "\x1b[" not in proc.stdout


def test_table_ratios_are_to_both_floors_and_the_peer() -> None:
    bench = _bench_module()
    floor = bench.Result(bench.FLOOR_NAME, times=[0.100, 0.080, 0.120])
    stack = bench.Result(bench.STACK_FLOOR_NAME, times=[0.150])
    peer = bench.Result("peer", times=[0.400])
    cmd = bench.Result("planchk evaluate", times=[0.300, 0.200, 0.250], peer="peer")
    rows = {r[0]: r for r in bench.build_rows([floor, stack, peer, cmd])}
    assert rows["planchk evaluate"][1:3] == ["250", "200"]  # median, min
    assert rows["planchk evaluate"][4:] == ["2.50×", "1.67×", "0.62×"]
    markdown = bench.render_markdown(list(rows.values()))
    assert markdown.splitlines()[0].startswith("| command | median ms") and "× stack floor" in markdown
