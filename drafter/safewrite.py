"""Writing a file without ever losing one: the atomic write (old or new version, never half of one) and the
guard that refuses an output that would replace the command's own input, a device, or a file of another kind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from drafter.errors import OutputError, os_reason
from drafter.i18n import _


def refuse_unwritable(path: Path) -> None:
    """Refuse an output location that exists and is not a regular file: a folder, a device, a pipe, a socket.

    Writing renames a new file over the target, which would replace a device such as ``/dev/null`` by a file.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except ValueError:  # a NUL byte, which no file name can hold
        raise OutputError(_("is not a possible file name"), path) from None
    except OSError as exc:
        raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)), path) from None
    if stat.S_ISDIR(mode):
        raise OutputError(_("is a folder, not a file"), path)
    if not stat.S_ISREG(mode):
        raise OutputError(_("is not a regular file (a device, a pipe or a socket); give a file name instead"), path)


def guard_output(
    path: Path,
    inputs: Iterable[Path | None] = (),
    force: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Refuse to write ``path`` when that would lose something.

    Always refused: an output that is one of ``inputs`` (the files the command reads), or a location that is not a
    regular file. An existing file is refused unless ``force`` is given or ``replaceable`` accepts it (without
    ``replaceable`` every existing file is refused): that is how an earlier report is replaced silently while an
    answers file given by mistake is kept.
    """
    refuse_unwritable(path)
    if not path.exists():
        return
    for source in inputs:
        if source is not None and _same_file(path, source):
            raise OutputError(_("is also the input of this command; give the output another name"), path)
    if force or (replaceable is not None and replaceable(path)):
        return
    if replaceable is None:
        raise OutputError(_("already exists; use --force to replace it"), path)
    raise OutputError(
        _("already exists and is not a Word or PDF document; give another name, or use --force to replace it"), path
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is always either the old or the new version.

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed over the target.
    A target that exists and is not a regular file (a folder, ``/dev/null``) is refused.
    """
    refuse_unwritable(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)), path) from None
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)), path) from None
    _fsync_dir(folder)


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: the replaced file's, or the default for new files (umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
