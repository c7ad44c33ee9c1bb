"""The web service: API, reader page, and its guards (escaping, SSRF, body limit, CORS, bind address)."""

from __future__ import annotations

import http.server
import inspect
import json
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from sourcetrace.record import validate  # noqa: E402
from sourcetrace.web import view  # noqa: E402
from sourcetrace.web.app import create_app  # noqa: E402

HARBOUR_TEMPLATE = (
    "Kiel (dpa) - Die Bürgermeisterin von Kiel, Anna Berger, hat den Hafenausbau verteidigt. "
    '"Wir investieren 40 Millionen Euro in die Zukunft", sagte Berger am Dienstag.\n\n'
    "Die Umweltgruppe Meerwacht warnte dagegen, der Ausbau gefährde die Seegraswiesen. "
    "Nach Angaben der Polizei demonstrierten etwa {crowd} Menschen vor dem Rathaus. "
    "Die Veranstalter sprachen von {organisers} Teilnehmern.\n\n"
    "Wie die Agentur Nordnews berichtete, kündigte Berger an, den Plan im Mai vorzulegen."
)
HARBOUR = HARBOUR_TEMPLATE.format(crowd=300, organisers=1000)


def span(text: str, part: str, nth: int = 0) -> dict[str, Any]:
    """The span of the nth occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def statement(
    text: str,
    ident: str,
    kind: str,
    content: str,
    cue: str | None,
    speaker: tuple[str, str],
    mention: str | None,
    via: tuple[str, ...] | list[str] = (),
    mention_nth: int = 0,
) -> dict[str, Any]:
    return {
        "id": ident,
        "kind": kind,
        "content": span(text, content),
        "cue": span(text, cue) if cue else None,
        "speaker": {
            "entity": speaker[0],
            "name": speaker[1],
            "mention": span(text, mention, mention_nth) if mention else None,
        },
        "via": [{"entity": f"e-{v.lower()}", "name": v} for v in via],
        "confidence": 0.9,
    }


def harbour_record(
    crowd: int = 300, published: str = "2026-03-11", ident: str = "kiel-hafen", organisers: int = 1000
) -> dict[str, Any]:
    """A record of HARBOUR (with these crowd sizes) as a perfect analysis would give it, built by hand."""
    t = HARBOUR_TEMPLATE.format(crowd=crowd, organisers=organisers)
    return {
        "schema": "sourcetrace/1",
        "id": ident,
        "lang": "de",
        "meta": {
            "title": "Streit um den Hafenausbau",
            "outlet": None,
            "agency": ["dpa"],
            "authors": [],
            "published": published,
            "url": None,
            "reading_time_min": 1,
            "captions": [],
        },
        "text": t,
        "entities": [
            {
                "id": "e1",
                "name": "Anna Berger",
                "type": "PERSON",
                "mentions": [span(t, "Anna Berger"), span(t, "Berger", 1), span(t, "Berger", 2)],
            },
            {
                "id": "e2",
                "name": "Meerwacht",
                "type": "ORG",
                "mentions": [span(t, "Die Umweltgruppe Meerwacht")],
            },
            {"id": "e3", "name": "Polizei", "type": "ORG", "mentions": [span(t, "der Polizei")]},
            {"id": "e5", "name": "Veranstalter", "type": "GROUP", "mentions": [span(t, "Die Veranstalter")]},
            {
                "id": "e-nordnews",
                "name": "Nordnews",
                "type": "MEDIA",
                "mentions": [span(t, "Agentur Nordnews")],
            },
        ],
        "statements": [
            statement(
                t,
                "s1",
                "direct",
                "Wir investieren 40 Millionen Euro in die Zukunft",
                "sagte",
                ("e1", "Anna Berger"),
                "Berger",
                mention_nth=1,
            ),
            statement(
                t,
                "s2",
                "indirect",
                "der Ausbau gefährde die Seegraswiesen",
                "warnte",
                ("e2", "Meerwacht"),
                "Die Umweltgruppe Meerwacht",
            ),
            statement(
                t,
                "s3",
                "according_to",
                f"demonstrierten etwa {crowd} Menschen vor dem Rathaus",
                "Nach Angaben",
                ("e3", "Polizei"),
                "der Polizei",
            ),
            statement(
                t,
                "s5",
                "indirect",
                f"von {organisers} Teilnehmern",
                "sprachen",
                ("e5", "Veranstalter"),
                "Die Veranstalter",
            ),
            statement(
                t,
                "s4",
                "indirect",
                "den Plan im Mai vorzulegen",
                "kündigte",
                ("e1", "Anna Berger"),
                "Berger",
                via=["Nordnews"],
                mention_nth=2,
            ),
        ],
        "quantities": [
            {
                **span(t, "40 Millionen Euro"),
                "value": 40_000_000,
                "hedge": "exact",
                "unit": "EUR",
                "what": "Investition",
                "source": {"entity": "e1", "name": "Anna Berger"},
                "statement": "s1",
            },
            {
                **span(t, f"etwa {crowd} Menschen"),
                "value": crowd,
                "hedge": "about",
                "unit": None,
                "what": "Demonstranten",
                "source": {"entity": "e3", "name": "Polizei"},
                "statement": "s3",
            },
            {
                **span(t, f"{organisers} Teilnehmern"),
                "value": organisers,
                "hedge": "exact",
                "unit": None,
                "what": "Demonstranten",
                "source": {"entity": "e5", "name": "Veranstalter"},
                "statement": "s5",
            },
        ],
        "times": [
            {**span(t, "am Dienstag"), "type": "DATE", "value": "2026-03-10"},
            {**span(t, "im Mai"), "type": "DATE", "value": "2026-05"},
        ],
    }


class Page(HTMLParser):
    """Tags with their attributes, and the text inside the element with id ``article-text``."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.article: list[str] = []
        self.depth = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if self.depth or dict(attrs).get("id") == "article-text":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.article.append(data)

    def scripts(self) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == "script"]

    def handlers(self) -> list[tuple[str, str]]:
        return [(t, k) for t, a in self.tags for k in a if k.lower().startswith("on")]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


