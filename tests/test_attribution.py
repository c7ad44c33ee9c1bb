"""Tests of the attribution component on German sentences written for each construction it handles."""

from __future__ import annotations

import pytest
import spacy

from sourcetrace.extract.attribution import lexicon
from sourcetrace.extract.attribution.quotes import find_quotes
from sourcetrace.extract.types import Quantity


@pytest.fixture(scope="module")
def nlp_de():
    """The base German pipeline (bundled, else blank) with only the attribution component added.

    ``SOURCETRACE_TEST_PIPELINE`` may name another base pipeline (a spaCy package name or path).
    """
    import os

    from sourcetrace.nlp.pipelines import load_base

    nlp = load_base("de", os.environ.get("SOURCETRACE_TEST_PIPELINE"))
    nlp.add_pipe("sourcetrace_attribution")
    return nlp


def statements(nlp, text):
    doc = nlp(text)
    return doc, doc._.statements


def only(sts, kind=None):
    hits = [s for s in sts if kind is None or s.kind == kind]
    assert hits, f"no {kind or ''} statement in {[(s.kind, s.content.text) for s in sts]}"
    return hits[0]


# ------------------------------------------------------------------------------------------ quote marks
@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Sie sagte: „Wir kommen morgen.“", ["Wir kommen morgen."]),
        ('Er rief "Halt!" und rannte los.', ["Halt!"]),
        ("»Das reicht«, meinte sie.", ["Das reicht"]),
        ("„Er nannte es ‚Unsinn‘, mehr nicht“, hieß es.", ["Er nannte es ‚Unsinn‘, mehr nicht", "Unsinn"]),
        ("“Good morning”, she said.", ["Good morning"]),
    ],
)
def test_quote_pairs(text, inner):
    found = [text[q.inner_start : q.inner_end] for q in find_quotes(text)]
    assert found == inner


def test_quote_continues_over_paragraph_when_reopened():
    text = "„Der erste Absatz endet offen.\n\n„Der zweite schließt ihn.“ Danach nichts."
    (quote,) = find_quotes(text)
    assert text[quote.inner_start : quote.inner_end].endswith("schließt ihn.")


def test_unbalanced_quote_closes_at_paragraph_end():
    text = "Sie sagte: „Das bleibt offen.\n\nNeuer Absatz ohne Zeichen."
    (quote,) = find_quotes(text)
    assert not quote.balanced
    assert text[quote.inner_start : quote.inner_end] == "Das bleibt offen."


def test_apostrophe_is_no_quote():
    assert find_quotes("Wie geht’s? Gut, sagt's.") == []


# ------------------------------------------------------------------------------------------ lexicon data
def test_cue_forms_cover_separable_and_subjunctive_forms():
    lex = lexicon.load("de")
    assert any(f.lemma == "hinzufügen" and f.particle == "hinzu" for f in lex.forms["fügte"])
    assert any(f.lemma == "hervorheben" and f.particle == "hervor" for f in lex.forms["hob"])
    assert any(f.lemma == "mitteilen" and not f.particle for f in lex.forms["mitteilte"])
    assert {"sei", "seien", "hätte", "würde"} <= lex.subjunctive
    assert "sagte" not in lex.subjunctive  # Konjunktiv II of weak verbs equals the preterite
    assert lex.cues["laut"].type == "according_to"


# ------------------------------------------------------------------------------------------ direct speech
def test_direct_quote_followed_by_cue(nlp_de):
    _, sts = statements(
        nlp_de, "„Wir eröffnen die Brücke im Frühjahr“, sagte Bürgermeisterin Anna Weber am Dienstag."
    )
    st = only(sts, "direct")
    assert st.content.text == "Wir eröffnen die Brücke im Frühjahr"
    assert st.cue.text == "sagte"
    assert st.speaker_name == "Anna Weber"


def test_direct_quote_after_colon(nlp_de):
    _, sts = statements(
        nlp_de, "Der Trainer Jonas Keller erklärte: „Die Mannschaft hat heute großartig gekämpft.“"
    )
    st = only(sts, "direct")
    assert st.content.text.startswith("Die Mannschaft hat heute")
    assert st.speaker_name == "Jonas Keller"


