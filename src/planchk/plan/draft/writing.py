"""Writing a draft: the two YAML files, laid out as the hand-made plans are, and a copy of the source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planchk.plan.draft.documents import Doc, Draft

HEADER = """# DRAFT written by `planchk plan draft` from {source}: every target is `review: pending` until a person
# has held it against the text (quote, source_line) and run `planchk plan review`. See docs/plan-draft.md.
"""


def dump_yaml(doc: Doc, source: str) -> str:
    """The document as YAML: keys in the models' order, Chinese as is, long lines not folded."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # the same date twice is written twice, not as &id001 / *id001

    def _flow_text(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
        # {zh, en} pairs and milestones on one line, as the hand-made plans write them
        flow = set(data) <= {"zh", "en"} or set(data) <= {"year", "value", "comparator", "as_written"}
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow or None)

    _Dumper.add_representer(dict, _flow_text)
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return HEADER.format(source=source) + body


def write_draft(draft: Draft, text: str, name: str, out: Path) -> None:
    """Write targets.yaml, projects.yaml and the text the draft was read from, as UTF-8, under source/NAME (so
    `plan check` finds every quote and `source_line` counts the lines of that file)."""
    from planchk.output import write_atomic

    (out / "source").mkdir(parents=True, exist_ok=True)
    write_atomic(out / "source" / name, text.encode("utf-8"))
    write_atomic(out / "targets.yaml", dump_yaml(draft.targets, name).encode("utf-8"))
    write_atomic(out / "projects.yaml", dump_yaml(draft.projects, name).encode("utf-8"))
