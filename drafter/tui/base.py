"""How screens and widgets reach the running drafter app, typed, without importing the module that defines it.

The app (:mod:`drafter.tui.app`) opens the screens; if the screens imported it back, the two would form an import
cycle. They import :func:`drafter_app` from here instead: the app's class derives from :class:`DrafterAppBase`,
which is what is checked at run time, and the type checker sees the full app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import App
from textual.dom import DOMNode

if TYPE_CHECKING:
    from drafter.tui.app import DrafterApp


class DrafterAppBase(App[None]):
    """The base of drafter's app class (:class:`drafter.tui.app.DrafterApp`): what :func:`drafter_app` checks."""


def drafter_app(node: DOMNode) -> DrafterApp:
    """The running drafter app of ``node`` (a screen or widget), typed: the one way they reach the app's own
    methods and state."""
    app = node.app
    if not isinstance(app, DrafterAppBase):
        raise TypeError(f"{type(node).__name__} runs inside {type(app).__name__}, not drafter's app")
    return cast("DrafterApp", app)
