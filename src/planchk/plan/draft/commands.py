"""`planchk plan draft` and `planchk plan review`: reading the source, checking the options, what to print."""

from __future__ import annotations

import os
import re
from pathlib import Path

from planchk.diagnostics import UsageError, problem
from planchk.messages import os_reason, say
from planchk.output import OutputError
from planchk.plan.draft.documents import draft_plan
from planchk.plan.draft.review import mark_reviewed
from planchk.plan.draft.sources import read_source
from planchk.plan.draft.writing import HEADER, write_draft

PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _refuse_writing_over(source: Path, out: Path) -> None:
    """--force replaces a draft, never what a person gave: the draft's YAML files must not be the source text,
    nor a plan planchk did not draft (a hand-made plan, the bundled one)."""
    marker = HEADER[: HEADER.index("{")].encode("utf-8")
    for written in (out / "targets.yaml", out / "projects.yaml"):
        try:
            same = os.path.samefile(written, source)
            with open(written, "rb") as handle:
                drafted = handle.read(len(marker)) == marker
        except OSError:  # not there yet (or unreadable, and then not written over either: write_atomic says so)
            continue
        if same:
            raise UsageError([problem(str(out), "usage.draft_over_source", file=str(written))])
        if not drafted:
            raise UsageError([problem(str(out), "usage.draft_over_plan", file=str(written))])


def run_draft(source: Path, out: Path, plan_id: str | None, force: bool, lang: str = "en") -> str:
    """`planchk plan draft SOURCE -o DIR`: write the draft, load it back as any plan; what to print."""
    from planchk.plan.load import load_plan

    if plan_id is not None and not PLAN_ID.match(plan_id):
        raise UsageError([problem("--id", "usage.draft_bad_id", value=plan_id)])
    read = read_source(source)
    try:  # the folder and what is in it: any OS error is the user's to fix (exit 2), never a bug
        if os.path.lexists(out) and not out.is_dir():  # a file, or a link to nothing
            raise UsageError([problem(str(out), "usage.draft_not_a_directory")])
        if out.is_dir() and any(out.iterdir()) and not force:
            raise UsageError([problem(str(out), "usage.draft_not_empty")])
        _refuse_writing_over(source, out)
        kept = read.kept_name(source)  # the text the quotes are checked against
        draft = draft_plan(read.text, kept, plan_id)
        out.mkdir(parents=True, exist_ok=True)
        write_draft(draft, read.text, kept, out)
    except OSError as exc:
        raise OutputError(out, os_reason(exc)) from None
    plan = load_plan(out)  # the draft must load like any plan; a failure here is a bug in the drafter
    lines = [say("cli.draft_note", note=note.text).get(lang) for note in draft.notes]
    lines.append(
        say(
            "cli.draft_wrote",
            out=str(out),
            plan=plan.meta.id,
            start=plan.meta.period_start,
            end=plan.meta.period_end,
            indicators=draft.indicators,
            items=draft.items,
            pending=len(plan.pending_review()),
        ).get(lang)
    )
    return "\n".join(lines) + "\n"


def run_review(directory: Path, ids: set[str] | None, everything: bool, lang: str = "en") -> str:
    """`planchk plan review DIR --all | --id ID…`: mark targets reviewed, in place, load the plan again; what
    to print."""
    from planchk.output import write_atomic
    from planchk.plan.load import load_plan

    if not everything and not ids:
        raise UsageError([problem("planchk plan review", "usage.review_which")])
    plan = load_plan(directory)
    if ids:
        unknown = sorted(ids - set(plan.pending_review()))
        if unknown:
            raise UsageError(
                [problem("--id", "usage.review_unknown", value=unknown[0], plan=plan.meta.id, ids=", ".join(unknown))]
            )
    marked: list[str] = []
    for name in ("targets.yaml", "projects.yaml"):
        path = directory / name
        if not path.exists():
            continue
        text, done = mark_reviewed(path.read_text(encoding="utf-8"), ids)
        if done:
            write_atomic(path, text.encode("utf-8"))
            marked += done
    left = load_plan(directory).pending_review()
    return say("cli.review_done", marked=len(marked), left=len(left)).get(lang) + "\n"
