from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli.app import app
from planchk.plan.load import load_plan
from planchk.plan.model import Plan

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCE_TEXT = ROOT / "plan" / "source" / "dadukou-education-14th-fyp.zh.txt"


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


def one_file(result) -> dict:
    """The one evaluation of a single-file `evaluate --format json` run (every run writes `files`)."""
    report = as_json(result)
    assert len(report["files"]) == 1, [f["source"]["file"] for f in report["files"]]
    return report["files"][0]


def by_id(report: dict) -> dict[str, dict]:
    """Every indicator, item and named-list entry of one file's evaluation by id."""
    out = {r["id"]: r for r in report["indicators"]}
    for p in report["programmes"]:
        for item in p["items"]:
            out[item["id"]] = item
            out.update({e["id"]: e for e in item.get("entries", [])})
    return out
