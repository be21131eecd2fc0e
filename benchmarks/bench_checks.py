"""All checks on a 20,000-character report, against one pass of one compiled regex over the same text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.harness import ROOT, Result, judged, median_ms, size

CLEAN = ROOT / "tests" / "data" / "checks" / "clean_2025.json"
TARGET_CHARS = 20_000
GOAL_MS = 50.0


def big_report(path: Path = CLEAN, target: int = TARGET_CHARS) -> dict[str, Any]:
    """The clean report with its measures repeated (figures varied so paragraphs differ) to ``target`` chars."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    items = data["sections"]["measures"]["items"]
    base = json.dumps(items, ensure_ascii=False)
    round_ = 0
    while _chars(data) < target:
        round_ += 1
        copy = json.loads(re.sub(r"(\d+)(次|件|名|份|场次|人次)", _shift(round_), base))
        items.append({"heading": f"第{round_}批重点工作", "items": copy})
    return data


def _shift(by: int) -> Callable[[re.Match[str]], str]:
    return lambda m: f"{int(m.group(1)) + by}{m.group(2)}"


def _chars(data: dict[str, Any]) -> int:
    from drafter.model import Answers

    answers = Answers.model_validate(data)
    return sum(len(p.text) for _key, section in answers.section_items() for p in section.all_paragraphs())


def run() -> list[Result]:
    from drafter.checks import check_answers
    from drafter.compose import compose
    from drafter.figures.scan import _scan
    from drafter.model import Answers
    from drafter.pack import load_pack

    pack = load_pack()
    answers = Answers.model_validate(big_report(target=size(TARGET_CHARS, 2_000)))
    text = compose(answers, pack).text()
    check_answers(answers, pack)  # compile the pack's patterns once, as a running program has

    def cold() -> None:  # every paragraph read afresh: the prose scanner's cache of read paragraphs is emptied
        _scan.cache_clear()
        check_answers(answers, pack)

    ours = median_ms(cold, repeat=20)
    regex = re.compile(r"(?<!\d)(20\d{2})年")
    baseline = median_ms(lambda: regex.findall(text), repeat=50)
    return [Result(
        name=f"all checks, {len(text):,}-character report",
        ours=ours,
        unit="ms",
        baseline_name="one regex, one pass",
        baseline=baseline,
        goal=f"≤ {GOAL_MS:.0f} ms",
        met=judged(ours <= GOAL_MS),
    ), _with_other_report(answers, ours)]


def _with_other_report(answers: Any, alone: float) -> Result:
    """``drafter check`` of the big report as an answers file with the 政府信息公开 report of its year beside it
    (issue 26): the same checks, and the other report read, composed and compared."""
    import tempfile

    from drafter.checks.source import check_source, load_source
    from drafter.figures.scan import _scan
    from drafter.store import save_answers

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{answers.year}.json"
        save_answers(path, answers)
        other = json.loads((ROOT / "examples" / "qinghe" / "gongkai-2025.json").read_text(encoding="utf-8"))
        other["year"] = answers.year
        (Path(folder) / f"gongkai-{answers.year}.json").write_text(json.dumps(other, ensure_ascii=False),
                                                                 encoding="utf-8")
        source = load_source(path)
        check_source(source)

        def cold() -> None:
            _scan.cache_clear()
            check_source(source)

        ours = median_ms(cold, repeat=20)
    return Result(
        name="the same, an answers file with the other report of its year beside it",
        ours=ours,
        unit="ms",
        baseline_name="the checks alone",
        baseline=alone,
        goal=f"≤ {GOAL_MS:.0f} ms",
        met=judged(ours <= GOAL_MS),
    )
