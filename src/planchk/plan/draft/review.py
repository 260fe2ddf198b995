"""`planchk plan review`: marking drafted targets reviewed, editing the YAML in place."""

from __future__ import annotations

import re

REVIEW_LINE = re.compile(r"^(?P<indent>\s*)review:\s*pending\s*$")
ID_LINE = re.compile(r"^(?P<indent>\s*)-\s+id:\s*(?P<id>[a-z0-9_.]+)\s*$")


def mark_reviewed(text: str, ids: set[str] | None) -> tuple[str, list[str]]:
    """Turn `review: pending` into `review: reviewed` for the given target ids (all when `ids` is None).

    Edits lines in place, so a reviewer's comments and layout survive. A target is the block that starts
    with `- id: X`; its `review:` key sits two columns right of the dash.
    """
    out, done = [], []
    open_ids: dict[int, str] = {}  # key indent → the id of the block open at that indent
    for line in text.split("\n"):
        m = ID_LINE.match(line)
        if m:
            indent = len(m["indent"]) + 2
            open_ids = {k: v for k, v in open_ids.items() if k < indent}  # deeper blocks (entries) have ended
            open_ids[indent] = m["id"]
        r = REVIEW_LINE.match(line)
        target = open_ids.get(len(r["indent"])) if r else None
        if r and target is not None and (ids is None or target in ids):
            line = f"{r['indent']}review: reviewed"
            done.append(target)
        out.append(line)
    return "\n".join(out), done
