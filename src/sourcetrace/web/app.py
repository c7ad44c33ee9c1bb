"""The web service: a JSON API (OpenAPI docs at /docs) and server-rendered pages.

Reader pages work on any pasted text, uploaded file or URL; the corpus pages and ``/api/articles``,
``/api/statements``, ``/api/speakers``, ``/api/numbers``, ``/api/relays`` need a store (``--db``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from sourcetrace import __version__
from sourcetrace.errors import InputError, SourcetraceError
from sourcetrace.ingest.article import Article
from sourcetrace.ingest.decode import MAX_INPUT_BYTES
from sourcetrace.web import charts, view
from sourcetrace.web.security import BodyLimit, HeadAsGet, SecurityHeaders

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = MAX_INPUT_BYTES + 1024 * 1024  # the article limit plus room for the JSON or form around it
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many rows.")]
NO_DB = "no corpus database: start the service with `sourcetrace serve --db corpus.duckdb`"


class AnalyzeRequest(BaseModel):
    """One article, as exactly one of ``text``, ``html`` or ``url`` (http/https on a public host)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text; record offsets index this string.")
    html: str | None = Field(None, description="An HTML page; its main text is extracted.")
    url: str | None = Field(None, description="An http(s) URL of an article on a public host.")
    lang: Literal["auto", "de", "en"] = "auto"
    published: str | None = Field(
        None, description="ISO-8601 publication date, the anchor for relative times."
    )


class Problem(BaseModel):
    detail: Any


class Service:
    """What the routes share: the analysis lock, the URL policy and the store (opened per request)."""

    def __init__(self, db: Path | None, allow_private: bool) -> None:
        self.db = db
        self.allow_private = allow_private
        self.analysis_lock = threading.Lock()  # one analysis at a time: the pipelines are shared objects
        self.store_lock = threading.Lock()

    def article(
        self,
        *,
        text: str | None,
        html: str | None,
        url: str | None,
        data: bytes | None = None,
        source: str | None = None,
    ) -> Article:
        from sourcetrace.ingest.html import article_from_html
        from sourcetrace.ingest.sources import article_from_bytes, article_from_url
        from sourcetrace.ingest.text import article_from_text

        given = [v for v in (text, html, url, data) if v not in (None, "", b"")]
        if len(given) != 1:
            raise InputError("request", "give exactly one of: text, html, url (or a file)")
        if url:
            return article_from_url(url.strip(), allow_private=self.allow_private)
        if data:
            return article_from_bytes(data, source or "upload")
        if html:
            return article_from_html(html, "html")
        return article_from_text(text or "", "text")

    def analyze(self, article: Article, lang: str, published: str | None) -> dict[str, Any]:
        from sourcetrace.analysis import analyze_article

        with self.analysis_lock:
            return analyze_article(
                article, lang=None if lang == "auto" else lang, published=published or None
            )

    @contextmanager
    def store(self) -> Iterator[Any]:
        if self.db is None:
            raise HTTPException(404, NO_DB)
        from sourcetrace.store import Store

        with self.store_lock:
            try:
                store = Store(self.db, read_only=True)
            except SourcetraceError as exc:  # e.g. an ingest holds the write lock right now
                raise HTTPException(503, str(exc)) from None
            with store:
                yield store


def _problem(exc: SourcetraceError) -> HTTPException:
    if isinstance(exc, InputError):  # the CLI's hint names a flag the service does not have
        return HTTPException(
            400, {"source": exc.source, "reason": exc.reason.removesuffix("; use --allow-private")}
        )
    return HTTPException(400, {"source": None, "reason": str(exc)})


def uploaded_record(data: bytes, source: str) -> dict[str, Any] | None:
    """A sourcetrace/1 record given as a JSON file (checked against the schema), or None for other files."""
    import json

    import jsonschema

    from sourcetrace.record import validate

    if not data.lstrip().startswith(b"{"):
        return None
    try:
        record = json.loads(data)
    except ValueError:
        return None
    if not isinstance(record, dict) or record.get("schema") != "sourcetrace/1":
        return None
    try:
        validate(record)
    except jsonschema.ValidationError as exc:
        raise InputError(source, f"not a valid sourcetrace/1 record ({exc.message})") from None
    return record


