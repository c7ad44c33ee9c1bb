"""The sourcetrace extractors, each a spaCy pipeline component that sets one ``Doc._`` extension."""

from sourcetrace.extract.extensions import register_extensions

register_extensions()
