"""Which way a sentence looks in time, to place a bare weekday or month ("am Donnerstag", "im Dezember").

With a morphologizer in the pipeline the verbs' ``Tense`` (and perfect/future auxiliaries) decide. On a
pipeline without one, cue words from the lexicon do (categories ``tense_past``, ``tense_future``,
``tense_perfect_aux``) together with participle and past-tense endings; the cue nearest to the expression wins.
Returns ``"past"``, ``"future"``, ``"present"`` or None (no evidence). Cues are collected once per sentence.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, LEMMA, LOWER, MORPH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import hash_string
from spacy.tokens import Doc

from sourcetrace.extract.times.lexicon import Lexicon, string_of

_WORD = re.compile(r"\w+(?:'\w+)?")
_PARTICIPLE = {
    "de": re.compile(r"^(?:\w+)?ge\w{2,}(?:t|en)$"),
    "en": re.compile(r"^\w{3,}ed$"),
}

Cue = tuple[int, str]  # (character offset, "past" | "future")
_AUX = POS_IDS["AUX"]
_VERBAL = frozenset({POS_IDS["VERB"], _AUX})
_WILL = frozenset(hash_string(word) for word in ("will", "'ll", "shall"))


class TenseCues:
    """Tense of the sentence around a character offset."""

    # morphology hash -> (tense values, verb form values), shared by all documents
    _features: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def __init__(self, doc: Doc, text: str, lexicon: Lexicon):
        self.doc = doc
        self.text = text
        self.lang = lexicon.lang
        self.past = lexicon.words("tense_past")
        self.future = lexicon.words("tense_future")
        self.perfect_aux = lexicon.words("tense_perfect_aux")
        self.not_past = lexicon.words("tense_not_past")
        self.no_participle_after = lexicon.words("tense_no_participle_after")
        self._cues: dict[tuple[int, int], list[Cue] | str | None] = {}
        self._tokens: numpy.ndarray | None = None
        self.use_morph = len(doc) > 0 and bool(doc.to_array("MORPH").any())

    def tense(self, start: int, end: int, sentence: tuple[int, int]) -> str | None:
        if sentence not in self._cues:
            self._cues[sentence] = self._collect(sentence)
        cues = self._cues[sentence]
        if cues is None or isinstance(cues, str):
            return cues
        best: Cue | None = None
        best_distance = 0
        for position, kind in cues:
            distance = min(abs(position - start), abs(position - end))
            if best is None or distance < best_distance:
                best, best_distance = (position, kind), distance
        return best[1] if best else None

    def _collect(self, sentence: tuple[int, int]) -> list[Cue] | str | None:
        if self.use_morph:
            found = self._from_morphology(sentence)
            if found:
                return found
        return self._from_words(sentence)

    def _from_morphology(self, sentence: tuple[int, int]) -> str | None:
        if self._tokens is None:
            self._tokens = self.doc.to_array([IDX, POS, MORPH, LEMMA, LOWER])
        tokens = self._tokens
        first = int(numpy.searchsorted(tokens[:, 0], sentence[0]))
        last = int(numpy.searchsorted(tokens[:, 0], sentence[1]))
        strings = self.doc.vocab.strings
        has_aux_perfect = has_participle = future = past = present = False
        for _, pos, morph, lemma, lower in tokens[first:last].tolist():
            if pos not in _VERBAL:
                continue
            tense, verb_form = self._morph(morph, strings)
            word = string_of(strings, lemma).lower()
            is_aux = pos == _AUX
            if "Past" in tense and "Part" not in verb_form:
                past = True
            elif "Pres" in tense:
                present = True
                if is_aux and word in ("haben", "sein", "have"):
                    has_aux_perfect = True
                if is_aux and word in ("werden", "will", "shall"):
                    future = True
            if "Part" in verb_form and not is_aux:
                has_participle = True
            if lower in _WILL:
                future = True
        if past or (has_aux_perfect and has_participle):
            return "past"
        if future:
            return "future"
        return "present" if present else None

    @classmethod
    def _morph(cls, key: int, strings) -> tuple[frozenset[str], frozenset[str]]:
        if key not in cls._features:
            features: dict[str, set[str]] = {"Tense": set(), "VerbForm": set()}
            text = string_of(strings, key)
            for feature in text.split("|") if text and text != "_" else ():
                name, _, values = feature.partition("=")
                if name in features:
                    features[name].update(values.split(","))
            cls._features[key] = (frozenset(features["Tense"]), frozenset(features["VerbForm"]))
        return cls._features[key]

    def _from_words(self, sentence: tuple[int, int]) -> list[Cue]:
        words = [(m.start(), m.group()) for m in _WORD.finditer(self.text, sentence[0], sentence[1])]
        lowered = [word.lower() for _, word in words]
        has_aux = any(word in self.perfect_aux for word in lowered)
        participle = _PARTICIPLE.get(self.lang)
        cues: list[Cue] = []
        previous = ""
        for (position, word), low in zip(words, lowered, strict=True):
            after, previous = previous, low
            if low in self.past:
                cues.append((position, "past"))
            elif low in self.future:
                cues.append((position, "future"))
            elif (
                participle is not None
                and word[0].islower()
                and low not in self.not_past
                and (has_aux or self.lang == "en")
                and after not in self.no_participle_after
                and participle.match(low)
            ):
                cues.append((position, "past"))
        return cues
