"""Every `--help` text of planchk, in Chinese and English: one table, like `i18n.LABELS` for the labels.

`HELP[lang][key]` with the same keys in both languages (a test checks it, and that the command line uses
every key and finds a text for every command, argument and option). Keys:
- a command by its path after `planchk`: `evaluate`, `plan show`; `planchk` is the top-level command. Its
  text is a one-line summary (the command list shows it), then paragraphs separated by a blank line, one
  line each (the terminal wraps them). `EXAMPLES` (the same in both languages) and, for the commands in
  `WITH_EXIT_CODES`, the exit-code paragraph are added after it.
- an option by its long name (`--plan`), an argument by its name in capitals (`FILES`): shared by every
  command that has it, unless `<command> <option>` (`report --lang`) gives that command its own text.
- the help's own words: `usage`, `examples`, `exit-codes`, `--help`, and `heading.*` and `required` (the
  section headings and the mark of a required argument; Chinese help only, see cli/help_format.py).

`{formats.<kind>}` in a text is the list of that kind's formats, made from the renderer registry
(planchk.formats.FORMATS) with the notes of FORMAT_NOTES, so a new format is listed without an edit here;
`{workbooks}` the workbooks read besides CSV (planchk.formats.WORKBOOK_SUFFIXES).

Help is written for the people who run planchk: no references to its source or its repository's
documents. Chinese: full-width punctuation (，。：；（）), a space between Chinese and Latin text or numbers;
option names, file names, values and examples as they are typed.

Plain data, imported when the command line is built: no Typer, Rich, Pydantic or YAML here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planchk.lang import Lang

HELP: dict[str, dict[str, str]] = {
    "zh": {
        "usage": "用法：",
        "examples": "示例：",
        "heading.arguments": "参数：",
        "heading.options": "选项：",
        "heading.commands": "命令：",
        "required": "（必填）",
        "--help": "显示本帮助并退出。",
        "exit-codes": "退出码：0 没有错误级别的结果（允许有警告）；1 至少有一个错误级别的结果（使用 --strict 时警告也算）；2 输入无法评估（CSV 或 YAML 有误、选项有误、输出文件无法写入）；3 planchk 内部错误（与数据的评估结论无关）。",
        # ── commands ──
        "planchk": "对照五年规划检查各年度的实际数据（内置规划：重庆市大渡口区教育事业发展“十四五”规划，2021–2025 年）。",
        "planchk --version": "显示版本号并退出。",
        "evaluate": "对照规划评估一个或多个年度的实际数据。\n\n每个 FILE 是一个年度数据的 CSV 文件（planchk template 可生成空表）。给出多个文件时逐个评估，退出码取其中最严重的；无法读取的文件会报告出来（退出码 2），其余文件照常评估。",
        "validate": "只检查数据（格式、id、单位、数值、分项之和），不对照目标评估。\n\n所有文件都能评估时退出码为 0，有文件无法评估时为 2（使用 --strict 时有警告为 1）。",
        "trend": "多个年度并列比较：数据序列、规划路径、时序进度、预测和趋势评估。\n\n每个年度一个文件（使用 --combine 时同一年度可有几个文件），都是同一个地区的：文件名只差年份（江北区-2022.csv、江北区-2023.csv），且没有为另一规划制作的；任一文件无法读取或不属于最新文件所在的地区，即停止运行（退出码 2）。用 --combine 合并的各单位的表按单位命名，不按地区核对文件名，其上一年为所给文件中的上一年。",
        "report": "生成评估报告（年度、中期或总结评估）：主要指标、专栏项目和趋势。\n\n评估 --year 所选的年度（默认为最新文件的年度），更早的文件用于分析趋势；使用 --combine 时同一年度的几个文件合并读取。报告默认为中文，--lang en 时为英文。所给文件须是同一个地区的各年文件（文件名只差年份，且没有为另一规划制作的）；任一文件无法读取或不属于最新文件所在的地区，即停止运行（退出码 2）。用 --combine 合并的各单位的表按单位命名，不按地区核对文件名，其上一年为所给文件中的上一年。",
        "schema": "输出 JSON 报告（report）或规划文件（targets、projects、units）的 JSON Schema。",
        "template": "生成 CSV 文件或 .xlsx 填报表，列出 YEAR 年度应报送的全部指标和事项，供填写。\n\n填写数值列（CSV 中为 value，.xlsx 表中为“数值”；需要时在备注列写说明），然后对该文件运行 planchk evaluate。",
        "plan": "查看已编码的规划；由规划文本起草规划文件，并审核草稿。",
        "plan show": "以表格显示已编码的整个规划：主要指标、专栏项目及事项、已记录的原文矛盾。",
        "plan check": "检查规划文件：结构（schema）、id 不重复、分项之和、阶段目标与比较方向一致、每个目标都有原文出处（且能在规划文本中找到）、修订所指的目标确实存在，以及原文的每一句都已引用或已排除。\n\n退出码：0 没有问题（允许有警告），1 有检查错误（包括未覆盖的句子），2 规划无法加载。",
        "plan coverage": "逐句列出规划原文及其覆盖情况：已引用（列出引用它的目标）、已排除（列出理由）或未覆盖，并按段统计。\n\n一句中每个带有自身动作的分句都被引用，该句才算已引用。有未覆盖的句子时退出码为 1。",
        "plan diff": "逐个目标列出两个规划版本或目录之间的变化。",
        "plan draft": "按规则由规划文本起草规划目录（targets.yaml、projects.yaml），供人工审核。\n\n起草的每个目标都标为 `review: pending`，直到用 `planchk plan review` 标记为已审核。",
        "plan review": "对照原文核对之后，将起草的目标标记为已审核（review: pending → reviewed）。",
        # ── options and arguments shared by several commands ──
        "FILES": "年度实际数据文件：CSV 文件或工作簿（{workbooks}），每个文件一个年度（使用 --combine 时除外）。",
        "--year": "报送年度：文件内容和文件名中都没有年份时使用；有年份时须与之一致。",
        "--plan": "规划目录（默认：内置规划）。",
        "--plans": "存放多个规划的文件夹（plans/<区县>/targets.yaml）：每个文件按它注明的规划（planchk template 生成的表中的 plan 列或填写说明中的规划编号）检查，"
        "未注明的按它所在目录的名称（data/<区县>/2023.csv）；不能与 --plan 同时使用。",
        "--plan-version": "按此规划版本评估（默认：各年度当时有效的版本）。",
        "--strict": "警告也算不通过（同 --fail-on warning）。",
        "--fail-on": "使退出码为 1 的最低级别：error（默认）、warning、never。",
        "--lang": "标签、提示信息和 --help 的语言（默认：PLANCHK_LANG，否则按系统区域设置）。",
        "--format": "{formats.run}。",
        "--output": "写入此处而不是标准输出：文件以原子方式替换（缺少的文件夹会自动创建；指向文件的符号链接和本次读取的文件都不会被写入）；设备或 FIFO 直接写入；- 表示标准输出。",
        "--encoding": "指定 CSV 文件的编码（如 gb18030）。",
        "--combine": "这些文件是同一年度数据的几个部分（如每个科室各填一份填报表）：合并为一份读取。数值和备注都空着的行不算该文件报送；同一 id 在两个文件中都填写了即为错误。",
        "--no-color": "不使用颜色（也遵循 NO_COLOR 环境变量）。",
        "--debug": "内部错误时显示回溯信息（traceback）。",
        # ── options and arguments of one command ──
        "evaluate --previous": "上一年度的数据文件，作为本次每个文件的上一年（供逐年比较的规则使用），不论文件名；"
        "不给时，只用文件名仅年份不同的文件。",
        "evaluate --only": "只显示指标或只显示专栏项目（table 格式）。",
        "evaluate --programme": "逐项显示一个专栏的全部事项（table 格式）：可写专栏编号、专栏或 id，如 4、专栏4、box4、text。",
        "trend --format": "{formats.trend}。",
        "trend --only": "只显示指标或只显示专栏事项（table 格式）。",
        "trend --combine": "同一年度的几个文件（如每个科室各填一份）合并为该年度的数据；数值和备注都空着的行不算该文件报送，同一 id 在同一年度的两个文件中都填写了即为错误。",
        "report --year": "要评估的年度（默认：最新文件的年度）；更早的文件用于分析趋势。报告的种类由规划决定：规划期最后一年为总结评估，规划的中期年度为中期评估，其余年度为年度评估。",
        "report --lang": "报告语言（默认 zh）。",
        "report --format": "{formats.report}。",
        "report --combine": "同一年度的几个文件（如每个科室各填一份）合并为该年度的数据；数值和备注都空着的行不算该文件报送，同一 id 在同一年度的两个文件中都填写了即为错误。",
        "schema WHAT": "report（--format json 输出的 JSON）、targets、projects 或 units（规划文件）。",
        "schema --lang": "提示信息的语言（默认：PLANCHK_LANG，否则按系统区域设置）；Schema 本身不分语言。",
        "template YEAR": "报送年度（须在规划期内）。",
        "template --lang": "提示信息的语言（默认：PLANCHK_LANG，否则按系统区域设置）；填报表本身同时列出中文和英文名称。",
        "template --encoding": "utf-8-sig（默认，Excel 能正确显示中文）或 gb18030。",
        "template --example": "填入规划本身在该年度的数值（得到一个完全符合规划的文件，用于试用 planchk）。",
        "template --format": "csv 或 xlsx（默认：按 -o 文件的扩展名，否则为 csv）。",
        "template --unit": "只列出该单位负责的行（规划的责任单位对照表 units.yaml）：可写单位编号、中文名或英文名，"
        "如 人事科、personnel。各单位的表在文件名中写上单位名（如 2023-人事科），用 --combine 合并时，填了别的单位负责的行会给出警告。",
        "--by-unit": "按责任单位分组显示结果（规划的 units.yaml）：各单位的达标、未达标、缺报数，未达标的单位排在前面，"
        "并列出其未达标和缺报的事项；JSON 中每个结果带 responsible_unit。",
        "template --force": "覆盖已存在的 -o 文件（不加时，已存在的文件一律不覆盖：它可能是已填好的报表）。",
        "plan check PATH": "规划目录（默认：内置规划）。",
        "plan coverage PATH": "规划目录（默认：内置规划）。",
        "plan coverage --format": "{formats.coverage}。",
        "plan diff OLD": "旧规划：DIR（规划发布时的版本）或 DIR@VERSION（如 plan）。",
        "plan diff NEW": "新规划：DIR 或 DIR@VERSION，VERSION 为规划的 plan.version 或其某次修订的版本（如 plan@1.1.2）。",
        "plan diff --format": "table（默认）或 json。",
        "plan draft SOURCE": "规划文件：纯文本（UTF-8 或 GB18030）、Word 文档（.docx）或保存的网页（.html）。PDF、.doc、.wps 请先用 WPS/Word 另存为 .docx 或复制文字为 .txt。",
        "plan draft --output": "要写入的规划目录。",
        "plan draft --id": "规划的 id（默认：draft-START-END，START、END 为规划的起止年份）。",
        "plan draft --force": "允许写入非空的目录。",
        "plan review PATH": "起草的规划目录。",
        "plan review --all": "将所有待审核的目标标记为已审核。",
        "plan review --id": "将此目标标记为已审核（可多次使用）。",
    },
    "en": {
        "usage": "Usage: ",
        "examples": "Examples:",
        "heading.arguments": "Arguments:",
        "heading.options": "Options:",
        "heading.commands": "Commands:",
        "required": "  [required]",
        "--help": "Show this message and exit.",
        "exit-codes": "Exit codes: 0 nothing at error level (warnings allowed); 1 at least one error-level result (or a warning under --strict); 2 the input could not be judged (bad CSV or YAML, bad options, an output file that cannot be written); 3 an internal error in planchk (never a verdict on the data).",
        # ── commands ──
        "planchk": "Check actual figures against a five-year plan (bundled: the Dadukou District education plan 2021-2025).",
        "planchk --version": "Show the version and exit.",
        "evaluate": "Judge actual figures for one or more years against the plan.\n\nEach FILE is a CSV of one year's figures (planchk template writes an empty one). With several files each is judged on its own and the exit code is the worst; a file that cannot be read is reported (exit 2) and the others are still judged.",
        "validate": "Check the data only (format, ids, units, values, parts adding up); no judgement against targets.\n\nExit 0 when every file can be judged, 2 when one cannot (1 for warnings under --strict).",
        "trend": "Several years side by side: series, plan path, progress against time, projection and classification.\n\nGive one file per year (or, with --combine, several files of one year), all of one district: names that differ by the year alone (江北区-2022.csv, 江北区-2023.csv), none made for another plan; a file that cannot be read, or that is not of the newest file's district, stops the run (exit 2). Offices' copies joined with --combine are named by office: their names are not held to the district's, and their year before is the run's year before.",
        "report": "An evaluation report (annual, mid-term, final): indicators, programmes and trends.\n\nThe year chosen with --year (default: the latest file's) is judged; the earlier files give the trend; with --combine the files of one year are joined. The report is in Chinese unless --lang en. The files are one district's years (names that differ by the year alone, none made for another plan); a file that cannot be read, or that is not of the newest file's district, stops the run (exit 2). Offices' copies joined with --combine are named by office: their names are not held to the district's, and their year before is the run's year before.",
        "schema": "Print the JSON Schema of the JSON report (report) or of the plan files (targets, projects, units).",
        "template": "Write a CSV, or an .xlsx form, with every indicator and item due to be reported in YEAR, ready to fill in.\n\nFill in the value column (value in the CSV, 数值 in the .xlsx form; a note in note / 备注 where useful), then run planchk evaluate on the file.",
        "plan": "Inspect the encoded plan; draft one from its text and review the draft.",
        "plan show": "Show the whole encoded plan as tables: indicators, programmes and items, recorded contradictions.",
        "plan check": "Lint a plan: schema, unique ids, parts that add up, milestones in the comparator's direction, a source quote for every target (found in the plan's text), revisions that name real targets, every sentence of the text quoted or excluded.\n\nExit 0 clean (warnings allowed), 1 lint errors (an uncovered sentence among them), 2 the plan cannot be loaded.",
        "plan coverage": "The plan's text sentence by sentence: quoted (with the ids that quote it), excluded (with the reason) or uncovered, with the counts per paragraph.\n\nA sentence is quoted only when each of its clauses that carries its own action is. Exit 1 when any sentence is uncovered.",
        "plan diff": "What changed between two plan versions or directories, per target.",
        "plan draft": "Draft a plan directory (targets.yaml, projects.yaml) from the text of a plan, by rules, for review.\n\nEvery drafted target is `review: pending` until `planchk plan review` marks it.",
        "plan review": "Mark drafted targets as reviewed (review: pending → reviewed), after holding them against the text.",
        # ── options and arguments shared by several commands ──
        "FILES": "Actual-year file(s): CSV files or workbooks ({workbooks}), one year each (unless --combine).",
        "--year": "Reporting year, if not in the file or name (where they give one, it must agree).",
        "--plan": "Plan directory (default: the bundled plan).",
        "--plans": "A folder holding one plan directory per district (plans/<district>/ with its targets.yaml): each file "
        "is judged against the plan it names (the plan columns, or the .xlsx form's plan id cell, that planchk template writes), "
        "else the plan named like the file's folder (<district>/2023.csv). Not together with --plan.",
        "--plan-version": "Judge against this plan version (default: the version in force for each year).",
        "--strict": "Warnings fail too (same as --fail-on warning).",
        "--fail-on": "Lowest level that makes the exit code 1: error (default), warning, never.",
        "--lang": "Language of labels, messages and --help (default: PLANCHK_LANG, else the locale).",
        "--format": "{formats.run}.",
        "--output": "Write here instead of stdout: a file is replaced atomically (missing folders are created; a symlink to a file is refused, and so is a file this run reads); a device or FIFO is written directly; - is stdout.",
        "--encoding": "Force the CSV encoding (e.g. gb18030).",
        "--combine": "The files are parts of one year's data (each office fills its own copy of the form): read them as one. A row whose value and note are empty is not reported by that file; an id filled in two files is an error.",
        "--no-color": "No colour (NO_COLOR is honoured too).",
        "--debug": "Show a traceback on internal errors.",
        # ── options and arguments of one command ──
        "evaluate --previous": "The year before of every file of the run, whatever its name, for the year-over-year "
        "rules; without it, only a file named the same but for the year is.",
        "evaluate --only": "Show only indicators or only programmes (table format).",
        "evaluate --programme": "Show one programme item by item (table format): its box number, box or id, e.g. 4, 专栏4, box4, text.",
        "trend --format": "{formats.trend}.",
        "trend --only": "Show only the indicators or only the programme items (table format).",
        "trend --combine": "The files of one year (each office's copy of the form) are joined as that year's data; a row whose value and note are empty is not reported by that file, and an id filled in two files of one year is an error.",
        "report --year": "The year to evaluate (default: the latest file's year); earlier files give the trend. The plan decides the kind: its last year gives a final evaluation, its mid-term year a mid-term one, any other year an annual one.",
        "report --lang": "Report language (default zh).",
        "report --format": "{formats.report}.",
        "report --combine": "The files of one year (each office's copy of the form) are joined as that year's data; a row whose value and note are empty is not reported by that file, and an id filled in two files of one year is an error.",
        "schema WHAT": "report (the JSON of --format json), targets, projects or units (the plan files).",
        "schema --lang": "Language of messages (default: PLANCHK_LANG, else the locale); the schema itself is the same in both.",
        "template YEAR": "The reporting year (within the plan period).",
        "template --lang": "Language of messages (default: PLANCHK_LANG, else the locale); the form itself names everything in both languages.",
        "template --encoding": "utf-8-sig (default: Excel shows the Chinese) or gb18030.",
        "template --example": "Fill in the plan's own values for the year (a file that is exactly on plan, for trying planchk out).",
        "template --format": "csv or xlsx (default: from the -o file's extension, else csv).",
        "template --unit": "Only the rows this unit answers for (the plan's responsibility map, units.yaml): its id, "
        "Chinese or English name, e.g. 人事科 or personnel. Name each unit's form after it, as "
        "2023-人事科.xlsx; joined with --combine, a row filled in another unit's form is a warning.",
        "--by-unit": "Results grouped by the unit that answers for them (the plan's units.yaml): each unit's pass, "
        "fail and missing counts, the units that lag first, with their failing and missing rows; in JSON each "
        "result has its responsible_unit.",
        "template --force": "Replace the -o file if it exists (without it, an existing file is never replaced: it may be a filled-in form).",
        "plan check PATH": "Plan directory (default: the bundled plan).",
        "plan coverage PATH": "Plan directory (default: the bundled plan).",
        "plan coverage --format": "{formats.coverage}.",
        "plan diff OLD": "Old plan: DIR (the plan as published) or DIR@VERSION (e.g. plan).",
        "plan diff NEW": "New plan: DIR or DIR@VERSION, VERSION being the plan's plan.version or one of its "
        "revisions' (e.g. plan@1.1.2).",
        "plan diff --format": "table (default) or json.",
        "plan draft SOURCE": "The plan's file: plain text (UTF-8 or GB18030), a Word document (.docx) or a saved web page (.html). A PDF, .doc or .wps: save it as .docx in WPS or Word, or copy its text into a .txt file, first.",
        "plan draft --output": "The plan directory to write.",
        "plan draft --id": "The plan id (default: draft-START-END).",
        "plan draft --force": "Write into a directory that is not empty.",
        "plan review PATH": "A drafted plan directory.",
        "plan review --all": "Mark every pending target reviewed.",
        "plan review --id": "Mark this target reviewed (repeatable).",
    },
}

# Examples are typed as they are, whatever the language of the help around them.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "planchk": ("planchk template 2023 -o 2023.csv", "planchk evaluate 2023.csv", "planchk evaluate --help"),
    "evaluate": (
        "planchk evaluate data/2022.csv",
        "planchk evaluate data/2022.csv --lang zh --programme 4",
        "planchk evaluate data/*.csv --format junit -o planchk-junit.xml",
    ),
    "validate": ("planchk validate data/*.csv", "planchk validate data/2022.csv --format github"),
    "trend": ("planchk trend data/2021.csv data/2022.csv data/2023.csv",),
    "report": (
        "planchk report data/2021.csv data/2022.csv -o 中期评估.md",
        "planchk report data/*.csv --year 2022 --format html -o report.html",
        "planchk report data/2023.csv --by-unit",
    ),
    "schema": ("planchk schema report -o report.schema.json",),
    "template": (
        "planchk template 2023 -o 2023.csv",
        "planchk template 2023 -o form-2023.xlsx",
        "planchk template 2023 --encoding gb18030 -o 2023.csv",
        "planchk template 2022 --example -o 2022.csv",
        "planchk template 2023 --unit 人事科 -o 2023-人事科.xlsx",
    ),
}

ROOT = "planchk"  # the key of the top-level command

# The commands whose help ends with the exit codes (before the examples).
WITH_EXIT_CODES = ("planchk", "evaluate")


def command_help(lang: Lang, command: str, keep_lines: str = "") -> str:
    """A command's whole help: summary, paragraphs, exit codes where they belong, and its examples, each on a
    line of its own (`keep_lines` is the marker the help renderer needs to keep them so)."""
    texts = HELP[lang]
    parts = [texts[command]]
    if command in WITH_EXIT_CODES:
        parts.append(texts["exit-codes"])
    examples = EXAMPLES.get(command)
    if examples:
        parts.append(keep_lines + texts["examples"] + "\n" + "\n".join(f"  {example}" for example in examples))
    return "\n\n".join(parts)


def summary(lang: Lang, command: str) -> str:
    """A command's one-line summary, as the list of commands shows it."""
    return HELP[lang][command].partition("\n\n")[0]


