"""Coverage of the source text (`planchk plan check`, `planchk plan coverage`; docs/plan-format.md#coverage-of-the-
source-text).

Every sentence of the plan's text is accounted for: **quoted** (each of its clauses that carries its own action is
quoted by a target), **excluded** (listed under `excluded` in targets.yaml with a reason) or **uncovered**. No word
list decides which sentences count: a sentence is a sentence (split at 。；; and at a line's end), whatever words it
holds. Within a sentence, the unit is the clause that carries its own action (…、建立导师制、推进…,
plan/source_text.commitment_clauses): a sentence is quoted only when each such clause is, not when one of them is.
A clause is quoted when the targets' quotes cover at least half of it and every number in it (a number with a
measure word: 3所, 80%) lies inside one of them, so a clause that lists five counted things is not covered by
encoding one of them.

Quotes are compared with whitespace and `|` removed, over the whole text at once: a row of a table that the text
prints one cell a line is found across its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from planchk.diagnostics import Diagnostic, PlanError, diagnostic, problem
from planchk.i18n import Bilingual
from planchk.messages import listing, say
from planchk.plan.model import Plan
from planchk.plan.schema import Exclusion
from planchk.plan.source_text import DUE_YEAR, QUANTITY, Line, clause_cuts, read_lines, squash

Status = Literal["quoted", "excluded", "uncovered"]
_LEADING_DUE = re.compile(rf"(?:{DUE_YEAR.pattern})[，,]?")
STATUSES: tuple[Status, ...] = ("quoted", "excluded", "uncovered")
# A sentence ends at one of these, or at its line's end.
SENTENCE_MARK = re.compile(r"([。；;])")


@dataclass(frozen=True)
class Clause:
    """A clause that carries its own action: its words as written (with the mark that follows it), where it lies
    in the squashed text, and how it is accounted for."""

    text: str
    start: int
    end: int
    status: Status = "uncovered"
    quoted_by: tuple[str, ...] = ()
    exclusions: tuple[int, ...] = ()  # indices into plan.excluded: what excludes it, or the rest of it when quoted
    loose: tuple[str, ...] = ()  # its numbers that lie in no quote


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text: its line, its clauses (their texts joined are the sentence as written) and the mark
    that ends it (。, ；, or nothing at a line's end)."""

    line: int
    clauses: tuple[Clause, ...]
    mark: str = ""

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.clauses).strip(" \t|")

    @property
    def status(self) -> Status:
        """uncovered when any clause is; excluded when every clause is; else quoted."""
        statuses = {c.status for c in self.clauses}
        if "uncovered" in statuses:
            return "uncovered"
        return "excluded" if statuses == {"excluded"} else "quoted"

    @property
    def quoted_by(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for c in self.clauses for i in c.quoted_by))

    @property
    def exclusions(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(k for c in self.clauses for k in c.exclusions))


@dataclass(frozen=True)
class Section:
    """A paragraph of the text (a line: the text keeps a paragraph to a line) and the count of each status."""

    line: int
    title: str
    quoted: int
    excluded: int
    uncovered: int


@dataclass
class Coverage:
    """Every sentence of a plan's text and how it is accounted for, and the findings of `plan check`."""

    sentences: list[Sentence] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)  # the plan's `excluded`, which `Clause.exclusions` index
    source: str = ""  # the text's path, as shown
    plan: str = ""  # the plan's id and version, for the report's title
    version: str = ""
    checked: bool = False  # False when the plan has no readable source text

    def count(self, status: Status) -> int:
        return sum(1 for s in self.sentences if s.status == status)

    def summary(self) -> Bilingual:
        """`; 440 sentence(s) in the source text: 300 quoted, 140 excluded, 0 uncovered`."""
        return say(
            "cli.coverage_summary",
            sentences=len(self.sentences),
            quoted=self.count("quoted"),
            excluded=self.count("excluded"),
            uncovered=self.count("uncovered"),
        )

    def sections(self) -> list[Section]:
        """The counts per paragraph, in the text's order."""
        out: list[Section] = []
        for line in dict.fromkeys(s.line for s in self.sentences):
            here = [s for s in self.sentences if s.line == line]
            first = here[0].text
            n = {status: sum(1 for s in here if s.status == status) for status in STATUSES}
            title = first if len(first) <= 24 else first[:23] + "…"
            out.append(Section(line, title, n["quoted"], n["excluded"], n["uncovered"]))
        return out


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    owner: str  # a target id; for an exclusion, its index as text
    exclusion: int | None = None


