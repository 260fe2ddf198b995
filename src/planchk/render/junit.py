"""JUnit XML (the format Jenkins and GitLab read): one testcase per indicator and programme item, so its counts
are the table's (an item's named projects are lines of the item's message, not test cases of their own).

Levels map to JUnit outcomes: error level → <error>, warning level → <failure>, not due or cannot be
judged → <skipped>, ok → passed. Input problems are <error> testcases of a suite named after the file.
Messages are in the language of the run (`--lang`).
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from planchk.diagnostics import Diagnostic
from planchk.i18n import label
from planchk.messages import say
from planchk.numbers import format_number, sign
from planchk.render import View
from planchk.results import Evaluation, IndicatorResult, ItemResult, RunStream
from planchk.sanitize import one_line

_XML_UNSAFE = {i for i in range(0x20) if i not in (9, 10, 13)}


def _clean(text: str) -> str:
    return "".join(ch for ch in one_line(text) if ord(ch) not in _XML_UNSAFE)


def _case(
    suite: ET.Element,
    classname: str,
    name: str,
    status: str,
    level: str,
    message: str,
    file: str,
    line: int | None,
    details: tuple[str, ...] = (),
) -> None:
    # Jenkins' JUnit schema allows only name, classname, time and group on a testcase, so the CSV
    # location goes into the message, and the file onto the testsuite. `details` are further lines of the
    # failure's text (an item's named projects that are not met).
    case = ET.SubElement(suite, "testcase", classname=_clean(classname), name=_clean(name), time="0")
    where = f"{file}:{line}: " if line is not None else f"{file}: "
    message = where + message if message else message
    if status in ("not_due", "cannot_judge"):
        ET.SubElement(case, "skipped", message=_clean(message or status))
    elif level in ("error", "warning"):
        tag = "error" if level == "error" else "failure"
        node = ET.SubElement(case, tag, message=_clean(message or status), type=f"{status}.{level}")
        node.text = "\n".join(_clean(text) for text in (message or status, *details))


def _indicator_message(r: IndicatorResult, lang: str) -> str:
    # the attribute is in every message: a binding (约束性) miss is what a reviewer must see first
    attribute = label(lang, r.attribute)
    if r.status == "missing":
        expected = f"{sign(r.comparator)}{format_number(r.expected)} {r.unit}"
        return say("format.junit_indicator_missing", id=r.id, attribute=attribute, expected=expected).get(lang)
    message = r.message.get(lang) if r.message else label(lang, r.status)
    return say("format.junit_indicator", id=r.id, attribute=attribute, message=message, unit=r.unit).get(lang)


def _item_message(r: ItemResult, lang: str) -> str:
    if r.status == "missing":
        return say("format.junit_item_missing", id=r.id).get(lang)
    return say("format.junit_item", id=r.id, message=r.message.get(lang) if r.message else label(lang, r.status)).get(
        lang
    )


def _entry_lines(item: ItemResult, file: str, lang: str) -> tuple[str, ...]:
    """An item's named projects that are not met, a line each (where each was read, and its verdict)."""
    return tuple(
        (f"{file}:{e.line}: " if e.line is not None else f"{file}: ") + _item_message(e, lang)
        for e in item.entries
        if e.level != "ok"
    )


def _parts(value: str, lang: str) -> str:
    return say("format.junit_sum_of_parts", value=value).get(lang)


def _suite(root: ET.Element, ev: Evaluation, lang: str) -> ET.Element:
    file = ev.source.file
    suite = ET.SubElement(root, "testsuite", name=_clean(f"planchk {file} ({ev.year})"), file=_clean(file))
    props = ET.SubElement(suite, "properties")
    for key, value in (
        ("plan.id", ev.plan.id),
        ("plan.version", ev.plan.version),
        ("plan.original_version", ev.plan.original_version or ev.plan.version),
    ):
        ET.SubElement(props, "property", name=key, value=_clean(value))
    for r in ev.indicators:
        _case(
            suite,
            f"{ev.year}.indicators.{r.category}",
            f"{r.id} {r.name.zh}",
            r.status,
            r.level,
            _indicator_message(r, lang),
            file,
            r.line,
        )
    for p in ev.programmes:
        for item in p.items:
            _case(
                suite,
                f"{ev.year}.{p.box}",
                f"{item.id} {item.name.zh}",
                item.status,
                item.level,
                _item_message(item, lang),
                file,
                item.line,
                _entry_lines(item, file, lang),
            )
    for c in ev.consistency:
        _case(suite, f"{ev.year}.consistency", _parts(str(c.value), lang), "fail", "warning", c.text(lang), file, None)
    return suite


_COUNTED = ("tests", "failures", "errors", "skipped")


def _counted(suite: ET.Element) -> dict[str, int]:
    """A suite's counts, set on it (as the JUnit schema wants them) and given back for the run's totals."""
    cases = suite.findall("testcase")
    counts = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", "0")
    return counts


def _suites(run: RunStream, lang: str) -> Iterator[ET.Element]:
    """Every suite of the run, one at a time: each judged file's, each checked file's, each unreadable file's."""
    for ev in run.files():
        yield _suite(ET.Element("testsuites"), ev, lang)
    for v in run.validated():
        file = v.source.file
        suite = ET.Element("testsuite", name=_clean(f"planchk validate {file}"), file=_clean(file))
        _case(suite, "validate", label(lang, "junit.readable"), "pass", "ok", "", file, None)
        for c in v.consistency:
            parts = _parts(str(c.value), lang)
            _case(suite, "validate.consistency", parts, "fail", "warning", c.text(lang), file, None)
        yield suite
    yield from _input_suites(run.errors, lang)


def _input_suites(errors: list[Diagnostic], lang: str) -> list[ET.Element]:
    by_file: dict[str, ET.Element] = {}
    for p in errors:
        found = by_file.get(p.file)
        if found is None:
            found = by_file[p.file] = ET.Element(
                "testsuite", name=_clean(f"planchk input {p.file}"), file=_clean(p.file)
            )
        where = label(lang, "junit.file")
        if p.line:
            where = p.cell() if p.sheet else label(lang, "junit.line", line=p.line)
        # _case puts the location in front of the message once; the column is in the test case's name.
        _case(
            found,
            "input",
            f"{where} {p.column or ''}".strip(),
            "fail",
            "error",
            p.text(lang) + (label(lang, "value_shown", value=p.value) if p.value is not None else ""),
            p.file if not p.sheet else f"{p.file} {p.cell()}",
            p.line if not p.sheet else None,
        )
    return list(by_file.values())


def stream(run: RunStream, view: View) -> Iterator[str]:
    """The run's JUnit XML. Its totals stand on its first element, so each suite is written, as it is made, into a
    temporary file (in memory while small) and the document is given once the last is counted."""
    totals = dict.fromkeys(_COUNTED, 0)
    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8") as spool:
        for suite in _suites(run, view.lang):
            for key, value in _counted(suite).items():
                totals[key] += value
            ET.indent(suite, level=1)
            spool.write("\n  " + ET.tostring(suite, encoding="unicode"))
        root = ET.Element("testsuites", name="planchk")
        for key in ("tests", "failures", "errors"):  # the schema has no skipped total on <testsuites>
            root.set(key, str(totals[key]))
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        if not spool.tell():
            yield head + ET.tostring(root, encoding="unicode") + "\n"
            return
        yield head + ET.tostring(root, encoding="unicode").removesuffix(" />") + ">"
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            yield chunk
        yield "\n</testsuites>\n"
