"""The wheel carries the plan: `planchk evaluate FILE` works after `pip install .`, from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import DATA, ROOT, own_bytecode


def test_installed_wheel_evaluates_from_another_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    pip_env = own_bytecode(dict(os.environ))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, env=pip_env)
    [wheel] = wheels.glob("planchk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "planchk/_plan/targets.yaml" in names and "planchk/_plan/projects.yaml" in names
    assert "planchk/_plan/units.yaml" in names  # the responsibility map ships with its plan
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, env=pip_env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**pip_env, "PYTHONPATH": str(target), "NO_COLOR": "1", "PLANCHK_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "planchk", "evaluate", str(DATA / "2022.csv")],
                          capture_output=True, text=True, cwd=elsewhere, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Children enrolled in kindergartens" in proc.stdout
    # it really ran the installed copy, with the plan inside the package
    check = subprocess.run([sys.executable, "-c", "import planchk.plan.load as p; print(p.bundled_plan_dir())"],
                           capture_output=True, text=True, cwd=elsewhere, env=env)
    assert check.stdout.strip().startswith(str(target))
