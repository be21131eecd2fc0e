"""``import.toml``: the pack's data for importing a report (web-page noise, closing line, organ endings)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from drafter.cache import Cache
from drafter.pack import Pack, validate_toml


class ImportSpec(BaseModel):
    """How a report looks to the importer; see ``templates/<pack>/import.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    noise: list[str] = Field(default_factory=list)
    """Regular expressions of paragraphs that are not part of the report (web-page text)."""
    closing: list[str] = Field(default_factory=lambda: ["特此报告"])
    """Closing lines, without their full stop."""
    organ_suffixes: list[str] = Field(default_factory=lambda: ["委员会", "人民政府", "党委", "政府"])
    """Endings of the names of organs that sign a report or head its title."""
    township_suffixes: list[str] = Field(default_factory=lambda: ["街道", "镇", "乡"])
    """Endings of a township's name."""
    not_townships: list[str] = Field(default_factory=list)
    """Words with a township's ending that are not a name (城镇, 全镇 …)."""
    placeholder_org: str = "XX镇"
    """The township's name when the source does not give it."""
    title_words: list[str] = Field(default_factory=lambda: ["报告"])
    """Words that tell the title of a report."""
    run_in_max_chars: int = Field(default=50, ge=5, le=200)
    """A numbered line whose first sentence ends within this many characters, and goes on, is a run-in heading."""

    @field_validator("noise")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} does not compile: {exc}") from None
        return value


_SPECS: Cache[ImportSpec] = Cache()


def _load(folders: tuple[Path, ...]) -> ImportSpec:
    for folder in folders:
        path = folder / "import.toml"
        if path.is_file():
            return validate_toml(ImportSpec, path)
    return ImportSpec()


def import_spec(pack: Pack) -> ImportSpec:
    """The pack's import data (the office's folder first), or the defaults when the pack has none."""
    return _SPECS.get(pack.identity, lambda: _load(pack.folders))
