"""The document's language: dates (and, through :mod:`drafter.figures.text`, numbers) as GB/T 9704 writes them.

Chinese dates and numbers follow the standard's own rule (Arabic numerals, no grouping) and are written without
babel; other document languages go through babel, imported only then: its locale data alone cost a fifth of a
cold ``drafter render``.
"""

from __future__ import annotations

import datetime as dt

DOCUMENT_LOCALE = "zh_CN"
_GBT9704_LOCALES = frozenset({"zh", "zh_CN", "zh_Hans", "zh_Hans_CN"})
"""Chinese as GB/T 9704 writes it; other document languages go through babel."""


def writes_plain_numbers(locale: str) -> bool:
    """True when ``locale`` writes numbers as GB/T 9704 does: ASCII digits, ``.`` for decimals, no grouping."""
    return locale in _GBT9704_LOCALES


def format_document_date(date: dt.date, locale: str = DOCUMENT_LOCALE) -> str:
    """A date as GB/T 9704 prints it: Arabic numerals, full year, no leading zeros (``2025年1月8日``).

    For Chinese that is the standard's own rule (§7.3.5.2), written out here without loading babel's locale data
    (a test keeps it equal to babel's long format); other languages use babel's long format.
    """
    if locale in _GBT9704_LOCALES:
        return f"{date.year}年{date.month}月{date.day}日"
    from babel.dates import format_date

    return format_date(date, format="long", locale=locale)
