"""What a run produces: plain frozen values that every renderer reads and that `--format json` writes.

Each result type is defined once, here. The JSON report is these values serialised by one generic path
(render/json.py, Pydantic's TypeAdapter over these dataclasses), and its JSON Schema is generated from them
(`planchk schema report`). In JSON, a text the plan or the judge gives in both languages is written in the
report's language, and text that came from an input file has its control characters made visible.
The keys are described in docs/rules.md#6-output-formats-and-report-keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Annotated, Literal, NamedTuple, get_args

from pydantic import Field, PlainSerializer, SerializationInfo

from planchk.diagnostics import Diagnostic, Shown
from planchk.i18n import Bilingual
from planchk.messages import said
from planchk.plan.model import PlanChange
from planchk.reading.rows import Actuals, YearSource
from planchk.sanitize import multi_line, one_line

Status = Literal["pass", "fail", "missing", "not_due", "cannot_judge"]
STATUSES: tuple[Status, ...] = get_args(Status)
Level = Literal["ok", "warning", "error"]
# Where an indicator's expected value comes from: a year the plan names, or the line between two such years.
ExpectedKind = Literal["milestone", "interpolated"]
LEVEL_ORDER: dict[str, int] = {"ok": 0, "warning": 1, "error": 2}
Classification = Literal[
    "achieved", "on_track", "acceleration_needed", "limited_progress", "moving_away", "cannot_assess"
]
# The JSON report's layout version: 2 since every run writes one shape (docs/ci.md says how to migrate).
REPORT_SCHEMA_VERSION: Literal[2] = 2


def _in_report_language(text: Bilingual, info: SerializationInfo) -> str:
    lang = (info.context or {}).get("lang", "en")
    return one_line(text.get(lang))


# A text in both languages, written in the report's language.
Localized = Annotated[Bilingual, PlainSerializer(_in_report_language, return_type=str)]
FromData = Shown
# A note from an input file, as it was written: its line breaks kept (a note typed over several lines), its
# other control characters made visible.
Written = Annotated[str, PlainSerializer(multi_line, return_type=str)]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a row got its status, as the judge says it: a `verdict.*` key of messages.MESSAGES and its parameters.
    The words are made when it is shown (`get`, `zh`, `en`, like a `Bilingual`) and written in the JSON report's
    language; build one with `verdict(key, **params)`, which the message test checks like `say`."""

    key: str
    params: Mapping[str, str | int | float]

    def words(self) -> Bilingual:
        return said(self.key, self.params)

    def get(self, lang: str) -> str:
        return self.words().get(lang)

    @property
    def zh(self) -> str:
        return self.words().zh

    @property
    def en(self) -> str:
        return self.words().en


def verdict(key: str, /, **params: str | int | float) -> Verdict:
    return Verdict(key, params)


def _said_in_report_language(reason: Verdict, info: SerializationInfo) -> str:
    return _in_report_language(reason.words(), info)


# A verdict's reason, written in the report's language (the same string the renderers show).
Said = Annotated[Verdict, PlainSerializer(_said_in_report_language, return_type=str)]


def worst(levels: list[Level]) -> Level:
    return max(levels, key=LEVEL_ORDER.__getitem__, default="ok")


@dataclass(frozen=True, slots=True, kw_only=True)
class RowSource:
    """Where a reported row was read: its file (one of several under --combine) and, in a workbook, its sheet."""

    file: FromData
    sheet: FromData | None = None


