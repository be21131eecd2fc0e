"""The figures home: the one rounding rule, numbers read and formatted, the prose scanner, live references."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.figures import (
    Values,
    catalogue,
    fix_text,
    from_editor,
    rate_text,
    reference,
    render,
    scan,
    to_editor,
)
from drafter.figures.live import rendered
from drafter.migrations import escape_literal
from drafter.numerals import read_number
from drafter.pack import load_pack


@pytest.fixture(scope="module")
def values() -> Values:
    return Values(catalogue(load_pack()), {"disputes_investigated": 16, "disputes_resolved": 1})


def test_one_rounding_rule_is_half_up_as_clerks_compute() -> None:
    cat = catalogue(load_pack())
    assert cat.rounding == "half-up"
    assert rate_text(1, 16, 1) == "6.3%"  # 6.25 → 6.3 (四舍五入), never 6.2
    assert rate_text(80, 86, 1) == "93.0%"
    assert rate_text(1, 3, 2) == "33.33%"
    assert rate_text(5, 0, 1) is None


def test_form_value_of_a_rate_uses_the_packs_precision(values: Values) -> None:
    assert values.text("dispute_success_rate") == "6.3%"
    assert values.text("disputes_investigated") == "16"
    assert values.text("petitions") == "【  】"


@pytest.mark.parametrize(("text", "value"), [
    ("120", 120), ("一百二十", 120), ("两千", 2000), ("1.5万", 15000), ("二〇二五", 2025), ("十二", 12), ("１２", 12),
])
def test_numbers_are_read_in_arabic_and_chinese_numerals(text: str, value: int) -> None:
    assert read_number(text) == Decimal(value)


def test_not_a_number() -> None:
    assert read_number("") is None and read_number("法治") is None


def test_numbers_are_matched_whole() -> None:
    cat = catalogue(load_pack())
    found = scan("开展普法活动11场次，发放宣传资料1份，受理信访事项一百二十件……办结110件", cat)
    assert [(m.value, m.unit, m.key) for m in found] == [
        (11, "场次", "publicity_events"), (1, "份", "leaflets"), (120, "件", "petitions"),
        (110, "件", "petitions_closed")]
    assert not [m for m in scan("全年共11件", cat) if m.value == 1]


def test_approximate_counts_are_not_exact() -> None:
    cat = catalogue(load_pack())
    assert [m.exact for m in scan("排查矛盾纠纷120余件，约30件，50件以上，40件", cat)] == [False, False, False, True]


def test_live_reference_renders_the_current_value(values: Values) -> None:
    stored = f"全年排查矛盾纠纷{reference('disputes_investigated')}件，调处成功率{reference('dispute_success_rate')}。"
    assert render(stored, values) == "全年排查矛盾纠纷16件，调处成功率6.3%。"
    assert render("literal {{ fig.x }} and {% if %} stay", values) == "literal {{ fig.x }} and {% if %} stay"


def test_editor_shows_live_figures_marked_and_reads_them_back(values: Values) -> None:
    stored = f"排查矛盾纠纷{reference('disputes_investigated')}件，信访{reference('petitions')}件"
    shown = to_editor(stored, values)
    assert shown == "排查矛盾纠纷⟦排查矛盾纠纷=16⟧件，信访⟦受理信访事项=【  】⟧件"
    assert from_editor(shown, values.catalogue) == stored
    # typed by the clerk: a label in double brackets becomes live; an unknown label or a broken mark stays literal
    assert from_editor("共[[调处成功]]件，[[无此项]]，⟦调处成功", values.catalogue) == \
        f"共{reference('disputes_resolved')}件，[[无此项]]，⟦调处成功"


def test_old_literal_text_that_looks_like_a_reference_stays_literal(values: Values) -> None:
    assert render(escape_literal("见[[fig:petitions]]"), values) == "见[[fig:petitions]]"


def test_rendered_spans_map_back_to_the_stored_text(values: Values) -> None:
    stored = f"{reference('disputes_investigated')}件，调处成功148件"
    shown = rendered(stored, values)
    assert shown.text == "16件，调处成功148件"
    at = shown.text.index("148")
    span = shown.to_stored(at, at + 3)
    assert span is not None and stored[span[0]:span[1]] == "148"
    assert shown.to_stored(0, 2) is None  # inside the live figure


def test_fix_makes_contradicting_figures_live(values: Values) -> None:
    text, fixed = fix_text("全年排查矛盾纠纷152件，调处成功148件，调处成功率97.4%。", values)
    assert text == (f"全年排查矛盾纠纷{reference('disputes_investigated')}件，"
                    f"调处成功{reference('disputes_resolved')}件，调处成功率{reference('dispute_success_rate')}。")
    assert [m.expected for m in fixed] == ["16", "1", "6.3%"]
    assert render(text, values) == "全年排查矛盾纠纷16件，调处成功1件，调处成功率6.3%。"


def test_fix_corrects_a_rate_against_its_counts_when_the_form_is_empty() -> None:
    empty = Values(catalogue(load_pack()), {})
    text, fixed = fix_text("排查纠纷16件，化解1件，调处成功率6.2%。", empty)
    assert text == "排查纠纷16件，化解1件，调处成功率6.3%。" and len(fixed) == 1
    assert fix_text("排查纠纷16件，化解1件，调处成功率6.3%。", empty)[1] == []  # correctly rounded: untouched


def test_changes_from_last_year_use_the_same_rounding() -> None:
    from drafter.figures import change_text

    assert change_text(16, 17) == "+6.3%" and change_text(16, 15) == "-6.3%"
    assert change_text(10, 10) == "0.0%" and change_text(0, 5) is None and change_text(None, 5) is None


def test_compare_prints_changes_with_the_one_rounding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from drafter.cli import main
    from tests.factories import answers_dict

    old, new = tmp_path / "2024.json", tmp_path / "2025.json"
    old.write_text(json.dumps(answers_dict(year=2024, figures={"petitions": {"value": 16}})), encoding="utf-8")
    new.write_text(json.dumps(answers_dict(year=2025, figures={"petitions": {"value": 17}})), encoding="utf-8")
    assert main(["compare", str(old), str(new)]) == 0
    assert "+6.3%" in capsys.readouterr().out
