"""The numbers Word shows before automatically numbered paragraphs (``w:numPr``), as text.

A clerk who numbers headings with Word's numbering (a multilevel list, or a style such as "List Number") sees
``一、`` or ``（二）`` before the heading although the paragraph's text does not contain it. :class:`Numbering`
reads the numbering definitions (``word/numbering.xml``: each level's format, text and start, overrides) and the
styles that carry numbering, and gives each paragraph, in document order, the number Word would show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.numerals import chinese_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百零", "壹贰叁肆伍陆柒捌玖拾佰零")
_IDEOGRAPH_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _chinese(n: int) -> str:
    try:
        return chinese_number(n)
    except ValueError:
        return str(n)


def _roman(n: int) -> str:
    if n < 1 or n > 3999:
        return str(n)
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letters(n: int) -> str:
    if n < 1:
        return str(n)
    letter = chr(ord("A") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)  # Word's way: Z, AA, BB …


def _from(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (``w:numFmt``); formats without a rule here fall back to 1, 2, 3."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return str(n).translate(_IDEOGRAPH_DIGITS)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n).translate(_LEGAL)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _from(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _from(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _from(_FULLSTOP, n)
    if fmt in ("ideographTraditional",):
        return _from(_STEMS, n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _from(_BRANCHES, n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return None if found is None else found.get(f"{W}val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False

    @classmethod
    def read(cls, lvl: Any) -> _Level:
        legal = lvl.find(f"{W}isLgl")
        return cls(
            start=_int(_val(lvl, f"{W}start"), 1),
            fmt=_val(lvl, f"{W}numFmt") or "decimal",
            text=_val(lvl, f"{W}lvlText") or "",
            legal=legal is not None and legal.get(f"{W}val") not in ("0", "false", "off"),
        )


@dataclass
class _List:
    """One numbering definition (``w:abstractNum``) and the counters of its levels."""

    levels: dict[int, _Level] = field(default_factory=dict)
    counters: list[int | None] = field(default_factory=lambda: [None] * _LEVELS)


@dataclass
class _Num:
    """One ``w:num``: the list it draws from, and its overrides."""

    list_id: str
    levels: dict[int, _Level] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)
    used: bool = False


class Numbering:
    """The numbers of one document's paragraphs; call :meth:`label` for each paragraph in document order."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self.lists: dict[str, _List] = {}
        self.nums: dict[str, _Num] = {}
        self.styles: dict[str, Any] = {}
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                style_id = style.get(f"{W}styleId")
                if style_id:
                    self.styles[style_id] = style
        if numbering is None:
            return
        links: dict[str, str] = {}
        for abstract in numbering.iter(f"{W}abstractNum"):
            list_id = abstract.get(f"{W}abstractNumId") or ""
            self.lists[list_id] = _List(
                {_int(lvl.get(f"{W}ilvl"), 0): _Level.read(lvl) for lvl in abstract.iter(f"{W}lvl")}
            )
            link = _val(abstract, f"{W}numStyleLink")
            if link:
                links[list_id] = link
        for num in numbering.iter(f"{W}num"):
            num_id = num.get(f"{W}numId") or ""
            entry = _Num(_val(num, f"{W}abstractNumId") or "")
            for override in num.iter(f"{W}lvlOverride"):
                level = _int(override.get(f"{W}ilvl"), 0)
                start = _val(override, f"{W}startOverride")
                if start is not None:
                    entry.starts[level] = _int(start, 1)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    entry.levels[level] = _Level.read(lvl)
            self.nums[num_id] = entry
        for num in self.nums.values():  # a list that only points at a numbering style uses that style's list
            link = links.get(num.list_id)
            if link:
                target = self._style_num(link)[0]
                if target and target in self.nums:
                    num.list_id = self.nums[target].list_id

    def _style_num(self, style_id: str | None) -> tuple[str | None, int | None]:
        """``(numId, ilvl)`` a paragraph style gives (through the styles it is based on)."""
        seen: set[str] = set()
        num_id: str | None = None
        level: int | None = None
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                num_id = num_id if num_id is not None else _val(num_pr, f"{W}numId")
                found = _val(num_pr, f"{W}ilvl")
                level = level if level is not None else (int(found) if found and found.isdigit() else None)
            if num_id is not None and level is not None:
                break
            style_id = _val(style, f"{W}basedOn")
        return num_id, level

    def label(self, paragraph: Any) -> str:
        """The number Word shows before ``paragraph`` (a ``w:p``), or "" (also for bullets); advances the count."""
        ppr = paragraph.find(f"{W}pPr")
        style_id = _val(ppr, f"{W}pStyle")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id = _val(num_pr, f"{W}numId")
        level_text = _val(num_pr, f"{W}ilvl")
        level = int(level_text) if level_text and level_text.isdigit() else None
        if num_id is None or level is None:
            style_num, style_level = self._style_num(style_id)
            num_id = num_id if num_id is not None else style_num
            level = level if level is not None else style_level
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        num = self.nums[num_id]
        numbered = self.lists.get(num.list_id)
        if numbered is None:
            return ""
        level = min(max(level or 0, 0), _LEVELS - 1)  # no level given: the first, as in Word and LibreOffice
        definitions = {**numbered.levels, **num.levels}
        if not num.used:
            num.used = True
            for at in num.starts:
                numbered.counters[at] = None
        counters = numbered.counters
        current = counters[level]
        counters[level] = self._start(num, definitions, level) if current is None else current + 1
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = None
        this = definitions.get(level, _Level())
        if this.fmt == "bullet":
            return ""
        text = this.text
        for at in range(_LEVELS):
            marker = f"%{at + 1}"
            if marker not in text:
                continue
            shown = counters[at]
            if shown is None:
                shown = self._start(num, definitions, at)
            fmt = definitions.get(at, _Level()).fmt
            if this.legal:
                fmt = "decimal"
            text = text.replace(marker, "" if fmt == "none" else format_number(shown, fmt))
        return text

    @staticmethod
    def _start(num: _Num, definitions: dict[int, _Level], level: int) -> int:
        if level in num.starts:
            return num.starts[level]
        return definitions.get(level, _Level()).start
