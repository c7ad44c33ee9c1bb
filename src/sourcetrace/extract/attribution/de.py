"""German attribution rules: direct quotes, indirect speech, reported speech acts and according-to phrases.

Works on any German pipeline: it uses the dependency parse, part-of-speech tags and ``Mood=Sub`` when the
pipeline sets them and falls back on lexicon look-ups and word-order heuristics when it does not.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sourcetrace import agencies
from sourcetrace.extract.attribution import lexicon
from sourcetrace.extract.attribution.lexicon import Lexicon
from sourcetrace.extract.attribution.model import (
    DIRECT,
    FREE_INDIRECT,
    INDIRECT,
    INDIRECT_FREE_INDIRECT,
    REPORTED,
    Attribution,
)
from sourcetrace.extract.attribution.quotes import find_quotes, index_quotes, paragraph_index
from sourcetrace.extract.attribution.relays import NamedRelay

BOUNDARY = {",", ";", ":", "–", "—"}
FINAL = {".", "!", "?", "…"}
SUBJECT_DEPS = {"nsubj", "sb", "csubj"}
PRT_DEPS = {"compound:prt", "svp", "prt"}
CONTENT_PREPS = {"auf", "an", "vor", "von", "für", "über", "um", "zu", "gegen", "mit"}
CONDITIONAL_MODALS = {
    "könnte",
    "könnten",
    "dürfte",
    "dürften",
    "sollte",
    "sollten",
    "müsste",
    "müssten",
    "möchte",
    "möchten",
}
PUBLISHING = {"veröffentlichen", "berichten", "melden", "zitieren", "schreiben", "verbreiten"}
RELATIVES = {
    "der",
    "die",
    "das",
    "dem",
    "den",
    "denen",
    "deren",
    "dessen",
    "welche",
    "welcher",
    "welches",
    "welchem",
}
TIME_WORDS = {
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "abend",
    "morgen",
    "vormittag",
    "nachmittag",
    "mittag",
    "wochenende",
    "tag",
    "woche",
    "monat",
    "jahr",
    "zeit",
}
ADVERBIAL_SUBORDINATORS = {
    "während",
    "weil",
    "da",
    "obwohl",
    "wobei",
    "nachdem",
    "wenn",
    "falls",
    "sodass",
    "bevor",
}
NON_NOMINATIVE_DETERMINERS = {
    "den",
    "einen",
    "keinen",
    "diesen",
    "jeden",
    "seinen",
    "ihren",
    "unseren",
    "meinen",
}
PASSIVE_AUXILIARIES = {"werden", "sein"}
WERDEN_FORMS = frozenset(("wird", "werden", "wurde", "wurden"))  # finite forms of the passive "werden"
CONTRASTIVE_SUBORDINATORS = {"während", "wohingegen", "wogegen"}
WEAK = "reported-weak"  # the rule of reported acts with a "w" cue: they make no statement
CONTINUATION_GAP = 2  # sentences a free-indirect continuation may follow its statement at most


class GermanRules:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.noun_cues = set(lex.noun_cues)
        # lexicon/de_relay_phrases.tsv: "unter Berufung auf", "berief sich auf" (the source follows)
        relay_rows = [r + [""] * (3 - len(r)) for r in lexicon.rows("de_relay_phrases.tsv")]
        self.relay_preps = [tuple(r[0].split()) for r in relay_rows if r[1] == "prep"]
        self.relay_verbs = [
            (r[0].split()[0], r[0].split()[-1], frozenset(f for f in r[2].split(",") if f))
            for r in relay_rows
            if r[1] == "verb"
        ]
        self.relay_first = frozenset(words[0] for words in self.relay_preps)
        self.relay_forms = frozenset(f for _, _, forms in self.relay_verbs for f in forms)

    # ------------------------------------------------------------------ document preparation
    def prepare(self, doc: Doc) -> None:
        self.doc = doc
        self.has_pos = doc.has_annotation("POS") or doc.has_annotation("TAG")
        self.has_dep = doc.has_annotation("DEP")
        self.has_morph = doc.has_annotation("MORPH")
        n = len(doc)
        # top-level quotes as token ranges [start, end) including the marks
        self.text = doc.text  # built from the tokens on each access: once per document
        self.quotes, self.quote_of, self.inner_quotes = index_quotes(doc, find_quotes(self.text))
        self.paragraph = paragraph_index(doc, self.text)
        self.units = self._units()
        self.unit_of = [0] * n
        for u, (s, e) in enumerate(self.units):
            for i in range(s, e):
                self.unit_of[i] = u

    def _units(self) -> list[tuple[int, int]]:
        """Sentences, merged where a split falls inside a quotation, split at paragraph breaks."""
        doc = self.doc
        if doc.has_annotation("SENT_START"):
            starts = [s.start for s in doc.sents]
        else:
            starts = [0]
            for t in doc[:-1]:
                if t.text in FINAL and self.quote_of[t.i] is None:
                    starts.append(t.i + 1)
        par = self.paragraph
        starts = sorted(set(starts) | {i for i in range(1, len(par)) if par[i] != par[i - 1]})
        for qs, _, _ in self.quotes:
            if qs > 0 and doc[qs - 1].text in FINAL and self.quote_of[qs - 1] is None:
                starts = sorted(set(starts) | {qs})  # "... hervor. „Das russische Volk ...“"
        for qs, qe, balanced in self.quotes:
            full_sentence = balanced and qe < len(doc) and qe - 2 > qs and doc[qe - 2].text in FINAL
            if (
                full_sentence
                and doc[qe].text[:1].isupper()
                and not (doc[qe].lower_ in self.lex.forms and doc[qe].pos_ in ("VERB", "AUX"))
            ):
                starts = sorted(set(starts) | {qe})
        kept = []
        for s in starts:
            if s == 0 or s >= len(doc):
                if s == 0:
                    kept.append(s)
                continue
            prev = doc[s - 1]
            newline = "\n" in prev.text or "\n" in prev.whitespace_
            closes = prev.is_punct and s >= 2 and doc[s - 2].text in FINAL
            if not (newline or prev.text in FINAL or closes or self.quote_of[s] is not None):
                continue  # a parser boundary inside a clause ("Sabine | Roth hervor")
            q = self.quote_of[s - 1]
            if q is not None and q == self.quote_of[s] and self.paragraph[s - 1] == self.paragraph[s]:
                continue  # inside one quotation
            if q is not None and self.quote_of[s] is None and self.quotes[q][1] == s and self._cue_follows(s):
                continue  # „…“ | , sagte er.
            kept.append(s)
        units = []
        for a, b in zip(kept, [*kept[1:], len(doc)], strict=True):
            # skip pure whitespace units
            while a < b and doc[a].is_space:
                a += 1
            end = b
            while end > a and doc[end - 1].is_space:
                end -= 1
            if a < end:
                units.append((a, end))
        return units

    def _cue_follows(self, i: int) -> bool:
        doc = self.doc
        if i < len(doc) and doc[i].text in {",", "–", "—"}:
            return True
        return i < len(doc) and doc[i].text[:1].islower()

    # ------------------------------------------------------------------ token predicates
    def is_finite_verb(self, t: Token) -> bool:
        if self.has_pos:
            return (
                t.pos_ in ("VERB", "AUX")
                and "VerbForm=Part" not in str(t.morph)
                and t.tag_
                not in (
                    "VVPP",
                    "VAPP",
                    "VMPP",
                    "VVINF",
                    "VAINF",
                    "VVIZU",
                )
            )
        return t.lower_ in self.lex.forms or t.lower_ in self.lex.subjunctive or self.lex.is_(t.lower_, "aux")

    def is_subjunctive(self, t: Token) -> bool:
        if self.quote_of[t.i] is not None:
            return False
        low = t.lower_
        if self.has_morph and "Mood=Sub" in str(t.morph) and low in self.lex.subjunctive:
            return True
        if low not in self.lex.subjunctive:
            return False
        if any(self.lex.is_(low, c) for c in ("determiner", "pronoun", "particle", "subordinator")):
            return False
        if low in ("möchte", "möchten", "möchtest"):
            return False  # the modal of wanting, not reported speech
        if self.has_pos:
            return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("V")
        return t.text[:1].islower()

    def is_verbish(self, t: Token) -> bool:
        if self.has_pos:
            return t.pos_ in ("VERB", "AUX")
        return t.text[:1].islower() and (t.lower_ in self.lex.forms or self.lex.is_(t.lower_, "aux"))

    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] is not None

    # ------------------------------------------------------------------ segments and noun phrases
    def segments(self, s: int, e: int) -> list[tuple[int, int]]:
        """Clause-like stretches of a unit split at , ; : – outside quotations (boundary token excluded)."""
        segs, a = [], s
        for i in range(s, e):
            if self.doc[i].text in BOUNDARY and not self.in_quote(i):
                if a < i:
                    segs.append((a, i))
                a = i + 1
        if a < e:
            segs.append((a, e))
        return segs

    def strip_final(self, s: int, e: int) -> tuple[int, int]:
        while e > s and (self.doc[e - 1].text in FINAL | BOUNDARY or self.doc[e - 1].is_space):
            e -= 1
        while s < e and (self.doc[s].text in BOUNDARY or self.doc[s].is_space):
            s += 1
        return s, e

    def _np_token(self, t: Token) -> bool:
        if t.is_space or t.text in FINAL or t.text in {";", ":"}:
            return False
        if self.has_pos:
            return t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "X") or (
                t.pos_ == "PRON" and t.lower_ in ("er", "sie", "es", "dieser", "diese", "letztere")
            )
        if self.lex.is_(t.lower_, "determiner"):
            return True
        if t.text[:1].isupper():
            return not self.lex.is_(t.lower_, "frontable") or t.lower_ in ("er", "sie")
        return (
            t.lower_ not in self.lex.forms and t.lower_.endswith(("e", "en", "er", "es", "em")) and len(t) > 3
        )

    def _trim_np(self, lo: int, hi: int) -> tuple[int, int]:
        """Cut a noun phrase where a second one starts ("der Berliner | das Spiel", "Fox | ebenfalls Sperren")."""
        doc = self.doc
        # leading dates: "Mai 2005 der mexikanische Präsident"
        k = lo
        while k < hi and (doc[k].lower_ in TIME_WORDS or doc[k].like_num or doc[k].pos_ == "NUM"):
            k += 1
        if lo < k < hi and self.lex.is_(doc[k].lower_, "determiner"):
            lo = k
        seen_noun = False
        for k in range(lo, hi):
            t = doc[k]
            if self.in_quote(k):
                continue
            if seen_noun and k > lo:
                prev = doc[k - 1]
                if t.pos_ == "ADV":
                    return lo, k
                if (
                    self.lex.is_(t.lower_, "determiner")
                    and t.lower_ not in ("des", "der", "eines", "einer")
                    and prev.text not in (",", "–", "(")
                    and prev.lower_
                    not in ("von", "vom", "und", "sowie", "mit", "für", "aus", "in", "im", "an")
                ):
                    return lo, k
            if t.pos_ in ("NOUN", "PROPN") or (not self.has_pos and t.text[:1].isupper()):
                seen_noun = True
        return lo, hi

    def _extend_name(self, lo: int, hi: int, end: int) -> int:
        """Extend a noun phrase over a quoted name („Der Spiegel“), a name right after its last noun that the
        parser attached elsewhere ("der Nachrichtenagentur | KCNA") and one apposition (", Max Muster,")."""
        doc = self.doc
        if (
            lo < hi < end
            and doc[hi - 1].pos_ == "NOUN"
            and doc[hi].ent_iob_ == "B"
            and doc[hi].ent_type_ != "MISC"
        ):
            name_end = hi + 1  # from the tokens' entity tags: doc.ents is costly on this path
            while name_end < len(doc) and doc[name_end].ent_iob_ == "I":
                name_end += 1
            if name_end <= end:
                hi = name_end
        for _ in range(2):
            if hi < end and self.quote_of[hi] is not None:
                qs, qe, _ = self.quotes[self.quote_of[hi]]
                if qs == hi and qe <= end and qe - qs <= 8 and doc[qs + 1].text[:1].isupper():
                    hi = qe
                    continue
            if hi > lo and self.quote_of[hi - 1] is not None:
                qs, qe, _ = self.quotes[self.quote_of[hi - 1]]
                if qe > hi and qe <= end and qe - qs <= 8:
                    hi = qe
                    continue
            break
        if hi + 1 < end and doc[hi].text in (",", "–") and not self.in_quote(hi):
            k = hi + 1
            while k < end and doc[k].text not in (",", "–", ".", ";", ":") and k - hi <= 12:
                k += 1
            closes = k >= end or doc[k].text in (",", "–", ".", ":")
            if k - hi > 1 and closes and self._apposition((hi + 1, k)):
                nxt = doc[k + 1] if k + 1 < len(doc) else None
                # only if the clause goes on after the apposition (cue, end, colon), not a list of names
                if (
                    nxt is None
                    or k >= end
                    or doc[k].text in (".", ":")
                    or nxt.pos_ in ("VERB", "AUX")
                    or nxt.lower_ in self.lex.forms
                    or k + 1 >= end
                ):
                    hi = k
        return hi

    def np_after(self, i: int, end: int) -> tuple[int, int] | None:
        """The noun phrase starting at token ``i`` (with genitive/von complements and one apposition)."""
        doc = self.doc
        if i >= end:
            return None
        if self.has_dep:
            t = doc[i]
            head = t
            while (
                head.head.i != head.i and head.head.i < end and head.head.i >= i and self._np_token(head.head)
            ):
                head = head.head
            if self._np_token(head):
                return self.np_of(head, limit=(i, end))
        j = i
        while j < end and (self._np_token(doc[j]) or (doc[j].lower_ in ("von", "vom") and j > i)):
            if self.in_quote(j) and self.quote_of[j] != self.quote_of[i]:
                break
            j += 1
        if j > i:
            i, j = self._trim_np(i, j)
        # apposition ", Name Name," after a role noun
        if (
            j + 2 < end
            and doc[j].text == ","
            and doc[j + 1].text[:1].isupper()
            and not self.is_verbish(doc[j + 1])
        ):
            k = j + 1
            while k < end and doc[k].text[:1].isupper() and not self.is_verbish(doc[k]):
                k += 1
            if k - j <= 4:
                j = k
        return (i, j) if j > i else None

    def np_before(self, i: int, start: int) -> tuple[int, int] | None:
        """The noun phrase that ends at token ``i`` (inclusive)."""
        doc = self.doc
        if i < start:
            return None
        if self.has_dep and self._np_token(doc[i]):
            head = doc[i]
            while head.head.i != head.i and start <= head.head.i <= i and self._np_token(head.head):
                head = head.head
            span = self.np_of(head, limit=(start, i + 1))
            if span:
                return span
        j = i
        while j >= start and (self._np_token(doc[j]) or doc[j].lower_ in ("von", "vom")):
            j -= 1
        return (j + 1, i + 1) if j < i else None

    def np_of(self, head: Token, limit: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """Token range of the phrase a parsed head governs, without relative clauses and edge punctuation."""
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        for c in head.children:
            if c.i < head.i:
                continue
            cut = c.dep_ in (
                "acl",
                "acl:relcl",
                "rc",
                "advcl",
                "advmod",
                "obl",
                "obl:tmod",
                "nmod:tmod",
                "mo",
            )
            left = self.doc[c.left_edge.i]
            if (
                c.dep_ in ("appos", "conj", "obj")
                and left.pos_ == "DET"
                and c.left_edge.i > 0
                and self.doc[c.left_edge.i - 1].text not in (",", "–", "und")
            ):
                cut = left.lower_ not in ("des", "der") or c.dep_ != "nmod"
            if c.dep_ == "nmod":
                case = [g for g in c.children if g.dep_ == "case" and g.i < c.i]
                cut = bool(case) and (
                    case[0].lower_ in ("laut", "gemäß", "gegenüber", "am", "seit", "bis", "zufolge", "nach")
                    or (case[0].lower_ not in ("von", "vom", "aus") and c.pos_ != "PROPN")
                    or c.pos_ == "NUM"
                    or c.lower_ in TIME_WORDS
                )
            if cut:
                hi = min(hi, c.left_edge.i)
        if limit:
            lo, hi = max(lo, limit[0]), min(hi, limit[1])
        # cut at a comma that introduces a clause
        for k in range(head.i + 1, hi):
            t = self.doc[k]
            if (
                t.text == ","
                and k + 1 < hi
                and (
                    self.is_verbish(self.doc[k + 1])
                    or self.doc[k + 1].lower_ in ("der", "die", "das", "welche", "welcher", "wo")
                )
                and self.doc[k + 1].i != head.i
            ):
                nxt = self.doc[k + 1]
                if not (nxt.pos_ in ("PROPN", "NOUN") if self.has_pos else nxt.text[:1].isupper()):
                    hi = k
                    break
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            q = self.quote_of[lo]
            if q is not None and self.quotes[q][0] == lo and self.quotes[q][1] <= hi:
                break  # a name in quotation marks („Xinhua“)
            lo += 1
        while (
            hi > lo
            and (self.doc[hi - 1].is_punct or self.doc[hi - 1].is_space)
            and self.doc[hi - 1].text != ")"
        ):
            hi -= 1
        # a role noun whose name the parser attached elsewhere: "Ministerin | Sabine Roth"
        end = limit[1] if limit else len(self.doc)
        lo, hi = self._trim_np(lo, hi)
        hi = self._extend_name(lo, hi, end)
        while (
            hi < end
            and hi > lo
            and self.doc[hi].pos_ == "PROPN"
            and self.doc[hi - 1].pos_ in ("NOUN", "PROPN")
        ):
            if self.quote_of[hi] is not None:
                break
            hi += 1
        return (lo, hi) if hi > lo else None

    # ------------------------------------------------------------------ cues
    def verb_cue(self, t: Token, seg: tuple[int, int]):
        """(lemma, token ids of the cue, anchor token) if ``t`` is an attribution verb, else None."""
        if self.in_quote(t.i):
            return None
        forms = self.lex.forms.get(t.lower_)
        if not forms:
            return None
        if self.has_pos and t.pos_ in ("NOUN", "PROPN", "DET", "ADP", "PRON") and t.text[:1].isupper():
            return None
        if t.text[:1].isupper() and t.i != seg[0] and not (t.i > 0 and self.doc[t.i - 1].is_punct):
            return None
        s, e = seg
        # the clause-final separable particle, if any
        stop = t.i + 1
        while stop < e and not (self.doc[stop].text in FINAL | BOUNDARY and not self.in_quote(stop)):
            if self.quote_of[stop] is not None and self.quotes[self.quote_of[stop]][0] == stop:
                break  # a quotation after the verb ends its clause for the particle search
            stop += 1
        last = stop - 1
        while last > t.i and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        prt = None
        if self.has_dep:
            prt = next(
                (c for c in t.children if c.dep_ in PRT_DEPS and self.lex.is_(c.lower_, "particle")), None
            )
        if prt is None and last > t.i and self.lex.is_(self.doc[last].lower_, "particle"):
            prt = self.doc[last]
        chosen = None
        for f in forms:
            if f.particle and prt is not None and prt.lower_ == f.particle:
                chosen = (f, prt)
                break
        if chosen is None:
            for f in forms:
                if not f.particle:
                    if prt is not None and not f.moods & {"part", "inf"}:
                        continue  # a different separable verb ("findet ... statt")
                    chosen = (f, None)
                    break
        if chosen is None:
            return None
        form, particle = chosen
        cue = self.lex.cues.get(form.lemma)
        if cue is None:
            return None
        if form.lemma == "heißen":
            near = [self.doc[k].lower_ for k in range(max(s, t.i - 1), min(e, t.i + 2))]
            if "es" not in near:
                return None
        ids = [t.i]
        anchor = t
        if "inf" in form.moods and t.i > s and self.doc[t.i - 1].lower_ == "zu":
            return None  # "…, sich an der Macht zu halten": a zu-infinitive reports no act
        if form.moods <= {"part", "inf"}:
            aux = None
            if self.has_dep:
                aux = next((c for c in t.children if c.dep_ in ("aux", "aux:pass", "oc")), None)
            if aux is None:
                for k in range(t.i - 1, s - 1, -1):
                    if self.lex.is_(self.doc[k].lower_, "aux") or (
                        self.has_pos and self.doc[k].pos_ == "AUX"
                    ):
                        aux = self.doc[k]
                        break
            if aux is None:
                return None
            ids.insert(0, aux.i)
            anchor = aux
        if particle is not None:
            ids.append(particle.i)
        return cue, sorted(set(ids)), anchor

    def _plausible_speaker(self, span: tuple[int, int]) -> bool:
        """Reject subjects that cannot be speakers: adverbs, prepositional or dative phrases, "Dies", "es"."""
        first = self.doc[span[0]]
        # a name the tagger took for an adverb ("Wikinews berichtete …") stays if the parser made it the subject
        misread_name = (
            first.pos_ in ("ADP", "ADV")
            and first.dep_ in SUBJECT_DEPS
            and first.text[:1].isupper()
            and first.lower_ not in RELATIVES
        )
        if (first.pos_ in ("ADP", "ADV", "SCONJ", "VERB", "AUX") and not misread_name) or self.lex.is_(
            first.lower_, "frontable"
        ):
            return False
        if span[1] - span[0] == 1 and first.lower_ in ("dies", "das", "dieses", "was", "man", "es"):
            return False
        words = [t for t in self.doc[span[0] : span[1]] if not t.is_punct]
        if words and words[-1].lower_ in TIME_WORDS and len(words) <= 3:
            return False  # "gab am Montag … bekannt", "spricht seit einiger Zeit …"
        if len(words) == 1 and first.pos_ == "ADJ":
            return False  # "Gegenwärtig wirft X …"
        heads = [t for t in self.doc[span[0] : span[1]] if t.pos_ in ("NOUN", "PROPN", "PRON")]
        # "Den Flüchtlingen sicherte er zu": a dative is no speaker; "Seinen Ausstieg kündigte er an": nor an
        # accusative (these determiners are never nominative)
        if first.lower_ in NON_NOMINATIVE_DETERMINERS:
            return False
        return not (
            heads
            and "Case=Dat" in str(heads[0].morph)
            and first.lower_ in ("dem", "den", "der", "einem", "einer")
        )

    def subject(self, verb: Token, anchor: Token, seg: tuple[int, int]) -> tuple[int, int] | None:
        span = self._subject(verb, anchor, seg)
        return self._word_order_check(span, anchor, seg)

    def _word_order_check(self, span, anchor: Token, seg: tuple[int, int]) -> tuple[int, int] | None:
        """Between the phrase before and after a verb-second verb, prefer pronouns and bare names."""
        s, e = seg
        doc = self.doc
        if span is None or anchor.i == s:
            return span
        pre = self.np_before(anchor.i - 1, s)
        if pre is None or pre[0] != s:
            return span  # something other than one phrase stands before the verb
        k = anchor.i + 1
        while k < e and (
            doc[k].pos_ == "ADV" or (self.lex.is_(doc[k].lower_, "frontable") and doc[k].text[:1].islower())
        ):
            k += 1
        post = self.np_after(k, e) if k < e else None
        if post is None:
            return span

        def bare_name(p):
            toks = [t for t in doc[p[0] : p[1]] if not t.is_punct]
            return (
                bool(toks)
                and all(t.pos_ == "PROPN" if self.has_pos else t.text[:1].isupper() for t in toks)
                and not self.lex.is_(toks[0].lower_, "determiner")
            )

        pre, post = self._checked(pre), self._checked(post)
        if pre is None or post is None:
            return span
        first_post = doc[post[0]]
        if first_post.lower_ in ("er", "sie", "wir", "ich") and post[1] - post[0] == 1:
            return post
        pre_first = doc[pre[0]]
        if pre_first.lower_ in ("er", "sie", "wir", "ich") or (bare_name(pre) and not bare_name(post)):
            return pre
        if bare_name(post) and any(self.lex.role(t.text) for t in doc[pre[0] : pre[1]] if t.pos_ == "NOUN"):
            return pre  # "Der Regierungschef warf Deutschland Versagen vor": a role noun names the speaker
        if bare_name(post) and self.lex.is_(pre_first.lower_, "determiner") and not bare_name(pre):
            return post
        return span

    def _subject(self, verb: Token, anchor: Token, seg: tuple[int, int]) -> tuple[int, int] | None:
        s, e = seg
        lemmas = {f.lemma for f in self.lex.forms.get(verb.lower_, [])}
        if "heißen" in lemmas:
            # "heißt es in der Mitteilung", "Auf der Homepage heißt es": the document is the source
            for k in range(s, e):
                if self.doc[k].lower_ in ("in", "im", "auf", "aus") and not self.in_quote(k) and k + 1 < e:
                    return self._checked(self.np_after(k + 1, e))
            return None
        if "zitieren" in lemmas and anchor.lower_ in WERDEN_FORMS and verb.i != anchor.i:
            # "wird Musk mit den Worten zitiert": the one quoted is the speaker
            if self.has_dep:
                for c in verb.children:
                    if c.dep_ in ("nsubj:pass", "nsubj") and s <= c.i < e:
                        return self._checked(self.np_of(c, limit=(s, e)))
            k = anchor.i + 1
            while k < e and (self.doc[k].pos_ == "ADV" or self.lex.is_(self.doc[k].lower_, "frontable")):
                k += 1
            return self._checked(self.np_after(k, e)) or self._checked(self.np_before(anchor.i - 1, s))
        if self.has_dep:
            unit_start = self.units[self.unit_of[anchor.i]][0]
            for v in (verb, anchor, self._verb_above(verb)):
                # "Der Präsident, Max Muster, dankte Kim": a second subject after the verb, when one stands
                # before its segment, is a parse error (one constituent before the finite verb)
                fronted = any(
                    c.dep_ in SUBJECT_DEPS and unit_start <= c.i < s and not self.in_quote(c.i)
                    for c in v.children
                )
                for c in v.children:
                    if c.dep_ in SUBJECT_DEPS and s <= c.i < e and not self.in_quote(c.i):
                        if (c.lower_ == "es" and c.dep_ != "csubj") or (fronted and c.i > v.i):
                            continue
                        span = self.np_of(c, limit=(s, e))
                        if span and self._plausible_speaker(span):
                            return span
            outside = (
                self._subject_before_segment(verb, anchor, seg)
                or self._prefield_subject(verb, anchor, seg)
                or self._bare_prefield_subject(verb, anchor, seg)
            )
            if outside is not None:
                return outside
            # passive: "von X" agent
            for c in verb.children:
                agent = c.dep_ in ("obl:agent", "sbp") or (
                    c.dep_ == "obl"
                    and any(g.lower_ in ("von", "vom") for g in c.children if g.dep_ == "case")
                )
                if agent and anchor.lower_ in WERDEN_FORMS | {"worden"}:
                    return self.np_of(c, limit=(s, e))
        if (
            verb.i != anchor.i
            and anchor.lower_ in WERDEN_FORMS
            and (
                self.lex.forms.get(verb.lower_)
                and all(f.moods <= {"part", "inf"} for f in self.lex.forms[verb.lower_])
            )
        ):
            for k in range(s, e):  # "von X" agent without a parse
                if self.doc[k].lower_ in ("von", "vom") and not self.has_dep:
                    return self.np_after(k + 1, e)
            return None  # a passive without agent names no speaker
        # word order: verb first in its segment (inversion) or after fronted material → subject follows
        before = [self.doc[k] for k in range(s, anchor.i) if not self.doc[k].is_space]
        # a verb-final relative or subordinate clause: "…, in der der Machthaber die Beziehungen … lobte"
        k = s
        if k < anchor.i and self.doc[k].pos_ == "ADP":
            k += 1
        if (
            k < anchor.i
            and (
                self.lex.is_(self.doc[k].lower_, "subordinator")
                or (
                    self.doc[k].lower_ in RELATIVES
                    and (self.doc[k].pos_ == "PRON" or k > s or s > 0 and self.doc[s - 1].text == ",")
                )
            )
            and anchor.i >= e - 2 - sum(1 for t in self.doc[anchor.i : e] if t.is_punct)
        ):
            span = self._checked(self.np_after(k + 1, anchor.i))
            if span is not None:
                return span
        # the subject with its apposition in the segments before a clause-initial verb
        if not before:
            u = self.units[self.unit_of[anchor.i]]
            prev = [g for g in self.segments(u[0], s) if g[1] <= s]
            if prev and prev[0][0] == u[0] and all(self._apposition(g) or self._nominal(g) for g in prev):
                return self._checked((prev[0][0], prev[-1][1]))
        if before and before[0].lower_ in ("wie", "was", "so"):
            k = before[0].i + 1
            while k < anchor.i and (
                self.doc[k].pos_ == "ADV" or self.lex.is_(self.doc[k].lower_, "frontable")
            ):
                k += 1
            return self._checked(self.np_after(k, anchor.i))
        fronted = not before or (
            self.lex.is_(before[0].lower_, "frontable")
            or before[0].pos_ in ("ADP", "ADV")
            or before[0].text[:1].isdigit()
        )
        after = None
        k = anchor.i + 1
        while k < e and (
            (self.lex.is_(self.doc[k].lower_, "frontable") and self.doc[k].text[:1].islower())
            or self.doc[k].pos_ == "ADV"
        ):
            k += 1
        after = self._checked(self.np_after(k, e))
        if fronted:
            return after
        return self._checked(self.np_before(anchor.i - 1, s)) or after

    def _prefield_subject(self, verb: Token, anchor: Token, seg: tuple[int, int]) -> tuple[int, int] | None:
        """Where the parse links no subject: a segment that opens with a finite verb, after a noun phrase with
        only appositions and relative clauses between, has that noun phrase as its subject ("Die Anwohner,
        die …, gehen von … aus", "Die Bürgermeisterin, Petra Lang, besuchte … und bezeichnete …")."""
        s, e = seg
        if anchor.lower_ in WERDEN_FORMS:
            return None  # a passive names its agent with "von"
        first = next((t for t in self.doc[s:e] if not t.is_space and not t.is_punct), None)
        if first is None or first.i > min(verb.i, anchor.i) or not self.is_finite_verb(first):
            return None
        before = [g for g in self.segments(self.units[self.unit_of[anchor.i]][0], s) if g[1] <= s]
        if len(before) < 2 or not self._nominal(before[0]):
            return None
        span = before[0]
        for g in before[1:]:
            if self._relative(*g):
                continue
            if not self._apposition(g) or span[1] < g[0] - 1:
                return None  # an apposition counts only right after the noun phrase
            span = (span[0], g[1])  # "Die Bürgermeisterin, Petra Lang"
        return self._checked(self.strip_final(*span))

    def _bare_prefield_subject(
        self, verb: Token, anchor: Token, seg: tuple[int, int]
    ) -> tuple[int, int] | None:
        """Where the parse links no subject but an object after the finite verb: the noun phrase without a
        preposition that fills the position before the verb is the subject ("Acht von zehn Befragten halten
        die Regel für falsch" parsed with "Acht" as an oblique)."""
        s, e = seg
        if anchor.lower_ in WERDEN_FORMS or not any(
            c.dep_ in ("obj", "ccomp") and c.i > anchor.i for c in verb.children
        ):
            return None
        before = [c for c in verb.children if s <= c.i < anchor.i and not c.is_punct and not c.is_space]
        if not before or before[0].dep_ not in ("obl", "nmod", "obj") or self.in_quote(before[0].i):
            return None
        head = before[0]
        if head.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") or any(g.dep_ == "case" for g in head.children):
            return None
        start, end = head.left_edge.i, max(c.right_edge.i for c in before) + 1
        if start < s or end != anchor.i:
            return None  # the noun phrase and what hangs on it must fill the prefield exactly
        return self._checked((start, end))

    @staticmethod
    def _verb_above(verb: Token) -> Token:
        """The head of ``verb``; for a conjunct the parser hung on a noun ("berief sich auf ein Mitglied und
        berichtete" with "berichtete" under "Mitglied"), the nearest verb above it."""
        head = verb.head
        if verb.dep_ in ("conj", "cj"):
            for _ in range(3):
                if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                    break
                head = head.head
        return head

    def _subject_before_segment(
        self, verb: Token, anchor: Token, seg: tuple[int, int]
    ) -> tuple[int, int] | None:
        """The parsed subject of a clause whose verb opens a later segment, when only appositions and relative
        clauses stand between them: "Gutachter der Gesellschaft, die den Fall prüften, gehen von … aus",
        "Der Präsident, Max Muster, lobte die Helfer und bezeichnete …"."""
        s, e = seg
        u = self.units[self.unit_of[anchor.i]]
        heads = [verb, anchor]
        above = self._verb_above(verb)
        if verb.dep_ in ("conj", "cj") and s <= above.i < e:
            heads.append(above)
        for v in heads:
            for c in v.children:
                if (
                    c.dep_ not in SUBJECT_DEPS
                    or not (u[0] <= c.i < s)
                    or self.in_quote(c.i)
                    or c.lower_ == "es"
                ):
                    continue
                span = self.np_of(c, limit=(u[0], s))
                if span is None or not self._plausible_speaker(span):
                    continue
                between = [g for g in self.segments(span[1], s) if g[1] <= s]
                relative = [self._relative(*g) for g in between]
                if not (any(relative) or v is not verb and v is not anchor):
                    continue  # only appositions between: the word-order rules take the whole stretch
                if not all(
                    r or self._apposition(g) or self._nominal(g)
                    for g, r in zip(between, relative, strict=True)
                ):
                    continue
                for g, r in zip(between, relative, strict=True):
                    if r:
                        break
                    span = (span[0], g[1])  # "Der Korrespondent, Max Muster, …"
                return span
        return None

    def _nominal(self, seg: tuple[int, int]) -> bool:
        """A verbless noun phrase stretch ("Der Präsident der russischen Duma")."""
        toks = [t for t in self.doc[seg[0] : seg[1]] if not t.is_space]
        if not toks or len(toks) > 12 or any(self.in_quote(t.i) for t in toks):
            return False
        if self.has_pos:
            return any(t.pos_ in ("NOUN", "PROPN") for t in toks) and all(
                t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "ADP", "PUNCT", "NUM", "X", "CCONJ") for t in toks
            )
        return not any(self.is_finite_verb(t) and t.text[:1].islower() for t in toks)

    def _checked(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None or not self._plausible_speaker(span):
            return None
        return span

    # ------------------------------------------------------------------ main entry
    def find(self, doc: Doc) -> list[Attribution]:
        self.prepare(doc)
        found: list[Attribution] = []
        self.weak: list[Attribution] = []  # reported acts that make no statement (kept as sources of figures)
        used_quotes: set[int] = set()
        last: Attribution | None = None
        last_unit = -10
        for u, (s, e) in enumerate(self.units):
            made = self._unit(u, s, e, used_quotes, last)
            if made:
                # a weak reported act ("lehnte den Antrag ab") makes no statement, but it is what the sentence
                # reports: the sentence is no free continuation, and what follows does not continue the one before
                found.extend(a for a in made if a.rule != WEAK)
                self.weak.extend(a for a in made if a.rule == WEAK)
                last = made[-1]
                last_unit = u
                continue
            cont = self._continuation(u, s, e, last, last_unit, found)
            if cont is not None:
                if (
                    found
                    and found[-1].form == cont.form
                    and cont.form in (INDIRECT_FREE_INDIRECT, FREE_INDIRECT)
                    and found[-1].rule == cont.rule
                    and last_unit == u - 1
                    and self.paragraph[found[-1].content[1] - 1] == self.paragraph[s]
                ):
                    prev = found[-1]  # consecutive continuation sentences form one statement
                    prev.message.extend(range(s, e))
                    prev.content = (prev.content[0], self.strip_final(s, e)[1])
                else:
                    found.append(cont)
                last = found[-1]
                last_unit = u
        self._nest_fragments(found)
        return found

    # ------------------------------------------------------------------ one unit
    def _unit(
        self, u: int, s: int, e: int, used_quotes: set[int], last: Attribution | None
    ) -> list[Attribution]:
        doc = self.doc
        out: list[Attribution] = []
        segs = self.segments(s, e)
        seg_of = {}
        for k, (a, b) in enumerate(segs):
            for i in range(a, b):
                seg_of[i] = k
        # 1. verb cues outside quotations
        cues = []
        for t in doc[s:e]:
            if t.i not in seg_of:
                continue
            hit = self.verb_cue(t, segs[seg_of[t.i]])
            if hit:
                cue, ids, anchor = hit
                if any(ids[0] <= c[1][-1] and c[1][0] <= ids[-1] for c in cues):
                    continue
                cues.append((cue, ids, anchor, t, seg_of[t.i]))
        taken: set[int] = set()
        # "…, wie X berichtete": X is the speaker only when nothing else in the sentence names a source
        wie = [c for c in cues if self._is_wie(c[2], segs[c[4]])]
        for cue, ids, anchor, verb, k in (c for c in cues if c not in wie):
            a = self._verb_statement(cue, ids, anchor, verb, k, segs, s, e, used_quotes, last)
            if a is not None:
                if any(i in taken for i in range(*a.content)) and a.form != DIRECT:
                    continue
                taken.update(range(*a.content))
                out.append(a)
        for a in out:
            self._relay_speaker(a, segs)
        # a medium that published what the sentence reports: "KCNA veröffentlichte Kims Antwort, in der er … lobte"
        if out:
            for cue, ids, anchor, verb, k in cues:
                if cue.lemma in PUBLISHING and not any(set(ids) & set(o.cue) for o in out):
                    speaker = self.subject(verb, anchor, segs[k])
                    if speaker and self.is_media(speaker):
                        for o in out:
                            o.relays.append(speaker)
        # 2. according-to phrases (outside the "wie X berichtete" clauses)
        aside = [segs[c[4]] for c in wie]
        for a in self._according_to(s, e, segs, last, aside):
            if (
                out
                and all(o.form == REPORTED for o in out)
                and a.rule == "according-to"
                and not self.is_media(a.speaker)
            ):
                # "hat nach Angaben der Polizei ... gefordert": the phrase is the attribution; a reported act in
                # another clause ("Nach Angaben der Polizei kamen 12.000, die Veranstalter sprachen von 20.000")
                # keeps its own speaker, and the phrase covers the rest of the sentence
                out = [o for o in out if o.message and not (min(o.message) <= a.cue[0] <= max(o.message))]
                if out:
                    apart = {k for o in out for k in o.message}
                    a.message = [k for k in a.message if k not in apart]
                    lo, hi = a.content
                    hi = next((k for k in range(max(lo, a.cue[0]), hi) if k in apart), hi)
                    lo = next((k for k in range(lo, hi) if k not in apart), hi)
                    if len(a.message) >= 3 and hi > lo:
                        a.content = self.strip_final(lo, hi)
                        out.append(a)
                    continue
            if out:
                # the phrase names where the other statements of the sentence came from
                for o in out:
                    if a.rule == "demnach":
                        o.inherit_from = -1  # "Er fügte demnach hinzu": same channel as before
                    elif a.speaker:
                        o.relays.append(a.speaker)
                continue
            out.append(a)
        # 3. "wie X berichtete": a relay of the sentence's statements, else a statement of its own
        for cue, ids, anchor, verb, k in wie:
            if out:
                speaker = self.subject(verb, anchor, segs[k])
                for o in out:
                    if speaker and not (
                        o.speaker and o.speaker[0] < speaker[1] and speaker[0] < o.speaker[1]
                    ):
                        o.relays.append(NamedRelay(speaker))
                continue
            a = self._verb_statement(cue, ids, anchor, verb, k, segs, s, e, used_quotes, last)
            if a is not None:
                self._relay_speaker(a, segs)
                out.append(a)
        # 4. quotations with a colon before them or a cue-less full sentence
        for q, (qs, qe, _) in enumerate(self.quotes):
            if q in used_quotes or not (s <= qs < e):
                continue
            a = self._bare_quote(q, qs, qe, s, e, segs, last if not out else out[-1])
            if a is not None:
                used_quotes.add(q)
                out.append(a)
        out.sort(key=lambda a: a.content[0])
        return out

    def _verb_statement(self, cue, ids, anchor, verb, k, segs, s, e, used_quotes, last) -> Attribution | None:
        doc = self.doc
        seg = segs[k]
        speaker = self.subject(verb, anchor, seg)
        # "Dies bestätigte der Sprecher.": the content is the sentence before
        if (
            seg[0] == s
            and anchor.i == s + 1
            and doc[s].lower_ in ("dies", "das", "dieses", "dem")
            and "c" in cue.frames
        ):
            u = self.unit_of[s]
            if u > 0 and self.paragraph[self.units[u - 1][0]] == self.paragraph[s]:
                ps, pe = self.strip_final(*self.units[u - 1])
                k2 = anchor.i + 1
                while k2 < e and self.lex.is_(doc[k2].lower_, "frontable"):
                    k2 += 1
                spk = self.np_after(k2, e)
                if pe > ps and spk:
                    return Attribution(
                        form=INDIRECT,
                        kind="indirect",
                        content=(ps, pe),
                        message=[*range(ps, pe), s],
                        cue=ids,
                        speaker=spk,
                        frame=list(range(s + 1, e)),
                        confidence=0.7,
                        rule="anaphoric",
                    )
        # a quotation right after the cue clause (":" or ",") or right before it („…“, sagte X)
        after = seg[1]
        k2 = k
        while after < e and doc[after].text == "," and k2 + 1 < len(segs) and self._apposition(segs[k2 + 1]):
            k2 += 1
            after = segs[k2][1]  # the colon may follow an apposition of the speaker
        if (
            after < e
            and doc[after].text in (":", ",")
            and after + 1 < e
            and self.quote_of[after + 1] is not None
        ):
            q = self.quote_of[after + 1]
            qs, qe, _ = self.quotes[q]
            if q not in used_quotes and qe - qs >= 3:
                used_quotes.add(q)
                return self._direct(q, ids, speaker, frame=list(range(s, after + 1)), rule="cue-colon")
        if after < len(doc) and doc[after].text == ":" and after + 1 >= e:
            j = after + 1
            while j < len(doc) and doc[j].is_space:
                j += 1
            q = self.quote_of[j] if j < len(doc) else None
            if q is not None and q not in used_quotes and self.quotes[q][0] == j:
                used_quotes.add(q)
                return self._direct(q, ids, speaker, frame=list(range(s, after + 1)), rule="cue-colon")
        first = seg[0]
        lead = [doc[i] for i in range(first, anchor.i)]
        cue_first = not lead or all(
            t.lower_ in ("so", "wie") or self.lex.is_(t.lower_, "frontable") for t in lead
        )
        wie = bool(lead) and lead[0].lower_ == "wie"  # "…, wie das Ministerium mitteilte."
        if first > s and (cue_first or wie):
            prev_end = first - 1  # the boundary token
            q = self.quote_of[prev_end - 1] if prev_end - 1 >= s else None
            if q is not None and q not in used_quotes and self.quotes[q][1] == prev_end:
                qs, qe, _ = self.quotes[q]
                used_quotes.add(q)
                frame = list(range(prev_end, e))
                return self._direct(q, ids, speaker, frame=frame, rule="quote-cue")
            if (
                q is None
                and doc[prev_end].text == ","
                and "c" in cue.frames
                and self._clause_before(s, prev_end, speaker, anchor, verb_final=wie)
            ):
                cs, ce = self.strip_final(s, prev_end)
                if ce - cs >= 3:
                    frame = list(range(prev_end, e))
                    return Attribution(
                        form=INDIRECT,
                        kind="according_to" if wie else "indirect",
                        content=(cs, ce),
                        message=list(range(cs, ce)),
                        cue=([lead[0].i] if wie else []) + ids,
                        speaker=speaker,
                        frame=frame,
                        confidence=0.8,
                        rule="content-cue",
                    )
        if lead and lead[0].lower_ == "wie" and "c" in cue.frames:
            # "Wie X berichtete, ..." before the main clause
            nxt = seg[1]
            if nxt < e and doc[nxt].text == ",":
                cs, ce = self.strip_final(nxt + 1, e)
                if ce - cs >= 3:
                    return Attribution(
                        form=INDIRECT,
                        kind="according_to",
                        content=(cs, ce),
                        message=list(range(cs, ce)),
                        cue=[lead[0].i, *ids],
                        speaker=speaker,
                        frame=list(range(seg[0], nxt + 1)),
                        confidence=0.75,
                        rule="wie-cue",
                    )
        # content clause after the cue clause (skipping an apposition: "sagte der Direktor, Max Muster, ...")
        k = max(
            k, next((n for n, (a, b) in enumerate(segs) if a <= max(ids) < b), k)
        )  # after "bekannt" in "gab X, Y, bekannt"
        if "c" in cue.frames and k + 1 < len(segs):
            j = k + 1
            while j + 1 < len(segs) and (
                self._apposition(segs[j])
                or self._relative(*segs[j])
                or doc[segs[j][0]].lower_ in ("ohne", "statt", "anstatt")
            ):
                j += 1  # "sagte Müller, der die Firma leitet, …", "sagte X, ohne Details zu nennen, dass …"
            nseg = segs[j]
            frame_end = nseg[0]
            if doc[nseg[0] - 1].text in (",", ":"):
                content_end = self.strip_final(nseg[0], e)[1]
                kind = self._content_clause(nseg, verb, anchor)
                if doc[nseg[0]].lower_ in ADVERBIAL_SUBORDINATORS | {"um", "ohne", "statt", "anstatt"} or (
                    self._relative(*nseg)
                ):
                    # "forderte X, um … zu …", "…, weil …": a purpose or reason, not the content; "wies auf die
                    # Gefahren hin, die …": a relative clause belongs to the noun-phrase content
                    kind = None
                if kind is None and doc[nseg[0] - 1].text == ":" and not self.in_quote(nseg[0]):
                    kind = "colon"
                if kind is not None and content_end > nseg[0]:
                    return Attribution(
                        form=INDIRECT,
                        kind="indirect",
                        content=(nseg[0], content_end),
                        message=list(range(nseg[0], content_end)),
                        cue=ids,
                        speaker=speaker,
                        frame=list(range(s, frame_end)),
                        confidence={"conj": 0.85, "sub": 0.85, "zu": 0.7, "v2": 0.65}.get(kind, 0.6),
                        rule="cue-clause",
                    )
        # "verwies auf ...", "lobte die Soldaten": a reported speech act with a noun-phrase content
        clause = [doc[i] for i in range(seg[0], seg[1]) if not self.in_quote(i)]
        question = doc[e - 1].text == "?" if e > s else False
        reflexive = any(t.lower_ == "sich" for t in clause) and cue.lemma in ("nennen", "bezeichnen")
        nonspeech = any(
            self.lex.is_(t.lower_, "nonspeech")
            and cue.lemma
            in ([v for v in self.lex.features(t.lower_, "nonspeech").split(",") if v] or [cue.lemma])
            for t in clause
        )  # "forderte 100 Todesopfer" (but "berichtete von 41 Toten")
        if (
            ("n" in cue.frames or "w" in cue.frames)
            and (speaker is not None or self._passive(verb, anchor, seg))
            and not self.in_quote(anchor.i)
            and not (question or reflexive or nonspeech)
            and not self.is_subjunctive(anchor)  # "Er halte X für vertretbar": the act is itself reported
        ):
            preps = cue.frames.split(":", 1)[1].split("|") if ":" in cue.frames else None
            if speaker is not None and preps and speaker[0] > anchor.i:
                # "sprach Angela Merkel von der Möglichkeit …": the speaker ends before the content's preposition
                cut = next((i for i in range(speaker[0] + 1, speaker[1]) if doc[i].lower_ in preps), None)
                if cut is not None:
                    speaker = self._checked(self.strip_edges(speaker[0], cut))
                    if speaker is None:
                        return None
            content = self._np_content(verb, anchor, ids, seg, speaker)
            if content is not None and preps and not any(doc[i].lower_ in preps for i in range(*content)):
                content = None
            negated = any(
                doc[i].lower_ in ("nicht", "nichts", "kein", "keine")
                for i in range(seg[0], seg[1])
                if not self.in_quote(i)
            )
            if content is not None and negated and "sich" in [doc[i].lower_ for i in range(seg[0], seg[1])]:
                content = None
            if content is not None:
                quoted = [
                    q
                    for q, (qs, qe, _) in enumerate(self.quotes)
                    if content[0] <= qs and qe <= content[1] + 1 and q not in used_quotes
                ]
                q_tokens = sum(self.quotes[q][1] - self.quotes[q][0] for q in quoted)
                if (
                    quoted
                    and q_tokens * 10 >= 3 * (content[1] - content[0])
                    and self._speech_like(*self.quotes[quoted[0]][:2])
                ):
                    q = quoted[0]
                    used_quotes.add(q)
                    d = self._direct(
                        q, ids, speaker, frame=list(range(s, e)), rule="cue-fragment", confidence=0.75
                    )
                    d.kind = "mixed"
                    d.content = content
                    return d
                weak = "n" not in cue.frames  # "lehnte den Antrag ab": narration more often than a speech act
                if self._passive(verb, anchor, seg):
                    # "wurde von X als … bezeichnet": the agent speaks; without one nobody is named
                    agent = self._agent(seg)
                    if agent is None:
                        return None
                    if agent[0] < content[1] and content[0] < agent[1]:
                        # the content is what the agent phrase leaves of the clause before the cue
                        lo, hi = (agent[1], min(ids)) if agent[0] <= seg[0] + 1 else (seg[0], agent[0] - 1)
                        lo, hi = self.strip_final(lo, hi)
                        while hi > lo and self.doc[hi - 1].pos_ == "AUX":
                            hi -= 1
                        while lo < hi and self.doc[lo].pos_ == "AUX":
                            lo += 1
                        if hi - lo < 2:
                            return None
                        content = (lo, hi)
                    speaker = agent
                us, ue = self._reported_extent(seg, speaker, s, e)
                return Attribution(
                    form=REPORTED,
                    kind="indirect",
                    content=content,
                    message=list(range(us, ue)),
                    cue=ids,
                    speaker=speaker,
                    frame=[],
                    confidence=0.35 if weak else 0.6,
                    rule="reported-weak" if weak else "reported",
                )
        return None

    def _passive(self, verb: Token, anchor: Token, seg: tuple[int, int]) -> bool:
        """A cue participle with a form of "werden"/"sein" in its clause ("wurde … angekündigt")."""
        if verb.i == anchor.i and "VerbForm=Part" not in str(verb.morph):
            return False
        if "VerbForm=Part" not in str(verb.morph) and verb.tag_ != "VVPP":
            return False
        return any(
            self.doc[i].lemma_ in PASSIVE_AUXILIARIES and self.doc[i].pos_ == "AUX"
            for i in range(seg[0], seg[1])
            if not self.in_quote(i)
        )

    def _agent(self, seg: tuple[int, int]) -> tuple[int, int] | None:
        """The "von X" agent of a passive clause."""
        for k in range(seg[0], seg[1]):
            if self.doc[k].lower_ in ("von", "vom") and not self.in_quote(k):
                end = next(
                    (
                        i
                        for i in range(k + 1, seg[1])
                        if self.doc[i].pos_ in ("AUX", "VERB") or self.doc[i].lower_ == "als"
                    ),
                    seg[1],
                )  # "Von X wurden …", "von X als …": the agent ends before the verb or the predicate
                span = self.np_after(k + 1, end)  # a dative, so no _checked
                if span is None or self.doc[span[0]].pos_ in ("ADV", "VERB", "AUX"):
                    return None
                return span
        return None

    def _is_wie(self, anchor: Token, seg: tuple[int, int]) -> bool:
        return self.doc[seg[0]].lower_ == "wie" and anchor.i > seg[0]

    def _apposition(self, seg: tuple[int, int]) -> bool:
        """A short verbless stretch of names between commas ("Max Muster", "Präsident der Firma")."""
        toks = [t for t in self.doc[seg[0] : seg[1]] if not t.is_space]
        if not toks or len(toks) > 10:
            return False
        if not toks[0].text[:1].isupper() and not (
            self.lex.is_(toks[0].lower_, "determiner") and len(toks) > 1 and toks[1].text[:1].isupper()
        ):
            return False  # "Max Muster" or "die Leiterin der Fachstelle"
        if any(self.in_quote(t.i) for t in toks):
            return False
        if self.has_pos:
            return all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "ADP", "PUNCT", "NUM", "X") for t in toks)
        return not any(self.is_finite_verb(t) and t.text[:1].islower() for t in toks)

    def _content_clause(self, seg: tuple[int, int], verb: Token, anchor: Token) -> str | None:
        """How the segment after a cue is its content: conj (dass/ob/w-), sub (Konjunktiv), zu, v2, or None."""
        doc = self.doc
        toks = [doc[i] for i in range(seg[0], seg[1])]
        if not toks:
            return None
        if self.lex.is_(toks[0].lower_, "subordinator"):
            return "conj"
        if any(self.is_subjunctive(t) for t in toks):
            return "sub"
        if any(
            t.tag_ in ("VVIZU", "PTKZU")
            or (t.lower_ == "zu" and i + 1 < len(toks) and toks[i + 1].text[:1].islower())
            for i, t in enumerate(toks)
        ):
            return "zu"
        if self.has_dep:
            if any(
                t.head.i in (verb.i, anchor.i) and t.dep_ in ("ccomp", "parataxis", "xcomp", "oc")
                for t in toks
            ):
                return "v2"
        elif any(self.is_finite_verb(t) and t.text[:1].islower() for t in toks[1:5]):
            return "v2"
        return None

    def _clause_before(self, s: int, end: int, speaker, anchor, verb_final: bool = False) -> bool:
        """Is ``[s, end)`` a main clause that a following ", sagte X" (or ", wie X mitteilte") reports (not the
        cue's own subject)? In a verb-final "wie" clause the speaker stands before the cue."""
        doc = self.doc
        if speaker is not None and speaker[1] <= anchor.i and not verb_final:
            return False
        first = next((doc[i] for i in range(s, end) if not doc[i].is_punct and not doc[i].is_space), None)
        if first is None or (self.lex.is_(first.lower_, "subordinator") and first.lower_ not in ("wonach",)):
            return False
        if first.lower_ in (
            "wenn",
            "nachdem",
            "als",
            "weil",
            "obwohl",
            "da",
            "falls",
            "während",
            "bevor",
            "damit",
            "um",
        ):
            return False
        # a finite verb outside relative and subordinate clauses: "Zapatero, der der PSOE angehört, verwies …"
        # fronts a noun phrase with a relative clause, not a reported main clause
        main = [
            i
            for a, b in self.segments(s, end)
            if a == s or not self._relative_or_subordinate(a, b)
            for i in range(a, b)
        ]
        if self.has_pos:
            return any(doc[i].pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(doc[i].morph) for i in main)
        return any(self.is_finite_verb(doc[i]) for i in main)

    def _relative_or_subordinate(self, a: int, b: int) -> bool:
        """Does the segment ``[a, b)`` open a relative or subordinate clause ("die …", "in der …", "weil …")?"""
        doc = self.doc
        toks = [t for t in doc[a:b] if not t.is_space and not (t.is_punct and t.text not in '„“"')]
        if not toks:
            return False
        first = toks[0]
        if first.lower_ in ADVERBIAL_SUBORDINATORS or self.lex.is_(first.lower_, "subordinator"):
            return True
        return self._relative(a, b)

    def _relative(self, a: int, b: int) -> bool:
        """Does the segment ``[a, b)`` open a relative clause ("die …", "in der …", "aus denen …")?"""
        toks = [t for t in self.doc[a:b] if not t.is_space and not t.is_punct]
        if not toks:
            return False
        first = toks[0]
        rel = next((t for t in toks[:2] if t.lower_ in RELATIVES), None)
        if rel is None or (rel is not first and first.pos_ != "ADP"):
            return False
        if self.has_pos and (rel.pos_ == "PRON" or rel.tag_ in ("PRELS", "PRELAT")):
            return True
        # "…, in der der Machthaber …", "…, die sich …": no noun follows the word, so it is no article
        nxt = toks[toks.index(rel) + 1] if toks.index(rel) + 1 < len(toks) else None
        return nxt is not None and (
            nxt.lower_ in RELATIVES or self.lex.is_(nxt.lower_, "determiner") or nxt.lower_ in ("sich", "es")
        )

    def _reported_extent(self, seg, speaker, s: int, e: int) -> tuple[int, int]:
        """The clause a reported speech act spans: from its subject or segment start to the clause end.

        Relative clauses stay in; an adverbial clause ("…, während die EU den Vorstoß begrüßte") ends it.
        """
        doc = self.doc
        start = min(seg[0], speaker[0]) if speaker else seg[0]
        for a, b in reversed([g for g in self.segments(s, e) if g[1] <= start]):
            relative = (
                a > s and doc[a].lower_ not in ADVERBIAL_SUBORDINATORS and self._relative_or_subordinate(a, b)
            )
            if not relative and any(
                self.is_finite_verb(doc[k]) and doc[k].pos_ in ("VERB", "AUX")
                for k in range(a, b)
                if not self.in_quote(k)
            ):
                break
            # "Am Ende des Wahlabends (Stand: 00:35 Uhr) gab der Bundeswahlleiter ...", "In einem Bericht, der
            # dem Rat vorlag, fordert X ...": fronted phrases and their relative clauses belong to the act
            start = a
        if start <= s + 1:
            start = s
        first = doc[seg[0]]
        relative = first.lower_ in ("der", "die", "das", "welche", "welcher") and (
            first.pos_ == "PRON" if self.has_pos else seg[0] + 1 < e and doc[seg[0] + 1].text[:1].islower()
        )
        adverbial = first.lower_ in ADVERBIAL_SUBORDINATORS
        if (relative or self.lex.is_(first.lower_, "subordinator") or adverbial) and (
            seg[0] > s or adverbial
        ):
            return start, seg[1]  # a relative or subordinate clause
        end = e
        for k in range(seg[1], e):
            t = doc[k]
            if (
                t.text == ","
                and not self.in_quote(k)
                and k + 1 < e
                and doc[k + 1].lower_ in CONTRASTIVE_SUBORDINATORS
            ):
                end = k + 1  # "…, während die EU den Vorstoß begrüßte" (a reason, "weil …", stays in)
                break
        return start, end

    def _np_content(self, verb, anchor, ids, seg, speaker) -> tuple[int, int] | None:
        s, e = seg
        if self.has_dep:
            parts = []
            for v in {verb, anchor}:
                for c in v.children:
                    if c.i in ids or not (s <= c.i < e):
                        continue
                    # a verb has no apposition: "bezeichnete X als „…“" with the "als" phrase misattached
                    if c.dep_ in ("obj", "iobj", "oa", "da", "ccomp", "xcomp", "op", "oc", "appos"):
                        parts.append(c)
                    elif c.dep_ in ("obl", "mo", "advcl", "pd"):
                        case = [g for g in c.children if g.dep_ in ("case", "mark")]
                        if (case and case[0].lower_ in CONTENT_PREPS | {"als"}) or c.lower_ == "als":
                            parts.append(c)
            if not parts:
                return self._np_content_by_order(verb, anchor, ids, seg, speaker)
            lo = min(p.left_edge.i for p in parts)
            hi = max(p.right_edge.i for p in parts) + 1
            lo, hi = max(lo, s), min(hi, e)
            if speaker and speaker[0] <= lo < speaker[1]:
                lo = speaker[1]
            lo, hi = self.strip_final(lo, hi)
            return (lo, hi) if hi > lo else None
        return self._np_content_by_order(verb, anchor, ids, seg, speaker)

    def _np_content_by_order(self, verb, anchor, ids, seg, speaker) -> tuple[int, int] | None:
        """Without a usable parse: what follows the verb and the subject, up to the participle or particle."""
        doc = self.doc
        u = self.units[self.unit_of[anchor.i]]
        first = min(anchor.i, verb.i)
        start = first + 1
        if speaker and speaker[0] >= start and speaker[0] - start <= 3:
            start = speaker[1]
        last_cue = max(ids)
        end = last_cue if last_cue > start else u[1]
        tail = [t for t in doc[first + 1 : u[1]] if not t.is_punct and not t.is_space]
        if not tail and speaker and speaker[1] < first:
            return (speaker[1], first) if first - speaker[1] >= 2 else None  # verb-final clause
        # stop at a following clause ("..., dass", "..., um ... zu") or a quotation-free sentence end
        for k in range(start, end):
            if (
                doc[k].text in (",", ";", ":")
                and not self.in_quote(k)
                and k + 1 < end
                and (
                    self.lex.is_(doc[k + 1].lower_, "subordinator")
                    or doc[k + 1].lower_ in ("um", "weil", "da", "wenn")
                )
            ):
                end = k
                break
        while end > start and (
            doc[end - 1].i in ids or (doc[end - 1].is_punct and not self.in_quote(end - 1))
        ):
            end -= 1
        while start < end and (
            self.lex.is_(doc[start].lower_, "frontable") and doc[start].text[:1].islower()
        ):
            start += 1
        if speaker and speaker[0] <= start < speaker[1]:
            start = speaker[1]
        if end - start == 1 and doc[start].pos_ == "NOUN" and not self.in_quote(start):
            return (start, end)  # "kündigten Untersuchungen an"
        return (start, end) if end - start >= 2 else None

    # ------------------------------------------------------------------ direct quotes
    def _direct(self, q: int, cue_ids, speaker, frame, rule: str, confidence: float = 0.9) -> Attribution:
        qs, qe, balanced = self.quotes[q]
        inner = (qs + 1, qe - 1 if balanced else qe)
        return Attribution(
            form=DIRECT,
            kind="direct",
            content=self.strip_edges(*inner),
            message=list(range(qs, qe)),
            cue=list(cue_ids),
            speaker=speaker,
            frame=[i for i in frame if not (qs <= i < qe)],
            confidence=confidence,
            rule=rule,
        )

    def strip_edges(self, s: int, e: int) -> tuple[int, int]:
        while s < e and self.doc[s].is_space:
            s += 1
        while e > s and self.doc[e - 1].is_space:
            e -= 1
        return s, e

    def _bare_quote(self, q, qs, qe, s, e, segs, last) -> Attribution | None:
        doc = self.doc
        words = sum(1 for i in range(qs, qe) if doc[i].is_alpha)
        # "Name: „…“" (captions, interviews) or "mit den Worten: „…“"
        if qs >= 1 and doc[qs - 1].text == ":":
            seg = next(((a, b) for a, b in segs if b == qs - 1), None)
            if seg is None and qs - 1 < s:
                prev = self.units[self.unit_of[qs - 1]]
                seg = next(((a, b) for a, b in self.segments(*prev) if b == qs - 1), None)
            if seg and words >= 2:
                speaker = None
                cue_ids = []
                for i in range(seg[0], seg[1]):
                    if doc[i].lower_ in ("worten", "aussage", "mitteilung", "erklärung"):
                        cue_ids = [i]
                for i in range(seg[0], seg[1]):
                    t = doc[i]
                    named = t.ent_type_ in ("PER", "PERSON") or (
                        t.pos_ == "PROPN"
                        if self.has_pos and not self.doc.has_annotation("ENT_IOB")
                        else not self.has_pos and t.text[:1].isupper()
                    )
                    if named and not speaker:
                        start = i
                        while (
                            start - 1 >= seg[0]
                            and doc[start - 1].text[:1].isupper()
                            and self.lex.role(doc[start - 1].text)
                        ):
                            start -= 1  # "Kremlchef Putin (l.)"
                        speaker = (start, self._name_end(i, seg[1]))
                return self._direct(
                    q, cue_ids, speaker, frame=list(range(seg[0], qs)), rule="colon", confidence=0.7
                )
        starts_unit = all(doc[i].is_space or doc[i].is_punct for i in range(s, qs))
        if starts_unit and words >= 4:
            text = doc[qs:qe].text.rstrip("“”\"«»'’‘ ")
            full = text[-1:] in FINAL or qe >= e - 1
            if full:
                d = self._direct(q, [], None, frame=[], rule="continuation", confidence=0.55)
                if (
                    last is not None
                    and last.speaker is not None
                    and self.unit_of[last.content[0]] >= self.unit_of[qs] - 2
                ):
                    d.speaker = last.speaker
                    d.inherit_from = -1
                    d.confidence = 0.7
                else:
                    d.confidence = 0.45
                return d
        return None

    def _name_end(self, i: int, end: int) -> int:
        doc = self.doc
        j = i
        while j < end and (
            doc[j].ent_iob_ == "I" or j == i or (not self.has_pos and doc[j].text[:1].isupper())
        ):
            j += 1
        # a short parenthesis after the name ("(l.)", "(SPD)")
        if j < end and doc[j].text == "(":
            k = j
            while k < end and doc[k].text != ")" and k - j < 5:
                k += 1
            if k < end and doc[k].text == ")":
                j = k + 1
        return j

    # ------------------------------------------------------------------ according to
    def _according_to(self, s: int, e: int, segs, last, aside=()) -> list[Attribution]:
        """According-to phrases ("laut X", "nach Angaben von X", "X zufolge", "…, so X", "demnach"). ``aside``:
        stretches of the sentence that are no part of what the phrase covers ("…, wie Reuters berichtete")."""
        doc = self.doc
        out = []
        apart = {k for a, b in aside for k in range(a, b)}
        us, ue = self.strip_final(s, e)
        for a, b in sorted(aside):
            if a <= us + 1 and b < ue:
                us = self.strip_final(b, ue)[0]  # "Wie Reuters berichtete, | fielen …"
            elif b >= ue and a > us:
                ue = self.strip_final(us, a)[1]  # "… fielen Schüsse, | wie Reuters berichtete."
        for i in range(s, e):
            t = doc[i]
            if self.in_quote(i) or i in apart:
                continue
            low = t.lower_
            np_ = None
            cue = [i]
            if low in ("laut", "gemäß") and i + 1 < e:
                np_ = self.np_after(i + 1, e)
            elif low == "nach" and i > s and self._is_noun_cue(doc[i - 1]) and doc[i - 1].pos_ != "PROPN":
                np_ = self.np_before(i - 1, s)  # "Seiner Meinung nach"
            elif low == "nach" and i + 1 < e:
                j = i + 1
                while j < e and j < i + 5 and not self._is_noun_cue(doc[j]):
                    if doc[j].is_punct:
                        break
                    j += 1
                if j < e and self._is_noun_cue(doc[j]):
                    np_ = self.np_after(i + 1, e)
            elif low == "zufolge" and i > s:
                np_ = self.np_before(i - 1, s)
                np_ = self._clip_source(np_, forward=False) if np_ else None
            elif low == "folge" and i > s and doc[i - 1].lower_ == "zu" and i - 1 > s:
                np_ = self.np_before(i - 2, s)  # "Gerüchten zu Folge"
                cue = [i - 1, i]
            elif low == "so" and i > s and doc[i - 1].text == "," and i + 1 < e:
                nxt = doc[i + 1]
                if nxt.text[:1].isupper() or self.lex.is_(nxt.lower_, "determiner"):
                    np_ = self.np_after(i + 1, e)
            elif low in ("demnach", "wonach"):
                np_ = (i, i + 1)
            if np_ is None:
                continue
            np_ = self._clip_source(np_)
            fs, fe = min(np_[0], i), max(np_[1], i + 1)
            relay = None
            if low not in ("so", "demnach", "wonach") and np_[1] > i:
                # "Laut NDR unter Berufung auf Scotland Yard", "Laut Tass, die sich auf X beruft, …": the source
                # the phrase's medium relays
                hit = self.relay_source(np_[1], e, at=np_[1])
                rel = None if hit is not None else self._relay_in_relative(np_, segs)
                if rel is not None:
                    hit = rel
                    fe = max(fe, rel[2])  # the whole relative clause
                if hit is not None:
                    relay, np_ = NamedRelay(np_), hit[1]
                    fe = max(fe, np_[1])
            # frame with the commas that set it off
            if fs - 1 >= s and doc[fs - 1].text == ",":
                fs -= 1
            if fe < e and doc[fe].text == ",":
                fe += 1
            if fs <= us and fe < ue and doc[fe - 1].text == ",":
                # a relative clause on the source before the clause the phrase covers ("Laut der Polizei, die
                # den Einsatz leitete, wurden …") belongs to the phrase
                rel_end = self._relative_end(fe, ue, segs)
                if rel_end is not None:
                    fe = rel_end + 1
            if low == "so":
                fe = self.strip_final(fe, e)[0] if fe < e else fe
                seg_end = next((b for a, b in segs if a <= i < b), e)
                fe = max(fe, seg_end)
            message = [k for k in range(us, ue) if not (fs <= k < fe) and k not in apart]
            if len(message) < (2 if apart else 3):
                continue  # with a "wie X berichtete" clause aside, "fielen Schüsse" is a clause of its own
            # the record's content: the stretch of the sentence on the longer side of the phrase
            content = self.strip_final(us, fs) if fs - us >= ue - fe else self.strip_final(fe, ue)
            if fs > us and fe < ue and low not in ("so", "demnach", "wonach"):
                content = (us, ue)  # "Etwa 600 wurden nach Angaben X getötet": the whole clause
            if low in ("demnach", "wonach") and last is not None:
                a = Attribution(
                    form=INDIRECT,
                    kind="indirect",
                    content=content,
                    message=message,
                    cue=cue,
                    speaker=np_,
                    frame=list(range(i, i + 1)),
                    inherit_from=-1,
                    confidence=0.6,
                    rule="demnach",
                )
                out.append(a)
                break
            if low in ("demnach", "wonach"):
                continue
            out.append(
                Attribution(
                    form=INDIRECT,
                    kind="according_to",
                    content=content,
                    message=message,
                    cue=cue,
                    speaker=np_,
                    frame=[k for k in range(fs, fe) if not doc[k].is_space],
                    relays=[relay] if relay is not None else [],
                    confidence=0.8,
                    rule="according-to",
                )
            )
            break
        return out

    def _relative_end(self, start: int, end: int, segs) -> int | None:
        """The comma that closes a relative clause opening at ``start`` before ``end``: the first segment end after
        the clause's final verb ("…, die sich auf Angaben von Kongress-, Militär- und Pentagon-Sprechern
        stützen, …"), None if no relative clause opens there or it does not close before ``end``."""
        doc = self.doc
        first = next((n for n, (a, _) in enumerate(segs) if a == start), None)
        if first is None or not self._relative(*segs[first]):
            return None
        for a, b in segs[first : first + 4]:
            if b >= end or doc[b].text != ",":
                return None
            last = next((k for k in range(b - 1, a - 1, -1) if not doc[k].is_punct), None)
            if last is not None and doc[last].pos_ in ("VERB", "AUX"):
                return b
        return None

    def _clip_source(self, span: tuple[int, int], forward: bool = True) -> tuple[int, int]:
        """The source phrase without the figures and the clause a misparse hung on it: "nach Angaben der Behörden |
        auf über 200", "nach Polizeiangaben | rund 8000 Menschen, in Hamburg" (cut at the first number outside a
        name), "Nach Angaben von Augenzeugen | fielen Schüsse" (cut at the verb of the clause it stands in). A
        phrase before its cue word ("den Augenzeugen zufolge", not ``forward``) loses what precedes a verb."""
        doc = self.doc
        lo, hi = span
        if not forward:
            verb = next((k for k in range(hi - 1, lo - 1, -1) if self._ends_noun_phrase(k)), None)
            return (verb + 1, hi) if verb is not None and verb + 1 < hi else span
        cut = next(
            (
                k
                for k in range(lo + 1, hi)
                if not self.in_quote(k)
                and (
                    ((doc[k].pos_ == "NUM" or doc[k].like_num) and doc[k].ent_iob_ != "I")
                    or self._ends_noun_phrase(k)
                )
            ),
            None,
        )
        if cut is None:
            return span
        while cut > lo + 1 and doc[cut - 1].pos_ not in ("NOUN", "PROPN", "X"):
            cut -= 1  # "auf über", "rund", ","
        return lo, cut

    def _ends_noun_phrase(self, k: int) -> bool:
        """Is token ``k`` no part of a noun phrase: a verb, or a lower-case word right after a noun that neither
        opens a complement (article, preposition, conjunction) nor belongs to a name ("Augenzeugen | fielen",
        which a tagger may take for an adjective)? A word of a named entity is part of one, whatever its tag
        ("der Nachrichtenagentur KCNA" with "KCNA" tagged as a verb)."""
        doc = self.doc
        t = doc[k]
        if self.in_quote(k) or t.is_punct or t.is_space or t.ent_iob_ in ("B", "I"):
            return False
        if t.pos_ in ("VERB", "AUX"):
            return True
        if not t.text[:1].islower() or t.pos_ in ("DET", "ADP", "CCONJ", "PROPN", "X", "NUM"):
            return False
        nxt = doc[k + 1] if k + 1 < len(doc) else None
        if t.lower_.endswith("er") and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
            return False  # an article-less genitive: "nach Meinung politischer Beobachter"
        if any(self.lex.is_(t.lower_, c) for c in ("determiner", "preposition")) or t.lower_ in (
            "und",
            "sowie",
            "oder",
            "von",
            "vom",
        ):
            return False
        prev = doc[k - 1] if k > 0 else None
        return prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.text[:1].isupper()

    def is_media(self, span: tuple[int, int] | None) -> bool:
        """Does the phrase name a news agency or medium ("der Nachrichtenagentur Xinhua", "Staatsmedien")?"""
        if span is None:
            return False
        text = self.doc[span[0] : span[1]].text
        if agencies.alias_pattern().search(text):
            return True
        return any(
            (role := self.lex.role(t.text)) is not None and role.type == "MEDIA"
            for t in self.doc[span[0] : span[1]]
            if t.text[:1].isupper()
        )

    def _is_noun_cue(self, t: Token) -> bool:
        """A noun that names a source of information ("Angaben", "Polizeiangaben", "Schätzungen")."""
        if not t.text[:1].isupper():
            return False
        low = t.lower_
        return low in self.noun_cues or any(stem in low for stem in self.noun_cues if len(stem) > 4)

    # ------------------------------------------------------------------ relay phrases
    def relay_source(self, lo: int, hi: int, at: int | None = None) -> tuple[int, tuple[int, int]] | None:
        """A relay phrase of the lexicon in ``[lo, hi)`` ("unter Berufung auf Augenzeugen", "sich auf das
        Ministerium beruft"): (its first token, the range of the source it names), or None. With ``at`` a
        prepositional phrase must start there."""
        doc = self.doc
        for k in range(lo, hi) if at is None else (at,):
            if not (lo <= k < hi) or doc[k].lower_ not in self.relay_first or self.in_quote(k):
                continue
            for words in self.relay_preps:
                n = len(words)
                if k + n < hi and all(doc[k + j].lower_ == w for j, w in enumerate(words)):
                    source = self._source_phrase(k + n, hi)
                    if source is not None:
                        return k, source
        if at is not None:
            return None
        for k in range(lo, hi):
            low = doc[k].lower_
            if low not in self.relay_forms or self.in_quote(k):
                continue
            for _, prep, forms in self.relay_verbs:
                if low not in forms:
                    continue
                reflexive = next((j for j in range(lo, hi) if doc[j].lower_ == "sich"), None)
                p = next(
                    (
                        j
                        for j in range(lo, hi)
                        if doc[j].lower_ == prep and reflexive is not None and j > reflexive
                    ),
                    None,
                )
                if p is None or self.in_quote(p):
                    continue
                source = self._source_phrase(
                    p + 1, k if k > p else hi
                )  # "sich auf X beruft" / "berief sich auf X"
                if source is not None:
                    return min(k, reflexive), source
        return None

    def _source_phrase(self, i: int, end: int) -> tuple[int, int] | None:
        span = self.np_after(i, end)
        if span is None:
            return None
        doc = self.doc
        lo, hi = span
        last = hi - 2 if doc[hi - 1].text == "," and hi - 2 >= lo else hi - 1
        if doc[last].text.endswith("-"):
            # an elliptic compound goes on to its head: "Kongress-, Militär- und Pentagon-Sprechern"
            k = hi
            while (
                k < end
                and k - lo < 12
                and not (doc[k].pos_ in ("NOUN", "PROPN") and not doc[k].text.endswith("-"))
            ):
                k += 1
            if k < end:
                hi = k + 1
        span = self._clip_source((lo, hi))
        return span if self._checked(span) else None

    def _relay_speaker(self, a: Attribution, segs: list[tuple[int, int]]) -> None:
        """ "Reuters berichtete unter Berufung auf Augenzeugen, …", "Das Blatt berief sich auf Regierungskreise und
        berichtete, …": the speaker passes on the words of the source the phrase names, so the source becomes
        the speaker and the speaker its relay. The phrase stands in the clause of the cue or the speaker, outside
        the content."""
        if a.speaker is None or not a.cue or any(isinstance(r, NamedRelay) for r in a.relays):
            return
        cs, ce = a.content
        lead = self.relay_source(cs, ce, at=cs) if a.form == REPORTED else None
        if lead is not None:
            # the content's own preposition ends the source: "auf Augenzeugen | von Schüssen"
            preps = {
                p
                for f in self.lex.forms.get(self.doc[a.cue[-1]].lower_, [])
                if (c := self.lex.cues.get(f.lemma)) and ":" in c.frames
                for p in c.frames.split(":", 1)[1].split("|")
            }
            lo, hi = lead[1]
            cut = max((k for k in range(lo + 1, hi) if self.doc[k].lower_ in preps), default=hi)
            lead = (lead[0], (lo, cut))
        if lead is not None and lead[1][1] < ce and not self._overlaps(a.speaker, lead[1]):
            # "berichtete unter Berufung auf Augenzeugen von Schüssen": the phrase is no part of the content
            a.content = self.strip_edges(lead[1][1], ce)
            a.relays.append(NamedRelay(a.speaker))
            a.speaker = lead[1]
            return
        hit = None
        around = (*a.cue, a.speaker[0])
        for lo, hi in (g for g in segs if any(g[0] <= i < g[1] for i in around)):
            if cs < hi and lo < ce:  # the content shares the segment: search only the cue's side of it
                if ce <= min(a.cue):
                    lo = ce
                elif cs > max(a.cue):
                    hi = cs
                else:
                    continue
            hit = self.relay_source(lo, hi)
            if hit is not None:
                break
        if hit is None:  # a relative clause on the speaker: "Tass, die sich auf X beruft, meldete …"
            hit = self._relay_in_relative(a.speaker, segs)
        if hit is None:
            return
        start, source = hit[:2]
        speaker = a.speaker
        if speaker[0] < start < speaker[1]:
            speaker = self._checked(self.strip_edges(speaker[0], start))  # "Reuters | unter Berufung auf …"
        if speaker is None or self._overlaps(speaker, source):
            return
        a.relays.append(NamedRelay(speaker))
        a.speaker = source

    @staticmethod
    def _overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
        return x[0] < y[1] and y[0] < x[1]

    def _relay_in_relative(self, span: tuple[int, int], segs: list[tuple[int, int]]):
        """A relay verb in a relative clause right after ``span``: "Tass, die sich auf X beruft, …". Returns (the
        verb phrase's first token, the source's range, the comma that closes the relative clause) or None."""
        if span[1] >= len(self.doc) or self.doc[span[1]].text != ",":
            return None
        end = self._relative_end(span[1] + 1, len(self.doc), segs)
        if end is None:
            return None
        hit = self.relay_source(span[1] + 1, end)
        return (*hit, end) if hit is not None and hit[0] > span[1] + 1 else None

    # ------------------------------------------------------------------ continuations
    def _continuation(self, u, s, e, last, last_unit, found) -> Attribution | None:
        doc = self.doc
        if any(self.quote_of[i] is not None for i in range(s, e)) and all(
            self.quote_of[i] is not None or doc[i].is_punct for i in range(s, e)
        ):
            return None
        finite = [doc[i] for i in range(s, e) if not self.in_quote(i)]
        if not finite:
            return None
        near = (
            last is not None
            and u - last_unit <= CONTINUATION_GAP
            and self.paragraph[s] - self.paragraph[last.content[0]] <= 1
        )
        # Konjunktiv I (or II standing in for it); conditional modals ("könnte", "dürfte") report nothing
        subj = [t for t in finite if self.is_subjunctive(t) and t.lower_ not in CONDITIONAL_MODALS]
        if subj and near and last.form != REPORTED:
            # the main clause must carry the subjunctive (not only a conditional "wenn ... wäre")
            return Attribution(
                form=INDIRECT_FREE_INDIRECT,
                kind="indirect",
                content=self.strip_final(s, e),
                message=list(range(s, e)),
                speaker=last.speaker,
                inherit_from=-1,
                confidence=0.6,
                rule="subjunctive-continuation",
            )
        reportative = [t for t in finite if self.lex.is_(t.lower_, "reportative") and t.i > s]
        perfect = reportative and any(doc[k].lower_ in ("haben", "sein") for k in range(reportative[0].i, e))
        if reportative and (
            perfect or (near and any(doc[k].lower_ == "werden" for k in range(reportative[0].i, e)))
        ):
            return Attribution(
                form=FREE_INDIRECT,
                kind="indirect",
                content=self.strip_final(s, e),
                message=list(range(s, e)),
                speaker=last.speaker if near and last is not None else None,
                inherit_from=-1 if near else None,
                confidence=0.45,
                rule="reportative",
            )
        return None

    # ------------------------------------------------------------------ mixed quotes
    def _speech_like(self, qs: int, qe: int) -> bool:
        """Quoted words that are speech, not a name or title: some word starts lower-case."""
        words = [t for t in self.doc[qs:qe] if t.is_alpha]
        return any(t.text[:1].islower() for t in words)

    def _nest_fragments(self, found: list[Attribution]) -> None:
        for a in found:
            if a.form == DIRECT:
                continue
            for qs, qe, _ in self.quotes:
                if a.content[0] <= qs and qe <= a.content[1] + 1 and self._speech_like(qs, qe):
                    a.fragments.append((qs, qe))
            if a.fragments and a.kind == "indirect":
                a.kind = "mixed"
