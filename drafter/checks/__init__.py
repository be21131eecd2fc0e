"""The checks engine: a composed report in, findings out (rule, severity, part, excerpt, message).

Every word list and pattern comes from the pack's ``terms.toml`` (compiled once per pack); this package never
imports textual. :func:`check_answers` composes an answers file and checks it with its typed figures and the
provenance of its paragraphs; :func:`check_document` checks any composed or imported Document;
:func:`fix_answers` applies the safe fixes (punctuation).
"""

from __future__ import annotations

from drafter.checks.compiled import Compiled, compiled
from drafter.checks.dispatch import check_dispatch_dates
from drafter.checks.figures import check_prose_figures, check_typed_figures, last_years_figures
from drafter.checks.findings import RULES, SEVERITY_ORDER, Finding, RuleGroup, Severity, rule_groups
from drafter.checks.laws import check_institutions, check_laws, organisation_level
from drafter.checks.places import check_places, own_places
from drafter.checks.privacy import check_privacy, secrecy_set
from drafter.checks.tables import check_tables
from drafter.checks.text import (
    Unit,
    check_debris,
    check_figure_markers,
    check_fullwidth_digits,
    check_leading_zeros,
    check_placeholders,
    check_punctuation,
    finding,
    fix_halfwidth,
    units,
)
from drafter.checks.years import check_dated_facts, check_terms, check_years
from drafter.compose import Block, Document, Kind, compose
from drafter.doc_number import copies_to_recipients
from drafter.figures import confirmed_keys, fix_text, render, scan, values_of
from drafter.i18n import _
from drafter.model import Answers, Organisation, Paragraph, Provenance
from drafter.outline import paragraph_at
from drafter.pack import Pack, Role

__all__ = [
    "RULES",
    "Finding",
    "RuleGroup",
    "Severity",
    "by_section",
    "check_answers",
    "check_document",
    "fix_answers",
    "has_errors",
    "rule_groups",
]

_MIN_REPEAT = 12
"""Paragraphs shorter than this many characters are never reported as repeated or unchanged."""


def check_document(
    doc: Document,
    pack: Pack,
    *,
    year: int,
    org: Organisation | None,
    answers: Answers | None = None,
    previous: Answers | None = None,
    duty_in_measures: bool = False,
    typed_figures: bool = True,
) -> list[Finding]:
    """All checks on ``doc``, a report about ``year`` by ``org`` (None: place names are not checked).

    With ``answers`` the typed figures and the provenance of paragraphs are checked too; with ``previous``
    (last year's answers) paragraphs and figures are compared with last year's. ``typed_figures``: False when
    the answers' figures were read from the prose itself (a .docx or .txt): the prose is then judged against
    itself only, never against figures taken from it.
    """
    c = compiled(pack)
    values = values_of(answers if typed_figures else None, pack)
    out: list[Finding] = []
    if not duty_in_measures and answers is not None:  # duty_item: None when the duty part is written as its own
        from drafter.importer import duty_item  # one measure of duty written inside another part (the import's)

        duty_in_measures = duty_item(answers, pack) is not None
    out.extend(_structure(c, doc, pack, duty_in_measures))
    own = own_places(c, org) if org is not None else None
    level = organisation_level(c, org.name) if org is not None else ""
    texts = [unit for unit in units(doc.blocks) if unit.block.kind is not Kind.DATE]
    out.extend(check_prose_figures(c, pack, texts, values))
    for unit in texts:
        out.extend(check_years(c, unit, year))
        out.extend(check_terms(c, unit, year))
        out.extend(check_dated_facts(c, unit))
        if own is not None:
            out.extend(check_places(c, unit, own))
        out.extend(check_figure_markers(unit, values.catalogue))
        out.extend(check_leading_zeros(c, unit, values.catalogue))
        out.extend(check_fullwidth_digits(unit))
        out.extend(check_punctuation(c, unit))
        out.extend(check_placeholders(c, unit))
        out.extend(check_debris(unit))
        out.extend(check_privacy(c, unit))
        out.extend(check_laws(c, unit, year))
        out.extend(check_institutions(c, unit, level))
    out.extend(_repeats(doc, pack, answers, previous))
    if answers is not None:
        out.extend(check_tables(answers, pack, previous))
        out.extend(check_typed_figures(doc, pack, answers, previous))
        out.extend(secrecy_set(answers.dispatch.secrecy))
        out.extend(check_dispatch_dates(answers))
        out.extend(_copy_to(answers.org))
    return sort_findings(doc, out)


