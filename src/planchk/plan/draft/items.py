"""A drafted target (`DraftItem`) and the readings boxes and running text share: the thing counted, a vague
amount, a rate, a number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planchk.plan.schema import Clock
from planchk.plan.source_text import MEASURE_WORDS as _CLS
from planchk.plan.source_text import VAGUE, Quantity, clock_of, find_quantities

# Verbs of a thing done once: a completion in a box ("建成长江音乐学院附中"), a batch's verb in the text.
ONCE_VERBS = re.compile(
    r"建成|建设|完成|创建|设立|成立|组建|出台|制定|建立|引进|培育|打造|开发|推出|实现|选树|"
    r"推动|支持|形成|开展"
)


@dataclass
class DraftItem:
    """A target read from a box or the running text, before ids are given."""

    quote: str
    line: int
    name: str
    measure: str
    comparator: str
    unit: str | None = None
    target: float | None = None
    min: float | None = None
    max: float | None = None
    due: int = 0
    hedge: str | None = None
    vague: tuple[str, str] | None = None
    entries: list[str] = field(default_factory=list)
    clock: Clock = field(kw_only=True)  # every item has one: plans require `clock` on every item
    rule: str = ""
    note: str | None = None
    baseline: float | None = None
    per: str = "year"  # recurring: the period its target counts (每学期 → semester)


LEAD_WORDS = re.compile(r"^(力争|争取)?(培养|培育|建设|新建|打造|选树|引进|创建|开展|组织|评选|遴选)?")


def noun_after(text: str, end: int, start: int | None = None) -> str:
    """The thing counted: what follows the number, up to a list mark ("10个思政课教学创新团队" → 思政课教学创新团队);
    when nothing follows, what comes before it without its verb ("培养县级学科带头人30余名" → 县级学科带头人)
    or its examples ("新建A幼儿园、B幼儿园等普惠性幼儿园16所" → 普惠性幼儿园)."""
    rest = re.sub(r"^(的|左右)", "", re.split(r"[、(（]", text[end:])[0]).strip()
    if not rest and start is not None:
        rest = LEAD_WORDS.sub("", text[:start].strip()).split("等")[-1]  # "A、B等普惠性幼儿园16所" counts 普惠性幼儿园
    return rest or text.strip()


VAGUE_UNITS = [
    (r"(学校|校园|幼儿园|校)$", "所"),
    (r"(课程|课)$", "门"),
    (r"(教师|人才|学生|校长|队伍)$", "名"),
    (r"(资源|成果)$", "项"),
]


def vague_unit(noun: str) -> str:
    """The measure word a vague batch is counted in, from its noun: 一批…示范学校 → 所, 一批…课程 → 门, else 个."""
    noun = noun.strip("“”\"'「」")
    return next((u for p, u in VAGUE_UNITS if re.search(p, noun)), "个")


def percent_item(
    quote: str,
    line: int,
    name: str,
    target: float,
    *,
    comparator: str = ">=",
    due: int,
    clock: Clock,
    rule: str,
    hedge: str | None = None,
    note: str | None = None,
    baseline: float | None = None,
    per: str = "year",
) -> DraftItem:
    """A rate in %: "幼儿教师持证率达到100%", and the 100 % (全覆盖) or 0 % (彻底消除) a clause implies."""
    return DraftItem(
        quote,
        line,
        name,
        "rate",
        comparator,
        unit="%",
        target=target,
        due=due,
        hedge=hedge,
        clock=clock,
        rule=rule,
        note=note,
        baseline=baseline,
        per=per,
    )


def number_item(
    quote: str, line: int, name: str, q: Quantity, *, due: int, hedge: str | None, clock: Clock, origin: str
) -> DraftItem:
    """A counted number: a range (3-5所) or a count with its comparator (10个, 10余名 → >); its rule is
    `origin: range` or `origin: count`."""
    if q.upper is not None:
        return DraftItem(
            quote,
            line,
            name,
            "range",
            "range",
            unit=q.unit,
            min=q.value,
            max=q.upper,
            due=due,
            hedge=hedge,
            clock=clock,
            rule=f"{origin}: range",
        )
    return DraftItem(
        quote,
        line,
        name,
        "count",
        q.comparator,
        unit=q.unit,
        target=q.value,
        due=due,
        hedge=hedge,
        clock=clock,
        rule=f"{origin}: count",
    )


def vague_item(piece: str, line: int, due: int, hedge: str | None, rule: str) -> DraftItem | None:
    """A vague amount (see VAGUE): "数十名学科名师" → vague_batch 20 名; "一批优秀案例" → vague_batch 1 个;
    "培养大批…技术人才" → vague_amount 名, no target (大批 gives no number)."""
    vague = next(((w, n, r) for w, n, r in VAGUE if w in piece), None)
    if vague is None:
        return None
    word, n, reading = vague
    noun = noun_after(piece, piece.index(word) + len(word))
    # 数十名 / 数百名 carry their measure word; 一批 does not ("一批家校共育课程" is not counted in 家)
    m = re.match(rf"({_CLS})", noun) if word in ("数十", "数百") else None
    unit = m[1] if m else vague_unit(noun)
    noun = noun[len(m[1]) :] if m else noun
    if not noun.strip():  # "培养骨干教师数十名": the thing comes before the amount
        noun = LEAD_WORDS.sub("", piece[: piece.index(word)]) or piece
    return DraftItem(
        piece,
        line,
        noun,
        "vague_batch" if n is not None else "vague_amount",
        ">=",
        unit=unit,
        target=n,
        due=due,
        hedge=hedge,
        vague=(word, reading),
        clock="cumulative",
        rule=rule,
    )


def rate_item(text: str, line: int, due: int, hedge: str | None, rule: str) -> DraftItem | None:
    """A percentage target; "由78%提高到90%" gives the baseline too.

    Example: "专任教师本科及以上学历比例由78%提高到90%" → rate 90 %, >=, baseline 78.
    """
    rates = [q for q in find_quantities(text) if q.unit == "%"]
    if not rates:
        return None
    q, baseline = rates[0], None
    comparator = q.comparator
    change = re.search(r"由.*(提高|提升|增加|增长|上升|下降|降低|减少)[到至]", text) if len(rates) >= 2 else None
    if change:
        baseline, q = rates[0].value, rates[1]
        # 由1.2%下降到0.5%: a falling target
        comparator = "<=" if change[1] in ("下降", "降低", "减少") else q.comparator
    name = re.split(r"由|达到|达|提高到|巩固在|保持在|超过|不低于|不少于|控制在", text[: rates[0].start])[0].strip()
    name = re.sub(r"^到20\d\d年\s*", "", name)
    return percent_item(
        text,
        line,
        name or text,
        q.value,
        comparator=comparator,
        due=due,
        hedge=hedge,
        clock=clock_of(text, "rate"),
        rule=rule,
        baseline=baseline,
    )


def quantity_item(text: str, line: int, due: int, hedge: str | None, q: Quantity, noun: str) -> DraftItem:
    """The item of a number in a box: a range (3-5所), a rate (80%以上), or a count (10个, 10个左右, 10余名)."""
    if q.unit == "%" and q.upper is None:
        rate = rate_item(text, line, due, hedge, "number: rate")
        assert rate is not None  # q itself is a percentage
        return rate
    return number_item(text, line, noun, q, due=due, hedge=hedge, clock=clock_of(text, "count"), origin="number")
