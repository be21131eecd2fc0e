"""The answers a clerk gives for one report-year, validated by pydantic.

One JSON file per report-year holds one :class:`Answers`. Numbering (``一、``, ``（一）`` …) is never stored:
it is generated from the position of a section or item, so a heading typed with a number has it removed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from drafter.doc_number import SERIAL_MAX
from drafter.locations import DEFAULT_PACK
from drafter.migrations import SCHEMA_VERSION, migrate
from drafter.numbering import strip_numbering

"""The version of the answers file format this code writes (2: paragraphs may hold live figures; 3: the dispatch
data of the submission copy; 4: the parts are the pack's and statistical tables are kept, so that a drafter that
knows neither says the file is newer instead of refusing its fields)."""

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The report years an answers file may hold."""


def year_problem(value: str | int, taken: Collection[int] = ()) -> str:
    """Why ``value`` is not a report year to use ('' when it is one): not a year an answers file can hold, or one of
    ``taken``, the years the workspace has such a report for already (see drafter.workspace.years_taken). The one
    rule for the command line, carrying a report forward and the editor's year dialogs."""
    from drafter.i18n import _

    text = str(value).strip()
    if not (re.fullmatch(r"\d{4}", text) and FIRST_YEAR <= int(text) <= LAST_YEAR):
        return _("{value} is not a report year; give a year from {first} to {last}").format(
            value=text, first=FIRST_YEAR, last=LAST_YEAR)
    if int(text) in taken:
        return _("The workspace already has a report for {year}; open it instead.").format(year=text)
    return ""

PART_KEY = r"^[a-z][a-z0-9_]*$"
"""What a part's key looks like; which keys exist is the pack's business (``pack.toml``'s ``[[sections]]``)."""

# A heading typed as "一、…", "（一）…", "(一)…", "1.…", "1、…" or "（1）…" loses that prefix.
class _Model(BaseModel):
    # defer_build: each model's validator is built when first used rather than when the module is imported, so a
    # nested model is built once, as part of Answers, instead of once on its own and again inside its parents.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Provenance(StrEnum):
    """Where a paragraph's text came from."""

    TYPED = "typed"
    CARRIED = "carried"
    IMPORTED = "imported"


class Paragraph(_Model):
    """One paragraph of running text."""

    text: str
    """The paragraph's text, without its first-line indent."""
    provenance: Provenance = Provenance.TYPED
    """typed by the clerk, carried from last year, or imported from a Word/text file."""

    @property
    def needs_review(self) -> bool:
        """True while the text came from elsewhere and the clerk has not edited or confirmed it."""
        return self.provenance is not Provenance.TYPED


class Item(_Model):
    """A numbered item inside a part: its heading, its paragraphs and optional sub-items."""

    heading: str = ""
    """The item's heading without its number; empty for an item that is only paragraphs."""
    run_in: bool = False
    """Print the heading at the start of the first paragraph (``（一）加强组织领导。一是……``)."""
    paragraphs: list[Paragraph] = Field(default_factory=list)
    """The item's paragraphs, in order."""
    items: list[Item] = Field(default_factory=list)
    """Sub-items, numbered one level deeper (``1.`` then ``（1）``)."""
    provenance: Provenance = Provenance.TYPED
    """Where the heading came from."""

    @field_validator("heading")
    @classmethod
    def _no_number(cls, value: str) -> str:
        return strip_numbering(value)

    def has_text(self) -> bool:
        """True when the item or any sub-item has a heading or a paragraph with text."""
        return (
            bool(self.heading.strip())
            or any(p.text.strip() for p in self.paragraphs)
            or any(child.has_text() for child in self.items)
        )

    def all_paragraphs(self) -> list[Paragraph]:
        """This item's paragraphs followed by those of its sub-items, depth first."""
        out = list(self.paragraphs)
        for child in self.items:
            out.extend(child.all_paragraphs())
        return out


