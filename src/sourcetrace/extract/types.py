"""What the extractors leave on a ``Doc``: plain dataclasses that point into the Doc with ``Span`` objects.

These are the contract between the spaCy components (``sourcetrace_times``, ``sourcetrace_quantities``,
``sourcetrace_attribution``) and everything downstream. ``sourcetrace.record`` turns them into the
``sourcetrace/1`` JSON shape; nothing else should know that shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
HEDGES = ("exact", "about", "more_than", "less_than", "at_least", "at_most", "vague")
STATEMENT_KINDS = ("direct", "indirect", "mixed", "according_to")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "MEDIA", "GROUP", "OTHER")


@dataclass
class TimeExpr:
    """A temporal expression with its TIMEX3 type and normalized value (e.g. ``2025-08-15``, ``PXDE``)."""

    span: Span
    type: str
    value: str


@dataclass
class Quantity:
    """A numeric claim: ``mehr als 10.000 Nordkoreaner`` → value 10000, hedge more_than, what Nordkoreaner."""

    span: Span
    value: float
    hedge: str = "exact"
    unit: str | None = None
    what: str | None = None
    # Filled by the attribution component, which knows the statements a number stands in.
    source_entity: str | None = None
    source_name: str | None = None
    statement: str | None = None


@dataclass
class Entity:
    """One real-world referent with all the mentions that point to it (names, titles, pronouns)."""

    id: str
    name: str
    type: str = "OTHER"
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Relay:
    """A channel a statement passed through on its way to the reader (an agency, state media, a letter)."""

    name: str
    entity: str | None = None


@dataclass
class Statement:
    """An attributed statement: what was said (content), by whom (speaker), how (cue), and through whom (via)."""

    id: str
    kind: str
    content: Span
    speaker_name: str
    cue: Span | None = None
    speaker_entity: str | None = None
    speaker_mention: Span | None = None
    via: list[Relay] = field(default_factory=list)
    confidence: float = 1.0
