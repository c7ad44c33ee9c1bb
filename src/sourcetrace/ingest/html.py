"""HTML pages → article text and metadata with trafilatura (text, title, site, authors) and htmldate (date).

The record's ``text`` for HTML is: the title, the lead (when the body does not already start with it), then the
main text, separated by blank lines. The publication date prefers the page's own structured statement of the
original publication time (JSON-LD ``datePublished``, ``article:published_time``, ``itemprop=datePublished``),
which carries the time of day and zone, then htmldate's search for the original date.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import htmldate
import lxml.html
import trafilatura
from lxml.etree import ParserError

from sourcetrace.errors import InputError
from sourcetrace.ingest.article import Article, Caption, Meta
from sourcetrace.ingest.decode import check_size, looks_binary
from sourcetrace.ingest.metadata import parse_caption, text_metadata

_META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "dc.date.issued",
    "DC.date.issued",
    "pubdate",
    "publish-date",
    "sailthru.date",
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I | re.S
)


def looks_like_html(data: bytes | str) -> bool:
    head = data[:2048].encode("utf-8", "replace") if isinstance(data, str) else data[:2048]
    return bool(_HTML_START.match(head))


def _iso(value: str) -> str | None:
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"\d{4}-\d{2}-\d{2}", value)
        return m.group(0) if m else None
    if parsed.year < 1990:
        return None
    if "T" not in value and " " not in value.strip():
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="minutes")


def _jsonld_dates(tree: lxml.html.HtmlElement) -> list[str]:
    found = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    found.append(item["datePublished"])
                stack.extend(v for k, v in item.items() if k == "@graph" or isinstance(v, dict | list))
    return found


def structured_published(tree: lxml.html.HtmlElement) -> str | None:
    """The original publication time the page states in its markup, if any."""
    candidates = _jsonld_dates(tree)
    for name in _META_PUBLISHED:
        candidates += tree.xpath(
            f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'
        )
    candidates += tree.xpath('//*[@itemprop="datePublished"]/@datetime | //time[@pubdate]/@datetime')
    for value in candidates:
        if iso := _iso(value):
            return iso
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|$)")


def url_date(url: str | None) -> str | None:
    """A publication day stated in the URL path (``/2023/11/08/``), as the outlet's own local date."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_published(html: str, tree: lxml.html.HtmlElement | None, url: str | None) -> str | None:
    in_url = url_date(url)
    if tree is not None and (iso := structured_published(tree)):
        # A UTC time stamp can fall on the next day; the URL states the outlet's local day.
        if (
            in_url
            and iso[:10] != in_url
            and abs(datetime.fromisoformat(iso[:10]) - datetime.fromisoformat(in_url)).days <= 1
        ):
            return in_url
        return iso
    if in_url:
        return in_url
    try:
        return htmldate.find_date(tree if tree is not None else html, url=url, original_date=True)
    except Exception:  # htmldate raises on some malformed markup; a missing date is not fatal
        return None


def figure_captions(tree: lxml.html.HtmlElement) -> list[Caption]:
    captions: list[Caption] = []
    for fig in tree.xpath("//figcaption"):
        credit_nodes = fig.xpath(
            './/*[contains(@class,"credit") or contains(@class,"copyright") or contains(@class,"source")]'
        )
        credit = " ".join(" ".join(n.text_content().split()) for n in credit_nodes) or None
        for node in credit_nodes:
            node.drop_tree()
        text = " ".join(fig.text_content().split())
        if not text and not credit:
            continue
        parsed = parse_caption(text) if credit is None else None
        if parsed:
            captions.append(parsed)
        else:
            captions.append(
                Caption(
                    text=text,
                    credit=re.sub(r"^(?:Foto|Bild|Photo|Image|©)\s*:?\s*", "", credit) if credit else None,
                )
            )
    return captions


def article_from_html(data: bytes | str, source: str, url: str | None = None) -> Article:
    if isinstance(data, bytes):
        check_size(source, len(data))
        if looks_binary(data):
            raise InputError(source, "binary data, not HTML")
        html = trafilatura.utils.decode_file(data)
    else:
        check_size(source, len(data.encode("utf-8")))
        html = data
    if not html.strip():
        raise InputError(source, "empty input (no HTML to read)")
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        tree = None
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    body = (doc.text or "").strip() if doc is not None else ""
    if len(body) < 80:
        raise InputError(source, "no article text found in the HTML page")
    title = (doc.title or "").strip() or None
    lead = (doc.description or "").strip()
    parts = [title] if title else []
    if lead and lead[:60] not in body[:600] and len(lead) > 40:
        parts.append(lead)
    parts.append(body)
    text = "\n\n".join(parts)
    from_text = text_metadata(body)
    authors = [a.strip() for a in re.split(r";|,| and | und ", doc.author or "") if a.strip()]
    meta = Meta(
        title=title,
        outlet=(doc.sitename or doc.hostname or None),
        agency=from_text.agency,
        authors=[a for a in authors if a.lower() not in {x.lower() for x in from_text.agency}],
        published=find_published(html, tree, url),
        url=url or doc.url,
        reading_time_min=from_text.reading_time_min,
        captions=figure_captions(tree) if tree is not None else [],
    )
    return Article(text=text, meta=meta, source=source, lang=(doc.language or None))
