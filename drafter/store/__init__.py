"""Reading and writing answers files: atomic writes, backups, schema migration, clear errors.

Nothing here prints; every problem becomes an :class:`~drafter.errors.InputError` or
:class:`~drafter.errors.OutputError` that names the file. The package's parts: :mod:`~drafter.store.read`
(reading, limits, migrations, validation), :mod:`~drafter.store.backups` (previous versions, restore, remove);
saving is here. Callers import from ``drafter.store``. The atomic write and the output guard, which every output
uses, are the leaf :mod:`drafter.safewrite`.
"""

from __future__ import annotations

import contextlib
import json
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
from drafter.store.profile import PROFILE_NAME, join, newest, read_profile, shared_fields, split, write_profile
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
    "PROFILE_NAME",
    "REMOVED_DIR",
    "STALE_TEMP_SECONDS",
    "Migration",
    "Restored",
    "SchemaVersionError",
    "adopt_profile",
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
    "read_profile",
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

    In a workspace with an organisation profile the file keeps only the report's own fields of ``org`` and the
    organisation's fields are written to the profile (:mod:`drafter.store.profile`).
    """
    check_texts(answers.model_dump(mode="json"), path)
    profile = read_profile(path.parent)
    text, shared = split(answers, profile) if profile is not None else (answers.to_json(), profile)
    remove_stale_temporaries(path)
    if (shared is None or shared == profile) and _holds(path, text.encode("utf-8")):
        return  # a file changes only when its content does: no rewrite, no backup, a synced folder stays quiet
    if keep > 0:
        with contextlib.suppress(OSError):  # a backup that cannot be made must not stop the save itself
            _make_backup(path, keep)
    if shared is not None:
        write_profile(path.parent, shared)
        answers.read_with(shared_fields(answers.org))  # later changes are measured from what was saved
    atomic_write(path, text.encode("utf-8"))


def _holds(path: Path, data: bytes) -> bool:
    """True when the file at ``path`` already holds the answers serialised as ``data``: the same bytes, or the
    same answers written another way (keys in another order, another indentation, a default spelled out)."""
    try:
        on_disk = path.read_bytes()
    except OSError:
        return False
    if on_disk == data:
        return True
    try:
        old, new = json.loads(on_disk), json.loads(data)
        if old == new:
            return True
        if not isinstance(old, dict) or old.get("schema_version") != new.get("schema_version"):
            return False  # an older schema version is written once in the current one
        # the same answers written another way (a default spelled out, keys in another order): both read alike
        return parse_answers(on_disk.decode("utf-8"), path).to_json() == parse_answers(data.decode("utf-8"),
                                                                                        path).to_json()
    except (ValueError, InputError):  # not JSON, not valid (a damaged file): written anew
        return False


def load_answers(path: Path) -> Answers:
    """Read, migrate and validate an answers file.

    When the file is damaged (empty, truncated, not JSON, not valid) and a good backup of it exists, the message
    says so and names the command that restores it.
    """
    profile = read_profile(path.parent)
    try:
        answers = parse_answers(read_text(path), path, None if profile is None else lambda data: join(data, profile))
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
    answers.read_with(profile)
    return answers


def adopt_profile(folder: Path) -> bool:
    """Give the workspace ``folder`` its organisation profile when it has none, made from its newest report
    (:func:`~drafter.store.profile.newest`), and move the organisation's fields of every answers file there into
    it: each file is saved again (with a backup) keeping only its own. Files that cannot be read are left as
    they are. False when the folder already has a profile or holds no readable report."""
    if read_profile(folder) is not None:
        return False
    files: list[tuple[Path, Answers]] = []
    for path in answers_files(folder):
        with contextlib.suppress(InputError):
            files.append((path, load_answers(path)))
    first = newest(files)
    if first is None:
        return False
    write_profile(folder, shared_fields(first.org))
    for path, _answers in files:
        save_answers(path, load_answers(path))  # read through the profile: the organisation's fields are its own
    return True
