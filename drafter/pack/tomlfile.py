"""TOML with source locations: parse a pack or snippet file and validate it, reporting any problem as
``file:line: message`` (the line found from the pydantic location of the problem)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from drafter.errors import PackError

M = TypeVar("M", bound=BaseModel)


def locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best guess at the line of ``text`` (a TOML file) that holds the value at pydantic ``loc``."""
    lines = text.splitlines()
    start = 0
    table = ""
    parts = list(loc)
    index = 0
    found: int | None = None
    while index < len(parts):
        part = parts[index]
        if isinstance(part, str):
            nxt = parts[index + 1] if index + 1 < len(parts) else None
            qualified = f"{table}.{part}" if table else part
            if isinstance(nxt, int):
                header = re.compile(rf"^\s*\[\[\s*{re.escape(qualified)}\s*\]\]")
                count = -1
                for number in range(start, len(lines)):
                    if header.match(lines[number]):
                        count += 1
                        if count == nxt:
                            start = number
                            found = number
                            break
                else:
                    return found + 1 if found is not None else None
                table = qualified
                index += 2
                continue
            key = re.compile(rf"^\s*(?:{re.escape(part)}\s*=|\[\s*{re.escape(qualified)}\s*\])")
            for number in range(start, len(lines)):
                if key.match(lines[number]):
                    start = number
                    found = number
                    break
            table = qualified
        index += 1
    return found + 1 if found is not None else None


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # here, not at the top: a render whose pack comes from the disk cache parses no TOML

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise PackError(str(exc), path, int(match.group(1)) if match else None) from None


def validate_toml(model: type[M], path: Path) -> M:
    """Parse the TOML file ``path`` into ``model``; any problem is a PackError with the file and its line."""
    text = path.read_text(encoding="utf-8")
    data = parse_toml(text, path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in problem["loc"])
        message = f"{where}: {problem['msg']}" if where else str(problem["msg"])
        raise PackError(message, path, locate(text, tuple(problem["loc"]))) from None


