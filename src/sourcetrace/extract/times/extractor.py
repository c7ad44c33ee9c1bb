"""Finding and normalizing the temporal expressions of one document with a language's grammar.

1. trigger tokens are found in the Doc's token array (each word type is classified once per process and
   cached); each triggered rule's compiled regex is tried at the trigger and at the few words to its left
   that occur in the rule's pattern: no regex runs over the whole text;
2. overlaps are settled: the longer expression wins, then the rule listed first; a winner whose
   normalization says it is not temporal after all ("2000 Euro") is dropped and the overlaps settled again;
3. the survivors are normalized in text order, so that "am Vortag" or "the following year" count from the
   last date mentioned before them;
4. times of day get the date of their sentence (or the anchor's), and in the ``record`` style a preceding
   preposition ("am", "im", "in") joins the expression.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.attrs import IDX, LOWER
from spacy.tokens import Doc

from sourcetrace.extract.times.context import Context, Fields
from sourcetrace.extract.times.lexicon import string_of
from sourcetrace.extract.times.normalize import NORMALIZERS
from sourcetrace.extract.times.rules import Grammar, Rule

_FULL_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")
_TRIM = " \t\n,;:-–"
_LEFT_REACH = 7  # tokens to the left of a trigger where an expression may begin
_STOP, _LEFT, _PUNCT = 0, 1, 2
# normalizers that count from the last date mentioned: their results do not become the new reference
_ANAPHORIC = frozenset({"anaphoric_day", "year_earlier", "anniversary"})
_TIME_REF_REACH = 400  # characters: a time of day without a date in its sentence takes a date this close

TenseOf = Callable[[int, int, tuple[int, int]], str | None]


def _no_tense(start: int, end: int, sentence: tuple[int, int]) -> None:
    """Settling overlaps only asks whether a candidate is temporal at all: its direction does not matter."""
    return None


@dataclass
class Found:
    start: int
    end: int
    type: str
    value: str
    rule: str


@dataclass
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


class Extractor:
    """The grammar of one language in one output style, with its cache of word types."""

    def __init__(self, grammar: Grammar, style: str):
        self.grammar = grammar
        self.style = style
        self.active = frozenset(i for i, rule in enumerate(grammar.rules) if rule.style in ("*", style))
        self.prepositions = grammar.lexicon.words("prep")
        # lower-case hash -> (indices of triggered rules, _STOP/_LEFT/_PUNCT, the word, starts with a digit)
        self._types: dict[int, tuple[tuple[int, ...], int, str, bool]] = {}
        self._trigger_keys: set[int] = set()

    def find(
        self,
        doc: Doc,
        text: str,
        anchor: date | None,
        sentences: list[tuple[int, int]],
        tense_of: TenseOf,
    ) -> list[Found]:
        starts = [s for s, _ in sentences]

        def sentence_of(position: int) -> tuple[int, int]:
            index = bisect.bisect_right(starts, position) - 1
            return sentences[index] if index >= 0 else (0, len(text))

        def normalize(
            candidate: _Candidate,
            ref: date | None,
            last: str | None = None,
            history: tuple[date, ...] | None = None,
            tense: TenseOf = tense_of,
        ) -> tuple[str, str] | None:
            rule = candidate.rule
            fields = Fields(candidate.match, rule.categories, self.grammar.lexicon)
            ctx = Context(
                anchor=anchor,
                lang=self.grammar.lang,
                style=self.style,
                lexicon=self.grammar.lexicon,
                text=text,
                start=candidate.start,
                end=candidate.end,
                sentence=sentence_of(candidate.start),
                tense_of=tense,
                ref=ref,
                last_value=last,
                history=history,
            )
            try:
                return NORMALIZERS[rule.normalizer](fields, ctx, rule.args)
            except (ValueError, OverflowError):  # calendar arithmetic out of range: "vor 8000 Jahren"
                return None

        # settle overlaps; a winner that does not normalize is dropped and the overlaps settled again
        candidates = self._candidates(doc, text)
        valid: set[int] = set()
        while True:
            chosen = self._settle(candidates)
            rejected = set()
            for candidate in chosen:
                if id(candidate) not in valid:
                    if normalize(candidate, None, tense=_no_tense) is None:
                        rejected.add(id(candidate))
                    else:
                        valid.add(id(candidate))
            if not rejected:
                break
            candidates = [c for c in candidates if id(c) not in rejected]

        found: list[Found] = []
        ref: date | None = None
        last: str | None = None
        history: list[date] = []
        for candidate in chosen:
            result = normalize(candidate, ref, last, tuple(history))
            if result is None:
                continue
            kind, value = result
            if kind == "DATE" and value[:1].isdigit() and candidate.rule.normalizer not in _ANAPHORIC:
                last = value
            found.append(Found(candidate.start, candidate.end, kind, value, candidate.rule.name))
            full = _FULL_DATE.match(value)
            if full and len(value) == 10 and candidate.rule.normalizer not in _ANAPHORIC:
                ref = date(int(full.group(1)), int(full.group(2)), int(full.group(3)))
                history.append(ref)
        self._date_times_of_day(found, anchor, sentence_of)
        if self.style == "record":
            self._join_prepositions(found, text)
        return found

    # --- candidates ---------------------------------------------------------------------------------------

    def _classify(self, doc: Doc, keys: set[int]) -> None:
        strings = doc.vocab.strings
        triggers = self.grammar.triggers
        left_words = self.grammar.left_words
        for key in keys:
            word = string_of(strings, key)
            rules = tuple(i for i in triggers.rules_for(word) if i in self.active) if word else ()
            if word and (word in left_words or word[0].isdigit()):
                kind = _LEFT
            elif word and not any(ch.isalnum() for ch in word):
                kind = _PUNCT
            else:
                kind = _STOP
            self._types[key] = (rules, kind, word, bool(word) and word[0].isdigit())
            if rules:
                self._trigger_keys.add(key)

    def _candidates(self, doc: Doc, text: str) -> list[_Candidate]:
        if len(doc) == 0:
            return []
        array = doc.to_array([LOWER, IDX])
        keys = array[:, 0].tolist()
        unseen = set(keys).difference(self._types)
        if unseen:
            self._classify(doc, unseen)
        trigger_keys = self._trigger_keys
        hits = [i for i, key in enumerate(keys) if key in trigger_keys]
        if not hits:
            return []
        offsets = array[:, 1].tolist()
        rules = self.grammar.rules
        types = self._types
        tried: set[tuple[int, int]] = set()
        candidates = []
        for i in hits:
            triggered = types[keys[i]][0]
            lefts = []  # (offset, word, is a number) of the words to the left where a match may begin
            skipped = False
            for j in range(i - 1, max(-1, i - _LEFT_REACH - 1), -1):
                _, kind, word, number = types[keys[j]]
                if kind == _LEFT:
                    lefts.append((offsets[j], word, number))
                elif kind == _STOP:
                    if skipped:
                        break
                    skipped = True
            for index in triggered:
                rule = rules[index]
                positions = [offsets[i]]
                positions += [
                    o for o, word, number in lefts if word in rule.words or (number and rule.digits)
                ]
                for position in positions:
                    if (index, position) in tried:
                        continue
                    tried.add((index, position))
                    match = rule.regex.match(text, position)
                    if match is not None:
                        candidate = self._candidate(text, rule, match)
                        if candidate is not None:
                            candidates.append(candidate)
        return candidates

    @staticmethod
    def _candidate(text: str, rule: Rule, match: re.Match[str]) -> _Candidate | None:
        start, end = match.start(), match.end()
        groups = match.re.groupindex
        if "pre" in groups and match.start("pre") >= 0:
            start = max(start, match.end("pre"))
        if "post" in groups and match.start("post") >= 0:
            end = min(end, match.start("post"))
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        return _Candidate(start, end, rule, match) if end > start else None

    @staticmethod
    def _settle(candidates: list[_Candidate]) -> list[_Candidate]:
        taken: list[tuple[int, int]] = []
        chosen: list[_Candidate] = []
        for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.rule.order, c.start)):
            if any(candidate.start < end and start < candidate.end for start, end in taken):
                continue
            taken.append((candidate.start, candidate.end))
            chosen.append(candidate)
        chosen.sort(key=lambda c: c.start)
        return chosen

    # --- finishing ----------------------------------------------------------------------------------------

    @staticmethod
    def _date_times_of_day(found: list[Found], anchor: date | None, sentence_of) -> None:
        """Give "16:38 Uhr", "am Abend" the date of their sentence, else of a date just before, else the anchor."""

        def day_of(item: Found) -> str | None:
            return (
                item.value[:10] if _FULL_DATE.match(item.value) and not item.value.startswith("T") else None
            )

        for index, item in enumerate(found):
            if not item.value.startswith("T"):
                continue
            sentence = sentence_of(item.start)
            day = None
            for other in reversed(found[:index]):
                if day_of(other) and (other.start >= sentence[0] or item.start - other.end < _TIME_REF_REACH):
                    day = day_of(other)
                if day or (other.start < sentence[0] and item.start - other.end >= _TIME_REF_REACH):
                    break
            if day is None:
                for other in found[index + 1 :]:
                    if other.start >= sentence[1]:
                        break
                    if day_of(other):
                        day = day_of(other)
                        break
            if day is None:
                day = anchor.isoformat() if anchor else "XXXX-XX-XX"
            item.value = day + item.value

    def _join_prepositions(self, found: list[Found], text: str) -> None:
        previous_end = 0
        for item in found:
            match = _WORD_BEFORE.search(text, max(previous_end, item.start - 12), item.start)
            if match and match.end() == item.start and match.group(1).lower() in self.prepositions:
                item.start = match.start(1)
            previous_end = item.end
