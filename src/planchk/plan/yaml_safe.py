"""Read plan YAML safely: duplicate keys and aliases refused, any value's line found for messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from planchk.bounded import read_bounded
from planchk.diagnostics import Diagnostic, PlanError, bad_byte, problem
from planchk.messages import os_reason, yaml_detail

if TYPE_CHECKING:
    import yaml

# The bundled plan is ~150 KB; generated benchmark plans of 100 000 indicators are ~30 MB. Anything
# larger is refused before it is read in full, which bounds memory for hostile input.
MAX_PLAN_BYTES = 64 * 1024 * 1024

# The largest number a plan may hold, either sign: trillions of 元 for a national budget are 10^13.
MAX_FIGURE = 10**15
_INF = float("inf")

Path_ = tuple[Any, ...]
# The tags a plan may carry (written or, usually, resolved from plain YAML): YAML's core types and dates. Any
# other tag, on a scalar, a mapping or a list (!!python/object, !!python/tuple, !!binary, !!set, !local), is
# refused with its line: a plan is data, never objects for a loader to build.
_CORE = "tag:yaml.org,2002:"
_MAPPING_TAGS = frozenset({_CORE + "map"})
_SEQUENCE_TAGS = frozenset({_CORE + "seq"})
_SCALAR_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_STR = _CORE + "str"


def read_plan_bytes(path: Path) -> bytes:
    """A plan file's bytes, refusing without reading it all anything above MAX_PLAN_BYTES."""
    try:
        raw = read_bounded(path, MAX_PLAN_BYTES)
    except OSError as exc:
        raise PlanError([problem(str(path), "plan.cannot_read", reason=os_reason(exc))]) from None
    if raw is None:
        raise PlanError([problem(str(path), "plan.too_large", limit=MAX_PLAN_BYTES)])
    return raw


# A number with an exponent and no sign after the e, which YAML 1.1 resolves as text.
_EXPONENT_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE][0-9]+")


class YamlDoc:
    """A parsed plan file: its data, and the line of any key path. Lines are found (by parsing again) only
    when a message needs one: errors are rare, and a map of every node's line costs time and memory on every
    load of a large plan (2.6 million entries for 100 000 indicators)."""

    def __init__(self, name: str, text: str, data: Any) -> None:
        self.name, self.text, self.data = name, text, data
        self._lines: dict[Path_, int] | None = None

    def line_of(self, loc: Path_) -> int | None:
        """The line of the deepest known prefix of a key path (e.g. a Pydantic error location)."""
        if self._lines is None:
            self._lines = _parse(self.name, self.text, record_lines=True)[1]
        for end in range(len(loc), -1, -1):
            line = self._lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


def load_yaml(path: Path, raw: bytes | None = None) -> YamlDoc:
    """Parse one plan YAML file; duplicate keys, aliases, merge keys and unsafe tags are refused."""
    name = str(path)
    if raw is None:
        raw = read_plan_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        skipped = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        line, at = bad_byte(raw[skipped:], exc.start, skipped=skipped)  # utf-8-sig counts after the BOM
        raise PlanError([problem(name, "plan.not_utf8", line=line, at=at)]) from None
    data, _ = _parse(name, text, record_lines=False)
    return YamlDoc(name, text, data)


def _parse(name: str, text: str, record_lines: bool) -> tuple[Any, dict[Path_, int]]:
    import yaml  # when a plan is parsed, not with this module: heavy imports wait (docs/architecture.md#speed)

    from planchk.plan.yaml_nodes import PlanLoader  # libyaml's parser where PyYAML has it

    loader = PlanLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise PlanError([problem(name, "plan.not_yaml", line=line, detail=yaml_detail(what))]) from None
    finally:
        loader.dispose()
    if node is None:
        raise PlanError([problem(name, "plan.empty")])
    # An alias (*name) needs an anchor (&name) before it, else libyaml refuses it above: without both signs
    # anywhere in the text there can be no alias, so node identities need no tracking.
    builder = _Builder(name, loader, yaml, record_lines=record_lines, track_aliases="&" in text and "*" in text)
    data = builder.build(node, ())
    if builder.problems:
        raise PlanError(builder.problems)
    return data, builder.lines


