"""Every sentence planchk says about its input and its own run, in Chinese and English: one catalogue.

`MESSAGES` maps a key to its two templates with the same named {placeholders} (a test checks both
languages have the same keys and placeholders, and that every `problem(`, `notice(`, `finding(` and
`say(` in the source names a key that exists with exactly the parameters it needs). A diagnostic's
`code` is its key, so scripts can rely on it; its `message` and `message_zh` are the two templates
filled in. Labels of tables and reports are in `i18n.LABELS`.

Keys are `<kind>.<name>`: `input` (an actual-year file that cannot be judged), `notice` (said about a
file that is judged), `plan` (a plan that cannot be loaded), `usage` (options and arguments),
`plan-lint` (`plan check` findings), `parts-sum` (parts that do not add up to their total), `verdict` (why
an indicator or item got its status), `format` (the sentences of a CI format), `cli` (the command line's own
sentences); the others (`term`, `hint`,
`os`, `output`, `yaml`, `pydantic`) are pieces that go into those messages.

Chinese: full-width punctuation (,:;()「」), spaces between Chinese and numbers, ids or other
Latin text, ids and values quoted with 「」 and left as they are.
"""

from __future__ import annotations

import errno
import re
import string
from collections.abc import Iterable, Mapping

from planchk.i18n import Bilingual

