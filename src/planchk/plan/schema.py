"""What a plan file may hold: the Pydantic models of targets.yaml and projects.yaml (docs/plan-format.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from planchk.i18n import Bilingual
from planchk.messages import MESSAGES
from planchk.plan.measures import CLOCK_MEASURES as CLOCK_MEASURES
from planchk.plan.measures import MEASURES, MeasureSpec
from planchk.plan.measures import Clock as Clock
from planchk.plan.measures import Measure as Measure

SUPPORTED_SCHEMA_VERSIONS = (1,)

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
PlanId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
# How a number meets a target: the signs of docs/rules.md#3-judging-a-year. Milestones and revisions compare
# numbers; items may also be a range, a year-over-year rule or a completion.
NumericComparator = Literal[">=", ">", "<=", "==", "approx"]
Comparator = Literal[">=", ">", "<=", "==", "range", "approx", "non_decreasing", "rising", "above_baseline", "done"]
Attribute = Literal["binding", "indicative"]
# A drafted target (`planchk plan draft`) is `pending` until a person has held it against the text;
# hand-made plans leave the field out (None), which counts as reviewed.
Review = Literal["pending", "reviewed"]


class Model(BaseModel):
    """Plan files are strict: a misspelt key is an error, and a loaded plan is a value."""

    # Every number finite: .nan, .inf and 1.0e+400 (read as inf) are no target, scale or tolerance.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


M = TypeVar("M", bound=Model)


class Source(Model):
    box: str = Field(description="专栏N, or the section of the running text")
    quote: str = Field(description="The Chinese text the target comes from")


class Milestone(Model):
    year: int
    value: float
    comparator: NumericComparator
    as_written: str = Field(description="The cell exactly as the source prints it, e.g. '≥93'")


class Baseline(Model):
    year: int
    value: float


MAY_EXCEED_100 = (
    "A % that can pass 100: a gross enrolment rate (毛入学率, 毛入园率: pupils of any age over the population of "
    "school age), a ratio to another figure (teachers' pay to civil servants', 不低于或高于). A % row without it is "
    "refused above 100; with it, above rules.exceeding_100_up_to unless its note confirms the figure"
)


class Indicator(Model):
    id: Id
    name: Bilingual
    category: Id
    unit: str
    kind: Literal["count", "rate", "years"]
    may_exceed_100: bool = Field(False, description=MAY_EXCEED_100)
    attribute: Attribute
    baseline: Baseline
    targets: list[Milestone] = Field(min_length=1)
    part_of: Id | None = None
    hedge: str | None = None
    source: Source
    note: str | None = None
    review: Review | None = Field(None, description="pending: drafted by `planchk plan draft`, not yet reviewed")
    source_line: int | None = Field(None, description="Line of the quote in the plan's source text")

    @model_validator(mode="after")
    def _years_ascend(self) -> Indicator:
        years = [t.year for t in self.targets]
        if years != sorted(set(years)) or years[0] <= self.baseline.year:
            raise PydanticCustomError("plan.targets_order", MESSAGES["plan.targets_order"]["en"])
        return self

    @property
    def final(self) -> Milestone:
        return self.targets[-1]


class Category(Model):
    id: Id
    name: Bilingual


class PlanMeta(Model):
    id: PlanId
    version: str
    version_date: dt.date
    title: Bilingual
    issuer: Bilingual
    written: dt.date
    published: dt.date
    period_start: int = Field(description="The plan period's first year (规划期), e.g. 2026")
    period_end: int = Field(description="The plan period's last year: the final evaluation's year, e.g. 2030")
    baseline_year: int = Field(description="The base year (基期) of the table, before period_start, e.g. 2025")
    midterm_year: int | None = Field(
        None,
        description="The year the mid-term evaluation (中期评估) judges, where the plan names one; without it, the "
        "first mid-period milestone of the indicators, else the middle of the period",
    )
    source_text: str | None = Field(
        None,
        description="Path of the plan's text, relative to the plan directory; "
        "`planchk plan check` finds every quote in it",
    )

    @model_validator(mode="after")
    def _period_in_order(self) -> PlanMeta:
        mid = self.midterm_year
        if not self.baseline_year < self.period_start <= self.period_end or (
            mid is not None and not self.period_start <= mid < self.period_end
        ):
            context = {
                "base": self.baseline_year,
                "start": self.period_start,
                "end": self.period_end,
                "mid": "-" if mid is None else mid,
            }
            raise PydanticCustomError("plan.period", MESSAGES["plan.period"]["en"], context)
        return self


class ConflictSource(Model):
    where: str
    quote: str
    value: float | str | None = None


def _in_both(text: object) -> object:
    """A plain string where both languages are asked for: the same words in both (a plan written before
    `used` and `reason` were bilingual still loads)."""
    return {"zh": text, "en": text} if isinstance(text, str) else text


# A text a plan gives in Chinese and English ({zh: …, en: …}); a plain string is accepted as both.
BothLanguages = Annotated[Bilingual, BeforeValidator(_in_both, json_schema_input_type=str | Bilingual)]


class Conflict(Model):
    id: Id
    topic: Bilingual
    concerns: list[str]
    sources: list[ConflictSource] = Field(min_length=2)
    used: BothLanguages = Field(description="The reading the encoding uses, {zh, en} (a plain string: both)")
    reason: BothLanguages = Field(description="Why, {zh, en} (a plain string: both)")


class Change(Model):
    """One target changed by a revision: an indicator's milestone (`year`) or an item's number / due year."""

    target: str
    year: int | None = Field(None, description="For an indicator: the milestone year whose value changes")
    value: float | None = None
    comparator: NumericComparator | None = None
    as_written: str | None = None
    due: int | None = Field(None, description="For an item: a new due year")


class RevisionSource(Model):
    document: str
    quote: str


class Revision(Model):
    """A later version of the plan that changes some targets from an effective year on."""

    version: str
    date: dt.date
    effective_from: int
    reason: str
    source: RevisionSource
    changes: list[Change] = Field(min_length=1)


# Why a sentence of the plan's text is not encoded (docs/rules.md#coverage-of-the-text says what each one means).
ExclusionReason = Literal[
    "heading",
    "background",
    "beyond_period",
    "principle",
    "process",
    "vague",
    "duplicate",
    "other_body",
    "no_commitment",
]


class Exclusion(Model):
    """A part of the plan's text that is deliberately not encoded, and why: `plan check` fails on every other
    sentence that no target quotes (docs/plan-format.md#coverage-of-the-source-text)."""

    line: int = Field(ge=1, description="Line of the source text the quote is on (the first line of a section)")
    quote: str = Field(
        min_length=1,
        description="The words excluded, or the first words of the sentence, line or section, as written on that "
        "line (whitespace and | ignored)",
    )
    scope: Literal["clause", "sentence", "line", "section"] = Field(
        "clause",
        description="clause: the clauses the quote covers half of (over part of a quoted clause, it counts with the "
        "target's quote); sentence: every clause of "
        "the sentences the quote touches; line: every sentence of the line (a paragraph); section: every sentence "
        "of lines `line` to `through`",
    )
    through: int | None = Field(None, ge=1, description="section only: the section's last line")
    reason: ExclusionReason = Field(
        description="heading (a title, heading, table header or the document's particulars), background (the last "
        "period's results, the situation, problems), beyond_period (after the plan's last year: the 2035 vision), "
        "principle (the guiding idea, a principle or stance), process (a method or ongoing work with no outcome "
        "that could be checked), vague (an aim with no measure or thing that could be checked), duplicate (encoded "
        "by `target`), other_body (a duty of another body than the district's education "
        "authorities: the city, the state, the Party committee), "
        "no_commitment (the plan describing itself, a definition, a reason)"
    )
    note: str = Field(min_length=1, description="Why, in words a reviewer can hold against the text")
    target: Id | None = Field(None, description="duplicate only: the id of the target that already encodes it")

    @model_validator(mode="after")
    def _duplicate_names_its_target(self) -> Exclusion:
        if (self.reason == "duplicate") != (self.target is not None):
            raise ValueError("reason 'duplicate' needs `target` (the id that encodes it); other reasons take none")
        if (self.scope == "section") != (self.through is not None):
            raise ValueError("scope 'section' needs `through` (its last line); other scopes take none")
        if self.through is not None and self.through < self.line:
            raise ValueError("`through` is before `line`")
        return self


class TargetsFile(Model):
    schema_version: int
    plan: PlanMeta
    categories: list[Category]
    indicators: list[Indicator]
    conflicts: list[Conflict] = []
    revisions: list[Revision] = []
    excluded: list[Exclusion] = Field(
        [],
        description="Parts of `plan.source_text` deliberately not encoded, each with its reason",
    )


class Entry(Model):
    id: Id
    name: Bilingual
    quote: str | None = None


class AlsoIn(Model):
    where: str
    quote: str


class VagueRule(Model):
    word: str
    rule: str


class Derived(Model):
    """A value planchk computes from other rows: sum(numerator) / sum(denominator) * factor."""

    numerator: list[Id] = Field(min_length=1)
    denominator: list[Id] = []
    factor: float = 1.0


class Item(Model):
    id: Id
    name: Bilingual
    quote: str
    gloss: str
    measure: Measure
    clock: Clock
    comparator: Comparator
    unit: str | None = None
    target: float | None = None
    min: float | None = None
    max: float | None = None
    baseline: float | None = Field(
        None,
        description="The stock or value in the plan's baseline_year: required (a number, or null when unknown) for "
        "cumulative and raise items",
    )
    baseline_quote: str | None = None
    per: Literal["year", "semester"] = Field("year", description="Recurring items: the period the target counts")
    example: float | None = Field(
        None,
        description="Illustrative only, never a target: the value `template "
        "--example` writes where the plan gives no number",
    )
    due: int = Field(0, description="Due year; omitted or 0 means the plan's last year (period_end)")
    hedge: str | None = None
    vague: VagueRule | None = None
    entries: list[Entry] = []
    also_in: list[AlsoIn] = []
    section: str | None = None
    may_exceed_100: bool = Field(False, description=MAY_EXCEED_100)
    derived: Derived | None = None
    note: str | None = None
    review: Review | None = Field(None, description="pending: drafted by `planchk plan draft`, not yet reviewed")
    source_line: int | None = Field(None, description="Line of the quote in the plan's source text")

    @model_validator(mode="after")
    def _fields_fit_measure(self) -> Item:
        """The fields, clock and baseline the item's measure asks for (plan/measures.py)."""
        spec = self.spec
        missing = [k for k in spec.needs if getattr(self, k) in (None, [])]
        if missing:
            raise PydanticCustomError(
                "plan.measure_needs",
                MESSAGES["plan.measure_needs"]["en"],
                {"measure": self.measure, "fields": ", ".join(missing)},
            )
        if self.clock not in spec.clocks:
            raise PydanticCustomError(
                "plan.clock_measure",
                MESSAGES["plan.clock_measure"]["en"],
                {"clock": self.clock, "measures": ", ".join(CLOCK_MEASURES[self.clock]), "measure": self.measure},
            )
        if (self.clock == "cumulative" or spec.needs_baseline) and "baseline" not in self.model_fields_set:
            # 0 only when nothing existed: the encoder says so, or null when the start is unknown.
            raise PydanticCustomError(
                "plan.baseline_explicit", MESSAGES["plan.baseline_explicit"]["en"], {"clock": self.clock}
            )
        return self

    @property
    def spec(self) -> MeasureSpec:
        """The entry of the item's measure: how it is judged, read and shown (plan/measures.py)."""
        return MEASURES[self.measure]

    @property
    def due_value(self) -> float | None:
        """The number due at the due year: the target, or the lower bound of a range."""
        return self.min if self.spec.due_field == "min" else self.target


class SubPlan(Model):
    id: Id
    number: int | None
    title: Bilingual
    items: list[Item]


class Programme(Model):
    id: Id
    box: str
    title: Bilingual
    title_inferred: bool
    subplans: list[SubPlan]

    def items(self) -> list[Item]:
        return [item for sub in self.subplans for item in sub.items]


class Rules(Model):
    approx_tolerance: float = Field(ge=0, lt=1)
    not_started_lagging_after: float = Field(ge=0, le=1)
    plausibility_factor: float = Field(
        5.0,
        gt=1,
        description="A reported value this many times (or more) above or "
        "below its row's scale, or the previous year's value, is refused as a slip",
    )
    exceeding_100_up_to: float = Field(
        120.0,
        gt=100,
        description="A % that may pass 100 (may_exceed_100) above this is refused as a slip unless its note confirms "
        "it (已核实): gross enrolment rates and pay ratios pass 100 by a few points, not by half",
    )
    measured_units: list[str] = Field(
        ["万人", "人", "%", "万元", "元", "亿元", "年"],
        description="Units of measured quantities, which the plausibility check covers; "
        "small counts of things built or held (所, 个, 次) legitimately jump and are "
        "exempt",
    )


class ProjectsFile(Model):
    schema_version: int
    plan_id: PlanId
    version: str
    rules: Rules
    programmes: list[Programme]
    conflicts: list[Conflict] = []


def plan_file_schema(which: str) -> dict[str, object]:
    """JSON Schema of targets.yaml or projects.yaml, generated from the models that read them."""
    model = TargetsFile if which == "targets" else ProjectsFile
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"planchk plan: {which}.yaml (schema_version {SUPPORTED_SCHEMA_VERSIONS[-1]})"
    # editors validate the YAML as people type; the yaml-language-server comment line is allowed
    return schema
