"""A live figure is one unit in a part's text, and what the editor shows is what the file holds (issue 27, 1)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from drafter.editor_text import paragraphs_to_text
from drafter.figures import catalogue, marked_figures, values_of
from drafter.model import Answers, Figure, Organisation, Paragraph, Section
from drafter.pack import load_pack
from drafter.store import load_answers, save_answers
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.widgets.part_editor import PartEditor
from tests.tui_helpers import type_text, wait_until

SIZE = (100, 30)
STORED = ["全年党委会会前学法[[fig:committee_study_sessions]]次，中心组学法[[fig:group_study_sessions]]次。",
          "[[fig:committee_study_sessions]]次专题学习。"]
SHOWN_FIRST = "全年党委会会前学法⟦党委会会前学法=14⟧次，中心组学法⟦中心组学法=9⟧次。"


def _report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    answers = Answers(org=Organisation(name="青禾镇"), year=2025,
                      figures={"committee_study_sessions": Figure(value=14),
                               "group_study_sessions": Figure(value=9)})
    answers.sections["measures"] = Section(intro=[Paragraph(text=t) for t in STORED])
    path = folder / "2025.json"
    save_answers(path, answers, keep=0)
    return path


def _stored_as_shown(path: Path) -> str:
    """The measures part's opening paragraphs in the file, as the editor shows them."""
    answers = load_answers(path)
    section = answers.sections.get("measures")
    paragraphs = [] if section is None else section.intro
    return paragraphs_to_text(paragraphs, values_of(answers, load_pack()))


async def _open(pilot: Pilot[None]) -> tuple[EditorScreen, TextArea]:
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    await pilot.press("f3")
    body = screen.query_one("#part-measures #body", TextArea)
    assert pilot.app.focused is body
    return screen, body


def test_the_editor_shows_the_live_figures_of_the_report() -> None:
    assert paragraphs_to_text([Paragraph(text=STORED[0])],
                              values_of(Answers(org=Organisation(name="青禾镇"), year=2025,
                                                figures={"committee_study_sessions": Figure(value=14),
                                                         "group_study_sessions": Figure(value=9)}),
                                        load_pack())) == SHOWN_FIRST


async def test_a_live_figure_is_stepped_over_removed_whole_and_never_typed_into(tmp_path: Path) -> None:
    path = _report(tmp_path)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        _screen, body = await _open(pilot)
        start = SHOWN_FIRST.index("⟦")
        end = SHOWN_FIRST.index("⟧") + 1
        body.move_cursor((0, start))
        await pilot.press("right")  # one step takes the cursor over the whole figure
        assert body.cursor_location == (0, end)
        await pilot.press("left")
        assert body.cursor_location == (0, start)
        body.move_cursor((0, end - 2))  # a click inside lands on an edge
        await pilot.pause()
        assert body.cursor_location[1] in (start, end)
        # the keys: into the figure, Backspace, 5 — the figure goes whole, the 5 is plain text
        body.move_cursor((0, end))
        await pilot.press("backspace")
        assert body.document.get_line(0) == SHOWN_FIRST[:start] + SHOWN_FIRST[end:]
        await type_text(pilot, "5")
        await wait_until(pilot, lambda: _stored_as_shown(path) == body.text, "the screen's text saved")
        assert "会前学法5次" in load_answers(path).sections["measures"].intro[0].text
        await pilot.press("ctrl+z", "ctrl+z")  # undo brings the figure back, whole and live
        assert body.document.get_line(0) == SHOWN_FIRST
        await wait_until(pilot, lambda: load_answers(path).sections["measures"].intro[0].text == STORED[0],
                         "the figure back in the file")
        # Delete before a figure takes it whole too
        body.move_cursor((0, start))
        await pilot.press("delete")
        assert body.document.get_line(0) == SHOWN_FIRST[:start] + SHOWN_FIRST[end:]
        await pilot.press("ctrl+z")
        # a selection that cuts a figure takes it whole
        body.selection = ((0, start - 2), (0, start + 3))
        await pilot.pause()
        await type_text(pilot, "共")
        assert body.document.get_line(0) == SHOWN_FIRST[:start - 2] + "共" + SHOWN_FIRST[end:]
        await pilot.press("ctrl+z")
        assert body.document.get_line(0) == SHOWN_FIRST
        await pilot.press("ctrl+q")
    assert _stored_as_shown(path).splitlines()[0] == SHOWN_FIRST


async def test_enter_on_a_figure_edits_it_and_ctrl_l_makes_it_plain_text(tmp_path: Path) -> None:
    path = _report(tmp_path)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen, body = await _open(pilot)
        start = SHOWN_FIRST.index("⟦")
        body.move_cursor((0, start))
        await pilot.press("enter")  # on the figure: its field in the figures form, not a split marker
        field = screen.query_one("#fig-committee_study_sessions", Input)
        await wait_until(pilot, lambda: app.focused is field, "the figure's field focused")
        assert body.text.splitlines()[0] == SHOWN_FIRST
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "15")
        await pilot.press(*["f2"] * 5)  # back to the part (the figures step comes after the five parts)
        assert screen.current_part() is screen.query_one("#part-measures")
        await wait_until(pilot, lambda: "⟦党委会会前学法=15⟧" in body.text, "the new value shown in the part")
        body.focus()
        body.move_cursor((1, 0))
        await pilot.press("ctrl+l")  # the figure at the cursor becomes the plain number
        assert body.document.get_line(1) == "15次专题学习。"
        await wait_until(pilot, lambda: _stored_as_shown(path) == body.text, "the plain text saved")
        await pilot.press("ctrl+q")
    saved = load_answers(path)
    assert saved.sections["measures"].intro[1].text == "15次专题学习。"
    assert saved.figures["committee_study_sessions"].value == 15


KEYS = ["left", "right", "home", "end", "up", "down", "backspace", "delete", "shift+left", "shift+right",
        "ctrl+z", "ctrl+y", "ctrl+l", "ctrl+w", "5", "字"]


async def _keys_then_compare(folder: Path, keys: list[str], column: int) -> None:
    path = _report(folder)
    cat = catalogue(load_pack())
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen, body = await _open(pilot)
        body.move_cursor((0, column))
        for key in keys:
            if key == "字":
                await type_text(pilot, key)
            else:
                await pilot.press(key)
            # never a fragment of a marker on screen: every ⟦ and ⟧ belongs to a whole live figure
            for line in body.text.splitlines():
                whole = marked_figures(line, cat)
                assert line.count("⟦") == line.count("⟧") == len(whole), (keys, line)
        screen.save_now()
        await pilot.pause()
        shown = "\n".join(line.strip() for line in body.text.splitlines() if line.strip())
        assert shown == _stored_as_shown(path), keys
        editor = screen.query_one("#part-measures", PartEditor)
        assert not editor.flush()
        await pilot.press("ctrl+q")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.sampled_from(KEYS), min_size=1, max_size=8), column=st.integers(0, len(SHOWN_FIRST)))
def test_after_any_keys_the_screen_shows_what_the_file_holds(tmp_path: Path, keys: list[str], column: int) -> None:
    folder = tmp_path / f"case-{abs(hash((tuple(keys), column)))}"
    asyncio.run(_keys_then_compare(folder, keys, column))
