"""The quantity lexicons (``lexicon/*.tsv``) of one language: hedges, units, number words, context words.

Every table is a TSV with a ``#`` comment header saying what a line means; a ``lang`` column of ``*`` holds
for every language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

LEXICON_PACKAGE = "sourcetrace.extract.quantities"


@dataclass(frozen=True)
class Unit:
    unit: str
    kind: str  # currency | percent | measure | duration | clock


@dataclass
class Lexicon:
    lang: str
    pre_hedges: dict[str, str] = field(default_factory=dict)  # phrase -> hedge
    post_hedges: dict[str, str] = field(default_factory=dict)
    units_after: dict[str, Unit] = field(default_factory=dict)  # surface (lower case) -> unit
    units_before: dict[str, Unit] = field(default_factory=dict)
    words: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # word -> {kind: value}
    context: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # word -> kinds
    pre_hedge_re: re.Pattern | None = None
    post_hedge_re: re.Pattern | None = None
    unit_after_re: re.Pattern | None = None
    phrase_heads: frozenset[str] = frozenset()  # first words of several-word number words (ein paar, a few)

    def word(self, text: str, kind: str) -> float | None:
        return self.words.get(text.lower(), {}).get(kind)

    def is_(self, text: str, kind: str) -> bool:
        return kind in self.context.get(text.lower(), ())

    def unit_after(self, surface: str) -> Unit | None:
        return self.units_after.get(_norm(surface))

    def unit_before(self, surface: str) -> Unit | None:
        return self.units_before.get(_norm(surface))


def _norm(surface: str) -> str:
    return " ".join(surface.lower().split())


def _rows(filename: str, lang: str):
    text = resources.files(LEXICON_PACKAGE).joinpath("lexicon", filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] in (lang, "*"):
            yield cols[1:]


def _alternation(phrases) -> str:
    """A regex alternation of phrases, longest first, where a space matches any run of white space."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in p.split(" ")) for p in ordered)


@cache
def load(lang: str) -> Lexicon:
    lex = Lexicon(lang)
    for position, phrase, hedge in _rows("hedges.tsv", lang):
        (lex.pre_hedges if position == "pre" else lex.post_hedges)[phrase] = hedge
    for position, surface, unit, kind in _rows("units.tsv", lang):
        entry = Unit(unit, kind)
        if position in ("after", "both"):
            lex.units_after[surface] = entry
        if position in ("before", "both"):
            lex.units_before[surface] = entry
    for word, kind, value in _rows("number_words.tsv", lang):
        lex.words[word][kind] = float(value)
    lex.phrase_heads = frozenset(w.split()[0] for w, kinds in lex.words.items() if "vaguer" in kinds)
    for word, kind in _rows("context_words.tsv", lang):
        lex.context[word].add(kind)
    # A hedge ends right where the number (or its currency sign or article) starts; units and post-hedges are
    # matched with Pattern.match(text, pos), which anchors at pos.
    lex.pre_hedge_re = re.compile(rf"(?:^|(?<=[\s(\[\"'„“‚‘»«]))({_alternation(lex.pre_hedges)})\s*$", re.I)
    lex.post_hedge_re = re.compile(rf"\s*({_alternation(lex.post_hedges)})(?![\w])", re.I)
    lex.unit_after_re = re.compile(rf"\s*({_alternation(lex.units_after)})(?!\w)", re.I)
    return lex
