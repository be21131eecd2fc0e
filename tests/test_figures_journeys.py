"""Issue 12's five cases at the clerk's level: ``drafter check`` and ``drafter render`` on answers files (the
editor's side is in tests/test_tui.py, the preview against the .docx in tests/test_preview_equals_document.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest

from drafter.cli import main
from drafter.i18n import set_language
from drafter.typeset.ooxml import ZERO_WIDTH_SPACE
from tests.conftest import EXAMPLES


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def example(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    path = tmp_path / "2025.json"
    shutil.copy(EXAMPLES / "2025.json", path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return path, data


def save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def freeze(data: dict[str, Any], values: dict[str, str]) -> None:
    """Write the named live figures as literal text, as a snippet inserted by an older drafter left them."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str):
            return re.sub(r"\[\[fig:([a-z_]+)\]\]", lambda m: values.get(m.group(1), m.group(0)), node)
        return node

    data["sections"] = walk(data["sections"])


def frozen_example(tmp_path: Path, frozen: dict[str, str], typed: dict[str, int]) -> Path:
    """The example with the ``frozen`` live figures written as literal text and the ``typed`` figures changed."""
    path, data = example(tmp_path)
    freeze(data, frozen)
    for key, value in typed.items():
        data["figures"][key]["value"] = value
    save(path, data)
    return path


