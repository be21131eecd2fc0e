"""Issue 26: what a county reviewer checks, on made-up reports written for these tests (and the fixtures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from drafter.cli import main
from drafter.compose import Kind, compose
from drafter.importer import import_file
from drafter.pack import load_pack
from tests.conftest import FIXTURES
from tests.test_check_cli import english, run_json  # noqa: F401 (english: an autouse fixture)

GONGKAI_FIXTURES = FIXTURES.parent / "gongkai"
needs_fixtures = pytest.mark.skipif(not GONGKAI_FIXTURES.is_dir(), reason="real-report fixtures not present")




def pairs(findings: list[dict[str, Any]], rule: str | None = None) -> set[tuple[str, str]]:
    return {(f["rule"], f["excerpt"]) for f in findings if rule is None or f["rule"] == rule}


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- item 1: the township and the year as the source states them -------------------------------------------

TITLE_NAMES_TOWNSHIP = """\
松岗镇2022年度法治政府建设情况报告
县委、县政府：
2022年，松岗镇党委、政府坚持依法行政，现将有关情况报告如下：
一、主要举措和成效
（一）推进综合执法。镇里配合县局开展强化街道综合行政执法的培训，学习邻近的强化街道的做法。
（二）党政主要负责人履行推进法治建设第一责任人职责。镇党委书记主持研究法治工作5次。
二、存在的不足和原因
一是普法形式单一，原因是人员少。
三、下一年度主要安排
2023年，继续加强学法用法。
特此报告。
2023年1月20日
"""


def test_the_title_names_the_township_not_the_body(tmp_path: Path) -> None:
    result = import_file(write(tmp_path, TITLE_NAMES_TOWNSHIP))
    assert result.answers.org.name == "松岗镇"
    assert not any("taken from the text" in n for n in result.notes)
    title = next(b.text for b in compose(result.answers, load_pack()).blocks if b.kind is Kind.TITLE)
    assert title.startswith("松岗镇"), "the rendered title keeps the township the source's title names"


def test_the_body_names_the_township_only_when_title_and_signature_are_silent(tmp_path: Path) -> None:
    text = TITLE_NAMES_TOWNSHIP.replace("松岗镇2022年度", "关于2022年度").replace("2022年，松岗镇", "2022年，柳林镇")
    text = text.replace("镇里配合", "柳林镇配合")
    result = import_file(write(tmp_path, text))
    assert result.answers.org.name == "柳林镇"
    assert any("“柳林镇” was taken from the text" in n for n in result.notes)


def test_check_does_not_call_the_township_in_the_title_foreign(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    _code, findings = run_json(capsys, str(write(tmp_path, TITLE_NAMES_TOWNSHIP)))
    assert not any("松岗" in excerpt for _rule, excerpt in pairs(findings, "place.foreign"))


YEAR_IN_A_SENTENCE = """\
一、总体情况
根据《中华人民共和国政府信息公开条例》的要求，本报告从六个方面汇报我乡2024年政府信息公开工作。
二、主动公开政府信息情况
该部分以表格形式报告。表格如下：
三、收到和处理政府信息公开申请情况
该部分以表格形式报告。表格如下：
"""


def test_the_year_is_read_from_a_sentence_and_no_placeholder_is_invented(capsys: pytest.CaptureFixture[str],
                                                                        tmp_path: Path) -> None:
    path = write(tmp_path, YEAR_IN_A_SENTENCE)
    result = import_file(path)
    assert result.answers.year == 2024
    assert not any("no report year" in n for n in result.notes)
    _code, findings = run_json(capsys, str(path))
    assert not pairs(findings, "text.placeholder"), "the source has no XX: the check must not invent one"


@needs_fixtures
def test_fixture_gongkai_township_2023(capsys: pytest.CaptureFixture[str]) -> None:
    path = GONGKAI_FIXTURES / "township_2023_partial.txt"
    assert import_file(path).answers.year == 2023
    _code, findings = run_json(capsys, str(path))
    assert not pairs(findings, "text.placeholder")
    assert not pairs(findings, "text.duplicate")


# ---- item 2: false alarms ----------------------------------------------------------------------------------

HOME_COUNTY = """\
石桥镇人民政府关于2024年度法治政府建设情况的报告
县委、县政府：
2024年，石桥镇在安平县委、县政府的领导下推进依法行政。现将有关情况报告如下：
一、主要举措和成效
（一）建设现代农业示范区，规划核心区、功能区和拓展区，按安平县的要求推进项目。
（二）配合安平县开展执法检查，学习大河县的做法。
二、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记主持研究法治工作5次。
三、存在的不足和原因
一是普法形式单一，原因是人员少。
四、2025年主要安排
继续加强学法用法。
特此报告。
石桥镇人民政府
2025年1月20日
"""


def test_zones_and_the_home_county_are_not_other_places(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    main(["check", str(write(tmp_path, HOME_COUNTY)), "--format", "json"])
    out = capsys.readouterr()
    assert pairs(json.loads(out.out)["findings"], "place.foreign") == {("place.foreign", "大河县")}, \
        "another county is still found"
    assert "the township's county was taken to be 安平县" in out.err


def test_boilerplate_sentences_are_not_repeats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _code, findings = run_json(capsys, str(write(tmp_path, YEAR_IN_A_SENTENCE)))
    assert not pairs(findings, "text.duplicate")
    same = "本年度没有因政府信息公开引发的行政复议和诉讼。\n"
    repeated = (YEAR_IN_A_SENTENCE + "四、政府信息公开行政复议、行政诉讼情况\n" + same
                + "五、存在的主要问题及改进情况\n" + same)
    _code, findings = run_json(capsys, str(write(tmp_path, repeated)))
    assert pairs(findings, "text.duplicate"), "a real repeat is still found"


# ---- item 3: laws, formulations and institutions a reviewer knows ---------------------------------------------

LAWS_AND_BODIES = """\
青松镇人民政府关于2023年度法治政府建设情况的报告
县委、县政府：
2023年，青松镇深入学习贯彻全面依法治国新理念新思想新战略。现将有关情况报告如下：
一、主要举措和成效
（一）开展法制宣传。向群众讲解《合同法》《中华人民共和国民法典》《信访条例》和《土地承包法》，以及《中华人民共和国行政处罚法（2021年修订）》。
（二）依法决策。镇长主持召开政府常务会议3次，办理政协委员提案2件，向镇人大常委会报告工作。县政府常务会议部署的事项按期完成，县政协提案办理满意率100%。
（三）回顾过去。学习《河东省实施〈中华人民共和国土地管理法〉办法》和《中华人民共和国城市房地产管理法》。2019年调解的一起纠纷依照当时的《合同法》处理，群众满意。镇政府法制审核机构审核合同12份。
二、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记主持研究法治工作5次。
三、存在的不足和原因
一是普法形式单一，原因是人员少。
四、2024年主要安排
继续开展法治宣传教育。
特此报告。
青松镇人民政府
2024年1月20日
"""


def test_repealed_and_wrong_laws(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _code, findings = run_json(capsys, str(write(tmp_path, LAWS_AND_BODIES)))
    assert pairs(findings, "law.repealed") == {("law.repealed", "《合同法》"), ("law.repealed", "《信访条例》")}
    assert len([f for f in findings if f["rule"] == "law.repealed" and f["excerpt"] == "《合同法》"]) == 1, \
        "the citation of 2019, before the repeal, is not flagged"
    assert pairs(findings, "law.unknown") == {("law.unknown", "《土地承包法》")}
    wrong = next(f for f in findings if f["rule"] == "law.unknown")
    assert "农村土地承包法" in wrong["suggestion"]
    repealed = next(f for f in findings if f["excerpt"] == "《信访条例》")
    assert "信访工作条例" in repealed["suggestion"]


def test_a_report_on_a_year_before_the_repeal_may_cite_the_law(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    _code, findings = run_json(capsys, str(write(tmp_path, LAWS_AND_BODIES)), "--year", "2020")
    assert not pairs(findings, "law.repealed")


def test_outdated_formulations_are_dated_terms(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _code, findings = run_json(capsys, str(write(tmp_path, LAWS_AND_BODIES)))
    stale = pairs(findings, "term.stale")
    assert ("term.stale", "法制") in stale
    assert ("term.stale", "全面依法治国新理念新思想新战略") in stale
    assert len([f for f in findings if f["rule"] == "term.stale" and f["excerpt"] == "法制"]) == 1, \
        "法制审核 is a procedure's name, not flagged"


def test_institutions_a_township_does_not_have(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _code, findings = run_json(capsys, str(write(tmp_path, LAWS_AND_BODIES)))
    assert pairs(findings, "institution.level") == {
        ("institution.level", "政府常务会议"), ("institution.level", "政协委员提案"),
        ("institution.level", "镇人大常委会")}, "the county's own bodies are not flagged"
    street = LAWS_AND_BODIES.replace("青松镇", "青松街道")
    _code, findings = run_json(capsys, str(write(tmp_path, street)))
    assert ("institution.level", "常务会议") in pairs(findings, "institution.level")


def test_a_repealed_law_is_data(tmp_path: Path) -> None:
    """An office's pack folder adds a repealed law with a laws.toml of its own: no Python."""
    from drafter.checks import check_document
    from tests.factories import make_answers

    office = tmp_path / "office"
    office.mkdir()
    (office / "laws.toml").write_text(
        'source = "测试"\nas_of = 2025-01-01\ncompleteness = "测试"\n'
        '[[repealed]]\ntitle = "乡村测试条例"\nrepealed = 2022-01-01\nreplaced_by = "乡村新条例"\n',
        encoding="utf-8")
    pack = load_pack("fazhi-zhengfu", office)
    answers = make_answers()
    answers.sections["problems"].intro[0].text = "一是学习《乡村测试条例》不够，原因是宣传力量不足。"
    found = check_document(compose(answers, pack), pack, year=answers.year, org=answers.org, answers=answers)
    assert [f.excerpt for f in found if f.rule == "law.repealed"] == ["《乡村测试条例》"]


