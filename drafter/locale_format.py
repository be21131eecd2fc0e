"""The document's language: dates (and, through :mod:`drafter.figures.text`, numbers) as GB/T 9704 writes them,
and dates read back from what a clerk types or a report prints.

Chinese dates and numbers follow the standard's own rule (Arabic numerals, no grouping) and are written without
babel; other document languages go through babel, imported only then: its locale data alone cost a fifth of a
cold ``drafter render``.
"""

from __future__ import annotations

import datetime as dt
import re

from drafter.numerals import read_number  # cn2an is imported by it only for a date in Chinese numerals

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


_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def read_date(text: str) -> dt.date | None:
    """The date ``text`` holds, written as 2026-01-15, 2026.1.15, 2026/1/15, ``2026年1月15日`` or in Chinese
    numerals (``二〇二六年一月十五日``); None when it is not a date (or no such day)."""
    text = text.replace(" ", "").replace("\u3000", "")
    try:
        match = _DATE.fullmatch(text)
        if match:
            return dt.date(*(int(g) for g in match.groups()))
        match = _CN_DATE.fullmatch(text)
        if match:
            parts = [read_number(g) for g in match.groups()]
            numbers = [int(p) for p in parts if p is not None]
            return dt.date(*numbers) if len(numbers) == 3 else None
    except ValueError:
        return None
    return None


def date_problem(text: str) -> tuple[dt.date | None, str]:
    """What a clerk typed as a date: the date, or why it is not one ('' when empty or fine)."""
    from drafter.i18n import _

    if not text.strip():
        return None, ""
    date = read_date(text)
    if date is not None:
        return date, ""
    if _DATE.fullmatch(text.replace(" ", "")):
        return None, _("There is no such day.")
    return None, _("Write the date as 2026-01-15.")
