"""The quantity component: numbers, hedges, units, ranges and what is counted; dates and years are not counted."""

from __future__ import annotations

import json

import pytest
import spacy

import sourcetrace  # noqa: F401  (registers the component factories)
from sourcetrace.extract.quantities.numerals import parse_digits, word_value
from sourcetrace.extract.types import HEDGES, Quantity, TimeExpr


def _blank(lang: str):
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sourcetrace_quantities")
    return nlp


@pytest.fixture(scope="module")
def de():
    return _blank("de")


@pytest.fixture(scope="module")
def en():
    return _blank("en")


def found(nlp, text: str) -> list[tuple[str, float, str, str | None, str | None]]:
    return [(q.span.text, round(q.value, 2), q.hedge, q.unit, q.what) for q in nlp(text)._.quantities]


# --- numbers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("10.000", "de", 10000),
        ("10,000", "en", 10000),
        ("1,5", "de", 1.5),
        ("1.5", "en", 1.5),
        ("1.5", "de", 1.5),  # English notation in German text
        ("1,5", "en", 1.5),  # German notation in English text
        ("42,195", "de", 42.195),
        ("10,000", "de", 10000),  # three zeros: thousands even in German text
        ("1.234,5", "de", 1234.5),
        ("1,234.5", "en", 1234.5),
        ("10'000", "de", 10000),
        ("1.234.567", "de", 1234567),
        ("0,125", "de", 0.125),
    ],
)
def test_digits_in_german_and_english_notation(text, lang, value):
    assert parse_digits(text, lang) == pytest.approx(value)


def test_malformed_groups_are_no_number():
    assert parse_digits("1.23.4", "de") is None


@pytest.mark.parametrize(
    ("words", "lang", "value"),
    [
        ("zwölf", "de", 12),
        ("dreihundertzwanzig", "de", 320),
        ("twenty-one", "en", 21),
        ("two million", "en", 2e6),
    ],
)
def test_number_words_are_read_by_text2num(words, lang, value):
    assert word_value(words, lang) == value


def test_word_that_is_no_number():
    assert word_value("zweifel", "de") is None


# --- the component on German -----------------------------------------------------------------------------------


def test_hedged_count_with_what(de):
    doc = de("Nach westlichen Angaben wurden mehr als 10.000 Nordkoreaner nach Kursk geschickt.")
    (q,) = doc._.quantities
    assert isinstance(q, Quantity)
    assert (q.span.text, q.value, q.hedge, q.unit, q.what) == (
        "mehr als 10.000",
        10000,
        "more_than",
        None,
        "Nordkoreaner",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Etwa 600 Soldaten wurden verletzt.", ("Etwa 600", 600, "about")),
        ("Rund 2.000 Menschen kamen.", ("Rund 2.000", 2000, "about")),
        ("Knapp 300 Beschäftigte streikten.", ("Knapp 300", 300, "about")),
        ("Über 90 Prozent der Betriebe klagen.", ("Über 90 Prozent", 90, "more_than")),
        ("Weniger als 5 Prozent sind geimpft.", ("Weniger als 5 Prozent", 5, "less_than")),
        ("Mindestens 48 Menschen starben.", ("Mindestens 48", 48, "at_least")),
        ("Bis zu 1.500 Stellen fallen weg.", ("Bis zu 1.500", 1500, "at_most")),
        ("Höchstens 3 Prozent sind erlaubt.", ("Höchstens 3 Prozent", 3, "at_most")),
        ("Zwölf Verletzte wurden gezählt.", ("Zwölf", 12, "exact")),
    ],
)
def test_german_hedges(de, text, expected):
    (q,) = de(text)._.quantities
    assert (q.span.text, q.value, q.hedge) == expected
    assert q.hedge in HEDGES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tausende Menschen säumten die Straßen.", ("Tausende", 1000, "vague", None, "Menschen")),
        ("Dutzende Demonstranten wurden festgenommen.", ("Dutzende", 12, "vague", None, "Demonstranten")),
        ("Zehntausende Menschen flohen.", ("Zehntausende", 10000, "vague", None, "Menschen")),
        ("Der Verein hat mehrere Hundert Mitglieder.", ("mehrere Hundert", 100, "vague", None, "Mitglieder")),
        (
            "Der Schaden beträgt mehrere Millionen Euro.",
            ("mehrere Millionen Euro", 1e6, "vague", "EUR", None),
        ),
    ],
)
def test_vague_counts(de, text, expected):
    assert found(de, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mehr als die Hälfte der Befragten stimmte zu.",
            ("Mehr als die Hälfte", 50, "more_than", "%", "Befragten"),
        ),
        ("Zwei Drittel der Deutschen sind dafür.", ("Zwei Drittel", 66.67, "exact", "%", "Deutschen")),
        ("Die Quote lag bei 3,5 Prozent.", ("3,5 Prozent", 3.5, "exact", "%", None)),
        (
            "Jeder fünfte Beschäftigte arbeitet in Teilzeit.",
            ("Jeder fünfte", 20, "exact", "%", "Beschäftigte"),
        ),
        ("Sechs von zehn Befragten sind zufrieden.", ("Sechs von zehn", 60, "exact", "%", "Befragten")),
        ("Die Partei verlor 2,3 Prozentpunkte.", ("2,3 Prozentpunkte", 2.3, "exact", "pp", None)),
    ],
)
def test_shares_are_percent(de, text, expected):
    assert found(de, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zwischen 300 und 400 Soldaten nehmen teil.",
            ("Zwischen 300 und 400", 300, "at_least", None, "Soldaten"),
        ),
        (
            "Man rechnet mit 20.000 bis 25.000 Teilnehmern.",
            ("20.000 bis 25.000", 20000, "at_least", None, "Teilnehmern"),
        ),
        (
            "Circa 10 bis 15 Prozent der Patienten erkranken.",
            ("Circa 10 bis 15 Prozent", 10, "about", "%", "Patienten"),
        ),
        (
            "Es fehlen zwei bis drei Millionen Euro.",
            ("zwei bis drei Millionen Euro", 2e6, "at_least", "EUR", None),
        ),
    ],
)
def test_ranges_are_the_lower_bound(de, text, expected):
    assert found(de, text) == [expected]


