"""The ``sourcetrace_attribution`` spaCy component: who said what, through whom.

Sets ``Doc._.statements`` (direct and indirect speech, mixed quotes, according-to phrases, each with its
speaker, cue, relay chain and a confidence) and ``Doc._.entities`` (speakers, relays and the other named
entities clustered into referents). When ``Doc._.quantities`` is a list, each quantity inside a statement
(or in a sentence an according-to phrase covers) gets that statement's source.

Language-specific rules live in one module per language (``de.py``) with lexicons ``lexicon/{lang}_*.tsv``;
for a language without rules the component sets empty lists.

    nlp.add_pipe("sourcetrace_attribution")
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from sourcetrace.extract.attribution import lexicon
from sourcetrace.extract.attribution.entities import EntityIndex
from sourcetrace.extract.attribution.model import Attribution
from sourcetrace.extract.attribution.quotes import paragraph_index
from sourcetrace.extract.attribution.relays import resolve
from sourcetrace.extract.extensions import register_extensions
from sourcetrace.extract.types import Relay, Statement

MAX_CUE_TOKENS = 3  # "fügte demnach hinzu" stays whole; "hob Putin laut KCNA hervor" becomes "hob"


def _rules_for(lang: str):
    if lang == "de":
        from sourcetrace.extract.attribution.de import GermanRules

        return GermanRules(lexicon.load("de"))
    if lang == "en":
        from sourcetrace.extract.attribution.en import EnglishRules

        return EnglishRules(lexicon.load("en"))
    return None


class AttributionComponent:
    def __init__(
        self,
        nlp: Language,
        name: str = "sourcetrace_attribution",
        min_confidence: float = 0.0,
        link_quantities: bool = True,
    ):
        register_extensions()
        self.name = name
        self.lang = nlp.lang
        self.min_confidence = min_confidence
        self.link_quantities = link_quantities
        self.rules = _rules_for(nlp.lang)
        # lexicon/{lang}_report_links.tsv: words that tie a sentence's figures to those of the sentence before
        self.report_links = tuple(r[0].lower() for r in lexicon.rows(f"{nlp.lang}_report_links.tsv"))

    def find(self, doc: Doc) -> list[Attribution]:
        """The attributions in ``doc`` with resolved speakers and relays (the component's working record)."""
        if self.rules is None or len(doc) == 0:
            doc._.entities = []
            return []
        found = [a for a in self.rules.find(doc) if a.confidence >= self.min_confidence]
        index = EntityIndex(doc, self.rules.lex, getattr(self.rules, "text", None))
        speakers = resolve(doc, found, index, self.rules.paragraph)
        entities, ids = index.entities()
        ref_id = {id(index.referents[k]): eid for k, eid in ids.items()}
        by_name = {e.name: e.id for e in entities}
        for a, ref in zip(found, speakers, strict=True):
            if ref is not None:
                a.speaker_entity = ref_id.get(id(ref))
                a.speaker_name = ref.canonical()
            elif a.speaker is not None:
                a.speaker_name = doc[a.speaker[0] : a.speaker[1]].text
            a.via = [(name, by_name.get(name)) for name, _ in a.via]
        doc._.entities = entities
        return found

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        found = self.find(doc)
        statements = [to_statement(doc, a, f"S{k}") for k, a in enumerate(found, 1)]
        doc._.statements = statements
        if doc._.entities is None:
            doc._.entities = []
        if self.link_quantities and isinstance(doc._.quantities, list):
            link_quantities(doc, found, statements)
            weak = getattr(self.rules, "weak", [])
            link_weak_sources(doc, weak)
            link_report_continuations(
                doc, found + weak, self.report_links, getattr(self.rules, "paragraph", None)
            )
        return doc


def link_report_continuations(
    doc: Doc, acts: list[Attribution], links: tuple[str, ...], paragraph: list[int] | None = None
) -> None:
    """A figure in a sentence with no attribution of its own that goes on with the figures of the sentence
    before ("Nach Angaben der Polizei wurden zwölf Menschen verletzt. Vier von ihnen schweben in
    Lebensgefahr.") takes their source, when the sentence says so by a link word (``links``: "von ihnen",
    "darunter", "weitere") and both sentences stand in the same paragraph (``paragraph``: the paragraph of
    each token, computed when not given)."""
    quantities = doc._.quantities
    if not links or not quantities or not doc.has_annotation("SENT_START"):
        return
    sourced_any = [bool(q.source_name or q.source_entity) for q in quantities]
    if all(sourced_any) or not any(sourced_any):
        return  # nothing to carry over, or nobody to carry it to
    sents = list(doc.sents)
    starts = [sent.start for sent in sents]

    def sent_of(i: int) -> int:
        return bisect_right(starts, i) - 1

    paragraph = paragraph if paragraph is not None else paragraph_index(doc)
    claimed = set()  # sentences in which an attribution (or a reported act) stands
    for a in acts:
        if a.content[1] > a.content[0]:
            claimed.update(range(sent_of(a.content[0]), sent_of(a.content[1] - 1) + 1))
        claimed.update(sent_of(i) for i in a.message)
    sourced: dict[int, object] = {}  # sentence -> the last figure in it that has a source
    for q in sorted(quantities, key=lambda q: q.span.start):
        k = sent_of(q.span.start)
        if q.source_name or q.source_entity:
            sourced[k] = q
            continue
        prev = sourced.get(k - 1)
        if prev is None or k in claimed:
            continue
        first = next((t.i for t in sents[k] if not t.is_space), sents[k].start)
        if paragraph[first] != paragraph[sents[k - 1].start]:
            continue
        words = " " + " ".join(t.lower_ for t in sents[k] if not t.is_punct) + " "
        if not any(f" {link} " in words for link in links):
            continue
        q.source_name, q.source_entity, q.statement = prev.source_name, prev.source_entity, prev.statement
        sourced[k] = q


def link_weak_sources(doc: Doc, weak: list[Attribution]) -> None:
    """A figure in a reported act that makes no statement ("Die Polizei meldete 300 Festnahmen") still has a
    source: the act's speaker, as the entity that mentions it, without a statement id."""
    for q in doc._.quantities:
        span: Span | None = getattr(q, "span", None)
        if span is None or q.source_name:
            continue
        for a in weak:
            if a.speaker is None or not (a.content[0] <= span.start and span.end <= a.content[1]):
                continue
            start = a.speaker[0]
            while start + 1 < a.speaker[1] and doc[start].pos_ == "DET":
                start += 1  # "Die Polizei" → "Polizei", as the statements name their speakers
            speaker = doc[start : a.speaker[1]]
            entity = next(
                (
                    e
                    for e in doc._.entities or []
                    if any(m.start < speaker.end and speaker.start < m.end for m in e.mentions)
                ),
                None,
            )
            q.source_entity = entity.id if entity else None
            q.source_name = entity.name if entity else speaker.text
            break


def to_statement(doc: Doc, a: Attribution, sid: str) -> Statement:
    cue = None
    if a.cue:
        # the record's cue: the lexical verb (or phrase) with its particle, without auxiliaries
        ids = [i for i in a.cue if not (doc[i].pos_ == "AUX" and len(a.cue) > 1)] or a.cue
        lo, hi = min(ids), max(ids) + 1
        cue = doc[lo:hi] if hi - lo <= MAX_CUE_TOKENS else doc[lo : lo + 1]
    speaker_mention = doc[a.speaker[0] : a.speaker[1]] if a.speaker else None
    return Statement(
        id=sid,
        kind=a.kind,
        content=doc[a.content[0] : a.content[1]],
        speaker_name=a.speaker_name,
        cue=cue,
        speaker_entity=a.speaker_entity,
        speaker_mention=speaker_mention,
        via=[Relay(name=name, entity=eid) for name, eid in a.via],
        confidence=round(a.confidence, 2),
    )


def _extent(a: Attribution, span: Span) -> int | None:
    """How many tokens the stretch of ``a`` that covers ``span`` has (its content, else its message: the
    clause of a reported act, the sentence an according-to phrase stands in); None if it does not cover it.
    A figure in the speaker's own phrase ("Sechs von zehn Befragten halten …") is not the speaker's claim."""
    if a.speaker is not None and a.speaker[0] < span.end and span.start < a.speaker[1]:
        return None
    if a.content[0] <= span.start and span.end <= a.content[1]:
        return a.content[1] - a.content[0]
    if (
        a.message
        and span.start in a.message
        and min(a.message) <= span.start
        and span.end <= max(a.message) + 1
    ):
        return max(a.message) + 1 - min(a.message)
    return None


def link_quantities(doc: Doc, found: list[Attribution], statements: list[Statement]) -> None:
    """Give each quantity inside a statement (or in a sentence an according-to phrase covers) its source.

    When several statements cover a figure, the innermost one names its source: in "Nach Angaben der Polizei
    kamen 12.000, die Veranstalter sprachen von 20.000" the second figure is the organisers'."""
    for q in doc._.quantities:
        span: Span | None = getattr(q, "span", None)
        if span is None:
            continue
        best: tuple[int, Statement] | None = None
        for a, st in zip(found, statements, strict=True):
            size = _extent(a, span)
            if size is not None and (best is None or size < best[0]):
                best = (size, st)
        if best is not None:
            st = best[1]
            q.statement = st.id
            q.source_entity = st.speaker_entity
            q.source_name = st.speaker_name or None


@Language.factory(
    "sourcetrace_attribution",
    default_config={"min_confidence": 0.0, "link_quantities": True},
)
def make_attribution(
    nlp: Language, name: str, min_confidence: float, link_quantities: bool
) -> AttributionComponent:
    return AttributionComponent(nlp, name, min_confidence=min_confidence, link_quantities=link_quantities)
