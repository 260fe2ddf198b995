"""A plan's source text as the rules read it: lines, sentences, clauses, numbers with their measure words, and
the words that say when a promise is due or judged.

One definition for the two commands that read a plan's text by rules: `plan draft` (plan/draft/) drafts targets
from these words, and `plan check` (plan/coverage.py) finds every sentence that states a commitment with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planchk.plan.schema import CLOCK_MEASURES, Clock

# ── lines, sentences, clauses ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as editors and quotes count
    text: str


def read_lines(text: str) -> list[Line]:
    """The text's lines, numbered from 1 (a BOM is dropped)."""
    return [Line(i, t.rstrip("\r")) for i, t in enumerate(text.lstrip("\ufeff").split("\n"), 1)]


def squash(text: str) -> str:
    """Text without whitespace and `|`: how quotes are compared (a table row's cells sit on several lines).

    >>> squash("学前 教育 |")
    '学前教育'
    """
    return re.sub(r"[\s|]", "", text)


# Where a sentence ends: the unit `plan check` measures coverage in (docs/plan-format.md#coverage-of-the-source-text)
# and the drafter reads a box's items from.
SENTENCE_END = re.compile(r"[。；;]")


def clauses(text: str) -> list[str]:
    """Split a sentence into clauses at `。；;，,` (the unit a quote is taken from), stripped, non-empty.

    Example: "建成1所标准化特殊教育学校,残障儿童入学率达到100%。" → the two clauses.
    """
    return [c.strip(" \t|") for c in re.split(r"[。；;，,]", text) if c.strip(" \t|")]


# ── numbers in a phrase ──────────────────────────────────────────────────────────────────────────

# Measure words after a number. Longer first, so `人次` wins over `人`. `年` is not one: `5年内` is a span.
CLASSIFIERS = [
    "个百分点",
    "学时",
    "课时",
    "万人",
    "亿元",
    "万元",
    "人次",
    "个",
    "所",
    "名",
    "人",
    "项",
    "门",
    "节",
    "轮",
    "次",
    "间",
    "家",
    "支",
    "座",
    "条",
    "套",
    "本",
    "场",
    "处",
    "期",
    "类",
    "种",
    "位",
    "篇",
    "届",
    "元",
    "%",
    "％",
]
# The measure words and a number, as regular-expression text for patterns built on them (QUANTITY, the drafter's
# ITEM_SPLIT and VALUE).
MEASURE_WORDS = "|".join(map(re.escape, CLASSIFIERS))
NUMBER = r"\d+(?:\.\d+)?"
# 10个左右, 3-5所, 10余名, 80%以上, 2至3项, 360 学时 (a stray space in the source)
QUANTITY = re.compile(
    rf"(?P<n>{NUMBER})(?:\s*(?P<sep>[-—–~～至到])\s*(?P<m>{NUMBER}))?\s*(?P<more>余|多)?\s*"
    rf"(?P<cls>{MEASURE_WORDS})(?P<post>以上|以下|以内|左右)?"
)
# Words before a number that set the comparator (不低于95%, 超过50%, 控制在0.5%以内).
PREFIX_COMPARATORS: list[tuple[str, str]] = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("至少", ">="),
    ("≥", ">="),
    ("＞", ">"),
    (">", ">"),
    ("超过", ">"),
    ("高于", ">"),
    ("多于", ">"),
    ("不高于", "<="),
    ("不超过", "<="),
    ("≤", "<="),
    ("低于", "<="),
    ("控制在", "<="),
    ("约", "approx"),
]
# Words after a number (80%以上 → >=, 10个左右 → approx, 0.5%以内 → <=).
SUFFIX_COMPARATORS = {"以上": ">=", "左右": "approx", "以内": "<=", "以下": "<="}
HEDGES = ("力争", "争取", "努力")
# Vague amounts and the lower bound read into them (the models' vague_batch): 一批 → at least one.
VAGUE = [
    ("数百", 200, "数百 → 200: 'several hundred' read as at least 200."),
    ("数十", 20, "数十 → 20: 'several tens' read as at least 20."),
    ("一批", 1, "一批 → 1: the plan names no size, so at least one must exist."),
    ("大批", 1, "大批 → 1: the plan names no size, so at least one must exist."),
    ("一系列", 1, "一系列 → 1: at least one."),
    ("系列", 1, "系列 → 1: at least one."),
    ("若干", 1, "若干 → 1: at least one."),
]


