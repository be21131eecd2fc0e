"""Import of reports from .txt and .docx: the real fixtures, cases of our own, nothing lost, bad inputs."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import InputError
from drafter.figures import render, values_of
from drafter.importer import ImportResult, duty_item, import_file, read_blocks
from drafter.model import Answers, Item, Provenance
from drafter.pack import load_pack
from drafter.pipeline import render_answers
from drafter.store import load_answers
from tests.conftest import FIXTURES, word97
from tests.data.make_import_docs import BUILDERS, RICH_FRAGMENTS, TEXTS, build
from tests.factories import make_answers

STEMS = ("000_12691bf2a3ce7ac9", "001_9016071757988ef3", "003_4de97d768f8bb4c5")
SOURCES = [f"{stem}.txt" for stem in STEMS] + [f"{stem}.docx" for stem in STEMS] + [
    "003_4de97d768f8bb4c5.formatted.docx"
]


def _fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"fixture {name} is not available")
    return path


def _of(stem: str) -> list[str]:
    return [name for name in SOURCES if name.startswith(stem)]


def _items(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        out.extend(_items(item.items))
    return out


_WORD_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml")
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _source_text(path: Path) -> str:
    """Every character of the source as Word shows it, read straight from the package's XML (not by the importer):
    the text of the body (tables, text boxes, content controls), footnotes, endnotes and comments."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    from lxml import etree

    pieces: list[str] = []
    with zipfile.ZipFile(path) as package:
        for name in _WORD_PARTS:
            if name not in package.namelist():
                continue
            root = etree.fromstring(package.read(name))
            for dropped in root.iter(_MC_FALLBACK, f"{{{_W_NS}}}del", f"{{{_W_NS}}}moveFrom"):
                dropped.clear()  # a text box's second copy for old readers, deleted text
            pieces.extend(t.text or "" for t in root.iter(f"{{{_W_NS}}}t"))
    return "".join(pieces)


def _held_text(result: ImportResult) -> str:
    """Everything the result holds, the stripped numbering included."""
    answers = result.answers
    pieces = [*result.title_lines, result.recipient_line, answers.opening or ""]
    for key, section in answers.section_items():
        pieces.append(result.headings.get(key, ""))
        pieces.extend(p.text for p in section.intro)
        for item in _items(section.items):
            pieces.append(item.heading)
            pieces.extend(p.text for p in item.paragraphs)
    pieces += [result.closing, *result.signature, result.date_line, *result.unrecognised, *result.stripped]
    pieces += [text for _kind, text in result.aside]
    return "".join(pieces)


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def _accounted(path: Path) -> None:
    """Every character of ``path`` is placed in the answers, kept aside or reported; nothing is added but the
    numbers Word's numbering shows."""
    result = import_file(path)
    source = _chars(_source_text(path)) + _chars("".join(result.numbers))
    held = _chars(_held_text(result))
    assert source == held, f"missing: {source - held}; extra: {held - source}"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*") if p.suffix in (".docx", ".txt"))
                         or SOURCES)
def test_nothing_is_lost(name: str) -> None:
    path = _fixture(name)
    _accounted(path)
    assert sum(_chars(_source_text(path)).values()) > 2000


@pytest.mark.parametrize("name", sorted({*BUILDERS, *TEXTS} - {"image-only.docx"}))
def test_nothing_is_lost_from_test_documents(name: str, tmp_path: Path) -> None:
    _accounted(build(name, tmp_path))


def test_nothing_is_lost_from_the_valid_test_docx() -> None:
    _accounted(Path(__file__).parent / "data" / "docx-valid.docx")


@pytest.mark.parametrize("name", _of("000"))
def test_fixture_000(name: str) -> None:
    result = import_file(_fixture(name))
    a = result.answers
    assert a.year == 2021 and a.org.name == "西火镇" and a.title_form == "plain"
    assert result.title == "关于2021年度法治政府建设情况的报告"
    assert not a.org.recipients and not a.org.signatories and a.date is None
    assert [k for k, _h in result.parts] == ["measures", "duty", "problems", "plan"]
    measures = a.sections.get("measures")
    assert measures is not None and len(measures.items) == 5
    third = measures.items[2]
    assert third.heading == "强化依法治理，推进社会法治" and len(third.items) == 3
    assert third.items[0].run_in and third.items[0].heading == "大力推动“法律七进”活动"
    problems = a.sections.get("problems")
    assert problems is not None and len(problems.items) == 4  # written (一) with half-width parentheses
    assert problems.heading is not None and "不足和原因" in problems.heading
    assert len(a.sections.get("plan").items) == 6  # type: ignore[union-attr]
    # 一是……二是…… stay inside the paragraphs
    second = measures.items[1]
    assert [p.text[:2] for p in second.paragraphs][:3] == ["一是", "二是", "三是"]
    figures = {k: f.value for k, f in a.figures.items()}
    assert figures["committee_study_sessions"] == 10
    assert figures["group_study_sessions"] == 6
    assert figures["law_exam_participants"] == 54
    assert figures["leaflets"] == 4000
    assert not result.unrecognised
    # the other place's name left in the text is kept as written (the checks point it out)
    assert any("乾塘" in p.text for p in measures.all_paragraphs())
    assert all(p.provenance is Provenance.IMPORTED for p in measures.all_paragraphs())
    assert all(i.provenance is Provenance.IMPORTED for i in _items(measures.items))


