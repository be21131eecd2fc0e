"""``import.toml``: the pack's data for importing a report (web-page noise, closing line, organ endings, the title
words that tell the report type, label variants of its tables).

A pack that inherits another (``inherits`` in pack.toml) takes that pack's import.toml and overrides it key by key
with its own; an office's folder overrides both the same way."""

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
    signer_posts: list[str] = Field(default_factory=list)
    """Posts a person signs a report with (党委书记, 镇长 …), for a pack signed by a person: a short line at the end
    holding one of them and then a name (``镇党委书记 林晓峰``) is the signature."""
    title_words: list[str] = Field(default_factory=lambda: ["报告"])
    """Words that tell the title of a report."""
    run_in_max_chars: int = Field(default=50, ge=5, le=200)
    """A numbered line whose first sentence ends within this many characters, and goes on, is a run-in heading."""
    identify: list[str] = Field(default_factory=list)
    """Words in a report's title (or, failing a title, its opening) that tell it is this pack's kind of report."""
    label_variants: dict[str, list[str]] = Field(default_factory=dict)
    """Other wordings real reports print for a table label: the pack's label (tables.toml) → its variants."""
    outdated_labels: list[str] = Field(default_factory=list)
    """Labels of an older format of the pack's tables: a source table with two of them is reported as outdated,
    its cells are not placed."""
    outdated_format: str = ""
    """The name of that older format, as the clerk is told it."""

    year_phrases: list[str] = Field(default_factory=list)
    """Regular expressions of sentences that state the report year in the body (``汇报我镇2023年…``), group 1 the
    year: read when neither the title nor the opening names it."""

    @field_validator("noise", "year_phrases")
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
    merged = ImportSpec()
    for folder in reversed(folders):  # the inherited pack first, the pack's own and the office's files over it
        path = folder / "import.toml"
        if path.is_file():
            own = validate_toml(ImportSpec, path)
            merged = merged.model_copy(update={key: getattr(own, key) for key in own.model_fields_set})
    return merged


def import_spec(pack: Pack) -> ImportSpec:
    """The pack's import data (the office's folder first), or the defaults when the pack has none."""
    return _SPECS.get(pack.identity, lambda: _load(pack.folders))
