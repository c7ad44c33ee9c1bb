"""Offline language identification (py3langid ships its model)."""

from __future__ import annotations

import py3langid

from sourcetrace.errors import InputError
from sourcetrace.nlp.pipelines import SUPPORTED_LANGS


def detect_language(text: str, source: str = "<string>") -> str:
    """``de`` or ``en``; another language is refused with a message naming it."""
    lang, _ = py3langid.classify(text[:20000])
    if lang not in SUPPORTED_LANGS:
        raise InputError(
            source,
            f"language detected as {lang!r}; sourcetrace analyzes {', '.join(SUPPORTED_LANGS)} "
            "(use --lang to force one)",
        )
    return lang
