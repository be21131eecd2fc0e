"""The closing stays with the body, and pages are full (GB/T 9704: 22 lines a page but the last).

The body's last lines, 特此报告 and the signature keep together, so no page holds a signature alone; widow and
orphan control is off as in official templates, so a page never ends a line or two short.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.pack import load_pack
from tests.conftest import EXAMPLES, pdf_pages, soffice

SHIFTS = range(0, 23)
"""Extra one-line paragraphs: each moves the end of the body down a line, so one of them puts the page break at
every line of the closing."""


def _variant(folder: Path, extra: int) -> Path:
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    items = data["sections"]["other"]["items"] if data["sections"]["other"].get("items") else None
    paragraphs = [{"text": f"第{extra}组补充说明第{n + 1}条。"} for n in range(extra)]
    if items:
        items[-1].setdefault("paragraphs", []).extend(paragraphs)
    else:
        data["sections"]["other"].setdefault("intro", []).extend(paragraphs)
    path = folder / f"shift-{extra:02d}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[str]]:
    soffice()
    folder = tmp_path_factory.mktemp("closing")
    sources = [_variant(folder, extra) for extra in SHIFTS]
    out = folder / "out"
    assert main(["render-batch", *map(str, sources), "--outdir", str(out), "--pdf"]) == 0
    return {extra: pdf_pages(out / f"shift-{extra:02d}.pdf") for extra in SHIFTS}


def _lines(page: str) -> list[str]:
    """Text lines of a page, without the page number."""
    return [line for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]


def test_no_page_holds_the_closing_without_body_lines(pages: dict[int, list[str]]) -> None:
    for extra, document in pages.items():
        last = _lines(document[-1])
        closing = next(i for i, line in enumerate(last) if "特此报告" in line) if any(
            "特此报告" in line for line in last) else None
        assert closing is not None, f"{extra} lines added: 特此报告 is not on the page of the signature: {last}"
        assert closing >= 2, f"{extra} lines added: fewer than two body lines above 特此报告 on its page: {last}"
        assert "人民政府" in "".join(last[closing:]), f"{extra} lines added: no signature after 特此报告"


def test_pages_are_full_but_where_a_heading_or_the_closing_moved_on(pages: dict[int, list[str]]) -> None:
    """Without widow control a page ends short only where the closing moved on with the body's last lines (the
    page before the last), or by a line where a heading moved on with its first line; the first page holds the
    title's two lines in place of one line of text."""
    per_page = load_pack().style.lines_per_page
    for extra, document in pages.items():
        counts = [len(_lines(page)) for page in document]
        for number, count in enumerate(counts[:-2], start=1):
            assert count >= per_page - 1, f"{extra} lines added: page {number} holds {count} lines: {counts}"
        if len(counts) >= 2 and counts[-2] < per_page - 1:  # the closing moved on: the last page begins with it
            assert "特此报告" in "".join(_lines(document[-1])[:3]), f"{extra} lines added: a short page: {counts}"
    assert any(len(document) > 6 for document in pages.values()), "no variant reaches a further page"
