"""Every command speaks the language it is asked for: each one, given input it cannot use, says so in the
language of --lang, whatever PLANCHK_LANG says. The commands are read from the app itself, so a new command
without a case here fails the first test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli.app import app

CJK = re.compile(r"[\u4e00-\u9fff]")

# A command → arguments it cannot use ({tmp} is an empty folder): a file, plan or text that does not exist, or
# an output that cannot be written.
BAD_INPUT: dict[str, list[str]] = {
    "evaluate": ["{tmp}/missing.csv"],
    "validate": ["{tmp}/missing.csv"],
    "trend": ["{tmp}/missing.csv"],
    "report": ["{tmp}/missing.csv"],
    "schema": ["report", "-o", "{tmp}/a-file/report.schema.json"],  # under a file: cannot be written
    "template": ["2025", "--plan", "{tmp}/no-plan"],
    "plan show": ["--plan", "{tmp}/no-plan"],
    "plan check": ["{tmp}/no-plan"],
    "plan coverage": ["{tmp}/no-plan"],
    "plan diff": ["{tmp}/no-plan", "{tmp}/no-plan-either"],
    "plan draft": ["{tmp}/missing.txt", "-o", "{tmp}/draft"],
    "plan review": ["{tmp}/no-plan", "--all"],
}


def leaf_commands() -> list[str]:
    """Every command a user can run (`plan show`, not `plan`), as the app builds them."""
    import typer.main

    def walk(command: object, path: str) -> list[str]:
        subs: dict[str, object] = getattr(command, "commands", {})
        if not subs:
            return [path]
        return [leaf for name, sub in subs.items() for leaf in walk(sub, f"{path} {name}".strip())]

    return walk(typer.main.get_command(app), "")


def test_every_command_has_a_bad_input_here() -> None:
    assert sorted(leaf_commands()) == sorted(BAD_INPUT)


@pytest.mark.parametrize("lang, other", [("zh", "en"), ("en", "zh")])
@pytest.mark.parametrize("command", sorted(BAD_INPUT))
def test_a_command_says_its_problems_in_the_language_of_lang(
    command: str, lang: str, other: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("PLANCHK_LANG", other)  # --lang wins over it
    monkeypatch.setenv("NO_COLOR", "1")
    args = [*command.split(), *(a.format(tmp=tmp_path) for a in BAD_INPUT[command]), "--lang", lang]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines, result.output
    if lang == "zh":
        assert all(CJK.search(line) for line in lines), result.stderr  # every line said in Chinese
        assert not re.search(r"\b(error|cannot|not judged)\b", result.stderr), result.stderr
    else:
        assert not CJK.search(result.stderr), result.stderr
        assert re.search(r"\b(error|cannot)\b", result.stderr), result.stderr


@pytest.mark.parametrize("lang, words", [("zh", "内部错误"), ("en", "internal error")])
def test_a_bug_is_reported_in_the_language_of_lang(
    lang: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planchk.runs

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(planchk.runs, "judge_year", boom)
    monkeypatch.setenv("PLANCHK_LANG", "en" if lang == "zh" else "zh")
    data = Path(__file__).resolve().parents[1] / "data" / "2022.csv"
    result = CliRunner().invoke(app, ["evaluate", str(data), "--lang", lang], catch_exceptions=False)
    assert result.exit_code == 3
    assert words in result.stderr
