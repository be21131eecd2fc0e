"""Outline numbers — 一、 （一） 1. （1） — made and read in one place.

Numbers are generated from depth when a report is composed, and stripped or recognised when the clerk types one
or a Word file is imported; both directions follow the same four levels, so whatever drafter writes it also reads
(一百零一、 included).
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """``n`` (1 or more) in Chinese numerals as used in outline numbers: 一 … 十 … 九十九、一百、一百零一 … 一万零一十.

    Written here rather than with a numerals library: the rule is a dozen lines, and the libraries that do it cost
    a quarter of a second at every start.
    """
    if n < 1:
        raise ValueError(f"outline numbers start at 1, not {n}")
    text = _spell(n)
    return text[1:] if text.startswith("一十") else text  # 十、十一 … 十万, not 一十、一十一


def _spell(n: int) -> str:
    for big, name in ((100_000_000, "亿"), (10_000, "万")):
        if n >= big:
            high, low = divmod(n, big)
            text = _spell(high) + name
            if low:
                text += ("零" if low < big // 10 else "") + _spell(low)
            return text
    out: list[str] = []
    gap = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        out.append(_DIGITS[digit] + unit)
    return "".join(out)


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
