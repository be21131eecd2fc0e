"""Which installed faces print each official font name acceptably, read from ``faces.toml`` (beside fonts.conf).

``drafter doctor`` classifies the face this machine prints with by it, and the PDF tests check the faces LibreOffice
embedded by it; nothing else holds a list of acceptable faces.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FACES_TOML = Path(__file__).resolve().parent / "faces.toml"
"""The data: which kind of face each role needs, each kind's substitutes and install hints, Windows file names."""


class Verdict(enum.StrEnum):
    """How well a face stands in for an official font name."""

    REAL = "real"
    """The official face itself."""
    SUBSTITUTE = "substitute"
    """A face of the same kind (a Song serif for 仿宋, a face with Times New Roman's metrics for Latin text)."""
    WRONG = "wrong"
    """A face of another kind: a sans face for 仿宋, digits of another width for Times New Roman."""
    MISSING = "missing"
    """No face at all (only where there is no fontconfig to pick a fallback: Windows, macOS)."""


def squeeze(name: str) -> str:
    """A face's name as the patterns read it: spaces removed (``Noto Serif CJK SC`` and ``NotoSerifCJKsc`` alike)."""
    return "".join(name.split())


@dataclass(frozen=True)
class Kind:
    """A kind of face an official name needs (``song``, ``fangsong``, ``hei``, ``kai``, ``latin``)."""

    key: str
    substitutes: tuple[str, ...]
    """Regular expressions (matched ignoring case against a squeezed name) of faces that stand in well."""
    install: dict[str, tuple[str, ...]]
    """What to install where the kind is missing: ``debian`` and ``uos`` packages, ``windows`` font names."""

    def accepts(self, face: str) -> bool:
        """Whether ``face`` (a family from fontconfig or a font name from a PDF) is of this kind."""
        name = squeeze(face)
        return any(re.search(pattern, name, re.IGNORECASE) for pattern in self.substitutes)


@dataclass(frozen=True)
class Faces:
    """The contents of ``faces.toml``."""

    roles: dict[str, str]
    """Role of a pack's ``[fonts]`` (title, body …) → the key of the kind it needs."""
    kinds: dict[str, Kind]
    files: dict[str, tuple[str, ...]]
    """Official name → the file names it is installed under on Windows and macOS."""

    def kind_of(self, role: str) -> Kind:
        """The kind of face ``role`` needs."""
        return self.kinds[self.roles[role]]

    def classify(self, official: str, role: str, families: Iterable[str]) -> Verdict:
        """How the face with these family names (all its names, as fontconfig lists them) stands in for
        ``official`` used as ``role``."""
        names = [squeeze(family).casefold() for family in families]
        if squeeze(official).casefold() in names:
            return Verdict.REAL
        if any(self.kind_of(role).accepts(family) for family in names):
            return Verdict.SUBSTITUTE
        return Verdict.WRONG

    def file_names(self, official: str) -> tuple[str, ...]:
        """The file names ``official`` is installed under (its own name as a .ttf, .ttc or .otf among them)."""
        own = tuple(f"{official}{suffix}" for suffix in (".ttf", ".ttc", ".otf"))
        return self.files.get(official, ()) + own


@functools.cache
def faces() -> Faces:
    """The acceptable faces of every role, read from ``faces.toml`` once."""
    import tomllib

    data = tomllib.loads(FACES_TOML.read_text(encoding="utf-8"))
    kinds = {
        key: Kind(key, tuple(kind["substitutes"]), {where: tuple(what) for where, what in kind["install"].items()})
        for key, kind in data["kinds"].items()
    }
    files = {name: tuple(names) for name, names in data["files"].items()}
    return Faces(dict(data["roles"]), kinds, files)
