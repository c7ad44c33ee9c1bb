"""Article metadata from plain text: agency bylines, datelines, reading time, photo captions and credits.

Recognised forms (German and English wire style):
- byline ``Von afp 15.08.2025 - 16:38 Uhr Lesedauer: 2 Min.`` → agency afp, published 2025-08-15T16:38+02:00
  (bylines in German are Europe/Berlin time), reading time 2; ``Von Anna Beispiel, dpa`` → author + agency;
  ``By Jane Doe`` → author;
- datelines ``Berlin (dpa) -``, ``WASHINGTON (Reuters) -``, ``(AFP/dpa)``, ``Reuters –`` at a paragraph start;
- source lines ``Quelle: dpa``, ``Source: AP`` and agency signatures ``fho/dpa/AFP`` at the end;
- captions with credits ``… (Quelle: X/Y)``, ``… Foto: X``, ``Bild: X``, ``Photo: X``.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sourcetrace import agencies
from sourcetrace.ingest.article import Caption, Meta

BERLIN = ZoneInfo("Europe/Berlin")
WORDS_PER_MINUTE = 220  # estimate of reading time when the article does not state it

_DATE = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
_TIME = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})\s*(?:Uhr)?"
BYLINE_DE = re.compile(
    rf"^\s*Von\s+(?P<by>.+?)(?:\s*[,|]?\s*{_DATE}(?:\s*[-–,|]?\s*{_TIME})?)?"
    r"(?:\s*[|,]?\s*Lesedauer:\s*(?P<rt>\d+)\s*Min\.?)?\s*$"
)
BYLINE_EN = re.compile(r"^\s*By\s+(?P<by>[A-Z][^\n]{1,120}?)\s*$")
STAND = re.compile(rf"^\s*(?:Stand|Aktualisiert|Veröffentlicht)(?: am)?:?\s*{_DATE}(?:\s*[-–,]?\s*{_TIME})?")
READING_TIME = re.compile(
    r"(?:Lesedauer|Lesezeit):?\s*(?:ca\.\s*)?(?P<rt>\d+)\s*Min|(?P<rt_en>\d+)[- ]min(?:ute)? read"
)
DATELINE = re.compile(r"^\s*(?:[A-ZÄÖÜ][\w.,'’ -]{0,40}?\s*)?\((?P<ag>[^()\n]{2,40})\)\s*[-–—]\s")
LEADING_AGENCY = re.compile(r"^\s*(?P<ag>[A-Z][A-Za-z-]{1,20})\s+[–—-]\s")
SOURCE_LINE = re.compile(
    r"^\s*(?:Quelle|Quellen|Source|Sources|Mit Material von)\s*:?\s*(?P<ag>[^\n]{2,80}?)\s*$"
)
SIGNATURE = re.compile(r"^\s*(?P<sig>(?:[A-Za-z]{2,5}/)+[A-Za-z]{2,5})\s*$")
CREDIT_PAREN = re.compile(
    r"^(?P<text>.*?)\s*\((?:Quelle|Foto|Fotos|Bild|Photo|Image|Credit|Source)\s*:\s*(?P<credit>[^()]+)\)\s*$"
)
CREDIT_TAIL = re.compile(
    r"^(?P<text>.*?)[\s|]*(?:(?:Foto|Bild|Photo|Image|Credit)\s*:|©)\s*(?P<credit>[^:©\n]{2,100})$"
)

_SPLIT_BY = re.compile(r"\s*(?:,|/|\bund\b|\band\b|&)\s*")


def _agencies_in(text: str) -> list[str]:
    found: list[str] = []
    for part in _SPLIT_BY.split(text):
        agency = agencies.lookup(part)
        if agency and agency.kind == "agency" and agency.name not in found:
            found.append(agency.name)
    return found


def _split_people_and_agencies(by: str) -> tuple[list[str], list[str]]:
    people, found = [], []
    for part in _SPLIT_BY.split(by.strip()):
        if not part:
            continue
        agency = agencies.lookup(part)
        if agency:
            found.append(agency.name)
        elif re.fullmatch(r"[A-ZÄÖÜ][\w.'’-]+(?:\s+[A-ZÄÖÜ\w][\w.'’-]+){0,3}", part):
            people.append(part)
    return people, found


def _berlin_time(m: re.Match[str]) -> str:
    if m.group("H") is None:
        return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    local = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), tzinfo=BERLIN)
    return local.isoformat(timespec="minutes")


def parse_caption(line: str) -> Caption | None:
    for pattern in (CREDIT_PAREN, CREDIT_TAIL):
        m = pattern.match(line.strip())
        if m:
            credit = m["credit"].strip().rstrip(".")
            return Caption(text=m["text"].strip(), credit=credit or None)
    return None


def _is_heading(line: str) -> bool:
    return 0 < len(line) <= 160 and not re.search(r"[.!?:;,\"“”»«]\s*$", line)


def text_metadata(text: str, lang: str | None = None) -> Meta:
    """What the text itself says about the article."""
    meta = Meta()
    lines = [line.strip() for line in text.splitlines()]
    content = [line for line in lines if line]
    head, tail = content[:6], content[-3:]
    first_content: str | None = None
    for line in head:
        if m := BYLINE_DE.match(line):
            people, found = _split_people_and_agencies(m["by"])
            meta.authors += people
            meta.agency += [a for a in found if a not in meta.agency]
            if m["y"]:
                meta.published = _berlin_time(m)
            if m["rt"]:
                meta.reading_time_min = int(m["rt"])
            continue
        if m := BYLINE_EN.match(line):
            people, found = _split_people_and_agencies(m["by"])
            meta.authors += people
            meta.agency += [a for a in found if a not in meta.agency]
            continue
        if m := STAND.match(line):
            meta.published = meta.published or _berlin_time(m)
            continue
        if parse_caption(line):
            continue
        if first_content is None:
            first_content = line
    for line in content:
        if (caption := parse_caption(line)) is not None:
            meta.captions.append(caption)
    for line in content[:12]:
        m = DATELINE.match(line) or LEADING_AGENCY.match(line)
        if m:
            meta.agency += [a for a in _agencies_in(m["ag"]) if a not in meta.agency]
    for line in tail:
        m = SOURCE_LINE.match(line) or SIGNATURE.match(line)
        if m:
            meta.agency += [a for a in _agencies_in(m.group(1)) if a not in meta.agency]
    if meta.reading_time_min is None:
        m = READING_TIME.search("\n".join(head))
        if m:
            meta.reading_time_min = int(m["rt"] or m["rt_en"])
        else:
            meta.reading_time_min = max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))
    if first_content and _is_heading(first_content):
        meta.title = first_content
    return meta