@pytest.mark.parametrize("name", _of("001"))
def test_fixture_001(name: str) -> None:
    result = import_file(_fixture(name))
    a = result.answers
    assert a.year == 2021 and a.org.name == "光辉镇" and a.org.county == "巴州区" and a.org.city == "巴中市"
    assert result.unrecognised == [
        "政务公开 > 巴州区光辉镇 > 其他法定信息", "2022-01-05 09:32", "扫一扫在手机打开当前页"]
    assert result.unrecognised_at[0] == 1
    assert [k for k, _h in result.parts] == ["measures", "problems", "duty", "plan"]
    measures = a.sections.get("measures")
    assert measures is not None and all(item.run_in for item in measures.items)
    assert measures.items[0].heading == "加强组织领导,落实经费保障"
    assert measures.items[0].paragraphs[0].text.startswith("一是强化组织领导")
    assert a.sections.get("plan") is not None and a.sections.get("plan").heading is None  # the pack's own wording
    assert result.closing == "特此报告"
    assert a.org.signatories == ["中共巴中市巴州区光辉镇委员会", "巴中市巴州区光辉镇人民政府"]
    assert a.org.party_organ == "中共巴中市巴州区光辉镇委员会"
    assert a.org.government_organ == "巴中市巴州区光辉镇人民政府"
    assert a.date == dt.date(2021, 12, 25)
    assert a.opening is not None and a.opening.startswith("2021年,我镇")


@pytest.mark.parametrize("name", _of("003"))
def test_fixture_003(name: str) -> None:
    result = import_file(_fixture(name))
    a = result.answers
    assert a.year == 2024 and a.org.name == "瓦屋镇" and a.org.county == "鲁山县"
    assert result.title_lines == ["鲁山县瓦屋镇人民政府", "关于2024年法治政府建设情况的报告"]
    assert a.title_form == "government" and a.org.government_organ == "鲁山县瓦屋镇人民政府"
    assert [k for k, _h in result.parts] == ["duty", "measures", "problems", "plan"]  # duty first
    duty = a.sections.get("duty")
    assert duty is not None and [i.heading for i in duty.items][:2] == ["思想高度重视", "带头学法知法"]
    assert not any(i.run_in for i in duty.items)
    assert a.sections.get("measures") is not None and a.sections.get("measures").heading is None
    assert a.date is None and not a.org.signatories and not result.unrecognised
    figures = {k: f.value for k, f in a.figures.items()}
    assert figures["disputes_investigated"] == 410
    assert figures["disputes_resolved"] == 410
    assert figures["disputes_village"] == 339 and figures["disputes_town"] == 71
    assert "dispute_success_rate" not in figures  # rates are never stored
    text = "".join(p.text for p in a.sections.get("measures").all_paragraphs())
    assert "到省信访01人次" in text  # the leading zero stays in the text, untouched


# ---- cases of our own (text written for these tests) ------------------------------------------------------

