"""A note of the drafter (a row it could not read, a table it did not find), kept in both languages."""

from __future__ import annotations

from planchk.i18n import Bilingual


class Note(str):
    """A note: its English text as the string (what a log or a test reads), both languages in `text`; `plan draft`
    prints it in the language of `--lang` (`get`)."""

    text: Bilingual

    def __new__(cls, text: Bilingual) -> Note:
        note = super().__new__(cls, text.en)
        note.text = text
        return note

    def get(self, lang: str) -> str:
        return self.text.get(lang)
