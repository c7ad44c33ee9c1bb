"""Doc + article metadata → the ``sourcetrace/1`` record. The only place that knows the record's JSON shape."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span

from sourcetrace.extract.types import Entity, Quantity, Statement, TimeExpr
from sourcetrace.ingest.article import Article

SCHEMA_ID = "sourcetrace/1"


class Record(dict):
    """A sourcetrace/1 record: a plain dict (JSON-ready) with attribute access to its top-level fields."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self, ensure_ascii=False, indent=indent)


def _offsets(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def _time(t: TimeExpr) -> dict[str, Any]:
    return {**_offsets(t.span), "type": t.type, "value": t.value}  # type: ignore[dict-item]


def _quantity(q: Quantity) -> dict[str, Any]:
    source = {"entity": q.source_entity, "name": q.source_name} if q.source_name else None
    return {
        **_offsets(q.span),  # type: ignore[dict-item]
        "value": int(q.value) if float(q.value).is_integer() else q.value,
        "hedge": q.hedge,
        "unit": q.unit,
        "what": q.what,
        "source": source,
        "statement": q.statement,
    }


def _statement(s: Statement) -> dict[str, Any]:
    return {
        "id": s.id,
        "kind": s.kind,
        "content": _offsets(s.content),
        "cue": _offsets(s.cue),
        "speaker": {
            "entity": s.speaker_entity,
            "name": s.speaker_name,
            "mention": _offsets(s.speaker_mention),
        },
        "via": [{"entity": r.entity, "name": r.name} for r in s.via],
        "confidence": round(float(s.confidence), 3),
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "mentions": [_offsets(m) for m in e.mentions]}


def build_record(doc: Doc, article: Article) -> Record:
    meta = asdict(article.meta)
    return Record(
        {
            "schema": SCHEMA_ID,
            "id": article.id or article.content_hash,
            "lang": doc.lang_,
            "meta": meta,
            "text": doc.text,
            "entities": [_entity(e) for e in doc._.entities or []],
            "statements": [_statement(s) for s in doc._.statements or []],
            "quantities": [_quantity(q) for q in doc._.quantities or []],
            "times": [_time(t) for t in doc._.times or []],
        }
    )


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of sourcetrace/1 (shipped as ``schema/sourcetrace-1.json``)."""
    text = resources.files("sourcetrace.schema").joinpath("sourcetrace-1.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when a record does not follow sourcetrace/1."""
    import jsonschema

    jsonschema.validate(record, schema())
