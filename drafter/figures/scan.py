"""The one prose scanner: every ``number + unit`` and every rate written in a text, with the words before it and
the catalogue figure those words name.

Numbers are matched whole (``11件`` is eleven, never one), in Arabic digits or Chinese numerals (read by
:func:`drafter.numerals.read_number`). A live figure reference is not a number: scan the text it was rendered
into, or the stored text to find only what the clerk typed literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from drafter.cache import Cache
from drafter.figures.catalogue import Catalogue
from drafter.numerals import CHINESE_DIGITS, fold_width, read_number

CLAUSE_BREAKS = "，。；;！？!?,、：:（）()\n"
"""Characters that end the clause a figure's cue words must stand in."""
LABEL_MAX = 16
"""At most this many Han characters before a number are its label."""
CUE_GAP = 8
"""At most this many characters between a figure's cue words and its number (村级**调委会调处案件**339件)."""
_RATE_VERBS = ("达到", "达", "为", "是")
_AFTER_APPROXIMATE = ("以上", "左右")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True)
class Mention:
    """A number written in prose with its unit."""

    value: Decimal
    written: str
    """The number as written (``152``, ``一百二十``, ``97.4``)."""
    unit: str
    """The unit after it (``件``), or ``%`` for a rate."""
    start: int
    """Where the number starts."""
    end: int
    """Where the number and its unit end."""
    label: str
    """The Han characters right before the number (at most :data:`LABEL_MAX`)."""
    exact: bool
    """False for an approximate count (``120余件``, ``约120件``, ``120件以上``)."""
    key: str | None
    """The catalogue figure the cue words right before name, if any."""
    rate_word: str = ""
    """For a rate: the rate word right before it (成功率), if any."""

    @property
    def is_rate(self) -> bool:
        """True for a percentage."""
        return self.unit == "%"

    @property
    def number_end(self) -> int:
        """Where the number (and its approximate marker) ends and its unit begins."""
        return self.end - (1 if self.is_rate else len(self.unit))


ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
"""Digits as written in prose: plain, or in groups of three with thousands separators (4,000 and 12,500 are
numbers, not a 4 and a leading-zero 000)."""


class _Scanner:
    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        units = "|".join(re.escape(u) for u in cat.count_units) or "(?!)"
        inner = "|".join(re.escape(a) for a in cat.approximate if len(a) == 1) or "(?!)"
        cn = re.escape(CHINESE_DIGITS)
        self.pattern = re.compile(
            rf"(?<![\d.．０-９{cn}第])(?:((?:{ARABIC})(?:\.\d+)?(?:万|亿)?)|([{cn}]+))(?![\d.])"
            rf"(?:({inner})?({units})|\s*([%％]))"
        )
        self.leading_zero = re.compile(rf"(?<![\d.．:：/\-])(?<!\d,)0\d+(?=(?:{inner})?(?:{units})|[%％])")
        self.unit_after = re.compile(rf"(?:{inner})?(?:{units})")
        self.cues: dict[str, dict[str, list[tuple[str, str]]]] = {}
        """unit → the last character of a cue word → (cue word, figure key)"""
        for spec in cat.specs:
            unit = "%" if spec.kind == "rate" else spec.unit
            for word in cat.cue_words(spec):
                self.cues.setdefault(unit, {}).setdefault(word[-1], []).append((word, spec.key))
        for by_last in self.cues.values():
            for words in by_last.values():
                words.sort(key=lambda c: -len(c[0]))  # the longer cue word wins
        self.approximate = tuple(cat.approximate)

    def scan(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        for m in self.pattern.finditer(text):
            arabic, chinese, marker, unit, percent = m.groups()
            written = arabic or chinese
            if chinese and (percent or (len(chinese) == 1 and chinese in "万亿千百")):
                continue
            if arabic and len(arabic) > 1 and arabic[0] == "0" and arabic[1] != ".":
                continue  # 01人次: a format problem, not a figure
            value = read_number(written.replace(",", ""))
            if value is None:
                continue
            start = m.start()
            begin = start
            while begin > 0 and start - begin < LABEL_MAX and _is_han(text[begin - 1]):
                begin -= 1
            label = text[begin:start]
            unit_text = "%" if percent else unit
            exact = not marker and not label.endswith(self.approximate) \
                and not text.startswith(_AFTER_APPROXIMATE, m.end())
            key = self._cue(text, start, unit_text)
            rate_word = self._rate_word(label) if percent else ""
            out.append(Mention(value, written, unit_text, start, m.end(), label, exact, key, rate_word))
        return out

    def _cue(self, text: str, start: int, unit: str) -> str | None:
        """The figure whose cue word ends nearest before ``start`` (at most :data:`CUE_GAP` characters before it,
        in the same clause, no digit between); the longer cue word wins a tie."""
        by_last = self.cues.get(unit)
        if not by_last:
            return None
        end = start
        while end > 0 and start - end <= CUE_GAP:
            for word, key in by_last.get(text[end - 1], ()):
                if text.startswith(word, end - len(word)) and end >= len(word):
                    return key
            ch = text[end - 1]
            if ch in CLAUSE_BREAKS or ch.isdigit():
                return None
            end -= 1
        return None

    def _rate_word(self, label: str) -> str:
        for verb in ("", *_RATE_VERBS):
            head = label.removesuffix(verb) if verb else label
            if verb and head == label:
                continue
            word = next((w for w in self.cat.rate_words if head.endswith(w)), "")
            if word:
                return word
        return ""


    def leading_zeros(self, text: str) -> list[tuple[int, int, int]]:
        out = []
        for m in self.leading_zero.finditer(text):
            end = m.end()
            unit = self.unit_after.match(text, end)
            if unit:
                end = unit.end()
            elif text[end:end + 1] in "%％":
                end += 1
            out.append((m.start(), end, int(m.group(0))))
        return out


_SCANNERS: Cache[_Scanner] = Cache()


def _scanner(cat: Catalogue) -> _Scanner:
    # a catalogue compares by identity, and there is one per loaded pack (figures.catalogue)
    return _SCANNERS.get(cat, lambda: _Scanner(cat))


def scan(text: str, cat: Catalogue) -> list[Mention]:
    """Every number with a unit, and every rate, in ``text``, in order."""
    return list(_scan(text, cat))


@lru_cache(maxsize=4096)
def _scan(text: str, cat: Catalogue) -> tuple[Mention, ...]:
    # a report is checked again after every pause in typing: only the paragraphs that changed are read again
    return tuple(_scanner(cat).scan(text))


def has_number(text: str) -> bool:
    """True when ``text`` holds a digit or a Chinese numeral (a cheap test before :func:`scan`)."""
    return _NUMBER.search(text) is not None


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences of ``text`` (a rate is judged against the counts of its sentence)."""
    return [m.span() for m in _SENTENCE.finditer(text)]


def leading_zeros(text: str, cat: Catalogue) -> list[tuple[int, int, int]]:
    """Numbers written with a leading zero (``01人次``): span with the unit, and the number meant."""
    return _scanner(cat).leading_zeros(text)


def fullwidth_numbers(text: str) -> list[tuple[int, int, str]]:
    """Numbers written in full-width digits (``１２``): span and the number in ordinary digits."""
    return [(m.start(), m.end(), fold_width(m.group(0))) for m in _FULLWIDTH_DIGITS.finditer(text)]


_NUMBER = re.compile(rf"[\d０-９{re.escape(CHINESE_DIGITS)}]")
_SENTENCE = re.compile(r"[^。；！？;!?\n]+")
_FULLWIDTH_DIGITS = re.compile("[０-９]+(?:[．.][０-９]+)?")
