"""Take docs/serve.png: the guided editor in headless Chromium, served by ``drafter serve`` in Chinese.

    .venv/bin/python scripts/serve_screenshot.py

Uses the browser test's helpers (Debian's /usr/bin/chromium through playwright; every wait is on text drawn).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import EXAMPLES  # noqa: E402
from tests.test_serve import CHROMIUM_ARGS, Screen, chromium, free_port  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "青禾镇"
        shutil.copytree(EXAMPLES, workspace)
        argv = [sys.executable, "-m", "drafter", "--lang", "zh_CN", "serve", "--terminal", "--workspace",
                str(workspace), "--port", str(free_port())]
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert proc.stdout is not None
        lines: list[str] = []
        try:
            for line in proc.stdout:
                lines.append(line)
                if "http://" in line:
                    break
            match = re.search(r"http://\S+", "".join(lines))
            if match is None:
                sys.stderr.write("drafter serve did not start:\n" + "".join(lines))
                return 1
            out = proc.stdout
            threading.Thread(target=lambda: lines.extend(out), daemon=True).start()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                screen = Screen(page, lines)
                page.goto(match.group(0))
                screen.wait_for("已完成", "the start screen did not list the reports")
                page.click("#terminal")
                page.keyboard.press("Enter")
                screen.wait_for("基本信息", "the editor did not open")
                mark = screen.mark()
                page.keyboard.press("F3")
                for text in ("每行一个段落", "督办通知", "生成文档"):
                    screen.wait_for(text, "the first part did not show", since=mark)
                # the terminal draws what it received on the next animation frames
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                page.screenshot(path=str(ROOT / "docs" / "serve.png"))
                browser.close()
        finally:
            proc.terminate()
            proc.wait()
    print(ROOT / "docs" / "serve.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
