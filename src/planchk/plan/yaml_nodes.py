"""The YAML loader plan files are parsed with: PyYAML's safe loader (libyaml's parser where PyYAML has it), with
each tag resolved once per distinct plain scalar.

Imported only when a plan is parsed (plan/yaml_safe.py), so that commands which parse no plan never import
PyYAML. Why a loader of our own: libyaml composes the nodes in C but asks the Python resolver for the tag of
every scalar, trying PyYAML's regular expressions each time; that was half the time of loading the bundled
plan (15 000 scalars, most of them the same keys and words). A plain scalar's tag depends only on its text
(PyYAML's safe loader has no path resolvers), so it is worked out once per text and then looked up; a quoted
scalar is always a string, a list a list, a mapping a mapping. The tags are PyYAML's own, so the data is the
same as `yaml.CSafeLoader` gives (tests/test_plan.py compares them).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR: str = _Base.DEFAULT_SCALAR_TAG
_SEQ: str = _Base.DEFAULT_SEQUENCE_TAG
_MAP: str = _Base.DEFAULT_MAPPING_TAG


class PlanLoader(_Base):  # type: ignore[misc]  # PyYAML's classes are untyped
    """yaml.CSafeLoader (yaml.SafeLoader without libyaml), with the plain scalars' tags resolved once per text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.plain_tags: dict[str, str] = {}
        # With path resolvers (added to PyYAML's loaders by some other code in the process) a tag would depend
        # on the node's place too: then every call goes to PyYAML.
        self.by_text = not self.yaml_path_resolvers

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
        if not self.by_text:
            tag: str = super().resolve(kind, value, implicit)
            return tag
        if kind is ScalarNode:
            if not implicit[0]:  # quoted, or tagged '!': a string
                return _STR
            found = self.plain_tags.get(value)
            if found is None:
                found = self.plain_tags[value] = super().resolve(kind, value, implicit)
            return found
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        if not self.by_text:
            super().descend_resolver(current_node, current_index)

    def ascend_resolver(self) -> None:
        if not self.by_text:
            super().ascend_resolver()


__all__ = ["MappingNode", "PlanLoader", "ScalarNode", "SequenceNode"]
