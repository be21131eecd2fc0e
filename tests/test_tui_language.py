"""The UI speaks Chinese by default and English with --lang en (issue: i18n).

Each case runs the app under Pilot in a fresh process, because binding labels are translated when the UI
modules are imported — exactly as `drafter` does after reading --lang.
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
        sys.stdout.write(app.export_screenshot())

asyncio.run(main())
"""


def screen_text(lang: str, workspace: Path, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LANG")}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, lang, str(workspace)],
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
