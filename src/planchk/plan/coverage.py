"""Coverage of the source text (`planchk plan check`, docs/plan-format.md#coverage-of-the-source-text).

Every sentence of the plan's text that states a commitment must be quoted by a target or listed under
`excluded` in targets.yaml with its reason. The unit is the sentence (split at 。；;), not the line: a line of a
Chinese plan is a whole paragraph, and a paragraph would count as covered as soon as one of its many promises
is encoded. A sentence that is quoted must also have each of its numbers (a number with a measure word: 3所,
80%) inside some quote, so a sentence that lists five counted things is not covered by encoding one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from planchk.diagnostics import Diagnostic, diagnostic
from planchk.i18n import Bilingual
from planchk.messages import listing, say
from planchk.plan.model import Plan
from planchk.plan.source_text import (
    CLOCK_WORDS,
    DUE_YEAR,
    ELIMINATE_WORDS,
    EVERY_ONE,
    HEDGES,
    QUANTITY,
    SENTENCE_END,
    VAGUE,
    Line,
    read_lines,
    squash,
)

# What states a commitment: a sentence in which one of these rules finds a word. Each rule reuses the words the
# drafter reads targets by (plan/source_text.py); the name is printed with the words found.
COMMITMENT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("due year", DUE_YEAR),  # 到2025年,建成国家学前教育普及普惠区
    ("number", QUANTITY),  # 建设10个中小学思想政治教育工作室; 幼儿教师持证率达到100%
    # the words that give a promise its clock (docs/rules.md#clocks): 每年 / 逐年, 提高 / 累计, 5年内 /
    # 不低于, 全覆盖 / 建成, 设立, 制定, 完成
    *[(clock, re.compile(pattern)) for pattern, clock in CLOCK_WORDS],
    ("promise", re.compile("达到|确保|" + "|".join(HEDGES))),  # 确保…逐年只增不减; 力争引进1所高职院校
    ("vague amount", re.compile("|".join(word for word, _, _ in VAGUE))),  # 推出一批…示范课
    ("every one", EVERY_ONE),  # 让每一所学校都充分彰显…
    ("eliminate", ELIMINATE_WORDS),  # 普通高中大班额基本消除
]

Status = Literal["quoted", "excluded", "uncovered"]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text: its line, its words as written, and where it sits in its squashed line."""

    line: int
    text: str
    start: int  # offsets in squash(line text): whitespace and | do not count, as in quotes
    end: int


@dataclass(frozen=True)
class Span:
    """Where a quote lies in a squashed line, and whose quote it is (a target id, or an exclusion)."""

    start: int
    end: int
    owner: str
    exclusion: int | None = None  # index into plan.excluded


@dataclass
class Commitment:
    """A sentence that states a commitment, the words that say so, and how it is accounted for."""

    sentence: Sentence
    words: list[str]
    status: Status = "uncovered"
    quoted_by: list[str] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)  # numbers in no quote (of a target or an exclusion)
    reason: str | None = None  # the exclusion's reason, when excluded


@dataclass
class Coverage:
    """The commitments of a plan's text, and the findings: uncovered commitments and stale exclusions."""

    commitments: list[Commitment] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    checked: bool = False  # False when the plan has no readable source text

    def count(self, status: Status) -> int:
        return sum(1 for c in self.commitments if c.status == status)

    def summary(self) -> Bilingual:
        """`166 commitment sentence(s) in the source text: 120 quoted, 46 excluded, 0 uncovered`."""
        return say(
            "cli.coverage_summary",
            sentences=len(self.commitments),
            quoted=self.count("quoted"),
            excluded=self.count("excluded"),
            uncovered=self.count("uncovered"),
        )


def split_sentences(line: Line) -> list[Sentence]:
    """The sentences of a line (at 。；;), each with its place in the squashed line; empty pieces dropped.

    >>> [(s.text, s.start, s.end) for s in split_sentences(Line(1, "建成1所学校。 每年 举办一次论坛;"))]
    [('建成1所学校', 0, 6), ('每年 举办一次论坛', 7, 15)]
    """
    out = []
    pos = 0
    for piece in SENTENCE_END.split(line.text):
        length = len(squash(piece))
        if length:
            out.append(Sentence(line.number, piece.strip(" \t|"), pos, pos + length))
        pos += length + 1  # the sentence end itself (one character, never squashed away)
    return out


def commitment_words(text: str) -> list[str]:
    """The words by which a sentence states a commitment, as `rule: word`, or [] when it states none.

    >>> commitment_words("到2025年,建成1所标准化特殊教育学校")
    ['due year: 到2025年', 'number: 1所', 'once: 建成']
    """
    found = []
    for name, pattern in COMMITMENT_RULES:
        m = pattern.search(text)
        if m:
            found.append(f"{name}: {m[0]}")
    return found


def covers(span: Span, sentence: Sentence) -> bool:
    """A quote covers a sentence when it lies inside it, or overlaps at least half of it (a quote may run on
    past a sentence's end, as a target that joins two short sentences does)."""
    inside = sentence.start <= span.start and span.end <= sentence.end
    overlap = min(span.end, sentence.end) - max(span.start, sentence.start)
    return inside or 2 * overlap >= sentence.end - sentence.start


