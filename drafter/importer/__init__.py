"""Import last year's report from a Word (.docx, .doc/.wps through LibreOffice) or text file into answers.

``import_file`` reads the source's paragraphs, recognises the title, organ, year, 主送 line, opening, the
numbered parts and items at every level (run-in headings included), 特此报告, the signature and the date; maps
each part to a canonical section by the meaning of its heading; and finds the catalogue's figures in the text.
Nothing is lost: whatever is not part of the report (for example the text of the web page a report was copied
from) is kept in :attr:`ImportResult.unrecognised`, with the paragraph numbers where it was; footnotes, endnotes and
comments are in :attr:`ImportResult.aside` and reported in the notes. Traditional characters are read as simplified
for recognising (the text is kept as written). A source with no text at all is refused.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.docxio import drop_debris
from drafter.errors import InputError
from drafter.i18n import N_, _
from drafter.importer.figures import FoundFigure, find_figures
from drafter.importer.fold import simplified
from drafter.importer.grid import Source, text_tables
from drafter.importer.organs import joint_signatories, organ_parts, township_names
from drafter.importer.parse import YEAR, Parsed, Parser, detect_year
from drafter.importer.place import PlacedTables, Placer
from drafter.importer.read import read_blocks, read_source
from drafter.importer.spec import ImportSpec, import_spec
from drafter.importer.which import choose_pack
from drafter.model import Answers, Item, Provenance
from drafter.pack import Pack, Role

__all__ = ["ImportResult", "Source", "duty_item", "import_blocks", "import_file", "read_blocks", "read_source"]


@dataclass
class ImportResult:
    """The answers made from a source file, and everything the import found or kept aside."""

    answers: Answers
    """The imported report as answers; paragraphs and item headings are marked imported."""
    unrecognised: list[str]
    """Paragraphs that are not part of the report (e.g. web-page text), kept aside, in source order."""
    source: Path
    """The file imported."""
    notes: list[str] = field(default_factory=list)
    """What the clerk should know about the import, in the UI's language."""
    unrecognised_at: list[int] = field(default_factory=list)
    """The 1-based paragraph number of each unrecognised paragraph in the source."""
    title: str = ""
    """The title as the source writes it (organs and line breaks removed)."""
    title_lines: list[str] = field(default_factory=list)
    """The source lines that made up the title, the organ line included."""
    recipient_line: str = ""
    """The 主送 line as written."""
    parts: list[tuple[str, str]] = field(default_factory=list)
    """Each level-1 part of the source, in its order: (canonical key, heading as written)."""
    headings: dict[str, str] = field(default_factory=dict)
    """The source's heading of each section found (before the pack's standard wording was dropped)."""
    duty_inside: str | None = None
    """When duty is not a part of its own but an item inside another part: that part's key."""
    duty_item: str = ""
    """The heading of that item."""
    figures: list[FoundFigure] = field(default_factory=list)
    """The figures found in the text, with the clause each was found in."""
    closing: str = ""
    """The closing line (特此报告) as written."""
    signature: list[str] = field(default_factory=list)
    """The signature lines as written."""
    date_line: str = ""
    """The date line as written."""
    stripped: list[str] = field(default_factory=list)
    """Outline numbers and run-in full stops removed from headings (they are generated when rendering)."""
    blocks: int = 0
    """How many non-empty paragraphs the source has."""
    carried_from: int | None = None
    """When the source reports on an earlier year than asked for: that year (its text was carried forward)."""
    numbers: list[str] = field(default_factory=list)
    """The numbers Word's automatic numbering showed, put before their paragraphs as if typed."""
    aside: list[tuple[str, str]] = field(default_factory=list)
    """Footnotes, endnotes and comments ``(kind, text)``: the report has no place for them; each is in the notes."""
    pack: Pack | None = None
    """The pack (report type) the source was imported with."""
    tables: list[str] = field(default_factory=list)
    """The keys of the pack's tables found in the source and placed, in the order found."""
    outdated: list[str] = field(default_factory=list)
    """The first row of each source table in an outdated format (reported, not placed)."""

    def has_section(self, key: str) -> bool:
        """True when the report covers ``key``: as a part of its own, or (the duty part) as an item inside another."""
        if self.answers.sections.get(key) is not None:
            return True
        return self.duty_inside is not None and self.pack is not None and key == self.pack.spec.key_of(Role.DUTY)