def test_separable_cue_and_cueless_continuation(nlp_de):
    text = "„Das Projekt ist ein voller Erfolg“, hob Ministerin Sabine Roth hervor. „Wir machen genau so weiter.“"
    _, sts = statements(nlp_de, text)
    first, second = [s for s in sts if s.kind == "direct"][:2]
    assert first.cue.text.startswith("hob")
    assert first.speaker_name == "Sabine Roth"
    assert second.content.text.startswith("Wir machen genau so weiter")
    assert second.speaker_entity == first.speaker_entity
    assert second.confidence < first.confidence


# ------------------------------------------------------------------------------------------ indirect speech
def test_dass_clause(nlp_de):
    _, sts = statements(
        nlp_de, "Der Sprecher der Stadtwerke sagte, dass die Preise im Herbst steigen würden."
    )
    st = only(sts, "indirect")
    assert st.content.text == "dass die Preise im Herbst steigen würden"
    assert st.cue.text == "sagte"
    assert "Sprecher" in st.speaker_mention.text


def test_konjunktiv_clause_and_free_indirect_continuation(nlp_de):
    text = (
        "Innenminister Peter Lang erklärte am Montag, die Lage sei unter Kontrolle. "
        "Die Polizei habe alle Zufahrtsstraßen gesperrt."
    )
    _, sts = statements(nlp_de, text)
    assert len(sts) == 2
    assert sts[0].content.text == "die Lage sei unter Kontrolle"
    assert sts[0].speaker_name == "Peter Lang"
    assert sts[1].content.text.startswith("Die Polizei habe alle Zufahrtsstraßen gesperrt")
    assert sts[1].cue is None
    assert sts[1].speaker_entity == sts[0].speaker_entity


def test_reported_speech_act_with_noun_phrase(nlp_de):
    _, sts = statements(nlp_de, "Die Gewerkschaft Verdi forderte höhere Zuschläge für die Pflegekräfte.")
    st = only(sts)
    assert "höhere Zuschläge" in st.content.text
    assert st.cue.text == "forderte"
    assert "Verdi" in st.speaker_name


def test_weak_cue_with_noun_phrase_makes_no_statement(nlp_de):
    # "ablehnen", "kritisieren": with a noun-phrase object mostly narration, not a statement
    _, sts = statements(nlp_de, "Der Stadtrat lehnte den Antrag der Opposition am Dienstag ab.")
    assert sts == []


def test_purpose_clause_is_no_content(nlp_de):
    _, sts = statements(
        nlp_de, "Die Gewerkschaft forderte höhere Löhne, um die steigenden Mieten auszugleichen."
    )
    st = only(sts)
    assert "höhere Löhne" in st.content.text
    assert not st.content.text.startswith("um")


def test_relative_clause_belongs_to_the_noun_phrase(nlp_de):
    _, sts = statements(
        nlp_de, "Die Ärztekammer verwies auf die Risiken, die mit dem neuen Verfahren verbunden sind."
    )
    st = only(sts)
    assert "die Risiken" in st.content.text
    assert "Ärztekammer" in st.speaker_name


def test_passive_speech_act_takes_its_agent_as_speaker(nlp_de):
    _, sts = statements(
        nlp_de, "Die Pläne der Stadtverwaltung wurden von der Bürgerinitiative als überzogen bezeichnet."
    )
    st = only(sts)
    assert "Bürgerinitiative" in st.speaker_name
    assert "überzogen" not in st.speaker_name


def test_passive_speech_act_without_agent_makes_no_statement(nlp_de):
    _, sts = statements(nlp_de, "Weitere Kundgebungen wurden für den kommenden Montag angekündigt.")
    assert sts == []


def test_fronted_object_is_no_speaker(nlp_de):
    _, sts = statements(nlp_de, "Seinen Rücktritt hatte der Trainer bereits im Sommer angekündigt.")
    assert all("Rücktritt" not in (st.speaker_name or "") for st in sts)


