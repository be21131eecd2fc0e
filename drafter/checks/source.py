"""What ``drafter check`` checks: an answers file, or a Word or text file read through the importer."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter.checks import check_document, sort_findings
from drafter.checks.compiled import compiled
from drafter.checks.findings import Finding
from drafter.checks.places import home_county
from drafter.checks.text import units
from drafter.compose import Block, Document, Kind, compose
from drafter.errors import InputError
from drafter.i18n import _
from drafter.model import Answers, Organisation
from drafter.pack import Pack

ANSWERS_SUFFIXES = (".json",)
IMPORT_SUFFIXES = (".docx", ".txt", ".doc", ".wps", ".html", ".htm")


@dataclass
class CheckSource:
    """A report ready to be checked."""

    path: Path
    answers: Answers
    doc: Document
    pack: Pack
    org: Organisation | None
    """None when the township is not known (place names are then not checked)."""
    is_answers: bool
    duty_in_measures: bool = False
    notes: list[str] = field(default_factory=list)


def load_source(path: Path, *, year: int | None = None, org: str | None = None,
                pack_dir: Path | None = None) -> CheckSource:
    """Read ``path`` (answers .json, .docx or .txt); ``year`` and ``org`` override what the source states."""
    suffix = path.suffix.lower()
    if suffix in ANSWERS_SUFFIXES:
        from drafter.pipeline import load_checked

        answers, pack = load_checked(path, pack_dir)
        update: dict[str, object] = {}
        if year is not None:
            update["year"] = year
        if org:
            update["org"] = answers.org.model_copy(update={"name": org.strip()})
        if update:
            answers = answers.model_copy(update=update)
        return CheckSource(path, answers, compose(answers, pack), pack, answers.org, True)
    if suffix in IMPORT_SUFFIXES:
        return _imported(path, year, org, pack_dir)
    raise InputError(_("cannot check this kind of file: give an answers file (.json), a .docx, a .txt or "
                        "a saved web page (.html)"), path)


def _imported(path: Path, year: int | None, org: str | None, pack_dir: Path | None) -> CheckSource:
    from drafter.importer import import_file
    from drafter.importer.spec import import_spec

    # The importer's own ``year`` carries an older report forward; a check must see the text as written.
    result = import_file(path, None, None, org, pack_dir=pack_dir)  # the report type is told from the source
    pack = result.pack
    assert pack is not None  # import_file always sets it
    answers = result.answers
    if year is not None:
        answers = answers.model_copy(update={"year": year})
    notes = list(result.notes)
    if result.unrecognised:
        notes.append(_("{n} paragraphs that are not part of the report were left out").format(
            n=len(result.unrecognised)))
    known = answers.org.name != import_spec(pack).placeholder_org
    if not known:
        notes.append(_("the township's name was not found in the source: place names are not checked "
                       "(give it with --org)"))
    doc = compose(answers, pack)
    blocks: list[Block] = []
    for block in doc.blocks:
        if block.kind is Kind.TITLE and not result.title:
            continue  # the source has no title: the pack's would name a placeholder the source does not have
        if block.kind is Kind.PARAGRAPH and block.section is None and answers.opening is None and not known:
            continue  # nor an opening: the pack's, naming the placeholder township
        if block.kind is Kind.TITLE:
            block = replace(block, text=result.title)
        elif block.kind is Kind.SIGNATURE or (block.kind is Kind.DATE and not result.date_line):
            continue
        elif block.kind is Kind.DATE:
            block = replace(block, text=result.date_line)
        blocks.append(block)
    date_at = next((i for i, b in enumerate(blocks) if b.kind is Kind.DATE), len(blocks))
    blocks[date_at:date_at] = [Block(Kind.SIGNATURE, line) for line in result.signature if line.strip()]
    doc.blocks = blocks
    org_checked = answers.org if known else None
    if org_checked is not None and not org_checked.county:
        county = home_county(compiled(pack), [u.text for u in units(doc.blocks)], org_checked.recipients)
        if county:
            org_checked = org_checked.model_copy(update={"county": county})
            notes.append(_("the township's county was taken to be {county}, the one the text names most").format(
                county=county))
    return CheckSource(path, answers, doc, pack, org_checked, False, result.duty_inside is not None, notes)


def check_source(source: CheckSource, previous: Answers | None = None, *, alone: bool = False) -> list[Finding]:
    """All checks on a loaded source; for an answers file, unless ``alone``, also against the other report types
    of the same year beside it (:mod:`drafter.checks.linked`)."""
    findings = check_document(
        source.doc, source.pack, year=source.answers.year, org=source.org, answers=source.answers,
        previous=previous, duty_in_measures=source.duty_in_measures, typed_figures=source.is_answers,
    )
    if alone or not source.is_answers:
        return findings
    from drafter.checks.linked import Report, check_linked, siblings

    this = Report(source.path, source.answers, source.pack, source.doc)
    linked = [f for other in siblings(source.path, source.answers) for f in check_linked(this, other)]
    return sort_findings(source.doc, findings + linked) if linked else findings
