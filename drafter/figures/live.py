"""Live figures in prose: a reference to a catalogue figure stored in the text, rendered with its current value.

The answers file stores a live figure as ``[[fig:<key>]]`` (plain, readable JSON text). Nothing else in the
clerk's text has meaning: it is never evaluated as a template, so ``{{`` or ``{%`` typed stays literal.

In the editor a live figure shows as ``⟦<label>=<value>⟧`` — visibly marked, with the current value. Typing
``⟦<label>⟧`` or ``[[<label>]]`` (or the stored form) makes a live figure; a broken marker is literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.figures.catalogue import Catalogue
from drafter.figures.values import Values
from drafter.migrations import ESCAPED_REFERENCE as _ESCAPED

REFERENCE = re.compile(r"\[\[fig:([a-z][a-z0-9_]*)\]\]")
"""A live figure as stored: ``[[fig:disputes_investigated]]``."""
_SHOWN = re.compile(r"⟦([^⟦⟧=\n]+)(?:=[^⟦⟧\n]*)?⟧|\[\[(?!fig:)([^\[\]=\n]+)\]\]")
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def reference(key: str) -> str:
    """The stored form of a live figure."""
    return f"[[fig:{key}]]"


def references(text: str) -> list[str]:
    """The keys of the live figures in stored ``text``, in order."""
    return REFERENCE.findall(text)


def has_references(text: str) -> bool:
    """True when stored ``text`` holds a live figure."""
    return "[[fig:" in text and REFERENCE.search(text) is not None


def render(text: str, values: Values) -> str:
    """Stored ``text`` with every live figure replaced by its current value (the gap when not typed)."""
    if "[[fig" not in text:
        return text
    out = REFERENCE.sub(lambda m: values.text(m.group(1)) if values.catalogue.get(m.group(1)) else m.group(0),
                        text)
    return out.replace(_ESCAPED, "[[fig:")


@dataclass(frozen=True)
class Rendered:
    """Stored text rendered, with where each live figure landed (to map a span back to the stored text)."""

    stored: str
    text: str
    live: tuple[tuple[int, int, int], ...]
    """For each live figure: its start and end in :attr:`text`, and how much longer the stored form is."""

    def to_stored(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored span of the rendered span ``start:end``; None when it touches a live figure."""
        shift = 0
        for r_start, r_end, longer in self.live:
            if r_start >= end:
                break
            if r_end > start:
                return None
            shift += longer
        return start + shift, end + shift


def rendered(stored: str, values: Values) -> Rendered:
    """``stored`` rendered as :func:`render` does, keeping where its live figures are."""
    if "[[fig" not in stored:
        return Rendered(stored, stored, ())
    parts: list[str] = []
    live: list[tuple[int, int, int]] = []
    at = length = 0
    for m in REFERENCE.finditer(stored):
        if values.catalogue.get(m.group(1)) is None:
            continue
        parts.append(stored[at:m.start()])
        length += m.start() - at
        value = values.text(m.group(1))
        live.append((length, length + len(value), len(m.group(0)) - len(value)))
        parts.append(value)
        length += len(value)
        at = m.end()
    parts.append(stored[at:])
    return Rendered(stored, "".join(parts), tuple(live))


def to_editor(text: str, values: Values) -> str:
    """Stored ``text`` as the editor shows it: each live figure as ``⟦label=value⟧``."""
    if "[[fig" not in text:
        return text

    def shown(m: re.Match[str]) -> str:
        spec = values.catalogue.get(m.group(1))
        if spec is None:
            return m.group(0)
        return f"{MARK_OPEN}{spec.label}={values.text(spec.key)}{MARK_CLOSE}"

    return REFERENCE.sub(shown, text)


def from_editor(text: str, cat: Catalogue) -> str:
    """Editor ``text`` back to the stored form: each ``⟦label…⟧`` or ``[[label]]`` naming a figure is live again."""
    if MARK_OPEN not in text and "[[" not in text:
        return text

    def stored(m: re.Match[str]) -> str:
        spec = cat.by_label(m.group(1) or m.group(2))
        return reference(spec.key) if spec is not None else m.group(0)

    return _SHOWN.sub(stored, text)


_SHOWN_VALUE = re.compile(f"{re.escape(MARK_OPEN)}[^={re.escape(MARK_CLOSE)}]*=([^{re.escape(MARK_CLOSE)}]*)"
                          f"{re.escape(MARK_CLOSE)}")


def find_printed(shown: str, excerpt: str) -> int:
    """Where ``excerpt`` — text as the document prints it, such as a finding's — starts in the editor's ``shown``
    text, where live figures stand as ``⟦label=value⟧``; -1 when it is not there."""
    printed: list[str] = []
    where: list[int] = []  # the editor column of each printed character
    pos = 0
    for m in [*_SHOWN_VALUE.finditer(shown), None]:
        end = m.start() if m is not None else len(shown)
        printed.append(shown[pos:end])
        where.extend(range(pos, end))
        if m is not None:
            printed.append(m.group(1))
            where.extend(range(m.start(1), m.end(1)))
            pos = m.end()
    at = "".join(printed).find(excerpt)
    if at < 0:
        return -1
    return where[at] if at < len(where) else len(shown)
