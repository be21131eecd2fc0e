"""The footer of every screen, with each key's label translated when the footer is drawn.

drafter's bindings carry English message ids (marked with ``N_``); this footer puts them through ``_`` each time it
draws, so the language chosen by ``--lang`` or ``DRAFTER_LANG`` — or switched while the app runs — reaches every
label, also those of the Textual widgets the clerk meets (:data:`TEXTUAL_LABELS`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter

from drafter.i18n import N_, _

TEXTUAL_LABELS = (
    N_("Dismiss menu"),  # an open Select (the title form, the copy, the urgency)
    N_("Exit the command palette"),
    N_("Open the command palette"),
    N_("Open link"),
)
"""The labels and tooltips of Textual's own bindings that a clerk can see in the footer (tests/test_tui_footer.py
fails when a widget drafter uses shows one that is not here)."""


def translated(text: str) -> str:
    """``text`` in the clerk's language (an empty label stays empty)."""
    return _(text) if text else text


class Footer(TextualFooter):
    """Textual's footer, with the labels and tooltips of its keys translated as it draws them."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            description = getattr(widget, "description", None)  # a FooterKey (Textual keeps the class private)
            if isinstance(description, str):
                widget.description = translated(description)  # type: ignore[attr-defined]
                if isinstance(widget.tooltip, str):
                    widget.tooltip = translated(widget.tooltip)
            yield widget