def row_source(file: str | None, sheet: str | None) -> RowSource | None:
    return RowSource(file=file, sheet=sheet) if file else None


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorResult:
    id: str
    name: Localized
    category: str
    unit: str
    attribute: Literal["binding", "indicative"]
    part_of: str | None
    baseline: float
    expected: float
    expected_kind: ExpectedKind
    comparator: str
    as_written: str
    final: float
    actual: float | None
    status: Status
    level: Level
    progress: Annotated[float | None, Field(description="Share of the baseline→final gap closed")]
    elapsed: Annotated[float, Field(description="Share of the plan period elapsed")]
    line: Annotated[int | None, Field(description="Line of the value in its file; null when not reported")]
    message: Said | None = None
    note: Written | None = None
    deviation: Annotated[
        float | None,
        Field(description="偏差率: (actual − expected) / expected; null when not reported or expected is 0"),
    ] = None
    source: Annotated[RowSource | None, Field(description="Where the row was read; null when not reported")] = None
    responsible_unit: Annotated[
        str | None,
        Field(description="The id of the unit that answers for this row (the plan's units.yaml), with --by-unit"),
    ] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemResult:
    id: str
    name: Localized
    measure: str
    unit: str | None
    comparator: str
    due: int
    expected: float | str | None
    actual: float | str | None
    status: Status
    level: Level
    progress: float | None
    hedge: str | None
    line: int | None
    message: Said | None = None
    note: Written | None = None
    entries: list[ItemResult] = field(default_factory=list)
    source: RowSource | None = None
    compared_with: Annotated[
        FromData | None,
        Field(description="The file of the year before whose figure this verdict compared with; null when none"),
    ] = None
    responsible_unit: Annotated[
        str | None,
        Field(description="The id of the unit that answers for this row (the plan's units.yaml), with --by-unit"),
    ] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgrammeResult:
    id: str
    box: str
    title: Localized
    title_inferred: bool
    met: int
    total: int
    progress: float | None
    status: Status
    level: Level
    items: list[ItemResult]


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    pass_: Annotated[int, Field(serialization_alias="pass")]
    fail: int
    missing: int
    not_due: int
    cannot_judge: int
    errors: int
    warnings: int

    def counts(self) -> dict[str, int]:
        """The counts by field name, for labels (`pass_` keeps its underscore)."""
        return {name: getattr(self, name) for name in Summary.__dataclass_fields__}

    @classmethod
    def of(cls, by_status: dict[Status, int], *, errors: int, warnings: int) -> Summary:
        """From counts by status (every one of STATUSES) and by level."""
        return cls(
            pass_=by_status["pass"],
            fail=by_status["fail"],
            missing=by_status["missing"],
            not_due=by_status["not_due"],
            cannot_judge=by_status["cannot_judge"],
            errors=errors,
            warnings=warnings,
        )

    @classmethod
    def total(cls, summaries: list[Summary]) -> Summary:
        return cls(**{k: sum(s.counts()[k] for s in summaries) for k in Summary.__dataclass_fields__})


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRef:
    id: str
    version: Annotated[str, Field(description="The plan version the verdict was made against")]
    original_version: Annotated[
        str | None, Field(description="The plan as first published, when a revision applies")
    ] = None
    changes: Annotated[list[PlanChange], Field(description="Targets that differ from the original version")] = field(
        default_factory=list
    )
    pending_review: Annotated[
        int,
        Field(
            description="Targets of the plan still marked `review: pending` "
            "(drafted by `planchk plan draft`, not yet reviewed)"
        ),
    ] = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class FormPlan:
    """The plan a form says it was made for (`planchk template` writes its id and version), and where it says so."""

    id: FromData
    version: FromData | None = None
    line: int
    sheet: FromData | None = None
    column: int | None = None


