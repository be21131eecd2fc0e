"""Answers files a new user's worst day produces: each gives one line and exit 2, or is handled — never a
traceback (issue 18, items 3–8 and 17).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest

from drafter.store import MAX_TEXT_CHARS
from tests.cli_helpers import run_drafter
from tests.data.make_bad_inputs import long_paragraph_answers
from tests.test_bad_input import assert_refused, docx_text, drafter

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


# ---- broken characters, deep nesting, huge texts: refused where the file is read -----------------------------

REFUSED_AT_READ: dict[str, str] = {
    "answers-lone-surrogate.json": "field sections.measures.items.0.paragraphs.0.text: character 7 is broken (U+D800",
    "answers-deeply-nested.json": "nested more than 64 levels deep",
    "answers-blank-name.json": "field org.name: must not be empty",
}


def _command(command: str, answers: Path, folder: Path) -> list[str]:
    return {
        "validate": ["validate", str(answers)],
        "check": ["check", str(answers)],
        "render": ["render", str(answers), "-o", str(folder / "out.docx")],
        "compare": ["compare", str(DATA / "answers-v1.json"), str(answers)],
        "new": ["new", "--from", str(answers), "-o", str(folder / "next.json")],
        "fix": ["check", "--fix", str(answers)],
    }[command]


@pytest.mark.parametrize("command", ["validate", "check", "render", "compare", "new", "fix"])
@pytest.mark.parametrize("name", sorted(REFUSED_AT_READ))
def test_refused_when_read_by_every_command(tmp_path: Path, name: str, command: str) -> None:
    answers = tmp_path / name
    shutil.copyfile(DATA / name, answers)
    before = answers.read_bytes()
    assert_refused(drafter(*_command(command, answers, tmp_path)), answers, REFUSED_AT_READ[name])
    assert answers.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no report, no new file, no backup


@pytest.mark.parametrize("command", ["validate", "check", "render"])
def test_ten_megabyte_paragraph_is_refused(tmp_path: Path, command: str) -> None:
    answers = long_paragraph_answers(tmp_path / "long.json", 3_500_000)  # 法 is 3 bytes: over 10 MB of UTF-8
    assert answers.stat().st_size > 10 * 1024 * 1024
    result = drafter(*_command(command, answers, tmp_path))
    assert_refused(result, answers, "the text has 3,500,000 characters; a text may have at most 1,000,000")
    assert "field sections.measures.items.0.paragraphs.0.text" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_paragraph_at_the_limit_renders(tmp_path: Path) -> None:
    # four bytes a character (Extension B): the longest text allowed is still far below what Word's XML refuses
    answers = long_paragraph_answers(tmp_path / "limit.json", MAX_TEXT_CHARS, char="𠀀")
    out = tmp_path / "limit.docx"
    result = drafter("render", str(answers), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "𠀀" * 1000 in docx_text(out)


# ---- years: the command line and carrying forward --------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["new", "--from", str(DATA / "answers-v1.json"), "--year", "2101"],
    ["import", str(DATA / "answers-v1.json"), "--year", "2101"],
    ["check", str(DATA / "answers-v1.json"), "--year", "1999"],
])
def test_year_out_of_range_on_the_command_line(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "next.json"
    extra = ["-o", str(out)] if args[0] != "check" else []
    result = drafter(*args, *extra)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "pydantic" not in result.stderr
    assert "is not a report year; give a year from 2000 to 2100" in result.stderr
    assert not out.exists()


def test_no_year_after_2100_to_carry_forward_to(tmp_path: Path) -> None:
    source = DATA / "answers-year-2100.json"
    out = tmp_path / "next.json"
    assert_refused(drafter("new", "--from", str(source), "-o", str(out)), source, "2101 is not a report year")
    assert not out.exists()


# ---- messages in Chinese carry no library English -------------------------------------------------------------


def drafter_zh(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in its default language, Chinese."""
    return run_drafter(*args, env={k: v for k, v in os.environ.items() if k != "DRAFTER_LANG"})


LIBRARY_ENGLISH = re.compile(r"Expecting|delimiter|Value error|Input should|errors\.pydantic|line \d+, column|' or '|"
                             r"XMLSyntaxError|Opening and ending tag|Start tag|xmlParse|Premature end")


