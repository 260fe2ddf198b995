"""File names that are not valid UTF-8 (a GBK name unpacked from a Windows zip) are shown with U+FFFD in every
format: JSON stays valid UTF-8, JUnit well-formed XML, and `report -o` works (planchk.sanitize.shown_path)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from planchk.cli.app import app

GBK_NAME = b"\xb4\xf3\xb6\xc9\xbf\xda2022.csv"  # 大渡口2022.csv in GBK
SHOWN = GBK_NAME.decode("utf-8", "replace")  # what planchk shows: U+FFFD for each byte that is not UTF-8


@pytest.fixture
def gbk_files(tmp_path: Path) -> tuple[bytes, bytes]:
    """A good 2022 file and a bad 2023 file, both with GBK bytes in their names."""
    good = os.path.join(os.fsencode(tmp_path), GBK_NAME)
    bad = os.path.join(os.fsencode(tmp_path), GBK_NAME.replace(b"2022", b"2023"))
    try:
        shutil.copyfile(DATA / "2022.csv", good)
        with open(bad, "wb") as handle:
            handle.write(b"id,value\npreschool.enrolment,lots\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not valid UTF-8")
    return good, bad


def _earlier(good: bytes) -> bytes:
    """The sample 2021 beside the good 2022 file, named as its year before (trend and report take one district's
    years)."""
    earlier = good.replace(b"2022", b"2021")
    shutil.copyfile(DATA / "2021.csv", earlier)
    return earlier


def run(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """The real app in this process (CliRunner), its output as bytes. A name in bytes is given as the str Python
    puts in sys.argv for it (os.fsdecode: surrogate escapes), and the runner writes standard output as UTF-8,
    strictly, as a process under a UTF-8 locale does (planchk.cli.entry only changes a stream that is not
    UTF-8): a surrogate that reached the output would fail the run here as it would there."""
    argv = [os.fsdecode(a) for a in args]
    result = CliRunner().invoke(app, argv, env={"NO_COLOR": "1", "PLANCHK_LANG": "en", "COLUMNS": None},
                                catch_exceptions=False)
    return subprocess.CompletedProcess(argv, result.exit_code, result.stdout_bytes, result.stderr_bytes)


def text(data: bytes) -> str:
    return data.decode("utf-8")  # strict: the output must be valid UTF-8


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "junit", "github"])
def test_evaluate_shows_the_name_in_every_format(gbk_files: tuple[bytes, bytes], fmt: str) -> None:
    good, bad = gbk_files
    proc = run("evaluate", good, bad, "--format", fmt)
    assert proc.returncode == 2, proc.stderr  # the bad file; the good one is still judged
    out, err = text(proc.stdout), proc.stderr.decode("utf-8", "replace")
    assert "internal error" not in err
    assert SHOWN in out and "\udcb4" not in out
    assert SHOWN.replace("2022", "2023") in err
    if fmt == "json":
        report = json.loads(out)
        assert report["files"][0]["source"]["file"].endswith(SHOWN)
        assert report["errors"][0]["file"].endswith(SHOWN.replace("2022", "2023"))
    if fmt == "junit":
        root = ET.fromstring(proc.stdout)
        files = {suite.get("file") for suite in root.iter("testsuite")}
        assert any(f.endswith(SHOWN) for f in files) and any(f.endswith(SHOWN.replace("2022", "2023")) for f in files)


def test_validate_json(gbk_files: tuple[bytes, bytes]) -> None:
    good, _ = gbk_files
    proc = run("validate", good, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(text(proc.stdout))["validated"][0]["source"]["file"].endswith(SHOWN)


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_trend(gbk_files: tuple[bytes, bytes], fmt: str) -> None:
    good, _ = gbk_files
    proc = run("trend", _earlier(good), good, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    if fmt == "json":
        json.loads(text(proc.stdout))
    else:
        text(proc.stdout)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_to_a_file(gbk_files: tuple[bytes, bytes], tmp_path: Path, fmt: str) -> None:
    good, _ = gbk_files
    out = tmp_path / f"report.{fmt}"
    proc = run("report", _earlier(good), good, "--format", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert SHOWN in out.read_text(encoding="utf-8")


def test_an_output_path_with_gbk_bytes_is_written_and_named(gbk_files: tuple[bytes, bytes], tmp_path: Path) -> None:
    good, _ = gbk_files
    out = os.path.join(os.fsencode(tmp_path), b"\xb1\xa8\xb8\xe6.json")  # 报告.json in GBK
    assert run("evaluate", good, "--format", "json", "-o", out).returncode == 0
    assert json.loads(Path(os.fsdecode(out)).read_bytes().decode("utf-8"))["exit_code"] == 0
    folder = os.path.join(os.fsencode(tmp_path), b"\xb1\xa8\xb8\xe6")
    os.mkdir(folder)
    refused = run("schema", "report", "-o", folder)
    assert refused.returncode == 2 and "\ufffd" in refused.stderr.decode("utf-8")
