"""Outline numbers are made and read by one module: whatever drafter writes, it reads back at the same level."""

from __future__ import annotations

import pytest

from drafter.numbering import numbered, outline_number, strip_numbering


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_every_generated_number_is_read_back_at_its_level(level: int) -> None:
    for n in [*range(1, 130), 999]:
        number = outline_number(level, n)
        assert numbered(number + "加强组织领导") == (level, number, "加强组织领导"), number
        assert strip_numbering(number + "加强组织领导") == "加强组织领导"


@pytest.mark.parametrize(("typed", "level"), [
    ("三 、存在的不足", 1), ("三　、存在的不足", 1), ("(一)加强领导", 2), ("（一）、加强领导", 2),
    ("1、学法", 3), ("2．普法", 3), ("(1)会前学法", 4), ("一百零一、附则", 1),
])
def test_the_forms_clerks_type_are_read(typed: str, level: int) -> None:
    found = numbered(typed)
    assert found is not None and found[0] == level
    assert strip_numbering(typed) == found[2].strip()


@pytest.mark.parametrize("text", ["2025年全镇排查矛盾纠纷", "12.5%的增长", "一是坚持统筹推进", "（注：数据截至年底）"])
def test_prose_is_not_taken_for_a_number(text: str) -> None:
    assert numbered(text) is None
    assert strip_numbering(text) == text
