"""Article → record: pick the language, set the anchor date, run the pipeline, build the record."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sourcetrace.errors import InputError, SourcetraceError
from sourcetrace.ingest.article import Article, Failure
from sourcetrace.ingest.html import article_from_html, looks_like_html
from sourcetrace.ingest.lang import detect_language
from sourcetrace.ingest.text import article_from_text
from sourcetrace.nlp.pipelines import SUPPORTED_LANGS, pipeline
from sourcetrace.record import Record, build_record

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def normalize_published(value: str | date | datetime | None, source: str = "--published") -> str | None:
    """An ISO-8601 string (date, or date-time with its offset) from what the caller gave."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(source, f"not an ISO-8601 date or date-time: {value!r}") from None
    return parsed.date().isoformat() if len(value.strip()) <= 10 else parsed.isoformat(timespec="minutes")


def anchor(published: str | None) -> datetime | None:
    """The datetime relative times are resolved against (dates without a time: midday UTC)."""
    if not published:
        return None
    try:
        parsed = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(published) <= 10:
        parsed = parsed.replace(hour=12)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def prepare(
    article: Article, lang: str | None = None, published: str | date | datetime | None = None
) -> Article:
    """Settle the article's language and publication date (explicit arguments win over what was read)."""
    if lang and lang != "auto":
        if lang not in SUPPORTED_LANGS:
            raise SourcetraceError(f"unsupported language {lang!r} (supported: {', '.join(SUPPORTED_LANGS)})")
        article.lang = lang
    elif article.lang not in SUPPORTED_LANGS:
        article.lang = detect_language(article.text, article.source)
    if published is not None:
        article.meta.published = normalize_published(published)
    else:
        article.meta.published = normalize_published(article.meta.published, article.source)
    return article


def analyze_article(
    article: Article,
    *,
    lang: str | None = None,
    published: str | date | datetime | None = None,
    pipeline_name: str | None = None,
) -> Record:
    article = prepare(article, lang, published)
    nlp = pipeline(article.lang, pipeline_name)  # type: ignore[arg-type]
    return build_record(nlp(make_doc(nlp, article)), article)


def analyze_many(
    items: Iterable[Article | Failure],
    *,
    lang: str | None = None,
    published: str | date | datetime | None = None,
    pipeline_name: str | None = None,
) -> Iterator[Record | Failure]:
    """Records (or Failures) in input order; a bad item never stops the batch."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield analyze_article(item, lang=lang, published=published, pipeline_name=pipeline_name)
        except Exception as exc:  # one broken article must not cost the batch its other records
            yield failure_of(item, exc)


def failure_of(article: Article, exc: Exception) -> Failure:
    """The one-line Failure for an article whose analysis raised ``exc``."""
    if isinstance(exc, InputError):
        return Failure(article.source, exc.reason)
    if isinstance(exc, SourcetraceError):
        return Failure(article.source, str(exc))
    return Failure(article.source, f"analysis failed ({type(exc).__name__}: {exc})")


def analyze(
    text_or_html: str,
    *,
    lang: str | None = None,
    published: str | date | datetime | None = None,
    url: str | None = None,
    id: str | None = None,  # noqa: A002 (the record's field name)
    pipeline_name: str | None = None,
) -> Record:
    """Analyze one article given as plain text or HTML and return its sourcetrace/1 record.

    Plain text is kept unchanged, so every offset in the record indexes ``text_or_html`` itself.
    """
    if looks_like_html(text_or_html):
        article = article_from_html(text_or_html, url or "<string>", url=url)
    else:
        article = article_from_text(text_or_html, url or "<string>")
    if url:
        article.meta.url = url
    article.id = id
    return analyze_article(article, lang=lang, published=published, pipeline_name=pipeline_name)


def make_doc(nlp: Language, article: Article) -> Doc:
    """The Doc the pipeline runs on: the article's text with its anchor date and metadata set."""
    doc = nlp.make_doc(article.text)
    doc._.published = anchor(article.meta.published)
    doc._.article_meta = {"agency": list(article.meta.agency), "outlet": article.meta.outlet}
    return doc


def analyze_batch(
    articles: Sequence[Article], nlp: Language, batch_size: int = 32, free_vocab: bool = False
) -> list[Record | Failure]:
    """Records for prepared articles of one language, through ``nlp.pipe`` (one result per article, in
    order). When the pipe fails, the articles it has not returned yet are analyzed one by one, so that only
    the bad one becomes a Failure.

    ``free_vocab``: run the batch in spaCy's ``nlp.memory_zone()``, which frees the strings and lexemes the
    batch added (a long ingest would otherwise grow the process with every new word). Only for a process
    that runs one analysis at a time: a zone that closes frees what another thread's document still uses."""
    results: list[Record | Failure] = []
    with nlp.memory_zone() if free_vocab else contextlib.nullcontext():
        try:
            docs = nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=batch_size)
            for doc in docs:
                results.append(build_record(doc, articles[len(results)]))
            return results
        except Exception:
            for article in articles[len(results) :]:
                try:
                    results.append(build_record(nlp(make_doc(nlp, article)), article))
                except Exception as exc:
                    results.append(failure_of(article, exc))
            return results
