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
        # {zh, en} pairs, milestones and exclusions on one line, as the hand-made plans write them
        flow = (
            set(data) <= {"zh", "en"}
            or set(data) <= {"year", "value", "comparator", "as_written"}
            or set(data) <= {"line", "scope", "through", "quote", "reason", "note", "target"}  # an exclusion
        )
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow or None)

    _Dumper.add_representer(dict, _flow_text)
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return HEADER.format(source=source) + body


UNBASED = """# ── New indicators: their table gives no base value (—, -, / or an empty cell) ──
# planchk needs every indicator's baseline, so these are drafted as comments, with their targets, attribute and
# quote. For each: write the {year} value (the statistics of {year}, or the first value reported) in place of
# `value: null`, remove the `# ` before its lines, and run `planchk plan check`. Until then `plan check` reports
# its row as a sentence no target quotes.
"""


def with_unbased(targets: str, unbased: list[Doc], source: str) -> str:
    """targets.yaml with the indicators that lack a baseline written as a commented block at the end of
    `indicators:` (before `excluded:`), each line prefixed `# `, so the draft loads and nothing of the row is lost."""
    if not unbased:
        return targets
    whole = dump_yaml({"indicators": unbased}, source)
    body = whole[len(HEADER.format(source=source)) :].split("\n", 1)[1]  # the entries, without `indicators:`
    year = unbased[0]["baseline"]["year"]
    block = UNBASED.format(year=year) + "".join(f"# {line}\n" for line in body.splitlines())
    at = targets.find("\nexcluded:\n")
    return targets + block if at < 0 else targets[: at + 1] + block + targets[at + 1 :]


def write_draft(draft: Draft, text: str, name: str, out: Path) -> None:
    """Write targets.yaml, projects.yaml and the text the draft was read from, as UTF-8, under source/NAME (so
    `plan check` finds every quote and `source_line` counts the lines of that file)."""
    from planchk.output import write_atomic

    (out / "source").mkdir(parents=True, exist_ok=True)
    write_atomic(out / "source" / name, text.encode("utf-8"))
    targets = with_unbased(dump_yaml(draft.targets, name), draft.unbased, name)
    write_atomic(out / "targets.yaml", targets.encode("utf-8"))
    write_atomic(out / "projects.yaml", dump_yaml(draft.projects, name).encode("utf-8"))
