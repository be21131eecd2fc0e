"""Start-up, each beside its baseline in the same run, as fresh processes run alternately (median of 9 each):

- ``render cold process``: ``python -m drafter render`` of the example vs a bare ``python -c "import docx"``
  (goal ≤ 2.0×, stretch 1.5×), with the disk cache of pack and base document as any render but the first finds
  it, and (for reference) without it; for reference too, the same baseline vs importing what the render path
  cannot do without — python-docx, pydantic's BaseModel and Jinja's sandbox — which is the floor of the ratio
  while answers are validated with pydantic and worded with Jinja, and that floor with one pydantic model
  defined and validated;
- ``UI start``: ``drafter --workspace`` on a copy of the example until its start screen's list shows a report's
  township (青禾镇) on a real terminal — a tmux pane of 120×36, read with ``capture-pane`` (:mod:`benchmarks.tmux`)
  — vs a Textual app that shows one label, until the label is on the pane, measured the same way in the same run,
  alternately (goal ≤ 1.5×). Each program is quit with Ctrl+Q, and the next started once it has ended.

drafter's modules are byte-compiled first, as an installed drafter is. ``python -m benchmarks.run startup`` runs
just these.
"""

from __future__ import annotations

import compileall
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import tmux
from benchmarks.harness import EXAMPLE, PYTHON, ROOT, Result, interleaved_process_ms, judged, missing, quick

REPEAT = 9

TOWNSHIP = "青禾镇"
"""What the start screen's list shows of each of the example's reports, and nothing else on the screen does."""

HELLO = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")
        yield Footer()

Hello().run()
"""

BARE = [PYTHON, "-c", "import docx"]
FLOOR = [PYTHON, "-c", "import docx, jinja2.sandbox; from pydantic import BaseModel"]
VALIDATED_FLOOR = [PYTHON, "-c", "import docx, jinja2.sandbox\nfrom pydantic import BaseModel\n"
                   "class A(BaseModel):\n    x: int\nA.model_validate({'x': 1})"]
"""The floor once one answer is validated: any model with a field imports ``pydantic.fields`` (and with it
``pydantic.types`` and ``annotated_types``), and the first validator built imports pydantic's plugin loader (and
with it ``importlib.metadata``)."""


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Run the processes started inside with these environment variables, then restore the environment."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def byte_compile() -> None:
    """Compile drafter's modules to .pyc as installing it does (pip writes them, and python-docx, the baseline, has
    them), so that the timed processes never compile source — also where PYTHONDONTWRITEBYTECODE is set, which
    otherwise makes every cold drafter process compile all its modules again (≈ 0.6× of ``import docx``)."""
    compileall.compile_dir(ROOT / "drafter", quiet=1)


def run() -> list[Result]:
    byte_compile()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        render = [PYTHON, "-m", "drafter", "render", str(EXAMPLE), "-o", str(folder / "cold.docx")]
        blocked = folder / "a-file"
        blocked.write_text("where the cache folder would be", encoding="utf-8")
        # the disk cache as after any earlier render (the warm-up run fills it), then as on the very first render
        with _environment(DRAFTER_CACHE=str(folder / "cache")):
            cold, bare = interleaved_process_ms(render, BARE, repeat=REPEAT)
        results.append(Result("render cold process", cold, "ms", 'python -c "import docx"', bare,
                              "≤ 2.0× baseline (stretch 1.5×)", judged(cold <= 2.0 * bare)))
        with _environment(DRAFTER_CACHE=str(blocked / "cache")):
            uncached, bare_uncached = interleaved_process_ms(render, BARE, repeat=REPEAT)
        results.append(Result("render cold process, no disk cache (a first render)", uncached, "ms",
                              'python -c "import docx"', bare_uncached, "(for reference)", None))
        floor, bare_again = interleaved_process_ms(FLOOR, BARE, repeat=REPEAT)
        results.append(Result("import docx + pydantic + jinja2 (the floor)", floor, "ms",
                              'python -c "import docx"', bare_again, "(for reference)", None))
        validated, bare_third = interleaved_process_ms(VALIDATED_FLOOR, BARE, repeat=REPEAT)
        results.append(Result("the floor + one pydantic model with one field, validated", validated, "ms",
                              'python -c "import docx"', bare_third, "(for reference)", None))

        ws = folder / "ws"
        ws.mkdir()
        for path in EXAMPLE.parent.glob("*.json"):
            shutil.copy(path, ws / path.name)
        hello = folder / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        drafter = [PYTHON, "-m", "drafter", "--lang", "en", "--workspace", str(ws)]
        name, baseline = "UI start until the report list is on a tmux pane", "Textual app showing one label"
        skipped = missing("tmux")
        if skipped:
            results.append(Result(name, 0.0, "ms", baseline, None, "≤ 1.5× baseline", None, skipped=skipped))
            return results
        ours, base = tmux.interleaved_shown_ms((drafter, TOWNSHIP), ([PYTHON, str(hello)], "hello"),
                                               repeat=1 if quick() else REPEAT, warmup=0 if quick() else 1)
        results.append(Result(name, ours, "ms", baseline, base, "≤ 1.5× baseline", judged(ours <= 1.5 * base)))
    return results


if __name__ == "__main__":
    from benchmarks.harness import HEADER

    print(HEADER)
    for result in run():
        print(result.row(), flush=True)
