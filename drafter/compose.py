"""Answers + pack → an in-memory :class:`Document` of blocks.

The same Document feeds the .docx typesetter, the UI preview, the checks and the import round trip.
Each heading gets its number (``一、（一）1.（1）``, made by :mod:`drafter.numbering`) from its depth and position
here, so reordering renumbers; a part that holds one of the pack's tables gets a table block laid out by
:func:`drafter.tables.layout`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from drafter.figures import Values, render, values_of
from drafter.model import Answers, Item, Paragraph, Provenance, Section
from drafter.numbering import outline_number
from drafter.outline import HEADING, INTRO
from drafter.pack import Pack, heading_template
from drafter.tables import PrintedTable, layout


class Kind(StrEnum):
    """What a block is; the typesetter chooses its layout from this alone."""

    TITLE = "title"
    RECIPIENT = "recipient"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"
    CLOSING = "closing"
    SIGNATURE = "signature"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the document.

    For a run-in heading (``（一）加强组织领导。一是……``) ``text`` is the heading and ``body`` the paragraph that
    follows it on the same line.
    """

    kind: Kind
    text: str
    level: int = 0
    number: str = ""
    body: str = ""
    section: str | None = None
    path: tuple[int, ...] = ()
    """Where the block comes from inside its section: item indexes, then the paragraph index
    (a part's intro paragraphs have the path ``(INTRO, index)``, an item's heading ``(…, HEADING)``;
    :mod:`drafter.outline` reads paths back)."""
    provenance: Provenance = Provenance.TYPED
    table: PrintedTable | None = None
    """A table block's printed layout (merged cells, header rows) for the typesetter and the preview."""

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The texts of a table block's cells, row by row (none for other blocks)."""
        return self.table.plain_rows() if self.table is not None else ()

    def plain(self) -> str:
        """The block as one line of plain text, with its number."""
        if self.kind is Kind.HEADING:
            if self.body:
                return f"{self.run_in_head()}{self.body}"
            return f"{self.number}{self.text}"
        if self.kind is Kind.TABLE:
            return "\n".join("\t".join(row) for row in self.rows)
        return self.text

    def run_in_head(self) -> str:
        """A run-in heading as it starts its paragraph: number, heading and the stop before the body.

        The one place that decides the stop (the preview, the checks and the .docx all use it): 。 unless the
        heading already ends in a stop, full-width or half-width.
        """
        heading = self.text
        stop = "" if heading and heading[-1] in RUN_IN_STOPS else "。"
        return f"{self.number}{heading}{stop}"


RUN_IN_STOPS = "。！？；：:.!?"
"""A run-in heading ending in one of these gets no 。 of its own."""


@dataclass(frozen=True, slots=True)
class Masthead:
    """What the submission copy prints around the body: 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人)
    and 版记 (抄送, 印发机关, 印发日期). The plain and the public copies leave it out."""

    organs: tuple[str, ...]
    """The issuing organs of the 发文机关标志, the leading organ first."""
    mark_suffix: str = ""
    number: str = ""
    """The formatted 发文字号, or empty when the answers lack its prefix or serial."""
    issuers: tuple[str, ...] = ()
    copy_number: str = ""
    secrecy: str = ""
    urgency: str = ""
    copy_to: tuple[str, ...] = ()
    printing_organ: str = ""
    print_date: str = ""
    """The 印发日期 as printed, without the word 印发."""


