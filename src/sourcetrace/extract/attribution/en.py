"""English attribution rules: "X said", "said X", "X told reporters", "according to X", quotes and relays.

Works on any English pipeline: it uses the dependency parse and part-of-speech tags when the pipeline sets
them and falls back on lexicon look-ups and word order when it does not. Cue verbs, their irregular forms,
role nouns and function words come from ``lexicon/en_*.tsv``; regular -s/-ed/-ing forms are derived here.

Spans follow the attribution corpora (PARC, PolNeAR): the cue is the verb (with its auxiliaries and
particle, or "according to"); ``speaker`` is the speaker's noun phrase without appositions or relative
clauses, and ``Attribution.source_span`` the corpus-style source with them ("Geoff Garin, a Democratic
pollster"); ``message`` is the content with its quote marks and a leading "that", ``content`` the same
without the marks. Beliefs and intentions ("stance" cues: think, want, support) get a lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Token

from sourcetrace import agencies
from sourcetrace.extract.attribution.lexicon import Lexicon, rows
from sourcetrace.extract.attribution.model import DIRECT, INDIRECT, REPORTED, Attribution
from sourcetrace.extract.attribution.quotes import Quote, find_quotes, index_quotes, paragraph_index
from sourcetrace.extract.attribution.relays import NamedRelay

BOUNDARY = {",", ";", ":", "–", "—", "--"}
FINAL = {".", "!", "?", "…"}
QUOTE_CHARS = set("“”\"‘’'«»„")
SUBJECT_DEPS = {"nsubj", "nsubjpass", "nsubj:pass", "csubj"}
MAX_SPEAKER = 10  # tokens of a speaker phrase found by word order
THAT_WINDOW = 12  # tokens between the cue and a "that" that opens its content
ADDRESSEE_CUES = {"tell", "inform", "assure", "remind", "ask", "warn", "urge"}
STANCE_CONFIDENCE = 0.5  # beliefs and intentions ("X thinks", "X wants"): attributions, not statements
CUT_AFTER_COMMA = {"which", "who", "whose", "a", "an"}
PROGRESSIVE_AUX = {"is", "are", "was", "were", "'s", "’s", "'re", "’re", "been", "be"}
PASSIVE_AUX = {"is", "was", "were", "are", "been", "be", "being"}
CUE_PREPS = {"of", "about", "with", "as", "by"}  # prepositions taken into the cue before its content
# prepositions inside a speaker phrase ("a spokeswoman for the ministry")
NP_PREPS = {"of", "for", "at", "from"}
# words that open an adverbial clause or phrase after a cue clause rather than more of the content
ADJUNCT_WORDS = frozenset(
    ("after", "before", "when", "while", "since", "until", "because", "as", "although", "though", "if")
)
# prepositions that open the content of a noun cue ("support for", "criticism of", "attacks on")
NOUN_CONTENT_PREPS = {"of", "for", "on", "against", "about", "to", "over"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its", "my", "our", "your"}


_SENTENCIZER = Sentencizer()


@dataclass
class CueHit:
    lemma: str  # the en_cues.tsv key ("say", "call for", "according to")
    ids: list[int]  # token ids of the cue
    verb: Token  # the cue's verb (or first word)
    form: str  # pres | past | part | ing | base | prep


def _regular_forms(lemma: str) -> dict[str, str]:
    """-s, -ed and -ing forms of a regular English verb."""
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        pres = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        pres = lemma[:-1] + "ies"
    else:
        pres = lemma + "s"
    return {lemma: "base", pres: "pres", past: "past", ing: "ing"}


_TWO_APOSTROPHES = re.compile(r"''(?=\S)([^\n]*?)(''|(?=\n)|$)")


def _double_apostrophe_quotes(text: str) -> list[Quote]:
    """Quotations marked with two straight apostrophes (''…'', an archive convention of some US papers)."""
    out = []
    for m in _TWO_APOSTROPHES.finditer(text):
        closed = m.group(2) == "''"
        out.append(
            Quote(m.start(), m.end(), m.start() + 2, m.end() - (2 if closed else 0), 0, balanced=closed)
        )
    return out


def _single_curly_quotes(text: str) -> list[Quote]:
    """Top-level quotations in single curly marks (‘…’, headline style); ’ before a letter is an apostrophe."""
    out = []
    i = text.find("‘")
    while i != -1:
        before = text[i - 1] if i > 0 else " "
        if before.isspace() or before in "([{—–-:":
            j = i + 1
            while j < len(text) and text[j] != "\n":
                if text[j] == "’" and not (j + 1 < len(text) and text[j + 1].isalpha()):
                    out.append(Quote(i, j + 1, i + 1, j, 0))
                    break
                j += 1
            i = text.find("‘", j)
        else:
            i = text.find("‘", i + 1)
    return out


MAX_SINGLE_QUOTE = 300  # characters a straight single-quoted quotation may span


def _straight_single_quotes(text: str) -> list[Quote]:
    """Top-level quotations in straight single marks ('We will win,' he said): the opening mark stands
    before a letter after a space, the closing one after a letter or punctuation and before a non-letter."""
    out = []
    i = text.find("'")
    while i != -1:
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if (before.isspace() or before in "([{—–-:") and after.isalpha():
            j = i + 2
            while j < len(text) and j - i < MAX_SINGLE_QUOTE and text[j] != "\n":
                nxt = text[j + 1] if j + 1 < len(text) else " "
                if text[j] == "'" and not nxt.isalnum() and not text[j - 1].isspace() and nxt != "'":
                    out.append(Quote(i, j + 1, i + 1, j, 0))
                    break
                j += 1
            i = text.find("'", j + 1)
        else:
            i = text.find("'", i + 1)
    return out


class EnglishRules:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        # form -> [(head lemma, form kind)]
        self.verb_forms: dict[str, list[tuple[str, str]]] = {}
        heads: dict[str, list[str]] = {}  # head verb -> cue keys it starts ("call", "call for")
        for key, cue in lex.cues.items():
            if cue.type != "verb":
                continue
            head = key.split()[0]
            heads.setdefault(head, []).append(key)
        self.cues_of_head = heads
        for head in heads:
            for form, kind in _regular_forms(head).items():
                self.verb_forms.setdefault(form, []).append((head, kind))
        for form, entries in lex.forms.items():
            for f in entries:
                kinds = sorted(f.moods)
                self.verb_forms[form] = [(f.lemma, k) for k in kinds]
        # "said in a statement": nouns naming the form of a statement
        self.statement_nouns = set(lex.nouns)
        # "X's criticism of Y", "the claim by X that ...": nouns naming a statement, belief or intention
        self.noun_cues: dict[str, tuple[str, str]] = {}  # noun -> (frames, notes), lexicon/en_cue_nouns.tsv
        for row in rows("en_cue_nouns.tsv"):
            row += [""] * (3 - len(row))
            self.noun_cues[row[0]] = (row[1], row[2])
        self.act_nouns: dict[str, str] = {}  # singular or plural form -> noun
        for k in self.noun_cues:
            self.act_nouns[k] = k
            self.act_nouns[k + ("es" if k.endswith(("s", "sh", "ch")) else "s")] = k
        # lexicon/en_relay_phrases.tsv: "citing X" (X is the source), "carried by X" (X relays), "quoted"
        relay_rows = [r + [""] * (2 - len(r)) for r in rows("en_relay_phrases.tsv")]
        self.source_words = frozenset(r[0] for r in relay_rows if r[1] == "source" and " " not in r[0])
        self.channel_phrases = [tuple(r[0].split()) for r in relay_rows if r[1] == "channel"]
        self.quoter_forms = frozenset(r[0] for r in relay_rows if r[1] == "quoter")
        self.paragraph: list[int] = []

    # ------------------------------------------------------------------ document preparation
    def prepare(self, doc: Doc) -> None:
        self.doc = doc
        self.has_pos = doc.has_annotation("TAG") or doc.has_annotation("POS")
        self.has_dep = doc.has_annotation("DEP")
        self.quotes, self.quote_of, _ = index_quotes(
            doc,
            [
                *find_quotes(doc.text),
                *_double_apostrophe_quotes(doc.text),
                *_single_curly_quotes(doc.text),
                *_straight_single_quotes(doc.text),
            ],
        )
        self.quote_user: dict[int, Attribution] = {}  # quotation -> the first attribution whose content it is
        self.paragraph = paragraph_index(doc)
        self.units = self._units()

    def _units(self) -> list[tuple[int, int]]:
        """Sentences, merged where a split falls inside a quotation or before a lower-case cue clause."""
        doc = self.doc
        if doc.has_annotation("SENT_START") and not self.has_dep:
            starts = {s.start for s in doc.sents}  # a sentencizer's or senter's sentences
        else:
            # with a parse, sentences by punctuation (spaCy's sentencizer rules, not applied to the Doc): more
            # reliable on news than the parser's own sentence boundaries
            flags = _SENTENCIZER.predict([doc])[0]
            starts = {0} | {i for i, start in enumerate(flags) if start}
        starts |= {t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_}
        # a sentencizer leaves an opening quote mark at the end of the sentence before it
        opening = {qs for qs, _, _ in self.quotes}
        starts = {s - 1 if s - 1 in opening and s - 1 not in starts else s for s in starts}
        kept = []
        for s in sorted(starts):
            if s >= len(doc):
                continue
            if s > 0 and self.paragraph[s - 1] == self.paragraph[s]:
                q = self.quote_of[s - 1]
                if q is not None and q == self.quote_of[s]:
                    continue  # inside one quotation
                if (
                    q is not None
                    and self.quotes[q][1] == s
                    and (self._lower_start(s) or self._cue_clause_at(s))
                ):
                    continue  # “…!” | she said.  /  “…?” | Sanders replied.
            kept.append(s)
        units = []
        for a, b in zip(kept, [*kept[1:], len(doc)], strict=True):
            while a < b and doc[a].is_space:
                a += 1
            while b > a and doc[b - 1].is_space:
                b -= 1
            if a < b:
                units.append((a, b))
        return units

    def _paragraph_start(self, i: int) -> int:
        while i > 0 and self.paragraph[i - 1] == self.paragraph[i]:
            i -= 1
        while i < len(self.doc) - 1 and self.doc[i].is_space:
            i += 1
        return i

    def _cue_clause_at(self, i: int) -> bool:
        """A short "Name said." clause (or "said Name.") starts at token ``i``."""
        doc = self.doc
        end = i
        while (
            end < len(doc)
            and doc[end].text not in FINAL
            and self.paragraph[end] == self.paragraph[i]
            and end - i < 8
        ):
            end += 1
        if end >= len(doc) or doc[end].text not in FINAL:
            return False
        for j in range(i, end):
            t = doc[j]
            if (
                t.lower_ in self.verb_forms
                and not self.is_cap(t)
                or (j == i and t.lower_ in ("said", "says"))
            ):
                return all(
                    self.is_cap(doc[k])
                    or self.cls(doc[k], "pronoun")
                    or self.cls(doc[k], "determiner")
                    or doc[k].is_alpha
                    for k in range(i, j)
                )
        return False

    def _lower_start(self, i: int) -> bool:
        t = self.doc[i]
        return t.text[:1].islower() or t.text in {",", "—", "–"}

    # ------------------------------------------------------------------ token predicates
    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] is not None

    def is_cap(self, t: Token) -> bool:
        return t.text[:1].isupper()

    def cls(self, t: Token, name: str) -> bool:
        if (
            name == "adverb"
            and t.is_lower
            and t.lower_.endswith("ly")
            and len(t) > 4
            and t.lower_ not in self.verb_forms
        ):
            return True  # "added warily", "sharply criticized"
        return self.lex.is_(t.lower_, name)

    def is_role(self, t: Token) -> bool:
        return any(r.noun == t.lower_ for r in self.lex.roles)

    def is_verbish(self, t: Token) -> bool:
        if self.has_pos:
            return t.pos_ in ("VERB", "AUX")
        return t.lower_ in self.verb_forms or self.cls(t, "aux")

    # ------------------------------------------------------------------ segments
    def segments(self, s: int, e: int) -> list[tuple[int, int]]:
        """Stretches of a unit split at , ; : – ( ) outside quotations (boundary token excluded)."""
        segs, a = [], s
        for i in range(s, e):
            q = self.quote_of[i]
            if q is None and self.doc[i].text in BOUNDARY:
                if a < i:
                    segs.append((a, i))
                a = i + 1
            elif (
                q is not None
                and self.quotes[q][0] == i
                or (i > s and q is None and self.quote_of[i - 1] is not None)
            ):
                # a quotation is a stretch of its own
                if a < i:
                    segs.append((a, i))
                a = i
        if a < e:
            segs.append((a, e))
        return segs

    def trim(self, s: int, e: int) -> tuple[int, int]:
        """Drop edge whitespace, boundary and final punctuation (quote marks stay)."""
        doc = self.doc
        while s < e and (doc[s].is_space or doc[s].text in BOUNDARY | FINAL):
            s += 1
        while e > s and (doc[e - 1].is_space or doc[e - 1].text in BOUNDARY | FINAL):
            e -= 1
        return s, e

    # ------------------------------------------------------------------ cues
    def cue_at(self, t: Token, e: int) -> CueHit | None:
        """The cue that starts at token ``t`` (a verb form of en_cues.tsv or "according to")."""
        doc = self.doc
        if self.in_quote(t.i) or not t.is_alpha:
            return None
        if (
            self.is_cap(t)
            and t.i > 0
            and (self.doc[t.i - 1].is_alpha or self.doc[t.i - 1].text == ",")
            and not (self.paragraph[t.i] == 0 and self._title_case(0))
        ):
            return None  # a name or title ("the United States"), not a verb
        low = t.lower_
        if low == "according" and t.i + 1 < e and doc[t.i + 1].lower_ == "to":
            return CueHit("according to", [t.i, t.i + 1], t, "prep")
        if low in self.source_words and "citing" in self.lex.cues:
            return CueHit("citing", [t.i], t, "prep")  # "citing X", "quoting X"
        entries = self.verb_forms.get(low)
        if not entries:
            return None
        if self.has_pos and not self._verb_reading(t, e):
            return None
        head, kind = entries[0]
        kinds = {k for _, k in entries}
        # a phrasal cue whose particle follows within two tokens ("pointed out", "called for")
        key, ids = None, [t.i]
        for cand in self.cues_of_head.get(head, []):
            parts = cand.split()
            if len(parts) == 1:
                continue
            for j in range(t.i + 1, min(t.i + 3, e)):
                if doc[j].lower_ == parts[1]:
                    key, ids = cand, [t.i, j]
                    break
                if not (self.cls(doc[j], "adverb")):
                    break
            if key:
                break
        if key is None:
            key = head if head in self.lex.cues else None
        if key is None:
            return None
        form = (
            "past"
            if "past" in kinds
            else ("pres" if "pres" in kinds else ("ing" if "ing" in kinds else kind))
        )
        if "part" in kinds and "past" in kinds:
            form = "past"
        if not self._plausible_verb(t, form, head):
            return None
        if kinds == {"part"} and not (
            t.i > 0 and (self.cls(doc[t.i - 1], "aux") or self.cls(doc[t.i - 1], "adverb"))
        ):
            return None  # "the memo seen by Reuters": a participle without an auxiliary is not a cue
        # auxiliaries directly before the verb belong to the cue ("has said", "was asked")
        j = t.i - 1
        while (
            j >= 0
            and (self.cls(doc[j], "aux") or (form == "ing" and doc[j].lower_ in PROGRESSIVE_AUX))
            and not self.in_quote(j)
            and form in ("past", "part", "base", "ing")
        ):
            ids.insert(0, j)
            j -= 1
        if form == "ing" and ids[0] != t.i:
            form = "prog"  # "Cruz is praising Bush", "He's predicting ...": a finite progressive
        if j >= 0 and doc[j].lower_ == "also" and not self.in_quote(j):
            ids.insert(0, j)  # "also said" (the corpora take the adverb into the cue)
        # "said in a statement", "said in an interview"
        if (
            head == "say"
            and t.i + 3 < e
            and doc[t.i + 1].lower_ == "in"
            and doc[t.i + 3].lower_ in self.statement_nouns
        ):
            ids.extend(range(t.i + 1, t.i + 4))
        # the preposition that introduces a noun-phrase content ("said of Trump", "agreed with", "seen as")
        nxt = ids[-1] + 1
        if (
            nxt + 1 < e
            and doc[nxt].lower_ in CUE_PREPS
            and not self.in_quote(nxt)
            and len(ids) == len(set(ids))
        ):
            after = doc[nxt + 1]
            if not (self.cls(after, "time") or after.like_num) and key == head:
                ids.append(nxt)
        return CueHit(key, ids, t, form)

    def _adverb_segment(self, seg: tuple[int, int]) -> bool:
        """A segment that is one inserted adverb (", however,", ", too,")."""
        words = [t for t in self.doc[seg[0] : seg[1]] if not t.is_space]
        return len(words) == 1 and (self.cls(words[0], "adverb") or words[0].tag_ == "RB")

    def _verb_reading(self, t: Token, e: int) -> bool:
        """Do the tags read the token as a verb? Either tagger may ("those surveyed say": UPOS NOUN, tag
        VBP); so does a present-tense cue read as a plural noun between a name and "that" ("CBS News
        reports that ...", "the Post says that ...")."""
        doc = self.doc
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
            return True
        if (
            t.lower_ in ("say", "says")
            and 0 < t.i < e - 1
            and (doc[t.i - 1].like_num or doc[t.i - 1].tag_ in ("NNS", "NNPS"))
            and doc[t.i + 1].lower_ in ("that", "they", "he", "she", "we", "i", "it")
        ):
            return True  # "nine out of 10 say they ...": a verb however tagged
        return (
            t.tag_ in ("NNS", "NNPS")
            and t.lower_.endswith("s")
            and t.i > 0
            and t.i + 1 < e
            and doc[t.i + 1].lower_ == "that"
            and (doc[t.i - 1].pos_ == "PROPN" or self.is_cap(doc[t.i - 1]))
            and doc[t.i - 1].lower_ not in ("'s", "’s")
        )

    def _title_case(self, par: int) -> bool:
        words = [t for t in self.doc if self.paragraph[t.i] == par and t.is_alpha and len(t) > 3]
        return len(words) >= 2 and sum(1 for t in words if self.is_cap(t)) >= 0.6 * len(words)

    def _plausible_verb(self, t: Token, form: str, head: str) -> bool:
        """Without tags: reject noun and adjective readings of cue forms ("the reported attack", "claims")."""
        doc = self.doc
        prev = doc[t.i - 1] if t.i > 0 else None
        if prev is not None and self.cls(prev, "determiner") and not self.cls(prev, "pronoun"):
            return False
        if form == "base":
            if prev is None:
                return False
            if self.has_pos and prev.tag_ in ("NNS", "NNPS") and prev.pos_ in ("NOUN", "PROPN"):
                return True  # after a plural noun the tagger has found ("the women say")
            if self.has_pos and t.tag_ == "VBP" and t.dep_ not in ("amod", "compound"):
                return True  # the tagger reads a finite verb ("supporters of the bill say")
            if self.has_dep and t.tag_ == "VB" and any(c.dep_ == "ccomp" for c in t.children):
                return True  # a verb with a clause as its object ("..., however, say it would ...")
            return (
                self.cls(prev, "aux")
                or prev.lower_ in ("they", "we", "i", "you", "to", "also", "who", "%")
                or prev.like_num
                or (
                    prev.lower_.endswith("s")
                    and not self.cls(prev, "stop")
                    and prev.is_alpha
                    and len(prev) > 3
                )
            )
        if form == "pres" and head not in ("say", "tell", "add", "write", "note", "claim"):
            if prev is None:
                return False
            if self.has_pos and t.tag_ == "VBZ" and t.dep_ not in ("amod", "compound"):
                return True  # the tagger reads a finite verb ("the senator wants to ...")
            return self.cls(prev, "pronoun") or (self.is_cap(prev) and prev.i > 0) or self.is_role(prev)
        if form == "ing":
            return prev is not None and (
                prev.text in (",", "—", "–")
                or prev.lower_ in ("and", "while", "before", "after", "by", "also")
                or prev.lower_ in PROGRESSIVE_AUX
            )
        return True

    # ------------------------------------------------------------------ noun phrases
    def np_before(self, i: int, start: int) -> tuple[int, int] | None:
        """The speaker phrase ending at token ``i`` (inclusive), read leftwards."""
        doc = self.doc
        while i >= start and (
            self.cls(doc[i], "adverb") or (self.cls(doc[i], "aux") and not self.cls(doc[i], "pronoun"))
        ):
            i -= 1
        if i < start:
            return None
        t = doc[i]
        if self.in_quote(i):
            return None
        if self.cls(t, "pronoun") and t.lower_ != "that":
            return (i, i + 1)
        if doc[i].text == ")":
            # "Sen. Ted Cruz (Tex.) has said": step over a short parenthesis
            k = i - 1
            while k > start and doc[k].text != "(" and i - k < 6:
                k -= 1
            if doc[k].text == "(" and k - 1 >= start:
                inner = self.np_before(k - 1, start)
                return (inner[0], i + 1) if inner else None
        j = i
        while j >= start and i - j < MAX_SPEAKER:
            w = doc[j]
            if self.in_quote(j):
                break
            if (
                w.lower_ == "and"
                and j - 1 >= start
                and j + 1 <= i
                and self.is_cap(doc[j - 1])
                and self.is_cap(doc[j + 1])
            ):
                j -= 1
                continue  # "Clinton and Sanders have said"
            if w.is_space or (w.is_punct and w.text not in (".", "-", "&", "'s", "’s", "'", "’")):
                break
            if self.cls(w, "determiner"):
                if j - 1 >= start and doc[j - 1].lower_ in NP_PREPS and i - j < MAX_SPEAKER - 2:
                    j -= 1
                    continue  # "a spokeswoman for the ministry"
                j -= 1
                break
            if self.cls(w, "stop") and w.lower_ not in NP_PREPS and not self.is_cap(w):
                break
            if w.lower_ in NP_PREPS and not (
                j + 1 <= i
                and (
                    self.is_cap(doc[j + 1])
                    or self.cls(doc[j + 1], "determiner")
                    or doc[j + 1].like_num  # "nine out of 10 say"
                )
            ):
                break
            if self.cls(w, "pronoun") and not self.is_cap(w):
                break
            if (
                w.lower_ in self.verb_forms
                and not self.is_cap(w)
                and not self.is_role(w)
                and j != i
                and not self._noun_modifier(w)  # "state media", "state officials"
            ):
                break
            j -= 1
        lo = j + 1
        while lo <= i and (
            doc[lo].lower_ in NP_PREPS
            or doc[lo].is_punct
            or self.cls(doc[lo], "stop")
            or self.cls(doc[lo], "time")
        ):
            lo += (
                1  # "As Politico reported", "On Tuesday Jack Straw told": the speaker is Politico, Jack Straw
            )
        # a head noun that is also a cue form ("the report said", "the poll showed") needs a determiner
        noun_like_cue = (
            lo <= i
            and doc[i].lower_ in self.verb_forms
            and not self.is_cap(doc[i])
            # "opponents of the harbour plan": the head noun comes before the preposition
            and not any(doc[m].lower_ in NP_PREPS for m in range(lo + 1, i))
        )
        if noun_like_cue and not self.is_role(doc[i]):
            determined = self.cls(doc[lo], "determiner") or any(
                doc[m].text in ("'s", "’s") for m in range(lo, i)
            )
            if not determined:
                return None
        return (lo, i + 1) if lo <= i else None

    def np_after(self, i: int, end: int) -> tuple[int, int] | None:
        """The speaker phrase starting at token ``i`` ("said Fiona Latham", "according to the company")."""
        doc = self.doc
        j = i
        while j < end and j - i < MAX_SPEAKER:
            w = doc[j]
            if w.is_space or self.in_quote(j) or (w.is_punct and w.text not in (".", "-", "&", "'s", "’s")):
                break
            if self.cls(w, "stop") and w.lower_ not in ("of",) and not self.is_cap(w):
                break
            if w.lower_ == "of" and not (
                j + 1 < end and (self.is_cap(doc[j + 1]) or self.cls(doc[j + 1], "determiner"))
            ):
                break
            if w.lower_ in self.verb_forms and j > i and not self.is_cap(w):
                break
            j += 1
        while j > i and (doc[j - 1].is_punct or doc[j - 1].lower_ == "of"):
            j -= 1
        return (i, j) if j > i else None

    def np_of(self, head: Token, limit: tuple[int, int]) -> tuple[int, int] | None:
        """The phrase a parsed head governs, without relative clauses and appositions after a comma."""
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        for c in head.children:
            cut = c.dep_ in ("relcl", "acl", "acl:relcl", "appos", "advcl") or (
                c.dep_ == "punct" and c.text == ","
            )
            if c.i > head.i and cut:
                hi = min(hi, c.left_edge.i)
        lo, hi = max(lo, limit[0]), min(hi, limit[1])
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        while hi > lo and (self.doc[hi - 1].is_punct or self.doc[hi - 1].is_space):
            hi -= 1
        return (lo, hi) if hi > lo else None

    def parsed_subject(
        self, verb: Token, limit: tuple[int, int], whole: bool = False
    ) -> tuple[int, int] | None:
        """The parsed subject of the cue verb (of the verb it is coordinated with), without appositions and
        relative clauses, or with them (``whole``: the corpus-style source span)."""
        if not self.has_dep:
            return None
        for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
            for c in v.children:
                if c.dep_ in SUBJECT_DEPS and not self.in_quote(c.i) and limit[0] <= c.i < limit[1]:
                    if whole:
                        return self.trim(max(c.left_edge.i, limit[0]), min(c.right_edge.i + 1, limit[1]))
                    return self.np_of(c, limit)
        return None

    # ------------------------------------------------------------------ main entry
    def find(self, doc: Doc) -> list[Attribution]:
        self.prepare(doc)
        found: list[Attribution] = []
        last_unit = -10
        for u, (s, e) in enumerate(self.units):
            made = self._unit(s, e)
            if not made and found and u - last_unit == 1:
                cont = self._continuation(s, e, found[-1])
                made = [cont] if cont is not None else []
            if made:
                found.extend(made)
                last_unit = u
        for a in found:
            a.fragments = [
                (qs, qe)
                for qs, qe, _ in self.quotes
                if a.form != DIRECT and a.content[0] <= qs and qe <= a.content[1] + 1
            ]
            if a.fragments and a.kind == "indirect":
                a.kind = "mixed"
        return found

    def _unit(self, s: int, e: int) -> list[Attribution]:
        doc = self.doc
        segs = self.segments(s, e)
        seg_of: dict[int, int] = {}
        for k, (a, b) in enumerate(segs):
            for i in range(a, b):
                seg_of[i] = k
        hits: list[CueHit] = []
        i = s
        while i < e:
            hit = self.cue_at(doc[i], e) if i in seg_of else None
            if hit is not None:
                hits.append(hit)
                i = hit.ids[-1] + 1
                continue
            i += 1
        out: list[Attribution] = []
        hits_of: list[CueHit] = []
        cited: tuple[CueHit, tuple[int, int]] | None = None  # "Citing X, Y said ...": waits for Y's cue
        for n, hit in enumerate(hits):
            if (
                hit.lemma == "citing"
                and not out
                and cited is None
                and hit.ids[0] == segs[0][0]
                and any(h.lemma not in ("citing", "according to") for h in hits[n + 1 :])
            ):
                src = self._cited_source(hit, e)
                if src is not None:
                    cited = (hit, src)
                    continue
            if hit.lemma in ("citing", "according to") and out and out[-1].kind != "according_to":
                # "..., Reuters reported, citing state media", "X said ..., according to KCNA": the phrase
                # names a relay of the statement before it (and is not part of its content); a source cited
                # by name ("citing witnesses") becomes the speaker, the reporter its relay
                src = self.np_after(hit.ids[-1] + 1, e)
                if src is not None:
                    prev = out[-1]
                    source = self._cited_source(hit, e) if hit.lemma == "citing" else None
                    if source is not None and prev.speaker is not None:
                        self._relay_to(prev, source)
                    else:
                        prev.relays.append(src)
                    if hit.ids[0] in prev.message:
                        keep = [i for i in prev.message if i < hit.ids[0]]
                        keep = list(range(*self.trim(keep[0], keep[-1] + 1))) if keep else []
                        if self._words_in(keep) >= 1:
                            prev.message = keep
                            self._set_content(prev)
                continue
            inside = out and (
                hit.ids[0] in out[-1].message
                or min(out[-1].message) < hit.ids[0] < getattr(out[-1], "reach", 0)
            )
            if inside and self._nested(hits_of[-1], hit, segs, seg_of):
                continue
            a = self._attribution(hit, segs, seg_of, s, e, out)
            if a is None:
                continue
            self._quoted_as(a, hit, e)
            if cited is not None and a.speaker is not None:
                self._relay_to(a, cited[1])
                cited = None
            if out and self._reports(a, out[-1]):
                # "Kim said the test was a success, KCNA reported": the reporter relays Kim's statement
                prev = out[-1]
                prev.relays.append(NamedRelay(a.speaker))
                keep = [i for i in prev.message if i < max(a.message) + 1]
                if keep and keep != prev.message:
                    prev.message = list(range(*self.trim(keep[0], keep[-1] + 1)))
                    self._set_content(prev)
                continue
            if out:
                prev = out[-1]
                own = [*range(*a.speaker)] if a.speaker and a.speaker[0] > max(prev.cue) else []
                first = min([*a.message, *a.cue, *own])
                keep = [i for i in prev.message if i < first]
                if keep != prev.message:
                    while keep and (
                        self.doc[keep[-1]].lower_ in ("and", "but", "or") or self.doc[keep[-1]].is_space
                    ):
                        keep.pop()
                    keep = list(range(*self.trim(keep[0], keep[-1] + 1))) if keep else []
                    if self._words_in(keep) < 2:
                        out.pop()
                        hits_of.pop()
                    else:
                        prev.message = keep
                        self._set_content(prev)
            out.append(a)
            hits_of.append(hit)
        if cited is not None:  # no statement of the reporter follows: "Citing X, ..." stands on its own
            a = self._attribution(cited[0], segs, seg_of, s, e, [])
            if a is not None:
                out.insert(0, a)
        for a in out:
            self._channels(a, s, e)
        taken = {i for a in out for i in [*a.message, *a.cue, *(range(*a.speaker) if a.speaker else [])]}
        for i in range(s, e):
            if doc[i].lower_ in self.act_nouns and i not in taken and not self.in_quote(i):
                a = self._noun_cue(i, s, e)
                if a is not None and not taken & {*a.message, *a.cue, *range(*a.speaker)}:
                    out.append(a)
                    taken |= {*a.message, *a.cue, *range(*a.speaker)}
        for i in range(s, e):
            if i not in taken and not self.in_quote(i):
                a = self._hearsay(i, s, e) or self._survey(i, segs, e)
                if a is not None and not taken & {*a.message, *a.cue}:
                    out.append(a)
                    taken |= {*a.message, *a.cue, *(range(*a.speaker) if a.speaker else [])}
        covered = {i for a in out for i in a.message}
        for q, (qs, _, _) in enumerate(self.quotes):
            if s <= qs < e and qs not in covered:
                a = self._colon_quote(q, segs, s)
                if a is not None:
                    out.append(a)
        out.sort(key=lambda a: min(a.message))
        return out

    def _colon_quote(self, q: int, segs, s: int) -> Attribution | None:
        """ "Warren to the CEO: ‘You should resign.’": the words before a colon say who is quoted."""
        doc = self.doc
        qs, qe, _ = self.quotes[q]
        j = qs - 1
        while j >= s and doc[j].is_space:
            j -= 1
        if j < s or doc[j].text != ":" or self._words(qs, qe) < 2:
            return None
        seg = next(((a, b) for a, b in segs if b == j), None)
        if (
            seg is None
            or seg[1] - seg[0] > 12
            or not any(self.is_cap(doc[i]) or self.cls(doc[i], "pronoun") for i in range(*seg))
        ):
            return None
        speaker = self.trim(*seg)
        message = list(range(*self.trim(qs, qe)))
        a = Attribution(
            form=DIRECT,
            kind="direct",
            content=(message[0], message[-1] + 1),
            message=message,
            cue=[j],
            speaker=speaker,
            confidence=0.6,
            rule="colon",
        )
        self._set_content(a)
        a.source_span = speaker
        return a

    def _continuation(self, s: int, e: int, last: Attribution) -> Attribution | None:
        """A sentence that is one quotation right after a quoted statement continues it (same speaker)."""
        doc = self.doc
        if last.form != DIRECT or last.speaker is None or self.quote_of[s] is None:
            return None
        qs, qe, _ = self.quotes[self.quote_of[s]]
        if qs != s or any(not (doc[i].is_punct or doc[i].is_space) for i in range(qe, e)):
            return None
        if self.paragraph[s] - self.paragraph[last.message[-1]] > 1 or self._words(qs, qe) < 3:
            return None
        message = list(range(*self.trim(qs, qe)))
        a = Attribution(
            form=DIRECT,
            kind="direct",
            content=(message[0], message[-1] + 1),
            message=message,
            cue=[],
            speaker=last.speaker,
            inherit_from=-1,
            confidence=0.6,
            rule="continuation",
        )
        self._set_content(a)
        a.source_span = last.source_span or last.speaker
        return a

    def _nested(self, prev: CueHit, hit: CueHit, segs, seg_of) -> bool:
        """Is ``hit`` inside the content of the cue before it ("X said he thinks ...")? Corpora annotate
        the outer attribution only; a coordinated clause (", but Y said", "; Y said", ", adding") starts
        a new one."""
        doc = self.doc
        if hit.form == "ing" or hit.lemma in ("according to", "citing"):
            return False
        j = hit.ids[0] - 1
        while j > prev.ids[-1] and self.cls(doc[j], "adverb"):
            j -= 1
        if doc[j].lower_ in ("and", "but") and j - 1 > prev.ids[-1]:
            return False  # "said X and warned that Y"
        prev_seg = seg_of[prev.ids[0]]
        seg_k = seg_of[hit.ids[0]]
        lead = [doc[j] for j in range(segs[seg_k][0], hit.ids[0])]
        if seg_k > prev_seg and (not lead or self._speaker_like(lead)):
            before = segs[seg_k][0] - 1
            if (
                doc[before].text in (";", "—", "–")
                or self._quote_ending_at(segs[seg_k][0], prev.ids[-1]) is not None
            ):
                return False
            if doc[before].text == "," and (
                (not lead and self._invertible(hit) and self._inverted_speaker(hit, segs[seg_k]))
                or (lead and lead[0].lower_ in ("but", "and", "while", "whereas", "although"))
            ):
                return False
            if (
                lead
                and doc[before].text == ","
                and not self._content_follows(hit, segs[seg_k], segs[-1][1], inverted=False)
            ):
                return False  # "X plans ..., a spokeswoman said": the post-posed cue is the outer statement
            if lead and lead[0].lower_ in ("but", "while", "whereas", "although"):
                return False
        for j in range(prev.ids[-1] + 1, hit.ids[0]):
            if doc[j].text == ";" and not self.in_quote(j):
                return False
            if doc[j].lower_ in ("but", "while", "whereas") and j > 0 and doc[j - 1].text == ",":
                return False
        return True

    # ------------------------------------------------------------------ one cue
    def _attribution(
        self, hit: CueHit, segs, seg_of, s: int, e: int, out: list[Attribution]
    ) -> Attribution | None:
        doc = self.doc
        k = seg_of[hit.ids[0]]
        seg = segs[k]
        if hit.lemma in ("according to", "citing"):
            return self._according_to(hit, seg, segs, k, s, e, out)
        lead = [doc[j] for j in range(seg[0], hit.ids[0]) if not doc[j].is_space]
        source_span = None
        cue = self.lex.cues[hit.lemma]
        # A. post-posed cue: "<content>, X said." / "<content>, said X." / "“…” she said."
        boundary = seg[0] - 1
        qbefore = self._quote_ending_at(seg[0] if not lead else lead[0].i, s)
        appositive = self._quote_then_speaker(hit, s) if qbefore is None else None
        if appositive is not None:
            # "“…,” Sarandon, 69, told MSNBC" / "''…,'' Xinhua, the official news agency, wrote."
            qbefore, name, source_span = appositive
            speaker = name
            cs, ce = self.trim(*self.quotes[qbefore][:2])
            if self._words(cs, ce) >= 2:
                return self._make(
                    hit, speaker, list(range(cs, ce)), seg, rule="content-cue", source_span=source_span
                )
        if (boundary >= s and doc[boundary].text in (",", "—", "–", "--") or qbefore is not None) and (
            qbefore is not None
            or not self._content_follows(
                hit, seg, e, inverted=not lead or all(self.cls(t, "adverb") for t in lead)
            )
        ):
            speaker = None
            inverted = not lead or all(self.cls(t, "adverb") for t in lead)
            if inverted and self._invertible(hit):
                after = hit.ids[-1] + 1
                speaker = self.np_after(after, seg[1])
                if speaker is not None and not self._names_someone(speaker):
                    speaker = None  # "…, wrote a host of new songs": not an inverted speaker
                if speaker is not None:
                    source_span = self._with_apposition(speaker, e)
            elif self._speaker_like(lead):
                speaker = self.np_before(hit.ids[0] - 1, seg[0]) or self.parsed_subject(
                    hit.verb, (seg[0], hit.ids[0])
                )
            if speaker is not None or (inverted and hit.form == "ing"):
                if hit.form == "ing":
                    speaker = None
                content_end = boundary if qbefore is None else self.quotes[qbefore][1]
                cstart = s
                if out and out[-1].rule != "cue-content":
                    # after an earlier post-posed statement of the sentence; a cue-first one before this
                    # cue is nested in this content ("X plans ..., a spokeswoman said") and gives way
                    prev = out[-1]
                    cstart = max([*prev.cue, *(range(*prev.speaker) if prev.speaker else [])]) + 1
                    cstart = max(cstart, s)
                if qbefore is not None:
                    cstart = (
                        min(cstart, self.quotes[qbefore][0])
                        if self.quotes[qbefore][0] < s
                        else max(cstart, self.quotes[qbefore][0])
                    )
                if qbefore is not None and qbefore in self.quote_user:
                    # a quotation over several paragraphs that an earlier cue introduced ("X said: “…¶ “…,”
                    # he added"): this cue takes its last paragraph, the earlier one keeps the rest
                    par_start = self._paragraph_start(content_end - 1)
                    cstart = max(cstart, par_start)
                    first = self.quote_user[qbefore]
                    keep = [i for i in first.message if i < par_start]
                    if keep:
                        first.message = list(range(*self.trim(keep[0], keep[-1] + 1)))
                        self._set_content(first)
                cs, ce = self.trim(cstart, content_end)
                cs = self._after_dateline(cs, ce)
                frame_end = hit.ids[-1] + 1
                if speaker and speaker[1] > hit.ids[-1]:
                    frame_end = max(speaker[1], source_span[1] if source_span else 0)
                # "“Q1,” she said, “Q2.”" and "Rather, he said, X will ..." continue after the cue clause
                rest = self._rest_after(e, frame_end) if hit.form != "ing" and ce > cs else None
                min_words = 1 if qbefore is not None else 2
                if hit.form != "ing" and ((self._words(cs, ce) >= min_words and ce > cs) or rest is not None):
                    message = list(range(cs, ce))
                    if rest is not None:
                        message += list(range(*rest))
                    elif qbefore is None and self._adverbial(cs, ce):
                        message = []  # "At the same time, X noted ...": not content, the cue comes first
                    if message:
                        return self._make(
                            hit, speaker, message, seg, rule="content-cue", source_span=source_span
                        )
        # passive: "The plan was rejected by the Senate": the agent is the source, the subject the content
        if doc[hit.ids[-1]].lower_ == "by" and any(doc[i].lower_ in PASSIVE_AUX for i in hit.ids):
            agent = self.np_after(hit.ids[-1] + 1, seg[1])
            theme = self.np_before(hit.ids[0] - 1, seg[0])
            if agent is not None and theme is not None:
                saying = self._as_saying(agent[1], e) if hit.verb.lower_ in self.quoter_forms else None
                if saying is not None:
                    # "The general was quoted by Yonhap as saying ...": the general speaks, Yonhap relays
                    cs, ce = self.trim(saying, e)
                    ce = self._cut_trailer(cs, ce)
                    if self._words(cs, ce) >= 2:
                        a = self._make(hit, theme, list(range(cs, ce)), seg, rule="quoted-as")
                        a.relays.append(NamedRelay(agent))
                        return a
                return self._make(hit, agent, list(range(*theme)), seg, rule="passive")
            return None
        # B. pre-posed cue: "X said (that) ...", "X told reporters ...", "X said: “…”"
        if hit.form == "ing":
            speaker = out[-1].speaker if out else self._unit_subject(s, hit.ids[0])
            if not (hit.ids[0] > s and doc[hit.ids[0] - 1].text in (",", "—", "–")):
                return None
        elif out and self._coordinated(hit, seg) and out[-1].speaker is not None:
            # "X said ... and warned that ...": the speaker of the statement before
            speaker = out[-1].speaker
            source_span = out[-1].source_span
        else:
            speaker = self.np_before(hit.ids[0] - 1, seg[0])
            if speaker is None and not lead and k > 0:
                found = self._speaker_before_relative(segs, k)
                if found is not None:
                    source_span, n = found
                    speaker = self.np_before(segs[k - n - 1][1] - 1, segs[k - n - 1][0])
                    ins = segs[k - n]
                    name = [self.doc[i] for i in range(*ins) if not self.doc[i].is_space]
                    if speaker and 0 < len(name) <= 4 and all(self.is_cap(t) or t.text == "." for t in name):
                        # "Hollywood's honorary mayor, Johnny Grant, said": the name
                        speaker = self.trim(*ins)
            if speaker is None and not lead and k >= 2 and self._adverb_segment(segs[k - 1]):
                # "Proponents of the new bill, however, say ...": the subject before the inserted adverb
                speaker = self.np_before(segs[k - 2][1] - 1, segs[k - 2][0])
            if speaker is None:
                # the parsed subject when word order finds none ("Clinton, who ... , and her aides say")
                speaker = self.parsed_subject(hit.verb, (s, hit.ids[0]))
                if speaker is not None:
                    source_span = self.parsed_subject(hit.verb, (s, hit.ids[0]), whole=True)
            if speaker is None and self._coordinated(hit, seg):
                # "Trump called on her to resign and said ...": the subject of the first verb
                speaker = out[-1].speaker if out else self._unit_subject(s, hit.ids[0])
            if speaker is None:
                return None
        start = self._content_start(hit, seg, e)
        if start is None:
            return None
        cs, ce = self.trim(start, e)
        reach = ce
        ce = self._cut_trailer(cs, ce)
        if cs < ce and self.in_quote(cs) and self.quote_of[cs] is not None:
            qs, qe, _ = self.quotes[self.quote_of[cs]]
            if qe > ce and self.paragraph[qe - 1] != self.paragraph[cs]:
                ce = qe  # a quotation running over several paragraphs
        if ce - cs < 2 or self._words(cs, ce) < 2:
            return None
        if cue.notes.startswith("weak") and not (
            doc[cs].lower_ in ("that", "whether") or self.in_quote(cs) or doc[max(cs - 1, 0)].text == ":"
        ):
            return None
        if not self._speaker_ok(speaker):
            return None
        a = self._make(hit, speaker, list(range(cs, ce)), seg, rule="cue-content", source_span=source_span)
        a.reach = reach  # cues up to here are inside this statement
        return a

    def _make(
        self, hit: CueHit, speaker, message: list[int], seg, rule: str, source_span=None
    ) -> Attribution:
        """The attribution; ``source_span`` is the corpus-style source (speaker with apposition or
        relative clause, "Geoff Garin, a Democratic pollster"), kept as an extra attribute for the
        benchmark while ``speaker`` names the person."""
        message = sorted(set(message))
        inner = [i for i in message if self.doc[i].text not in QUOTE_CHARS]
        content = (inner[0], inner[-1] + 1) if inner else (message[0], message[-1] + 1)
        quoted = [i for i in message if self.in_quote(i)]
        direct = len(quoted) >= 0.9 * len(message)
        a = Attribution(
            form=DIRECT if direct else (REPORTED if "c" not in self.lex.cues[hit.lemma].frames else INDIRECT),
            kind="direct" if direct else "indirect",
            content=content,
            message=message,
            cue=list(hit.ids),
            speaker=speaker,
            frame=[],
            confidence=0.85 if speaker is not None else 0.6,
            rule=rule,
        )
        for i in message:
            if self.quote_of[i] is not None:
                self.quote_user.setdefault(self.quote_of[i], a)
        if hit.lemma in ("according to", "citing"):
            a.kind = "according_to"
        if self.lex.cues[hit.lemma].notes.startswith("stance"):
            a.confidence = STANCE_CONFIDENCE
        a.source_span = source_span or speaker
        return a

    def _reports(self, outer: Attribution, inner: Attribution) -> bool:
        """Does ``outer`` (a cue after the clause: "…, KCNA reported") report the whole statement ``inner``
        before it, speaker and cue included ("Kim said the test was a success, KCNA reported")?"""
        if outer.speaker is None or inner.speaker is None or not outer.message or not inner.message:
            return False
        covered = set(outer.message)
        return (
            min(outer.cue) > max(outer.message)
            and outer.speaker[0] > max(outer.message)
            and inner.speaker[0] in covered
            and all(i in covered for i in inner.cue)
        )

    def _words_in(self, ids: list[int]) -> int:
        return sum(1 for i in ids if self.doc[i].is_alpha)

    def _set_content(self, a: Attribution) -> None:
        inner = [i for i in a.message if self.doc[i].text not in QUOTE_CHARS]
        a.content = (inner[0], inner[-1] + 1) if inner else (a.message[0], a.message[-1] + 1)

    def _words(self, s: int, e: int) -> int:
        return sum(1 for i in range(s, e) if self.doc[i].is_alpha)

    def _quote_ending_at(self, i: int, start: int = 0) -> int | None:
        """The quotation whose closing mark is the last word token before ``i`` ("“…,” she said"),
        looking no further back than ``start``."""
        j = i - 1
        while j >= start and (self.doc[j].is_space or self.doc[j].text in (",", "—", "–")):
            j -= 1
        if j < start or self.quote_of[j] is None:
            return None
        q = self.quote_of[j]
        return q if self.quotes[q][1] == j + 1 else None

    def _speaker_like(self, lead: list[Token]) -> bool:
        """The words before a post-posed cue are a short noun phrase (not a clause)."""
        words = [t for t in lead if not self.cls(t, "adverb")]
        if not words or len(words) > MAX_SPEAKER:
            return False
        if len(words) > 1 and self.cls(words[0], "determiner") and not self.has_pos:
            words = words[:-1]  # the head noun may also be a cue form ("the report", "the statement")
        if self.has_pos:
            if len(words) == 1 and self.is_cap(words[0]):
                return True  # "“…,” Keeling said": a name, however tagged (VBG, AUX)
            return not any(t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ != "aux") for t in words)
        return not any(
            (self.cls(t, "stop") and t.lower_ not in NP_PREPS)
            or (t.lower_ in self.verb_forms and not self.is_cap(t))
            for t in words
        )

    def _after_dateline(self, cs: int, ce: int) -> int:
        """Skip a wire dateline at a paragraph start ("ABERDEEN, Scotland (Reuters) - ")."""
        doc = self.doc
        if cs > 0 and self.paragraph[cs - 1] == self.paragraph[cs]:
            return cs
        for j in range(cs, min(ce, cs + 12)):
            t = doc[j]
            if (
                t.text in ("-", "–", "—", "--")
                and j > cs
                and (doc[j - 1].text == ")" or doc[j - 1].text.isupper())
            ):
                return j + 1 if j + 1 < ce else cs
            if not (self.is_cap(t) or t.is_punct or t.is_space):
                return cs
        return cs

    def _invertible(self, hit: CueHit) -> bool:
        """Speech verbs put their speaker after them ("…, said Latham"); beliefs do not ("…, saw the rally")."""
        cue = self.lex.cues[hit.lemma]
        return "c" in cue.frames and not cue.notes.startswith("stance") and hit.form in ("past", "pres")

    def _coordinated(self, hit: CueHit, seg) -> bool:
        j = hit.ids[0] - 1
        while j >= seg[0] and self.cls(self.doc[j], "adverb"):
            j -= 1
        return j >= seg[0] and self.doc[j].lower_ in ("and", "but")

    def _content_follows(self, hit: CueHit, seg, e: int, inverted: bool) -> bool:
        """Does a clause, colon or quotation follow the cue (so the cue is not post-posed)?"""
        doc = self.doc
        j = hit.ids[-1] + 1
        if j >= e:
            return False
        if doc[j].text == ":" or doc[j].lower_ == "that" or (seg[1] < e and doc[seg[1]].text == ":"):
            return True  # "said: …", "said that …", "told BBC News: …"
        if (
            doc[j].text == ","
            and j + 1 < e
            and self.quote_of[j + 1] is not None
            and self.quotes[self.quote_of[j + 1]][0] == j + 1
        ):
            return not inverted
        if self.in_quote(j) and self.quotes[self.quote_of[j]][0] == j:
            return True
        k = j
        while k < seg[1] and not self.in_quote(k):
            t = doc[k]
            if t.lower_ == "that" and k - j <= THAT_WINDOW:
                return True
            if t.lower_ in ("when", "as", "after", "before", "while", "because", "if", "though", "although"):
                return False  # an adjunct clause of the cue ("she added when the interviewer ...")
            if self.is_verbish(t) and k > j and not self.is_cap(t):
                return True
            k += 1
        return False

    def _quote_then_speaker(self, hit: CueHit, s: int):
        """(quote, name, name with apposition) for "“…,” Name, apposition, CUE" (post-posed cue after an
        appositive speaker), else None."""
        doc = self.doc
        j = hit.ids[0] - 1
        while j >= s and (self.cls(doc[j], "adverb") or doc[j].is_space):
            j -= 1
        if j < s or doc[j].text != ",":
            return None
        k = j
        while k >= s and k > j - 25 and not self.in_quote(k):
            k -= 1
        if k < s or self.quote_of[k] is None or self.quotes[self.quote_of[k]][1] != k + 1:
            return None
        q = self.quote_of[k]
        first = k + 1
        while first < j and (doc[first].text in (",", "—", "–") or doc[first].is_space):
            first += 1
        words = [doc[m] for m in range(first, j) if not doc[m].is_punct]
        verbs = [t for t in words if self.is_verbish(t) and not self.is_cap(t) and not self.is_role(t)]
        if not words or verbs or len(words) > 25 or doc[first].text in FINAL or not self.is_cap(words[0]):
            return None
        comma = next((m for m in range(first, j) if doc[m].text == ","), None)
        if comma is None:
            return None
        name = self.trim(first, comma)
        return (q, name, self.trim(first, j)) if name[1] > name[0] else None

    def _speaker_ok(self, sp: tuple[int, int] | None) -> bool:
        """A speaker phrase names someone: it has a name, a pronoun or a noun, not only numbers or verbs."""
        if sp is None:
            return True
        words = [t for t in self.doc[sp[0] : sp[1]] if t.is_alpha]
        if not words:
            return False
        inner = (
            words[1:-1] if self.cls(words[0], "determiner") else words[1:]
        )  # "the report" is a noun phrase
        verbs = [
            t
            for t in inner
            if t.lower_ in self.verb_forms
            and not self.is_cap(t)
            and not self.is_role(t)
            and not self._noun_modifier(t)
            and (not self.has_pos or t.pos_ in ("VERB", "AUX"))  # "opponents of the plan": a noun
        ]
        return not verbs

    def _cut_trailer(self, cs: int, ce: int) -> int:
        """End a content clause before a non-restrictive add-on outside quotations: ", which ...",
        ", who ...", " -- something ...", ", a plan ..." (the corpora leave these out)."""
        doc = self.doc
        for i in range(cs + 2, ce - 1):
            if self.in_quote(i):
                continue
            t, nxt = doc[i], doc[i + 1]
            if t.text in ("--", "—", "–") or (t.text == "-" and doc[i - 1].whitespace_):
                return self.trim(cs, i)[1]
            if t.text == "," and (nxt.lower_ in CUT_AFTER_COMMA):
                return self.trim(cs, i)[1]
        return ce

    def _inverted_speaker(self, hit: CueHit, seg) -> bool:
        sp = self.np_after(hit.ids[-1] + 1, seg[1])
        return sp is not None and self._names_someone(sp)

    def _names_someone(self, sp: tuple[int, int]) -> bool:
        """A speaker after an inverted cue: a name, a pronoun or a role noun ("said a spokeswoman")."""
        toks = list(self.doc[sp[0] : sp[1]])
        return any(
            self.is_cap(t) or self.is_role(t) or self.cls(t, "pronoun") or "year-old" in t.lower_
            for t in toks
        )

    def _noun_modifier(self, t: Token) -> bool:
        """A cue form the tagger reads as a noun before another noun ("state media", "state officials")."""
        nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
        return self.has_pos and t.pos_ == "NOUN" and nxt is not None and nxt.pos_ in ("NOUN", "PROPN")

    def _adverbial(self, cs: int, ce: int) -> bool:
        """A stretch that is only an introductory phrase ("At the same time", "In a speech on Monday",
        "Speaking on a radio show last week")."""
        doc = self.doc
        first = doc[cs]
        participle = first.lower_.endswith("ing") and first.is_alpha and len(first) > 4
        if not (self.cls(first, "stop") or participle) or any(
            doc[i].text == "," and not self.in_quote(i) for i in range(cs, ce)
        ):
            return False
        return not any(self._finite_like(doc[i]) for i in range(cs + 1 if participle else cs, ce))

    def _finite_like(self, t: Token) -> bool:
        """A token that looks like a finite verb: an auxiliary or a past/present form of a cue verb."""
        if self.has_pos:
            return t.pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(t.morph)
        return self.cls(t, "aux") or any(k in ("past", "pres") for _, k in self.verb_forms.get(t.lower_, []))

    def _rest_after(self, e: int, frame_end: int) -> tuple[int, int] | None:
        """What follows a post-posed cue clause that still belongs to the content."""
        doc = self.doc
        j = frame_end
        while j < e and (doc[j].is_space or doc[j].text in (",", "—", "–")):
            j += 1
        if j >= e:
            return None
        if self.in_quote(j):
            q = self.quote_of[j]
            qs, qe, _ = self.quotes[q]
            if qs == j:
                end = qe
                return self.trim(qs, end)
            return None
        if j == frame_end:
            # "the partner told them, was simple": step over an addressee or a short adjunct
            m = j
            while (
                m < e
                and m - j < 6
                and doc[m].text != ","
                and not self.in_quote(m)
                and not self.is_verbish(doc[m])
            ):
                m += 1
            if m < e and doc[m].text == ",":
                j = m + 1
        if doc[j - 1].text != "," or j == frame_end:
            return None
        t = doc[j]
        if (self.cls(t, "stop") and not self.cls(t, "aux")) or t.lower_.endswith("ing") or t.is_punct:
            return None
        end = self.trim(j, e)[1]
        if end - j < 2:
            return None
        if (self.is_cap(t) or self.cls(t, "determiner")) and not self._clause_at(j, end):
            return None  # an apposition after the speaker ("said Latham, the group's president")
        return (j, end)

    def _clause_at(self, j: int, end: int) -> bool:
        """Does a clause start at ``j`` (a verb before the next comma, "the Christians and Muslims don't
        mix"), rather than a noun phrase ("the group's president", "a lawyer who ...")?"""
        for m in range(j, min(end, j + 10)):
            t = self.doc[m]
            if t.text in (",", ";", ":") or t.lower_ in ("who", "which", "whose", "whom"):
                return False
            if t.lower_ in ADJUNCT_WORDS:
                return False  # "..., its operator said, two years after construction started": an adjunct
            if self.is_verbish(t):
                return True
        return False

    def _with_apposition(self, sp: tuple[int, int], e: int) -> tuple[int, int]:
        """ "said Geoff Garin, a Democratic pollster working for X": the speaker with its apposition."""
        doc = self.doc
        j = sp[1]
        if j >= e or doc[j].text != ",":
            return sp
        k = j + 1
        while (
            k < e and not self.in_quote(k) and doc[k].text not in (";", "—", "–") and doc[k].text not in FINAL
        ):
            if (
                k > j + 1
                and doc[k - 1].text == ","
                and (
                    doc[k].lower_.endswith("ing")
                    or doc[k].lower_ in ("in", "on", "at", "during", "after", "before", "adding", "and")
                )
            ):
                k -= 1
                break
            k += 1
        end = self.trim(sp[0], k)[1]
        return (sp[0], end) if end > sp[1] + 1 else sp

    def _unit_subject(self, s: int, i: int) -> tuple[int, int] | None:
        """The subject of the unit's main clause, for ", adding that ..." without an earlier cue."""
        doc = self.doc
        if self.has_dep:
            for j in range(s, i):
                t = doc[j]
                if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT":
                    return self.np_of(t, (s, i))
        j = s
        while j < i and doc[j].is_space:
            j += 1
        if j < i and self.cls(doc[j], "pronoun"):
            return (j, j + 1)
        return self.np_after(j, i)

    def _speaker_before_relative(self, segs, k) -> tuple[tuple[int, int], int] | None:
        """ "Clinton, who ..., said" / "Latham, chief executive of X, said" / "Roxana Leon, 63, a voter from
        Ohio, said": the name before one or two insertions (the source span and the number of insertions)."""
        for n in (1, 2):
            if k < n + 1:
                return None
            if all(self._insertion(segs[k - m], segs[k - n - 1]) for m in range(1, n + 1)):
                prev = segs[k - n - 1]
                sp = self.np_before(prev[1] - 1, prev[0])
                if sp and self._names_someone(sp):
                    return (sp[0], segs[k - 1][1]), n
        return None

    def _insertion(self, ins: tuple[int, int], before: tuple[int, int]) -> bool:
        """Is ``ins`` a relative clause, apposition or age set off by commas after the name in ``before``?"""
        first = self.doc[ins[0]]
        opener = (
            first.lower_ in ("who", "which", "whose")
            or self.cls(first, "determiner")
            or self.is_cap(first)
            or (
                self.is_cap(self.doc[before[1] - 1])
                and any(self.is_role(t) for t in self.doc[ins[0] : ins[1]])
            )
        )
        return (ins[1] - ins[0] <= 8 or (opener and ins[1] - ins[0] <= 25)) and not self.in_quote(ins[0])

    def _content_start(self, hit: CueHit, seg, e: int) -> int | None:
        """First token of the content after a pre-posed cue (None when nothing that looks like content)."""
        doc = self.doc
        j = hit.ids[-1] + 1
        while j < e and self.cls(doc[j], "adverb") and doc[j].lower_ not in ("also", "then"):
            j += 1
        if (
            j + 1 < e
            and doc[j].text == ","
            and doc[j + 1].lower_ in self.source_words
            and (src := self._cited_source(CueHit("citing", [j + 1], doc[j + 1], "prep"), e)) is not None
            and src[1] < e
            and doc[src[1]].text == ","
        ):
            j = src[1] + 1  # "reported, citing local officials, that ...": the phrase is the cue's (a relay)
        if j < e and doc[j].text in (":", ","):
            k = j + 1
            while k < e and doc[k].is_space:
                k += 1
            if k < e and (self.in_quote(k) or doc[j].text == ":"):
                return k
            if doc[j].text == ",":
                return None
        # "that" within a short window of adjuncts ("said in a statement on Tuesday that ...")
        for k in range(j, min(e, j + THAT_WINDOW)):
            t = doc[k]
            if self.in_quote(k) or t.text in FINAL or t.text in (";",):
                break
            if t.lower_ == "that" and k < e - 1:
                return k
            if k > j and self.is_verbish(t):
                break
            if (
                self.cls(t, "pronoun")
                and t.lower_ not in ("it", "that", "which", "who")
                and not self.cls(t, "addressee")
            ):
                break  # a bare clause starts with its subject ("said he was ...")
        head = hit.lemma.split()[0]
        if head in ADDRESSEE_CUES:
            k = j
            while k < e and (self.cls(doc[k], "addressee") or self.is_cap(doc[k])) and not self.in_quote(k):
                k += 1
            if k < e and doc[k].lower_ in ("to", "of") and head in ("urge", "warn", "ask", "tell", "remind"):
                return k + 1 if head != "warn" else k
            j = k
        while j < e and (doc[j].is_space or self.cls(doc[j], "adverb")):
            j += 1
        return j if j < e else None

    # ------------------------------------------------------------------ source-less and survey cues
    def _hearsay(self, i: int, s: int, e: int) -> Attribution | None:
        """ "Google has reportedly looked at Twitter": the adverb is the cue, its clause the content, and
        nobody is named."""
        if not self.cls(self.doc[i], "hearsay"):
            return None
        cs, ce = self.trim(s, e)
        if self.has_dep:
            clause = self.doc[i].head
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head  # "He gained acclaim ... and was reportedly targeted": the whole clause
            sub = [t.i for t in clause.subtree if s <= t.i < e]
            if sub:
                cs, ce = self.trim(min(sub), max(sub) + 1)
        if self._words(cs, ce) < 3:
            return None
        return self._bare(cue=[i], speaker=None, cs=cs, ce=ce, rule="hearsay")

    def _survey(self, i: int, segs, e: int) -> Attribution | None:
        """ "In a Des Moines Register poll last month, Mr. Cruz had a 10 percentage-point lead": the
        preposition is the cue, the poll the source, the clause after the comma the content."""
        doc = self.doc
        if doc[i].lower_ != "in":
            return None
        seg = next((g for g in segs if g[0] == i), None)
        if seg is None or seg[1] >= e or doc[seg[1]].text != ",":
            return None
        if i + 1 >= e or not (self.cls(doc[i + 1], "determiner") or self.is_cap(doc[i + 1])):
            return None  # "in part because of ...": not a poll named as the source
        heads = [j for j in range(i + 1, seg[1]) if self.cls(doc[j], "survey")]
        if not heads or seg[1] - i > 12:
            return None
        nxt = next((g for g in segs if g[0] > seg[1]), None)
        if nxt is None:
            return None
        cs, ce = self.trim(nxt[0], e)
        if not self._clause_at(cs, ce) or self._words(cs, ce) < 3:
            return None
        return self._bare(cue=[i], speaker=self.trim(i + 1, seg[1]), cs=cs, ce=ce, rule="survey")

    def _bare(
        self, cue: list[int], speaker, cs: int, ce: int, rule: str, confidence: float = 0.6
    ) -> Attribution:
        """A reported statement whose cue is not a verb (a noun, an adverb, a preposition)."""
        a = Attribution(
            form=REPORTED,
            kind="indirect",
            content=(cs, ce),
            message=list(range(cs, ce)),
            cue=cue,
            speaker=speaker,
            confidence=confidence,
            rule=rule,
        )
        self._set_content(a)
        a.source_span = speaker
        return a

    # ------------------------------------------------------------------ noun cues
    def _noun_cue(self, i: int, s: int, e: int) -> Attribution | None:
        """ "Trump's attacks on the judge", "his support for the bill", "the senator's claim that ...",
        "the suggestion by a senator that ...", "the party's decision not to ...": the noun is the cue, the
        possessor (or the agent after "by"/"from") the source, what follows the content."""
        doc = self.doc
        noun = doc[i]
        if self.has_pos and noun.pos_ not in ("NOUN", "PROPN"):
            return None
        key = self.act_nouns[noun.lower_]
        # the source: a possessive before the noun (over adjectives: "Trump's strikingly personal attacks")
        j = i - 1
        while (
            j >= s
            and j > i - 5
            and (self.cls(doc[j], "adverb") or (self.has_pos and doc[j].pos_ == "ADJ") or doc[j].text == ",")
        ):
            j -= 1
        speaker = None
        if j >= s and doc[j].lower_ in POSSESSIVE_PRONOUNS:
            speaker = (j, j + 1)
        elif j > s and doc[j].lower_ in ("'s", "’s") and not self.in_quote(j):
            owner = self._owner_before(j, s)
            if owner is not None and self._names_someone(owner):
                speaker = (owner[0], j + 1)
        k = i + 1
        if speaker is None:
            # "the suggestion by a senator that ...", "criticism from Democrats of ..."
            if k < e and doc[k].lower_ in ("by", "from") and not self.in_quote(k):
                agent = self.np_after(k + 1, e)
                if agent is None or not (
                    self._names_someone(agent)
                    or (self.has_pos and any(t.pos_ == "NOUN" for t in doc[agent[0] : agent[1]]))
                ):
                    return None
                speaker = agent
                k = agent[1]
            else:
                return None
        cue = [i]
        if k >= e:
            return None
        t = doc[k]
        finite = self._finite_like
        frames, notes = self.noun_cues[key]
        if t.lower_ == "that" and "c" in frames:
            cs = k
            ce = self._cut_trailer(cs, self.trim(cs, e)[1])
            # "the claim that X is Y was false": the clause ends before the sentence's own verb
            seen = False
            for m in range(cs + 1, ce):
                if not self.in_quote(m) and finite(doc[m]) and not finite(doc[m - 1]):
                    if seen and doc[m - 1].lower_ not in ("and", "or", "but", "that", "who", "which", ","):
                        ce = m
                        break
                    seen = True
        elif (
            t.lower_ in ("to", "not")
            and (t.lower_ == "to" or (k + 1 < e and doc[k + 1].lower_ == "to"))
            and self._verb_after_to(k)
        ):
            cs = k
            ce = cs + 1
            while ce < e and not (
                doc[ce].text in BOUNDARY | FINAL
                or (ce > cs + 2 and finite(doc[ce]) and not self.in_quote(ce))
            ):
                ce += 1
        elif (
            t.lower_ in NOUN_CONTENT_PREPS
            and not self.in_quote(k)
            and k + 1 < e
            and not (self.cls(doc[k + 1], "time") or doc[k + 1].like_num)
            and (t.lower_ != "to" or key in ("support", "opposition"))
        ):
            cue.append(k)
            cs = k + 1
            ce = cs
            while ce < e and not (
                doc[ce].text in BOUNDARY | FINAL
                or (finite(doc[ce]) and not self.in_quote(ce))
                or (doc[ce].lower_ in ("by", "from") and ce > cs)
            ):
                ce += 1
        else:
            return None
        cs, ce = self.trim(cs, ce)
        if ce - cs < 1 or self._words(cs, ce) < 1:
            return None
        confidence = STANCE_CONFIDENCE if notes.startswith("stance") else 0.6
        return self._bare(cue, speaker, cs, ce, rule="noun", confidence=confidence)

    def _owner_before(self, j: int, s: int) -> tuple[int, int] | None:
        """The noun phrase before a possessive "'s" at ``j`` ("the State Department", "Mr. Trump"): names,
        nouns and adjectives back to a determiner (without a tagger: capitalised words)."""
        doc = self.doc
        m = j - 1
        while m >= s and not self.in_quote(m):
            t = doc[m]
            if self.cls(t, "determiner") or (self.has_pos and t.pos_ == "DET"):
                m -= 1  # the determiner opens the phrase
                break
            if self.has_pos:
                ok = t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or (t.text == "." and m < j - 1)
            else:
                ok = self.is_cap(t) or t.text == "."
            if not ok:
                break
            m -= 1
        return (m + 1, j) if m + 1 < j else None

    def _verb_after_to(self, k: int) -> bool:
        doc = self.doc
        m = k + 1 if doc[k].lower_ == "to" else k + 2
        if m >= len(doc):
            return False
        if self.has_pos:
            return doc[m].pos_ in ("VERB", "AUX")
        return doc[m].is_lower and not self.cls(doc[m], "determiner")

    # ------------------------------------------------------------------ relays
    def _cited_source(self, hit: CueHit, e: int) -> tuple[int, int] | None:
        """The source a "citing"/"quoting" phrase names ("citing witnesses", "citing South Korea's military"),
        None when it names no one that speaks ("citing low growth", "citing the investigation")."""
        src = self.np_after(hit.ids[-1] + 1, e)
        if src is None:
            return None
        doc = self.doc
        head = doc[src[1] - 1]
        text = doc[src[0] : src[1]].text.lower()
        low = head.lower_
        singular = low[:-2] if low.endswith("sses") else low[:-1] if low.endswith("s") else low
        if (
            self.is_role(head)
            or any(r.noun == singular for r in self.lex.roles)
            or agencies.lookup(doc[src[0] : src[1]].text) is not None
            or any(w in text for w in self.lex.words_of("statemedia"))
        ):
            return src
        if self.has_pos:
            return src if head.pos_ == "PROPN" and head.ent_type_ in ("PER", "PERSON", "ORG") else None
        return src if self.is_cap(head) else None

    def _relay_to(self, a: Attribution, source: tuple[int, int]) -> None:
        """The reporter of ``a`` passes on what ``source`` said: the source becomes the speaker, the
        reporter a relay (``relays.NamedRelay``)."""
        if a.speaker is None or (a.speaker[0] < source[1] and source[0] < a.speaker[1]):
            return
        a.relays.append(NamedRelay(a.speaker))
        a.speaker = source
        a.source_span = source

    def _channels(self, a: Attribution, s: int, e: int) -> None:
        """Relays the sentence names by a channel phrase after the cue ("told Reuters", "said in an interview
        with the BBC", "..., in comments carried by KCNA"); a phrase set off at the end of the content is
        no part of it."""
        if not a.cue:
            return
        doc = self.doc
        i = max(a.cue) if len(a.cue) == 1 or doc[max(a.cue)].lower_ != "with" else max(a.cue) - 4
        i = max(i, min(a.cue))
        while i < e:
            if self.in_quote(i):
                i += 1
                continue
            for words in self.channel_phrases:
                n = len(words)
                if tuple(t.lower_ for t in doc[i : i + n]) != words or i + n >= e:
                    continue
                if words == ("told",) and i not in a.cue:
                    continue  # "told" counts only as the statement's own cue ("the minister told Reuters")
                relay = self._channel_np(i + n, e)
                if relay is None:
                    continue
                if a.message and relay[0] < min(a.message) < relay[1]:
                    relay = (relay[0], min(a.message))  # "told Reuters | the talks would ..."
                a.relays.append(NamedRelay(relay) if self._outlet(relay, words) else relay)
                if i in a.message:
                    # "..., in comments carried by KCNA": end the content before the phrase's clause
                    j = i
                    while j > min(a.message) and doc[j - 1].text != "," and not self.in_quote(j - 1):
                        j -= 1
                    keep = [k for k in a.message if k < j - 1]
                    if keep and j > min(a.message) + 1:
                        a.message = list(range(*self.trim(keep[0], keep[-1] + 1)))
                        self._set_content(a)
                i += n - 1
                break
            i += 1

    def _as_saying(self, i: int, e: int) -> int | None:
        """The first token after "as saying" (or another -ing speech cue) at ``i``, else None."""
        doc = self.doc
        if i + 2 >= e or doc[i].lower_ != "as" or self.in_quote(i):
            return None
        forms = self.verb_forms.get(doc[i + 1].lower_, [])
        return i + 2 if any(k == "ing" for _, k in forms) else None

    def _quoted_as(self, a: Attribution, hit: CueHit, e: int) -> None:
        """ "Yonhap quoted the general as saying ...": the quoted one is the speaker, the quoter a relay."""
        if hit.verb.lower_ not in self.quoter_forms or a.speaker is None or not a.message:
            return
        start = min(a.message)
        for i in range(start + 1, min(start + MAX_SPEAKER, e)):
            if self.in_quote(i):
                return
            saying = self._as_saying(i, e)
            if saying is None:
                continue
            speaker = self.trim(start, i)
            cs, ce = self.trim(saying, max(a.message) + 1)
            if speaker[1] <= speaker[0] or self._words(cs, ce) < 2:
                return
            a.relays.append(NamedRelay(a.speaker))
            a.speaker = a.source_span = speaker
            a.message = list(range(cs, ce))
            self._set_content(a)
            a.rule = "quoted-as"
            return

    def _channel_np(self, i: int, e: int) -> tuple[int, int] | None:
        """The noun phrase after a channel phrase ("the state news agency", "Yonhap"): with tags, a run of
        determiners, adjectives, nouns and names; without, the speaker phrase reading."""
        if not self.has_pos:
            return self.np_after(i, e)
        doc = self.doc
        j = i
        while (
            j < e
            and not self.in_quote(j)
            and (doc[j].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or (doc[j].pos_ == "PART" and j > i))
        ):
            if doc[j].lower_ == "that" or (self.cls(doc[j], "determiner") and j > i):
                break
            j += 1
        return (i, j) if j > i else None

    def _outlet(self, span: tuple[int, int], words: tuple[str, ...]) -> bool:
        """Does the phrase after a channel phrase name an outlet (a relay whatever the entity index knows of
        it)? What carried a statement always does; an addressee or interviewer only as an organisation."""
        doc = self.doc
        if words[-1] == "by":
            return True
        toks = doc[span[0] : span[1]]
        if any(self.cls(t, "addressee") for t in toks):
            return False
        return agencies.lookup(toks.text) is not None or any(
            t.ent_type_ == "ORG" or (self.lex.role(t.text) and self.lex.role(t.text).type == "MEDIA")
            for t in toks
        )

    # ------------------------------------------------------------------ according to
    def _according_to(self, hit, seg, segs, k, s, e, out) -> Attribution | None:
        doc = self.doc
        src = self.np_after(hit.ids[-1] + 1, seg[1])
        if src is None:
            return None
        fs = seg[0] if seg[0] == hit.ids[0] else hit.ids[0]
        fe = seg[1]
        us, ue = self.trim(out[-1].content[1] if out else s, e)
        if fs <= us + 1:
            cs, ce = self.trim(fe, ue)
        elif fe >= ue - 1:
            cs, ce = self.trim(us, fs)
        else:
            message = [i for i in range(us, ue) if not (fs <= i < fe) and not doc[i].is_space]
            return self._make(hit, src, message, seg, rule="according-to") if len(message) >= 3 else None
        if ce - cs < 2:
            return None
        return self._make(hit, src, list(range(cs, ce)), seg, rule="according-to")
