"""The main screens at 100×30, read as the clerk reads them: the text on each row of the terminal.

These replace picture snapshots: a picture compared byte for byte breaks with every Textual or Rich release that
wraps or draws a cell differently, while what the clerk must be able to read does not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from drafter.store import load_answers
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from tests.tui_helpers import example_workspace, screen_rows, wait_until, workspace_read

SIZE = (100, 30)


async def _at_step(pilot: Pilot[None], step: str, *keys: str, footer: str = "quit") -> list[str]:
    """The rows of the editor at ``step`` after ``keys``, once the footer shows ``footer``."""
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    screen.show_step(screen.step_index(step), focus=True)
    await pilot.pause()
    if keys:
        await pilot.press(*keys)
        await pilot.pause()
    await wait_until(pilot, lambda: footer in _footer(screen_rows(pilot.app)).lower(), f"“{footer}” in the footer")
    return screen_rows(pilot.app)


def _footer(rows: list[str]) -> str:
    return next(row for row in reversed(rows) if row.strip())


async def test_start_screen_lists_each_year_with_its_township(tmp_path: Path) -> None:
    app = make_app(workspace=example_workspace(tmp_path / "ws"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)  # the list in full (after the quick one from each file's head)
        await wait_until(pilot, lambda: sum("complete" in row for row in screen_rows(app)) == 4, "the report list")
        await wait_until(pilot, lambda: "Quit" in _footer(screen_rows(app)), "the footer")
        rows = screen_rows(app)
    listed = [row for row in rows if "青禾镇" in row]
    assert [row.strip("│ ")[:4] for row in listed] == ["2025", "2025", "2024", "2024"]  # newest first, both kinds
    assert all("complete" in row for row in listed)
    assert "New report" in _footer(rows) and "Quit" in _footer(rows)


async def test_the_first_paint_of_the_start_screen_lists_the_reports(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The list is composed with its rows (issue 27, 8): they are there when the screen is mounted and on its first
    refresh, with the full reading in its worker thread kept from ever running."""
    from textual.widgets import ListView

    from drafter.tui.screens.start import StartScreen

    seen: dict[str, list[str]] = {}
    mounted = StartScreen.on_mount

    def on_mount(screen: StartScreen) -> None:
        view = screen.query_one("#reports", ListView)
        seen["mount"] = [str(label.render()) for label in view.query("ListItem Label")]
        mounted(screen)

    monkeypatch.setattr(StartScreen, "on_mount", on_mount)
    monkeypatch.setattr(StartScreen, "_read_in_full", lambda screen: None)  # no worker fills the list
    app = make_app(workspace=example_workspace(tmp_path / "ws"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # one refresh: the first paint
        rows = screen_rows(app)
        assert isinstance(app.screen, StartScreen) and not app.screen.loaded
    expected = ["2025 法治政府建设年度报告 青禾镇", "2025 政府信息公开工作年度报告 青禾镇",
                "2024 法治政府建设年度报告 青禾镇", "2024 政府信息公开工作年度报告 青禾镇"]
    assert [text.split(" saved ")[0] for text in seen["mount"]] == expected
    assert [row.strip("│ ").split(" saved ")[0] for row in rows if "青禾镇" in row] == expected


async def test_part_editor_shows_guidance_items_text_and_last_year(tmp_path: Path) -> None:
    path = example_workspace(tmp_path / "ws") / "2025.json"
    measures = load_answers(path).sections.get("measures")
    assert measures is not None
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        rows = await _at_step(pilot, "measures")
    text = "\n".join(rows)
    assert "主要举措和成效" in rows[1]
    assert "Last year (2024):" in text
    numbered = [row for row in rows if "（一）" in row or "（二）" in row]
    assert len(numbered) >= 3  # this year's item list and last year's pane
    assert measures.items[0].heading[:8] in text
    assert "Snippets" in _footer(rows) and "Generate" in _footer(rows)


async def test_figures_form_shows_value_and_last_year_beside_it(tmp_path: Path) -> None:
    path = example_workspace(tmp_path / "ws") / "2025.json"
    answers = load_answers(path)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        rows = await _at_step(pilot, "figures")
    value = answers.figure_value("committee_study_sessions")
    row = next(r for r in rows if "党委会会前学法" in r)
    assert f"（次）{value}" in row and "last year" in row


async def test_snippet_dialog_lists_snippets_with_their_keys(tmp_path: Path) -> None:
    app = make_app(file=example_workspace(tmp_path / "ws") / "2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        rows = await _at_step(pilot, "measures", "f4", footer="esc")  # the dialog's footer names how to leave it
    assert "矛盾纠纷" in "\n".join(rows)  # a topic of the snippet library


async def test_preview_shows_the_composed_document(tmp_path: Path) -> None:
    app = make_app(file=example_workspace(tmp_path / "ws") / "2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        rows = await _at_step(pilot, "preview")
    assert "法治政府建设情况的报告" in rows[1]
    assert any(row.endswith("县委、县政府：") for row in rows)
    assert any("一、2025年度推进法治政府建设的主要举措和成效" in row for row in rows)


SIZES = [SIZE, (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
async def test_editor_review_and_help_keep_what_the_clerk_needs_at_each_size(tmp_path: Path,
                                                                              size: tuple[int, int]) -> None:
    """At 100×30 and 80×24: the part editor's list and text, the review's findings with their fix, the help's
    keys — and a footer that still says how to leave (Esc) and quit, and where help is (F1)."""
    path = example_workspace(tmp_path / "ws") / "2025.json"
    app = make_app(file=path, lang="en")
    async with app.run_test(size=size) as pilot:
        editor = await _at_step(pilot, "measures")
        review = await _at_step(pilot, "review")
        help_rows = await _at_step(pilot, "measures", "f1", footer="esc")
    for rows in (editor, review):
        footer = _footer(rows).lower()
        assert "quit" in footer and "f1" in footer, footer
        assert all(len(row) <= size[0] for row in rows)
    assert any("（一）" in row for row in editor)
    assert "Last year" in "\n".join(editor)
    assert any("→" in row for row in review), "a finding shows its suggested fix"
    assert "F1" in "\n".join(help_rows) and "F9" in "\n".join(help_rows)



async def test_each_report_is_offered_its_own_packs_snippets(tmp_path: Path) -> None:
    """Issue 27 item 7: after a 法治 report, a 政府信息公开 report of the same session is offered the 政府信息公开
    snippets (the app used to load its default pack's library once, for every report)."""
    from textual.widgets import ListView, OptionList

    from drafter.tui.screens.snippets import SnippetScreen
    from drafter.tui.screens.start import StartScreen

    app = make_app(workspace=example_workspace(tmp_path / "ws"), lang="en")
    offered: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)
        for row, step in ((0, "measures"), (1, "overview")):  # 2025 法治, then 2025 政府信息公开
            pilot.app.screen.query_one("#reports", ListView).index = row
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, EditorScreen), "the editor")
            editor = pilot.app.screen
            assert isinstance(editor, EditorScreen)
            await _at_step(pilot, step, "f4", footer="esc")
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, SnippetScreen), "the snippet dialog")
            options = pilot.app.screen.query_one("#snippet-list", OptionList)
            offered[editor.session.answers.pack] = "\n".join(
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
            await pilot.press("escape")
            await wait_until(pilot, lambda shown=editor: pilot.app.screen is shown, "the editor again")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, StartScreen), "the list of reports")
    assert "矛盾纠纷" in offered["fazhi-zhengfu"] and "发布前审查" not in offered["fazhi-zhengfu"]
    assert "发布前审查" in offered["gongkai"] and "矛盾纠纷" not in offered["gongkai"]
