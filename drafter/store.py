"""Reading and writing answers files: atomic writes, backups, schema migration, clear errors.

Nothing here prints; every problem becomes an :class:`~drafter.errors.InputError` or
:class:`~drafter.errors.OutputError` that names the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.errors import InputError, OutputError
from drafter.i18n import _
from drafter.model import SCHEMA_VERSION, Answers

BACKUP_DIR = ".drafter-backups"
"""Folder, beside the answers file, that keeps its previous versions."""
BACKUPS_KEPT = 20
"""How many previous versions of each answers file are kept."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` turns a version-``n`` document into a version-``n+1`` one."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that upgrades a document from ``from_version`` to the next version."""

    def register(func: Migration) -> Migration:
        MIGRATIONS[from_version] = func
        return func

    return register


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Upgrade a parsed answers document to :data:`SCHEMA_VERSION`, step by step."""
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        raise InputError(_("schema_version must be a whole number of at least 1"), path)
    if version > SCHEMA_VERSION:
        raise InputError(
            _("this file was written by a newer drafter (schema version {found}; this one reads up to {known})").format(
                found=version, known=SCHEMA_VERSION
            ),
            path,
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def format_validation_error(error: ValidationError) -> str:
    """One line per problem: the field's dotted path and what is wrong with it."""
    lines = []
    for problem in error.errors(include_url=False):
        where = ".".join(str(part) for part in problem["loc"]) or _("(whole file)")
        lines.append(_("field {field}: {problem}").format(field=where, problem=_describe(problem)))
    return "; ".join(lines)


def _describe(problem: Any) -> str:
    kind = problem.get("type", "")
    messages = {
        "missing": _("is required but missing"),
        "extra_forbidden": _("is not a known field"),
        "int_type": _("must be a whole number"),
        "int_parsing": _("must be a whole number"),
        "string_type": _("must be text"),
        "list_type": _("must be a list"),
        "dict_type": _("must be an object"),
        "model_type": _("must be an object"),
        "greater_than_equal": _("must not be below {limit}"),
        "less_than_equal": _("must not be above {limit}"),
        "literal_error": _("must be one of {expected}"),
        "enum": _("must be one of {expected}"),
        "date_from_datetime_parsing": _("must be a date written as YYYY-MM-DD"),
        "date_parsing": _("must be a date written as YYYY-MM-DD"),
        "date_type": _("must be a date written as YYYY-MM-DD"),
    }
    ctx = problem.get("ctx") or {}
    template = messages.get(kind)
    if template is None:
        return str(problem.get("msg", kind))
    return template.format(limit=ctx.get("ge", ctx.get("le", "")), expected=ctx.get("expected", ""))


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning every failure into a clear :class:`InputError`."""
    if not path.exists():
        raise InputError(_("file not found"), path)
    if path.is_dir():
        raise InputError(_("is a folder, not a file"), path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot be read ({reason})").format(reason=exc.strerror or exc), path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("is not UTF-8 text"), path) from None


def parse_answers(text: str, path: Path) -> Answers:
    """Parse and validate the text of an answers file (migrating older versions)."""
    if not text.strip():
        raise InputError(_("the file is empty"), path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            _("not valid JSON: {reason} (line {line}, column {column})").format(
                reason=exc.msg, line=exc.lineno, column=exc.colno
            ),
            path,
            exc.lineno,
        ) from None
    if not isinstance(data, dict):
        raise InputError(_("an answers file must hold a JSON object"), path)
    data = migrate(data, path)
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise InputError(format_validation_error(exc), path) from None


def load_answers(path: Path) -> Answers:
    """Read, migrate and validate an answers file."""
    return parse_answers(read_text(path), path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is always either the old or the new version.

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed over the target.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(_("cannot write here ({reason})").format(reason=exc.strerror or exc), path) from None
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(_("cannot write here ({reason})").format(reason=exc.strerror or exc), path) from None
    _fsync_dir(folder)


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: the replaced file's, or the default for new files (umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def backup_folder(path: Path) -> Path:
    """Where the previous versions of ``path`` are kept."""
    return path.parent / BACKUP_DIR / path.stem


def backups(path: Path) -> list[Path]:
    """The kept previous versions of ``path``, newest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), reverse=True)


def _make_backup(path: Path, keep: int) -> None:
    if not path.is_file():
        return
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"{time.time_ns() % 1_000_000_000:09d}"
    shutil.copy2(path, folder / f"{stamp}.json")
    for old in backups(path)[keep:]:
        old.unlink(missing_ok=True)


def save_answers(path: Path, answers: Answers, keep: int = BACKUPS_KEPT) -> None:
    """Save ``answers`` atomically, keeping the replaced version among the last ``keep`` backups."""
    data = answers.to_json().encode("utf-8")
    if keep > 0:
        with contextlib.suppress(OSError):  # a backup that cannot be made must not stop the save itself
            _make_backup(path, keep)
    atomic_write(path, data)


def newest_good_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` that parses and validates, or None."""
    for candidate in backups(path):
        try:
            load_answers(candidate)
        except InputError:
            continue
        return candidate
    return None