def _copy_to(org: Organisation) -> list[Finding]:
    """``dispatch.copy-to-recipient``: a 抄送 organ that is a 主送 organ or its office (GB/T 9704 §7.4.2)."""
    return [finding("dispatch.copy-to-recipient", None, organ,
                    _("抄送 lists {organ}, which the report is addressed to already (主送: {recipients})").format(
                        organ=organ, recipients=org.recipients),
                    _("Remove {organ} from 抄送.").format(organ=organ))
            for organ in copies_to_recipients(org.recipients, org.copy_to)]


def check_answers(answers: Answers, pack: Pack, previous: Answers | None = None) -> list[Finding]:
    """Compose ``answers`` and check the result, its typed figures and its paragraphs' provenance."""
    return check_document(compose(answers, pack), pack, year=answers.year, org=answers.org, answers=answers,
                          previous=previous)


def by_section(findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """Findings grouped by part key (None: title, opening and signature), keeping their order."""
    groups: dict[str | None, list[Finding]] = {}
    for item in findings:
        groups.setdefault(item.section, []).append(item)
    return groups


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding has severity error."""
    return any(f.severity is Severity.ERROR for f in findings)


def sort_findings(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Findings in the order of the report's parts, then by place inside the part, then by severity."""
    order: dict[str | None, int] = {None: -1}
    for block in doc.blocks:
        if block.section not in order:
            order[block.section] = len(order)

    def key(f: Finding) -> tuple[int, tuple[int, ...], int]:
        return (order.get(f.section, len(order)), f.path, SEVERITY_ORDER[f.severity])

    return sorted(findings, key=key)


# ---- structure --------------------------------------------------------------------------------------------


def _structure(c: Compiled, doc: Document, pack: Pack, duty_in_measures: bool) -> list[Finding]:
    out: list[Finding] = []
    present: set[str] = set()
    for block in doc.blocks:
        if block.section and (block.kind in (Kind.PARAGRAPH, Kind.TABLE) or block.body
                              or (block.kind is Kind.HEADING and block.level > 1)):
            present.add(block.section)
    duty = pack.spec.key_of(Role.DUTY)
    if duty is not None and duty_in_measures:
        present.add(duty)
    for spec in pack.spec.sections:
        if spec.required and spec.key not in present:
            out.append(finding(
                "structure.missing-section", None, "",
                _("the mandated part “{label}” is missing or empty").format(label=spec.label),
                spec.guidance.strip().splitlines()[0] if spec.guidance.strip() else "",
                section=spec.key,
            ))
    problems = pack.spec.key_of(Role.PROBLEMS)
    if problems is not None and problems in present:
        blocks = doc.of_section(problems)
        texts = [b.body if b.kind is Kind.HEADING and b.level == 1 else b.text + b.body for b in blocks]
        if not any(c.causes.search(t) for t in texts):
            heading = next((b for b in blocks if b.kind is Kind.HEADING and b.level == 1), None)
            out.append(Finding(
                rule="structure.missing-causes", severity=RULES["structure.missing-causes"], section=problems,
                excerpt=heading.text if heading else "",
                message=_("the problems part names shortcomings but gives no causes"),
                suggestion=_("The rules ask for the shortcomings and their causes: add why they arose."),
                path=heading.path if heading else (),
            ))
    if not any(b.kind is Kind.SIGNATURE and b.text.strip() for b in doc.blocks):
        if pack.spec.signed_by == "person":
            out.append(finding("structure.missing-signature", None, "", _("the report is not signed by its author"),
                               _("Add the post and name of the person who reports, as a signatory.")))
        else:
            out.append(finding("structure.missing-signature", None, "", _("the report has no signing organ"),
                               _("Add the organ(s) that sign the report.")))
    if not any(b.kind is Kind.DATE and b.text.strip() for b in doc.blocks):
        out.append(finding("structure.missing-signature", None, "", _("the report has no date"),
                           _("Add the date under the signature.")))
    return out


# ---- repeated and unchanged paragraphs ------------------------------------------------------------------------


def _norm(text: str) -> str:
    return "".join(text.split())


def _paragraph_at(answers: Answers, block: Block) -> Paragraph | None:
    """The paragraph of ``answers`` a paragraph block (or a run-in heading's body) was composed from."""
    section = answers.sections.get(block.section) if block.section else None
    return paragraph_at(section, block.path) if section is not None else None


def _body_units(doc: Document) -> list[Unit]:
    out = []
    for block in doc.blocks:
        if block.kind is Kind.PARAGRAPH and block.section is not None:
            out.append(Unit(block, block.text))
        elif block.kind is Kind.HEADING and block.body:
            out.append(Unit(block, block.body))
    return out


def _excerpt(text: str) -> str:
    return text[:30]


def _repeats(doc: Document, pack: Pack, answers: Answers | None, previous: Answers | None) -> list[Finding]:
    """Paragraphs repeated, the same as last year's (as last year's report printed them), or carried over and not
    reviewed; of these, those that state last year's figure where this year's is empty or another, naming it."""
    out: list[Finding] = []
    now = values_of(answers, pack)
    seen: set[str] = set()
    last_year: set[str] = set()
    if previous is not None:
        before = values_of(previous, pack)
        for _key, section in previous.section_items():
            last_year.update(_norm(render(p.text, before)) for p in section.all_paragraphs())
    boilerplate = compiled(pack).boilerplate
    for unit in _body_units(doc):
        key = _norm(unit.text)
        if len(key) < _MIN_REPEAT or boilerplate.fullmatch(key):
            continue
        if key in seen:
            out.append(finding("text.duplicate", unit, _excerpt(unit.text), _("the same paragraph appears twice"),
                               _("Delete one of them.")))
            continue
        seen.add(key)
        carried = False
        if answers is not None:
            para = _paragraph_at(answers, unit.block)
            carried = (para is not None and para.provenance is Provenance.CARRIED
                       and _norm(render(para.text, now)) == key)
        if key in last_year:
            message = _("this paragraph is word for word the same as last year's")
        elif carried:
            message = _("this paragraph was carried over from last year and has not been reviewed")
        else:
            continue
        # the figures it states at last year's value while this year's are empty or others: a rule of its own, so
        # that among the many paragraphs a carry leaves unchanged these are never folded into one line
        stale = last_years_figures(unit.text, now, answers, previous) if answers is not None else []
        out.append(finding("text.last-year-figure" if stale else "text.unchanged", unit, _excerpt(unit.text),
                           _("; ").join([message, *stale]),
                           _("Rewrite it with this year's work and figures, or confirm it still holds.")))
    return out


# ---- fixes --------------------------------------------------------------------------------------------------


def fix_answers(answers: Answers, pack: Pack) -> tuple[Answers, list[str]]:
    """Apply the safe fixes to a copy of ``answers``: half-width punctuation in Chinese text, and figures the
    prose states otherwise than the form (made live figures) or rates their counts contradict (``figure.mismatch``).

    Returns the fixed copy and one description per change.
    """
    c = compiled(pack)
    values = values_of(answers, pack)
    doc = compose(answers, pack)
    confirmed = confirmed_keys([m for u in units(doc.blocks) for m in scan(u.text, values.catalogue)], values)
    fixed = answers.model_copy(deep=True)
    changes: list[str] = []

    def fix(text: str, where: str) -> str:
        new, count = fix_halfwidth(c, text)
        if count:
            changes.append(_("{where}: {n} half-width punctuation mark(s) made full-width in “{excerpt}”").format(
                where=where, n=count, excerpt=_excerpt(text)))
        new, mismatches = fix_text(new, values, confirmed)
        for mismatch in mismatches:
            stated = mismatch.mention.written + ("%" if mismatch.mention.is_rate else mismatch.mention.unit)
            spec = pack.figure(mismatch.key or "")
            if spec is not None:
                changes.append(_("{where}: “{stated}” replaced by the live figure “{label}” ({value})").format(
                    where=where, stated=stated, label=spec.label, value=mismatch.expected))
            else:
                changes.append(_("{where}: the rate “{stated}” corrected to {value}").format(
                    where=where, stated=stated, value=mismatch.expected))
        return new

    if fixed.opening:
        fixed.opening = fix(fixed.opening, _("opening"))
    for key, section in fixed.section_items():
        spec = pack.section(key)
        label = spec.label if spec else key
        if section.heading:
            section.heading = fix(section.heading, label)
        for para in section.intro:
            para.text = fix(para.text, label)
        stack = list(section.items)
        while stack:
            item = stack.pop(0)
            if item.heading:
                item.heading = fix(item.heading, label)
            for para in item.paragraphs:
                para.text = fix(para.text, label)
            stack[0:0] = item.items
    return fixed, changes
