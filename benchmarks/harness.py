"""A tiny benchmark harness: each ``bench_*.py`` module has ``run() -> list[Result]``.

Every figure is measured side by side with its baseline in the same run, and printed with the ratio, so the
number is meaningful on whatever machine runs it. ``python -m benchmarks.run`` runs them all.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qinghe" / "2025.json"


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

    @property
    def ratio(self) -> float | None:
        """ours / baseline (below 1 is better for times)."""
        if self.baseline is None or self.baseline == 0:
            return None
        return self.ours / self.baseline

    def row(self) -> str:
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        base = f"{self.baseline:.1f} {self.unit} ({self.baseline_name})" if self.baseline is not None else "—"
        verdict = {True: "met", False: "NOT met", None: ""}[self.met]
        return f"| {self.name} | {self.ours:.1f} {self.unit} | {base} | {ratio} | {self.goal} | {verdict} |"


HEADER = "| figure | drafter | baseline | ratio | goal | |\n|---|---|---|---|---|---|"


def median_ms(func: Callable[[], object], repeat: int = 30, warmup: int = 3) -> float:
    """Median wall time of ``func()`` in milliseconds."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(argv: list[str], repeat: int = 10) -> float:
    """Median wall time in milliseconds of running ``argv`` as a fresh process."""
    times = []
    subprocess.run(argv, check=True, capture_output=True)
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def interleaved_process_ms(a: list[str], b: list[str], repeat: int = 15) -> tuple[float, float]:
    """Median wall times of two commands run alternately, so machine noise hits both alike."""
    ta: list[float] = []
    tb: list[float] = []
    for argv in (a, b):
        subprocess.run(argv, check=True, capture_output=True)
    for _ in range(repeat):
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
