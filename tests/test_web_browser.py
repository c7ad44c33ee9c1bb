"""End to end in a real browser: Debian's chromium driven by Playwright against uvicorn on loopback."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SOURCETRACE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]
pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
uvicorn = pytest.importorskip("uvicorn", reason="the web extra (uvicorn) is not installed")

from sourcetrace.web.app import create_app  # noqa: E402
from test_web import HARBOUR, harbour_record, xss_record  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run the app with uvicorn in a thread on a free loopback port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def hand_built(record_for: dict[str, dict[str, Any]]):  # noqa: ANN201
    """An analysis stand-in: the hand-built record of a known text (extractors are tested on their own)."""

    def analyze(article: Any, lang: str, published: str | None) -> dict[str, Any]:
        return record_for[article.text]

    return analyze


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def reader_url() -> Iterator[str]:
    app = create_app()
    payloads = xss_record()
    app.state.service.analyze = hand_built({HARBOUR: harbour_record(), payloads["text"]: payloads})
    with serving(app) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def test_paste_highlight_click_details(page: Any, reader_url: str) -> None:
    page.goto(reader_url + "/")
    page.get_by_label("Article text").fill(HARBOUR)
    page.get_by_role("button", name="Analyze").click()
    marks = page.locator("#article-text mark[tabindex]")
    sync_api.expect(marks).to_have_count(5)
    assert page.locator("#article-text").inner_text() == HARBOUR
    page.locator(
        "#article-text mark", has_text="den Plan"
    ).click()  # the start of "den Plan im Mai vorzulegen"
    detail = page.locator("#detail-5")
    sync_api.expect(detail).to_be_visible()
    assert detail.locator(".kind").inner_text() == "indirect"
    assert detail.locator(".cue-text").inner_text() == "kündigte"
    assert "Anna Berger" in detail.locator(".speaker-name").inner_text()
    assert detail.locator(".chain li").all_inner_texts() == ["dpa", "Nordnews", "Anna Berger"]
    assert detail.locator(".mentions li").all_inner_texts() == ["Anna Berger", "Berger (2×)"]
    assert "im Mai" in detail.inner_text()
    # the speaker's mentions light up in the text; the other statements' details stay hidden
    sync_api.expect(page.locator("#article-text .mention-hl")).to_have_count(3)
    sync_api.expect(page.locator("#detail-1")).to_be_hidden()


def test_statements_are_reachable_by_keyboard(page: Any, reader_url: str) -> None:
    page.goto(reader_url + "/")
    page.get_by_label("Article text").fill(HARBOUR)
    page.get_by_role("button", name="Analyze").click()
    first = page.get_by_role("button", name="Statement 1: direct, by Anna Berger")
    first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("#detail-2")).to_be_visible()
    assert page.locator("#detail-2 .kind").inner_text() == "indirect"
    page.keyboard.press("Escape")
    sync_api.expect(page.locator("#detail-2")).to_be_hidden()


def test_payloads_in_the_article_never_run(page: Any, reader_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    record = xss_record()
    page.goto(reader_url + "/")
    page.get_by_label("Article text").fill(record["text"])
    page.get_by_role("button", name="Analyze").click()
    sync_api.expect(page.locator("#article-text mark[tabindex]")).to_have_count(2)
    for mark in page.locator("#article-text mark").all():
        mark.hover()
        mark.click()
    assert page.locator("#article-text").inner_text() == record["text"]
    assert page.locator("#article-text img, #article-text svg, #article-text script").count() == 0
    assert dialogs == []


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("sourcetrace.store", reason="the corpus store is not available")
    from test_web_corpus import build_corpus

    path = build_corpus(tmp_path_factory.mktemp("browser") / "corpus.duckdb")
    with serving(create_app(path)) as url:
        yield url


def test_corpus_search_and_speaker_page(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/statements")
    page.get_by_label("Speaker").fill("Polizei")
    page.get_by_label("Since").fill("2026-04-01")
    page.get_by_role("button", name="Search").click()
    rows = page.locator("table.results tbody tr")
    sync_api.expect(rows).to_have_count(2)
    assert (
        "etwa 1200 Menschen" in rows.nth(0).inner_text() and "etwa 450 Menschen" in rows.nth(1).inner_text()
    )
    rows.nth(0).get_by_role("link", name="Polizei").click()
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text("Polizei")
    sync_api.expect(page.locator("ol.timeline li")).to_have_count(3)
    page.get_by_role("link", name="Numbers").click()
    page.get_by_label("What is counted").fill("Demonstranten")
    page.get_by_role("button", name="Show").click()
    sync_api.expect(page.locator("svg.chart circle")).to_have_count(6)
    sync_api.expect(page.locator("svg.chart polyline")).to_have_count(2)
