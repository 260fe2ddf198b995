"""`--format json`: the run's results serialised as they are (planchk.results), one shape for every run.

The JSON Schema (`planchk schema report`, committed as schemas/report.schema.json) is generated from the same
types, so the document and its schema cannot drift apart (a test checks the committed copy).
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from planchk.render import View
from planchk.results import Run, Trend


def render(run: Run, view: View) -> str:
    return to_json(run, view.lang)


def to_json(value: Run | Trend, lang: str) -> str:
    """Any result as JSON: texts in both languages written in `lang`."""
    return _adapter(type(value)).dump_json(value, indent=2, by_alias=True, context={"lang": lang}).decode() + "\n"


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(kind: type) -> TypeAdapter[Any]:
    """The serialiser of a result type, built once (building it is most of the time of writing a report)."""
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


def report_schema() -> dict[str, object]:
    schema = _adapter(Run).json_schema(mode="serialization", by_alias=True)
    # Every key is always written (a field with a default too) and no other key is: say so, so that a
    # script validating a report against this schema notices any change of shape.
    definitions: dict[str, dict[str, object]] = schema.get("$defs", {})
    for definition in [schema, *definitions.values()]:
        properties = definition.get("properties")
        if isinstance(properties, dict):
            definition["required"] = list(properties)
            definition["additionalProperties"] = False
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planchk report"
    return schema
