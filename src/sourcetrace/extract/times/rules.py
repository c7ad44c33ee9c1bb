"""The time rules of a language (``data/rules.<lang>.tsv``): regex patterns over the text, each naming the
token that triggers it and the normalization function that turns a match into a TIMEX3 type and value.

Pattern syntax (on top of Python regular expressions, matched case-insensitively at word boundaries):

- ``{cat}`` a form of lexicon category ``cat``, captured as group ``cat``; ``{cat:name}`` captured as ``name``;
  ``{cat!}`` not captured;
- ``<NAME>`` the macro ``NAME`` (a line ``=NAME<TAB>pattern`` earlier in the file);
- groups named ``pre`` and ``post`` are context: they must match but do not belong to the expression.

Trigger syntax (a comma-separated list; a rule is only tried around tokens that satisfy one of them):
``{cat}`` the token is a form of category ``cat`` (the last word of a multi-word form), ``{cat}*`` it starts
with one, ``*{cat}`` it ends with one, ``/regex/`` it matches the regex, ``a|b`` it is one of these words.
Rules are tried at the trigger and at up to a few tokens to its left that occur in the rule's pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sourcetrace.extract.times.lexicon import DATA_DIR, Lexicon, fold, load_lexicon

STYLES = ("record", "timeml")
_CATEGORY = re.compile(r"\{([A-Za-z_]\w*)(?::(\w+))?(!)?\}")
_MACRO = re.compile(r"<([A-Z][A-Z0-9_]*)>")
_WORD = re.compile(r"[^\W\d_]+")

Predicate = Callable[[str], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    style: str  # "*", "record" or "timeml"
    normalizer: str
    args: tuple[str, ...]
    regex: re.Pattern[str]
    categories: dict[str, str]  # group name -> lexicon category
    order: int
    words: frozenset[str] = frozenset()  # the words in the pattern: an expression can only begin with one
    digits: bool = False  # ... or with a digit


@dataclass
class Triggers:
    """Which rules a token (its lower-case text) triggers."""

    exact: dict[str, list[int]]
    tests: list[tuple[Predicate, int]]

    def rules_for(self, word: str) -> tuple[int, ...]:
        found = list(self.exact.get(word, ()))
        for test, index in self.tests:
            if test(word) and index not in found:
                found.append(index)
        return tuple(sorted(found))


@dataclass(frozen=True)
class Grammar:
    lang: str
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    triggers: Triggers
    left_words: frozenset[str]  # words a match may start with before its trigger


def _expand(pattern: str, macros: dict[str, str], lexicon: Lexicon, categories: dict[str, str]) -> str:
    for _ in range(10):
        expanded = _MACRO.sub(lambda m: "(?:" + macros[m.group(1)] + ")", pattern)
        if expanded == pattern:
            break
        pattern = expanded

    def category(m: re.Match[str]) -> str:
        cat, name, silent = m.group(1), m.group(2), m.group(3)
        alternation = lexicon.alternation(cat)
        if silent:
            return f"(?:{alternation})"
        group = name or cat
        categories[group] = cat
        return f"(?P<{group}>{alternation})"

    return _CATEGORY.sub(category, pattern)


def _forms(lexicon: Lexicon, category: str) -> list[str]:
    if category not in lexicon.categories:
        raise KeyError(f"lexicon {lexicon.lang}: no category {category!r}")
    return [form.split(" ")[-1] for form in lexicon.categories[category]]


def _split_trigger(spec: str) -> list[str]:
    """The comma-separated items of a trigger; commas inside /regex/ do not separate."""
    items, current, in_regex = [], "", False
    for char in spec:
        if char == "/":
            in_regex = not in_regex
        if char == "," and not in_regex:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    return items


def _parse_trigger(spec: str, index: int, lexicon: Lexicon, triggers: Triggers) -> None:
    for item in _split_trigger(spec):
        if not item:
            continue
        if item.startswith("/") and item.endswith("/") and len(item) > 2:
            regex = re.compile(item[1:-1])
            triggers.tests.append((lambda word, regex=regex: regex.search(word) is not None, index))
        elif item.startswith("*{") and item.endswith("}"):
            suffixes = tuple(_forms(lexicon, item[2:-1]))
            triggers.tests.append((lambda word, s=suffixes: word.endswith(s), index))
        elif item.startswith("{") and item.endswith("}*"):
            prefixes = tuple(_forms(lexicon, item[1:-2]))
            triggers.tests.append((lambda word, p=prefixes: word.startswith(p), index))
        elif item.startswith("{") and item.endswith("}"):
            for form in _forms(lexicon, item[1:-1]):
                triggers.exact.setdefault(form, []).append(index)
        else:
            for word in item.split("|"):
                triggers.exact.setdefault(fold(word), []).append(index)


def parse_rules(text: str, lang: str, lexicon: Lexicon) -> Grammar:
    macros: dict[str, str] = {}
    rules: list[Rule] = []
    names: set[str] = set()
    triggers = Triggers({}, [])
    left_words: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"rules.{lang}.tsv line {number}"
        if line.startswith("="):
            name, _, pattern = line[1:].partition("\t")
            macros[name.strip()] = pattern.strip()
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise ValueError(f"{where}: expected 5 tab-separated fields: {line!r}")
        name, style, trigger, normalizer, pattern = (part.strip() for part in parts)
        if name in names:
            raise ValueError(f"{where}: rule {name!r} defined twice")
        if style not in ("*", *STYLES):
            raise ValueError(f"{where}: unknown style {style!r}")
        names.add(name)
        function, _, arguments = normalizer.partition(":")
        categories: dict[str, str] = {}
        try:
            body = _expand(pattern, macros, lexicon, categories)
            regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
            _parse_trigger(trigger, len(rules), lexicon, triggers)
        except (re.error, KeyError) as exc:
            raise ValueError(f"{where}: rule {name!r}: {exc}") from None
        words = frozenset(fold(word) for word in _WORD.findall(re.sub(r"\(\?P<\w+>|\\[a-zA-Z]", "", body)))
        left_words.update(words)
        rules.append(
            Rule(
                name=name,
                style=style,
                normalizer=function,
                args=tuple(a for a in arguments.split(",") if a),
                regex=regex,
                categories=categories,
                order=len(rules),
                words=words,
                digits="\\d" in body or any(ch.isdigit() for ch in body),
            )
        )
    return Grammar(lang, lexicon, tuple(rules), triggers, frozenset(left_words))


@cache
def load_grammar(lang: str) -> Grammar:
    lexicon = load_lexicon(lang)
    path = DATA_DIR / f"rules.{lang}.tsv"
    return parse_rules(path.read_text(encoding="utf-8"), lang, lexicon)
