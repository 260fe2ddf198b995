"""`-o` for every command (planchk.output): files replaced atomically with the umask's mode, links refused,
devices and FIFOs written directly, every OS error exit 2 naming the path (docs/ci.md#writing-files); an input
of the run never written over, by any path to it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SOURCE_TEXT

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


def planchk_process(*args: str | Path, cwd: Path | None = None,
                    umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """The installed program, as a user runs it, under a known umask: for standard output itself (/dev/stdout, a
    link to fd 1, a full one), which only a process of its own has."""
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
def test_a_symlink_is_refused_and_nothing_is_written_or_created(tmp_path: Path) -> None:
    """A link committed to a checkout may lead to the runner's own files: it is not written through, whether it
    leads to a file beside it, outside its folder, or into folders that do not exist."""
    home = tmp_path / "home"
    home.mkdir()
    bashrc = home / ".bashrc"
    bashrc.write_text("export SAFE=1\n", encoding="utf-8")
    checkout = tmp_path / "checkout"
    (checkout / "real").mkdir(parents=True)
    beside = checkout / "real" / "report.md"
    beside.write_text("old", encoding="utf-8")
    links = {"planchk-junit.xml": bashrc, "latest.md": beside, "dangling.xml": tmp_path / "nowhere" / "deep" / "x.sh"}
    for name, target in links.items():
        (checkout / name).symlink_to(target)
        proc = planchk("evaluate", DATA / "2022.csv", "--format", "junit", "-o", checkout / name)
        assert_exit_2_naming(proc, str(checkout / name), "symbolic link")
        assert (checkout / name).is_symlink()
    assert bashrc.read_text(encoding="utf-8") == "export SAFE=1\n" and beside.read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in checkout.iterdir()) == sorted([*links, "real"])  # no temporary file left


@pytest.mark.skipif(not ON_POSIX or not os.path.exists("/proc/self/fd/1"), reason="needs /proc/self/fd")
def test_a_symlink_to_standard_output_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    proc = planchk_process("schema", "report", "-o", link, cwd=tmp_path)  # a process: fd 1 must be a real pipe
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] and link.is_symlink()


@pytest.mark.skipif(not ON_POSIX, reason="file modes")
def test_a_read_only_file_is_refused_even_to_root(tmp_path: Path) -> None:
    frozen = tmp_path / "frozen.json"
    frozen.write_text("keep", encoding="utf-8")
    frozen.chmod(0o444)
    assert_exit_2_naming(planchk("schema", "report", "-o", frozen), str(frozen), "Permission denied")
    assert frozen.read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_dev_stdout_and_dash_are_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev/stdout in a process of its own (its fd 1 a real pipe); `-` in this one (it names standard output,
    here the runner's), from the same folder. Also the /dev/stdout place of
    test_the_output_problems_of_the_brief_are_never_exit_3: written, never exit 3."""
    before = os.lstat("/dev/stdout")
    monkeypatch.chdir(tmp_path)
    for where, run in (("/dev/stdout", planchk_process), ("-", planchk)):
        proc = run("evaluate", DATA / "2022.csv", "--format", "github", "-o", where)
        assert proc.returncode == 0 and "internal error" not in proc.stderr, proc.stderr
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
        # A process: a standard output that is a full device exists only for a real process.
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
    places = {tmp_path / "missing" / "r.json": 0, tmp_path: 2, link: 2}
    if os.path.isdir("/sys/kernel"):
        places[Path("/sys/planchk-report.json")] = 2
    # /dev/stdout (written, 0) is run in a process by test_dev_stdout_and_dash_are_standard_output
    for place, code in places.items():
        proc = planchk("evaluate", DATA / "2022.csv", "--format", "json", "-o", place)
        assert proc.returncode == code and "internal error" not in proc.stderr, (place, proc.stderr)
    assert link.is_symlink()


# ── nothing the user gave is written over (docs/ci.md#writing-files) ─────────────────────────────────────────


def snapshot(*paths: Path) -> list[tuple[bytes, int]]:
    return [(p.read_bytes(), p.stat().st_mtime_ns) for p in paths]


def copy_plan(to: Path) -> Path:
    import shutil

    shutil.copytree(ROOT / "plan", to)
    return to


# Each command that reads data files, with its two files in `folder`; -o is appended.
def reading_commands(folder: Path) -> dict[str, list[str | Path]]:
    old, new = folder / "2021.csv", folder / "2022.csv"
    return {
        "evaluate": ["evaluate", new, "--previous", old, "-f", "json"],
        "validate": ["validate", old, new, "-f", "junit"],
        "trend": ["trend", old, new],
        "report": ["report", old, new],
    }


@pytest.mark.parametrize("command", ["evaluate", "validate", "trend", "report"])
def test_o_onto_a_data_file_by_any_path_is_refused_untouched(tmp_path: Path, command: str) -> None:
    import shutil

    for year in (2021, 2022):
        shutil.copy(DATA / f"{year}.csv", tmp_path / f"{year}.csv")
    (tmp_path / "sub").mkdir()
    data = tmp_path / "2021.csv"
    spellings: list[Path] = [data, tmp_path / "sub" / ".." / "2021.csv"]
    if ON_POSIX:
        os.link(data, tmp_path / "hard.csv")
        spellings.append(tmp_path / "hard.csv")
    before = snapshot(data, tmp_path / "2022.csv")
    args = reading_commands(tmp_path)[command]
    for target in spellings:
        proc = planchk(*args, "-o", target)
        assert_exit_2_naming(proc, str(target), "which this command reads")
        assert "2021.csv" in proc.stderr.splitlines()[-1] and proc.stdout == ""
    assert snapshot(data, tmp_path / "2022.csv") == before