@dataclass(slots=True)
class Document:
    """The composed report."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    author: str = ""
    masthead: Masthead | None = None
    """版头 and 版记 data for the submission copy."""
    signed_by: str = "organs"
    """Who signs: organs, or a person (the pack's ``signed_by``); a report signed by a person has no submission
    copy."""
    title_words: tuple[str, ...] = ()
    """Words the title's line breaks keep whole: the organisation's names and the pack's ``title_words``."""

    def text(self) -> str:
        """The whole document as plain text, one block per line."""
        return "\n".join(block.plain() for block in self.blocks)

    def of_section(self, key: str) -> list[Block]:
        """The blocks of section ``key``."""
        return [b for b in self.blocks if b.section == key]


def signers(answers: Answers, pack: Pack) -> list[str]:
    """Who signs the report: the signing organs, or, for a pack signed by a person, the signatories as typed
    (post and name), without the government organ a report of organs falls back on."""
    if pack.spec.signed_by == "person":
        return [s.strip() for s in answers.org.signatories if s.strip()]
    return answers.org.signing_organs()


def template_context(answers: Answers, pack: Pack) -> dict[str, Any]:
    """The plain-dict context the pack's wording templates receive (never model objects)."""
    org = answers.org
    return {
        "year": answers.year,
        "next_year": answers.year + 1,
        "title_form": answers.title_form,
        "recipients": org.recipients,
        "organs": signers(answers, pack),
        "date": format_date(answers) or "",
        "org": {
            "name": org.name,
            "county": org.county,
            "city": org.city,
            "party_organ": org.party_organ or f"中共{org.name}委员会",
            "government_organ": org.government_organ or f"{org.name}人民政府",
            "address": org.address,
            "postcode": org.postcode,
            "telephone": org.telephone,
        },
    }


def format_date(answers: Answers) -> str | None:
    """The report date as the document prints it: Arabic numerals, full year, no leading zeros."""
    if answers.date is None:
        return None
    from drafter.locale_format import format_document_date

    return format_document_date(answers.date)


def masthead(answers: Answers) -> Masthead:
    """The 版头 and 版记 data of ``answers`` (fields the clerk left empty stay empty)."""
    from drafter.doc_number import format_doc_number, issue_year
    from drafter.locale_format import format_document_date

    org = answers.org
    d = answers.dispatch
    number = ""
    if org.number_prefix and d.serial is not None:
        year = issue_year(answers.year, answers.date.year if answers.date else None)
        number = format_doc_number(org.number_prefix, year, d.serial)
    printed = d.print_date or answers.date
    return Masthead(
        organs=tuple(org.signing_organs()),
        mark_suffix=org.mark_suffix.strip(),
        number=number,
        issuers=tuple(org.issuers),
        copy_number=d.copy_number,
        secrecy=d.secrecy,
        urgency=d.urgency,
        copy_to=tuple(org.copy_to),
        printing_organ=org.printing_organ.strip(),
        print_date=format_document_date(printed) if printed else "",
    )


class _Builder:
    def __init__(self, key: str, values: Values) -> None:
        self.key = key
        self.values = values
        self.blocks: list[Block] = []

    def paragraphs(self, paragraphs: list[Paragraph], path: tuple[int, ...], start: int = 0) -> None:
        for offset, para in enumerate(paragraphs):
            text = render(para.text, self.values).strip()
            if text:
                self.blocks.append(
                    Block(
                        Kind.PARAGRAPH, text, section=self.key, path=(*path, start + offset), provenance=para.provenance
                    )
                )

    def items(self, items: list[Item], level: int, path: tuple[int, ...]) -> None:
        number = 0
        for index, item in enumerate(items):
            where = (*path, index)
            heading = item.heading.strip()
            if not heading:
                self.paragraphs(item.paragraphs, where)
                self.items(item.items, level, where)
                continue
            number += 1
            paragraphs = item.paragraphs
            run_in = bool(item.run_in and paragraphs and paragraphs[0].text.strip())
            body = render(paragraphs[0].text, self.values).strip() if run_in else ""
            heading_path = (*where, 0) if run_in else (*where, HEADING)  # a run-in heading stands for its body
            number_text = outline_number(level, number)
            self.blocks.append(
                Block(Kind.HEADING, heading, min(level, 4), number_text, body, self.key, heading_path, item.provenance)
            )
            self.paragraphs(paragraphs[1:] if run_in else paragraphs, where, 1 if run_in else 0)
            self.items(item.items, level + 1, where)


def section_heading(pack: Pack, key: str, section: Section, context: dict[str, Any]) -> str:
    """The heading of a part: the clerk's own, or the pack's wording for it."""
    if section.heading:
        return section.heading
    return pack.render(heading_template(key), context)


def ordered_sections(answers: Answers, pack: Pack) -> list[tuple[str, Section]]:
    """The parts printed, in the pack's order (parts the pack lacks come last): those with text, and every part
    that holds a table."""
    present = dict(answers.section_items())
    tabled = {s.key for s in pack.spec.sections if s.table}
    order: list[str] = [s.key for s in pack.spec.sections if s.key in present or s.key in tabled]
    order += [k for k in present if k not in order]
    parts = [(k, present.get(k) or Section()) for k in order]
    return [(k, section) for k, section in parts if k in tabled or not section.is_empty()]


def table_block(answers: Answers, pack: Pack, key: str) -> Block | None:
    """The table printed in part ``key``, or None when the part has none."""
    spec = pack.section(key)
    table = pack.table(spec.table) if spec and spec.table else None
    if table is None:
        return None
    printed = layout(table, answers.tables.get(table.key))
    return Block(Kind.TABLE, table.title, section=key, table=printed)


def compose(answers: Answers, pack: Pack) -> Document:
    """Build the Document for ``answers`` with ``pack``'s wording."""
    context = template_context(answers, pack)
    values = values_of(answers, pack)
    title = pack.render("title.j2", context)
    organs = context["organs"]
    doc = Document(
        title=title,
        author=organs[0] if organs else answers.org.name,
        masthead=masthead(answers) if pack.spec.signed_by == "organs" else None,
        signed_by=pack.spec.signed_by,
        title_words=(*organs, answers.org.name, answers.org.county, *pack.spec.title_words),
    )
    blocks = doc.blocks
    blocks.append(Block(Kind.TITLE, title))
    if answers.org.recipients:
        blocks.append(Block(Kind.RECIPIENT, pack.render("recipient.j2", context)))
    opening = answers.opening if answers.opening is not None else pack.render("opening.j2", context)
    opening = render(opening, values)
    if opening.strip():
        blocks.append(Block(Kind.PARAGRAPH, opening.strip()))
    for number, (key, section) in enumerate(ordered_sections(answers, pack), start=1):
        blocks.append(
            Block(Kind.HEADING, section_heading(pack, key, section, context), 1, outline_number(1, number), "", key)
        )
        builder = _Builder(key, values)
        builder.paragraphs(section.intro, (INTRO,))
        builder.items(section.items, 2, ())
        blocks.extend(builder.blocks)
        table = table_block(answers, pack, key)
        if table is not None:
            blocks.append(table)
    closing = pack.render("closing.j2", context)
    if closing:
        blocks.append(Block(Kind.CLOSING, closing))
    for organ in organs:
        blocks.append(Block(Kind.SIGNATURE, organ))
    if context["date"]:
        blocks.append(Block(Kind.DATE, context["date"]))
    return doc
