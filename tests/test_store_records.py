"""Hand-written sourcetrace/1 records for the store tests (texts written for these tests)."""

from __future__ import annotations

from typing import Any


def span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def record(
    id: str,  # noqa: A002
    text: str,
    *,
    published: str | None = "2025-08-15",
    outlet: str | None = None,
    agency: list[str] | None = None,
    title: str | None = None,
    statements: list[dict[str, Any]] = (),  # type: ignore[assignment]
    quantities: list[dict[str, Any]] = (),  # type: ignore[assignment]
    times: list[dict[str, Any]] = (),  # type: ignore[assignment]
    lang: str = "de",
) -> dict[str, Any]:
    """A record; statements are given as dicts with speaker, content, cue, via, kind (texts, not offsets)."""
    entities: dict[str, dict[str, Any]] = {}

    def entity(name: str, kind: str = "PERSON") -> str:
        if name not in entities:
            entities[name] = {"id": f"e{len(entities) + 1}", "name": name, "type": kind, "mentions": []}
            if name in text:
                entities[name]["mentions"].append(span(text, name))
        return entities[name]["id"]

    out_statements = []
    for n, s in enumerate(statements, start=1):
        speaker = s["speaker"]
        eid = entity(speaker, s.get("type", "PERSON"))
        out_statements.append(
            {
                "id": f"s{n}",
                "kind": s.get("kind", "indirect"),
                "content": span(text, s["content"]),
                "cue": span(text, s["cue"]) if s.get("cue") else None,
                "speaker": {
                    "entity": eid,
                    "name": speaker,
                    "mention": span(text, speaker) if speaker in text else None,
                },
                "via": [{"entity": None, "name": v} for v in s.get("via", [])],
                "confidence": 0.9,
            }
        )
    out_quantities = []
    for q in quantities:
        source = q.get("source")
        out_quantities.append(
            {
                **span(text, q["text"]),
                "value": q["value"],
                "hedge": q.get("hedge", "exact"),
                "unit": q.get("unit"),
                "what": q.get("what"),
                "source": {"entity": entity(source), "name": source} if source else None,
                "statement": q.get("statement"),
            }
        )
    out_times = [{**span(text, t["text"]), "type": t.get("type", "DATE"), "value": t["value"]} for t in times]
    return {
        "schema": "sourcetrace/1",
        "id": id,
        "lang": lang,
        "meta": {
            "title": title,
            "outlet": outlet,
            "agency": agency or [],
            "authors": [],
            "published": published,
            "url": None,
            "reading_time_min": None,
            "captions": [],
        },
        "text": text,
        "entities": list(entities.values()),
        "statements": out_statements,
        "quantities": out_quantities,
        "times": out_times,
    }


SUMMIT = (
    "Kremlchef Putin sagte am Freitag, das Treffen in Alaska sei gut verlaufen. "
    "Nach Angaben der Staatsagentur Tass sprach er von mehr als 10.000 Soldaten."
)
DECREE = (
    "Wladimir Putin hat am Montag ein Dekret unterzeichnet, teilte der Kreml mit. "
    "Laut Putin werden rund 12.000 Soldaten entsandt."
)
INTERVIEW = (
    "Wladimir Wladimirowitsch Putin erklärte im Interview, Russland sei zu Gesprächen bereit. "
    "Außenministerin Annalena Baerbock sagte, man werde das prüfen."
)
BAERBOCK = "Baerbock betonte, Deutschland stehe an der Seite der Ukraine. Über 5000 Menschen demonstrierten."


def corpus() -> list[dict[str, Any]]:
    return [
        record(
            "summit",
            SUMMIT,
            published="2025-08-15T18:30+02:00",
            outlet="Der Standard",
            agency=["APA"],
            title="Gipfel in Alaska",
            statements=[
                {
                    "speaker": "Kremlchef Putin",
                    "content": "das Treffen in Alaska sei gut verlaufen",
                    "cue": "sagte",
                },
                {
                    "speaker": "Kremlchef Putin",
                    "content": "sprach er von mehr als 10.000 Soldaten",
                    "kind": "according_to",
                    "via": ["Tass"],
                },
            ],
            quantities=[
                {
                    "text": "mehr als 10.000 Soldaten",
                    "value": 10000,
                    "hedge": "more_than",
                    "what": "Soldaten",
                    "source": "Kremlchef Putin",
                    "statement": "s2",
                }
            ],
            times=[{"text": "am Freitag", "value": "2025-08-15"}],
        ),
        record(
            "decree",
            DECREE,
            published="2025-08-18",
            agency=["dpa"],
            title="Dekret",
            statements=[
                {
                    "speaker": "Wladimir Putin",
                    "content": "hat am Montag ein Dekret unterzeichnet",
                    "cue": "teilte",
                    "via": ["Kreml"],
                },
                {
                    "speaker": "Wladimir Putin",
                    "content": "werden rund 12.000 Soldaten entsandt",
                    "kind": "according_to",
                },
            ],
            quantities=[
                {
                    "text": "rund 12.000 Soldaten",
                    "value": 12000,
                    "hedge": "about",
                    "what": "Soldaten",
                    "source": "Wladimir Putin",
                    "statement": "s2",
                }
            ],
            times=[{"text": "am Montag", "value": "2025-08-18"}],
        ),
        record(
            "interview",
            INTERVIEW,
            published="2025-09-01",
            title="Interview",
            statements=[
                {
                    "speaker": "Wladimir Wladimirowitsch Putin",
                    "content": "Russland sei zu Gesprächen bereit",
                    "cue": "erklärte",
                },
                {
                    "speaker": "Außenministerin Annalena Baerbock",
                    "content": "man werde das prüfen",
                    "cue": "sagte",
                },
            ],
        ),
        record(
            "baerbock",
            BAERBOCK,
            published="2024-02-24",
            statements=[
                {
                    "speaker": "Baerbock",
                    "content": "Deutschland stehe an der Seite der Ukraine",
                    "cue": "betonte",
                }
            ],
            quantities=[
                {"text": "Über 5000 Menschen", "value": 5000, "hedge": "more_than", "what": "Menschen"}
            ],
        ),
    ]
