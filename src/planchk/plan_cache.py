"""A per-user cache of the validated plan, so each run does not re-parse and re-validate the YAML.

The key covers the exact bytes of both plan files, their directory, and the versions of planchk,
Pydantic and Python; any change means a fresh load. The cache lives in the user's own cache folder
(PLANCHK_CACHE_DIR, else $XDG_CACHE_HOME/planchk, else ~/.cache/planchk); PLANCHK_NO_CACHE=1 turns
it off. A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from planchk import __version__


# Bump when the pickled Plan's shape changes, so an older cache is never read into a newer planchk.
CACHE_FORMAT = "2"


def cache_dir() -> Path | None:
    if os.environ.get("PLANCHK_NO_CACHE"):
        return None
    explicit = os.environ.get("PLANCHK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "planchk"


def cache_key(directory: Path, files: list[bytes]) -> str:
    import pydantic

    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, __version__, pydantic.VERSION, sys.version, str(directory.resolve())):
        digest.update(part.encode() + b"\0")
    for raw in files:
        digest.update(len(raw).to_bytes(8, "big") + raw)
    return digest.hexdigest()


def load(key: str) -> Any | None:
    """The cached Plan (pickled models)."""
    raw = _read(f"plan-{key}.pickle")
    try:
        return None if raw is None else pickle.loads(raw)
    except Exception:  # noqa: BLE001 - a stale or broken cache is simply not used
        return None


def store(key: str, value: Any) -> None:
    if cache_dir() is not None:  # pickling a large plan takes a while: not for nothing
        _write(f"plan-{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def load_data(key: str) -> Any | None:
    """Cached plain data (the plan's contract): marshal reads it far faster than pickle reads models."""
    raw = _read(f"contract-{key}.marshal")
    try:
        return None if raw is None else marshal.loads(raw)
    except Exception:  # noqa: BLE001 - a stale or broken cache is simply not used
        return None


def store_data(key: str, value: Any) -> None:
    if cache_dir() is None:
        return
    try:
        raw = marshal.dumps(value)
    except ValueError:  # not plain data: a bug, but the cache only ever saves time
        return
    _write(f"contract-{key}.marshal", raw)


def _read(name: str) -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _write(name: str, raw: bytes) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        with open(tmp, "wb", opener=lambda p, f: os.open(p, f, 0o600)) as handle:
            handle.write(raw)
        os.replace(tmp, folder / name)
    except OSError:
        pass
