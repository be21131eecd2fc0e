"""Numbers in Chinese numerals, both ways: outline numbers written (``chinese_number``: 一、十一、一百零一) and any
number read back from text in Arabic digits, Chinese numerals or both (``read_number``: 120, 一百二十, 1.5万).

A leaf: it imports nothing of drafter, so the model, the tables, dates and the figures all use it without an import
cycle. Chinese numerals are read by ``cn2an`` (a maintained converter), imported on first use.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = "〇○零一二两三四五六七八九十百千万亿"
"""The characters a number written in Chinese numerals is made of."""

_HALFWIDTH = str.maketrans("０１２３４５６７８９．＋－Ｘｘ\u3000", "0123456789.+-Xx ")


def fold_width(text: str) -> str:
    """``text`` with full-width digits, point, plus, minus, X and space as their ordinary (half-width) forms.

    The one width fold: character for character, so every offset in the result is the offset in ``text``."""
    return text.translate(_HALFWIDTH)


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
