"""The web form of ``drafter serve`` for real: the server as a process, Debian's Chromium through playwright.

One server and one browser walk the clerk's journey of issue 29: open the printed address, start 2026 from last
year, compose Chinese into a part through the input-method events of the DevTools protocol (partial pinyin never
reaches the file), change a figure and see its chip in the prose change, break and mend a total of table 三 of the
政府信息公开 report, download the .docx and find the typed text in it; a second tab reads only; without the token
nothing is served. Every wait is on a condition (a printed line, an element's state, a response, the file's text);
the page's clock is driven by playwright where the test must show that something does *not* happen.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.conftest import example_workspace, wait_until
from tests.test_serve import CHROMIUM_ARGS, chromium, served

TYPED = "依法行政示范镇创建稳步推进"
"""What the clerk composes through the input method (Chinese, committed at once)."""
PINYIN = "yifaxingzheng"
"""The composition string the input method shows before the clerk picks the characters: never saved."""
WAIT_S = 20.0


@contextmanager
def form_served(workspace: Path, lang: str = "zh_CN") -> Iterator[str]:
    """The web form (``drafter --lang LANG serve --no-browser``) on a free port: yields the address it printed."""
    with served(workspace, terminal=False, lang=lang) as (url, _lines):
        yield url


def stored(path: Path) -> str:
    """The answers file as saved (empty while it does not exist)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def base_of(url: str) -> str:
    return url.split("/?", 1)[0]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    workspace = example_workspace(tmp_path_factory.mktemp("web") / "青禾镇", None)
    with form_served(workspace) as url:
        yield url, workspace


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_without_the_token_nothing_is_served(server: tuple[str, Path]) -> None:
    url, _workspace = server
    base = base_of(url)
    for path, body in (("/", None), ("/static/app.css", None), ("/r/2025.json", None),
                       ("/r/2025.json/download/docx", None), ("/new", b"pack=fazhi-zhengfu&year=2031&how=blank"),
                       ("/api/r/2025.json/x/part/measures", b"{}"), ("/?token=not-the-token", None)):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(base + path, data=body), timeout=WAIT_S)
        assert refused.value.code == 403, path
        assert "token" in refused.value.read().decode("utf-8"), path
    # the address that was printed is let in
    with urllib.request.urlopen(url, timeout=WAIT_S) as page:
        assert page.status == 200
        assert "法治政府建设年度报告" in page.read().decode("utf-8")


def test_the_clerks_journey(server: tuple[str, Path], browser: Any) -> None:
    from playwright.sync_api import expect

    url, workspace = server
    report = workspace / "2026.json"
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    page.clock.install()  # the page's timers run as usual until the test pauses them (below)
    saves: list[str] = []
    page.on("request", lambda request: saves.append(request.post_data or "") if "/part/" in request.url else None)

    # the printed address opens the start page; 2026 is started from last year's answers
    page.goto(url)
    expect(page.locator("table.reports")).to_contain_text("法治政府建设年度报告")
    assert "token=" not in page.url  # the token went into a cookie, out of the address bar
    year = page.locator("form:has(#carry-fazhi-zhengfu) input[name=year]")
    year.fill("2026")
    page.click("#carry-fazhi-zhengfu")
    page.wait_for_url(re.compile(r"/r/2026\.json$"))
    expect(page.locator("#status")).to_have_text("已保存")
    assert json.loads(stored(report))["year"] == 2026

    # Chinese composed through the input method into the first paragraph of 一、 part "measures"
    para = page.locator("section.part[data-key=measures] li.item .para").first
    para.click()
    page.keyboard.press("End")
    cdp = context.new_cdp_session(page)
    page.evaluate("""() => {  // what the input method made the page see
        window.imeEvents = [];
        for (const kind of ["compositionstart", "compositionend"])
            document.addEventListener(kind, () => window.imeEvents.push(kind));
        document.addEventListener("input", (e) => { if (e.isComposing) window.imeEvents.push("composing"); });
    }""")
    page.clock.pause_at(time.time() * 1000 + 1000)  # from here on, the page's timers fire only when run below
    for end in (2, 6, len(PINYIN)):
        cdp.send("Input.imeSetComposition", {"text": PINYIN[:end], "selectionStart": end, "selectionEnd": end})
    expect(para).to_contain_text(PINYIN)  # the composition is on the page...
    assert page.evaluate("window.imeEvents") == ["compositionstart", "composing", "composing", "composing"]
    page.clock.run_for(5000)  # ...for five seconds of the page's time, far past the save delay
    assert not [body for body in saves if PINYIN[:2] in body], "partial pinyin was sent to the server"
    assert PINYIN[:2] not in stored(report)
    cdp.send("Input.insertText", {"text": TYPED})  # the clerk picks the characters: the composition ends
    expect(para).to_contain_text(TYPED)
    expect(para).not_to_contain_text(PINYIN[:2])
    assert page.evaluate("window.imeEvents").count("compositionend") == 1
    page.clock.run_for(2000)
    page.clock.resume()
    wait_until(lambda: TYPED in stored(report), "the composed text in the answers file")
    assert PINYIN[:2] not in stored(report)
    assert not [body for body in saves if PINYIN[:2] in body], "partial pinyin was sent to the server"
    expect(page.locator("#status")).to_contain_text("已保存")

    # a figure changed in the figures form changes its chip in the prose
    chip = page.locator("span.fig[data-fig=committee_study_sessions]").first
    expect(chip).to_be_visible()
    figure = page.locator("input.figure[data-key=committee_study_sessions]")
    figure.fill("17")
    expect(chip).to_have_text(re.compile(r"=17$"))
    wait_until(lambda: json.loads(stored(report))["figures"]["committee_study_sessions"]["value"] == 17,
               "the figure in the answers file")

    # a second tab on the same report reads only, and says so
    second = context.new_page()
    second.goto(base_of(url) + "/r/2026.json")
    expect(second.locator(".readonly-note")).to_be_visible()
    expect(second.locator("#status")).to_have_text("只读")
    assert second.locator("input:not([disabled])").count() == 0
    assert second.locator(".para[contenteditable=true]").count() == 0
    expect(second.locator("#fix")).to_have_count(0)
    second.close()

    # the .docx downloaded from the page holds what was composed
    with page.expect_download() as download:
        page.locator("a[href$=\"/download/docx\"]").click()  # the "Word (.docx)" button
    saved_docx = download.value.path()
    assert saved_docx is not None
    text = "\n".join(p.text for p in Document(str(saved_docx)).paragraphs)
    assert TYPED in text
    assert PINYIN[:2] not in text

    # table 三 of the 政府信息公开 report: a cell that breaks a total is marked; mended, the mark goes
    gongkai = workspace / "gongkai-2025.json"
    page.goto(base_of(url) + "/r/gongkai-2025.json")
    grid = page.locator("table.grid-table[data-table=requests]")
    cell = grid.locator("input.cell-input[data-row=new][data-column=natural]")
    total = grid.locator("td.computed[data-row=new][data-column=total]")
    before, total_before = cell.input_value(), int(total.inner_text())
    assert grid.locator(".broken").count() == 0
    cell.fill(str(int(before) + 3))
    expect(cell.locator("xpath=..")).to_have_class(re.compile(r"\bbroken\b"))
    expect(total).to_have_text(str(total_before + 3))
    wait_until(lambda: json.loads(stored(gongkai))["tables"]["requests"]["cells"]["new"]["natural"] == int(before) + 3,
               "the broken cell in the answers file")
    cell.fill(before)
    expect(grid.locator(".broken")).to_have_count(0)
    context.close()
