"""A pack says who signs its reports (``signed_by``): organs, or a person with a post and name. A copy of the
法治政府建设 pack made to be signed by a person is composed, checked, typeset and imported as such, with no code
naming it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from drafter.checks import check_answers
from drafter.cli import main
from drafter.compose import Kind, compose
from drafter.errors import InputError
from drafter.importer import import_file
from drafter.locations import templates_dir
from drafter.model import Answers
from drafter.pack import Pack, load_pack
from drafter.store import load_answers, save_answers
from drafter.typeset.docx import render_docx
from tests.conftest import EXAMPLES

SIGNER = "青禾镇党委书记 林晓峰"


@pytest.fixture(scope="module")
def by_person(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    folder = tmp_path_factory.mktemp("pack") / "person"
    shutil.copytree(templates_dir() / "fazhi-zhengfu", folder)
    toml = folder / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("\nchange_warning", '\nsigned_by = "person"\nchange_warning'), encoding="utf-8")
    imports = folder / "import.toml"
    posts = '\nsigner_posts = ["党委书记", "镇长"]\n'
    imports.write_text(imports.read_text(encoding="utf-8") + posts, encoding="utf-8")
    pack = load_pack(override=folder)
    assert pack.spec.signed_by == "person"
    return pack


def _answers(**org: Any) -> Answers:
    data = load_answers(EXAMPLES / "2025.json").model_dump(mode="json")
    data["org"].update(org)
    return Answers.model_validate(data)


def test_a_person_signs_with_post_and_name_and_there_is_no_masthead(by_person: Pack) -> None:
    doc = compose(_answers(signatories=[SIGNER]), by_person)
    assert [b.text for b in doc.blocks if b.kind is Kind.SIGNATURE] == [SIGNER]
    assert doc.masthead is None and doc.signed_by == "person"
    organs = compose(_answers(), load_pack())
    assert [b.text for b in organs.blocks if b.kind is Kind.SIGNATURE] == ["中共青禾镇委员会", "青禾镇人民政府"]


def test_no_signer_is_not_made_up_from_the_organs_and_the_check_asks_for_one(by_person: Pack) -> None:
    answers = _answers(signatories=[])
    assert not [b for b in compose(answers, by_person).blocks if b.kind is Kind.SIGNATURE]
    missing = [f.message for f in check_answers(answers, by_person) if f.rule == "structure.missing-signature"]
    assert missing == ["the report is not signed by its author"]


def test_a_report_signed_by_a_person_has_no_submission_copy(by_person: Pack, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.docx"
    with pytest.raises(InputError, match="signed by a person has no submission copy"):
        render_docx(compose(_answers(signatories=[SIGNER]), by_person), by_person.style, out, copy="submission")
    assert not out.exists()
    source = tmp_path / "answers.json"
    save_answers(source, _answers(signatories=[SIGNER]))
    pack_dir = Path(by_person.folders[0])
    assert main(["--lang", "en", "render", str(source), "--pack", str(pack_dir), "--copy", "submission",
                 "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "signed by a person has no submission copy" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_the_signers_line_is_read_back_with_its_township(by_person: Pack, tmp_path: Path) -> None:
    answers = _answers(signatories=[SIGNER], party_organ="", government_organ="")
    docx = tmp_path / "report.docx"
    render_docx(compose(answers, by_person), by_person.style, docx)
    result = import_file(docx, pack=by_person)
    assert result.answers.org.signatories == [SIGNER]
    assert result.answers.org.name == "青禾镇"
    assert not result.unrecognised
