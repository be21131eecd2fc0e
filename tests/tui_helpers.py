"""Helpers for the Pilot tests of the UI."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from tests.conftest import EXAMPLES


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, as a person would (one key event per character, like a terminal sends).

    ``pilot.press`` loses the character of punctuation such as ``、``, so the events are built here.
    """
    for ch in text:
        if ch == "\n":
            await pilot.press("enter")
        elif ch == " ":
            await pilot.press("space")
        elif ch.isascii():
            await pilot.press(ch)
        else:
            event = events.Key(ch if ch.isalnum() else _character_to_key(ch), ch)
            driver = pilot.app._driver
            assert driver is not None
            driver.send_message(event)
            await pilot.pause()


def example_workspace(folder: Path) -> Path:
    """A copy of the bundled example workspace in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in EXAMPLES.glob("*.json"):
        shutil.copy(path, folder / path.name)
    return folder


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float) -> bool:
    """Let the app run until ``condition()`` holds or ``timeout`` seconds have passed; whether it held."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True