def test_a_change_is_two_quantities(de):
    assert found(de, "Die Grünen fielen von 20 auf 16 Prozent.") == [
        ("20", 20, "exact", "%", None),
        ("16 Prozent", 16, "exact", "%", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Bund stellt 2,5 Milliarden Euro bereit.", ("2,5 Milliarden Euro", 2.5e9, "exact", "EUR", None)),
        (
            "Die Gemeinde rechnet mit Kosten von knapp 4 Mio. Euro.",
            ("knapp 4 Mio. Euro", 4e6, "about", "EUR", "Kosten"),
        ),
        ("Der Tanker hatte 80.000 Tonnen Rohöl geladen.", ("80.000 Tonnen", 80000, "exact", "t", "Rohöl")),
        ("Die Strecke ist 14 Kilometer lang.", ("14 Kilometer", 14, "exact", "km", None)),
        ("Es wurde minus 15 Grad kalt.", ("minus 15 Grad", -15, "exact", "°C", None)),
        ("Er verlangt 10'000 Franken.", ("10'000 Franken", 10000, "exact", "CHF", None)),
    ],
)
def test_money_and_units(de, text, expected):
    assert found(de, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Japan hatte am 15. August 1945 kapituliert.",
        "Von afp 15.08.2025 - 16:38 Uhr Lesedauer: 2 Min.",
        "Die Delegation besuchte das Land anlässlich des 80. Jahrestags der Befreiung.",
        "Seit 2015 ist das so, und 2024 war es nicht anders.",
        "Die Sitzung begann um 9.30 Uhr und dauerte drei Stunden.",
        "Der 56-Jährige wurde zu sieben Jahren Haft verurteilt.",
        "Nach Artikel 5 des Vertrags und auf Platz 3 der Liste.",
        "Das Spiel endete 2:1.",
        "Eine Woche später kam ein Brief von einer Behörde.",
        "Beide Länder unterzeichneten den Vertrag zum ersten Mal.",
        "Die Zeugin Anna M. (45) sagte aus.",
        "Das Konzept Industrie 4.0 ist bekannt.",
        "Bis 22.15 läuft der Film, danach um 23.40 die Nachrichten.",
        "Hinweise unter 0512 59 3100 an die Polizei.",
        "So nehmen Sie teil: 1) Sie schicken eine E-Mail.",
        "In der zweiten Hälfte kontrollierte der Gastgeber das Spiel.",
        "Im Alter von 80 zog er sich zurück.",
    ],
)
def test_times_ordinals_and_labels_are_no_quantities(de, text):
    assert de(text)._.quantities == []


def test_year_before_a_noun_is_a_count(de):
    assert found(de, "Im Jahr 2023 kamen rund 1900 Soldaten.") == [
        ("rund 1900", 1900, "about", None, "Soldaten")
    ]


