"""`-o` for every command (planchk.output): files replaced atomically with the umask's mode, links followed,
devices and FIFOs written directly, every OS error exit 2 naming the path (docs/ci.md#writing-files)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import DATA, ROOT

ON_POSIX = os.name == "posix"
ROOT_USER = ON_POSIX and os.geteuid() == 0


def planchk(*args: str | Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """The command run in this process (Typer's CliRunner) under a known umask: what -o writes, and the exit code
    and message of a place it cannot write, are the same as in a process of its own, which costs ten times the
    CPU. Standard output itself (/dev/stdout, -, a full one) is tested with `planchk_process`."""
    from typer.testing import CliRunner

    from planchk.cli.app import app

    previous = os.umask(umask) if ON_POSIX else None
    try:
        result = CliRunner().invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "PLANCHK_LANG": "en",
                                                                     "COLUMNS": None}, catch_exceptions=False)
    finally:
        if previous is not None:
            os.umask(previous)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def planchk_process(*args: str | Path, cwd: Path = ROOT, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """The installed program, as a user runs it, under a known umask."""
    env = dict(os.environ, NO_COLOR="1", PLANCHK_LANG="en")
    env.pop("COLUMNS", None)
    return subprocess.run(
        [sys.executable, "-m", "planchk", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, cwd=cwd, timeout=60,
        preexec_fn=(lambda: os.umask(umask)) if ON_POSIX else None,
    )


# Every command that has -o, with what it writes.
COMMANDS = {
    "evaluate": ["evaluate", DATA / "2022.csv", "--format", "json"],
    "validate": ["validate", DATA / "2022.csv", "--format", "junit"],
    "trend": ["trend", DATA / "2021.csv", DATA / "2022.csv"],
    "report": ["report", DATA / "2021.csv", DATA / "2022.csv"],
    "template": ["template", "2022"],
    "schema": ["schema", "report"],
}


def assert_exit_2_naming(proc: subprocess.CompletedProcess[str], path: str, reason: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("planchk: cannot write")]
    assert len(lines) == 1 and path in lines[0] and reason.lower() in lines[0].lower(), proc.stderr


@pytest.mark.skipif(not ON_POSIX, reason="file modes and umask are POSIX")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_writes_a_new_file_with_the_umasks_mode(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.txt"
    proc = planchk(*COMMANDS[command], "-o", out, umask=0o022)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # was 0600 for every -o file
    assert out.stat().st_size > 0 and proc.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left behind


@pytest.mark.skipif(not ON_POSIX, reason="file modes and umask are POSIX")
def test_a_stricter_umask_is_obeyed(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert planchk("evaluate", DATA / "2022.csv", "--format", "json", "-o", out, umask=0o077).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.skipif(not ON_POSIX, reason="file modes are POSIX")
def test_an_existing_file_keeps_its_mode_and_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    proc = planchk("evaluate", DATA / "2022.csv", "--format", "json", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert json.loads(out.read_text(encoding="utf-8"))["exit_code"] == 0


def test_missing_folders_are_created(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "2022" / "junit.xml"
    proc = planchk("evaluate", DATA / "2022.csv", "--format", "junit", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_a_directory_is_exit_2(tmp_path: Path) -> None:
    proc = planchk("evaluate", DATA / "2022.csv", "-o", tmp_path)
    assert_exit_2_naming(proc, str(tmp_path), "is a directory")
    assert tmp_path.is_dir()


def test_a_file_where_a_folder_should_be_is_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    proc = planchk("template", "2022", "-o", blocker / "t.csv")
    assert_exit_2_naming(proc, str(blocker / "t.csv"), "")
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux sysfs (unwritable even for root)")
def test_an_unwritable_place_is_exit_2() -> None:
    proc = planchk("schema", "report", "-o", "/sys/planchk-report.json")
    assert_exit_2_naming(proc, "/sys/planchk-report.json", "Permission denied")


@pytest.mark.skipif(not ON_POSIX or ROOT_USER, reason="permissions do not bind root")
def test_an_unwritable_folder_and_a_read_only_file_are_exit_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert_exit_2_naming(planchk("schema", "report", "-o", locked / "s.json"), str(locked / "s.json"),
                             "Permission denied")
    finally:
        locked.chmod(0o755)
    frozen = tmp_path / "frozen.json"
    frozen.write_text("keep", encoding="utf-8")
    frozen.chmod(0o444)
    assert_exit_2_naming(planchk("schema", "report", "-o", frozen), str(frozen), "Permission denied")
    assert frozen.read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(not ON_POSIX, reason="symlinks")
def test_a_symlink_stays_and_its_target_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real" / "report.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    proc = planchk("report", DATA / "2021.csv", DATA / "2022.csv", "-o", link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("#")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "made-by-planchk.json")
    assert planchk("schema", "report", "-o", dangling).returncode == 0
    assert dangling.is_symlink() and json.loads((tmp_path / "made-by-planchk.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_dev_stdout_and_dash_are_standard_output(tmp_path: Path) -> None:
    before = os.lstat("/dev/stdout")
    for where in ("/dev/stdout", "-"):
        proc = planchk_process("evaluate", DATA / "2022.csv", "--format", "github", "-o", where, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("::group::planchk"), where
    assert list(tmp_path.iterdir()) == []  # no file called "-", no temporary file
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.skipif(not os.path.exists("/dev/null") or not stat.S_ISCHR(os.stat("/dev/null").st_mode),
                    reason="needs /dev/null as a device")
def test_a_character_device_is_written_not_replaced() -> None:
    proc = planchk("template", "2022", "-o", "/dev/null")
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = planchk("evaluate", DATA / "2022.csv", "--format", "json", "-o", fifo)
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(received[0])["exit_code"] == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_standard_output_is_exit_2_not_a_bug() -> None:
    with open("/dev/full", "w") as full:
        env = dict(os.environ, NO_COLOR="1", PLANCHK_LANG="en")
        proc = subprocess.run([sys.executable, "-m", "planchk", "schema", "report"], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    assert proc.returncode == 2 and "cannot write standard output" in proc.stderr, proc.stderr


def test_template_in_an_encoding_without_chinese_is_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    proc = planchk("template", "2022", "--encoding", "ascii", "-o", out)
    assert proc.returncode == 2 and "internal error" not in proc.stderr
    assert "ascii cannot write the template's Chinese names" in proc.stderr and "gb18030" in proc.stderr
    assert not out.exists()


def test_the_output_problems_of_the_brief_are_never_exit_3(tmp_path: Path) -> None:
    """The must-show list: a missing folder, a directory, an unwritable path, a symlink, /dev/stdout, a FIFO."""
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "target.json")
    # Written (0) or refused as the user's to fix (2), each as it should be; never a bug (3).
    places = {tmp_path / "missing" / "r.json": 0, tmp_path: 2, link: 0}
    if os.path.isdir("/sys/kernel"):
        places[Path("/sys/planchk-report.json")] = 2
    if os.path.exists("/dev/stdout"):
        places[Path("/dev/stdout")] = 0
    for place, code in places.items():
        run = planchk_process if str(place) == "/dev/stdout" else planchk
        proc = run("evaluate", DATA / "2022.csv", "--format", "json", "-o", place)
        assert proc.returncode == code and "internal error" not in proc.stderr, (place, proc.stderr)
    assert link.is_symlink()
