"""Where output goes: files written atomically, so a reader never sees half a report; standard output that
a reader may stop reading.

`-o PATH` (every command, docs/ci.md#writing-files):
- `-` is standard output;
- a FIFO, a character device (`/dev/stdout`, `/dev/null`) or anything under /dev or /proc is written
  directly: no temporary file, no rename, nothing replaced;
- anything else is a regular file, written atomically: a temporary file beside it, then a rename over it.
  A new file gets the mode the umask allows (as a shell's `>` would), an existing one keeps its mode. A
  symlink is followed: its target is replaced and the link stays. Missing parent folders are created.
Any OS error becomes an OutputError naming the path and the reason (exit 2 in cli/guard.py), never a bug.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the catalogue is imported only when an output fails: every run imports this module
    from planchk.i18n import Bilingual

# Paths whose writes must reach the thing itself, never a file put in its place.
_DIRECT_PREFIXES = ("/dev/", "/proc/")


class OutputError(Exception):
    """The output could not be written: `path` as the user gave it, `reason` from the OS."""

    def __init__(self, path: str | os.PathLike[str], reason: Bilingual) -> None:
        from planchk.sanitize import one_line, shown_path

        self.path, self.reason = one_line(shown_path(path)), reason
        super().__init__(f"cannot write {self.path}: {reason.en}")


def is_stdout(output: Path | None) -> bool:
    """No -o, or `-o -`: the output goes to standard output."""
    return output is None or str(output) == "-"


def write_output(data: bytes, output: Path | None) -> None:
    """The one way a command's output leaves planchk: standard output, or the file named by -o."""
    if is_stdout(output):
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # a reader that left: ReaderMayLeave (cli/entry.py) has its own answer
        except OSError as exc:  # /dev/full, a closed descriptor
            raise OutputError("standard output", _reason(exc)) from None
    else:
        assert output is not None
        write_file(output, data)


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path`: directly to a device or FIFO, atomically to a regular file (see the module)."""
    try:
        try:
            st: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            st = None  # nothing there yet (or a dangling link): a new regular file
        if st is not None and stat.S_ISDIR(st.st_mode):
            from planchk.messages import say

            raise OutputError(path, say("os.EISDIR"))
        if (st is not None and not stat.S_ISREG(st.st_mode)) or os.path.abspath(path).startswith(_DIRECT_PREFIXES):
            _write_direct(path, data)
        else:
            write_atomic(path, data, st)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None


def _write_direct(path: Path, data: bytes) -> None:
    # No O_CREAT, no O_TRUNC: the thing exists; O_APPEND so `-o /dev/stdout >> log` appends as the shell would.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def write_atomic(path: Path, data: bytes, existing: os.stat_result | None = None) -> None:
    """Replace the regular file at `path` (through any symlink) with `data` in one rename."""
    import secrets  # here, not at the top: every run imports this module for ReaderMayLeave

    target = Path(os.path.realpath(path))  # through symlinks: the link stays, its target is replaced
    if existing is not None and not os.access(target, os.W_OK):
        raise PermissionError(13, "Permission denied", str(path))  # read-only: not ours to replace
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            # 0o666 less the umask, as a shell's `>` would create it (mkstemp's 0o600 hid reports from others).
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _reason(exc: OSError) -> Bilingual:
    from planchk.messages import os_reason

    return os_reason(exc)


class ReaderMayLeave:
    """Standard output that goes quiet once its reader has gone (`planchk … | head`).

    Without it the next write raises BrokenPipeError mid-report, which is no bug in planchk and no verdict
    on the data; with it the run finishes and exits with its verdict's code (docs/rules.md#5-exit-codes), the rest
    of the
    output unsaid. Its `buffer` (bytes, e.g. a GB18030 template) goes quiet with it; all else is the
    wrapped stream's.
    """

    def __init__(self, stream: Any, gone: list[bool] | None = None) -> None:
        self._stream = stream
        self._gone = gone if gone is not None else [False]  # shared with the wrapped buffer

    @property
    def buffer(self) -> ReaderMayLeave:
        return ReaderMayLeave(self._stream.buffer, self._gone)

    def write(self, data: str | bytes) -> int:
        if not self._gone[0]:
            try:
                written: int = self._stream.write(data)
                return written
            except BrokenPipeError:
                self._gone[0] = True
        return len(data)

    def flush(self) -> None:
        if not self._gone[0]:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._gone[0] = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
