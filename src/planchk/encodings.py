"""Which `--encoding` names planchk reads and writes files in (docs/bad-input.md#limits-and-choices): the
text encodings Python knows, less the codecs that are no encoding a file is kept in. One definition for the
reader (reading/decode.py) and the CSV template (template.py)."""

from __future__ import annotations

import codecs

# Text codecs by Python's reckoning that no spreadsheet or editor saves a file in: `undefined` fails on any
# text, the escape codecs turn Chinese into `\uXXXX`, idna and punycode are for host names.
NOT_FILE_ENCODINGS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode"})


def file_encoding(name: str) -> str | None:
    """`name` when it is an encoding a text file can be in, else None: a name Python does not know, a codec
    that is not a text encoding (rot13, base64, zlib), or one of NOT_FILE_ENCODINGS."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):  # ValueError: a name with a NUL in it
        return None
    # CodecInfo._is_text_encoding is False for the bytes-to-bytes and str-to-str codecs that str.encode and
    # bytes.decode refuse; it is how the codecs module itself tells them apart.
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_FILE_ENCODINGS:
        return None
    return name