MESSAGES: dict[str, dict[str, str]] = {
    # ── an actual-year file: bytes → text (reading/decode.py) ────────────────────────────────────────
    "input.cannot_read": {
        "en": "cannot read file: {reason}",
        "zh": "无法读取文件：{reason}",
    },
    "input.too_large": {
        "en": "file is larger than {mb} MB: planchk refuses it (a yearly submission is a few hundred rows); "
        "is this the right file?",
        "zh": "文件大于 {mb} MB，planchk 不予读取（一年的报送数据只有几百行）；文件是否选对了？",
    },
    "input.unknown_encoding": {
        "en": "unknown encoding '{encoding}', or not one a text file is kept in: use utf-8, gb18030 or another "
        "text encoding",
        "zh": "未知的编码「{encoding}」，或不是文本文件所用的编码：请用 utf-8、gb18030 等文本编码",
    },
    "input.not_in_encoding": {
        "en": "file is not valid {encoding}: {at}",
        "zh": "文件不是有效的 {encoding}：{at}",
    },
    "input.bad_bom": {
        "en": "file starts with a {encoding} byte-order mark but is not valid {encoding}: {at}",
        "zh": "文件以 {encoding} 字节顺序标记（BOM）开头，但内容不是有效的 {encoding}：{at}",
    },
    "input.binary": {
        "en": "this is {kind}, not a CSV text file: export or save it as CSV (UTF-8 or GB18030)",
        "zh": "这是 {kind}，不是 CSV 文本文件：请导出或另存为 CSV（UTF-8 或 GB18030）",
    },
    "input.nul_bytes": {
        "en": "file contains NUL bytes: it is not a text CSV (a binary file, or UTF-16/32 without a byte-order mark)",
        "zh": "文件含有 NUL 字节，不是文本 CSV（是二进制文件，或没有字节顺序标记的 UTF-16/32 文件）",
    },
    "input.neither_utf8_nor_gb18030": {
        "en": "file is neither UTF-8 nor GB18030: read as {encoding}, it fails at {at}; {also}; pass --encoding "
        "if you know what it is",
        "zh": "文件既不是 UTF-8 也不是 GB18030：按 {encoding} 读取，在{at}出错；{also}；"
        "如果知道文件的编码，请用 --encoding 指定",
    },
    # ── an actual-year file: text → rows (reading/csvfile.py) ────────────────────────────────────────
    "input.empty_file": {
        "en": "file is empty: expected a header line with at least 'id' and 'value'",
        "zh": "文件是空的：至少应有一行含 id 和 value 的表头",
    },
    "input.unclosed_quote": {
        "en": 'cannot parse the CSV here: a quote (") opens a cell that is never closed',
        "zh": '无法解析此处的 CSV：单元格的引号（"）没有闭合',
    },
    "input.text_after_quote": {
        "en": "cannot parse the CSV here: text follows the closing quote of a cell (write a quote inside a "
        'cell as two: "")',
        "zh": '无法解析此处的 CSV：单元格的右引号后面还有文字（单元格内的引号要写成两个：""）',
    },
    "input.field_too_large": {
        "en": "a cell starting on this line holds more than {limit} characters, where a figure or a note is a "
        "few dozen: is this the right file, or is a quote left open above?",
        "zh": "从这一行开始的单元格超过 {limit} 个字符，而一个数值或备注只有几十个字符：文件是否选对了？"
        "还是上方有引号没有闭合？",
    },
    "input.csv_error": {
        "en": "cannot parse the CSV here: {detail}",
        "zh": "无法解析此处的 CSV（原文：{detail}）",
    },
    "input.separator": {
        "en": "the header is separated by {separator}, not commas: planchk reads comma-separated CSV, and "
        "tab-separated text only in UTF-16 (in Excel: Save As → CSV UTF-8, or Unicode Text)",
        "zh": "表头用{separator}分隔，而不是逗号：planchk 读取逗号分隔的 CSV，制表符分隔的文本只读取 UTF-16 编码的"
        "（在 Excel 中：另存为 → CSV UTF-8，或 Unicode 文本）",
    },
    "input.sep_line": {
        "en": "the first line says the file is separated by {separator} (sep={char}), not commas: planchk reads "
        "comma-separated CSV (in Excel: Save As → CSV UTF-8)",
        "zh": "第一行声明文件用{separator}分隔（sep={char}），而不是逗号：planchk 只读取逗号分隔的 CSV"
        "（在 Excel 中：另存为 → CSV UTF-8）",
    },
    "input.repeated_column": {
        "en": "column '{label}' repeats column '{first}'",
        "zh": "列「{label}」与列「{first}」重复",
    },
    "input.missing_column": {
        "en": "the header has no '{name}' column (accepted: {aliases}); header is: {header}",
        "zh": "表头没有「{name}」列（可用的列名：{aliases}）；表头为：「{header}」",
    },
    "input.no_data_rows": {
        "en": "the file has a header but no data rows",
        "zh": "文件只有表头，没有数据行",
    },
    "input.cell_outside_table": {
        "en": "a filled cell right of the table's {width} headed columns: give its column a header or clear it",
        "zh": "表格 {width} 个有表头的列的右侧有填写的单元格：请为该列加表头，或清空它",
    },
    "notice.unit_row_not_its_own": {
        "en": "'{id}' is filled in by {unit} (the file's name says so), but {owner} answers for it: check that the "
        "figure is the right unit's",
        "zh": "「{id}」由「{unit}」填报（见文件名），但该项由「{owner}」负责：请核实该数字是否应由本单位填报",
    },
    "input.duplicate_elsewhere": {
        "en": "id '{id}' is filled in at {other} too: each figure is given in one place (one sheet, one file); "
        "leave its value and note empty in the other",
        "zh": "编号「{id}」在 {other} 也已填写：每个数字只能在一处填报（一个工作表、一个文件），"
        "另一处的数值和备注请留空",
    },
    "input.workbook_corrupt": {
        "en": "the workbook cannot be read ({detail}): is it damaged, or not a workbook? Open it in Excel or WPS "
        "and save it again as .xlsx",
        "zh": "无法读取该工作簿：文件是否已损坏，或并非工作簿？请在 Excel 或 WPS 中打开后重新另存为 .xlsx"
        "（原文：{detail}）",
    },
    "input.workbook_encrypted": {
        "en": "the workbook is protected by a password: planchk cannot open it; save it as an .xlsx without a "
        "password (File › Info › Protect Workbook › Encrypt with Password, cleared)",
        "zh": "该工作簿有密码保护：planchk 无法打开；请另存为无密码的 .xlsx"
        "（文件 › 信息 › 保护工作簿 › 用密码进行加密，清空密码）",
    },
    "input.not_a_workbook": {
        "en": "this file is named as a workbook but is {what}: export the year's form as .xlsx (or CSV) and "
        "check that this is the right file",
        "zh": "此文件名为工作簿，实际是{what}：请把本年的报表导出为 .xlsx（或 CSV），并确认文件选对了",
    },
    "input.no_data_sheet": {
        "en": "no sheet has a header with an 'id' column, or a plan id, in its first {rows} rows (sheets: {sheets}): "
        "is this the right file? The form's header is id, value …",
        "zh": "没有一个工作表在前 {rows} 行中有含 id 列的表头或规划编号（工作表：{sheets}）："
        "文件是否选对了？报表的表头为 id、value……",
    },
    "input.workbook_is_html": {
        "en": "this file is named as a workbook but is a web page (HTML), as some systems export '.xls': open it "
        "in Excel or WPS and save it as .xlsx, or export CSV",
        "zh": "此文件名为工作簿，实际是网页（HTML），一些系统导出的“.xls”就是这样："
        "请在 Excel 或 WPS 中打开后另存为 .xlsx，或导出 CSV",
    },
    "input.workbook_is_text": {
        "en": "this file is named as a workbook but is text (a CSV?): rename it to .csv, or open it in Excel or WPS "
        "and save it as .xlsx",
        "zh": "此文件名为工作簿，实际是文本（CSV？）：请把扩展名改为 .csv，或在 Excel 或 WPS 中打开后另存为 .xlsx",
    },
    "input.zip_bomb": {
        "en": "the workbook would unpack to more than {mb} MB or is packed unusually tight ({member}): refused "
        "unread (a zip bomb?)",
        "zh": "该工作簿解压后超过 {mb} MB，或压缩比异常（{member}）：不予读取（压缩炸弹？）",
    },
    "input.xml_entities": {
        "en": "the workbook's XML ({member}) declares a DOCTYPE or entities, which no spreadsheet program "
        "writes: refused unread (an XML bomb?)",
        "zh": "该工作簿的 XML（{member}）含有 DOCTYPE 或实体声明，电子表格软件不会这样写：不予读取（XML 炸弹？）",
    },
    "input.sheet_too_large": {
        "en": "the sheet goes past {rows} rows or {columns} columns: a yearly form is a few hundred rows; "
        "is this the right file?",
        "zh": "该工作表超过 {rows} 行或 {columns} 列，而一年的报表只有几百行：文件是否选对了？",
    },
    "input.formula_without_value": {
        "en": "a formula whose value was never computed (the file was written by a program that does not "
        "calculate): open it in Excel or WPS and save it, or type the number",
        "zh": "公式没有计算结果（文件由不计算公式的程序写出）：请在 Excel 或 WPS 中打开并保存，或直接填写数值",
    },
    "input.sheet_without_header": {
        "en": "this sheet holds plan ids but no header row with an 'id' column above them: add the header "
        "(id, value …) so its rows are read",
        "zh": "该工作表中有规划编号，但上方没有含 id 列的表头行：请加上表头（id、value……），这些行才会被读取",
    },
    "input.ragged_row": {
        "en": "row has {cells} cells but the header has {width} (a stray or missing separator?)",
        "zh": "这一行有 {cells} 个单元格，而表头有 {width} 个（多了或少了分隔符？）",
    },
    "input.value_without_id": {
        "en": "row has a value but no id",
        "zh": "这一行有数值，但没有编号（id）",
    },
    "input.duplicate_id": {
        "en": "duplicate id '{id}' (first at line {first})",
        "zh": "编号「{id}」重复（第一次出现在第 {first} 行）",
    },
    "input.unknown_id": {
        "en": "unknown id '{id}'{hint}",
        "zh": "未知的编号「{id}」{hint}",
    },
    "hint.did_you_mean": {
        "en": "; did you mean '{suggestion}'?",
        "zh": "；是不是「{suggestion}」？",
    },
    "hint.template": {
        "en": "; run 'planchk template YEAR' for the list",
        "zh": "；运行「planchk template 年份」可列出所有编号",
    },
    "input.derived_row": {
        "en": "'{id}' is computed by planchk from {inputs}; remove this row",
        "zh": "「{id}」由 planchk 根据 {inputs} 计算得出；请删除这一行",
    },
    "input.entries_row": {
        "en": "'{id}' is judged from its entries; report each entry ({entries}, ...) with a status word instead",
        "zh": "「{id}」按所列项目逐个判断：请改为逐项填写状态词（{entries} 等）",
    },
    "input.name_mismatch": {
        "en": "name '{name}' does not match this id, which is '{name_zh}' / '{name_en}' (wrong id on this row?)",
        "zh": "名称「{name}」与这一编号不符：这一编号是「{name_zh}」（英文「{name_en}」），是不是编号填错了？",
    },
    "input.unit_mismatch": {
        "en": "unit '{unit}' contradicts the plan's unit '{plan_unit}'",
        "zh": "单位「{unit}」与规划的单位「{plan_unit}」矛盾",
    },
    "input.expected_status": {
        "en": "expected a status word: 完成/已建成/done, 在建/进行中/in_progress, 未开工/未启动/not_started "
        "(or empty when not reported)",
        "zh": "应为状态词：完成/已建成/done，在建/进行中/in_progress，未开工/未启动/not_started（未报告则留空）",
    },
    "input.expected_number": {
        "en": "expected a number in {unit}",
        "zh": "应为数字（单位：{unit}）",
    },
    "input.date_value": {
        "en": "expected {expected}, but this is a date, {date} (a spreadsheet turns 3/5 or 3-5 typed into a cell "
        "into a date): in a spreadsheet, format the cell as General (or Text) and type it again",
        "zh": "应为{expected}，但这是日期 {date}（在电子表格中输入 3/5、3-5 会被自动转成日期）："
        "请在电子表格中先把单元格格式设为“常规”（或“文本”），再重新输入",
    },
    "input.time_value": {
        "en": "expected {expected}, but this is a time of day, {time} (a spreadsheet turns 10:30 typed into a "
        "cell into a time): format the cell as General (or Text) and type it again",
        "zh": "应为{expected}，但这是时间 {time}（在电子表格中输入 10:30 会被自动转成时间）："
        "请先把单元格格式设为“常规”（或“文本”），再重新输入",
    },
    "input.boolean_value": {
        "en": "expected {expected}, but this is a yes/no value, {word}",
        "zh": "应为{expected}，但这是逻辑值（是/否）「{word}」",
    },
    "input.fractional_count": {
        "en": "{number} {unit} is not a whole number: {unit} counts whole things; write a whole number",
        "zh": "{number} {unit}不是整数：以“{unit}”计的是一个个完整的人或物，请填写整数",
    },
    "term.a_number_in": {"en": "a number in {unit}", "zh": "数字（单位：{unit}）"},
    "term.a_status_word": {"en": "a status word (完成, 在建, 未开工)", "zh": "状态词（完成、在建、未开工）"},
    "input.not_finite": {
        "en": "expected a finite number",
        "zh": "应为有限的数字",
    },
    "input.unexpected_suffix": {
        "en": "unexpected '{suffix}' after the number; the unit here is '{unit}'",
        "zh": "数字后面多了「{suffix}」；这里的单位是「{unit}」",
    },
    "input.negative": {
        "en": "a negative value is impossible here",
        "zh": "这里不可能是负数",
    },
    "input.rate_above_100": {
        "en": "a rate cannot exceed 100%",
        "zh": "比率不能超过 100%",
    },
    "input.implausible_people": {
        "en": "{figure} 万人 is implausible (that is {people} people); if the figure is in 人, write {fixed} or "
        "set unit to 人",
        "zh": "{figure} 万人不合常理（即 {people} 人）；如果数字以人为单位，请写 {fixed}，或把单位设为人",
    },
    "input.bad_year": {
        "en": "expected a four-digit year (2022, or 2022年)",
        "zh": "应为四位数的年份（如 2022 或 2022年）",
    },
    "input.mixed_years": {
        "en": "year {year} differs from year {first} at line {first_line}: one file holds one year",
        "zh": "年份 {year} 与第 {first_line} 行的年份 {first} 不同：一个文件只能是一个年份的数据",
    },
    "input.several_years_in_name": {
        "en": "no year: the file name holds several ({years}); add a 'year' column, pass --year, or leave one year in "
        "the name (e.g. 2022.csv)",
        "zh": "不知道是哪一年的数据：文件名中有几个年份（{years}）；请添加年份列（year 或 年份），或使用 --year 参数，"
        "或让文件名中只有一个年份（如 2022.csv）",
    },
    "input.no_year": {
        "en": "no year: add a 'year' column, pass --year, or put the year in the file name (e.g. 2022.csv)",
        "zh": "不知道是哪一年的数据：请添加年份列（year 或 年份），或使用 --year 参数，"
        "或在文件名中写明年份（如 2022.csv）",
    },
    "input.year_conflict": {
        "en": "the year from the {source} ({year}) contradicts the year from the {other_source} ({other})",
        "zh": "{source}给出的年份（{year}）与{other_source}给出的年份（{other}）矛盾",
    },
    "input.year_outside_period": {
        "en": "year {year} (from the {source}) is outside the plan period {start}-{end}",
        "zh": "{source}给出的年份 {year} 不在规划期 {start}-{end} 内",
    },
    # ── notices: said about a file that is still judged ──────────────────────────────────────────────
    "notice.unknown_column": {
        "en": "unknown column '{label}' ignored (known: {known})",
        "zh": "未知的列「{label}」，已忽略（可识别的列：{known}）",
    },
    "notice.blank_rows": {
        "en": "{n} blank row(s) ignored (line {lines})",
        "zh": "已忽略 {n} 个空行（第 {lines} 行）",
    },
    "notice.above_header": {
        "en": "{n} line(s) above the header skipped (line {lines}: {what}); the header is line {header}",
        "zh": "已跳过表头上方的 {n} 行（第 {lines} 行：{what}）；表头在第 {header} 行",
    },
    # the plan a form names (plan/stamp.py; reading/actuals.py), docs/several-plans.md
    "notice.plan_other": {
        "en": "the form was made for plan {form} (version {form_version}) and is judged against plan {plan} "
        "(version {version}), as the run asks",
        "zh": "本表是为规划 {form}（{form_version} 版）制作的，现按本次指定的规划 {plan}（{version} 版）检查",
    },
    "notice.plan_version_differs": {
        "en": "the form was made for version {form_version} of plan {form} and is judged against version "
        "{version}: check that its rows are this version's (planchk template YEAR writes them)",
        "zh": "本表是按规划 {form} 的 {form_version} 版制作的，现按 {version} 版检查：请核对表中各行是否与该版一致"
        "（planchk template 年份 可生成该版的表）",
    },
    "input.form_of_other_plan": {
        "en": "the form was made for plan {form}, not for plan {plan} it was read against: give its plan "
        "with --plan DIR, or a folder of plans with --plans DIR",
        "zh": "本表是为规划 {form} 制作的，不是现在读取所用的规划 {plan}：请用 --plan 目录 指定它的规划，"
        "或用 --plans 目录 指定存放多个规划的文件夹",
    },
    "input.mixed_plans": {
        "en": "this row names plan {plan}, the rows above plan {first} (line {first_line}): a file holds one plan's "
        "rows (rows copied from another plan's form?)",
        "zh": "本行注明的规划是 {plan}，而上面的行是规划 {first}（第 {first_line} 行）：一个文件只能填一个规划的行"
        "（是否从另一个规划的表中复制了行？）",
    },
    "input.unknown_plan": {
        "en": "the form names plan {id}, which is not in {folder} (its plans: {plans}): add that plan's directory "
        "there, or give the plan with --plan DIR",
        "zh": "本表注明的规划 {id} 不在 {folder} 中（其中的规划：{plans}）：请把该规划的目录放入其中，"
        "或用 --plan 目录 指定规划",
    },
    "input.no_plan_named": {
        "en": "the file names no plan (no 'plan' column, as planchk template writes) and its folder {folder} "
        "is the name of none of the plans in {plans_dir} ({plans}): fill in the form planchk template writes, "
        "put the file in data/<plan folder>/, or give the plan with --plan DIR",
        "zh": "本文件没有注明规划（没有 planchk template 生成的 plan 列），所在目录 {folder} 也不是 {plans_dir} "
        "中任何规划的目录名（其中的规划：{plans}）：请使用 planchk template 生成的表填写，"
        "或把文件放在 data/<规划目录名>/ 下，或用 --plan 目录 指定规划",
    },
    "notice.total_row": {
        "en": "a totals row ('{word}') ignored: planchk adds nothing up, each id is read from its own row",
        "zh": "已忽略合计行（「{word}」）：planchk 不做累加，每个编号只读取它自己的行",
    },
    "notice.hidden_rows": {
        "en": "{n} hidden row(s) read (line {lines}): their figures count, though the spreadsheet does not show them",
        "zh": "已读取 {n} 个隐藏行（第 {lines} 行）：这些行在表格中看不到，但其中的数值计入",
    },
    "notice.hidden_sheet": {
        "en": "sheet '{name}' is hidden: its {n} row(s) are read all the same (line {lines}), and their figures "
        "count though the spreadsheet does not show the sheet",
        "zh": "工作表「{name}」是隐藏的：其中 {n} 行照样读取（第 {lines} 行），"
        "表格中看不到这个工作表，但其中的数值计入",
    },
    "notice.year_only_rows": {
        "en": "{n} row(s) with nothing but the year ignored (line {lines}; the year dragged down past the data?)",
        "zh": "已忽略 {n} 个只填了年份的行（第 {lines} 行；年份是否被下拉填充到了数据之外？）",
    },
    "notice.people_converted": {
        "en": "value {raw} given in 人 converted to {converted} 万人",
        "zh": "数值 {raw} 以人为单位，已换算为 {converted} 万人",
    },
    # ── why an indicator or item got its status (judge/: results.Verdict) ────────────────────────────
    "verdict.not_met": {
        "en": "{actual} does not meet {sign}{expected}",
        "zh": "{actual} 未达到 {sign}{expected}",
    },
    "verdict.not_met_short": {
        "en": "{actual} does not meet {sign}{expected}: {short} missing",
        "zh": "{actual} 未达到 {sign}{expected}，差 {short}",
    },
    "verdict.due": {"en": "due {due}", "zh": "{due}年到期"},
    "verdict.total_fell": {
        "en": "the running total {actual} is below last year's {previous} ({file}; a total cannot fall)",
        "zh": "累计数 {actual} 少于上一年（{file}）的 {previous}（累计数不会减少）",
    },
    "verdict.in_progress": {"en": "in progress, due {due}", "zh": "在建，{due}年到期"},
    "verdict.not_done": {"en": "due {due}, not done", "zh": "{due}年到期仍未完成"},
    "verdict.not_started_late": {
        "en": "not started with {share:.0%} of the time gone",
        "zh": "尚未开工，时间已过{share:.0%}",
    },
    "verdict.not_started_in_time": {
        "en": "not started, still within the start window",
        "zh": "尚未开工，尚在允许期内",
    },
    "verdict.entries_done": {"en": "{done} of {total} done", "zh": "已完成 {done}/{total}"},
    "verdict.no_previous_year": {
        "en": "no previous year's value: cannot judge the year-over-year rule",
        "zh": "缺少上一年数据，无法判断逐年规则",
    },
    "verdict.not_risen": {
        "en": "{actual} is not above last year's {previous} ({file}; must rise every year)",
        "zh": "{actual} 未高于上一年（{file}）的 {previous}（须逐年提高）",
    },
    "verdict.fell": {
        "en": "{actual} fell from last year's {previous} ({file})",
        "zh": "{actual} 低于上一年（{file}）的 {previous}",
    },
    "verdict.kept_up": {
        "en": "not below last year's {previous} ({file})",
        "zh": "不低于上一年（{file}）的 {previous}",
    },
    "verdict.rose": {
        "en": "above last year's {previous} ({file})",
        "zh": "高于上一年（{file}）的 {previous}",
    },
    "verdict.no_year_before": {
        "en": "no file of the run is this file's year before ({year}; see its year-before line): cannot judge",
        "zh": "本次运行中没有作为上一年（{year}年）的文件（见“上一年”一行），无法判断",
    },
    "verdict.previous_not_reported": {
        "en": "not reported in {file}, the year before: cannot judge the year-over-year rule",
        "zh": "上一年的 {file} 未填报此项，无法判断逐年规则",
    },
    # why a file has no year before in the run (runs.year_before, docs/rules.md#the-year-before)
    "verdict.no_previous_file": {
        "en": "no file of {year} for {file} in this run ({expected}, or evaluate --previous FILE): "
        "cannot judge the year-over-year rules",
        "zh": "本次运行中没有 {file} 的上一年（{year}年）文件（应为 {expected}，或用 evaluate --previous 指定），"
        "无法判断逐年规则",
    },
    "verdict.previous_unpaired": {
        "en": "no file of {year} for {file}: {other} is of {year} but its name differs by more than the year "
        "({expected}, or evaluate --previous FILE): cannot judge the year-over-year rules",
        "zh": "没有 {file} 的上一年（{year}年）文件：{other} 虽是{year}年的，但文件名不只是年份不同（应为 {expected}，"
        "或用 evaluate --previous 指定），无法判断逐年规则",
    },
    "verdict.previous_unpaired_many": {
        "en": "no file of {year} for {file}: {n} files of {year} in this run, none named {expected} "
        "(or evaluate --previous FILE): cannot judge the year-over-year rules",
        "zh": "没有 {file} 的上一年（{year}年）文件：本次运行中有 {n} 个{year}年的文件，但没有 {expected}"
        "（或用 evaluate --previous 指定），无法判断逐年规则",
    },
    "verdict.previous_other_plan": {
        "en": "no file of {year} for {file}: {other} was made for plan {other_plan}, {file} for plan {plan} "
        "(files of different plans are never compared): cannot judge the year-over-year rules",
        "zh": "没有 {file} 的上一年（{year}年）文件：{other} 是为规划 {other_plan} 制作的，{file} 是为规划 {plan} "
        "制作的（不同规划的文件从不相互比较），无法判断逐年规则",
    },
    "verdict.previous_given_other_plan": {  # --previous names a form of another plan: given, but never compared
        "en": "{other}, given with --previous, was made for plan {other_plan}, {file} for plan {plan} "
        "(files of different plans are never compared): cannot judge the year-over-year rules",
        "zh": "--previous 指定的 {other} 是为规划 {other_plan} 制作的，{file} 是为规划 {plan} 制作的"
        "（不同规划的文件从不相互比较），无法判断逐年规则",
    },
    "verdict.previous_refused": {
        "en": "the year before ({year}), {file}, could not be judged (see its problems): "
        "cannot judge the year-over-year rules",
        "zh": "上一年（{year}年）的 {file} 有输入问题、未能评估，无法判断逐年规则",
    },
    "verdict.no_year_in_name": {
        "en": "the name {file} holds no year, so no file is taken as its year before ({year}; "
        "or evaluate --previous FILE): cannot judge the year-over-year rules",
        "zh": "文件名 {file} 中没有年份，不会把任何文件当作它的上一年（{year}年）（可用 evaluate --previous 指定），"
        "无法判断逐年规则",
    },
    "verdict.first_year": {  # evaluate, trend and report alike: no file is asked for
        "en": "{year} is the plan's first year: the year-over-year rules compare with the plan's own {base} figures, "
        "those it gives none for apply from {next}",
        "zh": "{year}年是规划期第一年：逐年规则与规划所列{base}年数值比较，规划未列的从{next}年起判断",
    },
    # a year-over-year row of the first year (judge.items.no_prior, plan_figure_before)
    "verdict.first_year_no_base": {
        "en": "{year} is the plan's first year and the plan gives no {base} figure: the rule applies from {next}",
        "zh": "{year}年是规划期第一年，规划未列{base}年数值，此项从{next}年起判断",
    },
    "verdict.rose_from_base": {
        "en": "above the plan's {year} figure, {base} ({source})",
        "zh": "高于规划所列{year}年数值 {base}（{source}）",
    },
    "verdict.kept_up_from_base": {
        "en": "not below the plan's {year} figure, {base} ({source})",
        "zh": "不低于规划所列{year}年数值 {base}（{source}）",
    },
    "verdict.not_risen_from_base": {
        "en": "{actual} is not above the plan's {year} figure, {base} ({source}; must rise every year)",
        "zh": "{actual} 未高于规划所列{year}年数值 {base}（{source}；须逐年提高）",
    },
    "verdict.fell_from_base": {
        "en": "{actual} is below the plan's {year} figure, {base} ({source})",
        "zh": "{actual} 低于规划所列{year}年数值 {base}（{source}）",
    },
    # trend and report --combine: the files given are one district's years, named by office (runs._joined_befores)
    "verdict.no_year_before_joined": {
        "en": "no file of {year} among the files given: cannot judge the year-over-year rules",
        "zh": "所给文件中没有{year}年的文件，无法判断逐年规则",
    },
    # the same for trend and report, which take no --previous: the files given are the run
    "verdict.no_previous_file_in_run": {
        "en": "no file of {year} for {file} among the files given ({expected}): cannot judge the year-over-year rules",
        "zh": "所给文件中没有 {file} 的上一年（{year}年）文件（应为 {expected}），无法判断逐年规则",
    },
    "verdict.previous_unpaired_in_run": {
        "en": "no file of {year} for {file}: {other} is of {year} but its name differs by more than the year "
        "(expected {expected}): cannot judge the year-over-year rules",
        "zh": "没有 {file} 的上一年（{year}年）文件：{other} 虽是{year}年的，但文件名不只是年份不同"
        "（应为 {expected}），无法判断逐年规则",
    },
    "verdict.previous_unpaired_many_in_run": {
        "en": "no file of {year} for {file}: {n} files of {year} in this run, none named {expected}: "
        "cannot judge the year-over-year rules",
        "zh": "没有 {file} 的上一年（{year}年）文件：本次运行中有 {n} 个{year}年的文件，但没有 {expected}，"
        "无法判断逐年规则",
    },
    "verdict.no_year_in_name_in_run": {
        "en": "the name {file} holds no year, so no file is taken as its year before ({year}): "
        "cannot judge the year-over-year rules",
        "zh": "文件名 {file} 中没有年份，不会把任何文件当作它的上一年（{year}年），无法判断逐年规则",
    },
    "verdict.not_raised": {
        "en": "{actual} is not above the {year} value {base}",
        "zh": "{actual} 未高于{year}年的 {base}",
    },
    "verdict.first_report_baseline": {
        "en": "first reported value: the baseline of the later years (the plan gives no {base_year} value)",
        "zh": "首次报告的数值，作为以后各年的基数（规划未给出{base_year}年数值）",
    },
    "verdict.first_report_too_late": {
        "en": "first reported in {due} or later, with no earlier year in the run: cannot judge the rise "
        "(the plan gives no {base_year} value; give the earlier years' files too)",
        "zh": "首次报告已在{due}年或以后，本次运行没有更早年份的数据，无法判断是否提高"
        "（规划未给出{base_year}年数值；请一并提供以前年份的文件）",
    },
    "verdict.raised_from_first": {
        "en": "{actual} is above {base}, first reported in {year} (the plan gives no {base_year} value)",
        "zh": "{actual} 高于{year}年首次报告的 {base}（规划未给出{base_year}年数值）",
    },
    "verdict.not_raised_from_first": {
        "en": "{actual} is not above {base}, first reported in {year} (the plan gives no {base_year} value)",
        "zh": "{actual} 未高于{year}年首次报告的 {base}（规划未给出{base_year}年数值）",
    },
    "verdict.on_path_from_first": {
        "en": "{actual} meets {sign}{expected}, on the path from {base} first reported in {year} "
        "(the plan gives no {base_year} value)",
        "zh": "{actual} 达到 {sign}{expected}（自{year}年首次报告的 {base} 起算，规划未给出{base_year}年数值）",
    },
    "verdict.off_path_from_first": {
        "en": "{actual} does not meet {sign}{expected}, on the path from {base} first reported in {year} "
        "(the plan gives no {base_year} value)",
        "zh": "{actual} 未达到 {sign}{expected}（自{year}年首次报告的 {base} 起算，规划未给出{base_year}年数值）",
    },
    "verdict.went_back": {
        "en": "reported done in {year}, not done now: one of the two reports is wrong",
        "zh": "{year}年已报告完成，本年却未完成：两份报告必有一份有误",
    },
    "verdict.event_due": {"en": "takes place in {due}", "zh": "{due}年进行"},
    "verdict.vague_shown": {
        "en": "shown, not judged: the plan gives no number for {word}",
        "zh": "仅列示，不评判：规划的「{word}」没有给出数目",
    },
    "verdict.before_first_full_year": {
        "en": "the plan was published on {published}: yearly duties start in {first}",
        "zh": "规划于{published}发布，年度事项自{first}年起",
    },
    "verdict.trend_not_reported": {
        "en": "not reported for {year}: cannot assess (the last figure given, for {last}, is {value})",
        "zh": "{year}年未填报，无法评估（最近一次填报为{last}年的 {value}）",
    },
    "verdict.trend_falls_short": {
        "en": "on the plan's value this year, but the trend so far projects {projection} for the final year, "
        "which does not meet the target",
        "zh": "今年达到规划值，但按已有年份的趋势，期末预计为 {projection}，达不到目标",
    },
    "verdict.projection_at_ceiling": {
        "en": "projected {year} held at {bound}% (the straight line through the years passes it; a rate cannot "
        "exceed {bound}%)",
        "zh": "{year}年预测按上限 {bound}% 计（按已有年份的直线趋势会超过 {bound}%，而比率不能超过 {bound}%）",
    },
    "verdict.projection_at_floor": {
        "en": "projected {year} held at {bound} (the straight line through the years falls below it; the figure "
        "cannot be negative)",
        "zh": "{year}年预测按下限 {bound} 计（按已有年份的直线趋势会低于 {bound}，而该数值不能为负）",
    },
    # ── parts and totals (judge/consistency.py) ──────────────────────────────────────────────────────
    "parts-sum": {
        "en": "{expr} = {total_sum}, but the total {total_id} is {total} (line {total_line})",
        "zh": "{expr} = {total_sum}，与合计 {total_id} 的 {total} 不符（第 {total_line} 行）",
    },
    # ── options and arguments ────────────────────────────────────────────────────────────────────────
    # ── click's own usage errors, said by cli/guard.py (say_click_error) ─────────────────────────────
    "usage.click_error": {"en": "{command}: error: {message}", "zh": "{command}：错误：{message}"},
    "usage.click_try_help": {"en": "Try '{command} --help' for help.", "zh": "查看帮助：{command} --help"},
    "usage.click_no_such_option": {
        "en": "no such option: {option}{possible}",
        "zh": "没有这个选项：{option}{possible}",
    },
    "usage.click_possible": {"en": " (possible options: {options})", "zh": "（相近的选项：{options}）"},
    "usage.click_missing_argument": {"en": "missing argument {name}", "zh": "缺少参数 {name}"},
    "usage.click_missing_option": {"en": "missing option {name}", "zh": "缺少选项 {name}"},
    "usage.click_bad_value": {"en": "invalid value for {name}: {problem}", "zh": "{name} 的值无效：{problem}"},
    "usage.click_needs_value": {"en": "option {option} needs a value", "zh": "选项 {option} 后面需要跟一个值"},
    "usage.click_takes_no_value": {"en": "option {option} takes no value", "zh": "选项 {option} 不接受值"},
    "usage.click_extra_arguments": {"en": "unexpected extra arguments: {args}", "zh": "多余的参数：{args}"},
    "usage.click_no_such_command": {"en": "no such command '{name}'", "zh": "没有这个命令：「{name}」"},
    "usage.click_did_you_mean": {"en": " (did you mean {names}?)", "zh": "（是否想用 {names}？）"},
    "usage.click_missing_command": {"en": "a command is missing", "zh": "缺少命令"},
    "usage.click_not_a_choice": {
        "en": "{value} is not one of {choices}",
        "zh": "{value} 不是可选的值（可选：{choices}）",
    },
    "usage.click_not_a_number": {"en": "{value} is not a valid {kind}", "zh": "{value} 不是有效的{kind}"},
    "usage.click_out_of_range": {"en": "{value} is not in the range {range}", "zh": "{value} 不在范围 {range} 内"},
    "usage.click_path_missing": {"en": "{kind} {path} does not exist", "zh": "{kind} {path} 不存在"},
    "usage.click_path_is_directory": {
        "en": "{kind} {path} is a directory",
        "zh": "{kind} {path} 是一个目录，这里需要文件",
    },
    "usage.click_path_is_file": {"en": "{kind} {path} is a file", "zh": "{kind} {path} 是一个文件，这里需要目录"},
    "usage.click_path_unreadable": {
        "en": "{kind} {path} is not readable",
        "zh": "{kind} {path} 无法读取（没有读取权限）",
    },
    "usage.click_path_unwritable": {
        "en": "{kind} {path} is not writable",
        "zh": "{kind} {path} 无法写入（没有写入权限）",
    },
    "usage.click_other": {"en": "{message}", "zh": "命令行有误（click 的说明：「{message}」）"},
    "usage.previous_year": {
        "en": "--previous holds {previous}, but {file} is {year}: the previous year is {expected}",
        "zh": "--previous 给出的是 {previous} 年的数据，而 {file} 是 {year} 年的：上一年应是 {expected} 年",
    },
    "usage.duplicate_year": {
        "en": "holds {year}, like {other}: give one file per year (parts of one year's data: --combine)",
        "zh": "与 {other} 同为 {year} 年的数据：每个年份只能给一个文件（同一年的几部分数据请用 --combine 合并）",
    },
    "usage.no_file_for_year": {
        "en": "no file holds {year}; the files hold {years}",
        "zh": "没有 {year} 年的文件；所给文件的年份是 {years}",
    },
    "usage.year_outside_period": {
        "en": "{year} is outside the plan period {start}-{end}",
        "zh": "{year} 年不在规划期 {start}-{end} 内",
    },
    "usage.unknown_encoding": {
        "en": "unknown encoding '{encoding}', or not one a text file is kept in: use utf-8, gb18030 or another "
        "text encoding",
        "zh": "未知的编码「{encoding}」，或不是文本文件所用的编码：请用 utf-8、gb18030 等文本编码",
    },
    "usage.unknown_plan_version": {
        "en": "plan {plan} has no version '{version}' (it has {versions})",
        "zh": "规划 {plan} 没有版本「{version}」（已有的版本：{versions}）",
    },
    "usage.no_plans_in_folder": {
        "en": "no plan directory in {folder}: --plans takes a folder whose folders are plans "
        "(plans/<district>/targets.yaml)",
        "zh": "{folder} 中没有规划目录：--plans 应指向一个文件夹，其中每个子文件夹是一个规划"
        "（plans/<区县>/targets.yaml）",
    },
    "usage.same_plan_twice": {
        "en": "plan {id} is in {folder} twice ({first} and {second}): each plan once",
        "zh": "规划 {id} 在 {folder} 中出现两次（{first} 和 {second}）：每个规划只能有一个目录",
    },
    # trend and report: every file one of the newest file's earlier years (runs._one_series, docs/rules.md section 4)
    "usage.series_other_name": {
        "en": "{command} shows the years of one district, and this file is not one of {newest}'s: its name differs "
        "from {newest} by more than the year (that district's {year} file would be {expected}): give one district's "
        "files, and run once per district",
        "zh": "{command} 只展示一个地区的各年数据，本文件不是 {newest} 的往年文件：文件名与 {newest} 不只是年份不同"
        "（该地区{year}年的文件应为 {expected}）：请只给一个地区的文件，各地区分别运行",
    },
    "usage.series_other_plan": {
        "en": "{command} shows the years of one district, and this file is not one of {newest}'s: it was made for "
        "plan {other_plan}, {other} for plan {plan} (files of different plans are never compared): run once per plan",
        "zh": "{command} 只展示一个地区的各年数据，本文件不是 {newest} 的往年文件：本文件是为规划 {other_plan} 制作的，"
        "{other} 是为规划 {plan} 制作的（不同规划的文件从不相互比较）：请按规划分别运行",
    },
    "usage.series_no_year": {
        "en": "{command} shows the years of one district, told by names that differ by the year alone "
        "(江北区-2022.csv, 江北区-2023.csv), and the name of this file does not hold its year {year}: "
        "name each year's file by its year",
        "zh": "{command} 只展示一个地区的各年数据，按只差年份的文件名认定（如 江北区-2022.csv、江北区-2023.csv），"
        "而本文件名中没有它的年份 {year}：请在各年文件名中写明年份",
    },
    "usage.series_newest_no_year": {
        "en": "{command} shows the years of one district, told by names that differ by the year alone "
        "(江北区-2022.csv, 江北区-2023.csv), and the name of {newest}, the newest file, does not hold its year "
        "{year}, so no file is one of its earlier years: name each year's file by its year",
        "zh": "{command} 只展示一个地区的各年数据，按只差年份的文件名认定（如 江北区-2022.csv、江北区-2023.csv），"
        "而最新的文件 {newest} 的文件名中没有它的年份 {year}，任何文件都不算它的往年文件：请在各年文件名中写明年份",
    },
    "usage.several_plans": {
        "en": "{command} shows one plan's years, and these files are of {n} plans ({groups}): run it once per plan",
        "zh": "{command} 只能展示一个规划的各年数据，这些文件分属 {n} 个规划（{groups}）：请按规划分别运行",
    },
    "usage.plan_and_plans": {
        "en": "--plan {plan} and --plans {plans} name two ways of choosing the plan: give one (--plan judges "
        "every file against that plan; --plans each file against its own plan in that folder)",
        "zh": "--plan {plan} 与 --plans {plans} 是两种选择规划的方式，只能给出一个（--plan：所有文件都按该规划评估；"
        "--plans：每个文件按该文件夹中它自己的规划评估）",
    },
    "usage.by_unit_several_plans": {
        "en": "--by-unit groups one plan's results by the units of its map, and these files are of {n} plans "
        "({plans}): run it once per plan",
        "zh": "--by-unit 按一个规划的责任单位分组，这些文件分属 {n} 个规划（{plans}）：请按规划分别运行",
    },
    "usage.not_a_plan_dir": {
        "en": "not a plan directory (expected DIR or DIR@VERSION)",
        "zh": "不是规划目录（应为「目录」或「目录@版本」）",
    },
    # ── a plan that cannot be loaded (plan/load.py, plan/yaml_safe.py, plan/revisions.py) ─────────────
    "plan.dir_not_found": {
        "en": "plan directory not found (it should hold targets.yaml and projects.yaml)",
        "zh": "找不到规划目录（其中应有 targets.yaml 和 projects.yaml）",
    },
    "plan.cannot_read": {
        "en": "cannot read plan file: {reason}",
        "zh": "无法读取规划文件：{reason}",
    },
    "plan.number_too_large": {
        "en": "a number beyond ±{limit}, larger than any figure, year or line a plan holds: write it as the plan "
        "states it",
        "zh": "数值超出 ±{limit}，大于规划中任何数值、年份或行号：请按规划原文填写",
    },
    "plan.too_large": {
        "en": "plan file is larger than {limit} bytes: not a plan",
        "zh": "规划文件大于 {limit} 字节，不是规划文件",
    },
    "plan.not_utf8": {
        "en": "plan file is not UTF-8: {at}",
        "zh": "规划文件不是 UTF-8 编码：{at}",
    },
    "plan.not_yaml": {
        "en": "not valid YAML: {detail}",
        "zh": "不是有效的 YAML：{detail}",
    },
    "plan.empty": {
        "en": "plan file is empty",
        "zh": "规划文件是空的",
    },
    "plan.alias": {
        "en": "YAML aliases (*name) are not allowed in plan files",
        "zh": "规划文件中不允许使用 YAML 别名（*name）",
    },
    "plan.complex_key": {
        "en": "mapping keys must be plain scalars",
        "zh": "映射的键必须是普通的标量（不能是列表或映射）",
    },
    "plan.merge_key": {
        "en": "YAML merge keys (<<) are not allowed in plan files",
        "zh": "规划文件中不允许使用 YAML 合并键（<<）",
    },
    "plan.duplicate_key": {
        "en": "duplicate key '{key}' (first at line {first})",
        "zh": "键「{key}」重复（第一次出现在第 {first} 行）",
    },
    "plan.tag_not_allowed": {
        "en": "YAML tag {tag} is not allowed in plan files (only plain values, mappings and lists)",
        "zh": "规划文件中不允许使用 YAML 标签 {tag}（只能用普通值、映射和列表）",
    },
    "usage.unknown_programme": {
        "en": "'{wanted}' names no programme of plan {plan}; choose one of: {choices}",
        "zh": "「{wanted}」不是规划 {plan} 中的专栏；可选：{choices}",
    },
    "plan.unsupported_value": {
        "en": "unsupported YAML value: {detail}",
        "zh": "不支持的 YAML 值：{detail}",
    },
    "plan.not_a_mapping": {
        "en": "a plan file must be a mapping at the top level",
        "zh": "规划文件的顶层必须是映射（键值对）",
    },
    "plan.schema_version": {
        "en": "schema_version {version} is not supported; this planchk reads {supported}",
        "zh": "不支持 schema_version {version}；这一版 planchk 只读取 {supported}",
    },
    "plan.invalid": {
        "en": "{path}: {detail}",
        "zh": "{path}：{detail}",
    },
    "plan.period": {
        "en": "the plan's years must follow baseline_year < period_start ≤ period_end, and a midterm_year lie from "
        "period_start to the year before period_end: here baseline {base}, period {start}-{end}, mid-term {mid}",
        "zh": "规划的年份须满足 baseline_year < period_start ≤ period_end，midterm_year 须在 period_start 至 "
        "period_end 前一年之间：现为基期 {base} 年，规划期 {start}-{end} 年，中期 {mid}",
    },
    "plan.targets_order": {
        "en": "targets must be in ascending years, after the baseline year",
        "zh": "目标的年份必须递增，并且晚于基期年份",
    },
    "plan.measure_needs": {
        "en": "measure '{measure}' needs {fields}",
        "zh": "类型 {measure} 需要填写 {fields}",
    },
    "plan.clock_measure": {
        "en": "clock '{clock}' judges {measures}, not measure '{measure}'",
        "zh": "时钟 {clock} 只评估 {measures}，不评估类型 {measure}",
    },
    "plan.baseline_explicit": {
        "en": "a {clock} item needs an explicit baseline (its stock or value in the plan's baseline_year; 0 if "
        "nothing existed, null if unknown)",
        "zh": "{clock} 事项须明确写出 baseline（基期年 baseline_year 的存量或数值；原本没有则写 0，不知道则写 null）",
    },
    "plan.units_plan_id": {
        "en": "the responsibility map is for plan '{plan_id}', not '{targets_id}'",
        "zh": "责任单位对照表属于规划「{plan_id}」，不是「{targets_id}」",
    },
    "plan.units_version": {
        "en": "the responsibility map is for plan version {version}, the plan is version {plan_version}: the map is "
        "versioned with its plan; check it against this version and write its version",
        "zh": "责任单位对照表对应规划版本 {version}，而规划为 {plan_version}：对照表随规划一同更新版本，"
        "请按本版本核对后写上版本号",
    },
    "plan.units_duplicate_unit": {
        "en": "unit '{unit}' is listed twice (an id or a name of two units)",
        "zh": "单位「{unit}」列了两次（两个单位的编号或名称相同）",
    },
    "plan.units_unknown_id": {
        "en": "unit {unit}: '{id}' is no id of the plan (an indicator, category, item, entry, sub-plan or programme)",
        "zh": "单位「{unit}」：「{id}」不是本规划的编号（指标、指标类别、事项、条目、子计划或专栏）",
    },
    "plan.units_id_twice": {
        "en": "'{id}' is given to {unit} and to {other}: one unit answers for each id (give a part of it, such "
        "as one item of a programme, to the other)",
        "zh": "「{id}」同时分给了「{unit}」和「{other}」：每个编号只由一个单位负责（可把其中一部分，"
        "如专栏中的某一事项，分给另一单位）",
    },
    "plan.units_unknown_default": {
        "en": "default unit '{unit}' is none of the units listed",
        "zh": "默认单位「{unit}」不在所列单位之中",
    },
    "plan.duplicate_id": {
        "en": "id '{id}' is used twice (also in {other})",
        "zh": "编号「{id}」用了两次（另一处在 {other}）",
    },
    "plan.unknown_category": {
        "en": "{id}: unknown category '{category}'",
        "zh": "{id}：未知的类别「{category}」",
    },
    "plan.unknown_part_of": {
        "en": "part_of names unknown indicator '{total}'",
        "zh": "part_of 指向不存在的指标「{total}」",
    },
    "plan.plan_id_mismatch": {
        "en": "plan_id '{plan_id}' differs from targets.yaml plan id '{targets_id}'",
        "zh": "plan_id「{plan_id}」与 targets.yaml 的规划编号「{targets_id}」不同",
    },
    "plan.unknown_derived_input": {
        "en": "{id}: derived from unknown id '{ref}'",
        "zh": "{id}：计算所依据的编号「{ref}」不存在",
    },
    "plan.revision_twice": {
        "en": "revision version '{version}' appears twice",
        "zh": "修订版本「{version}」出现了两次",
    },
    "plan.revision_unknown_target": {
        "en": "revision {version} changes unknown target '{target}'",
        "zh": "修订 {version} 修改了不存在的目标「{target}」",
    },
    "plan.revision_no_milestone": {
        "en": "revision {version}: {target} has no milestone in {year} (it has {years})",
        "zh": "修订 {version}：{target} 在 {year} 年没有规划值（有规划值的年份：{years}）",
    },
    "plan.revision_item_needs": {
        "en": "revision {version}: a change to item {target} needs `value` or `due`",
        "zh": "修订 {version}：对事项 {target} 的修改需要写明 value 或 due",
    },
    # ── plan check findings (plan/lint.py) ───────────────────────────────────────────────────────────
    "plan-lint.revision_outside_period": {
        "en": "revision {version} takes effect in {year}, outside the plan period",
        "zh": "修订 {version} 自 {year} 年起生效，不在规划期内",
    },
    "plan-lint.after_revision": {
        "en": "after revision {version}: {finding}",
        "zh": "修订 {version} 生效后：{finding}",
    },
    "plan-lint.conflict_unknown_id": {
        "en": "conflict '{conflict}' concerns unknown id '{id}'",
        "zh": "矛盾记录「{conflict}」涉及不存在的编号「{id}」",
    },
    "plan-lint.parts_sum": {
        "en": "{year}: parts {parts} = {parts_sum}, but {total} is {total_value}",
        "zh": "{year} 年：各部分 {parts} = {parts_sum}，但 {total} 是 {total_value}",
    },
    "plan-lint.falls_below": {
        "en": "{year} target {after} is below the earlier {before} although the comparator is {comparator}",
        "zh": "{year} 年的目标 {after} 低于之前的 {before}，而比较符是 {comparator}",
    },
    "plan-lint.rises_above": {
        "en": "{year} target {after} is above the earlier {before} although the comparator is <=",
        "zh": "{year} 年的目标 {after} 高于之前的 {before}，而比较符是 <=",
    },
    "plan-lint.cannot_read_source": {
        "en": "cannot read {path}: {reason}",
        "zh": "无法读取 {path}：{reason}",
    },
    "plan-lint.no_quote": {
        "en": "no source quote",
        "zh": "没有出处原文",
    },
    "plan-lint.quote_not_found": {
        "en": "quote not found in {source}: {quote}",
        "zh": "在 {source} 中找不到这段原文：{quote}",
    },
    "plan-lint.value_not_in_quote": {
        "en": "{what} {number} is not among the numbers of its quote: {quote}",
        "zh": "{what}{number} 不在出处原文给出的数字中：{quote}",
    },
    "plan-lint.above_100": {
        "en": "{number} % is above 100, which the reader refuses on this row: a gross enrolment rate or a ratio that "
        "may pass 100 says may_exceed_100: true; else the number is wrong",
        "zh": "{number}% 超过 100，而本行的数值不能超过 100%：毛入学率或可以超过 100 的比值请写 may_exceed_100: true；"
        "否则是数字有误",
    },
    "plan-lint.value_in_another_column": {
        "en": "{what} {number} is not the number of its column in the quote, {cell}: {quote}",
        "zh": "{what}{number} 与出处原文该栏的数字 {cell} 不符：{quote}",
    },
    "plan-lint.value_not_as_written": {
        "en": "{what} {number} is not the number its as_written writes, {written}",
        "zh": "{what}{number} 与其原文写法（as_written）{written} 不符",
    },
    "term.quote_baseline": {"en": "baseline ({year})", "zh": "基期值（{year} 年）"},
    "term.quote_milestone": {"en": "{year} target", "zh": "目标值（{year} 年）"},
    "term.quote_as_written": {"en": "{year} target as written", "zh": "{year} 年目标的原文写法（as_written）"},
    "term.quote_target": {"en": "target", "zh": "目标值（target）"},
    "term.quote_min": {"en": "lower bound (min)", "zh": "区间下限（min）"},
    "term.quote_max": {"en": "upper bound (max)", "zh": "区间上限（max）"},
    "plan-lint.no_source_text": {
        "en": "no source_text: quotes cannot be checked against the plan's text",
        "zh": "没有 source_text：无法对照规划原文核对引文",
    },
    # ── the JUnit format's messages (render/junit.py) ────────────────────────────────────────────────
    "format.junit_indicator": {
        "en": "{id} ({attribute}): {message} {unit}",
        "zh": "{id}（{attribute}）：{message} {unit}",
    },
    "format.junit_indicator_missing": {
        "en": "{id} ({attribute}): not reported (expected {expected})",
        "zh": "{id}（{attribute}）：缺报（期望 {expected}）",
    },
    "format.junit_item": {"en": "{id}: {message}", "zh": "{id}：{message}"},
    "format.junit_item_missing": {"en": "{id}: not reported", "zh": "{id}：缺报"},
    "format.junit_sum_of_parts": {"en": "{value} = sum of parts", "zh": "{value} = 各部分之和"},
    # ── the command line's own sentences (cli/guard.py, plan/lint.py, plan/diff.py) ──────────────────
    "cli.problem": {
        "en": "{where}: error: {message}{detail}",
        "zh": "{where}：错误：{message}{detail}",
    },
    "cli.problem_value": {
        "en": " (value: {shown})",
        "zh": "（值：{shown}）",
    },
    "cli.not_judged": {
        "en": "planchk: {n} problem(s) in {files}; that input was not judged (exit 2).",
        "zh": "planchk：{files} 中有 {n} 个问题，相关输入未予评估（退出码 2）。",
    },
    "cli.not_run": {
        "en": "planchk: {n} problem(s) with the command line; nothing was judged (exit 2).",
        "zh": "planchk：命令行有 {n} 个问题，未作评估（退出码 2）。",
    },
    "cli.internal_error": {
        "en": "planchk: internal error ({error}). This is a bug in planchk, not a problem with your data; please "
        "report it. Run again with --debug for the traceback.",
        "zh": "planchk：内部错误（{error}）。这是 planchk 的缺陷，不是您数据的问题，请报告。"
        "加上 --debug 重新运行可看到出错的调用栈。",
    },
    "cli.lint_line": {
        "en": "{file}: {level}: {target}: {message}",
        "zh": "{file}：{level}：{target}：{message}",
    },
    "usage.draft_no_period": {
        "en": "cannot tell the plan period: no 十四五-type name, no years in the title, no year columns",
        "zh": "无法确定规划期：没有“十四五”之类的名称，标题中没有年份，也没有年份列",
    },
    "usage.draft_cannot_read": {
        "en": "cannot read the plan text: {reason}",
        "zh": "无法读取规划文本：{reason}",
    },
    "usage.draft_not_a_file": {
        "en": "the plan text must be a regular file, not a folder, a device or a pipe",
        "zh": "规划文本须为普通文件，不能是文件夹、设备或管道",
    },
    "usage.draft_too_large": {
        "en": "the plan text is larger than {mb} MB, where a plan's text is tens of KB: is this the right file?",
        "zh": "规划文本大于 {mb} MB，而规划原文只有几十 KB：文件是否选对了？",
    },
    "usage.draft_over_source": {
        "en": "the draft would write {file}, which is the plan text being read: choose another -o folder",
        "zh": "起草结果会写入 {file}，而它正是所读取的规划文本：请另选 -o 目录",
    },
    "usage.draft_over_plan": {
        "en": "{file} holds a plan that planchk did not draft: --force replaces only an earlier draft; write the "
        "draft to a folder of its own",
        "zh": "{file} 中是一份并非由 planchk 起草的规划：--force 只覆盖以前的草稿；请把草稿写入单独的目录",
    },
    "usage.draft_encoding": {
        "en": "the plan text is neither UTF-8 nor GB18030",
        "zh": "规划文本既不是 UTF-8 也不是 GB18030 编码",
    },
    "usage.draft_pdf": {
        "en": "a PDF cannot be drafted from: its tables are lost in its text. Open it in WPS or Word and save it "
        "as .docx, or copy its text into a .txt file, then draft from that",
        "zh": "无法由 PDF 起草：PDF 的文字中表格已丢失。请用 WPS/Word 另存为 .docx 或复制文字为 .txt，再据此起草",
    },
    "usage.draft_old_word": {
        "en": "a Word 97-2003 (.doc) or WPS (.wps) file cannot be read: open it in WPS or Word and save it as "
        ".docx, or copy its text into a .txt file",
        "zh": "无法读取 Word 97-2003（.doc）或 WPS（.wps）文件：请用 WPS/Word 另存为 .docx 或复制文字为 .txt",
    },
    "usage.draft_docx_corrupt": {
        "en": "the document cannot be read ({detail}): is it damaged, or not a .docx? Open it in WPS or Word and "
        "save it again as .docx",
        "zh": "无法读取该文档（{detail}）：文件是否已损坏，或并非 .docx？请在 WPS 或 Word 中打开后重新另存为 .docx",
    },
    "usage.draft_zip_bomb": {
        "en": "the document would unpack to more than {mb} MB or is packed unusually tight ({member}): refused "
        "unread (a zip bomb?)",
        "zh": "该文档解压后超过 {mb} MB，或压缩比异常（{member}）：不予读取（压缩炸弹？）",
    },
    "usage.draft_xml_entities": {
        "en": "the document's XML ({member}) declares a DOCTYPE or entities, which no word processor writes: "
        "refused unread (an XML bomb?)",
        "zh": "该文档的 XML（{member}）含有 DOCTYPE 或实体声明，文字处理软件不会这样写：不予读取（XML 炸弹？）",
    },
    "usage.draft_bad_id": {
        "en": "a plan id is lower-case letters, digits, '-' and '_'",
        "zh": "规划 id 只能由小写字母、数字、- 和 _ 组成",
    },
    "usage.draft_not_a_directory": {
        "en": "-o must be a directory",
        "zh": "-o 须为目录",
    },
    "usage.draft_not_empty": {
        "en": "the directory is not empty; pass --force to write into it",
        "zh": "目录非空；如需写入，请加 --force",
    },
    "usage.review_which": {
        "en": "say which targets: --all, or --id ID (repeatable)",
        "zh": "请指定要标记的目标：--all，或 --id 编号（可重复）",
    },
    "usage.review_unknown": {
        "en": "not a pending target of {plan}: {ids}",
        "zh": "不是 {plan} 中待审核的目标：{ids}",
    },
    "input.implausible": {
        "en": "{number} {unit} is {times} {scale}: {slip}. If the figure is right, start its note with "
        "已核实 or verified:",
        "zh": "{number} {unit}，是{scale}的 {times}：{slip}。若数值无误，请在备注开头写“已核实”",
    },
    "input.above_limit": {
        "en": "{number} % is above {limit} %: this figure may pass 100 % (a gross enrolment rate, a ratio), but not by "
        "that much without a slip. If the figure is right, start its note with 已核实 or verified:",
        "zh": "{number}% 超过 {limit}%：此项可以超过 100%（如毛入学率、比值），但超出这么多疑似填错。"
        "若数值无误，请在备注开头写“已核实”",
    },
    "notice.above_limit_confirmed": {
        "en": "{number} % is above {limit} %; judged as reported, because its note starts with {word}: “{note}”",
        "zh": "{number}% 超过 {limit}%；备注以“{word}”开头（“{note}”），按所填数值评估",
    },
    "input.rate_as_fraction": {
        "en": "{number} % is far below {scale} %: write the rate as a percentage ({percent}, not {number}). If the "
        "figure is right, start its note with 已核实 or verified:",
        "zh": "{number}% 远低于 {scale}%：比率请按百分数填写（填 {percent}，不要填 {number}）。"
        "若数值无误，请在备注开头写“已核实”",
    },
    "input.part_exceeds_whole": {
        "en": "{name} is computed from {inputs}: {part} is more than the {whole} it is a part of, which cannot be "
        "(a unit slip or a digit too many or too few in one of them?); no note confirms it",
        "zh": "{name}由{inputs}算出：{part} 大于它所属的总数 {whole}，这不可能"
        "（其中某个数值单位填错，或多写、少写了位数？）；备注不能确认此项",
    },
    "input.implausible_derived": {
        "en": "{name}, computed from {inputs}, is {number} {unit}, {times} {scale}: one of the figures it is "
        "computed from looks wrong (a unit slip, a digit too many or too few?). If they are right, start this "
        "row's note with 已核实 or verified:",
        "zh": "由{inputs}算出的{name}为 {number} {unit}，是{scale}的 {times}：所依据的数值疑似填错"
        "（单位填错，或多写、少写了位数？）。若数值无误，请在本行备注开头写“已核实”",
    },
    "notice.implausible_confirmed": {
        "en": "{number} {unit} is {times} {scale}; judged as reported, because its note starts with {word}: “{note}”",
        "zh": "{number} {unit}，是{scale}的 {times}；备注以“{word}”开头（“{note}”），按所填数值评估",
    },
    "notice.derived_confirmed": {
        "en": "{name}, computed from {inputs}, is {number} {unit}, {times} {scale}; judged as reported, because "
        "this row's note starts with {word}: “{note}”",
        "zh": "由{inputs}算出的{name}为 {number} {unit}，是{scale}的 {times}；本行备注以“{word}”开头"
        "（“{note}”），按所填数值评估",
    },
    "term.integer": {"en": "integer", "zh": "整数"},
    "term.number": {"en": "number", "zh": "数字"},
    "term.boolean": {"en": "boolean", "zh": "布尔值"},
    "term.file": {"en": "file", "zh": "文件"},
    "term.directory": {"en": "directory", "zh": "目录"},
    "term.path": {"en": "path", "zh": "路径"},
    "term.scale_baseline": {"en": "its {year} value {value}", "zh": "{year} 年数值 {value}"},
    "term.scale_plan": {"en": "the plan's {value}", "zh": "规划值 {value}"},
    "term.scale_example": {"en": "the plan's reference figure {value}", "zh": "规划参考值 {value}"},
    "term.scale_previous": {"en": "the previous year's {value} ({file})", "zh": "上一年数值 {value}（{file}）"},
    "term.times_more": {"en": "{ratio}× the size of", "zh": "{ratio} 倍"},
    "term.times_less": {"en": "1/{ratio} of", "zh": "1/{ratio}"},
    "term.slip_people": {"en": "the figure looks given in 人, not 万人", "zh": "疑似按“人”填报，应为“万人”"},
    "term.slip_per_1000": {
        "en": "the 人 figure looks divided by 1 000, not 10 000, or its decimal point is misplaced (万人)",
        "zh": "疑似人数除以 1000 而非 10000（万人），或小数点位置有误",
    },
    "term.slip_yuan": {"en": "the figure looks given in 元, not {unit}", "zh": "疑似按“元”填报，应为“{unit}”"},
    "term.slip_decimal": {"en": "the decimal point may be in the wrong place", "zh": "小数点位置可能有误"},
    "term.slip_either": {
        "en": "one of the two years' figures looks like a slip ({slip}; both should be in {unit})",
        "zh": "两年中有一年的数值疑似填错（{slip}；两年都应按{unit}填报）",
    },
    "term.slip_unit": {"en": "possibly a unit slip (about {factor})", "zh": "疑似单位填错（约 {factor}）"},
    "plan-lint.review_pending": {
        "en": "review pending: drafted, not yet held against the text (source line {source_line})",
        "zh": "待审核：由规则起草，尚未对照原文核对（原文第 {source_line} 行）",
    },
    "cli.cannot_write": {
        "en": "planchk: cannot write {path}: {reason} (exit 2)",
        "zh": "planchk：无法写入 {path}：{reason}（退出码 2）",
    },
    "usage.encoding_cannot_write": {
        "en": "{encoding} cannot write the template's Chinese names (first: {char}); use utf-8-sig (the default) "
        "or gb18030",
        "zh": "{encoding} 编码无法写出表格中的中文名称（第一个：{char}）；请用 utf-8-sig（默认）或 gb18030",
    },
    "plan-coverage.uncovered": {
        "en": "no target quotes this sentence and `excluded` does not list it: encode it, or list it under "
        "`excluded` with its reason",
        "zh": "该句既未被任何目标引用，也未列入 excluded：请编码，或连同理由列入 excluded",
    },
    "plan-coverage.partly_quoted": {
        "en": "quoted by {targets}, but not its clause(s) {clauses}: a sentence is quoted only when each of its "
        "clauses is; encode them, or list them under `excluded` with their reason",
        "zh": "已被 {targets} 引用，但其分句 {clauses} 未被引用：每个分句都被引用，该句才算已引用；请编码，或连同理由"
        "列入 excluded",
    },
    "plan-coverage.loose_numbers": {
        "en": "quoted by {targets}, but {numbers} lie(s) in no quote: encode it, or list the clause under "
        "`excluded` with its reason",
        "zh": "已被 {targets} 引用，但句中 {numbers} 不在任何引文中：请编码，或连同理由把该分句列入 excluded",
    },
    "plan-coverage.no_text": {
        "en": "no readable source text ({path}): the plan's text cannot be shown sentence by sentence",
        "zh": "没有可读取的规划原文（{path}）：无法逐句显示规划原文",
    },
    "plan-coverage.stale_exclusion": {
        "en": "no longer matches the text: '{quote}' is not on line {excluded_line} of {source}{hint}",
        "zh": "排除项与原文不符：「{quote}」不在 {source} 第 {excluded_line} 行{hint}",
    },
    "plan-coverage.unknown_target": {
        "en": "a duplicate of unknown id '{target}'",
        "zh": "排除项指向不存在的编号「{target}」",
    },
    "plan-coverage.unused_exclusion": {
        "en": "excludes nothing: '{quote}' covers no unquoted clause by half or more; quote the whole clause, or "
        "remove it",
        "zh": "排除项未排除任何内容：「{quote}」未覆盖任何未引用分句的一半以上；请引用整个分句，或删除该排除项",
    },
    "term.now_on_lines": {"en": " (it is on line {lines})", "zh": "（现在第 {lines} 行）"},
    "cli.coverage_summary": {
        "en": "; {sentences} sentence(s) in the source text: {quoted} quoted, {excluded} excluded, "
        "{uncovered} uncovered",
        "zh": "；原文共 {sentences} 句：已引用 {quoted}，已排除 {excluded}，未覆盖 {uncovered}",
    },
    "cli.draft_note": {"en": "planchk plan draft: note: {note}", "zh": "planchk 起草规划：提示：{note}"},
    # The drafter's notes: what it could not read, with the line (plan/draft/table.py, documents.py).
    "cli.draft_no_table": {
        "en": "no indicator table found (looked for 主要指标 / 专栏1 / 表1): targets.yaml has no indicators",
        "zh": "未找到指标表（查找了“主要指标”“专栏1”“表1”）：targets.yaml 中没有指标",
    },
    "cli.draft_period_from_due": {
        "en": "no 十四五-type name, no years in a title and no year columns: the period {start}-{end} is read from "
        "the year the targets are due by (到{end}年); check it",
        "zh": "没有“十四五”之类的名称、标题中的年份或年份列：规划期 {start}—{end} "
        "按目标的完成年份（到{end}年）推定，请核对",
    },
    "cli.draft_table_note": {"en": "table: {note}", "zh": "指标表：{note}"},
    "cli.draft_row_left_out": {
        "en": "line {line}: row '{row}' has no baseline or no target value, left out",
        "zh": "第 {line} 行：“{row}”一行没有基期值或目标值，未起草",
    },
    "cli.draft_row_no_baseline": {
        "en": "line {line}: row '{row}' has targets but no {year} value (a new indicator): drafted in targets.yaml as "
        "a comment, with its targets and attribute; write its baseline and remove the `# ` to encode it",
        "zh": "第 {line} 行：“{row}”一行有目标值而没有 {year} 年基期值（新增指标）：已连同目标值和属性以注释写入 "
        "targets.yaml；请补上基期值并删去行首的“# ”",
    },
    "cli.draft_values_without_name": {
        "en": "line {line}: values without a row name, skipped",
        "zh": "第 {line} 行：有数值而没有指标名称，已跳过",
    },
    "cli.draft_value_without_name": {
        "en": "line {line}: values without a row name ('{cell}'), skipped",
        "zh": "第 {line} 行：数值（“{cell}”）没有指标名称，已跳过",
    },
    "cli.draft_bad_attribute": {
        "en": "line {line}: 属性 '{attribute}' is neither 约束性 nor 预期性",
        "zh": "第 {line} 行：属性“{attribute}”既不是约束性也不是预期性",
    },
    "cli.draft_row_without_values": {
        "en": "line {line}: row '{row}' has no values, skipped",
        "zh": "第 {line} 行：“{row}”一行没有数值，已跳过",
    },
    "cli.draft_too_many_values": {
        "en": "line {line}: row '{row}' has {values} values for {columns} year column(s); the first are read",
        "zh": "第 {line} 行：“{row}”一行有 {values} 个数值，而年份列只有 {columns} 列；按前几个读取",
    },
    "cli.draft_cell_outside_row": {
        "en": "line {line}: cell '{cell}' outside a row, skipped",
        "zh": "第 {line} 行：单元格“{cell}”不属于任何一行，已跳过",
    },
    "cli.draft_empty_category": {
        "en": "line {line}: '{category}' read as a category, but no row with values follows it",
        "zh": "第 {line} 行：“{category}”读作类别，但其后没有带数值的行",
    },
    "cli.draft_pairs_unnamed": {
        "en": "line {line}: row '{row}' holds {values} values in a cell but its name does not say which is which "
        "(write it as 名称(小学/初中)), skipped",
        "zh": "第 {line} 行：“{row}”一行的单元格中有 {values} 个数值，但名称没有说明各是哪一个"
        "（请写成“名称（小学/初中）”），已跳过",
    },
    "cli.draft_stacked_mismatch": {
        "en": "line {line}: stacked cell '{row}' does not match {values} values, read as one",
        "zh": "第 {line} 行：叠放的单元格“{row}”与 {values} 个数值对不上，按一行读取",
    },
    "cli.draft_wrote": {
        "en": "planchk plan draft: wrote {out}: {plan} {start}-{end}, {indicators} indicators, {items} items, "
        "{pending} pending review. Next: planchk plan check {out}",
        "zh": "planchk 起草规划：已写入 {out}：{plan}（{start}—{end}），{indicators} 个指标，{items} 个事项，"
        "{pending} 项待审核。下一步：planchk plan check {out}",
    },
    "cli.review_done": {
        "en": "planchk plan review: {marked} target(s) marked reviewed, {left} still pending",
        "zh": "planchk 审核规划：已将 {marked} 个目标标记为已审核，尚有 {left} 个待审核",
    },
    "usage.no_unit_map": {
        "en": "plan '{plan}' has no responsibility map (units.yaml beside targets.yaml): it cannot say which unit "
        "answers for what",
        "zh": "规划「{plan}」没有责任单位对照表（与 targets.yaml 同目录的 units.yaml），无法按单位区分",
    },
    "usage.unknown_unit": {
        "en": "no unit '{unit}' in the plan's responsibility map; the units are: {units}",
        "zh": "规划的责任单位对照表中没有「{unit}」；现有单位：{units}",
    },
    "usage.template_suffix": {
        "en": "planchk writes the form as .xlsx (or CSV), not {suffix}: name the file .xlsx or .csv",
        "zh": "planchk 只能把表格写成 .xlsx（或 CSV），不能写成 {suffix}：请把文件命名为 .xlsx 或 .csv",
    },
    "usage.workbook_to_terminal": {
        "en": "an .xlsx form is a binary file: write it to a file with -o FILE.xlsx",
        "zh": ".xlsx 表格是二进制文件：请用 -o 文件名.xlsx 写入文件",
    },
    "cli.lint_units": {
        "en": "; responsibility map{kind}: {units} units, {unassigned} of {rows} indicators and items have no unit",
        "zh": "；责任单位对照表{kind}：{units} 个单位，{rows} 个指标和事项中 {unassigned} 个没有责任单位",
    },
    "cli.lint_no_units": {
        "en": "; no responsibility map (units.yaml)",
        "zh": "；无责任单位对照表（units.yaml）",
    },
    "term.illustrative": {
        "en": " (illustrative)",
        "zh": "（示例）",
    },
    "cli.lint_quote_values": {
        "en": "; numbers held against their quotes: {checked} checked, {unchecked} not checked (given in words there, "
        "as 全覆盖, 一批 or 两所, or from a base, as 翻一番)",
        "zh": "；目标数值对照出处原文：已核对 {checked} 个，未核对 {unchecked} 个"
        "（原文以文字写出，如“全覆盖”“一批”“两所”，或相对基数表述，如“翻一番”）",
    },
    "cli.lint_pending": {
        "en": "; {pending} pending review",
        "zh": "；{pending} 项待审核",
    },
    "cli.lint_summary": {
        "en": "planchk plan check: {plan} v{version}: {indicators} indicators, {items} items, {revisions} revisions; "
        "{errors} error(s), {warnings} warning(s)",
        "zh": "planchk 规划检查：{plan} v{version}：{indicators} 个指标，{items} 个事项，{revisions} 次修订；"
        "{errors} 个错误，{warnings} 个警告",
    },
    "cli.diff_line": {
        "en": "{target}\t{field}\t{old} → {new}",
        "zh": "{target}\t{field}\t{old} → {new}",
    },
    "cli.diff_summary": {
        "en": "planchk plan diff: {n} difference(s)",
        "zh": "planchk 规划比较：{n} 处不同",
    },
    # ── words that go into the messages above ────────────────────────────────────────────────────────
    # The other encoding's place in input.neither_utf8_nor_gb18030.
    "term.fails_before": {"en": "read as {encoding}, already at {at}", "zh": "按 {encoding} 读取，在{at}就已出错"},
    "term.fails_at_same_byte": {
        "en": "read as {encoding}, at the same byte",
        "zh": "按 {encoding} 读取，也在同一字节出错",
    },
    "term.byte_position": {
        "en": "line {lineno}, column {colno} (byte {byte} at offset {offset})",
        "zh": "第 {lineno} 行第 {colno} 列（偏移 {offset} 处的字节 {byte}）",
    },
    "term.a_pdf": {"en": "a PDF document", "zh": "PDF 文档"},
    "term.a_zip": {
        "en": "a ZIP archive (an .xlsx workbook? name it .xlsx and planchk reads it)",
        "zh": "ZIP 压缩包（.xlsx 工作簿？改用 .xlsx 扩展名即可读取）",
    },
    "term.an_ole": {"en": "an old Office document (an .xls workbook?)", "zh": "Office 旧格式文档（.xls 工作簿？）"},
    "term.file_docx": {"en": "a Word document (.docx)", "zh": "Word 文档（.docx）"},
    "term.file_pptx": {"en": "a PowerPoint presentation (.pptx)", "zh": "PowerPoint 演示文稿（.pptx）"},
    "term.file_opendocument": {
        "en": "an OpenDocument file that is not a spreadsheet (.odt, .odp?)",
        "zh": "非电子表格的 OpenDocument 文件（.odt、.odp？）",
    },
    "term.file_zip": {"en": "a ZIP archive holding no workbook", "zh": "不含工作簿的 ZIP 压缩包"},
    "term.file_doc": {"en": "an old Word document (.doc)", "zh": "Word 旧格式文档（.doc）"},
    "term.file_ppt": {"en": "an old PowerPoint presentation (.ppt)", "zh": "PowerPoint 旧格式演示文稿（.ppt）"},
    "term.file_unknown": {
        "en": "neither a ZIP (.xlsx, .xlsb, .ods) nor an OLE file (.xls)",
        "zh": "既不是 ZIP（.xlsx、.xlsb、.ods）也不是 OLE 文件（.xls）",
    },
    "term.a_png": {"en": "a PNG image", "zh": "PNG 图片"},
    "term.a_jpeg": {"en": "a JPEG image", "zh": "JPEG 图片"},
    "term.an_rtf": {"en": "an RTF document", "zh": "RTF 文档"},
    "term.semicolons": {"en": "semicolons", "zh": "分号"},
    "term.tabs": {"en": "tabs", "zh": "制表符"},
    "term.vertical_bars": {"en": "vertical bars", "zh": "竖线"},
    "term.title_line": {"en": "a title", "zh": "标题"},
    "term.sep_line": {"en": "Excel's 'sep=,' line", "zh": "Excel 的「sep=,」行"},
    "term.empty_line": {"en": "empty", "zh": "空行"},
    "term.the_plan_unit": {"en": "the plan unit", "zh": "规划规定的单位"},
    "term.a_plain_number": {"en": "a plain number", "zh": "无单位的数字"},
    "term.column": {"en": "year column", "zh": "年份列"},
    "term.option": {"en": "--year option", "zh": "--year 参数"},
    "term.filename": {"en": "filename", "zh": "文件名"},
    "term.title_year": {"en": "title line above the header", "zh": "表头上方的标题行"},
    "term.sheet_name": {"en": "sheet name", "zh": "工作表名"},
    "term.present": {"en": "present", "zh": "有"},
    "term.field.version": {"en": "version", "zh": "版本"},
    "term.field.indicator": {"en": "indicator", "zh": "指标"},
    "term.field.item": {"en": "item", "zh": "事项"},
    "term.field.unit": {"en": "unit", "zh": "单位"},
    "term.field.attribute": {"en": "attribute", "zh": "属性"},
    "term.field.part_of": {"en": "part_of", "zh": "所属合计（part_of）"},
    "term.field.baseline": {"en": "baseline", "zh": "基期"},
    "term.field.target_year": {"en": "target {year}", "zh": "{year} 年目标"},
    "term.field.measure": {"en": "measure", "zh": "类型"},
    "term.field.comparator": {"en": "comparator", "zh": "比较符"},
    "term.field.target": {"en": "target", "zh": "目标"},
    "term.field.min": {"en": "min", "zh": "下限"},
    "term.field.max": {"en": "max", "zh": "上限"},
    "term.field.due": {"en": "due", "zh": "到期年份"},
    "term.field.hedge": {"en": "hedge", "zh": "留有余地的措辞（hedge）"},
    "term.field.entries": {"en": "entries", "zh": "所列项目"},
    # Operating-system errors (the English is the C library's own wording; the Chinese is glibc's zh_CN).
    "os.ENOENT": {"en": "No such file or directory", "zh": "没有那个文件或目录"},
    "os.EACCES": {"en": "Permission denied", "zh": "权限不够"},
    "os.EISDIR": {"en": "Is a directory", "zh": "是一个目录"},
    "os.ENOTDIR": {"en": "Not a directory", "zh": "不是目录"},
    "os.EIO": {"en": "Input/output error", "zh": "输入/输出错误"},
    "os.EPERM": {"en": "Operation not permitted", "zh": "不允许的操作（没有权限）"},
    "os.ENOSPC": {"en": "No space left on device", "zh": "磁盘空间已满"},
    "os.EDQUOT": {"en": "Disk quota exceeded", "zh": "超出磁盘配额"},
    "os.EROFS": {"en": "Read-only file system", "zh": "文件系统是只读的"},
    "os.EEXIST": {"en": "File exists", "zh": "文件已存在"},
    "os.ENOTEMPTY": {"en": "Directory not empty", "zh": "目录不是空的"},
    "os.ENAMETOOLONG": {"en": "File name too long", "zh": "文件名太长"},
    "os.ELOOP": {"en": "Too many levels of symbolic links", "zh": "符号链接层数过多（可能是循环链接）"},
    "os.EBUSY": {"en": "Device or resource busy", "zh": "设备或资源正忙"},
    "os.ETXTBSY": {"en": "Text file busy", "zh": "文件正被占用"},
    "os.ENXIO": {"en": "No such device or address", "zh": "没有那个设备或地址"},
    "os.ENODEV": {"en": "No such device", "zh": "没有那个设备"},
    "os.EFBIG": {"en": "File too large", "zh": "文件太大"},
    "os.EMFILE": {"en": "Too many open files", "zh": "打开的文件过多"},
    "os.ENFILE": {"en": "Too many open files in system", "zh": "系统中打开的文件过多"},
    "os.ENOMEM": {"en": "Cannot allocate memory", "zh": "内存不足"},
    "os.EINVAL": {"en": "Invalid argument", "zh": "无效的参数（系统不接受这个路径或操作）"},
    "os.EPIPE": {"en": "Broken pipe", "zh": "管道已断开（读取方已退出）"},
    "os.EAGAIN": {"en": "Resource temporarily unavailable", "zh": "资源暂时不可用"},
    "os.ESPIPE": {"en": "Illegal seek", "zh": "无法定位（这不是普通文件）"},
    "os.EXDEV": {"en": "Invalid cross-device link", "zh": "不能跨设备移动文件"},
    "os.ETIMEDOUT": {"en": "Connection timed out", "zh": "连接超时"},
    "os.ESTALE": {"en": "Stale file handle", "zh": "文件句柄已失效（网络文件系统？）"},
    "os.other": {"en": "{reason}", "zh": "系统错误（原文：{reason}）"},
    # Why -o is refused before anything is written (output.py), said as cli.cannot_write's reason.
    "output.is_input": {
        "en": "it is {input}, which this command reads: planchk never writes over its input; choose another file",
        "zh": "它就是本命令读取的 {input}：planchk 从不覆盖输入文件；请另选一个输出文件",
    },
    "output.exists": {
        "en": "the file exists and may hold filled-in values; choose another name, or pass --force to replace it",
        "zh": "该文件已存在，可能已填有数据；请另起文件名，或加 --force 覆盖",
    },
    "output.symlink": {
        "en": "it is a symbolic link (to {target}): planchk does not write through a link, which may have come "
        "with a checkout and lead anywhere; give the real path",
        "zh": "它是符号链接（指向 {target}）：planchk 不经由链接写入，因为链接可能随代码检出而来、指向任何地方；"
        "请给出实际路径",
    },
    # What the YAML parser says, in plain words (plan/yaml_safe.py picks one by the parser's message).
    "yaml.tab": {
        "en": "a tab character where YAML allows only spaces (indent with spaces)",
        "zh": "出现了制表符，而 YAML 只允许用空格缩进",
    },
    "yaml.bad_character": {
        "en": "found a character that cannot start any token",
        "zh": "出现了不能作为开头的字符",
    },
    "yaml.control_character": {
        "en": "control characters (such as NUL) are not allowed",
        "zh": "不允许出现控制字符（如 NUL）",
    },
    "yaml.mapping_values": {
        "en": "mapping values are not allowed here (a missing space after ':', or wrong indentation?)",
        "zh": "此处不允许出现映射值（「:」后面少了空格，还是缩进不对？）",
    },
    "yaml.expected_colon": {
        "en": "could not find the expected ':'",
        "zh": "找不到应有的「:」",
    },
    "yaml.indentation": {
        "en": "the indentation does not match the lines above",
        "zh": "缩进与上面的行对不齐",
    },
    "yaml.unclosed_bracket": {
        "en": "a [ or {{ is not closed, or its items lack a ','",
        "zh": "「[」或「{{」没有闭合，或者其中的各项之间缺少「,」",
    },
    "yaml.unclosed_quote": {
        "en": "a quoted string is not closed",
        "zh": "带引号的字符串没有闭合",
    },
    "yaml.unexpected_end": {
        "en": "the file ends in the middle of a value",
        "zh": "文件在一个值的中间就结束了",
    },
    "yaml.bad_escape": {
        "en": "an unknown escape (\\) in a double-quoted string",
        "zh": "双引号字符串中有未知的转义（\\）",
    },
    "yaml.undefined_alias": {
        "en": "an alias (*name) that names no anchor",
        "zh": "别名（*name）指向不存在的锚点",
    },
    "yaml.unknown_tag": {
        "en": "a tag (!something) that plan files do not use",
        "zh": "规划文件不使用的标签（！标签）",
    },
    "yaml.bad_value": {
        "en": "a value its tag cannot read (such as an impossible date)",
        "zh": "标签无法读取的值（如不存在的日期）",
    },
    "yaml.other": {
        "en": "{detail}",
        "zh": "解析器无法继续（原文：{detail}）",
    },
    # What the plan's models say (plan/load.py picks one by Pydantic's error type; ctx fills the placeholders).
    "pydantic.missing": {"en": "Field required", "zh": "缺少这一必填字段"},
    "pydantic.extra_forbidden": {
        "en": "Extra inputs are not permitted",
        "zh": "不允许有这一字段（拼写错误，还是放错了位置？）",
    },
    "pydantic.float_parsing": {
        "en": "Input should be a valid number, unable to parse string as a number",
        "zh": "应为数字，这一文本无法读作数字",
    },
    "pydantic.float_type": {"en": "Input should be a valid number", "zh": "应为数字"},
    "pydantic.finite_number": {
        "en": "Input should be a finite number (not .nan, .inf, or one too large to hold such as 1.0e+400)",
        "zh": "应为有限的数（不能是 .nan、.inf，或 1.0e+400 这样大到无法表示的数）",
    },
    "pydantic.int_parsing": {
        "en": "Input should be a valid integer, unable to parse string as an integer",
        "zh": "应为整数，这一文本无法读作整数",
    },
    "pydantic.int_type": {"en": "Input should be a valid integer", "zh": "应为整数"},
    "pydantic.int_from_float": {
        "en": "Input should be a valid integer, got a number with a fractional part",
        "zh": "应为整数，而这个数有小数部分",
    },
    "pydantic.string_type": {"en": "Input should be a valid string", "zh": "应为文本"},
    "pydantic.bool_type": {"en": "Input should be a valid boolean", "zh": "应为 true 或 false"},
    "pydantic.bool_parsing": {
        "en": "Input should be a valid boolean, unable to interpret input",
        "zh": "应为 true 或 false，这一值无法解读",
    },
    "pydantic.list_type": {"en": "Input should be a valid list", "zh": "应为列表"},
    "pydantic.dict_type": {"en": "Input should be a valid dictionary", "zh": "应为映射（键值对）"},
    "pydantic.model_type": {
        "en": "Input should be a valid dictionary or instance of {class_name}",
        "zh": "应为映射（键值对）或 {class_name} 对象",
    },
    "pydantic.model_attributes_type": {
        "en": "Input should be a valid dictionary or object to extract fields from",
        "zh": "应为映射（键值对）",
    },
    "pydantic.dataclass_type": {
        "en": "Input should be a dictionary or an instance of {class_name}",
        "zh": "应为映射（键值对）或 {class_name} 对象",
    },
    "pydantic.literal_error": {"en": "Input should be {expected}", "zh": "应为以下之一：{expected}"},
    "pydantic.enum": {"en": "Input should be {expected}", "zh": "应为以下之一：{expected}"},
    "pydantic.greater_than": {"en": "Input should be greater than {gt}", "zh": "应大于 {gt}"},
    "pydantic.greater_than_equal": {
        "en": "Input should be greater than or equal to {ge}",
        "zh": "应大于或等于 {ge}",
    },
    "pydantic.less_than": {"en": "Input should be less than {lt}", "zh": "应小于 {lt}"},
    "pydantic.less_than_equal": {"en": "Input should be less than or equal to {le}", "zh": "应小于或等于 {le}"},
    "pydantic.string_too_short": {
        "en": "String should have at least {min_length} characters",
        "zh": "至少应有 {min_length} 个字符",
    },
    "pydantic.too_short": {
        "en": "{field_type} should have at least {min_length} items",
        "zh": "至少应有 {min_length} 项（{field_type}）",
    },
    "pydantic.too_long": {
        "en": "{field_type} should have at most {max_length} items",
        "zh": "至多只能有 {max_length} 项（{field_type}）",
    },
    "pydantic.other": {
        "en": "{detail}",
        "zh": "不符合规划文件的格式（原文：{detail}）",
    },
}


