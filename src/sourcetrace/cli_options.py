"""What the command-line modules share: the stderr console and option types."""

from __future__ import annotations

from enum import StrEnum

from rich.console import Console

err = Console(stderr=True, highlight=False)


class Lang(StrEnum):
    auto = "auto"
    de = "de"
    en = "en"


PIPELINE_HELP = (
    "Another installed spaCy pipeline (name or path) to build on; 'blank' for the rules on tokenizer and "
    "sentencizer alone."
)