def test_speaker_ends_before_the_content_preposition(nlp_de):
    _, sts = statements(nlp_de, "Im Interview sprach Anna Berger von einem schweren Fehler der Regierung.")
    st = only(sts)
    assert st.speaker_name == "Anna Berger"
    assert "schweren Fehler" in st.content.text


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "Der Bauernverband bezifferte den Schaden auf rund zwei Millionen Euro.",
            "bezifferte",
            "Bauernverband",
        ),
        ("Die Vorsitzende plädierte für eine Senkung der Gebühren.", "plädierte", "Vorsitzende"),
        ("Der Sender berichtete von zwölf Toten.", "berichtete", "Sender"),
    ],
)
def test_reported_cues_from_the_lexicon(nlp_de, text, cue, speaker):
    _, sts = statements(nlp_de, text)
    st = only(sts)
    assert st.cue.text.startswith(cue)
    assert speaker in st.speaker_name


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Die Bäckerinnung sprach sich für längere Öffnungszeiten an Feiertagen aus.",
            "sprach",
            "Bäckerinnung",
            "längere Öffnungszeiten",
        ),
        (
            "Der Landrat drohte den Betreibern der Anlage mit hohen Bußgeldern.",
            "drohte",
            "Landrat",
            "hohen Bußgeldern",
        ),
        ("Viele Eltern klagten über fehlende Plätze in den Kitas.", "klagten", "Eltern", "fehlende Plätze"),
        (
            "Die Vulkanologin hält einen Ausbruch in den nächsten Wochen für unwahrscheinlich.",
            "hält",
            "Vulkanologin",
            "einen Ausbruch",
        ),
        (
            "Das Ministerium sagte den betroffenen Gemeinden weitere Hilfe zu.",
            "sagte",
            "Ministerium",
            "weitere Hilfe",
        ),
        (
            "Der Wetterdienst sagte für das Wochenende kräftige Gewitter voraus.",
            "sagte",
            "Wetterdienst",
            "kräftige Gewitter",
        ),
    ],
)
def test_reported_acts_with_prepositional_or_noun_content(nlp_de, text, cue, speaker, content):
    _, sts = statements(nlp_de, text)
    st = only(sts)
    assert st.cue.text.startswith(cue)
    assert speaker in st.speaker_name
    assert content in st.content.text


def test_reported_act_speaker_before_a_relative_clause(nlp_de):
    _, sts = statements(
        nlp_de,
        "Die Anwohner der Siedlung, die seit Wochen unter dem Baulärm leiden, "
        "gehen von weiteren Verzögerungen aus.",
    )
    st = only(sts)
    assert "Anwohner" in st.speaker_name
    assert "weiteren Verzögerungen" in st.content.text


def test_coordinated_reported_act_keeps_the_subject_of_the_first_verb(nlp_de):
    _, sts = statements(
        nlp_de,
        "Die Bürgermeisterin, Petra Lang, besuchte am Morgen die Baustelle "
        "und bezeichnete den Fortschritt als erfreulich.",
    )
    st = only(sts)
    assert "Lang" in st.speaker_name or "Bürgermeisterin" in st.speaker_name
    assert "Fortschritt" in st.content.text


def test_subjunctive_cue_verb_continues_the_report(nlp_de):
    # "Er halte … für …" is itself reported: a continuation of the statement before, not a new act
    _, sts = statements(
        nlp_de,
        "Stadtrat Max Huber sagte, die Kosten seien viel zu hoch. Er halte die Pläne für überzogen.",
    )
    assert len(sts) == 2
    assert sts[1].cue is None
    assert sts[1].speaker_entity == sts[0].speaker_entity


def test_zu_infinitive_of_a_cue_verb_is_no_cue(nlp_de):
    _, sts = statements(
        nlp_de, "Der Trainer versuchte vergeblich, den knappen Vorsprung für sein Team zu halten."
    )
    assert sts == []


def test_infinitive_clause_between_cue_and_content(nlp_de):
    _, sts = statements(
        nlp_de, "Die Sprecherin sagte, ohne Namen zu nennen, dass zwei Mitarbeiter entlassen worden seien."
    )
    st = only(sts)
    assert st.content.text.startswith("dass zwei Mitarbeiter")
    assert "Sprecherin" in st.speaker_name


def test_literal_use_of_a_speech_verb_makes_no_statement(nlp_de):
    _, sts = statements(nlp_de, "Das Unglück forderte zwölf Todesopfer.")
    assert sts == []


