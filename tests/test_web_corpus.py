"""The corpus pages and API of the web service over a real store of hand-built records."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
store_module = pytest.importorskip("sourcetrace.store", reason="the corpus store is not available")

from fastapi.testclient import TestClient  # noqa: E402

from sourcetrace.web.app import create_app  # noqa: E402
from test_web import Page, harbour_record, xss_record  # noqa: E402

CROWDS = [(300, "2026-03-11", 1000), (450, "2026-04-02", 2000), (1200, "2026-05-20", 2500)]


def build_corpus(path: Path) -> Path:
    with store_module.Store(path) as store:
        for n, (crowd, published, organisers) in enumerate(CROWDS, 1):
            record = harbour_record(crowd, published, f"kiel-{n}", organisers)
            assert store.add_record(record, source=f"kiel-{n}.txt") == "added"
        assert store.add_record(xss_record(), source="payloads.txt") == "added"
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus") / "corpus.duckdb")


@pytest.fixture(scope="module")
def client(corpus: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus)) as c:
        yield c


def test_api_lists_articles_and_returns_full_records(client: TestClient) -> None:
    articles = client.get("/api/articles").json()
    assert {"kiel-1", "kiel-2", "kiel-3"} <= {a["id"] for a in articles}
    record = client.get("/api/articles/kiel-2").json()
    assert record["schema"] == "sourcetrace/1" and "etwa 450 Menschen" in record["text"]
    assert client.get("/api/articles/nope").status_code == 404
    assert len(client.get("/api/articles?limit=2").json()) == 2
    assert client.get("/api/articles?limit=0").status_code == 422


def test_api_statements_filter_by_speaker_relay_words_and_dates(client: TestClient) -> None:
    by_speaker = client.get("/api/statements", params={"speaker": "Anna Berger"}).json()
    assert len(by_speaker) == 6 and {s["speaker_name"] for s in by_speaker} == {"Anna Berger"}
    via = client.get("/api/statements", params={"via": "Nordnews"}).json()
    assert len(via) == 3 and all(s["via"] == ["Nordnews"] for s in via)
    words = client.get("/api/statements", params={"q": "Seegraswiesen", "since": "2026-04-01"}).json()
    assert sorted(s["article_id"] for s in words) == ["kiel-2", "kiel-3"]
    until = client.get("/api/statements", params={"speaker": "Polizei", "until": "2026-03-31"}).json()
    assert [s["article_id"] for s in until] == ["kiel-1"]
    assert client.get("/api/statements", params={"since": "Ostern"}).status_code == 422


def test_api_speakers_and_numbers(client: TestClient) -> None:
    speakers = {s["name"]: s for s in client.get("/api/speakers").json()}
    assert speakers["Anna Berger"]["statements"] == 6
    numbers = client.get("/api/numbers", params={"what": "Demonstranten"}).json()
    assert sorted(n["value"] for n in numbers) == [300, 450, 1000, 1200, 2000, 2500]
    assert {n["source"] for n in numbers} == {"Polizei", "Veranstalter"}


def test_statement_search_page(client: TestClient) -> None:
    response = client.get("/statements", params={"speaker": "Polizei"})
    assert response.status_code == 200
    assert response.text.count("demonstrierten etwa") == 3 and "3 statements" in response.text
    bad = client.get("/statements", params={"since": "morgen"})
    assert bad.status_code == 400 and "not an ISO-8601 date" in bad.text


def test_speaker_page_lists_statements_over_time(client: TestClient) -> None:
    response = client.get("/speaker", params={"name": "Polizei"})
    assert response.status_code == 200
    text = response.text
    assert (
        text.index("etwa 300 Menschen") < text.index("etwa 450 Menschen") < text.index("etwa 1200 Menschen")
    )
    assert text.count('<rect class="se-0"') == 3  # March, April, May


def test_numbers_page_charts_a_figure_by_source(client: TestClient) -> None:
    response = client.get("/numbers", params={"what": "Demonstranten"})
    assert response.status_code == 200
    page = Page(response.text)
    circles = [a for t, a in page.tags if t == "circle" and "." in a["cx"]]  # the points, not the legend
    assert len(circles) == 6 and len({a["cx"] for a in circles}) == 3  # two sources on three days
    lines = [a for t, a in page.tags if t == "polyline"]
    assert len(lines) == 2 and all(len(a["points"].split()) == 3 for a in lines)  # one path per source
    assert "1 200" in response.text and "Polizei" in response.text


def test_relay_graph_and_article_reader(client: TestClient) -> None:
    relays = client.get("/relays")
    assert relays.status_code == 200 and "dpa → Nordnews → Anna Berger" in relays.text
    article = client.get("/articles/kiel-1")
    assert article.status_code == 200 and len([a for t, a in Page(article.text).tags if t == "mark"]) >= 4
    assert client.get("/articles/none").status_code == 404


def test_corpus_pages_escape_stored_payloads(client: TestClient) -> None:
    for path in (
        "/statements",
        "/speakers",
        "/relays",
        "/numbers",
        "/articles",
        "/articles/" + xss_record()["id"],
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        page = Page(response.text)
        assert page.handlers() == [], path
        assert all(s.get("src") == "/static/reader.js" for s in page.scripts()), path


def test_a_writer_in_another_process_gives_a_clear_503(tmp_path: Path) -> None:
    path = build_corpus(tmp_path / "busy.duckdb")
    holder = "import sys\nfrom sourcetrace.store import Store\ns = Store(sys.argv[1])\nprint('open', flush=True)\nsys.stdin.read()"
    writer = subprocess.Popen(
        [sys.executable, "-c", holder, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        with TestClient(create_app(path)) as c:
            api, page = c.get("/api/speakers"), c.get("/speakers")
    finally:
        writer.communicate("", timeout=60)
    assert api.status_code == 503 and "another process" in api.json()["detail"]
    assert page.status_code == 503 and "another process" in page.text