def test_elliptic_number_borrows_what(de):
    doc = de("Etwa 600 Nordkoreaner wurden getötet und Tausende verletzt.")
    assert [(q.span.text, q.what) for q in doc._.quantities] == [
        ("Etwa 600", "Nordkoreaner"),
        ("Tausende", "Nordkoreaner"),
    ]


def test_amount_of_gives_what(de):
    assert found(de, "Die Zahl der Toten stieg auf über 200.")[0][4] == "Toten"


def test_numbers_inside_time_spans_are_skipped(de):
    doc = de.make_doc("Rund 300 Menschen kamen 1990 und 1900 Soldaten.")
    doc._.times = [TimeExpr(span=doc[6:7], type="DATE", value="1900")]  # pretend a time covers "1900"
    for _, proc in de.pipeline:
        doc = proc(doc)
    assert [q.span.text for q in doc._.quantities] == ["Rund 300"]


def test_times_can_be_ignored_by_config():
    nlp = spacy.blank("de")
    nlp.add_pipe("sourcetrace_quantities", config={"respect_times": False})
    doc = nlp.make_doc("Es kamen 1900 Soldaten.")
    doc._.times = [TimeExpr(span=doc[2:3], type="DATE", value="1900")]
    doc = nlp.get_pipe("sourcetrace_quantities")(doc)
    assert [q.value for q in doc._.quantities] == [1900]


def test_always_a_list(de):
    assert de("")._.quantities == []
    assert de("Keine Zahlen hier.")._.quantities == []
    nl = spacy.blank("nl")
    nl.add_pipe("sourcetrace_quantities")
    assert nl("Er waren 300 mensen.")._.quantities == []


# --- English ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 2,000 people were evacuated.", ("More than 2,000", 2000, "more_than", None, "people")),
        ("At least 37 people were killed.", ("At least 37", 37, "at_least", None, "people")),
        ("Up to 500 workers could lose their jobs.", ("Up to 500", 500, "at_most", None, "workers")),
        ("Some 1,500 troops will be deployed.", ("Some 1,500", 1500, "about", None, "troops")),
        ("Thousands of protesters gathered.", ("Thousands", 1000, "vague", None, "protesters")),
        ("Tens of thousands of people fled.", ("Tens of thousands", 10000, "vague", None, "people")),
        ("Nearly half of all voters were undecided.", ("Nearly half", 50, "about", "%", "voters")),
        ("Two-thirds of respondents agreed.", ("Two-thirds", 66.67, "exact", "%", "respondents")),
        ("One in five children lives in poverty.", ("One in five", 20, "exact", "%", "children")),
        ("The government will spend £4bn.", ("£4bn", 4e9, "exact", "GBP", None)),
        ("It lost $1.2 billion.", ("$1.2 billion", 1.2e9, "exact", "USD", None)),
        ("More than 600 North Koreans died.", ("More than 600", 600, "more_than", None, "North Koreans")),
        ("Twenty-three miners were trapped.", ("Twenty-three", 23, "exact", None, "miners")),
        (
            "More than half a million people signed.",
            ("More than half a million", 5e5, "more_than", None, "people"),
        ),
        (
            "Between 40 and 60 percent of the crop was lost.",
            ("Between 40 and 60 percent", 40, "at_least", "%", "crop"),
        ),
        ("Only two out of 10 claims were accepted.", ("two out of 10", 20, "exact", "%", "claims")),
    ],
)
def test_english(en, text, expected):
    assert found(en, text) == [expected]


def test_english_change_is_not_a_range(en):
    spans = [q.span.text for q in en("Inflation rose by 0.4 percentage points to 2.6 percent.")._.quantities]
    assert spans == ["0.4 percentage points", "2.6 percent"]


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed on 9 November 1989 in Berlin.",
        "She was sentenced to 12 years in prison.",
        "The 80th anniversary was marked.",
        "The meeting starts at 10.30am.",
        "Flight 302 crashed after take-off.",
        "A 45-year-old man and one of them.",
        "In 2022 the country changed course.",
        "Results in a third quarter were weak.",
        "The musician died aged 62 in London.",
        "The show is aimed at children from the age of eight.",
        "The channel BBC Three and the film Ocean's Eleven.",
        "Mr Ebbers, 63, has always insisted he is innocent.",
    ],
)
def test_english_non_quantities(en, text):
    assert en(text)._.quantities == []


# --- the full pipeline and the seed article ----------------------------------------------------------------------


