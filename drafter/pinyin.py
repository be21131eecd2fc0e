"""Pinyin keys of Chinese text, so that what a clerk types on a Latin keyboard finds a Chinese title: ``fz`` (the
initials) or ``fazhi`` (the syllables) for 法治.

Each key keeps, for every one of its letters, the index of the character of the text it comes from, so that a
match in the key can be shown on the Chinese text itself. pypinyin's dictionaries take a quarter of a second to
load: they are imported on the first call, never when drafter starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class PinyinKey:
    """A text spelled in pinyin, lower case; characters that are not Chinese are kept as they are."""

    text: str
    origin: tuple[int, ...]
    """For each character of :attr:`text`, the index of the character of the source text it spells."""

    def source_offsets(self, offsets: Sequence[int]) -> list[int]:
        """The characters of the source text that ``offsets`` (positions in :attr:`text`) spell, each once, in
        order."""
        return sorted({self.origin[offset] for offset in offsets})


@lru_cache(maxsize=2048)
def pinyin_keys(text: str) -> tuple[PinyinKey, PinyinKey]:
    """The initials key (法治政府 → ``fzzf``) and the syllables key (``fazhizhengfu``) of ``text``; a character
    with several readings is read as in the words around it (重庆 → ``chongqing``)."""
    from pypinyin import Style, lazy_pinyin

    return (_key(text, lazy_pinyin(text, style=Style.FIRST_LETTER)),
            _key(text, lazy_pinyin(text, style=Style.NORMAL)))


def _key(text: str, spelled: list[str]) -> PinyinKey:
    """The key of ``text`` from pypinyin's ``spelled``: one syllable for each Chinese character, and each run of
    other characters as it stands."""
    origin: list[int] = []
    at = 0
    for spelling in spelled:
        if text.startswith(spelling, at):  # kept as it stands: each character spells itself
            origin.extend(range(at, at + len(spelling)))
            at += len(spelling)
        else:  # a syllable (Latin letters) of one Chinese character
            origin.extend([at] * len(spelling))
            at += 1
    return PinyinKey("".join(spelled).lower(), tuple(origin))


def load() -> None:
    """Load pypinyin's dictionaries now (in a thread, before a search needs them)."""
    pinyin_keys("")
