"""Reading and writing answers files: atomic writes, backups, schema migration, clear errors.

Nothing here prints; every problem becomes an :class:`~drafter.errors.InputError` or
:class:`~drafter.errors.OutputError` that names the file. The package's parts: :mod:`~drafter.store.read`
(reading, limits, migrations, validation), :mod:`~drafter.store.backups` (previous versions, restore, remove);
saving is here. Callers import from ``drafter.store``. The atomic write and the output guard, which every output
uses, are the leaf :mod:`drafter.safewrite`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from drafter.errors import InputError
from drafter.i18n import _
from drafter.migrations import MIGRATIONS, Migration, SchemaVersionError, migrate, migration
from drafter.model import Answers
from drafter.safewrite import atomic_write
from drafter.store.backups import (
    BACKUP_DIR,
    BACKUPS_KEPT,
    REMOVED_DIR,
    STALE_TEMP_SECONDS,
    Restored,
    _make_backup,
    answers_files,
    backup_folder,
    backup_time,
    backups,
    is_temporary,
    newest_good_backup,
    prune_backups,
    put_back,
    remove_answers,
    remove_stale_temporaries,
    rename_answers,
    restore_backup,
)
from drafter.store.read import (
    MAX_DEPTH,
    MAX_TEXT_CHARS,
    check_texts,
    format_validation_error,
    json_problem,
    parse_answers,
    read_bytes,
    read_text,
)

__all__ = [
    "BACKUPS_KEPT",
    "BACKUP_DIR",
    "MAX_DEPTH",
    "MAX_TEXT_CHARS",
    "MIGRATIONS",
    "REMOVED_DIR",
    "STALE_TEMP_SECONDS",
    "Migration",
    "Restored",
    "SchemaVersionError",
    "answers_files",
    "backup_folder",
    "backup_time",
    "backups",
    "check_texts",
    "format_validation_error",
    "is_temporary",
    "json_problem",
    "load_answers",
    "migrate",
    "migration",
    "newest_good_backup",
    "parse_answers",
    "prune_backups",
    "put_back",
    "read_bytes",
    "read_text",
    "remove_answers",
    "remove_stale_temporaries",
    "rename_answers",
    "restore_backup",
    "save_answers",
]


def save_answers(path: Path, answers: Answers, keep: int = BACKUPS_KEPT) -> None:
    """Save ``answers`` atomically, keeping the replaced version among the last ``keep`` backups.

    What :func:`load_answers` would refuse (a text over the limit, a broken character) is refused here too, so
    no save ever writes a file that cannot be opened again.
    """
    check_texts(answers.model_dump(mode="json"), path)
    data = answers.to_json().encode("utf-8")
    remove_stale_temporaries(path)
    if keep > 0:
        with contextlib.suppress(OSError):  # a backup that cannot be made must not stop the save itself
            _make_backup(path, keep)
    atomic_write(path, data)


def load_answers(path: Path) -> Answers:
    """Read, migrate and validate an answers file.

    When the file is damaged (empty, truncated, not JSON, not valid) and a good backup of it exists, the message
    says so and names the command that restores it.
    """
    try:
        return parse_answers(read_text(path), path)
    except SchemaVersionError:
        raise
    except InputError as exc:
        good = newest_good_backup(path)
        if good is None:
            raise
        hint = _("a good backup from {when} exists; restore it with: drafter restore {path}").format(
            when=backup_time(good), path=path
        )
        raise InputError(f"{exc.message} — {hint}", path, exc.line) from None
