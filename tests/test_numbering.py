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


def test_a_block_path_leads_back_to_its_paragraph_and_entry() -> None:
    """compose writes block paths; outline reads them back (the checks find the paragraph, the editor the entry)."""
    from drafter.compose import Kind, compose
    from drafter.outline import entry_of, entry_paths, item_at, paragraph_at
    from drafter.pack import load_pack
    from tests.factories import make_answers

    answers = make_answers()
    doc = compose(answers, load_pack())
    seen = 0
    for block in doc.blocks:
        if block.kind is not Kind.PARAGRAPH or block.section is None:
            continue
        section = answers.sections[block.section]
        paragraph = paragraph_at(section, block.path)
        assert paragraph is not None and paragraph.text.strip() == block.text
        entry, index = entry_of(block.path)
        assert entry in entry_paths(section) and index is not None
        owner = section.intro if not entry else item_at(section, entry).paragraphs
        assert owner[index] is paragraph
        seen += 1
    headings = [b for b in doc.blocks if b.kind is Kind.HEADING and b.level > 1 and not b.body]
    for block in headings:  # an item's heading leads to its item, never to a paragraph
        entry, index = entry_of(block.path)
        assert index is None and item_at(answers.sections[block.section or ""], entry).heading == block.text
    assert seen >= 3 and headings
