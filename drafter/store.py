"""Reading and writing answers files: atomic writes, backups, schema migration, clear errors.

Nothing here prints; every problem becomes an :class:`~drafter.errors.InputError` or
:class:`~drafter.errors.OutputError` that names the file.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.docxio import document_kind
from drafter.errors import InputError, OutputError, os_reason
from drafter.i18n import _
from drafter.model import SCHEMA_VERSION, Answers, upgrade_v1

BACKUP_DIR = ".drafter-backups"
"""Folder, beside the answers file, that keeps its previous versions."""
BACKUPS_KEPT = 20
"""How many previous versions of each answers file are kept."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {1: upgrade_v1}
"""``MIGRATIONS[n]`` turns a version-``n`` document into a version-``n+1`` one."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that upgrades a document from ``from_version`` to the next version."""

    def register(func: Migration) -> Migration:
        MIGRATIONS[from_version] = func
        return func

    return register


@migration(2)
def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds the dispatch data of the submission copy (``dispatch`` and new ``org`` fields), all optional:
    a version-2 file needs nothing but its new version number."""
    return data


class SchemaVersionError(InputError):
    """The file's ``schema_version`` is one this drafter cannot read (newer, or not a version at all)."""


def migrate(
    data: dict[str, Any],
    path: Path,
    migrations: Mapping[int, Migration] | None = None,
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Upgrade a parsed answers document to version ``target`` (default :data:`SCHEMA_VERSION`), step by step.

    A document without ``schema_version`` is version 1. ``migrations`` defaults to :data:`MIGRATIONS`; tests pass
    their own mapping and target to exercise the path without changing the real format.
    """
    steps = MIGRATIONS if migrations is None else migrations
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SchemaVersionError(_("schema_version must be a whole number of at least 1"), path)
    if version > target:
        raise SchemaVersionError(
            _("this file was written by a newer drafter (schema version {found}; this one reads up to {known})").format(
                found=version, known=target
            ),
            path,
        )
    while version < target:
        step = steps.get(version)
        if step is None:
            raise SchemaVersionError(
                _("no migration from schema version {found} to {next}").format(found=version, next=version + 1), path
            )
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    return data


def format_validation_error(error: ValidationError) -> str:
    """One line per problem: the field's dotted path and what is wrong with it."""
    lines = []
    for problem in error.errors(include_url=False):
        where = ".".join(str(part) for part in problem["loc"]) or _("(whole file)")
        lines.append(_("field {field}: {problem}").format(field=where, problem=_describe(problem)))
    return _("; ").join(lines)


def json_problem(error: json.JSONDecodeError) -> str:
    """The JSON decoder's English reason (``Expecting ',' delimiter``) in the clerk's language."""
    before = error.doc[:error.pos].rstrip()
    if before.endswith(",") and error.doc[error.pos:error.pos + 1] in "}]":
        return _("a comma stands before a closing bracket")  # the commonest slip of a hand edit
    message = error.msg
    reasons = {
        "Expecting value": _("a value is missing or is not JSON"),
        "Expecting property name enclosed in double quotes": _("a field name must be in double quotes"),
        "Expecting ':' delimiter": _("a colon is missing after a field name"),
        "Expecting ',' delimiter": _("a comma is missing"),
        "Unterminated string": _("a text is not closed by a double quote"),
        "Invalid control character": _("a text holds a line break or control character; write it as \\n"),
        "Invalid \\uXXXX escape": _("a \\u escape is not four hexadecimal digits"),
        "Invalid \\escape": _("a backslash starts an unknown escape"),
        "Extra data": _("there is more after the end of the JSON object"),
        "Illegal trailing comma": _("a comma stands before a closing bracket"),
    }
    for start, reason in reasons.items():
        if message.startswith(start):
            return reason
    return _("the JSON syntax is broken")


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
        "date_from_datetime_inexact": _("must be a date written as YYYY-MM-DD"),
        "int_from_float": _("must be a whole number"),
        "int_parsing_size": _("must be a whole number"),
        "bool_type": _("must be true or false"),
        "bool_parsing": _("must be true or false"),
        "blank": _("must not be empty"),
    }
    ctx = problem.get("ctx") or {}
    template = messages.get(kind)
    if template is None:
        return _("has a value that cannot be used here")  # never pydantic's English inside the clerk's line
    # pydantic lists the choices in English ("'a', 'b' or 'c'"): keep the choices, drop the "or"
    expected = re.sub(r"' or '", "', '", str(ctx.get("expected", "")))
    return template.format(limit=ctx.get("ge", ctx.get("le", "")), expected=expected)


