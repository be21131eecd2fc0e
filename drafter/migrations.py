"""The versions of the answers format and the one registry of migrations between them, from version 1 on.

A leaf (it imports no model, no store): the model migrates an older document validated directly through it, and
the store (:mod:`drafter.store.read`) migrates every file it reads through it, so both go the same way and neither
imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from drafter.errors import InputError
from drafter.i18n import _

SCHEMA_VERSION: Literal[4] = 4
"""The version of the answers format this drafter writes."""

ESCAPED_REFERENCE = "[[fig\\:"
"""How a literal ``[[fig:`` in a file older than live figures is kept literal (printed back as ``[[fig:``)."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` turns a version-``n`` document into a version-``n+1`` one."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that upgrades a document from ``from_version`` to the next version."""

    def register(func: Migration) -> Migration:
        MIGRATIONS[from_version] = func
        return func

    return register


def escape_literal(text: str) -> str:
    """``text`` written before live figures existed, with anything that looks like a reference kept literal."""
    return text.replace("[[fig:", ESCAPED_REFERENCE)


@migration(1)
def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A version-1 answers document as version 2: text that happens to look like a live figure stays literal.

    Version 1 had no live figures, so every number in it is literal and stays so.
    """

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: escape_literal(v) if k in ("text", "opening") and isinstance(v, str) else walk(v)
                    for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    out: dict[str, Any] = walk(data)
    out["schema_version"] = 2
    return out


@migration(2)
def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds the dispatch data of the submission copy (``dispatch`` and new ``org`` fields), all optional:
    a version-2 file needs nothing but its new version number."""
    return data


@migration(3)
def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 keys the parts by the pack's own part keys and adds statistical tables (``tables``, optional): a
    version-3 file, always of the 法治政府建设 pack whose keys it already uses, needs nothing but its new number."""
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
