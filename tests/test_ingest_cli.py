"""``sourcetrace ingest`` end to end: duplicates, failures, re-runs, WARC, kill -9 and resume, Dask."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.store import Store
from sourcetrace.store.engine import IngestOptions, ingest

REPO = Path(__file__).resolve().parent.parent
SPEAKERS = ["Anna Berger", "Jonas Keller", "Miriam Roth", "Paul Wagner", "Lena Hoffmann", "Tobias Brandt"]
TOPICS = ["der Hafen", "die Brücke", "das Stadion", "der Bahnhof", "die Schule", "das Klinikum", "der Park"]
DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]


def article_text(n: int) -> str:
    speaker, topic, day = SPEAKERS[n % 6], TOPICS[n % 7], DAYS[n % 5]
    return (
        f"Bürgermeisterin {speaker} sagte am {day}, {topic} werde bis Ende {2026 + n % 3} saniert. "
        f"Die Kosten lägen bei rund {10 + n} Millionen Euro, teilte die Stadt mit. "
        f"„Wir halten den Zeitplan ein“, sagte {speaker.split()[-1]} (Meldung {n})."
    )


def write_jsonl(path: Path, count: int, extra: list[str] = ()) -> Path:  # type: ignore[assignment]
    lines = [
        json.dumps({"id": f"art-{n:03d}", "text": article_text(n), "published": f"2026-03-{1 + n % 28:02d}"})
        for n in range(count)
    ]
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_pipeline(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small German pipeline (tokenizer and sentencizer) that sourcetrace's components are added to:
    these tests are about the store's mechanics, so they need not wait for the bundled models."""
    import spacy

    path = tmp_path_factory.mktemp("pipeline") / "de_small"
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(path)
    return str(path)


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_ingest_rerun_duplicates_and_failures(tmp_path: Path, small_pipeline: str) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        5,
        extra=[
            json.dumps({"id": "copy-of-1", "text": article_text(1).replace(" ", "\n ")}),  # same text, new id
            "{not json",
            json.dumps({"id": "empty", "title": "no text"}),
        ],
    )
    db = tmp_path / "corpus.duckdb"
    runner = CliRunner()
    command = [
        "ingest",
        str(feed),
        "--db",
        str(db),
        "--workers",
        "1",
        "--pipeline",
        small_pipeline,
        "--quiet",
    ]
    first = runner.invoke(app, command)
    assert first.exit_code == 0, first.output
    assert "5 added" in first.output and "1 duplicates" in first.output and "2 failed" in first.output
    before = counts(db)
    assert (before["articles"], before["duplicates"], before["failures"]) == (5, 1, 2)
    second = runner.invoke(app, command)
    assert second.exit_code == 0, second.output
    assert "0 added" in second.output and "6 already stored" in second.output
    assert counts(db) == before
    with Store(db, read_only=True) as store:
        assert store.article("copy-of-1")["duplicate_of"] == "art-001"  # type: ignore[index]
        reasons = sorted(f["reason"] for f in store.failures())
        assert reasons[0].startswith("malformed JSON") and "neither a 'text'" in reasons[1]
        assert {a["published"] for a in store.articles() if a["id"] == "art-002"} == {"2026-03-03"}
    rows = runner.invoke(app, ["query", "statements", "--db", str(db), "--format", "jsonl"])
    assert rows.exit_code == 0, rows.output
    for line in rows.output.splitlines():
        assert json.loads(line)["article_id"].startswith("art-")
    table = runner.invoke(app, ["query", "counts", "--db", str(db), "--format", "csv"])
    assert "articles,5" in table.output and "duplicates,1" in table.output
    exported = runner.invoke(app, ["export", "--db", str(db), "--parquet", str(tmp_path / "parquet")])
    assert exported.exit_code == 0 and (tmp_path / "parquet" / "articles.parquet").exists()


