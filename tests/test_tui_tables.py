"""Pilot tests of the second report type in the editor: tables typed in a grid, the start screen with both kinds
of report, and carrying a table forward. What is asserted is what the clerk sees on screen, and the saved file."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import ListView

from drafter.model import Table
from drafter.pack import load_pack
from drafter.store import load_answers, save_answers
from drafter.tables import computed, format_value
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.new_report import NewReportScreen
from drafter.tui.widgets.review import ReviewPane
from drafter.tui.widgets.table_grid import TableGrid
from drafter.tui.widgets.table_pane import TablePane
from tests.conftest import EXAMPLES
from tests.test_editlock import hold_lock
from tests.tui_helpers import example_workspace, screen_rows, wait_until, workspace_read

PACK = load_pack("gongkai")
REQUESTS = PACK.table("requests")
assert REQUESTS is not None
COLUMNS = [c.key for c in REQUESTS.columns]  # 自然人 … 其他, 总计


def _gongkai(folder: Path) -> Path:
    """A copy of the example's 政府信息公开 reports (2024 and 2025) in ``folder``; the 2025 one."""
    folder.mkdir(parents=True, exist_ok=True)
    for year in (2024, 2025):
        shutil.copy(EXAMPLES / f"gongkai-{year}.json", folder / f"gongkai-{year}.json")
    return folder / "gongkai-2025.json"


def _row(rows: list[str], label: str) -> list[str]:
    """The numbers shown on the screen row of the grid whose label is ``label``."""
    # the label is drawn after its mark (✗, or a blank the screenshot's text leaves out)
    line = next(row for row in rows if f"{label} " in row)
    return re.findall(r"\d+(?:\.\d+)?", line.split(label, 1)[1])


def _expected(table: Table, row: str) -> list[str]:
    values = computed(REQUESTS, table.cells)  # type: ignore[arg-type]
    return [format_value(values[(row, column)], None) for column in COLUMNS]


async def _open_table(pilot: Pilot[None], part: str) -> TableGrid:
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    screen.show_step(screen.part_index(part), focus=True)
    await pilot.pause()
    grid = pilot.app.focused
    assert isinstance(grid, TableGrid)
    return grid


def _text(app: object) -> str:
    """The screen's text with line breaks and frame lines taken out (wrapped messages read whole)."""
    return "".join(row.strip("│ ") for row in screen_rows(app))  # type: ignore[arg-type]


def _rule_shown(app: object, rule: str, *numbers: object) -> bool:
    """Whether the screen shows the message of table rule ``rule`` (I1 …) with ``numbers`` (the cell's value and
    what it should be) in it."""
    above_footer = "".join(row.strip("│ ") for row in screen_rows(app)[:-1])  # type: ignore[arg-type]
    found = re.search(rf"{rule}[:：](.*)", above_footer)
    return found is not None and all(re.search(rf"(?<!\d){n}(?!\d)", found.group(1)) for n in numbers)


