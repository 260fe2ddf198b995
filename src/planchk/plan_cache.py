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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planchk import __version__


# Bump when the pickled Plan's shape changes, so an older cache is never read into a newer planchk.
CACHE_FORMAT = "3"


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


# What is cached, and how: the Plan's Pydantic models pickled; its contract (contract.py) as plain data in
# marshal's format, which loads in milliseconds where unpickling models takes seconds for a large plan.
_CODECS: dict[str, tuple[str, Callable[[bytes], Any], Callable[[Any], bytes]]] = {
    "plan": ("pickle", pickle.loads, lambda value: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)),
    "contract": ("marshal", marshal.loads, marshal.dumps),
}


def load(key: str, kind: str = "plan") -> Any | None:
    """The cached value of this kind for this key, or None when there is none that can be read."""
    ext, loads, _ = _CODECS[kind]
    raw = _read(f"{kind}-{key}.{ext}")
    try:
        return None if raw is None else loads(raw)
    except Exception:  # noqa: BLE001 - a stale or broken cache is simply not used
        return None


def store(key: str, value: Any, kind: str = "plan") -> None:
    if cache_dir() is None:  # serialising a large plan takes a while: not for nothing
        return
    ext, _, dumps = _CODECS[kind]
    try:
        raw = dumps(value)
    except ValueError:  # marshal meets something that is not plain data: a bug, but the cache only saves time
        return
    _write(f"{kind}-{key}.{ext}", raw)


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
