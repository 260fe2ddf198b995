"""A plan's source text as the rules read it: lines, sentences, clauses, numbers with their measure words, and
the words that say when a promise is due or judged.

One definition for the two commands that read a plan's text by rules: `plan draft` (plan/draft/) drafts targets
from these words, and `plan check` (plan/coverage.py) finds every sentence that states a commitment with them.
"""

from __future__ import annotations

import re
import unicodedata
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
# Vague words (docs/rules.md#vague-amounts). A word that itself gives a number is read as its lower bound (the
# models' vague_batch): 一批 → at least one, 数十 → 20. A word that gives none (大批, 若干) is a vague_amount, with
# no target at all: its number is reported and shown, never failed against a floor the text does not give.
VAGUE = [
    ("数百", 200, "数百 → 200: 'several hundred' read as at least 200."),
    ("数十", 20, "数十 → 20: 'several tens' read as at least 20."),
    (
        "大批",
        None,
        "大批 (large numbers) gives no size: any floor read into it is a number the text does not give, "
        "and a floor of 1 would call one a 大批. Reported and shown, never failed against a number.",
    ),
    ("若干", None, "若干 (a number of) gives no size: reported and shown, never failed against a number."),
    ("一批", 1, "一批 → 1: the plan names no size, so at least one must exist."),
    ("一系列", 1, "一系列 → 1: at least one."),
    ("系列", 1, "系列 → 1: at least one."),
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


# ── the numbers a quote gives (`plan check` holds a target's numbers against them) ─────────────────

# Digits as `plan check` reads them, after NFKC has made full-width ones (１．９７, ９３％) ASCII: 1,000 read
# both as one number and as its groups, since a comma also parts clauses in these texts (1-5个,2个).
_DIGITS = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(f"[{''.join(_CN_DIGITS)}{''.join(_CN_UNITS)}万]+")


def _chinese_number(text: str) -> float:
    """A number in Chinese numerals: 两 → 2, 十 → 10, 三十七 → 37, 一百二十 → 120, 二〇二五 → 2025."""
    if len(text) > 1 and all(ch in _CN_DIGITS for ch in text):
        return float("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:  # 万
            total += ((section + digit) or 1) * 10000
            section = digit = 0
    return float(total + section + digit)


def numbers_in(text: str) -> list[float]:
    """Every number `text` writes, in digits (full-width ones too) or in Chinese numerals.

    >>> numbers_in("毛入园率(%) | １．９７ | 93％ | 建成两所、十所 | 1,000")
    [1.97, 93.0, 1000.0, 1.0, 0.0, 2.0, 10.0]
    """
    plain = unicodedata.normalize("NFKC", text)
    out: list[float] = []
    for m in _DIGITS.finditer(plain):
        out.append(float(m[0].replace(",", "")))
        if "," in m[0]:
            out += [float(part) for part in m[0].split(",")]
    return out + [_chinese_number(m[0]) for m in _CN_NUMBER.finditer(plain)]


def has_digits(text: str) -> bool:
    """Whether `text` writes a number in digits (full-width ones too)."""
    return _DIGITS.search(unicodedata.normalize("NFKC", text)) is not None


def gives_in_digits(text: str, unit: str | None) -> bool:
    """Whether `text` writes a number in digits with `unit` as its measure word ("培育10所…", unit 所; "80%以上",
    unit %). A number the text gives only in words (全覆盖 for 100 %, 一批, 两所, 每一位) does not count."""
    if unit is None:
        return False
    want = unicodedata.normalize("NFKC", unit)
    return any(q.unit == want for q in find_quantities(unicodedata.normalize("NFKC", text)))


# Words that make a number relative to another (翻一番, 提高5个百分点, 新增3所, 增长10%): a target read from them
# is worked out from a base (twice the 2020 stock, last year's rate plus 5), so it need not be a number the words
# write, and `plan check` cannot tell a right one from a wrong one.
RELATIVE = re.compile(r"翻一番|翻两番|翻番|倍|百分点|新增|增加|增长|增幅|减少|下降|降低|提高|提升|扩大|缩小")


def is_relative(text: str) -> bool:
    """Whether `text` states a number relative to another: "比2020年翻一番" yes, "培育10所" no."""
    return RELATIVE.search(text) is not None


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
    (r"不低于|全覆盖|应助尽助|应入尽入|全员|保持|巩固在|彻底消除|全面消除", "standing"),  # 做到“应助尽助”
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


# ── the clauses of a sentence that each carry their own action ──────────────────────────────────

# Where a sentence's pieces meet: a clause of its own starts at one of these when the piece after it opens with an
# action (…、建立导师制、推进…); a piece that opens with none (作业、睡眠、手机) belongs to the clause before it.
CLAUSE_BREAK = re.compile(r"[，,、：:]")
# Words that may stand before a piece's verb without being the action themselves: how (全面, 大力), when (每年).
LEAD_WORDS = (
    "进一步", "全面", "大力", "积极", "加快", "持续", "深入", "切实", "着力", "不断", "逐步", "继续", "努力", "力争",
    "争取", "重点", "充分", "主动", "依法", "严格", "扎实", "稳步", "有序", "统筹", "协同", "同步", "逐年", "每年",
    "定期", "率先", "优先", "整体", "系统", "广泛", "科学", "合理", "坚决", "认真", "高标准", "高质量", "分类",
    "分层", "分批", "全力", "加速", "共同", "联合", "探索", "研究", "试点", "深度", "基本", "精准", "规范", "有效",
    "同时", "并", "和", "及", "还", "要", "将", "也", "再", "均", "都", "全", "新", "既",
)
# Verbs that open an action of the plan's kind. The list only splits a sentence into clauses: a sentence is
# counted whatever words it holds, and a verb missing here joins its piece to the clause before it (one unit).
ACTION_VERBS = (
    "改扩建", "建立", "建设", "建成", "建好", "用好", "办好", "抓好", "做好", "管好", "做强", "做精", "做优", "做特",
    "做大", "推进", "推动", "推行", "推广", "推出", "实施", "实行", "实现", "开展", "举办", "举行", "召开", "组织",
    "健全", "完善", "加强", "强化", "深化", "优化", "规范", "落实", "贯彻", "坚持", "打造", "培育", "培养", "评选",
    "选树", "遴选", "选拔", "创建", "创设", "创办", "创新", "争创", "设立", "成立", "组建", "制定", "出台", "印发",
    "引进", "引入", "引导", "引领", "鼓励", "支持", "构建", "搭建", "形成", "发挥", "扩大", "增加", "新建", "改建",
    "扩建", "迁建", "提高", "提升", "增强", "保障", "确保", "保持", "巩固", "消除", "配齐", "配足", "配备", "开发",
    "开设", "开齐", "开足", "研制", "编制", "编写", "发展", "促进", "加大", "挖掘", "整合", "融入", "参与", "共建",
    "合作", "培训", "招聘", "完成", "达到", "丰富", "拓展", "拓宽", "畅通", "严把", "严禁", "杜绝", "防止", "防范",
    "依托", "利用", "借助", "围绕", "聚焦", "突出", "注重", "执行", "储备", "提供", "满足", "缩小", "补齐", "夯实",
    "激发", "纳入", "列入", "落地", "申报", "承办", "探索",
    "总结", "宣传", "普及", "对接", "衔接",
    "清理", "整治", "治理", "改善", "改造", "更新", "升级", "投入", "安排", "设置", "核定", "盘活", "调剂", "统筹",
    "帮扶", "资助", "减免", "落户", "运用", "应用", "使用", "营造", "树立", "弘扬", "传承",
    "讲好", "上好", "开好", "守好", "抓实", "压实", "筑牢", "织密", "把好",
)
_ACTION = re.compile(rf"(?:{'|'.join(map(re.escape, LEAD_WORDS))})*(?:{'|'.join(map(re.escape, ACTION_VERBS))})")


def opens_with_action(piece: str) -> bool:
    """Whether a piece of a sentence opens with an action: "建立导师制" yes, "睡眠" no."""
    return _ACTION.match(piece.lstrip("“”\"'‘’（）()《》")) is not None


def has_action(piece: str) -> bool:
    """Whether a piece of a sentence holds an action anywhere: "到2025年" no, "在…的指导下协调各部门" yes."""
    return _ACTION_ANYWHERE.search(piece) is not None


_ACTION_ANYWHERE = re.compile("|".join(map(re.escape, ACTION_VERBS)))
_OPENING, _CLOSING = "“《（(「", "”》）)」"


def clause_cuts(text: str) -> list[int]:
    """Where a sentence (as written) splits into the clauses that each carry their own action: after a `，,、：:`
    that stands outside quotation marks and brackets, when the piece after it opens with an action and the
    clause before it already holds one. A piece that does not open with an action (作业、睡眠、手机) belongs to the
    clause before it; a clause with no action yet (到2025年，) takes the next piece in.

    >>> s = "实施学生发展指导计划，切实抓好作业、睡眠、手机“五项管理”，到2025年，建立导师制"
    >>> cuts = [0, *clause_cuts(s), len(s)]
    >>> [s[a:b] for a, b in zip(cuts, cuts[1:])]
    ['实施学生发展指导计划，', '切实抓好作业、睡眠、手机“五项管理”，到2025年，', '建立导师制']
    """
    cuts: list[int] = []
    depth = piece = 0
    for i, ch in enumerate(text):
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and CLAUSE_BREAK.fullmatch(ch):
            here, before = text[(cuts[-1] if cuts else 0) : i], text[piece:i].strip(" \t|")
            # 、 joins the items of a list: it parts two actions only between verb and object pairs
            # (建立导师制、编制指导手册), not in 引进、培养… or 政治建设、思想建设、组织建设
            listed = ch != "、" or (opens_with_action(before) and len(before) >= 4)
            if listed and has_action(here) and opens_with_action(text[i + 1 :].lstrip(" \t|")):
                cuts.append(i + 1)
            piece = i + 1
    return cuts
