"""Schema versions: older files migrate step by step, newer ones are refused, a missing version means 1.

The mechanics are exercised with hypothetical versions defined here (2 renames ``org.recipients`` to
``org.addressees``); the real steps 1 → 2 (live figures), 2 → 3 (the optional dispatch data of the submission
copy) and 3 → 4 (the pack's parts and tables) are tested at the end. tests/data/answers-v1.json is a file of version 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from drafter.errors import InputError
from drafter.migrations import SCHEMA_VERSION
from drafter.store import MIGRATIONS, Migration, SchemaVersionError, load_answers, migrate

from .conftest import DATA


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    org = dict(data["org"])
    org["addressees"] = org.pop("recipients", "")
    return {**data, "org": org}


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "sections_order": list(data.get("sections", {}))}


TEST_MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def test_previous_version_file_migrates_to_the_next() -> None:
    path = DATA / "answers-v1.json"
    original = _read("answers-v1.json")
    upgraded = migrate(original, path, TEST_MIGRATIONS, target=2)
    assert upgraded["schema_version"] == 2
    assert upgraded["org"]["addressees"] == "县委、县政府"
    assert "recipients" not in upgraded["org"]
    assert original["org"]["recipients"] == "县委、县政府"  # the input is not changed in place


def test_migration_runs_every_step_in_order() -> None:
    upgraded = migrate(_read("answers-v1.json"), DATA / "answers-v1.json", TEST_MIGRATIONS, target=3)
    assert upgraded["schema_version"] == 3
    assert upgraded["org"]["addressees"] == "县委、县政府"
    assert upgraded["sections_order"] == ["measures", "problems", "duty", "plan"]


def test_missing_version_is_version_one() -> None:
    data = _read("answers-no-version.json")
    assert "schema_version" not in data
    assert migrate(data, DATA / "answers-no-version.json", TEST_MIGRATIONS, target=2)["schema_version"] == 2
    assert load_answers(DATA / "answers-no-version.json") == load_answers(DATA / "answers-v1.json")


def test_newer_version_is_refused_clearly() -> None:
    path = DATA / "answers-future-version.json"
    with pytest.raises(SchemaVersionError) as caught:
        load_answers(path)
    assert str(caught.value) == (
        f"{path}: this file was written by a newer drafter (schema version 99; this one reads up to {SCHEMA_VERSION})"
    )
    with pytest.raises(SchemaVersionError):
        migrate(_read("answers-v1.json"), path, TEST_MIGRATIONS, target=0)


@pytest.mark.parametrize("version", ["2", 0, -1, True, 1.5])
def test_nonsense_version_is_refused(version: object) -> None:
    with pytest.raises(InputError, match="schema_version must be a whole number"):
        migrate({"schema_version": version}, Path("x.json"), TEST_MIGRATIONS, target=3)


def test_missing_step_is_reported_not_a_key_error() -> None:
    with pytest.raises(SchemaVersionError, match="no migration from schema version 2 to 3"):
        migrate(_read("answers-v1.json"), Path("x.json"), {1: _v1_to_v2}, target=3)


def test_real_registry_covers_every_version_below_the_current() -> None:
    assert all(version in MIGRATIONS for version in range(1, SCHEMA_VERSION))
    data = _read("answers-v1.json")
    assert migrate(data, DATA / "answers-v1.json") == {**data, "schema_version": SCHEMA_VERSION}


def test_version_1_file_keeps_its_literal_text_and_numbers(tmp_path: Path) -> None:
    """Version 1 had no live figures: its numbers stay literal, and text that looks like a reference stays text."""
    from drafter.compose import compose
    from drafter.pack import load_pack

    data = _read("answers-v1.json")
    data["opening"] = "见[[fig:petitions]]，全年受理信访事项120件。"
    data["figures"] = {"petitions": {"value": 125}}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    answers = load_answers(path)
    assert answers.schema_version == SCHEMA_VERSION == 4
    doc = compose(answers, load_pack())
    assert doc.blocks[2].text == "见[[fig:petitions]]，全年受理信访事项120件。"

    assert load_answers(DATA / "answers-v1.json").dispatch.serial is None


def test_a_version_3_file_reads_as_version_4_and_is_saved_as_one(tmp_path: Path) -> None:
    from drafter.store import save_answers

    path = tmp_path / "2025.json"
    data = json.loads((DATA / "checks" / "clean_2025.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 3
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    answers = load_answers(path)
    assert answers.schema_version == 4 and answers.tables == {} and answers.sections.get("measures") is not None
    save_answers(path, answers)
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 4