def test_query_without_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["query", "speakers", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no corpus store" in result.output


def test_ingest_warc(tmp_path: Path, small_pipeline: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (
        "<html><head><title>Neue Brücke eröffnet</title>"
        '<meta property="article:published_time" content="2026-04-02T09:30:00+02:00"></head><body><article>'
        f"<h1>Neue Brücke eröffnet</h1><p>{article_text(3)}</p><p>{article_text(4)}</p></article></body></html>"
    ).encode()
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body, ctype in (
            ("https://news.example/bruecke", page, "text/html; charset=utf-8"),
            ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            out_record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(out_record)
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/bruecke", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )
    db = tmp_path / "warc.duckdb"
    summary = ingest([str(path)], db, IngestOptions(workers=1, pipeline_name=small_pipeline))
    assert (summary.added, summary.failures) == (1, 0)
    with Store(db, read_only=True) as store:
        (row,) = store.articles()
        assert row["url"] == "https://news.example/bruecke" and row["title"] == "Neue Brücke eröffnet"
        assert row["published"] == "2026-04-02T09:30+02:00" and row["source"].endswith("crawl.warc.gz#1")
        assert "Bürgermeisterin Paul Wagner" in store.article(row["id"])["text"]  # type: ignore[index]


def test_kill_9_and_resume_gives_every_article_exactly_once(tmp_path: Path, small_pipeline: str) -> None:
    total = 1500  # enough that the run is still analyzing when it is killed, even on an idle machine
    feed = write_jsonl(tmp_path / "feed.jsonl", total)
    db = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "sourcetrace.cli", "ingest", str(feed), "--db", str(db)]
    command += ["--workers", "1", "--chunk-size", "1", "--pipeline", small_pipeline, "--quiet"]
    proc = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE)
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120

    def wal_size() -> int:
        return wal.stat().st_size if wal.exists() else 0

    while wal_size() == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the schema is written
    created = wal_size()
    while wal_size() <= created and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the first articles are committed
    time.sleep(0.05)  # inside the run, probably in the middle of a chunk
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    partial = counts(db)["articles"]
    assert 0 < partial < total
    resumed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{partial} already stored" in resumed.stderr
    clean = tmp_path / "clean.duckdb"
    ingest([str(feed)], clean, IngestOptions(workers=1, pipeline_name=small_pipeline))
    with Store(db, read_only=True) as a, Store(clean, read_only=True) as b:
        assert a.counts()["articles"] == total
        assert a.con.execute("SELECT count(DISTINCT id), count(*) FROM articles").fetchone() == (total, total)
        assert a.digest() == b.digest()


def test_dask_local_cluster_gives_the_same_database(tmp_path: Path, small_pipeline: str) -> None:
    distributed = pytest.importorskip("dask.distributed")
    pytest.importorskip("pyarrow")
    feed = write_jsonl(
        tmp_path / "feed.jsonl", 40, extra=[json.dumps({"id": "dup", "text": article_text(7)})]
    )
    local = tmp_path / "local.duckdb"
    ingest([str(feed)], local, IngestOptions(workers=1, pipeline_name=small_pipeline))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        summary = ingest(
            [str(feed)],
            tmp_path / "dask.duckdb",
            IngestOptions(scheduler=cluster.scheduler_address, chunk_size=8, pipeline_name=small_pipeline),
        )
    assert (summary.mode, summary.workers, summary.added, summary.duplicates) == ("dask", 2, 40, 1)
    assert not Path(f"{tmp_path / 'dask.duckdb'}.parts").exists()
    with Store(local, read_only=True) as a, Store(tmp_path / "dask.duckdb", read_only=True) as b:
        assert a.digest() == b.digest()


def test_two_local_workers_give_the_same_database(tmp_path: Path, small_pipeline: str) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl", 30, extra=[json.dumps({"id": "dup", "text": article_text(4)})]
    )
    one = ingest([str(feed)], tmp_path / "one.duckdb", IngestOptions(workers=1, pipeline_name=small_pipeline))
    two = ingest(
        [str(feed)],
        tmp_path / "two.duckdb",
        IngestOptions(workers=2, chunk_size=4, pipeline_name=small_pipeline),
    )
    assert (two.workers, two.added, two.duplicates) == (2, 30, 1)
    assert two.peak_rss_mb and all(0 < mb < 1024 for mb in two.peak_rss_mb.values())
    assert one.added == two.added
    assert digest_of(tmp_path / "one.duckdb") == digest_of(tmp_path / "two.duckdb")


def digest_of(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return store.digest()
