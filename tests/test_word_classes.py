"""The word-class lexicon and the tok2vec embedding that reads it."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.strings import hash_string
from thinc.api import Model

from sourcetrace.nlp.pipelines import bundled_path
from sourcetrace.nlp.word_classes import NO_LETTERS, UNKNOWN, class_ids, class_of, lexicon, word_classes


def test_lexicon_tells_the_noun_from_the_verb():
    table = lexicon("de")
    assert class_of("essen", table).startswith("VV")
    assert "NN" in class_of("Essen", table).split("|") or "NE" in class_of("Essen", table).split("|")
    assert class_of("Bundeskanzlerin", table) == "NN"
    assert class_of("schnell", table).startswith("ADJ")
    assert class_of("sei", table).startswith("VA")


def test_lexicon_knows_words_spelt_with_sharp_s():
    # the frequency lists behind the lexicon fold "ß" to "ss"; the lexicon must still hold the "ß" spellings
    table = lexicon("de")
    assert class_of("groß", table).startswith("ADJ")
    assert class_of("schließlich", table) != UNKNOWN
    assert class_of("Straße", table) == "NN"
    assert class_of("heißt", table).startswith("V")
    assert class_of("Maßnahmen", table) == "NN"


def test_lexicon_knows_the_abbreviations_the_tokenizer_keeps_whole():
    table = lexicon("de")
    assert class_of("bzw.", table) == "KON"
    assert class_of("Dr.", table) != UNKNOWN
    assert class_of("A.", table) != UNKNOWN


def test_lookup_falls_back_to_lower_case_then_capitalized():
    table = lexicon("de")
    assert class_of("WURDE", table) == class_of("wurde", table)
    assert class_of("BUNDESKANZLERIN", table) == class_of("Bundeskanzlerin", table)
    assert class_of("Xqzvbnmwk", table) == UNKNOWN
    assert class_of("10.000", table) == class_of("–", table) == NO_LETTERS


def test_name_lists_flag_given_names_and_places():
    table = lexicon("de", name_lists=True)
    assert class_of("Heidi", table).endswith("+GIVEN")
    assert "+PLACE" in class_of("Pjöngjang", table)
    assert "+" not in class_of("Haus", table)
    assert "+" not in "".join(class_of(w, lexicon("de")) for w in ("Heidi", "Pjöngjang"))


def test_class_ids_hash_the_class_of_each_token():
    nlp = spacy.blank("de")
    doc = nlp("Die Kanzlerin WURDE xqzvbnmwk 10.000 :")
    ids = class_ids(doc, word_classes("de"))
    table = lexicon("de")
    assert list(ids) == [
        hash_string(class_of("Die", table)),
        hash_string(class_of("Kanzlerin", table)),
        hash_string(class_of("wurde", table)),
        hash_string(UNKNOWN),
        hash_string(NO_LETTERS),
        hash_string(NO_LETTERS),
    ]


def test_embedding_gives_one_vector_per_token():
    make = spacy.registry.architectures.get("sourcetrace.WordClassHashEmbed.v1")
    model: Model = make(width=16, attrs=["NORM", "SHAPE"], rows=[100, 50], class_rows=50, lang="de")
    nlp = spacy.blank("de")
    docs = [nlp("Putin schrieb einen Brief."), nlp("Kim antwortete.")]
    model.initialize(X=docs)
    vectors = model.predict(docs)
    assert [v.shape for v in vectors] == [(5, 16), (3, 16)]
    # the class column changes the vector: same word form, different lexicon class
    other = model.predict([nlp("Essen"), nlp("essen")])
    assert not (other[0] == other[1]).all()


@pytest.mark.skipif(
    not (bundled_path("de") / "config.cfg").exists(), reason="bundled German pipeline not built"
)
def test_bundled_pipeline_loads_with_plain_spacy():
    """The configs name sourcetrace's tokenizer and embedding; spaCy finds them through entry points."""
    code = (
        "import sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "print(nlp.config['components']['tok2vec']['model']['embed']['@architectures'])\n"
        "print(' '.join(t.pos_ for t in nlp('Die Ministerin reiste nach Wien.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(bundled_path("de"))], capture_output=True, text=True, check=True
    )
    architecture, tags = done.stdout.splitlines()
    assert architecture == "sourcetrace.WordClassHashEmbed.v1"
    assert tags == "DET NOUN VERB ADP PROPN PUNCT"
