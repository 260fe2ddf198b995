"""`planchk plan draft` on indicator tables of every shape and on the files plans are published in.

One invented 2026–2030 plan (tests/fixtures/draft-shapes/, see its README) whose table is written one cell per
line (as copied from a county's web page), as a pipe table, tab-separated, aligned with spaces (a row split over
two lines), as a saved web page (.html) and as a Word document (.docx, built here with zipfile): every shape
must draft the same indicators, with the same baseline, target, comparator and 约束性/预期性, and list the row
it cannot read with its line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import ROOT
from planchk.plan.draft.documents import draft_plan
from planchk.plan.load import load_plan

SHAPES = ROOT / "tests" / "fixtures" / "draft-shapes"
PIPES = SHAPES / "qinghe-15th.pipes.zh.txt"

# What the table says, read by hand: name → (category, unit, 2025 value, 2030 value, comparator, as written,
# attribute, the total it is part of)
EXPECTED = {
    "学前教育毛入园率": ("普及水平", "%", 92.5, 95, ">=", "95以上", "indicative", None),
    "九年义务教育巩固率": ("普及水平", "%", 97, 97, ">=", "≥97", "binding", None),
    "高中阶段教育毛入学率": ("普及水平", "%", 93, 95, ">=", "不低于95", "binding", None),
    "在校学生数": ("办学规模", "万人", 3.2, 3.5, ">=", "3.5", "indicative", None),
    "小学": ("办学规模", "万人", 1.8, 1.9, ">=", "1.9", "indicative", "在校学生数"),
    "初中": ("办学规模", "万人", 0.9, 1.0, ">=", "1.0", "indicative", "在校学生数"),
    "高中": ("办学规模", "万人", 0.5, 0.6, ">=", "0.6", "indicative", "在校学生数"),
    "小学生师比": ("质量与保障", "", 17, 16, "<=", "≤16", "binding", None),
    "初中生师比": ("质量与保障", "", 13, 12, "<=", "≤12", "binding", None),
    "大班额比例": ("质量与保障", "%", 3.5, 0.5, "<=", "0.5以下", "binding", None),
    "劳动年龄人口平均受教育年限": ("质量与保障", "年", 10.8, 11.5, ">=", "11.5", "indicative", None),
}
UNREADABLE = "义务教育优质均衡达标学校比例"  # its 2025 cell is "—": no baseline, listed, drafted as a comment


def make_docx(text: str, path: Path) -> Path:
    """A minimal WordprocessingML document: each line of `text` a paragraph, each run of `| … |` lines a table
    (the first row's cells spaced out as Word users do: "指  标")."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body: list[str] = []
    rows: list[list[str]] = []

    def para(t: str) -> str:
        return f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(t)}</w:t></w:r></w:p>"

    def flush() -> None:
        if not rows:
            return
        trs = []
        for cells in rows:
            tcs = []
            if len([c for c in cells if c]) == 1:  # a category: one cell spanning the row
                tcs.append(f"<w:tc><w:tcPr><w:gridSpan w:val=\"{len(cells)}\"/></w:tcPr>{para(cells[0])}</w:tc>")
            else:
                tcs += [f"<w:tc>{para(c)}</w:tc>" for c in cells]
            trs.append("<w:tr>" + "".join(tcs) + "</w:tr>")
        body.append("<w:tbl>" + "".join(trs) + "</w:tbl>")
        rows.clear()

    for line in text.split("\n"):
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush()
        body.append(para(line))
    flush()
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>'
    document += "".join(body) + "</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", document)
    return path


def shape_sources(tmp_path: Path) -> dict[str, Path]:
    docx = make_docx(PIPES.read_text(encoding="utf-8"), tmp_path / "qinghe-15th.docx")
    return {
        "cells": SHAPES / "qinghe-15th.cells.zh.txt",
        "pipes": PIPES,
        "tabs": SHAPES / "qinghe-15th.tabs.zh.txt",
        "spaces": SHAPES / "qinghe-15th.spaces.zh.txt",
        "html": SHAPES / "qinghe-15th.zh.html",
        "docx": docx,
    }


