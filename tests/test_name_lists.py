"""The name-list component: persons and places the NER missed, completed names, surnames named before."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from sourcetrace.nlp.name_lists import NameLists, name_list


def _component() -> NameLists:
    return NameLists(name_list("first_names"), name_list("place_names"))


def _doc(words, ents=(), tags=None, pos=None, spaces=None):
    doc = Doc(spacy.blank("de").vocab, words=words, tags=tags, pos=pos, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def _ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_lists_hold_names_not_words():
    given, places = name_list("first_names"), name_list("place_names")
    assert {"Heidi", "Renate", "Teemu", "Giacomo", "Olaf"} <= given
    assert not {"Man", "Sie", "Will", "August", "Tage", "Berlin"} & given
    assert {"Deutschland", "Frankreich", "Moskau", "Leverkusen", "Stockholm", "Texas"} <= places
    assert not {"Die", "Stadt", "Burg", "Bath"} & places


def test_given_name_and_surname_the_ner_missed():
    doc = _component()(
        _doc(
            ["Am", "Abend", "sprach", "Heidi", "Klum", "mit", "Greg", "Leeb", "in", "Köln", "."],
            [(9, 10, "LOC")],
        )
    )
    assert _ents(doc) == [("Heidi Klum", "PER"), ("Greg Leeb", "PER"), ("Köln", "LOC")]


def test_middle_names_initials_particles_and_hyphens():
    words = [
        "Gestern",
        "trafen",
        "George",
        "W.",
        "Bush",
        ",",
        "Ursula",
        "von",
        "der",
        "Leyen",
        "und",
        "Anna",
        "Müller",
        "-",
        "Lüdenscheidt",
        "ein",
        ".",
    ]
    doc = _doc(words, spaces=[True] * 12 + [False, False, True, True, False])
    assert [e.text for e in _component()(doc).ents] == [
        "George W. Bush",
        "Ursula von der Leyen",
        "Anna Müller-Lüdenscheidt",
    ]


def test_partial_person_grows_and_other_entities_stay():
    doc = _doc(
        ["Laut", "Heidi", "Klum", "ist", "Robert", "Bosch", "GmbH", "ein", "Vorbild", "."],
        [(1, 2, "PER"), (4, 7, "ORG")],
    )
    assert _ents(_component()(doc)) == [("Heidi Klum", "PER"), ("Robert Bosch GmbH", "ORG")]


def test_surname_alone_after_the_full_name():
    doc = _component()(
        _doc(["Heidi", "Klum", "kam", ".", "Später", "sagte", "Klum", ",", "sie", "sei", "müde", "."])
    )
    assert _ents(doc) == [("Heidi Klum", "PER"), ("Klum", "PER")]


def test_tags_decide_between_names_and_common_nouns():
    """With tags, a surname or a place must be tagged a proper noun: "Rosl Hilfe" is no name, "das Essen"
    no city; a place inside a longer name ("Kuwait National Airways") is left alone."""
    words = [
        "Da",
        "erhält",
        "Rosl",
        "Hilfe",
        "von",
        "Renate",
        "Bassen",
        "aus",
        "Leverkusen",
        "und",
        "Dänemarks",
        "Kuwait",
        "National",
        "Airways",
        ".",
    ]
    tags = ["ADV", "VVFIN", "NE", "NN", "APPR", "NE", "NE", "APPR", "NE", "KON", "NE", "NE", "NE", "NE", "$."]
    doc = _component()(_doc(words, tags=tags))
    assert _ents(doc) == [("Renate Bassen", "PER"), ("Leverkusen", "LOC"), ("Dänemarks", "LOC")]
    # without tags no place is matched
    assert _ents(_component()(_doc(["Er", "wohnt", "in", "Leverkusen", "."]))) == []


def test_bundled_pipelines_run_the_component():
    from sourcetrace.nlp.pipelines import load_base

    for lang, text in (
        ("de", "Nach dem Spiel lobte Torjäger Teemu Tainio die Fans."),
        ("en", "After the match, striker Teemu Tainio thanked the fans."),
    ):
        nlp = load_base(lang)
        assert nlp.pipe_names.index("sourcetrace_name_lists") > nlp.pipe_names.index("ner")
        assert ("Teemu Tainio", "PER") in [(e.text, e.label_) for e in nlp(text).ents]


def test_month_is_no_place():
    doc = _doc(["Die", "Brücke", "öffnet", "im", "Mai", "."], [(4, 5, "LOC")])
    assert _ents(_component()(doc)) == []
