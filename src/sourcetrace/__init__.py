"""sourcetrace: who said what, through whom, about what, with which numbers, and when."""

from sourcetrace.analysis import analyze, analyze_article, analyze_many
from sourcetrace.errors import InputError, SourcetraceError
from sourcetrace.nlp.pipelines import pipeline
from sourcetrace.record import Record, schema, validate

__version__ = "0.1.0"
__all__ = [
    "InputError",
    "Record",
    "SourcetraceError",
    "__version__",
    "analyze",
    "analyze_article",
    "analyze_many",
    "pipeline",
    "schema",
    "validate",
]
