"""Checks on plan/projects.yaml against the source text, independent of planchk's code.

Guards the encoding of 专栏2–专栏8 and the running-text targets: exact item counts per box and
sub-plan (dropping an item fails), every quote an exact substring of the source (and of the right
box), unique well-formed ids, named-list entry ids under their item, and the fields each measure
needs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import read_yaml

PLAN = Path(__file__).resolve().parents[1] / "plan"
PROJECTS = PLAN / "projects.yaml"
SOURCE = PLAN / "source" / "dadukou-education-14th-fyp.zh.txt"

ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")

# ── expected counts: items per sub-plan, per programme ─────────────────────────────────────────
EXPECTED_ITEMS: dict[str, dict[str, int]] = {
    "box2": {"box2.1": 1, "box2.2": 2, "box2.3": 3},
    "box3": {"box3.1": 9, "box3.2": 7, "box3.3": 12, "box3.4": 6, "box3.5": 11},
    "box4": {"box4.1": 4, "box4.2": 4, "box4.3": 4},
    "box5": {"box5.1": 8, "box5.2": 4, "box5.3": 7},
    "box6": {"box6.1": 12, "box6.2": 10},
    "box7": {"box7.yidu_yangfan": 5},
    "box8": {"box8.smart_education": 4},
    "text": {
        "text.party": 5,
        "text.ideology": 7,
        "text.arts_sports": 17,
        "text.student_development": 18,
        "text.preschool": 7,
        "text.compulsory": 4,
        "text.special": 3,
        "text.high_school": 5,
        "text.vocational_higher": 9,
        "text.lifelong": 5,
        "text.teachers": 33,
        "text.evaluation": 32,
        "text.governance": 24,
        "text.finance": 5,
        "text.implementation": 6,
    },
}
EXPECTED_BOX_TOTALS = {"box2": 6, "box3": 45, "box4": 12, "box5": 19, "box6": 22, "box7": 5, "box8": 4, "text": 180}

# entries per named_list item
EXPECTED_ENTRIES: dict[str, int] = {
    "box4.1.new_kindergartens_named": 7,
    "box4.2.renovations": 4,
    "box4.2.new_schools_named": 16,
    "box4.3.hs_buildings": 6,
    "text.ideology.four_theme_campaigns": 4,
    "text.arts_sports.arts_standards": 3,
    "text.student_development.five_managements": 5,
    "text.student_development.five_guidance_areas": 5,
    "text.student_development.activity_series": 4,
    "text.arts_sports.youth_sports_facilities": 2,
    "text.student_development.research_networks": 2,
    "text.student_development.family_education_teams": 2,
    "text.vocational_higher.new_majors": 2,
    "text.vocational_higher.resource_libraries": 2,
    "text.teachers.five_projects": 5,
    "text.teachers.four_projects": 4,
    "text.teachers.college_centres": 4,
    "text.governance.seven_tasks": 7,
    "text.governance.five_scenarios": 5,
    "text.governance.fire_safety_facilities": 3,
    "text.evaluation.evaluation_tools": 4,
    "text.implementation.coordination_systems": 3,
}

EXPECTED_CONFLICTS = {
    "box4_2_fifteen_schools",
    "box4_2_i03_high_school",
    "music_affiliated_middle_school",
    "music_affiliated_primary_school",
    "box4_1_inclusive_rate_duplicate",
    "box4_1_public_share_duplicate",
    "ideology_studios_possible_duplicate",
    "box6_2_guidance_team_size",
    "box5_1_national_model_schools_baseline",
    "higher_vocational_college_overlap",
    "changjiang_conservatory_built_or_under_way",
    "district_troupes_vs_two_level_troupes",
    "group_schooling_coverage_denominator",
    "one_school_one_brand_vs_five",
    "one_school_one_brand_clock",
    "box5_1_quality_majors_baseline",
    "box6_1_leading_teachers_review",
    "box4_3_high_school_review_stock",
    # two figures, names or dates for one thing, recorded in 1.1.0 (plan/CHANGELOG.md)
    "art_master_studios_vs_master_teacher_studios",
    "five_principals_twenty_teachers_reading",
    "evaluation_platform_smart_or_intelligent",
    "quality_balanced_zone_national",
    "special_school_standardised",
    "preschool_zone_create_or_complete",
    "high_school_buildings_build_or_complete",
    "dual_qualified_expand_or_over_half",
    "batch_in_text_number_in_box",
    "high_school_large_classes_2020",
    "music_or_arts_innovation_teams",
}

# ── allowed keys (mirrors the strict schema, which rejects unknown keys) ───────────────────────
TOP_KEYS = {"schema_version", "plan_id", "version", "rules", "programmes", "conflicts"}
PROGRAMME_KEYS = {"id", "box", "title", "title_inferred", "subplans"}
SUBPLAN_KEYS = {"id", "number", "title", "items"}
ITEM_KEYS = {
    "id", "name", "quote", "gloss", "measure", "comparator", "unit", "target", "min", "max",
    "baseline", "baseline_quote", "due", "hedge", "vague", "entries", "also_in", "section", "derived", "note",
    "clock", "per", "example", "may_exceed_100",
}
ITEM_REQUIRED = {"id", "name", "quote", "gloss", "measure", "clock", "comparator"}
ENTRY_KEYS = {"id", "name", "quote"}
CONFLICT_KEYS = {"id", "topic", "concerns", "sources", "used", "reason"}
SOURCE_KEYS = {"where", "quote", "value"}

# measure -> (required keys, allowed comparators, keys that must be absent)
MEASURES: dict[str, tuple[set[str], set[str], set[str]]] = {
    "count": ({"target", "unit"}, {">=", ">", "approx"}, {"min", "max", "vague", "entries"}),
    "range": ({"min", "max", "unit"}, {"range"}, {"target", "vague", "entries"}),
    "rate": ({"target", "unit"}, {">=", ">", "<=", "=="}, {"min", "max", "vague", "entries"}),
    "completion": (set(), {"done"}, {"target", "min", "max", "vague", "entries", "baseline"}),
    "named_list": ({"entries"}, {"done"}, {"target", "min", "max", "vague", "baseline"}),
    "vague_batch": ({"target", "unit", "vague"}, {">="}, {"min", "max", "entries"}),
    "non_decreasing": ({"unit"}, {"non_decreasing"}, {"target", "min", "max", "vague", "entries"}),
    "rising": ({"unit"}, {"rising"}, {"target", "min", "max", "vague", "entries"}),
    "raise": ({"unit"}, {"above_baseline"}, {"target", "min", "max", "vague", "entries"}),
    "figure": ({"unit"}, {">="}, {"target", "min", "max", "vague", "entries"}),
}
# lower bound derived from each vague word (一批 → 1, 数十 → 20, 数百 → 200; 系列/大批 read like 一批)
VAGUE_FLOOR = {"一批": 1, "数十": 20, "数百": 200, "系列": 1, "大批": 1}
HEDGES = {"力争", "争取"}

# The 2016–2020 review ends where the situation analysis begins; running-text targets come after.
REVIEW_END_ANCHOR = "当今世界正经历百年未有之大变局"


# ── fixtures ───────────────────────────────────────────────────────────────────────────────────
@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def box_lines(source: str) -> dict[int, str]:
    """专栏2–专栏8: each box is one line of the source starting with 专栏N."""
    boxes: dict[int, str] = {}
    for line in source.splitlines():
        m = re.match(r"专栏([2-8])\s", line)
        if m:
            assert int(m.group(1)) not in boxes, f"专栏{m.group(1)} found twice"
            boxes[int(m.group(1))] = line
    assert sorted(boxes) == list(range(2, 9))
    return boxes


@pytest.fixture(scope="module")
def running_text(source: str) -> str:
    """The plan's running text after the 2016–2020 review, without the 专栏2–8 boxes."""
    start = source.index(REVIEW_END_ANCHOR)
    return "\n".join(ln for ln in source[start:].splitlines() if not re.match(r"专栏[2-8]\s", ln))