def placeholders(template: str) -> set[str]:
    """The named {placeholders} of a template."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _fill(template: str, lang: str, params: Mapping[str, object]) -> str:
    return template.format(**{k: v.get(lang) if isinstance(v, Bilingual) else v for k, v in params.items()})


def say(key: str, /, **params: object) -> Bilingual:
    """The message `key` in both languages with its {placeholders} filled in; a `Bilingual` parameter is
    filled in the same language. An unknown key or a missing parameter is a bug (KeyError)."""
    return said(key, params)


def said(key: str, params: Mapping[str, object]) -> Bilingual:
    """`say` for a message kept as its key and parameters until it is shown (results.Verdict)."""
    entry = MESSAGES[key]
    return Bilingual(zh=_fill(entry["zh"], "zh", params), en=_fill(entry["en"], "en", params))


def say_known(key: str, params: Mapping[str, object]) -> Bilingual | None:
    """`say` for a key chosen at run time (a library's error type): None when the catalogue has no such key
    or the parameters do not fill it."""
    entry = MESSAGES.get(key)
    if entry is None or not placeholders(entry["en"]) <= set(params):
        return None
    return say(key, **{k: v for k, v in params.items() if k in placeholders(entry["en"])})


def listing(items: Iterable[object]) -> Bilingual:
    """Items listed in a sentence: "2022, 2025" / "2022、2025"; `Bilingual` items in each language."""
    shown = list(items)
    return Bilingual(
        zh="、".join(i.zh if isinstance(i, Bilingual) else str(i) for i in shown),
        en=", ".join(i.en if isinstance(i, Bilingual) else str(i) for i in shown),
    )


def os_reason(exc: OSError) -> Bilingual:
    """Why the system could not open or read a file, in both languages."""
    name = errno.errorcode.get(exc.errno or 0, "")
    known = say_known(f"os.{name}", {})
    return known or say("os.other", reason=exc.strerror or str(exc))


_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"'\\t'|\btab\b", "yaml.tab"),
    (r"control characters|unacceptable character|special characters", "yaml.control_character"),
    (r"cannot start any token", "yaml.bad_character"),
    (r"mapping values are not allowed", "yaml.mapping_values"),
    (r"could not find expected ':'", "yaml.expected_colon"),
    (r"expected ',' or|did not find expected ',' or", "yaml.unclosed_bracket"),
    (r"expected <block end>|did not find expected key|did not find expected '-'", "yaml.indentation"),
    (r"unexpected end of stream|end of the stream", "yaml.unexpected_end"),
    (r"closing quote|quoted scalar", "yaml.unclosed_quote"),
    (r"unknown escape", "yaml.bad_escape"),
    (r"undefined alias|found undefined", "yaml.undefined_alias"),
    (r"could not determine a constructor|undefined tag|unknown tag", "yaml.unknown_tag"),
    (r"out of range|invalid (date|time|value)", "yaml.bad_value"),
)


def yaml_detail(detail: str) -> Bilingual:
    """What PyYAML (or libyaml) says, in plain words when planchk knows the problem; else as it said it."""
    for pattern, key in _YAML_PROBLEMS:
        if re.search(pattern, detail, re.I):
            return say(key)
    return say("yaml.other", detail=detail)
