"""A pack edited on disk is read again: the checks, the catalogue, the wording and the page set-up follow the
files, not what an earlier load kept in memory (drafter.cache)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from drafter.checks import check_answers
from drafter.compose import compose
from drafter.figures import catalogue
from drafter.locations import templates_dir
from drafter.model import Answers
from drafter.pack import load_pack
from drafter.typeset.docx import render_docx
from tests.factories import answers_dict, make_answers

BUILTIN = templates_dir() / "fazhi-zhengfu"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "office-pack"
    shutil.copytree(BUILTIN, folder)
    return folder


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_unchanged_pack_is_not_read_again(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    first = load_pack(override=folder)
    assert load_pack(override=folder) is first
    assert catalogue(load_pack(override=folder)) is catalogue(first)


def test_a_dated_term_added_on_disk_is_checked_at_once(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    data = answers_dict()
    data["sections"]["duty"]["intro"][0]["text"] = "继续落实旧式提法甲的各项要求。"
    answers = Answers.model_validate(data)
    assert "term.stale" not in {f.rule for f in check_answers(answers, load_pack(override=folder))}
    term = '\n[[terms]]\nterm = "旧式提法甲"\nsince = 2016\nuntil = 2020\nreplaced_by = "新提法"\n'
    _append(folder / "terms.toml", term)
    stale = [f for f in check_answers(answers, load_pack(override=folder)) if f.rule == "term.stale"]
    assert [f.excerpt for f in stale] == ["旧式提法甲"]


def test_wording_and_page_set_up_edited_on_disk_show_in_the_next_render(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    answers = make_answers()
    out = tmp_path / "report.docx"
    pack = load_pack(override=folder)
    render_docx(compose(answers, pack), pack.style, out)
    with zipfile.ZipFile(out) as z:
        assert "方正小标宋简体" in z.read("word/styles.xml").decode()
    (folder / "text" / "title.j2").write_text("{{ org.government_organ }}{{ year }}年度工作总结\n", encoding="utf-8")
    style = folder / "style.toml"
    style.write_text(style.read_text(encoding="utf-8").replace('"方正小标宋简体"', '"华文中宋"'), encoding="utf-8")
    pack = load_pack(override=folder)
    doc = compose(answers, pack)
    assert doc.title == "南溪乡人民政府2025年度工作总结"
    render_docx(doc, pack.style, out)
    with zipfile.ZipFile(out) as z:
        styles = z.read("word/styles.xml").decode()
    assert "华文中宋" in styles and "方正小标宋简体" not in styles


def test_the_built_in_pack_edited_on_disk_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "templates"
    folder = root / BUILTIN.name
    shutil.copytree(BUILTIN, folder)
    monkeypatch.setattr("drafter.pack.templates_dir", lambda: root)
    assert compose(make_answers(), load_pack()).title.endswith("法治政府建设情况的报告")
    (folder / "text" / "title.j2").write_text("{{ org.government_organ }}{{ year }}年度工作总结\n", encoding="utf-8")
    assert compose(make_answers(), load_pack()).title == "南溪乡人民政府2025年度工作总结"
