"""An article as read from its input, before analysis: the text to analyze and what is known about it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Caption:
    text: str
    credit: str | None = None


@dataclass
class Meta:
    title: str | None = None
    outlet: str | None = None
    agency: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    url: str | None = None
    reading_time_min: int | None = None
    captions: list[Caption] = field(default_factory=list)


@dataclass
class Article:
    text: str
    meta: Meta = field(default_factory=Meta)
    id: str | None = None
    lang: str | None = None
    source: str = "<string>"  # where it came from: a path, a URL, "file.jsonl:12", "<stdin>"

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Failure:
    """An input that yielded no record, and why (one line, meant for the user)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def content_hash(text: str) -> str:
    """A stable id for a text: whitespace-normalized SHA-256, first 16 hex digits."""
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]
