"""Opening a report changes nothing (issue 27, 4 and 5): quitting untouched leaves the file and its backups as they
were, and the editor opens with focus on the step list, never in a field with its text selected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, ListView

from drafter.store import BACKUP_DIR
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.widgets.sidebar import Sidebar
from tests.tui_helpers import example_workspace, type_text, wait_until, workspace_read

SIZE = (100, 30)
EXAMPLES = ["2025.json", "gongkai-2025.json"]


def _reordered(path: Path) -> bytes:
    """Rewrite ``path`` as a hand-edited file would be: keys in another order, another indentation."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps(dict(reversed(list(data.items()))), ensure_ascii=False, indent=4)
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


async def _open_from_start(pilot: Pilot[None], name: str) -> EditorScreen:
    """On the start screen, click the row of report ``name`` and press Enter, as a clerk does in the browser."""
    await workspace_read(pilot)
    start = pilot.app.screen
    assert isinstance(start, StartScreen)
    row = next(i for i, entry in enumerate(start.entries) if entry.path.name == name)
    view = start.query_one("#reports", ListView)
    await pilot.click(view.children[row])
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, EditorScreen), "the editor")
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    return screen


@pytest.mark.parametrize("name", EXAMPLES)
async def test_opening_and_quitting_untouched_rewrites_nothing(tmp_path: Path, name: str) -> None:
    ws = example_workspace(tmp_path / "ws")
    path = ws / name
    before = _reordered(path)
    stamp = path.stat().st_mtime_ns
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_from_start(pilot, name)
        await pilot.press("f3", "f3", "escape")  # walking through steps and back to the list is no change either
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stamp
    assert not (ws / BACKUP_DIR).exists()


@pytest.mark.parametrize("name", EXAMPLES)
async def test_a_report_opens_with_focus_on_the_steps_and_a_key_changes_nothing(tmp_path: Path, name: str) -> None:
    ws = example_workspace(tmp_path / "ws")
    path = ws / name
    before = path.read_bytes()
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_from_start(pilot, name)
        assert isinstance(app.focused, Sidebar)
        town = screen.query_one("#basic-name", Input)
        assert town.value == "青禾镇" and town.selected_text == ""
        await type_text(pilot, "X")  # the key that erased the township name in the browser
        await pilot.pause()
        assert town.value == "青禾镇"
        await pilot.press("enter")  # Enter on the Basics step goes into 乡镇, with nothing selected
        assert app.focused is town and town.selected_text == ""
        await pilot.press("escape")
        await workspace_read(pilot)
        start = app.screen
        assert isinstance(start, StartScreen)
        await pilot.double_click(start.query_one("#reports", ListView).children[0])  # a double click opens
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor after a double click")
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before


def _check_json(path: Path) -> list[dict[str, str]]:
    """What ``drafter check --format json`` prints for ``path``, run as the clerk runs it."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run([sys.executable, "-m", "drafter", "--lang", "en", "check", str(path), "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode in (0, 1), result.stderr
    findings: list[dict[str, str]] = json.loads(result.stdout)["findings"]
    return findings


@pytest.mark.parametrize("name", EXAMPLES)
async def test_the_editors_marks_and_completeness_are_what_check_prints(tmp_path: Path, name: str) -> None:
    """Issue 27 (6): a paragraph left as last year's is a finding for check and for the editor alike, and a
    report check finds complete shows 100% and no mark."""
    from textual.widgets import Label

    from drafter.pack import load_pack
    from drafter.store import load_answers, save_answers
    from drafter.tui.screens.start import entry_text
    from drafter.workspace import completeness, scan

    ws = example_workspace(tmp_path / "ws")
    assert _check_json(ws / name) == [f for f in _check_json(ws / name) if f["severity"] == "info"]  # clean
    entry = next(e for e in scan(ws) if e.path.name == name)
    assert entry.answers is not None
    assert completeness(entry.answers, load_pack(entry.answers.pack)) == 100
    assert "100%" in entry_text(entry)
    # now leave one paragraph as it was last year
    path = ws / name
    answers = load_answers(path)
    last = load_answers(ws / name.replace("2025", "2024"))
    key = next(k for k, s in last.sections.items() if s.all_paragraphs() and k in answers.sections)
    answers.sections[key].all_paragraphs()[0].text = last.sections[key].all_paragraphs()[0].text
    save_answers(path, answers, keep=0)
    printed = [f for f in _check_json(path) if f["severity"] != "info"]
    assert any(f["rule"] == "text.unchanged" and f["section"] == key for f in printed)
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_from_start(pilot, name)
        screen._update_sidebar()
        await pilot.pause()
        for step in screen.steps:
            expected = len([f for f in printed if (f["section"] or "basics") == step.id])
            count = str(screen.query_one(f"#{step.dom_id} .step-count", Label).render())
            assert count == (f"⚑{expected}" if expected else ""), step.id
        assert str(screen.query_one("#step--basics .step-label", Label).render()).startswith("●")
        await pilot.press("ctrl+q")


async def test_a_read_only_report_shows_no_cursor_and_says_typing_is_ignored(tmp_path: Path) -> None:
    """Issue 27 (8): the second tab on a report is read-only; its text box draws no cursor and a key says why
    nothing happens."""
    import os

    from textual.widgets import TextArea

    from tests.test_editlock import hold_lock

    ws = example_workspace(tmp_path / "ws")
    path = ws / "2025.json"
    before = path.read_bytes()
    hold_lock(path, os.getppid())  # a live process on this machine: the other tab or window
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        body = app.screen.query_one("#part-measures #body", TextArea)
        assert app.focused is body and body.read_only
        cursor = body.get_component_rich_style("text-area--cursor")
        plain = body.rich_style
        assert cursor.bgcolor is None or cursor.bgcolor == plain.bgcolor, cursor
        assert not cursor.reverse
        text = body.text
        await type_text(pilot, "x")
        await wait_until(pilot, lambda: any("typing is ignored" in n.message for n in app._notifications),
                         "the message")
        assert body.text == text
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before