def test_o_onto_any_file_of_the_plan_is_refused(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path / "plan")
    source = next((plan / "source").iterdir())
    outside = tmp_path / "t-link.yaml"
    if ON_POSIX:
        os.link(plan / "targets.yaml", outside)
    files = [plan / "targets.yaml", plan / "projects.yaml", source]
    before = snapshot(*files)
    targets: list[Path] = [*files, plan / "." / "targets.yaml"] + ([outside] if ON_POSIX else [])
    # template with --force too: --force lets it replace a file of its own, never an input
    for command in (["evaluate", DATA / "2022.csv"], ["template", "2022", "--force"], ["report", DATA / "2022.csv"]):
        for target in targets:
            proc = planchk(*command, "--plan", plan, "-o", target)
            assert proc.returncode == 2 and "which this command reads" in proc.stderr, (command, target, proc.stderr)
    # a new file beside the plan's files is no input: written
    assert planchk("evaluate", DATA / "2022.csv", "--plan", plan, "-o", plan / "report.json").returncode == 0
    # projects.yaml is a plan file even before it exists: a report written there would be read as the plan
    (plan / "projects.yaml").unlink()
    proc = planchk("evaluate", DATA / "2022.csv", "--plan", plan, "-o", plan / "projects.yaml")
    assert_exit_2_naming(proc, str(plan / "projects.yaml"), "which this command reads")
    assert not (plan / "projects.yaml").exists()
    assert snapshot(*files[:1], source) == [before[0], before[2]]


def test_o_beside_the_inputs_is_written(tmp_path: Path) -> None:
    import shutil

    shutil.copy(DATA / "2022.csv", tmp_path / "2022.csv")
    proc = planchk("evaluate", tmp_path / "2022.csv", "-f", "json", "-o", tmp_path / "2022.json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "2022.json").read_text(encoding="utf-8"))["exit_code"] == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_replaces_an_existing_file_only_with_force(tmp_path: Path, fmt: str) -> None:
    form = tmp_path / f"2024.{fmt}"
    assert planchk("template", "2024", "-o", form).returncode == 0
    form.write_bytes(form.read_bytes() + b"filled in")  # an office's work, whatever it holds
    before = snapshot(form)
    proc = planchk("template", "2024", "-o", form)
    assert_exit_2_naming(proc, str(form), "--force")
    assert snapshot(form) == before
    proc = planchk("template", "2024", "-o", form, "--force")
    assert proc.returncode == 0, proc.stderr
    assert not form.read_bytes().endswith(b"filled in")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_template_to_a_device_needs_no_force() -> None:
    assert planchk("template", "2024", "-o", "/dev/null").returncode == 0


def test_plan_draft_never_writes_over_its_source_or_a_plan_it_did_not_draft(tmp_path: Path) -> None:
    from planchk.plan.load import bundled_plan_dir

    text = SOURCE_TEXT.read_bytes()
    folder = tmp_path / "d"
    folder.mkdir()
    source = folder / "targets.yaml"  # the text, kept under the name the draft would write
    source.write_bytes(text)
    proc = planchk("plan", "draft", source, "-o", folder, "--force")
    assert proc.returncode == 2 and "the plan text being read" in proc.stderr, proc.stderr
    assert source.read_bytes() == text
    # a hand-made plan (a copy of the bundled one, and the bundled one itself): --force replaces only a draft
    for plan in (copy_plan(tmp_path / "plan"), bundled_plan_dir()):
        before = snapshot(plan / "targets.yaml", plan / "projects.yaml")
        proc = planchk("plan", "draft", SOURCE_TEXT, "-o", plan, "--force")
        assert proc.returncode == 2 and "planchk did not draft" in proc.stderr, proc.stderr
        assert snapshot(plan / "targets.yaml", plan / "projects.yaml") == before
    # an earlier draft is replaced with --force, as documented
    draft = tmp_path / "draft"
    assert planchk("plan", "draft", SOURCE_TEXT, "-o", draft).returncode == 0
    proc = planchk("plan", "draft", SOURCE_TEXT, "-o", draft, "--force")
    assert proc.returncode == 0, proc.stderr


def test_o_onto_a_source_text_kept_outside_the_plan_is_refused(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path / "plan")
    source = next((plan / "source").iterdir())
    outside = tmp_path / "text.txt"
    source.rename(outside)
    targets = plan / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace(
        f"source_text: source/{source.name}", "source_text: ../text.txt"), encoding="utf-8")
    assert planchk("plan", "check", plan).returncode == 0  # the plan reads its text there
    before = snapshot(outside)
    proc = planchk("evaluate", DATA / "2022.csv", "--plan", plan, "-o", outside)
    assert_exit_2_naming(proc, str(outside), "which this command reads")
    assert snapshot(outside) == before
