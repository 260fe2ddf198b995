"""A batch is judged and written one file at a time (docs/architecture.md#batches): its peak memory does not grow
with its number of files, also when its files go to two plans (--plans: one batch per plan, chained). Measured as
the peak RSS of the planchk process itself (its rusage), never its time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write_csv

FEW = 5
MANY = 4 * FEW
# Each file judged and kept used to add about 2 MB (its rows, its evaluation, its part of the JSON document): 15
# more files would add some 30 MB. Judged one at a time, they add next to nothing.
GROWTH_ALLOWED_KB = 8 * 1024


def _peak_kb(args: list[str], cwd: Path) -> tuple[int, int]:
    """The exit code and peak RSS (kB) of one planchk process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANCHK_")} | {"PLANCHK_LANG": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "planchk", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    proc.stderr.close()
    return proc.returncode, usage.ru_maxrss  # kB on Linux


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kB on Linux")
def test_peak_memory_does_not_grow_with_the_number_of_files(tmp_path: Path) -> None:
    # Districts of one city, a year each: small files, each still judged on every indicator and item of the plan;
    # in a folder named like the plan's, for --plans. Then the same files and two of another plan's given among
    # them: the first plan's files wait on disk while the other's are read, then each plan's are judged in turn.
    (tmp_path / "dadukou").mkdir()
    names = []
    for n in range(1, MANY + 1):
        names.append(f"dadukou/district{n:02d}-2023.csv")
        write_csv(tmp_path / names[-1], {"compulsory.retention_rate": 100, "preschool.enrolment": 1.8})
    riverside = ROOT / "tests" / "fixtures" / "plans" / "riverside"
    shutil.copytree(riverside, tmp_path / "plans" / "riverside", ignore=shutil.ignore_patterns("data"))
    (tmp_path / "plans" / "dadukou").symlink_to(ROOT / "plan", target_is_directory=True)
    shutil.copytree(riverside / "data", tmp_path / "riverside")
    others = ["riverside/2017.csv", "riverside/2018.csv"]
    runs = {
        FEW: names[:FEW],
        MANY: names,
        "plans": [*names[: MANY // 2], others[0], *names[MANY // 2 :], others[1], "--plans", "plans"],
    }
    # Every process first: a child's peak RSS starts from its parent's (the report read here would count).
    peaks = {}
    for run, args in runs.items():
        code, peaks[run] = _peak_kb(["evaluate", *args, "-f", "json", "-o", f"out{run}.json"], tmp_path)
        assert code in (0, 1)
    assert peaks[MANY] - peaks[FEW] < GROWTH_ALLOWED_KB, peaks
    assert peaks["plans"] - peaks[FEW] < GROWTH_ALLOWED_KB, peaks
    report = json.loads((tmp_path / f"out{MANY}.json").read_text(encoding="utf-8"))
    assert [f["source"]["file"] for f in report["files"]] == names  # every file, in the order given
    report = json.loads((tmp_path / "outplans.json").read_text(encoding="utf-8"))
    assert [f["source"]["file"] for f in report["files"]] == [*names, *others]  # grouped by plan
    assert report["files"][-1]["year_before"]["file"] == others[0]
