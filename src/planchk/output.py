"""Where output goes: files written atomically, so a reader never sees half a report; standard output that
a reader may stop reading; nothing the user gave planchk to read ever written over.

`-o PATH` (every command, docs/ci.md#writing-files):
- `-` is standard output;
- a FIFO, a character device (`/dev/stdout`, `/dev/null`) or anything under /dev or /proc is written
  directly: no temporary file, no rename, nothing replaced;
- anything else is a regular file, written atomically: a temporary file beside it, then a rename over it.
  A new file gets the mode the umask allows (as a shell's `>` would), an existing one keeps its mode; a
  read-only one (no write permission for anyone) is refused, even to root. Missing parent folders are
  created.
- a symlink to a regular file, or to nothing, is refused (a checked-out repository may hold one that leads
  anywhere); a link to a device or a FIFO (`/dev/stdout` is one) is written through, directly.
- an input of the run (a data file, a file of the plan directory or the plan's source text; the same file by
  any path, link or hard link) is refused before anything is computed (`refuse_inputs`), and so is an
  existing file for a command that must not replace one (`template` without --force).
Any OS error becomes an OutputError naming the path and the reason (exit 2 in cli/guard.py), never a bug.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Sequence
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


def write_output(data: bytes | Iterable[bytes], output: Path | None) -> None:
    """The one way a command's output leaves planchk: standard output, or the file named by -o. Output given
    piece by piece (a batch, a file at a time) is written as it comes; to a regular file still in one rename."""
    if is_stdout(output):
        try:
            for piece in [data] if isinstance(data, bytes) else data:
                sys.stdout.buffer.write(piece)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # a reader that left: ReaderMayLeave (cli/entry.py) has its own answer
        except OSError as exc:  # /dev/full, a closed descriptor
            raise OutputError("standard output", _reason(exc)) from None
    else:
        assert output is not None
        write_file(output, data)


def write_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` to `path`: directly to a device or FIFO, atomically to a regular file (see the module)."""
    try:
        try:
            st: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            st = None  # nothing there yet (or a dangling link): a new regular file
        if st is not None and stat.S_ISDIR(st.st_mode):
            from planchk.messages import say

            raise OutputError(path, say("os.EISDIR"))
        if (st is not None and not stat.S_ISREG(st.st_mode)) or _direct(path):
            _write_direct(path, data)
        else:
            _refuse_link_out(path)
            write_atomic(path, data, st)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None


def _direct(path: Path) -> bool:
    """A path under /dev or /proc, or a link whose first step leads there (`-o` to a link to /proc/self/fd/1)."""
    where = os.path.abspath(path)
    if os.path.islink(where):
        where = os.path.abspath(os.path.join(os.path.dirname(where), os.readlink(where)))
    return where.startswith(_DIRECT_PREFIXES)


def _refuse_link_out(path: Path) -> None:
    """A symlink to a regular file (or to nothing) is not written through: a checked-out repository may hold one
    that leads anywhere (a CI runner's own files), and a shell's `>` would follow it. Its path is refused."""
    if os.path.islink(path):
        from planchk.messages import say

        raise OutputError(path, say("output.symlink", target=_shown(os.path.realpath(path))))


def _shown(path: str) -> str:
    from planchk.sanitize import one_line, shown_path

    return one_line(shown_path(path))


def refuse_inputs(output: Path | None, inputs: Sequence[Path], replace: bool = True) -> None:
    """Refuse, before anything is computed, an -o that would write over what the run reads: any of `inputs`
    (files, whether they exist yet or not, or folders meaning every file in them), found by its resolved path
    or as the same file (device and inode: a hard link, or a link to it). With `replace` False an existing
    regular file is refused as well (`template` without --force). Devices, FIFOs and standard output hold no
    input's bytes, so they pass."""
    if is_stdout(output):
        return
    assert output is not None
    from planchk.messages import say

    try:
        st: os.stat_result | None = os.stat(output)
    except OSError:  # nothing there (or unreachable): only the path can name an input
        st = None
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return
    real = os.path.realpath(output)
    for given in inputs:
        source = os.path.realpath(given)
        same = _same_file(st, given) if st is not None else None
        if real == source or same is not None:
            raise OutputError(output, say("output.is_input", input=_shown(str(same or given))))
    if not replace and st is not None and stat.S_ISREG(st.st_mode):
        raise OutputError(output, say("output.exists"))


# At most this many entries of an input folder are compared with -o by inode: a plan directory holds a handful.
_MAX_FOLDER_ENTRIES = 10_000


def _same_file(st: os.stat_result, given: Path) -> Path | None:
    """`given` or, for a folder, the file under it that is the -o file (`st`) by device and inode: a hard link
    to it, or the file one of the folder's symlinks leads to, may lie outside the folder."""

    def same(path: Path) -> bool:
        try:
            other = os.stat(path)
        except OSError:
            return False
        return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)

    if not os.path.isdir(given):
        return given if same(given) else None
    seen = 0
    for folder, _dirs, names in os.walk(given):
        for name in names:
            seen += 1
            if seen > _MAX_FOLDER_ENTRIES:
                return None
            if same(Path(folder, name)):
                return Path(folder, name)
    return None


def _write_direct(path: Path, data: bytes | Iterable[bytes]) -> None:
    # No O_CREAT, no O_TRUNC: the thing exists; O_APPEND so `-o /dev/stdout >> log` appends as the shell would.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    with os.fdopen(fd, "wb") as handle:
        for piece in [data] if isinstance(data, bytes) else data:
            handle.write(piece)


def write_atomic(path: Path, data: bytes | Iterable[bytes], existing: os.stat_result | None = None) -> None:
    """Replace the regular file at `path` (through any symlink) with `data` in one rename."""
    import secrets  # here, not at the top: every run imports this module for ReaderMayLeave

    target = Path(os.path.realpath(path))  # through symlinks (plan review's files): the link stays
    # Read-only: not ours to replace. Root may write anything, so the mode itself says so (no write bit at all).
    if existing is not None and (not os.access(target, os.W_OK) or not existing.st_mode & 0o222):
        raise PermissionError(13, "Permission denied", str(path))
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
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
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
