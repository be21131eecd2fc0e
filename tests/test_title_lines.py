"""Titles break between words (GB/T 9704 §7.3.3: 回行时要做到词意完整，排列对称，长短适宜).

The typesetter sets the title's lines itself, as explicit line breaks in the .docx, so Word, WPS and LibreOffice
show the same lines; :func:`drafter.linebreak.title_lines` decides where.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.cli import main
from drafter.compose import compose
from drafter.linebreak import title_lines
from drafter.pack import load_pack
from drafter.store import load_answers
from drafter.typeset.ooxml import ZERO_WIDTH_SPACE, Geometry, text_width
from tests.conftest import EXAMPLES, ROOT

FIXTURES = ROOT.parent / "shared" / "fixtures"
STYLE = load_pack().style
WIDTH = Geometry.of(STYLE).text_width_pt / STYLE.title_size_pt  # 二号 characters a line holds
WHOLE = ("法治政府建设", "政府信息公开", "工作年度报告", "情况的报告")


def lines_of(title: str, *organs: str) -> list[str]:
    return title_lines(title, WIDTH, (*organs, *WHOLE), text_width)


def assert_whole(lines: list[str], words: tuple[str, ...]) -> None:
    """No word of ``words`` and no year is cut by a line break; every line fits."""
    for upper, lower in itertools.pairwise(lines):
        seam = f"{upper}|{lower}"
        for word in words:
            for cut in range(1, len(word)):
                assert f"{word[:cut]}|{word[cut:]}" not in seam, f"{word} broken: {lines}"
        assert not re.search(r"\d\|\d|\d\|年|年\|度", seam), f"a year broken: {lines}"
    assert all(text_width(line) <= WIDTH for line in lines), lines


def test_the_joint_title_breaks_after_the_organs_before_about() -> None:
    lines = lines_of("中共青禾镇委员会 青禾镇人民政府关于2025年度法治政府建设情况的报告", "中共青禾镇委员会",
                     "青禾镇人民政府")
    assert lines == ["中共青禾镇委员会 青禾镇人民政府", "关于2025年度法治政府建设情况的报告"]


def test_a_government_title_breaks_before_about() -> None:
    assert lines_of("青禾镇人民政府关于2025年度法治政府建设情况的报告", "青禾镇人民政府") == [
        "青禾镇人民政府", "关于2025年度法治政府建设情况的报告"]


def test_a_short_title_stays_on_one_line() -> None:
    assert lines_of("关于2021年度法治政府建设情况的报告") == ["关于2021年度法治政府建设情况的报告"]


def test_the_gongkai_title_breaks_after_the_organ() -> None:
    assert lines_of("重庆市九龙坡区二郎街道办事处2022年政府信息公开工作年度报告", "二郎街道办事处") == [
        "重庆市九龙坡区二郎街道办事处", "2022年政府信息公开工作年度报告"]


def test_two_long_organ_names_take_three_lines_each_whole() -> None:
    organs = ("中国共产党安平县石桥镇委员会", "安平县石桥镇人民政府")
    lines = lines_of(f"{organs[0]} {organs[1]}关于2025年度法治政府建设情况的报告", *organs)
    assert len(lines) == 3 and lines[0] == organs[0]
    assert_whole(lines, (*organs, *WHOLE))
    # 梯形 or 菱形: no line is longer than both of its neighbours' ends would allow, the longest not on top
    widths = [text_width(line) for line in lines]
    assert widths[0] <= max(widths[1:])


def test_a_title_with_no_break_between_words_still_fits() -> None:
    """Words give way before the width does: a title longer than a line with no allowed break is still cut."""
    lines = lines_of("法治政府建设法治政府建设法治政府建设法治政府建设")
    assert len(lines) >= 2 and all(text_width(line) <= WIDTH for line in lines)


def _printed_title(path: Path) -> list[str]:
    """The title paragraph of a rendered .docx, split at its explicit line breaks."""
    first = docx.Document(str(path)).paragraphs[0]._p
    lines, current = [], []
    for element in first.iter(qn("w:t"), qn("w:br")):
        if element.tag == qn("w:br"):
            lines.append("".join(current))
            current = []
        else:
            current.append((element.text or "").replace(ZERO_WIDTH_SPACE, ""))
    return [*lines, "".join(current)]


@pytest.mark.parametrize("name", ["2025.json", "gongkai-2025.json", "2024.json", "gongkai-2024.json"])
def test_the_examples_titles_are_printed_in_whole_words(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    assert main(["render", str(EXAMPLES / name), "-o", str(out)]) == 0
    answers = load_answers(EXAMPLES / name)
    document = compose(answers, load_pack(answers.pack))
    printed = _printed_title(out)
    assert "".join(printed).replace(" ", "") == document.title.replace(" ", "")
    assert len(printed) == 2, printed  # every example title is longer than one line
    assert_whole(printed, (*document.title_words, *WHOLE))


def test_every_fixture_title_is_printed_in_whole_words(tmp_path: Path) -> None:
    sources = sorted((FIXTURES / "reports").glob("*.docx")) + sorted((FIXTURES / "gongkai").glob("*.txt"))
    assert sources
    for source in sources:
        answers_path = tmp_path / f"{source.stem}.json"
        assert main(["import", str(source), "-o", str(answers_path)]) == 0
        out = tmp_path / f"{source.stem}.docx"
        assert main(["render", str(answers_path), "-o", str(out)]) == 0
        answers = load_answers(answers_path)
        document = compose(answers, load_pack(answers.pack))
        printed = _printed_title(out)
        assert "".join(printed).replace(" ", "") == document.title.replace(" ", ""), source.name
        assert_whole(printed, (*(w for w in document.title_words if w), *WHOLE))
