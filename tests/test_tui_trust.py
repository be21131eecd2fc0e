"""The file always matches the screen: every kind of change in a part is saved, item removal can be undone,
a snippet becomes a paragraph of its own (issue 19)."""

from __future__ import annotations

import time
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, ListItem, ListView, Static, TextArea
from textual.widgets._footer import FooterKey

from drafter.editor_text import inside_figure
from drafter.figures import catalogue, find_printed, to_editor, values_of
from drafter.model import Answers, Item, Organisation, Paragraph, Provenance, Section
from drafter.pack import load_pack
from drafter.snippets import GAP
from drafter.store import BACKUP_DIR, load_answers, save_answers
from drafter.tui.app import make_app
from drafter.tui.screens.confirm import ConfirmScreen
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.screens.year import YearScreen
from drafter.tui.widgets.part_editor import PartEditor
from drafter.tui.widgets.review import ReviewPane
from tests.tui_helpers import example_workspace, held_within, jump_to_finding, type_text, wait_until

SIZE = (100, 30)
SAVED_WITHIN_S = 1.5
"""The editor saves 0.4 s after a change; the margin is for a loaded test machine."""


def _report(tmp_path: Path, intro: list[Paragraph], items: list[Item] | None = None) -> Path:
    answers = Answers(org=Organisation(name="青禾镇"), year=2025)
    answers.sections["measures"] = Section(intro=intro, items=items or [])
    path = tmp_path / "2025.json"
    save_answers(path, answers, keep=0)
    return path


def shown(body: TextArea) -> list[str]:
    """The paragraphs the clerk sees in the body box."""
    return [line.strip() for line in body.text.splitlines() if line.strip()]


def saved_intro(path: Path) -> list[str]:
    """The measures part's opening paragraphs as the answers file holds them, shown as the editor shows them
    (a live figure as ``⟦label=value⟧``)."""
    answers = load_answers(path)
    section = answers.sections.get("measures")
    values = values_of(answers, load_pack())
    return [] if section is None else [to_editor(p.text, values) for p in section.intro]


async def assert_file_matches_screen(pilot: Pilot[None], path: Path, body: TextArea, what: str) -> None:
    """Within the promised time the file holds what the screen shows, and the header says when it was saved."""
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    before = screen.session.saved_at
    ok = await held_within(pilot, lambda: saved_intro(path) == shown(body), SAVED_WITHIN_S)
    assert ok, f"after {what}: the screen shows {shown(body)} but the file holds {saved_intro(path)}"
    await held_within(pilot, lambda: screen.session.saved_at != before, SAVED_WITHIN_S)
    assert screen.session.saved_at is not None
    stamp = time.strftime("%H:%M:%S", time.localtime(screen.session.saved_at))
    assert stamp in str(screen.query_one("#status", Static).render()), f"after {what}: header without {stamp}"


async def _open_measures(pilot: Pilot[None]) -> tuple[EditorScreen, PartEditor, TextArea]:
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    await pilot.press("f3")
    editor = screen.query_one("#part-measures", PartEditor)
    body = editor.query_one("#body", TextArea)
    assert pilot.app.focused is body
    return screen, editor, body


async def test_every_kind_of_change_in_a_part_is_saved(tmp_path: Path) -> None:
    path = _report(tmp_path, [Paragraph(text="全年推进法治建设。")])
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        _screen, _editor, body = await _open_measures(pilot)
        await pilot.press("end")
        await type_text(pilot, "X")
        await assert_file_matches_screen(pilot, path, body, "typing")
        assert saved_intro(path) == ["全年推进法治建设。X"]
        await pilot.press("backspace")  # the change that used to be lost: back to the text first loaded
        await assert_file_matches_screen(pilot, path, body, "Backspace")
        assert saved_intro(path) == ["全年推进法治建设。"]
        await pilot.press("shift+home", "ctrl+x")
        await assert_file_matches_screen(pilot, path, body, "cut")
        assert saved_intro(path) == []
        await pilot.press("ctrl+v")
        await assert_file_matches_screen(pilot, path, body, "paste")
        assert saved_intro(path) == ["全年推进法治建设。"]
        await pilot.press("ctrl+z")
        await assert_file_matches_screen(pilot, path, body, "undo")
        assert saved_intro(path) == []
        await pilot.press("ctrl+y")
        await assert_file_matches_screen(pilot, path, body, "redo")
        assert saved_intro(path) == ["全年推进法治建设。"]
        await pilot.press("home", "delete")
        await assert_file_matches_screen(pilot, path, body, "Delete")
        assert saved_intro(path) == ["年推进法治建设。"]