@dataclass(frozen=True)
class Quantity:
    """A number found in a phrase, with what the words around it say."""

    value: float
    upper: float | None  # a range's upper bound (3-5所 → 3, 5)
    unit: str
    comparator: str
    as_written: str
    start: int
    end: int


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-measure-word in `text`, with its comparator.

    >>> [(q.value, q.unit, q.comparator) for q in find_quantities("培育10个左右典型案例、30余名学科带头人")]
    [(10.0, '个', 'approx'), (30.0, '名', '>')]
    """
    out = []
    for m in QUANTITY.finditer(text):
        unit = "%" if m["cls"] in ("%", "％") else m["cls"]
        comparator = ">="
        before = text[max(0, m.start() - 4) : m.start()]
        # longest word first: 不超过 is not 超过, 不高于 is not 高于
        for word, comp in sorted(PREFIX_COMPARATORS, key=lambda wc: -len(wc[0])):
            if before.endswith(word):
                comparator = comp
                break
        if m["post"]:
            comparator = SUFFIX_COMPARATORS[m["post"]]
        if m["more"]:
            comparator = ">"  # 10余名: more than ten
        upper = float(m["m"]) if m["m"] else None
        out.append(
            Quantity(
                float(m["n"]), upper, unit, "range" if upper is not None else comparator, m.group(0), m.start(), m.end()
            )
        )
    return out


def hedge_of(text: str) -> str | None:
    """The hedging word of a clause, if any: "力争引进1所高职院校" → 力争."""
    return next((h for h in HEDGES if h in text), None)


# A year a promise is due by: 到2025年, 2023年底前.
DUE_YEAR = re.compile(r"到(20\d\d)年|(20\d\d)年(?:底|前|以前)")


def due_year(text: str, period_end: int) -> int:
    """The year a clause is due: "到2023年…" → 2023; "2023年底前" → 2023; else the plan's last year."""
    m = DUE_YEAR.search(text)
    return int(m[1] or m[2]) if m else period_end


# The clock of a promise: when it is judged (docs/rules.md#clocks).
# First match wins, so the more specific words come first.
CLOCK_WORDS: list[tuple[str, Clock]] = [
    (r"每年|一年一度|每学期|年度", "recurring"),  # 每年举办一次学生发展指导高峰论坛
    (r"逐年|只增不减|不断提高|持续提高|提高", "trend"),  # 确保…教育支出逐年只增不减
    (r"累计|共计|五年内|\d年内", "cumulative"),  # 5年内…进行3轮全覆盖培训
    (r"不低于|全覆盖|应助尽助|全员|保持|巩固在|彻底消除|全面消除", "standing"),  # 做到“应助尽助”
    (r"建成|组建|设立|成立|出台|制定|创建|完成|引进", "once"),  # 建成长江音乐学院附中
]


def clock_of(text: str, measure: str) -> Clock:
    """The clock of a clause: "每年召开一次专题会议" → recurring. With no clock word, or a word whose clock cannot
    judge the measure (a rate "提高到90%" is a path, not a year-over-year rule), a number is cumulative: a path
    to the due year ("残障儿童入学率达到100%", judged at the due year when the 2020 value is unknown)."""
    for pattern, clock in CLOCK_WORDS:
        if re.search(pattern, text) and measure in CLOCK_MEASURES[clock]:
            return clock
    return "cumulative"


# Words that make a promise about all of something (docs/rules.md#clocks): every pupil, every school.
EVERY_ONE = re.compile(r"每一[个所名位]|一校一品")
# Words that promise to remove something altogether, and with what follows them: 彻底消除56人以上大班额.
ELIMINATE_WORDS = re.compile(r"彻底消除|全面消除|基本消除")
ELIMINATE = re.compile(rf"({ELIMINATE_WORDS.pattern})(.+)")
