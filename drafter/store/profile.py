"""The organisation profile: what describes the township rather than one report — its names, county and city, the
organs, place names, 发文字号 prefix, 签发人, 抄送, 印发机关, address, postcode and telephone — typed once per
workspace in ``organisation.json`` and shared by every report type and year.

A workspace with a profile keeps in each answers file only what is the report's own (:data:`OWN_FIELDS`: who signs it
and to whom it goes, which differ between report types) and the township's name, a copy that lets a file taken
out of the workspace still be read on its own; loading such a file takes every other field from the profile, and
saving one writes the organisation's fields back to the profile, so that a change typed in one report shows in all.
A folder without a profile is read and written as before; :func:`adopt` gives a workspace its profile and moves
the organisation's fields of its existing files into it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.errors import InputError
from drafter.i18n import _
from drafter.model import Answers, Organisation
from drafter.safewrite import atomic_write
from drafter.store.read import check_texts, format_validation_error, json_problem, read_text

PROFILE_NAME = "organisation.json"
"""The profile's file name in a workspace folder."""

OWN_FIELDS = frozenset({"name", "signatories", "recipients"})
"""The fields of :class:`~drafter.model.Organisation` an answers file keeps in a workspace with a profile: who signs
and to whom it goes are the report's own; the name is a copy (the profile's wins)."""


def profile_path(folder: Path) -> Path:
    """Where the profile of the workspace ``folder`` is."""
    return folder / PROFILE_NAME


def read_profile(folder: Path) -> dict[str, Any] | None:
    """The organisation's fields kept in ``folder``'s profile, or None when the folder has none.

    A damaged profile is refused with one line naming it (:class:`~drafter.errors.InputError`)."""
    path = profile_path(folder)
    if not path.is_file():
        return None
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(_("not valid JSON: {reason} (line {line}, column {column})").format(
            reason=json_problem(exc), line=exc.lineno, column=exc.colno), path, exc.lineno) from None
    if not isinstance(data, dict):
        raise InputError(_("an organisation profile must hold a JSON object"), path)
    check_texts(data, path)
    try:
        org = Organisation.model_validate({k: v for k, v in data.items() if k not in OWN_FIELDS - {"name"}})
    except ValidationError as exc:
        raise InputError(format_validation_error(exc), path) from None
    return shared_fields(org)


def shared_fields(org: Organisation) -> dict[str, Any]:
    """The organisation's fields of ``org`` (not the report's own) as the profile keeps them: defaults left out."""
    data = org.model_dump(mode="json", exclude_defaults=True)
    return {k: v for k, v in data.items() if k not in OWN_FIELDS or k == "name"}


def join(data: dict[str, Any], profile: dict[str, Any]) -> dict[str, Any]:
    """An answers document (as read, before validation) with the organisation's fields taken from ``profile``."""
    org = data.get("org")
    own: dict[str, Any] = org if isinstance(org, dict) else {}
    kept = {k: v for k, v in own.items() if k in OWN_FIELDS}
    return {**data, "org": {**kept, **profile}}


def split(answers: Answers, current: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    """The text of the answers file as a workspace with a profile keeps it, and the profile to save with it.

    With ``current`` (the profile on disk now), only the organisation's fields changed since the answers were read
    (:attr:`~drafter.model.Answers.profile_as_read`) replace its values: another report saved meanwhile keeps its
    changes. Answers not read from this workspace only fill the fields the profile lacks."""
    data = json.loads(answers.to_json())
    org = data.get("org", {})
    data["org"] = {k: v for k, v in org.items() if k in OWN_FIELDS}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    mine = shared_fields(answers.org)
    base = answers.profile_as_read
    if current is None:
        return text, mine
    if base is None:  # answers made, not read here (a new, carried-forward or imported report): the profile wins
        return text, {**mine, **current}
    merged = dict(current)
    for key in set(mine) | set(base):
        if mine.get(key) != base.get(key):
            if key in mine:
                merged[key] = mine[key]
            else:
                merged.pop(key, None)
    return text, merged


def write_profile(folder: Path, shared: dict[str, Any]) -> None:
    """Save the organisation's fields as ``folder``'s profile (atomically), unless it already holds them."""
    path = profile_path(folder)
    text = json.dumps(shared, ensure_ascii=False, indent=2) + "\n"
    if path.is_file() and read_text(path) == text:
        return
    atomic_write(path, text.encode("utf-8"))


def newest(files: list[tuple[Path, Answers]]) -> Answers | None:
    """The answers the profile is first made from: the latest report year's, the most recently saved first."""
    if not files:
        return None
    return max(files, key=lambda item: (item[1].year, item[0].stat().st_mtime))[1]
