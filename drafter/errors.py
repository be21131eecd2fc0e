"""Typed errors: each carries the file it concerns and a message a clerk can act on.

The CLI prints ``str(error)`` and exits with code 2; the UI shows the same text inline.
No layer below the shells prints or exits by itself.
"""

from __future__ import annotations

import errno
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


class Cancelled(DrafterError):
    """The person stopped a long task (a LibreOffice run) before it finished; nothing was written."""


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language: never the C library's English (``Permission denied``)
    inside a Chinese line."""
    from drafter.i18n import _

    reasons = {
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EFBIG: _("the file would be larger than allowed"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.ENOTDIR: _("a part of the path is a file, not a folder"),
        errno.EISDIR: _("it is a folder"),
        errno.ENOENT: _("the folder does not exist"),
        errno.EBUSY: _("the file is in use"),
        errno.ETXTBSY: _("the file is in use"),
        errno.ELOOP: _("the path has too many symbolic links"),
        errno.EIO: _("the disk could not be read or written"),
    }
    code = exc.errno
    if code is not None and code in reasons:
        return reasons[code]
    return _("system error {code}").format(code=errno.errorcode.get(code, code) if code is not None else "?")
