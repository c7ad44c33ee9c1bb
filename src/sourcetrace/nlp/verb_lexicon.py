"""German verbs from a lexicon: Konjunktiv (``Mood=Sub``) and verb lemmas where the form decides them.

The statistical morphologizer and lemmatizer see few verb forms in the small treebank, so the component
``sourcetrace_verb_lexicon`` (placed after the parser) corrects verbs with the verb-form lexicon
``data/verb_forms_de.tsv``.

Mood of finite verbs:

- a form with only Konjunktiv readings ("sei", "hätte", "käme", "würde") is ``Mood=Sub``;
- a form with both readings is decided by agreement with its subject when exactly one mood fits
  ("er habe" -> Sub, "ich habe" -> Ind); otherwise the statistical prediction stays
  ("sagte" is preterite and Konjunktiv II alike).
- a form the lexicon lists with indicative readings only is ``Mood=Ind``; unknown forms keep the prediction.

Lemma of verbs and auxiliaries: when the predicted lemma is not one of the form's infinitives in the
lexicon, the first infinitive is taken; a separated particle ("gab ... zu") is put in front when the
lexicon knows that verb ("zugeben").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

DATA = Path(__file__).resolve().parent / "data" / "verb_forms_de.tsv"
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "sb"}
AUX_DEPS = {"aux", "aux:pass", "cop"}


Readings = frozenset[tuple[str, str, str]]


@cache
def load_lexicon(path: Path = DATA) -> tuple[dict[str, Readings], dict[str, tuple[str, ...]]]:
    """(form -> {(mood, number, person)}, form -> infinitives) from the verb-form lexicon; forms lower-cased."""
    readings: dict[str, Readings] = {}
    lemmas: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            form, finite, infinitives = line.rstrip("\n").split("\t")
            items = set()
            for reading in finite.split() if finite != "-" else ():
                mood, _tense, number, person = reading.split(".")
                items.add((mood, number, person))
            readings[form] = frozenset(items)
            lemmas[form] = tuple(infinitives.split("|"))
    return readings, lemmas


def verb_readings(path: Path = DATA) -> dict[str, Readings]:
    """Lower-cased form -> {(mood, number, person)} of its finite readings."""
    return load_lexicon(path)[0]


def subject_agreement(verb: Token) -> tuple[str, str] | None:
    """(Number, Person) of the verb's subject, looking through auxiliaries and copulas to the head."""
    candidates = [verb]
    if verb.dep_ in AUX_DEPS and verb.head is not verb:
        candidates.append(verb.head)
    for host in candidates:
        for child in host.children:
            if child.dep_ not in SUBJECT_DEPS:
                continue
            number = child.morph.get("Number")
            if child.pos_ == "PRON":
                person = child.morph.get("Person")
                if not person and child.lower_ not in {"man", "jemand", "niemand", "wer", "was", "es", "das"}:
                    return None
                person = person[0] if person else "3"
            elif child.pos_ in {"NOUN", "PROPN"}:
                person = "3"
            else:
                return None
            if any(c.dep_ == "conj" for c in child.children):
                return ("Plur", person)
            if not number:
                if child.lower_ in {"man", "jemand", "niemand"} or child.pos_ == "PROPN":
                    return ("Sing", person)
                return None
            return (number[0], person)
    return None


def is_finite_verb(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    form = token.morph.get("VerbForm")
    if form:
        return form[0] == "Fin"
    return token.tag_.endswith("FIN")


def decide_mood(token: Token, table: dict[str, Readings]) -> str | None:
    """'Sub', 'Ind' or None (leave the prediction) for a finite verb."""
    readings = table.get(token.lower_)
    if not readings:
        return None
    moods = {mood for mood, _, _ in readings}
    if len(moods) == 1:
        return next(iter(moods))
    agreement = subject_agreement(token)
    if agreement is None:
        return None
    fits = {mood for mood, number, person in readings if (number, person) == agreement}
    if len(fits) == 1:
        return next(iter(fits))
    return None


def decide_lemma(token: Token, lemmas: dict[str, tuple[str, ...]]) -> str | None:
    """The verb's infinitive from the lexicon, or None when the prediction is one of them or the form unknown."""
    candidates = lemmas.get(token.lower_)
    if not candidates:
        return None
    particle = next((c for c in token.children if c.dep_ == "compound:prt"), None)
    if particle is not None:
        for infinitive in candidates:
            joined = particle.lower_ + infinitive
            if joined in lemmas:
                return joined if token.lemma_ != joined else None
    if token.lemma_ in candidates:
        return None
    return candidates[0]


class VerbLexicon:
    """Corrects ``Mood`` and lemmas of verbs from the verb-form lexicon (see the module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "sourcetrace_verb_lexicon",
        lexicon: str | None = None,
        mood: bool = True,
        lemmas: bool = True,
    ):
        self.name = name
        self.lexicon = lexicon
        self.mood = mood
        self.lemmas = lemmas
        self.table, self.infinitives = load_lexicon(Path(lexicon) if lexicon else DATA)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.pos_ not in {"VERB", "AUX"}:
                continue
            if self.lemmas:
                lemma = decide_lemma(token, self.infinitives)
                if lemma is not None:
                    token.lemma_ = lemma
            if not self.mood or not is_finite_verb(token):
                continue
            mood = decide_mood(token, self.table)
            if mood is None:
                continue
            features = token.morph.to_dict()
            if features.get("Mood") == mood:
                continue
            features["Mood"] = mood
            features["VerbForm"] = "Fin"
            token.set_morph(features)
        return doc


@Language.factory(
    "sourcetrace_verb_lexicon",
    default_config={"lexicon": None, "mood": True, "lemmas": True},
    requires=["token.pos", "token.morph", "token.dep"],
    assigns=["token.morph", "token.lemma"],
)
def create_verb_lexicon(
    nlp: Language, name: str, lexicon: str | None, mood: bool, lemmas: bool
) -> VerbLexicon:
    return VerbLexicon(nlp, name, lexicon, mood, lemmas)
