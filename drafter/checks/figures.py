"""Checks of figures: prose against the form, rates against their counts, parts against their totals.

Every number is read by the one prose scanner of :mod:`drafter.figures`; this module only words the findings.
"""

from __future__ import annotations

from drafter.checks.compiled import Compiled
from drafter.checks.findings import RULES, Finding
from drafter.checks.text import Unit, finding, units
from drafter.compose import Block, Document
from drafter.figures import (
    Mention,
    Mismatch,
    Values,
    against_form,
    broken_in_prose,
    broken_rules,
    catalogue,
    confirmed_keys,
    has_number,
    percent_over_100,
    rate_mismatches,
    scan,
    sentences,
    with_unit,
)
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack
from drafter.tables import table_name


def _is_part(c: Compiled, count: Mention) -> bool:
    return any(marker in count.label for marker in c.part_markers)


def check_prose_figures(c: Compiled, pack: Pack, texts: list[Unit], values: Values) -> list[Finding]:
    """Figures in prose: ``figure.mismatch`` (a figure against the form, a rate against the counts of its
    sentence) and ``figure.inconsistent`` (parts against their total, a rate above 100%).

    ``values``: the form's figures (none typed for a .docx or .txt checked without answers).
    """
    cat = values.catalogue
    scanned = [(unit, scan(unit.text, cat)) for unit in texts if has_number(unit.text)]
    confirmed = confirmed_keys([m for _unit, found in scanned for m in found], values)
    out: list[Finding] = []
    for unit, mentions in scanned:
        if mentions:
            out.extend(_unit_findings(c, pack, unit, mentions, values, confirmed))
    return out


def _unit_findings(c: Compiled, pack: Pack, unit: Unit, mentions: list[Mention], values: Values,
                   confirmed: frozenset[str]) -> list[Finding]:
    text = unit.text
    out: list[Finding] = []
    for mention in mentions:
        if percent_over_100(mention) and mention.rate_word:
            out.append(finding("figure.inconsistent", unit, _excerpt(text, mention),
                               _("a rate of more than 100%"), _("Check the counts the rate is computed from.")))
    judged: set[int] = set()
    for mismatch in against_form(mentions, values, confirmed):
        judged.add(mismatch.mention.start)
        out.append(_form_finding(pack, unit, values, mismatch))
    for mismatch in rate_mismatches(text, mentions, values.catalogue):
        if mismatch.mention.start in judged:
            continue
        assert mismatch.numerator is not None and mismatch.denominator is not None
        stated = mismatch.mention.written + "%"
        out.append(finding(
            "figure.mismatch", unit, _excerpt(text, mismatch.mention),
            _("the rate {stated} does not match the counts: {num} of {den} is {actual}").format(
                stated=stated, num=mismatch.numerator.written, den=mismatch.denominator.written,
                actual=mismatch.expected),
            _("Write {actual}, or correct the counts.").format(actual=mismatch.expected),
            fixable=True,
        ))
    for start, end in sentences(text):
        counts = [m for m in mentions if start <= m.start < end and not m.is_rate]
        if len(counts) > 1:
            out.extend(_check_parts(c, unit, counts))
            out.extend(_check_relations(unit, counts, pack))
    return out


def _excerpt(text: str, mention: Mention) -> str:
    return text[mention.start - len(mention.label):mention.end]


def _form_finding(pack: Pack, unit: Unit, values: Values, mismatch: Mismatch) -> Finding:
    mention = mismatch.mention
    spec = values.catalogue.get(mismatch.key or "")
    label = spec.label if spec else mismatch.key or ""
    stated = with_unit(mention.written, mention.unit)
    expected = with_unit(mismatch.expected, spec.unit if spec else "")
    table = pack.table(spec.cell.split(".")[0]) if spec is not None and spec.kind == "cell" else None
    if table is not None:  # a cell figure: the prose is judged against the table, never against the form
        name = table_name(table)
        return finding(
            "figure.mismatch", unit, _excerpt(unit.text, mention),
            _("the text says {stated} for “{label}”, {table} says {expected}").format(
                stated=stated, label=label, table=name, expected=expected),
            _("Write {expected}: the fix puts the live figure in, which follows {table}.").format(
                expected=expected, table=name),
            fixable=True,
        )
    return finding(
        "figure.mismatch", unit, _excerpt(unit.text, mention),
        _("the text says {stated} for “{label}”, the figures form says {expected}").format(
            stated=stated, label=label, expected=expected),
        _("Write {expected}: the fix puts the live figure in, which follows the form.").format(expected=expected),
        fixable=True,
    )


def _check_relations(unit: Unit, counts: list[Mention], pack: Pack) -> list[Finding]:
    """The pack's ``le`` relations on the counts of one sentence (调处成功 ≤ 排查矛盾纠纷)."""
    out: list[Finding] = []
    for part, whole in broken_in_prose(counts, pack):
        first, last = sorted((part, whole), key=lambda x: x.start)
        out.append(finding(
            "figure.inconsistent", unit, unit.text[first.start:last.end],
            _("a part ({part}) is larger than its whole ({whole})").format(part=part.value, whole=whole.value),
            _("Check the figures."),
        ))
    return out


