"""Entities of an article: named-entity mentions, speakers and relays clustered into referents.

"Kremlchef Putin" / "Wladimir Putin" / "Putin" / "Putins" / "Er" become one entity named by the fullest
name in the article ("Wladimir Putin"); pronouns and definite descriptions ("der Kremlchef", "der
nordkoreanische Machthaber") are resolved to the last compatible referent (role noun, gender, number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sourcetrace import agencies
from sourcetrace.extract.attribution.lexicon import Lexicon
from sourcetrace.extract.types import Entity

NER_TYPES = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "LOC": "GPE",
    "GPE": "GPE",
    "NORP": "GROUP",
}
PRONOUNS = {"er": "m", "sie": "f", "ihm": "m", "ihn": "m", "ihr": "f", "es": "n", "dieser": "m", "diese": "f"}


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


_SPLIT = re.compile(r"[\s\-–]+")


@lru_cache(maxsize=4096)
def _name_tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _SPLIT.split(text.lower()) if t and t not in {"(", ")"})


@dataclass
class Referent:
    names: list[str] = field(default_factory=list)  # name variants without role nouns
    roles: set[str] = field(default_factory=set)
    type: str = "OTHER"
    gender: str = "?"
    mentions: list[Span] = field(default_factory=list)
    first: int = 0
    last: int = 0
    description: str | None = None  # for referents known only by a description ("südkoreanische Angaben")

    @property
    def tokens(self) -> set[str]:
        return {t for n in self.names for t in _name_tokens(n)}

    def canonical(self) -> str:
        if self.names:
            return max(
                self.names, key=lambda n: (len(_name_tokens(n)), len(n.split()), len(n), -self.names.index(n))
            )
        return self.description or ""


class EntityIndex:
    def __init__(self, doc: Doc, lex: Lexicon, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text  # ``doc.text``, passed in when the caller has it
        self.lex = lex
        # personal pronouns with one gender/number that can stand for a speaker
        self.pronouns = (
            PRONOUNS
            if lex.lang == "de"
            else {w: c["pronoun"] for w, c in lex.words.items() if c.get("pronoun") in ("m", "f", "n", "pl")}
        )
        self.referents: list[Referent] = []
        self.ents = list(doc.ents)  # computing doc.ents is costly: once per document
        for ent in self.ents:
            kind = NER_TYPES.get(ent.label_)
            if kind is None or (len(ent) == 1 and self._title(ent[0])):
                continue  # "Kremlchef | Wladimir Putin": a title the recogniser took for a name of its own
            end = ent.end
            while kind == "PERSON" and end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
                end += 1  # "Kim Jong | Un", "Wjatscheslaw | Wolodin": names the recogniser cut short
            self.add_name(doc[ent.start : end], kind)
        if doc.has_annotation("TAG") or doc.has_annotation("POS"):
            # "Kanzlerin Maria Berger": a role noun followed by proper names is a person (also without NER)
            for t in doc[:-1]:
                role = self.lex.role(t.text) if t.text[:1].isupper() and t.pos_ in ("NOUN", "PROPN") else None
                if role is None or role.type != "PERSON" or doc[t.i + 1].pos_ != "PROPN":
                    continue
                end = t.i + 1
                while end < len(doc) and doc[end].pos_ == "PROPN" and end - t.i <= 4:
                    end += 1
                self.add_name(doc[t.i : end], "PERSON")
            # "Der Präsident der Duma, Wjatscheslaw Wolodin, ...": proper names in apposition to a role noun
            for t in doc:
                if t.dep_ != "appos" or t.pos_ != "PROPN" or t.ent_type_ or not t.text[:1].isupper():
                    continue
                role = self.lex.role(t.head.text) if t.head.text[:1].isupper() else None
                if role is None or role.type != "PERSON" or t.head.ent_type_:
                    continue
                self.add_name(doc[t.i : self._unrecognised_names_end(t.i)], "PERSON")
            # the same where the parse has no "appos": ", Ilse Moorbach," after a noun phrase with a role noun
            for i in range(1, len(doc) - 3):
                if doc[i].text != ",":
                    continue
                end = self._unrecognised_names_end(i + 1)
                if end - i < 3 or end >= len(doc) or doc[end].text not in (",", "–"):
                    continue  # two to four names, set off by commas
                k = i - 1
                while k >= 0 and i - k <= 6 and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
                    role = self._role(doc[k]) if doc[k].pos_ == "NOUN" else None
                    if role is not None and role.type == "PERSON":
                        self.add_name(doc[i + 1 : end], "PERSON")
                        break
                    k -= 1

    # ---------------------------------------------------------------- names
    def _unrecognised_names_end(self, start: int, most: int = 4) -> int:
        """The end of the run of at most ``most`` proper nouns from ``start`` that the NER left untagged."""
        doc, end = self.doc, start
        while end < len(doc) and end - start < most and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
            end += 1
        return end

    def _role(self, t: Token):
        """The lexicon's role noun ``t`` is, if any (in German only capitalized words are nouns)."""
        return self.lex.role(t.text) if t.text[:1].isupper() or not self.lex.nouns_capitalized else None

    def _title(self, t: Token) -> bool:
        """A person's role noun right before a person entity ("Kremlchef" in "Kremlchef Wladimir Putin")."""
        if t.i + 1 >= len(self.doc) or self.doc[t.i + 1].ent_type_ != "PER":
            return False
        role = self._role(t)
        return role is not None and role.type == "PERSON"

    def _split_roles(self, span: Span) -> tuple[str, set[str], str]:
        """(name without leading determiners, adjectives and role nouns, roles, gender)."""
        # "Der Präsident der Duma, Wjatscheslaw Wolodin": the part of an apposition that is a name
        parts, cur = [], []
        for t in span:
            if t.text in (",", "–") and cur:
                parts.append(cur)
                cur = []
            elif not t.is_space:
                cur.append(t)
        if cur:
            parts.append(cur)
        if len(parts) > 1:
            named = [
                p
                for p in parts
                if all(t.text[:1].isupper() or t.is_punct for t in p)
                and not self.lex.is_(p[0].lower_, "determiner")
            ]
            roles_in = [p for p in parts if p is not (named[0] if named else None)]
            if named:
                span = self.doc[named[0][0].i : named[0][-1].i + 1]
                extra = {
                    t.lower_ for p in roles_in for t in p if t.text[:1].isupper() and self.lex.role(t.text)
                }
                name, roles, gender = self._split_roles(span)
                for r in sorted(extra):
                    roles.add(r)
                    gender = self.lex.role(r).gender if gender == "?" else gender
                return name, roles, gender
        words = []
        for t in span:
            if t.text == "(":
                break  # "Putin (l.)", "Müller (SPD)": the parenthesis is no part of the name
            if not t.is_punct or t.text == "-":
                words.append(t)
        roles, gender = set(), "?"
        keep: list = []
        role_of = None  # the role noun just stripped
        for k, t in enumerate(words):
            role = self._role(t)
            nxt = words[k + 1] if k + 1 < len(words) else None
            title = (  # "Mayor Sadiq Khan" as one PER entity: the role noun is a title, not the name
                role is not None
                and role.type == "PERSON"
                and nxt is not None
                and nxt.text[:1].isupper()
                # ... or the role noun as an entity of its own right before the person's ("Kremlchef")
                and (t.ent_type_ == "PER" or (nxt.ent_type_ == "PER" and nxt.ent_iob_ == "B"))
            )
            if role is not None and not keep and (t.ent_iob_ != "B" or title):
                roles.add(t.lower_)
                gender = role.gender
                if role.type == "ORG" and nxt is not None and nxt.text[:1].isupper():
                    keep.append(t)  # "Deichverband Nordfriesland": the organisation's name
                role_of = (role, t)
                continue
            if not keep and (t.text[:1].islower() or self.lex.is_(t.lower_, "determiner")):
                if (
                    role_of is not None
                    and role_of[0].type == "PERSON"
                    and t.text[:1].islower()
                    and not self._spokesperson(role_of[1].text)
                ):
                    return "", roles, gender  # "Bürgermeister von Hamburg": Hamburg is no name of the speaker
                continue
            keep.append(t)
        name = " ".join(t.text for t in keep)
        name = re.sub(r"\s*\(.*$", "", name).strip()
        return name, roles, gender

    def find_name(self, name: str) -> Referent | None:
        toks = _name_tokens(name)
        if not toks:
            return None
        best = None
        for r in self.referents:
            if not r.names:
                continue
            rt = r.tokens
            stripped = [t[:-1] if t.endswith("s") and t[:-1] in rt else t for t in toks]
            same = (
                all(t in rt for t in stripped)
                or (len(rt) == 1 and rt <= set(stripped))
                or any(set(_name_tokens(n)) <= set(stripped) and len(_name_tokens(n)) > 1 for n in r.names)
            )
            if same and (best is None or r.last > best.last):
                best = r
        return best

    def add_name(self, span: Span, kind: str) -> Referent | None:
        name, roles, gender = self._split_roles(span)
        if not name:
            return None
        agency = agencies.lookup(name)
        if agency is not None or any(
            self.lex.role(w) and self.lex.role(w).type == "MEDIA" for w in name.split()
        ):
            kind = "MEDIA"
        ref = self.find_name(name)
        if ref is None:
            ref = Referent(type=kind, first=span.start)
            self.referents.append(ref)
        elif ref.type in ("OTHER", "GROUP") and kind not in ("OTHER",):
            ref.type = kind
        name_toks = _name_tokens(name)
        for k, n in enumerate(ref.names):
            if _name_tokens(n) == name_toks and len(name.split()) > len(n.split()):
                ref.names[k] = name  # "Kim Jong Un" spells out "Kim Jong-un"
        if not any(_name_tokens(n) == name_toks for n in ref.names) and not (
            len(name_toks) == 1 and name_toks[0].endswith("s") and name_toks[0][:-1] in ref.tokens
        ):
            ref.names.append(name)
        ref.roles |= roles
        if gender != "?":
            ref.gender = gender
        self._mention(ref, span)
        return ref

    def _mention(self, ref: Referent, span: Span) -> None:
        if not any(m.start == span.start and m.end == span.end for m in ref.mentions):
            ref.mentions.append(span)
        ref.last = max(ref.last, span.start)

    def _spokesperson(self, word: str) -> bool:
        """A noun for someone who speaks for an organisation ("Polizeisprecher", "spokeswoman")."""
        low = word.lower()
        return any(low.endswith(w) for w in self.lex.words_of("spokesperson"))

    def _head_before(self, span: Span, ent: Span) -> tuple[Span | None, bool]:
        """How a named entity inside a speaker mention relates to the common noun before it:
        (head, False) when the noun and the name together name an organisation ("Landkreis Harburg",
        "Deichverband Nordfriesland"); (None, True) when the name only modifies a person's role ("der
        Bürgermeister von Hamburg", "the mayor of London"); (None, False) when the name is the speaker
        ("Kanzler Olaf Scholz", "Nachrichtenagentur Reuters", "ein Sprecher von Siemens")."""
        doc = self.doc
        nouns = [
            t
            for t in doc[span.start : ent.start]
            if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.text[:1].isupper() and self.lex.role(t.text))
        ]
        if not nouns:
            return None, False
        noun = nouns[-1]
        role = self.lex.role(noun.text)
        between = doc[noun.i + 1 : ent.start]
        if not len(between):
            if role is not None and role.type in ("PERSON", "MEDIA", "GROUP"):
                return None, False
            genitive = "Gen" in noun.morph.get("Case") or (
                noun.i > 0 and doc[noun.i - 1].lower_ in ("des", "eines")
            )
            if noun.pos_ == "NOUN" and noun.text[:1].isupper() and not genitive:
                return doc[noun.i : noun.i + 1], False
            return None, False
        linking = all(t.pos_ in ("ADP", "DET", "ADJ") and t.text[:1].islower() for t in between)
        if linking and role is not None and role.type == "PERSON" and not self._spokesperson(noun.text):
            return None, True
        return None, False

    def _common_head_after(self, span: Span, ent: Span) -> bool:
        """English: does the mention end in a lower-case common noun after the name ("South Korean
        media", "Pentagon officials")? Then the name is a modifier and the noun the mention's head."""
        words = [t for t in self.doc[ent.end : span.end] if not t.is_punct and not t.is_space]
        return (
            bool(words)
            and all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words)
            and (words[-1].pos_ == "NOUN")
        )

    # ---------------------------------------------------------------- resolution
    def resolve(self, span: Span, prefer: list[Referent] | None = None) -> Referent:
        """The referent a speaker or relay mention points to (creating one for new descriptions)."""
        words = [t for t in span if not t.is_punct]
        if not words:
            words = list(span)
        low = words[0].lower_
        # pronoun
        if len(words) == 1 and low in self.pronouns:
            gender = self.pronouns[low]
            ref = self._last_compatible(span.start, gender, prefer)
            if ref is not None:
                self._mention(ref, span)
                return ref
        # a name inside the mention (NER or capitalised words after the role noun)
        modifier = False  # "der Bürgermeister von Hamburg": the name belongs to a modifier, not the speaker
        inside = [
            e for e in self.ents if span.start <= e.start and e.end <= span.end and NER_TYPES.get(e.label_)
        ]
        persons = [e for e in inside if NER_TYPES[e.label_] == "PERSON"]
        # a person's name is the head of the mention ("London Mayor Sadiq Khan", "Hamburgs Bürgermeister
        # Peter Tschentscher"); other names in order
        if not self.lex.nouns_capitalized and inside and self._common_head_after(span, inside[-1]):
            inside = []  # "South Korean media", "US officials": the name modifies a common noun, the speaker
        for ent in persons[::-1] + [e for e in inside if e not in persons]:
            head, modifier = self._head_before(span, ent)
            if modifier:
                break
            named = self.doc[head.start : ent.end] if head is not None else ent
            ref = self.add_name(named, "ORG" if head is not None else NER_TYPES[ent.label_])
            if ref is not None:
                name, roles, gender = self._split_roles(span)
                ref.roles |= roles
                if gender != "?" and ref.gender == "?":
                    ref.gender = gender
                self._mention(ref, span)
                return ref
        name, roles, gender = self._split_roles(span)
        if modifier:
            name = ""
        if name and name[:1].isupper() and not self.lex.role(name.split()[-1]):
            known = self.find_name(name)
            if known is not None or roles or any(t.pos_ == "PROPN" for t in span):
                ref = self.add_name(
                    span, "PERSON" if roles and gender != "?" else (known.type if known else "OTHER")
                )
                if ref is not None:
                    self._mention(ref, span)
                    return ref
        # a definite description with a role noun: the last referent that bore the role
        role_words = [t for t in words if self._role(t)]
        if role_words and self.lex.is_(low, "determiner"):
            head = role_words[-1].lower_
            for ref in sorted(self.referents, key=lambda r: -r.last):
                if ref.first < span.start and any(
                    r == head or head.endswith(r) or r.endswith(head) for r in ref.roles
                ):
                    self._mention(ref, span)
                    return ref
        # a new referent known by its description
        desc = self.describe(span)
        for ref in self.referents:
            if ref.description == desc or (ref.names and _name_tokens(ref.canonical()) == _name_tokens(desc)):
                self._mention(ref, span)
                return ref
        role = role_words[-1] if role_words else None
        kind = self.lex.role(role.text).type if role is not None else "OTHER"
        if agencies.lookup(desc):
            kind = "MEDIA"
        ref = Referent(type=kind, first=span.start, last=span.start, description=desc)
        if role is not None:
            ref.roles.add(role.lower_)
            ref.gender = self.lex.role(role.text).gender
        ref.mentions.append(span)
        self.referents.append(ref)
        return ref

    def _last_compatible(self, before: int, gender: str, prefer: list[Referent] | None) -> Referent | None:
        pool = [r for r in (prefer or []) if r.first < before]
        pool += [r for r in self.referents if r.first < before and r not in pool and r.type == "PERSON"]
        for ref in pool:
            if gender == "m" and ref.gender in ("m", "?") and ref.type in ("PERSON",):
                return ref
            if gender == "f" and (ref.gender in ("f", "pl", "?") or ref.type in ("ORG", "GROUP", "MEDIA")):
                return ref
            if gender == "n" and ref.type in ("ORG", "MEDIA", "OTHER"):
                return ref
        return None

    def describe(self, span: Span) -> str:
        """A citation form of a description: determiner dropped, strong plural adjectives normalised."""
        words = [t for t in span if not t.is_space]
        while words and (self.lex.is_(words[0].lower_, "determiner") or words[0].is_punct):
            words = words[1:]
        while words and words[-1].is_punct and words[-1].text != ")":
            words = words[:-1]
        out = []
        plural_head = words and words[-1].lower_.endswith(("angaben", "quellen", "kreisen", "berichten"))
        for t in words:
            w = t.text
            if (
                plural_head
                and t.text[:1].islower()
                and w.endswith("en")
                and not self.lex.is_(t.lower_, "determiner")
            ):
                w = w[:-1]
            if w.endswith("berichten") or w.endswith("kreisen"):
                w = w[:-1]
            out.append(w)
        return " ".join(out) or span.text

    # ---------------------------------------------------------------- output
    def entities(self) -> tuple[list[Entity], dict[int, str]]:
        """Entities in order of first mention, and a map from referent index to entity id."""
        order = sorted(range(len(self.referents)), key=lambda k: self.referents[k].first)
        ids, out = {}, []
        for n, k in enumerate(order, 1):
            ref = self.referents[k]
            ids[k] = f"E{n}"
            mentions = sorted(ref.mentions, key=lambda m: m.start)
            out.append(Entity(id=f"E{n}", name=ref.canonical(), type=ref.type, mentions=mentions))
        return out, ids
