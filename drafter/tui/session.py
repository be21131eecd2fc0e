"""One open report: its file, its answers, last year's answers, and saving (no textual here)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from drafter.model import Answers
from drafter.pack import Pack
from drafter.store import BACKUPS_KEPT, prune_backups, save_answers

BACKUP_EVERY_S = 60.0
"""Autosave writes often; a backup of the replaced version is kept at most once per this many seconds."""


@dataclass
class Session:
    """The report being edited."""

    path: Path
    answers: Answers
    pack: Pack
    previous: Answers | None = None
    saved_at: float | None = None
    _last_backup: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        prune_backups(self.path)  # the cap holds even when an earlier save was killed mid-way

    @property
    def output(self) -> Path:
        """Where the .docx goes: beside the answers file, named after it."""
        return self.path.with_suffix(".docx")

    def save(self) -> None:
        """Write the answers atomically; back up the replaced version at most once a minute."""
        now = time.monotonic()
        keep = 0
        if now - self._last_backup >= BACKUP_EVERY_S:
            keep = BACKUPS_KEPT
            self._last_backup = now
        save_answers(self.path, self.answers, keep=keep)
        self.saved_at = time.time()
