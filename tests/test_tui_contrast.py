"""The editor's text is readable (issue 27): every letter, digit and mark the clerk reads has WCAG AA contrast
(4.5:1) with what it is drawn on, in the app's default theme and in the light one — measured on the colours
Textual actually draws, cell by cell, not on the theme's names for them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.style import Style
from textual.app import App
from textual.geometry import Offset, Region
from textual.pilot import Pilot

from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.widgets.table_grid import MARK, TableGrid
from tests.conftest import example_workspace
from tests.tui_helpers import drawn, type_text, wait_until
from tests.wcag import AA_NORMAL, RGB, blend, contrast

THEMES = ["textual-dark", "textual-light"]
"""The app's default theme, and the light one the clerk can switch to (Ctrl+P, Colours)."""

SIZE = (100, 30)


def _rgb(colour: RichColor | None, default: RGB) -> RGB:
    if colour is None:
        return default
    true = colour.get_truecolor()
    return (true.red, true.green, true.blue)


def _colours(style: Style) -> tuple[RGB, RGB]:
    """The text and background colours a cell is seen in (reverse swapped, dim as a terminal draws it: halfway)."""
    foreground, background = _rgb(style.color, (255, 255, 255)), _rgb(style.bgcolor, (0, 0, 0))
    if style.reverse:
        foreground, background = background, foreground
    if style.dim:
        foreground = blend(foreground, 0.5, background)
    return foreground, background


def _read(char: str) -> bool:
    """A character read as text: letters, digits, punctuation and the grid's mark, not frames or scroll bars."""
    return char == MARK or (char.strip() != "" and unicodedata.category(char)[0] in "LNP")


def unreadable(app: App[None]) -> list[str]:
    """The runs of text on the screen below AA, each with its contrast and colours (text of an inactive,
    disabled control is left out, as WCAG leaves it out)."""
    screen = app.screen
    found: list[str] = []
    for y, row in enumerate(drawn(app, Region(0, 0, *app.size))):
        run, key = "", None
        for x, (char, style) in enumerate([*row, (" ", Style())]):
            low = None
            if _read(char) and not screen.get_widget_at(x, y)[0].disabled:
                foreground, background = _colours(style)
                ratio = contrast(foreground, background)
                low = (round(ratio, 2), foreground, background) if ratio < AA_NORMAL else None
            if low is not None and low == key:
                run += char
                continue
            if key is not None:
                found.append(f"row {y}: {run!r} at {key[0]}:1 ({key[1]} on {key[2]})")
            run, key = (char, low) if low is not None else ("", None)
    return found


async def _editor(pilot: Pilot[None], theme: str) -> EditorScreen:
    pilot.app.theme = theme
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    return screen


@pytest.mark.parametrize("theme", THEMES)
async def test_the_grid_reads_in_every_state(tmp_path: Path, theme: str) -> None:
    """Row labels (the fixed column), headings, typed, derived and empty cells, the cursor, the hover, a broken
    rule's marks and cells, and what was typed that is not a number."""
    ws = example_workspace(tmp_path, None)
    app = make_app(file=ws / "gongkai-2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _editor(pilot, theme)
        screen.show_step(screen.part_index("requests"), focus=True)
        await pilot.pause()
        grid = app.focused
        assert isinstance(grid, TableGrid)
        assert unreadable(app) == []
        await type_text(pilot, "99")  # 本年新收 of 自然人: its column's totals no longer add up
        await pilot.press("down")
        await wait_until(pilot, lambda: MARK in "".join(c for row in drawn(app, grid.region) for c, _s in row),
                         "the broken rule's marks")
        assert unreadable(app) == []
        await pilot.hover(grid, Offset(3, 4))  # the mouse over a row label, then over a cell
        assert unreadable(app) == []
        await pilot.hover(grid, Offset(grid.region.width - 6, 6))
        assert unreadable(app) == []
        await type_text(pilot, "1x")  # not a number: the cell says so in the error colour
        assert unreadable(app) == []
        screen.set_focus(None)  # the grid without the focus: its cursor blurred
        await pilot.pause()
        assert unreadable(app) == []
        app.theme = next(other for other in THEMES if other != theme)  # the clerk changes the colours
        await pilot.pause()
        assert MARK in "".join(c for row in drawn(app, grid.region) for c, _s in row)
        await wait_until(pilot, lambda: unreadable(app) == [], "the marks drawn in the new theme's colours")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", ["2025.json", "gongkai-2025.json"])
async def test_every_step_reads(tmp_path: Path, theme: str, name: str) -> None:
    """Each step of both report types: hints, guidance, last year's text, placeholders, findings (their list and
    the step counts), the figures' changes, the footer's keys."""
    ws = example_workspace(tmp_path, None)
    app = make_app(file=ws / name, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _editor(pilot, theme)
        for index, step in enumerate(screen.steps):
            screen.show_step(index, focus=True)
            await pilot.pause()
            assert unreadable(app) == [], step.key
