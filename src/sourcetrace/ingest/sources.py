"""Every input form the CLI takes, turned into Articles (or Failures) in input order.

Inputs: ``.txt`` files, ``.html``/``.htm`` files, ``.jsonl``/``.jsonl.gz`` batches, directories (recursive),
``-`` for standard input, and http(s) URLs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sourcetrace.errors import InputError
from sourcetrace.ingest.article import Article, Failure
from sourcetrace.ingest.decode import check_size, decode_text
from sourcetrace.ingest.html import article_from_html, looks_like_html
from sourcetrace.ingest.jsonl import is_jsonl, read_jsonl
from sourcetrace.ingest.text import article_from_text
from sourcetrace.ingest.url import fetch, is_url

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".text", ".md")
DIRECTORY_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".jsonl", ".jsonl.gz", ".ndjson")


def article_from_bytes(data: bytes, source: str, url: str | None = None, html: bool | None = None) -> Article:
    if html is None:
        html = looks_like_html(data)
    if html:
        article = article_from_html(data, source, url=url)
    else:
        article = article_from_text(decode_text(source, data), source)
    if url:
        article.meta.url = url
    return article


def article_from_url(url: str, allow_private: bool = False) -> Article:
    """Fetch a page (http(s) only, no private targets unless allowed) and read it as HTML or text."""
    body, content_type, final_url = fetch(url, allow_private=allow_private)
    return article_from_bytes(body, url, url=final_url, html="html" in content_type or None)


def _read_file(path: Path) -> Iterator[Article | Failure]:
    name = path.name.lower()
    if is_jsonl(name):
        yield from read_jsonl(path)
        return
    try:
        check_size(str(path), path.stat().st_size)
        data = path.read_bytes()
        if name.endswith(".gz"):
            import gzip

            data = gzip.decompress(data)
        is_html = True if name.endswith(HTML_SUFFIXES) else None
        article = article_from_bytes(data, str(path), html=is_html)
        article.id = article.id or path.name.split(".")[0]
        yield article
    except InputError as exc:
        yield Failure(str(path), exc.reason)
    except OSError as exc:
        yield Failure(str(path), f"cannot read ({exc.strerror or exc})")


def read_inputs(inputs: Iterable[str], allow_private: bool = False) -> Iterator[Article | Failure]:
    for item in inputs:
        try:
            if item == "-":
                data = sys.stdin.buffer.read()
                yield article_from_bytes(data, "<stdin>")
            elif is_url(item):
                yield article_from_url(item, allow_private=allow_private)
            else:
                path = Path(item)
                if path.is_dir():
                    files = sorted(
                        p
                        for p in path.rglob("*")
                        if p.is_file() and p.name.lower().endswith(DIRECTORY_SUFFIXES)
                    )
                    if not files:
                        yield Failure(item, "directory holds no .txt, .html or .jsonl files")
                    for file in files:
                        yield from _read_file(file)
                elif path.exists():
                    yield from _read_file(path)
                elif "://" in item:
                    yield Failure(item, f"only http and https URLs are fetched, not {item.split('://')[0]!r}")
                else:
                    yield Failure(item, "no such file or directory")
        except InputError as exc:
            yield Failure(exc.source, exc.reason)
