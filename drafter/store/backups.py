"""The previous versions of an answers file: backups made before each save (capped), restoring the newest good
one, temporary files of interrupted saves, and removing, putting back and renaming a report without deleting it."""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError, OutputError, os_reason
from drafter.i18n import _
from drafter.safewrite import _fsync_dir, atomic_write
from drafter.store.profile import PROFILE_NAME
from drafter.store.read import parse_answers, read_text

BACKUP_DIR = ".drafter-backups"
"""Folder, beside the answers file, that keeps its previous versions."""
BACKUPS_KEPT = 20
"""How many previous versions of each answers file are kept."""


def backup_time(backup: Path) -> str:
    """When ``backup`` was taken, as ``YYYY-MM-DD HH:MM:SS`` (read from its name)."""
    stamp = backup.stem
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.strptime(stamp[:15], "%Y%m%dT%H%M%S"))
    except ValueError:
        return stamp


def backup_folder(path: Path) -> Path:
    """Where the previous versions of ``path`` are kept."""
    return path.parent / BACKUP_DIR / path.stem


def backups(path: Path) -> list[Path]:
    """The kept previous versions of ``path``, newest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), reverse=True)


def prune_backups(path: Path, keep: int = BACKUPS_KEPT) -> None:
    """Remove all but the newest ``keep`` backups of ``path`` (also run when the editor opens a file, so the cap
    holds even after a save was killed)."""
    for old in backups(path)[keep:]:
        with contextlib.suppress(OSError):  # a folder that forbids removing (a read-only share) keeps them
            old.unlink(missing_ok=True)


def _make_backup(path: Path, keep: int) -> None:
    if not path.is_file():
        return
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now // 1_000_000_000)) + f"{now % 1_000_000_000:09d}"
    # Room is made before the new backup appears, so a save killed at any instant leaves at most ``keep``.
    prune_backups(path, keep - 1)
    # Written like the answers themselves, so a crash never leaves a half-copied backup under a .json name.
    atomic_write(folder / f"{stamp}.json", path.read_bytes())


STALE_TEMP_SECONDS = 600
"""A temporary file of an interrupted save older than this is removed by the next save."""


def is_temporary(path: Path) -> bool:
    """True for the temporary file of a save in progress or interrupted (``.NAME.xxxx.tmp``)."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def answers_files(folder: Path) -> list[Path]:
    """The answers files in ``folder`` (``*.json``), leaving out hidden files, temporary files of saves and the
    organisation profile."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json")
                  if p.is_file() and not p.name.startswith(".") and p.name != PROFILE_NAME)


def remove_stale_temporaries(path: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove temporary files left by interrupted saves of ``path`` and of its backups (older than
    ``older_than`` seconds, so a save running in another process is never disturbed)."""
    folder = path.parent if str(path.parent) else Path(".")
    candidates = [*folder.glob(f".{glob.escape(path.name)}.*.tmp"), *backup_folder(path).glob(".*.tmp")]
    removed = 0
    limit = time.time() - older_than
    for tmp in candidates:
        try:
            if tmp.stat().st_mtime < limit:
                tmp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def newest_good_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` that parses and validates, or None."""
    for candidate in backups(path):
        try:
            parse_answers(read_text(candidate), candidate)
        except InputError:
            continue
        return candidate
    return None


@dataclass(frozen=True)
class Named:
    """The organisation and year an answers file is about; None for what cannot be read."""

    org: str | None
    year: int | None


_ORG_NAME = re.compile(r'"org"\s*:\s*\{\s*"name"\s*:\s*("(?:[^"\\]|\\.)*")')
_YEAR = re.compile(r'"year"\s*:\s*(\d{4})(?!\d)')


def named(raw: bytes) -> Named:
    """The organisation and year the answers file ``raw`` names, as far as they can be read: a file that no longer
    validates, or is cut short, often still names them."""
    text = raw.decode("utf-8", errors="replace")
    with contextlib.suppress(ValueError):
        data = json.loads(text)
        if isinstance(data, dict):
            org = data.get("org")
            name = org.get("name") if isinstance(org, dict) else None
            year = data.get("year")
            return Named(name if isinstance(name, str) and name else None,
                         year if isinstance(year, int) and not isinstance(year, bool) else None)
        return Named(None, None)
    org_match, year_match = _ORG_NAME.search(text), _YEAR.search(text)
    name = None
    if org_match:
        with contextlib.suppress(ValueError):
            name = json.loads(org_match[1]) or None
    return Named(name, int(year_match[1]) if year_match else None)


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_backup` did."""

    backup: Path
    """The backup that now holds the answers."""
    aside: Path | None
    """Where the damaged file was kept, or None when there was no damaged file."""
    restored: Named
    """The organisation and year of the backup put back."""
    replaced: Named
    """The organisation and year the replaced file named, as far as they could be read (both None when there was
    no file)."""

    def mismatches(self) -> list[str]:
        """What differs between the backup and the file it replaced (another organisation, another year), each as
        a sentence; empty when they agree or the replaced file does not say."""
        out = []
        was, now = self.replaced, self.restored
        if was.org is not None and was.org != now.org:
            out.append(_("the backup is of {org}, the replaced file was of {other}").format(org=now.org, other=was.org))
        if was.year is not None and was.year != now.year:
            out.append(_("the backup reports on {year}, the replaced file on {other}").format(
                year=now.year, other=was.year))
        return out


def restore_backup(path: Path, force: bool = False) -> Restored:
    """Replace ``path`` with its newest good backup; a damaged file is kept aside as ``NAME.corrupt-STAMP.json``.

    A file that still loads is left alone unless ``force`` is given (it is then backed up first, so the restore
    itself can be undone).
    """
    good = newest_good_backup(path)
    if good is None:
        raise InputError(_("there is no good backup of this file to restore"), path)
    answers = parse_answers(read_text(good), good)
    restored = Named(answers.org.name, answers.year)
    replaced = Named(None, None)
    damaged = path.exists()
    if damaged:
        with contextlib.suppress(OSError):
            replaced = named(path.read_bytes())
    if damaged:
        try:
            parse_answers(read_text(path), path)
        except InputError:
            pass
        else:
            if not force:
                raise InputError(
                    _("the file loads fine, so nothing was restored (add --force to replace it with the backup)"),
                    path,
                )
            damaged = False
            _make_backup(path, BACKUPS_KEPT)
    aside: Path | None = None
    if damaged:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.stem}.corrupt-{stamp}.json")
        try:
            atomic_write(aside, path.read_bytes())
        except OSError as exc:
            raise OutputError(_("cannot keep the damaged file aside ({reason})").format(
                reason=os_reason(exc)), aside) from None
    atomic_write(path, good.read_bytes())
    return Restored(backup=good, aside=aside, restored=restored, replaced=replaced)


REMOVED_DIR = "removed"
"""Folder, inside the backups folder, that keeps removed answers files (so a removal can be undone)."""


def _move(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, never over an existing file."""
    if target.exists():
        raise OutputError(_("the file exists already; nothing was moved"), target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    except OSError as exc:
        raise OutputError(_("cannot move the file ({reason})").format(reason=exc.strerror or exc), source) from None
    _fsync_dir(target.parent)


def remove_answers(path: Path) -> Path:
    """Move the answers file ``path`` into the workspace's backups (``.drafter-backups/removed/``); where it went.

    Nothing is deleted: :func:`put_back` undoes it, and the file can always be copied back by hand.
    """
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.parent / BACKUP_DIR / REMOVED_DIR / f"{path.stem}-{stamp}{path.suffix}"
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(f"{path.stem}-{stamp}-{counter}{path.suffix}")
    _move(path, target)
    return target


def put_back(removed: Path, path: Path) -> None:
    """Undo :func:`remove_answers`: move ``removed`` back to ``path`` (refused when ``path`` exists again)."""
    _move(removed, path)


def rename_answers(path: Path, new: Path) -> None:
    """Give the answers file ``path`` the name ``new`` (refused when ``new`` exists)."""
    _move(path, new)