def test_mixed_quote(nlp_de):
    _, sts = statements(
        nlp_de, "Der Bürgermeister Klaus Brandt bezeichnete den Neubau als „ein Geschenk für die Stadt“."
    )
    st = only(sts, "mixed")
    assert "ein Geschenk für die Stadt" in st.content.text
    assert st.speaker_name == "Klaus Brandt"


# ------------------------------------------------------------------------------------------ according to
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Nach Angaben der Feuerwehr wurden bei dem Brand drei Menschen verletzt.", "Feuerwehr"),
        ("Laut dem Deutschen Wetterdienst wird es am Wochenende kräftig regnen.", "Wetterdienst"),
        ("Dem jüngsten Bericht der Behörde zufolge stiegen die Baukosten deutlich.", "Bericht"),
        ("Die Baukosten stiegen im vergangenen Jahr deutlich, so der Rechnungshof.", "Rechnungshof"),
    ],
)
def test_according_to(nlp_de, text, source):
    _, sts = statements(nlp_de, text)
    st = only(sts)
    assert source in st.speaker_mention.text
    assert len(st.content) >= 4


def test_hedged_source_in_the_middle_links_quantities(nlp_de):
    doc = nlp_de.make_doc("Etwa 600 Soldaten wurden nach südkoreanischen Angaben getötet.")
    for _, proc in nlp_de.pipeline:
        doc = proc(doc) if not hasattr(proc, "find") else doc
    doc._.quantities = [Quantity(span=doc[0:2], value=600.0, hedge="about")]
    doc = nlp_de.get_pipe("sourcetrace_attribution")(doc)
    st = only(doc._.statements, "according_to")
    assert st.speaker_name == "südkoreanische Angaben"
    q = doc._.quantities[0]
    assert q.statement == st.id
    assert q.source_name == "südkoreanische Angaben"


# ------------------------------------------------------------------------------------------ speakers and relays
def test_relay_and_demnach_inheritance(nlp_de):
    text = (
        "Präsident Omar Hadi lobte die Helfer laut der Nachrichtenagentur Xinhua als „unermüdlich“. "
        "Er fügte demnach hinzu, dass der Wiederaufbau im Sommer beginnen werde."
    )
    doc, sts = statements(nlp_de, text)
    assert len(sts) == 2
    assert all([r.name for r in s.via] == ["Xinhua"] for s in sts)
    assert sts[1].speaker_mention.text == "Er"
    assert sts[0].speaker_entity == sts[1].speaker_entity
    names = {e.name: e.type for e in doc._.entities}
    assert names.get("Xinhua") == "MEDIA"
    assert "Omar Hadi" in names


def test_pronoun_and_canonical_name(nlp_de):
    text = (
        "Kanzlerin Maria Berger besuchte am Montag das Werk in Kassel. "
        "Berger sagte, die Arbeitsplätze seien sicher. "
        "Sie betonte, dass niemand entlassen werde."
    )
    doc, sts = statements(nlp_de, text)
    assert [s.speaker_name for s in sts] == ["Maria Berger", "Maria Berger"]
    (berger,) = [e for e in doc._.entities if e.name == "Maria Berger"]
    assert {m.text for m in berger.mentions} >= {"Berger", "Sie"}


