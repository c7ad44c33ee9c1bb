"""The ``sourcetrace_times`` spaCy component: temporal expressions with their TIMEX3 type and value.

    nlp.add_pipe("sourcetrace_times")          # after ``import sourcetrace``
    doc = nlp.make_doc(text); doc._.published = datetime(2025, 8, 15, 16, 38, tzinfo=...)
    doc = nlp(doc)
    [(t.span.text, t.type, t.value) for t in doc._.times]
    # [("am Freitag", "DATE", "2025-08-15"), ("jahrzehntelangen", "DURATION", "PXDE"), ...]

Relative expressions are resolved against ``Doc._.published`` (its local date). Without it, what the text
fixes is kept and the rest is ``X`` (``XXXX-08-15``, ``XXXX-WXX-1``). The language is ``doc.lang_``; rules
and word lists are data files in ``data/`` (``rules.<lang>.tsv``, ``lexicon.<lang>.tsv``).

Config:
- ``style``: ``"record"`` (default) puts a preceding preposition into the span ("am Freitag") and resolves
  "vor zwei Wochen" to a date; ``"timeml"`` follows the TimeML/KRAUTS annotation conventions (spans without
  prepositions, "vor zwei Wochen" annotated as the duration "zwei Wochen").
"""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from sourcetrace.extract.extensions import register_extensions
from sourcetrace.extract.times.extractor import Extractor, Found
from sourcetrace.extract.times.lexicon import DATA_DIR
from sourcetrace.extract.times.rules import STYLES, load_grammar
from sourcetrace.extract.times.tense import TenseCues
from sourcetrace.extract.types import TimeExpr

__all__ = ["TimesComponent", "supported_languages"]

_SENTENCE_BREAK = re.compile(r"(?<=[.!?:])[\"'“”»«]?\s+(?=[\"'„“»«(]?[A-ZÄÖÜ0-9])|\n\s*\n|\n(?=\S)")


def supported_languages() -> tuple[str, ...]:
    return tuple(sorted(p.name.split(".")[1] for p in DATA_DIR.glob("rules.*.tsv")))


@Language.factory("sourcetrace_times", default_config={"style": "record"})
class TimesComponent:
    """Sets ``Doc._.times`` to a list of :class:`~sourcetrace.extract.types.TimeExpr` (empty if none)."""

    def __init__(self, nlp: Language, name: str = "sourcetrace_times", style: str = "record"):
        if style not in STYLES:
            raise ValueError(f"sourcetrace_times: style must be one of {STYLES}, not {style!r}")
        register_extensions()
        self.name = name
        self.style = style
        self._extractors: dict[str, Extractor] = {}
        self.extractor(nlp.lang)  # load the grammar with the pipeline, not on the first document

    def extractor(self, lang: str) -> Extractor | None:
        if lang not in self._extractors:
            if lang not in supported_languages():
                return None
            self._extractors[lang] = Extractor(load_grammar(lang), self.style)
        return self._extractors[lang]

    def __call__(self, doc: Doc) -> Doc:
        extractor = self.extractor(doc.lang_)
        if extractor is None:
            doc._.times = []
            return doc
        found = self.find(doc, extractor)
        times = []
        for item in found:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is not None:
                times.append(TimeExpr(span=span, type=item.type, value=item.value))
        doc._.times = times
        return doc

    def find(self, doc: Doc, extractor: Extractor) -> list[Found]:
        text = doc.text
        sentences = _sentences(doc, text)
        cues = TenseCues(doc, text, extractor.grammar.lexicon)
        return extractor.find(doc, text, anchor_date(doc._.published), sentences, cues.tense)


def anchor_date(published: datetime | date | str | None) -> date | None:
    """The calendar date of the anchor, in the anchor's own time zone (an ISO string is read as well)."""
    if published is None or published == "":
        return None
    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    if isinstance(published, datetime):
        return published.date()
    return published


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Sentence character ranges: the pipeline's sentences, else a punctuation-based split of the text."""
    if len(doc) > 1:
        array = doc.to_array([SENT_START, IDX])
        firsts = numpy.flatnonzero(array[1:, 0] == 1)
        if len(firsts):
            starts = [0, *array[firsts + 1, 1].tolist()]
            return list(zip(starts, [*starts[1:], len(text)], strict=True))
    bounds, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds
