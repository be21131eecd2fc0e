"""Figures as text: formatting a value (with its unit) and reading a number written in Arabic or Chinese numerals.

Chinese numerals are read by ``cn2an`` (a maintained converter), so ``一百二十``, ``两千`` and ``1.5万`` are read
by one tested library rather than by hand-written tables.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from drafter.i18n import _
from drafter.locale_format import DOCUMENT_LOCALE, writes_plain_numbers
from drafter.pack import FigureSpec

CHINESE_DIGITS = "〇○零一二两三四五六七八九十百千万亿"
"""The characters a number written in Chinese numerals is made of."""

GAP = "【  】"
"""What an empty figure shows as: a visible gap the clerk must fill, never a made-up number."""


def read_number(text: str) -> Decimal | None:
    """The value of ``text`` written in Arabic digits, Chinese numerals or both (``120``, ``一百二十``, ``1.5万``).

    None when ``text`` is not a number. Full-width digits are read as digits.
    """
    text = fold_width(text.strip())
    if not text:
        return None
    try:
        if text.replace(".", "", 1).isdigit():
            return Decimal(text)
        import cn2an  # imported on first use: it costs ~0.3 s, and most texts hold Arabic digits only

        value = cn2an.cn2an(text.replace("○", "〇"), "smart")
    except (ValueError, InvalidOperation, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value))


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
_HALFWIDTH = str.maketrans("０１２３４５６７８９．＋－Ｘｘ\u3000", "0123456789.+-Xx ")


def fold_width(text: str) -> str:
    """``text`` with full-width digits, point, plus, minus, X and space as their ordinary (half-width) forms.

    The one width fold: character for character, so every offset in the result is the offset in ``text``."""
    return text.translate(_HALFWIDTH)
