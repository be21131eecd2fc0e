"""Parts by role: the code asks a pack for the part with a role, never for a key. A copy of the 法治政府建设 pack
whose part keys are all renamed (roles kept) checks, imports and carries forward the same as the built-in one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from drafter.checks import check_answers
from drafter.checks.findings import Finding
from drafter.compose import compose
from drafter.importer import import_file
from drafter.locations import templates_dir
from drafter.model import Answers
from drafter.pack import Pack, PackSpec, Role, load_pack
from drafter.reuse import carry_forward
from drafter.store import load_answers
from drafter.typeset.docx import render_docx

EXAMPLE = Path(__file__).parent.parent / "examples" / "qinghe" / "2025.json"
RENAMED = {"measures": "jucuo", "problems": "buzu", "duty": "zeren", "plan": "anpai", "other": "qita"}
"""The built-in pack's part keys and the keys the copy gives them."""


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    folder = tmp_path_factory.mktemp("pack") / "renamed"
    shutil.copytree(templates_dir() / "fazhi-zhengfu", folder)
    toml = folder / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        text = re.sub(rf'^(key|section) = "{old}"$', rf'\1 = "{new}"', text, flags=re.MULTILINE)
        heading = folder / "text" / f"heading-{old}.j2"
        heading.rename(heading.with_name(f"heading-{new}.j2"))
    toml.write_text(text, encoding="utf-8")
    pack = load_pack(override=folder)
    assert {s.key for s in pack.spec.sections} == set(RENAMED.values())
    return pack


def _renamed(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "sections": {RENAMED[k]: v for k, v in data["sections"].items()}}


def _answers(**changes: Any) -> dict[str, Any]:
    data = load_answers(EXAMPLE).model_dump(mode="json")
    data.update(changes)
    return data


def _seen(findings: list[Finding], keys: dict[str, str]) -> list[tuple[str, str | None, str]]:
    return sorted((f.rule, keys.get(f.section or "", f.section), f.excerpt) for f in findings)


def test_every_part_of_the_builtin_packs_with_a_meaning_has_its_role() -> None:
    fazhi = load_pack()
    assert {role: fazhi.spec.key_of(role) for role in Role} == {role: role.value for role in Role}
    gongkai = load_pack("gongkai")
    assert gongkai.spec.key_of(Role.PROBLEMS) == "problems" and gongkai.spec.key_of(Role.DUTY) is None
    assert gongkai.spec.home_key() == "overview"


def test_a_role_given_to_two_parts_is_refused() -> None:
    part = {"label": "甲", "prompt": "？", "guidance": "。", "role": "plan"}
    with pytest.raises(ValidationError, match="a role is given to two parts"):
        PackSpec.model_validate({"name": "x", "title": "x", "sections": [{**part, "key": "a"}, {**part, "key": "b"}]})


def test_a_figure_naming_no_part_belongs_to_the_measures_part() -> None:
    parts = [{"key": k, "label": k, "prompt": "？", "guidance": "。"} for k in ("first", "work")]
    parts[1]["role"] = "measures"
    spec = PackSpec.model_validate({"name": "x", "title": "x", "sections": parts,
                                    "figures": [{"key": "n", "label": "n", "unit": "件"}]})
    assert spec.figures[0].section == "work"


def test_renamed_parts_are_checked_the_same(renamed: Pack) -> None:
    """Missing causes (problems), a stale year in the plan (plan), duty inside the measures (duty)."""
    data = _answers()
    data["sections"]["problems"] = {"intro": [{"text": "一是学法形式较为单一。二是执法人员力量不足。"}]}
    data["sections"]["plan"]["items"][0]["paragraphs"] = [{"text": "2025年，继续完善学法制度。"}]
    duty = data["sections"].pop("duty")
    data["sections"]["measures"]["items"].append({"heading": "党政主要负责人履行推进法治建设第一责任人职责情况",
                                                  "paragraphs": duty["intro"], "items": duty["items"]})
    builtin = check_answers(Answers.model_validate(data), load_pack())
    moved = check_answers(Answers.model_validate(_renamed(data)), renamed)
    rules = {f.rule for f in builtin}
    assert {"structure.missing-causes", "plan.wrong-year"} <= rules
    assert not any(f.rule == "structure.missing-section" for f in builtin)
    back = {new: old for old, new in RENAMED.items()}
    assert _seen(moved, back) == _seen(builtin, {})


def test_renamed_parts_import_the_same(renamed: Pack, tmp_path: Path) -> None:
    answers = load_answers(EXAMPLE)
    docx = tmp_path / "report.docx"
    render_docx(compose(answers, load_pack()), load_pack().style, docx)
    builtin = import_file(docx, pack=load_pack())
    moved = import_file(docx, pack=renamed)
    assert set(builtin.answers.sections) == set(RENAMED)
    expected = _renamed(builtin.answers.model_dump(mode="json"))
    assert moved.answers.model_dump(mode="json") == {**expected, "pack": moved.answers.pack}
    assert [RENAMED[k] for k, _h in builtin.parts] == [k for k, _h in moved.parts]


def test_text_without_part_headings_lands_in_the_renamed_measures_part(renamed: Pack, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("青禾镇2025年法治政府建设年度报告\n2025年，我镇坚持依法行政。\n全年开展普法活动12场次。\n",
                      encoding="utf-8")
    assert set(import_file(source, pack=renamed).answers.sections) == {"jucuo"}


def test_renamed_parts_carry_forward_the_same(renamed: Pack) -> None:
    data = _answers()
    data["sections"]["plan"]["heading"] = "2026年工作安排"
    data["sections"]["measures"]["heading"] = "2025年主要举措"
    builtin = carry_forward(Answers.model_validate(data), 2026, load_pack())
    moved = carry_forward(Answers.model_validate(_renamed(data)), 2026, renamed)
    assert builtin.sections["plan"] is not None and builtin.sections["plan"].heading == "2027年工作安排"
    assert moved.model_dump(mode="json") == _renamed(builtin.model_dump(mode="json"))