def _compact(text: str) -> str:
    return "".join(text.split())


def _title_head(title: str) -> list[str]:
    """The words before the year or 关于 of a title that names no organ (``泔溪镇2021年度法治政府建设情况报告``)."""
    ends = [at for at in (simplified(title).find("关于"), _first_year(title)) if at > 0]
    return [_compact(title[: min(ends)])] if ends else []


def _first_year(text: str) -> int:
    match = YEAR.search(text)
    return match.start() if match else -1


def _phrase_year(texts: list[str], spec: ImportSpec) -> int | None:
    """The report year a sentence of the text states (``汇报我镇2023年政府信息公开工作``): the pack's
    ``year_phrases``, searched in the first paragraphs, when neither the title nor the opening names the year."""
    patterns = [re.compile(p) for p in spec.year_phrases]
    for text in texts[:_YEAR_PHRASE_PARAGRAPHS]:
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                return int(match.group(1))
    return None


_YEAR_PHRASE_PARAGRAPHS = 5
"""How many of the first paragraphs are searched for a sentence stating the report year."""


def _organisation(parsed: Parsed, spec: ImportSpec, org_name: str | None, texts: list[str],
                  notes: list[str]) -> dict[str, Any]:
    """The organisation as the title's and the signature's organs name it; the running text only when both are
    silent (with a note in ``notes``)."""
    organs = [_compact(o) for o in parsed.title_organs]
    signed = [" ".join(s.split()) if s in parsed.persons else _compact(s) for s in parsed.signature]
    # a person's line keeps the space between post and name, and a report a person signs is not the title's organs'
    signatories = signed if parsed.persons else joint_signatories(organs, signed)
    everything = organs + [s for s in signatories if s not in organs]
    party = next((o for o in everything if simplified(o).endswith(("委员会", "党委", "党工委"))), "")
    government = next((o for o in everything if simplified(o).endswith(("政府", "办事处"))), "")
    name = county = city = ""
    for organ in [*everything, *_title_head(parsed.title)]:
        name, county, city = organ_parts(organ, spec)
        if name:
            break
    if not name and not org_name and parsed.persons:  # the signer's post names it: 青禾镇党委书记 林晓峰
        signed_by = township_names(list(parsed.persons), spec)
        name = signed_by[0] if signed_by else ""
    if not name and not org_name:
        candidates = township_names(texts, spec)
        name = candidates[0] if candidates else ""
        if name:
            notes.append(_("the title and the signature do not name the township: “{name}” was taken from the "
                           "text; check it").format(name=name))
    if org_name:
        name = org_name.strip()
    data: dict[str, Any] = {
        "name": name or spec.placeholder_org,
        "county": county,
        "city": city,
        "party_organ": party,
        "government_organ": government,
        "signatories": signatories,
        "recipients": parsed.recipient_line,
    }
    return data


def _sections(parser: Parser, result: ImportResult, provenance: str) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for part in parser.out.parts:
        key = part.key or parser.fallback_key()
        result.parts.append((key, part.heading))
        paragraphs = [{"text": t, "provenance": provenance} for t in part.intro]
        items = [node.dump(provenance) for node in part.items]
        if key not in sections:
            result.headings[key] = part.heading
            sections[key] = {"heading": part.heading or None, "intro": paragraphs, "items": items}
        else:
            merged = {"heading": part.heading, "provenance": provenance, "paragraphs": paragraphs, "items": items}
            sections[key]["items"].append(merged)
            result.notes.append(
                _("the part “{heading}” was added to {key} as an item").format(heading=part.heading, key=key)
            )
    return sections


def _texts(sections: dict[str, Any], pack: Pack) -> list[str]:
    out: list[str] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            out.extend(p["text"] for p in item["paragraphs"])
            walk(item["items"])

    for key in [s.key for s in pack.spec.sections]:  # the pack's parts, in its order
        section = sections.get(key)
        if section:
            out.extend(p["text"] for p in section["intro"])
            walk(section["items"])
    return out


