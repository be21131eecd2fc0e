"""Every benchmark still runs: ``python -m benchmarks.run --quick`` (once each, small inputs, no goals judged), as one
process, the way a developer runs the benchmarks. A benchmark broken by a change fails here, the day it breaks,
instead of on the next full run weeks later. Speed itself is not judged here (docs/benchmarks.md holds the full run).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

from tests.conftest import ROOT

FIGURES = {
    "checks": ["all checks"],
    "render": ["render in-process (example 2025)", "render in-process vs docxtpl", "render-batch 4 reports"],
    "reuse": ["import 10-page .docx", "carry-forward of the example"],
    "startup": ["render cold process", "UI start until the report list is on a tmux pane"],
    "survey": ["survey of 2 ten-page .docx reports"],
    "tui": ["keystroke to screen, part of", "keystroke to screen and stored", "memory with the example open"],
    "web": ["web save round trip p95", "web preview refresh p95", "web saves lost", "web report page to interactive"],
}
"""The figures each benchmark module prints (the start of each row's name)."""


def test_every_benchmark_runs_in_quick_mode() -> None:
    modules = {path.stem.removeprefix("bench_") for path in (ROOT / "benchmarks").glob("bench_*.py")}
    assert modules == set(FIGURES), "name the figures of a new benchmark module in FIGURES"
    result = subprocess.run([sys.executable, "-m", "benchmarks.run", "--quick"], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    table = [line.split("|") for line in result.stdout.splitlines()[3:] if line.startswith("| ")]
    rows = [cells[1].strip() for cells in table]
    for module, figures in FIGURES.items():
        for figure in figures:
            assert any(row.startswith(figure) for row in rows), f"bench_{module}.py printed no '{figure}' row"
    assert [cells[-2].strip() for cells in table] == [""] * len(table), "quick mode judges no goal"
    for tool in ("pandoc", "docxtpl", "tmux"):  # a missing baseline is one line in the table, not a crash
        installed = shutil.which(tool) or importlib.util.find_spec(tool) is not None
        assert (f"{tool} not installed: skipped" in result.stdout) is (not installed)
