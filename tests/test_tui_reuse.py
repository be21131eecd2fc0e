"""Pilot tests of the UI parts that use the other layers: carry forward, import, checks and fixes."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from textual.widgets import Label, ListView, Static

from drafter.model import Answers, Provenance
from drafter.pipeline import render_file
from drafter.store import load_answers, save_answers
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.widgets.part_editor import PartEditor
from drafter.tui.widgets.review import ReviewPane
from tests.conftest import EXAMPLES
from tests.tui_helpers import import_from_start, open_imported, screen_rows, wait_until, workspace_read

SIZE = (100, 30)


async def test_from_last_year_marks_text_unreviewed_and_f8_confirms(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copy(EXAMPLES / "2024.json", ws / "2024.json")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "enter")  # the year asked for defaults to the next free one
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.session.path == ws / "2025.json"
        await pilot.press("f3")  # measures: no opening paragraphs, so the first item is shown
        editor = screen.query_one("#part-measures", PartEditor)
        assert editor.current == 1
        await pilot.pause()
        note = editor.query_one("#review-note", Label)
        assert note.display and "not yet reviewed" in str(note.render())
        await pilot.press("f8")
        await pilot.pause()
        assert not note.display
        # last year's text of the same part is shown alongside
        assert "Last year (2024)" in str(editor.query_one(".last-year Static", Static).render())
        await pilot.press("ctrl+q")
    carried = load_answers(ws / "2025.json")
    measures = carried.sections.get("measures")
    assert measures is not None
    assert all(p.provenance is Provenance.TYPED for p in measures.items[0].paragraphs)
    assert any(p.provenance is Provenance.CARRIED for p in measures.items[1].paragraphs)


async def test_from_last_year_shows_a_busy_sign_until_the_new_report_opens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the year is chosen, the list of reports is covered by a busy sign while the report is carried forward
    (the test holds the carry until it has seen the sign); the sign is gone once the editor opens."""
    import drafter.workspace

    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copy(EXAMPLES / "2024.json", ws / "2024.json")
    release = threading.Event()
    carried_forward = drafter.workspace.carried_forward

    def held(folder: Path, pack: str, year: int) -> Answers:
        release.wait(timeout=15)  # let go by the test once it has seen the sign; a carry on the UI's thread waits
        return carried_forward(folder, pack, year)

    monkeypatch.setattr(drafter.workspace, "carried_forward", held)
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)
        start = app.screen
        assert isinstance(start, StartScreen)
        reports = start.query_one("#reports", ListView)
        await pilot.press("l", "enter")
        try:
            await wait_until(pilot, lambda: reports.loading and not any("青禾镇" in row for row in screen_rows(app)),
                             "the busy sign over the list of reports")
            assert app.screen is start
        finally:
            release.set()
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor of the new report")
        assert not reports.loading
        await pilot.press("escape")  # back to the list: the new report is in it, with no sign over it
        await wait_until(pilot, lambda: app.screen is start and any("2025" in row for row in screen_rows(app)),
                         "the list with the new report")
        assert not reports.loading
        await pilot.press("ctrl+q")
    assert (ws / "2025.json").is_file()


async def test_the_review_names_last_years_figure_a_carried_paragraph_states(tmp_path: Path) -> None:
    """Carried forward on the start screen, a paragraph that states last year's 会前学法 12次 is listed in the review
    with the figure, its value and this year's (not filled in): the same words ``drafter check`` prints."""
    from drafter.checks import check_answers
    from drafter.pack import load_pack
    from tests.factories import make_answers

    ws = tmp_path / "ws"
    ws.mkdir()
    save_answers(ws / "2024.json", make_answers(year=2024), keep=0)  # 一是会前学法12次…, 党委会会前学法 = 12
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)
        await pilot.press("l", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor of the new report")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.show_step(screen.step_index("review"), focus=True)
        pane = screen.query_one(ReviewPane)

        def rows() -> list[str]:
            return [str(label.render()) for label in pane.query(".finding").results(Label)]

        await wait_until(pilot, lambda: bool(rows()), "the findings listed")
        shown = rows()
        await pilot.press("ctrl+q")
    clause = "“党委会会前学法 12次” in it is last year's figure, and this year's is not filled in"
    naming = [row for row in shown if clause in row]
    assert len(naming) == 1 and "一是会前学法12次" in naming[0], shown
    expected = next(f.message for f in check_answers(load_answers(ws / "2025.json"), load_pack(),
                                                     load_answers(ws / "2024.json")) if clause in f.message)
    assert expected in naming[0]


def _word_file_and_empty_workspace(tmp_path: Path, example: str) -> tuple[Path, Path]:
    """The example ``example`` rendered to a Word file, and an empty workspace to import it into."""
    source = tmp_path / f"report-{example}.docx"
    render_file(EXAMPLES / f"{example}.json", source)
    ws = tmp_path / "ws"
    ws.mkdir()
    return source, ws


async def test_import_a_word_file_from_the_start_screen(tmp_path: Path) -> None:
    source, ws = _word_file_and_empty_workspace(tmp_path, "2024")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await import_from_start(pilot, source)
        await open_imported(pilot, ws)


async def test_an_imported_report_keeps_its_own_type(tmp_path: Path) -> None:
    """A 政府信息公开 report imported from the start screen is saved as one (gongkai-2024.json, tables filled), not as
    the default type the editor started with."""
    source, ws = _word_file_and_empty_workspace(tmp_path, "gongkai-2024")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await import_from_start(pilot, source)
        await wait_until(pilot, lambda: (ws / "gongkai-2024.json").is_file(), "the imported report saved", 30)
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    imported = load_answers(ws / "gongkai-2024.json")
    assert imported.pack == "gongkai" and not (ws / "2024.json").exists()
    expected = load_answers(EXAMPLES / "gongkai-2024.json")
    assert imported.tables["requests"].cells == expected.tables["requests"].cells


async def test_review_lists_findings_and_fixes_punctuation(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "2025.json")
    measures = answers.sections.get("measures")
    assert measures is not None
    measures.items[0].paragraphs[0].text = "镇党委全年研究法治工作4次,部署任务26项。"
    path = tmp_path / "2025.json"
    save_answers(path, answers, keep=0)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.pause()
        screen.show_step(screen.step_index("review"), focus=True)
        await pilot.pause()
        pane = screen.query_one(ReviewPane)
        rules = [f.rule for f in pane.findings]
        assert "punct.halfwidth" in rules
        index = rules.index("punct.halfwidth")
        pane.query_one("#findings", ListView).index = index
        await pilot.press("enter")  # jumps to the place
        await pilot.pause()
        editor = screen.current_part()
        assert editor is not None and editor.spec.key == "measures" and editor.current == 1
        screen.show_step(screen.step_index("review"), focus=True)
        await pilot.press("f10")
        await pilot.pause()
        assert "punct.halfwidth" not in [f.rule for f in pane.findings]
        await pilot.press("ctrl+q")
    fixed = load_answers(path).sections.get("measures")
    assert fixed is not None and fixed.items[0].paragraphs[0].text == "镇党委全年研究法治工作4次，部署任务26项。"
