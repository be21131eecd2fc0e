"""Checks of figures: rates against their counts and parts against their totals, in prose and typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.checks.compiled import Compiled, number_value
from drafter.checks.findings import RULES, Finding
from drafter.checks.text import Unit, finding, units
from drafter.compose import Block, Document
from drafter.figures import broken_rules
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack

_LABEL_MAX = 16
"""At most this many Han characters before a count are its label."""
_DIGIT = re.compile(r"\d")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True)
class Count:
    """A count found in prose: ``label`` is the Han text right before the number."""

    value: int
    unit: str
    label: str
    exact: bool
    start: int
    end: int


def _counts(c: Compiled, text: str, start: int, end: int) -> list[Count]:
    out = []
    for m in c.count.finditer(text, start, end):
        begin = m.start()
        while begin > start and m.start() - begin < _LABEL_MAX and _is_han(text[begin - 1]):
            begin -= 1
        label = text[begin:m.start()]
        exact = not m.group(2) and not any(label.endswith(a) for a in c.approximate)
        out.append(Count(number_value(m.group(1)), m.group(3), label, exact, m.start(), m.end()))
    return out


def _is_part(c: Compiled, count: Count) -> bool:
    return any(marker in count.label for marker in c.part_markers)


def _fmt_rate(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}%"


def check_prose_figures(c: Compiled, unit: Unit) -> list[Finding]:
    """``figure.inconsistent`` in prose: a rate against the counts of its sentence, parts against their total."""
    text = unit.text
    if not any(ch.isdigit() for ch in text):
        return []
    out: list[Finding] = []
    for sentence in c.sentence.finditer(text):
        s_start, s_end = sentence.span()
        if not _DIGIT.search(text, s_start, s_end):
            continue
        counts = _counts(c, text, s_start, s_end)
        for rate in c.rate.finditer(text, s_start, s_end):
            out.extend(_check_rate(unit, rate, counts))
        out.extend(_check_parts(c, unit, counts))
        out.extend(_check_relations(c, unit, counts))
    return out


def _check_relations(c: Compiled, unit: Unit, counts: list[Count]) -> list[Finding]:
    """The pack's ``le`` relations on counts named by their aliases in one sentence (调处成功 ≤ 排查矛盾纠纷)."""
    out: list[Finding] = []
    exact = [x for x in counts if x.exact]
    for part_aliases, whole_aliases in c.le_aliases:
        parts = [x for x in exact if any(a in x.label for a in part_aliases)
                 and not any(a in x.label for a in whole_aliases)]
        wholes = [x for x in exact if any(a in x.label for a in whole_aliases)
                  and not any(a in x.label for a in part_aliases)]
        for part in parts:
            whole = next((w for w in wholes if w.unit == part.unit), None)
            if whole is not None and part.value > whole.value:
                first, last = sorted((part, whole), key=lambda x: x.start)
                out.append(finding(
                    "figure.inconsistent", unit, unit.text[first.start:last.end],
                    _("a part ({part}) is larger than its whole ({whole})").format(part=part.value, whole=whole.value),
                    _("Check the figures."),
                ))
    return out


def _check_rate(unit: Unit, rate: re.Match[str], counts: list[Count]) -> list[Finding]:
    stated = float(rate.group(2))
    decimals = len(rate.group(2).split(".")[1]) if "." in rate.group(2) else 0
    excerpt = rate.group(0)
    if stated > 100:
        return [finding("figure.inconsistent", unit, excerpt,
                        _("a rate of more than 100%"), _("Check the counts the rate is computed from."))]
    before = [x for x in counts if x.end <= rate.start()]
    if not before:
        return []
    nearest_unit = before[-1].unit
    before = [x for x in before if x.exact and x.unit == nearest_unit]
    by_unit: dict[str, list[Count]] = {}
    for x in before:
        by_unit.setdefault(x.unit, []).append(x)
    tolerance = 10.0 ** -decimals
    judged = False
    for group in by_unit.values():
        if len(group) < 2:
            continue
        judged = True
        for i, den in enumerate(group):
            for j, num in enumerate(group):
                if i != j and den.value > 0 and num.value <= den.value \
                        and abs(100.0 * num.value / den.value - stated) < tolerance:
                    return []
    if not judged:
        return []
    group = next(g for g in by_unit.values() if len(g) >= 2)
    den = max(group, key=lambda x: x.value)
    part = next((x for x in reversed(group) if x is not den and x.value <= den.value), None)
    if part is None or den.value == 0:
        return []
    num = part
    actual = 100.0 * num.value / den.value
    shown = max(decimals, 1)
    return [finding(
        "figure.inconsistent", unit, excerpt,
        _("the rate {stated} does not match the counts: {num} of {den} is {actual}").format(
            stated=rate.group(2) + "%", num=num.value, den=den.value, actual=_fmt_rate(actual, shown)),
        _("Write {actual}, or correct the counts.").format(actual=_fmt_rate(actual, shown)),
    )]


def _check_parts(c: Compiled, unit: Unit, counts: list[Count]) -> list[Finding]:
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


def _locate(doc: Document, section: str, value: int, unit_word: str) -> tuple[Block | None, str]:
    needle = f"{value}{unit_word}"
    for block in doc.of_section(section):
        for text in (block.text, block.body):
            if needle in text:
                return block, needle
    return None, ""


def _typed(rule: str, doc: Document, pack: Pack, key: str, value: int, message: str, suggestion: str) -> Finding:
    spec = pack.figure(key)
    section = spec.section if spec else "measures"
    block, excerpt = _locate(doc, section, value, spec.unit if spec else "")
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
        before = previous.figure_value(key) if previous is not None else fig.previous
        if before is not None and before == fig.value:
            out.append(_typed(
                "figure.unchanged", doc, pack, key, fig.value,
                _("{label} is the same as last year ({value})").format(label=spec.label, value=fig.value),
                _("Confirm the figure is this year's."),
            ))
    return out


def _label(pack: Pack, key: str) -> str:
    spec = pack.figure(key)
    return spec.label if spec else key


__all__ = ["check_prose_figures", "check_typed_figures", "units"]
