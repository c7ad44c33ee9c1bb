"""JSON Lines batches: one object a line with ``id``, ``text`` or ``html``, and optional ``lang``,
``published``, ``url``, ``title``. A bad line becomes a Failure naming ``file:line``; the others go on."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.ingest.article import Article, Failure
from sourcetrace.ingest.html import article_from_html
from sourcetrace.ingest.text import article_from_text


def is_jsonl(name: str) -> bool:
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def article_from_object(obj: Any, source: str) -> Article:
    if not isinstance(obj, dict):
        raise InputError(source, "expected a JSON object with 'text' or 'html'")
    text, html = obj.get("text"), obj.get("html")
    if isinstance(html, str) and html.strip():
        article = article_from_html(html, source, url=obj.get("url"))
    elif isinstance(text, str):
        article = article_from_text(text, source)
    else:
        raise InputError(source, "object has neither a 'text' nor an 'html' string")
    if obj.get("id") is not None:
        article.id = str(obj["id"])
    for key in ("lang",):
        if isinstance(obj.get(key), str):
            article.lang = obj[key]
    if isinstance(obj.get("published"), str):
        article.meta.published = obj["published"]
    if isinstance(obj.get("url"), str):
        article.meta.url = obj["url"]
    if isinstance(obj.get("title"), str):
        article.meta.title = obj["title"]
    return article


def read_jsonl(path: Path) -> Iterator[Article | Failure]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as lines:  # type: ignore[operator]
            for number, line in enumerate(lines, start=1):
                source = f"{path}:{number}"
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line.rstrip("\r\n"))
                except json.JSONDecodeError as exc:
                    yield Failure(source, f"malformed JSON ({exc.msg} at column {exc.colno})")
                    continue
                try:
                    yield article_from_object(obj, source)
                except InputError as exc:
                    yield Failure(source, exc.reason)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        yield Failure(str(path), f"cannot read ({exc})")
