"""The benchmark script (bench/run.py) and its stack-floor reference keep measuring what they claim."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT


def _bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_run"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_self_check_runs_every_input_the_bench_makes() -> None:
    """Every kind of input the bench makes; of the batch, two districts' files (the 38 districts' are copies of
    the same five files, named alike: test_batch_is_190_files_whose_year_comes_from_the_name)."""
    # A process: the bench script as it is run (it starts planchk's processes itself).
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--self-check", "--districts", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "self-check ok" in proc.stdout and "10-file batch validated" in proc.stdout


def test_stack_floor_parses_the_plan_prints_evaluates_shape_and_ends_normally() -> None:
    # An atexit handler runs only when the interpreter tears down normally: os._exit would skip it, and the
    # floor would then leave out a cost every ordinary Python program pays.
    script = ("import atexit, runpy, sys\n"
              "atexit.register(lambda: print('interpreter teardown ran'))\n"
              f"runpy.run_path({str(ROOT / 'bench' / 'stack_floor.py')!r}, run_name='__main__')\n")
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    # A process: the bench's floor script as it is run, to its interpreter's teardown.
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env,
                          encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("在园幼儿数") == 13 and proc.stdout.count("专栏") >= 8
    assert "dadukou-education-14th-fyp" in proc.stdout  # from plan/targets.yaml and plan/projects.yaml
    assert "\x1b[" not in proc.stdout
    assert proc.stdout.rstrip().endswith("interpreter teardown ran")


def test_stack_floor_uses_the_c_loader() -> None:
    text = (ROOT / "bench" / "stack_floor.py").read_text(encoding="utf-8")
    assert "Loader=yaml.CSafeLoader" in text and "_exit(" not in text


def test_batch_is_190_files_whose_year_comes_from_the_name(tmp_path: Path) -> None:
    bench = _bench_module()
    paths = bench.make_batch(tmp_path)
    assert len(paths) == len(set(paths)) == 38 * 5
    assert paths[0].name == "district01-2021.csv" and paths[-1].name == "district38-2025.csv"
    data = ROOT / "data"
    for name in ("district07-2022.csv", "district38-2024.csv", "district01-2025.csv"):
        assert (tmp_path / name).read_bytes() == (data / f"{name[-8:]}").read_bytes(), name


def test_table_divides_by_the_reference_and_judges_the_goal() -> None:
    bench = _bench_module()
    floor = bench.Result("floor", times=[0.100, 0.080, 0.120])
    fast = bench.Result("fast", times=[0.110, 0.105, 0.130], rss_kb=36 * 1024)
    slow = bench.Result("slow", times=[0.300, 0.200, 0.250])
    crash = bench.Result("crash", times=[0.050], codes={0, 3})
    rows = bench.build_rows([floor, fast, slow, crash], [
        bench.Row("floor"), bench.Row("fast", "floor", 1.15), bench.Row("slow", "floor", 1.15),
        bench.Row("slow", "fast"), bench.Row("crash", "floor", 1.15)])
    by = {(r[0], r[4]): r for r in rows}
    assert by[("floor", "")][1:] == ["100", "80", "?", "", "", "", ""]
    assert by[("fast", "floor")][1:] == ["110", "105", "36", "floor", "1.10×", "≤ 1.15×", "met"]
    assert by[("slow", "floor")][5:] == ["2.50×", "≤ 1.15×", "not met"]
    assert by[("slow", "fast")][5:] == ["2.27×", "—", ""]  # information only: no goal, no verdict
    assert by[("crash", "floor")][5] == "—" and by[("crash", "floor")][7].startswith("no figure")
    markdown = bench.render_markdown(rows)
    head = markdown.splitlines()[0]
    assert head == "| command | median ms | min ms | max RSS MB | divided by | ratio | goal | met? |"
    assert "**not met**" in markdown and "| `fast` |" in markdown


def test_the_rows_and_goals_are_those_bench_readme_states() -> None:
    """bench/README.md's table "The rows and the goals" and the rows bench/run.py measures: the same rows, in
    the same order, with the same goals (a goal changed in one place only fails here)."""
    bench = _bench_module()
    rows = bench.default_commands(Path("/tmp"), {}, [Path("/b/x.csv")])[1]
    section = (ROOT / "bench" / "README.md").read_text(encoding="utf-8").split("## The rows and the goals", 1)[1]
    table = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("| `")]
    stated = []
    for line in table:
        name, *_, goal = [cell.strip() for cell in line.strip("|").split("|")]
        number = re.fullmatch(r"\*\*≤ ([\d.]+)×\*\*", goal)
        assert number or goal == "—", line
        stated.append((name.strip("`"), float(number[1]) if number else None))
    assert stated == [(row.name, row.goal) for row in rows]
    assert any(goal for _, goal in stated)


def test_fewer_than_seven_runs_are_refused() -> None:
    bench = _bench_module()
    with pytest.raises(SystemExit) as exc:
        bench.main(["-n", "3"])
    assert exc.value.code == 2
