"""Property-based: random options and values thrown at every command through the real CLI.

Random -o targets (inputs by any path, a symlink, a hard link, the plan's files, folders, devices), random
--encoding names, random year cells and --year values, random YAML scalars in place of a plan's numbers and
years, for evaluate, validate, trend, report, template, schema, plan show/check/diff/draft. Whatever comes:
the exit code is 0, 1 or 2, nothing says "internal error" or prints a traceback, and every input file (data,
the plan's files, the source text) keeps its bytes and its mtime.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FUZZ_EXAMPLES, ROOT
from planchk.cli.app import app

runner = CliRunner()
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ON_POSIX = os.name == "posix"
TEMPLATE_2022 = (ROOT / "data" / "2022.csv").read_text(encoding="utf-8")
TEMPLATE_2021 = (ROOT / "data" / "2021.csv").read_text(encoding="utf-8")

encodings = st.one_of(
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "latin-1", "ascii", "undefined", "rot13",
                     "base64", "hex", "zlib", "bz2", "uu", "quopri", "idna", "punycode", "unicode_escape",
                     "raw_unicode_escape", "utf-7", "cp65001", "mbcs", "", " ", "utf-8\x00", "../etc"]),
    st.text(max_size=12).filter(lambda s: "\x00" not in s),
)
year_texts = st.one_of(
    st.sampled_from(["2022", "1e400", "-1e400", "9" * 400, "nan", "inf", "2022.0", "2022.5", "２０２２", "0x7E6",
                     "2022年", "", " ", "-2022", "1e3", "2.022e3", "20 22"]),
    st.integers(-10**30, 10**30).map(str),
    st.floats().map(str),
    st.text(max_size=8).filter(lambda s: "," not in s and "\n" not in s and "\r" not in s and '"' not in s),
)
yaml_scalars = st.one_of(
    st.sampled_from([".nan", ".NaN", ".inf", "-.inf", "1.0e+400", "-1.0e+400", "9" * 5000, "9" * 400, "1e-400", "0",
                     "-0", "-1", "0x1F", "0o17", "1_000", "true", "null", "~", "''", "'1.5'", "2022-01-01", "[]",
                     "{}", "1.5", "2022", "99999999999999999999"]),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).replace("inf", ".inf").replace("nan", ".nan")),
)
OUTPUTS = ["none", "-", "/dev/null", "new", "existing", "data", "data-dotted", "data-symlink", "data-hardlink",
           "targets", "projects", "source", "plan-dir", "scratch", "dangling", "under-a-file", "plan-new"]
COMMANDS = ["evaluate", "validate", "trend", "report", "template", "schema", "plan show", "plan check", "plan diff",
            "plan draft"]


def scratch() -> Path:
    """A fresh folder per example: the plan (copied), two years of data, one file that is no input."""
    folder = Path(tempfile.mkdtemp(prefix="planchk-fuzz-"))
    shutil.copytree(ROOT / "plan", folder / "plan")
    (folder / "existing.txt").write_text("not an input\n", encoding="utf-8")
    return folder


def with_year(text: str, year: str) -> str:
    """The data file with a year column, every row's year cell `year` (a random string)."""
    lines = text.splitlines()
    return "\n".join(["year," + lines[0], *(f"{year},{line}" for line in lines[1:])]) + "\n"


# The plan's numeric keys, in targets.yaml and projects.yaml: any of them may get the random scalar.
PLAN_KEYS = ["value", "year", "baseline", "due", "min", "max", "target", "factor", "period_start", "period_end",
             "baseline_year", "source_line", "approx_tolerance", "not_started_lagging_after", "plausibility_factor",
             "effective_from", "schema_version"]


def plan_with(text: str, scalar: str, where: int, key: str) -> str:
    """A plan file with one `key:` scalar (the where-th, cyclically) replaced by `scalar`; as it was without one."""
    pattern = key + ": "
    starts, at = [], text.find(pattern)
    while at != -1:  # every place `key: ` starts a key (not the end of a longer one)
        if at == 0 or not text[at - 1].isalnum() and text[at - 1] != "_":
            starts.append(at)
        at = text.find(pattern, at + 1)
    if not starts:
        return text
    at = starts[where % len(starts)] + len(pattern)
    end = min(i for i in (text.find(",", at), text.find("}", at), text.find("\n", at)) if i != -1)
    return text[:at] + scalar + text[end:]


