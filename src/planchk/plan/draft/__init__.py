"""`planchk plan draft`: turn a Chinese education plan (text, .docx, a saved web page) into a draft plan directory.

Everything here is a rule over the text (regular expressions and small tables); no network, no model.
The draft is for a person to review: every target carries its quote, its source line and
`review: pending`, and `planchk plan check` lists what is still pending.

One module per job, in the order a draft is made:

- `sources`: the file → its text (a .docx's or a web page's tables as pipe tables), kept as the draft's source;
- `plan/source_text.py` (shared with `plan check`): lines, sentences, clauses; numbers in a phrase
  (`10个左右`, `3-5所`, `80%以上`, `数十名`), clock words and due years;
- `meta`: the plan's title, period, issuer and dates;
- `table`: the indicator table (主要指标 / 专栏1 / 表1), whatever its shape (one cell per line, a row per line,
  rows split over lines); a row it cannot read is noted with its line;
- `items`: a drafted target and the readings boxes and running text share (a count, a rate, a vague batch);
- `boxes`: box items (专栏2…专栏N);
- `text_rules`: running-text commitments (到2025年…达到…%, 每年, 全覆盖, 逐年只增不减 …);
- `headings`: the text's headings (第一章, 一、, （一）, ——, 专栏N, the table's header), excluded as `heading`;
- `ids`: ids from a glossary; `documents`: the two YAML documents as data; `writing`: the files;
- `review`: marking a draft's targets reviewed, in place; `commands`: `plan draft` and `plan review`.

What the drafter could not read is a `notes.Note` (both languages; `plan draft` prints it in the user's).

To extend: add a row to a table (CLASSIFIERS, GLOSSARY, CLOCK_WORDS …) or a function to TEXT_RULES.
"""
