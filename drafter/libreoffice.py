"""LibreOffice, run headless: the one place drafter starts it (PDF output, and reading .doc/.wps on import).

Every run gets a fresh user profile, a timeout, and drafter's font mapping: ``FONTCONFIG_FILE`` points at
``typeset/fonts.conf``, which maps the official GB/T 9704 font names the .docx carries (仿宋_GB2312, 黑体 …) to the
closest face of its kind installed from Debian packages and includes the system configuration for everything else.
Failures become one :class:`~drafter.errors.DrafterError` line of the kind the caller asks for. A run can be
cancelled from another thread (the editor's Esc while it reads a .doc): LibreOffice and every process it started are
stopped, and :class:`~drafter.errors.Cancelled` is raised.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from drafter.errors import Cancelled, DrafterError, OutputError, os_reason
from drafter.i18n import _
from drafter.locations import PACKAGE_DIR

FONTS_CONF = PACKAGE_DIR / "typeset" / "fonts.conf"
"""drafter's fontconfig file: official GB/T 9704 font names → installed serif, heiti and kaiti faces."""

TIMEOUT_SECONDS = 180.0
"""How long one LibreOffice run may take before it is stopped."""

_POLL_SECONDS = 0.1
"""How often a running LibreOffice is checked for being cancelled or out of time."""


SOFFICE_VARIABLE = "DRAFTER_SOFFICE"
"""The environment variable that names LibreOffice's program when it is neither on PATH nor in a usual folder."""

INSTALL_FOLDERS: tuple[str, ...] = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
"""Where LibreOffice's installers put its program on Windows and macOS, where it is rarely on PATH."""


def soffice() -> str | None:
    """LibreOffice's command, or None when it is not installed.

    ``DRAFTER_SOFFICE`` when it is set (None when it names no file), else ``soffice`` or ``libreoffice`` on PATH,
    else the first of :data:`INSTALL_FOLDERS` (and the same under ``%ProgramFiles%``) that exists."""
    named = os.environ.get(SOFFICE_VARIABLE)
    if named:
        return named if Path(named).is_file() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(path) for path in _install_candidates() if path.is_file()), None)


def _install_candidates() -> list[Path]:
    """:data:`INSTALL_FOLDERS`, then LibreOffice under the Program Files folders Windows names in its environment
    (on a machine whose system drive is not C:)."""
    candidates = [Path(path) for path in INSTALL_FOLDERS]
    for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        folder = os.environ.get(variable)
        if folder:
            candidates.append(Path(folder) / "LibreOffice" / "program" / "soffice.exe")
    return candidates


def font_environment() -> dict[str, str]:
    """The environment a LibreOffice run gets: this process's, with drafter's font mapping."""
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def convert(
    sources: Sequence[Path],
    fmt: str,
    outdir: Path,
    timeout: float = TIMEOUT_SECONDS,
    error: type[DrafterError] = OutputError,
    cancel: threading.Event | None = None,
) -> list[Path]:
    """Convert ``sources`` with one headless LibreOffice run into ``outdir``; return the files it wrote, in order.

    ``fmt`` is LibreOffice's ``--convert-to`` target (``pdf``, ``docx`` …). Raises ``error`` with one line when
    LibreOffice is missing, fails, times out or writes nothing for a source, and :class:`Cancelled` when ``cancel``
    is set before it finishes (LibreOffice is stopped at once).
    """
    exe = soffice()
    if exe is None and os.environ.get(SOFFICE_VARIABLE):
        raise error(_("DRAFTER_SOFFICE names {path}, which is not a file").format(path=os.environ[SOFFICE_VARIABLE]),
                    sources[0])
    if exe is None:
        raise error(_("LibreOffice is needed for this and is not installed (install libreoffice-writer)"), sources[0])
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as work:
        profile = Path(work) / "profile"
        command = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *(str(source) for source in sources),
        ]
        try:
            returncode = _run(command, timeout, cancel)
        except subprocess.TimeoutExpired:
            raise error(
                _("LibreOffice did not finish within {seconds} seconds").format(seconds=int(timeout)), sources[0]
            ) from None
        except OSError as exc:
            raise error(_("LibreOffice could not be started ({reason})").format(reason=os_reason(exc)),
                        sources[0]) from None
    made = [outdir / f"{source.stem}.{fmt.split(':')[0]}" for source in sources]
    for source, path in zip(sources, made, strict=True):
        if returncode != 0 or not path.is_file() or path.stat().st_size == 0:
            # LibreOffice's own output is English and rarely says why; the clerk gets our words and its exit code
            reason = (_("exit code {code}").format(code=returncode) if returncode
                      else _("it wrote no file; is the file damaged or password-protected?"))
            raise error(_("LibreOffice could not convert it ({reason})").format(reason=reason), source)
    return made


def _run(command: list[str], timeout: float, cancel: threading.Event | None) -> int:
    """Run ``command`` in a process group of its own; its exit code. The whole group is stopped when ``cancel`` is
    set (:class:`Cancelled`) or ``timeout`` seconds pass (:class:`subprocess.TimeoutExpired`)."""
    if cancel is not None and cancel.is_set():
        raise Cancelled(_("cancelled"))
    process = subprocess.Popen(  # LibreOffice's own output is English and never shown: see convert
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=font_environment(),
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                return process.wait(_POLL_SECONDS)
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    raise Cancelled(_("cancelled")) from None
                if time.monotonic() > deadline:
                    raise subprocess.TimeoutExpired(command, timeout) from None
    finally:
        if process.poll() is None:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop ``process`` and every process it started (soffice starts soffice.bin)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups; LibreOffice's launcher takes its child with it
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()
