"""Dates and numbers formatted with babel: the document always in its pack's language, the UI in the user's.

babel is imported, and its locale data loaded, only when a number or a date that needs it is formatted: the
locale data alone cost a fifth of a cold ``drafter render``, which formats nothing but the date.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

DOCUMENT_LOCALE = "zh_CN"
_GBT9704_LOCALES = frozenset({"zh", "zh_CN", "zh_Hans", "zh_Hans_CN"})
"""Chinese as GB/T 9704 writes it; other document languages go through babel."""


def format_document_date(date: dt.date, locale: str = DOCUMENT_LOCALE) -> str:
    """A date as GB/T 9704 prints it: Arabic numerals, full year, no leading zeros (``2025年1月8日``).

    For Chinese that is the standard's own rule (§7.3.5.2), written out here without loading babel's locale data
    (a test keeps it equal to babel's long format); other languages use babel's long format.
    """
    if locale in _GBT9704_LOCALES:
        return f"{date.year}年{date.month}月{date.day}日"
    from babel.dates import format_date

    return format_date(date, format="long", locale=locale)


def rate(numerator: int | None, denominator: int | None) -> Decimal | None:
    """``numerator / denominator`` as a percentage, or None when it cannot be computed."""
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) * 100 / Decimal(denominator)


def format_rate(value: Decimal, precision: int = 1, locale: str = DOCUMENT_LOCALE) -> str:
    """A percentage with ``precision`` decimals, rounded half up, as in ``93.0%``."""
    quantum = Decimal(1).scaleb(-precision)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "0." + "0" * precision if precision else "0"
    from babel.numbers import format_decimal

    return format_decimal(rounded, format=pattern, locale=locale) + "%"


def format_count(value: int, locale: str = DOCUMENT_LOCALE) -> str:
    """A whole number without grouping separators, as official documents write counts."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="0", locale=locale)
