"""Outline numbers — 一、 （一） 1. （1） — made and read in one place.

Numbers are generated from depth when a report is composed, and stripped or recognised when the clerk types one
or a Word file is imported; both directions follow the same four levels, so whatever drafter writes it also reads
(一百零一、 included).
"""

from __future__ import annotations

import re

from drafter.numerals import chinese_number


def outline_number(level: int, n: int) -> str:
    """The generated number of the ``n``-th heading at ``level``: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


_CN = "一二三四五六七八九十百千万零"
_SPACE = "[ \u3000]*"
"""A half- or full-width space may stand before the 、 or full stop, as in ``三 、``."""

LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*([{_CN}]+{_SPACE}[、.．])\s*")),
    (2, re.compile(rf"^\s*([（(][{_CN}]+[)）](?:{_SPACE}[、.．])?)\s*")),
    (3, re.compile(rf"^\s*(\d{{1,3}}{_SPACE}[.．、](?!\d))\s*")),
    (4, re.compile(rf"^\s*([（(]\d{{1,3}}[)）](?:{_SPACE}[、.．])?)\s*")),
)
"""The outline number at the start of a text, by level (the forms clerks type: half-width parentheses too)."""


def numbered(text: str) -> tuple[int, str, str] | None:
    """``(level, number, rest)`` when ``text`` starts with an outline number followed by text, else None."""
    for level, pattern in LEVELS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return level, match.group(0), text[match.end():]
    return None


def strip_numbering(text: str) -> str:
    """``text`` without a leading outline number such as ``一、`` or ``（二）`` (a heading typed with its number)."""
    for _level, pattern in LEVELS:
        match = pattern.match(text)
        if match:
            return text[match.end():].strip()
    return text.strip()