@pytest.fixture(scope="module")
def data() -> dict:
    loaded = read_yaml(PROJECTS)
    assert isinstance(loaded, dict)
    return loaded


def _items(data: dict):
    for prog in data["programmes"]:
        for sub in prog["subplans"]:
            for item in sub["items"]:
                yield prog, sub, item


def _box_of(where: str) -> int | None:
    m = re.match(r"专栏(\d)", where)
    return int(m.group(1)) if m else None


# ── structure and counts ───────────────────────────────────────────────────────────────────────
def test_top_level(data: dict) -> None:
    assert set(data) <= TOP_KEYS
    assert data["schema_version"] == 1
    assert data["plan_id"] == "dadukou-education-14th-fyp"
    assert isinstance(data["version"], str)
    assert data["rules"] == {"approx_tolerance": 0.1, "not_started_lagging_after": 0.4, "exceeding_100_up_to": 120}


def test_programmes_and_subplans(data: dict, box_lines: dict[int, str]) -> None:
    ids = [p["id"] for p in data["programmes"]]
    assert ids == list(EXPECTED_ITEMS)
    for prog in data["programmes"]:
        assert set(prog) == PROGRAMME_KEYS, prog["id"]
        assert set(prog["title"]) == {"zh", "en"}
        if prog["id"] == "text":
            assert prog["box"] == "正文"
            assert prog["title_inferred"] is True
        else:
            n = int(prog["id"][3:])
            assert prog["box"] == f"专栏{n}"
            assert prog["title_inferred"] is (n <= 6), prog["id"]
            if not prog["title_inferred"]:
                assert prog["title"]["zh"] in box_lines[n]
        for sub in prog["subplans"]:
            assert set(sub) == SUBPLAN_KEYS, sub["id"]
            assert sub["id"].startswith(prog["id"] + "."), sub["id"]
            assert set(sub["title"]) == {"zh", "en"}
            if prog["id"] in ("text", "box7", "box8"):
                assert sub["number"] is None, sub["id"]
            else:
                assert sub["id"] == f"{prog['id']}.{sub['number']}"
            if prog["id"] != "text":
                # sub-plan titles are printed in the box itself
                assert sub["title"]["zh"] in box_lines[int(prog["id"][3:])], sub["id"]