def _standard_wording(answers: Answers, pack: Pack) -> None:
    """Drop headings and the opening where they are the pack's own wording (the round trip stays the same)."""
    from drafter.compose import template_context
    from drafter.pack import heading_template

    context = template_context(answers, pack)
    for key, section in answers.section_items():
        standard = pack.render(heading_template(key), context) if pack.section(key) is not None else None
        if section.heading and section.heading == standard:
            section.heading = None
    if answers.opening is None:
        return
    if answers.opening == pack.render("opening.j2", context):
        answers.opening = None
    elif not answers.org.county:
        # The standard opening names the county: render it with a marker there and read the county back.
        marker = "\u0001"
        context["org"] = {**context["org"], "county": marker}
        wording = re.escape(pack.render("opening.j2", context))
        pattern = wording.replace(re.escape(marker), "(.{2,12}?)", 1)
        match = re.fullmatch(pattern, answers.opening) if pattern != wording else None
        if match:
            answers.org.county = match.group(1)
            answers.opening = None


DUTY_MIN_SCORE = 4
"""How strongly an item's heading must match the duty part's keywords to count as the duty part."""


def duty_item(answers: Answers, pack: Pack) -> tuple[str, Item] | None:
    """``(part key, item)`` when duty is not a part of its own but a level-2 item inside another part.

    Real reports often write it as ``（一）党政主要负责人严格履行推进法治建设第一责任人职责`` inside the measures.
    The checks use this to count duty as present. None when there is a duty part, or no such item.
    """
    spec = pack.spec.with_role(Role.DUTY)
    if spec is None or answers.sections.get(spec.key) is not None:
        return None
    for key, section in answers.section_items():
        for item in section.items:
            heading = simplified(item.heading)
            if sum(len(word) for word in spec.keywords if word in heading) >= DUTY_MIN_SCORE:
                return key, item
    return None


def _duty_inside(answers: Answers, pack: Pack, result: ImportResult) -> None:
    found = duty_item(answers, pack)
    if found is None:
        return
    key, item = found
    result.duty_inside = key
    result.duty_item = item.heading
    result.notes.append(
        _("duty is reported inside {key}, as the item “{item}”; it is kept there").format(key=key, item=item.heading)
    )


_ASIDE = {
    "footnote": N_("a footnote was not put into the report (it has no footnotes): “{text}”"),
    "endnote": N_("an endnote was not put into the report (it has no endnotes): “{text}”"),
    "comment": N_("a comment was not put into the report: “{text}”"),
    "debris": N_("what a Word bookmark or field left in the text was dropped: “{text}”"),
}


def _without_debris(read: Source) -> Source:
    """``read`` without what Word's bookmarks and fields left in its text (``[bookmark: _GoBack]``), each piece
    kept aside to be reported."""
    blocks: list[str] = []
    dropped: list[tuple[str, str]] = []
    for block in read.blocks:
        text, found = drop_debris(block)
        blocks.append(text)
        dropped.extend(("debris", piece) for piece in found)
    if not dropped:
        return read
    return replace(read, blocks=blocks, aside=[*read.aside, *dropped])


