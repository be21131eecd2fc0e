"""Snapshot tests of the main screens at 100×30 (pytest-textual-snapshot).

Paths and times differ from machine to machine, so the few places that show them are given fixed text before
the picture is taken; everything else is the real screen.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from tests.tui_helpers import example_workspace

SIZE = (100, 30)


def _workspace(tmp_path: Path) -> Path:
    ws = example_workspace(tmp_path / "ws")
    stamp = dt.datetime(2026, 1, 20, 9, 30).timestamp()
    for path in ws.glob("*.json"):
        os.utime(path, (stamp, stamp))
    return ws


async def _mask(pilot: Pilot[None]) -> None:
    for screen in pilot.app.screen_stack:
        for widget_id, text in (("#start-folder", "Workspace: ~/drafter"), ("#status", "青禾镇 · 2025 · 2025.json")):
            for widget in screen.query(widget_id):
                if isinstance(widget, Static):
                    widget.update(text)
        for box in [*screen.query(TextArea), *screen.query(Input)]:
            box.cursor_blink = False  # a blinking cursor is drawn or not depending on the moment of the picture
    await pilot.pause()


def _editor_at(step: str, *keys: str) -> Callable[[Pilot[None]], Any]:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, EditorScreen)
        screen.show_step(next(i for i, s in enumerate(screen.steps) if s.id == step), focus=True)
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await _mask(pilot)

    return run_before


def test_start_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(workspace=_workspace(tmp_path), lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=_mask)


def test_part_editor_with_last_year(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(file=_workspace(tmp_path) / "2025.json", lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=_editor_at("measures"))


def test_figures_form(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(file=_workspace(tmp_path) / "2025.json", lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=_editor_at("figures"))


def test_snippet_dialog(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(file=_workspace(tmp_path) / "2025.json", lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=_editor_at("measures", "f4"))


def test_preview(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(file=_workspace(tmp_path) / "2025.json", lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=_editor_at("preview"))


SMALL = (80, 24)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x30", "80x24"])
def test_part_editor_sizes(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(file=_workspace(tmp_path) / "2025.json", lang="en")
    assert snap_compare(app, terminal_size=size, run_before=_editor_at("measures"))


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x30", "80x24"])
def test_review_pane(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(file=_workspace(tmp_path) / "2025.json", lang="en")
    assert snap_compare(app, terminal_size=size, run_before=_editor_at("review"))


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x30", "80x24"])
def test_help_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(file=_workspace(tmp_path) / "2025.json", lang="en")
    assert snap_compare(app, terminal_size=size, run_before=_editor_at("measures", "f1"))
