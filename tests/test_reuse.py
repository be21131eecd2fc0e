"""Carry forward: years moved on only where they mean the reporting period; provenance, figures, date."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks import check_answers
from drafter.model import Answers, Provenance
from drafter.pack import load_pack
from drafter.reuse import carry_forward, confirm_paragraph, confirm_section, shift_years, unreviewed
from drafter.store import load_answers
from tests.factories import make_answers


@pytest.mark.parametrize(
    ("text", "plan", "expected"),
    [
        ("2024年以来，我镇扎实推进依法行政。", False, "2025年以来，我镇扎实推进依法行政。"),
        ("现将2024年度法治政府建设情况报告如下：", False, "现将2025年度法治政府建设情况报告如下："),
        ("2024年3月，镇政府公开了上年度报告。", False, "2025年3月，镇政府公开了上年度报告。"),
        ("2025年，我镇将继续深化普法。", True, "2026年，我镇将继续深化普法。"),
        ("巩固2024年成果，2025年重点抓好执法培训。", True, "巩固2025年成果，2026年重点抓好执法培训。"),
        ("2024年调处纠纷，2024年办结信访。", False, "2025年调处纠纷，2025年办结信访。"),
    ],
)
def test_years_of_the_reporting_period_move_on(text: str, plan: bool, expected: str) -> None:
    assert shift_years(text, 2024, 2025, plan=plan) == expected


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("对照《法治政府建设实施纲要（2021—2025年）》开展自查。", False),
        ("对照《法治政府建设实施纲要（2021—2025年）》开展自查。", True),
        ("落实五年规划（2021—2025年）确定的任务。", True),
        ("规划期为2021-2025年。", True),
        ("规划期为2024—2025年度。", False),
        ("规划期为2024至2025年。", True),
        ("规划期为2024年—2025年。", True),
        ("规划期为2024年至2025年。", False),
        ("排查纠纷件数较2023年有所下降。", False),
        ("排查纠纷件数较2024年有所下降。", False),
        ("与2024年相比，信访件数减少。", False),
        ("比2024年增加3件。", True),
        ("咨询人次比上年增长，同比增长一成。", False),
        ("镇司法所于2019年成立。", False),
        ("学习《关于2024年度重点工作的通知》。", False),
        ("2025年是规划收官之年。", False),
    ],
)
def test_years_that_must_not_change(text: str, plan: bool) -> None:
    assert shift_years(text, 2024, 2025, plan=plan) == text


def test_shift_by_more_than_one_year_and_no_shift() -> None:
    assert shift_years("2023年以来", 2023, 2025) == "2025年以来"
    assert shift_years("2024年以来", 2024, 2024) == "2024年以来"
    assert shift_years("", 2024, 2025) == ""


def _all_items(answers: Answers) -> list[Provenance]:
    out: list[Provenance] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            out.append(item.provenance)
            walk(item.items)

    for _key, section in answers.section_items():
        walk(section.items)
    return out


def test_carry_forward_of_the_example(example_2025: Path) -> None:
    previous = load_answers(example_2025)
    carried = carry_forward(previous)
    assert carried.year == 2026
    assert carried.date is None
    assert carried.org == previous.org
    assert carried.title_form == previous.title_form
    assert [k for k, _s in carried.section_items()] == [k for k, _s in previous.section_items()]
    paragraphs = [p for _k, s in carried.section_items() for p in s.all_paragraphs()]
    assert paragraphs and all(p.provenance is Provenance.CARRIED for p in paragraphs)
    assert all(p is Provenance.CARRIED for p in _all_items(carried))
    assert len(unreviewed(carried)) == len(paragraphs)
    for key, fig in previous.figures.items():
        assert carried.figures[key].value is None
        assert carried.figures[key].previous == fig.value
    # the text is carried as written: its years are evidence of what happened (moving them made
    # "2026年是…纲要收官之年" out of a true sentence); the checks flag the ones that now read as stale
    first = carried.sections.get("measures").items[0].paragraphs[0].text  # type: ignore[union-attr]
    assert first == previous.sections.get("measures").items[0].paragraphs[0].text  # type: ignore[union-attr]
    assert first.startswith("2025年是《法治政府建设实施纲要（2021—2025年）》收官之年")
    plan = carried.sections.get("plan").items[0].paragraphs[0].text  # type: ignore[union-attr]
    assert plan.startswith("2026年是“十五五”规划开局之年")
    findings = check_answers(carried, load_pack(), previous)
    assert not [f for f in findings if f.rule == "fact.milestone"]
    assert any(f.rule == "plan.wrong-year" and f.excerpt.startswith("2026年") for f in findings)
    # moved on by hand to a false statement, the dated-fact check says so
    carried.sections.get("measures").items[0].paragraphs[0].text = first.replace("2025年是", "2026年是", 1)  # type: ignore[union-attr]
    wrong = [f for f in check_answers(carried, load_pack()) if f.rule == "fact.milestone"]
    assert len(wrong) == 1 and "2025" in wrong[0].message
    # the previous answers are untouched
    assert previous.figures["leaflets"].value == 6800
    assert previous.sections.get("measures").items[0].paragraphs[0].provenance is Provenance.TYPED  # type: ignore[union-attr]


def test_carry_forward_to_a_given_year_and_custom_headings() -> None:
    previous = make_answers(opening="2025年以来，南溪乡依法行政。")
    previous.sections.get("plan").heading = "2026年度工作安排"  # type: ignore[union-attr]
    carried = carry_forward(previous, 2027)
    assert carried.year == 2027
    assert carried.opening == "2027年以来，南溪乡依法行政。"
    assert carried.sections.get("plan").heading == "2028年度工作安排"  # type: ignore[union-attr]


def test_confirming_marks_reviewed() -> None:
    carried = carry_forward(make_answers())
    before = len(unreviewed(carried))
    key, para = unreviewed(carried)[0]
    confirm_paragraph(para)
    assert para.provenance is Provenance.TYPED
    assert len(unreviewed(carried)) == before - 1
    section = carried.sections.get(key)
    assert section is not None
    confirm_section(section)
    assert not any(p.needs_review for p in section.all_paragraphs())