@pytest.fixture
def showing(client: TestClient, monkeypatch: pytest.MonkeyPatch):
    """Make the reader show a hand-built record for whatever is pasted (the extractors are tested elsewhere)."""

    def use(record: dict[str, Any]) -> None:
        monkeypatch.setattr(client.app.state.service, "analyze", lambda article, lang, published: record)

    return use


# ---- view model --------------------------------------------------------------------------------------------


def test_harbour_record_follows_the_schema() -> None:
    validate(harbour_record())


def test_segments_cover_the_text_exactly_and_mark_each_statement() -> None:
    record = harbour_record()
    model = view.reader(record)
    assert "".join(s.text for s in model["segments"]) == record["text"]
    for st in record["statements"]:
        marked = "".join(s.text for s in model["segments"] if s.primary == st["id"])
        assert marked == st["content"]["text"]
    colours = {sp.name: sp.colour for sp in model["speakers"]}
    assert (
        set(colours) == {"Anna Berger", "Meerwacht", "Polizei", "Veranstalter"}
        and len(set(colours.values())) == 4
    )
    berger = next(sp for sp in model["speakers"] if sp.name == "Anna Berger")
    assert (
        berger.statements == ["s1", "s4"]
        and [m["text"] for m in berger.mentions] == ["Anna Berger"] + ["Berger"] * 2
    )


