"""The footer's key labels are translated when shown: the language chosen at start (--lang, DRAFTER_LANG) and a
switch while the app runs reach every label, also those of Textual's own widgets (an open menu, the palette key)."""

from __future__ import annotations

import inspect
import pkgutil
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest
import textual
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Select

from drafter.i18n import set_language
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.widgets.footer import TEXTUAL_LABELS
from tests.tui_helpers import example_workspace, screen_rows, wait_until, workspace_read

START = {
    "zh_CN": ("新建报告", "沿用上年", "退出", "帮助", "命令"),
    "en": ("New report", "From last year", "Quit", "Help", "Commands"),
}
EDITOR = {"zh_CN": ("常用语", "生成文档", "报告列表", "退出"), "en": ("Snippets", "Generate", "Reports", "Quit")}
MENU = {"zh_CN": "关闭菜单", "en": "Dismiss menu"}


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language("en")


def footer(rows: list[str]) -> str:
    return rows[-1]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
async def test_footer_rows_in_the_language_chosen_at_start(tmp_path: Path, lang: str) -> None:
    other = "en" if lang == "zh_CN" else "zh_CN"
    app = make_app(example_workspace(tmp_path / "ws"), lang=lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await workspace_read(pilot)
        row = footer(screen_rows(app))
        assert all(word in row for word in START[lang]), row
        assert not any(word in row for word in START[other]), row
        await pilot.press("enter")  # open the newest report
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await pilot.pause()
        row = footer(screen_rows(app))
        assert all(word in row for word in EDITOR[lang]), row
        assert not any(word in row for word in EDITOR[other]), row
        title_form = app.screen.query_one("#basic-title_form", Select)
        title_form.focus()
        await pilot.press("enter")  # the menu opens; Textual's own key to close it shows in the footer
        await wait_until(pilot, lambda: title_form.expanded, "the open menu")
        await pilot.pause()
        row = footer(screen_rows(app))
        assert MENU[lang] in row and MENU[other] not in row, row


async def test_a_language_switch_changes_every_footer_label(tmp_path: Path) -> None:
    app = make_app(example_workspace(tmp_path / "ws"), lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await workspace_read(pilot)
        assert all(word in footer(screen_rows(app)) for word in START["en"])
        set_language("zh_CN")
        app.screen.refresh_bindings()
        await wait_until(pilot, lambda: "新建报告" in footer(screen_rows(app)), "the footer in Chinese")
        row = footer(screen_rows(app))
        assert all(word in row for word in START["zh_CN"]), row
        assert not any(word in row for word in START["en"]), row


def _textual_classes() -> Iterator[type[DOMNode]]:
    for info in pkgutil.walk_packages(textual.__path__, "textual."):
        if "demo" in info.name or info.name.endswith("__main__"):
            continue
        try:
            module = import_module(info.name)
        except Exception:  # optional extras Textual does not need (tree-sitter languages, the dev tools)
            continue
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, DOMNode) and obj.__module__ == module.__name__:
                yield obj


def test_every_footer_label_of_textual_has_a_translation() -> None:
    shown: set[str] = set()
    for cls in _textual_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, tuple):
                binding = Binding(*binding)
            if isinstance(binding, Binding) and binding.show:
                shown.update(t for t in (binding.description, binding.tooltip) if t)
    shown.discard("Variables")  # the markup playground of Textual's dev tools, which drafter never shows
    shown.discard("Spans")
    assert shown <= set(TEXTUAL_LABELS), sorted(shown - set(TEXTUAL_LABELS))
    set_language("zh_CN")
    from drafter.i18n import _

    assert all(_(label) != label for label in TEXTUAL_LABELS)
