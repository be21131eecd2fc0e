"""The checks engine on a clean report written for the purpose, and on defective variants of it."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import Finding, Severity, check_answers, check_document, fix_answers
from drafter.compose import Kind, compose
from drafter.model import Answers
from drafter.pack import load_pack
from tests.conftest import DATA, EXAMPLES, ROOT

CLEAN = DATA / "checks" / "clean_2025.json"


def clean() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CLEAN.read_text(encoding="utf-8"))
    return data


def check(data: dict[str, Any], previous: dict[str, Any] | None = None) -> list[Finding]:
    prev = Answers.model_validate(previous) if previous is not None else None
    return check_answers(Answers.model_validate(data), load_pack(), prev)


def serious(findings: list[Finding]) -> list[tuple[str, str]]:
    """(rule, excerpt) of every warning and error."""
    return [(f.rule, f.excerpt) for f in findings if f.severity is not Severity.INFO]


def measures_item(data: dict[str, Any], index: int) -> dict[str, Any]:
    item: dict[str, Any] = data["sections"]["measures"]["items"][index]
    return item


def set_text(data: dict[str, Any], index: int, text: str, paragraph: int = 0) -> None:
    measures_item(data, index)["paragraphs"][paragraph]["text"] = text


# ---- no false alarms -------------------------------------------------------------------------------------


def test_clean_report_has_no_warning_or_error() -> None:
    findings = check(clean())
    assert serious(findings) == []


def test_clean_report_notes_only_are_unchanged_figures() -> None:
    data = clean()
    data["figures"]["mediators"] = {"value": 35, "previous": 35}
    findings = check(data)
    assert [(f.rule, f.severity, f.excerpt) for f in findings] == [
        ("figure.unchanged", Severity.INFO, "35名"),
    ]


@pytest.mark.skipif(not (EXAMPLES / "2025.json").is_file(), reason="bundled example not present")
def test_bundled_example_has_no_warning_or_error() -> None:
    from drafter.store import load_answers

    current = load_answers(EXAMPLES / "2025.json")
    previous = load_answers(EXAMPLES / "2024.json")
    assert serious(check_answers(current, load_pack(), previous)) == []
    assert serious(check_answers(previous, load_pack())) == []


# ---- each defect alone -------------------------------------------------------------------------------------


def test_word_bookmark_or_field_debris_left_in_the_text_is_a_warning() -> None:
    data = clean()
    set_text(data, 0, measures_item(data, 0)["paragraphs"][0]["text"] + "[bookmark: _GoBack]")
    found = [(f.rule, f.severity, f.excerpt) for f in check(data) if f.rule == "text.debris"]
    assert found == [("text.debris", Severity.WARNING, "[bookmark: _GoBack]")]


def test_copy_to_an_organ_the_report_is_addressed_to_is_a_warning() -> None:
    data = clean()
    data["org"]["recipients"] = "县委、县政府"
    data["org"]["copy_to"] = ["县委办公室", "县司法局", "县政府", "县委政法委员会办公室"]
    found = [(f.rule, f.severity, f.excerpt) for f in check(data) if f.rule.startswith("dispatch.")]
    assert found == [("dispatch.copy-to-recipient", Severity.WARNING, "县委办公室"),
                     ("dispatch.copy-to-recipient", Severity.WARNING, "县政府")]


def test_missing_part() -> None:
    data = clean()
    del data["sections"]["plan"]
    findings = check(data)
    assert serious(findings) == [("structure.missing-section", "")]
    assert findings[0].section == "plan" and findings[0].severity is Severity.ERROR


def test_duty_as_an_item_inside_measures_counts_as_present() -> None:
    data = clean()
    duty = data["sections"].pop("duty")
    data["sections"]["measures"]["items"].append(
        {"heading": "党政主要负责人履行推进法治建设第一责任人职责", "paragraphs": duty["intro"]})
    assert serious(check(data)) == []
    doc = compose(Answers.model_validate(clean() | {"sections": {k: v for k, v in clean()["sections"].items()
                                                                 if k != "duty"}}), load_pack())
    kept = check_document(doc, load_pack(), year=2025, org=None, duty_in_measures=True)
    assert "structure.missing-section" not in {f.rule for f in kept}


def test_problems_without_causes() -> None:
    data = clean()
    data["sections"]["problems"]["intro"].pop()
    assert serious(check(data)) == [("structure.missing-causes", "推进法治政府建设存在的不足和原因")]


def test_no_date() -> None:
    data = clean()
    del data["date"]
    findings = check(data)
    assert serious(findings) == [("structure.missing-signature", "")]
    assert findings[0].section is None


def test_stale_year_as_the_period() -> None:
    data = clean()
    item = measures_item(data, 2)
    item["paragraphs"][0]["text"] += "2024年共培育法律明白人60名。"
    assert serious(check(data)) == [("year.stale", "2024年共培育")]


def test_since_last_year_is_stale() -> None:
    data = clean()
    set_text(data, 1, "2024年以来，我镇共培养法律明白人64名。", 1)
    assert serious(check(data)) == [("year.stale", "2024年以来")]


def test_stale_year_in_an_own_heading() -> None:
    data = clean()
    data["sections"]["measures"]["heading"] = "2024年度推进法治政府建设的主要举措和成效"
    assert serious(check(data)) == [("year.stale", "2024年度推进法")]


@pytest.mark.parametrize("text", [
    "参考人数较2024年增加14人次。",
    "与2024年相比，宣传场次有所增加。",
    "自2019年以来累计建成广场4处。",
    "该调委会2018年成立。",
    "依据《法治政府建设实施纲要（2021—2025年）》开展自查。",
    "对照2021年至2025年规划开展总结。",
    "比上年增加2场次，同比增长5%。",
    "2024年底前建成的阵地已投入使用。",
    "按时公开了2024年度法治政府建设情况报告。",
    "上年报告（2024年度）提出的问题已整改。",
    "2024年度考核中我镇获评优秀等次。",
    "2023年以来累计培养法律明白人120名。",
])
def test_years_that_are_not_the_period_are_not_stale(text: str) -> None:
    data = clean()
    set_text(data, 1, text, 1)
    assert serious(check(data)) == []


def test_plan_naming_the_wrong_year() -> None:
    data = clean()
    data["sections"]["plan"]["items"][1]["paragraphs"][0]["text"] = "2025年，我镇将充实执法力量，更新执法装备。"
    assert serious(check(data)) == [("plan.wrong-year", "2025年")]


def test_stale_term() -> None:
    data = clean()
    set_text(data, 1, "深入学习党的十九大精神，全年开展党委会会前学法12次。", 0)
    findings = check(data)
    assert serious(findings) == [("term.stale", "党的十九大精神")]
    assert "党的二十大" in findings[0].suggestion


def test_term_of_the_coming_period_in_the_plan_is_fine() -> None:
    data = clean()
    plan = json.dumps(data["sections"]["plan"], ensure_ascii=False)
    assert "“十五五”" in plan and "“九五”普法" in plan
    assert [f for f in check(data) if f.rule == "term.stale"] == []


def test_term_stale_after_its_period() -> None:
    data = clean()
    data["year"] = 2026
    data["date"] = "2027-01-10"
    for item in data["sections"]["plan"]["items"]:
        item["paragraphs"][0]["text"] = item["paragraphs"][0]["text"].replace("2026年", "2027年").replace(
            "“十五五”规划开局之年", "“十五五”规划实施第二年")
    set_text(data, 0, "我镇对照纲要逐项开展自查。", 0)
    set_text(data, 1, "参考人数较2025年增加14人次。", 1)
    assert serious(check(data)) == [("term.stale", "“八五”普法")]


@pytest.mark.parametrize(("text", "wrong"), [
    ("2025年是《法治政府建设实施纲要（2021—2025年）》收官之年，我镇对照纲要逐项自查。", False),
    ("2026年是《法治政府建设实施纲要（2021—2025年）》收官之年，我镇对照纲要逐项自查。", True),
    ("2025年是“十四五”规划和“八五”普法收官之年。", False),
    ("2026年是“十四五”规划收官之年。", True),
    ("2026年是“十五五”规划开局之年。", False),
    ("2027年是“十五五”规划开局之年。", True),
    ("2026年是“九五”普法起步之年。", False),
    ("2023年是“八五”普法规划实施的第三年。", False),
    ("2024年是“八五”普法规划实施的第三年。", True),
    ("2024年是“十四五”规划实施第4年。", False),
    ("2024年是“十四五”规划实施第5年。", True),
    ("2025年是全面深化改革的关键之年。", False),
])
def test_dated_facts_agree_with_the_years_of_the_plans(text: str, wrong: bool) -> None:
    data = clean()
    set_text(data, 0, text, 0)
    found = [f for f in check(data) if f.rule == "fact.milestone"]
    assert bool(found) == wrong, found
    if wrong:
        assert found[0].severity is Severity.ERROR
        assert found[0].excerpt.startswith(text[:5])
        assert found[0].suggestion


def test_the_plan_named_with_its_years_never_goes_stale() -> None:
    data = clean()
    data["year"] = 2026
    data["date"] = "2027-01-10"
    text = "我镇对照《法治政府建设实施纲要（2021—2025年）》和法治政府建设实施纲要（2021—2025年）逐项自查。"
    set_text(data, 0, text, 0)
    assert [f for f in check(data) if f.rule == "term.stale" and "纲要" in f.excerpt] == []


def test_another_townships_name_in_a_set_phrase() -> None:
    data = clean()
    set_text(data, 1, "进一步提高依法行政水平，加快推进法治东坡进程。", 1)
    assert serious(check(data)) == [("place.foreign", "法治东坡进程")]


def test_standing_on_another_places_reality() -> None:
    data = clean()
    set_text(data, 1, "立足宝安实际，全面推进依法行政。", 1)
    assert serious(check(data)) == [("place.foreign", "立足宝安实际")]


def test_another_townships_name_by_its_suffix() -> None:
    data = clean()
    set_text(data, 1, "组织干部学习借鉴白沙镇的经验做法。", 1)
    assert serious(check(data)) == [("place.foreign", "白沙镇")]


def test_street_office_wording_in_a_town_report() -> None:
    data = clean()
    set_text(data, 1, "推动本街道各社区完成普法任务。", 1)
    assert serious(check(data)) == [("place.foreign", "本街道")]


def test_own_names_and_common_words_are_not_foreign() -> None:
    data = clean()
    set_text(data, 1, "柏溪镇党委、明川县司法局、云州市法学会和新塘社区共同推进法治柏溪建设，立足镇情实际，"
                      "在全镇各乡镇、城镇和集镇开展依法治镇工作，邀请县司法局、区域内市场主体参加，争创法治政府建设示范县，"
                      "推动县乡两级、城乡社区和各乡镇（街道）落实责任，在集镇主要街道设置宣传点。", 1)
    assert serious(check(data)) == []


def prose_only() -> dict[str, Any]:
    """The clean report without typed figures: only what the prose says about itself is judged."""
    data = clean()
    data["figures"] = {}
    return data


def test_rate_that_does_not_match_its_counts() -> None:
    data = prose_only()
    set_text(data, 3, "全年排查矛盾纠纷86件、化解80件，调处成功率100%。", 0)
    findings = check(data)
    assert serious(findings) == [("figure.mismatch", "调处成功率100%")]
    assert "93.0%" in findings[0].message and findings[0].severity is Severity.ERROR


def test_parts_that_do_not_add_up() -> None:
    data = prose_only()
    set_text(data, 3, "全年排查矛盾纠纷124件，其中村级调处98件、镇级调处30件，调处成功116件，调处成功率93.5%。", 0)
    assert serious(check(data)) == [("figure.inconsistent", "124件，其中村级调处98件、镇级调处30件")]


def test_part_larger_than_its_whole() -> None:
    data = prose_only()
    set_text(data, 3, "全年排查矛盾纠纷124件，其中村级调处130件。", 0)
    findings = check(data)
    assert serious(findings) == [("figure.inconsistent", "124件，其中村级调处130件")]
    assert "130" in findings[0].message


def test_success_larger_than_cases_in_prose() -> None:
    data = prose_only()
    set_text(data, 3, "全年排查矛盾纠纷80件，调处成功86件。受理信访事项18件，办结17件。", 0)
    findings = check(data)
    assert serious(findings) == [("figure.inconsistent", "80件，调处成功86件")]


def test_typed_figures_against_the_packs_relations() -> None:
    data = clean()
    data["figures"]["disputes_resolved"] = {"value": 130, "previous": 121}
    data["figures"]["disputes_town"] = {"value": 20, "previous": 27}
    found = serious(check(data))
    assert ("figure.inconsistent", "调处成功") in found
    assert ("figure.inconsistent", "124件") in found
    # the prose, which still states the old figures, now contradicts the form
    assert sorted(f for f in found if f[0] == "figure.mismatch") == sorted([
        ("figure.mismatch", "镇级调处26件"), ("figure.mismatch", "调处成功116件"),
        ("figure.mismatch", "调处成功率93.5%")])
    assert len(found) == 5


def test_leading_zero() -> None:
    data = clean()
    set_text(data, 3, "坚持矛盾纠纷每月排查，全年到县信访01人次。", 1)
    findings = check(data)
    assert serious(findings) == [("figure.format", "01人次")]


@pytest.mark.parametrize("text", ["全年发放宣传资料4,000份。", "全年发放宣传资料12,500份，张贴标语1,020条。"])
def test_thousands_separators_are_numbers_not_leading_zeros(text: str) -> None:
    data = clean()
    set_text(data, 3, text, 1)
    assert serious(check(data)) == []


def test_counts_with_thousands_separators_are_read_whole() -> None:
    data = prose_only()  # judged against its own counts, not the figures form
    set_text(data, 3, "全年排查矛盾纠纷1,240件，调处成功1,200件，调处成功率50%。", 0)
    assert serious(check(data)) == [("figure.mismatch", "调处成功率50%")]  # 1,200 of 1,240 is 96.8%, not 50%
    set_text(data, 3, "全年排查矛盾纠纷1,240件，调处成功1,200件，调处成功率96.8%。", 0)
    assert serious(check(data)) == []


def test_fullwidth_digits() -> None:
    data = clean()
    set_text(data, 3, "坚持矛盾纠纷每月排查，全年召开分析会１２次。", 1)
    findings = check(data)
    assert serious(findings) == [("figure.format", "１２")]
    assert "12" in findings[0].suggestion


def test_rate_above_100_percent() -> None:
    data = prose_only()
    set_text(data, 3, "全年排查矛盾纠纷124件，调处成功率105%。", 0)
    assert serious(check(data)) == [("figure.inconsistent", "调处成功率105%")]


def test_halfwidth_punctuation_and_its_fix() -> None:
    data = clean()
    set_text(data, 1, "邀请县司法局业务骨干讲授执法程序,组织执法人员旁听庭审(1次).", 1)
    findings = check(data)
    assert serious(findings) == [
        ("punct.halfwidth", "序,组"), ("punct.halfwidth", "审(1"), ("punct.halfwidth", "次)."),
        ("punct.halfwidth", ")."),
    ]
    assert all(f.fixable for f in findings)
    answers = Answers.model_validate(data)
    fixed, changes = fix_answers(answers, load_pack())
    assert len(changes) == 1
    assert measures_item(json.loads(fixed.model_dump_json()), 1)["paragraphs"][1]["text"] == (
        "邀请县司法局业务骨干讲授执法程序，组织执法人员旁听庭审（1次）。")
    assert serious(check_answers(fixed, load_pack())) == []
    assert "," in answers.sections.get("measures").items[1].paragraphs[1].text  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    "调处成功率93.5%，较上年提高1.2个百分点。",
    "群众可在上午8:30到便民服务中心查询。",
    "详见网站http://www.example.gov.cn/fzzf/index.html。",
    "通过“学法用法”APP完成学习。",
    "1.干部学法情况良好。",
])
def test_halfwidth_marks_that_are_fine(text: str) -> None:
    data = clean()
    set_text(data, 1, text, 1)
    assert serious(check(data)) == []


@pytest.mark.parametrize(("text", "excerpt"), [
    ("在XX村开展普法宣传。", "XX"),
    ("全年开展活动××场次。", "××"),
    ("由【单位名称】负责实施。", "【单位名称】"),
    ("参训人数待填。", "待填"),
])
def test_placeholders(text: str, excerpt: str) -> None:
    data = clean()
    set_text(data, 1, text, 1)
    assert serious(check(data)) == [("text.placeholder", excerpt)]


def test_duplicate_paragraph() -> None:
    data = clean()
    paragraph = data["sections"]["duty"]["intro"][0]
    data["sections"]["duty"]["intro"].append(copy.deepcopy(paragraph))
    findings = check(data)
    assert serious(findings) == [("text.duplicate", paragraph["text"][:30])]
    assert findings[0].path == (-1, 1)


def test_paragraph_unchanged_from_last_year() -> None:
    data = clean()
    previous = clean()
    previous["year"] = 2024
    previous["sections"] = {"duty": copy.deepcopy(data["sections"]["duty"])}
    previous["figures"] = {"mediators": {"value": 35}}
    findings = check(data, previous)
    text = data["sections"]["duty"]["intro"][0]["text"]
    assert [(f.rule, f.excerpt, f.severity) for f in findings] == [
        ("figure.unchanged", "35名", Severity.INFO),
        ("text.unchanged", text[:30], Severity.WARNING),
    ]


def test_carried_paragraph_not_yet_reviewed() -> None:
    data = clean()
    measures_item(data, 3)["paragraphs"][1]["provenance"] = "carried"
    findings = check(data)
    assert serious(findings) == [("text.unchanged", measures_item(data, 3)["paragraphs"][1]["text"][:30])]
    assert findings[0].path == (3, 1)


# ---- several together --------------------------------------------------------------------------------------


def test_several_defects_together() -> None:
    data = clean()
    del data["date"]
    data["sections"]["problems"]["intro"].pop()
    measures_item(data, 2)["paragraphs"][0]["text"] += "2024年共培育法律明白人60名。"
    set_text(data, 1, "加快推进法治东坡进程,在XX村开展宣传。", 1)
    set_text(data, 3, "全年排查矛盾纠纷86件、化解80件，调处成功率100%，到县信访01人次。", 0)
    data["sections"]["plan"]["items"][1]["paragraphs"][0]["text"] = "2025年，我镇将深入学习党的十九大精神。"
    findings = check(data)
    assert sorted(serious(findings)) == sorted([
        ("structure.missing-signature", ""),
        ("structure.missing-causes", "推进法治政府建设存在的不足和原因"),
        ("year.stale", "2024年共培育"),
        ("place.foreign", "法治东坡进程"),
        ("punct.halfwidth", "程,在"),
        ("text.placeholder", "XX"),
        ("figure.mismatch", "全年排查矛盾纠纷86件"),  # the form says 124
        ("figure.mismatch", "化解80件"),  # the form says 116
        ("figure.mismatch", "调处成功率100%"),  # the form's counts give 93.5%
        ("figure.format", "01人次"),
        ("plan.wrong-year", "2025年"),
        ("term.stale", "党的十九大精神"),
    ])
    doc = compose(Answers.model_validate(data), load_pack())
    for finding in findings:
        if finding.excerpt:
            texts = [t for b in doc.blocks if b.section == finding.section for t in (b.text, b.body)]
            assert any(finding.excerpt in t for t in texts), finding
    sections = [f.section for f in findings]
    order = ["measures", "problems", "duty", "plan", "other"]
    assert sections == sorted(sections, key=lambda s: -1 if s is None else order.index(s))


def test_findings_point_at_their_blocks() -> None:
    data = clean()
    set_text(data, 3, "坚持矛盾纠纷每月排查，全年到县信访01人次。", 1)
    finding = check(data)[0]
    doc = compose(Answers.model_validate(data), load_pack())
    block = next(b for b in doc.blocks if b.section == finding.section and b.path == finding.path)
    assert block.kind is Kind.PARAGRAPH and finding.excerpt in block.text


# ---- layering ---------------------------------------------------------------------------------------------


def test_checks_never_import_textual() -> None:
    code = "import sys, drafter.checks, drafter.checks.source, drafter.commands.check; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clean_file_is_valid_answers() -> None:
    assert Path(CLEAN).is_file()
    assert Answers.model_validate(clean()).org.name == "柏溪镇"


# ---- any text -----------------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("镇乡街道区县市法治平安立足实际年度较比上20241９0%％.,:;()（）XX×○【】"
                                 "待填件人次其中村级成功率化解排查，。、；：“”《》—0123456789 abc"))


@settings(max_examples=60, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=80))
def test_any_text_checks_without_error_and_excerpts_are_in_the_text(text: str) -> None:
    data = clean()
    set_text(data, 1, text, 1)
    answers = Answers.model_validate(data)
    doc = compose(answers, load_pack())
    for finding in check_answers(answers, load_pack()):
        if finding.excerpt and finding.rule not in ("figure.unchanged",) and not finding.rule.startswith("structure"):
            texts = [t for b in doc.blocks if b.section == finding.section for t in (b.text, b.body)]
            assert any(finding.excerpt in t for t in texts), finding
    fixed, _changes = fix_answers(answers, load_pack())
    assert not [f for f in check_answers(fixed, load_pack()) if f.rule == "punct.halfwidth"]


def test_a_carried_paragraph_names_the_figure_it_states_at_last_years_value() -> None:
    """A paragraph carried over that still states last year's 会前学法 12次 says so under a rule of its own, naming
    the figure, the value and this year's: not filled in, or another."""
    from drafter.reuse import carry_forward
    from tests.factories import make_answers

    last = make_answers(year=2024)  # 一是会前学法12次；二是组织考试86人次。 with 党委会会前学法 = 12
    this = carry_forward(last, 2025)
    for previous in (last, None):  # last year's report at hand, or only the value carried beside this year's
        found = {f.excerpt: (f.rule, f.severity, f.message) for f in check_answers(this, load_pack(), previous)
                 if f.rule.startswith("text.")}
        assert found["一是会前学法12次；二是组织考试86人次。"][:2] == ("text.last-year-figure", Severity.WARNING)
        assert found["一是会前学法12次；二是组织考试86人次。"][2].endswith(
            "; “党委会会前学法 12次” in it is last year's figure, and this year's is not filled in")
        assert found["党委书记带头学法，主持召开专题会议4次。"][0] == "text.unchanged"  # 4 is no figure's value
    this.figures["committee_study_sessions"].value = 15
    message = _message_on(check_answers(this, load_pack(), last), "会前学法12次")
    assert message.endswith("; “党委会会前学法 12次” in it is last year's figure, and this year's is 15次")
    this.figures["committee_study_sessions"].value = 12  # the same again this year: the paragraph may well hold
    findings = check_answers(this, load_pack(), last)
    assert [f.rule for f in findings if "会前学法12次" in f.excerpt] == ["text.unchanged"]


def _message_on(findings: list[Finding], excerpt: str) -> str:
    """The message of the one paragraph finding whose excerpt holds ``excerpt``."""
    [message] = [f.message for f in findings if f.rule.startswith("text.") and excerpt in f.excerpt]
    return message


def test_carried_paragraphs_with_live_figures_are_still_to_review() -> None:
    """A carried paragraph whose live figures now state this year's (still empty) figures is still unreviewed."""
    from drafter.reuse import carry_forward
    from drafter.store import load_answers

    last = load_answers(EXAMPLES / "2025.json")
    this = carry_forward(last)
    findings = check_answers(this, load_pack(), last)
    unchanged = [f.excerpt for f in findings if f.rule == "text.unchanged"]
    assert any(e.startswith("组织镇村干部参加年度学法考试，参考【  】人次") for e in unchanged)
    placeholders = [f for f in findings if f.rule == "text.placeholder"]
    assert placeholders  # the empty live figures show as gaps to fill