def _occurrences(q: str, text: str) -> list[tuple[int, int]]:
    """Where the squashed quote `q` occurs in the squashed line `text`."""
    out: list[tuple[int, int]] = []
    i = text.find(q) if q else -1
    while i >= 0:
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


def measure_coverage(plan: Plan, tfile: str) -> Coverage:
    """Find every commitment sentence of the plan's text and how it is accounted for (see the module doc)."""
    if not plan.meta.source_text:
        return Coverage()
    path = plan.directory / plan.meta.source_text
    try:
        lines = read_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return Coverage()  # `plan check` reports an unreadable text with the quotes (lint._sources)
    squashed = {line.number: squash(line.text) for line in lines}
    coverage = Coverage(checked=True)
    spans = _quote_spans(plan, squashed)
    excluded = _exclusion_spans(plan, squashed, tfile, coverage.findings)
    used: set[int] = set()
    for line in lines:
        for sentence in split_sentences(line):
            words = commitment_words(squash(sentence.text))
            if not words:
                continue
            c = Commitment(sentence, words)
            coverage.commitments.append(c)
            quoted, excluding = spans.get(line.number, []), excluded.get(line.number, [])
            _account(c, squashed[line.number], quoted, excluding)
            if c.status == "excluded":
                used.update(s.exclusion for s in excluding if covers(s, sentence) and s.exclusion is not None)
            elif c.status == "uncovered":
                coverage.findings.append(_uncovered(c, str(path)))
    for k, ex in enumerate(plan.excluded):
        if k not in used and ex.line in excluded and any(s.exclusion == k for s in excluded[ex.line]):
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


def _quote_spans(plan: Plan, squashed: dict[int, str]) -> dict[int, list[Span]]:
    """Where each target's quote lies, line by line. A named list's entries (names) count on the lines where
    their item's quote is."""
    spans: dict[int, list[Span]] = {}
    for owner, quote, names in _target_quotes(plan):
        q = squash(quote)
        for number, text in squashed.items():
            found = _occurrences(q, text) if q in text else []
            for a, b in found:
                spans.setdefault(number, []).append(Span(a, b, owner))
            if found:
                for name in map(squash, names):
                    spans[number] += [Span(a, b, owner) for a, b in _occurrences(name, text)]
    return spans


def _exclusion_spans(
    plan: Plan, squashed: dict[int, str], tfile: str, findings: list[Diagnostic]
) -> dict[int, list[Span]]:
    """Where each exclusion lies, line by line; one whose quote is not on its line any more, or that names an
    unknown target, is a finding."""
    excluded: dict[int, list[Span]] = {}
    known = set(plan.all_ids()) | {c.id for c in plan.conflicts}
    for k, ex in enumerate(plan.excluded):
        where = f"excluded: line {ex.line}"
        q = squash(ex.quote)
        found = _occurrences(q, squashed.get(ex.line, ""))
        if not found:
            elsewhere = [n for n, text in squashed.items() if q in text]
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
        if ex.scope == "line":
            found = [(0, len(squashed[ex.line]))]
        excluded.setdefault(ex.line, []).extend(Span(a, b, ex.reason, k) for a, b in found)
    return excluded


def _account(c: Commitment, text: str, quoted: list[Span], excluding: list[Span]) -> None:
    """Set how a commitment is accounted for: quoted (by a quote over it, holding every number of it), excluded
    (by an exclusion over it, no number left loose), or uncovered. `text` is its squashed line."""
    sentence = c.sentence
    by_target = [s for s in quoted if covers(s, sentence)]
    by_exclusion = [s for s in excluding if covers(s, sentence)]
    every = quoted + excluding
    in_targets = True
    for m in QUANTITY.finditer(text, sentence.start, sentence.end):
        a, b = m.start("n"), m.end("cls")  # the number and its measure word (not 以上 / 左右)
        in_targets = in_targets and any(s.start <= a and b <= s.end for s in quoted)
        if not any(s.start <= a and b <= s.end for s in every):
            c.loose.append(m[0])
    c.quoted_by = list(dict.fromkeys(s.owner for s in by_target))
    if by_target and in_targets:
        c.status = "quoted"
    elif by_exclusion and not c.loose:
        c.status, c.reason = "excluded", by_exclusion[0].owner


def _uncovered(c: Commitment, file: str) -> Diagnostic:
    if c.quoted_by and c.loose:
        return diagnostic(
            file,
            "plan-coverage.loose_numbers",
            level="warning",
            line=c.sentence.line,
            value=c.sentence.text,
            targets=", ".join(c.quoted_by[:3]),
            numbers=listing(c.loose),
        )
    return diagnostic(
        file,
        "plan-coverage.uncovered",
        level="warning",
        line=c.sentence.line,
        value=c.sentence.text,
        words=listing(c.words[:4]),
    )


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"
