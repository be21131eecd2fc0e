"""Figures as text: formatting a value (with its unit) and reading a count typed in a form (numbers written in
prose are read by :mod:`drafter.numerals`)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from drafter.i18n import _
from drafter.locale_format import DOCUMENT_LOCALE, writes_plain_numbers
from drafter.pack import FigureSpec

GAP = "【  】"
"""What an empty figure shows as: a visible gap the clerk must fill, never a made-up number."""


def parse_count(text: str, spec: FigureSpec) -> tuple[int | None, str]:
    """The count typed in a form field (None when empty) and an error message ('' when fine)."""
    text = text.strip()
    if not text:
        return None, ""
    if text.startswith("-"):
        return None, _("A count cannot be negative.")
    if not _WHOLE.match(text):
        return None, _("Digits only: a whole number such as 12 (no letters, no decimal point).")
    value = int(text)
    if value > spec.maximum:
        return None, _("{value} is more than the plausible maximum {maximum}.").format(
            value=value, maximum=spec.maximum)
    return value, ""


@lru_cache(maxsize=1024)
def format_count(value: int, locale: str = DOCUMENT_LOCALE) -> str:
    """A whole number without grouping separators, as official documents write counts."""
    if writes_plain_numbers(locale):
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, format="0", locale=locale)


@lru_cache(maxsize=1024)
def format_percent(value: Decimal, precision: int, locale: str = DOCUMENT_LOCALE) -> str:
    """An already rounded percentage with ``precision`` decimals, as in ``93.0%``."""
    if writes_plain_numbers(locale):
        return f"{value:.{precision}f}%"
    from babel.numbers import format_decimal

    pattern = "0." + "0" * precision if precision else "0"
    return format_decimal(value, format=pattern, locale=locale) + "%"


def format_change(share: Decimal, precision: int = 1, locale: str = DOCUMENT_LOCALE) -> str:
    """A change as an already rounded, signed percentage (``+20.0%``, ``-3.5%``)."""
    sign = "+" if share > 0 else ""
    return sign + format_percent(share, precision, locale)


def with_unit(text: str, unit: str) -> str:
    """A formatted value followed by its unit, unless the value is the gap or already carries it (``%``)."""
    if text == GAP or text.endswith(unit):
        return text
    return text + unit


_WHOLE = re.compile(r"^\d+$")
