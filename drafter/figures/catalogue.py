"""The figure catalogue of a pack: keys, labels, units, the cue words that name a figure in prose, derived rates
and their precision, and the rounding rule declared in the pack's style."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from drafter.cache import Cache
from drafter.pack import FigureSpec, Pack

Rounding = Literal["half-up", "half-even"]


@dataclass(frozen=True, eq=False)
class Catalogue:
    """What a pack says about its figures, resolved once."""

    specs: tuple[FigureSpec, ...]
    rounding: Rounding
    """The one rounding rule of the pack (default half-up: 四舍五入)."""
    default_precision: int
    count_units: tuple[str, ...]
    """Units a count is written with (the pack's terms and the catalogue's own), longest first."""
    rate_words: tuple[str, ...]
    """Words that name a rate in prose (成功率, 办结率 …), longest first."""
    approximate: tuple[str, ...]
    """Words that make a count approximate (余, 多, 约 …)."""

    by_key: MappingProxyType[str, FigureSpec]

    def get(self, key: str) -> FigureSpec | None:
        """The entry of ``key``, or None."""
        return self.by_key.get(key)

    def counts(self) -> list[FigureSpec]:
        """The figures the clerk types."""
        return [s for s in self.specs if s.kind == "count"]

    def rates(self) -> list[FigureSpec]:
        """The figures derived from two counts."""
        return [s for s in self.specs if s.kind == "rate"]

    def precision(self, spec: FigureSpec) -> int:
        """Digits after the decimal point of the rate ``spec``."""
        return spec.precision if spec.precision is not None else self.default_precision

    def cue_words(self, spec: FigureSpec) -> tuple[str, ...]:
        """Phrases naming ``spec`` in prose: its aliases and its label."""
        words = [*spec.aliases, spec.label]
        return tuple(dict.fromkeys(w for w in words if w))

    def by_label(self, label: str) -> FigureSpec | None:
        """The entry whose label (or key) is ``label``."""
        label = label.strip()
        return next((s for s in self.specs if label in (s.label, s.key)), None)


_CATALOGUES: Cache[Catalogue] = Cache()


def catalogue(pack: Pack) -> Catalogue:
    """The catalogue of ``pack`` (built on first use, then kept while the pack is unchanged)."""
    return _CATALOGUES.get(pack.identity, lambda: _build(pack))


def _build(pack: Pack) -> Catalogue:
    terms = pack.terms
    units = {*terms.count_units, *(s.unit for s in pack.spec.figures if s.kind != "rate")}
    rate_words = set(terms.rate_words)
    for spec in pack.spec.figures:
        if spec.kind == "rate":
            rate_words.update(a for a in (*spec.aliases, spec.label) if a.endswith("率"))
    result = Catalogue(
        specs=tuple(pack.spec.figures),
        by_key=MappingProxyType({s.key: s for s in pack.spec.figures}),
        rounding=pack.style.rounding,
        default_precision=pack.style.rate_precision,
        count_units=tuple(sorted((u for u in units if u and u not in ("%", "％")), key=len, reverse=True)),
        rate_words=tuple(sorted(rate_words, key=len, reverse=True)),
        approximate=tuple(terms.approximate_markers),
    )
    return result
