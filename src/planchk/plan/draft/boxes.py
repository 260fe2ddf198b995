"""Box items (专栏2…专栏N): boxes, their numbered sub-plans, and the items of each sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planchk.plan.draft.items import ONCE_VERBS, DraftItem, noun_after, quantity_item, vague_item
from planchk.plan.draft.text_rules import rule_every, rule_non_decreasing
from planchk.plan.source_text import MEASURE_WORDS as _CLS
from planchk.plan.source_text import NUMBER as _NUM
from planchk.plan.source_text import SENTENCE_END, Line, clauses, due_year, find_quantities, hedge_of

BOX_START = re.compile(r"^\s*专栏\s*(\d+)\s*[:：]?\s*(.*)$")
# Where a box without numbered lines ends: a heading ("三、", "(二)", "5.", "第三章"), another box, a blank line.
BOX_END = re.compile(
    r"^\s*($|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.．、](?!\d)|第.{1,3}[章节]|专栏)"
)
SUBPLAN = re.compile(r"(?:^|(?<=[\s。|]))(\d{1,2})\s*[.．、](?!\d)")
# The end of a named project: 河西实验小学, 长江音乐学院附中, …地块新建小学
ENTITY = re.compile(
    r"(学校|小学|中学|学院|幼儿园|附中|附小|校区|中心|高中|初中|大学|基地|场馆|大楼|综合楼|科技楼|"
    r"实验室|研究院|图书馆|体育馆|校)(\(.*\)|（.*）)?$"
)
LEAD_VERBS = re.compile(r"^(重点建设|新建|改扩建|改造|改建|扩建|迁建|完成|建成|建设|打造|创建|培育)")
# Head nouns a list of counted things may share ("5个名校长、20个名师工作室").
HEAD_NOUN = re.compile(r"(工作室|基地|学校|中心|课程|团队|项目|平台|品牌|案例)$")
# Where a clause holds several counted things: "培育10所…示范学校、10个…创新团队" splits before "10个".
ITEM_SPLIT = re.compile(
    rf"(?:、|和|及|与)\s*(?=(?:{_NUM}|数十|数百)\s*(?:[-—–~～至到]\s*{_NUM})?\s*(?:余|多)?\s*"
    rf"(?:{_CLS}))"
)


@dataclass
class DraftSubplan:
    number: int | None
    title: str
    items: list[DraftItem]


@dataclass
class DraftBox:
    number: int
    title: str
    title_inferred: bool
    line: int
    subplans: list[DraftSubplan]


def box_spans(lines: list[Line], table_line: int | None) -> list[tuple[int, str, int, list[Line]]]:
    """Each box: (number, title text, line, its lines). A box is its 专栏 line plus the numbered lines after it.

    Dadukou prints a box on one line ("专栏2 1.学校党组织培优计划。培育评选1-5个…"); Riverside prints the
    title on the 专栏 line and one numbered sub-plan per line ("1.新建改扩建学校。新建中小学校6所…").
    """
    out = []
    for i, line in enumerate(lines):
        m = BOX_START.match(line.text)
        if not m or (table_line is not None and line.number == table_line) or "主要指标" in line.text:
            continue
        body = [Line(line.number, m[2])]
        for nxt in lines[i + 1 :]:
            if not re.match(r"^\s*\d{1,2}\s*[.．、](?!\d)", nxt.text):
                break
            body.append(nxt)
        if len(body) == 1 and not box_title(m[2])[1]:
            body += two_column(lines[i + 1 :])
        out.append((int(m[1]), m[2], line.number, body))
    return out


def two_column(lines: list[Line]) -> list[Line]:
    """A box laid out as two columns, each project's name beside its text, copied line by line: the name (on one
    or two lines), then the rest of the name, a space and the text. Each project becomes one line "name。text"
    on the line of its text, read like a numbered sub-plan's. Ends at a heading, another box or a blank line.

    "学前教育普惠" / "扩容提质工程 扩大普惠性学前教育资源,…" → "学前教育普惠扩容提质工程。扩大…".
    """
    out: list[Line] = []
    name = ""
    for line in lines:
        text = line.text.strip()
        if BOX_END.match(line.text):
            break
        split = re.match(r"(\S+)\s+(.+)", text)
        head, rest = (split[1], split[2]) if split else (text, "")
        if not rest and len(text) <= 20 and not SENTENCE_END.search(text):
            name += text  # a name, or its first line
            continue
        if rest and len(head) <= 20 and not SENTENCE_END.search(head):
            out.append(Line(line.number, f"{name}{head}。{rest}"))
        else:
            out.append(Line(line.number, f"{name}。{text}" if name else text))
        name = ""
    return out


def split_subplans(body: list[Line]) -> list[tuple[int | None, str, int]]:
    """The numbered sub-plans of a box: (number, text, line). A box without numbers is one sub-plan.

    "1.学校党组织培优计划。培育评选1-5个… 2.党组织书记…" → (1, "学校党组织培优计划。培育…"), (2, …).
    """
    out: list[tuple[int | None, str, int]] = []
    for line in body:
        marks = list(SUBPLAN.finditer(line.text))
        if not marks:
            if line.text.strip(" |"):
                out.append((None, line.text.strip(" |"), line.number))
            continue
        head = line.text[: marks[0].start()].strip(" |")
        if head and out:
            out[-1] = (out[-1][0], out[-1][1] + head, out[-1][2])
        elif head:
            out.append((None, head, line.number))
        for m, nxt in zip(marks, [*marks[1:], None], strict=True):
            text = line.text[m.end() : nxt.start() if nxt else len(line.text)].strip(" |")
            out.append((int(m[1]), text, line.number))
    return out


def subplan_title(text: str) -> tuple[str, str, bool]:
    """A sub-plan's title is its first sentence when short and without numbers: "学校党组织培优计划。…"."""
    head, sep, rest = text.partition("。")
    if sep and len(head) <= 25 and not re.search(r"\d", head):
        return head.strip(), rest, False
    return "", text, True


