"""UI speed and memory, each beside a bare Textual baseline measured in the same run.

(Start-up times are in bench_startup.py.)

- keystroke: a key pressed in a part holding 20,000 characters until the screen is updated (Pilot: press, pause),
  median; baseline the same in an app that is only a TextArea;
- live figures: the same in a part holding 30 live figures (shown marked with their values), the clock stopping
  once the typed text is also stored back in the answers (live figures read back as references);
- memory: resident set size with the bundled example open in the editor, beside the bare TextArea app.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import EXAMPLE, PYTHON, ROOT, Result, judged, quick, set_quick, size

TEXT_CHARS = 20_000
KEYS = 40
SKIPPED_KEYS = 3
"""The first keystrokes are not counted (the first layout of a part is slower than typing into it)."""


def _big_paragraphs() -> list[str]:
    sentence = "镇党委坚持把法治政府建设摆在全局工作的重要位置，统筹推进各项任务落实。"
    lines: list[str] = []
    while sum(len(line) for line in lines) < size(TEXT_CHARS, 2_000):
        lines.append(sentence * 5)
    return lines


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _keystrokes(app: object, focus: str, after: Any = None) -> float:
    from textual import events
    from textual.app import App
    from textual.widgets import TextArea

    assert isinstance(app, App)
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        prepare = getattr(app, "bench_prepare", None)
        if prepare is not None:
            prepare()
            await pilot.pause()
        area = app.screen.query_one(focus, TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        keys = size(KEYS, SKIPPED_KEYS + 1)
        for count in range(1, keys + 1):
            await pilot.pause()
            # the key is posted as the terminal driver posts it; the clock stops once the TextArea and every widget
            # its messages bubble through have handled them and the screen has rendered the change. (Pilot's
            # press/pause wait for the whole process to go idle: a fixed ~80 ms, and a cost per widget on screen.)
            start = time.perf_counter()
            app.post_message(events.Key("a", "a"))
            while not area.text.endswith("a" * count):
                await asyncio.sleep(0)
            await _settle([area, *area.ancestors_with_self])
            if after is not None:
                after()
            app.screen._on_timer_update()
            times.append((time.perf_counter() - start) * 1000)
        assert area.text.endswith("a" * keys)
    return statistics.median(times[SKIPPED_KEYS:])


async def _settle(widgets: list[object]) -> None:
    """Wait until ``widgets`` have processed every message queued so far (each gets a callback at the end)."""
    from textual.message_pump import MessagePump

    done = asyncio.Event()
    pending = 0

    def one_done() -> None:
        nonlocal pending
        pending -= 1
        if pending == 0:
            done.set()

    for widget in widgets:
        assert isinstance(widget, MessagePump)
        if widget.call_later(one_done):
            pending += 1
    if pending:
        await done.wait()


def _bare_app(text: str) -> object:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text, id="body", soft_wrap=True)

    return Bare()


def _drafter_app(folder: Path, paragraphs: list[str] | None = None) -> object:
    """The editor on the example with the measures part holding ``paragraphs`` (default: 20,000 characters)."""
    from drafter.model import Paragraph, Section
    from drafter.store import load_answers, save_answers
    from drafter.tui.app import make_app
    from drafter.tui.screens.editor import EditorScreen

    answers = load_answers(EXAMPLE)
    texts = paragraphs if paragraphs is not None else _big_paragraphs()
    answers.sections["measures"] = Section(intro=[Paragraph(text=t) for t in texts])
    path = folder / f"{answers.year}.json"
    save_answers(path, answers, keep=0)
    app = make_app(file=path, lang="en")

    def prepare() -> None:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.show_step(1)

    app.bench_prepare = prepare  # type: ignore[attr-defined]
    return app


LIVE_FIGURES = 30


def _live_paragraphs() -> list[str]:
    """Paragraphs holding :data:`LIVE_FIGURES` live figures between ordinary sentences."""
    from drafter.figures import reference
    from drafter.pack import load_pack

    keys = [spec.key for spec in load_pack().spec.figures]
    lines = []
    for start in range(0, LIVE_FIGURES, 5):
        refs = [keys[(start + i) % len(keys)] for i in range(min(5, LIVE_FIGURES - start))]
        lines.append("全年工作扎实推进，" + "，".join(f"完成{reference(k)}件" for k in refs) + "，成效明显。")
    return lines


def _live_app(folder: Path) -> tuple[object, Any]:
    """The editor on a part with 30 live figures, and what stores the typed text (live figures read back)."""
    from textual.app import App

    from drafter.tui.widgets.part_editor import PartEditor

    app = _drafter_app(folder, _live_paragraphs())
    assert isinstance(app, App)

    def store() -> None:
        app.screen.query_one("#part-measures", PartEditor).flush()

    return app, store


def child(kind: str) -> None:
    """Run in a fresh process: print the RSS in MB of one app with its content open."""

    async def main() -> float:
        from textual.app import App

        if kind == "drafter":
            folder = Path(tempfile.mkdtemp())
            for path in EXAMPLE.parent.glob("*.json"):
                shutil.copy(path, folder / path.name)
            from drafter.tui.app import make_app

            app: App[None] = make_app(file=folder / EXAMPLE.name, lang="en")
        else:
            app = _bare_app(EXAMPLE.read_text(encoding="utf-8"))  # type: ignore[assignment]
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen: Any = app.screen
            if hasattr(screen, "show_step"):
                for step in range(size(len(screen.steps), 2)):  # quick mode: the first two steps
                    screen.show_step(step)
                    await pilot.pause()
            return _rss_mb()

    print(f"{asyncio.run(main()):.1f}")


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = "\n".join(_big_paragraphs())
        base_key = asyncio.run(_keystrokes(_bare_app(text), "#body"))
        keyfolder = folder / "keys"
        keyfolder.mkdir()
        ours_key = asyncio.run(_keystrokes(_drafter_app(keyfolder), "#part-measures #body"))
        chars = size(TEXT_CHARS, 2_000)
        results.append(Result(f"keystroke to screen, part of {chars} chars (median)", ours_key, "ms",
                              "bare TextArea app", base_key, "≤ 50 ms", judged(ours_key <= 50)))
        livefolder = folder / "live"
        livefolder.mkdir()
        live_app, store = _live_app(livefolder)
        live_key = asyncio.run(_keystrokes(live_app, "#part-measures #body", store))
        live_text = "\n".join(_live_paragraphs())
        base_live = asyncio.run(_keystrokes(_bare_app(live_text), "#body"))
        results.append(Result(f"keystroke to screen and stored, part with {LIVE_FIGURES} live figures (median)",
                              live_key, "ms", "bare TextArea app", base_live, "≤ 50 ms", judged(live_key <= 50)))

    def rss(kind: str) -> float:
        argv = [PYTHON, "-m", "benchmarks.bench_tui", "--child", kind, *(["--quick"] if quick() else [])]
        out = subprocess.run(argv, check=True, capture_output=True, text=True, cwd=ROOT).stdout
        return float(out.strip().splitlines()[-1])

    ours_rss, base_rss = rss("drafter"), rss("bare")
    results.append(Result("memory with the example open (RSS)", ours_rss, "MB", "bare TextArea app", base_rss,
                          "< 150 MB", judged(ours_rss < 150)))
    return results


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        set_quick("--quick" in sys.argv[3:])
        child(sys.argv[2])
    else:
        for result in run():
            print(result.row())
