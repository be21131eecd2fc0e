"""WCAG 2.x contrast of text against its background, for the tests of the editor's and the web form's colours: the
formula is the app's own (:mod:`drafter.tui.colours`); what is here reads and blends the colours a test measures."""

from __future__ import annotations

import re

from drafter.tui.colours import AA_NORMAL, contrast, luminance  # noqa: F401  (the one WCAG formula)

RGB = tuple[float, float, float]


def blend(top: RGB, alpha: float, under: RGB) -> RGB:
    """``top`` drawn with opacity ``alpha`` over ``under``."""
    return (top[0] * alpha + under[0] * (1 - alpha), top[1] * alpha + under[1] * (1 - alpha),
            top[2] * alpha + under[2] * (1 - alpha))


_CSS_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def css_color(value: str) -> tuple[RGB, float]:
    """A computed CSS colour (``rgb(…)``/``rgba(…)``, as ``getComputedStyle`` gives it) and its opacity."""
    match = _CSS_RGB.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a computed rgb() colour: {value!r}")
    r, g, b, a = match.groups()
    alpha = 1.0 if a is None else (float(a[:-1]) / 100 if a.endswith("%") else float(a))
    return (float(r), float(g), float(b)), alpha
