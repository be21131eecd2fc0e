"""``drafter import`` on the ways clerks' Word and text files really hold a report (issue 18, items 9–15).

The Word files are built by tests/data/make_import_docs.py into a temporary folder; each test runs the command
as a clerk would and looks at what it prints and the answers file it writes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.cli import main
from drafter.importer import import_file
from drafter.model import Answers, Item
from drafter.store import load_answers
from tests.cli_helpers import run_drafter
from tests.data.make_import_docs import COMMENT, ENDNOTE, EXPECTED_KEYS, FOOTNOTE, PARTS, build, numbered_with
from tests.test_importer import _held_text, _source_text


def _import(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Answers, str]:
    out = tmp_path / (source.stem + ".json")
    code = main(["--lang", "en", "import", str(source), "-o", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    return load_answers(out), printed.out


def _parts(printed: str) -> list[str]:
    return [line.rsplit("→ ", 1)[1] for line in printed.splitlines() if line.startswith("  ") and "→ " in line]


def _items(items: list[Item]) -> list[Item]:
    return [x for item in items for x in (item, *_items(item.items))]


def _all_text(answers: Answers) -> str:
    pieces = [answers.opening or ""]
    for _key, section in answers.section_items():
        pieces += [section.heading or "", *(p.text for p in section.intro)]
        for item in _items(section.items):
            pieces += [item.heading, *(p.text for p in item.paragraphs)]
    return "\n".join(pieces)


# ---- 9: headings numbered by Word's numbering ------------------------------------------------------------

@pytest.mark.parametrize("name", ["numbered-directly.docx", "numbered-by-styles.docx"])
def test_headings_numbered_by_word_are_parts_and_items(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers, printed = _import(build(name, tmp_path), tmp_path, capsys)
    assert _parts(printed) == EXPECTED_KEYS and "Parts not found" not in printed
    sections = answers.sections
    assert sections.get("measures") is not None and sections.get("measures").heading == "工作开展情况"
    assert [i.heading for i in sections.get("measures").items] == ["抓学法", "抓普法"]
    plan = sections.get("plan")
    assert plan is not None and [i.heading for i in plan.items] == ["加强培训", "规范执法"]
    assert sections.get("duty") is not None and sections.get("problems") is not None
    assert answers.org.name == "东岭乡"
    # the numbers were Word's, not typed: nothing of them is left in the text
    assert "一、" not in _all_text(answers) and "（一）" not in _all_text(answers)


def test_parts_numbered_by_the_list_number_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers, printed = _import(build("numbered-list-number.docx", tmp_path), tmp_path, capsys)
    assert _parts(printed) == EXPECTED_KEYS and "Parts not found" not in printed
    assert answers.sections.get("measures") is not None and answers.sections.get("measures").heading == PARTS[0][0]
    plan = answers.sections.get("plan")
    assert plan is not None and [p.text for p in plan.intro] == ["每季度组织一次学法。", "完善执法程序。"]


@pytest.mark.parametrize("name", ["numbered-directly.docx", "numbered-by-styles.docx", "numbered-list-number.docx"])
def test_check_finds_every_part_of_a_word_numbered_report(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "check", str(build(name, tmp_path))]) == 0
    printed = capsys.readouterr()
    assert "structure.missing-section" not in printed.out and "no numbered parts" not in printed.err
    assert "0 errors" in printed.out


# ---- 10: footnotes, endnotes, comments -----------------------------------------------------------------

def test_footnotes_endnotes_and_comments_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers, printed = _import(build("notes.docx", tmp_path), tmp_path, capsys)
    notes = [line for line in printed.splitlines() if line.startswith("Note: ")]
    assert any("footnote" in line and FOOTNOTE in line for line in notes), printed
    assert any("endnote" in line and ENDNOTE in line for line in notes), printed
    assert any("comment" in line and COMMENT in line for line in notes), printed
    assert _parts(printed) == EXPECTED_KEYS
    assert FOOTNOTE not in _all_text(answers)  # reported, not slipped into the report's text


# ---- 11, 12: tables ------------------------------------------------------------------------------------

def test_nested_table_is_read_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers, _printed = _import(build("nested-tables.docx", tmp_path), tmp_path, capsys)
    text = _all_text(answers)
    assert text.count("村级339件") == 1 and text.count("镇级71件") == 1
    assert "调处纠纷\t村级339件\t镇级71件" in text.splitlines()


def test_cell_in_a_content_control_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers, _printed = _import(build("nested-tables.docx", tmp_path), tmp_path, capsys)
    assert "普法活动\t16场次" in _all_text(answers).splitlines()


def test_report_framed_in_one_table_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers, printed = _import(build("framed.docx", tmp_path), tmp_path, capsys)
    assert _parts(printed) == EXPECTED_KEYS and "Every paragraph was recognised." in printed
    assert answers.org.name == "东岭乡" and answers.title_form == "government"
    measures = answers.sections.get("measures")
    assert measures is not None and [i.heading for i in measures.items] == ["抓学法", "抓普法"]
    assert [p.text for p in measures.items[0].paragraphs] == [PARTS[0][1][0][1]]
    assert answers.date is not None and answers.date.isoformat() == "2024-01-15"


# ---- 13: a space before 、 --------------------------------------------------------------------------------

def test_heading_with_a_space_before_the_comma(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers, printed = _import(build("spaced.txt", tmp_path), tmp_path, capsys)
    assert _parts(printed) == EXPECTED_KEYS
    assert answers.sections.get("problems") is not None and answers.sections.get("problems").heading == "存在的短板"
    assert [p.text for p in answers.sections.get("problems").intro] == ["普法形式单一。"]
    measures = answers.sections.get("measures")
    assert measures is not None and [p.text for p in measures.intro] == ["乡党委会会前学法9次。"]


# ---- 14: traditional characters -----------------------------------------------------------------------



def test_traditional_characters_are_recognised_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers, printed = _import(build("traditional.txt", tmp_path), tmp_path, capsys)
    assert _parts(printed) == EXPECTED_KEYS and "Parts not found" not in printed
    assert answers.org.name == "東嶺鄉" and answers.org.signatories == ["東嶺鄉人民政府"]
    assert answers.title_form == "government"
    duty = answers.sections.get("duty")
    assert duty is not None and duty.heading == "黨政主要負責人履行推進法治建設第一責任人職責情況"
    assert [p.text for p in duty.intro] == ["鄉黨委書記主持專題研究法治工作4次。"]  # as written
    assert answers.figures["committee_study_sessions"].value == 9
    assert answers.figures["law_exam_participants"].value == 120


# ---- 15: no text at all --------------------------------------------------------------------------------

def _run_import(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return run_drafter("--lang", "en", "import", source, "-o", out)


@pytest.mark.parametrize(
    ("name", "text"),
    [("image-only.docx", ""), ("spaces.txt", "   \n\u3000\u3000\n\t \n"), ("blank.txt", "  \n\n \n")],
)
def test_no_text_found(name: str, text: str, tmp_path: Path) -> None:
    if name.endswith(".docx"):
        source = build(name, tmp_path)
    else:
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
    out = tmp_path / "answers.json"
    proc = _run_import(source, out)
    assert proc.returncode == 2, proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0] and "no text found" in lines[0]
    assert not out.exists()


# ---- any numbering definition: no traceback, nothing lost ------------------------------------------------

_FORMATS = ["decimal", "chineseCounting", "chineseCountingThousand", "ideographTraditional", "upperRoman",
            "lowerLetter", "decimalEnclosedCircle", "chineseLegalSimplified", "bullet", "none", "ordinalText",
            "decimalZero", "ideographDigital", "decimalFullWidth", "nonsense"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    levels=st.lists(st.tuples(st.sampled_from(_FORMATS), st.sampled_from(["%1、", "（%2）", "%1.%2.%3", "第%9条", "",
                                                                         "%3", "·"])), min_size=1, max_size=4),
    start=st.integers(min_value=-5, max_value=10**12),
    marks=st.lists(st.tuples(st.integers(min_value=-1, max_value=12), st.sampled_from(["90", "91", "0", "x"])),
                   min_size=1, max_size=12),
)
def test_any_word_numbering_imports_without_loss(
    levels: list[tuple[str, str]], start: int, marks: list[tuple[int, str]], tmp_path: Path
) -> None:
    path = tmp_path / "numbered.docx"
    numbered_with(levels, start, marks).save(str(path))
    result = import_file(path)
    source = _source_text(path) + "".join(result.numbers)
    assert sorted(c for c in source if not c.isspace()) == sorted(c for c in _held_text(result) if not c.isspace())
