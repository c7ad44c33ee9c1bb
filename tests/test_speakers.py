"""Who a speaker mention names: organisations named with their head noun, names that only modify a role,
spokespeople who speak for their organisation (German and English sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.pipelines import pipeline


@pytest.fixture(scope="module")
def de():
    return pipeline("de")


@pytest.fixture(scope="module")
def en():
    return pipeline("en")


def speakers(nlp, text: str) -> list[str]:
    return [s.speaker_name for s in nlp(text)._.statements]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Deichverband Nordfriesland warnte, das Wasser steige weiter.", "Deichverband Nordfriesland"),
        ("Der Landkreis Harburg teilte mit, die Kreisstraße bleibe gesperrt.", "Landkreis Harburg"),
        ("Ein Sprecher von Siemens sagte, man prüfe den Vorfall.", "Siemens"),
        ("Kanzler Olaf Scholz sagte, man werde den Ländern helfen.", "Olaf Scholz"),
        ("Die Nachrichtenagentur Reuters meldete, der Hafen sei geschlossen.", "Reuters"),
    ],
)
def test_german_speaker_names(de, text: str, speaker: str) -> None:
    assert speakers(de, text) == [speaker]


def test_a_place_that_modifies_a_role_is_not_the_speaker(de) -> None:
    alone = speakers(de, "Der Bürgermeister von Hamburg sagte, die Brücke sei sicher.")
    assert alone == ["Bürgermeister von Hamburg"]
    known = speakers(
        de,
        "Hamburgs Bürgermeister Peter Tschentscher besuchte die Baustelle. "
        "Der Bürgermeister von Hamburg sagte, die Brücke sei sicher.",
    )
    assert known == ["Peter Tschentscher"]


def test_english_speaker_names(en) -> None:
    assert speakers(en, "The mayor of London said the bridge was safe.") == ["mayor of London"]
    assert speakers(en, "A spokeswoman for Siemens said the case was being reviewed.") == ["Siemens"]


def test_a_speaker_at_the_start_of_a_paragraph(de) -> None:
    text = (
        "Von dpa 12.03.2026 - 14:05 Uhr Lesedauer: 2 Min.\n\n"
        "Hafenchefin Marlene Voss (r.) bei der Eröffnung: „Das ist ein guter Tag für die ganze Region.“\n\n"
        "Der Kieler Hafen hat am Mittwoch einen neuen Fähranleger in Betrieb genommen."
    )
    # the paragraph break before the caption must not hide the name from the tagger and the recogniser
    assert speakers(de, text)[0] == "Marlene Voss"


def test_title_inside_the_person_entity_is_not_the_name(en) -> None:
    """The recognizer may take the title into the person ("Mayor Ada Okafor"): the name drops it."""
    doc = en("Harbour Mayor Ada Okafor said the ferry would sail again in May.")
    assert [s.speaker_name for s in doc._.statements] == ["Ada Okafor"]
    assert "May" not in [e.text for e in doc.ents]