async def test_undoing_a_snippet_leaves_nothing_of_it_behind(tmp_path: Path) -> None:
    path = _report(tmp_path, [Paragraph(text="全年推进法治建设。")])
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen, _editor, body = await _open_measures(pilot)
        await pilot.press("end", "f4")
        await type_text(pilot, "排查化解总体")
        await pilot.press("enter")
        await pilot.pause()
        assert GAP in body.text
        await assert_file_matches_screen(pilot, path, body, "inserting a snippet")
        assert any(GAP in text for text in saved_intro(path))
        await pilot.press("ctrl+z")
        await assert_file_matches_screen(pilot, path, body, "undoing the snippet")
        assert saved_intro(path) == ["全年推进法治建设。"]
        # the review lists no placeholder of the snippet; jumping to the part shows the text without it
        screen.show_step(screen.step_index("review"), focus=True)
        await pilot.pause()
        review = screen.query_one(ReviewPane)
        assert not any(GAP in (f.excerpt or "") or "placeholder" in f.message.lower() for f in review.findings)
        screen.go_to("measures", (-1, 0))
        await pilot.pause()
        assert shown(body) == ["全年推进法治建设。"]


async def test_a_removed_item_comes_back_with_ctrl_z(tmp_path: Path) -> None:
    items = [Item(heading="加强组织领导", paragraphs=[Paragraph(text="专题研究4次。")]),
             Item(heading="深化普法宣传", paragraphs=[Paragraph(text="开展宣传12场。")])]
    path = _report(tmp_path, [], items)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen, editor, _body = await _open_measures(pilot)
        listing = editor.query_one("#items", ListView)
        listing.focus()
        listing.index = 1
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.focused is listing  # focus is back on the list, where Ctrl+Z undoes
        assert await held_within(
            pilot, lambda: [i.heading for i in load_answers(path).sections.get("measures").items]  # type: ignore[union-attr]
            == ["深化普法宣传"], SAVED_WITHIN_S)
        assert any("Ctrl+Z" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("restored" in n.message and "加强组织领导" in n.message for n in app._notifications)
        labels = [str(child.query_one("Label").render()) for child in listing.children]
        assert labels[1:] == ["（一）加强组织领导", "（二）深化普法宣传"]

        def restored() -> bool:
            section = load_answers(path).sections.get("measures")
            assert section is not None
            return [(i.heading, [p.text for p in i.paragraphs]) for i in section.items] == [
                ("加强组织领导", ["专题研究4次。"]), ("深化普法宣传", ["开展宣传12场。"])]

        assert await held_within(pilot, restored, SAVED_WITHIN_S)
        assert not app.screen.active_bindings.get("ctrl+z") or not app.screen.active_bindings["ctrl+z"][2]
        assert screen.session.answers.sections.get("measures") is not None


async def test_a_snippet_becomes_its_own_paragraph_and_the_others_keep_their_marks(tmp_path: Path) -> None:
    carried = [Paragraph(text="去年的第一段。", provenance=Provenance.CARRIED),
               Paragraph(text="去年的第二段。", provenance=Provenance.CARRIED)]
    path = _report(tmp_path, carried)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        _screen, _editor, body = await _open_measures(pilot)
        body.move_cursor((1, 0))  # at the start of the second paragraph
        await pilot.press("f4")
        await type_text(pilot, "排查化解总体")
        await pilot.press("enter")
        await pilot.pause()
        lines = shown(body)
        assert len(lines) == 3
        assert lines[0] == "去年的第一段。" and lines[2] == "去年的第二段。"
        assert "矛盾纠纷" in lines[1]
        await pilot.press("ctrl+q")
    section = load_answers(path).sections.get("measures")
    assert section is not None
    values = values_of(load_answers(path), load_pack())
    assert [(to_editor(p.text, values), p.provenance) for p in section.intro] == [
        ("去年的第一段。", Provenance.CARRIED), (lines[1], Provenance.TYPED), ("去年的第二段。", Provenance.CARRIED)]


async def test_the_year_is_not_typed_and_changes_only_through_a_confirmed_action(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    app = make_app(file=ws / "2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # into the basics form
        seen = set()
        for _ in range(12):
            assert app.focused is not None
            seen.add(app.focused.id)
            await pilot.press("tab")
        assert "basic-date" in seen and not any("year" in (i or "") for i in seen)
        app.screen.query_one("#basic-date", Input).focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2025")  # a date begun in the date field never reaches the year
        await wait_until(pilot, lambda: app.screen.query_one("#bmsg-date").display, "the date field's message")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.session.answers.year == 2025
        # F6 asks; a year the workspace has is refused; cancelling the confirmation changes nothing
        await pilot.press("f6")
        assert isinstance(app.screen, YearScreen)
        year_input = app.screen.query_one("#year-input", Input)
        assert year_input.value == "2026"
        await pilot.press("ctrl+u")
        await type_text(pilot, "2024")
        await pilot.press("enter")
        assert isinstance(app.screen, YearScreen)
        assert "already has a report for 2024" in str(app.screen.query_one("#year-message", Static).render())
        await pilot.press("ctrl+u")
        await type_text(pilot, "2026")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.answers.year == 2025 and (ws / "2025.json").exists()
        await pilot.press("f6")
        await pilot.press("enter", "y")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert "2026" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("ctrl+q")
    assert not (ws / "2025.json").exists()
    assert load_answers(ws / "2026.json").year == 2026
    assert load_answers(ws / "2024.json").year == 2024


async def test_from_last_year_asks_for_the_year_and_a_removed_report_comes_back(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert await held_within(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.loaded, 5)
        await pilot.press("l")
        assert isinstance(app.screen, YearScreen)
        assert app.screen.query_one("#year-input", Input).value == "2026"
        before = sorted(p.name for p in ws.glob("*.json"))
        await pilot.press("escape")  # pressed once too often: nothing is created
        await pilot.pause()
        assert sorted(p.name for p in ws.glob("*.json")) == before
        await pilot.press("l", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert load_answers(ws / "2026.json").year == 2026
        await pilot.press("escape")
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartScreen)
        assert start.selected() is not None and start.selected().year == 2026  # type: ignore[union-attr]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not (ws / "2026.json").exists()
        kept = list((ws / BACKUP_DIR / "removed").glob("2026-*.json"))
        assert len(kept) == 1 and load_answers(kept[0]).year == 2026
        assert [e.year for e in start.entries] == [2025, 2025, 2024, 2024]  # both kinds of report
        assert any("Press U" in n.message for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert load_answers(ws / "2026.json").year == 2026
        assert [e.year for e in start.entries] == [2026, 2025, 2025, 2024, 2024]


def _highlighted_row(listing: ListView) -> int | None:
    rows = [i for i, child in enumerate(listing.children) if isinstance(child, ListItem) and child.highlighted]
    return rows[0] if len(rows) == 1 else None


async def test_focus_stays_visible_and_a_jump_puts_the_cursor_on_the_finding(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    app = make_app(file=ws / "2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen, editor, body = await _open_measures(pilot)
        listing = editor.query_one("#items", ListView)
        await pilot.press("shift+tab")  # from the body back through the heading to the list
        await pilot.press("shift+tab")
        assert app.focused is listing
        assert _highlighted_row(listing) == editor.current
        await pilot.press("down", "alt+down")
        await pilot.pause()
        assert _highlighted_row(listing) == editor.current == listing.index
        await pilot.press("delete", "y")
        await pilot.pause()
        assert app.focused is listing and _highlighted_row(listing) == editor.current
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.focused is listing and _highlighted_row(listing) == editor.current
        # the boxes that take keys look different when they have the focus
        heading = editor.query_one("#heading", Input)
        blurred = heading.styles.border_top
        heading.focus()
        await pilot.pause()
        assert heading.styles.border_top != blurred
        # a finding in a part: Enter shows the place with the cursor on the finding's text
        excerpt = await jump_to_finding(pilot, screen, "measures")
        assert app.focused is body
        row, column = body.cursor_location
        # the cursor is at the finding's text, or on the live figure that prints it (never inside one)
        line = body.document.get_line(row)
        at = find_printed(line, excerpt)
        figure = inside_figure(line, at, catalogue(load_pack()))
        assert column == (figure[0] if figure is not None else at)
        assert _highlighted_row(listing) == editor.current
        await type_text(pilot, "Z")  # keys reach the text
        assert "Z" in body.document.get_line(row)
        # after the F9 dialog, the keys go back to the text box, never to a button
        await pilot.press("f9")
        await held_within(pilot, lambda: not isinstance(app.screen, EditorScreen), 10)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is body


async def test_nothing_the_clerk_needs_is_cut_at_80x24(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await held_within(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.loaded, 5)
        await pilot.press("l", "enter")  # the 2026 report from 2025: carried text, many findings
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        # the footer keeps the way back, quitting and help
        footer = {str(key.action).rsplit(".", 1)[-1] for key in screen.query(FooterKey)
                  if key.region.right <= 80 and key.region.width > 0}
        assert {"close", "quit", "help", "snippets", "generate"} <= footer, footer
        # the date hint proposes early next year
        assert screen.query_one("#basic-date", Input).placeholder.endswith("2027-01-15")
        # the sidebar shows whole counts, even beside a long label
        screen._update_sidebar()
        await pilot.pause()
        from drafter.tui.widgets.review import findings_by_part

        grouped = findings_by_part(screen.session.answers, screen.session.pack, screen.session.previous)
        measures = [f for f in grouped["measures"] if f.severity.value != "info"]
        assert len(measures) >= 10
        count = screen.query_one("#step-measures .step-count", Label)
        assert str(count.render()) == f"⚑{len(measures)}"
        assert count.region.width == len(f"⚑{len(measures)}") and count.region.right <= 20
        # the note about carried text stays in its column and is whole
        await pilot.press("f3")
        editor = screen.query_one("#part-measures", PartEditor)
        note = editor.query_one("#review-note", Label)
        assert note.display
        column = editor.query_one(".editor-column")
        assert note.region.x >= column.region.x and note.region.right <= column.region.right
        assert "F8" in str(note.render())
        # review rows wrap and show the suggested fix
        screen.show_step(screen.step_index("review"), focus=True)
        await pilot.pause()
        review = screen.query_one(ReviewPane)
        first = review.query_one("#findings ListItem Label", Label)
        assert review.findings[0].suggestion and review.findings[0].suggestion in str(first.render())
        assert first.region.height >= 2


async def test_last_years_text_follows_the_item_and_rates_show_last_year(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    app = make_app(file=ws / "2025.json", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen, editor, _body = await _open_measures(pilot)
        scroll = editor.query_one(".last-year")
        assert scroll.scroll_y == 0
        listing = editor.query_one("#items", ListView)
        listing.index = 4  # （四）, far down in last year's text (its fourth item)
        await pilot.pause()
        await pilot.pause()
        target = editor.query_one("#last-year-4", Static)
        assert str(target.render()).startswith("（四）")
        assert scroll.scroll_y > 0
        assert target.virtual_region.y == scroll.scroll_y or scroll.scroll_y == scroll.max_scroll_y
        screen.show_step(screen.step_index("figures"))
        await pilot.pause()
        rates = [s for s in screen.session.pack.spec.figures if s.kind == "rate"]
        assert rates
        shown = str(screen.query_one(f"#change-{rates[0].key}", Static).render())
        assert shown.startswith("last year ") and shown.endswith("%")