def test_nested_statement_wins_its_segments_and_bad_offsets_are_skipped() -> None:
    text = 'Sie sagte, er habe "nie gelogen" und werde bleiben.'
    outer = statement(
        text, "a", "indirect", 'er habe "nie gelogen" und werde bleiben', "sagte", ("e1", "Sie"), "Sie"
    )
    inner = statement(text, "b", "direct", "nie gelogen", None, ("e2", "Er"), None)
    broken = {**inner, "id": "c", "content": {"start": 40, "end": 999, "text": "?"}}
    record = {
        **harbour_record(),
        "text": text,
        "statements": [outer, inner, broken],
        "entities": [],
        "quantities": [],
        "times": [],
    }
    segments = view.segments(record)
    assert "".join(s.text for s in segments) == text
    assert [s.text for s in segments if s.primary == "b"] == ["nie gelogen"]
    assert all("c" not in s.statements for s in segments)
    assert "".join(s.text for s in segments if s.primary == "a") == 'er habe "" und werde bleiben'


def test_relay_chains_run_from_the_agency_through_relays_to_the_speaker() -> None:
    model = view.reader(harbour_record())
    chains = {tuple(c["chain"]): c["count"] for c in model["chains"]}
    assert chains[("dpa", "Nordnews", "Anna Berger")] == 1
    assert chains[("dpa", "Anna Berger")] == 1
    edges = {e["label"] for e in model["graph"]["edges"]}
    assert {"dpa → Nordnews", "Nordnews → Anna Berger", "dpa → Polizei"} <= edges


def test_month_bars_fill_gaps_and_scatter_skips_undated_rows() -> None:
    from sourcetrace.web import charts

    rows = [{"published": "2026-01-05"}, {"published": "2026-03-30T10:00+02:00"}, {"published": "2026-03-01"}]
    bars = charts.per_month(rows)["bars"]
    assert [(b["label"], b["count"]) for b in bars] == [("2026-01", 1), ("2026-02", 0), ("2026-03", 2)]
    assert bars[1]["h"] == 0 and bars[2]["h"] == 2 * bars[0]["h"]
    points = [
        {"published": "2026-01-05", "value": 10, "source": "Polizei"},
        {"published": None, "value": 99, "source": "Polizei"},
        {"published": "2026-02-05", "value": 20, "source": {"name": "Feuerwehr"}},
    ]
    chart = charts.scatter(points)
    assert len(chart["points"]) == 2 and [s["name"] for s in chart["series"]] == ["Polizei", "Feuerwehr"]
    assert chart["points"][1]["y"] < chart["points"][0]["y"]  # the larger figure sits higher
    assert charts.number(1234567) == "1 234 567" and charts.number(2.5) == "2.50"


# ---- reader page -------------------------------------------------------------------------------------------


def test_reader_highlights_statements_and_renders_details(client: TestClient, showing) -> None:
    record = harbour_record()
    showing(record)
    response = client.post("/read", data={"text": HARBOUR, "lang": "de"})
    assert response.status_code == 200
    page = Page(response.text)
    assert "".join(page.article) == HARBOUR  # the text survives rendering unchanged, so offsets line up
    marks = [a for t, a in page.tags if t == "mark"]
    stops = [a for a in marks if a.get("tabindex") == "0"]
    assert len(stops) == 5 and all(a.get("role") == "button" for a in stops)
    assert {a["class"].split()[1] for a in marks if a["data-stmt"] in ("1", "5")} == {"sp-0"}
    assert "Statement 3: according to, by Polizei" in [a.get("aria-label") for a in stops]
    details = [a for t, a in page.tags if t == "section" and (a.get("id") or "").startswith("detail-")]
    assert len(details) == 5 and all("hidden" in a for a in details)
    assert "dpa</li><li>Nordnews</li><li>Anna Berger" in response.text.replace("\n", "")
    assert "40 000 000 EUR" in response.text and "2026-05" in response.text


def test_reader_without_statements_says_so(client: TestClient, showing) -> None:
    showing({**harbour_record(), "statements": [], "quantities": [], "times": []})
    response = client.post("/read", data={"text": HARBOUR})
    assert response.status_code == 200 and "No attributed statements found" in response.text
    page = Page(response.text)
    assert not [a for t, a in page.tags if t == "mark"] and "".join(page.article) == HARBOUR
    assert "No numeric claims." in response.text and "No relay chains." in response.text


