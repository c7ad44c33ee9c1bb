"""What the command-line modules share: the stderr console and option types."""

from __future__ import annotations

from enum import StrEnum

from rich.console import Console

err = Console(stderr=True, highlight=False)


class Lang(StrEnum):
    auto = "auto"
    de = "de"
    en = "en"