def import_blocks(
    blocks: list[str] | Source,
    source: Path,
    pack: Pack | None = None,
    year: int | None = None,
    org: str | None = None,
) -> ImportResult:
    """Import a report given as its paragraphs, or as what :func:`read_source` read (see :func:`import_file`)."""
    read = _without_debris(blocks if isinstance(blocks, Source) else Source(list(blocks),
                                                                          tables=text_tables(list(blocks))))
    blocks = read.blocks
    pack = pack or choose_pack(blocks)
    spec = import_spec(pack)
    placed = Placer(pack, spec).place(read.tables, blocks) if pack.tables.tables else PlacedTables()
    prose = ["" if n in placed.consumed else text for n, text in enumerate(blocks)]
    parser = Parser(pack, spec)
    parsed = parser.parse(prose)
    parsed.unrecognised.extend(placed.unrecognised)
    detected = detect_year(parsed) or _phrase_year([t for t in prose if t.strip()], spec)
    report_year = detected or year or dt.date.today().year - 1
    parser.assign(report_year)
    provenance = Provenance.IMPORTED.value
    result = ImportResult(
        answers=Answers.model_validate({"org": {"name": "-"}, "year": report_year}),
        unrecognised=[t for _i, t in sorted(parsed.unrecognised)],
        unrecognised_at=[i + 1 for i, _t in sorted(parsed.unrecognised)],
        source=source,
        title=parsed.title,
        title_lines=parsed.title_lines,
        recipient_line=parsed.recipient_line,
        closing=parsed.closing,
        signature=parsed.signature,
        date_line=parsed.date_line,
        stripped=parsed.stripped,
        notes=list(dict.fromkeys(parsed.notes)),
        blocks=sum(1 for b in blocks if b.strip()),
        numbers=list(read.numbers),
        aside=list(read.aside),
        pack=pack,
        tables=list(placed.found),
        outdated=list(placed.outdated),
    )
    sections = _sections(parser, result, provenance)
    texts = _texts(sections, pack)
    found = find_figures(texts, pack)
    result.figures = found
    organs = len(parsed.title_organs)
    titled = any(organ_parts(head, spec)[0] for head in _title_head(parsed.title))  # 泔溪镇2021年度…报告
    data: dict[str, Any] = {
        "pack": pack.name,
        "org": _organisation(parsed, spec, org, [parsed.opening or "", *texts] if not org else [], result.notes),
        "year": report_year,
        "date": parsed.date,
        "opening": parsed.opening,
        "title_form": "joint" if organs >= 2 else "government" if organs == 1 or titled else "plain",
        "sections": sections,
        "figures": {f.key: {"value": f.value} for f in found},
        "tables": {key: {"cells": placed.cells.get(key, {}), "printed": placed.printed.get(key, {})}
                   for key in placed.found},
    }
    answers = Answers.model_validate(data)
    _standard_wording(answers, pack)
    for key in [k for k, s in answers.sections.items() if s.heading is None and s.is_empty()]:
        part = pack.section(key)
        if part is not None and part.table:
            del answers.sections[key]  # a part that is its table alone (it is printed with the table)
    _duty_inside(answers, pack, result)
    if detected is None:
        result.notes.append(_("no report year was found in the source; {year} is assumed").format(year=report_year))
    if not any(part.heading for part in parsed.parts):
        result.notes.append(_("no numbered parts (一、二、…) were found; the text was put under measures"))
    if year is not None and detected is not None and year != detected:
        from drafter.reuse import carry_forward

        answers = carry_forward(answers, year, pack)
        result.carried_from = detected
        result.notes.append(
            _("the source reports on {old}; its text was carried forward to {new}").format(old=detected, new=year)
        )
    for kind, text in read.aside:
        result.notes.append(_(_ASIDE[kind]).format(text=text))
    result.notes.extend(dict.fromkeys(placed.notes))
    result.answers = answers
    return result


def import_file(
    path: Path, pack: Pack | None = None, year: int | None = None, org: str | None = None,
    pack_dir: Path | None = None, cancel: threading.Event | None = None,
) -> ImportResult:
    """Import the report in ``path`` (.docx, .txt, .html; .doc/.wps through LibreOffice) as answers.

    ``pack``: the report type; when None it is told from the source (:func:`drafter.importer.which.choose_pack`).

    ``year``: the report year wanted; when the source reports on an earlier year its text is carried forward
    (years moved on, figures kept as last year's). ``org``: the township's name, when the source does not give it.
    ``pack_dir``: an office's pack folder (``--pack DIR``), used when ``pack`` is None.
    ``cancel``: set from another thread, it stops a LibreOffice run (:class:`~drafter.errors.Cancelled`).
    """
    path = Path(path)
    source = read_source(path, cancel)
    if not any(block.strip() for block in source.blocks) and not source.aside:
        raise InputError(_("no text found (is it a scanned image, or only pictures?)"), path)
    return import_blocks(source, path, pack or choose_pack(source.blocks, pack_dir), year, org)
