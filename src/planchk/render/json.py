"""`--format json`: the run's results serialised as they are (planchk.results), one shape for every run.

A run's document is written as a stream (`stream`): its head, then each file's evaluation as it is judged, then
its input problems, counts and exit code, so that a batch of any size is written in the memory of one file. The
bytes are those of the whole `Run` serialised at once (each piece is serialised by the same types, indented to
its depth), so the document is the same whichever way it is made.

The JSON Schema (`planchk schema report`, committed as schemas/report.schema.json) is generated from the same
types, so the document and its schema cannot drift apart (a test checks the committed copy).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import TypeAdapter

from planchk.diagnostics import Diagnostic
from planchk.render import View
from planchk.results import REPORT_SCHEMA_VERSION, Evaluation, PlanRef, Run, RunStream, Summary, Trend, Validation


def render(value: Trend, view: View) -> str:
    return to_json(value, view.lang)


def stream(run: RunStream, view: View) -> Iterator[str]:
    """The run's document piece by piece: the same bytes as `TypeAdapter(Run).dump_json(run, indent=2)`."""
    lang = view.lang
    yield "{\n"
    yield f'  "schema_version": {REPORT_SCHEMA_VERSION},\n'
    yield f'  "plan": {_piece(PlanRef, run.plan, lang)},\n'
    yield '  "files": '
    yield from _items(Evaluation, run.files(), lang)
    yield ',\n  "validated": '
    yield from _items(Validation, run.validated(), lang)
    yield ',\n  "errors": '
    yield from _items(Diagnostic, run.errors, lang)
    yield f',\n  "summary": {_piece(Summary, run.summary, lang)},\n'
    yield f'  "exit_code": {run.exit_code}\n'
    yield "}\n"


def _items(kind: type, values: Iterable[Any], lang: str) -> Iterator[str]:
    """A list of the document's second level, written one element at a time: `[]` when empty."""
    first = True
    for value in values:
        yield ("[\n    " if first else ",\n    ") + _piece(kind, value, lang, depth=2)
        first = False
    yield "[]" if first else "\n  ]"


def _piece(kind: type, value: object, lang: str, depth: int = 1) -> str:
    """`value` as JSON indented by two spaces a level, its first line where the caller stands (at `depth`)."""
    text = _adapter(kind).dump_json(value, indent=2, by_alias=True, context={"lang": lang}).decode()
    return text.replace("\n", "\n" + "  " * depth)  # a string in JSON holds no line break of its own


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
