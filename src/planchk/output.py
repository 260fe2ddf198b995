"""Where output goes: files written atomically, so a reader never sees half a report; standard output that
a reader may stop reading."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def write_output(data: bytes, output: Path | None) -> None:
    """The one way a command's output leaves planchk: standard output, or the file named by -o."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)


def write_atomic(path: Path, data: bytes) -> None:
    import tempfile  # here, not at the top: every run imports this module for ReaderMayLeave

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    def reader_gone(self) -> bool:
        return self._gone[0]

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