def param_help(lang: Lang, command: str, param: str) -> str:
    """The help of an option (`--plan`) or argument (`FILES`) of `command`: its own text, else the shared one."""
    texts = HELP[lang]
    key = f"{command} {param}"
    return text(lang, key if key in texts else param)


def text(lang: Lang, key: str) -> str:
    """The text of `key` in `lang`, with its lists of formats and of the workbooks read filled in."""
    from planchk.formats import WORKBOOK_SUFFIXES

    filled = re.sub(r"\{formats\.(\w+)\}", lambda m: format_choices(lang, m[1]), HELP[lang][key])
    return filled.replace("{workbooks}", FORMAT_NOTES[lang]["and"].join(WORKBOOK_SUFFIXES))


# What the list of formats says about one: the default of every kind (its first), and GitHub's under
# GITHUB_ACTIONS=true (cli/command.py).
FORMAT_NOTES: dict[str, dict[str, str]] = {
    "zh": {"default": "（默认）", "github": "（GITHUB_ACTIONS=true 时默认为 github）", "and": "、", "or": " 或 "},
    "en": {"default": " (default)", "github": " (the default when GITHUB_ACTIONS=true)", "and": ", ", "or": " or "},
}


def format_choices(lang: Lang, kind: str) -> str:
    """The formats `kind` (planchk.formats.Kind) is shown in, as a sentence lists them: `table (default), json …
    or github (…)`."""
    from planchk.formats import FORMATS

    by_kind: dict[str, dict[str, str]] = {k: v for k, v in FORMATS.items()}
    notes = FORMAT_NOTES[lang]
    names = [
        name + (notes["default"] if i == 0 else notes["github"] if kind == "run" and name == "github" else "")
        for i, name in enumerate(by_kind[kind])
    ]
    listed = notes["and"].join(names[:-1]) + notes["or"] + names[-1] if len(names) > 1 else names[0]
    return listed.replace("） ", "）")  # Chinese puts no space after full-width punctuation
