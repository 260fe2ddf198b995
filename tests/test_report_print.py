"""A report fit to hand over (issue 15, part 4): numbers at the plan's own precision, Chinese typography, chart
axes, print CSS for A4 and a PDF made with headless Chromium."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EARLY_YEARS, ROOT, read_yaml
from planchk.cli.app import app

YEARS = (2022, 2023, 2025)  # mid-term, annual, final
LANGS = ("zh", "en")
FORMATS = ("markdown", "html")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, str, str], str]:
    """Every kind of report in both languages and both formats, from the sample data (and the 2025 example)."""
    runner = CliRunner()
    env = {"PLANCHK_LANG": "en", "NO_COLOR": "1"}
    tmp = tmp_path_factory.mktemp("reports")
    final = tmp / "2025.csv"
    assert runner.invoke(app, ["template", "2025", "--example", "-o", str(final)], env=env).exit_code == 0
    for f in EARLY_YEARS:  # one district's years: beside the 2025 example, named alike
        shutil.copyfile(f, tmp / f.name)
    files = [str(tmp / f.name) for f in EARLY_YEARS] + [str(final)]
    out = {}
    for year in YEARS:
        for lang in LANGS:
            for fmt in FORMATS:
                result = runner.invoke(
                    app, ["report", *files, "--year", str(year), "--format", fmt, "--lang", lang], env=env
                )
                assert result.exit_code == 0, result.output
                out[(year, lang, fmt)] = result.stdout
    return out


ALL = [(y, lang, f) for y in YEARS for lang in LANGS for f in FORMATS]


# ---- reading the reports back -------------------------------------------------------------------------------


class _Text(HTMLParser):
    """The text a reader sees in an HTML report (no <style>, no attributes), and its tables cell by cell."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._skip = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self._skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in ("p", "li", "h1", "h2", "h4", "figcaption", "tr", "text", "title"):
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def html_text(page: str) -> tuple[str, list[list[list[str]]]]:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.text), parser.tables


def md_tables(markdown: str) -> list[list[list[str]]]:
    """Every Markdown table: rows of cells (header first, the |---| line left out), code spans and escapes removed."""
    tables: list[list[list[str]]] = []
    previous = ""
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            if not re.fullmatch(r"\|(-+:?\|)+", line.replace(" ", "")):
                cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
                tables[-1].append([_md_plain(c) for c in cells])
        previous = line
    return tables


