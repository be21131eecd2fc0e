"""Run every benchmark and print one table: ``python -m benchmarks.run [--quick] [name ...]``.

``--quick``: every benchmark once on small inputs, no goal judged (what CI runs, so that a benchmark that breaks
fails the day it breaks). A benchmark that fails is reported with its traceback, the others still run, and the
exit code is 1.
"""

from __future__ import annotations

import importlib
import platform
import sys
import traceback
from pathlib import Path

from benchmarks.harness import HEADER, Result, set_quick


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
    quick = "--quick" in argv
    set_quick(quick)
    names = [arg for arg in argv if arg != "--quick"] or sorted(
        p.stem.removeprefix("bench_") for p in here.glob("bench_*.py"))
    results: list[Result] = []
    failed: list[str] = []
    print(f"machine: {machine()}" + (" (quick mode: one repetition, small inputs, no goals judged)" if quick else ""))
    print(HEADER, flush=True)
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.bench_{name}")
            for result in module.run():
                results.append(result)
                print(result.row(), flush=True)
        except Exception:
            failed.append(name)
            print(f"benchmark {name} failed:", file=sys.stderr)
            traceback.print_exc()
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
