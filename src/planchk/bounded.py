"""One bounded read for every file planchk reads whole (an actual-year file, a plan's YAML, a plan's text for
`plan draft`): a file above its limit is refused after limit + 1 bytes, never read in full, which bounds memory
and time for any input."""

from __future__ import annotations

import os
from pathlib import Path


def read_bounded(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit` bytes. An OSError is the caller's to report.

    A FIFO nobody writes to reads as empty instead of waiting forever: it is opened without blocking (a plain
    open waits for a writer), then read as usual, so `<(…)` from a shell still reads what its writer sends."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb", closefd=True) as handle:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        raw = handle.read(limit + 1)
    return raw if len(raw) <= limit else None
