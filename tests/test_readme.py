"""The README's sample output is the real command's output: each block between `<!-- planchk-output … -->` and
`<!-- /planchk-output -->` must equal what its `$ .venv/bin/planchk …` line prints today, with the environment
the marker names. To refresh the blocks after a change: PLANCHK_UPDATE_README=1 python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

from conftest import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(
    r"(?P<head><!-- planchk-output (?P<env>[A-Z_]+=\S+(?: [A-Z_]+=\S+)*)[^>]*-->\n```\n"
    r"\$ \.venv/bin/planchk (?P<args>[^\n]*)\n)(?P<out>.*?)(?P<tail>```\n<!-- /planchk-output -->)",
    re.S,
)


def output(env: str, args: str) -> str:
    settings = dict(item.split("=", 1) for item in env.split())
    environ = {**os.environ, "NO_COLOR": "1", **settings}
    environ.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-m", "planchk", *shlex.split(args)], capture_output=True, text=True,
                          encoding="utf-8", env=environ, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return "".join(line.rstrip() + "\n" for line in proc.stdout.splitlines())


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


def test_readme_and_bad_input_agree_on_encodings() -> None:
    """A UTF-16 file with a byte-order mark is read (docs/bad-input.md, test_bad_input_case[utf16_bom])."""
    readme = README.read_text(encoding="utf-8")
    bad_input = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    assert "UTF-16 with BOM (Excel \"Unicode text\") | exit 0: read" in bad_input
    text = " ".join(readme.split())
    assert "UTF-16 files are refused" not in text
    assert "A UTF-16 or UTF-32 byte-order mark is obeyed" in text
    assert "A UTF-16 or UTF-32 byte-order mark is obeyed" in " ".join(bad_input.split())
