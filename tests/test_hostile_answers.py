"""Answers files a new user's worst day produces: each gives one line and exit 2, or is handled — never a
traceback (issue 18, items 3–8 and 17).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bad_input import docx_text, drafter

from .conftest import DATA

MANY_ITEMS = DATA / "answers-120-items.json"
"""120 items in one part, the first with 105 sub-items: more than 99 at one level."""


@pytest.mark.parametrize("command", ["validate", "check", "render"])
def test_more_than_99_items_are_numbered_on(tmp_path: Path, command: str) -> None:
    out = tmp_path / "many.docx"
    args = [command, str(MANY_ITEMS)] + (["-o", str(out)] if command == "render" else [])
    result = drafter(*args)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    if command == "render":
        text = docx_text(out)
        assert "（九十九）第99项举措" in text
        assert "（一百零一）第101项举措" in text
        assert "（一百二十）第120项举措" in text
        assert "105.第105个小项" in text