def _iso(value: str | None, name: str) -> str | None:
    from sourcetrace.analysis import normalize_published

    try:
        return normalize_published(value, name)
    except InputError as exc:
        raise HTTPException(422, {"source": name, "reason": exc.reason}) from None


def mount_docs(app: FastAPI) -> None:
    """The OpenAPI docs at /docs with Swagger UI served from the installed swagger-ui-bundle (works offline)."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html

    app.mount("/docs-static", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="sourcetrace API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon-32x32.png",
        )


def create_app(
    db: str | Path | None = None,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    cors_origins: list[str] | None = None,
    allowed_hosts: list[str] | None = None,
    allow_private: bool = False,
) -> FastAPI:
    """The application. ``db``: a store file for the corpus pages; ``cors_origins``: origins allowed
    cross-origin requests (none by default); ``allowed_hosts``: Host headers answered (all by default;
    ``serve`` on loopback answers only loopback names, against DNS rebinding); ``allow_private``: let URL
    analysis reach private and loopback addresses (tests only)."""
    service = Service(Path(db) if db else None, allow_private)
    app = FastAPI(
        title="sourcetrace",
        version=__version__,
        description="Who said what, through whom, with which numbers, and when: analyze news articles.",
        docs_url=None,
        redoc_url=None,
    )
    mount_docs(app)
    app.state.service = service
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(corpus=service.db is not None, version=__version__)
    templates.env.filters["number"] = charts.number
    templates.env.filters["indices"] = view.indices
    templates.env.filters["span_text"] = view.span_text
    templates.env.filters["names"] = view.names
    templates.env.filters["source_name"] = view.source_name
    templates.env.tests["http_url"] = view.is_http_url
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    if cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(HeadAsGet)

    errors: dict[int | str, dict[str, Any]] = {400: {"model": Problem}, 413: {"model": Problem}}

    # ---- API -------------------------------------------------------------------------------------------------

    @app.post("/api/analyze", tags=["analysis"], responses=errors)
    def api_analyze(request: AnalyzeRequest) -> JSONResponse:
        """Analyze one article (text, HTML or a URL) and return its sourcetrace/1 record."""
        try:
            article = service.article(text=request.text, html=request.html, url=request.url)
            record = service.analyze(article, request.lang, _iso(request.published, "published"))
        except SourcetraceError as exc:
            raise _problem(exc) from None
        return JSONResponse(dict(record))

    @app.get("/api/articles", tags=["corpus"])
    def api_articles(limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        """Stored articles, newest first."""
        with service.store() as store:
            return store.articles(limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", tags=["corpus"])
    def api_article(article_id: str) -> dict[str, Any]:
        """The full sourcetrace/1 record of a stored article."""
        with service.store() as store:
            record = store.article(article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return record

    @app.get("/api/statements", tags=["corpus"])
    def api_statements(
        speaker: str | None = None,
        via: str | None = None,
        q: Annotated[str | None, Query(description="Words the statement is about.")] = None,
        since: str | None = None,
        until: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        """Statements in the corpus by speaker, relay, words and publication date."""
        return _statements(speaker, via, q, since, until, limit, offset)

    def _statements(speaker, via, q, since, until, limit, offset) -> list[dict[str, Any]]:  # noqa: ANN001
        since, until = _iso(since, "since"), _iso(until, "until")
        with service.store() as store:
            return store.statements(
                speaker=speaker or None,
                about=q or None,
                via=via or None,
                since=since,
                until=until,
                limit=limit,
                offset=offset,
            )

    @app.get("/api/speakers", tags=["corpus"])
    def api_speakers(limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        """Speakers with their aliases, statement counts and relays."""
        with service.store() as store:
            return store.speakers(limit=limit, offset=offset)

    @app.get("/api/numbers", tags=["corpus"])
    def api_numbers(
        what: Annotated[str | None, Query(description="What is counted (e.g. Tote).")] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        """Numeric claims with their source and publication date."""
        with service.store() as store:
            return store.numbers(what=what or None, limit=limit, offset=offset)

    @app.get("/api/relays", tags=["corpus"])
    def api_relays(limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        """Relay chains (outlet/agency → … → source) with how often each occurs."""
        with service.store() as store:
            return store.relays(limit=limit, offset=offset)

    # ---- pages -----------------------------------------------------------------------------------------------

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context, status_code=status)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        return page(request, "index.html", form={})

    @app.post("/read", response_class=HTMLResponse, include_in_schema=False)
    async def read(request: Request) -> HTMLResponse:
        form = await request.form(max_files=1, max_fields=8, max_part_size=MAX_INPUT_BYTES)
        # browsers submit a textarea's line breaks as CRLF (HTML spec); the pasted text had plain newlines
        text = str(form.get("text") or "").replace("\r\n", "\n")
        url = str(form.get("url") or "")
        lang, published = str(form.get("lang") or "auto"), str(form.get("published") or "")
        upload = form.get("file")
        data, source = None, None
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read()
            source = f"upload {Path(upload.filename).name}"
        fields = {"text": text, "url": url, "lang": lang, "published": published}
        if lang not in ("auto", "de", "en"):
            lang = "auto"
        from starlette.concurrency import run_in_threadpool

        try:
            if data is not None and (stored := uploaded_record(data, source or "upload")) is not None:
                return page(request, "reader.html", **view.reader(stored))
            article = await run_in_threadpool(
                service.article, text=text or None, html=None, url=url or None, data=data, source=source
            )
            record = await run_in_threadpool(service.analyze, article, lang, _form_date(published))
        except SourcetraceError as exc:
            return page(
                request,
                "index.html",
                status=400,
                form=fields,
                error=str(exc).removesuffix("; use --allow-private"),
            )
        return page(request, "reader.html", **view.reader(record))

    def _form_date(value: str) -> str | None:
        from sourcetrace.analysis import normalize_published

        return normalize_published(value or None, "published")

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, offset: Offset = 0) -> HTMLResponse:
        with service.store() as store:
            rows = store.articles(limit=50, offset=offset)
            counts = store.counts()
        return page(request, "articles.html", articles=rows, counts=counts, offset=offset)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        with service.store() as store:
            record = store.article(article_id)
        if record is None:
            return page(request, "error.html", status=404, message=f"No article with id {article_id!r}.")
        return page(request, "reader.html", **view.reader(record))

    @app.get("/statements", response_class=HTMLResponse, include_in_schema=False)
    def statements_page(
        request: Request,
        speaker: str = "",
        via: str = "",
        q: str = "",
        since: str = "",
        until: str = "",
        offset: Offset = 0,
    ) -> HTMLResponse:
        query = {"speaker": speaker, "via": via, "q": q, "since": since, "until": until}
        try:
            rows = _statements(speaker, via, q, since, until, 100, offset)
        except HTTPException as exc:
            if exc.status_code != 422:
                raise
            return page(
                request, "statements.html", status=400, query=query, rows=[], error=exc.detail["reason"]
            )
        return page(request, "statements.html", query=query, rows=rows, offset=offset)

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request) -> HTMLResponse:
        with service.store() as store:
            rows = store.speakers(limit=500)
        return page(request, "speakers.html", speakers=rows)

    @app.get("/speaker", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(request: Request, name: str) -> HTMLResponse:
        with service.store() as store:
            rows = store.statements(speaker=name, limit=1000)
            info = next((s for s in store.speakers(name=name, limit=50) if s.get("name") == name), None)
        rows.sort(key=lambda r: str(r.get("published") or ""))
        return page(request, "speaker.html", name=name, info=info, rows=rows, chart=charts.per_month(rows))

    @app.get("/numbers", response_class=HTMLResponse, include_in_schema=False)
    def numbers_page(request: Request, what: str = "") -> HTMLResponse:
        with service.store() as store:
            rows = store.numbers(what=what or None, limit=1000)
        return page(request, "numbers.html", what=what, rows=rows, chart=charts.scatter(rows))

    @app.get("/relays", response_class=HTMLResponse, include_in_schema=False)
    def relays_page(request: Request) -> HTMLResponse:
        with service.store() as store:
            rows = store.relays(limit=60)
        chains = [{"chain": list(r.get("chain") or []), "count": r.get("count", 0)} for r in rows]
        return page(request, "relays.html", chains=chains, graph=view.graph(chains, width=900))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Any:
        if request.url.path.startswith("/api/") or request.method != "GET":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        message = exc.detail if isinstance(exc.detail, str) else "Not found."
        return page(request, "error.html", status=exc.status_code, message=message)

    return app