def _write(tmp_path: Path, lines: list[str], name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _report(parts: list[list[str]], head: list[str] | None = None, tail: list[str] | None = None) -> list[str]:
    lines = head if head is not None else ["东岭乡人民政府关于2023年度法治政府建设情况的报告", "县委、县政府："]
    lines = [*lines, "2023年，东岭乡认真落实上级部署，推进依法行政。现将有关情况报告如下："]
    for part in parts:
        lines.extend(part)
    return lines + (tail if tail is not None else ["特此报告。", "东岭乡人民政府", "2024年1月15日"])


MEASURES = ["一、工作开展情况", "（一）抓学法。乡党委会会前学法9次，组织学法考试120人次。", "（二）抓普法",
            "全年开展普法活动16场次，发放宣传资料3000份。"]
PROBLEMS = ["二、存在的短板", "一是普法形式单一；二是执法力量不足。原因是人员少。"]
DUTY = ["三、主要负责人述法和履职情况", "乡党委书记主持专题研究法治工作4次。"]
PLAN = ["四、下步工作思路", "1.加强培训", "（1）每季度组织一次学法。", "2.规范执法"]


def test_other_order_and_wordings(tmp_path: Path) -> None:
    lines = _report([PLAN, DUTY, PROBLEMS, MEASURES])
    result = import_file(_write(tmp_path, lines))
    a = result.answers
    assert [k for k, _h in result.parts] == ["plan", "duty", "problems", "measures"]
    assert a.org.name == "东岭乡" and a.title_form == "government" and a.org.recipients == "县委、县政府"
    assert a.date == dt.date(2024, 1, 15) and a.org.signatories == ["东岭乡人民政府"]
    assert a.sections.get("measures").heading == "工作开展情况"  # type: ignore[union-attr]
    first = a.sections.get("measures").items[0]  # type: ignore[union-attr]
    assert first.run_in and first.heading == "抓学法" and first.paragraphs[0].text.startswith("乡党委会")
    plan = a.sections.get("plan")
    assert plan is not None and [i.heading for i in plan.items] == ["加强培训", "规范执法"]
    assert plan.items[0].items[0].heading == "每季度组织一次学法。"
    assert {k: f.value for k, f in a.figures.items()} == {
        "committee_study_sessions": 9, "law_exam_participants": 120, "publicity_events": 16, "leaflets": 3000,
        "duty_meetings": 4}
    assert _chars(_held_text(result)) == _chars("\n".join(lines))


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("一、2023年度法治政府建设工作开展情况", "measures"),
        ("一、主要做法和取得的成绩", "measures"),
        ("一、存在的困难和薄弱环节", "problems"),
        ("一、存在的问题及原因分析", "problems"),
        ("一、党政主要负责人履行推进法治建设第一责任人职责情况", "duty"),
        ("一、主要负责人述法情况", "duty"),
        ("一、今后工作打算", "plan"),
        ("一、下一步工作措施", "plan"),
        ("一、2024年工作思路", "plan"),
        ("一、其他需要报告的事项", "other"),
    ],
)
def test_heading_wordings(heading: str, key: str, tmp_path: Path) -> None:
    result = import_file(_write(tmp_path, _report([[heading, "正文。"]])))
    assert result.parts == [(key, heading.removeprefix("一、"))]


def test_missing_parts_and_duty_inside_measures(tmp_path: Path) -> None:
    measures = ["一、主要举措和成效", "（一）党政主要负责人严格履行推进法治建设第一责任人职责",
                "乡长带头学法。", "（二）加强执法", "规范执法程序。"]
    result = import_file(_write(tmp_path, _report([measures, PLAN])))
    a = result.answers
    assert a.sections.get("duty") is None and a.sections.get("problems") is None
    assert result.duty_inside == "measures" and result.has_section("duty")
    found = duty_item(a, load_pack())
    assert found is not None and found[0] == "measures" and found[1].heading.startswith("党政主要负责人")
    assert not result.has_section("problems")
    assert a.sections.get("measures").items[0].heading.startswith("党政主要负责人")  # type: ignore[union-attr]
    assert any("duty" in note for note in result.notes)


def test_two_parts_with_one_meaning_are_merged_not_lost(tmp_path: Path) -> None:
    extra = ["五、主要成效", "群众满意度提高。"]
    unknown = ["六、附记", "本报告数据截至年底。"]
    result = import_file(_write(tmp_path, _report([MEASURES, PROBLEMS, DUTY, PLAN, extra, unknown])))
    a = result.answers
    merged = a.sections.get("measures").items[-1]  # type: ignore[union-attr]
    assert merged.heading == "主要成效" and merged.paragraphs[0].text == "群众满意度提高。"
    assert a.sections.get("other") is not None and a.sections.get("other").heading == "附记"


def test_level1_heading_run_into_its_paragraph(tmp_path: Path) -> None:
    parts = [["一、主要举措和成效。全年依法行政，成效明显。", "（一）抓学法", "会前学法6次。"],
             ["二、存在的问题和原因：", "人员不足。"]]
    result = import_file(_write(tmp_path, _report(parts)))
    measures = result.answers.sections.get("measures")
    assert measures is not None and measures.heading == "主要举措和成效"
    assert [p.text for p in measures.intro] == ["全年依法行政，成效明显。"]
    assert result.answers.sections.get("problems") is not None
    assert _chars(_held_text(result)) == _chars("\n".join(_report(parts)))


