"""The UI speaks Chinese by default and English with --lang en (issue: i18n).

Each case runs the app under Pilot in a fresh process, so the language comes from the environment (LANG,
DRAFTER_LANG) and --lang exactly as when `drafter` starts; tests/test_tui_footer.py switches it within one process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import asyncio, sys, time
from pathlib import Path
from drafter.i18n import set_language
set_language(sys.argv[1] or None)
from drafter.tui.app import make_app

async def main() -> None:
    app = make_app(workspace=Path(sys.argv[2]))
    async with app.run_test(size=(100, 30)) as pilot:
        deadline = time.monotonic() + 30  # wait for the start screen with its footer, not for a fixed time
        while not (type(app.screen).__name__ == "StartScreen" and app.screen.query("FooterKey")):
            assert time.monotonic() < deadline, "the start screen never showed"
            await pilot.pause(0.05)
        await pilot.pause()
        for key in sys.argv[3:]:
            await pilot.press(key)  # waits until the key is handled
            await app.workers.wait_for_complete()
            await pilot.pause()
        sys.stdout.write(app.export_screenshot())

asyncio.run(main())
"""


def screen_text(lang: str, workspace: Path, *keys: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LANG")}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, lang, str(workspace), *keys],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.replace("&#160;", " ").replace("\xa0", " ")


@pytest.mark.parametrize(("lang", "env"), [("", {"LANG": "C.UTF-8"}), ("zh_CN", {"DRAFTER_LANG": "en"})])
def test_ui_is_chinese_by_default_and_on_request(tmp_path: Path, lang: str, env: dict[str, str]) -> None:
    text = screen_text(lang, tmp_path, **env)
    assert "新建报告" in text  # a button and its footer binding
    assert "退出" in text
    assert "New report" not in text and "Quit" not in text


def test_ui_in_english_with_lang_en(tmp_path: Path) -> None:
    text = screen_text("en", tmp_path, LANG="zh_CN.UTF-8")
    assert "New report" in text and "Quit" in text
    assert "新建报告" not in text


def test_help_screen_in_chinese_on_f1_and_question_mark(tmp_path: Path) -> None:
    for key in ("f1", "question_mark"):
        text = screen_text("", tmp_path, key, LANG="C.UTF-8")
        for words in ("帮助", "按键", "上一步／下一步", "保存并退出", "关闭"):
            assert words in text, (key, words)
        assert "Help" not in text and "Keys" not in text
    text = screen_text("", tmp_path, "f1", "end", LANG="C.UTF-8")  # the end of the help: marks and terms
    for words in ("标记", "草稿", "沿用上年的文字尚未审阅", "术语", "接排", "成文日期", "次年年初"):
        assert words in text, words


def test_command_palette_in_chinese(tmp_path: Path) -> None:
    text = screen_text("", tmp_path, "ctrl+p", LANG="C.UTF-8")
    assert "索命令……" in text  # the palette's prompt (the picture splits it after its first character)
    for english in ("Search for commands", "Theme", "Keys", "Maximize", "Screenshot"):
        assert english not in text, english
    assert "帮助" in text and "配色" in text


def test_review_rows_in_chinese_use_full_width_marks(tmp_path: Path) -> None:
    from tests.tui_helpers import example_workspace

    ws = example_workspace(tmp_path / "ws")
    text = screen_text("", ws, "enter", *["f3"] * 8, LANG="C.UTF-8")  # open the 2025 report, go to the review
    assert "【主要举措和成效】" in text
    assert "提示：" in text or "警告：" in text or "错误：" in text
    assert "警告:" not in text and "提示:" not in text and "错误:" not in text


def test_command_palette_says_no_match_in_chinese(tmp_path: Path) -> None:
    text = screen_text("", tmp_path, "ctrl+p", "z", "q", "x", "j", LANG="C.UTF-8")
    assert "No matches found" not in text
    assert "未找到匹配的命令" in text
