"""The corpus store: writes (added / exists / duplicate), queries, entity clustering, locking, schema."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from sourcetrace.record import validate
from sourcetrace.store import SCHEMA_VERSION, Store, StoreError, StoreLockedError
from test_store_records import BAERBOCK, corpus, record


@pytest.fixture()
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        for rec in corpus():
            assert store.add_record(rec, source=f"test:{rec['id']}") == "added"
    return path


def test_records_are_valid() -> None:
    for rec in corpus():
        validate(rec)


def test_add_record_statuses_and_counts(filled: Path) -> None:
    with Store(filled) as store:
        before = store.counts()
        assert store.add_record(corpus()[0]) == "exists"
        copy = corpus()[1]
        copy["id"] = "decree-copy"
        copy["text"] = copy["text"].replace(" ", "  ")  # same words, other spacing: same content hash
        assert store.add_record(copy) == "duplicate"
        after = store.counts()
    assert before == {
        "articles": 4,
        "duplicates": 0,
        "statements": 7,
        "entities": 5,
        "corpus_entities": 2,
        "mentions": 5,
        "quantities": 3,
        "times": 2,
        "failures": 0,
    }
    assert after == {**before, "duplicates": 1}


def test_duplicate_points_to_original(filled: Path) -> None:
    with Store(filled) as store:
        copy = corpus()[0]
        copy["id"] = "summit-again"
        store.add_record(copy)
    with Store(filled, read_only=True) as store:
        rec = store.article("summit-again")
        assert rec is not None and rec["duplicate_of"] == "summit" and rec["id"] == "summit-again"
        assert rec["statements"] == corpus()[0]["statements"]
        assert store.article("summit") == corpus()[0]
        assert store.article("nope") is None
        ids = [a["id"] for a in store.articles()]
        assert ids == ["interview", "decree", "summit", "summit-again", "baerbock"]


def test_speaker_aliases_become_one_corpus_entity(filled: Path) -> None:
    with Store(filled, read_only=True) as store:
        speakers = store.speakers()
        top = speakers[0]
        assert top["name"] == "Wladimir Wladimirowitsch Putin"
        assert top["aliases"] == ["Kremlchef Putin", "Wladimir Putin", "Wladimir Wladimirowitsch Putin"]
        assert (top["statements"], top["articles"]) == (5, 3)
        assert top["relays"] == [{"name": "Kreml", "count": 1}, {"name": "Tass", "count": 1}]
        baerbock = speakers[1]
        assert baerbock["name"] == "Annalena Baerbock" and baerbock["statements"] == 2
        assert store.speakers(name="kremlchef")[0]["entity"] == top["entity"]


def test_statement_filters(filled: Path) -> None:
    with Store(filled, read_only=True) as store:
        putin = store.statements(speaker="Putin")
        assert [s["article_id"] for s in putin] == ["interview", "decree", "decree", "summit", "summit"]
        assert {s["corpus_name"] for s in putin} == {"Wladimir Wladimirowitsch Putin"}
        by_id = store.statements(speaker=putin[0]["corpus_entity"])
        assert len(by_id) == 5
        assert [s["content"] for s in store.statements(about="ALASKA")] == [
            "das Treffen in Alaska sei gut verlaufen"
        ]
        via_tass = store.statements(via="tass")
        assert len(via_tass) == 1 and via_tass[0]["via"] == ["Tass"]
        august = store.statements(since="2025-08-16", until="2025-08-31")
        assert {s["article_id"] for s in august} == {"decree"}
        assert len(store.statements(limit=2, offset=6)) == 1
        with pytest.raises(StoreError, match="not an ISO-8601 date"):
            store.statements(since="last week")


def test_numbers_relays_timeline(filled: Path) -> None:
    with Store(filled, read_only=True) as store:
        soldiers = store.numbers(what="soldat")
        assert [(n["value"], n["hedge"], n["source"], n["via"]) for n in soldiers] == [
            (10000, "more_than", "Kremlchef Putin", ["Tass"]),
            (12000, "about", "Wladimir Putin", []),
        ]
        assert soldiers[0]["source_entity"] == "Wladimir Wladimirowitsch Putin"
        assert "10.000 Soldaten" in soldiers[0]["context"]
        assert [n["what"] for n in store.numbers()] == ["Menschen", "Soldaten", "Soldaten"]
        chains = {tuple(r["chain"]): r["count"] for r in store.relays()}
        assert chains[("Der Standard", "APA", "Tass", "Wladimir Wladimirowitsch Putin")] == 1
        assert chains[("dpa", "Kreml", "Wladimir Wladimirowitsch Putin")] == 1
        assert [t["value"] for t in store.timeline()] == ["2025-08-15", "2025-08-18"]
        assert [t["article_id"] for t in store.timeline(about="dekret")] == ["decree"]


def test_context_offsets_count_characters_not_bytes(tmp_path: Path) -> None:
    text = "Über Nacht äußerte sich Müller: Öl für 3 Millionen Euro sei verschwunden. " * 3
    rec = record(
        "umlaut",
        text,
        quantities=[{"text": "3 Millionen Euro", "value": 3000000, "unit": "EUR", "what": "Öl"}],
        times=[{"text": "Über Nacht", "value": "2025-08-14", "type": "DATE"}],
    )
    with Store(tmp_path / "u.duckdb") as store:
        store.add_record(rec)
        number = store.numbers()[0]
        assert number["text"] == "3 Millionen Euro"
        assert number["context"] == text[: rec["quantities"][0]["end"] + 120]
        assert store.timeline()[0]["context"].startswith("Über Nacht äußerte")


def test_later_records_join_existing_entities(filled: Path) -> None:
    with Store(filled) as store:
        rec = record(
            "late",
            "Der Präsident Wladimir Putin sagte, er sei zufrieden.",
            statements=[
                {"speaker": "Der Präsident Wladimir Putin", "content": "er sei zufrieden", "cue": "sagte"}
            ],
        )
        store.add_record(rec)
        assert len(store.statements(speaker="Wladimirowitsch")) == 6
    with Store(filled, read_only=True) as store:
        assert store.speakers()[0]["statements"] == 6


def test_failures_are_stored_and_replaced(tmp_path: Path) -> None:
    with Store(tmp_path / "f.duckdb") as store:
        store.add_failure("feed.jsonl:3", "malformed JSON")
        store.add_failure("feed.jsonl:3", "malformed JSON (again)")
        assert [(f["input"], f["reason"]) for f in store.failures()] == [
            ("feed.jsonl:3", "malformed JSON (again)")
        ]
        rec = record("fixed", BAERBOCK)
        store.add_record(rec, source="feed.jsonl:3")
        assert store.failures() == []


def test_second_writer_in_another_process_gets_a_clear_error(filled: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from sourcetrace.store import Store
                with Store({str(filled)!r}) as s:
                    print("open", flush=True)
                    sys.stdin.readline()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLockedError, match=r"being written by another process \(process \d+"):
            Store(filled)
        with pytest.raises(StoreLockedError):
            Store(filled, read_only=True)
    finally:
        holder.communicate("\n", timeout=30)
    with Store(filled, read_only=True) as store:  # nothing was damaged
        assert store.counts()["statements"] == 7


def test_second_writer_in_the_same_process(filled: Path) -> None:
    with Store(filled), pytest.raises(StoreLockedError, match="already open for writing"):
        Store(filled)
    with Store(filled) as store:  # closed stores free the file
        assert store.counts()["articles"] == 4


def test_schema_version_and_foreign_files(tmp_path: Path, filled: Path) -> None:
    with Store(filled, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION
    con = duckdb.connect(str(filled))
    con.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="Upgrade sourcetrace"):
        Store(filled)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE things (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a sourcetrace corpus store"):
        Store(other)
    with pytest.raises(StoreError, match="no corpus store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    (tmp_path / "text.duckdb").write_text("not a database\n" * 200)
    with pytest.raises(StoreError):
        Store(tmp_path / "text.duckdb")


def test_export_and_dataframes(filled: Path, tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    with Store(filled, read_only=True) as store:
        files = store.export_parquet(tmp_path / "out")
        frame = store.dataframe("statements")
        assert len(frame) == 7 and "speaker_name" in frame.columns
        with pytest.raises(StoreError, match="unknown table"):
            store.dataframe("secrets; DROP TABLE articles")
        said = store.frame("statements", speaker="Baerbock")
        assert set(said["speaker_name"]) == {"Außenministerin Annalena Baerbock", "Baerbock"}
        nobody = store.frame("statements", speaker="Nobody")
        assert nobody.empty and "speaker_name" in nobody.columns
        with pytest.raises(StoreError, match="unknown query"):
            store.frame("counts")
    names = {f.name for f in files}
    assert {"articles.parquet", "statements.parquet", "corpus_entities.parquet"} <= names
    con = duckdb.connect()
    count = con.execute(
        "SELECT count(*) FROM read_parquet(?)", [str(tmp_path / "out" / "statements.parquet")]
    )
    assert count.fetchone() == (7,)
    record_json = con.execute(
        "SELECT record FROM read_parquet(?) WHERE id = 'summit'", [str(tmp_path / "out" / "articles.parquet")]
    ).fetchone()
    assert json.loads(record_json[0]) == corpus()[0]  # type: ignore[index]


def test_digest_ignores_insertion_order(tmp_path: Path) -> None:
    digests = []
    for name, order in (("a", corpus()), ("b", list(reversed(corpus())))):
        with Store(tmp_path / f"{name}.duckdb") as store:
            for rec in order:
                store.add_record(rec)
            digests.append(store.digest())
    assert digests[0] == digests[1]


def test_queries_from_several_threads(filled: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with Store(filled, read_only=True) as store:
        expected = store.statements(speaker="Putin")
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda _: store.statements(speaker="Putin"), range(40)))
    assert all(r == expected for r in results)


def test_a_version_1_store_is_migrated_when_opened_for_writing(filled: Path) -> None:
    con = duckdb.connect(str(filled))
    con.execute("DROP TABLE speaker_statements")
    con.execute("UPDATE store_meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(filled, read_only=True)
    with Store(filled) as store:
        assert store.schema_version == SCHEMA_VERSION == 2
    with Store(filled, read_only=True) as store:
        assert len(store.statements(speaker="Putin")) == 5
