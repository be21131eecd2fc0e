"""Pinyin keys of Chinese text (drafter/pinyin.py): what a Latin keyboard types for a Chinese title."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from drafter.pinyin import pinyin_keys

ROOT = Path(__file__).resolve().parent.parent


def test_initials_and_syllables_point_back_to_their_characters() -> None:
    title = "转到：法治（一）ab重庆"
    initials, syllables = pinyin_keys(title)
    assert initials.text == "zd：fz（y）abcq"
    assert syllables.text == "zhuandao：fazhi（yi）abchongqing"  # 重 read as in 重庆
    start = initials.text.index("fz")
    assert "".join(title[i] for i in initials.source_offsets(range(start, start + 2))) == "法治"
    start = syllables.text.index("fazhi")
    assert "".join(title[i] for i in syllables.source_offsets(range(start, start + 5))) == "法治"
    start = syllables.text.index("ab")
    assert "".join(title[i] for i in syllables.source_offsets(range(start, start + 2))) == "ab"


def test_the_editor_starts_without_the_pinyin_dictionaries() -> None:
    """pypinyin takes a quarter of a second to load: the UI's modules leave it for the palette's first search."""
    code = ("import sys\nimport drafter.tui.app, drafter.tui.palette, drafter.tui.screens.editor\n"
            "print('PYPINYIN', 'pypinyin' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "PYPINYIN False" in result.stdout
