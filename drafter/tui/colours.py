"""Colours a clerk can read in every theme (issue 27): the theme's warning, error and accent colours, and its
cursor, moved just far enough from the backgrounds they are drawn on to reach WCAG AA contrast for normal text.

Textual's built-in themes draw ``$warning`` text at 1.4:1 on the light theme's surface and white on the dark
theme's cursor at 3.8:1; a theme the clerk picks may be worse still. The app adds the variables of
:func:`readable_variables` to the theme's own, so ``app.tcss`` names ``$drafter-warning`` where it would name
``$warning``, and the cursor's colours are replaced in place.
"""

from __future__ import annotations

from textual.color import Color

AA_NORMAL = 4.5
"""The least contrast WCAG AA asks of normal-size text."""

_TARGET = 4.6
"""A little above AA, so that a terminal's rounding of a colour never takes it below."""

RGB = Color | tuple[float, float, float]
"""A colour for :func:`luminance`: Textual's, or red, green and blue 0–255 (as a browser's computed style gives)."""

_STEP = 0.02
_STEPS = 60


def luminance(colour: RGB) -> float:
    """The WCAG relative luminance of an opaque sRGB colour: a :class:`Color`, or red, green and blue 0–255."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2])


def contrast(a: RGB, b: RGB) -> float:
    """The WCAG contrast ratio of two opaque colours (see :func:`luminance`), 1 to 21."""
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _on_dark(backgrounds: list[Color]) -> bool:
    """Whether text on ``backgrounds`` reads better light than dark."""
    white, black = Color(255, 255, 255), Color(0, 0, 0)
    return sum(contrast(white, b) for b in backgrounds) >= sum(contrast(black, b) for b in backgrounds)


def readable(colour: Color, backgrounds: list[Color]) -> Color:
    """``colour``, lightened on dark backgrounds or darkened on light ones in small steps until it reaches AA on
    each of ``backgrounds`` (unchanged when it does already)."""
    lighten = _on_dark(backgrounds)
    for step in range(_STEPS + 1):
        moved = colour.lighten(step * _STEP) if lighten else colour.darken(step * _STEP)
        if all(contrast(moved, b) >= _TARGET for b in backgrounds):
            return moved
    return Color(255, 255, 255) if lighten else Color(0, 0, 0)


def readable_under(background: Color, alpha: float) -> Color:
    """A cursor's ``background`` moved away from the text Textual draws on it (``auto`` at ``alpha``: white or
    black, blended over it) until that text reaches AA."""
    for step in range(_STEPS + 1):
        text = background.get_contrast_text(alpha)
        light_text = text.r > 127
        moved = background.darken(step * _STEP) if light_text else background.lighten(step * _STEP)
        if contrast(moved + moved.get_contrast_text(alpha), moved) >= _TARGET:
            return moved
    return background


def readable_variables(variables: dict[str, str]) -> dict[str, str]:
    """The variables to add to (or replace in) the theme's ``variables``: ``drafter-warning``,
    ``drafter-error``, ``drafter-accent``, ``drafter-success`` and ``drafter-placeholder`` for text on the app's
    backgrounds, and the block cursor's background and the footer's keys in place."""
    surface = Color.parse(variables["surface"])
    backgrounds = [surface, Color.parse(variables["background"]), Color.parse(variables["panel"])]
    for key in ("boost", "secondary-muted", "primary-muted"):  # over the surface: a tint, the table's fixed
        # column, a focused field
        if key in variables:
            backgrounds.append(surface + Color.parse(variables[key]))
    tint = Color.parse(variables["foreground"]).with_alpha(0.08)  # a focused widget's tint (5%), with room
    backgrounds += [background + tint for background in backgrounds]
    added = {f"drafter-{name}": readable(Color.parse(variables[name]), backgrounds).hex
             for name in ("warning", "error", "accent", "success")}
    # a field's placeholder says what to type (Textual draws it in $text-disabled, about 2.5:1)
    added["drafter-placeholder"] = readable(surface + Color.parse(variables["foreground"]).with_alpha(0.6),
                                            backgrounds).hex
    if "footer-key-foreground" in variables and "footer-background" in variables:  # the keys in the footer
        footer = [surface + Color.parse(variables["footer-background"])]
        added["footer-key-foreground"] = readable(Color.parse(variables["footer-key-foreground"]), footer).hex
    cursor = variables.get("block-cursor-background", variables["primary"])
    cursor_text = variables.get("block-cursor-foreground", "auto 87%")
    if cursor_text.startswith("auto"):  # a theme that names its own cursor text keeps its cursor
        alpha = float(cursor_text.removeprefix("auto").strip().rstrip("%") or 100) / 100
        added["block-cursor-background"] = readable_under(surface + Color.parse(cursor), alpha).hex
    return added