def test_full_pipeline_does_not_count_dates(nlp_de):
    doc = nlp_de("Am 15. August 1945 kapitulierte Japan, mehr als 10.000 Soldaten ergaben sich.")
    assert [(q.span.text, q.hedge) for q in doc._.quantities] == [("mehr als 10.000", "more_than")]


def test_seed_article(shared_dir, nlp_de):
    base = shared_dir / "examples" / "afp-putin-kim-2025-08-15"
    gold = json.loads(base.with_suffix(".gold.json").read_text(encoding="utf-8"))["quantities"]
    doc = nlp_de(base.with_suffix(".txt").read_text(encoding="utf-8"))
    got = [(round(q.value), q.hedge) for q in doc._.quantities]
    assert got == [(g["value"], g["hedge"]) for g in gold]
    for q, g in zip(doc._.quantities, gold, strict=True):
        assert q.span.text in g["text"] or g["text"] in q.span.text


# --- who claims a number (filled by sourcetrace_attribution) --------------------------------------------------


def sources(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(q.span.text, q.source_name) for q in nlp(text)._.quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the noun that makes the phrase a source is no part of the source's name
        ("Nach Angaben der Stadt wurden im Park 40 Bäume gefällt.", [("40", "Stadt")]),
        ("Laut Angaben von Greenpeace liefen 300 Tonnen Öl ins Meer.", [("300 Tonnen", "Greenpeace")]),
        # a source met in the genitive is named in the nominative
        (
            "Nach Angaben des Innenministeriums wurden 45 Personen festgenommen.",
            [("45", "Innenministerium")],
        ),
        (
            "Nach Angaben des Robert Koch-Instituts gab es 1.800 neue Fälle.",
            [("1.800", "Robert Koch-Institut")],
        ),
    ],
)
def test_source_named_without_the_cue_noun(nlp_de, text, expected):
    assert sources(nlp_de, text) == expected


def test_according_to_phrase_does_not_swallow_the_figure(nlp_de):
    # a misparse hangs "auf über 150" on "Angaben der Feuerwehr": the figure still has the source
    text = "Die Zahl der Verletzten stieg nach Angaben der Feuerwehr auf über 150."
    doc = nlp_de(text)
    assert [(q.hedge, q.source_name) for q in doc._.quantities] == [("more_than", "Feuerwehr")]
    assert [st.speaker_mention.text for st in doc._.statements] == ["Angaben der Feuerwehr"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nach Angaben der Stadt kamen rund 5.000 Besucher zum Fest, die Veranstalter sprachen von 9.000.",
            [("Stadt", "about"), ("Veranstalter", "exact")],
        ),
        (
            "Nach Darstellung der Regierung wurden 14 Soldaten verwundet; die Rebellen sprachen von 60 Toten.",
            [("Regierung", "exact"), ("Rebellen", "exact")],
        ),
    ],
)
def test_a_second_speaker_in_the_sentence_claims_its_own_figure(nlp_de, text, expected):
    doc = nlp_de(text)
    assert [(q.source_name, q.hedge) for q in doc._.quantities] == expected
    assert len({q.statement for q in doc._.quantities}) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bei dem Brand wurden nach Angaben der Feuerwehr 14 Menschen verletzt. Drei von ihnen schweben "
            "in Lebensgefahr.",
            [("14", "Feuerwehr"), ("Drei", "Feuerwehr")],
        ),
        (
            "Die Polizei meldete am Abend 250 Festnahmen. Darunter seien 30 Jugendliche.",
            [("250", "Polizei"), ("30", "Polizei")],
        ),
        # no word that ties the figures together: the second one has no source
        (
            "Nach Angaben der Feuerwehr wurden 14 Menschen verletzt. Das Stadion fasst 40.000 Zuschauer.",
            [("14", "Feuerwehr"), ("40.000", None)],
        ),
        # a new paragraph is a new report
        (
            "Nach Angaben der Feuerwehr wurden 14 Menschen verletzt.\n\nWeitere 30 Läufer gingen am Abend an "
            "den Start.",
            [("14", "Feuerwehr"), ("30", None)],
        ),
    ],
)
def test_the_next_sentence_of_the_same_report(nlp_de, text, expected):
    assert sources(nlp_de, text) == expected


def test_a_figure_in_the_speakers_phrase_is_not_their_claim(nlp_de):
    doc = nlp_de("Acht von zehn Befragten halten die neue Regel für falsch.")
    assert [(q.value, q.source_name) for q in doc._.quantities] == [(80, None)]
