"""The news tokenizer on German and English sentences written for these tests."""

from __future__ import annotations

import pytest
import spacy

from sourcetrace.nlp.tokenizer import news_tokenizer


@pytest.fixture(scope="module")
def de():
    nlp = spacy.blank("de")
    nlp.tokenizer = news_tokenizer(nlp)
    return nlp


@pytest.fixture(scope="module")
def en():
    nlp = spacy.blank("en")
    nlp.tokenizer = news_tokenizer(nlp)
    return nlp


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


def test_german_quote_marks_are_tokens_of_their_own(de):
    text = "Die Ministerin sagte:„Wir bleiben.“ Ihr Sprecher nannte das »falsch«, ein Kollege ‚unklug‘."
    tokens = words(de, text)
    for mark in "„“»«‚‘":
        assert mark in tokens, mark
    assert tokens[:6] == ["Die", "Ministerin", "sagte", ":", "„", "Wir"]
    assert tokens[-4:] == ["‚", "unklug", "‘", "."]
    assert tokens[tokens.index("falsch") + 1 : tokens.index("falsch") + 3] == ["«", ","]


def test_straight_and_reversed_quotes(de):
    assert words(de, 'Er nannte es «gut» und "schlecht".') == [
        "Er", "nannte", "es", "«", "gut", "»", "und", '"', "schlecht", '"', ".",
    ]  # fmt: skip


def test_news_abbreviations_keep_their_period(de):
    tokens = words(
        de, "Das meldete die Agentur l. Bericht Nr. 12: Kosten von 3,5 Mio. Euro und 2 Mrd. Dollar."
    )
    assert "l." in tokens and "Nr." in tokens and "Mio." in tokens and "Mrd." in tokens
    assert tokens[-2:] == ["Dollar", "."]


def test_numbered_without_space(de):
    assert words(de, "Antrag Nr.17 liegt vor.")[:4] == ["Antrag", "Nr.", "17", "liegt"]


def test_dates_stay_whole_and_years_end_sentences(de):
    tokens = words(de, "Am 15.08.2025 und am 3.10. trafen sie sich. Das war im Jahr 2019. Danach nicht mehr.")
    assert "15.08.2025" in tokens and "3.10." in tokens
    assert tokens[tokens.index("2019") + 1] == "."


def test_ordinals(de):
    tokens = words(de, "Zum 80. Geburtstag kam er am 2.Mai im 3. Quartal.")
    assert tokens[:3] == ["Zum", "80.", "Geburtstag"]
    assert tokens[6:8] == ["2.", "Mai"]
    assert "3." in tokens


def test_english_quotes_and_abbreviations(en):
    tokens = words(en, "Rep. Jane Miller said: “We won’t back down.” No. 4 on the list.")
    assert tokens[0] == "Rep." and "“" in tokens and "”" in tokens and "No." in tokens
    assert tokens[tokens.index("“") - 1] == ":"


def test_paragraph_breaks_look_like_a_full_stop_to_the_models(de):
    text = "Die Fähre legte ab.\n\nKapitänin Ida Brandt winkte."
    doc = de(text)
    brk = next(t for t in doc if t.is_space)
    stop = doc.vocab["."]
    assert (brk.norm_, brk.shape_, brk.prefix_, brk.suffix_) == (
        stop.norm_,
        stop.shape_,
        stop.prefix_,
        stop.suffix_,
    )
    assert brk.text == "\n\n" and doc.text == text  # the text and its offsets stay as they are
    assert not doc[0].is_space and doc[0].norm_ == "die"
