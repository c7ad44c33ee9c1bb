"""The sourcetrace/1 record: schema, offsets, and the metadata of the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import sourcetrace

REPO = Path(__file__).resolve().parent.parent


def _check_offsets(record: dict) -> None:
    text = record["text"]
    spans = [m for e in record["entities"] for m in e["mentions"]]
    spans += [q for q in record["quantities"]] + [t for t in record["times"]]
    for s in record["statements"]:
        spans += [s["content"]] + [x for x in (s["cue"], s["speaker"]["mention"]) if x]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("name", ["dpa-hafen-kiel-2026-03-12.txt", "reuters-style-wind-2026-05-04.txt"])
def test_examples_validate_and_offsets_index_the_input(name: str) -> None:
    text = (REPO / "examples" / name).read_text(encoding="utf-8")
    record = sourcetrace.analyze(text)
    sourcetrace.validate(record)
    assert record["text"] == text
    _check_offsets(record)
    json.loads(record.to_json())


def test_schema_rejects_a_broken_record() -> None:
    record = sourcetrace.analyze("Der Rat tagte am Montag in Kiel und beschloss den Haushalt.")
    record["statements"] = [{"id": "S1", "kind": "rumour"}]
    with pytest.raises(jsonschema.ValidationError):
        sourcetrace.validate(record)


def test_seed_article_metadata(shared_dir: Path) -> None:
    seed = shared_dir / "examples" / "afp-putin-kim-2025-08-15.txt"
    gold = json.loads(seed.with_suffix(".gold.json").read_text(encoding="utf-8"))
    record = sourcetrace.analyze(seed.read_text(encoding="utf-8"), id=gold["id"])
    sourcetrace.validate(record)
    assert record["meta"]["agency"] == [gold["article"]["agency"]]
    assert record["meta"]["published"] == gold["published"]
    assert record["meta"]["reading_time_min"] == gold["article"]["reading_time_min"]
    assert [c["credit"] for c in record["meta"]["captions"]] == [gold["article"]["caption_credit"]]
    assert record["lang"] == "de" and record["id"] == gold["id"]
    _check_offsets(record)


def test_html_input_text_starts_with_title() -> None:
    html = (REPO / "tests" / "data" / "article.html").read_text(encoding="utf-8")
    record = sourcetrace.analyze(html, url="https://beispielbote.invalid/bruecke")
    assert record["text"].startswith("Neue Brücke über die Schlei eröffnet")
    assert record["meta"]["url"] == "https://beispielbote.invalid/bruecke"
    assert record["meta"]["published"] == "2026-04-09T08:30+02:00"
    _check_offsets(record)
