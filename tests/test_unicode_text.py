"""Excel's "Unicode text" export (另存为 → Unicode 文本 (*.txt)): UTF-16 with a BOM, cells separated by tabs, read like
the CSV (docs/rules.md#encodings); a tab-separated file in any other encoding is still refused."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import DATA, one_file


def unicode_text(csv_path: Path) -> bytes:
    """The CSV as Excel saves it as Unicode text: UTF-16 LE with its BOM, tabs between cells, CRLF, a cell quoted
    only when it holds a tab, a quote or a line break (a comma in a name stays as it is)."""
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-16")


def test_the_unicode_text_export_of_a_year_is_read_like_its_csv(cli, tmp_path: Path) -> None:
    # a .txt, as Excel names the export: read by its bytes, not refused by its name
    path = tmp_path / "2022.txt"
    path.write_bytes(unicode_text(DATA / "2022.csv"))
    assert path.read_bytes().startswith(b"\xff\xfei\x00d\x00\t\x00")
    shown = cli("validate", path, "--lang", "zh")
    assert shown.exit_code == 0, shown.stderr
    assert f"✓ 数据可用：{path} — 年份 2022（年份来源：文件名），380 行，编码 utf-16-le，制表符分隔" in shown.stdout
    table = cli("evaluate", path).stdout
    assert "(encoding utf-16-le, tab-separated, year from file name)" in table
    read, as_csv = (one_file(cli("evaluate", p, "--format", "json")) for p in (path, DATA / "2022.csv"))
    assert read["source"]["tab_separated"] is True and as_csv["source"]["tab_separated"] is False
    for part in ("indicators", "programmes", "summary"):  # every figure and verdict, each row named by its file
        assert json.dumps(read[part]).replace(str(path), "2022.csv") == json.dumps(as_csv[part]).replace(
            str(DATA / "2022.csv"), "2022.csv"
        ), part


def test_a_title_line_above_the_tabs_and_a_file_without_its_bom(cli, tmp_path: Path) -> None:
    text = "大渡口区2022年教育事业统计表\t\t\r\nid\tvalue\tnote\r\npreschool.enrolment\t1.67\t含逗号, 不分列\r\n"
    path = tmp_path / "2022.txt"
    path.write_bytes(text.encode("utf-16"))
    report = one_file(cli("evaluate", path, "--format", "json"))
    assert report["source"] == report["source"] | {"encoding": "utf-16-le", "tab_separated": True}
    row = next(r for r in report["indicators"] if r["id"] == "preschool.enrolment")
    assert row["actual"] == 1.67 and row["note"] == "含逗号, 不分列"
    assert [n["code"] for n in report["notices"]] == ["notice.above_header"]
    path.write_bytes(text.encode("utf-16-be"))  # no BOM: read when --encoding says it is UTF-16
    report = one_file(cli("evaluate", path, "--format", "json", "--encoding", "utf-16-be"))
    assert report["source"] == report["source"] | {"encoding": "utf-16-be", "tab_separated": True}


def test_tabs_in_utf8_or_gb18030_are_refused_pointing_to_unicode_text(cli, tmp_path: Path) -> None:
    text = (DATA / "2022.csv").read_text(encoding="utf-8").replace(",", "\t")
    for encoding in ("utf-8", "gb18030"):
        path = tmp_path / f"2022-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        result = cli("validate", path, "--lang", "zh")
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"{path}:1：错误：表头用制表符分隔，而不是逗号：planchk 读取逗号分隔的 CSV，制表符分隔的文本只读取 UTF-16 "
            "编码的（在 Excel 中：另存为 → CSV UTF-8，或 Unicode 文本）"
        ), result.stderr