PlanFrom = Literal["form", "folder"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRef:
    file: FromData
    encoding: str
    year_from: YearSource
    tab_separated: Annotated[
        bool,
        Field(description="A UTF-16 CSV read tab-separated, as Excel's Unicode text export saves it; false: comma"),
    ] = False
    files: Annotated[list[FromData], Field(description="The files read: several joined with --combine")] = field(
        default_factory=list
    )
    form_plan: Annotated[
        FormPlan | None, Field(description="The plan the file names (planchk template writes it); null: it names none")
    ] = None
    plan_from: Annotated[
        PlanFrom | None,
        Field(
            description="How the file's plan was chosen with --plans: form (the plan it names), folder (its "
            "folder's name); null: the run's one plan"
        ),
    ] = None

    @classmethod
    def of(cls, actuals: Actuals) -> SourceRef:
        """Where a year's data was read from, and the plan it names."""
        stamp = actuals.plan_stamp
        form_plan = (
            FormPlan(id=stamp.id, version=stamp.version, line=stamp.line, sheet=stamp.sheet, column=stamp.column)
            if stamp is not None
            else None
        )
        return cls(
            file=actuals.file,
            encoding=actuals.encoding,
            year_from=actuals.year_source,
            tab_separated=actuals.tab_separated,
            files=actuals.files,
            form_plan=form_plan,
        )


class Note(NamedTuple):
    """A row's note and where it was read: its line (a sheet's row) and, when known, its file and sheet."""

    line: int
    id: str
    text: str
    source: RowSource | None


YearBeforeHow = Literal["name", "option", "combine"]


@dataclass(frozen=True, slots=True, kw_only=True)
class YearBefore:
    """The file a year is compared with by its year-over-year rules, its running totals and plausibility
    (docs/rules.md#the-year-before), or why there is none: never a file of another name."""

    year: Annotated[int, Field(description="The year before (the file's year − 1)")]
    file: Annotated[FromData | None, Field(description="The file taken as the year before; null when none")] = None
    paired_by: Annotated[
        YearBeforeHow | None,
        Field(
            description="name: its name differs by the year alone; option: given with --previous; combine: "
            "trend or report --combine, whose files are one district's years; null: none"
        ),
    ] = None
    reason: Annotated[Said | None, Field(description="Why no file is the year before; null when one is")] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitGroup:
    """The rows one unit answers for (`--by-unit`), counted by status, its lagging rows named."""

    id: Annotated[str | None, Field(description="The unit's id in units.yaml; null for the rows no unit answers for")]
    name: Localized
    rows: int
    summary: Summary
    lagging: Annotated[
        list[str], Field(description="The ids of its rows that fail, then of those missing, in plan order")
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    """One file judged against the plan version in force for its year."""

    plan: PlanRef
    year: int
    source: SourceRef
    indicators: list[IndicatorResult]
    programmes: list[ProgrammeResult]
    consistency: list[Diagnostic]
    notices: list[Diagnostic]
    summary: Summary
    exit_code: Annotated[int, Field(description="This file's exit code under the run's --fail-on")] = 0
    value_column: int = 0
    baseline_year: int = 0
    period_end: int = 0
    milestone_years: list[int] = field(default_factory=list)
    rows: int = 0
    blank_lines: list[int] = field(default_factory=list)
    year_before: Annotated[
        YearBefore | None, Field(description="The file this year was compared with; null when judged alone")
    ] = None
    units: Annotated[
        list[UnitGroup],
        Field(
            description="With --by-unit, the results grouped by the unit that answers for them, the units whose "
            "rows lag first; empty otherwise"
        ),
    ] = field(default_factory=list)

    def notes(self) -> list[Note]:
        """Every row of the file that carries a note, with where it was read."""
        rows: list[IndicatorResult | ItemResult] = [*self.indicators, *(i for p in self.programmes for i in p.items)]
        return [Note(r.line, r.id, r.note, r.source) for r in rows if r.note and r.line]

    def worst_level(self) -> Level:
        levels = [r.level for r in self.indicators] + [p.level for p in self.programmes]
        levels += ["warning" for _ in self.consistency + self.notices]
        return worst(levels)


@dataclass(frozen=True, slots=True, kw_only=True)
class Validation:
    """What `validate` finds in one file that could be read: what it holds, and its warnings."""

    source: SourceRef
    year: int
    rows: int
    blank_lines: list[int]
    consistency: list[Diagnostic]
    notices: list[Diagnostic]
    exit_code: int = 0
    plan: Annotated[PlanRef | None, Field(description="The plan the file was checked against")] = None

    def worst_level(self) -> Level:
        return "warning" if self.consistency or self.notices else "ok"


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """A whole run of `evaluate` or `validate`: the document `--format json` writes, whatever the files (written
    piece by piece from a `RunStream`, render/json.py), and the types its JSON Schema is made from."""

    schema_version: Literal[2]
    plan: Annotated[
        PlanRef, Field(description="The run's plan; with --plans, the first file's (each file names its own)")
    ]
    files: Annotated[list[Evaluation], Field(description="Files judged (evaluate)")]
    validated: Annotated[list[Validation], Field(description="Files checked (validate)")]
    errors: Annotated[list[Diagnostic], Field(description="Input problems: a file with any is not judged")]
    summary: Summary
    exit_code: int


class RunStream:
    """A run of `evaluate` or `validate` given file by file, so that a batch of any size is judged and written out
    one file at a time and memory does not grow with its files (docs/architecture.md, "Batches"): its plan and
    input problems are known first, then each file's result is made as a renderer asks for it (`files`, or
    `validated`), then the counts of the judged files (`summary`, `count`) and the run's exit code (`exit_code`). A
    renderer writes the same document from it as from a whole `Run` (`RunStream.of`), in the same order."""

    def __init__(
        self,
        plan: PlanRef,
        errors: list[Diagnostic],
        files: Iterable[Evaluation] = (),
        validated: Iterable[Validation] = (),
        settle: Callable[[list[Diagnostic], int], int] | None = None,
    ) -> None:
        self.plan = plan
        self.errors = errors
        self._files = iter(files)
        self._validated = iter(validated)
        self._settle = settle
        self._summaries: list[Summary] = []
        self._worst = 0
        self.count = 0  # the judged files given so far (evaluate)

    @classmethod
    def of(cls, run: Run) -> RunStream:
        """A whole run, given file by file (its exit code as it was settled)."""
        return cls(run.plan, run.errors, run.files, run.validated, lambda _errors, _worst: run.exit_code)

    def settled(self, code_of: Callable[[Level], int], settle: Callable[[list[Diagnostic], int], int]) -> RunStream:
        """This run with each file's exit code made from its worst level (`code_of`) as it is given, and the run's
        by `settle` from its input problems and the worst of the files' codes (cli/exits.py decides both)."""
        return RunStream(
            self.plan,
            self.errors,
            (replace(f, exit_code=code_of(f.worst_level())) for f in self._files),
            (replace(v, exit_code=code_of(v.worst_level())) for v in self._validated),
            settle,
        )

    def files(self) -> Iterator[Evaluation]:
        """Each judged file in turn (evaluate), counted as it is given."""
        for evaluation in self._files:
            self.count += 1
            self._worst = max(self._worst, evaluation.exit_code)
            self._summaries = [Summary.total([*self._summaries, evaluation.summary])]
            yield evaluation

    def validated(self) -> Iterator[Validation]:
        """Each checked file in turn (validate), counted as it is given."""
        for validation in self._validated:
            self._worst = max(self._worst, validation.exit_code)
            yield validation

    @property
    def summary(self) -> Summary:
        """The counts of the files given so far (all of them once `files` is read to its end)."""
        return Summary.total(self._summaries)

    @property
    def exit_code(self) -> int:
        """The run's exit code once every file has been given: the worst of theirs, or the one `settle` decides
        (cli/exits.py); 0 while no one has settled the run."""
        return self._settle(self.errors, self._worst) if self._settle is not None else 0


# ── several years (trend, evaluation reports) ──────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """The outlook of a series against the plan's own path (docs/rules.md#trend-classification)."""

    classification: Classification
    method: Annotated[
        Literal["path", "flat", "none"],
        Field(description="path: against the plan's value for the latest year; flat: the path asks for no change"),
    ]
    ratio: Annotated[float | None, Field(description="The share of the path's change since the baseline reached")] = (
        None
    )
    projection: Annotated[
        float | None,
        Field(
            description="The straight line through the baseline and the observed years, read at the target year and "
            "held within the values the figure can take (see projection_note); null when the target year is "
            "already reported (no forecast of a year that has its figure) or the line cannot be drawn"
        ),
    ] = None
    projection_meets: bool | None = None
    reason: Annotated[
        Said | None,
        Field(
            description="Why the outlook reads as it does: the projection falls short of an on-track row, the "
            "verdict of the year it is based on (a running total that fell), or the run's newest year not reported"
        ),
    ] = None
    projection_note: Annotated[
        Said | None,
        Field(
            description="Why the projection is not the straight line's value: the line passes a bound the figure "
            "cannot pass (a rate above 100 %, any figure below 0), and the projection is held at it"
        ),
    ] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Series:
    id: str
    name: Localized
    kind: Literal["indicator", "item"]
    unit: str
    attribute: str
    comparator: str
    base_year: int
    base: float | None
    target_year: int
    target: float
    actual: dict[int, float | None]
    path: dict[int, float | None]
    change: dict[int, float | None]
    progress: float | None
    elapsed: float
    assessment: Assessment


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleYear:
    year: int
    value: float | None
    previous: float | None
    status: Literal["pass", "fail", "missing", "cannot_judge"]
    compared_with: Annotated[
        FromData | None, Field(description="The file of the year before the value was compared with")
    ] = None
    message: Said | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleSeries:
    id: str
    name: Localized
    unit: str
    years: list[RuleYear]


@dataclass(frozen=True, slots=True, kw_only=True)
class Trend:
    plan_id: str
    plan_version: str
    years: list[int]
    files: list[FromData]
    series: list[Series]
    rules: list[RuleSeries]
    year_before: Annotated[
        list[YearBefore], Field(description="For each year in order, the file it is compared with, or why none")
    ] = field(default_factory=list)
    pending_review: Annotated[
        int, Field(description="Targets of the plan still drafts pending review: the verdicts are provisional")
    ] = 0


# ── evaluation reports (年度评估 / 中期评估 / 总结评估) ───────────────────────────────────────────────────
ReportKind = Literal["annual", "midterm", "final"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportTally:
    """The counts the report's overview sentence states (which of them it states depends on its kind)."""

    met: int  # indicators that pass
    total: int
    below: int = 0  # indicators that fail
    missing: int = 0  # indicators not reported
    items_met: int  # programme items judged this year that pass
    items_total: int
    elapsed: float  # share of the plan period elapsed


@dataclass(frozen=True, slots=True, kw_only=True)
class AttentionRow:
    """An indicator that does not pass; `short` when it fails with a value (the report then says by how much)."""

    indicator: IndicatorResult
    short: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class AttentionTrend:
    """An indicator whose outlook is moving away or shows limited progress."""

    series: Series


@dataclass(frozen=True, slots=True, kw_only=True)
class AttentionItems:
    """A programme with failing items: how many, and the first few of them by name."""

    box: str
    count: int
    named: list[ItemResult]


Attention = AttentionRow | AttentionTrend | AttentionItems


@dataclass(frozen=True, slots=True, kw_only=True)
class ChartPath:
    """An indicator's path as the plan writes it (baseline, then each target year), for the report's chart."""

    id: str
    kind: Literal["count", "rate", "years"]
    points: list[tuple[int, float]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportContent:
    """What an evaluation report says, decided once for every format that draws it (judge/assessment.py)."""

    kind: ReportKind
    title: Bilingual  # the plan's
    places: dict[str, int]  # row id → the decimals the report may show for it
    rows: list[IndicatorResult]  # the indicator table's order: binding (约束性) first
    headline: list[IndicatorResult]  # binding indicators that fail or are missing
    tally: ReportTally
    attention: list[Attention]
    charts: list[ChartPath]  # in the plan's order
