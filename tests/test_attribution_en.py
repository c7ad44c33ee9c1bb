"""English attribution rules (``sourcetrace_attribution`` with ``lang=en``) on sentences written for the tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sourcetrace.extract.attribution.en import _regular_forms


@pytest.fixture(scope="module")
def find(nlp_en):
    component = nlp_en.get_pipe("sourcetrace_attribution")

    def run(text: str):
        doc = nlp_en(text)
        rows = []
        for a in component.find(doc):
            rows.append(
                {
                    "cue": " ".join(doc[i].text for i in a.cue),
                    "speaker": doc[a.speaker[0] : a.speaker[1]].text if a.speaker else None,
                    "content": doc[a.content[0] : a.content[1]].text,
                    "message": doc[min(a.message) : max(a.message) + 1].text,
                    "kind": a.kind,
                    "relays": [doc[s:e].text for s, e in a.relays],
                    "source_span": doc[a.source_span[0] : a.source_span[1]].text if a.source_span else None,
                }
            )
        return rows, doc

    return run


def one(rows):
    assert len(rows) == 1, rows
    return rows[0]


def test_regular_forms():
    assert _regular_forms("note") == {"note": "base", "notes": "pres", "noted": "past", "noting": "ing"}
    assert _regular_forms("deny")["denies"] == "pres"
    assert _regular_forms("stress")["stresses"] == "pres"


def test_x_said_that_clause(find):
    rows, _ = find("The harbour master said that the ferry would resume service within a week.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("said", "The harbour master")
    assert a["content"] == "that the ferry would resume service within a week"
    assert a["kind"] == "indirect"


def test_x_said_bare_clause_and_aux(find):
    rows, _ = find("Councillor Maria Obi has said the bridge repairs were badly planned.")
    a = one(rows)
    assert a["cue"] == "has said"
    assert a["speaker"] == "Councillor Maria Obi"
    assert a["content"] == "the bridge repairs were badly planned"


def test_inversion_with_apposition(find):
    rows, _ = find("“We will not close the school,” said Tom Reyes, the head of the district board.")
    a = one(rows)
    assert a["cue"] == "said"
    assert a["speaker"] == "Tom Reyes"
    assert a["source_span"] == "Tom Reyes, the head of the district board"
    assert a["content"] == "We will not close the school,"
    assert a["kind"] == "direct"


def test_told_reporters(find):
    rows, _ = find("The coach told reporters the team had trained badly all week.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("told", "The coach")
    assert a["content"] == "the team had trained badly all week"


def test_according_to_front_and_back(find):
    rows, _ = find(
        "According to the port authority, the tanker left at dawn. The cargo was undamaged, according to the insurer."
    )
    assert [(r["cue"], r["speaker"], r["content"]) for r in rows] == [
        ("According to", "the port authority", "the tanker left at dawn"),
        ("according to", "the insurer", "The cargo was undamaged"),
    ]
    assert all(r["kind"] == "according_to" or r["kind"] == "indirect" for r in rows)


def test_said_in_a_statement(find):
    rows, _ = find("The bakery chain said in a statement that it would close four stores.")
    a = one(rows)
    assert a["cue"] == "said in a statement"
    assert a["content"] == "that it would close four stores"


@pytest.mark.parametrize("verb", ["claimed", "warned", "added"])
def test_other_speech_verbs(find, verb):
    rows, _ = find(f"The union {verb} that the new shifts were unsafe.")
    a = one(rows)
    assert (a["cue"], a["speaker"], a["content"]) == (verb, "The union", "that the new shifts were unsafe")


def test_post_posed_cue_with_pronoun(find):
    rows, _ = find("The tunnel will open in spring, she said.")
    a = one(rows)
    assert (a["cue"], a["speaker"], a["content"]) == ("said", "she", "The tunnel will open in spring")


def test_noun_phrase_content(find):
    rows, _ = find("The mayor criticized the transport plan.")
    a = one(rows)
    assert (a["cue"], a["speaker"], a["content"]) == ("criticized", "The mayor", "the transport plan")


def test_title_speaker_with_preposition(find):
    rows, _ = find("The ward will reopen next month, a spokeswoman for the hospital said on Tuesday.")
    a = one(rows)
    assert a["speaker"] == "a spokeswoman for the hospital"
    assert a["content"] == "The ward will reopen next month"


def test_quote_split_by_cue(find):
    rows, _ = find("“The river is rising,” the warden said, “and the road will be shut tonight.”")
    a = one(rows)
    assert a["speaker"] == "the warden"
    assert a["message"].startswith("“The river is rising,”") and a["message"].endswith("shut tonight.”")


def test_single_curly_quotes(find):
    rows, _ = find("‘We are ready for the vote,’ the chairman said.")
    a = one(rows)
    assert (a["speaker"], a["content"]) == ("the chairman", "We are ready for the vote,")


def test_colon_quote(find):
    rows, _ = find("The minister said: “Nobody will lose their pension.”")
    a = one(rows)
    assert a["content"] == "Nobody will lose their pension."
    assert a["kind"] == "direct"


def test_multi_paragraph_quote(find):
    text = (
        "The engineer said: “The first test went well.\n\n"
        "“The second one will take place in June, if the weather holds.”\n\n"
        "The company did not comment."
    )
    rows, doc = find(text)
    a = rows[0]
    assert a["speaker"] == "The engineer"
    assert "June" in a["content"] and a["content"].startswith("The first test")
    assert len(rows) == 1


def test_continuation_quote_keeps_speaker(find):
    rows, _ = find("“The levee held,” the sheriff said.\n\n“We were lucky this time, and we know it.”")
    assert len(rows) == 2
    assert rows[1]["speaker"] == "the sheriff" and rows[1]["cue"] == ""
    assert rows[1]["content"] == "We were lucky this time, and we know it."


def test_coordinated_cues(find):
    rows, _ = find("Gordon Reid said the nets were damaged and warned that talks were too slow.")
    assert [(r["cue"], r["speaker"]) for r in rows] == [("said", "Gordon Reid"), ("warned", "Gordon Reid")]
    assert rows[0]["content"] == "the nets were damaged"
    assert rows[1]["content"] == "that talks were too slow"


def test_nested_cue_is_not_a_statement(find):
    rows, _ = find("The senator said she thinks the budget is too small.")
    a = one(rows)
    assert a["content"] == "she thinks the budget is too small"


def test_relay_citing(find):
    rows, _ = find("The border was closed overnight, Reuters reported, citing state media.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("reported", "state media")
    assert a["relays"] == ["Reuters"]
    assert a["content"] == "The border was closed overnight"


def test_citing_a_reason_is_no_source(find):
    rows, _ = find("The senator said she would vote against the bill, citing its high cost.")
    a = one(rows)
    assert a["speaker"] == "The senator"
    assert a["content"] == "she would vote against the bill"


def test_dateline_is_not_content(find):
    rows, _ = find("OSLO (Reuters) - The ferry strike ended on Monday, the union said.")
    a = one(rows)
    assert a["content"] == "The ferry strike ended on Monday"


def test_no_statement_in_narration(find):
    rows, _ = find("The United States sent two ships to the port. Reported cases fell in May.")
    assert rows == []


def test_record_speaker_and_quantity_source(nlp_en):
    doc = nlp_en("The plant employs about 300 people, according to the company.")
    assert [s.kind for s in doc._.statements] == ["according_to"]
    st = doc._.statements[0]
    assert st.cue.text == "according to"
    if doc._.quantities:
        assert doc._.quantities[0].statement == st.id


def test_polnear_reader_and_scorer(shared_dir):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import polnear

    path = shared_dir / "data" / "polnear" / "dev.jsonl.xz"
    if not path.exists():
        pytest.skip("PolNeAR dev split not present")
    articles = polnear.read(path, limit=3)
    assert len(articles) == 3 and all(a.attributions for a in articles)
    from sourcetrace.nlp.pipelines import load_base

    nlp = load_base("en")
    doc = nlp.make_doc(articles[0].text)
    tmap = polnear.TokenMap(doc)
    gold = list(polnear.gold_triples(articles[0], tmap))
    scores = polnear.Scores()
    scores.add_doc(gold, gold)
    assert scores.exact["cue"].f1 == 1.0 and scores.whole_overlap.f1 == 1.0
    empty = polnear.Scores()
    empty.add_doc([], gold)
    assert empty.overlap["content"].r == 0.0


def test_parsed_subject_and_clausal_complement(nlp_en):
    """With a dependency parse the speaker is the verb's subject and the content its clausal complement."""
    from spacy.tokens import Doc

    from sourcetrace.extract.attribution import lexicon
    from sourcetrace.extract.attribution.en import EnglishRules

    words = [
        "Ms.",
        "Lee",
        ",",
        "the",
        "clerk",
        ",",
        "told",
        "us",
        "that",
        "the",
        "vote",
        "failed",
        ",",
        "a",
        "blow",
        ".",
    ]
    heads = [1, 6, 4, 4, 1, 1, 6, 6, 11, 10, 11, 6, 14, 14, 6, 6]
    deps = [
        "compound",
        "nsubj",
        "punct",
        "det",
        "appos",
        "punct",
        "ROOT",
        "iobj",
        "mark",
        "det",
        "nsubj",
        "ccomp",
    ]
    deps += ["punct", "det", "obj", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PRON", "SCONJ", "DET", "NOUN", "VERB"]
    pos += ["PUNCT", "DET", "NOUN", "PUNCT"]
    spaces = [
        True,
        False,
        True,
        True,
        False,
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        True,
        True,
        False,
        False,
    ]
    doc = Doc(nlp_en.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    found = EnglishRules(lexicon.load("en")).find(doc)
    assert len(found) == 1
    a = found[0]
    assert doc[a.speaker[0] : a.speaker[1]].text == "Ms. Lee"
    assert doc[a.source_span[0] : a.source_span[1]].text == "Ms. Lee, the clerk"
    assert doc[a.content[0] : a.content[1]].text == "that the vote failed"


def test_straight_single_quotes_and_apostrophes(find):
    rows, _ = find(
        "'We will win the vote,' the chairman said. The players' union said it was 'deeply worried'."
    )
    assert [(r["speaker"], r["kind"]) for r in rows] == [
        ("the chairman", "direct"),
        ("The players' union", "mixed"),
    ]
    assert rows[0]["content"] == "We will win the vote,"


def test_according_to_relay_after_a_statement(find):
    rows, _ = find("The army said the missile flew 800 kilometres, according to KCNA.")
    a = one(rows)
    assert (a["speaker"], a["content"], a["relays"]) == (
        "The army",
        "the missile flew 800 kilometres",
        ["KCNA"],
    )


def test_passive_agent_is_the_source(find):
    rows, _ = find("The budget was rejected by the city council on Tuesday.")
    a = one(rows)
    assert (a["cue"], a["speaker"], a["content"]) == ("was rejected by", "the city council", "The budget")


def test_preposition_joins_the_cue(find):
    rows, _ = find("The coach said of his rival that he was a fine tactician.")
    a = one(rows)
    assert a["cue"] == "said of"
    assert a["speaker"] == "The coach"


def test_intention_verb_with_infinitive(find):
    rows, _ = find("The harbour authority wants to close the old pier before the winter storms.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("wants", "The harbour authority")
    assert a["content"] == "to close the old pier before the winter storms"


def test_noun_cue_with_possessive_source(find):
    rows, _ = find("The council's criticism of the new parking rules surprised the shop owners.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("criticism of", "The council's")
    assert a["content"] == "the new parking rules"


def test_noun_cue_with_pronoun_and_infinitive(find):
    rows, _ = find("Residents were angry about his decision not to reopen the library.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("decision", "his")
    assert a["content"] == "not to reopen the library"


def test_noun_cue_with_agent_and_that_clause(find):
    rows, _ = find("The suggestion by a local farmer that the river should be moved was not popular.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("suggestion", "a local farmer")
    assert a["content"] == "that the river should be moved"


def test_noun_cue_needs_a_source(find):
    rows, _ = find("The support for the new stadium was never very strong.")
    assert rows == []


def test_speaker_with_age_and_apposition(find):
    rows, _ = find(
        "Ruth Adeyemi, 54, a retired nurse from Leeds, said the clinic had been closed for months."
    )
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("said", "Ruth Adeyemi")
    assert a["source_span"] == "Ruth Adeyemi, 54, a retired nurse from Leeds"
    assert a["content"] == "the clinic had been closed for months"


# ---------------------------------------------------------------- relay chains in the record


@pytest.fixture(scope="module")
def statements(nlp_en):
    def run(text: str):
        doc = nlp_en(text)
        return [(s.kind, s.speaker_name, [r.name for r in s.via], s.content.text) for s in doc._.statements]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two bridges collapsed after the storm, Reuters reported, citing witnesses.",
            ("witnesses", ["Reuters"], "Two bridges collapsed after the storm"),
        ),
        (
            "The rocket failed shortly after launch, South Korean media reported, citing the military.",
            ("military", ["South Korean media"], "The rocket failed shortly after launch"),
        ),
        (
            "Citing hospital sources, the BBC said four nurses had been injured.",
            ("hospital sources", ["BBC"], "four nurses had been injured"),
        ),
        (
            "State media reported, citing local officials, that the dam had held.",
            ("local officials", ["State media"], "that the dam had held"),
        ),
    ],
)
def test_cited_source_speaks_through_the_reporter(statements, text, expected):
    rows = statements(text)
    assert len(rows) == 1, rows
    assert rows[0][1:] == expected


def test_reporter_noun_phrase_keeps_its_head(statements):
    rows = statements("The ferry sank near the coast, South Korean media reported.")
    assert [r[1] for r in rows] == ["South Korean media"]
    rows = statements("Local officials said the ferry had sunk near the coast.")
    assert [r[1] for r in rows] == ["Local officials"]


def test_according_to_stays_a_relay_or_a_source(statements):
    assert statements("The navy said the ship carried 40 sailors, according to Reuters.") == [
        ("indirect", "navy", ["Reuters"], "the ship carried 40 sailors")
    ]
    assert statements("According to KCNA, Kim visited a tractor plant.") == [
        ("according_to", "KCNA", [], "Kim visited a tractor plant")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The governor told Reuters the plant would close in March.",
            ("governor", ["Reuters"], "the plant would close in March"),
        ),
        (
            "The coach said in an interview with the BBC that he would stay.",
            ("coach", ["BBC"], "that he would stay"),
        ),
        (
            "Kim pledged to expand the navy, in comments carried by KCNA.",
            ("Kim", ["KCNA"], "to expand the navy"),
        ),
        (
            "The ministry said in a statement carried by the state news agency that the tests were routine.",
            ("ministry", ["state news agency"], "that the tests were routine"),
        ),
    ],
)
def test_channel_is_a_relay(statements, text, expected):
    rows = statements(text)
    assert len(rows) == 1, rows
    assert rows[0][1:] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The admiral was quoted by Yonhap as saying the exercise would go ahead.",
        "Yonhap quoted the admiral as saying the exercise would go ahead.",
    ],
)
def test_quoted_as_saying(statements, text):
    rows = statements(text)
    assert len(rows) == 1, rows
    assert rows[0][1:] == ("admiral", ["Yonhap"], "the exercise would go ahead")


