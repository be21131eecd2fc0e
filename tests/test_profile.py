"""One organisation profile per workspace (``organisation.json``): typed once, used by every report type and year;
each answers file keeps only what is its own. Real files in a copy of the example workspace."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from drafter import workspace
from drafter.cli import main
from drafter.compose import compose
from drafter.errors import InputError
from drafter.model import Answers
from drafter.pack import load_pack
from drafter.store import (
    PROFILE_NAME,
    adopt_profile,
    answers_files,
    backups,
    load_answers,
    read_profile,
    save_answers,
)
from tests.conftest import EXAMPLES, example_workspace

CONTACT = {"address": "云溪县青禾镇青禾大道8号", "postcode": "654321", "telephone": "0123-4567890"}


def _workspace(tmp_path: Path) -> Path:
    """A copy of the example workspace, its 法治 report of 2025 the most recently saved."""
    folder = example_workspace(tmp_path / "ws", None)
    os.utime(folder / "2025.json", (2_000_000_000, 2_000_000_000))
    return folder


def _opening(answers: Answers) -> str:
    return next(b.text for b in compose(answers, load_pack("gongkai")).blocks if b.text.startswith("本报告根据"))


def test_the_contact_the_disclosure_report_lacked_is_printed_in_its_preamble() -> None:
    answers = load_answers(EXAMPLES / "gongkai-2025.json")
    assert _opening(answers).endswith("党政综合办公室联系。")
    answers.org.address, answers.org.postcode, answers.org.telephone = CONTACT.values()
    assert _opening(answers).endswith(
        "联系（地址：云溪县青禾镇青禾大道8号，邮编：654321；电话：0123-4567890）。")
    with pytest.raises(ValueError, match="postcode"):
        answers.org.postcode = "12345"


def test_adopting_moves_the_organisation_out_of_every_file_and_changes_nothing_a_report_shows(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    before = {p.name: load_answers(p) for p in answers_files(ws)}
    newest = before["2025.json"].org
    assert adopt_profile(ws)
    assert not adopt_profile(ws)  # once
    profile = json.loads((ws / PROFILE_NAME).read_text(encoding="utf-8"))
    assert profile["printing_organ"] == newest.printing_organ and profile["issuers"] == newest.issuers
    assert "signatories" not in profile and "recipients" not in profile
    for name, answers in before.items():
        on_disk = json.loads((ws / name).read_text(encoding="utf-8"))["org"]
        assert set(on_disk) <= {"name", "signatories", "recipients"}, name
        after = load_answers(ws / name)
        assert after.org.signatories == answers.org.signatories and after.org.recipients == answers.org.recipients
        assert after.org.model_dump(exclude={"signatories", "recipients"}) == newest.model_dump(
            exclude={"signatories", "recipients"}), name
        assert after.sections == answers.sections and after.figures == answers.figures
    assert answers_files(ws) == sorted(ws / name for name in before)  # the profile is not a report
    assert backups(ws / "gongkai-2025.json")  # the file as it was is kept among its backups


def test_typed_once_in_one_report_it_shows_in_every_report_type(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    adopt_profile(ws)
    fazhi = load_answers(ws / "2025.json")
    fazhi.org.telephone = CONTACT["telephone"]
    fazhi.org.printing_organ = "青禾镇党政办公室"
    save_answers(ws / "2025.json", fazhi)
    gongkai = load_answers(ws / "gongkai-2025.json")
    assert gongkai.org.printing_organ == "青禾镇党政办公室"
    assert _opening(gongkai).endswith("（电话：0123-4567890）。")
    assert load_answers(ws / "2024.json").org.telephone == CONTACT["telephone"]
    assert read_profile(ws) == {**json.loads((ws / PROFILE_NAME).read_text(encoding="utf-8"))}
    assert "telephone" not in json.loads((ws / "2025.json").read_text(encoding="utf-8"))["org"]


def test_two_reports_open_at_once_keep_each_others_changes(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    adopt_profile(ws)
    fazhi, gongkai = load_answers(ws / "2025.json"), load_answers(ws / "gongkai-2025.json")
    fazhi.org.telephone = CONTACT["telephone"]
    save_answers(ws / "2025.json", fazhi)
    gongkai.org.address = CONTACT["address"]
    save_answers(ws / "gongkai-2025.json", gongkai)  # read before the telephone was typed: it must not undo it
    save_answers(ws / "2025.json", fazhi)  # nor this one the address
    org = load_answers(ws / "2024.json").org
    assert (org.telephone, org.address) == (CONTACT["telephone"], CONTACT["address"])


def test_a_report_made_in_the_workspace_fills_the_profile_and_changes_nothing_it_holds(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    adopt_profile(ws)
    issuers = load_answers(ws / "2025.json").org.issuers
    fresh = Answers.model_validate({"org": {"name": "青禾镇", "telephone": CONTACT["telephone"], "issuers": ["甲"]},
                                    "year": 2026})
    save_answers(ws / "2026.json", fresh)
    org = load_answers(ws / "2026.json").org
    assert org.issuers == issuers and org.telephone == CONTACT["telephone"]


def test_a_blank_report_of_another_type_created_in_an_old_workspace_gets_the_organisation(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    assert not (ws / PROFILE_NAME).exists()
    path = workspace.create(ws, workspace.blank("青禾镇", 2026, "gongkai"))  # as the start screen's N does
    assert (ws / PROFILE_NAME).is_file()
    org, newest = load_answers(path).org, load_answers(ws / "2025.json").org
    assert (org.county, org.party_organ, org.issuers) == (newest.county, newest.party_organ, newest.issuers)
    assert org.county and org.issuers


def test_a_file_taken_out_of_the_workspace_still_names_its_township(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    adopt_profile(ws)
    alone = tmp_path / "alone.json"
    shutil.copy(ws / "2025.json", alone)
    assert load_answers(alone).org.name == "青禾镇"


def test_a_damaged_profile_is_one_line_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = _workspace(tmp_path)
    adopt_profile(ws)
    (ws / PROFILE_NAME).write_text('{"name": "青禾镇", "postcode": "12"}', encoding="utf-8")
    with pytest.raises(InputError, match="postcode"):
        load_answers(ws / "2025.json")
    out = tmp_path / "r.docx"
    assert main(["--lang", "en", "render", str(ws / "2025.json"), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert PROFILE_NAME in err and len(err.splitlines()) == 1 and not out.exists()


def test_the_survey_does_not_take_the_profile_for_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = _workspace(tmp_path)
    adopt_profile(ws)
    assert main(["--lang", "en", "survey", str(ws), "-o", str(tmp_path / "s.json")]) == 0
    reports = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["reports"]
    assert len(reports) == len(answers_files(ws)) and all(r["readable"] for r in reports)


def test_a_folder_without_reports_gets_no_profile(tmp_path: Path) -> None:
    assert not adopt_profile(tmp_path)
    assert not (tmp_path / PROFILE_NAME).exists()
