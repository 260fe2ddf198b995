"""The table of formats (planchk.formats.FORMATS) is the one place a format is added: the command line offers,
lists in its help and renders exactly what it holds."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planchk.formats import FORMATS

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {"evaluate": "run", "validate": "run", "trend": "trend", "report": "report"}


def test_every_format_names_a_renderer_that_exists() -> None:
    for kind, formats in FORMATS.items():
        for name, where in formats.items():
            module, function = where.split(":")
            assert callable(getattr(importlib.import_module(f"planchk.render.{module}"), function)), (kind, name)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_format_choices_are_the_table_s(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer.main

    from planchk.cli.app import app

    monkeypatch.setenv("PLANCHK_LANG", "en")
    click_command = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    option = next(p for p in click_command.params if "--format" in p.opts)
    names = list(FORMATS[COMMANDS[command]])  # type: ignore[index]
    assert list(option.type.choices) == names
    assert all(name in option.help for name in names), option.help


def test_a_format_added_to_the_table_is_offered_listed_and_rendered(tmp_path: Path) -> None:
    """The recipe of docs/architecture.md: one line in FORMATS (here an existing renderer under a new name)."""
    # A process: the table is read as planchk's command-line modules are imported (the --format choices are made
    # then), so the line is added before they are; one process runs both commands, in the runner.
    code = (
        "import json, sys\nimport planchk.formats\n"
        "planchk.formats.FORMATS['run']['plain'] = 'json:stream'\n"
        "from typer.testing import CliRunner\nfrom planchk.cli.app import app\n"
        "runs = [CliRunner().invoke(app, args, prog_name='planchk') for args in (sys.argv[1:3], sys.argv[3:])]\n"
        "print(json.dumps([[r.exit_code, r.stdout, r.stderr] for r in runs]))\n"
    )
    env = dict(os.environ, PLANCHK_LANG="en", NO_COLOR="1", COLUMNS="200")
    proc = subprocess.run([sys.executable, "-c", code, "evaluate", "--help", "evaluate",
                           str(ROOT / "data" / "2022.csv"), "--format", "plain"],
                          capture_output=True, text=True, env=env, encoding="utf-8", timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    [helped_code, helped, _], [shown_code, shown, shown_err] = json.loads(proc.stdout)
    assert helped_code == 0 and "plain" in helped
    assert "github (the default when GITHUB_ACTIONS=true) or plain" in " ".join(helped.split())
    assert shown_code == 0, shown_err
    assert shown.lstrip().startswith("{") and '"exit_code": 0' in shown
