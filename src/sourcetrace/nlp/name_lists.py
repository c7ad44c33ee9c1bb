"""The name-list component: persons and places the statistical NER missed, found with lists of names.

``sourcetrace_name_lists`` runs after an entity recognizer and adds to its entities:

- a given name (``data/first_names.txt``) followed by a capitalized surname in the same sentence is a
  PER entity: "Heidi Klum", "Frank Walter Steinmeier", "George W. Bush", "Ursula von der Leyen",
  "Anna Müller-Lüdenscheidt"; further given names, initials and name particles may stand between. When the
  Doc has tags, a tagger must read the surname as a proper noun, or both taggers the given name before it;
- where the recognizer found only part of such a name as a person ("Heidi" of "Heidi Klum"), the person
  entity grows to the whole name;
- a country, state or city (``data/place_names.txt``) that a tagger reads as a proper noun is a LOC entity
  ("in Essen", not "das Essen"), also in the German genitive ("Dänemarks"); without tags no place is
  matched, as the lists hold words that are also common nouns;
- a surname of a person named in full elsewhere in the document is a person on its own too ("Klum");
- a month or weekday the recognizer took for a place or an organisation ("in May") is no entity.

Tokens inside another entity ("Robert Bosch GmbH" as ORG) keep the recognizer's label.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sourcetrace.extract.times.lexicon import calendar_words

DATA = Path(__file__).resolve().parent / "data"
# lower-case words that may stand inside a name ("Giacomo della Porta", "Ursula von der Leyen")
PARTICLES = frozenset(
    [
        "von",
        "van",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "ten",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
    ]
)
AFTER_PARTICLE = frozenset(("der", "den"))  # "Ursula von der Leyen"
PROPER_TAGS = frozenset(("NE", "NNP", "NNPS"))  # proper-noun tags of the STTS and Penn tag sets
MAX_GIVEN = 3  # given names and initials before the surname
MAX_PLACE = 4  # tokens of a place name ("Frankfurt am Main", "Rio de Janeiro")


@cache
def name_list(name: str) -> frozenset[str]:
    """The names of ``data/<name>.txt`` (``first_names``, ``place_names``)."""
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _capitalized(token: Token) -> bool:
    text = token.text
    return len(text) > 1 and text[0].isupper() and text.isalpha() and not text.isupper()


def _tagged_proper(token: Token) -> bool:
    """One of the taggers reads the token as a proper noun."""
    return token.pos_ == "PROPN" or token.tag_ in PROPER_TAGS


def _proper(token: Token) -> bool:
    """Both the UPOS and the language-specific tag read the token as a proper noun."""
    return token.pos_ == "PROPN" and token.tag_ in PROPER_TAGS


def _initial(token: Token) -> bool:
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def surnames_of(ents: list[Span]) -> set[str]:
    """The last words of the persons named with more than one word ("Klum" of "Heidi Klum")."""
    return {ent[-1].text for ent in ents if ent.label_ == "PER" and len(ent) > 1 and _capitalized(ent[-1])}


class NameLists:
    def __init__(self, given: frozenset[str], places: frozenset[str]):
        self.given = given
        self.places = places
        self.calendar = calendar_words()  # the time rules' month and weekday names
        # first tokens of the place names, however a tokenizer splits hyphens ("Baden-Württemberg")
        self.place_starts = frozenset(re.split(r"[\s-]", name, maxsplit=1)[0] for name in places)

    def __call__(self, doc: Doc) -> Doc:
        texts = [t.text for t in doc]
        ents = list(doc.ents)
        # months and weekdays are never a place or an organisation on their own ("reopen in May")
        kept = [
            e
            for e in ents
            if not (len(e) == 1 and e.label_ in ("LOC", "ORG") and e.text.lower() in self.calendar)
        ]
        changed = len(kept) != len(ents)
        ents = kept
        tagged = doc.has_annotation("TAG") or doc.has_annotation("POS")
        after = 0
        for i, text in enumerate(texts):
            if i < after or text not in self.given:
                continue
            end = self._person_at(doc, i, tagged)
            if end is None:
                continue
            inside = [ent for ent in ents if ent.start < end and i < ent.end]
            if not inside:
                ents.append(Span(doc, i, end, label="PER"))
                changed = True
            elif all(ent.label_ == "PER" and i <= ent.start and ent.end <= end for ent in inside) and (
                inside[0].start,
                inside[-1].end,
            ) != (i, end):
                ents = [ent for ent in ents if ent not in inside] + [Span(doc, i, end, label="PER")]
                changed = True
            after = end
        if tagged:
            taken = {k for ent in ents for k in range(ent.start, ent.end)}
            after = 0
            for i, text in enumerate(texts):
                if i < after or i in taken or not (text in self.place_starts or text[:-1] in self.places):
                    continue
                end = self._place_at(doc, i)
                if end is None or any(k in taken for k in range(i, end)):
                    continue
                ents.append(Span(doc, i, end, label="LOC"))
                taken.update(range(i, end))
                changed = True
                after = end
        # surnames of the persons named in full: "Heidi Klum ... Klum sagte"
        surnames = surnames_of(ents)
        if surnames:
            taken = {k for ent in ents for k in range(ent.start, ent.end)}
            for i, text in enumerate(texts):
                if text in surnames and i not in taken and not self._in_capitalized_run(doc, i):
                    ents.append(Span(doc, i, i + 1, label="PER"))
                    changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc

    # ------------------------------------------------------------------ persons
    def _person_at(self, doc: Doc, i: int, tagged: bool) -> int | None:
        """End of a person's name starting at token ``i`` (a given name), else None."""
        j = i + 1
        given = 1
        while (
            j + 1 < len(doc)
            and given < MAX_GIVEN
            and (doc[j].text in self.given or _initial(doc[j]))
            and (_capitalized(doc[j + 1]) or doc[j + 1].lower_ in PARTICLES or _initial(doc[j + 1]))
        ):
            j += 1
            given += 1
        j = self._after_particles(doc, j)
        sure = not tagged or (_proper(doc[i]) and j == i + 1)
        if j >= len(doc) or not self._surname(doc, j, sure):
            return None
        end = j + 1
        # "Müller-Lüdenscheidt" split at the hyphen
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[j].whitespace_
            and _capitalized(doc[end + 1])
        ):
            end += 2
        # "Don Silves de la Selva", "Enrique El Granaíno"
        k = self._after_particles(doc, end)
        if end < k < len(doc) and self._surname(doc, k, sure):
            end = k + 1
        return end

    @staticmethod
    def _after_particles(doc: Doc, j: int) -> int:
        start = j
        while j < len(doc) and (
            doc[j].lower_ in PARTICLES or (j > start and doc[j].lower_ in AFTER_PARTICLE)
        ):
            j += 1
        return j

    @staticmethod
    def _surname(doc: Doc, j: int, sure: bool) -> bool:
        """A capitalized word that a tagger reads as a proper noun; ``sure``: no tag is needed (both taggers
        read the given name before it as a proper noun, "Teemu Tainio", or the Doc has no tags)."""
        token = doc[j]
        if not _capitalized(token) or token.is_sent_start or token.is_stop:
            return False
        return sure or _tagged_proper(token)

    @staticmethod
    def _in_capitalized_run(doc: Doc, i: int) -> bool:
        """The token is part of a longer capitalized run ("Klum Cosmetics"), not a surname alone."""
        before = i > 0 and _capitalized(doc[i - 1]) and not doc[i].is_sent_start
        after = i + 1 < len(doc) and _capitalized(doc[i + 1]) and not doc[i + 1].is_sent_start
        return before or after

    # ------------------------------------------------------------------ places
    def _place_at(self, doc: Doc, i: int) -> int | None:
        """End of the longest place name starting at token ``i``, else None."""
        if not doc[i].text[:1].isupper():
            return None
        for end in range(min(len(doc), i + MAX_PLACE), i, -1):
            last = doc[end - 1]
            if not last.text[:1].isupper() or not _tagged_proper(last):
                continue
            if any(doc[k].is_sent_start for k in range(i + 1, end)):
                continue
            if doc[i:end].text in self.places:
                nxt = doc[end] if end < len(doc) else None
                if nxt is not None and _capitalized(nxt) and not nxt.is_sent_start and _tagged_proper(nxt):
                    return None  # part of a longer name: "Kuwait National Airways", "Inter Mailand"
                return end
        token = doc[i]
        if (
            len(token.text) > 4
            and token.text.endswith("s")
            and token.text[:-1] in self.places
            and _tagged_proper(token)
        ):
            return i + 1  # German genitive: "Dänemarks"
        return None


@Language.factory("sourcetrace_name_lists", requires=["doc.ents"], assigns=["doc.ents"])
def create_name_lists(nlp: Language, name: str) -> NameLists:
    return NameLists(name_list("first_names"), name_list("place_names"))
