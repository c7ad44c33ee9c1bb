"""The bundled German pipeline: it loads and annotates; Konjunktiv from the verb lexicon; model listing."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sourcetrace.nlp.models import list_models
from sourcetrace.nlp.pipelines import bundled_path, load_base
from sourcetrace.nlp.sentences import QuoteBoundaries
from sourcetrace.nlp.verb_lexicon import VerbLexicon

needs_de = pytest.mark.skipif(
    not (bundled_path("de") / "config.cfg").exists(), reason="bundled German pipeline not built"
)


@pytest.fixture(scope="module")
def de():
    return load_base("de")


@needs_de
def test_german_pipeline_annotates_a_news_sentence(de):
    doc = de(
        "Bundeskanzler Olaf Scholz hat am Montag in Berlin mit Vertretern der Europäischen Union gesprochen."
    )
    assert {"tagger", "morphologizer", "parser", "ner"} <= set(de.pipe_names)
    assert all(t.pos_ for t in doc)
    verbs = [t for t in doc if t.pos_ in {"VERB", "AUX"}]
    assert verbs and any(t.morph.get("VerbForm") for t in verbs)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    assert len(roots) == 1 and roots[0].text in {"gesprochen", "hat"}
    assert any(t.dep_.startswith("nsubj") for t in doc)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Berlin") == "LOC"
    assert any("Scholz" in text and label == "PER" for text, label in labels.items())
    assert [t.lemma_ for t in doc if t.text == "Vertretern"] == ["Vertreter"]


@needs_de
def test_reported_speech_gets_konjunktiv(de):
    doc = de("Er sagte, er habe keine Zeit. Die Regierung sei bereit, und man wäre sonst zu spät gekommen.")
    mood = {t.text: t.morph.get("Mood") for t in doc if t.pos_ in {"AUX", "VERB"}}
    assert mood["habe"] == ["Sub"]
    assert mood["sei"] == ["Sub"]
    assert mood["wäre"] == ["Sub"]


@needs_de
def test_sentences_split_after_quotes_and_years(de):
    doc = de("„Wir kommen wieder“, sagte sie. Das war im Jahr 2019. Niemand widersprach.")
    assert len(list(doc.sents)) == 3


def _verb_doc(words, pos, morphs, heads, deps):
    nlp = spacy.blank("de")
    return Doc(nlp.vocab, words=words, pos=pos, morphs=morphs, heads=heads, deps=deps)


def test_mood_lexicon_uses_subject_agreement():
    mood = VerbLexicon(spacy.blank("de"))
    third = _verb_doc(
        ["er", "habe", "Zeit"],
        ["PRON", "VERB", "NOUN"],
        ["Person=3|Number=Sing|Case=Nom", "Mood=Ind|VerbForm=Fin|Tense=Pres", "Number=Sing"],
        [1, 1, 1],
        ["nsubj", "ROOT", "obj"],
    )
    assert mood(third)[1].morph.get("Mood") == ["Sub"]
    # "hat" is indicative only, whatever was predicted
    indicative = _verb_doc(
        ["sie", "hat", "Zeit"],
        ["PRON", "VERB", "NOUN"],
        ["Person=3|Number=Sing|Case=Nom", "Mood=Sub|VerbForm=Fin|Tense=Pres", "Number=Sing"],
        [1, 1, 1],
        ["nsubj", "ROOT", "obj"],
    )
    assert mood(indicative)[1].morph.get("Mood") == ["Ind"]
    # "ich habe" is indicative and Konjunktiv I alike: the prediction stays
    first = _verb_doc(
        ["ich", "habe", "Zeit"],
        ["PRON", "VERB", "NOUN"],
        ["Person=1|Number=Sing|Case=Nom", "Mood=Ind|VerbForm=Fin|Tense=Pres", "Number=Sing"],
        [1, 1, 1],
        ["nsubj", "ROOT", "obj"],
    )
    assert mood(first)[1].morph.get("Mood") == ["Ind"]
    # "sagte" is preterite and Konjunktiv II alike: the prediction stays
    past = _verb_doc(
        ["sie", "sagte", "nichts"],
        ["PRON", "VERB", "PRON"],
        ["Person=3|Number=Sing", "Mood=Ind|VerbForm=Fin|Tense=Past", ""],
        [1, 1, 1],
        ["nsubj", "ROOT", "obj"],
    )
    assert mood(past)[1].morph.get("Mood") == ["Ind"]


def test_verb_lemmas_from_the_lexicon_join_separated_particles():
    lexicon = VerbLexicon(spacy.blank("de"))
    doc = _verb_doc(
        ["Er", "gab", "den", "Fehler", "zu"],
        ["PRON", "VERB", "DET", "NOUN", "ADP"],
        ["Person=3|Number=Sing", "Mood=Ind|VerbForm=Fin|Tense=Past", "", "Number=Sing", ""],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "det", "obj", "compound:prt"],
    )
    doc[1].lemma_ = "gaben"
    assert lexicon(doc)[1].lemma_ == "zugeben"


def test_stranded_quote_marks_join_their_sentence():
    nlp = spacy.blank("de")
    words = ["Er", "ging", ".", "„", "Wir", "kommen", "“", ",", "sagte", "sie", ".", "“"]
    spaces = [True, False, True, False, True, False, False, True, True, False, False, False]
    # the parse puts the opening „ and a final closing “ into sentences of their own
    heads = [1, 1, 1, 3, 5, 8, 5, 5, 8, 8, 8, 11]
    deps = [
        "nsubj",
        "ROOT",
        "punct",
        "ROOT",
        "nsubj",
        "ccomp",
        "punct",
        "punct",
        "ROOT",
        "nsubj",
        "punct",
        "ROOT",
    ]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    assert len(list(doc.sents)) == 4
    doc = QuoteBoundaries(nlp)(doc)
    assert [s.text for s in doc.sents] == ["Er ging.", "„Wir kommen“, sagte sie.“"]
    assert doc[3].head.text == "sagte" and doc[3].dep_ == "punct"


def test_list_models_reports_bundled_pipelines():
    models = {m["name"]: m for m in list_models()}
    for lang in ("de", "en"):
        if (bundled_path(lang) / "meta.json").exists():
            entry = models[f"{lang}_sourcetrace_news"]
            assert entry["lang"] == lang and entry["version"] and entry["license"]
            assert entry["size_mb"] < 50
            assert all(0 <= v <= 1 for v in entry["accuracy"].values())


def test_blank_pipeline_runs_the_rules_without_a_model():
    from sourcetrace.nlp.pipelines import pipeline

    nlp = pipeline("de", "blank")
    assert nlp.pipe_names[0] == "sentencizer" and "parser" not in nlp.pipe_names
    assert pipeline("de", "blank") is nlp  # cached like any other pipeline
    doc = nlp("Die Bürgermeisterin sagte am Montag, die Brücke werde im Herbst fertig.")
    assert [s.kind for s in doc._.statements] == ["indirect"]
    assert "Bürgermeisterin" in doc._.statements[0].speaker_name