class _Builder:
    """Turns the node tree into plain data, refusing what plans must not use; records lines when asked."""

    def __init__(self, name: str, loader: Any, yaml: Any, record_lines: bool, track_aliases: bool) -> None:
        self.name, self.loader, self.yaml = name, loader, yaml
        self.record_lines, self.track_aliases = record_lines, track_aliases
        # Scalars go straight to their tag's constructor: PyYAML's construct_object would also remember
        # every scalar in a dict (4 million entries for a 100 000-indicator plan) for anchors we refuse anyway.
        self.constructors: dict[Any, Any] = loader.yaml_constructors
        self.lines: dict[Path_, int] = {}
        self.problems: list[Diagnostic] = []
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if self.record_lines:
            self.lines[path] = node.start_mark.line + 1
        if self.track_aliases:
            # An alias is the same node object met twice. Refusing it bounds work on alias bombs.
            if id(node) in self.seen:
                self.problems.append(problem(self.name, "plan.alias", line=node.start_mark.line + 1))
                return None
            self.seen.add(id(node))
        if isinstance(node, self.yaml.ScalarNode):  # most nodes: tested first
            return self.scalar(node, path)
        if isinstance(node, self.yaml.SequenceNode):
            if node.tag not in _SEQUENCE_TAGS:
                return self.refuse_tag(node)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        if node.tag not in _MAPPING_TAGS:
            return self.refuse_tag(node)
        return self.mapping(cast("yaml.MappingNode", node), path)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        name, problems = self.name, self.problems
        out: dict[Any, Any] = {}
        key_nodes: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, self.yaml.ScalarNode):
                problems.append(problem(name, "plan.complex_key", line=key_node.start_mark.line + 1))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(problem(name, "plan.merge_key", line=key_node.start_mark.line + 1))
                continue
            key = self.scalar(key_node)
            if key is None or isinstance(key, (list, dict)):
                continue
            if key in out:
                problems.append(
                    problem(
                        name,
                        "plan.duplicate_key",
                        line=key_node.start_mark.line + 1,
                        column=str(key),
                        key=key,
                        first=key_nodes[key].start_mark.line + 1,
                    )
                )
                continue
            key_nodes[key] = key_node
            out[key] = self.build(value_node, path + (key,))
            if self.record_lines:
                self.lines[path + (key,)] = key_node.start_mark.line + 1
        return out

    def refuse_tag(self, node: yaml.Node) -> None:
        tag = str(node.tag)
        shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
        self.problems.append(
            problem(self.name, "plan.tag_not_allowed", line=node.start_mark.line + 1, value=shown, tag=shown)
        )

    def scalar(self, node: yaml.Node, path: Path_ = ()) -> Any:
        if node.tag == _STR:  # most of a plan; PyYAML's constructor for it returns the node's text
            value = node.value
            if not getattr(node, "style", None) and _EXPONENT_NUMBER.fullmatch(value):  # plain: None or ""
                return self.exponent_number(node, path, value)
            return value
        if node.tag not in _SCALAR_TAGS:
            return self.refuse_tag(node)
        try:
            constructor = self.constructors.get(node.tag)
            if constructor is None:  # an unknown or unsafe tag: PyYAML says why (e.g. !!python/object)
                return self.loader.construct_object(node)
            value = constructor(self.loader, node)
        except ValueError:  # an integer of more digits than Python converts (4300)
            return self.too_large(node, path)
        except self.yaml.YAMLError as exc:
            self.problems.append(
                problem(
                    self.name,
                    "plan.unsupported_value",
                    line=node.start_mark.line + 1,
                    value=str(node.tag),
                    detail=yaml_detail(str(getattr(exc, "problem", None) or exc)),
                )
            )
            return None
        kind = type(value)
        # Beyond MAX_FIGURE lies no figure, year or line of a plan, and sums and projections of such numbers
        # overflow; infinity and NaN are left to the models, which name them (not finite).
        if (kind is int or kind is float) and (value > MAX_FIGURE or value < -MAX_FIGURE) and abs(value) != _INF:
            return self.too_large(node, path)
        return value

    def exponent_number(self, node: yaml.Node, path: Path_, value: str) -> str | None:
        # YAML 1.1 reads a plain 1.5e308 (no sign after the e) as text, which the models then take as a number
        if abs(float(value.replace("_", ""))) > MAX_FIGURE:
            self.too_large(node, path)
            return None
        return value

    def too_large(self, node: yaml.Node, path: Path_) -> None:
        shown = node.value if len(node.value) <= 24 else f"{node.value[:20]}…"
        self.problems.append(
            problem(
                self.name,
                "plan.number_too_large",
                line=node.start_mark.line + 1,
                column=str(path[-1]) if path else None,
                value=shown,
                limit=f"{MAX_FIGURE:.0e}",
            )
        )
