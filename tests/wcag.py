"""WCAG 2.x contrast of text against its background, for the tests of the editor's and the web form's colours."""

from __future__ import annotations

import re

AA_NORMAL = 4.5
"""The least contrast WCAG AA asks of normal-size text."""

RGB = tuple[float, float, float]


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    """The relative luminance of an sRGB colour (channels 0–255)."""
    r, g, b = rgb
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(foreground: RGB, background: RGB) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


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
