"""``drafter survey`` of 100 ten-page Word reports, against checking them one ``drafter check`` process at a time.

The reports are rendered here, in a temporary folder, from the bundled example grown to about ten GB/T 9704 pages
(22 lines of 28 characters a page) with its figures shifted and the township renamed in each copy, so that no
two files are the same. Ours: one ``python -m drafter survey FOLDER -o survey.xlsx`` (every core). Baseline: what a
reviewer does without it, ``python -m drafter check FILE --format json`` for each file, one after another.
Each is run once (the machine is shared): the ratio is what matters.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.bench_checks import _chars, big_report
from benchmarks.harness import EXAMPLE, PYTHON, ROOT, Result, judged, size

REPORTS = 100
"""Reports surveyed (a few in quick mode)."""
PAGE_CHARS = 22 * 28
TARGET_CHARS = 4_900
"""Characters of paragraph text; with the headings, title and signature LibreOffice lays it out on ten pages."""


STEMS = "甲乙丙丁戊己庚辛壬癸"
"""Characters that tell the made-up townships apart: their names (and the 发文字号 prefix made from them) may hold
no digits."""


def township(n: int) -> str:
    """The ``n``-th made-up township's distinguishing characters: 甲甲甲, 甲甲乙 …"""
    return "".join(STEMS[int(digit)] for digit in f"{n:03d}")


def make_reports(folder: Path, n: int = REPORTS) -> list[Path]:
    """``n`` different ten-page .docx reports rendered from the example into ``folder``."""
    from drafter.model import Answers
    from drafter.pack import load_pack
    from drafter.pipeline import render_answers

    pack = load_pack()
    grown = big_report(EXAMPLE, TARGET_CHARS)
    last = grown["sections"]["measures"]["items"][-1]["items"]  # the example grows by whole copies: trim the last
    while len(last) > 1 and _chars(grown) > TARGET_CHARS:
        last.pop()
    base = json.dumps(grown, ensure_ascii=False)
    out = []
    for i in range(n):
        text = re.sub(r"(\d+)(次|件|名|份|场次|人次)", lambda m, i=i: f"{int(m.group(1)) + i}{m.group(2)}", base)
        data = json.loads(text.replace("青禾", f"青禾{township(i)}"))
        path = folder / f"report_{i:03d}.docx"
        render_answers(Answers.model_validate(data), pack, path)
        out.append(path)
    return out


def _wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, cwd=ROOT, timeout=3600)  # exit 1 means findings, not failure
    return time.perf_counter() - start


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="drafter-bench-survey-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        files = make_reports(folder, size(REPORTS, 2))
        ours = _wall([PYTHON, "-m", "drafter", "survey", str(folder), "-o", str(Path(tmp) / "survey.xlsx")])
        from openpyxl import load_workbook

        surveyed = load_workbook(Path(tmp) / "survey.xlsx")["报告概况"].max_row - 1
        assert surveyed == len(files), f"the survey has {surveyed} rows for {len(files)} reports"
        start = time.perf_counter()
        for path in files:
            subprocess.run([PYTHON, "-m", "drafter", "check", str(path), "--format", "json"], capture_output=True,
                           cwd=ROOT, timeout=600)
        baseline = time.perf_counter() - start
    return [Result(
        name=f"survey of {len(files)} ten-page .docx reports (every core)",
        ours=ours,
        unit="s",
        baseline_name=f"{len(files)} drafter check processes, one at a time",
        baseline=baseline,
        goal="faster than one check process per file",
        met=judged(ours < baseline),
    )]