@pytest.mark.parametrize("shape", ["cells", "pipes", "tabs", "spaces", "html", "docx"])
def test_every_shape_drafts_the_same_indicators(cli, tmp_path: Path, shape: str) -> None:
    source = shape_sources(tmp_path)[shape]
    out = tmp_path / "draft"
    result = cli("plan", "draft", source, "-o", out)
    assert result.exit_code == 0, result.output
    plan = load_plan(out)
    assert (plan.meta.period_start, plan.meta.period_end, plan.meta.baseline_year) == (2026, 2030, 2025)
    categories = {c.id: c.name.zh for c in plan.categories}
    got = {}
    for i in plan.indicators:
        (t,) = i.targets
        assert (i.baseline.year, t.year) == (2025, 2030), i.id
        total = plan.indicator_by_id[i.part_of].name.zh if i.part_of else None
        got[i.name.zh] = (categories[i.category], i.unit, i.baseline.value, t.value, t.comparator, t.as_written,
                          i.attribute, total)
    assert got == EXPECTED

    # the text kept beside the draft is the text read: every quote is in it, every source_line points at its row
    kept = out / plan.meta.source_text
    assert kept.suffix == ".txt" and kept.exists()
    lines = kept.read_text(encoding="utf-8").split("\n")
    for i in plan.indicators:
        base = i.name.zh.removeprefix("小学").removeprefix("初中") if "生师比" in i.name.zh else i.name.zh
        assert base[:4] in lines[i.source_line - 1].replace(" ", ""), (i.id, lines[i.source_line - 1])
    check = cli("plan", "check", out)
    # a fresh draft is checked like any plan; what it reports is only the text it has not yet encoded or excluded
    errors = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert all("`excluded`" in line for line in errors), check.output

    # the row it cannot read is listed with its line, in the kept text
    row_line = next(n for n, line in enumerate(lines, 1) if "8.义务教育优质均衡达标" in line)
    assert f"note: line {row_line}: row '{UNREADABLE}' has targets but no 2025 value (a new indicator)" in result.stdout
    commented = (out / "targets.yaml").read_text(encoding="utf-8").split("# ── New indicators", 1)[1]
    assert f"#   name: {{zh: {UNREADABLE}, en: {UNREADABLE}}}" in commented
    assert "#   - {year: 2030, value: 100, comparator: '>=', as_written: '100'}" in commented


def test_the_docx_and_the_page_keep_their_tables_as_tables(tmp_path: Path, cli) -> None:
    """The table of a .docx or a web page is written into the kept text as a pipe table, a row per line."""
    for source in (shape_sources(tmp_path)["docx"], SHAPES / "qinghe-15th.zh.html"):
        out = tmp_path / source.suffix.strip(".")
        assert cli("plan", "draft", source, "-o", out).exit_code == 0
        text = (out / load_plan(out).meta.source_text).read_text(encoding="utf-8")
        assert "| 2.九年义务教育巩固率(%) | 97 | ≥97 | 约束性 |" in text
        assert "not text" not in text  # a page's script is not its text
        assert text.startswith("清河县") or "清河县教育事业发展第十五个五年规划(2026—2030年)" in text.split("\n")[:8]


def indicators_of(text: str) -> dict[str, tuple[object, ...]]:
    drafted = draft_plan(text, "x.txt")
    return {i["name"]["zh"]: (i["baseline"]["value"], [(t["year"], t["value"], t["comparator"]) for t in i["targets"]],
                              i["attribute"]) for i in drafted.targets["indicators"]}


PLAN_HEAD = "某县教育事业发展“十五五”规划\n表1 主要指标\n"


def test_attribute_in_the_first_column_and_a_unit_column() -> None:
    text = (PLAN_HEAD + "属性\t指标\t单位\t2025年\t2030年\n约束性\t巩固率\t%\t96\t97以上\n"
            "预期性\t在校生数\t万人\t3.2\t3.6\n")
    assert indicators_of(text) == {"巩固率": (96, [(2030, 97, ">=")], "binding"),
                                   "在校生数": (3.2, [(2030, 3.6, ">=")], "indicative")}
    stream = PLAN_HEAD + "指标\n属性\n2025年\n2030年\n巩固率(%)\n约束性\n96\n97以上\n\n"
    assert indicators_of(stream) == {"巩固率": (96, [(2030, 97, ">=")], "binding")}


