"""Typed errors: each carries the file it concerns and a message a clerk can act on.

The CLI prints ``str(error)`` and exits with code 2; the UI shows the same text inline.
No layer below the shells prints or exits by itself.
"""

from __future__ import annotations

from pathlib import Path


class DrafterError(Exception):
    """Base class for every error drafter reports to a person instead of a traceback."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class InputError(DrafterError):
    """A file the user gave cannot be read or is not what it should be."""


class PackError(DrafterError):
    """A template pack is malformed (syntax error, unknown variable, bad value)."""


class OutputError(DrafterError):
    """The output location cannot be written."""
