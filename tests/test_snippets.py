"""The snippet library: loads and validates, renders figures, shows gaps for empty figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.errors import PackError
from drafter.model import Answers, Figure, Organisation
from drafter.pack import load_pack
from drafter.snippets import GAP, figure_texts, load_snippets, render_snippet

PACK = load_pack()


def test_library_covers_the_topics_and_every_snippet_renders() -> None:
    library = load_snippets(PACK)
    topics = library.topics()
    required = ("学法用法", "普法宣传", "法律顾问", "矛盾纠纷化解", "行政执法", "规范性文件审查", "政务公开",
                "法律明白人")
    for topic in required:
        assert topic in topics
        assert len(library.search(topic=topic)) >= 2
    empty = Answers(org=Organisation(name="青禾镇"), year=2025)
    for snippet in library.snippets:
        text = render_snippet(snippet, empty, PACK)
        sentences = [s for s in re.split(r"[。！？]", text) if s.strip()]
        assert 2 <= len(sentences) <= 5, snippet.id
        assert "{" not in text and "}" not in text
        assert text.count(GAP) == len(snippet.figures)  # every empty figure is a visible gap


def test_figures_filled_rates_derived_and_gaps_kept() -> None:
    library = load_snippets(PACK)
    answers = Answers(org=Organisation(name="青禾镇"), year=2025,
                      figures={"disputes_investigated": Figure(value=86), "disputes_resolved": Figure(value=80)})
    text = render_snippet(library.get("disputes-summary"), answers, PACK)
    assert "共排查矛盾纠纷86件，调处成功80件" in text
    assert "调处成功率93.0%" in text
    partial = Answers(org=Organisation(name="青禾镇"), year=2025, figures={"disputes_investigated": Figure(value=86)})
    text = render_snippet(library.get("disputes-summary"), partial, PACK)
    assert f"调处成功{GAP}件" in text and f"调处成功率{GAP}" in text
    assert "0件" not in text


def test_figure_texts_never_invent_a_number() -> None:
    texts = figure_texts(None, PACK)
    assert set(texts) == {f.key for f in PACK.spec.figures}
    assert all(value == GAP for value in texts.values())


def test_search_by_words() -> None:
    library = load_snippets(PACK)
    found = library.search("法律顾问 合同")
    assert [s.id for s in found] == ["adviser-contracts"]
    assert library.search("没有这样的词") == []


def _write(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "topic.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_unknown_figure_reported_with_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "s", 'topic = "学法用法"\n\n[[snippets]]\nid = "a"\ntitle = "甲"\ntext = """\n'
                  '第一句。\n学法{{ fig.no_such_figure }}次。\n"""\n')
    with pytest.raises(PackError) as info:
        load_snippets(PACK, path.parent)
    assert info.value.path == path and info.value.line == 8
    assert "no_such_figure" in str(info.value)


def test_syntax_error_and_unknown_variable_reported(tmp_path: Path) -> None:
    path = _write(tmp_path / "s", 'topic = "t"\n[[snippets]]\nid = "a"\ntitle = "甲"\ntext = "学法{{ fig.x 次。"\n')
    with pytest.raises(PackError) as info:
        load_snippets(PACK, path.parent)
    assert info.value.line == 5
    _write(tmp_path / "s", 'topic = "t"\n[[snippets]]\nid = "a"\ntitle = "甲"\ntext = "{{ secret }}。"\n')
    with pytest.raises(PackError, match="unknown variable 'secret'"):
        load_snippets(PACK, path.parent)


def test_missing_fields_and_duplicates_refused(tmp_path: Path) -> None:
    _write(tmp_path / "s", 'topic = "t"\n[[snippets]]\nid = "a"\ntext = "x。"\n')
    with pytest.raises(PackError, match="title"):
        load_snippets(PACK, tmp_path / "s")
    _write(tmp_path / "s", 'topic = "t"\n[[snippets]]\nid = "a"\ntitle = "t"\ntext = "x。"\n'
           '[[snippets]]\nid = "a"\ntitle = "t"\ntext = "y。"\n')
    with pytest.raises(PackError, match="used twice"):
        load_snippets(PACK, tmp_path / "s")


def test_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    _write(tmp_path / "s", 'topic = "t"\n[[snippets]]\nid = "a"\ntitle = "t"\n'
           'text = "{{ fig.__class__.__mro__ }}"\n')
    with pytest.raises(PackError):
        library = load_snippets(PACK, tmp_path / "s")
        render_snippet(library.snippets[0], None, PACK)


def test_runaway_snippet_is_stopped_by_the_packs_limits(tmp_path: Path) -> None:
    loop = "{% for a in [0,1,2,3,4,5,6,7,8,9] %}"
    text = loop * 5 + "很长的文字" + "{% endfor %}" * 5  # 100,000 iterations, 500,000 characters
    _write(tmp_path / "s", f'topic = "t"\n[[snippets]]\nid = "a"\ntitle = "t"\ntext = "{text}"\n')
    library = load_snippets(PACK, tmp_path / "s")
    with pytest.raises(PackError) as info:
        render_snippet(library.snippets[0], None, PACK)
    assert info.value.path is not None and info.value.path.parent == tmp_path / "s"
    assert info.value.line is not None


def test_the_second_report_type_has_its_own_snippets_and_their_figures_come_from_the_tables() -> None:
    """snippets/gongkai: every snippet belongs to one of the 政府信息公开 pack's parts, and the figures it states that
    the tables hold (新收 / 上年结转 申请, 规范性文件) are the example's table cells, never a gap."""
    from drafter.store import load_answers
    from tests.conftest import EXAMPLES

    pack = load_pack("gongkai")
    library = load_snippets(pack)
    parts = {s.key for s in pack.spec.sections}
    assert len(library.topics()) >= 4 and all(s.section in parts for s in library.search())
    answers = load_answers(EXAMPLES / "gongkai-2025.json")
    stated = render_snippet(library.get("gk-requests-figures"), answers, pack)
    assert stated.startswith("全年新收政府信息公开申请7件，上年结转政府信息公开申请1件")
    normative = render_snippet(library.get("gk-proactive-normative"), answers, pack)
    assert "制发行政规范性文件2件" in normative and "现行有效行政规范性文件13件" in normative
    for snippet in library.search():
        assert snippet.id.startswith("gk-") and render_snippet(snippet, answers, pack).strip()


def test_search_typed_on_a_latin_keyboard_reads_the_pinyin_of_topics_and_titles() -> None:
    library = load_snippets(PACK)
    assert [s.title for s in library.search("paicha")] == ["矛盾纠纷排查化解总体情况"]
    assert {s.topic for s in library.search("pufa")} >= {"普法宣传"}
    assert library.search("pf") == library.search("pufa")  # the initials as well as the syllables
    assert library.search("disputes paicha") == library.search("paicha")  # each word by the id, the text or pinyin
    assert library.search("qqqq") == []
