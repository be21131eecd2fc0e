"""The answers model: numbering never stored, lean files, clear validation errors, JSON Schema."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from drafter.model import SCHEMA_VERSION, SECTION_KEYS, Answers, Item, Provenance
from drafter.numbering import strip_numbering
from tests.factories import answers_dict, make_answers


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


def test_unknown_section_key_is_rejected() -> None:
    data = answers_dict()
    data["sections"]["results"] = {"intro": []}
    with pytest.raises(ValidationError) as info:
        Answers.model_validate(data)
    assert info.value.errors()[0]["loc"] == ("sections", "results")


def test_negative_figure_is_rejected() -> None:
    with pytest.raises(ValidationError):
        make_answers(figures={"leaflets": {"value": -1}})


def test_section_keys_are_the_canonical_five() -> None:
    assert SECTION_KEYS == ("measures", "problems", "duty", "plan", "other")
    assert set(Answers.model_json_schema()["$defs"]["Sections"]["properties"]) == set(SECTION_KEYS)


def test_provenance_marks_review_state() -> None:
    answers = make_answers()
    para = answers.sections.measures.items[0].paragraphs[0]  # type: ignore[union-attr]
    assert para.provenance is Provenance.TYPED and not para.needs_review
    para.provenance = Provenance.CARRIED
    assert para.needs_review
