"""The documented CI configurations run the same commands a test runs: here, against the sample data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, ROOT, read_yaml

EXAMPLES = ROOT / "docs" / "examples"


def github_steps() -> list[dict]:
    workflow = read_yaml(EXAMPLES / "github-workflow.yml")
    return [s for s in workflow["jobs"]["planchk"]["steps"] if "run" in s and s["run"].startswith("planchk ")]


def github_commands() -> list[str]:
    return [s["run"] for s in github_steps()]


def gitlab_commands() -> list[str]:
    job = read_yaml(EXAMPLES / "gitlab-ci.yml")["planchk"]
    return [c for c in job["script"] if c.startswith("planchk ")]


def run_in_repo_copy(tmp_path: Path, command: str) -> subprocess.CompletedProcess[str]:
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
           "GITHUB_STEP_SUMMARY": str(tmp_path / "step-summary.md"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    # A process: the documented shell commands (the installed `planchk`, globs, `>>`) are what is tested.
    return subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True)


class RepoCopy:
    """A copy of the sample data in which each distinct command line runs once: the GitHub workflow and the GitLab
    job share a command (the JUnit report, word for word), and on the same files it does the same thing."""

    def __init__(self, folder: Path) -> None:
        shutil.copytree(DATA, folder / "data")
        assert shutil.which("planchk", path=str(Path(sys.executable).parent)), "planchk must be installed"
        self.folder = folder
        self.runs: dict[str, subprocess.CompletedProcess[str]] = {}

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        if command not in self.runs:
            self.runs[command] = run_in_repo_copy(self.folder, command)
        return self.runs[command]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    assert shutil.which("planchk", path=str(Path(sys.executable).parent)), "planchk must be installed"
    return tmp_path


def test_the_workflow_has_the_documented_steps() -> None:
    commands = github_commands()
    assert len(commands) == 4 and all("data/*.csv" in c for c in commands)
    assert len(gitlab_commands()) == 4


@pytest.fixture(scope="module")
def sample_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each documented configuration's commands run once on a copy of the sample data: (folder, processes)."""
    copy = RepoCopy(tmp_path_factory.mktemp("sample"))
    return {source.__name__: (copy.folder, {command: copy.run(command) for command in source()})
            for source in (github_commands, gitlab_commands)}


@pytest.mark.parametrize("source", ["github_commands", "gitlab_commands"])
def test_documented_commands_pass_on_the_sample_data(sample_runs: dict, source: str) -> None:
    repo, procs = sample_runs[source]
    for command, proc in procs.items():
        assert proc.returncode == 0, (command, proc.stdout[-2000:], proc.stderr[-2000:])
        assert "Traceback" not in proc.stderr
    junit = ET.parse(repo / "planchk-junit.xml").getroot()
    years = len(list((ROOT / "data").glob("*.csv")))
    assert len(junit.findall("testsuite")) == years and int(junit.get("tests")) > 200 * years  # a suite a year


def test_workflow_summary_and_annotations(sample_runs: dict) -> None:
    repo, procs = sample_runs["github_commands"]
    evaluate = [proc for command, proc in procs.items()
                if "--format github" in command and command.startswith("planchk evaluate")]
    assert evaluate and all("::warning file=data/2022.csv,line=" in proc.stdout for proc in evaluate)
    assert (repo / "step-summary.md").read_text(encoding="utf-8").startswith("# planchk")


def test_workflow_fails_the_job_on_a_binding_shortfall(repo: Path) -> None:
    (repo / "data" / "2024.csv").write_text("id,value\ncompulsory.retention_rate,99.2\n", encoding="utf-8")
    final = github_commands()[-1]
    proc = run_in_repo_copy(repo, final)
    assert proc.returncode == 1
    assert "::error file=data/2024.csv,line=2" in proc.stdout


@pytest.fixture(scope="module")
def bad_file_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, bool]:
    """Both configurations on the sample data with a bad 2024.csv, each as its CI runs it: the GitHub steps
    (a failed step skips the next ones unless their `if` says otherwise), then the GitLab script (the first
    command that fails ends it). (folder, each GitHub step's process, whether the GitLab job failed)."""
    copy = RepoCopy(tmp_path_factory.mktemp("bad-file"))
    (copy.folder / "data" / "2024.csv").write_text("id,value\ncompulsory.retention_rate,lots\n", encoding="utf-8")
    failed, github = False, {}
    for step in github_steps():
        condition = step.get("if", "")
        if failed and "always()" not in condition and "!cancelled()" not in condition:
            continue
        github[step["run"]] = proc = copy.run(step["run"])
        failed = failed or proc.returncode != 0
    gitlab_failed = any(copy.run(command).returncode != 0 for command in gitlab_commands())  # stops at the first
    return copy.folder, github, gitlab_failed


def test_workflow_fails_on_a_bad_file_with_the_line(bad_file_runs: tuple[Path, dict, bool]) -> None:
    _, github, _ = bad_file_runs
    validate = next(c for c in github_commands() if c.startswith("planchk validate"))
    assert github[validate].returncode == 2
    assert "::error file=data/2024.csv,line=2,col=2," in github[validate].stdout


def assert_the_bad_file_has_its_junit_case(repo: Path) -> None:
    junit = ET.parse(repo / "planchk-junit.xml").getroot()
    suites = {suite.get("file"): suite for suite in junit.iter("testsuite")}
    assert suites["data/2024.csv"].find("testcase/error") is not None
    assert int(suites["data/2022.csv"].get("tests")) > 200  # the good files are judged in the same report


def test_github_workflow_reports_a_bad_file(bad_file_runs: tuple[Path, dict, bool]) -> None:
    """As GitHub runs the job: a failed step skips the next ones unless their `if` says otherwise."""
    repo, github, _ = bad_file_runs
    assert any(proc.returncode != 0 for proc in github.values())
    assert_the_bad_file_has_its_junit_case(repo)
    annotations = "".join(proc.stdout for proc in github.values())
    assert "::error file=data/2024.csv,line=2,col=2," in annotations  # on the offending line
    assert "::warning file=data/2022.csv,line=" in annotations  # and the good files' verdicts
    assert (repo / "step-summary.md").read_text(encoding="utf-8").startswith("# planchk")


def test_gitlab_job_reports_a_bad_file(bad_file_runs: tuple[Path, dict, bool]) -> None:
    """As GitLab runs a script: the first command that fails ends it; the artifacts are uploaded anyway."""
    repo, _, gitlab_failed = bad_file_runs
    assert gitlab_failed, "a bad file must fail the job"
    assert_the_bad_file_has_its_junit_case(repo)


def test_ci_md_shows_the_tested_files() -> None:
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for name in ("github-workflow.yml", "gitlab-ci.yml"):
        assert (EXAMPLES / name).read_text(encoding="utf-8") in doc, name