def test_head_variants(tmp_path: Path) -> None:
    head = ["东岭乡人民政府", "关于2023年度法治政府建设情况的报告", "（2024年1月10日）"]
    lines = [*head, "2023年，东岭乡推进依法行政。", "现将有关情况报告如下：", *MEASURES, *PLAN]
    result = import_file(_write(tmp_path, lines))
    a = result.answers
    assert a.date == dt.date(2024, 1, 10) and result.date_line == "（2024年1月10日）"
    assert a.opening == "2023年，东岭乡推进依法行政。现将有关情况报告如下："
    assert a.title_form == "government" and not result.unrecognised
    untitled = ["东岭乡人民政府", "2023年，东岭乡推进依法行政。", "另起一段说明。", *MEASURES]
    result = import_file(_write(tmp_path, untitled, "untitled.txt"))
    assert result.title_lines == ["东岭乡人民政府"] and result.answers.org.government_organ == "东岭乡人民政府"
    assert result.unrecognised == ["另起一段说明。"] and result.notes
    assert _chars(_held_text(result)) == _chars("".join(untitled))


def test_formatted_and_plain_docx_give_the_same_answers() -> None:
    plain = import_file(_fixture("003_4de97d768f8bb4c5.docx")).answers
    formatted = import_file(_fixture("003_4de97d768f8bb4c5.formatted.docx")).answers
    assert _shape(plain) == _shape(formatted)
    assert plain.figures == formatted.figures and plain.org == formatted.org


def test_title_over_two_lines_and_joint_organs(tmp_path: Path) -> None:
    head = ["中共东岭乡委员会 东岭乡人民政府关于2023年度", "法治政府建设情况的报告", "县委、县政府："]
    tail = ["特此报告。", "中共东岭乡委员会", "东岭乡人民政府", "二〇二四年一月十五日", "打印本页  关闭窗口"]
    result = import_file(_write(tmp_path, _report([MEASURES, PLAN], head, tail)))
    a = result.answers
    assert result.title == "关于2023年度法治政府建设情况的报告"
    assert a.title_form == "joint" and a.org.party_organ == "中共东岭乡委员会"
    assert a.date == dt.date(2024, 1, 15)
    assert result.unrecognised == ["打印本页  关闭窗口"]


def test_a_joint_title_signs_with_both_organs_though_the_source_signs_with_one(tmp_path: Path) -> None:
    head = ["中共东岭乡委员会 东岭乡人民政府", "关于2023年度法治政府建设情况的报告", "县委、县政府："]
    tail = ["特此报告。", "东岭乡人民政府", "2024年1月15日"]
    a = import_file(_write(tmp_path, _report([MEASURES, PLAN], head, tail))).answers
    assert a.title_form == "joint"
    assert a.org.signatories == ["中共东岭乡委员会", "东岭乡人民政府"]  # the title's order


def test_word_bookmark_and_field_debris_is_dropped_and_reported(tmp_path: Path) -> None:
    measures = ["一、工作开展情况", "（一）抓学法。[bookmark: _GoBack]乡党委会会前学法9次。",
                "全年开展普法活动16场次{ PAGEREF _Toc3021 \\h }，发放宣传资料3000份。"]
    path = _write(tmp_path, _report([measures, PLAN]))
    result = import_file(path)
    texts = [p.text for _key, section in result.answers.section_items() for item in _items(section.items)
             for p in item.paragraphs]
    assert "乡党委会会前学法9次。" in texts and "全年开展普法活动16场次，发放宣传资料3000份。" in texts
    assert not any("bookmark" in t or "PAGEREF" in t for t in texts)
    assert [text for kind, text in result.aside] == ["[bookmark: _GoBack]", "{ PAGEREF _Toc3021 \\h }"]
    assert any("[bookmark: _GoBack]" in note for note in result.notes)
    _accounted(path)  # nothing lost: the debris is kept aside and reported


def test_no_numbered_parts_keeps_the_text(tmp_path: Path) -> None:
    lines = ["关于2023年度法治政府建设情况的报告", "东岭乡推进依法行政。", "全年开展普法活动5场次。"]
    result = import_file(_write(tmp_path, lines), org="东岭乡")
    assert result.answers.org.name == "东岭乡"
    assert result.answers.opening == "东岭乡推进依法行政。"
    held = [(k, p.text) for k, s in result.answers.section_items() for p in s.all_paragraphs()]
    assert held == [("measures", "全年开展普法活动5场次。")]
    assert result.notes


def test_year_given_carries_an_older_source_forward(tmp_path: Path) -> None:
    result = import_file(_write(tmp_path, _report([MEASURES, PLAN])), year=2024)
    a = result.answers
    assert a.year == 2024 and result.carried_from == 2023
    assert a.figures["leaflets"].value is None and a.figures["leaflets"].previous == 3000
    assert a.opening is not None and a.opening.startswith("2024年，东岭乡")


