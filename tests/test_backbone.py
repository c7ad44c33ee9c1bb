"""The bundled German pipeline: it loads and annotates; Konjunktiv from the verb lexicon; model listing."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sourcetrace.nlp.lemma_lexicon import LemmaLexicon, lexicon_lemma, load_lemmas, write_lemmas
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


def _tagged_doc(words, tags, lemmas):
    nlp = spacy.blank("de")
    return Doc(nlp.vocab, words=words, tags=tags, lemmas=lemmas)


def test_lemma_lexicon_lemmatizes_by_form_and_tag():
    lexicon = LemmaLexicon(spacy.blank("de"), "sourcetrace_lemma_lexicon")
    doc = _tagged_doc(
        ["Beschlossen", "wurden", "die", "Maßnahmen", "in", "Washington", "am", "größten", "Gerichten"],
        ["VVPP", "VAFIN", "ART", "NN", "APPR", "NE", "APPRART", "ADJA", "NN"],
        ["Beschlossen", "wurden", "der", "Maßnahmen", "in", "Washingtons", "an", "größten", "Gerichten"],
    )
    lemmas = [t.lemma_ for t in lexicon(doc)]
    # the sentence-initial capital is looked up lower-cased; a form and its tag decide
    assert lemmas[0] == "beschließen"
    assert lemmas[1] == "werden"
    assert lemmas[3] == "Maßnahme"
    assert lemmas[7] == "groß"
    assert lemmas[8] == "Gericht"
    # articles and names keep the statistical lemma
    assert lemmas[2] == "der"
    assert lemmas[5] == "Washingtons"


def test_lemma_lexicon_follows_the_tag_not_the_form_alone():
    lexicon = LemmaLexicon(spacy.blank("de"), "sourcetrace_lemma_lexicon")
    noun = lexicon(_tagged_doc(["Die", "Essen"], ["ART", "NN"], ["der", "?"]))[1]
    verb = lexicon(_tagged_doc(["wir", "essen"], ["PPER", "VVFIN"], ["wir", "?"]))[1]
    assert noun.lemma_ == "Essen"
    assert verb.lemma_ == "essen"
    unknown = lexicon(_tagged_doc(["Xyzqwerbrücken"], ["NN"], ["Xyzqwerbrücke"]))[0]
    assert unknown.lemma_ == "Xyzqwerbrücke"


def test_lemma_table_round_trip_keeps_each_form_under_its_tag(tmp_path):
    path = tmp_path / "lemmas.tsv.gz"
    rows = [("Häuser", "NN", "Haus"), ("lief", "VVFIN", "laufen"), ("schnell", "ADJD", "schnell")]
    rows.append(("Laufen", "NN", "Laufen"))
    assert write_lemmas(rows, path) == 4
    table = load_lemmas(path)
    assert sorted(table) == ["ADJD", "NN", "VVFIN"]
    assert [lexicon_lemma(form, tag, table) for form, tag, _ in rows] == [
        "Haus",
        "laufen",
        "schnell",
        "Laufen",
    ]
    assert lexicon_lemma("Lief", "VVFIN", table) == "laufen"  # a capital at the start of a sentence
    assert lexicon_lemma("lief", "NN", table) is None  # listed, but not with this tag
    assert lexicon_lemma("Häuser", "NE", table) is None  # names are never looked up


@needs_de
def test_bundled_pipeline_takes_lemmas_from_the_lexicon(de):
    names = de.pipe_names
    assert (
        names.index("trainable_lemmatizer") < names.index("sourcetrace_lemma_lexicon") < names.index("parser")
    )
    doc = de("Die Regierung hat neue Maßnahmen gegen die steigenden Mieten beschlossen.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["Maßnahmen"] == "Maßnahme"
    assert lemmas["beschlossen"] == "beschließen"
    assert lemmas["Mieten"] == "Miete"


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
