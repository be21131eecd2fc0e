"""The answers model: numbering never stored, lean files, clear validation errors, JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from drafter.migrations import SCHEMA_VERSION
from drafter.model import Answers, Item, Provenance
from drafter.numbering import strip_numbering
from drafter.pack import load_pack
from tests.factories import make_answers


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("一、加强组织领导", "加强组织领导"),
        ("（二）强化学法", "强化学法"),
        ("(三)普法宣传", "普法宣传"),
        ("1.网上学法", "网上学法"),
        ("2、考试", "考试"),
        ("（1）细目", "细目"),
        ("十一、其他", "其他"),
        ("2025年度工作", "2025年度工作"),
        ("1.5倍增长", "1.5倍增长"),
    ],
)
def test_typed_numbering_is_removed_from_headings(typed: str, stored: str) -> None:
    assert strip_numbering(typed) == stored
    assert Item(heading=typed).heading == stored


def test_saved_json_is_lean_and_round_trips() -> None:
    answers = make_answers()
    text = answers.to_json()
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert "provenance" not in text  # typed is the default and is left out
    assert "南溪乡" in text  # Chinese stays readable, not \\u-escaped
    assert Answers.model_validate(data) == answers


def test_negative_figure_is_rejected() -> None:
    with pytest.raises(ValidationError):
        make_answers(figures={"leaflets": {"value": -1}})


def test_part_keys_are_the_packs(tmp_path: Path) -> None:
    from drafter.errors import InputError
    from drafter.pipeline import load_checked

    assert [s.key for s in load_pack().spec.sections] == ["measures", "problems", "duty", "plan", "other"]
    data = make_answers().model_dump(mode="json")
    data["sections"]["achievements"] = data["sections"]["measures"]
    path = tmp_path / "2025.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_checked(path)
    assert "sections.achievements" in str(caught.value) and "fazhi-zhengfu" in str(caught.value)


def test_provenance_marks_review_state() -> None:
    answers = make_answers()
    para = answers.sections.get("measures").items[0].paragraphs[0]  # type: ignore[union-attr]
    assert para.provenance is Provenance.TYPED and not para.needs_review
    para.provenance = Provenance.CARRIED
    assert para.needs_review
