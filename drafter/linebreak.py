"""Chinese line-breaking rules (禁则, GB/T 15834 and W3C clreq): no line starts with closing punctuation and no
line ends with opening punctuation. Used where text is wrapped on screen; Word applies the same rules itself.
And where a title breaks (:func:`title_lines`): the typesetter sets the title's lines itself."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable

NO_LINE_START = frozenset("。，、；：？！）》」』】〕〉”’…—·%％,.;:?!)]}")
"""Characters that never begin a line: closing and pausing punctuation, the ellipsis and the dash."""
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
"""Characters that never end a line: opening punctuation."""


def keep_rules(text: str, plain: Callable[[str], list[int]]) -> list[int]:
    """Where to break ``text`` into lines, with the rules kept.

    ``plain(s)`` gives the break positions a plain wrapper chooses for ``s`` (each a character index, a line
    starting there). A break that would start a line with closing punctuation, or end one with opening
    punctuation, moves back by a character or two (the characters move down with it) and the rest is wrapped
    again from there. When no earlier break is possible (a line of punctuation), the plain break is kept.
    """
    out: list[int] = []
    start = 0
    while True:
        rest = plain(text[start:])
        if not rest:
            return out
        plain_break = start + rest[0]
        position = plain_break
        while position - 1 > start and (text[position] in NO_LINE_START or text[position - 1] in NO_LINE_END):
            position -= 1
        if position - 1 <= start and (text[position] in NO_LINE_START or text[position - 1] in NO_LINE_END):
            position = plain_break
        if position <= start:  # never loop on the same place
            position = plain_break if plain_break > start else start + 1
        out.append(position)
        start = position


PREFERRED_BEFORE = ("关于",)
"""Words a title line may start with by preference (GB/T 9704 §7.3.3: a title breaks between its organ and 关于)."""

_YEAR = r"\d{4}(?:—\d{4})?年度?"
_NOT_PREFERRED = 4.0
"""Cost of a break that is allowed but not preferred (between two characters of no kept word)."""


def title_lines(title: str, max_width: float, keep: Iterable[str], width: Callable[[str], float]) -> list[str]:
    """The lines a title is set in (GB/T 9704 §7.3.3: 回行时要做到词意完整，排列对称，长短适宜).

    A line is at most ``max_width`` wide (measured by ``width``). A break never falls inside a word of ``keep``
    (organ names, the pack's terms) or a year (“2025年度”), nor against the punctuation rules; it falls by
    preference after a kept word that ends an organ's name, at a space, or before 关于. Of the fewest lines that
    fit, the shape chosen has lines of similar length, the longer below (梯形) or in the middle (菱形).
    When no break keeps every word whole, words give way before the width does.
    """
    title = " ".join(title.split())
    if width(title) <= max_width:
        return [title]
    inside: set[int] = set()
    ends: set[int] = set()
    for word in sorted({w for w in keep if w}, key=len, reverse=True):
        for match in re.finditer(re.escape(word), title):
            inside.update(range(match.start() + 1, match.end()))
            ends.add(match.end())
    for match in re.finditer(_YEAR, title):
        inside.update(range(match.start() + 1, match.end()))
    for word in PREFERRED_BEFORE:
        ends.update(m.start() for m in re.finditer(word, title))
    ends.update(i for i, ch in enumerate(title) if ch == " ")
    for strict in (True, False):
        candidates = [i for i in range(1, len(title)) if _may_break(title, i) and not (strict and i in inside)]
        for count in range(1, 5):
            best: tuple[float, list[str]] | None = None
            for breaks in itertools.combinations(candidates, count):
                lines = _cut(title, breaks)
                widths = [width(line) for line in lines]
                if max(widths) > max_width or not all(lines):
                    continue
                cost = sum(0.0 if b in ends else _NOT_PREFERRED for b in breaks) + _shape_cost(widths)
                if best is None or cost < best[0]:
                    best = (cost, lines)
            if best is not None:
                return best[1]
    return [title]


def _may_break(text: str, position: int) -> bool:
    """Whether a line may end before ``text[position]`` (the punctuation rules; never between two digits)."""
    before, after = text[position - 1], text[position]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def _cut(text: str, breaks: tuple[int, ...]) -> list[str]:
    edges = (0, *breaks, len(text))
    return [text[a:b].strip() for a, b in itertools.pairwise(edges)]


def _shape_cost(widths: list[float]) -> float:
    """How far the lines are from a 梯形 (each line no longer than the next) or 菱形 (the middle longest), plus how
    unequal they are."""
    spread = max(widths) - min(widths)
    trapezoid = sum(max(0.0, a - b) for a, b in itertools.pairwise(widths))
    middle = widths.index(max(widths))
    diamond = sum(max(0.0, a - b) for a, b in itertools.pairwise(widths[: middle + 1])) + sum(
        max(0.0, b - a) for a, b in itertools.pairwise(widths[middle:])
    ) if len(widths) >= 3 else trapezoid
    return spread * 0.5 + 2 * min(trapezoid, diamond)