async def test_table_three_typed_from_the_keyboard(tmp_path: Path) -> None:
    path = _gongkai(tmp_path)
    table = load_answers(path).tables["requests"]
    app = make_app(file=path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await _open_table(pilot, "requests")
        assert grid.cell == ("new", "natural")  # the first cell to type, under the cursor
        # typing replaces the value; the row's 总计 follows at once
        await pilot.press("9")
        table.cells["new"]["natural"] = 9
        await wait_until(pilot, lambda: _row(screen_rows(app), "一、本年新收") == _expected(table, "new"),
                         "一、本年新收 with 9 and its new total")
        assert _row(screen_rows(app), "一、本年新收")[-1] == str(sum(table.cells["new"].values()))
        # 一 + 二 no longer equals （七）总计 + 四 for 自然人: I1 is shown with what it should be, and the column marked
        outcome = computed(REQUESTS, table.cells)
        left = outcome[("new", "natural")] + outcome[("carried", "natural")]
        right = outcome[("outcome_total", "natural")] + outcome[("carry_next", "natural")]
        await wait_until(pilot, lambda: _rule_shown(app, "I1", left, right), "the I1 message with both sums")
        assert "自然人✗" in _text(app)
        # two rows down (二、上年结转, （一）予以公开): more requests granted, and I1 holds again
        await pilot.press("down", "down")
        assert grid.cell == ("granted", "natural")
        granted = table.cells["granted"]["natural"] + left - right
        for digit in str(granted):
            await pilot.press(digit)
        table.cells["granted"]["natural"] = granted
        await wait_until(pilot, lambda: not _rule_shown(app, "I1"), "the I1 message gone")
        # the last row: （七）总计 shows the new sum in its column and its own 总计
        await pilot.press("ctrl+end")
        assert grid.cell is not None and grid.cell[0] == "carry_next"
        await wait_until(pilot, lambda: _row(screen_rows(app), "（七）总计") == _expected(table, "outcome_total"),
                         "（七）总计 with the new sum")
        assert _row(screen_rows(app), "（七）总计")[0] == str(computed(REQUESTS, table.cells)[("outcome_total",
                                                                                         "natural")])
        # a total cannot be typed in: the cursor never stops on 总计 or （七）总计
        await pilot.press("up")
        assert grid.cell is not None and grid.cell[0] == "otherwise_other"
        for _ in range(8):
            await pilot.press("right")
        assert grid.cell == ("otherwise_other", "other")
        # a letter or decimals in a count: the cell says why, nothing is stored, nothing breaks
        await pilot.press("x")
        await wait_until(pilot, lambda: "“x” is not a number" in _text(app), "the message for a letter")
        await pilot.press("left", "1", ".", "5")
        await wait_until(pilot, lambda: "法律服务机构 is counted in whole numbers" in _text(app),
                         "the message for decimals")
        await pilot.press("delete")  # cleared: empty, read as 0
        # the figure 一、总体情况 states (新收 = 一、本年新收's 总计) follows the table
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.show_step(screen.step_index("figures"))
        shown = "新收政府信息公开申请（件）" + str(sum(table.cells["new"].values()))
        await wait_until(pilot, lambda: any(shown in row for row in screen_rows(app)), "the figure read from the table")
        await pilot.press("ctrl+q")
    saved = load_answers(path).tables["requests"]
    assert saved.cells["new"]["natural"] == 9 and saved.cells["granted"]["natural"] == granted
    assert "legal" not in saved.cells.get("otherwise_other", {})
    assert saved.cells["otherwise_other"]["other"] == table.cells["otherwise_other"]["other"]
    assert "total" not in saved.cells["new"] and "outcome_total" not in saved.cells  # totals are never stored
    assert saved.previous == table.previous  # last year's cells stay beside this year's


async def test_table_three_at_80_by_24(tmp_path: Path) -> None:
    path = _gongkai(tmp_path)
    answers = load_answers(path)
    table = answers.tables["requests"]
    app = make_app(file=path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await _open_table(pilot, "requests")
        rows = screen_rows(app)
        assert any("自然人" in row for row in rows)  # the columns' short names head the grid
        assert _row(rows, "一、本年新收")[0] == str(table.cells["new"]["natural"])
        # the focused cell's full row and column labels, and last year's value
        text = _text(app)
        assert "一、本年新收政府信息公开申请数量／自然人" in text
        assert f"Last year: {table.previous['new']['natural']}" in text
        # to the right end and the bottom: the grid scrolls, the labels stay, the focused cell stays in view
        for _ in range(5):
            await pilot.press("right")
        await pilot.press("ctrl+end")
        assert grid.cell == ("carry_next", "other")
        await pilot.pause()
        rows = screen_rows(app)
        assert any("其他" in row for row in rows[:6])  # the heading of the column, scrolled into view
        assert _row(rows, "四、结转下年")[-2:] == _expected(table, "carry_next")[-2:]  # 其他 and 总计 both shown
        assert any("（七）总计" in row for row in rows)
        assert "四、结转下年度继续办理／其他" in _text(app)
        region = grid.scrollable_content_region
        assert region.height > 4  # the grid keeps room for rows at 80×24
        await pilot.press("ctrl+q")


async def test_a_click_on_a_total_goes_to_a_cell_of_its_row(tmp_path: Path) -> None:
    path = _gongkai(tmp_path)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await _open_table(pilot, "requests")
        rows = screen_rows(app)
        y = next(n for n, row in enumerate(rows) if "二、上年结转" in row and n > grid.region.y)  # not the guidance
        x = grid.region.x + grid.virtual_size.width - 2  # the 总计 column, the grid's right end (all in view)
        assert x < grid.region.right
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert grid.cell == ("carried", "other")  # the nearest cell to type, never the total
        await pilot.press("ctrl+q")


async def test_start_screen_lists_both_kinds_and_n_creates_a_gongkai_report(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace_read(pilot)
        await wait_until(pilot, lambda: sum("complete" in row for row in screen_rows(app)) == 4, "the report list")
        listed = [row.strip("│ ") for row in screen_rows(app) if "青禾镇" in row]
        assert [row[:4] for row in listed] == ["2025", "2025", "2024", "2024"]
        assert ["法治政府建设年度报告" in row for row in listed] == [True, False, True, False]
        assert ["政府信息公开工作年度报告" in row for row in listed] == [False, True, False, True]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewReportScreen)
        dialog = "".join(screen_rows(app))
        assert "Report type" in dialog and "政府信息公开工作年度报告" in dialog
        await pilot.press("down", "enter")  # the second type; the township is known, so on to the year
        await pilot.press("ctrl+u", "2", "0", "2", "5", "enter")
        await wait_until(pilot, lambda: "already has a report for" in "".join(screen_rows(app)),
                         "2025 refused for 政府信息公开 (it exists)")
        await pilot.press("ctrl+u", "2", "0", "2", "6", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.session.path == ws / "gongkai-2026.json"
        assert any("依申请公开（表三）" in row for row in screen_rows(app))
        assert len(screen.query(TablePane)) == 3
        await pilot.press("ctrl+q")
    data = json.loads((ws / "gongkai-2026.json").read_text(encoding="utf-8"))
    assert data["pack"] == "gongkai" and data["year"] == 2026 and data["org"]["name"] == "青禾镇"
    assert not (ws / "2026.json").exists()


async def test_from_last_year_carries_a_gongkai_report_forward(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    last = load_answers(ws / "gongkai-2025.json").tables["requests"]
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace_read(pilot)
        await pilot.press("down")  # 2025 政府信息公开工作年度报告
        await pilot.press("l")
        await wait_until(pilot, lambda: "From last year: 政府信息公开工作年度报告" in "".join(screen_rows(app)),
                         "the year asked for the 政府信息公开 report")
        await pilot.press("enter")  # 2026, the year after the newest of that type
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.session.path == ws / "gongkai-2026.json"
        await _open_table(pilot, "requests")
        await pilot.press("down")  # 二、上年结转, filled from last year's 四、结转下年度继续办理
        carried = str(computed(REQUESTS, last.cells)[("carry_next", "natural")])
        await wait_until(pilot, lambda: f"Last year: {last.cells['carried']['natural']}" in _text(app),
                         "last year's value of the cell")
        assert _row(screen_rows(app), "二、上年结转")[0] == carried
        await pilot.press("ctrl+q")
    data = load_answers(ws / "gongkai-2026.json")
    assert data.pack == "gongkai"
    assert data.tables["requests"].cells["carried"]["natural"] == int(carried)
    assert (ws / "2025.json").exists() and not (ws / "2026.json").exists()


async def test_a_printed_total_that_does_not_add_up_is_found_and_goes_once_the_table_is_edited(tmp_path: Path) -> None:
    path = _gongkai(tmp_path)
    answers = load_answers(path)
    answers.tables["requests"].printed = {"new": {"total": 99}}  # as an imported report printed it
    save_answers(path, answers, keep=0)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        # the review lists I2; Enter goes to the table, on the cell nearest to the total that is typed
        screen.show_step(screen.step_index("review"), focus=True)
        await pilot.pause()
        review = screen.query_one(ReviewPane)
        index = next(i for i, f in enumerate(review.findings) if f.table_rule == "I2")
        review.query_one("#findings", ListView).index = index
        await pilot.press("enter")
        await pilot.pause()
        grid = app.focused
        assert isinstance(grid, TableGrid) and grid.cell == ("new", "other")
        total = sum(answers.tables["requests"].cells["new"].values())
        await wait_until(pilot, lambda: _rule_shown(app, "I2", 99, total), "the I2 message")
        # the form as typed now replaces the printed document: its totals go with the first edit
        await pilot.press(str(answers.tables["requests"].cells["new"]["other"]))
        await wait_until(pilot, lambda: not _rule_shown(app, "I2"), "the I2 message gone")
        await pilot.press("ctrl+q")
    assert load_answers(path).tables["requests"].printed == {}


async def test_a_table_open_elsewhere_takes_no_typing(tmp_path: Path) -> None:
    path = _gongkai(tmp_path)
    before = path.read_bytes()
    hold_lock(path, os.getppid())  # a live process on this machine: the other tab or window
    app = make_app(file=path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.session is not None and app.session.read_only
        grid = await _open_table(pilot, "requests")
        shown = _row(screen_rows(app), "一、本年新收")
        await pilot.press("9", "delete")
        await wait_until(pilot, lambda: "open read-only" in _text(app), "the read-only message")
        assert _row(screen_rows(app), "一、本年新收") == shown and grid.cell == ("new", "natural")
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before


async def test_ctrl_z_takes_back_what_was_typed_in_the_grid(tmp_path: Path) -> None:
    """Issue 27 (8): the help promises undo for typing; in the grid Ctrl+Z takes back the last cell typed or
    cleared, on the screen and in the file."""
    path = _gongkai(tmp_path)
    before = load_answers(path).tables["requests"].model_copy(deep=True)
    app = make_app(file=path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await _open_table(pilot, "requests")
        cell = grid.cell
        assert cell is not None
        old = before.cells.get(cell[0], {}).get(cell[1])
        await pilot.press("9", "8", "7")
        await pilot.press("tab")
        second = grid.cell
        assert second is not None and second != cell
        await pilot.press("delete")  # clearing a cell is a change too
        await wait_until(pilot, lambda: load_answers(path).tables["requests"].cells.get(cell[0], {}).get(cell[1])
                         == 987, "the typed number saved")
        await pilot.press("ctrl+z")  # the clearing goes back
        assert grid.cell == second
        await pilot.press("ctrl+z")  # then the typing: the first cell is as it was
        assert grid.cell == cell
        await pilot.pause()
        assert not any("987" in row for row in screen_rows(app))
        await wait_until(pilot, lambda: load_answers(path).tables["requests"] == before, "the table back in the file")
        await pilot.press("ctrl+q")
    assert load_answers(path).tables["requests"].cells.get(cell[0], {}).get(cell[1]) == old
