"""Run every benchmark and print one table: ``python -m benchmarks.run [name ...]``."""

from __future__ import annotations

import importlib
import platform
import sys
from pathlib import Path

from benchmarks.harness import HEADER, Result


def machine() -> str:
    """A one-line description of the machine the figures were measured on."""
    import os

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    names = argv or sorted(p.stem.removeprefix("bench_") for p in here.glob("bench_*.py"))
    results: list[Result] = []
    print(f"machine: {machine()}")
    print(HEADER)
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        for result in module.run():
            results.append(result)
            print(result.row(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
