"""Property tests (hypothesis): whatever valid answers a clerk types render to a .docx that keeps every text;
carry-forward leaves year ranges and titles alone; import(render(x)) keeps each section's text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drafter.compose import compose
from drafter.importer import import_file
from drafter.model import Answers, Item
from drafter.pack import load_pack
from drafter.pipeline import render_answers
from drafter.reuse import shift_years
from drafter.typeset.docx import build
from drafter.typeset.ooxml import strip_illegal
from tests.factories import answers_dict

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
EXT_B = st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF)
EMOJI = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF, categories=["So"])
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
CONTROL = st.sampled_from(["\x00", "\x07", "\x0b", "\x1f"])

text_chars = st.one_of(CJK, CJK, CJK, ASCII, EMOJI, EXT_B)
any_text = st.text(st.one_of(text_chars, CONTROL), max_size=80)
"""What a clerk may paste: CJK, ASCII, emoji, Extension B, and now and then a control character."""
plain_text = st.text(st.one_of(CJK, CJK, EMOJI, EXT_B, st.sampled_from("abcXYZ0123 ")), min_size=1, max_size=60).map(
    lambda s: "文" + s.strip() + "。"
)
"""Prose that cannot be mistaken for a numbered heading (used for the import round trip)."""


def items(text: st.SearchStrategy[str], depth: int = 2) -> st.SearchStrategy[list[dict[str, Any]]]:
    paragraph = st.builds(lambda t: {"text": t}, text)
    sub: st.SearchStrategy[list[dict[str, Any]]] = (
        items(text, depth - 1) if depth > 1 else st.just([])
    )
    item = st.fixed_dictionaries(
        {"heading": text, "paragraphs": st.lists(paragraph, max_size=3), "items": sub},
        optional={"run_in": st.booleans()},
    )
    return st.lists(item, max_size=3)


def sections(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    section = st.fixed_dictionaries(
        {"intro": st.lists(st.builds(lambda t: {"text": t}, text), max_size=3), "items": items(text)}
    )
    return st.fixed_dictionaries({}, optional={s.key: section for s in load_pack().spec.sections})


@st.composite
def answers(draw: st.DrawFn, text: st.SearchStrategy[str] = any_text) -> Answers:
    data = answers_dict()
    data["org"]["name"] = "青" + draw(st.text(st.one_of(CJK, EXT_B, EMOJI), max_size=8)) + "镇"
    data["org"]["places"] = draw(st.lists(text, max_size=3))
    data["sections"] = draw(sections(text))
    data["figures"] = {}
    return Answers.model_validate(data)


def texts_of(answers: Answers) -> list[str]:
    """Every text the clerk typed into the parts: section headings, item headings and paragraphs."""
    out: list[str] = []

    def walk(item: Any) -> None:
        out.append(item.heading)
        out.extend(p.text for p in item.paragraphs)
        for child in item.items:
            walk(child)

    for _key, section in answers.section_items():
        out.extend(p.text for p in section.intro)
        for item in section.items:
            walk(item)
    return out


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


NESTED_HEADING_ONLY = Answers.model_validate(
    {
        **answers_dict(),
        "figures": {},
        "sections": {"measures": {"items": [{"heading": "", "items": [{"heading": "一"}]}]}},
    }
)
"""Found by hypothesis: a part whose only text is a sub-item's heading was taken for empty and left out."""


@SETTINGS
@given(answers())
@example(NESTED_HEADING_ONLY)
def test_any_valid_answers_render_and_keep_every_text(x: Answers) -> None:
    pack = load_pack()
    data, report = build(compose(x, pack), pack.style)
    text = docx_text(data)
    for typed in texts_of(x):
        expected = strip_illegal(typed)[0].strip()
        assert expected in text, expected
    assert x.org.name in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    typed_controls = sum(strip_illegal(t)[1] for t in texts_of(x)) + sum(strip_illegal(p)[1] for p in x.org.places)
    assert report.removed_control_chars <= typed_controls
    assert bool(report.warnings) == (report.removed_control_chars > 0)


YEAR = st.integers(min_value=2000, max_value=2099)


@st.composite
def prose_with_protected_parts(draw: st.DrawFn) -> tuple[str, list[str], int, int]:
    """Text with year ranges and titles embedded among ordinary words, plus the old and new report years."""
    old = draw(st.integers(min_value=2001, max_value=2098))
    start = draw(YEAR)
    protected = [
        f"{start}—{start + draw(st.integers(1, 10))}年",
        f"{start}-{start + draw(st.integers(1, 10))}年",
        f"{start}年至{start + draw(st.integers(1, 10))}年",
        f"《{draw(st.text(CJK, max_size=6))}（{old}年修订）》",
        f"《{old}年{draw(st.text(CJK, max_size=6))}规划》",
    ]
    chosen = draw(st.lists(st.sampled_from(protected), min_size=1, max_size=4))
    filler = st.one_of(st.text(CJK, max_size=10), st.just(f"{old}年"), st.just(f"{old + 1}年"))
    parts: list[str] = []
    for piece in chosen:
        parts.extend([draw(filler), "，", piece, "，"])
    parts.append(draw(filler))
    return "".join(parts), chosen, old, old + 1


@SETTINGS
@given(prose_with_protected_parts(), st.booleans())
def test_carry_forward_never_changes_year_ranges_or_titles(case: tuple[str, list[str], int, int], plan: bool) -> None:
    text, protected, old, new = case
    shifted = shift_years(text, old, new, plan=plan)
    for piece in protected:
        assert shifted.count(piece) >= text.count(piece), (piece, shifted)


@SETTINGS
@given(answers(plain_text))
def test_import_of_render_keeps_every_section_text(tmp_path_factory: pytest.TempPathFactory, x: Answers) -> None:
    pack = load_pack()
    out: Path = tmp_path_factory.mktemp("roundtrip") / "report.docx"
    render_answers(x, pack, out)
    back: Answers = import_file(out, pack).answers

    def squash(value: str) -> str:
        return re.sub(r"\s+", "", value)

    def headings(items: list[Item]) -> list[str]:  # a run-in sub-item may come back as one long heading
        return [text for i in items for text in (i.heading, *headings(i.items))]

    for key, section in x.section_items():
        imported = back.sections.get(key)
        typed = [p.text for p in section.all_paragraphs() if p.text.strip()]
        if not typed:
            continue
        assert imported is not None, key
        got = squash("".join([*headings(imported.items), *(p.text for p in imported.all_paragraphs())]))
        for text in typed:
            assert squash(text) in got, (key, text)