def _md_plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", re.sub(r"`[^`]*`", "", text)).strip()


def tables_of(report: str, fmt: str) -> list[list[list[str]]]:
    return html_text(report)[1] if fmt == "html" else md_tables(report)


def prose_of(report: str, fmt: str) -> str:
    """What a reader reads: the HTML's text, or the Markdown without code spans, escapes and table pipes."""
    if fmt == "html":
        return html_text(report)[0]
    lines = [_md_plain(line).replace("|", "\n") for line in report.splitlines() if not line.startswith("|---")]
    return "\n".join(lines)


# ---- 3. numbers at the plan's own precision -------------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:\.(\d+))?(?![\w.])")


def _written_decimals(text: str) -> int:
    return max((len(m.group(1) or "") for m in re.finditer(r"\d+(?:\.(\d+))?", text)), default=0)


def _plan_precision() -> dict[str, int]:
    """Row name (zh and en) → the decimals the plan writes for it, read from the YAML as written: an indicator's
    baseline and milestones (as_written), an item's target, bounds or baseline (0 when it gives none)."""
    out: dict[str, int] = {}
    targets = read_yaml(ROOT / "plan" / "targets.yaml")
    for ind in targets["indicators"]:
        written = [str(ind["baseline"]["value"])] + [t["as_written"] for t in ind["targets"]]
        for name in ind["name"].values():
            out[name] = max(_written_decimals(w) for w in written)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "measure" in node and "name" in node:
                written = [str(node[k]) for k in ("target", "min", "max", "baseline") if node.get(k) is not None]
                for name in node["name"].values():
                    out.setdefault(name, max((_written_decimals(w) for w in written), default=0))
            elif "quote" in node and "name" in node and "id" in node:  # a named project: status words, no number
                for name in node["name"].values():
                    out.setdefault(name, 0)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(read_yaml(ROOT / "plan" / "projects.yaml"))
    return out


PRECISION = _plan_precision()


def _too_precise(cells: list[str], allowed: int) -> list[str]:
    return [m.group(0) for c in cells for m in NUMBER.finditer(c) if len(m.group(1) or "") > allowed]


@pytest.mark.parametrize("year, lang, fmt", ALL)
def test_numbers_keep_the_plans_precision(reports, year: int, lang: str, fmt: str) -> None:
    # never more than one decimal beyond what the plan writes for the row (1.3433 → 1.344, 11.9643 → 11.96)
    report = reports[(year, lang, fmt)]
    tables = tables_of(report, fmt)
    indicators, rules = tables[0], [t for t in tables if t[0][1:] and t[0][1].isdigit()]
    assert len(indicators) == 14  # the header and 13 rows
    checked = 0
    for table in [indicators, *rules]:
        for row in table[1:]:
            name = row[0]
            assert name in PRECISION, name
            allowed = PRECISION[name] + 1
            assert _too_precise(row[1:], allowed) == [], (name, allowed, row)
            checked += 1
    assert checked >= 13
    # and nowhere else in the report (headline, attention, chart ticks) a number beyond the most precise row
    most = max(PRECISION.values()) + 1
    assert _too_precise([prose_of(report, fmt)], most) == []


def test_a_plan_value_shown_rounded_is_still_met_when_reached(reports) -> None:
    # 普通初中在校学生数 2023: the plan's path asks for 1.28 + (1.47 − 1.28) / 3 = 1.3433, judged at 4 decimals;
    # shown at 3 it reads ≥1.344 (up, not 1.343), so a department that reports the shown value meets it
    report = reports[(2023, "zh", "markdown")]
    row = next(r for r in md_tables(report)[0] if r[0] == "普通初中在校学生数")
    assert row[3] == "1.344" and row[4] == "1.3"
    assert "11.96" in report and "11.9643" not in report  # the projection of 平均受教育年限
    assert "18300" in report and "18300.0" not in report  # 生均一般公共预算教育支出, reported in whole 元


def test_format_number_at_a_precision() -> None:
    from planchk.numbers import decimals, format_number

    assert [decimals(w) for w in ("1.47", "≥93", "99.8%以上", "text")] == [2, 0, 1, 0]
    assert [decimals(v) for v in (93.0, 50.15, 100.0, 0.5)] == [0, 2, 0, 1]
    assert format_number(1.3433, 3) == "1.343" and format_number(1.3433, 3, "up") == "1.344"
    assert format_number(3.2017, 3, "down") == "3.201" and format_number(1.77, 3, "up") == "1.77"
    assert format_number(99.515, 2) == "99.52" and format_number(-0.0001, 3) == "0" and format_number(12.0, 1) == "12"
    assert format_number(1.34329) == "1.3433"  # the default is unchanged: 4 decimals


# ---- 2. Chinese typography ------------------------------------------------------------------------------------

CJK = re.compile("[\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
HALF_WIDTH = ':,;()"'


def half_width_slips(prose: str) -> list[str]:
    """Every ASCII : , ; ( ) " that stands next to Chinese (the nearest character on its line, spaces skipped, on
    either side is a Chinese character or a full-width mark), and every >= or <=, with some context. Numbers
    (30:1, 1,000), ids (dadukou-education-14th-fyp), versions and file names (data/2023.csv、data/2022.csv) have
    no Chinese beside their own marks, and pass."""
    slips = [m.group(0) for m in re.finditer(r".{0,12}(>=|<=).{0,12}", prose)]
    for line in prose.splitlines():
        for i, char in enumerate(line):
            if char in HALF_WIDTH:
                before, after = line[:i].rstrip()[-1:], line[i + 1 :].lstrip()[:1]
                if CJK.fullmatch(before or "a") or CJK.fullmatch(after or "a"):
                    slips.append(line[max(0, i - 12) : i + 13])
    return slips


def test_the_checker_finds_half_width_slips_and_passes_numbers_ids_and_files() -> None:
    bad = ["年度评估:2023 年", "进度正常,60–95% 需加快", "专栏3: 6 × 未达标 (思想政治教育)", "规划(含 2020 基期)",
           "≥95% 进度正常，<=0 偏离", "ratio >= 0.95", '发展"十四五"规划', "在园幼儿数 (预期性): 未达标"]
    assert [len(half_width_slips(b)) > 0 for b in bad] == [True] * len(bad)
    good = ["年度评估：2023 年", "区级教师研训指导团队（30:1）", "数据文件：data/2021.csv、data/2022.csv",
            "规划：dadukou-education-14th-fyp v1.1.2", "Binding (binding): 1,000 pupils", "预计仅 11.96",
            "10:30 上课", "《重庆市大渡口区教育事业发展“十四五”规划》"]
    assert [half_width_slips(g) for g in good] == [[]] * len(good)


def test_zh_punct_on_names_from_the_plan() -> None:
    from planchk.render.text import zh_punct

    assert zh_punct("区级教师研训指导团队(30:1)") == "区级教师研训指导团队（30:1）"
    assert zh_punct('重庆市大渡口区教育事业发展"十四五"规划') == "重庆市大渡口区教育事业发展“十四五”规划"
    assert zh_punct("区、校两级: 指导, 中心 (具名)") == "区、校两级：指导，中心（具名）"
    assert zh_punct("Teachers (30:1), 1,000 pupils; x >= 2") == "Teachers (30:1), 1,000 pupils; x ≥ 2"


@pytest.fixture(scope="module")
def revised_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A zh report of a revised plan with a binding miss and a missing row: the revision line and the headline."""
    import shutil

    from test_versions import REVISION

    tmp = tmp_path_factory.mktemp("revised")
    shutil.copytree(ROOT / "plan", tmp / "plan")
    with open(tmp / "plan" / "targets.yaml", "a", encoding="utf-8") as handle:
        handle.write(REVISION)
    data = tmp / "2025.csv"
    data.write_text("id,value\npreschool.enrolment,2.0\ncompulsory.retention_rate,99.9\n", encoding="utf-8")
    runner = CliRunner()
    out = {}
    for fmt in FORMATS:
        result = runner.invoke(app, ["report", str(data), "--plan", str(tmp / "plan"), "--format", fmt, "--lang", "zh"],
                               env={"NO_COLOR": "1"})
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    return out


@pytest.mark.parametrize("year, fmt", [(y, f) for y in YEARS for f in FORMATS])
def test_chinese_reports_use_full_width_punctuation(reports, year: int, fmt: str) -> None:
    prose = prose_of(reports[(year, "zh", fmt)], fmt)
    assert half_width_slips(prose) == []
    assert "《重庆市大渡口区教育事业发展“十四五”规划》" in prose  # the plan named as a document
    assert "≥" in prose or year == 2025


@pytest.mark.parametrize("fmt", FORMATS)
def test_chinese_report_of_a_revised_plan_with_a_binding_miss(revised_reports, fmt: str) -> None:
    prose = prose_of(revised_reports[fmt], fmt)
    assert half_width_slips(prose) == []
    assert "规划版本 1.2.0（由 1.1.2 修订）：preschool.enrolment 2025 value 1.97 → 2.07" in prose
    assert "约束性指标未达标：九年义务教育巩固率未达标（99.9，要求 ≥100）。" in prose
    assert "九年义务教育巩固率（约束性）：未达标，99.9 未达到 ≥100" in prose


# ---- 5. the method named in full, with a link into the docs ---------------------------------------------------


@pytest.mark.parametrize("year, lang, fmt", [(y, lang, f) for y in (2022, 2023) for lang in LANGS for f in FORMATS])
def test_the_method_is_named_and_linked(reports, year: int, lang: str, fmt: str) -> None:
    report = reports[(year, lang, fmt)]
    prose = prose_of(report, fmt)
    assert "planchk 说明" not in prose and "planchk README" not in prose
    words = ("规划自身的路径", "Eurostat 与 Open SDG 增速比法", "≥0.6 需加快") if lang == "zh" else (
        "the plan's own path", "Eurostat / Open SDG growth-ratio method", "≥0.6 acceleration needed")
    assert all(w in prose for w in words), prose
    link = "docs/rules.md#trend-classification"
    markup = f'<a href="{link}">{link}</a>' if fmt == "html" else f"[{link}]({link})"
    assert markup in report
    # the link is relative to the repository's root, and the section it names is there
    path, anchor = link.split("#")
    headings = re.findall(r"^#+ (.+)$", (ROOT / path).read_text(encoding="utf-8"), flags=re.M)
    assert anchor in [re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings]


# ---- 4. chart axes --------------------------------------------------------------------------------------------


def test_a_rate_near_100_gets_a_band_that_stops_at_100() -> None:
    from planchk.render.charts import axis

    # 高中阶段毛入学率 99.2 → 99.5, with a 0.1-point dip: 96–100 in steps of 2, never 100.8 or 101
    a = axis([99.2, 99.3, 99.4, 99.3, 99.5], 99.5, "rate", "%")
    assert (a.low, a.high, a.step) == (96, 100, 2) and [a.label(t) for t in a.ticks()] == ["96", "98", "100"]
    assert 0.1 / (a.high - a.low) <= 0.05  # a 0.1-point dip is at most a twentieth of the chart's height
    # a flat 100 → 100 and a dip to 99.6 read the same way
    assert (axis([100, 100], 100, "rate", "%").high, axis([99.8, 99.6], 99.8, "rate", "%").high) == (100, 100)
    # a rate far from 100 gets a band round its values and target, not 0–100
    share = axis([50.15, 53.2, 53.9, 55], 55, "rate", "%")
    assert (share.low, share.high) == (48, 56) and share.low <= 50.15 and share.high >= 55
    # a gross rate may pass 100; the axis then shows it rather than cutting it off
    assert axis([99.0, 101.2], 100, "rate", "%").high == 102


def test_a_count_starts_at_0() -> None:
    from planchk.render.charts import axis

    a = axis([1.47, 1.67, 1.74, 1.97], 1.97, "count", "万人")  # 在园幼儿数
    assert (a.low, a.high) == (0, 2) and [a.label(t) for t in a.ticks()] == ["0", "0.5", "1", "1.5", "2"]
    assert axis([0, 3], 10, "count", "所").low == 0 and axis([0, 3], 10, "count", "所").high == 10
    assert (axis([0, 0], 0, "count", "所").low, axis([0, 0], 0, "count", "所").high) == (0, 1)
    years = axis([11.3, 11.5, 11.7], 12, "years", "年")  # 平均受教育年限: a band, not from 0
    assert (years.low, years.high) == (11, 12.5)


@pytest.mark.parametrize("year", YEARS)
def test_the_charts_in_the_report_have_round_ticks(reports, year: int) -> None:
    page = reports[(year, "zh", "html")]
    charts = re.findall(r"<figcaption>(.*?)</figcaption>(<svg.*?</svg>)", page)
    assert len(charts) == 13
    for caption, svg in charts:
        ticks = [float(t) for t in re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', svg)]
        assert len(ticks) >= 2 and ticks == sorted(ticks, reverse=False), caption
        if "（%）" in caption:
            assert max(ticks) <= 100, caption
        if "（万人）" in caption:
            assert min(ticks) == 0, caption
        assert all(decimals_of(t) <= 1 for t in ticks), caption  # 96, 98, 100 or 0.5 steps; never 100.8


def decimals_of(value: float) -> int:
    text = repr(value)
    return 0 if text.endswith(".0") else len(text.split(".")[1])


# ---- 1. print CSS for A4 --------------------------------------------------------------------------------------


def _style(page: str) -> str:
    return page.split("<style>", 1)[1].split("</style>", 1)[0]


@pytest.mark.parametrize("year, lang", [(y, lang) for y in YEARS for lang in LANGS])
def test_the_html_report_prints_on_a4(reports, year: int, lang: str) -> None:
    page = reports[(year, lang, "html")]
    css = _style(page)
    assert "@page{size:A4;" in css
    # a running header with the plan, the year and the kind of report, and the page number at the bottom
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert f'@top-center{{content:"{title}";' in css and str(year) in title
    assert "@bottom-right{content:" in css and "counter(page)" in css and "counter(pages)" in css
    assert ('"第 " counter(page) " 页，共 " counter(pages) " 页"' if lang == "zh" else '"Page " counter(page)') in css
    # no table row and no chart cut by a page break; table headers repeated on every page
    printed = css.split("@media print{", 1)[1]
    assert "thead{display:table-header-group}" in printed and re.search(r"tr,figure[^{]*\{break-inside:avoid", printed)
    tables = page.count("<table")
    assert tables == page.count("<thead><tr>") == page.count("<tbody>") >= 2
    assert page.count('<figure class="chart">') == page.count("<svg") == 13
    # the screen keeps its layout: the print rules live only in @page and @media print
    screen = css.split("@page", 1)[0]
    assert "max-width:1100px" in screen and "break-inside" not in screen and "A4" not in screen


def test_a_title_cannot_break_out_of_the_style_sheet() -> None:
    from planchk.render.report_style import print_css

    css = print_css('Plan "A" </style><script>x</script> \\', "en")
    assert "</style>" not in css and "<script>" not in css
    assert '@top-center{content:"Plan \\22 A\\22  \\3c /style\\3e \\3c script\\3e x' in css


# ---- 6. a PDF made with headless Chromium ---------------------------------------------------------------------

BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _chromium() -> str:
    import shutil

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the PDF is not checked")
    return browser


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points, from the page objects' /MediaBox (Chromium's PDFs keep them uncompressed)."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    assert len(boxes) == len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def test_the_final_report_prints_to_an_a4_pdf_of_several_pages(reports, tmp_path: Path) -> None:
    """The command of docs/reports.md, run when Chromium is installed (skipped, and said so, where it is not)."""
    import shutil
    import subprocess

    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(reports[(2025, "zh", "html")], encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    # A process: the page as a real browser prints it.
    proc = subprocess.run([browser, *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                           f"--print-to-pdf={pdf}", str(page)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0 and pdf.exists(), proc.stderr[-1000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    sizes = pdf_pages(data)
    assert len(sizes) > 1, sizes
    for width, height in sizes:
        assert abs(width - 595) <= 2 and abs(height - 842) <= 2, sizes  # A4 portrait
    if shutil.which("pdftotext"):  # poppler-utils: the margin boxes are printed (Chromium 131+)
        # A process: poppler's own reading of the PDF.
        text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True,
                              text=True, timeout=60).stdout
        assert "《重庆市大渡口区教育事业发展“十四五”规划》2025年总结评估报告" in text
        assert f"第 2 页，共 {len(sizes)} 页" in text


def test_the_mid_term_headline_counts_the_rest_and_leaves_their_class_to_the_table(cli) -> None:
    """2022, the mid-term: 9 of 13 indicators meet their 2022 values, 3 fall short and 1 is not reported. The headline
    said the other four 需加快 (acceleration needed), then that all four were below their values."""
    report = cli("report", str(ROOT / "data" / "2021.csv"), str(ROOT / "data" / "2022.csv")).stdout
    headline = next(line for line in report.splitlines() if line.startswith("中期进度"))
    met, total = map(int, re.search(r"主要指标 (\d+)/(\d+) 项", headline).groups())
    assert (met, total) == (9, 13)
    table = [line for line in report.splitlines() if line.startswith("| ") and "`" in line][:total]
    cells = [[c.strip() for c in line.split("|")] for line in table]
    below, missing = sum("未达标" in row for row in cells), sum("缺报" in row for row in cells)
    assert (below, missing) == (3, 1)
    assert f"；{below} 项未达到，{missing} 项缺报，各项的趋势评估见下表。" in headline and "需加快" not in headline
