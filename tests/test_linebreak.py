"""Chinese line-breaking (issue 19): no line on screen starts with closing punctuation or ends with opening one."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rich._wrap import divide_line
from textual.content import Content
from textual.widgets import ListView, TextArea

from drafter.linebreak import NO_LINE_END, NO_LINE_START, keep_rules
from drafter.tui.app import make_app  # installs the rules for Textual and Rich, as the app does
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.widgets.part_editor import PartEditor
from tests.tui_helpers import example_workspace

TEXT = ("2025年是《法治政府建设实施纲要（2021—2025年）》收官之年，我镇对照纲要确定的目标任务开展终期自查。"
        "一是坚持统筹推进。镇全面依法治镇委员会召开全体会议2次，研究部署年度重点工作，办公室设在镇司法所。")


def _lines(text: str, breaks: list[int]) -> list[str]:
    bounds = [0, *breaks, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _kept(lines: list[str]) -> bool:
    return all(line[:1] not in NO_LINE_START for line in lines[1:]) and all(
        line.rstrip()[-1:] not in NO_LINE_END for line in lines[:-1])


@pytest.mark.parametrize("width", range(8, 61))
def test_breaks_keep_the_rules_and_the_width(width: int) -> None:
    # rich's own wrapper gives the plain breaks; with the rules kept, every line still fits
    breaks = keep_rules(TEXT, lambda part: divide_line(part, width))
    lines = _lines(TEXT, breaks)
    assert "".join(lines) == TEXT
    assert _kept(lines)
    assert all(Content(line).cell_length <= width for line in lines)


def test_plain_breaks_kept_when_nothing_else_is_possible() -> None:
    assert keep_rules("。。。。。。", lambda part: [2] if len(part) > 2 else []) == [2, 4]


@pytest.mark.parametrize("width", [30, 37, 41, 56])
def test_labels_on_screen_keep_the_rules(width: int) -> None:
    lines = [line.plain for line in Content(TEXT).wrap(width)]
    assert "".join(lines) == TEXT
    assert _kept(lines), lines


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_text_box_keeps_the_rules(tmp_path: Path, size: tuple[int, int]) -> None:
    ws = example_workspace(tmp_path / "ws")
    app = make_app(file=ws / "2025.json", lang="en")
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("f3")
        editor = screen.query_one("#part-measures", PartEditor)
        for index in range(1, 6):
            editor.query_one("#items", ListView).index = index
            await pilot.pause()
            body = editor.query_one("#body", TextArea)
            for wrapped in body.wrapped_document.lines:
                assert _kept(wrapped), wrapped