def test_text_encodings(tmp_path: Path) -> None:
    lines = _report([MEASURES, PLAN])
    path = tmp_path / "gbk.txt"
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    assert import_file(path).answers.org.name == "东岭乡"


# ---- round trip ------------------------------------------------------------------------------------------

def _shape(answers: Answers) -> dict[str, object]:
    """The parts as they print: live figures with their values (a .docx holds the values, not the references)."""
    values = values_of(answers, load_pack(answers.pack))

    def items(its: list[Item]) -> list[object]:
        return [(i.heading, i.run_in, [render(p.text, values) for p in i.paragraphs], items(i.items)) for i in its]

    return {k: (s.heading, [render(p.text, values) for p in s.intro], items(s.items))
            for k, s in answers.section_items()}


@pytest.mark.parametrize("which", ["example", "example-2024", "factory"])
def test_round_trip(which: str, example_2025: Path, example_2024: Path, tmp_path: Path) -> None:
    pack = load_pack()
    sources = {"example": example_2025, "example-2024": example_2024}
    original = load_answers(sources[which]) if which in sources else make_answers()
    out = tmp_path / "report.docx"
    render_answers(original, pack, out)
    result = import_file(out, pack)
    back = result.answers
    assert _shape(back) == _shape(original)
    assert not result.unrecognised
    assert back.year == original.year and back.date == original.date
    assert back.title_form == original.title_form and back.opening == original.opening
    assert back.org.signatories == original.org.signatories
    assert back.org.recipients == original.org.recipients
    assert back.org.name == original.org.name and back.org.county == original.org.county
    if which != "factory":
        assert {k: f.value for k, f in back.figures.items()} == {
            k: f.value for k, f in original.figures.items() if k in back.figures}
        assert len(back.figures) >= len(original.figures) - 2


# ---- bad inputs ------------------------------------------------------------------------------------------

def _docx_bytes() -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("关于2023年度法治政府建设情况的报告")
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plain.docx", "这不是Word文件".encode()),
        ("empty.docx", b""),
        ("blank.txt", b"  \n\n"),
        ("other.docx", b"zip"),
        ("truncated.docx", b"trunc"),
        ("encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le")),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
        ("binary.txt", b"\x00\x01\x02abc"),
    ],
)
def test_bad_inputs_are_clear_errors(name: str, content: bytes, tmp_path: Path) -> None:
    if content == b"zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hi")
        content = buffer.getvalue()
    elif content == b"trunc":
        content = _docx_bytes()[:900]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert str(path) in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_blocks(tmp_path / "nope.docx")
    with pytest.raises(InputError):
        read_blocks(tmp_path)


def test_doc_without_libreoffice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert "LibreOffice" in str(caught.value)


def test_doc_through_libreoffice(tmp_path: Path) -> None:
    pack = load_pack()
    original = make_answers()
    source = tmp_path / "report.docx"
    render_answers(original, pack, source)
    doc = word97(source, tmp_path / "doc")
    wps = tmp_path / "report.wps"
    shutil.copyfile(doc, wps)
    result = import_file(wps, pack)
    assert _shape(result.answers) == _shape(original)


# ---- any text at all: no traceback, nothing lost ----------------------------------------------------------

_PIECES = ["一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "特此报告", "。", "，", "：", "2024年", "关于",
           "报告", "镇", "人民政府", "委员会", "工作", "举措", "不足", "第一责任人", "安排", "其他", "学法", "10次",
           "宣传资料", "300份", "扫一扫", " > ", "2021年12月25日", "01人次", "《", "》", "一是", " ", "如下：",
           "（2024年1月10日）", "县委、县政府："]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=25))
def test_any_text_imports_without_loss(lines: list[str]) -> None:
    from drafter.importer import import_blocks

    result = import_blocks(lines, Path("generated.txt"))
    assert _chars(_held_text(result)) == _chars("".join(lines))
    assert len(result.unrecognised) == len(result.unrecognised_at)


def test_docx_text_in_boxes_controls_revisions_and_tables(tmp_path: Path) -> None:
    assert len(RICH_FRAGMENTS) == 5
    path = build("rich.docx", tmp_path)
    blocks = [b for b in read_blocks(path) if b]
    assert blocks == [
        "东岭乡人民政府", "关于2023年度法治政府建设情况的报告", "一、主要举措", "链接文字。域文字", "合并\t乙"]
    result = import_file(path)
    assert result.answers.title_form == "government" and result.answers.org.name == "东岭乡"
    assert result.headings["measures"] == "主要举措"
