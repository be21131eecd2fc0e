"""Pilot test of the submission step: dispatch fields validated inline and saved, and F9 writing the sealed copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from textual.widgets import Input, Select, Static

from drafter.store import load_answers
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.generated import GeneratedScreen
from tests.conftest import EXAMPLES
from tests.tui_helpers import type_text

SIZE = (100, 30)


async def test_submission_step_edits_dispatch_data_and_f9_writes_the_submission_copy(tmp_path: Path) -> None:
    path = tmp_path / "2025.json"
    shutil.copy(EXAMPLES / "2025.json", path)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.show_step(screen.step_index("submission"), focus=True)
        await pilot.pause()
        assert screen.query_one("#sub-number_prefix", Input).value == "青禾发"
        assert screen.query_one("#sub-issuers", Input).value == "林晓峰、周建国"
        serial = screen.query_one("#sub-serial", Input)
        serial.focus()
        await pilot.press("home")
        await type_text(pilot, "0")  # 03
        message = screen.query_one("#smsg-serial", Static)
        assert "leading zeros" in str(message.render()) and message.display
        assert screen.session.answers.dispatch.serial == 3  # the last valid value is kept
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "7")
        assert not message.display
        prefix = screen.query_one("#sub-number_prefix", Input)
        prefix.focus()
        await pilot.press("end")
        await type_text(pilot, "〔")
        assert "brackets" in str(screen.query_one("#smsg-number_prefix", Static).render())
        await pilot.press("backspace")
        screen.query_one("#sub-copy", Select).value = "submission"
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, GeneratedScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    saved = load_answers(path)
    assert saved.dispatch.serial == 7 and saved.org.number_prefix == "青禾发"
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "2025.docx")).paragraphs)
    assert "青禾发〔2026〕7号" in text and "签发人：" in text
