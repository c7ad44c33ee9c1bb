"""What a number counts: the head noun it modifies (``mehr als 10.000 Nordkoreaner`` → ``Nordkoreaner``).

In order: the noun the parse attaches the number to (when the pipeline has a parser); the noun after the
number and its unit, past adjectives and, for shares, past ``der``/``of the`` (``die Hälfte der Befragten``);
the noun before ``von``/``of`` (``Kosten von 4 Mio. Euro``, ``a loss of $1.2 billion``); the noun after
``Zahl der``/``number of`` earlier in the sentence (``die Zahl der Toten stieg auf 200``); and for an
elliptic number the noun of the quantity before it in the same sentence (``600 Nordkoreaner wurden getötet
und Tausende verletzt``). Without a tagger, nouns are told by shape: capitalised in German, not a stop word
in English.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sourcetrace.extract.quantities.annotations import Annotations
from sourcetrace.extract.quantities.lexicon import Lexicon

NOUNS = ("NOUN", "PROPN")
# German function words that end like adjectives but never stand between a number and its noun
DE_NOT_ADJECTIVE = frozenset(
    {
        *("die", "der", "das", "den", "dem", "des", "eine", "einer", "einen", "einem", "eines", "sie", "wie"),
        *("wenn", "aber", "oder", "über", "unter", "wieder", "immer", "seine", "ihre", "ihren", "seinen"),
        *(
            "meine",
            "deren",
            "dessen",
            "diese",
            "dieser",
            "diesen",
            "diesem",
            "jene",
            "jener",
            "alle",
            "allen",
        ),
        "aller",
    }
)
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
AMOUNT_NOUNS = {"de": ("zahl", "anzahl", "gesamtzahl"), "en": ("number", "total", "tally", "count")}
HEIGHT_OF = ("in", "höhe", "von")  # eine Strafe in Höhe von 2,4 Mrd. Euro


class Counted:
    def __init__(self, lang: str, lex: Lexicon, stop_words: frozenset[str], annotations: Annotations):
        self.lang = lang
        self.lex = lex
        self.stop_words = stop_words
        self.annotations = annotations

    def after(self, doc: Doc, start: int, end: int, share: bool, unit_kind: str | None) -> Token | None:
        """The noun the number at [start, end) counts, found after it (or by the parse)."""
        if self.annotations.dep:
            head = self._by_parse(doc, start, end)
            if head is not None:
                return head
        k = self._skip_of(doc, end, required=unit_kind in ("measure", "currency") and self.lang == "en")
        if k is None:
            return None
        if unit_kind == "percent" and not share and self.lang == "en" and k == end:
            return None  # 62% supported the plan: an English percentage counts only what follows "of"
        if self.annotations.pos:
            return self._scan_tagged(doc, k)
        return self._scan_de(doc, k) if self.lang == "de" else self._scan_en(doc, k)

    def before(self, doc: Doc, start: int) -> Token | None:
        """The noun before von/of: ``Kosten von knapp 4 Mio. Euro``, ``a loss of $1.2 billion``."""
        k = start - 1
        if k < 1 or not self.lex.is_(doc[k].text, "of") or doc[k].lower_ in ("der", "des", "aller"):
            return None
        k -= 1
        if k >= 2 and tuple(t.lower_ for t in doc[k - 1 : k + 2]) == HEIGHT_OF:
            k -= 2
        return doc[k] if self._is_noun(doc[k]) else None

    def amount_of(self, doc: Doc, sent_start: int, start: int) -> Token | None:
        """``Die Zahl der Toten stieg auf über 200``: the noun after Zahl der / number of, earlier in the sentence."""
        for k in range(start - 1, sent_start - 1, -1):
            if doc[k].lower_ in AMOUNT_NOUNS.get(self.lang, ()):
                j = self._skip_of(doc, k + 1, required=True)
                if j is not None and j < start and self._is_noun(doc[j]):
                    return doc[j]
                return None
        return None

    # --- helpers -----------------------------------------------------------------------------------------

    def _skip_of(self, doc: Doc, k: int, required: bool) -> int | None:
        """Past ``der``/``of the`` (and a number: ``12 of the 50 states``); None if required and absent."""
        if k < len(doc) and self.lex.is_(doc[k].text, "of"):
            k += 1
            while k < len(doc) and self.lex.is_(doc[k].text, "det"):
                k += 1
            if k < len(doc) and doc[k].text[:1].isdigit() and k + 1 < len(doc):
                k += 1
            return k
        return None if required else k

    def _by_parse(self, doc: Doc, start: int, end: int) -> Token | None:
        for tok in reversed(doc[start:end]):
            head = tok.head
            if head.i >= end and head.pos_ in NOUNS and head.i - end <= 4:
                return head
        return None

    def _scan_tagged(self, doc: Doc, k: int) -> Token | None:
        found = None
        for tok in doc[k : k + 6]:
            if tok.pos_ in NOUNS and not self.lex.is_(tok.text, "month"):
                found = tok
                if self.lang == "de":
                    return found
            elif found is not None or tok.pos_ not in ("ADJ", "NUM", "ADV"):
                break
        return found

    def _scan_de(self, doc: Doc, k: int) -> Token | None:
        skipped = 0
        for tok in doc[k : k + 4]:
            if self._is_noun(tok):
                return tok
            low = tok.lower_
            if (
                tok.is_alpha
                and tok.text[:1].islower()
                and low.endswith(ADJECTIVE_ENDINGS)
                and low not in DE_NOT_ADJECTIVE
                and skipped < 2
            ) or low in ("mehr", "weniger"):
                skipped += 1
                continue
            return None
        return None

    def _scan_en(self, doc: Doc, k: int) -> Token | None:
        run: list[Token] = []
        for tok in doc[k : k + 5]:
            low = tok.lower_
            if tok.text == "'s" and run:
                run = []  # the country's electricity: start again after the possessive
                continue
            if low in ("more", "fewer", "less") and not run:
                continue
            if not self._en_word(tok):
                break
            if low.endswith("ed") and len(low) > 4 and not self.lex.is_(low, "count"):
                if run:
                    break
                continue  # wounded soldiers: a participle before the noun
            run.append(tok)
            if len(run) == 3:
                break
        if not run:
            return None
        for tok in run:
            if self.lex.is_(tok.text, "count") or (
                tok.lower_.endswith("s") and not tok.lower_.endswith("ss")
            ):
                return tok
        return run[0] if len(run) == 1 else run[-1]

    def _en_word(self, tok: Token) -> bool:
        if self.lex.is_(tok.text, "count"):
            return True
        return (
            tok.is_alpha
            and tok.lower_ not in self.stop_words
            and not self.lex.is_(tok.text, "notnoun")
            and not tok.lower_.endswith("ly")
        )

    def _is_noun(self, tok: Token) -> bool:
        if self.annotations.pos:
            return tok.pos_ in NOUNS
        if self.lex.is_(tok.text, "month") or self.lex.word(tok.text, "vague") is not None:
            return False
        if self.lang == "de":
            text = tok.text
            return (
                text[:1].isupper()
                and any(c.isalpha() for c in text)
                and all(c.isalpha() or c in "-." for c in text)
                and tok.lower_ not in self.stop_words
            )
        return self._en_word(tok)


def noun_phrase(tok: Token, floor: int) -> str:
    """The surface of what is counted: the noun, with a proper-name compound before it (North Koreans).

    ``floor`` is the first token the phrase may start at (the end of the number's span).
    """
    start = tok.i
    doc = tok.doc
    if tok.text[:1].isupper() and doc.lang_ == "en":
        while start > floor and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper():
            start -= 1
    return doc[start : tok.i + 1].text
