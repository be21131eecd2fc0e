"""The clerk's journey (issue 19, "done when"): start from last year, edit, delete, undo and paste in a part,
insert a snippet, review and jump to a finding, generate, quit and reopen. After every step the answers file
holds exactly what the screen shows; at the end the Word document holds exactly that text.

Not walked here: changing the figure an inserted snippet uses (live figures in prose belong to the figures
work, issue 12, which is not on this branch).
"""

from __future__ import annotations

from pathlib import Path

import docx
from textual.pilot import Pilot
from textual.widgets import Input, Label, ListView, TextArea

from drafter.compose import Kind, compose
from drafter.figures import find_printed, to_editor, values_of
from drafter.model import Answers
from drafter.outline import entry_paths, item_at
from drafter.pack import load_pack
from drafter.store import load_answers
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.generated import GeneratedScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.widgets.part_editor import PartEditor
from drafter.tui.widgets.part_items import entry_label
from drafter.typeset.ooxml import ZERO_WIDTH_SPACE
from tests.tui_helpers import example_workspace, held_within, jump_to_finding, type_text

SIZE = (100, 30)
SAVED_WITHIN_S = 1.5


def _screen_view(editor: PartEditor) -> tuple[list[str], list[str]]:
    """What the part's screen shows: the labels of the list of items and the paragraphs in the text box."""
    labels = [str(child.query_one(Label).render()) for child in editor.query_one("#items", ListView).children]
    body = editor.query_one("#body", TextArea)
    return labels, [line.strip() for line in body.text.splitlines() if line.strip()]


def _file_view(path: Path, editor: PartEditor) -> tuple[list[str], list[str]]:
    """The same, computed from the answers file."""
    answers = load_answers(path)
    section = answers.sections.get(editor.spec.key)
    assert section is not None
    entries = entry_paths(section)
    labels = [entry_label(section, p) for p in entries]
    entry = editor.path
    paragraphs = section.intro if not entry else item_at(section, entry).paragraphs
    values = values_of(answers, load_pack())  # a live figure shows as ⟦label=value⟧ in the editor
    return labels, [to_editor(p.text, values) for p in paragraphs]


async def file_equals_screen(pilot: Pilot[None], path: Path, step: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen), step
    editor = screen.current_part()
    assert editor is not None, step
    ok = await held_within(pilot, lambda: _file_view(path, editor) == _screen_view(editor), SAVED_WITHIN_S)
    assert ok, f"after {step}: screen {_screen_view(editor)} ≠ file {_file_view(path, editor)}"


def docx_paragraphs(path: Path) -> list[str]:
    # the title's line breaks (linebreak.title_lines) and the zero-width space after a mark before Latin text
    # (ooxml.break_after_marks) are layout, not text
    return [p.text.replace("\n", "").replace(ZERO_WIDTH_SPACE, "") for p in docx.Document(str(path)).paragraphs
            if p.text.strip()]


def body_texts(answers: Answers) -> list[str]:
    """The text of every block of the report composed from ``answers`` (what the document must hold)."""
    blocks = compose(answers, load_pack()).blocks
    return [b.plain() for b in blocks if b.kind is not Kind.TABLE and b.plain().strip()]


async def test_clerk_journey(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    (ws / "2024.json").unlink()
    path = ws / "2026.json"
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        # start from last year
        assert await held_within(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.loaded, 5)
        await pilot.press("l", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen) and screen.session.path == path
        await pilot.press("f3")
        editor = screen.query_one("#part-measures", PartEditor)
        body = editor.query_one("#body", TextArea)
        await file_equals_screen(pilot, path, "opening the part")
        # edit: a word typed at the end of the first paragraph, then a character deleted
        body.move_cursor((0, len(body.document.get_line(0))))
        await type_text(pilot, "全年无一例败诉。")
        await file_equals_screen(pilot, path, "typing")
        await pilot.press("backspace")
        await file_equals_screen(pilot, path, "Backspace")
        # delete an item, then undo the deletion
        listing = editor.query_one("#items", ListView)
        listing.focus()
        listing.index = 2
        await pilot.pause()
        removed_heading = editor.section.items[1].heading
        await pilot.press("delete", "y")
        await pilot.pause()
        await file_equals_screen(pilot, path, "removing an item")
        measures = load_answers(path).sections.get("measures")
        assert measures is not None and removed_heading not in [i.heading for i in measures.items]
        await pilot.press("ctrl+z")
        await pilot.pause()
        await file_equals_screen(pilot, path, "undoing the removal")
        assert load_answers(path).sections.get("measures").items[1].heading == removed_heading  # type: ignore[union-attr]
        # paste: cut the last paragraph of an item and paste it back at the top
        listing.index = 1
        await pilot.pause()
        body.focus()
        last = body.document.line_count - 1
        body.move_cursor((last, 0))
        await pilot.press("shift+end", "ctrl+x")
        await file_equals_screen(pilot, path, "cut")
        body.move_cursor((0, 0))
        await pilot.press("ctrl+v", "enter")
        await file_equals_screen(pilot, path, "paste")
        # a snippet at the cursor, its own paragraph
        body.move_cursor((0, 0))
        await pilot.press("f4")
        await type_text(pilot, "法律顾问参与合同审查")
        await pilot.press("enter")
        await pilot.pause()
        await file_equals_screen(pilot, path, "inserting a snippet")
        assert "法律顾问" in body.document.get_line(0)
        # change the snippet's figure in the figures form: the sentence shows the new value at once
        assert "⟦" in body.document.get_line(0), "the snippet's figures are live"
        screen.show_step(screen.step_index("figures"), focus=True)
        await pilot.pause()
        field = screen.query_one("#fig-contracts_reviewed", Input)
        field.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "77")
        await pilot.pause()
        screen.show_step(screen.step_index("measures"), focus=True)
        await pilot.pause()
        assert "=77⟧份" in body.document.get_line(0)
        assert await held_within(pilot, lambda: load_answers(path).figure_value("contracts_reviewed") == 77,
                                 SAVED_WITHIN_S)
        await file_equals_screen(pilot, path, "changing the snippet's figure")
        # review: jump to a finding in the part; the cursor lands on its text
        excerpt = await jump_to_finding(pilot, screen, "measures")
        assert app.focused is body
        row, column = body.cursor_location
        assert find_printed(body.document.get_line(row), excerpt) == column
        await file_equals_screen(pilot, path, "jumping to a finding")
        # F9, then quit
        await pilot.press("f9")
        assert await held_within(pilot, lambda: isinstance(app.screen, GeneratedScreen), 30)
        await pilot.press("escape")
        await pilot.pause()
        await file_equals_screen(pilot, path, "generating")
        shown = _screen_view(editor)
        await pilot.press("ctrl+q")
    saved = load_answers(path)
    # the document holds exactly the saved text
    assert docx_paragraphs(ws / "2026.docx") == body_texts(saved)
    # reopen: the same text is on screen
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert await held_within(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.loaded, 5)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen) and screen.session.path == path
        await pilot.press("f3")
        editor = screen.query_one("#part-measures", PartEditor)
        editor.query_one("#items", ListView).index = editor.entries.index(editor.entries[1])
        await pilot.pause()
        await file_equals_screen(pilot, path, "reopening")
        labels, _paragraphs = _screen_view(editor)
        assert labels == shown[0]