def test_reader_shows_an_uploaded_record_and_refuses_a_broken_one(client: TestClient) -> None:
    record = harbour_record()
    files = {"file": ("kiel.json", json.dumps(record).encode(), "application/json")}
    response = client.post("/read", files=files)
    assert response.status_code == 200 and "".join(Page(response.text).article) == HARBOUR
    del record["statements"][0]["kind"]
    files = {"file": ("kiel.json", json.dumps(record).encode(), "application/json")}
    response = client.post("/read", files=files)
    assert response.status_code == 400 and "not a valid sourcetrace/1 record" in response.text


def test_reader_form_errors_are_shown_on_the_form(client: TestClient) -> None:
    response = client.post("/read", data={"text": "", "url": ""})
    assert response.status_code == 400 and "exactly one of" in response.text
    response = client.post("/read", data={"text": "Kurzer Text.", "published": "gestern"})
    assert response.status_code == 400 and "not an ISO-8601 date" in response.text


# ---- API ---------------------------------------------------------------------------------------------------


def test_analyze_text_returns_a_valid_record(client: TestClient) -> None:
    text = 'Die Ministerin sagte am Montag, der Etat steige um 3 Prozent. "Das reicht", betonte sie.'
    response = client.post("/api/analyze", json={"text": text, "lang": "de", "published": "2026-02-02"})
    assert response.status_code == 200
    record = response.json()
    validate(record)
    assert record["text"] == text and record["lang"] == "de" and record["meta"]["published"] == "2026-02-02"


def test_analyze_refuses_bad_requests(client: TestClient) -> None:
    assert client.post("/api/analyze", json={}).status_code == 400
    assert client.post("/api/analyze", json={"text": "a", "html": "<p>b</p>"}).status_code == 400
    assert client.post("/api/analyze", json={"text": "x", "lang": "fr"}).status_code == 422
    bad_date = client.post("/api/analyze", json={"text": "Ein Satz.", "published": "bald"})
    assert bad_date.status_code == 422 and bad_date.json()["detail"]["source"] == "published"


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/analyze",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/statements",
        "/api/speakers",
        "/api/numbers",
    } <= set(paths)
    assert "/read" not in paths


def test_head_answers_like_get_without_the_body(client: TestClient) -> None:
    for path in ("/", "/openapi.json", "/static/style.css"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"], path
        assert head.headers["content-length"] == str(len(get.content)), path
        assert head.headers["x-frame-options"] == "DENY", path
    assert client.head("/no-such-page").status_code == 404
    assert client.head("/api/analyze").status_code == 405  # POST only, as for GET


def test_corpus_endpoints_without_a_database_say_how_to_get_one(client: TestClient) -> None:
    for path in ("/api/articles", "/api/statements?speaker=Berger", "/api/speakers", "/api/numbers"):
        response = client.get(path)
        assert response.status_code == 404 and "--db" in response.json()["detail"]
    assert client.get("/speakers").status_code == 404


# ---- security ----------------------------------------------------------------------------------------------

XSS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(2)",
    "</textarea><svg onload=alert(3)>",
    "javascript:alert(4)",
]