class Section(_Model):
    """One of the mandated parts of the report."""

    heading: str | None = None
    """A heading of the clerk's own; when empty the pack's heading for this part is used."""
    intro: list[Paragraph] = Field(default_factory=list)
    """Paragraphs under the part's heading before its first item."""
    items: list[Item] = Field(default_factory=list)
    """The part's numbered items (``（一）``, ``（二）`` …)."""

    @field_validator("heading")
    @classmethod
    def _no_number(cls, value: str | None) -> str | None:
        return strip_numbering(value) if value else None

    def all_paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the part, in reading order."""
        out = list(self.intro)
        for item in self.items:
            out.extend(item.all_paragraphs())
        return out

    def is_empty(self) -> bool:
        """True when the part has no text at all (headings of sub-items count as text)."""
        return not any(p.text.strip() for p in self.intro) and not any(i.has_text() for i in self.items)


class Organisation(_Model):
    """The township and the organs that sign and receive the report."""

    name: str
    """The township's short name as it appears in running text, e.g. ``青禾镇``."""
    county: str = ""
    """The county or district above it, e.g. ``云溪县``."""
    city: str = ""
    """The city above the county, e.g. ``安平市``."""
    party_organ: str = ""
    """The township Party committee, e.g. ``中共青禾镇委员会``."""
    government_organ: str = ""
    """The township government, e.g. ``青禾镇人民政府``."""
    signatories: list[str] = Field(default_factory=list)
    """The organs that sign, in order; empty means the government organ alone."""
    recipients: str = ""
    """The 主送 line without its colon, e.g. ``县委、县政府``."""
    places: list[str] = Field(default_factory=list)
    """The township's own place names (villages, communities, landmarks) that may appear in the text."""
    number_prefix: str = ""
    """机关代字 of the 发文字号 (submission copy), e.g. ``青禾发``; drafter adds 〔year〕 and the number."""
    mark_suffix: str = ""
    """Written after the organ's name in the 发文机关标志: empty or ``文件``."""
    issuers: list[str] = Field(default_factory=list)
    """签发人: the names of the leaders who sign off the report, in the order of the organs."""
    copy_to: list[str] = Field(default_factory=list)
    """抄送机关 printed in the 版记, in order."""
    printing_organ: str = ""
    """印发机关 printed in the 版记, usually the office of the issuing organ, e.g. ``青禾镇党政综合办公室``."""
    address: str = ""
    """The postal address a reader writes to (the 政府信息公开 report's preamble gives it), e.g. ``云溪县青禾镇
    青禾大道8号``."""
    postcode: str = Field(default="", pattern=r"^(\d{6})?$")
    """The six-digit postcode of that address."""
    telephone: str = ""
    """The telephone number a reader calls about a report, e.g. ``0123-4567890``."""

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("blank", "must not be empty")  # the type names the message (drafter.store)
        return value.strip()

    @field_validator("recipients")
    @classmethod
    def _no_colon(cls, value: str) -> str:
        return value.strip().rstrip("：:")

    @field_validator("number_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        from drafter.doc_number import prefix_problem

        problem = prefix_problem(value) if value.strip() else None
        if problem:
            raise ValueError(problem)
        return value.strip()

    @field_validator("address", "postcode", "telephone", mode="before")
    @classmethod
    def _stripped(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("issuers", "copy_to")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        return [v.strip() for v in value if v.strip()]

    def signing_organs(self) -> list[str]:
        """The organs printed in the signature."""
        if self.signatories:
            return [s for s in self.signatories if s.strip()]
        return [self.government_organ or f"{self.name}人民政府"]


class Figure(_Model):
    """A typed figure: this year's value and last year's beside it. Rates are derived, never stored."""

    value: Annotated[int, Field(ge=0)] | None = None
    """This year's count; empty until the clerk types it."""
    previous: Annotated[int, Field(ge=0)] | None = None
    """Last year's count, kept when the report is carried forward."""


class Dispatch(_Model):
    """This report's own dispatch data for the submission copy (the organisation's part is in :class:`Organisation`)."""

    serial: Annotated[int, Field(ge=1, le=SERIAL_MAX)] | None = None
    """发文顺序号: the number in ``青禾发〔2026〕3号`` (1 to :data:`drafter.doc_number.SERIAL_MAX`); the year comes from
    the date."""
    copy_number: Annotated[str, Field(pattern=r"^(\d{6})?$")] = ""
    """份号: six digits, or empty when copies are not numbered."""
    secrecy: Annotated[str, Field(pattern=r"^((绝密|机密|秘密)(★.*)?)?$")] = ""
    """密级和保密期限, e.g. ``秘密★1年``; empty for a report that is not classified."""
    urgency: Literal["", "特急", "加急"] = ""
    """紧急程度: ``特急`` or ``加急``, or empty."""
    print_date: dt.date | None = None
    """印发日期 in the 版记; when empty the report's date is used."""


CellValue = Annotated[int, Field(ge=0)] | Annotated[float, Field(ge=0, allow_inf_nan=False)]
"""A table cell: a non-negative count, or an amount with decimals where the pack allows them (万元)."""

Cells = dict[str, dict[str, CellValue]]
"""A table's cells by row key, then column key."""


class Table(_Model):
    """The cells of one of the pack's statistical tables. Cells the pack derives (总计) are computed, never typed."""

    cells: Cells = Field(default_factory=dict)
    """The cells the clerk typed (or that were imported), by row key then column key; an absent cell is empty."""
    printed: Cells = Field(default_factory=dict)
    """Derived cells as an imported document printed them, kept so the checks can show a total that did not add
    up; the document drafter writes always prints the computed total."""
    previous: Cells = Field(default_factory=dict)
    """Last year's cells, derived ones included, kept when the report is carried forward (shown beside this
    year's and used by the rules that span two years)."""


TitleForm = Literal["government", "joint", "plain"]


class Answers(_Model):
    """Everything the clerk answered for one report-year."""

    schema_version: Literal[4] = SCHEMA_VERSION
    """Format version of this file; older files are migrated when loaded."""

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        # An older document validated directly (not read through drafter.store) is migrated the same way, by the
        # store's one registry of migrations.
        version = data.get("schema_version") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and 1 <= version < SCHEMA_VERSION:
            return migrate(data, Path("answers"))
        return data
    pack: str = DEFAULT_PACK
    """The template pack the report is written with."""
    org: Organisation
    """The township, its superiors and the organs that sign."""
    year: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
    """The year being reported on (the report is written early the following year)."""
    date: dt.date | None = None
    """The date printed under the signature."""
    opening: str | None = None
    """The opening paragraph; when empty the pack's standard opening is used."""
    title_form: TitleForm = "government"
    """government: 《X镇人民政府关于…》; joint: Party committee and government; plain: 《关于…》."""
    sections: dict[Annotated[str, Field(pattern=PART_KEY)], Section] = Field(default_factory=dict)
    """The parts written so far, under the pack's part keys (``measures``, ``problems`` … for 法治政府建设); the
    pack decides which keys exist and their order."""
    tables: dict[Annotated[str, Field(pattern=PART_KEY)], Table] = Field(default_factory=dict)
    """The pack's statistical tables under their keys, with the cells the clerk typed."""
    figures: dict[str, Figure] = Field(default_factory=dict)
    """Typed figures by catalogue key (see the pack's figure catalogue)."""
    dispatch: Dispatch = Field(default_factory=Dispatch)
    """发文字号 number, 份号, 密级, 紧急程度 and 印发日期 of the submission copy."""
    _profile_as_read: dict[str, Any] | None = PrivateAttr(default=None)
    """The workspace profile's fields as they were when these answers were read (not saved)."""

    @property
    def profile_as_read(self) -> dict[str, Any] | None:
        """The organisation profile these answers were read with (:mod:`drafter.store.profile`), or None: saving
        writes back to the profile only the fields changed since, so that two reports open at once do not undo
        each other's changes."""
        return self._profile_as_read

    def read_with(self, profile: dict[str, Any] | None) -> None:
        """Note the organisation profile these answers were read with (see :attr:`profile_as_read`)."""
        self._profile_as_read = dict(profile) if profile is not None else None

    def section_items(self) -> list[tuple[str, Section]]:
        """The parts that exist, with their keys, in the order they were written (the pack orders them)."""
        return list(self.sections.items())

    def figure_value(self, key: str) -> int | None:
        """This year's value of a figure, or None when it is not typed."""
        fig = self.figures.get(key)
        return fig.value if fig else None

    def to_json(self) -> str:
        """The lean JSON text saved to disk (defaults left out, Chinese kept readable)."""
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        data.update(self.model_dump(mode="json", exclude_defaults=True))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"



def _field_docstrings() -> dict[str, dict[str, str]]:
    """The docstring under each field of each model in this module, read from the source.

    Kept out of pydantic's own ``use_attribute_docstrings``, which parses the source on every import and slows
    every cold start; only ``drafter schema`` needs the descriptions.
    """
    import ast
    from pathlib import Path

    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        for current, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(current, ast.AnnAssign)
                and isinstance(current.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                fields[current.target.id] = " ".join(following.value.value.split())
        found[node.name] = fields
    return found


def json_schema() -> dict[str, Any]:
    """The JSON Schema of answers files, with every field described by its docstring."""
    schema = Answers.model_json_schema()
    docs = _field_docstrings()
    for name, definition in [("Answers", schema), *schema.get("$defs", {}).items()]:
        for field_name, prop in definition.get("properties", {}).items():
            text = docs.get(name, {}).get(field_name)
            if text:
                prop.setdefault("description", text)
    return schema
