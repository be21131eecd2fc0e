"""Find the catalogue's figures in imported prose: ``number + unit`` after one of the figure's alias phrases.

The text is never changed. Rates (``%``) are never stored, numbers with a leading zero (``01人次``) are left
alone, and a value beyond the catalogue's plausible maximum is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.importer.fold import simplified
from drafter.pack import FigureSpec, Pack

_CLAUSE_BREAKS = "，。；;！？!?,、：:（）()\n"


@dataclass(frozen=True)
class FoundFigure:
    """A figure found in the text."""

    key: str
    value: int
    excerpt: str
    """The clause it was found in."""


@lru_cache(maxsize=8)
def _number_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"(?<![\d.．])(\d+)(?![\d.．])\s*(?:余|多)?\s*({alternatives})")


def _candidates(pack: Pack) -> dict[str, list[FigureSpec]]:
    by_unit: dict[str, list[FigureSpec]] = {}
    for spec in pack.spec.figures:
        if spec.kind == "count" and spec.unit not in ("%", "％"):
            by_unit.setdefault(spec.unit, []).append(spec)
    return by_unit


def find_figures(texts: list[str], pack: Pack) -> list[FoundFigure]:
    """Every catalogue figure named in ``texts``, first mention first (one value per figure)."""
    by_unit = _candidates(pack)
    if not by_unit:
        return []
    pattern = _number_pattern(tuple(by_unit))
    found: dict[str, FoundFigure] = {}
    for text in texts:
        folded = simplified(text)  # traditional characters read as simplified; the excerpt is kept as written
        for match in pattern.finditer(folded):
            digits, unit = match.group(1), match.group(2)
            if len(digits) > 1 and digits.startswith("0"):
                continue
            start = match.start()
            clause_start = max(text.rfind(ch, 0, start) for ch in _CLAUSE_BREAKS) + 1
            clause = folded[clause_start:start]
            best: tuple[int, int, FigureSpec] | None = None
            for spec in by_unit.get(unit, []):
                for alias in spec.aliases:
                    at = clause.rfind(alias)
                    if at < 0:
                        continue
                    rank = (at + len(alias), len(alias))
                    if best is None or rank > best[:2]:
                        best = (*rank, spec)
            if best is None:
                continue
            spec = best[2]
            value = int(digits)
            if spec.key in found or value > spec.maximum:
                continue
            found[spec.key] = FoundFigure(spec.key, value, text[clause_start:match.end()])
    return list(found.values())
