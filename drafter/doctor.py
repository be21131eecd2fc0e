"""What this machine will print with, and what is missing: the facts behind ``drafter doctor``.

Fonts: every official font name the built-in packs' ``style.toml`` declare, resolved as drafter's own LibreOffice
runs resolve it (``fc-match`` in :func:`drafter.libreoffice.font_environment`, i.e. with drafter's fonts.conf) and
classified by :mod:`drafter.typeset.faces` (real face, substitute of its kind, wrong kind). On Windows and macOS,
where LibreOffice takes the system's fonts and there is no fontconfig, the system font folders are searched for the
official faces' files instead. LibreOffice (found where drafter looks for it, its version), the workspace folder
(writable or not) and, for developers, Chromium. The command (:mod:`drafter.commands.doctor`) words it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import os_reason
from drafter.i18n import _
from drafter.libreoffice import SOFFICE_VARIABLE, font_environment, soffice
from drafter.pack import Pack
from drafter.typeset.faces import Faces, Verdict, faces

TOOL_SECONDS = 30.0
"""How long ``fc-match`` or a ``--version`` run may take."""

LIBREOFFICE_PACKAGES = ("libreoffice-writer",)
"""The Debian (and 麒麟/统信 UOS) package that brings LibreOffice Writer."""

FONTCONFIG_PACKAGES = ("fontconfig",)
"""The Debian package of ``fc-match``."""

CHROMIUM_PACKAGES = ("chromium",)
"""The Debian package of the browser the browser tests drive."""

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass(frozen=True)
class FontCheck:
    """One official font name and the face this machine prints it with."""

    name: str
    roles: tuple[str, ...]
    """The roles of the packs' ``[fonts]`` that name it (title, body …)."""
    kind: str
    """The kind of face it needs (faces.toml: song, fangsong, hei, kai, latin)."""
    verdict: Verdict
    face: str = ""
    """The face it prints with (family and style), or the font file found; empty when missing."""
    file: str = ""

    @property
    def ok(self) -> bool:
        return self.verdict in (Verdict.REAL, Verdict.SUBSTITUTE)


@dataclass(frozen=True)
class ToolCheck:
    """A program drafter runs: where it was found and its version."""

    path: str = ""
    version: str = ""
    named: str = ""
    """What ``DRAFTER_SOFFICE`` names, when it is set (LibreOffice only)."""

    @property
    def ok(self) -> bool:
        return bool(self.path)


@dataclass(frozen=True)
class WorkspaceCheck:
    """The clerk's workspace folder."""

    path: Path
    exists: bool
    writable: bool
    reason: str = ""
    """Why it cannot be written, when it cannot."""

    @property
    def ok(self) -> bool:
        return self.writable


@dataclass(frozen=True)
class Diagnosis:
    """Everything ``drafter doctor`` reports."""

    fonts: list[FontCheck]
    fontconfig: str
    """``fc-match``'s path when fonts were resolved through fontconfig; empty when the font folders were searched."""
    libreoffice: ToolCheck
    workspace: WorkspaceCheck
    chromium: ToolCheck | None = None
    """Only when asked for (``--dev``): the browser tests' Chromium."""
    font_folders: list[Path] = field(default_factory=list)
    """The folders searched for font files when there is no fontconfig."""
    fontconfig_missing: bool = False
    """Where LibreOffice takes its fonts from fontconfig (Linux) but ``fc-match`` is not installed to ask it."""

    @property
    def ok(self) -> bool:
        """Whether everything the main job needs is here: faces of the right kind, LibreOffice, a workspace."""
        return all(font.ok for font in self.fonts) and self.libreoffice.ok and self.workspace.ok


def official_fonts(packs: Iterable[Pack]) -> dict[str, tuple[str, ...]]:
    """Every official font name the packs' ``style.toml`` declare, in the packs' order, with the roles naming it."""
    found: dict[str, tuple[str, ...]] = {}
    for pack in packs:
        fonts = pack.style.fonts
        for role in type(fonts).model_fields:
            name = getattr(fonts, role)
            if isinstance(name, str) and role not in found.get(name, ()):
                found[name] = (*found.get(name, ()), role)
    return found


def fc_match_program() -> str | None:
    """``fc-match`` where LibreOffice takes its fonts from fontconfig (not on Windows or macOS), else None."""
    if sys.platform in ("win32", "darwin"):
        return None
    return shutil.which("fc-match")


Face = tuple[list[str], str, str]
"""A face as fontconfig describes it: its family names (every language's), its style and its file."""

_SEPARATOR = "\x1f"
_FORMAT = _SEPARATOR.join(("%{family}", "%{style[0]}", "%{file}")) + "\n"


def _faces(command: list[str]) -> list[Face]:
    """The faces a fontconfig tool prints in :data:`_FORMAT`, under drafter's font mapping."""
    result = subprocess.run(command, capture_output=True, text=True, env=font_environment(), timeout=TOOL_SECONDS,
                            check=False)
    if result.returncode != 0:
        return []
    faces = []
    for line in result.stdout.splitlines():
        parts = line.split(_SEPARATOR)
        if len(parts) == 3:
            families, style, path = parts
            faces.append(([family for family in families.split(",") if family], style, path))
    return faces


def match_font(name: str, fc_match: str) -> Face | None:
    """The face LibreOffice prints ``name`` with: the one ``fc-match`` gives it through drafter's fonts.conf (a face
    installed under the official name comes first there, then the substitutes fonts.conf lists)."""
    matched = _faces([fc_match, "--format", _FORMAT, name])
    return matched[0] if matched else None


