"""A batch is judged and written one file at a time (docs/architecture.md#batches): its peak memory does not grow
with its number of files. Measured as the peak RSS of the planchk process itself (its rusage), never its time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_csv

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
    # Districts of one city, a year each: small files, each still judged on every indicator and item of the plan.
    names = []
    for n in range(1, MANY + 1):
        names.append(f"district{n:02d}-2023.csv")
        write_csv(tmp_path / names[-1], {"compulsory.retention_rate": 100, "preschool.enrolment": 1.8})
    peaks = {}
    for count in (FEW, MANY):
        code, peaks[count] = _peak_kb(["evaluate", *names[:count], "-f", "json", "-o", f"out{count}.json"], tmp_path)
        assert code in (0, 1)
    report = json.loads((tmp_path / f"out{MANY}.json").read_text(encoding="utf-8"))
    assert [f["source"]["file"] for f in report["files"]] == names  # every file, in the order given
    assert peaks[MANY] - peaks[FEW] < GROWTH_ALLOWED_KB, peaks