def _with_parse(nlp, text, edits, ents=None):
    """Run ``nlp`` with some tokens' analysis set by hand (index, POS, head index, relation) and, if given,
    the entity spans (label, first token, end token) before the attribution: the misreadings a statistical
    tagger, parser or recognizer makes, on text of the test's choosing."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "sourcetrace_attribution":
            for i, pos, head, dep in edits:
                doc[i].pos_, doc[i].head, doc[i].dep_ = pos, doc[head], dep
            if ents is not None:
                doc.ents = [Span(doc, start, end, label=label) for label, start, end in ents]
        doc = proc(doc)
    return doc


def test_bare_noun_phrase_before_the_verb_is_the_subject_the_parse_missed(nlp_de):
    text = "Neun von zehn Ärzten halten die Reform für verfehlt."
    # "Neun" read as an oblique, the whole noun phrase hung on the verb: no subject in the parse
    edits = [(4, "VERB", 4, "ROOT"), (0, "NUM", 4, "obl"), (3, "NOUN", 4, "obl"), (6, "NOUN", 4, "obj")]
    doc = _with_parse(nlp_de, text, edits)
    assert [s.speaker_name for s in doc._.statements] == ["Neun von zehn Ärzten"]


def test_name_of_a_medium_tagged_as_a_verb_stays_in_the_relay(nlp_de):
    text = "„Die Ernte war gut“, hob Minister Olaf Brenner laut der staatlichen Nachrichtenagentur Xinhua hervor."
    ids = {t.text: t.i for t in nlp_de.make_doc(text)}
    name, agency, verb = ids["Xinhua"], ids["Nachrichtenagentur"], ids["hob"]
    # the name read as a verb governing its own descriptor: "Nachrichtenagentur" <-obl- "Xinhua" <-ccomp- "hob"
    edits = [(name, "VERB", verb, "ccomp"), (agency, "NOUN", name, "obl")]
    ents = [("PER", ids["Olaf"], ids["Brenner"] + 1), ("ORG", name, name + 1)]
    doc = _with_parse(nlp_de, text, edits, ents=ents)
    assert [[r.name for r in s.via] for s in doc._.statements] == [["Xinhua"]]
    xinhua = next(e for e in doc._.entities if e.name == "Xinhua")
    assert "der staatlichen Nachrichtenagentur Xinhua" in [m.text for m in xinhua.mentions]


def test_names_set_off_by_commas_after_a_role_noun_are_a_person_without_the_apposition(nlp_de):
    text = "Die Vorsitzende des Vereins, Ilse Moorbach, legte den Bericht vor."
    # no entity from the recognizer, and the names not parsed as an apposition of "Kassenwart"
    edits = [(6, "PROPN", 8, "nsubj"), (5, "PROPN", 6, "flat:name")]
    doc = _with_parse(nlp_de, text, edits, ents=[])
    assert [e.name for e in doc._.entities if e.type == "PERSON"] == ["Ilse Moorbach"]


def test_role_noun_the_recognizer_took_for_an_entity_is_a_title(nlp_de):
    text = "Regierungschef Tomas Horak lobte die Helfer als „unermüdlich“."
    doc = _with_parse(nlp_de, text, [], ents=[("ORG", 0, 1), ("PER", 1, 3)])
    assert [s.speaker_name for s in doc._.statements] == ["Tomas Horak"]
    assert [e.name for e in doc._.entities] == ["Tomas Horak"]  # no organisation "Regierungschef"


def test_names_in_apposition_to_a_role_noun_are_a_person(nlp_de):
    text = "Die Vorsitzende des Vereins, Ilse Moorbach, hielt die Rede."
    doc = _with_parse(nlp_de, text, [], ents=[])
    persons = [e.name for e in doc._.entities if e.type == "PERSON"]
    assert persons == ["Ilse Moorbach"]


def test_narration_has_no_statements(nlp_de):
    _, sts = statements(
        nlp_de, "Die Brücke wurde 1920 gebaut und ist 300 Meter lang. Sie führt über den Rhein."
    )
    assert sts == []


# ------------------------------------------------------------------------------------------ component contract
def test_blank_pipeline_does_not_crash():
    import sourcetrace  # noqa: F401  (registers the factories)

    nlp = spacy.blank("de")
    nlp.add_pipe("sourcetrace_attribution")
    doc = nlp("„Wir bleiben“, sagte sie. Laut Polizei war es ruhig.")
    assert isinstance(doc._.statements, list) and isinstance(doc._.entities, list)
    assert doc._.statements and doc._.statements[0].kind == "direct"
    assert nlp("")._.statements == []


def test_language_without_rules_sets_empty_lists():
    import sourcetrace  # noqa: F401

    nlp = spacy.blank("fr")
    nlp.add_pipe("sourcetrace_attribution")
    doc = nlp("« Nous restons », a-t-elle dit.")
    assert doc._.statements == [] and doc._.entities == []


def test_min_confidence_setting():
    import sourcetrace  # noqa: F401

    nlp = spacy.blank("de")
    nlp.add_pipe("sourcetrace_attribution", config={"min_confidence": 0.99})
    assert nlp("„Wir bleiben“, sagte sie.")._.statements == []


@pytest.mark.shared
def test_seed_article_smoke(shared_dir, nlp_de):
    text = (shared_dir / "examples" / "afp-putin-kim-2025-08-15.txt").read_text(encoding="utf-8")
    doc = nlp_de(text)
    putin = [e for e in doc._.entities if e.name == "Wladimir Putin"]
    assert putin and putin[0].type == "PERSON"
    relayed = [s for s in doc._.statements if [r.name for r in s.via] == ["KCNA"]]
    assert len(relayed) >= 4
    assert all(s.speaker_name != "afp" for s in doc._.statements)


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Die Zahl der Fahrgäste stieg im Herbst um 8 Prozent, wie der Verkehrsverbund mitteilte.",
            "Verkehrsverbund",
            "Die Zahl der Fahrgäste stieg im Herbst um 8 Prozent",
        ),
        (
            "Wie die Feuerwehr berichtete, mussten zwei Häuser geräumt werden.",
            "Feuerwehr",
            "mussten zwei Häuser geräumt werden",
        ),
    ],
)
def test_wie_x_mitteilte_is_according_to(nlp_de, text, speaker, content):
    _, sts = statements(nlp_de, text)
    st = only(sts, "according_to")
    assert speaker in st.speaker_name
    assert st.content.text == content


def test_figure_in_a_reported_act_without_statement_keeps_its_source(nlp_de):
    doc = nlp_de.make_doc("Die Wasserschutzpolizei meldete am Abend 300 Kontrollen.")
    number = doc.char_span(doc.text.index("300"), doc.text.index("300") + 3)
    doc._.quantities = [Quantity(span=number, value=300.0)]
    doc = nlp_de(doc)
    (q,) = doc._.quantities
    assert not doc._.statements
    assert q.source_name == "Wasserschutzpolizei" and q.statement is None


# ------------------------------------------------------------------------------------------ relay chains
def relayed(nlp, text):
    """The one statement of ``text`` as (speaker name, relay names, content text)."""
    _, sts = statements(nlp, text)
    assert len(sts) == 1, [(s.kind, s.speaker_name, s.content.text) for s in sts]
    st = sts[0]
    return st.speaker_name, [r.name for r in st.via], st.content.text


@pytest.mark.parametrize(
    ("text", "speaker", "via", "content"),
    [
        (
            "Die Nachrichtenagentur Reuters berichtete unter Berufung auf Anwohner, am Hafen brenne ein Lager.",
            "Anwohner",
            "Reuters",
            "am Hafen brenne ein Lager",
        ),
        (
            "Im Norden sei der Strom ausgefallen, meldete Reuters unter Berufung auf Techniker.",
            "Techniker",
            "Reuters",
            "Im Norden sei der Strom ausgefallen",
        ),
        (
            "Der Sender berichtete unter Berufung auf Sicherheitskreise, der Grenzübergang werde geschlossen.",
            "Sicherheitskreise",
            "Sender",
            "der Grenzübergang werde geschlossen",
        ),
        (
            "Die Zeitung schrieb mit Verweis auf Diplomaten, die Gespräche würden im Herbst fortgesetzt.",
            "Diplomaten",
            "Zeitung",
            "die Gespräche würden im Herbst fortgesetzt",
        ),
        (
            "Das Blatt berief sich auf ein Kabinettsmitglied und berichtete, der Etat sei nicht gedeckt.",
            "Kabinettsmitglied",
            "Blatt",
            "der Etat sei nicht gedeckt",
        ),
    ],
)
def test_relay_phrase_makes_the_cited_source_the_speaker(nlp_de, text, speaker, via, content):
    got_speaker, got_via, got_content = relayed(nlp_de, text)
    assert speaker in got_speaker and via in " ".join(got_via)
    assert via not in got_speaker
    assert got_content == content


def test_relay_phrase_naming_a_news_agency(nlp_de):
    speaker, via, content = relayed(
        nlp_de,
        "Die Zeitung berichtete unter Berufung auf die Staatsagentur Tass, die Fähre habe wieder abgelegt.",
    )
    assert speaker.lower() == "tass" and via == ["Zeitung"]
    assert content == "die Fähre habe wieder abgelegt"


def test_relay_phrase_before_a_noun_phrase_content(nlp_de):
    speaker, via, content = relayed(
        nlp_de, "Reuters berichtete unter Berufung auf Augenzeugen von heftigen Gefechten."
    )
    assert (speaker, via, content) == ("Augenzeugen", ["Reuters"], "von heftigen Gefechten")


def test_according_to_source_stops_before_the_verb(nlp_de):
    speaker, via, content = relayed(
        nlp_de, "Nach Angaben von Anwohnern stürzten Bäume um, wie die Nachrichtenagentur Reuters berichtete."
    )
    assert (speaker, via, content) == ("Anwohnern", ["Reuters"], "stürzten Bäume um")


@pytest.mark.parametrize(
    ("text", "speaker", "via", "content"),
    [
        (
            "Laut der Feuerwehr wurden vier Menschen gerettet, wie die Nachrichtenagentur AFP meldete.",
            "Feuerwehr",
            "AFP",
            "wurden vier Menschen gerettet",
        ),
        (
            "Wie die Nachrichtenagentur Reuters berichtete, wurden nach Angaben der Küstenwache zwei Boote "
            "gefunden.",
            "Küstenwache",
            "Reuters",
            "wurden nach Angaben der Küstenwache zwei Boote gefunden",
        ),
        (
            "„Wir bleiben hier“, sagte die Bürgermeisterin, wie die Nachrichtenagentur AFP berichtete.",
            "Bürgermeisterin",
            "AFP",
            "Wir bleiben hier",
        ),
    ],
)
def test_wie_clause_relays_a_sentence_with_its_own_source(nlp_de, text, speaker, via, content):
    got_speaker, got_via, got_content = relayed(nlp_de, text)
    assert speaker in got_speaker and got_via == [via]
    assert got_content == content


def test_according_to_medium_relaying_a_source_in_a_relative_clause(nlp_de):
    speaker, via, content = relayed(
        nlp_de, "Laut Tass, die sich auf das Verkehrsministerium beruft, wurden drei Brücken gesperrt."
    )
    assert speaker == "Verkehrsministerium" and [v.lower() for v in via] == ["tass"]
    assert content == "wurden drei Brücken gesperrt"


def test_according_to_with_a_relay_phrase(nlp_de):
    speaker, via, content = relayed(
        nlp_de, "Laut dem Sender NDR unter Berufung auf die Polizei wurde die Autobahn gesperrt."
    )
    assert speaker == "Polizei" and via and "NDR" in via[0]
    assert content == "wurde die Autobahn gesperrt"


def test_relative_clause_on_the_source_is_no_content(nlp_de):
    speaker, via, content = relayed(
        nlp_de, "Laut der Polizei, die den Einsatz leitete, wurden drei Menschen festgenommen."
    )
    assert (speaker, via, content) == ("Polizei", [], "wurden drei Menschen festgenommen")


def test_anaphoric_report_with_a_relay_phrase(nlp_de):
    doc, sts = statements(
        nlp_de,
        "Der Minister will im Sommer zurücktreten. Das berichtete die Zeitung „Kommersant“ unter Berufung auf "
        "Kreise im Kreml.",
    )
    st = only(sts)
    assert st.content.text == "Der Minister will im Sommer zurücktreten"
    assert st.speaker_name.startswith("Kreise") and [r.name for r in st.via] == ["Kommersant"]


def test_figure_relayed_by_an_agency_has_the_cited_source(nlp_de):
    text = (
        "Bei dem Sturm wurden 14 Häuser beschädigt, berichtete die Agentur Reuters unter Berufung auf Helfer."
    )
    doc = nlp_de.make_doc(text)
    number = doc.char_span(text.index("14"), text.index("14") + 2)
    doc._.quantities = [Quantity(span=number, value=14.0)]
    doc = nlp_de(doc)
    (q,) = doc._.quantities
    assert q.source_name == "Helfer"


def test_relay_lexicon_has_prepositional_and_verb_phrases():
    kinds = {r[1] for r in lexicon.rows("de_relay_phrases.tsv")}
    assert kinds == {"prep", "verb"}
    assert ["unter", "berufung", "auf"] in [r[0].split() for r in lexicon.rows("de_relay_phrases.tsv")]
