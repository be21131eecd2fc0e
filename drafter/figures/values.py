"""Figure values: typed counts, rates derived from them, and the ONE rounding rule every view and check uses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from drafter.figures.catalogue import Catalogue, Rounding, catalogue
from drafter.figures.text import GAP, format_change, format_count, format_percent
from drafter.model import Answers
from drafter.pack import Pack
from drafter.tables import computed, is_known

_MODES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN}


def round_to(value: Decimal, precision: int, rounding: Rounding = "half-up") -> Decimal:
    """``value`` rounded to ``precision`` decimals by the pack's rule (half-up: 四舍五入, 6.25 → 6.3)."""
    return value.quantize(Decimal(1).scaleb(-precision), rounding=_MODES[rounding])


def rate(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    """``numerator / denominator`` as an exact percentage, or None when it cannot be computed."""
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) * 100 / Decimal(denominator)


def rate_text(numerator: int | Decimal | None, denominator: int | Decimal | None, precision: int,
              rounding: Rounding = "half-up") -> str | None:
    """The rate of two counts as a document prints it (``6.3%``), or None when it cannot be computed."""
    value = rate(numerator, denominator)
    return None if value is None else format_percent(round_to(value, precision, rounding), precision)


def change_text(old: int | None, new: int | None, rounding: Rounding = "half-up") -> str | None:
    """The change from ``old`` to ``new`` as a signed percentage of ``old`` rounded to one decimal by the one
    rule (``+20.0%``), or None when it cannot be computed."""
    if old is None or new is None:
        return None
    share = rate(new - old, old)
    return None if share is None else format_change(round_to(share, 1, rounding), 1)


def states_rate(stated: Decimal, numerator: int | Decimal, denominator: int | Decimal,
                rounding: Rounding = "half-up") -> bool:
    """True when ``stated`` (as written, with its own decimals) is the rate rounded by the one rule."""
    exact = rate(numerator, denominator)
    if exact is None:
        return False
    places = max(0, -int(stated.as_tuple().exponent))
    return round_to(exact, places, rounding) == stated


@dataclass(frozen=True)
class Values:
    """The figures of one report: typed counts and every rate derived from them."""

    catalogue: Catalogue
    counts: dict[str, int]

    def value(self, key: str) -> Decimal | None:
        """The value of ``key``: the typed count, or the rate (rounded by the one rule); None when unknown."""
        spec = self.catalogue.get(key)
        if spec is None:
            return None
        if spec.kind == "rate":
            exact = rate(self.counts.get(spec.numerator or ""), self.counts.get(spec.denominator or ""))
            if exact is None:
                return None
            return round_to(exact, self.catalogue.precision(spec), self.catalogue.rounding)
        count = self.counts.get(key)
        return None if count is None else Decimal(count)

    def text(self, key: str) -> str:
        """The value as the document prints it (``152``, ``6.3%``), or :data:`GAP` when it is not known yet."""
        spec = self.catalogue.get(key)
        value = self.value(key)
        if spec is None or value is None:
            return GAP
        if spec.kind == "rate":
            return format_percent(value, self.catalogue.precision(spec))
        return format_count(int(value))

    def texts(self) -> dict[str, str]:
        """Every catalogue figure as :meth:`text` prints it."""
        return {spec.key: self.text(spec.key) for spec in self.catalogue.specs}


def values_of(answers: Answers | None, pack: Pack) -> Values:
    """The figures of ``answers`` (none typed when ``answers`` is None)."""
    counts: dict[str, int] = {}
    if answers is not None:
        counts = {k: f.value for k, f in answers.figures.items() if f.value is not None}
        counts.update(_cell_counts(answers, pack))
    return Values(catalogue(pack), counts)


def _cell_counts(answers: Answers, pack: Pack) -> dict[str, int]:
    """Cell figures (``kind = "cell"``) read from the answers' tables, derived cells computed."""
    cells = [f for f in pack.spec.figures if f.kind == "cell"]
    if not cells:
        return {}
    out: dict[str, int] = {}
    tables: dict[str, dict[tuple[str, str], int | Decimal]] = {}  # each table computed once, however many figures
    for spec in cells:
        table_key, row, column = spec.cell.split(".")
        table = pack.table(table_key)
        data = answers.tables.get(table_key)
        if table is None or data is None or not is_known(table, data.cells, (row, column)):
            continue  # nothing typed that it is counted from: unknown, not 0
        if table_key not in tables:
            tables[table_key] = computed(table, data.cells)
        value = tables[table_key].get((row, column))
        if value is not None and value == int(value):
            out[spec.key] = int(value)
    return out
