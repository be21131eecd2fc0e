"""The public copy (``drafter publish``) and the publication checks it runs (also warnings in ``drafter check``)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafter.checks import check_answers
from drafter.cli import main
from drafter.pack import load_pack
from drafter.store import load_answers
from tests.conftest import EXAMPLES, pdf_pages

# Fictional numbers with valid checksums (GB 11643 for the ID, Luhn for the card); never real people's data.
ID_NUMBER = "11010519491231002X"
CARD = "6222 0200 0000 0000 000"  # 19 digits, Luhn-valid
MOBILE = "139-1234-5678"


def _planted(tmp_path: Path, text: str, **dispatch: str) -> Path:
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    data["sections"]["measures"]["items"][0]["paragraphs"].append({"text": text})
    if dispatch:
        data["dispatch"] = {**data.get("dispatch", {}), **dispatch}
    path = tmp_path / "2025.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.styles += [v or "" for k, v in attrs if k == "style"]


def test_publish_writes_fragment_page_and_pdf_without_masthead_or_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "web"
    assert main(["publish", str(EXAMPLES / "2025.json"), "-o", str(out)]) == 0
    fragment = (out / "2025.html").read_text(encoding="utf-8")
    page = (out / "2025.page.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(fragment)
    assert set(parser.tags) <= {"h1", "h2", "h3", "h4", "h5", "p", "strong", "table", "tr", "td"}
    assert parser.tags[0] == "h1" and parser.tags.count("h1") == 1
    assert set(parser.styles) == {"text-align: right"}  # only the signature and date lines
    assert "<h2>一、2025年度推进法治政府建设的主要举措和成效</h2>" in fragment
    assert "县委、县政府：" in fragment  # full-width punctuation kept
    assert '<p style="text-align: right">2026年1月20日</p>' in fragment
    for absent in ("签发人", "青禾发〔", "抄送", "印发"):
        assert absent not in fragment.replace("印发年度", "").replace("印发的", "")
    assert page.startswith("<!DOCTYPE html>") and fragment in page and "<title>" in page
    pdf_text = "".join(pdf_pages(out / "2025.pdf"))
    assert "特此报告" in pdf_text and "签发人" not in pdf_text and "抄送" not in pdf_text
    assert "Written:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("planted", "rule"),
    [(f"联系人手机{MOBILE}。", "privacy.mobile"), (f"当事人身份证号{ID_NUMBER}。", "privacy.id_number"),
     (f"补偿款打入账户{CARD}。", "privacy.bank_card"),
     # written oddly: full-width digits, country prefixes, separators and a line break inside the number
     ("联系人手机１３９１２３４５６７８。", "privacy.mobile"),  # full-width digits
     ("联系人手机+86 139 1234 5678。", "privacy.mobile"), ("联系人手机8613912345678。", "privacy.mobile"),
     ("联系人手机＋８６－１３９１２３４５６７８。", "privacy.mobile"),
     ("当事人身份证号110105 19491231 002X。", "privacy.id_number"),  # spaces inside
     ("当事人身份证号１１０１０５１９４９１２３１００２Ｘ。", "privacy.id_number"),
     ("当事人身份证号11010519491\n231002X，已核实。", "privacy.id_number")],  # a line break inside the paragraph
)
def test_personal_data_stops_publication_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], planted: str, rule: str
) -> None:
    out = tmp_path / "web"
    assert main(["publish", str(_planted(tmp_path, planted)), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert f"({rule})" in printed and "Nothing was written" in printed
    assert not out.exists()


def test_a_number_broken_over_two_lines_is_quoted_on_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _planted(tmp_path, "当事人身份证号11010519491\n231002X，已核实。")
    assert main(["check", str(path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "(privacy.id_number)" in x)
    assert line.startswith("  [warning] “11010519491 231002X” a resident ID number (110***********002X)")


@pytest.mark.parametrize("planted", ["全年投入资金13800000000 元。", "累计投入１３９００００００００元。",
                                     "惠及群众13912345678余人次。", "奖补资金8613912345678万元。"])
def test_a_sum_or_count_with_its_unit_is_no_phone_number(tmp_path: Path, planted: str) -> None:
    found = [f.rule for f in check_answers(load_answers(_planted(tmp_path, planted)), load_pack())]
    assert not [r for r in found if r.startswith(("privacy.", "secret."))]


def test_a_budget_is_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "web"
    path = _planted(tmp_path, "全年投入资金13800000000元，用于法治宣传阵地建设。")
    assert main(["publish", str(path), "-o", str(out)]) == 0, capsys.readouterr().out
    assert "13800000000元" in (out / "2025.html").read_text(encoding="utf-8")


def test_force_publishes_over_personal_data_but_never_over_a_secrecy_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "web"
    marked = _planted(tmp_path, f"联系人手机{MOBILE}。", secrecy="秘密★1年")
    assert main(["publish", str(marked), "-o", str(out), "--force"]) == 1
    printed = capsys.readouterr().out
    assert "(secret.marked)" in printed and "--force does not change that" in printed
    assert not out.exists()
    (tmp_path / "w").mkdir()
    written = _planted(tmp_path / "w", "本文件为机密★1年。")  # a 密级 written in the text, none set
    assert main(["publish", str(written), "-o", str(out), "--force"]) == 1
    assert "(secret.marked)" in capsys.readouterr().out
    assert not out.exists()


def test_office_landlines_and_addresses_are_fine(tmp_path: Path) -> None:
    path = _planted(tmp_path, "镇司法所地址：青禾镇建设路18号，电话0571-86012345，邮编311000。")
    found = [f.rule for f in check_answers(load_answers(path), load_pack())]
    assert not [r for r in found if r.startswith(("privacy.", "secret."))]


def test_check_reports_the_same_findings_as_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _planted(tmp_path, f"联系人手机{MOBILE}，身份证号{ID_NUMBER}，卡号{CARD}。")
    findings = check_answers(load_answers(path), load_pack())
    mine = {f.rule: f for f in findings if f.rule.startswith("privacy.")}
    assert set(mine) == {"privacy.mobile", "privacy.id_number", "privacy.bank_card"}
    assert {str(f.severity) for f in mine.values()} == {"warning"}
    assert mine["privacy.mobile"].excerpt == MOBILE  # quoted as written, separators and all
    assert mine["privacy.id_number"].excerpt == ID_NUMBER and mine["privacy.id_number"].section == "measures"
    assert ID_NUMBER not in mine["privacy.id_number"].message  # the message does not repeat the number
    main(["check", str(path)])
    assert "(privacy.mobile)" in capsys.readouterr().out


def test_an_id_with_a_wrong_checksum_is_not_reported(tmp_path: Path) -> None:
    wrong = ID_NUMBER[:-1] + "5"
    path = _planted(tmp_path, f"档案编号{wrong}。")
    rules = [f.rule for f in check_answers(load_answers(path), load_pack())]
    assert "privacy.id_number" not in rules
    assert re.fullmatch(r"\d{17}[\dX]", wrong)


def test_run_in_and_standalone_level_two_headings_look_the_same_in_the_public_page(tmp_path: Path) -> None:
    """As in the .docx (楷体 for both), the browser shows a run-in level-2 heading as a level-2 heading on a line of
    its own: same face, weight and size, not bold 仿宋."""
    from playwright.sync_api import sync_playwright

    from drafter.compose import compose
    from drafter.typeset import html
    from tests.conftest import require

    exe = require("chromium")
    answers = load_answers(EXAMPLES / "2025.json")
    page_path = tmp_path / "2025.page.html"
    page_path.write_text(html.standalone(compose(answers, load_pack())), encoding="utf-8")
    look = "e => [getComputedStyle(e).fontFamily, getComputedStyle(e).fontWeight, getComputedStyle(e).fontSize]"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"],
                                             headless=True)
        try:
            page = browser.new_page()
            page.goto(page_path.as_uri())
            standalone = page.locator("h3").first
            run_in = page.locator("p > strong", has_text="（一）").first  # 一、's first item is run in
            assert standalone.count() == 1 and run_in.count() == 1
            assert run_in.evaluate(look) == standalone.evaluate(look)
            assert "KaiTi" in standalone.evaluate(look)[0]
        finally:
            browser.close()