@pytest.mark.parametrize(("args", "fragment"), [
    (["validate", str(DATA / "answers-invalid.json")], "不是有效的 JSON：右括号前多了一个逗号"),
    (["validate", str(DATA / "answers-blank-name.json")], "字段 org.name：不能为空"),
    (["validate", str(DATA / "answers-unknown-title-form.json")], "字段 title_form：必须是以下之一：'government', "),
    (["render", str(DATA / "answers-lone-surrogate.json")], "第 7 个字符已损坏"),
    (["import", str(DATA / "docx-bad-xml.docx"), "-o", "{tmp}/a.json"], "不是可用的 Word 文档"),
    (["check", str(DATA / "docx-bad-xml.docx")], "不是可用的 Word 文档"),
    (["new", "--from", str(DATA / "answers-v1.json"), "--year", "2101", "-o", "{tmp}/n.json"], "不是可用的报告年度"),
])
def test_chinese_messages_hold_no_library_english(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = drafter_zh(*[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr, result.stderr
    assert not LIBRARY_ENGLISH.search(result.stderr), result.stderr
    assert list(tmp_path.iterdir()) == []


# ---- render-batch: one bad file never stops the others ---------------------------------------------------------


def test_batch_goes_on_past_every_kind_of_bad_file(tmp_path: Path) -> None:
    good = []
    for n in range(8):  # enough files for the worker processes
        target = tmp_path / f"report-{n}.json"
        shutil.copyfile(DATA / "answers-v1.json", target)
        good.append(target)
    bad = [DATA / name for name in sorted(REFUSED_AT_READ)]
    files = [good[0], DATA / "answers-120-items.json", *bad, *good[1:]]
    outdir = tmp_path / "out"
    result = drafter("render-batch", *map(str, files), "--outdir", str(outdir), "--jobs", "2")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "9 of 12 reports written" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    for path, line in zip(bad, lines, strict=True):
        assert str(path) in line and REFUSED_AT_READ[path.name] in line
    assert sorted(p.stem for p in outdir.glob("*.docx")) == sorted([*(p.stem for p in good), "answers-120-items"])
    assert "（一百二十）第120项举措" in docx_text(outdir / "answers-120-items.docx")


@pytest.mark.parametrize("jobs", ["-1", "0", "many"])
def test_batch_refuses_a_job_count_below_one(tmp_path: Path, jobs: str) -> None:
    outdir = tmp_path / "out"
    result = drafter("render-batch", str(DATA / "answers-v1.json"), "--outdir", str(outdir), "--jobs", jobs)
    assert result.returncode == 2
    assert "--jobs" in result.stderr and "must be a whole number of at least 1" in result.stderr
    assert "Traceback" not in result.stderr
    assert not outdir.exists()


# ---- compare and new need answers files, and the pack's figures ------------------------------------------------


@pytest.mark.parametrize(("name", "fragment"), [
    ("answers-unknown-figure.json", "field figures.achievements_count: not in the figure catalogue"),
    ("answers-absurd-figure.json", "1000000000000000000000000000000 is more than the plausible maximum"),
])
@pytest.mark.parametrize("first", [True, False])
def test_compare_checks_figures_against_the_pack(name: str, fragment: str, first: bool) -> None:
    other, bad = DATA / "answers-v1.json", DATA / name
    pair = (bad, other) if first else (other, bad)
    result = drafter("compare", *map(str, pair))
    assert_refused(result, bad, fragment)
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["new", "compare", "validate", "render"])
def test_a_word_file_where_answers_belong(tmp_path: Path, command: str) -> None:
    word = tmp_path / "2024年报告.docx"
    shutil.copyfile(DATA / "docx-valid.docx", word)
    args = {
        "new": ["new", "--from", str(word), "-o", str(tmp_path / "2025.json")],
        "compare": ["compare", str(word), str(DATA / "answers-v1.json")],
        "validate": ["validate", str(word)],
        "render": ["render", str(word), "-o", str(tmp_path / "out.docx")],
    }[command]
    line = assert_refused(drafter(*args), word, "not an answers file (.json)")
    assert f"drafter import {word} -o ANSWERS.json" in line
    assert "UTF-8" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == [word.name]


def test_a_save_never_writes_what_could_not_be_opened_again(tmp_path: Path) -> None:
    """The guided editor and import save through save_answers: a text over the limit or a broken character is
    refused there with the same message, and the file on disk keeps its last good version."""
    from drafter.errors import InputError
    from drafter.model import Paragraph
    from drafter.store import load_answers, save_answers

    target = tmp_path / "2025.json"
    shutil.copyfile(DATA / "answers-v1.json", target)
    before = target.read_bytes()
    answers = load_answers(target)
    for text, fragment in (("法" * (MAX_TEXT_CHARS + 1), "a text may have at most 1,000,000"),
                           ("半个\udc80字", "character 3 is broken (U+DC80")):
        changed = answers.model_copy(deep=True)
        assert changed.sections.get("problems") is not None
        changed.sections.get("problems").intro.append(Paragraph(text=text))
        with pytest.raises(InputError, match=re.escape(fragment)) as caught:
            save_answers(target, changed)
        assert "field sections.problems.intro.1.text" in str(caught.value)
        assert target.read_bytes() == before


def test_file_system_reasons_are_in_chinese_too(tmp_path: Path) -> None:
    blocker = tmp_path / "report"
    blocker.write_text("不是文件夹", encoding="utf-8")
    out = blocker / "out.docx"
    result = drafter_zh("render", str(DATA / "answers-v1.json"), "-o", str(out))
    assert result.returncode == 2
    assert "无法写入此处（路径中的某一级是文件而不是文件夹）" in result.stderr
    assert "Not a directory" not in result.stderr


def test_a_reference_without_page_set_up_still_gives_an_a4_report(tmp_path: Path) -> None:
    """A .docx written by another tool may have no section properties; the report gets the pack's page set-up."""
    out = tmp_path / "out.docx"
    result = drafter("render", str(DATA / "answers-v1.json"), "-o", str(out),
                     "--reference", str(DATA / "docx-no-section.docx"))
    assert result.returncode == 0, result.stderr
    section = docx.Document(str(out)).sections[0]
    assert section.page_width is not None and round(section.page_width.mm) == 210
    assert "完善议事规则" in docx_text(out)


def test_batch_lists_a_defect_of_drafter_and_renders_the_rest(tmp_path: Path) -> None:
    """The safety net for what no test input reaches any more: an exception that is not a DrafterError (a defect of
    drafter; here a pack argument of the wrong type makes load_pack raise AttributeError) fails that file alone."""
    from drafter.commands.batch import _render_chunk

    good = tmp_path / "good.json"
    shutil.copyfile(DATA / "answers-v1.json", good)
    broken_pack: Any = 42
    results = _render_chunk([
        (good, tmp_path / "first.docx", broken_pack, None, False),
        (good, tmp_path / "second.docx", None, None, False),
    ])
    assert results[0][0] == str(good) and results[0][1] is not None
    assert "error in drafter (AttributeError" in results[0][1] and "please report it" in results[0][1]
    assert results[1] == (str(good), None, [])
    assert "完善议事规则" in docx_text(tmp_path / "second.docx")


@pytest.mark.parametrize("closing", ["}", "]"])
def test_a_trailing_comma_is_named_as_such(tmp_path: Path, closing: str) -> None:
    """The commonest slip of a hand edit; Python 3.11's decoder calls it something else."""
    path = tmp_path / "2025.json"
    text = shutil.copyfile(DATA / "answers-v1.json", path).read_text(encoding="utf-8")
    if closing == "}":
        text = text.rstrip().removesuffix("}").rstrip() + ",\n}\n"
    else:
        text = text.replace('"东坝村"\n    ]', '"东坝村",\n    ]', 1)
    assert ",\n" + ("}" if closing == "}" else "    ]") in text
    path.write_text(text, encoding="utf-8")
    assert_refused(drafter("validate", str(path)), path, "comma stands before a closing bracket")


def test_import_refuses_an_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "2025.json"
    shutil.copyfile(DATA / "answers-v1.json", path)
    out = tmp_path / "out.json"
    assert_refused(drafter("import", str(path), "-o", str(out)), path, "answers file already")
    assert not out.exists()