def _check_parts(c: Compiled, unit: Unit, counts: list[Mention]) -> list[Finding]:
    out: list[Finding] = []
    index = 0
    text = unit.text
    while index < len(counts):
        if not _is_part(c, counts[index]):
            index += 1
            continue
        run = [counts[index]]
        index += 1
        while index < len(counts) and _is_part(c, counts[index]) and counts[index].unit == run[0].unit:
            run.append(counts[index])
            index += 1
        wholes = [x for x in counts if x.end <= run[0].start and x.unit == run[0].unit and not _is_part(c, x)]
        if not wholes or not all(x.exact for x in run) or not wholes[-1].exact:
            continue
        nearest = wholes[-1]
        exact_wholes = [x.value for x in wholes if x.exact]
        excerpt = text[nearest.start:run[-1].end]
        bigger = [x for x in run if x.value > max(exact_wholes)]
        if bigger:
            out.append(finding(
                "figure.inconsistent", unit, excerpt,
                _("a part ({part}) is larger than its whole ({whole})").format(
                    part=bigger[0].value, whole=nearest.value),
                _("Check the figures."),
            ))
            continue
        if len(run) < 2:
            continue
        total = sum(x.value for x in run)
        if total not in exact_wholes:
            out.append(finding(
                "figure.inconsistent", unit, excerpt,
                _("the parts add up to {sum}, not to the total {total}").format(sum=total, total=nearest.value),
                _("Check the figures."),
            ))
    return out


# ---- typed figures ---------------------------------------------------------------------------------------


def _locate(doc: Document, pack: Pack, section: str, key: str, value: int) -> tuple[Block | None, str]:
    """The block of ``section`` whose prose states figure ``key`` as ``value`` (whole numbers only: 1 is never
    found inside 11), preferring a mention named by the figure's cue words."""
    cat = catalogue(pack)
    spec = cat.get(key)
    fallback: tuple[Block | None, str] = (None, "")
    for block in doc.of_section(section):
        for text in (block.text, block.body):
            for mention in scan(text, cat) if text else ():
                if mention.value != value or (spec is not None and mention.unit != spec.unit):
                    continue
                found = (block, text[mention.start:mention.end])
                if mention.key == key:
                    return found
                if fallback[0] is None:
                    fallback = found
    return fallback


def _typed(rule: str, doc: Document, pack: Pack, key: str, value: int, message: str, suggestion: str) -> Finding:
    spec = pack.figure(key)
    section = spec.section if spec else pack.spec.home_key()
    block, excerpt = _locate(doc, pack, section, key, value)
    if block is None:
        excerpt = spec.label if spec else key
    return Finding(rule=rule, severity=RULES[rule], section=section, excerpt=excerpt, message=message,
                   suggestion=suggestion, path=block.path if block else ())


def check_typed_figures(doc: Document, pack: Pack, answers: Answers, previous: Answers | None) -> list[Finding]:
    """``figure.inconsistent`` between typed figures (the pack's relations) and ``figure.unchanged``."""
    out: list[Finding] = []
    for broken in broken_rules(answers, pack):
        rel = broken.relation
        if rel.kind == "le":
            message = _("{part} ({value}) is larger than {whole} ({whole_value})").format(
                part=_label(pack, broken.figure), value=broken.value, whole=_label(pack, rel.whole or ""),
                whole_value=broken.other)
            suggestion = _("Check the two figures.")
        else:
            message = _("{parts} add up to {sum}, not to {total} ({value})").format(
                parts="、".join(_label(pack, k) for k in rel.parts), sum=broken.other,
                total=_label(pack, broken.figure), value=broken.value)
            suggestion = _("Check the figures.")
        out.append(_typed("figure.inconsistent", doc, pack, broken.figure, broken.value, message, suggestion))
    for key, fig in answers.figures.items():
        spec = pack.figure(key)
        if fig.value is None or spec is None or spec.kind != "count":
            continue
        before = last_year_value(answers, previous, key)
        if before is not None and before == fig.value:
            out.append(_typed(
                "figure.unchanged", doc, pack, key, fig.value,
                _("{label} is the same as last year ({value})").format(label=spec.label, value=fig.value),
                _("Confirm the figure is this year's."),
            ))
    return out


def last_year_value(answers: Answers, previous: Answers | None, key: str) -> int | None:
    """Last year's count of figure ``key``: last year's report's when it is at hand, else the one kept beside this
    year's when the report was carried forward."""
    if previous is not None:
        return previous.figure_value(key)
    fig = answers.figures.get(key)
    return fig.previous if fig is not None else None


def last_years_figures(text: str, values: Values, answers: Answers, previous: Answers | None) -> list[str]:
    """What ``text`` states of last year's figures: for each count its cue words name and that it states at last
    year's value while this year's is not filled in or is another, a clause naming the figure, the value stated and
    this year's (for the message of a paragraph carried over or unchanged from last year)."""
    out: list[str] = []
    for mention in scan(text, values.catalogue):
        spec = values.catalogue.get(mention.key or "")
        if spec is None or spec.kind != "count" or not mention.exact:
            continue
        before, now = last_year_value(answers, previous, spec.key), answers.figure_value(spec.key)
        if before is None or mention.value != before or now == before:
            continue
        stated = with_unit(mention.written, mention.unit)
        if now is None:
            out.append(_("“{label} {stated}” in it is last year's figure, and this year's is not filled in").format(
                label=spec.label, stated=stated))
        else:
            out.append(_("“{label} {stated}” in it is last year's figure, and this year's is {now}").format(
                label=spec.label, stated=stated, now=with_unit(str(now), spec.unit)))
    return out


def _label(pack: Pack, key: str) -> str:
    spec = pack.figure(key)
    return spec.label if spec else key


__all__ = ["check_prose_figures", "check_typed_figures", "last_year_value", "last_years_figures", "units"]
