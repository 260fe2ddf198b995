from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.plan import Plan, load_plan

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCE_TEXT = ROOT / "plan" / "source" / "dadukou-education-14th-fyp.zh.txt"


@pytest.fixture(scope="session", autouse=True)
def _private_plan_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's own plan cache."""
    import os

    os.environ["PLANCHK_CACHE_DIR"] = str(tmp_path_factory.mktemp("plan-cache"))


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Run the real Typer app; English labels and no colour unless a test says otherwise."""
    monkeypatch.setenv("PLANCHK_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)
    runner = CliRunner()

    def run(*args: str | Path):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


def write_csv(path: Path, rows: dict[str, object], header: str = "id,value", encoding: str = "utf-8") -> Path:
    lines = [header] + [f"{k},{v}" for k, v in rows.items()]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def milestone_values(plan: Plan, year: int) -> dict[str, float]:
    """The plan's own value for every indicator in a named year."""
    out = {}
    for ind in plan.indicators:
        if year == plan.meta.baseline_year:
            out[ind.id] = ind.baseline.value
        else:
            out[ind.id] = next(t.value for t in ind.targets if t.year == year)
    return out


def as_json(result) -> dict:
    return json.loads(result.stdout)