def test_base_and_target_columns_take_the_plans_years() -> None:
    """基期值 / 目标值 without years: the baseline year and the last year of the plan's own period."""
    text = PLAN_HEAD + "| 指标 | 基期值 | 目标值 | 属性 |\n| 毛入园率(%) | 90 | 95%及以上 | 预期性 |\n"
    assert indicators_of(text) == {"毛入园率": (90, [(2030, 95, ">=")], "indicative")}


def test_a_mid_period_column_and_comparators() -> None:
    text = (PLAN_HEAD + "指标  2025年  2028年  2030年  属性\n辍学率(%)  0.8  低于0.6  0.5以下  约束性\n"
            "达标率(%)  88  90左右  大于92  预期性\n")
    assert indicators_of(text) == {
        "辍学率": (0.8, [(2028, 0.6, "<="), (2030, 0.5, "<=")], "binding"),
        "达标率": (88, [(2028, 90, "approx"), (2030, 92, ">")], "indicative"),
    }


def test_rows_it_cannot_read_are_listed_with_their_line() -> None:
    text = (PLAN_HEAD + "| 指标 | 2025年 | 2030年 | 属性 |\n| 巩固率(%) | 96 | 97 | 约束性 |\n"
            "| 生师比 | 17/13 | 16/12 | 约束性 |\n| | 3 | 4 | 预期性 |\n| 四、空的类别 | | | |\n")
    drafted = draft_plan(text, "x.txt")
    assert [i["name"]["zh"] for i in drafted.targets["indicators"]] == ["巩固率"]
    notes = "\n".join(drafted.notes)
    assert "line 5: row '生师比' holds 2 values in a cell but its name does not say which is which" in notes
    assert "line 6: values without a row name" in notes
    assert "line 7: '空的类别' read as a category, but no row with values follows it" in notes


def test_the_period_comes_from_the_text() -> None:
    """A 2026–2030 plan named only by its table's years: baseline 2025, nothing assumed about 2020 or 2025."""
    text = "某县教育规划\n表1 主要指标\n指标\t2030年\t2035年\t属性\n巩固率(%)\t97\t98\t约束性\n"
    drafted = draft_plan(text, "x.txt")
    meta = drafted.targets["plan"]
    assert (meta["period_start"], meta["period_end"], meta["baseline_year"]) == (2031, 2035, 2030)
    (row,) = drafted.targets["indicators"]
    assert row["baseline"] == {"year": 2030, "value": 97} and row["targets"][0]["year"] == 2035


# ── files refused, with what to do ────────────────────────────────────────────────────────────────

def test_a_pdf_is_refused_with_how_to_get_text(cli, tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    result = cli("plan", "draft", pdf, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "save it as .docx" in result.stderr and ".txt" in result.stderr
    zh = cli("plan", "draft", pdf, "-o", tmp_path / "out", "--lang", "zh")
    assert zh.exit_code == 2 and "请用 WPS/Word 另存为 .docx 或复制文字为 .txt" in zh.stderr
    assert not (tmp_path / "out").exists()


def test_old_word_files_and_damaged_documents_are_refused(cli, tmp_path: Path) -> None:
    doc = tmp_path / "plan.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    result = cli("plan", "draft", doc, "-o", tmp_path / "o1")
    assert result.exit_code == 2 and ".doc" in result.stderr and "save it as" in result.stderr
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    result = cli("plan", "draft", broken, "-o", tmp_path / "o2")
    assert result.exit_code == 2 and "the document cannot be read" in result.stderr
    no_body = tmp_path / "empty.docx"
    with zipfile.ZipFile(no_body, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    result = cli("plan", "draft", no_body, "-o", tmp_path / "o3")
    assert result.exit_code == 2 and "no word/document.xml" in result.stderr


def test_a_docx_with_entities_is_refused_unparsed(cli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                   '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>')
    result = cli("plan", "draft", bomb, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "DOCTYPE or entities" in result.stderr


def test_a_docx_that_inflates_a_thousandfold_is_refused(cli, tmp_path: Path) -> None:
    bomb = tmp_path / "zip.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<d>" + b" " * (8 * 1024 * 1024) + b"</d>")
    result = cli("plan", "draft", bomb, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "zip bomb" in result.stderr


def test_an_endless_source_is_refused_unread(cli, tmp_path: Path) -> None:
    """/dev/zero is refused unread: a plan's text is a regular file (tests/test_plan_draft.py bounds a huge one)."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    result = cli("plan", "draft", "/dev/zero", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "regular file" in result.stderr
