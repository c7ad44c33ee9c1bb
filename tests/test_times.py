"""Tests of the ``sourcetrace_times`` component on sentences written for them.

Most tests run on tokenizer-only pipelines (``spacy.blank``), which is the weakest setting the component
must handle; one test gives it morphology to check that verb tense is used when the pipeline provides it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
import spacy
from spacy.tokens import Doc

import sourcetrace  # noqa: F401  (registers the factories and extensions)
from sourcetrace.extract.times import calendar as cal
from sourcetrace.extract.times.normalize import NORMALIZERS
from sourcetrace.extract.times.rules import load_grammar
from sourcetrace.extract.types import TimeExpr

BERLIN = timezone(timedelta(hours=2))
FRIDAY = datetime(2025, 8, 15, 16, 38, tzinfo=BERLIN)  # a Friday


def make_nlp(lang: str, style: str = "record"):
    nlp = spacy.blank(lang)
    nlp.add_pipe("sourcetrace_times", config={"style": style})
    return nlp


@pytest.fixture(scope="module")
def de():
    return make_nlp("de")


@pytest.fixture(scope="module")
def de_timeml():
    return make_nlp("de", "timeml")


@pytest.fixture(scope="module")
def en():
    return make_nlp("en")


def times(nlp, text: str, anchor: datetime | None = FRIDAY) -> list[tuple[str, str, str]]:
    doc = nlp.make_doc(text)
    doc._.published = anchor
    doc = nlp(doc)
    return [(t.span.text, t.type, t.value) for t in doc._.times]


def values(nlp, text: str, anchor: datetime | None = FRIDAY) -> dict[str, str]:
    return {span: value for span, _, value in times(nlp, text, anchor)}


# --- the examples of the issue, in sentences of our own ---------------------------------------------------


def test_weekdays_and_relative_years_of_a_friday_article(de):
    text = (
        "Die Ministerin hat am Freitag in Berlin ein neues Gesetz vorgestellt. Der Entwurf war am Donnerstag "
        "im Kabinett beraten worden. Schon im vergangenen Jahr hatte sie eine Reform angekündigt, im April "
        "legte sie Eckpunkte vor. Die jahrzehntelangen Debatten seien damit beendet."
    )
    assert times(de, text) == [
        ("am Freitag", "DATE", "2025-08-15"),
        ("am Donnerstag", "DATE", "2025-08-14"),
        ("im vergangenen Jahr", "DATE", "2024"),
        ("im April", "DATE", "2025-04"),
        ("jahrzehntelangen", "DURATION", "PXDE"),
    ]


def test_explicit_dates_in_usual_forms(de, en):
    found = values(de, "Fristen: am 15.08.2025, am 15. August 1945, ab 15.8. und am 2025-08-15 um acht.")
    assert found == {
        "am 15.08.2025": "2025-08-15",
        "am 15. August 1945": "1945-08-15",
        "15.8.": "2025-08-15",
        "am 2025-08-15": "2025-08-15",
    }
    assert values(en, "The talks ended on August 15, 2025, after the 1945 anniversary.") == {
        "on August 15, 2025": "2025-08-15",
        "1945": "1945",
    }


def test_times_of_day_take_the_date_of_their_sentence(de, en):
    assert times(de, "Die Sitzung begann am 12. März um 16:38 Uhr.") == [
        ("am 12. März", "DATE", "2025-03-12"),
        ("um 16:38 Uhr", "TIME", "2025-03-12T16:38"),
    ]
    assert times(de, "Der Zug fährt um 9 Uhr.") == [("um 9 Uhr", "TIME", "2025-08-15T09:00")]
    assert times(en, "The vote was held at 4:38 p.m. on Tuesday.") == [
        ("at 4:38 p.m. on Tuesday", "TIME", "2025-08-12T16:38")
    ]
    assert times(de, "Stand: 15.08.2025 - 16:38 Uhr") == [
        ("15.08.2025 - 16:38 Uhr", "TIME", "2025-08-15T16:38")
    ]


def test_years_decades_centuries_seasons_quarters(de):
    text = (
        "Die Firma wurde 1998 gegründet, wuchs in den 90er Jahren und in den neunziger Jahren, erlebte im "
        "20. Jahrhundert Krisen und plant im Sommer 2026 sowie im dritten Quartal 2026 neue Werke."
    )
    found = values(de, text)
    assert found["1998"] == "1998"
    assert found["in den 90er Jahren"] == "199"
    assert found["in den neunziger Jahren"] == "199"
    assert found["im 20. Jahrhundert"] == "19"
    assert found["im Sommer 2026"] == "2026-SU"
    assert found["im dritten Quartal 2026"] == "2026-Q3"


def test_parts_of_months_years_and_weeks(de):
    found = values(de, "Ende Juli stieg der Kurs, Anfang 2024 fiel er, Mitte der Woche stand er still.")
    assert found == {"Ende Juli": "2025-07", "Anfang 2024": "2024", "Mitte der Woche": "2025-W33"}


def test_relative_expressions_resolved_against_the_anchor(de):
    found = values(
        de,
        "Gestern tagte der Rat, heute um 10 Uhr stimmt er ab. Vor zwei Wochen gab es Streit, nächste Woche "
        "folgt die Wahl. Letzten Monat sanken die Preise.",
    )
    assert found["Gestern"] == "2025-08-14"
    assert found["heute"] == "2025-08-15"
    assert found["Vor zwei Wochen"] == "2025-W31"
    assert found["nächste Woche"] == "2025-W34"
    assert found["Letzten Monat"] == "2025-07"


def test_weekday_tense_past_narration_takes_the_previous_day(de):
    wednesday = datetime(2025, 8, 13, 9, 0, tzinfo=BERLIN)
    past = "Am Montag hatte die Regierung den Plan vorgestellt."
    future = "Am Montag wird die Regierung den Plan vorstellen."
    assert times(de, past, wednesday) == [("Am Montag", "DATE", "2025-08-11")]
    assert times(de, future, wednesday) == [("Am Montag", "DATE", "2025-08-18")]
    # a modifier decides alone
    assert values(de, "Am kommenden Montag tagt der Rat.", wednesday) == {"Am kommenden Montag": "2025-08-18"}
    assert values(de, "Am vergangenen Montag tagt der Rat.", wednesday) == {
        "Am vergangenen Montag": "2025-08-11"
    }


def test_weekday_tense_from_morphology_when_the_pipeline_has_it():
    nlp = make_nlp("de")
    words = ["Am", "Montag", "tagte", "der", "Rat", "."]
    spaces = [True, True, True, True, False, False]
    pos = ["ADP", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    morphs = ["", "", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", "", "", ""]
    with_morph = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, morphs=morphs)
    without = Doc(nlp.vocab, words=words, spaces=spaces)
    for doc in (with_morph, without):
        doc._.published = FRIDAY
    # "tagte" is no cue word: only the morphology knows it is past; without it the nearest Monday is taken
    assert [t.value for t in nlp(with_morph)._.times] == ["2025-08-11"]
    assert [t.value for t in nlp(without)._.times] == ["2025-08-18"]


def test_durations_sets_and_vague_references(de):
    text = (
        "Seit Jahrzehnten wird gestritten, tagelang wurde verhandelt, zwei Wochen lang gestreikt und drei Jahre "
        "geplant. Der Markt findet jeden Montag statt. Jetzt ist alles anders, bisher galt das nicht, künftig "
        "gilt es."
    )
    found = values(de, text)
    assert found["Jahrzehnten"] == "PXDE"
    assert found["tagelang"] == "PXD"
    assert found["zwei Wochen lang"] == "P2W"
    assert found["drei Jahre"] == "P3Y"
    assert found["jeden Montag"] == "XXXX-WXX-1"
    assert found["Jetzt"] == "PRESENT_REF"
    assert found["bisher"] == "PAST_REF"
    assert found["künftig"] == "FUTURE_REF"
    kinds = {span: kind for span, kind, _ in times(de, text)}
    assert kinds["jeden Montag"] == "SET"
    assert kinds["drei Jahre"] == "DURATION"


def test_without_anchor_what_the_text_fixes_is_kept(de):
    found = values(de, "Am 15. August und am Montag, im vergangenen Jahr und 1945 war es so.", anchor=None)
    assert found == {
        "Am 15. August": "XXXX-08-15",
        "am Montag": "XXXX-WXX-1",
        "im vergangenen Jahr": "XXXX",
        "1945": "1945",
    }


def test_anniversary_counts_from_the_date_it_commemorates(de, en):
    text = "Die Mauer fiel am 9. November 1989. Am Sonntag feiert Berlin den 36. Jahrestag des Mauerfalls."
    found = values(de, text, datetime(2025, 11, 7, tzinfo=BERLIN))
    assert found["den 36. Jahrestag des Mauerfalls"] == "2025-11-09"
    text = "The treaty was signed on March 25, 1957. Leaders met for the 68th anniversary of the Treaty."
    assert (
        values(en, text, datetime(2025, 3, 20, tzinfo=BERLIN))["the 68th anniversary of the Treaty"]
        == "2025-03-25"
    )


def test_anchor_may_be_a_date_or_an_iso_string(de):
    text = "Am Freitag kam er."
    assert (
        values(de, text, date(2025, 8, 15))
        == values(de, text, "2025-08-15T09:00+02:00")
        == {"Am Freitag": "2025-08-15"}
    )


# --- styles ---------------------------------------------------------------------------------------------


def test_timeml_style_follows_the_annotation_conventions(de, de_timeml):
    text = "Vor zwei Wochen kam er am Freitag an."
    assert times(de, text) == [("Vor zwei Wochen", "DATE", "2025-W31"), ("am Freitag", "DATE", "2025-08-15")]
    assert times(de_timeml, text) == [("zwei Wochen", "DURATION", "P2W"), ("Freitag", "DATE", "2025-08-15")]
    assert values(de, "In den vergangenen Jahren stieg die Zahl.") == {
        "In den vergangenen Jahren": "PAST_REF"
    }
    assert values(de_timeml, "In den vergangenen Jahren stieg die Zahl.") == {"den vergangenen Jahren": "PXY"}


def test_unknown_style_is_rejected():
    nlp = spacy.blank("de")
    with pytest.raises(ValueError, match="style"):
        nlp.add_pipe("sourcetrace_times", config={"style": "loose"})


# --- English --------------------------------------------------------------------------------------------


def test_english_relative_expressions(en):
    text = (
        "The company said Thursday that profit in the third quarter rose 5% from a year earlier. Two weeks "
        "ago it had warned investors, and last month it cut jobs. It will report again next week."
    )
    found = values(en, text)
    assert found["Thursday"] == "2025-08-14"
    assert found["in the third quarter"] == "2025-Q3"
    assert found["a year earlier"] == "2024-Q3"  # the quarter just named, a year before
    assert found["Two weeks ago"] == "2025-W31"
    assert found["last month"] == "2025-07"
    assert found["next week"] == "2025-W34"


def test_english_durations_sets_and_references(en):
    found = times(en, "For decades the market opened every Monday; now it opens daily for about two hours.")
    assert ("decades", "DURATION", "PXDE") in found
    assert ("every Monday", "SET", "XXXX-WXX-1") in found
    assert ("now", "DATE", "PRESENT_REF") in found
    assert ("daily", "SET", "P1D") in found
    assert ("about two hours", "DURATION", "PT2H") in found


def test_english_ages_and_counts_are_not_times(en):
    assert times(en, "The 6-year-old boy and 2000 people watched.") == []


# --- the component as a spaCy component ------------------------------------------------------------------


def test_results_are_time_exprs_with_spans_into_the_doc(de):
    doc = de.make_doc("Am Freitag kam er.")
    doc._.published = FRIDAY
    doc = de(doc)
    assert all(isinstance(t, TimeExpr) for t in doc._.times)
    assert doc._.times[0].span.doc is doc
    assert doc._.times[0].span.start_char == 0


def test_empty_and_unsupported_documents_get_an_empty_list(de):
    assert de("")._.times == []
    assert de("Keine Zeitangabe hier.")._.times == []
    other = spacy.blank("xx")  # a language without rules
    other.add_pipe("sourcetrace_times")
    assert other("Le vendredi 15 août.")._.times == []


def test_every_rule_names_a_known_normalizer():
    for lang in ("de", "en"):
        grammar = load_grammar(lang)
        assert grammar.rules
        for rule in grammar.rules:
            assert rule.normalizer in NORMALIZERS, (lang, rule.name)


# --- calendar arithmetic -----------------------------------------------------------------------------------


def test_calendar_helpers():
    friday = date(2025, 8, 15)
    assert cal.resolve_weekday(friday, 4, "past") == date(2025, 8, 14)
    assert cal.resolve_weekday(friday, 5, "past") == friday
    assert cal.resolve_weekday(friday, 5, "last") == date(2025, 8, 8)
    assert cal.resolve_weekday(friday, 1, None) == date(2025, 8, 18)
    assert cal.easter(2025) == date(2025, 4, 20)
    assert cal.nth_weekday(2025, 11, 4, 4) == date(2025, 11, 27)  # Thanksgiving
    assert cal.nth_weekday(2025, 5, -1, 1) == date(2025, 5, 26)  # Memorial Day
    assert cal.at_granularity(friday, "W") == "2025-W33"
    assert cal.at_granularity(friday, "DE") == "202"
    assert cal.duration_value(1.5, "Y") == "P1.5Y"
    assert cal.duration_value(None, "DE") == "PXDE"
    assert cal.resolve_year(friday, 12, None, "past") == 2024
    assert cal.resolve_year(friday, 4, None, None) == 2025


# --- the seed article (needs ../shared) ---------------------------------------------------------------------


@pytest.mark.shared
def test_seed_article_times(shared_dir, de):
    text = (shared_dir / "examples" / "afp-putin-kim-2025-08-15.txt").read_text(encoding="utf-8")
    gold = json.loads(
        (shared_dir / "examples" / "afp-putin-kim-2025-08-15.gold.json").read_text(encoding="utf-8")
    )
    found = times(de, text, datetime.fromisoformat("2025-08-15T16:38+02:00"))
    for item in gold["times"]:  # including the anniversary the gold marks as optional
        assert (item["text"], item["type"], item["value"]) in found, item