def output_path(folder: Path, kind: str, data: Path) -> str | None:
    plan = folder / "plan"
    if kind == "none":
        return None
    if kind in ("-", "/dev/null"):
        return kind if kind == "-" or os.path.exists(kind) else None
    if kind == "data-symlink" and ON_POSIX:
        (folder / "link.csv").symlink_to(data)
        return str(folder / "link.csv")
    if kind == "data-hardlink" and ON_POSIX:
        os.link(data, folder / "hard.csv")
        return str(folder / "hard.csv")
    if kind == "dangling" and ON_POSIX:
        (folder / "dangling.json").symlink_to(folder / "nowhere" / "deep" / "x.json")
        return str(folder / "dangling.json")
    places = {"new": folder / "out" / "r.txt", "existing": folder / "existing.txt", "data": data,
              "data-dotted": folder / "sub" / ".." / data.name, "targets": plan / "targets.yaml",
              "projects": plan / "projects.yaml", "source": next((plan / "source").iterdir()), "plan-dir": plan,
              "scratch": folder, "under-a-file": folder / "existing.txt" / "r.txt", "plan-new": plan / "new.json"}
    return str(places.get(kind, folder / "out.txt"))


def snapshot(folder: Path, command: str) -> dict[str, tuple[bytes, int]]:
    """Every input of the command: the data files, for a command that reads them, and every file of the plan
    directory (the source text among them; `schema` reads none, and writes where it is told)."""
    reads_data = command in ("evaluate", "validate", "trend", "report")
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and command != "schema"
             and ((reads_data and p.suffix == ".csv") or p.relative_to(folder).parts[0] == "plan")]
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


@FUZZ
@given(command=st.sampled_from(COMMANDS), output=st.sampled_from(OUTPUTS), encoding=st.none() | encodings,
       year_cell=st.none() | year_texts, year_option=st.none() | year_texts,
       scalar=st.none() | yaml_scalars, where=st.integers(0, 500), key=st.sampled_from(PLAN_KEYS),
       in_projects=st.booleans(), force=st.booleans(),
       fmt=st.none() | st.sampled_from(["json", "table", "junit", "github", "markdown", "html", "csv", "xlsx"]))
def test_random_options_on_every_command(command: str, output: str, encoding: str | None, year_cell: str | None,
                                         year_option: str | None, scalar: str | None, where: int, key: str,
                                         in_projects: bool, force: bool, fmt: str | None) -> None:
    folder = scratch()
    try:
        (folder / "sub").mkdir()
        old, new = folder / "2021.csv", folder / "2022.csv"
        old.write_text(TEMPLATE_2021, encoding="utf-8")
        new.write_text(with_year(TEMPLATE_2022, year_cell) if year_cell is not None else TEMPLATE_2022,
                       encoding="utf-8")
        plan = folder / "plan"
        if scalar is not None:
            changed = plan / ("projects.yaml" if in_projects else "targets.yaml")
            changed.write_text(plan_with(changed.read_text(encoding="utf-8"), scalar, where, key), encoding="utf-8")
        target = output_path(folder, output, new)
        args = arguments(command, folder, plan, old, new, target, encoding, year_option, force, fmt)
        before = snapshot(folder, command)
        result = runner.invoke(app, args, catch_exceptions=False,
                               env={"PLANCHK_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"})
        assert result.exit_code in (0, 1, 2), (args, result.output[-2000:])
        assert "Traceback" not in result.output and "internal error" not in result.output, (args, result.output)
        after = snapshot(folder, command)
        assert {name: after.get(name) for name in before} == before, args
        assert not (folder / "nowhere").exists(), args  # no folders made for a link's target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def arguments(command: str, folder: Path, plan: Path, old: Path, new: Path, target: str | None,
              encoding: str | None, year: str | None, force: bool, fmt: str | None) -> list[str]:
    """The command line: the command's own arguments, then each random option the command takes."""
    out = ["-o", target] if target is not None else []
    enc = ["--encoding", encoding] if encoding is not None else []
    yr = ["--year", year] if year is not None else []
    f = ["--format", fmt] if fmt is not None else []
    files = [str(old), str(new)]
    if command in ("evaluate", "validate"):
        return [command, *files, "--plan", str(plan), *out, *enc, *yr, *f]
    if command in ("trend", "report"):
        return [command, *files, "--plan", str(plan), *out, *enc, *(yr if command == "report" else []), *f]
    if command == "template":
        return ["template", year or "2023", "--plan", str(plan), *out, *enc, *f, *(["--force"] if force else [])]
    if command == "schema":
        return ["schema", "targets", *out]
    if command == "plan draft":
        source = next((plan / "source").iterdir())
        draft = target if target not in (None, "-") else str(folder / "draft")
        return ["plan", "draft", str(source), "-o", draft, *(["--force"] if force else [])]
    if command == "plan diff":
        return ["plan", "diff", str(ROOT / "plan"), str(plan), *(f if fmt in ("json", "table") else [])]
    return [*command.split(), str(plan)] if command == "plan check" else ["plan", "show", "--plan", str(plan)]
