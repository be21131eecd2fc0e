"""Chinese line-breaking on screen: the text box (Textual's TextArea), Textual's content (labels, preview, last
year's text) and Rich text wrap by :func:`drafter.linebreak.keep_rules`: no line starts with 。，、 or ends with “《.

Textual and Rich have no option for it; both take their wrapping function from a module name, which is
replaced here once, keeping their own function for the plain breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rich.text
import textual.content
import textual.document._wrapped_document as wrapped_document

from drafter.linebreak import keep_rules

_installed = False


def install() -> None:
    """Make Textual's text box and Rich's text wrap by the Chinese rules (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    # private names of Textual and Rich: when a release renames them, the text wraps without the rules
    textual_wrap = getattr(wrapped_document, "compute_wrap_offsets", None)
    rich_wrap = getattr(rich.text, "divide_line", None)

    if textual_wrap is not None:
        plain_textual: Callable[..., list[int]] = textual_wrap

        def textual_offsets(text: str, width: int, tab_size: int, fold: bool = True,
                            precomputed_tab_sections: Any = None) -> list[int]:
            if "\t" in text or width <= 0:  # tabs change widths by position; never in a clerk's paragraph
                return plain_textual(text, width, tab_size, fold, precomputed_tab_sections)
            return keep_rules(text, lambda part: plain_textual(part, width, tab_size, fold))

        wrapped_document.compute_wrap_offsets = textual_offsets  # type: ignore[attr-defined]

    if rich_wrap is not None:
        plain_rich: Callable[..., list[int]] = rich_wrap

        def rich_offsets(text: str, width: int, fold: bool = True) -> list[int]:
            if width <= 0:
                return plain_rich(text, width, fold)
            return keep_rules(text, lambda part: plain_rich(part, width, fold))

        rich.text.divide_line = rich_offsets  # type: ignore[attr-defined]
        if hasattr(textual.content, "divide_line"):
            textual.content.divide_line = rich_offsets