@pytest.mark.parametrize("prog_id", list(EXPECTED_ITEMS))
def test_item_counts(data: dict, prog_id: str) -> None:
    prog = next(p for p in data["programmes"] if p["id"] == prog_id)
    counts = {sub["id"]: len(sub["items"]) for sub in prog["subplans"]}
    assert counts == EXPECTED_ITEMS[prog_id]
    assert sum(counts.values()) == EXPECTED_BOX_TOTALS[prog_id]


def test_named_list_entry_counts(data: dict) -> None:
    found = {item["id"]: len(item["entries"]) for _, _, item in _items(data) if item["measure"] == "named_list"}
    assert found == EXPECTED_ENTRIES


# ── quotes ─────────────────────────────────────────────────────────────────────────────────────
def _all_quotes(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("quote", "baseline_quote"):
                yield path + (key,), value
            yield from _all_quotes(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _all_quotes(value, path + (i,))


def test_every_quote_is_exact_substring(data: dict, source: str) -> None:
    quotes = list(_all_quotes(data))
    assert len(quotes) > 200
    missing = [(".".join(map(str, p)), q) for p, q in quotes if not isinstance(q, str) or not q or q not in source]
    assert not missing, missing


def test_box_quotes_are_in_their_box(data: dict, box_lines: dict[int, str], running_text: str) -> None:
    wrong = []
    for prog, _, item in _items(data):
        if prog["id"] == "text":
            if item["quote"] not in running_text:
                wrong.append((item["id"], item["quote"], "not in running text after the 2016–2020 review"))
        else:
            line = box_lines[int(prog["id"][3:])]
            if item["quote"] not in line:
                wrong.append((item["id"], item["quote"], prog["box"]))
            for entry in item.get("entries", []):
                if "quote" in entry and entry["quote"] not in line:
                    wrong.append((entry["id"], entry["quote"], prog["box"]))
    assert not wrong, wrong


def test_also_in_quotes_are_where_they_say(data: dict, source: str, box_lines: dict[int, str],
                                           running_text: str) -> None:
    places = [(item["id"], a) for _, _, item in _items(data) for a in item.get("also_in", [])]
    places += [(c["id"], s) for c in data.get("conflicts", []) for s in c["sources"]]
    assert places
    wrong = []
    for owner, place in places:
        where, quote = place["where"], place["quote"]
        box = _box_of(where)
        if box is not None and 2 <= box <= 8:
            ok = quote in box_lines[box]
        elif where.startswith("正文"):
            ok = quote in source and any(quote in ln for ln in source.splitlines() if not re.match(r"专栏[2-8]\s", ln))
        else:
            ok = quote in source
        if not ok:
            wrong.append((owner, where, quote))
    assert not wrong, wrong


def test_also_in_shape(data: dict) -> None:
    for _, _, item in _items(data):
        for place in item.get("also_in", []):
            assert set(place) == {"where", "quote"}, item["id"]
            assert place["where"].startswith(("专栏", "正文")), (item["id"], place["where"])
            if item["id"].startswith("box"):
                own_box = f"专栏{item['id'][3]}"
                assert not (place["where"].startswith(own_box + "·") and place["quote"] == item["quote"]), item["id"]


# ── ids ────────────────────────────────────────────────────────────────────────────────────────
def test_ids_unique_and_well_formed(data: dict) -> None:
    ids: list[str] = []
    for prog in data["programmes"]:
        ids.append(prog["id"])
        for sub in prog["subplans"]:
            ids.append(sub["id"])
            for item in sub["items"]:
                ids.append(item["id"])
                ids.extend(e["id"] for e in item.get("entries", []))
    bad = [i for i in ids if not isinstance(i, str) or not ID_RE.match(i)]
    assert not bad, bad
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, dupes


def test_item_ids_under_subplan(data: dict) -> None:
    for _, sub, item in _items(data):
        assert item["id"].startswith(sub["id"] + "."), item["id"]
        assert item["id"].count(".") == sub["id"].count(".") + 1, item["id"]


def test_entry_ids_under_item(data: dict) -> None:
    for _, _, item in _items(data):
        for entry in item.get("entries", []):
            assert set(entry) <= ENTRY_KEYS and {"id", "name"} <= set(entry), entry
            assert entry["id"].startswith(item["id"] + "."), entry["id"]
            assert set(entry["name"]) == {"zh", "en"}, entry["id"]


# ── measures ───────────────────────────────────────────────────────────────────────────────────
def _number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@pytest.mark.parametrize("measure", list(MEASURES))
def test_measure_fields(data: dict, measure: str) -> None:
    required, comparators, forbidden = MEASURES[measure]
    items = [item for _, _, item in _items(data) if item["measure"] == measure]
    assert items, f"no {measure} items"
    for item in items:
        iid = item["id"]
        assert set(item) <= ITEM_KEYS, (iid, set(item) - ITEM_KEYS)
        assert ITEM_REQUIRED <= set(item), iid
        assert set(item["name"]) == {"zh", "en"}, iid
        missing = [k for k in required if item.get(k) in (None, [], {}, "")]
        assert not missing, (iid, missing)
        present = [k for k in forbidden if k in item]
        assert not present, (iid, present)
        assert item["comparator"] in comparators, (iid, item["comparator"])
        due = item.get("due", 2025)
        assert isinstance(due, int) and 2021 <= due <= 2025, iid
        for key in ("target", "min", "max", "baseline"):
            if key in item and not (key == "baseline" and item[key] is None):  # null: the 2020 value is unknown
                assert isinstance(item[key], (int, float)) and not isinstance(item[key], bool), (iid, key)
        if "baseline_quote" in item:
            assert "baseline" in item, iid
        if "hedge" in item:
            assert item["hedge"] in HEDGES and item["hedge"] in item["quote"], iid

        if measure == "count":
            if item["comparator"] == "approx":
                assert "左右" in item["quote"], iid
            elif "左右" in item["quote"]:
                pytest.fail(f"{iid}: 左右 in the quote needs comparator approx")
            if item["comparator"] == ">":
                assert "余" in item["quote"] or "超过" in item["quote"], iid
            annual = any(w in item["quote"] for w in ("每年", "一年一度", "年度"))  # 实施年度评估: 1 a year
            derived = "derived" in item  # a ratio computed from reported rows (30:1)
            # a duty repeated with no interval in the text (定期, 持续, 继续, a 劳动周 per school year): read as
            # 1 a year, and the note says so
            read_yearly = item["clock"] == "recurring" and ("a year" in item.get("note", ""))
            assert annual or derived or read_yearly or _number_text(item["target"]) in item["quote"], iid
            if annual or read_yearly:
                # each year's own count (recurring), never a running total over the period
                assert (item["target"], item["clock"]) == (1, "recurring") and "note" in item, iid
        elif measure == "range":
            assert item["min"] < item["max"], iid
            assert _number_text(item["min"]) in item["quote"] and _number_text(item["max"]) in item["quote"], iid
        elif measure == "rate":
            assert item["unit"] == "%", iid
            assert 0 <= item["target"] <= 100, iid
            # only a ratio the text says may be above the other figure (不低于或高于) passes 100
            assert not item.get("may_exceed_100") or "高于" in item["quote"], iid
            if f"{_number_text(item['target'])}%" not in item["quote"]:
                assert "note" in item, f"{iid}: a rate not printed in the quote needs a note"
            if item["comparator"] == ">":
                assert "超过" in item["quote"], iid
        elif measure == "named_list":
            assert len(item["entries"]) >= 2, iid
        elif measure == "vague_batch":
            vague = item["vague"]
            assert set(vague) == {"word", "rule"} and vague["rule"], iid
            assert vague["word"] in VAGUE_FLOOR, (iid, vague["word"])
            assert vague["word"] in item["quote"], iid
            assert item["target"] == VAGUE_FLOOR[vague["word"]], iid
            assert f"→ {VAGUE_FLOOR[vague['word']]}" in vague["rule"], iid
        elif measure == "non_decreasing":
            assert "target" not in item, iid


def test_section_only_on_running_text(data: dict) -> None:
    for prog, _, item in _items(data):
        if prog["id"] == "text":
            assert item.get("section"), item["id"]
        else:
            assert "section" not in item, item["id"]


def test_numbered_vague_words_are_not_vague(data: dict) -> None:
    """'10余名' is a count with '>' 10, never a vague batch; every 一批 in a box is encoded."""
    for _, _, item in _items(data):
        if re.search(r"\d+余", item["quote"]) and item["measure"] != "completion":
            assert item["measure"] == "count" and item["comparator"] == ">", item["id"]


def _coverage(line: str, quotes: list[str]) -> list[bool]:
    covered = [False] * len(line)
    for q in quotes:
        for m in re.finditer(re.escape(q), line):
            covered[m.start():m.end()] = [True] * (m.end() - m.start())
    return covered


def test_every_batch_word_in_boxes_is_encoded(data: dict, box_lines: dict[int, str]) -> None:
    """Every 一批/数十/数百 printed in 专栏2–8 lies inside a vague_batch item's quote."""
    quotes = [item["quote"] for _, _, item in _items(data) if item["measure"] == "vague_batch"]
    for n, line in box_lines.items():
        covered = _coverage(line, quotes)
        for m in re.finditer(r"一批|数十|数百", line):
            assert all(covered[m.start():m.end()]), f"专栏{n}: '{line[m.start():m.start() + 10]}…' not encoded"


def test_every_number_in_boxes_is_quoted(data: dict, box_lines: dict[int, str]) -> None:
    """Each quantity (N + measure word) printed in 专栏2–8 lies inside an item, also_in or conflict quote."""
    quotes = [item["quote"] for _, _, item in _items(data)]
    quotes += [a["quote"] for _, _, item in _items(data) for a in item.get("also_in", [])]
    quotes += [s["quote"] for c in data.get("conflicts", []) for s in c["sources"]]
    for n, line in box_lines.items():
        covered = _coverage(line, quotes)
        for m in re.finditer(r"\d+(?:[-至]\d+)?(?:%|个|所|名|门|节|项|轮|人|余名)", line):
            assert all(covered[m.start():m.end()]), f"专栏{n}: '{m.group(0)}' is in no quote"


# ── conflicts ──────────────────────────────────────────────────────────────────────────────────
def test_conflicts(data: dict) -> None:
    conflicts = data.get("conflicts", [])
    assert {c["id"] for c in conflicts} == EXPECTED_CONFLICTS
    known = {item["id"] for _, _, item in _items(data)}
    known |= {e["id"] for _, _, item in _items(data) for e in item.get("entries", [])}
    for c in conflicts:
        assert set(c) == CONFLICT_KEYS, c["id"]
        assert ID_RE.match(c["id"]), c["id"]
        assert set(c["topic"]) == {"zh", "en"}, c["id"]
        assert len(c["sources"]) >= 2, c["id"]
        # said in both languages: plan show prints the reader's
        assert all(set(c[key]) == {"zh", "en"} and all(c[key].values()) for key in ("used", "reason")), c["id"]
        for s in c["sources"]:
            assert set(s) <= SOURCE_KEYS and {"where", "quote"} <= set(s), c["id"]
        for ref in c["concerns"]:
            assert ID_RE.match(ref), ref
            if ref.startswith(("box", "text.")):
                assert ref in known, (c["id"], ref)


def test_duplicates_of_box1_not_encoded_again(data: dict) -> None:
    """专栏4·1's 93% coverage and 55% public share belong to 专栏1 indicators, not to items here."""
    quotes = [item["quote"] for _, _, item in _items(data)]
    for phrase in ("普惠性幼儿园覆盖率巩固在93%以上", "全区公办园在园幼儿占比达55%以上", "高中阶段教育毛入学率达99%"):
        assert not any(phrase in q for q in quotes), phrase
