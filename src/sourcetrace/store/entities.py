"""Entities across articles: names seen in many records, clustered into corpus entities with aliases.

Rule: a name is reduced to its core (leading articles, titles and role words dropped: "Kremlchef Putin" →
"putin"). Names with the same core are one entity. A person-like name whose core tokens are a subset of a
longer person-like name with the same last token joins it ("Putin" ⊂ "Wladimir Putin" ⊂ "Wladimir
Wladimirowitsch Putin"); when several longer names qualify, the most frequent one wins. The entity's name
is its fullest form; every surface form is kept as an alias.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

PERSONISH = {None, "", "PERSON"}
_EDGE_PUNCT = ".,;:!?\"'()[]«»„“”‚‘’"


@dataclass
class Name:
    """One normalized name as stored (``key``), its most frequent surface form, type and frequency."""

    key: str
    alias: str
    type: str | None
    count: int


@dataclass
class CorpusEntity:
    id: str
    name: str
    type: str | None
    keys: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def _read_words(package: str, filename: str) -> set[str]:
    try:
        text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return set()
    words = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            words.add(line.split("\t")[0].strip().lower())
    return words


@cache
def prefix_words() -> frozenset[str]:
    words = _read_words("sourcetrace.store", "data/name_prefixes.tsv")
    words |= _read_words("sourcetrace.extract.attribution", "lexicon/de_roles.tsv")
    return frozenset(words)


def _is_prefix_word(token: str) -> bool:
    words = prefix_words()
    if token in words:
        return True
    return len(token) > 6 and any(token.endswith(w) for w in words if len(w) >= 4)


def core_tokens(alias: str) -> tuple[str, ...]:
    """The tokens that name the referent: the trailing capitalized run after the last title or role word."""
    tokens = [t.strip(_EDGE_PUNCT) for t in alias.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return ()
    core: list[str] = []
    for token in reversed(tokens):
        lowered = token.lower()
        if core and (_is_prefix_word(lowered) or not token[:1].isupper()):
            break
        core.append(lowered)
    core.reverse()
    return tuple(core)


def entity_id(name_key: str) -> str:
    return "c-" + hashlib.sha256(name_key.encode("utf-8")).hexdigest()[:12]


def cluster(names: list[Name]) -> list[CorpusEntity]:
    """Group names into corpus entities (deterministic: the same names give the same ids)."""
    by_core: dict[tuple[str, ...], list[Name]] = defaultdict(list)
    for name in names:
        by_core[core_tokens(name.alias) or (name.key,)].append(name)

    def kind(members: list[Name]) -> str | None:
        types = Counter(m.type for m in members if m.type)
        return types.most_common(1)[0][0] if types else None

    counts = {core: sum(m.count for m in members) for core, members in by_core.items()}
    kinds = {core: kind(members) for core, members in by_core.items()}
    # Person-like cores by last token, to find longer names that contain a shorter one.
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for core in by_core:
        if kinds[core] in PERSONISH:
            by_last[core[-1]].append(core)
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    for core in sorted(by_core, key=lambda c: (len(c), c)):
        if kinds[core] not in PERSONISH:
            continue
        tokens = set(core)
        longer = [c for c in by_last[core[-1]] if len(c) > len(core) and tokens < set(c)]
        if longer:
            parent[core] = max(longer, key=lambda c: (counts[c], len(c), c))

    def root(core: tuple[str, ...]) -> tuple[str, ...]:
        seen = set()
        while core in parent and core not in seen:
            seen.add(core)
            core = parent[core]
        return core

    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for core in by_core:
        groups[root(core)].append(core)
    entities = []
    for top, cores in groups.items():
        members = [m for c in cores for m in by_core[c]]
        fullest = max(by_core[top], key=lambda m: (m.count, m.alias))
        canonical = " ".join(fullest.alias.split()[-len(top) :]).strip(_EDGE_PUNCT)
        entities.append(
            CorpusEntity(
                id=entity_id(" ".join(top)),
                name=canonical or fullest.alias,
                type=kind(members),
                keys=sorted(m.key for m in members),
                aliases=sorted({m.alias for m in members}),
            )
        )
    entities.sort(key=lambda e: e.id)
    return entities