def box_title(text: str) -> tuple[str, bool]:
    """The box's title on its 专栏 line ("专栏1 学校建设工程"), or none (inferred) when the line goes on with items."""
    t = text.strip(" |")
    if t and len(t) <= 25 and not re.search(r"\d|。", t):
        return t, False
    return "", True


def read_boxes(lines: list[Line], table_line: int | None, period_end: int) -> list[DraftBox]:
    """Every box after the table, with its sub-plans and items."""
    boxes = []
    for number, title_text, line_no, body in box_spans(lines, table_line):
        title, inferred = box_title(title_text)
        if not inferred:
            body = body[1:]
        subs = []
        for k, (sub_no, text, sline) in enumerate(split_subplans(body), 1):
            stitle, rest, _ = subplan_title(text)
            items = []
            for sentence in SENTENCE_END.split(rest):
                items += box_items(sentence, sline, period_end)
            subs.append(DraftSubplan(sub_no, stitle or f"专栏{number}·{k}", items))
        boxes.append(DraftBox(number, title or f"专栏{number}", inferred, line_no, subs))
    return boxes


def pieces(clause: str) -> list[str]:
    """A clause cut before each further counted thing: "建设2个课程创新基地、10门精品选修课程" → two pieces."""
    cuts = [m.start() for m in ITEM_SPLIT.finditer(clause)]
    out, last = [], 0
    for c in cuts:
        out.append(clause[last:c])
        last = c + (1 if clause[c] in "、和及与" else 0)
    out.append(clause[last:])
    return [p.strip() for p in out if p.strip()]


