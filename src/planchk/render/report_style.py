"""The HTML report's style sheets: the screen's, and the printed page's (A4, running header, page numbers)."""

from __future__ import annotations

import re

from planchk.i18n import label

FONTS = 'system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif'
CSS = """body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1100px;color:#1a1a1a;line-height:1.5;padding:0 1em}table{border-collapse:collapse;margin:1em 0;width:100%}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}
td.num{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd;padding:6px;margin:0}
.chart figcaption{margin:0 0 4px;font-size:13px;font-weight:bold}.chart svg{display:block}
.bar{background:#eee;width:160px;height:12px;display:inline-block}
.bar span{display:block;height:12px;background:#2e7d32}.s-pass,.s-achieved,.s-on_track{color:#2e7d32}
.s-fail,.s-moving_away{color:#c62828}.s-missing,.s-acceleration_needed,.s-limited_progress{color:#b26a00}
small{color:#666}.indicators td:not(:first-child):not(:last-child){white-space:nowrap}"""
# Printed (or saved as PDF): A4 pages with the title at the top and the page number at the bottom (CSS paged
# media margin boxes, Chromium 131+), no table row or chart cut by a page break, table headers repeated on every
# page, and the screen's colours kept. The screen view is unchanged.
PRINT_CSS = """@page{size:A4;margin:16mm 12mm 14mm;@top-center{content:HEADER;font:8pt MARGIN_FONT;color:#666}
@bottom-right{content:PAGE;font:8pt MARGIN_FONT;color:#666}}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.4}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}h1{font-size:15pt;margin:0 0 .4em}
h2{font-size:12pt;margin:1em 0 .4em;break-after:avoid}table{font-size:8pt;margin:.5em 0;width:99.8%}
th,td{padding:2px 4px}
thead{display:table-header-group}tr,figure,li,.headline{break-inside:avoid}.charts{gap:6px}.chart{padding:3px;width:216px}
.chart figcaption{font-size:8.5pt}.chart svg{width:216px;height:auto}.bar{width:90px}a{color:inherit}}"""


def _css_string(text: str) -> str:
    """A CSS string literal; quotes, backslashes, angle brackets and control characters escaped (a title from
    the plan cannot end the <style> element)."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"<>&' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def print_css(title: str, lang: str) -> str:
    """The print style sheet, with the running header (plan, year, kind of report) and 'page N of M'."""
    template = label(lang, "report.page")  # 第 {page} 页，共 {pages} 页 / Page {page} of {pages}
    parts = re.split(r"\{(page|pages)\}", template)
    page = " ".join(f"counter({p})" if i % 2 else _css_string(p) for i, p in enumerate(parts) if p)
    css = PRINT_CSS.replace("MARGIN_FONT", FONTS).replace("PAGE", page, 1)
    return css.replace("HEADER", _css_string(title), 1)  # the title last: nothing in it is replaced