# ── reading the text ─────────────────────────────────────────────────────────────────────────────


def _pieces(text: str) -> list[str]:
    """A sentence as written, cut into its clauses (each with the mark after it): their texts join to `text`."""
    cuts = [0, *clause_cuts(text), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _sentences(line: Line, offset: int) -> list[tuple[str, str, int]]:
    """(text, mark, squashed start) of each sentence of a line; a piece with no letter or digit is none."""
    out = []
    parts = SENTENCE_MARK.split(line.text)
    pos = offset
    for k in range(0, len(parts), 2):
        piece, mark = parts[k], parts[k + 1] if k + 1 < len(parts) else ""
        if re.search(r"\w", piece):
            out.append((piece, mark, pos))
        pos += len(squash(piece)) + len(squash(mark))
    return out


def sentences_of(lines: list[Line]) -> tuple[str, list[tuple[int, str, str, int]]]:
    """The whole text squashed, and each sentence as (line, text, mark, squashed start)."""
    found: list[tuple[int, str, str, int]] = []
    offset = 0
    for line in lines:
        found += [(line.number, text, mark, start) for text, mark, start in _sentences(line, offset)]
        offset += len(squash(line.text))
    return "".join(squash(line.text) for line in lines), found


# ── the quotes ───────────────────────────────────────────────────────────────────────────────────


def _occurrences(q: str, text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Where the squashed quote `q` starts in text[lo:hi] (it may run on past hi)."""
    out: list[tuple[int, int]] = []
    hi = len(text) if hi is None else hi
    i = text.find(q, lo) if q else -1
    while 0 <= i < hi:
        out.append((i, i + len(q)))
        i = text.find(q, i + 1)
    return out


def _target_quotes(plan: Plan) -> list[tuple[str, str, list[str]]]:
    """(owner, quote, names): every quote a target gives, with the entry names that count where it is found."""
    out: list[tuple[str, str, list[str]]] = [(ind.id, ind.source.quote, []) for ind in plan.indicators]
    for prog in plan.programmes:
        for item in prog.items():
            names = [e.quote for e in item.entries if e.quote]
            out.append((item.id, item.quote, names))
            out += [(item.id, a.quote, names) for a in item.also_in]
            if item.baseline_quote:
                out.append((item.id, item.baseline_quote, []))
    out += [(c.id, s.quote, []) for c in plan.conflicts for s in c.sources]
    return out


def _quote_spans(plan: Plan, full: str, bounds: dict[int, tuple[int, int]]) -> list[_Span]:
    """Where each target's quote lies. A named list's entries (names) count in the paragraph(s) of its quote."""
    spans: list[_Span] = []
    for owner, quote, names in _target_quotes(plan):
        for a, b in _occurrences(squash(quote), full):
            spans.append(_Span(a, b, owner))
            lo = max((lo for lo, hi in bounds.values() if lo <= a), default=0)
            hi = min((hi for lo, hi in bounds.values() if hi >= b), default=len(full))
            for name in map(squash, names):
                spans += [_Span(x, y, owner) for x, y in _occurrences(name, full, lo, hi) if y <= hi]
    return spans


def _exclusion_spans(
    plan: Plan, full: str, bounds: dict[int, tuple[int, int]], sentences: list[tuple[int, int]], tfile: str,
    findings: list[Diagnostic],
) -> list[_Span]:
    """Where each exclusion lies by its scope; one whose quote is not on its line any more, or that names an
    unknown target or a range that ends before it starts, is a finding."""
    spans: list[_Span] = []
    known = set(plan.all_ids()) | {c.id for c in plan.conflicts}
    for k, ex in enumerate(plan.excluded):
        where = f"excluded: line {ex.line}"
        lo, hi = bounds.get(ex.line, (0, 0))
        found = _occurrences(squash(ex.quote), full, lo, hi) if ex.line in bounds else []
        if not found:
            elsewhere = [n for n, (a, b) in bounds.items() if _occurrences(squash(ex.quote), full, a, b)]
            hint = say("term.now_on_lines", lines=", ".join(map(str, elsewhere))) if elsewhere else Bilingual("", "")
            findings.append(
                diagnostic(
                    tfile,
                    "plan-coverage.stale_exclusion",
                    level="error",
                    value=where,
                    quote=_short(ex.quote),
                    excluded_line=ex.line,
                    source=plan.meta.source_text or "",
                    hint=hint,
                )
            )
            continue
        if ex.target is not None and ex.target not in known:
            findings.append(
                diagnostic(tfile, "plan-coverage.unknown_target", level="error", value=where, target=ex.target)
            )
        if ex.scope == "sentence":
            found = [(a, b) for a, b in sentences if any(a < y and x < b for x, y in found)]
        elif ex.scope == "line":
            found = [(lo, hi)]
        elif ex.scope == "section":
            last = ex.through or ex.line
            found = [(lo, max((b for n, (a, b) in bounds.items() if ex.line <= n <= last), default=hi))]
        spans += [_Span(a, b, str(k), k) for a, b in found]
    return spans


# ── accounting ───────────────────────────────────────────────────────────────────────────────────


def _covered(spans: list[_Span], start: int, end: int) -> int:
    """How many characters of [start, end) the spans cover together."""
    marks = sorted((max(s.start, start), min(s.end, end)) for s in spans if s.start < end and start < s.end)
    total, reach = 0, start
    for a, b in marks:
        a = max(a, reach)
        if b > a:
            total += b - a
            reach = b
    return total


class _Near:
    """The spans over a stretch of the text, found through buckets of the text's characters (a clause looks at a
    handful of spans, not at every quote of the plan); in the spans' own order."""

    SIZE = 64

    def __init__(self, spans: list[_Span]) -> None:
        self.spans = spans
        self.buckets: dict[int, list[int]] = {}
        for k, s in enumerate(spans):
            for b in range(s.start // self.SIZE, (max(s.end, s.start + 1) - 1) // self.SIZE + 1):
                self.buckets.setdefault(b, []).append(k)

    def over(self, start: int, end: int) -> list[_Span]:
        ks: set[int] = set()
        for b in range(start // self.SIZE, (max(end, start + 1) - 1) // self.SIZE + 1):
            ks.update(self.buckets.get(b, ()))
        return [self.spans[k] for k in sorted(ks) if self.spans[k].start < end and start < self.spans[k].end]


def _clause(text: str, start: int, end: int, full: str, quoted: _Near, excluding: _Near) -> Clause:
    """How one clause is accounted for: quoted (targets' quotes, with exclusions beside them, over half of it,
    every number of it in a quote), excluded (exclusions over half of it, no number left loose), or uncovered."""
    # a leading due year (到2020年，) is the clause's clock, not a promise of its own: it is not counted
    lead = _LEADING_DUE.match(full, start, end)
    start_ = lead.end() if lead else start
    length = end - start_
    near = quoted.over(start, end)
    beside = excluding.over(start, end)
    by_exclusion = beside if 2 * _covered(beside, start_, end) >= length else []
    loose_in_targets, loose = [], []
    for m in QUANTITY.finditer(full, start, end):
        a, b = m.start("n"), m.end("cls")  # the number and its measure word (not 以上 / 左右)
        if not any(s.start <= a and b <= s.end for s in near):
            loose_in_targets.append(m[0])
            if not any(s.start <= a and b <= s.end for s in beside):
                loose.append(m[0])
    ids = tuple(dict.fromkeys(s.owner for s in near))
    helped = tuple(x.exclusion for x in beside if x.exclusion is not None)
    # quoted: targets' quotes over half of it, or over part of it with exclusions over the rest of that half
    # (建设区域教研联盟… quoted, 以…为重点探索推进… excluded as process)
    if near and 2 * _covered(near, start_, end) >= length and not loose_in_targets:
        return Clause(text, start, end, "quoted", ids)  # by the targets alone: no exclusion needed
    if near and 2 * _covered(near + beside, start_, end) >= length and not loose:
        return Clause(text, start, end, "quoted", ids, helped)
    if by_exclusion and not loose:
        excluding_it = tuple(x.exclusion for x in by_exclusion if x.exclusion is not None)
        return Clause(text, start, end, "excluded", ids, excluding_it)
    return Clause(text, start, end, "uncovered", ids, (), tuple(loose_in_targets))


def measure_coverage(plan: Plan, tfile: str) -> Coverage:
    """Account for every sentence of the plan's text (see the module doc)."""
    if not plan.meta.source_text:
        return Coverage(plan=plan.meta.id, version=plan.meta.version)
    path = plan.directory / plan.meta.source_text
    try:
        lines = read_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        # `plan check` reports an unreadable text with the quotes (lint._sources)
        return Coverage(plan=plan.meta.id, version=plan.meta.version)
    full, found = sentences_of(lines)
    bounds: dict[int, tuple[int, int]] = {}
    offset = 0
    for line in lines:
        bounds[line.number] = (offset, offset + len(squash(line.text)))
        offset = bounds[line.number][1]
    coverage = Coverage(
        excluded=list(plan.excluded), source=str(path), plan=plan.meta.id, version=plan.meta.version, checked=True
    )
    quoted = _quote_spans(plan, full, bounds)
    extents = [(start, start + len(squash(text))) for _, text, _, start in found]
    excluding = _exclusion_spans(plan, full, bounds, extents, tfile, coverage.findings)
    quoted_near, excluding_near = _Near(quoted), _Near(excluding)
    for number, text, mark, start in found:
        clauses, pos = [], start
        for piece in _pieces(text):
            end = pos + len(squash(piece))
            clauses.append(_clause(piece, pos, end, full, quoted_near, excluding_near))
            pos = end
        coverage.sentences.append(Sentence(number, tuple(clauses), mark))
    for s in coverage.sentences:
        if s.status == "uncovered":
            coverage.findings.append(_uncovered(s, str(path)))
    used = {k for s in coverage.sentences for k in s.exclusions}
    for k, ex in enumerate(plan.excluded):
        if k not in used and any(span.exclusion == k for span in excluding):
            coverage.findings.append(
                diagnostic(
                    tfile,
                    "plan-coverage.unused_exclusion",
                    level="warning",
                    value=f"excluded: line {ex.line}",
                    quote=_short(ex.quote),
                )
            )
    return coverage


def text_coverage(plan: Plan) -> Coverage:
    """`plan coverage`: the coverage of a plan's text; a plan with no readable text cannot be shown (PlanError)."""
    tfile = str(plan.directory / "targets.yaml")
    coverage = measure_coverage(plan, tfile)
    if not coverage.checked:
        path = plan.directory / plan.meta.source_text if plan.meta.source_text else None
        raise PlanError([problem(tfile, "plan-coverage.no_text", path=str(path) if path else "source_text")])
    return coverage


def _uncovered(s: Sentence, file: str) -> Diagnostic:
    """An error for a sentence with a clause that is neither quoted nor excluded."""
    open_clauses = [c for c in s.clauses if c.status == "uncovered"]
    shown = listing([_short(c.text.strip(" \t|，,、：:")) for c in open_clauses[:4]])
    value = _short(s.text, 60)
    if not s.quoted_by:
        return diagnostic(file, "plan-coverage.uncovered", level="error", line=s.line, value=value)
    targets = ", ".join(s.quoted_by[:3])
    loose = [n for c in open_clauses for n in c.loose]
    if loose and len(open_clauses) == 1:
        return diagnostic(
            file, "plan-coverage.loose_numbers", level="error", line=s.line, value=value, targets=targets,
            numbers=listing(loose),
        )
    return diagnostic(
        file, "plan-coverage.partly_quoted", level="error", line=s.line, value=value, targets=targets, clauses=shown
    )


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
