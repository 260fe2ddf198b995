"""One bounded read for every file planchk reads whole (an actual-year file, a plan's YAML, a plan's text for
`plan draft`): a file above its limit is refused after limit + 1 bytes, never read in full, which bounds memory
and time for any input."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_bounded(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit` bytes. An OSError is the caller's to report.

    A FIFO nobody writes to reads as empty instead of waiting forever: it is opened without blocking (a plain
    open waits for a writer), then read as usual, so `<(…)` from a shell still reads what its writer sends."""
    try:
        fifo = stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        fifo = False  # open() below says why, in its own words
    if fifo and hasattr(os, "O_NONBLOCK"):
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(fd, True)
        handle = open(fd, "rb")
    else:
        handle = open(path, "rb")
    with handle:
        raw = handle.read(limit + 1)
    return raw if len(raw) <= limit else None