def xss_record() -> dict[str, Any]:
    """Every string field of the record carries a payload; the text too, inside a statement."""
    text = f"Ein Sprecher sagte, {XSS[0]} sei harmlos. {XSS[1]} erklärte: {XSS[2]} {XSS[3]}."
    record = harbour_record()
    record.update(text=text, id=XSS[1], quantities=[], times=[])
    record["meta"].update(title=XSS[0], url=XSS[4], authors=[XSS[2]], agency=[XSS[1]])
    record["entities"] = [{"id": XSS[2], "name": XSS[1], "type": "PERSON", "mentions": [span(text, XSS[1])]}]
    record["statements"] = [
        statement(
            text, XSS[1], "indirect", f"{XSS[0]} sei harmlos", "sagte", (XSS[2], XSS[1]), "Ein Sprecher"
        ),
        statement(
            text, XSS[2], "direct", f"{XSS[2]} {XSS[3]}", "erklärte", (XSS[1], XSS[3]), XSS[1], via=[XSS[0]]
        ),
    ]
    record["quantities"] = [
        {
            **span(text, "Ein Sprecher"),
            "value": 1,
            "hedge": "exact",
            "unit": XSS[0],
            "what": XSS[3],
            "source": {"entity": None, "name": XSS[1]},
            "statement": None,
        },
    ]
    return record


def test_article_text_and_fields_are_rendered_escaped(client: TestClient, showing) -> None:
    record = xss_record()
    showing(record)
    response = client.post("/read", data={"text": record["text"]})
    assert response.status_code == 200
    page = Page(response.text)
    assert page.handlers() == []  # no onerror/onload/onmouseover attribute reached the DOM
    assert [s.get("src") for s in page.scripts()] == ["/static/reader.js"]
    assert not any(t in ("img", "svg") and "onerror" in str(a) for t, a in page.tags)
    assert all(a.get("href") != XSS[4] for _, a in page.tags)  # javascript: URL is shown, never linked
    assert "".join(page.article) == record["text"]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'")


def test_form_echo_is_escaped(client: TestClient) -> None:
    response = client.post("/read", data={"text": XSS[3], "published": "nie"})
    assert response.status_code == 400
    assert (
        Page(response.text).handlers() == []
        and "&lt;/textarea&gt;&lt;svg onload=alert(3)&gt;" in response.text
    )


def test_uploaded_record_with_payloads_is_rendered_escaped(client: TestClient) -> None:
    files = {"file": ("x.json", json.dumps(xss_record()).encode(), "application/json")}
    response = client.post("/read", files=files)
    assert response.status_code == 200
    page = Page(response.text)
    assert page.handlers() == [] and [s.get("src") for s in page.scripts()] == ["/static/reader.js"]


SSRF = [
    ("http://127.0.0.1:9/", "non-public address"),
    ("http://localhost/admin", "non-public address"),
    ("http://[::1]/", "non-public address"),
    ("http://169.254.169.254/latest/meta-data/", "non-public address"),
    ("http://10.1.2.3/", "non-public address"),
    ("http://192.168.0.1/", "non-public address"),
    ("http://0.0.0.0/", "non-public address"),
    ("http://2130706433/", "non-public address"),  # 127.0.0.1 written as one number
    ("file:///etc/passwd", "only http and https"),
    ("ftp://ftp.example.org/file.txt", "only http and https"),
    ("gopher://127.0.0.1:6379/_INFO", "only http and https"),
    ("/etc/passwd", "only http and https"),
]


@pytest.mark.parametrize(("url", "reason"), SSRF)
def test_url_analysis_refuses_other_schemes_and_private_targets(
    client: TestClient, url: str, reason: str
) -> None:
    response = client.post("/api/analyze", json={"url": url})
    assert response.status_code == 400, response.text
    assert reason in response.json()["detail"]["reason"]


class _Article(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        _Article.hits.append(self.path)
        body = HARBOUR.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_loopback_site_is_never_contacted(client: TestClient, local_site: str) -> None:
    _Article.hits.clear()
    response = client.post("/api/analyze", json={"url": f"{local_site}/article"})
    assert response.status_code == 400 and _Article.hits == []


def test_url_is_fetched_when_private_targets_are_allowed(local_site: str) -> None:
    with TestClient(create_app(allow_private=True)) as c:
        response = c.post("/api/analyze", json={"url": f"{local_site}/article", "lang": "de"})
    assert response.status_code == 200
    assert response.json()["text"] == HARBOUR and response.json()["meta"]["url"].endswith("/article")


def test_no_file_paths_are_accepted(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"path": "/etc/passwd"})
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "extra_forbidden"
    response = client.post("/api/analyze", json={"text": "/etc/passwd", "lang": "de"})
    assert response.status_code == 200 and response.json()["text"] == "/etc/passwd"  # a string, never opened
    response = client.post(
        "/read", files={"file": ("../../etc/passwd", b"Nur ein Satz ohne Inhalt.", "text/plain")}
    )
    assert response.status_code == 200 and "root:" not in response.text


