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


# ── normal output: every command on the shipped data, in Chinese ────────────────────────────────────────────
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
YEARS = [str(DATA / f"{year}.csv") for year in (2021, 2022, 2023)]
DRAFT_TEXT = ROOT / "tests" / "fixtures" / "draft" / "riverside-13th-fyp.zh.txt"

# A command → runs of it on the shipped data and plan ({tmp}: an empty folder; `plan review` reviews the draft
# that `plan draft` wrote there, so the draft comes first). Every format a person reads is here; JSON and the
# JSON Schemas are data for programs (their keys are English by design, their `message_zh` Chinese).
NORMAL_RUNS: dict[str, list[list[str]]] = {
    "evaluate": [
        [YEARS[1]],
        [*YEARS, "-f", "junit"],
        [*YEARS, "-f", "github"],
        [*YEARS, "-f", "markdown"],
        [YEARS[1], "--only", "indicators"],
        [YEARS[1], "-p", "4"],
        [YEARS[1], "{tmp}/missing-2024.csv"],
    ],
    "validate": [YEARS, [*YEARS, "-f", "junit"], [*YEARS, "-f", "github"]],
    "trend": [YEARS],
    "report": [YEARS[:2], [*YEARS, "--year", "2023"], [YEARS[1], "-f", "html"]],
    "schema": [["report", "-o", "{tmp}/report.schema.json"]],
    "template": [["2023"], ["2023", "--example"]],
    "plan show": [[]],
    "plan check": [[]],
    "plan coverage": [[], ["-f", "html", "-o", "{tmp}/coverage.html"]],
    "plan diff": [["plan", "plan"]],
    "plan draft": [[str(DRAFT_TEXT), "-o", "{tmp}/draft"]],
    "plan review": [["{tmp}/draft", "--all"]],
}
# What a run of three Latin words may be without being English: a Latin abbreviation the plan itself uses.
LATIN_WORDS = {"planchk", "CSV", "UTF", "JSON", "JUnit", "YAML", "HTML", "PDF", "Excel", "WPS", "Eurostat", "Open",
               "SDG", "GitHub", "OPTIONS", "FILE", "YEAR", "OLD", "NEW", "DIR", "VERSION", "TEXT", "ARGS", "COMMAND"}
LATIN_RUN = re.compile(r"[A-Za-z]{2,}(?:[,;:!?()]*\s+[(]*[A-Za-z]{2,}){2,}")  # words apart (year,id,name is a header)


def english_sentences(text: str) -> list[str]:
    """Runs of three or more Latin words that are not an id, a path, an option, a unit, a number or a word of
    LATIN_WORDS: English where Chinese was asked for."""
    found = []
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)  # a report's CSS
    for line in text.splitlines():
        line = re.sub(r"\S*[/\\]\S*", " ", line)  # paths, and the plan's own a/b notation
        line = re.sub(r"--?[\w-]+", " ", line)  # options
        line = re.sub(r"[\w-]+(?:\.[\w-]+)+", " ", line)  # ids (preschool.enrolment), file names, versions
        line = re.sub(r"\b\w*_\w*\b", " ", line)  # ids and keys with underscores (in_progress as a key)
        line = re.sub(r"</?[\w:-]+|[\w:-]+=(?=\")|/?>|&\w+;", " ", line)  # markup (its attribute values stay)
        line = re.sub(r"\b(?:" + "|".join(LATIN_WORDS) + r")\b", " ", line)
        found += LATIN_RUN.findall(line)
    return found


def test_every_command_has_a_normal_run_here() -> None:
    assert sorted(leaf_commands()) == sorted(NORMAL_RUNS)


