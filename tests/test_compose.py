"""Composition: generated numbering from depth, run-in headings, the document skeleton."""

from __future__ import annotations

import pytest

from drafter.compose import Kind, compose
from drafter.numbering import outline_number
from drafter.numerals import chinese_number
from drafter.outline import HEADING, INTRO
from drafter.pack import load_pack
from tests.factories import make_answers


@pytest.mark.parametrize(("n", "text"), [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"), (99, "九十九"),
    (100, "一百"), (101, "一百零一"), (110, "一百一十"), (119, "一百一十九"), (1000, "一千"), (1010, "一千零一十"),
    (10_010, "一万零一十"), (100_000, "十万"), (110_001, "十一万零一"), (100_000_000, "一亿"),
])
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


def test_outline_numbers_by_level() -> None:
    assert [outline_number(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]


def test_document_skeleton_and_numbering() -> None:
    doc = compose(make_answers(), load_pack())
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] is Kind.TITLE and kinds[1] is Kind.RECIPIENT
    assert doc.blocks[0].text == "中共南溪乡委员会 南溪乡人民政府关于2025年度法治政府建设情况的报告"
    assert doc.blocks[1].text == "县委、县政府："
    assert kinds[-4:] == [Kind.CLOSING, Kind.SIGNATURE, Kind.SIGNATURE, Kind.DATE]
    assert doc.blocks[-1].text == "2026年2月3日"
    headings = [(b.level, b.number + b.text) for b in doc.blocks if b.kind is Kind.HEADING]
    assert headings == [
        (1, "一、2025年度推进法治政府建设的主要举措和成效"),
        (2, "（一）健全工作机制"),
        (2, "（二）抓好学法用法"),
        (3, "1.干部学法"),
        (4, "（1）网上学法"),
        (1, "二、推进法治政府建设存在的不足和原因"),
        (1, "三、党政主要负责人履行推进法治建设第一责任人职责情况"),
        (1, "四、2026年度推进法治政府建设的主要安排"),
        (2, "（一）深化普法宣传"),
        (1, "五、其他需要报告的情况"),
    ]


def test_run_in_heading_carries_its_first_paragraph() -> None:
    doc = compose(make_answers(), load_pack())
    run_in = next(b for b in doc.blocks if b.text == "抓好学法用法")
    assert run_in.body == "一是会前学法12次；二是组织考试86人次。"
    assert run_in.plain() == "（二）抓好学法用法。一是会前学法12次；二是组织考试86人次。"
    assert "学法成效明显。" in doc.text()


def test_reordering_items_renumbers() -> None:
    answers = make_answers()
    measures = answers.sections.get("measures")
    assert measures is not None
    measures.items.reverse()
    doc = compose(answers, load_pack())
    level2 = [b.number + b.text for b in doc.of_section("measures") if b.kind is Kind.HEADING and b.level == 2]
    assert level2 == ["（一）抓好学法用法", "（二）健全工作机制"]


def test_empty_and_missing_parts_are_left_out_and_numbers_close_up() -> None:
    answers = make_answers()
    answers.sections.pop("other", None)
    answers.sections.pop("duty", None)
    doc = compose(answers, load_pack())
    level1 = [b.number for b in doc.blocks if b.kind is Kind.HEADING and b.level == 1]
    assert level1 == ["一、", "二、", "三、"]


def test_own_heading_and_opening_replace_the_packs() -> None:
    answers = make_answers(opening="今年以来，我乡扎实推进法治建设。")
    assert answers.sections.get("problems") is not None
    answers.sections.get("problems").heading = "二、存在的问题及原因"
    doc = compose(answers, load_pack())
    assert "今年以来，我乡扎实推进法治建设。" in doc.text()
    assert "二、存在的问题及原因" in doc.text()


def test_government_and_plain_title_forms() -> None:
    pack = load_pack()
    assert (
        compose(make_answers(title_form="government"), pack).title == "南溪乡人民政府关于2025年度法治政府建设情况的报告"
    )
    assert compose(make_answers(title_form="plain"), pack).title == "关于2025年度法治政府建设情况的报告"


def test_block_paths_point_back_to_the_answers() -> None:
    answers = make_answers()
    doc = compose(answers, load_pack())
    measures = answers.sections.get("measures")
    assert measures is not None
    paths = [(b.path, b.plain()) for b in doc.of_section("measures")]
    assert paths == [
        ((), "一、2025年度推进法治政府建设的主要举措和成效"),
        ((0, HEADING), "（一）健全工作机制"),  # a heading's path ends in HEADING: never read as a paragraph
        ((0, 0), "乡党委全年专题研究法治工作4次。"),
        ((1, 0), "（二）抓好学法用法。一是会前学法12次；二是组织考试86人次。"),  # run-in: its first paragraph
        ((1, 1), "学法成效明显。"),
        ((1, 0, HEADING), "1.干部学法"),
        ((1, 0, 0), "干部参学率明显提高。"),
        ((1, 0, 0, HEADING), "（1）网上学法"),
        ((1, 0, 0, 0), "全员完成网上学法。"),
    ]
    intro = doc.of_section("problems")[1]
    assert intro.path == (INTRO, 0)