def check(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", str(path), "--format", "json", *extra])
    out = capsys.readouterr().out
    found: list[dict[str, Any]] = json.loads(out[out.index("{"):])["findings"]
    return code, found


def mismatches(findings: list[dict[str, Any]]) -> list[str]:
    return [f["excerpt"] for f in findings if f["rule"] == "figure.mismatch"]


def render(path: Path, tmp_path: Path) -> str:
    out = tmp_path / "out.docx"
    assert main(["render", str(path), "-o", str(out)]) == 0
    # as the clerk reads it: without the zero-width break the typesetter puts after a mark before digits
    return "\n".join(p.text for p in docx.Document(str(out)).paragraphs).replace(ZERO_WIDTH_SPACE, "")


def test_case1_live_figures_follow_the_form_into_the_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, data = example(tmp_path)
    data["figures"]["disputes_investigated"]["value"] = 16
    data["figures"]["disputes_resolved"]["value"] = 1
    save(path, data)
    text = render(path, tmp_path)
    assert "全年排查矛盾纠纷16件" in text and "调处成功1件，调处成功率6.3%" in text
    assert "152件" not in text and "97.4%" not in text
    _code, findings = check(capsys, path)
    assert mismatches(findings) == []  # live figures never contradict the form


def test_case1_frozen_figures_are_found_and_fixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sentence holding the old values as literal text (inserted before figures were live) is caught, and
    ``--fix`` turns them into live figures."""
    path = frozen_example(
        tmp_path, {"disputes_investigated": "152", "disputes_resolved": "148", "dispute_success_rate": "97.4%"},
        {"disputes_investigated": 16, "disputes_resolved": 1})
    code, findings = check(capsys, path)
    assert code == 1
    assert mismatches(findings) == ["全年排查矛盾纠纷152件", "调处成功148件", "调处成功率97.4%"]
    said = {f["excerpt"]: f for f in findings if f["rule"] == "figure.mismatch"}
    assert "16件" in said["全年排查矛盾纠纷152件"]["message"] and "6.3%" in said["调处成功率97.4%"]["message"]
    assert main(["check", str(path), "--fix"]) in (0, 1)
    capsys.readouterr()
    path = path.with_name(path.stem + ".fixed.json")  # --fix writes beside the checked file, never over it
    stored = path.read_text(encoding="utf-8")
    assert "全年排查矛盾纠纷[[fig:disputes_investigated]]件" in stored
    _code, findings = check(capsys, path)
    assert mismatches(findings) == []
    text = render(path, tmp_path)
    assert "全年排查矛盾纠纷16件" in text and "调处成功1件，调处成功率6.3%" in text


def test_case2_one_rounding_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """1 of 16 is 6.25%: the form prints 6.3% (四舍五入), the check asks for 6.3% and never flags 6.3%."""
    path, data = example(tmp_path)
    data["figures"]["disputes_investigated"]["value"] = 16
    data["figures"]["disputes_resolved"]["value"] = 1
    freeze(data, {"disputes_investigated": "16", "disputes_resolved": "1", "dispute_success_rate": "6.3%"})
    save(path, data)
    _code, findings = check(capsys, path)
    assert mismatches(findings) == []
    freeze(data, {})
    data["sections"]["measures"]["items"][5]["paragraphs"][0]["text"] = \
        "全年排查矛盾纠纷16件，调处成功1件，调处成功率6.2%。"
    save(path, data)
    _code, findings = check(capsys, path)
    wrong = [f for f in findings if f["rule"] == "figure.mismatch"]
    assert [f["excerpt"] for f in wrong] == ["调处成功率6.2%"]
    assert "6.3%" in wrong[0]["suggestion"] and "6.2%" not in wrong[0]["suggestion"]


def test_case3_numbers_are_matched_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The form says 1 lawsuit: prose saying 11 is a contradiction, not a mention of 1."""
    path = frozen_example(tmp_path, {"lawsuits": "11"}, {"lawsuits": 1})
    _code, findings = check(capsys, path)
    wrong = [f for f in findings if f["rule"] == "figure.mismatch"]
    assert [f["excerpt"] for f in wrong] == ["行政诉讼案件11件"]
    assert "11件" in wrong[0]["message"] and "1件" in wrong[0]["message"]
    path = frozen_example(tmp_path, {"lawsuits": "1"}, {"lawsuits": 1})
    assert mismatches(check(capsys, path)[1]) == []


def test_case4_typed_figures_against_prose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = frozen_example(tmp_path, {"petitions": "120", "petitions_closed": "110", "petition_closure_rate": "91.7%"},
                          {"petitions": 125, "petitions_closed": 118})
    assert "受理信访事项120件，办结110件" in path.read_text(encoding="utf-8")
    code, findings = check(capsys, path)
    assert code == 1
    assert mismatches(findings) == ["全年受理信访事项120件", "办结110件", "办结率91.7%"]
    assert main(["check", str(path), "--fix"]) in (0, 1)
    capsys.readouterr()
    text = render(path.with_name(path.stem + ".fixed.json"), tmp_path)
    assert "受理信访事项125件，办结118件，办结率94.4%" in text


def test_prose_only_report_is_checked_within_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .txt with no answers: only what the prose says about itself (a rate against its counts)."""
    source = tmp_path / "report.txt"
    source.write_text(
        "青禾镇人民政府关于2025年法治政府建设情况的报告\n县委、县政府：\n一、主要举措和成效\n"
        "全年排查矛盾纠纷16件，调处成功1件，调处成功率6.2%。全年受理信访事项21件，办结20件，办结率95.2%。\n"
        "二、存在的不足和原因\n普法形式单一，原因是力量不足。\n三、下一年度安排\n深化普法宣传。\n"
        "青禾镇人民政府\n2026年1月8日\n", encoding="utf-8")
    _code, findings = check(capsys, source)
    assert mismatches(findings) == ["调处成功率6.2%"]


def test_clerk_text_is_never_a_template(tmp_path: Path) -> None:
    """``{{`` and ``{%`` typed in a part reach the .docx as written; only the figures package's own reference
    syntax is live."""
    path, data = example(tmp_path)
    typed = "模板符号{{ fig.petitions }}和{% if x %}原样保留，[[fig:petitions]]件。"
    data["sections"]["measures"]["intro"] = [{"text": typed}]
    save(path, data)
    text = render(path, tmp_path)
    assert "模板符号{{ fig.petitions }}和{% if x %}原样保留，21件。" in text
