"""A per-user cache of the validated plan, so each run does not re-parse and re-validate the YAML.

The key covers the exact bytes of both plan files, their directory, and the versions of planchk,
Pydantic and Python; any change means a fresh load. The cache lives in the user's own cache folder
(PLANCHK_CACHE_DIR, else $XDG_CACHE_HOME/planchk, else ~/.cache/planchk); PLANCHK_NO_CACHE=1 turns
it off. A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
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
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"plan-{key}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - a missing, stale or broken cache is simply not used
        return None


def store(key: str, value: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = folder / f".plan-{key}.{os.getpid()}.tmp"
        with open(tmp, "wb", opener=lambda p, f: os.open(p, f, 0o600)) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"plan-{key}.pickle")
    except OSError:
        pass