@pytest.mark.parametrize(
    "command, args",
    [(command, args) for command, runs in sorted(NORMAL_RUNS.items()) for args in runs],
    ids=lambda value: value if isinstance(value, str) else " ".join(Path(a).name for a in value),
)
def test_every_command_speaks_chinese_all_the_way(
    command: str, args: list[str], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under --lang zh no command prints an English sentence, on stdout or stderr, in any format a person
    reads (the text of JUnit messages and GitHub annotations included)."""
    tmp = tmp_path_factory.getbasetemp() / "chinese-all-the-way"
    tmp.mkdir(exist_ok=True)
    if command == "plan review":  # the draft it reviews
        draft = [*NORMAL_RUNS["plan draft"][0]]
        CliRunner().invoke(app, ["plan", "draft", *(a.format(tmp=tmp) for a in draft), "--lang", "zh"])
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PLANCHK_LANG", "en")  # --lang zh wins
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    full = [*command.split(), *(a.format(tmp=tmp) for a in args), "--lang", "zh"]
    result = CliRunner().invoke(app, full, catch_exceptions=False, prog_name="planchk")
    assert result.exit_code in (0, 1, 2), result.output
    assert result.stdout.strip() or result.stderr.strip() or "-o" in args
    assert result.exit_code != 2 or "missing" in " ".join(args), result.output  # only the missing file is refused
    assert english_sentences(result.stdout) == [], result.stdout
    assert english_sentences(result.stderr) == [], result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate", "--bogus"],
        ["evaluate"],
        ["evaluate", "data/2022.csv", "-f", "markdwn"],
        ["evaluate", "data/2022.csv", "--fail-on", "sometimes"],
        ["template", "20x"],
        ["plan", "show", "extra"],
        ["plan", "nonesuch"],
        ["report", "data/2022.csv", "--format", "docx"],
        ["evaluat", "data/2022.csv"],  # click suggests a name: said in Chinese too
    ],
)
@pytest.mark.parametrize("how", ["--lang", "PLANCHK_LANG", "LANG"])
def test_the_command_lines_own_errors_are_chinese(args: list[str], how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """click's usage errors arise before --lang has a value: the language is read from the line itself, else
    from PLANCHK_LANG or the locale; exit 2 as in English."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("PLANCHK_LANG", "zh" if how == "PLANCHK_LANG" else "")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8" if how == "LANG" else "C")
    line = [*args, "--lang", "zh"] if how == "--lang" else args
    result = CliRunner().invoke(app, line, prog_name="planchk")
    assert result.exit_code == 2, result.output
    said = result.stderr.strip().splitlines()
    assert said and all(CJK.search(text) for text in said if not text.startswith("用法：")), result.stderr
    assert english_sentences(result.stderr) == [], result.stderr
    assert "Error" not in result.stderr and "Try '" not in result.stderr
    english = CliRunner().invoke(app, [*args, "--lang", "en"] if how == "--lang" else args, env={"PLANCHK_LANG": "en"},
                                 prog_name="planchk")
    assert english.exit_code == 2 and not CJK.search(english.stderr.replace("用法", "")), english.stderr


def test_the_plan_check_summary_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The closing summary of plan check is wrapped to the terminal's width, in both languages."""
    from planchk.cjk import cells

    monkeypatch.setenv("NO_COLOR", "1")
    for columns in (80, 60):
        monkeypatch.setenv("COLUMNS", str(columns))
        for lang in ("zh", "en"):
            result = CliRunner().invoke(app, ["plan", "check", "--lang", lang])
            lines = result.stdout.splitlines()
            start = next(n for n, line in enumerate(lines) if line.startswith("planchk "))
            summary = lines[start:]  # the findings above it are one line each, to be read whole or grepped
            assert len(summary) > 1 and max(cells(line) for line in summary) <= columns, result.stdout


@pytest.mark.parametrize("lang, words, not_words", [("zh", {"在建"}, {"in_progress", "done"}),
                                                     ("en", {"in_progress"}, {"在建", "完成"})])
def test_the_example_template_writes_status_words_in_the_language_and_both_are_read(
    lang: str, words: set[str], not_words: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = tmp_path / "2023.csv"
    assert CliRunner().invoke(app, ["template", "2023", "--example", "--lang", lang, "-o", str(out)]).exit_code == 0
    values = {row.split(",")[4] for row in out.read_text(encoding="utf-8-sig").splitlines()[1:]}
    assert words <= values and not values & not_words
    for reader in ("zh", "en"):  # a file in either language is read whatever --lang says
        result = CliRunner().invoke(app, ["evaluate", str(out), "-f", "json", "--lang", reader])
        assert result.exit_code == 0 and '"fail": 0' in result.stdout, result.output
