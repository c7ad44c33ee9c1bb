"""Errors of the corpus store."""

from sourcetrace.errors import SourcetraceError


class StoreError(SourcetraceError):
    """The store cannot be opened or used as asked."""


class StoreLockedError(StoreError):
    """Another writer holds the database file."""
