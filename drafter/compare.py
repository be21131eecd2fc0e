"""Compare figures between two report-years, or between this year's value and last year's kept beside it.

A change larger than the pack's ``change_warning`` share (0.5 = 50 %) is flagged: it is often a typing mistake,
and when it is real the report should say why.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.model import Answers
from drafter.pack import Pack


@dataclass(frozen=True)
class FigureChange:
    """One figure's two values and how it changed."""

    key: str
    label: str
    unit: str
    old: int | None
    new: int | None
    delta: int | None
    """new − old, when both are known."""
    relative: float | None
    """delta / old, when both are known and old is not zero."""
    warn: bool
    """True when ``|relative|`` is more than the pack's ``change_warning``."""


def is_large_change(old: int | None, new: int | None, pack: Pack) -> bool:
    """True when ``new`` differs from ``old`` by more than the pack's ``change_warning`` share of ``old``."""
    if old is None or new is None or not old:
        return False
    return abs(new - old) / old > pack.spec.change_warning


def figure_change(key: str, old: int | None, new: int | None, pack: Pack) -> FigureChange:
    """The change of figure ``key`` from ``old`` to ``new``, labelled from the pack's catalogue."""
    spec = pack.figure(key)
    label = spec.label if spec else key
    unit = spec.unit if spec else ""
    delta = new - old if old is not None and new is not None else None
    relative = delta / old if delta is not None and old else None
    warn = is_large_change(old, new, pack)
    return FigureChange(key, label, unit, old, new, delta, relative, warn)


def _ordered_keys(keys: set[str], pack: Pack) -> list[str]:
    """``keys`` in the catalogue's order, unknown keys last in alphabetical order; rates are left out."""
    ordered = [f.key for f in pack.spec.figures if f.key in keys and f.kind == "count"]
    known = {f.key for f in pack.spec.figures}
    return ordered + sorted(k for k in keys if k not in known)


def compare_answers(a: Answers, b: Answers, pack: Pack) -> list[FigureChange]:
    """Each figure present in either ``a`` (the older) or ``b`` (the newer), with its change."""
    keys = {k for k, f in a.figures.items() if f.value is not None}
    keys |= {k for k, f in b.figures.items() if f.value is not None}
    return [figure_change(k, a.figure_value(k), b.figure_value(k), pack) for k in _ordered_keys(keys, pack)]


def compare_previous(answers: Answers, pack: Pack) -> list[FigureChange]:
    """Each figure of ``answers`` compared with its own ``previous`` value (last year's)."""
    keys = {k for k, f in answers.figures.items() if f.value is not None or f.previous is not None}
    out = []
    for key in _ordered_keys(keys, pack):
        fig = answers.figures[key]
        out.append(figure_change(key, fig.previous, fig.value, pack))
    return out
