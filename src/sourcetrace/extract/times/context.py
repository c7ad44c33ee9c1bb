"""What a normalization function sees of a match: its captured fields and the situation it stands in
(anchor date, reference date, the sentence's tense, the style of the output)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sourcetrace.extract.times.lexicon import Lexicon, fold, parse_number


class Fields:
    """The groups of one rule match, read through the lexicon."""

    def __init__(self, match: re.Match[str], categories: dict[str, str], lexicon: Lexicon):
        self.match = match
        self.categories = categories
        self.lexicon = lexicon

    def has(self, name: str) -> bool:
        try:
            return self.match.group(name) is not None
        except IndexError:
            return False

    def text(self, name: str) -> str | None:
        try:
            return self.match.group(name)
        except IndexError:
            return None

    def lex(self, name: str) -> str | None:
        """The lexicon value of the group's text (the group's category, or the category named like it)."""
        text = self.text(name)
        if text is None:
            return None
        return self.lexicon.value(self.categories.get(name, name), text)

    def number(self, name: str) -> float | None:
        text = self.text(name)
        if text is None:
            return None
        return parse_number(text, self.lexicon)

    def integer(self, name: str) -> int | None:
        value = self.number(name)
        if value is None or value != int(value):
            return None
        return int(value)

    def folded(self, name: str) -> str:
        text = self.text(name)
        return fold(text) if text else ""


@dataclass
class Context:
    """The situation of one expression in its document."""

    anchor: date | None
    lang: str
    style: str
    lexicon: Lexicon
    text: str
    start: int
    end: int
    sentence: tuple[int, int]
    tense_of: Callable[[int, int, tuple[int, int]], str | None]
    ref: date | None = None  # the last full date mentioned before (for "am Vortag", "the following year")
    last_value: str | None = None  # the value of the last calendar expression before (for "a year earlier")
    # every full date mentioned before, in text order (for anniversaries); None while overlaps are settled
    history: tuple[date, ...] | None = None
    _tense: str | None = field(default=None, init=False)
    _tense_done: bool = field(default=False, init=False)

    def tense(self) -> str | None:
        if not self._tense_done:
            self._tense = self.tense_of(self.start, self.end, self.sentence)
            self._tense_done = True
        return self._tense

    @property
    def reference(self) -> date | None:
        return self.ref or self.anchor

    def sentence_text(self) -> str:
        return self.text[self.sentence[0] : self.sentence[1]]

    def before(self, chars: int = 40) -> str:
        return self.text[max(self.sentence[0], self.start - chars) : self.start]

    def after(self, chars: int = 40) -> str:
        return self.text[self.end : min(self.sentence[1], self.end + chars)]

    def at_sentence_start(self) -> bool:
        return not self.text[self.sentence[0] : self.start].strip(" \t\n\"'„“»«‚‘(")
