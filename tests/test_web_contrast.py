"""The web form's text is readable (issue 27): every piece of text a page shows — the table grid's row labels,
headings, cells and totals, a broken cell, findings, muted text (guidance, last year, last year's figures),
placeholders — has WCAG AA contrast (4.5:1) with the background it is drawn on, as Chromium computes both
(``getComputedStyle`` of the text's element and of each element behind it, semi-transparent ones blended)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import example_workspace
from tests.test_serve import CHROMIUM_ARGS, chromium, served
from tests.wcag import AA_NORMAL, RGB, blend, contrast, css_color

TEXTS = """() => {
    const found = [];
    const behind = (el) => {  // the backgrounds from the element out to the page, innermost first
        const colours = [];
        for (let e = el; e; e = e.parentElement) colours.push(getComputedStyle(e).backgroundColor);
        return colours;
    };
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.textContent.trim();
        const el = walker.currentNode.parentElement;
        if (!text || seen.has(el) || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        if (el.closest("template, script, style, [disabled], button:disabled")) continue;
        seen.add(el);
        found.push({what: el.tagName.toLowerCase() + "." + el.className + " " + text.slice(0, 24),
                    color: getComputedStyle(el).color, behind: behind(el)});
    }
    for (const field of document.querySelectorAll("input:not([type=checkbox]), select")) {
        if (field.disabled || !field.checkVisibility()) continue;
        const value = field.tagName === "SELECT" ? field.selectedOptions[0]?.text : field.value;
        if (value) found.push({what: "field " + field.className + " " + value.slice(0, 24),
                               color: getComputedStyle(field).color, behind: behind(field)});
        else if (field.placeholder) found.push({what: "placeholder " + field.placeholder.slice(0, 24),
                                                color: getComputedStyle(field, "::placeholder").color,
                                                behind: behind(field)});
    }
    return found;
}"""


def _seen_on(behind: list[str]) -> RGB:
    """The colour a stack of backgrounds shows (the innermost first), over the browser's white canvas."""
    shown: RGB = (255.0, 255.0, 255.0)
    for value in reversed(behind):
        colour, alpha = css_color(value)
        shown = blend(colour, alpha, shown)
    return shown


def unreadable(page: Any) -> list[str]:
    """The texts of the page below AA, each with its contrast."""
    low = []
    for text in page.evaluate(TEXTS):
        background = _seen_on(text["behind"])
        colour, alpha = css_color(text["color"])
        ratio = contrast(blend(colour, alpha, background), background)
        if ratio < AA_NORMAL:
            low.append(f"{text['what']!r}: {ratio:.2f}:1 ({text['color']} on {background})")
    return low


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    workspace = example_workspace(tmp_path_factory.mktemp("web") / "青禾镇", None)
    with served(workspace, terminal=False, lang="zh_CN") as (url, _lines):
        yield url, workspace


@pytest.fixture(scope="module")
def page(server: tuple[str, Path]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    url, _workspace = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
        opened = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 768})
        opened.goto(url)  # the printed address: the token goes into a cookie
        yield opened
        browser.close()


def _open(page: Any, url: str, name: str) -> None:
    from playwright.sync_api import expect

    page.goto(url.split("/?", 1)[0] + f"/r/{name}")
    expect(page.locator("#status")).to_be_visible()
    for details in page.locator("details").all():  # guidance and last year's text, open as the clerk reads them
        details.evaluate("(el) => { el.open = true; }")


def test_the_start_page_reads(server: tuple[str, Path], page: Any) -> None:
    from playwright.sync_api import expect

    url, _workspace = server
    page.goto(url.split("/?", 1)[0] + "/")
    expect(page.locator("table.reports")).to_contain_text("政府信息公开")
    assert unreadable(page) == []


def test_a_part_figures_and_findings_read(server: tuple[str, Path], page: Any) -> None:
    url, _workspace = server
    _open(page, url, "2025.json")
    assert page.locator("ul.findings li").count() > 0
    assert unreadable(page) == []


def test_the_table_grid_reads_with_a_broken_rule(server: tuple[str, Path], page: Any) -> None:
    """Row labels, headings, typed cells, totals; then a cell that breaks a total, and the pointer over a label."""
    from playwright.sync_api import expect

    url, _workspace = server
    _open(page, url, "gongkai-2025.json")
    grid = page.locator("table.grid-table[data-table=requests]")
    expect(grid.locator("th.label").first).to_be_visible()
    measured = {text["what"].split(" ", 1)[0] for text in page.evaluate(TEXTS)}
    assert {"th.label", "th.header", "td.computed", "field"} <= measured  # the grid is among what is measured
    assert unreadable(page) == []
    cell = grid.locator("input.cell-input[data-row=new][data-column=natural]")
    before = cell.input_value()
    cell.fill(str(int(before) + 3))
    expect(cell.locator("xpath=..")).to_have_class(re.compile(r"\bbroken\b"))
    grid.locator("th.label").nth(2).hover()
    assert unreadable(page) == []
    cell.fill(before)
    expect(grid.locator(".broken")).to_have_count(0)
