"""Helpers for the Pilot tests of the UI."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.app import App
from textual.geometry import Region
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import ListView

from drafter.tui.screens.editor import EditorScreen
from drafter.tui.widgets.review import ReviewPane
from tests.conftest import EXAMPLES, JOURNEY_TYPES, example_workspace  # noqa: F401  (re-exported)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, as a person would (one key event per character, like a terminal sends).

    ``pilot.press`` loses the character of punctuation such as ``、``, so the events of characters outside ASCII
    are built here and sent one after another, as a terminal sends a run of typed characters (the app handles
    them in order); the app has handled them all when this returns. Enter, space and ASCII go through
    ``pilot.press``, which waits for each to be handled.
    """
    sent = False
    for ch in text:
        if ch == "\n":
            await pilot.press("enter")
            sent = False
        elif ch == " ":
            await pilot.press("space")
            sent = False
        elif ch.isascii():
            await pilot.press(ch)
            sent = False
        else:
            event = events.Key(ch if ch.isalnum() else _character_to_key(ch), ch)
            driver = pilot.app._driver
            assert driver is not None
            driver.send_message(event)
            sent = True
    if sent:
        await pilot.pause()


async def import_from_start(pilot: Pilot[None], source: Path) -> None:
    """On the start screen, press I, type the path of ``source`` and Enter, as a clerk imports a file."""
    await pilot.press("i")
    await type_text(pilot, str(source))
    await pilot.press("enter")


async def open_imported(pilot: Pilot[None], ws: Path, timeout: float = 30.0) -> None:
    """Wait for the import's result, close it into the editor, quit, and check what was saved in ``ws``: the
    example's 2024 report (青禾镇, with its measures)."""
    from drafter.store import load_answers
    from drafter.tui.screens.import_result import ImportResultScreen

    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ImportResultScreen), "the import's result", timeout)
    # the dialog takes keys once it holds the focus (the editor under it is still being laid out)
    await wait_until(pilot, lambda: app.focused is not None and app.focused.screen is app.screen, "the dialog's focus")
    await pilot.press("escape")
    await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor after the import's result")
    await pilot.press("ctrl+q")
    imported = load_answers(ws / "2024.json")
    assert imported.org.name == "青禾镇"
    assert imported.sections.get("measures") is not None and imported.sections.get("measures").items


async def workspace_read(pilot: Pilot[None]) -> None:
    """Wait until the start screen has read every report in full (a worker thread after the quick list)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def held_within(pilot: Pilot[None], condition: Callable[[], bool], timeout: float) -> bool:
    """Let the app run until ``condition()`` holds or ``timeout`` seconds have passed; whether it held.

    Polls with a deadline rather than waiting a fixed time: autosave and the preview run on timers, and a
    loaded machine may take longer than an idle one.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` after ``timeout`` seconds."""
    if not await held_within(pilot, condition, timeout):
        raise AssertionError(f"waited {timeout:.0f} s for {what}")


def file_matches(path: Path, text: str) -> Callable[[], bool]:
    """A condition: the file at ``path`` holds ``text``."""
    return lambda: text in path.read_text(encoding="utf-8")


_SVG_TEXT = re.compile(r'<text[^>]*?x="([0-9.]+)"[^>]*?clip-path="url\(#[^)]*?-line-(\d+)\)"[^>]*>(.*?)</text>', re.S)


def screen_rows(app: App[None]) -> list[str]:
    """The screen as the person sees it: one string per terminal row (from Textual's own screenshot).

    Tests assert on this text rather than comparing pictures byte for byte, which breaks with every Textual or
    Rich release that draws a pixel differently.
    """
    rows: dict[int, list[tuple[float, str]]] = {}
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        rows.setdefault(int(line), []).append((float(x), html.unescape(text).replace("\xa0", " ").rstrip("\n")))
    return ["".join(text for _x, text in sorted(rows.get(n, []))) for n in range(app.size.height)]


async def jump_to_finding(pilot: Pilot[None], screen: EditorScreen, section: str) -> str:
    """In the review, choose the first finding in part ``section`` that quotes text and press Enter, as a clerk
    does to go to it; the finding's excerpt."""
    screen.show_step(screen.step_index("review"), focus=True)
    await pilot.pause()
    review = screen.query_one(ReviewPane)
    index = next(i for i, f in enumerate(review.findings) if f.section == section and f.excerpt)
    review.query_one("#findings", ListView).index = index
    await pilot.press("enter")
    await pilot.pause()
    return review.findings[index].excerpt


Cell = tuple[str, Style]
"""One terminal cell as drawn: its character ('' for the second half of a wide one) and its style."""


def drawn(app: App[None], region: Region) -> list[list[Cell]]:
    """What the screen draws in ``region`` (screen coordinates), cell by cell, every widget composited: the
    characters and their colours as the person sees them (Textual's own ``get_widget_at`` and ``render_lines``,
    which give the lines with the theme's colours resolved and ANSI colours turned to the app's true colours)."""
    screen = app.screen
    rows: list[list[Cell]] = []
    for y in range(region.y, region.bottom):
        lines: dict[Widget, list[Cell]] = {}
        row: list[Cell] = []
        for x in range(region.x, region.right):
            widget, where = screen.get_widget_at(x, y)
            if widget not in lines:
                line: list[Cell] = []
                for strip in widget.render_lines(Region(0, y - where.y, where.width, 1)):
                    for segment in strip:
                        style = segment.style or Style.null()
                        for char in segment.text:
                            line.append((char, style))
                            line.extend(("", style) for _ in range(cell_len(char) - 1))
                lines[widget] = line
            line = lines[widget]
            row.append(line[x - where.x] if x - where.x < len(line) else (" ", Style.null()))
        rows.append(row)
    return rows


def look(app: App[None], widget: Widget) -> list[list[Cell]]:
    """What ``widget`` and everything drawn in its place look like now (its border and children included), as far
    as it is on the screen."""
    return drawn(app, app.screen.find_widget(widget).visible_region)