def named_entries(text: str) -> list[str]:
    """Named projects in a phrase: a list in parentheses "(I59地块新建小学、…、音乐附小)", or before 等
    ("新建A幼儿园、B幼儿园等普惠性幼儿园16所"). Two or more names, each ending like an institution."""
    inner = _parenthesised_list(text)
    if inner:
        names = [n.strip() for n in inner.split("、") if n.strip()]
        if len(names) >= 2:
            return names
    head = text.split("等")[0] if "等" in text else text
    counted = find_quantities(head)
    head = head[: counted[0].start] if counted else head  # "…北岸九年一贯制学校3所学校": the names end at the count
    head = re.sub(r"[(（][^()（）]*[)）]$", "", head)
    names = [LEAD_VERBS.sub("", n).strip() for n in re.split(r"、|和", head)]
    names = [n for n in names if n]
    if len(names) >= 2 and all(ENTITY.search(n) for n in names):
        return names
    return []


def _parenthesised_list(text: str) -> str | None:
    """The text inside the outermost parentheses that hold a 、 list (nested parentheses kept)."""
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch in "(（":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
            if depth == 0 and "、" in text[start + 1 : i]:
                return text[start + 1 : i]
    return None


def box_items(sentence: str, line: int, period_end: int) -> list[DraftItem]:
    """The items of one sentence of a box, one per counted thing (and one per named list).

    "培育10所思想政治教育示范学校、10个思政课教学创新团队" → count 10 所, count 10 个.
    "引进1-2所一流科研院所" → range 1–2. "10余名学科带头人" → count > 10. "数十名学科名师" → vague_batch 20.
    "建成长江音乐学院附中" → completion. "新建A、B等15所学校(C、D…)" → count 15 and a named_list.
    """
    items: list[DraftItem] = []
    for clause in clauses(sentence):
        hedge = hedge_of(clause[:4])  # 力争 at the head of a clause covers all its pieces
        due = due_year(clause, period_end)
        found: list[DraftItem] = []
        every = rule_every(clause, line, period_end, 0)
        if every is not None:  # 坚持“一校一品、一支部一特色”: a share of all schools, not a count
            every.due, every.hedge = due, hedge
            found.append(every)
        for piece in pieces(clause):
            found += _piece_items(piece, line, due, hedge or hedge_of(piece))
        share_head_nouns(found)
        items += found
    return items


def _piece_items(piece: str, line: int, due: int, hedge: str | None) -> list[DraftItem]:
    """One piece of a box clause: its number (count, range, rate), else a vague batch, a non-decreasing figure or
    a completion; and a named list when it names projects."""
    out: list[DraftItem] = []
    entries = named_entries(piece)
    counted = piece
    if entries and _parenthesised_list(piece):
        counted = re.split(r"[(（]", piece)[0]  # the count's quote stops before the list
    qs = find_quantities(counted)
    if qs:
        q = qs[0]
        out.append(quantity_item(counted, line, due, hedge, q, noun_after(counted, q.end, q.start)))
    else:
        vague = vague_item(piece, line, due, hedge, "box: vague batch")
        if vague and not entries:
            out.append(vague)
        elif not entries and (trend := rule_non_decreasing(piece, line, due, 0)) is not None:
            out.append(trend)
        elif not entries and ONCE_VERBS.search(piece):
            out.append(
                DraftItem(
                    piece, line, piece, "completion", "done", due=due, hedge=hedge, clock="once", rule="box: completion"
                )
            )
    if entries:
        out.append(
            DraftItem(
                piece,
                line,
                f"{counted}(具名)" if counted != piece else piece,
                "named_list",
                "done",
                due=due,
                hedge=hedge,
                entries=entries,
                clock="once",
                rule="box: named list",
            )
        )
    return out


def share_head_nouns(items: list[DraftItem]) -> None:
    """Pieces cut from one list share the next piece's head noun when they have none of their own.

    Example: "建设5个名校长、20个名师工作室" → 名校长 is read as 名校长工作室 (5) beside 名师工作室 (20).
    """
    for a, b in zip(items, items[1:], strict=False):
        head = HEAD_NOUN.search(b.name)
        if head and a.measure in ("count", "range") and not HEAD_NOUN.search(a.name):
            a.name += head[0]