def font_folders() -> list[Path]:
    """The system's font folders (searched for the official faces' files where there is no fontconfig)."""
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        return [windows / "Fonts", *([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else [])]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts"]


def font_files(folders: Iterable[Path]) -> dict[str, Path]:
    """Every font file under ``folders``, by its name in lower case."""
    files: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in (".ttf", ".ttc", ".otf") and path.is_file():
                files.setdefault(path.name.lower(), path)
    return files


def check_fonts_with_fontconfig(official: dict[str, tuple[str, ...]], fc_match: str,
                                table: Faces | None = None) -> list[FontCheck]:
    """Each official name, the face fontconfig gives it under drafter's mapping, and how good that face is."""
    table = table or faces()
    checks = []
    for name, roles in official.items():
        families, style, path = match_font(name, fc_match) or ([], "", "")
        kind = table.roles[roles[0]]
        verdict = min((table.classify(name, role, families) for role in roles), key=_VERDICTS.index) \
            if families else Verdict.MISSING
        face = f"{families[0]} {style}".strip() if families else ""
        checks.append(FontCheck(name, roles, kind, verdict, face, path))
    return checks


_VERDICTS = [Verdict.MISSING, Verdict.WRONG, Verdict.SUBSTITUTE, Verdict.REAL]
"""Verdicts from worst to best: a name used in two roles is as good as its worse one."""


def check_fonts_in_folders(official: dict[str, tuple[str, ...]], folders: Iterable[Path],
                           fallbacks: dict[str, str] | None = None, table: Faces | None = None) -> list[FontCheck]:
    """Each official name, looked for among the font files of ``folders`` (no fontconfig: Windows, macOS).

    Real when one of its own files is there; a substitute when the pack's fallback for it (Word uses it where the
    name is missing) is there, or a file whose name is of its kind (``Songti.ttc`` for 宋体); missing otherwise."""
    table = table or faces()
    files = font_files(folders)
    checks = []
    for name, roles in official.items():
        kind = table.kind_of(roles[0])
        own = _first(files, table.file_names(name))
        fallback = (fallbacks or {}).get(name)
        alternative = _first(files, table.file_names(fallback)) if fallback else None
        if own is not None:
            checks.append(FontCheck(name, roles, kind.key, Verdict.REAL, name, str(own)))
        elif alternative is not None and fallback:
            checks.append(FontCheck(name, roles, kind.key, Verdict.SUBSTITUTE, fallback, str(alternative)))
        else:
            similar = next((path for path in files.values() if kind.accepts(path.stem)), None)
            if similar is not None:
                checks.append(FontCheck(name, roles, kind.key, Verdict.SUBSTITUTE, similar.stem, str(similar)))
            else:
                checks.append(FontCheck(name, roles, kind.key, Verdict.MISSING))
    return checks


def _first(files: dict[str, Path], names: Iterable[str]) -> Path | None:
    return next((files[name.lower()] for name in names if name.lower() in files), None)


def _version(program: str, *args: str) -> str:
    """The first line ``program --version`` prints, or empty when it prints none."""
    try:
        result = subprocess.run([program, *args, "--version"], capture_output=True, text=True,
                                timeout=TOOL_SECONDS, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return next((line.strip() for line in result.stdout.splitlines() if line.strip()), "")


def check_libreoffice() -> ToolCheck:
    """LibreOffice as drafter finds it (:func:`drafter.libreoffice.soffice`), with its version."""
    path = soffice()
    named = os.environ.get(SOFFICE_VARIABLE, "")
    if path is None:
        return ToolCheck(named=named)
    with tempfile.TemporaryDirectory(prefix="drafter-doctor-") as profile:  # never the clerk's own profile
        version = _version(path, f"-env:UserInstallation={Path(profile).as_uri()}")
    return ToolCheck(path, version, named)


def check_chromium() -> ToolCheck:
    """The Chromium the browser tests drive (Debian's ``chromium``), with its version."""
    path = next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)
    return ToolCheck(path, _version(path)) if path else ToolCheck()


def check_workspace(folder: Path) -> WorkspaceCheck:
    """Whether drafter can write into ``folder`` (or create it, when it does not exist yet)."""
    if folder.exists() and not folder.is_dir():
        return WorkspaceCheck(folder, True, False, _("is a file, not a folder"))
    if not folder.exists():
        parent = next((p for p in folder.parents if p.exists()), None)
        if parent is None or not parent.is_dir():
            return WorkspaceCheck(folder, False, False, _("a part of the path is a file, not a folder"))
        writable = os.access(parent, os.W_OK | os.X_OK)
        return WorkspaceCheck(folder, False, writable, "" if writable else _("permission denied"))
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return WorkspaceCheck(folder, True, False, os_reason(exc))
    return WorkspaceCheck(folder, True, True)


def diagnose(workspace: Path, dev: bool = False, packs: Iterable[Pack] | None = None) -> Diagnosis:
    """Everything ``drafter doctor`` reports, for the built-in packs (or ``packs``)."""
    if packs is None:
        from drafter.importer.which import builtin_packs

        packs = builtin_packs()
    packs = list(packs)
    official = official_fonts(packs)
    fc_match = fc_match_program()
    folders: list[Path] = []
    if fc_match is not None:
        fonts = check_fonts_with_fontconfig(official, fc_match)
    else:
        folders = font_folders()
        fallbacks = {name: alt for pack in packs for name, alt in pack.style.fonts.fallbacks.items()}
        fonts = check_fonts_in_folders(official, folders, fallbacks)
    return Diagnosis(fonts, fc_match or "", check_libreoffice(), check_workspace(workspace),
                     check_chromium() if dev else None, folders,
                     fontconfig_missing=fc_match is None and sys.platform not in ("win32", "darwin"))
