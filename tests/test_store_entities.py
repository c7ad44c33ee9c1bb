"""Clustering names across articles into corpus entities."""

from __future__ import annotations

from sourcetrace.store.entities import Name, cluster, core_tokens


def test_core_drops_roles_titles_and_articles() -> None:
    assert core_tokens("Kremlchef Putin") == ("putin",)
    assert core_tokens("der russische Präsident Wladimir Putin") == ("wladimir", "putin")
    assert core_tokens("Außenministerin Annalena Baerbock") == ("annalena", "baerbock")
    assert core_tokens("Prime Minister Keir Starmer") == ("keir", "starmer")
    assert core_tokens("die Polizei") == ("polizei",)
    assert core_tokens("Sprecher") == ("sprecher",)  # a role alone is kept


def _names(*items: tuple[str, str | None, int]) -> list[Name]:
    return [Name(" ".join(alias.lower().split()), alias, kind, n) for alias, kind, n in items]


def test_putin_variants_become_one_entity() -> None:
    entities = cluster(
        _names(
            ("Putin", "PERSON", 7),
            ("Wladimir Putin", "PERSON", 3),
            ("Wladimir Wladimirowitsch Putin", "PERSON", 1),
            ("Kremlchef Putin", None, 2),
            ("Kim Jong Un", "PERSON", 2),
        )
    )
    putin = next(e for e in entities if "putin" in e.keys)
    assert putin.name == "Wladimir Wladimirowitsch Putin"
    assert putin.aliases == ["Kremlchef Putin", "Putin", "Wladimir Putin", "Wladimir Wladimirowitsch Putin"]
    assert len(entities) == 2


def test_organisations_merge_only_on_the_same_core() -> None:
    entities = cluster(_names(("die Polizei", "ORG", 2), ("Polizei", "ORG", 1), ("Wiener Polizei", "ORG", 1)))
    assert sorted(e.keys for e in entities) == [["die polizei", "polizei"], ["wiener polizei"]]


def test_ambiguous_surname_joins_the_most_frequent_full_name() -> None:
    entities = cluster(
        _names(("Merkel", "PERSON", 4), ("Angela Merkel", "PERSON", 5), ("Horst Merkel", "PERSON", 1))
    )
    by_name = {e.name: e.keys for e in entities}
    assert by_name == {"Angela Merkel": ["angela merkel", "merkel"], "Horst Merkel": ["horst merkel"]}


def test_ids_are_stable() -> None:
    names = _names(("Putin", "PERSON", 1), ("Wladimir Putin", "PERSON", 1))
    assert [e.id for e in cluster(names)] == [e.id for e in cluster(list(reversed(names)))]
