"""Chinese line-breaking rules (禁则, GB/T 15834 and W3C clreq): no line starts with closing punctuation and no
line ends with opening punctuation. Used where text is wrapped on screen; Word applies the same rules itself."""

from __future__ import annotations

from collections.abc import Callable

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
