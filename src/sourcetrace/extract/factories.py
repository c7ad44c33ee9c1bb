"""Importing this module registers every sourcetrace spaCy component factory (also the spaCy entry point)."""

from sourcetrace.extract.extensions import register_extensions

register_extensions()
