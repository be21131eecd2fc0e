"""Take the web form's screenshots in docs/: the start page, a part, table 三 of the 政府信息公开 report, the preview.

    .venv/bin/python scripts/web_screenshots.py

``drafter --lang zh_CN serve`` (the web form) over a copy of the example workspace, Debian's /usr/bin/chromium
through playwright at 1366×768 (the office PC's screen); every wait is on the page (an element, the fonts loaded).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.conftest import EXAMPLES  # noqa: E402
from tests.test_serve import CHROMIUM_ARGS, chromium  # noqa: E402
from tests.test_web_form import base_of, form_served  # noqa: E402

DOCS = ROOT / "docs"
SIZE = {"width": 1366, "height": 768}


def shot(page: Page, name: str, selector: str | None = None) -> Path:
    """Screenshot of the window, with ``selector``'s element scrolled to the top first."""
    if selector is not None:
        page.locator(selector).first.wait_for()
        # to the top of the window, below the sticky bar (the page's own anchors leave it under the bar)
        page.eval_on_selector(selector, """node => {
            node.scrollIntoView({block: "start"});
            window.scrollBy(0, -document.querySelector("header.bar").offsetHeight - 8);
        }""")
    page.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => r(null))))")
    out = DOCS / name
    page.screenshot(path=str(out))
    return out


def main() -> int:
    taken: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "青禾镇"
        workspace.mkdir()
        for answers in EXAMPLES.glob("*.json"):
            shutil.copy(answers, workspace)
        with form_served(workspace) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=SIZE, locale="zh-CN")
            page.goto(url)
            page.locator("table.reports").wait_for()
            taken.append(shot(page, "web-start.png"))
            page.goto(base_of(url) + "/r/2025.json")
            taken.append(shot(page, "web-part.png", "section.part[data-key=measures]"))
            taken.append(shot(page, "web-preview.png", "#preview"))  # the same page: this tab still writes
            page.goto(base_of(url) + "/r/gongkai-2025.json")
            taken.append(shot(page, "web-table.png", "table.grid-table[data-table=requests]"))
            browser.close()
    for path in taken:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
