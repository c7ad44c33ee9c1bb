"""The one list of news agencies and state media (``data/agencies.tsv``) and look-ups on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Agency:
    name: str
    kind: str  # "agency" | "state_media"
    aliases: tuple[str, ...]


@cache
def agencies() -> tuple[Agency, ...]:
    rows = []
    text = resources.files("sourcetrace.data").joinpath("agencies.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, aliases = line.split("\t")
        rows.append(Agency(name, kind, tuple(a.strip() for a in aliases.split(",") if a.strip())))
    return tuple(rows)


@cache
def _alias_index() -> dict[str, Agency]:
    return {alias: agency for agency in agencies() for alias in (*agency.aliases, agency.name)}


def lookup(alias: str) -> Agency | None:
    """The agency an alias names (``"AFP"`` → afp), or None."""
    return _alias_index().get(alias.strip())


@cache
def alias_pattern() -> re.Pattern[str]:
    """A regex matching any alias as a whole word (longest first)."""
    names = sorted(_alias_index(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
