"""One bounded read for every file planchk reads whole (an actual-year file, a plan's YAML): a file above its
limit is refused after limit + 1 bytes, never read in full, which bounds memory and time for any input."""

from __future__ import annotations

from pathlib import Path


def read_bounded(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit` bytes. An OSError is the caller's to report."""
    with open(path, "rb") as handle:
        raw = handle.read(limit + 1)
    return raw if len(raw) <= limit else None
