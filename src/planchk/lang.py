"""Which language planchk speaks to a person: PLANCHK_LANG, else the locale.

A module of its own (nothing but `os`), re-exported by `i18n`: the command line chooses the language of its
help each time it is built, `--version` and `--help` included, without importing i18n's tables and dataclass.
"""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def default_lang() -> Lang:
    """PLANCHK_LANG, else the locale: zh_* gives zh, anything else en."""
    explicit = os.environ.get("PLANCHK_LANG", "").strip().lower()
    if explicit.startswith(("zh", "en")):  # zh, zh_CN, zh-CN.UTF-8, en_US …
        return "zh" if explicit.startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
