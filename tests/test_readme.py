"""The README's sample output is the real command's output: each block between `<!-- planchk-output … -->` and
`<!-- /planchk-output -->` must equal what its `$ .venv/bin/planchk …` line prints today, with the environment
the marker names. To refresh the blocks after a change: PLANCHK_UPDATE_README=1 python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex

from typer.testing import CliRunner

from conftest import ROOT, one_file
from planchk.cli.app import app

README = ROOT / "README.md"
BLOCK = re.compile(
    r"(?P<head><!-- planchk-output (?P<env>[A-Z_]+=\S+(?: [A-Z_]+=\S+)*)[^>]*-->\n```\n"
    r"\$ \.venv/bin/planchk (?P<args>[^\n]*)\n)(?P<out>.*?)(?P<tail>```\n<!-- /planchk-output -->)",
    re.S,
)


def output(env: str, args: str) -> str:
    settings: dict[str, str | None] = dict(item.split("=", 1) for item in env.split())
    # In-process (the real app, its output no terminal, as a pipe is not): the console command prints the same
    # (tests/test_cli.py, tests/test_narrow.py), and the README's paths are relative to the repository.
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(app, shlex.split(args), env={"NO_COLOR": "1", "GITHUB_ACTIONS": None, **settings},
                                    catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())


def test_readme_sample_output_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 2, "README.md: the planchk-output markers are missing"
    if os.environ.get("PLANCHK_UPDATE_README") == "1":
        text = BLOCK.sub(lambda m: m["head"] + output(m["env"], m["args"]) + m["tail"], text)
        README.write_text(text, encoding="utf-8")
        blocks = list(BLOCK.finditer(text))
    for block in blocks:
        shown = "".join(line.rstrip() + "\n" for line in block["out"].splitlines())
        assert shown == output(block["env"], block["args"]), (
            f"README.md block for `planchk {block['args']}` is stale: "
            "PLANCHK_UPDATE_README=1 python -m pytest tests/test_readme.py"
        )


def test_what_the_readme_says_of_utf16_holds(cli, tmp_path) -> None:
    """README, on encodings: "A UTF-16 or UTF-32 byte-order mark is obeyed, so Excel's "Unicode text" export
    (UTF-16 with a BOM, tab-separated, often named `.txt`) is read as it is, and the report says `utf-16-le,
    tab-separated`; a header separated by tabs in any other encoding is refused. A UTF-16 file without a BOM is
    refused as "not a text CSV" (NUL bytes) unless you pass `--encoding utf-16`." Each clause, run."""
    text = "id,value\npreschool.enrolment,1.67\ncompulsory.retention_rate,100\n"
    path = tmp_path / "2022.csv"
    for codec, encoding in (("utf-16", "utf-16-le"), ("utf-32", "utf-32-le")):  # with a BOM, little-endian
        path.write_bytes(text.encode(codec))
        report = one_file(cli("evaluate", path, "--format", "json"))
        assert report["source"]["encoding"] == encoding and report["summary"]["errors"] == 0
    export = tmp_path / "2022.txt"
    export.write_bytes(text.replace(",", "\t").encode("utf-16"))
    assert "utf-16-le, tab-separated" in cli("validate", export).stdout
    export.write_bytes(text.replace(",", "\t").encode("utf-8"))
    assert "separated by tabs" in cli("validate", export).stderr
    path.write_bytes(text.encode("utf-16-le"))  # no BOM
    refused = cli("evaluate", path)
    assert refused.exit_code == 2 and "NUL bytes" in refused.stderr and "not a text CSV" in refused.stderr
    assert cli("evaluate", path, "--encoding", "utf-16").exit_code == 0