def test_told_reporters_is_no_relay(statements):
    rows = statements("The mayor told reporters that the bridge would reopen.")
    assert [(r[1], r[2]) for r in rows] == [("mayor", [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The governor said the levee would be rebuilt by spring, the Associated Press reported.",
            ("governor", ["Associated Press"], "the levee would be rebuilt by spring"),
        ),
        (
            "Kim told the workers that their factory was a model for the nation, state media reported.",
            ("Kim", ["state media"], "that their factory was a model for the nation"),
        ),
    ],
)
def test_a_reporter_after_a_whole_statement_relays_it(statements, text, expected):
    rows = statements(text)
    assert len(rows) == 1, rows
    assert rows[0][1:] == expected


def test_a_reporter_after_a_plain_clause_is_its_speaker(statements):
    rows = statements("The levee will be rebuilt by spring, the Associated Press reported.")
    assert [r[1:] for r in rows] == [("Associated Press", [], "The levee will be rebuilt by spring")]


def test_word_both_verb_and_statement_noun(find):
    """'tweet' and 'email' are verb cues and statement nouns at once: both readings work."""
    rows, _ = find("“The ferry will sail again on Monday,” the harbour master tweeted.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("tweeted", "the harbour master")
    rows, _ = find("The harbour master said in an email that the ferry would sail again on Monday.")
    a = one(rows)
    assert a["cue"] == "said in an email"
    assert a["content"] == "that the ferry would sail again on Monday"


def test_outlet_reports_that(find):
    """'reports' read as a plural noun by the tagger still is the cue between a name and 'that'."""
    rows, _ = find("Radio Kestrel reports that the ferry was sold to a shipping company in Oslo.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("reports", "Radio Kestrel")
    assert a["content"] == "that the ferry was sold to a shipping company in Oslo"


def test_speaker_before_an_inserted_adverb(find):
    rows, _ = find("Opponents of the harbour plan, however, say it would ruin the old waterfront.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("say", "Opponents of the harbour plan")
    assert a["content"] == "it would ruin the old waterfront"


def test_parenthetical_cue_with_coordinated_subject_after(find):
    rows, _ = find("Today, she said, the fishermen and the ferry crews hardly speak to each other.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("said", "she")
    assert "the fishermen and the ferry crews hardly speak to each other" in a["message"]


def test_hearsay_adverb_names_nobody(find):
    rows, _ = find("The shipyard has reportedly turned down two offers from foreign investors.")
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("reportedly", None)
    assert a["content"] == "The shipyard has reportedly turned down two offers from foreign investors"


def test_poll_as_the_source(find):
    rows, _ = find(
        "In a Harbour Gazette poll last week, 61 percent of residents had never crossed the old bridge."
    )
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("In", "a Harbour Gazette poll last week")
    assert a["content"] == "61 percent of residents had never crossed the old bridge"
    # a poll merely mentioned is no source
    rows, _ = find("In part because of the poll, 61 percent of residents had never crossed the old bridge.")
    assert rows == []


def test_surname_ending_in_ing_is_a_speaker(find):
    rows, _ = find("“The ferry is late again,” Keeling said. “Nobody told us why.”")
    assert [(a["cue"], a["speaker"]) for a in rows] == [("said", "Keeling"), ("", "Keeling")]


def test_adjunct_after_a_parenthetical_cue_is_not_content(find):
    rows, _ = find(
        "The new ferry line opened on Monday, its operator said, three years after the old pier was closed."
    )
    a = one(rows)
    assert (a["cue"], a["speaker"]) == ("said", "its operator")
    assert a["message"] == "The new ferry line opened on Monday"
