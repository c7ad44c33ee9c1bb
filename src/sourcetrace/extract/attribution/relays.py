"""Speakers and relay chains: resolve each attribution's speaker to an entity and fill its ``via``.

A relay is a channel a statement passed through before it reached the article: "laut der Nachrichtenagentur
KCNA", "wie KCNA berichtete", "nach Angaben von ...", state media, and whoever the sentence names as passing
on another's words ("X berichtete unter Berufung auf Y": X relays Y's statement; a ``NamedRelay``). Relays
propagate: "demnach" and
cue-less continuations inherit the previous statement's relays; "wie X weiter berichtete" also covers the
statement just before; a statement of the same speaker in the same or next paragraph keeps the relay; the
same words quoted twice (caption and body) share speaker and relays.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from sourcetrace import agencies
from sourcetrace.extract.attribution.entities import EntityIndex, Referent
from sourcetrace.extract.attribution.model import Attribution


class NamedRelay(tuple):
    """The token range of a relay the sentence's construction names as such ("X berichtete unter Berufung auf
    Y", "wie X berichtete" after a statement with a source of its own): it relays whatever kind of entity it
    is, where other relay mentions count only when they name a medium."""


def seed_media(doc: Doc, index: EntityIndex) -> None:
    """Agencies and state media named anywhere in the text become MEDIA referents up front."""
    for m in agencies.alias_pattern().finditer(index.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        agency = agencies.lookup(m.group(0))
        ref = index.find_name(agency.name) if agency else None
        if ref is None:
            ref = Referent(names=[agency.name if agency else span.text], type="MEDIA", first=span.start)
            index.referents.append(ref)
        ref.type = "MEDIA"
        ref.roles.add("state_media" if agency and agency.kind == "state_media" else "agency")
        index._mention(ref, span)


def _media_ref(index: EntityIndex, span: Span, any_kind: bool = False) -> Referent | None:
    """The medium ``span`` names (with ``any_kind``: whatever it names), None if it names no medium."""
    low = span.text.lower()
    if any(word in low for word in index.lex.words_of("statemedia")):
        # "nordkoreanische Staatsmedien" = the one state outlet the article names (KCNA)
        state = [r for r in index.referents if "state_media" in r.roles]
        if len(state) == 1:
            index._mention(state[0], span)
            return state[0]
    ref = index.resolve(span)
    return ref if ref.type == "MEDIA" or any_kind else None


def source_of(span: Span, index: EntityIndex) -> Span:
    """Who an according-to phrase names: "Angaben der Stadt" → "der Stadt", "einer Studie der Universität
    Bonn" → "der Universität Bonn", "Merkels Darstellung" → "Merkels". The noun that says the phrase is a
    source (a noun cue of the lexicon: Angaben, Darstellung, Schätzungen) is no part of the source's name;
    without a genitive or possessor ("einer aktuellen Umfrage", "Polizeiangaben") the phrase stays whole."""
    doc, lex = span.doc, index.lex
    nouns = tuple(n for n in lex.noun_cues if len(n) > 3)

    def is_cue(k: int) -> bool:
        return doc[k].lower_.startswith(nouns) and doc[k].text[:1].isupper()

    for k in range(span.start, span.end):
        t = doc[k]
        if not is_cue(k):
            if t.pos_ in ("NOUN", "PROPN") and not (k + 1 < span.end and is_cue(k + 1)):
                break  # the phrase's head comes before any cue noun: "dem Sprecher der Polizei"
            continue
        rest = k + 1
        if rest + 1 < span.end and (
            lex.is_(doc[rest].lower_, "determiner")
            or doc[rest].lower_ in ("von", "vom")
            # an article-less German genitive: "Meinung politischer Beobachter"
            or (lex.nouns_capitalized and doc[rest].pos_ == "ADJ" and doc[rest].lower_.endswith("er"))
        ):
            return doc[rest + (doc[rest].lower_ in ("von", "vom")) : span.end]
        owner = [j for j in range(span.start, k) if doc[j].pos_ == "PROPN"]
        if owner and rest == span.end:
            return doc[owner[0] : owner[-1] + 1]  # "Celebis Angaben", "nach Merkels Darstellung"
        break
    return span


def _nominative(span: Span, ref: Referent) -> None:
    """Name a source first met in the genitive by its nominative: "des Innenministeriums" → Innenministerium,
    "des Robert Koch-Instituts" → Robert Koch-Institut (the last noun of the first run of nouns)."""
    words = [t for t in span if not t.is_punct]
    if not words or words[0].lower_ not in ("des", "eines"):
        return
    run = []
    for t in words[1:]:
        if t.pos_ in ("NOUN", "PROPN"):
            run.append(t)
        elif run:
            break
    if not run:
        return
    head = run[-1]
    text = head.text
    if (
        head.lemma_
        and head.lemma_ != text
        and text.startswith(head.lemma_[:-1])
        and head.lemma_[:1].isupper()
    ):
        nom = head.lemma_
    elif len(text) > 5 and text.endswith("es") and text[-3] in "tdkgßz":
        nom = text[:-2]  # "Bundesamtes", "Landes"
    elif len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        nom = text[:-1]  # "Koch-Instituts"
    else:
        return
    word = re.compile(rf"(?<![\w-]){re.escape(text)}(?!\w)")
    ref.names = [word.sub(nom, n, count=1) for n in ref.names]
    if ref.description:
        ref.description = word.sub(nom, ref.description, count=1)


def resolve(
    doc: Doc, attributions: list[Attribution], index: EntityIndex, paragraph: list[int]
) -> list[Referent | None]:
    """Resolve speakers and relays in place; returns the speaker referent of each attribution."""
    seed_media(doc, index)
    speakers: list[Referent | None] = []
    recent: list[Referent] = []
    for k, a in enumerate(attributions):
        ref = None
        prev = speakers[k - 1] if k > 0 else None
        if (
            a.inherit_from == -1
            and k > 0
            and (
                a.speaker is None
                or a.rule in ("demnach", "subjunctive-continuation", "continuation", "reportative")
            )
        ):
            ref = prev
            if a.speaker is None and attributions[k - 1].speaker is not None:
                a.speaker = attributions[k - 1].speaker
        elif a.speaker is not None:
            span = doc[a.speaker[0] : a.speaker[1]]
            relayed = any(isinstance(r, NamedRelay) for r in a.relays)
            if a.kind == "according_to" or relayed:
                span = source_of(span, index)  # "unter Berufung auf Angaben der Polizei" → der Polizei
            ref = index.resolve(span, prefer=recent)
            if a.kind == "according_to" or relayed:
                _nominative(span, ref)
        speakers.append(ref)
        if ref is not None:
            if ref in recent:
                recent.remove(ref)
            recent.insert(0, ref)
        # explicit relays
        for relay in a.relays:
            named = isinstance(relay, NamedRelay)
            span = doc[relay[0] : relay[1]]
            media = _media_ref(index, source_of(span, index) if named else span, any_kind=named)
            if media is not None and media is not ref:
                a.via.append((media.canonical(), None))
    # propagation
    for k, a in enumerate(attributions):
        if a.via:
            continue
        prev = attributions[k - 1] if k > 0 else None
        if prev is None or not prev.via:
            continue
        same_speaker = speakers[k] is not None and speakers[k] is speakers[k - 1]
        close = paragraph[a.content[0]] - paragraph[prev.content[0]] <= 1
        if (a.inherit_from == -1 or same_speaker) and close:
            a.via = list(prev.via)
    for k, a in enumerate(attributions):
        if not a.via or k == 0:
            continue
        text = doc[a.frame[0] : a.frame[-1] + 1].text if a.frame else ""
        relay_text = " ".join(doc[s:e].text for s, e in a.relays)
        if re.search(r"\bweiter\b", text + " " + relay_text + " " + _unit_text(doc, a)):
            prev = attributions[k - 1]
            if (
                not prev.via
                and speakers[k - 1] is speakers[k]
                and paragraph[prev.content[0]] == paragraph[a.content[0]]
            ):
                prev.via = list(a.via)
    by_text: dict[str, int] = {}
    for k, a in enumerate(attributions):
        key = re.sub(r"\W+", " ", doc[a.content[0] : a.content[1]].text).strip().lower()
        if len(key) < 20:
            continue
        if key in by_text:
            j = by_text[key]
            first, other = attributions[j], a
            for x, y, ix, iy in ((first, other, j, k), (other, first, k, j)):
                if not x.via and y.via:
                    x.via = list(y.via)
                if speakers[ix] is None and speakers[iy] is not None:
                    speakers[ix] = speakers[iy]
        else:
            by_text[key] = k
    for a in attributions:
        a.via = [(name, None) for name in dict.fromkeys(n for n, _ in a.via)]
    return speakers


def _unit_text(doc: Doc, a: Attribution) -> str:
    if not a.cue:
        return ""
    t = doc[a.cue[0]]
    return t.sent.text if doc.has_annotation("SENT_START") else ""
