"""Reading an answers file: bytes and text with clear errors, the limits on size, nesting and characters, schema
migrations (:mod:`drafter.migrations`, whose names are re-exported here), and validation with messages that name the
field."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.docxio import document_kind
from drafter.errors import InputError, os_reason
from drafter.i18n import _
from drafter.migrations import migrate
from drafter.model import Answers


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


def parse_answers(text: str, path: Path,
                  prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Answers:
    """Parse and validate the text of an answers file (migrating older versions); ``prepare`` completes the
    migrated document before it is validated (with the workspace's organisation profile, see
    :mod:`drafter.store.profile`)."""
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
    if prepare is not None:
        data = prepare(data)
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise InputError(format_validation_error(exc), path) from None
