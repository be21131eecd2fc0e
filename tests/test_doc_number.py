"""发文字号 format rules and the dispatch data of the answers (carried forward by ``drafter new``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from pydantic import ValidationError

from drafter.cli import main
from drafter.doc_number import SERIAL_MAX, doc_number_problems, format_doc_number, issue_year
from drafter.model import Dispatch, Organisation
from drafter.reuse import carry_forward
from drafter.store import load_answers, save_answers
from tests.conftest import EXAMPLES


def test_number_has_hexagonal_brackets_full_year_no_di_no_leading_zero() -> None:
    assert format_doc_number("青禾发", 2026, 3) == "青禾发〔2026〕3号"
    assert format_doc_number(" 青禾发 ", 2026, 12) == "青禾发〔2026〕12号"
    assert doc_number_problems("青禾发〔2026〕3号") == []


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("青禾发[2026]3号", "六角括号"),
        ("青禾发（2026）3号", "六角括号"),
        ("青禾发〔26〕3号", "in full"),
        ("青禾发〔2026〕第3号", "第"),
        ("青禾发〔2026〕03号", "leading zeros"),
        ("青禾发2026年3号", "reads like"),
    ],
)
def test_typed_numbers_with_wrong_form_are_named(typed: str, problem: str) -> None:
    problems = doc_number_problems(typed)
    assert problems and any(problem in p for p in problems), problems


@pytest.mark.parametrize(("prefix", "year", "serial"), [("青禾发〔", 2026, 1), ("青禾发第", 2026, 1),
                                                         ("青禾2发", 2026, 1), ("青禾发", 26, 1), ("青禾发", 2026, 0)])
def test_format_refuses_what_would_print_wrong(prefix: str, year: int, serial: int) -> None:
    with pytest.raises(ValueError):
        format_doc_number(prefix, year, serial)


def test_answers_refuse_a_bad_prefix_copy_number_and_secrecy() -> None:
    with pytest.raises(ValidationError, match="brackets"):
        Organisation(name="青禾镇", number_prefix="青禾发〔")
    with pytest.raises(ValidationError):
        Dispatch(copy_number="12345")
    with pytest.raises(ValidationError):
        Dispatch(secrecy="内部")
    assert Dispatch(copy_number="000123", secrecy="秘密★1年", urgency="加急").copy_number == "000123"


def test_issue_year_is_the_date_year_else_the_year_after() -> None:
    assert issue_year(2025, 2026) == 2026
    assert issue_year(2025, None) == 2026


def test_new_year_keeps_names_and_advances_the_number(example_2025: Path) -> None:
    last = load_answers(example_2025)
    last.dispatch.copy_number = "000007"
    new = carry_forward(last)
    assert new.org.issuers == last.org.issuers == ["林晓峰", "周建国"]
    assert new.org.copy_to == last.org.copy_to and new.org.printing_organ == last.org.printing_organ
    assert new.org.number_prefix == "青禾发"
    assert new.dispatch.serial == last.dispatch.serial
    assert new.dispatch.copy_number == "" and new.dispatch.print_date is None
    assert last.date is not None
    # the year in 〔〕 moves on with the report: 2026 for the 2025 report, 2027 for the 2026 one
    assert issue_year(last.year, last.date.year) == 2026
    assert issue_year(new.year, None) == 2027


def test_drafter_new_then_submission_copy_numbers_the_next_year(tmp_path: Path) -> None:
    new = tmp_path / "2026.json"
    assert main(["new", "--from", str(EXAMPLES / "2025.json"), "-o", str(new)]) == 0
    answers = load_answers(new)
    assert answers.org.issuers == ["林晓峰", "周建国"] and answers.dispatch.serial == 3
    answers.date = dt.date(2027, 1, 18)
    save_answers(new, answers)
    out = tmp_path / "2026.docx"
    assert main(["render", str(new), "--copy", "submission", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    assert "青禾发〔2027〕3号" in "\n".join(p.text for p in document.paragraphs)
    record = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "2027年1月18日印发" in record  # the 印发日期 was cleared, so the new report's date is used


def _edited(tmp_path: Path, **changes: object) -> Path:
    """The 2025 example with top-level or ``dispatch.`` fields changed (None removes one)."""
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    for key, value in changes.items():
        where, name = (data["dispatch"], key.removeprefix("dispatch_")) if key.startswith("dispatch_") else (data, key)
        if value is None:
            where.pop(name, None)
        else:
            where[name] = value
    path = tmp_path / "2025.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_submission_copy_without_its_date_is_refused_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, date=None)  # the 印发日期 is still there: it does not date the 公文
    out = tmp_path / "sealed.docx"
    assert main(["--lang", "en", "render", str(path), "--copy", "submission", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}: the submission copy needs the 成文日期 (date)" in err
    assert not out.exists()


def test_a_serial_beyond_any_organs_count_is_refused_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, dispatch_serial=10**30)
    out = tmp_path / "sealed.docx"
    assert main(["--lang", "en", "render", str(path), "--copy", "submission", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "dispatch.serial" in err and str(SERIAL_MAX) in err
    assert not out.exists()
    with pytest.raises(ValidationError):
        Dispatch(serial=SERIAL_MAX + 1)
    assert Dispatch(serial=SERIAL_MAX).serial == SERIAL_MAX
    with pytest.raises(ValueError, match="at most"):
        format_doc_number("青禾发", 2026, 10**30)
    assert doc_number_problems("青禾发〔2026〕" + "1" + "0" * 30 + "号") == [
        f"the serial number of a 发文字号 is at most {SERIAL_MAX}"]


def test_check_warns_on_a_date_in_an_unusual_year_and_printing_before_signing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def dated(path: Path) -> list[tuple[str, str, str]]:
        assert main(["--lang", "en", "check", str(path), "--format", "json"]) == 0  # warnings, not errors
        found = json.loads(capsys.readouterr().out)["findings"]
        return [(f["rule"], f["severity"], f["excerpt"]) for f in found if f["rule"].startswith("date.")]

    assert dated(EXAMPLES / "2025.json") == []  # dated 2026年1月20日, printed the same day
    assert dated(_edited(tmp_path, date="2027-03-01", dispatch_print_date="2027-02-01")) == [
        ("date.year", "warning", "2027年3月1日"), ("date.printed-before", "warning", "2027年2月1日")]
    assert dated(_edited(tmp_path, date="2026-01-20", dispatch_print_date="2026-01-19")) == [
        ("date.printed-before", "warning", "2026年1月19日")]
    assert dated(_edited(tmp_path, date="2025-12-30", dispatch_print_date=None)) == []  # a year-end report
    assert dated(_edited(tmp_path, date="2025-06-30", dispatch_print_date=None)) == [
        ("date.year", "warning", "2025年6月30日")]