def test_request_bodies_over_the_limit_are_refused() -> None:
    with TestClient(create_app(max_body=2000)) as c:
        big = c.post("/api/analyze", json={"text": "Wort " * 1000})
        assert big.status_code == 413 and "too large" in big.json()["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it arrives
            yield b'{"text": "'
            for _ in range(100):
                yield b"Wort " * 10
            yield b'"}'

        streamed = c.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        assert c.post("/api/analyze", json={"text": "Ein kurzer Satz.", "lang": "de"}).status_code == 200


def test_no_cors_unless_configured(client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/speakers", headers=origin).headers
    preflight = client.options("/api/analyze", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    with TestClient(create_app(cors_origins=["https://newsroom.example"])) as c:
        allowed = c.get("/", headers={"Origin": "https://newsroom.example"})
        other = c.get("/", headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
    assert "access-control-allow-origin" not in other.headers


def test_serve_binds_to_loopback_by_default() -> None:
    from sourcetrace.web.commands import serve

    params = inspect.signature(serve).parameters
    assert params["host"].default == "127.0.0.1" and params["db"].default is None


def test_host_check_against_dns_rebinding() -> None:
    with TestClient(create_app(allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"Host": "attacker.example"}).status_code == 400


def test_seed_article_through_the_pipeline_keeps_its_text(client: TestClient, shared_dir) -> None:  # noqa: ANN001
    seed = (shared_dir / "examples" / "afp-putin-kim-2025-08-15.txt").read_text(encoding="utf-8")
    record = client.post("/api/analyze", json={"text": seed}).json()
    response = client.post("/read", data={"text": seed})
    assert response.status_code == 200
    page = Page(response.text)
    assert "".join(page.article) == seed == record["text"]
    covered = {n for t, a in page.tags if t == "mark" for n in a["data-stmts"].split()}
    assert covered == {str(n) for n in range(1, len(record["statements"]) + 1)}  # every statement is marked


PAGE = (
    "<html><head><title>Hafen Kiel</title></head><body><article><h1>Hafen Kiel</h1>"
    f"<p>{HARBOUR.split(chr(10))[0]}</p><p>Die Umweltgruppe Meerwacht warnte dagegen, der Ausbau gefährde "
    "die Seegraswiesen vor der Küste.</p></article></body></html>"
)


def test_html_is_read_from_the_api_and_from_an_upload(client: TestClient) -> None:
    record = client.post("/api/analyze", json={"html": PAGE, "lang": "de"}).json()
    assert "Anna Berger" in record["text"] and "<p>" not in record["text"]
    response = client.post("/read", files={"file": ("hafen.html", PAGE.encode(), "text/html")})
    assert response.status_code == 200 and "Seegraswiesen vor der Küste" in "".join(
        Page(response.text).article
    )


@pytest.mark.slow
def test_serve_command_answers_on_loopback_only_for_loopback_hosts() -> None:
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "sourcetrace.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
            except httpx.HTTPError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200 and "Who said what?" in answer.text
        rebound = httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": f"attacker.example:{port}"})
        assert rebound.status_code == 400
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out


def test_openapi_docs_are_served_locally() -> None:
    from fastapi.testclient import TestClient

    from sourcetrace.web.app import create_app

    client = TestClient(create_app())
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/docs-static/swagger-ui-bundle.js" in page.text and "cdn" not in page.text.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "sourcetrace"
