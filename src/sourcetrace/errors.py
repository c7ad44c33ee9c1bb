"""Errors that carry a message meant for the user (printed as one line by the CLI, never a traceback)."""


class SourcetraceError(Exception):
    """A problem the user can act on: bad input, an unreachable URL, a missing pipeline."""


class InputError(SourcetraceError):
    """An input that cannot be analyzed; ``source`` names it (a path, URL, or ``file:line``)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
