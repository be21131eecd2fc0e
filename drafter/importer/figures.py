"""Find the catalogue's figures in imported prose, through the one prose scanner of :mod:`drafter.figures`.

The text is never changed. Rates (``%``) are never stored, numbers with a leading zero (``01人次``) are left
alone, and a value beyond the catalogue's plausible maximum is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.figures import catalogue, scan
from drafter.figures.scan import CLAUSE_BREAKS
from drafter.importer.fold import simplified
from drafter.pack import Pack


@dataclass(frozen=True)
class FoundFigure:
    """A figure found in the text."""

    key: str
    value: int
    excerpt: str
    """The clause it was found in."""


def find_figures(texts: list[str], pack: Pack) -> list[FoundFigure]:
    """Every catalogue count named in ``texts``, first mention first (one value per figure)."""
    cat = catalogue(pack)
    found: dict[str, FoundFigure] = {}
    for text in texts:
        # traditional characters are read as simplified (same length, so the excerpt is cut from the text as written)
        for mention in scan(simplified(text), cat):
            spec = cat.get(mention.key) if mention.key else None
            if spec is None or spec.kind != "count" or spec.key in found:
                continue
            if mention.value != mention.value.to_integral_value() or mention.value > spec.maximum:
                continue
            clause = max(text.rfind(ch, 0, mention.start) for ch in CLAUSE_BREAKS) + 1
            found[spec.key] = FoundFigure(spec.key, int(mention.value), text[clause:mention.end])
    return list(found.values())
