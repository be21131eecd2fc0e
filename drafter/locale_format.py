"""Dates formatted with babel: the document always in its pack's language (figures: :mod:`drafter.figures`)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from drafter.figures.text import DOCUMENT_LOCALE


def format_document_date(date: dt.date, locale: str = DOCUMENT_LOCALE) -> str:
    """A date as GB/T 9704 prints it: Arabic numerals, full year, no leading zeros (``2025年1月8日``)."""
    return format_date(date, format="long", locale=locale)
