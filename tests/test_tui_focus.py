"""The focus is always visible (issue 27): whatever takes the keys in the editor looks different from how it looks
without them — a frame, a divider or a background that changes, not a 5% tint — and the start screen's list shows
its highlighted report when the clerk comes back to it with Esc."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.style import Style
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import ListView, Select

from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.widgets.last_year import LastYearPanel
from drafter.tui.widgets.sidebar import Sidebar
from drafter.tui.widgets.table_grid import TableGrid
from tests.conftest import example_workspace
from tests.tui_helpers import Cell, drawn, look, wait_until, workspace_read
from tests.wcag import RGB, contrast

SIZE = (100, 30)

SEEN = 1.5
"""Two colours of a cell this far apart (as a contrast ratio) are told apart at a glance; a focused widget's
5% tint (1.1:1) is not."""

ENOUGH = 3
"""Cells that must change when a widget takes the focus: more than a text cursor's one."""


def _rgb(colour: RichColor | None) -> RGB | None:
    if colour is None:
        return None
    true = colour.get_truecolor()
    return (true.red, true.green, true.blue)


def _apart(a: RichColor | None, b: RichColor | None) -> bool:
    first, second = _rgb(a), _rgb(b)
    if first is None or second is None:
        return first != second
    return contrast(first, second) >= SEEN


def _seen(before: Cell, after: Cell) -> bool:
    """Whether a person sees the cell change: another character, colours far apart, bold or reverse."""
    (char, old), (new_char, new) = before, after

    def attributes(style: Style) -> tuple[bool, bool, bool]:
        return bool(style.bold), bool(style.reverse), bool(style.underline)

    return (char != new_char or _apart(old.color, new.color) or _apart(old.bgcolor, new.bgcolor)
            or attributes(old) != attributes(new))


def changes(before: list[list[Cell]], after: list[list[Cell]]) -> int:
    """How many cells a person sees change between two looks of the same place."""
    pairs = (zip(row_a, row_b, strict=True) for row_a, row_b in zip(before, after, strict=True))
    return sum(_seen(a, b) for row in pairs for a, b in row)


async def focus_shows(pilot: Pilot[None], widget: Widget) -> int:
    """How many cells of ``widget``'s place change visibly between having the focus (as now) and not."""
    app = pilot.app
    assert app.focused is widget
    focused = look(app, widget)
    app.screen.set_focus(None)
    await pilot.pause()
    blurred = look(app, widget)
    widget.focus(scroll_visible=False)
    await pilot.pause()
    return changes(blurred, focused)


async def _tab_stops(pilot: Pilot[None]) -> list[Widget]:
    """Every widget Tab reaches on the screen, from the focused one round to it again (a grid's cells are passed
    over as Tab does after its last cell)."""
    app = pilot.app
    start = app.focused
    assert start is not None
    stops: list[Widget] = []
    while True:
        widget = app.focused
        assert widget is not None
        if stops and widget is start:
            return stops
        assert widget not in stops, f"Tab went round without coming back to {start}"
        stops.append(widget)
        if isinstance(widget, TableGrid):
            app.screen.focus_next()
            await pilot.pause()
        else:
            await pilot.press("tab")


@pytest.mark.parametrize(("name", "theme"), [("2025.json", "textual-dark"), ("gongkai-2025.json", "textual-dark"),
                                             ("2025.json", "textual-light")])
async def test_every_tab_stop_of_the_editor_shows_the_focus(tmp_path: Path, name: str, theme: str) -> None:
    """Each step's Tab stops, one by one: each looks different with the focus than without (the report types'
    steps hold every kind of widget the editor has; the light theme's colours are other than the dark's)."""
    app = make_app(file=example_workspace(tmp_path, None) / name, lang="en")
    app.animation_level = "none"  # a focused widget scrolled into view at once, not looked at halfway
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        invisible: list[str] = []
        kinds: set[str] = set()
        for index, step in enumerate(screen.steps):
            screen.show_step(index, focus=True)
            await pilot.pause()
            for widget in await _tab_stops(pilot):
                widget.focus()  # as Tab gave it the focus: scrolled into view
                await pilot.pause()
                kinds.add(type(widget).__name__)
                if await focus_shows(pilot, widget) < ENOUGH:
                    invisible.append(f"{step.key}: {widget!r}")
        assert invisible == []
        # what the editor's steps hold: text boxes, one-line fields, choices, lists, scrolling text, the grid
        assert {"FigureTextArea", "Input", "Select", "Sidebar", "ItemsList", "LastYearPanel", "Preview"} <= kinds
        if name.startswith("gongkai"):
            assert "TableGrid" in kinds


async def test_shift_tab_onto_the_title_form_shows_it(tmp_path: Path) -> None:
    """From the step list, Shift+Tab goes back round to the basics' last field, the title form (a choice)."""
    app = make_app(file=example_workspace(tmp_path, None) / "2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, Sidebar)
        await pilot.press("shift+tab")
        choice = app.screen.query_one("#basic-title_form", Select)
        assert app.focused is choice
        assert await focus_shows(pilot, choice) >= ENOUGH


async def test_last_years_text_shows_when_it_has_the_focus(tmp_path: Path) -> None:
    """Last year's text scrolls (arrows, Page Up/Down) when it has the focus, so Tab stops there, visibly."""
    app = make_app(file=example_workspace(tmp_path, None) / "2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.show_step(screen.part_index("measures"), focus=True)
        await pilot.pause()
        for _ in range(6):
            if isinstance(app.focused, LastYearPanel):
                break
            await pilot.press("tab")
        panel = app.focused
        assert isinstance(panel, LastYearPanel)
        assert await focus_shows(pilot, panel) >= ENOUGH
        top = panel.scroll_y
        await pilot.press("pagedown")
        assert panel.scroll_y > top


def _row_look(app: App[None], view: ListView, index: int) -> list[Cell]:
    item = view.children[index]
    return drawn(app, item.region)[0]


async def test_the_report_list_shows_its_row_after_esc_from_the_editor(tmp_path: Path) -> None:
    app = make_app(workspace=example_workspace(tmp_path, None), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        await pilot.pause()
        view = app.screen.query_one("#reports", ListView)
        assert app.focused is view and view.index == 1  # the report just closed
        await wait_until(pilot, lambda: len(view.children) > 2 and all(i.region for i in view.children[:3]),
                         "the list drawn again")
        highlighted, other = _row_look(app, view, 1), _row_look(app, view, 2)
        assert changes([other], [[(char, style) for (_c, style), (char, _s) in zip(highlighted, other, strict=False)]
                                 ]) >= ENOUGH