@needs_fixtures
def test_fixtures_cite_a_repealed_law_and_wrong_titles(capsys: pytest.CaptureFixture[str]) -> None:
    _code, findings = run_json(capsys, str(FIXTURES / "001_9016071757988ef3.txt"))
    assert pairs(findings, "law.repealed") == {("law.repealed", "《婚姻法》")}  # a 2021 report: 民法典 in force
    assert pairs(findings, "law.unknown") == {("law.unknown", t) for t in (
        "《人口和计划生育法》", "《土地法》", "《交通法规》", "《劳动者权益保护法》")}
    _code, findings = run_json(capsys, str(FIXTURES / "000_12691bf2a3ce7ac9.txt"))
    assert [(f["excerpt"], "农村土地承包法" in f["suggestion"]) for f in findings if f["rule"] == "law.unknown"] == [
        ("《土地承包法》", True)]


# ---- item 4: the two reports of one township and year agree -----------------------------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "qinghe"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    for name in ("2024.json", "2025.json", "gongkai-2024.json", "gongkai-2025.json"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_two_examples_check_clean_together(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    for name in ("2024.json", "2025.json", "gongkai-2024.json", "gongkai-2025.json"):
        _code, findings = run_json(capsys, str(workspace / name))
        assert not pairs(findings, "link.contradiction"), name


