"""Loading the attribution lexicons (``lexicon/*.tsv``): cues, their inflected forms, function words, roles.

Every table is a TSV with a ``#`` comment header saying what a line means. Language-specific tables are
prefixed with the language code (``de_cues.tsv``); ``quote_marks.tsv`` is shared by all languages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources


@dataclass(frozen=True)
class Cue:
    lemma: str
    particle: str
    type: str  # verb | noun | according_to
    frames: str  # "c" clause content, "n" noun-phrase content
    notes: str = ""


@dataclass(frozen=True)
class CueForm:
    lemma: str
    particle: str  # separable particle this (main-clause) form needs, "" if none
    moods: frozenset[str]  # ind, sub, part, inf


@dataclass(frozen=True)
class Role:
    noun: str
    type: str
    gender: str


@dataclass
class Lexicon:
    lang: str
    cues: dict[str, Cue] = field(default_factory=dict)  # verb and preposition cues by lemma
    # noun cues by lemma, apart from ``cues``: a word can be both ("tweet": "she tweeted", "in a tweet")
    nouns: dict[str, Cue] = field(default_factory=dict)
    forms: dict[str, list[CueForm]] = field(default_factory=dict)
    subjunctive: frozenset[str] = frozenset()
    words: dict[str, dict[str, str]] = field(default_factory=dict)  # word -> {class: features}
    roles: tuple[Role, ...] = ()
    _role_cache: dict[str, Role | None] = field(default_factory=dict, repr=False)
    _class_cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def nouns_capitalized(self) -> bool:
        """Whether every noun starts with a capital (German), so a lower-case word is never a role noun."""
        return self.lang == "de"

    def is_(self, word: str, cls: str) -> bool:
        return cls in self.words.get(word.lower(), {})

    def words_of(self, cls: str) -> tuple[str, ...]:
        """Every word (or phrase) of a class, e.g. ``statemedia`` (collected once per class)."""
        if cls not in self._class_cache:
            self._class_cache[cls] = tuple(w for w, classes in self.words.items() if cls in classes)
        return self._class_cache[cls]

    @cached_property
    def noun_cues(self) -> tuple[str, ...]:
        """The noun cues, lower-cased (angaben, darstellung, schätzungen)."""
        return tuple(c.lemma.lower() for c in self.nouns.values())

    def features(self, word: str, cls: str) -> str:
        return self.words.get(word.lower(), {}).get(cls, "")

    def role(self, noun: str) -> Role | None:
        """The role a noun names, by the longest matching ending (``Kremlchef`` → chef)."""
        low = noun.lower()
        if low in self._role_cache:
            return self._role_cache[low]
        best = None
        for role in self.roles:
            if low.endswith(role.noun) and (best is None or len(role.noun) > len(best.noun)):
                best = role
        self._role_cache[low] = best
        return best


def rows(name: str) -> list[list[str]]:
    path = resources.files("sourcetrace.extract.attribution").joinpath("lexicon").joinpath(name)
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@cache
def quote_marks() -> tuple[tuple[str, str, str], ...]:
    """(open, close, level) pairs of the quote-mark inventory."""
    return tuple((r[0], r[1], r[2]) for r in rows("quote_marks.tsv"))


@cache
def load(lang: str) -> Lexicon:
    lex = Lexicon(lang)
    for r in rows(f"{lang}_cues.tsv"):
        r += [""] * (5 - len(r))
        cue = Cue(r[0], r[1], r[2], r[3], r[4])
        (lex.nouns if cue.type == "noun" else lex.cues)[r[0]] = cue
    forms: dict[str, list[CueForm]] = defaultdict(list)
    for r in rows(f"{lang}_cue_forms.tsv"):
        forms[r[0]].append(CueForm(r[1], r[2], frozenset(r[3].split(","))))
    lex.forms = dict(forms)
    lex.subjunctive = frozenset(r[0] for r in rows(f"{lang}_subjunctive.tsv"))
    words: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows(f"{lang}_function_words.tsv"):
        words[r[0]][r[1]] = r[2] if len(r) > 2 else ""
    lex.words = dict(words)
    lex.roles = tuple(Role(r[0], r[1], r[2]) for r in rows(f"{lang}_roles.tsv"))
    return lex
