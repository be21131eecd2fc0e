"""A tiny benchmark harness: each ``bench_*.py`` module has ``run() -> list[Result]``.

Every figure is measured side by side with its baseline in the same run, and printed with the ratio, so the
number is meaningful on whatever machine runs it. ``python -m benchmarks.run`` runs them all.

**Quick mode** (``python -m benchmarks.run --quick``, what CI runs through ``tests/test_benchmarks_quick.py``): every
benchmark once, on small inputs, with no goal judged — it proves that each benchmark still runs, not how fast
drafter is. The harness's timers measure once in quick mode; benchmarks ask :func:`size` for their inputs (and
repetitions of their own), pass their goal's verdict through :func:`judged` and ``--quick`` on to the processes
they start (:func:`quick`).

A baseline tool that is not installed (pandoc, docxtpl: see docs/benchmarks.md) is not an error: the figure is
printed with ``pandoc not installed: skipped`` as its baseline (:func:`missing`).
"""

from __future__ import annotations

import importlib.util
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qinghe" / "2025.json"

QUICK = False
"""Set by ``--quick``: one repetition of everything, small inputs, no goals judged."""


def set_quick(quick: bool) -> None:
    """Switch quick mode on or off (``benchmarks.run --quick``)."""
    global QUICK
    QUICK = quick


def quick() -> bool:
    """Whether this is a quick run (a benchmark passes ``--quick`` on to the processes it starts)."""
    return QUICK


def size(full: int, quick: int) -> int:
    """An input's size (reports, characters, keys…): ``full``, or the small ``quick`` one in quick mode."""
    return quick if QUICK else full


def judged(met: bool) -> bool | None:
    """A goal's verdict, or None in quick mode (one repetition on small inputs says nothing about a goal)."""
    return None if QUICK else met


def missing(tool: str) -> str | None:
    """``"<tool> not installed: skipped"`` when the baseline program or Python package ``tool`` is not installed
    (a program is looked for on PATH, a package by import name), else None."""
    if shutil.which(tool) or importlib.util.find_spec(tool) is not None:
        return None
    return f"{tool} not installed: skipped"


@dataclass
class Result:
    """One figure: ours, the baseline's, and the goal."""

    name: str
    ours: float
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    goal: str = ""
    """The issue's goal in words, e.g. ``≤ 20 ms`` or ``≤ 1.3× baseline``."""
    met: bool | None = None
    skipped: str = ""
    """Why the baseline was not measured (``pandoc not installed: skipped``), printed in its place."""

    @property
    def ratio(self) -> float | None:
        """ours / baseline (below 1 is better for times)."""
        if self.baseline is None or self.baseline == 0:
            return None
        return self.ours / self.baseline

    def row(self) -> str:
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        base = (f"{self.baseline:.1f} {self.unit} ({self.baseline_name})" if self.baseline is not None
                else self.skipped or "—")
        verdict = {True: "met", False: "NOT met", None: ""}[self.met]
        return f"| {self.name} | {self.ours:.1f} {self.unit} | {base} | {ratio} | {self.goal} | {verdict} |"


HEADER = "| figure | drafter | baseline | ratio | goal | |\n|---|---|---|---|---|---|"


def median_ms(func: Callable[[], object], repeat: int = 30, warmup: int = 3) -> float:
    """Median wall time of ``func()`` in milliseconds (one run, after one warm-up, in quick mode)."""
    for _ in range(min(warmup, 1) if QUICK else warmup):
        func()
    times = []
    for _ in range(1 if QUICK else repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(argv: list[str], repeat: int = 10) -> float:
    """Median wall time in milliseconds of running ``argv`` as a fresh process."""
    times = []
    subprocess.run(argv, check=True, capture_output=True)
    for _ in range(1 if QUICK else repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def interleaved_process_ms(a: list[str], b: list[str], repeat: int = 15) -> tuple[float, float]:
    """Median wall times of two commands run alternately, so machine noise hits both alike (each once, with no
    warm-up, in quick mode)."""
    ta: list[float] = []
    tb: list[float] = []
    for argv in () if QUICK else (a, b):
        subprocess.run(argv, check=True, capture_output=True)
    for _ in range(1 if QUICK else repeat):
        for argv, bucket in ((a, ta), (b, tb)):
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            bucket.append((time.perf_counter() - start) * 1000)
    return statistics.median(ta), statistics.median(tb)


def rss_mb(pid: int, peak: bool = False) -> float:
    """Resident memory of a running process in MB (``peak``: the high-water mark), read from /proc."""
    field = "VmHWM" if peak else "VmRSS"
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


PYTHON = sys.executable