def test_a_statement_the_other_report_contradicts(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    edit(workspace / "2025.json", "另1件复议决定维持原行政行为", "复议决定均维持原行政行为")
    edit(workspace / "2025.json", "在县人民政府门户网站青禾镇专栏公开了", "在镇政府网站公开了")
    _code, findings = run_json(capsys, str(workspace / "2025.json"))
    found = pairs(findings, "link.contradiction")
    assert ("link.contradiction", "复议决定均维持原行政行为") in found
    assert ("link.contradiction", "在镇政府网站") in found
    _code, findings = run_json(capsys, str(workspace / "gongkai-2025.json"))
    assert ("link.contradiction", "复议决定均维持原行政行为") in pairs(findings, "link.contradiction"), \
        "checking the other report finds it too"
    _code, findings = run_json(capsys, str(workspace / "2025.json"), "--alone")
    assert not pairs(findings, "link.contradiction")


def test_a_count_the_other_report_contradicts(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    data = json.loads((workspace / "gongkai-2025.json").read_text(encoding="utf-8"))
    data["tables"]["review"]["cells"]["cases"]["review_upheld"] = 4  # 5 about 政府信息公开, the 法治 report has 2
    (workspace / "gongkai-2025.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _code, findings = run_json(capsys, str(workspace / "gongkai-2025.json"))
    messages = [f["message"] for f in findings if f["rule"] == "link.contradiction"]
    assert any("2025.json gives 2" in m and "gongkai-2025.json gives 5" in m for m in messages), messages


def test_a_statement_its_own_table_contradicts(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    edit(workspace / "gongkai-2025.json", "办结的申请都在法定期限内作出答复", "均在法定期限内答复")
    _code, findings = run_json(capsys, str(workspace / "gongkai-2025.json"))
    assert ("link.contradiction", "均在法定期限内答复") in pairs(findings, "link.contradiction")


def test_survey_shows_the_contradiction_for_both_reports(capsys: pytest.CaptureFixture[str],
                                                        workspace: Path, tmp_path: Path) -> None:
    edit(workspace / "2025.json", "另1件复议决定维持原行政行为", "复议决定均维持原行政行为")
    out = tmp_path / "survey.json"
    assert main(["survey", str(workspace), "-o", str(out), "--format", "json"]) == 0
    capsys.readouterr()
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    text = json.dumps(reports, ensure_ascii=False)
    assert text.count("link.contradiction") == 2, "the finding is listed for each of the two reports"


def test_one_other_report_of_each_type(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    edit(workspace / "2025.json", "另1件复议决定维持原行政行为", "复议决定均维持原行政行为")
    (workspace / "gongkai-2025.fixed.json").write_bytes((workspace / "gongkai-2025.json").read_bytes())
    _code, findings = run_json(capsys, str(workspace / "2025.json"))
    assert len([f for f in findings if f["rule"] == "link.contradiction"]) == 1


TRADITIONAL_DUTY_INSIDE = """\
柳溪鎮人民政府關於2023年度法治政府建設情況的報告
縣委、縣政府：
2023年，柳溪鎮堅持依法行政。現將有關情況報告如下：
一、主要舉措和成效
（一）黨政主要負責人履行推進法治建設第一責任人職責
鎮黨委書記主持研究法治工作5次。
（二）加強普法
開展普法活動10場次。
二、存在的不足和原因
一是普法形式單一，原因是人員少。
三、下一年度主要安排
2024年繼續加強學法用法。
特此報告。
柳溪鎮人民政府
2024年1月20日
"""


def test_duty_inside_measures_is_one_rule(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The import notes duty inside measures; the check of the imported answers agrees (no missing-part error)."""
    source = write(tmp_path, TRADITIONAL_DUTY_INSIDE)
    result = import_file(source)
    assert result.duty_inside == "measures"
    answers = tmp_path / "2023.json"
    assert main(["import", str(source), "-o", str(answers)]) == 0
    capsys.readouterr()
    for path in (source, answers):
        _code, findings = run_json(capsys, str(path), "--alone")
        assert ("structure.missing-section", "") not in pairs(findings), path.name
