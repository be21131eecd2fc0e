"""Traditional characters read as simplified, for matching only: the imported text is kept as written.

A report written in traditional characters (``關於…的報告``, ``黨政主要負責人``, ``東嶺鄉``) must be recognised
by the same keywords as a simplified one. :func:`simplified` converts with OpenCC's ``t2s`` configuration and
keeps the length of the text, so that a position found in the converted text is the same in the original.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """``text`` in simplified characters, character for character (same length), for matching only."""
    if text.isascii():
        return text
    converter = _converter()
    converted: str = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase became longer or shorter: convert character by character, keeping any that does not map to one.
    out = []
    for ch in text:
        one: str = converter.convert(ch)
        out.append(one if len(one) == 1 else ch)
    return "".join(out)