def read_bytes(path: Path) -> bytes:
    """Read a file the user named, turning a missing file, a folder or a read error into a clear InputError."""
    if not path.exists():
        raise InputError(_("file not found"), path)
    if path.is_dir():
        raise InputError(_("is a folder, not a file"), path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot be read ({reason})").format(reason=os_reason(exc)), path) from None


def read_text(path: Path) -> str:
    """Read the UTF-8 text of an answers file, turning every failure into a clear :class:`InputError`.

    A Word (or PDF, image) file given where an answers file belongs is told apart from broken text: it has to be
    imported first.
    """
    raw = read_bytes(path)
    kind = document_kind(raw[:16])
    if kind is not None:
        raise InputError(
            _("is {kind}, not an answers file (.json); a report written in Word must be imported first: "
              "drafter import {path} -o ANSWERS.json").format(kind=kind, path=path),
            path,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("is not UTF-8 text"), path) from None


MAX_TEXT_CHARS = 1_000_000
"""The longest text (a paragraph, a heading, a name) an answers file may hold. Word's XML refuses a text of 10 MB;
a million characters (at most 4 MB in UTF-8) is far beyond any report and safely below that."""
MAX_DEPTH = 64
"""The deepest nesting of objects and lists an answers file may have (an item nests two levels per sub-item, so
this allows about thirty levels of sub-items where reports use four)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _too_deep(path: Path) -> InputError:
    return InputError(
        _("is nested more than {limit} levels deep, which no answers file needs").format(limit=MAX_DEPTH), path
    )


def check_texts(data: object, path: Path) -> None:
    """Refuse, naming the field and the position, what the model would accept but no later step can handle: a
    text longer than :data:`MAX_TEXT_CHARS`, a lone surrogate (half of a character, which no document can hold),
    nesting deeper than :data:`MAX_DEPTH`. Walks without recursion, so any depth is safe to inspect."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while stack:
        where, value = stack.pop()
        if len(where) >= MAX_DEPTH:
            raise _too_deep(path)
        children: list[tuple[str | int, object]] = []
        if isinstance(value, dict):
            for key, child in value.items():
                _check_text(str(key), (*where, key), path)
                children.append((key, child))
        elif isinstance(value, list):
            children = list(enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where, path)
        stack.extend(((*where, key), child) for key, child in reversed(children))


def _check_text(text: str, where: tuple[str | int, ...], path: Path) -> None:
    field = ".".join(str(part) for part in where) or _("(whole file)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            _("field {field}: the text has {count} characters; a text may have at most {limit}").format(
                field=field, count=f"{len(text):,}", limit=f"{MAX_TEXT_CHARS:,}"
            ),
            path,
        )
    broken = _SURROGATE.search(text)
    if broken is not None:
        raise InputError(
            _("field {field}: character {position} is broken (U+{code:04X}, half of a character); "
              "retype the text there").format(field=field, position=broken.start() + 1, code=ord(broken.group())),
            path,
        )


def parse_answers(text: str, path: Path) -> Answers:
    """Parse and validate the text of an answers file (migrating older versions)."""
    if not text.strip():
        raise InputError(_("the file is empty"), path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            _("not valid JSON: {reason} (line {line}, column {column})").format(
                reason=json_problem(exc), line=exc.lineno, column=exc.colno
            ),
            path,
            exc.lineno,
        ) from None
    except RecursionError:
        raise _too_deep(path) from None
    check_texts(data, path)
    if not isinstance(data, dict):
        raise InputError(_("an answers file must hold a JSON object"), path)
    data = migrate(data, path)
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise InputError(format_validation_error(exc), path) from None


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


def backup_time(backup: Path) -> str:
    """When ``backup`` was taken, as ``YYYY-MM-DD HH:MM:SS`` (read from its name)."""
    stamp = backup.stem
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.strptime(stamp[:15], "%Y%m%dT%H%M%S"))
    except ValueError:
        return stamp


def refuse_unwritable(path: Path) -> None:
    """Refuse an output location that exists and is not a regular file: a folder, a device, a pipe, a socket.

    Writing renames a new file over the target, which would replace a device such as ``/dev/null`` by a file.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except ValueError:  # a NUL byte, which no file name can hold
        raise OutputError(_("is not a possible file name"), path) from None
    except OSError as exc:
        raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)), path) from None
    if stat.S_ISDIR(mode):
        raise OutputError(_("is a folder, not a file"), path)
    if not stat.S_ISREG(mode):
        raise OutputError(_("is not a regular file (a device, a pipe or a socket); give a file name instead"), path)


def guard_output(
    path: Path,
    inputs: Iterable[Path | None] = (),
    force: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Refuse to write ``path`` when that would lose something.

    Always refused: an output that is one of ``inputs`` (the files the command reads), or a location that is not a
    regular file. An existing file is refused unless ``force`` is given or ``replaceable`` accepts it (without
    ``replaceable`` every existing file is refused): that is how an earlier report is replaced silently while an
    answers file given by mistake is kept.
    """
    refuse_unwritable(path)
    if not path.exists():
        return
    for source in inputs:
        if source is not None and _same_file(path, source):
            raise OutputError(_("is also the input of this command; give the output another name"), path)
    if force or (replaceable is not None and replaceable(path)):
        return
    if replaceable is None:
        raise OutputError(_("already exists; use --force to replace it"), path)
    raise OutputError(
        _("already exists and is not a Word or PDF document; give another name, or use --force to replace it"), path
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is always either the old or the new version.

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed over the target.
    A target that exists and is not a regular file (a folder, ``/dev/null``) is refused.
    """
    refuse_unwritable(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)), path) from None
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
        raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)), path) from None
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
    """The answers files in ``folder`` (``*.json``), leaving out hidden files and temporary files of saves."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if p.is_file() and not p.name.startswith("."))


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
class Restored:
    """What :func:`restore_backup` did."""

    backup: Path
    """The backup that now holds the answers."""
    aside: Path | None
    """Where the damaged file was kept, or None when there was no damaged file."""


def restore_backup(path: Path, force: bool = False) -> Restored:
    """Replace ``path`` with its newest good backup; a damaged file is kept aside as ``NAME.corrupt-STAMP.json``.

    A file that still loads is left alone unless ``force`` is given (it is then backed up first, so the restore
    itself can be undone).
    """
    good = newest_good_backup(path)
    if good is None:
        raise InputError(_("there is no good backup of this file to restore"), path)
    damaged = path.exists()
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
    return Restored(backup=good, aside=aside)


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
