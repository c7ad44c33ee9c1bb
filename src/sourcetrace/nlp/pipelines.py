"""Loading spaCy pipelines: the bundled ones, or any installed pipeline, with sourcetrace's components added.

``pipeline("de")`` returns the bundled German pipeline (``sourcetrace/models/de_sourcetrace_news``) with the
sourcetrace components appended; ``pipeline("de", name="de_core_news_lg")`` does the same on top of a pipeline
the user has installed (a package name or a path); ``name="blank"`` runs the rules on the news tokenizer and a
punctuation sentencizer alone (fast, no tagger, parser or NER). Loaded pipelines are cached per process.
"""

from __future__ import annotations

import threading
from pathlib import Path

import spacy
from spacy.language import Language

from sourcetrace.errors import SourcetraceError
from sourcetrace.extract import factories  # noqa: F401  (registers the component factories)
from sourcetrace.extract.extensions import register_extensions

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
BUNDLED = {"de": "de_sourcetrace_news", "en": "en_sourcetrace_news"}
BLANK = "blank"  # the pipeline name for tokenizer + sentencizer only
SUPPORTED_LANGS = tuple(BUNDLED)
# Appended in this order: times first (quantities must not count dates), attribution last (it links both).
COMPONENTS = ("sourcetrace_times", "sourcetrace_quantities", "sourcetrace_attribution")

_cache: dict[tuple[str, str | None], Language] = {}
_lock = threading.Lock()


def bundled_path(lang: str) -> Path:
    return MODELS_DIR / BUNDLED[lang]


def load_base(lang: str, name: str | None = None) -> Language:
    """The spaCy pipeline without sourcetrace's components."""
    if lang not in BUNDLED:
        raise SourcetraceError(f"unsupported language {lang!r} (supported: {', '.join(SUPPORTED_LANGS)})")
    # Importing the tokenizer module registers the news tokenizer the bundled pipelines refer to.
    from sourcetrace.nlp import tokenizer  # noqa: F401

    if name is None or name == BLANK:
        path = bundled_path(lang)
        if name is None and path.is_dir() and (path / "config.cfg").exists():
            return spacy.load(path)
        nlp = spacy.blank(lang)
        nlp.tokenizer = tokenizer.news_tokenizer(nlp)
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise SourcetraceError(f"cannot load spaCy pipeline {name!r}: {exc}") from None
    if nlp.lang != lang:
        raise SourcetraceError(f"pipeline {name!r} is for language {nlp.lang!r}, not {lang!r}")
    return nlp


def add_components(nlp: Language) -> Language:
    """Append the sourcetrace components that the pipeline does not have yet."""
    register_extensions()
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            try:
                nlp.add_pipe(component)
            except ValueError as exc:  # factory not available in this installation
                if "[E002]" not in str(exc):
                    raise
    return nlp


def pipeline(lang: str = "de", name: str | None = None) -> Language:
    """The full sourcetrace pipeline for ``lang``; loading twice in a process returns the same object."""
    key = (lang, name)
    with _lock:
        if key not in _cache:
            _cache[key] = add_components(load_base(lang, name))
        return _cache[key]
